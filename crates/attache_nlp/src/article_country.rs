//! Actors of no stated country in a story about one country take that country: "police",
//! "a spokesperson", "the court" (`---COP`, `---GOV`, `---JUD`) in a story datelined
//! WASHINGTON, or whose named actors are nearly all of the United States, are American.
//!
//! A dyad needs both countries; an analyst reading "---COP arrested ..." learns nothing. The
//! story's country is taken only when the text makes it clear:
//! - the dateline's place, when the actor resolver coded it ("ISLAMABAD:" gives PAK); else
//! - the one country that at least [`DOMINANT_SHARE`] of the country-coded mentions share,
//!   with at least [`MIN_MENTIONS`] of them.
//!
//! A named person no list knows (the recogniser's "Michael Webb", coded with no country)
//! takes the story's country as a private person (`USACVL`): the political filter still
//! treats them as private, and the dashboard can place them. (On the real-news pages this
//! and telling such people apart by name when events merge moved full-triple F1 0.392 ->
//! 0.426, 2026-12-07.)
//!
//! A story naming several countries evenly (trade talks between two states) leaves such
//! actors without a country rather than guess: carrying the first country named to every
//! later actor put judges in the wrong country.
//!
//! Architecture invariant: reads and writes only `Document::mentions`; runs after actor
//! resolution and [`crate::EntityActors`].

use attache_model::{ActorKind, AnnotateError, Annotator, Document, Layers, PRIVATE_PERSON_SECTOR};

use crate::codes::country_of;

/// Share of the country-coded mentions one country needs to be the story's.
pub const DOMINANT_SHARE: f64 = 0.6;

/// Country-coded mentions a story needs before one country can dominate it.
pub const MIN_MENTIONS: usize = 3;

/// The placeholder country of a code whose country is unknown.
const NO_COUNTRY: &str = "---";

/// The stage; it has no settings.
#[derive(Debug, Clone, Copy, Default)]
pub struct ArticleCountry;

/// Whether a country segment is a state's (three capital letters, not an international
/// prefix such as IGO or NGO, not the unknown placeholder).
fn is_state(country: &str) -> bool {
    country.len() == 3
        && country.chars().all(|c| c.is_ascii_uppercase())
        && !matches!(country, "IGO" | "NGO" | "IMG" | "MNC" | "UAF")
}

impl ArticleCountry {
    /// The story's country, when the text makes it clear (see the module comment).
    pub fn country_of_story(doc: &Document) -> Option<String> {
        let dateline = doc
            .dateline_place()
            .map(|m| country_of(&m.code))
            .filter(|c| is_state(c));
        if let Some(c) = dateline {
            return Some(c.to_string());
        }
        let mut counts: Vec<(String, usize)> = Vec::new();
        let mut total = 0;
        for m in &doc.mentions {
            let c = country_of(&m.code);
            if !is_state(c) {
                continue;
            }
            total += 1;
            match counts.iter_mut().find(|(k, _)| k == c) {
                Some((_, n)) => *n += 1,
                None => counts.push((c.to_string(), 1)),
            }
        }
        let (best, n) = counts.into_iter().max_by_key(|(_, n)| *n)?;
        (total >= MIN_MENTIONS && n as f64 >= DOMINANT_SHARE * total as f64).then_some(best)
    }

    /// Give the story's country to every mention coded with a sector and no country.
    pub fn apply(&self, doc: &mut Document) {
        let Some(country) = Self::country_of_story(doc) else {
            return;
        };
        doc.story_country = Some(country.clone());
        for m in &mut doc.mentions {
            if let Some(rest) = m.code.strip_prefix(NO_COUNTRY) {
                if !rest.is_empty() {
                    m.code = format!("{country}{rest}");
                }
            } else if m.code.is_empty() && m.kind == ActorKind::Person {
                // A private person, as a CAMEO coder writes a defendant in a US court.
                m.code = format!("{country}{PRIVATE_PERSON_SECTOR}");
            }
        }
    }
}

impl Annotator for ArticleCountry {
    fn name(&self) -> &'static str {
        "article_country"
    }
    fn requires(&self) -> Layers {
        Layers::MENTIONS
    }
    fn provides(&self) -> Layers {
        Layers::MENTIONS
    }
    fn annotate(&self, doc: &mut Document) -> Result<(), AnnotateError> {
        self.apply(doc);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use attache_model::{ActorKind, Article, Mention, Span};

    fn doc(dateline: Option<&str>, codes: &[(&str, ActorKind)]) -> Document {
        let mut text = String::new();
        let mut mentions = Vec::new();
        for (i, (code, kind)) in codes.iter().enumerate() {
            let word = format!("w{i} ");
            let span = Span::new(text.len(), text.len() + word.len() - 1);
            text.push_str(&word);
            mentions.push(Mention {
                span,
                sentence: 0,
                code: code.to_string(),
                name: format!("w{i}"),
                kind: *kind,
                why: String::new(),
            });
        }
        let mut d = Document::new(
            "t",
            Article {
                text,
                dateline: dateline.map(str::to_string),
                ..Article::default()
            },
        );
        d.mentions = mentions;
        d
    }

    fn codes(d: &Document) -> Vec<&str> {
        d.mentions.iter().map(|m| m.code.as_str()).collect()
    }

    #[test]
    fn a_story_mostly_about_one_country_gives_it_to_actors_of_none() {
        use ActorKind::*;
        let mut d = doc(
            None,
            &[
                ("USAGOV", Person),
                ("---COP", Group),
                ("USA", Country),
                ("USAJUD", Group),
            ],
        );
        ArticleCountry.apply(&mut d);
        assert_eq!(codes(&d), ["USAGOV", "USACOP", "USA", "USAJUD"]);
    }

    #[test]
    fn an_unlisted_person_is_a_private_person_of_the_storys_country() {
        use ActorKind::*;
        let mut d = doc(
            None,
            &[
                ("USAGOV", Person),
                ("", Person),
                ("USA", Country),
                ("USAJUD", Group),
                ("", Organisation),
            ],
        );
        ArticleCountry.apply(&mut d);
        // An unlisted organisation's sector is unknown (a firm, a charity, an agency): it
        // stays uncoded rather than read as the state.
        assert_eq!(codes(&d), ["USAGOV", "USACVL", "USA", "USAJUD", ""]);
    }

    #[test]
    fn a_story_about_two_countries_leaves_them_unknown() {
        use ActorKind::*;
        let mut d = doc(
            None,
            &[
                ("USAGOV", Person),
                ("CHNGOV", Person),
                ("---GOV", Group),
                ("CHN", Country),
                ("USA", Country),
            ],
        );
        ArticleCountry.apply(&mut d);
        assert_eq!(codes(&d)[2], "---GOV");
    }

    #[test]
    fn the_datelines_coded_place_decides_first() {
        use ActorKind::*;
        let mut d = doc(
            Some("w0"),
            &[
                ("PAK", Place),
                ("AFG", Country),
                ("AFGGOV", Group),
                ("---COP", Group),
            ],
        );
        ArticleCountry.apply(&mut d);
        assert_eq!(codes(&d)[3], "PAKCOP");
    }
}
