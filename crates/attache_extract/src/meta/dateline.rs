//! Datelines: the place that opens a news report ("ISLAMABAD: ...", "WASHINGTON (Reuters) -
//! ...", "KABUL, Oct 30 (AP) — ...").
//!
//! A dateline is recognised by its shape, not by a gazetteer: a short run of capitalised words
//! at the very start, closed by a colon, a spaced dash, or a comma followed shortly by a dash
//! or an agency in parentheses. Places must be written in capitals, except before a
//! parenthesised wire agency ("Washington (Reuters) -"), because a capitalised word and a
//! colon is far more often a label ("Note:", "Update:") than a place.

/// All-caps lead-ins that have a dateline's shape but are labels, not places (upper case).
const NOT_PLACES: &[&str] = &[
    "UPDATE",
    "UPDATED",
    "NOTE",
    "EDITOR'S NOTE",
    "EDITOR’S NOTE",
    "EDITORS NOTE",
    "BREAKING",
    "BREAKING NEWS",
    "EXCLUSIVE",
    "WATCH",
    "LIVE",
    "LIVE UPDATES",
    "ANALYSIS",
    "OPINION",
    "COMMENT",
    "CORRECTION",
    "CLARIFICATION",
    "WARNING",
    "ALERT",
    "FILE",
    "PHOTO",
    "PHOTOS",
    "VIDEO",
    "READ MORE",
    "READ ALSO",
    "ALSO READ",
    "ADVERTISEMENT",
    "SPOILER",
    "SPOILERS",
    "Q",
    "A",
    "FACT CHECK",
    "BACKGROUND",
    "CONTEXT",
    "WHY IT MATTERS",
    "THE BIG PICTURE",
    "WHAT'S NEXT",
    "DRIVING THE NEWS",
    "ZOOM IN",
    "ZOOM OUT",
    "BOTTOM LINE",
    "THE LATEST",
    "FIRST ON CNN",
    "TL;DR",
    "FAQ",
    "NEW",
    "SEE ALSO",
    "RELATED",
    "MORE",
    "EDITORIAL",
    "SPONSORED",
    "LISTEN",
    "CAPTION",
    "SOURCE",
    "SOURCES",
    "TIMELINE",
    "EXPLAINER",
    "FEATURE",
    "REVIEW",
    "INTERVIEW",
    "DISCLAIMER",
    "DISCLOSURE",
    "NB",
    "PS",
    "IMPORTANT",
    "URGENT",
    "ICYMI",
    "TRENDING",
    "POLL",
    "QUIZ",
    "RECAP",
    "SUMMARY",
    "KEY POINTS",
    "HIGHLIGHTS",
    "STORY HIGHLIGHTS",
    "TOP STORY",
    "DEVELOPING",
    "DEVELOPING STORY",
    "JUST IN",
    "FLASH",
    "REPORT",
    "PREVIEW",
    "WEATHER",
    "SPORTS",
    "BUSINESS",
    "WORLD",
    "NATION",
    "ENTERTAINMENT",
    "TECH",
    "HEALTH",
    "POLITICS",
    "LETTERS",
    "LETTER",
    "OBITUARY",
    "PROFILE",
    "ESSAY",
    "TRANSCRIPT",
    "UPDATE 1",
    "EXCERPT",
    "ANNOUNCEMENT",
    "PRESS RELEASE",
    "DEAR EDITOR",
];

/// Wire agencies and outlets that appear in parentheses after a place (upper case).
const AGENCIES: &[&str] = &[
    "REUTERS",
    "AP",
    "AFP",
    "UPI",
    "DPA",
    "EFE",
    "ANSA",
    "IANS",
    "PTI",
    "ANI",
    "APP",
    "XINHUA",
    "TASS",
    "RIA",
    "BERNAMA",
    "ANTARA",
    "KYODO",
    "YONHAP",
    "AA",
    "ANADOLU",
    "CNN",
    "BBC",
    "BLOOMBERG",
    "WAM",
    "SPA",
    "KUNA",
    "QNA",
    "IRNA",
    "CNA",
    "NNA",
    "MENA",
    "DAWN",
    "CP",
    "AAP",
    "THE CANADIAN PRESS",
    "ASSOCIATED PRESS",
    "NEWS AGENCIES",
    "AGENCIES",
    "WIRES",
];

/// Most words a dateline place has ("RIO DE JANEIRO", "SAN JUAN DEL SUR").
const MAX_PLACE_WORDS: usize = 5;

/// How far after a place's comma the closing dash or agency may come: room for a region and
/// a date ("KABUL, Afghanistan, Oct. 30 (AP) —") but not for a sentence.
const MAX_COMMA_TAIL_CHARS: usize = 60;

/// Words kept in lower case inside title-cased names, except at the start.
const LOWER_CONNECTORS: &[&str] = &[
    "de", "da", "do", "dos", "das", "del", "della", "di", "la", "le", "les", "es", "of", "the",
    "upon", "on", "am", "an", "der", "den", "von", "van", "y", "e", "au", "aux", "sur", "en", "et",
];

/// The place a paragraph's dateline names, title-cased ("NEW DELHI" gives "New Delhi").
pub fn dateline(first_paragraph: &str) -> Option<String> {
    let text = first_paragraph.trim_start();
    let head: String = text.chars().take(200).collect();
    // A hyphen closes the place only when spaced ("WASHINGTON - ..."); inside a word
    // ("PORT-AU-PRINCE") it belongs to the name.
    let mut prev = ' ';
    let delim = head.char_indices().find_map(|(i, c)| {
        let hit = matches!(c, ':' | '(' | ',' | '—' | '–') || (c == '-' && prev.is_whitespace());
        prev = c;
        hit.then_some(i)
    })?;
    let place_raw = head[..delim].trim();
    let rest = &head[delim..];
    let place = place_raw.split('/').next().unwrap_or(place_raw).trim();
    if !is_place_shape(place) {
        return None;
    }
    let caps = is_all_caps(place);
    let closed = match rest.chars().next()? {
        ':' => caps && followed_by_text(&rest[1..]),
        '(' => agency_then_close(rest, caps),
        ',' => caps && comma_tail_closes(&rest[1..]),
        // A dash must be spaced ("WASHINGTON — ..."): a hyphen inside a word belongs to it.
        c @ ('—' | '–' | '-') => caps && followed_by_text(&rest[c.len_utf8()..]),
        _ => false,
    };
    closed.then(|| title_case_caps(place))
}

/// A body's dateline: the place it names, and the date when it carries one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dateline {
    /// The place, title-cased (see [`dateline`]).
    pub place: String,
    /// The date the dateline carries ("RAJSHAHI, Dec 20, 2025 (BSS) - ..." gives
    /// 2025-12-20), when it does, with its year, before the dateline's close.
    pub date: Option<String>,
}

/// How many opening body paragraphs may hold the dateline: the first, or the one after a lead
/// paragraph. Deeper than that, a "CITY:" opening is a quote or a list label, not a dateline.
pub const DATELINE_PARAGRAPHS: usize = 2;

/// The dateline of a body's opening paragraphs (at most [`DATELINE_PARAGRAPHS`] of those
/// given are read): the place from the first paragraph that opens with a dateline, the date
/// from the first dateline that carries one. Each paragraph is read once. The HTML and the
/// plain-text paths both take their dateline (and the date fallback) from here.
pub fn opening_dateline<'a>(paragraphs: impl IntoIterator<Item = &'a str>) -> Option<Dateline> {
    let mut found: Option<Dateline> = None;
    for d in paragraphs
        .into_iter()
        .take(DATELINE_PARAGRAPHS)
        .filter_map(read_dateline)
    {
        match &mut found {
            None => found = Some(d),
            Some(first) => {
                if first.date.is_none() {
                    first.date = d.date;
                }
            }
        }
        if found.as_ref().is_some_and(|f| f.date.is_some()) {
            break;
        }
    }
    found
}

/// Longest dateline head read for a date ("PORTHAVEN, Thursday, October 30, 2025 (CCN) -").
const MAX_DATELINE_HEAD_CHARS: usize = 80;

/// The dateline a paragraph opens with, and the date it carries (see [`Dateline`]).
pub fn read_dateline(paragraph: &str) -> Option<Dateline> {
    let place = dateline(paragraph)?;
    let head: String = paragraph
        .trim_start()
        .chars()
        .take(MAX_DATELINE_HEAD_CHARS)
        .collect();
    let date = head
        .find(['—', '–', ':', '('])
        .into_iter()
        .chain(head.find(" - "))
        .min()
        .and_then(|close| super::dates::parse_date(&head[..close]));
    Some(Dateline { place, date })
}

fn is_place_shape(place: &str) -> bool {
    let words: Vec<&str> = place.split_whitespace().collect();
    if words.is_empty() || words.len() > MAX_PLACE_WORDS || place.chars().count() > 40 {
        return false;
    }
    let letters = place.chars().filter(|c| c.is_alphabetic()).count();
    let ok_chars = place
        .chars()
        .all(|c| c.is_alphabetic() || matches!(c, ' ' | '.' | '-' | '\'' | '’'));
    let upper = place.to_uppercase();
    let capitalised = words.iter().all(|w| {
        w.chars().next().is_some_and(|c| c.is_uppercase())
            || LOWER_CONNECTORS.contains(&w.to_lowercase().as_str())
    });
    letters >= 2 && ok_chars && capitalised && !NOT_PLACES.contains(&upper.as_str())
}

fn is_all_caps(s: &str) -> bool {
    s.chars()
        .filter(|c| c.is_alphabetic())
        .all(|c| !c.is_lowercase())
}

fn followed_by_text(rest: &str) -> bool {
    rest.trim_start()
        .chars()
        .next()
        .is_some_and(|c| c.is_alphanumeric() || matches!(c, '"' | '“' | '‘' | '\''))
}

/// `(Reuters) -`, `(AP) —`, `(AFP):` after a place. Title-case places need a known agency.
fn agency_then_close(rest: &str, caps: bool) -> bool {
    let Some(close) = rest.find(')') else {
        return false;
    };
    let inside = rest[1..close].trim().to_uppercase();
    let known = AGENCIES.contains(&inside.as_str());
    let short = !inside.is_empty() && inside.split_whitespace().count() <= 3 && inside.len() <= 30;
    let after = rest[close + 1..].trim_start();
    let closes = after.starts_with(['—', '–', '-', ':'])
        || (caps && after.chars().next().is_some_and(char::is_uppercase));
    closes && (known || (caps && short))
}

/// After `PLACE,`: a region or date, then a spaced dash, a colon, or an agency in parentheses.
fn comma_tail_closes(tail: &str) -> bool {
    let window: String = tail.chars().take(MAX_COMMA_TAIL_CHARS).collect();
    let Some(pos) = window
        .find(['—', '–', ':', '('])
        .or_else(|| window.find(" - "))
    else {
        return false;
    };
    let between = window[..pos].trim();
    // Between comma and close: a short region or date, never a clause.
    let words = between.split_whitespace().count();
    if words > 6
        || between.contains(['.', '!', '?']) && !looks_like_abbreviated_date_or_region(between)
    {
        return false;
    }
    let rest = &window[pos..];
    if rest.starts_with('(') {
        return agency_then_close(rest, true);
    }
    let mut chars = rest.chars();
    chars.next();
    followed_by_text(chars.as_str())
}

/// "Oct. 30", "Calif.", "D.C.": periods that are abbreviations, not sentence ends.
fn looks_like_abbreviated_date_or_region(s: &str) -> bool {
    s.split_whitespace()
        .all(|w| w.len() <= 6 || !w.ends_with('.'))
}

/// Title-case text written in capitals: "NEW DELHI" gives "New Delhi", "PORT-AU-PRINCE"
/// gives "Port-au-Prince", "O'NEIL" gives "O'Neil", "U.S." stays "U.S.".
pub fn title_case_caps(s: &str) -> String {
    let mut out = Vec::new();
    for (i, word) in s.split_whitespace().enumerate() {
        let lower = word.to_lowercase();
        if i > 0 && LOWER_CONNECTORS.contains(&lower.as_str()) {
            out.push(lower);
            continue;
        }
        let segments: Vec<String> = lower
            .split('-')
            .enumerate()
            .map(|(j, seg)| {
                if j > 0 && LOWER_CONNECTORS.contains(&seg) {
                    seg.to_string()
                } else {
                    capitalise_segment(seg)
                }
            })
            .collect();
        out.push(segments.join("-"));
    }
    out.join(" ")
}

/// Capitalise one hyphen-free segment, handling initials ("u.s.") and "o'neil".
fn capitalise_segment(seg: &str) -> String {
    let is_initials = seg.contains('.') && seg.split('.').all(|p| p.chars().count() <= 1);
    if is_initials {
        return seg.to_uppercase();
    }
    let mut out = String::with_capacity(seg.len());
    let mut upper_next = true;
    let mut since_apostrophe = 0;
    for c in seg.chars() {
        if upper_next && c.is_alphabetic() {
            out.extend(c.to_uppercase());
            upper_next = false;
        } else {
            out.push(c);
        }
        since_apostrophe += 1;
        if matches!(c, '\'' | '’') {
            // Capitalise after "O'" and "D'" but not after "Xi'" or "Côte d'".
            upper_next = since_apostrophe == 2;
        }
    }
    out
}

#[cfg(test)]
mod tests;
