//! Calendar days for dated dictionary roles ("Defence Minister from 2024-03-11").

use std::fmt;

/// A calendar day stored as `yyyymmdd`, so days compare as integers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Day(u32);

/// Two-digit years below this pivot are 20xx, the rest 19xx (TABARI/PETRARCH dictionaries
/// write `970217` for 1997 and `090915` for 2009; no entry predates 1930 in two digits).
const TWO_DIGIT_YEAR_PIVOT: u32 = 30;

impl Day {
    /// A day from its parts, `None` when month or day is out of range.
    pub fn new(year: u32, month: u32, day: u32) -> Option<Day> {
        ((1..=12).contains(&month) && (1..=31).contains(&day) && year <= 9999)
            .then_some(Day(year * 10_000 + month * 100 + day))
    }

    /// Parse `2025-10-30` (anything after the day, like a time, is ignored), `20251030`
    /// or the dictionaries' two-digit-year `251030`.
    pub fn parse(text: &str) -> Option<Day> {
        let text = text.trim();
        let bytes = text.as_bytes();
        if bytes.len() >= 10 && bytes[4] == b'-' && bytes[7] == b'-' {
            let y = text.get(0..4)?.parse().ok()?;
            let m = text.get(5..7)?.parse().ok()?;
            let d = text.get(8..10)?.parse().ok()?;
            return Day::new(y, m, d);
        }
        if !bytes.iter().all(u8::is_ascii_digit) {
            return None;
        }
        match bytes.len() {
            8 => Day::new(
                text[0..4].parse().ok()?,
                text[4..6].parse().ok()?,
                text[6..8].parse().ok()?,
            ),
            6 => {
                let yy: u32 = text[0..2].parse().ok()?;
                let year = if yy < TWO_DIGIT_YEAR_PIVOT {
                    2000 + yy
                } else {
                    1900 + yy
                };
                Day::new(year, text[2..4].parse().ok()?, text[4..6].parse().ok()?)
            }
            _ => None,
        }
    }

    /// The day as the integer `yyyymmdd`.
    pub fn as_u32(self) -> u32 {
        self.0
    }
}

impl fmt::Display for Day {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{:04}-{:02}-{:02}",
            self.0 / 10_000,
            self.0 / 100 % 100,
            self.0 % 100
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_iso_days_and_ignores_the_time() {
        assert_eq!(
            Day::parse("2025-10-30T14:05:00+05:00"),
            Day::new(2025, 10, 30)
        );
        assert_eq!(Day::parse("2021-08-15"), Day::new(2021, 8, 15));
    }

    #[test]
    fn two_digit_years_pivot_at_1930() {
        assert_eq!(Day::parse("970217"), Day::new(1997, 2, 17));
        assert_eq!(Day::parse("090915"), Day::new(2009, 9, 15));
        assert_eq!(Day::parse("320101"), Day::new(1932, 1, 1));
    }

    #[test]
    fn rejects_nonsense() {
        assert_eq!(Day::parse("2025-13-01"), None);
        assert_eq!(Day::parse("yesterday"), None);
        assert_eq!(Day::parse("12345"), None);
    }

    #[test]
    fn displays_as_iso() {
        assert_eq!(
            Day::parse("20080806").map(|d| d.to_string()),
            Some("2008-08-06".into())
        );
    }
}
