//! Coded events: who did what to whom, in PLOVER and CAMEO, with the evidence.
//!
//! An [`Event`] is one coded action found in one sentence. It names its actors as lists (PLOVER
//! convention: "Türkiye and Qatar asked ..." is one event with two sources), carries both the
//! PLOVER 2.0 category and the CAMEO code it was coded as, says how sure the text is that the
//! act happened ([`Modality`]), who claims it ([`Event::claimed_by`]), and points at the words
//! that triggered it ([`Evidence`]) and the dictionary rule that fired ([`Event::rule`]).
//!
//! The JSON shape (one line per event in `attache code`) is this struct serialised with serde:
//! `source`/`target` lists of `{code, name, text, span}`, `plover {type, mode, intensity}`,
//! `cameo {code, goldstein, quad_class}`, `modality`, `claimed_by`, `location`, `date`,
//! `evidence {start, end, text}`, `rule`, `sentence`, `mentions`.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::Span;

/// One coded event in one sentence of an article.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Event {
    /// Deterministic identifier, derived from the article, sentence, code and actors, so a
    /// re-run over the same text gives the same id.
    #[serde(default)]
    pub id: String,
    /// Index of the sentence (in `Document::sentences`) the event was coded from.
    pub sentence: usize,
    /// Who acts; several for compound actors ("Türkiye and Qatar"). May be empty when the text
    /// names no codable actor.
    pub source: Vec<EventActor>,
    /// Who is acted upon; several for compound targets; empty when there is none.
    pub target: Vec<EventActor>,
    /// The PLOVER 2.0 coding; `None` only for codes PLOVER has no category for (CAMEO 01x
    /// statements, or test-only codes of a foreign dictionary).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub plover: Option<PloverCoding>,
    /// The CAMEO coding (the code the dictionaries gave, with its Goldstein value).
    pub cameo: CameoCoding,
    /// Whether the text asserts the act, denies it, announces it, or only supposes it.
    pub modality: Modality,
    /// The actor who says so, for reported speech and statements ("Tarar stated that ...").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub claimed_by: Option<EventActor>,
    /// Where it happened, when the text says so (else the dateline, when there is one).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub location: Option<EventLocation>,
    /// When it happened: the article date unless the text says otherwise (RFC 3339 date or
    /// date-time, as in `Article::published`); how it was found is in [`Event::dating`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// How the date was found, and whether the event is background (JSON: `date_basis`,
    /// `date_text`, `background`, beside `date`).
    #[serde(flatten, default)]
    pub dating: Dating,
    /// The words that triggered the event.
    pub evidence: Evidence,
    /// The dictionary pattern or rule that fired, as `file:line pattern` so a reader can check it.
    pub rule: String,
    /// How many times the article states this same event (1 when once).
    pub mentions: usize,
}

impl Event {
    /// Whether the event counts as a happening in series, heat maps and exports' default
    /// views: the text neither denies it nor only supposes it or makes it depend on a
    /// condition, and it is not background. Negated, hypothetical, conditional and background
    /// events are stored and shown, never counted unless asked for. Announced and intended
    /// acts count: PLOVER codes them as the acts they amount to (AGREE, THREATEN).
    pub fn is_happening(&self) -> bool {
        !self.dating.background
            && !matches!(
                self.modality,
                Modality::Negated | Modality::Hypothetical | Modality::Conditional
            )
    }
}

/// How an event's date was found.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Dating {
    /// Where the date comes from.
    #[serde(rename = "date_basis", default)]
    pub basis: DateBasis,
    /// The words that dated it, when the text did ("last week", "in 1990").
    #[serde(rename = "date_text", default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    /// The event lies clearly before the news the article reports ("in 1990", "since 2014",
    /// "last year"): context, kept out of timelines by default.
    #[serde(default, skip_serializing_if = "is_false")]
    pub background: bool,
}

fn is_false(b: &bool) -> bool {
    !*b
}

/// Where an event's date comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DateBasis {
    /// The article's publication date (no temporal expression in the sentence).
    #[default]
    Article,
    /// A temporal expression in the event's clause or sentence, resolved against the
    /// article date ([`Dating::text`] holds its words).
    Text,
    /// The article has no date: the day attache first saw it (fetch or ingest time, or
    /// `--date`), which may be later than the event.
    FirstSeen,
    /// No date at all.
    None,
}

impl DateBasis {
    /// The snake-case name used in JSON (`"first_seen"`).
    pub fn as_str(self) -> &'static str {
        match self {
            DateBasis::Article => "article",
            DateBasis::Text => "text",
            DateBasis::FirstSeen => "first_seen",
            DateBasis::None => "none",
        }
    }

    /// The basis with this snake-case name; `None` for other words.
    pub fn from_name(name: &str) -> Option<DateBasis> {
        [
            DateBasis::Article,
            DateBasis::Text,
            DateBasis::FirstSeen,
            DateBasis::None,
        ]
        .into_iter()
        .find(|b| b.as_str() == name.trim())
    }
}

/// An actor taking part in an event.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct EventActor {
    /// CAMEO-style actor code (`PAKGOV`, `AFGREB`, `IGOUNO`); empty when unknown.
    pub code: String,
    /// Canonical name of the actor.
    pub name: String,
    /// The words in the article that name it.
    pub text: String,
    /// Where those words are (byte offsets into `Article::text`).
    pub span: Span,
}

/// The sector of a private person (a civilian): the code of every named person no list
/// knows, given the story's country (`USACVL`).
pub const PRIVATE_PERSON_SECTOR: &str = "CVL";

impl EventActor {
    /// Whether the code leaves who this is to the name: no code, or a private person's,
    /// which every unlisted person of a story's country shares.
    pub fn known_by_name(&self) -> bool {
        self.code.is_empty() || self.code.get(3..6) == Some(PRIVATE_PERSON_SECTOR)
    }
}

/// Where an event happened.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct EventLocation {
    /// The place name as the text (or the dateline) gives it.
    pub name: String,
    /// The country, when known (ISO 3166 alpha-3, as in actor codes).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
    /// Where the place is named in the article; `None` when it comes from the dateline.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub span: Option<Span>,
}

/// The evidence for an event: the trigger words in the article.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Evidence {
    /// First byte of the evidence in `Article::text`.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
    /// The text under the span.
    pub text: String,
}

impl Evidence {
    /// The evidence as a [`Span`].
    pub fn span(&self) -> Span {
        Span::new(self.start, self.end)
    }
}

/// The PLOVER side of an event.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct PloverCoding {
    /// One of the 16 PLOVER 2.0 categories.
    #[serde(rename = "type")]
    pub category: PloverCategory,
    /// The PLOVER mode ("how"), when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mode: Option<String>,
    /// PLOVER contexts ("why"), possibly none.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub contexts: Vec<String>,
    /// Conflict–cooperation score from the PLOVER score table (−10 … +10).
    pub intensity: f32,
}

/// The CAMEO side of an event.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct CameoCoding {
    /// CAMEO event code as a string with its leading zero (`042`, `0352`, `1124`).
    pub code: String,
    /// Goldstein (1992) conflict–cooperation weight of the code (−10 … +10), as GDELT lists it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub goldstein: Option<f32>,
    /// GDELT `QuadClass` of the code's root.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quad_class: Option<QuadClass>,
}

/// The 16 event categories of PLOVER 2.0 (manual draft 2.0, Open Event Data Alliance).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default, Serialize, Deserialize,
)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum PloverCategory {
    /// Agree to, offer or promise cooperation (verbal cooperation).
    #[default]
    Agree,
    /// Meet, visit, host, talk by phone (verbal cooperation).
    Consult,
    /// Praise, endorse, sign, recognise (verbal cooperation).
    Support,
    /// Promise concessions with no immediate material effect (verbal cooperation).
    Concede,
    /// Material cooperation for mutual benefit (material cooperation).
    Cooperate,
    /// Material aid to the recipient (material cooperation).
    Aid,
    /// Withdraw, release, disarm, cease fire, allow access (material cooperation).
    Retreat,
    /// Ask for or demand something (verbal conflict).
    Request,
    /// Criticise, accuse, investigate (verbal conflict).
    Accuse,
    /// Refuse, decline, veto, defy (verbal conflict).
    Reject,
    /// Threaten (verbal conflict); a threat to attack is this, never ASSAULT.
    Threaten,
    /// Demonstrate, strike, riot, boycott (material conflict).
    Protest,
    /// Cut relations, aid or involvement (material conflict).
    Sanction,
    /// Raise alert, mobilise forces (material conflict).
    Mobilize,
    /// Seize, arrest, restrict, deport (material conflict).
    Coerce,
    /// Use violence (material conflict).
    Assault,
}

impl PloverCategory {
    /// All 16 categories in the order of the PLOVER manual's score table.
    pub const ALL: [PloverCategory; 16] = [
        PloverCategory::Agree,
        PloverCategory::Consult,
        PloverCategory::Support,
        PloverCategory::Concede,
        PloverCategory::Cooperate,
        PloverCategory::Aid,
        PloverCategory::Retreat,
        PloverCategory::Request,
        PloverCategory::Accuse,
        PloverCategory::Reject,
        PloverCategory::Threaten,
        PloverCategory::Protest,
        PloverCategory::Sanction,
        PloverCategory::Mobilize,
        PloverCategory::Coerce,
        PloverCategory::Assault,
    ];

    /// The upper-case PLOVER name (`"ASSAULT"`).
    pub fn as_str(self) -> &'static str {
        match self {
            PloverCategory::Agree => "AGREE",
            PloverCategory::Consult => "CONSULT",
            PloverCategory::Support => "SUPPORT",
            PloverCategory::Concede => "CONCEDE",
            PloverCategory::Cooperate => "COOPERATE",
            PloverCategory::Aid => "AID",
            PloverCategory::Retreat => "RETREAT",
            PloverCategory::Request => "REQUEST",
            PloverCategory::Accuse => "ACCUSE",
            PloverCategory::Reject => "REJECT",
            PloverCategory::Threaten => "THREATEN",
            PloverCategory::Protest => "PROTEST",
            PloverCategory::Sanction => "SANCTION",
            PloverCategory::Mobilize => "MOBILIZE",
            PloverCategory::Coerce => "COERCE",
            PloverCategory::Assault => "ASSAULT",
        }
    }

    /// The category with this PLOVER 2.0 name (case-insensitive); `None` for other names,
    /// including the 0.5b1 names (DEMAND, DISAPPROVE, FIGHT, INVESTIGATE), which the ontology
    /// tables map.
    pub fn from_name(name: &str) -> Option<PloverCategory> {
        PloverCategory::ALL
            .into_iter()
            .find(|c| c.as_str().eq_ignore_ascii_case(name.trim()))
    }

    /// The quad class PLOVER puts the category in. Note PROTEST: material conflict in PLOVER,
    /// while CAMEO root 14 (protest) is verbal conflict in GDELT's `QuadClass`.
    pub fn quad_class(self) -> QuadClass {
        use PloverCategory::*;
        match self {
            Agree | Consult | Support | Concede => QuadClass::VerbalCooperation,
            Cooperate | Aid | Retreat => QuadClass::MaterialCooperation,
            Request | Accuse | Reject | Threaten => QuadClass::VerbalConflict,
            Protest | Sanction | Mobilize | Coerce | Assault => QuadClass::MaterialConflict,
        }
    }
}

impl fmt::Display for PloverCategory {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// GDELT's four-way `QuadClass`, serialised as its number (1–4).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(into = "u8", try_from = "u8")]
pub enum QuadClass {
    /// 1: verbal cooperation (CAMEO roots 01–05).
    VerbalCooperation = 1,
    /// 2: material cooperation (CAMEO roots 06–08).
    MaterialCooperation = 2,
    /// 3: verbal conflict (CAMEO roots 09–14; GDELT counts PROTEST here).
    VerbalConflict = 3,
    /// 4: material conflict (CAMEO roots 15–20).
    MaterialConflict = 4,
}

impl QuadClass {
    /// The class GDELT gives a CAMEO code, from its two-digit root; `None` when the code does
    /// not start with a root 01–20.
    pub fn of_cameo(code: &str) -> Option<QuadClass> {
        let root: u8 = code.get(..2)?.parse().ok()?;
        match root {
            1..=5 => Some(QuadClass::VerbalCooperation),
            6..=8 => Some(QuadClass::MaterialCooperation),
            9..=14 => Some(QuadClass::VerbalConflict),
            15..=20 => Some(QuadClass::MaterialConflict),
            _ => None,
        }
    }
}

impl From<QuadClass> for u8 {
    fn from(q: QuadClass) -> u8 {
        q as u8
    }
}

impl TryFrom<u8> for QuadClass {
    type Error = String;
    fn try_from(n: u8) -> Result<QuadClass, String> {
        match n {
            1 => Ok(QuadClass::VerbalCooperation),
            2 => Ok(QuadClass::MaterialCooperation),
            3 => Ok(QuadClass::VerbalConflict),
            4 => Ok(QuadClass::MaterialConflict),
            _ => Err(format!("quad class must be 1–4, got {n}")),
        }
    }
}

/// How the text presents the act: done, denied, announced, intended, supposed, or conditional.
/// Anything but `Asserted` is not a plain report that the act happened.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Modality {
    /// The text says it happened (or is happening).
    #[default]
    Asserted,
    /// The text says it did not happen ("did not commit", "failed to provide", "refused").
    Negated,
    /// The text says it will happen ("will", "expected to", "next round").
    Future,
    /// An actor means to do it ("ready to", "intends to", "plans to").
    Intended,
    /// The text only supposes it ("could", "would", "does not need to ... to obliterate").
    Hypothetical,
    /// It depends on a condition ("if tensions escalate").
    Conditional,
}

impl Modality {
    /// Every modality, asserted first.
    pub const ALL: [Modality; 6] = [
        Modality::Asserted,
        Modality::Negated,
        Modality::Future,
        Modality::Intended,
        Modality::Hypothetical,
        Modality::Conditional,
    ];

    /// The modality with this snake-case name (case-insensitive); `None` for other words.
    pub fn from_name(name: &str) -> Option<Modality> {
        Modality::ALL
            .into_iter()
            .find(|m| m.as_str().eq_ignore_ascii_case(name.trim()))
    }

    /// The snake-case name used in JSON (`"negated"`).
    pub fn as_str(self) -> &'static str {
        match self {
            Modality::Asserted => "asserted",
            Modality::Negated => "negated",
            Modality::Future => "future",
            Modality::Intended => "intended",
            Modality::Hypothetical => "hypothetical",
            Modality::Conditional => "conditional",
        }
    }
}

impl fmt::Display for Modality {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Event {
        Event {
            id: "e1".into(),
            sentence: 3,
            source: vec![EventActor {
                code: "PAK".into(),
                name: "Pakistan".into(),
                text: "Pakistan".into(),
                span: Span::new(10, 18),
            }],
            target: vec![],
            plover: Some(PloverCoding {
                category: PloverCategory::Threaten,
                mode: Some("violence".into()),
                contexts: vec![],
                intensity: -3.5,
            }),
            cameo: CameoCoding {
                code: "138".into(),
                goldstein: Some(-7.0),
                quad_class: Some(QuadClass::VerbalConflict),
            },
            modality: Modality::Conditional,
            claimed_by: None,
            location: None,
            date: Some("2025-10-30".into()),
            dating: Dating::default(),
            evidence: Evidence {
                start: 19,
                end: 27,
                text: "warned".into(),
            },
            rule: "patterns.txt:12 warn".into(),
            mentions: 1,
        }
    }

    #[test]
    fn event_json_has_the_documented_shape() {
        let json = serde_json::to_value(sample()).unwrap_or_default();
        assert_eq!(json["plover"]["type"], "THREATEN");
        assert_eq!(json["cameo"]["quad_class"], 3);
        assert_eq!(json["modality"], "conditional");
        assert_eq!(json["evidence"]["text"], "warned");
        assert_eq!(json["source"][0]["span"]["start"], 10);
        assert!(json.get("claimed_by").is_none());
    }

    #[test]
    fn dating_is_flat_in_json_and_background_only_when_set() {
        let mut e = sample();
        let json = serde_json::to_value(&e).unwrap_or_default();
        assert_eq!(json["date_basis"], "article");
        assert!(json.get("background").is_none() && json.get("date_text").is_none());
        e.dating = Dating {
            basis: DateBasis::Text,
            text: Some("in 1990".into()),
            background: true,
        };
        let json = serde_json::to_value(&e).unwrap_or_default();
        assert_eq!(
            (&json["date_basis"], &json["date_text"], &json["background"]),
            (
                &serde_json::json!("text"),
                &serde_json::json!("in 1990"),
                &serde_json::json!(true)
            )
        );
        let back: Event = serde_json::from_value(json).unwrap_or_default();
        assert_eq!(back, e);
        // Events written before dating existed read as dated by the article.
        let old: Event = serde_json::from_str(r#"{"sentence":0,"source":[],"target":[],"cameo":{"code":"010"},"modality":"asserted","evidence":{"start":0,"end":0,"text":""},"rule":"","mentions":1}"#).unwrap_or_default();
        assert_eq!(old.dating, Dating::default());
        assert_eq!(
            DateBasis::from_name("first_seen"),
            Some(DateBasis::FirstSeen)
        );
    }

    #[test]
    fn negated_supposed_conditional_and_background_events_are_no_happenings() {
        let mut e = sample();
        for (m, counted) in [
            (Modality::Asserted, true),
            (Modality::Future, true),
            (Modality::Intended, true),
            (Modality::Negated, false),
            (Modality::Hypothetical, false),
            (Modality::Conditional, false),
        ] {
            e.modality = m;
            assert_eq!(e.is_happening(), counted, "{m}");
        }
        e.modality = Modality::Asserted;
        e.dating.background = true;
        assert!(!e.is_happening());
    }

    #[test]
    fn event_round_trips_through_json() {
        let e = sample();
        let text = serde_json::to_string(&e).unwrap_or_default();
        let back: Event = serde_json::from_str(&text).unwrap_or_default();
        assert_eq!(back, e);
    }

    #[test]
    fn modality_names_round_trip_and_other_words_do_not_parse() {
        for m in Modality::ALL {
            assert_eq!(Modality::from_name(m.as_str()), Some(m));
        }
        assert_eq!(Modality::from_name(" Negated "), Some(Modality::Negated));
        assert_eq!(Modality::from_name("maybe"), None);
    }

    #[test]
    fn plover_names_parse_case_insensitively_and_legacy_names_do_not() {
        assert_eq!(
            PloverCategory::from_name("assault"),
            Some(PloverCategory::Assault)
        );
        assert_eq!(PloverCategory::from_name("DEMAND"), None);
        assert_eq!(PloverCategory::ALL.len(), 16);
    }

    #[test]
    fn quad_class_follows_gdelt_roots() {
        assert_eq!(
            QuadClass::of_cameo("042"),
            Some(QuadClass::VerbalCooperation)
        );
        assert_eq!(
            QuadClass::of_cameo("0874"),
            Some(QuadClass::MaterialCooperation)
        );
        assert_eq!(QuadClass::of_cameo("145"), Some(QuadClass::VerbalConflict));
        assert_eq!(
            QuadClass::of_cameo("190"),
            Some(QuadClass::MaterialConflict)
        );
        assert_eq!(QuadClass::of_cameo("903"), None);
        assert!(QuadClass::try_from(5).is_err());
    }
}
