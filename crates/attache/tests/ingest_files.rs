//! `attache ingest` on folders of pages (plain and gzip): idempotent, and the stored articles
//! are searchable and exportable.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod ingest_common;

use std::io::Write;

use ingest_common::*;

#[test]
fn a_folder_ingested_twice_is_stored_once_and_can_be_queried_and_exported() {
    let dir = tempfile::tempdir().unwrap();
    let pages = dir.path().join("pages");
    std::fs::create_dir_all(pages.join("more")).unwrap();
    for i in 0..6u64 {
        std::fs::write(
            pages.join(format!("p{i}.html")),
            page(200 + i, "2025-10-30"),
        )
        .unwrap();
    }
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    enc.write_all(page(300, "2025-10-31").as_bytes()).unwrap();
    std::fs::write(pages.join("more/p7.html.gz"), enc.finish().unwrap()).unwrap();
    std::fs::write(
        pages.join("more/broken.html.gz"),
        b"\x1f\x8b\x08\x00garbage",
    )
    .unwrap();
    let db = dir.path().join("a.db");
    let first = ingest(&db, &[pages.to_str().unwrap()], &["--offline"]);
    assert_eq!(first["articles"], 7, "{first:#}");
    assert_eq!(total(&first, "errors"), 1, "{first:#}");
    let second = ingest(&db, &[pages.to_str().unwrap()], &["--offline"]);
    assert_eq!(second["articles"], 0, "{second:#}");
    assert_eq!(stats(&db).articles, 7);

    let out = attache(&[
        "query",
        "--db",
        db.to_str().unwrap(),
        "--format",
        "jsonl",
        "search",
        "canal",
    ]);
    assert!(String::from_utf8_lossy(&out.stdout).lines().count() >= 1);
    let parquet = dir.path().join("articles.parquet");
    attache(&[
        "export",
        "--db",
        db.to_str().unwrap(),
        "--table",
        "articles",
        "--format",
        "parquet",
        "--out",
        parquet.to_str().unwrap(),
    ]);
    let reader =
        parquet::file::reader::SerializedFileReader::new(std::fs::File::open(&parquet).unwrap())
            .unwrap();
    use parquet::file::reader::FileReader;
    assert_eq!(reader.metadata().file_metadata().num_rows(), 7);
    // Dates are dates, not strings.
    let schema = reader.metadata().file_metadata().schema_descr();
    let date = (0..schema.num_columns())
        .map(|i| schema.column(i))
        .find(|c| c.name() == "PublishedDate")
        .unwrap();
    assert_eq!(
        date.logical_type_ref(),
        Some(&parquet::basic::LogicalType::Date)
    );
    let csv = dir.path().join("events.csv");
    attache(&[
        "export",
        "--db",
        db.to_str().unwrap(),
        "--format",
        "csv",
        "--out",
        csv.to_str().unwrap(),
    ]);
    let text = std::fs::read_to_string(&csv).unwrap();
    assert!(text.starts_with("GlobalEventID,Day,Date,Actor1Code"));
}

/// The store's run records, newest last: each run's JSON report.
fn run_reports(db: &std::path::Path) -> Vec<serde_json::Value> {
    let conn = rusqlite::Connection::open(db).unwrap();
    let mut stmt = conn.prepare("SELECT report FROM runs ORDER BY n").unwrap();
    let rows = stmt
        .query_map([], |r| r.get::<_, String>(0))
        .unwrap()
        .map(|r| serde_json::from_str(&r.unwrap()).unwrap())
        .collect();
    rows
}

#[test]
fn failed_inputs_are_named_exit_1_and_are_tried_again_by_the_next_run() {
    // The reproducer: a missing path, a truncated gzip file and a typo, beside one
    // good page.
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad");
    std::fs::create_dir_all(&bad).unwrap();
    let trunc = bad.join("trunc.gz");
    std::fs::write(&trunc, b"\x1f\x8b\x08\x00\x00\x00").unwrap();
    let good = dir.path().join("good.html");
    std::fs::write(&good, page(400, "2025-10-30")).unwrap();
    let missing = bad.join("nothere");
    let typo = dir.path().join("examples-typo");
    let sources = [
        missing.to_str().unwrap(),
        trunc.to_str().unwrap(),
        typo.to_str().unwrap(),
        good.to_str().unwrap(),
    ];
    let db = dir.path().join("a.db");
    let out = ingest_output(&db, &sources, &["--offline"]);
    assert_eq!(out.status.code(), Some(1), "some inputs failed");
    let stderr = String::from_utf8_lossy(&out.stderr);
    for (path, why) in [
        (&missing, "no such file or folder"),
        (&trunc, "corrupt or truncated gzip"),
        (&typo, "no such file or folder"),
    ] {
        let line = stderr
            .lines()
            .find(|l| l.contains(path.to_str().unwrap()))
            .unwrap_or_else(|| panic!("{} is not named on stderr:\n{stderr}", path.display()));
        assert!(line.contains(why), "{line}");
    }
    let report: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(db.with_extension("report.json")).unwrap())
            .unwrap();
    assert_eq!(report["articles"], 1, "{report:#}");
    let named: Vec<&str> = report["failures"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["input"].as_str().unwrap())
        .collect();
    assert_eq!(named, sources[..3], "{report:#}");
    let stored = run_reports(&db);
    assert_eq!(stored.len(), 1);
    assert_eq!(
        stored[0]["failures"], report["failures"],
        "the run record names them too"
    );

    // The next run reads the truncated file again (it is not "already ingested"), and fails it
    // again; the good page is done.
    let second = ingest(&db, &sources, &["--offline"]);
    assert_eq!(second["already_ingested"], 1, "{second:#}");
    assert_eq!(second["errors"]["unreadable_input"], 3, "{second:#}");
    // Mended, it is stored, and the run is clean.
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    enc.write_all(page(401, "2025-10-31").as_bytes()).unwrap();
    std::fs::write(&trunc, enc.finish().unwrap()).unwrap();
    let third = ingest(&db, &[sources[1], sources[3]], &["--offline"]);
    assert_eq!(third["articles"], 1, "{third:#}");
    assert_eq!(total(&third, "errors"), 0, "{third:#}");
    assert_eq!(run_reports(&db).len(), 3);
}
