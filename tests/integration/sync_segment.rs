//! Segments of the sync folder on real files: written whole, read whole or refused with the
//! file and the fault named, never read in part, however a copy is cut; and a device's log
//! read from where we left off up to the first gap or bad segment.

use lectern_core::notes::sync::folder::{self, Gap, Stop};
use lectern_core::notes::sync::segment::{read_segment, segment_path, write_segment, Fault, Range};
use lectern_core::notes::sync::{Change, DeviceId, Hlc, Record};
use lectern_core::ErrorKind;
use proptest::prelude::*;
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};

fn dev(name: &str) -> DeviceId {
    DeviceId::parse(name).unwrap()
}

/// Record `seq` of `device`: a reading position, stamped at `seq` seconds.
fn rec(device: &str, seq: u64) -> Record {
    let hlc = Hlc {
        wall: 1_700_000_000_000 + seq * 1000,
        counter: 0,
        device: dev(device),
    };
    let change = Change::Position {
        article: format!("article-{seq}"),
        offset: seq as u32 * 7,
    };
    Record::new(dev(device), seq, hlc, change)
}

fn recs(device: &str, seqs: std::ops::RangeInclusive<u64>) -> Vec<Record> {
    seqs.map(|s| rec(device, s)).collect()
}

/// A segment file of `lines` as they are, with a trailer that matches them (so what is
/// wrong is the lines themselves), written at `<folder>/<device>/<name>`.
fn raw(folder: &Path, device: &str, name: &str, lines: &[String]) -> PathBuf {
    let body: String = lines.iter().map(|l| format!("{l}\n")).collect();
    let sha: String = Sha256::digest(body.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    let trailer = format!(
        "{{\"end\":{{\"v\":1,\"records\":{},\"sha256\":\"{sha}\"}}}}\n",
        lines.len()
    );
    let dir = folder.join(device);
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, format!("{body}{trailer}")).unwrap();
    path
}

fn fault(path: &Path) -> Fault {
    let err = read_segment(path).unwrap_err();
    assert_eq!(err.path, path);
    let message = lectern_core::Error::from(err.clone()).message;
    assert!(
        message.contains(&path.display().to_string()),
        "the message names the file: {message}"
    );
    err.fault
}

#[test]
fn a_segment_reads_back_as_written_and_leaves_no_partial_file() {
    let dir = tempfile::tempdir().unwrap();
    let records = recs("home", 1..=3);
    let path = write_segment(dir.path(), &records).unwrap();
    assert_eq!(path, dir.path().join("home/0000000001-0000000003.jsonl"));
    let segment = read_segment(&path).unwrap();
    assert_eq!(segment.records, records);
    assert_eq!(segment.device, dev("home"));
    assert_eq!(segment.range, Range { first: 1, last: 3 });
    let names: Vec<_> = std::fs::read_dir(dir.path().join("home"))
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names.len(), 1, "{names:?}");
    // Once a line per record, and the trailer.
    let text = std::fs::read_to_string(&path).unwrap();
    assert_eq!(text.lines().count(), 4);
    assert!(text.lines().last().unwrap().starts_with("{\"end\":"));
}

#[test]
fn writing_the_same_records_again_is_harmless_and_others_under_that_name_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let records = recs("home", 1..=3);
    let path = write_segment(dir.path(), &records).unwrap();
    assert_eq!(write_segment(dir.path(), &records).unwrap(), path);
    let mut other = records.clone();
    other[1] = Record::new(
        dev("home"),
        2,
        other[1].hlc.clone(),
        Change::Bookmark {
            article: "alpha".into(),
            set: true,
        },
    );
    let err = write_segment(dir.path(), &other).unwrap_err();
    assert!(err.message.contains("device id `home`"), "{}", err.message);
    assert_eq!(read_segment(&path).unwrap().records, records);
}

#[test]
fn records_that_make_no_segment_are_not_written() {
    let dir = tempfile::tempdir().unwrap();
    let mut gap = recs("home", 1..=3);
    gap.remove(1);
    let mut mixed = recs("home", 1..=2);
    mixed.push(rec("office", 3));
    for (records, says) in [
        (vec![], "no records"),
        (gap, "sequence number 3, not 2"),
        (mixed, "of device `office`"),
        (recs("home", 0..=1), "start at 1"),
    ] {
        let err = write_segment(dir.path(), &records).unwrap_err();
        assert!(err.message.contains(says), "{says}: {}", err.message);
    }
    let listing = folder::list_segments(dir.path(), &dev("home")).unwrap();
    assert!(listing.segments.is_empty() && listing.ignored.is_empty());
}

#[test]
fn every_fault_of_a_segment_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let lines = |seqs: std::ops::RangeInclusive<u64>| -> Vec<String> {
        recs("home", seqs).iter().map(Record::to_line).collect()
    };

    let good = write_segment(d, &recs("home", 1..=3)).unwrap();
    let bytes = std::fs::read(&good).unwrap();

    // Cut mid-line, after a whole record line, just before the last line break; empty.
    let first_break = bytes.iter().position(|b| *b == b'\n').unwrap();
    for (cut, lines_left) in [
        (first_break + 5, 1),
        (first_break + 1, 1),
        (bytes.len() - 1, 3),
        (0, 0),
    ] {
        std::fs::write(&good, &bytes[..cut]).unwrap();
        assert_eq!(
            fault(&good),
            Fault::Truncated { lines: lines_left },
            "cut at {cut}"
        );
    }

    // A record changed after it was written.
    let mut changed = bytes.clone();
    let at = changed.iter().position(|b| *b == b'7').unwrap();
    changed[at] = b'8';
    std::fs::write(&good, &changed).unwrap();
    assert_eq!(fault(&good), Fault::Checksum);

    // A line lost from the middle.
    let text = String::from_utf8(bytes.clone()).unwrap();
    let kept: Vec<&str> = text
        .lines()
        .enumerate()
        .filter(|(i, _)| *i != 1)
        .map(|(_, l)| l)
        .collect();
    std::fs::write(&good, format!("{}\n", kept.join("\n"))).unwrap();
    assert_eq!(
        fault(&good),
        Fault::Count {
            trailer: 3,
            found: 2
        }
    );

    // A line that is no record, under a checksum that matches it.
    let mut broken = lines(1..=3);
    broken[1] = "{\"v\":1,\"device\":\"home\",\"seq\":".into();
    let path = raw(d, "home", "0000000001-0000000003.jsonl", &broken);
    assert!(matches!(fault(&path), Fault::CorruptLine { line: 2, .. }));
    broken[1] = "\u{fffd}not json".into();
    raw(d, "home", "0000000001-0000000003.jsonl", &broken);
    assert!(matches!(fault(&path), Fault::CorruptLine { line: 2, .. }));

    // A record from a newer Lectern, whatever else it holds.
    let mut newer = lines(1..=3);
    newer[2] = newer[2].replacen("{\"v\":1,", "{\"v\":2,", 1);
    raw(d, "home", "0000000001-0000000003.jsonl", &newer);
    assert_eq!(fault(&path), Fault::Newer { version: 2 });
    newer[2] = "{\"v\":3,\"shape\":\"unknown to us\"}".into();
    raw(d, "home", "0000000001-0000000003.jsonl", &newer);
    assert_eq!(fault(&path), Fault::Newer { version: 3 });
    // ... and a trailer from a newer Lectern, in a shape this one does not know.
    std::fs::write(
        &path,
        format!(
            "{}\n{{\"end\":{{\"v\":4,\"blake3\":\"x\"}}}}\n",
            lines(1..=1)[0]
        ),
    )
    .unwrap();
    let p1 = d.join("home/0000000001-0000000001.jsonl");
    std::fs::rename(&path, &p1).unwrap();
    assert_eq!(fault(&p1), Fault::Newer { version: 4 });
    std::fs::remove_file(&p1).unwrap();

    // A record of another device in this device's folder, in its fields or in its stamp.
    let mut stranger = lines(1..=3);
    stranger[1] = rec("office", 2).to_line();
    raw(d, "home", "0000000001-0000000003.jsonl", &stranger);
    assert_eq!(
        fault(&path),
        Fault::WrongDevice {
            line: 2,
            found: "office".into()
        }
    );
    let mut stamped = rec("home", 2);
    stamped.hlc.device = dev("office");
    stranger[1] = stamped.to_line();
    raw(d, "home", "0000000001-0000000003.jsonl", &stranger);
    assert_eq!(
        fault(&path),
        Fault::WrongDevice {
            line: 2,
            found: "office".into()
        }
    );

    // Sequence numbers that do not run on one by one from the name's first.
    let mut skipping = lines(1..=3);
    skipping[2] = rec("home", 4).to_line();
    raw(d, "home", "0000000001-0000000003.jsonl", &skipping);
    assert_eq!(
        fault(&path),
        Fault::Sequence {
            line: 3,
            expected: 3,
            found: 4
        }
    );
    let shifted = raw(d, "home", "0000000002-0000000004.jsonl", &lines(1..=3));
    assert_eq!(
        fault(&shifted),
        Fault::Sequence {
            line: 1,
            expected: 2,
            found: 1
        }
    );

    // Fewer records than the name's range.
    let short = raw(d, "home", "0000000001-0000000005.jsonl", &lines(1..=3));
    assert_eq!(fault(&short), Fault::Named { found: 3 });

    // Not a segment's name, or not in a device's folder.
    let odd = raw(
        d,
        "home",
        "0000000001-0000000003 (conflicted copy).jsonl",
        &lines(1..=3),
    );
    assert_eq!(fault(&odd), Fault::Name);
    let upper = raw(d, "Home", "0000000001-0000000003.jsonl", &lines(1..=3));
    assert_eq!(fault(&upper), Fault::Name);

    // Gone.
    let gone = segment_path(
        d,
        &dev("home"),
        Range {
            first: 90,
            last: 99,
        },
    );
    assert!(matches!(fault(&gone), Fault::Io(_)));
    assert_eq!(
        lectern_core::Error::from(read_segment(&gone).unwrap_err()).kind,
        ErrorKind::Io
    );
}

/// A sync tool copies a file in pieces: the copy, cut at any byte, is an error, never fewer
/// records. Every cut of a segment of twenty records.
#[test]
fn a_segment_cut_anywhere_is_never_read() {
    let dir = tempfile::tempdir().unwrap();
    let path = write_segment(dir.path(), &recs("home", 1..=20)).unwrap();
    let bytes = std::fs::read(&path).unwrap();
    let cut_path = dir.path().join("copy/home/0000000001-0000000020.jsonl");
    // A copy of the device's folder elsewhere.
    std::fs::create_dir_all(cut_path.parent().unwrap()).unwrap();
    for cut in 0..bytes.len() {
        std::fs::write(&cut_path, &bytes[..cut]).unwrap();
        let err = read_segment(&cut_path).expect_err("a cut copy is never read");
        assert!(
            matches!(
                err.fault,
                Fault::Truncated { .. } | Fault::Count { .. } | Fault::Checksum
            ),
            "cut at {cut}: {err}"
        );
    }
    std::fs::write(&cut_path, &bytes).unwrap();
    assert_eq!(read_segment(&cut_path).unwrap().records.len(), 20);
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, failure_persistence: None, ..ProptestConfig::default() })]

    /// Cut at a random byte, and the cut tail pasted back in pieces (a copy resumed
    /// badly): an error, or the whole segment exactly.
    #[test]
    fn a_copy_cut_or_spliced_is_whole_or_refused(
        n in 1u64..40,
        cut in any::<prop::sample::Index>(),
        again in any::<prop::sample::Index>(),
    ) {
        let dir = tempfile::tempdir().unwrap();
        let records = recs("home", 1..=n);
        let path = write_segment(dir.path(), &records).unwrap();
        let bytes = std::fs::read(&path).unwrap();
        let at = cut.index(bytes.len());
        std::fs::write(&path, &bytes[..at]).unwrap();
        prop_assert!(read_segment(&path).is_err());
        let from = again.index(bytes.len());
        let spliced = [&bytes[..at], &bytes[from..]].concat();
        std::fs::write(&path, &spliced).unwrap();
        match read_segment(&path) {
            Ok(segment) => prop_assert_eq!(segment.records, records),
            Err(_) => prop_assert!(spliced != bytes),
        }
    }
}

#[test]
fn a_devices_log_is_read_from_where_we_left_off_up_to_the_first_gap() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let home = dev("home");
    write_segment(d, &recs("home", 1..=3)).unwrap();
    write_segment(d, &recs("home", 4..=6)).unwrap();
    write_segment(d, &recs("home", 10..=12)).unwrap();
    // What no reader takes: a partial file and a sync tool's copy.
    std::fs::write(d.join("home/.0000000007-0000000009.jsonl.partial"), "{").unwrap();
    std::fs::write(d.join("home/0000000004-0000000006 (1).jsonl"), "x").unwrap();

    let listing = folder::list_segments(d, &home).unwrap();
    assert_eq!(listing.segments.len(), 3);
    assert_eq!(listing.ignored.len(), 2);

    let pulled = folder::pull(d, &home, 0).unwrap();
    let seqs: Vec<u64> = pulled.records.iter().map(|r| r.seq).collect();
    assert_eq!(seqs, [1, 2, 3, 4, 5, 6], "nothing after the gap");
    assert_eq!(pulled.stopped, Some(Stop::Gap(Gap { from: 7, to: 9 })));

    let pulled = folder::pull(d, &home, 2).unwrap();
    let seqs: Vec<u64> = pulled.records.iter().map(|r| r.seq).collect();
    assert_eq!(seqs, [3, 4, 5, 6]);

    // The missing segment arrives: all is read, to the end.
    write_segment(d, &recs("home", 7..=9)).unwrap();
    let pulled = folder::pull(d, &home, 6).unwrap();
    let seqs: Vec<u64> = pulled.records.iter().map(|r| r.seq).collect();
    assert_eq!(seqs, [7, 8, 9, 10, 11, 12]);
    assert_eq!(pulled.stopped, None);
    assert!(folder::pull(d, &home, 12).unwrap().records.is_empty());
}

#[test]
fn a_bad_segment_stops_the_reading_there_and_is_reported() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write_segment(d, &recs("home", 1..=3)).unwrap();
    let middle = write_segment(d, &recs("home", 4..=6)).unwrap();
    write_segment(d, &recs("home", 7..=9)).unwrap();
    let bytes = std::fs::read(&middle).unwrap();
    std::fs::write(&middle, &bytes[..bytes.len() / 2]).unwrap();
    let pulled = folder::pull(d, &dev("home"), 0).unwrap();
    assert_eq!(pulled.records.len(), 3);
    match pulled.stopped {
        Some(Stop::Unreadable(e)) => {
            assert_eq!(e.path, middle);
            assert!(matches!(e.fault, Fault::Truncated { .. }), "{e}");
        }
        other => panic!("expected the cut segment reported, got {other:?}"),
    }
}

#[test]
fn where_segments_overlap_the_one_reaching_furthest_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write_segment(d, &recs("home", 1..=3)).unwrap();
    write_segment(d, &recs("home", 1..=8)).unwrap();
    write_segment(d, &recs("home", 5..=9)).unwrap();
    let listing = folder::list_segments(d, &dev("home")).unwrap();
    let (chosen, gap) = folder::plan(&listing.segments, 2);
    let ranges: Vec<(u64, u64)> = chosen
        .iter()
        .map(|f| (f.range.first, f.range.last))
        .collect();
    assert_eq!(ranges, [(1, 8), (5, 9)]);
    assert_eq!(gap, None);
    let seqs: Vec<u64> = folder::pull(d, &dev("home"), 2)
        .unwrap()
        .records
        .iter()
        .map(|r| r.seq)
        .collect();
    assert_eq!(seqs, [3, 4, 5, 6, 7, 8, 9]);
}

#[test]
fn the_devices_of_a_folder_and_a_missing_folder() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write_segment(d, &recs("office", 1..=1)).unwrap();
    write_segment(d, &recs("home", 1..=1)).unwrap();
    std::fs::create_dir(d.join(".stfolder")).unwrap();
    std::fs::write(d.join("README.txt"), "x").unwrap();
    assert_eq!(
        folder::list_devices(d).unwrap(),
        [dev("home"), dev("office")]
    );
    assert!(folder::list_segments(d, &dev("laptop"))
        .unwrap()
        .segments
        .is_empty());

    let gone = d.join("gone");
    let err = folder::list_devices(&gone).unwrap_err();
    assert_eq!(err.kind, ErrorKind::Io);
    assert!(
        err.message.contains("missing") && err.message.contains("gone"),
        "{}",
        err.message
    );
    assert!(folder::pull(&gone, &dev("home"), 0).is_err());
}
