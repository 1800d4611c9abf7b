//! Data only: what class names, ids and roles say about an element.
//!
//! Three ways of matching a `class` or `id` value, from strictest to loosest:
//! - whole class tokens (split at whitespace): [`FURNITURE_CLASSES`], e.g. `hidden`, which as
//!   a word inside `field--label-hidden` means something else;
//! - words: the value split into lowercase words at every non-alphanumeric character and at
//!   lower-to-upper case changes (`articleBody` gives `article`, `body`; `post__share-bar`
//!   gives `post`, `share`, `bar`): [`FURNITURE_WORDS`], [`CONTENT_WORDS`];
//! - substrings of the lowercased value, for names sites glue together (`relatedStories`):
//!   [`FURNITURE_COMPOUNDS`], [`STRONG_FURNITURE_COMPOUNDS`], [`CONTENT_COMPOUNDS`].
//!
//! The algorithm that uses these lives in `classify` and `blocks`; change the lists here, and
//! check the effect with `attache eval extraction`.

/// Whole class tokens (or ids) of elements hidden from readers.
#[rustfmt::skip]
pub const FURNITURE_CLASSES: &[&str] = &[
    "hidden", "hide", "d-none", "invisible", "sr-only", "visually-hidden", "visuallyhidden",
    "screen-reader-text", "screenreader-only", "offscreen", "is-hidden", "u-hidden",
    "print-only", "noprint",
];

/// Whole words in a class or id that mark page furniture: the element is dropped from the
/// body (unless it holds the headline, an element named as the article text, or, for all but
/// [`STRONG_FURNITURE_COMPOUNDS`], most of the page's prose).
#[rustfmt::skip]
pub const FURNITURE_WORDS: &[&str] = &[
    // navigation and page chrome
    "nav", "navbar", "navigation", "menu", "breadcrumb", "breadcrumbs", "masthead", "topbar",
    "toolbar", "skip", "pagination", "pager", "footer", "sidebar", "rail", "aside", "header",
    // sharing and engagement
    "share", "sharing", "shares", "social", "sociallinks", "follow", "reactions", "print",
    "bookmark",
    // advertising and promotion
    "ad", "ads", "adv", "advert", "advertisement", "advertising", "dfp", "sponsor", "sponsored",
    "promo", "promotion", "promoted", "banner", "outbrain", "taboola", "affiliate",
    // sign-up boxes, notices, overlays
    "newsletter", "subscribe", "subscription", "signup", "cookie", "cookies", "consent", "gdpr",
    "popup", "modal", "overlay",
    // recirculation
    "related", "recommended", "recommendations", "recirc", "recirculation", "trending",
    "popular", "mostread", "readmore", "teaser", "teasers", "upnext", "carousel",
    // article furniture around the text
    "tags", "tag", "taglist", "keywords", "topics", "categories", "byline", "bylines", "author",
    "authors", "bio", "dateline", "timestamp", "caption", "credit", "credits", "figcaption",
    "disclaimer", "meta", "metadata", "comments", "comment", "discussion", "disqus", "respond",
    "replies", "reply", "feedback", "rating", "survey", "poll", "login", "signin", "search",
    "lightbox", "gallery", "slideshow", "player", "crosslink", "seealso", "toc",
];

/// Substrings of the lowercased class/id value that mark furniture even inside glued names
/// (`relatedArticles`, `socialShareBar`, `newsletterSignup`).
#[rustfmt::skip]
pub const FURNITURE_COMPOUNDS: &[&str] = &[
    "related", "social", "sharebar", "share-bar", "sharing", "sharetools", "share-tools",
    "newsletter", "subscribe", "signup", "breadcrumb", "cookie", "sidebar", "comment",
    "outbrain", "taboola", "advert", "sponsor", "promo", "recommend", "trending", "mostpopular",
    "most-popular", "mostread", "most-read", "readmore", "read-more", "readnext", "read-next",
    "authorbio", "author-bio", "aboutauthor", "about-author", "authorinfo", "author-info",
    "disqus", "taglist", "tag-list", "article-tags", "post-tags", "entry-tags", "tagcloud",
    "byline", "caption", "footer", "masthead", "navbar", "navigation", "pagination", "popup",
    "modal", "banner", "moreon", "more-on", "morefrom", "more-from", "alsoread", "also-read",
    "seealso", "see-also", "recirc", "headerbar", "ad-slot", "adslot", "ad-container",
    "ad-wrapper", "video-player", "audio-player", "podcast-player", "embed-promo",
    "inline-promo", "table-of-contents", "tableofcontents", "ez-toc", "toc-container",
    "jump-links", "jumplinks",
    // cards that pop up over a name in running text (a portrait, the person's other stories)
    "hovercard", "hover-card", "rollover-block", "rollover-people-block",
];

/// Substrings naming furniture that can outweigh a short article (comment threads, link
/// rails, sign-up boxes): an element so named is dropped even when it holds most of the
/// page's prose, unless it holds the headline or an element named as the article text.
#[rustfmt::skip]
pub const STRONG_FURNITURE_COMPOUNDS: &[&str] = &[
    "comment", "disqus", "respond", "replies", "related", "sharebar", "share-bar", "social",
    "newsletter", "subscri", "cookie", "outbrain", "taboola", "advert", "sponsor", "breadcrumb",
    "recommend", "trending", "mostpopular", "most-popular", "mostread", "most-read", "navbar",
];

/// Lowercased class/id substrings that name the article text itself. An element carrying one
/// is never dropped for a furniture word (`article-body has-comments`), nor is any element
/// holding one, and the container choice favours it.
#[rustfmt::skip]
pub const CONTENT_COMPOUNDS: &[&str] = &[
    "articlebody", "article-body", "article_body", "article__body", "articlecontent",
    "article-content", "article_content", "article__content", "article-text", "articletext",
    "article__text", "storybody", "story-body", "story_body", "story__body", "storycontent",
    "story-content", "story-text", "storytext", "entry-content", "entrycontent", "entry_content",
    "post-content", "postcontent", "post_content", "post-body", "postbody", "post_body",
    "post__content", "post__body", "post-text", "posttext", "body-text", "bodytext",
    "main-content", "maincontent", "content-body", "contentbody", "article-main", "text-body",
    "rich-text", "richtext", "field-body", "field--name-body", "node-content", "blog-content",
    "blogpost", "blog-post", "single-content", "td-post-content", "entry-body", "caas-body",
    "content__article-body", "article-detail", "articledetail", "news-content", "newscontent",
    "news-text", "detail-content", "story-article",
];

/// Lowercased class/id substrings of embedded social posts (a quoted tweet, an Instagram
/// caption): quoted material the article shows its readers, kept when it holds a
/// `<blockquote>` even if its name also says "social".
#[rustfmt::skip]
pub const EMBED_COMPOUNDS: &[&str] = &[
    "embed", "twitter-tweet", "instagram-media", "tiktok", "tweet",
];

/// Whole words that lean towards content, for the container score (not protection): common
/// in both article wrappers and furniture (`story-comments`), so they only add weight.
#[rustfmt::skip]
pub const CONTENT_WORDS: &[&str] = &[
    "article", "articles", "body", "content", "entry", "main", "post", "story", "text", "blog",
    "hentry", "news", "page", "column", "single", "detail", "prose",
];

/// ARIA roles of page furniture.
#[rustfmt::skip]
pub const FURNITURE_ROLES: &[&str] = &[
    "navigation", "banner", "contentinfo", "complementary", "search", "menu", "menubar",
    "dialog", "alertdialog", "toolbar", "tablist", "form", "note",
];

/// `itemprop` values of the article text: a strong content mark.
pub const CONTENT_ITEMPROPS: &[&str] = &["articlebody", "text", "articletext", "reviewbody"];

/// `itemprop` values of article furniture inside the content (author, dates, publisher).
#[rustfmt::skip]
pub const FURNITURE_ITEMPROPS: &[&str] = &[
    "author", "publisher", "datepublished", "datemodified", "keywords", "about", "comment",
];
