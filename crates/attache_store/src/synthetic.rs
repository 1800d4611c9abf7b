//! Synthetic stores for benchmarks and load tests: seeded articles with events, mentions and
//! sentences, written through the store's own [`StoreWrite`] API.
//!
//! One generator serves the store's query benchmark (`benches/dyad_query.rs`) and the serve
//! load benchmark's seed (`attache/examples/serve_seed.rs`), so both measure the same kind of
//! store. Articles carry [`Settings::events_per_article`] events between actors drawn from
//! thirty countries (Zipf-like popularity, so a few dyads are very busy, as in real news) and
//! five sectors, on days spread over [`Settings::days`], with CAMEO codes coded by the caller's
//! coder ([`table_coding`] when the caller has no ontology at hand). The same settings give the
//! same store.
//!
//! ```
//! use attache_store::{synthetic, SqliteStore};
//! let mut store = SqliteStore::in_memory()?;
//! let settings = synthetic::Settings { events: 50, ..synthetic::Settings::default() };
//! let written = synthetic::fill(&mut store, &settings, &synthetic::table_coding, &mut |_| {})?;
//! assert_eq!(written, 50);
//! # Ok::<(), attache_store::StoreError>(())
//! ```

use attache_model::{
    ActorKind, Article, CameoCoding, Document, Event, EventActor, Evidence, Mention, Modality,
    PloverCategory, PloverCoding, QuadClass, Sentence, Span,
};

use crate::{format_day, Batch, DocumentRecord, Provenance, StoreError, StoreWrite};

/// How a synthetic store is made.
#[derive(Debug, Clone)]
pub struct Settings {
    /// Events to write.
    pub events: usize,
    /// Events coded from each article (the last article may hold fewer).
    pub events_per_article: usize,
    /// First day of the period (days since 1970-01-01).
    pub first_day: i32,
    /// Length of the period in days.
    pub days: u32,
    /// One event in this many is between Pakistan and Afghanistan, on top of what the
    /// popularity draw gives them (0: none), so a benchmark can query one very heavy dyad.
    pub hot_pair_every: usize,
    /// Articles per transaction in [`fill`].
    pub batch_articles: usize,
    /// Seed of the generator.
    pub seed: u64,
    /// Number of the first article (article ids and URLs count up from it), so a second
    /// generator can add new articles to a store the first one filled.
    pub first_article: usize,
}

impl Default for Settings {
    fn default() -> Settings {
        Settings {
            events: 1_000_000,
            events_per_article: 5,
            first_day: 19_723, // 2024-01-01
            days: 730,
            hot_pair_every: 0,
            batch_articles: 2000,
            seed: 0x5EED_A77A_C4E0_0001,
            first_article: 0,
        }
    }
}

/// A CAMEO code's coding, as an ontology gives it.
pub type Coding = (CameoCoding, Option<PloverCoding>);

/// Country codes and names, most popular first.
const COUNTRIES: [(&str, &str); 30] = [
    ("PAK", "Pakistan"),
    ("AFG", "Afghanistan"),
    ("IND", "India"),
    ("IRN", "Iran"),
    ("CHN", "China"),
    ("USA", "United States"),
    ("RUS", "Russia"),
    ("UKR", "Ukraine"),
    ("ISR", "Israel"),
    ("PSE", "Palestine"),
    ("TUR", "Turkey"),
    ("QAT", "Qatar"),
    ("EGY", "Egypt"),
    ("SDN", "Sudan"),
    ("SYR", "Syria"),
    ("IRQ", "Iraq"),
    ("SAU", "Saudi Arabia"),
    ("YEM", "Yemen"),
    ("ETH", "Ethiopia"),
    ("SOM", "Somalia"),
    ("KEN", "Kenya"),
    ("NGA", "Nigeria"),
    ("MLI", "Mali"),
    ("FRA", "France"),
    ("GBR", "United Kingdom"),
    ("DEU", "Germany"),
    ("JPN", "Japan"),
    ("KOR", "South Korea"),
    ("PRK", "North Korea"),
    ("TWN", "Taiwan"),
];

const SECTORS: [(&str, &str); 5] = [
    ("", ""),
    ("GOV", " government"),
    ("MIL", " army"),
    ("COP", " police"),
    ("REB", " rebels"),
];

/// The CAMEO codes drawn, with their PLOVER category (CAMEO→PLOVER table) and Goldstein
/// value (`data/ontology/`), for [`table_coding`].
const CAMEO: [(&str, Option<PloverCategory>, f32); 20] = [
    ("010", None, 0.0),
    ("020", Some(PloverCategory::Request), 3.0),
    ("036", Some(PloverCategory::Agree), 4.0),
    ("040", Some(PloverCategory::Consult), 1.0),
    ("042", Some(PloverCategory::Consult), 1.9),
    ("051", Some(PloverCategory::Support), 3.4),
    ("057", Some(PloverCategory::Support), 8.0),
    ("061", Some(PloverCategory::Cooperate), 6.4),
    ("070", Some(PloverCategory::Aid), 7.0),
    ("0871", Some(PloverCategory::Retreat), 9.0),
    ("100", Some(PloverCategory::Request), -5.0),
    ("112", Some(PloverCategory::Accuse), -2.0),
    ("120", Some(PloverCategory::Reject), -4.0),
    ("130", Some(PloverCategory::Threaten), -4.4),
    ("138", Some(PloverCategory::Threaten), -7.0),
    ("141", Some(PloverCategory::Protest), -6.5),
    ("163", Some(PloverCategory::Coerce), -8.0),
    ("173", Some(PloverCategory::Coerce), -5.0),
    ("190", Some(PloverCategory::Assault), -10.0),
    ("194", Some(PloverCategory::Assault), -10.0),
];

/// A coding from the generator's own table: PLOVER category and Goldstein value of the code,
/// the Goldstein value standing in for PLOVER intensity. Callers with the real ontology
/// (`attache_events::Ontology::coding_for_cameo`) pass that instead.
pub fn table_coding(code: &str) -> Coding {
    let known = CAMEO.iter().find(|(c, _, _)| *c == code);
    let goldstein = known.map(|k| k.2);
    let cameo = CameoCoding {
        code: code.to_string(),
        goldstein,
        quad_class: QuadClass::of_cameo(code),
    };
    let plover = known.and_then(|k| k.1).map(|category| PloverCoding {
        category,
        mode: None,
        contexts: vec![],
        intensity: goldstein.unwrap_or(0.0),
    });
    (cameo, plover)
}

/// SplitMix64: small, fast, seeded.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }

    /// An index into `cumulative` (running sums of weights) drawn by weight.
    fn weighted(&mut self, cumulative: &[f64]) -> usize {
        let total = cumulative.last().copied().unwrap_or(1.0);
        let r = (self.next() >> 11) as f64 / (1u64 << 53) as f64 * total;
        cumulative
            .partition_point(|&w| w < r)
            .min(cumulative.len().saturating_sub(1))
    }
}

/// Seeded synthetic articles, in order; an iterator of [`DocumentRecord`]s.
pub struct Generator<'a> {
    settings: Settings,
    coder: &'a dyn Fn(&str) -> Coding,
    rng: Rng,
    /// Running sums of 1/(rank+1) over [`COUNTRIES`].
    popularity: Vec<f64>,
    articles: usize,
    written: usize,
}

impl<'a> Generator<'a> {
    /// A generator of the articles `settings` describe, coded by `coder`.
    pub fn new(settings: &Settings, coder: &'a dyn Fn(&str) -> Coding) -> Generator<'a> {
        let popularity = (0..COUNTRIES.len())
            .scan(0.0, |acc, i| {
                *acc += 1.0 / (i as f64 + 1.0);
                Some(*acc)
            })
            .collect();
        Generator {
            settings: settings.clone(),
            coder,
            rng: Rng(settings.seed),
            popularity,
            articles: settings.first_article,
            written: 0,
        }
    }

    /// Code and name of one actor: a country by popularity (or the one given) and a sector.
    fn actor(&mut self, country: Option<usize>) -> (String, String) {
        let (code, name) =
            COUNTRIES[country.unwrap_or_else(|| self.rng.weighted(&self.popularity))];
        let (sector, suffix) = SECTORS[self.rng.below(SECTORS.len() as u64) as usize];
        (format!("{code}{sector}"), format!("{name}{suffix}"))
    }

    /// The next event's two actors.
    fn pair(&mut self) -> ((String, String), (String, String)) {
        let every = self.settings.hot_pair_every as u64;
        if every > 0 && self.rng.below(every) == 0 {
            // Pakistan and Afghanistan (ranks 0 and 1), either way round.
            let first = self.rng.below(2) as usize;
            return (self.actor(Some(first)), self.actor(Some(1 - first)));
        }
        let src = self.actor(None);
        let mut tgt = self.actor(None);
        if tgt.0.get(..3) == src.0.get(..3) {
            tgt = self.actor(None);
        }
        (src, tgt)
    }
}

impl Iterator for Generator<'_> {
    type Item = DocumentRecord;

    fn next(&mut self) -> Option<DocumentRecord> {
        let left = self.settings.events.saturating_sub(self.written);
        if left == 0 {
            return None;
        }
        let n = self.articles;
        self.articles += 1;
        let day = self.settings.first_day + self.rng.below(u64::from(self.settings.days)) as i32;
        let date = format_day(day);
        let mut doc = Document::new(format!("synthetic:{n}"), Article::default());
        let mut text = String::new();
        let mut keys = Vec::new();
        for _ in 0..self.settings.events_per_article.max(1).min(left) {
            let ((src, src_name), (tgt, tgt_name)) = self.pair();
            let code = CAMEO[self.rng.below(CAMEO.len() as u64) as usize].0;
            let (cameo, plover) = (self.coder)(code);
            let start = text.len();
            let verb = format!("acted ({code}) towards");
            text.push_str(&src_name);
            let verb_start = text.len() + 1;
            text.push(' ');
            text.push_str(&verb);
            text.push(' ');
            let tgt_start = text.len();
            text.push_str(&tgt_name);
            text.push_str(". ");
            let sentence = doc.sentences.len();
            doc.sentences.push(Sentence {
                span: Span::new(start, text.len() - 1),
            });
            let src_span = Span::new(start, start + src_name.len());
            let tgt_span = Span::new(tgt_start, tgt_start + tgt_name.len());
            for (span, code, name) in [(src_span, &src, &src_name), (tgt_span, &tgt, &tgt_name)] {
                doc.mentions.push(Mention {
                    span,
                    sentence,
                    kind: if code.len() == 3 {
                        ActorKind::Country
                    } else {
                        ActorKind::Government
                    },
                    code: code.clone(),
                    name: name.clone(),
                    why: "synthetic".into(),
                });
            }
            // The corroboration key the coder would give: country roots, type, asserted.
            keys.push(format!(
                "{}>{}:{}:asserted",
                src.get(..3).unwrap_or(""),
                tgt.get(..3).unwrap_or(""),
                plover.as_ref().map_or(code, |p| p.category.as_str())
            ));
            let actor = |code: String, name: String, span| EventActor {
                code,
                text: name.clone(),
                name,
                span,
            };
            doc.events.push(Event {
                id: format!("synthetic-{n}-{sentence}"),
                sentence,
                source: vec![actor(src, src_name, src_span)],
                target: vec![actor(tgt, tgt_name, tgt_span)],
                plover,
                cameo,
                modality: Modality::Asserted,
                date: Some(date.clone()),
                evidence: Evidence {
                    start: verb_start,
                    end: verb_start + verb.len(),
                    text: verb,
                },
                rule: "synthetic".into(),
                mentions: 1,
                ..Event::default()
            });
            self.written += 1;
        }
        let id = format!("{n:032x}");
        let site = format!("outlet{}.example", self.rng.below(40));
        doc.article = Article {
            url: Some(format!("https://{site}/{date}/{n}")),
            site: Some(site),
            title: Some(format!("Synthetic report {n}")),
            published: Some(date),
            language: Some("en".into()),
            text,
            ..Article::default()
        };
        Some(DocumentRecord {
            story_id: id.clone(),
            content_hash: id.clone(),
            id,
            document: doc,
            canonical_url: None,
            simhash: self.rng.next(),
            duplicate: None,
            event_keys: keys,
            story_terms: String::new(),
            provenance: Provenance {
                source: "synthetic".into(),
                ..Provenance::default()
            },
        })
    }
}

/// Write the synthetic store `settings` describe into `store`, [`Settings::batch_articles`]
/// per transaction, calling `progress` with the events written after each batch. Returns the
/// events written.
pub fn fill(
    store: &mut dyn StoreWrite,
    settings: &Settings,
    coder: &dyn Fn(&str) -> Coding,
    progress: &mut dyn FnMut(usize),
) -> Result<usize, StoreError> {
    let mut written = 0;
    let mut batch = Batch::default();
    let mut articles = Generator::new(settings, coder).peekable();
    while let Some(record) = articles.next() {
        written += record.document.events.len();
        batch.documents.push(record);
        if batch.documents.len() >= settings.batch_articles.max(1) || articles.peek().is_none() {
            store.put_batch(&std::mem::take(&mut batch))?;
            progress(written);
        }
    }
    Ok(written)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{ActorQuery, SqliteStore, StoreOverview};

    #[test]
    fn the_same_settings_give_the_same_articles() {
        let settings = Settings {
            events: 40,
            hot_pair_every: 3,
            ..Settings::default()
        };
        let ids = |s: &Settings| -> Vec<(String, String)> {
            Generator::new(s, &table_coding)
                .map(|r| (r.id, r.document.article.text))
                .collect()
        };
        assert_eq!(ids(&settings), ids(&settings));
        assert_eq!(ids(&settings).len(), 8);
    }

    #[test]
    fn evidence_and_mentions_point_at_their_words() {
        for record in Generator::new(&Settings::default(), &table_coding).take(20) {
            let text = &record.document.article.text;
            for e in &record.document.events {
                assert_eq!(
                    text.get(e.evidence.start..e.evidence.end),
                    Some(&*e.evidence.text)
                );
                for a in e.source.iter().chain(&e.target) {
                    assert_eq!(a.span.slice(text), Some(&*a.name));
                }
            }
        }
    }

    #[test]
    fn a_filled_store_holds_every_event_and_the_hot_pair_leads() {
        let mut store = SqliteStore::in_memory().unwrap_or_else(|e| panic!("{e}"));
        let settings = Settings {
            events: 600,
            events_per_article: 10,
            hot_pair_every: 3,
            batch_articles: 7,
            ..Settings::default()
        };
        let mut seen = Vec::new();
        let written = fill(&mut store, &settings, &table_coding, &mut |n| seen.push(n))
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(written, 600);
        assert_eq!(seen.last(), Some(&600));
        let top = store
            .actors(&ActorQuery::default())
            .unwrap_or_else(|e| panic!("{e}"));
        assert!(top
            .first()
            .is_some_and(|a| a.code.starts_with("PAK") || a.code.starts_with("AFG")));
    }
}
