//! A live WordPress site through its REST API: `/wp-json/wp/v2/posts` in pages of 100
//! (`X-WP-Total`, `X-WP-TotalPages`), `_embed` for authors, terms and featured images,
//! `modified_after` for what changed since the last sync, and the list of ids for what was
//! deleted.

use crate::convert::plain_text;
use crate::error::Result;
use crate::fetch::{http, Fetcher};
use crate::post::{Post, PostKind};
use futures_util::future::join_all;
use jiff::Timestamp;
use serde::Deserialize;

/// The API's address for a site given as `https://blog.example.org` (or any page on it).
pub fn api_base(site: &str) -> String {
    let site = site.trim().trim_end_matches('/');
    match site.find("/wp-json") {
        Some(i) => format!("{}/wp-json/wp/v2", &site[..i]),
        None => format!("{site}/wp-json/wp/v2"),
    }
}

/// The same API through `?rest_route=`, for sites without pretty permalinks (where
/// `/wp-json/` is not found).
pub fn plain_base(api_base: &str) -> Option<String> {
    let site = api_base.strip_suffix("/wp-json/wp/v2")?;
    Some(format!("{site}/?rest_route=/wp/v2"))
}

/// The posts endpoint of an API base with a query.
fn posts_url(base: &str, query: &str) -> String {
    let sep = if base.contains('?') { '&' } else { '?' };
    format!("{base}/posts{sep}{query}")
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct Rendered {
    rendered: String,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct RestPost {
    id: u64,
    date_gmt: Option<String>,
    modified_gmt: Option<String>,
    slug: String,
    status: String,
    #[serde(rename = "type")]
    kind: String,
    link: String,
    title: Rendered,
    content: Rendered,
    excerpt: Rendered,
    #[serde(rename = "_embedded")]
    embedded: Option<Embedded>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct Embedded {
    author: Vec<Named>,
    #[serde(rename = "wp:featuredmedia")]
    featured: Vec<Media>,
    #[serde(rename = "wp:term")]
    terms: Vec<Vec<Term>>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct Named {
    name: String,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct Media {
    source_url: String,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct Term {
    taxonomy: String,
    name: String,
}

#[derive(Deserialize)]
struct IdOnly {
    id: u64,
}

fn gmt(text: Option<&str>) -> Option<Timestamp> {
    crate::wxr::wp_time(text?)
}

impl RestPost {
    fn into_post(self) -> Post {
        let embedded = self.embedded.unwrap_or_default();
        let terms = |taxonomy: &str| -> Vec<String> {
            embedded
                .terms
                .iter()
                .flatten()
                .filter(|t| t.taxonomy == taxonomy)
                .map(|t| plain_text(&t.name))
                .filter(|n| !n.is_empty())
                .collect()
        };
        Post {
            site_id: self.id,
            kind: if self.kind == "page" {
                PostKind::Page
            } else {
                PostKind::Post
            },
            slug: self.slug,
            title: plain_text(&self.title.rendered),
            url: Some(self.link).filter(|l| !l.is_empty()),
            published: gmt(self.date_gmt.as_deref()),
            modified: gmt(self.modified_gmt.as_deref()),
            authors: embedded
                .author
                .iter()
                .map(|a| a.name.trim().to_string())
                .filter(|n| !n.is_empty())
                .collect(),
            categories: terms("category"),
            tags: terms("post_tag"),
            excerpt: self.excerpt.rendered,
            content: self.content.rendered,
            raw: false,
            footnotes_meta: None,
            featured_image: embedded
                .featured
                .first()
                .map(|m| m.source_url.clone())
                .filter(|u| !u.is_empty()),
        }
    }
}

/// One page of posts and how many pages there are.
pub async fn posts_page(
    fetcher: &Fetcher,
    base: &str,
    page: u32,
    modified_after: Option<Timestamp>,
) -> Result<(Vec<Post>, u32)> {
    let mut url = posts_url(base, &format!("per_page=100&page={page}&_embed=author,wp:term,wp:featuredmedia&orderby=id&order=asc&status=publish"));
    if let Some(after) = modified_after {
        url.push_str(&format!(
            "&modified_after={}",
            after.strftime("%Y-%m-%dT%H:%M:%S")
        ));
    }
    let answer = fetcher.get(&url, fetcher.limits.max_page).await?;
    let pages = answer
        .header("x-wp-totalpages")
        .and_then(|p| p.trim().parse().ok())
        .unwrap_or(1);
    let posts: Vec<RestPost> = answer.json()?;
    Ok((
        posts
            .into_iter()
            .filter(|p| p.status.is_empty() || p.status == "publish")
            .map(RestPost::into_post)
            .collect(),
        pages,
    ))
}

/// Every published post changed after `modified_after` (all of them when `None`), page by
/// page, several pages at once within the fetcher's limit.
pub async fn posts(
    fetcher: &Fetcher,
    base: &str,
    modified_after: Option<Timestamp>,
    mut on_page: impl FnMut(Vec<Post>, u32, u32) -> Result<()>,
) -> Result<()> {
    let (first, pages) = posts_page(fetcher, base, 1, modified_after).await?;
    if pages > 10_000 {
        return Err(http(base, format!("claims {pages} pages of posts")));
    }
    on_page(first, 1, pages)?;
    let mut page = 2;
    while page <= pages {
        let batch: Vec<u32> =
            (page..=pages.min(page + fetcher.limits.concurrent as u32 - 1)).collect();
        let answers = join_all(
            batch
                .iter()
                .map(|p| posts_page(fetcher, base, *p, modified_after)),
        )
        .await;
        for (p, answer) in batch.iter().zip(answers) {
            on_page(answer?.0, *p, pages)?;
        }
        page = batch.last().map_or(pages + 1, |p| p + 1);
    }
    Ok(())
}

/// The posts with these ids (a hundred at a time).
pub async fn posts_by_id(fetcher: &Fetcher, base: &str, ids: &[u64]) -> Result<Vec<Post>> {
    let mut out = Vec::new();
    for chunk in ids.chunks(100) {
        let list: Vec<String> = chunk.iter().map(u64::to_string).collect();
        let url = format!(
            "{base}/posts?per_page=100&include={}&_embed=author,wp:term,wp:featuredmedia",
            list.join(",")
        );
        let posts: Vec<RestPost> = fetcher.get(&url, fetcher.limits.max_page).await?.json()?;
        out.extend(posts.into_iter().map(RestPost::into_post));
    }
    Ok(out)
}

/// The ids of every published post, to find those deleted on the site.
pub async fn post_ids(fetcher: &Fetcher, base: &str) -> Result<Vec<u64>> {
    let mut ids = Vec::new();
    let mut page = 1;
    loop {
        let url = posts_url(
            base,
            &format!("per_page=100&page={page}&_fields=id&orderby=id&order=asc"),
        );
        let answer = fetcher.get(&url, fetcher.limits.max_page).await?;
        let pages: u32 = answer
            .header("x-wp-totalpages")
            .and_then(|p| p.trim().parse().ok())
            .unwrap_or(1);
        let list: Vec<IdOnly> = answer.json()?;
        ids.extend(list.into_iter().map(|i| i.id));
        if page >= pages || page >= 10_000 {
            return Ok(ids);
        }
        page += 1;
    }
}
