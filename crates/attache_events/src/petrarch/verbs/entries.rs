//! The entries a verb dictionary holds: synsets, verb blocks and their verbs, patterns and
//! their elements, event codes, transformations.

/// A synonym set.
#[derive(Debug, Clone, PartialEq)]
pub struct Synset {
    /// Name without `&`.
    pub name: String,
    /// Line of the label.
    pub line: usize,
    /// False when the label ends with `_` (no plurals for any member).
    pub plurals: bool,
    /// Members in file order.
    pub members: Vec<SynsetMember>,
}

/// A member of a synset.
#[derive(Debug, Clone, PartialEq)]
pub enum SynsetMember {
    /// Consecutive words (upper case); `plurals` false when the member ends with `_`.
    Phrase {
        /// The words.
        words: Vec<String>,
        /// Whether plurals may match.
        plurals: bool,
    },
    /// Another synset, by name (the unit-test dictionary nests them).
    Synset(String),
}

/// An event code as `[forward:reverse]`: `forward` codes source→target, `reverse` codes a
/// paired event target→source. `None` for the null code `---`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EventCode {
    /// Code of the event from source to target.
    pub forward: Option<String>,
    /// Code of the paired event from target to source, if any.
    pub reverse: Option<String>,
}

impl EventCode {
    /// True when neither direction codes an event.
    pub fn is_null(&self) -> bool {
        self.forward.is_none() && self.reverse.is_none()
    }
}

/// A verb block: synonymous verbs sharing patterns.
#[derive(Debug, Clone, PartialEq)]
pub struct VerbBlock {
    /// The block name from its header.
    pub name: String,
    /// Line of the header.
    pub line: usize,
    /// The block code (for verbs without their own).
    pub code: EventCode,
    /// Its verbs.
    pub verbs: Vec<VerbEntry>,
    /// Its patterns, in file order (PETRARCH tries longer ones first; the coder decides).
    pub patterns: Vec<Pattern>,
}

/// One verb (possibly multi-word) of a block.
#[derive(Debug, Clone, PartialEq)]
pub struct VerbEntry {
    /// Line in the file.
    pub line: usize,
    /// Its words, upper case (`["ASK", "FOR"]`).
    pub words: Vec<String>,
    /// Index of the verb word in `words`.
    pub verb_at: usize,
    /// Every surface form, each as words: the base, generated regular forms, listed forms.
    pub forms: Vec<Vec<String>>,
    /// Its own code, overriding the block's.
    pub code: Option<EventCode>,
}

/// One element of a pattern.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Token {
    /// A word (upper case).
    Word(String),
    /// A synset reference, by name.
    Synset(String),
    /// `$`: the source actor.
    Source,
    /// `+`: the target actor.
    Target,
    /// `%`: a compound actor (both source and target).
    Compound,
    /// `^`: skip a noun phrase.
    Skip,
    /// `(` opens a prepositional phrase, `{` a noun phrase.
    Open(char),
    /// `)` or `}` closes one.
    Close(char),
}

/// A pattern element with how it attaches to what precedes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PatternToken {
    /// The element.
    pub token: Token,
    /// True when joined to the previous element (or to the verb) by `_`: must be adjacent.
    pub joined: bool,
}

/// A pattern line: what comes before and after the verb, and the code it gives.
#[derive(Debug, Clone, PartialEq)]
pub struct Pattern {
    /// Line in the file.
    pub line: usize,
    /// The pattern as written (without the leading `-`, code and comment).
    pub text: String,
    /// Elements before the verb, in text order.
    pub before: Vec<PatternToken>,
    /// True when the verb is joined by `_` to the last `before` element.
    pub verb_joined: bool,
    /// Elements after the verb, in text order (`joined` on the first means adjacent to it).
    pub after: Vec<PatternToken>,
    /// The code the pattern gives.
    pub code: EventCode,
}

impl Pattern {
    /// True when both patterns have the same elements (whatever their codes).
    pub fn same_shape(&self, other: &Pattern) -> bool {
        self.before == other.before
            && self.verb_joined == other.verb_joined
            && self.after == other.after
    }
}

/// A transformation line (`~ a (a b ATTACK) SAY = a b 015`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Transformation {
    /// Line in the file.
    pub line: usize,
    /// Left-hand side as written.
    pub pattern: String,
    /// Right-hand side: source variable, target variable, code.
    pub result: (String, String, String),
}
