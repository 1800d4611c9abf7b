//! The language of an article body, as an ISO 639-1 code.
//!
//! whatlang reads the body; the page's own declaration (`<html lang>`, `og:locale`,
//! `inLanguage`) breaks ties: it is used when detection is unreliable, and it is preferred
//! when it names a language whatlang cannot tell apart from the detected one (Bokmål from
//! Danish, Croatian from Serbian written in Latin script...).
//!
//! Most pages declare their language truthfully, so a declaration is first checked the
//! cheap way: when the body's opening is made mostly of the declared language's function
//! words ([`stopwords`]) and clearly more of them than of any other covered language's, the
//! declaration stands without running whatlang. Anything else (no declaration, an uncovered
//! language, a failed check) is read by whatlang as before.

mod stopwords;

use std::sync::OnceLock;

/// Bytes of body text given to whatlang: a few paragraphs are as good as the whole text and
/// keep detection time flat on very long pages.
const DETECT_BYTES: usize = 4000;

/// Bytes of body text read first: when this opening already agrees with the page's
/// declaration, reading [`DETECT_BYTES`] would not change the answer, and whatlang's cost
/// grows with the text it reads.
const QUICK_DETECT_BYTES: usize = 1000;

/// Share of the opening's words that must be function words of the declared language for
/// the declaration to stand unchecked: running prose scores 0.35-0.5 on its own list, text
/// in another language rarely above 0.25 (Romance languages sharing `de`, `la`, `a`).
const MIN_FUNCTION_WORD_SHARE: f64 = 0.25;

/// The declared language's function-word count must be at least this many times that of
/// every covered language outside its close group ([`CLOSE_LANGUAGES`]): related languages
/// share many short words, and a text in the other language scores higher on its own list.
const MIN_RIVAL_RATIO: f64 = 1.5;

/// Fewer words than this in the opening and a function-word share is noise.
const MIN_CONFIRM_WORDS: usize = 30;

/// Longest function word in [`stopwords::FUNCTION_WORDS`], in bytes, with room to spare:
/// longer tokens are not looked up.
const MAX_FUNCTION_WORD_BYTES: usize = 12;

/// Fewer letters than this and detection is noise; only a declaration is used.
const MIN_LETTERS: usize = 40;

/// whatlang confidence above which an unreliable-flagged result still beats no declaration.
const MIN_CONFIDENCE_WITHOUT_DECLARATION: f64 = 0.5;

/// ISO 639-3 (whatlang) to ISO 639-1. Example rows: `("eng", "en")`, `("pes", "fa")`.
/// Languages without a two-letter code (none in whatlang's list today) give `None`.
const ISO_639_3_TO_1: &[(&str, &str)] = &[
    ("afr", "af"),
    ("aka", "ak"),
    ("amh", "am"),
    ("ara", "ar"),
    ("aze", "az"),
    ("bel", "be"),
    ("ben", "bn"),
    ("bul", "bg"),
    ("cat", "ca"),
    ("ces", "cs"),
    ("cmn", "zh"),
    ("dan", "da"),
    ("deu", "de"),
    ("ell", "el"),
    ("eng", "en"),
    ("epo", "eo"),
    ("est", "et"),
    ("fin", "fi"),
    ("fra", "fr"),
    ("guj", "gu"),
    ("heb", "he"),
    ("hin", "hi"),
    ("hrv", "hr"),
    ("hun", "hu"),
    ("hye", "hy"),
    ("ind", "id"),
    ("ita", "it"),
    ("jav", "jv"),
    ("jpn", "ja"),
    ("kan", "kn"),
    ("kat", "ka"),
    ("khm", "km"),
    ("kor", "ko"),
    ("lat", "la"),
    ("lav", "lv"),
    ("lit", "lt"),
    ("mal", "ml"),
    ("mar", "mr"),
    ("mkd", "mk"),
    ("mya", "my"),
    ("nep", "ne"),
    ("nld", "nl"),
    ("nob", "nb"),
    ("ori", "or"),
    ("pan", "pa"),
    ("pes", "fa"),
    ("pol", "pl"),
    ("por", "pt"),
    ("ron", "ro"),
    ("rus", "ru"),
    ("sin", "si"),
    ("slk", "sk"),
    ("slv", "sl"),
    ("sna", "sn"),
    ("spa", "es"),
    ("srp", "sr"),
    ("swe", "sv"),
    ("tam", "ta"),
    ("tel", "te"),
    ("tgl", "tl"),
    ("tha", "th"),
    ("tuk", "tk"),
    ("tur", "tr"),
    ("ukr", "uk"),
    ("urd", "ur"),
    ("uzb", "uz"),
    ("vie", "vi"),
    ("yid", "yi"),
    ("zul", "zu"),
];

/// Groups of languages whatlang confuses; a declaration inside the detected group wins.
const CLOSE_LANGUAGES: &[&[&str]] = &[
    &["nb", "no", "nn", "da", "sv"],
    &["hr", "sr", "bs"],
    &["id", "ms"],
    &["cs", "sk"],
    &["hi", "mr", "ne"],
    &["uk", "ru", "be"],
    &["es", "ca", "gl", "pt"],
];

/// The language of `text` (ISO 639-1); `declared` is the page's own claim (`en-US`,
/// `pt_BR`, `English` are all understood).
pub fn detect_language(text: &str, declared: Option<&str>) -> Option<String> {
    let declared = declared.and_then(normalise_declared);
    if let Some(decl) = &declared {
        if function_words_confirm(opening(text, QUICK_DETECT_BYTES), decl) {
            return declared;
        }
    }
    if text.len() > 2 * QUICK_DETECT_BYTES {
        if let Some(info) = whatlang::detect(opening(text, QUICK_DETECT_BYTES)) {
            let quick = iso_639_1(info.lang().code());
            match (quick, &declared) {
                (Some(d), Some(decl)) if d == decl || same_group(d, decl) => return declared,
                (Some(d), None) if info.is_reliable() => return Some(d.to_string()),
                _ => {}
            }
        }
    }
    let sample = opening(text, DETECT_BYTES);
    if sample.chars().filter(|c| c.is_alphabetic()).count() < MIN_LETTERS {
        return declared;
    }
    let Some(info) = whatlang::detect(sample) else {
        return declared;
    };
    let detected = iso_639_1(info.lang().code());
    match (detected, declared) {
        (Some(d), Some(decl)) if d == decl || same_group(d, &decl) => Some(decl),
        (Some(d), Some(decl)) => {
            if info.is_reliable() {
                Some(d.to_string())
            } else {
                Some(decl)
            }
        }
        (Some(d), None)
            if info.is_reliable() || info.confidence() >= MIN_CONFIDENCE_WITHOUT_DECLARATION =>
        {
            Some(d.to_string())
        }
        (_, decl) => decl,
    }
}

/// Every function word of [`stopwords::FUNCTION_WORDS`], sorted, with a bit per language
/// (bit `i` for the `i`-th list) that has it.
fn function_word_index() -> &'static [(&'static str, u32)] {
    static INDEX: OnceLock<Vec<(&'static str, u32)>> = OnceLock::new();
    INDEX.get_or_init(|| {
        let mut words: Vec<(&'static str, u32)> = stopwords::FUNCTION_WORDS
            .iter()
            .enumerate()
            .flat_map(|(i, (_, list))| list.iter().map(move |w| (*w, 1u32 << i)))
            .collect();
        words.sort_unstable();
        let mut merged: Vec<(&'static str, u32)> = Vec::with_capacity(words.len());
        for (word, bit) in words {
            match merged.last_mut() {
                Some((last, bits)) if *last == word => *bits |= bit,
                _ => merged.push((word, bit)),
            }
        }
        merged
    })
}

/// Whether `opening` reads as the declared language `decl` (ISO 639-1) by its function words:
/// enough words, a large enough share from `decl`'s list, and clearly more than from any
/// covered language outside `decl`'s close group.
fn function_words_confirm(opening: &str, decl: &str) -> bool {
    let langs = stopwords::FUNCTION_WORDS;
    let Some(own) = langs.iter().position(|(code, _)| *code == decl) else {
        return false;
    };
    let index = function_word_index();
    let mut hits = [0usize; 32];
    let mut words = 0usize;
    let mut lower = String::with_capacity(MAX_FUNCTION_WORD_BYTES * 2);
    for token in opening.split(|c: char| !c.is_alphabetic()) {
        if token.is_empty() {
            continue;
        }
        words += 1;
        if token.len() > MAX_FUNCTION_WORD_BYTES {
            continue;
        }
        lower.clear();
        lower.extend(token.chars().flat_map(char::to_lowercase));
        if let Ok(i) = index.binary_search_by(|(w, _)| (*w).cmp(lower.as_str())) {
            let mut bits = index[i].1;
            while bits != 0 {
                hits[bits.trailing_zeros() as usize] += 1;
                bits &= bits - 1;
            }
        }
    }
    if words < MIN_CONFIRM_WORDS || (hits[own] as f64) < MIN_FUNCTION_WORD_SHARE * words as f64 {
        return false;
    }
    langs.iter().enumerate().all(|(i, (code, _))| {
        i == own || same_group(code, decl) || hits[own] as f64 >= MIN_RIVAL_RATIO * hits[i] as f64
    })
}

/// The first `max` bytes of `text`, cut at a character boundary.
fn opening(text: &str, max: usize) -> &str {
    let mut cut = text.len().min(max);
    while !text.is_char_boundary(cut) {
        cut -= 1;
    }
    &text[..cut]
}

fn same_group(a: &str, b: &str) -> bool {
    CLOSE_LANGUAGES
        .iter()
        .any(|group| group.contains(&a) && group.contains(&b))
}

/// ISO 639-3 to 639-1.
pub fn iso_639_1(code3: &str) -> Option<&'static str> {
    ISO_639_3_TO_1
        .iter()
        .find(|(three, _)| *three == code3)
        .map(|(_, two)| *two)
}

/// English names of common languages as some pages declare them (`inLanguage: "English"`).
const NAMES: &[(&str, &str)] = &[
    ("english", "en"),
    ("french", "fr"),
    ("german", "de"),
    ("spanish", "es"),
    ("portuguese", "pt"),
    ("italian", "it"),
    ("dutch", "nl"),
    ("russian", "ru"),
    ("arabic", "ar"),
    ("urdu", "ur"),
    ("hindi", "hi"),
    ("chinese", "zh"),
    ("japanese", "ja"),
    ("turkish", "tr"),
    ("persian", "fa"),
    ("polish", "pl"),
    ("ukrainian", "uk"),
];

/// `en-US`, `en_GB`, `EN`, `eng`, `English` to `en`; `None` for anything unrecognised.
pub fn normalise_declared(declared: &str) -> Option<String> {
    let d = declared.trim().to_lowercase();
    let primary = d.split(['-', '_', ' ', ',', ';']).next().unwrap_or("");
    match primary.len() {
        2 if primary.chars().all(|c| c.is_ascii_lowercase()) => {
            // Legacy codes still seen in the wild.
            Some(
                match primary {
                    "iw" => "he",
                    "in" => "id",
                    "ji" => "yi",
                    other => other,
                }
                .to_string(),
            )
        }
        3 => iso_639_1(primary)
            .or(match primary {
                "fas" | "per" => Some("fa"),
                "zho" | "chi" => Some("zh"),
                "ger" => Some("de"),
                "fre" => Some("fr"),
                "nor" => Some("no"),
                "msa" | "may" | "zsm" => Some("ms"),
                _ => None,
            })
            .map(String::from),
        _ => NAMES
            .iter()
            .find(|(n, _)| *n == primary)
            .map(|(_, c)| c.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ENGLISH: &str = "The harbour board voted on Tuesday to extend ferry services into \
        the night, after residents of the outer islands complained for years that the last \
        boat left before most of them finished work.";
    const FRENCH: &str = "Le conseil portuaire a voté mardi la prolongation des liaisons en \
        ferry jusque tard dans la nuit, après des années de plaintes des habitants des îles.";

    #[test]
    fn detects_the_body_language() {
        assert_eq!(detect_language(ENGLISH, None).as_deref(), Some("en"));
        assert_eq!(detect_language(FRENCH, None).as_deref(), Some("fr"));
    }

    #[test]
    fn reliable_detection_beats_a_wrong_declaration() {
        assert_eq!(
            detect_language(FRENCH, Some("en-US")).as_deref(),
            Some("fr")
        );
    }

    #[test]
    fn long_texts_are_settled_by_their_opening() {
        let english = ENGLISH.repeat(20);
        let french = FRENCH.repeat(20);
        assert_eq!(detect_language(&english, Some("en")).as_deref(), Some("en"));
        assert_eq!(detect_language(&french, None).as_deref(), Some("fr"));
        // An opening that disagrees with the declaration gets the full reading.
        assert_eq!(detect_language(&french, Some("en")).as_deref(), Some("fr"));
    }

    #[test]
    fn declaration_is_used_for_short_text() {
        assert_eq!(
            detect_language("Ferries", Some("en_GB")).as_deref(),
            Some("en")
        );
        assert_eq!(detect_language("", None), None);
    }

    #[test]
    fn declaration_breaks_ties_between_close_languages() {
        let bokmal = "Havnestyret vedtok tirsdag å forlenge fergetilbudet utover kvelden, etter \
            at beboere på øyene i mange år har klaget over at den siste båten går for tidlig.";
        assert_eq!(
            detect_language(bokmal, Some("nb-NO")).as_deref(),
            Some("nb")
        );
    }

    /// Longer than [`MIN_CONFIRM_WORDS`] words, as the function-word check needs.
    const ENGLISH_LONG: &str = "The council said on Monday that it would close the old bridge \
        over the river for two months from the start of next year, after engineers found that \
        the steel under the road had rusted far more than they had expected. Buses will run \
        every ten minutes between the two banks while the work is done, and the ferry that \
        stopped in the spring is to return for the whole period.";
    const SPANISH_LONG: &str = "El ayuntamiento anunció el lunes que cerrará el viejo puente \
        sobre el río durante dos meses a partir del próximo año, después de que los ingenieros \
        descubrieran que el acero bajo la calzada estaba mucho más oxidado de lo que habían \
        previsto. Los autobuses pasarán cada diez minutos entre las dos orillas mientras duren \
        las obras, y el ferry que dejó de funcionar en la primavera volverá durante todo el \
        periodo.";

    #[test]
    fn a_declaration_its_function_words_confirm_stands_without_detection() {
        assert!(function_words_confirm(ENGLISH_LONG, "en"));
        assert!(function_words_confirm(SPANISH_LONG, "es"));
        assert_eq!(
            detect_language(ENGLISH_LONG, Some("en-GB")).as_deref(),
            Some("en")
        );
        assert_eq!(
            detect_language(SPANISH_LONG, Some("es_ES")).as_deref(),
            Some("es")
        );
    }

    #[test]
    fn a_wrong_declaration_is_not_confirmed_and_whatlang_decides() {
        assert!(!function_words_confirm(SPANISH_LONG, "en"));
        assert!(!function_words_confirm(ENGLISH_LONG, "es"));
        // Spanish shares `de`, `la`, `a`, `que` with French and Italian, yet is not taken for them.
        assert!(!function_words_confirm(SPANISH_LONG, "fr"));
        assert!(!function_words_confirm(SPANISH_LONG, "it"));
        assert_eq!(
            detect_language(SPANISH_LONG, Some("en")).as_deref(),
            Some("es")
        );
        assert_eq!(
            detect_language(ENGLISH_LONG, Some("de")).as_deref(),
            Some("en")
        );
    }

    #[test]
    fn uncovered_or_short_declarations_go_to_whatlang() {
        assert!(!function_words_confirm(ENGLISH_LONG, "ru"));
        assert!(
            !function_words_confirm("The ferry now runs into the night.", "en"),
            "too few words to judge"
        );
        assert_eq!(detect_language(ENGLISH_LONG, None).as_deref(), Some("en"));
        assert_eq!(detect_language(SPANISH_LONG, None).as_deref(), Some("es"));
    }

    #[test]
    fn function_word_lists_are_lower_case_unique_and_short() {
        assert!(
            stopwords::FUNCTION_WORDS.len() <= 32,
            "one bit per language"
        );
        for (code, words) in stopwords::FUNCTION_WORDS {
            for (i, w) in words.iter().enumerate() {
                assert_eq!(w.to_lowercase(), *w, "{code}: {w}");
                assert!(w.len() <= MAX_FUNCTION_WORD_BYTES, "{code}: {w}");
                assert!(w.chars().all(char::is_alphabetic), "{code}: {w}");
                assert!(!words[..i].contains(w), "{code}: {w} twice");
            }
        }
    }

    #[test]
    fn declared_forms_are_normalised() {
        assert_eq!(normalise_declared("pt-BR").as_deref(), Some("pt"));
        assert_eq!(normalise_declared("ENG").as_deref(), Some("en"));
        assert_eq!(normalise_declared("English").as_deref(), Some("en"));
        assert_eq!(normalise_declared("iw").as_deref(), Some("he"));
        assert_eq!(normalise_declared("x-klingon"), None);
        assert_eq!(normalise_declared(""), None);
    }
}
