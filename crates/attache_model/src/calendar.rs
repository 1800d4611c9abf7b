//! Calendar days as integers: day numbers count days since 1970-01-01 (day 0, a Thursday),
//! in the proleptic Gregorian calendar (Howard Hinnant's civil-from-days algorithms), so date
//! arithmetic needs no date library.
//!
//! Event dating (`attache_events`) resolves "last Monday" and "in 1990" with these, and the
//! store's day numbers (`attache_store::day`) are these. Extraction and the actor
//! dictionaries still carry their own copies of the same conversions
//! (`attache_extract::meta::dates`, `attache_nlp::Day`); they can move here.
//!
//! ```
//! use attache_model::calendar::{day_number, format_day, weekday};
//! let d = day_number("2019-11-19T08:00:00Z").unwrap_or_default();
//! assert_eq!(format_day(d - 1), "2019-11-18");
//! assert_eq!(weekday(d), 1); // a Tuesday (Monday is 0)
//! ```

/// The day number of a date given as `YYYY-MM-DD`, or an RFC 3339 date-time starting with
/// one; `None` when the text does not start with a valid date.
pub fn day_number(date: &str) -> Option<i32> {
    let bytes = date.as_bytes();
    if bytes.len() < 10 || bytes[4] != b'-' || bytes[7] != b'-' {
        return None;
    }
    let year: i32 = date.get(0..4)?.parse().ok()?;
    let month: u32 = date.get(5..7)?.parse().ok()?;
    let day: u32 = date.get(8..10)?.parse().ok()?;
    from_civil(year, month, day)
}

/// The day number of a calendar day; `None` when the month or day is out of range.
pub fn from_civil(year: i32, month: u32, day: u32) -> Option<i32> {
    ((1..=12).contains(&month) && day >= 1 && day <= days_in_month(year, month))
        .then(|| days_from_civil(year, month, day))
}

/// `YYYY-MM-DD` for a day number.
pub fn format_day(day: i32) -> String {
    let (y, m, d) = to_civil(day);
    format!("{y:04}-{m:02}-{d:02}")
}

/// (year, month, day) of a day number.
pub fn to_civil(days: i32) -> (i32, u32, u32) {
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

/// The weekday of a day number, Monday 0 to Sunday 6.
pub fn weekday(day: i32) -> u32 {
    // Day 0 was a Thursday.
    (day + 3).rem_euclid(7) as u32
}

/// Days in a month of a year.
pub fn days_in_month(year: i32, month: u32) -> u32 {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_days_convert_both_ways() {
        assert_eq!(day_number("1970-01-01"), Some(0));
        assert_eq!(day_number("2000-03-01"), Some(11_017));
        assert_eq!(format_day(11_017), "2000-03-01");
        assert_eq!(day_number("2019-02-29"), None);
        assert_eq!(
            day_number("2020-02-29").map(format_day).as_deref(),
            Some("2020-02-29")
        );
        assert_eq!(day_number("soon"), None);
        for d in [-800_000, -1, 0, 18_000, 20_000, 2_000_000] {
            let (y, m, dd) = to_civil(d);
            assert_eq!(from_civil(y, m, dd), Some(d));
        }
    }

    #[test]
    fn weekdays_start_on_monday() {
        // 2025-10-27 was a Monday, 1970-01-01 a Thursday.
        assert_eq!(day_number("2025-10-27").map(weekday), Some(0));
        assert_eq!(weekday(0), 3);
        assert_eq!(weekday(-1), 2);
    }
}
