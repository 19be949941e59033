//! Printing an article: the starter library's longest article with a highlight and note on
//! every paragraph, typeset as PDF ("Save as PDF…", the CLI's export) and as SVG pages
//! ("Print…"), and written as one HTML file, each timed over a few runs (median and slowest).
//! Setup (importing the starter library into a tempdir, adding the notes) is printed apart.
//! Run: `cargo bench -p lectern-core --bench printout`.

use lectern_core::notes::anchor::Quote;
use lectern_core::notes::NewAnnotation;
use lectern_core::printout::NotesPlacement;
use lectern_core::Library;
use std::path::Path;
use std::time::{Duration, Instant};

const RUNS: usize = 7;

/// Median and slowest of `RUNS` runs of `f`, and what the last run gave.
fn time<T>(f: impl Fn() -> T) -> (Duration, Duration, T) {
    let mut times = Vec::with_capacity(RUNS);
    let mut last = None;
    for _ in 0..RUNS {
        let start = Instant::now();
        last = Some(f());
        times.push(start.elapsed());
    }
    times.sort();
    (times[RUNS / 2], times[RUNS - 1], last.expect("ran"))
}

fn main() {
    let content = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../content");
    let data = tempfile::tempdir().expect("tempdir");
    let start = Instant::now();
    let library = Library::open(data.path(), &content).expect("open");
    library.import().expect("import");
    // The longest article, by its plain text.
    let (slug, text) = library
        .list_articles()
        .expect("articles")
        .into_iter()
        .map(|a| {
            let text = library.get_article(&a.slug).expect("article").text;
            (a.slug, text)
        })
        .max_by_key(|(_, t)| t.len())
        .expect("an article");
    // A highlight with a note on a few words of every paragraph (of its first line of text).
    let mut notes = 0;
    for line in text.lines().filter(|l| l.split_whitespace().count() > 12) {
        let quote: Vec<&str> = line.split_whitespace().take(6).collect();
        let added = library.add_note_by_quote(NewAnnotation {
            article: slug.clone(),
            quote: Quote {
                exact: quote.join(" "),
                ..Quote::default()
            },
            note: "A note long enough to take two or three lines in the margin of the page.".into(),
            tags: vec![],
            color: None,
        });
        notes += usize::from(added.is_ok());
    }
    println!(
        "setup: `{slug}` ({} characters) with {notes} notes, in {:.0?}",
        text.len(),
        start.elapsed()
    );
    for placement in [NotesPlacement::Margin, NotesPlacement::End] {
        let (median, slowest, pdf) = time(|| library.article_pdf(&slug, placement).expect("pdf"));
        println!(
            "PDF, notes {placement:?}: median {median:.0?}, slowest {slowest:.0?} ({} KB)",
            pdf.len() / 1024
        );
        let (median, slowest, pages) = time(|| {
            library
                .article_print_pages(&slug, placement)
                .expect("pages")
        });
        println!(
            "print pages, notes {placement:?}: median {median:.0?}, slowest {slowest:.0?} ({} pages, {} KB of SVG)",
            pages.len(),
            pages.iter().map(String::len).sum::<usize>() / 1024
        );
    }
    let (median, slowest, html) = time(|| {
        library
            .article_html(&slug, NotesPlacement::Margin)
            .expect("html")
    });
    println!(
        "HTML: median {median:.0?}, slowest {slowest:.0?} ({} KB)",
        html.len() / 1024
    );
}
