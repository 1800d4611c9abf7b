//! A store for the serve tests, built from the team's pages in `examples/` (through
//! extraction) and the articles in `examples/corpus/` and `crates/attache/tests/serve_corpus/`
//! (the hostile page; header lines give the metadata), each run through sentence splitting, actor resolution, event coding, and the
//! story clusterer, then written with the store's batch API.
//!
//! Shared by the router tests (`server::tests`) and the browser test (`tests/serve_e2e.rs`
//! includes this file by path), so it uses only the library crates.

#![allow(dead_code)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use attache_events::cluster::{event_key, Fingerprint, StoryClusterer, StoryFeatures};
use attache_events::{Coder, CoderSettings};
use attache_model::{Article, Document};
use attache_nlp::ActorResolver;
use attache_store::{
    day_number, Batch, DocumentRecord, Provenance, SqliteStore, StoreWrite, StoryRecord,
};

/// What was stored.
#[derive(Debug, Default)]
pub struct Built {
    /// Article id per input file name.
    pub ids: BTreeMap<String, String>,
    /// Articles stored.
    pub articles: usize,
    /// Events stored.
    pub events: usize,
}

/// The repository root.
pub fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The serve test corpora: the shipped example corpus (also what `scripts/demo.sh` ingests)
/// and the test-only pages (the hostile page).
pub fn corpus_dirs() -> [PathBuf; 2] {
    [
        repo_root().join("examples/corpus"),
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/serve_corpus"),
    ]
}

/// An article from a corpus file: `key: value` header lines, a blank line, the body.
pub fn parse_corpus_file(name: &str, text: &str) -> Result<Article, String> {
    let (head, body) = text
        .split_once("\n\n")
        .ok_or_else(|| format!("{name}: no blank line after the header"))?;
    let mut a = Article::default();
    for (i, line) in head.lines().enumerate() {
        let (key, value) = line
            .split_once(':')
            .ok_or_else(|| format!("{name}:{}: header line without ':'", i + 1))?;
        let value = value.trim().to_string();
        match key.trim() {
            "url" => a.url = Some(value),
            "site" => a.site = Some(value),
            "published" => a.published = Some(value),
            "title" => a.title = Some(value),
            "byline" => a.bylines.push(value),
            "standfirst" => a.standfirst = Some(value),
            other => return Err(format!("{name}:{}: unknown header {other:?}", i + 1)),
        }
    }
    let paragraphs: Vec<String> = body
        .split("\n\n")
        .map(|p| p.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|p| !p.is_empty())
        .collect();
    a.text = paragraphs.join("\n\n");
    if let Some((place, _)) = a.text.split_once(": ") {
        if place.len() < 20 && place.chars().all(|c| c.is_uppercase() || c == ' ') {
            let mut name = place.to_lowercase();
            if let Some(first) = name.get(..1) {
                name = first.to_uppercase() + &name[1..];
            }
            a.dateline = Some(name);
        }
    }
    a.language = Some("en".into());
    Ok(a)
}

fn inputs() -> Result<Vec<(String, Article)>, String> {
    let mut out = Vec::new();
    let examples = repo_root().join("examples");
    let mut pages: Vec<PathBuf> = std::fs::read_dir(&examples)
        .map_err(|e| format!("{}: {e}", examples.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "html" || x == "txt"))
        .collect();
    pages.sort();
    for path in pages {
        let bytes = std::fs::read(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let extraction =
            attache_extract::extract(&bytes, None, &attache_extract::Settings::default())
                .map_err(|e| format!("{name}: {e}"))?;
        if let Some(article) = extraction.into_article() {
            out.push((name, article));
        }
    }
    let mut files: Vec<PathBuf> = Vec::new();
    for corpus in corpus_dirs() {
        let listing =
            std::fs::read_dir(&corpus).map_err(|e| format!("{}: {e}", corpus.display()))?;
        files.extend(
            listing
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|x| x == "txt")),
        );
    }
    files.sort();
    for path in files {
        let text =
            std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        out.push((name.clone(), parse_corpus_file(&name, &text)?));
    }
    Ok(out)
}

/// Build the store at `db` (created; it must not hold other data).
pub fn build(db: &Path) -> Result<Built, String> {
    let resolver = ActorResolver::builtin().map_err(|e| format!("actor dictionaries: {e}"))?;
    let coder = Coder::builtin(CoderSettings::default()).map_err(|e| format!("coder: {e}"))?;
    let mut docs: Vec<(String, Document)> = inputs()?
        .into_iter()
        .map(|(name, article)| {
            let mut doc = Document::new(name.clone(), article);
            resolver.resolve(&mut doc);
            doc.events = coder.code(&doc);
            (name, doc)
        })
        .collect();
    // The clusterer expects articles in time order.
    docs.sort_by(|a, b| {
        a.1.article
            .published
            .cmp(&b.1.article.published)
            .then(a.0.cmp(&b.0))
    });
    let mut clusterer = StoryClusterer::new();
    let mut built = Built::default();
    let mut documents = Vec::new();
    for (name, doc) in docs {
        let fp = Fingerprint::of(&doc.article, None);
        let day = doc.article.published.as_deref().and_then(day_number);
        let features = StoryFeatures::of(&doc);
        let story = clusterer.assign(&fp.id, doc.article.title.as_deref(), day, &features);
        built.ids.insert(name.clone(), fp.id.clone());
        built.articles += 1;
        built.events += doc.events.len();
        documents.push(DocumentRecord {
            id: fp.id.clone(),
            event_keys: doc.events.iter().map(event_key).collect(),
            canonical_url: fp.canonical_url.clone(),
            content_hash: fp.content_hash.clone(),
            simhash: fp.simhash,
            duplicate: None,
            story_id: story.story_id,
            provenance: Provenance {
                source: name,
                ..Provenance::default()
            },
            document: doc,
        });
    }
    let stories = clusterer
        .take_changed()
        .into_iter()
        .map(|s| StoryRecord {
            id: s.id,
            title: s.title,
            first_day: s.first_day,
            last_day: s.last_day,
            profile: s.profile,
        })
        .collect();
    let mut store = SqliteStore::open(db).map_err(|e| e.to_string())?;
    store
        .put_batch(&Batch {
            documents,
            stories,
            ..Batch::default()
        })
        .map_err(|e| e.to_string())?;
    Ok(built)
}
