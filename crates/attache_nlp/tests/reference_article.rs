//! The reference article (../shared/examples/istanbul-talks.txt): every party found and
//! resolved right, Istanbul a place. Read at test time; skipped when absent. Plus a
//! team-written article (fixtures/actors/border-ceasefire.txt) with its snapshot.

#![allow(clippy::expect_used, clippy::unwrap_used)]

use attache_model::{ActorKind, Article, Document, Mention};
use attache_nlp::{ActorResolver, Day, Settings};

const REFERENCE: &str = "../../../shared/examples/istanbul-talks.txt";
const FIXTURE: &str = "../../fixtures/actors/border-ceasefire.txt";

/// The article body as extraction will give it: without the title and standfirst, the
/// "Read more" line and the comment footer.
fn reference_body() -> Option<String> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(REFERENCE);
    let raw = match std::fs::read_to_string(&path) {
        Ok(raw) => raw,
        Err(e) => {
            eprintln!(
                "skipping: reference article {} not readable: {e}",
                path.display()
            );
            return None;
        }
    };
    let paragraphs: Vec<&str> = raw
        .split("\n\n")
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .skip(2)
        .filter(|p| !p.starts_with("Read more") && !p.starts_with("Comments are closed"))
        .collect();
    Some(paragraphs.join("\n\n"))
}

fn annotated(text: String, day: Option<Day>) -> Document {
    let resolver = ActorResolver::builtin().expect("built-in dictionaries");
    let settings = Settings {
        date: day,
        ..Settings::default()
    };
    let mut doc = Document::new(
        "test",
        Article {
            text,
            ..Article::default()
        },
    );
    resolver.resolve_with(&mut doc, &settings);
    doc
}

fn with_text<'d>(doc: &'d Document, text: &str) -> Vec<&'d Mention> {
    doc.mentions
        .iter()
        .filter(|m| doc.text_of(m.span) == text)
        .collect()
}

/// Every mention of `text` is found, with `code` and `kind`.
fn assert_all(doc: &Document, text: &str, code: &str, kind: ActorKind) {
    let found = with_text(doc, text);
    assert!(!found.is_empty(), "`{text}` not found");
    for m in found {
        assert_eq!(
            (m.code.as_str(), m.kind),
            (code, kind),
            "`{text}`: {}",
            m.why
        );
    }
}

/// Some mention whose text contains `part` has `code`.
fn assert_some(doc: &Document, part: &str, code: &str) {
    let ok = doc
        .mentions
        .iter()
        .any(|m| doc.text_of(m.span).contains(part) && m.code == code);
    assert!(ok, "no mention containing `{part}` with code {code}");
}

#[test]
fn reference_article_parties_resolve() {
    let Some(body) = reference_body() else { return };
    let doc = annotated(body, Day::new(2025, 10, 28));
    assert_all(&doc, "Pakistan", "PAK", ActorKind::Country);
    assert_all(&doc, "Afghanistan", "AFG", ActorKind::Country);
    assert_all(&doc, "Türkiye", "TUR", ActorKind::Country);
    assert_all(&doc, "Turkey", "TUR", ActorKind::Country);
    assert_all(&doc, "Qatar", "QAT", ActorKind::Country);
    assert_all(&doc, "Indian", "IND", ActorKind::Country);
    assert_all(
        &doc,
        "Tehreek-e-Taliban Pakistan",
        "PAKREB",
        ActorKind::ArmedGroup,
    );
    assert_all(&doc, "TTP", "PAKREB", ActorKind::ArmedGroup);
    assert_all(&doc, "BLA", "PAKREB", ActorKind::ArmedGroup);
    assert_all(&doc, "the Taliban regime", "AFGGOV", ActorKind::Government);
    assert_all(
        &doc,
        "Defense Minister Khawaja Asif",
        "PAKGOV",
        ActorKind::Person,
    );
    assert_all(
        &doc,
        "Federal Information Minister Attaullah Tarar",
        "PAKGOV",
        ActorKind::Person,
    );
    assert_all(&doc, "He", "PAKGOV", ActorKind::Person);
    assert_all(&doc, "Islamabad", "PAKGOV", ActorKind::Government);
    assert_all(&doc, "Kabul", "AFGGOV", ActorKind::Government);
    assert_all(&doc, "Istanbul", "TUR", ActorKind::Place);
    assert_all(&doc, "ISLAMABAD", "PAK", ActorKind::Place);
    assert_some(&doc, "Pakistani delegation", "PAKGOV");
    assert_some(&doc, "Afghan side", "AFGGOV");
    assert_some(&doc, "Afghan government", "AFGGOV");
    assert_some(&doc, "Afghan authorities", "AFGGOV");
    let he = with_text(&doc, "He");
    assert!(he[0].why.contains("Khawaja Asif"), "{}", he[0].why);
    insta::assert_snapshot!("istanbul_talks", attache_nlp::render::bracketed(&doc));
}

#[test]
fn the_taliban_were_rebels_before_august_2021() {
    let text =
        "Pakistan urged the Taliban regime to act. Taliban fighters attacked Kabul.".to_string();
    let doc = annotated(text, Day::new(2019, 5, 1));
    assert_all(&doc, "the Taliban regime", "AFGREB", ActorKind::ArmedGroup);
    assert_some(&doc, "Taliban fighters", "AFGREB");
}

#[test]
fn team_article_snapshot() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(FIXTURE);
    let text = std::fs::read_to_string(&path).expect("the team fixture is in the repository");
    let doc = annotated(text, Day::new(2025, 10, 29));
    assert_all(&doc, "Muttaqi", "AFGGOV", ActorKind::Person);
    assert_all(&doc, "ISKP", "AFGREB", ActorKind::ArmedGroup);
    assert_some(&doc, "Amir Khan Muttaqi", "AFGGOV");
    assert_some(&doc, "Pakistani jets", "PAKMIL");
    assert_some(&doc, "Gen. Asim Munir", "PAKMIL");
    assert_some(&doc, "UN Secretary-General Antonio Guterres", "IGOUNO");
    assert_some(&doc, "troops", "PAKMIL");
    assert!(doc
        .mentions
        .iter()
        .any(|m| doc.text_of(m.span) == "army" && m.code == "PAKMIL"));
    insta::assert_snapshot!("border_ceasefire", attache_nlp::render::bracketed(&doc));
}
