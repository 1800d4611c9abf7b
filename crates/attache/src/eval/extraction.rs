//! `attache eval extraction`: body, title and date quality (and speed) on a main-content
//! extraction benchmark folder.
//!
//! Two layouts are understood, told apart by the fields of `ground-truth.json`:
//! - ScrapingHub / Zyte article-extraction benchmark (`articleBody`): `\w+` tokens with case
//!   kept, cut into 4-token shingles; per page the shingle multisets give TP/FP/FN normalised
//!   to sum 1; precision and recall are means over pages (pages with no predicted, resp. no
//!   reference shingles skipped; an exact match counts 1), F1 is the harmonic mean of the two
//!   means, accuracy the share of pages whose token sequences match exactly.
//! - WCXB (`main_content`): bag of lowercase `\w+` words per page, P/R/F1 per page, plain
//!   means over pages; plus the share of `with` snippets found and `without` snippets found
//!   (lower is better), title match and date match where the reference has them (see
//!   [`title_matches`] and [`date_matches`] for what is compared).
//!
//! `\w` follows Python's Unicode `re`: a letter or digit of any script (Rust's
//! `char::is_alphanumeric`, which also takes the vowel marks Unicode calls alphabetic) or `_`.
//! Speed is extraction time only: pages are read and decompressed into memory first, then
//! extracted one after another on one thread.

use std::collections::HashMap;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use anyhow::{bail, Context};
use serde_json::Value;

/// Arguments of `attache eval extraction`.
#[derive(clap::Args)]
pub struct ExtractionEvalArgs {
    /// The benchmark folder (with `ground-truth.json`, `pages.txt`, `html/`).
    #[arg(long)]
    pub bench: PathBuf,
    /// Print the N worst pages (by F1) with their scores, to guide work.
    #[arg(long, value_name = "N", num_args = 0..=1, default_missing_value = "30")]
    pub per_page: Option<usize>,
    /// Print the figures as one JSON object instead of a table.
    #[arg(long)]
    pub json: bool,
    /// Score a peer's published output (`peer-outputs/NAME.json.gz`, ScrapingHub layout)
    /// instead of attache.
    #[arg(long, value_name = "NAME")]
    pub peer: Option<String>,
    /// List the pages whose title or date misses the reference (WCXB layout), with what
    /// attache found, to guide work on metadata.
    #[arg(long)]
    pub misses: bool,
    /// Write attache's extracted body of each page into this folder as `<id>.txt`.
    #[arg(long, value_name = "DIR")]
    pub dump: Option<PathBuf>,
}

/// Which benchmark a folder holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Layout {
    ScrapingHub,
    Wcxb,
}

/// One page of the benchmark with its reference.
struct Page {
    id: String,
    html: Vec<u8>,
    url: Option<String>,
    reference: String,
    title: Option<String>,
    date: Option<String>,
    with: Vec<String>,
    without: Vec<String>,
}

/// What an extractor produced for one page.
#[derive(Default)]
struct Output {
    body: String,
    title: Option<String>,
    published: Option<String>,
    modified: Option<String>,
}

/// Scores of one page.
struct PageScore {
    id: String,
    p: Option<f64>,
    r: Option<f64>,
    f1: f64,
    exact: bool,
}

/// Run `attache eval extraction`.
pub fn run(args: ExtractionEvalArgs) -> anyhow::Result<ExitCode> {
    let (layout, pages) = load(&args.bench)?;
    let mut outputs = Vec::with_capacity(pages.len());
    let mut seconds = 0.0;
    let system = match &args.peer {
        Some(name) => {
            let peer = load_peer(&args.bench, name)?;
            for page in &pages {
                let body = peer.get(&page.id).cloned().unwrap_or_default();
                outputs.push(Output {
                    body,
                    ..Output::default()
                });
            }
            name.clone()
        }
        None => {
            let settings = attache_extract::Settings::default();
            for page in &pages {
                let t = Instant::now();
                let result = attache_extract::extract(&page.html, page.url.as_deref(), &settings);
                seconds += t.elapsed().as_secs_f64();
                let out = match result {
                    Ok(x) => {
                        let a = x.article();
                        Output {
                            body: a.text.clone(),
                            title: a.title.clone(),
                            published: a.published.clone(),
                            modified: a.modified.clone(),
                        }
                    }
                    Err(err) => {
                        eprintln!("{}: {err}", page.id);
                        Output::default()
                    }
                };
                outputs.push(out);
            }
            "attache".to_string()
        }
    };
    if let Some(dir) = &args.dump {
        std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
        for (page, out) in pages.iter().zip(&outputs) {
            let path = dir.join(format!("{}.txt", page.id));
            std::fs::write(&path, &out.body)
                .with_context(|| format!("writing {}", path.display()))?;
        }
    }
    let report = score(layout, &pages, &outputs);
    if args.misses {
        print_misses(&pages, &outputs);
    }
    let pages_per_s = if seconds > 0.0 {
        pages.len() as f64 / seconds
    } else {
        0.0
    };
    let mb = pages.iter().map(|p| p.html.len()).sum::<usize>() as f64 / 1e6;
    if args.json {
        let mut v = report.json();
        v["system"] = Value::from(system);
        v["layout"] = Value::from(format!("{layout:?}"));
        if args.peer.is_none() {
            v["pages_per_s"] = Value::from(pages_per_s);
            v["mb_per_s"] = Value::from(if seconds > 0.0 { mb / seconds } else { 0.0 });
        }
        println!("{v}");
    } else {
        println!(
            "{} on {} ({:?}, {} pages)",
            system,
            args.bench.display(),
            layout,
            pages.len()
        );
        report.print();
        if args.peer.is_none() {
            println!(
                "speed     {pages_per_s:.1} pages/s, {:.1} MB/s (extraction only, one thread)",
                mb / seconds.max(1e-9)
            );
        }
    }
    if let Some(n) = args.per_page {
        let urls: HashMap<&str, &str> = pages
            .iter()
            .map(|p| (p.id.as_str(), p.url.as_deref().unwrap_or("")))
            .collect();
        let mut worst: Vec<&PageScore> = report.pages.iter().collect();
        worst.sort_by(|a, b| a.f1.total_cmp(&b.f1));
        for s in worst.into_iter().take(n) {
            let show = |x: Option<f64>| x.map_or("  -  ".to_string(), |v| format!("{v:.3}"));
            println!(
                "{:.3}  P {}  R {}  {}  {}",
                s.f1,
                show(s.p),
                show(s.r),
                s.id,
                urls.get(s.id.as_str()).unwrap_or(&"")
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn read_gz(path: &Path) -> anyhow::Result<Vec<u8>> {
    let file = std::fs::File::open(path).with_context(|| format!("opening {}", path.display()))?;
    let mut out = Vec::new();
    if path.extension().is_some_and(|e| e == "gz") {
        flate2::read::MultiGzDecoder::new(file)
            .read_to_end(&mut out)
            .with_context(|| format!("decompressing {}", path.display()))?;
    } else {
        std::io::BufReader::new(file)
            .read_to_end(&mut out)
            .with_context(|| format!("reading {}", path.display()))?;
    }
    Ok(out)
}

fn str_field(v: &Value, key: &str) -> Option<String> {
    v.get(key).and_then(Value::as_str).map(str::to_string)
}

fn list_field(v: &Value, key: &str) -> Vec<String> {
    v.get(key)
        .and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .filter_map(Value::as_str)
                .map(str::to_string)
                .collect()
        })
        .unwrap_or_default()
}

/// Reads the benchmark folder: references and page bytes (decompressed), in `pages.txt` order.
fn load(dir: &Path) -> anyhow::Result<(Layout, Vec<Page>)> {
    let gt_path = dir.join("ground-truth.json");
    let gt: Value = serde_json::from_slice(&read_gz(&gt_path)?)
        .with_context(|| format!("{}: not valid JSON", gt_path.display()))?;
    let Some(gt) = gt.as_object() else {
        bail!("{}: expected an object of pages", gt_path.display())
    };
    let layout = match gt.values().next() {
        Some(v) if v.get("articleBody").is_some() => Layout::ScrapingHub,
        Some(v) if v.get("main_content").is_some() => Layout::Wcxb,
        _ => bail!(
            "{}: neither `articleBody` (ScrapingHub) nor `main_content` (WCXB) in the first entry",
            gt_path.display()
        ),
    };
    let list_path = dir.join("pages.txt");
    let list = std::fs::read_to_string(&list_path)
        .with_context(|| format!("reading {}", list_path.display()))?;
    let mut pages = Vec::new();
    for (line_no, name) in list.lines().enumerate() {
        let name = name.trim();
        if name.is_empty() {
            continue;
        }
        let id = name.split('.').next().unwrap_or(name).to_string();
        let Some(entry) = gt.get(&id) else {
            bail!(
                "{}:{}: page {id} has no reference",
                list_path.display(),
                line_no + 1
            )
        };
        let html = read_gz(&dir.join("html").join(name))?;
        let page = match layout {
            Layout::ScrapingHub => Page {
                reference: str_field(entry, "articleBody").unwrap_or_default(),
                url: str_field(entry, "url"),
                title: None,
                date: None,
                with: Vec::new(),
                without: Vec::new(),
                id,
                html,
            },
            Layout::Wcxb => Page {
                reference: str_field(entry, "main_content").unwrap_or_default(),
                url: str_field(entry, "url"),
                title: str_field(entry, "title"),
                date: str_field(entry, "publish_date"),
                with: list_field(entry, "with"),
                without: list_field(entry, "without"),
                id,
                html,
            },
        };
        pages.push(page);
    }
    Ok((layout, pages))
}

fn load_peer(dir: &Path, name: &str) -> anyhow::Result<HashMap<String, String>> {
    let path = dir.join("peer-outputs").join(format!("{name}.json.gz"));
    let v: Value = serde_json::from_slice(&read_gz(&path)?)
        .with_context(|| format!("{}: not valid JSON", path.display()))?;
    let Some(out) = v.get("output").and_then(Value::as_object) else {
        bail!("{}: no `output` object", path.display())
    };
    Ok(out
        .iter()
        .map(|(k, v)| (k.clone(), str_field(v, "articleBody").unwrap_or_default()))
        .collect())
}

/// `\w+` tokens (see the module overview for what `\w` is).
fn tokens(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        let word = c.is_alphanumeric() || c == '_';
        match (word, start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push(&text[s..i]);
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push(&text[s..]);
    }
    out
}

/// The 4-token shingles of a text as a multiset; a text of 1-3 tokens is one shingle.
fn shingles(tokens: &[&str]) -> HashMap<String, u32> {
    const N: usize = 4;
    let mut out = HashMap::new();
    if tokens.is_empty() {
        return out;
    }
    let count = tokens.len().saturating_sub(N - 1).max(1);
    for i in 0..count {
        let end = (i + N).min(tokens.len());
        *out.entry(tokens[i..end].join(" ")).or_insert(0) += 1;
    }
    out
}

/// Multiset intersection size.
fn overlap<K: std::hash::Hash + Eq>(a: &HashMap<K, u32>, b: &HashMap<K, u32>) -> u32 {
    a.iter()
        .map(|(k, &n)| n.min(b.get(k).copied().unwrap_or(0)))
        .sum()
}

fn mean(xs: impl Iterator<Item = f64>) -> f64 {
    let (mut sum, mut n) = (0.0, 0usize);
    for x in xs {
        sum += x;
        n += 1;
    }
    if n == 0 {
        0.0
    } else {
        sum / n as f64
    }
}

fn harmonic(p: f64, r: f64) -> f64 {
    if p + r == 0.0 {
        0.0
    } else {
        2.0 * p * r / (p + r)
    }
}

/// Scores of one page on the ScrapingHub shingle metric.
fn shingle_score(id: &str, reference: &str, predicted: &str) -> PageScore {
    let (rt, pt) = (tokens(reference), tokens(predicted));
    let (rs, ps) = (shingles(&rt), shingles(&pt));
    let tp = f64::from(overlap(&rs, &ps));
    let fp = f64::from(ps.values().sum::<u32>()) - tp;
    let fn_ = f64::from(rs.values().sum::<u32>()) - tp;
    // Normalising TP/FP/FN to sum 1 leaves the ratios unchanged.
    let p = (tp + fp > 0.0).then(|| {
        if fp == 0.0 && fn_ == 0.0 {
            1.0
        } else {
            tp / (tp + fp)
        }
    });
    let r = (tp + fn_ > 0.0).then(|| {
        if fp == 0.0 && fn_ == 0.0 {
            1.0
        } else {
            tp / (tp + fn_)
        }
    });
    PageScore {
        id: id.to_string(),
        f1: harmonic(p.unwrap_or(0.0), r.unwrap_or(0.0)),
        p,
        r,
        exact: rt == pt,
    }
}

fn bag(text: &str) -> HashMap<String, u32> {
    let lower = text.to_lowercase();
    let mut out = HashMap::new();
    for t in tokens(&lower) {
        *out.entry(t.to_string()).or_insert(0) += 1;
    }
    out
}

/// Scores of one page on the WCXB word metric.
fn word_score(id: &str, reference: &str, predicted: &str) -> PageScore {
    let (rb, pb) = (bag(reference), bag(predicted));
    let common = f64::from(overlap(&rb, &pb));
    let (np, nr) = (
        f64::from(pb.values().sum::<u32>()),
        f64::from(rb.values().sum::<u32>()),
    );
    let p = if np > 0.0 {
        common / np
    } else if nr == 0.0 {
        1.0
    } else {
        0.0
    };
    let r = if nr > 0.0 { common / nr } else { 1.0 };
    PageScore {
        id: id.to_string(),
        f1: harmonic(p, r),
        p: Some(p),
        r: Some(r),
        exact: rb == pb,
    }
}

/// Whitespace runs made one space, ends trimmed: the reference titles are plain strings,
/// while a page's title may carry the line breaks and indentation of its HTML source, which
/// a browser shows as one space. This is the only normalisation of the title match: the
/// README of the WCXB folder defines the `title` field and no looser comparison, so quotes,
/// dashes and case count.
fn collapse_space(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The benchmark's title match: equal strings once whitespace is collapsed.
fn title_matches(got: &str, want: &str) -> bool {
    collapse_space(got) == collapse_space(want)
}

/// A looser title comparison, reported beside the exact one as a diagnostic only: typographic
/// quotes, dashes and ellipses made plain and case folded, because the reference titles were
/// retyped by annotators who mostly typed plain quotes.
fn loose(s: &str) -> String {
    let plain: String = s
        .chars()
        .map(|c| match c {
            '\u{2018}' | '\u{2019}' => '\'',
            '\u{201c}' | '\u{201d}' => '"',
            '\u{2013}' | '\u{2014}' => '-',
            c => c,
        })
        .collect();
    normalise_space(&plain.replace('\u{2026}', "..."))
}

/// The benchmark's date match: the reference `publish_date` is an ISO calendar date
/// (`YYYY-MM-DD`), compared with the calendar date of attache's `published` time as the page
/// states it (its own offset, no conversion to UTC). `modified` is a different fact and is
/// not compared.
fn date_matches(published: Option<&str>, want: &str) -> bool {
    match (published.and_then(|p| p.get(..10)), want.get(..10)) {
        (Some(got), Some(want)) => got == want,
        _ => false,
    }
}

/// Print the WCXB pages whose title or date misses, with what attache found.
fn print_misses(pages: &[Page], outputs: &[Output]) {
    for (page, out) in pages.iter().zip(outputs) {
        if let Some(want) = page.title.as_deref().filter(|t| !t.trim().is_empty()) {
            let got = out.title.as_deref().unwrap_or("");
            if !title_matches(got, want) {
                let how = if loose(got) == loose(want) {
                    "typography/case"
                } else {
                    "different"
                };
                println!("{} TITLE ({how})\n  want {want:?}\n  got  {got:?}", page.id);
            }
        }
        if let Some(want) = page.date.as_deref().filter(|d| d.len() >= 10) {
            if !date_matches(out.published.as_deref(), want) {
                println!(
                    "{} DATE want {want} got published {:?} modified {:?}  {}",
                    page.id,
                    out.published,
                    out.modified,
                    page.url.as_deref().unwrap_or("")
                );
            }
        }
    }
}

/// Whitespace collapsed and case folded, for the case-insensitive snippet checks.
fn normalise_space(s: &str) -> String {
    collapse_space(s).to_lowercase()
}

/// Figures for the whole set.
struct Report {
    layout: Layout,
    pages: Vec<PageScore>,
    p: f64,
    r: f64,
    f1: f64,
    accuracy: f64,
    with_rate: Option<f64>,
    without_rate: Option<f64>,
    /// Titles matching (see [`title_matches`]), and loosely (see [`loose`]), out of the
    /// pages with a reference title.
    title: Option<(usize, usize, usize)>,
    /// Dates matching (see [`date_matches`]); then, as a diagnostic only, those matching
    /// when a page without a publication time is given its modification time; out of the
    /// pages with a reference date.
    date: Option<(usize, usize, usize)>,
}

fn score(layout: Layout, pages: &[Page], outputs: &[Output]) -> Report {
    let scores: Vec<PageScore> = pages
        .iter()
        .zip(outputs)
        .map(|(page, out)| match layout {
            Layout::ScrapingHub => shingle_score(&page.id, &page.reference, &out.body),
            Layout::Wcxb => word_score(&page.id, &page.reference, &out.body),
        })
        .collect();
    let p = mean(scores.iter().filter_map(|s| s.p));
    let r = mean(scores.iter().filter_map(|s| s.r));
    let f1 = match layout {
        Layout::ScrapingHub => harmonic(p, r),
        Layout::Wcxb => mean(scores.iter().map(|s| s.f1)),
    };
    let accuracy = mean(scores.iter().map(|s| if s.exact { 1.0 } else { 0.0 }));
    let mut report = Report {
        layout,
        pages: scores,
        p,
        r,
        f1,
        accuracy,
        with_rate: None,
        without_rate: None,
        title: None,
        date: None,
    };
    if layout == Layout::Wcxb {
        let (mut with_found, mut with_total, mut without_found, mut without_total) = (0, 0, 0, 0);
        let (mut title_ok, mut title_loose, mut title_n) = (0, 0, 0);
        let (mut date_ok, mut date_either, mut date_n) = (0, 0, 0);
        for (page, out) in pages.iter().zip(outputs) {
            let body = normalise_space(&out.body);
            for w in &page.with {
                with_total += 1;
                with_found += usize::from(body.contains(&normalise_space(w)));
            }
            for w in &page.without {
                without_total += 1;
                without_found += usize::from(body.contains(&normalise_space(w)));
            }
            if let Some(t) = page.title.as_deref().filter(|t| !t.trim().is_empty()) {
                title_n += 1;
                let got = out.title.as_deref().unwrap_or("");
                title_ok += usize::from(title_matches(got, t));
                title_loose += usize::from(loose(got) == loose(t));
            }
            if let Some(d) = page.date.as_deref().filter(|d| d.len() >= 10) {
                date_n += 1;
                date_ok += usize::from(date_matches(out.published.as_deref(), d));
                let either = out.published.as_deref().or(out.modified.as_deref());
                date_either += usize::from(date_matches(either, d));
            }
        }
        let rate = |a: usize, b: usize| if b == 0 { 0.0 } else { a as f64 / b as f64 };
        report.with_rate = Some(rate(with_found, with_total));
        report.without_rate = Some(rate(without_found, without_total));
        report.title = Some((title_ok, title_loose, title_n));
        report.date = Some((date_ok, date_either, date_n));
    }
    report
}

impl Report {
    fn print(&self) {
        let metric = match self.layout {
            Layout::ScrapingHub => "shingle",
            Layout::Wcxb => "word",
        };
        println!(
            "body      F1 {:.3}  P {:.3}  R {:.3}  ({metric} metric)",
            self.f1, self.p, self.r
        );
        println!("accuracy  {:.3} (pages matching exactly)", self.accuracy);
        if let (Some(w), Some(wo)) = (self.with_rate, self.without_rate) {
            println!("snippets  with {w:.3} (higher is better)  without {wo:.3} (lower is better)");
        }
        if let Some((ok, loose, n)) = self.title {
            println!(
                "title     {:.3} exact ({ok}/{n}), {:.3} loose ({loose}/{n}: quotes, dashes, case)",
                ok as f64 / n.max(1) as f64,
                loose as f64 / n.max(1) as f64
            );
        }
        if let Some((ok, either, n)) = self.date {
            println!(
                "date      {:.3} match ({ok}/{n}); {:.3} ({either}/{n}) if a page without a \
                 published time were given its modified one (diagnostic)",
                ok as f64 / n.max(1) as f64,
                either as f64 / n.max(1) as f64
            );
        }
    }

    fn json(&self) -> Value {
        let mut v = serde_json::json!({
            "pages": self.pages.len(),
            "f1": self.f1,
            "precision": self.p,
            "recall": self.r,
            "accuracy": self.accuracy,
        });
        if let (Some(w), Some(wo)) = (self.with_rate, self.without_rate) {
            v["with_rate"] = Value::from(w);
            v["without_rate"] = Value::from(wo);
        }
        if let Some((ok, loose, n)) = self.title {
            v["title_exact"] = Value::from(ok as f64 / n.max(1) as f64);
            v["title_loose"] = Value::from(loose as f64 / n.max(1) as f64);
        }
        if let Some((ok, either, n)) = self.date {
            v["date_match"] = Value::from(ok as f64 / n.max(1) as f64);
            v["date_match_published_or_modified"] = Value::from(either as f64 / n.max(1) as f64);
        }
        v
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_tokens_follow_unicode_letters_and_underscore() {
        assert_eq!(
            tokens("Café-au_lait, 3.5% — naïve"),
            ["Café", "au_lait", "3", "5", "naïve"]
        );
    }

    #[test]
    fn short_texts_are_one_shingle() {
        let s = shingles(&["a", "b"]);
        assert_eq!(s.get("a b"), Some(&1));
        assert_eq!(shingles(&["a", "b", "c", "d", "e"]).len(), 2);
    }

    #[test]
    fn exact_prediction_scores_one() {
        let s = shingle_score("x", "One two three four five.", "One two three four five!");
        assert_eq!((s.p, s.r, s.exact), (Some(1.0), Some(1.0), true));
    }

    #[test]
    fn empty_prediction_is_skipped_for_precision() {
        let s = shingle_score("x", "One two three four five.", "");
        assert_eq!((s.p, s.r), (None, Some(0.0)));
    }

    #[test]
    fn title_match_ignores_only_whitespace() {
        assert!(title_matches(
            " Mill  Reopens\n After Flood ",
            "Mill Reopens After Flood"
        ));
        assert!(!title_matches(
            "Mill reopens after flood",
            "Mill Reopens After Flood"
        ));
        assert!(!title_matches("Ferry\u{2019}s Return", "Ferry's Return"));
        assert_eq!(loose("Ferry\u{2019}s Return"), loose("ferry's return"));
    }

    #[test]
    fn date_match_takes_the_calendar_date_of_published() {
        assert!(date_matches(
            Some("2025-03-01T23:30:00-05:00"),
            "2025-03-01"
        ));
        assert!(!date_matches(Some("2025-03-02"), "2025-03-01"));
        assert!(!date_matches(None, "2025-03-01"));
    }

    #[test]
    fn word_metric_is_case_insensitive_bag() {
        let s = word_score("x", "The cat sat", "sat the CAT dog");
        assert_eq!(s.r, Some(1.0));
        assert_eq!(s.p, Some(0.75));
    }
}
