//! The story stage: one decision, "a copy joins its original's story, any other article the
//! best matching story or a new one, then remember it for near copies", shared by the ingest
//! writer (articles as they come) and the settle's replay (stored articles in publication
//! order), so the two cannot drift apart.

use super::codec::{Dec, Enc};
use super::neardup::{NearDupIndex, NearMatch, Remembered, NEAR_DUP_MIN_WORDS};
use super::story::{StoryAssignment, StoryClusterer, StoryFeatures, StorySnapshot};

/// What the story stage needs of an article.
#[derive(Debug, Clone, Copy)]
pub struct StageArticle<'a> {
    /// Article id (names the story it starts).
    pub id: &'a str,
    /// Headline (the story's, when it starts one).
    pub title: Option<&'a str>,
    /// Outlet.
    pub site: Option<&'a str>,
    /// Day number, when dated.
    pub day: Option<i32>,
    /// SimHash of the text.
    pub simhash: u64,
    /// Words in the body: near copies are only looked for, and the article only remembered
    /// for them, at [`NEAR_DUP_MIN_WORDS`] or more.
    pub words: usize,
    /// Story terms.
    pub features: &'a StoryFeatures,
}

/// Stories and the near-duplicate index, with all their state.
#[derive(Debug, Default)]
pub struct StoryStage {
    stories: StoryClusterer,
    near: NearDupIndex,
}

impl StoryStage {
    /// A stage with no article seen.
    pub fn new() -> StoryStage {
        StoryStage::default()
    }

    /// A stage resuming from saved stories (oldest first) and recent articles (oldest
    /// first), as a writer starts from its store.
    pub fn resume(
        stories: impl IntoIterator<Item = StorySnapshot>,
        recent: impl IntoIterator<Item = Remembered>,
    ) -> StoryStage {
        let mut stage = StoryStage::new();
        stage.stories.restore(stories);
        for r in recent {
            stage.near.insert(r);
        }
        stage
    }

    /// The recent article this text nearly copies, if any (none for short texts).
    pub fn near_copy(&self, simhash: u64, words: usize) -> Option<NearMatch> {
        (words >= NEAR_DUP_MIN_WORDS)
            .then(|| self.near.find(simhash))
            .flatten()
    }

    /// The recent article of outlet `site` this text nearly copies, if any (none for short
    /// texts).
    pub fn near_copy_from(
        &self,
        simhash: u64,
        words: usize,
        site: Option<&str>,
    ) -> Option<NearMatch> {
        (words >= NEAR_DUP_MIN_WORDS)
            .then(|| self.near.find_where(simhash, |r| r.site.as_deref() == site))
            .flatten()
    }

    /// Put the article in a story: the story of the article it copies (`copy_story`, found
    /// by the caller: an exact copy, or [`Self::near_copy`]), else the best matching story
    /// or a new one; then remember it for near copies. A copy's assignment has similarity 1.
    pub fn place(&mut self, a: &StageArticle<'_>, copy_story: Option<String>) -> StoryAssignment {
        let assignment = match copy_story {
            Some(story_id) => {
                self.stories.join(&story_id, a.day, a.features);
                StoryAssignment {
                    story_id,
                    is_new: false,
                    similarity: 1.0,
                }
            }
            None => self.stories.assign(a.id, a.title, a.day, a.features),
        };
        if a.words >= NEAR_DUP_MIN_WORDS {
            self.near.insert(Remembered {
                id: a.id.to_string(),
                simhash: a.simhash,
                site: a.site.map(str::to_string),
                story_id: assignment.story_id.clone(),
            });
        }
        assignment
    }

    /// Stories changed since the last call, to save with a batch
    /// ([`StoryClusterer::take_changed`]).
    pub fn take_changed(&mut self) -> Vec<StorySnapshot> {
        self.stories.take_changed()
    }

    /// Forget which stories changed (a caller that never saves per batch).
    pub fn discard_changes(&mut self) {
        self.stories.discard_changes();
    }

    /// One story's saved state, when it is in memory.
    pub fn snapshot_of(&self, story_id: &str) -> Option<StorySnapshot> {
        self.stories.snapshot_of(story_id)
    }

    pub(crate) fn encode(&self, e: &mut Enc) {
        self.stories.encode(e);
        self.near.encode(e);
    }

    pub(crate) fn decode(d: &mut Dec<'_>) -> Option<StoryStage> {
        Some(StoryStage {
            stories: StoryClusterer::decode(d)?,
            near: NearDupIndex::decode(d)?,
        })
    }
}
