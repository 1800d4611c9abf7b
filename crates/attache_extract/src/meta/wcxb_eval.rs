//! Title and date accuracy of [`super::page_metadata`] on the WCXB article pages in
//! `../shared` (read at run time, never copied). Ignored by default because it reads 678
//! pages; run with
//! `cargo test --release -p attache_extract --lib wcxb -- --ignored --nocapture`
//! (set `WCXB_SHOW=title` or `WCXB_SHOW=date` to list the misses).

use std::io::Read;

use super::*;

fn bench_dir() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/bench/extraction/wcxb-articles")
}

/// Titles compared with typographic quotes, dashes and spacing made plain, as the
/// benchmark's reference titles were retyped by annotators.
fn loose(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '’' | '‘' => '\'',
            '“' | '”' => '"',
            '–' | '—' => '-',
            c => c,
        })
        .collect::<String>()
        .replace('…', "...")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
#[ignore = "reads the WCXB pages from ../shared; run explicitly"]
fn wcxb_title_and_date_accuracy() {
    let dir = bench_dir();
    let Ok(gt_text) = std::fs::read_to_string(dir.join("ground-truth.json")) else {
        eprintln!("skipping: {} is absent", dir.display());
        return;
    };
    let gt: serde_json::Value = match serde_json::from_str(&gt_text) {
        Ok(v) => v,
        Err(e) => panic!("ground-truth.json: {e}"),
    };
    let show = std::env::var("WCXB_SHOW").unwrap_or_default();
    let (mut titles, mut title_exact, mut title_loose) = (0, 0, 0);
    let (mut dates, mut date_ok, mut date_missing, mut date_is_modified) = (0, 0, 0, 0);
    let mut sources: std::collections::BTreeMap<String, (usize, usize)> = Default::default();
    let (mut authors, mut author_ok) = (0, 0);
    let started = std::time::Instant::now();
    let (mut parse_time, mut meta_time) = (std::time::Duration::ZERO, std::time::Duration::ZERO);
    let Some(pages) = gt.as_object() else {
        panic!("ground truth is not an object")
    };
    for (id, page) in pages {
        let path = dir.join("html").join(format!("{id}.html.gz"));
        let Ok(file) = std::fs::File::open(&path) else {
            continue;
        };
        let mut bytes = Vec::new();
        if flate2::read::GzDecoder::new(file)
            .read_to_end(&mut bytes)
            .is_err()
        {
            continue;
        }
        let html = crate::encoding::decode(&bytes, None);
        let url = page.get("url").and_then(|u| u.as_str());
        let t0 = std::time::Instant::now();
        let dom = Dom::parse(&html);
        let t1 = std::time::Instant::now();
        let m = page_metadata(&dom, url);
        parse_time += t1 - t0;
        meta_time += t1.elapsed();
        if let Some(want) = page.get("title").and_then(|t| t.as_str()) {
            titles += 1;
            let got = m.title.clone().unwrap_or_default();
            if got == want.trim() {
                title_exact += 1;
            }
            if loose(&got) == loose(want) {
                title_loose += 1;
            } else if show == "title" {
                eprintln!("{id} TITLE want {want:?}\n         got  {got:?}");
            }
        }
        if show == "standfirst" {
            eprintln!(
                "{id} SF {:?}\n      desc {:?}",
                m.standfirst,
                m.description
                    .as_deref()
                    .map(|d| d.chars().take(100).collect::<String>())
            );
        }
        if let Some(want) = page.get("author").and_then(|t| t.as_str()) {
            authors += 1;
            let want_l = want.to_lowercase();
            let hit = m
                .bylines
                .first()
                .is_some_and(|b| want_l.contains(&b.to_lowercase()));
            if hit {
                author_ok += 1;
            } else if show == "author" {
                eprintln!("{id} AUTHOR want {want:?} got {:?}", m.bylines);
            }
        }
        if let Some(want) = page.get("publish_date").and_then(|t| t.as_str()) {
            dates += 1;
            let got = m.published.clone().unwrap_or_default();
            let ok = got.get(..10) == want.get(..10);
            let key = format!("{:?}", m.published_source);
            let entry = sources.entry(key).or_default();
            entry.0 += 1;
            if ok {
                date_ok += 1;
                entry.1 += 1;
            } else {
                if got.is_empty() {
                    date_missing += 1;
                }
                if m.modified.as_deref().and_then(|d| d.get(..10)) == want.get(..10) {
                    date_is_modified += 1;
                }
                if show == "date" {
                    eprintln!(
                        "{id} DATE want {want} got {got:?} from {:?} ({})",
                        m.published_source,
                        url.unwrap_or("")
                    );
                }
            }
        }
    }
    let secs = started.elapsed().as_secs_f64();
    eprintln!(
        "WCXB articles: title exact {}/{} = {:.3}, loose {:.3}; date {}/{} = {:.3} ({} missing, {} misses where the reference is our modified date); {:.1} s",
        title_exact,
        titles,
        title_exact as f64 / titles.max(1) as f64,
        title_loose as f64 / titles.max(1) as f64,
        date_ok,
        dates,
        date_ok as f64 / dates.max(1) as f64,
        date_missing,
        date_is_modified,
        secs
    );
    eprintln!(
        "  time: parse {:.0} ms, page_metadata {:.0} ms ({:.2} ms/page)",
        parse_time.as_secs_f64() * 1e3,
        meta_time.as_secs_f64() * 1e3,
        meta_time.as_secs_f64() * 1e3 / titles.max(1) as f64
    );
    eprintln!(
        "  first byline within the reference author: {author_ok}/{authors} = {:.3}",
        author_ok as f64 / authors.max(1) as f64
    );
    for (source, (n, ok)) in sources {
        eprintln!("  date source {source}: {ok}/{n}");
    }
}

#[test]
#[ignore = "debugging aid"]
fn wcxb_debug_pages() {
    let ids = std::env::var("WCXB_IDS").unwrap_or_default();
    for id in ids.split(',').filter(|s| !s.is_empty()) {
        let path = bench_dir().join("html").join(format!("{id}.html.gz"));
        let Ok(file) = std::fs::File::open(&path) else {
            continue;
        };
        let mut bytes = Vec::new();
        let _ = flate2::read::GzDecoder::new(file).read_to_end(&mut bytes);
        let html = crate::encoding::decode(&bytes, None);
        let dom = Dom::parse(&html);
        let s = scan::scan(&dom);
        let m = page_metadata(&dom, None);
        eprintln!(
            "== {id} title={:?} node={:?} h1={:?} pub={:?} mod={:?}",
            m.title, m.title_node, s.h1, m.published, m.modified
        );
        for &(a, b) in s.foreign.iter().take(12) {
            eprintln!(
                "   foreign {a}..{b} <{:?} class={:?} id={:?}>",
                dom.tag(a),
                dom.attr(a, "class"),
                dom.attr(a, "id")
            );
        }
        for &t in &s.times {
            eprintln!(
                "   time {t} foreign={} dt={:?} text={:?}",
                s.in_foreign(t),
                dom.attr(t, "datetime"),
                dom.text(t)
            );
        }
        for &t in s.dates.iter().take(8) {
            eprintln!(
                "   date {t} {:?} foreign={} text={:?}",
                dom.attr(t, "class"),
                s.in_foreign(t),
                dom.text(t).chars().take(80).collect::<String>()
            );
        }
    }
}

/// For every title miss, the candidates the page offers (`<h1>`s, JSON-LD headline, declared
/// titles) and whether any of them, or a segment of `<title>`, is the reference: what a
/// better choice could still win. `cargo test --release -p attache_extract --lib
/// wcxb_title_candidates -- --ignored --nocapture`.
#[test]
#[ignore = "debugging aid"]
fn wcxb_title_candidates() {
    let dir = bench_dir();
    let Ok(gt_text) = std::fs::read_to_string(dir.join("ground-truth.json")) else {
        return;
    };
    let gt: serde_json::Value = serde_json::from_str(&gt_text).unwrap_or_default();
    let Some(pages) = gt.as_object() else { return };
    let (mut n, mut any) = (0, 0);
    let mut by_kind: std::collections::BTreeMap<&str, usize> = Default::default();
    for (id, page) in pages {
        let path = dir.join("html").join(format!("{id}.html.gz"));
        let Ok(file) = std::fs::File::open(&path) else {
            continue;
        };
        let mut bytes = Vec::new();
        let _ = flate2::read::GzDecoder::new(file).read_to_end(&mut bytes);
        let html = crate::encoding::decode(&bytes, None);
        let url = page.get("url").and_then(|u| u.as_str());
        let dom = Dom::parse(&html);
        let s = scan::scan(&dom);
        let m = page_metadata(&dom, url);
        let Some(want) = page.get("title").and_then(|t| t.as_str()) else {
            continue;
        };
        n += 1;
        let got = m.title.clone().unwrap_or_default();
        let ok = loose(&got) == loose(want);
        let ld = jsonld::JsonLd::from_blocks(s.ld_blocks.iter().map(|&id| dom.raw_text(id)));
        let mut cands: Vec<(&str, String)> = Vec::new();
        for &h in &s.h1 {
            cands.push(("h1", dom.text(h)));
        }
        if let Some(h) = &ld.headline {
            cands.push(("ld", h.clone()));
        }
        for (k, v) in &s.meta {
            if keys::TITLES.contains(&k.as_str()) {
                cands.push(("meta", v.clone()));
            }
        }
        if let Some(t) = &s.title_tag {
            cands.push(("title", t.clone()));
            for sep in [" | ", " - ", " – ", " — ", ": "] {
                for part in t.split(sep) {
                    cands.push(("title-part", part.to_string()));
                }
                if let Some((a, _)) = t.rsplit_once(sep) {
                    cands.push(("title-prefix", a.to_string()));
                }
            }
        }
        let hit = cands.iter().find(|(_, c)| loose(c) == loose(want));
        if ok {
            any += 1;
            continue;
        }
        if let Some((k, _)) = hit {
            any += 1;
            *by_kind.entry(k).or_default() += 1;
        }
        eprintln!(
            "{id} {} want {want:?}\n      got {got:?}",
            if hit.is_some() { "FIXABLE" } else { "nohit" }
        );
        for (k, c) in &cands {
            if !k.starts_with("title-") {
                eprintln!("      {k}: {c:?}");
            }
        }
        eprintln!("      site {:?} host {:?}", m.site, url);
    }
    eprintln!("oracle {any}/{n}; fixable by kind {by_kind:?}");
}
