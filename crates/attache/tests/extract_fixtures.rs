//! `attache extract` on the team's fixture pages and examples: the facts that matter for each
//! furniture and metadata case, plus a readable snapshot of the whole output.
// A test that cannot run its binary or read its fixture should stop there, as the ingest tests do.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn attache(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_attache"))
        .args(args)
        .current_dir(repo_root())
        .output()
        .expect("the attache binary runs")
}

/// Extract one file and return its JSON record.
fn extract(path: &str) -> Value {
    let out = attache(&["extract", "--format", "jsonl", path]);
    let stdout = String::from_utf8(out.stdout).expect("output is UTF-8");
    serde_json::from_str(stdout.trim()).unwrap_or_else(|e| panic!("{path}: bad JSON {e}: {stdout}"))
}

fn text_of(record: &Value) -> &str {
    record["text"].as_str().unwrap_or("")
}

fn assert_no_furniture(path: &str, text: &str, furniture: &[&str]) {
    for bit in furniture {
        assert!(
            !text.contains(bit),
            "{path}: furniture {bit:?} leaked into the body:\n{text}"
        );
    }
}

fn assert_keeps(path: &str, text: &str, wanted: &[&str]) {
    for bit in wanted {
        assert!(text.contains(bit), "{path}: body lost {bit:?}:\n{text}");
    }
}

fn snapshot_text_format(name: &str, path: &str) {
    let out = attache(&["extract", "--format", "text", path]);
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path("snapshots");
    settings.set_prepend_module_to_snapshot(false);
    settings.bind(|| insta::assert_snapshot!(name, String::from_utf8_lossy(&out.stdout)));
}

#[test]
fn reference_shaped_page_keeps_first_and_last_paragraphs_and_drops_furniture() {
    let path = "fixtures/extract/reference-shaped.html";
    let r = extract(path);
    assert_eq!(r["status"], "article");
    assert_eq!(
        r["title"],
        "Armenia Ready to Resume Border Talks with Azerbaijan Amid Tbilisi Meeting"
    );
    assert_eq!(r["site"], "The Caucasus Ledger");
    assert_eq!(r["published"], "2025-09-03T11:20:00+04:00");
    assert_eq!(r["dateline"], "Yerevan");
    assert_eq!(r["language"], "en");
    let text = text_of(&r);
    assert_keeps(
        path,
        text,
        &[
            "YEREVAN: Armenia has signaled",
            "Azerbaijan did not comment.",
        ],
    );
    assert_no_furniture(
        path,
        text,
        &[
            "Read more",
            "Comments are closed",
            "Share this",
            "Most read",
            "Copyright",
            "Posted by",
        ],
    );
    snapshot_text_format("reference_shaped", path);
}

#[test]
fn article_split_over_two_containers_is_whole_without_the_advert_between() {
    let path = "fixtures/extract/split-containers.html";
    let r = extract(path);
    assert_eq!(r["status"], "article");
    assert_eq!(
        r["url"],
        "https://dispatch.example.pk/news/2025/08/22/indus-flooding"
    );
    assert_eq!(r["bylines"], serde_json::json!(["Farah Qureshi"]));
    assert!(
        r["published"]
            .as_str()
            .unwrap_or("")
            .starts_with("2025-08-22"),
        "{r}"
    );
    assert_eq!(r["dateline"], "Sukkur");
    let text = text_of(&r);
    assert_keeps(
        path,
        text,
        &[
            "SUKKUR: More than 40,000",
            "\n\nCamps filling up\n\n",
            "The Met Office forecast more rain.",
        ],
    );
    assert_no_furniture(
        path,
        text,
        &["Advertisement", "Subscribe", "Share:", "By Farah"],
    );
    snapshot_text_format("split_containers", path);
}

#[test]
fn full_news_page_example_has_all_metadata_and_a_clean_body() {
    let path = "examples/cairo-ceasefire-talks.html";
    let r = extract(path);
    assert_eq!(r["status"], "article");
    // The h1 is the declared title with its apostrophe curled by the CMS, so the declared
    // characters are kept (meta/title.rs `is_typeset_from`).
    assert_eq!(
        r["title"],
        "Sudan's warring sides agree to humanitarian truce at Cairo talks"
    );
    assert_eq!(
        r["standfirst"],
        "Egypt and Saudi Arabia said the pause would open three corridors for aid convoys into Darfur and Kordofan."
    );
    assert_eq!(
        r["bylines"],
        serde_json::json!(["Mona El-Sayed", "Peter Okello"])
    );
    assert_eq!(r["published"], "2025-11-14T09:30:00+02:00");
    assert_eq!(r["modified"], "2025-11-14T16:05:00+02:00");
    assert_eq!(r["dateline"], "Cairo");
    assert_eq!(r["site"], "The Nile Courier");
    assert_eq!(
        r["url"],
        "https://www.nilecourier.example/world/2025/11/14/sudan-truce-cairo-talks"
    );
    assert_eq!(r["language"], "en");
    let text = text_of(&r);
    assert!(text.starts_with("CAIRO: Sudan"), "{text}");
    assert_keeps(
        path,
        text,
        &[
            "\n\nMonitoring\n\n",
            "Corridor one: Adre to El Geneina",
            "Corridor three: Tawila to El Fasher",
            "Previous truces brokered in Jeddah collapsed within days.",
            "\u{201c}This is a beginning, not an end,\u{201d} Abdelatty said.",
        ],
    );
    assert_no_furniture(
        path,
        text,
        &[
            "cookies",
            "Share on",
            "Photo:",
            "Read more",
            "Tags:",
            "diplomatic correspondent",
            "Related stories",
            "Sign up",
            "Let us hope",
            "Comments are closed",
            "All rights reserved",
            "\n\n\n",
        ],
    );
    snapshot_text_format("cairo_example", path);
}

#[test]
fn plain_text_example_gives_title_standfirst_and_dateline() {
    let path = "examples/border-crossing-reopens.txt";
    let r = extract(path);
    assert_eq!(r["status"], "article");
    assert_eq!(
        r["title"],
        "Iran and Pakistan Agree to Reopen Taftan Border Crossing After Week-Long Closure"
    );
    assert!(
        r["standfirst"]
            .as_str()
            .unwrap_or("")
            .starts_with("Traders on both sides"),
        "{r}"
    );
    assert_eq!(r["dateline"], "Quetta");
    let text = text_of(&r);
    assert!(
        text.starts_with("QUETTA: Iran and Pakistan agreed"),
        "{text}"
    );
    assert_keeps(
        path,
        text,
        &["Traders' associations said more than 600 lorries"],
    );
    assert_no_furniture(
        path,
        text,
        &["Read more", "Comments are closed", "Week-Long Closure"],
    );
}

#[test]
fn windows_1252_page_decodes_from_its_http_equiv_charset() {
    let path = "examples/cocoa-pact-windows-1252.html";
    let r = extract(path);
    assert_eq!(r["status"], "article");
    assert_eq!(
        r["title"],
        "C\u{f4}te d\u{2019}Ivoire and Ghana sign cocoa pact"
    );
    assert_eq!(r["bylines"], serde_json::json!(["A\u{ef}cha Traor\u{e9}"]));
    assert_eq!(r["published"], "2025-10-21");
    assert_eq!(r["dateline"], "Abidjan");
    let text = text_of(&r);
    assert_keeps(
        path,
        text,
        &[
            "C\u{f4}te d\u{2019}Ivoire and Ghana signed",
            "2025\u{2013}26",
        ],
    );
    assert_no_furniture(path, text, &["Accueil", "droits", "\u{fffd}"]);
}

#[test]
fn utf16_page_with_bom_decodes() {
    let path = "fixtures/extract/utf16-bom.html";
    let r = extract(path);
    assert_eq!(r["status"], "article");
    assert_eq!(r["title"], "Talks in Doha end without a deal");
    assert_eq!(r["dateline"], "Doha");
    assert_keeps(path, text_of(&r), &["Qatar\u{2019}s foreign ministry said"]);
}

#[test]
fn pages_that_are_not_articles_are_outcomes_with_reasons() {
    for (path, reason_word) in [
        ("fixtures/extract/index-page.html", "lists"),
        ("fixtures/extract/error-page.html", "error"),
        ("fixtures/extract/not-text.gif", "binary"),
        ("fixtures/extract/empty.html", "empty"),
    ] {
        let r = extract(path);
        assert_eq!(r["status"], "not_article", "{path}: {r}");
        let reason = r["reason"].as_str().unwrap_or("");
        assert!(reason.contains(reason_word), "{path}: reason {reason:?}");
    }
}

#[test]
fn an_input_over_the_size_cap_is_refused_and_the_others_go_on() {
    let dir = std::env::temp_dir().join(format!("attache-cap-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let big = dir.join("big.html");
    std::fs::write(&big, "<p>padding</p>".repeat(200_000)).expect("write big page");
    let big = big.to_string_lossy().to_string();
    let out = attache(&[
        "extract",
        "--max-mb",
        "1",
        &big,
        "examples/cairo-ceasefire-talks.html",
    ]);
    std::fs::remove_dir_all(&dir).ok();
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&out.stdout);
    let records: Vec<Value> = stdout
        .lines()
        .map(|l| serde_json::from_str(l).expect("JSON line"))
        .collect();
    assert_eq!(records.len(), 2);
    assert_eq!(records[0]["status"], "error");
    assert!(
        records[0]["error"]
            .as_str()
            .unwrap_or("")
            .contains("size cap"),
        "{}",
        records[0]
    );
    assert_eq!(records[1]["status"], "article");
    assert!(String::from_utf8_lossy(&out.stderr).contains("big.html"));
}

#[test]
fn standard_input_is_read_when_no_path_is_given() {
    use std::io::Write;
    let mut child = Command::new(env!("CARGO_BIN_EXE_attache"))
        .args([
            "extract",
            "--url",
            "https://news.example.org/2025/01/02/story",
        ])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("spawn attache");
    let page =
        std::fs::read(repo_root().join("examples/cairo-ceasefire-talks.html")).expect("example");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(&page)
        .expect("write stdin");
    let out = child.wait_with_output().expect("attache finishes");
    let r: Value = serde_json::from_slice(&out.stdout).expect("one JSON object");
    assert_eq!(r["path"], "-");
    assert_eq!(r["status"], "article");
}

#[test]
fn reference_article_is_extracted_without_its_furniture() {
    let path = repo_root().join("../shared/examples/istanbul-talks.txt");
    if !path.exists() {
        eprintln!("skipped: {} is absent", path.display());
        return;
    }
    let r = extract(&path.to_string_lossy());
    assert_eq!(r["status"], "article");
    assert_eq!(
        r["title"],
        "Pakistan Ready to Resume Talks with Afghanistan Amid Istanbul Dialogue"
    );
    assert!(
        r["standfirst"]
            .as_str()
            .unwrap_or("")
            .starts_with("The previous round of talks"),
        "{r}"
    );
    assert_eq!(r["dateline"], "Islamabad");
    assert_eq!(r["language"], "en");
    let text = text_of(&r);
    assert!(
        text.starts_with("ISLAMABAD: Pakistan has signaled"),
        "{text}"
    );
    assert!(text.ends_with("regional stability."), "{text}");
    assert_no_furniture(
        "istanbul-talks.txt",
        text,
        &["Read more", "Comments are closed"],
    );
    assert_eq!(text.split("\n\n").count(), 7, "{text}");
}
