//! Readers for the event gold sets in `../shared/bench/events` (formats documented in each
//! folder's README): PETRARCH validation / unit-test XML and PLOVER GSR JSON (sentences), and
//! real-news page gold ([`realnews`], whole pages).
//!
//! The sentence sets come out as one [`GoldSet`]: records with an id, a date, the sentence, and what a coder
//! should find ([`GoldExpected`]). Odd records never abort a read: they are kept when usable,
//! skipped otherwise, and listed in [`GoldSet::problems`].

mod petrarch;
mod plover;
pub mod realnews;

pub use petrarch::read_petrarch_xml;
pub use plover::read_plover_json;
pub use realnews::{read_news_jsonl, NewsGoldSet};

use crate::EventsError;

/// Which format a gold file is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GoldFormat {
    /// PETRARCH `<Validation>` XML (validation records or unit tests; CAMEO triples).
    PetrarchXml,
    /// PLOVER gold-standard records, a JSON array (PLOVER categories, actor lists).
    PloverJson,
}

/// A whole gold file.
#[derive(Debug, Clone)]
pub struct GoldSet {
    /// The format it was read as.
    pub format: GoldFormat,
    /// Usable records in file order.
    pub records: Vec<GoldRecord>,
    /// The dictionaries the file's `<Environment>` names (PETRARCH XML only).
    pub environment: Environment,
    /// Odd records and what was odd about them (`id: problem`).
    pub problems: Vec<String>,
}

/// What a PETRARCH `<Environment>` block names.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Environment {
    /// `<Verbfile>`.
    pub verb_files: Vec<String>,
    /// `<Actorfile>` (comma-separated in the file).
    pub actor_files: Vec<String>,
    /// `<Agentfile>`.
    pub agent_files: Vec<String>,
    /// `<Discardfile>`.
    pub discard_files: Vec<String>,
}

/// One gold sentence.
#[derive(Debug, Clone, PartialEq)]
pub struct GoldRecord {
    /// The record id (`AFP0808020705_1`, `DEMO-03`, `PLOVER-GSR01-AGREE-0004`).
    pub id: String,
    /// The record date as `YYYY-MM-DD`, when given.
    pub date: Option<String>,
    /// The sentence, whitespace-joined.
    pub text: String,
    /// The record's category (`AFP`, `DEMO`, `COMPOUND`...; the id's category for PLOVER).
    pub category: Option<String>,
    /// Coder options in effect for the record (`require_dyad`, `new_actor_length`...).
    pub options: Vec<(String, String)>,
    /// False when the file marks the record as not to be evaluated (`sentence="false"`).
    pub evaluate: bool,
    /// What a coder should find.
    pub expected: GoldExpected,
}

impl GoldRecord {
    /// The value of a coder option, if the record sets it.
    pub fn option(&self, name: &str) -> Option<&str> {
        self.options
            .iter()
            .rev()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }
}

/// What a coder should find in a gold sentence.
#[derive(Debug, Clone, PartialEq)]
pub enum GoldExpected {
    /// CAMEO triples (PETRARCH XML). Order is not meaningful.
    Triples(Vec<GoldTriple>),
    /// The sentence has no event.
    NoEvents,
    /// The coder should reject the input (`dateline`, `bad_input_parse`, `sentencediscard`,
    /// `storydiscard`).
    Error(String),
    /// One PLOVER event (PLOVER GSR).
    Plover(PloverGold),
}

/// A (source, target, event) triple of codes.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct GoldTriple {
    /// Source actor code (`USAGOV`; `---` unknown; a quoted phrase for new-actor tests).
    pub source: String,
    /// Target actor code.
    pub target: String,
    /// Event code (CAMEO `042`, or a test-only code).
    pub event: String,
}

/// A PLOVER GSR event.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct PloverGold {
    /// The PLOVER category as written (0.5b1 names: `DEMAND`, `FIGHT`...).
    pub event: String,
    /// The mode as written, when present and non-empty.
    pub mode: Option<String>,
    /// Contexts as written (split on commas).
    pub contexts: Vec<String>,
    /// Source actors.
    pub source: Vec<GoldActor>,
    /// Target actors (empty when there is none).
    pub target: Vec<GoldActor>,
    /// The words of the event phrase.
    pub event_text: String,
    /// Where it happened, when given.
    pub location: Option<GoldLocation>,
}

/// An actor of a PLOVER GSR record.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct GoldActor {
    /// The words naming it.
    pub text: String,
    /// ISO 3166 alpha-3 (a few `IGO`, ethnic codes).
    pub code: String,
    /// Sector (`GOV`, `MIL`, `REB`...), when given.
    pub sector: Option<String>,
}

/// The location of a PLOVER GSR record.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct GoldLocation {
    /// Place name.
    pub name: String,
    /// ISO 3166 alpha-2 country code, when given.
    pub country: Option<String>,
}

/// Read a gold file of either format, guessing it from the first non-blank character (`<` for
/// XML, `[` for JSON). `name` is used in messages.
pub fn read_gold(name: &str, text: &str) -> Result<GoldSet, EventsError> {
    match text
        .trim_start_matches('\u{feff}')
        .trim_start()
        .chars()
        .next()
    {
        Some('<') => read_petrarch_xml(name, text),
        Some('[') => read_plover_json(name, text),
        _ => Err(EventsError::file(
            name,
            "neither PETRARCH XML nor a PLOVER JSON array",
        )),
    }
}

/// Two-digit years up to this one are read as 20YY, later ones as 19YY (PETRARCH accepts
/// `YYMMDD` dates; its test records span 1990s and 2000s news).
const TWO_DIGIT_YEAR_PIVOT: u32 = 50;

/// `YYYYMMDD`, `YYYY-MM-DD` or `YYMMDD` as `YYYY-MM-DD`; `None` for anything else.
pub(crate) fn normalise_date(raw: &str) -> Option<String> {
    let raw = raw.trim();
    if raw.len() == 6 && raw.bytes().all(|b| b.is_ascii_digit()) {
        let yy: u32 = raw[..2].parse().ok()?;
        let century = if yy <= TWO_DIGIT_YEAR_PIVOT {
            "20"
        } else {
            "19"
        };
        return normalise_date(&format!("{century}{raw}"));
    }
    let digits: String = raw.chars().filter(|c| c.is_ascii_digit()).collect();
    let shaped = (raw.len() == 8 && digits.len() == 8)
        || (raw.len() == 10 && digits.len() == 8 && raw.as_bytes().get(4) == Some(&b'-'));
    if !shaped {
        return None;
    }
    let (y, m, d) = (&digits[..4], &digits[4..6], &digits[6..]);
    let month: u32 = m.parse().ok()?;
    let day: u32 = d.parse().ok()?;
    ((1..=12).contains(&month) && (1..=31).contains(&day)).then(|| format!("{y}-{m}-{d}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_normalise_from_both_shapes() {
        assert_eq!(normalise_date("19950103").as_deref(), Some("1995-01-03"));
        assert_eq!(normalise_date("2000-01-01").as_deref(), Some("2000-01-01"));
        assert_eq!(normalise_date("19951303"), None);
        assert_eq!(normalise_date("121108").as_deref(), Some("2012-11-08"));
        assert_eq!(normalise_date("950103").as_deref(), Some("1995-01-03"));
        assert_eq!(normalise_date("yesterday"), None);
    }

    #[test]
    fn format_is_guessed_from_the_first_character() {
        assert!(read_gold("x", "  hello").is_err());
        let json = read_gold("x.json", "[]").map(|g| g.format).ok();
        assert_eq!(json, Some(GoldFormat::PloverJson));
    }

    /// The shared benchmark folder, or `None` (with a printed reason) when it is absent.
    fn shared(rel: &str) -> Option<String> {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../../shared")
            .join(rel);
        match std::fs::read_to_string(&path) {
            Ok(text) => Some(text),
            Err(e) => {
                eprintln!("skipping: {} not readable ({e})", path.display());
                None
            }
        }
    }

    #[test]
    fn shared_gold_sets_read_with_the_documented_counts() {
        let cases = [
            (
                "bench/events/petrarch2-gsr-validation/petr2_gsr_dev.xml",
                55,
                50,
            ),
            (
                "bench/events/petrarch2-unittest/petr_unittest_dev.xml",
                199,
                256,
            ),
            ("bench/events/plover-gsr-cameo/plover_gsr_dev.json", 225, 0),
        ];
        for (rel, records, triples) in cases {
            let Some(text) = shared(rel) else { return };
            let set = match read_gold(rel, &text) {
                Ok(s) => s,
                Err(e) => panic!("{e}"),
            };
            assert_eq!(set.records.len(), records, "{rel}: {:?}", set.problems);
            let n: usize = set
                .records
                .iter()
                .map(|r| match &r.expected {
                    GoldExpected::Triples(t) => t.len(),
                    _ => 0,
                })
                .sum();
            assert_eq!(n, triples, "{rel}");
        }
    }
}
