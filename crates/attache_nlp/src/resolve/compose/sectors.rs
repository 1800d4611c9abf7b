//! Sector nouns and titles: qualified by a country before them (rule 1), followed by a
//! person (rule 2) or by "of X" (rule 3), or standing alone (rule 5).

use super::*;

/// Rule 1: qualifier `i` + sector `j` (+ a person after a title).
pub(super) fn compose_qualified(
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
    // A town's name may be a person's: "King Hassan of Morocco" (Hassan is also a city), so
    // place hits do not end the name run.
    let mut k = j + 1;
    while hits
        .get(k)
        .is_some_and(|p| ctx.entry(p).kind == EntryKind::Place && ctx.word(p.b) != ",")
    {
        k += 1;
    }
    let limit = hits.get(k).map_or(range.end, |p| p.a.min(range.end));
    let end = name_run(ctx, g.b, limit)?;
    let consumed = hits[j + 1..k].iter().take_while(|p| p.b <= end).count();
    // Only whole place names inside the run: "President Hassan" yes, "General Jackson
    // Heights" no.
    if hits.get(j + 1 + consumed).is_some_and(|p| p.a < end) {
        return None;
    }
    let name = ctx.hit_text(g.b, end).to_string();
    let why = format!("name '{name}' after the title");
    Some(PersonAfter {
        end,
        code: None,
        name,
        why,
        consumed,
    })
}

pub(super) fn day_text(day: Option<Day>) -> String {
    day.map_or_else(|| "today".to_string(), |d| d.to_string())
}

/// Capitalised words after a title: the person's name. `None` when there is none.
pub(super) fn name_run(ctx: &Context<'_>, start: usize, limit: usize) -> Option<usize> {
    let mut t = start;
    let mut words = 0;
    let mut end = None;
    // "Fazl-ur-Rehman": a hyphen may follow a particle too.
    let mut after_particle = false;
    while t < limit && words < MAX_NAME_WORDS {
        let tok = ctx.tokens.get(t)?;
        if tok.is(Token::JOINER) && (end == Some(t) || after_particle) {
            after_particle = false;
            t += 1;
            continue;
        }
        after_particle = false;
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
            after_particle = true;
            t += 1;
            continue;
        }
        break;
    }
    end
}

/// Rules 2-5 for a title or sector noun with no qualifier before it. Returns the next hit.
pub(super) fn sector_alone(
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
    // Not into a hyphenated word: "anti-government protesters" are protesters.
    let hyphenated =
        |t: usize| t >= 1 && ctx.tokens.get(t - 1).is_some_and(|k| k.is(Token::JOINER));
    while a > floor && ctx.word_in(a - 1, MODIFIERS) && !hyphenated(a - 1) {
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
                    Some(of) => {
                        (b, next) = (of.end, of.last + 1);
                        (
                            of.code,
                            format!("{} + {} + {}", ctx.describe(g), p_why, of.why),
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
    // "a strict Islamic state in northeastern Nigeria": the sector word qualifies a head
    // noun, and the place after the noun phrase is the country of both.
    let of_from = if ctx.word_in(g.b, QUALIFIED_HEADS)
        && ctx.tokens.get(g.b).is_some_and(|t| !t.is(Token::CAP))
    {
        g.b + 1
    } else {
        g.b
    };
    if let Some(of) = of_country(ctx, ge, hits, i + 1, of_from, range) {
        let why = format!("{} + {}", ctx.describe(g), of.why);
        let name = format!(
            "{} {}",
            ctx.display_country(&of.code),
            ge.name.to_lowercase()
        );
        items.push(Item {
            a,
            b: of.end,
            kind: sector_kind(ctx, g, &of.code),
            code: of.code,
            name,
            why,
            person: None,
            sector: None,
        });
        return of.last + 1;
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
    // "The World Food Programme has lorries waiting, a spokeswoman said": a spokesperson
    // speaks for the one organisation or group the sentence names.
    if ge.kind == EntryKind::Title && ctx.word_in(g.b - 1, SPEAKER_WORDS) {
        if let Some(body) = sole_body(ctx, hits) {
            let be = ctx.entry(body);
            let code = ctx.code(be);
            let why = format!(
                "{}; speaks for the only organisation in the sentence, {}",
                ctx.describe(g),
                ctx.describe(body)
            );
            let name = format!("{} {}", be.name, ge.name.to_lowercase());
            items.push(Item {
                a,
                b: g.b,
                kind: ActorKind::Person,
                code,
                name,
                why,
                person: None,
                sector: None,
            });
            return i + 1;
        }
    }
    // Bodies take the country of the places in the sentence ("a police post in Khyber
    // Pakhtunkhwa"), not of countries named for other reasons ("China's assistance").
    // People are not placed by a dateline ("LYON: ... victims of the crash in Ukraine").
    let people = PLACED_SECTORS.contains(&sector.as_str());
    let places: Vec<Hit> = hits
        .iter()
        .copied()
        .filter(|h| ctx.entry(h).kind == EntryKind::Place)
        .filter(|h| !(people && is_dateline(ctx, h, range)))
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

/// The one organisation or armed group among `hits` (several, or none: `None`).
fn sole_body<'h>(ctx: &Context<'_>, hits: &'h [Hit]) -> Option<&'h Hit> {
    let mut bodies = hits.iter().filter(|h| {
        matches!(
            ctx.entry(h).kind,
            EntryKind::Organisation | EntryKind::ArmedGroup
        )
    });
    let first = bodies.next()?;
    let code = ctx.code(ctx.entry(first));
    bodies
        .all(|h| ctx.code(ctx.entry(h)) == code)
        .then_some(first)
}

/// Code of an unknown person named after a title: a person of that surname seen earlier,
/// else the default country (state titles) or `---`.
pub(super) fn unknown_person_code(
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
    // A country that qualifies another titled person belongs to that person: in "President
    // Francois Mitterand welcomed South African leader F.W. de Klerk", South Africa is de
    // Klerk's (two named leaders in a sentence are mostly of two countries). Other actors
    // share the sentence's country: "Egyptian demonstrators called for the removal of
    // President Hosni Mubarak".
    let free: Vec<Hit> = (0..hits.len())
        .filter(|&k| !qualifies_named_person(ctx, hits, k) && !is_of_object(ctx, hits, k))
        .map(|k| hits[k])
        .collect();
    match fallback_country(ctx, &free, sector) {
        Some((country, reason)) => (
            format!("{country}{sector}"),
            format!("{country} ({reason})"),
        ),
        None => (format!("---{sector}"), "country unknown".into()),
    }
}

/// Country of an unqualified state title or body: the only country (or region) the sentence
/// names (for named people, passed their sentence's free `hits`: "President Omar El Bashir
/// ... in Sudan"), else the article's default. Civilians and people take only the place
/// the sentence puts them in ("four children were killed ... in the Gaza Strip" =
/// PSEGZACVL), never the article default. Bodies are passed only the sentence's places: "the government
/// expressed appreciation for China's assistance" is not China's. Non-state sectors
/// ("insurgents") stay unknown, as in CAMEO.
pub(super) fn fallback_country(
    ctx: &Context<'_>,
    hits: &[Hit],
    sector: &str,
) -> Option<(String, String)> {
    let people = PLACED_SECTORS.contains(&sector);
    if !codes::is_state_sector(sector) && !people {
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
        .map(|e| codes::place_of(e.code_at(ctx.day)).to_string())
        .collect::<std::collections::BTreeSet<_>>();
    if countries.len() == 1 {
        if let Some(c) = countries.into_iter().next() {
            return Some((c, "the only country in the sentence".into()));
        }
    }
    if people {
        return None;
    }
    ctx.default_country
        .clone()
        .map(|(c, reason)| (c, format!("article default: {reason}")))
}

/// Hit `k` qualifies a title followed by a name ("South African leader F.W. de Klerk").
fn qualifies_named_person(ctx: &Context<'_>, hits: &[Hit], k: usize) -> bool {
    let Some(j) = qualified_sector(ctx, hits, k) else {
        return false;
    };
    let g = &hits[j];
    let limit = hits.get(j + 1).map_or(ctx.tokens.len(), |n| n.a);
    ctx.entry(g).kind == EntryKind::Title
        && (name_run(ctx, g.b, limit).is_some()
            || hits
                .get(j + 1)
                .is_some_and(|p| p.a == g.b && ctx.entry(p).kind == EntryKind::Person))
}

/// Hit `k` is the X of a title's "of/from X" ("a spokeswoman for the U.S. embassy"): that
/// person's. After other sector nouns it is the sentence's ("rebels in the Ivory Coast ...
/// President Laurent Gbagbo").
fn is_of_object(ctx: &Context<'_>, hits: &[Hit], k: usize) -> bool {
    k > 0
        && ctx.entry(&hits[k - 1]).kind == EntryKind::Title
        && of_country(
            ctx,
            ctx.entry(&hits[k - 1]),
            hits,
            k,
            hits[k - 1].b,
            &(0..ctx.tokens.len()),
        )
        .is_some_and(|of| of.last >= k)
}

/// What "of/in/from/for X" after a sector noun gives it.
pub(super) struct OfPhrase {
    /// Index of the last hit the phrase uses.
    pub last: usize,
    /// One past the phrase's last token.
    pub end: usize,
    /// The sector noun's code with X's country.
    pub code: String,
    /// How, for the mention's `why`.
    pub why: String,
}

/// "of/in/from/for [the] [modifiers] X" starting at token `from`, where X is the next hit
/// (index `next_hit`) and can qualify. X may itself qualify a sector noun: "ministers from
/// the Georgian government" are GEOGOV, "officers in the Russian military" RUSMIL; a generic
/// GOV title or a person's title takes the body's own sector ("leaders of the Syrian opposition" = SYROPP).
/// Hyphenated adjectives may stand before X ("dissidents from military-ruled Myanmar").
pub(super) fn of_country(
    ctx: &Context<'_>,
    sector: &Entry,
    hits: &[Hit],
    next_hit: usize,
    from: usize,
    range: &std::ops::Range<usize>,
) -> Option<OfPhrase> {
    let q = hits.get(next_hit)?;
    if from >= range.end || !ctx.word_in(from, OF_WORDS) {
        return None;
    }
    let mut t = from + 1;
    if ctx.word(t).eq_ignore_ascii_case("the") {
        t += 1;
    }
    let in_compound = |t: usize| {
        let joiner = |t: usize| ctx.tokens.get(t).is_some_and(|tok| tok.is(Token::JOINER));
        joiner(t) || joiner(t + 1) || (t > 0 && joiner(t - 1))
    };
    while t < q.a && (ctx.word_in(t, MODIFIERS) || in_compound(t)) {
        t += 1;
    }
    let qe = ctx.entry(q);
    // "police in Guyana" is Guyana's police, "rebels in Darfur" Sudan's; but "delegations in
    // Istanbul" are not Turkish: a city or capital after "in" only places non-state actors.
    let locative = ctx.word(from).eq_ignore_ascii_case("in");
    let sector_code = sector.code_at(ctx.day);
    let state = codes::is_state_sector(sector_code);
    if t != q.a {
        return None;
    }
    // "ministers from the Georgian government": X qualifies a body, which the noun belongs to.
    if let Some(j) = qualified_sector(ctx, hits, next_hit) {
        let g = &hits[j];
        let ge = ctx.entry(g);
        if ge.kind != EntryKind::Title {
            let qcode = qualifier_code(ctx, qe);
            let body = combine(&qcode, qe.kind, ge, ctx.day);
            // A generic GOV title or a person's title takes the body's sector: an officer
            // in the military is the military's, one in the police the police's.
            let generic = sector_code == "GOV" || sector.kind == EntryKind::Title;
            let code = if generic && !sector.prefix {
                body
            } else {
                combine(&qcode, qe.kind, sector, ctx.day)
            };
            let why = format!("of {} + {}", ctx.describe(q), ctx.describe(g));
            return Some(OfPhrase {
                last: j,
                end: g.b,
                code,
                why,
            });
        }
    }
    // "leaders of Romania's new government": Romania qualifies what follows, not the leaders.
    let possessive_after = ctx.tokens.get(q.b).is_some_and(|t| t.is(Token::POSSESSIVE));
    let ok = !possessive_after
        && match qe.kind {
            EntryKind::Country => true,
            EntryKind::Capital | EntryKind::Place => !(locative && state),
            EntryKind::Organisation | EntryKind::Government => !locative,
            _ => false,
        };
    ok.then(|| OfPhrase {
        last: next_hit,
        end: q.b,
        code: combine(&qualifier_code(ctx, qe), qe.kind, sector, ctx.day),
        why: format!("of {}", ctx.describe(q)),
    })
}
