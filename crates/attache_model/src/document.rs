//! An article with the layers that annotation stages add.

use serde::{Deserialize, Serialize};

use crate::{Article, CorefChain, Entity, Event, Layers, Span, Token};

/// An article plus typed annotation layers, filled in by [`crate::Annotator`] stages.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Document {
    /// Where the article came from (a path or an identifier), for reports.
    pub source: String,
    /// The article; its `text` is what every span points into.
    pub article: Article,
    /// Sentences in text order, covering the body without overlap.
    pub sentences: Vec<Sentence>,
    /// Tokens in text order with tags, lemmas and dependency heads (UD conventions; see
    /// [`crate::analysis`]).
    #[serde(default)]
    pub tokens: Vec<Token>,
    /// Named entities in text order.
    #[serde(default)]
    pub entities: Vec<Entity>,
    /// Coreference chains within the article.
    #[serde(default)]
    pub coref: Vec<CorefChain>,
    /// Actor and place mentions in text order.
    pub mentions: Vec<Mention>,
    /// Recoverable oddities met while annotating (data, not errors).
    pub warnings: Vec<String>,
    /// Coded events in text order (filled in by event coding).
    #[serde(default)]
    pub events: Vec<Event>,
    /// When the pipeline first saw the article (the fetch or ingest time, or the user's
    /// `--date`; RFC 3339): the date its events get when the article gives none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_seen: Option<String>,
    /// The country the story is about, when the text makes it clear (set with the actor
    /// mentions by `attache_nlp::ArticleCountry`): unlisted parties take it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub story_country: Option<String>,
    /// Which layers have been filled in so far.
    #[serde(skip)]
    pub layers: Layers,
    /// When set, stages that work sentence by sentence stop at the first sentence after this
    /// instant with [`crate::AnnotateError::OverBudget`]: the caller's time budget for the
    /// document (so one hostile page cannot stall a run). Not part of the document's data.
    #[serde(skip)]
    pub deadline: Option<std::time::Instant>,
}

impl Document {
    /// The place or country mention that names the article's dateline ("CAIRO:" resolved to
    /// a place coded with its country), when there is a dateline and the resolver coded it.
    pub fn dateline_place(&self) -> Option<&Mention> {
        let wanted = self.article.dateline.as_deref()?.trim().to_lowercase();
        self.mentions
            .iter()
            .filter(|m| matches!(m.kind, ActorKind::Place | ActorKind::Country))
            .find(|m| {
                m.name.to_lowercase() == wanted
                    || self.text_of(m.span).trim().to_lowercase() == wanted
            })
    }

    /// A document with no layers yet.
    pub fn new(source: impl Into<String>, article: Article) -> Self {
        Document {
            source: source.into(),
            article,
            ..Document::default()
        }
    }

    /// The text under a span ("" when the span does not fit, which would be a stage bug).
    pub fn text_of(&self, span: Span) -> &str {
        span.slice(&self.article.text).unwrap_or("")
    }

    /// The range of `tokens` that belong to sentence `sentence` (empty before tokenising).
    pub fn sentence_tokens(&self, sentence: usize) -> std::ops::Range<usize> {
        let start = self.tokens.partition_point(|t| t.sentence < sentence);
        let end = self.tokens.partition_point(|t| t.sentence <= sentence);
        start..end
    }

    /// Index of the token that contains byte `offset`, if any.
    pub fn token_at(&self, offset: usize) -> Option<usize> {
        let i = self.tokens.partition_point(|t| t.span.end <= offset);
        (i < self.tokens.len() && self.tokens[i].span.start <= offset).then_some(i)
    }

    /// True when the document's [`Document::deadline`] has passed.
    pub fn past_deadline(&self) -> bool {
        self.deadline
            .is_some_and(|d| std::time::Instant::now() >= d)
    }

    /// Index of the sentence that contains byte `offset`, if any.
    pub fn sentence_at(&self, offset: usize) -> Option<usize> {
        let i = self.sentences.partition_point(|s| s.span.end <= offset);
        (i < self.sentences.len() && self.sentences[i].span.start <= offset).then_some(i)
    }
}

/// One sentence of the body.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sentence {
    /// Where the sentence lies in the article text.
    pub span: Span,
}

/// What kind of thing a mention names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ActorKind {
    /// A country as a whole ("Pakistan", "Pakistani").
    Country,
    /// A government or one of its bodies ("Islamabad" used for the government, "the Afghan side").
    Government,
    /// A person, usually known by title ("Defense Minister Khawaja Asif").
    Person,
    /// A non-state armed group (TTP, BLA, ISKP).
    ArmedGroup,
    /// An organisation: international, non-governmental, business, media...
    Organisation,
    /// A place that is not acting (the "Istanbul" of "talks in Istanbul").
    Place,
    /// A group of people that is not an organisation ("protesters", "civilians").
    Group,
}

impl ActorKind {
    /// The kind's name as shown to readers ("person", "armed-group").
    pub fn name(self) -> &'static str {
        match self {
            ActorKind::Country => "country",
            ActorKind::Government => "government",
            ActorKind::Person => "person",
            ActorKind::ArmedGroup => "armed-group",
            ActorKind::Organisation => "organisation",
            ActorKind::Place => "place",
            ActorKind::Group => "group",
        }
    }
}

/// A place in the text that names an actor or a place, with what it resolved to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mention {
    /// Where the mention lies in the article text.
    pub span: Span,
    /// Index of the sentence it is in.
    pub sentence: usize,
    /// What it names.
    pub kind: ActorKind,
    /// CAMEO-style actor code (`PAKGOV`, `AFGREB`, `IGOUNO`...); empty for places without one.
    pub code: String,
    /// Canonical name of what it names.
    pub name: String,
    /// The dictionary entry or rule that resolved it, so a reader can check it.
    pub why: String,
}
