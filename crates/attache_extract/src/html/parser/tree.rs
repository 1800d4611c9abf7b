//! The tree-building half of the parser: the stack of open elements and the implied-end-tag
//! rules (see the parent module's overview).

use super::super::tags::Tag;
use super::super::{Kind, Node, Str, NONE};
use super::{is_head_content, is_ws, Builder, TagToken, MAX_DEPTH};
use memchr::memchr;

impl Builder<'_> {
    pub(super) fn current(&self) -> u32 {
        self.stack.last().copied().unwrap_or(0)
    }

    pub(super) fn tag_of(&self, id: u32) -> Tag {
        self.dom.nodes[id as usize].tag
    }

    pub(super) fn push(&mut self, id: u32) {
        let t = self.tag_of(id);
        self.open[t as usize] += 1;
        self.stack.push(id);
    }

    pub(super) fn is_open(&self, tag: Tag) -> bool {
        self.open[tag as usize] > 0
    }

    pub(super) fn pop(&mut self) {
        if self.stack.len() <= 1 {
            return;
        }
        if let Some(id) = self.stack.pop() {
            let n = self.dom.nodes.len() as u32;
            let node = &mut self.dom.nodes[id as usize];
            node.end = n;
            self.open[node.tag as usize] = self.open[node.tag as usize].saturating_sub(1);
            if matches!(node.tag, Tag::Svg | Tag::Math) {
                self.foreign_depth = self.foreign_depth.saturating_sub(1);
            }
        }
    }

    /// Pops the stack down to and including the element at stack position `at`.
    pub(super) fn pop_to(&mut self, at: usize) {
        while self.stack.len() > at.max(1) {
            self.pop();
        }
    }

    /// Stack position of the topmost open element for which `hit` holds, searching down
    /// until `stop` holds (an element both hit and stop is found).
    pub(super) fn find_open(
        &self,
        hit: impl Fn(Tag) -> bool,
        stop: impl Fn(Tag) -> bool,
    ) -> Option<usize> {
        for at in (1..self.stack.len()).rev() {
            let t = self.tag_of(self.stack[at]);
            if hit(t) {
                return Some(at);
            }
            if stop(t) {
                return None;
            }
        }
        None
    }

    pub(super) fn close_p(&mut self) {
        if !self.is_open(Tag::P) {
            return;
        }
        if let Some(at) = self.find_open(
            |t| t == Tag::P,
            |t| t.is_scope_boundary() || t == Tag::Button,
        ) {
            self.pop_to(at);
        }
    }

    pub(super) fn new_element(&mut self, tag: Tag, name: Str, attr_start: u32) -> u32 {
        let id = self.dom.nodes.len() as u32;
        let attr_len = (self.dom.attrs.len() as u32).saturating_sub(attr_start);
        self.dom.nodes.push(Node {
            parent: self.current(),
            end: id + 1,
            data: name,
            attr_start,
            attr_len: attr_len.min(u16::MAX as u32) as u16,
            tag,
            kind: Kind::Element,
        });
        id
    }

    pub(super) fn ensure_html(&mut self) {
        if self.html == NONE {
            let at = self.dom.attrs.len() as u32;
            self.html = self.new_element(Tag::Html, Str::EMPTY, at);
            self.push(self.html);
        }
    }

    /// Makes sure content lands in the right section: head content before the body goes to
    /// `<head>`; anything else closes the head and opens `<body>` if there is none yet.
    pub(super) fn prepare(&mut self, flow: bool) {
        self.ensure_html();
        if !flow {
            if self.body == NONE && self.head == NONE {
                let at = self.dom.attrs.len() as u32;
                self.head = self.new_element(Tag::Head, Str::EMPTY, at);
                self.push(self.head);
            }
            return;
        }
        if self.is_open(Tag::Head) {
            if let Some(at) = self.stack.iter().position(|&id| id == self.head) {
                self.pop_to(at);
            }
        }
        if self.body == NONE {
            let at = self.dom.attrs.len() as u32;
            self.body = self.new_element(Tag::Body, Str::EMPTY, at);
            self.push(self.body);
        }
    }

    pub(super) fn text(&mut self, start: usize, end: usize, cdata: bool) {
        let bytes = &self.bytes[start..end];
        if self.body == NONE {
            if bytes.iter().all(|&c| is_ws(c)) {
                return;
            }
            self.prepare(true);
        }
        let parent = self.current();
        let has_amp = !cdata && memchr(b'&', bytes).is_some();
        // Merge with the previous text node when the two are adjacent in the source.
        if let Some(last) = self.dom.nodes.last_mut() {
            if last.kind == Kind::Text
                && last.parent == parent
                && !last.data.is_extra()
                && last.data.end as usize == start
                && !has_amp
            {
                last.data.end = end as u32;
                return;
            }
        }
        let data = if has_amp {
            self.dom.decoded_str(self.src, start, end, false)
        } else {
            Str::src(start, end)
        };
        let id = self.dom.nodes.len() as u32;
        self.dom.nodes.push(Node {
            parent,
            end: id + 1,
            data,
            attr_start: 0,
            attr_len: 0,
            tag: Tag::Other,
            kind: Kind::Text,
        });
    }

    pub(super) fn insert_start(&mut self, t: TagToken) {
        use Tag::*;
        let tag = t.tag;
        match tag {
            Html => {
                self.ensure_html();
                // The first `<html>` tag's attributes (`lang`) go to the html element, even
                // when stray text or a comment made it implicit already.
                let n = &mut self.dom.nodes[self.html as usize];
                if n.attr_len == 0 {
                    n.attr_start = t.attr_start;
                    n.attr_len =
                        (self.dom.attrs.len() as u32 - t.attr_start).min(u16::MAX as u32) as u16;
                }
                return;
            }
            Head => {
                if self.head == NONE && self.body == NONE {
                    self.ensure_html();
                    self.head = self.new_element(Head, Str::EMPTY, t.attr_start);
                    self.push(self.head);
                }
                return;
            }
            Body => {
                if self.body == NONE {
                    self.prepare(true);
                }
                // An implicit body has no attributes; take the first `<body>` tag's.
                let n = &mut self.dom.nodes[self.body as usize];
                if n.attr_len == 0 {
                    n.attr_start = t.attr_start;
                    n.attr_len =
                        (self.dom.attrs.len() as u32 - t.attr_start).min(u16::MAX as u32) as u16;
                }
                return;
            }
            _ => {}
        }
        let in_head_phase = self.body == NONE;
        self.prepare(!(in_head_phase && is_head_content(tag)));

        if tag.closes_p() {
            self.close_p();
        }
        match tag {
            Li if self.is_open(Li) => self.close_list_item(|t| t == Li),
            Dd | Dt if self.is_open(Dd) || self.is_open(Dt) => {
                self.close_list_item(|t| matches!(t, Dd | Dt))
            }
            H1 | H2 | H3 | H4 | H5 | H6 if self.tag_of(self.current()).is_heading() => self.pop(),
            Option if self.tag_of(self.current()) == Option => self.pop(),
            Optgroup => {
                while matches!(self.tag_of(self.current()), Option | Optgroup) {
                    self.pop();
                }
            }
            Tr if self.is_open(Tr) || self.is_open(Td) || self.is_open(Th) => {
                self.close_table_part(|t| t == Tr, |t| matches!(t, Tbody | Thead | Tfoot))
            }
            Td | Th if self.is_open(Td) || self.is_open(Th) => {
                self.close_table_part(|t| matches!(t, Td | Th), |t| t == Tr)
            }
            Tbody | Thead | Tfoot if self.is_open(Table) => {
                self.close_table_part(|t| matches!(t, Tbody | Thead | Tfoot), |_| false)
            }
            A | Nobr | Button | Form if self.is_open(tag) => {
                if let Some(at) = self.find_open(|x| x == tag, |x| x.is_special() && x != tag) {
                    self.pop_to(at);
                }
            }
            _ => {}
        }

        let id = self.new_element(tag, t.name, t.attr_start);
        let foreign = self.foreign_depth > 0 || matches!(tag, Svg | Math);
        if tag.is_void() || (t.self_closing && foreign) || self.stack.len() >= MAX_DEPTH {
            return;
        }
        self.push(id);
        if matches!(tag, Svg | Math) {
            self.foreign_depth += 1;
        }
        if (tag.is_raw_text() || tag == Plaintext) && self.foreign_depth == 0 {
            self.raw_text(tag, id);
            self.pop();
        }
    }

    pub(super) fn close_list_item(&mut self, hit: impl Fn(Tag) -> bool) {
        if let Some(at) = self.find_open(&hit, |t| {
            t.is_special() && !matches!(t, Tag::Address | Tag::Div | Tag::P)
        }) {
            self.pop_to(at);
        }
    }

    pub(super) fn close_table_part(
        &mut self,
        hit: impl Fn(Tag) -> bool,
        also_stop: impl Fn(Tag) -> bool,
    ) {
        if let Some(at) = self.find_open(&hit, |t| {
            also_stop(t) || matches!(t, Tag::Table | Tag::Html | Tag::Template)
        }) {
            self.pop_to(at);
        }
    }

    pub(super) fn insert_end(&mut self, tag: Tag, name: Str) {
        use Tag::*;
        if tag.is_heading() {
            if ![H1, H2, H3, H4, H5, H6].iter().any(|&h| self.is_open(h)) {
                return;
            }
        } else if tag != Other && tag != Br && !self.is_open(tag) {
            return;
        }
        match tag {
            Html | Body => {}
            Head => {
                if let Some(at) = self.stack.iter().position(|&id| id == self.head) {
                    self.pop_to(at);
                }
            }
            Br => {
                let at = self.dom.attrs.len() as u32;
                self.insert_start(TagToken {
                    tag: Br,
                    name,
                    attr_start: at,
                    self_closing: false,
                });
            }
            P => self.close_p(),
            Li => {
                if let Some(at) = self.find_open(
                    |t| t == Li,
                    |t| t.is_scope_boundary() || matches!(t, Ol | Ul),
                ) {
                    self.pop_to(at);
                }
            }
            H1 | H2 | H3 | H4 | H5 | H6 => {
                if let Some(at) = self.find_open(|t| t.is_heading(), |t| t.is_scope_boundary()) {
                    self.pop_to(at);
                }
            }
            Table => {
                if let Some(at) = self.find_open(|t| t == Table, |t| matches!(t, Html | Template)) {
                    self.pop_to(at);
                }
            }
            Other => {
                let wanted = self.dom.str(self.src, name);
                for at in (1..self.stack.len()).rev() {
                    let id = self.stack[at];
                    let n = &self.dom.nodes[id as usize];
                    if n.tag == Other && self.dom.str(self.src, n.data) == wanted {
                        self.pop_to(at);
                        return;
                    }
                    if n.tag.is_special() {
                        return;
                    }
                }
            }
            t if t.is_special() => {
                if let Some(at) = self.find_open(|x| x == t, |x| x.is_scope_boundary()) {
                    self.pop_to(at);
                }
            }
            t => {
                if let Some(at) = self.find_open(|x| x == t, |x| x.is_special()) {
                    self.pop_to(at);
                }
            }
        }
    }
}
