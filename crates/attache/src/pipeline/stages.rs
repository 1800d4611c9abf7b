//! The annotation stages, built in one place for every command that codes events: `code`
//! (articles and `--records`), `eval events`, `ingest` and serve's ingest endpoint (which runs
//! `attache ingest`). Each command asks [`Pipeline::builder`] for its pipeline and runs it
//! with [`Pipeline::annotate`]; none lists stages of its own.
//!
//! The stages, in order:
//! 1. `sentences`: [`attache_nlp::SentenceAnnotator`], the one sentence splitter;
//! 2. `analysis`: [`attache_analysis::pipeline::Analysis`] with the built-in models (tokens,
//!    tags, lemmas, tree, entities, coreference);
//! 3. `actors`: [`attache_nlp::ActorResolver`], dictionary mentions;
//! 4. `entity_actors`: [`attache_nlp::EntityActors`], named entities no dictionary covers;
//! 5. `article_country`: [`attache_nlp::ArticleCountry`], the story's country for sector codes;
//! 6. `events`: [`attache_events::Coder`].
//!
//! The analysis and the actor resolver read only the sentences (and the text and dateline),
//! never each other's layers, so their order does not change any output (measured on every
//! event benchmark when `code`, which resolved actors first, moved to this order); the
//! analysis comes first so that a later actor stage may read its layers.
//!
//! What legitimately differs between commands is a builder option: the dictionaries (built-in
//! actors or not, a PETRARCH folder with its verbs and coding ontology, the team's event
//! patterns or not), lone sentences instead of articles (no inferred default country), whether
//! named entities become actors and the story's country is filled in (not for PETRARCH's
//! benchmarks, whose gold codes only dictionary actors), PETRARCH's coding conventions and
//! `require_dyad`. A gold record's own `require_dyad` goes through [`Overrides`].

use std::path::{Path, PathBuf};

use anyhow::Context;
use attache_analysis::pipeline::Analysis;
use attache_events::ontology::Ontology;
use attache_events::petrarch::{PicoTable, VerbDictionary};
use attache_events::{Coder, CoderSettings};
use attache_model::{AnnotateError, Annotator, Document, Layers};
use attache_nlp::{ActorResolver, ArticleCountry, EntityActors, SentenceAnnotator};

use crate::cmd::actors::actor_dictionary;

/// The sentence analysis with the built-in models: every command that codes events gets it
/// inside its [`Pipeline`], and `attache parse` gets it here.
pub fn analysis() -> anyhow::Result<Analysis> {
    Analysis::builtin().context("cannot load the built-in analysis models")
}

/// PETRARCH's name for its internal coding ontology (`PICOfile` in its `PETR_config.ini`):
/// when a dictionary folder has it, reported futures are coded as intents the way PETRARCH
/// combines codes.
const PICO_FILE: &str = "PETR.Internal.Coding.Ontology.txt";

/// The ordered annotation stages of a run; built by [`Pipeline::builder`], checked once
/// there (every stage finds the layers it requires).
pub struct Pipeline {
    /// The stages before event coding, in order.
    stages: Vec<Box<dyn Annotator>>,
    /// The last stage.
    coder: Coder,
    /// The settings `coder` was built with ([`Overrides`] change them per document).
    coding: CoderSettings,
}

/// A stage stopped by the document's [`Document::deadline`]: its layer is incomplete and the
/// later stages did not run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stopped {
    /// The stage that stopped.
    pub stage: &'static str,
    /// Sentences it had done.
    pub done: usize,
    /// Sentences in the document.
    pub total: usize,
}

impl std::fmt::Display for Stopped {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "stage `{}` ran past the document's time budget after {} of {} sentences",
            self.stage, self.done, self.total
        )
    }
}

/// What one document changes of the pipeline's event coding: a gold record's own options.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Overrides {
    /// Keep only events with both a source and a target; `None` keeps the pipeline's setting.
    pub require_dyad: Option<bool>,
}

/// The options of a [`Pipeline`]; [`Pipeline::builder`] starts from the defaults of an
/// article run with the team's dictionaries.
#[derive(Debug, Clone)]
pub struct PipelineBuilder {
    builtin_actors: bool,
    petrarch_dictionaries: Option<PathBuf>,
    petrarch_verb_files: Vec<String>,
    team_patterns: bool,
    lone_sentences: bool,
    entity_actors: bool,
    petrarch_compat: bool,
    require_dyad: bool,
    one_sided: bool,
}

impl Default for PipelineBuilder {
    fn default() -> Self {
        PipelineBuilder {
            builtin_actors: true,
            petrarch_dictionaries: None,
            petrarch_verb_files: Vec::new(),
            team_patterns: true,
            lone_sentences: false,
            entity_actors: true,
            petrarch_compat: false,
            require_dyad: false,
            one_sided: false,
        }
    }
}

impl PipelineBuilder {
    /// Use the team's built-in actor dictionaries (default on; off for fictional unit-test
    /// actors).
    pub fn builtin_actors(mut self, on: bool) -> Self {
        self.builtin_actors = on;
        self
    }

    /// Load the PETRARCH dictionaries of this folder: actors and agents, verbs and, when
    /// present, the coding ontology.
    pub fn petrarch_dictionaries(mut self, dir: Option<&Path>) -> Self {
        self.petrarch_dictionaries = dir.map(Path::to_path_buf);
        self
    }

    /// The verb files of the PETRARCH folder to load (a gold file's `<Verbfile>`); when none
    /// of them is there, every `*.verbs.txt` and `CAMEO*.txt` of the folder is.
    pub fn petrarch_verb_files(mut self, names: &[String]) -> Self {
        self.petrarch_verb_files = names.to_vec();
        self
    }

    /// Code with the team's event patterns (default on; off to measure a PETRARCH verb
    /// dictionary alone).
    pub fn team_patterns(mut self, on: bool) -> Self {
        self.team_patterns = on;
        self
    }

    /// The documents are lone sentences (gold records), not articles: the actor resolver
    /// infers no article-level default country.
    pub fn lone_sentences(mut self, on: bool) -> Self {
        self.lone_sentences = on;
        self
    }

    /// Named entities no dictionary covers become actors, and actors of no stated country
    /// take the story's country (default on; off for PETRARCH's benchmarks, whose gold codes
    /// only the actors its dictionaries list).
    pub fn entity_actors(mut self, on: bool) -> Self {
        self.entity_actors = on;
        self
    }

    /// Code by PETRARCH's conventions ([`CoderSettings::petrarch_compat`]).
    pub fn petrarch_compat(mut self, on: bool) -> Self {
        self.petrarch_compat = on;
        self
    }

    /// Keep only events with both a source and a target ([`CoderSettings::require_dyad`]).
    pub fn require_dyad(mut self, on: bool) -> Self {
        self.require_dyad = on;
        self
    }

    /// Keep events whose target or doer was not found ([`CoderSettings::one_sided`]; default off).
    pub fn one_sided(mut self, on: bool) -> Self {
        self.one_sided = on;
        self
    }

    /// Load the dictionaries and models and assemble the stages, refused when a stage needs
    /// a layer no earlier stage provides.
    pub fn build(self) -> anyhow::Result<Pipeline> {
        let petrarch = self.petrarch_dictionaries.as_deref();
        let dict = actor_dictionary(!self.builtin_actors, petrarch, &[])?;
        let coding = CoderSettings {
            require_dyad: self.require_dyad,
            skip_team_patterns: !self.team_patterns,
            petrarch_compat: self.petrarch_compat,
            one_sided: self.one_sided,
        };
        let mut coder =
            Coder::builtin(coding.clone()).context("cannot load the built-in event patterns")?;
        if let Some(dir) = petrarch {
            add_petrarch_verbs(&mut coder, dir, &self.petrarch_verb_files)?;
        }
        let resolver = ActorResolver::new(dict)?.with_settings(attache_nlp::Settings {
            infer_default_country: !self.lone_sentences,
            ..attache_nlp::Settings::default()
        });
        let mut stages: Vec<Box<dyn Annotator>> = vec![
            Box::new(SentenceAnnotator::new()),
            Box::new(analysis()?),
            Box::new(resolver),
        ];
        if self.entity_actors {
            stages.push(Box::new(EntityActors));
            stages.push(Box::new(ArticleCountry));
        }
        let pipeline = Pipeline {
            stages,
            coder,
            coding,
        };
        check(&pipeline.stages().collect::<Vec<_>>())?;
        tracing::debug!(stages = ?pipeline.stage_names(), "annotation pipeline");
        Ok(pipeline)
    }
}

/// Refuse stages of which one needs a layer that no earlier stage provides.
fn check(stages: &[&dyn Annotator]) -> anyhow::Result<()> {
    let mut have = Layers::NONE;
    for s in stages {
        let missing = have.missing(s.requires());
        if !missing.is_empty() {
            anyhow::bail!(
                "stage `{}` needs layers {missing:?} that no earlier stage provides",
                s.name()
            );
        }
        have |= s.provides();
    }
    Ok(())
}

/// Add the verb dictionaries of a PETRARCH folder to `coder`, and its coding ontology when
/// the folder has one.
fn add_petrarch_verbs(coder: &mut Coder, dir: &Path, named: &[String]) -> anyhow::Result<()> {
    for path in verb_files(dir, named)? {
        let text = std::fs::read_to_string(&path)
            .with_context(|| format!("cannot read {}", path.display()))?;
        let name = path.file_name().map_or_else(
            || path.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        );
        let verbs = VerbDictionary::parse(&name, &text)?;
        tracing::info!(file = %name, patterns = verbs.pattern_count(), warnings = verbs.warnings.len(), "verb dictionary");
        for w in &verbs.warnings {
            tracing::debug!("{w}");
        }
        let left_out = coder.add_petrarch_verbs(&name, &verbs);
        if left_out > 0 {
            tracing::info!(
                file = %name,
                patterns = left_out,
                "verb patterns with a bare preposition after the verb left out: this \
                 dictionary brackets its prepositional phrases, so they never match"
            );
        }
    }
    let pico = dir.join(PICO_FILE);
    if pico.is_file() {
        let text = std::fs::read_to_string(&pico)
            .with_context(|| format!("cannot read {}", pico.display()))?;
        // Named like the other dictionary files in warnings: by file name.
        let table = PicoTable::parse(PICO_FILE, &text);
        for w in &table.warnings {
            crate::cmd::warn(format_args!("{w}; line skipped"));
        }
        if table.is_empty() {
            crate::cmd::warn(format_args!(
                "{PICO_FILE}: no code read; codes are not combined"
            ));
        }
        coder.set_petrarch_ontology(table);
    }
    Ok(())
}

/// The verb dictionaries of a PETRARCH folder: the `named` ones that are there, else every
/// `*.verbs.txt` and `CAMEO*.txt`.
fn verb_files(dir: &Path, named: &[String]) -> anyhow::Result<Vec<PathBuf>> {
    let named: Vec<PathBuf> = named
        .iter()
        .map(|f| dir.join(f))
        .filter(|p| p.is_file())
        .collect();
    if !named.is_empty() {
        return Ok(named);
    }
    let mut out: Vec<PathBuf> = std::fs::read_dir(dir)
        .with_context(|| format!("cannot list {}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            let n = p
                .file_name()
                .map(|n| n.to_string_lossy().to_ascii_lowercase())
                .unwrap_or_default();
            n.ends_with(".verbs.txt") || (n.starts_with("cameo") && n.ends_with(".txt"))
        })
        .collect();
    out.sort();
    if out.is_empty() {
        anyhow::bail!(
            "{}: no verb dictionary (*.verbs.txt or CAMEO*.txt)",
            dir.display()
        );
    }
    Ok(out)
}

impl Pipeline {
    /// The options of a pipeline, at the defaults of an article run with the team's
    /// dictionaries (what `attache ingest` runs).
    pub fn builder() -> PipelineBuilder {
        PipelineBuilder::default()
    }

    /// The stages, in order.
    fn stages(&self) -> impl Iterator<Item = &dyn Annotator> {
        self.stages
            .iter()
            .map(|s| s.as_ref())
            .chain(std::iter::once(&self.coder as &dyn Annotator))
    }

    /// The stages' names, in order.
    pub fn stage_names(&self) -> Vec<&'static str> {
        self.stages().map(|s| s.name()).collect()
    }

    /// The event ontology the coder codes with.
    pub fn ontology(&self) -> &Ontology {
        self.coder.ontology()
    }

    /// Run every stage over `doc`, events last (into `doc.events`). A stage that fails on
    /// this document leaves its error in `doc.warnings`, and the later stages run on what
    /// the earlier ones found; a stage stopped by the document's deadline ends the run.
    pub fn annotate(&self, doc: &mut Document) -> Result<(), Stopped> {
        self.annotate_with(doc, &Overrides::default())
    }

    /// [`Pipeline::annotate`] with the event coder's settings changed for this document.
    /// With an override the coder does not report its deadline (gold records, which have
    /// none, are the only documents with overrides).
    pub fn annotate_with(&self, doc: &mut Document, overrides: &Overrides) -> Result<(), Stopped> {
        for stage in &self.stages {
            let result = stage.annotate(doc);
            kept(doc, result)?;
        }
        let result = match overrides.require_dyad {
            None => self.coder.annotate(doc),
            Some(require_dyad) => {
                let settings = CoderSettings {
                    require_dyad,
                    ..self.coding.clone()
                };
                doc.events = self.coder.code_with(doc, &settings);
                doc.layers |= Layers::EVENTS;
                Ok(())
            }
        };
        kept(doc, result)
    }
}

/// A stage's result: a stop is passed on, any other error is kept as a warning.
fn kept(doc: &mut Document, result: Result<(), AnnotateError>) -> Result<(), Stopped> {
    match result {
        Ok(()) => Ok(()),
        Err(AnnotateError::OverBudget { stage, done, total }) => {
            Err(Stopped { stage, done, total })
        }
        Err(e) => {
            doc.warnings.push(e.to_string());
            Ok(())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use attache_model::Article;

    fn built(builder: PipelineBuilder) -> Pipeline {
        match builder.build() {
            Ok(p) => p,
            Err(e) => panic!("the pipeline does not build: {e:#}"),
        }
    }

    fn article(text: &str) -> Document {
        Document::new(
            "t",
            Article {
                text: text.into(),
                ..Article::default()
            },
        )
    }

    #[test]
    fn the_default_pipeline_runs_every_stage_in_order() {
        assert_eq!(
            built(Pipeline::builder()).stage_names(),
            [
                "sentences",
                "analysis",
                "actors",
                "entity_actors",
                "article_country",
                "events"
            ]
        );
    }

    #[test]
    fn without_entity_actors_only_the_dictionary_stages_code_actors() {
        let names = built(Pipeline::builder().entity_actors(false)).stage_names();
        assert_eq!(names, ["sentences", "analysis", "actors", "events"]);
    }

    #[test]
    fn a_stage_missing_a_layer_is_refused_when_assembled() {
        let coder = match Coder::builtin(CoderSettings::default()) {
            Ok(c) => c,
            Err(e) => panic!("{e}"),
        };
        let resolver = match ActorResolver::builtin() {
            Ok(r) => r,
            Err(e) => panic!("{e}"),
        };
        let ok: [&dyn Annotator; 3] = [&SentenceAnnotator::new(), &resolver, &coder];
        assert!(check(&ok).is_ok());
        let no_sentences: [&dyn Annotator; 2] = [&resolver, &coder];
        let err = check(&no_sentences).map_or_else(|e| e.to_string(), |()| String::new());
        assert!(err.contains("stage `actors`"), "{err:?}");
        let no_entities: [&dyn Annotator; 3] =
            [&SentenceAnnotator::new(), &resolver, &EntityActors];
        let err = check(&no_entities).map_or_else(|e| e.to_string(), |()| String::new());
        assert!(err.contains("stage `entity_actors`"), "{err:?}");
    }

    #[test]
    fn a_record_can_require_both_actors_of_an_event() {
        let pipeline = built(Pipeline::builder().one_sided(true));
        // An event with a source and no target.
        let text = "Pakistan protested on Monday.";
        let mut alone = article(text);
        assert_eq!(pipeline.annotate(&mut alone), Ok(()));
        assert_eq!(alone.events.len(), 1, "{:?}", alone.events);
        assert!(alone.events[0].target.is_empty(), "{:?}", alone.events);
        let mut dyad = article(text);
        let overrides = Overrides {
            require_dyad: Some(true),
        };
        assert_eq!(pipeline.annotate_with(&mut dyad, &overrides), Ok(()));
        assert!(dyad.events.is_empty(), "{:?}", dyad.events);
        assert!(dyad.layers.contains(Layers::EVENTS));
    }

    #[test]
    fn an_article_event_needs_a_target_unless_one_sided_events_are_asked_for() {
        let text = "Pakistan protested on Monday.";
        let mut doc = article(text);
        assert_eq!(built(Pipeline::builder()).annotate(&mut doc), Ok(()));
        assert!(doc.events.is_empty(), "{:?}", doc.events);
        let mut doc = article(text);
        let one_sided = built(Pipeline::builder().one_sided(true));
        assert_eq!(one_sided.annotate(&mut doc), Ok(()));
        assert_eq!(doc.events.len(), 1, "{:?}", doc.events);
    }

    #[test]
    fn an_article_event_needs_a_doer_unless_one_sided_events_are_asked_for() {
        let text = "Two Pakistani soldiers were killed on Monday.";
        let mut doc = article(text);
        assert_eq!(built(Pipeline::builder()).annotate(&mut doc), Ok(()));
        assert!(doc.events.is_empty(), "{:?}", doc.events);
        let mut doc = article(text);
        let one_sided = built(Pipeline::builder().one_sided(true));
        assert_eq!(one_sided.annotate(&mut doc), Ok(()));
        assert_eq!(doc.events.len(), 1, "{:?}", doc.events);
        assert!(doc.events[0].source.is_empty(), "{:?}", doc.events);
    }

    #[test]
    fn a_document_past_its_deadline_stops_at_the_first_stage_that_keeps_one() {
        let pipeline = built(Pipeline::builder());
        let mut d = article(&"Pakistan warned Afghanistan on Monday.\n\n".repeat(10));
        d.deadline = Some(std::time::Instant::now());
        let stopped = pipeline.annotate(&mut d).err();
        // The analysis keeps no deadline; the actor resolver is the first stage that does.
        assert_eq!(
            stopped.map(|s| (s.stage, s.done, s.total)),
            Some(("actors", 0, 10))
        );
        assert!(d.events.is_empty());
    }
}
