//! A blog's RSS 2.0 or Atom feed with full text (`content:encoded`), for sites without the
//! REST API, polled with conditional requests. A feed has no post ids: its posts are known
//! by their addresses.

use crate::convert::plain_text;
use crate::error::{BlogError, Result};
use crate::post::{Post, PostKind};

/// The posts of a feed document. `source` names it in errors.
pub fn posts(bytes: &[u8], source: &str) -> Result<(String, Vec<Post>)> {
    let feed = feed_rs::parser::parse(bytes).map_err(|e| BlogError::Http {
        url: source.to_string(),
        message: format!("not a readable RSS or Atom feed: {e}"),
    })?;
    let title = feed
        .title
        .map(|t| plain_text(&t.content))
        .unwrap_or_default();
    let posts = feed
        .entries
        .into_iter()
        .map(|entry| {
            let url = entry
                .links
                .iter()
                .find(|l| l.rel.as_deref().is_none_or(|r| r == "alternate"))
                .or(entry.links.first())
                .map(|l| l.href.clone());
            let content = entry
                .content
                .as_ref()
                .and_then(|c| c.body.clone())
                .unwrap_or_default();
            let excerpt = entry
                .summary
                .as_ref()
                .map(|s| s.content.clone())
                .unwrap_or_default();
            let (content, excerpt) = if content.is_empty() {
                (excerpt.clone(), String::new())
            } else {
                (content, excerpt)
            };
            Post {
                site_id: 0,
                kind: PostKind::Post,
                slug: url.as_deref().map(last_segment).unwrap_or_default(),
                title: entry
                    .title
                    .map(|t| plain_text(&t.content))
                    .unwrap_or_default(),
                url,
                published: entry
                    .published
                    .or(entry.updated)
                    .and_then(|d| jiff::Timestamp::from_second(d.timestamp()).ok()),
                modified: entry
                    .updated
                    .or(entry.published)
                    .and_then(|d| jiff::Timestamp::from_second(d.timestamp()).ok()),
                authors: entry
                    .authors
                    .iter()
                    .filter_map(|a| a.name.as_deref())
                    .map(|n| n.trim().to_string())
                    .filter(|n| !n.is_empty())
                    .collect(),
                categories: entry
                    .categories
                    .iter()
                    .map(|c| plain_text(c.label.as_deref().unwrap_or(&c.term)))
                    .filter(|c| !c.is_empty())
                    .collect(),
                tags: Vec::new(),
                excerpt,
                content,
                raw: false,
                footnotes_meta: None,
                featured_image: None,
            }
        })
        .collect();
    Ok((title, posts))
}

/// The last path segment of an address: a post's slug in most permalink structures.
fn last_segment(url: &str) -> String {
    let path = url
        .split(['?', '#'])
        .next()
        .unwrap_or(url)
        .trim_end_matches('/');
    path.rsplit('/').next().unwrap_or("").to_string()
}
