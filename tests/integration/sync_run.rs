//! Notes sync end to end in one process, on real notes.sqlite files and a real sync folder:
//! devices are data folders, each with its own notes; the folder is shared. What one device
//! writes reaches the others; the merge rule decides the same everywhere; whatever goes
//! wrong in the folder is named and loses nothing; and merging any number of runs in any
//! order ends with every device showing what the rule says of every record written.

use crate::harness::proptest_config;
use lectern_core::notes::anchor::Quote;
use lectern_core::notes::sync::folder::{list_devices, pull};
use lectern_core::notes::sync::{State, SyncReport};
use lectern_core::notes::{Filter, NewAnnotation, Notes, Resolution, NOTES_FILE};
use proptest::prelude::*;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

const TEXT: &str = "The delegates argued about the united front for eleven days. \
     Zinoviev closed the session with a long report on the situation in Germany. \
     The majority voted for the theses; a minority abstained and kept its own paper.";
const QUOTES: [&str; 5] = [
    "united front",
    "eleven days",
    "long report",
    "situation in Germany",
    "kept its own paper",
];

/// A device: a data folder of its own, syncing through `sync`.
struct Device {
    data: tempfile::TempDir,
    notes: Notes,
}

impl Device {
    /// The device of data folder `data`, its notes opened (the folder chosen or not).
    fn open(data: tempfile::TempDir) -> Device {
        let notes = Notes::open(data.path()).unwrap();
        Device { data, notes }
    }

    fn new(sync: &Path) -> Device {
        let device = Device::open(tempfile::tempdir().unwrap());
        device
            .notes
            .set_sync_folder(Some(sync), Some(device.data.path()))
            .unwrap();
        device
    }

    fn add(&self, quote: &str, note: &str) -> String {
        let new = NewAnnotation {
            article: "congress".into(),
            quote: Quote {
                exact: quote.into(),
                ..Quote::default()
            },
            note: note.into(),
            tags: vec![],
            color: None,
        };
        self.notes.add(TEXT, new).unwrap().id
    }

    fn edit(&self, id: &str, note: &str) {
        self.notes
            .edit_note(id, Some(note.into()), None, None)
            .unwrap();
    }

    fn sync(&self) -> SyncReport {
        self.notes.sync().unwrap()
    }

    /// What the reader sees: each note's id and text, tags and colour; the bookmarks; the
    /// reading positions.
    fn seen(&self) -> Seen {
        let notes = self
            .notes
            .list_unrendered(&Filter::default())
            .unwrap()
            .into_iter()
            .map(|a| (a.id, (a.note, a.tags, a.color)))
            .collect();
        let mut bookmarks = self.notes.list_bookmarks().unwrap();
        bookmarks.sort();
        let positions = self
            .notes
            .reading_positions()
            .unwrap()
            .into_iter()
            .map(|p| (p.article, p.offset))
            .collect();
        Seen {
            notes,
            bookmarks,
            positions,
        }
    }

    fn note(&self, id: &str) -> Option<String> {
        self.notes.get(id).ok().map(|a| a.note)
    }
}

type NoteSeen = (String, Vec<String>, String);

#[derive(Debug, Clone, PartialEq)]
struct Seen {
    notes: BTreeMap<String, NoteSeen>,
    bookmarks: Vec<String>,
    positions: BTreeMap<String, u32>,
}

/// What the merge rule says of every record in `folder` (every device's whole log).
fn oracle(folder: &Path) -> Seen {
    let mut state = State::default();
    for device in list_devices(folder).unwrap() {
        let pulled = pull(folder, &device, 0).unwrap();
        assert!(pulled.stopped.is_none(), "{:?}", pulled.stopped);
        state.apply_all(&pulled.records);
    }
    Seen {
        notes: state
            .shown()
            .into_iter()
            .map(|(id, s)| (id, (s.state.note, s.state.tags, s.state.color)))
            .collect(),
        bookmarks: state.bookmarked().map(str::to_owned).collect(),
        positions: state
            .positions
            .iter()
            .map(|(a, p)| (a.clone(), p.value))
            .collect(),
    }
}

/// A whole copy of the notes.sqlite in data folder `from` (its write-ahead log included), as
/// a copy of a closed data folder or a backup holds, in data folder `to`.
fn snapshot(from: &Path, to: &Path) {
    let conn = rusqlite::Connection::open(from.join(NOTES_FILE)).unwrap();
    let target = to.join(NOTES_FILE);
    conn.execute("VACUUM INTO ?1", [target.to_str().unwrap()])
        .unwrap();
}

fn sync_folder() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().canonicalize().unwrap();
    (dir, path)
}

/// A note, a bookmark and a reading place made on one desk are on the other after both sync.
#[test]
fn what_one_device_writes_reaches_the_other() {
    let (_dir, folder) = sync_folder();
    let (a, b) = (Device::new(&folder), Device::new(&folder));
    let id = a.add("united front", "from the home desk");
    a.notes.toggle_bookmark("congress").unwrap();
    a.notes.save_position("congress", 42).unwrap();
    let sent = a.sync();
    assert_eq!((sent.sent, sent.merged), (3, 0));
    let got = b.sync();
    assert_eq!((got.sent, got.merged), (0, 3));
    assert_eq!(got.notes_changed, 1);
    assert_eq!(got.articles, vec!["congress".to_owned()]);
    assert_eq!(b.note(&id).as_deref(), Some("from the home desk"));
    assert_eq!(b.seen(), a.seen());
    // Nothing new: an idle run sends and merges nothing, and changes nothing.
    let idle = b.sync();
    assert_eq!((idle.sent, idle.merged, idle.notes_changed), (0, 0, 0));
    let status = b.notes.sync_status().unwrap();
    assert_eq!(status.peers.len(), 1);
    assert_eq!(
        status.peers[0].name.as_ref(),
        Some(&status.name),
        "the computer's name"
    );
    assert_eq!(
        status.peers[0].device,
        a.notes.device_id().unwrap().to_string()
    );
    assert_eq!((status.peers[0].merged, status.peers[0].changes), (3, 3));
    assert!(status.problem.is_none() && status.last_ok.is_some());
}

/// Two desks edit the same note before either syncs: the later edit wins on both.
#[test]
fn concurrent_edits_end_the_same_on_both_desks() {
    let (_dir, folder) = sync_folder();
    let (a, b) = (Device::new(&folder), Device::new(&folder));
    let id = a.add("eleven days", "first");
    a.sync();
    b.sync();
    b.edit(&id, "office edit");
    std::thread::sleep(std::time::Duration::from_millis(5));
    a.edit(&id, "home edit, later");
    for d in [&a, &b, &a] {
        d.sync();
    }
    assert_eq!(a.note(&id).as_deref(), Some("home edit, later"));
    assert_eq!(b.note(&id).as_deref(), Some("home edit, later"));
    assert_eq!(a.seen(), b.seen());
    assert_eq!(a.seen(), oracle(&folder));
}

/// Deleted on one desk, edited on the other without knowing: the edit is kept as a conflict
/// copy on both, under the same id; each way of settling it ends the same on both.
#[test]
fn an_edit_after_an_unseen_deletion_is_a_conflict_settled_alike_everywhere() {
    for how in [Resolution::Edit, Resolution::Deletion, Resolution::Both] {
        let (_dir, folder) = sync_folder();
        let (a, b) = (Device::new(&folder), Device::new(&folder));
        let id = a.add("long report", "kept for the study group");
        a.sync();
        b.sync();
        b.notes.delete_note(&id).unwrap();
        std::thread::sleep(std::time::Duration::from_millis(5));
        a.edit(&id, "edited while the office deleted it");
        // Synced over and over, the conflict stays until the reader settles it.
        for d in [&b, &a, &b, &a, &b] {
            d.sync();
        }
        let (sa, sb) = (
            a.notes.sync_status().unwrap(),
            b.notes.sync_status().unwrap(),
        );
        assert_eq!(sa.conflicts.len(), 1, "{how:?}");
        assert_eq!(
            sa.conflicts, sb.conflicts,
            "the same conflict on both desks"
        );
        let c = &sa.conflicts[0];
        assert_eq!(c.of, id);
        assert_eq!(c.copy.note, "edited while the office deleted it");
        assert_eq!(c.deleted_by, b.notes.device_id().unwrap().to_string());
        assert_eq!(c.edited_by, a.notes.device_id().unwrap().to_string());
        assert!(a.note(&id).is_none() && b.note(&id).is_none());
        assert_eq!(a.note(&c.copy.id), b.note(&c.copy.id));

        b.notes.resolve_conflict(&c.copy.id, how).unwrap();
        for d in [&b, &a] {
            d.sync();
        }
        assert_eq!(a.seen(), b.seen(), "{how:?}");
        assert_eq!(a.seen(), oracle(&folder), "{how:?}");
        assert!(a.notes.sync_status().unwrap().conflicts.is_empty());
        assert!(b.notes.sync_status().unwrap().conflicts.is_empty());
        let expected = match how {
            Resolution::Edit => vec![id.clone()],
            Resolution::Deletion => vec![],
            Resolution::Both => vec![c.copy.id.clone()],
        };
        assert_eq!(a.seen().notes.keys().cloned().collect::<Vec<_>>(), expected);
    }
}

/// A segment cut in half (a sync tool mid-copy) is named and nothing of it is merged; once
/// whole it is merged. A gap stops the device's later records until it is filled.
#[test]
fn a_half_copied_segment_or_a_gap_is_named_and_waits() {
    let (_dir, folder) = sync_folder();
    let (a, b) = (Device::new(&folder), Device::new(&folder));
    let first = a.add("united front", "one");
    a.sync();
    let second = a.add("eleven days", "two");
    a.sync();
    let third = a.add("long report", "three");
    a.sync();
    let dir = folder.join(a.notes.device_id().unwrap().as_str());
    let mut segments: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "jsonl"))
        .collect();
    segments.sort();
    assert_eq!(segments.len(), 3);

    let whole = std::fs::read(&segments[1]).unwrap();
    std::fs::write(&segments[1], &whole[..whole.len() / 2]).unwrap();
    let report = b.sync();
    assert_eq!(report.merged, 1, "only the first segment");
    assert!(b.note(&first).is_some() && b.note(&second).is_none() && b.note(&third).is_none());
    assert_eq!(report.problems.len(), 1);
    let problem = &report.problems[0];
    assert!(
        problem.contains(&segments[1].display().to_string()) && problem.contains("truncated"),
        "{problem}"
    );
    assert_eq!(
        b.notes.sync_status().unwrap().problem.as_deref(),
        Some(problem.as_str())
    );

    std::fs::remove_file(&segments[1]).unwrap();
    let report = b.sync();
    assert_eq!(report.merged, 0);
    assert!(report.problems[0].contains("records 2–2 are not in the sync folder"));

    std::fs::write(&segments[1], &whole).unwrap();
    let report = b.sync();
    assert_eq!((report.merged, report.problems.len()), (2, 0));
    assert_eq!(b.seen(), a.seen());
}

/// The folder gone (a drive not mounted): the run says so and fails; notes made meanwhile
/// stay, and go out when it is back.
#[test]
fn a_missing_folder_is_named_and_nothing_is_lost() {
    let (dir, folder) = sync_folder();
    let (a, b) = (Device::new(&folder), Device::new(&folder));
    a.add("united front", "before");
    a.sync();
    let moved = dir.path().with_extension("away");
    std::fs::rename(&folder, &moved).unwrap();
    let id = a.add("eleven days", "while the folder was away");
    let err = a.notes.sync().unwrap_err();
    assert!(
        err.message.contains(&folder.display().to_string()) && err.message.contains("missing"),
        "{}",
        err.message
    );
    let status = a.notes.sync_status().unwrap();
    assert_eq!(status.problem.as_deref(), Some(err.message.as_str()));
    assert_eq!(status.waiting, 1);
    std::fs::rename(&moved, &folder).unwrap();
    assert_eq!(a.sync().sent, 1);
    b.sync();
    assert!(b.note(&id).is_some());
    assert!(a.notes.sync_status().unwrap().problem.is_none());
}

/// A file of a newer Lectern is named, not merged, and later segments wait.
#[test]
fn a_segment_from_a_newer_lectern_is_named() {
    let (_dir, folder) = sync_folder();
    let b = Device::new(&folder);
    let dev = folder.join("future-desk");
    std::fs::create_dir_all(&dev).unwrap();
    std::fs::write(
        dev.join("0000000001-0000000001.jsonl"),
        "{\"v\":9,\"what\":\"a record of a later format\"}\n{\"end\":{\"v\":9}}\n",
    )
    .unwrap();
    let report = b.sync();
    assert_eq!(report.merged, 0);
    assert!(
        report.problems[0].contains("newer Lectern") && report.problems[0].contains("future-desk"),
        "{:?}",
        report.problems
    );
}

/// A data folder copied to a second computer, or notes.sqlite put back from a backup: two
/// installations with one device id. The second to sync sees changes it did not make in its
/// own folder, takes a new id, and every note of both ends up on both.
#[test]
fn a_copied_data_folder_takes_a_new_device_id_and_loses_nothing() {
    let (_dir, folder) = sync_folder();
    let a = Device::new(&folder);
    a.add("united front", "before the copy");
    a.sync();
    let copy = tempfile::tempdir().unwrap();
    snapshot(a.data.path(), copy.path());
    let twin = Device::open(copy);
    assert_eq!(
        twin.notes.device_id().unwrap(),
        a.notes.device_id().unwrap()
    );
    let on_a = a.add("eleven days", "on the original");
    let on_twin = twin.add("long report", "on the copy");
    a.sync();
    let report = twin.sync();
    let new = report.new_device.clone().expect("the copy took a new id");
    assert_ne!(new, a.notes.device_id().unwrap().to_string());
    assert!(report.problems[0].contains("another installation uses its id"));
    a.sync();
    for d in [&a, &twin] {
        assert!(d.note(&on_a).is_some() && d.note(&on_twin).is_some());
    }
    assert_eq!(a.seen(), twin.seen());
    assert_eq!(a.seen(), oracle(&folder));
}

/// notes.sqlite put back from an older backup: the notes written to the folder since come
/// back from it.
#[test]
fn notes_restored_from_a_backup_get_back_what_the_folder_holds() {
    let (_dir, folder) = sync_folder();
    let a = Device::new(&folder);
    a.add("united front", "in the backup");
    a.sync();
    let backup = tempfile::tempdir().unwrap();
    snapshot(a.data.path(), backup.path());
    let later = a.add("eleven days", "after the backup");
    a.sync();
    let Device { data, notes } = a;
    drop(notes);
    for sidecar in ["-wal", "-shm"] {
        let _ = std::fs::remove_file(data.path().join(format!("{NOTES_FILE}{sidecar}")));
    }
    std::fs::copy(backup.path().join(NOTES_FILE), data.path().join(NOTES_FILE)).unwrap();
    let restored = Device::open(data);
    assert!(restored.note(&later).is_none());
    let report = restored.sync();
    assert!(report.new_device.is_some());
    assert_eq!(restored.note(&later).as_deref(), Some("after the backup"));
}

/// A device that syncs often compacts its own log; a device away the whole time, and one
/// that joins afterwards, get every note from the compacted log.
#[test]
fn a_device_away_across_a_compaction_gets_everything() {
    let (_dir, folder) = sync_folder();
    let (a, b) = (Device::new(&folder), Device::new(&folder));
    let id = a.add("united front", "0");
    a.sync();
    b.sync();
    let mut compacted = 0;
    for i in 1..=20 {
        a.edit(&id, &i.to_string());
        a.notes.save_position("congress", i).unwrap();
        compacted += a.sync().compacted;
    }
    assert!(compacted > 0, "the log was compacted");
    let dir = folder.join(a.notes.device_id().unwrap().as_str());
    let files = std::fs::read_dir(&dir).unwrap().count();
    assert!(files < 17, "{files} files left");
    b.sync();
    let late = Device::new(&folder);
    late.sync();
    assert_eq!(b.note(&id).as_deref(), Some("20"));
    assert_eq!(b.seen(), a.seen());
    assert_eq!(late.seen(), a.seen());
    assert_eq!(a.seen(), oracle(&folder));
}

/// Notes made before sync was turned on are sent at the first run.
#[test]
fn notes_made_before_sync_are_sent() {
    let (_dir, folder) = sync_folder();
    let a = Device::open(tempfile::tempdir().unwrap());
    let id = a.add("united front", "old note");
    // As notes from before sync came: their records and versions gone.
    drop(a.notes);
    let conn = rusqlite::Connection::open(a.data.path().join(NOTES_FILE)).unwrap();
    conn.execute_batch(
        "DELETE FROM sync_outbox; DELETE FROM sync_annotations;
         UPDATE sync_device SET next_seq = 1, backfilled = 0;",
    )
    .unwrap();
    drop(conn);
    let a = Device::open(a.data);
    a.notes
        .set_sync_folder(Some(&folder), Some(a.data.path()))
        .unwrap();
    assert_eq!(a.sync().sent, 1);
    let b = Device::new(&folder);
    b.sync();
    assert!(b.note(&id).is_some());
}

#[derive(Debug, Clone)]
enum Op {
    Add(usize, usize),
    Edit(usize, usize, u8),
    Delete(usize, usize),
    Bookmark(usize),
    Position(usize, u32),
    Sync(usize),
    Settle(usize, u8),
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        (0..3usize, 0..QUOTES.len()).prop_map(|(d, q)| Op::Add(d, q)),
        (0..3usize, 0..8usize, any::<u8>()).prop_map(|(d, n, t)| Op::Edit(d, n, t)),
        (0..3usize, 0..8usize).prop_map(|(d, n)| Op::Delete(d, n)),
        (0..3usize).prop_map(Op::Bookmark),
        (0..3usize, 0..500u32).prop_map(|(d, o)| Op::Position(d, o)),
        (0..3usize).prop_map(Op::Sync),
        (0..3usize).prop_map(Op::Sync),
        (0..3usize, any::<u8>()).prop_map(|(d, h)| Op::Settle(d, h)),
    ]
}

proptest! {
    #![proptest_config(proptest_config(12))]

    /// Three devices write, delete, settle and sync in any interleaving; after every device
    /// has synced twice more, all show the same notes, bookmarks and reading places: those
    /// the merge rule gives of every record in the folder.
    #[test]
    fn three_devices_converge_on_what_the_rule_says(ops in prop::collection::vec(op(), 1..40)) {
        let (_dir, folder) = sync_folder();
        let devices: Vec<Device> = (0..3).map(|_| Device::new(&folder)).collect();
        for op in ops {
            match op {
                Op::Add(d, q) => {
                    devices[d].add(QUOTES[q], "new");
                }
                Op::Edit(d, n, t) => {
                    let ids: Vec<String> = devices[d].seen().notes.into_keys().collect();
                    if let Some(id) = ids.get(n % ids.len().max(1)) {
                        devices[d].edit(id, &format!("edit {t}"));
                    }
                }
                Op::Delete(d, n) => {
                    let ids: Vec<String> = devices[d].seen().notes.into_keys().collect();
                    if let Some(id) = ids.get(n % ids.len().max(1)) {
                        devices[d].notes.delete_note(id).unwrap();
                    }
                }
                Op::Bookmark(d) => {
                    devices[d].notes.toggle_bookmark("congress").unwrap();
                }
                Op::Position(d, o) => devices[d].notes.save_position("congress", o).unwrap(),
                Op::Sync(d) => {
                    devices[d].sync();
                }
                Op::Settle(d, h) => {
                    let conflicts = devices[d].notes.sync_status().unwrap().conflicts;
                    if let Some(c) = conflicts.first() {
                        let how = [Resolution::Edit, Resolution::Deletion, Resolution::Both][h as usize % 3];
                        devices[d].notes.resolve_conflict(&c.copy.id, how).unwrap();
                    }
                }
            }
        }
        for _ in 0..2 {
            for d in &devices {
                let report = d.sync();
                prop_assert!(report.problems.is_empty(), "{:?}", report.problems);
            }
        }
        let expected = oracle(&folder);
        for d in &devices {
            prop_assert_eq!(&d.seen(), &expected);
        }
    }
}
