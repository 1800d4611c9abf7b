//! What the coder looks up across a whole document, indexed once per document so that no
//! lookup scans every mention (a hostile page of 50,000 sentences stays near-linear).

use attache_model::{ActorKind, Document, Span};

/// How many coreference mentions starting at or before a token are checked for containing
/// it (mentions nest: "the Taliban's foreign minister" holds "the Taliban").
const NESTING_CHECKED: usize = 8;

/// Per-document lookups: person mentions in text order and coreference chains by position.
#[derive(Debug, Default)]
pub(crate) struct DocIndex {
    /// Indices of `Person` mentions, in text order.
    pub persons: Vec<usize>,
    /// Every coreference mention's span with its chain, sorted by start.
    coref: Vec<(Span, usize)>,
    /// Per chain: the actor mentions (indices into `Document::mentions`) inside its
    /// mentions, with where that coreference mention ends, in text order.
    chain_actors: Vec<Vec<(usize, usize)>>,
}

impl DocIndex {
    /// Index a document's mentions and coreference chains.
    pub fn of(doc: &Document) -> DocIndex {
        let persons = doc
            .mentions
            .iter()
            .enumerate()
            .filter(|(_, m)| m.kind == ActorKind::Person)
            .map(|(i, _)| i)
            .collect();
        let mut coref = Vec::new();
        let mut chain_actors = Vec::with_capacity(doc.coref.len());
        for (c, chain) in doc.coref.iter().enumerate() {
            let mut actors = Vec::new();
            for cm in &chain.mentions {
                coref.push((cm.span, c));
                // Mentions are in text order: the first one starting inside this mention.
                let first = doc
                    .mentions
                    .partition_point(|m| m.span.start < cm.span.start);
                let inside = doc.mentions[first..]
                    .iter()
                    .enumerate()
                    .take_while(|(_, m)| m.span.start < cm.span.end)
                    .find(|(_, m)| m.span.end <= cm.span.end && m.kind != ActorKind::Place)
                    .map(|(k, _)| first + k);
                // Or an actor mention holding this one: the dictionary's "The Taliban"
                // around the recogniser's "Taliban".
                let around = || {
                    first.checked_sub(1).filter(|&k| {
                        let m = &doc.mentions[k];
                        m.span.end >= cm.span.end && m.kind != ActorKind::Place
                    })
                };
                if let Some(k) = inside.or_else(around) {
                    actors.push((cm.span.end, k));
                }
            }
            actors.sort_unstable();
            chain_actors.push(actors);
        }
        coref.sort_unstable_by_key(|(s, _)| (s.start, s.end));
        DocIndex {
            persons,
            coref,
            chain_actors,
        }
    }

    /// True when the document has coreference chains.
    pub fn has_chains(&self) -> bool {
        !self.coref.is_empty()
    }

    /// The chain with a mention that contains `at`, if any.
    pub fn chain_at(&self, at: Span) -> Option<usize> {
        let after = self.coref.partition_point(|(s, _)| s.start <= at.start);
        self.coref[after.saturating_sub(NESTING_CHECKED)..after]
            .iter()
            .rev()
            .find(|(s, _)| s.start <= at.start && at.end <= s.end)
            .map(|(_, c)| *c)
    }

    /// The first actor mention of a chain that ends before byte `before`.
    pub fn first_actor(&self, chain: usize, before: usize) -> Option<usize> {
        self.chain_actors
            .get(chain)?
            .iter()
            .find(|(end, _)| *end <= before)
            .map(|(_, m)| *m)
    }
}
