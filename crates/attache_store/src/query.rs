//! What readers ask the store and what they get back: event filters, dyad series, full-text
//! search, articles and stories. All results serialise to JSON as they are.

use std::collections::BTreeMap;

use attache_model::{Event, Mention, Modality, PloverCategory, Sentence};
use serde::Serialize;

use crate::record::DuplicateKind;

/// Which events to return. Actor codes match by prefix: `PAK` matches `PAK`, `PAKGOV`,
/// `PAKMIL`; `PAKGOV` matches `PAKGOV` and `PAKGOVMIL`.
#[derive(Debug, Clone, Default)]
pub struct EventFilter {
    /// Any source actor's code starts with this.
    pub actor: Option<String>,
    /// Any target actor's code starts with this.
    pub target: Option<String>,
    /// Also match the pair the other way round (actor as target, target as source).
    pub undirected: bool,
    /// PLOVER category.
    pub plover: Option<PloverCategory>,
    /// CAMEO code prefix (`19` for every fight, `1124`).
    pub cameo: Option<String>,
    /// Modality.
    pub modality: Option<Modality>,
    /// First day (day number, inclusive).
    pub from_day: Option<i32>,
    /// Last day (day number, inclusive).
    pub to_day: Option<i32>,
    /// Full-text query over the reporting articles.
    pub text: Option<String>,
    /// Only events of this story.
    pub story: Option<String>,
    /// Only events of this article.
    pub article: Option<String>,
    /// Only the first report of each happening (skip corroborating copies).
    pub first_reports_only: bool,
    /// Only events that count as happenings (`Event::is_happening`: not negated,
    /// hypothetical, conditional or background); exports set this unless asked not to.
    pub happenings_only: bool,
    /// At most this many (0 means the store's default page size).
    pub limit: usize,
    /// Skip this many first.
    pub offset: usize,
}

/// The default and largest page of events one query returns.
pub const MAX_PAGE: usize = 10_000;

/// A stored event with where it was reported and how well it is corroborated.
#[derive(Debug, Clone, Serialize)]
pub struct StoredEvent {
    /// Store-wide event id (`ARTICLEID-N`).
    pub id: String,
    /// The reporting article.
    pub article_id: String,
    /// Its URL.
    pub url: Option<String>,
    /// Its outlet.
    pub site: Option<String>,
    /// Its headline.
    pub title: Option<String>,
    /// The story the article belongs to.
    pub story_id: String,
    /// The event as coded (its `id` is the coder's own id).
    pub event: Event,
    /// How many articles of the story report this same happening (GDELT's NumArticles).
    pub num_articles: u32,
    /// How many distinct outlets do (GDELT's NumSources).
    pub num_sources: u32,
    /// True for the first report of the happening (exported as `IsFirstReport`): count these
    /// to count happenings rather than reports.
    pub first_report: bool,
}

/// Time buckets of a dyad series.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Period {
    /// One bucket per calendar day.
    Day,
    /// Weeks starting on Monday.
    Week,
    /// Calendar months.
    Month,
}

impl Period {
    /// The first day of the bucket `day` falls in (what [`Period::bucket`] returns first,
    /// without formatting its label: series sum thousands of rows into a few buckets).
    pub fn start(self, day: i32) -> i32 {
        use crate::day::{month_start, week_start};
        match self {
            Period::Day => day,
            Period::Week => week_start(day),
            Period::Month => month_start(day),
        }
    }

    /// The bucket a day falls in: its first day and its label ("2025-11-03", "2025-11").
    pub fn bucket(self, day: i32) -> (i32, String) {
        use crate::day::{format_day, format_month, month_start, week_start};
        match self {
            Period::Day => (day, format_day(day)),
            Period::Week => (week_start(day), format_day(week_start(day))),
            Period::Month => (month_start(day), format_month(day)),
        }
    }
}

/// A dyad series request: what `a` did to `b`, bucketed by `by`.
#[derive(Debug, Clone)]
pub struct DyadQuery {
    /// Source actor code prefix.
    pub a: String,
    /// Target actor code prefix.
    pub b: String,
    /// Bucket size.
    pub by: Period,
    /// First day (inclusive).
    pub from_day: Option<i32>,
    /// Last day (inclusive).
    pub to_day: Option<i32>,
    /// Count `b` to `a` as well.
    pub undirected: bool,
    /// Count negated, hypothetical, conditional and background events too (by default a
    /// series counts only happenings, `Event::is_happening`).
    pub include_unasserted: bool,
}

/// A mean as reported (series, dyad lists, exports): two decimals. Goldstein values and PLOVER
/// intensities are given to one decimal, so further digits are noise, and the values are
/// stored as `f32`, whose sums otherwise print as `-3.200000047683716`.
pub fn round_mean(v: f64) -> f64 {
    (v * 100.0).round() / 100.0
}

/// One time bucket of a dyad series. Counts and means are over happenings (first reports);
/// `reports` counts every report including corroborating copies.
#[derive(Debug, Clone, Default, Serialize, PartialEq)]
pub struct DyadBucket {
    /// The bucket: `2025-10-30` (day), `2025-10-27` (week, its Monday) or `2025-10` (month).
    pub period: String,
    /// Distinct happenings.
    pub events: u64,
    /// All reports.
    pub reports: u64,
    /// Happenings per PLOVER type.
    pub by_type: BTreeMap<String, u64>,
    /// Happenings per quad class: verbal cooperation, material cooperation, verbal conflict,
    /// material conflict.
    pub quad: [u64; 4],
    /// Mean PLOVER intensity.
    pub mean_intensity: Option<f64>,
    /// Mean Goldstein value (over events with one).
    pub mean_goldstein: Option<f64>,
}

/// Most matches a search ranks: the most recently stored ones. Ranking scores every match it
/// is given (a word in most articles of a 1 M-event store, 190,000 matches, took 0.4 s of CPU
/// per search), while the words a search for such a word finds best differ mostly by article
/// length; news readers want recent reports first anyway. A search with fewer matches is
/// ranked whole; a page past this bound widens it to reach the page. Ranking reads each
/// ranked match's terms: on PostgreSQL a word in one article in ten walked 48,000 articles
/// (7,000 pages, 95 ms with nothing in shared buffers) to rank 5,000 at 1 M events; 1,000
/// walk a fifth of that, and twenty hits out of the newest thousand are still the best ones
/// of weeks of news.
pub const MAX_RANKED: usize = 1000;

/// A full-text search.
#[derive(Debug, Clone, Default)]
pub struct SearchQuery {
    /// Words to find; `"quoted words"` match as a phrase. Other FTS syntax is not interpreted,
    /// so any user text is a valid query.
    pub text: String,
    /// At most this many hits.
    pub limit: usize,
    /// Skip this many first.
    pub offset: usize,
}

/// An article matching a search.
#[derive(Debug, Clone, Serialize)]
pub struct SearchHit {
    /// Article id.
    pub id: String,
    /// Headline.
    pub title: Option<String>,
    /// URL.
    pub url: Option<String>,
    /// Outlet.
    pub site: Option<String>,
    /// Publication time.
    pub published: Option<String>,
    /// The matching words in context, with `[` `]` around them.
    pub snippet: String,
    /// BM25 rank (lower is better).
    pub rank: f64,
}

/// A stored article with its layers.
#[derive(Debug, Clone, Serialize)]
pub struct StoredArticle {
    /// Article id.
    pub id: String,
    /// The article fields.
    #[serde(flatten)]
    pub article: attache_model::Article,
    /// The normalised URL the id came from.
    pub canonical_url: Option<String>,
    /// Content hash of the text.
    pub content_hash: String,
    /// SimHash of the text.
    pub simhash: u64,
    /// Story id.
    pub story_id: String,
    /// The article it copies, when it does.
    pub duplicate_of: Option<String>,
    /// How close the copy is.
    pub duplicate_kind: Option<DuplicateKind>,
    /// Where it came from.
    pub source: String,
    /// URL fetched.
    pub fetched_url: Option<String>,
    /// When fetched.
    pub fetched_at: Option<String>,
    /// When stored.
    pub ingested_at: String,
    /// Sentences.
    pub sentences: Vec<Sentence>,
    /// Mentions (filled by [`crate::StoreRead::article`], empty in exports).
    pub mentions: Vec<Mention>,
    /// Recoverable oddities met while annotating.
    pub warnings: Vec<String>,
}

/// Which stories to list.
#[derive(Debug, Clone, Default)]
pub struct StoryFilter {
    /// Only stories active on or after this day.
    pub from_day: Option<i32>,
    /// Only stories that started on or before this day.
    pub to_day: Option<i32>,
    /// At least this many outlets.
    pub min_outlets: u32,
    /// At most this many.
    pub limit: usize,
    /// Skip this many.
    pub offset: usize,
}

/// A story: articles about the same happening across outlets.
#[derive(Debug, Clone, Serialize)]
pub struct StorySummary {
    /// Story id.
    pub id: String,
    /// Representative headline.
    pub title: Option<String>,
    /// First day, `YYYY-MM-DD`.
    pub first_day: Option<String>,
    /// Last day.
    pub last_day: Option<String>,
    /// Articles in it.
    pub articles: u64,
    /// Distinct outlets.
    pub outlets: u64,
    /// Distinct happenings coded from it.
    pub events: u64,
}

/// A story with its articles.
#[derive(Debug, Clone, Serialize)]
pub struct StoryDetail {
    /// The summary.
    #[serde(flatten)]
    pub summary: StorySummary,
    /// Its articles, oldest first.
    pub members: Vec<StoryMember>,
}

/// One article of a story.
#[derive(Debug, Clone, Serialize)]
pub struct StoryMember {
    /// Article id.
    pub id: String,
    /// Headline.
    pub title: Option<String>,
    /// Outlet.
    pub site: Option<String>,
    /// URL.
    pub url: Option<String>,
    /// Publication time.
    pub published: Option<String>,
    /// Set when it copies another article.
    pub duplicate_kind: Option<DuplicateKind>,
}

/// How often an actor deals with another.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Counterpart {
    /// The other actor's code.
    pub code: String,
    /// Happenings with the actor as source and this one as target.
    pub as_target: u64,
    /// Happenings with this one as source and the actor as target.
    pub as_source: u64,
}

/// Totals, for reports and health checks.
#[derive(Debug, Clone, Copy, Default, Serialize, PartialEq, Eq)]
pub struct Stats {
    /// Stored articles (including cross-outlet copies).
    pub articles: u64,
    /// Of which copies of another outlet's article.
    pub duplicates: u64,
    /// Same-outlet copies remembered as aliases.
    pub aliases: u64,
    /// Stored event reports.
    pub events: u64,
    /// Distinct happenings (first reports).
    pub happenings: u64,
    /// Stories.
    pub stories: u64,
    /// Mentions.
    pub mentions: u64,
}

#[cfg(test)]
mod tests {
    use super::Period;

    #[test]
    fn a_bucket_starts_where_bucket_says_and_every_day_in_it_has_its_label() {
        // Two years around a leap day, every period.
        for by in [Period::Day, Period::Week, Period::Month] {
            for day in 19_700..20_500 {
                let (start, label) = by.bucket(day);
                assert_eq!(by.start(day), start, "{by:?} {day}");
                assert_eq!(by.bucket(start).1, label, "{by:?} {day}");
            }
        }
    }
}
