//! What a worker thread does with one item: fetch when needed, extract, annotate, fingerprint.
//! Pure per-document work, run in parallel; everything cross-document happens in the writer.

use std::sync::Arc;
use std::time::{Duration, Instant};

use attache_events::cluster::{host_of, Fingerprint, StoryFeatures};
use attache_model::{Document, Extraction, Layers};
use attache_store::Store;

use super::stages::{Pipeline, Stopped};
use crate::sources::http::Fetcher;
use crate::sources::{is_page_type, Page, Work};

/// The result of one item.
#[derive(Debug)]
pub enum Outcome {
    /// An article, annotated and fingerprinted.
    Article(Box<Processed>),
    /// An article the store already holds from this fetch or an earlier one (or as an
    /// alias): left unannotated, since the writer would drop it ([`already_stored`]).
    AlreadyStored {
        /// URL fetched, to remember.
        fetched: Option<String>,
    },
    /// A page that is not an article.
    NotArticle {
        /// Reason (snake case).
        reason: String,
        /// URL fetched, to remember.
        fetched: Option<String>,
    },
    /// Skipped before extraction.
    Skipped {
        /// Reason.
        reason: &'static str,
    },
    /// Could not be handled.
    Failed {
        /// Error kind (the run report's key).
        kind: &'static str,
        /// The input that failed: a path, `path#record`, or a URL.
        input: String,
        /// What was wrong, for a person.
        reason: String,
    },
}

/// An annotated article ready for dedupe, clustering and storage.
#[derive(Debug)]
pub struct Processed {
    /// The document with its layers.
    pub doc: Document,
    /// Identity and similarity fingerprints.
    pub fingerprint: Fingerprint,
    /// Terms for story clustering.
    pub features: StoryFeatures,
    /// The URL the bytes came from.
    pub fetched_url: Option<String>,
    /// When fetched (WARC-Date, feed date).
    pub fetched_at: Option<String>,
    /// True when it was fetched over HTTP by this run (remembered in the store).
    pub fetched_now: bool,
}

/// What every worker shares.
pub struct WorkerContext {
    /// Extraction settings.
    pub extract: attache_extract::Settings,
    /// The annotation stages (checked once when built); `None` only extracts.
    pub pipeline: Option<Arc<Pipeline>>,
    /// What one document may cost to annotate.
    pub budget: Budget,
}

/// Most article text handed to annotation. Annotation holds tokens, mentions and views
/// at 50-100 times the text's size (15 MB of "Mr. " took 790 MB), while the longest real
/// articles have a few hundred KB of text; past this the article is stored as extracted,
/// so peak memory stays bounded by the budget, not by the page cap.
pub const MAX_ANNOTATED_TEXT_BYTES: usize = 1_000_000;

/// Most time one document may spend in annotation. A typical article takes a few
/// milliseconds and a 1 MB text well under a second; a document still going after this is
/// hostile or pathological, and stopping it keeps one page from stalling the in-order
/// writer (and with it the whole run).
pub const MAX_ANNOTATION_TIME: Duration = Duration::from_secs(10);

/// A per-document annotation budget; a document over it is stored as extracted (no
/// sentences, mentions or events) with a warning naming the budget.
#[derive(Debug, Clone, Copy)]
pub struct Budget {
    /// See [`MAX_ANNOTATED_TEXT_BYTES`].
    pub max_text_bytes: usize,
    /// See [`MAX_ANNOTATION_TIME`].
    pub max_time: Duration,
}

impl Default for Budget {
    fn default() -> Self {
        Budget {
            max_text_bytes: MAX_ANNOTATED_TEXT_BYTES,
            max_time: MAX_ANNOTATION_TIME,
        }
    }
}

/// Warning of a document whose text is over [`Budget::max_text_bytes`].
pub const WARN_TEXT_OVER_BUDGET: &str = "annotation_budget_text";
/// Warning of a document that ran past [`Budget::max_time`].
pub const WARN_TIME_OVER_BUDGET: &str = "annotation_budget_time";

/// Run the pipeline over `doc` within `budget` (with no pipeline, only the size check);
/// over it, the document keeps only its extracted article and a warning that names the
/// budget.
pub fn annotate_within(doc: &mut Document, pipeline: Option<&Pipeline>, budget: &Budget) {
    let len = doc.article.text.len();
    if len > budget.max_text_bytes {
        doc.warnings.push(format!(
            "{WARN_TEXT_OVER_BUDGET}: text of {len} bytes is over the annotation budget of {} \
             bytes; stored as extracted, without sentences, actors or events",
            budget.max_text_bytes
        ));
        return;
    }
    let Some(pipeline) = pipeline else {
        return;
    };
    doc.deadline = Some(Instant::now() + budget.max_time);
    if let Err(Stopped { stage, done, total }) = pipeline.annotate(doc) {
        doc.sentences.clear();
        doc.tokens.clear();
        doc.entities.clear();
        doc.coref.clear();
        doc.mentions.clear();
        doc.events.clear();
        doc.layers = Layers::NONE;
        doc.warnings.push(format!(
            "{WARN_TIME_OVER_BUDGET}: stage `{stage}` was still running after the \
             annotation budget of {} s ({done} of {total} sentences done); stored \
             as extracted, without sentences, actors or events",
            budget.max_time.as_secs_f64()
        ));
    }
    doc.deadline = None;
}

/// True when the writer would drop this article as one the store already holds: its id is
/// stored with the same text from a fetch that comes no later in the settle's order, or is an
/// alias. What the store holds of an id only ever comes earlier in that order (a later fetch
/// never replaces an earlier), so an answer of true here stays true when the writer gets the
/// article; false leaves the decision to the writer, as before.
fn already_stored(
    store: &dyn Store,
    fingerprint: &Fingerprint,
    published_at: Option<i64>,
) -> Result<bool, attache_store::StoreError> {
    let known = store.lookup(&fingerprint.id, &fingerprint.content_hash)?;
    if known.alias_of.is_some() {
        return Ok(true);
    }
    if known.same_id_hash.as_deref() != Some(fingerprint.content_hash.as_str()) {
        return Ok(false);
    }
    Ok(match store.published_at_of(&fingerprint.id)? {
        Some(stored) => !attache_store::replaces_same_page(published_at, stored),
        None => false,
    })
}

/// Handle one item. `stored` is this worker's own connection to the store, asked before
/// annotating whether the article is stored already (none: always annotate).
pub fn process(
    work: Work,
    ctx: &WorkerContext,
    fetcher: Option<&Fetcher>,
    stored: Option<&dyn Store>,
) -> Outcome {
    let (page, fetched_now) = match work {
        Work::Skip {
            origin,
            reason,
            detail,
        } => {
            tracing::debug!(%origin, reason, detail = detail.as_deref().unwrap_or(""), "skipped");
            return Outcome::Skipped { reason };
        }
        Work::Fail {
            origin,
            kind,
            reason,
        } => {
            return Outcome::Failed {
                kind,
                input: origin,
                reason,
            }
        }
        Work::Page(page) => (page, false),
        Work::Fetch { origin, url, date } => {
            let Some(fetcher) = fetcher else {
                return Outcome::Skipped {
                    reason: "fetch_disabled",
                };
            };
            match fetcher.fetch(&url) {
                Ok(f) if !is_page_type(f.content_type.as_deref()) => {
                    return Outcome::NotArticle {
                        reason: "not_html".into(),
                        fetched: Some(url),
                    }
                }
                Ok(f) => (
                    Page {
                        origin: url.clone(),
                        url: Some(f.url),
                        date,
                        content_type: f.content_type,
                        body: f.body,
                    },
                    true,
                ),
                Err(e) => {
                    return Outcome::Failed {
                        kind: e.kind(),
                        input: url,
                        reason: format!("{e} (listed in {origin})"),
                    }
                }
            }
        }
    };
    let fetched = fetched_now.then(|| page.origin.clone());
    let bytes = honour_http_charset(&page.body, page.content_type.as_deref());
    let extraction = match attache_extract::extract(&bytes, page.url.as_deref(), &ctx.extract) {
        Ok(x) => x,
        Err(e) => {
            return Outcome::Failed {
                kind: "extract_error",
                input: page.origin,
                reason: e.to_string(),
            }
        }
    };
    let mut article = match extraction {
        Extraction::Article(a) => a,
        Extraction::NotArticle { reason, .. } => {
            let reason = serde_json::to_value(reason)
                .ok()
                .and_then(|v| v.as_str().map(str::to_string))
                .unwrap_or_else(|| format!("{reason:?}"));
            return Outcome::NotArticle { reason, fetched };
        }
    };
    if article.site.is_none() {
        article.site = article
            .url
            .as_deref()
            .or(page.url.as_deref())
            .and_then(host_of);
    }
    // The fingerprint reads the extracted article only (annotation never changes it).
    let fingerprint = Fingerprint::of(&article, page.url.as_deref());
    // A page fetched again (a crawl of the same URL on another day, or under another URL
    // naming the same canonical one) costs a lookup instead of its annotation, most of an
    // article's CPU. Only worth asking when there is annotation to save; a failed lookup
    // leaves the decision to the writer.
    if let (Some(store), Some(_)) = (stored, &ctx.pipeline) {
        let published_at =
            attache_store::published_at(article.published.as_deref(), page.date.as_deref());
        match already_stored(store, &fingerprint, published_at) {
            Ok(true) => return Outcome::AlreadyStored { fetched },
            Ok(false) => {}
            Err(e) => tracing::debug!(error = %e, "cannot ask the store; annotating"),
        }
    }
    let mut doc = Document::new(page.origin.clone(), article);
    // An undated article's events take the day it was first seen: fetched, else now.
    doc.first_seen = page
        .date
        .clone()
        .or_else(|| Some(attache_store::now_rfc3339()));
    annotate_within(&mut doc, ctx.pipeline.as_deref(), &ctx.budget);
    let features = StoryFeatures::of(&doc);
    Outcome::Article(Box::new(Processed {
        doc,
        fingerprint,
        features,
        fetched_url: page.url,
        fetched_at: page.date,
        fetched_now,
    }))
}

/// The HTTP header's charset outranks the page's own `<meta charset>` (HTML spec), but
/// extraction only sees bytes: transcode to UTF-8 and mark it with a BOM, which outranks both.
fn honour_http_charset<'a>(
    body: &'a [u8],
    content_type: Option<&str>,
) -> std::borrow::Cow<'a, [u8]> {
    let label = content_type.and_then(|ct| {
        ct.split(';')
            .filter_map(|p| p.trim().split_once('='))
            .find(|(k, _)| k.trim().eq_ignore_ascii_case("charset"))
            .map(|(_, v)| v.trim().trim_matches('"').to_string())
    });
    let Some(encoding) = label.and_then(|l| encoding_rs::Encoding::for_label(l.as_bytes())) else {
        return body.into();
    };
    let has_bom = body.starts_with(b"\xEF\xBB\xBF")
        || body.starts_with(b"\xFF\xFE")
        || body.starts_with(b"\xFE\xFF");
    if has_bom || encoding == encoding_rs::UTF_16LE || encoding == encoding_rs::UTF_16BE {
        return body.into();
    }
    let (text, _) = encoding.decode_without_bom_handling(body);
    let mut out = Vec::with_capacity(text.len() + 3);
    out.extend_from_slice(b"\xEF\xBB\xBF");
    out.extend_from_slice(text.as_bytes());
    out.into()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pipeline() -> Pipeline {
        match crate::cmd::ingest::pipeline() {
            Ok(p) => p,
            Err(e) => panic!("the pipeline does not load: {e:#}"),
        }
    }

    fn doc(text: &str) -> Document {
        Document::new(
            "t",
            attache_model::Article {
                text: text.into(),
                ..Default::default()
            },
        )
    }

    #[test]
    fn a_text_over_the_budget_is_stored_as_extracted_with_a_named_warning() {
        let budget = Budget {
            max_text_bytes: 100,
            ..Budget::default()
        };
        let mut d = doc(&"Pakistan warned Afghanistan on Monday.\n\n".repeat(10));
        annotate_within(&mut d, Some(&pipeline()), &budget);
        assert!(d.mentions.is_empty() && d.events.is_empty() && d.sentences.is_empty());
        assert_eq!(d.warnings.len(), 1);
        assert!(
            d.warnings[0].starts_with(WARN_TEXT_OVER_BUDGET),
            "{:?}",
            d.warnings
        );
        assert!(d.warnings[0].contains("400 bytes"), "{:?}", d.warnings);
    }

    #[test]
    fn a_document_past_its_time_budget_is_stored_as_extracted_with_a_named_warning() {
        let budget = Budget {
            max_time: Duration::ZERO,
            ..Budget::default()
        };
        let mut d = doc(&"Pakistan warned Afghanistan on Monday.\n\n".repeat(10));
        annotate_within(&mut d, Some(&pipeline()), &budget);
        assert!(d.mentions.is_empty() && d.events.is_empty() && d.sentences.is_empty());
        assert_eq!(d.warnings.len(), 1, "{:?}", d.warnings);
        assert!(
            d.warnings[0].starts_with(WARN_TIME_OVER_BUDGET),
            "{:?}",
            d.warnings
        );
        assert!(d.deadline.is_none());
    }

    #[test]
    fn a_document_within_budget_is_annotated() {
        let mut d = doc("Pakistan warned Afghanistan on Monday.");
        annotate_within(&mut d, Some(&pipeline()), &Budget::default());
        assert!(d.warnings.is_empty(), "{:?}", d.warnings);
        assert_eq!(d.events.len(), 1, "{:?}", d.events);
    }

    /// An undated news page at `url`, fetched at `date`.
    fn fetched_page(url: &str, date: &str) -> Work {
        let body = format!(
            "<html><head><title>Talks resume</title></head><body><article><h1>Talks resume</h1>{}\
             </article></body></html>",
            "<p>Pakistan warned Afghanistan on Monday about raids across the border, and \
             officials in Kabul said talks would resume within the week.</p>"
                .repeat(6)
        );
        Work::Page(Page {
            origin: format!("{url}#{date}"),
            url: Some(url.into()),
            date: Some(date.into()),
            content_type: Some("text/html".into()),
            body: body.into_bytes(),
        })
    }

    #[test]
    fn a_page_the_store_holds_from_no_later_a_fetch_is_not_annotated_again() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let db = dir.path().join("a.db").display().to_string();
        let ctx = WorkerContext {
            extract: attache_extract::Settings::default(),
            pipeline: Some(Arc::new(pipeline())),
            budget: Budget::default(),
        };
        let url = "https://lantern.example/talks";
        let store = attache_store::open(&db).unwrap_or_else(|e| panic!("{e}"));
        let first = process(
            fetched_page(url, "2025-10-10T10:00:00Z"),
            &ctx,
            None,
            Some(&*store),
        );
        assert!(matches!(first, Outcome::Article(_)), "{first:?}");
        let mut writer = super::super::writer::Writer::new(store).unwrap_or_else(|e| panic!("{e}"));
        writer.handle(first, None).unwrap_or_else(|e| panic!("{e}"));
        writer.commit().unwrap_or_else(|e| panic!("{e}"));
        let store = attache_store::open(&db).unwrap_or_else(|e| panic!("{e}"));
        let again = |date| process(fetched_page(url, date), &ctx, None, Some(&*store));
        // The same fetch again, and a later one: the writer would drop both.
        for date in ["2025-10-10T10:00:00Z", "2025-10-20T10:00:00Z"] {
            let outcome = again(date);
            assert!(
                matches!(outcome, Outcome::AlreadyStored { .. }),
                "{date}: {outcome:?}"
            );
        }
        // An earlier fetch replaces the stored one: annotated.
        let earlier = again("2025-10-01T10:00:00Z");
        assert!(matches!(earlier, Outcome::Article(_)), "{earlier:?}");
    }

    #[test]
    fn a_header_charset_becomes_utf8_with_a_bom() {
        let latin1 = b"<p>caf\xe9</p>";
        let out = honour_http_charset(latin1, Some("text/html; charset=ISO-8859-1"));
        assert_eq!(&out[..], "\u{feff}<p>café</p>".as_bytes());
        let untouched = honour_http_charset(latin1, Some("text/html"));
        assert_eq!(&untouched[..], latin1);
    }
}
