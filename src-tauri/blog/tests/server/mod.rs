//! A real HTTP server on 127.0.0.1 for the tests: each test gives it a handler; it can also
//! answer slowly, endlessly or with redirects, as broken and hostile sites do.

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::Duration;

/// A request as the server saw it.
#[derive(Debug, Clone)]
pub struct Request {
    pub path: String,
    pub query: HashMap<String, String>,
    pub headers: HashMap<String, String>,
}

pub enum Response {
    Ok {
        status: u16,
        headers: Vec<(String, String)>,
        body: Vec<u8>,
    },
    /// Headers at once, then the body a byte a second.
    Slow,
    /// A body that never ends.
    Endless,
}

impl Response {
    pub fn json(body: &str, headers: &[(&str, &str)]) -> Self {
        let mut h: Vec<(String, String)> = headers
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        h.push((
            "Content-Type".into(),
            "application/json; charset=UTF-8".into(),
        ));
        Response::Ok {
            status: 200,
            headers: h,
            body: body.as_bytes().to_vec(),
        }
    }

    pub fn status(status: u16, headers: &[(&str, &str)], body: &[u8]) -> Self {
        Response::Ok {
            status,
            headers: headers
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
            body: body.to_vec(),
        }
    }
}

type Handler = Arc<dyn Fn(&Request) -> Response + Send + Sync>;

pub struct Server {
    pub base: String,
    pub requests: Arc<Mutex<Vec<Request>>>,
    stop: Arc<AtomicBool>,
    thread: Option<JoinHandle<()>>,
}

impl Server {
    pub fn start(handler: impl Fn(&Request) -> Response + Send + Sync + 'static) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        listener.set_nonblocking(true).unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        let stop = Arc::new(AtomicBool::new(false));
        let requests = Arc::new(Mutex::new(Vec::new()));
        let handler: Handler = Arc::new(handler);
        let (stop2, requests2) = (stop.clone(), requests.clone());
        let thread = std::thread::spawn(move || {
            while !stop2.load(Ordering::Relaxed) {
                match listener.accept() {
                    Ok((stream, _)) => {
                        let (handler, requests, stop) =
                            (handler.clone(), requests2.clone(), stop2.clone());
                        std::thread::spawn(move || serve(stream, &handler, &requests, &stop));
                    }
                    Err(_) => std::thread::sleep(Duration::from_millis(5)),
                }
            }
        });
        Server {
            base,
            requests,
            stop,
            thread: Some(thread),
        }
    }

    pub fn seen(&self) -> Vec<Request> {
        self.requests.lock().unwrap().clone()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

fn decode(s: &str) -> String {
    percent_encoding::percent_decode_str(&s.replace('+', " "))
        .decode_utf8_lossy()
        .into_owned()
}

fn serve(stream: TcpStream, handler: &Handler, requests: &Mutex<Vec<Request>>, stop: &AtomicBool) {
    stream.set_nonblocking(false).unwrap();
    let mut reader = BufReader::new(stream.try_clone().unwrap());
    let mut line = String::new();
    if reader.read_line(&mut line).is_err() {
        return;
    }
    let target = line.split_whitespace().nth(1).unwrap_or("/").to_string();
    let mut headers = HashMap::new();
    loop {
        let mut h = String::new();
        if reader.read_line(&mut h).unwrap_or(0) == 0 || h == "\r\n" {
            break;
        }
        if let Some((k, v)) = h.split_once(':') {
            headers.insert(k.trim().to_lowercase(), v.trim().to_string());
        }
    }
    let (path, query) = target.split_once('?').unwrap_or((&target, ""));
    let query = query
        .split('&')
        .filter_map(|p| p.split_once('='))
        .map(|(k, v)| (decode(k), decode(v)))
        .collect();
    let request = Request {
        path: path.to_string(),
        query,
        headers,
    };
    requests.lock().unwrap().push(request.clone());
    let mut out = stream;
    match handler(&request) {
        Response::Ok {
            status,
            headers,
            body,
        } => {
            let mut head = format!(
                "HTTP/1.1 {status} X\r\nContent-Length: {}\r\nConnection: close\r\n",
                body.len()
            );
            for (k, v) in headers {
                head.push_str(&format!("{k}: {v}\r\n"));
            }
            head.push_str("\r\n");
            let _ = out.write_all(head.as_bytes());
            let _ = out.write_all(&body);
        }
        Response::Slow => {
            let _ = out.write_all(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100000\r\nConnection: close\r\n\r\n");
            while !stop.load(Ordering::Relaxed) && out.write_all(b" ").is_ok() {
                std::thread::sleep(Duration::from_millis(500));
            }
        }
        Response::Endless => {
            let _ = out.write_all(
                b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nConnection: close\r\n\r\n[",
            );
            let chunk = vec![b' '; 1 << 16];
            while !stop.load(Ordering::Relaxed) && out.write_all(&chunk).is_ok() {}
        }
    }
    let _ = out.flush();
}

/// A post of the fake WordPress site, which a test can change between syncs.
pub struct FakePost {
    pub id: u64,
    pub title: String,
    pub body: String,
    /// `modified_gmt`, as the REST API writes it.
    pub modified: String,
}

/// A WordPress site over `posts`: its REST API (`/wp-json/wp/v2/posts` in pages of 100,
/// `modified_after`, `_fields=id`, `_embed`ded author and terms) and its uploads (an image for
/// every `/wp-content/uploads/` name, but 404 for those named `missing` while
/// `missing_fails`).
pub fn wordpress(
    posts: Arc<Mutex<Vec<FakePost>>>,
    missing_fails: Arc<AtomicBool>,
) -> impl Fn(&Request) -> Response + Send + Sync + 'static {
    move |r: &Request| {
        if r.path.starts_with("/wp-content/uploads/") {
            if r.path.contains("missing") && missing_fails.load(Ordering::Relaxed) {
                return Response::status(404, &[], b"gone");
            }
            return Response::status(
                200,
                &[("Content-Type", "image/png")],
                b"\x89PNG\r\n\x1a\nfake image bytes",
            );
        }
        let plain = r.path == "/"
            && r.query
                .get("rest_route")
                .is_some_and(|p| p == "/wp/v2/posts");
        if r.path != "/wp-json/wp/v2/posts" && !plain {
            return Response::status(404, &[], b"");
        }
        let base = format!(
            "http://{}",
            r.headers.get("host").cloned().unwrap_or_default()
        );
        let posts = posts.lock().unwrap();
        let after = r.query.get("modified_after").cloned();
        let include: Option<Vec<u64>> = r
            .query
            .get("include")
            .map(|i| i.split(',').filter_map(|n| n.parse().ok()).collect());
        let list: Vec<&FakePost> = posts
            .iter()
            .filter(|p| after.as_ref().is_none_or(|a| p.modified > *a))
            .filter(|p| include.as_ref().is_none_or(|ids| ids.contains(&p.id)))
            .collect();
        let page: usize = r
            .query
            .get("page")
            .and_then(|p| p.parse().ok())
            .unwrap_or(1);
        let pages = list.len().div_ceil(100).max(1);
        let slice = list.iter().skip((page - 1) * 100).take(100);
        let items: Vec<serde_json::Value> = if r.query.get("_fields").is_some_and(|f| f == "id") {
            slice.map(|p| serde_json::json!({"id": p.id})).collect()
        } else {
            slice
                .map(|p| {
                    serde_json::json!({
                        "id": p.id, "date_gmt": "2021-12-01T10:00:00", "modified_gmt": p.modified,
                        "slug": format!("essay-{}", p.id), "status": "publish", "type": "post",
                        "link": format!("{base}/essay-{}/", p.id),
                        "title": {"rendered": p.title}, "content": {"rendered": p.body},
                        "excerpt": {"rendered": "<p>An essay&hellip;</p>"},
                        "_embedded": {"author": [{"name": "Elena Stasova"}],
                            "wp:term": [[{"taxonomy": "category", "name": "Profintern"}], [{"taxonomy": "post_tag", "name": "unions"}]]}
                    })
                })
                .collect()
        };
        Response::json(
            &serde_json::to_string(&items).unwrap(),
            &[
                ("X-WP-Total", &list.len().to_string()),
                ("X-WP-TotalPages", &pages.to_string()),
            ],
        )
    }
}
