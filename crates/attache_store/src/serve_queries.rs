//! Overview reads for the dashboard and the HTTP API: the actors in the store, the most
//! active dyads, happenings per type over time, actor names, and a change counter that lets a
//! server cache answers until the data changes.
//!
//! These complement [`crate::StoreRead`] (which answers one actor, one dyad, one article at a
//! time) with whole-store aggregates. They are a separate trait so a backend can add them
//! later than the core reads.

use std::collections::BTreeMap;

use attache_model::PloverCategory;
use serde::Serialize;

use crate::query::{EventFilter, Period, StoredEvent};
use crate::StoreError;

/// Aggregates over the whole store.
pub trait StoreOverview {
    /// A number that changes whenever another connection commits a change to the store, so a
    /// reader can keep answers until it moves. Only equality is meaningful.
    fn change_counter(&self) -> Result<u64, StoreError>;
    /// Rows in the main tables, cheaply (no filters).
    fn totals(&self) -> Result<Totals, StoreError>;
    /// Actors that take part in events, most active first (happenings as source plus as
    /// target).
    fn actors(&self, query: &ActorQuery) -> Result<Vec<ActorSummary>, StoreError>;
    /// Country-level dyads (first three letters of each code) with the most happenings (an
    /// event naming two actors of one country on a side counts once per actor).
    fn top_dyads(&self, query: &TopDyadsQuery) -> Result<Vec<DyadCount>, StoreError>;
    /// Happenings (first reports) per PLOVER type per time bucket, oldest bucket first, with
    /// the number of reports beside them.
    fn type_series(&self, query: &TypeSeriesQuery) -> Result<Vec<TypeBucket>, StoreError>;
    /// The canonical name of each code that some mention resolved to (codes nobody was
    /// resolved to are left out).
    fn actor_names(&self, codes: &[String]) -> Result<BTreeMap<String, String>, StoreError>;
    /// The same events as [`crate::StoreRead::events`] for a pure actor filter (an actor, a
    /// target or both, optionally undirected, a day range, limit and offset), found by
    /// walking the dyad indexes newest day first instead of sorting every event of the actor
    /// or pair: a page of a busy actor costs what the page holds. Any other field set is an
    /// [`StoreError::InvalidQuery`]; [`is_dyad_filter`] tells which filters qualify.
    fn dyad_events(&self, filter: &EventFilter) -> Result<Vec<StoredEvent>, StoreError>;
}

/// True when [`StoreOverview::dyad_events`] answers this filter: an actor and/or a target,
/// days, limit and offset, nothing else.
pub fn is_dyad_filter(f: &EventFilter) -> bool {
    (f.actor.is_some() || f.target.is_some())
        && f.plover.is_none()
        && f.cameo.is_none()
        && f.modality.is_none()
        && f.text.is_none()
        && f.story.is_none()
        && f.article.is_none()
        && !f.first_reports_only
}

/// Which actors to list.
#[derive(Debug, Clone, Default)]
pub struct ActorQuery {
    /// Only codes starting with this (case-insensitive).
    pub prefix: Option<String>,
    /// At most this many (0 means 100).
    pub limit: usize,
    /// Skip this many first.
    pub offset: usize,
}

/// An actor code and how often it acts and is acted upon.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ActorSummary {
    /// The full actor code (`PAKGOV`).
    pub code: String,
    /// Its canonical name, when a mention resolved to it.
    pub name: Option<String>,
    /// Happenings with this actor as a source.
    pub as_source: u64,
    /// Happenings with this actor as a target.
    pub as_target: u64,
}

/// Which dyads to rank.
#[derive(Debug, Clone, Default)]
pub struct TopDyadsQuery {
    /// First day (inclusive).
    pub from_day: Option<i32>,
    /// Last day (inclusive).
    pub to_day: Option<i32>,
    /// At most this many (0 means 20).
    pub limit: usize,
    /// Count negated, hypothetical, conditional and background events too.
    pub include_unasserted: bool,
}

/// A dyad and its number of happenings.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DyadCount {
    /// Source country or group (`PAK`).
    pub source: String,
    /// Target country or group (`AFG`).
    pub target: String,
    /// Distinct happenings (first reports).
    pub events: u64,
    /// Of which conflict (quad classes 3 and 4).
    pub conflict: u64,
    /// Mean PLOVER intensity over the happenings that have one.
    pub mean_intensity: Option<f64>,
    /// Last day with a happening, `YYYY-MM-DD`.
    pub last_day: Option<String>,
}

/// A whole-store type series request.
#[derive(Debug, Clone)]
pub struct TypeSeriesQuery {
    /// Bucket size.
    pub by: Period,
    /// First day (inclusive).
    pub from_day: Option<i32>,
    /// Last day (inclusive).
    pub to_day: Option<i32>,
    /// Count negated, hypothetical, conditional and background events among the happenings
    /// too (they are always among the reports).
    pub include_unasserted: bool,
}

/// Happenings of one time bucket, per PLOVER type (`NONE` for codes PLOVER has no type for).
/// A happening counts once, on the day of its first report; the reports of it (every
/// outlet's, every article's) are counted apart.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct TypeBucket {
    /// `2025-10-30` (day), `2025-10-27` (week, its Monday) or `2025-10` (month).
    pub period: String,
    /// Happenings in the bucket (first reports).
    pub events: u64,
    /// Happenings per PLOVER type.
    pub by_type: BTreeMap<String, u64>,
    /// Event reports in the bucket (every article's).
    pub reports: u64,
    /// Event reports per PLOVER type.
    pub reports_by_type: BTreeMap<String, u64>,
}

/// Sizes of the store.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Totals {
    /// Articles stored.
    pub articles: u64,
    /// Event reports stored.
    pub events: u64,
    /// Stories.
    pub stories: u64,
}

/// The buckets of a type series being summed from per-(day, type) counts, each day in its
/// [`Period::bucket`]; both backends sum their `type_counts` rows with it.
pub(crate) struct TypeBuckets {
    by: Period,
    buckets: BTreeMap<i32, TypeBucket>,
}

impl TypeBuckets {
    pub(crate) fn new(by: Period) -> Self {
        Self {
            by,
            buckets: BTreeMap::new(),
        }
    }

    /// Add `n` happenings (`happenings`) or reports of a type on a day; nothing for `n` 0.
    pub(crate) fn add(&mut self, day: i32, plover: Option<&str>, n: i64, happenings: bool) {
        if n <= 0 {
            return;
        }
        let n = n as u64;
        let by = self.by;
        let bucket = self
            .buckets
            .entry(by.start(day))
            .or_insert_with(|| TypeBucket {
                period: by.bucket(day).1,
                ..TypeBucket::default()
            });
        // A stored name PLOVER does not know (an edited file) counts as NONE, like events
        // without a PLOVER type.
        let name = plover
            .and_then(PloverCategory::from_name)
            .map(|c| c.as_str())
            .unwrap_or("NONE");
        let (total, by_type) = if happenings {
            (&mut bucket.events, &mut bucket.by_type)
        } else {
            (&mut bucket.reports, &mut bucket.reports_by_type)
        };
        *total += n;
        match by_type.get_mut(name) {
            Some(count) => *count += n,
            None => {
                by_type.insert(name.to_string(), n);
            }
        }
    }

    pub(crate) fn finish(self) -> Vec<TypeBucket> {
        self.buckets.into_values().collect()
    }
}
