//! From dictionary hits to mentions, one sentence at a time.
//!
//! Rules, in the order they are tried for each hit:
//! 1. **Qualified sector**: a country, demonym, capital, place, government, organisation or
//!    armed group, then (after an optional possessive and up to [`MAX_MODIFIERS`] modifier
//!    words) a title or sector noun: one mention with the combined code ("the Pakistani
//!    delegation" = PAKGOV, "Pakistan's defence minister" = PAKGOV, "UN troops" = IGOUNOMIL).
//!    A title may then be followed by a person: "Syrian President Bashar Assad".
//! 2. **Title + person**: a title followed by a known person takes the person's dated code
//!    ("Defense Minister Khawaja Asif" = PAKGOV); followed by capitalised words, those are the
//!    person's name ("General David Petraeus"), and "of X" after the name gives the country.
//! 3. **Sector + of X**: "president of Armenia", "police in Guyana", "officials from Pakistan";
//!    X may itself qualify a body, whose country the noun takes ("ministers from the Georgian
//!    government" = GEOGOV), and hyphenated adjectives may precede it ("dissidents from
//!    military-ruled Myanmar" = MMROPP). A sector word may qualify a body or polity noun
//!    first ("a strict Islamic state in northeastern Nigeria" = NGAMUS, [`QUALIFIED_HEADS`]).
//! 4. **Appositive**: a title or sector noun right before a country or organisation is
//!    dropped ("mediators Türkiye and Qatar" are Türkiye and Qatar).
//! 5. **Unqualified sector**: `attached` nouns ("side") are dropped; a spokesperson speaks
//!    for the sentence's one organisation; state sectors take the article's default country
//!    when there is one (dateline, else most mentioned country); civilians and people take
//!    the one place the sentence puts them in; others get `---` (unknown country), as in
//!    CAMEO. A titled stranger takes the sentence's only country unless that country
//!    qualifies another titled person ("South African leader F.W. de Klerk").
//! 6. **Capitals** act as the government unless a locative word comes before ("talks in
//!    Kabul"), a place word after ("Kabul-based") or they open the sentence as a dateline.
//! 7. **Coreference**: a later capitalised surname of a named person is that person; "he",
//!    "she", "him" refer to the last named person within [`PRONOUN_WINDOW`] sentences.
//!
//! After the rules: generic people (`PPL`) coordinated with civilians are civilians ("four
//! children and a man"), and an "ethnic" nationality takes the one other country the
//! sentence names ("ethnic Albanians in southern Serbia" = SRBCVL).
//!
//! Before the rules, hits that only describe something else are dropped: "non-Muslims",
//! "anti-government", "Al Qaeda-linked", "government-held", "military exercises", and a
//! sector noun after a modal ("we will judge").

use attache_model::{ActorKind, Mention, Span};

use super::matcher::{Hit, Via};
use super::words::*;
use crate::codes::{self, country_of};
use crate::date::Day;
use crate::dict::{ActorDictionary, Entry, EntryKind};
use crate::tokenize::Token;

mod links;
mod sectors;

use links::*;
use sectors::*;

/// What the composer needs to know about the document.
pub(crate) struct Context<'a> {
    pub dict: &'a ActorDictionary,
    pub text: &'a str,
    pub tokens: &'a [Token],
    pub day: Option<Day>,
    /// Country for unqualified state titles and bodies, and why it was chosen.
    pub default_country: Option<(String, String)>,
    pub country_name: &'a dyn Fn(&str) -> Option<String>,
}

/// A person seen so far, for coreference.
#[derive(Debug, Clone)]
struct Person {
    sentence: usize,
    code: String,
    name: String,
}

/// Coreference state carried from sentence to sentence.
#[derive(Debug, Default)]
pub(crate) struct Coref {
    persons: Vec<Person>,
    /// Folded surname to index in `persons` (the latest person with that surname).
    surnames: std::collections::HashMap<String, usize>,
    /// (sector, country, sentence) of qualified sector nouns, latest last: "the army" after
    /// "Pakistan's army chief" is Pakistan's.
    sectors: Vec<(String, String, usize)>,
}

struct Item {
    a: usize,
    b: usize,
    kind: ActorKind,
    code: String,
    name: String,
    why: String,
    /// The person's name, when the item is a named person (for coreference).
    person: Option<String>,
    /// The sector, when a country qualified a sector noun (for later unqualified ones).
    sector: Option<String>,
}

impl Context<'_> {
    fn entry(&self, hit: &Hit) -> &Entry {
        // Hits only ever point at entries of this dictionary.
        &self.dict.entries()[hit.entry as usize]
    }

    fn word(&self, t: usize) -> &str {
        self.tokens.get(t).map_or("", |tok| tok.text(self.text))
    }

    fn word_in(&self, t: usize, list: &[&str]) -> bool {
        let w = self.word(t);
        !w.is_empty() && list.iter().any(|l| l.eq_ignore_ascii_case(w))
    }

    fn hit_text(&self, a: usize, b: usize) -> &str {
        let (Some(first), Some(last)) = (self.tokens.get(a), self.tokens.get(b.saturating_sub(1)))
        else {
            return "";
        };
        self.text.get(first.start..last.end).unwrap_or("")
    }

    /// "kind 'text' file:line": built by hand, sized once, since every mention needs one
    /// (`format!` reallocates several times; this was a tenth of resolution time).
    fn describe(&self, hit: &Hit) -> String {
        use std::fmt::Write;
        let e = self.entry(hit);
        let text = self.hit_text(hit.a, hit.b);
        let mut out = String::with_capacity(48 + text.len() + e.name.len() + e.origin.file.len());
        match hit.via {
            Via::Alias(_) => {
                out.push_str(e.kind.as_str());
                out.push_str(" '");
                out.push_str(text);
                out.push_str("' ");
                out.push_str(&e.origin.file);
                let _ = write!(out, ":{}", e.origin.line);
            }
            Via::Acronym => {
                out.push_str("acronym '");
                out.push_str(text);
                out.push_str("' defined in the text for ");
                out.push_str(&e.name);
                out.push_str(" (");
                out.push_str(&e.origin.file);
                let _ = write!(out, ":{})", e.origin.line);
            }
        }
        out
    }

    fn code(&self, e: &Entry) -> String {
        e.code_at(self.day).to_string()
    }

    fn display_country(&self, code: &str) -> String {
        (self.country_name)(country_of(code)).unwrap_or_else(|| code.to_string())
    }
}

/// Compose the mentions of sentence `index` (tokens `range`) from its `hits`.
pub(crate) fn compose_sentence(
    ctx: &Context<'_>,
    hits: &[Hit],
    range: std::ops::Range<usize>,
    index: usize,
    coref: &mut Coref,
    out: &mut Vec<Mention>,
) {
    let mut items: Vec<Item> = Vec::new();
    let kept: Vec<Hit>;
    let hits = if hits.iter().any(|h| is_attribute(ctx, h, &range)) {
        kept = hits
            .iter()
            .copied()
            .filter(|h| !is_attribute(ctx, h, &range))
            .collect();
        &kept[..]
    } else {
        hits
    };
    let mut i = 0;
    while i < hits.len() {
        let h = hits[i];
        let e = ctx.entry(&h);
        if e.kind.is_sector() {
            i = sector_alone(ctx, hits, i, (&range, index), coref, &mut items);
            continue;
        }
        if let Some(j) = qualified_sector(ctx, hits, i) {
            i = compose_qualified(ctx, hits, i, j, &range, &mut items);
            continue;
        }
        if is_redundant_acronym(ctx, hits, i) {
            i += 1;
            continue;
        }
        if let Some(item) = standalone(ctx, &h, &range) {
            items.push(item);
        }
        i += 1;
    }
    add_coreference(ctx, &range, index, coref, &mut items);
    items.sort_by_key(|it| it.a);
    people_join_their_companions(ctx, &mut items);
    ethnic_groups_take_their_home(ctx, hits, &mut items);
    for item in &items {
        if let Some(name) = &item.person {
            register_person(coref, index, &item.code, name);
        }
        let country = country_of(&item.code);
        if let Some(sector) = &item.sector {
            if country.len() == 3 && country.bytes().all(|b| b.is_ascii_uppercase()) {
                coref
                    .sectors
                    .push((sector.clone(), country.to_string(), index));
            }
        }
    }
    for item in items {
        let (Some(first), Some(last)) = (ctx.tokens.get(item.a), ctx.tokens.get(item.b - 1)) else {
            continue;
        };
        out.push(Mention {
            span: Span::new(first.start, last.end),
            sentence: index,
            kind: item.kind,
            code: item.code,
            name: item.name,
            why: item.why,
        });
    }
}

/// "Four children and a man were killed": generic people (`PPL`) named together with
/// civilians are civilians too, as PETRARCH drops `PPL` for any other agent of the same
/// noun phrase. Only a plain coordination joins them ("and", "or", a comma, an article).
fn people_join_their_companions(ctx: &Context<'_>, items: &mut [Item]) {
    for k in 0..items.len() {
        let Some(country) = items[k].code.strip_suffix(PEOPLE_SECTOR) else {
            continue;
        };
        let coordinator = |t: usize| ctx.word_in(t, COORDINATORS);
        let joined = |x: &Item, y: &Item| {
            x.b <= y.a
                && y.a - x.b <= MAX_COORDINATION_WORDS
                && (x.b..y.a).all(|t| coordinator(t) || ctx.word_in(t, COORDINATION_FILLERS))
                && (x.b..y.a).any(coordinator)
        };
        let companion = [k.checked_sub(1), Some(k + 1)]
            .into_iter()
            .flatten()
            .filter_map(|j| items.get(j))
            .find(|o| {
                let other = o.code.strip_suffix(CIVILIAN_SECTOR);
                let same_place = other.is_some_and(|c| c == country || country == "---");
                same_place && (joined(o, &items[k]) || joined(&items[k], o))
            })
            .map(|o| (o.code.clone(), o.name.clone()));
        if let Some((code, name)) = companion {
            let item = &mut items[k];
            item.why = format!("{}; named with {name}: {code}", item.why);
            item.code = code;
        }
    }
}

/// "ethnic Albanians in southern Serbia" are Serbia's: CAMEO codes an ethnic group by the
/// country it lives in, which is the one other country the sentence names (`SRBCVL`; with a
/// sector, "ethnic Albanian guerrillas" in Macedonia are `MKDREB`). Without exactly one
/// such country the nationality stands.
fn ethnic_groups_take_their_home(ctx: &Context<'_>, hits: &[Hit], items: &mut [Item]) {
    for item in items.iter_mut() {
        let ethnic = item.a > 0 && ctx.word_in(item.a - 1, ETHNIC_WORDS);
        if !ethnic {
            continue;
        }
        let nationality = country_of(&item.code);
        let mut homes = hits
            .iter()
            .filter(|h| h.a >= item.b || h.b <= item.a)
            .map(|h| ctx.entry(h))
            .filter(|e| {
                matches!(
                    e.kind,
                    EntryKind::Country | EntryKind::Capital | EntryKind::Place
                )
            })
            .map(|e| country_of(e.code_at(ctx.day)))
            .filter(|c| *c != nationality);
        let Some(home) = homes.next() else {
            continue;
        };
        // Another place of the same country still leaves one home.
        if homes.any(|c| c != home) {
            continue;
        }
        let sector = item
            .code
            .get(3..)
            .filter(|s| !s.is_empty())
            .unwrap_or(CIVILIAN_SECTOR);
        item.code = format!("{home}{sector}");
        if item.kind != ActorKind::Person {
            item.kind = codes::kind_of(&item.code);
        }
        item.why = format!(
            "{}; an ethnic group of {home}, the other country named",
            item.why
        );
    }
}

/// A hit that only describes something else: "non-Muslims", "anti-government",
/// "Al Qaeda-linked", "government-held", "military exercises" (see [`NEGATING_PREFIXES`],
/// [`ATTRIBUTE_SUFFIXES`], [`ACTIVITY_NOUNS`]).
fn is_attribute(ctx: &Context<'_>, h: &Hit, range: &std::ops::Range<usize>) -> bool {
    let joiner = |t: usize| ctx.tokens.get(t).is_some_and(|tok| tok.is(Token::JOINER));
    let negated =
        h.a >= range.start + 2 && joiner(h.a - 1) && ctx.word_in(h.a - 2, NEGATING_PREFIXES);
    let attribute = h.b + 1 < range.end && joiner(h.b) && ctx.word_in(h.b + 1, ATTRIBUTE_SUFFIXES);
    // "military exercises": an agent noun used as an adjective before a thing.
    let adjective = ctx.entry(h).kind == EntryKind::Agent
        && h.b < range.end
        && ctx.word_in(h.b, ACTIVITY_NOUNS)
        && ctx.tokens.get(h.b).is_some_and(|t| !t.is(Token::CAP));
    // "We will judge both sides": a lowercase sector noun after a modal is a verb.
    let verb = ctx.entry(h).kind.is_sector()
        && h.a > range.start
        && h.b == h.a + 1
        && ctx.word_in(h.a - 1, MODALS)
        && ctx.tokens.get(h.a).is_some_and(|t| !t.is(Token::CAP));
    negated || attribute || adjective || verb
}

pub(super) fn can_qualify(kind: EntryKind) -> bool {
    matches!(
        kind,
        EntryKind::Country
            | EntryKind::Demonym
            | EntryKind::Capital
            | EntryKind::Place
            | EntryKind::Government
            | EntryKind::Organisation
            | EntryKind::ArmedGroup
            | EntryKind::Person
    )
}

/// The code a hit lends as a qualifier (capitals lend their country, places their country
/// or region: "Gaza police" = PSEGZACOP).
pub(super) fn qualifier_code(ctx: &Context<'_>, e: &Entry) -> String {
    let code = ctx.code(e);
    match e.kind {
        EntryKind::Capital => country_of(&code).to_string(),
        EntryKind::Place => codes::place_of(&code).to_string(),
        _ => code,
    }
}

/// If hit `i` qualifies the sector hit right after it, that hit's index.
pub(super) fn qualified_sector(ctx: &Context<'_>, hits: &[Hit], i: usize) -> Option<usize> {
    let h = &hits[i];
    if !can_qualify(ctx.entry(h).kind) {
        return None;
    }
    let j = i + 1;
    let g = hits.get(j)?;
    if !ctx.entry(g).kind.is_sector() {
        return None;
    }
    let mut modifiers = 0;
    let demonym = ctx.entry(h).kind == EntryKind::Demonym;
    let mut free_words = 0;
    for t in h.b..g.a {
        let tok = ctx.tokens.get(t)?;
        if tok.is(Token::POSSESSIVE) && t == h.b {
            continue;
        }
        // "Serbian Labour Minister", "Nicaragua's Sandinista government": a capitalised
        // word the dictionaries do not know is part of the title or name of the body.
        let capitalised = tok.is(Token::WORD) && tok.is(Token::CAP) && !ctx.word_in(t, NOT_NAMES);
        // A demonym is an adjective, so the noun phrase goes on: "French paper workers".
        let adjective_noun =
            demonym && free_words == 0 && tok.is(Token::WORD) && !tok.is(Token::CAP);
        if tok.is(Token::JOINER) || !(capitalised || ctx.word_in(t, MODIFIERS) || adjective_noun) {
            return None;
        }
        if adjective_noun && !ctx.word_in(t, MODIFIERS) {
            free_words += 1;
        }
        modifiers += 1;
    }
    (modifiers <= MAX_MODIFIERS).then_some(j)
}

/// Combine a qualifier's code with a sector: PAK + GOV = PAKGOV; a group keeps its own code;
/// a code that already has a sector keeps it for generic GOV titles ("Kremlin spokesman").
pub(super) fn combine(
    qualifier: &str,
    qualifier_kind: EntryKind,
    sector: &Entry,
    day: Option<Day>,
) -> String {
    let s = sector.code_at(day);
    if sector.prefix {
        return format!("{s}{qualifier}");
    }
    if qualifier_kind == EntryKind::ArmedGroup
        || qualifier.ends_with(s)
        || (qualifier.len() > 3 && s == "GOV")
    {
        return qualifier.to_string();
    }
    format!("{qualifier}{s}")
}

/// Kind of a sector mention: titles name people (a group when plural), nouns by their code.
pub(super) fn sector_kind(ctx: &Context<'_>, g: &Hit, code: &str) -> ActorKind {
    if ctx.entry(g).kind == EntryKind::Title {
        if is_plural(ctx, g) {
            ActorKind::Group
        } else {
            ActorKind::Person
        }
    } else {
        codes::kind_of(code)
    }
}

/// Plural when the last word ends in a plain -s ("officials", not "Congress" or "chief").
pub(super) fn is_plural(ctx: &Context<'_>, hit: &Hit) -> bool {
    let last = ctx.word(hit.b - 1).to_ascii_lowercase();
    last.ends_with('s') && !last.ends_with("ss") && !last.ends_with("us") && last.len() > 3
}
