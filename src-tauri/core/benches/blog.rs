//! A blog brought into the library, end to end, without image downloads:
//!
//! 1. a generated WordPress export of 5,000 posts (about 200 MB of post HTML with footnotes)
//!    added as the app adds it: streamed, converted, written as content files, imported into
//!    library.sqlite with names and citations linked and the search index built; MB/s of post
//!    HTML and peak memory (VmHWM) are printed;
//! 2. a 5,000-post site served by a real HTTP server on 127.0.0.1 (the REST API), added, then
//!    10 posts changed and synced: the sync's time is printed.
//!
//!     cargo bench -p lectern-core --bench blog [-- --posts N] [--only export|sync]

#[path = "../../blog/tests/server/mod.rs"]
#[allow(dead_code)]
mod server;

use lectern_core::{BlogControl, BlogSource, Library};
use server::{wordpress, FakePost, Server};
use std::sync::{Arc, Mutex};
use std::time::Instant;

/// The resident memory now, split into anonymous (the process's own) and file-backed (mapped
/// files: the search index's segments, which the system can drop) MiB.
fn rss_now() -> String {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let field = |name: &str| {
        status
            .lines()
            .find(|l| l.starts_with(name))
            .and_then(|l| l.split_whitespace().nth(1))
            .and_then(|kb| kb.parse::<f64>().ok())
            .map_or(0.0, |kb| kb / 1024.0)
    };
    format!(
        "{:.0} MiB anonymous, {:.0} MiB of mapped files",
        field("RssAnon:"),
        field("RssFile:")
    )
}

fn peak_rss_mib() -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .unwrap_or_default()
        .lines()
        .find(|l| l.starts_with("VmHWM:"))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|kb| kb.parse::<f64>().ok())
        .map_or(0.0, |kb| kb / 1024.0)
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap()
}

fn export(posts: u64) {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("export.xml");
    let html = lectern_blog::sample::write_export(&file, posts, 40_000);
    let size = std::fs::metadata(&file).unwrap().len();
    println!(
        "export: {posts} posts, {:.1} MB of post HTML, file {:.1} MB",
        html as f64 / 1e6,
        size as f64 / 1e6
    );
    let empty = dir.path().join("no-starter");
    std::fs::create_dir_all(&empty).unwrap();
    let lib = Library::open(&dir.path().join("data"), &empty).unwrap();
    lib.import().unwrap();
    // The progress reports tell when the last post was written: the rest is the library's
    // import of the blog's folder.
    let written: Arc<Mutex<(Instant, f64)>> = Arc::new(Mutex::new((Instant::now(), 0.0)));
    let mark = written.clone();
    let control = BlogControl {
        skip_images: true,
        progress: Some(Arc::new(move |p: &lectern_core::BlogProgress| {
            if p.posts_total == Some(p.posts) {
                *mark.lock().unwrap() = (Instant::now(), peak_rss_mib());
            }
        })),
        ..BlogControl::default()
    };
    let source = BlogSource::Export {
        path: file.display().to_string(),
        pages: false,
    };
    let started = Instant::now();
    let report = runtime()
        .block_on(lib.add_blog(source, Some("bench"), &control))
        .unwrap();
    let secs = started.elapsed().as_secs_f64();
    assert_eq!(report.added.len() as u64, posts);
    let (at, write_peak) = *written.lock().unwrap();
    let write_secs = at.duration_since(started).as_secs_f64();
    println!(
        "export added end to end: {secs:.2} s, {:.1} MB/s of post HTML, peak memory {:.0} MiB \
         (written to the blog's folder in {write_secs:.2} s with a peak of {write_peak:.0} MiB; \
         the library's import {:.2} s)",
        html as f64 / 1e6 / secs,
        peak_rss_mib(),
        secs - write_secs
    );
    println!("resident after: {}", rss_now());
}

fn sync(posts_count: u64) {
    let posts: Vec<FakePost> = (1..=posts_count)
        .map(|id| FakePost {
            id,
            title: format!("Post {id}"),
            body: lectern_blog::sample::post_body(id, 4_000).0,
            modified: "2022-01-01T10:00:00".into(),
        })
        .collect();
    let posts = Arc::new(Mutex::new(posts));
    let server = Server::start(wordpress(posts.clone(), Default::default()));
    let dir = tempfile::tempdir().unwrap();
    let empty = dir.path().join("no-starter");
    std::fs::create_dir_all(&empty).unwrap();
    let lib = Library::open(&dir.path().join("data"), &empty).unwrap();
    lib.import().unwrap();
    let rt = runtime();
    let started = Instant::now();
    let added = rt
        .block_on(lib.add_blog(
            BlogSource::Site {
                url: server.base.clone(),
            },
            Some("site"),
            &BlogControl::default(),
        ))
        .unwrap();
    println!(
        "site: {} posts added in {:.2} s",
        added.added.len(),
        started.elapsed().as_secs_f64()
    );
    {
        let mut p = posts.lock().unwrap();
        for post in p.iter_mut().step_by(posts_count as usize / 10).take(10) {
            post.body.push_str("<p>A correction.</p>");
            post.modified = "2030-01-01T00:00:00".into();
        }
    }
    let mut times = Vec::new();
    for round in 0..3 {
        let started = Instant::now();
        let reports = rt
            .block_on(lib.sync_blogs(Some("site"), &BlogControl::default()))
            .unwrap();
        times.push(started.elapsed().as_secs_f64());
        if round == 0 {
            assert_eq!(reports[0].changed.len(), 10);
        }
    }
    println!("site sync, 10 of {posts_count} posts changed: {:.2} s (then nothing changed: {:.2} s, {:.2} s)", times[0], times[1], times[2]);
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let posts: u64 = args
        .iter()
        .position(|a| a == "--posts")
        .and_then(|i| args.get(i + 1))
        .and_then(|p| p.parse().ok())
        .unwrap_or(5_000);
    let only = args
        .iter()
        .position(|a| a == "--only")
        .and_then(|i| args.get(i + 1))
        .cloned();
    if only.as_deref() != Some("sync") {
        export(posts);
    }
    if only.as_deref() != Some("export") {
        sync(posts);
    }
}
