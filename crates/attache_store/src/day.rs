//! Calendar days as integers, so date ranges and per-day series are plain integer comparisons
//! that an index can serve.
//!
//! A day number counts days since 1970-01-01 (day 0, a Thursday). Conversions use the proleptic
//! Gregorian calendar (the civil-from-days algorithms published by Howard Hinnant), so no date
//! library is needed.

use std::time::{SystemTime, UNIX_EPOCH};

/// The day number of a date given as `YYYY-MM-DD`, or an RFC 3339 date-time starting with one.
/// `None` when the string does not start with a valid date.
pub fn day_number(date: &str) -> Option<i32> {
    let bytes = date.as_bytes();
    if bytes.len() < 10 || bytes[4] != b'-' || bytes[7] != b'-' {
        return None;
    }
    let year: i32 = date.get(0..4)?.parse().ok()?;
    let month: u32 = date.get(5..7)?.parse().ok()?;
    let day: u32 = date.get(8..10)?.parse().ok()?;
    if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
        return None;
    }
    Some(days_from_civil(year, month, day))
}

/// `YYYY-MM-DD` for a day number.
pub fn format_day(day: i32) -> String {
    let (y, m, d) = civil_from_days(day);
    format!("{y:04}-{m:02}-{d:02}")
}

/// `YYYY-MM` for the month a day falls in.
pub fn format_month(day: i32) -> String {
    let (y, m, _) = civil_from_days(day);
    format!("{y:04}-{m:02}")
}

/// The day number of the Monday that starts the (ISO) week of `day`.
pub fn week_start(day: i32) -> i32 {
    // Day 0 was a Thursday, so Monday-based weekday = (day + 3) mod 7.
    day - (day + 3).rem_euclid(7)
}

/// The day number of the first day of the month `day` falls in.
pub fn month_start(day: i32) -> i32 {
    let (y, m, _) = civil_from_days(day);
    days_from_civil(y, m, 1)
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

fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        _ if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        _ => 28,
    }
}

fn days_from_civil(year: i32, month: u32, day: u32) -> i32 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = month as i32;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + day as i32 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn civil_from_days(days: i32) -> (i32, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + i32::from(m <= 2);
    (y, m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

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
