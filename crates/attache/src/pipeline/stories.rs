//! Settling stories: the story stage (`attache_events::cluster::StoryReplay`) replays the
//! store's articles in (publication time, id) order and the store moves the articles whose
//! story differs (`attache_store::StorySettle`), so that stories, and the first reports and
//! corroboration counted per story, are the same whatever order and however many writers
//! stored the articles. A single-store ingest settles at the end of its run; the workers of a
//! shared store settle as they leave the emptied queue, under the write lock, so the last one
//! to leave settles over every article. A settle with nothing written since the last is
//! skipped, and one after new articles resumes from the stage's state saved at the start of
//! a day at or before the earliest of them.

use anyhow::Context;
use attache_events::cluster::{CopyOf, ReplayArticle, ReplayDecision, StoryReplay};
use attache_store::{
    Decision, DuplicateKind, DuplicateOf, SettleScope, SettleSummary, Store, StoryDecider,
    StoryInput, StoryRecord,
};

/// The story stage as the store's decider.
#[derive(Default)]
struct Replay(StoryReplay);

/// The store's name for a copy the replay found.
fn duplicate_of(copy: CopyOf) -> DuplicateOf {
    DuplicateOf {
        id: copy.id,
        kind: if copy.exact {
            DuplicateKind::Exact
        } else {
            DuplicateKind::Near
        },
        distance: copy.distance,
    }
}

impl StoryDecider for Replay {
    fn decide(&mut self, a: &StoryInput) -> Decision {
        let decision = self.0.decide(&ReplayArticle {
            id: &a.id,
            site: a.site.as_deref(),
            title: a.title.as_deref(),
            day: a.day,
            content_hash: &a.content_hash,
            simhash: a.simhash,
            saved_terms: &a.story_terms,
        });
        match decision {
            ReplayDecision::Kept { story_id, original } => Decision::Keep {
                story_id,
                duplicate: original.map(duplicate_of),
            },
            ReplayDecision::AliasOf(original) => Decision::Alias(duplicate_of(original)),
        }
    }

    fn save(&self) -> Vec<u8> {
        self.0.save()
    }

    fn restore(&mut self, state: &[u8]) -> bool {
        match StoryReplay::restore(state) {
            Some(r) => {
                self.0 = r;
                true
            }
            None => false,
        }
    }

    fn profiles(&mut self, ids: &[String]) -> Vec<StoryRecord> {
        self.0
            .profiles(ids.iter().map(String::as_str))
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

/// Decide again the stories of the articles written since the last settle (and of every
/// later article) and move those that change.
pub fn settle(store: &mut dyn Store, scope: SettleScope) -> anyhow::Result<SettleSummary> {
    store
        .settle_stories(&mut Replay::default(), scope)
        .context("cannot settle the stories")
}

/// Open the store at `db` and settle its stories.
pub fn settle_db(db: &str, scope: SettleScope) -> anyhow::Result<SettleSummary> {
    let mut store = attache_store::open(db)?;
    settle(store.as_mut(), scope)
}
