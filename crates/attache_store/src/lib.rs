//! attache_store
