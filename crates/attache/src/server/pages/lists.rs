//! List pages: `/events` (filter form and table), `/actors`, `/stories`, `/search`.

use std::fmt::Write;

use attache_model::PloverCategory;
use attache_store::EventFilter;
use axum::extract::State;
use axum::response::Html;
use serde::Deserialize;

use super::parts::{actor_link, bar, event_table, pager, phrases};
use super::{page, Nav, PageQuery, PageResult};
use crate::server::api::actors::{load_list, ActorParams};
use crate::server::api::articles::{self, SearchParams};
use crate::server::api::events::page as events_page;
use crate::server::api::stories::StoryParams;
use crate::server::html::{day_of, number, segment, Esc};
use crate::server::params::{self, EventParams, MAX_EVENTS_PAGE};
use crate::server::AppState;

/// Events shown under the article hits of a search.
const SEARCH_EVENTS: usize = 20;

const MODALITIES: [&str; 6] = [
    "asserted",
    "negated",
    "future",
    "intended",
    "hypothetical",
    "conditional",
];

fn input(name: &str, label: &str, value: &Option<String>, placeholder: &str, kind: &str) -> String {
    format!(
        r#"<label>{label}<input type="{kind}" name="{name}" value="{}" placeholder="{placeholder}"></label>"#,
        Esc(value.as_deref().unwrap_or(""))
    )
}

fn select(name: &str, label: &str, value: &Option<String>, options: &[&str]) -> String {
    let mut out = format!(r#"<label>{label}<select name="{name}"><option value="">any</option>"#);
    let current = value.as_deref().unwrap_or("").to_ascii_lowercase();
    for o in options {
        let selected = if o.to_ascii_lowercase() == current {
            " selected"
        } else {
            ""
        };
        let _ = write!(out, r#"<option{selected}>{o}</option>"#);
    }
    out.push_str("</select></label>");
    out
}

/// `GET /events`.
pub async fn events(
    State(state): State<AppState>,
    PageQuery(p): PageQuery<EventParams>,
) -> PageResult {
    let mut p = p;
    p.format = None;
    p.count = Some(true);
    let page_data = events_page(&state, &p, MAX_EVENTS_PAGE).await?;
    let types: Vec<&str> = PloverCategory::ALL.iter().map(|c| c.as_str()).collect();
    let mut body = String::from(r#"<h1 class="page-title">Events</h1>"#);
    let _ = write!(
        body,
        r#"<form class="card filters" method="get" action="/events">{}{}{}{}{}{}{}{}<div class="filter-actions"><button type="submit">Filter</button><a href="/events">Clear</a></div></form>"#,
        input("actor", "Who (code)", &p.actor, "PAK", "text"),
        input("target", "To whom (code)", &p.target, "AFG", "text"),
        select("type", "PLOVER type", &p.plover, &types),
        input("cameo", "CAMEO", &p.cameo, "19", "text"),
        select("modality", "Modality", &p.modality, &MODALITIES),
        input("from", "From", &p.from, "", "date"),
        input("to", "To", &p.to, "", "date"),
        input("q", "Article words", &p.q, "ceasefire", "text"),
    );
    let phrases = phrases(&state, &page_data.events).await?;
    let query = p.query();
    let csv = format!("/api/events?{}", {
        let mut c = p.clone();
        c.count = None;
        c.limit = Some(params::MAX_CSV_ROWS);
        c.format = Some("csv".into());
        c.query()
    });
    let _ = write!(
        body,
        r#"<section class="card"><div class="card-head"><h2>{} event{}</h2><a class="more" href="{}">Download CSV</a></div>{}{}</section>"#,
        number(page_data.total.unwrap_or(0)),
        if page_data.total == Some(1) { "" } else { "s" },
        Esc(&csv),
        event_table(&page_data.events, &phrases),
        pager(
            &format!("/events?{query}"),
            page_data.offset,
            page_data.limit,
            page_data.next.is_some()
        ),
    );
    Ok(Html(page("Events", Nav::Events, "", &body)))
}

/// `GET /actors`.
pub async fn actors(
    State(state): State<AppState>,
    PageQuery(p): PageQuery<ActorParams>,
) -> PageResult {
    let limit = params::limit(p.limit, 100, 1000)?;
    let offset = params::offset(p.offset)?;
    let list = load_list(
        &state,
        &ActorParams {
            prefix: p.prefix.clone(),
            limit: Some(limit + 1),
            offset: Some(offset),
        },
    )
    .await?;
    let mut actors = list.actors;
    let more = actors.len() > limit;
    actors.truncate(limit);
    let mut body = String::from(r#"<h1 class="page-title">Actors</h1>"#);
    let _ = write!(
        body,
        r#"<form class="card filters" method="get" action="/actors">{}<div class="filter-actions"><button type="submit">Filter</button></div></form>"#,
        input("prefix", "Code starts with", &p.prefix, "PAK", "text")
    );
    body.push_str(r#"<section class="card">"#);
    if actors.is_empty() {
        body.push_str(r#"<p class="empty">No actors match.</p>"#);
    } else {
        let max = actors
            .iter()
            .map(|a| a.as_source.max(a.as_target))
            .max()
            .unwrap_or(0);
        body.push_str(r#"<table class="actors"><thead><tr><th>Code</th><th>Name</th><th>As source</th><th>As target</th></tr></thead><tbody>"#);
        for a in &actors {
            let _ = write!(
                body,
                r#"<tr><td>{}</td><td>{}</td><td><span class="n">{}</span>{}</td><td><span class="n">{}</span>{}</td></tr>"#,
                actor_link(&a.code, a.name.as_deref()),
                Esc(a.name.as_deref().unwrap_or("")),
                number(a.as_source),
                bar(a.as_source, max, "out"),
                number(a.as_target),
                bar(a.as_target, max, "in"),
            );
        }
        body.push_str("</tbody></table>");
    }
    let base = match p.prefix.as_deref().filter(|s| !s.is_empty()) {
        Some(prefix) => format!(
            "/actors?prefix={}&limit={limit}",
            params::url_encode(prefix)
        ),
        None => format!("/actors?limit={limit}"),
    };
    body.push_str(&pager(&base, offset, limit, more));
    body.push_str("</section>");
    Ok(Html(page("Actors", Nav::Actors, "", &body)))
}

/// `GET /stories`.
pub async fn stories(
    State(state): State<AppState>,
    PageQuery(p): PageQuery<StoryParams>,
) -> PageResult {
    let mut filter = p.filter()?;
    let limit = filter.limit;
    filter.limit = limit + 1;
    let mut list = state.pool().run(move |s| s.stories(&filter)).await?;
    let more = list.len() > limit;
    list.truncate(limit);
    let offset = params::offset(p.offset)?;
    let mut body = String::from(r#"<h1 class="page-title">Stories</h1><section class="card">"#);
    if list.is_empty() {
        body.push_str(r#"<p class="empty">No stories yet.</p>"#);
    } else {
        body.push_str(r#"<table class="story-table"><thead><tr><th>Story</th><th>Days</th><th class="num">Articles</th><th class="num">Outlets</th><th class="num">Happenings</th></tr></thead><tbody>"#);
        for s in &list {
            let days = match (&s.first_day, &s.last_day) {
                (Some(a), Some(b)) if a != b => format!("{a} – {b}"),
                (Some(a), _) => a.clone(),
                _ => "undated".into(),
            };
            let _ = write!(
                body,
                r#"<tr><td><a href="/stories/{}">{}</a></td><td class="nowrap muted">{}</td><td class="num">{}</td><td class="num">{}</td><td class="num">{}</td></tr>"#,
                segment(&s.id),
                Esc(s.title.as_deref().unwrap_or("(untitled)")),
                Esc(&days),
                s.articles,
                s.outlets,
                s.events
            );
        }
        body.push_str("</tbody></table>");
    }
    body.push_str(&pager(
        &format!("/stories?limit={limit}"),
        offset,
        limit,
        more,
    ));
    body.push_str("</section>");
    Ok(Html(page("Stories", Nav::Stories, "", &body)))
}

/// Parameters of the search page.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SearchPageParams {
    q: Option<String>,
    offset: Option<usize>,
}

/// Snippets mark matches with `[` `]`: escape, then turn the markers into `<mark>`.
fn snippet_html(snippet: &str) -> String {
    Esc(snippet)
        .to_string()
        .replace('[', "<mark>")
        .replace(']', "</mark>")
}

/// `GET /search`.
pub async fn search(
    State(state): State<AppState>,
    PageQuery(p): PageQuery<SearchPageParams>,
) -> PageResult {
    let q = p.q.clone().unwrap_or_default();
    let mut body = String::from(r#"<h1 class="page-title">Search</h1>"#);
    let _ = write!(
        body,
        r#"<form class="card filters" method="get" action="/search"><label class="wide">Words (use "quotes" for a phrase)<input type="search" name="q" value="{}" autofocus></label><div class="filter-actions"><button type="submit">Search</button></div></form>"#,
        Esc(&q)
    );
    if q.trim().is_empty() {
        return Ok(Html(page("Search", Nav::Search, "", &body)));
    }
    let offset = params::offset(p.offset)?;
    let hits = articles::run(
        &state,
        &SearchParams {
            q: Some(q.clone()),
            limit: Some(20),
            offset: Some(offset),
        },
    )
    .await?;
    // A query that reads like an actor code also offers the actor's page.
    let code_like = q.len() >= 3
        && q.len() <= 15
        && q.bytes()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit());
    if code_like {
        let _ = write!(
            body,
            r#"<p class="hint">Actor {} →</p>"#,
            actor_link(&q, None)
        );
    }
    let _ = write!(body, r#"<section class="card"><h2>Articles</h2>"#);
    if hits.hits.is_empty() {
        body.push_str(r#"<p class="empty">No article contains these words.</p>"#);
    } else {
        body.push_str(r#"<ul class="hits">"#);
        for h in &hits.hits {
            let _ = write!(
                body,
                r#"<li><a href="/articles/{}">{}</a><span class="meta">{} · {}</span><p class="snippet">{}</p></li>"#,
                segment(&h.id),
                Esc(h.title.as_deref().unwrap_or("(untitled)")),
                Esc(h.site.as_deref().unwrap_or("")),
                Esc(h.published.as_deref().map(day_of).unwrap_or("undated")),
                snippet_html(&h.snippet),
            );
        }
        body.push_str("</ul>");
    }
    body.push_str(&pager(
        &format!("/search?q={}", params::url_encode(&q)),
        offset,
        20,
        hits.hits.len() == 20,
    ));
    body.push_str("</section>");
    let text = q.clone();
    let events = state
        .pool()
        .run(move |s| {
            s.events(&EventFilter {
                text: Some(text),
                limit: SEARCH_EVENTS,
                ..EventFilter::default()
            })
        })
        .await?;
    let phrases = phrases(&state, &events).await?;
    let _ = write!(
        body,
        r#"<section class="card"><div class="card-head"><h2>Events in these articles</h2><a class="more" href="/events?q={}">All →</a></div>{}</section>"#,
        params::url_encode(&q),
        event_table(&events, &phrases)
    );
    Ok(Html(page(&format!("Search: {q}"), Nav::Search, &q, &body)))
}
