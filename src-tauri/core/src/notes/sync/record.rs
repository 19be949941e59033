//! One change record: what one device did to the notes, once, stamped. A record is one line
//! of JSON in a segment ([`super::segment`]); records are never changed once written.
//!
//! An annotation's change carries its whole new state, not a difference: applying it needs
//! nothing but the record, in any order ([`super::rule`]). Its `seen_delete` is the latest
//! deletion of that annotation its device had applied when the change was made: that, not
//! the stamps alone, tells an edit that knew of a deletion from one that did not.

use super::device::DeviceId;
use super::hlc::Hlc;
use crate::notes::anchor::Status;
use crate::notes::Annotation;
use serde::{Deserialize, Serialize};

/// The version of the record format this Lectern writes, and the newest it reads.
pub const FORMAT: u32 = 1;

/// One change, by one device.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Record {
    /// The format version ([`FORMAT`] when written by this Lectern).
    pub v: u32,
    pub device: DeviceId,
    /// 1 for a device's first record, then one more for each (no gaps).
    pub seq: u64,
    /// When: the device's clock, stamped at the change.
    pub hlc: Hlc,
    pub change: Change,
}

/// What changed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Change {
    /// An annotation added, edited, re-attached or restored: its whole new state.
    Annotation {
        /// Boxed: an annotation is large beside the other changes.
        state: Box<AnnotationState>,
        /// The stamp of the latest deletion of this annotation the device had applied, if any.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        seen_delete: Option<Hlc>,
    },
    /// An annotation deleted: a tombstone, kept so that older edits cannot bring it back.
    Delete { id: String },
    /// An article bookmarked (`set`) or its bookmark removed.
    Bookmark { article: String, set: bool },
    /// Where the reader is in an article (a UTF-16 offset into its plain text).
    Position { article: String, offset: u32 },
}

impl Change {
    /// The annotation it changes, if it changes one.
    pub fn annotation_id(&self) -> Option<&str> {
        match self {
            Change::Annotation { state, .. } => Some(&state.id),
            Change::Delete { id } => Some(id),
            Change::Bookmark { .. } | Change::Position { .. } => None,
        }
    }
}

/// What notes.sqlite keeps of one annotation, as it travels: [`Annotation`] without what each
/// device derives for itself (the rendered note, and the hash of the article text it was
/// placed in). Its own type, so the format of the logs changes only on purpose.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AnnotationState {
    pub id: String,
    pub article: String,
    pub quote: String,
    pub prefix: String,
    pub suffix: String,
    pub start: u32,
    pub end: u32,
    pub note: String,
    pub tags: Vec<String>,
    pub color: String,
    pub status: Status,
    pub confidence: f64,
    pub created: String,
    pub modified: String,
    #[serde(default)]
    pub whole_article: bool,
    #[serde(default)]
    pub parent: Option<String>,
    #[serde(default)]
    pub uri: Option<String>,
}

impl From<&Annotation> for AnnotationState {
    fn from(a: &Annotation) -> AnnotationState {
        AnnotationState {
            id: a.id.clone(),
            article: a.article.clone(),
            quote: a.quote.clone(),
            prefix: a.prefix.clone(),
            suffix: a.suffix.clone(),
            start: a.start,
            end: a.end,
            note: a.note.clone(),
            tags: a.tags.clone(),
            color: a.color.clone(),
            status: a.status,
            confidence: a.confidence,
            created: a.created.clone(),
            modified: a.modified.clone(),
            whole_article: a.whole_article,
            parent: a.parent.clone(),
            uri: a.uri.clone(),
        }
    }
}

impl From<AnnotationState> for Annotation {
    /// The annotation, its note not rendered (`html` empty).
    fn from(s: AnnotationState) -> Annotation {
        Annotation {
            id: s.id,
            article: s.article,
            quote: s.quote,
            prefix: s.prefix,
            suffix: s.suffix,
            start: s.start,
            end: s.end,
            note: s.note,
            html: String::new(),
            tags: s.tags,
            color: s.color,
            status: s.status,
            confidence: s.confidence,
            created: s.created,
            modified: s.modified,
            whole_article: s.whole_article,
            parent: s.parent,
            uri: s.uri,
        }
    }
}

/// Why a line is not a record this Lectern reads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unread {
    /// Written by a newer Lectern, in format `version`.
    Newer { version: u32 },
    /// Not a record at all; what the JSON reader said.
    Corrupt(String),
}

impl Record {
    /// A record in this Lectern's format.
    pub fn new(device: DeviceId, seq: u64, hlc: Hlc, change: Change) -> Record {
        Record {
            v: FORMAT,
            device,
            seq,
            hlc,
            change,
        }
    }

    /// The record as one line of JSON, without its line break.
    pub fn to_line(&self) -> String {
        serde_json::to_string(self).expect("a record always serializes")
    }

    /// A record from one line of JSON. A line from a newer format is told apart from a broken
    /// one (its version is read on its own), so the reader can be told to update Lectern.
    pub fn from_line(line: &str) -> Result<Record, Unread> {
        #[derive(Deserialize)]
        struct VersionOnly {
            v: u32,
        }
        match serde_json::from_str::<Record>(line) {
            Ok(r) if r.v > FORMAT => Err(Unread::Newer { version: r.v }),
            Ok(r) => Ok(r),
            Err(e) => match serde_json::from_str::<VersionOnly>(line) {
                Ok(VersionOnly { v }) if v > FORMAT => Err(Unread::Newer { version: v }),
                _ => Err(Unread::Corrupt(e.to_string())),
            },
        }
    }
}
