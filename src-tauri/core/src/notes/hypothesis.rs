//! Annotations from Hypothesis: its JSON export (`{"annotations": [...]}`) or its API's
//! annotation objects (a list, or a search result's `rows`). Each is matched to an article by
//! its page's address (an article's `url` front matter, compared without scheme, `www.`,
//! query, fragment or trailing slash) or else by the page's title; it is then placed by its
//! quote. Annotations on other pages are reported, not imported.

use super::anchor::{self, Quote, Status};
use super::annotations::Annotation;
use crate::error::{Error, ErrorKind, Result};
use crate::words::folded;
use serde::Serialize;
use serde_json::Value;
use specta::Type;

/// One Hypothesis annotation, as much of it as Lectern keeps.
#[derive(Debug, Clone, PartialEq)]
pub struct Foreign {
    pub id: String,
    pub uri: String,
    pub title: Option<String>,
    pub quote: Quote,
    pub note: String,
    pub tags: Vec<String>,
    pub created: String,
    pub updated: String,
}

/// An annotation whose page is none of the library's articles.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
pub struct Unmatched {
    pub id: String,
    pub uri: String,
    pub title: Option<String>,
    pub quote: String,
}

/// An article as Hypothesis pages are matched to it.
pub struct Page {
    pub slug: String,
    pub title: String,
    pub url: Option<String>,
}

/// Whether `text` looks like Hypothesis's rather than W3C JSON-LD.
pub fn is_hypothesis(doc: &Value) -> bool {
    let rows = doc
        .get("annotations")
        .or_else(|| doc.get("rows"))
        .unwrap_or(doc);
    rows.as_array()
        .and_then(|a| a.first())
        .is_some_and(|a| a.get("uri").is_some() && a.get("@context").is_none())
}

pub fn parse(doc: &Value) -> Result<Vec<Foreign>> {
    let rows = doc
        .get("annotations")
        .or_else(|| doc.get("rows"))
        .unwrap_or(doc);
    let rows = rows
        .as_array()
        .ok_or_else(|| Error::new(ErrorKind::Invalid, "no list of annotations"))?;
    Ok(rows.iter().filter_map(foreign).collect())
}

fn foreign(v: &Value) -> Option<Foreign> {
    let s = |x: Option<&Value>| x.and_then(Value::as_str).map(str::to_owned);
    let target = v.get("target")?.as_array()?.first()?;
    let selectors = target.get("selector")?.as_array()?;
    let quote = selectors
        .iter()
        .find(|x| x.get("type").and_then(Value::as_str) == Some("TextQuoteSelector"))?;
    Some(Foreign {
        id: s(v.get("id"))?,
        uri: s(v.get("uri")).or_else(|| s(target.get("source")))?,
        title: v
            .pointer("/document/title/0")
            .and_then(Value::as_str)
            .map(str::to_owned),
        quote: Quote {
            exact: s(quote.get("exact"))?,
            prefix: s(quote.get("prefix")).unwrap_or_default(),
            suffix: s(quote.get("suffix")).unwrap_or_default(),
        },
        note: s(v.get("text")).unwrap_or_default(),
        tags: v
            .get("tags")
            .and_then(Value::as_array)
            .map(|t| {
                t.iter()
                    .filter_map(Value::as_str)
                    .map(str::to_owned)
                    .collect()
            })
            .unwrap_or_default(),
        created: s(v.get("created")).unwrap_or_default(),
        updated: s(v.get("updated"))
            .or_else(|| s(v.get("created")))
            .unwrap_or_default(),
    })
}

/// An address without what does not tell pages apart.
fn normal_url(url: &str) -> String {
    let u = url.trim();
    let u = u.split_once("://").map_or(u, |(_, rest)| rest);
    let u = u.split(['?', '#']).next().unwrap_or(u);
    let u = u.strip_prefix("www.").unwrap_or(u);
    u.trim_end_matches('/').to_lowercase()
}

/// The article a Hypothesis page is, by address, else by title.
pub fn page_of<'a>(f: &Foreign, pages: &'a [Page]) -> Option<&'a Page> {
    let uri = normal_url(&f.uri);
    pages
        .iter()
        .find(|p| p.url.as_deref().is_some_and(|u| normal_url(u) == uri))
        .or_else(|| {
            let title = folded(f.title.as_deref()?);
            pages.iter().find(|p| folded(&p.title) == title)
        })
}

/// The annotation Lectern keeps for `f` on `page`, placed by its quote in `text`.
pub fn annotation(f: &Foreign, page: &Page, text: &str) -> Annotation {
    let placed = anchor::place_quote(text, &f.quote);
    Annotation {
        id: format!("https://hypothes.is/a/{}", f.id),
        article: page.slug.clone(),
        quote: f.quote.exact.clone(),
        prefix: f.quote.prefix.clone(),
        suffix: f.quote.suffix.clone(),
        start: if placed.status == Status::Orphaned {
            0
        } else {
            placed.start
        },
        end: if placed.status == Status::Orphaned {
            0
        } else {
            placed.end
        },
        note: f.note.clone(),
        html: String::new(),
        tags: f.tags.clone(),
        color: "yellow".into(),
        status: placed.status,
        confidence: placed.confidence,
        created: f.created.clone(),
        modified: f.updated.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_match_whatever_their_scheme_and_trimmings() {
        assert_eq!(
            normal_url("https://www.Example.org/2021/post/?utm=x#c"),
            "example.org/2021/post"
        );
        assert_eq!(
            normal_url("http://example.org/2021/post"),
            "example.org/2021/post"
        );
    }
}
