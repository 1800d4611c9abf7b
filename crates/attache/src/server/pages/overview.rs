//! `/`: totals, happenings per type over time, the most active dyads, the latest stories.

use std::fmt::Write;

use attache_store::{StoryFilter, StorySummary, TopDyadsQuery, Totals};
use axum::extract::State;
use axum::response::Html;

use super::parts::{bar, quad_legend};
use super::{page, Nav, PageResult};
use crate::server::html::{number, segment, Esc};
use crate::server::AppState;

/// Dyads ranked on the overview.
const TOP_DYADS: usize = 12;

/// Stories listed on the overview.
const LATEST_STORIES: usize = 10;

/// `GET /`.
pub async fn overview(State(state): State<AppState>) -> PageResult {
    let (stats, dyads, stories) = state
        .pool()
        .run(|s| {
            let dyads = s.top_dyads(&TopDyadsQuery {
                limit: TOP_DYADS,
                ..TopDyadsQuery::default()
            })?;
            let stories = s.stories(&StoryFilter {
                limit: LATEST_STORIES,
                ..StoryFilter::default()
            })?;
            Ok((s.totals()?, dyads, stories))
        })
        .await?;
    let mut body = String::new();
    body.push_str(r#"<h1 class="page-title">Overview</h1>"#);
    body.push_str(&totals(&stats));
    if stats.events == 0 {
        body.push_str(
            r#"<section class="card"><p class="empty">The store holds no events yet. Run <code>attache ingest</code> on some articles, then reload.</p></section>"#,
        );
    }
    let _ = write!(
        body,
        r#"<section class="card"><div class="card-head"><h2>Happenings by type over time</h2>{legend}</div>
<figure class="chart heatmap" data-chart="types" data-src="/api/series/types?by=week" aria-label="Happenings per PLOVER type per week"><noscript>The chart needs JavaScript; the same numbers are at <a href="/api/series/types?by=week">/api/series/types</a>.</noscript></figure></section>"#,
        legend = quad_legend()
    );
    body.push_str(r#"<div class="grid two">"#);
    body.push_str(&dyad_table(&dyads));
    body.push_str(&story_list(&stories));
    body.push_str("</div>");
    Ok(Html(page("Overview", Nav::Overview, "", &body)))
}

fn totals(s: &Totals) -> String {
    let mut out = String::from(r#"<div class="stats">"#);
    for (n, label, hint) in [
        (
            s.articles,
            "articles",
            "Stored articles, cross-outlet copies included",
        ),
        (s.events, "event reports", "Every report of every event"),
        (
            s.stories,
            "stories",
            "Articles about the same happening, grouped",
        ),
    ] {
        let _ = write!(
            out,
            r#"<div class="stat" title="{}"><span class="stat-n">{}</span><span class="stat-l">{}</span></div>"#,
            Esc(hint),
            number(n),
            label
        );
    }
    out.push_str("</div>");
    out
}

fn dyad_table(dyads: &[attache_store::DyadCount]) -> String {
    let mut out = String::from(r#"<section class="card"><h2>Most active dyads</h2>"#);
    if dyads.is_empty() {
        out.push_str(r#"<p class="empty">No dyads yet.</p></section>"#);
        return out;
    }
    out.push_str(r#"<table class="dyads"><thead><tr><th>Who → whom</th><th class="num">Happenings</th><th>Conflict share</th><th class="num" title="Mean PLOVER intensity, −10 (violent) to +10 (cooperative)">Intensity</th><th>Last</th></tr></thead><tbody>"#);
    let max = dyads.iter().map(|d| d.events).max().unwrap_or(0);
    for d in dyads {
        let conflict = (d.conflict * 100).checked_div(d.events).unwrap_or(0);
        let _ = write!(
            out,
            r#"<tr><td><a class="dyad-link" href="/dyads/{sa}/{sb}"><span class="code">{a}</span> → <span class="code">{b}</span></a></td><td class="num">{n}{bar}</td><td>{cbar}<span class="muted small">{conflict}%</span></td><td class="num">{intensity}</td><td class="nowrap muted">{last}</td></tr>"#,
            sa = segment(&d.source),
            sb = segment(&d.target),
            a = Esc(&d.source),
            b = Esc(&d.target),
            n = number(d.events),
            bar = bar(d.events, max, "count"),
            cbar = bar(d.conflict, d.events, "conflict"),
            intensity = d
                .mean_intensity
                .map(|i| format!("{i:+.1}"))
                .unwrap_or_else(|| "—".into()),
            last = Esc(d.last_day.as_deref().unwrap_or("—")),
        );
    }
    out.push_str("</tbody></table></section>");
    out
}

fn story_list(stories: &[StorySummary]) -> String {
    let mut out = String::from(
        r#"<section class="card"><div class="card-head"><h2>Latest stories</h2><a class="more" href="/stories">All stories →</a></div>"#,
    );
    if stories.is_empty() {
        out.push_str(r#"<p class="empty">No stories yet.</p></section>"#);
        return out;
    }
    out.push_str(r#"<ul class="stories">"#);
    for s in stories {
        let days = match (&s.first_day, &s.last_day) {
            (Some(a), Some(b)) if a != b => format!("{a} – {b}"),
            (Some(a), _) => a.clone(),
            _ => "undated".into(),
        };
        let _ = write!(
            out,
            r#"<li><a href="/stories/{id}">{title}</a><span class="meta">{days} · {articles} article{ap} · {outlets} outlet{op} · {events} happening{ep}</span></li>"#,
            id = segment(&s.id),
            title = Esc(s.title.as_deref().unwrap_or("(untitled)")),
            days = Esc(&days),
            articles = s.articles,
            ap = if s.articles == 1 { "" } else { "s" },
            outlets = s.outlets,
            op = if s.outlets == 1 { "" } else { "s" },
            events = s.events,
            ep = if s.events == 1 { "" } else { "s" },
        );
    }
    out.push_str("</ul></section>");
    out
}
