//! Links into Lectern from other apps: `lectern://article/<slug>?quote=…` and the like (the
//! Markdown export of notes writes them). The packages register the scheme (the deep-link
//! plugin's configuration). On Linux and Windows a link comes as a command-line argument: of
//! the launch itself, or of a second launch that the single-instance plugin hands to the running
//! app. Lectern reads every argument (the deep-link plugin only takes a lone one, and a reader may
//! start `lectern --data DIR lectern://…`). On macOS links come as events of the deep-link
//! plugin. The shell keeps them until the UI takes them: what an address opens is decided by the
//! UI's router (`ui/src/lib/deeplink.ts`), which knows the views.

use serde::{Deserialize, Serialize};
use specta::Type;
use std::sync::Mutex;
use tauri::{AppHandle, Manager, Runtime};
use tauri_plugin_deep_link::DeepLinkExt;
use tauri_specta::Event;

/// The scheme of links into Lectern, as `plugins.deep-link.desktop.schemes` registers it.
pub const SCHEME: &str = "lectern";

/// Sent when a link arrives while the app runs: the UI then takes what is waiting.
#[derive(Debug, Clone, Serialize, Deserialize, Type, tauri_specta::Event)]
pub struct LinkOpened;

/// Links received and not yet taken by the UI.
#[derive(Default)]
pub struct Links(Mutex<Vec<String>>);

impl Links {
    /// Keeps the addresses of `lectern:` links among `given`; true when there was one.
    pub fn keep<I: IntoIterator<Item = String>>(&self, given: I) -> bool {
        let mut kept = false;
        if let Ok(mut waiting) = self.0.lock() {
            for link in given.into_iter().filter(|a| is_link(a)) {
                waiting.push(link);
                kept = true;
            }
        }
        kept
    }

    /// The waiting links, oldest first; the queue is then empty.
    pub fn take(&self) -> Vec<String> {
        self.0
            .lock()
            .map(|mut w| std::mem::take(&mut *w))
            .unwrap_or_default()
    }
}

/// Whether a command-line argument is a link into Lectern (`lectern:…`, any case of the scheme).
pub fn is_link(arg: &str) -> bool {
    arg.split_once(':')
        .is_some_and(|(scheme, _)| scheme.eq_ignore_ascii_case(SCHEME))
}

/// Keeps the link the app was started with and listens for the ones that come later.
pub fn listen<R: Runtime>(app: &AppHandle<R>) {
    app.manage(Links::default());
    app.state::<Links>().keep(std::env::args().skip(1));
    let handle = app.clone();
    app.deep_link().on_open_url(move |event| {
        let urls = event.urls().into_iter().map(String::from);
        if handle.state::<Links>().keep(urls) {
            let _ = LinkOpened.emit(&handle);
        }
    });
}

/// A second launch, with its command line (`args`, the program first): its link, if any, is
/// kept for the UI, and the running window comes forward.
pub fn second_launch<R: Runtime>(app: &AppHandle<R>, args: Vec<String>) {
    if let Some(links) = app.try_state::<Links>() {
        if links.keep(args.into_iter().skip(1)) {
            let _ = LinkOpened.emit(app);
        }
    }
    if let Some(window) = app.get_webview_window("main") {
        let _ = window.unminimize();
        let _ = window.show();
        let _ = window.set_focus();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_lectern_addresses_are_links() {
        assert!(is_link("lectern://article/a-slug?quote=x"));
        assert!(is_link("LECTERN:article/a"));
        assert!(!is_link("/usr/bin/lectern"));
        assert!(!is_link("--data"));
        assert!(!is_link("https://example.org/lectern://x"));
        assert!(!is_link("lecterns://article/a"));
        assert!(!is_link("C:\\Users\\lectern.txt"));
    }

    #[test]
    fn links_wait_until_taken_and_are_taken_once() {
        let links = Links::default();
        assert!(!links.keep(["/usr/bin/lectern".to_string(), "--data".into()]));
        assert!(links.keep(["/usr/bin/lectern".to_string(), "lectern://article/a".into()]));
        assert!(links.keep(["lectern://person/b".to_string()]));
        assert_eq!(links.take(), ["lectern://article/a", "lectern://person/b"]);
        assert!(links.take().is_empty());
    }
}
