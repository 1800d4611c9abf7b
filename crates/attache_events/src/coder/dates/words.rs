//! The words event dating reads (data only; the algorithm is in `dates/mod.rs`). Words are
//! lower case, as the coder's tokens are.

/// How far a relative expression moves from the article's day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Shift {
    /// That many days (the day itself).
    Days(i32),
    /// The calendar month that many months away (the whole month).
    Months(i32),
    /// The calendar year that many years away (the whole year).
    Years(i32),
}

/// Relative expressions, longest first where one starts another ("last night" before
/// "last"). Vague ones ("decades ago") take a round figure: what matters is that they are
/// far beyond the news window.
pub(crate) const RELATIVE: &[(&str, Shift)] = &[
    ("the day before yesterday", Shift::Days(-2)),
    ("yesterday", Shift::Days(-1)),
    ("last night", Shift::Days(-1)),
    ("today", Shift::Days(0)),
    ("tonight", Shift::Days(0)),
    ("this morning", Shift::Days(0)),
    ("this afternoon", Shift::Days(0)),
    ("this evening", Shift::Days(0)),
    ("tomorrow", Shift::Days(1)),
    ("last week", Shift::Days(-7)),
    ("last weekend", Shift::Days(-7)),
    ("earlier this week", Shift::Days(-2)),
    ("this week", Shift::Days(0)),
    ("next week", Shift::Days(7)),
    ("last month", Shift::Months(-1)),
    ("earlier this month", Shift::Months(0)),
    ("this month", Shift::Months(0)),
    ("next month", Shift::Months(1)),
    ("last year", Shift::Years(-1)),
    ("earlier this year", Shift::Years(0)),
    ("this year", Shift::Years(0)),
    ("next year", Shift::Years(1)),
    ("decades ago", Shift::Years(-20)),
    ("years ago", Shift::Years(-3)),
];

/// "N days ago": the unit words and how many days one of them is (months and years count
/// whole calendar periods, see [`Shift`]).
pub(crate) const AGO_UNITS: &[(&str, &str)] = &[
    ("day", "days"),
    ("week", "weeks"),
    ("month", "months"),
    ("year", "years"),
];

/// Number words read before an "ago" unit ("two weeks ago").
pub(crate) const NUMBERS: &[(&str, i32)] = &[
    ("a", 1),
    ("one", 1),
    ("two", 2),
    ("three", 3),
    ("four", 4),
    ("five", 5),
    ("six", 6),
    ("seven", 7),
    ("eight", 8),
    ("nine", 9),
    ("ten", 10),
    ("several", 3),
    ("few", 3),
];

/// Weekday names, Monday first.
pub(crate) const WEEKDAYS: [&str; 7] = [
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

/// Month names and their abbreviations ("sept", "nov"), January first. "may" and "march"
/// are verbs too, so every month name needs a day, a year or one of [`MONTH_LEADS`] beside
/// it to count.
pub(crate) const MONTHS: [&[&str]; 12] = [
    &["january", "jan"],
    &["february", "feb"],
    &["march", "mar"],
    &["april", "apr"],
    &["may"],
    &["june", "jun"],
    &["july", "jul"],
    &["august", "aug"],
    &["september", "sept", "sep"],
    &["october", "oct"],
    &["november", "nov"],
    &["december", "dec"],
];

/// Words that make a bare month or year a date ("in March", "since 2014"). Deadlines ("by
/// 2022", "until March") are left out: they date a promise's term, not the act.
pub(crate) const MONTH_LEADS: &[&str] = &["in", "since", "during", "early", "late", "mid", "from"];

/// Words that make a bare four-digit number a year.
pub(crate) const YEAR_LEADS: &[&str] = &["in", "since", "during", "from"];

/// The word that makes a date the start of an ongoing state ("since 2014").
pub(crate) const SINCE: &str = "since";

/// Before a weekday: the next one after the article's day, not the last.
pub(crate) const NEXT: &str = "next";

/// Before a weekday: strictly before the article's day.
pub(crate) const LAST: &str = "last";
