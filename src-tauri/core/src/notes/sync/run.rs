//! One sync run against the chosen folder: this device's waiting changes written out as a
//! segment, every other device's log read from where it was left and merged in one
//! transaction, this device's own log compacted when it has grown. Runs are one at a time;
//! the notes stay open for the reader throughout (the folder is read and written outside
//! the notes' lock, which is held only for each transaction).

use super::compact;
use super::device::DeviceId;
use super::folder::{self, Stop};
use super::outbox;
use super::record::Record;
use super::segment::{read_segment, write_segment};
use super::{apply, status};
use crate::error::{Error, ErrorKind, Result};
use crate::notes::Notes;
use serde::{Deserialize, Serialize};
use specta::Type;
use std::path::{Path, PathBuf};

/// Most records written in one segment.
pub const RECORDS_PER_SEGMENT: usize = 5_000;

/// What one sync run did.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, Type)]
pub struct SyncReport {
    pub folder: String,
    /// This installation's device id (after the run: see `new_device`).
    pub device: String,
    /// Changes made here written to the folder.
    pub sent: u32,
    /// Records of other devices read and merged.
    pub merged: u32,
    /// Notes (and conflict copies) added, changed or removed here by the merge.
    pub notes_changed: u32,
    /// Bookmarks and reading positions changed here by the merge.
    pub reading_changed: u32,
    /// The articles whose notes changed, by slug.
    pub articles: Vec<String>,
    /// What was skipped, and why: each a sentence naming the device or file.
    pub problems: Vec<String>,
    /// Set when this installation took a new device id (another one was using its id).
    pub new_device: Option<String>,
    /// Segment files of this device's log compacted into one.
    pub compacted: u32,
}

/// The folder unreachable: missing, not a folder.
fn folder_problem(folder: &Path) -> Option<String> {
    match std::fs::metadata(folder) {
        Ok(m) if m.is_dir() => None,
        Ok(_) => Some(format!(
            "the sync folder {} is not a folder",
            folder.display()
        )),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Some(format!(
            "the sync folder {} is missing (a drive not connected, or the folder moved?): \
             sync waits and tries again; notes made meanwhile are kept and sent later",
            folder.display()
        )),
        Err(e) => Some(format!(
            "the sync folder {} cannot be read: {e}",
            folder.display()
        )),
    }
}

impl Notes {
    /// The sync folder chosen, if any.
    pub fn sync_folder(&self) -> Result<Option<PathBuf>> {
        Ok(status::folder(&*self.conn()?)?.map(PathBuf::from))
    }

    /// Chooses the folder notes sync through (`None`: stop syncing). It must be a folder that
    /// exists; it must not be the data folder or inside it.
    pub fn set_sync_folder(&self, folder: Option<&Path>, data_dir: Option<&Path>) -> Result<()> {
        let path = match folder {
            None => None,
            Some(f) => {
                if let Some(why) = folder_problem(f) {
                    return Err(Error::new(ErrorKind::Invalid, why));
                }
                let f = f.canonicalize()?;
                if let Some(data) = data_dir.and_then(|d| d.canonicalize().ok()) {
                    if f.starts_with(&data) || data.starts_with(&f) {
                        return Err(Error::new(
                            ErrorKind::Invalid,
                            format!(
                                "the sync folder {} holds or is inside the data folder {}: \
                                 choose a folder of its own",
                                f.display(),
                                data.display()
                            ),
                        ));
                    }
                }
                Some(f.display().to_string())
            }
        };
        status::set_folder(&*self.conn()?, path.as_deref())
    }

    /// How many changes made here wait to be sent.
    pub fn sync_waiting(&self) -> Result<u32> {
        let n: i64 = self
            .conn()?
            .prepare_cached("SELECT count(*) FROM sync_outbox")?
            .query_row([], |r| r.get(0))?;
        Ok(u32::try_from(n).unwrap_or(u32::MAX))
    }

    /// Sync as the reader sees it.
    pub fn sync_status(&self) -> Result<status::SyncStatus> {
        status::status(&*self.conn()?)
    }

    /// Runs sync once with the chosen folder.
    pub fn sync(&self) -> Result<SyncReport> {
        let folder = self
            .sync_folder()?
            .ok_or_else(|| Error::new(ErrorKind::NotFound, "no sync folder is chosen"))?;
        let _one_at_a_time = self
            .sync_lock
            .lock()
            .map_err(|_| Error::new(ErrorKind::Database, "an earlier sync run crashed"))?;
        let started = jiff::Timestamp::now().to_string();
        let result = self.run(&folder);
        let conn = self.conn()?;
        match &result {
            Ok(report) => {
                let problems = (!report.problems.is_empty()).then(|| report.problems.join("\n"));
                status::note_run(&conn, &started, true, problems.as_deref())?
            }
            Err(e) => status::note_run(&conn, &started, false, Some(&e.message))?,
        }
        result
    }

    fn run(&self, folder: &Path) -> Result<SyncReport> {
        if let Some(why) = folder_problem(folder) {
            return Err(Error::new(ErrorKind::NotFound, why));
        }
        let mut report = SyncReport {
            folder: folder.display().to_string(),
            ..Default::default()
        };
        let (mut device, mut waiting) = self.prepare()?;
        if let Some(why) = taken(folder, &device, &waiting, self)? {
            let new = self.in_transaction(outbox::take_new_device)?;
            report.problems.push(format!(
                "{why}: this installation now syncs as device `{new}`, and what was written \
                 as `{device}` is merged like another device's"
            ));
            report.new_device = Some(new.to_string());
            device = new;
            waiting = self.outbox()?;
        }
        for chunk in waiting.chunks(RECORDS_PER_SEGMENT) {
            write_segment(folder, chunk)?;
            let last = chunk.last().map_or(0, |r| r.seq);
            self.in_transaction(|tx| outbox::mark_sent(tx, last))?;
            report.sent += chunk.len() as u32;
        }
        folder::write_card(folder, &device, &status::computer_name())?;
        let pulled = self.pull_others(folder, &device, &mut report.problems)?;
        self.merge_pulled(pulled, &mut report)?;
        match compact::compact(folder, &device) {
            Ok(Some(done)) => report.compacted = done.removed as u32,
            Ok(None) => {}
            Err(e) => report.problems.push(e.message),
        }
        report.device = device.to_string();
        Ok(report)
    }

    /// Records what was made before sync came, and reads the device id and the outbox.
    fn prepare(&self) -> Result<(DeviceId, Vec<Record>)> {
        self.in_transaction(|tx| {
            outbox::backfill(tx)?;
            Ok((outbox::device(tx)?, outbox::pending(tx)?))
        })
    }

    fn in_transaction<T>(&self, f: impl FnOnce(&rusqlite::Connection) -> Result<T>) -> Result<T> {
        let mut conn = self.conn()?;
        let tx = conn.transaction()?;
        let out = f(&tx)?;
        tx.commit()?;
        Ok(out)
    }

    /// Every other device's records not merged yet, each up to the first gap, unreadable
    /// segment or stamp too far ahead (named in `problems`).
    fn pull_others(
        &self,
        folder: &Path,
        me: &DeviceId,
        problems: &mut Vec<String>,
    ) -> Result<Vec<(DeviceId, Vec<Record>)>> {
        let mut pulled = Vec::new();
        for device in folder::list_devices(folder)? {
            if device == *me {
                continue;
            }
            if let Some(name) = folder::read_card(folder, &device) {
                status::note_name(&*self.conn()?, &device, &name)?;
            }
            let merged = status::merged(&*self.conn()?, &device)?;
            let got = folder::pull(folder, &device, merged)?;
            match got.stopped {
                Some(Stop::Gap(g)) => problems.push(format!(
                    "device `{device}`: records {}–{} are not in the sync folder (not synced \
                     yet, or lost): its later changes wait for them",
                    g.from, g.to
                )),
                Some(Stop::Unreadable(e)) => {
                    problems.push(format!("{e}: skipped until it is whole"))
                }
                None => {}
            }
            if !got.records.is_empty() {
                pulled.push((device, got.records));
            }
        }
        Ok(pulled)
    }

    /// Merges what was pulled in one transaction.
    fn merge_pulled(
        &self,
        pulled: Vec<(DeviceId, Vec<Record>)>,
        report: &mut SyncReport,
    ) -> Result<()> {
        if pulled.is_empty() {
            return Ok(());
        }
        let mut conn = self.conn()?;
        let tx = conn.transaction()?;
        let mut all = Vec::new();
        let mut last_seq = Vec::new();
        for (device, records) in pulled {
            // Read again under the lock: another run may have merged some meanwhile.
            let merged = status::merged(&tx, &device)?;
            let new: Vec<Record> = records.into_iter().filter(|r| r.seq > merged).collect();
            let (count, ahead) = outbox::receive(&tx, new.iter().map(|r| &r.hlc))?;
            if let Some(ahead) = ahead {
                report.problems.push(ahead.to_string());
            }
            if count > 0 {
                last_seq.push((device, new[count - 1].seq));
            }
            all.extend(new.into_iter().take(count));
        }
        let merged_count = all.len();
        let applied = apply::apply(&tx, all)?;
        for (device, seq) in last_seq {
            let (changes, latest) = applied
                .by_device
                .get(&device)
                .map_or((0, None), |(c, h)| (*c, Some(h)));
            status::note_merged(&tx, &device, seq, changes, latest)?;
        }
        tx.commit()?;
        if applied.annotations > 0 {
            self.bump();
        }
        report.merged += merged_count as u32;
        report.notes_changed += applied.annotations as u32;
        report.reading_changed += applied.reading as u32;
        report.articles = applied.articles.into_iter().collect();
        Ok(())
    }
}

/// Why `device`'s folder shows another installation writing as it, if it does: a segment
/// there holds records after the last this one wrote that are not the ones it is about to
/// write (`waiting`).
fn taken(
    folder: &Path,
    device: &DeviceId,
    waiting: &[Record],
    notes: &Notes,
) -> Result<Option<String>> {
    let sent = notes.in_transaction(outbox::sent)?;
    let next = waiting.last().map_or(sent, |r| r.seq) + 1;
    for found in folder::list_segments(folder, device)?.segments {
        if found.range.last <= sent {
            continue;
        }
        let ours = match read_segment(&found.path) {
            Ok(segment) => segment.records.iter().all(|r| {
                r.seq <= sent
                    || (r.seq < next
                        && waiting
                            .iter()
                            .any(|w| w.seq == r.seq && w.to_line() == r.to_line()))
            }),
            // A file being copied in is judged when whole.
            Err(_) => true,
        };
        if !ours || found.range.last >= next {
            return Ok(Some(format!(
                "the sync folder holds changes of device `{device}` this installation did not \
                 make ({}): another installation uses its id (a copied data folder, or notes \
                 restored from a backup)",
                found.path.display()
            )));
        }
    }
    Ok(None)
}
