//! Story decisions that do not depend on the order of storing: the first report of a
//! happening is the report published first (then the lowest article id), however the
//! articles were batched and ordered, and a settle replays the stored articles in that order
//! and moves those whose story changes, with everything counted per story recounted.

use std::collections::BTreeMap;

use attache_model::PloverCategory;
use attache_store::{
    Alias, Batch, Decision, DocumentRecord, DuplicateKind, DuplicateOf, EventFilter, SettleScope,
    SettleSummary, Store, StoryDecider, StoryFilter, StoryInput, StoryRecord,
};

use super::{backends, event, put, record, three};

/// Every event's (story, first report, articles, outlets), by event id.
fn marks(s: &dyn Store) -> BTreeMap<String, (String, bool, u32, u32)> {
    let mut out = BTreeMap::new();
    s.for_each_event(&EventFilter::default(), &mut |e| {
        out.insert(
            e.id.clone(),
            (
                e.story_id.clone(),
                e.first_report,
                e.num_articles,
                e.num_sources,
            ),
        );
        Ok(true)
    })
    .unwrap();
    out
}

/// Every story's (articles, outlets, happenings, title), by id.
fn stories(s: &dyn Store) -> BTreeMap<String, (u64, u64, u64, Option<String>)> {
    s.stories(&StoryFilter {
        limit: attache_store::MAX_PAGE,
        ..StoryFilter::default()
    })
    .unwrap()
    .into_iter()
    .map(|st| (st.id, (st.articles, st.outlets, st.events, st.title)))
    .collect()
}

#[test]
fn first_reports_do_not_depend_on_the_order_articles_were_stored_in() {
    let at_once = backends("order_once");
    let one_by_one = backends("order_reversed");
    for ((name, mut a), (_, mut b)) in at_once.into_iter().zip(one_by_one) {
        let (a, b) = (a.store.as_mut(), b.store.as_mut());
        put(a, three());
        // The same articles, newest first, one batch each: a2 (published a day after a1)
        // is stored before a1 and its report gets the lower row number.
        for doc in three().into_iter().rev() {
            put(b, vec![doc]);
        }
        assert_eq!(marks(a), marks(b), "{name}");
        // A story's counts too; its headline is the one of the article that created it
        // until a settle gives it its earliest article's.
        let counts = |s: &dyn Store| {
            let mut all = stories(s);
            all.values_mut().for_each(|v| v.3 = None);
            all
        };
        assert_eq!(counts(a), counts(b), "{name}");
        for s in [&mut *a, &mut *b] {
            s.settle_stories(&mut Table::default(), SettleScope::Pending)
                .unwrap();
        }
        assert_eq!(stories(a), stories(b), "{name}");
        assert_eq!(stories(b)["s1"].3.as_deref(), Some("Title of a1"), "{name}");
        let a1 = b.event("a1-0").unwrap().unwrap();
        let a2 = b.event("a2-0").unwrap().unwrap();
        assert!(a1.first_report && !a2.first_report, "{name}");
        super::summaries::check(name, "articles stored newest first", b);
        // Published at the same time, the lower id comes first: a2 is now as early as a1.
        let mut same_time = three().remove(1);
        same_time.document.article.published = Some("2025-10-30T10:00:00+05:00".into());
        same_time.content_hash = "hash:republished".into();
        put(b, vec![same_time.clone()]);
        put(a, vec![same_time]);
        assert!(b.event("a1-0").unwrap().unwrap().first_report, "{name}");
        assert_eq!(marks(a), marks(b), "{name}");
        // An earlier publication time wins over the id: a2 an hour before a1 (05:00 UTC).
        let mut earlier = three().remove(1);
        earlier.document.article.published = Some("2025-10-30T04:00:00Z".into());
        earlier.content_hash = "hash:earlier".into();
        put(b, vec![earlier]);
        assert!(b.event("a2-0").unwrap().unwrap().first_report, "{name}");
        assert!(!b.event("a1-0").unwrap().unwrap().first_report, "{name}");
        super::summaries::check(name, "a report moved earlier", b);
    }
}

/// A decider that puts each article in the story a table names (its own story when the
/// table has none) and remembers the order it was asked in.
#[derive(Default)]
struct Table {
    stories: BTreeMap<&'static str, &'static str>,
    asked: Vec<String>,
}

impl Table {
    /// The story this decider puts the article in.
    fn story_of(&mut self, a: &StoryInput) -> String {
        self.asked.push(a.id.clone());
        self.stories
            .get(a.id.as_str())
            .map_or_else(|| a.story_id.clone(), |s| s.to_string())
    }
}

impl StoryDecider for Table {
    fn decide(&mut self, a: &StoryInput) -> Decision {
        Decision::Keep {
            story_id: self.story_of(a),
            duplicate: a.duplicate.clone(),
        }
    }

    fn save(&self) -> Vec<u8> {
        Vec::new()
    }

    fn restore(&mut self, _: &[u8]) -> bool {
        false
    }

    fn profiles(&mut self, ids: &[String]) -> Vec<StoryRecord> {
        ids.iter()
            .filter(|id| *id == "a1")
            .map(|id| StoryRecord {
                id: id.clone(),
                title: None,
                first_day: None,
                last_day: None,
                profile: "{\"settled\":true}".into(),
            })
            .collect()
    }
}

#[test]
fn settling_moves_articles_where_the_decider_says_and_recounts_what_they_leave_and_join() {
    for (name, mut fresh) in backends("settle") {
        let s = fresh.store.as_mut();
        let mut docs = three();
        for d in &mut docs {
            d.story_terms = format!("terms of {}", d.id);
        }
        // a3 was stored without terms (as before the settle existed): it is not replayed.
        docs[2].story_terms.clear();
        // Stored newest first, so the replay's order is not the order of storing.
        for doc in docs.into_iter().rev() {
            put(s, vec![doc]);
        }
        let before = stories(s);
        assert_eq!(before.keys().collect::<Vec<_>>(), ["s1", "s2"], "{name}");
        // Nothing to move: nothing changes.
        let mut same = Table::default();
        let summary = s.settle_stories(&mut same, SettleScope::Pending).unwrap();
        assert_eq!(same.asked, ["a1", "a2"], "{name}");
        // s1 was created by a2, stored first; its headline becomes a1's.
        assert_eq!(before["s1"].3.as_deref(), Some("Title of a2"), "{name}");
        assert_eq!(
            summary,
            SettleSummary {
                articles: 2,
                retitled: 1,
                ..SettleSummary::default()
            },
            "{name}"
        );
        // Nothing written since: the next settle replays nothing.
        let mut idle = Table::default();
        let summary = s.settle_stories(&mut idle, SettleScope::Pending).unwrap();
        assert!(
            summary.skipped && idle.asked.is_empty(),
            "{name}: {summary:?}"
        );
        let mut retitled = before.clone();
        retitled.get_mut("s1").unwrap().3 = Some("Title of a1".into());
        assert_eq!(stories(s), retitled, "{name}");
        // The replay names s1 after its first article and splits a2 off to its own story.
        let mut split = Table {
            stories: [("a1", "a1"), ("a2", "a2")].into_iter().collect(),
            asked: Vec::new(),
        };
        let summary = s
            .settle_stories(&mut split, SettleScope::Everything)
            .unwrap();
        assert_eq!(
            summary,
            SettleSummary {
                articles: 2,
                moved: 2,
                created: 2,
                removed: 1,
                ..SettleSummary::default()
            },
            "{name}"
        );
        let after = stories(s);
        assert_eq!(
            after.keys().collect::<Vec<_>>(),
            ["a1", "a2", "s2"],
            "{name}"
        );
        assert_eq!(after["a1"].0, 1, "{name}");
        assert_eq!(after["a1"].3.as_deref(), Some("Title of a1"), "{name}");
        // Each threat is now alone in its story: both first reports, one outlet each.
        let m = marks(s);
        assert_eq!(m["a1-0"], ("a1".into(), true, 1, 1), "{name}");
        assert_eq!(m["a2-0"], ("a2".into(), true, 1, 1), "{name}");
        assert_eq!(m["a3-0"].0, "s2", "{name}");
        assert_eq!(s.totals().unwrap(), super::totals::recount(s), "{name}");
        super::summaries::check(name, "a settle that split a story", s);
        let saved = s.recent_stories(10).unwrap();
        assert!(
            saved
                .iter()
                .any(|r| r.id == "a1" && r.profile == "{\"settled\":true}"),
            "{name}: {saved:?}"
        );
        // Joined again under a1: a2's report is the later one again.
        let mut join = Table {
            stories: [("a1", "a1"), ("a2", "a1")].into_iter().collect(),
            asked: Vec::new(),
        };
        let summary = s
            .settle_stories(&mut join, SettleScope::Everything)
            .unwrap();
        assert_eq!((summary.moved, summary.removed), (1, 1), "{name}");
        let m = marks(s);
        assert_eq!(m["a1-0"], ("a1".into(), true, 2, 2), "{name}");
        assert_eq!(m["a2-0"], ("a1".into(), false, 2, 2), "{name}");
        assert_eq!(s.totals().unwrap(), super::totals::recount(s), "{name}");
        super::summaries::check(name, "a settle that joined two stories", s);
        // A batch after a settle still adds to the settled story.
        s.put_batch(&Batch::default()).unwrap();
        assert_eq!(stories(s)["a1"].0, 2, "{name}");
    }
}

/// A decider whose answers depend on everything before: an article joins the story of the
/// last article with the same terms when that story started fewer than [`WINDOW`] articles
/// ago, else starts its own. A replay resumed from a wrong place, or from a state saved
/// wrongly, decides otherwise.
#[derive(Default, serde::Serialize, serde::Deserialize)]
struct Window {
    seen: u64,
    /// terms → (story, the article count when it started).
    open: BTreeMap<String, (String, u64)>,
    #[serde(skip)]
    asked: Vec<String>,
}

const WINDOW: u64 = 6;

impl Window {
    /// The story this decider puts the article in.
    fn story_of(&mut self, a: &StoryInput) -> String {
        self.asked.push(a.id.clone());
        let seen = self.seen;
        self.seen += 1;
        match self.open.get(&a.story_terms) {
            Some((story, started)) if seen - started < WINDOW => story.clone(),
            _ => {
                self.open
                    .insert(a.story_terms.clone(), (a.id.clone(), seen));
                a.id.clone()
            }
        }
    }
}

impl StoryDecider for Window {
    fn decide(&mut self, a: &StoryInput) -> Decision {
        Decision::Keep {
            story_id: self.story_of(a),
            duplicate: a.duplicate.clone(),
        }
    }

    fn save(&self) -> Vec<u8> {
        serde_json::to_vec(self).unwrap()
    }

    fn restore(&mut self, state: &[u8]) -> bool {
        match serde_json::from_slice::<Window>(state) {
            Ok(w) => {
                self.seen = w.seen;
                self.open = w.open;
                true
            }
            Err(_) => false,
        }
    }

    fn profiles(&mut self, ids: &[String]) -> Vec<StoryRecord> {
        ids.iter()
            .filter(|id| self.open.values().any(|(s, _)| s == *id))
            .map(|id| StoryRecord {
                id: id.clone(),
                title: None,
                first_day: None,
                last_day: None,
                profile: format!("{{\"window\":\"{id}\"}}"),
            })
            .collect()
    }
}

/// Article `id` on day `day` of October 2025 (none: undated), on one of three topics.
fn dated(id: &str, day: Option<u32>, topic: u32) -> DocumentRecord {
    let date = format!("2025-10-{:02}", day.unwrap_or(1));
    let mut r = record(
        id,
        &format!("outlet{}.example", id.len() % 3),
        &format!("Report {id} on topic {topic}."),
        id,
        &date,
        vec![event(
            &["PAKGOV"],
            &[["AFG", "IND", "IRN"][topic as usize % 3]],
            PloverCategory::Threaten,
            "138",
            &date,
        )],
    );
    r.story_terms = format!("topic {topic}");
    if day.is_none() {
        r.document.article.published = None;
        r.provenance.fetched_at = None;
    }
    r
}

/// Every stored article's story, by id.
fn article_stories(s: &dyn Store) -> BTreeMap<String, String> {
    marks(s)
        .into_iter()
        .map(|(event, (story, ..))| (event.trim_end_matches("-0").to_string(), story))
        .collect()
}

#[test]
fn a_settle_resumed_from_a_checkpoint_decides_as_a_settle_over_every_article() {
    let partial = backends("resume_partial");
    let whole = backends("resume_whole");
    for ((name, mut p), (_, mut w)) in partial.into_iter().zip(whole) {
        let (p, w) = (p.store.as_mut(), w.store.as_mut());
        let mut runs: Vec<Vec<DocumentRecord>> = Vec::new();
        // Ten days, four articles a day, then four days more.
        runs.push(
            (1..=10)
                .flat_map(|d| (0..4).map(move |i| dated(&format!("d{d:02}n{i}"), Some(d), d + i)))
                .collect(),
        );
        runs.push(
            (11..=14)
                .flat_map(|d| (0..4).map(move |i| dated(&format!("d{d:02}n{i}"), Some(d), d * i)))
                .collect(),
        );
        // Nothing new; then an article on day 3 (before every checkpoint); then one on the
        // newest day and an undated one; then day 12's first article replaced by a text
        // published on day 15.
        runs.push(Vec::new());
        runs.push(vec![dated("late03", Some(3), 4)]);
        runs.push(vec![dated("d14n9", Some(14), 2), dated("undated", None, 2)]);
        let mut moved = dated("d12n0", Some(15), 1);
        moved.content_hash = "hash:replaced".into();
        runs.push(vec![moved]);
        // Days 16 and 17 (a checkpoint at 17), then days 16 and 20: the day-16 article must
        // drop the checkpoint at 17, which the next settle (saving at 20 only) would not
        // replace; then day 18, which a kept checkpoint at 17 would resume from.
        runs.push(vec![
            dated("e16a", Some(16), 1),
            dated("e16b", Some(16), 2),
            dated("e17a", Some(17), 1),
            dated("e17b", Some(17), 2),
        ]);
        runs.push(vec![dated("e16c", Some(16), 1), dated("e20a", Some(20), 2)]);
        runs.push(vec![dated("e18a", Some(18), 1)]);
        let mut summaries = Vec::new();
        for (i, docs) in runs.into_iter().enumerate() {
            if !docs.is_empty() {
                put(p, docs.clone());
                put(w, docs);
            }
            let mut partial = Window::default();
            let summary = p
                .settle_stories(&mut partial, SettleScope::Pending)
                .unwrap();
            let mut whole = Window::default();
            w.settle_stories(&mut whole, SettleScope::Everything)
                .unwrap();
            assert_eq!(article_stories(p), article_stories(w), "{name}: run {i}");
            assert_eq!(marks(p), marks(w), "{name}: run {i}");
            assert_eq!(stories(p), stories(w), "{name}: run {i}");
            assert_eq!(p.totals().unwrap(), super::totals::recount(p), "{name}");
            super::summaries::check(name, "a resumed settle", p);
            summaries.push((summary, partial.asked.len(), whole.asked.len()));
        }
        let day = |d: i64| {
            Some(attache_store::day_number(&format!("2025-10-{d:02}")).unwrap() as i64 * 86_400)
        };
        let got: Vec<(bool, Option<i64>, usize)> = summaries
            .iter()
            .map(|(s, asked, _)| (s.skipped, s.resumed_from, *asked))
            .collect();
        assert_eq!(
            got,
            [
                (false, None, 40),
                // From the checkpoint at the start of day 10: day 10 again, then 11 to 14.
                (false, day(10), 20),
                (true, None, 0),
                // Day 3 is before every checkpoint: from the first article.
                (false, None, 57),
                // From the start of day 14: its five articles, then the undated one.
                (false, day(14), 6),
                // The replaced article was on day 12: from the first article again (the
                // only checkpoint, day 14, is after it).
                (false, None, 59),
                // From the start of day 15 (the checkpoint of the whole replay before).
                (false, day(15), 6),
                (false, day(15), 8),
                (false, day(15), 9),
            ],
            "{name}"
        );
        // Each settle over more than one day wrote a checkpoint at its newest day's start.
        let saved: Vec<u64> = summaries.iter().map(|(s, ..)| s.checkpoints).collect();
        assert_eq!(saved, [1, 1, 0, 1, 0, 1, 1, 1, 1], "{name}");
        // The stories did change under the resumed settles (the case is not trivial).
        let moved: u64 = summaries.iter().map(|(s, ..)| s.moved).sum();
        eprintln!("{name}: {moved} moved");
        assert!(moved > 15, "{name}: {moved}");
    }
}

/// A decider that settles copies as the story stage does, by content hash: the first
/// article with a text is kept in a story named by its id; a later one of the same outlet is
/// an alias of it; one of another outlet joins its story as its copy.
#[derive(Default)]
struct Copies {
    /// Content hash → (id, outlet) of the first article kept with it.
    kept: BTreeMap<String, (String, Option<String>)>,
}

impl StoryDecider for Copies {
    fn decide(&mut self, a: &StoryInput) -> Decision {
        let Some((id, site)) = self.kept.get(&a.content_hash) else {
            self.kept
                .insert(a.content_hash.clone(), (a.id.clone(), a.site.clone()));
            return Decision::Keep {
                story_id: a.id.clone(),
                duplicate: None,
            };
        };
        let original = DuplicateOf {
            id: id.clone(),
            kind: DuplicateKind::Exact,
            distance: 0,
        };
        if *site == a.site {
            Decision::Alias(original)
        } else {
            Decision::Keep {
                story_id: id.clone(),
                duplicate: Some(original),
            }
        }
    }

    fn save(&self) -> Vec<u8> {
        Vec::new()
    }

    fn restore(&mut self, _: &[u8]) -> bool {
        false
    }

    fn profiles(&mut self, _: &[String]) -> Vec<StoryRecord> {
        Vec::new()
    }
}

/// One text from one outlet on two days (`late`, `early`) and from another outlet (`other`).
fn copies() -> [DocumentRecord; 3] {
    let text = "Pakistan warned Afghanistan on Thursday about border raids.";
    let threat = || {
        vec![event(
            &["PAKGOV"],
            &["AFG"],
            PloverCategory::Threaten,
            "138",
            "2025-10-30",
        )]
    };
    let mut late = record("late", "one.example", text, "late", "2025-10-31", threat());
    let mut early = record(
        "early",
        "one.example",
        text,
        "early",
        "2025-10-30",
        threat(),
    );
    let mut other = record("other", "two.example", text, "late", "2025-11-01", threat());
    for r in [&mut late, &mut early, &mut other] {
        r.story_terms = "terms".into();
    }
    other.duplicate = Some(DuplicateOf {
        id: "late".into(),
        kind: DuplicateKind::Exact,
        distance: 0,
    });
    [late, early, other]
}

#[test]
fn a_settle_keeps_the_earliest_same_outlet_copy_and_makes_the_later_an_alias() {
    let raced = backends("copies_raced");
    let in_order = backends("copies_in_order");
    for ((name, mut a), (_, mut b)) in raced.into_iter().zip(in_order) {
        let (raced, in_order) = (a.store.as_mut(), b.store.as_mut());
        // Two writers each stored one outlet's copy before seeing the other's, the later one
        // first; the other outlet's copy names the later one as its original.
        let [late, early, other] = copies();
        put(raced, vec![late.clone(), other.clone()]);
        put(raced, vec![early.clone()]);
        assert_eq!(raced.totals().unwrap().articles, 3, "{name}");
        // One writer reading in publication order stores the earliest, remembers the later
        // copy as its alias and names the earliest as the other outlet's original.
        let mut other_in_order = other.clone();
        other_in_order.duplicate = Some(DuplicateOf {
            id: "early".into(),
            kind: DuplicateKind::Exact,
            distance: 0,
        });
        other_in_order.story_id = "early".into();
        let mut early_in_order = early.clone();
        early_in_order.story_id = "early".into();
        in_order
            .put_batch(&Batch {
                documents: vec![early_in_order, other_in_order],
                aliases: vec![Alias {
                    key: "late".into(),
                    article_id: "early".into(),
                    kind: DuplicateKind::Exact,
                    distance: 0,
                    source: late.provenance.source.clone(),
                }],
                ..Batch::default()
            })
            .unwrap();
        let settled = raced
            .settle_stories(&mut Copies::default(), SettleScope::Pending)
            .unwrap();
        assert_eq!((settled.aliased, settled.copies_renamed), (1, 1), "{name}");
        let again = in_order
            .settle_stories(&mut Copies::default(), SettleScope::Pending)
            .unwrap();
        assert_eq!(
            (again.aliased, again.copies_renamed, again.moved),
            (0, 0, 0),
            "{name}"
        );
        for s in [&*raced, &*in_order] {
            assert!(s.article("late").unwrap().is_none(), "{name}");
            let known = s.lookup("late", &late.content_hash).unwrap();
            assert_eq!(known.alias_of.as_deref(), Some("early"), "{name}");
            let copy = s.article("other").unwrap().unwrap();
            assert_eq!(copy.duplicate_of.as_deref(), Some("early"), "{name}");
            assert_eq!(s.totals().unwrap(), super::totals::recount(s), "{name}");
            super::summaries::check(name, "a copy became an alias", s);
        }
        assert_eq!(marks(raced), marks(in_order), "{name}");
        assert_eq!(stories(raced), stories(in_order), "{name}");
        assert_eq!(
            raced.totals().unwrap(),
            in_order.totals().unwrap(),
            "{name}"
        );
        // The alias's page comes again: already stored, nothing changes.
        let known = raced.lookup("late", &late.content_hash).unwrap();
        assert!(
            known.alias_of.is_some() && known.same_id_hash.is_none(),
            "{name}"
        );
    }
}
