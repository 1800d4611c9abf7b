//! What identifies an article: its canonical URL, its text's hash, and a SimHash of its word
//! shingles that stays close when the text changes a little.

use attache_model::Article;

use super::hash::{hash64, hex128, Fnv128};

/// Words per shingle for SimHash. Three-word shingles keep word order (so two articles that
/// share a vocabulary but not sentences stay far apart) while one edited word disturbs only
/// three shingles.
pub const SHINGLE_WORDS: usize = 3;

/// Query parameters that only track the reader and never select content; dropped from
/// canonical URLs so `?utm_source=twitter` copies map to one article.
const TRACKING_PARAMS: &[&str] = &[
    "fbclid",
    "gclid",
    "dclid",
    "msclkid",
    "mc_cid",
    "mc_eid",
    "igshid",
    "ocid",
    "cmpid",
    "smid",
    "ito",
    "ref",
    "ref_src",
    "src",
    "_ga",
    "yclid",
    "twclid",
    "s_cid",
    "at_medium",
    "at_campaign",
    "CMP",
];

/// Everything dedupe and the store need to know about an article's identity.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fingerprint {
    /// Deterministic article id: from the canonical URL when there is one, else from the text.
    pub id: String,
    /// The normalised URL the id came from.
    pub canonical_url: Option<String>,
    /// Hash of the normalised text (lower case, words only): equal means the same text.
    pub content_hash: String,
    /// SimHash of the text's word shingles.
    pub simhash: u64,
    /// Number of words in the text (near-duplicate search skips very short texts).
    pub words: usize,
}

impl Fingerprint {
    /// Fingerprint an article. `fallback_url` (where the bytes were fetched from) is used when
    /// the page names no URL of its own.
    pub fn of(article: &Article, fallback_url: Option<&str>) -> Fingerprint {
        let canonical_url = article
            .url
            .as_deref()
            .and_then(canonical_url)
            .or_else(|| fallback_url.and_then(canonical_url));
        // One pass over the words, without collecting them: the normalised text streams into
        // the content hash, and each shingle is hashed from its words' hashes.
        let mut content = Fnv128::new();
        let mut votes = [0i32; 64];
        let mut window = [0u64; SHINGLE_WORDS];
        let mut words = 0usize;
        let mut lower = String::new();
        for word in text_words(&article.text) {
            lower.clear();
            if word.is_ascii() {
                lower.push_str(word);
                lower.make_ascii_lowercase();
            } else {
                lower.extend(word.chars().flat_map(char::to_lowercase));
            }
            if words > 0 {
                content.write(b" ");
            }
            content.write(lower.as_bytes());
            window.rotate_left(1);
            window[SHINGLE_WORDS - 1] = hash64(lower.as_bytes());
            words += 1;
            if words >= SHINGLE_WORDS {
                vote(&mut votes, shingle_hash(&window));
            }
        }
        if words < SHINGLE_WORDS {
            // Too short for one shingle: each word votes.
            for h in &window[SHINGLE_WORDS - words..] {
                vote(&mut votes, *h);
            }
        }
        let content_hash = format!("{:032x}", content.finish());
        let id = match &canonical_url {
            Some(url) => hex128(format!("url:{url}").as_bytes()),
            None => hex128(format!("text:{content_hash}").as_bytes()),
        };
        Fingerprint {
            id,
            canonical_url,
            content_hash,
            simhash: from_votes(&votes),
            words,
        }
    }
}

/// The words of a text: maximal runs of alphanumeric characters.
fn text_words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
}

/// The vote (+1 for a set bit, -1 for a clear one) of each bit of every byte value, so a hash
/// votes eight bits at a time with a table lookup and eight adds (the bit-by-bit loop was most
/// of the fingerprint's time).
static BYTE_VOTES: [[i32; 8]; 256] = byte_votes();

const fn byte_votes() -> [[i32; 8]; 256] {
    let mut table = [[0i32; 8]; 256];
    let mut byte = 0;
    while byte < 256 {
        let mut bit = 0;
        while bit < 8 {
            table[byte][bit] = if (byte >> bit) & 1 == 1 { 1 } else { -1 };
            bit += 1;
        }
        byte += 1;
    }
    table
}

fn vote(votes: &mut [i32; 64], h: u64) {
    for (k, chunk) in votes.chunks_exact_mut(8).enumerate() {
        let byte = (h >> (8 * k)) as u8;
        for (v, d) in chunk.iter_mut().zip(&BYTE_VOTES[usize::from(byte)]) {
            *v += d;
        }
    }
}

fn from_votes(votes: &[i32; 64]) -> u64 {
    votes.iter().enumerate().fold(
        0u64,
        |acc, (bit, &v)| if v > 0 { acc | 1 << bit } else { acc },
    )
}

/// Hash of a shingle from its words' hashes (order matters).
fn shingle_hash(window: &[u64; SHINGLE_WORDS]) -> u64 {
    let mut bytes = [0u8; 8 * SHINGLE_WORDS];
    for (i, h) in window.iter().enumerate() {
        bytes[i * 8..i * 8 + 8].copy_from_slice(&h.to_le_bytes());
    }
    hash64(&bytes)
}

/// The words of a text, lower-cased, punctuation dropped.
pub fn words(text: &str) -> Vec<String> {
    text_words(text).map(str::to_lowercase).collect()
}

/// 64-bit SimHash (Charikar 2002) of the word shingles: each shingle's hash votes on every bit;
/// similar texts get hashes a few bits apart. Same result as [`Fingerprint::of`] computes.
pub fn simhash(words: &[String]) -> u64 {
    let mut votes = [0i32; 64];
    let hashes: Vec<u64> = words.iter().map(|w| hash64(w.as_bytes())).collect();
    if hashes.len() < SHINGLE_WORDS {
        hashes.iter().for_each(|h| vote(&mut votes, *h));
    } else {
        for w in hashes.windows(SHINGLE_WORDS) {
            let mut window = [0u64; SHINGLE_WORDS];
            window.copy_from_slice(w);
            vote(&mut votes, shingle_hash(&window));
        }
    }
    from_votes(&votes)
}

/// Normalise a URL so that the copies of one page map to one string: scheme and `www.` dropped,
/// host lower-cased, default ports, fragments, tracking parameters (`utm_*`, `fbclid`...) and
/// a trailing slash removed, remaining parameters sorted. `None` for anything that is not an
/// http(s) URL with a host.
pub fn canonical_url(url: &str) -> Option<String> {
    let url = url.trim();
    let lower = url
        .get(..8)
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    let rest = if lower.starts_with("https://") {
        &url[8..]
    } else if lower.starts_with("http://") {
        &url[7..]
    } else {
        return None;
    };
    let rest = rest.split('#').next().unwrap_or("");
    let (authority, path_query) = match rest.find(['/', '?']) {
        Some(i) => (&rest[..i], &rest[i..]),
        None => (rest, ""),
    };
    // Drop user info; lower-case the host; drop default ports and `www.`.
    let host_port = authority
        .rsplit('@')
        .next()
        .unwrap_or("")
        .to_ascii_lowercase();
    let host_port = host_port
        .strip_suffix(":80")
        .or_else(|| host_port.strip_suffix(":443"))
        .unwrap_or(&host_port);
    let host = host_port.strip_prefix("www.").unwrap_or(host_port);
    let host = host.trim_end_matches('.');
    if host.is_empty() || host.contains(char::is_whitespace) {
        return None;
    }
    let (path, query) = match path_query.split_once('?') {
        Some((p, q)) => (p, q),
        None => (path_query, ""),
    };
    let path = path.trim_end_matches('/');
    let mut params: Vec<&str> = query
        .split('&')
        .filter(|p| !p.is_empty())
        .filter(|p| {
            let name = p.split('=').next().unwrap_or("");
            !name.to_ascii_lowercase().starts_with("utm_")
                && !TRACKING_PARAMS.iter().any(|t| t.eq_ignore_ascii_case(name))
        })
        .collect();
    params.sort_unstable();
    let mut out = format!("{host}{path}");
    if !params.is_empty() {
        out.push('?');
        out.push_str(&params.join("&"));
    }
    Some(out)
}

/// The outlet of a URL: its host without `www.` (used when the page names no site).
pub fn host_of(url: &str) -> Option<String> {
    canonical_url(url).and_then(|c| c.split(['/', '?', ':']).next().map(str::to_string))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_byte_table_votes_like_one_bit_at_a_time() {
        for h in [0u64, u64::MAX, 0x8000_0000_0000_0001, 0x0123_4567_89ab_cdef] {
            let mut fast = [0i32; 64];
            vote(&mut fast, h);
            vote(&mut fast, h.rotate_left(7));
            let mut slow = [0i32; 64];
            for x in [h, h.rotate_left(7)] {
                for (bit, v) in slow.iter_mut().enumerate() {
                    *v += if x >> bit & 1 == 1 { 1 } else { -1 };
                }
            }
            assert_eq!(fast, slow, "{h:x}");
        }
    }

    #[test]
    fn tracking_parameters_fragments_and_scheme_do_not_change_the_canonical_url() {
        let a = canonical_url("https://www.Example.org/news/2025/talks/?utm_source=x&id=7#top");
        let b = canonical_url("http://example.org:80/news/2025/talks?id=7&fbclid=abc");
        assert_eq!(a.as_deref(), Some("example.org/news/2025/talks?id=7"));
        assert_eq!(a, b);
        assert_eq!(canonical_url("ftp://example.org/x"), None);
        assert_eq!(canonical_url("https:///nohost"), None);
        assert_eq!(
            host_of("https://www.dawn.com/news/1").as_deref(),
            Some("dawn.com")
        );
    }

    #[test]
    fn the_id_comes_from_the_url_when_there_is_one_else_from_the_text() {
        let mut art = Article {
            text: "Some words of an article.".into(),
            ..Article::default()
        };
        let by_text = Fingerprint::of(&art, None);
        art.url = Some("https://example.org/a?utm_medium=rss".into());
        let by_url = Fingerprint::of(&art, None);
        let fetched = Fingerprint::of(
            &Article {
                url: None,
                ..art.clone()
            },
            Some("https://example.org/a"),
        );
        assert_ne!(by_text.id, by_url.id);
        assert_eq!(by_url.id, fetched.id);
        assert_eq!(by_text.content_hash, by_url.content_hash);
        assert_eq!(by_url.id.len(), 32);
    }

    #[test]
    fn punctuation_and_case_do_not_change_the_content_hash() {
        let a = Fingerprint::of(
            &Article {
                text: "Talks resumed, officials said.".into(),
                ..Article::default()
            },
            None,
        );
        let b = Fingerprint::of(
            &Article {
                text: "talks  resumed officials SAID".into(),
                ..Article::default()
            },
            None,
        );
        assert_eq!(a.content_hash, b.content_hash);
    }

    #[test]
    fn the_streaming_fingerprint_matches_the_word_list_functions() {
        let text = "Talks resumed in Doha on Tuesday, officials said; the army's envoy left early.";
        let fp = Fingerprint::of(
            &Article {
                text: text.into(),
                ..Article::default()
            },
            None,
        );
        let w = words(text);
        assert_eq!(fp.simhash, simhash(&w));
        assert_eq!(fp.content_hash, hex128(w.join(" ").as_bytes()));
        assert_eq!(fp.words, w.len());
    }

    #[test]
    fn a_small_edit_moves_the_simhash_a_few_bits_and_another_text_moves_it_far() {
        let base: Vec<String> = (0..400)
            .map(|i| format!("w{}", i % 97 * 7 + i / 97))
            .collect();
        let mut edited = base.clone();
        edited[200] = "changed".into();
        edited[10] = "another".into();
        let other: Vec<String> = (0..400).map(|i| format!("x{i}")).collect();
        let near = (simhash(&base) ^ simhash(&edited)).count_ones();
        let far = (simhash(&base) ^ simhash(&other)).count_ones();
        assert!(near <= 6, "near copy is {near} bits away");
        assert!(far >= 16, "unrelated text is only {far} bits away");
    }
}
