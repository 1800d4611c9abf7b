//! Hostile input (issue 15): documents built so that work quadratic in the number of
//! sentences, mentions or events would take minutes, while linear work takes well under a
//! second. The tests assert what comes out, never how long it took; the speed figures are
//! printed by `cargo bench -p attache --bench hostile` (each input through a release ingest).

use attache_model::{ActorKind, Article, Document, Mention, Sentence, Span};

use super::{codes, Coder, CoderSettings};

/// A document of `pieces` concatenated, each piece's `(name, code, kind)` mentions placed
/// where the names occur in it; one sentence per piece when `sentence_per_piece`, else one
/// sentence over everything. Built directly (the shared `doc_with` helper checks overlaps
/// against every earlier mention, which is itself quadratic).
fn repeated(
    piece: &str,
    times: usize,
    names: &[(&str, &str, ActorKind)],
    sentence_per_piece: bool,
) -> Document {
    let text = piece.repeat(times);
    let mut d = Document::new(
        "hostile",
        Article {
            text: text.clone(),
            published: Some("2025-10-30".into()),
            ..Article::default()
        },
    );
    let mut local: Vec<(usize, &(&str, &str, ActorKind))> = names
        .iter()
        .filter_map(|n| piece.find(n.0).map(|at| (at, n)))
        .collect();
    local.sort_by_key(|(at, _)| *at);
    let sentence_len = piece.trim_end().len();
    for k in 0..times {
        let base = k * piece.len();
        let sentence = if sentence_per_piece { k } else { 0 };
        if sentence_per_piece {
            d.sentences.push(Sentence {
                span: Span::new(base, base + sentence_len),
            });
        }
        for &(at, (name, code, kind)) in &local {
            d.mentions.push(Mention {
                span: Span::new(base + at, base + at + name.len()),
                sentence,
                kind: *kind,
                code: code.to_string(),
                name: name.to_string(),
                why: "hostile test".into(),
            });
        }
    }
    if !sentence_per_piece {
        d.sentences.push(Sentence {
            span: Span::new(0, text.trim_end().len()),
        });
    }
    d
}

fn coder() -> Coder {
    match Coder::builtin(CoderSettings::default()) {
        Ok(c) => c,
        Err(e) => panic!("builtin coder does not load: {e}"),
    }
}

const PAIR: &[(&str, &str, ActorKind)] = &[
    ("Ruritania", "RUR", ActorKind::Country),
    ("Elbonia", "ELB", ActorKind::Country),
];

/// 'Pakistan warned Afghanistan on Monday.' 50,000 times took 18 s: every sentence scanned
/// every mention of the document, and every event was compared with every merged one.
#[test]
fn fifty_thousand_repeated_sentences_merge_into_one_event() {
    let n = 50_000;
    let doc = repeated("Ruritania warned Elbonia on Monday.\n\n", n, PAIR, true);
    let events = coder().code(&doc);
    assert_eq!(events.len(), 1, "{:?}", events.first());
    assert_eq!(events[0].mentions, n);
    assert_eq!(
        (codes(&events[0].source), codes(&events[0].target)),
        (vec!["RUR"], vec!["ELB"])
    );
}

/// 'Pakistan and Afghanistan ' 40,000 times in one sentence: groups, links and phrase
/// checks over 80,000 mentions of one sentence.
#[test]
fn one_sentence_of_eighty_thousand_joined_actors_is_coded() {
    let mut doc = repeated("Ruritania and Elbonia ", 40_000, PAIR, false);
    doc.article.text.push_str("met.");
    let end = doc.article.text.len();
    doc.sentences[0].span = Span::new(0, end);
    let events = coder().code(&doc);
    // "met" with a compound subject: one meeting of the two sides, however many members.
    assert!(events.len() <= 2, "{events:?}");
}

/// A comma-joined list never closed by "and" used to be re-read from every member.
#[test]
fn one_sentence_of_a_comma_list_of_eighty_thousand_actors_is_coded() {
    let mut doc = repeated("Ruritania, Elbonia, ", 40_000, PAIR, false);
    doc.article.text.push_str("Reuters reports.");
    let end = doc.article.text.len();
    doc.sentences[0].span = Span::new(0, end);
    let events = coder().code(&doc);
    assert!(events.is_empty(), "{events:?}");
}

/// Pronouns are resolved to the last person before them: with 40,000 of them after 40,000
/// person mentions, a backward scan per pronoun was quadratic.
#[test]
fn many_pronouns_resolve_against_the_last_person() {
    let names = &[
        ("Foreign Minister Anna Varga", "RURGOV", ActorKind::Person),
        ("Elbonia", "ELB", ActorKind::Country),
    ];
    let doc = repeated(
        "Foreign Minister Anna Varga met reporters. She said Elbonia attacked.\n\n",
        std::env::var("HOSTILE_N")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(20_000),
        names,
        false,
    );
    let events = coder().code(&doc);
    assert!(events.len() <= 4, "{events:?}");
}
