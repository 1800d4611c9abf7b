//! Actor dictionaries: phrases that name actors, with their codes over time.
//!
//! One [`ActorDictionary`] holds entries from any mix of sources: the team's files (embedded
//! in the binary, see [`ActorDictionary::builtin`]), user files in the same format, and
//! PETRARCH/TABARI actor and agent dictionaries. [`ActorDictionary::merge`] combines them;
//! when two sources define the same phrase, the higher [`Source`] wins (user over the team's
//! over PETRARCH), then the one loaded last. Two PETRARCH conventions apply when its files
//! are loaded: its agent file defines the sector nouns (the team's bare agent nouns are not
//! matched: "Filipino peacekeepers" is PHL, "Somali militants" SOMUAF), and its finer code for a phrase the
//! team codes coarser is taken ([`ActorDictionary::refine_from_petrarch`]: "Gaza Strip" =
//! PSEGZA, "national security adviser" = GOVMIL).

mod petrarch;
mod refine;
mod stems;
mod team;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::date::Day;
use crate::tokenize::{folded_phrase, Token};
use crate::NlpError;

/// What an entry names, which decides how a match is turned into a mention.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum EntryKind {
    /// A country by name ("Pakistan").
    Country,
    /// A demonym or adjective ("Pakistani", "Afghans").
    Demonym,
    /// A capital: the government when it acts ("Islamabad maintains"), a place otherwise.
    Capital,
    /// A place that never acts (a city, a region).
    Place,
    /// A government body or seat ("the Kremlin", "the Taliban regime").
    Government,
    /// A named person.
    Person,
    /// A non-state armed group.
    ArmedGroup,
    /// An organisation (IGO, NGO, company, media).
    Organisation,
    /// A group of people that is not an organisation.
    Group,
    /// A personal title ("Defense Minister"); a name may follow it.
    Title,
    /// A sector noun ("police", "rebels") that takes a country from its context.
    Agent,
    /// A sector noun that only counts with a country before it ("the Afghan side").
    Attached,
}

impl EntryKind {
    /// The kind named in the team format's first column.
    pub fn parse(word: &str) -> Option<EntryKind> {
        Some(match word {
            "country" => EntryKind::Country,
            "demonym" => EntryKind::Demonym,
            "capital" => EntryKind::Capital,
            "place" => EntryKind::Place,
            "government" => EntryKind::Government,
            "person" => EntryKind::Person,
            "armed_group" => EntryKind::ArmedGroup,
            "organisation" | "organization" => EntryKind::Organisation,
            "group" => EntryKind::Group,
            "title" => EntryKind::Title,
            "agent" => EntryKind::Agent,
            "attached" => EntryKind::Attached,
            _ => return None,
        })
    }

    /// The team-format name of the kind.
    pub fn as_str(self) -> &'static str {
        match self {
            EntryKind::Country => "country",
            EntryKind::Demonym => "demonym",
            EntryKind::Capital => "capital",
            EntryKind::Place => "place",
            EntryKind::Government => "government",
            EntryKind::Person => "person",
            EntryKind::ArmedGroup => "armed_group",
            EntryKind::Organisation => "organisation",
            EntryKind::Group => "group",
            EntryKind::Title => "title",
            EntryKind::Agent => "agent",
            EntryKind::Attached => "attached",
        }
    }

    /// Sector nouns and titles: their code is a sector to add to a country.
    pub fn is_sector(self) -> bool {
        matches!(
            self,
            EntryKind::Title | EntryKind::Agent | EntryKind::Attached
        )
    }
}

/// One code of an entry, valid between two days (inclusive; an open end is unbounded).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Role {
    /// The CAMEO-style code (`PAKGOV`), or for sector entries the sector (`GOV`).
    pub code: String,
    /// First day of the role.
    pub from: Option<Day>,
    /// Last day of the role.
    pub to: Option<Day>,
}

impl Role {
    /// A role without dates.
    pub fn always(code: impl Into<String>) -> Role {
        Role {
            code: code.into(),
            from: None,
            to: None,
        }
    }

    fn is_dated(&self) -> bool {
        self.from.is_some() || self.to.is_some()
    }

    fn contains(&self, day: Day) -> bool {
        self.from.is_none_or(|f| f <= day) && self.to.is_none_or(|t| day <= t)
    }
}

/// Where an entry came from; decides which entry wins when sources define the same phrase.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Source {
    /// A PETRARCH/TABARI dictionary.
    Petrarch,
    /// The team's dictionaries shipped with attache.
    Builtin,
    /// A user dictionary in the team format (overrides everything else).
    User,
}

/// A dictionary line, for the `why` of a mention.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Origin {
    /// File name (without folders).
    pub file: Arc<str>,
    /// 1-based line.
    pub line: u32,
}

impl std::fmt::Display for Origin {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}", self.file, self.line)
    }
}

/// One thing a dictionary knows: its kind, canonical name and codes.
#[derive(Debug, Clone)]
pub struct Entry {
    /// What it names.
    pub kind: EntryKind,
    /// Canonical name.
    pub name: String,
    /// Codes in order of preference; the first whose dates contain the article day wins.
    pub roles: Vec<Role>,
    /// For sector entries: the sector goes before the actor's code (PETRARCH `NGO~`).
    pub prefix: bool,
    /// Which kind of dictionary defined it.
    pub source: Source,
    /// The line that defined it.
    pub origin: Origin,
}

impl Entry {
    /// The code on `day`: the first dated role containing it, else the first undated role.
    /// Without a day, "now": the open-ended role that started last, else the undated one.
    /// Outside every role (a PETRARCH official between terms) the country of the last role.
    pub fn code_at(&self, day: Option<Day>) -> &str {
        match day {
            Some(day) => {
                if let Some(role) = self.roles.iter().find(|r| r.is_dated() && r.contains(day)) {
                    return &role.code;
                }
            }
            None => {
                let current = self
                    .roles
                    .iter()
                    .filter(|r| r.to.is_none() && r.from.is_some())
                    .max_by_key(|r| r.from);
                if let Some(role) = current {
                    return &role.code;
                }
            }
        }
        if let Some(role) = self.roles.iter().find(|r| !r.is_dated()) {
            return &role.code;
        }
        self.roles
            .last()
            .map_or("", |r| crate::codes::country_of(&r.code))
    }
}

/// How the text must be written for an alias to match.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CaseRule {
    /// Any case ("the afghan side", "police").
    Any,
    /// The first letter must be a capital ("Turkey", not the bird).
    Capitalized,
    /// The letters must be exactly these capitals ("US", "U.S.", never "us").
    Exact,
}

/// A phrase that names an entry.
#[derive(Debug, Clone)]
pub struct Alias {
    /// Folded tokens separated by spaces (what the automaton matches).
    pub folded: String,
    /// The letters of the alias as written, for [`CaseRule::Exact`].
    pub letters: String,
    /// How the text must be written.
    pub case: CaseRule,
    /// Index of the entry in [`ActorDictionary::entries`].
    pub entry: u32,
    /// For [`CaseRule::Capitalized`] aliases written in mixed case: bit `i` is set when word
    /// `i` is written with a capital, which the text then needs too ("Islamic State", not
    /// "a strict Islamic state"). Zero when only the first word counts.
    pub word_capitals: u32,
}

impl CaseRule {
    /// The rule the team format implies from how an alias is written: all capitals match
    /// only in capitals, and so does a one-word name with a capital inside it ("LeT", "JuD":
    /// mixed-case acronyms, never the word "Let"); a leading capital needs a leading capital;
    /// lowercase matches any.
    pub fn from_written(alias: &str) -> CaseRule {
        let mut letters = alias.chars().filter(|c| c.is_alphabetic());
        let first = letters.clone().next();
        let count = letters.clone().count();
        let one_word = !alias.contains([' ', '-']);
        let inner_capital = one_word
            && alias
                .chars()
                .zip(alias.chars().skip(1))
                .any(|(a, b)| a.is_lowercase() && b.is_uppercase());
        if (count >= 2 && letters.all(|c| !c.is_lowercase())) || inner_capital {
            CaseRule::Exact
        } else if first.is_some_and(char::is_uppercase) {
            CaseRule::Capitalized
        } else {
            CaseRule::Any
        }
    }
}

/// A set of entries and their aliases.
#[derive(Debug, Clone, Default)]
pub struct ActorDictionary {
    entries: Vec<Entry>,
    aliases: Vec<Alias>,
    /// Lines that were loaded only in part (`file:line: problem`).
    warnings: Vec<String>,
}

/// The team's files, embedded so attache works with nothing to configure.
const BUILTIN: &[(&str, &str)] = &[
    (
        "countries.txt",
        include_str!("../../../../data/actors/countries.txt"),
    ),
    (
        "countries_extra.txt",
        include_str!("../../../../data/actors/countries_extra.txt"),
    ),
    (
        "capitals.txt",
        include_str!("../../../../data/actors/capitals.txt"),
    ),
    (
        "cities.txt",
        include_str!("../../../../data/actors/cities.txt"),
    ),
    (
        "seats.txt",
        include_str!("../../../../data/actors/seats.txt"),
    ),
    ("igos.txt", include_str!("../../../../data/actors/igos.txt")),
    (
        "groups.txt",
        include_str!("../../../../data/actors/groups.txt"),
    ),
    (
        "people.txt",
        include_str!("../../../../data/actors/people.txt"),
    ),
    (
        "agents.txt",
        include_str!("../../../../data/actors/agents.txt"),
    ),
];

impl ActorDictionary {
    /// An empty dictionary.
    pub fn new() -> Self {
        Self::default()
    }

    /// The team's dictionaries from `data/actors/`, embedded at build time.
    pub fn builtin() -> Result<Self, NlpError> {
        let mut dict = ActorDictionary::new();
        for (name, text) in BUILTIN {
            dict.merge(Self::parse_team(text, name, Source::Builtin)?);
        }
        Ok(dict)
    }

    /// Entries of the team format (see `data/actors/README.md`) from `text`; `file` names
    /// the text in errors and in the `why` of mentions.
    pub fn parse_team(text: &str, file: &str, source: Source) -> Result<Self, NlpError> {
        team::parse(text, file, source)
    }

    /// A user dictionary file in the team format; its entries override every other source.
    pub fn load_team_file(path: &Path) -> Result<Self, NlpError> {
        let text = read_lossy(path)?;
        team::parse(&text, &display_name(path), Source::User)
    }

    /// A PETRARCH/TABARI actor dictionary (`NAME_ [CODE]`, `+SYNONYM_`, dated role lines).
    pub fn load_petrarch_actors(path: &Path) -> Result<Self, NlpError> {
        let text = read_lossy(path)?;
        petrarch::parse_actors(&text, &display_name(path))
    }

    /// A PETRARCH/TABARI actor dictionary from text.
    pub fn parse_petrarch_actors(text: &str, file: &str) -> Result<Self, NlpError> {
        petrarch::parse_actors(text, file)
    }

    /// A PETRARCH agent dictionary (`FARMER [~AGR]`, `{plurals}`, `!PERSON!` macros).
    pub fn load_petrarch_agents(path: &Path) -> Result<Self, NlpError> {
        let text = read_lossy(path)?;
        petrarch::parse_agents(&text, &display_name(path))
    }

    /// A PETRARCH agent dictionary from text.
    pub fn parse_petrarch_agents(text: &str, file: &str) -> Result<Self, NlpError> {
        petrarch::parse_agents(text, file)
    }

    /// Every `*.actors.txt` and `*.agents.txt` file of a folder, in name order.
    pub fn load_petrarch_dir(dir: &Path) -> Result<Self, NlpError> {
        let mut dict = ActorDictionary::new();
        for (path, kind) in petrarch_files(dir)? {
            dict.merge(match kind {
                PetrarchFile::Actors => Self::load_petrarch_actors(&path)?,
                PetrarchFile::Agents => Self::load_petrarch_agents(&path)?,
            });
        }
        Ok(dict)
    }

    /// Add every entry of `other`; where both define a phrase, precedence decides at match
    /// time (higher [`Source`], then later loaded).
    pub fn merge(&mut self, other: ActorDictionary) {
        let offset = self.entries.len() as u32;
        self.warnings.extend(other.warnings);
        self.entries.extend(other.entries);
        self.aliases.extend(other.aliases.into_iter().map(|mut a| {
            a.entry += offset;
            a
        }));
    }

    /// Add one entry with its aliases (the canonical name is always an alias). Returns the
    /// entry's index.
    pub fn add(&mut self, entry: Entry, aliases: &[&str], case: Option<CaseRule>) -> u32 {
        let id = self.entries.len() as u32;
        let name = entry.name.clone();
        self.entries.push(entry);
        for written in std::iter::once(name.as_str()).chain(aliases.iter().copied()) {
            self.push_alias(
                id,
                written,
                case.unwrap_or_else(|| CaseRule::from_written(written)),
            );
        }
        id
    }

    /// Add an entry without aliases (the caller adds them with chosen case rules).
    fn add_entry_only(&mut self, entry: Entry) -> u32 {
        self.entries.push(entry);
        (self.entries.len() - 1) as u32
    }

    fn push_alias(&mut self, entry: u32, written: &str, case: CaseRule) {
        let folded = folded_phrase(written);
        if folded.is_empty() {
            return;
        }
        let letters = written.chars().filter(|c| c.is_alphanumeric()).collect();
        let mixed = written.chars().any(char::is_lowercase);
        let mut word_capitals = 0;
        if case == CaseRule::Capitalized && mixed {
            let words = crate::tokenize::tokenize(written);
            for (i, t) in words.iter().filter(|t| !t.is(Token::JOINER)).enumerate() {
                if i < 32 && t.is(Token::CAP) {
                    word_capitals |= 1 << i;
                }
            }
        }
        self.aliases.push(Alias {
            folded,
            letters,
            case,
            entry,
            word_capitals,
        });
    }

    /// Lines loaded only in part, as `file:line: problem` (a PETRARCH role whose date cannot
    /// be read is skipped, not fatal: the field's own files have a few).
    pub fn warnings(&self) -> &[String] {
        &self.warnings
    }

    /// All entries.
    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    /// All aliases.
    pub fn aliases(&self) -> &[Alias] {
        &self.aliases
    }

    /// Number of entries.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// True when there is no entry.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The entry at `index`.
    pub fn entry(&self, index: u32) -> Option<&Entry> {
        self.entries.get(index as usize)
    }

    /// Entries whose canonical name or alias folds to the same phrase as `phrase`.
    pub fn lookup(&self, phrase: &str) -> Vec<&Entry> {
        let folded = folded_phrase(phrase);
        self.aliases
            .iter()
            .filter(|a| a.folded == folded)
            .filter_map(|a| self.entry(a.entry))
            .collect()
    }
}

/// Read a dictionary file as UTF-8, replacing invalid bytes (some PETRARCH files carry a few
/// Latin-1 or control bytes in names nobody matches).
fn read_lossy(path: &Path) -> Result<String, NlpError> {
    let bytes = std::fs::read(path).map_err(|e| NlpError::io(path, e))?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

/// Which PETRARCH dictionary a file of a folder is, by its name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PetrarchFile {
    /// `*.actors.txt`: actors with their codes and dated roles.
    Actors,
    /// `*.agents.txt`: agents (sector nouns) with their code segments.
    Agents,
}

/// The `*.actors.txt` and `*.agents.txt` files of a PETRARCH folder, in name order (what
/// every loader of such a folder reads, strict or not); an error when there are none.
pub fn petrarch_files(dir: &Path) -> Result<Vec<(PathBuf, PetrarchFile)>, NlpError> {
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .map_err(|e| NlpError::io(dir, e))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    paths.sort();
    let files: Vec<_> = paths
        .into_iter()
        .filter_map(|path| {
            let name = display_name(&path).to_ascii_lowercase();
            let kind = if name.ends_with(".actors.txt") {
                PetrarchFile::Actors
            } else if name.ends_with(".agents.txt") {
                PetrarchFile::Agents
            } else {
                return None;
            };
            Some((path, kind))
        })
        .collect();
    if files.is_empty() {
        return Err(NlpError::io(
            dir,
            std::io::Error::new(
                std::io::ErrorKind::NotFound,
                "no *.actors.txt or *.agents.txt file",
            ),
        ));
    }
    Ok(files)
}

fn display_name(path: &Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(roles: Vec<Role>) -> Entry {
        Entry {
            kind: EntryKind::Person,
            name: "X".into(),
            roles,
            prefix: false,
            source: Source::Builtin,
            origin: Origin {
                file: "t".into(),
                line: 1,
            },
        }
    }

    #[test]
    fn dated_roles_follow_the_article_day() {
        let e = entry(vec![
            Role {
                code: "AFGREB".into(),
                from: None,
                to: Day::new(2021, 8, 14),
            },
            Role {
                code: "AFGGOV".into(),
                from: Day::new(2021, 8, 15),
                to: None,
            },
        ]);
        assert_eq!(e.code_at(Day::new(2015, 1, 1)), "AFGREB");
        assert_eq!(e.code_at(Day::new(2025, 10, 28)), "AFGGOV");
        assert_eq!(e.code_at(None), "AFGGOV");
    }

    #[test]
    fn undated_role_is_the_default_and_last_country_the_fallback() {
        let e = entry(vec![
            Role {
                code: "PAKGOV".into(),
                from: Day::new(2024, 3, 11),
                to: None,
            },
            Role::always("PAKELI"),
        ]);
        assert_eq!(e.code_at(Day::new(2020, 1, 1)), "PAKELI");
        let old = entry(vec![Role {
            code: "AFGGOV".into(),
            from: Day::new(1931, 1, 1),
            to: Day::new(1973, 7, 17),
        }]);
        assert_eq!(old.code_at(Day::new(2015, 1, 1)), "AFG");
    }

    #[test]
    fn case_rule_comes_from_how_the_alias_is_written() {
        assert_eq!(CaseRule::from_written("TTP"), CaseRule::Exact);
        assert_eq!(CaseRule::from_written("U.S."), CaseRule::Exact);
        assert_eq!(CaseRule::from_written("Turkey"), CaseRule::Capitalized);
        // A capital inside one word is a mixed-case acronym: "Let" is not "LeT".
        assert_eq!(CaseRule::from_written("LeT"), CaseRule::Exact);
        assert_eq!(
            CaseRule::from_written("Lashkar-e-Taiba"),
            CaseRule::Capitalized
        );
        assert_eq!(CaseRule::from_written("the Afghan side"), CaseRule::Any);
    }

    #[test]
    fn builtin_dictionaries_load() {
        let dict = ActorDictionary::builtin().expect("builtin dictionaries parse");
        assert!(dict.len() > 5000);
        assert!(dict
            .lookup("Türkiye")
            .iter()
            .any(|e| e.roles[0].code == "TUR"));
        assert!(dict
            .lookup("TURKEY")
            .iter()
            .any(|e| e.roles[0].code == "TUR"));
    }
}
