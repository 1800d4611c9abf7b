//! What kind of thing a common noun names, learned from annotated text: how often GUM's
//! annotators typed a mention headed by the noun as a person, an organisation, a place or
//! something else (an abstract idea, an event, an object, a time ...).
//!
//! Event coding asks it whether a noun phrase no dictionary lists can be a party to an act
//! ("arresting 210 people", "asked the Legislature", "distributed masks to schoolchildren")
//! or is only what the act is about ("rejected these accusations", "banned firecrackers").
//!
//! The table is written by `attache train kinds --data ../shared/ud` into
//! `data/models/kinds.tsv` (a text file: the counts stay readable and every decision can be
//! traced to them) and embedded in the binary.

use std::collections::HashMap;
use std::sync::OnceLock;

/// The kind of thing a noun names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum NounKind {
    /// People, alone or as a group ("minister", "protesters", "girl").
    Person,
    /// Organisations ("government", "court", "company", "police").
    Organisation,
    /// Places ("country", "city", "border").
    Place,
    /// Ideas, events and times ("accusations", "policy", "meeting", "year").
    Abstract,
    /// Objects, substances, plants and animals ("transcript", "masks", "air").
    Concrete,
}

/// How often annotators gave each kind to mentions headed by one noun.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct KindCounts {
    /// Mentions typed as a person.
    pub person: u32,
    /// Mentions typed as an organisation.
    pub organisation: u32,
    /// Mentions typed as a place.
    pub place: u32,
    /// Mentions typed as an abstract idea, an event or a time.
    pub abstract_: u32,
    /// Mentions typed as an object, a substance, a plant or an animal.
    pub concrete: u32,
}

impl KindCounts {
    /// All mentions counted.
    pub fn total(&self) -> u32 {
        self.person + self.organisation + self.place + self.abstract_ + self.concrete
    }

    /// The most frequent kind (on a tie, person wins over organisation, then place, then
    /// concrete, then abstract).
    pub fn kind(&self) -> NounKind {
        let mut best = (NounKind::Abstract, self.abstract_);
        for (k, n) in [
            (NounKind::Concrete, self.concrete),
            (NounKind::Place, self.place),
            (NounKind::Organisation, self.organisation),
            (NounKind::Person, self.person),
        ] {
            if n >= best.1 {
                best = (k, n);
            }
        }
        best.0
    }

    /// Whether a mention headed by the noun is more often than not a person or an
    /// organisation: something that can act.
    pub fn can_act(&self) -> bool {
        let agents = self.person + self.organisation;
        agents > 0 && 2 * agents >= self.total()
    }
}

/// The table: lower-case noun (lemma and plural form) to its counts.
#[derive(Debug, Clone, Default)]
pub struct NounKinds {
    counts: HashMap<String, KindCounts>,
}

/// A line of the table file that does not read.
#[derive(Debug, thiserror::Error)]
#[error("{source_name}: line {line}: {problem}")]
pub struct KindsError {
    /// The file (or embedded table) read.
    pub source_name: String,
    /// 1-based line number.
    pub line: usize,
    /// What is wrong with it.
    pub problem: String,
}

const BUILTIN: &str = include_str!("../../../data/models/kinds.tsv");

impl NounKinds {
    /// The table committed in `data/models/kinds.tsv`.
    pub fn builtin() -> &'static NounKinds {
        static TABLE: OnceLock<NounKinds> = OnceLock::new();
        TABLE.get_or_init(|| {
            // The embedded file is checked by a test; a broken one would leave every noun
            // unknown rather than stop the program.
            NounKinds::parse(BUILTIN, "data/models/kinds.tsv").unwrap_or_default()
        })
    }

    /// Read a table: `#` comment lines, then
    /// `noun<TAB>person<TAB>organisation<TAB>place<TAB>abstract<TAB>concrete`.
    pub fn parse(text: &str, source_name: &str) -> Result<NounKinds, KindsError> {
        let mut counts = HashMap::new();
        for (i, line) in text.lines().enumerate() {
            let line = line.trim_end_matches('\r');
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let bad = |problem: String| KindsError {
                source_name: source_name.to_string(),
                line: i + 1,
                problem,
            };
            let fields: Vec<&str> = line.split('\t').collect();
            if fields.len() != 6 {
                return Err(bad(format!(
                    "expected 6 tab-separated fields (noun, person, organisation, place, abstract, concrete), found {}",
                    fields.len()
                )));
            }
            let n = |k: usize| {
                fields[k]
                    .parse::<u32>()
                    .map_err(|_| bad(format!("field {} is not a count: {:?}", k + 1, fields[k])))
            };
            let c = KindCounts {
                person: n(1)?,
                organisation: n(2)?,
                place: n(3)?,
                abstract_: n(4)?,
                concrete: n(5)?,
            };
            counts.insert(fields[0].to_string(), c);
        }
        Ok(NounKinds { counts })
    }

    /// Write the table in the form [`NounKinds::parse`] reads, nouns sorted, after `header`
    /// (each of its lines becomes a `#` comment).
    pub fn to_text(&self, header: &str) -> String {
        let mut out = String::new();
        for line in header.lines() {
            out.push_str("# ");
            out.push_str(line);
            out.push('\n');
        }
        let mut nouns: Vec<_> = self.counts.iter().collect();
        nouns.sort_by(|a, b| a.0.cmp(b.0));
        for (noun, c) in nouns {
            out.push_str(&format!(
                "{noun}\t{}\t{}\t{}\t{}\t{}\n",
                c.person, c.organisation, c.place, c.abstract_, c.concrete
            ));
        }
        out
    }

    /// Count one mention of `kind` headed by `noun` (lower-cased here).
    pub fn add(&mut self, noun: &str, kind: NounKind) {
        let c = self.counts.entry(noun.to_lowercase()).or_default();
        match kind {
            NounKind::Person => c.person += 1,
            NounKind::Organisation => c.organisation += 1,
            NounKind::Place => c.place += 1,
            NounKind::Abstract => c.abstract_ += 1,
            NounKind::Concrete => c.concrete += 1,
        }
    }

    /// Drop nouns seen fewer than `min` times.
    pub fn prune(&mut self, min: u32) {
        self.counts.retain(|_, c| c.total() >= min);
    }

    /// The counts of a noun, looked up by its lemma and then its form (lower case).
    pub fn counts(&self, lemma: &str, form: &str) -> Option<&KindCounts> {
        self.counts
            .get(&lemma.to_lowercase())
            .or_else(|| self.counts.get(&form.to_lowercase()))
    }

    /// Number of nouns in the table.
    pub fn len(&self) -> usize {
        self.counts.len()
    }

    /// Whether the table is empty.
    pub fn is_empty(&self) -> bool {
        self.counts.is_empty()
    }
}

#[cfg(test)]
// A failed expectation in set-up is the test failing.
#[allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)]
mod tests {
    use super::*;

    #[test]
    fn the_committed_table_reads_and_knows_people_from_ideas() {
        let t = NounKinds::parse(BUILTIN, "kinds.tsv").expect("the committed table reads");
        assert!(t.len() > 500, "{} nouns", t.len());
        for noun in ["minister", "government", "police", "people"] {
            let c = t
                .counts(noun, noun)
                .unwrap_or_else(|| panic!("{noun} is listed"));
            assert!(c.can_act(), "{noun}: {c:?}");
        }
        for noun in ["idea", "year", "problem"] {
            let c = t
                .counts(noun, noun)
                .unwrap_or_else(|| panic!("{noun} is listed"));
            assert!(!c.can_act(), "{noun}: {c:?}");
        }
    }

    #[test]
    fn a_broken_line_names_the_file_line_and_field() {
        let err = NounKinds::parse("# header\nminister\t3\t0\tx\t1\t0\n", "t.tsv").unwrap_err();
        assert_eq!(
            err.to_string(),
            "t.tsv: line 2: field 4 is not a count: \"x\""
        );
        let err = NounKinds::parse("minister\t3\n", "t.tsv").unwrap_err();
        assert!(err.to_string().contains("expected 6"), "{err}");
    }

    #[test]
    fn the_table_round_trips_and_majorities_decide() {
        let mut t = NounKinds::default();
        for _ in 0..3 {
            t.add("Court", NounKind::Organisation);
        }
        t.add("court", NounKind::Place);
        t.add("ruling", NounKind::Abstract);
        let back = NounKinds::parse(&t.to_text("made by a test"), "t").expect("reads");
        let c = back.counts("court", "courts").expect("listed");
        assert_eq!(
            (c.organisation, c.place, c.kind()),
            (3, 1, NounKind::Organisation)
        );
        assert!(c.can_act());
        let ruling = back.counts("ruling", "").expect("listed");
        assert!(!ruling.can_act());
        assert_eq!(ruling.kind(), NounKind::Abstract);
        assert!(back.counts("unknown", "unknowns").is_none());
    }
}
