//! Choosing the publication and modification times among what the page declares and what
//! it prints.
//!
//! Declared times (JSON-LD, `<meta>`) are trusted first: they are machine-written and carry
//! a zone. One pattern overturns them: a CMS that re-stamps `datePublished` every time an
//! article is saved declares a "published" time equal to its modified time, while the page
//! still prints the original, earlier date under the headline. When the declared
//! publication coincides with the modification and the printed publication date is
//! earlier, the printed date is the first publication.
//!
//! Schema.org's `datePublished` (JSON-LD or microdata) alone is weaker: schema plugins fill
//! it from the post's creation record, which survives every rewrite of an evergreen page,
//! while the date line under the headline is edited with the text. When schema.org is the
//! only declaration (no Open Graph `article:published_time` or other publication `<meta>`)
//! and the page prints another day with its headline, the printed date is the one the
//! page gives the text it serves, and wins, even when labelled "Updated". On the WCXB
//! development pages this matched the reference on 17 more pages and lost 1; where a
//! publication `<meta>` is present, the references keep the declared date.
//!
//! A page that names no publication at all but says when it was updated ("Updated <date>"
//! with its headline, `dateModified`) gets that date as `published` (last of all sources):
//! it is the only date the page gives the text it serves.

use super::dates::parse_date;
use super::jsonld::JsonLd;
use super::scan::Scan;
use super::visible::HeadlineDates;
use super::{keys, parsely_page, url, visible, DateSource, MetaLookup};
use crate::html::{Dom, NodeId};

/// How far apart (in days) a declared publication and the modification time may be and
/// still be one save stamp: the two are written by the same save, but one may be in UTC
/// and the other in local time, which moves the calendar date by one.
const SAME_SAVE_MAX_DAYS: i64 = 1;

/// The parts of a page the date sources read.
#[derive(Clone, Copy)]
pub(super) struct PageDates<'a> {
    pub dom: &'a Dom<'a>,
    pub scan: &'a Scan,
    pub meta: &'a MetaLookup<'a>,
    pub ld: &'a JsonLd,
    /// The headline element, near which printed dates are looked for.
    pub headline: Option<NodeId>,
    /// The dates printed near `headline`.
    pub headline_dates: &'a HeadlineDates,
}

/// The first publication time and where it came from.
pub(super) fn published(
    page: &PageDates,
    page_url: Option<&str>,
    modified: Option<&str>,
) -> (Option<String>, Option<DateSource>) {
    let PageDates {
        dom,
        scan,
        meta,
        ld,
        headline_dates,
        ..
    } = *page;
    if let Some((declared, source)) = declared_published(ld, meta) {
        if !meta_declares_published(meta) {
            if let Some(shown) = &headline_dates.shown {
                if disagrees(&declared, shown) {
                    return (Some(shown.clone()), Some(DateSource::Visible));
                }
            }
        }
        // The printed date is looked for only when the declared one may be a save stamp.
        if could_be_restamped(&declared, modified) {
            if let Some((printed, printed_source)) = printed_published(page) {
                if is_restamped(&declared, &printed, modified) {
                    return (Some(printed), Some(printed_source));
                }
            }
        }
        return (Some(declared), Some(source));
    }
    let printed = printed_published(page);
    // Without a declared time the sources keep their order of trust: a `<time>` or
    // microdata date, then the URL path, then dates printed in date-classed elements or
    // near the headline, then cued lines and script state anywhere on the page.
    if let Some((d, s)) = printed.as_ref().filter(|(_, s)| *s != DateSource::Visible) {
        return (Some(d.clone()), Some(*s));
    }
    if let Some(d) = page_url.and_then(url::date_from_url) {
        return (Some(d), Some(DateSource::Url));
    }
    if let Some((d, s)) = printed {
        return (Some(d), Some(s));
    }
    if let Some(d) = visible::cued_date(dom, scan) {
        return (Some(d), Some(DateSource::Visible));
    }
    if let Some(d) = visible::script_date(dom, scan) {
        return (Some(d), Some(DateSource::Script));
    }
    // A page that declares and prints no publication date but says when it was last
    // updated ("Updated <date>" under its headline, `dateModified`) gives that as the one
    // date of the text it serves: the text was published by then, and readers (and the
    // WCXB annotators, on every such page) take it as the article's date. Pages that also
    // name a publication never get here.
    match modified {
        Some(d) => (Some(d.to_string()), Some(DateSource::Modified)),
        None => (None, None),
    }
}

/// The last modification time.
pub(super) fn modified(page: &PageDates) -> Option<String> {
    let PageDates {
        dom,
        scan,
        meta,
        ld,
        headline,
        headline_dates,
    } = *page;
    ld.modified
        .as_deref()
        .and_then(parse_date)
        .or_else(|| {
            keys::MODIFIED
                .iter()
                .filter_map(|k| meta.first(k))
                .find_map(parse_date)
        })
        .or_else(|| visible::microdata_date(dom, scan, &["datemodified"]))
        .or_else(|| visible::time_element(dom, scan, headline, true))
        .or_else(|| visible::date_line(dom, scan, headline, true))
        .or_else(|| headline_dates.updated.clone())
}

/// Whether a `<meta>` tag other than a schema.org itemprop declares the publication time
/// (Open Graph `article:published_time` and its kin).
fn meta_declares_published(meta: &MetaLookup) -> bool {
    keys::PUBLISHED
        .iter()
        .filter(|k| !keys::PUBLISHED_SCHEMA_ORG.contains(k))
        .any(|k| meta.first(k).is_some())
}

/// Whether a printed date names another day than the declared one: more than
/// [`SAME_SAVE_MAX_DAYS`] apart, also when its day and month are read the other way round
/// (`09.10.2024` is 9 October in Europe and September 10 on US sites, and the parser
/// cannot know which).
fn disagrees(declared: &str, printed: &str) -> bool {
    let far = |p: &str| days_apart(declared, p).is_some_and(|d| d > SAME_SAVE_MAX_DAYS);
    far(printed) && swap_day_month(printed).is_none_or(|p| far(&p))
}

/// `YYYY-DD-MM` for `YYYY-MM-DD...` when the day could be a month.
fn swap_day_month(date: &str) -> Option<String> {
    let (y, m, d) = (date.get(0..4)?, date.get(5..7)?, date.get(8..10)?);
    let day: u32 = d.parse().ok()?;
    (1..=12).contains(&day).then(|| format!("{y}-{d}-{m}"))
}

/// Days between the calendar dates two RFC 3339 strings open with.
fn days_apart(a: &str, b: &str) -> Option<i64> {
    Some((day_number(a)? - day_number(b)?).abs())
}

/// The publication time the page declares: JSON-LD, then `<meta>` tags.
fn declared_published(ld: &JsonLd, meta: &MetaLookup) -> Option<(String, DateSource)> {
    if let Some(d) = ld.published.as_deref().and_then(parse_date) {
        return Some((d, DateSource::JsonLd));
    }
    keys::PUBLISHED
        .iter()
        .filter_map(|k| meta.first(k))
        .find_map(parse_date)
        .or_else(|| {
            parsely_page(meta, "pub_date")
                .as_deref()
                .and_then(parse_date)
        })
        .map(|d| (d, DateSource::MetaTag))
}

/// The publication date printed on the page near the headline: microdata, a `<time>`, a
/// date-classed element, a short date text under the headline (none marked as updates).
fn printed_published(page: &PageDates) -> Option<(String, DateSource)> {
    let PageDates {
        dom,
        scan,
        headline,
        headline_dates,
        ..
    } = *page;
    if let Some(d) = visible::microdata_date(dom, scan, &["datepublished", "datecreated"]) {
        return Some((d, DateSource::Microdata));
    }
    if let Some(d) = visible::time_element(dom, scan, headline, false) {
        return Some((d, DateSource::TimeElement));
    }
    visible::date_line(dom, scan, headline, false)
        .or_else(|| headline_dates.published.clone())
        .map(|d| (d, DateSource::Visible))
}

/// Whether a declared publication falls on the modification day (within
/// [`SAME_SAVE_MAX_DAYS`]), so that it may be a save stamp.
fn could_be_restamped(declared: &str, modified: Option<&str>) -> bool {
    match (day_number(declared), modified.and_then(day_number)) {
        (Some(d), Some(m)) => (d - m).abs() <= SAME_SAVE_MAX_DAYS,
        _ => false,
    }
}

/// Whether a declared publication time is a save stamp hiding an earlier printed date:
/// it falls on the modification day and the printed date is earlier.
fn is_restamped(declared: &str, printed: &str, modified: Option<&str>) -> bool {
    let (Some(declared_day), Some(printed_day)) = (day_number(declared), day_number(printed))
    else {
        return false;
    };
    printed_day < declared_day && could_be_restamped(declared, modified)
}

/// Days since 1970-01-01 of the calendar date an RFC 3339 string opens with.
fn day_number(s: &str) -> Option<i64> {
    let year: i64 = s.get(0..4)?.parse().ok()?;
    let month: i64 = s.get(5..7)?.parse().ok()?;
    let day: i64 = s.get(8..10)?.parse().ok()?;
    if !(1..=12).contains(&month) || !(1..=31).contains(&day) {
        return None;
    }
    Some(super::dates::days_from_civil(year, month, day))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn day_numbers_count_from_the_epoch() {
        assert_eq!(day_number("1970-01-01"), Some(0));
        assert_eq!(day_number("2000-03-01T10:00:00+02:00"), Some(11_017));
        assert_eq!(day_number("2024-12-31"), Some(20_088));
        assert_eq!(day_number("2025-13-01"), None);
        assert_eq!(day_number("soon"), None);
    }

    #[test]
    fn restamped_publication_gives_way_to_the_earlier_printed_date() {
        let modified = Some("2025-06-24T09:00:00+00:00");
        assert!(is_restamped(
            "2025-06-24T09:00:00+00:00",
            "2024-08-25",
            modified
        ));
        // Saved late in the evening UTC: the local day may be the previous one.
        assert!(is_restamped(
            "2025-12-19T02:41:00+00:00",
            "2025-12-18",
            Some("2025-12-18T20:00:00-06:00")
        ));
    }

    #[test]
    fn a_printed_date_disagrees_only_when_no_reading_of_it_agrees() {
        assert!(disagrees("2024-11-22T22:28:12+00:00", "2025-10-08"));
        // A day's difference is a time zone.
        assert!(!disagrees("2025-12-15T23:30:00-05:00", "2025-12-16"));
        // 09.10.2024 read day-first is 9 October; month-first it is the declared day.
        assert!(!disagrees("2024-09-10T08:00:00+00:00", "2024-10-09"));
        assert!(disagrees("2024-09-10", "2024-10-29"));
    }

    #[test]
    fn distinct_publication_and_update_are_kept() {
        // The declared publication differs from the modification: it is a real one.
        assert!(!is_restamped(
            "2021-12-10",
            "2021-12-09",
            Some("2025-03-30")
        ));
        // A printed date later than the declared one is an update shown to readers.
        assert!(!is_restamped(
            "2024-04-05",
            "2025-12-17",
            Some("2024-04-05")
        ));
        // Nothing to compare with.
        assert!(!is_restamped("2025-06-24", "2024-08-25", None));
    }
}
