//! `/dyads/{a}/{b}` (timeline chart and event list of a pair) and `/actors/{code}` (an
//! actor's counterparts).

use std::fmt::Write;

use attache_store::{DyadBucket, DyadQuery, EventFilter, Period};
use axum::extract::{Path, State};
use axum::response::Html;
use serde::Deserialize;

use super::parts::{actor_link, bar, event_table, pager, phrases, quad_legend};
use super::{page, Nav, PageError, PageQuery, PageResult};
use crate::server::api::actors;
use crate::server::api::dyads::period_name;
use crate::server::api::events::find;
use crate::server::error::ApiError;
use crate::server::html::{number, segment, Esc};
use crate::server::params;
use crate::server::AppState;

/// Events per page on the dyad and actor pages.
const PAGE_EVENTS: usize = 50;

/// Recent events shown per role on the actor page.
const ACTOR_EVENTS: usize = 15;

/// Parameters of the dyad page.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DyadPageParams {
    by: Option<String>,
    undirected: Option<bool>,
    offset: Option<usize>,
}

/// Totals over a series.
fn summary(buckets: &[DyadBucket]) -> (u64, u64, u64, Option<f64>) {
    let events: u64 = buckets.iter().map(|b| b.events).sum();
    let reports: u64 = buckets.iter().map(|b| b.reports).sum();
    let conflict: u64 = buckets.iter().map(|b| b.quad[2] + b.quad[3]).sum();
    let weighted: f64 = buckets
        .iter()
        .filter_map(|b| b.mean_intensity.map(|m| m * b.events as f64))
        .sum();
    let mean = (events > 0).then(|| weighted / events as f64);
    (events, reports, conflict, mean)
}

/// `GET /dyads/{a}/{b}`.
pub async fn dyad(
    State(state): State<AppState>,
    Path((a, b)): Path<(String, String)>,
    PageQuery(p): PageQuery<DyadPageParams>,
) -> PageResult {
    let a = params::actor_code("a", &a)?;
    let b = params::actor_code("b", &b)?;
    let by = params::period(p.by.as_deref(), Period::Day)?;
    let undirected = p.undirected.unwrap_or(false);
    let offset = params::offset(p.offset)?;
    let (qa, qb) = (a.clone(), b.clone());
    let (names, buckets, mut events) = state
        .pool()
        .run(move |s| {
            let names = s.actor_names(&[qa.clone(), qb.clone()])?;
            let buckets = s.dyad_series(&DyadQuery {
                a: qa.clone(),
                b: qb.clone(),
                by: Period::Month,
                from_day: None,
                to_day: None,
                include_unasserted: false,
                undirected,
            })?;
            let events = find(
                s,
                &EventFilter {
                    actor: Some(qa),
                    target: Some(qb),
                    undirected,
                    limit: PAGE_EVENTS + 1,
                    offset,
                    ..EventFilter::default()
                },
            )?;
            Ok((names, buckets, events))
        })
        .await?;
    let more = events.len() > PAGE_EVENTS;
    events.truncate(PAGE_EVENTS);
    let (total, reports, conflict, mean) = summary(&buckets);
    let arrow = if undirected { "↔" } else { "→" };
    let name = |c: &str| names.get(c).cloned().unwrap_or_default();
    let mut body = String::new();
    let _ = write!(
        body,
        r#"<div class="page-head"><h1 class="page-title">{la} <span class="arrow">{arrow}</span> {lb}</h1><p class="subtitle">{na} {arrow} {nb}</p>
<div class="toggles"><a href="/dyads/{sb}/{sa}">Swap: {eb} → {ea}</a> · <a href="/dyads/{sa}/{sb}?undirected={flip}">{flip_label}</a></div></div>"#,
        la = actor_link(&a, names.get(&a).map(String::as_str)),
        lb = actor_link(&b, names.get(&b).map(String::as_str)),
        na = Esc(&name(&a)),
        nb = Esc(&name(&b)),
        sa = segment(&a),
        sb = segment(&b),
        ea = Esc(&a),
        eb = Esc(&b),
        flip = !undirected,
        flip_label = if undirected {
            "One direction only"
        } else {
            "Both directions"
        },
    );
    let conflict_share = (conflict * 100).checked_div(total).unwrap_or(0);
    let _ = write!(
        body,
        r#"<div class="stats"><div class="stat"><span class="stat-n">{}</span><span class="stat-l">happenings</span></div><div class="stat"><span class="stat-n">{}</span><span class="stat-l">reports</span></div><div class="stat"><span class="stat-n">{conflict_share}%</span><span class="stat-l">conflict</span></div><div class="stat"><span class="stat-n">{}</span><span class="stat-l">mean intensity</span></div></div>"#,
        number(total),
        number(reports),
        mean.map(|m| format!("{m:+.1}"))
            .unwrap_or_else(|| "—".into()),
    );
    let base = format!(
        "/dyads/{}/{}?undirected={undirected}",
        segment(&a),
        segment(&b)
    );
    let mut tabs = String::new();
    for p in [Period::Day, Period::Week, Period::Month] {
        let current = if p == by {
            r#" aria-current="true""#
        } else {
            ""
        };
        let _ = write!(
            tabs,
            r#"<a href="{}&amp;by={n}"{current}>{n}</a>"#,
            Esc(&base),
            n = period_name(p)
        );
    }
    let src = format!(
        "/api/dyads/{}/{}/series?by={}&undirected={undirected}",
        segment(&a),
        segment(&b),
        period_name(by)
    );
    let _ = write!(
        body,
        r#"<section class="card"><div class="card-head"><h2>Timeline</h2><div class="tabs" role="group" aria-label="Bucket size">{tabs}</div></div>
<figure class="chart timeline" data-chart="dyad" data-src="{src}" aria-label="Happenings per {by} by quad class, with mean intensity"><noscript>The chart needs JavaScript; the numbers are at <a href="{src}">{src}</a>.</noscript></figure>
<div class="chart-foot">{legend}<span class="legend-line">mean intensity (right axis, −10 … +10)</span></div></section>"#,
        src = Esc(&src),
        by = period_name(by),
        legend = quad_legend(),
    );
    let phrases = phrases(&state, &events).await?;
    // The events API spells the undirected pair as dyad=A,B.
    let csv = if undirected {
        format!(
            "/api/events?dyad={},{}&format=csv&limit=10000",
            segment(&a),
            segment(&b)
        )
    } else {
        format!(
            "/api/events?actor={}&target={}&format=csv&limit=10000",
            segment(&a),
            segment(&b)
        )
    };
    let _ = write!(
        body,
        r#"<section class="card"><div class="card-head"><h2>Events</h2><a class="more" href="{}">Download CSV</a></div>{}{}</section>"#,
        Esc(&csv),
        event_table(&events, &phrases),
        pager(
            &format!("{base}&by={}", period_name(by)),
            offset,
            PAGE_EVENTS,
            more
        )
    );
    let title = format!("{a} {arrow} {b}");
    Ok(Html(page(&title, Nav::None, "", &body)))
}

/// `GET /actors/{code}`.
pub async fn actor(State(state): State<AppState>, Path(code): Path<String>) -> PageResult {
    let Some(view) = actors::load(&state, &code).await? else {
        return Err(PageError(ApiError::not_found(format!(
            "no event or mention involves the actor {code:?}"
        ))));
    };
    let code = view.code.clone();
    let (c1, c2) = (code.clone(), code.clone());
    let (did, done_to) = state
        .pool()
        .run(move |s| {
            let did = s.events(&EventFilter {
                actor: Some(c1),
                limit: ACTOR_EVENTS,
                ..EventFilter::default()
            })?;
            let done_to = s.events(&EventFilter {
                target: Some(c2),
                limit: ACTOR_EVENTS,
                ..EventFilter::default()
            })?;
            Ok((did, done_to))
        })
        .await?;
    let mut body = String::new();
    let _ = write!(
        body,
        r#"<div class="page-head"><h1 class="page-title"><span class="code">{}</span></h1><p class="subtitle">{}</p></div>"#,
        Esc(&code),
        Esc(view.name.as_deref().unwrap_or("")),
    );
    body.push_str(r#"<section class="card"><h2>Counterparts</h2>"#);
    if view.counterparts.is_empty() {
        body.push_str(r#"<p class="empty">No events with another actor.</p>"#);
    } else {
        let max = view
            .counterparts
            .iter()
            .map(|c| c.counterpart.as_source.max(c.counterpart.as_target))
            .max()
            .unwrap_or(0);
        let _ = write!(
            body,
            r#"<table class="counterparts"><thead><tr><th>Counterpart</th><th>Name</th><th>{c} → them</th><th>them → {c}</th></tr></thead><tbody>"#,
            c = Esc(&code)
        );
        for n in &view.counterparts {
            let cp = &n.counterpart;
            let _ = write!(
                body,
                r#"<tr><td>{link}</td><td class="muted">{name}</td><td><a class="count-link" href="/dyads/{me}/{them}">{out_n}</a>{out_bar}</td><td><a class="count-link" href="/dyads/{them}/{me}">{in_n}</a>{in_bar}</td></tr>"#,
                link = actor_link(&cp.code, n.name.as_deref()),
                name = Esc(n.name.as_deref().unwrap_or("")),
                me = segment(&code),
                them = segment(&cp.code),
                out_n = number(cp.as_target),
                out_bar = bar(cp.as_target, max, "out"),
                in_n = number(cp.as_source),
                in_bar = bar(cp.as_source, max, "in"),
            );
        }
        body.push_str("</tbody></table>");
    }
    body.push_str("</section>");
    let did_phrases = phrases(&state, &did).await?;
    let done_phrases = phrases(&state, &done_to).await?;
    let _ = write!(
        body,
        r#"<div class="grid two"><section class="card"><div class="card-head"><h2>What {c} did</h2><a class="more" href="/events?actor={s}">All →</a></div>{}</section><section class="card"><div class="card-head"><h2>Done to {c}</h2><a class="more" href="/events?target={s}">All →</a></div>{}</section></div>"#,
        event_table(&did, &did_phrases),
        event_table(&done_to, &done_phrases),
        c = Esc(&code),
        s = segment(&code),
    );
    Ok(Html(page(&code, Nav::Actors, "", &body)))
}
