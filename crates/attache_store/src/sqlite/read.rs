//! Reads: event filters, dyad series, search, articles, stories, counterparts.

use std::collections::BTreeMap;

use attache_model::{ActorKind, Mention, PloverCategory, Span};
use rusqlite::types::Value;
use rusqlite::OptionalExtension;

use super::rows::{article_from_row, event_from_row, ARTICLE_COLUMNS, EVENT_COLUMNS};
use super::{SqliteStore, PREFIX_END};
use crate::day::format_day;
use crate::error::SqlContext;
use crate::query::{
    round_mean, Counterpart, DyadBucket, DyadQuery, EventFilter, SearchHit, SearchQuery, Stats,
    StoredArticle, StoredEvent, StoryDetail, StoryFilter, StoryMember, StorySummary, MAX_PAGE,
    MAX_RANKED,
};
use crate::record::DuplicateKind;
use crate::summaries::{SeriesTable, NO_PLOVER, NO_QUAD};
use crate::{StoreError, StoreRead};

/// A SQL condition with its parameters.
#[derive(Default)]
struct Where {
    clauses: Vec<String>,
    params: Vec<Value>,
}

impl Where {
    fn push(&mut self, clause: impl Into<String>, params: impl IntoIterator<Item = Value>) {
        self.clauses.push(clause.into());
        self.params.extend(params);
    }

    fn sql(&self) -> String {
        if self.clauses.is_empty() {
            "1".to_string()
        } else {
            self.clauses.join(" AND ")
        }
    }
}

fn text(s: &str) -> Value {
    Value::Text(s.to_string())
}

/// How an event filter checks its actor condition (`SqliteStore::probe_actors` chooses).
#[derive(Debug, Clone, Copy)]
enum ActorCheck {
    /// Collect every event of the actor (or pair) from the dyad indexes, then keep the events
    /// among them: right for a rare actor, and for counting and exporting every match.
    Collect,
    /// Check each event the rest of the filter walks in list order against its own `dyads`
    /// rows (`dyads_event_sides`): a page of a busy actor stops early.
    Probe,
}

/// Match an actor column pair (`src`/`src_root` or `tgt`/`tgt_root`) of `dyads` against a
/// code prefix, in a form the `(src_root, tgt_root, ...)` indexes serve.
fn code_match(side: &str, code: &str, w: &mut Where) -> Result<(), StoreError> {
    let code = code.trim().to_ascii_uppercase();
    if code.is_empty() {
        return Err(StoreError::InvalidQuery("an actor code is empty".into()));
    }
    match code.len() {
        3 => w.push(format!("{side}_root = ?"), [text(&code)]),
        n if n < 3 => w.push(
            format!("{side}_root >= ? AND {side}_root < ?"),
            [text(&code), text(&format!("{code}{PREFIX_END}"))],
        ),
        _ => w.push(
            format!("{side}_root = ? AND {side} >= ? AND {side} < ?"),
            [
                text(&code[..3]),
                text(&code),
                text(&format!("{code}{PREFIX_END}")),
            ],
        ),
    }
    Ok(())
}

/// The `dyads` condition for a source/target pair (either may be absent).
fn pair_match(
    src: Option<&str>,
    tgt: Option<&str>,
    days: (Option<i32>, Option<i32>),
) -> Result<Where, StoreError> {
    let mut w = Where::default();
    if let Some(code) = src {
        code_match("src", code, &mut w)?;
    }
    if let Some(code) = tgt {
        code_match("tgt", code, &mut w)?;
    }
    if let Some(from) = days.0 {
        w.push("day >= ?", [Value::Integer(i64::from(from))]);
    }
    if let Some(to) = days.1 {
        w.push("day <= ?", [Value::Integer(i64::from(to))]);
    }
    Ok(w)
}

/// Turn user words into an FTS5 query that cannot be a syntax error: every word or
/// `"quoted phrase"` becomes a quoted FTS string, and all must match.
pub(crate) fn fts_query(input: &str) -> Option<String> {
    let mut parts = Vec::new();
    for (i, chunk) in input.split('"').enumerate() {
        let quoted = i % 2 == 1;
        if quoted {
            let phrase = chunk.split_whitespace().collect::<Vec<_>>().join(" ");
            if !phrase.is_empty() {
                parts.push(format!("\"{phrase}\""));
            }
        } else {
            for word in chunk.split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '-') {
                let word = word.trim_matches(|c| c == '\'' || c == '-');
                if !word.is_empty() {
                    parts.push(format!("\"{word}\""));
                }
            }
        }
    }
    (!parts.is_empty()).then(|| parts.join(" "))
}

impl SqliteStore {
    /// Events for any filter, by the general plan (every match collected, then sorted).
    pub(super) fn events_general(
        &self,
        filter: &EventFilter,
    ) -> Result<Vec<StoredEvent>, StoreError> {
        let limit = if filter.limit == 0 {
            MAX_PAGE
        } else {
            filter.limit.min(MAX_PAGE)
        };
        let actors = if self.probe_actors(filter, filter.offset.saturating_add(limit))? {
            ActorCheck::Probe
        } else {
            ActorCheck::Collect
        };
        let w = self.event_where(filter, actors)?;
        let sql = format!(
            "SELECT {EVENT_COLUMNS} FROM events e JOIN articles a ON a.n = e.article
             WHERE {} ORDER BY e.day DESC, e.n DESC LIMIT {limit} OFFSET {}",
            w.sql(),
            filter.offset
        );
        let mut stmt = self.conn.prepare(&sql).during("query events")?;
        let mut rows = stmt
            .query(rusqlite::params_from_iter(w.params.iter()))
            .during("query events")?;
        let mut out = Vec::new();
        while let Some(row) = rows.next().during("query events")? {
            out.push(event_from_row(row)?);
        }
        Ok(out)
    }

    /// Whether a page of `k` events of this filter should check the actor condition event by
    /// event ([`ActorCheck::Probe`]) rather than collect the actor's events first. When the
    /// actor is in a share `s` of the events, walking the events in list order meets one of
    /// its events in every `1/s`, so a page costs about `k / s` probes, against the actor's
    /// `s × events` rows for collecting: probe when `(s × events)² ≥ k × events`. The actor's
    /// share is read from `actor_counts` (happenings; the total counts reports, so a share
    /// is underestimated by the corroboration rate, which errs towards collecting).
    fn probe_actors(&self, f: &EventFilter, k: usize) -> Result<bool, StoreError> {
        if f.actor.is_none() && f.target.is_none() {
            return Ok(false);
        }
        let side = |code: Option<&str>, column: &str| -> Result<Option<u64>, StoreError> {
            let Some(code) = code else {
                return Ok(None);
            };
            let code = code.trim().to_ascii_uppercase();
            let end = format!("{code}{PREFIX_END}");
            let sql = format!(
                "SELECT COALESCE(SUM({column}), 0) FROM actor_counts WHERE code >= ?1 AND code < ?2"
            );
            self.conn
                .prepare_cached(&sql)
                .and_then(|mut s| s.query_row([&code, &end], |r| r.get::<_, i64>(0)))
                .map(|n| Some(n.max(0) as u64))
                .during("estimate an actor's events")
        };
        // A pair has at most as many events as its rarer side.
        let direction = |src: Option<&str>, tgt: Option<&str>| -> Result<u64, StoreError> {
            let (s, t) = (side(src, "as_source")?, side(tgt, "as_target")?);
            Ok(s.into_iter().chain(t).min().unwrap_or(0))
        };
        let (actor, target) = (f.actor.as_deref(), f.target.as_deref());
        let mut events = direction(actor, target)?;
        if f.undirected {
            events = events.saturating_add(direction(target, actor)?);
        }
        let total = crate::StoreOverview::totals(self)?.events;
        Ok(events.saturating_mul(events) >= (k as u64).saturating_mul(total))
    }

    fn event_where(&self, f: &EventFilter, actors: ActorCheck) -> Result<Where, StoreError> {
        let mut w = Where::default();
        let days = (f.from_day, f.to_day);
        if f.actor.is_some() || f.target.is_some() {
            let direct = pair_match(f.actor.as_deref(), f.target.as_deref(), days)?;
            let back = if f.undirected {
                Some(pair_match(f.target.as_deref(), f.actor.as_deref(), days)?)
            } else {
                None
            };
            let (mut clause, mut params) = match actors {
                ActorCheck::Collect => (
                    format!("e.n IN (SELECT event FROM dyads WHERE {}", direct.sql()),
                    direct.params,
                ),
                // Named, so the planner cannot take an index on the actor instead and scan
                // it for every event (seconds at 1 M events).
                ActorCheck::Probe => (
                    format!(
                        "(EXISTS (SELECT 1 FROM dyads INDEXED BY dyads_event_sides
                                  WHERE event = e.n AND {})",
                        direct.sql()
                    ),
                    direct.params,
                ),
            };
            if let Some(back) = back {
                clause.push_str(&match actors {
                    ActorCheck::Collect => {
                        format!(" UNION SELECT event FROM dyads WHERE {}", back.sql())
                    }
                    ActorCheck::Probe => format!(
                        " OR EXISTS (SELECT 1 FROM dyads INDEXED BY dyads_event_sides
                                     WHERE event = e.n AND {})",
                        back.sql()
                    ),
                });
                params.extend(back.params);
            }
            clause.push(')');
            w.push(clause, params);
        }
        if let Some(c) = f.plover {
            w.push("e.plover = ?", [text(c.as_str())]);
        }
        if let Some(code) = &f.cameo {
            w.push(
                "e.cameo >= ? AND e.cameo < ?",
                [text(code), text(&format!("{code}{PREFIX_END}"))],
            );
        }
        if let Some(m) = f.modality {
            w.push("e.modality = ?", [text(m.as_str())]);
        }
        if let Some(from) = f.from_day {
            w.push("e.day >= ?", [Value::Integer(i64::from(from))]);
        }
        if let Some(to) = f.to_day {
            w.push("e.day <= ?", [Value::Integer(i64::from(to))]);
        }
        if let Some(q) = &f.text {
            let q = fts_query(q)
                .ok_or_else(|| StoreError::InvalidQuery("the search text has no words".into()))?;
            w.push(
                "e.article IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?)",
                [text(&q)],
            );
        }
        if let Some(s) = &f.story {
            w.push("e.story_id = ?", [text(s)]);
        }
        if let Some(a) = &f.article {
            w.push("a.id = ?", [text(a)]);
        }
        if f.first_reports_only {
            w.push("e.first_report = 1", []);
        }
        if f.happenings_only {
            w.push("e.counted = 1", []);
        }
        Ok(w)
    }

    fn article_mentions(&self, n: i64) -> Result<Vec<Mention>, StoreError> {
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT start, end, sentence, kind, code, name, why FROM mentions
                 WHERE article = ?1 ORDER BY start, end",
            )
            .during("read mentions")?;
        let rows = stmt
            .query_map([n], |r| {
                let kind: String = r.get(3)?;
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, i64>(1)?,
                    r.get::<_, i64>(2)?,
                    kind,
                    r.get::<_, String>(4)?,
                    r.get::<_, String>(5)?,
                    r.get::<_, String>(6)?,
                ))
            })
            .during("read mentions")?;
        let mut out = Vec::new();
        for row in rows {
            let (start, end, sentence, kind, code, name, why) = row.during("read mentions")?;
            let kind: ActorKind =
                serde_json::from_value(serde_json::Value::String(kind)).map_err(|source| {
                    StoreError::BadJson {
                        column: "mentions.kind",
                        row: format!("article {n}"),
                        source,
                    }
                })?;
            out.push(Mention {
                span: Span::new(start.max(0) as usize, end.max(0) as usize),
                sentence: sentence.max(0) as usize,
                kind,
                code,
                name,
                why,
            });
        }
        Ok(out)
    }

    fn count(&self, sql: &str) -> Result<u64, StoreError> {
        self.conn
            .query_row(sql, [], |r| r.get::<_, i64>(0))
            .map(|n| n.max(0) as u64)
            .during("count")
    }
}

impl StoreRead for SqliteStore {
    fn stats(&self) -> Result<Stats, StoreError> {
        Ok(Stats {
            articles: self.count("SELECT COUNT(*) FROM articles")?,
            duplicates: self
                .count("SELECT COUNT(*) FROM articles WHERE duplicate_of IS NOT NULL")?,
            aliases: self.count("SELECT COUNT(*) FROM aliases")?,
            events: self.count("SELECT COUNT(*) FROM events")?,
            happenings: self.count("SELECT COUNT(*) FROM events WHERE first_report = 1")?,
            stories: self.count("SELECT COUNT(*) FROM stories")?,
            mentions: self.count("SELECT COUNT(*) FROM mentions")?,
        })
    }

    fn events(&self, filter: &EventFilter) -> Result<Vec<StoredEvent>, StoreError> {
        // Actor-only filters walk the dyad indexes newest day first (same answers): the
        // general plan collects every event of the actor, then sorts them.
        if crate::is_dyad_filter(filter) {
            return crate::StoreOverview::dyad_events(self, filter);
        }
        self.events_general(filter)
    }

    fn count_events(&self, filter: &EventFilter) -> Result<u64, StoreError> {
        let w = self.event_where(filter, ActorCheck::Collect)?;
        let sql = format!(
            "SELECT COUNT(*) FROM events e JOIN articles a ON a.n = e.article WHERE {}",
            w.sql()
        );
        self.conn
            .query_row(&sql, rusqlite::params_from_iter(w.params.iter()), |r| {
                r.get::<_, i64>(0)
            })
            .map(|n| n.max(0) as u64)
            .during("count events")
    }

    fn for_each_event(
        &self,
        filter: &EventFilter,
        visit: &mut dyn FnMut(StoredEvent) -> Result<bool, StoreError>,
    ) -> Result<(), StoreError> {
        let w = self.event_where(filter, ActorCheck::Collect)?;
        let sql = format!(
            "SELECT {EVENT_COLUMNS} FROM events e JOIN articles a ON a.n = e.article
             WHERE {} ORDER BY e.n",
            w.sql()
        );
        let mut stmt = self.conn.prepare(&sql).during("export events")?;
        let mut rows = stmt
            .query(rusqlite::params_from_iter(w.params.iter()))
            .during("export events")?;
        while let Some(row) = rows.next().during("export events")? {
            if !visit(event_from_row(row)?)? {
                break;
            }
        }
        Ok(())
    }

    fn event(&self, id: &str) -> Result<Option<StoredEvent>, StoreError> {
        let sql = format!(
            "SELECT {EVENT_COLUMNS} FROM events e JOIN articles a ON a.n = e.article WHERE e.id = ?1"
        );
        let mut stmt = self.conn.prepare_cached(&sql).during("read event")?;
        let mut rows = stmt.query([id]).during("read event")?;
        match rows.next().during("read event")? {
            Some(row) => Ok(Some(event_from_row(row)?)),
            None => Ok(None),
        }
    }

    fn dyad_series(&self, q: &DyadQuery) -> Result<Vec<DyadBucket>, StoreError> {
        let days = (q.from_day, q.to_day);
        // The undirected series adds the reverse direction's rows (an event is in both only if
        // each side names both actors, which is rare enough to count twice).
        let mut directions = vec![(q.a.as_str(), q.b.as_str())];
        if q.undirected && q.a != q.b {
            directions.push((q.b.as_str(), q.a.as_str()));
        }
        let aggregates = "day, plover, quad, COUNT(*), SUM(first_report),
                    SUM(CASE WHEN first_report = 1 THEN intensity END),
                    SUM(CASE WHEN first_report = 1 THEN goldstein END),
                    SUM(CASE WHEN first_report = 1 AND goldstein IS NOT NULL THEN 1 ELSE 0 END)";
        // Fold per-day rows into buckets: (bucket start day) -> sums.
        struct Acc {
            bucket: DyadBucket,
            intensity: f64,
            goldstein: f64,
            goldstein_n: u64,
        }
        let mut buckets: BTreeMap<i32, Acc> = BTreeMap::new();
        for (a, b) in directions {
            let mut m = pair_match(Some(a), Some(b), days)?;
            if !q.include_unasserted {
                m.push("counted = 1", []);
            }
            let root_level = a.trim().len() <= 3 && b.trim().len() <= 3;
            let sql = if root_level {
                // Two roots: the summary the writer keeps per (day, type, quad class), in the
                // columns the grouping below returns (`summaries.rs`; grouping a busy pair's
                // `dyads` rows took 25-45 ms cold at 1 M events). Rows of both `counted`
                // values add up in the buckets. By whole weeks, the weekly
                // summary (a sixth of the rows).
                format!(
                    "SELECT day, NULLIF(plover, {NO_PLOVER}), NULLIF(quad, {NO_QUAD}), reports,
                            events, intensity_sum, goldstein_sum, goldstein_n
                     FROM {} WHERE {}",
                    SeriesTable::for_query(q).name(),
                    m.sql()
                )
            } else {
                // Full codes: a compound actor ("PAKGOV and PAKMIL") gives one row per code,
                // but it is one event.
                format!(
                    "SELECT {aggregates} FROM (
                       SELECT DISTINCT event, day, plover, quad, intensity, goldstein, first_report
                       FROM dyads WHERE {} AND day IS NOT NULL)
                     GROUP BY day, plover, quad",
                    m.sql()
                )
            };
            let mut stmt = self.conn.prepare(&sql).during("dyad series")?;
            let mut rows = stmt
                .query(rusqlite::params_from_iter(m.params.iter()))
                .during("dyad series")?;
            while let Some(r) = rows.next().during("dyad series")? {
                let day: i32 = r.get(0).during("dyad series")?;
                let plover: Option<i64> = r.get(1).during("dyad series")?;
                let quad: Option<i64> = r.get(2).during("dyad series")?;
                let reports: i64 = r.get(3).during("dyad series")?;
                let events: i64 = r
                    .get::<_, Option<i64>>(4)
                    .during("dyad series")?
                    .unwrap_or(0);
                let intensity: f64 = r
                    .get::<_, Option<f64>>(5)
                    .during("dyad series")?
                    .unwrap_or(0.0);
                let goldstein: f64 = r
                    .get::<_, Option<f64>>(6)
                    .during("dyad series")?
                    .unwrap_or(0.0);
                let goldstein_n: i64 = r
                    .get::<_, Option<i64>>(7)
                    .during("dyad series")?
                    .unwrap_or(0);
                let acc = buckets.entry(q.by.start(day)).or_insert_with(|| Acc {
                    bucket: DyadBucket {
                        period: q.by.bucket(day).1,
                        ..DyadBucket::default()
                    },
                    intensity: 0.0,
                    goldstein: 0.0,
                    goldstein_n: 0,
                });
                let events = events.max(0) as u64;
                acc.bucket.reports += reports.max(0) as u64;
                acc.bucket.events += events;
                if events > 0 {
                    // Events PLOVER has no category for (CAMEO 01x statements) count as NONE.
                    let name = plover
                        .and_then(|p| PloverCategory::ALL.get(p.max(0) as usize))
                        .map(|c| c.as_str())
                        .unwrap_or("NONE");
                    *acc.bucket.by_type.entry(name.to_string()).or_insert(0) += events;
                    if let Some(q) = quad.filter(|q| (1..=4).contains(q)) {
                        acc.bucket.quad[(q - 1) as usize] += events;
                    }
                }
                acc.intensity += intensity;
                acc.goldstein += goldstein;
                acc.goldstein_n += goldstein_n.max(0) as u64;
            }
        }
        Ok(buckets
            .into_values()
            .map(|mut acc| {
                let n = acc.bucket.events;
                acc.bucket.mean_intensity = (n > 0).then(|| round_mean(acc.intensity / n as f64));
                acc.bucket.mean_goldstein = (acc.goldstein_n > 0)
                    .then(|| round_mean(acc.goldstein / acc.goldstein_n as f64));
                acc.bucket
            })
            .collect())
    }

    fn search(&self, q: &SearchQuery) -> Result<Vec<SearchHit>, StoreError> {
        self.search_ranking(q, MAX_RANKED)
    }

    fn article(&self, id: &str) -> Result<Option<StoredArticle>, StoreError> {
        let sql = format!("SELECT {ARTICLE_COLUMNS} FROM articles WHERE id = ?1");
        let mut stmt = self.conn.prepare_cached(&sql).during("read article")?;
        let mut rows = stmt.query([id]).during("read article")?;
        let Some(row) = rows.next().during("read article")? else {
            return Ok(None);
        };
        let (n, mut article) = article_from_row(row)?;
        article.mentions = self.article_mentions(n)?;
        Ok(Some(article))
    }

    fn for_each_article(
        &self,
        visit: &mut dyn FnMut(StoredArticle) -> Result<bool, StoreError>,
    ) -> Result<(), StoreError> {
        let sql = format!("SELECT {ARTICLE_COLUMNS} FROM articles ORDER BY n");
        let mut stmt = self.conn.prepare(&sql).during("export articles")?;
        let mut rows = stmt.query([]).during("export articles")?;
        while let Some(row) = rows.next().during("export articles")? {
            if !visit(article_from_row(row)?.1)? {
                break;
            }
        }
        Ok(())
    }

    fn stories(&self, f: &StoryFilter) -> Result<Vec<StorySummary>, StoreError> {
        let limit = if f.limit == 0 {
            50
        } else {
            f.limit.min(MAX_PAGE)
        };
        // Newest last day first, stories without one last: SQLite sorts NULL below every
        // value, so plain `last_day DESC, n DESC` says it, in the order of the
        // `stories_last_day` index (its entries end with `n`), which the scan then walks and
        // stops after the page (a sort of every story took 0.14 s at 200,000 stories).
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT id, title, first_day, last_day, articles, outlets, events FROM stories
                 WHERE (?1 IS NULL OR last_day >= ?1) AND (?2 IS NULL OR first_day <= ?2)
                   AND outlets >= ?3
                 ORDER BY last_day DESC, n DESC LIMIT ?4 OFFSET ?5",
            )
            .during("list stories")?;
        let rows = stmt
            .query_map(
                rusqlite::params![
                    f.from_day,
                    f.to_day,
                    i64::from(f.min_outlets),
                    limit as i64,
                    f.offset as i64
                ],
                story_summary,
            )
            .during("list stories")?;
        rows.collect::<Result<Vec<_>, _>>().during("list stories")
    }

    fn story(&self, id: &str) -> Result<Option<StoryDetail>, StoreError> {
        let summary = self
            .conn
            .prepare_cached(
                "SELECT id, title, first_day, last_day, articles, outlets, events FROM stories
                 WHERE id = ?1",
            )
            .and_then(|mut s| s.query_row([id], story_summary).optional())
            .during("read story")?;
        let Some(summary) = summary else {
            return Ok(None);
        };
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT id, title, site, url, published, duplicate_kind FROM articles
                 WHERE story_id = ?1 ORDER BY day IS NULL, day, n",
            )
            .during("read story")?;
        let members = stmt
            .query_map([id], |r| {
                let kind: Option<String> = r.get(5)?;
                Ok(StoryMember {
                    id: r.get(0)?,
                    title: r.get(1)?,
                    site: r.get(2)?,
                    url: r.get(3)?,
                    published: r.get(4)?,
                    duplicate_kind: kind.as_deref().and_then(DuplicateKind::parse),
                })
            })
            .and_then(|rows| rows.collect::<Result<Vec<_>, _>>())
            .during("read story")?;
        Ok(Some(StoryDetail { summary, members }))
    }

    fn counterparts(&self, code: &str, limit: usize) -> Result<Vec<Counterpart>, StoreError> {
        self.actor_counterparts(code, limit)
    }
}

fn story_summary(r: &rusqlite::Row<'_>) -> rusqlite::Result<StorySummary> {
    Ok(StorySummary {
        id: r.get(0)?,
        title: r.get(1)?,
        first_day: r.get::<_, Option<i32>>(2)?.map(format_day),
        last_day: r.get::<_, Option<i32>>(3)?.map(format_day),
        articles: r.get::<_, i64>(4)?.max(0) as u64,
        outlets: r.get::<_, i64>(5)?.max(0) as u64,
        events: r.get::<_, i64>(6)?.max(0) as u64,
    })
}

impl SqliteStore {
    /// [`StoreRead::search`], ranking at most `max_ranked` matches (the newest).
    pub(super) fn search_ranking(
        &self,
        q: &SearchQuery,
        max_ranked: usize,
    ) -> Result<Vec<SearchHit>, StoreError> {
        let fts = fts_query(&q.text)
            .ok_or_else(|| StoreError::InvalidQuery("the search text has no words".into()))?;
        let limit = if q.limit == 0 {
            20
        } else {
            q.limit.min(MAX_PAGE)
        };
        // Top-k over a bounded set: the newest `ranked` matches come from the full-text
        // index in rowid order without scoring (a few ms for 190,000 matches), and only those
        // are ranked (FTS5 takes the rowid bound as a constraint).
        let ranked = max_ranked.max(q.offset.saturating_add(limit));
        let lowest: Option<i64> = self
            .conn
            .prepare_cached(
                "SELECT MIN(rowid) FROM (SELECT rowid FROM articles_fts
                 WHERE articles_fts MATCH ?1 ORDER BY rowid DESC LIMIT ?2)",
            )
            .and_then(|mut s| s.query_row(rusqlite::params![fts, ranked as i64], |r| r.get(0)))
            .during("search")?;
        let Some(lowest) = lowest else {
            return Ok(Vec::new());
        };
        // Rank first, then read the page's articles and snippets: in one statement SQLite
        // made a snippet for every ranked match before sorting them (`snippet()` re-reads the
        // text), where the page needs twenty.
        let page: Vec<(i64, f64)> = self
            .conn
            .prepare_cached(
                "SELECT rowid, bm25(articles_fts) FROM articles_fts
                 WHERE articles_fts MATCH ?1 AND rowid >= ?4
                 ORDER BY bm25(articles_fts), rowid LIMIT ?2 OFFSET ?3",
            )
            .and_then(|mut s| {
                s.query_map(
                    rusqlite::params![fts, limit as i64, q.offset as i64, lowest],
                    |r| Ok((r.get(0)?, r.get(1)?)),
                )?
                .collect::<Result<Vec<_>, _>>()
            })
            .during("search")?;
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT a.id, a.title, a.url, a.site, a.published,
                        snippet(articles_fts, 2, '[', ']', ' … ', 16)
                 FROM articles_fts JOIN articles a ON a.n = articles_fts.rowid
                 WHERE articles_fts MATCH ?1 AND articles_fts.rowid = ?2",
            )
            .during("search")?;
        let mut hits = Vec::with_capacity(page.len());
        for (n, rank) in page {
            let hit = stmt
                .query_row(rusqlite::params![fts, n], |r| {
                    Ok(SearchHit {
                        id: r.get(0)?,
                        title: r.get(1)?,
                        url: r.get(2)?,
                        site: r.get(3)?,
                        published: r.get(4)?,
                        snippet: r.get(5)?,
                        rank,
                    })
                })
                .optional()
                .during("search")?;
            // Articles are replaced in place, never deleted, so each ranked one is found; one
            // that were gone would be left out rather than fail the page.
            hits.extend(hit);
        }
        Ok(hits)
    }
}
