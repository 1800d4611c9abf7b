//! What CAMEO-style actor codes say about an actor: data only.
//!
//! A code is a chain of three-letter segments: a country (ISO 3166 alpha-3, `---` for an
//! unknown one) or an international prefix (`IGO`, `NGO`, `MNC`, `IMG`), then sectors
//! (`GOV`, `MIL`, `REB`...). `PAKGOV` is Pakistan's government, `IGOUNO` the UN.

use attache_model::ActorKind;

/// Sectors of the state: an actor with one of these is a government body.
pub const STATE_SECTORS: &[&str] = &["GOV", "MIL", "COP", "JUD", "LEG", "SPY", "PRE"];

/// Sectors of armed non-state actors.
pub const ARMED_SECTORS: &[&str] = &["REB", "INS", "UAF", "SEP", "RAD"];

/// Sectors of organisations (media, business, NGOs, health, education...).
pub const ORGANISATION_SECTORS: &[&str] = &["MED", "BUS", "NGO", "IGO", "MNC", "HLH", "EDU", "REL"];

/// Prefixes that stand where a country code would for international actors.
pub const INTERNATIONAL_PREFIXES: &[&str] = &["IGO", "NGO", "MNC", "NGM"];

/// Prefix of international militarized groups (al-Qaeda, Islamic State).
pub const ARMED_INTERNATIONAL_PREFIX: &str = "IMG";

/// Sectors that are neither the state's, armed nor organisations: people and their roles
/// (`OPP`, `CVL`, `REF`...), religions (`MUS`, `CHR`...) and the UN's and other bodies' own
/// segments (`UNO`, `PKO`, `ITP`).
pub const OTHER_SECTORS: &[&str] = &[
    "OPP", "PTY", "CVL", "PPL", "REF", "ELI", "LAB", "AGR", "CRM", "ENV", "HRI", "DEV", "MOD",
    "AMN", "IRC", "UIS", "UNO", "PKO", "MUS", "CHR", "JEW", "HIN", "BUD", "SHI", "SUN", "CTH",
    "ORT", "PRO", "SUF", "ATH", "JAN", "SIK", "TAO", "ZRO", "BAH", "CON", "DRZ", "ALE", "ITP",
    "INT", "SPR",
];

/// Every list of segments that name a sector or type of actor rather than a place (CAMEO's
/// role, religion and organisation codes); [`is_sector_segment`] reads them all, so a
/// sector added to any list is never taken for a region.
const SECTOR_LISTS: &[&[&str]] = &[
    STATE_SECTORS,
    ARMED_SECTORS,
    ORGANISATION_SECTORS,
    INTERNATIONAL_PREFIXES,
    &[ARMED_INTERNATIONAL_PREFIX],
    OTHER_SECTORS,
];

/// True when a three-letter segment after the country names a sector or type of actor. A
/// second segment that is not one is a region of the country: `PSEGZA` is the Gaza Strip,
/// `BIHSRP` Republika Srpska.
pub fn is_sector_segment(segment: &str) -> bool {
    SECTOR_LISTS.iter().any(|list| list.contains(&segment))
}

/// The first three-letter segment (the country or international prefix).
pub fn country_of(code: &str) -> &str {
    code.get(..3).unwrap_or(code)
}

/// The place a code names: the country, or the country and region when the second
/// segment is a region (`PSEGZA` stays `PSEGZA`, `PSEGOV` gives `PSE`).
pub fn place_of(code: &str) -> &str {
    match code.get(..6) {
        Some(place) if code.len() == 6 && !is_sector_segment(&code[3..6]) => place,
        _ => country_of(code),
    }
}

/// The segment after the country, if any ("GOV" in "PAKGOV").
pub fn sector_of(code: &str) -> Option<&str> {
    code.get(3..6)
}

/// True when the code names a state body (a government, army, police, court...).
pub fn is_state(code: &str) -> bool {
    sector_of(code).is_some_and(|s| STATE_SECTORS.contains(&s))
}

/// True when `sector` is a sector of the state.
pub fn is_state_sector(sector: &str) -> bool {
    STATE_SECTORS.contains(&country_of(sector))
}

/// The kind of actor a code names when nothing else tells.
pub fn kind_of(code: &str) -> ActorKind {
    let head = country_of(code);
    if head == ARMED_INTERNATIONAL_PREFIX {
        return ActorKind::ArmedGroup;
    }
    if INTERNATIONAL_PREFIXES.contains(&head) {
        return ActorKind::Organisation;
    }
    match sector_of(code) {
        None => ActorKind::Country,
        Some(s) if STATE_SECTORS.contains(&s) => ActorKind::Government,
        Some(s) if ARMED_SECTORS.contains(&s) => ActorKind::ArmedGroup,
        Some(s) if ORGANISATION_SECTORS.contains(&s) => ActorKind::Organisation,
        Some(_) => ActorKind::Group,
    }
}

/// The kind of a sector code used alone (an agent such as "police" = `COP`).
pub fn kind_of_sector(sector: &str) -> ActorKind {
    let s = country_of(sector);
    if STATE_SECTORS.contains(&s) {
        ActorKind::Government
    } else if ARMED_SECTORS.contains(&s) {
        ActorKind::ArmedGroup
    } else if ORGANISATION_SECTORS.contains(&s) {
        ActorKind::Organisation
    } else {
        ActorKind::Group
    }
}

/// A plausible actor code: three or more characters, uppercase letters, digits or `-`.
pub fn is_valid_code(code: &str) -> bool {
    code.len() >= 3
        && code
            .bytes()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'-')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_follow_the_segments() {
        assert_eq!(kind_of("PAK"), ActorKind::Country);
        assert_eq!(kind_of("PAKGOV"), ActorKind::Government);
        assert_eq!(kind_of("AFGREB"), ActorKind::ArmedGroup);
        assert_eq!(kind_of("IGOUNO"), ActorKind::Organisation);
        assert_eq!(kind_of("IMGMUSALQ"), ActorKind::ArmedGroup);
        assert_eq!(kind_of("PSECVL"), ActorKind::Group);
    }

    #[test]
    fn regions_are_places_and_sectors_are_not() {
        assert_eq!(place_of("PSEGZA"), "PSEGZA");
        assert_eq!(place_of("PSEGOV"), "PSE");
        assert_eq!(place_of("PSEGZACVL"), "PSE");
        assert_eq!(place_of("SYR"), "SYR");
    }

    #[test]
    fn every_listed_sector_is_a_sector_segment() {
        for sector in STATE_SECTORS
            .iter()
            .chain(ARMED_SECTORS)
            .chain(ORGANISATION_SECTORS)
        {
            assert!(is_sector_segment(sector), "{sector}");
            assert_eq!(place_of(&format!("PAK{sector}")), "PAK");
        }
        assert!(is_sector_segment("IMG") && is_sector_segment("CVL"));
        assert!(!is_sector_segment("GZA"));
    }
}
