//! What a worker thread does with one item: fetch when needed, extract, annotate, fingerprint.
//! Pure per-document work, run in parallel; everything cross-document happens in the writer.

use std::sync::Arc;

use attache_events::cluster::{host_of, Fingerprint, StoryFeatures};
use attache_model::{Annotator, Document, Extraction};

use crate::sources::http::Fetcher;
use crate::sources::{is_page_type, Page, Work};

/// The result of one item.
#[derive(Debug)]
pub enum Outcome {
    /// An article, annotated and fingerprinted.
    Article(Box<Processed>),
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
    /// Annotation stages, in order (checked once when assembled).
    pub annotators: Arc<Vec<Box<dyn Annotator>>>,
}

/// Handle one item.
pub fn process(work: Work, ctx: &WorkerContext, fetcher: Option<&Fetcher>) -> Outcome {
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
    let mut doc = Document::new(page.origin.clone(), article);
    // An undated article's events take the day it was first seen: fetched, else now.
    doc.first_seen = page
        .date
        .clone()
        .or_else(|| Some(attache_store::now_rfc3339()));
    for stage in ctx.annotators.iter() {
        if let Err(e) = stage.annotate(&mut doc) {
            // One stage failing on one document is an oddity of that document, not a reason
            // to lose the article: keep what earlier stages found.
            doc.warnings.push(e.to_string());
        }
    }
    let fingerprint = Fingerprint::of(&doc.article, page.url.as_deref());
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

    #[test]
    fn a_header_charset_becomes_utf8_with_a_bom() {
        let latin1 = b"<p>caf\xe9</p>";
        let out = honour_http_charset(latin1, Some("text/html; charset=ISO-8859-1"));
        assert_eq!(&out[..], "\u{feff}<p>café</p>".as_bytes());
        let untouched = honour_http_charset(latin1, Some("text/html"));
        assert_eq!(&untouched[..], latin1);
    }
}
