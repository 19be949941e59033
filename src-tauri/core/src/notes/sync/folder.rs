//! The sync folder as a whole: one folder per device, each holding that device's segments.
//! Reading a device's log goes segment by segment from where this device left off, and stops
//! at the first thing missing or wrong: nothing after a gap or a bad segment is taken, so
//! what is applied is always a device's records 1 to n, without holes.

use super::device::DeviceId;
use super::record::Record;
use super::segment::{read_segment, Range, SegmentError};
use crate::error::{Error, ErrorKind, Result};
use std::path::{Path, PathBuf};

/// The file in a device's folder that says which computer it is (`{"v":1,"name":"…"}`).
pub const CARD: &str = "device.json";

#[derive(serde::Serialize, serde::Deserialize)]
struct Card {
    v: u32,
    name: String,
}

/// Longest computer name kept from a device's card.
const MAX_NAME: usize = 80;

/// Writes `device`'s card with `name`, unless it already says so.
pub fn write_card(folder: &Path, device: &DeviceId, name: &str) -> Result<()> {
    if read_card(folder, device).as_deref() == Some(name) {
        return Ok(());
    }
    let dir = folder.join(device.as_str());
    std::fs::create_dir_all(&dir).map_err(|e| folder_error(&dir, &e))?;
    let card = Card {
        v: 1,
        name: name.to_owned(),
    };
    crate::files::write_atomic(&dir.join(CARD), &serde_json::to_vec(&card)?)
}

/// The computer name `device`'s card gives, if it has a readable one (cut to a sane length,
/// control characters dropped).
pub fn read_card(folder: &Path, device: &DeviceId) -> Option<String> {
    let bytes = std::fs::read(folder.join(device.as_str()).join(CARD)).ok()?;
    let card: Card = serde_json::from_slice(&bytes).ok()?;
    let name: String = card
        .name
        .chars()
        .filter(|c| !c.is_control())
        .take(MAX_NAME)
        .collect();
    let name = name.trim();
    (!name.is_empty()).then(|| name.to_owned())
}

/// A segment file found in a device's folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    pub range: Range,
    pub path: PathBuf,
}

/// What a device's folder holds.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Listing {
    /// Its segments, by first sequence number (then last).
    pub segments: Vec<Found>,
    /// Other files, not read: partial files being written, a sync tool's copies
    /// (`0000000001-0000000009 (conflicted copy).jsonl`), anything else.
    pub ignored: Vec<PathBuf>,
}

/// Sequence numbers of a device that no segment holds, though later ones are there: a
/// segment not synced yet, or lost. Nothing after it is read until it comes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Gap {
    pub from: u64,
    pub to: u64,
}

/// Where reading a device's log stopped before its end.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Stop {
    Gap(Gap),
    Unreadable(SegmentError),
}

/// What reading a device's log from where we left off gave.
#[derive(Debug, Clone, PartialEq)]
pub struct Pulled {
    /// The device's records after the last applied, in sequence, without holes.
    pub records: Vec<Record>,
    /// Why reading stopped before the last segment there, if it did.
    pub stopped: Option<Stop>,
}

fn folder_error(folder: &Path, e: &std::io::Error) -> Error {
    let why = match e.kind() {
        std::io::ErrorKind::NotFound => "it is missing".to_owned(),
        _ => e.to_string(),
    };
    Error::new(
        ErrorKind::Io,
        format!("cannot read the sync folder {}: {why}", folder.display()),
    )
}

/// The devices with a folder in the sync folder (other entries are not devices' and are
/// left alone).
pub fn list_devices(folder: &Path) -> Result<Vec<DeviceId>> {
    let mut devices = Vec::new();
    for entry in std::fs::read_dir(folder).map_err(|e| folder_error(folder, &e))? {
        let entry = entry.map_err(|e| folder_error(folder, &e))?;
        let is_dir = entry.file_type().is_ok_and(|t| t.is_dir());
        if let (true, Some(name)) = (is_dir, entry.file_name().to_str()) {
            if let Ok(device) = DeviceId::parse(name) {
                devices.push(device);
            }
        }
    }
    devices.sort();
    Ok(devices)
}

/// The segments of `device` in `folder`; none when the device has no folder there yet.
pub fn list_segments(folder: &Path, device: &DeviceId) -> Result<Listing> {
    let dir = folder.join(device.as_str());
    let entries = match std::fs::read_dir(&dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound && folder.is_dir() => {
            return Ok(Listing::default())
        }
        Err(e) => return Err(folder_error(&dir, &e)),
    };
    let mut listing = Listing::default();
    for entry in entries {
        let entry = entry.map_err(|e| folder_error(&dir, &e))?;
        let path = entry.path();
        let is_file = entry.file_type().is_ok_and(|t| t.is_file());
        match entry.file_name().to_str().and_then(Range::parse) {
            Some(range) if is_file => listing.segments.push(Found { range, path }),
            _ => listing.ignored.push(path),
        }
    }
    listing.segments.sort_by_key(|f| f.range);
    listing.ignored.sort();
    Ok(listing)
}

/// The segments to read, in order, for the records after `applied` (0: none yet), and the
/// gap that stops the reading, if one does. Where segments overlap (a log written again in
/// other pieces) the one reaching furthest is taken; records up to `applied` in the first are
/// skipped by the caller.
pub fn plan(segments: &[Found], applied: u64) -> (Vec<Found>, Option<Gap>) {
    let mut next = applied.saturating_add(1);
    let mut chosen = Vec::new();
    loop {
        let holding = segments
            .iter()
            .filter(|f| f.range.first <= next && next <= f.range.last)
            .max_by_key(|f| f.range.last);
        match holding {
            Some(f) => {
                chosen.push(f.clone());
                match f.range.last.checked_add(1) {
                    Some(n) => next = n,
                    None => return (chosen, None),
                }
            }
            None => {
                let gap = segments
                    .iter()
                    .map(|f| f.range.first)
                    .filter(|first| *first > next)
                    .min()
                    .map(|first| Gap {
                        from: next,
                        to: first - 1,
                    });
                return (chosen, gap);
            }
        }
    }
}

/// `device`'s records after `applied`, read from its segments in `folder` up to the first
/// gap or unreadable segment (which is reported, and nothing after it taken).
pub fn pull(folder: &Path, device: &DeviceId, applied: u64) -> Result<Pulled> {
    let listing = list_segments(folder, device)?;
    let (chosen, gap) = plan(&listing.segments, applied);
    let mut records: Vec<Record> = Vec::new();
    for found in chosen {
        // Overlapping segments repeat records: each is taken once, after the last taken.
        let taken = records.last().map_or(applied, |r| r.seq);
        match read_segment(&found.path) {
            Ok(segment) => records.extend(segment.records.into_iter().filter(|r| r.seq > taken)),
            Err(e) => {
                return Ok(Pulled {
                    records,
                    stopped: Some(Stop::Unreadable(e)),
                })
            }
        }
    }
    Ok(Pulled {
        records,
        stopped: gap.map(Stop::Gap),
    })
}
