//! A post's HTML as Lectern's Markdown: headings, emphasis, lists, block quotes, tables,
//! links, images as figures with captions, and real footnotes (`[^n]`).
//!
//! Raw export bodies are first given what a site renders ([`shortcodes`]); the HTML is then
//! parsed once into html5ever's DOM, tidied (embeds as links, linked images unwrapped,
//! figures as captioned images), its footnotes taken out ([`footnotes`]), and converted by
//! htmd. Rendering keeps sanitizing the result as it does every article.

mod dom;
pub mod footnotes;
pub mod shortcodes;

use crate::post::Post;
use dom::Handle;
use htmd::HtmlToMarkdown;
use regex::Regex;
use shortcodes::SiteContext;
use std::sync::LazyLock;

/// A post converted: its Markdown body and what the conversion noticed.
#[derive(Debug, Clone, Default)]
pub struct Converted {
    pub markdown: String,
    pub footnotes: usize,
    /// Shortcodes not understood, kept as text.
    pub unknown_shortcodes: Vec<String>,
    /// Images shown as their alt text and a link, because no local copy was given.
    pub missing_images: Vec<String>,
}

/// The body of a post ready for parsing: shortcodes expanded, paragraphs made, stored block
/// footnotes appended. Rendered bodies pass through unchanged.
pub fn prepared_html(post: &Post, site: &SiteContext, unknown: &mut Vec<String>) -> String {
    let html = raw_prepared(post, site, unknown);
    // The featured image heads the post, as the blog shows it, unless the body shows it too.
    match post.featured_image.as_deref() {
        Some(url) if !html.contains(file_stem(url)) => {
            format!(
                "<figure><img src=\"{}\" alt=\"\"></figure>\n{html}",
                url.replace('"', "%22")
            )
        }
        _ => html,
    }
}

/// `photo` of `https://x/wp-content/uploads/photo.jpg` (sized copies are `photo-300x200.jpg`).
fn file_stem(url: &str) -> &str {
    let name = url.rsplit('/').next().unwrap_or(url);
    let stem = name.rsplit_once('.').map_or(name, |(s, _)| s);
    if stem.is_empty() {
        url
    } else {
        stem
    }
}

fn raw_prepared(post: &Post, site: &SiteContext, unknown: &mut Vec<String>) -> String {
    if !post.raw {
        return post.content.clone();
    }
    let mut html = shortcodes::expand(&post.content, post.site_id, site, unknown);
    if !html.contains("<!-- wp:") {
        html = shortcodes::paragraphs(&html);
    }
    if let Some(list) = post
        .footnotes_meta
        .as_deref()
        .and_then(shortcodes::block_footnotes)
    {
        html.push_str(&list);
    }
    html
}

static IMG_SRC: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(?i)<img\b[^>]*?\s(?:data-src|src)\s*=\s*(?:"([^"]*)"|'([^']*)')"#).unwrap()
});

/// The addresses of the images a prepared body shows, absolute against `base`.
pub fn image_urls(html: &str, base: Option<&str>) -> Vec<String> {
    let mut urls: Vec<String> = Vec::new();
    for c in IMG_SRC.captures_iter(html) {
        let raw = c.get(1).or(c.get(2)).map_or("", |m| m.as_str());
        if let Some(url) = absolute(&raw.replace("&amp;", "&"), base) {
            if !urls.contains(&url) {
                urls.push(url);
            }
        }
    }
    urls
}

/// An address made absolute against the post's own; `None` for data and other schemes.
pub fn absolute(url: &str, base: Option<&str>) -> Option<String> {
    let url = url.trim();
    if url.starts_with("http://") || url.starts_with("https://") {
        return Some(url.to_string());
    }
    let base = base?;
    let scheme_end = base.find("://")? + 3;
    let origin_end = base[scheme_end..]
        .find('/')
        .map_or(base.len(), |i| scheme_end + i);
    if let Some(rest) = url.strip_prefix("//") {
        return Some(format!("{}{rest}", &base[..scheme_end]));
    }
    if url.starts_with('/') {
        return Some(format!("{}{url}", &base[..origin_end]));
    }
    if url.is_empty() || url.contains(':') || url.starts_with('#') {
        return None;
    }
    let dir_end = base
        .rfind('/')
        .filter(|i| *i >= origin_end)
        .map_or(base.len(), |i| i + 1);
    let dir = &base[..dir_end];
    Some(if dir.ends_with('/') {
        format!("{dir}{url}")
    } else {
        format!("{dir}/{url}")
    })
}

fn converter() -> &'static HtmlToMarkdown {
    static CONVERTER: LazyLock<HtmlToMarkdown> = LazyLock::new(|| {
        HtmlToMarkdown::builder()
            .skip_tags(vec![
                "script", "style", "noscript", "form", "button", "svg", "head",
            ])
            .options(htmd::options::Options {
                bullet_list_marker: htmd::options::BulletListMarker::Dash,
                ul_bullet_spacing: 1,
                ol_number_spacing: 1,
                ..Default::default()
            })
            .build()
    });
    &CONVERTER
}

/// Converts a prepared body. `local` gives the local path (relative to the article's folder)
/// of a downloaded image by its absolute address; an image without one is shown as its alt
/// text linked to its address, so that nothing remote is loaded when the article is read.
pub fn convert(
    html: &str,
    base: Option<&str>,
    local: &dyn Fn(&str) -> Option<String>,
) -> Converted {
    let converter = converter();
    let Ok(tree) = converter.html_to_tree(html) else {
        return Converted::default();
    };
    let mut missing = Vec::new();
    tidy(&tree, base, local, &mut missing);
    let notes = footnotes::extract(&tree);
    let mut markdown = with_references(&converter.tree_to_markdown(&tree));
    if !notes.is_empty() {
        markdown.push_str("\n\n");
    }
    for note in &notes {
        let text = with_references(&converter.tree_to_markdown(&note.content));
        let text = text.trim();
        markdown.push_str(&format!("\n[^{}]: ", note.number));
        for (i, line) in text.lines().enumerate() {
            if i > 0 {
                markdown.push('\n');
                if !line.is_empty() {
                    markdown.push_str("    ");
                }
            }
            markdown.push_str(line);
        }
        if text.is_empty() {
            markdown.push('…');
        }
        markdown.push('\n');
    }
    Converted {
        markdown: markdown.trim().to_string() + "\n",
        footnotes: notes.len(),
        unknown_shortcodes: Vec::new(),
        missing_images: missing,
    }
}

fn with_references(markdown: &str) -> String {
    markdown
        .replace(footnotes::OPEN, "[^")
        .replace(footnotes::CLOSE, "]")
}

/// Embeds as links, images made local (or their alt text), figures as captioned images.
fn tidy(
    root: &Handle,
    base: Option<&str>,
    local: &dyn Fn(&str) -> Option<String>,
    missing: &mut Vec<String>,
) {
    for node in dom::descendants(root) {
        match dom::tag(&node) {
            Some("iframe" | "video" | "audio" | "embed" | "object") => {
                let src = dom::attr(&node, "src").or_else(|| dom::attr(&node, "data"));
                match src.and_then(|s| absolute(&s, base)) {
                    Some(url) => {
                        let link = dom::new_element("a", &[("href", &url)]);
                        dom::append(&link, dom::new_text(&url));
                        let p = dom::new_element("p", &[]);
                        dom::append(&p, link);
                        dom::replace(&node, p);
                    }
                    None => dom::detach(&node),
                }
            }
            Some("figure") if dom::has_class(&node, "wp-block-embed") => {
                let url = dom::text(&node).trim().to_string();
                let p = dom::new_element("p", &[]);
                if url.starts_with("http") {
                    let link = dom::new_element("a", &[("href", &url)]);
                    dom::append(&link, dom::new_text(&url));
                    dom::append(&p, link);
                }
                dom::replace(&node, p);
            }
            _ => {}
        }
    }
    for node in dom::descendants(root) {
        if dom::is(&node, "img") {
            image(&node, base, local, missing);
        }
    }
    for node in dom::descendants(root) {
        if dom::is(&node, "figure") {
            figure(&node);
        }
    }
}

/// An image with its local path, or its alt text linked to where it is on the web.
fn image(
    node: &Handle,
    base: Option<&str>,
    local: &dyn Fn(&str) -> Option<String>,
    missing: &mut Vec<String>,
) {
    let src = dom::attr(node, "data-src")
        .or_else(|| dom::attr(node, "src"))
        .unwrap_or_default();
    // A link around an image points at the same picture, larger, or its attachment page.
    if let Some(link) = dom::parent(node).filter(|p| dom::is(p, "a")) {
        if dom::text(&link).trim().is_empty() {
            dom::unwrap(&link);
        }
    }
    let url = absolute(&src, base);
    match url.as_deref().and_then(local) {
        Some(path) => {
            dom::set_attr(node, "src", &path);
            for lazy in ["srcset", "data-src", "sizes"] {
                dom::set_attr(node, lazy, "");
            }
        }
        None => {
            let alt = dom::attr(node, "alt").unwrap_or_default();
            let alt = if alt.trim().is_empty() {
                "Image".to_string()
            } else {
                alt
            };
            let shown = match &url {
                Some(url) => {
                    missing.push(url.clone());
                    let link = dom::new_element("a", &[("href", url)]);
                    dom::append(&link, dom::new_text(alt.trim()));
                    link
                }
                None => dom::new_text(alt.trim()),
            };
            let em = dom::new_element("em", &[]);
            dom::append(&em, shown);
            dom::replace(node, em);
        }
    }
}

/// A figure with one image becomes a paragraph of the image alone, its caption as the
/// image's title (which Lectern shows as the figure's caption). Other figures (tables, quotes)
/// keep their content with the caption as a paragraph after it.
fn figure(node: &Handle) {
    let all = dom::descendants(node);
    let images: Vec<&Handle> = all.iter().filter(|n| dom::is(n, "img")).collect();
    let caption = all.iter().find(|n| dom::is(n, "figcaption")).cloned();
    let caption_text = caption
        .as_ref()
        .map(|c| {
            dom::text(c)
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
        })
        .unwrap_or_default();
    if let [img] = images.as_slice() {
        if !caption_text.is_empty() {
            dom::set_attr(img, "title", &caption_text);
        }
        let p = dom::new_element("p", &[]);
        dom::append(&p, (*img).clone());
        dom::replace(node, p);
        return;
    }
    if let Some(caption) = caption {
        let p = dom::new_element("p", &[]);
        dom::move_children(&caption, &p);
        dom::replace(&caption, p);
    }
    let div = dom::new_element("div", &[]);
    dom::move_children(node, &div);
    dom::replace(node, div);
}

/// A title or other short HTML as plain text: tags dropped, entities decoded, white space
/// collapsed.
pub fn plain_text(html: &str) -> String {
    if !html.contains(['<', '&']) {
        return html.split_whitespace().collect::<Vec<_>>().join(" ");
    }
    let Ok(tree) = converter().html_to_tree(html) else {
        return html.to_string();
    };
    dom::text(&tree)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}
