//! Every PETRARCH actor and agent dictionary of ../shared/bench/events loads (read at test
//! time; skipped when absent).

#![allow(clippy::expect_used, clippy::unwrap_used)]

use attache_nlp::{ActorDictionary, ActorResolver};

#[test]
fn shared_petrarch_dictionaries_load() {
    let root =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/bench/events");
    let Ok(folders) = std::fs::read_dir(&root) else {
        eprintln!("skipping: {} not readable", root.display());
        return;
    };
    let mut loaded = 0;
    for folder in folders.filter_map(Result::ok) {
        let dir = folder.path().join("dictionaries");
        let has_actor_files = std::fs::read_dir(&dir).is_ok_and(|mut d| {
            d.any(|e| e.is_ok_and(|e| e.file_name().to_string_lossy().ends_with(".actors.txt")))
        });
        if !has_actor_files {
            continue;
        }
        let dict = ActorDictionary::load_petrarch_dir(&dir)
            .unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
        for w in dict.warnings() {
            eprintln!("warning: {w}");
        }
        assert!(
            dict.len() > 50,
            "{}: only {} entries",
            dir.display(),
            dict.len()
        );
        ActorResolver::new(dict).expect("the automaton builds");
        loaded += 1;
    }
    assert!(
        loaded >= 2,
        "expected the Phoenix and unit-test dictionaries"
    );
}
