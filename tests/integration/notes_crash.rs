//! The crash test: a writer process adding and editing notes is killed with SIGKILL at
//! random moments; after each kill every acknowledged note is there, intact, and the file
//! passes `PRAGMA integrity_check`. `scripts/crash-test.sh` runs the long version.

use lectern_core::notes::anchor::Quote;
use lectern_core::notes::{Filter, NewAnnotation, Notes, NOTES_FILE};
use std::collections::HashMap;
use std::io::Read;
use std::path::Path;

/// The writer half of the crash test: adds and edits notes until it is killed, printing
/// `ack ID VERSION` after each commit returns.
#[test]
#[ignore = "run by the crash test in a process of its own"]
fn crash_writer() {
    let Ok(dir) = std::env::var("LECTERN_CRASH_DIR") else {
        return;
    };
    let text: String = (0..500)
        .map(|i| format!("Sentence number {i:03} of the test. "))
        .collect();
    let notes = Notes::open(Path::new(&dir)).unwrap();
    let mut known: Vec<(String, u32)> = notes
        .list_notes(&Filter::default())
        .unwrap()
        .into_iter()
        .map(|a| {
            (
                a.id,
                a.note
                    .split(' ')
                    .nth(1)
                    .and_then(|v| v.parse().ok())
                    .unwrap_or(0),
            )
        })
        .collect();
    let mut n = std::process::id() as usize;
    loop {
        n = n
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        let (id, version) = if known.is_empty() || n.is_multiple_of(3) {
            let quote = format!("Sentence number {:03} of", (n >> 33) % 500);
            let a = notes
                .add(
                    &text,
                    NewAnnotation {
                        article: "crash".into(),
                        quote: Quote {
                            exact: quote,
                            ..Quote::default()
                        },
                        note: "version 0 intact".into(),
                        ..NewAnnotation::default()
                    },
                )
                .unwrap();
            known.push((a.id.clone(), 0));
            (a.id, 0)
        } else {
            let i = (n >> 33) % known.len();
            let (id, v) = known[i].clone();
            notes
                .edit_note(&id, Some(format!("version {} intact", v + 1)), None, None)
                .unwrap();
            known[i].1 = v + 1;
            (id, v + 1)
        };
        println!("ack {id} {version}");
    }
}

#[test]
fn acknowledged_notes_survive_a_writer_killed_at_random_moments() {
    let rounds: usize = std::env::var("LECTERN_CRASH_ROUNDS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(1000);
    let dir = tempfile::tempdir().unwrap();
    let mut acked: HashMap<String, u32> = HashMap::new();
    let mut seed = 0x5eed_u64;
    for round in 0..rounds {
        let mut child = std::process::Command::new(std::env::current_exe().unwrap())
            .args([
                "--ignored",
                "--exact",
                "notes_crash::crash_writer",
                "--nocapture",
                "--test-threads=1",
            ])
            .env("LECTERN_CRASH_DIR", dir.path())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1);
        std::thread::sleep(std::time::Duration::from_micros(
            2_000 + (seed >> 40) % 30_000,
        ));
        child.kill().unwrap(); // SIGKILL
        child.wait().unwrap();
        let mut out = String::new();
        child
            .stdout
            .take()
            .unwrap()
            .read_to_string(&mut out)
            .unwrap();
        for line in out.lines().filter_map(|l| l.strip_prefix("ack ")) {
            let (id, v) = line.split_once(' ').unwrap();
            let v: u32 = v.parse().unwrap();
            let e = acked.entry(id.to_owned()).or_insert(v);
            *e = (*e).max(v);
        }
        let conn = rusqlite::Connection::open(dir.path().join(NOTES_FILE)).unwrap();
        let verdict: String = conn
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))
            .unwrap();
        assert_eq!(verdict, "ok", "round {round}");
        // A writer killed while it first set the file up leaves no tables (the set-up is one
        // transaction), and it has acknowledged nothing yet.
        let has_table: bool = conn
            .query_row(
                "SELECT count(*) > 0 FROM sqlite_master WHERE type = 'table' AND name = 'annotations'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        if !has_table {
            assert!(
                acked.is_empty(),
                "round {round}: notes acknowledged, no table"
            );
            continue;
        }
        let stored: HashMap<String, String> = conn
            .prepare("SELECT id, note FROM annotations")
            .unwrap()
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        for (id, v) in &acked {
            let note = stored
                .get(id)
                .unwrap_or_else(|| panic!("round {round}: acknowledged {id} is gone"));
            let parts: Vec<&str> = note.split(' ').collect();
            assert_eq!(
                (parts.len(), parts[0], parts[2]),
                (3, "version", "intact"),
                "round {round}: {note:?}"
            );
            let have: u32 = parts[1].parse().unwrap();
            assert!(
                have >= *v,
                "round {round}: {id} at version {have}, acknowledged {v}"
            );
        }
    }
    assert!(
        acked.len() > 10,
        "the writer got work done: {} notes",
        acked.len()
    );
}
