//! The merge rule: what the notes are, given every change record of every device. It is a
//! pure function of the *set* of records: applying them in any order, and any of them more
//! than once, gives the same [`State`] (every field is a maximum under a total order).
//!
//! **Annotations.** For each annotation id, over all its records:
//!
//! 1. Each record stands *after a deletion*: a deletion after itself (its own stamp); an edit
//!    after the latest deletion of that annotation its device had applied when it was made
//!    (`seen_delete`; none when it had applied none).
//! 2. The record with the greatest (deletion it stands after, stamp) decides: an edit makes
//!    the annotation its state, a deletion makes it deleted (a tombstone). So among edits
//!    that knew of the same deletions the later stamp wins, ties broken by device id through
//!    the stamp's order; a deletion beats every edit that had not seen it, older or newer
//!    (a deleted note never comes back by an edit that did not know of the deletion); and an
//!    edit made after seeing a deletion (an undo, a "keep theirs") brings the note back.
//! 3. Conflict copy: take the latest edit of the annotation by stamp alone. If it had not
//!    seen the deletion the decider stands after, and is stamped later than that deletion,
//!    it was made after a deletion its device did not know of: its state is kept as a
//!    conflict copy, an annotation of its own whose id is derived from the annotation's id
//!    and the edit's stamp ([`conflict_id`]), marked with the id it is a copy of. There is at
//!    most one per annotation, holding the latest such edit; an edit older than the deletion
//!    makes none (the deletion beats it). A copy is an annotation like another: records on
//!    its id (the reader's "keep both", or deleting it for "keep mine") count against it as
//!    an edit seeing no deletion at the stamp of the edit it copies. Copies are not copied
//!    again.
//! 4. When two different records carry the same stamp (only another installation using the
//!    same device id could write them), the larger JSON text of the change wins, so every
//!    device still picks the same one.
//!
//! **Bookmarks and reading positions**: per article, the record with the later stamp wins
//! (the larger value on a tie).

use super::hlc::Hlc;
use super::record::{AnnotationState, Change, Record};
use std::cmp::Ordering;
use std::collections::BTreeMap;

/// An annotation's state after a change: there, or deleted.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Live(Box<AnnotationState>),
    Deleted,
}

/// One change of an annotation, as the rule weighs it.
#[derive(Debug, Clone, PartialEq)]
pub struct Version {
    pub hlc: Hlc,
    /// For an edit, the latest deletion of the annotation its device had applied.
    pub seen_delete: Option<Hlc>,
    pub value: Value,
}

impl Version {
    /// The deletion this change stands after: a deletion's own stamp, an edit's
    /// `seen_delete`.
    pub fn after_delete(&self) -> Option<&Hlc> {
        match self.value {
            Value::Deleted => Some(&self.hlc),
            Value::Live(_) => self.seen_delete.as_ref(),
        }
    }

    fn key(&self) -> (Option<&Hlc>, &Hlc) {
        (self.after_delete(), &self.hlc)
    }

    /// What breaks a tie between different changes with the same stamp (rule 4).
    fn fingerprint(&self) -> String {
        match &self.value {
            Value::Deleted => String::new(),
            Value::Live(s) => serde_json::to_string(&(&self.seen_delete, s)).unwrap_or_default(),
        }
    }
}

/// Whether `new` decides over `old` (rule 2, then 4).
fn decides(new: &Version, old: &Version) -> bool {
    match new.key().cmp(&old.key()) {
        Ordering::Greater => true,
        Ordering::Less => false,
        Ordering::Equal => new != old && new.fingerprint() > old.fingerprint(),
    }
}

/// Whether edit `new` is later than edit `old` by stamp alone (rule 3, then 4).
fn later_edit(new: &Version, old: &Version) -> bool {
    match new.hlc.cmp(&old.hlc) {
        Ordering::Greater => true,
        Ordering::Less => false,
        Ordering::Equal => new != old && new.fingerprint() > old.fingerprint(),
    }
}

/// What the rule keeps of one annotation's records: enough to decide again when more come.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    /// The deciding change (rule 2).
    pub winner: Version,
    /// The latest edit by stamp alone (rule 3), if there was an edit.
    pub latest_edit: Option<Version>,
}

impl Entry {
    pub fn new(v: Version) -> Entry {
        let latest_edit = matches!(v.value, Value::Live(_)).then(|| v.clone());
        Entry {
            winner: v,
            latest_edit,
        }
    }

    /// Weighs one more change of the annotation; whether anything changed.
    pub fn apply(&mut self, v: Version) -> bool {
        let mut changed = false;
        if matches!(v.value, Value::Live(_))
            && self
                .latest_edit
                .as_ref()
                .is_none_or(|old| later_edit(&v, old))
        {
            self.latest_edit = Some(v.clone());
            changed = true;
        }
        if decides(&v, &self.winner) {
            self.winner = v;
            changed = true;
        }
        changed
    }

    /// The conflict copy of annotation `id` (rule 3), if it has one: its id, and the edit
    /// it copies.
    pub fn conflict(&self, id: &str) -> Option<(String, &Version)> {
        let deleted = self.winner.after_delete()?;
        let edit = self.latest_edit.as_ref()?;
        let unseen = edit.seen_delete.as_ref().is_none_or(|seen| seen < deleted);
        (unseen && edit.hlc > *deleted).then(|| (conflict_id(id, &edit.hlc), edit))
    }
}

/// The id of the conflict copy of annotation `id` made by the edit stamped `edit`: the same
/// on every device (a UUID v5 of both).
pub fn conflict_id(id: &str, edit: &Hlc) -> String {
    let namespace = uuid::Uuid::new_v5(&uuid::Uuid::NAMESPACE_URL, b"lectern:sync:conflict-copy");
    let copy = uuid::Uuid::new_v5(&namespace, format!("{id}\n{edit}").as_bytes());
    format!("urn:uuid:{copy}")
}

/// A value with the stamp of the change that set it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stamped<T> {
    pub hlc: Hlc,
    pub value: T,
}

/// `slot` set to `new` if `new` is later (the larger value on a tie).
fn last_writer<T: Ord>(slot: Option<&mut Stamped<T>>, new: Stamped<T>) -> Option<Stamped<T>> {
    match slot {
        None => Some(new),
        Some(old) => {
            if (&new.hlc, &new.value) > (&old.hlc, &old.value) {
                *old = new;
            }
            None
        }
    }
}

/// The merged notes, as the rule keeps them.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct State {
    pub annotations: BTreeMap<String, Entry>,
    /// Per article: bookmarked or not.
    pub bookmarks: BTreeMap<String, Stamped<bool>>,
    /// Per article: where the reader is.
    pub positions: BTreeMap<String, Stamped<u32>>,
}

/// An annotation as the reader sees it after merging.
#[derive(Debug, Clone, PartialEq)]
pub struct Shown {
    /// Its state; a conflict copy's carries the copy's id.
    pub state: AnnotationState,
    /// The stamp of the change it shows.
    pub hlc: Hlc,
    /// For a conflict copy, the id of the annotation it is a copy of.
    pub conflict_of: Option<String>,
}

impl State {
    /// Weighs one record.
    pub fn apply(&mut self, r: &Record) {
        let hlc = r.hlc.clone();
        match &r.change {
            Change::Annotation { state, seen_delete } => self.apply_version(
                &state.id,
                Version {
                    hlc,
                    seen_delete: seen_delete.clone(),
                    value: Value::Live(state.clone()),
                },
            ),
            Change::Delete { id } => self.apply_version(
                id,
                Version {
                    hlc,
                    seen_delete: None,
                    value: Value::Deleted,
                },
            ),
            Change::Bookmark { article, set } => {
                let new = Stamped { hlc, value: *set };
                if let Some(new) = last_writer(self.bookmarks.get_mut(article), new) {
                    self.bookmarks.insert(article.clone(), new);
                }
            }
            Change::Position { article, offset } => {
                let new = Stamped {
                    hlc,
                    value: *offset,
                };
                if let Some(new) = last_writer(self.positions.get_mut(article), new) {
                    self.positions.insert(article.clone(), new);
                }
            }
        }
    }

    fn apply_version(&mut self, id: &str, v: Version) {
        match self.annotations.get_mut(id) {
            Some(entry) => {
                entry.apply(v);
            }
            None => {
                self.annotations.insert(id.to_owned(), Entry::new(v));
            }
        }
    }

    /// Weighs each of `records`.
    pub fn apply_all<'a>(&mut self, records: impl IntoIterator<Item = &'a Record>) {
        records.into_iter().for_each(|r| self.apply(r));
    }

    /// Every annotation there (not deleted), conflict copies included, by id.
    pub fn shown(&self) -> BTreeMap<String, Shown> {
        let mut copies: BTreeMap<String, (&str, &Version)> = self
            .annotations
            .iter()
            .filter_map(|(id, e)| e.conflict(id).map(|(copy, v)| (copy, (id.as_str(), v))))
            .collect();
        let mut shown = BTreeMap::new();
        let mut show = |id: &str, v: &Version, of: Option<&str>| {
            if let Value::Live(s) = &v.value {
                let mut state = AnnotationState::clone(s);
                state.id = id.to_owned();
                let conflict_of = of.map(str::to_owned);
                let hlc = v.hlc.clone();
                shown.insert(
                    id.to_owned(),
                    Shown {
                        state,
                        hlc,
                        conflict_of,
                    },
                );
            }
        };
        for (id, entry) in &self.annotations {
            match copies.remove(id.as_str()) {
                // The copy counts as an edit seeing no deletion, at its edit's stamp.
                Some((of, copied)) if (None, &copied.hlc) > entry.winner.key() => {
                    show(id, copied, Some(of))
                }
                _ => show(id, &entry.winner, None),
            }
        }
        for (id, (of, copied)) in copies {
            show(&id, copied, Some(of));
        }
        shown
    }

    /// The articles bookmarked.
    pub fn bookmarked(&self) -> impl Iterator<Item = &str> {
        self.bookmarks
            .iter()
            .filter(|(_, b)| b.value)
            .map(|(a, _)| a.as_str())
    }
}
