//! Stories: articles about the same happening, across outlets, within a time window.
//!
//! Each article is described by weighted terms (headline words, the lead's words, proper
//! nouns, actor codes); each story by the sum of its articles' terms. An article joins the most
//! similar active story (TF-IDF cosine) that is close enough in time, or starts its own. All
//! state lives in [`StoryClusterer`]: the ingest pipeline owns one, feeds it articles in order,
//! and saves what changed ([`StoryClusterer::take_changed`]) with each batch, so a restarted
//! run resumes from the store ([`StoryClusterer::restore`]).

use std::collections::{HashMap, HashSet};

use attache_model::Document;
use serde::{Deserialize, Serialize};

use super::codec::{Dec, Enc};
use super::hash::hash64;
use super::stopwords::is_stopword;

/// Articles more than this many days from a story's first and last article start their own:
/// a follow-up a week later is a new story, while a story's coverage across time zones and
/// next-day reports stays together.
pub const STORY_WINDOW_DAYS: i32 = 3;

/// Least TF-IDF cosine between an article and a story for it to join. Reports of one happening
/// by different outlets share its names, places and numbers and score 0.3-0.6; articles that
/// only share a country or a topic stay below 0.2.
pub const STORY_MIN_SIMILARITY: f32 = 0.25;

/// Least number of shared terms, so two short texts cannot match on one rare word.
pub const STORY_MIN_SHARED_TERMS: usize = 4;

/// Terms kept per article and per story profile: enough for the names, places and key nouns
/// of a happening; more only adds noise and memory.
pub const PROFILE_TERMS: usize = 40;

/// Words of the body read for terms: news puts the who, what and where in the lead.
pub const LEAD_WORDS: usize = 160;

/// Stories kept in memory for matching; the least recently touched are forgotten beyond this
/// (their rows stay in the store, they just stop attracting new articles).
pub const ACTIVE_STORIES: usize = 20_000;

/// Distinct terms whose document frequency is tracked; beyond it all counts are halved and the
/// rare ones dropped, so memory stays bounded and frequencies follow the recent corpus.
pub const DF_TERMS: usize = 300_000;

/// Term weights by where the term appears.
const TITLE_WEIGHT: f32 = 3.0;
const STANDFIRST_WEIGHT: f32 = 1.5;
const LEAD_WEIGHT: f32 = 1.0;
const PROPER_NOUN_WEIGHT: f32 = 2.0;
const ACTOR_WEIGHT: f32 = 2.0;

/// What story clustering needs of an article: its terms, strongest first (computed in the
/// worker threads, in parallel).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct StoryFeatures {
    /// (term hash, weight), at most [`PROFILE_TERMS`].
    pub terms: Vec<(u64, f32)>,
}

impl StoryFeatures {
    /// Describe a document.
    pub fn of(doc: &Document) -> StoryFeatures {
        let a = &doc.article;
        let mut weights: HashMap<u64, f32> = HashMap::new();
        // One buffer for the lower-cased word: this runs for every word of every lead.
        let mut lower = String::new();
        let mut add = |word: &str, w: f32| {
            lower.clear();
            if word.is_ascii() {
                lower.push_str(word);
                lower.make_ascii_lowercase();
            } else {
                lower.push_str(&word.to_lowercase());
            }
            let keep = lower.chars().count() >= 3 || lower.chars().all(|c| c.is_ascii_digit());
            if keep && !is_stopword(&lower) {
                *weights.entry(hash64(lower.as_bytes())).or_insert(0.0) += w;
            }
        };
        fn split(t: &str) -> impl Iterator<Item = &str> {
            t.split(|c: char| !c.is_alphanumeric() && c != '\'')
                .map(|w| w.trim_matches('\''))
                .filter(|w| !w.is_empty())
        }
        if let Some(t) = &a.title {
            split(t).for_each(|w| add(w, TITLE_WEIGHT));
        }
        if let Some(t) = &a.standfirst {
            split(t).for_each(|w| add(w, STANDFIRST_WEIGHT));
        }
        let mut sentence_start = true;
        for raw in a.text.split_whitespace().take(LEAD_WORDS) {
            let word = raw.trim_matches(|c: char| !c.is_alphanumeric());
            if !word.is_empty() {
                let proper = !sentence_start && word.chars().next().is_some_and(char::is_uppercase);
                let weight = if proper {
                    PROPER_NOUN_WEIGHT
                } else {
                    LEAD_WEIGHT
                };
                split(word).for_each(|w| add(w, weight));
            }
            sentence_start = raw.ends_with(['.', '!', '?', ':']);
        }
        let codes: HashSet<&str> = doc
            .mentions
            .iter()
            .map(|m| m.code.as_str())
            .filter(|c| !c.is_empty())
            .collect();
        for code in codes {
            *weights
                .entry(hash64(format!("@{code}").as_bytes()))
                .or_insert(0.0) += ACTOR_WEIGHT;
        }
        // Sub-linear term frequency, so one word repeated does not drown the rest.
        let mut terms: Vec<(u64, f32)> = weights
            .into_iter()
            .map(|(t, w)| (t, 1.0 + w.ln().max(0.0)))
            .collect();
        top_terms(&mut terms);
        StoryFeatures { terms }
    }
}

/// Keep the strongest [`PROFILE_TERMS`] terms, ties broken by hash for determinism.
fn top_terms(terms: &mut Vec<(u64, f32)>) {
    terms.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    terms.truncate(PROFILE_TERMS);
}

/// A story's state as saved in the store (`profile`), JSON.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct Profile {
    /// Articles in the story.
    n: u32,
    /// Summed term weights.
    t: Vec<(u64, f32)>,
}

/// A story as handed to and from the store.
#[derive(Debug, Clone, PartialEq)]
pub struct StorySnapshot {
    /// Story id (its first article's id).
    pub id: String,
    /// Headline of its first article.
    pub title: Option<String>,
    /// First and last day (day numbers) of its articles.
    pub first_day: Option<i32>,
    /// Last day.
    pub last_day: Option<i32>,
    /// The clusterer's saved state; empty once the story has been forgotten.
    pub profile: String,
}

/// Which story an article went to.
#[derive(Debug, Clone, PartialEq)]
pub struct StoryAssignment {
    /// The story id.
    pub story_id: String,
    /// True when the article starts the story.
    pub is_new: bool,
    /// Cosine with the story it joined (0 for a new story).
    pub similarity: f32,
}

#[derive(Debug, Clone)]
struct Story {
    id: String,
    title: Option<String>,
    first_day: Option<i32>,
    last_day: Option<i32>,
    articles: u32,
    terms: Vec<(u64, f32)>,
    touched: u64,
}

/// The story clusterer and all its state.
#[derive(Debug, Default)]
pub struct StoryClusterer {
    stories: HashMap<u32, Story>,
    by_id: HashMap<String, u32>,
    /// term → stories whose profile had it (may hold stale entries; checked on use).
    index: HashMap<u64, Vec<u32>>,
    index_entries: usize,
    df: HashMap<u64, u32>,
    docs: u32,
    clock: Option<i32>,
    next: u32,
    tick: u64,
    changed: HashSet<String>,
    forgotten: Vec<StorySnapshot>,
}

impl StoryClusterer {
    /// An empty clusterer.
    pub fn new() -> StoryClusterer {
        StoryClusterer::default()
    }

    /// Number of stories in memory.
    pub fn active(&self) -> usize {
        self.stories.len()
    }

    /// Reload stories saved by an earlier run (oldest first is best); bad profiles are skipped.
    pub fn restore(&mut self, snapshots: impl IntoIterator<Item = StorySnapshot>) {
        for s in snapshots {
            let Ok(p) = serde_json::from_str::<Profile>(&s.profile) else {
                continue;
            };
            if self.by_id.contains_key(&s.id) {
                continue;
            }
            for (t, _) in &p.t {
                *self.df.entry(*t).or_insert(0) += 1;
            }
            self.docs = self.docs.saturating_add(1);
            self.clock = self.clock.max(s.last_day);
            self.insert_story(Story {
                id: s.id,
                title: s.title,
                first_day: s.first_day,
                last_day: s.last_day,
                articles: p.n,
                terms: p.t,
                touched: 0,
            });
        }
    }

    /// Put an article in the best matching story, or start one with the article's id.
    pub fn assign(
        &mut self,
        article_id: &str,
        title: Option<&str>,
        day: Option<i32>,
        features: &StoryFeatures,
    ) -> StoryAssignment {
        self.observe(features);
        let day_or_clock = day.or(self.clock);
        let mut candidates: Vec<u32> = features
            .terms
            .iter()
            .filter_map(|(t, _)| self.index.get(t))
            .flatten()
            .copied()
            .collect::<HashSet<u32>>()
            .into_iter()
            .collect();
        candidates.sort_unstable();
        let article = self.weighted(&features.terms);
        let mut best: Option<(f32, u32)> = None;
        for c in candidates {
            let Some(story) = self.stories.get(&c) else {
                continue;
            };
            if !within_window(story, day_or_clock) {
                continue;
            }
            let profile = self.weighted(&story.terms);
            let (cos, shared) = cosine(&article, &profile);
            if cos >= STORY_MIN_SIMILARITY
                && shared >= STORY_MIN_SHARED_TERMS
                && best.is_none_or(|(b, _)| cos > b)
            {
                best = Some((cos, c));
            }
        }
        match best {
            Some((similarity, internal)) => {
                let story_id = self.add_to(internal, day, features);
                StoryAssignment {
                    story_id,
                    is_new: false,
                    similarity,
                }
            }
            None => {
                self.start(article_id, title, day, features);
                StoryAssignment {
                    story_id: article_id.to_string(),
                    is_new: true,
                    similarity: 0.0,
                }
            }
        }
    }

    /// Put an article in a known story (a near copy joins its original's story). A story no
    /// longer in memory is brought back with this article's terms.
    pub fn join(&mut self, story_id: &str, day: Option<i32>, features: &StoryFeatures) {
        self.observe(features);
        match self.by_id.get(story_id).copied() {
            Some(internal) => {
                self.add_to(internal, day, features);
            }
            None => self.start(story_id, None, day, features),
        }
    }

    /// Stories changed since the last call (to save with the batch), and stories forgotten
    /// (saved with an empty profile so the store does not keep dead state).
    pub fn take_changed(&mut self) -> Vec<StorySnapshot> {
        let mut out: Vec<StorySnapshot> = std::mem::take(&mut self.forgotten);
        let mut ids: Vec<String> = self.changed.drain().collect();
        ids.sort();
        for id in ids {
            let Some(s) = self.by_id.get(&id).and_then(|i| self.stories.get(i)) else {
                continue;
            };
            let profile = serde_json::to_string(&Profile {
                n: s.articles,
                t: s.terms.clone(),
            })
            .unwrap_or_default();
            out.push(StorySnapshot {
                id: s.id.clone(),
                title: s.title.clone(),
                first_day: s.first_day,
                last_day: s.last_day,
                profile,
            });
        }
        out
    }

    /// One story's saved state as [`Self::take_changed`] gives it, when the story is in
    /// memory.
    pub fn snapshot_of(&self, story_id: &str) -> Option<StorySnapshot> {
        let s = self.by_id.get(story_id).and_then(|i| self.stories.get(i))?;
        let profile = serde_json::to_string(&Profile {
            n: s.articles,
            t: s.terms.clone(),
        })
        .unwrap_or_default();
        Some(StorySnapshot {
            id: s.id.clone(),
            title: s.title.clone(),
            first_day: s.first_day,
            last_day: s.last_day,
            profile,
        })
    }

    /// Forget which stories changed and were forgotten since the last [`Self::take_changed`]
    /// (a replay that never saves per batch calls this so the lists do not grow).
    pub fn discard_changes(&mut self) {
        self.changed.clear();
        self.forgotten.clear();
    }

    /// Write every part of the state that a later decision reads: the stories with their
    /// internal numbers and ages (ties and eviction follow them), the document frequencies and
    /// the counters. The term index is left out: it is rebuilt from the stories' terms, and
    /// the stale entries it may hold never change a decision (a story is only chosen on at
    /// least [`STORY_MIN_SHARED_TERMS`] of its current terms, each of which is indexed).
    /// Which stories changed is left out too.
    pub(crate) fn encode(&self, e: &mut Enc) {
        let mut internals: Vec<&u32> = self.stories.keys().collect();
        internals.sort_unstable();
        e.len(internals.len());
        for internal in internals {
            let s = &self.stories[internal];
            e.u32(*internal);
            e.str(&s.id);
            e.opt_str(s.title.as_deref());
            e.opt_i32(s.first_day);
            e.opt_i32(s.last_day);
            e.u32(s.articles);
            e.len(s.terms.len());
            for (t, w) in &s.terms {
                e.u64(*t);
                e.f32(*w);
            }
            e.u64(s.touched);
        }
        let mut df: Vec<(&u64, &u32)> = self.df.iter().collect();
        df.sort_unstable();
        e.len(df.len());
        for (t, n) in df {
            e.u64(*t);
            e.u32(*n);
        }
        e.u32(self.docs);
        e.opt_i32(self.clock);
        e.u32(self.next);
        e.u64(self.tick);
    }

    /// The state [`Self::encode`] wrote, or `None` when the bytes are not such a state.
    pub(crate) fn decode(d: &mut Dec<'_>) -> Option<StoryClusterer> {
        let mut c = StoryClusterer::new();
        for _ in 0..d.len(35)? {
            let internal = d.u32()?;
            let id = d.string()?;
            let title = d.opt_string()?;
            let first_day = d.opt_i32()?;
            let last_day = d.opt_i32()?;
            let articles = d.u32()?;
            let n = d.len(12)?;
            let mut terms = Vec::with_capacity(n);
            for _ in 0..n {
                terms.push((d.u64()?, d.f32()?));
            }
            let touched = d.u64()?;
            for (t, _) in &terms {
                c.index.entry(*t).or_default().push(internal);
            }
            c.index_entries += terms.len();
            c.by_id.insert(id.clone(), internal);
            let story = Story {
                id,
                title,
                first_day,
                last_day,
                articles,
                terms,
                touched,
            };
            if c.stories.insert(internal, story).is_some() {
                return None;
            }
        }
        for _ in 0..d.len(12)? {
            let (t, n) = (d.u64()?, d.u32()?);
            c.df.insert(t, n);
        }
        c.docs = d.u32()?;
        c.clock = d.opt_i32()?;
        c.next = d.u32()?;
        c.tick = d.u64()?;
        Some(c)
    }

    fn observe(&mut self, features: &StoryFeatures) {
        self.docs = self.docs.saturating_add(1);
        for (t, _) in &features.terms {
            *self.df.entry(*t).or_insert(0) += 1;
        }
        if self.df.len() > DF_TERMS {
            self.df.retain(|_, n| {
                *n /= 2;
                *n > 0
            });
            self.docs /= 2;
        }
    }

    /// TF-IDF weights of a term list, sorted by term for [`cosine`].
    fn weighted(&self, terms: &[(u64, f32)]) -> Vec<(u64, f32)> {
        let n = self.docs.max(1) as f32;
        let mut out: Vec<(u64, f32)> = terms
            .iter()
            .map(|(t, w)| {
                let df = self.df.get(t).copied().unwrap_or(0) as f32;
                (*t, w * (1.0 + n / (1.0 + df)).ln())
            })
            .collect();
        out.sort_unstable_by_key(|(t, _)| *t);
        out
    }

    fn start(&mut self, id: &str, title: Option<&str>, day: Option<i32>, f: &StoryFeatures) {
        self.clock = self.clock.max(day);
        self.insert_story(Story {
            id: id.to_string(),
            title: title.map(str::to_string),
            first_day: day,
            last_day: day,
            articles: 1,
            terms: f.terms.clone(),
            touched: 0,
        });
        self.changed.insert(id.to_string());
        self.evict_if_full();
    }

    fn add_to(&mut self, internal: u32, day: Option<i32>, f: &StoryFeatures) -> String {
        self.clock = self.clock.max(day);
        self.tick += 1;
        let tick = self.tick;
        let Some(story) = self.stories.get_mut(&internal) else {
            return String::new();
        };
        let mut sum: HashMap<u64, f32> = story.terms.iter().copied().collect();
        for (t, w) in &f.terms {
            *sum.entry(*t).or_insert(0.0) += w;
        }
        let before: HashSet<u64> = story.terms.iter().map(|(t, _)| *t).collect();
        let mut terms: Vec<(u64, f32)> = sum.into_iter().collect();
        top_terms(&mut terms);
        story.terms = terms;
        story.articles += 1;
        story.touched = tick;
        if let Some(d) = day {
            story.first_day = Some(story.first_day.map_or(d, |f| f.min(d)));
            story.last_day = Some(story.last_day.map_or(d, |l| l.max(d)));
        }
        let new_terms: Vec<u64> = story
            .terms
            .iter()
            .map(|(t, _)| *t)
            .filter(|t| !before.contains(t))
            .collect();
        let id = story.id.clone();
        for t in new_terms {
            self.index.entry(t).or_default().push(internal);
            self.index_entries += 1;
        }
        self.changed.insert(id.clone());
        id
    }

    fn insert_story(&mut self, mut story: Story) {
        self.tick += 1;
        story.touched = self.tick;
        let internal = self.next;
        self.next = self.next.wrapping_add(1);
        for (t, _) in &story.terms {
            self.index.entry(*t).or_default().push(internal);
            self.index_entries += 1;
        }
        self.by_id.insert(story.id.clone(), internal);
        self.stories.insert(internal, story);
    }

    /// Forget the least recently touched tenth when over [`ACTIVE_STORIES`], then drop stale
    /// index entries once they outnumber live ones.
    fn evict_if_full(&mut self) {
        if self.stories.len() <= ACTIVE_STORIES {
            return;
        }
        let mut by_age: Vec<(u64, u32)> =
            self.stories.iter().map(|(k, s)| (s.touched, *k)).collect();
        by_age.sort_unstable();
        for (_, internal) in by_age.into_iter().take(ACTIVE_STORIES / 10) {
            if let Some(s) = self.stories.remove(&internal) {
                self.by_id.remove(&s.id);
                self.changed.remove(&s.id);
                self.forgotten.push(StorySnapshot {
                    id: s.id,
                    title: s.title,
                    first_day: s.first_day,
                    last_day: s.last_day,
                    profile: String::new(),
                });
            }
        }
        let live: usize = self.stories.values().map(|s| s.terms.len()).sum();
        if self.index_entries > 2 * live {
            let stories = &self.stories;
            self.index.retain(|_, v| {
                v.retain(|i| stories.contains_key(i));
                !v.is_empty()
            });
            self.index_entries = self.index.values().map(Vec::len).sum();
        }
    }
}

fn within_window(story: &Story, day: Option<i32>) -> bool {
    match (day, story.first_day, story.last_day) {
        (Some(d), Some(first), Some(last)) => {
            d >= first - STORY_WINDOW_DAYS && d <= last + STORY_WINDOW_DAYS
        }
        _ => true,
    }
}

/// Cosine similarity and number of shared terms of two term lists sorted by term. The sums
/// run in term order, so the same lists give the same bits in every process (a hash map's
/// order, and with it the rounding of a float sum, changes from one process to the next, and
/// a story decision at the threshold must not).
fn cosine(a: &[(u64, f32)], b: &[(u64, f32)]) -> (f32, usize) {
    let (mut i, mut j) = (0, 0);
    let mut dot = 0.0;
    let mut shared = 0;
    while i < a.len() && j < b.len() {
        match a[i].0.cmp(&b[j].0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                dot += a[i].1 * b[j].1;
                shared += 1;
                i += 1;
                j += 1;
            }
        }
    }
    let norm = |m: &[(u64, f32)]| m.iter().map(|(_, w)| w * w).sum::<f32>().sqrt();
    let denom = norm(a) * norm(b);
    if denom == 0.0 {
        (0.0, shared)
    } else {
        (dot / denom, shared)
    }
}
