//! Data for the date parser: month names and time-zone abbreviations.
//!
//! Only unambiguous abbreviations are listed. `IST` (India, Ireland, Israel), `CST` (US
//! Central, China, Cuba), `AST` (Atlantic, Arabia) and `BST` (British Summer, Bangladesh) are
//! left out on purpose: an unlisted abbreviation leaves the time without a zone, which
//! is honest, rather than with a wrong one.

/// How an abbreviation maps to a UTC offset.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ZoneOffset {
    /// A fixed offset in minutes east of UTC.
    Fixed(i32),
    /// A US generic zone (`ET`, `PT`...): `standard` minutes, plus an hour under US daylight
    /// saving time on the date in question.
    UsDaylight {
        /// The standard-time offset in minutes.
        standard: i32,
    },
}

/// Abbreviation (lower case) to offset. Example rows: `("pkt", Fixed(300))` for Pakistan
/// Standard Time, `("et", UsDaylight { standard: -300 })` for US Eastern.
const ZONES: &[(&str, ZoneOffset)] = {
    use ZoneOffset::{Fixed, UsDaylight};
    &[
        // North America
        ("est", Fixed(-300)),
        ("edt", Fixed(-240)),
        ("cdt", Fixed(-300)),
        ("mst", Fixed(-420)),
        ("mdt", Fixed(-360)),
        ("pst", Fixed(-480)),
        ("pdt", Fixed(-420)),
        ("akst", Fixed(-540)),
        ("akdt", Fixed(-480)),
        ("hst", Fixed(-600)),
        ("et", UsDaylight { standard: -300 }),
        ("ct", UsDaylight { standard: -360 }),
        ("mt", UsDaylight { standard: -420 }),
        ("pt", UsDaylight { standard: -480 }),
        // Europe
        ("wet", Fixed(0)),
        ("west", Fixed(60)),
        ("cet", Fixed(60)),
        ("cest", Fixed(120)),
        ("eet", Fixed(120)),
        ("eest", Fixed(180)),
        ("msk", Fixed(180)),
        ("trt", Fixed(180)),
        // Africa
        ("wat", Fixed(60)),
        ("cat", Fixed(120)),
        ("sast", Fixed(120)),
        ("eat", Fixed(180)),
        // Middle East and Asia
        ("gst", Fixed(240)),
        ("irst", Fixed(210)),
        ("aft", Fixed(270)),
        ("pkt", Fixed(300)),
        ("npt", Fixed(345)),
        ("ict", Fixed(420)),
        ("wib", Fixed(420)),
        ("sgt", Fixed(480)),
        ("hkt", Fixed(480)),
        ("pht", Fixed(480)),
        ("awst", Fixed(480)),
        ("jst", Fixed(540)),
        ("kst", Fixed(540)),
        ("acst", Fixed(570)),
        ("aest", Fixed(600)),
        ("aedt", Fixed(660)),
        ("nzst", Fixed(720)),
        ("nzdt", Fixed(780)),
    ]
};

/// The offset an abbreviation stands for, when it is listed and unambiguous.
pub fn zone_offset(abbreviation: &str) -> Option<ZoneOffset> {
    ZONES
        .iter()
        .find(|(name, _)| *name == abbreviation)
        .map(|(_, z)| *z)
}

/// Month names and abbreviations (lower case) in English, French, German, Spanish,
/// Portuguese, Italian and Dutch, to month numbers. Example rows: `("oct", 10)`,
/// `("octobre", 10)`.
const MONTHS: &[(&str, u32)] = &[
    ("january", 1),
    ("jan", 1),
    ("janvier", 1),
    ("januar", 1),
    ("jänner", 1),
    ("enero", 1),
    ("janeiro", 1),
    ("gennaio", 1),
    ("januari", 1),
    ("february", 2),
    ("feb", 2),
    ("febr", 2),
    ("février", 2),
    ("fevrier", 2),
    ("februar", 2),
    ("febrero", 2),
    ("fevereiro", 2),
    ("febbraio", 2),
    ("februari", 2),
    ("fév", 2),
    ("march", 3),
    ("mar", 3),
    ("mars", 3),
    ("märz", 3),
    ("marz", 3),
    ("marzo", 3),
    ("março", 3),
    ("maart", 3),
    ("april", 4),
    ("apr", 4),
    ("avril", 4),
    ("abril", 4),
    ("aprile", 4),
    ("may", 5),
    ("mai", 5),
    ("mayo", 5),
    ("maio", 5),
    ("maggio", 5),
    ("mei", 5),
    ("june", 6),
    ("jun", 6),
    ("juin", 6),
    ("juni", 6),
    ("junio", 6),
    ("junho", 6),
    ("giugno", 6),
    ("july", 7),
    ("jul", 7),
    ("juillet", 7),
    ("juli", 7),
    ("julio", 7),
    ("julho", 7),
    ("luglio", 7),
    ("august", 8),
    ("aug", 8),
    ("août", 8),
    ("aout", 8),
    ("agosto", 8),
    ("augustus", 8),
    ("september", 9),
    ("sep", 9),
    ("sept", 9),
    ("septembre", 9),
    ("septiembre", 9),
    ("setembro", 9),
    ("settembre", 9),
    ("october", 10),
    ("oct", 10),
    ("octobre", 10),
    ("oktober", 10),
    ("okt", 10),
    ("octubre", 10),
    ("outubro", 10),
    ("ottobre", 10),
    ("november", 11),
    ("nov", 11),
    ("novembre", 11),
    ("noviembre", 11),
    ("novembro", 11),
    ("december", 12),
    ("dec", 12),
    ("décembre", 12),
    ("decembre", 12),
    ("dezember", 12),
    ("dez", 12),
    ("diciembre", 12),
    ("dezembro", 12),
    ("dicembre", 12),
];

/// The month number of a lower-case month name or abbreviation.
pub fn month_number(word: &str) -> Option<u32> {
    MONTHS
        .iter()
        .find(|(name, _)| *name == word)
        .map(|(_, m)| *m)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn listed_zones_resolve_and_ambiguous_ones_do_not() {
        assert_eq!(zone_offset("pkt"), Some(ZoneOffset::Fixed(300)));
        assert_eq!(zone_offset("ast"), None);
        assert_eq!(zone_offset("ist"), None);
        assert_eq!(zone_offset("cst"), None);
    }

    #[test]
    fn months_resolve_in_several_languages() {
        assert_eq!(month_number("sept"), Some(9));
        assert_eq!(month_number("août"), Some(8));
        assert_eq!(month_number("mayday"), None);
    }
}
