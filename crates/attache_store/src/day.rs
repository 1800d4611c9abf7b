//! Calendar days as integers, so date ranges and per-day series are plain integer comparisons
//! that an index can serve.
//!
//! A day number counts days since 1970-01-01 (day 0, a Thursday); the conversions are
//! `attache_model::calendar`'s, which event dating uses too.

use std::time::{SystemTime, UNIX_EPOCH};

use attache_model::calendar;
pub use attache_model::calendar::{day_number, format_day};

/// Seconds since 1970-01-01T00:00:00Z of an RFC 3339 date-time (`2025-10-30T14:05:09+05:00`),
/// or of midnight for a plain date. A time without an offset is read as UTC, and fractions of a
/// second are ignored. `None` when the string does not start with a valid date. This orders
/// reports by publication time ("first report"), so only its order must be right: a time of
/// day or offset that does not parse counts as the day's midnight rather than failing.
pub fn utc_seconds(date: &str) -> Option<i64> {
    let day = i64::from(day_number(date)?);
    let rest = date.get(10..).unwrap_or("");
    let Some(time) = rest.strip_prefix(['T', 't', ' ']) else {
        return Some(day * 86_400);
    };
    let field = |at: usize| -> Option<i64> { time.get(at..at + 2)?.parse().ok() };
    let (Some(h), Some(m)) = (field(0), field(3)) else {
        return Some(day * 86_400);
    };
    if time.as_bytes().get(2) != Some(&b':') || h > 23 || m > 59 {
        return Some(day * 86_400);
    }
    let s = if time.as_bytes().get(5) == Some(&b':') {
        field(6).filter(|s| *s <= 60).unwrap_or(0)
    } else {
        0
    };
    // The offset follows the seconds and any fraction: `Z`, or `+hh:mm` / `-hh:mm` / `+hhmm`.
    let zone = time
        .char_indices()
        .skip(5)
        .find(|(_, c)| matches!(c, 'Z' | 'z' | '+' | '-'))
        .map_or("", |(i, _)| &time[i..]);
    let offset = match zone.as_bytes().first() {
        Some(b'+' | b'-') => {
            let digits: String = zone[1..].chars().filter(char::is_ascii_digit).collect();
            let oh: i64 = digits.get(0..2).and_then(|d| d.parse().ok()).unwrap_or(0);
            let om: i64 = digits.get(2..4).and_then(|d| d.parse().ok()).unwrap_or(0);
            let sign = if zone.starts_with('-') { -1 } else { 1 };
            sign * (oh * 3_600 + om * 60)
        }
        _ => 0,
    };
    Some(day * 86_400 + h * 3_600 + m * 60 + s - offset)
}

/// `YYYY-MM-DD` of the UTC day that holds `seconds` since 1970-01-01T00:00:00Z (a settle
/// checkpoint's day start, a publication time).
pub fn format_utc_day(seconds: i64) -> String {
    let day = seconds.div_euclid(86_400);
    format_day(i32::try_from(day).unwrap_or(if day < 0 { i32::MIN } else { i32::MAX }))
}

/// `YYYY-MM` for the month a day falls in.
pub fn format_month(day: i32) -> String {
    let (y, m, _) = calendar::to_civil(day);
    format!("{y:04}-{m:02}")
}

/// The day number of the Monday that starts the (ISO) week of `day`.
pub fn week_start(day: i32) -> i32 {
    day - calendar::weekday(day) as i32
}

/// The day number of the first day of the month `day` falls in.
pub fn month_start(day: i32) -> i32 {
    let (y, m, _) = calendar::to_civil(day);
    calendar::from_civil(y, m, 1).unwrap_or(day)
}

/// The current time as RFC 3339 in UTC (`2025-10-30T14:05:09Z`).
pub fn now_rfc3339() -> String {
    let secs = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    let days = i32::try_from(secs / 86_400).unwrap_or(i32::MAX);
    let rem = secs % 86_400;
    format!(
        "{}T{:02}:{:02}:{:02}Z",
        format_day(days),
        rem / 3600,
        (rem % 3600) / 60,
        rem % 60
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_utc_second_is_formatted_as_the_day_that_holds_it() {
        assert_eq!(format_utc_day(20_391 * 86_400 + 86_399), "2025-10-30");
        assert_eq!(format_utc_day(-1), "1969-12-31");
    }

    #[test]
    fn utc_seconds_order_times_across_offsets_and_read_plain_dates_as_midnight() {
        let midnight = 20_391 * 86_400;
        assert_eq!(utc_seconds("2025-10-30"), Some(midnight));
        assert_eq!(utc_seconds("2025-10-30T10:00:00Z"), Some(midnight + 36_000));
        // 10:00 in Karachi is 05:00 UTC, before 09:00 UTC.
        let karachi = utc_seconds("2025-10-30T10:00:00+05:00");
        assert_eq!(karachi, Some(midnight + 5 * 3_600));
        assert!(karachi < utc_seconds("2025-10-30T09:00:00Z"));
        assert_eq!(
            utc_seconds("2025-10-30T10:00:00.250-0130"),
            Some(midnight + 36_000 + 5_400)
        );
        assert_eq!(utc_seconds("2025-10-30T10:00"), Some(midnight + 36_000));
        assert_eq!(utc_seconds("2025-10-30Tnoon"), Some(midnight));
        assert_eq!(utc_seconds("October 30"), None);
    }

    #[test]
    fn epoch_and_known_dates_round_trip() {
        assert_eq!(day_number("1970-01-01"), Some(0));
        assert_eq!(day_number("2000-03-01"), Some(11_017));
        for date in ["2024-02-29", "2025-10-30", "1999-12-31", "2100-03-01"] {
            let day = day_number(date).unwrap_or_default();
            assert_eq!(format_day(day), date);
        }
    }

    #[test]
    fn date_times_use_their_date_part_and_bad_dates_are_none() {
        assert_eq!(
            day_number("2025-10-30T14:05:00+05:00"),
            day_number("2025-10-30")
        );
        assert_eq!(day_number("2025-02-29"), None);
        assert_eq!(day_number("2025-13-01"), None);
        assert_eq!(day_number("30 Oct 2025"), None);
        assert_eq!(day_number(""), None);
    }

    #[test]
    fn weeks_start_on_monday_and_months_on_the_first() {
        let thu = day_number("2025-10-30").unwrap_or_default();
        assert_eq!(format_day(week_start(thu)), "2025-10-27");
        assert_eq!(format_day(month_start(thu)), "2025-10-01");
        assert_eq!(format_month(thu), "2025-10");
        let mon = day_number("2025-10-27").unwrap_or_default();
        assert_eq!(week_start(mon), mon);
    }

    #[test]
    fn now_is_rfc3339_utc() {
        let now = now_rfc3339();
        assert!(now.ends_with('Z') && now.len() == 20, "{now}");
        assert!(day_number(&now).is_some());
    }
}
