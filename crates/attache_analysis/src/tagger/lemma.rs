//! Lemmas from a word, its Penn Treebank tag and rules learned from the treebank.
//!
//! A lemma is the word with an edit applied: take the form as written or lowercased, cut some
//! characters off its end, append a string ("studies" NNS → lowercase, cut 3, add "y"). The
//! lemmatizer learns, for each tag, which edit the training words ending in each suffix (up
//! to [`MAX_SUFFIX`] characters) take most often, and keeps as exceptions the (word, tag)
//! pairs whose usual edit differs from what their suffix predicts ("went" VBD → "go",
//! "children" NNS → "child"). A word is lemmatised by its exception if it has one, else by
//! the longest suffix of its tag that the table knows.
//!
//! The suffix table is stored pruned: an entry is kept only when its edit differs from the
//! edit of the next shorter suffix, so looking up the longest stored suffix gives the same
//! answer as the full table.

use rustc_hash::FxHashMap;

use crate::model_file::{Reader, Writer};
use crate::AnalysisError;

/// The longest word ending (in characters) the suffix table looks at.
pub const MAX_SUFFIX: usize = 6;

/// A suffix edit needs this many training words behind it to be kept: rarer endings fall
/// back to a shorter suffix, which generalises better than one example.
const MIN_SUFFIX_COUNT: u32 = 2;

/// One edit from a form to its lemma.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub struct Edit {
    /// The lemma is `add` whatever the form ("i" and "I" → "I"); used for exceptions only.
    pub whole: bool,
    /// Lowercase the form first.
    pub lower: bool,
    /// Characters cut off the end.
    pub cut: u8,
    /// What is appended then.
    pub add: String,
}

impl Edit {
    /// The edit that turns `form` into `lemma`: the shorter of the edits from the form as
    /// written and from its lowercase (lowercase preferred on a tie).
    pub fn between(form: &str, lemma: &str) -> Edit {
        let lower = form.to_lowercase();
        let a = Edit::plain(&lower, lemma, true);
        let b = Edit::plain(form, lemma, false);
        if b.cost() < a.cost() {
            b
        } else {
            a
        }
    }

    fn plain(form: &str, lemma: &str, lower: bool) -> Edit {
        let common = form
            .chars()
            .zip(lemma.chars())
            .take_while(|(a, b)| a == b)
            .count();
        let cut = form.chars().count() - common;
        let add: String = lemma.chars().skip(common).collect();
        Edit {
            whole: false,
            lower,
            cut: u8::try_from(cut).unwrap_or(u8::MAX),
            add,
        }
    }

    /// The edit that always gives `lemma`.
    pub fn whole(lemma: &str) -> Edit {
        Edit {
            whole: true,
            lower: false,
            cut: 0,
            add: lemma.to_string(),
        }
    }

    fn cost(&self) -> usize {
        usize::from(self.cut) + self.add.chars().count()
    }

    /// Apply the edit; None when the form is too short for it.
    pub fn apply(&self, form: &str) -> Option<String> {
        if self.whole {
            return (!self.add.is_empty()).then(|| self.add.clone());
        }
        let base = if self.lower {
            form.to_lowercase()
        } else {
            form.to_string()
        };
        let n = base.chars().count();
        let keep = n.checked_sub(usize::from(self.cut))?;
        let mut out: String = base.chars().take(keep).collect();
        out.push_str(&self.add);
        (!out.is_empty()).then_some(out)
    }

    fn write(&self, w: &mut Writer) {
        w.varint(if self.whole { 2 } else { u64::from(self.lower) });
        w.varint(u64::from(self.cut));
        w.string(&self.add);
    }

    fn read(r: &mut Reader<'_>) -> Result<Edit, AnalysisError> {
        let mode = r.varint()?;
        if mode > 2 {
            return Err(r.error(format!("unknown lemma edit mode {mode}")));
        }
        let cut = u8::try_from(r.varint()?).map_err(|_| r.error("lemma edit cut too long"))?;
        Ok(Edit {
            whole: mode == 2,
            lower: mode == 1,
            cut,
            add: r.string()?,
        })
    }
}

/// Learned lemma rules.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Lemmatizer {
    /// (tag, word ending) → edit, pruned as the module says.
    suffixes: FxHashMap<(String, String), Edit>,
    /// (lowercase form, tag) → edit, where it differs from the suffix table's.
    exceptions: FxHashMap<(String, String), Edit>,
}

fn ending(lower: &str, k: usize) -> Option<&str> {
    if k == 0 {
        return Some("");
    }
    let (at, _) = lower.char_indices().rev().nth(k - 1)?;
    Some(&lower[at..])
}

fn most_frequent(counts: &FxHashMap<Edit, u32>) -> Option<(&Edit, u32)> {
    // Ties go to the cheaper edit, then the lexicographically smaller: deterministic.
    counts.iter().map(|(e, c)| (e, *c)).max_by(|a, b| {
        a.1.cmp(&b.1)
            .then_with(|| b.0.cost().cmp(&a.0.cost()))
            .then_with(|| b.0.add.cmp(&a.0.add))
            .then_with(|| b.0.cut.cmp(&a.0.cut))
            .then_with(|| a.0.lower.cmp(&b.0.lower))
    })
}

impl Lemmatizer {
    /// Learn from (form, Penn tag, lemma) triples.
    pub fn learn<'a>(words: impl IntoIterator<Item = (&'a str, &'a str, &'a str)>) -> Lemmatizer {
        let mut by_word: FxHashMap<(String, String), FxHashMap<Edit, u32>> = FxHashMap::default();
        let mut lemmas_of: FxHashMap<(String, String), FxHashMap<String, u32>> =
            FxHashMap::default();
        let mut by_suffix: FxHashMap<(String, String), FxHashMap<Edit, u32>> = FxHashMap::default();
        for (form, tag, lemma) in words {
            if lemma == "_" || lemma.is_empty() {
                continue;
            }
            let edit = Edit::between(form, lemma);
            let lower = form.to_lowercase();
            for k in 0..=MAX_SUFFIX {
                let Some(end) = ending(&lower, k) else { break };
                *by_suffix
                    .entry((tag.to_string(), end.to_string()))
                    .or_default()
                    .entry(edit.clone())
                    .or_default() += 1;
            }
            *lemmas_of
                .entry((lower.clone(), tag.to_string()))
                .or_default()
                .entry(lemma.to_string())
                .or_default() += 1;
            *by_word
                .entry((lower, tag.to_string()))
                .or_default()
                .entry(edit)
                .or_default() += 1;
        }
        // Full table first, then prune entries equal to their parent's edit.
        let mut full: FxHashMap<(String, String), Edit> = FxHashMap::default();
        for (key, counts) in &by_suffix {
            if let Some((edit, count)) = most_frequent(counts) {
                if count >= MIN_SUFFIX_COUNT || key.1.is_empty() {
                    full.insert(key.clone(), edit.clone());
                }
            }
        }
        let mut lemmatizer = Lemmatizer {
            suffixes: FxHashMap::default(),
            exceptions: FxHashMap::default(),
        };
        for ((tag, end), edit) in &full {
            let parent = (1..=end.chars().count()).find_map(|k| {
                let shorter: String = end.chars().skip(k).collect();
                full.get(&(tag.clone(), shorter))
            });
            if parent != Some(edit) {
                lemmatizer
                    .suffixes
                    .insert((tag.clone(), end.clone()), edit.clone());
            }
        }
        for (key, counts) in &by_word {
            let Some((edit, edit_count)) = most_frequent(counts) else {
                continue;
            };
            // A word always given the same lemma whatever its case ("i"/"I" → "I") keeps
            // that lemma; otherwise its most frequent edit.
            let fixed = lemmas_of.get(key).and_then(|l| {
                l.iter()
                    .max_by(|a, b| a.1.cmp(b.1).then_with(|| b.0.cmp(a.0)))
                    .filter(|(_, &n)| n > edit_count)
                    .map(|(lemma, _)| Edit::whole(lemma))
            });
            let edit = fixed.as_ref().unwrap_or(edit);
            if lemmatizer.by_suffix(&key.0, &key.1) != Some(edit) {
                lemmatizer.exceptions.insert(key.clone(), edit.clone());
            }
        }
        lemmatizer
    }

    fn by_suffix(&self, lower: &str, tag: &str) -> Option<&Edit> {
        let mut key = (tag.to_string(), String::new());
        for k in (0..=MAX_SUFFIX).rev() {
            let Some(end) = ending(lower, k) else {
                continue;
            };
            key.1.clear();
            key.1.push_str(end);
            if let Some(e) = self.suffixes.get(&key) {
                return Some(e);
            }
        }
        None
    }

    /// The lemma of `form` tagged `tag` (Penn Treebank); the form itself when no rule fits.
    pub fn lemma(&self, form: &str, tag: &str) -> String {
        let lower = form.to_lowercase();
        let edit = self
            .exceptions
            .get(&(lower.clone(), tag.to_string()))
            .or_else(|| self.by_suffix(&lower, tag));
        edit.and_then(|e| e.apply(form))
            .unwrap_or_else(|| form.to_string())
    }

    /// How many suffix rules and exceptions it holds.
    pub fn sizes(&self) -> (usize, usize) {
        (self.suffixes.len(), self.exceptions.len())
    }

    /// Write the tables (sorted, so the same rules always give the same bytes).
    pub fn write(&self, w: &mut Writer) {
        for table in [&self.suffixes, &self.exceptions] {
            let mut entries: Vec<_> = table.iter().collect();
            entries.sort_by(|a, b| a.0.cmp(b.0));
            w.varint(entries.len() as u64);
            for ((a, b), edit) in entries {
                w.string(a);
                w.string(b);
                edit.write(w);
            }
        }
    }

    /// Read tables written by [`Lemmatizer::write`].
    pub fn read(r: &mut Reader<'_>) -> Result<Lemmatizer, AnalysisError> {
        let mut tables = [FxHashMap::default(), FxHashMap::default()];
        for table in &mut tables {
            let n = r.len()?;
            table.reserve(n);
            for _ in 0..n {
                let a = r.string()?;
                let b = r.string()?;
                table.insert((a, b), Edit::read(r)?);
            }
        }
        let [suffixes, exceptions] = tables;
        Ok(Lemmatizer {
            suffixes,
            exceptions,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edits_prefer_lowercase_unless_the_case_is_kept() {
        let e = Edit::between("Studies", "study");
        assert_eq!((e.lower, e.cut, e.add.as_str()), (true, 3, "y"));
        assert_eq!(e.apply("Flies").as_deref(), Some("fly"));
        let keep = Edit::between("John", "John");
        assert!(!keep.lower && keep.cut == 0 && keep.add.is_empty());
        assert_eq!(
            Edit::between("went", "go").apply("went").as_deref(),
            Some("go")
        );
        assert_eq!(Edit::whole("I").apply("i").as_deref(), Some("I"));
    }

    #[test]
    fn suffix_rules_generalise_and_exceptions_override_them() {
        let training = [
            ("studies", "NNS", "study"),
            ("flies", "NNS", "fly"),
            ("cities", "NNS", "city"),
            ("dogs", "NNS", "dog"),
            ("cats", "NNS", "cat"),
            ("hats", "NNS", "hat"),
            ("children", "NNS", "child"),
            ("walked", "VBD", "walk"),
            ("jumped", "VBD", "jump"),
            ("went", "VBD", "go"),
            ("I", "PRP", "I"),
            ("I", "PRP", "I"),
            ("i", "PRP", "I"),
        ];
        let l = Lemmatizer::learn(training);
        assert_eq!(l.lemma("parties", "NNS"), "party");
        assert_eq!(l.lemma("Rats", "NNS"), "rat");
        assert_eq!(l.lemma("children", "NNS"), "child");
        assert_eq!(l.lemma("talked", "VBD"), "talk");
        assert_eq!(l.lemma("went", "VBD"), "go");
        assert_eq!(l.lemma("i", "PRP"), "I");
        // An unknown tag keeps the form.
        assert_eq!(l.lemma("Xyz", "ZZ"), "Xyz");
    }

    #[test]
    fn tables_read_back_the_same() {
        let l = Lemmatizer::learn([
            ("dogs", "NNS", "dog"),
            ("went", "VBD", "go"),
            ("i", "PRP", "I"),
        ]);
        let mut w = Writer::default();
        l.write(&mut w);
        let back = Lemmatizer::read(&mut Reader::new(&w.buf, "t")).unwrap();
        assert_eq!(back, l);
    }
}
