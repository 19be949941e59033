//! Notes sync between separate processes of the real `lectern-cli`: each device is a data
//! folder of its own, run as its own process (its own clock, through
//! `LECTERN_CLOCK_SKEW_MS` in this debug build), and all share one sync folder. Every
//! outcome is read back the way a reader would: `notes list --json`, `notes sync --json`
//! and `notes sync --status --json`.

use crate::harness::Workspace;
use serde_json::{json, Value};
use std::path::PathBuf;
use std::process::{Command, Output};
use std::time::Duration;

/// The article every note is on, and passages of it that each occur once in its text.
const ARTICLE: &str = "alpha";
const QUOTES: [&str; 4] = [
    "A second claim",
    "Some words under the first heading",
    "A repeated heading gets its own anchor",
    "A block quote of our own words",
];

const HOUR_MS: i64 = 60 * 60 * 1000;

/// Long enough that two edits made one after the other get different wall-clock stamps.
fn pause() {
    std::thread::sleep(Duration::from_millis(20));
}

/// One content folder (the small fixture library) and one sync folder, shared by every
/// device.
struct Shared {
    ws: Workspace,
    _sync: tempfile::TempDir,
    /// The sync folder, as the devices keep it (canonical).
    folder: PathBuf,
}

impl Shared {
    fn new() -> Shared {
        let sync = tempfile::tempdir().unwrap();
        let folder = sync.path().canonicalize().unwrap();
        Shared {
            ws: Workspace::new("library"),
            _sync: sync,
            folder,
        }
    }

    /// A new device with its clock right, syncing through the shared folder.
    fn device(&self, name: &'static str) -> Device<'_> {
        self.device_skewed(name, None)
    }

    /// A new device whose clock is `skew_ms` off, syncing through the shared folder.
    fn device_skewed(&self, name: &'static str, skew_ms: Option<i64>) -> Device<'_> {
        let mut device = Device {
            shared: self,
            name,
            data: tempfile::tempdir().unwrap(),
            skew_ms,
            id: String::new(),
        };
        let folder = self.folder.to_str().unwrap();
        // Chooses the folder without a run: the scenarios decide when each device syncs.
        let status = device.json(&["notes", "sync", "--folder", folder, "--status"]);
        assert_eq!(status["folder"], json!(folder), "{name}: {status}");
        device.id = status["device"].as_str().unwrap().to_owned();
        assert!(!device.id.is_empty());
        device
    }

    /// The segment files of `device`'s log in the sync folder, by name.
    fn segments(&self, device: &Device) -> Vec<PathBuf> {
        let mut files: Vec<PathBuf> = std::fs::read_dir(self.folder.join(&device.id))
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| {
                let name = p.file_name().unwrap().to_str().unwrap();
                name.ends_with(".jsonl") && !name.starts_with('.')
            })
            .collect();
        files.sort();
        files
    }
}

/// A device: its own data folder, run as its own `lectern-cli` process.
struct Device<'a> {
    shared: &'a Shared,
    name: &'static str,
    data: tempfile::TempDir,
    /// `LECTERN_CLOCK_SKEW_MS` for its processes.
    skew_ms: Option<i64>,
    /// Its device id, as `notes sync --status` gives it.
    id: String,
}

impl Device<'_> {
    fn run(&self, args: &[&str]) -> Output {
        let mut command = Command::new(env!("CARGO_BIN_EXE_lectern-cli"));
        command
            .env_remove("LECTERN_CLOCK_SKEW_MS")
            .env_remove("LECTERN_DATA_DIR")
            .env_remove("LECTERN_CONTENT_DIR")
            .arg("--content")
            .arg(self.shared.ws.content())
            .arg("--data")
            .arg(self.data.path())
            .args(args);
        if let Some(skew) = self.skew_ms {
            command.env("LECTERN_CLOCK_SKEW_MS", skew.to_string());
        }
        command.output().expect("run lectern-cli")
    }

    /// Runs `args` with `--json`, which must succeed, and reads what it prints.
    fn json(&self, args: &[&str]) -> Value {
        let out = self.run(&[&["--json"], args].concat());
        assert!(
            out.status.success(),
            "{} {args:?}: {}{}",
            self.name,
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
            panic!(
                "{} {args:?}: {e}: {}",
                self.name,
                String::from_utf8_lossy(&out.stdout)
            )
        })
    }

    /// Adds a note on `quote`: its id.
    fn add(&self, quote: &str, note: &str) -> String {
        let added = self.json(&[
            "notes",
            "add",
            "--article",
            ARTICLE,
            "--quote",
            quote,
            "--note",
            note,
        ]);
        assert_eq!(added["quote"], json!(quote));
        added["id"].as_str().unwrap().to_owned()
    }

    fn edit(&self, id: &str, note: &str) {
        let edited = self.json(&["notes", "edit", id, "--note", note]);
        assert_eq!(edited["note"], json!(note));
    }

    fn delete(&self, id: &str) {
        let out = self.run(&["notes", "delete", id]);
        assert!(
            out.status.success(),
            "{} delete: {}",
            self.name,
            String::from_utf8_lossy(&out.stderr)
        );
    }

    /// Every note, as `notes list --json` gives it, by id.
    fn notes(&self) -> Vec<Value> {
        let mut list = self
            .json(&["notes", "list"])
            .as_array()
            .unwrap_or_else(|| panic!("{}: notes list is not a list", self.name))
            .clone();
        list.sort_by(|a, b| a["id"].as_str().cmp(&b["id"].as_str()));
        list
    }

    /// The ids of the notes and their texts.
    fn texts(&self) -> Vec<(String, String)> {
        self.notes()
            .iter()
            .map(|n| {
                (
                    n["id"].as_str().unwrap().to_owned(),
                    n["note"].as_str().unwrap().to_owned(),
                )
            })
            .collect()
    }

    /// The text of note `id`, if it is listed.
    fn note(&self, id: &str) -> Option<String> {
        self.texts()
            .into_iter()
            .find(|(i, _)| i == id)
            .map(|(_, text)| text)
    }

    /// One sync run: its report.
    fn sync(&self) -> Value {
        self.json(&["notes", "sync"])
    }

    /// One sync run that must name no problem: its report.
    fn sync_clean(&self) -> Value {
        let report = self.sync();
        assert_eq!(report["problems"], json!([]), "{}: {report}", self.name);
        assert_eq!(report["device"], json!(self.id), "{}: {report}", self.name);
        report
    }

    fn status(&self) -> Value {
        self.json(&["notes", "sync", "--status"])
    }
}

/// Every device lists exactly the same notes (all fields), and has no conflict waiting.
fn assert_same(devices: &[&Device]) {
    let first = devices[0].notes();
    for d in &devices[1..] {
        assert_eq!(
            d.notes(),
            first,
            "{} and {} differ",
            devices[0].name,
            d.name
        );
    }
    for d in devices {
        assert_eq!(d.status()["conflicts"], json!([]), "{}", d.name);
    }
}

fn ids(texts: &[(String, String)]) -> Vec<&str> {
    texts.iter().map(|(id, _)| id.as_str()).collect()
}

/// A note added on one desk is on the other after both sync; an edit there comes back.
#[test]
fn a_note_and_an_edit_travel_between_two_processes() {
    let shared = Shared::new();
    let (a, b) = (shared.device("A"), shared.device("B"));
    assert_ne!(a.id, b.id);
    let id = a.add(QUOTES[0], "written on A");
    assert_eq!(b.notes(), Vec::<Value>::new());

    let sent = a.sync_clean();
    assert_eq!((&sent["sent"], &sent["merged"]), (&json!(1), &json!(0)));
    let got = b.sync_clean();
    assert_eq!((&got["sent"], &got["merged"]), (&json!(0), &json!(1)));
    assert_eq!(got["notes_changed"], json!(1));
    assert_eq!(got["articles"], json!([ARTICLE]));
    assert_eq!(b.note(&id).as_deref(), Some("written on A"));
    assert_same(&[&a, &b]);

    b.edit(&id, "edited on B");
    assert_eq!(
        a.note(&id).as_deref(),
        Some("written on A"),
        "not synced yet"
    );
    assert_eq!(b.sync_clean()["sent"], json!(1));
    let back = a.sync_clean();
    assert_eq!(
        (&back["merged"], &back["notes_changed"]),
        (&json!(1), &json!(1))
    );
    assert_eq!(a.note(&id).as_deref(), Some("edited on B"));
    assert_same(&[&a, &b]);

    // Each knows the other, by id, with what it merged of it.
    let peers = a.status()["peers"].clone();
    assert_eq!(peers.as_array().unwrap().len(), 1, "{peers}");
    assert_eq!(
        (&peers[0]["device"], &peers[0]["merged"]),
        (&json!(b.id), &json!(1))
    );
    // Nothing new: an idle run sends and merges nothing.
    let idle = b.sync_clean();
    assert_eq!((&idle["sent"], &idle["merged"]), (&json!(0), &json!(0)));
}

/// The same note edited on both desks before either syncs: both end with the later edit,
/// though the earlier one is the last to reach A.
#[test]
fn concurrent_edits_end_with_the_later_one_on_both() {
    let shared = Shared::new();
    let (a, b) = (shared.device("A"), shared.device("B"));
    let id = a.add(QUOTES[1], "first");
    a.sync_clean();
    b.sync_clean();
    b.edit(&id, "B's edit, earlier");
    pause();
    a.edit(&id, "A's edit, later");
    // A sends first: B's earlier edit is the last to arrive at A.
    for d in [&a, &b, &a] {
        d.sync_clean();
    }
    assert_eq!(a.note(&id).as_deref(), Some("A's edit, later"));
    assert_eq!(b.note(&id).as_deref(), Some("A's edit, later"));
    assert_same(&[&a, &b]);
    let settled = a.notes();
    for d in [&b, &a, &b] {
        let idle = d.sync_clean();
        assert_eq!(idle["merged"], json!(0), "{}", d.name);
    }
    assert_eq!(a.notes(), settled);
    assert_same(&[&a, &b]);
}

/// Deleted on A, edited on B without knowing: the same conflict on both, under the same copy
/// id; settled on A with `keep`, both end with the same notes.
fn conflict_settled_alike(keep: &str) {
    let shared = Shared::new();
    let (a, b) = (shared.device("A"), shared.device("B"));
    let id = a.add(QUOTES[2], "for the study group");
    a.sync_clean();
    b.sync_clean();
    a.delete(&id);
    pause();
    b.edit(&id, "edited on B, not knowing");
    for d in [&a, &b, &a, &b] {
        d.sync_clean();
    }
    let (sa, sb) = (a.status(), b.status());
    let conflicts = sa["conflicts"].as_array().unwrap();
    assert_eq!(conflicts.len(), 1, "{keep}: {sa}");
    assert_eq!(sa["conflicts"], sb["conflicts"], "{keep}: the same on both");
    let c = &conflicts[0];
    let copy = c["copy"]["id"].as_str().unwrap().to_owned();
    assert_ne!(copy, id);
    assert_eq!(c["of"], json!(id));
    assert_eq!(c["copy"]["note"], json!("edited on B, not knowing"));
    assert_eq!(
        (&c["deleted_by"], &c["edited_by"]),
        (&json!(a.id), &json!(b.id))
    );
    // The note is gone on both; the copy is shown on both, as a note of its own.
    for d in [&a, &b] {
        assert_eq!(
            d.texts(),
            vec![(copy.clone(), "edited on B, not knowing".to_owned())],
            "{keep}: {}",
            d.name
        );
    }

    let out = a.run(&["notes", "resolve", &copy, "--keep", keep]);
    assert!(
        out.status.success(),
        "{keep}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    for d in [&a, &b, &a] {
        d.sync_clean();
    }
    assert_same(&[&a, &b]);
    let expected: Vec<(String, String)> = match keep {
        "edit" => vec![(id.clone(), "edited on B, not knowing".into())],
        "deletion" => vec![],
        "both" => vec![(copy.clone(), "edited on B, not knowing".into())],
        _ => unreachable!(),
    };
    assert_eq!(a.texts(), expected, "{keep}");
    assert_eq!(b.texts(), expected, "{keep}");
}

#[test]
fn a_conflict_kept_as_the_edit_ends_alike() {
    conflict_settled_alike("edit");
}

#[test]
fn a_conflict_kept_as_the_deletion_ends_alike() {
    conflict_settled_alike("deletion");
}

#[test]
fn a_conflict_kept_as_both_ends_alike() {
    conflict_settled_alike("both");
}

/// B's clock runs three hours ahead. A edits after merging B's edit: A's edit wins on both,
/// though A's wall clock says it was made three hours before B's.
#[test]
fn an_edit_made_after_merging_wins_over_a_clock_hours_ahead() {
    let shared = Shared::new();
    let a = shared.device("A");
    let b = shared.device_skewed("B", Some(3 * HOUR_MS));
    let id = a.add(QUOTES[0], "first, on A");
    a.sync_clean();
    b.sync_clean();
    assert_eq!(b.note(&id).as_deref(), Some("first, on A"));

    b.edit(&id, "B, three hours ahead");
    b.sync_clean();
    let merged = a.sync_clean();
    assert_eq!(merged["merged"], json!(1));
    assert_eq!(a.note(&id).as_deref(), Some("B, three hours ahead"));
    // B's change is stamped by its own clock, hours ahead of A's.
    let peers = a.status()["peers"].clone();
    let stamped: jiff::Timestamp = peers[0]["last_change"].as_str().unwrap().parse().unwrap();
    let ahead = stamped.duration_since(jiff::Timestamp::now()).as_secs();
    assert!((2 * 3600..4 * 3600).contains(&ahead), "{peers}");

    a.edit(&id, "A, after merging B");
    for d in [&a, &b, &a] {
        d.sync_clean();
    }
    assert_eq!(a.note(&id).as_deref(), Some("A, after merging B"));
    assert_eq!(b.note(&id).as_deref(), Some("A, after merging B"));
    assert_same(&[&a, &b]);
}

/// A device two days ahead: its records are held back on A with a problem naming it, A's own
/// notes go on as before; once A's clock is within a day of it, they are merged.
#[test]
fn a_device_days_ahead_is_held_back_until_the_clocks_are_within_a_day() {
    let shared = Shared::new();
    let mut a = shared.device("A");
    let own = a.add(QUOTES[0], "A's own");
    a.sync_clean();
    let before = a.notes();

    let c = shared.device_skewed("C", Some(48 * HOUR_MS));
    let far = c.add(QUOTES[1], "from two days ahead");
    let sent = c.sync_clean();
    assert_eq!((&sent["sent"], &sent["merged"]), (&json!(1), &json!(1)));
    assert_eq!(c.note(&own).as_deref(), Some("A's own"));

    let held = a.sync();
    assert_eq!(held["merged"], json!(0), "{held}");
    let problems = held["problems"].as_array().unwrap();
    assert_eq!(problems.len(), 1, "{held}");
    let problem = problems[0].as_str().unwrap();
    assert!(
        problem.contains(&c.id) && problem.contains("ahead"),
        "{problem}"
    );
    assert_eq!(a.notes(), before, "A's notes are as they were");
    assert_eq!(a.note(&far), None);
    let status = a.status();
    assert!(
        status["problem"]
            .as_str()
            .is_some_and(|p| p.contains(&c.id)),
        "{status}"
    );

    // A goes on writing and sending its own notes meanwhile; C is still held back.
    a.edit(&own, "A's own, edited while C waits");
    let again = a.sync();
    assert_eq!((&again["sent"], &again["merged"]), (&json!(1), &json!(0)));
    assert_eq!(again["problems"], held["problems"]);
    assert_eq!(
        a.note(&own).as_deref(),
        Some("A's own, edited while C waits")
    );
    assert_eq!(a.note(&far), None);

    // A's clock set a day and an hour ahead: C's stamps are within a day of it now.
    a.skew_ms = Some(25 * HOUR_MS);
    let caught_up = a.sync_clean();
    assert_eq!(caught_up["merged"], json!(1));
    assert_eq!(a.note(&far).as_deref(), Some("from two days ahead"));
    c.sync_clean();
    assert_eq!(
        c.note(&own).as_deref(),
        Some("A's own, edited while C waits")
    );
    assert_same(&[&a, &c]);
    assert_eq!(a.status()["problem"], Value::Null);
}

/// Three desks add, edit and delete, syncing in a tangle: all end with the same notes, as the
/// rule says.
#[test]
fn three_devices_end_with_the_same_notes() {
    let shared = Shared::new();
    let (a, b, c) = (shared.device("A"), shared.device("B"), shared.device("C"));
    let on_a = a.add(QUOTES[0], "a");
    let on_b = b.add(QUOTES[1], "b");
    let on_c = c.add(QUOTES[2], "c");
    for d in [&a, &b, &c, &a] {
        d.sync_clean();
    }
    assert_eq!(ids(&a.texts()).len(), 3);
    assert_eq!(b.note(&on_c), None, "B synced before C sent");

    c.edit(&on_a, "a, edited on C");
    a.edit(&on_b, "b, edited on A");
    pause();
    b.edit(&on_b, "b, edited on B later");
    let on_c_too = c.add(QUOTES[3], "d");
    for d in [&c, &b, &a] {
        d.sync_clean();
    }
    b.delete(&on_c_too);
    b.edit(&on_c, "c, edited on B");
    for d in [&c, &b, &a, &c] {
        d.sync_clean();
    }
    for _ in 0..2 {
        for d in [&a, &b, &c] {
            d.sync_clean();
        }
    }
    let mut expected = vec![
        (on_a, "a, edited on C".to_owned()),
        (on_b, "b, edited on B later".to_owned()),
        (on_c, "c, edited on B".to_owned()),
    ];
    expected.sort();
    assert_eq!(a.texts(), expected);
    assert_same(&[&a, &b, &c]);
}

/// One of A's segments cut in half, as a sync tool copying it would leave it: B names the
/// file, takes nothing of it (nor after it), and merges it once it is whole.
#[test]
fn a_half_copied_segment_is_named_and_merged_once_whole() {
    let shared = Shared::new();
    let (a, b) = (shared.device("A"), shared.device("B"));
    let mut added = Vec::new();
    for (quote, text) in QUOTES.iter().zip(["one", "two", "three"]) {
        added.push(a.add(quote, text));
        a.sync_clean();
    }
    let segments = shared.segments(&a);
    assert_eq!(segments.len(), 3, "{segments:?}");
    let cut = &segments[1];
    let whole = std::fs::read(cut).unwrap();
    std::fs::write(cut, &whole[..whole.len() / 2]).unwrap();

    let report = b.sync();
    assert_eq!(report["merged"], json!(1), "{report}");
    let problems = report["problems"].as_array().unwrap();
    assert_eq!(problems.len(), 1, "{report}");
    let problem = problems[0].as_str().unwrap();
    assert!(problem.contains(&cut.display().to_string()), "{problem}");
    assert_eq!(
        ids(&b.texts()),
        vec![added[0].as_str()],
        "only the first segment's note"
    );
    assert_eq!(b.note(&added[1]), None);

    std::fs::write(cut, &whole).unwrap();
    let report = b.sync_clean();
    assert_eq!(report["merged"], json!(2));
    assert_eq!(b.note(&added[1]).as_deref(), Some("two"));
    assert_same(&[&a, &b]);
}

/// The sync folder gone (a drive not connected): the run fails naming it; a note made
/// meanwhile is kept and reaches B once the folder is back.
#[test]
fn a_missing_sync_folder_fails_by_name_and_loses_nothing() {
    let shared = Shared::new();
    let (a, b) = (shared.device("A"), shared.device("B"));
    let before = a.add(QUOTES[0], "before");
    a.sync_clean();
    let away = shared.folder.with_extension("away");
    std::fs::rename(&shared.folder, &away).unwrap();

    let meanwhile = a.add(QUOTES[1], "while the folder was away");
    let out = a.run(&["--json", "notes", "sync"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    let back = std::fs::rename(&away, &shared.folder);
    assert!(!out.status.success(), "{stderr}");
    assert!(
        stderr.contains(&shared.folder.display().to_string()) && stderr.contains("missing"),
        "{stderr}"
    );
    back.unwrap();
    let status = a.status();
    assert_eq!(status["waiting"], json!(1), "{status}");
    assert!(
        status["problem"]
            .as_str()
            .is_some_and(|p| p.contains("missing")),
        "{status}"
    );
    assert_eq!(
        a.note(&meanwhile).as_deref(),
        Some("while the folder was away")
    );

    assert_eq!(a.sync_clean()["sent"], json!(1));
    assert_eq!(a.status()["problem"], Value::Null);
    b.sync_clean();
    assert_eq!(b.note(&before).as_deref(), Some("before"));
    assert_eq!(
        b.note(&meanwhile).as_deref(),
        Some("while the folder was away")
    );
    assert_same(&[&a, &b]);
}

/// A syncs one change at a time until its log is compacted; B, away since the start, and C,
/// new, both get everything A has from the compacted log.
#[test]
fn a_device_away_across_a_compaction_gets_everything() {
    let shared = Shared::new();
    let (a, b) = (shared.device("A"), shared.device("B"));
    let id = a.add(QUOTES[0], "0");
    a.sync_clean();
    b.sync_clean();
    assert_eq!(b.note(&id).as_deref(), Some("0"));

    let mut most = 0;
    let mut compacted = 0;
    let mut gone = None;
    for i in 1..=20 {
        match i {
            3 => gone = Some(a.add(QUOTES[1], "deleted later")),
            8 => a.delete(gone.as_deref().unwrap()),
            _ => a.edit(&id, &i.to_string()),
        }
        let report = a.sync_clean();
        assert_eq!(report["sent"], json!(1));
        compacted += report["compacted"].as_u64().unwrap();
        most = most.max(shared.segments(&a).len());
    }
    let left = shared.segments(&a).len();
    // Compaction starts once the folder holds more than 16 segments: the run that writes the
    // 17th compacts them, so 16 is the most seen between runs.
    assert!(most >= 16, "{most} segments at most");
    assert!(compacted > 0, "the log was compacted");
    assert!(left < most, "{left} segment files left of {most}");

    let report = b.sync_clean();
    assert!(report["merged"].as_u64().unwrap() > 0, "{report}");
    assert_eq!(b.texts(), vec![(id.clone(), "20".to_owned())]);
    let c = shared.device("C");
    c.sync_clean();
    assert_same(&[&a, &b, &c]);
}
