//! Versioned migrations for PostgreSQL. The version lives in `attache_schema`; each migration
//! runs in one transaction with its version bump, under an advisory lock so that workers
//! starting at the same moment migrate once. Append new migrations; never edit a released one.
//!
//! The tables mirror the SQLite schema (SCHEMA.md) with PostgreSQL types: booleans for flags,
//! `bigint` row keys from sequences, codes in the `C` collation (byte order, as SQLite
//! compares them, so prefix ranges and orderings agree), and a stored `tsvector` with a GIN
//! index instead of FTS5. Nothing here stops the Citus plan of ARCHITECTURE.md: no foreign
//! keys, no triggers, and every write statement names the rows it touches by key.

use postgres::Client;

use super::MIGRATE_LOCK;
use crate::StoreError;

/// The migrations, in order: `MIGRATIONS[i]` takes the schema from version `i` to `i + 1`.
const MIGRATIONS: &[&str] = &[
    V1, V2, V3, V4, V5, V6, V7, V8, V9, V10, V11, V12, V13, V14, V15,
];

/// The newest PostgreSQL schema version this build knows.
pub const PG_SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

/// Bring the database up to [`PG_SCHEMA_VERSION`].
pub fn migrate(client: &mut Client, shown: &str) -> Result<(), StoreError> {
    let open = |e: postgres::Error| StoreError::open(shown, e);
    client
        .batch_execute(
            "CREATE TABLE IF NOT EXISTS attache_schema (
                 one      boolean PRIMARY KEY DEFAULT true CHECK (one),
                 version  bigint NOT NULL)",
        )
        .or_else(|e| {
            // Two processes creating the table at once: one wins, the other sees it exist.
            if e.code() == Some(&postgres::error::SqlState::UNIQUE_VIOLATION) {
                Ok(())
            } else {
                Err(e)
            }
        })
        .map_err(open)?;
    let mut tx = client.transaction().map_err(open)?;
    tx.execute("SELECT pg_advisory_xact_lock($1)", &[&MIGRATE_LOCK])
        .map_err(open)?;
    let found: i64 = tx
        .query_opt("SELECT version FROM attache_schema", &[])
        .map_err(open)?
        .map(|r| r.try_get(0))
        .transpose()
        .map_err(open)?
        .unwrap_or(0);
    if found > PG_SCHEMA_VERSION {
        return Err(StoreError::TooNew {
            path: shown.to_string(),
            found,
            known: PG_SCHEMA_VERSION,
        });
    }
    for (i, sql) in MIGRATIONS.iter().enumerate().skip(found.max(0) as usize) {
        let version = i as i64 + 1;
        let fail = |e: postgres::Error| StoreError::migration(version, e);
        tx.batch_execute(sql).map_err(fail)?;
        tx.execute(
            "INSERT INTO attache_schema (one, version) VALUES (true, $1)
             ON CONFLICT (one) DO UPDATE SET version = excluded.version",
            &[&version],
        )
        .map_err(fail)?;
    }
    tx.commit().map_err(open)?;
    Ok(())
}

/// Version 1: the tables of SQLite's version 3 (without its summary tables, which came in
/// version 4), a `tsvector` column for search, the change counter and
/// the source queue of shared ingests.
const V1: &str = r#"
CREATE SEQUENCE articles_n;
CREATE TABLE articles (
    n                  bigint PRIMARY KEY DEFAULT nextval('articles_n'),
    id                 text COLLATE "C" NOT NULL UNIQUE,
    url                text,
    canonical_url      text,
    site               text,
    title              text,
    standfirst         text,
    bylines            text NOT NULL DEFAULT '[]',
    published          text,
    modified           text,
    dateline           text,
    language           text,
    text               text NOT NULL,
    day                integer,
    content_hash       text COLLATE "C" NOT NULL,
    simhash            bigint NOT NULL,
    duplicate_of       text,
    duplicate_kind     text,
    duplicate_distance integer,
    story_id           text COLLATE "C" NOT NULL,
    sentences          text NOT NULL DEFAULT '[]',
    warnings           text NOT NULL DEFAULT '[]',
    source             text NOT NULL,
    fetched_url        text,
    fetched_at         text,
    ingested_at        text NOT NULL,
    fts                tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('simple', coalesce(title, '')), 'A') ||
        setweight(to_tsvector('simple', coalesce(standfirst, '')), 'B') ||
        to_tsvector('simple', text)) STORED
);
CREATE INDEX articles_content_hash ON articles(content_hash);
CREATE INDEX articles_story ON articles(story_id, day);
CREATE INDEX articles_day ON articles(day);
CREATE INDEX articles_fts ON articles USING gin (fts);

CREATE TABLE aliases (
    key          text COLLATE "C" PRIMARY KEY,
    article_id   text NOT NULL,
    kind         text NOT NULL,
    distance     integer NOT NULL,
    source       text NOT NULL,
    ingested_at  text NOT NULL
);

CREATE TABLE mentions (
    article     bigint NOT NULL,
    span_start  integer NOT NULL,
    span_end    integer NOT NULL,
    sentence    integer NOT NULL,
    kind        text NOT NULL,
    code        text COLLATE "C" NOT NULL,
    name        text NOT NULL,
    why         text NOT NULL
);
CREATE INDEX mentions_article ON mentions(article);
CREATE INDEX mentions_code ON mentions(code);

CREATE SEQUENCE events_n;
CREATE TABLE events (
    n                bigint PRIMARY KEY DEFAULT nextval('events_n'),
    id               text COLLATE "C" NOT NULL UNIQUE,
    coder_id         text NOT NULL,
    article          bigint NOT NULL,
    story_id         text COLLATE "C" NOT NULL,
    event_key        text COLLATE "C" NOT NULL,
    sentence         integer NOT NULL,
    source           text NOT NULL,
    target           text NOT NULL,
    source_codes     text NOT NULL,
    target_codes     text NOT NULL,
    plover           text,
    plover_mode      text,
    plover_contexts  text NOT NULL DEFAULT '[]',
    intensity        double precision,
    cameo            text COLLATE "C" NOT NULL,
    goldstein        double precision,
    quad_class       integer,
    modality         text NOT NULL,
    claimed_by       text,
    location         text,
    location_name    text,
    location_country text,
    date             text,
    day              integer,
    evidence_start   integer NOT NULL,
    evidence_end     integer NOT NULL,
    evidence_text    text NOT NULL,
    rule             text NOT NULL,
    mentions         integer NOT NULL,
    num_articles     integer NOT NULL DEFAULT 1,
    num_sources      integer NOT NULL DEFAULT 1,
    first_report     boolean NOT NULL DEFAULT true
);
CREATE INDEX events_article ON events(article);
CREATE INDEX events_group ON events(story_id, event_key);
CREATE INDEX events_day ON events(day);
CREATE INDEX events_plover_day ON events(plover, day);
CREATE INDEX events_happenings_day ON events(plover, day) WHERE first_report;

CREATE TABLE dyads (
    event         bigint NOT NULL,
    src           text COLLATE "C" NOT NULL,
    tgt           text COLLATE "C" NOT NULL,
    src_root      text COLLATE "C" NOT NULL,
    tgt_root      text COLLATE "C" NOT NULL,
    day           integer,
    plover        integer,
    quad          integer,
    intensity     double precision,
    goldstein     double precision,
    first_report  boolean NOT NULL,
    root_first    boolean NOT NULL
);
CREATE INDEX dyads_roots ON dyads(src_root, tgt_root, root_first, day, plover, quad)
    INCLUDE (intensity, goldstein, first_report, event, src, tgt);
CREATE INDEX dyads_tgt ON dyads(tgt_root, day, src_root, src, tgt, first_report, event);
CREATE INDEX dyads_src_day ON dyads(src_root, day, src, event);
CREATE INDEX dyads_event ON dyads(event);

CREATE SEQUENCE stories_n;
CREATE TABLE stories (
    n           bigint PRIMARY KEY DEFAULT nextval('stories_n'),
    id          text COLLATE "C" NOT NULL UNIQUE,
    title       text,
    first_day   integer,
    last_day    integer,
    articles    bigint NOT NULL DEFAULT 0,
    outlets     bigint NOT NULL DEFAULT 0,
    events      bigint NOT NULL DEFAULT 0,
    profile     text NOT NULL DEFAULT '{}',
    updated_at  text NOT NULL
);
CREATE INDEX stories_last_day ON stories(last_day);

CREATE TABLE checkpoints (
    source      text PRIMARY KEY,
    records     bigint NOT NULL,
    updated_at  text NOT NULL
);

CREATE TABLE fetched (
    url         text PRIMARY KEY,
    outcome     text NOT NULL,
    fetched_at  text NOT NULL
);

CREATE SEQUENCE runs_n;
CREATE TABLE runs (
    n            bigint PRIMARY KEY DEFAULT nextval('runs_n'),
    started_at   text NOT NULL,
    finished_at  text NOT NULL,
    command      text NOT NULL,
    report       text NOT NULL
);

-- Bumped by every committed batch, so readers know when cached answers went stale.
CREATE TABLE changes (
    one      boolean PRIMARY KEY DEFAULT true CHECK (one),
    counter  bigint NOT NULL
);
INSERT INTO changes (one, counter) VALUES (true, 0);
"#;

/// Version 2: the queue of sources that workers lease (`queue.rs`). `lease_until` is the
/// server's clock, so workers on machines with skewed clocks agree on expiry.
const V2: &str = r#"
CREATE SEQUENCE sources_n;
CREATE TABLE sources (
    n            bigint PRIMARY KEY DEFAULT nextval('sources_n'),
    source       text NOT NULL UNIQUE,
    state        text NOT NULL DEFAULT 'queued'
                 CHECK (state IN ('queued', 'leased', 'done', 'failed')),
    worker       text,
    attempts     integer NOT NULL DEFAULT 0,
    lease_until  timestamptz,
    records      bigint NOT NULL DEFAULT 0,
    error        text,
    updated_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX sources_open ON sources(state, n) WHERE state IN ('queued', 'leased');
"#;

/// Version 3, SQLite's version 4: events that are no happenings (negated, hypothetical,
/// conditional, or dated as background: `Event::is_happening`) are stored but not counted in
/// dyad series, the type heat map, the dyad ranking or exports unless asked for
/// (`events.counted`, `dyads.counted`), and `events.dating` keeps the event's `Dating` (JSON).
const V3: &str = r#"
ALTER TABLE events ADD COLUMN counted boolean NOT NULL DEFAULT true;
ALTER TABLE events ADD COLUMN dating text;
ALTER TABLE dyads ADD COLUMN counted boolean NOT NULL DEFAULT true;
UPDATE events SET counted = false WHERE modality IN ('negated', 'hypothetical', 'conditional');
UPDATE dyads SET counted = false WHERE event IN (SELECT n FROM events WHERE NOT counted);
DROP INDEX events_happenings_day;
CREATE INDEX events_happenings_day ON events(plover, day) WHERE first_report AND counted;
"#;

/// Version 4, SQLite's summary tables (its versions 3 and 5; `crate::summaries` says what
/// each counts), filled here from the rows stored before and kept by the writer in each
/// batch's transaction (`postgres/summaries.rs`). Without them the home page's dyad ranking,
/// the type series and the actor list grouped every `dyads` or `events` row on each cache
/// miss. A row of `root_pairs` without a day has day -2147483648 (`NO_DAY`).
const V4: &str = r#"
CREATE TABLE actor_counts (
    code       text COLLATE "C" PRIMARY KEY,
    as_source  bigint NOT NULL DEFAULT 0,
    as_target  bigint NOT NULL DEFAULT 0
);
INSERT INTO actor_counts (code, as_source, as_target)
SELECT code, SUM(s), SUM(t) FROM (
    SELECT src AS code, COUNT(DISTINCT event) AS s, 0::bigint AS t FROM dyads
     WHERE first_report AND src <> '' GROUP BY src
    UNION ALL
    SELECT tgt, 0, COUNT(DISTINCT event) FROM dyads
     WHERE first_report AND tgt <> '' GROUP BY tgt) x
GROUP BY code;

CREATE TABLE actor_pairs (
    src     text COLLATE "C" NOT NULL,
    tgt     text COLLATE "C" NOT NULL,
    events  bigint NOT NULL DEFAULT 0,
    PRIMARY KEY (src, tgt)
);
CREATE INDEX actor_pairs_tgt ON actor_pairs(tgt, src, events);
INSERT INTO actor_pairs (src, tgt, events)
SELECT src, tgt, COUNT(*) FROM dyads WHERE first_report AND src <> '' AND tgt <> ''
 GROUP BY src, tgt;

CREATE TABLE type_counts (
    day             integer NOT NULL,
    plover          text COLLATE "C" NOT NULL,
    happenings      bigint NOT NULL DEFAULT 0,
    happenings_all  bigint NOT NULL DEFAULT 0,
    reports         bigint NOT NULL DEFAULT 0,
    PRIMARY KEY (day, plover)
);
INSERT INTO type_counts (day, plover, happenings, happenings_all, reports)
SELECT day, COALESCE(plover, ''), COUNT(*) FILTER (WHERE first_report AND counted),
       COUNT(*) FILTER (WHERE first_report), COUNT(*)
  FROM events WHERE day IS NOT NULL GROUP BY day, COALESCE(plover, '');

CREATE TABLE root_pairs (
    src_root       text COLLATE "C" NOT NULL,
    tgt_root       text COLLATE "C" NOT NULL,
    counted        boolean NOT NULL,
    day            integer NOT NULL,
    events         bigint NOT NULL DEFAULT 0,
    conflict       bigint NOT NULL DEFAULT 0,
    intensity_sum  double precision NOT NULL DEFAULT 0,
    intensity_n    bigint NOT NULL DEFAULT 0,
    PRIMARY KEY (src_root, tgt_root, counted, day)
);
INSERT INTO root_pairs (src_root, tgt_root, counted, day, events, conflict, intensity_sum,
                        intensity_n)
SELECT src_root, tgt_root, counted, COALESCE(day, -2147483648), COUNT(*),
       COUNT(*) FILTER (WHERE quad >= 3), COALESCE(SUM(intensity), 0), COUNT(intensity)
  FROM dyads WHERE first_report AND src_root <> '' AND tgt_root <> ''
 GROUP BY src_root, tgt_root, counted, COALESCE(day, -2147483648);

CREATE TABLE root_pair_totals (
    src_root       text COLLATE "C" NOT NULL,
    tgt_root       text COLLATE "C" NOT NULL,
    counted        boolean NOT NULL,
    events         bigint NOT NULL DEFAULT 0,
    conflict       bigint NOT NULL DEFAULT 0,
    intensity_sum  double precision NOT NULL DEFAULT 0,
    intensity_n    bigint NOT NULL DEFAULT 0,
    last_day       integer,
    PRIMARY KEY (src_root, tgt_root, counted)
);
INSERT INTO root_pair_totals (src_root, tgt_root, counted, events, conflict, intensity_sum,
                              intensity_n, last_day)
SELECT src_root, tgt_root, counted, SUM(events), SUM(conflict), SUM(intensity_sum),
       SUM(intensity_n), MAX(day) FILTER (WHERE day <> -2147483648)
  FROM root_pairs GROUP BY src_root, tgt_root, counted;
"#;

/// Version 5: the story list's order (newest last day first, undated last, then newest
/// story) as an index, so a page of the list walks the index and stops (SQLite's
/// `stories_last_day` does the same there). Sorting every story cost 0.1 s at 200,000
/// stories on each cold home page.
const V5: &str = r#"
CREATE INDEX stories_recent ON stories (last_day DESC NULLS LAST, n DESC);
"#;

/// Version 6: what a request on a cold server reads, made small (issue 14's cold p99).
///
/// - `totals`: the home page's article, event and story counts, kept by the writer in each
///   batch's transaction (`write.rs`), instead of three `COUNT(*)`s that read every row of
///   `events` and `articles` (0.2 s at 1 M events with nothing cached).
/// - Event lists are ordered newest day first, undated last, then newest event
///   (`day DESC NULLS LAST, n DESC`). Indexes in that order, whole and per PLOVER type, let a
///   page walk the index and stop; `events_day` and `events_plover_day` (ascending, so a
///   backward walk puts undated events first) sorted every match (0.8 s for a common type).
///   They serve day ranges as the old ones did and replace them.
/// - `dyads` in the same order per pair of roots, per source root and per target root: an
///   actor's or a pair's page walks them newest first and reads the page's events by key
///   (`dyad_events`); the general plan hashed every `dyads` row of the actor and scanned all
///   of `events` (0.9-1 s). They replace `dyads_src_day` and `dyads_tgt`, with the columns
///   those served.
/// - `dyads_roots` again, now with `counted` among its columns (added in version 3, after
///   the index), so a dyad series reads the index alone instead of one heap page per row.
const V6: &str = r#"
CREATE TABLE totals (
    one       boolean PRIMARY KEY DEFAULT true CHECK (one),
    articles  bigint NOT NULL,
    events    bigint NOT NULL,
    stories   bigint NOT NULL
);
INSERT INTO totals (one, articles, events, stories)
SELECT true, (SELECT COUNT(*) FROM articles), (SELECT COUNT(*) FROM events),
       (SELECT COUNT(*) FROM stories);

DROP INDEX events_day;
DROP INDEX events_plover_day;
CREATE INDEX events_recent ON events (day DESC NULLS LAST, n DESC);
CREATE INDEX events_plover_recent ON events (plover, day DESC NULLS LAST, n DESC);

DROP INDEX dyads_src_day;
DROP INDEX dyads_tgt;
CREATE INDEX dyads_pair_recent ON dyads (src_root, tgt_root, day DESC NULLS LAST, event DESC)
    INCLUDE (src, tgt);
CREATE INDEX dyads_src_recent ON dyads (src_root, day DESC NULLS LAST, event DESC)
    INCLUDE (src, tgt_root, tgt);
CREATE INDEX dyads_tgt_recent ON dyads (tgt_root, day DESC NULLS LAST, event DESC)
    INCLUDE (tgt, src_root, src);

DROP INDEX dyads_roots;
CREATE INDEX dyads_roots ON dyads (src_root, tgt_root, root_first, day, plover, quad)
    INCLUDE (intensity, goldstein, first_report, counted, event, src, tgt);
"#;

/// Version 7: `dyads_event` carries the codes and day of each row, so an event list that
/// filters on an actor and on something of the event (a type) checks each event's actors in
/// the index alone, not on a table page per event (44 -> 27 ms cold for a busy actor and a
/// common type at 1 M events).
const V7: &str = r#"
CREATE INDEX dyads_event_sides ON dyads (event) INCLUDE (src_root, tgt_root, src, tgt, day);
DROP INDEX dyads_event;
"#;

/// Version 8, SQLite's version 7: `pair_series`, a dyad series of two roots summed per day,
/// type and quad class (`crate::summaries`), filled from the stored `dyads` rows and kept by
/// the writer from the same `SummaryDelta`. A busy pair's series read 39,000 index entries
/// on each cold request (42-50 ms at 1 M events). Plover -1 and quad 0 stand for none.
/// The rows are written in key order and the table leaves room on each page, so a pair's
/// rows stay on neighbouring pages as the writer updates them in place (filled in hash order,
/// the busiest pair's 10,000 rows were on as many pages: 170 ms cold).
const V8: &str = r#"
CREATE TABLE pair_series (
    src_root       text COLLATE "C" NOT NULL,
    tgt_root       text COLLATE "C" NOT NULL,
    counted        boolean NOT NULL,
    day            integer NOT NULL,
    plover         integer NOT NULL,
    quad           integer NOT NULL,
    reports        bigint NOT NULL DEFAULT 0,
    events         bigint NOT NULL DEFAULT 0,
    intensity_sum  double precision NOT NULL DEFAULT 0,
    goldstein_sum  double precision NOT NULL DEFAULT 0,
    goldstein_n    bigint NOT NULL DEFAULT 0,
    PRIMARY KEY (src_root, tgt_root, counted, day, plover, quad)
) WITH (fillfactor = 70);
INSERT INTO pair_series (src_root, tgt_root, counted, day, plover, quad, reports, events,
                         intensity_sum, goldstein_sum, goldstein_n)
SELECT src_root, tgt_root, counted, day, COALESCE(plover, -1), COALESCE(quad, 0), COUNT(*),
       COUNT(*) FILTER (WHERE first_report),
       COALESCE(SUM(intensity) FILTER (WHERE first_report), 0),
       COALESCE(SUM(goldstein) FILTER (WHERE first_report), 0),
       COUNT(*) FILTER (WHERE first_report AND goldstein IS NOT NULL)
  FROM dyads
 WHERE root_first AND day IS NOT NULL AND src_root <> '' AND tgt_root <> ''
 GROUP BY src_root, tgt_root, counted, day, COALESCE(plover, -1), COALESCE(quad, 0)
 ORDER BY src_root, tgt_root, counted, day, COALESCE(plover, -1), COALESCE(quad, 0);
"#;

/// Version 9: the `*_recent` dyad indexes of version 6 include each row's PLOVER type, so an
/// event list filtered by an actor and a type walks the actor's rows newest first in the
/// index alone, skipping other types (`read.rs`, `dyad_page`), and reads only the page's
/// events. Walking the type's events and checking each one's actors read 1,800 pages for
/// USA and CONSULT at 1 M events with nothing in shared buffers (35 ms), collecting a rare
/// actor's events and reading each to check its type 3,500 (TWNMIL and ASSAULT, 119 ms).
const V9: &str = r#"
DROP INDEX dyads_pair_recent;
DROP INDEX dyads_src_recent;
DROP INDEX dyads_tgt_recent;
CREATE INDEX dyads_pair_recent ON dyads (src_root, tgt_root, day DESC NULLS LAST, event DESC)
    INCLUDE (src, tgt, plover);
CREATE INDEX dyads_src_recent ON dyads (src_root, day DESC NULLS LAST, event DESC)
    INCLUDE (src, tgt_root, tgt, plover);
CREATE INDEX dyads_tgt_recent ON dyads (tgt_root, day DESC NULLS LAST, event DESC)
    INCLUDE (tgt, src_root, src, plover);
"#;

/// Version 10, SQLite's version 9: `pair_series_weeks`, `pair_series` summed per week (`day`
/// is the week's Monday), filled in key order with room left on each page, as `pair_series`
/// is, and kept by the writer. A dyad series by week of a busy pair read 10,000 daily rows
/// (343 pages, 10 ms) per request; the weekly table holds 1,600 for the same pair.
const V10: &str = r#"
CREATE TABLE pair_series_weeks (
    src_root       text COLLATE "C" NOT NULL,
    tgt_root       text COLLATE "C" NOT NULL,
    counted        boolean NOT NULL,
    day            integer NOT NULL,
    plover         integer NOT NULL,
    quad           integer NOT NULL,
    reports        bigint NOT NULL DEFAULT 0,
    events         bigint NOT NULL DEFAULT 0,
    intensity_sum  double precision NOT NULL DEFAULT 0,
    goldstein_sum  double precision NOT NULL DEFAULT 0,
    goldstein_n    bigint NOT NULL DEFAULT 0,
    PRIMARY KEY (src_root, tgt_root, counted, day, plover, quad)
) WITH (fillfactor = 70);
INSERT INTO pair_series_weeks (src_root, tgt_root, counted, day, plover, quad, reports, events,
                               intensity_sum, goldstein_sum, goldstein_n)
SELECT src_root, tgt_root, counted, day - (((day + 3) % 7) + 7) % 7 AS week, plover, quad,
       SUM(reports), SUM(events), SUM(intensity_sum), SUM(goldstein_sum), SUM(goldstein_n)
  FROM pair_series
 GROUP BY src_root, tgt_root, counted, week, plover, quad
 ORDER BY src_root, tgt_root, counted, week, plover, quad;
"#;

/// Version 11: `dyads_codes(src_root, tgt_root, src, tgt, day)` with the series' columns
/// included replaces `dyads_roots`, whose `root_first` and type keys no read uses since the
/// series of two roots come from `pair_series` (version 8). A series of full codes
/// (PAKGOV-AFGMIL) read the whole pair of roots' range of `dyads_roots` to filter the codes
/// (590-2,100 pages, 20-24 ms at 1 M events with nothing in shared buffers); keyed by code it
/// reads the source code's range (106 pages, 3.4 ms). One index replaces another, so the
/// writer's work stays the same.
const V11: &str = r#"
DROP INDEX dyads_roots;
CREATE INDEX dyads_codes ON dyads (src_root, tgt_root, src, tgt, day)
    INCLUDE (plover, quad, intensity, goldstein, first_report, counted, event);
"#;

/// Version 12, as SQLite's version 11: `published_at` (seconds since 1970 UTC) orders
/// reports, with the article id, for "first report", whatever order workers stored them in;
/// `story_terms` keeps the story stage's terms of each article so the stories can be decided
/// again from the stored articles (`StorySettle`).
const V12: &str = r#"
ALTER TABLE articles ADD COLUMN published_at bigint;
ALTER TABLE articles ADD COLUMN story_terms text NOT NULL DEFAULT '';
UPDATE articles SET published_at = day::bigint * 86400 WHERE day IS NOT NULL;
"#;

/// Version 13: `host_slots`, the next free time to send a request to each host, booked by
/// every worker before it fetches (`HostSlots::book_host`), so the pace per host holds
/// across workers.
const V13: &str = r#"
CREATE TABLE host_slots (
    host    text COLLATE "C" PRIMARY KEY,
    next_at timestamptz NOT NULL
);
"#;

/// Version 14, as SQLite's version 12: the story stage's state saved at the start of some
/// days (`story_checkpoints`, UTC seconds) and the pending mark (`story_settle`: the earliest
/// publication time written since the last settle, NULL when none, the largest bigint for
/// undated articles; the smallest for a migrating store, whose next settle replays every
/// article), so a settle resumes where the new articles start. `articles_settle` reads the
/// articles in the replay's order from any day.
const V14: &str = r#"
CREATE TABLE story_checkpoints (
    boundary   bigint PRIMARY KEY,
    state      bytea NOT NULL,
    saved_at   text NOT NULL
);
CREATE TABLE story_settle (
    one          boolean PRIMARY KEY DEFAULT true CHECK (one),
    pending_from bigint
);
INSERT INTO story_settle (one, pending_from) VALUES (true, -9223372036854775808);
CREATE INDEX articles_settle ON articles (published_at, id);
"#;

/// Version 15, as SQLite's version 13: what the settle reads when it points the aliases and
/// copies that named an aliased article at its original (`settle.rs`, `repoint`); each
/// settle that made an alias read both tables in full. `articles_duplicate_of` holds copies
/// only (most articles copy nothing; `duplicate_of = ...` implies `IS NOT NULL`, so the
/// planner may use it). Both fit the Citus plan: `aliases` stays on the coordinator, and an
/// index that is neither unique nor a key is allowed on a table distributed by `story_id`.
const V15: &str = r#"
CREATE INDEX aliases_article ON aliases (article_id);
CREATE INDEX articles_duplicate_of ON articles (duplicate_of) WHERE duplicate_of IS NOT NULL;
"#;
