//! No panic on any input: garbage and hostile HTML through the conversion, and broken files
//! through the export reader, each either converted or refused with a named error.

use lectern_blog::convert::{self, shortcodes::SiteContext};
use lectern_blog::wxr::{self, ExportOptions};
use lectern_blog::Post;

/// A deterministic stream of pseudo-random numbers (no crate needed for a test's noise).
struct Noise(u64);

impl Noise {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0 >> 33
    }
}

const PIECES: &[&str] = &[
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
    "[caption]",
    "[/caption]",
    "[gallery ids=\"1,x\"]",
    "<img src=\"",
    "\">",
    "<figure>",
    "<figcaption>",
    "</figure>",
    "<table><tr><td>",
    "</table>",
    "<!-- wp:footnotes /-->",
    "\u{E000}",
    "\u{E001}",
    "&amp;",
    "&#xD800;",
    "<script>alert(1)</script>",
    "<h2>",
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
];

#[test]
fn garbage_html_converts_without_panicking() {
    let mut noise = Noise(7);
    for round in 0..2_000 {
        let n = 1 + noise.next() as usize % 60;
        let html: String = (0..n)
            .map(|_| PIECES[noise.next() as usize % PIECES.len()])
            .collect();
        let mut post = Post::new(round, "T", &html);
        post.raw = round % 2 == 0;
        post.footnotes_meta =
            (round % 3 == 0).then(|| "[{\"id\":\"a\",\"content\":\"<b>x".to_string());
        let mut unknown = Vec::new();
        let prepared = convert::prepared_html(&post, &SiteContext::default(), &mut unknown);
        let out = convert::convert(&prepared, Some("https://blog.example.org/x/"), &|_| None);
        assert!(
            !out.markdown.contains('\u{E000}') || html.contains('\u{E000}'),
            "markers never leak: {html}"
        );
        let _ = convert::plain_text(&html);
    }
}

#[test]
fn broken_exports_are_refused_with_a_place() {
    let dir = tempfile::tempdir().unwrap();
    let good = std::fs::read(manifest_dir().join("../../tests/fixtures/wordpress/export-1.2.xml"))
        .unwrap();
    let mut noise = Noise(11);
    for round in 0..300 {
        let mut bytes = good.clone();
        // Cut it short, flip bytes, or drop a piece out of the middle.
        match round % 3 {
            0 => bytes.truncate(noise.next() as usize % bytes.len()),
            1 => {
                for _ in 0..1 + noise.next() % 8 {
                    let at = noise.next() as usize % bytes.len();
                    bytes[at] = noise.next() as u8;
                }
            }
            _ => {
                let at = noise.next() as usize % bytes.len();
                let len = (noise.next() as usize % 200).min(bytes.len() - at);
                bytes.drain(at..at + len);
            }
        }
        let path = dir.path().join(format!("broken-{round}.xml"));
        std::fs::write(&path, &bytes).unwrap();
        match wxr::read(&path, ExportOptions::default(), |_, _| Ok(())) {
            Ok(_) => {}
            Err(e) => assert!(
                e.to_string().contains(&format!("broken-{round}.xml")),
                "{e}"
            ),
        }
    }
}

/// The crate's folder, as cargo names it when the test runs: a test binary built in another
/// checkout that shares the build cache must not look in that checkout.
fn manifest_dir() -> std::path::PathBuf {
    std::env::var_os("CARGO_MANIFEST_DIR")
        .map(Into::into)
        .unwrap_or_else(|| env!("CARGO_MANIFEST_DIR").into())
}
