//! The sanitizer every rendered body goes through: ammonia's default allowlist, plus the
//! attributes this renderer itself writes, told apart from the same attributes written by
//! content.
//!
//! The renderer puts a marker, random in each run, before the value of every `id`, `class`,
//! `role` and `data-footnote` it writes ([`own`]); the attribute filter takes the marker off
//! and keeps those. The same attributes written by content (raw HTML) cannot carry the marker:
//! an id gets the prefix [`CONTENT_ID_PREFIX`] (as do headings' anchors, which content names)
//! and links to ids inside the page follow it; classes, roles and data attributes are dropped.
//! So content can neither take the app's ids nor fake a footnote reference. An image keeps its
//! `src` only on the app's media scheme or as a small raster `data:` image: the promise to
//! read offline does not rest on the CSP alone.

use super::MEDIA_SCHEME;
use std::borrow::Cow;
use std::sync::LazyLock;

/// The prefix of every id that content names: headings' anchors and ids in raw HTML.
pub const CONTENT_ID_PREFIX: &str = "c-";

/// The classes the renderer writes (the UI finds footnotes by them).
pub const OWN_CLASSES: [&str; 3] = ["footnote-ref", "footnotes", "footnote-back"];

/// The largest `data:` image kept, in bytes of the attribute.
pub const MAX_DATA_IMAGE: usize = 64 * 1024;

/// Raster image types a `data:` address may carry (never SVG, which is a document).
const DATA_IMAGE_TYPES: [&str; 5] = ["png", "jpeg", "gif", "webp", "avif"];

static MARK: LazyLock<String> =
    LazyLock::new(|| format!("lectern{}-", uuid::Uuid::new_v4().simple()));

/// An attribute value the renderer writes itself (`value` must be HTML-safe or escaped
/// after): kept by [`sanitize`], which takes the marker off.
pub(super) fn own(value: &str) -> String {
    format!("{}{value}", *MARK)
}

/// Sanitizes HTML. The allowlist is built once: building it was a good part of sanitizing a
/// short note.
pub fn sanitize(html: &str) -> String {
    static CLEANER: LazyLock<ammonia::Builder<'static>> = LazyLock::new(|| {
        let mut b = ammonia::Builder::default();
        b.add_generic_attributes(["id", "class", "role", "aria-label", "data-footnote"])
            .add_url_schemes([MEDIA_SCHEME, "data"])
            .attribute_filter(filter);
        b
    });
    CLEANER.clean(html).to_string()
}

fn filter<'a>(element: &str, attribute: &str, value: &'a str) -> Option<Cow<'a, str>> {
    let own = value.strip_prefix(MARK.as_str());
    match attribute {
        "id" => Some(match own {
            Some(id) => Cow::Borrowed(id),
            None => Cow::Owned(format!("{CONTENT_ID_PREFIX}{value}")),
        }),
        "class" => own.filter(|c| OWN_CLASSES.contains(c)).map(Cow::Borrowed),
        "role" | "data-footnote" => own.map(Cow::Borrowed),
        "href" if value.starts_with('#') => Some(fragment(value)),
        "src" if element == "img" => image_source(value).then_some(Cow::Borrowed(value)),
        _ if is_local_or_data(value) => None,
        _ => Some(Cow::Borrowed(value)),
    }
}

/// A link to an anchor in the page: to a footnote or a reference as written, to anything else
/// (a heading, an id in raw HTML) under the prefix content's ids get.
fn fragment(value: &str) -> Cow<'_, str> {
    let target = &value[1..];
    if target.is_empty() || is_note_anchor(target) {
        Cow::Borrowed(value)
    } else {
        Cow::Owned(format!("#{CONTENT_ID_PREFIX}{target}"))
    }
}

/// `fn-3`, `fnref-3`, `fnref-3-2`: the renderer's anchors of footnotes and their references.
fn is_note_anchor(id: &str) -> bool {
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if let Some(n) = id.strip_prefix("fn-") {
        return digits(n);
    }
    match id.strip_prefix("fnref-").map(|r| r.split_once('-')) {
        Some(Some((n, nth))) => digits(n) && digits(nth),
        Some(None) => digits(&id[6..]),
        None => false,
    }
}

/// A URL as a browser reads its scheme: leading controls and spaces dropped, tabs and line
/// breaks removed anywhere, lower case.
fn normalized(url: &str) -> String {
    url.trim_start_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect::<String>()
        .to_ascii_lowercase()
}

fn is_local_or_data(url: &str) -> bool {
    let url = normalized(url);
    url.starts_with(&format!("{MEDIA_SCHEME}:")) || url.starts_with("data:")
}

/// An image source the webview may load: an image stored beside the content, or a small
/// raster image in the page itself.
fn image_source(src: &str) -> bool {
    let url = normalized(src);
    if url.starts_with(&format!("{MEDIA_SCHEME}://localhost/")) {
        return true;
    }
    let Some(rest) = url.strip_prefix("data:image/") else {
        return false;
    };
    let kind = rest.split([';', ',']).next().unwrap_or("");
    src.len() <= MAX_DATA_IMAGE && DATA_IMAGE_TYPES.contains(&kind)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn note_anchors_are_the_renderers_patterns_only() {
        for id in ["fn-1", "fnref-12", "fnref-3-2"] {
            assert!(is_note_anchor(id), "{id}");
        }
        for id in [
            "fn-",
            "fn-x",
            "fnref-",
            "fnref-1-",
            "fnref-1-x",
            "fn-1-2",
            "main",
        ] {
            assert!(!is_note_anchor(id), "{id}");
        }
    }

    #[test]
    fn image_sources_are_local_or_small_raster_data() {
        assert!(image_source("lectern-media://localhost/articles/a.png"));
        assert!(image_source(" LECTERN-MEDIA://localhost/a.png"));
        assert!(image_source("data:image/png;base64,AAAA"));
        assert!(!image_source("data:image/svg+xml;base64,AAAA"));
        assert!(!image_source("data:text/html,<script>"));
        assert!(!image_source("https://example.org/x.png"));
        assert!(!image_source("//example.org/x.png"));
        assert!(!image_source("images/x.png"));
        assert!(!image_source("lectern-media://evil/x.png"));
        let big = format!("data:image/png;base64,{}", "A".repeat(MAX_DATA_IMAGE));
        assert!(!image_source(&big));
    }
}
