//! A segment: one file of consecutive records of one device, `<device>/<first>-<last>.jsonl`
//! in the sync folder, one record per line, then a trailer line with the number of records
//! and the SHA-256 of their lines.
//!
//! A sync tool copies files in pieces, and a reader may look while it does. So a segment is
//! written under a temporary name beside its place (`.<name>.partial`, which no reader lists),
//! flushed to disk and renamed into place whole; and a reader takes a segment only when its
//! trailer is there, counts its lines and matches their checksum. A copy cut anywhere is an
//! error naming the file ([`Fault`]), never a shorter list of records.
//!
//! A *compacted* segment ([`super::compact`]) stands for all of a device's records in its
//! range but holds only those that still count (the others are outweighed by later records
//! it keeps): its trailer says so, and its records' sequence numbers rise within the range
//! and end at its last.

use super::device::DeviceId;
use super::record::{Record, Unread, FORMAT};
use crate::error::{Error, ErrorKind, Result};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::fmt;
use std::path::{Path, PathBuf};

/// The first and last sequence numbers of a segment, which name its file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Range {
    pub first: u64,
    pub last: u64,
}

impl Range {
    /// `0000000001-0000000040.jsonl`: zero-padded so a folder listing shows them in order.
    pub fn file_name(self) -> String {
        format!("{:010}-{:010}.jsonl", self.first, self.last)
    }

    /// The range a segment's file name says, if it is a segment's name (`first` ≥ 1 and
    /// `first` ≤ `last`). Anything else in a device's folder (a partial file, a sync tool's
    /// conflict copy) is not one.
    pub fn parse(file_name: &str) -> Option<Range> {
        let stem = file_name.strip_suffix(".jsonl")?;
        let (a, b) = stem.split_once('-')?;
        let number = |s: &str| {
            (!s.is_empty() && s.len() <= 20 && s.bytes().all(|b| b.is_ascii_digit()))
                .then(|| s.parse::<u64>().ok())
                .flatten()
        };
        let (first, last) = (number(a)?, number(b)?);
        (first >= 1 && first <= last).then_some(Range { first, last })
    }

    /// How many records it holds.
    pub fn count(self) -> u64 {
        self.last - self.first + 1
    }
}

/// The last line of a segment.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Trailer {
    end: End,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct End {
    v: u32,
    records: u64,
    sha256: String,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    compacted: bool,
}

/// What is wrong with a segment file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fault {
    /// It could not be read (gone, say, or not allowed).
    Io(String),
    /// Its name is no `<first>-<last>.jsonl`, or its folder no device id.
    Name,
    /// It stops before its trailer: a copy not finished, or cut off. `lines` whole lines.
    Truncated { lines: usize },
    /// Its trailer counts another number of records than it holds.
    Count { trailer: u64, found: u64 },
    /// It holds `found` records, not as many as its name's range (or, compacted, its last
    /// record is not the last of its range).
    Named { found: u64 },
    /// Its records are not what its trailer's checksum was made of.
    Checksum,
    /// Line `line` (from 1) is no record; what is wrong with it.
    CorruptLine { line: usize, why: String },
    /// Written by a newer Lectern, in format `version`.
    Newer { version: u32 },
    /// Line `line` holds a record of device `found`, not of the device whose folder it is in.
    WrongDevice { line: usize, found: String },
    /// Line `line` holds sequence number `found` where `expected` belongs (the numbers run on
    /// from the first in the file's name, one by one, to the last).
    Sequence {
        line: usize,
        expected: u64,
        found: u64,
    },
}

impl fmt::Display for Fault {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Fault::Io(e) => write!(f, "cannot be read: {e}"),
            Fault::Name => f.write_str("is not named `<device>/<first>-<last>.jsonl`"),
            Fault::Truncated { lines } => write!(
                f,
                "is truncated: it ends after {lines} whole lines without its trailer \
                 (a copy not finished yet?)"
            ),
            Fault::Count { trailer, found } => write!(
                f,
                "is corrupt: its trailer counts {trailer} records, it holds {found}"
            ),
            Fault::Named { found } => {
                write!(f, "holds {found} records, not as many as its name says")
            }
            Fault::Checksum => f.write_str("is corrupt: its records do not match their checksum"),
            Fault::CorruptLine { line, why } => write!(f, "is corrupt at line {line}: {why}"),
            Fault::Newer { version } => write!(
                f,
                "was written by a newer Lectern (format {version}; this one reads up to \
                 {FORMAT}): update Lectern to read it"
            ),
            Fault::WrongDevice { line, found } => write!(
                f,
                "holds a record of device `{found}` at line {line}, in another device's folder"
            ),
            Fault::Sequence {
                line,
                expected,
                found,
            } => write!(
                f,
                "has sequence number {found} at line {line} where {expected} belongs"
            ),
        }
    }
}

/// A segment that cannot be taken, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SegmentError {
    pub path: PathBuf,
    pub fault: Fault,
}

impl fmt::Display for SegmentError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "sync segment {} {}", self.path.display(), self.fault)
    }
}

impl std::error::Error for SegmentError {}

impl From<SegmentError> for Error {
    fn from(e: SegmentError) -> Error {
        let kind = match e.fault {
            Fault::Io(_) => ErrorKind::Io,
            _ => ErrorKind::Invalid,
        };
        Error::new(kind, e.to_string())
    }
}

/// The segment file of `range` of `device`'s records in `folder`.
pub fn segment_path(folder: &Path, device: &DeviceId, range: Range) -> PathBuf {
    folder.join(device.as_str()).join(range.file_name())
}

/// The whole file of `records`: their lines, then the trailer.
fn encode(records: &[Record], compacted: bool) -> Vec<u8> {
    let mut body = Vec::new();
    for r in records {
        body.extend_from_slice(r.to_line().as_bytes());
        body.push(b'\n');
    }
    let trailer = Trailer {
        end: End {
            v: FORMAT,
            records: records.len() as u64,
            sha256: hex(&Sha256::digest(&body)),
            compacted,
        },
    };
    let mut file = body;
    file.extend_from_slice(
        serde_json::to_string(&trailer)
            .expect("a trailer always serializes")
            .as_bytes(),
    );
    file.push(b'\n');
    file
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Writes `records` (one device's, with consecutive sequence numbers) as a segment in
/// `folder`, under their device's folder, and returns its path. Written under a temporary
/// name, flushed and renamed into place, then the folder flushed. Writing the same records
/// again (after a crash before their sending was noted) is harmless; other records where a
/// segment of the same name is would be another installation with this device id, and are
/// refused.
pub fn write_segment(folder: &Path, records: &[Record]) -> Result<PathBuf> {
    write(folder, records, None)
}

/// Writes `records`, the ones that still count of `device`'s records in `range` (rising
/// sequence numbers, the last of them `range.last`), as a compacted segment; as
/// [`write_segment`] does otherwise.
pub fn write_compacted(folder: &Path, range: Range, records: &[Record]) -> Result<PathBuf> {
    write(folder, records, Some(range))
}

fn write(folder: &Path, records: &[Record], compacted: Option<Range>) -> Result<PathBuf> {
    let refused = |why: String| Error::new(ErrorKind::Invalid, format!("not a segment: {why}"));
    let (Some(head), Some(tail)) = (records.first(), records.last()) else {
        return Err(refused("no records".into()));
    };
    for (i, r) in records.iter().enumerate() {
        if r.device != head.device || r.hlc.device != head.device {
            return Err(refused(format!(
                "record {} is of device `{}`, the first of `{}`",
                i + 1,
                r.device,
                head.device
            )));
        }
        let expected = head.seq + i as u64;
        match compacted {
            None if r.seq != expected => {
                return Err(refused(format!(
                    "record {} has sequence number {}, not {expected}",
                    i + 1,
                    r.seq,
                )))
            }
            Some(_) if i > 0 && r.seq <= records[i - 1].seq => {
                return Err(refused(format!(
                    "record {} has sequence number {}, not after {}",
                    i + 1,
                    r.seq,
                    records[i - 1].seq
                )))
            }
            _ => {}
        }
    }
    let range = compacted.unwrap_or(Range {
        first: head.seq,
        last: tail.seq,
    });
    if head.seq < range.first || tail.seq != range.last {
        return Err(refused(format!(
            "records {}–{} do not end a compacted range {}–{}",
            head.seq, tail.seq, range.first, range.last
        )));
    }
    if range.first == 0 {
        return Err(refused("sequence numbers start at 1".into()));
    }
    let dir = folder.join(head.device.as_str());
    let path = dir.join(range.file_name());
    let failed = |e: std::io::Error| {
        Error::new(
            ErrorKind::Io,
            format!("could not write sync segment {}: {e}", path.display()),
        )
    };
    std::fs::create_dir_all(&dir).map_err(failed)?;
    let bytes = encode(records, compacted.is_some());
    if let Ok(there) = std::fs::read(&path) {
        return if there == bytes {
            Ok(path)
        } else {
            Err(Error::new(
                ErrorKind::Invalid,
                format!(
                    "sync segment {} already holds other records: is another installation \
                     using device id `{}`?",
                    path.display(),
                    head.device
                ),
            ))
        };
    }
    // Written to `.<name>.partial`, flushed, then renamed: a reader never sees half of it.
    crate::files::write_atomic(&path, &bytes)?;
    sync_dir(&dir).map_err(failed)?;
    Ok(path)
}

/// Flushes a folder's entries (the rename), where the platform allows opening a folder.
#[cfg(unix)]
fn sync_dir(dir: &Path) -> std::io::Result<()> {
    std::fs::File::open(dir)?.sync_all()
}

#[cfg(not(unix))]
fn sync_dir(_dir: &Path) -> std::io::Result<()> {
    Ok(())
}

/// A segment read whole.
#[derive(Debug, Clone, PartialEq)]
pub struct Segment {
    pub device: DeviceId,
    pub range: Range,
    /// Whether it is compacted: it holds only the records of its range that still count.
    pub compacted: bool,
    pub records: Vec<Record>,
}

/// Reads the segment at `path` (`<folder>/<device>/<first>-<last>.jsonl`): all its records,
/// checked against its trailer, its name and its folder, or the first thing wrong with it.
pub fn read_segment(path: &Path) -> std::result::Result<Segment, SegmentError> {
    let fail = |fault| SegmentError {
        path: path.to_owned(),
        fault,
    };
    let range = path
        .file_name()
        .and_then(|n| n.to_str())
        .and_then(Range::parse)
        .ok_or_else(|| fail(Fault::Name))?;
    let device = path
        .parent()
        .and_then(Path::file_name)
        .and_then(|n| n.to_str())
        .and_then(|n| DeviceId::parse(n).ok())
        .ok_or_else(|| fail(Fault::Name))?;
    let bytes = std::fs::read(path).map_err(|e| fail(Fault::Io(e.to_string())))?;
    let (records, compacted) = decode(&bytes, &device, range).map_err(fail)?;
    Ok(Segment {
        device,
        range,
        compacted,
        records,
    })
}

/// The records of a segment file's `bytes`, checked as [`read_segment`] says, and whether it
/// is compacted.
fn decode(
    bytes: &[u8],
    device: &DeviceId,
    range: Range,
) -> std::result::Result<(Vec<Record>, bool), Fault> {
    // Whole lines only: a file cut mid-line has no line break at its end.
    let whole = match bytes.iter().rposition(|b| *b == b'\n') {
        Some(i) => &bytes[..=i],
        None => &[][..],
    };
    let lines = whole.split_inclusive(|b| *b == b'\n').count();
    if whole.len() != bytes.len() || lines == 0 {
        return Err(Fault::Truncated { lines });
    }
    let body_len = whole[..whole.len() - 1]
        .iter()
        .rposition(|b| *b == b'\n')
        .map_or(0, |i| i + 1);
    let (body, last) = bytes.split_at(body_len);
    let end = read_trailer(&last[..last.len() - 1]).ok_or(Fault::Truncated { lines })?;
    if end.v > FORMAT {
        return Err(Fault::Newer { version: end.v });
    }
    let found = (lines - 1) as u64;
    if end.records != found {
        return Err(Fault::Count {
            trailer: end.records,
            found,
        });
    }
    if hex(&Sha256::digest(body)) != end.sha256 {
        return Err(Fault::Checksum);
    }
    if !end.compacted && found != range.count() || end.compacted && found > range.count() {
        return Err(Fault::Named { found });
    }
    let mut records: Vec<Record> = Vec::with_capacity(lines - 1);
    for (i, line) in body.split_inclusive(|b| *b == b'\n').enumerate() {
        let n = i + 1;
        let text =
            std::str::from_utf8(&line[..line.len() - 1]).map_err(|e| Fault::CorruptLine {
                line: n,
                why: format!("not UTF-8 ({e})"),
            })?;
        let r = Record::from_line(text).map_err(|u| match u {
            Unread::Newer { version } => Fault::Newer { version },
            Unread::Corrupt(why) => Fault::CorruptLine { line: n, why },
        })?;
        if r.device != *device || r.hlc.device != *device {
            let found = if r.device != *device {
                &r.device
            } else {
                &r.hlc.device
            };
            return Err(Fault::WrongDevice {
                line: n,
                found: found.to_string(),
            });
        }
        let expected = match (end.compacted, records.last()) {
            (false, _) => range.first + i as u64,
            (true, None) => r.seq.max(range.first),
            (true, Some(before)) => r.seq.max(before.seq + 1),
        };
        if r.seq != expected || r.seq > range.last {
            return Err(Fault::Sequence {
                line: n,
                expected,
                found: r.seq,
            });
        }
        records.push(r);
    }
    if end.compacted && records.last().map(|r| r.seq) != Some(range.last) {
        return Err(Fault::Named { found });
    }
    Ok((records, end.compacted))
}

/// The trailer in `line`, if it is one (of any format version: its `end.v` is read alone
/// when the rest is not understood, so a newer file is told apart from a cut one).
fn read_trailer(line: &[u8]) -> Option<End> {
    #[derive(Deserialize)]
    struct VersionOnly {
        end: V,
    }
    #[derive(Deserialize)]
    struct V {
        v: u32,
    }
    match serde_json::from_slice::<Trailer>(line) {
        Ok(t) => Some(t.end),
        Err(_) => serde_json::from_slice::<VersionOnly>(line)
            .ok()
            .filter(|t| t.end.v > FORMAT)
            .map(|t| End {
                v: t.end.v,
                records: 0,
                sha256: String::new(),
                compacted: false,
            }),
    }
}
