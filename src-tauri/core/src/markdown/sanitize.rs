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
//! read offline does not rest on the CSP alone. A media address is taken in the form of
//! either webview ([`Webview`]) and written in this platform's, so a page shows its images on
//! every platform whichever form it was written in.

use super::MEDIA_SCHEME;
use crate::media_url::{is_media_address, media_relative, Webview};
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
        "src" if element == "img" => image_source(value, Webview::current()),
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

/// A URL as a browser reads it: leading controls and spaces dropped, tabs and line breaks
/// removed anywhere.
fn as_read(url: &str) -> String {
    url.trim_start_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect()
}

/// [`as_read`] in lower case, to compare schemes.
fn normalized(url: &str) -> String {
    as_read(url).to_ascii_lowercase()
}

/// An address on the media scheme (in either webview's form) or a `data:` one: an image
/// source at most, never a link.
fn is_local_or_data(url: &str) -> bool {
    let url = normalized(url);
    is_media_address(&url) || url.starts_with("data:")
}

/// The source an image keeps in `webview`, if any: an image stored beside the content (a media
/// address of either form, written in `webview`'s), or a small raster image in the page itself.
fn image_source(src: &str, webview: Webview) -> Option<Cow<'_, str>> {
    let read = as_read(src);
    if let Some(relative) = media_relative(&read) {
        return Some(Cow::Owned(webview.media_url(relative)));
    }
    let url = read.to_ascii_lowercase();
    let rest = url.strip_prefix("data:image/")?;
    let kind = rest.split([';', ',']).next().unwrap_or("");
    (src.len() <= MAX_DATA_IMAGE && DATA_IMAGE_TYPES.contains(&kind)).then_some(Cow::Borrowed(src))
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
        for webview in Webview::ALL {
            let kept = |src: &str| image_source(src, webview).is_some();
            assert!(kept("lectern-media://localhost/articles/a.png"));
            assert!(kept(" LECTERN-MEDIA://localhost/a.png"));
            assert!(kept("http://lectern-media.localhost/articles/a.png"));
            assert!(kept("data:image/png;base64,AAAA"));
            assert!(!kept("data:image/svg+xml;base64,AAAA"));
            assert!(!kept("data:text/html,<script>"));
            assert!(!kept("https://example.org/x.png"));
            assert!(!kept("//example.org/x.png"));
            assert!(!kept("images/x.png"));
            assert!(!kept("lectern-media://evil/x.png"));
            assert!(!kept("http://lectern-media.localhost.example.org/x.png"));
            assert!(!kept("http://lectern-media.localhost:8080/x.png"));
            let big = format!("data:image/png;base64,{}", "A".repeat(MAX_DATA_IMAGE));
            assert!(!kept(&big));
        }
    }

    /// An image stored beside the content shows on every platform, whichever webview's form
    /// its address was written in: each is written in the form of the webview that reads it.
    #[test]
    fn media_sources_are_written_in_the_webviews_form() {
        let written = [
            "lectern-media://localhost/articles/images/A b.png",
            "\tLECTERN-MEDIA://LocalHost/articles/images/A b.png",
            "http://lectern-media.localhost/articles/images/A b.png",
            "HTTP://Lectern-Media.localhost/articles/images/A b.png",
            "https://lectern-media.localhost/articles/images/A b.png",
            "http://lectern-\nmedia.localhost/articles/images/A b.png",
        ];
        for webview in Webview::ALL {
            for src in written {
                assert_eq!(
                    image_source(src, webview).as_deref(),
                    Some(webview.media_url("articles/images/A b.png").as_str()),
                    "{src} in {webview:?}"
                );
            }
        }
        let data = "data:image/png;base64,AAAA";
        assert_eq!(
            image_source(data, Webview::Localhost).as_deref(),
            Some(data)
        );
    }

    /// A media address of either form is no link: the webview would leave the app for it (or
    /// Windows hand it to the browser).
    #[test]
    fn media_addresses_are_no_links_in_either_form() {
        for href in [
            "lectern-media://localhost/a.svg",
            " Lectern-Media:x",
            "http://lectern-media.localhost/a.svg",
            "https://LECTERN-MEDIA.localhost:443/a.svg",
            "data:text/html,x",
        ] {
            assert!(is_local_or_data(href), "{href}");
        }
        for href in [
            "https://example.org/",
            "http://localhost.example/lectern-media",
        ] {
            assert!(!is_local_or_data(href), "{href}");
        }
        for webview in Webview::ALL {
            let html = sanitize(&format!(
                "<a href=\"{}\">x</a>",
                webview.media_url("articles/images/a.svg")
            ));
            assert_eq!(html, "<a rel=\"noopener noreferrer\">x</a>", "{webview:?}");
        }
    }
}
