//! Notes out and in: Markdown (a file per article, for Obsidian-style notebooks), W3C Web
//! Annotation JSON-LD (see [`super::jsonld`], read back and merged by id), and CSV.

use super::anchor::Status;
use super::annotations::Annotation;
use super::text_hash;
use crate::content::is_slug;
use crate::csv_safe::write_row;
use crate::error::{Error, ErrorKind, Result};
use crate::files::is_portable_file_name;
use percent_encoding::{utf8_percent_encode, NON_ALPHANUMERIC};
use serde::{Deserialize, Serialize};
use specta::Type;
use std::collections::{BTreeMap, HashMap, HashSet};

pub use super::jsonld::{article_iri, jsonld, read_jsonld, read_jsonld_value, Unreadable};

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

/// The name of an article's Markdown file: its slug, or (for a note kept from before slugs
/// were checked, whose article is no slug, or a slug that is no file name everywhere: one
/// Windows reserves for a device, `con`, `nul`, or one too long) a name made from a hash of
/// it, never a path. Always a file name valid on every platform.
pub fn markdown_file_name(article: &str) -> String {
    let named = format!("{article}.md");
    if is_slug(article) && is_portable_file_name(&named) {
        named
    } else {
        format!("article-{}.md", text_hash(article))
    }
}

/// `s` on one line: line breaks and other control characters as spaces.
fn one_line(s: &str) -> String {
    s.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}

/// Threads: each note that heads one (not a reply, or a reply to a note not among `all`),
/// in order, and the replies under each head, oldest first.
pub fn threads(all: &[Annotation]) -> (Vec<&Annotation>, HashMap<&str, Vec<&Annotation>>) {
    let by_id: HashMap<&str, &Annotation> = all.iter().map(|a| (a.id.as_str(), a)).collect();
    // Up a reply's parents while they are here; a note in a cycle heads its own thread.
    let head = |a: &Annotation| -> String {
        let mut seen = HashSet::from([a.id.as_str()]);
        let mut at = a;
        while let Some(p) = at.parent.as_deref().and_then(|p| by_id.get(p)) {
            if !seen.insert(p.id.as_str()) {
                return a.id.clone();
            }
            at = p;
        }
        at.id.clone()
    };
    let mut heads = Vec::new();
    let mut replies: HashMap<&str, Vec<&Annotation>> = HashMap::new();
    for a in all {
        let h = head(a);
        match by_id.get_key_value(h.as_str()) {
            Some((&key, _)) if key != a.id => replies.entry(key).or_default().push(a),
            _ => heads.push(a),
        }
    }
    for list in replies.values_mut() {
        list.sort_by(|a, b| a.created.cmp(&b.created).then(a.id.cmp(&b.id)));
    }
    (heads, replies)
}

/// The address that opens `slug` in Lectern, at the note `ann` when one is given: the app
/// registers the `lectern:` scheme, so a notebook in another app leads back to the passage.
pub fn lectern_link(slug: &str, ann: Option<&str>) -> String {
    let enc = |s: &str| utf8_percent_encode(s, NON_ALPHANUMERIC).to_string();
    match ann {
        Some(id) => format!("lectern://article/{}?ann={}", enc(slug), enc(id)),
        None => format!("lectern://article/{}", enc(slug)),
    }
}

fn markdown_note(text: &mut String, a: &Annotation) {
    if a.parent.is_some() {
        // A reply: its words only.
    } else if a.whole_article {
        text.push_str("*On the whole article*\n");
    } else {
        for line in a.quote.lines() {
            text.push_str(&format!("> {line}\n"));
        }
        match a.status {
            Status::Anchored => {}
            Status::Fuzzy => {
                text.push_str(&format!(">\n> *(fuzzy, confidence {:.2})*\n", a.confidence))
            }
            s => text.push_str(&format!(">\n> *({})*\n", s.name())),
        }
    }
    if let Some(uri) = &a.uri {
        text.push_str(&format!("\nMade on {}\n", one_line(uri)));
    }
    if !a.note.is_empty() {
        text.push_str(&format!("\n{}\n", a.note.trim_end()));
    }
    if !a.tags.is_empty() {
        let tags: Vec<String> = a
            .tags
            .iter()
            .map(|t| format!("#{}", one_line(t).replace(' ', "-")))
            .collect();
        text.push_str(&format!("\n{}\n", tags.join(" ")));
    }
    if a.parent.is_none() && is_slug(&a.article) {
        let link = lectern_link(&a.article, Some(&a.id));
        text.push_str(&format!("\n[Open in Lectern]({link})\n"));
    }
}

/// One Markdown file per article: `(file name, text)`. `titles` maps slugs to titles. A note
/// on the whole article says so in place of a quote; replies follow the note they answer.
pub fn markdown(
    all: &[Annotation],
    titles: &BTreeMap<String, String>,
    exported: &str,
) -> Vec<(String, String)> {
    let (heads, replies) = threads(all);
    let mut by_article: BTreeMap<&str, Vec<&Annotation>> = BTreeMap::new();
    for a in heads {
        by_article.entry(a.article.as_str()).or_default().push(a);
    }
    by_article
        .into_iter()
        .map(|(slug, notes)| {
            let title = one_line(titles.get(slug).map_or(slug, String::as_str));
            let article = if is_slug(slug) {
                format!("{slug}\nlectern: {}", lectern_link(slug, None))
            } else {
                serde_json::to_string(slug).unwrap_or_default()
            };
            let count = notes.len()
                + notes
                    .iter()
                    .map(|a| replies.get(a.id.as_str()).map_or(0, Vec::len))
                    .sum::<usize>();
            let mut text = format!(
                "---\ntitle: {}\narticle: {article}\nexported: {exported}\nnotes: {count}\n---\n\n# {title}\n",
                serde_json::to_string(&title).unwrap_or_default(),
            );
            for a in notes {
                text.push('\n');
                markdown_note(&mut text, a);
                for r in replies.get(a.id.as_str()).into_iter().flatten() {
                    text.push_str(&format!("\n**Reply** ({}):\n", one_line(&r.created)));
                    let mut reply = String::new();
                    markdown_note(&mut reply, r);
                    text.push_str(&reply);
                }
            }
            (markdown_file_name(slug), text)
        })
        .collect()
}

/// Every annotation as a CSV row (cells that would start a formula neutralized).
pub fn csv(all: &[Annotation]) -> Result<String> {
    let failed = |e: csv::Error| Error::new(ErrorKind::Io, format!("CSV: {e}"));
    let mut w = csv::Writer::from_writer(Vec::new());
    write_row(
        &mut w,
        &[
            "id",
            "article",
            "quote",
            "note",
            "tags",
            "color",
            "status",
            "start",
            "end",
            "created",
            "modified",
            "confidence",
            "whole_article",
            "parent",
            "uri",
        ],
    )
    .map_err(failed)?;
    for a in all {
        write_row(
            &mut w,
            &[
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
                &a.confidence.to_string(),
                if a.whole_article { "true" } else { "false" },
                a.parent.as_deref().unwrap_or(""),
                a.uri.as_deref().unwrap_or(""),
            ],
        )
        .map_err(failed)?;
    }
    let bytes = w
        .into_inner()
        .map_err(|e| Error::new(ErrorKind::Io, format!("CSV: {e}")))?;
    Ok(String::from_utf8(bytes).unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use super::markdown_file_name;
    use crate::files::is_portable_file_name;

    /// A Markdown export is often a notebook synced to other machines: each file's name opens
    /// on Windows too, whatever the article's slug (or the odd article of an old note) is.
    #[test]
    fn markdown_file_names_are_files_on_every_platform() {
        assert_eq!(
            markdown_file_name("international-red-aid"),
            "international-red-aid.md"
        );
        assert_eq!(markdown_file_name("console"), "console.md");
        for article in [
            "con",
            "nul",
            "aux",
            "prn",
            "com1",
            "lpt9",
            "../../x",
            "C:x",
            "C:\\x",
            "\\\\server\\share",
            "a<b>",
            "x.",
            "",
            "a".repeat(300).as_str(),
        ] {
            let name = markdown_file_name(article);
            assert!(name.starts_with("article-"), "{article:?}: {name}");
            assert!(is_portable_file_name(&name), "{article:?}: {name}");
        }
        assert_ne!(markdown_file_name("con"), markdown_file_name("nul"));
    }
}
