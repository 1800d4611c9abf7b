//! Targets from the discourse. Every two-sided act has someone it is aimed at, and a careful
//! reader finds that one in the exchange the act belongs to when its own clause names
//! nobody: a reply answers whoever addressed the replier ("Russia accused U.S. forces ...
//! The Pentagon rejected these accusations": the Pentagon rejects Russia), and a speaker
//! who goes on keeps the addressee ("accused the UK and the US of meddling ... and warned
//! that ...": the warning is to the UK and the US). Acts of force are not completed this
//! way; a reply looks up to four sentences back, a speaker's going on only to the previous
//! one; what the text leaves open stays open.

use attache_model::{ActorKind, Document, Event, EventActor, PloverCategory};

/// How many sentences back a reply looks for the act it answers.
const REPLY_REACH: usize = 4;

/// How many sentences back a speaker's earlier act is taken as going on.
const CONTINUATION_REACH: usize = 1;

/// Whether an event is one of an exchange: statements, and the acts that answer or go with
/// them (cooperation, aid, protest, sanctions). Force, mobilisation and withdrawal name
/// their party in their own clause or leave it unknown.
fn is_exchange(e: &Event) -> bool {
    e.plover.as_ref().is_some_and(|p| {
        !matches!(
            p.category,
            PloverCategory::Assault
                | PloverCategory::Coerce
                | PloverCategory::Mobilize
                | PloverCategory::Retreat
        )
    })
}

/// Whether two actors are the same party: the same code or, for actors known by their
/// words only, the same name. (Counting a state's bodies as the state, the Pentagon for the
/// United States, lost two found events on the real-news pages: a body then continued its
/// state's other acts.)
pub(super) fn same_party(a: &EventActor, b: &EventActor) -> bool {
    a.code == b.code && (!a.known_by_name() || a.name.eq_ignore_ascii_case(&b.name))
}

fn shares(a: &[EventActor], b: &[EventActor]) -> bool {
    a.iter().any(|x| b.iter().any(|y| same_party(x, y)))
}

/// Where an event without a target found one, and why.
enum Found {
    /// The earlier act was aimed at this event's source: this one answers its doer.
    Reply,
    /// The earlier act was this event's source's own: this one keeps its addressee.
    Continuation,
    /// The article is about two countries and the source is one of them: the act is
    /// aimed at the other.
    Counterpart,
}

/// How often the second country of an article must be named to make it one of the two
/// the article is about.
const COUNTERPART_MIN_MENTIONS: usize = 3;

/// How many times as often as the third country the second must be named.
const COUNTERPART_LEAD: usize = 2;

/// Code prefixes of actors that belong to no one country.
const NO_COUNTRY: &[&str] = &["IGO", "NGO", "MNC", "NGM"];

/// The two countries an article is about, when two stand out from the rest by how often
/// its actor mentions name them: each as an actor standing for the country (its code and
/// the name and place of its first mention as a country).
pub(crate) fn principal_countries(doc: &Document) -> Option<[EventActor; 2]> {
    // Per country: how often named, and the actor standing for it (its first mention as a
    // country, else its first mention).
    let mut counts: Vec<(String, usize, EventActor, bool)> = Vec::new();
    for m in &doc.mentions {
        let Some(country) =
            super::country_of_code(&m.code).filter(|c| !NO_COUNTRY.contains(&c.as_str()))
        else {
            continue;
        };
        let as_country = m.kind == ActorKind::Country;
        let actor = || EventActor {
            code: country.clone(),
            name: if as_country {
                m.name.clone()
            } else {
                country.clone()
            },
            text: doc.text_of(m.span).to_string(),
            span: m.span,
        };
        match counts.iter_mut().find(|c| c.0 == country) {
            Some(c) => {
                c.1 += 1;
                if as_country && !c.3 {
                    (c.2, c.3) = (actor(), true);
                }
            }
            None => counts.push((country.clone(), 1, actor(), as_country)),
        }
    }
    // Most named first; the first named first on a tie (a stable sort keeps text order).
    counts.sort_by_key(|c| std::cmp::Reverse(c.1));
    let third = counts.get(2).map_or(0, |c| c.1);
    let second = counts.get(1)?.1;
    if second < COUNTERPART_MIN_MENTIONS || second < COUNTERPART_LEAD * third {
        return None;
    }
    Some([counts[0].2.clone(), counts[1].2.clone()])
}

/// Give each event of `coded` (one sentence's, in text order) that has a source and no
/// target the party its exchange names, looking back through the sentence's earlier events
/// and `earlier` (the article's events so far), nearest first. Returns, per event, whether
/// a target was filled (so the caller can renew its id).
pub(crate) fn fill_targets(
    coded: &mut [Event],
    earlier: &[Event],
    principals: Option<&[EventActor; 2]>,
) -> Vec<bool> {
    let mut filled = vec![false; coded.len()];
    for i in 0..coded.len() {
        let e = &coded[i];
        if !e.target.is_empty() || e.source.is_empty() || !is_exchange(e) {
            continue;
        }
        let first_sentence = e
            .sentence
            .saturating_sub(REPLY_REACH.max(CONTINUATION_REACH));
        // Both lists are in sentence order, so the walk back stops at the reach instead of
        // reading every earlier event of a long article.
        let before = coded[..i]
            .iter()
            .rev()
            .chain(earlier.iter().rev())
            .take_while(|p| p.sentence >= first_sentence);
        let mut found = None;
        for p in before {
            if p.source.is_empty() || p.target.is_empty() {
                continue;
            }
            if shares(&p.target, &e.source) && !shares(&p.source, &e.source) {
                found = Some((p.source.clone(), Found::Reply, p.sentence));
                break;
            }
            if p.sentence + CONTINUATION_REACH >= e.sentence
                && shares(&p.source, &e.source)
                && !shares(&p.target, &e.source)
            {
                found = Some((p.target.clone(), Found::Continuation, p.sentence));
                break;
            }
        }
        if found.is_none() {
            if let Some([a, b]) = principals {
                // Every actor of the source belongs to one of the two countries (an actor
                // known only by its words belongs to none).
                let of = |x: &EventActor, side: &EventActor| x.code.get(..3) == side.code.get(..3);
                let other = if e.source.iter().all(|x| of(x, a)) {
                    Some(b)
                } else if e.source.iter().all(|x| of(x, b)) {
                    Some(a)
                } else {
                    None
                };
                if let Some(other) = other {
                    found = Some((vec![other.clone()], Found::Counterpart, e.sentence));
                }
            }
        }
        if let Some((target, how, at)) = found {
            let e = &mut coded[i];
            e.target = target;
            e.rule.push_str(match how {
                Found::Reply => " => target: the doer of the act it answers",
                Found::Continuation => " => target: the addressee of the speaker's act before",
                Found::Counterpart => {
                    " => target: the other of the two countries the article is about"
                }
            });
            if !matches!(how, Found::Counterpart) {
                e.rule.push_str(&format!(" (s{at})"));
            }
            filled[i] = true;
        }
    }
    filled
}

#[cfg(test)]
// A failed expectation in set-up is the test failing.
#[allow(clippy::expect_used)]
mod tests {
    use super::*;
    use attache_model::PloverCoding;

    fn event(sentence: usize, category: PloverCategory, source: &str, target: &str) -> Event {
        let side = |code: &str| {
            (!code.is_empty())
                .then(|| EventActor {
                    code: code.into(),
                    ..EventActor::default()
                })
                .into_iter()
                .collect()
        };
        Event {
            sentence,
            source: side(source),
            target: side(target),
            plover: Some(PloverCoding {
                category,
                ..PloverCoding::default()
            }),
            ..Event::default()
        }
    }

    fn target_of(e: &Event) -> Vec<&str> {
        e.target.iter().map(|a| a.code.as_str()).collect()
    }

    #[test]
    fn a_reply_answers_the_doer_and_a_speaker_keeps_the_addressee() {
        let earlier = [event(0, PloverCategory::Accuse, "PAK", "AFG")];
        let mut coded = [
            event(1, PloverCategory::Reject, "AFG", ""),
            event(1, PloverCategory::Threaten, "PAK", ""),
        ];
        assert_eq!(fill_targets(&mut coded, &earlier, None), [true, true]);
        assert_eq!(target_of(&coded[0]), ["PAK"]);
        assert_eq!(target_of(&coded[1]), ["AFG"]);
    }

    #[test]
    fn force_and_distant_or_unrelated_acts_stay_without_a_target() {
        let earlier = [
            event(0, PloverCategory::Accuse, "PAK", "AFG"),
            event(3, PloverCategory::Accuse, "IND", "CHN"),
        ];
        let mut coded = [
            // Force names its party in its own clause or leaves it unknown.
            event(4, PloverCategory::Assault, "CHN", ""),
            // A reply four sentences on still answers; five is too far.
            event(5, PloverCategory::Reject, "AFG", ""),
            // A speaker going on keeps its addressee for one sentence only.
            event(5, PloverCategory::Threaten, "IND", ""),
            event(5, PloverCategory::Reject, "USA", ""),
        ];
        assert_eq!(
            fill_targets(&mut coded, &earlier, None),
            [false, false, false, false]
        );
        let mut coded = [event(4, PloverCategory::Reject, "AFG", "")];
        assert_eq!(fill_targets(&mut coded, &earlier, None), [true]);
    }

    #[test]
    fn an_act_with_no_addressee_in_a_story_about_two_countries_is_aimed_at_the_other() {
        use crate::coder::tests::doc_with;
        use attache_model::ActorKind;
        let world = [
            ("Ruritania", "RUR", ActorKind::Country),
            ("Ruritanian army", "RURMIL", ActorKind::Group),
            ("Elbonia", "ELB", ActorKind::Country),
            ("Freedonia", "FRE", ActorKind::Country),
        ];
        let story = "Ruritania and Elbonia met. The Ruritanian army left Elbonia. \
                     Ruritania asked Elbonia for calm. Freedonia watched. Elbonia demanded more.";
        let principals = principal_countries(&doc_with(story, &world)).expect("two countries");
        let codes: Vec<&str> = principals.iter().map(|a| a.code.as_str()).collect();
        assert_eq!(codes, ["ELB", "RUR"], "most named first");
        assert_eq!(principals[0].text, "Elbonia");
        // The body of one country makes a demand: aimed at the other country.
        let mut coded = [
            event(9, PloverCategory::Request, "RURMIL", ""),
            event(9, PloverCategory::Reject, "FRE", ""),
            event(9, PloverCategory::Assault, "ELB", ""),
        ];
        assert_eq!(
            fill_targets(&mut coded, &[], Some(&principals)),
            [true, false, false]
        );
        assert_eq!(target_of(&coded[0]), ["ELB"]);
        // An actor known only by its words belongs to neither country.
        let mut unlisted = [event(9, PloverCategory::Request, "", "")];
        unlisted[0].source = vec![EventActor {
            name: "the committee".into(),
            ..EventActor::default()
        }];
        assert_eq!(fill_targets(&mut unlisted, &[], Some(&principals)), [false]);
        // A third country named as often as the second leaves the story's pair unclear.
        let crowded = format!("{story} Freedonia spoke. Freedonia left.");
        assert!(principal_countries(&doc_with(&crowded, &world)).is_none());
    }
}
