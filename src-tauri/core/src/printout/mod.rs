//! An article as a reader hands it on: one self-contained HTML file, its styles and images
//! inside and no script, readable in any browser offline and laid out for print (`@media
//! print`: the article alone, highlights visible in colour and in greyscale, headings kept
//! with what follows them, images within the page). At its head the title, subtitle, series
//! part, authors, date and web address; the reader's highlights in the text, each followed by
//! its number; the notes beside the text (margin) or after it (end), or none; the article's
//! footnotes after the text.

mod dom;
pub mod marks;
mod typeset;
mod typst;

pub use typeset::{pdf, svg_pages};

use crate::notes::anchor::Status;
use crate::notes::Annotation;
use crate::views::Article;
use marks::Highlight;
use serde::{Deserialize, Serialize};
use specta::Type;
use std::collections::HashMap;

/// Where the reader's notes go in a printout.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum NotesPlacement {
    /// Numbered notes beside the text, level with their highlights.
    Margin,
    /// Numbered notes after the text.
    End,
    /// The text alone, without highlights or notes.
    None,
}

const STYLE: &str = include_str!("style.css");

fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// A note's rendered HTML made inline (for the margin, inside the text's paragraph): its
/// paragraphs run on, its emphasis, code and links kept.
fn inline_note(html: &str) -> String {
    let runs = html.replace("</p>", " ").replace("</li>", "; ");
    ammonia::Builder::empty()
        .add_tags(["em", "strong", "code", "a", "del"])
        .add_tag_attributes("a", ["href"])
        .link_rel(None)
        .clean(&runs)
        .to_string()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The class of a highlight of colour `color` (one of the five, else yellow).
fn color_class(color: &str) -> String {
    let known = ["yellow", "green", "blue", "pink", "purple"];
    let color = if known.contains(&color) {
        color
    } else {
        "yellow"
    };
    format!("hl hl-{color}")
}

/// The reader's notes, numbered in reading order: the notes on passages by where they start,
/// then the notes on the whole article; replies are printed with the note they answer.
fn numbered(notes: &[Annotation]) -> (Vec<&Annotation>, HashMap<&str, Vec<&Annotation>>) {
    let mut replies: HashMap<&str, Vec<&Annotation>> = HashMap::new();
    let mut roots: Vec<&Annotation> = Vec::new();
    for a in notes {
        match &a.parent {
            Some(p) if notes.iter().any(|n| &n.id == p) => {
                replies.entry(p.as_str()).or_default().push(a)
            }
            _ => roots.push(a),
        }
    }
    roots.sort_by_key(|a| {
        (
            a.whole_article,
            a.status == Status::Orphaned,
            a.start,
            a.end,
        )
    });
    (roots, replies)
}

fn note_body(a: &Annotation, replies: &HashMap<&str, Vec<&Annotation>>) -> String {
    let mut b = a.html.clone();
    if !a.tags.is_empty() {
        let tags: Vec<String> = a.tags.iter().map(|t| format!("#{}", escape(t))).collect();
        b.push_str(&format!("<p class=\"tags\">{}</p>", tags.join(" ")));
    }
    for r in replies.get(a.id.as_str()).into_iter().flatten() {
        b.push_str(&format!("<div class=\"reply\">{}</div>", r.html));
    }
    b
}

/// A note listed after the text: its number, what it is on (HTML), and its body (HTML).
pub struct EndNote {
    pub number: usize,
    pub on: String,
    pub body: String,
}

/// A printout before it is written out as HTML or PDF.
pub struct Composed {
    /// The head: series line, title, subtitle, byline, web address.
    pub series: Option<String>,
    pub title: String,
    pub subtitle: Option<String>,
    pub byline: String,
    pub url: Option<String>,
    pub authors: Vec<String>,
    /// The article's HTML with the highlights, note numbers and margin notes drawn in, and
    /// its footnotes after it.
    pub body: String,
    /// The notes listed after the text.
    pub end_notes: Vec<EndNote>,
    pub placement: NotesPlacement,
    /// The type's size in percent of the usual (the reader's reading settings, for the PDF and
    /// print), and the distance from line to line in percent of the size.
    pub text_size: u16,
    pub line_spacing: u16,
}

/// Lays out `article` with `notes` (their HTML rendered) as `placement` says. `image` gives
/// a `data:` address for an image's address in the article (`None` leaves it out).
pub fn compose(
    article: &Article,
    notes: &[Annotation],
    placement: NotesPlacement,
    image: &dyn Fn(&str) -> Option<String>,
) -> Composed {
    let (roots, replies) = numbered(notes);
    let shown: Vec<(usize, &Annotation)> = if placement == NotesPlacement::None {
        Vec::new()
    } else {
        roots
            .iter()
            .copied()
            .enumerate()
            .map(|(i, a)| (i + 1, a))
            .collect()
    };
    let in_margin = |a: &Annotation| {
        placement == NotesPlacement::Margin && (!a.note.is_empty() || !a.tags.is_empty())
    };
    let highlights: Vec<Highlight> = shown
        .iter()
        .filter(|(_, a)| a.on_passage() && a.status != Status::Orphaned)
        .map(|(n, a)| {
            let reference = format!("<sup class=\"note-ref\"><a href=\"#note-{n}\">{n}</a></sup>");
            let after = if in_margin(a) {
                format!(
                    "{reference}<span class=\"margin-note\" id=\"note-{n}\"><b>{n}</b> {}</span>",
                    inline_note(&note_body(a, &replies))
                )
            } else {
                reference
            };
            Highlight {
                start: a.start,
                end: a.end,
                class: color_class(&a.color),
                after,
            }
        })
        .collect();
    let body = marks::draw(&article.html, &article.text, &highlights, image);
    let end_notes = shown
        .iter()
        .filter(|(_, a)| !in_margin(a) || !a.on_passage() || a.status == Status::Orphaned)
        .map(|(n, a)| {
            let on = if a.whole_article {
                "<p class=\"on\">On the whole article</p>".to_owned()
            } else if a.status == Status::Orphaned {
                format!(
                    "<p class=\"on\">Could not be placed in this version of the text:</p>\
                     <blockquote>{}</blockquote>",
                    escape(&a.quote)
                )
            } else {
                format!("<blockquote>{}</blockquote>", escape(&a.quote))
            };
            EndNote {
                number: *n,
                on,
                body: note_body(a, &replies),
            }
        })
        .collect();
    let m = &article.meta;
    let date = m
        .date
        .parse::<crate::PartialDate>()
        .map_or_else(|_| m.date.clone(), |d| d.long());
    let authors: Vec<String> = m.authors.iter().map(|p| p.name.clone()).collect();
    Composed {
        series: m
            .series
            .as_ref()
            .map(|s| format!("{} · Part {} of {}", s.title, s.part, s.total)),
        title: m.title.clone(),
        subtitle: m.subtitle.clone(),
        byline: [authors.join(", "), date]
            .into_iter()
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join(" · "),
        url: m.url.clone(),
        authors,
        body,
        end_notes,
        placement,
        text_size: 100,
        line_spacing: 165,
    }
}

/// The head of the printout: series, title, subtitle, byline, web address.
fn header(c: &Composed) -> String {
    let mut h = String::from("<header class=\"head\">");
    if let Some(s) = &c.series {
        h.push_str(&format!("<p class=\"series\">{}</p>", escape(s)));
    }
    h.push_str(&format!("<h1>{}</h1>", escape(&c.title)));
    if let Some(sub) = &c.subtitle {
        h.push_str(&format!("<p class=\"subtitle\">{}</p>", escape(sub)));
    }
    h.push_str(&format!("<p class=\"byline\">{}</p>", escape(&c.byline)));
    if let Some(url) = &c.url {
        h.push_str(&format!(
            "<p class=\"source\"><a href=\"{0}\">{0}</a></p>",
            escape(url)
        ));
    }
    h.push_str("</header>");
    h
}

/// The printout of `article` with `notes` (their HTML rendered), as one HTML file (see
/// [`compose`]).
pub fn html(
    article: &Article,
    notes: &[Annotation],
    placement: NotesPlacement,
    image: &dyn Fn(&str) -> Option<String>,
) -> String {
    let c = compose(article, notes, placement, image);
    let mut end = String::new();
    if !c.end_notes.is_empty() {
        end.push_str("<section class=\"reader-notes\"><h2>Notes</h2><ol>");
        for n in &c.end_notes {
            let id = if placement == NotesPlacement::Margin {
                format!("end-note-{}", n.number)
            } else {
                format!("note-{}", n.number)
            };
            end.push_str(&format!(
                "<li value=\"{}\" id=\"{id}\">{}{}</li>",
                n.number, n.on, n.body
            ));
        }
        end.push_str("</ol></section>");
    }
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; \
         img-src data:; style-src 'unsafe-inline'\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{title}</title><meta name=\"author\" content=\"{author}\">\
         <meta name=\"generator\" content=\"Lectern\">\
         <style>{STYLE}</style></head>\n<body class=\"notes-{placement}\"><article>{head}\
         <div class=\"body\">{body}</div>{end}</article></body></html>\n",
        title = escape(&c.title),
        author = escape(&c.authors.join(", ")),
        placement = match placement {
            NotesPlacement::Margin => "margin",
            NotesPlacement::End => "end",
            NotesPlacement::None => "none",
        },
        head = header(&c),
        body = c.body,
    )
}
