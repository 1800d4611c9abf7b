//! Event dates: the temporal expression of an event's clause (else of its sentence), resolved
//! against the article's day, and whether the event is background.
//!
//! - Relative expressions ("yesterday", "last week", "two days ago", "decades ago"), weekdays
//!   ("on Monday": the last one on or before the article's day; "next Monday": the first
//!   after), month-day dates ("November 15", "15 Nov 2019"; without a year, the latest
//!   occurrence that is at most [`AHEAD_AT_MOST_DAYS`] ahead of the article's day), months
//!   and years after a lead word ("in March", "in 1990", "since 2014"; deadlines such as "by
//!   2022" date no act). The words are data (`words.rs`).
//! - The event's date is the first day the expression covers ("in 1990": 1990-01-01), or the
//!   article's day when the period holds it ("this year"), with the words kept in
//!   [`Dating::text`]. It is **background** when the whole period ends
//!   more than [`NEWS_WINDOW_DAYS`] before the article's day, or when it is an ongoing state
//!   that began that long ago ("since 2014").
//! - No expression: the article's date ([`DateBasis::Article`]); an undated article takes the
//!   day it was first seen ([`Document::first_seen`], [`DateBasis::FirstSeen`]), against which
//!   expressions are then resolved too.

mod words;

use std::ops::RangeInclusive;

use attache_model::calendar::{
    day_number, days_in_month, format_day, from_civil, to_civil, weekday,
};
use attache_model::{DateBasis, Dating, Document};

use super::text::View;
use words::{
    Shift, AGO_UNITS, LAST, MONTHS, MONTH_LEADS, NEXT, NUMBERS, RELATIVE, SINCE, WEEKDAYS,
    YEAR_LEADS,
};

/// News reports what happened in the last days or weeks: an event whose date ends more than
/// this many days before the article's is context, not news ("in 1990", "last year").
pub(crate) const NEWS_WINDOW_DAYS: i32 = 31;

/// A month (and day) without a year lies at most this far after the article's day ("talks
/// on December 3", "in early January" in a November article); further ahead, it is the last
/// one before ("in April" in a November article). News tells of the past far more often
/// than of plans months ahead.
pub(crate) const AHEAD_AT_MOST_DAYS: i32 = 62;

/// Four-digit numbers read as years after a lead word.
const YEARS: RangeInclusive<i32> = 1900..=2100;

/// A temporal expression found in a sentence: its tokens and the days it covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct TimeExpr {
    /// First token.
    pub first: usize,
    /// Last token (inclusive).
    pub last: usize,
    /// First day covered (day number).
    pub start: i32,
    /// Last day covered.
    pub end: i32,
    /// An ongoing state that began then ("since 2014").
    pub since: bool,
}

impl TimeExpr {
    /// The day an event so dated gets: the article's day `base` when the period holds it
    /// ("this year"), else the period's first day.
    pub fn day(&self, base: i32) -> i32 {
        if (self.start..=self.end).contains(&base) {
            base
        } else {
            self.start
        }
    }

    /// Whether an event so dated is background for an article of day `base`.
    pub fn is_background(&self, base: i32) -> bool {
        let edge = base - NEWS_WINDOW_DAYS;
        self.end < edge || (self.since && self.start < edge)
    }
}

/// The date of an event whose trigger starts at token `trigger` of `view`: the date string
/// and how it was found.
///
/// `found` caches the sentence's temporal expressions: a view is scanned once however many
/// events it holds (a window of 300 words with dozens of events was scanned once per event).
pub(crate) fn date_event(
    doc: &Document,
    view: &View,
    words: &[&str],
    trigger: usize,
    found: &std::cell::OnceCell<Vec<TimeExpr>>,
) -> (Option<String>, Dating) {
    let published = doc.article.published.as_deref();
    let (base_text, basis) = match (published, doc.first_seen.as_deref()) {
        (Some(p), _) if day_number(p).is_some() => (p, DateBasis::Article),
        (_, Some(f)) if day_number(f).is_some() => (f, DateBasis::FirstSeen),
        _ => {
            let basis = DateBasis::None;
            return (
                published.map(|d| d.get(..10).unwrap_or(d).to_string()),
                Dating {
                    basis,
                    ..Dating::default()
                },
            );
        }
    };
    let base_date = base_text.get(..10).unwrap_or(base_text).to_string();
    let Some(base) = day_number(base_text) else {
        return (Some(base_date), Dating::default());
    };
    let found = found.get_or_init(|| find(words, base));
    let Some(x) = nearest(found, &view.clause, trigger) else {
        return (
            Some(base_date),
            Dating {
                basis,
                ..Dating::default()
            },
        );
    };
    let (from, to) = (view.toks[x.first].span.start, view.toks[x.last].span.end);
    let text = doc.article.text.get(from..to).map(str::to_string);
    (
        Some(format_day(x.day(base))),
        Dating {
            basis: DateBasis::Text,
            text,
            background: x.is_background(base),
        },
    )
}

/// The expression in the trigger's clause nearest to it, else the nearest in the sentence.
fn nearest<'a>(found: &'a [TimeExpr], clause: &[usize], trigger: usize) -> Option<&'a TimeExpr> {
    let distance = |x: &TimeExpr| {
        if x.last < trigger {
            trigger - x.last
        } else {
            x.first.saturating_sub(trigger)
        }
    };
    let here = clause.get(trigger);
    found
        .iter()
        .filter(|x| here.is_some() && clause.get(x.first) == here)
        .min_by_key(|x| distance(x))
        .or_else(|| found.iter().min_by_key(|x| distance(x)))
}

/// Every temporal expression in a sentence's (lower-case) words, resolved against day `base`.
pub(crate) fn find(words: &[&str], base: i32) -> Vec<TimeExpr> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < words.len() {
        match at(words, i, base) {
            Some(x) => {
                i = x.last + 1;
                out.push(x);
            }
            None => i += 1,
        }
    }
    out
}

/// The expression starting at word `i`, if one does.
fn at(words: &[&str], i: usize, base: i32) -> Option<TimeExpr> {
    let w = |k: usize| words.get(k).copied().unwrap_or("");
    let (by, bm, _) = to_civil(base);

    // Relative phrases.
    for (phrase, shift) in RELATIVE {
        let n = phrase.split(' ').count();
        if phrase.split(' ').enumerate().all(|(k, p)| w(i + k) == p) {
            let (start, end) = shifted(base, by, bm, *shift)?;
            return Some(span(i, i + n - 1, start, end, false));
        }
    }
    // "two weeks ago", "3 days ago".
    if let Some(n) = number(w(i)) {
        if let Some(unit) = AGO_UNITS
            .iter()
            .position(|(one, many)| w(i + 1) == *one || w(i + 1) == *many)
        {
            if w(i + 2) == "ago" {
                let shift = match unit {
                    0 => Shift::Days(-n),
                    1 => Shift::Days(-7 * n),
                    2 => Shift::Months(-n),
                    _ => Shift::Years(-n),
                };
                let (start, end) = shifted(base, by, bm, shift)?;
                return Some(span(i, i + 2, start, end, false));
            }
        }
    }
    // "last Monday", "next Friday", "on Monday", "Monday".
    let (lead, name_at) = if [LAST, NEXT, "on", "this"].contains(&w(i)) {
        (w(i), i + 1)
    } else {
        ("", i)
    };
    if let Some(wd) = WEEKDAYS.iter().position(|d| *d == w(name_at)) {
        let today = weekday(base) as i32;
        let back = (today - wd as i32).rem_euclid(7);
        let ahead = (wd as i32 - today).rem_euclid(7);
        let day = match lead {
            NEXT if ahead == 0 => base + 7,
            NEXT => base + ahead,
            LAST if back == 0 => base - 7,
            _ => base - back,
        };
        return Some(span(i, name_at, day, day, false));
    }
    // Month-day dates, months and years after a lead word.
    let lead = if MONTH_LEADS.contains(&w(i)) {
        Some(w(i))
    } else {
        None
    };
    let m_at = if lead.is_some() { i + 1 } else { i };
    if let Some(month) = month(w(m_at)) {
        let mut k = m_at + 1;
        if w(k) == "." {
            k += 1;
        }
        // "November 15", "Nov. 15, 2019".
        if let Some(d) = day_of_month(w(k)) {
            let mut last = k;
            let year = match (w(k + 1), year(w(k + 1)), year(w(k + 2))) {
                (_, Some(y), _) => {
                    last = k + 1;
                    Some(y)
                }
                (",", None, Some(y)) => {
                    last = k + 2;
                    Some(y)
                }
                _ => None,
            };
            let day = month_day(base, by, year, month, d)?;
            return Some(span(i, last, day, day, lead == Some(SINCE)));
        }
        // "in March", "March 2019", "since March 2019".
        let year = year(w(k));
        if lead.is_some() || year.is_some() {
            let y = match year {
                Some(y) => y,
                None => latest_year(base, by, month, 1)?,
            };
            let start = from_civil(y, month, 1)?;
            let end = from_civil(y, month, days_in_month(y, month))?;
            let last = if year.is_some() { k } else { m_at };
            return Some(span(i, last, start, end, lead == Some(SINCE)));
        }
    }
    // "15 November (2019)".
    if let (Some(d), Some(month)) = (day_of_month(w(i)), month(w(i + 1))) {
        let (year, last) = match year(w(i + 2)) {
            Some(y) => (Some(y), i + 2),
            None => (None, i + 1),
        };
        let day = month_day(base, by, year, month, d)?;
        return Some(span(i, last, day, day, false));
    }
    // "in 1990", "since 2014".
    if YEAR_LEADS.contains(&w(i)) {
        if let Some(y) = year(w(i + 1)) {
            let start = from_civil(y, 1, 1)?;
            let end = from_civil(y, 12, 31)?;
            return Some(span(i, i + 1, start, end, w(i) == SINCE));
        }
    }
    None
}

fn span(first: usize, last: usize, start: i32, end: i32, since: bool) -> TimeExpr {
    TimeExpr {
        first,
        last,
        start,
        end,
        since,
    }
}

/// The days a relative shift covers from day `base` (of year `by`, month `bm`).
fn shifted(base: i32, by: i32, bm: u32, shift: Shift) -> Option<(i32, i32)> {
    match shift {
        Shift::Days(n) => Some((base + n, base + n)),
        Shift::Months(n) => {
            let index = by * 12 + bm as i32 - 1 + n;
            let (y, m) = (index.div_euclid(12), index.rem_euclid(12) as u32 + 1);
            Some((from_civil(y, m, 1)?, from_civil(y, m, days_in_month(y, m))?))
        }
        Shift::Years(n) => Some((from_civil(by + n, 1, 1)?, from_civil(by + n, 12, 31)?)),
    }
}

/// The day of a month and day, in `year` when given, else the year that puts it at most
/// [`AHEAD_AT_MOST_DAYS`] after `base`.
fn month_day(base: i32, by: i32, year: Option<i32>, month: u32, d: u32) -> Option<i32> {
    match year {
        Some(y) => from_civil(y, month, d),
        None => from_civil(latest_year(base, by, month, d)?, month, d),
    }
}

/// The year of the latest occurrence of a month and day (of the article's year `by` or a
/// neighbour) at most [`AHEAD_AT_MOST_DAYS`] after day `base`.
fn latest_year(base: i32, by: i32, month: u32, d: u32) -> Option<i32> {
    [by + 1, by, by - 1].into_iter().find(|&y| {
        from_civil(y, month, d.min(days_in_month(y, month)))
            .is_some_and(|day| day - base <= AHEAD_AT_MOST_DAYS)
    })
}

fn month(word: &str) -> Option<u32> {
    MONTHS
        .iter()
        .position(|names| names.contains(&word))
        .map(|m| m as u32 + 1)
}

fn day_of_month(word: &str) -> Option<u32> {
    let digits = word
        .strip_suffix("st")
        .or_else(|| word.strip_suffix("nd"))
        .or_else(|| word.strip_suffix("rd"))
        .or_else(|| word.strip_suffix("th"))
        .unwrap_or(word);
    (digits.len() <= 2 && digits.bytes().all(|b| b.is_ascii_digit()))
        .then(|| digits.parse().ok())
        .flatten()
        .filter(|d| (1..=31).contains(d))
}

fn year(word: &str) -> Option<i32> {
    (word.len() == 4 && word.bytes().all(|b| b.is_ascii_digit()))
        .then(|| word.parse().ok())
        .flatten()
        .filter(|y| YEARS.contains(y))
}

fn number(word: &str) -> Option<i32> {
    if !word.is_empty() && word.len() <= 3 && word.bytes().all(|b| b.is_ascii_digit()) {
        return word.parse().ok();
    }
    NUMBERS.iter().find(|(w, _)| *w == word).map(|(_, n)| *n)
}

#[cfg(test)]
mod tests;
