//! Reading rows back into model types.

use attache_model::{
    Article, CameoCoding, Event, EventActor, EventLocation, Evidence, Modality, PloverCategory,
    PloverCoding, QuadClass,
};
use rusqlite::Row;
use serde::de::DeserializeOwned;

use crate::query::{StoredArticle, StoredEvent};
use crate::record::DuplicateKind;
use crate::StoreError;

/// The columns [`event_from_row`] reads, in order; `e` is `events`, `a` is `articles`.
pub const EVENT_COLUMNS: &str = "e.id, a.id, a.url, a.site, a.title, e.story_id, e.coder_id,
    e.sentence, e.source, e.target, e.plover, e.plover_mode, e.plover_contexts, e.intensity,
    e.cameo, e.goldstein, e.quad_class, e.modality, e.claimed_by, e.location, e.date,
    e.evidence_start, e.evidence_end, e.evidence_text, e.rule, e.mentions, e.num_articles,
    e.num_sources, e.first_report, e.dating";

/// How many columns [`EVENT_COLUMNS`] lists: a query may select more after them.
pub const EVENT_COLUMN_COUNT: usize = 30;

/// The columns [`article_from_row`] reads, in order.
pub const ARTICLE_COLUMNS: &str = "n, id, url, site, title, standfirst, bylines, published,
    modified, dateline, language, text, canonical_url, content_hash, simhash, story_id,
    duplicate_of, duplicate_kind, source, fetched_url, fetched_at, ingested_at, sentences,
    warnings";

pub(crate) fn parse<T: DeserializeOwned>(
    column: &'static str,
    row: &str,
    text: &str,
) -> Result<T, StoreError> {
    serde_json::from_str(text).map_err(|source| StoreError::BadJson {
        column,
        row: row.to_string(),
        source,
    })
}

fn sql<T>(r: rusqlite::Result<T>) -> Result<T, StoreError> {
    r.map_err(|source| StoreError::Sql {
        operation: "read row",
        source: source.into(),
    })
}

pub(crate) fn usize_of(v: i64) -> usize {
    usize::try_from(v).unwrap_or(0)
}

pub(crate) fn modality(s: &str) -> Modality {
    match s {
        "negated" => Modality::Negated,
        "future" => Modality::Future,
        "intended" => Modality::Intended,
        "hypothetical" => Modality::Hypothetical,
        "conditional" => Modality::Conditional,
        _ => Modality::Asserted,
    }
}

/// A [`StoredEvent`] from a row selected with [`EVENT_COLUMNS`].
pub fn event_from_row(r: &Row<'_>) -> Result<StoredEvent, StoreError> {
    let id: String = sql(r.get(0))?;
    let source: Vec<EventActor> = parse("source", &id, &sql(r.get::<_, String>(8))?)?;
    let target: Vec<EventActor> = parse("target", &id, &sql(r.get::<_, String>(9))?)?;
    let contexts: Vec<String> = parse("plover_contexts", &id, &sql(r.get::<_, String>(12))?)?;
    let claimed_by: Option<EventActor> = match sql(r.get::<_, Option<String>>(18))? {
        Some(text) => Some(parse("claimed_by", &id, &text)?),
        None => None,
    };
    let location: Option<EventLocation> = match sql(r.get::<_, Option<String>>(19))? {
        Some(text) => Some(parse("location", &id, &text)?),
        None => None,
    };
    let plover: Option<String> = sql(r.get(10))?;
    let quad: Option<u8> = sql(r.get(16))?;
    let event = Event {
        id: sql(r.get(6))?,
        sentence: usize_of(sql(r.get(7))?),
        source,
        target,
        plover: match plover.as_deref().and_then(PloverCategory::from_name) {
            Some(category) => Some(PloverCoding {
                category,
                mode: sql(r.get(11))?,
                contexts,
                intensity: sql(r.get::<_, Option<f64>>(13))?.unwrap_or(0.0) as f32,
            }),
            None => None,
        },
        cameo: CameoCoding {
            code: sql(r.get(14))?,
            goldstein: sql(r.get::<_, Option<f64>>(15))?.map(|g| g as f32),
            quad_class: quad.and_then(|q| QuadClass::try_from(q).ok()),
        },
        modality: modality(&sql(r.get::<_, String>(17))?),
        claimed_by,
        location,
        date: sql(r.get(20))?,
        dating: match sql(r.get::<_, Option<String>>(29))? {
            Some(text) => parse("dating", &id, &text)?,
            None => Default::default(),
        },
        evidence: Evidence {
            start: usize_of(sql(r.get(21))?),
            end: usize_of(sql(r.get(22))?),
            text: sql(r.get(23))?,
        },
        rule: sql(r.get(24))?,
        mentions: usize_of(sql(r.get(25))?),
    };
    Ok(StoredEvent {
        id,
        article_id: sql(r.get(1))?,
        url: sql(r.get(2))?,
        site: sql(r.get(3))?,
        title: sql(r.get(4))?,
        story_id: sql(r.get(5))?,
        event,
        num_articles: sql(r.get::<_, i64>(26))?.clamp(0, i64::from(u32::MAX)) as u32,
        num_sources: sql(r.get::<_, i64>(27))?.clamp(0, i64::from(u32::MAX)) as u32,
        first_report: sql(r.get(28))?,
    })
}

/// A [`StoredArticle`] (without mentions) and its row number, from a row selected with
/// [`ARTICLE_COLUMNS`].
pub fn article_from_row(r: &Row<'_>) -> Result<(i64, StoredArticle), StoreError> {
    let id: String = sql(r.get(1))?;
    let bylines: Vec<String> = parse("bylines", &id, &sql(r.get::<_, String>(6))?)?;
    let sentences = parse("sentences", &id, &sql(r.get::<_, String>(22))?)?;
    let warnings = parse("warnings", &id, &sql(r.get::<_, String>(23))?)?;
    let kind: Option<String> = sql(r.get(17))?;
    let article = Article {
        url: sql(r.get(2))?,
        site: sql(r.get(3))?,
        title: sql(r.get(4))?,
        standfirst: sql(r.get(5))?,
        bylines,
        published: sql(r.get(7))?,
        modified: sql(r.get(8))?,
        dateline: sql(r.get(9))?,
        language: sql(r.get(10))?,
        text: sql(r.get(11))?,
    };
    Ok((
        sql(r.get(0))?,
        StoredArticle {
            id,
            article,
            canonical_url: sql(r.get(12))?,
            content_hash: sql(r.get(13))?,
            simhash: sql(r.get::<_, i64>(14))? as u64,
            story_id: sql(r.get(15))?,
            duplicate_of: sql(r.get(16))?,
            duplicate_kind: kind.as_deref().and_then(DuplicateKind::parse),
            source: sql(r.get(18))?,
            fetched_url: sql(r.get(19))?,
            fetched_at: sql(r.get(20))?,
            ingested_at: sql(r.get(21))?,
            sentences,
            mentions: Vec::new(),
            warnings,
        },
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_event_column_count_is_the_length_of_the_column_list() {
        assert_eq!(EVENT_COLUMNS.split(',').count(), EVENT_COLUMN_COUNT);
    }
}
