//! Compaction: a device's own segments rewritten as one compacted segment holding only the
//! records that still count, so the sync folder does not grow with every change.
//!
//! Of one device's records, a later one always outweighs an earlier one of the same thing
//! under the merge rule ([`super::rule`]): its stamp is later, and the deletion it stands
//! after is never earlier (a device's `seen_delete` only grows). So for each annotation the
//! last record and the last edit are all that count, and for each bookmark and reading
//! position the last record. A device reading the compacted segment from any point gets,
//! for every record it had not read, the record that outweighs it: the notes it merges are
//! the same as from the whole log. Compaction therefore never waits for other devices: one
//! away for months reads the compacted segment where it left off, and a new one reads it
//! from the start. Only the device itself compacts its own folder.

use super::device::DeviceId;
use super::folder::{self, Stop};
use super::record::{Change, Record};
use super::segment::{write_compacted, Range};
use crate::error::{Error, ErrorKind, Result};
use std::collections::HashMap;
use std::path::Path;

/// Compaction starts once a device's folder holds more segments than this.
pub const SEGMENTS_BEFORE_COMPACTING: usize = 16;

/// The records of `records` (one device's, in sequence) that still count, in sequence.
pub fn still_counting(records: &[Record]) -> Vec<Record> {
    #[derive(Hash, PartialEq, Eq)]
    enum Key<'a> {
        Last(&'a str),
        LastEdit(&'a str),
        Bookmark(&'a str),
        Position(&'a str),
    }
    let mut last: HashMap<Key, usize> = HashMap::new();
    for (i, r) in records.iter().enumerate() {
        match &r.change {
            Change::Annotation { state, .. } => {
                last.insert(Key::Last(&state.id), i);
                last.insert(Key::LastEdit(&state.id), i);
            }
            Change::Delete { id } => {
                last.insert(Key::Last(id), i);
            }
            Change::Bookmark { article, .. } => {
                last.insert(Key::Bookmark(article), i);
            }
            Change::Position { article, .. } => {
                last.insert(Key::Position(article), i);
            }
        }
    }
    let mut kept: Vec<usize> = last.into_values().collect();
    kept.sort_unstable();
    kept.dedup();
    kept.into_iter().map(|i| records[i].clone()).collect()
}

/// What compacting a device's folder did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Compacted {
    /// The range the compacted segment stands for.
    pub range: Range,
    /// Records kept of `range.count()`.
    pub kept: usize,
    /// Segment files removed.
    pub removed: usize,
}

/// Compacts `device`'s segments in `folder` into one, when it has more than
/// [`SEGMENTS_BEFORE_COMPACTING`]: the new segment is written whole before any old one is
/// removed, so every record is in the folder at every moment. Nothing is done when the
/// device's log has a gap or a bad segment (that is reported by the pull of it, not here).
pub fn compact(folder: &Path, device: &DeviceId) -> Result<Option<Compacted>> {
    let listing = folder::list_segments(folder, device)?;
    if listing.segments.len() <= SEGMENTS_BEFORE_COMPACTING {
        return Ok(None);
    }
    let pulled = folder::pull(folder, device, 0)?;
    if let Some(stop) = pulled.stopped {
        let why = match stop {
            Stop::Gap(g) => format!("records {}–{} are missing", g.from, g.to),
            Stop::Unreadable(e) => e.to_string(),
        };
        return Err(Error::new(
            ErrorKind::Invalid,
            format!("device `{device}`'s log was not compacted: {why}"),
        ));
    }
    let Some(last) = pulled.records.last().map(|r| r.seq) else {
        return Ok(None);
    };
    let range = Range { first: 1, last };
    let kept = still_counting(&pulled.records);
    let written = write_compacted(folder, range, &kept)?;
    let mut removed = 0;
    for found in listing.segments {
        if found.path != written && found.range.last <= last {
            match std::fs::remove_file(&found.path) {
                Ok(()) => removed += 1,
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                Err(e) => {
                    return Err(Error::new(
                        ErrorKind::Io,
                        format!(
                            "could not remove sync segment {}: {e}",
                            found.path.display()
                        ),
                    ))
                }
            }
        }
    }
    Ok(Some(Compacted {
        range,
        kept: kept.len(),
        removed,
    }))
}
