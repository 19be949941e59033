//! An article with the reader's notes as PDF, read back by a PDF tool as a reader's viewer
//! would (`pdftotext`, `pdfinfo`, `pdftoppm` from poppler-utils, which `scripts/setup.sh
//! --e2e` installs): its text holds the head, every quote and note and every footnote, in
//! order; its metadata the title and authors; its outline the headings; its pages render.

use crate::harness::Workspace;
use lectern_core::notes::anchor::Quote;
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
        library
            .add_note_by_quote(NewAnnotation {
                article: "alpha".into(),
                quote: Quote {
                    exact: (*q).into(),
                    ..Quote::default()
                },
                note: note.into(),
                tags: vec![],
                color: None,
            })
            .unwrap();
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
        let pages: usize = info
            .lines()
            .find_map(|l| l.strip_prefix("Pages:"))
            .unwrap()
            .trim()
            .parse()
            .unwrap();
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
