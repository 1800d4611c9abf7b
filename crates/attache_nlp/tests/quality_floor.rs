//! Quality floor: actor-code accuracy on the PLOVER GSR development records must not fall
//! below the pinned figures (read from ../shared at test time; skipped when absent). The
//! full report, PETRARCH sets included, is `attache eval actors --bench FILE`.

#![allow(clippy::expect_used, clippy::unwrap_used)]

use attache_nlp::score::{score_actors, GoldActor, GoldSentence};
use attache_nlp::ActorResolver;

/// Country-level accuracy measured when the floor was last raised was 0.878 (this test keeps
/// repeated gold actors, the eval command counts them once); the floor leaves a little room
/// for dictionary edits that trade one sentence for another.
const COUNTRY_FLOOR: f64 = 0.87;
/// Full-code accuracy measured when last raised: 0.630.
const FULL_CODE_FLOOR: f64 = 0.62;

fn actors(value: Option<&serde_json::Value>) -> Vec<GoldActor> {
    let Some(serde_json::Value::Array(list)) = value else {
        return Vec::new();
    };
    list.iter()
        .filter_map(|a| {
            let code = a.get("code")?.as_str()?;
            let sector = a
                .get("sector")
                .and_then(|s| s.as_str())
                .filter(|s| *s != "***")
                .unwrap_or("");
            let text = a
                .get("actorText")
                .and_then(|t| t.as_str())
                .map(str::to_string);
            (!code.is_empty()).then(|| GoldActor {
                text,
                code: format!("{code}{sector}"),
            })
        })
        .collect()
}

#[test]
fn plover_gsr_actor_accuracy_stays_above_the_floor() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/bench/events/plover-gsr-cameo/plover_gsr_dev.json");
    let Ok(json) = std::fs::read_to_string(&path) else {
        eprintln!("skipping: {} not readable", path.display());
        return;
    };
    let records: Vec<serde_json::Value> =
        serde_json::from_str(&json).expect("the PLOVER GSR file is JSON");
    let sentences: Vec<GoldSentence> = records
        .iter()
        .filter(|r| r.get("event").and_then(|e| e.as_str()) != Some("DOCUMENT"))
        .filter_map(|r| {
            let mut all = actors(r.get("source"));
            all.extend(actors(r.get("target")));
            Some(GoldSentence {
                id: r.get("id")?.as_str()?.to_string(),
                text: r.get("text")?.as_str()?.to_string(),
                day: None,
                category: None,
                actors: all,
            })
        })
        .collect();
    let resolver = ActorResolver::builtin().expect("built-in dictionaries");
    let score = score_actors(&resolver, &sentences);
    eprintln!(
        "PLOVER GSR dev: {} gold actors, country {:.3}, full code {:.3}",
        score.gold,
        score.country_accuracy(),
        score.full_accuracy()
    );
    assert!(score.gold > 400, "only {} gold actors read", score.gold);
    assert!(
        score.country_accuracy() >= COUNTRY_FLOOR,
        "country-level {:.3}",
        score.country_accuracy()
    );
    assert!(
        score.full_accuracy() >= FULL_CODE_FLOOR,
        "full-code {:.3}",
        score.full_accuracy()
    );
}
