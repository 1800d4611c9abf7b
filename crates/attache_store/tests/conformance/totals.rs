//! The home page's totals (articles, event reports, stories), which both writers keep in a
//! row of their own, must equal a recount of the stored rows after every kind of
//! write: new articles, a story record for a new and for a known story, the same batch again,
//! a changed page with fewer events, and the same article twice in one batch.

use attache_store::{day_number, Batch, EventFilter, Store, StoryFilter, StoryRecord, Totals};

use super::{each, put, record, three};

/// The totals counted from what the store gives back.
pub(super) fn recount(s: &dyn Store) -> Totals {
    let mut articles = 0;
    s.for_each_article(&mut |_| {
        articles += 1;
        Ok(true)
    })
    .unwrap();
    let mut events = 0;
    s.for_each_event(&EventFilter::default(), &mut |_| {
        events += 1;
        Ok(true)
    })
    .unwrap();
    let stories = s
        .stories(&StoryFilter {
            limit: attache_store::MAX_PAGE,
            ..StoryFilter::default()
        })
        .unwrap()
        .len() as u64;
    Totals {
        articles,
        events,
        stories,
    }
}

fn story(id: &str) -> StoryRecord {
    StoryRecord {
        id: id.into(),
        title: Some(format!("Story {id}")),
        first_day: day_number("2025-10-30"),
        last_day: day_number("2025-10-31"),
        profile: "{}".into(),
    }
}

#[test]
fn totals_equal_a_recount_after_every_kind_of_write() {
    each("totals", |name, s| {
        let check = |s: &dyn Store, step: &str| {
            assert_eq!(s.totals().unwrap(), recount(s), "{name} after {step}");
        };
        check(s, "nothing");
        assert_eq!(s.totals().unwrap(), Totals::default(), "{name}: empty");
        put(s, three());
        check(s, "the first batch");
        // A story record for a story the articles made and one for a story without articles.
        s.put_batch(&Batch {
            stories: vec![story("s1"), story("s9")],
            ..Batch::default()
        })
        .unwrap();
        check(s, "story records, one new");
        put(s, three());
        check(s, "the same batch again");
        // a2 is stored again with one event fewer and a new story.
        let mut a2 = three().remove(1);
        a2.document.article.text.push_str(" Updated.");
        a2.content_hash = "hash:updated".into();
        a2.document
            .events
            .truncate(a2.document.events.len().saturating_sub(1));
        a2.event_keys.truncate(a2.document.events.len());
        a2.story_id = "s7".into();
        put(s, vec![a2]);
        check(s, "a changed page with fewer events");
        // A new article twice in one batch, the second time changed.
        let first = record(
            "t1",
            "six.example",
            "Talks resumed.",
            "s8",
            "2025-11-03",
            Vec::new(),
        );
        let mut second = first.clone();
        second.document.article.text = "Talks resumed on Monday.".into();
        second.content_hash = "hash:t1-second".into();
        put(s, vec![first, second]);
        check(s, "one article twice in a batch");
        let t = s.totals().unwrap();
        assert!(
            t.articles >= 4 && t.events >= 1 && t.stories >= 4,
            "{name}: {t:?}"
        );
    });
}
