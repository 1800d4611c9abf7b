//! The export tables' columns as data: name, kind, what each holds and how it relates to
//! GDELT's event table, and the functions that fill a row. `attache export --help`, the README
//! and the dashboard's CSV download all follow this table.
//!
//! A column keeps a GDELT 2.0 event-table name only where it means what GDELT means by it;
//! where attache's value differs (one row per report, not per deduplicated event; first report
//! rather than lead paragraph; CAMEO rather than FIPS country codes) the column has a name of
//! its own, and its note says which GDELT column it stands beside.

use std::collections::HashSet;
use std::sync::OnceLock;

use attache_store::{day_number, format_day, round_mean, StoredArticle, StoredEvent};

/// A cell.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// Text (None is empty / null).
    Str(Option<String>),
    /// Integer.
    Int(Option<i64>),
    /// Number.
    Float(Option<f64>),
    /// A calendar day, as days since 1970-01-01 (Parquet's DATE; `YYYY-MM-DD` in CSV and JSON).
    Date(Option<i32>),
}

impl Value {
    /// The cell as text: what CSV holds (empty for null). Dates are ISO `YYYY-MM-DD`.
    pub fn text(&self) -> String {
        match self {
            Value::Str(x) => x.clone().unwrap_or_default(),
            Value::Int(x) => x.map(|n| n.to_string()).unwrap_or_default(),
            Value::Float(x) => x.map(|n| n.to_string()).unwrap_or_default(),
            Value::Date(x) => x.map(format_day).unwrap_or_default(),
        }
    }
}

/// Column kinds, for the Parquet schema.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// UTF-8 text.
    Str,
    /// 64-bit integer.
    Int,
    /// 64-bit float.
    Float,
    /// A calendar day: Parquet DATE (INT32), `YYYY-MM-DD` in CSV and JSON lines.
    Date,
}

impl Kind {
    fn label(self) -> &'static str {
        match self {
            Kind::Str => "text",
            Kind::Int => "integer",
            Kind::Float => "number",
            Kind::Date => "date",
        }
    }
}

/// One column of an export table.
#[derive(Debug, Clone, Copy)]
pub struct Column {
    /// The header name.
    pub name: &'static str,
    /// Its kind.
    pub kind: Kind,
    /// What it holds.
    pub about: &'static str,
    /// How it relates to GDELT's event table; empty for attache's own columns.
    pub gdelt: &'static str,
}

const fn col(name: &'static str, kind: Kind, about: &'static str, gdelt: &'static str) -> Column {
    Column {
        name,
        kind,
        about,
        gdelt,
    }
}

const SAME: &str = "as in GDELT";

/// The event columns: one row per stored event report (an event as told by one article).
pub const EVENT_COLUMNS: &[Column] = &[
    col("GlobalEventID", Kind::Str, "the event report's id (`ev-…`), stable across re-ingests",
        "GDELT's row id, but a string, and one per report: filter on IsFirstReport = 1 for one row per happening"),
    col("Day", Kind::Int, "the event's day as the number YYYYMMDD (the article's date unless the text dates it)", SAME),
    col("Date", Kind::Date, "the same day as a date", ""),
    col("Actor1Code", Kind::Str, "CAMEO code of the source actor (the first when several)", SAME),
    col("Actor1Name", Kind::Str, "its name", SAME),
    col("Actor1CountryCode", Kind::Str, "its country (three-letter CAMEO/ISO code) when its code starts with one; empty for IGOs, NGOs and groups of no country", SAME),
    col("Actor1Codes", Kind::Str, "every source actor's code, `;`-separated", ""),
    col("Actor2Code", Kind::Str, "CAMEO code of the target actor (the first when several)", SAME),
    col("Actor2Name", Kind::Str, "its name", SAME),
    col("Actor2CountryCode", Kind::Str, "its country, as Actor1CountryCode", SAME),
    col("Actor2Codes", Kind::Str, "every target actor's code, `;`-separated", ""),
    col("IsFirstReport", Kind::Int, "1 for the first report of each happening (same actors, type and day across articles): the one published first, then the lowest article id, whatever order they were stored in; else 0: count these to count happenings",
        "not GDELT's IsRootEvent (an event in the lead paragraph)"),
    col("EventCode", Kind::Str, "CAMEO event code", SAME),
    col("EventBaseCode", Kind::Str, "its first three digits", SAME),
    col("EventRootCode", Kind::Str, "its first two digits", SAME),
    col("QuadClass", Kind::Int, "1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict", SAME),
    col("GoldsteinScale", Kind::Float, "Goldstein value of the CAMEO code (-10 to +10)", SAME),
    col("MentionsInArticle", Kind::Int, "times the article tells this event",
        "GDELT's NumMentions counts mentions in every document"),
    col("NumSources", Kind::Int, "outlets that report the happening", SAME),
    col("NumArticles", Kind::Int, "articles that report the happening", SAME),
    col("ActionPlace", Kind::Str, "where it happened: the place the sentence names after in/at/near, else the article's dateline",
        "beside GDELT's ActionGeo_FullName, which is a geocoded full name"),
    col("ActionCountryCode", Kind::Str, "that place's country (three-letter CAMEO/ISO code, from the gazetteers in data/actors)",
        "beside GDELT's ActionGeo_CountryCode, which is a two-letter FIPS code"),
    col("SOURCEURL", Kind::Str, "the article's URL", SAME),
    col("PloverType", Kind::Str, "PLOVER event type (ACCUSE, THREATEN...)", ""),
    col("PloverMode", Kind::Str, "PLOVER mode, when the type has one", ""),
    col("PloverIntensity", Kind::Float, "PLOVER intensity (-10 to +10)", ""),
    col("Modality", Kind::Str, "asserted, conditional, denied, future, hypothetical... (how the text holds the event)", ""),
    col("ClaimedByCode", Kind::Str, "code of who says so, when the event is attributed", ""),
    col("ClaimedByName", Kind::Str, "their name", ""),
    col("EvidenceText", Kind::Str, "the words that triggered the event", ""),
    col("EvidenceStart", Kind::Int, "their start, a byte offset into the article's text", ""),
    col("EvidenceEnd", Kind::Int, "their end, a byte offset", ""),
    col("Rule", Kind::Str, "the dictionary line that coded it", ""),
    col("ArticleID", Kind::Str, "the article's id (the articles table's ArticleID)", ""),
    col("StoryID", Kind::Str, "the story (articles about the same happening across outlets)", ""),
    col("Site", Kind::Str, "the outlet", ""),
    col("Title", Kind::Str, "the article's headline", ""),
];

/// The article columns.
pub const ARTICLE_COLUMNS: &[Column] = &[
    col("ArticleID", Kind::Str, "the article's id", ""),
    col("URL", Kind::Str, "its URL as the page gives it", ""),
    col(
        "CanonicalURL",
        Kind::Str,
        "the URL used to recognise the same page again",
        "",
    ),
    col("Site", Kind::Str, "the outlet", ""),
    col("Title", Kind::Str, "the headline", ""),
    col(
        "Standfirst",
        Kind::Str,
        "the standfirst (summary under the headline)",
        "",
    ),
    col("Bylines", Kind::Str, "authors, `; `-separated", ""),
    col("PublishedDate", Kind::Date, "the day it was published", ""),
    col(
        "Published",
        Kind::Str,
        "when it was published, RFC 3339 with the page's time zone",
        "",
    ),
    col(
        "Modified",
        Kind::Str,
        "when it was last modified, RFC 3339",
        "",
    ),
    col("Dateline", Kind::Str, "the dateline place", ""),
    col("Language", Kind::Str, "ISO 639-1 language", ""),
    col("StoryID", Kind::Str, "its story", ""),
    col(
        "DuplicateOf",
        Kind::Str,
        "the article it copies, when it is a copy from another outlet",
        "",
    ),
    col("DuplicateKind", Kind::Str, "exact or near", ""),
    col("ContentHash", Kind::Str, "hash of the text", ""),
    col("FetchedURL", Kind::Str, "the URL it was fetched from", ""),
    col(
        "FetchedAt",
        Kind::Str,
        "when it was fetched (WARC-Date or feed date), RFC 3339",
        "",
    ),
    col("IngestedAt", Kind::Str, "when it was stored, RFC 3339", ""),
    col("Text", Kind::Str, "the body text (spans index into it)", ""),
];

/// The column list for `attache export --help`.
pub fn columns_help() -> String {
    let mut out = String::from(
        "Event columns (--table events; one row per event report; names GDELT uses keep \
         GDELT's meaning):\n",
    );
    let list = |out: &mut String, columns: &[Column]| {
        for c in columns {
            out.push_str(&format!("  {:<19} {}: {}", c.name, c.kind.label(), c.about));
            match c.gdelt {
                "" => {}
                SAME => out.push_str(" [as in GDELT]"),
                note => out.push_str(&format!(" [GDELT: {note}]")),
            }
            out.push('\n');
        }
    };
    list(&mut out, EVENT_COLUMNS);
    out.push_str("\nArticle columns (--table articles):\n");
    list(&mut out, ARTICLE_COLUMNS);
    out.push_str(
        "\nDates are Parquet DATE columns and YYYY-MM-DD strings in CSV and JSON lines; \
         Goldstein and intensity values have at most two decimals.",
    );
    out
}

fn s(v: impl Into<String>) -> Value {
    let v = v.into();
    Value::Str((!v.is_empty()).then_some(v))
}

fn opt(v: Option<&str>) -> Value {
    Value::Str(v.filter(|x| !x.is_empty()).map(str::to_string))
}

/// Whether a three-letter code is a country of the team's gazetteers (`country` lines of
/// `data/actors/countries.txt` and `countries_extra.txt`), so that `IGOUNO` or `---REB` give
/// no country while `PAKGOV` gives `PAK`.
fn is_country(code: &str) -> bool {
    static CODES: OnceLock<HashSet<&'static str>> = OnceLock::new();
    CODES
        .get_or_init(|| {
            [
                include_str!("../../../../../data/actors/countries.txt"),
                include_str!("../../../../../data/actors/countries_extra.txt"),
            ]
            .iter()
            .flat_map(|text| text.lines())
            .filter_map(|line| {
                let mut fields = line.split('|').map(str::trim);
                (fields.next() == Some("country"))
                    .then(|| fields.next())
                    .flatten()
            })
            .collect()
        })
        .contains(code)
}

/// The country at the head of an actor code, when it is one.
fn country_of(code: &str) -> Value {
    opt(code.get(..3).filter(|c| is_country(c)))
}

/// A Goldstein value or an intensity, stored as `f32`: two decimals, not `-4.400000095367432`.
fn score(v: Option<f32>) -> Value {
    Value::Float(v.map(|x| round_mean(f64::from(x))))
}

/// One event as a row of [`EVENT_COLUMNS`].
pub fn event_row(e: &StoredEvent) -> Vec<Value> {
    let ev = &e.event;
    let codes = |a: &[attache_model::EventActor]| {
        a.iter()
            .map(|x| x.code.as_str())
            .collect::<Vec<_>>()
            .join(";")
    };
    let first = |a: &[attache_model::EventActor]| a.first().cloned().unwrap_or_default();
    let (a1, a2) = (first(&ev.source), first(&ev.target));
    let day = ev.date.as_deref().and_then(day_number);
    let yyyymmdd = day
        .map(|d| format_day(d).replace('-', ""))
        .and_then(|d| d.parse::<i64>().ok());
    let code = ev.cameo.code.as_str();
    vec![
        s(e.id.clone()),
        Value::Int(yyyymmdd),
        Value::Date(day),
        s(a1.code.clone()),
        s(a1.name.clone()),
        country_of(&a1.code),
        s(codes(&ev.source)),
        s(a2.code.clone()),
        s(a2.name.clone()),
        country_of(&a2.code),
        s(codes(&ev.target)),
        Value::Int(Some(i64::from(e.first_report))),
        s(code),
        opt(code.get(..3).or(Some(code))),
        opt(code.get(..2)),
        Value::Int(ev.cameo.quad_class.map(|q| i64::from(u8::from(q)))),
        score(ev.cameo.goldstein),
        Value::Int(Some(ev.mentions as i64)),
        Value::Int(Some(i64::from(e.num_sources))),
        Value::Int(Some(i64::from(e.num_articles))),
        opt(ev.location.as_ref().map(|l| l.name.as_str())),
        opt(ev.location.as_ref().and_then(|l| l.country.as_deref())),
        opt(e.url.as_deref()),
        opt(ev.plover.as_ref().map(|p| p.category.as_str())),
        opt(ev.plover.as_ref().and_then(|p| p.mode.as_deref())),
        score(ev.plover.as_ref().map(|p| p.intensity)),
        s(ev.modality.as_str()),
        opt(ev.claimed_by.as_ref().map(|c| c.code.as_str())),
        opt(ev.claimed_by.as_ref().map(|c| c.name.as_str())),
        s(ev.evidence.text.clone()),
        Value::Int(Some(ev.evidence.start as i64)),
        Value::Int(Some(ev.evidence.end as i64)),
        s(ev.rule.clone()),
        s(e.article_id.clone()),
        s(e.story_id.clone()),
        opt(e.site.as_deref()),
        opt(e.title.as_deref()),
    ]
}

/// One article as a row of [`ARTICLE_COLUMNS`].
pub fn article_row(a: &StoredArticle) -> Vec<Value> {
    let x = &a.article;
    vec![
        s(a.id.clone()),
        opt(x.url.as_deref()),
        opt(a.canonical_url.as_deref()),
        opt(x.site.as_deref()),
        opt(x.title.as_deref()),
        opt(x.standfirst.as_deref()),
        s(x.bylines.join("; ")),
        Value::Date(x.published.as_deref().and_then(day_number)),
        opt(x.published.as_deref()),
        opt(x.modified.as_deref()),
        opt(x.dateline.as_deref()),
        opt(x.language.as_deref()),
        s(a.story_id.clone()),
        opt(a.duplicate_of.as_deref()),
        opt(a.duplicate_kind.map(|k| k.as_str())),
        s(a.content_hash.clone()),
        opt(a.fetched_url.as_deref()),
        opt(a.fetched_at.as_deref()),
        s(a.ingested_at.clone()),
        s(x.text.clone()),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn event(source: &str, target: &str) -> StoredEvent {
        let actor = |code: &str| attache_model::EventActor {
            code: code.into(),
            ..attache_model::EventActor::default()
        };
        StoredEvent {
            id: "x-0".into(),
            article_id: "x".into(),
            url: None,
            site: None,
            title: None,
            story_id: "x".into(),
            event: attache_model::Event {
                source: vec![actor(source)],
                target: vec![actor(target)],
                date: Some("2025-11-14".into()),
                ..attache_model::Event::default()
            },
            num_articles: 1,
            num_sources: 1,
            first_report: true,
        }
    }

    fn cell<'a>(row: &'a [Value], name: &str) -> &'a Value {
        let i = EVENT_COLUMNS
            .iter()
            .position(|c| c.name == name)
            .unwrap_or_else(|| panic!("no column {name}"));
        &row[i]
    }

    #[test]
    fn every_event_row_has_one_value_of_its_kind_per_column() {
        let row = event_row(&event("PAKGOV", "AFG"));
        assert_eq!(row.len(), EVENT_COLUMNS.len());
        for (c, v) in EVENT_COLUMNS.iter().zip(&row) {
            let kind = match v {
                Value::Str(_) => Kind::Str,
                Value::Int(_) => Kind::Int,
                Value::Float(_) => Kind::Float,
                Value::Date(_) => Kind::Date,
            };
            assert_eq!(kind, c.kind, "{}", c.name);
        }
        let a = StoredArticle {
            id: "x".into(),
            article: attache_model::Article::default(),
            canonical_url: None,
            content_hash: String::new(),
            simhash: 0,
            story_id: String::new(),
            duplicate_of: None,
            duplicate_kind: None,
            source: String::new(),
            fetched_url: None,
            fetched_at: None,
            ingested_at: String::new(),
            sentences: Vec::new(),
            mentions: Vec::new(),
            warnings: Vec::new(),
        };
        assert_eq!(article_row(&a).len(), ARTICLE_COLUMNS.len());
    }

    #[test]
    fn countries_come_only_from_country_codes() {
        let row = event_row(&event("PAKGOV", "IGOUNO"));
        assert_eq!(cell(&row, "Actor1CountryCode").text(), "PAK");
        assert_eq!(cell(&row, "Actor2CountryCode").text(), "");
        let row = event_row(&event("---REB", "AFG"));
        assert_eq!(cell(&row, "Actor1CountryCode").text(), "");
        assert_eq!(cell(&row, "Actor2CountryCode").text(), "AFG");
    }

    #[test]
    fn dates_are_dates_and_scores_have_two_decimals() {
        let mut e = event("PAK", "AFG");
        e.event.cameo.goldstein = Some(-4.4);
        let row = event_row(&e);
        assert_eq!(cell(&row, "Date"), &Value::Date(day_number("2025-11-14")));
        assert_eq!(cell(&row, "Date").text(), "2025-11-14");
        assert_eq!(cell(&row, "Day").text(), "20251114");
        assert_eq!(cell(&row, "GoldsteinScale").text(), "-4.4");
    }

    #[test]
    fn no_gdelt_name_is_used_with_another_meaning() {
        let names: Vec<&str> = EVENT_COLUMNS.iter().map(|c| c.name).collect();
        for gone in [
            "IsRootEvent",
            "NumMentions",
            "ActionGeo_FullName",
            "ActionGeo_CountryCode",
        ] {
            assert!(!names.contains(&gone), "{gone}");
        }
        let help = columns_help();
        for c in EVENT_COLUMNS.iter().chain(ARTICLE_COLUMNS) {
            assert!(help.contains(&format!("  {:<19} ", c.name)), "{}", c.name);
        }
    }

    #[test]
    fn the_readme_documents_every_column() {
        let readme = include_str!("../../../../../README.md");
        for c in EVENT_COLUMNS.iter().chain(ARTICLE_COLUMNS) {
            assert!(
                readme.contains(&format!("| `{}` |", c.name)),
                "README lacks the column {}",
                c.name
            );
        }
    }
}
