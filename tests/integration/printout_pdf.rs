//! An article with the reader's notes as PDF, read back by a PDF tool as a reader's viewer
//! would (`pdftotext`, `pdfinfo`, `pdftoppm` from poppler-utils, which `scripts/setup.sh
//! --e2e` installs): its text holds the head, every quote and note and every footnote, in
//! order; its metadata the title and authors; its outline the headings; its pages render.

use crate::harness::Workspace;
use lectern_core::notes::NewAnnotation;
use lectern_core::printout::NotesPlacement;
use std::path::Path;
use std::process::Command;

/// Runs a poppler tool on `pdf`, its output as text.
fn poppler(tool: &str, args: &[&str], pdf: &Path) -> String {
    let out = Command::new(tool)
        .args(args)
        .arg(pdf)
        .args(if tool == "pdftotext" { &["-"][..] } else { &[][..] })
        .output()
        .unwrap_or_else(|e| {
            panic!("{tool} (poppler-utils) is needed to read the PDF: run scripts/setup.sh --e2e ({e})")
        });
    assert!(
        out.status.success(),
        "{tool}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// The number of pages `pdfinfo` reports.
fn page_count(info: &str) -> usize {
    info.lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
        .unwrap_or_else(|| panic!("no page count in: {info}"))
}

fn words(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn the_pdf_holds_the_head_every_quote_and_note_and_every_footnote_in_order() {
    let ws = Workspace::new("library");
    let library = ws.open();
    library.import().unwrap();
    let quotes = ["A second claim follows", "with emphasis and a link"];
    for (q, note) in quotes.iter().zip(["Check against Carr.", "Which link?"]) {
        highlight(&library, q, note);
    }
    let article = library.get_article("alpha").unwrap();
    let dir = tempfile::tempdir().unwrap();
    for placement in [NotesPlacement::End, NotesPlacement::Margin] {
        let pdf = dir.path().join(format!("{placement:?}.pdf"));
        std::fs::write(&pdf, library.article_pdf("alpha", placement).unwrap()).unwrap();

        let text = words(&poppler("pdftotext", &[], &pdf));
        let mut at = 0;
        let mut expect = |what: &str| {
            let found = text[at..]
                .find(what)
                .unwrap_or_else(|| panic!("{placement:?}: `{what}` after {at} in: {text}"));
            at += found + what.len();
        };
        expect(&article.meta.title);
        expect(article.meta.subtitle.as_deref().unwrap());
        expect("5 December 1922");
        expect(quotes[0]);
        if placement == NotesPlacement::Margin {
            expect("Check against Carr.");
        }
        expect("emphasis");
        expect("A block quote of our own words");
        expect("Footnotes");
        expect("E.H. Carr, Socialism in One Country");
        expect("The second note.");
        if placement == NotesPlacement::End {
            expect("Notes");
            expect(quotes[0]);
            expect("Check against Carr.");
            expect(quotes[1]);
            expect("Which link?");
        }

        let info = poppler("pdfinfo", &[], &pdf);
        let authors: Vec<&str> = article
            .meta
            .authors
            .iter()
            .map(|a| a.name.as_str())
            .collect();
        assert!(
            info.contains(&format!("Title:           {}", article.meta.title)),
            "{info}"
        );
        assert!(
            info.contains(&format!("Author:          {}", authors.join(", "))),
            "{info}"
        );
        assert!(
            info.contains("Page size:       595.276 x 841.89 pts (A4)"),
            "{info}"
        );
        let bytes = std::fs::read(&pdf).unwrap();
        assert!(
            bytes.windows(9).any(|w| w == b"/Outlines"),
            "the headings make an outline"
        );
        // Every page renders.
        let pages = page_count(&info);
        let prefix = dir.path().join(format!("{placement:?}-page"));
        let status = Command::new("pdftoppm")
            .args(["-r", "30", "-png"])
            .arg(&pdf)
            .arg(&prefix)
            .status()
            .unwrap();
        assert!(status.success());
        let rendered = std::fs::read_dir(dir.path())
            .unwrap()
            .filter(|e| {
                e.as_ref()
                    .unwrap()
                    .file_name()
                    .to_string_lossy()
                    .starts_with(&format!("{placement:?}-page"))
            })
            .count();
        assert_eq!(rendered, pages);
    }
}

/// Adds a highlight on `quote` in `alpha` with `note`.
fn highlight(library: &lectern_core::Library, quote: &str, note: &str) {
    library
        .add_note_by_quote(NewAnnotation {
            article: "alpha".into(),
            note: note.into(),
            ..crate::notes_interop::quote(quote)
        })
        .unwrap();
}

/// A word `pdftotext -bbox` found, with its box in points.
struct Word {
    text: String,
    x: (f64, f64),
    y: (f64, f64),
}

/// The words on the first page of `pdf`, with their boxes.
fn first_page_words(pdf: &Path) -> Vec<Word> {
    let html = poppler("pdftotext", &["-bbox", "-f", "1", "-l", "1"], pdf);
    let number = |tag: &str, name: &str| -> f64 {
        let at = tag.find(&format!("{name}=\"")).unwrap() + name.len() + 2;
        tag[at..].split('"').next().unwrap().parse().unwrap()
    };
    html.split("<word ")
        .skip(1)
        .map(|w| {
            let (tag, rest) = w.split_once('>').unwrap();
            Word {
                text: rest.split("</word>").next().unwrap().to_owned(),
                x: (number(tag, "xMin"), number(tag, "xMax")),
                y: (number(tag, "yMin"), number(tag, "yMax")),
            }
        })
        .collect()
}

#[test]
fn margin_notes_on_one_line_are_set_one_below_another_without_overlapping() {
    let ws = Workspace::new("library");
    let library = ws.open();
    library.import().unwrap();
    // Five notes on the first paragraph's few lines and two on the next paragraph, each long
    // enough to take several lines: a stack of seven, more than Typst's five layout passes.
    let quotes = [
        "The congress met",
        "Moscow",
        "voted",
        "A second claim follows",
        "The first note again",
        "Some words under the first heading",
        "A repeated heading gets",
    ];
    for (i, q) in quotes.iter().enumerate() {
        highlight(
            &library,
            q,
            &format!("Marker{i} begins a note long enough to wrap onto three or four lines in the narrow margin of the page."),
        );
    }
    let dir = tempfile::tempdir().unwrap();
    let pdf = dir.path().join("margin.pdf");
    std::fs::write(
        &pdf,
        library
            .article_pdf("alpha", NotesPlacement::Margin)
            .unwrap(),
    )
    .unwrap();

    // The margin notes start 150 mm (425 pt) from the page's left edge; the text ends before.
    let margin: Vec<Word> = first_page_words(&pdf)
        .into_iter()
        .filter(|w| w.x.0 > 420.0)
        .collect();
    let tops: Vec<f64> = (0..quotes.len())
        .map(|i| {
            margin
                .iter()
                .find(|w| w.text.contains(&format!("Marker{i}")))
                .unwrap_or_else(|| panic!("note {i} is in the margin"))
                .y
                .0
        })
        .collect();
    assert!(
        tops.windows(2).all(|t| t[0] < t[1]),
        "the notes go down the margin in reading order: {tops:?}"
    );
    // Every note ends above the page's foot margin (22 mm, 62 pt, up from 842 pt).
    for w in &margin {
        assert!(
            w.y.1 < 842.0 - 60.0,
            "`{}` runs off the page at {:?}",
            w.text,
            w.y
        );
    }
    // Words on lines next to each other touch by a point or so (their boxes are taller than
    // the line); words of notes set over each other would share most of their height.
    for (i, a) in margin.iter().enumerate() {
        for b in &margin[i + 1..] {
            let apart =
                a.x.1 <= b.x.0 || b.x.1 <= a.x.0 || a.y.1 <= b.y.0 + 2.0 || b.y.1 <= a.y.0 + 2.0;
            assert!(
                apart,
                "`{}` at {:?},{:?} overlaps `{}` at {:?},{:?}",
                a.text, a.x, a.y, b.text, b.x, b.y
            );
        }
    }
}

#[test]
fn the_pages_printed_from_the_app_are_the_pdfs_pages() {
    let ws = Workspace::new("library");
    let library = ws.open();
    library.import().unwrap();
    highlight(&library, "A second claim follows", "Check against Carr.");
    for placement in [
        NotesPlacement::Margin,
        NotesPlacement::End,
        NotesPlacement::None,
    ] {
        let dir = tempfile::tempdir().unwrap();
        let pdf = dir.path().join("a.pdf");
        std::fs::write(&pdf, library.article_pdf("alpha", placement).unwrap()).unwrap();
        let info = poppler("pdfinfo", &[], &pdf);
        let pages = page_count(&info);
        let printed = library.article_print_pages("alpha", placement).unwrap();
        assert_eq!(printed.len(), pages, "{placement:?}");
        for page in &printed {
            assert!(page.starts_with("<svg"), "{placement:?}: an SVG picture");
            assert!(
                page.contains("viewBox=\"0 0 595.2755905511812 841.8897637795276\""),
                "{placement:?}: an A4 page: {}",
                &page[..200.min(page.len())]
            );
        }
        // The yellow highlight is drawn on the page (its fill, as the PDF's preamble sets it),
        // unless the notes are left out.
        assert_eq!(
            printed.iter().any(|p| p.contains("#fbe8a6")),
            placement != NotesPlacement::None,
            "{placement:?}: the highlight"
        );
    }
}

#[test]
fn the_pdf_is_set_in_the_readers_text_size() {
    let ws = Workspace::new("library");
    let library = ws.open();
    library.import().unwrap();
    let dir = tempfile::tempdir().unwrap();
    // The height of a word of the body on the first page, at the reader's size.
    let height = |size: u16| {
        library
            .set_reading_settings(lectern_core::ReadingSettings {
                text_size: size,
                ..library.reading_settings()
            })
            .unwrap();
        let pdf = dir.path().join(format!("{size}.pdf"));
        std::fs::write(
            &pdf,
            library.article_pdf("alpha", NotesPlacement::End).unwrap(),
        )
        .unwrap();
        let word = first_page_words(&pdf)
            .into_iter()
            .find(|w| w.text == "congress")
            .expect("a word of the body");
        word.y.1 - word.y.0
    };
    let usual = height(100);
    let larger = height(150);
    assert!(
        (1.4..1.6).contains(&(larger / usual)),
        "150 % sets the text half as large again: {usual} → {larger}"
    );
}
