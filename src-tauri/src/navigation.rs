//! Where the window may go. Only the app's own pages stay in it: in a release build
//! `tauri://localhost` (`http(s)://tauri.localhost` on Windows and Android), in development the
//! dev server. A web address (http, https) the webview is sent to opens in the system browser
//! instead; anything else (a file, the media scheme, `data:`, `javascript:`, `about:`) is
//! refused. The UI keeps its own links in the app (`ui/src/lib/links.ts`); this is the net
//! under it, for whatever else would move the window.

use tauri::plugin::{Builder, TauriPlugin};
use tauri::{Runtime, Url};
use tauri_plugin_opener::OpenerExt;
use url::Host;

/// What becomes of a navigation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// One of the app's own pages: the window goes there.
    Stay,
    /// A web page: the system browser opens it, the window stays.
    Browser,
    /// Anything else: nothing happens.
    Refuse,
}

/// The origins (scheme, host, port) of the app's own pages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AppOrigins(Vec<(String, String, Option<u16>)>);

impl AppOrigins {
    /// The app's origins: the dev server's when `dev` (a build without the custom protocol),
    /// else the custom protocol's on this platform.
    pub fn new(dev: bool, dev_url: Option<&Url>) -> Self {
        let urls: Vec<Url> = match dev_url.filter(|_| dev) {
            Some(url) => vec![url.clone()],
            None if cfg!(any(windows, target_os = "android")) => ["http", "https"]
                .iter()
                .filter_map(|s| Url::parse(&format!("{s}://tauri.localhost/")).ok())
                .collect(),
            None => Url::parse("tauri://localhost/").into_iter().collect(),
        };
        Self(urls.iter().filter_map(origin).collect())
    }

    fn contains(&self, url: &Url) -> bool {
        origin(url).is_some_and(|o| self.0.contains(&o))
    }
}

/// Scheme, host and port, compared as they are (`Url::origin` makes every custom scheme's
/// origin opaque, never equal to another).
fn origin(url: &Url) -> Option<(String, String, Option<u16>)> {
    Some((
        url.scheme().to_owned(),
        url.host_str()?.to_ascii_lowercase(),
        url.port_or_known_default(),
    ))
}

/// This machine itself: `localhost`, a `*.localhost` name (where Windows serves the app's own
/// schemes, `http://lectern-media.localhost`) or a loopback address. Never a web page.
fn is_local(url: &Url) -> bool {
    match url.host() {
        Some(Host::Domain(d)) => {
            let d = d.trim_end_matches('.').to_ascii_lowercase();
            d == "localhost" || d.ends_with(".localhost")
        }
        Some(Host::Ipv4(ip)) => ip.is_loopback() || ip.is_unspecified(),
        Some(Host::Ipv6(ip)) => ip.is_loopback() || ip.is_unspecified(),
        None => true,
    }
}

/// What becomes of a navigation to `url`.
pub fn verdict(app: &AppOrigins, url: &Url) -> Verdict {
    if app.contains(url) {
        Verdict::Stay
    } else if matches!(url.scheme(), "http" | "https") && !is_local(url) {
        Verdict::Browser
    } else {
        Verdict::Refuse
    }
}

/// The plugin that holds every webview of the app to [`verdict`].
pub fn guard<R: Runtime>(dev_url: Option<Url>) -> TauriPlugin<R> {
    let app = AppOrigins::new(tauri::is_dev(), dev_url.as_ref());
    Builder::new("navigation")
        .on_navigation(move |webview, url| match verdict(&app, url) {
            Verdict::Stay => true,
            Verdict::Browser => {
                let _ = webview.opener().open_url(url.as_str(), None::<&str>);
                false
            }
            Verdict::Refuse => false,
        })
        .build()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn judge(app: &AppOrigins, url: &str) -> Verdict {
        verdict(app, &Url::parse(url).unwrap())
    }

    #[test]
    fn a_release_build_keeps_only_its_own_pages() {
        let app = AppOrigins::new(false, Url::parse("http://localhost:5173").ok().as_ref());
        let own = if cfg!(any(windows, target_os = "android")) {
            "http://tauri.localhost/#/person/x"
        } else {
            "tauri://localhost/#/person/x"
        };
        assert_eq!(judge(&app, own), Verdict::Stay);
        // The dev server is not the app in a release build, nor is anything else local.
        for web in [
            "https://example.org/a",
            "http://example.org/",
            "HTTPS://EXAMPLE.ORG/",
        ] {
            assert_eq!(judge(&app, web), Verdict::Browser, "{web}");
        }
        for other in [
            "lectern-media://localhost/articles/images/x.svg",
            "http://lectern-media.localhost/articles/images/x.svg",
            "https://ipc.localhost/",
            "http://localhost:5173/",
            "http://127.0.0.1:8080/",
            "http://[::1]/",
            "http://0.0.0.0/",
            "file:///etc/passwd",
            "javascript:alert(1)",
            "data:text/html,<script>alert(1)</script>",
            "about:blank",
            "ipc://localhost/x",
            "tauri://elsewhere/",
        ] {
            assert_eq!(judge(&app, other), Verdict::Refuse, "{other}");
        }
    }

    #[test]
    fn development_keeps_the_dev_server() {
        let dev = Url::parse("http://localhost:5173").unwrap();
        let app = AppOrigins::new(true, Some(&dev));
        assert_eq!(judge(&app, "http://localhost:5173/#/notes"), Verdict::Stay);
        assert_eq!(judge(&app, "http://localhost:5174/"), Verdict::Refuse);
        assert_eq!(judge(&app, "https://example.org/"), Verdict::Browser);
        assert_eq!(judge(&app, "tauri://localhost/"), Verdict::Refuse);
    }
}
