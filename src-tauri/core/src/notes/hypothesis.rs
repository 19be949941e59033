//! Annotations from Hypothesis: its JSON export (`{"annotations": [...]}`) or its API's
//! annotation objects (a list, or a search result's `rows`). Each is matched to an article by
//! its page's address (an article's `url` front matter, compared without scheme, `www.`,
//! query, fragment or trailing slash) or else by the page's title as a browser shows it (the
//! site's name after `|`, `–`, `-` or before `:` left aside); it is then placed by its quote.
//! A page note (a target with no selector) becomes a note on the whole article; a reply (its
//! `references` name the thread) joins the thread of the note it answers. What is not
//! imported is reported, each with why.

use super::anchor::{Quote, Status};
use super::annotations::Annotation;
use super::jsonld::Unreadable;
use super::limits::{self, MAX_ANNOTATIONS};
use crate::error::{Error, ErrorKind, Result};
use crate::words::folded;
use serde::Serialize;
use serde_json::Value;
use specta::Type;
use std::collections::HashMap;

/// One Hypothesis annotation, as much of it as Lectern keeps.
#[derive(Debug, Clone, PartialEq)]
pub struct Foreign {
    pub id: String,
    pub uri: String,
    pub title: Option<String>,
    /// The words highlighted; none for a page note or a reply.
    pub quote: Option<Quote>,
    pub note: String,
    pub tags: Vec<String>,
    pub created: String,
    pub updated: String,
    /// The thread a reply is in, from its first note to the one it answers.
    pub references: Vec<String>,
}

/// A Hypothesis annotation not imported, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
pub struct Unmatched {
    pub id: String,
    pub uri: String,
    pub title: Option<String>,
    pub quote: String,
    pub reason: String,
}

impl Unmatched {
    pub fn new(f: Foreign, reason: String) -> Unmatched {
        Unmatched {
            id: f.id,
            uri: f.uri,
            title: f.title,
            quote: f.quote.map(|q| q.exact).unwrap_or_default(),
            reason,
        }
    }
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

/// The annotations read from a file, each with its place among them (from 1), and those that
/// could not be read.
pub type Read = (Vec<(u32, Foreign)>, Vec<Unreadable>);

/// The annotations of a Hypothesis file; see [`Read`].
pub fn parse(doc: &Value) -> Result<Read> {
    let rows = doc
        .get("annotations")
        .or_else(|| doc.get("rows"))
        .unwrap_or(doc);
    let rows = rows
        .as_array()
        .ok_or_else(|| Error::new(ErrorKind::Invalid, "no list of annotations"))?;
    let mut read = Vec::new();
    let mut unreadable = Vec::new();
    for (i, v) in rows.iter().enumerate() {
        let item = u32::try_from(i + 1).unwrap_or(u32::MAX);
        if i == MAX_ANNOTATIONS {
            unreadable.push(Unreadable::over_count(item, rows.len()));
            break;
        }
        match foreign(v) {
            Ok(f) => read.push((item, f)),
            Err(reason) => unreadable.push(Unreadable::of(item, v, reason)),
        }
    }
    Ok((read, unreadable))
}

fn strings(v: Option<&Value>) -> Vec<String> {
    v.and_then(Value::as_array)
        .map(|t| {
            t.iter()
                .filter_map(Value::as_str)
                .map(str::to_owned)
                .collect()
        })
        .unwrap_or_default()
}

fn foreign(v: &Value) -> std::result::Result<Foreign, String> {
    let s = |x: Option<&Value>| x.and_then(Value::as_str).map(str::to_owned);
    let target = match v.get("target") {
        Some(Value::Array(list)) => list.first(),
        other => other,
    };
    let selectors: Vec<&Value> = match target.and_then(|t| t.get("selector")) {
        Some(Value::Array(list)) => list.iter().collect(),
        Some(one) => vec![one],
        None => Vec::new(),
    };
    let quote = selectors
        .iter()
        .find(|x| x.get("type").and_then(Value::as_str) == Some("TextQuoteSelector"));
    let references = strings(v.get("references"));
    let quote = match quote {
        Some(q) => Some(Quote {
            exact: s(q.get("exact")).ok_or("target.selector: no exact quote")?,
            prefix: s(q.get("prefix")).unwrap_or_default(),
            suffix: s(q.get("suffix")).unwrap_or_default(),
        }),
        None if selectors.is_empty() || !references.is_empty() => None,
        None => {
            return Err(
                "target.selector: no TextQuoteSelector (positions in a web page are not positions in Lectern's text)"
                    .into(),
            )
        }
    };
    let id = s(v.get("id")).ok_or("no id")?;
    limits::check("id", &id, limits::MAX_ID_BYTES)?;
    let uri = s(v.get("uri"))
        .or_else(|| s(target.and_then(|t| t.get("source"))))
        .ok_or("no uri")?;
    limits::check("uri", &uri, limits::MAX_URI_BYTES)?;
    let title = v
        .pointer("/document/title/0")
        .and_then(Value::as_str)
        .map(str::to_owned);
    limits::check(
        "document.title",
        title.as_deref().unwrap_or(""),
        limits::MAX_URI_BYTES,
    )?;
    Ok(Foreign {
        id,
        uri,
        title,
        quote,
        note: s(v.get("text")).unwrap_or_default(),
        tags: strings(v.get("tags")),
        created: s(v.get("created")).unwrap_or_default(),
        updated: s(v.get("updated"))
            .or_else(|| s(v.get("created")))
            .unwrap_or_default(),
        references,
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

/// What browsers put between a page's own title and the site's name.
const SEPARATORS: [&str; 9] = [
    " | ",
    " \u{2013} ",
    " \u{2014} ",
    " - ",
    " \u{00B7} ",
    " \u{2022} ",
    " :: ",
    " \u{00BB} ",
    ": ",
];

/// The titles a page's title may be of an article: the whole, then each side of every
/// separator in it ("Title | Blog", "Title – Blog", "Blog: Title"), longest first.
fn title_candidates(title: &str) -> Vec<String> {
    let mut parts: Vec<&str> = Vec::new();
    for sep in SEPARATORS {
        for (at, _) in title.match_indices(sep) {
            parts.push(&title[..at]);
            parts.push(&title[at + sep.len()..]);
        }
    }
    parts.sort_by_key(|p| std::cmp::Reverse(p.trim().len()));
    std::iter::once(title)
        .chain(parts)
        .map(folded)
        .filter(|t| !t.is_empty())
        .collect()
}

/// The library's articles, found by address and by title.
pub struct Pages {
    pages: Vec<Page>,
    by_url: HashMap<String, usize>,
    by_title: HashMap<String, Vec<usize>>,
}

impl Pages {
    pub fn new(pages: Vec<Page>) -> Pages {
        let mut by_url = HashMap::new();
        let mut by_title: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, p) in pages.iter().enumerate() {
            if let Some(u) = &p.url {
                by_url.entry(normal_url(u)).or_insert(i);
            }
            by_title.entry(folded(&p.title)).or_default().push(i);
        }
        Pages {
            pages,
            by_url,
            by_title,
        }
    }

    /// The article a Hypothesis page is, by address, else by title; or why there is none.
    pub fn find(&self, f: &Foreign) -> std::result::Result<&Page, String> {
        if let Some(&i) = self.by_url.get(&normal_url(&f.uri)) {
            return Ok(&self.pages[i]);
        }
        let Some(title) = &f.title else {
            return Err("no article has its address, and the page has no title".into());
        };
        for candidate in title_candidates(title) {
            match self.by_title.get(&candidate).map(Vec::as_slice) {
                Some([one]) => return Ok(&self.pages[*one]),
                Some(many) if many.len() > 1 => {
                    return Err(format!(
                        "its title is that of {} articles; none has its address",
                        many.len()
                    ))
                }
                _ => {}
            }
        }
        Err("no article has its address or its title".into())
    }
}

/// The id Lectern keeps a Hypothesis annotation by.
pub fn lectern_id(id: &str) -> String {
    format!("https://hypothes.is/a/{id}")
}

/// The annotation Lectern keeps for `f` on `article` (empty for a reply whose article is its
/// parent's), to be placed by its quote when merged.
pub fn annotation(f: &Foreign, article: &str) -> Annotation {
    let quote = f.quote.clone().unwrap_or_default();
    let parent = f.references.last().map(|r| lectern_id(r));
    Annotation {
        id: lectern_id(&f.id),
        article: article.to_owned(),
        quote: quote.exact,
        prefix: quote.prefix,
        suffix: quote.suffix,
        start: 0,
        end: 0,
        note: f.note.clone(),
        html: String::new(),
        tags: f.tags.clone(),
        color: "yellow".into(),
        status: Status::Anchored,
        confidence: 1.0,
        created: f.created.clone(),
        modified: f.updated.clone(),
        whole_article: f.quote.is_none() && parent.is_none(),
        parent,
        uri: Some(f.uri.clone()),
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

    #[test]
    fn a_page_title_is_tried_whole_then_without_the_site_name() {
        let c = title_candidates("Alpha: The First Part \u{2013} A Blog");
        assert_eq!(c[0], folded("Alpha: The First Part \u{2013} A Blog"));
        assert!(c.contains(&folded("Alpha: The First Part")));
        assert!(c.contains(&folded("The First Part \u{2013} A Blog")));
    }
}
