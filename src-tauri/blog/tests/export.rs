//! WordPress export files read and written into a blog folder.

use lectern_blog::sync::{self, Control, SourceSpec, SyncReport};
use lectern_blog::wxr::{self, ExportOptions};
use lectern_blog::BlogError;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// Adds (or syncs again) an export as the app does, without images.
fn import_export(
    export: &Path,
    root: &Path,
    name: &str,
    options: ExportOptions,
    known: HashMap<String, String>,
) -> lectern_blog::Result<SyncReport> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
        .unwrap();
    let spec = SourceSpec::Export {
        path: export.to_owned(),
        pages: options.pages,
    };
    let control = Control {
        skip_images: true,
        ..Control::default()
    };
    runtime.block_on(sync::add(spec, root, name, known, &control))
}

/// The crate's folder, as cargo names it when the test runs: a test binary built in another
/// checkout that shares the build cache must not look in that checkout.
fn manifest_dir() -> std::path::PathBuf {
    std::env::var_os("CARGO_MANIFEST_DIR")
        .map(Into::into)
        .unwrap_or_else(|| env!("CARGO_MANIFEST_DIR").into())
}

fn fixture(name: &str) -> PathBuf {
    manifest_dir()
        .join("../../tests/fixtures/wordpress")
        .join(name)
}

fn read(name: &str, pages: bool) -> Vec<lectern_blog::Post> {
    let mut posts = Vec::new();
    wxr::read(&fixture(name), ExportOptions { pages }, |p, _| {
        posts.push(p);
        Ok(())
    })
    .unwrap();
    posts
}

#[test]
fn published_posts_with_their_metadata() {
    let posts = read("export-1.2.xml", false);
    let ids: Vec<u64> = posts.iter().map(|p| p.site_id).collect();
    assert_eq!(
        ids,
        vec![101, 102, 103],
        "drafts, attachments and pages are left out"
    );
    let mopr = &posts[0];
    assert_eq!(
        mopr.title,
        "The International Red Aid, Part 3 of 9: MOPR\u{2019}s first years"
    );
    assert_eq!(mopr.authors, vec!["John Riddell"]);
    assert_eq!(mopr.categories, vec!["Auxiliaries series"]);
    assert_eq!(mopr.tags, vec!["MOPR"]);
    assert_eq!(mopr.published.unwrap().to_string(), "2021-05-23T10:15:00Z");
    assert_eq!(mopr.modified.unwrap().to_string(), "2021-05-24T07:00:00Z");
    assert!(
        mopr.content.contains("if a ]]> b"),
        "CDATA split across sections joins"
    );
    assert!(
        mopr.footnotes_meta
            .as_deref()
            .unwrap()
            .contains("Inprecorr"),
        "the post's meta, not the comment's"
    );
    assert_eq!(
        mopr.featured_image.as_deref(),
        Some("https://blog.example.org/wp-content/uploads/2021/05/delegates.jpg")
    );
    assert_eq!(posts[1].title, "Münzenberg & the “Red Trust”");
    assert_eq!(posts[1].authors, vec!["Märta Müller"]);
    assert_eq!(read("export-1.2.xml", true).len(), 4, "pages when asked");
}

#[test]
fn bad_files_are_named_with_line_and_column() {
    let err = |name: &str| {
        wxr::read(&fixture(name), ExportOptions::default(), |_, _| Ok(())).unwrap_err()
    };
    match err("malformed.xml") {
        BlogError::Export {
            path,
            line,
            message,
            ..
        } => {
            assert!(path.ends_with("malformed.xml"));
            assert_eq!(line, 6, "{message}");
        }
        other => panic!("{other}"),
    }
    let truncated = err("truncated.xml").to_string();
    assert!(truncated.contains("truncated"), "{truncated}");
    assert!(err("plain-rss.xml")
        .to_string()
        .contains("not a WordPress export"));
    let utf8 = err("invalid-utf8.xml").to_string();
    assert!(utf8.contains("invalid-utf8.xml:6:"), "{utf8}");
    let missing = err("no-such-file.xml").to_string();
    assert!(missing.contains("no-such-file.xml"), "{missing}");
}

#[test]
fn written_as_content_files_and_idempotent() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("blog");
    let known: HashMap<String, String> =
        [("john riddell".to_string(), "john-riddell".to_string())].into();
    let report = import_export(
        &fixture("export-1.2.xml"),
        &root,
        "labour",
        ExportOptions::default(),
        known.clone(),
    )
    .unwrap()
    .posts;
    assert_eq!(
        report.added,
        vec![
            "mopr-first-years",
            "munzenberg-red-trust",
            "zetkin-secretariat"
        ]
    );
    assert_eq!(
        report.unknown_shortcodes,
        vec![(
            "munzenberg-red-trust".to_string(),
            "contact-form-7".to_string()
        )]
    );
    let mopr = std::fs::read_to_string(root.join("articles/mopr-first-years.md")).unwrap();
    assert!(
        mopr.starts_with(
            "+++\ntitle = \"The International Red Aid, Part 3 of 9: MOPR\u{2019}s first years\"\n"
        ),
        "{mopr}"
    );
    assert!(
        mopr.contains("authors = [\"john-riddell\"]"),
        "a known person is linked: {mopr}"
    );
    assert!(mopr.contains("date = \"2021-05-23\""), "{mopr}");
    assert!(
        mopr.contains("url = \"https://blog.example.org/2021/05/23/mopr-first-years/\""),
        "{mopr}"
    );
    assert!(mopr.contains("post_id = 101"), "{mopr}");
    assert!(
        mopr.contains("series = { id = \"auxiliaries-series\", part = 3 }")
            || mopr.contains("[series]"),
        "{mopr}"
    );
    assert!(
        mopr.contains("[^1]: See *Inprecorr*, 1922, p. 3."),
        "{mopr}"
    );
    assert!(mopr.contains("founded in 1922.[^1]"), "{mopr}");
    let munz = std::fs::read_to_string(root.join("articles/munzenberg-red-trust.md")).unwrap();
    assert!(munz.contains("authors = [\"marta-muller\"]"), "{munz}");
    assert!(munz.contains("[^2]: Circulation figures vary."), "{munz}");
    let person = std::fs::read_to_string(root.join("people/marta-muller.md")).unwrap();
    assert_eq!(person, "+++\nname = \"Märta Müller\"\n+++\n");
    let series = std::fs::read_to_string(root.join("series/auxiliaries-series.md")).unwrap();
    assert!(series.contains("part = 3"), "{series}");

    // The same export again changes nothing.
    let again = import_export(
        &fixture("export-1.2.xml"),
        &root,
        "labour",
        ExportOptions::default(),
        known.clone(),
    )
    .unwrap()
    .posts;
    assert!(
        again.added.is_empty() && again.changed.is_empty(),
        "{again:?}"
    );
    assert_eq!(again.unchanged, 3);

    // A file the reader edited is kept; a newer upstream version waits beside it.
    let file = root.join("articles/zetkin-secretariat.md");
    std::fs::write(
        &file,
        std::fs::read_to_string(&file).unwrap() + "\nMy own addition.\n",
    )
    .unwrap();
    let newer = dir.path().join("newer.xml");
    let text = std::fs::read_to_string(fixture("export-1.2.xml"))
        .unwrap()
        .replace(
            "<wp:post_modified_gmt><![CDATA[2021-07-01 09:30:00]]></wp:post_modified_gmt>",
            "<wp:post_modified_gmt><![CDATA[2021-08-01 09:30:00]]></wp:post_modified_gmt>",
        )
        .replace(
            "Its bulletin appeared monthly.",
            "Its bulletin appeared each month.",
        );
    std::fs::write(&newer, &text).unwrap();
    let edited = import_export(
        &newer,
        &root,
        "labour",
        ExportOptions::default(),
        known.clone(),
    )
    .unwrap()
    .posts;
    assert_eq!(edited.conflicts, vec!["zetkin-secretariat"]);
    assert!(std::fs::read_to_string(&file)
        .unwrap()
        .contains("My own addition."));
    assert!(std::fs::read_to_string(file.with_extension("md.upstream"))
        .unwrap()
        .contains("each month"));

    // The older export afterwards replaces nothing.
    let older = import_export(
        &fixture("export-1.2.xml"),
        &root,
        "labour",
        ExportOptions::default(),
        known,
    )
    .unwrap()
    .posts;
    assert_eq!(older.older, 1);
    assert!(older.changed.is_empty() && older.conflicts.is_empty());
}

#[test]
fn cancelled_work_keeps_whole_articles_and_resumes() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("blog");
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
        .unwrap();
    let spec = SourceSpec::Export {
        path: fixture("export-1.2.xml"),
        pages: false,
    };
    let cancel = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let flag = cancel.clone();
    let control = Control {
        cancel,
        skip_images: true,
        progress: Some(std::sync::Arc::new(move |p: &sync::Progress| {
            assert_eq!(
                p.posts_total,
                Some(3),
                "an export's posts are counted before they are read"
            );
            if p.posts == 1 {
                flag.store(true, std::sync::atomic::Ordering::Relaxed);
            }
        })),
    };
    let stopped = runtime.block_on(sync::add(
        spec.clone(),
        &root,
        "labour",
        HashMap::new(),
        &control,
    ));
    assert!(matches!(stopped, Err(BlogError::Cancelled)), "{stopped:?}");
    let written: Vec<_> = std::fs::read_dir(root.join("articles"))
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.file_name())
        .collect();
    assert_eq!(
        written.len(),
        1,
        "one whole article, no half-written file: {written:?}"
    );
    let resumed = runtime
        .block_on(sync::add(
            spec,
            &root,
            "labour",
            HashMap::new(),
            &Control {
                skip_images: true,
                ..Control::default()
            },
        ))
        .unwrap();
    assert_eq!(resumed.posts.added.len(), 2);
    assert_eq!(resumed.posts.unchanged, 1);
}

#[test]
fn a_post_missing_from_a_newer_export_is_kept_and_marked_removed() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("blog");
    let export = dir.path().join("export.xml");
    std::fs::copy(fixture("export-1.2.xml"), &export).unwrap();
    import_export(
        &export,
        &root,
        "labour",
        ExportOptions::default(),
        HashMap::new(),
    )
    .unwrap();
    // The next export: the Zetkin post deleted, another one edited later.
    let text = std::fs::read_to_string(&export).unwrap();
    let start = text.find("<title><![CDATA[Clara Zetkin").unwrap();
    let item_start = text[..start].rfind("<item>").unwrap();
    let item_end = text[start..].find("</item>").unwrap() + start + "</item>".len();
    let newer = format!("{}{}", &text[..item_start], &text[item_end..]).replace(
        "<wp:post_modified_gmt><![CDATA[2021-06-02 08:00:00]]></wp:post_modified_gmt>",
        "<wp:post_modified_gmt><![CDATA[2022-01-01 08:00:00]]></wp:post_modified_gmt>",
    );
    std::fs::write(&export, newer).unwrap();
    let synced = import_export(
        &export,
        &root,
        "labour",
        ExportOptions::default(),
        HashMap::new(),
    )
    .unwrap()
    .posts;
    assert_eq!(synced.removed, vec!["zetkin-secretariat"]);
    let kept = std::fs::read_to_string(root.join("articles/zetkin-secretariat.md")).unwrap();
    assert!(
        kept.contains("removed = true") && kept.contains("Its bulletin appeared monthly."),
        "{kept}"
    );
}
