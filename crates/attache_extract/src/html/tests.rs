//! Parser behaviour on the markup shapes real pages use.

use super::*;

/// The tree as an indented outline, one node per line: elements by name, text quoted.
fn outline(dom: &Dom) -> String {
    let mut out = String::new();
    for id in dom.descendants(dom.root()) {
        let depth = dom.ancestors(id).count() - 1;
        let line = match dom.tag(id) {
            Some(t) => t.to_string(),
            None => format!("{:?}", dom.text_content(id)),
        };
        out.push_str(&"  ".repeat(depth));
        out.push_str(&line);
        out.push('\n');
    }
    out
}

fn body_outline(html: &str) -> String {
    let dom = Dom::parse(html);
    let full = outline(&dom);
    // Drop the html/head/body frame (first lines) for readability.
    full.lines()
        .skip_while(|l| !l.trim_start().starts_with("body"))
        .skip(1)
        .map(|l| l.strip_prefix("    ").unwrap_or(l))
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn document_gets_html_head_and_body() {
    let dom = Dom::parse("<title>Talks</title><p>Hello");
    assert_eq!(
        outline(&dom),
        "html\n  head\n    title\n      \"Talks\"\n  body\n    p\n      \"Hello\"\n"
    );
}

#[test]
fn paragraph_is_closed_by_block_start() {
    assert_eq!(
        body_outline("<p>One<div>Two</div>"),
        "p\n  \"One\"\ndiv\n  \"Two\""
    );
}

#[test]
fn list_items_and_cells_close_themselves() {
    assert_eq!(
        body_outline("<ul><li>a<li>b</ul><table><tr><td>1<td>2<tr><td>3</table>"),
        "ul\n  li\n    \"a\"\n  li\n    \"b\"\ntable\n  tr\n    td\n      \"1\"\n    td\n      \"2\"\n  tr\n    td\n      \"3\""
    );
}

#[test]
fn void_elements_have_no_children() {
    assert_eq!(
        body_outline("<p>a<br>b<img src=x>c"),
        "p\n  \"a\"\n  br\n  \"b\"\n  img\n  \"c\""
    );
}

#[test]
fn stray_end_tags_are_ignored() {
    assert_eq!(
        body_outline("<div>a</span></p>b</div>"),
        "div\n  \"a\"\n  \"b\""
    );
}

#[test]
fn inline_end_tag_does_not_close_blocks() {
    assert_eq!(
        body_outline("<b><div>x</b>y</div>z"),
        "b\n  div\n    \"x\"\n    \"y\"\n  \"z\""
    );
}

#[test]
fn stray_div_end_stays_inside_table_cell() {
    let html = "<div><table><tr><td>a</div>b</td></tr></table>c</div>";
    let dom = Dom::parse(html);
    let td = dom.elements("td").next().unwrap_or(0);
    assert_eq!(dom.text(td), "ab");
    let div = dom.elements("div").next().unwrap_or(0);
    assert_eq!(dom.text(div), "ab c");
}

#[test]
fn unclosed_elements_close_at_end() {
    let dom = Dom::parse("<div><p>one<span>two");
    let div = dom.elements("div").next().unwrap_or(0);
    assert_eq!(dom.subtree_end(div), dom.len());
    assert_eq!(dom.text(div), "onetwo");
}

#[test]
fn script_and_style_are_raw_text() {
    let html = r#"<script type="application/ld+json">{"a":"<p>x</p> &amp;"}</script><style>p{}</style><p>y"#;
    let dom = Dom::parse(html);
    let script = dom.elements("script").next().unwrap_or(0);
    assert_eq!(dom.raw_text(script), r#"{"a":"<p>x</p> &amp;"}"#);
    assert_eq!(dom.attr(script, "type"), Some("application/ld+json"));
    assert_eq!(dom.elements("p").count(), 1);
    assert_eq!(dom.text(dom.root()), "y");
}

#[test]
fn script_end_tag_is_case_insensitive() {
    let dom = Dom::parse("<script>if (a</b) x()</SCRIPT ><p>after");
    let script = dom.elements("script").next().unwrap_or(0);
    assert_eq!(dom.raw_text(script), "if (a</b) x()");
    assert_eq!(dom.elements("p").count(), 1);
}

#[test]
fn title_is_decoded() {
    let dom = Dom::parse("<title>Rock &amp; Roll</title>");
    let t = dom.elements("title").next().unwrap_or(0);
    assert_eq!(dom.raw_text(t), "Rock & Roll");
}

#[test]
fn attributes_quoted_unquoted_and_uppercase() {
    let dom =
        Dom::parse(r#"<DIV Class="a b" data-x='1>2' id=main hidden title="Tom &amp; Jerry">"#);
    let d = dom.elements("div").next().unwrap_or(0);
    assert_eq!(dom.tag(d), Some("div"));
    assert_eq!(dom.attr(d, "class"), Some("a b"));
    assert_eq!(dom.attr(d, "data-x"), Some("1>2"));
    assert_eq!(dom.attr(d, "id"), Some("main"));
    assert_eq!(dom.attr(d, "hidden"), Some(""));
    assert_eq!(dom.attr(d, "title"), Some("Tom & Jerry"));
    assert_eq!(dom.attrs(d).count(), 5);
}

#[test]
fn duplicate_attributes_keep_the_first() {
    let dom = Dom::parse(r#"<a href="/one" href="/two">x</a>"#);
    let a = dom.elements("a").next().unwrap_or(0);
    assert_eq!(dom.attr(a, "href"), Some("/one"));
    assert_eq!(dom.attrs(a).count(), 1);
}

/// Hostile input (issue 15): one tag of 1,000,000 distinct attributes made the duplicate
/// check compare each with every earlier one (over ten minutes). Kept attributes are capped
/// per element, so the check does bounded work and the page still parses.
#[test]
fn attributes_kept_per_element_are_capped() {
    let mut html = String::from("<p ");
    for i in 0..1_000_000 {
        html.push_str(&format!("a{i} "));
    }
    html.push_str("class=late>x</p><p id=next>y</p>");
    let dom = Dom::parse(&html);
    let mut ps = dom.elements("p");
    let (first, second) = (ps.next().unwrap_or(0), ps.next().unwrap_or(0));
    assert_eq!(dom.attrs(first).count(), parser::MAX_ELEMENT_ATTRS);
    assert_eq!(dom.attr(first, "a0"), Some(""));
    assert_eq!(dom.attr(first, "class"), None);
    assert_eq!(dom.text(first), "x");
    assert_eq!(dom.attr(second, "id"), Some("next"));
}

#[test]
fn comments_doctype_and_cdata_are_skipped() {
    let dom = Dom::parse("<!DOCTYPE html><!-- a <p> in a comment --><p>x<!---->y<![CDATA[z]]></p>");
    assert_eq!(dom.elements("p").count(), 1);
    assert_eq!(dom.text(dom.root()), "xy");
}

#[test]
fn entities_are_decoded_in_text() {
    let dom = Dom::parse("<p>caf&eacute; &#8220;quoted&#x201D; &nbsp;AT&amp;T &zqx;</p>");
    assert_eq!(
        dom.text(dom.root()),
        "café \u{201c}quoted\u{201d} AT&T &zqx;"
    );
}

#[test]
fn lone_less_than_is_text() {
    let dom = Dom::parse("<p>a < b and c <3</p>");
    assert_eq!(dom.text(dom.root()), "a < b and c <3");
}

#[test]
fn unknown_elements_keep_their_names() {
    let dom = Dom::parse("<My-Widget data-id=3>inside</my-widget>after");
    let w = dom.elements("my-widget").next().unwrap_or(0);
    assert_eq!(dom.tag(w), Some("my-widget"));
    assert_eq!(dom.text(w), "inside");
}

#[test]
fn svg_self_closing_tags_close() {
    assert_eq!(
        body_outline("<svg><path d=x /><title>t</title></svg><p>p"),
        "svg\n  path\n  title\n    \"t\"\np\n  \"p\""
    );
}

#[test]
fn block_boundaries_separate_words() {
    let dom = Dom::parse("<div><p>one</p><p>two</p>three<br>four</div>");
    assert_eq!(dom.text(dom.root()), "one two three four");
}

#[test]
fn children_and_descendants_follow_document_order() {
    let dom = Dom::parse("<div id=d><p>a</p><p>b<i>c</i></p>tail</div>");
    let d = dom.elements("div").next().unwrap_or(0);
    let kids: Vec<_> = dom
        .children(d)
        .map(|c| dom.tag(c).unwrap_or("#text"))
        .collect();
    assert_eq!(kids, ["p", "p", "#text"]);
    assert_eq!(dom.descendants(d).count(), 7);
    for c in dom.descendants(d) {
        assert!(dom.ancestors(c).any(|a| a == d));
    }
}

#[test]
fn truncated_tag_at_end_is_dropped() {
    let dom = Dom::parse("<p>ok</p><a href=\"never closed");
    assert_eq!(dom.elements("a").count(), 0);
    assert_eq!(dom.text(dom.root()), "ok");
}

#[test]
fn deep_nesting_does_not_overflow() {
    let html = "<div>".repeat(200_000) + "deep";
    let dom = Dom::parse(&html);
    assert_eq!(dom.text(dom.root()), "deep");
}

#[test]
fn headings_close_open_headings() {
    assert_eq!(body_outline("<h1>a<h2>b</h2>"), "h1\n  \"a\"\nh2\n  \"b\"");
}

#[test]
fn unclosed_anchor_is_closed_by_next_anchor() {
    assert_eq!(
        body_outline("<a href=1>one<a href=2>two"),
        "a\n  \"one\"\na\n  \"two\""
    );
}

#[test]
fn node_count_is_capped() {
    let html = "<b>x".repeat(parser::MAX_NODES);
    let dom = Dom::parse(&html);
    assert!(dom.len() <= parser::MAX_NODES + 1);
}
