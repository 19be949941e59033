//! Property tests of the blog importer: a WordPress post's HTML converted to Markdown, feeds and
//! export files read or refused with the file named, and what comes out renders inert (the
//! checks of `props_content.rs`).

use crate::harness::fixture;
use crate::props_content::{check_rendered, config, edits, mutate, run_scaled, soup};
use lectern_blog::convert::{self, shortcodes::SiteContext};
use lectern_blog::{feed, wxr, Post};
use proptest::prelude::*;

/// Pieces of a WordPress post's HTML: footnotes of several conventions, shortcodes, figures.
const POST_HTML: &[&str] = &[
    "<p>",
    "</p>",
    "<sup>",
    "</sup>",
    "<a href=\"#fn1\" id=\"r1\">",
    "<a href=\"#r1\">",
    "</a>",
    "<ol>",
    "<li id=\"fn1\">",
    "</li>",
    "</ol>",
    "[1]",
    "[efn_note]",
    "[/efn_note]",
    "[caption id=\"attachment_1\"]",
    "[/caption]",
    "[gallery ids=\"1,x\"]",
    "<img src=\"",
    "https://x.example/a.png",
    "\" alt=\"an <b>alt</b>\">",
    "\">",
    "<figure>",
    "<figcaption>",
    "</figure>",
    "<table><tr><td>",
    "</table>",
    "<!-- wp:footnotes /-->",
    "&amp;",
    "&#xD800;",
    "<script>alert(1)</script>",
    "<h2 id=\"main\">",
    "</h2>",
    "\n\n",
    "ü",
    "[",
    "]",
    "<",
    ">",
    "\"",
    "word ",
    "<iframe src=\"javascript:x\">",
    "<a name=\"_ftn1\">",
    "[^1]",
    "<sup data-fn=\"a\"><a href=\"#a\">1</a></sup>",
    "<div class=\"footnotes\">",
    "<span class=\"footnote-ref\" data-footnote=\"9\">",
    "<a href=\"javascript:alert(1)\">",
    "<img src=\"lectern-media://localhost/x.png\" onerror=\"x()\">",
    "{#fn-1}",
    "## ",
    "<style>p{}</style>",
    "<svg><set attributeName=\"href\" to=\"javascript:x\"/></svg>",
];

const RSS: &str = r##"<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel><title>A <b>blog</b></title><link>https://blog.example.org/</link>
<item><title>First &amp; <i>post</i></title><link>https://blog.example.org/2021/first/</link>
<dc:creator>Ann</dc:creator><pubDate>Tue, 05 Dec 2022 10:00:00 +0000</pubDate>
<category>History</category><description>Short.</description>
<content:encoded><![CDATA[<p>Text<sup><a href="#fn1" id="r1">1</a></sup> <img src="https://x.example/a.png"></p><ol><li id="fn1">Note.</li></ol>]]></content:encoded></item>
</channel></rss>"##;

const ATOM: &str = r##"<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Atom blog</title><id>urn:x</id>
<updated>2022-12-05T10:00:00Z</updated>
<entry><title type="html">An &lt;b&gt;entry&lt;/b&gt;</title><id>urn:y</id>
<link rel="alternate" href="https://blog.example.org/entry/"/><updated>2022-12-05T10:00:00Z</updated>
<author><name>Bob</name></author><content type="html">&lt;p onclick="x()"&gt;Body&lt;/p&gt;</content></entry>
</feed>"##;

const XML: &[&str] = &[
    "<",
    ">",
    "</",
    "/>",
    "\"",
    "'",
    "&",
    "&amp;",
    "&#0;",
    "&#xFFFF;",
    "<![CDATA[",
    "]]>",
    "<item>",
    "</item>",
    "<entry>",
    "</entry>",
    "<title>",
    "</title>",
    "<link>",
    "</link>",
    "<content:encoded>",
    "</content:encoded>",
    "xmlns:a=\"urn:a\" ",
    "a:x=\"1\" ",
    "<a:x>",
    "<!DOCTYPE x [<!ENTITY e \"ee\">]>",
    "&e;",
    "<?xml version=\"1.0\"?>",
    "\u{0}",
    "é",
    "<script>x</script>",
    "<pubDate>",
    "</pubDate>",
    "not a date",
    "2022-13-45T99:00:00Z",
];

/// A post's HTML through the blog importer and then the renderer: inert at the end.
fn check_post(html: &str, raw: bool) -> Result<(), TestCaseError> {
    let mut post = Post::new(1, "T", html);
    post.raw = raw;
    let mut unknown = Vec::new();
    let prepared = convert::prepared_html(&post, &SiteContext::default(), &mut unknown);
    let converted = convert::convert(&prepared, Some("https://blog.example.org/x/"), &|_| None);
    let _ = convert::plain_text(html);
    check_rendered(&converted.markdown)
}

proptest! {
    #![proptest_config(config(32, 1))]

    #[test]
    fn props_blog_posts_convert_to_markdown_that_renders_inert(
        html in prop_oneof![soup(POST_HTML, 60), "\\PC{0,300}"],
        raw in any::<bool>(),
    ) {
        check_post(&html, raw)?;
    }

    #[test]
    fn props_feeds_are_read_or_refused_and_their_posts_render_inert(
        atom in any::<bool>(),
        e in edits(XML),
    ) {
        let text = mutate(if atom { ATOM } else { RSS }, &e);
        if let Ok((_, posts)) = feed::posts(text.as_bytes(), "https://blog.example.org/feed") {
            for post in posts {
                check_post(&post.content, post.raw)?;
            }
        }
    }
}

/// A WordPress export, mutated and written to a file: read or refused with the file named. A
/// quarter of `PROPTEST_CASES`.
#[test]
fn props_exports_are_read_or_refused_with_their_file_named() {
    run_scaled(8, 4, edits(XML), |e| {
        let good = std::fs::read_to_string(fixture("wordpress/export-1.2.xml")).unwrap();
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("export.xml");
        std::fs::write(&path, mutate(&good, &e)).unwrap();
        let mut htmls = Vec::new();
        let read = wxr::read(&path, wxr::ExportOptions::default(), |post, _| {
            htmls.push((post.content.clone(), post.raw));
            Ok(())
        });
        if let Err(err) = read {
            prop_assert!(err.to_string().contains("export.xml"), "{err}");
        }
        for (html, raw) in htmls {
            check_post(&html, raw)?;
        }
        Ok(())
    });
}
