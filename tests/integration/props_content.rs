//! Property tests of the parsers of content a user hands Lectern: the front matter, the
//! Markdown renderer and the import of one file (real files, a real SQLite library); the blog
//! importer's are in `props_blog.rs`, with the checks kept here. Random and mutated inputs never
//! panic, and the HTML that reaches the webview stays inert ([`inert`]): no script, no `on*`
//! attribute, no remote image, no id outside the renderer's prefixes, no class or data
//! attribute the renderer does not write itself.
//!
//! `PROPTEST_CASES` sets the number of cases (default: a few dozen, so the suite stays fast);
//! the tests that write files scale it down. `scripts/proptest-long.sh` runs them for long.

use crate::harness::{fixture, Workspace};
use lectern_blog::wxr;
use lectern_core::content::{Roots, Source};
use lectern_core::markdown::{self, ImageBase, MAX_DATA_IMAGE, OWN_CLASSES};
use lectern_core::model::Kind;
use proptest::prelude::*;
use proptest::test_runner::Config;

/// `PROPTEST_CASES`, or `default`; divided by `scale` (at least 2) for the slow tests, which
/// run through [`run_scaled`] (`proptest!` would let `PROPTEST_CASES` override the count).
pub(crate) fn config(default: u32, scale: u32) -> Config {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|s| s.parse::<u32>().ok())
        .unwrap_or(default * scale);
    Config {
        cases: (cases / scale).max(2),
        source_file: Some(file!()),
        ..Config::default()
    }
}

/// Runs `test` on values of `strategy` as `proptest!` does, with [`config`]`(default, scale)`.
pub(crate) fn run_scaled<S: Strategy>(
    default: u32,
    scale: u32,
    strategy: S,
    test: impl Fn(S::Value) -> Result<(), TestCaseError>,
) {
    let mut runner = proptest::test_runner::TestRunner::new(config(default, scale));
    if let Err(e) = runner.run(&strategy, test) {
        panic!("{e}");
    }
}

/// Whether HTML from the renderer is inert: every tag and attribute is one the app allows.
/// The HTML is ammonia's serialization: text escaped, attribute values double-quoted.
pub fn inert(html: &str) -> Result<(), String> {
    let mut rest = html;
    while let Some(start) = rest.find('<') {
        rest = &rest[start + 1..];
        if let Some(after) = rest.strip_prefix('/') {
            rest = &after[after.find('>').ok_or("an unclosed end tag")? + 1..];
            continue;
        }
        let name_end = rest
            .find(|c: char| c.is_whitespace() || c == '>' || c == '/')
            .ok_or("an unclosed tag")?;
        let tag = rest[..name_end].to_ascii_lowercase();
        if [
            "script", "iframe", "object", "embed", "style", "meta", "link", "base", "form", "svg",
            "math", "frame",
        ]
        .contains(&tag.as_str())
        {
            return Err(format!("a <{tag}> element"));
        }
        rest = &rest[name_end..];
        loop {
            rest = rest.trim_start_matches(|c: char| c.is_whitespace() || c == '/');
            if let Some(after) = rest.strip_prefix('>') {
                rest = after;
                break;
            }
            let end = rest
                .find(|c: char| c == '=' || c == '>' || c.is_whitespace())
                .ok_or("an unclosed tag")?;
            let name = rest[..end].to_ascii_lowercase();
            rest = &rest[end..];
            let value = match rest.strip_prefix("=\"") {
                Some(v) => {
                    let close = v.find('"').ok_or("an unclosed attribute value")?;
                    rest = &v[close + 1..];
                    v[..close].replace("&quot;", "\"").replace("&amp;", "&")
                }
                None => String::new(),
            };
            attribute(&tag, &name, &value)?;
        }
    }
    Ok(())
}

fn attribute(tag: &str, name: &str, value: &str) -> Result<(), String> {
    let fail = |why: &str| Err(format!("<{tag} {name}=\"{value}\">: {why}"));
    let url: String = value
        .trim_start_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect::<String>()
        .to_ascii_lowercase();
    if name.starts_with("on") {
        return fail("an event handler");
    }
    if name == "style" || name == "srcset" {
        return fail("not allowed");
    }
    let is_url = [
        "href",
        "src",
        "cite",
        "action",
        "formaction",
        "poster",
        "background",
    ]
    .contains(&name);
    if is_url && (url.starts_with("javascript:") || url.starts_with("vbscript:")) {
        return fail("a script address");
    }
    if let Some(i) = value.find("lectern") {
        let hex = value[i + 7..]
            .bytes()
            .take_while(u8::is_ascii_hexdigit)
            .count();
        if hex >= 32 {
            return fail("the renderer's marker leaked");
        }
    }
    match name {
        "id" if !["fn-", "fnref-", "c-"].iter().any(|p| value.starts_with(p)) => {
            fail("an id outside the renderer's prefixes")
        }
        "class" if !value.split_whitespace().all(|c| OWN_CLASSES.contains(&c)) => {
            fail("a class the renderer does not write")
        }
        "data-footnote" if value.is_empty() || !value.bytes().all(|b| b.is_ascii_digit()) => {
            fail("a footnote number that is not a number")
        }
        n if n.starts_with("data-") && n != "data-footnote" => fail("a data attribute"),
        "role" if value != "doc-endnotes" => fail("a role the renderer does not write"),
        "src" if tag == "img" => {
            let data = url
                .strip_prefix("data:image/")
                .map(|r| r.split([';', ',']).next().unwrap_or(""));
            let raster = data.is_some_and(|t| ["png", "jpeg", "gif", "webp", "avif"].contains(&t));
            // The media scheme as WebKit (Linux, macOS) or WebView2 (Windows) reaches it.
            if url.starts_with("lectern-media://localhost/")
                || url.starts_with("http://lectern-media.localhost/")
                || (raster && value.len() <= MAX_DATA_IMAGE)
            {
                Ok(())
            } else {
                fail("an image from outside the content")
            }
        }
        _ if is_url
            && (url.starts_with("lectern-media:")
                || url.starts_with("http://lectern-media.localhost")
                || url.starts_with("https://lectern-media.localhost")
                || url.starts_with("data:")) =>
        {
            fail("a local or data address outside img[src]")
        }
        _ => Ok(()),
    }
}

/// Pieces of Markdown and HTML that matter to the parsers and the sanitizer.
const MARKDOWN: &[&str] = &[
    "\n",
    "\n\n",
    " ",
    "word ",
    "Wörter ",
    "# ",
    "## ",
    "### ",
    "{#",
    "}",
    "{#fn-1}",
    "{#main}",
    "{.footnote-ref}",
    "*",
    "**",
    "_",
    "`",
    "```\n",
    "~~~",
    "> ",
    "- ",
    "1. ",
    "| a | b |\n",
    "|---|---|\n",
    "---\n",
    "[^1]",
    "[^1]: ",
    "[^a]",
    "[^a]: ",
    "[",
    "]",
    "(",
    ")",
    "](#",
    "](https://x.example/)",
    "![",
    "![x](",
    "images/pic.svg",
    "https://x.example/p.png",
    "<",
    ">",
    "\"",
    "'",
    "&",
    "&amp;",
    "&#x3C;",
    "\\",
    "<b>",
    "</b>",
    "<div ",
    "<div>",
    "</div>",
    "<span ",
    "</span>",
    "<a ",
    "<a href=\"",
    "</a>",
    "<img ",
    "<img src=\"",
    "src=",
    "href=",
    "id=\"",
    "id=main ",
    "class=\"",
    "footnote-ref",
    "footnotes",
    "data-footnote=\"",
    "data-x=\"",
    "role=\"",
    "style=\"",
    "onerror=\"",
    "onclick=",
    "javascript:alert(1)",
    "JaVaScRiPt:",
    "java\tscript:",
    "lectern-media://localhost/",
    "lectern-media://x/",
    "http://lectern-media.localhost/",
    "data:image/png;base64,AAAA",
    "data:image/svg+xml,<svg onload=x>",
    "data:text/html,",
    "//x.example/a.png",
    "<script>",
    "</script>",
    "<style>",
    "<iframe src=",
    "<svg>",
    "<math><mi>",
    "<annotation-xml encoding=\"text/html\">",
    "<noscript>",
    "<!--",
    "-->",
    "<![CDATA[",
    "<sup>",
    "</sup>",
    "<li id=\"fn-1\">",
    "\u{0}",
    "\u{feff}",
    "\r\n",
    "\t",
    "é",
    "\u{202e}",
    "😀",
    // Whole hostile tags, so that the sanitizer meets them often.
    "<img src=\"https://x.example/p.png\" alt=\"remote\">",
    "<img src=\"data:image/svg+xml;base64,PHN2Zz4=\">",
    "<a href=\"lectern-media://localhost/articles/images/pic.svg\">x</a>",
    "<a href=\"http://lectern-media.localhost/articles/images/pic.svg\">x</a>",
    "<img src=\"http://lectern-media.localhost/articles/images/pic.svg\">",
    "<div id=\"main\" class=\"footnotes\" role=\"doc-endnotes\" data-footnote=\"1\">",
    "<sup class=\"footnote-ref\"><a href=\"#fn-1\" id=\"fnref-1\" data-footnote=\"1\">1</a></sup>",
    "<b onmouseover=\"x()\" style=\"color:red\">",
    "<a href=\"javascript:alert(1)\">",
    "\n## Heading {#fn-1}\n",
    "\n## A {#x\"onclick=\"y}\n",
];

pub(crate) fn soup(pieces: &'static [&'static str], max: usize) -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(pieces), 0..max).prop_map(|p| p.concat())
}

/// One change to a text: insert a piece, delete or repeat a range, or cut it short.
#[derive(Debug, Clone)]
pub(crate) enum Edit {
    Insert(usize, &'static str),
    Delete(usize, usize),
    Repeat(usize, usize),
    Truncate(usize),
}

pub(crate) fn edits(pieces: &'static [&'static str]) -> impl Strategy<Value = Vec<Edit>> {
    let edit = prop_oneof![
        4 => (any::<usize>(), prop::sample::select(pieces)).prop_map(|(a, p)| Edit::Insert(a, p)),
        2 => (any::<usize>(), 0..64usize).prop_map(|(a, n)| Edit::Delete(a, n)),
        1 => (any::<usize>(), 0..64usize).prop_map(|(a, n)| Edit::Repeat(a, n)),
        1 => any::<usize>().prop_map(Edit::Truncate),
    ];
    prop::collection::vec(edit, 0..12)
}

/// `text` with `edits` applied, every position moved back to a character boundary.
pub(crate) fn mutate(text: &str, edits: &[Edit]) -> String {
    let mut s = text.to_owned();
    let at = |s: &str, n: usize| {
        let mut i = if s.is_empty() { 0 } else { n % (s.len() + 1) };
        while !s.is_char_boundary(i) {
            i -= 1;
        }
        i
    };
    for e in edits {
        match *e {
            Edit::Insert(a, p) => {
                let i = at(&s, a);
                s.insert_str(i, p);
            }
            Edit::Delete(a, n) => {
                let i = at(&s, a);
                let j = at(&s, i + n.min(s.len() - i));
                s.replace_range(i..j.max(i), "");
            }
            Edit::Repeat(a, n) => {
                let i = at(&s, a);
                let j = at(&s, i + n.min(s.len() - i)).max(i);
                let piece = s[i..j].to_owned();
                s.insert_str(j, &piece);
            }
            Edit::Truncate(a) => {
                let i = at(&s, a);
                s.truncate(i);
            }
        }
    }
    s
}

/// The content files of the fixture library and two articles of the starter library.
fn seeds() -> &'static [(Kind, String)] {
    static SEEDS: std::sync::OnceLock<Vec<(Kind, String)>> = std::sync::OnceLock::new();
    SEEDS.get_or_init(|| {
        let mut out = Vec::new();
        for kind in Kind::ALL {
            let dir = fixture("library").join(kind.folder());
            for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
                if entry.path().extension().is_some_and(|e| e == "md") {
                    out.push((kind, std::fs::read_to_string(entry.path()).unwrap()));
                }
            }
        }
        let starter = crate::harness::manifest_dir().join("../../content/articles");
        for slug in [
            "international-red-aid",
            "socialist-participation-in-capitalist-governments",
        ] {
            if let Ok(text) = std::fs::read_to_string(starter.join(format!("{slug}.md"))) {
                out.push((Kind::Article, text));
            }
        }
        out
    })
}

/// A content file: a mutated file of the library, or Markdown soup after a front matter.
fn content_file() -> impl Strategy<Value = (Kind, String)> {
    let n = seeds().len();
    prop_oneof![
        3 => (0..n, edits(MARKDOWN)).prop_map(|(i, e)| {
            let (kind, text) = &seeds()[i];
            (*kind, mutate(text, &e))
        }),
        1 => (0..n, soup(MARKDOWN, 60)).prop_map(|(i, body)| {
            let (kind, text) = &seeds()[i];
            let front = text.splitn(3, "+++").take(2).collect::<Vec<_>>().join("+++");
            (*kind, format!("{front}+++\n{body}"))
        }),
        1 => (prop::sample::select(Kind::ALL.to_vec()), "\\PC{0,300}"),
    ]
}

fn markdown_input() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => soup(MARKDOWN, 80),
        2 => content_file().prop_map(|(_, text)| text),
        1 => "\\PC{0,400}",
        1 => any::<String>(),
    ]
}

fn render(markdown: &str) -> markdown::Rendered {
    let roots = Roots::single(&fixture("library"));
    markdown::render(
        markdown,
        &ImageBase {
            roots: &roots,
            dir: "articles",
        },
    )
}

/// Rendered Markdown is inert, footnote pop-overs too, and every heading's id is in the HTML.
pub(crate) fn check_rendered(markdown: &str) -> Result<(), TestCaseError> {
    let r = render(markdown);
    inert(&r.html).map_err(|e| TestCaseError::fail(format!("{e}\nin {}", r.html)))?;
    for note in &r.footnotes {
        inert(&note.html).map_err(|e| TestCaseError::fail(format!("{e}\nin {}", note.html)))?;
    }
    for h in &r.headings {
        prop_assert!(h.id.starts_with("c-"), "heading id {}", h.id);
    }
    let analyzed = markdown::analyze(
        markdown,
        &ImageBase {
            roots: &Roots::single(&fixture("library")),
            dir: "articles",
        },
    );
    prop_assert_eq!(analyzed.text, r.text);
    prop_assert_eq!(analyzed.headings, r.headings);
    Ok(())
}

proptest! {
    #![proptest_config(config(64, 1))]

    #[test]
    fn props_markdown_renders_inert_html(markdown in markdown_input()) {
        check_rendered(&markdown)?;
    }

    #[test]
    fn props_front_matter_splits_at_its_fences_or_says_where_not(
        (kind, text) in content_file()
    ) {
        match lectern_core::front_matter::split("articles/x.md", &text) {
            Ok(split) => {
                prop_assert_eq!(&text[split.body_offset..], split.body);
                prop_assert_eq!(
                    &text[split.front_matter_offset..split.front_matter_offset + split.front_matter.len()],
                    split.front_matter
                );
            }
            Err(p) => prop_assert_eq!(p.line, 1),
        }
        let source = Source {
            kind,
            id: "prop-file".into(),
            path: format!("{}/prop-file.md", kind.folder()),
            hash: lectern_core::content::hash(text.as_bytes()),
            bytes: text.clone().into_bytes(),
        };
        let lines = u32::try_from(text.lines().count()).unwrap_or(u32::MAX) + 1;
        match lectern_core::parse::parse(&source, &Roots::single(&fixture("library"))) {
            Ok(parsed) => {
                for p in &parsed.problems {
                    prop_assert!(p.line >= 1 && p.line <= lines, "{p:?} of {lines} lines");
                }
            }
            Err(p) => {
                prop_assert!(p.line >= 1 && p.line <= lines, "{p:?} of {lines} lines");
                prop_assert_eq!(&p.path, &source.path);
            }
        }
    }

    #[test]
    fn props_any_bytes_as_a_content_file_are_parsed_or_refused(
        kind in prop::sample::select(Kind::ALL.to_vec()),
        bytes in prop::collection::vec(any::<u8>(), 0..400),
    ) {
        let source = Source {
            kind,
            id: "bytes".into(),
            path: format!("{}/bytes.md", kind.folder()),
            hash: lectern_core::content::hash(&bytes),
            bytes,
        };
        let _ = lectern_core::parse::parse(&source, &Roots::single(&fixture("library")));
    }

    #[test]
    fn props_timestamps_of_exports_and_feeds_parse_or_not(text in "\\PC{0,60}") {
        let _ = wxr::wp_time(&text);
        let _ = wxr::rfc2822(&text);
    }
}

/// One file of a real content folder, imported into a real library file: the import succeeds
/// (a bad file is a problem, not a failure) and an article that loads renders inert. A case
/// takes about 60 ms: a hundredth of `PROPTEST_CASES`.
#[test]
fn props_importing_a_mutated_file_never_fails() {
    run_scaled(4, 100, content_file(), |(kind, text)| {
        let ws = Workspace::new("library");
        let relative = format!("{}/prop-file.md", kind.folder());
        ws.write(&relative, &text);
        let lib = ws.open();
        let report = lib.import();
        prop_assert!(report.is_ok(), "{:?}", report.err());
        if kind == Kind::Article {
            if let Ok(article) = lib.get_article("prop-file") {
                inert(&article.html)
                    .map_err(|e| TestCaseError::fail(format!("{e}\nin {}", article.html)))?;
            }
        }
        Ok(())
    });
}

#[test]
fn props_the_inertness_check_refuses_what_it_should() {
    for bad in [
        "<script>x</script>",
        "<p><img src=\"https://x.example/a.png\"></p>",
        "<img src=\"//x.example/a.png\">",
        "<img src=\"data:image/svg+xml,x\">",
        "<a href=\"lectern-media://localhost/a.svg\">x</a>",
        "<a href=\"http://lectern-media.localhost/a.svg\">x</a>",
        "<a href=\"java\tscript:x\">x</a>",
        "<b onclick=\"x()\">x</b>",
        "<div id=\"main\">x</div>",
        "<span class=\"footnote-ref mention\">x</span>",
        "<b data-testid=\"x\">x</b>",
        "<a data-footnote=\"x\">x</a>",
        "<div role=\"dialog\">x</div>",
        "<p title=\"a > b\" style=\"color: red\">x</p>",
    ] {
        assert!(inert(bad).is_err(), "{bad}");
    }
    let alpha = crate::harness::imported("library")
        .get_article("alpha")
        .unwrap();
    assert_eq!(inert(&alpha.html), Ok(()), "{}", alpha.html);
}
