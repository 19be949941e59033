//! Notes through the library on real files: placing, re-anchoring after content edits and
//! removals, surviving a rebuild, the migration from the first schema with its backup, a
//! damaged file set aside and restored, and a writer killed at random moments.

use crate::harness::{fixture, Workspace};
use lectern_core::notes::anchor::{Quote, Status};
use lectern_core::notes::{Filter, NewAnnotation, Notes, NOTES_FILE};
use std::collections::HashMap;
use std::io::Read;
use std::path::Path;

const ARTICLE: &str =
    "+++\ntitle = \"Congress\"\nauthors = [\"ada-lovelace\"]\ndate = \"1922\"\n+++\n";

fn body(paragraphs: &[&str]) -> String {
    format!("{ARTICLE}{}\n", paragraphs.join("\n\n"))
}

fn new(quote: &str, note: &str) -> NewAnnotation {
    NewAnnotation {
        article: "congress".into(),
        quote: Quote {
            exact: quote.into(),
            ..Quote::default()
        },
        note: note.into(),
        tags: vec!["method".into()],
        color: None,
    }
}

#[test]
fn notes_follow_their_passages_through_edits_and_removals() {
    let ws = Workspace::new("library");
    let first = "The delegates argued about the united front for eleven days.";
    let second = "Zinoviev closed the session with a long report on the situation in Germany.";
    let third = "A short paragraph that will be cut.";
    ws.write("articles/congress.md", &body(&[first, second, third]));
    let lib = ws.open();
    lib.import().unwrap();
    let moved = lib
        .add_note(new("a long report on the situation in Germany", ""))
        .unwrap();
    let typo = lib
        .add_note(new("argued about the united front", ""))
        .unwrap();
    let cut = lib.add_note(new("will be cut", "")).unwrap();
    let err = lib.add_note(new("not in it", "")).unwrap_err();
    assert_eq!(err.kind, lectern_core::ErrorKind::NotFound);

    // A paragraph inserted before, a word changed inside a quote, a paragraph deleted.
    let edited_first = first.replace("argued", "disputed");
    ws.write(
        "articles/congress.md",
        &body(&["A new opening paragraph.", &edited_first, second]),
    );
    lib.import().unwrap();
    let status = |id: &str| lib.notes().get(id).unwrap();
    let m = status(&moved.id);
    assert_eq!(m.status, Status::Moved);
    assert_eq!(m.end - m.start, moved.end - moved.start);
    assert!(m.start > moved.start);
    let f = status(&typo.id);
    assert_eq!(f.status, Status::Fuzzy);
    assert!(
        f.confidence >= 0.75 && f.confidence < 1.0,
        "{}",
        f.confidence
    );
    let o = status(&cut.id);
    assert_eq!(
        (o.status, o.quote.as_str()),
        (Status::Orphaned, "will be cut")
    );

    // A rebuild of the library changes nothing for the notes.
    lib.rebuild().unwrap();
    assert_eq!(lib.notes().list(&Filter::default()).unwrap().len(), 3);

    // The article deleted: every note on it is kept, as an orphan.
    std::fs::remove_file(ws.content().join("articles/congress.md")).unwrap();
    lib.import().unwrap();
    let orphans = lib
        .notes()
        .list(&Filter {
            status: Some(Status::Orphaned),
            ..Filter::default()
        })
        .unwrap();
    assert_eq!(orphans.len(), 3);
    let tagged = lib
        .notes()
        .list(&Filter {
            tag: Some("method".into()),
            ..Filter::default()
        })
        .unwrap();
    assert_eq!(tagged.len(), 3);
}

#[test]
fn a_notes_file_of_the_first_schema_is_backed_up_and_migrated_with_nothing_lost() {
    let ws = Workspace::new("library");
    std::fs::create_dir_all(ws.data()).unwrap();
    std::fs::copy(
        fixture("notes-v1").join(NOTES_FILE),
        ws.data().join(NOTES_FILE),
    )
    .unwrap();
    let notes = Notes::open(&ws.data()).unwrap();
    let backup = notes
        .opened
        .backed_up
        .clone()
        .expect("a backup before migrating");
    // The backup is the first schema, whole.
    let old = rusqlite::Connection::open(&backup).unwrap();
    let version: i64 = old
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    let count: i64 = old
        .query_row("SELECT count(*) FROM annotations", [], |r| r.get(0))
        .unwrap();
    assert_eq!((version, count), (1, 2));
    let all = notes.list(&Filter::default()).unwrap();
    assert_eq!(all.len(), 2);
    let a = &all[0];
    assert_eq!(a.id, "urn:uuid:6f1d2c3e-0000-4000-8000-000000000001");
    assert_eq!(a.note, "A note written with the **first** schema.");
    assert_eq!(a.tags, ["method", "sources"]);
    assert_eq!((a.color.as_str(), a.start, a.end), ("green", 8, 18));
    assert_eq!(a.modified, "2026-01-03T11:00:00Z");
    assert_eq!(a.confidence, 1.0);
    assert_eq!(all[1].status, Status::Orphaned);
    let conn = rusqlite::Connection::open(ws.data().join(NOTES_FILE)).unwrap();
    let kept: (i64, i64) = conn
        .query_row(
            "SELECT (SELECT count(*) FROM bookmarks), (SELECT offset FROM reading_positions)",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!(kept, (1, 120));
    // Opening again finds nothing to do.
    drop(notes);
    assert_eq!(Notes::open(&ws.data()).unwrap().opened.backed_up, None);
}

#[test]
fn a_damaged_notes_file_is_set_aside_and_the_newest_good_backup_restored() {
    let ws = Workspace::new("library");
    std::fs::create_dir_all(ws.data()).unwrap();
    std::fs::copy(
        fixture("notes-v1").join(NOTES_FILE),
        ws.data().join(NOTES_FILE),
    )
    .unwrap();
    drop(Notes::open(&ws.data()).unwrap()); // migrates, leaving a backup of the first schema
    std::fs::write(
        ws.data().join(NOTES_FILE),
        b"not a database at all, just bytes that were once notes",
    )
    .unwrap();
    let notes = Notes::open(&ws.data()).unwrap();
    let r = notes.opened.recovered.clone().expect("the reader is told");
    assert!(
        Path::new(&r.set_aside).is_file(),
        "the damaged file is kept: {}",
        r.set_aside
    );
    assert!(r.restored.is_some() && r.taken.is_some(), "{r:?}");
    assert_eq!(notes.list(&Filter::default()).unwrap().len(), 2);

    // With no backup at all, the reader is still told; the damaged file is still kept.
    let bare = tempfile::tempdir().unwrap();
    std::fs::write(
        bare.path().join(NOTES_FILE),
        b"garbage garbage garbage garbage garbage garbage",
    )
    .unwrap();
    let notes = Notes::open(bare.path()).unwrap();
    let r = notes.opened.recovered.clone().expect("the reader is told");
    assert_eq!(r.restored, None);
    assert!(Path::new(&r.set_aside).is_file());
}

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
        .list(&Filter::default())
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
                .edit(&id, Some(format!("version {} intact", v + 1)), None, None)
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
                "notes::crash_writer",
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

#[test]
fn notes_export_and_import_round_trip_and_merge_by_id() {
    use lectern_core::notes::exchange::NotesFormat;
    let ws = Workspace::new("library");
    let lib = ws.open();
    lib.import().unwrap();
    let add = |article: &str, quote: &str, note: &str, tags: &[&str]| {
        lib.add_note(NewAnnotation {
            article: article.into(),
            quote: Quote {
                exact: quote.into(),
                ..Quote::default()
            },
            note: note.into(),
            tags: tags.iter().map(|t| t.to_string()).collect(),
            color: Some("blue".into()),
        })
        .unwrap()
    };
    let a = add(
        "alpha",
        "A second claim",
        "Check this\nagainst *Carr*.",
        &["sources", "to do"],
    );
    add("alpha", "voted", "", &[]);
    add("beta", "A closing claim", "Which source?", &["sources"]);
    let out = ws.dir.path().join("out");

    // JSON-LD: an AnnotationCollection whose items keep to the model's MUST rules.
    let file = out.join("notes.jsonld");
    lib.export_notes(NotesFormat::Jsonld, &file).unwrap();
    let doc: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
    assert_eq!(doc["@context"][0], "http://www.w3.org/ns/anno.jsonld");
    assert_eq!(doc["type"], "AnnotationCollection");
    assert!(doc["id"].as_str().unwrap().starts_with("urn:uuid:"));
    assert_eq!(doc["total"], 3);
    for item in doc["first"]["items"].as_array().unwrap() {
        assert!(item["id"].as_str().unwrap().starts_with("urn:uuid:"));
        assert_eq!(item["type"], "Annotation");
        let target = &item["target"];
        assert!(target["source"]
            .as_str()
            .unwrap()
            .starts_with("tag:lectern.app,2026:article/"));
        let types: Vec<&str> = target["selector"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s["type"].as_str().unwrap())
            .collect();
        assert_eq!(types, ["TextQuoteSelector", "TextPositionSelector"]);
        for body in item["body"].as_array().into_iter().flatten() {
            assert_eq!(body["type"], "TextualBody");
            assert!(body["value"].is_string());
        }
    }

    // Into another library: everything comes back; a second import changes nothing.
    let other = tempfile::tempdir().unwrap();
    let lib2 = lectern_core::Library::open(other.path(), &ws.content()).unwrap();
    lib2.import().unwrap();
    let m = lib2.import_notes(&file).unwrap();
    assert_eq!((m.added, m.updated, m.unchanged), (3, 0, 0));
    let back = lib2.notes().list(&Filter::default()).unwrap();
    let before = lib.notes().list(&Filter::default()).unwrap();
    assert_eq!(back, before);
    let again = lib2.import_notes(&file).unwrap();
    assert_eq!((again.added, again.updated, again.unchanged), (0, 0, 3));
    // The newer copy wins.
    let edited = lib
        .notes()
        .edit(&a.id, Some("Checked.".into()), None, None)
        .unwrap();
    lib.export_notes(NotesFormat::Jsonld, &file).unwrap();
    let m = lib2.import_notes(&file).unwrap();
    assert_eq!((m.updated, m.unchanged), (1, 2));
    assert_eq!(lib2.notes().get(&a.id).unwrap().note, edited.note);
    let older = lib.notes().list(&Filter::default()).unwrap();
    assert_eq!(lib2.notes().list(&Filter::default()).unwrap(), older);

    // Markdown: a file per article, quotes as block quotes, the note below, #tags.
    let written = lib
        .export_notes(NotesFormat::Markdown, &out.join("md"))
        .unwrap();
    assert_eq!(written.len(), 2);
    let alpha = std::fs::read_to_string(out.join("md/alpha.md")).unwrap();
    assert!(
        alpha.starts_with("---\ntitle: \"Alpha: The First Part\"\narticle: alpha\n"),
        "{alpha}"
    );
    assert!(
        alpha.contains("> A second claim\n\nChecked.\n\n#sources #to-do\n"),
        "{alpha}"
    );

    // CSV, read back.
    lib.export_notes(NotesFormat::Csv, &out.join("notes.csv"))
        .unwrap();
    let mut r = csv::Reader::from_path(out.join("notes.csv")).unwrap();
    let rows: Vec<csv::StringRecord> = r.records().map(|x| x.unwrap()).collect();
    assert_eq!(rows.len(), 3);
    let claim = rows.iter().find(|r| &r[2] == "A second claim").unwrap();
    assert_eq!((&claim[3], &claim[4]), ("Checked.", "sources; to do"));
}

#[test]
fn an_imported_annotation_on_an_unknown_article_is_kept_as_an_orphan() {
    let ws = Workspace::new("library");
    let lib = ws.open();
    lib.import().unwrap();
    let file = ws.dir.path().join("one.jsonld");
    std::fs::write(
        &file,
        r#"{"@context": "http://www.w3.org/ns/anno.jsonld", "id": "urn:uuid:0b7c0000-0000-4000-8000-0000000000aa",
            "type": "Annotation", "created": "2025-05-01T00:00:00Z",
            "body": {"type": "TextualBody", "value": "kept"},
            "target": {"source": "tag:lectern.app,2026:article/not-here",
                       "selector": {"type": "TextQuoteSelector", "exact": "some words"}}}"#,
    )
    .unwrap();
    let m = lib.import_notes(&file).unwrap();
    assert_eq!(m.added, 1);
    let a = lib
        .notes()
        .get("urn:uuid:0b7c0000-0000-4000-8000-0000000000aa")
        .unwrap();
    assert_eq!(
        (a.status, a.note.as_str(), a.quote.as_str()),
        (Status::Orphaned, "kept", "some words")
    );
    std::fs::write(&file, "{ not json").unwrap();
    let err = lib.import_notes(&file).unwrap_err();
    assert!(err.message.contains("one.jsonld"), "{}", err.message);
}

#[test]
fn notes_join_the_one_search_and_leave_it_when_deleted() {
    use lectern_core::search::{SearchKind, SearchOptions};
    let ws = Workspace::new("library");
    let lib = ws.open();
    lib.import().unwrap();
    let a = lib
        .add_note(NewAnnotation {
            article: "alpha".into(),
            quote: Quote {
                exact: "A second claim".into(),
                ..Quote::default()
            },
            note: "Compare the zeppelin argument in Carr.".into(),
            tags: vec!["airships".into()],
            color: None,
        })
        .unwrap();
    let results = lib.search("zeppelin", &SearchOptions::default()).unwrap();
    assert_eq!(results.hits.len(), 1);
    let hit = &results.hits[0];
    assert_eq!(
        (hit.kind, hit.id.clone()),
        (SearchKind::Note, format!("alpha/{}", a.id))
    );
    assert!(hit.title.starts_with("Note on Alpha"), "{}", hit.title);
    assert!(hit.passage.text.contains("zeppelin"));
    assert!(results
        .counts
        .iter()
        .any(|c| c.kind == SearchKind::Note && c.count == 1));
    // The quote's words find the article and the note, ranked together; a tag finds the note.
    let both = lib
        .search("\"second claim\"", &SearchOptions::default())
        .unwrap();
    let kinds: Vec<SearchKind> = both.hits.iter().map(|h| h.kind).collect();
    assert!(
        kinds.contains(&SearchKind::Note) && kinds.contains(&SearchKind::Article),
        "{kinds:?}"
    );
    let only = SearchOptions {
        kinds: vec![SearchKind::Note],
        ..SearchOptions::default()
    };
    assert_eq!(lib.search("airships", &only).unwrap().hits.len(), 1);
    lib.notes().delete(&a.id).unwrap();
    assert!(lib
        .search("zeppelin", &SearchOptions::default())
        .unwrap()
        .hits
        .is_empty());
}

#[test]
fn bookmarks_and_reading_positions_are_kept_across_opens() {
    let ws = Workspace::new("library");
    {
        let lib = ws.open();
        assert!(lib.notes().toggle_bookmark("alpha").unwrap());
        assert!(lib.notes().toggle_bookmark("beta").unwrap());
        assert!(!lib.notes().toggle_bookmark("beta").unwrap());
        lib.notes().save_position("alpha", 120).unwrap();
        lib.notes().save_position("beta", 40).unwrap();
        lib.notes().save_position("alpha", 300).unwrap();
    }
    let lib = ws.open();
    assert_eq!(lib.notes().bookmarks().unwrap(), ["alpha"]);
    let p = lib.notes().positions().unwrap();
    assert_eq!(p.len(), 2);
    assert_eq!(
        (p[0].article.as_str(), p[0].offset),
        ("alpha", 300),
        "most recent first"
    );
}

#[test]
fn hypothesis_annotations_are_placed_by_their_quotes_and_the_rest_reported() {
    let ws = Workspace::new("library");
    ws.write(
        "articles/congress.md",
        "+++\ntitle = \"Congress\"\nauthors = [\"ada-lovelace\"]\ndate = \"1922\"\nurl = \"https://example.org/2021/05/congress/\"\n+++\nThe delegates argued about the united front for eleven days.\n",
    );
    let lib = ws.open();
    lib.import().unwrap();
    let selector = |exact: &str, prefix: &str| {
        serde_json::json!([{ "type": "TextPositionSelector", "start": 5000, "end": 5010 },
                           { "type": "TextQuoteSelector", "exact": exact, "prefix": prefix, "suffix": "" }])
    };
    let export = serde_json::json!({
        "export_date": "2026-01-01T00:00:00Z",
        "annotations": [
            { "id": "AbC1", "uri": "http://www.example.org/2021/05/congress?utm_source=x", "text": "Eleven!", "tags": ["length"],
              "created": "2025-01-01T00:00:00Z", "updated": "2025-01-02T00:00:00Z",
              "target": [{ "source": "http://www.example.org/2021/05/congress", "selector": selector("eleven days", "front for ") }],
              "document": { "title": ["Congress | A Blog"] } },
            { "id": "DeF2", "uri": "https://elsewhere.example/alpha", "text": "", "tags": [],
              "created": "2025-02-01T00:00:00Z", "updated": "2025-02-01T00:00:00Z",
              "target": [{ "source": "https://elsewhere.example/alpha", "selector": selector("A second claim", "") }],
              "document": { "title": ["Alpha: The First Part"] } },
            { "id": "GhI3", "uri": "https://example.com/unrelated", "text": "Not ours", "tags": [],
              "created": "2025-03-01T00:00:00Z", "updated": "2025-03-01T00:00:00Z",
              "target": [{ "source": "https://example.com/unrelated", "selector": selector("some words", "") }],
              "document": { "title": ["Somewhere else"] } }
        ]
    });
    let file = ws.dir.path().join("hypothesis.json");
    std::fs::write(&file, export.to_string()).unwrap();
    let m = lib.import_notes(&file).unwrap();
    assert_eq!((m.added, m.updated, m.unchanged), (2, 0, 0));
    assert_eq!(m.unmatched.len(), 1);
    assert_eq!(
        (m.unmatched[0].id.as_str(), m.unmatched[0].quote.as_str()),
        ("GhI3", "some words")
    );
    let by_url = lib.notes().get("https://hypothes.is/a/AbC1").unwrap();
    assert_eq!(
        (by_url.article.as_str(), by_url.status, by_url.note.as_str()),
        ("congress", Status::Anchored, "Eleven!")
    );
    assert_eq!(by_url.tags, ["length"]);
    let text = "The delegates argued about the united front for eleven days.";
    assert_eq!(by_url.start as usize, text.find("eleven days").unwrap());
    let by_title = lib.notes().get("https://hypothes.is/a/DeF2").unwrap();
    assert_eq!(
        (by_title.article.as_str(), by_title.status),
        ("alpha", Status::Anchored)
    );
    // Again: nothing changes.
    let again = lib.import_notes(&file).unwrap();
    assert_eq!((again.added, again.updated, again.unchanged), (0, 0, 2));
}
