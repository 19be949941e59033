//! The merge rule of notes sync (`lectern_core::notes::sync::rule`): the cases its doc comment
//! names, one by one, then as properties over random records of three devices: any order,
//! any repetition, the same notes; a deletion never undone by an older edit; a conflict copy
//! exactly once.
//!
//! `PROPTEST_CASES` sets the number of cases.

use lectern_core::notes::anchor::Status;
use lectern_core::notes::sync::rule::{conflict_id, State};
use lectern_core::notes::sync::{AnnotationState, Change, DeviceId, Hlc, Record};
use proptest::prelude::*;
use proptest::sample::Index;

const X: &str = "urn:uuid:00000000-0000-4000-8000-00000000000x";

use crate::harness::proptest_config as config;

fn dev(name: &str) -> DeviceId {
    DeviceId::parse(name).unwrap()
}

fn at(device: &str, wall: u64) -> Hlc {
    Hlc {
        wall,
        counter: 0,
        device: dev(device),
    }
}

fn state(id: &str, note: &str) -> AnnotationState {
    AnnotationState {
        id: id.into(),
        article: "congress".into(),
        quote: "the delegates".into(),
        prefix: "".into(),
        suffix: "".into(),
        start: 10,
        end: 23,
        note: note.into(),
        tags: vec!["comintern".into()],
        color: "yellow".into(),
        status: Status::Anchored,
        confidence: 1.0,
        created: "2026-01-01T00:00:00Z".into(),
        modified: "2026-01-01T00:00:00Z".into(),
        whole_article: false,
        parent: None,
        uri: None,
    }
}

/// An edit of annotation `id` by `device` at `wall`, its device having seen the deletion
/// stamped `seen` (if any). Sequence numbers do not matter to the rule.
fn edit(device: &str, wall: u64, id: &str, note: &str, seen: Option<Hlc>) -> Record {
    let change = Change::Annotation {
        state: Box::new(state(id, note)),
        seen_delete: seen,
    };
    Record::new(dev(device), wall, at(device, wall), change)
}

fn delete(device: &str, wall: u64, id: &str) -> Record {
    let change = Change::Delete { id: id.into() };
    Record::new(dev(device), wall, at(device, wall), change)
}

fn merged(records: &[Record]) -> State {
    let mut s = State::default();
    s.apply_all(records);
    s
}

/// The note of `id` as shown, if it is shown.
fn note(s: &State, id: &str) -> Option<String> {
    s.shown().get(id).map(|a| a.state.note.clone())
}

/// The conflict copies of `id`: (copy id, note).
fn copies(s: &State, id: &str) -> Vec<(String, String)> {
    s.shown()
        .into_values()
        .filter(|a| a.conflict_of.as_deref() == Some(id))
        .map(|a| (a.state.id, a.state.note))
        .collect()
}

#[test]
fn the_later_edit_wins_and_a_tie_goes_to_the_larger_device_id() {
    let s = merged(&[
        edit("a", 5, X, "from a", None),
        edit("b", 4, X, "from b", None),
    ]);
    assert_eq!(note(&s, X).as_deref(), Some("from a"));
    let s = merged(&[
        edit("b", 5, X, "from b", None),
        edit("a", 5, X, "from a", None),
    ]);
    assert_eq!(note(&s, X).as_deref(), Some("from b"));
    assert!(copies(&s, X).is_empty());
}

#[test]
fn a_deletion_beats_older_edits_and_keeps_no_copy() {
    let s = merged(&[
        edit("a", 1, X, "made", None),
        edit("b", 5, X, "edited before the deletion", None),
        delete("a", 9, X),
    ]);
    assert_eq!(note(&s, X), None);
    assert!(s.shown().is_empty(), "{:?}", s.shown());
}

#[test]
fn an_edit_after_a_deletion_its_device_had_not_seen_becomes_one_conflict_copy() {
    let records = [
        edit("a", 1, X, "made", None),
        delete("a", 10, X),
        edit("b", 20, X, "b's first edit, not knowing", None),
        edit("b", 30, X, "b's second edit, still not knowing", None),
    ];
    let s = merged(&records);
    assert_eq!(note(&s, X), None, "the deletion stands");
    let copy_id = conflict_id(X, &at("b", 30));
    assert_eq!(
        copies(&s, X),
        [(
            copy_id.clone(),
            "b's second edit, still not knowing".to_owned()
        )]
    );
    // The copy is an annotation of its own, marked.
    let shown = s.shown();
    assert_eq!(shown[&copy_id].state.id, copy_id);
    assert_ne!(copy_id, X);
}

#[test]
fn an_edit_that_had_seen_the_deletion_brings_the_note_back() {
    // An undo on the deleting device, or "keep theirs" on another.
    let s = merged(&[
        edit("a", 1, X, "made", None),
        delete("a", 10, X),
        edit("a", 11, X, "restored", Some(at("a", 10))),
    ]);
    assert_eq!(note(&s, X).as_deref(), Some("restored"));
    assert!(copies(&s, X).is_empty());
}

#[test]
fn a_restored_note_and_a_later_unseeing_edit_are_both_kept() {
    let s = merged(&[
        edit("a", 1, X, "made", None),
        delete("a", 10, X),
        edit("c", 20, X, "restored by c", Some(at("a", 10))),
        edit("b", 30, X, "b, not knowing of the deletion", None),
    ]);
    assert_eq!(note(&s, X).as_deref(), Some("restored by c"));
    assert_eq!(
        copies(&s, X),
        [(
            conflict_id(X, &at("b", 30)),
            "b, not knowing of the deletion".to_owned()
        )]
    );
}

#[test]
fn a_deletion_later_than_the_unseeing_edit_takes_it_too() {
    let s = merged(&[
        edit("a", 1, X, "made", None),
        delete("a", 10, X),
        edit("b", 20, X, "b, not knowing", None),
        // c saw b's edit (not a's deletion) and deleted the note in its turn.
        delete("c", 25, X),
    ]);
    assert!(s.shown().is_empty(), "{:?}", s.shown());
}

#[test]
fn a_conflict_copy_is_resolved_by_changes_to_its_own_id() {
    let base = vec![
        edit("a", 1, X, "made", None),
        delete("a", 10, X),
        edit("b", 20, X, "b, not knowing", None),
    ];
    let copy = conflict_id(X, &at("b", 20));

    // Keep both: the copy becomes an ordinary note.
    let mut both = base.clone();
    both.push(edit("a", 40, &copy, "b, not knowing", None));
    let s = merged(&both);
    let shown = s.shown();
    assert_eq!(shown[&copy].conflict_of, None);
    assert_eq!(shown[&copy].state.note, "b, not knowing");

    // Keep mine (the deletion): the copy is deleted.
    let mut mine = base.clone();
    mine.push(delete("a", 40, &copy));
    assert!(merged(&mine).shown().is_empty());

    // Keep theirs: the note comes back, by an edit that saw the deletion, and the copy goes.
    let mut theirs = base.clone();
    theirs.push(edit("a", 40, X, "b, not knowing", Some(at("a", 10))));
    let s = merged(&theirs);
    assert_eq!(note(&s, X).as_deref(), Some("b, not knowing"));
    assert!(copies(&s, X).is_empty());
    assert_eq!(s.shown().len(), 1);

    // b edits again, still not knowing, after "keep mine": a new copy, for the new work.
    mine.push(edit("b", 50, X, "b again", None));
    let s = merged(&mine);
    assert_eq!(
        copies(&s, X),
        [(conflict_id(X, &at("b", 50)), "b again".to_owned())]
    );
}

#[test]
fn bookmarks_and_reading_positions_go_to_the_last_writer() {
    let mark = |device: &str, wall: u64, set: bool| {
        let change = Change::Bookmark {
            article: "congress".into(),
            set,
        };
        Record::new(dev(device), wall, at(device, wall), change)
    };
    let place = |device: &str, wall: u64, offset: u32| {
        let change = Change::Position {
            article: "congress".into(),
            offset,
        };
        Record::new(dev(device), wall, at(device, wall), change)
    };
    let s = merged(&[mark("a", 1, true), mark("b", 3, false), mark("a", 2, true)]);
    assert_eq!(s.bookmarked().count(), 0);
    let s = merged(&[mark("b", 3, false), mark("a", 4, true)]);
    assert_eq!(s.bookmarked().collect::<Vec<_>>(), ["congress"]);
    let s = merged(&[place("a", 9, 100), place("b", 5, 900)]);
    assert_eq!(s.positions["congress"].value, 100);
}

/// One random change: (device, wall, counter, what, annotation, note, seen).
type Op = (usize, u64, u32, u8, usize, u8, Option<Index>);

const DEVICES: [&str; 3] = ["a", "b", "c"];
const IDS: [&str; 3] = [X, "urn:uuid:y", "urn:uuid:z"];

fn op() -> impl Strategy<Value = Op> {
    (
        0..3usize,
        0..12u64,
        0..2u32,
        0..10u8,
        0..3usize,
        0..4u8,
        proptest::option::of(any::<Index>()),
    )
}

/// Records of three devices from random changes: edits (most), deletions, bookmarks and
/// reading positions of few annotations and articles, often at the same stamps. An edit
/// says it saw a deletion of its annotation stamped before it, or none, as a real device
/// would.
fn records(ops: &[Op]) -> Vec<Record> {
    let mut out: Vec<Record> = Vec::new();
    let mut seqs = [0u64; 3];
    for (i, &(d, wall, counter, what, id, n, ref seen)) in ops.iter().enumerate() {
        seqs[d] += 1;
        let hlc = Hlc {
            wall,
            counter,
            device: dev(DEVICES[d]),
        };
        let change = match what {
            0..=5 => {
                let deletions: Vec<Hlc> = ops
                    .iter()
                    .filter(|o| o.3 == 6 && o.4 == id)
                    .map(|o| Hlc {
                        wall: o.1,
                        counter: o.2,
                        device: dev(DEVICES[o.0]),
                    })
                    .filter(|h| *h < hlc)
                    .collect();
                let seen_delete = seen
                    .as_ref()
                    .filter(|_| !deletions.is_empty())
                    .map(|s| s.get(&deletions).clone());
                Change::Annotation {
                    state: Box::new(state(IDS[id], &format!("note {n} (op {})", i % 3))),
                    seen_delete,
                }
            }
            6 => Change::Delete { id: IDS[id].into() },
            7 | 8 => Change::Bookmark {
                article: format!("article-{id}"),
                set: n % 2 == 0,
            },
            _ => Change::Position {
                article: format!("article-{id}"),
                offset: u32::from(n),
            },
        };
        out.push(Record::new(dev(DEVICES[d]), seqs[d], hlc, change));
    }
    out
}

fn shuffled() -> impl Strategy<Value = (Vec<Record>, Vec<Record>)> {
    proptest::collection::vec(op(), 0..40).prop_flat_map(|ops| {
        let recs = records(&ops);
        (Just(recs.clone()), Just(recs).prop_shuffle())
    })
}

/// The latest deletion of `id` among `records`.
fn latest_deletion(records: &[Record], id: &str) -> Option<Hlc> {
    records
        .iter()
        .filter(|r| matches!(&r.change, Change::Delete { id: d } if d == id))
        .map(|r| r.hlc.clone())
        .max()
}

proptest! {
    #![proptest_config(config(256))]

    /// Any order of the same records gives the same state, and at most one conflict copy
    /// of any annotation.
    #[test]
    fn any_order_gives_the_same_notes((records, permuted) in shuffled()) {
        let one = merged(&records);
        let other = merged(&permuted);
        prop_assert_eq!(&one, &other);
        prop_assert_eq!(one.shown(), other.shown());
        for id in IDS {
            prop_assert!(copies(&one, id).len() <= 1);
        }
    }

    /// Records applied again, all or some, in any order, change nothing.
    #[test]
    fn applying_again_changes_nothing(
        (records, permuted) in shuffled(),
        some in proptest::collection::vec(any::<Index>(), 0..10),
    ) {
        let once = merged(&records);
        let mut twice = once.clone();
        twice.apply_all(&permuted);
        prop_assert_eq!(&twice, &once);
        if !records.is_empty() {
            for i in &some {
                twice.apply(i.get(&records));
            }
        }
        prop_assert_eq!(&twice, &once);
        // In two overlapping batches, as a sync interrupted and run again would.
        let mut batches = State::default();
        let half = records.len() / 2;
        batches.apply_all(&permuted[..half.min(permuted.len())]);
        batches.apply_all(&records[half / 2..]);
        batches.apply_all(&permuted);
        prop_assert_eq!(&batches, &once);
    }

    /// A deleted annotation is shown again only through an edit that had seen its latest
    /// deletion; and edits older than that deletion change nothing shown, in any number.
    #[test]
    fn a_deletion_is_never_undone_by_an_older_edit(
        (records, _) in shuffled(),
        who in 0..3usize,
        back in 1..4u64,
    ) {
        let s = merged(&records);
        let shown = s.shown();
        let mut with_older = records.clone();
        for id in IDS {
            let Some(deleted) = latest_deletion(&records, id) else { continue };
            if let Some(a) = shown.get(id) {
                prop_assert!(a.hlc > deleted);
                let winner = &s.annotations[id].winner;
                prop_assert!(winner.seen_delete.as_ref() >= Some(&deleted), "{id} back without seeing {deleted}");
            }
            if deleted.wall >= back {
                with_older.push(edit(DEVICES[who], deleted.wall - back, id, "an older edit", None));
            }
        }
        prop_assert_eq!(merged(&with_older).shown(), shown);
    }

    /// Device a deletes X; device b, not knowing, edits it before and after; others change
    /// other notes. In any order and with repeats: X is gone, and exactly one copy holds b's
    /// latest edit when b edited after the deletion, none otherwise.
    #[test]
    fn a_conflict_copy_appears_exactly_once(
        deleted_at in 5..20u64,
        b_walls in proptest::collection::btree_set(1..30u64, 1..5),
        noise in proptest::collection::vec(op(), 0..15),
        order in any::<u64>(),
        repeats in proptest::collection::vec(any::<Index>(), 0..5),
    ) {
        let mut all = vec![edit("a", 0, X, "made", None), delete("a", deleted_at, X)];
        for (i, wall) in b_walls.iter().enumerate() {
            all.push(edit("b", *wall, X, &format!("b's edit {i}"), None));
        }
        // Noise on other annotations only, by device c.
        all.extend(records(&noise).into_iter().filter(|r| {
            r.change.annotation_id() != Some(X) && r.device == dev("c")
        }));
        for i in &repeats {
            let again = i.get(&all).clone();
            all.push(again);
        }
        // A permutation from `order`.
        let mut key = order | 1;
        let mut permuted = all.clone();
        for i in (1..permuted.len()).rev() {
            key = key.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            permuted.swap(i, (key >> 33) as usize % (i + 1));
        }
        let s = merged(&permuted);
        prop_assert_eq!(note(&s, X), None);
        let last_b = *b_walls.iter().next_back().unwrap();
        let found = copies(&s, X);
        // Stamps, not walls: at the same wall, b's stamp is after a's (device id).
        if at("b", last_b) > at("a", deleted_at) {
            let i = b_walls.len() - 1;
            prop_assert_eq!(found, vec![(conflict_id(X, &at("b", last_b)), format!("b's edit {i}"))]);
        } else {
            prop_assert!(found.is_empty(), "{found:?}");
        }
    }
}
