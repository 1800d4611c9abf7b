//! Deciding stories again from the stored articles: what the store hands the story stage and
//! what it applies, so that stories do not depend on the order or the number of writers.
//!
//! Each writer assigns stories as it goes (from what it has seen), which depends on which
//! articles came first. [`StorySettle::settle_stories`] replays every stored article in one
//! order that depends only on the articles (publication time, then id) through a
//! [`StoryDecider`], under the write lock, and moves the articles whose story changed, with
//! corroboration, first reports, story counts and summaries recounted in the same transaction.
//! The same articles then end in the same stories whatever order they were stored in.

use crate::record::StoryRecord;
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
}

/// The story stage, replaying the stored articles.
pub trait StoryDecider {
    /// The story of the next article. Articles come in order of `published_at` (undated
    /// last), then id (byte order), each once.
    fn story_of(&mut self, article: &StoryInput) -> String;
    /// After the last article: the saved state of the stories (their profiles), so that the
    /// writers' own assignment continues from the settled stories. Only stories whose
    /// membership changed are written.
    fn finish(&mut self) -> Vec<StoryRecord>;
}

/// What a settle changed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct SettleSummary {
    /// Articles read.
    pub articles: u64,
    /// Articles moved to another story.
    pub moved: u64,
    /// Stories created (a story now starting with another article).
    pub created: u64,
    /// Stories left without articles, removed.
    pub removed: u64,
    /// Stories whose headline became their earliest article's (it was the headline of the
    /// article stored first).
    pub retitled: u64,
}

/// Settling stories: one transaction under the write lock (the same lock as `put_batch`).
pub trait StorySettle {
    /// Replay every stored article that has story terms through `decider` (see
    /// [`StoryDecider::story_of`] for the order) and move those whose story changed; then
    /// give every story the headline of its earliest article (same order). Articles
    /// stored without story terms (before schema version 11 on SQLite, 12 on PostgreSQL) are
    /// left where they are and not shown to the decider.
    fn settle_stories(
        &mut self,
        decider: &mut dyn StoryDecider,
    ) -> Result<SettleSummary, StoreError>;
}

/// Moves gathered while replaying: (article row number, old story, new story).
pub(crate) type Moves = Vec<(i64, String, String)>;

/// Read `inputs` (in the settle order) through `decider`, keeping the articles that move.
pub(crate) fn decide_all(
    inputs: impl Iterator<Item = Result<(i64, StoryInput), StoreError>>,
    decider: &mut dyn StoryDecider,
    summary: &mut SettleSummary,
) -> Result<Moves, StoreError> {
    let mut moves = Vec::new();
    for input in inputs {
        let (n, article) = input?;
        summary.articles += 1;
        let story = decider.story_of(&article);
        if story != article.story_id {
            moves.push((n, article.story_id, story));
        }
    }
    summary.moved = moves.len() as u64;
    Ok(moves)
}
