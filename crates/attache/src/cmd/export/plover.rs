//! PLOVER-style JSON records, one per event.

use attache_store::StoredEvent;

/// A PLOVER-style JSON record for an event.
pub fn plover_record(e: &StoredEvent) -> serde_json::Value {
    let ev = &e.event;
    let actor = |a: &[attache_model::EventActor]| {
        serde_json::json!(a
            .iter()
            .map(|x| serde_json::json!({"code": x.code, "name": x.name, "text": x.text}))
            .collect::<Vec<_>>())
    };
    serde_json::json!({
        "id": e.id,
        "date": ev.date,
        "event_type": ev.plover.as_ref().map(|p| p.category.as_str()),
        "mode": ev.plover.as_ref().and_then(|p| p.mode.clone()),
        "context": ev.plover.as_ref().map(|p| p.contexts.clone()).unwrap_or_default(),
        "intensity": ev.plover.as_ref().map(|p| p.intensity),
        "actor1": actor(&ev.source),
        "actor2": actor(&ev.target),
        "modality": ev.modality.as_str(),
        "claimed_by": ev.claimed_by.as_ref().map(|c| serde_json::json!({"code": c.code, "name": c.name})),
        "location": ev.location,
        "cameo": {"code": ev.cameo.code, "goldstein": ev.cameo.goldstein, "quad_class": ev.cameo.quad_class},
        "source": {"url": e.url, "site": e.site, "title": e.title, "article_id": e.article_id},
        "evidence": ev.evidence,
        "rule": ev.rule,
        "story_id": e.story_id,
        "num_articles": e.num_articles,
        "num_sources": e.num_sources,
        "first_report": e.first_report,
    })
}
