//! One date parser for every form pages print dates in, giving RFC 3339 strings.
//!
//! Output follows [`attache_model::Article`]: `2025-10-30T14:05:00+05:00` when the zone is
//! known, `2025-10-30T14:05:00` when it is not, `2025-10-30` when only the day is known.
//! A zone is only ever written when the input states it (an offset, `Z`, or an abbreviation
//! from [`super::zones`]); impossible dates (30 February, month 13) give `None`.
//!
//! Accepted forms include ISO 8601 (`2025-10-30T14:05:00.000Z`, `2025-10-30 14:05 +0500`,
//! `20251030`), RFC 2822 (`Thu, 30 Oct 2025 14:05:00 +0500`), prose dates
//! (`October 30, 2025`, `30th Oct. 2025 10:05 PKT`, `Oct. 30, 2025 at 3:04 p.m. ET`),
//! numeric dates whose order is unambiguous (`30/10/2025`, `30.10.2025`) and Unix timestamps
//! in seconds or milliseconds.

use super::zones::{month_number, zone_offset, ZoneOffset};

/// Years accepted as publication years. Earlier "dates" are usually IDs or prices; later ones
/// are typos or placeholders such as `9999-12-31`.
const MIN_YEAR: i32 = 1900;
const MAX_YEAR: i32 = 2100;

/// Unix timestamps (seconds) accepted: 2000-01-01 to 2100-01-01. Outside that window a run of
/// ten digits is more likely an article ID than a time.
const MIN_TIMESTAMP: i64 = 946_684_800;
const MAX_TIMESTAMP: i64 = 4_102_444_800;

/// A calendar date with an optional time of day and UTC offset.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DateTime {
    /// Year, month (1-12), day (1-31).
    pub year: i32,
    /// Month, 1-12.
    pub month: u32,
    /// Day of the month.
    pub day: u32,
    /// Hour, minute, second when the input gave a time.
    pub time: Option<(u32, u32, u32)>,
    /// Offset from UTC in minutes when the input stated a zone.
    pub offset_minutes: Option<i32>,
}

impl DateTime {
    /// The RFC 3339 form used in [`attache_model::Article`].
    pub fn to_rfc3339(&self) -> String {
        let date = format!("{:04}-{:02}-{:02}", self.year, self.month, self.day);
        let Some((h, m, s)) = self.time else {
            return date;
        };
        let mut out = format!("{date}T{h:02}:{m:02}:{s:02}");
        if let Some(off) = self.offset_minutes {
            let sign = if off < 0 { '-' } else { '+' };
            let off = off.abs();
            out.push_str(&format!("{sign}{:02}:{:02}", off / 60, off % 60));
        }
        out
    }

    /// The date part, `YYYY-MM-DD`.
    pub fn date_string(&self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// Parse a date in any supported form to an RFC 3339 string.
pub fn parse_date(input: &str) -> Option<String> {
    parse_datetime(input).map(|d| d.to_rfc3339())
}

/// Parse a date in any supported form.
///
/// The input may carry words around the date ("Published: Oct 30, 2025 | 3 min read"); the
/// first date found wins, and a time is attached only when it sits next to that date.
pub fn parse_datetime(input: &str) -> Option<DateTime> {
    let trimmed = input.trim();
    if trimmed.is_empty() || trimmed.len() > 200 {
        return None;
    }
    if let Some(d) = parse_timestamp(trimmed) {
        return Some(d);
    }
    let tokens = tokenize(trimmed);
    let (date, start, end) = find_date(&tokens)?;
    let time = find_time(&tokens, start, end, &date);
    Some(match time {
        Some((time, offset)) => DateTime {
            time: Some(time),
            offset_minutes: offset,
            ..date
        },
        None => date,
    })
}

/// Digits only, 10 (seconds) or 13 (milliseconds) long, inside the plausible window.
fn parse_timestamp(s: &str) -> Option<DateTime> {
    if !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let secs: i64 = match s.len() {
        10 => s.parse().ok()?,
        13 => s.parse::<i64>().ok()? / 1000,
        _ => return None,
    };
    if !(MIN_TIMESTAMP..MAX_TIMESTAMP).contains(&secs) {
        return None;
    }
    let days = secs.div_euclid(86_400);
    let rem = secs.rem_euclid(86_400) as u32;
    let (year, month, day) = civil_from_days(days);
    Some(DateTime {
        year,
        month,
        day,
        time: Some((rem / 3600, rem % 3600 / 60, rem % 60)),
        offset_minutes: Some(0),
    })
}

/// A civil date to days since 1970-01-01 (Howard Hinnant's algorithm; the inverse of
/// [`civil_from_days`]).
pub(crate) fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// Days since 1970-01-01 to a civil date (Howard Hinnant's algorithm).
fn civil_from_days(days: i64) -> (i32, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
    (year, month, day)
}

/// Day of the week, 0 = Sunday (Sakamoto's method).
pub(crate) fn weekday(year: i32, month: u32, day: u32) -> u32 {
    const T: [i32; 12] = [0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4];
    let y = if month < 3 { year - 1 } else { year };
    let w = y + y / 4 - y / 100 + y / 400 + T[(month - 1) as usize] + day as i32;
    w.rem_euclid(7) as u32
}

fn is_leap(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

pub(crate) fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(year) => 29,
        2 => 28,
        _ => 0,
    }
}

fn valid_date(year: i32, month: u32, day: u32) -> Option<DateTime> {
    let ok = (MIN_YEAR..=MAX_YEAR).contains(&year)
        && (1..=12).contains(&month)
        && day >= 1
        && day <= days_in_month(year, month);
    ok.then_some(DateTime {
        year,
        month,
        day,
        time: None,
        offset_minutes: None,
    })
}

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    /// A run of ASCII digits: its value (saturating) and its length.
    Num(u64, usize),
    /// A run of letters, lower-cased.
    Word(String),
    /// Any other single non-space character.
    Punct(char),
    /// Marks that whitespace separated two tokens.
    Space,
}

fn tokenize(s: &str) -> Vec<Tok> {
    let mut out = Vec::new();
    let mut chars = s.char_indices().peekable();
    while let Some((_, c)) = chars.next() {
        if c.is_ascii_digit() {
            let mut value = u64::from(c as u8 - b'0');
            let mut len = 1;
            while let Some(&(_, d)) = chars.peek() {
                if !d.is_ascii_digit() {
                    break;
                }
                value = value
                    .saturating_mul(10)
                    .saturating_add(u64::from(d as u8 - b'0'));
                len += 1;
                chars.next();
            }
            out.push(Tok::Num(value, len));
        } else if c.is_alphabetic() {
            let mut word: String = c.to_lowercase().collect();
            while let Some(&(_, d)) = chars.peek() {
                if !d.is_alphabetic() {
                    break;
                }
                word.extend(d.to_lowercase());
                chars.next();
            }
            out.push(Tok::Word(word));
        } else if c.is_whitespace() {
            if out.last() != Some(&Tok::Space) {
                out.push(Tok::Space);
            }
        } else {
            out.push(Tok::Punct(c));
        }
    }
    out
}

/// Tokens without the space markers, each with its index in the full list.
fn solid(tokens: &[Tok]) -> Vec<(usize, &Tok)> {
    tokens
        .iter()
        .enumerate()
        .filter(|(_, t)| **t != Tok::Space)
        .collect()
}

fn num(t: Option<&(usize, &Tok)>, lens: std::ops::RangeInclusive<usize>) -> Option<u32> {
    match t {
        Some((_, Tok::Num(v, len))) if lens.contains(len) => u32::try_from(*v).ok(),
        _ => None,
    }
}

fn punct(t: Option<&(usize, &Tok)>, set: &[char]) -> Option<char> {
    match t {
        Some((_, Tok::Punct(c))) if set.contains(c) => Some(*c),
        _ => None,
    }
}

fn word<'t>(t: Option<&(usize, &'t Tok)>) -> Option<&'t str> {
    match t {
        Some((_, Tok::Word(w))) => Some(w.as_str()),
        _ => None,
    }
}

/// Skip an ordinal suffix (`30th`) at `j`; returns the next position.
fn skip_ordinal(s: &[(usize, &Tok)], j: usize) -> usize {
    match word(s.get(j)) {
        Some("st" | "nd" | "rd" | "th" | "er" | "e") => j + 1,
        _ => j,
    }
}

/// The first date in the tokens, the index (in `tokens`) where it starts and the one just
/// after it.
fn find_date(tokens: &[Tok]) -> Option<(DateTime, usize, usize)> {
    let s = solid(tokens);
    let end_at = |j: usize| s.get(j).map_or(tokens.len(), |(i, _)| *i);
    for i in 0..s.len() {
        // 2025-10-30, 2025/10/30, 2025.10.30
        if let Some(year) = num(s.get(i), 4..=4) {
            if let (Some(sep), Some(month)) = (
                punct(s.get(i + 1), &['-', '/', '.']),
                num(s.get(i + 2), 1..=2),
            ) {
                if punct(s.get(i + 3), &[sep]).is_some() {
                    if let Some(day) = num(s.get(i + 4), 1..=2) {
                        if let Some(d) = valid_date(year as i32, month, day) {
                            return Some((d, s[i].0, end_at(i + 5)));
                        }
                    }
                }
            }
        }
        // 20251030 (basic ISO form)
        if let Some(Tok::Num(v, 8)) = s.get(i).map(|(_, t)| *t) {
            let v = *v as u32;
            if let Some(d) = valid_date((v / 10_000) as i32, v / 100 % 100, v % 100) {
                return Some((d, s[i].0, end_at(i + 1)));
            }
        }
        // 2023 Jan 7 (citation metadata), 2025. október 30.
        if let Some(year) = num(s.get(i), 4..=4) {
            let mut j = i + 1;
            if punct(s.get(j), &['.', ',']).is_some() {
                j += 1;
            }
            if let Some(month) = word(s.get(j)).and_then(month_number) {
                let mut k = j + 1;
                if punct(s.get(k), &['.']).is_some() {
                    k += 1;
                }
                if let Some(day) = num(s.get(k), 1..=2) {
                    if let Some(d) = valid_date(year as i32, month, day) {
                        return Some((d, s[i].0, end_at(k + 1)));
                    }
                }
            }
        }
        // 30/10/2025, 10/30/2025, 30.10.2025, 30-10-2025
        if let Some(a) = num(s.get(i), 1..=2) {
            if let (Some(sep), Some(b)) = (
                punct(s.get(i + 1), &['/', '.', '-']),
                num(s.get(i + 2), 1..=2),
            ) {
                if punct(s.get(i + 3), &[sep]).is_some() {
                    if let Some(year) = num(s.get(i + 4), 4..=4) {
                        if let Some((month, day)) = numeric_order(a, b, sep) {
                            if let Some(d) = valid_date(year as i32, month, day) {
                                return Some((d, s[i].0, end_at(i + 5)));
                            }
                        }
                    }
                }
            }
        }
        // October 30, 2025 / Oct. 30th 2025 / Oct 30 2025
        if let Some(month) = word(s.get(i)).and_then(month_number) {
            let mut j = i + 1;
            if punct(s.get(j), &['.']).is_some() {
                j += 1;
            }
            if let Some(day) = num(s.get(j), 1..=2) {
                let mut k = skip_ordinal(&s, j + 1);
                if punct(s.get(k), &[',', '.']).is_some() {
                    k += 1;
                }
                if let Some(year) = num(s.get(k), 4..=4) {
                    if let Some(d) = valid_date(year as i32, month, day) {
                        return Some((d, s[i].0, end_at(k + 1)));
                    }
                }
            }
        }
        // 30 October 2025 / 30th of Oct. 2025 / 30 Oct, 2025 / 30-Oct-2025
        if let Some(day) = num(s.get(i), 1..=2) {
            let mut j = skip_ordinal(&s, i + 1);
            if punct(s.get(j), &['-', '.', ' ']).is_some() {
                j += 1;
            }
            if word(s.get(j)) == Some("of") || word(s.get(j)) == Some("de") {
                j += 1;
            }
            if let Some(month) = word(s.get(j)).and_then(month_number) {
                let mut k = j + 1;
                while punct(s.get(k), &['.', ',', '-']).is_some() {
                    k += 1;
                }
                if word(s.get(k)) == Some("de") {
                    k += 1;
                }
                if let Some(year) = num(s.get(k), 4..=4) {
                    if let Some(d) = valid_date(year as i32, month, day) {
                        return Some((d, s[i].0, end_at(k + 1)));
                    }
                }
            }
        }
    }
    None
}

/// Month and day of a numeric date `a sep b sep year`, only when the order is certain:
/// a part above 12 is the day; otherwise dotted dates are day-first everywhere they are
/// used (`12.16.2025`, printed by some US sites, is month-first by the first rule).
/// `03/04/2025` gives `None` rather than a guess.
fn numeric_order(a: u32, b: u32, sep: char) -> Option<(u32, u32)> {
    if sep == '.' {
        return Some(if b > 12 && a <= 12 { (a, b) } else { (b, a) });
    }
    match (a > 12, b > 12) {
        (true, false) => Some((b, a)),
        (false, true) => Some((a, b)),
        _ if a == b => Some((a, b)),
        _ => None,
    }
}

/// A time of day near the date: after it (up to a few connector tokens away), or right
/// before it ("3:04 PM ET, Thu October 30, 2025"). Returns the time and the stated offset.
fn find_time(
    tokens: &[Tok],
    date_start: usize,
    date_end: usize,
    date: &DateTime,
) -> Option<((u32, u32, u32), Option<i32>)> {
    let s = solid(tokens);
    let start = s
        .iter()
        .position(|(i, _)| *i >= date_end)
        .unwrap_or(s.len());
    // After the date: allow connectors such as "T", "at", ",", "|", "-", "@", "à", "um".
    let mut j = start;
    let mut skipped = 0;
    while j < s.len() && skipped <= 3 {
        if let Some(found) = time_at(&s, j, date) {
            return Some(found);
        }
        let connector = match s[j].1 {
            Tok::Word(w) => matches!(
                w.as_str(),
                "t" | "at" | "um" | "à" | "a" | "las" | "on" | "updated" | "published"
            ),
            Tok::Punct(c) => matches!(c, ',' | '|' | '-' | '@' | '·' | '•' | '–' | '—' | '/'),
            _ => false,
        };
        if !connector {
            break;
        }
        skipped += 1;
        j += 1;
    }
    // Before the date: the time must start the string, and be more than the date's own
    // opening (`03.04.2025` is no time 03:04).
    if s.first().is_some_and(|(i, _)| *i < date_start) {
        return time_at(&s, 0, date);
    }
    None
}

/// A time starting at solid index `j`: `14:05`, `14:05:09.123`, `3:04 p.m.`, `3 pm`, then an
/// optional zone.
fn time_at(
    s: &[(usize, &Tok)],
    j: usize,
    date: &DateTime,
) -> Option<((u32, u32, u32), Option<i32>)> {
    let hour = num(s.get(j), 1..=2)?;
    let mut k = j + 1;
    let (mut minute, mut second) = (0, 0);
    let had_colon =
        punct(s.get(k), &[':', '.', 'h']).is_some() && num(s.get(k + 1), 2..=2).is_some();
    if had_colon {
        minute = num(s.get(k + 1), 2..=2)?;
        k += 2;
        if punct(s.get(k), &[':']).is_some() {
            second = num(s.get(k + 1), 2..=2)?;
            k += 2;
            // Fractions of a second.
            if punct(s.get(k), &['.', ',']).is_some() && num(s.get(k + 1), 1..=9).is_some() {
                k += 2;
            }
        }
    }
    let mut hour = hour;
    // a.m. / p.m. / am / pm
    let meridiem = match (
        word(s.get(k)),
        punct(s.get(k + 1), &['.']),
        word(s.get(k + 2)),
    ) {
        (Some("a"), Some(_), Some("m")) => Some((false, 3)),
        (Some("p"), Some(_), Some("m")) => Some((true, 3)),
        (Some("am"), ..) => Some((false, 1)),
        (Some("pm"), ..) => Some((true, 1)),
        _ => None,
    };
    if let Some((pm, used)) = meridiem {
        if !(1..=12).contains(&hour) {
            return None;
        }
        hour = match (pm, hour) {
            (false, 12) => 0,
            (true, 12) => 12,
            (true, h) => h + 12,
            (false, h) => h,
        };
        k += used;
        if punct(s.get(k), &['.']).is_some() {
            k += 1;
        }
    } else if !had_colon {
        return None;
    }
    if hour > 23 || minute > 59 || second > 60 {
        return None;
    }
    let offset = zone_at(s, k, date);
    Some(((hour, minute, second.min(59)), offset))
}

/// A zone at solid index `k`: `Z`, `+05:00`, `+0500`, `-05`, `GMT+5`, `UTC`, `PKT`, `ET`...
fn zone_at(s: &[(usize, &Tok)], k: usize, date: &DateTime) -> Option<i32> {
    let numeric = |k: usize| -> Option<i32> {
        let sign = match punct(s.get(k), &['+', '-', '−'])? {
            '+' => 1,
            _ => -1,
        };
        let (h, m, _) = match s.get(k + 1) {
            Some((_, Tok::Num(v, 4))) => (*v as i32 / 100, *v as i32 % 100, 0),
            Some((_, Tok::Num(v, 1..=2))) => {
                let m = if punct(s.get(k + 2), &[':']).is_some() {
                    num(s.get(k + 3), 2..=2)? as i32
                } else {
                    0
                };
                (*v as i32, m, 0)
            }
            _ => return None,
        };
        (h <= 14 && m < 60).then_some(sign * (h * 60 + m))
    };
    if let Some(off) = numeric(k) {
        return Some(off);
    }
    let w = word(s.get(k))?;
    if matches!(w, "gmt" | "utc" | "z" | "ut") {
        return Some(numeric(k + 1).unwrap_or(0));
    }
    match zone_offset(w)? {
        ZoneOffset::Fixed(minutes) => Some(minutes),
        ZoneOffset::UsDaylight { standard } => Some(standard + 60 * i32::from(us_dst(date))),
    }
}

/// Whether US daylight saving time is in force on a date (second Sunday of March to the
/// first Sunday of November, the rule since 2007). Used for "ET", "PT" and the like, which
/// mean EDT or EST depending on the day. The switch happens at 2 a.m.; on the two changeover
/// days the later offset is used.
fn us_dst(date: &DateTime) -> bool {
    let nth_sunday = |month: u32, n: u32| {
        let first = weekday(date.year, month, 1);
        1 + (7 - first) % 7 + 7 * (n - 1)
    };
    match date.month {
        4..=10 => true,
        3 => date.day >= nth_sunday(3, 2),
        11 => date.day < nth_sunday(11, 1),
        _ => false,
    }
}

#[cfg(test)]
mod tests;
