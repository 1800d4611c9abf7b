//! Bylines: "By Jane Doe and John Roe, Staff Reporters | Oct 30, 2025" to `["Jane Doe",
//! "John Roe"]`.
//!
//! A byline is cut into pieces at separators (commas, pipes, bullets, "and"); each piece is
//! a person's name, a generic credit ("Staff Reporter", "Web Desk", "Reuters") or noise (job
//! titles, credentials, dates, "5 min read"). Names are kept in order without duplicates;
//! generic credits only when no name was found, since then they are the only credit there is.

use super::dateline::title_case_caps;

/// Words that open a byline and are not part of the name (lower case).
const PREFIXES: &[&str] = &[
    "written by",
    "posted by",
    "words by",
    "story by",
    "reported by",
    "report by",
    "text by",
    "opinion by",
    "analysis by",
    "commentary by",
    "review by",
    "compiled by",
    "edited by",
    "published by",
    "article by",
    "author:",
    "authors:",
    "author",
    "byline:",
    "by:",
    "by",
    "from",
    "von",
    "par",
    "por",
    "door",
];

/// Words that make a piece a job title or a desk rather than a name (lower case).
const ROLE_WORDS: &[&str] = &[
    "reporter",
    "reporters",
    "correspondent",
    "correspondents",
    "editor",
    "editors",
    "writer",
    "writers",
    "contributor",
    "contributors",
    "columnist",
    "staff",
    "journalist",
    "producer",
    "analyst",
    "senior",
    "chief",
    "bureau",
    "desk",
    "agency",
    "agencies",
    "service",
    "wire",
    "contributing",
    "special",
    "freelance",
    "intern",
    "photographer",
    "expert",
    "team",
    "newsroom",
    "reporting",
    "editorial",
    "board",
    "admin",
    "administrator",
    "guest",
    "anonymous",
    "updated",
    "published",
    "posted",
    "read",
    "min",
    "minutes",
    "follow",
    "share",
    "email",
    "twitter",
    "view",
    "profile",
    "all",
    "posts",
    "articles",
    "more",
    "professor",
    "director",
    "founder",
    "ceo",
    "manager",
    "head",
    "president",
    "officer",
    "specialist",
    "consultant",
    "coordinator",
    "associate",
    "assistant",
    "lead",
    "strategist",
    "researcher",
    // outlets: "The Harbour Times" credits a paper, not a person
    "news",
    "times",
    "post",
    "daily",
    "media",
    "press",
    "magazine",
    "journal",
    "tribune",
    "herald",
    "gazette",
    "network",
    "channel",
    "radio",
    "tv",
    "online",
    "digital",
    "group",
    "inc",
    "ltd",
    "llc",
    "company",
    "the",
];

/// Labels that introduce a byline and are never a name on their own (lower case).
const LABEL_WORDS: &[&str] = &[
    "by", "written", "posted", "author", "authors", "byline", "words", "user", "unknown",
];

/// Words that, alone or with role words, form a generic credit worth keeping when a page
/// names no person (lower case).
const GENERIC_CREDITS: &[&str] = &[
    "staff reporter",
    "staff correspondent",
    "our correspondent",
    "our staff reporter",
    "staff writer",
    "news desk",
    "web desk",
    "online desk",
    "monitoring desk",
    "sports desk",
    "editorial board",
    "news agencies",
    "agencies",
    "reuters",
    "ap",
    "afp",
    "associated press",
    "agence france-presse",
    "app",
    "dpa",
    "efe",
    "ians",
    "pti",
    "anadolu agency",
    "xinhua",
    "bloomberg",
    "news service",
    "staff",
    "editorial team",
    "newsroom",
];

/// Name particles written in lower case inside names ("Ludwig van Beethoven").
const PARTICLES: &[&str] = &[
    "de", "da", "das", "do", "dos", "del", "della", "der", "den", "van", "von", "la", "le", "du",
    "di", "bin", "binti", "ibn", "al", "el", "y", "ter", "ten", "zu",
];

/// Most words a name can have (with particles): "Maria del Carmen de la Vega" has six.
const MAX_NAME_WORDS: usize = 6;

/// Longest byline text worth reading: author boxes with a biography are longer, and their
/// first sentence is not a byline.
const MAX_BYLINE_CHARS: usize = 160;

/// Split a byline into author names; see the module documentation.
pub fn split_byline(raw: &str) -> Vec<String> {
    let raw = raw.trim();
    if raw.is_empty() || raw.chars().count() > MAX_BYLINE_CHARS || raw.contains("http") {
        return Vec::new();
    }
    let mut names: Vec<String> = Vec::new();
    let mut credits: Vec<String> = Vec::new();
    for piece in strong_pieces(raw) {
        let piece = strip_prefix(&piece);
        let piece = cut_trailing_date(piece);
        if piece.is_empty() {
            continue;
        }
        if let Some(credit) = generic_credit(piece) {
            push_unique(&mut credits, credit);
            continue;
        }
        let subs = split_conjunctions(piece);
        if subs.iter().all(|s| is_name(s)) {
            for s in subs {
                push_unique(&mut names, normalise_name(s));
            }
        } else if is_name(piece) {
            push_unique(&mut names, normalise_name(piece));
        }
    }
    if names.is_empty() {
        credits
    } else {
        names
    }
}

/// One author name as given by structured data (JSON-LD, meta tags): stripped of "By" and
/// of job titles after a comma; `None` when what is left is not a name or a credit.
pub fn clean_author(raw: &str) -> Option<String> {
    split_byline(raw).into_iter().next().or_else(|| {
        // Organisations as authors ("Center for Disease Research") are kept whole when
        // structured data gives them: they are real credits, just not person names.
        let s = strip_prefix(raw.trim());
        let words = s.split_whitespace().count();
        let only_roles = s.split_whitespace().all(|w| {
            let w = w.to_lowercase();
            ROLE_WORDS.contains(&w.as_str()) || LABEL_WORDS.contains(&w.as_str())
        });
        let plausible = (1..=8).contains(&words)
            && !only_roles
            && !s.contains(['@', '/', '|'])
            && !s.chars().any(|c| c.is_ascii_digit())
            && s.chars().next().is_some_and(char::is_uppercase);
        plausible.then(|| s.to_string())
    })
}

fn push_unique(list: &mut Vec<String>, item: String) {
    if !list.iter().any(|x| x.eq_ignore_ascii_case(&item)) {
        list.push(item);
    }
}

/// Pieces between strong separators: commas, semicolons, pipes, bullets, slashes, line
/// breaks and spaced dashes.
fn strong_pieces(raw: &str) -> Vec<String> {
    let mut s = raw.to_string();
    for sep in [" - ", " – ", " — ", " / "] {
        s = s.replace(sep, "|");
    }
    s.split([',', ';', '|', '•', '·', '\n', '\u{2022}'])
        .map(|p| p.trim().to_string())
        .filter(|p| !p.is_empty())
        .collect()
}

fn strip_prefix(piece: &str) -> &str {
    let mut s = piece
        .trim()
        .trim_start_matches(['-', '—', '–', ':', '·'])
        .trim();
    loop {
        let lower = s.to_lowercase();
        let found = PREFIXES.iter().find(|p| {
            lower.starts_with(**p)
                && (p.ends_with(':')
                    || lower
                        .get(p.len()..)
                        .is_some_and(|r| r.starts_with([' ', ':', '\u{a0}']))
                    || lower.len() == p.len())
        });
        match found {
            Some(p) if s.len() > p.len() => {
                s = s
                    .get(p.len()..)
                    .unwrap_or("")
                    .trim_start_matches([':', ' ', '\u{a0}'])
                    .trim();
            }
            _ => return s,
        }
    }
}

/// Cut "on October 30, 2025", "Published ...", "Updated ..." and anything after a digit.
fn cut_trailing_date(piece: &str) -> &str {
    let mut end = piece.len();
    if let Some(pos) = piece.find(|c: char| c.is_ascii_digit()) {
        end = end.min(pos);
    }
    let lower = piece.to_lowercase();
    for marker in [" on ", " published", " updated", " posted", " last "] {
        if let Some(pos) = lower.find(marker) {
            end = end.min(pos);
        }
    }
    let cut = piece.get(..end).unwrap_or(piece).trim();
    // A month name left dangling before the digits ("Jane Doe Oct").
    let cut = match cut.rsplit_once(' ') {
        Some((head, last))
            if super::zones::month_number(&last.to_lowercase().replace('.', "")).is_some() =>
        {
            head
        }
        _ => cut,
    };
    cut.trim()
        .trim_end_matches([',', '.', ':', '-', '|'])
        .trim()
}

fn generic_credit(piece: &str) -> Option<String> {
    let lower = piece.to_lowercase();
    let lower = lower
        .trim_start_matches("our ")
        .trim_start_matches("the newspaper's ")
        .trim_start_matches("a ")
        .trim_start_matches("the ")
        .trim();
    GENERIC_CREDITS.contains(&lower).then(|| {
        // Keep well-known acronyms as they are written.
        if lower.len() <= 4 && !lower.contains(' ') {
            lower.to_uppercase()
        } else {
            title_case_caps(
                &piece
                    .trim_start_matches("Our ")
                    .trim_start_matches("our ")
                    .to_uppercase(),
            )
        }
    })
}

/// Split "Jane Doe and John Roe" / "Maria & Katerina" / "A with B".
fn split_conjunctions(piece: &str) -> Vec<&str> {
    let mut parts = vec![piece];
    for conj in [
        " and ", " & ", " with ", " und ", " et ", " y ", " e ", " AND ",
    ] {
        parts = parts
            .into_iter()
            .flat_map(|p| p.split(conj))
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .collect();
    }
    parts
}

/// Whether a piece reads as a person's name: one to [`MAX_NAME_WORDS`] words, each
/// capitalised (or a particle, or an initial), no role words, no digits or symbols, and not a
/// lone all-caps credential such as "MD".
fn is_name(piece: &str) -> bool {
    let words: Vec<&str> = piece.split_whitespace().collect();
    if words.is_empty() || words.len() > MAX_NAME_WORDS {
        return false;
    }
    if piece.contains([
        '@', '#', '(', ')', '[', ']', '?', '!', '"', '“', '”', ':', '=', '+',
    ]) {
        return false;
    }
    // A byline label left alone ("By"), or a month from a date ("Dec. 19").
    let first_bare = words[0]
        .trim_matches(|c: char| !c.is_alphabetic())
        .to_lowercase();
    if words.len() == 1
        && (LABEL_WORDS.contains(&first_bare.as_str())
            || super::zones::month_number(&first_bare).is_some())
    {
        return false;
    }
    if words.len() == 1 {
        let w = words[0];
        let letters = w.chars().filter(|c| c.is_alphabetic()).count();
        let all_caps = w
            .chars()
            .filter(|c| c.is_alphabetic())
            .all(char::is_uppercase);
        if letters < 2 || (all_caps && letters <= 6) {
            return false;
        }
    }
    words.iter().enumerate().all(|(i, w)| {
        let lower = w.to_lowercase();
        let bare = lower.trim_matches(|c: char| !c.is_alphabetic());
        if ROLE_WORDS.contains(&bare) {
            return false;
        }
        if i > 0 && PARTICLES.contains(&bare) {
            return true;
        }
        let first = w.chars().next();
        let capitalised =
            first.is_some_and(|c| c.is_uppercase() || (c.is_alphabetic() && !c.is_lowercase()));
        capitalised
            && w.chars()
                .all(|c| c.is_alphabetic() || matches!(c, '.' | '-' | '\'' | '’'))
    })
}

/// Title-case an all-caps name; leave mixed case ("McAllister", "DeVries") alone.
fn normalise_name(piece: &str) -> String {
    let piece = piece.trim_end_matches(['.', ',']).trim();
    // "Cara Dumaplin RN": a trailing credential in capitals is not part of the name
    // (roman numerals are).
    let piece = match piece.rsplit_once(' ') {
        Some((head, last))
            if head.contains(|c: char| c.is_lowercase())
                && (2..=5).contains(&last.len())
                && last.chars().all(|c| c.is_ascii_uppercase())
                && !last.chars().all(|c| matches!(c, 'I' | 'V' | 'X')) =>
        {
            head.trim()
        }
        _ => piece,
    };
    let letters: Vec<char> = piece.chars().filter(|c| c.is_alphabetic()).collect();
    let all_caps = letters.len() > 1 && letters.iter().all(|c| c.is_uppercase());
    let collapsed = piece.split_whitespace().collect::<Vec<_>>().join(" ");
    if all_caps {
        title_case_caps(&collapsed)
    } else {
        collapsed
    }
}

#[cfg(test)]
mod tests;
