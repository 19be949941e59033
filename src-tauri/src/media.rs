//! The `lectern-media://` protocol: images stored beside the content, served offline and only
//! as images. Which file may be read, and whether it is an image, is decided in lectern-core
//! (`media::read_image`); here the request becomes a path and the image a response. On Windows
//! the page asks for `http://lectern-media.localhost/<path>` (`lectern_core::media_url`), which
//! wry hands over as `lectern-media://localhost/<path>`: either way the path is the same, and
//! only the path is read ([`requested_path`]).

use crate::desk::Desk;
use lectern_core::media::Image;
use lectern_core::{Error, ErrorKind, Result};
use tauri::http::{Request, Response, StatusCode};
use tauri::{Manager, Runtime, UriSchemeContext, UriSchemeResponder};

/// Sent with every image: should one be opened as a document (an SVG, say), it runs no script,
/// loads nothing and has an origin of its own. Shown by `<img>`, an image never runs script.
pub const CSP: &str = "default-src 'none'; style-src 'unsafe-inline'; sandbox";

pub fn serve<R: Runtime>(
    ctx: UriSchemeContext<'_, R>,
    request: Request<Vec<u8>>,
    responder: UriSchemeResponder,
) {
    let desk = ctx.app_handle().state::<Desk>();
    let dest = request.headers().get("Sec-Fetch-Dest");
    let image = asked_as_image(dest.and_then(|v| v.to_str().ok()))
        .and_then(|()| desk.library())
        .and_then(|lib| lib.media_file(&requested_path(request.uri())));
    responder.respond(respond(image));
}

/// The media path a request asks for: [`media_path`] of its URI's path, whatever its scheme
/// and host (the custom scheme's `localhost`, or Windows' `lectern-media.localhost`) and
/// without its query.
pub fn requested_path(uri: &tauri::http::Uri) -> String {
    media_path(uri.path())
}

/// Refuses, before the disk is read, a request made for something other than an image (a
/// document, a frame, a script), where the webview says what it asks for (`Sec-Fetch-Dest`).
/// WebKitGTK sends none for an app's own scheme: there the navigation guard and the [`CSP`]
/// keep an SVG from being shown as a page.
pub fn asked_as_image(dest: Option<&str>) -> Result<()> {
    match dest {
        Some(d) if d != "image" => Err(Error::new(
            ErrorKind::Invalid,
            format!("media files are served as images only, not as `{d}`"),
        )),
        _ => Ok(()),
    }
}

/// The media path a request's URI path names, percent-decoded:
/// `/articles/images/x%20y.svg` is `articles/images/x y.svg`.
pub fn media_path(uri_path: &str) -> String {
    let path = uri_path.strip_prefix('/').unwrap_or(uri_path);
    percent_encoding::percent_decode_str(path)
        .decode_utf8_lossy()
        .into_owned()
}

/// The response to a media request: the image, typed and never sniffed, or why not.
pub fn respond(image: Result<Image>) -> Response<Vec<u8>> {
    let builder = Response::builder()
        .header("X-Content-Type-Options", "nosniff")
        .header("Content-Security-Policy", CSP);
    let response = match image {
        Ok(image) => builder
            .header("Content-Type", image.kind.mime())
            .body(image.bytes),
        Err(e) => builder
            .status(match e.kind {
                ErrorKind::NotFound => StatusCode::NOT_FOUND,
                ErrorKind::Invalid => StatusCode::FORBIDDEN,
                _ => StatusCode::INTERNAL_SERVER_ERROR,
            })
            .header("Content-Type", "text/plain; charset=utf-8")
            .body(e.message.into_bytes()),
    };
    response.expect("a response from valid parts")
}

#[cfg(test)]
mod tests {
    use super::*;
    use lectern_core::content::Roots;
    use lectern_core::media::read_image;
    use std::path::PathBuf;

    const SVG: &str = "<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>";

    /// A content folder of its own under the temporary folder, with one SVG and one page;
    /// removed when dropped.
    struct Content(PathBuf);

    impl Content {
        fn new(name: &str) -> Self {
            let top =
                std::env::temp_dir().join(format!("lectern-media-{name}-{}", std::process::id()));
            let images = top.join("content/articles/images");
            std::fs::create_dir_all(&images).unwrap();
            std::fs::write(images.join("x y.svg"), SVG).unwrap();
            std::fs::write(images.join("page.html"), "<script></script>").unwrap();
            Self(top)
        }

        fn roots(&self) -> Roots {
            Roots::single(&self.0.join("content"))
        }
    }

    impl Drop for Content {
        fn drop(&mut self) {
            let _ = std::fs::remove_dir_all(&self.0);
        }
    }

    fn header<'a>(r: &'a Response<Vec<u8>>, name: &str) -> &'a str {
        r.headers().get(name).unwrap().to_str().unwrap()
    }

    #[test]
    fn an_svg_is_served_as_an_image_that_runs_no_script() {
        let content = Content::new("svg");
        let roots = content.roots();
        let path = media_path("/articles/images/x%20y.svg");
        let r = respond(read_image(&roots, &path));
        assert_eq!(r.status(), StatusCode::OK);
        assert_eq!(header(&r, "Content-Type"), "image/svg+xml");
        assert_eq!(header(&r, "X-Content-Type-Options"), "nosniff");
        let csp = header(&r, "Content-Security-Policy");
        assert!(csp.contains("default-src 'none'") && csp.contains("sandbox"));
        assert!(!csp.contains("script-src"));
    }

    #[test]
    fn percent_encoded_dot_segments_and_pages_are_refused() {
        let content = Content::new("refused");
        let roots = content.roots();
        for uri in [
            "/%2e%2e/%2e%2e/etc/passwd",
            "/articles/images/%2E%2E/%2E%2E/%2E%2E/etc/hosts.png",
            "/articles%2fimages%2f..%2f..%2fsecret.png",
            "/articles/images/page.html",
            "/%2Fetc%2Fpasswd.png",
        ] {
            let r = respond(read_image(&roots, &media_path(uri)));
            assert_eq!(r.status(), StatusCode::FORBIDDEN, "{uri}");
            assert_eq!(header(&r, "X-Content-Type-Options"), "nosniff");
            assert_eq!(header(&r, "Content-Type"), "text/plain; charset=utf-8");
        }
        let missing = respond(read_image(&roots, &media_path("/articles/images/no.png")));
        assert_eq!(missing.status(), StatusCode::NOT_FOUND);
    }

    /// The same image whichever webview asks: WebKit (Linux, macOS) by the custom scheme,
    /// WebView2 (Windows) by its own host, as the page's address says, or as wry hands it on.
    #[test]
    fn a_request_is_read_by_its_path_in_either_form() {
        let content = Content::new("forms");
        let roots = content.roots();
        for uri in [
            "lectern-media://localhost/articles/images/x%20y.svg",
            "http://lectern-media.localhost/articles/images/x%20y.svg",
            "https://lectern-media.localhost/articles/images/x%20y.svg",
            "http://lectern-media.localhost/articles/images/x%20y.svg?v=2",
        ] {
            let uri: tauri::http::Uri = uri.parse().unwrap();
            assert_eq!(requested_path(&uri), "articles/images/x y.svg", "{uri}");
            let r = respond(read_image(&roots, &requested_path(&uri)));
            assert_eq!(r.status(), StatusCode::OK, "{uri}");
        }
        // The address the renderer writes on each platform comes back as its content path.
        for webview in lectern_core::media_url::Webview::ALL {
            let uri: tauri::http::Uri = webview
                .media_url("articles/images/x%20y.svg")
                .parse()
                .unwrap();
            assert_eq!(
                requested_path(&uri),
                "articles/images/x y.svg",
                "{webview:?}"
            );
        }
    }

    /// What a Windows path could say, percent-encoded in a request, is refused on every
    /// platform (the rule is lectern-core's, the same everywhere).
    #[test]
    fn windows_paths_in_a_request_are_refused() {
        let content = Content::new("windows");
        let roots = content.roots();
        for uri in [
            "http://lectern-media.localhost/articles%5Cimages%5Cx%20y.svg",
            "http://lectern-media.localhost/..%5C..%5Cx.svg",
            "http://lectern-media.localhost/C:%5CWindows%5Cx.svg",
            "http://lectern-media.localhost/C:x.svg",
            "http://lectern-media.localhost/%5C%5Cserver%5Cshare%5Cx.svg",
            "http://lectern-media.localhost/articles/images/CON.svg",
            "http://lectern-media.localhost/articles/images/nul.svg",
            "http://lectern-media.localhost/articles/images/com1.svg",
            "http://lectern-media.localhost/articles/images./x%20y.svg",
            "lectern-media://localhost/articles/images/x%20y.svg:stream.svg",
        ] {
            let uri: tauri::http::Uri = uri.parse().unwrap();
            let r = respond(read_image(&roots, &requested_path(&uri)));
            assert_eq!(r.status(), StatusCode::FORBIDDEN, "{uri}");
        }
    }

    #[test]
    fn only_a_request_for_an_image_is_answered() {
        assert!(asked_as_image(None).is_ok());
        assert!(asked_as_image(Some("image")).is_ok());
        for dest in ["document", "iframe", "object", "embed", "script", "empty"] {
            let r = respond(asked_as_image(Some(dest)).map(|()| unreachable!()));
            assert_eq!(r.status(), StatusCode::FORBIDDEN, "{dest}");
        }
    }
}
