//! The end-to-end test of the coder on the team's reference article (`../shared/examples`),
//! with the actor layer written by hand.

use attache_model::{ActorKind, Event, Modality, PloverCategory};

use super::{category, codes, doc_with};
use crate::coder::{Coder, CoderSettings};

/// Actors of the reference article, written by the team (the actor layer attache_nlp would
/// give; kept here so this crate's test does not depend on another stage).
const REFERENCE_WORLD: &[(&str, &str, ActorKind)] = &[
    ("Pakistani officials", "PAKGOV", ActorKind::Government),
    ("Pakistani", "PAK", ActorKind::Country),
    ("Pakistan", "PAK", ActorKind::Country),
    ("Islamabad", "PAKGOV", ActorKind::Government),
    ("ISLAMABAD", "PAKGOV", ActorKind::Place),
    ("Afghanistan", "AFG", ActorKind::Country),
    ("Afghan side", "AFGGOV", ActorKind::Government),
    ("Afghan government", "AFGGOV", ActorKind::Government),
    ("Afghan authorities", "AFGGOV", ActorKind::Government),
    ("Afghan", "AFG", ActorKind::Country),
    ("Kabul", "AFGGOV", ActorKind::Government),
    ("Taliban regime", "AFGGOV", ActorKind::Government),
    ("Türkiye", "TUR", ActorKind::Country),
    ("Turkey", "TUR", ActorKind::Country),
    ("Qatar", "QAT", ActorKind::Country),
    ("Istanbul", "TUR", ActorKind::Place),
    ("Indian", "IND", ActorKind::Country),
    ("India", "IND", ActorKind::Country),
    (
        "Federal Information Minister Attaullah Tarar",
        "PAKGOV",
        ActorKind::Person,
    ),
    ("Defense Minister Khawaja Asif", "PAKGOV", ActorKind::Person),
    ("Asif", "PAKGOV", ActorKind::Person),
    (
        "Tehreek-e-Taliban Pakistan",
        "PAKREB",
        ActorKind::ArmedGroup,
    ),
    ("TTP", "PAKREB", ActorKind::ArmedGroup),
    ("BLA", "PAKREB", ActorKind::ArmedGroup),
    ("terrorists", "---REB", ActorKind::Group),
];

#[test]
fn reference_article_gives_the_expected_events() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/examples/istanbul-talks.txt");
    let text = match std::fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("skipping: {} not readable ({e})", path.display());
            return;
        }
    };
    let coder = match Coder::builtin(CoderSettings::default()) {
        Ok(c) => c,
        Err(e) => panic!("{e}"),
    };
    let doc = doc_with(&text, REFERENCE_WORLD);
    let events = coder.code(&doc);
    let show: Vec<String> = events
        .iter()
        .map(|e| {
            format!(
                "{:?} {:?}->{:?} {} {:?} {}",
                category(e),
                codes(&e.source),
                codes(&e.target),
                e.modality,
                e.claimed_by.as_ref().map(|c| &c.name),
                e.evidence.text
            )
        })
        .collect();
    let find = |cat: PloverCategory, f: &dyn Fn(&Event) -> bool| {
        events.iter().any(|e| category(e) == Some(cat) && f(e))
    };
    let country =
        |v: &[attache_model::EventActor], c: &str| v.iter().any(|a| a.code.starts_with(c));
    // Pakistan intends to continue talks with Afghanistan.
    assert!(
        find(PloverCategory::Consult, &|e| country(&e.source, "PAK")
            && country(&e.target, "AFG")
            && matches!(
                e.modality,
                Modality::Intended | Modality::Future
            )),
        "{show:#?}"
    );
    // Türkiye and Qatar request Pakistan (to stay): one event each.
    for mediator in ["TUR", "QAT"] {
        assert!(
            find(PloverCategory::Request, &|e| country(&e.source, mediator)
                && country(&e.target, "PAK")),
            "{show:#?}"
        );
    }
    // Pakistan demands Afghanistan act against terrorist groups.
    assert!(
        find(PloverCategory::Request, &|e| country(&e.source, "PAK")
            && country(&e.target, "AFG")),
        "{show:#?}"
    );
    // Tarar accuses India of backing TTP and BLA.
    assert!(
        find(PloverCategory::Accuse, &|e| country(&e.target, "IND")
            && e.claimed_by
                .as_ref()
                .is_some_and(|c| c.name.contains("Tarar"))),
        "{show:#?}"
    );
    // Kabul did not commit: a rejection, or a commitment that is negated.
    assert!(
        events.iter().any(|e| country(&e.source, "AFG")
            && (category(e) == Some(PloverCategory::Reject)
                || (category(e) == Some(PloverCategory::Agree)
                    && e.modality == Modality::Negated))),
        "{show:#?}"
    );
    // Asif threatens the Taliban regime (the Afghan government), as a threat, not an assault.
    assert!(
        find(PloverCategory::Threaten, &|e| e
            .target
            .iter()
            .any(|a| a.code == "AFGGOV")
            && e.claimed_by
                .as_ref()
                .is_some_and(|c| c.name.contains("Asif"))),
        "{show:#?}"
    );
    // No asserted assault anywhere; nothing from the `Read more` line or the comment footer.
    assert!(
        !find(PloverCategory::Assault, &|e| e.modality
            == Modality::Asserted),
        "{show:#?}"
    );
    let furniture: Vec<usize> = ["Read more", "Comments are closed"]
        .iter()
        .filter_map(|m| text.find(m))
        .collect();
    for start in furniture {
        let end = text[start..].find('\n').map_or(text.len(), |n| start + n);
        assert!(
            events
                .iter()
                .all(|e| e.evidence.end <= start || e.evidence.start >= end),
            "{show:#?}"
        );
    }
}
