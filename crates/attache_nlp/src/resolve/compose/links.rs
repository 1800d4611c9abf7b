//! Hits that stand alone (countries, organisations, capitals as governments, places) and
//! coreference of later surnames and pronouns (rules 6 and 7).

use super::*;

/// "Tehreek-e-Taliban Pakistan (TTP)": the bracketed acronym repeats the name before it.
pub(super) fn is_redundant_acronym(ctx: &Context<'_>, hits: &[Hit], i: usize) -> bool {
    let h = &hits[i];
    i > 0
        && h.a >= 1
        && ctx.word(h.a - 1) == "("
        && ctx.word(h.b) == ")"
        && hits[i - 1].b + 1 == h.a
        && hits[i - 1].entry == h.entry
}

/// A hit that is neither a sector nor a qualifier of one.
pub(super) fn standalone(
    ctx: &Context<'_>,
    h: &Hit,
    range: &std::ops::Range<usize>,
) -> Option<Item> {
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
            codes::place_of(&code).to_string(),
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
pub(super) fn place_reason(
    ctx: &Context<'_>,
    h: &Hit,
    range: &std::ops::Range<usize>,
) -> Option<String> {
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
    if is_dateline(ctx, h, range) {
        return Some("dateline".into());
    }
    None
}

/// A place in capitals opening the sentence before a colon, comma or dash: "LYON: ...".
pub(super) fn is_dateline(ctx: &Context<'_>, h: &Hit, range: &std::ops::Range<usize>) -> bool {
    let upper = ctx.tokens.get(h.a).is_some_and(|tok| tok.is(Token::UPPER));
    h.a == range.start && upper && matches!(ctx.word(h.b), ":" | "," | "\u{2014}" | "-" | "(")
}

/// Rule 7: surnames of persons seen before, and pronouns, among tokens no item covers.
pub(super) fn add_coreference(
    ctx: &Context<'_>,
    range: &std::ops::Range<usize>,
    index: usize,
    coref: &Coref,
    items: &mut Vec<Item>,
) {
    // Which tokens of the range the items cover, and for each token the latest item (in
    // `items` order) that is a named person ending at or before it: both read once, not
    // once per token (a long sentence of names made these scans quadratic).
    let base = range.start;
    let len = range.end.saturating_sub(base);
    let mut covered = vec![false; len];
    let mut person_ending = vec![None::<usize>; len + 1];
    for (k, it) in items.iter().enumerate() {
        for t in it.a.max(base)..it.b.min(range.end) {
            covered[t - base] = true;
        }
        if it.kind == ActorKind::Person && it.person.is_some() {
            let at = it.b.saturating_sub(base).min(len);
            person_ending[at] = person_ending[at].max(Some(k));
        }
    }
    // latest[t - base]: the latest such item with `b <= t`.
    let mut latest = Vec::with_capacity(len);
    let mut best = None;
    for slot in person_ending.iter().take(len) {
        best = best.max(*slot);
        latest.push(best);
    }
    let mut found = Vec::new();
    for t in range.clone() {
        let Some(tok) = ctx.tokens.get(t) else { break };
        if !tok.is(Token::WORD) || covered[t - base] {
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
            let here = latest[t - base].and_then(|k| items.get(k));
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

pub(super) fn register_person(coref: &mut Coref, sentence: usize, code: &str, name: &str) {
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
