//! PLOVER 2.0 and CAMEO as data: categories, modes, contexts, intensity and Goldstein scores,
//! quad classes, the CAMEO→PLOVER map and the PLOVER 0.5b1→2.0 renames.
//!
//! The tables live in `data/ontology/` (format and sources in its README) and are embedded in
//! the binary, so [`Ontology::builtin`] needs no files at run time.

use std::collections::HashMap;

use attache_model::{CameoCoding, PloverCategory, PloverCoding, QuadClass};

use crate::tsv::{self, opt_f32};
use crate::EventsError;

const CATEGORIES: &str = include_str!("../../../data/ontology/plover_categories.tsv");
const MODES: &str = include_str!("../../../data/ontology/plover_modes.tsv");
const CONTEXTS: &str = include_str!("../../../data/ontology/plover_contexts.tsv");
const CAMEO_CODES: &str = include_str!("../../../data/ontology/cameo_codes.tsv");
const CAMEO_PLOVER: &str = include_str!("../../../data/ontology/cameo_plover.tsv");
const LEGACY: &str = include_str!("../../../data/ontology/plover_legacy.tsv");

/// What the tables say about one PLOVER category.
#[derive(Debug, Clone, PartialEq)]
pub struct CategoryInfo {
    /// The category.
    pub category: PloverCategory,
    /// Default conflict–cooperation score (−10 … +10).
    pub intensity: f32,
    /// The team's one-line gloss.
    pub gloss: String,
}

/// One CAMEO code.
#[derive(Debug, Clone, PartialEq)]
pub struct CameoCode {
    /// The code with its leading zero (`042`).
    pub code: String,
    /// Its CAMEO name.
    pub name: String,
    /// Goldstein value, when GDELT lists one.
    pub goldstein: Option<f32>,
    /// GDELT quad class.
    pub quad_class: QuadClass,
}

/// Where a CAMEO code lands in PLOVER 2.0.
#[derive(Debug, Clone, PartialEq)]
pub struct PloverTarget {
    /// The PLOVER category.
    pub category: PloverCategory,
    /// The mode, when the map gives one.
    pub mode: Option<String>,
    /// Contexts the map gives.
    pub contexts: Vec<String>,
}

/// A PLOVER context and whether it is a general, special or legacy one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContextInfo {
    /// Its name (`military`).
    pub name: String,
    /// `general`, `special` or `legacy` (see the README).
    pub kind: String,
}

/// The loaded ontology tables.
#[derive(Debug, Clone)]
pub struct Ontology {
    categories: Vec<CategoryInfo>,
    modes: HashMap<(PloverCategory, String), Option<f32>>,
    contexts: Vec<ContextInfo>,
    cameo: HashMap<String, CameoCode>,
    cameo_plover: HashMap<String, PloverTarget>,
    legacy: HashMap<String, PloverTarget>,
}

impl Ontology {
    /// The tables compiled into the binary.
    pub fn builtin() -> Result<Ontology, EventsError> {
        Ontology::from_tables(&Tables {
            categories: ("plover_categories.tsv", CATEGORIES),
            modes: ("plover_modes.tsv", MODES),
            contexts: ("plover_contexts.tsv", CONTEXTS),
            cameo_codes: ("cameo_codes.tsv", CAMEO_CODES),
            cameo_plover: ("cameo_plover.tsv", CAMEO_PLOVER),
            legacy: ("plover_legacy.tsv", LEGACY),
        })
    }

    /// Load the tables from their texts (each given with the file name used in errors).
    pub fn from_tables(t: &Tables<'_>) -> Result<Ontology, EventsError> {
        let categories = load_categories(t.categories)?;
        let modes = load_modes(t.modes)?;
        let contexts = load_contexts(t.contexts)?;
        let cameo = load_cameo(t.cameo_codes)?;
        let check_mode = |file: &str, line: usize, cat: PloverCategory, mode: &str| {
            if mode.is_empty() || modes.contains_key(&(cat, mode.to_string())) {
                Ok(())
            } else {
                Err(EventsError::data(
                    file,
                    line,
                    format!("`{mode}` is not a mode of {cat}"),
                ))
            }
        };
        let (file, text) = t.cameo_plover;
        let mut cameo_plover = HashMap::new();
        for row in tsv::rows(
            file,
            text,
            &["cameo", "event", "mode", "contexts", "origin", "note"],
        )? {
            let code = row.get(0);
            if !cameo.contains_key(code) {
                return Err(EventsError::data(
                    file,
                    row.line,
                    format!("unknown CAMEO code `{code}`"),
                ));
            }
            let category = category_cell(file, row.line, row.get(1))?;
            check_mode(file, row.line, category, row.get(2))?;
            let contexts: Vec<String> = row
                .get(3)
                .split(',')
                .map(str::trim)
                .filter(|c| !c.is_empty())
                .map(String::from)
                .collect();
            let target = PloverTarget {
                category,
                mode: non_empty(row.get(2)),
                contexts,
            };
            if cameo_plover.insert(code.to_string(), target).is_some() {
                return Err(EventsError::data(
                    file,
                    row.line,
                    format!("CAMEO `{code}` mapped twice"),
                ));
            }
        }
        let (file, text) = t.legacy;
        let mut legacy = HashMap::new();
        for row in tsv::rows(file, text, &["legacy", "event", "mode", "note"])? {
            let category = category_cell(file, row.line, row.get(1))?;
            check_mode(file, row.line, category, row.get(2))?;
            let key = row.get(0).to_ascii_uppercase_key();
            legacy.insert(
                key,
                PloverTarget {
                    category,
                    mode: non_empty(row.get(2)),
                    contexts: vec![],
                },
            );
        }
        let ontology = Ontology {
            categories,
            modes,
            contexts,
            cameo,
            cameo_plover,
            legacy,
        };
        ontology.check_contexts(t.cameo_plover.0)?;
        Ok(ontology)
    }

    fn check_contexts(&self, file: &str) -> Result<(), EventsError> {
        for (code, target) in &self.cameo_plover {
            for c in &target.contexts {
                if !self.contexts.iter().any(|k| &k.name == c) {
                    return Err(EventsError::file(
                        file,
                        format!("CAMEO `{code}`: unknown context `{c}`"),
                    ));
                }
            }
        }
        Ok(())
    }

    /// What the tables say about a category.
    pub fn category(&self, category: PloverCategory) -> Option<&CategoryInfo> {
        self.categories.iter().find(|c| c.category == category)
    }

    /// The score of a category with a mode: the mode's own score when the table gives one, else
    /// the category default.
    pub fn intensity(&self, category: PloverCategory, mode: Option<&str>) -> f32 {
        let by_mode = mode.and_then(|m| {
            self.modes
                .get(&(category, m.to_string()))
                .copied()
                .flatten()
        });
        by_mode
            .or_else(|| self.category(category).map(|c| c.intensity))
            .unwrap_or(0.0)
    }

    /// True when `mode` is a PLOVER 2.0 mode of `category`.
    pub fn has_mode(&self, category: PloverCategory, mode: &str) -> bool {
        self.modes.contains_key(&(category, mode.to_string()))
    }

    /// All contexts.
    pub fn contexts(&self) -> &[ContextInfo] {
        &self.contexts
    }

    /// A CAMEO code; falls back to shorter prefixes (`0874` → `087`) only through
    /// [`Ontology::cameo_coding`].
    pub fn cameo(&self, code: &str) -> Option<&CameoCode> {
        self.cameo.get(code)
    }

    /// Where a CAMEO code lands in PLOVER: the code itself, else its 3-digit parent (a 4-digit
    /// code the map leaves out keeps its parent's category). `None` for CAMEO 01x statements
    /// and non-CAMEO codes.
    pub fn plover_of_cameo(&self, code: &str) -> Option<&PloverTarget> {
        self.cameo_plover
            .get(code)
            .or_else(|| code.get(..3).and_then(|p| self.cameo_plover.get(p)))
    }

    /// The CAMEO and PLOVER codings of a CAMEO code, with Goldstein value, quad class and
    /// intensity filled in from the tables. Unknown codes keep their string and get no scores.
    pub fn coding_for_cameo(&self, code: &str) -> (CameoCoding, Option<PloverCoding>) {
        let known = self
            .cameo(code)
            .or_else(|| code.get(..3).and_then(|p| self.cameo(p)));
        let cameo = CameoCoding {
            code: code.to_string(),
            goldstein: known.and_then(|c| c.goldstein),
            quad_class: known.map(|c| c.quad_class),
        };
        let plover = self
            .plover_of_cameo(code)
            .map(|t| self.plover_coding(t.category, t.mode.clone(), t.contexts.clone()));
        (cameo, plover)
    }

    /// A PLOVER coding with its intensity looked up.
    pub fn plover_coding(
        &self,
        category: PloverCategory,
        mode: Option<String>,
        contexts: Vec<String>,
    ) -> PloverCoding {
        let intensity = self.intensity(category, mode.as_deref());
        PloverCoding {
            category,
            mode,
            contexts,
            intensity,
        }
    }

    /// Map a PLOVER category name of any version (2.0, or 0.5b1 such as `DEMAND`, `FIGHT`,
    /// `INVESTIGATE`) with an optional mode to PLOVER 2.0. `None` for names that are no PLOVER
    /// category in any version (`DOCUMENT`, `CRIME`).
    pub fn normalise_plover(&self, name: &str, mode: Option<&str>) -> Option<PloverTarget> {
        let key = name.to_ascii_uppercase_key();
        let (category, mut new_mode) = match PloverCategory::from_name(&key) {
            Some(c) => (c, None),
            None => {
                let t = self.legacy.get(&key)?;
                (t.category, t.mode.clone())
            }
        };
        if let Some(m) = mode.map(str::trim).filter(|m| !m.is_empty()) {
            if self.has_mode(category, m) {
                new_mode = Some(m.to_string());
            } else if let Some(t) = self.legacy.get(&format!("{}/{}", category.as_str(), m)) {
                new_mode = t.mode.clone();
            }
        }
        Some(PloverTarget {
            category,
            mode: new_mode,
            contexts: vec![],
        })
    }
}

/// The six table texts, each with the file name to use in errors.
pub struct Tables<'a> {
    /// `plover_categories.tsv`.
    pub categories: (&'a str, &'a str),
    /// `plover_modes.tsv`.
    pub modes: (&'a str, &'a str),
    /// `plover_contexts.tsv`.
    pub contexts: (&'a str, &'a str),
    /// `cameo_codes.tsv`.
    pub cameo_codes: (&'a str, &'a str),
    /// `cameo_plover.tsv`.
    pub cameo_plover: (&'a str, &'a str),
    /// `plover_legacy.tsv`.
    pub legacy: (&'a str, &'a str),
}

trait UpperKey {
    fn to_ascii_uppercase_key(&self) -> String;
}

impl UpperKey for str {
    /// Legacy keys are `CATEGORY` or `CATEGORY/mode`: upper-case the category only.
    fn to_ascii_uppercase_key(&self) -> String {
        match self.trim().split_once('/') {
            Some((cat, mode)) => format!("{}/{}", cat.trim().to_ascii_uppercase(), mode.trim()),
            None => self.trim().to_ascii_uppercase(),
        }
    }
}

fn non_empty(s: &str) -> Option<String> {
    (!s.is_empty()).then(|| s.to_string())
}

fn category_cell(file: &str, line: usize, cell: &str) -> Result<PloverCategory, EventsError> {
    PloverCategory::from_name(cell).ok_or_else(|| {
        EventsError::data(file, line, format!("`{cell}` is not a PLOVER 2.0 category"))
    })
}

fn load_categories((file, text): (&str, &str)) -> Result<Vec<CategoryInfo>, EventsError> {
    let mut out: Vec<CategoryInfo> = Vec::new();
    for row in tsv::rows(
        file,
        text,
        &["event", "quad_class", "intensity", "gloss", "note"],
    )? {
        let category = category_cell(file, row.line, row.get(0))?;
        let quad: u8 = row.get(1).parse().map_err(|_| {
            EventsError::data(
                file,
                row.line,
                format!("quad class `{}` is not 1-4", row.get(1)),
            )
        })?;
        if Ok(category.quad_class()) != QuadClass::try_from(quad) {
            return Err(EventsError::data(
                file,
                row.line,
                format!(
                    "{category} is in quad class {}, not {quad}",
                    category.quad_class() as u8
                ),
            ));
        }
        let intensity = opt_f32(file, &row, 2, "intensity")?
            .ok_or_else(|| EventsError::data(file, row.line, "a category needs an intensity"))?;
        if out.iter().any(|c| c.category == category) {
            return Err(EventsError::data(
                file,
                row.line,
                format!("{category} listed twice"),
            ));
        }
        out.push(CategoryInfo {
            category,
            intensity,
            gloss: row.get(3).to_string(),
        });
    }
    if let Some(missing) = PloverCategory::ALL
        .iter()
        .find(|c| !out.iter().any(|i| i.category == **c))
    {
        return Err(EventsError::file(
            file,
            format!("category {missing} is missing"),
        ));
    }
    Ok(out)
}

fn load_modes(
    (file, text): (&str, &str),
) -> Result<HashMap<(PloverCategory, String), Option<f32>>, EventsError> {
    let mut out = HashMap::new();
    for row in tsv::rows(file, text, &["event", "mode", "intensity", "note"])? {
        let category = category_cell(file, row.line, row.get(0))?;
        let mode = row.get(1);
        if mode.is_empty() {
            return Err(EventsError::data(file, row.line, "empty mode"));
        }
        let score = opt_f32(file, &row, 2, "intensity")?;
        if out.insert((category, mode.to_string()), score).is_some() {
            return Err(EventsError::data(
                file,
                row.line,
                format!("{category} mode `{mode}` listed twice"),
            ));
        }
    }
    Ok(out)
}

fn load_contexts((file, text): (&str, &str)) -> Result<Vec<ContextInfo>, EventsError> {
    let mut out = Vec::new();
    for row in tsv::rows(file, text, &["context", "kind", "gloss"])? {
        let kind = row.get(1);
        if !matches!(kind, "general" | "special" | "legacy") {
            return Err(EventsError::data(
                file,
                row.line,
                format!("unknown context kind `{kind}`"),
            ));
        }
        out.push(ContextInfo {
            name: row.get(0).to_string(),
            kind: kind.to_string(),
        });
    }
    Ok(out)
}

fn load_cameo((file, text): (&str, &str)) -> Result<HashMap<String, CameoCode>, EventsError> {
    let mut out = HashMap::new();
    for row in tsv::rows(
        file,
        text,
        &["code", "name", "goldstein", "quad_class", "note"],
    )? {
        let code = row.get(0);
        if !(2..=4).contains(&code.len()) || !code.bytes().all(|b| b.is_ascii_digit()) {
            return Err(EventsError::data(
                file,
                row.line,
                format!("`{code}` is not a CAMEO code"),
            ));
        }
        let quad_class = QuadClass::of_cameo(code).ok_or_else(|| {
            EventsError::data(file, row.line, format!("`{code}` has no root 01-20"))
        })?;
        if row.get(3) != (quad_class as u8).to_string() {
            return Err(EventsError::data(
                file,
                row.line,
                format!(
                    "quad class {} disagrees with GDELT's {} for `{code}`",
                    row.get(3),
                    quad_class as u8
                ),
            ));
        }
        let goldstein = opt_f32(file, &row, 2, "Goldstein value")?;
        let entry = CameoCode {
            code: code.to_string(),
            name: row.get(1).to_string(),
            goldstein,
            quad_class,
        };
        if out.insert(code.to_string(), entry).is_some() {
            return Err(EventsError::data(
                file,
                row.line,
                format!("CAMEO `{code}` listed twice"),
            ));
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn onto() -> Ontology {
        match Ontology::builtin() {
            Ok(o) => o,
            Err(e) => panic!("builtin ontology does not load: {e}"),
        }
    }

    #[test]
    fn builtin_tables_load_and_cover_all_categories() {
        let o = onto();
        for c in PloverCategory::ALL {
            assert!(o.category(c).is_some(), "{c}");
        }
        assert!(o
            .contexts()
            .iter()
            .any(|c| c.name == "terrorism" && c.kind == "general"));
    }

    #[test]
    fn accuse_default_score_is_negative_after_the_sign_fix() {
        let o = onto();
        assert_eq!(o.intensity(PloverCategory::Accuse, None), -3.0);
        assert_eq!(o.intensity(PloverCategory::Accuse, Some("allege")), -3.5);
        // A mode without a score falls back to the category default.
        assert_eq!(o.intensity(PloverCategory::Assault, Some("massacre")), -9.0);
    }

    #[test]
    fn cameo_codes_carry_goldstein_and_gdelt_quad_class() {
        let o = onto();
        let (cameo, plover) = o.coding_for_cameo("138");
        assert_eq!(cameo.goldstein, Some(-7.0));
        assert_eq!(cameo.quad_class, Some(QuadClass::VerbalConflict));
        let plover = plover.map(|p| (p.category, p.mode));
        assert_eq!(
            plover,
            Some((PloverCategory::Threaten, Some("violence".into())))
        );
        // PROTEST: verbal conflict in GDELT, material conflict in PLOVER.
        assert_eq!(
            o.cameo("141").map(|c| c.quad_class),
            Some(QuadClass::VerbalConflict)
        );
    }

    #[test]
    fn statements_have_no_plover_category_and_appeals_are_requests() {
        let o = onto();
        assert!(o.coding_for_cameo("010").1.is_none());
        assert_eq!(
            o.coding_for_cameo("0233").1.map(|p| p.category),
            Some(PloverCategory::Request)
        );
    }

    #[test]
    fn unknown_codes_keep_their_string_without_scores() {
        let (cameo, plover) = onto().coding_for_cameo("903");
        assert_eq!(cameo.code, "903");
        assert!(cameo.goldstein.is_none() && plover.is_none());
    }

    #[test]
    fn legacy_plover_names_map_to_2_0() {
        let o = onto();
        let get = |n: &str, m: Option<&str>| o.normalise_plover(n, m).map(|t| (t.category, t.mode));
        assert_eq!(get("DEMAND", None), Some((PloverCategory::Request, None)));
        assert_eq!(
            get("FIGHT", Some("heavy-weapons")),
            Some((PloverCategory::Assault, Some("heavy-weapons".into())))
        );
        assert_eq!(
            get("INVESTIGATE", None),
            Some((PloverCategory::Accuse, Some("investigate".into())))
        );
        assert_eq!(
            get("PROTEST", Some("strike-hun")),
            Some((PloverCategory::Protest, Some("hunger".into())))
        );
        assert_eq!(get("DOCUMENT", None), None);
    }

    #[test]
    fn a_bad_row_is_reported_with_file_and_line() {
        let bad = "event\tmode\tintensity\tnote\nASSAULT\tbeat\tlots\t\n";
        let err = load_modes(("modes.tsv", bad)).err().map(|e| e.to_string());
        assert_eq!(
            err.as_deref(),
            Some("modes.tsv:2: intensity `lots` is not a number")
        );
    }
}
