//! Where ingested pages come from: files and folders (HTML, text, `.gz`), WARC archives, RSS
//! and Atom feeds, XML sitemaps, URL lists, and URLs fetched politely over HTTP.
//!
//! [`resolve`] turns the command line's sources into URLs and files (folders walked once);
//! [`read_sources`] reads them in order and emits [`Item`]s: pages ready to extract,
//! URLs for a worker to fetch, and skipped records with the reason (counted in the run
//! report). Bad inputs never stop the walk. Each item of a file carries a progress mark so the
//! writer can record, in the same transaction as the data, how far the file is ingested; a
//! re-run skips what is already committed.

pub mod feeds;
pub mod http;
pub mod robots;
pub mod warc;

use std::fs::File;
use std::io::Read;
use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use attache_store::Bookkeeping;

use crate::inputs::{self, Input};
use feeds::ListKind;
use http::Fetcher;
use warc::{WarcItem, WarcResponse};

/// Deepest chain of sitemap indexes followed.
const MAX_SITEMAP_DEPTH: usize = 3;

/// Bytes sniffed to tell a WARC, a feed, a sitemap or a URL list from a page.
const SNIFF_BYTES: usize = 256 * 1024;

/// A page to extract.
#[derive(Debug, Clone, Default)]
pub struct Page {
    /// Where it came from (`path`, `path#record`, or the URL).
    pub origin: String,
    /// The URL it was fetched from, when known.
    pub url: Option<String>,
    /// When it was fetched or published, per the source (WARC-Date, feed date).
    pub date: Option<String>,
    /// Content-Type, when the source gives one (its charset is honoured).
    pub content_type: Option<String>,
    /// The bytes.
    pub body: Vec<u8>,
}

/// What a worker has to do with one item.
#[derive(Debug)]
pub enum Work {
    /// Extract this page.
    Page(Page),
    /// Fetch this URL, then extract it.
    Fetch {
        /// Where the URL was listed.
        origin: String,
        /// The URL.
        url: String,
        /// The date the list gave.
        date: Option<String>,
    },
    /// The input could not be read or used: counted under `kind` in the run report's errors,
    /// named with `reason` on stderr, in the report and in the store's run record, and never
    /// marked done, so the next run tries it again.
    Fail {
        /// Where (`path`, `path#record`, or the URL).
        origin: String,
        /// Report key (`unreadable_input`, `warc_truncated_record`, `fetch_timeout`...).
        kind: &'static str,
        /// What was wrong, for a person.
        reason: String,
    },
    /// Nothing to extract, and nothing wrong; counted under `reason`.
    Skip {
        /// Where.
        origin: String,
        /// Report key (`not_html`, `warc_truncated_record`...).
        reason: &'static str,
        /// Details for the log.
        detail: Option<String>,
    },
}

/// One item and its progress mark: after it, `mark.1` records of source `mark.0` are done.
#[derive(Debug)]
pub struct Item {
    /// The work.
    pub work: Work,
    /// Progress mark for checkpoints.
    pub mark: Option<(Arc<str>, u64)>,
}

/// How sources are read.
#[derive(Debug, Clone)]
pub struct ReadSettings {
    /// Largest page or record.
    pub max_bytes: usize,
    /// Ignore checkpoints and fetched-URL memory: read everything again.
    pub reprocess: bool,
    /// Bytes of local files read so far (files skipped as already ingested count whole), for
    /// the progress bar's ETA against [`input_bytes`].
    pub bytes_read: Arc<AtomicU64>,
}

/// One source of an ingest, resolved: a URL to fetch, or one file (or unreadable path) that a
/// path on the command line names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// An `http://` or `https://` URL: a page, a feed, a sitemap or a URL list.
    Url(String),
    /// A file of a path given, or a path that could not be read.
    Input(Input),
}

/// The command line's sources in order, folders walked into their files. Done once per run:
/// the progress bar's total ([`input_bytes`]) and the reader ([`read_sources`]) both use it.
pub fn resolve(sources: &[String]) -> Vec<Source> {
    let mut out = Vec::new();
    for source in sources {
        if source.starts_with("http://") || source.starts_with("https://") {
            out.push(Source::Url(source.clone()));
        } else {
            out.extend(
                inputs::list(&[source.into()])
                    .into_iter()
                    .map(Source::Input),
            );
        }
    }
    out
}

/// The checkpoint key of a file: its absolute path, size and modification time, so a file
/// replaced by another of the same name starts again from its first record.
fn file_key(path: &Path, meta: Option<&std::fs::Metadata>) -> String {
    match meta {
        Some(m) => {
            let mtime = m
                .modified()
                .ok()
                .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
                .map_or(0, |d| d.as_secs());
            let abs = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
            format!("file:{}:{}:{mtime}", abs.display(), m.len())
        }
        None => format!("file:{}", path.display()),
    }
}

/// How many records of a command-line source are committed, summed over its files (URLs
/// count nothing here: their pages are remembered per URL, not counted).
pub fn committed(source: &str, store: &dyn Bookkeeping) -> u64 {
    resolve(&[source.to_string()])
        .iter()
        .filter_map(|s| match s {
            Source::Input(Input::File(path)) => {
                let key = file_key(path, std::fs::metadata(path).ok().as_ref());
                store.checkpoint(&key).ok().flatten()
            }
            _ => None,
        })
        .sum()
}

/// Total size in bytes of the local files among the sources, or `None` when a source is a
/// URL: its size is not known before it is fetched. Pages listed by feeds, sitemaps and URL
/// lists are fetched on top of their list's bytes, so the ETA of such runs only covers reading
/// the lists.
pub fn input_bytes(sources: &[Source]) -> Option<u64> {
    let mut total = 0u64;
    for source in sources {
        match source {
            Source::Url(_) => return None,
            Source::Input(Input::File(path)) => {
                total += std::fs::metadata(path).map_or(0, |m| m.len());
            }
            Source::Input(_) => {}
        }
    }
    Some(total)
}

/// A reader that adds what it reads to a shared counter (WARC archives are read as streams).
struct Counted<R> {
    inner: R,
    count: Arc<AtomicU64>,
}

impl<R: Read> Read for Counted<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.count.fetch_add(n as u64, Ordering::Relaxed);
        Ok(n)
    }
}

/// Counts the reader keeps itself (the pipeline counts the rest).
#[derive(Debug, Default, Clone)]
pub struct ReadCounts {
    /// Records skipped because an earlier run committed them.
    pub already_done: u64,
    /// Sources given on the command line that could not be read at all.
    pub unreadable: u64,
}

/// Read every source in order, calling `emit` for each item; `emit` returns `false` to stop.
pub fn read_sources(
    sources: &[Source],
    settings: &ReadSettings,
    store: &dyn Bookkeeping,
    fetcher: Option<&Fetcher>,
    emit: &mut dyn FnMut(Item) -> bool,
) -> ReadCounts {
    let mut r = Reader {
        settings,
        store,
        fetcher,
        emit,
        counts: ReadCounts::default(),
        stopped: false,
    };
    for source in sources {
        if r.stopped {
            break;
        }
        match source {
            Source::Url(url) => r.url_source(url, 0),
            Source::Input(Input::File(path)) => r.file(path),
            Source::Input(Input::Unreadable(path, why)) => {
                r.counts.unreadable += 1;
                r.fail(
                    path.display().to_string(),
                    "unreadable_input",
                    why.clone(),
                    None,
                );
            }
            Source::Input(Input::Stdin) => {}
        }
    }
    r.counts
}

struct Reader<'a> {
    settings: &'a ReadSettings,
    store: &'a dyn Bookkeeping,
    fetcher: Option<&'a Fetcher>,
    emit: &'a mut dyn FnMut(Item) -> bool,
    counts: ReadCounts,
    stopped: bool,
}

impl Reader<'_> {
    fn send(&mut self, work: Work, mark: Option<(Arc<str>, u64)>) {
        if !self.stopped && !(self.emit)(Item { work, mark }) {
            self.stopped = true;
        }
    }

    fn skip(
        &mut self,
        origin: String,
        reason: &'static str,
        detail: Option<String>,
        mark: Option<(Arc<str>, u64)>,
    ) {
        self.send(
            Work::Skip {
                origin,
                reason,
                detail,
            },
            mark,
        );
    }

    fn fail(
        &mut self,
        origin: String,
        kind: &'static str,
        reason: String,
        mark: Option<(Arc<str>, u64)>,
    ) {
        self.send(
            Work::Fail {
                origin,
                kind,
                reason,
            },
            mark,
        );
    }

    /// Records of this source already committed by an earlier run.
    fn done_before(&self, key: &str) -> u64 {
        if self.settings.reprocess {
            return 0;
        }
        self.store.checkpoint(key).ok().flatten().unwrap_or(0)
    }

    fn file(&mut self, path: &Path) {
        let name = path.display().to_string();
        let meta = std::fs::metadata(path);
        let key: Arc<str> = file_key(path, meta.as_ref().ok()).into();
        let head = match sniff_head(path) {
            Ok(h) => h,
            Err(e) => {
                self.counts.unreadable += 1;
                return self.fail(name, "unreadable_input", e, None);
            }
        };
        let done = self.done_before(&key);
        if head.starts_with(b"WARC/") {
            return self.warc(path, &name, key, done);
        }
        // A page or list file is read whole: count it at once.
        let size = meta.as_ref().map_or(0, |m| m.len());
        self.settings.bytes_read.fetch_add(size, Ordering::Relaxed);
        if done > 0 {
            self.counts.already_done += 1;
            return;
        }
        let mark = Some((key, 1));
        let bytes = match Input::File(path.to_path_buf()).read(self.settings.max_bytes) {
            Ok(b) => b,
            Err(e) => {
                let msg = format!("{e:#}");
                let kind = if msg.contains("size cap") {
                    "oversized"
                } else {
                    "unreadable_input"
                };
                return self.fail(name, kind, msg, mark);
            }
        };
        match feeds::sniff(&bytes) {
            Some(kind) => self.link_list(&name, kind, &bytes, 0, mark),
            None => self.send(
                Work::Page(Page {
                    origin: name,
                    body: bytes,
                    ..Page::default()
                }),
                mark,
            ),
        }
    }

    fn warc(&mut self, path: &Path, name: &str, key: Arc<str>, done: u64) {
        let file = match File::open(path) {
            Ok(f) => f,
            Err(e) => {
                self.counts.unreadable += 1;
                return self.fail(
                    name.to_string(),
                    "unreadable_input",
                    format!("cannot open: {e}"),
                    None,
                );
            }
        };
        let mut index: u64 = 0;
        let max = self.settings.max_bytes;
        let mut items: Vec<(Work, u64)> = Vec::new();
        // The WARC reader calls back; items are forwarded one at a time so memory stays at one
        // record (plus the pipeline's bounded queue).
        let file = Counted {
            inner: file,
            count: self.settings.bytes_read.clone(),
        };
        let result = warc::read_warc(file, max, &mut |item| {
            index += 1;
            if index <= done {
                self.counts.already_done += 1;
                return true;
            }
            let origin = format!("{name}#{index}");
            let work = match item {
                WarcItem::Response(resp) => response_work(origin, resp, max),
                WarcItem::Other { kind } => Work::Skip {
                    origin,
                    reason: "warc_not_response",
                    detail: Some(kind),
                },
                WarcItem::Bad { reason } => Work::Fail {
                    origin,
                    kind: reason.name(),
                    reason: describe_warc_problem(reason, max).to_string(),
                },
            };
            items.push((work, index));
            for (work, i) in items.drain(..) {
                if self.stopped
                    || !(self.emit)(Item {
                        work,
                        mark: Some((key.clone(), i)),
                    })
                {
                    self.stopped = true;
                }
            }
            !self.stopped
        });
        if let Err(e) = result {
            self.fail(
                name.to_string(),
                "unreadable_input",
                format!("read error after record {index}: {e}"),
                None,
            );
        }
    }

    fn url_source(&mut self, url: &str, depth: usize) {
        let Some(fetcher) = self.fetcher else {
            return self.skip(url.to_string(), "fetch_disabled", None, None);
        };
        match fetcher.fetch(url) {
            Ok(f) => match feeds::sniff(&f.body) {
                Some(kind) => self.link_list(url, kind, &f.body, depth, None),
                None => self.send(
                    Work::Page(Page {
                        origin: url.to_string(),
                        url: Some(f.url),
                        date: None,
                        content_type: f.content_type,
                        body: f.body,
                    }),
                    None,
                ),
            },
            Err(e) => self.fail(url.to_string(), e.kind(), e.to_string(), None),
        }
    }

    fn link_list(
        &mut self,
        origin: &str,
        kind: ListKind,
        bytes: &[u8],
        depth: usize,
        mark: Option<(Arc<str>, u64)>,
    ) {
        let feeds::Listed { links, lost } = feeds::links(kind, bytes);
        // Each lost piece is counted and named; the intact links still go ahead.
        for what in lost {
            self.skip(origin.to_string(), "link_list_damage", Some(what), None);
        }
        if links.is_empty() {
            // A list with nothing intact is a failed input (named, retried on the next run).
            return self.fail(
                origin.to_string(),
                "bad_link_list",
                "no intact link".into(),
                mark,
            );
        }
        for link in links {
            if self.stopped {
                return;
            }
            if kind == ListKind::SitemapIndex {
                if depth < MAX_SITEMAP_DEPTH {
                    self.url_source(&link.url, depth + 1);
                }
                continue;
            }
            if !self.settings.reprocess && self.store.was_fetched(&link.url).unwrap_or(false) {
                self.counts.already_done += 1;
                continue;
            }
            // A link carries its list's key at record 0: fetched, it marks nothing; failed, it
            // keeps the list from being marked done, so the next run reads the list again
            // (and fetches only the links that failed: the others are remembered).
            let link_mark = mark.as_ref().map(|(key, _)| (key.clone(), 0));
            self.send(
                Work::Fetch {
                    origin: origin.to_string(),
                    url: link.url,
                    date: link.date,
                },
                link_mark,
            );
        }
        // The list itself is done once its links are queued.
        if let Some(mark) = mark {
            self.skip(origin.to_string(), "link_list", None, Some(mark));
        }
    }
}

/// Turn a WARC response into a page, or a skip with the reason.
fn response_work(origin: String, resp: WarcResponse, max: usize) -> Work {
    let skip = |reason, detail: Option<String>| Work::Skip {
        origin: origin.clone(),
        reason,
        detail,
    };
    let Some(http) = warc::parse_http(&resp.http) else {
        return Work::Fail {
            origin,
            kind: "warc_no_http_response",
            reason: "WARC response record holds no HTTP response".into(),
        };
    };
    if http.status != 200 {
        return skip("http_status", Some(format!("status {}", http.status)));
    }
    if !is_page_type(http.content_type.as_deref()) {
        return skip("not_html", http.content_type.clone());
    }
    let mut body = http.body.to_vec();
    if http.chunked {
        if let Some(b) = warc::dechunk(&body, max) {
            body = b;
        }
    }
    if let Some(enc) = &http.content_encoding {
        if enc == "gzip" || enc == "x-gzip" {
            let mut out = Vec::new();
            let decoded = flate2::read::MultiGzDecoder::new(&body[..])
                .take(max as u64 + 1)
                .read_to_end(&mut out);
            match decoded {
                Ok(n) if n <= max => body = out,
                Ok(_) => {
                    return Work::Fail {
                        origin,
                        kind: "oversized",
                        reason: format!(
                            "the decompressed page is over the size cap of {}",
                            mb(max)
                        ),
                    }
                }
                // Crawlers often store the decoded body under the original header.
                Err(_) => {}
            }
        }
    }
    Work::Page(Page {
        origin,
        url: resp.uri,
        date: resp.date,
        content_type: http.content_type,
        body,
    })
}

/// A size cap for a person: "20 MB", or bytes below one megabyte.
fn mb(bytes: usize) -> String {
    if bytes >= 1024 * 1024 {
        format!("{} MB (raise it with --max-mb)", bytes / (1024 * 1024))
    } else {
        format!("{bytes} bytes")
    }
}

/// What a damaged WARC record's problem means, for the failure named on stderr and in the
/// report (the report key is [`warc::WarcProblem::name`]).
fn describe_warc_problem(problem: warc::WarcProblem, max: usize) -> String {
    match problem {
        warc::WarcProblem::MalformedHeader => "malformed WARC record header".into(),
        warc::WarcProblem::Truncated => "WARC record ends before its Content-Length".into(),
        warc::WarcProblem::CorruptGzip => "corrupt gzip member in the archive".into(),
        warc::WarcProblem::Oversized => format!("WARC record over the size cap of {}", mb(max)),
    }
}

/// Content types that can hold an article: HTML, XHTML, plain text, or none given.
pub fn is_page_type(content_type: Option<&str>) -> bool {
    let Some(ct) = content_type else {
        return true;
    };
    let mime = ct
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    matches!(
        mime.as_str(),
        "" | "text/html" | "application/xhtml+xml" | "text/plain" | "application/xml" | "text/xml"
    )
}

/// The first bytes of a file, decompressed when it is gzip.
fn sniff_head(path: &Path) -> Result<Vec<u8>, String> {
    let mut file = File::open(path).map_err(|e| format!("cannot open: {e}"))?;
    let mut head = Vec::new();
    (&mut file)
        .take(SNIFF_BYTES as u64)
        .read_to_end(&mut head)
        .map_err(|e| format!("cannot read: {e}"))?;
    if head.starts_with(&[0x1f, 0x8b]) {
        let decode = |from: usize| {
            let mut out = Vec::new();
            // A damaged gzip still yields what decodes; the real read reports the damage.
            let _ = flate2::read::MultiGzDecoder::new(&head[from..])
                .take(SNIFF_BYTES as u64)
                .read_to_end(&mut out);
            out
        };
        let first = decode(0);
        if first.starts_with(b"WARC/") {
            return Ok(first);
        }
        // A `.warc.gz` whose first member is damaged is still a WARC: look for a later
        // member in the head that decodes to a WARC record (else the whole archive would be
        // taken for one gzipped page and every intact record lost).
        let later = memchr::memmem::find_iter(&head[1..], &[0x1f, 0x8b, 0x08])
            .take(MAX_SNIFFED_MEMBERS)
            .map(|i| decode(i + 1))
            .find(|out| out.starts_with(b"WARC/"));
        return Ok(later.unwrap_or(first));
    }
    Ok(head)
}

/// Most later gzip members tried when the first does not decode to a WARC record.
const MAX_SNIFFED_MEMBERS: usize = 16;

#[cfg(test)]
mod tests {
    use super::*;

    /// Issue 15: a `.warc.gz` whose first member is damaged was sniffed as one gzipped page.
    #[test]
    fn a_warc_gz_with_a_damaged_first_member_is_still_sniffed_as_warc() {
        use std::io::Write;
        let gz = |bytes: &[u8]| {
            let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
            let _ = e.write_all(bytes);
            e.finish().unwrap_or_default()
        };
        let record = |n: usize| {
            let payload = format!("HTTP/1.1 200 OK\r\n\r\n<p>page {n}</p>");
            format!(
                "WARC/1.0\r\nWARC-Type: response\r\nContent-Length: {}\r\n\r\n{payload}\r\n\r\n",
                payload.len()
            )
        };
        let mut first = gz(record(1).as_bytes());
        let mid = first.len() / 2;
        first[mid..mid + 4].copy_from_slice(b"\xff\xff\xff\xff");
        let mut all = first;
        all.extend(gz(record(2).as_bytes()));
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let path = dir.path().join("damaged.warc.gz");
        std::fs::write(&path, &all).unwrap_or_else(|e| panic!("{e}"));
        let head = sniff_head(&path).unwrap_or_default();
        assert!(
            head.starts_with(b"WARC/"),
            "{:?}",
            String::from_utf8_lossy(&head)
        );
    }

    #[test]
    fn every_byte_of_the_inputs_is_counted_for_the_progress_bar() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let html = b"<html><body><p>One short page.</p></body></html>";
        let http = [
            &b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n"[..],
            &html[..],
        ]
        .concat();
        let mut warc = format!(
            "WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: https://a.example/1\r\n\
             Content-Length: {}\r\n\r\n",
            http.len()
        )
        .into_bytes();
        warc.extend_from_slice(&http);
        warc.extend_from_slice(b"\r\n\r\n");
        let write = |name: &str, bytes: &[u8]| {
            std::fs::write(dir.path().join(name), bytes).unwrap_or_else(|e| panic!("{e}"))
        };
        write("a.warc", &warc);
        write("b.html", html);
        let sources = resolve(&[dir.path().display().to_string()]);
        let settings = ReadSettings {
            max_bytes: 1 << 20,
            reprocess: false,
            bytes_read: Arc::default(),
        };
        let store = attache_store::SqliteStore::in_memory().unwrap_or_else(|e| panic!("{e}"));
        let mut items = 0;
        read_sources(&sources, &settings, &store, None, &mut |_| {
            items += 1;
            true
        });
        assert_eq!(items, 2);
        let read = settings.bytes_read.load(Ordering::Relaxed);
        assert_eq!(Some(read), input_bytes(&sources));
        assert_eq!(read, (warc.len() + html.len()) as u64);
    }

    #[test]
    fn html_text_and_untyped_responses_are_pages_and_media_is_not() {
        assert!(is_page_type(Some("text/html; charset=windows-1252")));
        assert!(is_page_type(Some("application/xhtml+xml")));
        assert!(is_page_type(None));
        assert!(!is_page_type(Some("image/jpeg")));
        assert!(!is_page_type(Some("application/pdf")));
    }

    #[test]
    fn error_statuses_and_media_in_warc_are_skipped_with_reasons() {
        let resp = |http: &[u8]| WarcResponse {
            uri: Some("https://a.example/x".into()),
            date: None,
            http: http.to_vec(),
        };
        let reason = |w: Work| match w {
            Work::Skip { reason, .. } => reason,
            _ => "page",
        };
        assert_eq!(
            reason(response_work(
                "o".into(),
                resp(b"HTTP/1.1 404 Not Found\r\n\r\n"),
                100
            )),
            "http_status"
        );
        assert_eq!(
            reason(response_work(
                "o".into(),
                resp(b"HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n\r\n\x89PNG"),
                100
            )),
            "not_html"
        );
        assert_eq!(
            reason(response_work(
                "o".into(),
                resp(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<p>x</p>"),
                100
            )),
            "page"
        );
    }
}
