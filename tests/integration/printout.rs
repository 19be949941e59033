//! An article printed with the reader's notes as one HTML file, on the fixture library and a
//! real notes.sqlite: everything inside (styles, the picture), no script; the head names the
//! article; each highlight marks exactly its quote, numbered in reading order; the notes
//! beside or after the text, or none; the article's footnotes after it, in order.

use crate::harness::Workspace;
use lectern_core::notes::anchor::Quote;
use lectern_core::notes::NewAnnotation;
use lectern_core::printout::NotesPlacement;
use lectern_core::Library;

const SLUG: &str = "alpha";
/// Passages of the fixture's `alpha`, in reading order; the second crosses an emphasis.
const FIRST: &str = "A second claim follows";
const SECOND: &str = "with emphasis and a link";

fn note(library: &Library, quote: &str, note: &str, color: &str) -> String {
    library
        .add_note_by_quote(NewAnnotation {
            article: SLUG.into(),
            quote: Quote {
                exact: quote.into(),
                ..Quote::default()
            },
            note: note.into(),
            tags: vec!["to-check".into()],
            color: Some(color.into()),
        })
        .unwrap()
        .id
}

/// The text of `html` with its tags taken out (a block's end as a space) and its spaces
/// made single.
fn text_of(html: &str) -> String {
    const BLOCKS: [&str; 12] = [
        "p",
        "h1",
        "h2",
        "h3",
        "li",
        "ol",
        "blockquote",
        "header",
        "div",
        "section",
        "figure",
        "figcaption",
    ];
    let mut out = String::new();
    let mut tag: Option<String> = None;
    for c in html.chars() {
        match (&mut tag, c) {
            (None, '<') => tag = Some(String::new()),
            (Some(t), '>') => {
                let name: String = t
                    .trim_start_matches('/')
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric())
                    .collect();
                if BLOCKS.contains(&name.as_str()) {
                    out.push(' ');
                }
                tag = None;
            }
            (Some(t), c) => t.push(c),
            (None, c) => out.push(c),
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Each highlight's marked words, in the order they stand in the file, and their class: the
/// marks up to the next note number are one highlight (an element in the passage, like an
/// emphasis, breaks it into several marks).
fn marked(html: &str) -> Vec<(String, String)> {
    let mut found: Vec<(String, String)> = Vec::new();
    let mut open = false;
    let mut rest = html;
    while let Some(at) = rest.find("<mark class=\"") {
        if rest[..at].contains("note-ref") {
            open = false;
        }
        rest = &rest[at + 13..];
        let class = rest[..rest.find('"').unwrap()].to_owned();
        let close = rest.find("</mark>").unwrap();
        let words = &rest[rest.find('>').unwrap() + 1..close];
        match found.last_mut() {
            Some((w, _)) if open => w.push_str(words),
            _ => found.push((words.to_owned(), class)),
        }
        open = true;
        rest = &rest[close..];
    }
    found.into_iter().map(|(w, c)| (text_of(&w), c)).collect()
}

#[test]
fn an_article_with_its_notes_is_one_file_with_its_picture_and_no_script() {
    let ws = Workspace::new("library");
    let library = ws.open();
    library.import().unwrap();
    note(&library, SECOND, "Which *link*?", "green");
    note(&library, FIRST, "Check against Carr.", "yellow");

    let html = library.article_html(SLUG, NotesPlacement::End).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(!html.to_lowercase().contains("<script"), "no script");
    assert!(!html.contains("onclick"));
    assert!(html.contains("default-src 'none'; img-src data:"));
    let img = &html[html.find("<img").expect("the picture is there")..];
    assert!(
        img.starts_with("<img src=\"data:image/svg+xml;base64,"),
        "{}",
        &img[..80]
    );
    assert!(
        !html.contains("lectern-media:"),
        "no address outside the file"
    );

    // The head: series, title, subtitle, authors and date as a reader writes it.
    let article = library.get_article(SLUG).unwrap();
    let m = &article.meta;
    let series = m.series.as_ref().unwrap();
    let authors: Vec<&str> = m.authors.iter().map(|a| a.name.as_str()).collect();
    assert_eq!(m.date, "1922-12-05");
    let head = text_of(&html[html.find("<header").unwrap()..html.find("</header>").unwrap()]);
    assert_eq!(
        head,
        format!(
            "{} · Part {} of {} {} {} {} · 5 December 1922",
            series.title,
            series.part,
            series.total,
            m.title,
            m.subtitle.as_deref().unwrap(),
            authors.join(", ")
        )
    );

    // Each highlight marks its quote exactly, in reading order, numbered 1 and 2.
    assert_eq!(
        marked(&html),
        vec![
            (FIRST.to_owned(), "hl hl-yellow".to_owned()),
            (SECOND.to_owned(), "hl hl-green".to_owned())
        ]
    );
    let first_ref = html.find("href=\"#note-1\"").unwrap();
    let second_ref = html.find("href=\"#note-2\"").unwrap();
    assert!(html.find(FIRST).unwrap() < first_ref && first_ref < second_ref);

    // The article's footnotes after its text, in order; then the notes, with quote and text.
    let text = text_of(&html);
    let carr = text.find("E.H. Carr, Socialism in One Country").unwrap();
    let second_note = text.find("The second note.").unwrap();
    let notes = text.rfind("Notes").unwrap();
    assert!(text.find("A block quote of our own words").unwrap() < carr);
    assert!(carr < second_note && second_note < notes);
    let end = &text[notes..];
    let one = end
        .find(&format!("{FIRST} Check against Carr. #to-check"))
        .unwrap();
    let two = end
        .find(&format!("{SECOND} Which link? #to-check"))
        .unwrap();
    assert!(one < two, "{end}");
}

#[test]
fn notes_go_beside_the_text_after_it_or_nowhere() {
    let ws = Workspace::new("library");
    let library = ws.open();
    library.import().unwrap();
    note(&library, FIRST, "Check against Carr.", "pink");
    note(&library, SECOND, "", "blue");

    let margin = library.article_html(SLUG, NotesPlacement::Margin).unwrap();
    let beside = &margin[margin.find("<span class=\"margin-note\"").unwrap()..];
    assert!(beside.starts_with(
        "<span class=\"margin-note\" id=\"note-1\"><b>1</b> Check against Carr. #to-check</span>"
    ), "{}", &beside[..120]);
    // In the margin the note follows its highlight, inside the paragraph.
    assert!(margin
        .find("A second claim follows</mark><sup class=\"note-ref\">")
        .is_some());
    // A highlight with no note (but tags) is in the margin too; nothing is left for the end.
    assert_eq!(margin.matches("class=\"margin-note\"").count(), 2);
    assert!(!margin.contains("<section class=\"reader-notes\">"));

    let end = library.article_html(SLUG, NotesPlacement::End).unwrap();
    assert!(!end.contains("class=\"margin-note\""));
    assert!(end.contains("<section class=\"reader-notes\">"));

    let none = library.article_html(SLUG, NotesPlacement::None).unwrap();
    let none = &none[none.find("</head>").unwrap()..];
    assert!(
        !none.contains("<mark")
            && !none.contains("class=\"note-ref\"")
            && !none.contains("Check against Carr")
    );
    assert!(text_of(none).contains("E.H. Carr"), "the footnotes stay");
}

#[test]
fn an_unknown_article_is_named() {
    let ws = Workspace::new("library");
    let library = ws.open();
    library.import().unwrap();
    let err = library
        .article_html("no-such-article", NotesPlacement::End)
        .unwrap_err();
    assert!(err.message.contains("no-such-article"), "{}", err.message);
}
