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
//! set of articles always ends in the same stories, each named by its earliest article.
//!
//! The replay settles duplicates the same way ([`StoryReplay::decide`]): a copy (exact, else
//! near) of an earlier kept article of the same outlet is an alias of it, neither placed in a
//! story nor remembered (as the writer's own alias), and a copy of another outlet's article
//! names the earliest kept one as its original. Which copy is stored and which is the
//! original then depends on publication time and id only, not on which worker committed
//! first. The store reads its articles in that order and applies what the replay decides
//! (`attache_store::StorySettle`); what the replay needs of each article is saved with it
//! when it is first stored ([`saved_terms`]).

use std::collections::{HashMap, VecDeque};

use serde::{Deserialize, Serialize};

use super::codec::{Dec, Enc};
use super::neardup::NEAR_DUP_WINDOW;
use super::stage::{StageArticle, StoryStage};
use super::story::{StoryFeatures, StorySnapshot};

/// The layout of [`StoryReplay::save`]'s bytes and of the decisions behind them. Bump it when
/// either changes (a new field, another threshold, weight or rule in the story stage): a
/// saved state of another version is refused and the settle replays from the first article,
/// since a state the new rules would not have reached must not be resumed from.
///
/// Version 2: duplicates are decided too (same-outlet copies become aliases and are not
/// remembered; the exact-copy table keeps each text's first kept article of each outlet).
pub const REPLAY_STATE_VERSION: u32 = 2;

/// The first bytes of a saved state.
const MAGIC: &[u8; 4] = b"ATSR";

/// Articles between two discards of the clusterer's change lists, which a replay never reads.
const DISCARD_EVERY: u64 = 4_096;

/// What an article's story decision needs beyond its stored columns, saved as JSON with it.
#[derive(Debug, Serialize, Deserialize)]
struct SavedTerms {
    /// Words in the body (near copies are only looked for at `NEAR_DUP_MIN_WORDS` or more).
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

/// How one article copies an earlier kept one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CopyOf {
    /// The earlier article's id.
    pub id: String,
    /// True for the same text (same content hash), false for a near copy.
    pub exact: bool,
    /// SimHash bits apart (0 for an exact copy).
    pub distance: u32,
}

/// What the replay decides for one article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReplayDecision {
    /// The article is kept, in this story; `original` is the earlier kept article of another
    /// outlet whose text it copies, if any.
    Kept {
        /// Its story.
        story_id: String,
        /// The article it copies.
        original: Option<CopyOf>,
    },
    /// The article copies an earlier kept article of the same outlet: one outlet saying the
    /// same thing twice is not corroboration, so it is to be remembered as an alias of that
    /// article and not kept.
    AliasOf(CopyOf),
}

/// The first kept article with a given text, and the first of each outlet.
#[derive(Debug, Clone)]
struct ExactOriginal {
    id: String,
    story_id: String,
    /// (outlet, id) of the first kept article of each outlet with the text, in order.
    outlets: Vec<(Option<String>, String)>,
}

/// The story stage over articles given in (publication time, id) order, with all its state.
#[derive(Debug, Default)]
pub struct StoryReplay {
    stage: StoryStage,
    /// Content hash → the first kept article with that text, for the last
    /// [`NEAR_DUP_WINDOW`] distinct texts.
    exact: HashMap<String, ExactOriginal>,
    exact_order: VecDeque<String>,
    seen: u64,
}

impl StoryReplay {
    /// A replay with no article seen.
    pub fn new() -> StoryReplay {
        StoryReplay::default()
    }

    /// The decision for the next article: an exact copy (among the replay's recent texts),
    /// else a near copy (by the stage), of an earlier kept article of the same outlet is an
    /// alias of it, left out of the stage's state so that a replay resumed after the article
    /// became an alias reaches the same state; any other article is placed by the story stage
    /// ([`StoryStage::place`]), a copy of another outlet's article (the first kept with the
    /// same text, else the nearest) in its original's story. Terms that do not parse count as
    /// none (the article then starts a story unless it copies another).
    ///
    /// Any earlier kept copy of the outlet makes an alias, not only the one a writer would
    /// find first, so that a writer that aliases a copy of an earlier article of its outlet
    /// agrees with the replay whichever other copies it saw first.
    pub fn decide(&mut self, a: &ReplayArticle<'_>) -> ReplayDecision {
        let saved: SavedTerms = serde_json::from_str(a.saved_terms).unwrap_or(SavedTerms {
            w: 0,
            t: Vec::new(),
        });
        let features = StoryFeatures { terms: saved.t };
        self.seen += 1;
        if self.seen.is_multiple_of(DISCARD_EVERY) {
            self.stage.discard_changes();
        }
        let same_text = self.exact.get(a.content_hash);
        let same_outlet = same_text
            .and_then(|o| o.outlets.iter().find(|(site, _)| site.as_deref() == a.site))
            .map(|(_, id)| CopyOf {
                id: id.clone(),
                exact: true,
                distance: 0,
            })
            .or_else(|| {
                self.stage
                    .near_copy_from(a.simhash, saved.w, a.site)
                    .map(|m| CopyOf {
                        id: m.original.id,
                        exact: false,
                        distance: m.distance,
                    })
            });
        if let Some(copy) = same_outlet {
            return ReplayDecision::AliasOf(copy);
        }
        // No kept copy of this outlet: any copy found is another outlet's.
        let other_outlet = match same_text {
            Some(o) => Some((
                CopyOf {
                    id: o.id.clone(),
                    exact: true,
                    distance: 0,
                },
                o.story_id.clone(),
            )),
            None => self.stage.near_copy(a.simhash, saved.w).map(|m| {
                (
                    CopyOf {
                        id: m.original.id,
                        exact: false,
                        distance: m.distance,
                    },
                    m.original.story_id,
                )
            }),
        };
        let (original, copy_story) = match other_outlet {
            Some((copy, story)) => (Some(copy), Some(story)),
            None => (None, None),
        };
        let story_id = self
            .stage
            .place(
                &StageArticle {
                    id: a.id,
                    title: a.title,
                    site: a.site,
                    day: a.day,
                    simhash: a.simhash,
                    words: saved.w,
                    features: &features,
                },
                copy_story,
            )
            .story_id;
        let outlet = (a.site.map(str::to_string), a.id.to_string());
        match self.exact.get_mut(a.content_hash) {
            Some(o) => o.outlets.push(outlet),
            None => {
                self.exact.insert(
                    a.content_hash.to_string(),
                    ExactOriginal {
                        id: a.id.to_string(),
                        story_id: story_id.clone(),
                        outlets: vec![outlet],
                    },
                );
                self.exact_order.push_back(a.content_hash.to_string());
                if self.exact_order.len() > NEAR_DUP_WINDOW {
                    if let Some(old) = self.exact_order.pop_front() {
                        self.exact.remove(&old);
                    }
                }
            }
        }
        ReplayDecision::Kept { story_id, original }
    }

    /// The saved state (profiles) of these stories after the last article, for those the
    /// replay holds in memory.
    pub fn profiles<'a>(&self, ids: impl IntoIterator<Item = &'a str>) -> Vec<StorySnapshot> {
        ids.into_iter()
            .filter_map(|id| self.stage.snapshot_of(id))
            .collect()
    }

    /// Everything the next decision depends on, as bytes: a replay [`Self::restore`]d from
    /// them decides every later article as this one would.
    pub fn save(&self) -> Vec<u8> {
        let mut e = Enc::default();
        e.0.extend_from_slice(MAGIC);
        e.u32(REPLAY_STATE_VERSION);
        self.stage.encode(&mut e);
        e.len(self.exact_order.len());
        for hash in &self.exact_order {
            e.str(hash);
            let original = self.exact.get(hash);
            e.str(original.map_or("", |o| o.id.as_str()));
            e.str(original.map_or("", |o| o.story_id.as_str()));
            let outlets = original.map_or(&[][..], |o| o.outlets.as_slice());
            e.len(outlets.len());
            for (site, id) in outlets {
                e.opt_str(site.as_deref());
                e.str(id);
            }
        }
        e.0
    }

    /// A replay continuing from [`Self::save`]'s bytes, or `None` when they are not a state
    /// of this [`REPLAY_STATE_VERSION`].
    pub fn restore(bytes: &[u8]) -> Option<StoryReplay> {
        let rest = bytes.strip_prefix(MAGIC)?;
        let mut d = Dec::new(rest);
        if d.u32()? != REPLAY_STATE_VERSION {
            return None;
        }
        let stage = StoryStage::decode(&mut d)?;
        let mut exact = HashMap::new();
        let mut exact_order = VecDeque::new();
        for _ in 0..d.len(32)? {
            let hash = d.string()?;
            let id = d.string()?;
            let story_id = d.string()?;
            let mut outlets = Vec::new();
            for _ in 0..d.len(9)? {
                outlets.push((d.opt_string()?, d.string()?));
            }
            let original = ExactOriginal {
                id,
                story_id,
                outlets,
            };
            exact.insert(hash.clone(), original);
            exact_order.push_back(hash);
        }
        d.is_empty().then_some(StoryReplay {
            stage,
            exact,
            exact_order,
            seen: 0,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn article<'a>(id: &'a str, hash: &'a str, terms: &'a str) -> ReplayArticle<'a> {
        ReplayArticle {
            id,
            // Every article its own outlet: copies across outlets are kept.
            site: Some(id),
            title: None,
            day: Some(20_300),
            content_hash: hash,
            simhash: 0,
            saved_terms: terms,
        }
    }

    /// The story of a kept article, or "alias of X".
    fn story_of(r: &mut StoryReplay, a: &ReplayArticle<'_>) -> String {
        match r.decide(a) {
            ReplayDecision::Kept { story_id, .. } => story_id,
            ReplayDecision::AliasOf(o) => format!("alias of {}", o.id),
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
        assert_eq!(story_of(&mut r, &article("a", "ha", &shared)), "a");
        assert_eq!(story_of(&mut r, &article("x", "hx", &other)), "x");
        assert_eq!(story_of(&mut r, &article("b", "hb", &shared)), "a");
        let saved = r.profiles(["a", "x", "b"]);
        let ids: Vec<&str> = saved.iter().map(|s| s.id.as_str()).collect();
        assert_eq!(ids, ["a", "x"]);
        assert!(saved[0].profile.contains("\"n\":2"), "{}", saved[0].profile);
    }

    #[test]
    fn an_exact_copy_joins_its_originals_story_whatever_its_terms() {
        let mut r = StoryReplay::new();
        assert_eq!(
            story_of(&mut r, &article("a", "same", &terms(&[1, 2, 3]))),
            "a"
        );
        assert_eq!(
            r.decide(&article("b", "same", "not json")),
            ReplayDecision::Kept {
                story_id: "a".into(),
                original: Some(CopyOf {
                    id: "a".into(),
                    exact: true,
                    distance: 0
                })
            }
        );
    }

    #[test]
    fn a_copy_is_an_alias_when_its_outlet_has_an_earlier_copy_whoever_came_first() {
        // Outlet two runs the text first, outlet one twice after it: outlet one's first copy
        // is kept (another outlet's copy, corroboration), its second is an alias of it, as a
        // writer that saw outlet one's copies before outlet two's would have decided.
        let mut r = StoryReplay::new();
        let of = |id, site| ReplayArticle {
            site: Some(site),
            ..article(id, "same", "")
        };
        assert_eq!(story_of(&mut r, &of("x", "two")), "x");
        assert_eq!(story_of(&mut r, &of("a", "one")), "x");
        assert_eq!(story_of(&mut r, &of("b", "one")), "alias of a");
        assert_eq!(story_of(&mut r, &of("y", "two")), "alias of x");
        // Saved and restored, the table of each outlet's first copy is kept.
        let Some(mut resumed) = StoryReplay::restore(&r.save()) else {
            panic!("a saved state does not restore");
        };
        assert_eq!(story_of(&mut resumed, &of("c", "one")), "alias of a");
    }

    #[test]
    fn a_same_outlet_copy_is_an_alias_of_the_earliest_kept_one_and_not_remembered() {
        let mut r = StoryReplay::new();
        let same = |id| ReplayArticle {
            site: Some("one outlet"),
            ..article(id, "same", "")
        };
        assert_eq!(story_of(&mut r, &same("a")), "a");
        let before = r.save();
        assert_eq!(story_of(&mut r, &same("b")), "alias of a");
        // The alias left nothing behind: a replay that never saw it is in the same state.
        assert_eq!(r.save(), before);
        assert_eq!(story_of(&mut r, &same("c")), "alias of a");
        // Another outlet's copy names the kept original, not an alias.
        assert_eq!(
            r.decide(&article("d", "same", "")),
            ReplayDecision::Kept {
                story_id: "a".into(),
                original: Some(CopyOf {
                    id: "a".into(),
                    exact: true,
                    distance: 0
                })
            }
        );
    }

    /// Synthetic articles in replay order: topics sharing terms over a few days, exact
    /// copies, near copies (long texts a few SimHash bits apart), short texts.
    fn corpus() -> Vec<(String, String, Option<i32>, u64, String)> {
        let mut seed = 0x2545_f491_4f6c_dd1d_u64;
        let mut next = move || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        let mut out: Vec<(String, String, Option<i32>, u64, String)> = Vec::new();
        for i in 0..600u64 {
            let topic = next() % 40;
            let day = 20_300 + (i / 40) as i32;
            let id = format!("{i:04}");
            let r = next() % 10;
            if r == 0 && !out.is_empty() {
                // An exact copy of an earlier text.
                let j = (next() % out.len() as u64) as usize;
                let (_, hash, _, simhash, terms) = out[j].clone();
                out.push((id, hash, Some(day), simhash, terms));
                continue;
            }
            let mut words: Vec<u64> = (0..6).map(|k| topic * 100 + k).collect();
            words.extend((0..4).map(|_| 10_000 + next() % 500));
            let features = StoryFeatures {
                terms: words
                    .iter()
                    .map(|w| (*w, 1.0 + (w % 7) as f32 / 3.0))
                    .collect(),
            };
            let long = if r < 4 { 80 } else { 20 };
            let simhash = if r == 1 && !out.is_empty() {
                out[out.len() - 1].3 ^ 0b101
            } else {
                next()
            };
            let dated = (r != 9).then_some(day);
            out.push((
                id,
                format!("h{i}"),
                dated,
                simhash,
                saved_terms(&features, long),
            ));
        }
        out
    }

    fn replay_of(r: &mut StoryReplay, a: &(String, String, Option<i32>, u64, String)) -> String {
        // Two outlets, by the id's parity: some copies are aliases, some kept.
        let site = if a.0.ends_with(['0', '2', '4', '6', '8']) {
            "even"
        } else {
            "odd"
        };
        story_of(
            r,
            &ReplayArticle {
                id: &a.0,
                site: Some(site),
                title: None,
                day: a.2,
                content_hash: &a.1,
                simhash: a.3,
                saved_terms: &a.4,
            },
        )
    }

    #[test]
    fn a_replay_resumed_from_its_saved_state_decides_as_one_that_never_stopped() {
        let corpus = corpus();
        let mut whole = StoryReplay::new();
        let all: Vec<String> = corpus.iter().map(|a| replay_of(&mut whole, a)).collect();
        let distinct: std::collections::BTreeSet<&String> = all.iter().collect();
        assert!(
            distinct.len() > 20 && distinct.len() < 400,
            "{} stories",
            distinct.len()
        );
        for cut in [0, 1, 137, 300, 599] {
            let mut first = StoryReplay::new();
            let mut got: Vec<String> = corpus[..cut]
                .iter()
                .map(|a| replay_of(&mut first, a))
                .collect();
            let bytes = first.save();
            let Some(mut resumed) = StoryReplay::restore(&bytes) else {
                panic!("a saved state does not restore (cut at {cut})");
            };
            assert_eq!(resumed.save(), bytes, "saving again gives the same bytes");
            got.extend(corpus[cut..].iter().map(|a| replay_of(&mut resumed, a)));
            assert_eq!(got, all, "cut at {cut}");
            assert_eq!(resumed.save(), whole.save(), "cut at {cut}");
        }
    }

    #[test]
    fn a_state_of_another_version_or_cut_short_is_refused() {
        let mut r = StoryReplay::new();
        for a in &corpus()[..50] {
            replay_of(&mut r, a);
        }
        let bytes = r.save();
        assert!(StoryReplay::restore(&bytes[..bytes.len() - 1]).is_none());
        let mut other = bytes.clone();
        other[4] = other[4].wrapping_add(1);
        assert!(StoryReplay::restore(&other).is_none());
        assert!(StoryReplay::restore(b"").is_none());
    }
}
