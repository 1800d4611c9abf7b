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

#[test]
#[ignore = "debugging aid"]
fn wcxb_title_sources() {
    let dir = bench_dir();
    let Ok(gt_text) = std::fs::read_to_string(dir.join("ground-truth.json")) else {
        return;
    };
    let gt: serde_json::Value = serde_json::from_str(&gt_text).unwrap_or_default();
    let Some(pages) = gt.as_object() else { return };
    let mut combos: std::collections::BTreeMap<String, usize> = Default::default();
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
        let ld = jsonld::JsonLd::from_blocks(s.ld_blocks.iter().map(|&id| dom.raw_text(id)));
        let meta = MetaLookup::new(&s.meta);
        let c = title::TitleCandidates {
            h1: s.h1.iter().map(|&id| dom.text(id)).collect(),
            headline: ld.headline.clone(),
            declared: keys::TITLES
                .iter()
                .filter_map(|k| meta.first(k))
                .map(|s| collapse(&jsonld::clean_text(s)))
                .collect(),
            title_tag: s.title_tag.clone(),
            site_names: Vec::new(),
            host: None,
        };
        let mut c = c;
        c.site_names = keys::SITE_NAMES
            .iter()
            .filter_map(|k| meta.first(k))
            .map(|s| collapse(&jsonld::clean_text(s)))
            .chain(ld.publisher.clone())
            .collect();
        c.host = m
            .url
            .as_deref()
            .and_then(url::host)
            .or_else(|| url.and_then(url::host));
        let keys = title::site_keys(&c);
        let clean =
            |t: &str| title::strip_site_segments(&title::decode_leftover_entities(t), &keys);
        let h =
            c.h1.iter()
                .map(|h| clean(h))
                .find(|h| title::is_headline_like(h, &keys));
        let l = c.headline.as_deref().map(clean);
        let o = meta
            .first("og:title")
            .map(|t| clean(&collapse(&jsonld::clean_text(t))));
        let t = c.title_tag.as_deref().map(clean);
        let lw = loose(want).to_lowercase();
        let mark = |x: &Option<String>, k: &str| match x {
            None => "-".to_string(),
            Some(v) if loose(v).to_lowercase() == lw => k.to_uppercase(),
            Some(_) => k.to_string(),
        };
        let key = format!(
            "{}{}{}{} {}",
            mark(&h, "h"),
            mark(&l, "l"),
            mark(&o, "o"),
            mark(&t, "t"),
            if m.title.as_deref().map(|g| loose(g).to_lowercase()) == Some(lw.clone()) {
                "ok"
            } else {
                "MISS"
            }
        );
        if std::env::var("WCXB_IDS").is_ok_and(|v| v.split(',').any(|x| key.starts_with(x))) {
            eprintln!("{id} {key} want {want:?}\n   h {h:?}\n   l {l:?}\n   o {o:?}\n   t {t:?}");
        }
        *combos.entry(key).or_default() += 1;
        let ex = |x: &str| {
            x.split_whitespace().collect::<Vec<_>>().join(" ")
                == want.split_whitespace().collect::<Vec<_>>().join(" ")
        };
        let k = |x: &Option<String>| {
            x.as_deref().map(|v| {
                v.chars()
                    .filter(|c| c.is_alphanumeric())
                    .flat_map(char::to_lowercase)
                    .collect::<String>()
            })
        };
        let s0 = m.title.clone().unwrap_or_default();
        // S1: declared agreeing with <title> beats a disagreeing h1.
        let decl = [&l, &o]
            .into_iter()
            .find(|d| d.is_some() && k(d) == k(&t))
            .cloned()
            .flatten();
        let s1 = match (&decl, &h) {
            (Some(d), Some(hh)) if k(&Some(hh.clone())) != k(&Some(d.clone())) => d.clone(),
            _ => s0.clone(),
        };
        // S2: declared first.
        let s2 = l
            .clone()
            .or(o.clone())
            .or(t.clone())
            .or(h.clone())
            .unwrap_or_default();
        // S3: o/l agree with t OR o agrees with l
        let decl3 = if k(&l).is_some() && k(&l) == k(&o) {
            l.clone()
        } else {
            decl.clone()
        };
        let s3 = match (&decl3, &h) {
            (Some(d), Some(hh)) if k(&Some(hh.clone())) != k(&Some(d.clone())) => d.clone(),
            _ => s0.clone(),
        };
        if !ex(&s0) && loose(&s0).to_lowercase() == lw {
            let e = |x: &Option<String>| x.as_deref().is_some_and(|v| ex(v));
            eprintln!(
                "TYPO {id} want {want:?} got {s0:?} exact-in h{} l{} o{} t{}",
                e(&h) as u8,
                e(&l) as u8,
                e(&o) as u8,
                e(&t) as u8
            );
        }
        if h.is_some() && o.is_some() && k(&o) == k(&t) && k(&h) != k(&o) {
            let which = if k(&h) == Some(lw.chars().filter(|c| c.is_alphanumeric()).collect()) {
                "h1"
            } else if k(&o) == Some(lw.chars().filter(|c| c.is_alphanumeric()).collect()) {
                "og"
            } else {
                "neither"
            };
            *combos
                .entry(format!("zz h1-vs-og+title ref={which}"))
                .or_default() += 1;
            eprintln!(
                "DIS {id}\t{which}\t{}\t{}",
                h.clone().unwrap_or_default(),
                o.clone().unwrap_or_default()
            );
        }
        for (i, x) in [s0, s1, s2, s3].iter().enumerate() {
            if ex(x) {
                *combos.entry(format!("zz strategy {i}")).or_default() += 1;
            }
        }
    }
    for (k, n) in combos {
        eprintln!("{k} {n}");
    }
}

#[test]
#[ignore = "debugging aid"]
fn wcxb_date_sources() {
    let dir = bench_dir();
    let Ok(gt_text) = std::fs::read_to_string(dir.join("ground-truth.json")) else {
        return;
    };
    let gt: serde_json::Value = serde_json::from_str(&gt_text).unwrap_or_default();
    let Some(pages) = gt.as_object() else { return };
    let mut out = String::new();
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
        let m = page_metadata(&dom, url);
        let mut s = scan::scan(&dom);
        let ld = jsonld::JsonLd::from_blocks(s.ld_blocks.iter().map(|&id| dom.raw_text(id)));
        let meta_pairs = std::mem::take(&mut s.meta);
        let meta = MetaLookup::new(&meta_pairs);
        let anchor = m.title_node.or_else(|| s.h1.first().copied());
        if let Some(a) = anchor {
            s.keep_headline_region(a);
        }
        let f = |x: Option<String>| {
            x.map(|d| d.chars().take(10).collect::<String>())
                .unwrap_or_else(|| "-".into())
        };
        let want = page
            .get("publish_date")
            .and_then(|t| t.as_str())
            .unwrap_or("-");
        let cols = [
            f(ld.published.as_deref().and_then(parse_date)),
            f(keys::PUBLISHED
                .iter()
                .filter_map(|k| meta.first(k))
                .find_map(parse_date)),
            f(visible::microdata_date(
                &dom,
                &s,
                &["datepublished", "datecreated"],
            )),
            f(visible::time_element(&dom, &s, anchor, false)),
            f(url.and_then(url::date_from_url)),
            f(visible::date_line(&dom, &s, anchor, false)),
            f(visible::headline_date(&dom, &s, anchor, false)),
            f(visible::cued_date(&dom, &s)),
            f(visible::script_date(&dom, &s)),
            f(ld.modified.as_deref().and_then(parse_date)),
            f(m.modified.clone()),
            f(m.published.clone()),
        ];
        out.push_str(&format!("{id}\t{want}\t{}\n", cols.join("\t")));
    }
    let _ = std::fs::write("/tmp/date_sources.tsv", out);
}
