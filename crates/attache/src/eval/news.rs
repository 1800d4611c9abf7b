//! `attache eval events --bench realnews/gold.jsonl --pages DIR`: code whole real news pages
//! from their raw HTML, the way `attache code` does (extract, actors, events), and score the
//! events against the page gold ([`attache_events::score::news`]).
//!
//! Prints precision, recall and F1 for the full triple, for type and source only, and for
//! the full triple with modality required to agree: over all pages, the development pages
//! and the held-aside pages apart ([`attache_events::gold::realnews::is_held_aside`]), then per
//! page and per PLOVER category. `--verbose` lists, per page, every gold event with what
//! matched it and every emitted event with its sentence, on standard error.

use std::path::{Path, PathBuf};

use anyhow::Context;
use attache_events::gold::realnews::{is_held_aside, NewsGoldSet, NewsPage, HELD_ASIDE_MODULUS};
use attache_events::score::news::{align, score_page, NewsCounts, NewsMatch, NewsPageScore};
use attache_model::{Document, Event, EventActor, Extraction};

use crate::cmd::code::DictionaryArgs;
use crate::inputs::Input;
use crate::pipeline::Pipeline;

/// Where each page collection's raw pages sit under `--pages` (the extraction benchmark
/// folder): page id prefix, then folder.
const COLLECTIONS: [(&str, &str); 2] = [
    ("scrapinghub", "scrapinghub-aeb/html"),
    ("wcxb", "wcxb-articles/html"),
];

/// File endings a raw page may have, tried in order.
const PAGE_ENDINGS: [&str; 2] = [".html.gz", ".html"];

/// The largest page read, as `attache code`'s default `--max-mb`.
const MAX_PAGE_BYTES: usize = 20 * 1024 * 1024;

/// The raw page file of a page id (`scrapinghub/<id>`), or why there is none.
fn page_file(pages: &Path, page: &str) -> Result<PathBuf, String> {
    let Some((collection, id)) = page.split_once('/') else {
        return Err("the page id has no `collection/` prefix".into());
    };
    let Some((_, folder)) = COLLECTIONS.iter().find(|(c, _)| *c == collection) else {
        return Err(format!("unknown page collection `{collection}`"));
    };
    if id.is_empty() || id.contains(['/', '\\']) || id.starts_with('.') {
        return Err(format!("`{id}` is not a page file name"));
    }
    PAGE_ENDINGS
        .iter()
        .map(|end| pages.join(folder).join(format!("{id}{end}")))
        .find(|p| p.is_file())
        .ok_or_else(|| format!("no {id}.html(.gz) under {}", pages.join(folder).display()))
}

/// One page coded.
struct Coded {
    doc: Option<Document>,
    events: Vec<Event>,
    /// Why nothing was coded, when nothing could be.
    failure: Option<String>,
}

fn code_page(pipeline: &Pipeline, pages: &Path, page: &NewsPage) -> Coded {
    let failed = |why: String| Coded {
        doc: None,
        events: vec![],
        failure: Some(why),
    };
    let path = match page_file(pages, &page.page) {
        Ok(p) => p,
        Err(why) => return failed(why),
    };
    let settings = attache_extract::Settings {
        max_bytes: MAX_PAGE_BYTES,
        ..attache_extract::Settings::default()
    };
    let input = Input::File(path.clone());
    let article = match input.extract(None, &settings) {
        Ok(Extraction::Article(a)) => a,
        Ok(Extraction::NotArticle { reason, .. }) => {
            return failed(format!("not an article: {}", reason.describe()))
        }
        Err(err) => return failed(format!("{}: {err:#}", path.display())),
    };
    // The pipeline of `attache code` on articles; an undated page is dated by the day it
    // is scored.
    let mut doc = crate::cmd::code::code_doc(
        pipeline,
        &input.name(),
        article,
        &attache_store::now_rfc3339(),
    );
    let events = std::mem::take(&mut doc.events);
    Coded {
        doc: Some(doc),
        events,
        failure: None,
    }
}

/// Score a real-news page gold file; `name` is the bench path as given.
pub fn run(
    name: &str,
    set: &NewsGoldSet,
    pages: &Path,
    dictionaries: &DictionaryArgs,
    verbose: bool,
) -> anyhow::Result<()> {
    if !pages.is_dir() {
        anyhow::bail!("{}: not a folder of raw pages", pages.display());
    }
    for p in &set.problems {
        eprintln!("attache: {name}: {p}");
    }
    let pipeline = crate::cmd::code::pipeline(dictionaries).context("cannot build the pipeline")?;
    let (mut all, mut dev, mut aside) = (
        NewsPageScore::default(),
        NewsPageScore::default(),
        NewsPageScore::default(),
    );
    let mut rows = Vec::new();
    let mut failures = 0usize;
    for page in &set.pages {
        let coded = code_page(&pipeline, pages, page);
        if let Some(why) = &coded.failure {
            failures += 1;
            eprintln!("attache: {}: {why}; scored with no events", page.page);
        }
        let score = score_page(&coded.events, &page.events);
        if verbose {
            explain_page(page, &coded);
        }
        all.add(&score);
        if is_held_aside(&page.page) {
            aside.add(&score);
        } else {
            dev.add(&score);
        }
        rows.push((page, score));
    }
    let n_aside = set.pages.iter().filter(|p| is_held_aside(&p.page)).count();
    let optional: usize = set
        .pages
        .iter()
        .map(|p| p.events.len() - p.required())
        .sum();
    println!(
        "events on {name} (real-news pages, raw HTML from {})",
        pages.display()
    );
    if let Some(dir) = &dictionaries.petrarch_dictionaries {
        println!("  PETRARCH dictionaries       {}", dir.display());
    }
    println!(
        "  pages                       {} ({} development, {n_aside} held aside: FNV-1a of the page id mod {HELD_ASIDE_MODULUS} = 0; {failures} not coded)",
        set.pages.len(),
        set.pages.len() - n_aside
    );
    let full = all.get(NewsMatch::Full);
    println!(
        "  gold events                 {} required, {optional} optional",
        full.required
    );
    println!(
        "  emitted events              {} scored, {} with no PLOVER category left out",
        full.emitted, all.unscored
    );
    for (group, s) in [("all", &all), ("development", &dev), ("held aside", &aside)] {
        for how in NewsMatch::ALL {
            println!("  {group:<12}{:<16}{}", how.label(), figures(s.get(how)));
        }
    }
    println!("per page (P/R/F1 full triple | type + source | full + modality; * held aside)");
    for (page, s) in &rows {
        let mark = if is_held_aside(&page.page) { '*' } else { ' ' };
        let short: String = page.page.chars().take(24).collect();
        let cells: Vec<String> = NewsMatch::ALL
            .iter()
            .map(|&h| short_figures(s.get(h)))
            .collect();
        println!(
            "  {mark}{short:<24} req {:>2} emitted {:>3}  {}",
            s.get(NewsMatch::Full).required,
            s.get(NewsMatch::Full).emitted,
            cells.join(" | ")
        );
    }
    println!("per PLOVER category, all pages (gold required / found, emitted / correct; P/R/F1 as per page)");
    for (cat, c) in &all.by_category {
        let cells: Vec<String> = c.iter().map(|&x| short_figures(x)).collect();
        println!(
            "  {:<10} req {:>3} found {:>3} emitted {:>3} correct {:>3}  {}",
            cat.as_str(),
            c[0].required,
            c[0].found,
            c[0].emitted,
            c[0].correct,
            cells.join(" | ")
        );
    }
    Ok(())
}

/// `P 0.030  R 0.050  F1 0.038  (found 7/139, correct 7/170 judged)`.
fn figures(c: NewsCounts) -> String {
    format!(
        "P {:.3}  R {:.3}  F1 {:.3}  (found {}/{}, correct {}/{} judged)",
        c.precision(),
        c.recall(),
        c.f1(),
        c.found,
        c.required,
        c.correct,
        c.judged()
    )
}

fn short_figures(c: NewsCounts) -> String {
    format!("{:.2} {:.2} {:.2}", c.precision(), c.recall(), c.f1())
}

/// Every gold event with what matched it, and every emitted event not matched, on stderr.
fn explain_page(page: &NewsPage, coded: &Coded) {
    let full = align(&coded.events, &page.events, NewsMatch::Full);
    let loose = align(&coded.events, &page.events, NewsMatch::TypeSource);
    let modal = align(&coded.events, &page.events, NewsMatch::FullModality);
    let aside = if is_held_aside(&page.page) {
        " (held aside)"
    } else {
        ""
    };
    eprintln!("== {}{aside}  {}", page.page, page.title);
    for (g, ge) in page.events.iter().enumerate() {
        let state = match (full.gold[g], loose.gold[g], modal.gold[g]) {
            (Some(i), _, Some(_)) => format!("FOUND #{i}"),
            (Some(i), _, None) => format!("FOUND #{i} (modality differs)"),
            (None, Some(i), _) => format!("TYPE+SOURCE #{i}"),
            (None, None, _) => "MISSED".to_string(),
        };
        eprintln!(
            "  gold {} {} {} {} -> {} [{}]  {state}\n      \"{}\"",
            ge.id,
            if ge.required { "required" } else { "optional" },
            ge.category.as_str(),
            ge.source.name,
            ge.target.as_ref().map_or("-", |t| t.name.as_str()),
            ge.modality,
            ge.sentence
        );
    }
    for (i, e) in coded.events.iter().enumerate() {
        let verdict = match (full.emitted[i], loose.emitted[i]) {
            (Some(g), _) => format!("= {}", page.events[g].id),
            (None, Some(g)) => format!("~ {} (target)", page.events[g].id),
            (None, None) => "EXTRA".to_string(),
        };
        let sentence = coded
            .doc
            .as_ref()
            .and_then(|d| d.sentences.get(e.sentence).map(|s| d.text_of(s.span)))
            .unwrap_or("")
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        eprintln!(
            "  #{i} {} {}/{} {} -> {} [{}] \"{}\"  {verdict}\n      s{}: {sentence}\n      rule: {}",
            e.plover.as_ref().map_or("-", |p| p.category.as_str()),
            e.cameo.code,
            e.rule.split_whitespace().next().unwrap_or(""),
            actors(&e.source),
            actors(&e.target),
            e.modality,
            e.evidence.text,
            e.sentence,
            e.rule
        );
    }
}

fn actors(v: &[EventActor]) -> String {
    if v.is_empty() {
        return "-".into();
    }
    v.iter()
        .map(|a| {
            format!(
                "{}({})",
                if a.code.is_empty() { "?" } else { &a.code },
                a.text
            )
        })
        .collect::<Vec<_>>()
        .join("+")
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // test set-up that fails should stop the test
mod tests {
    use super::*;

    #[test]
    fn page_ids_map_to_their_collection_folder_and_bad_ids_are_refused() {
        let dir = std::env::temp_dir().join(format!("attache-news-{}", std::process::id()));
        let folder = dir.join("wcxb-articles/html");
        std::fs::create_dir_all(&folder).unwrap();
        std::fs::write(folder.join("0161.html"), "<p>x</p>").unwrap();
        assert_eq!(page_file(&dir, "wcxb/0161"), Ok(folder.join("0161.html")));
        let missing = page_file(&dir, "scrapinghub/abc").unwrap_err();
        assert!(missing.contains("no abc.html(.gz)"), "{missing}");
        assert!(page_file(&dir, "other/1")
            .unwrap_err()
            .contains("unknown page collection"));
        assert!(page_file(&dir, "wcxb/../x").is_err());
        assert!(page_file(&dir, "0161").is_err());
        let _ = std::fs::remove_dir_all(&dir);
    }
}
