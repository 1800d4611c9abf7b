//! Versioned migrations. The version lives in SQLite's `user_version`; each migration runs in
//! its own transaction together with the version bump, so a crash leaves the file at a known
//! version. Append new migrations at the end; never edit a released one.

use rusqlite::{Connection, TransactionBehavior};

use crate::StoreError;

/// The migrations, in order: `MIGRATIONS[i]` takes the schema from version `i` to `i + 1`.
const MIGRATIONS: &[&str] = &[V1, V2, V3, V4, V5, V6, V7, V8, V9, V10, V11, V12, V13];

/// The newest schema version this build knows.
pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

/// Bring the database up to [`SCHEMA_VERSION`].
pub fn migrate(conn: &mut Connection, path: &str) -> Result<(), StoreError> {
    migrate_to(conn, path, SCHEMA_VERSION)
}

/// Bring the database up to `target` (tests make stores of older versions with it).
///
/// Each step reads the version inside its own write transaction (taken up front, so the busy
/// timeout applies): two first runs on one new file then migrate one after the other, and the
/// second finds the work done, instead of both reading version 0 and racing to create tables.
fn migrate_to(conn: &mut Connection, path: &str, target: i64) -> Result<(), StoreError> {
    let wanted = target.clamp(0, SCHEMA_VERSION);
    loop {
        let tx = conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(|source| StoreError::open(path, source))?;
        let found: i64 = tx
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .map_err(|source| StoreError::open(path, source))?;
        if found > SCHEMA_VERSION {
            return Err(StoreError::TooNew {
                path: path.to_string(),
                found,
                known: SCHEMA_VERSION,
            });
        }
        let next = found.max(0);
        if next >= wanted {
            return Ok(());
        }
        let version = next + 1;
        let fail = |source: rusqlite::Error| StoreError::migration(version, source);
        let sql = MIGRATIONS.get(next as usize).copied().unwrap_or("");
        tx.execute_batch(sql).map_err(fail)?;
        tx.pragma_update(None, "user_version", version)
            .map_err(fail)?;
        tx.commit().map_err(fail)?;
    }
}

/// Version 1: articles (+ FTS5), aliases, mentions, events, dyads, stories, ingest bookkeeping.
/// SCHEMA.md documents every column.
const V1: &str = r#"
CREATE TABLE articles (
    n                  INTEGER PRIMARY KEY,
    id                 TEXT NOT NULL UNIQUE,
    url                TEXT,
    canonical_url      TEXT,
    site               TEXT,
    title              TEXT,
    standfirst         TEXT,
    bylines            TEXT NOT NULL DEFAULT '[]',
    published          TEXT,
    modified           TEXT,
    dateline           TEXT,
    language           TEXT,
    text               TEXT NOT NULL,
    day                INTEGER,
    content_hash       TEXT NOT NULL,
    simhash            INTEGER NOT NULL,
    duplicate_of       TEXT,
    duplicate_kind     TEXT,
    duplicate_distance INTEGER,
    story_id           TEXT NOT NULL,
    sentences          TEXT NOT NULL DEFAULT '[]',
    warnings           TEXT NOT NULL DEFAULT '[]',
    source             TEXT NOT NULL,
    fetched_url        TEXT,
    fetched_at         TEXT,
    ingested_at        TEXT NOT NULL
);
CREATE INDEX articles_content_hash ON articles(content_hash);
CREATE INDEX articles_story ON articles(story_id, day);
CREATE INDEX articles_day ON articles(day);

CREATE VIRTUAL TABLE articles_fts USING fts5(
    title, standfirst, text,
    content = 'articles', content_rowid = 'n',
    tokenize = 'unicode61 remove_diacritics 2'
);
CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
    INSERT INTO articles_fts(rowid, title, standfirst, text)
    VALUES (new.n, new.title, new.standfirst, new.text);
END;
CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
    INSERT INTO articles_fts(articles_fts, rowid, title, standfirst, text)
    VALUES ('delete', old.n, old.title, old.standfirst, old.text);
END;
CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, standfirst, text ON articles BEGIN
    INSERT INTO articles_fts(articles_fts, rowid, title, standfirst, text)
    VALUES ('delete', old.n, old.title, old.standfirst, old.text);
    INSERT INTO articles_fts(rowid, title, standfirst, text)
    VALUES (new.n, new.title, new.standfirst, new.text);
END;

CREATE TABLE aliases (
    key          TEXT PRIMARY KEY,
    article_id   TEXT NOT NULL,
    kind         TEXT NOT NULL,
    distance     INTEGER NOT NULL,
    source       TEXT NOT NULL,
    ingested_at  TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE mentions (
    article   INTEGER NOT NULL,
    start     INTEGER NOT NULL,
    end       INTEGER NOT NULL,
    sentence  INTEGER NOT NULL,
    kind      TEXT NOT NULL,
    code      TEXT NOT NULL,
    name      TEXT NOT NULL,
    why       TEXT NOT NULL
);
CREATE INDEX mentions_article ON mentions(article);
CREATE INDEX mentions_code ON mentions(code);

CREATE TABLE events (
    n                INTEGER PRIMARY KEY,
    id               TEXT NOT NULL UNIQUE,
    coder_id         TEXT NOT NULL,
    article          INTEGER NOT NULL,
    story_id         TEXT NOT NULL,
    event_key        TEXT NOT NULL,
    sentence         INTEGER NOT NULL,
    source           TEXT NOT NULL,
    target           TEXT NOT NULL,
    source_codes     TEXT NOT NULL,
    target_codes     TEXT NOT NULL,
    plover           TEXT,
    plover_mode      TEXT,
    plover_contexts  TEXT NOT NULL DEFAULT '[]',
    intensity        REAL,
    cameo            TEXT NOT NULL,
    goldstein        REAL,
    quad_class       INTEGER,
    modality         TEXT NOT NULL,
    claimed_by       TEXT,
    location         TEXT,
    location_name    TEXT,
    location_country TEXT,
    date             TEXT,
    day              INTEGER,
    evidence_start   INTEGER NOT NULL,
    evidence_end     INTEGER NOT NULL,
    evidence_text    TEXT NOT NULL,
    rule             TEXT NOT NULL,
    mentions         INTEGER NOT NULL,
    num_articles     INTEGER NOT NULL DEFAULT 1,
    num_sources      INTEGER NOT NULL DEFAULT 1,
    first_report     INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX events_article ON events(article);
CREATE INDEX events_group ON events(story_id, event_key);
CREATE INDEX events_day ON events(day);
CREATE INDEX events_plover_day ON events(plover, day);

CREATE TABLE dyads (
    event         INTEGER NOT NULL,
    src           TEXT NOT NULL,
    tgt           TEXT NOT NULL,
    src_root      TEXT NOT NULL,
    tgt_root      TEXT NOT NULL,
    day           INTEGER,
    plover        INTEGER,
    quad          INTEGER,
    intensity     REAL,
    goldstein     REAL,
    first_report  INTEGER NOT NULL,
    root_first    INTEGER NOT NULL
);
CREATE INDEX dyads_roots ON dyads(src_root, tgt_root, root_first, day, plover, quad, intensity,
                                  goldstein, first_report, event, src, tgt);
CREATE INDEX dyads_tgt ON dyads(tgt_root, day, src_root, src, tgt, first_report, event);
CREATE INDEX dyads_event ON dyads(event);

CREATE TABLE stories (
    n           INTEGER PRIMARY KEY,
    id          TEXT NOT NULL UNIQUE,
    title       TEXT,
    first_day   INTEGER,
    last_day    INTEGER,
    articles    INTEGER NOT NULL DEFAULT 0,
    outlets     INTEGER NOT NULL DEFAULT 0,
    events      INTEGER NOT NULL DEFAULT 0,
    profile     TEXT NOT NULL DEFAULT '{}',
    updated_at  TEXT NOT NULL
);
CREATE INDEX stories_last_day ON stories(last_day);

CREATE TABLE checkpoints (
    source      TEXT PRIMARY KEY,
    records     INTEGER NOT NULL,
    updated_at  TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE fetched (
    url         TEXT PRIMARY KEY,
    outcome     TEXT NOT NULL,
    fetched_at  TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE runs (
    n            INTEGER PRIMARY KEY,
    started_at   TEXT NOT NULL,
    finished_at  TEXT NOT NULL,
    command      TEXT NOT NULL,
    report       TEXT NOT NULL
);
"#;

/// Version 2: the reads of the dashboard at a million events.
///
/// - `actor_counts` and `actor_pairs`: happenings per actor code (as source, as target) and
///   per (source code, target code) pair, kept exact by triggers on every write path (insert,
///   a replaced article's delete, the corroboration recount that moves `first_report`), so the
///   actor list and an actor's counterparts read a few hundred summary rows instead of
///   grouping every dyad row of the store.
/// - `dyads_src_day`: a source actor's events newest day first (the target side already has
///   `dyads_tgt`), so a page of one actor's events costs what the page holds.
/// - `events_happenings_day`: a partial index of first reports by (type, day), so the
///   whole-store type series counts happenings, not reports, without reading event rows.
const V2: &str = r#"
CREATE TABLE actor_counts (
    code       TEXT PRIMARY KEY,
    as_source  INTEGER NOT NULL DEFAULT 0,
    as_target  INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;

INSERT INTO actor_counts (code, as_source, as_target)
SELECT code, SUM(s), SUM(t) FROM (
    SELECT src AS code, COUNT(DISTINCT event) AS s, 0 AS t FROM dyads
     WHERE first_report = 1 AND src != '' GROUP BY src
    UNION ALL
    SELECT tgt, 0, COUNT(DISTINCT event) FROM dyads
     WHERE first_report = 1 AND tgt != '' GROUP BY tgt
) GROUP BY code;

-- One event names each code once per side (codes trimmed and deduplicated, as in `dyads`).
CREATE TRIGGER actor_counts_insert AFTER INSERT ON events WHEN new.first_report = 1 BEGIN
    INSERT INTO actor_counts (code, as_source)
        SELECT DISTINCT trim(json_extract(value, '$.code')), 1 FROM json_each(new.source)
         WHERE trim(json_extract(value, '$.code')) != ''
        ON CONFLICT(code) DO UPDATE SET as_source = as_source + 1;
    INSERT INTO actor_counts (code, as_target)
        SELECT DISTINCT trim(json_extract(value, '$.code')), 1 FROM json_each(new.target)
         WHERE trim(json_extract(value, '$.code')) != ''
        ON CONFLICT(code) DO UPDATE SET as_target = as_target + 1;
END;
CREATE TRIGGER actor_counts_delete AFTER DELETE ON events WHEN old.first_report = 1 BEGIN
    UPDATE actor_counts SET as_source = as_source - 1
     WHERE code IN (SELECT trim(json_extract(value, '$.code')) FROM json_each(old.source));
    UPDATE actor_counts SET as_target = as_target - 1
     WHERE code IN (SELECT trim(json_extract(value, '$.code')) FROM json_each(old.target));
END;
CREATE TRIGGER actor_counts_update AFTER UPDATE OF first_report ON events
WHEN old.first_report != new.first_report BEGIN
    INSERT INTO actor_counts (code, as_source)
        SELECT DISTINCT trim(json_extract(value, '$.code')), 0 FROM json_each(new.source)
         WHERE trim(json_extract(value, '$.code')) != ''
        ON CONFLICT(code) DO NOTHING;
    INSERT INTO actor_counts (code, as_target)
        SELECT DISTINCT trim(json_extract(value, '$.code')), 0 FROM json_each(new.target)
         WHERE trim(json_extract(value, '$.code')) != ''
        ON CONFLICT(code) DO NOTHING;
    UPDATE actor_counts
       SET as_source = as_source + (CASE WHEN new.first_report = 1 THEN 1 ELSE -1 END)
     WHERE code IN (SELECT trim(json_extract(value, '$.code')) FROM json_each(new.source));
    UPDATE actor_counts
       SET as_target = as_target + (CASE WHEN new.first_report = 1 THEN 1 ELSE -1 END)
     WHERE code IN (SELECT trim(json_extract(value, '$.code')) FROM json_each(new.target));
END;

CREATE TABLE actor_pairs (
    src     TEXT NOT NULL,
    tgt     TEXT NOT NULL,
    events  INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (src, tgt)
) WITHOUT ROWID;
CREATE INDEX actor_pairs_tgt ON actor_pairs(tgt, src, events);

-- `dyads` holds one row per distinct (source code, target code) of an event: a row is a pair.
INSERT INTO actor_pairs (src, tgt, events)
SELECT src, tgt, COUNT(*) FROM dyads
 WHERE first_report = 1 AND src != '' AND tgt != '' GROUP BY src, tgt;

CREATE TRIGGER actor_pairs_insert AFTER INSERT ON dyads
WHEN new.first_report = 1 AND new.src != '' AND new.tgt != '' BEGIN
    INSERT INTO actor_pairs (src, tgt, events) VALUES (new.src, new.tgt, 1)
        ON CONFLICT(src, tgt) DO UPDATE SET events = events + 1;
END;
CREATE TRIGGER actor_pairs_delete AFTER DELETE ON dyads
WHEN old.first_report = 1 AND old.src != '' AND old.tgt != '' BEGIN
    UPDATE actor_pairs SET events = events - 1 WHERE src = old.src AND tgt = old.tgt;
END;
CREATE TRIGGER actor_pairs_update AFTER UPDATE OF first_report ON dyads
WHEN old.first_report != new.first_report AND new.src != '' AND new.tgt != '' BEGIN
    INSERT INTO actor_pairs (src, tgt, events)
        VALUES (new.src, new.tgt, CASE WHEN new.first_report = 1 THEN 1 ELSE 0 END)
        ON CONFLICT(src, tgt) DO UPDATE
        SET events = events + (CASE WHEN new.first_report = 1 THEN 1 ELSE -1 END);
END;

CREATE INDEX dyads_src_day ON dyads(src_root, day, src, event);

CREATE INDEX events_happenings_day ON events(plover, day) WHERE first_report = 1;
"#;

/// Version 3: the writer keeps `actor_counts` and `actor_pairs` (`sqlite/summaries.rs`), from
/// the sides it writes to `dyads`, summed per batch. The version 2 triggers re-parsed every
/// event's actor JSON on each insert, and restated the writer's trim-and-dedupe rule in SQL.
/// The tables' contents are exact at version 2 and stay as they are.
const V3: &str = r#"
DROP TRIGGER actor_counts_insert;
DROP TRIGGER actor_counts_delete;
DROP TRIGGER actor_counts_update;
DROP TRIGGER actor_pairs_insert;
DROP TRIGGER actor_pairs_delete;
DROP TRIGGER actor_pairs_update;
"#;

/// Version 4: events that are no happenings (negated, hypothetical, conditional, or dated
/// as background: `Event::is_happening`) are stored and shown but not counted in dyad
/// series, the type heat map, the dyad ranking or exports unless asked for.
/// - `events.counted`, `dyads.counted`: 1 when the event is a happening (copied from the
///   event by the writer); rows stored before are counted unless their modality is negated,
///   hypothetical or conditional (background was not known then).
/// - `events.dating`: the event's `Dating` as JSON (`{"date_basis": "text", "date_text":
///   "in 1990", "background": true}`), NULL when dated by the article with no more to say.
/// - The covering dyad indexes gain `counted` (so series and rankings stay index-only) and
///   the partial happenings index keeps only counted first reports.
const V4: &str = r#"
ALTER TABLE events ADD COLUMN counted INTEGER NOT NULL DEFAULT 1;
ALTER TABLE events ADD COLUMN dating TEXT;
ALTER TABLE dyads ADD COLUMN counted INTEGER NOT NULL DEFAULT 1;
UPDATE events SET counted = 0 WHERE modality IN ('negated', 'hypothetical', 'conditional');
UPDATE dyads SET counted = 0 WHERE event IN (SELECT n FROM events WHERE counted = 0);
DROP INDEX dyads_roots;
CREATE INDEX dyads_roots ON dyads(src_root, tgt_root, root_first, day, plover, quad, intensity,
                                  goldstein, first_report, counted, event, src, tgt);
DROP INDEX dyads_tgt;
CREATE INDEX dyads_tgt ON dyads(tgt_root, day, src_root, src, tgt, first_report, counted, event);
DROP INDEX events_happenings_day;
CREATE INDEX events_happenings_day ON events(plover, day) WHERE first_report = 1 AND counted = 1;
"#;

/// Version 5: the home page's aggregates from summaries the writer keeps (`summaries.rs`),
/// filled here from the events stored before. The type series and the top dyads read every
/// report's index entry on each cache miss (0.4 s and 1 s at a million events).
/// - `type_counts`: per (day, PLOVER type as stored, `''` for none), happenings (counted first
///   reports), happenings including unasserted events (first reports) and reports. Events
///   without a day are in no series and not here.
/// - `root_pairs`: per (source root, target root, counted, day) the `dyads` rows of first
///   reports with both roots (the top dyads count rows), conflict rows (quad 3 and 4), and the
///   sum and number of intensities. A row without a day has day -2147483648 (`NO_DAY`).
/// - `root_pair_totals`: the same per (source root, target root, counted), with the last day,
///   so the unfiltered ranking reads at most a few thousand rows.
pub(super) const V5: &str = r#"
CREATE TABLE type_counts (
    day             INTEGER NOT NULL,
    plover          TEXT NOT NULL,
    happenings      INTEGER NOT NULL DEFAULT 0,
    happenings_all  INTEGER NOT NULL DEFAULT 0,
    reports         INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (day, plover)
) WITHOUT ROWID;
INSERT INTO type_counts (day, plover, happenings, happenings_all, reports)
SELECT day, COALESCE(plover, ''),
       SUM(CASE WHEN first_report = 1 AND counted = 1 THEN 1 ELSE 0 END),
       SUM(CASE WHEN first_report = 1 THEN 1 ELSE 0 END), COUNT(*)
  FROM events WHERE day IS NOT NULL GROUP BY day, COALESCE(plover, '');

CREATE TABLE root_pairs (
    src_root       TEXT NOT NULL,
    tgt_root       TEXT NOT NULL,
    counted        INTEGER NOT NULL,
    day            INTEGER NOT NULL,
    events         INTEGER NOT NULL DEFAULT 0,
    conflict       INTEGER NOT NULL DEFAULT 0,
    intensity_sum  REAL NOT NULL DEFAULT 0,
    intensity_n    INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (src_root, tgt_root, counted, day)
) WITHOUT ROWID;
INSERT INTO root_pairs (src_root, tgt_root, counted, day, events, conflict, intensity_sum,
                        intensity_n)
SELECT src_root, tgt_root, counted, COALESCE(day, -2147483648), COUNT(*),
       SUM(CASE WHEN quad >= 3 THEN 1 ELSE 0 END), TOTAL(intensity), COUNT(intensity)
  FROM dyads WHERE first_report = 1 AND src_root != '' AND tgt_root != ''
 GROUP BY src_root, tgt_root, counted, COALESCE(day, -2147483648);

CREATE TABLE root_pair_totals (
    src_root       TEXT NOT NULL,
    tgt_root       TEXT NOT NULL,
    counted        INTEGER NOT NULL,
    events         INTEGER NOT NULL DEFAULT 0,
    conflict       INTEGER NOT NULL DEFAULT 0,
    intensity_sum  REAL NOT NULL DEFAULT 0,
    intensity_n    INTEGER NOT NULL DEFAULT 0,
    last_day       INTEGER,
    PRIMARY KEY (src_root, tgt_root, counted)
) WITHOUT ROWID;
INSERT INTO root_pair_totals (src_root, tgt_root, counted, events, conflict, intensity_sum,
                              intensity_n, last_day)
SELECT src_root, tgt_root, counted, SUM(events), SUM(conflict), TOTAL(intensity_sum),
       SUM(intensity_n), MAX(CASE WHEN day != -2147483648 THEN day END)
  FROM root_pairs GROUP BY src_root, tgt_root, counted;
"#;

/// Version 6: the home page's totals (articles, event reports, stories) in one row the writer
/// keeps in each batch's transaction (`write.rs`): counting read the smallest index of each
/// table, 45 ms at 1 M events for a server whose page cache was empty.
const V6: &str = r#"
CREATE TABLE totals (
    one       INTEGER PRIMARY KEY CHECK (one = 1),
    articles  INTEGER NOT NULL,
    events    INTEGER NOT NULL,
    stories   INTEGER NOT NULL
);
INSERT INTO totals (one, articles, events, stories)
SELECT 1, (SELECT COUNT(*) FROM articles), (SELECT COUNT(*) FROM events),
       (SELECT COUNT(*) FROM stories);
"#;

/// Version 7: `pair_series`, a dyad series of two roots summed per day, type and quad class
/// (`crate::summaries` says what it counts), filled here from the stored `dyads` rows and
/// kept by the writer in each batch's transaction. A busy pair's series grouped 39,000
/// `dyads` rows on each cold request (25-45 ms at 1 M events); the summary holds a row per
/// (day, type, quad class). An event without a type is filed under plover -1, one without a
/// quad class under quad 0 (key columns cannot be NULL).
pub(super) const V7: &str = r#"
CREATE TABLE pair_series (
    src_root       TEXT NOT NULL,
    tgt_root       TEXT NOT NULL,
    counted        INTEGER NOT NULL,
    day            INTEGER NOT NULL,
    plover         INTEGER NOT NULL,
    quad           INTEGER NOT NULL,
    reports        INTEGER NOT NULL DEFAULT 0,
    events         INTEGER NOT NULL DEFAULT 0,
    intensity_sum  REAL NOT NULL DEFAULT 0,
    goldstein_sum  REAL NOT NULL DEFAULT 0,
    goldstein_n    INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (src_root, tgt_root, counted, day, plover, quad)
) WITHOUT ROWID;
INSERT INTO pair_series (src_root, tgt_root, counted, day, plover, quad, reports, events,
                         intensity_sum, goldstein_sum, goldstein_n)
SELECT src_root, tgt_root, counted, day, COALESCE(plover, -1), COALESCE(quad, 0), COUNT(*),
       SUM(first_report), TOTAL(CASE WHEN first_report = 1 THEN intensity END),
       TOTAL(CASE WHEN first_report = 1 THEN goldstein END),
       SUM(CASE WHEN first_report = 1 AND goldstein IS NOT NULL THEN 1 ELSE 0 END)
  FROM dyads
 WHERE root_first = 1 AND day IS NOT NULL AND src_root != '' AND tgt_root != ''
 GROUP BY src_root, tgt_root, counted, day, COALESCE(plover, -1), COALESCE(quad, 0);
"#;

/// Version 8: `dyads_event_sides(event, src_root, tgt_root, src, tgt, day)` replaces
/// `dyads_event(event)`, as PostgreSQL's version 7 did: an event list filtered by a busy actor
/// and something of the event (a type) walks the type's events newest first and checks each
/// one's actors in this index alone (`read.rs`, `actor_walk`), where it collected every event
/// of the actor first (30 -> 8 ms cold for USA and CONSULT at 1 M events). Deleting an
/// article's dyads by event uses it as it used `dyads_event`.
const V8: &str = r#"
CREATE INDEX dyads_event_sides ON dyads(event, src_root, tgt_root, src, tgt, day);
DROP INDEX dyads_event;
"#;

/// Version 9: `pair_series_weeks`, `pair_series` summed per week (`day` is the week's Monday),
/// filled here and kept by the writer from the same `SummaryDelta`. A dyad series by week
/// (the dashboard's) of a busy pair summed 10,000 daily rows per request; the weekly table
/// holds 1,600 for the same pair.
pub(super) const V9: &str = r#"
CREATE TABLE pair_series_weeks (
    src_root       TEXT NOT NULL,
    tgt_root       TEXT NOT NULL,
    counted        INTEGER NOT NULL,
    day            INTEGER NOT NULL,
    plover         INTEGER NOT NULL,
    quad           INTEGER NOT NULL,
    reports        INTEGER NOT NULL DEFAULT 0,
    events         INTEGER NOT NULL DEFAULT 0,
    intensity_sum  REAL NOT NULL DEFAULT 0,
    goldstein_sum  REAL NOT NULL DEFAULT 0,
    goldstein_n    INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (src_root, tgt_root, counted, day, plover, quad)
) WITHOUT ROWID;
INSERT INTO pair_series_weeks (src_root, tgt_root, counted, day, plover, quad, reports, events,
                               intensity_sum, goldstein_sum, goldstein_n)
SELECT src_root, tgt_root, counted, day - (((day + 3) % 7) + 7) % 7, plover, quad,
       SUM(reports), SUM(events), TOTAL(intensity_sum), TOTAL(goldstein_sum), SUM(goldstein_n)
  FROM pair_series
 GROUP BY src_root, tgt_root, counted, day - (((day + 3) % 7) + 7) % 7, plover, quad;
"#;

/// Version 10, as PostgreSQL's version 11: `dyads_codes(src_root, tgt_root, src, tgt, day,
/// ...)` replaces `dyads_roots(src_root, tgt_root, root_first, day, ...)`, with the same
/// columns. No read uses `root_first` since series of two roots come from `pair_series`
/// (version 7); a series of full codes (PAKGOV-AFGMIL) read the pair of roots' whole range to
/// filter the codes (12-20 ms cold at 1 M events), and keyed by code reads the source code's
/// range (3-6 ms). A pair's rows (`src_root = ? AND tgt_root = ?`) are found as before.
const V10: &str = r#"
CREATE INDEX dyads_codes ON dyads(src_root, tgt_root, src, tgt, day, plover, quad, intensity,
                                  goldstein, first_report, counted, event);
DROP INDEX dyads_roots;
"#;

/// Version 11, as PostgreSQL's version 12: what makes story decisions independent of the
/// order articles were stored in. `published_at` (seconds since 1970 UTC, from `published`,
/// else `fetched_at`) orders reports, with the article id, for "first report"; rows stored
/// before this version take their day's midnight. `story_terms` keeps the story stage's
/// terms of each article, so the stories can be decided again from the stored articles
/// (`StorySettle`); rows stored before have none and are left in their stories.
const V11: &str = r#"
ALTER TABLE articles ADD COLUMN published_at INTEGER;
ALTER TABLE articles ADD COLUMN story_terms TEXT NOT NULL DEFAULT '';
UPDATE articles SET published_at = day * 86400 WHERE day IS NOT NULL;
"#;

/// Version 12, as PostgreSQL's version 14: what lets a settle start where the new articles
/// start. `story_checkpoints` keeps the story stage's state at the start of some days (UTC
/// seconds) and `story_settle` the pending mark: the earliest publication time written since
/// the last settle (NULL when none; the largest integer for undated articles). A store
/// migrating has never been settled from a checkpoint, so its mark is the smallest integer
/// and its next settle replays every article. `articles_settle` reads the articles in the
/// replay's order from any day.
const V12: &str = r#"
CREATE TABLE story_checkpoints (
    boundary   INTEGER PRIMARY KEY,
    state      BLOB NOT NULL,
    saved_at   TEXT NOT NULL
);
CREATE TABLE story_settle (
    one          INTEGER PRIMARY KEY CHECK (one = 1),
    pending_from INTEGER
);
INSERT INTO story_settle (one, pending_from) VALUES (1, -9223372036854775808);
CREATE INDEX articles_settle ON articles(published_at, id);
"#;

/// Version 13, as PostgreSQL's version 15: what the settle reads when it turns an article into
/// an alias and points the aliases and copies that named it at its original
/// (`settle.rs`, `alias`). Without them each aliased article read every alias and every
/// article. `articles_duplicate_of` holds copies only (most articles copy nothing); a lookup
/// by `duplicate_of = ?` implies `IS NOT NULL`, so SQLite uses it, and the store's count of
/// copies reads it alone.
const V13: &str = r#"
CREATE INDEX aliases_article ON aliases(article_id);
CREATE INDEX articles_duplicate_of ON articles(duplicate_of) WHERE duplicate_of IS NOT NULL;
"#;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrating_twice_is_a_no_op_and_sets_the_version() {
        let mut conn = Connection::open_in_memory().unwrap_or_else(|e| panic!("{e}"));
        migrate(&mut conn, ":memory:").unwrap_or_else(|e| panic!("{e}"));
        migrate(&mut conn, ":memory:").unwrap_or_else(|e| panic!("{e}"));
        let v: i64 = conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .unwrap_or_default();
        assert_eq!(v, SCHEMA_VERSION);
    }

    #[test]
    fn a_store_of_an_older_version_is_migrated_when_opened_for_reading() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let path = dir.path().join("v1.db");
        let mut conn = Connection::open(&path).unwrap_or_else(|e| panic!("{e}"));
        migrate_to(&mut conn, "v1.db", 1).unwrap_or_else(|e| panic!("{e}"));
        drop(conn);
        let store = crate::SqliteStore::open_read_only(&path).unwrap_or_else(|e| panic!("{e}"));
        let counts = crate::StoreOverview::actors(&store, &crate::ActorQuery::default());
        assert!(counts.is_ok_and(|a| a.is_empty()));
        let conn = Connection::open(&path).unwrap_or_else(|e| panic!("{e}"));
        let v: i64 = conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .unwrap_or_default();
        assert_eq!(v, SCHEMA_VERSION);
    }

    #[test]
    fn the_current_schema_leaves_the_actor_summaries_to_the_writer() {
        // A trigger left beside the writer's own counting would count every happening twice.
        let mut conn = Connection::open_in_memory().unwrap_or_else(|e| panic!("{e}"));
        migrate(&mut conn, ":memory:").unwrap_or_else(|e| panic!("{e}"));
        let triggers: i64 = conn
            .query_row(
                "SELECT COUNT(*) FROM sqlite_master WHERE type = 'trigger'
                 AND tbl_name IN ('events', 'dyads')",
                [],
                |r| r.get(0),
            )
            .unwrap_or(-1);
        assert_eq!(triggers, 0);
    }

    #[test]
    fn migrating_to_version_4_stops_counting_negated_and_supposed_events() {
        let mut conn = Connection::open_in_memory().unwrap_or_else(|e| panic!("{e}"));
        migrate_to(&mut conn, ":memory:", 3).unwrap_or_else(|e| panic!("{e}"));
        for (n, modality) in [
            (1, "asserted"),
            (2, "negated"),
            (3, "future"),
            (4, "conditional"),
        ] {
            conn.execute(
                "INSERT INTO events (n, id, coder_id, article, story_id, event_key, sentence,
                   source, target, source_codes, target_codes, cameo, modality, evidence_start,
                   evidence_end, evidence_text, rule, mentions)
                 VALUES (?1, ?1, '', 1, 's', 'k', 0, '[]', '[]', '', '', '190', ?2, 0, 0, '', '', 1)",
                rusqlite::params![n, modality],
            )
            .unwrap_or_else(|e| panic!("{e}"));
            conn.execute(
                "INSERT INTO dyads (event, src, tgt, src_root, tgt_root, first_report, root_first)
                 VALUES (?1, 'PAK', 'AFG', 'PAK', 'AFG', 1, 1)",
                [n],
            )
            .unwrap_or_else(|e| panic!("{e}"));
        }
        migrate(&mut conn, ":memory:").unwrap_or_else(|e| panic!("{e}"));
        let counted = |table: &str| -> Vec<i64> {
            let key = if table == "events" { "n" } else { "event" };
            let sql = format!("SELECT counted FROM {table} ORDER BY {key}");
            let mut stmt = conn.prepare(&sql).unwrap_or_else(|e| panic!("{e}"));
            let rows = stmt
                .query_map([], |r| r.get(0))
                .unwrap_or_else(|e| panic!("{e}"));
            rows.map(|r| r.unwrap_or(-1)).collect()
        };
        assert_eq!(counted("events"), [1, 0, 1, 0]);
        assert_eq!(counted("dyads"), [1, 0, 1, 0]);
    }

    #[test]
    fn migrating_to_versions_5_and_6_fills_the_summaries_and_totals_from_the_stored_rows() {
        let mut conn = Connection::open_in_memory().unwrap_or_else(|e| panic!("{e}"));
        migrate_to(&mut conn, ":memory:", 4).unwrap_or_else(|e| panic!("{e}"));
        // (event, day, plover, first report, counted, quad, intensity, dyad rows)
        type Stored<'a> = (
            i64,
            Option<i64>,
            Option<&'a str>,
            i64,
            i64,
            i64,
            Option<f64>,
            &'a [(&'a str, &'a str)],
        );
        let events: [Stored<'_>; 4] = [
            (
                1,
                Some(20_000),
                Some("ASSAULT"),
                1,
                1,
                4,
                Some(-7.5),
                &[("PAKGOV", "AFG"), ("PAKMIL", "AFG")],
            ),
            (
                2,
                Some(20_000),
                Some("ASSAULT"),
                0,
                1,
                4,
                Some(-6.0),
                &[("PAK", "AFG")],
            ),
            (3, Some(20_003), None, 1, 0, 1, None, &[("PAK", "AFG")]),
            (
                4,
                None,
                Some("CONSULT"),
                1,
                1,
                1,
                Some(1.0),
                &[("PAK", "AFG"), ("PAK", "")],
            ),
        ];
        for (n, day, plover, first, counted, quad, intensity, rows) in events {
            conn.execute(
                "INSERT INTO events (n, id, coder_id, article, story_id, event_key, sentence,
                   source, target, source_codes, target_codes, cameo, modality, evidence_start,
                   evidence_end, evidence_text, rule, mentions, day, plover, first_report, counted)
                 VALUES (?1, ?1, '', 1, 's', 'k', 0, '[]', '[]', '', '', '190', 'asserted', 0, 0,
                         '', '', 1, ?2, ?3, ?4, ?5)",
                rusqlite::params![n, day, plover, first, counted],
            )
            .unwrap_or_else(|e| panic!("{e}"));
            for (src, tgt) in rows {
                conn.execute(
                    "INSERT INTO dyads (event, src, tgt, src_root, tgt_root, day, quad, intensity,
                       first_report, root_first, counted)
                     VALUES (?1, ?2, ?3, substr(?2, 1, 3), substr(?3, 1, 3), ?4, ?5, ?6, ?7, 1, ?8)",
                    rusqlite::params![n, src, tgt, day, quad, intensity, first, counted],
                )
                .unwrap_or_else(|e| panic!("{e}"));
            }
        }
        migrate(&mut conn, ":memory:").unwrap_or_else(|e| panic!("{e}"));
        let rows = |sql: &str| -> Vec<String> {
            let mut stmt = conn.prepare(sql).unwrap_or_else(|e| panic!("{e}"));
            let n = stmt.column_count();
            let rows = stmt
                .query_map([], |r| {
                    (0..n)
                        .map(|i| {
                            r.get::<_, rusqlite::types::Value>(i)
                                .map(|v| format!("{v:?}"))
                        })
                        .collect::<Result<Vec<_>, _>>()
                        .map(|v| v.join(" "))
                })
                .unwrap_or_else(|e| panic!("{e}"));
            rows.map(|r| r.unwrap_or_default()).collect()
        };
        assert_eq!(
            rows("SELECT * FROM type_counts ORDER BY day, plover"),
            [
                "Integer(20000) Text(\"ASSAULT\") Integer(1) Integer(1) Integer(2)",
                "Integer(20003) Text(\"\") Integer(0) Integer(1) Integer(1)",
            ]
        );
        assert_eq!(
            rows("SELECT * FROM root_pairs ORDER BY counted, day"),
            [
                "Text(\"PAK\") Text(\"AFG\") Integer(0) Integer(20003) Integer(1) Integer(0) Real(0.0) Integer(0)",
                "Text(\"PAK\") Text(\"AFG\") Integer(1) Integer(-2147483648) Integer(1) Integer(0) Real(1.0) Integer(1)",
                "Text(\"PAK\") Text(\"AFG\") Integer(1) Integer(20000) Integer(2) Integer(2) Real(-15.0) Integer(2)",
            ]
        );
        assert_eq!(
            rows("SELECT * FROM root_pair_totals ORDER BY counted"),
            [
                "Text(\"PAK\") Text(\"AFG\") Integer(0) Integer(1) Integer(0) Real(0.0) Integer(0) Integer(20003)",
                "Text(\"PAK\") Text(\"AFG\") Integer(1) Integer(3) Integer(2) Real(-14.0) Integer(3) Integer(20000)",
            ]
        );
        // Version 6 counts the stored rows into `totals` (four events, no article or story).
        assert_eq!(
            rows("SELECT * FROM totals"),
            ["Integer(1) Integer(0) Integer(4) Integer(0)"]
        );
    }

    #[test]
    fn version_5_files_dayless_rows_under_the_writers_no_day() {
        let day = format!("COALESCE(day, {})", super::super::summaries::NO_DAY);
        assert_eq!(V5.matches(&day).count(), 2, "{V5}");
        assert!(V5.contains(&format!("day != {}", super::super::summaries::NO_DAY)));
    }

    #[test]
    fn pointing_aliases_and_copies_at_an_original_reads_their_indexes_after_version_13() {
        use super::super::settle::{REPOINT_ALIASES, REPOINT_COPIES};
        let mut conn = Connection::open_in_memory().unwrap_or_else(|e| panic!("{e}"));
        migrate_to(&mut conn, ":memory:", 12).unwrap_or_else(|e| panic!("{e}"));
        // A version 12 store: one original, one copy of it, one alias of it, one article
        // that copies nothing.
        for (n, id, duplicate_of) in [(1, "a", None), (2, "b", Some("a")), (3, "c", None)] {
            conn.execute(
                "INSERT INTO articles (n, id, text, content_hash, simhash, duplicate_of,
                   story_id, source, ingested_at)
                 VALUES (?1, ?2, '', ?2, 0, ?3, ?2, 's', '')",
                rusqlite::params![n, id, duplicate_of],
            )
            .unwrap_or_else(|e| panic!("{e}"));
        }
        conn.execute(
            "INSERT INTO aliases (key, article_id, kind, distance, source, ingested_at)
             VALUES ('a2', 'a', 'exact', 0, 's', '')",
            [],
        )
        .unwrap_or_else(|e| panic!("{e}"));
        migrate(&mut conn, ":memory:").unwrap_or_else(|e| panic!("{e}"));
        let plan = |sql: &str| -> String {
            let mut stmt = conn
                .prepare(&format!("EXPLAIN QUERY PLAN {sql}"))
                .unwrap_or_else(|e| panic!("{e}"));
            let rows = stmt
                .query_map(["a", "z"], |r| r.get::<_, String>(3))
                .unwrap_or_else(|e| panic!("{e}"));
            rows.map(|r| r.unwrap_or_default())
                .collect::<Vec<_>>()
                .join("; ")
        };
        assert!(
            plan(REPOINT_ALIASES).contains("INDEX aliases_article"),
            "{}",
            plan(REPOINT_ALIASES)
        );
        assert!(
            plan(REPOINT_COPIES).contains("INDEX articles_duplicate_of"),
            "{}",
            plan(REPOINT_COPIES)
        );
        for sql in [REPOINT_ALIASES, REPOINT_COPIES] {
            conn.execute(sql, ["a", "z"])
                .unwrap_or_else(|e| panic!("{e}"));
        }
        let named: Vec<String> = [
            "SELECT article_id FROM aliases",
            "SELECT duplicate_of FROM articles WHERE n = 2",
        ]
        .iter()
        .map(|sql| conn.query_row(sql, [], |r| r.get(0)).unwrap_or_default())
        .collect();
        assert_eq!(named, ["z", "z"]);
    }

    #[test]
    fn a_newer_schema_is_refused() {
        let mut conn = Connection::open_in_memory().unwrap_or_else(|e| panic!("{e}"));
        conn.pragma_update(None, "user_version", SCHEMA_VERSION + 1)
            .unwrap_or_else(|e| panic!("{e}"));
        assert!(matches!(
            migrate(&mut conn, "x.db"),
            Err(StoreError::TooNew { .. })
        ));
    }
}
