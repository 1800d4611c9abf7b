//! Line-level page furniture: lines that belong to the page, not to the article.
//!
//! [`is_furniture_line`] judges one line or paragraph on its own: in-article cross-links
//! ("Read more: ...", "Also read", "Related:"), comment footers, share and follow prompts,
//! newsletter and cookie notices, copyright lines, image credits, advertisement markers,
//! print-edition footers ("Published in ..., October 31st, 2025"). It is used on plain-text
//! articles and on the blocks of HTML pages alike.
//!
//! The rules are written for precision: a real sentence that happens to start with "Read"
//! or mention cookies must survive, so every rule pairs a cue with a shape (a separator after
//! the cue, a short line, the whole line matching). The phrase lists live in
//! [`patterns`], separate from the logic.

mod compiled;
mod patterns;

use compiled::COMPILED;

/// Longest line (in words) that a cross-link prefix like "Read more:" may open: a headline
/// after the cue is rarely longer. Beyond this the line is a paragraph that starts oddly.
const MAX_CROSS_LINK_WORDS: usize = 30;

/// Longest caption or credit line ("Photo: ..."), in words.
const MAX_CAPTION_WORDS: usize = 40;

/// Longest prompt line ("Follow us on ...", "Subscribe to ..."), in words.
const MAX_PROMPT_WORDS: usize = 25;

/// Longest line that a furniture phrase anywhere in it condemns ("... All rights reserved."),
/// in words. Longer lines are prose quoting the phrase.
const MAX_SHORT_LINE_WORDS: usize = 30;

/// Whether a line (or one-line paragraph) is page furniture rather than article text.
pub fn is_furniture_line(line: &str) -> bool {
    let trimmed = line
        .trim()
        .trim_matches(|c: char| c == '\u{feff}' || c == '\u{200b}');
    if trimmed.is_empty() {
        return false;
    }
    let line = Normalised::new(trimmed);
    let (lower, words, bare) = (line.lower.as_str(), line.words, line.bare());
    let lists = &*COMPILED;

    if line.is_label_or_prompt() || is_count_line(bare) || is_gallery_counter(bare) {
        return true;
    }
    if words <= MAX_SHORT_LINE_WORDS && lists.has_short_line_phrase(lower) {
        return true;
    }
    if words <= MAX_SHORT_LINE_WORDS && is_copyright(lower) {
        return true;
    }
    if words <= MAX_SHORT_LINE_WORDS * 2
        && lists
            .footer
            .candidates(lower)
            .iter()
            .any(|p| lower.starts_with(p))
    {
        return true;
    }
    if words <= MAX_CROSS_LINK_WORDS
        && starts_with_cue(lower, trimmed, lists.cross_link.candidates(lower))
    {
        return true;
    }
    if words <= MAX_CAPTION_WORDS
        && starts_with_cue(lower, trimmed, lists.caption.candidates(lower))
    {
        return true;
    }
    if words <= MAX_CAPTION_WORDS && is_bracketed_credit(lower) {
        return true;
    }
    if is_print_edition_footer(lower, words) {
        return true;
    }
    if words <= MAX_CONTRIBUTOR_WORDS && is_contributor_credit(bare) {
        return true;
    }
    false
}

/// Whether a heading is a widget label or a call to action: a whole line of the exact
/// furniture list ("Related articles", "Share this", "Follow us") or a line opening with
/// a prompt ("Subscribe to ...", "Sign up for ...", "Join our ..."). Narrower than
/// [`is_furniture_line`]: the title chooser asks it about `<h1>`s, where cross-link and
/// caption cues written in capitals ("MORE PICTURES OF THE FLOOD") open real headlines.
pub fn is_label_or_prompt(line: &str) -> bool {
    Normalised::new(line.trim()).is_label_or_prompt()
}

/// A trimmed line as the furniture lists read it: normalised (see [`normalise`]) and
/// counted in words.
struct Normalised {
    lower: String,
    words: usize,
}

impl Normalised {
    fn new(trimmed: &str) -> Self {
        let lower = normalise(trimmed);
        let words = lower.split_whitespace().count();
        Normalised { lower, words }
    }

    /// The line without its closing punctuation ("Related articles:", "More »").
    fn bare(&self) -> &str {
        self.lower
            .trim_end_matches(['.', '!', ':', '»', '›', '>', '…'])
            .trim()
    }

    /// A whole line of the exact furniture list, or a short line opening with a prompt.
    fn is_label_or_prompt(&self) -> bool {
        let lists = &*COMPILED;
        lists.exact.contains(self.bare())
            || (self.words <= MAX_PROMPT_WORDS
                && lists
                    .prompt
                    .candidates(&self.lower)
                    .iter()
                    .any(|p| starts_with_word(&self.lower, p)))
    }
}

/// Longest contributor credit, in words ("Associated Press writers A, B, C and D contributed
/// to this report from Washington." names a handful of people and a place).
const MAX_CONTRIBUTOR_WORDS: usize = 40;

/// "Jane Doe contributed to this report", "Keith Lam contributed reporting from Hong
/// Kong": a credit for the newsroom, not article text. The credit ending must close the
/// line, or be followed only by a place ("from ...").
fn is_contributor_credit(bare: &str) -> bool {
    // Every ending names "contributed": one scan settles most lines.
    if !bare.contains("contributed") {
        return false;
    }
    patterns::CONTRIBUTOR_ENDINGS.iter().any(|ending| {
        bare.find(ending).is_some_and(|pos| {
            let rest = bare[pos + ending.len()..].trim();
            pos > 0 && (rest.is_empty() || (rest.starts_with("from ") && !rest.contains(". ")))
        })
    })
}

/// "Image 1 of 5", "Photo 3/12", "2 of 9": a gallery's position counter.
fn is_gallery_counter(bare: &str) -> bool {
    let mut words = bare.split_whitespace().peekable();
    if words
        .peek()
        .is_some_and(|w| patterns::GALLERY_ITEMS.contains(w))
    {
        words.next();
    }
    let is_num = |w: &str| !w.is_empty() && w.len() <= 4 && w.bytes().all(|b| b.is_ascii_digit());
    // A counter has one or three words after the item name: a fourth rules it out.
    match (words.next(), words.next(), words.next(), words.next()) {
        (Some(a), Some("of" | "/"), Some(b), None) => is_num(a) && is_num(b),
        (Some(ab), None, None, None) => ab
            .split_once('/')
            .is_some_and(|(a, b)| is_num(a) && is_num(b) && bare.contains(' ')),
        _ => false,
    }
}

/// Lower case, typographic quotes made plain, whitespace runs made one space, ends
/// trimmed; in one pass, with a shortcut for ASCII characters.
fn normalise(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut pending_space = false;
    for c in s.chars() {
        let c = match c {
            '’' | '‘' | '`' => '\'',
            '“' | '”' => '"',
            c => c,
        };
        if c.is_whitespace() {
            pending_space = !out.is_empty();
            continue;
        }
        if pending_space {
            out.push(' ');
            pending_space = false;
        }
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
        } else {
            out.extend(c.to_lowercase());
        }
    }
    out
}

/// `cue` followed by a separator (":", "|", a dash, "»", ">") or written in capitals
/// ("READ MORE Talks resume"), or the cue alone.
fn starts_with_cue(lower: &str, original: &str, cues: &[&str]) -> bool {
    cues.iter().any(|cue| {
        let Some(rest) = lower.strip_prefix(cue) else {
            return false;
        };
        let rest_trim = rest.trim_start();
        if rest_trim.is_empty() {
            return true;
        }
        // "Read more: ...", "Photo| ..." directly; dashes and arrows only after a space, so
        // "Photo-based evidence" stays prose.
        if rest.starts_with([':', '|']) {
            return true;
        }
        if rest.starts_with(' ') && rest_trim.starts_with([':', '|', '-', '–', '—', '»', '>', '›'])
        {
            return true;
        }
        // "Photo by Lena Park", "Courtesy of the museum".
        if (cue.ends_with(" by") || cue.ends_with(" of")) && rest.starts_with(' ') {
            return true;
        }
        // "READ MORE Talks resume": the cue in capitals marks it as a label.
        let cue_original: String = original.chars().take(cue.chars().count()).collect();
        let in_caps = cue_original.chars().any(char::is_alphabetic)
            && cue_original
                .chars()
                .filter(|c| c.is_alphabetic())
                .all(char::is_uppercase);
        // Only phrases ("READ MORE", "ALSO READ") and "READ": a lone capitalised "MORE" or
        // "LATEST" opens slogans and headings too.
        let phrase = cue.contains(' ') || *cue == "read";
        in_caps && phrase && rest.starts_with(' ')
    })
}

fn starts_with_word(lower: &str, prefix: &str) -> bool {
    lower
        .strip_prefix(prefix)
        .is_some_and(|rest| rest.is_empty() || rest.starts_with([' ', ':', ',', '.', '!']))
}

/// "12 Comments", "3 replies", "1 response": comment counters.
fn is_count_line(bare: &str) -> bool {
    let Some((number, word)) = bare.split_once(' ') else {
        return false;
    };
    number.chars().all(|c| c.is_ascii_digit())
        && matches!(
            word,
            "comment"
                | "comments"
                | "reply"
                | "replies"
                | "response"
                | "responses"
                | "shares"
                | "likes"
        )
}

/// "© 2025 Coast Courier", "Copyright 2025 ...", "(c) 2025 ...", "... All rights reserved".
fn is_copyright(lower: &str) -> bool {
    lower.contains('©')
        || lower.starts_with("copyright")
        || lower.starts_with("(c) ")
        || lower.contains("all rights reserved")
        || lower.contains("tous droits réservés")
        || lower.contains("alle rechte vorbehalten")
}

/// "(Image credit: ...)", "[Photo: ...]", "(Photo by ...)" as a whole line.
fn is_bracketed_credit(lower: &str) -> bool {
    let inner = lower
        .strip_prefix(['(', '['])
        .and_then(|s| s.strip_suffix([')', ']']));
    let Some(inner) = inner else {
        return false;
    };
    let inner = inner.trim();
    COMPILED
        .caption
        .candidates(inner)
        .iter()
        .any(|p| inner.starts_with(p))
        || inner.ends_with("getty images")
        || matches!(
            inner,
            "reuters" | "ap" | "afp" | "file" | "file photo" | "representational image"
        )
}

/// "Published in Dawn, October 31st, 2025": the print-edition line some outlets end with.
fn is_print_edition_footer(lower: &str, words: usize) -> bool {
    let rest = [
        "published in ",
        "this article first appeared in ",
        "a version of this article appeared in ",
    ]
    .iter()
    .find_map(|p| lower.strip_prefix(p));
    // "Published in <outlet>, <date>": an outlet name first, then a date with digits.
    rest.is_some_and(|r| {
        !r.starts_with(|c: char| c.is_ascii_digit())
            && r.contains(',')
            && words <= 16
            && r.chars().any(|c| c.is_ascii_digit())
    })
}

#[cfg(test)]
mod tests {
    use super::is_furniture_line as f;

    #[test]
    fn every_contributor_ending_names_contributed_as_the_quick_check_assumes() {
        for ending in super::patterns::CONTRIBUTOR_ENDINGS {
            assert!(ending.contains("contributed"), "{ending}");
        }
    }

    #[test]
    fn cross_links_are_furniture() {
        assert!(f(
            "Read more: Ferry operator says night routes will pay for themselves"
        ));
        assert!(f("Also read: Harbour board meets on Tuesday"));
        assert!(f("READ MORE Harbour board meets on Tuesday"));
        assert!(f("Related: Islanders petition for late boats"));
        assert!(f("See also — Ferry timetable 2025"));
        assert!(f("Read More"));
        assert!(f("Recommended Stories"));
        assert!(f("You may also like"));
    }

    #[test]
    fn prose_starting_with_a_cue_word_is_kept() {
        assert!(!f(
            "Read more books, the minister told pupils in Porthaven on Monday."
        ));
        assert!(!f(
            "Related projects in the valley have stalled since the flood, officials said."
        ));
        assert!(!f("Also, the board read the petition aloud."));
        assert!(!f(
            "Photographers gathered at the quay before dawn to see the first night ferry."
        ));
    }

    #[test]
    fn contributor_credits_and_gallery_counters_are_furniture() {
        assert!(f("Mira Holt contributed to this report."));
        assert!(f(
            "Coast Courier writers Lena Park and Ada Quill contributed to this story."
        ));
        assert!(f("Tomas Berg contributed reporting from Porthaven."));
        assert!(f("Image 1 of 5"));
        assert!(f("Photo 3/12"));
        assert!(f("2 of 9"));
        // Prose that mentions contributing, and counts that are sentences, stay.
        assert!(!f(
            "No single ferry route contributed to this report's findings more than the night boat."
        ));
        assert!(!f("Contributed reporting is welcome, the editor said."));
        assert!(!f("3 of 4 islanders"));
        assert!(!f("2025/26"));
    }

    #[test]
    fn comment_footers_are_furniture() {
        assert!(f(
            "Comments are closed, but trackbacks and pingbacks are open."
        ));
        assert!(f("Comments are closed."));
        assert!(f("Leave a Reply"));
        assert!(f("Leave a comment"));
        assert!(f("12 Comments"));
        assert!(f("Join the conversation"));
    }

    #[test]
    fn share_follow_and_subscribe_prompts_are_furniture() {
        assert!(f("Share this article"));
        assert!(f("Share on Facebook"));
        assert!(f("Follow us on X and Instagram for the latest updates"));
        assert!(f("Click here to subscribe"));
        assert!(f("Sign up for our daily newsletter"));
        assert!(f(
            "Subscribe to our newsletter to get the latest news in your inbox."
        ));
        assert!(f("Download the Coast Courier app"));
    }

    #[test]
    fn newsletter_and_cookie_notices_are_furniture() {
        assert!(f("We use cookies to improve your experience on our site."));
        assert!(f(
            "This website uses cookies. By continuing to browse you agree to our use of cookies."
        ));
        assert!(f("Accept all cookies"));
        assert!(!f("The bakery sold 4,000 cookies at the harbour festival, organisers said, more than twice last year's total and enough to fund the new lifeboat shed."));
    }

    #[test]
    fn copyright_lines_are_furniture() {
        assert!(f("© 2025 Coast Courier. All rights reserved."));
        assert!(f("Copyright 2025 Valley Ledger"));
        assert!(f("All rights reserved"));
        assert!(!f("The author, who holds the copyright to the photographs, declined to license them for the exhibition, citing a dispute over payment that began in 2023 and was never settled."));
    }

    #[test]
    fn image_credits_are_furniture() {
        assert!(f("Photo: Reuters"));
        assert!(f("(Image credit: Coast Courier / Mira Holt)"));
        assert!(f("Photograph: Tom Ek/Getty Images"));
        assert!(f("[Photo by Lena Park]"));
        assert!(f("(Reuters)"));
        assert!(f("Image: Supplied"));
        assert!(f("File photo"));
    }

    #[test]
    fn advertisement_markers_and_print_footers_are_furniture() {
        assert!(f("Advertisement"));
        assert!(f("ADVERTISEMENT"));
        assert!(f("Story continues below advertisement"));
        assert!(f("Published in Coast Courier, October 31st, 2025"));
    }

    #[test]
    fn ordinary_paragraphs_are_kept() {
        assert!(!f(
            "PORTHAVEN: The harbour board voted 5-2 on Tuesday to extend ferry services."
        ));
        assert!(!f("\"We waited ten years,\" said one islander."));
        assert!(!f("Share prices rose 3% after the announcement."));
        assert!(!f("Follow-up inspections are planned for May."));
        assert!(!f("MORE ROUTES, MORE BOATS"));
        assert!(!f("Video: 4K at 30 frames per second"));
        assert!(!f(
            "Share this timeline with the ferry crews before the season starts."
        ));
        assert!(!f("Published in 1998, the report warned of exactly this."));
        assert!(!f(""));
        assert!(!f("Comments from residents were mostly positive."));
    }
}

/// How often the rules fire on text the WCXB references keep (false positives) and on the
/// boilerplate snippets they list as unwanted. Reads `../shared` at run time; run with
/// `cargo test --release -p attache_extract --lib furniture_on_wcxb -- --ignored --nocapture`.
#[cfg(test)]
mod wcxb_check {
    use super::is_furniture_line;

    #[test]
    #[ignore = "reads the WCXB references from ../shared; run explicitly"]
    fn furniture_on_wcxb() {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../../shared/bench/extraction/wcxb-articles/ground-truth.json"
        );
        let Ok(text) = std::fs::read_to_string(path) else {
            eprintln!("skipping: {path} is absent");
            return;
        };
        let gt: serde_json::Value = serde_json::from_str(&text).unwrap_or_default();
        let Some(pages) = gt.as_object() else { return };
        let (mut lines, mut flagged, mut unwanted, mut caught) = (0, 0, 0, 0);
        let show = std::env::var("FURNITURE_SHOW").is_ok();
        for page in pages.values() {
            let body = page
                .get("main_content")
                .and_then(|v| v.as_str())
                .unwrap_or("");
            for line in body.lines().filter(|l| !l.trim().is_empty()) {
                lines += 1;
                if is_furniture_line(line) {
                    flagged += 1;
                    if show {
                        eprintln!("KEPT-BY-REFERENCE {line:?}");
                    }
                }
            }
            let without = page.get("without").and_then(|v| v.as_array());
            for s in without.into_iter().flatten().filter_map(|v| v.as_str()) {
                unwanted += 1;
                if is_furniture_line(s) {
                    caught += 1;
                }
            }
        }
        eprintln!(
            "reference lines flagged: {flagged}/{lines}; unwanted snippets flagged: {caught}/{unwanted}"
        );
    }
}
