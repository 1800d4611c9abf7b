//! `attache train tagger|parser|ner|coref --data DIR`: train an analysis model on the
//! Universal Dependencies folder (`shared/ud` layout) and write its model file.
//!
//! Training is deterministic (fixed seeds and orders), so the same data and code write the
//! same file: a new user's `attache train tagger --data ../shared/ud` reproduces the
//! committed `data/models/tagger.model`.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context;
use attache_analysis::conllu::{self, Sentence};
use attache_analysis::tagger::{self, TrainSettings};
use attache_analysis::treebank::{self, Split};

/// Arguments of `attache train`.
#[derive(clap::Args)]
pub struct TrainArgs {
    /// Which model to train.
    #[arg(value_enum)]
    pub model: ModelKind,
    /// The Universal Dependencies folder (`ewt/`, `gum/`, `uner-ewt/`), e.g. `../shared/ud`.
    #[arg(long)]
    pub data: PathBuf,
    /// Where to write the model file (default `data/models/<model>.model`).
    #[arg(long)]
    pub out: Option<PathBuf>,
    /// Passes over the training data (default: the model's own setting).
    #[arg(long)]
    pub epochs: Option<usize>,
    /// Parser: train on EWT train only (by default GUM train is added).
    #[arg(long)]
    pub no_gum: bool,
    /// Parser: train on the treebanks' gold tags instead of jackknifed predicted tags.
    #[arg(long)]
    pub gold_tags: bool,
    /// Parser: folds of the jackknifing (each fold tagged by a tagger trained on the others).
    #[arg(long, default_value_t = 5)]
    pub folds: usize,
    /// Parser: drop the features whose averaged weights all stay under this in magnitude (one
    /// perceptron update is 1.0); higher values write a smaller file (default: the trainer's).
    #[arg(long)]
    pub prune: Option<f32>,
    /// Parser: partial parses kept while training and decoding (1: greedy, trained against the
    /// dynamic oracle; more: beam search, trained globally; default: the trainer's).
    #[arg(long)]
    pub beam: Option<usize>,
}

/// The models `attache train` knows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum ModelKind {
    /// Part-of-speech tagger and lemmatizer (EWT + GUM train).
    Tagger,
    /// Dependency parser.
    Parser,
    /// Named-entity recogniser.
    Ner,
    /// Coreference.
    Coref,
    /// Noun kinds (person, organisation, place, abstract, concrete) counted from GUM's typed mentions:
    /// `data/models/kinds.tsv`, read by event coding to tell a party from a topic.
    Kinds,
}

impl ModelKind {
    fn name(self) -> &'static str {
        match self {
            ModelKind::Tagger => "tagger",
            ModelKind::Parser => "parser",
            ModelKind::Ner => "ner",
            ModelKind::Coref => "coref",
            ModelKind::Kinds => "kinds",
        }
    }
}

/// Run `attache train`.
pub fn run(args: TrainArgs) -> anyhow::Result<ExitCode> {
    let out = args.out.clone().unwrap_or_else(|| {
        let ext = if args.model == ModelKind::Kinds {
            "tsv"
        } else {
            "model"
        };
        PathBuf::from("data/models").join(format!("{}.{ext}", args.model.name()))
    });
    match args.model {
        ModelKind::Tagger => train_tagger(&args, &out)?,
        ModelKind::Ner => {
            let (model, scores) =
                attache_analysis::ner::train::train_release(&args.data, |l: &str| {
                    eprintln!("attache: ner: {l}");
                })
                .context("training the entity recogniser")?;
            println!("{}", scores.lines());
            write_model(&model.to_model_file(model.info()), &out)?;
        }
        ModelKind::Coref => {
            // Coreference is trained and scored with the built-in recogniser's names.
            let names = attache_analysis::ner::Recogniser::builtin()?;
            let (model, scores) =
                attache_analysis::coref::train::train_release(&args.data, &names, |l: &str| {
                    eprintln!("attache: coref: {l}");
                })
                .context("training coreference")?;
            println!("{}", scores.lines());
            write_model(&model.to_model_file(model.info()), &out)?;
        }
        ModelKind::Parser => train_parser(&args, &out)?,
        ModelKind::Kinds => train_kinds(&args, &out)?,
    }
    if args.model != ModelKind::Parser
        && (args.prune.is_some() || args.gold_tags || args.no_gum || args.beam.is_some())
    {
        eprintln!(
            "attache: note: --prune, --gold-tags, --no-gum and --beam are read by the parser only"
        );
    }
    if args.epochs.is_some() && !matches!(args.model, ModelKind::Tagger | ModelKind::Parser) {
        eprintln!(
            "attache: note: --epochs is read by the tagger and the parser only; the others train as committed"
        );
    }
    Ok(ExitCode::SUCCESS)
}

/// Count the noun kinds of GUM train + dev, score the train-only table on GUM test, write
/// the table.
fn train_kinds(args: &TrainArgs, out: &Path) -> anyhow::Result<()> {
    use attache_analysis::kinds;
    let held = kinds::train(&args.data, &[Split::Train]).context("cannot read GUM train")?;
    let s = kinds::score(&held, &args.data, Split::Test).context("cannot read GUM test")?;
    let scores = format!(
        "GUM test, {} noun-headed mentions (table from GUM train only): coverage {:.3}, \
         can-act accuracy on listed nouns {:.3}, person/organisation recall {:.3}, precision {:.3}",
        s.mentions, s.coverage, s.accuracy, s.agent_recall, s.agent_precision
    );
    println!("{scores}");
    let table = kinds::train(&args.data, &[Split::Train, Split::Dev])
        .context("cannot read GUM train and dev")?;
    let header = format!(
        "attache noun kinds: how often GUM's annotators typed a mention headed by each common noun\n\
         as a person, an organisation, a place, an abstract idea/event/time or a concrete thing (lemma and plural form, nouns\n\
         seen at least {} times in GUM train + dev).\n\
         Trained by: attache train kinds --data {}\n\
         {scores}\n\
         Counts learned from GUM (Georgetown University Multilayer corpus), CC BY / CC BY-SA 4.0:\n\
         this table carries CC BY-SA 4.0.\n\
         noun\tperson\torganisation\tplace\tabstract\tconcrete",
        kinds::MIN_MENTIONS,
        args.data.display()
    );
    std::fs::write(out, table.to_text(&header))
        .with_context(|| format!("cannot write {}", out.display()))?;
    eprintln!("attache: wrote {} ({} nouns)", out.display(), table.len());
    Ok(())
}

/// The EWT and GUM training sentences (GUM adds 0.4-0.5 points of UPOS on EWT dev).
fn tagger_data(ud: &Path) -> anyhow::Result<(Vec<Sentence>, Vec<Sentence>, Vec<Sentence>)> {
    let ewt: Vec<Sentence> = treebank::ewt(ud, Split::Train)
        .context("cannot read EWT train")?
        .into_iter()
        .flat_map(|d| d.sentences)
        .collect();
    let gum: Vec<Sentence> = treebank::gum(ud, Split::Train)
        .context("cannot read GUM train")?
        .into_iter()
        .flat_map(|d| d.sentences)
        .collect();
    let dev =
        conllu::read(&treebank::ewt_official(ud, Split::Dev)).context("cannot read EWT dev")?;
    Ok((ewt, gum, dev))
}

fn write_model(file: &attache_analysis::model_file::ModelFile, out: &Path) -> anyhow::Result<()> {
    if let Some(dir) = out.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    }
    file.write(out)?;
    eprintln!("attache: wrote {}", out.display());
    Ok(())
}

fn train_tagger(args: &TrainArgs, out: &Path) -> anyhow::Result<()> {
    let started = attache_model::cpu::cpu_seconds().unwrap_or(0.0);
    let (ewt, gum, dev) = tagger_data(&args.data)?;
    let mut train: Vec<&Sentence> = ewt.iter().collect();
    let lemma_train = train.clone();
    train.extend(gum.iter());
    let dev: Vec<&Sentence> = dev.iter().collect();
    let mut settings = TrainSettings::default();
    if let Some(e) = args.epochs {
        settings.epochs = e;
    }
    eprintln!(
        "attache: training the tagger on {} sentences (EWT train {}, GUM train {}), {} epochs",
        train.len(),
        ewt.len(),
        gum.len(),
        settings.epochs
    );
    let mut model = tagger::train(&train, &lemma_train, &dev, &settings, &mut |line| {
        eprintln!("attache: tagger: {line}");
    });
    let test = conllu::read(&treebank::ewt_official(&args.data, Split::Test))
        .context("cannot read EWT test")?;
    let s = tagger::evaluate(&model, test.iter());
    let info = format!(
        "attache tagger (UPOS+XPOS averaged perceptron, lemma rules). Trained by `attache train \
         tagger --data <ud>` on UD English EWT train and GUM train ({} sentences, {} epochs, \
         seed {:#x}); lemma rules from EWT train only. EWT test, gold tokens: UPOS {:.4} XPOS \
         {:.4} lemma {:.4}. Weights learned from CC BY-SA 4.0 data: this model is licensed CC \
         BY-SA 4.0.",
        train.len(),
        settings.epochs,
        settings.seed,
        s.upos_accuracy(),
        s.xpos_accuracy(),
        s.lemma_accuracy()
    );
    model.set_info(&info);
    let file = model.to_file();
    if let Some(dir) = out.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    }
    file.write(out)?;
    let size = std::fs::metadata(out).map(|m| m.len()).unwrap_or(0);
    eprintln!(
        "attache: wrote {} ({:.1} MB, {} features); EWT test UPOS {:.4} XPOS {:.4} lemma {:.4}; {:.0} s CPU",
        out.display(),
        size as f64 / 1e6,
        model.feature_count(),
        s.upos_accuracy(),
        s.xpos_accuracy(),
        s.lemma_accuracy(),
        attache_model::cpu::cpu_seconds().unwrap_or(0.0) - started
    );
    Ok(())
}

/// Train the dependency parser (EWT train + GUM train with jackknifed tags by default; scored
/// on EWT dev with the built-in tagger's tags after each epoch).
fn train_parser(args: &TrainArgs, out: &Path) -> anyhow::Result<()> {
    use attache_analysis::parser::{score, train};
    use attache_analysis::tagger::Tagger;
    use attache_model::cpu::cpu_seconds;
    let defaults = train::Settings::default();
    let epochs = args.epochs.unwrap_or(defaults.epochs);
    let prune = args.prune.unwrap_or(defaults.prune);
    let beam = args.beam.unwrap_or(defaults.beam);
    if !(1..=attache_analysis::parser::MAX_BEAM).contains(&beam) {
        anyhow::bail!(
            "--beam {beam}: expected 1 (greedy) to {}",
            attache_analysis::parser::MAX_BEAM
        );
    }
    if !(prune.is_finite() && prune >= 0.0) {
        anyhow::bail!("--prune {prune}: expected a weight of 0 or more (one update is 1.0)");
    }
    let mut sentences = train::training_sentences(&args.data, !args.no_gum)
        .with_context(|| format!("cannot read the treebanks under {}", args.data.display()))?;
    let dev_path = treebank::ewt_official(&args.data, Split::Dev);
    let mut dev = conllu::read(&dev_path)?;
    let start = cpu_seconds().unwrap_or(0.0);
    let tags = if args.gold_tags {
        "gold tags"
    } else {
        train::jackknife_tags(&mut sentences, args.folds, &mut |note| {
            eprintln!("  {note}")
        });
        train::retag(&Tagger::builtin()?, &mut dev);
        "predicted tags"
    };
    eprintln!(
        "attache: training the parser on {} sentences ({}), {} epochs, beam {beam}",
        sentences.len(),
        if args.no_gum {
            "EWT train"
        } else {
            "EWT train + GUM train"
        },
        epochs
    );
    let settings = train::Settings {
        epochs,
        prune,
        beam,
        ..defaults
    };
    let mut scoring = 0.0;
    let parser = train::train(&sentences, &settings, |report, build| {
        let before = cpu_seconds().unwrap_or(0.0);
        let dev_score = score::evaluate(&build(settings.prune)?, &dev);
        scoring += cpu_seconds().unwrap_or(0.0) - before;
        eprintln!(
            "  epoch {:>2}: oracle-agreeing transitions {:.4}, labels {:.4}; EWT dev ({tags}) UAS {:.4} LAS {:.4}",
            report.epoch + 1,
            report.move_accuracy,
            report.label_accuracy,
            dev_score.uas(),
            dev_score.las()
        );
        Ok(())
    })?;
    let cpu = cpu_seconds().unwrap_or(0.0) - start - scoring;
    let dev_score = score::evaluate(&parser, &dev);
    let (moves, labels) = parser.feature_counts();
    let info = format!(
        "attache dependency parser (arc-hybrid, averaged perceptron, {}).\n\
         Trained by: attache train parser --data {} --epochs {} --prune {} --beam {beam}{}{}\n\
         Data: {} with {tags} (Universal Dependencies English EWT, CC BY-SA 4.0{}); the weights carry CC BY-SA 4.0.\n\
         EWT dev, {tags}: UAS {:.4} LAS {:.4}. Features: {moves} transition, {labels} label.",
        if beam > 1 {
            format!("beam search of {beam}, structured perceptron with max-violation updates")
        } else {
            "greedy, dynamic oracle".to_string()
        },
        args.data.display(),
        epochs,
        prune,
        if args.no_gum { " --no-gum" } else { "" },
        if args.gold_tags {
            " --gold-tags".to_string()
        } else {
            format!(" --folds {}", args.folds)
        },
        if args.no_gum {
            "EWT train"
        } else {
            "EWT train + GUM train"
        },
        if args.no_gum {
            ""
        } else {
            "; GUM, CC BY 4.0 / CC BY-SA per its LICENSE"
        },
        dev_score.uas(),
        dev_score.las()
    );
    parser.to_model_file(&info).write(out)?;
    let size = std::fs::metadata(out).map(|m| m.len()).unwrap_or(0);
    eprintln!(
        "attache: wrote {} ({:.1} MB; {moves} transition and {labels} label features); training took {cpu:.0} s of CPU (tagging included, dev scoring excluded)",
        out.display(),
        size as f64 / 1e6
    );
    Ok(())
}
