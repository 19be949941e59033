//! The Notes view's list through the library on real files: its filters, both orders, pages
//! that together are every note once, and what the filters offer; and the Problems view's pages.

use crate::harness::{imported, Workspace};
use lectern_core::notes::anchor::Status;
use lectern_core::notes::{Annotation, NotesQuery, NotesSort};
use std::collections::HashSet;

const COUNT: usize = 250;

/// A note on `article` made on day `day` of January 2026 at second `i`.
fn note(i: usize, article: &str) -> Annotation {
    Annotation {
        id: format!("urn:uuid:00000000-0000-4000-8000-{i:012}"),
        article: article.into(),
        quote: format!("quote number {i}"),
        prefix: String::new(),
        suffix: String::new(),
        start: (i * 10) as u32,
        end: (i * 10 + 5) as u32,
        note: if i % 50 == 7 {
            "On Münzenberg's press".into()
        } else {
            format!("note {i}")
        },
        html: String::new(),
        tags: if i.is_multiple_of(3) {
            vec!["Method".into()]
        } else {
            vec![]
        },
        // One colour the app does not offer: it is shown, and chosen, as yellow.
        color: ["yellow", "green", "orange", "blue", "pink"][i % 5].into(),
        status: if i % 10 == 9 {
            Status::Orphaned
        } else {
            Status::Anchored
        },
        confidence: 1.0,
        created: format!("2026-01-{:02}T10:00:{:02}Z", 1 + i % 28, i % 60),
        modified: "2026-01-01T00:00:00Z".into(),
        whole_article: false,
        parent: None,
        uri: None,
    }
}

/// A library with two articles whose slugs sort the other way round from their titles, and
/// notes on both and on an article it does not have.
fn noted() -> (Workspace, lectern_core::Library) {
    let ws = Workspace::new("library");
    let article = |title: &str| {
        format!(
            "+++\ntitle = \"{title}\"\nauthors = [\"ada-lovelace\"]\ndate = \"1922\"\n+++\nText.\n"
        )
    };
    ws.write("articles/a-congress.md", &article("Zeta congress"));
    ws.write("articles/b-strike.md", &article("Alpha strike"));
    let lib = ws.open();
    lib.import().unwrap();
    for i in 0..COUNT {
        let on = ["a-congress", "b-strike", "gone-article"][i % 3];
        lib.notes().restore_note(&note(i, on)).unwrap();
    }
    (ws, lib)
}

fn query(sort: NotesSort, offset: u32, limit: u32) -> NotesQuery {
    NotesQuery {
        sort,
        offset,
        limit,
        ..NotesQuery::default()
    }
}

fn all_pages(lib: &lectern_core::Library, q: &NotesQuery) -> Vec<Annotation> {
    let mut all = Vec::new();
    let mut offset = 0;
    loop {
        let page = lib
            .notes_page(&NotesQuery {
                offset,
                limit: 100,
                ..q.clone()
            })
            .unwrap();
        if page.notes.is_empty() {
            return all;
        }
        offset += page.notes.len() as u32;
        all.extend(page.notes);
    }
}

#[test]
fn pages_of_the_newest_first_hold_every_note_once_in_order() {
    let (_ws, lib) = noted();
    let first = lib.notes_page(&query(NotesSort::Newest, 0, 100)).unwrap();
    assert_eq!((first.total, first.notes.len()), (COUNT as u32, 100));
    let last = lib.notes_page(&query(NotesSort::Newest, 200, 100)).unwrap();
    assert_eq!(last.notes.len(), 50);
    let beyond = lib.notes_page(&query(NotesSort::Newest, 900, 100)).unwrap();
    assert_eq!((beyond.total, beyond.notes.len()), (COUNT as u32, 0));

    let all = all_pages(&lib, &query(NotesSort::Newest, 0, 0));
    assert_eq!(
        all.iter().map(|a| &a.id).collect::<HashSet<_>>().len(),
        COUNT
    );
    assert!(
        all.windows(2).all(|w| w[0].created >= w[1].created),
        "newest first"
    );
    // A page is read in full: tags and the note's HTML.
    let tagged = all.iter().find(|a| a.id.ends_with("000000000003")).unwrap();
    assert_eq!(tagged.tags, ["Method"]);
    assert!(tagged.html.contains("<p>note 3</p>"), "{}", tagged.html);
    // A page names its articles, those the library has.
    let titles = &first.titles;
    assert!(
        titles.len() <= 2
            && titles
                .values()
                .all(|t| t == "Zeta congress" || t == "Alpha strike"),
        "{titles:?}"
    );
    assert!(!titles.contains_key("gone-article"));
}

#[test]
fn by_article_orders_by_title_then_place_and_names_missing_articles_by_slug() {
    let (_ws, lib) = noted();
    let all = all_pages(&lib, &query(NotesSort::Article, 0, 0));
    let order: Vec<&str> = all.iter().map(|a| a.article.as_str()).collect();
    let runs: Vec<&str> = order.iter().fold(Vec::new(), |mut runs, a| {
        if runs.last() != Some(a) {
            runs.push(*a);
        }
        runs
    });
    // "Alpha strike" (b-strike), then "gone-article" (no title: its slug), then "Zeta congress".
    assert_eq!(runs, ["b-strike", "gone-article", "a-congress"]);
    assert!(all
        .windows(2)
        .filter(|w| w[0].article == w[1].article)
        .all(|w| w[0].start <= w[1].start));
}

#[test]
fn filters_combine_and_words_are_found_whatever_their_case_and_accents() {
    let (_ws, lib) = noted();
    let count = |q: NotesQuery| lib.notes_page(&NotesQuery { limit: 1000, ..q }).unwrap();
    let expect = |keep: &dyn Fn(&Annotation) -> bool| {
        (0..COUNT).map(|i| note(i, "")).filter(|a| keep(a)).count() as u32
    };

    let found = count(NotesQuery {
        text: Some("MUNZENBERG press".into()),
        ..NotesQuery::default()
    });
    assert_eq!(found.total, expect(&|a| a.note.contains("Münzenberg")));
    assert!(found.total > 0);
    let tagged = count(NotesQuery {
        text: Some("method".into()),
        ..NotesQuery::default()
    });
    assert_eq!(
        tagged.total,
        expect(&|a| !a.tags.is_empty()),
        "tags are searched"
    );

    let yellow = count(NotesQuery {
        color: Some("yellow".into()),
        ..NotesQuery::default()
    });
    assert_eq!(
        yellow.total,
        expect(&|a| a.color == "yellow" || a.color == "orange")
    );
    let orphaned = count(NotesQuery {
        status: Some(Status::Orphaned),
        ..NotesQuery::default()
    });
    assert_eq!(orphaned.total, expect(&|a| a.status == Status::Orphaned));
    let dated = count(NotesQuery {
        from: Some("2026-01-05".into()),
        to: Some("2026-01-06".into()),
        ..NotesQuery::default()
    });
    assert_eq!(
        dated.total,
        expect(&|a| ("2026-01-05".."2026-01-07").contains(&&a.created[..10]))
    );
    assert!(dated
        .notes
        .iter()
        .all(|a| ("2026-01-05".."2026-01-07").contains(&&a.created[..10])));

    let both = count(NotesQuery {
        article: Some("a-congress".into()),
        tag: Some("Method".into()),
        ..NotesQuery::default()
    });
    assert!(both.total > 0);
    assert!(both
        .notes
        .iter()
        .all(|a| a.article == "a-congress" && a.tags == ["Method"]));
    let blank = count(NotesQuery {
        text: Some("  ".into()),
        color: Some(String::new()),
        ..NotesQuery::default()
    });
    assert_eq!(blank.total, COUNT as u32, "blank filters filter nothing");
}

#[test]
fn the_filters_offer_the_noted_articles_by_title_with_counts_and_the_tags() {
    let (_ws, lib) = noted();
    let facets = lib.notes_facets().unwrap();
    assert_eq!(facets.total, COUNT as u32);
    let listed: Vec<(&str, &str, u32)> = facets
        .articles
        .iter()
        .map(|a| (a.slug.as_str(), a.title.as_str(), a.count))
        .collect();
    assert_eq!(
        listed,
        [
            ("b-strike", "Alpha strike", 83),
            ("gone-article", "gone-article", 83),
            ("a-congress", "Zeta congress", 84)
        ]
    );
    assert_eq!(facets.tags, ["Method"]);
}

#[test]
fn a_thread_is_found_by_the_words_of_its_replies() {
    let (_ws, lib) = noted();
    let head = note(4, "b-strike");
    let reply = Annotation {
        id: "urn:uuid:00000000-0000-4000-8000-00000000f00d".into(),
        note: "Compare the Kronstadt resolution".into(),
        parent: Some(head.id.clone()),
        created: "2026-02-01T10:00:00Z".into(),
        ..note(900, "b-strike")
    };
    lib.notes().restore_note(&reply).unwrap();
    let found = lib
        .notes_page(&NotesQuery {
            text: Some("kronstadt".into()),
            limit: 100,
            ..NotesQuery::default()
        })
        .unwrap();
    let ids: Vec<&str> = found.notes.iter().map(|a| a.id.as_str()).collect();
    assert_eq!(ids, [head.id.as_str()], "the thread's head, once");
    assert_eq!(found.total, 1);
}

#[test]
fn problems_come_in_pages_that_together_are_the_whole_list() {
    let lib = imported("broken");
    let every = lib.list_problems().unwrap();
    assert!(every.len() > 3, "the fixture has problems");
    let mut paged = Vec::new();
    for offset in (0..every.len() as u32 + 2).step_by(2) {
        let page = lib.problems_page(offset, 2).unwrap();
        assert_eq!(page.total as usize, every.len());
        paged.extend(page.problems);
    }
    assert_eq!(paged, every);
    let files: HashSet<&str> = every.iter().map(|p| p.path.as_str()).collect();
    assert_eq!(lib.problems_page(0, 0).unwrap().files as usize, files.len());
}
