//! A live site through the REST API and a feed, served by a real HTTP server on 127.0.0.1:
//! adding, syncing what changed, offline, and servers that misbehave.

mod server;

use lectern_blog::fetch::{Fetcher, Limits};
use lectern_blog::sync::{self, Control, SourceSpec};
use lectern_blog::BlogError;
use server::{Request, Response, Server};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

#[derive(Clone)]
struct FakePost {
    id: u64,
    title: String,
    body: String,
    modified: String,
}

fn fake_posts(n: u64) -> Vec<FakePost> {
    (1..=n)
        .map(|id| FakePost {
            id,
            title: format!("Essay number {id} on the Profintern"),
            body: format!("<p>Paragraph of essay {id}.<sup><a href=\"#fn1\" id=\"r1\">1</a></sup></p><figure><img src=\"/wp-content/uploads/p{}.png\" alt=\"Plate {id}\"><figcaption>Plate {id}</figcaption></figure><ol><li id=\"fn1\">Note of essay {id}. <a href=\"#r1\">↩</a></li></ol>", id % 3),
            modified: "2022-01-01T00:00:00".into(),
        })
        .collect()
}

fn rest_json(p: &FakePost, base: &str) -> serde_json::Value {
    serde_json::json!({
        "id": p.id, "date_gmt": "2021-12-01T10:00:00", "modified_gmt": p.modified, "slug": format!("essay-{}", p.id),
        "status": "publish", "type": "post", "link": format!("{base}/essay-{}/", p.id),
        "title": {"rendered": p.title}, "content": {"rendered": p.body}, "excerpt": {"rendered": "<p>An essay&hellip;</p>"},
        "_embedded": {"author": [{"name": "Elena Stasova"}], "wp:term": [[{"taxonomy": "category", "name": "Profintern"}], [{"taxonomy": "post_tag", "name": "unions"}]]}
    })
}

fn site(posts: Arc<Mutex<Vec<FakePost>>>) -> impl Fn(&Request) -> Response + Send + Sync + 'static {
    move |r: &Request| {
        let base = format!(
            "http://{}",
            r.headers.get("host").cloned().unwrap_or_default()
        );
        if r.path.starts_with("/wp-content/uploads/p") {
            if r.path.ends_with("p2.png") {
                return Response::status(404, &[], b"gone");
            }
            return Response::status(
                200,
                &[("Content-Type", "image/png")],
                b"\x89PNG\r\n\x1a\nfake image bytes",
            );
        }
        if r.path != "/wp-json/wp/v2/posts" {
            return Response::status(404, &[], b"");
        }
        let posts = posts.lock().unwrap();
        let after = r.query.get("modified_after").cloned();
        let list: Vec<&FakePost> = posts
            .iter()
            .filter(|p| after.as_ref().is_none_or(|a| p.modified > *a))
            .collect();
        let page: usize = r
            .query
            .get("page")
            .and_then(|p| p.parse().ok())
            .unwrap_or(1);
        let pages = list.len().div_ceil(100).max(1);
        let slice: Vec<&FakePost> = list
            .iter()
            .skip((page - 1) * 100)
            .take(100)
            .copied()
            .collect();
        let body = if r.query.get("_fields").is_some_and(|f| f == "id") {
            serde_json::to_string(
                &slice
                    .iter()
                    .map(|p| serde_json::json!({"id": p.id}))
                    .collect::<Vec<_>>(),
            )
            .unwrap()
        } else {
            serde_json::to_string(
                &slice
                    .iter()
                    .map(|p| rest_json(p, &base))
                    .collect::<Vec<_>>(),
            )
            .unwrap()
        };
        Response::json(
            &body,
            &[
                ("X-WP-Total", &list.len().to_string()),
                ("X-WP-TotalPages", &pages.to_string()),
            ],
        )
    }
}

fn known() -> HashMap<String, String> {
    HashMap::new()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn rest_add_then_sync_only_what_changed() {
    let posts = Arc::new(Mutex::new(fake_posts(150)));
    let server = Server::start(site(posts.clone()));
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("blog");
    let seen = Arc::new(Mutex::new(0u64));
    let seen2 = seen.clone();
    let control = Control {
        progress: Some(Arc::new(move |p| *seen2.lock().unwrap() = p.posts)),
        ..Control::default()
    };
    let report = sync::add(
        SourceSpec::Rest {
            url: server.base.clone(),
        },
        &root,
        "fake",
        known(),
        &control,
    )
    .await
    .unwrap();
    assert_eq!(report.posts.added.len(), 150);
    assert_eq!(*seen.lock().unwrap(), 150, "progress reached every post");
    assert_eq!(report.images_stored, 2, "p0 and p1 stored once each");
    assert_eq!(report.images_failed.len(), 1, "{:?}", report.images_failed);
    assert!(report.images_failed[0]
        .0
        .ends_with("/wp-content/uploads/p2.png"));
    let one = std::fs::read_to_string(root.join("articles/essay-1.md")).unwrap();
    assert!(
        one.contains("![Plate 1](images/essay-1/p1.png \"Plate 1\")"),
        "{one}"
    );
    assert!(root.join("articles/images/essay-1/p1.png").is_file());
    let two = std::fs::read_to_string(root.join("articles/essay-2.md")).unwrap();
    assert!(
        two.contains("*[Plate 2](http://127.0.0.1:"),
        "a failed image is its alt text, linked: {two}"
    );
    assert!(one.contains("[^1]: Note of essay 1."), "{one}");
    assert!(
        std::fs::read_to_string(root.join("people/elena-stasova.md"))
            .unwrap()
            .contains("Elena Stasova")
    );
    let requests = server.seen();
    assert!(requests.iter().all(|r| r
        .headers
        .get("user-agent")
        .is_some_and(|u| u.starts_with("Lectern/"))));

    // Nothing changed: nothing written.
    let again = sync::sync(&root, known(), &Control::default())
        .await
        .unwrap();
    assert!(
        again.posts.added.is_empty() && again.posts.changed.is_empty(),
        "{:?}",
        again.posts
    );
    assert!(
        server
            .seen()
            .iter()
            .any(|r| r.query.contains_key("modified_after")),
        "only changes are asked for"
    );

    // One changed, one new, one deleted on the site.
    {
        let mut p = posts.lock().unwrap();
        p[4].body = "<p>Paragraph of essay 5, corrected.</p>".into();
        p[4].modified = "2030-01-01T00:00:00".into();
        p.remove(9);
        p.push(FakePost {
            id: 500,
            title: "A new essay".into(),
            body: "<p>New.</p>".into(),
            modified: "2030-01-01T00:00:00".into(),
        });
    }
    let changed = sync::sync(&root, known(), &Control::default())
        .await
        .unwrap();
    assert_eq!(changed.posts.changed, vec!["essay-5"]);
    assert_eq!(changed.posts.added, vec!["essay-500"]);
    assert_eq!(changed.posts.removed, vec!["essay-10"]);
    let ten = std::fs::read_to_string(root.join("articles/essay-10.md")).unwrap();
    assert!(
        ten.contains("removed = true"),
        "a deleted post stays, marked: {ten}"
    );

    // Offline: said quietly, nothing changed.
    drop(server);
    let offline = sync::sync(&root, known(), &Control::default())
        .await
        .unwrap();
    assert!(offline.offline);
    assert!(offline.posts.added.is_empty() && offline.posts.changed.is_empty());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn feed_polled_with_validators() {
    let rss = r##"<?xml version="1.0"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>Labour &amp; history</title><link>https://blog.example.org</link>
<item><title>On the Sportintern</title><link>https://blog.example.org/2022/03/sportintern/</link><pubDate>Tue, 01 Mar 2022 09:00:00 +0000</pubDate><dc:creator>Clara Zetkin</dc:creator><category>Sport</category><description>Short.</description><content:encoded><![CDATA[<p>The Red Sport International was founded in 1921.<sup><a href="#n1" id="b1">1</a></sup></p><p id="n1">1. Founding congress report. <a href="#b1">↩</a></p>]]></content:encoded></item>
</channel></rss>"##;
    let server = Server::start(move |r| {
        if r.headers
            .get("if-none-match")
            .is_some_and(|e| e == "\"v1\"")
        {
            return Response::status(304, &[], b"");
        }
        Response::status(
            200,
            &[("Content-Type", "application/rss+xml"), ("ETag", "\"v1\"")],
            rss.as_bytes(),
        )
    });
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("feed");
    let url = format!("{}/feed/", server.base);
    let report = sync::add(
        SourceSpec::Feed { url },
        &root,
        "feed",
        known(),
        &Control::default(),
    )
    .await
    .unwrap();
    assert_eq!(report.posts.added, vec!["sportintern"]);
    let text = std::fs::read_to_string(root.join("articles/sportintern.md")).unwrap();
    assert!(
        text.contains("founded in 1921.[^1]") && text.contains("[^1]: Founding congress report."),
        "{text}"
    );
    let again = sync::sync(&root, known(), &Control::default())
        .await
        .unwrap();
    assert!(
        again.not_modified,
        "the ETag was sent back and 304 honoured"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn misbehaving_servers_are_named_and_bounded() {
    let server = Server::start(|r| match r.path.as_str() {
        "/slow" => Response::Slow,
        "/endless" => Response::Endless,
        "/loop" => Response::status(302, &[("Location", "/loop")], b""),
        "/html" => Response::status(200, &[("Content-Type", "text/html")], b"<html></html>"),
        "/error" => Response::status(500, &[], b"oops"),
        "/badjson" => Response::json("[{\"id\": 1,\n \"title\": }]", &[]),
        _ => Response::status(404, &[], b""),
    });
    let fetcher = Fetcher::new(Limits {
        total: Duration::from_secs(2),
        max_page: 1 << 20,
        ..Limits::default()
    })
    .unwrap();
    let url = |p: &str| format!("{}{p}", server.base);
    let message = |r: Result<lectern_blog::fetch::Answer, BlogError>| match r {
        Err(e) => e.to_string(),
        Ok(_) => "no error".into(),
    };
    let slow = message(fetcher.get(&url("/slow"), 1 << 20).await);
    assert!(
        slow.contains("/slow") && slow.contains("too long"),
        "{slow}"
    );
    let endless = message(fetcher.get(&url("/endless"), 1 << 20).await);
    assert!(
        endless.contains("/endless") && endless.contains("larger than 1 MiB"),
        "{endless}"
    );
    let looped = message(fetcher.get(&url("/loop"), 1 << 20).await);
    assert!(looped.contains("redirect"), "{looped}");
    let error = message(fetcher.get(&url("/error"), 1 << 20).await);
    assert!(error.contains("500"), "{error}");
    let html = fetcher
        .get(&url("/html"), 1 << 20)
        .await
        .unwrap()
        .json::<serde_json::Value>()
        .unwrap_err()
        .to_string();
    assert!(html.contains("expected JSON, got text/html"), "{html}");
    let bad = fetcher
        .get(&url("/badjson"), 1 << 20)
        .await
        .unwrap()
        .json::<serde_json::Value>()
        .unwrap_err()
        .to_string();
    assert!(bad.contains("/badjson") && bad.contains("line 2"), "{bad}");
    // A site that is not there at all, while adding: an error naming it.
    let dir = tempfile::tempdir().unwrap();
    let err = sync::add(
        SourceSpec::Rest {
            url: "http://127.0.0.1:9".into(),
        },
        &dir.path().join("x"),
        "x",
        known(),
        &Control::default(),
    )
    .await
    .unwrap_err();
    assert!(matches!(err, BlogError::Offline { .. }), "{err}");
}
