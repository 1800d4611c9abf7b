//! attache_events
