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
//! 3. **Sector + of X**: "president of Armenia", "police in Guyana", "officials from Pakistan".
//! 4. **Appositive**: a title or sector noun right before a country or organisation is
//!    dropped ("mediators Türkiye and Qatar" are Türkiye and Qatar).
//! 5. **Unqualified sector**: `attached` nouns ("side") are dropped; state sectors take the
//!    article's default country when there is one (dateline, else most mentioned country),
//!    others get `---` (unknown country), as in CAMEO.
//! 6. **Capitals** act as the government unless a locative word comes before ("talks in
//!    Kabul"), a place word after ("Kabul-based") or they open the sentence as a dateline.
//! 7. **Coreference**: a later capitalised surname of a named person is that person; "he",
//!    "she", "him" refer to the last named person within [`PRONOUN_WINDOW`] sentences.

use attache_model::{ActorKind, Mention, Span};

use super::matcher::{Hit, Via};
use super::words::*;
use crate::codes::{self, country_of};
use crate::date::Day;
use crate::dict::{ActorDictionary, Entry, EntryKind};
use crate::tokenize::Token;

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

    fn describe(&self, hit: &Hit) -> String {
        let e = self.entry(hit);
        let text = self.hit_text(hit.a, hit.b);
        match hit.via {
            Via::Alias(_) => format!("{} '{}' {}", e.kind.as_str(), text, e.origin),
            Via::Acronym => format!(
                "acronym '{}' defined in the text for {} ({})",
                text, e.name, e.origin
            ),
        }
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

fn can_qualify(kind: EntryKind) -> bool {
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

/// The code a hit lends as a qualifier (capitals and places lend their country).
fn qualifier_code(ctx: &Context<'_>, e: &Entry) -> String {
    let code = ctx.code(e);
    match e.kind {
        EntryKind::Capital | EntryKind::Place => country_of(&code).to_string(),
        _ => code,
    }
}

/// If hit `i` qualifies the sector hit right after it, that hit's index.
fn qualified_sector(ctx: &Context<'_>, hits: &[Hit], i: usize) -> Option<usize> {
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
fn combine(qualifier: &str, qualifier_kind: EntryKind, sector: &Entry, day: Option<Day>) -> String {
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
fn sector_kind(ctx: &Context<'_>, g: &Hit, code: &str) -> ActorKind {
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
fn is_plural(ctx: &Context<'_>, hit: &Hit) -> bool {
    let last = ctx.word(hit.b - 1).to_ascii_lowercase();
    last.ends_with('s') && !last.ends_with("ss") && !last.ends_with("us") && last.len() > 3
}

/// Rule 1: qualifier `i` + sector `j` (+ a person after a title).
fn compose_qualified(
    ctx: &Context<'_>,
    hits: &[Hit],
    i: usize,
    j: usize,
    range: &std::ops::Range<usize>,
    items: &mut Vec<Item>,
) -> usize {
    let (h, g) = (&hits[i], &hits[j]);
    let (qe, ge) = (ctx.entry(h), ctx.entry(g));
    let qcode = qualifier_code(ctx, qe);
    let mut code = combine(&qcode, qe.kind, ge, ctx.day);
    let mut why = format!("{} + {}", ctx.describe(h), ctx.describe(g));
    let mut end = g.b;
    let mut next = j + 1;
    let mut person = None;
    let mut name = format!("{} {}", ctx.display_country(&qcode), ge.name.to_lowercase());
    if matches!(
        qe.kind,
        EntryKind::Organisation | EntryKind::ArmedGroup | EntryKind::Government
    ) {
        name = format!("{} {}", qe.name, ge.name.to_lowercase());
    }
    let mut kind = sector_kind(ctx, g, &code);
    if ge.kind == EntryKind::Title {
        if let Some(found) = person_after(ctx, hits, j, range) {
            end = found.end;
            next += found.consumed;
            // "U.N. mediator Diego Cordovez" acts for the UN, whatever his nationality.
            if let Some(c) = found.code.filter(|_| qe.kind != EntryKind::Organisation) {
                code = c;
            }
            why = format!("{why} + {}", found.why);
            name = found.name.clone();
            person = Some(found.name);
            kind = ActorKind::Person;
        }
    } else if ge.kind == EntryKind::Agent && codes::kind_of(&code) == ActorKind::Country {
        kind = ActorKind::Group;
    }
    let sector = Some(ge.code_at(ctx.day).to_string());
    items.push(Item {
        a: h.a,
        b: end,
        kind,
        code,
        name,
        why,
        person,
        sector,
    });
    next
}

/// A person found right after a title.
struct PersonAfter {
    /// One past the person's last token.
    end: usize,
    /// The person's code when the dictionary knows them.
    code: Option<String>,
    name: String,
    why: String,
    /// Hits used up (1 for a dictionary person, 0 for a name run).
    consumed: usize,
}

/// After the title `hits[j]`: a known person right there, or a run of name words.
fn person_after(
    ctx: &Context<'_>,
    hits: &[Hit],
    j: usize,
    range: &std::ops::Range<usize>,
) -> Option<PersonAfter> {
    let g = &hits[j];
    if let Some(p) = hits.get(j + 1) {
        let pe = ctx.entry(p);
        if p.a == g.b && pe.kind == EntryKind::Person {
            let why = format!("{} (role on {})", ctx.describe(p), day_text(ctx.day));
            return Some(PersonAfter {
                end: p.b,
                code: Some(ctx.code(pe)),
                name: pe.name.clone(),
                why,
                consumed: 1,
            });
        }
    }
    let limit = hits.get(j + 1).map_or(range.end, |p| p.a.min(range.end));
    let end = name_run(ctx, g.b, limit)?;
    let name = ctx.hit_text(g.b, end).to_string();
    let why = format!("name '{name}' after the title");
    Some(PersonAfter {
        end,
        code: None,
        name,
        why,
        consumed: 0,
    })
}

fn day_text(day: Option<Day>) -> String {
    day.map_or_else(|| "today".to_string(), |d| d.to_string())
}

/// Capitalised words after a title: the person's name. `None` when there is none.
fn name_run(ctx: &Context<'_>, start: usize, limit: usize) -> Option<usize> {
    let mut t = start;
    let mut words = 0;
    let mut end = None;
    while t < limit && words < MAX_NAME_WORDS {
        let tok = ctx.tokens.get(t)?;
        if tok.is(Token::JOINER) && end == Some(t) {
            t += 1;
            continue;
        }
        if tok.is(Token::WORD) && tok.is(Token::CAP) && !ctx.word_in(t, NOT_NAMES) {
            words += 1;
            t += 1;
            // An initial keeps its period: "J. K. Smith".
            if tok.end - tok.start == 1 && ctx.word(t) == "." && t < limit {
                t += 1;
            }
            end = Some(t);
            continue;
        }
        let particle = tok.is(Token::WORD) && !tok.is(Token::CAP) && ctx.word_in(t, NAME_PARTICLES);
        if particle
            && end.is_some()
            && ctx
                .tokens
                .get(t + 1)
                .is_some_and(|n| n.is(Token::CAP) || n.is(Token::JOINER))
        {
            t += 1;
            continue;
        }
        break;
    }
    end
}

/// Rules 2-5 for a title or sector noun with no qualifier before it. Returns the next hit.
fn sector_alone(
    ctx: &Context<'_>,
    hits: &[Hit],
    i: usize,
    (range, index): (&std::ops::Range<usize>, usize),
    coref: &Coref,
    items: &mut Vec<Item>,
) -> usize {
    let g = &hits[i];
    let ge = ctx.entry(g);
    // Extend over modifiers before it ("Federal Information Minister").
    let floor = if i > 0 { hits[i - 1].b } else { range.start };
    let mut a = g.a;
    while a > floor && ctx.word_in(a - 1, MODIFIERS) {
        a -= 1;
    }
    if ge.kind == EntryKind::Title {
        if let Some(found) = person_after(ctx, hits, i, range) {
            let PersonAfter {
                end,
                code: known,
                name,
                why: p_why,
                consumed,
            } = found;
            let after = i + 1 + consumed;
            let (mut b, mut next) = (end, after);
            let (code, why) = match known {
                Some(code) => (code, format!("{} + {}", ctx.describe(g), p_why)),
                None => match of_country(ctx, ge, hits, after, end, range) {
                    // "King Hassan of Morocco".
                    Some((k, x_end)) => {
                        let q = &hits[k];
                        let qe = ctx.entry(q);
                        (b, next) = (x_end, k + 1);
                        let code = combine(&qualifier_code(ctx, qe), qe.kind, ge, ctx.day);
                        (
                            code,
                            format!("{} + {} + of {}", ctx.describe(g), p_why, ctx.describe(q)),
                        )
                    }
                    None => {
                        let (code, how) = unknown_person_code(ctx, hits, ge, &name, coref);
                        (code, format!("{} + {}; {}", ctx.describe(g), p_why, how))
                    }
                },
            };
            items.push(Item {
                a,
                b,
                kind: ActorKind::Person,
                code,
                name: name.clone(),
                why,
                person: Some(name),
                sector: None,
            });
            return next;
        }
    }
    if let Some((k, b)) = of_country(ctx, ge, hits, i + 1, g.b, range) {
        let q = &hits[k];
        let qe = ctx.entry(q);
        let qcode = qualifier_code(ctx, qe);
        let code = combine(&qcode, qe.kind, ge, ctx.day);
        let why = format!("{} + of {}", ctx.describe(g), ctx.describe(q));
        let name = format!("{} {}", ctx.display_country(&qcode), ge.name.to_lowercase());
        items.push(Item {
            a,
            b,
            kind: sector_kind(ctx, g, &code),
            code,
            name,
            why,
            person: None,
            sector: None,
        });
        return k + 1;
    }
    if let Some(next) = hits.get(i + 1) {
        let nk = ctx.entry(next).kind;
        let appositive = next.a == g.b
            && matches!(
                nk,
                EntryKind::Country
                    | EntryKind::Organisation
                    | EntryKind::ArmedGroup
                    | EntryKind::Government
            );
        if appositive {
            return i + 1;
        }
    }
    if ge.kind == EntryKind::Attached {
        return i + 1;
    }
    let sector = ge.code_at(ctx.day).to_string();
    let in_sentence = items.iter().rev().find_map(|it| {
        let country = country_of(&it.code);
        (it.sector.as_deref() == Some(sector.as_str()) && !country.starts_with('-'))
            .then(|| (country.to_string(), index))
    });
    let earlier = coref
        .sectors
        .iter()
        .rev()
        .find(|(s, _, sentence)| *s == sector && index - sentence < SECTOR_WINDOW)
        .map(|(_, c, sentence)| (c.clone(), *sentence));
    // Only a definite reference points back ("the army"); "rival militias" is someone new.
    let definite = a > range.start && ctx.word_in(a - 1, DEFINITE);
    // In the same sentence any mention of the sector points back ("Gen. Munir, Pakistan's
    // army chief, told troops").
    let recent = if ge.prefix {
        None
    } else if definite {
        in_sentence.or(earlier)
    } else {
        in_sentence
    };
    if let Some((country, sentence)) = recent {
        let code = format!("{country}{sector}");
        let why = format!(
            "{}; same {sector} as in sentence {sentence}: {country}",
            ctx.describe(g)
        );
        let name = ge.name.to_lowercase();
        items.push(Item {
            a,
            b: g.b,
            kind: sector_kind(ctx, g, &code),
            code,
            name,
            why,
            person: None,
            sector: None,
        });
        return i + 1;
    }
    // Bodies take the country of the places in the sentence ("a police post in Khyber
    // Pakhtunkhwa"), not of countries named for other reasons ("China's assistance").
    let places: Vec<Hit> = hits
        .iter()
        .copied()
        .filter(|h| ctx.entry(h).kind == EntryKind::Place)
        .collect();
    let fallback = fallback_country(ctx, &places, &sector);
    let (code, why) = match fallback {
        Some((country, reason)) if !ge.prefix => (
            format!("{country}{sector}"),
            format!(
                "{}; no country qualifies it, {country} ({reason})",
                ctx.describe(g)
            ),
        ),
        _ if ge.prefix => (sector.clone(), ctx.describe(g)),
        _ => (
            format!("---{sector}"),
            format!("{}; country unknown", ctx.describe(g)),
        ),
    };
    let name = ge.name.to_lowercase();
    items.push(Item {
        a,
        b: g.b,
        kind: sector_kind(ctx, g, &code),
        code,
        name,
        why,
        person: None,
        sector: None,
    });
    i + 1
}

/// Code of an unknown person named after a title: a person of that surname seen earlier,
/// else the default country (state titles) or `---`.
fn unknown_person_code(
    ctx: &Context<'_>,
    hits: &[Hit],
    ge: &Entry,
    name: &str,
    coref: &Coref,
) -> (String, String) {
    if let Some(surname) = name.split_whitespace().last() {
        if let Some(&p) = coref.surnames.get(&crate::fold::fold(surname)) {
            let person = &coref.persons[p];
            return (
                person.code.clone(),
                format!(
                    "same person as {} (sentence {})",
                    person.name, person.sentence
                ),
            );
        }
    }
    let sector = ge.code_at(ctx.day);
    match fallback_country(ctx, hits, sector) {
        Some((country, reason)) => (
            format!("{country}{sector}"),
            format!("{country} ({reason})"),
        ),
        None => (format!("---{sector}"), "country unknown".into()),
    }
}

/// Country of an unqualified state title or body: the only country the sentence names (for
/// named people, passed their sentence's `hits`: "President Omar El Bashir ... in Sudan"),
/// else the article's default. Bodies are passed only the sentence's places: "the government
/// expressed appreciation for China's assistance" is not China's. Non-state sectors
/// ("insurgents") stay unknown, as in CAMEO.
fn fallback_country(ctx: &Context<'_>, hits: &[Hit], sector: &str) -> Option<(String, String)> {
    if !codes::is_state_sector(sector) {
        return None;
    }
    let countries = hits
        .iter()
        .map(|h| ctx.entry(h))
        .filter(|e| {
            matches!(
                e.kind,
                EntryKind::Country | EntryKind::Demonym | EntryKind::Capital | EntryKind::Place
            )
        })
        .map(|e| country_of(e.code_at(ctx.day)).to_string())
        .collect::<std::collections::BTreeSet<_>>();
    if countries.len() == 1 {
        if let Some(c) = countries.into_iter().next() {
            return Some((c, "the only country in the sentence".into()));
        }
    }
    ctx.default_country
        .clone()
        .map(|(c, reason)| (c, format!("article default: {reason}")))
}

/// "of/in/from/for [the] [modifiers] X" starting at token `from`, where X is the next hit
/// (index `k` from `next_hit`) and can qualify: `Some((k, end of X))`.
fn of_country(
    ctx: &Context<'_>,
    sector: &Entry,
    hits: &[Hit],
    next_hit: usize,
    from: usize,
    range: &std::ops::Range<usize>,
) -> Option<(usize, usize)> {
    let q = hits.get(next_hit)?;
    if from >= range.end || !ctx.word_in(from, OF_WORDS) {
        return None;
    }
    let mut t = from + 1;
    if ctx.word(t).eq_ignore_ascii_case("the") {
        t += 1;
    }
    while t < q.a && ctx.word_in(t, MODIFIERS) {
        t += 1;
    }
    let qe = ctx.entry(q);
    // "police in Guyana" is Guyana's police, "rebels in Darfur" Sudan's; but "delegations in
    // Istanbul" are not Turkish: a city or capital after "in" only places non-state actors.
    let locative = ctx.word(from).eq_ignore_ascii_case("in");
    let state = codes::is_state_sector(sector.code_at(ctx.day));
    // "leaders of Romania's new government": Romania qualifies what follows, not the leaders.
    let possessive_after = ctx.tokens.get(q.b).is_some_and(|t| t.is(Token::POSSESSIVE));
    let ok = t == q.a
        && !possessive_after
        && match qe.kind {
            EntryKind::Country => true,
            EntryKind::Capital | EntryKind::Place => !(locative && state),
            EntryKind::Organisation | EntryKind::Government => !locative,
            _ => false,
        };
    ok.then_some((next_hit, q.b))
}

/// "Tehreek-e-Taliban Pakistan (TTP)": the bracketed acronym repeats the name before it.
fn is_redundant_acronym(ctx: &Context<'_>, hits: &[Hit], i: usize) -> bool {
    let h = &hits[i];
    i > 0
        && h.a >= 1
        && ctx.word(h.a - 1) == "("
        && ctx.word(h.b) == ")"
        && hits[i - 1].b + 1 == h.a
        && hits[i - 1].entry == h.entry
}

/// A hit that is neither a sector nor a qualifier of one.
fn standalone(ctx: &Context<'_>, h: &Hit, range: &std::ops::Range<usize>) -> Option<Item> {
    let e = ctx.entry(h);
    let code = ctx.code(e);
    let why = ctx.describe(h);
    let (a, b) = (h.a, h.b);
    let item = |kind, code: String, name: String, why: String, person| Item {
        a,
        b,
        kind,
        code,
        name,
        why,
        person,
        sector: None,
    };
    Some(match e.kind {
        EntryKind::Country => item(ActorKind::Country, code, e.name.clone(), why, None),
        EntryKind::Demonym => {
            let plural = matches!(h.via, Via::Alias(id) if ctx.dict.aliases()[id as usize].folded.ends_with('s'))
                && !crate::fold::fold(&e.name).ends_with('s');
            let kind = if plural {
                ActorKind::Group
            } else {
                ActorKind::Country
            };
            let name = ctx.display_country(&code);
            item(kind, code, name, why, None)
        }
        EntryKind::Capital => {
            let country = country_of(&code).to_string();
            match place_reason(ctx, h, range) {
                Some(reason) => item(
                    ActorKind::Place,
                    country,
                    e.name.clone(),
                    format!("{why}; {reason}: a place"),
                    None,
                ),
                None => item(
                    ActorKind::Government,
                    format!("{country}GOV"),
                    format!("{} government", ctx.display_country(&country)),
                    format!("{why}; a capital acting: the government"),
                    None,
                ),
            }
        }
        EntryKind::Place => item(
            ActorKind::Place,
            country_of(&code).to_string(),
            e.name.clone(),
            why,
            None,
        ),
        EntryKind::Person => {
            let why = format!("{why} (role on {})", day_text(ctx.day));
            item(
                ActorKind::Person,
                code,
                e.name.clone(),
                why,
                Some(e.name.clone()),
            )
        }
        EntryKind::ArmedGroup => {
            let kind = if codes::is_state(&code) {
                ActorKind::Government
            } else {
                ActorKind::ArmedGroup
            };
            item(kind, code, e.name.clone(), why, None)
        }
        EntryKind::Government => {
            // "the Taliban regime" before 2021 is an armed group: the code decides.
            let kind = if codes::is_state(&code) {
                ActorKind::Government
            } else {
                codes::kind_of(&code)
            };
            item(kind, code, e.name.clone(), why, None)
        }
        EntryKind::Organisation => item(ActorKind::Organisation, code, e.name.clone(), why, None),
        EntryKind::Group => item(codes::kind_of(&code), code, e.name.clone(), why, None),
        EntryKind::Title | EntryKind::Agent | EntryKind::Attached => return None,
    })
}

/// Why a capital is a place here, if it is: a locative word before it, a place word after
/// it, or a dateline.
fn place_reason(ctx: &Context<'_>, h: &Hit, range: &std::ops::Range<usize>) -> Option<String> {
    if h.a > range.start && ctx.word_in(h.a - 1, LOCATIVE) {
        return Some(format!("after '{}'", ctx.word(h.a - 1)));
    }
    let mut t = h.b;
    while ctx.tokens.get(t).is_some_and(|tok| tok.is(Token::JOINER)) {
        t += 1;
    }
    if t < range.end && ctx.word_in(t, PLACE_AFTER) {
        return Some(format!("before '{}'", ctx.word(t)));
    }
    let upper = ctx.tokens.get(h.a).is_some_and(|tok| tok.is(Token::UPPER));
    if h.a == range.start && upper && matches!(ctx.word(h.b), ":" | "," | "\u{2014}" | "-" | "(") {
        return Some("dateline".into());
    }
    None
}

/// Rule 7: surnames of persons seen before, and pronouns, among tokens no item covers.
fn add_coreference(
    ctx: &Context<'_>,
    range: &std::ops::Range<usize>,
    index: usize,
    coref: &Coref,
    items: &mut Vec<Item>,
) {
    let covered = |items: &[Item], t: usize| items.iter().any(|it| it.a <= t && t < it.b);
    let mut found = Vec::new();
    for t in range.clone() {
        let Some(tok) = ctx.tokens.get(t) else { break };
        if !tok.is(Token::WORD) || covered(items, t) {
            continue;
        }
        let word = ctx.word(t);
        if tok.is(Token::CAP) {
            if let Some(&p) = coref.surnames.get(&crate::fold::fold(word)) {
                let person = &coref.persons[p];
                found.push(Item {
                    a: t,
                    b: t + 1,
                    kind: ActorKind::Person,
                    code: person.code.clone(),
                    name: person.name.clone(),
                    why: format!(
                        "surname '{word}' of {} (sentence {})",
                        person.name, person.sentence
                    ),
                    person: None,
                    sector: None,
                });
                continue;
            }
        }
        if ctx.word_in(t, PRONOUNS) {
            // The last named person before the pronoun in this sentence, else in the window.
            let here = items
                .iter()
                .rev()
                .find(|it| it.b <= t && it.kind == ActorKind::Person && it.person.is_some());
            let (code, name, sentence) = match here {
                Some(it) => (
                    it.code.clone(),
                    it.person.clone().unwrap_or_default(),
                    index,
                ),
                None => match coref.persons.last() {
                    Some(p) if index - p.sentence < PRONOUN_WINDOW => {
                        (p.code.clone(), p.name.clone(), p.sentence)
                    }
                    _ => continue,
                },
            };
            found.push(Item {
                a: t,
                b: t + 1,
                kind: ActorKind::Person,
                code,
                name: name.clone(),
                why: format!("pronoun '{word}' refers to {name} (sentence {sentence})"),
                person: None,
                sector: None,
            });
        }
    }
    items.extend(found);
}

fn register_person(coref: &mut Coref, sentence: usize, code: &str, name: &str) {
    coref.persons.push(Person {
        sentence,
        code: code.to_string(),
        name: name.to_string(),
    });
    let index = coref.persons.len() - 1;
    if let Some(surname) = name.split_whitespace().last() {
        let folded = crate::fold::fold(surname);
        if folded.chars().count() >= 3 {
            coref.surnames.insert(folded, index);
        }
    }
}
