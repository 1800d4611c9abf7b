//! `attache eval actors`: actor-code accuracy (country level and full code) on a PLOVER GSR
//! JSON or PETRARCH XML gold file.
//!
//! Gold actors: PLOVER GSR source/target actors (with their words, so each is aligned with
//! the mention covering it) and PETRARCH source/target codes of every gold event (codes
//! only, so a gold actor counts as found when any mention of the sentence has it). The
//! alignment rules are documented in `attache_nlp::score`. Sentences are annotated alone
//! (no article default country) with the record's date.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use attache_events::gold::{GoldExpected, GoldSet};
use attache_nlp::score::{score_actors, ActorScore, GoldActor, GoldSentence};
use attache_nlp::{ActorResolver, Day};

use crate::cmd::actors::actor_dictionary;

/// Arguments of `attache eval actors`.
#[derive(clap::Args)]
pub struct ActorsEvalArgs {
    /// The gold file: PLOVER GSR JSON or PETRARCH validation XML.
    #[arg(long)]
    pub bench: PathBuf,
    /// Also load the PETRARCH actor and agent dictionaries of this folder (`*.actors.txt`,
    /// `*.agents.txt`); the team's entries still win where both define a phrase.
    #[arg(long)]
    pub petrarch_dictionaries: Option<PathBuf>,
    /// Also load a dictionary in the team format (overrides everything else); repeatable.
    #[arg(long)]
    pub dictionary: Vec<PathBuf>,
    /// Leave out the team's built-in dictionaries (e.g. for the fictional unit-test actors).
    #[arg(long)]
    pub no_builtin: bool,
    /// Only score records of this category (PETRARCH `AFP`, `GOLD`, `TEST`...).
    #[arg(long)]
    pub category: Option<String>,
    /// List every gold actor not fully right on standard error.
    #[arg(long)]
    pub verbose: bool,
}

/// Run `attache eval actors`.
pub fn run(args: ActorsEvalArgs) -> anyhow::Result<ExitCode> {
    let text = std::fs::read_to_string(&args.bench)
        .with_context(|| format!("cannot read {}", args.bench.display()))?;
    let name = args.bench.display().to_string();
    let set = attache_events::gold::read_gold(&name, &text)?;
    for problem in &set.problems {
        eprintln!("attache: {name}: {problem}");
    }
    let resolver = ActorResolver::new(actor_dictionary(
        args.no_builtin,
        args.petrarch_dictionaries.as_deref(),
        &args.dictionary,
    )?)?;
    let mut sentences = gold_sentences(&set);
    if let Some(category) = &args.category {
        sentences.retain(|s| s.category.as_deref() == Some(category.as_str()));
    }
    let score = score_actors(&resolver, &sentences);
    if args.verbose {
        for miss in &score.misses {
            let gold_text = miss.gold.text.as_deref().unwrap_or("(code only)");
            let predicted = miss
                .predicted
                .as_ref()
                .map_or("nothing".to_string(), |(c, t)| format!("{c} '{t}'"));
            let level = if miss.country_ok {
                "full code"
            } else {
                "country"
            };
            eprintln!(
                "{:<32} {level:<9} gold {} '{gold_text}', got {predicted}",
                miss.id, miss.gold.code
            );
        }
    }
    print_score(&name, args.category.as_deref(), sentences.len(), &score);
    Ok(ExitCode::SUCCESS)
}

/// Gold actors per record, deduplicated; PETRARCH's `---` (no actor) and quoted new-actor
/// phrases are left out.
pub fn gold_sentences(set: &GoldSet) -> Vec<GoldSentence> {
    let mut out = Vec::new();
    for record in set
        .records
        .iter()
        .filter(|r| r.evaluate && !r.text.trim().is_empty())
    {
        let mut actors: Vec<GoldActor> = Vec::new();
        let mut push = |text: Option<String>, code: String| {
            let usable = !code.is_empty() && code != "---" && !code.contains(['"', ' ', '\'']);
            if usable && !actors.iter().any(|a| a.code == code && a.text == text) {
                actors.push(GoldActor { text, code });
            }
        };
        match &record.expected {
            GoldExpected::Triples(triples) => {
                for t in triples {
                    push(None, t.source.clone());
                    push(None, t.target.clone());
                }
            }
            GoldExpected::Plover(p) => {
                for a in p.source.iter().chain(&p.target) {
                    let sector = a.sector.as_deref().filter(|s| *s != "***").unwrap_or("");
                    push(Some(a.text.clone()), format!("{}{sector}", a.code));
                }
            }
            GoldExpected::NoEvents | GoldExpected::Error(_) => {}
        }
        if actors.is_empty() {
            continue;
        }
        out.push(GoldSentence {
            id: record.id.clone(),
            text: record.text.clone(),
            day: record.date.as_deref().and_then(Day::parse),
            category: record.category.clone(),
            actors,
        });
    }
    out
}

fn print_score(name: &str, category: Option<&str>, sentences: usize, score: &ActorScore) {
    let scope = category.map_or(String::new(), |c| format!(" (category {c})"));
    println!("actors on {name}{scope}");
    println!("  sentences with gold actors  {sentences}");
    println!("  gold actors                 {}", score.gold);
    println!("  aligned with a mention      {}", score.aligned);
    println!(
        "  country-level accuracy      {:.3} ({}/{})",
        score.country_accuracy(),
        score.country_ok,
        score.gold
    );
    println!(
        "  full-code accuracy          {:.3} ({}/{})",
        score.full_accuracy(),
        score.full_ok,
        score.gold
    );
}
