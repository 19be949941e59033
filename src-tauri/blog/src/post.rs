//! A post as every way in yields it: the site's identity for it, its metadata and its HTML.

use jiff::Timestamp;

/// What kind of WordPress item a post is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PostKind {
    Post,
    Page,
}

/// One published post (or page) of a blog.
#[derive(Debug, Clone)]
pub struct Post {
    /// The site's own id for it (`wp:post_id`, the REST `id`); 0 when the source has none
    /// (a feed without ids), in which case the address is its identity.
    pub site_id: u64,
    pub kind: PostKind,
    /// The site's slug (`wp:post_name`), possibly percent-encoded; may be empty.
    pub slug: String,
    /// The title as plain text (entities decoded, tags removed).
    pub title: String,
    /// Where it is published.
    pub url: Option<String>,
    pub published: Option<Timestamp>,
    pub modified: Option<Timestamp>,
    /// Display names of its authors, in the order credited.
    pub authors: Vec<String>,
    pub categories: Vec<String>,
    pub tags: Vec<String>,
    /// The excerpt as HTML (may be empty).
    pub excerpt: String,
    /// The body as HTML: rendered by the site (REST, feeds) or raw from an export (block
    /// comments, shortcodes, paragraphs as blank lines).
    pub content: String,
    /// Whether `content` is raw from an export (needs paragraphs and shortcodes applied).
    pub raw: bool,
    /// The block editor's footnotes as stored in the post's `footnotes` meta (JSON), if any.
    pub footnotes_meta: Option<String>,
    /// The featured image's address, if the post has one.
    pub featured_image: Option<String>,
}

impl Post {
    /// A post with only its identity and body, for tests and simple sources.
    pub fn new(site_id: u64, title: &str, content: &str) -> Self {
        Self {
            site_id,
            kind: PostKind::Post,
            slug: String::new(),
            title: title.to_string(),
            url: None,
            published: None,
            modified: None,
            authors: Vec::new(),
            categories: Vec::new(),
            tags: Vec::new(),
            excerpt: String::new(),
            content: content.to_string(),
            raw: false,
            footnotes_meta: None,
            featured_image: None,
        }
    }

    /// The time that decides which of two copies is newer: modified, else published.
    pub fn version_time(&self) -> Option<Timestamp> {
        self.modified.or(self.published)
    }
}
