//! Settling a conflict copy ([`crate::notes::sync::rule`], rule 3): an edit made on one
//! device after the note was deleted on another that had not seen the deletion. Each way is
//! an ordinary change of the notes, recorded and synced like any other, so every device
//! settles the same way.

use super::sync::{apply, outbox};
use super::{annotations, now, Annotation, Notes};
use crate::error::{Error, ErrorKind, Result};
use serde::Deserialize;
use specta::Type;

/// What the reader keeps of a conflict.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum Resolution {
    /// The edit, as the note it was made on (the deletion undone).
    Edit,
    /// The deletion: the copy goes too.
    Deletion,
    /// Both: the copy stays as a note of its own, and the original stays deleted.
    Both,
}

impl Notes {
    /// Settles conflict copy `copy`; the note kept under the original's id or the copy's,
    /// if one is kept.
    pub fn resolve_conflict(&self, copy: &str, how: Resolution) -> Result<Option<Annotation>> {
        let mut conn = self.conn()?;
        let tx = conn.transaction()?;
        let Some((mut a, Some(of))) = apply::shown(&tx, copy)? else {
            return Err(Error::new(
                ErrorKind::NotFound,
                format!("`{copy}` is not a conflict waiting to be settled"),
            ));
        };
        let kept = match how {
            Resolution::Edit => {
                annotations::delete_annotation(&tx, copy)?;
                outbox::annotation_deleted(&tx, copy)?;
                a.id = of;
                a.modified = now();
                annotations::upsert_annotation(&tx, &a, "")?;
                outbox::annotation_written(&tx, &a)?;
                Some(a)
            }
            Resolution::Deletion => {
                annotations::delete_annotation(&tx, copy)?;
                outbox::annotation_deleted(&tx, copy)?;
                None
            }
            Resolution::Both => {
                a.modified = now();
                annotations::upsert_annotation(&tx, &a, "")?;
                outbox::annotation_written(&tx, &a)?;
                Some(a)
            }
        };
        tx.commit()?;
        self.bump();
        Ok(kept)
    }
}
