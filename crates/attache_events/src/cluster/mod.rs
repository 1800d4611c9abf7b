//! Near-duplicates and stories: which articles repeat one another, and which report the same
//! happening across outlets.
//!
//! - [`Fingerprint`]: an article's id (from its canonical URL, else its text), content hash
//!   (exact copies) and SimHash over word shingles (near copies).
//! - [`NearDupIndex`]: finds a recent article within [`NEAR_DUP_MAX_HAMMING`] bits, in memory
//!   bounded by [`NEAR_DUP_WINDOW`].
//! - [`StoryClusterer`]: groups articles into stories within [`STORY_WINDOW_DAYS`], with all
//!   its state explicit so it can be saved and restored.
//! - [`StoryStage`]: the one story decision (a copy joins its original's story, any other
//!   article the best matching story or a new one), over the clusterer and the near-duplicate
//!   index; the ingest writer and the replay both call it.
//! - [`StoryReplay`]: the stage over stored articles in (publication time, id) order, so that
//!   stories do not depend on the order or number of writers; its whole state can be saved
//!   and resumed ([`StoryReplay::save`]), so a settle starts where the new articles start.
//! - [`event_key`]: which events of one story are the same happening, so the store can count
//!   how many articles and outlets report each (GDELT's NumArticles / NumSources).
//!
//! Cross-document state lives in these structs, not in the per-document annotators: the ingest
//! pipeline feeds them articles in order on one thread.
//!
//! ```
//! use attache_events::cluster::{Fingerprint, NearDupIndex, Remembered};
//! use attache_model::Article;
//! let text: String = (0..80).map(|i| format!("word{i} ")).collect();
//! let a = Fingerprint::of(&Article { text: text.clone(), ..Article::default() }, Some("https://a.example/1"));
//! let b = Fingerprint::of(&Article { text: text + "extra", ..Article::default() }, Some("https://b.example/1"));
//! let mut index = NearDupIndex::default();
//! index.insert(Remembered { id: a.id.clone(), simhash: a.simhash, site: None, story_id: a.id.clone() });
//! assert_eq!(index.find(b.simhash).map(|m| m.original.id), Some(a.id));
//! ```

mod codec;
mod fingerprint;
pub(crate) mod hash;
mod neardup;
mod settle;
mod stage;
mod stopwords;
mod story;

use attache_model::{Event, EventActor, Modality};

pub use fingerprint::{canonical_url, host_of, simhash, words, Fingerprint, SHINGLE_WORDS};
pub use hash::{hash128, hash64, hex128, Fnv128};
pub use neardup::{
    NearDupIndex, NearMatch, Remembered, BANDS, NEAR_DUP_MAX_HAMMING, NEAR_DUP_MIN_WORDS,
    NEAR_DUP_WINDOW,
};
pub use settle::{
    saved_terms, CopyOf, ReplayArticle, ReplayDecision, StoryReplay, REPLAY_STATE_VERSION,
};
pub use stage::{StageArticle, StoryStage};
pub use story::{
    StoryAssignment, StoryClusterer, StoryFeatures, StorySnapshot, ACTIVE_STORIES, DF_TERMS,
    LEAD_WORDS, PROFILE_TERMS, STORY_MIN_SHARED_TERMS, STORY_MIN_SIMILARITY, STORY_WINDOW_DAYS,
};

/// The key under which events of one story count as the same happening: source and target
/// countries (the first three letters of their codes, since outlets name the same party as
/// `PAK` or `PAKGOV`), the PLOVER type, and whether the act is asserted. "Pakistan threatened
/// Kabul" in two outlets shares a key; a threat and a denial of one do not.
pub fn event_key(e: &Event) -> String {
    fn side(actors: &[EventActor]) -> String {
        let mut roots: Vec<&str> = actors
            .iter()
            .map(|a| a.code.get(..3).unwrap_or(&a.code))
            .filter(|c| !c.is_empty())
            .collect();
        roots.sort_unstable();
        roots.dedup();
        roots.join("+")
    }
    let asserted = if e.modality == Modality::Asserted {
        "asserted"
    } else {
        "unasserted"
    };
    // Codes PLOVER has no category for are keyed by their CAMEO root instead.
    let kind = match &e.plover {
        Some(p) => p.category.as_str().to_string(),
        None => format!("cameo{}", e.cameo.code.get(..2).unwrap_or(&e.cameo.code)),
    };
    format!("{}>{}:{kind}:{asserted}", side(&e.source), side(&e.target))
}

#[cfg(test)]
mod tests {
    use super::*;
    use attache_model::{Article, Document, PloverCategory, PloverCoding};

    fn doc(title: &str, text: &str) -> Document {
        Document::new(
            "test",
            Article {
                title: Some(title.into()),
                text: text.into(),
                ..Article::default()
            },
        )
    }

    const TALKS_A: (&str, &str) = (
        "Sudan army and RSF resume ceasefire talks in Doha",
        "DOHA: Delegations of the Sudanese Armed Forces and the Rapid Support Forces met in Doha \
         on Tuesday for a third round of ceasefire talks hosted by Qatar, mediators said. The \
         Qatari foreign ministry said the delegations discussed humanitarian corridors to El \
         Fasher and a monitoring mechanism. General Burhan's envoy told reporters the army would \
         not accept a truce without the withdrawal of RSF units from El Fasher.",
    );
    const TALKS_B: (&str, &str) = (
        "Qatar hosts new round of Sudan ceasefire talks",
        "Qatar on Tuesday hosted envoys of Sudan's army and the paramilitary Rapid Support Forces \
         in Doha, the third round of talks on a ceasefire. Mediators in Doha said humanitarian \
         corridors to El Fasher and a truce monitoring mechanism were on the table, while \
         Burhan's envoy demanded the RSF withdraw from El Fasher first.",
    );
    const FLOODS: (&str, &str) = (
        "Monsoon floods cut off villages in Sindh",
        "KARACHI: Heavy monsoon rain flooded dozens of villages in Sindh province, cutting roads \
         to Hyderabad and Thatta, the provincial disaster management authority said. Rescue \
         teams used boats to reach families stranded near the Indus embankments.",
    );

    #[test]
    fn two_outlets_reporting_one_happening_form_one_story_and_another_happening_does_not() {
        let mut c = StoryClusterer::new();
        let day = Some(20_300);
        let a = doc(TALKS_A.0, TALKS_A.1);
        let b = doc(TALKS_B.0, TALKS_B.1);
        let f = doc(FLOODS.0, FLOODS.1);
        let first = c.assign("a", a.article.title.as_deref(), day, &StoryFeatures::of(&a));
        let flood = c.assign("f", f.article.title.as_deref(), day, &StoryFeatures::of(&f));
        let second = c.assign("b", b.article.title.as_deref(), day, &StoryFeatures::of(&b));
        assert!(first.is_new && flood.is_new);
        assert_eq!(second.story_id, "a", "similarity {}", second.similarity);
        assert!(!second.is_new);
    }

    #[test]
    fn the_same_report_outside_the_window_starts_a_new_story() {
        let mut c = StoryClusterer::new();
        let a = doc(TALKS_A.0, TALKS_A.1);
        let b = doc(TALKS_B.0, TALKS_B.1);
        c.assign("a", None, Some(20_300), &StoryFeatures::of(&a));
        let later = c.assign(
            "b",
            None,
            Some(20_300 + STORY_WINDOW_DAYS + 1),
            &StoryFeatures::of(&b),
        );
        assert!(later.is_new);
    }

    #[test]
    fn saved_stories_are_restored_and_still_attract_articles() {
        let mut c = StoryClusterer::new();
        let a = doc(TALKS_A.0, TALKS_A.1);
        c.assign(
            "a",
            a.article.title.as_deref(),
            Some(20_300),
            &StoryFeatures::of(&a),
        );
        let saved = c.take_changed();
        assert_eq!(saved.len(), 1);
        assert!(c.take_changed().is_empty());
        let mut restored = StoryClusterer::new();
        restored.restore(saved);
        let b = doc(TALKS_B.0, TALKS_B.1);
        let got = restored.assign("b", None, Some(20_301), &StoryFeatures::of(&b));
        assert_eq!(got.story_id, "a");
    }

    #[test]
    fn event_keys_ignore_sector_codes_but_not_modality() {
        let actor = |code: &str| EventActor {
            code: code.into(),
            ..EventActor::default()
        };
        let mut e = Event {
            source: vec![actor("PAKGOV")],
            target: vec![actor("AFG")],
            plover: Some(PloverCoding {
                category: PloverCategory::Threaten,
                ..PloverCoding::default()
            }),
            ..Event::default()
        };
        let k1 = event_key(&e);
        e.source = vec![actor("PAK")];
        assert_eq!(event_key(&e), k1);
        assert_eq!(k1, "PAK>AFG:THREATEN:asserted");
        e.modality = Modality::Negated;
        assert_ne!(event_key(&e), k1);
    }
}
