//! The `lectern-media://` protocol: images stored beside the content, served offline.

use crate::desk::Desk;
use tauri::http::{Request, Response, StatusCode};
use tauri::{Manager, Runtime, UriSchemeContext, UriSchemeResponder};

pub fn serve<R: Runtime>(
    ctx: UriSchemeContext<'_, R>,
    request: Request<Vec<u8>>,
    responder: UriSchemeResponder,
) {
    let desk = ctx.app_handle().state::<Desk>();
    let path = request.uri().path().trim_start_matches('/');
    let relative = percent_encoding::percent_decode_str(path).decode_utf8_lossy();
    let file = desk.library().and_then(|lib| lib.media_file(&relative));
    let response = match file.and_then(|(path, mime)| Ok((std::fs::read(path)?, mime))) {
        Ok((bytes, mime)) => Response::builder().header("Content-Type", mime).body(bytes),
        Err(e) => Response::builder()
            .status(StatusCode::NOT_FOUND)
            .body(e.message.into_bytes()),
    };
    responder.respond(response.expect("a response from valid parts"));
}
