use super::non_blank;
use crate::date::PartialDate;
use serde::{Deserialize, Serialize};

/// Front matter of `content/articles/<slug>.md`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ArticleMeta {
    #[serde(deserialize_with = "non_blank")]
    pub title: String,
    #[serde(default)]
    pub subtitle: Option<String>,
    /// Person ids, in the order the article credits them.
    pub authors: Vec<String>,
    pub date: PartialDate,
    /// Breaks ties between articles of the same date: the higher number is the newer post.
    #[serde(default)]
    pub order: i64,
    #[serde(default)]
    pub series: Option<SeriesPlace>,
    #[serde(default)]
    pub summary: Option<String>,
    #[serde(default)]
    pub tags: Vec<String>,
    /// Organization ids the article is about.
    #[serde(default)]
    pub organizations: Vec<String>,
    /// Person ids the article is about.
    #[serde(default)]
    pub people: Vec<String>,
    /// Where the article is published on the web, if anywhere: notes made there (Hypothesis)
    /// are matched to it by this address.
    #[serde(default)]
    pub url: Option<String>,
    /// Where an article brought in from a blog came from (written by the importer).
    #[serde(default)]
    pub source: Option<ArticleOrigin>,
}

/// The `[source]` table of an article brought in from a blog.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ArticleOrigin {
    /// The blog's address.
    pub site: String,
    /// The site's own id for the post.
    #[serde(default)]
    pub post_id: Option<u64>,
    /// When it was published and last modified on the blog (RFC 3339).
    #[serde(default)]
    pub published: Option<String>,
    #[serde(default)]
    pub modified: Option<String>,
    /// Deleted on the blog; kept here with its notes.
    #[serde(default)]
    pub removed: bool,
}

/// An article's place in a series: `series = { id = "comintern-auxiliaries", part = 6 }`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SeriesPlace {
    pub id: String,
    pub part: u32,
}
