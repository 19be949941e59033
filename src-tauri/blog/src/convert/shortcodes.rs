//! What an export holds raw and a site would have rendered: shortcodes (`[caption]`,
//! `[embed]`, `[gallery]`, Easy Footnotes' `[efn_note]`), the block editor's footnotes kept in
//! the post's meta, and paragraphs written as blank lines. All are brought into the HTML a
//! site renders, so that one conversion serves every way in.

use regex::{Captures, Regex};
use std::collections::HashMap;
use std::fmt::Write;
use std::sync::LazyLock;

/// An attachment of the export (`wp:post_type` attachment): what a gallery shows.
#[derive(Debug, Clone, Default)]
pub struct Attachment {
    pub url: String,
    pub parent: u64,
    pub caption: String,
    pub alt: String,
}

/// Everything known about the site that a post's shortcodes may refer to.
#[derive(Debug, Default)]
pub struct SiteContext {
    pub attachments: HashMap<u64, Attachment>,
    /// How many posts the source holds, when it is known before they are read.
    pub posts_total: Option<u64>,
}

static SHORTCODE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(?s)\[([A-Za-z][\w-]*)((?:\s+[^\]]*)?)\](?:(.*?)\[/([A-Za-z][\w-]*)\])?"#)
        .unwrap()
});
static ATTRIBUTE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r#"([\w-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"']+))"#).unwrap());
static BLOCK_TAG: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^<(?:p|div|h[1-6]|ul|ol|li|blockquote|table|thead|tbody|tr|td|th|figure|figcaption|pre|hr|section|aside|dl|dt|dd|iframe|form|address|!--)[\s>/]").unwrap()
});

fn attributes(text: &str) -> HashMap<String, String> {
    ATTRIBUTE
        .captures_iter(text)
        .map(|c| {
            let value = c
                .get(2)
                .or(c.get(3))
                .or(c.get(4))
                .map_or("", |m| m.as_str());
            (c[1].to_lowercase(), value.to_string())
        })
        .collect()
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('"', "&quot;")
}

/// Expands the shortcodes of a raw post body. Unknown shortcodes are kept as text; those
/// that look like shortcodes rather than bracketed words (attributes, a closing tag, a `_`
/// or `-` in the name) are named in `unknown`.
pub fn expand(html: &str, post_id: u64, site: &SiteContext, unknown: &mut Vec<String>) -> String {
    let mut notes: Vec<String> = Vec::new();
    let mut out = expand_in(html, post_id, site, unknown, &mut notes);
    if !notes.is_empty() {
        out.push_str("\n<ol class=\"easy-footnotes-wrapper\">");
        for (i, note) in notes.iter().enumerate() {
            let _ = write!(out, "<li id=\"lectern-efn-{}\">{note}</li>", i + 1);
        }
        out.push_str("</ol>\n");
    }
    out
}

fn expand_in(
    html: &str,
    post_id: u64,
    site: &SiteContext,
    unknown: &mut Vec<String>,
    notes: &mut Vec<String>,
) -> String {
    SHORTCODE
        .replace_all(html, |c: &Captures| {
            let name = c[1].to_lowercase();
            let closing = c.get(4).map(|m| m.as_str().to_lowercase());
            // `[a]x[/b]`: the closing tag is another shortcode's; take the opening alone.
            if closing.as_ref().is_some_and(|cl| *cl != name) {
                return c[0].to_string();
            }
            let attrs = attributes(&c[2]);
            let inner = c.get(3).map_or("", |m| m.as_str());
            match name.as_str() {
                "caption" | "wp_caption" => caption(inner, &attrs),
                "embed" => {
                    let url = if inner.trim().is_empty() {
                        attrs.get("src").cloned().unwrap_or_default()
                    } else {
                        inner.trim().to_string()
                    };
                    format!("<p><a href=\"{0}\">{0}</a></p>", escape(&url))
                }
                "gallery" => gallery(&attrs, post_id, site),
                // Easy Footnotes, Footnotes Made Easy, Modern Footnotes and others.
                "efn_note" | "ref" | "mfn" | "footnote" => {
                    notes.push(expand_in(inner, post_id, site, unknown, &mut Vec::new()));
                    let n = notes.len();
                    format!("<a href=\"#lectern-efn-{n}\">{n}</a>")
                }
                _ => {
                    let looks_like_code =
                        !c[2].trim().is_empty() || closing.is_some() || name.contains(['_', '-']);
                    if looks_like_code && !unknown.contains(&name) {
                        unknown.push(name);
                    }
                    c[0].to_string()
                }
            }
        })
        .into_owned()
}

/// `[caption]<a><img></a> The caption[/caption]` (or `caption="..."`) as a figure.
fn caption(inner: &str, attrs: &HashMap<String, String>) -> String {
    let lower = inner.to_lowercase();
    let end = lower
        .find("<img")
        .map(|i| {
            let img_end = lower[i..].find('>').map_or(lower.len(), |e| i + e + 1);
            // The image may be wrapped in a link.
            match lower[img_end..].trim_start().starts_with("</a>") {
                true => lower[img_end..]
                    .find("</a>")
                    .map_or(img_end, |e| img_end + e + 4),
                false => img_end,
            }
        })
        .unwrap_or(0);
    let (image, text) = inner.split_at(end);
    let text = attrs.get("caption").map_or(text.trim(), |c| c.as_str());
    format!("<figure>{image}<figcaption>{text}</figcaption></figure>")
}

fn gallery(attrs: &HashMap<String, String>, post_id: u64, site: &SiteContext) -> String {
    let mut ids: Vec<u64> = attrs
        .get("ids")
        .or(attrs.get("include"))
        .map(|ids| {
            ids.split(',')
                .filter_map(|i| i.trim().parse().ok())
                .collect()
        })
        .unwrap_or_default();
    if ids.is_empty() {
        ids = site
            .attachments
            .iter()
            .filter(|(_, a)| a.parent == post_id && post_id != 0)
            .map(|(id, _)| *id)
            .collect();
        ids.sort_unstable();
    }
    let mut out = String::new();
    for a in ids.iter().filter_map(|id| site.attachments.get(id)) {
        let _ = write!(
            out,
            "<figure><img src=\"{}\" alt=\"{}\"><figcaption>{}</figcaption></figure>",
            escape(&a.url),
            escape(&a.alt),
            a.caption
        );
    }
    out
}

/// WordPress's `wpautop`, as far as an article needs it: blank lines separate paragraphs,
/// a single line break inside a paragraph is a `<br>`. Blocks already in HTML stay as they are.
pub fn paragraphs(text: &str) -> String {
    let text = text.replace("\r\n", "\n");
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    for chunk in text.split("\n\n") {
        let chunk = chunk.trim();
        if chunk.is_empty() {
            continue;
        }
        if BLOCK_TAG.is_match(chunk) {
            out.push_str(chunk);
        } else {
            out.push_str("<p>");
            out.push_str(&chunk.replace('\n', "<br>"));
            out.push_str("</p>");
        }
        out.push('\n');
    }
    out
}

/// The block editor's footnotes, kept in an export as the post's `footnotes` meta
/// (`[{"id": "...", "content": "..."}]`), written as the list a site renders.
pub fn block_footnotes(meta: &str) -> Option<String> {
    #[derive(serde::Deserialize)]
    struct Stored {
        id: String,
        content: String,
    }
    let notes: Vec<Stored> = serde_json::from_str(meta).ok()?;
    let mut out = String::from("<ol class=\"wp-block-footnotes\">");
    for n in &notes {
        let _ = write!(out, "<li id=\"{}\">{}</li>", escape(&n.id), n.content);
    }
    out.push_str("</ol>");
    (!notes.is_empty()).then_some(out)
}
