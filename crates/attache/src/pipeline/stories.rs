//! Settling stories: the story stage (`attache_events::cluster::StoryReplay`) replays the
//! store's articles in (publication time, id) order and the store moves the articles whose
//! story differs (`attache_store::StorySettle`), so that stories, and the first reports and
//! corroboration counted per story, are the same whatever order and however many writers
//! stored the articles. A single-store ingest settles at the end of its run; the workers of a
//! shared store settle as they leave the emptied queue, under the write lock, so the last one
//! to leave settles over every article.

use anyhow::Context;
use attache_events::cluster::{ReplayArticle, StoryReplay};
use attache_store::{SettleSummary, Store, StoryDecider, StoryInput, StoryRecord};

/// The story stage as the store's decider.
struct Replay(StoryReplay);

impl StoryDecider for Replay {
    fn story_of(&mut self, a: &StoryInput) -> String {
        self.0.story_of(&ReplayArticle {
            id: &a.id,
            site: a.site.as_deref(),
            title: a.title.as_deref(),
            day: a.day,
            content_hash: &a.content_hash,
            simhash: a.simhash,
            saved_terms: &a.story_terms,
        })
    }

    fn finish(&mut self) -> Vec<StoryRecord> {
        self.0
            .finish()
            .into_iter()
            .map(|s| StoryRecord {
                id: s.id,
                title: s.title,
                first_day: s.first_day,
                last_day: s.last_day,
                profile: s.profile,
            })
            .collect()
    }
}

/// Decide every stored article's story again and move those that change.
pub fn settle(store: &mut dyn Store) -> anyhow::Result<SettleSummary> {
    store
        .settle_stories(&mut Replay(StoryReplay::new()))
        .context("cannot settle the stories")
}

/// Open the store at `db` and settle its stories.
pub fn settle_db(db: &str) -> anyhow::Result<SettleSummary> {
    let mut store = attache_store::open(db)?;
    settle(store.as_mut())
}
