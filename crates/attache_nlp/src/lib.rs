//! attache_nlp
