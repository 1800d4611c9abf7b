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
