//! Actor-code accuracy against gold actors (the benchmark files are read elsewhere: the
//! binary maps PLOVER GSR and PETRARCH records into [`GoldSentence`]s).
//!
//! Alignment:
//! - a gold actor **with text** (PLOVER GSR `actorText`) is located in the sentence (exact,
//!   then case-insensitive; a "..." elision spans from its first to its last piece); the
//!   predicted code is that of the mention overlapping it most (ties: the one ending later,
//!   since English heads come last). No overlapping mention is a miss.
//! - a gold actor **without text** (PETRARCH: only source/target codes) is correct when any
//!   mention of the sentence has the same country (resp. the same full code). This is
//!   recall-like: other mentions in the sentence are not counted as errors.
//!
//! Country level compares the first code segment, with `IGO` and `NGO` counted as the same
//! (the gold sets themselves mix them for the Red Cross or Amnesty). Full code compares the
//! whole code; the gold's lowercase ethnic suffixes (`CVLalb`) are dropped first.

use attache_model::{Article, Document, Mention};

use crate::codes::country_of;
use crate::{ActorResolver, Day, Settings};

/// A gold actor: its code and, when known, its words in the sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GoldActor {
    /// The words naming it (PLOVER GSR), if given.
    pub text: Option<String>,
    /// The full gold code (`PAKGOV`, `IGO`, `---REB`).
    pub code: String,
}

/// One gold sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GoldSentence {
    /// Record id.
    pub id: String,
    /// Sentence text.
    pub text: String,
    /// The record's day (picks dated roles).
    pub day: Option<Day>,
    /// Record category (PETRARCH `AFP`, `GOLD`...).
    pub category: Option<String>,
    /// Gold actors, deduplicated.
    pub actors: Vec<GoldActor>,
}

/// A gold actor attache got wrong, for `--verbose` listings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Miss {
    /// Record id.
    pub id: String,
    /// The gold actor.
    pub gold: GoldActor,
    /// What attache said (code and words), if it aligned a mention.
    pub predicted: Option<(String, String)>,
    /// Wrong only at full-code level (the country was right).
    pub country_ok: bool,
}

/// Counts over a gold set.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ActorScore {
    /// Gold actors scored.
    pub gold: usize,
    /// Gold actors with an aligned mention.
    pub aligned: usize,
    /// Correct at country level.
    pub country_ok: usize,
    /// Correct full code.
    pub full_ok: usize,
    /// Every gold actor not fully right.
    pub misses: Vec<Miss>,
}

impl ActorScore {
    /// Country-level accuracy (0 when there is no gold actor).
    pub fn country_accuracy(&self) -> f64 {
        ratio(self.country_ok, self.gold)
    }

    /// Full-code accuracy.
    pub fn full_accuracy(&self) -> f64 {
        ratio(self.full_ok, self.gold)
    }
}

fn ratio(n: usize, d: usize) -> f64 {
    if d == 0 {
        0.0
    } else {
        n as f64 / d as f64
    }
}

/// Gold codes that are data errors in the gold sets, mapped to what they mean.
const GOLD_CODE_FIXES: &[(&str, &str)] = &[("JAP", "JPN"), ("ITL", "ITA")];

/// The gold code as attache writes codes: known typos fixed, lowercase suffixes dropped.
pub fn normalize_gold_code(code: &str) -> String {
    let upper: String = code.chars().take_while(|c| !c.is_lowercase()).collect();
    let head = country_of(&upper);
    match GOLD_CODE_FIXES.iter().find(|(bad, _)| *bad == head) {
        Some((_, good)) => format!("{good}{}", &upper[head.len()..]),
        None => upper,
    }
}

fn same_country(a: &str, b: &str) -> bool {
    let (a, b) = (country_of(a), country_of(b));
    let intl = |c: &str| c == "IGO" || c == "NGO";
    a == b || (intl(a) && intl(b))
}

/// Annotate every sentence (lone sentences: no default country) and score the actors.
pub fn score_actors(resolver: &ActorResolver, sentences: &[GoldSentence]) -> ActorScore {
    let mut score = ActorScore::default();
    for s in sentences {
        let settings = Settings {
            date: s.day,
            infer_default_country: false,
            ..Settings::default()
        };
        let mut doc = Document::new(
            s.id.clone(),
            Article {
                text: s.text.clone(),
                ..Article::default()
            },
        );
        resolver.resolve_with(&mut doc, &settings);
        for gold in &s.actors {
            let code = normalize_gold_code(&gold.code);
            score.gold += 1;
            let (country_ok, full_ok, predicted) =
                match gold.text.as_deref().and_then(|t| locate(&s.text, t)) {
                    Some((start, end)) => match best_overlap(&doc.mentions, start, end) {
                        Some(m) => {
                            let text = doc.text_of(m.span).to_string();
                            (
                                same_country(&m.code, &code),
                                m.code == code,
                                Some((m.code.clone(), text)),
                            )
                        }
                        None => (false, false, None),
                    },
                    None => {
                        let country = doc.mentions.iter().find(|m| same_country(&m.code, &code));
                        let full = doc.mentions.iter().any(|m| m.code == code);
                        let shown = country
                            .or(doc.mentions.first())
                            .map(|m| (m.code.clone(), doc.text_of(m.span).to_string()));
                        (country.is_some(), full, shown)
                    }
                };
            score.aligned += usize::from(predicted.is_some());
            score.country_ok += usize::from(country_ok);
            score.full_ok += usize::from(full_ok);
            if !full_ok {
                let gold = GoldActor {
                    text: gold.text.clone(),
                    code,
                };
                score.misses.push(Miss {
                    id: s.id.clone(),
                    gold,
                    predicted,
                    country_ok,
                });
            }
        }
    }
    score
}

/// Byte range of `needle` in `text`: exact, then ignoring case; "U.S. ... negotiators" spans
/// from its first piece to its last.
fn locate(text: &str, needle: &str) -> Option<(usize, usize)> {
    let pieces: Vec<&str> = needle
        .split("...")
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    let find = |p: &str, from: usize| -> Option<usize> {
        let hay = text.get(from..)?;
        hay.find(p)
            .or_else(|| {
                hay.to_lowercase()
                    .find(&p.to_lowercase())
                    .filter(|i| hay.is_char_boundary(*i))
            })
            .map(|i| from + i)
    };
    let first = pieces.first()?;
    // Collapse double spaces the gold sometimes has ("NATO  peacekeeping troops").
    let first_norm = first.split_whitespace().collect::<Vec<_>>().join(" ");
    let start = find(first, 0).or_else(|| find(&first_norm, 0))?;
    let mut end = start + first_norm.len().min(first.len());
    if find(first, 0) == Some(start) {
        end = start + first.len();
    }
    for p in &pieces[1..] {
        if let Some(i) = find(p, end) {
            end = i + p.len();
        }
    }
    Some((start, end.min(text.len())))
}

fn best_overlap(mentions: &[Mention], start: usize, end: usize) -> Option<&Mention> {
    mentions
        .iter()
        .filter(|m| m.span.start < end && start < m.span.end)
        .max_by_key(|m| (m.span.end.min(end) - m.span.start.max(start), m.span.end))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gold_codes_are_normalised() {
        assert_eq!(normalize_gold_code("JAPGOV"), "JPNGOV");
        assert_eq!(normalize_gold_code("SRBCVLalb"), "SRBCVL");
        assert_eq!(normalize_gold_code("PAK"), "PAK");
    }

    #[test]
    fn text_actors_align_with_the_mention_that_overlaps_most() {
        let resolver = ActorResolver::builtin().expect("builtin");
        let s = GoldSentence {
            id: "t1".into(),
            text: "NATO-member Norway is willing to send material to help defend Saudi Arabia."
                .into(),
            day: None,
            category: None,
            actors: vec![
                GoldActor {
                    text: Some("NATO-member Norway".into()),
                    code: "NOR".into(),
                },
                GoldActor {
                    text: Some("Saudi Arabia".into()),
                    code: "SAU".into(),
                },
            ],
        };
        let score = score_actors(&resolver, &[s]);
        assert_eq!(
            (score.gold, score.country_ok, score.full_ok),
            (2, 2, 2),
            "{:?}",
            score.misses
        );
    }

    #[test]
    fn code_only_actors_match_any_mention_of_the_sentence() {
        let resolver = ActorResolver::builtin().expect("builtin");
        let s = GoldSentence {
            id: "t2".into(),
            text: "Georgian demonstrators launched missiles at the Georgian government.".into(),
            day: Day::new(2008, 8, 4),
            category: None,
            actors: vec![
                GoldActor {
                    text: None,
                    code: "GEOOPP".into(),
                },
                GoldActor {
                    text: None,
                    code: "GEOGOV".into(),
                },
            ],
        };
        let score = score_actors(&resolver, &[s]);
        assert_eq!(
            (score.country_ok, score.full_ok),
            (2, 2),
            "{:?}",
            score.misses
        );
    }
}
