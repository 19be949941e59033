use crate::harness::imported;
use lectern_core::media_url::Webview;

fn alpha() -> lectern_core::views::Article {
    imported("library").get_article("alpha").unwrap()
}

#[test]
fn footnotes_are_numbered_by_first_reference_with_back_links() {
    let a = alpha();
    let numbers: Vec<u32> = a.footnotes.iter().map(|f| f.number).collect();
    assert_eq!(numbers, [1, 2]);
    assert!(a.footnotes[0].html.contains("Socialism in One Country"));
    // Two references to the first note, each with its own id and back-link.
    assert!(
        a.html
            .contains(r##"<a href="#fn-1" id="fnref-1" data-footnote="1""##),
        "{}",
        a.html
    );
    assert!(a.html.contains(r#"id="fnref-1-2""#));
    assert!(a.html.contains(r##"href="#fnref-1-2""##));
    assert!(a.html.contains(r#"<li id="fn-2">"#));
}

#[test]
fn headings_get_stable_unique_anchor_ids() {
    let a = alpha();
    let ids: Vec<&str> = a.headings.iter().map(|h| h.id.as_str()).collect();
    // Content names them: under the prefix of content's ids, apart from the app's own.
    assert_eq!(ids, ["c-background", "c-background-1"]);
    assert!(a.html.contains(r#"<h2 id="c-background-1">"#));
}

#[test]
fn smart_punctuation_tables_and_block_quotes_render() {
    let a = alpha();
    assert!(a.html.contains("“Moscow”"), "{}", a.html);
    assert!(a.html.contains("–"));
    assert!(a.html.contains("<table>") && a.html.contains("<blockquote>"));
}

#[test]
fn images_beside_the_content_become_figures_with_captions() {
    let a = alpha();
    // In this platform's form of media address (`http://lectern-media.localhost/` on Windows).
    let img = format!(
        r#"<img src="{}" alt="Alt text for the picture">"#,
        lectern_core::media_url::media_url("articles/images/pic.svg")
    );
    assert!(a.html.contains(&img), "{}", a.html);
    assert!(a
        .html
        .contains("<figcaption>A caption for the picture</figcaption>"));
}

#[test]
fn raw_html_is_sanitized() {
    let a = alpha();
    assert!(!a.html.contains("<script"));
    assert!(!a.html.contains("onclick"));
    assert!(a.html.contains("<b>bold but harmless</b>"));
    assert!(a.html.contains(r#"rel="noopener noreferrer""#));
}

#[test]
fn plain_text_has_the_words_but_no_markup_or_footnote_numbers() {
    let lib = imported("library");
    let text = lib.show("alpha").unwrap().text;
    assert!(
        text.starts_with("The congress met in “Moscow” – and voted. A second claim follows."),
        "{text}"
    );
    assert!(text.contains("Background\n"));
    assert!(!text.contains('<') && !text.contains("[^"));
    assert!(
        !text.contains("Penguin"),
        "footnote text stays out of the body text"
    );
}

#[test]
fn hostile_markdown_renders_without_panicking() {
    use lectern_core::markdown::{render, ImageBase};
    let roots = lectern_core::content::Roots::single(&crate::harness::fixture("library"));
    let base = ImageBase {
        roots: &roots,
        dir: "articles",
    };
    let cases = [
        "",
        "[^1]",
        "[^1]: a definition nobody references",
        "text[^a][^a][^a]\n\n[^a]: three references",
        "# ![an image](images/pic.svg) in a heading",
        "> quoted[^q]\n>\n> [^q]: a definition inside a quote",
        "[^outer]: note with its own ref[^inner]\n\n[^inner]: inner\n\nbody[^outer]",
        "![](",
        "![x](../../../etc/passwd)",
        "![x](/abs/path.png)",
        "![x](data:image/png;base64,AAAA)",
        "<div><span>unclosed",
        "<img src=x onerror=alert(1)><iframe src=//evil></iframe><style>*{}</style>",
        "| a | b |\n|---|---|\n| ![x](images/pic.svg) | [^t] |\n\n[^t]: table note",
        "- a\n  - b\n    - c\n      - d\n        - e",
        "##\n\n## {#}\n\n## Same\n\n## Same\n\n## Same-1",
        "\u{0}\u{1}\u{feff}control characters",
        "word ",
    ];
    for md in cases {
        let r = render(md, &base);
        assert!(
            !r.html.contains("<script")
                && !r.html.contains("onerror")
                && !r.html.contains("<iframe"),
            "{md:?}: {}",
            r.html
        );
    }
    let long = "word ".repeat(200_000);
    assert!(render(&long, &base).text.len() >= 999_999);
    let nested = format!("{}deep", "> ".repeat(500));
    let _ = render(&nested, &base);
}

#[test]
fn images_that_leave_the_content_folder_or_are_remote_are_problems() {
    use lectern_core::markdown::{render, ImageBase};
    let roots = lectern_core::content::Roots::single(&crate::harness::fixture("library"));
    let base = ImageBase {
        roots: &roots,
        dir: "articles",
    };
    for src in [
        "../../../etc/passwd",
        "https://example.org/x.png",
        "images/nope.png",
    ] {
        let r = render(&format!("![x]({src})"), &base);
        assert_eq!(r.image_problems.len(), 1, "{src}");
    }
    assert!(render("![x](images/pic.svg)", &base)
        .image_problems
        .is_empty());
}

/// Articles of the starter library as the UI receives them (HTML, plain text, mentions), kept
/// in `ui/src/lib/fixtures/rendered.json` for the UI's offset↔DOM tests. Fails when the file
/// is stale; `UPDATE_FIXTURES=1` rewrites it. Media addresses are kept in one form (Linux's
/// and macOS's), so the file is the same whichever platform writes or checks it.
#[test]
fn the_uis_fixture_of_rendered_articles_is_current() {
    let (_d, lib) = crate::harness::starter();
    let fixture = crate::harness::imported("library");
    let articles: Vec<serde_json::Value> = [
        (&lib, "international-red-aid"),
        (&lib, "comintern-auxiliaries-introduction"),
        (&lib, "socialist-participation-in-capitalist-governments"),
        (&lib, "pan-africanism-and-communism-interview"),
        // Links, a figure and a table, which the starter library's articles lack.
        (&fixture, "alpha"),
    ]
    .iter()
    .map(|(lib, slug)| {
        let a = lib.get_article(slug).unwrap();
        let html = a
            .html
            .replace(Webview::current().prefix(), Webview::Scheme.prefix());
        serde_json::json!({ "slug": slug, "html": html, "text": a.text, "mentions": a.mentions })
    })
    .collect();
    let fresh = serde_json::to_string_pretty(&articles).unwrap() + "\n";
    let path = crate::harness::manifest_dir().join("../../ui/src/lib/fixtures/rendered.json");
    if std::env::var_os("UPDATE_FIXTURES").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, &fresh).unwrap();
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == fresh,
        "{} is stale: run `UPDATE_FIXTURES=1 cargo test -p lectern-core --test integration`",
        path.display()
    );
}
