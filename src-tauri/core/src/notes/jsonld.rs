//! W3C Web Annotation JSON-LD, out and in: an AnnotationCollection written by [`jsonld`], and
//! any collection, page, list or single annotation read back by [`read_jsonld`] (merged by id
//! afterwards). A note on a passage targets the article with a TextQuoteSelector and a
//! TextPositionSelector; a note on the whole article targets the article alone; a reply has
//! the motivation `replying` and targets the note it answers (and the article). The web page
//! an annotation was made on is its target's `scope`; `lectern:` terms keep the colour, the
//! status and the confidence of a placement.

use super::anchor::Status;
use super::annotations::Annotation;
use super::limits::{self, MAX_ANNOTATIONS};
use super::merge::Incoming;
use crate::content::is_slug;
use crate::error::{Error, ErrorKind, Result};
use serde::Serialize;
use serde_json::{json, Value};
use specta::Type;

const ARTICLE_IRI: &str = "tag:lectern.app,2026:article/";

/// The IRI an article is known by in exported annotations: a tag URI (RFC 4151).
pub fn article_iri(slug: &str) -> String {
    format!("{ARTICLE_IRI}{slug}")
}

fn slug_of(iri: &str) -> Option<&str> {
    iri.strip_prefix(ARTICLE_IRI)
}

fn to_jsonld(a: &Annotation) -> Value {
    let mut body = Vec::new();
    if !a.note.is_empty() {
        body.push(json!({ "type": "TextualBody", "value": a.note, "format": "text/markdown", "purpose": "commenting" }));
    }
    for t in &a.tags {
        body.push(json!({ "type": "TextualBody", "value": t, "purpose": "tagging" }));
    }
    let mut source = json!({ "source": article_iri(&a.article) });
    if a.on_passage() {
        source["selector"] = json!([
            { "type": "TextQuoteSelector", "exact": a.quote, "prefix": a.prefix, "suffix": a.suffix },
            { "type": "TextPositionSelector", "start": a.start, "end": a.end }
        ]);
    }
    if let Some(uri) = &a.uri {
        source["scope"] = json!(uri);
    }
    let (motivation, target) = match &a.parent {
        Some(parent) => ("replying", json!([parent, source])),
        None if a.note.is_empty() => ("highlighting", source),
        None => ("commenting", source),
    };
    let mut item = json!({
        "id": a.id,
        "type": "Annotation",
        "motivation": motivation,
        "created": a.created,
        "modified": a.modified,
        "target": target,
        "lectern:color": a.color,
        "lectern:status": a.status.name(),
        "lectern:confidence": a.confidence,
    });
    if !body.is_empty() {
        item["body"] = Value::Array(body);
    }
    item
}

/// An AnnotationCollection with every annotation on its one page.
pub fn jsonld(all: &[Annotation], collection_id: &str) -> String {
    let items: Vec<Value> = all.iter().map(to_jsonld).collect();
    let doc = json!({
        "@context": ["http://www.w3.org/ns/anno.jsonld", { "lectern": "tag:lectern.app,2026:vocab#" }],
        "id": collection_id,
        "type": "AnnotationCollection",
        "label": "Lectern notes",
        "total": items.len(),
        "first": { "type": "AnnotationPage", "startIndex": 0, "items": items }
    });
    serde_json::to_string_pretty(&doc).unwrap_or_default()
}

/// An annotation in an imported file that could not be read: reported, the rest imported.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
pub struct Unreadable {
    /// Its place among the file's annotations, from 1.
    pub item: u32,
    pub id: Option<String>,
    /// What is wrong, naming the field.
    pub reason: String,
}

impl Unreadable {
    /// Item `item` and those after it, up to `total`: over the number an import takes.
    pub fn over_count(item: u32, total: usize) -> Unreadable {
        Unreadable {
            item,
            id: None,
            reason: format!(
                "annotations {item} to {total} not read: an import takes at most {MAX_ANNOTATIONS}"
            ),
        }
    }

    /// Item `item`, the value `v`, that could not be read for `reason`; named by its id when
    /// it has one of a sane length.
    pub fn of(item: u32, v: &Value, reason: String) -> Unreadable {
        Unreadable {
            item,
            id: v
                .get("id")
                .and_then(Value::as_str)
                .filter(|id| id.len() <= limits::MAX_ID_BYTES)
                .map(str::to_owned),
            reason,
        }
    }
}

/// The annotations of a JSON-LD file: a collection (with its pages), a page, a list or one
/// annotation, and those that could not be read. Positions are taken as written; quotes are
/// what import re-anchors by. Only a file that is not JSON at all is an error.
pub fn read_jsonld(text: &str) -> Result<(Vec<Incoming>, Vec<Unreadable>)> {
    let doc: Value = serde_json::from_str(text)
        .map_err(|e| Error::new(ErrorKind::Invalid, format!("not JSON: {e}")))?;
    Ok(read_jsonld_value(&doc))
}

/// The annotations of a JSON-LD document already parsed; see [`read_jsonld`].
pub fn read_jsonld_value(doc: &Value) -> (Vec<Incoming>, Vec<Unreadable>) {
    let mut items: Vec<&Value> = Vec::new();
    collect(doc, &mut items);
    let mut read = Vec::new();
    let mut unreadable = Vec::new();
    for (i, v) in items.iter().enumerate() {
        let item = u32::try_from(i + 1).unwrap_or(u32::MAX);
        if i == MAX_ANNOTATIONS {
            unreadable.push(Unreadable::over_count(item, items.len()));
            break;
        }
        match from_jsonld(v).and_then(|a| limits::admit(&a).map(|()| a)) {
            Ok(annotation) => read.push(Incoming { item, annotation }),
            Err(reason) => unreadable.push(Unreadable::of(item, v, reason)),
        }
    }
    (read, unreadable)
}

/// The id as an IRI: kept when it is one (a scheme, then no spaces); otherwise (a tool that
/// writes `#1` or a bare number) a `urn:uuid:` made from it, the same at every import, so that
/// importing the file again still merges.
fn as_iri(id: &str) -> String {
    let scheme = id.split_once(':').is_some_and(|(s, rest)| {
        !rest.is_empty()
            && s.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
            && s.chars()
                .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
    });
    if scheme && !id.chars().any(char::is_whitespace) {
        id.to_owned()
    } else {
        format!(
            "urn:uuid:{}",
            uuid::Uuid::new_v5(&uuid::Uuid::NAMESPACE_URL, id.as_bytes())
        )
    }
}

fn collect<'a>(v: &'a Value, out: &mut Vec<&'a Value>) {
    if out.len() > MAX_ANNOTATIONS {
        return;
    }
    match v {
        Value::Array(list) => list.iter().for_each(|x| collect(x, out)),
        Value::Object(o) => match o.get("type").and_then(Value::as_str) {
            Some("Annotation") => out.push(v),
            _ => {
                for key in ["first", "items"] {
                    if let Some(x) = o.get(key) {
                        collect(x, out);
                    }
                }
            }
        },
        _ => {}
    }
}

/// `v` as a list: its items, or itself alone.
fn list(v: Option<&Value>) -> Vec<&Value> {
    match v {
        Some(Value::Array(a)) => a.iter().collect(),
        Some(x) => vec![x],
        None => Vec::new(),
    }
}

fn from_jsonld(v: &Value) -> std::result::Result<Annotation, String> {
    let s = |x: Option<&Value>| x.and_then(Value::as_str).map(str::to_owned);
    let raw_id = s(v.get("id")).ok_or("no id")?;
    limits::check("id", &raw_id, limits::MAX_ID_BYTES)?;
    let id = as_iri(&raw_id);
    let targets = list(Some(v.get("target").ok_or("no target")?));
    // A reply targets the note it answers, by its IRI.
    let replying = s(v.get("motivation")).as_deref() == Some("replying");
    let parent = targets
        .iter()
        .find_map(|t| t.as_str())
        .filter(|_| replying)
        .map(as_iri);
    // Several targets (the model allows a list): the first that is one of our articles.
    let ours = |t: &&&Value| {
        t.get("source")
            .and_then(Value::as_str)
            .is_some_and(|x| slug_of(x).is_some())
    };
    // A reply whose other targets are none of ours is on its parent's article.
    let target = targets
        .iter()
        .find(ours)
        .or_else(|| targets.first().filter(|_| parent.is_none()));
    let (article, target) = match target {
        Some(target) => {
            let source = s(target.get("source")).ok_or("no target source")?;
            let slug = slug_of(&source).ok_or_else(|| {
                format!("target {} is not a Lectern article", source.escape_debug())
            })?;
            if !is_slug(slug) {
                return Err(format!(
                    "target.source: `{}` is not an article slug (lower-case letters, digits and single hyphens)",
                    slug.escape_debug()
                ));
            }
            (slug.to_owned(), Some(*target))
        }
        // A reply naming no article: its parent's, found when merging.
        None if parent.is_some() => (String::new(), None),
        None => return Err("no target".into()),
    };
    let selectors = list(target.and_then(|t| t.get("selector")));
    let of = |t: &str| {
        selectors
            .iter()
            .find(|x| x.get("type").and_then(Value::as_str) == Some(t))
    };
    // The whole article: a target with no selector (a reply is on its note, not on words).
    let whole_article = selectors.is_empty() && parent.is_none();
    let quote = match of("TextQuoteSelector") {
        Some(q) => Some(q),
        None if selectors.is_empty() => None,
        None => return Err("no TextQuoteSelector".into()),
    };
    let position = of("TextPositionSelector");
    let num = |k: &str| {
        position
            .and_then(|p| p.get(k))
            .and_then(Value::as_u64)
            .and_then(|n| u32::try_from(n).ok())
            .unwrap_or(0)
    };
    let bodies = list(v.get("body"));
    let purpose = |b: &&Value| s(b.get("purpose"));
    let note = bodies
        .iter()
        .find(|b| purpose(b).as_deref() != Some("tagging"))
        .and_then(|b| s(b.get("value")))
        .unwrap_or_default();
    let tags = bodies
        .iter()
        .filter(|b| purpose(b).as_deref() == Some("tagging"))
        .filter_map(|b| s(b.get("value")))
        .collect();
    let created = s(v.get("created")).unwrap_or_default();
    let field = |q: Option<&&Value>, k: &str| q.and_then(|q| s(q.get(k))).unwrap_or_default();
    let exact = match quote {
        Some(q) => s(q.get("exact")).ok_or("no exact quote")?,
        None => String::new(),
    };
    Ok(Annotation {
        id,
        article,
        quote: exact,
        prefix: field(quote, "prefix"),
        suffix: field(quote, "suffix"),
        start: num("start"),
        end: num("end"),
        note,
        html: String::new(),
        tags,
        color: s(v.get("lectern:color")).unwrap_or_else(|| "yellow".into()),
        status: s(v.get("lectern:status"))
            .as_deref()
            .and_then(Status::parse)
            .unwrap_or(Status::Anchored),
        confidence: v
            .get("lectern:confidence")
            .and_then(Value::as_f64)
            .unwrap_or(1.0),
        modified: s(v.get("modified")).unwrap_or_else(|| created.clone()),
        created,
        whole_article,
        parent,
        uri: target.and_then(|t| s(t.get("scope"))),
    })
}
