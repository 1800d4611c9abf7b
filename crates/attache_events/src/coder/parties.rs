//! Who the parties of one hit are: source and target groups from the pattern, the slots
//! and the voice (active, passive, reduced relative), the speaker of a report standing in for
//! a missing source, mirror codes, and no actor acting on itself.

use attache_model::EventActor;

use crate::patterns::Slot;

use super::discourse::same_party;
use super::modality::Report;
use super::roles::{inside_quotation, Roles};
use super::rules::Hit;

/// Prepositions that make an actor the place of an act rather than a party to it.
const LOCATIVE_PREPS: &[&str] = &["in", "at"];

/// CAMEO roots of acts done with another party rather than to one: intending to cooperate
/// (03), consulting (04), diplomatic (05) and material (06) cooperation.
const COOPERATIVE_ROOTS: &[&str] = &["03", "04", "05", "06"];

/// The parties of an event: actors, the groups they came from, and who claims it.
pub(crate) struct Parties {
    pub source: Vec<EventActor>,
    pub target: Vec<EventActor>,
    /// Actor groups of the source and target (before a mirror code swaps the actors).
    pub sg: Option<usize>,
    pub tg: Option<usize>,
    /// The speaker of the report that governs the hit.
    pub claimed_by: Option<EventActor>,
    /// The trigger's own active subject is an idea or a thing naming no actor (see
    /// `TreeRoles::doer_cannot_act`).
    pub doer_cannot_act: bool,
    /// The source is empty and the pattern names the doer of its agentless passive
    /// (`agent=`: "was sentenced" is a court's act); the event adds that doer.
    pub agent_implied: bool,
    /// Where the source and the target were found (`pattern`, `tree`, `window`, `speaker`,
    /// ...), for the event's rule: the evidence of how it was read.
    pub routes: (&'static str, &'static str),
}

impl Roles<'_> {
    /// Source and target of `hit` read `forward` (source→target) or as its mirror code;
    /// `report` governs it; `compat` follows PETRARCH's conventions. `None` when the event has
    /// no actor at all, or is a mirror PETRARCH does not code.
    pub(crate) fn parties(
        &self,
        hit: &Hit,
        forward: bool,
        report: Option<&Report>,
        compat: bool,
    ) -> Option<Parties> {
        let roles = self;
        let view = self.view;
        let pat = &hit.pat;
        // An agentless passive whose pattern names its only possible doer ("was sentenced": a
        // court) has that doer: no actor the word window finds nearby stands in for it.
        let passive_names_doer = !compat
            && pat.implied_agent.is_some()
            && roles.tree.is_some_and(|t| t.agentless_passive(hit.first));
        // A noun trigger ("talks", "accusations") reports an act only with a doer the tree
        // names (its possessor, an actor modifying it, the subject of the verb that frames
        // it, the pair it is between) or the speaker of the report. The nearest actor the word
        // window finds is most often not its doer ("a route for Iranian military aid to
        // Syrian government forces" is not al-Tanf's aid), and a noun with no doer names an
        // act in passing, not one the article reports. Where the parser found no predicate
        // for the noun's clause its tree is no evidence, and the window reading stays.
        let noun_needs_tree_doer = !compat
            && roles.tree.is_some_and(|t| {
                t.upos_at(hit.first) == Some(attache_model::Upos::Noun)
                    && !t.clause_without_predicate(hit.first)
            });
        // With a parsed sentence the tree gives the roles; the word-window rules below are
        // the fallback for unparsed text and PETRARCH compatibility.
        let tree = roles.tree.filter(|_| !compat).and_then(|t| {
            t.roles(
                view,
                hit.first,
                hit.verb,
                &hit.evidence,
                &pat.source,
                &pat.target,
            )
        });
        let (mut source_route, mut target_route) = ("window", "window");
        // A passive's doer is its "by" agent: with none, the nearest actor is most
        // often the one acted on or one who reports it ("protesters have been
        // killed, according to reports collected by Amnesty"). Only a passive with
        // its own auxiliary counts; an active verb the tagger misread lands in the
        // tree's other passive readings.
        let explicit_passive = tree.as_ref().is_some_and(|t| t.passive)
            && roles
                .tree
                .is_some_and(|tr| tr.passive_auxiliary_at(hit.first));
        let (sg, tg, passive, own_subject, clause_subject, tree_doer) = match &tree {
            Some(t) => {
                // A reported clause's own subject keeps the speaker out of the source.
                // So does a subject that is a thing ("a text committing them to ..."): the
                // speaker did not do what the thing does.
                let own = t.source.is_some() || t.source_word.is_some() || t.doer_is_thing;
                // Where the tree's slot holds no actor (a parse error, or the actor named
                // outside the slot's phrase), the word-window reading fills that role, unless
                // it names the actor the tree already gave the other role.
                // The window search runs only when the tree left a role empty.
                let window = std::cell::OnceCell::new();
                let window = || *window.get_or_init(|| self.window_groups(hit, report, compat));
                let sg = hit.source_group.or(t.source).or_else(|| {
                    window().0.filter(|g| {
                        !noun_needs_tree_doer
                            && !explicit_passive
                            && !passive_names_doer
                            && t.source_word.is_none()
                            && !t.doer_is_thing
                            && Some(*g) != t.target
                    })
                });
                source_route = if hit.source_group.is_some() {
                    "pattern"
                } else if t.source.is_some() {
                    "tree"
                } else {
                    "window"
                };
                // A target slot the tree filled with an unlisted noun phrase or a pronoun is
                // that one's, not the nearest listed actor's.
                let tree_patient = t.target_phrase.is_some() || t.target_word.is_some();
                let tg = hit
                    .target_group
                    .or(t.target)
                    .or_else(|| window().1.filter(|g| Some(*g) != sg && !tree_patient));
                target_route = if hit.target_group.is_some() {
                    "pattern"
                } else if t.target.is_some() {
                    "tree"
                } else {
                    "window"
                };
                (sg, tg, t.passive, own, None, t.source_word)
            }
            None => {
                let (sg, tg, passive, own, clause) = self.window_groups(hit, report, compat);
                (sg, tg, passive, own, clause, None)
            }
        };
        let mut source = sg.map(|g| roles.actors(g)).unwrap_or_default();
        let mut target = tg.map(|g| roles.actors(g)).unwrap_or_default();
        // Whether a side is only an unlisted noun phrase (no dictionary, name or coreference).
        let (mut source_words_only, mut target_words_only) = (false, false);
        if target.is_empty() {
            if let Some(t) = &tree {
                // A pronoun is not the one spoken to by the report it stands in ("told
                // reporters that the delegations had signed a text committing them to ..."):
                // that one hears of the act and takes no part in it.
                let listener = report
                    .and_then(|r| r.listener)
                    .map(|g| roles.actors(g))
                    .unwrap_or_default();
                let heard = |p: &EventActor| listener.iter().any(|l| same_party(l, p));
                if let Some(p) = t
                    .target_word
                    .and_then(|k| roles.resolve_person(k))
                    .filter(|p| !heard(p))
                {
                    target.push(p);
                    target_route = "tree pronoun";
                } else if let Some(span) = t.target_phrase {
                    let (actor, words_only) = roles.phrase_actor(span);
                    target.push(actor);
                    target_words_only = words_only;
                    target_route = "tree phrase";
                }
            }
        }
        if source.is_empty() {
            if let Some(p) = tree_doer.and_then(|k| roles.resolve_person(k)) {
                source.push(p);
                source_route = "tree pronoun";
            } else if tree.is_none() && !passive && pat.source.contains(&Slot::Subject) {
                if let Some(p) = roles.pronoun_subject(hit.first) {
                    source.push(p);
                    source_route = "pronoun";
                }
            }
        }
        // The speaker of reported content is its source when the content names none ("Tarar
        // stated that despite presenting evidence of ...").
        let claimed_by = report.and_then(|r| r.speaker.clone());
        // The doer the tree names by words no dictionary lists ("Consumer advocates asked
        // ...") is the source, before any speaker stands in for it.
        if source.is_empty() {
            if let Some(span) = tree.as_ref().and_then(|t| t.source_phrase) {
                let (actor, words_only) = roles.phrase_actor(span);
                source.push(actor);
                source_words_only = words_only;
                source_route = "tree phrase";
            }
        }
        // A doer the tree names as "the two delegations" or "both sides" is the pair in
        // force, before any speaker stands in for it.
        if source.is_empty() {
            if let Some(at) = tree.as_ref().and_then(|t| t.doer_at) {
                source = roles.sides_ending_at(at, &target);
                source_route = "sides";
            }
        }
        if source.is_empty() {
            if own_subject {
                let pair = roles
                    .pair_antecedent(hit.first)
                    .or_else(|| clause_subject.and_then(|at| roles.pair_antecedent(at)));
                if let Some(g) = pair.filter(|g| Some(*g) != tg) {
                    source = roles.actors(g);
                    source_route = "pair";
                }
            }
            // A reported clause whose subject is a pronoun coreference left unresolved
            // ("Yoruba leaders announced that they are willing to forgive ...") takes the
            // speaker: the pronoun most often refers back to the one reporting.
            let pronoun_subject = tree_doer.is_some();
            // Nor does the speaker stand in for the missing agent of a passive that does
            // something to someone ("Amnesty said the journalists had been tortured"): the
            // reporter is most often a witness. A cooperative act reported in the passive
            // ("Uganda said talks with Kenya would be resumed") is one the speaker takes
            // part in.
            let cooperative = hit
                .code
                .forward
                .as_deref()
                .is_some_and(|c| COOPERATIVE_ROOTS.iter().any(|r| c.starts_with(r)));
            // The speaker stands in from a report before the act ("Amnesty said Iran must
            // ..."), or after it when the act is quoted ("'Iran must ...,' said Amnesty"),
            // never from a source named after the verb of unquoted content ("..., according
            // to reports"), which only says where the news comes from.
            let quoted = inside_quotation(&roles.doc.article.text, view.toks[hit.first].span.start);
            if let Some(r) = report.filter(|r| {
                ((!r.speaker_after && r.last < hit.first) || (quoted && r.first > hit.last))
                    && (!own_subject || pronoun_subject)
                    && (!explicit_passive || cooperative)
            }) {
                if let Some(g) = r.speaker_group.filter(|g| Some(*g) != tg) {
                    source = roles.actors(g);
                    source_route = "speaker";
                } else if let Some(s) = r.speaker.as_ref().filter(|_| r.speaker_group.is_none()) {
                    source.push(s.clone());
                    source_words_only = s.code.is_empty();
                    source_route = "speaker";
                }
            }
        }
        // Mediation between parties the sentence does not name is between the pair in force
        // ("following requests from mediators Türkiye and Qatar" after Pakistan and
        // Afghanistan's talks).
        let mediation = hit
            .code
            .forward
            .as_deref()
            .is_some_and(|c| super::MEDIATION.contains(&c));
        if mediation && target.is_empty() && !source.is_empty() {
            target = roles.pair_as_target(hit.first, &source);
            target_route = "pair";
        }
        // "Both sides" in a slot no actor filled stands for the article's pair of parties.
        if !passive {
            if target.is_empty() && pat.target.iter().any(|s| !matches!(s, Slot::Nothing)) {
                target = roles.sides_object(hit.last, &source);
                target_route = "sides";
            }
            if source.is_empty() && pat.source.contains(&Slot::Subject) {
                source = roles.sides_subject(hit.first, &target);
                source_route = "sides";
            }
        }
        if !forward {
            // The mirror code ("attend [042:043]": the other side hosts) needs the other side
            // to take part. A place after the verb is its destination ("arrived in Gondor":
            // Gondor hosts), but a place after the pattern's noun only says where that
            // happens ("attend a summit in Switzerland"), and PETRARCH's records code no
            // host for it.
            let noun = hit.evidence.iter().copied().find(|&e| e > hit.last);
            let locative = tg
                .and_then(|g| view.groups.get(g))
                .filter(|g| noun.is_some_and(|n| g.first > n))
                .and_then(|g| roles.prep_before(g))
                .is_some_and(|p| LOCATIVE_PREPS.contains(&p));
            if compat && locative {
                return None;
            }
            std::mem::swap(&mut source, &mut target);
            std::mem::swap(&mut source_words_only, &mut target_words_only);
            std::mem::swap(&mut source_route, &mut target_route);
        }
        // An event needs an actor some dictionary, name or coreference gives: words alone
        // on both sides ("service members have been killed") make none.
        // A passive whose pattern implies its agent ("was sentenced": a court) has a known
        // doer even when no actor is named ("the man was sentenced to life").
        let agent_implied = source.is_empty() && passive_names_doer;
        if noun_needs_tree_doer && source.is_empty() && !agent_implied {
            return None;
        }
        let source_known = (!source.is_empty() && !source_words_only) || agent_implied;
        let target_known = !target.is_empty() && !target_words_only;
        if !source_known && !target_known {
            return None;
        }
        // An actor does not act on itself ("Canada ... bans on travel to Canada"): a target
        // that only repeats the source is no target (two uncoded actors are one only by
        // name: "the man killed John Carter" has two). A compound (`%`) pairs distinct members.
        let compound = hit.source_group.is_some() && hit.source_group == hit.target_group;
        let is_self = |source: &[EventActor], target: &[EventActor]| {
            !target.is_empty()
                && target
                    .iter()
                    .all(|t| source.iter().any(|s| same_party(s, t)))
        };
        if !compound && is_self(&source, &target) {
            // The next actor of the target slot, past the one that repeats the source.
            let retry = (forward && !passive && hit.target_group.is_none())
                .then(|| roles.slots(&pat.target, hit.first, hit.last, tg))
                .flatten()
                .filter(|&g| Some(g) != sg)
                .map(|g| roles.actors(g))
                .filter(|t| !is_self(&source, t));
            // Without another candidate the act keeps no target (unknown, not itself).
            target = retry.unwrap_or_default();
            target_route = "retry";
        }
        let routes = (
            if source.is_empty() {
                "none"
            } else {
                source_route
            },
            if target.is_empty() {
                "none"
            } else {
                target_route
            },
        );
        Some(Parties {
            source,
            target,
            sg,
            tg,
            claimed_by,
            doer_cannot_act: hit.source_group.is_none()
                && tree.as_ref().is_some_and(|t| t.doer_cannot_act),
            agent_implied,
            routes,
        })
    }

    /// Source and target groups by word windows (no tree): pattern-bound first, then the
    /// slots, passive swapping. Also whether the hit is passive, whether its reported clause
    /// has a subject of its own, and that subject.
    fn window_groups(
        &self,
        hit: &Hit,
        report: Option<&Report>,
        compat: bool,
    ) -> (Option<usize>, Option<usize>, bool, bool, Option<usize>) {
        let roles = self;
        let view = self.view;
        let pat = &hit.pat;
        let has_passive_aux = hit.verb && hit.participle && roles.is_passive(hit.first);
        let reduced =
            hit.verb && hit.participle && !has_passive_aux && roles.reduced_relative(hit.first);
        let passive = has_passive_aux || reduced;
        // The reported clause after the reporting verb has a noun subject of its own ("said
        // that the two delegations had signed"): asked once, used for source and speaker.
        let clause_subject = report
            .filter(|r| !passive && r.last < hit.first)
            .and_then(|r| roles.reported_clause_subject(r.last, hit.first));
        let own_subject = clause_subject.is_some()
            || (hit.verb
                && !passive
                && report.is_some_and(|r| {
                    r.last < hit.first && roles.has_own_subject(hit.first, r.last)
                }));
        let (mut sg, mut tg) = (hit.source_group, hit.target_group);
        if passive {
            sg = sg.or_else(|| roles.after_prep(hit.last, &["by".to_string()], tg));
            if compat {
                let preps = ["from".to_string(), "in".to_string()];
                sg = sg.or_else(|| roles.after_prep(hit.last, &preps, tg));
            }
            // A reduced relative's object is the noun it follows, if that is an actor.
            let noun = hit.first.checked_sub(1).and_then(|k| view.group_at[k]);
            tg = match reduced {
                true => tg.or(noun.filter(|&g| Some(g) != sg)),
                false => tg.or_else(|| roles.passive_subject(hit.first, sg)),
            };
        } else {
            // Objects follow the words the pattern matched ("claiming responsibility for a
            // deadly attack ... in Kenya's capital" looks for its target after "responsibility").
            let tail = hit.last_word();
            sg = sg.or_else(|| roles.slots(&pat.source, hit.first, hit.last, tg));
            // A subject found before the reporting verb is the speaker, not the subject, when
            // the reported clause has a noun subject of its own ("X told reporters that the
            // two delegations had signed a text committing them to ...").
            if let (Some(g), Some(r)) = (sg, report) {
                let before_report = view.groups.get(g).is_some_and(|g| g.last < r.first);
                if hit.source_group.is_none() && before_report && own_subject {
                    sg = None;
                }
            }
            tg = tg
                .or_else(|| roles.slots(&pat.target, hit.first, hit.last, sg))
                .or_else(|| roles.slots(&pat.target, hit.first, tail, sg));
        }
        (sg, tg, passive, own_subject, clause_subject)
    }
}
