//! Blogs beside the starter library: an export added and read by the one import, its notes
//! kept across a newer export, ids two folders share reported, the starter hidden and shown,
//! a blog removed.

use crate::harness::{fixture, Workspace};
use lectern_core::notes::anchor::Quote;
use lectern_core::notes::{Filter, NewAnnotation};
use lectern_core::{BlogControl, BlogSettings, BlogSource, Library};
use std::path::Path;

fn no_images() -> BlogControl {
    // The fixtures' images live on a site the tests must not contact.
    BlogControl {
        skip_images: true,
        ..BlogControl::default()
    }
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap()
}

fn add(lib: &Library, export: &Path) -> lectern_core::BlogReport {
    let source = BlogSource::Export {
        path: export.display().to_string(),
        pages: false,
    };
    runtime()
        .block_on(lib.add_blog(source, Some("labour"), &no_images()))
        .unwrap()
}

fn note(lib: &Library, article: &str, quote: &str) {
    lib.add_note_by_quote(NewAnnotation {
        article: article.into(),
        quote: Quote {
            exact: quote.into(),
            ..Quote::default()
        },
        note: "a reader's note".into(),
        tags: vec![],
        color: None,
    })
    .unwrap();
}

#[test]
fn an_export_becomes_articles_and_its_notes_survive_a_newer_one() {
    let ws = Workspace::new("library");
    let lib = ws.open();
    lib.import().unwrap();
    let export = ws.dir.path().join("export.xml");
    std::fs::copy(fixture("wordpress/export-1.2.xml"), &export).unwrap();
    let report = add(&lib, &export);
    assert_eq!(
        report.added,
        vec![
            "mopr-first-years",
            "munzenberg-red-trust",
            "zetkin-secretariat"
        ]
    );
    let articles = lib.list_articles().unwrap();
    let zetkin = articles
        .iter()
        .find(|a| a.slug == "zetkin-secretariat")
        .expect("imported");
    assert_eq!(zetkin.title, "Clara Zetkin and the women's secretariat");
    assert_eq!(zetkin.blog.as_deref(), Some("labour"));
    assert_eq!(
        zetkin.url.as_deref(),
        Some("https://blog.example.org/2021/07/01/zetkin-secretariat/")
    );
    assert!(
        articles
            .iter()
            .any(|a| a.slug == "alpha" && a.blog.is_none()),
        "the starter library stays"
    );
    let article = lib.get_article("munzenberg-red-trust").unwrap();
    assert_eq!(article.footnotes.len(), 2, "real footnotes");
    assert_eq!(lib.list_blogs().unwrap()[0].articles, 3);

    note(&lib, "zetkin-secretariat", "Its bulletin appeared monthly.");
    note(&lib, "zetkin-secretariat", "Zetkin chaired the secretariat");
    // The blog corrects the post; the sync re-reads the export and places the notes anew.
    let newer = std::fs::read_to_string(&export)
        .unwrap()
        .replace(
            "<wp:post_modified_gmt><![CDATA[2021-07-01 09:30:00]]></wp:post_modified_gmt>",
            "<wp:post_modified_gmt><![CDATA[2021-09-01 09:30:00]]></wp:post_modified_gmt>",
        )
        .replace(
            "Zetkin chaired the secretariat from 1921.",
            "From 1921 on, Zetkin chaired the secretariat.",
        )
        .replace(
            "Its bulletin appeared monthly.",
            "Its bulletin appeared every month.",
        );
    std::fs::write(&export, newer).unwrap();
    let synced = runtime()
        .block_on(lib.sync_blogs(Some("labour"), &no_images()))
        .unwrap();
    assert_eq!(synced[0].changed, vec!["zetkin-secretariat"]);
    let placed = &synced[0].notes;
    assert_eq!(placed.len(), 1, "{placed:?}");
    assert_eq!(
        placed[0].moved + placed[0].fuzzy,
        2,
        "both notes still placed: {placed:?}"
    );
    let notes = lib
        .notes()
        .list_notes(&Filter {
            article: Some("zetkin-secretariat".into()),
            ..Filter::default()
        })
        .unwrap();
    assert_eq!(notes.len(), 2, "no note lost");

    // The same export again: nothing changes.
    let again = runtime()
        .block_on(lib.sync_blogs(None, &no_images()))
        .unwrap();
    assert!(
        again[0].changed.is_empty() && again[0].added.is_empty(),
        "{:?}",
        again[0]
    );

    // Removing the blog keeps the notes, as orphans.
    lib.remove_blog("labour").unwrap();
    assert!(lib
        .list_articles()
        .unwrap()
        .iter()
        .all(|a| a.blog.is_none()));
    let orphans = lib
        .notes()
        .list_notes(&Filter {
            article: Some("zetkin-secretariat".into()),
            ..Filter::default()
        })
        .unwrap();
    assert_eq!(orphans.len(), 2);
    assert!(lib.list_blogs().unwrap().is_empty());
}

#[test]
fn an_id_two_folders_share_is_reported_and_the_starter_can_be_hidden() {
    let ws = Workspace::new("library");
    let lib = ws.open();
    lib.import().unwrap();
    let export = ws.dir.path().join("export.xml");
    let text = std::fs::read_to_string(fixture("wordpress/export-1.2.xml"))
        .unwrap()
        .replace(
            "<wp:post_name><![CDATA[zetkin-secretariat]]></wp:post_name>",
            "<wp:post_name><![CDATA[gamma]]></wp:post_name>",
        );
    std::fs::write(&export, text).unwrap();
    add(&lib, &export);
    let problems = lib.list_problems().unwrap();
    let clash = problems
        .iter()
        .find(|p| p.path == "blogs/labour/articles/gamma.md")
        .expect("the clash is reported");
    assert!(
        clash.message.contains("articles/gamma.md"),
        "{}",
        clash.message
    );
    assert_eq!(
        lib.get_article("gamma").unwrap().meta.blog,
        None,
        "the first folder keeps the id"
    );

    let hidden = BlogSettings {
        starter_shown: false,
        daily_check: true,
    };
    lib.set_blog_settings(hidden).unwrap();
    assert!(!lib.blog_settings().unwrap().starter_shown);
    assert!(lib.daily_check_due(), "allowed and never run");
    assert!(!lib.daily_check_due(), "not twice in a day");
    let slugs: Vec<String> = lib
        .list_articles()
        .unwrap()
        .into_iter()
        .map(|a| a.slug)
        .collect();
    assert!(
        slugs.contains(&"gamma".to_string()),
        "with the starter hidden, the blog's gamma is read: {slugs:?}"
    );
    assert!(!slugs.contains(&"alpha".to_string()));
    lib.set_blog_settings(BlogSettings {
        starter_shown: true,
        daily_check: false,
    })
    .unwrap();
    assert!(lib
        .list_articles()
        .unwrap()
        .iter()
        .any(|a| a.slug == "alpha"));
}
