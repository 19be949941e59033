//! The address under which the webview asks for an image stored beside the content. The app
//! registers one URL scheme, [`MEDIA_SCHEME`]; how a page reaches it depends on the webview the
//! platform has ([`Webview`]), so the address is a pure function of that and of the content
//! path, and both forms are tested on every platform.
//!
//! Rendered HTML is never stored: `library.sqlite` keeps each entry's Markdown and renders it
//! when it is opened (migration 004), and book covers are found when a book is shown. So the
//! addresses in a page are always this machine's, even in a library folder copied from
//! another platform (which is rebuilt from content anyway: it belongs to one machine). A media
//! address of the other form written into content as raw HTML is rewritten to this one by the
//! sanitizer ([`crate::markdown::sanitize`]).

/// URL scheme under which images stored beside the content are served to the webview.
pub const MEDIA_SCHEME: &str = "lectern-media";

/// How the webview reaches an app's own URL scheme.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Webview {
    /// WebKit (WebKitGTK on Linux, WKWebView on macOS): the scheme itself,
    /// `lectern-media://localhost/<path>`.
    Scheme,
    /// WebView2 on Windows (and Android's webview), which take no custom scheme: wry serves it
    /// on a host of its own, `http://lectern-media.localhost/<path>` (`https` only when the
    /// window sets `useHttpsScheme`, which Lectern does not; the CSP allows `http` only).
    Localhost,
}

/// Every form a media address takes, the one this platform uses among them.
const PREFIXES: [(&str, Webview); 3] = [
    ("lectern-media://localhost/", Webview::Scheme),
    ("http://lectern-media.localhost/", Webview::Localhost),
    ("https://lectern-media.localhost/", Webview::Localhost),
];

impl Webview {
    /// Both webviews, for tests that cover every platform.
    pub const ALL: [Webview; 2] = [Webview::Scheme, Webview::Localhost];

    /// The webview of the platform this is built for: as Tauri chooses it (wry's
    /// `custom_protocol_workaround` on Windows and Android).
    pub const fn current() -> Self {
        if cfg!(any(windows, target_os = "android")) {
            Self::Localhost
        } else {
            Self::Scheme
        }
    }

    /// What every media address starts with in this webview.
    pub const fn prefix(self) -> &'static str {
        match self {
            Self::Scheme => PREFIXES[0].0,
            Self::Localhost => PREFIXES[1].0,
        }
    }

    /// The address of the image at `relative` (a content path: `articles/images/x.svg`).
    pub fn media_url(self, relative: &str) -> String {
        format!("{}{relative}", self.prefix())
    }
}

/// The address of the image at `relative` in this platform's webview.
pub fn media_url(relative: &str) -> String {
    Webview::current().media_url(relative)
}

/// The content path a media address of either webview names (`lectern-media://localhost/a.png`
/// and `http://lectern-media.localhost/a.png` are both `a.png`), the scheme and host in any
/// case; `None` for any other address. `url` is taken as written: callers strip what a browser
/// ignores first.
pub fn media_relative(url: &str) -> Option<&str> {
    PREFIXES.iter().find_map(|(prefix, _)| {
        let head = url.get(..prefix.len())?;
        head.eq_ignore_ascii_case(prefix)
            .then_some(&url[prefix.len()..])
    })
}

/// Whether `url` is on the media scheme in any form, whatever its host or path: the scheme
/// itself, or the host Windows serves it on (any port). A link there is no web page.
pub fn is_media_address(url: &str) -> bool {
    let lower = url.to_ascii_lowercase();
    if lower.starts_with(&format!("{MEDIA_SCHEME}:")) {
        return true;
    }
    ["http://", "https://"].iter().any(|scheme| {
        lower
            .strip_prefix(scheme)
            .and_then(|rest| rest.strip_prefix(&format!("{MEDIA_SCHEME}.localhost")))
            .is_some_and(|rest| rest.is_empty() || rest.starts_with(['/', ':', '?', '#']))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_webview_has_its_form_of_address() {
        assert_eq!(
            Webview::Scheme.media_url("articles/images/x.svg"),
            "lectern-media://localhost/articles/images/x.svg"
        );
        assert_eq!(
            Webview::Localhost.media_url("blogs/red/articles/images/a b.png"),
            "http://lectern-media.localhost/blogs/red/articles/images/a b.png"
        );
        for webview in Webview::ALL {
            assert!(webview.prefix().contains(MEDIA_SCHEME), "{webview:?}");
        }
    }

    /// Windows (and Android) reach the scheme on a host of their own; every other platform
    /// uses it as it is. Only the branch for this platform runs, but each names its answer.
    #[test]
    fn the_current_webview_is_the_platforms() {
        let expected = if cfg!(any(windows, target_os = "android")) {
            Webview::Localhost
        } else {
            Webview::Scheme
        };
        assert_eq!(Webview::current(), expected);
        assert_eq!(media_url("a.png"), expected.media_url("a.png"));
    }

    #[test]
    fn either_form_names_its_content_path() {
        for webview in Webview::ALL {
            let url = webview.media_url("articles/images/x.svg");
            assert_eq!(media_relative(&url), Some("articles/images/x.svg"), "{url}");
            assert!(is_media_address(&url), "{url}");
        }
        assert_eq!(
            media_relative("LECTERN-MEDIA://LOCALHOST/Articles/X.png"),
            Some("Articles/X.png")
        );
        assert_eq!(
            media_relative("https://lectern-media.localhost/a.png"),
            Some("a.png")
        );
        for other in [
            "lectern-media://evil/x.png",
            "lectern-media:x.png",
            "http://lectern-media.localhost.example.org/x.png",
            "http://lectern-media.localhost:8080/x.png",
            "http://evil.example/lectern-media.localhost/x.png",
            "file:///C:/lectern-media/x.png",
            "https://example.org/x.png",
            "images/x.png",
        ] {
            assert_eq!(media_relative(other), None, "{other}");
        }
    }

    #[test]
    fn a_media_address_is_told_by_scheme_or_host() {
        for media in [
            "lectern-media://evil/x.png",
            "LECTERN-MEDIA:x",
            "http://lectern-media.localhost",
            "http://lectern-media.localhost:8080/x.png",
            "HTTPS://Lectern-Media.LocalHost/x.png",
            "http://lectern-media.localhost?x",
        ] {
            assert!(is_media_address(media), "{media}");
        }
        for other in [
            "http://lectern-media.localhost.example.org/x.png",
            "http://evil.example/lectern-media.localhost/",
            "https://example.org/",
            "lectern://article/x",
        ] {
            assert!(!is_media_address(other), "{other}");
        }
    }
}
