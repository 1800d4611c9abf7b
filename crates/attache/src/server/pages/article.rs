//! `/articles/{id}`: the article text with actor mentions and event evidence highlighted,
//! and beside it each event with the rule that coded it.
//!
//! Highlighting works on byte spans into the text. Each paragraph is cut at every span
//! boundary; each piece is escaped and wrapped in the marks of the spans covering it, and
//! all tags close at the end of the piece, so overlapping spans still give well-formed HTML.
//! A span that does not fit the text (or cuts a character) is dropped and counted.

use std::fmt::Write;

use attache_model::{ActorKind, Mention};
use attache_store::StoredEvent;
use axum::extract::{Path, State};
use axum::response::Html;

use super::parts::{actors, date_text, modality, quad_of, type_badge};
use super::{page, Nav, PageResult};
use crate::server::api::articles::{load, ArticleView};
use crate::server::error::ApiError;
use crate::server::html::{href, segment, Esc};
use crate::server::AppState;

/// A span to highlight.
struct Mark<'a> {
    start: usize,
    end: usize,
    kind: MarkKind<'a>,
}

enum MarkKind<'a> {
    Mention(&'a Mention),
    Evidence(&'a StoredEvent),
}

/// The text as HTML paragraphs with marks, and how many spans had to be dropped.
pub fn highlight(text: &str, mentions: &[Mention], events: &[StoredEvent]) -> (String, usize) {
    let fits = |s: usize, e: usize| {
        s < e && e <= text.len() && text.is_char_boundary(s) && text.is_char_boundary(e)
    };
    let mut marks = Vec::new();
    let mut dropped = 0;
    for m in mentions {
        if fits(m.span.start, m.span.end) {
            marks.push(Mark {
                start: m.span.start,
                end: m.span.end,
                kind: MarkKind::Mention(m),
            });
        } else {
            dropped += 1;
        }
    }
    for e in events {
        let ev = &e.event.evidence;
        if fits(ev.start, ev.end) {
            marks.push(Mark {
                start: ev.start,
                end: ev.end,
                kind: MarkKind::Evidence(e),
            });
        } else {
            dropped += 1;
        }
    }
    let mut out = String::with_capacity(text.len() * 2);
    let mut anchored = std::collections::HashSet::new();
    for (ps, pe) in paragraphs(text) {
        out.push_str("<p>");
        let mut cuts = vec![ps, pe];
        for m in &marks {
            for b in [m.start, m.end] {
                if b > ps && b < pe {
                    cuts.push(b);
                }
            }
        }
        cuts.sort_unstable();
        cuts.dedup();
        for w in cuts.windows(2) {
            let (x, y) = (w[0], w[1]);
            let covering: Vec<&Mark> = marks
                .iter()
                .filter(|m| m.start <= x && m.end >= y)
                .collect();
            let mut close = String::new();
            for m in covering
                .iter()
                .filter(|m| matches!(m.kind, MarkKind::Evidence(_)))
            {
                if let MarkKind::Evidence(e) = m.kind {
                    let id = if anchored.insert(e.id.as_str()) {
                        format!(r#" id="ev-{}""#, Esc(&e.id))
                    } else {
                        String::new()
                    };
                    let _ = write!(
                        out,
                        r#"<mark class="evidence q{q}"{id} data-event="{eid}" title="{title}">"#,
                        q = quad_of(&e.event).unwrap_or(0),
                        eid = Esc(&e.id),
                        title = Esc(&format!("{} · rule {}", e.event.cameo.code, e.event.rule)),
                    );
                    close.insert_str(0, "</mark>");
                }
            }
            if let Some(m) = covering.iter().find_map(|m| match m.kind {
                MarkKind::Mention(m) => Some(m),
                MarkKind::Evidence(_) => None,
            }) {
                let code = if m.code.is_empty() {
                    "no code"
                } else {
                    m.code.as_str()
                };
                let _ = write!(
                    out,
                    r#"<span class="mention k-{}" data-code="{}" title="{} · {} ({})">"#,
                    ActorKind::name(m.kind),
                    Esc(&m.code),
                    Esc(code),
                    Esc(&m.name),
                    Esc(&m.why),
                );
                close.insert_str(0, "</span>");
            }
            let _ = write!(out, "{}", Esc(&text[x..y]));
            out.push_str(&close);
        }
        out.push_str("</p>\n");
    }
    (out, dropped)
}

/// Byte ranges of the paragraphs (separated by blank lines), trimmed of surrounding newlines.
fn paragraphs(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    let bytes = text.as_bytes();
    let mut i = 0;
    while i + 1 < bytes.len() {
        if bytes[i] == b'\n' && bytes[i + 1] == b'\n' {
            out.push((start, i));
            while i < bytes.len() && bytes[i] == b'\n' {
                i += 1;
            }
            start = i;
        } else {
            i += 1;
        }
    }
    out.push((start, text.len()));
    out.retain(|(s, e)| !text[*s..*e].trim().is_empty());
    out
}

fn event_card(e: &StoredEvent, n: usize) -> String {
    let ev = &e.event;
    let mut facts = Vec::new();
    if let Some(g) = ev.cameo.goldstein {
        facts.push(format!("Goldstein {g:+.1}"));
    }
    if let Some(p) = &ev.plover {
        facts.push(format!("intensity {:+.1}", p.intensity));
        if let Some(mode) = &p.mode {
            facts.push(format!("mode {mode}"));
        }
    }
    if let Some(d) = date_text(ev) {
        facts.push(d);
    }
    if let Some(l) = &ev.location {
        facts.push(format!("in {}", l.name));
    }
    if let Some(c) = &ev.claimed_by {
        facts.push(format!(
            "according to {}",
            if c.name.is_empty() { &c.text } else { &c.name }
        ));
    }
    let corroboration = if e.num_sources > 1 {
        format!(
            r#"<span class="tag corroborated">{} outlets</span>"#,
            e.num_sources
        )
    } else {
        String::new()
    };
    format!(
        r##"<li class="event-card" id="event-{id}"><div class="event-line"><a class="ev-num" href="#ev-{id}" title="Show the evidence">{n}</a> {src} {badge} {tgt} {modality}{corroboration}</div>
<blockquote><a href="#ev-{id}">“{quote}”</a></blockquote>
<div class="event-facts">CAMEO <b>{cameo}</b> · {facts}</div>
<div class="rule" title="The dictionary pattern or rule that fired">{rule}</div></li>"##,
        id = Esc(&e.id),
        src = actors(&ev.source),
        badge = type_badge(ev),
        tgt = actors(&ev.target),
        modality = modality(ev.modality),
        quote = Esc(&ev.evidence.text),
        cameo = Esc(&ev.cameo.code),
        facts = Esc(&facts.join(" · ")),
        rule = Esc(&ev.rule),
    )
}

fn render(view: &ArticleView) -> String {
    let a = &view.article.article;
    let stored = &view.article;
    let mut body = String::new();
    let title = a.title.as_deref().unwrap_or("(untitled)");
    let mut meta = Vec::new();
    if let Some(site) = &a.site {
        meta.push(format!(r#"<span class="outlet-name">{}</span>"#, Esc(site)));
    }
    if let Some(p) = &a.published {
        meta.push(format!(
            r#"<time datetime="{}">{}</time>"#,
            Esc(p),
            Esc(&readable_time(p))
        ));
    }
    if !a.bylines.is_empty() {
        meta.push(format!("by {}", Esc(&a.bylines.join(", "))));
    }
    if let Some(d) = &a.dateline {
        meta.push(format!("dateline {}", Esc(d)));
    }
    if let Some(u) = a.url.as_deref().and_then(href) {
        meta.push(format!(
            r#"<a class="source-link" href="{}" rel="noopener noreferrer nofollow" target="_blank">original page ↗</a>"#,
            Esc(u)
        ));
    }
    let story = match &view.story {
        Some(s) => format!(
            r#"Story: <a href="/stories/{}">{}</a> · {} article{} from {} outlet{}"#,
            segment(&s.id),
            Esc(s.title.as_deref().unwrap_or("(untitled)")),
            s.articles,
            if s.articles == 1 { "" } else { "s" },
            s.outlets,
            if s.outlets == 1 { "" } else { "s" },
        ),
        None => String::new(),
    };
    let copy = match &stored.duplicate_of {
        Some(orig) => format!(
            r#" · copy of <a href="/articles/{}">another outlet's article</a>"#,
            segment(orig)
        ),
        None => String::new(),
    };
    let _ = write!(
        body,
        r#"<div class="page-head"><h1 class="page-title article-title">{}</h1><p class="subtitle">{}</p><p class="small muted">{story}{copy}</p></div>"#,
        Esc(title),
        meta.join(" · "),
    );
    let (text, dropped) = highlight(&a.text, &stored.mentions, &view.events);
    let mut warnings = stored.warnings.clone();
    if dropped > 0 {
        warnings.push(format!(
            "{dropped} span(s) did not fit the text and are not highlighted"
        ));
    }
    let _ = write!(
        body,
        r#"<div class="article-layout"><article class="card article-text" lang="{lang}">{standfirst}{text}<ul class="legend mentions-legend"><li><span class="mention k-country">country</span></li><li><span class="mention k-government">government</span></li><li><span class="mention k-person">person</span></li><li><span class="mention k-armed-group">armed group</span></li><li><span class="mention k-organisation">organisation</span></li><li><span class="mention k-place">place</span></li><li><mark class="evidence q3">event evidence</mark></li></ul></article>"#,
        lang = Esc(a.language.as_deref().unwrap_or("")),
        standfirst = a
            .standfirst
            .as_deref()
            .map(|s| format!(r#"<p class="standfirst">{}</p>"#, Esc(s)))
            .unwrap_or_default(),
    );
    let _ = write!(
        body,
        r#"<aside class="card events-panel"><h2>{} event{}</h2>"#,
        view.events.len(),
        if view.events.len() == 1 { "" } else { "s" }
    );
    if view.events.is_empty() {
        body.push_str(r#"<p class="empty">No events were coded from this article.</p>"#);
    } else {
        body.push_str(r#"<ol class="event-cards">"#);
        for (i, e) in view.events.iter().enumerate() {
            body.push_str(&event_card(e, i + 1));
        }
        body.push_str("</ol>");
    }
    if !warnings.is_empty() {
        body.push_str(r#"<details class="warnings"><summary>Notes from annotation</summary><ul>"#);
        for w in &warnings {
            let _ = write!(body, "<li>{}</li>", Esc(w));
        }
        body.push_str("</ul></details>");
    }
    body.push_str("</aside></div>");
    page(title, Nav::None, "", &body)
}

/// `2025-10-27T09:10:00+05:00` as `2025-10-27 09:10 +05:00` (dates alone stay as they are).
fn readable_time(rfc3339: &str) -> String {
    match rfc3339.split_once('T') {
        Some((day, rest)) => {
            let time = rest.get(..5).unwrap_or(rest);
            let zone = rest
                .get(8..)
                .unwrap_or("")
                .trim_start_matches(|c: char| c == '.' || c.is_ascii_digit());
            format!("{day} {time} {zone}").trim_end().to_string()
        }
        None => rfc3339.to_string(),
    }
}

/// `GET /articles/{id}`.
pub async fn article(State(state): State<AppState>, Path(id): Path<String>) -> PageResult {
    let view = ApiError::found(load(&state, id.clone()).await?, "article", &id)?;
    Ok(Html(render(&view)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use attache_model::Span;

    fn mention(start: usize, end: usize) -> Mention {
        Mention {
            span: Span::new(start, end),
            sentence: 0,
            kind: ActorKind::Country,
            code: "PAK".into(),
            name: "Pakistan".into(),
            why: "countries.tsv:1".into(),
        }
    }

    #[test]
    fn mentions_are_wrapped_and_text_escaped() {
        let text = "Pakistan <b>warned</b> Kabul.\n\nSecond paragraph.";
        let (html, dropped) = highlight(text, &[mention(0, 8)], &[]);
        assert_eq!(dropped, 0);
        assert!(
            html.starts_with(r#"<p><span class="mention k-country" data-code="PAK""#),
            "{html}"
        );
        assert!(html.contains("&lt;b&gt;warned&lt;/b&gt;"));
        assert_eq!(html.matches("<p>").count(), 2);
    }

    #[test]
    fn spans_that_do_not_fit_are_dropped_not_panicked_on() {
        let text = "Türkiye hosted talks.";
        // 2 cuts inside 'ü' (bytes 1..3); 99 is past the end.
        let (html, dropped) = highlight(text, &[mention(2, 5), mention(0, 99), mention(0, 8)], &[]);
        assert_eq!(dropped, 2);
        assert!(html.contains("Türkiye"));
    }

    #[test]
    fn times_read_as_day_clock_and_zone() {
        assert_eq!(
            readable_time("2025-10-27T09:10:00+05:00"),
            "2025-10-27 09:10 +05:00"
        );
        assert_eq!(readable_time("2025-10-27T09:10:00Z"), "2025-10-27 09:10 Z");
        assert_eq!(
            readable_time("2025-10-27T09:10:00.123+05:00"),
            "2025-10-27 09:10 +05:00"
        );
        assert_eq!(readable_time("2025-10-27"), "2025-10-27");
    }

    #[test]
    fn paragraphs_skip_blank_runs() {
        let text = "a\n\n\n\nb\n\n";
        let p: Vec<&str> = paragraphs(text)
            .iter()
            .map(|(s, e)| &text[*s..*e])
            .collect();
        assert_eq!(p, ["a", "b"]);
    }
}
