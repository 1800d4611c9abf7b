//! `/stories/{id}`: the outlets that reported a happening, their articles, and what was coded.

use std::collections::BTreeMap;
use std::fmt::Write;

use attache_store::StoryMember;
use axum::extract::{Path, State};
use axum::response::Html;

use super::parts::{event_table, phrases};
use super::{page, Nav, PageResult};
use crate::server::api::stories::load;
use crate::server::error::ApiError;
use crate::server::html::{day_of, href, segment, Esc};
use crate::server::AppState;

fn member(m: &StoryMember) -> String {
    let copy = match m.duplicate_kind {
        Some(k) => format!(r#" <span class="tag copy">{} copy</span>"#, k.as_str()),
        None => String::new(),
    };
    let original = m
        .url
        .as_deref()
        .and_then(href)
        .map(|u| {
            format!(
                r#" <a class="source-link" href="{}" rel="noopener noreferrer nofollow" target="_blank" title="Original page">↗</a>"#,
                Esc(u)
            )
        })
        .unwrap_or_default();
    format!(
        r#"<li><a href="/articles/{}">{}</a>{copy}{original}<span class="meta">{}</span></li>"#,
        segment(&m.id),
        Esc(m.title.as_deref().unwrap_or("(untitled)")),
        Esc(m.published.as_deref().map(day_of).unwrap_or("undated")),
    )
}

/// `GET /stories/{id}`.
pub async fn story(State(state): State<AppState>, Path(id): Path<String>) -> PageResult {
    let view = ApiError::found(load(&state, id.clone()).await?, "story", &id)?;
    let s = &view.story.summary;
    let title = s.title.as_deref().unwrap_or("(untitled story)");
    let mut by_outlet: BTreeMap<&str, Vec<&StoryMember>> = BTreeMap::new();
    for m in &view.story.members {
        by_outlet
            .entry(m.site.as_deref().unwrap_or("unknown outlet"))
            .or_default()
            .push(m);
    }
    let days = match (&s.first_day, &s.last_day) {
        (Some(a), Some(b)) if a != b => format!("{a} – {b}"),
        (Some(a), _) => a.clone(),
        _ => "undated".into(),
    };
    let mut body = String::new();
    let _ = write!(
        body,
        r#"<div class="page-head"><h1 class="page-title">{}</h1><p class="subtitle">{} · {} article{} from {} outlet{} · {} happening{}</p></div>"#,
        Esc(title),
        Esc(&days),
        s.articles,
        if s.articles == 1 { "" } else { "s" },
        s.outlets,
        if s.outlets == 1 { "" } else { "s" },
        s.events,
        if s.events == 1 { "" } else { "s" },
    );
    body.push_str(r#"<section class="card"><h2>Outlets</h2><div class="outlets">"#);
    for (outlet, members) in &by_outlet {
        let _ = write!(
            body,
            r#"<div class="outlet"><h3>{}</h3><ul class="stories">"#,
            Esc(outlet)
        );
        for m in members {
            body.push_str(&member(m));
        }
        body.push_str("</ul></div>");
    }
    body.push_str("</div></section>");
    let phrases = phrases(&state, &view.events).await?;
    let _ = write!(
        body,
        r#"<section class="card"><div class="card-head"><h2>Happenings</h2><a class="more" href="/events?story={}">All reports →</a></div>{}</section>"#,
        segment(&s.id),
        event_table(&view.events, &phrases)
    );
    Ok(Html(page(title, Nav::Stories, "", &body)))
}
