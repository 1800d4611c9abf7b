//! Deciding stories again from the stored articles: what the store hands the story stage and
//! what it applies, so that stories do not depend on the order or the number of writers.
//!
//! Each writer assigns stories as it goes (from what it has seen), which depends on which
//! articles came first. [`StorySettle::settle_stories`] replays every stored article in one
//! order that depends only on the articles (publication time, then id) through a
//! [`StoryDecider`], under the write lock, and moves the articles whose story changed, with
//! corroboration, first reports, story counts and summaries recounted in the same transaction.
//! The same articles then end in the same stories whatever order they were stored in.
//!
//! A settle's cost follows what was written, not the store's size: it is skipped when no
//! article was written since the last one, and otherwise resumes from the decider's state
//! saved at the start of a day ([`StoryDecider::save`], the store's story checkpoints) at or
//! before the earliest article written since. Which days get a checkpoint is decided here
//! ([`plan_checkpoints`]), the same for every backend.
//!
//! The replay settles duplicates too ([`StoryDecider::decide`]): a same-outlet copy of an
//! earlier kept article becomes an alias of it (the article is deleted as a replaced page is:
//! its events leave their groups, the summaries and totals lose them), and a copy of another
//! outlet's article names the earliest kept one in `duplicate_of`. Which copy is stored then
//! does not depend on which writer committed first either.

use std::collections::BTreeSet;

use crate::record::{DuplicateOf, StoryRecord};
use crate::StoreError;

/// A stored article as the story stage reads it.
#[derive(Debug, Clone, PartialEq)]
pub struct StoryInput {
    /// Article id.
    pub id: String,
    /// Its outlet.
    pub site: Option<String>,
    /// Its headline.
    pub title: Option<String>,
    /// Its day, when dated.
    pub day: Option<i32>,
    /// Publication (else fetch) time, seconds since 1970 UTC.
    pub published_at: Option<i64>,
    /// Hash of its text.
    pub content_hash: String,
    /// Its SimHash.
    pub simhash: u64,
    /// What the story stage saved of it when it was written (`DocumentRecord::story_terms`).
    pub story_terms: String,
    /// The story it is stored in now.
    pub story_id: String,
    /// The earlier article it is stored as a copy of now (`duplicate_of`).
    pub duplicate: Option<DuplicateOf>,
}

/// What the story stage decides for one stored article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Decision {
    /// Keep it, in this story, as a copy of `duplicate` (an earlier article of another
    /// outlet) or of none.
    Keep {
        /// Its story.
        story_id: String,
        /// The article it copies.
        duplicate: Option<DuplicateOf>,
    },
    /// It copies an earlier kept article of its own outlet: delete it and remember its id as
    /// an alias of that article (`DuplicateOf::id`).
    Alias(DuplicateOf),
}

/// The story stage, replaying the stored articles.
pub trait StoryDecider {
    /// The decision for the next article: its story and the article it copies, or that it
    /// is an alias. Articles come in order of `published_at` (undated last), then id (byte
    /// order), each once.
    fn decide(&mut self, article: &StoryInput) -> Decision;
    /// Everything the next decision depends on, as bytes: a decider [`Self::restore`]d from
    /// them must decide every later article as this one would. The store keeps it as a
    /// checkpoint at a day boundary, so a later settle starts there instead of at the first
    /// article.
    fn save(&self) -> Vec<u8>;
    /// Continue from a state [`Self::save`] gave (called before any article); false when the
    /// bytes are not a state this decider can continue from (another version of the story
    /// stage), and the decider is left as it was.
    fn restore(&mut self, state: &[u8]) -> bool;
    /// After the last article: the saved state (profiles) of these stories, for those the
    /// decider holds, so the writers' own assignment continues from the settled stories.
    fn profiles(&mut self, ids: &[String]) -> Vec<StoryRecord>;
}

/// Which articles a settle replays.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SettleScope {
    /// Those from the earliest publication day written since the last settle, resuming from
    /// the checkpoint before it; nothing when nothing was written.
    Pending,
    /// Every article from the first, dropping every checkpoint (after a change to the story
    /// stage, or to check a partial settle against a whole one).
    Everything,
}

impl SettleScope {
    /// The publication time a settle of this scope replays from, given the store's pending
    /// mark: the mark for `Pending` (`None` when nothing was written since the last settle,
    /// so there is nothing to do), the first article for `Everything`.
    pub fn replay_from(self, pending: Option<i64>) -> Option<i64> {
        match self {
            SettleScope::Everything => Some(i64::MIN),
            SettleScope::Pending => pending,
        }
    }
}

/// What a settle changed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct SettleSummary {
    /// Articles replayed.
    pub articles: u64,
    /// Articles moved to another story.
    pub moved: u64,
    /// Articles turned into aliases of an earlier copy from their own outlet (deleted).
    pub aliased: u64,
    /// Kept articles whose original (`duplicate_of`) changed.
    pub copies_renamed: u64,
    /// Stories created (a story now starting with another article).
    pub created: u64,
    /// Stories left without articles, removed.
    pub removed: u64,
    /// Stories whose headline became their earliest article's (it was the headline of the
    /// article stored first).
    pub retitled: u64,
    /// True when nothing was written since the last settle, so nothing was replayed.
    pub skipped: bool,
    /// The checkpoint the replay resumed from (seconds UTC, a day's start), or `None` when it
    /// started from the first article.
    pub resumed_from: Option<i64>,
    /// Checkpoints written.
    pub checkpoints: u64,
}

/// Settling stories: one transaction under the write lock (the same lock as `put_batch`).
///
/// Every batch that writes an article lowers the store's pending mark to that article's
/// publication time (the older one too, for a replaced article) and drops the checkpoints
/// after it, in its own transaction; so every checkpoint left is a state of the replay over
/// articles that have not changed since, and the replay from the last checkpoint at or before
/// the pending mark decides every article as a replay from the first would.
pub trait StorySettle {
    /// Replay the stored articles that have story terms through `decider` (see
    /// [`StoryDecider::decide`] for the order; [`SettleScope`] for which); turn those it
    /// calls aliases into alias rows (deleting the article with its layers, and pointing the
    /// aliases and copies of it at its original), rewrite `duplicate_of` where it differs, and
    /// move those whose story changed; give the stories they left and joined the headline of their
    /// earliest article (every story, for [`SettleScope::Everything`]); save checkpoints at
    /// day boundaries ([`CHECKPOINT_SPACING`], [`CHECKPOINTS_KEPT`]) and clear the pending
    /// mark. Articles stored without story terms (before schema version 11 on SQLite, 12 on
    /// PostgreSQL) are left where they are and not shown to the decider.
    fn settle_stories(
        &mut self,
        decider: &mut dyn StoryDecider,
        scope: SettleScope,
    ) -> Result<SettleSummary, StoreError>;
}

/// Least number of articles between two checkpoints. Resuming costs reading a saved state
/// (all the stage's recent stories and texts, up to tens of MB at full windows), replaying
/// an article some tens of microseconds; a few thousand articles between checkpoints keep
/// both small beside each other. A checkpoint always sits at the start of the newest day.
pub const CHECKPOINT_SPACING: u64 = 2_000;

/// Checkpoints kept, the newest: a run adding articles older than the oldest replays from
/// the first article.
pub const CHECKPOINTS_KEPT: usize = 8;

/// Seconds in a day: checkpoints sit at the start of UTC days.
const DAY_SECONDS: i64 = 86_400;

/// The start (seconds UTC) of the day holding `seconds`.
pub(crate) fn day_start(seconds: i64) -> i64 {
    seconds.div_euclid(DAY_SECONDS) * DAY_SECONDS
}

/// The pending mark a written article leaves: its publication time, undated articles last.
pub(crate) fn position(published_at: Option<i64>) -> i64 {
    published_at.unwrap_or(i64::MAX)
}

/// The day starts to save checkpoints at, from the number of articles per day (day starts
/// ascending) the replay will read: the newest day's start, then going back, each day start
/// with at least [`CHECKPOINT_SPACING`] articles between it and the next one chosen, at most
/// [`CHECKPOINTS_KEPT`]. The replay's first day is never chosen (its state is the one the
/// replay starts from).
pub(crate) fn plan_checkpoints(days: &[(i64, u64)]) -> BTreeSet<i64> {
    let mut plan = BTreeSet::new();
    let mut since = 0u64;
    for &(day, count) in days.iter().skip(1).rev() {
        since += count;
        if plan.is_empty() || since >= CHECKPOINT_SPACING {
            plan.insert(day);
            since = 0;
            if plan.len() == CHECKPOINTS_KEPT {
                break;
            }
        }
    }
    plan
}

/// Moves gathered while replaying: (article row number, old story, new story).
pub(crate) type Moves = Vec<(i64, String, String)>;

/// An article the replay turns into an alias.
#[derive(Debug, Clone)]
pub(crate) struct Aliased {
    /// Its row number.
    pub(crate) n: i64,
    /// Its id (the alias's key).
    pub(crate) id: String,
    /// The article it copies.
    pub(crate) of: DuplicateOf,
}

/// One replay: feeds the articles to the decider, gathers the moves and the stories decided,
/// and hands back the checkpoints to write as their days start.
pub(crate) struct Replay<'d> {
    decider: &'d mut dyn StoryDecider,
    plan: BTreeSet<i64>,
    /// The articles whose story changes.
    pub(crate) moves: Moves,
    /// The articles that become aliases.
    pub(crate) aliased: Vec<Aliased>,
    /// The stories the aliased articles leave.
    aliased_from: BTreeSet<String>,
    /// The kept articles whose original changes: (row number, new original).
    pub(crate) copies: Vec<(i64, Option<DuplicateOf>)>,
    pub(crate) summary: SettleSummary,
}

impl<'d> Replay<'d> {
    pub(crate) fn new(
        decider: &'d mut dyn StoryDecider,
        plan: BTreeSet<i64>,
        resumed_from: Option<i64>,
    ) -> Replay<'d> {
        Replay {
            decider,
            plan,
            moves: Vec::new(),
            aliased: Vec::new(),
            aliased_from: BTreeSet::new(),
            copies: Vec::new(),
            summary: SettleSummary {
                resumed_from,
                ..SettleSummary::default()
            },
        }
    }

    /// Decide the next article; when it is the first of a planned day, first the state to
    /// save at that day's start.
    pub(crate) fn feed(&mut self, n: i64, article: StoryInput) -> Option<(i64, Vec<u8>)> {
        let checkpoint = article
            .published_at
            .map(day_start)
            .filter(|day| self.plan.remove(day))
            .map(|day| (day, self.decider.save()));
        self.summary.articles += 1;
        match self.decider.decide(&article) {
            Decision::Keep {
                story_id,
                duplicate,
            } => {
                if duplicate != article.duplicate {
                    self.summary.copies_renamed += 1;
                    self.copies.push((n, duplicate));
                }
                if story_id != article.story_id {
                    self.summary.moved += 1;
                    self.moves.push((n, article.story_id, story_id));
                }
            }
            Decision::Alias(of) => {
                self.summary.aliased += 1;
                self.aliased_from.insert(article.story_id);
                self.aliased.push(Aliased {
                    n,
                    id: article.id,
                    of,
                });
            }
        }
        checkpoint
    }

    /// The stories the moved articles left and joined, and those the aliased ones left.
    pub(crate) fn touched(&self) -> BTreeSet<String> {
        let mut touched = self.aliased_from.clone();
        for (_, old, new) in &self.moves {
            touched.insert(old.clone());
            touched.insert(new.clone());
        }
        touched
    }

    /// The profiles of the touched stories, from the decider.
    pub(crate) fn profiles(&mut self, touched: &BTreeSet<String>) -> Vec<StoryRecord> {
        let ids: Vec<String> = touched.iter().cloned().collect();
        self.decider.profiles(&ids)
    }

    /// The stories the moved and aliased articles left. A settle retitles them together with
    /// the stories of every article from the replay's start (replayed or not: one stored
    /// without terms may be new too): those whose earliest article may have changed.
    pub(crate) fn left(&self) -> BTreeSet<String> {
        let mut left = self.aliased_from.clone();
        left.extend(self.moves.iter().map(|m| m.1.clone()));
        left
    }

    /// True when the replay changes nothing stored (beyond checkpoints and headlines).
    pub(crate) fn changes_nothing(&self) -> bool {
        self.moves.is_empty() && self.aliased.is_empty() && self.copies.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const D: i64 = DAY_SECONDS;

    #[test]
    fn checkpoints_start_at_the_newest_day_and_keep_their_spacing_going_back() {
        let days: Vec<(i64, u64)> = (0..20).map(|d| (d * D, 700)).collect();
        let plan: Vec<i64> = plan_checkpoints(&days).into_iter().map(|d| d / D).collect();
        // 700 a day: a checkpoint every third day back from the newest (2,100 >= 2,000).
        assert_eq!(plan, [1, 4, 7, 10, 13, 16, 19]);
        let busy: Vec<(i64, u64)> = (0..20).map(|d| (d * D, 5_000)).collect();
        let plan: Vec<i64> = plan_checkpoints(&busy).into_iter().map(|d| d / D).collect();
        assert_eq!(plan, [12, 13, 14, 15, 16, 17, 18, 19]);
        // The first day is where the replay starts: never a checkpoint.
        assert!(plan_checkpoints(&[(0, 10_000)]).is_empty());
        assert_eq!(day_start(-1), -D);
        assert_eq!(day_start(D + 5), D);
    }
}
