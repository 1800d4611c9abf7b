//! Features of an (anaphor, candidate antecedent) pair for the mention-ranking model, and of
//! an anaphor starting a new entity (no antecedent). Template numbers are part of the model
//! file's meaning.

use super::mentions::{CWord, Mention, MentionKind};
use crate::perceptron::FeatureKey;

/// A short code of a mention's kind (name kind, pronoun class, definite, other).
fn kind_code(m: &Mention) -> u32 {
    match m.kind {
        MentionKind::Name(k) => 10 + k as u32,
        MentionKind::Pronoun(c) => 20 + c.code(),
        MentionKind::Definite => 30,
        MentionKind::Other => 31,
    }
}

fn bucket(n: usize, limits: &[usize]) -> u32 {
    limits.iter().position(|&l| n <= l).unwrap_or(limits.len()) as u32
}

/// The head of the clause a word is in: the nearest verb at or above it in the tree (or the
/// top of the tree, or where a malformed tree would loop).
fn clause_head(words: &[CWord], mut w: usize) -> usize {
    for _ in 0..32 {
        let word = &words[w];
        if word.upos == attache_model::Upos::Verb && word.rel != "amod" {
            return w;
        }
        match word.head {
            Some(h) if h < words.len() => w = h,
            _ => return w,
        }
    }
    w
}

/// What the decoder knows about the entity a candidate already belongs to.
#[derive(Debug, Clone, Copy, Default)]
pub struct Salience {
    /// Mentions of the candidate's entity so far.
    pub chain_size: usize,
    /// True when that entity has a name among its mentions.
    pub named: bool,
    /// The kind of the entity's first name.
    pub name_kind: Option<attache_model::EntityKind>,
    /// Bit per noun kind among the entity's mentions (`Mention::noun_kind`).
    pub kinds: u8,
}

/// Features of linking anaphor `a` to candidate `c`; `between` is the number of mentions
/// between them.
pub fn pair(
    words: &[CWord],
    a: &Mention,
    c: &Mention,
    between: usize,
    salience: Salience,
    out: &mut Vec<u32>,
) {
    out.clear();
    let ak = kind_code(a);
    let ck = kind_code(c);
    let (aw, cw) = (&words[a.head], &words[c.head]);
    let sentences = a.sentence - c.sentence.min(a.sentence);
    let sd = bucket(sentences, &[0, 1, 2, 3]);
    let md = bucket(between, &[0, 1, 2, 3, 6, 10]);
    out.push(FeatureKey::new(1).num(ak).num(ck).finish());
    out.push(FeatureKey::new(2).num(ak).num(ck).num(sd).finish());
    out.push(FeatureKey::new(3).num(ak).num(md).finish());
    out.push(FeatureKey::new(4).num(ak).str(&cw.rel).finish());
    out.push(
        FeatureKey::new(5)
            .num(ak)
            .str(&aw.rel)
            .str(&cw.rel)
            .finish(),
    );
    out.push(
        FeatureKey::new(6)
            .num(ak)
            .num(u32::from(c.plural(words)))
            .num(u32::from(a.plural(words)))
            .finish(),
    );
    out.push(FeatureKey::new(7).num(ak).str(&cw.lemma).finish());
    if let MentionKind::Name(_) = c.kind {
        // A person's first word (usually a given name) tells the gender.
        out.push(
            FeatureKey::new(8)
                .num(ak)
                .str(&words[c.start].lower)
                .finish(),
        );
    }
    out.push(
        FeatureKey::new(12)
            .num(ak)
            .num(bucket(salience.chain_size, &[0, 1, 2, 4, 8]))
            .num(u32::from(salience.named))
            .finish(),
    );
    // What the candidate's entity has gathered so far (entity-level agreement).
    let name_kind = salience.name_kind.map_or(9, |k| k as u32);
    out.push(FeatureKey::new(20).num(ak).num(name_kind).finish());
    let noun_kind = |k: Option<attache_model::kinds::NounKind>| k.map_or(9, |k| k as u32);
    out.push(
        FeatureKey::new(23)
            .num(ak)
            .num(ck)
            .num(noun_kind(c.noun_kind))
            .finish(),
    );
    out.push(
        FeatureKey::new(24)
            .num(ak)
            .num(u32::from(salience.kinds))
            .finish(),
    );
    // The pronoun's own form (case: he, him, his, himself) with the candidate's role, and
    // whether the candidate is the subject of the pronoun's own clause (binding: "him" is
    // not the clause's subject, "himself" and often "his" are).
    let (ac, cc) = (clause_head(words, a.head), clause_head(words, c.head));
    let clause_subject = ac == cc && cw.rel == "nsubj";
    out.push(
        FeatureKey::new(26)
            .num(ak)
            .str(&aw.lower)
            .num(u32::from(clause_subject))
            .num(u32::from(ac == cc))
            .finish(),
    );
    let same_clause = aw.head.is_some() && aw.head == cw.head;
    out.push(
        FeatureKey::new(14)
            .num(ak)
            .num(u32::from(same_clause))
            .num(u32::from(sentences == 0))
            .finish(),
    );
    out.push(
        FeatureKey::new(18)
            .num(ak)
            .num(ck)
            .str(cw.upos.as_str())
            .finish(),
    );
    out.push(
        FeatureKey::new(19)
            .num(ak)
            .str(cw.upos.as_str())
            .str(&cw.rel)
            .num(sd)
            .finish(),
    );
    if a.kind == MentionKind::Definite {
        let same_head = aw.lemma == cw.lemma;
        out.push(
            FeatureKey::new(9)
                .num(ck)
                .num(u32::from(same_head))
                .num(sd)
                .finish(),
        );
        out.push(FeatureKey::new(10).str(&aw.lemma).num(ck).finish());
        out.push(
            FeatureKey::new(25)
                .num(noun_kind(a.noun_kind))
                .num(noun_kind(c.noun_kind))
                .num(name_kind)
                .finish(),
        );
        out.push(FeatureKey::new(11).str(&aw.lemma).str(&cw.lemma).finish());
        out.push(
            FeatureKey::new(15)
                .num(u32::from(same_head))
                .num(u32::from(a.plural(words) == c.plural(words)))
                .finish(),
        );
    }
}

/// Features of anaphor `a` having no antecedent among `candidates` candidates; `next` is the
/// word after it.
pub fn new_entity(
    words: &[CWord],
    a: &Mention,
    candidates: usize,
    next: Option<&CWord>,
    out: &mut Vec<u32>,
) {
    out.clear();
    let ak = kind_code(a);
    let aw = &words[a.head];
    out.push(FeatureKey::new(50).num(ak).finish());
    out.push(FeatureKey::new(51).num(ak).str(&aw.lemma).finish());
    out.push(FeatureKey::new(52).num(ak).str(&aw.rel).finish());
    out.push(
        FeatureKey::new(53)
            .num(ak)
            .str(next.map_or("<end>", |w| w.lemma.as_str()))
            .finish(),
    );
    out.push(
        FeatureKey::new(54)
            .num(ak)
            .num(bucket(candidates, &[0, 1, 3, 8]))
            .finish(),
    );
    out.push(
        FeatureKey::new(55)
            .num(ak)
            .num(u32::from(a.sentence == 0))
            .finish(),
    );
    let dependents = words
        .iter()
        .filter(|w| w.head == Some(a.head) && w.rel != "det")
        .count();
    out.push(
        FeatureKey::new(56)
            .num(ak)
            .num(bucket(dependents, &[0, 1, 2]))
            .finish(),
    );
}
