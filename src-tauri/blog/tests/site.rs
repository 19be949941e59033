//! A live site through the REST API and a feed, served by a real HTTP server on 127.0.0.1:
//! adding, syncing what changed, offline, and servers that misbehave.

mod server;

use lectern_blog::fetch::{Fetcher, Limits};
use lectern_blog::sync::{self, Control, SourceSpec};
use lectern_blog::BlogError;
use server::{wordpress, FakePost, Response, Server};
use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

fn fake_posts(n: u64) -> Vec<FakePost> {
    let image = |id: u64| ["p0", "p1", "missing"][(id % 3) as usize];
    (1..=n)
        .map(|id| FakePost {
            id,
            title: format!("Essay number {id} on the Profintern"),
            body: format!(
                "<p>Paragraph of essay {id}.<sup><a href=\"#fn1\" id=\"r1\">1</a></sup></p><figure><img src=\"/wp-content/uploads/{}.png\" alt=\"Plate {id}\"><figcaption>Plate {id}</figcaption></figure><ol><li id=\"fn1\">Note of essay {id}. <a href=\"#r1\">↩</a></li></ol>",
                image(id)
            ),
            modified: "2022-01-01T00:00:00".into(),
        })
        .collect()
}

fn known() -> HashMap<String, String> {
    HashMap::new()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn rest_add_then_sync_only_what_changed() {
    let posts = Arc::new(Mutex::new(fake_posts(150)));
    let server = Server::start(wordpress(posts.clone(), Arc::new(AtomicBool::new(true))));
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
        .ends_with("/wp-content/uploads/missing.png"));
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

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn failed_images_are_tried_again_at_the_next_sync() {
    let posts = Arc::new(Mutex::new(fake_posts(3)));
    let fails = Arc::new(AtomicBool::new(true));
    let server = Server::start(wordpress(posts.clone(), fails.clone()));
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("blog");
    let added = sync::add(
        SourceSpec::Rest {
            url: server.base.clone(),
        },
        &root,
        "fake",
        known(),
        &Control::default(),
    )
    .await
    .unwrap();
    assert_eq!(added.images_failed.len(), 1);
    let before = std::fs::read_to_string(root.join("articles/essay-2.md")).unwrap();
    assert!(before.contains("*[Plate 2](http://"), "{before}");
    fails.store(false, Ordering::Relaxed);
    let again = sync::sync(&root, known(), &Control::default())
        .await
        .unwrap();
    assert_eq!(again.images_stored, 1);
    assert_eq!(
        again.posts.changed,
        vec!["essay-2"],
        "the post is written again to show its image"
    );
    let after = std::fs::read_to_string(root.join("articles/essay-2.md")).unwrap();
    assert!(
        after.contains("![Plate 2](images/essay-2/missing.png \"Plate 2\")"),
        "{after}"
    );
    assert!(
        server
            .seen()
            .iter()
            .any(|r| r.query.get("include").is_some_and(|i| i == "2")),
        "the unchanged post was asked for by id"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_site_without_pretty_permalinks_is_read_through_rest_route() {
    let posts = Arc::new(Mutex::new(fake_posts(2)));
    let site = wordpress(posts, Arc::new(AtomicBool::new(false)));
    // This site has no /wp-json/: only ?rest_route= answers.
    let server = Server::start(move |r| {
        if r.path.starts_with("/wp-json/") {
            return Response::status(404, &[], b"not found");
        }
        site(r)
    });
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("blog");
    let report = sync::add(
        SourceSpec::Rest {
            url: server.base.clone(),
        },
        &root,
        "plain",
        known(),
        &Control::default(),
    )
    .await
    .unwrap();
    assert_eq!(report.posts.added.len(), 2);
    let again = sync::sync(&root, known(), &Control::default())
        .await
        .unwrap();
    assert_eq!(
        again.posts.unchanged, 0,
        "nothing changed, so nothing was listed"
    );
    assert!(
        server
            .seen()
            .iter()
            .filter(|r| r.path.starts_with("/wp-json/"))
            .count()
            == 1,
        "the fallback is remembered"
    );
}
