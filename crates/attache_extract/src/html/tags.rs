//! The HTML element names the parser knows, as a one-byte enum, and the element categories the
//! tree builder and the extractor ask about (void, raw text, special, block).
//!
//! Data only: the lists follow the HTML Living Standard's element categories. Unknown element
//! names (custom elements, typos) become [`Tag::Other`] and keep their name in the DOM.

macro_rules! tags {
    ($($variant:ident => $name:literal,)*) => {
        /// A known HTML element name. [`Tag::Other`] covers every name not listed.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        #[repr(u8)]
        #[allow(missing_docs)]
        pub enum Tag {
            /// An element whose name is not in the list; its name is kept in the DOM.
            Other,
            $($variant,)*
        }

        impl Tag {
            /// The tag for a lowercase element name.
            pub fn from_lowercase(name: &[u8]) -> Tag {
                match name {
                    $($name => Tag::$variant,)*
                    _ => Tag::Other,
                }
            }

            /// The lowercase element name ("" for [`Tag::Other`]).
            pub fn as_str(self) -> &'static str {
                match self {
                    Tag::Other => "",
                    $(Tag::$variant => std::str::from_utf8($name).unwrap_or(""),)*
                }
            }
        }
    };
}

tags! {
    A => b"a", Abbr => b"abbr", Address => b"address", Applet => b"applet", Area => b"area",
    Article => b"article", Aside => b"aside", Audio => b"audio", B => b"b", Base => b"base",
    Basefont => b"basefont", Bdi => b"bdi", Bdo => b"bdo", Bgsound => b"bgsound", Big => b"big",
    Blockquote => b"blockquote", Body => b"body", Br => b"br", Button => b"button",
    Canvas => b"canvas", Caption => b"caption", Center => b"center", Cite => b"cite",
    Code => b"code", Col => b"col", Colgroup => b"colgroup", Data => b"data",
    Datalist => b"datalist", Dd => b"dd", Del => b"del", Details => b"details", Dfn => b"dfn",
    Dialog => b"dialog", Dir => b"dir", Div => b"div", Dl => b"dl", Dt => b"dt", Em => b"em",
    Embed => b"embed", Fieldset => b"fieldset", Figcaption => b"figcaption",
    Figure => b"figure", Font => b"font", Footer => b"footer", Form => b"form",
    Frame => b"frame", Frameset => b"frameset", H1 => b"h1", H2 => b"h2", H3 => b"h3",
    H4 => b"h4", H5 => b"h5", H6 => b"h6", Head => b"head", Header => b"header",
    Hgroup => b"hgroup", Hr => b"hr", Html => b"html", I => b"i", Iframe => b"iframe",
    Img => b"img", Input => b"input", Ins => b"ins", Kbd => b"kbd", Keygen => b"keygen",
    Label => b"label", Legend => b"legend", Li => b"li", Link => b"link", Listing => b"listing",
    Main => b"main", Map => b"map", Mark => b"mark", Marquee => b"marquee", Math => b"math",
    Menu => b"menu", Meta => b"meta", Meter => b"meter", Nav => b"nav", Nobr => b"nobr",
    Noembed => b"noembed", Noframes => b"noframes", Noscript => b"noscript",
    Object => b"object", Ol => b"ol", Optgroup => b"optgroup", Option => b"option",
    Output => b"output", P => b"p", Param => b"param", Picture => b"picture",
    Plaintext => b"plaintext", Pre => b"pre", Progress => b"progress", Q => b"q", Rp => b"rp",
    Rt => b"rt", Ruby => b"ruby", S => b"s", Samp => b"samp", Script => b"script",
    Search => b"search", Section => b"section", Select => b"select", Small => b"small",
    Source => b"source", Span => b"span", Strike => b"strike", Strong => b"strong",
    Style => b"style", Sub => b"sub", Summary => b"summary", Sup => b"sup", Svg => b"svg",
    Table => b"table", Tbody => b"tbody", Td => b"td", Template => b"template",
    Textarea => b"textarea", Tfoot => b"tfoot", Th => b"th", Thead => b"thead", Time => b"time",
    Title => b"title", Tr => b"tr", Track => b"track", Tt => b"tt", U => b"u", Ul => b"ul",
    Var => b"var", Video => b"video", Wbr => b"wbr", Xmp => b"xmp",
}

impl Tag {
    /// Void elements never have children or an end tag.
    pub fn is_void(self) -> bool {
        use Tag::*;
        matches!(
            self,
            Area | Base
                | Basefont
                | Bgsound
                | Br
                | Col
                | Embed
                | Frame
                | Hr
                | Img
                | Input
                | Keygen
                | Link
                | Meta
                | Param
                | Source
                | Track
                | Wbr
        )
    }

    /// Elements whose content is raw text up to the matching end tag. `noscript` is treated
    /// as raw text (as a browser with scripting on does): its content is fallback chrome
    /// (tracking pixels, "enable JavaScript" notices), not article text.
    pub fn is_raw_text(self) -> bool {
        use Tag::*;
        matches!(
            self,
            Script | Style | Textarea | Title | Noscript | Xmp | Iframe | Noembed | Noframes
        )
    }

    /// Raw-text elements whose content still has character references decoded (RCDATA).
    pub fn is_rcdata(self) -> bool {
        matches!(self, Tag::Title | Tag::Textarea)
    }

    /// Elements whose text is never part of readable text.
    pub fn is_hidden_text(self) -> bool {
        use Tag::*;
        matches!(
            self,
            Script
                | Style
                | Noscript
                | Template
                | Iframe
                | Noembed
                | Noframes
                | Head
                | Title
                | Select
                | Datalist
                | Object
                | Applet
                | Embed
                | Canvas
                | Svg
                | Math
        )
    }

    /// A start tag of one of these closes an open `<p>` (HTML "close a p element").
    pub fn closes_p(self) -> bool {
        use Tag::*;
        matches!(
            self,
            Address
                | Article
                | Aside
                | Blockquote
                | Center
                | Details
                | Dialog
                | Dir
                | Div
                | Dl
                | Fieldset
                | Figcaption
                | Figure
                | Footer
                | Form
                | H1
                | H2
                | H3
                | H4
                | H5
                | H6
                | Header
                | Hgroup
                | Hr
                | Main
                | Menu
                | Nav
                | Ol
                | P
                | Pre
                | Section
                | Search
                | Summary
                | Table
                | Ul
                | Li
                | Dd
                | Dt
                | Listing
                | Xmp
                | Plaintext
        )
    }

    /// Headings `h1`..`h6`.
    pub fn is_heading(self) -> bool {
        matches!(
            self,
            Tag::H1 | Tag::H2 | Tag::H3 | Tag::H4 | Tag::H5 | Tag::H6
        )
    }

    /// Elements that bound the default element scope: an end tag does not close anything
    /// above one of these (a stray `</div>` inside a table cell stays inside the cell).
    pub fn is_scope_boundary(self) -> bool {
        use Tag::*;
        matches!(
            self,
            Applet | Caption | Html | Table | Td | Th | Marquee | Object | Template | Svg | Math
        )
    }

    /// The HTML "special" category: an end tag for an ordinary (phrasing) element is ignored
    /// rather than allowed to close one of these.
    pub fn is_special(self) -> bool {
        use Tag::*;
        self.closes_p()
            || self.is_void()
            || matches!(
                self,
                Applet
                    | Body
                    | Button
                    | Caption
                    | Colgroup
                    | Frameset
                    | Head
                    | Html
                    | Iframe
                    | Marquee
                    | Noembed
                    | Noframes
                    | Noscript
                    | Object
                    | Script
                    | Select
                    | Style
                    | Tbody
                    | Td
                    | Template
                    | Textarea
                    | Tfoot
                    | Th
                    | Thead
                    | Title
                    | Tr
            )
    }

    /// Block-level elements: their boundaries separate words and, in the extractor, paragraphs.
    pub fn is_block(self) -> bool {
        use Tag::*;
        self.closes_p()
            || matches!(
                self,
                Body | Br
                    | Caption
                    | Dd
                    | Dt
                    | Html
                    | Li
                    | Option
                    | Td
                    | Th
                    | Tr
                    | Tbody
                    | Thead
                    | Tfoot
                    | Legend
                    | Noscript
                    | Video
                    | Audio
                    | Picture
                    | Textarea
                    | Select
                    | Button
                    | Iframe
                    | Canvas
                    | Img
            )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_names_round_trip() {
        for name in ["a", "div", "h3", "script", "wbr", "xmp", "blockquote"] {
            assert_eq!(Tag::from_lowercase(name.as_bytes()).as_str(), name);
        }
    }

    #[test]
    fn unknown_names_are_other() {
        assert_eq!(Tag::from_lowercase(b"my-widget"), Tag::Other);
        assert_eq!(Tag::from_lowercase(b""), Tag::Other);
    }

    #[test]
    fn paragraph_closers_are_special() {
        assert!(Tag::Div.closes_p() && Tag::Div.is_special());
        assert!(!Tag::Span.is_special());
    }
}
