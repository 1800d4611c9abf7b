//! Story decisions that do not depend on the order of storing: the first report of a
//! happening is the report published first (then the lowest article id), however the
//! articles were batched and ordered, and a settle replays the stored articles in that order
//! and moves those whose story changes, with everything counted per story recounted.

use std::collections::BTreeMap;

use attache_store::{
    Batch, EventFilter, SettleSummary, Store, StoryDecider, StoryFilter, StoryInput, StoryRecord,
};

use super::{backends, put, three};

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
            s.settle_stories(&mut Table::default()).unwrap();
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

impl StoryDecider for Table {
    fn story_of(&mut self, a: &StoryInput) -> String {
        self.asked.push(a.id.clone());
        self.stories
            .get(a.id.as_str())
            .map_or_else(|| a.story_id.clone(), |s| s.to_string())
    }

    fn finish(&mut self) -> Vec<StoryRecord> {
        vec![StoryRecord {
            id: "a1".into(),
            title: None,
            first_day: None,
            last_day: None,
            profile: "{\"settled\":true}".into(),
        }]
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
        let summary = s.settle_stories(&mut same).unwrap();
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
        let mut retitled = before.clone();
        retitled.get_mut("s1").unwrap().3 = Some("Title of a1".into());
        assert_eq!(stories(s), retitled, "{name}");
        // The replay names s1 after its first article and splits a2 off to its own story.
        let mut split = Table {
            stories: [("a1", "a1"), ("a2", "a2")].into_iter().collect(),
            asked: Vec::new(),
        };
        let summary = s.settle_stories(&mut split).unwrap();
        assert_eq!(
            summary,
            SettleSummary {
                articles: 2,
                moved: 2,
                created: 2,
                removed: 1,
                retitled: 0,
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
        let summary = s.settle_stories(&mut join).unwrap();
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
