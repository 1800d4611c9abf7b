//! Which `<meta>` keys (the `property`, `name`, `itemprop` or `http-equiv` attribute,
//! lower-cased) carry which field, each list in order of trust. Data only.
//!
//! Example: `<meta property="article:published_time" content="2025-10-30T14:05:00+05:00">`
//! is read through [`PUBLISHED`]; `<meta name="parsely-author" content="Jane Doe">` through
//! [`AUTHORS`].

/// First publication time.
pub const PUBLISHED: &[&str] = &[
    "article:published_time",
    "og:article:published_time",
    "article:published",
    "og:published_time",
    "published_time",
    "datepublished",
    "parsely-pub-date",
    "sailthru.date",
    "article.published",
    "published-date",
    "publish-date",
    "publish_date",
    "publishdate",
    "pubdate",
    "publication_date",
    "published",
    "citation_publication_date",
    "citation_date",
    "citation_online_date",
    "dc.date.issued",
    "dcterms.issued",
    "dc.date.created",
    "dcterms.created",
    "dc.date",
    "dcterms.date",
    "date.published",
    "originalpublicationdate",
    "original-publish-date",
    "cxenseparse:recs:publishtime",
    "article:post_date",
    "post_date",
    "date",
    "release_date",
    "displaydate",
    "datecreated",
    "created",
    "og:pubdate",
    "bt:pubdate",
    "timestamp",
];

/// The keys of [`PUBLISHED`] that are schema.org microdata (`<meta itemprop=...>`): the same
/// record as JSON-LD's `datePublished` in another syntax, not a `<meta>` declaration of its own.
pub const PUBLISHED_SCHEMA_ORG: &[&str] = &["datepublished", "datecreated"];

/// Last modification time.
pub const MODIFIED: &[&str] = &[
    "article:modified_time",
    "og:article:modified_time",
    "article:modified",
    "og:updated_time",
    "article:updated_time",
    "modified_time",
    "datemodified",
    "dc.date.modified",
    "dcterms.modified",
    "last-modified",
    "lastmod",
    "last_updated_date",
    "parsely-updated",
    "sailthru.updated",
    "bt:moddate",
    "updated",
    "revised",
];

/// Author names (values that are URLs or handles are skipped by the reader).
pub const AUTHORS: &[&str] = &[
    "author",
    "article:author",
    "og:article:author",
    "article:author_name",
    "parsely-author",
    "sailthru.author",
    "byl",
    "dc.creator",
    "dcterms.creator",
    "citation_author",
    "cxenseparse:author",
];

/// Declared titles after JSON-LD, in order of trust.
pub const TITLES: &[&str] = &[
    "og:title",
    "twitter:title",
    "parsely-title",
    "sailthru.title",
    "headline",
    "dc.title",
    "citation_title",
    "title",
];

/// Descriptions (candidates for the standfirst).
pub const DESCRIPTIONS: &[&str] = &[
    "og:description",
    "description",
    "twitter:description",
    "dc.description",
    "sailthru.description",
];

/// Site names.
pub const SITE_NAMES: &[&str] = &[
    "og:site_name",
    "application-name",
    "apple-mobile-web-app-title",
    "publisher",
    "dc.publisher",
    "citation_journal_title",
];

/// Canonical URLs after `<link rel=canonical>`.
pub const URLS: &[&str] = &["og:url", "twitter:url", "parsely-link", "sailthru.url"];

/// Declared languages after `<html lang>`.
pub const LANGUAGES: &[&str] = &[
    "og:locale",
    "content-language",
    "language",
    "dc.language",
    "inlanguage",
];

/// Page type hints.
pub const PAGE_TYPES: &[&str] = &["og:type", "parsely-type"];

#[cfg(test)]
mod tests {
    #[test]
    fn the_schema_org_publication_keys_are_publication_keys() {
        for key in super::PUBLISHED_SCHEMA_ORG {
            assert!(super::PUBLISHED.contains(key), "{key}");
        }
    }
}
