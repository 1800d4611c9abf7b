//! The arc-hybrid transition system (Kuhlmann, Gómez-Rodríguez & Satta 2011) and its dynamic
//! oracle (Goldberg & Nivre 2013).
//!
//! A configuration is a stack, a buffer and the arcs made so far. Position 0 is an artificial
//! ROOT that starts on the stack and never leaves it; words are 1..=n and start in the buffer,
//! which is always a contiguous run `next..=n` (words leave it only at its front). Three
//! transitions:
//! - SHIFT moves the buffer's first word onto the stack;
//! - LEFT makes the buffer's first word the head of the stack's top, and pops it;
//! - RIGHT makes the second item of the stack the head of its top, and pops it.
//!
//! A word leaves the stack only when it gets its head, and by then it has all its dependents,
//! so every finished parse is a tree. One more rule keeps a single root: RIGHT onto ROOT is
//! allowed only once the buffer is empty, which makes it the last transition.
//!
//! Invariant: the state is allocation-free once sized for the longest sentence (`reset`
//! reuses the vectors).

/// A transition (without its label; labels are chosen by a second classifier on each arc).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Move {
    /// Buffer front onto the stack.
    Shift = 0,
    /// Stack top becomes a dependent of the buffer front.
    Left = 1,
    /// Stack top becomes a dependent of the item below it.
    Right = 2,
}

/// The number of transitions, the transition classifier's class count.
pub const MOVES: usize = 3;

impl Move {
    /// The transition with this class index.
    pub fn from_index(i: usize) -> Move {
        match i {
            0 => Move::Shift,
            1 => Move::Left,
            _ => Move::Right,
        }
    }
}

/// "No word" in child slots.
pub const NONE: usize = usize::MAX;

/// A configuration of the arc-hybrid system over a sentence of `n` words.
#[derive(Debug, Clone, Default)]
pub struct State {
    /// Words in the sentence (ROOT excluded).
    pub n: usize,
    /// The stack, bottom first; `stack[0]` is ROOT (0).
    pub stack: Vec<usize>,
    /// The buffer's first word; the buffer is `next..=n` (empty when `next > n`).
    pub next: usize,
    /// Head of each position (index 0 unused), NONE until attached.
    pub head: Vec<usize>,
    /// Label index of each position's arc (0 when unattached).
    pub label: Vec<u16>,
    /// Leftmost and second-leftmost dependents of each position.
    pub left: Vec<[usize; 2]>,
    /// Rightmost and second-rightmost dependents of each position.
    pub right: Vec<[usize; 2]>,
    /// How many dependents each position has on its left and on its right.
    pub valency: Vec<[u8; 2]>,
    /// The set of labels of each position's left and right dependents (label index bits).
    pub label_set: Vec<[u128; 2]>,
    /// The last attached dependent of each position with a marker relation (case, mark), or
    /// NONE: the preposition or conjunction that tells obl from obl:tmod, advcl from xcomp.
    pub marker: Vec<usize>,
}

impl State {
    /// Start a sentence of `n` words: ROOT on the stack, every word in the buffer.
    pub fn reset(&mut self, n: usize) {
        self.n = n;
        self.stack.clear();
        self.stack.push(0);
        self.next = 1;
        for v in [&mut self.head, &mut self.marker] {
            v.clear();
            v.resize(n + 1, NONE);
        }
        self.label.clear();
        self.label.resize(n + 1, 0);
        for v in [&mut self.left, &mut self.right] {
            v.clear();
            v.resize(n + 1, [NONE; 2]);
        }
        self.valency.clear();
        self.valency.resize(n + 1, [0; 2]);
        self.label_set.clear();
        self.label_set.resize(n + 1, [0; 2]);
    }

    /// Become a copy of `other`, reusing this state's buffers (a beam copies a state per
    /// item per transition, and the derived `clone_from` would allocate each time).
    pub fn copy_from(&mut self, other: &State) {
        self.n = other.n;
        self.next = other.next;
        self.stack.clone_from(&other.stack);
        self.head.clone_from(&other.head);
        self.label.clone_from(&other.label);
        self.left.clone_from(&other.left);
        self.right.clone_from(&other.right);
        self.valency.clone_from(&other.valency);
        self.label_set.clone_from(&other.label_set);
        self.marker.clone_from(&other.marker);
    }

    /// True when the parse is complete.
    pub fn is_terminal(&self) -> bool {
        self.next > self.n && self.stack.len() == 1
    }

    /// The buffer's first word, if any.
    pub fn front(&self) -> Option<usize> {
        (self.next <= self.n).then_some(self.next)
    }

    /// The `i`th item from the top of the stack (0 = top), if any.
    pub fn stack_item(&self, i: usize) -> Option<usize> {
        self.stack.len().checked_sub(i + 1).map(|j| self.stack[j])
    }

    /// Whether `m` may be applied now.
    pub fn is_legal(&self, m: Move) -> bool {
        let buffer = self.next <= self.n;
        let depth = self.stack.len();
        match m {
            Move::Shift => buffer,
            // ROOT (alone on the stack) is never a dependent.
            Move::Left => buffer && depth > 1,
            Move::Right => depth > 2 || (depth == 2 && !buffer),
        }
    }

    /// The (head, dependent) arc that `m` would add, if it adds one.
    pub fn arc(&self, m: Move) -> Option<(usize, usize)> {
        let s0 = self.stack_item(0)?;
        match m {
            Move::Shift => None,
            Move::Left => Some((self.next, s0)),
            Move::Right => Some((self.stack_item(1)?, s0)),
        }
    }

    /// Apply a legal transition; `label` is the arc's label for LEFT and RIGHT.
    /// `is_marker` says whether that label is a marker relation (see [`State::marker`]).
    pub fn apply(&mut self, m: Move, label: u16, is_marker: bool) {
        match m {
            Move::Shift => {
                self.stack.push(self.next);
                self.next += 1;
            }
            Move::Left | Move::Right => {
                if let Some((h, d)) = self.arc(m) {
                    self.stack.pop();
                    self.attach(h, d, label, is_marker);
                }
            }
        }
    }

    fn attach(&mut self, h: usize, d: usize, label: u16, is_marker: bool) {
        self.head[d] = h;
        self.label[d] = label;
        let side = usize::from(d > h);
        let slots = if side == 0 {
            &mut self.left[h]
        } else {
            &mut self.right[h]
        };
        // Slot 0 holds the outermost dependent, slot 1 the next one in.
        let outer = |a: usize, b: usize| if side == 0 { a < b } else { a > b };
        if slots[0] == NONE || outer(d, slots[0]) {
            slots[1] = slots[0];
            slots[0] = d;
        } else if slots[1] == NONE || outer(d, slots[1]) {
            slots[1] = d;
        }
        self.valency[h][side] = self.valency[h][side].saturating_add(1);
        self.label_set[h][side] |= 1u128 << (label & 127);
        if is_marker {
            self.marker[h] = d;
        }
    }

    /// The cost of each transition under the dynamic oracle: how many gold arcs (`gold[d]` is
    /// the gold head of word d) that are still reachable it would make unreachable. Illegal
    /// transitions get `u32::MAX`. Exact for projective gold trees; for non-projective ones
    /// the transitions of least cost are still a sound choice.
    pub fn costs(&self, gold: &[usize]) -> [u32; MOVES] {
        let mut costs = [u32::MAX; MOVES];
        let in_buffer = |k: usize| k != NONE && k >= self.next && k <= self.n && k != 0;
        let buffer_children =
            |h: usize| (self.next..=self.n).filter(|&k| gold[k] == h).count() as u32;
        if self.is_legal(Move::Shift) {
            let b = self.next;
            let top = self.stack.len() - 1;
            let mut c = 0;
            for (i, &k) in self.stack.iter().enumerate() {
                if k != 0 && gold[k] == b {
                    c += 1;
                }
                if i != top && gold[b] == k {
                    c += 1;
                }
            }
            costs[Move::Shift as usize] = c;
        }
        if let Some(s0) = self.stack_item(0) {
            let children = buffer_children(s0);
            let g = gold[s0];
            if self.is_legal(Move::Left) {
                let s1 = self.stack_item(1);
                let lost_head = Some(g) == s1 || (in_buffer(g) && g != self.next);
                costs[Move::Left as usize] = children + u32::from(lost_head);
            }
            if self.is_legal(Move::Right) {
                costs[Move::Right as usize] = children + u32::from(in_buffer(g));
            }
        }
        costs
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Follow the oracle's cheapest transition from the start; gold is 1-based heads
    /// (index 0 unused).
    fn oracle_parse(gold: &[usize]) -> Vec<usize> {
        let mut s = State::default();
        s.reset(gold.len() - 1);
        while !s.is_terminal() {
            let costs = s.costs(gold);
            let best = (0..MOVES).min_by_key(|&m| costs[m]).unwrap();
            assert_ne!(costs[best], u32::MAX, "no legal transition");
            s.apply(Move::from_index(best), 1, false);
        }
        s.head
    }

    #[test]
    fn the_oracle_rebuilds_a_projective_tree_exactly() {
        // "The minister said talks will resume ." : said is the root.
        let gold = [NONE, 2, 3, 0, 6, 6, 3, 3];
        assert_eq!(oracle_parse(&gold)[1..], gold[1..]);
    }

    #[test]
    fn a_parse_is_a_tree_with_one_root_even_against_a_two_rooted_gold() {
        let gold = [NONE, 0, 1, 0, 3];
        let heads = oracle_parse(&gold);
        assert_eq!(heads[1..].iter().filter(|&&h| h == 0).count(), 1);
        assert!(heads[1..].iter().all(|&h| h != NONE));
    }

    #[test]
    fn the_oracle_counts_what_a_mistake_loses_and_recovers_the_rest() {
        // Gold: 1<-2, 2 root, 3<-2. After SHIFT, a second SHIFT (instead of LEFT) buries 1
        // under 2, losing both 1<-2 and ROOT->2; the oracle still makes 3<-2.
        let gold = [NONE, 2, 0, 2];
        let mut s = State::default();
        s.reset(3);
        s.apply(Move::Shift, 1, false);
        let costs = s.costs(&gold);
        assert_eq!(costs[Move::Left as usize], 0);
        assert_eq!(costs[Move::Shift as usize], 2);
        s.apply(Move::Shift, 1, false);
        while !s.is_terminal() {
            let costs = s.costs(&gold);
            let best = (0..MOVES).min_by_key(|&m| costs[m]).unwrap();
            s.apply(Move::from_index(best), 1, false);
        }
        assert_eq!(s.head[3], 2);
    }

    #[test]
    fn children_slots_keep_the_two_outermost_dependents() {
        let mut s = State::default();
        s.reset(4);
        // Stack ROOT 1 2 3, buffer 4; attach 3, 2, 1 to 4 leftwards.
        for _ in 0..3 {
            s.apply(Move::Shift, 0, false);
        }
        for label in [5, 6, 7] {
            s.apply(Move::Left, label, false);
        }
        assert_eq!(s.left[4], [1, 2]);
        assert_eq!(s.valency[4], [3, 0]);
        assert_eq!(s.label_set[4][0], (1 << 5) | (1 << 6) | (1 << 7));
    }
}
