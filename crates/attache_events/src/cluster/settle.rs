//! Stories decided in one order that depends only on the articles: the story stage replaying
//! stored articles by publication time, then id.
//!
//! An online clusterer's answer depends on the order it sees articles in: the first of a
//! story's articles names it, and each decision reads the stories and term frequencies built
//! from the articles before. Writers that store articles in different orders (several
//! workers sharing one store, or one run reading its sources in another order) therefore
//! disagree. [`StoryReplay`] takes the same decisions as the ingest writer (an exact copy
//! joins its original's story, a near copy too, any other article the best matching story or
//! a new one) but over articles in the order of (publication time, article id), so the same
//! set of articles always ends in the same stories, each named by its earliest article. The
//! store reads its articles in that order and applies what the replay decides
//! (`attache_store::StorySettle`); what the replay needs of each article is saved with it when
//! it is first stored ([`saved_terms`]).

use std::collections::{HashMap, VecDeque};

use serde::{Deserialize, Serialize};

use super::neardup::{NearDupIndex, Remembered, NEAR_DUP_MIN_WORDS, NEAR_DUP_WINDOW};
use super::story::{StoryClusterer, StoryFeatures, StorySnapshot};

/// What an article's story decision needs beyond its stored columns, saved as JSON with it.
#[derive(Debug, Serialize, Deserialize)]
struct SavedTerms {
    /// Words in the body (near copies are only looked for at [`NEAR_DUP_MIN_WORDS`] or more).
    w: usize,
    /// The story features' terms.
    t: Vec<(u64, f32)>,
}

/// An article's story features and word count, as saved with it for [`StoryReplay`].
pub fn saved_terms(features: &StoryFeatures, words: usize) -> String {
    serde_json::to_string(&SavedTerms {
        w: words,
        t: features.terms.clone(),
    })
    .unwrap_or_default()
}

/// One stored article as the replay reads it.
#[derive(Debug, Clone, Copy)]
pub struct ReplayArticle<'a> {
    /// Article id.
    pub id: &'a str,
    /// Outlet.
    pub site: Option<&'a str>,
    /// Headline.
    pub title: Option<&'a str>,
    /// Day number, when dated.
    pub day: Option<i32>,
    /// Hash of the text: equal hashes are exact copies.
    pub content_hash: &'a str,
    /// SimHash of the text.
    pub simhash: u64,
    /// What [`saved_terms`] saved.
    pub saved_terms: &'a str,
}

/// The story stage over articles given in (publication time, id) order, with all its state.
#[derive(Debug, Default)]
pub struct StoryReplay {
    stories: StoryClusterer,
    near: NearDupIndex,
    /// Content hash → story, for the last [`NEAR_DUP_WINDOW`] distinct texts.
    exact: HashMap<String, String>,
    exact_order: VecDeque<String>,
}

impl StoryReplay {
    /// A replay with no article seen.
    pub fn new() -> StoryReplay {
        StoryReplay::default()
    }

    /// The story of the next article: the same decisions as the ingest writer's, in the
    /// replay's order. Terms that do not parse count as none (the article then starts a
    /// story unless it copies another).
    pub fn story_of(&mut self, a: &ReplayArticle<'_>) -> String {
        let saved: SavedTerms = serde_json::from_str(a.saved_terms).unwrap_or(SavedTerms {
            w: 0,
            t: Vec::new(),
        });
        let features = StoryFeatures { terms: saved.t };
        let copied = self.exact.get(a.content_hash).cloned().or_else(|| {
            (saved.w >= NEAR_DUP_MIN_WORDS)
                .then(|| self.near.find(a.simhash))
                .flatten()
                .map(|m| m.original.story_id)
        });
        let story = match copied {
            Some(story) => {
                self.stories.join(&story, a.day, &features);
                story
            }
            None => {
                self.stories
                    .assign(a.id, a.title, a.day, &features)
                    .story_id
            }
        };
        if saved.w >= NEAR_DUP_MIN_WORDS {
            self.near.insert(Remembered {
                id: a.id.to_string(),
                simhash: a.simhash,
                site: a.site.map(str::to_string),
                story_id: story.clone(),
            });
        }
        if !self.exact.contains_key(a.content_hash) {
            self.exact.insert(a.content_hash.to_string(), story.clone());
            self.exact_order.push_back(a.content_hash.to_string());
            if self.exact_order.len() > NEAR_DUP_WINDOW {
                if let Some(old) = self.exact_order.pop_front() {
                    self.exact.remove(&old);
                }
            }
        }
        story
    }

    /// The stories' saved state (profiles), to store after the last article.
    pub fn finish(&mut self) -> Vec<StorySnapshot> {
        self.stories.take_changed()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn article<'a>(id: &'a str, hash: &'a str, terms: &'a str) -> ReplayArticle<'a> {
        ReplayArticle {
            id,
            site: None,
            title: None,
            day: Some(20_300),
            content_hash: hash,
            simhash: 0,
            saved_terms: terms,
        }
    }

    fn terms(words: &[u64]) -> String {
        let features = StoryFeatures {
            terms: words.iter().map(|w| (*w, 2.0)).collect(),
        };
        saved_terms(&features, 10)
    }

    #[test]
    fn articles_sharing_their_terms_join_the_earliest_articles_story() {
        let shared = terms(&[1, 2, 3, 4, 5, 6, 7, 8]);
        let other = terms(&[21, 22, 23, 24, 25, 26, 27, 28]);
        let mut r = StoryReplay::new();
        assert_eq!(r.story_of(&article("a", "ha", &shared)), "a");
        assert_eq!(r.story_of(&article("x", "hx", &other)), "x");
        assert_eq!(r.story_of(&article("b", "hb", &shared)), "a");
        let saved = r.finish();
        let ids: Vec<&str> = saved.iter().map(|s| s.id.as_str()).collect();
        assert_eq!(ids, ["a", "x"]);
    }

    #[test]
    fn an_exact_copy_joins_its_originals_story_whatever_its_terms() {
        let mut r = StoryReplay::new();
        assert_eq!(r.story_of(&article("a", "same", &terms(&[1, 2, 3]))), "a");
        assert_eq!(r.story_of(&article("b", "same", "not json")), "a");
    }
}
