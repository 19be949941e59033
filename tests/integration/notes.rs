//! Notes through the library on real files: placing, re-anchoring after content edits and
//! removals, surviving a rebuild, the migration from the first schema with its backup, a
//! damaged file set aside and restored, search, bookmarks and reading positions. (Exchange:
//! `notes_exchange.rs`; the crash test: `notes_crash.rs`.)

use crate::harness::{fixture, Workspace};
use lectern_core::notes::anchor::{Quote, Status};
use lectern_core::notes::{Filter, NewAnnotation, Notes, NOTES_FILE};
use std::path::Path;

const ARTICLE: &str =
    "+++\ntitle = \"Congress\"\nauthors = [\"ada-lovelace\"]\ndate = \"1922\"\n+++\n";

fn body(paragraphs: &[&str]) -> String {
    format!("{ARTICLE}{}\n", paragraphs.join("\n\n"))
}

/// A workspace whose data folder holds the notes.sqlite of the first schema (the fixture).
fn first_schema_notes() -> Workspace {
    let ws = Workspace::new("library");
    std::fs::create_dir_all(ws.data()).unwrap();
    std::fs::copy(
        fixture("notes-v1").join(NOTES_FILE),
        ws.data().join(NOTES_FILE),
    )
    .unwrap();
    ws
}

fn new(quote: &str, note: &str) -> NewAnnotation {
    NewAnnotation {
        article: "congress".into(),
        quote: Quote {
            exact: quote.into(),
            ..Quote::default()
        },
        note: note.into(),
        tags: vec!["method".into()],
        color: None,
    }
}

#[test]
fn notes_follow_their_passages_through_edits_and_removals() {
    let ws = Workspace::new("library");
    let first = "The delegates argued about the united front for eleven days.";
    let second = "Zinoviev closed the session with a long report on the situation in Germany.";
    let third = "A short paragraph that will be cut.";
    ws.write("articles/congress.md", &body(&[first, second, third]));
    let lib = ws.open();
    lib.import().unwrap();
    let moved = lib
        .add_note_by_quote(new("a long report on the situation in Germany", ""))
        .unwrap();
    let typo = lib
        .add_note_by_quote(new("argued about the united front", ""))
        .unwrap();
    let cut = lib.add_note_by_quote(new("will be cut", "")).unwrap();
    let err = lib.add_note_by_quote(new("not in it", "")).unwrap_err();
    assert_eq!(err.kind, lectern_core::ErrorKind::NotFound);

    // A paragraph inserted before, a word changed inside a quote, a paragraph deleted.
    let edited_first = first.replace("argued", "disputed");
    ws.write(
        "articles/congress.md",
        &body(&["A new opening paragraph.", &edited_first, second]),
    );
    lib.import().unwrap();
    let status = |id: &str| lib.notes().get(id).unwrap();
    let m = status(&moved.id);
    assert_eq!(m.status, Status::Moved);
    assert_eq!(m.end - m.start, moved.end - moved.start);
    assert!(m.start > moved.start);
    let f = status(&typo.id);
    assert_eq!(f.status, Status::Fuzzy);
    assert!(
        f.confidence >= 0.75 && f.confidence < 1.0,
        "{}",
        f.confidence
    );
    let o = status(&cut.id);
    assert_eq!(
        (o.status, o.quote.as_str()),
        (Status::Orphaned, "will be cut")
    );

    // A rebuild of the library changes nothing for the notes.
    lib.rebuild().unwrap();
    assert_eq!(lib.notes().list_notes(&Filter::default()).unwrap().len(), 3);

    // The article deleted: every note on it is kept, as an orphan.
    std::fs::remove_file(ws.content().join("articles/congress.md")).unwrap();
    lib.import().unwrap();
    let orphans = lib
        .notes()
        .list_notes(&Filter {
            status: Some(Status::Orphaned),
            ..Filter::default()
        })
        .unwrap();
    assert_eq!(orphans.len(), 3);
    let tagged = lib
        .notes()
        .list_notes(&Filter {
            tag: Some("method".into()),
            ..Filter::default()
        })
        .unwrap();
    assert_eq!(tagged.len(), 3);
}

#[test]
fn a_notes_file_of_the_first_schema_is_backed_up_and_migrated_with_nothing_lost() {
    let ws = first_schema_notes();
    let notes = Notes::open(&ws.data()).unwrap();
    let backup = notes
        .opened
        .backed_up
        .clone()
        .expect("a backup before migrating");
    // The backup is the first schema, whole.
    let old = rusqlite::Connection::open(&backup).unwrap();
    let version: i64 = old
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    let count: i64 = old
        .query_row("SELECT count(*) FROM annotations", [], |r| r.get(0))
        .unwrap();
    assert_eq!((version, count), (1, 2));
    let all = notes.list_notes(&Filter::default()).unwrap();
    assert_eq!(all.len(), 2);
    let a = &all[0];
    assert_eq!(a.id, "urn:uuid:6f1d2c3e-0000-4000-8000-000000000001");
    assert_eq!(a.note, "A note written with the **first** schema.");
    assert_eq!(a.tags, ["method", "sources"]);
    assert_eq!((a.color.as_str(), a.start, a.end), ("green", 8, 18));
    assert_eq!(a.modified, "2026-01-03T11:00:00Z");
    assert_eq!(a.confidence, 1.0);
    assert_eq!(all[1].status, Status::Orphaned);
    let conn = rusqlite::Connection::open(ws.data().join(NOTES_FILE)).unwrap();
    let kept: (i64, i64) = conn
        .query_row(
            "SELECT (SELECT count(*) FROM bookmarks), (SELECT offset FROM reading_positions)",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!(kept, (1, 120));
    // Opening again finds nothing to do.
    drop(notes);
    assert_eq!(Notes::open(&ws.data()).unwrap().opened.backed_up, None);
}

#[test]
fn a_damaged_notes_file_is_set_aside_and_the_newest_good_backup_restored() {
    let ws = first_schema_notes();
    drop(Notes::open(&ws.data()).unwrap()); // migrates, leaving a backup of the first schema
    std::fs::write(
        ws.data().join(NOTES_FILE),
        b"not a database at all, just bytes that were once notes",
    )
    .unwrap();
    let notes = Notes::open(&ws.data()).unwrap();
    let r = notes.opened.recovered.clone().expect("the reader is told");
    assert!(
        Path::new(&r.set_aside).is_file(),
        "the damaged file is kept: {}",
        r.set_aside
    );
    assert!(r.restored.is_some() && r.taken.is_some(), "{r:?}");
    assert_eq!(notes.list_notes(&Filter::default()).unwrap().len(), 2);

    // With no backup at all, the reader is still told; the damaged file is still kept.
    let bare = tempfile::tempdir().unwrap();
    std::fs::write(
        bare.path().join(NOTES_FILE),
        b"garbage garbage garbage garbage garbage garbage",
    )
    .unwrap();
    let notes = Notes::open(bare.path()).unwrap();
    let r = notes.opened.recovered.clone().expect("the reader is told");
    assert_eq!(r.restored, None);
    assert!(Path::new(&r.set_aside).is_file());
}

#[test]
fn notes_join_the_one_search_and_leave_it_when_deleted() {
    use lectern_core::search::{SearchKind, SearchOptions};
    let ws = Workspace::new("library");
    let lib = ws.open();
    lib.import().unwrap();
    let a = lib
        .add_note_by_quote(NewAnnotation {
            article: "alpha".into(),
            quote: Quote {
                exact: "A second claim".into(),
                ..Quote::default()
            },
            note: "Compare the zeppelin argument in Carr.".into(),
            tags: vec!["airships".into()],
            color: None,
        })
        .unwrap();
    let results = lib.search("zeppelin", &SearchOptions::default()).unwrap();
    assert_eq!(results.hits.len(), 1);
    let hit = &results.hits[0];
    assert_eq!(
        (hit.kind, hit.id.clone()),
        (SearchKind::Note, format!("alpha/{}", a.id))
    );
    assert!(hit.title.starts_with("Note on Alpha"), "{}", hit.title);
    assert!(hit.passage.text.contains("zeppelin"));
    assert!(results
        .counts
        .iter()
        .any(|c| c.kind == SearchKind::Note && c.count == 1));
    // The quote's words find the article and the note, ranked together; a tag finds the note.
    let both = lib
        .search("\"second claim\"", &SearchOptions::default())
        .unwrap();
    let kinds: Vec<SearchKind> = both.hits.iter().map(|h| h.kind).collect();
    assert!(
        kinds.contains(&SearchKind::Note) && kinds.contains(&SearchKind::Article),
        "{kinds:?}"
    );
    let only = SearchOptions {
        kinds: vec![SearchKind::Note],
        ..SearchOptions::default()
    };
    assert_eq!(lib.search("airships", &only).unwrap().hits.len(), 1);
    lib.notes().delete_note(&a.id).unwrap();
    assert!(lib
        .search("zeppelin", &SearchOptions::default())
        .unwrap()
        .hits
        .is_empty());
}

#[test]
fn bookmarks_and_reading_positions_are_kept_across_opens() {
    let ws = Workspace::new("library");
    {
        let lib = ws.open();
        assert!(lib.notes().toggle_bookmark("alpha").unwrap());
        assert!(lib.notes().toggle_bookmark("beta").unwrap());
        assert!(!lib.notes().toggle_bookmark("beta").unwrap());
        lib.notes().save_position("alpha", 120).unwrap();
        lib.notes().save_position("beta", 40).unwrap();
        lib.notes().save_position("alpha", 300).unwrap();
    }
    let lib = ws.open();
    assert_eq!(lib.notes().list_bookmarks().unwrap(), ["alpha"]);
    let p = lib.notes().reading_positions().unwrap();
    assert_eq!(p.len(), 2);
    assert_eq!(
        (p[0].article.as_str(), p[0].offset),
        ("alpha", 300),
        "most recent first"
    );
}
