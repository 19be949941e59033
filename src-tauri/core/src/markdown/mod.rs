//! Markdown to sanitized HTML, plain text, headings and footnotes. Parser options are set in
//! exactly one place, [`options`], so every caller renders alike; what the sanitizer keeps is
//! in [`sanitize`](mod@sanitize).

mod footnotes;
mod sanitize;

pub use footnotes::FootnoteText;
pub use sanitize::{sanitize, CONTENT_ID_PREFIX, MAX_DATA_IMAGE, OWN_CLASSES};

use crate::content::Roots;
use footnotes::{note_text, ref_id, split_footnotes, FootnoteNumbers};
use pulldown_cmark::{CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use sanitize::own;
use serde::{Deserialize, Serialize};
use specta::Type;
use std::collections::HashMap;
use std::ops::Range;

/// URL scheme under which images stored beside the content are served to the webview (here
/// too, where the shell registers it).
pub use crate::media_url::MEDIA_SCHEME;

/// Everything later stages need from one Markdown body.
#[derive(Debug, Clone, Default)]
pub struct Rendered {
    /// Sanitized HTML: the body, then the numbered footnotes with back-links. Empty from
    /// [`analyze`].
    pub html: String,
    /// The body as plain text (no footnotes), for search and annotation anchoring.
    pub text: String,
    pub headings: Vec<Heading>,
    pub footnotes: Vec<Footnote>,
    /// The footnotes' plain text, in the order of `footnotes`, for the citation linker.
    pub notes: Vec<FootnoteText>,
    /// Image references that could not be resolved: byte offset in the body and a message.
    pub image_problems: Vec<(usize, String)>,
}

/// A heading with its stable anchor id (under [`CONTENT_ID_PREFIX`]), for the table of
/// contents.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct Heading {
    pub level: u8,
    pub id: String,
    pub text: String,
}

/// A footnote, numbered in the order of its first reference.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct Footnote {
    pub number: u32,
    /// Anchor id of the note (`fn-3`); references are `fnref-3`, `fnref-3-2`, ...
    pub id: String,
    /// Sanitized HTML of the note, without the back-link. Empty from [`analyze`].
    pub html: String,
}

/// Where images live: `roots` are the folders the library is read from, `dir` the content
/// path of the folder of the file being rendered (`articles`, `blogs/<name>/articles`).
pub struct ImageBase<'a> {
    pub roots: &'a Roots,
    pub dir: &'a str,
}

/// The one place where pulldown-cmark's options are chosen.
pub fn options() -> Options {
    Options::ENABLE_FOOTNOTES
        | Options::ENABLE_SMART_PUNCTUATION
        | Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_HEADING_ATTRIBUTES
}

/// Renders a Markdown body: HTML, text, headings, footnotes.
pub fn render(markdown: &str, images: &ImageBase) -> Rendered {
    run(markdown, images, true)
}

/// Everything [`render`] gives but the HTML (left empty): what import needs. Building and
/// sanitizing HTML is most of the work of rendering, so it waits until an article is opened.
pub fn analyze(markdown: &str, images: &ImageBase) -> Rendered {
    run(markdown, images, false)
}

fn run(markdown: &str, images: &ImageBase, with_html: bool) -> Rendered {
    let mut out = Rendered::default();
    let (body, definitions) =
        split_footnotes(Parser::new_ext(markdown, options()).into_offset_iter());
    let mut numbers = FootnoteNumbers::default();
    let mut ids = HashMap::new();

    let body_events = transform(body, images, &mut numbers, &mut ids, &mut out);
    let mut html = String::new();
    if with_html {
        pulldown_cmark::html::push_html(&mut html, body_events.into_iter());
    }

    let mut notes_html = String::new();
    let mut order = numbers.order.clone();
    // Definitions nobody references still get a number, after the referenced ones.
    for label in definitions.keys() {
        if !order.contains(label) {
            order.push(label.clone());
        }
    }
    for (i, label) in order.iter().enumerate() {
        let Some(events) = definitions.get(label) else {
            continue;
        };
        let number = u32::try_from(i + 1).unwrap_or(u32::MAX);
        out.notes.push(note_text(events));
        let mut scratch = Rendered::default();
        let events = transform(events.clone(), images, &mut numbers, &mut ids, &mut scratch);
        out.image_problems.append(&mut scratch.image_problems);
        if !with_html {
            out.footnotes.push(Footnote {
                number,
                id: format!("fn-{number}"),
                html: String::new(),
            });
            continue;
        }
        let mut note = String::new();
        pulldown_cmark::html::push_html(&mut note, events.into_iter());
        let refs = numbers.uses.get(label).copied().unwrap_or(0);
        let backlinks: String = (1..=refs)
            .map(|n| {
                let target = ref_id(number, n);
                let class = own("footnote-back");
                format!(r##" <a href="#{target}" class="{class}" aria-label="Back to reference {number}">↩</a>"##)
            })
            .collect();
        notes_html.push_str(&format!(
            r#"<li id="{}">{}</li>"#,
            own(&format!("fn-{number}")),
            insert_before_last_close(&note, &backlinks)
        ));
        out.footnotes.push(Footnote {
            number,
            id: format!("fn-{number}"),
            html: sanitize(&note),
        });
    }
    if !notes_html.is_empty() {
        html.push_str(&format!(
            r#"<div class="{}" role="{}"><hr><ol>"#,
            own("footnotes"),
            own("doc-endnotes")
        ));
        html.push_str(&notes_html);
        html.push_str("</ol></div>");
    }
    if with_html {
        out.html = sanitize(&html);
    }
    out.text = out.text.trim_end().to_owned();
    out
}

type Spanned<'a> = (Event<'a>, Range<usize>);

/// Rewrites footnote references, headings (with anchor ids) and images (as figures), and
/// collects plain text and headings into `out`.
fn transform<'a>(
    events: Vec<Spanned<'a>>,
    images: &ImageBase,
    numbers: &mut FootnoteNumbers,
    ids: &mut HashMap<String, u32>,
    out: &mut Rendered,
) -> Vec<Event<'a>> {
    let mut result = Vec::with_capacity(events.len());
    let mut i = 0;
    while i < events.len() {
        let (event, range) = &events[i];
        match event {
            Event::FootnoteReference(label) => {
                let (number, nth) = numbers.reference(label);
                let id = ref_id(number, nth);
                result.push(Event::InlineHtml(CowStr::from(format!(
                    r##"<sup class="{}"><a href="#fn-{number}" id="{}" data-footnote="{}">{number}</a></sup>"##,
                    own("footnote-ref"),
                    own(&id),
                    own(&number.to_string())
                ))));
            }
            Event::Start(Tag::Heading { level, id, .. }) => {
                let end = find_end(&events, i);
                let text = plain(&events[i + 1..end]);
                let named = id.as_deref().map_or_else(|| slugify(&text), str::to_owned);
                let anchor = unique_id(ids, format!("{CONTENT_ID_PREFIX}{named}"));
                let n = heading_number(*level);
                result.push(Event::Html(CowStr::from(format!(
                    r#"<h{n} id="{}">"#,
                    escape(&own(&anchor))
                ))));
                let inner: Vec<Spanned<'a>> = events[i + 1..end].to_vec();
                result.extend(transform(
                    inner,
                    images,
                    numbers,
                    ids,
                    &mut Rendered::default(),
                ));
                result.push(Event::Html(CowStr::from(format!("</h{n}>\n"))));
                out.headings.push(Heading {
                    level: n,
                    id: anchor,
                    text: text.clone(),
                });
                push_block(&mut out.text, &text);
                i = end + 1;
                continue;
            }
            Event::Start(Tag::Paragraph) if is_lone_image(&events, i) => {
                let (
                    Event::Start(Tag::Image {
                        dest_url, title, ..
                    }),
                    img_range,
                ) = &events[i + 1]
                else {
                    unreachable!("is_lone_image checked the shape")
                };
                let end = find_end(&events, i + 1);
                let alt = plain(&events[i + 2..end]);
                let src = resolve_image(dest_url, images, img_range.start, out);
                let caption = if title.is_empty() {
                    alt.clone()
                } else {
                    title.to_string()
                };
                result.push(Event::Html(CowStr::from(format!(
                    "<figure><img src=\"{}\" alt=\"{}\"><figcaption>{}</figcaption></figure>\n",
                    escape(&src),
                    escape(&alt),
                    escape(&caption)
                ))));
                push_block(&mut out.text, &caption);
                i = end + 2;
                continue;
            }
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let src = resolve_image(dest_url, images, range.start, out);
                result.push(Event::Start(Tag::Image {
                    link_type: *link_type,
                    dest_url: CowStr::from(src),
                    title: title.clone(),
                    id: id.clone(),
                }));
            }
            Event::Text(t) | Event::Code(t) => {
                out.text.push_str(t);
                result.push(event.clone());
            }
            Event::SoftBreak => {
                out.text.push(' ');
                result.push(event.clone());
            }
            Event::HardBreak => {
                out.text.push('\n');
                result.push(event.clone());
            }
            Event::End(
                TagEnd::Paragraph
                | TagEnd::Item
                | TagEnd::CodeBlock
                | TagEnd::TableRow
                | TagEnd::TableHead,
            ) => {
                push_block(&mut out.text, "");
                result.push(event.clone());
            }
            Event::End(TagEnd::TableCell) => {
                out.text.push('\t');
                result.push(event.clone());
            }
            _ => result.push(event.clone()),
        }
        i += 1;
    }
    result
}

/// Ends the current block of plain text with `text` and a line break.
fn push_block(buf: &mut String, text: &str) {
    buf.push_str(text);
    if !buf.is_empty() && !buf.ends_with('\n') {
        buf.push('\n');
    }
}

/// Index of the `End` that closes the `Start` at `start`.
fn find_end(events: &[Spanned], start: usize) -> usize {
    let mut depth = 0usize;
    for (j, (e, _)) in events.iter().enumerate().skip(start) {
        match e {
            Event::Start(_) => depth += 1,
            Event::End(_) => {
                depth -= 1;
                if depth == 0 {
                    return j;
                }
            }
            _ => {}
        }
    }
    events.len() - 1
}

fn is_lone_image(events: &[Spanned], para: usize) -> bool {
    if !matches!(
        events.get(para + 1),
        Some((Event::Start(Tag::Image { .. }), _))
    ) {
        return false;
    }
    let img_end = find_end(events, para + 1);
    matches!(
        events.get(img_end + 1),
        Some((Event::End(TagEnd::Paragraph), _))
    )
}

fn plain(events: &[Spanned]) -> String {
    events
        .iter()
        .filter_map(|(e, _)| match e {
            Event::Text(t) | Event::Code(t) => Some(t.as_ref()),
            Event::SoftBreak | Event::HardBreak => Some(" "),
            _ => None,
        })
        .collect()
}

fn heading_number(level: HeadingLevel) -> u8 {
    level as u8
}

/// A stable anchor id from heading text: lower-case letters and digits joined by hyphens.
pub fn slugify(text: &str) -> String {
    let mut slug = String::new();
    for c in text.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            slug.push(c);
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    let slug = slug.trim_end_matches('-').to_owned();
    if slug.is_empty() {
        "section".to_owned()
    } else {
        slug
    }
}

fn unique_id(ids: &mut HashMap<String, u32>, base: String) -> String {
    let count = ids.entry(base.clone()).or_default();
    *count += 1;
    if *count == 1 {
        base
    } else {
        format!("{base}-{}", *count - 1)
    }
}

/// Resolves an image path against the file's folder and checks it is stored beside the content;
/// its address is this platform's ([`crate::media_url`]).
fn resolve_image(dest: &str, images: &ImageBase, offset: usize, out: &mut Rendered) -> String {
    if dest.contains("://") || dest.starts_with("data:") || dest.starts_with("//") {
        out.image_problems.push((offset, format!("image `{dest}` is not stored beside the content; remote images cannot be shown offline")));
        return String::new();
    }
    let mut parts: Vec<&str> = images.dir.split('/').filter(|p| !p.is_empty()).collect();
    for part in dest.trim_start_matches('/').split('/') {
        match part {
            "" | "." => {}
            ".." => {
                if parts.pop().is_none() {
                    out.image_problems.push((
                        offset,
                        format!("image `{dest}` points outside the content folder"),
                    ));
                    return String::new();
                }
            }
            p => parts.push(p),
        }
    }
    let relative = parts.join("/");
    if !images.roots.resolve(&relative).is_some_and(|f| f.is_file()) {
        out.image_problems.push((
            offset,
            format!("image `{dest}` not found (looked for {relative})"),
        ));
    }
    crate::media_url::media_url(&relative)
}

fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    pulldown_cmark_escape::escape_html(&mut out, s).expect("writing to a String cannot fail");
    out
}

/// Inserts `extra` before the final closing tag of `html` (the note's last paragraph).
fn insert_before_last_close(html: &str, extra: &str) -> String {
    let trimmed = html.trim_end();
    match trimmed.rfind("</") {
        Some(i) if trimmed.ends_with("</p>") => {
            format!("{}{}{}", &trimmed[..i], extra, &trimmed[i..])
        }
        _ => format!("{trimmed}{extra}"),
    }
}
