//! The command line at its edges, as a new user meets them: a missing store, a closed pipe,
//! dictionary warnings, `--explain` under `jq`, one sentence on stdin.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn attache(args: &[&str]) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_attache"));
    cmd.args(args)
        .current_dir(repo_root())
        .env_remove("NO_COLOR");
    cmd
}

/// Run with `stdin` as standard input; stdout and stderr captured (so not terminals).
fn run(args: &[&str], stdin: &str) -> Output {
    let mut child = attache(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut input = child.stdin.take().unwrap();
    input.write_all(stdin.as_bytes()).unwrap();
    drop(input);
    child.wait_with_output().unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// A store of the shipped examples.
fn examples_store(dir: &Path) -> PathBuf {
    let db = dir.join("examples.db");
    let out = run(
        &[
            "ingest",
            "-q",
            "--offline",
            "--db",
            db.to_str().unwrap(),
            "examples",
        ],
        "",
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    db
}

#[test]
fn query_and_export_without_a_store_say_so_once_and_how_to_make_one() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("nothere.db");
    let db = db.to_str().unwrap();
    for args in [
        vec!["query", "--db", db, "events"],
        vec!["export", "--db", db, "--format", "csv", "--out", "-"],
        vec!["serve", "--db", db],
        vec!["settle", "--db", db],
    ] {
        let out = run(&args, "");
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let stderr = text(&out.stderr);
        assert_eq!(
            stderr,
            format!(
                "attache: error: no store at {db}: make one with `attache ingest SOURCE... --db {db}`\n"
            ),
            "{args:?}"
        );
    }
    assert!(!Path::new(db).exists(), "reading made no store");
}

#[test]
fn a_closed_pipe_ends_every_command_quietly() {
    let dir = tempfile::tempdir().unwrap();
    let db = examples_store(dir.path());
    let db = db.to_str().unwrap();
    let page = "examples/cairo-ceasefire-talks.html";
    for args in [
        vec!["extract", "examples/corpus"],
        vec!["actors", "examples/corpus"],
        vec!["code", "examples/corpus"],
        vec!["code", "examples/corpus", "--format", "text"],
        vec!["query", "--db", db, "events"],
        vec!["query", "--db", db, "events", "--format", "jsonl"],
        vec!["query", "--db", db, "dyad", "PAK", "AFG"],
        vec!["query", "--db", db, "search", "border"],
        vec!["export", "--db", db, "--format", "csv", "--out", "-"],
        vec!["export", "--db", db, "--format", "jsonl", "--out", "-"],
        vec!["export", "--db", db, "--format", "plover", "--out", "-"],
        vec!["extract", page, "--format", "text"],
    ] {
        // The reader goes away before the command writes: like `| head -0`.
        let mut child = attache(&args)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        drop(child.stdout.take());
        let out = child.wait_with_output().unwrap();
        let stderr = text(&out.stderr);
        assert!(
            !stderr.contains("Broken pipe") && !stderr.contains("error"),
            "{args:?}: {stderr}"
        );
        assert!(out.status.success(), "{args:?}: {:?} {stderr}", out.status);
    }
}

/// A PETRARCH-format folder with one bad role date and one bad PICO line.
fn petrarch_folder(dir: &Path) -> PathBuf {
    let pd = dir.join("dictionaries");
    std::fs::create_dir_all(&pd).unwrap();
    std::fs::write(pd.join("team.verbs.txt"), "--- WARN [130] ---\nWARN\n").unwrap();
    std::fs::write(
        pd.join("team.actors.txt"),
        "KESTRIA_ [KES]\nVARN_ [KESGOV 9008223-911221]\n",
    )
    .unwrap();
    std::fs::write(
        pd.join("PETR.Internal.Coding.Ontology.txt"),
        "030:0x3000\nnot a pico line\n",
    )
    .unwrap();
    pd
}

#[test]
fn dictionary_warnings_have_one_style_and_no_colour_off_a_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let pd = petrarch_folder(dir.path());
    let out = run(
        &["code", "-", "--petrarch-dictionaries", pd.to_str().unwrap()],
        "Kestria warned Pakistan on Monday about the border.",
    );
    let stderr = text(&out.stderr);
    assert!(
        !stderr.contains('\x1b'),
        "colour codes off a terminal:\n{stderr}"
    );
    let warnings: Vec<&str> = stderr.lines().filter(|l| l.contains("warning")).collect();
    assert_eq!(warnings.len(), 2, "{stderr}");
    assert!(
        warnings[0].starts_with("attache: warning: team.actors.txt:2: "),
        "{stderr}"
    );
    assert!(
        warnings[1].starts_with("attache: warning: PETR.Internal.Coding.Ontology.txt:2: "),
        "{stderr}"
    );
}

#[test]
fn explain_keeps_stdout_machine_readable_in_every_format() {
    let page = "examples/cairo-ceasefire-talks.html";
    let plain = run(&["code", page], "");
    let explained = run(&["code", page, "--explain"], "");
    assert!(explained.status.success());
    assert_eq!(
        text(&explained.stdout),
        text(&plain.stdout),
        "stdout is the JSON lines alone"
    );
    for line in text(&explained.stdout).lines() {
        serde_json::from_str::<serde_json::Value>(line)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {line}"));
    }
    let commentary = text(&explained.stderr);
    assert!(commentary.contains("# s0: "), "{commentary}");
    assert!(commentary.contains("<<agreed>>"), "{commentary}");
    let table = run(&["code", page, "--format", "text"], "");
    let table_explained = run(&["code", page, "--format", "text", "--explain"], "");
    assert_eq!(text(&table_explained.stdout), text(&table.stdout));
    assert!(!text(&table_explained.stdout).contains("# s0"));
}

#[test]
fn one_sentence_on_stdin_or_the_command_line_is_coded_as_plain_text() {
    let sentence = "Pakistan accused India of backing militants.";
    let out = run(&["code", "-"], &format!("{sentence}\n"));
    assert!(out.status.success(), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    let event: serde_json::Value = serde_json::from_str(stdout.trim()).unwrap();
    assert_eq!(event["plover"]["type"], "ACCUSE", "{stdout}");
    assert_eq!(event["source"][0]["code"], "PAK", "{stdout}");
    assert_eq!(event["target"][0]["code"], "IND", "{stdout}");
    assert_eq!(
        text(&out.stderr),
        "attache: -: too little body text for an article; coded as plain text\n"
    );

    let out = run(&["code", "--text", sentence, "--format", "text"], "");
    assert!(out.status.success(), "{}", text(&out.stderr));
    // One line; it ends with the day the text was first seen (it gives no date of its own).
    let stdout = text(&out.stdout);
    assert_eq!(stdout.lines().count(), 1, "{stdout}");
    assert!(
        stdout.starts_with("text#1  s0  ACCUSE/112  asserted  PAK -> IND  \"accused\""),
        "{stdout}"
    );
    assert_eq!(text(&out.stderr), "", "--text needs no note");

    // The sentence given as a path: a failed input, with the way to do it.
    let out = run(&["code", sentence], "");
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("use --text"),
        "{}",
        text(&out.stderr)
    );

    // An HTML page that is not an article is still left out, not coded.
    let out = run(
        &["code", "-"],
        "<html><body><p>Pakistan accused India.</p></body></html>",
    );
    assert_eq!(text(&out.stdout), "");
    assert!(
        text(&out.stderr).contains("not an article"),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn exports_of_the_demo_give_every_known_place_its_country_and_round_means() {
    let dir = tempfile::tempdir().unwrap();
    let db = examples_store(dir.path());
    let db = db.to_str().unwrap();
    let out = run(
        &["export", "--db", db, "--format", "jsonl", "--out", "-"],
        "",
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let rows: Vec<serde_json::Value> = text(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert!(rows.len() >= 40, "{} rows", rows.len());
    // The issue: 43 of 60 demo rows had a place and no country, Cairo and Quetta included.
    let placeless: Vec<&serde_json::Value> = rows
        .iter()
        .filter(|r| r["ActionPlace"].is_string() && !r["ActionCountryCode"].is_string())
        .collect();
    assert!(
        placeless.is_empty(),
        "places without a country: {placeless:#?}"
    );
    let country = |place: &str| {
        rows.iter()
            .find(|r| r["ActionPlace"] == place)
            .map(|r| r["ActionCountryCode"].as_str().unwrap_or("").to_string())
    };
    assert_eq!(country("Cairo").as_deref(), Some("EGY"));
    assert_eq!(country("Quetta").as_deref(), Some("PAK"));
    for r in &rows {
        assert!(
            r["Date"].is_null() || r["Date"].as_str().is_some_and(|d| d.len() == 10),
            "{r}"
        );
        for key in ["Actor1CountryCode", "Actor2CountryCode"] {
            assert!(
                !matches!(r[key].as_str(), Some("IGO" | "---" | "NGO")),
                "{key} is no country: {r}"
            );
        }
    }
    // Means have two decimals at most (no `-3.200000047683716`).
    let out = run(
        &[
            "query", "--db", db, "dyad", "PAK", "AFG", "--by", "week", "--format", "jsonl",
        ],
        "",
    );
    for line in text(&out.stdout).lines() {
        let b: serde_json::Value = serde_json::from_str(line).unwrap();
        for key in ["mean_goldstein", "mean_intensity"] {
            if let Some(v) = b[key].as_f64() {
                assert_eq!(v, (v * 100.0).round() / 100.0, "{key}: {line}");
            }
        }
    }
    let out = run(&["export", "--db", db, "--format", "csv", "--out", "-"], "");
    let csv = text(&out.stdout);
    assert!(
        !csv.contains("00000"),
        "unrounded scores in the CSV:\n{csv}"
    );
}

#[test]
fn eval_syntax_names_a_candidate_parser_file_it_cannot_use() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("nothere.model");
    let garbage = dir.path().join("garbage.model");
    std::fs::write(&garbage, b"not a model file at all").unwrap();
    // A model file of another kind (the tagger's) is refused as a parser too.
    let tagger = repo_root().join("data/models/tagger.model");
    for file in [&missing, &garbage, &tagger] {
        let out = run(
            &[
                "eval",
                "syntax",
                "--data",
                dir.path().to_str().unwrap(),
                "--parser",
                file.to_str().unwrap(),
            ],
            "",
        );
        let err = text(&out.stderr);
        assert!(!out.status.success(), "{}: {err}", file.display());
        assert!(
            err.contains(file.to_str().unwrap()),
            "the error names {}: {err}",
            file.display()
        );
        assert!(!err.contains("panicked"), "{err}");
    }
}

#[test]
fn settle_decides_the_stories_again_and_all_replays_from_the_first_article() {
    let dir = tempfile::tempdir().unwrap();
    let db = examples_store(dir.path());
    let db = db.to_str().unwrap();
    // The ingest settled at its end: nothing was written since.
    let out = run(&["settle", "--db", db], "");
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(
        text(&out.stderr).contains("nothing replayed"),
        "{}",
        text(&out.stderr)
    );
    // `--all` replays every stored article and, the rules being the same, moves none.
    let out = run(&["settle", "--db", db, "--all"], "");
    assert!(out.status.success(), "{}", text(&out.stderr));
    let said = text(&out.stderr);
    assert!(said.contains("from the first article; moved 0,"), "{said}");
    assert!(!said.contains("replayed 0 articles"), "{said}");
}
