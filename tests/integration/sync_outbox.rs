//! The local side of notes sync (`lectern_core::notes::sync::outbox`) on real notes.sqlite files:
//! every write of the reader's leaves exactly one record in the outbox, in the write's own
//! transaction, with a rising sequence number and clock; a write that fails leaves none; the
//! device id is made once per data folder and kept; a deletion is remembered after its row
//! is gone.

use crate::harness::fixture;
use lectern_core::notes::anchor::Quote;
use lectern_core::notes::sync::rule::Value;
use lectern_core::notes::sync::{Change, Record};
use lectern_core::notes::{Annotation, Incoming, NewAnnotation, Notes, NOTES_FILE};
use std::path::Path;

const TEXT: &str = "The delegates argued about the united front for eleven days. \
     Zinoviev closed the session with a long report on the situation in Germany.";

fn new(quote: &str) -> NewAnnotation {
    NewAnnotation {
        article: "congress".into(),
        quote: Quote {
            exact: quote.into(),
            ..Quote::default()
        },
        note: "a note".into(),
        tags: vec!["method".into()],
        color: None,
    }
}

fn kind(r: &Record) -> String {
    match &r.change {
        Change::Annotation { state, .. } => format!("annotation {}", state.id),
        Change::Delete { id } => format!("delete {id}"),
        Change::Bookmark { article, set } => format!("bookmark {article} {set}"),
        Change::Position { article, offset } => format!("position {article} {offset}"),
    }
}

/// Checks the outbox holds what it held before plus exactly one record, of `expected`
/// kind, after the last one in sequence and clock; returns that record.
fn one_more(notes: &Notes, before: &mut Vec<Record>, expected: &str) -> Record {
    let now = notes.outbox().unwrap();
    assert_eq!(
        now.len(),
        before.len() + 1,
        "{expected}: {:#?}",
        &now[before.len()..]
    );
    assert_eq!(
        &now[..before.len()],
        &before[..],
        "earlier records unchanged"
    );
    let r = now.last().unwrap().clone();
    assert_eq!(kind(&r), expected);
    assert_eq!(r.device, notes.device_id().unwrap());
    assert_eq!(
        r.seq,
        before.len() as u64 + 1,
        "sequence numbers from 1, no gaps"
    );
    if let Some(last) = before.last() {
        assert!(r.hlc > last.hlc, "{} after {}", r.hlc, last.hlc);
    }
    *before = now;
    r
}

fn unchanged(notes: &Notes, before: &[Record], what: &str) {
    assert_eq!(notes.outbox().unwrap(), before, "{what} recorded something");
}

fn imported(from: &Annotation, id: &str, modified: &str) -> Incoming {
    Incoming {
        item: 1,
        annotation: Annotation {
            id: id.into(),
            modified: modified.into(),
            ..from.clone()
        },
    }
}

#[test]
fn every_kind_of_write_leaves_one_record_with_rising_seq_and_stamp() {
    let dir = tempfile::tempdir().unwrap();
    let notes = Notes::open(dir.path()).unwrap();
    let mut seen = Vec::new();
    unchanged(&notes, &seen, "opening");

    let a = notes.add(TEXT, new("united front")).unwrap();
    let r = one_more(&notes, &mut seen, &format!("annotation {}", a.id));
    let Change::Annotation { state, seen_delete } = &r.change else {
        unreachable!()
    };
    assert_eq!((state.note.as_str(), seen_delete), ("a note", &None));
    assert_eq!(state.tags, ["method"]);

    let b = notes.add_at(TEXT, 4, 13, new("")).unwrap();
    one_more(&notes, &mut seen, &format!("annotation {}", b.id));

    notes
        .edit_note(&a.id, Some("edited".into()), None, Some("blue".into()))
        .unwrap();
    let r = one_more(&notes, &mut seen, &format!("annotation {}", a.id));
    let Change::Annotation { state, .. } = &r.change else {
        unreachable!()
    };
    assert_eq!(
        (state.note.as_str(), state.color.as_str()),
        ("edited", "blue")
    );

    notes.reattach(&b.id, "congress", TEXT, 0, 3).unwrap();
    let r = one_more(&notes, &mut seen, &format!("annotation {}", b.id));
    let Change::Annotation { state, .. } = &r.change else {
        unreachable!()
    };
    assert_eq!(
        (state.start, state.end, state.quote.as_str()),
        (0, 3, "The")
    );

    let gone = notes.get(&b.id).unwrap();
    notes.delete_note(&b.id).unwrap();
    one_more(&notes, &mut seen, &format!("delete {}", b.id));

    notes.restore_note(&gone).unwrap();
    one_more(&notes, &mut seen, &format!("annotation {}", b.id));

    assert!(notes.toggle_bookmark("congress").unwrap());
    one_more(&notes, &mut seen, "bookmark congress true");
    assert!(!notes.toggle_bookmark("congress").unwrap());
    one_more(&notes, &mut seen, "bookmark congress false");

    notes.save_position("congress", 42).unwrap();
    one_more(&notes, &mut seen, "position congress 42");

    // An import: one record per annotation added or replaced, none for one kept as it was.
    let merged = notes
        .merge(
            vec![
                imported(
                    &a,
                    "urn:uuid:00000000-0000-4000-8000-0000000000aa",
                    &a.modified,
                ),
                imported(&a, &a.id, "2000-01-01T00:00:00Z"),
            ],
            &|_| Some(TEXT.to_owned()),
        )
        .unwrap();
    assert_eq!((merged.added, merged.updated, merged.unchanged), (1, 0, 1));
    one_more(
        &notes,
        &mut seen,
        "annotation urn:uuid:00000000-0000-4000-8000-0000000000aa",
    );

    // Placement derived from the article's text is this device's own: no record.
    let changed = format!("A new first sentence. {TEXT}");
    let done = notes.reanchor("congress", &changed).unwrap();
    assert!(done.moved + done.anchored > 0, "{done:?}");
    unchanged(&notes, &seen, "re-anchoring");
    assert!(notes.orphan_article("congress").unwrap() > 0);
    unchanged(&notes, &seen, "orphaning a removed article's notes");
}

#[test]
fn a_failed_write_leaves_no_record() {
    let dir = tempfile::tempdir().unwrap();
    let notes = Notes::open(dir.path()).unwrap();
    let a = notes.add(TEXT, new("united front")).unwrap();
    let before = notes.outbox().unwrap();
    assert_eq!(before.len(), 1);
    let missing = "urn:uuid:00000000-0000-4000-8000-000000000000";

    assert!(notes.add(TEXT, new("not in the text")).is_err());
    assert!(notes.add_at(TEXT, 5, 5, new("")).is_err());
    assert!(notes
        .edit_note(missing, Some("x".into()), None, None)
        .is_err());
    assert!(notes.delete_note(missing).is_err());
    assert!(notes.reattach(&a.id, "congress", TEXT, 9, 2_000).is_err());
    assert!(notes.reattach(missing, "congress", TEXT, 0, 3).is_err());
    let homeless = Annotation {
        article: String::new(),
        ..a.clone()
    };
    assert!(notes.restore_note(&homeless).is_err());
    let merged = notes
        .merge(
            vec![imported(&homeless, missing, "2100-01-01T00:00:00Z")],
            &|_| Some(TEXT.to_owned()),
        )
        .unwrap();
    assert_eq!(merged.unreadable.len(), 1);
    assert_eq!(notes.outbox().unwrap(), before);
    assert!(notes.sync_entry(missing).unwrap().is_none());
}

/// The record is part of the write's transaction: when appending it fails, the write is
/// rolled back with it, and the next write takes the sequence number that was not used.
#[test]
fn a_write_whose_record_cannot_be_appended_is_rolled_back() {
    let dir = tempfile::tempdir().unwrap();
    let notes = Notes::open(dir.path()).unwrap();
    let a = notes.add(TEXT, new("united front")).unwrap();
    let raw = rusqlite::Connection::open(dir.path().join(NOTES_FILE)).unwrap();
    // Another record already at the next sequence number: the append fails.
    raw.execute(
        "INSERT INTO sync_outbox (seq, line) VALUES (2, 'in the way')",
        [],
    )
    .unwrap();

    assert!(notes.add(TEXT, new("eleven days")).is_err());
    assert!(notes
        .edit_note(&a.id, Some("lost".into()), None, None)
        .is_err());
    assert!(notes.delete_note(&a.id).is_err());
    assert!(notes.toggle_bookmark("congress").is_err());
    assert!(notes.save_position("congress", 7).is_err());
    let list = notes.list_unrendered(&Default::default()).unwrap();
    assert_eq!(list.len(), 1);
    assert_eq!(list[0].note, "a note");
    assert!(notes.list_bookmarks().unwrap().is_empty());
    assert!(notes.reading_positions().unwrap().is_empty());

    raw.execute("DELETE FROM sync_outbox WHERE seq = 2", [])
        .unwrap();
    notes.save_position("congress", 7).unwrap();
    let seqs: Vec<u64> = notes.outbox().unwrap().iter().map(|r| r.seq).collect();
    assert_eq!(seqs, [1, 2]);
}

fn device_of(dir: &Path) -> String {
    Notes::open(dir).unwrap().device_id().unwrap().to_string()
}

#[test]
fn the_device_id_is_stable_across_reopenings_and_differs_between_data_folders() {
    let one = tempfile::tempdir().unwrap();
    let two = tempfile::tempdir().unwrap();
    let first = device_of(one.path());
    assert_eq!(first.len(), 32, "{first}");
    assert_eq!(device_of(one.path()), first);
    assert_ne!(device_of(two.path()), first);

    // Sequence and clock go on where they were left.
    let last = {
        let notes = Notes::open(one.path()).unwrap();
        notes.save_position("congress", 1).unwrap();
        notes.outbox().unwrap().pop().unwrap()
    };
    let notes = Notes::open(one.path()).unwrap();
    notes.save_position("congress", 2).unwrap();
    let next = notes.outbox().unwrap().pop().unwrap();
    assert_eq!((last.seq, next.seq), (1, 2));
    assert!(next.hlc > last.hlc);
    assert_eq!(next.device.as_str(), first);
}

/// A notes.sqlite of the first schema gets its device id when it is migrated; its notes are
/// kept, and the outbox starts empty.
#[test]
fn a_migrated_notes_file_gets_a_device_id_and_an_empty_outbox() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(
        fixture("notes-v1").join(NOTES_FILE),
        dir.path().join(NOTES_FILE),
    )
    .unwrap();
    let notes = Notes::open(dir.path()).unwrap();
    let id = notes.device_id().unwrap();
    assert!(notes.opened.backed_up.is_some());
    assert!(!notes
        .list_unrendered(&Default::default())
        .unwrap()
        .is_empty());
    assert!(notes.outbox().unwrap().is_empty());
    drop(notes);
    assert_eq!(Notes::open(dir.path()).unwrap().device_id().unwrap(), id);
}

#[test]
fn a_deletions_version_survives_the_row() {
    let dir = tempfile::tempdir().unwrap();
    let id = {
        let notes = Notes::open(dir.path()).unwrap();
        let a = notes.add(TEXT, new("united front")).unwrap();
        notes.delete_note(&a.id).unwrap();
        a.id
    };
    let notes = Notes::open(dir.path()).unwrap();
    assert!(notes.get(&id).is_err(), "the row is gone");
    let deletion = notes.outbox().unwrap().pop().unwrap();
    assert_eq!(kind(&deletion), format!("delete {id}"));
    let entry = notes.sync_entry(&id).unwrap().expect("a tombstone");
    assert_eq!(entry.winner.value, Value::Deleted);
    assert_eq!(entry.winner.hlc, deletion.hlc);
    assert_eq!(entry.winner.after_delete(), Some(&deletion.hlc));
    let edit = entry.latest_edit.expect("the edit before it is kept");
    assert!(edit.hlc < deletion.hlc);
    let Value::Live(state) = &edit.value else {
        unreachable!()
    };
    assert_eq!(state.id, id);

    // Undo: the note comes back by an edit that has seen the deletion.
    let back = Annotation::from((**state).clone());
    notes.restore_note(&back).unwrap();
    let undo = notes.outbox().unwrap().pop().unwrap();
    let Change::Annotation { seen_delete, .. } = &undo.change else {
        unreachable!()
    };
    assert_eq!(seen_delete.as_ref(), Some(&deletion.hlc));
    let entry = notes.sync_entry(&id).unwrap().unwrap();
    assert!(matches!(entry.winner.value, Value::Live(_)));
    assert_eq!(entry.winner.hlc, undo.hlc);
    assert_eq!(entry.winner.after_delete(), Some(&deletion.hlc));
    // And the edit after that carries the same deletion it has seen.
    notes
        .edit_note(&id, Some("again".into()), None, None)
        .unwrap();
    let Change::Annotation { seen_delete, .. } = notes.outbox().unwrap().pop().unwrap().change
    else {
        unreachable!()
    };
    assert_eq!(seen_delete, Some(deletion.hlc));
}
