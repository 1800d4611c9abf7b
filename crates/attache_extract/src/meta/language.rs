//! The language of an article body, as an ISO 639-1 code.
//!
//! whatlang reads the body; the page's own declaration (`<html lang>`, `og:locale`,
//! `inLanguage`) breaks ties: it is used when detection is unreliable, and it is preferred
//! when it names a language whatlang cannot tell apart from the detected one (Bokmål from
//! Danish, Croatian from Serbian written in Latin script...).

/// Bytes of body text given to whatlang: a few paragraphs are as good as the whole text and
/// keep detection time flat on very long pages.
const DETECT_BYTES: usize = 4000;

/// Bytes of body text read first: when this opening already agrees with the page's
/// declaration, reading [`DETECT_BYTES`] would not change the answer, and whatlang's cost
/// grows with the text it reads.
const QUICK_DETECT_BYTES: usize = 1000;

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
