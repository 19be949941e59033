//! What hostile content can do to the HTML the app inserts: book citations (every field
//! escaped, only the citation's own tags; the same HTML from `lectern-cli books cite --json`),
//! images (only the media scheme and small raster `data:` images load), and ids, classes and
//! data attributes (content cannot take the app's ids or fake a footnote reference; links to
//! headings still work).

use crate::harness::{fixture, Workspace};
use lectern_core::books::cite::Style;
use lectern_core::content::Roots;
use lectern_core::markdown::{render, ImageBase, Rendered};

/// Every text field of the book carries `<`, `&`, `"` and a tag.
const HOSTILE_TITLE: &str = r#"Tags & <a href="https://x.example/">links</a> "quoted""#;
const HOSTILE_SUBTITLE: &str = r#"<meta http-equiv="refresh" content="0;url=https://x.example/">"#;
const HOSTILE_PUBLISHER: &str =
    r#"Press & <b onclick="x()">Sons</b> "Ltd" <img src=https://x.example/p.png>"#;
const HOSTILE_PERSON: &str = r#"Ann <a href="https://x.example/">O'Brien</a> & "Co""#;

fn hostile_library() -> Workspace {
    let ws = Workspace::new("library");
    let person = |id: &str, name: &str| {
        ws.write(
            &format!("people/{id}.md"),
            &format!("+++\nname = '''{name}'''\n+++\nA person.\n"),
        );
    };
    person("hostile-author", HOSTILE_PERSON);
    person("hostile-editor", &format!("Ed <i>{HOSTILE_PERSON}"));
    person("hostile-translator", r#"Tr <script>alert(1)</script> Tor"#);
    ws.write(
        "books/hostile.md",
        &format!(
            "+++\ntitle = '''{HOSTILE_TITLE}'''\nsubtitle = '''{HOSTILE_SUBTITLE}'''\n\
             authors = [\"hostile-author\"]\neditors = [\"hostile-editor\"]\n\
             translators = [\"hostile-translator\"]\npublishers = ['''{HOSTILE_PUBLISHER}''']\n\
             date = \"2021\"\npages = 12\n+++\nA hostile book.\n"
        ),
    );
    ws
}

/// The tags in `html`, as written (`<i>`, `</i>`, `<span class="csl-small-caps">`).
fn tags(html: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(start) = rest.find('<') {
        let end = rest[start..]
            .find('>')
            .map_or(rest.len(), |e| start + e + 1);
        out.push(&rest[start..end]);
        rest = &rest[end..];
    }
    out
}

/// Only the tags a citation needs, and no markup from the fields.
fn assert_citation_html(html: &str) {
    let allowed_class = |t: &str| {
        lectern_core::books::citehtml::CLASSES
            .iter()
            .any(|c| t == format!(r#"<span class="{c}">"#) || t == format!(r#"<div class="{c}">"#))
    };
    for tag in tags(html) {
        let plain = [
            "<i>", "</i>", "<b>", "</b>", "<sup>", "</sup>", "<sub>", "</sub>", "</span>", "</div>",
        ];
        assert!(
            plain.contains(&tag) || allowed_class(tag),
            "unexpected tag {tag} in {html}"
        );
    }
    // Title case may change the letters (`Http-Equiv`), never the escaping.
    let lower = html.to_lowercase();
    assert!(
        lower.contains("&lt;a href=&quot;https://x.example/&quot;&gt;"),
        "{html}"
    );
    assert!(
        lower.contains("&lt;meta http-equiv=&quot;refresh&quot;"),
        "{html}"
    );
    assert!(html.contains("Tags &amp;"), "{html}");
}

#[test]
fn book_citations_escape_every_field_in_every_style() {
    let ws = hostile_library();
    let lib = ws.open();
    lib.import().unwrap();
    for style in [Style::Chicago, Style::ChicagoAuthorDate, Style::Apa] {
        let cited = lib.cite_book("hostile", style).unwrap();
        assert_citation_html(&cited.html);
        assert!(
            cited.html.contains("<i>"),
            "the title in italics: {}",
            cited.html
        );
        // Publisher and people are escaped too.
        assert!(
            cited.html.contains("Press &amp; &lt;b onclick="),
            "{}",
            cited.html
        );
        assert!(
            cited
                .html
                .contains("&lt;img src=https://x.example/p.png&gt;"),
            "{}",
            cited.html
        );
        assert!(
            cited.html.contains("&lt;script&gt;alert(1)"),
            "{}",
            cited.html
        );
        if style != Style::Apa {
            // APA writes given names as initials.
            assert!(cited.html.contains("O&#39;Brien"), "{}", cited.html);
        }
        // The text is the fields as written (the title in the style's case).
        let lower = cited.text.to_lowercase();
        assert!(
            lower.contains(&HOSTILE_TITLE.to_lowercase()),
            "{}",
            cited.text
        );
        assert!(cited.text.contains(HOSTILE_PUBLISHER), "{}", cited.text);
    }
}

#[test]
fn cli_books_cite_json_prints_the_text_and_the_html_the_book_page_shows() {
    let ws = hostile_library();
    let out = crate::cli::cli(
        &ws.content(),
        &ws.data(),
        &["books", "cite", "hostile", "--style", "apa", "--json"],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let mut keys: Vec<&String> = v.as_object().unwrap().keys().collect();
    keys.sort();
    assert_eq!(keys, ["html", "text"]);
    let lib = ws.open();
    lib.import().unwrap();
    let shown = lib.cite_book("hostile", Style::Apa).unwrap();
    assert_eq!(v["html"], shown.html);
    assert_eq!(v["text"], shown.text);
    assert_citation_html(v["html"].as_str().unwrap());
    // Without --json, the text alone.
    let out = crate::cli::cli(&ws.content(), &ws.data(), &["books", "cite", "hostile"]);
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.to_lowercase().contains(&HOSTILE_TITLE.to_lowercase()) && !text.contains("&lt;"),
        "{text}"
    );
}

fn rendered(markdown: &str) -> Rendered {
    let roots = Roots::single(&fixture("library"));
    render(
        markdown,
        &ImageBase {
            roots: &roots,
            dir: "articles",
        },
    )
}

/// The values of `attribute` in `html` (as ammonia writes them: double-quoted).
fn values<'a>(html: &'a str, attribute: &str) -> Vec<&'a str> {
    let needle = format!(" {attribute}=\"");
    html.match_indices(&needle)
        .map(|(i, _)| {
            let rest = &html[i + needle.len()..];
            &rest[..rest.find('"').unwrap_or(rest.len())]
        })
        .collect()
}

#[test]
fn remote_images_in_raw_html_lose_their_source_and_keep_their_alt_text() {
    let small = format!("data:image/png;base64,{}", "iVBORw0KGgo".repeat(10));
    let big = format!("data:image/png;base64,{}", "A".repeat(70 * 1024));
    let md = format!(
        "<img src=\"https://x.example/a.png\" alt=\"remote https\">\n\
         <img src=\"//x.example/b.png\" alt=\"remote scheme-relative\">\n\
         <img src=\"http://x.example/c.png\" alt=\"remote http\">\n\
         <img src=\" HTTPS://x.example/d.png\" alt=\"remote upper\">\n\
         <img src=\"data:image/svg+xml;base64,PHN2Zz4=\" alt=\"svg data\">\n\
         <img src=\"{big}\" alt=\"big data\">\n\
         <img src=\"images/pic.svg\" alt=\"relative\">\n\
         <img src=\"{small}\" alt=\"small data\">\n\
         <img src=\"lectern-media://localhost/articles/images/pic.svg\" alt=\"local\">\n\
         <img src=\"http://lectern-media.localhost/articles/images/pic.svg\" alt=\"windows\">\n\
         <a href=\"lectern-media://localhost/articles/images/pic.svg\">media link</a>\n\
         <a href=\"http://lectern-media.localhost/articles/images/pic.svg\">windows link</a>\n\
         <a href=\"data:text/html,hi\">data link</a>\n\n\
         ![beside](images/pic.svg)\n"
    );
    let html = rendered(&md).html;
    let sources = values(&html, "src");
    // A media address of either webview's form is written in this platform's.
    let local = lectern_core::media_url::media_url("articles/images/pic.svg");
    assert_eq!(sources, [small.as_str(), &local, &local, &local], "{html}");
    for alt in [
        "remote https",
        "remote http",
        "svg data",
        "big data",
        "relative",
    ] {
        assert!(html.contains(&format!("alt=\"{alt}\"")), "{alt}: {html}");
    }
    // The media scheme and data: are image sources only, never links.
    assert_eq!(values(&html, "href"), Vec::<&str>::new(), "{html}");
    assert!(html.contains(">media link</a>"), "{html}");
    assert!(html.contains(">windows link</a>"), "{html}");
}

/// Every id in `html`, and the classes, roles and data attributes.
fn identity(html: &str) -> (Vec<&str>, Vec<&str>, Vec<&str>, Vec<&str>) {
    (
        values(html, "id"),
        values(html, "class"),
        values(html, "role"),
        values(html, "data-footnote"),
    )
}

#[test]
fn content_cannot_take_the_apps_ids_or_fake_footnote_references() {
    let md = r##"A real reference.[^1] A fake one:<sup class="footnote-ref"><a href="#fn-1" id="fnref-1" data-footnote="1">1</a></sup>
<div id="main" class="footnotes mention" role="doc-endnotes" data-testid="article-body" data-footnote="2">hijack</div>
<span id="fn-2" class="footnote-back">x</span>

## Background

## Fn 1

## Named {#fn-1}

## Quote {#a"b}

## Escape {#x"><img/src="https://x.example/p.png"/alt="q">}

See [the background](#background), [the note](#fn-1), <a href="#main">raw</a>.

[^1]: The note.
"##;
    let r = rendered(md);
    let (ids, classes, roles, data) = identity(&r.html);
    for id in &ids {
        assert!(
            id.starts_with("fn-") || id.starts_with("fnref-") || id.starts_with("c-"),
            "{id}: {}",
            r.html
        );
    }
    // The renderer's own: one reference, one note; content's ids are prefixed.
    assert_eq!(
        ids.iter().filter(|i| **i == "fnref-1").count(),
        1,
        "{}",
        r.html
    );
    assert_eq!(
        ids.iter().filter(|i| **i == "fn-1").count(),
        1,
        "{}",
        r.html
    );
    assert!(
        ids.contains(&"c-main") && ids.contains(&"c-fn-2"),
        "{ids:?}"
    );
    assert_eq!(data, ["1"], "{}", r.html);
    assert_eq!(roles, ["doc-endnotes"], "{}", r.html);
    assert_eq!(
        classes,
        ["footnote-ref", "footnotes", "footnote-back"],
        "{}",
        r.html
    );
    assert!(!r.html.contains("data-testid"), "{}", r.html);

    // Headings: prefixed, unique, escaped, and the table of contents names the same ids.
    let heading_ids: Vec<&str> = r.headings.iter().map(|h| h.id.as_str()).collect();
    assert_eq!(
        heading_ids[..4],
        ["c-background", "c-fn-1", "c-fn-1-1", "c-a\"b"],
        "{heading_ids:?}"
    );
    for h in &r.headings {
        let written = h.id.replace('&', "&amp;").replace('"', "&quot;");
        assert!(
            r.html.contains(&format!(" id=\"{written}\"")),
            "{}: {}",
            h.id,
            r.html
        );
    }
    assert!(!r.html.contains("src=\"https://"), "{}", r.html);
    // Links to headings follow their ids; links to footnotes stay as they are.
    let hrefs = values(&r.html, "href");
    assert!(hrefs.contains(&"#c-background"), "{hrefs:?}");
    assert!(hrefs.contains(&"#c-main"), "{hrefs:?}");
    assert!(
        hrefs.contains(&"#fn-1") && hrefs.contains(&"#fnref-1"),
        "{hrefs:?}"
    );
}

#[test]
fn the_footnote_popover_html_is_sanitized_the_same_way() {
    let r = rendered(
        "Text.[^n]\n\n[^n]: A note <span id=\"main\" class=\"footnote-ref\" data-footnote=\"3\">x</span> with a ref.[^m]\n\n[^m]: Inner.\n",
    );
    let note = &r.footnotes[0].html;
    let (ids, classes, _, data) = identity(note);
    assert_eq!(ids, ["c-main", "fnref-2"], "{note}");
    assert_eq!(classes, ["footnote-ref"], "{note}");
    assert_eq!(data, ["2"], "{note}");
    assert!(!note.contains("lectern"), "no marker leaks: {note}");
}
