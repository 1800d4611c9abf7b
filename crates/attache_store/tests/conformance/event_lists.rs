//! Event lists filtered by an actor and a PLOVER type (the dashboard's "what did this actor do
//! of this kind") must hold the events of the actor's own list that have that type, in the
//! same order, page by page, however a backend finds them: SQLite checks each event of the
//! type against its actors when the actor is common and collects the actor's events first
//! when it is rare; PostgreSQL walks the actor's dyad rows of that type.

use attache_model::PloverCategory;
use attache_store::{day_number, synthetic, EventFilter, Store, MAX_PAGE};

use super::each;

/// The ids of the events the filter lists.
fn ids(s: &dyn Store, f: &EventFilter) -> Vec<String> {
    s.events(f).unwrap().into_iter().map(|e| e.id).collect()
}

#[test]
fn an_actor_and_a_type_list_the_actors_events_of_that_type() {
    each("actor_type", |name, s| {
        let settings = synthetic::Settings {
            events: 4000,
            batch_articles: 200,
            ..synthetic::Settings::default()
        };
        synthetic::fill(s, &settings, &synthetic::table_coding, &mut |_| {}).unwrap();
        let (june, july) = (day_number("2024-06-01"), day_number("2024-07-31"));
        // Common roots (SQLite checks each event) and rare full codes (it collects).
        let actors: [(&str, Option<&str>, bool); 6] = [
            ("PAK", None, false),
            ("PAK", Some("AFG"), false),
            ("AFG", Some("PAK"), true),
            ("IND", None, false),
            ("TWNMIL", None, false),
            ("PAKGOV", Some("AFG"), true),
        ];
        let types = [
            PloverCategory::Consult,
            PloverCategory::Assault,
            PloverCategory::Aid,
        ];
        let mut nonempty = 0;
        for (actor, target, undirected) in actors {
            for plover in types {
                for (from_day, to_day) in [(None, None), (june, july)] {
                    let whole = EventFilter {
                        actor: Some(actor.into()),
                        target: target.map(Into::into),
                        undirected,
                        from_day,
                        to_day,
                        limit: MAX_PAGE,
                        ..EventFilter::default()
                    };
                    let of_type: Vec<String> = s
                        .events(&whole)
                        .unwrap()
                        .into_iter()
                        .filter(|e| e.event.plover.as_ref().map(|p| p.category) == Some(plover))
                        .map(|e| e.id)
                        .collect();
                    nonempty += usize::from(!of_type.is_empty());
                    let filter = EventFilter {
                        plover: Some(plover),
                        ..whole
                    };
                    let case =
                        format!("{name}: {actor} {target:?} {undirected} {plover:?} {from_day:?}");
                    assert_eq!(ids(s, &filter), of_type, "{case}");
                    assert_eq!(
                        s.count_events(&filter).unwrap(),
                        of_type.len() as u64,
                        "{case}"
                    );
                    for (limit, offset) in [(5, 0), (7, 3)] {
                        let page = EventFilter {
                            limit,
                            offset,
                            ..filter.clone()
                        };
                        let want: Vec<String> =
                            of_type.iter().skip(offset).take(limit).cloned().collect();
                        assert_eq!(ids(s, &page), want, "{case} {limit} {offset}");
                    }
                }
            }
        }
        assert!(nonempty > 20, "{name}: only {nonempty} lists hold events");
    });
}
