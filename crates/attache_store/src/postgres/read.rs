//! Reads for PostgreSQL: the same answers as the SQLite reads (the conformance suite checks
//! them side by side), in PostgreSQL's terms: `NULLS LAST` where SQLite sorts NULL lowest,
//! `COUNT(*) FILTER` for flag sums, and `websearch_to_tsquery` over the stored `tsvector`
//! for search, ranked with `ts_rank_cd` and cut to the page before any snippet is made.
//!
//! The actor list, counterparts, dyad ranking and type series read the summary tables the
//! writer keeps (`summaries.rs`, as on SQLite), so they cost what they return; an actor page
//! is read by the general event plan, which the dyad indexes serve.

use std::collections::BTreeMap;

use attache_model::{
    ActorKind, Article, CameoCoding, Event, EventActor, EventLocation, Evidence, Mention,
    PloverCategory, PloverCoding, QuadClass, Span,
};
use postgres::Row;

use super::{Params, PgStore};
use crate::day::format_day;
use crate::error::SqlContext;
use crate::query::{
    Counterpart, DyadBucket, DyadQuery, EventFilter, SearchHit, SearchQuery, Stats, StoredArticle,
    StoredEvent, StoryDetail, StoryFilter, StoryMember, StorySummary, MAX_PAGE, MAX_RANKED,
};
use crate::record::DuplicateKind;
use crate::serve_queries::{
    is_dyad_filter, ActorQuery, ActorSummary, DyadCount, StoreOverview, TopDyadsQuery, Totals,
    TypeBucket, TypeBuckets, TypeSeriesQuery,
};
use crate::sqlite::plover_index;
use crate::sqlite::{fts_query, modality, parse, usize_of, PREFIX_END};
use crate::summaries::{SeriesTable, NO_DAY, NO_PLOVER, NO_QUAD};
use crate::{StoreError, StoreRead};

/// The columns [`event_from_row`] reads, in order; `e` is `events`, `a` is `articles`.
const EVENT_COLUMNS: &str = "e.id, a.id, a.url, a.site, a.title, e.story_id, e.coder_id,
    e.sentence, e.source, e.target, e.plover, e.plover_mode, e.plover_contexts, e.intensity,
    e.cameo, e.goldstein, e.quad_class, e.modality, e.claimed_by, e.location, e.date,
    e.evidence_start, e.evidence_end, e.evidence_text, e.rule, e.mentions, e.num_articles,
    e.num_sources, e.first_report, e.dating";

/// The columns [`article_from_row`] reads, in order.
const ARTICLE_COLUMNS: &str = "n, id, url, site, title, standfirst, bylines, published,
    modified, dateline, language, text, canonical_url, content_hash, simhash, story_id,
    duplicate_of, duplicate_kind, source, fetched_url, fetched_at, ingested_at, sentences,
    warnings";

/// Default and largest counts, as in the SQLite reads.
const DEFAULT_SEARCH: usize = 20;
const DEFAULT_STORIES: usize = 50;
const DEFAULT_ACTORS: usize = 100;
const DEFAULT_COUNTERPARTS: usize = 50;
const DEFAULT_DYADS: usize = 20;

fn page(limit: usize, default: usize) -> i64 {
    (if limit == 0 {
        default
    } else {
        limit.min(MAX_PAGE)
    }) as i64
}

fn get<'a, T: postgres::types::FromSql<'a>>(r: &'a Row, i: usize) -> Result<T, StoreError> {
    r.try_get(i).during("read row")
}

fn event_from_row(r: &Row) -> Result<StoredEvent, StoreError> {
    let id: String = get(r, 0)?;
    let source: Vec<EventActor> = parse("source", &id, &get::<String>(r, 8)?)?;
    let target: Vec<EventActor> = parse("target", &id, &get::<String>(r, 9)?)?;
    let contexts: Vec<String> = parse("plover_contexts", &id, &get::<String>(r, 12)?)?;
    let claimed_by: Option<EventActor> = match get::<Option<String>>(r, 18)? {
        Some(text) => Some(parse("claimed_by", &id, &text)?),
        None => None,
    };
    let location: Option<EventLocation> = match get::<Option<String>>(r, 19)? {
        Some(text) => Some(parse("location", &id, &text)?),
        None => None,
    };
    let plover: Option<String> = get(r, 10)?;
    let quad: Option<i32> = get(r, 16)?;
    let event = Event {
        // How the date was found is not stored yet (as in the SQLite backend).
        id: get(r, 6)?,
        sentence: usize_of(i64::from(get::<i32>(r, 7)?)),
        source,
        target,
        plover: match plover.as_deref().and_then(PloverCategory::from_name) {
            Some(category) => Some(PloverCoding {
                category,
                mode: get(r, 11)?,
                contexts,
                intensity: get::<Option<f64>>(r, 13)?.unwrap_or(0.0) as f32,
            }),
            None => None,
        },
        cameo: CameoCoding {
            code: get(r, 14)?,
            goldstein: get::<Option<f64>>(r, 15)?.map(|g| g as f32),
            quad_class: quad
                .and_then(|q| u8::try_from(q).ok())
                .and_then(|q| QuadClass::try_from(q).ok()),
        },
        modality: modality(&get::<String>(r, 17)?),
        claimed_by,
        location,
        date: get(r, 20)?,
        evidence: Evidence {
            start: usize_of(i64::from(get::<i32>(r, 21)?)),
            end: usize_of(i64::from(get::<i32>(r, 22)?)),
            text: get(r, 23)?,
        },
        rule: get(r, 24)?,
        mentions: usize_of(i64::from(get::<i32>(r, 25)?)),
        dating: match get::<Option<String>>(r, 29)? {
            Some(text) => parse("dating", &id, &text)?,
            None => Default::default(),
        },
    };
    Ok(StoredEvent {
        id,
        article_id: get(r, 1)?,
        url: get(r, 2)?,
        site: get(r, 3)?,
        title: get(r, 4)?,
        story_id: get(r, 5)?,
        event,
        num_articles: get::<i32>(r, 26)?.max(0) as u32,
        num_sources: get::<i32>(r, 27)?.max(0) as u32,
        first_report: get(r, 28)?,
    })
}

fn article_from_row(r: &Row) -> Result<(i64, StoredArticle), StoreError> {
    let id: String = get(r, 1)?;
    let bylines: Vec<String> = parse("bylines", &id, &get::<String>(r, 6)?)?;
    let sentences = parse("sentences", &id, &get::<String>(r, 22)?)?;
    let warnings = parse("warnings", &id, &get::<String>(r, 23)?)?;
    let kind: Option<String> = get(r, 17)?;
    let article = Article {
        url: get(r, 2)?,
        site: get(r, 3)?,
        title: get(r, 4)?,
        standfirst: get(r, 5)?,
        bylines,
        published: get(r, 7)?,
        modified: get(r, 8)?,
        dateline: get(r, 9)?,
        language: get(r, 10)?,
        text: get(r, 11)?,
    };
    Ok((
        get(r, 0)?,
        StoredArticle {
            id,
            article,
            canonical_url: get(r, 12)?,
            content_hash: get(r, 13)?,
            simhash: get::<i64>(r, 14)? as u64,
            story_id: get(r, 15)?,
            duplicate_of: get(r, 16)?,
            duplicate_kind: kind.as_deref().and_then(DuplicateKind::parse),
            source: get(r, 18)?,
            fetched_url: get(r, 19)?,
            fetched_at: get(r, 20)?,
            ingested_at: get(r, 21)?,
            sentences,
            mentions: Vec::new(),
            warnings,
        },
    ))
}

fn story_summary(r: &Row) -> Result<StorySummary, StoreError> {
    Ok(StorySummary {
        id: get(r, 0)?,
        title: get(r, 1)?,
        first_day: get::<Option<i32>>(r, 2)?.map(format_day),
        last_day: get::<Option<i32>>(r, 3)?.map(format_day),
        articles: get::<i64>(r, 4)?.max(0) as u64,
        outlets: get::<i64>(r, 5)?.max(0) as u64,
        events: get::<i64>(r, 6)?.max(0) as u64,
    })
}

/// Conditions joined with `AND` (`true` when there are none).
#[derive(Default)]
struct Where {
    clauses: Vec<String>,
}

impl Where {
    fn sql(&self) -> String {
        if self.clauses.is_empty() {
            "true".to_string()
        } else {
            self.clauses.join(" AND ")
        }
    }
}

/// The `dyads` condition for one side's code prefix (three letters: the root; fewer: a
/// range of roots; more: the root and a range of codes), as SQLite matches it.
fn code_match(side: &str, code: &str, p: &mut Params) -> Result<String, StoreError> {
    let code = code.trim().to_ascii_uppercase();
    if code.is_empty() {
        return Err(StoreError::InvalidQuery("an actor code is empty".into()));
    }
    let end = format!("{code}{PREFIX_END}");
    Ok(match code.len() {
        3 => format!("{side}_root = {}", p.push(code)),
        n if n < 3 => format!(
            "{side}_root >= {} AND {side}_root < {}",
            p.push(code.clone()),
            p.push(end)
        ),
        _ => format!(
            "{side}_root = {} AND {side} >= {} AND {side} < {}",
            p.push(code[..3].to_string()),
            p.push(code.clone()),
            p.push(end)
        ),
    })
}

fn pair_match(
    src: Option<&str>,
    tgt: Option<&str>,
    days: (Option<i32>, Option<i32>),
    p: &mut Params,
) -> Result<Where, StoreError> {
    let mut w = Where::default();
    if let Some(code) = src {
        w.clauses.push(code_match("src", code, p)?);
    }
    if let Some(code) = tgt {
        w.clauses.push(code_match("tgt", code, p)?);
    }
    if let Some(from) = days.0 {
        w.clauses.push(format!("day >= {}", p.push(from)));
    }
    if let Some(to) = days.1 {
        w.clauses.push(format!("day <= {}", p.push(to)));
    }
    Ok(w)
}

fn search_text(text: &str) -> Result<String, StoreError> {
    // The quoted words SQLite's FTS query is made of read the same to
    // `websearch_to_tsquery`: every word must match, quoted runs as phrases, nothing else is
    // an operator.
    fts_query(text).ok_or_else(|| StoreError::InvalidQuery("the search text has no words".into()))
}

fn event_where(f: &EventFilter, p: &mut Params) -> Result<Where, StoreError> {
    let mut w = Where::default();
    let days = (f.from_day, f.to_day);
    if f.actor.is_some() || f.target.is_some() {
        let direct = pair_match(f.actor.as_deref(), f.target.as_deref(), days, p)?;
        let mut clause = format!("e.n IN (SELECT event FROM dyads WHERE {}", direct.sql());
        if f.undirected {
            let back = pair_match(f.target.as_deref(), f.actor.as_deref(), days, p)?;
            clause.push_str(&format!(
                " UNION SELECT event FROM dyads WHERE {}",
                back.sql()
            ));
        }
        clause.push(')');
        w.clauses.push(clause);
    }
    if let Some(c) = f.plover {
        w.clauses
            .push(format!("e.plover = {}", p.push(c.as_str().to_string())));
    }
    if let Some(code) = &f.cameo {
        w.clauses.push(format!(
            "e.cameo >= {} AND e.cameo < {}",
            p.push(code.clone()),
            p.push(format!("{code}{PREFIX_END}"))
        ));
    }
    if let Some(m) = f.modality {
        w.clauses
            .push(format!("e.modality = {}", p.push(m.as_str().to_string())));
    }
    if let Some(from) = f.from_day {
        w.clauses.push(format!("e.day >= {}", p.push(from)));
    }
    if let Some(to) = f.to_day {
        w.clauses.push(format!("e.day <= {}", p.push(to)));
    }
    if let Some(q) = &f.text {
        let q = search_text(q)?;
        w.clauses.push(format!(
            "e.article IN (SELECT n FROM articles
                           WHERE fts @@ websearch_to_tsquery('simple', {}))",
            p.push(q)
        ));
    }
    if let Some(s) = &f.story {
        w.clauses
            .push(format!("e.story_id = {}", p.push(s.clone())));
    }
    if let Some(a) = &f.article {
        w.clauses.push(format!("a.id = {}", p.push(a.clone())));
    }
    if f.first_reports_only {
        w.clauses.push("e.first_report".into());
    }
    if f.happenings_only {
        w.clauses.push("e.counted".into());
    }
    Ok(w)
}

impl PgStore {
    fn query(&self, sql: &str, p: &Params, what: &'static str) -> Result<Vec<Row>, StoreError> {
        self.client.borrow_mut().query(sql, &p.refs()).during(what)
    }

    fn article_mentions(&self, n: i64) -> Result<Vec<Mention>, StoreError> {
        let rows = self
            .client
            .borrow_mut()
            .query(
                "SELECT span_start, span_end, sentence, kind, code, name, why FROM mentions
                 WHERE article = $1 ORDER BY span_start, span_end",
                &[&n],
            )
            .during("read mentions")?;
        rows.iter()
            .map(|r| {
                let kind: String = get(r, 3)?;
                let kind: ActorKind = serde_json::from_value(serde_json::Value::String(kind))
                    .map_err(|source| StoreError::BadJson {
                        column: "mentions.kind",
                        row: format!("article {n}"),
                        source,
                    })?;
                Ok(Mention {
                    span: Span::new(
                        usize_of(i64::from(get::<i32>(r, 0)?)),
                        usize_of(i64::from(get::<i32>(r, 1)?)),
                    ),
                    sentence: usize_of(i64::from(get::<i32>(r, 2)?)),
                    kind,
                    code: get(r, 4)?,
                    name: get(r, 5)?,
                    why: get(r, 6)?,
                })
            })
            .collect()
    }

    /// Visit the rows of a query as they arrive, without holding them all.
    fn stream(
        &self,
        sql: &str,
        p: &Params,
        what: &'static str,
        visit: &mut dyn FnMut(&Row) -> Result<bool, StoreError>,
    ) -> Result<(), StoreError> {
        let mut client = self.client.borrow_mut();
        // A portal in a transaction fetches a bounded number of rows at a time.
        let mut tx = client.transaction().during(what)?;
        let portal = tx.bind(sql, &p.refs()).during(what)?;
        loop {
            let rows = tx.query_portal(&portal, 1000).during(what)?;
            if rows.is_empty() {
                break;
            }
            for row in &rows {
                if !visit(row)? {
                    return Ok(());
                }
            }
        }
        tx.commit().during(what)
    }
}

impl StoreRead for PgStore {
    fn stats(&self) -> Result<Stats, StoreError> {
        Ok(Stats {
            articles: self.count("SELECT COUNT(*) FROM articles", &[])?,
            duplicates: self.count(
                "SELECT COUNT(*) FROM articles WHERE duplicate_of IS NOT NULL",
                &[],
            )?,
            aliases: self.count("SELECT COUNT(*) FROM aliases", &[])?,
            events: self.count("SELECT COUNT(*) FROM events", &[])?,
            happenings: self.count("SELECT COUNT(*) FROM events WHERE first_report", &[])?,
            stories: self.count("SELECT COUNT(*) FROM stories", &[])?,
            mentions: self.count("SELECT COUNT(*) FROM mentions", &[])?,
        })
    }

    fn events(&self, filter: &EventFilter) -> Result<Vec<StoredEvent>, StoreError> {
        // Actor-only filters walk the dyad indexes newest first (same answers), as on SQLite;
        // so do actor filters with a type (`dyad_page`).
        let without_type = EventFilter {
            plover: None,
            ..filter.clone()
        };
        if is_dyad_filter(&without_type) {
            return self.dyad_page(filter);
        }
        let mut p = Params::default();
        let w = event_where(filter, &mut p)?;
        let sql = format!(
            "SELECT {EVENT_COLUMNS} FROM events e JOIN articles a ON a.n = e.article
             WHERE {} ORDER BY e.day DESC NULLS LAST, e.n DESC LIMIT {} OFFSET {}",
            w.sql(),
            page(filter.limit, MAX_PAGE),
            filter.offset
        );
        self.query(&sql, &p, "query events")?
            .iter()
            .map(event_from_row)
            .collect()
    }

    fn count_events(&self, filter: &EventFilter) -> Result<u64, StoreError> {
        let mut p = Params::default();
        let w = event_where(filter, &mut p)?;
        let sql = format!(
            "SELECT COUNT(*) FROM events e JOIN articles a ON a.n = e.article WHERE {}",
            w.sql()
        );
        self.count(&sql, &p.refs())
    }

    fn for_each_event(
        &self,
        filter: &EventFilter,
        visit: &mut dyn FnMut(StoredEvent) -> Result<bool, StoreError>,
    ) -> Result<(), StoreError> {
        let mut p = Params::default();
        let w = event_where(filter, &mut p)?;
        let sql = format!(
            "SELECT {EVENT_COLUMNS} FROM events e JOIN articles a ON a.n = e.article
             WHERE {} ORDER BY e.n",
            w.sql()
        );
        self.stream(&sql, &p, "export events", &mut |row| {
            visit(event_from_row(row)?)
        })
    }

    fn event(&self, id: &str) -> Result<Option<StoredEvent>, StoreError> {
        let mut p = Params::default();
        let sql = format!(
            "SELECT {EVENT_COLUMNS} FROM events e JOIN articles a ON a.n = e.article
             WHERE e.id = {}",
            p.push(id.to_string())
        );
        match self.query(&sql, &p, "read event")?.first() {
            Some(row) => Ok(Some(event_from_row(row)?)),
            None => Ok(None),
        }
    }

    fn dyad_series(&self, q: &DyadQuery) -> Result<Vec<DyadBucket>, StoreError> {
        let days = (q.from_day, q.to_day);
        let mut directions = vec![(q.a.as_str(), q.b.as_str())];
        if q.undirected && q.a != q.b {
            directions.push((q.b.as_str(), q.a.as_str()));
        }
        let aggregates = "day, plover, quad, COUNT(*),
            COUNT(*) FILTER (WHERE first_report),
            SUM(intensity) FILTER (WHERE first_report),
            SUM(goldstein) FILTER (WHERE first_report),
            COUNT(*) FILTER (WHERE first_report AND goldstein IS NOT NULL)";
        struct Acc {
            bucket: DyadBucket,
            intensity: f64,
            goldstein: f64,
            goldstein_n: u64,
        }
        let mut buckets: BTreeMap<i32, Acc> = BTreeMap::new();
        for (a, b) in directions {
            let mut p = Params::default();
            let mut m = pair_match(Some(a), Some(b), days, &mut p)?;
            if !q.include_unasserted {
                m.clauses.push("counted".into());
            }
            let root_level = a.trim().len() <= 3 && b.trim().len() <= 3;
            let sql = if root_level {
                // Two roots: the summary the writer keeps per (day, type, quad class), as on
                // SQLite; rows of both `counted` values add up in the buckets. By whole weeks, the weekly
                // summary (a sixth of the rows).
                format!(
                    "SELECT day, NULLIF(plover, {NO_PLOVER}), NULLIF(quad, {NO_QUAD}), reports,
                            events, intensity_sum, goldstein_sum, goldstein_n
                     FROM {} WHERE {}",
                    SeriesTable::for_query(q).name(),
                    m.sql()
                )
            } else {
                format!(
                    "SELECT {aggregates} FROM (
                       SELECT DISTINCT event, day, plover, quad, intensity, goldstein, first_report
                       FROM dyads WHERE {} AND day IS NOT NULL) x
                     GROUP BY day, plover, quad",
                    m.sql()
                )
            };
            for r in self.query(&sql, &p, "dyad series")? {
                let day: i32 = get(&r, 0)?;
                let plover: Option<i32> = get(&r, 1)?;
                let quad: Option<i32> = get(&r, 2)?;
                let reports = get::<i64>(&r, 3)?.max(0) as u64;
                let events = get::<i64>(&r, 4)?.max(0) as u64;
                let intensity = get::<Option<f64>>(&r, 5)?.unwrap_or(0.0);
                let goldstein = get::<Option<f64>>(&r, 6)?.unwrap_or(0.0);
                let goldstein_n = get::<i64>(&r, 7)?.max(0) as u64;
                let acc = buckets.entry(q.by.start(day)).or_insert_with(|| Acc {
                    bucket: DyadBucket {
                        period: q.by.bucket(day).1,
                        ..DyadBucket::default()
                    },
                    intensity: 0.0,
                    goldstein: 0.0,
                    goldstein_n: 0,
                });
                acc.bucket.reports += reports;
                acc.bucket.events += events;
                if events > 0 {
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
                acc.goldstein_n += goldstein_n;
            }
        }
        Ok(buckets
            .into_values()
            .map(|mut acc| {
                let n = acc.bucket.events;
                acc.bucket.mean_intensity =
                    (n > 0).then(|| crate::query::round_mean(acc.intensity / n as f64));
                acc.bucket.mean_goldstein = (acc.goldstein_n > 0)
                    .then(|| crate::query::round_mean(acc.goldstein / acc.goldstein_n as f64));
                acc.bucket
            })
            .collect())
    }

    fn search(&self, q: &SearchQuery) -> Result<Vec<SearchHit>, StoreError> {
        let text = search_text(&q.text)?;
        // Top-k by rank among the newest `MAX_RANKED` matches, as on SQLite, then snippets for
        // the page only (`ts_headline` re-parses the text and costs the most). The query is
        // written out where it is used, not taken from a CTE, so the planner sees it when the
        // statement is planned with its text and estimates how many articles match: a common
        // word walks `articles` newest first and stops after `MAX_RANKED` matches, ranking
        // only those as they pass; a rare one takes its few matches from the GIN index. (With
        // the query in a CTE every search fetched every match from the heap to sort it by
        // number: 0.7 s cold for a word in every article.)
        let limit = page(q.limit, DEFAULT_SEARCH);
        let ranked = (MAX_RANKED as i64).max((q.offset as i64).saturating_add(limit));
        let rows = self
            .client
            .borrow_mut()
            .query(
                "WITH newest AS MATERIALIZED (
                   SELECT n, ts_rank_cd(fts, websearch_to_tsquery('simple', $1))::float8 AS rank
                   FROM articles WHERE fts @@ websearch_to_tsquery('simple', $1)
                   ORDER BY n DESC LIMIT $4),
                 hits AS (SELECT n, rank FROM newest ORDER BY rank DESC, n LIMIT $2 OFFSET $3)
                 SELECT a.id, a.title, a.url, a.site, a.published,
                        ts_headline('simple', a.text, websearch_to_tsquery('simple', $1),
                          'StartSel=[, StopSel=], MaxWords=16, MinWords=6, MaxFragments=2,
                           FragmentDelimiter=\" … \"'),
                        -hits.rank
                 FROM hits JOIN articles a ON a.n = hits.n
                 ORDER BY hits.rank DESC, a.n",
                &[&text, &limit, &(q.offset as i64), &ranked],
            )
            .during("search")?;
        rows.iter()
            .map(|r| {
                Ok(SearchHit {
                    id: get(r, 0)?,
                    title: get(r, 1)?,
                    url: get(r, 2)?,
                    site: get(r, 3)?,
                    published: get(r, 4)?,
                    snippet: get(r, 5)?,
                    rank: get(r, 6)?,
                })
            })
            .collect()
    }

    fn article(&self, id: &str) -> Result<Option<StoredArticle>, StoreError> {
        let sql = format!("SELECT {ARTICLE_COLUMNS} FROM articles WHERE id = $1");
        let rows = self
            .client
            .borrow_mut()
            .query(&sql, &[&id])
            .during("read article")?;
        let Some(row) = rows.first() else {
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
        self.stream(&sql, &Params::default(), "export articles", &mut |row| {
            visit(article_from_row(row)?.1)
        })
    }

    fn stories(&self, f: &StoryFilter) -> Result<Vec<StorySummary>, StoreError> {
        let rows = self
            .client
            .borrow_mut()
            .query(
                "SELECT id, title, first_day, last_day, articles, outlets, events FROM stories
                 WHERE ($1::integer IS NULL OR last_day >= $1)
                   AND ($2::integer IS NULL OR first_day <= $2) AND outlets >= $3
                 ORDER BY last_day DESC NULLS LAST, n DESC LIMIT $4 OFFSET $5",
                &[
                    &f.from_day,
                    &f.to_day,
                    &i64::from(f.min_outlets),
                    &page(f.limit, DEFAULT_STORIES),
                    &(f.offset as i64),
                ],
            )
            .during("list stories")?;
        rows.iter().map(story_summary).collect()
    }

    fn story(&self, id: &str) -> Result<Option<StoryDetail>, StoreError> {
        let mut client = self.client.borrow_mut();
        let row = client
            .query_opt(
                "SELECT id, title, first_day, last_day, articles, outlets, events FROM stories
                 WHERE id = $1",
                &[&id],
            )
            .during("read story")?;
        let Some(row) = row else {
            return Ok(None);
        };
        let summary = story_summary(&row)?;
        let rows = client
            .query(
                "SELECT id, title, site, url, published, duplicate_kind FROM articles
                 WHERE story_id = $1 ORDER BY day IS NULL, day, n",
                &[&id],
            )
            .during("read story")?;
        let members = rows
            .iter()
            .map(|r| {
                let kind: Option<String> = get(r, 5)?;
                Ok(StoryMember {
                    id: get(r, 0)?,
                    title: get(r, 1)?,
                    site: get(r, 2)?,
                    url: get(r, 3)?,
                    published: get(r, 4)?,
                    duplicate_kind: kind.as_deref().and_then(DuplicateKind::parse),
                })
            })
            .collect::<Result<Vec<_>, StoreError>>()?;
        Ok(Some(StoryDetail { summary, members }))
    }

    fn counterparts(&self, code: &str, limit: usize) -> Result<Vec<Counterpart>, StoreError> {
        if code.trim().is_empty() {
            return Err(StoreError::InvalidQuery("an actor code is empty".into()));
        }
        let start = code.trim().to_ascii_uppercase();
        let end = format!("{start}{PREFIX_END}");
        let mut by_code: BTreeMap<String, Counterpart> = BTreeMap::new();
        for (mine, theirs) in [("src", "tgt"), ("tgt", "src")] {
            // Happenings per code pair, from `actor_pairs`.
            let sql = format!(
                "SELECT {theirs}, SUM(events)::bigint FROM actor_pairs
                 WHERE {mine} >= $1 AND {mine} < $2 GROUP BY {theirs} HAVING SUM(events) > 0"
            );
            let rows = self
                .client
                .borrow_mut()
                .query(&sql, &[&start, &end])
                .during("counterparts")?;
            for r in rows {
                let other: String = get(&r, 0)?;
                let n = get::<i64>(&r, 1)?.max(0) as u64;
                let entry = by_code.entry(other.clone()).or_insert(Counterpart {
                    code: other,
                    as_target: 0,
                    as_source: 0,
                });
                if mine == "src" {
                    entry.as_target += n;
                } else {
                    entry.as_source += n;
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

impl StoreOverview for PgStore {
    fn change_counter(&self) -> Result<u64, StoreError> {
        self.count("SELECT counter FROM changes", &[])
    }

    fn totals(&self) -> Result<Totals, StoreError> {
        // The row the writer keeps (schema version 6); counting read every row.
        let row = self
            .client
            .borrow_mut()
            .query_one("SELECT articles, events, stories FROM totals", &[])
            .during("read totals")?;
        let n = |i: usize| -> Result<u64, StoreError> { Ok(get::<i64>(&row, i)?.max(0) as u64) };
        Ok(Totals {
            articles: n(0)?,
            events: n(1)?,
            stories: n(2)?,
        })
    }

    fn actors(&self, q: &ActorQuery) -> Result<Vec<ActorSummary>, StoreError> {
        let mut p = Params::default();
        let mut range = String::new();
        if let Some(prefix) = q.prefix.as_deref().filter(|s| !s.trim().is_empty()) {
            let start = prefix.trim().to_ascii_uppercase();
            let end = format!("{start}{PREFIX_END}");
            range = format!(" AND code >= {} AND code < {}", p.push(start), p.push(end));
        }
        // From `actor_counts`: happenings per code as a source and as a target.
        let sql = format!(
            "SELECT code, as_source, as_target FROM actor_counts
             WHERE (as_source > 0 OR as_target > 0){range}
             ORDER BY as_source + as_target DESC, code LIMIT {} OFFSET {}",
            page(q.limit, DEFAULT_ACTORS),
            q.offset
        );
        let mut out = self
            .query(&sql, &p, "list actors")?
            .iter()
            .map(|r| {
                Ok(ActorSummary {
                    code: get(r, 0)?,
                    name: None,
                    as_source: get::<i64>(r, 1)?.max(0) as u64,
                    as_target: get::<i64>(r, 2)?.max(0) as u64,
                })
            })
            .collect::<Result<Vec<_>, StoreError>>()?;
        let codes: Vec<String> = out.iter().map(|a| a.code.clone()).collect();
        let names = self.actor_names(&codes)?;
        for a in &mut out {
            a.name = names.get(&a.code).cloned();
        }
        Ok(out)
    }

    fn top_dyads(&self, q: &TopDyadsQuery) -> Result<Vec<DyadCount>, StoreError> {
        // From the summaries the writer keeps (`summaries.rs`), as on SQLite: the per-pair
        // totals when no days are asked for, else the pairs' days. They count `dyads` rows
        // of first reports: an event naming two actors of one country on a side counts once
        // per actor.
        let counted = if q.include_unasserted {
            ""
        } else {
            " AND counted"
        };
        let mut p = Params::default();
        let mut sql = if q.from_day.is_none() && q.to_day.is_none() {
            format!(
                "SELECT src_root, tgt_root, SUM(events)::bigint, SUM(conflict)::bigint,
                        COALESCE(SUM(intensity_sum), 0)::float8, SUM(intensity_n)::bigint,
                        MAX(last_day)
                 FROM root_pair_totals WHERE events > 0{counted}"
            )
        } else {
            let mut sql = format!(
                "SELECT src_root, tgt_root, SUM(events)::bigint, SUM(conflict)::bigint,
                        COALESCE(SUM(intensity_sum), 0)::float8, SUM(intensity_n)::bigint,
                        MAX(day)
                 FROM root_pairs WHERE events > 0 AND day <> {NO_DAY}{counted}"
            );
            if let Some(from) = q.from_day {
                sql.push_str(&format!(" AND day >= {}", p.push(from)));
            }
            if let Some(to) = q.to_day {
                sql.push_str(&format!(" AND day <= {}", p.push(to)));
            }
            sql
        };
        sql.push_str(&format!(
            " GROUP BY src_root, tgt_root ORDER BY SUM(events) DESC, src_root, tgt_root LIMIT {}",
            page(q.limit, DEFAULT_DYADS)
        ));
        self.query(&sql, &p, "rank dyads")?
            .iter()
            .map(|r| {
                let (sum, n): (f64, i64) = (get(r, 4)?, get(r, 5)?);
                Ok(DyadCount {
                    source: get(r, 0)?,
                    target: get(r, 1)?,
                    events: get::<i64>(r, 2)?.max(0) as u64,
                    conflict: get::<i64>(r, 3)?.max(0) as u64,
                    mean_intensity: (n > 0).then(|| crate::query::round_mean(sum / n as f64)),
                    last_day: get::<Option<i32>>(r, 6)?.map(format_day),
                })
            })
            .collect()
    }

    fn type_series(&self, q: &TypeSeriesQuery) -> Result<Vec<TypeBucket>, StoreError> {
        // From `type_counts`, which the writer keeps: one row per day and type, summed into
        // buckets as on SQLite.
        let happenings = if q.include_unasserted {
            "happenings_all"
        } else {
            "happenings"
        };
        let mut p = Params::default();
        let mut sql =
            format!("SELECT day, plover, {happenings}, reports FROM type_counts WHERE reports > 0");
        if let Some(from) = q.from_day {
            sql.push_str(&format!(" AND day >= {}", p.push(from)));
        }
        if let Some(to) = q.to_day {
            sql.push_str(&format!(" AND day <= {}", p.push(to)));
        }
        let mut buckets = TypeBuckets::new(q.by);
        for r in self.query(&sql, &p, "type series")? {
            let day: i32 = get(&r, 0)?;
            let plover: String = get(&r, 1)?;
            buckets.add(day, Some(&plover), get(&r, 2)?, true);
            buckets.add(day, Some(&plover), get(&r, 3)?, false);
        }
        Ok(buckets.finish())
    }

    fn actor_names(&self, codes: &[String]) -> Result<BTreeMap<String, String>, StoreError> {
        let mut out = BTreeMap::new();
        if codes.is_empty() {
            return Ok(out);
        }
        // Places carry their country's code ("Quetta" is PAK) but do not name it. The first
        // mention stored names the code, as in SQLite.
        let rows = self
            .client
            .borrow_mut()
            .query(
                "SELECT DISTINCT ON (code) code, name FROM mentions
                 WHERE code = ANY($1) AND name <> '' AND kind <> 'place'
                 ORDER BY code, article, span_start",
                &[&codes],
            )
            .during("actor names")?;
        for r in rows {
            out.insert(get(&r, 0)?, get(&r, 1)?);
        }
        Ok(out)
    }

    fn dyad_events(&self, f: &EventFilter) -> Result<Vec<StoredEvent>, StoreError> {
        if !is_dyad_filter(f) {
            return Err(StoreError::InvalidQuery(
                "dyad_events takes an actor and/or a target, days, limit and offset only".into(),
            ));
        }
        self.dyad_page(f)
    }
}

impl PgStore {
    /// [`StoreOverview::dyad_events`], and also for a filter that adds a PLOVER type to an
    /// actor filter: `dyads` rows carry their event's type, and the `*_recent` indexes
    /// include it (version 9), so the walk skips other types in the index. (Walking the
    /// type's events and checking each one's actors read 1,800 pages for USA and CONSULT at
    /// 1 M events, collecting a rare actor's events 3,500.)
    fn dyad_page(&self, f: &EventFilter) -> Result<Vec<StoredEvent>, StoreError> {
        // A page of the pair's or the actor's events newest first, walked off the dyad
        // indexes in the events' order (`dyads_pair_recent`, `dyads_src_recent`,
        // `dyads_tgt_recent`: an event's rows carry its day), then read by key. The general
        // plan (`e.n IN (dyads …)`) hashed every row of the actor and scanned `events`.
        let limit = page(f.limit, MAX_PAGE);
        let k = limit.saturating_add(f.offset as i64);
        let days = (f.from_day, f.to_day);
        let mut p = Params::default();
        let walk =
            |a: Option<&str>, b: Option<&str>, p: &mut Params| -> Result<String, StoreError> {
                let mut m = pair_match(a, b, days, p)?;
                if let Some(c) = f.plover {
                    let index = i32::try_from(plover_index(c)).unwrap_or(-1);
                    m.clauses.push(format!("plover = {}", p.push(index)));
                }
                Ok(format!(
                    "(SELECT DISTINCT day, event FROM dyads WHERE {}
                  ORDER BY day DESC NULLS LAST, event DESC LIMIT {k})",
                    m.sql()
                ))
            };
        let (actor, target) = (f.actor.as_deref(), f.target.as_deref());
        let mut walks = walk(actor, target, &mut p)?;
        if f.undirected && actor != target {
            walks.push_str(" UNION ");
            walks.push_str(&walk(target, actor, &mut p)?);
        }
        let sql = format!(
            "WITH page AS (
               SELECT day, event FROM ({walks}) w
               ORDER BY day DESC NULLS LAST, event DESC LIMIT {limit} OFFSET {})
             SELECT {EVENT_COLUMNS} FROM page JOIN events e ON e.n = page.event
               JOIN articles a ON a.n = e.article
             ORDER BY page.day DESC NULLS LAST, page.event DESC",
            f.offset
        );
        self.query(&sql, &p, "dyad events")?
            .iter()
            .map(event_from_row)
            .collect()
    }
}
