//! Pieces several pages share: event tables, type badges, actor links, bars, pagers.

use std::collections::HashMap;
use std::fmt::Write;

use attache_model::{DateBasis, Event, EventActor, Modality, Span};
use attache_store::StoredEvent;

use crate::server::error::ApiError;
use crate::server::html::{day_of, segment, truncate, Esc};
use crate::server::AppState;

/// Names of GDELT's quad classes, 1 to 4.
pub const QUAD_NAMES: [&str; 4] = [
    "verbal cooperation",
    "material cooperation",
    "verbal conflict",
    "material conflict",
];

/// Longest evidence phrase in tables (the article page shows the whole sentence).
const EVIDENCE_CHARS: usize = 140;

/// Each event's phrase (who did what to whom, as the sentence says it), by event id, for
/// tables: the trigger word alone ("accused") says little about what happened.
pub type Phrases = HashMap<String, Phrase>;

/// An event's words in its sentence: the text before the trigger, the trigger, the text after.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Phrase {
    before: String,
    trigger: String,
    after: String,
}

/// The phrases of some events, read from their articles (one read per article).
pub async fn phrases(state: &AppState, events: &[StoredEvent]) -> Result<Phrases, ApiError> {
    let wanted: Vec<(String, Event, String)> = events
        .iter()
        .map(|e| (e.article_id.clone(), e.event.clone(), e.id.clone()))
        .collect();
    state
        .pool()
        .run(move |s| {
            let mut texts: HashMap<String, Option<(String, Vec<Span>)>> = HashMap::new();
            let mut out = Phrases::new();
            for (article_id, event, id) in wanted {
                if !texts.contains_key(&article_id) {
                    let found = s.article(&article_id)?.map(|a| {
                        let spans = a.sentences.iter().map(|x| x.span).collect();
                        (a.article.text, spans)
                    });
                    texts.insert(article_id.clone(), found);
                }
                if let Some(Some((text, sentences))) = texts.get(&article_id) {
                    if let Some(p) = phrase_of(text, sentences, &event) {
                        out.insert(id, p);
                    }
                }
            }
            Ok(out)
        })
        .await
}

/// The event's phrase: from its first actor to its last (the trigger included) within the
/// sentence, widened to whole words, at most [`EVIDENCE_CHARS`] around the trigger.
fn phrase_of(text: &str, sentences: &[Span], e: &Event) -> Option<Phrase> {
    let ev = e.evidence.span();
    let trigger = text.get(ev.start..ev.end)?;
    let sentence = sentences
        .iter()
        .find(|s| s.start <= ev.start && ev.end <= s.end)
        .copied()
        .unwrap_or(Span::new(ev.start, ev.end));
    let inside = |sp: Span| sentence.start <= sp.start && sp.end <= sentence.end;
    let actors = e
        .source
        .iter()
        .chain(&e.target)
        .map(|a| a.span)
        .filter(|sp| inside(*sp));
    let (mut start, mut end) = (ev.start, ev.end);
    for sp in actors {
        start = start.min(sp.start);
        end = end.max(sp.end);
    }
    let budget = EVIDENCE_CHARS.saturating_sub(trigger.chars().count()) / 2;
    let before = clip_start(text.get(start..ev.start)?, budget);
    let after = clip_end(text.get(ev.end..end)?, budget);
    Some(Phrase {
        before,
        trigger: trigger.to_string(),
        after,
    })
}

/// The last `max` characters of `s`, cut at a space, with `…` when cut.
fn clip_start(s: &str, max: usize) -> String {
    let n = s.chars().count();
    if n <= max {
        return s.to_string();
    }
    let tail: String = s.chars().skip(n - max).collect();
    let tail = tail.split_once(' ').map_or(tail.as_str(), |(_, rest)| rest);
    format!("…{tail}")
}

/// The first `max` characters of `s`, cut at a space, with `…` when cut.
fn clip_end(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.to_string();
    }
    let head: String = s.chars().take(max).collect();
    let head = head
        .rsplit_once(' ')
        .map_or(head.as_str(), |(keep, _)| keep);
    format!("{head}…")
}

/// The event's quad class (1-4): CAMEO's, else PLOVER's.
pub fn quad_of(e: &Event) -> Option<u8> {
    e.cameo
        .quad_class
        .or_else(|| e.plover.as_ref().map(|p| p.category.quad_class()))
        .map(u8::from)
}

/// A coloured badge with the PLOVER type (or the CAMEO code when PLOVER has none).
pub fn type_badge(e: &Event) -> String {
    let q = quad_of(e).unwrap_or(0);
    let name = e
        .plover
        .as_ref()
        .map(|p| p.category.as_str().to_string())
        .unwrap_or_else(|| format!("CAMEO {}", e.cameo.code));
    let title = q
        .checked_sub(1)
        .and_then(|i| QUAD_NAMES.get(usize::from(i)))
        .copied()
        .unwrap_or("no quad class");
    format!(
        r#"<span class="badge q{q}" title="{}">{}</span>"#,
        Esc(title),
        Esc(&name)
    )
}

/// A link to an actor's page.
pub fn actor_link(code: &str, name: Option<&str>) -> String {
    if code.is_empty() {
        return r#"<span class="muted">unknown</span>"#.to_string();
    }
    let title = name.filter(|n| !n.is_empty() && *n != code).unwrap_or("");
    format!(
        r#"<a class="code" href="/actors/{}" title="{}">{}</a>"#,
        segment(code),
        Esc(title),
        Esc(code)
    )
}

/// Actors of one side of an event, linked; `—` when none.
pub fn actors(list: &[EventActor]) -> String {
    if list.is_empty() {
        return r#"<span class="muted">—</span>"#.to_string();
    }
    list.iter()
        .map(|a| actor_link(&a.code, Some(&a.name)))
        .collect::<Vec<_>>()
        .join(" + ")
}

/// The link to an event's evidence in its article.
pub fn evidence_href(e: &StoredEvent) -> String {
    format!("/articles/{}#ev-{}", segment(&e.article_id), segment(&e.id))
}

/// A short modality label; asserted events get none.
pub fn modality(m: Modality) -> String {
    match m {
        Modality::Asserted => String::new(),
        other => format!(r#"<span class="tag mod-{0}">{0}</span>"#, other.as_str()),
    }
}

/// An event's day as HTML, saying how it was found when not from the article's date: the
/// words that dated it (hover), "first seen" for an undated article, a `background` tag for
/// events clearly before the news (not counted in series).
pub fn date_label(e: &Event) -> String {
    let Some(day) = e.date.as_deref().map(day_of) else {
        return "—".to_string();
    };
    let mut out = match (e.dating.basis, &e.dating.text) {
        (DateBasis::Text, Some(words)) => format!(
            r#"<span title="dated by “{}” in the text">{}</span>"#,
            Esc(words),
            Esc(day)
        ),
        (DateBasis::FirstSeen, _) => format!(
            r#"<span title="the article gives no date: the day attache first saw it">{} (first seen)</span>"#,
            Esc(day)
        ),
        _ => Esc(day).to_string(),
    };
    if e.dating.background {
        out.push_str(r#" <span class="tag background" title="long before the news: not counted in series">background</span>"#);
    }
    out
}

/// An event's date in plain text with how it was found: `1990-01-01 (“in 1990”,
/// background)`, `2025-10-30 (first seen)`, or the date alone when it is the article's.
pub fn date_text(e: &Event) -> Option<String> {
    let day = day_of(e.date.as_deref()?).to_string();
    let mut how = Vec::new();
    match (e.dating.basis, &e.dating.text) {
        (DateBasis::Text, Some(words)) => how.push(format!("“{words}”")),
        (DateBasis::FirstSeen, _) => how.push("first seen".to_string()),
        _ => {}
    }
    if e.dating.background {
        how.push("background".to_string());
    }
    Some(if how.is_empty() {
        day
    } else {
        format!("{day} ({})", how.join(", "))
    })
}

/// A table of events, each linking to its evidence, shown as its phrase with the trigger in
/// bold (the trigger alone when the article could not be read).
pub fn event_table(events: &[StoredEvent], phrases: &Phrases) -> String {
    if events.is_empty() {
        return r#"<p class="empty">No events match.</p>"#.to_string();
    }
    let mut out = String::from(
        r#"<table class="events"><thead><tr><th>Date</th><th>Who</th><th>Did what</th><th>To whom</th><th>Evidence</th><th class="num" title="Outlets reporting this happening">Outlets</th></tr></thead><tbody>"#,
    );
    for s in events {
        let e = &s.event;
        let _ = write!(
            out,
            r#"<tr class="ev-row"><td class="nowrap">{date}</td><td>{src}</td><td>{badge} <span class="cameo" title="CAMEO code">{cameo}</span> {modality}</td><td>{tgt}</td><td class="evidence-cell"><a class="evidence-link" href="{href}">“{quote}”</a><span class="site">{site}</span></td><td class="num">{sources}</td></tr>"#,
            date = date_label(e),
            src = actors(&e.source),
            badge = type_badge(e),
            cameo = Esc(&e.cameo.code),
            modality = modality(e.modality),
            tgt = actors(&e.target),
            href = evidence_href(s),
            quote = match phrases.get(&s.id) {
                Some(p) => format!(
                    "{}<b>{}</b>{}",
                    Esc(&p.before),
                    Esc(&p.trigger),
                    Esc(&p.after)
                ),
                None => Esc(&truncate(&e.evidence.text, EVIDENCE_CHARS)).to_string(),
            },
            site = Esc(s.site.as_deref().unwrap_or("")),
            sources = s.num_sources,
        );
    }
    out.push_str("</tbody></table>");
    out
}

/// A horizontal bar as inline SVG (no inline styles: the CSP forbids them).
pub fn bar(value: u64, max: u64, class: &str) -> String {
    let width = if max == 0 {
        0.0
    } else {
        (value as f64 / max as f64 * 100.0).clamp(0.0, 100.0)
    };
    format!(
        r#"<svg class="hbar {class}" viewBox="0 0 100 8" preserveAspectRatio="none" aria-hidden="true"><rect class="track" width="100" height="8"></rect><rect class="value" width="{width:.1}" height="8"></rect></svg>"#
    )
}

/// Previous/next links for a paged list; `base` is the path and query without `offset`.
pub fn pager(base: &str, offset: usize, limit: usize, has_more: bool) -> String {
    if offset == 0 && !has_more {
        return String::new();
    }
    let join = if base.contains('?') { '&' } else { '?' };
    let mut out = String::from(r#"<nav class="pager" aria-label="Pages">"#);
    if offset > 0 {
        let prev = offset.saturating_sub(limit);
        let _ = write!(
            out,
            r#"<a href="{}{join}offset={prev}">← Newer</a>"#,
            Esc(base)
        );
    }
    let _ = write!(
        out,
        r#"<span class="muted">{} – {}</span>"#,
        offset + 1,
        offset + limit
    );
    if has_more {
        let _ = write!(
            out,
            r#"<a href="{}{join}offset={}">Older →</a>"#,
            Esc(base),
            offset + limit
        );
    }
    out.push_str("</nav>");
    out
}

/// The legend of quad-class colours.
pub fn quad_legend() -> String {
    let mut out = String::from(r#"<ul class="legend">"#);
    for (i, name) in QUAD_NAMES.iter().enumerate() {
        let _ = write!(
            out,
            r#"<li><span class="swatch q{}"></span>{name}</li>"#,
            i + 1
        );
    }
    out.push_str("</ul>");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hostile_codes_and_names_are_escaped_in_links() {
        let html = actor_link("<img>", Some("\"onmouseover=x"));
        assert!(html.contains("/actors/%3Cimg%3E"));
        assert!(html.contains("&lt;img&gt;"));
        assert!(html.contains("&quot;onmouseover=x"));
    }

    #[test]
    fn pagers_link_both_ways_only_when_there_is_somewhere_to_go() {
        assert_eq!(pager("/events?actor=PAK", 0, 50, false), "");
        let p = pager("/events?actor=PAK", 50, 50, true);
        assert!(p.contains("offset=0") && p.contains("offset=100"));
    }

    #[test]
    fn dates_say_how_they_were_found_and_words_are_escaped() {
        use attache_model::Dating;
        let mut e = Event {
            date: Some("1990-01-01".into()),
            dating: Dating {
                basis: DateBasis::Text,
                text: Some("in <1990>".into()),
                background: true,
            },
            ..Event::default()
        };
        assert_eq!(
            date_text(&e).as_deref(),
            Some("1990-01-01 (“in <1990>”, background)")
        );
        let html = date_label(&e);
        assert!(
            html.contains("&lt;1990&gt;") && html.contains("background"),
            "{html}"
        );
        e.dating = Dating {
            basis: DateBasis::FirstSeen,
            ..Dating::default()
        };
        assert_eq!(date_text(&e).as_deref(), Some("1990-01-01 (first seen)"));
        assert!(date_label(&e).contains("(first seen)"));
        e.dating = Dating::default();
        assert_eq!(date_label(&e), "1990-01-01");
        e.date = None;
        assert_eq!((date_text(&e), date_label(&e).as_str()), (None, "—"));
    }

    #[test]
    fn bars_are_clamped() {
        assert!(bar(5, 0, "x").contains(r#"class="value" width="0.0""#));
        assert!(bar(20, 10, "x").contains(r#"class="value" width="100.0""#));
    }
}
