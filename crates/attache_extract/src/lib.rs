//! attache_extract
