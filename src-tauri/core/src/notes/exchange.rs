//! Notes out and in: Markdown (a file per article, for Obsidian-style notebooks), W3C Web
//! Annotation JSON-LD (an AnnotationCollection, read back by [`read_jsonld`] and merged by id),
//! and CSV.

use super::anchor::Status;
use super::annotations::Annotation;
use crate::error::{Error, ErrorKind, Result};
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};
use specta::Type;
use std::collections::BTreeMap;

/// The formats notes are exported in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "lowercase")]
pub enum NotesFormat {
    /// A file per article, quotes as block quotes, for Obsidian-style notebooks.
    Markdown,
    /// W3C Web Annotation JSON-LD: an AnnotationCollection.
    Jsonld,
    Csv,
}

/// The IRI an article is known by in exported annotations: a tag URI (RFC 4151).
pub fn article_iri(slug: &str) -> String {
    format!("tag:lectern.app,2026:article/{slug}")
}

fn slug_of(iri: &str) -> Option<&str> {
    iri.strip_prefix("tag:lectern.app,2026:article/")
}

/// One Markdown file per article: `(file name, text)`. `titles` maps slugs to titles.
pub fn markdown(
    all: &[Annotation],
    titles: &BTreeMap<String, String>,
    exported: &str,
) -> Vec<(String, String)> {
    let mut by_article: BTreeMap<&str, Vec<&Annotation>> = BTreeMap::new();
    for a in all {
        by_article.entry(a.article.as_str()).or_default().push(a);
    }
    by_article
        .into_iter()
        .map(|(slug, notes)| {
            let title = titles.get(slug).map_or(slug, String::as_str);
            let mut text = format!(
                "---\ntitle: {}\narticle: {slug}\nexported: {exported}\nnotes: {}\n---\n\n# {title}\n",
                serde_json::to_string(title).unwrap_or_default(),
                notes.len()
            );
            for a in notes {
                text.push('\n');
                for line in a.quote.lines() {
                    text.push_str(&format!("> {line}\n"));
                }
                if a.status != Status::Anchored {
                    text.push_str(&format!(">\n> *({})*\n", a.status.name()));
                }
                if !a.note.is_empty() {
                    text.push_str(&format!("\n{}\n", a.note.trim_end()));
                }
                if !a.tags.is_empty() {
                    let tags: Vec<String> = a.tags.iter().map(|t| format!("#{}", t.replace(' ', "-"))).collect();
                    text.push_str(&format!("\n{}\n", tags.join(" ")));
                }
            }
            (format!("{slug}.md"), text)
        })
        .collect()
}

fn to_jsonld(a: &Annotation) -> Value {
    let mut body = Vec::new();
    if !a.note.is_empty() {
        body.push(json!({ "type": "TextualBody", "value": a.note, "format": "text/markdown", "purpose": "commenting" }));
    }
    for t in &a.tags {
        body.push(json!({ "type": "TextualBody", "value": t, "purpose": "tagging" }));
    }
    let mut item = json!({
        "id": a.id,
        "type": "Annotation",
        "motivation": if a.note.is_empty() { "highlighting" } else { "commenting" },
        "created": a.created,
        "modified": a.modified,
        "target": {
            "source": article_iri(&a.article),
            "selector": [
                { "type": "TextQuoteSelector", "exact": a.quote, "prefix": a.prefix, "suffix": a.suffix },
                { "type": "TextPositionSelector", "start": a.start, "end": a.end }
            ]
        },
        "lectern:color": a.color,
        "lectern:status": a.status.name(),
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

fn invalid(message: String) -> Error {
    Error::new(ErrorKind::Invalid, message)
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

/// The annotations of a JSON-LD file: a collection (with its pages), a page, a list or one
/// annotation, and those that could not be read. Positions are taken as written; quotes are
/// what import re-anchors by. Only a file that is not JSON at all is an error.
pub fn read_jsonld(text: &str) -> Result<(Vec<Annotation>, Vec<Unreadable>)> {
    let doc: Value = serde_json::from_str(text).map_err(|e| invalid(format!("not JSON: {e}")))?;
    let mut items: Vec<&Value> = Vec::new();
    collect(&doc, &mut items);
    let mut read = Vec::new();
    let mut unreadable = Vec::new();
    for (i, v) in items.into_iter().enumerate() {
        match from_jsonld(v) {
            Ok(a) => read.push(a),
            Err(reason) => unreadable.push(Unreadable {
                item: i as u32 + 1,
                id: v.get("id").and_then(Value::as_str).map(str::to_owned),
                reason,
            }),
        }
    }
    Ok((read, unreadable))
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

fn from_jsonld(v: &Value) -> std::result::Result<Annotation, String> {
    let s = |x: Option<&Value>| x.and_then(Value::as_str).map(str::to_owned);
    let id = as_iri(&s(v.get("id")).ok_or("no id")?);
    // Several targets (the model allows a list): the first that is one of our articles.
    let target = match v.get("target").ok_or("no target")? {
        Value::Array(list) => list
            .iter()
            .find(|t| {
                t.get("source")
                    .and_then(Value::as_str)
                    .is_some_and(|x| slug_of(x).is_some())
            })
            .or(list.first())
            .ok_or("no target")?,
        one => one,
    };
    let source = s(target.get("source")).ok_or("no target source")?;
    let article = slug_of(&source)
        .ok_or_else(|| format!("target {source} is not a Lectern article"))?
        .to_owned();
    let selectors: Vec<&Value> = match target.get("selector") {
        Some(Value::Array(a)) => a.iter().collect(),
        Some(x) => vec![x],
        None => Vec::new(),
    };
    let of = |t: &str| {
        selectors
            .iter()
            .find(|x| x.get("type").and_then(Value::as_str) == Some(t))
    };
    let quote = of("TextQuoteSelector").ok_or("no TextQuoteSelector")?;
    let position = of("TextPositionSelector");
    let num = |k: &str| {
        position
            .and_then(|p| p.get(k))
            .and_then(Value::as_u64)
            .unwrap_or(0) as u32
    };
    let bodies: Vec<&Value> = match v.get("body") {
        Some(Value::Array(a)) => a.iter().collect(),
        Some(x) => vec![x],
        None => Vec::new(),
    };
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
    Ok(Annotation {
        id,
        article,
        quote: s(quote.get("exact")).ok_or("no exact quote")?,
        prefix: s(quote.get("prefix")).unwrap_or_default(),
        suffix: s(quote.get("suffix")).unwrap_or_default(),
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
        confidence: 1.0,
        modified: s(v.get("modified")).unwrap_or_else(|| created.clone()),
        created,
    })
}

/// Every annotation as a CSV row.
pub fn csv(all: &[Annotation]) -> Result<String> {
    let failed = |e: csv::Error| Error::new(ErrorKind::Io, format!("CSV: {e}"));
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record([
        "id", "article", "quote", "note", "tags", "color", "status", "start", "end", "created",
        "modified",
    ])
    .map_err(failed)?;
    for a in all {
        w.write_record([
            a.id.as_str(),
            &a.article,
            &a.quote,
            &a.note,
            &a.tags.join("; "),
            &a.color,
            a.status.name(),
            &a.start.to_string(),
            &a.end.to_string(),
            &a.created,
            &a.modified,
        ])
        .map_err(failed)?;
    }
    let bytes = w
        .into_inner()
        .map_err(|e| Error::new(ErrorKind::Io, format!("CSV: {e}")))?;
    Ok(String::from_utf8(bytes).unwrap_or_default())
}
