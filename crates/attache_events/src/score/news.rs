//! Scoring the events coded from a whole news page against its real-news gold
//! ([`crate::gold::realnews`]), the way that set's README recommends.
//!
//! Per page, emitted events are matched to gold events greedily, in emitted order, each gold
//! event at most once (a required one before an optional one, then file order). An emitted
//! event matches a gold event when
//! - its PLOVER category is the gold `type` or one of its `also`;
//! - one of its sources matches the gold source ([`actor_matches`]);
//! - under [`NewsMatch::Full`] and [`NewsMatch::FullModality`], one of its targets matches the
//!   gold target, or, when the gold target is `null` (a one-sided act), it has none;
//! - under [`NewsMatch::FullModality`], its modality is the gold modality.
//!
//! Recall is matched required gold events over required gold events; precision is emitted
//! events matched to required gold events over emitted events less those matched to optional
//! ones (emitting an optional event is no error, missing it no miss). Emitted events without
//! a PLOVER category (CAMEO 01x statements) are outside PLOVER's 16 categories the gold is
//! annotated in: they are counted apart ([`NewsPageScore::unscored`]) and not scored.

use std::collections::BTreeMap;

use attache_model::{Event, EventActor, PloverCategory};

use crate::gold::realnews::{NewsGoldActor, NewsGoldEvent};

/// Which parts of an event must agree with the gold.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum NewsMatch {
    /// Type, source and target (the main figure).
    Full,
    /// Type and source; the target is ignored (how much is lost on targets alone).
    TypeSource,
    /// Type, source, target and modality.
    FullModality,
}

impl NewsMatch {
    /// The three, in report order.
    pub const ALL: [NewsMatch; 3] = [
        NewsMatch::Full,
        NewsMatch::TypeSource,
        NewsMatch::FullModality,
    ];

    /// A short label for reports.
    pub fn label(self) -> &'static str {
        match self {
            NewsMatch::Full => "full triple",
            NewsMatch::TypeSource => "type + source",
            NewsMatch::FullModality => "full + modality",
        }
    }
}

/// Matched and unmatched counts under one [`NewsMatch`]. Matching is one-to-one, so over a
/// page `found` and `correct` are equal; per category they differ when an event matched under
/// an `also` category (found under the gold type, correct under the emitted category).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct NewsCounts {
    /// Required gold events.
    pub required: usize,
    /// Required gold events matched.
    pub found: usize,
    /// Emitted events scored (those with a PLOVER category).
    pub emitted: usize,
    /// Emitted events matched to required gold events.
    pub correct: usize,
    /// Emitted events matched to optional gold events (left out of precision).
    pub optional: usize,
}

impl NewsCounts {
    /// Add another count.
    pub fn add(&mut self, o: NewsCounts) {
        self.required += o.required;
        self.found += o.found;
        self.emitted += o.emitted;
        self.correct += o.correct;
        self.optional += o.optional;
    }

    /// Emitted events that count against precision when unmatched.
    pub fn judged(&self) -> usize {
        self.emitted - self.optional
    }

    /// correct / (emitted − optional); 0 when nothing was judged.
    pub fn precision(&self) -> f64 {
        ratio(self.correct, self.judged())
    }

    /// found / required; 0 when nothing is required.
    pub fn recall(&self) -> f64 {
        ratio(self.found, self.required)
    }

    /// Harmonic mean of precision and recall.
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

/// Which emitted event matched which gold event under one [`NewsMatch`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Alignment {
    /// For each emitted event, the index of the gold event it matched.
    pub emitted: Vec<Option<usize>>,
    /// For each gold event, the index of the emitted event that matched it.
    pub gold: Vec<Option<usize>>,
}

/// Match a page's emitted events to its gold events (greedy, see the module comment).
pub fn align(events: &[Event], gold: &[NewsGoldEvent], how: NewsMatch) -> Alignment {
    let mut a = Alignment {
        emitted: vec![None; events.len()],
        gold: vec![None; gold.len()],
    };
    for (i, e) in events.iter().enumerate() {
        let candidates = || {
            gold.iter()
                .enumerate()
                .filter(|&(g, _)| a.gold[g].is_none())
                .filter(|(_, ge)| event_matches(e, ge, how))
        };
        let pick = candidates()
            .find(|(_, ge)| ge.required)
            .or_else(|| candidates().next())
            .map(|(g, _)| g);
        if let Some(g) = pick {
            a.emitted[i] = Some(g);
            a.gold[g] = Some(i);
        }
    }
    a
}

/// Whether an emitted event matches a gold event under `how`.
pub fn event_matches(e: &Event, g: &NewsGoldEvent, how: NewsMatch) -> bool {
    let Some(cat) = e.plover.as_ref().map(|p| p.category) else {
        return false;
    };
    if !g.accepts(cat) || !e.source.iter().any(|a| actor_matches(a, &g.source)) {
        return false;
    }
    let target_ok = || match &g.target {
        None => e.target.is_empty(),
        Some(t) => e.target.iter().any(|a| actor_matches(a, t)),
    };
    match how {
        NewsMatch::TypeSource => true,
        NewsMatch::Full => target_ok(),
        NewsMatch::FullModality => target_ok() && e.modality == g.modality,
    }
}

/// Whether an emitted actor is the gold actor: one of its codes (a `/`-joined group names
/// several) starts with one of the gold code prefixes, or its canonical name or its words
/// contain the gold name, case aside and a leading "the" of the gold name aside ("the
/// Taliban" is found in "Taliban fighters").
pub fn actor_matches(a: &EventActor, g: &NewsGoldActor) -> bool {
    let by_code = a
        .code
        .split('/')
        .filter(|c| !c.is_empty())
        .any(|c| g.codes.iter().any(|p| c.starts_with(p.as_str())));
    if by_code {
        return true;
    }
    let name = bare_name(&g.name);
    !name.is_empty()
        && [&a.name, &a.text]
            .iter()
            .any(|s| s.to_lowercase().contains(&name))
}

/// A gold name lower-cased, its spaces squeezed and a leading "the " dropped.
fn bare_name(name: &str) -> String {
    let lower = name
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase();
    lower.strip_prefix("the ").unwrap_or(&lower).to_string()
}

/// The scores of one page (or a sum of pages).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct NewsPageScore {
    /// Counts per [`NewsMatch`], in [`NewsMatch::ALL`] order.
    pub counts: [NewsCounts; 3],
    /// The same per PLOVER category: required gold events under their gold type, emitted
    /// events under their emitted category.
    pub by_category: BTreeMap<PloverCategory, [NewsCounts; 3]>,
    /// Emitted events with no PLOVER category (not scored).
    pub unscored: usize,
}

impl NewsPageScore {
    /// The counts under one [`NewsMatch`].
    pub fn get(&self, how: NewsMatch) -> NewsCounts {
        self.counts[index(how)]
    }

    /// Add another page's scores.
    pub fn add(&mut self, o: &NewsPageScore) {
        for k in 0..3 {
            self.counts[k].add(o.counts[k]);
        }
        for (cat, c) in &o.by_category {
            let mine = self.by_category.entry(*cat).or_default();
            for k in 0..3 {
                mine[k].add(c[k]);
            }
        }
        self.unscored += o.unscored;
    }
}

fn index(how: NewsMatch) -> usize {
    match how {
        NewsMatch::Full => 0,
        NewsMatch::TypeSource => 1,
        NewsMatch::FullModality => 2,
    }
}

/// Score one page's emitted events against its gold events under all three matches.
pub fn score_page(events: &[Event], gold: &[NewsGoldEvent]) -> NewsPageScore {
    let mut s = NewsPageScore {
        unscored: events.iter().filter(|e| e.plover.is_none()).count(),
        ..NewsPageScore::default()
    };
    for how in NewsMatch::ALL {
        let k = index(how);
        let a = align(events, gold, how);
        for (g, ge) in gold.iter().enumerate().filter(|(_, ge)| ge.required) {
            let found = usize::from(a.gold[g].is_some());
            for c in [
                &mut s.counts[k],
                &mut s.by_category.entry(ge.category).or_default()[k],
            ] {
                c.required += 1;
                c.found += found;
            }
        }
        for (i, e) in events.iter().enumerate() {
            let Some(cat) = e.plover.as_ref().map(|p| p.category) else {
                continue;
            };
            let required = a.emitted[i].map(|g| gold[g].required);
            for c in [
                &mut s.counts[k],
                &mut s.by_category.entry(cat).or_default()[k],
            ] {
                c.emitted += 1;
                c.correct += usize::from(required == Some(true));
                c.optional += usize::from(required == Some(false));
            }
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use attache_model::{Modality, PloverCoding};

    fn actor(code: &str, text: &str) -> EventActor {
        EventActor {
            code: code.into(),
            name: String::new(),
            text: text.into(),
            ..EventActor::default()
        }
    }

    fn emitted(cat: PloverCategory, src: EventActor, tgt: Option<EventActor>) -> Event {
        Event {
            plover: Some(PloverCoding {
                category: cat,
                ..PloverCoding::default()
            }),
            source: vec![src],
            target: tgt.into_iter().collect(),
            ..Event::default()
        }
    }

    fn gold(
        cat: PloverCategory,
        src: (&str, &[&str]),
        tgt: Option<(&str, &[&str])>,
        required: bool,
    ) -> NewsGoldEvent {
        let a = |(name, codes): (&str, &[&str])| NewsGoldActor {
            name: name.into(),
            codes: codes.iter().map(|c| c.to_string()).collect(),
        };
        NewsGoldEvent {
            id: String::new(),
            sentence: String::new(),
            source: a(src),
            target: tgt.map(a),
            category: cat,
            also: vec![],
            modality: Modality::Asserted,
            required,
        }
    }

    use PloverCategory::*;

    #[test]
    fn actors_match_by_code_prefix_or_by_name_in_their_words() {
        let g = NewsGoldActor {
            name: "the Taliban".into(),
            codes: vec!["AFGINS".into(), "TAL".into()],
        };
        assert!(actor_matches(&actor("AFGINSTAL", "insurgents"), &g));
        assert!(actor_matches(&actor("USA/TAL", "both"), &g));
        assert!(actor_matches(&actor("", "Taliban fighters"), &g));
        assert!(!actor_matches(&actor("AFG", "Afghanistan"), &g));
        let nameless = NewsGoldActor {
            name: String::new(),
            codes: vec![],
        };
        assert!(!actor_matches(&actor("", "anyone"), &nameless));
    }

    #[test]
    fn a_null_gold_target_matches_only_an_event_without_target() {
        let g = gold(Protest, ("protesters", &["USAOPP"]), None, true);
        let alone = emitted(Protest, actor("USAOPP", "protesters"), None);
        let aimed = emitted(
            Protest,
            actor("USAOPP", "protesters"),
            Some(actor("USAGOV", "x")),
        );
        assert!(event_matches(&alone, &g, NewsMatch::Full));
        assert!(!event_matches(&aimed, &g, NewsMatch::Full));
        assert!(event_matches(&aimed, &g, NewsMatch::TypeSource));
    }

    #[test]
    fn modality_counts_only_in_the_modality_match() {
        let g = gold(
            Assault,
            ("Israel", &["ISR"]),
            Some(("Gaza", &["PSE"])),
            true,
        );
        let mut e = emitted(
            Assault,
            actor("ISRMIL", "Israeli forces"),
            Some(actor("PSE", "Gaza")),
        );
        e.modality = Modality::Hypothetical;
        assert!(event_matches(&e, &g, NewsMatch::Full));
        assert!(!event_matches(&e, &g, NewsMatch::FullModality));
        let mut also = gold(Coerce, ("Israel", &["ISR"]), Some(("Gaza", &["PSE"])), true);
        assert!(!event_matches(&e, &also, NewsMatch::Full));
        also.also.push(Assault);
        assert!(event_matches(&e, &also, NewsMatch::Full));
    }

    #[test]
    fn precision_leaves_out_events_matched_to_optional_gold_and_unscored_ones() {
        let golds = vec![
            gold(Accuse, ("A", &["AAA"]), Some(("B", &["BBB"])), true),
            gold(Accuse, ("A", &["AAA"]), Some(("C", &["CCC"])), false),
            gold(Reject, ("B", &["BBB"]), None, true),
        ];
        let mut statement = emitted(Accuse, actor("AAA", "a"), None);
        statement.plover = None;
        let events = vec![
            // Could match the optional or the required gold: the required one wins.
            emitted(Accuse, actor("AAA", "a"), None),
            emitted(Accuse, actor("AAA", "a"), Some(actor("CCC", "c"))),
            emitted(Accuse, actor("AAA", "a"), Some(actor("BBB", "b"))),
            emitted(Assault, actor("ZZZ", "z"), None),
            statement,
        ];
        let s = score_page(&events, &golds);
        assert_eq!(s.unscored, 1);
        let full = s.get(NewsMatch::Full);
        assert_eq!(
            full,
            NewsCounts {
                required: 2,
                found: 1,
                emitted: 4,
                correct: 1,
                optional: 1
            }
        );
        assert!((full.precision() - 1.0 / 3.0).abs() < 1e-9);
        assert!((full.recall() - 0.5).abs() < 1e-9);
        // Type and source: the first emitted event takes the required ACCUSE gold, the
        // second the optional one, the third nothing.
        let loose = s.get(NewsMatch::TypeSource);
        assert_eq!((loose.found, loose.correct, loose.optional), (1, 1, 1));
        let reject = s.by_category.get(&Reject).map(|c| c[0]).unwrap_or_default();
        assert_eq!((reject.required, reject.found, reject.emitted), (1, 0, 0));
        let assault = s
            .by_category
            .get(&Assault)
            .map(|c| c[0])
            .unwrap_or_default();
        assert_eq!((assault.emitted, assault.correct), (1, 0));
    }

    #[test]
    fn an_also_match_is_found_under_the_gold_type_and_correct_under_the_emitted_one() {
        let mut g = gold(Retreat, ("the Taliban", &["TAL"]), None, true);
        g.also.push(Concede);
        let s = score_page(&[emitted(Concede, actor("TAL", "Taliban"), None)], &[g]);
        let by = |c: PloverCategory| s.by_category.get(&c).map(|x| x[0]).unwrap_or_default();
        assert_eq!((by(Retreat).found, by(Retreat).correct), (1, 0));
        assert_eq!((by(Concede).found, by(Concede).correct), (0, 1));
        let mut total = NewsPageScore::default();
        total.add(&s);
        total.add(&s);
        assert_eq!(total.get(NewsMatch::Full).found, 2);
        assert!((total.get(NewsMatch::Full).f1() - 1.0).abs() < 1e-9);
    }
}
