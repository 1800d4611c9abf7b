//! Actor reads from the summary tables of schema version 2 (`actor_counts`, `actor_pairs`,
//! kept exact by the writer: `summaries.rs`) and one-sided pages of an actor's events read newest day
//! first from the dyad indexes.
//!
//! At a million events, grouping the `dyads` rows of an actor (a third of them, for the
//! busiest) took seconds; the summaries hold one row per code and per code pair, so these
//! reads cost what they return.

use std::collections::BTreeMap;

use rusqlite::types::Value;

use super::serve_queries::page;
use super::{SqliteStore, PREFIX_END};
use crate::error::SqlContext;
use crate::query::Counterpart;
use crate::serve_queries::{ActorQuery, ActorSummary};
use crate::StoreError;

/// Default number of actors listed when the query gives no limit.
const DEFAULT_ACTORS: usize = 100;

/// Default number of counterparts when the caller gives no limit.
const DEFAULT_COUNTERPARTS: usize = 50;

/// A code prefix as a `[start, end)` range of codes (upper-cased, trimmed).
fn prefix_range(prefix: &str) -> (String, String) {
    let p = prefix.trim().to_ascii_uppercase();
    let end = format!("{p}{PREFIX_END}");
    (p, end)
}

impl SqliteStore {
    /// Actors by happenings (as source plus as target), most active first.
    pub(super) fn actor_list(&self, q: &ActorQuery) -> Result<Vec<ActorSummary>, StoreError> {
        let mut sql = String::from(
            "SELECT code, as_source, as_target FROM actor_counts
             WHERE (as_source > 0 OR as_target > 0)",
        );
        let mut params: Vec<Value> = Vec::new();
        if let Some(p) = q.prefix.as_deref().filter(|p| !p.trim().is_empty()) {
            let (start, end) = prefix_range(p);
            sql.push_str(" AND code >= ? AND code < ?");
            params.extend([Value::Text(start), Value::Text(end)]);
        }
        let limit = page(q.limit, DEFAULT_ACTORS);
        sql.push_str(&format!(
            " ORDER BY as_source + as_target DESC, code LIMIT {limit} OFFSET {}",
            q.offset
        ));
        let mut stmt = self.conn.prepare_cached(&sql).during("list actors")?;
        let rows = stmt
            .query_map(rusqlite::params_from_iter(params.iter()), |r| {
                Ok(ActorSummary {
                    code: r.get(0)?,
                    name: None,
                    as_source: r.get::<_, i64>(1)?.max(0) as u64,
                    as_target: r.get::<_, i64>(2)?.max(0) as u64,
                })
            })
            .during("list actors")?;
        rows.collect::<Result<Vec<_>, _>>().during("list actors")
    }

    /// Whom the actors whose code starts with `code` deal with, busiest counterpart first.
    /// Counted per code pair: an event naming two matching codes on its side (`PAKGOV` and
    /// `PAKMIL` for `PAK`) counts once per code, as the country-level dyad ranking does.
    pub(super) fn actor_counterparts(
        &self,
        code: &str,
        limit: usize,
    ) -> Result<Vec<Counterpart>, StoreError> {
        if code.trim().is_empty() {
            return Err(StoreError::InvalidQuery("an actor code is empty".into()));
        }
        let (start, end) = prefix_range(code);
        let mut by_code: BTreeMap<String, Counterpart> = BTreeMap::new();
        for (mine, theirs) in [("src", "tgt"), ("tgt", "src")] {
            let sql = format!(
                "SELECT {theirs}, SUM(events) FROM actor_pairs
                 WHERE {mine} >= ?1 AND {mine} < ?2 GROUP BY {theirs} HAVING SUM(events) > 0"
            );
            let mut stmt = self.conn.prepare_cached(&sql).during("counterparts")?;
            let rows = stmt
                .query_map([&start, &end], |r| {
                    Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?))
                })
                .during("counterparts")?;
            for row in rows {
                let (other, n) = row.during("counterparts")?;
                let entry = by_code.entry(other.clone()).or_insert(Counterpart {
                    code: other,
                    as_target: 0,
                    as_source: 0,
                });
                if mine == "src" {
                    entry.as_target += n.max(0) as u64;
                } else {
                    entry.as_source += n.max(0) as u64;
                }
            }
        }
        let mut out: Vec<Counterpart> = by_code.into_values().collect();
        out.sort_by(|a, b| {
            (b.as_source + b.as_target)
                .cmp(&(a.as_source + a.as_target))
                .then_with(|| a.code.cmp(&b.code))
        });
        out.truncate(if limit == 0 {
            DEFAULT_COUNTERPARTS
        } else {
            limit
        });
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use attache_model::{Article, Document, Event, EventActor, Span};

    use crate::{ActorQuery, Batch, DocumentRecord, SqliteStore, StoreOverview, StoreWrite};

    fn event(src: &[&str], tgt: &[&str]) -> Event {
        let actors = |codes: &[&str]| {
            codes
                .iter()
                .map(|c| EventActor {
                    code: (*c).into(),
                    name: (*c).into(),
                    text: (*c).into(),
                    span: Span::new(0, 1),
                })
                .collect()
        };
        Event {
            source: actors(src),
            target: actors(tgt),
            date: Some("2025-10-30".into()),
            ..Event::default()
        }
    }

    fn record(id: &str, hash: &str, story: &str, site: &str, events: Vec<Event>) -> DocumentRecord {
        let mut doc = Document::new(
            id,
            Article {
                site: Some(site.into()),
                text: format!("text of {id}"),
                ..Article::default()
            },
        );
        // The n-th event of every article reports the same happening of the story.
        let keys = (0..events.len()).map(|i| format!("k{i}")).collect();
        doc.events = events;
        DocumentRecord {
            id: id.into(),
            canonical_url: None,
            content_hash: hash.into(),
            simhash: 0,
            duplicate: None,
            story_id: story.into(),
            event_keys: keys,
            story_terms: String::new(),
            provenance: crate::Provenance::default(),
            document: doc,
        }
    }

    fn put(s: &mut SqliteStore, records: Vec<DocumentRecord>) {
        s.put_batch(&Batch {
            documents: records,
            ..Batch::default()
        })
        .unwrap_or_else(|e| panic!("{e}"));
    }

    fn counts(s: &SqliteStore) -> Vec<(String, u64, u64)> {
        s.actors(&ActorQuery::default())
            .unwrap_or_default()
            .into_iter()
            .map(|a| (a.code, a.as_source, a.as_target))
            .collect()
    }

    /// The summaries must say what grouping `dyads` says, after every kind of write.
    fn assert_summaries_match_dyads(s: &SqliteStore) {
        let grouped: Vec<(String, i64, i64)> = s
            .conn
            .prepare(
                "SELECT code, SUM(s), SUM(t) FROM (
                   SELECT src AS code, COUNT(DISTINCT event) AS s, 0 AS t FROM dyads
                    WHERE first_report = 1 AND src != '' GROUP BY src
                   UNION ALL
                   SELECT tgt, 0, COUNT(DISTINCT event) FROM dyads
                    WHERE first_report = 1 AND tgt != '' GROUP BY tgt)
                 GROUP BY code ORDER BY code",
            )
            .and_then(|mut st| {
                st.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
                    .collect()
            })
            .unwrap_or_else(|e| panic!("{e}"));
        let summary: Vec<(String, i64, i64)> = s
            .conn
            .prepare(
                "SELECT code, as_source, as_target FROM actor_counts
                 WHERE as_source > 0 OR as_target > 0 ORDER BY code",
            )
            .and_then(|mut st| {
                st.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
                    .collect()
            })
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(summary, grouped);
        let pairs = |sql: &str| -> Vec<(String, String, i64)> {
            s.conn
                .prepare(sql)
                .and_then(|mut st| {
                    st.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
                        .collect()
                })
                .unwrap_or_else(|e| panic!("{e}"))
        };
        assert_eq!(
            pairs("SELECT src, tgt, events FROM actor_pairs WHERE events > 0 ORDER BY src, tgt"),
            pairs(
                "SELECT src, tgt, COUNT(*) FROM dyads WHERE first_report = 1 AND src != ''
                 AND tgt != '' GROUP BY src, tgt ORDER BY src, tgt"
            )
        );
    }

    #[test]
    fn actor_summaries_follow_inserts_corroboration_and_replaced_pages() {
        let mut s = SqliteStore::in_memory().unwrap_or_else(|e| panic!("{e}"));
        // One event with a compound source and an empty target side.
        put(
            &mut s,
            vec![record(
                "a1",
                "h1",
                "s1",
                "one.example",
                vec![
                    event(&["PAKGOV", "PAKMIL", "PAKGOV"], &["AFG"]),
                    event(&["IND"], &[]),
                ],
            )],
        );
        assert_summaries_match_dyads(&s);
        assert_eq!(
            counts(&s),
            vec![
                ("AFG".into(), 0, 1),
                ("IND".into(), 1, 0),
                ("PAKGOV".into(), 1, 0),
                ("PAKMIL".into(), 1, 0)
            ]
        );
        // Another outlet reports the same happening in the same story: no new happening.
        put(
            &mut s,
            vec![record(
                "a2",
                "h2",
                "s1",
                "two.example",
                vec![event(&["PAKGOV"], &["AFG"])],
            )],
        );
        assert_summaries_match_dyads(&s);
        // The first article changes: its events are replaced, and it stays the first report
        // (both are undated, and "a1" comes before "a2"), now of Turkey.
        put(
            &mut s,
            vec![record(
                "a1",
                "h1-changed",
                "s1",
                "one.example",
                vec![event(&["TUR"], &["AFG"])],
            )],
        );
        assert_summaries_match_dyads(&s);
        assert!(s.counterparts_of("PAK").is_empty());
        let tur = s.counterparts_of("TUR");
        assert_eq!(tur, vec![("AFG".to_string(), 1, 0)]);
    }

    #[test]
    fn re_stored_articles_leave_the_actor_summaries_exact() {
        let mut s = SqliteStore::in_memory().unwrap_or_else(|e| panic!("{e}"));
        let report =
            |id: &str, hash: &str, site: &str, events| record(id, hash, "s1", site, events);
        // Two outlets report one happening, in one batch.
        put(
            &mut s,
            vec![
                report(
                    "a1",
                    "h1",
                    "one.example",
                    vec![event(&["PAKGOV"], &["AFG"])],
                ),
                report(
                    "a2",
                    "h2",
                    "two.example",
                    vec![event(&["PAKGOV"], &["AFG"])],
                ),
            ],
        );
        let once = vec![("AFG".into(), 0, 1), ("PAKGOV".into(), 1, 0)];
        assert_summaries_match_dyads(&s);
        assert_eq!(counts(&s), once);
        // The same page stored again is skipped: nothing counted twice.
        put(
            &mut s,
            vec![report(
                "a1",
                "h1",
                "one.example",
                vec![event(&["PAKGOV"], &["AFG"])],
            )],
        );
        assert_summaries_match_dyads(&s);
        assert_eq!(counts(&s), once);
        // The page changed but codes the same happening: its report is replaced and stays
        // the first (undated, "a1" before "a2"); still one happening.
        put(
            &mut s,
            vec![report(
                "a1",
                "h1b",
                "one.example",
                vec![event(&["PAKGOV"], &["AFG"])],
            )],
        );
        assert_summaries_match_dyads(&s);
        assert_eq!(counts(&s), once);
        // Both pages change in one batch, one of them to another source. The n-th event of
        // each article is one happening (see `record`), so it stays one, counted from its
        // first report: a1's (both undated, "a1" before "a2"), though a2's was written first.
        put(
            &mut s,
            vec![
                report("a2", "h2b", "two.example", vec![event(&["TUR"], &["AFG"])]),
                report(
                    "a1",
                    "h1c",
                    "one.example",
                    vec![event(&[" PAKGOV"], &["AFG", "AFG"])],
                ),
            ],
        );
        assert_summaries_match_dyads(&s);
        assert_eq!(counts(&s), once);
    }

    #[test]
    fn two_new_reports_of_an_older_happening_in_one_batch_are_not_counted_again() {
        let mut s = SqliteStore::in_memory().unwrap_or_else(|e| panic!("{e}"));
        let report =
            |id: &str, hash: &str, site: &str, events| record(id, hash, "s1", site, events);
        put(
            &mut s,
            vec![report(
                "a1",
                "h1",
                "one.example",
                vec![event(&["PAKGOV"], &["AFG"])],
            )],
        );
        let once = vec![("AFG".into(), 0, 1), ("PAKGOV".into(), 1, 0)];
        assert_eq!(counts(&s), once);
        // Two later articles of one batch report the same happening, each first within its
        // own article, so both are counted as written; the recount finds a1's report first
        // and must take back both.
        put(
            &mut s,
            vec![
                report("a2", "h2", "two.example", vec![event(&["IND"], &["AFG"])]),
                report("a3", "h3", "three.example", vec![event(&["TUR"], &["AFG"])]),
            ],
        );
        assert_summaries_match_dyads(&s);
        assert_eq!(counts(&s), once);
    }

    impl SqliteStore {
        fn counterparts_of(&self, code: &str) -> Vec<(String, u64, u64)> {
            self.actor_counterparts(code, 0)
                .unwrap_or_default()
                .into_iter()
                .map(|c| (c.code, c.as_target, c.as_source))
                .collect()
        }
    }
}
