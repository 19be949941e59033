//! Notes out and in: W3C JSON-LD round trips merged by id, Markdown and CSV, an annotation on
//! an unknown article, and Hypothesis's export.

use crate::harness::Workspace;
use lectern_core::notes::anchor::{Quote, Status};
use lectern_core::notes::{Filter, NewAnnotation};
use lectern_core::Library;
use std::path::PathBuf;

/// The fixture library, imported, with `json` written to the file `name` beside it. (Bind the
/// workspace first, as `_ws`, so that it outlives the library.)
fn with_file(name: &str, json: &str) -> (Workspace, Library, PathBuf) {
    let ws = Workspace::new("library");
    let lib = ws.open();
    lib.import().unwrap();
    let file = ws.dir.path().join(name);
    std::fs::write(&file, json).unwrap();
    (ws, lib, file)
}

#[test]
fn notes_export_and_import_round_trip_and_merge_by_id() {
    use lectern_core::notes::exchange::NotesFormat;
    let ws = Workspace::new("library");
    let lib = ws.open();
    lib.import().unwrap();
    let add = |article: &str, quote: &str, note: &str, tags: &[&str]| {
        lib.add_note_by_quote(NewAnnotation {
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
    let back = lib2.notes().list_notes(&Filter::default()).unwrap();
    let before = lib.notes().list_notes(&Filter::default()).unwrap();
    assert_eq!(back, before);
    let again = lib2.import_notes(&file).unwrap();
    assert_eq!((again.added, again.updated, again.unchanged), (0, 0, 3));
    // The newer copy wins.
    let edited = lib
        .notes()
        .edit_note(&a.id, Some("Checked.".into()), None, None)
        .unwrap();
    lib.export_notes(NotesFormat::Jsonld, &file).unwrap();
    let m = lib2.import_notes(&file).unwrap();
    assert_eq!((m.updated, m.unchanged), (1, 2));
    assert_eq!(lib2.notes().get(&a.id).unwrap().note, edited.note);
    let older = lib.notes().list_notes(&Filter::default()).unwrap();
    assert_eq!(lib2.notes().list_notes(&Filter::default()).unwrap(), older);

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
    // Each note leads back to its passage in Lectern; the file to its article.
    let back = format!(
        "#sources #to-do\n\n[Open in Lectern](lectern://article/alpha?ann={})\n",
        a.id.replace(':', "%3A").replace('-', "%2D")
    );
    assert!(alpha.contains(&back), "{alpha}");
    assert!(
        alpha.contains("\narticle: alpha\nlectern: lectern://article/alpha\n"),
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
    let (_ws, lib, file) = with_file(
        "one.jsonld",
        r#"{"@context": "http://www.w3.org/ns/anno.jsonld", "id": "urn:uuid:0b7c0000-0000-4000-8000-0000000000aa",
        "type": "Annotation", "created": "2025-05-01T00:00:00Z",
        "body": {"type": "TextualBody", "value": "kept"},
        "target": {"source": "tag:lectern.app,2026:article/not-here",
                   "selector": {"type": "TextQuoteSelector", "exact": "some words"}}}"#,
    );
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
fn an_annotation_with_only_a_quote_is_placed_by_it_and_counts_as_anchored() {
    // Other tools often write the quote alone: there was no position for it to have moved from.
    let (_ws, lib, file) = with_file(
        "quote-only.jsonld",
        r#"{"id": "urn:uuid:0b7c0000-0000-4000-8000-0000000000bb", "type": "Annotation",
        "created": "2025-05-01T00:00:00Z",
        "target": {"source": "tag:lectern.app,2026:article/alpha",
                   "selector": {"type": "TextQuoteSelector", "exact": "A second claim"}}}"#,
    );
    assert_eq!(lib.import_notes(&file).unwrap().added, 1);
    let a = lib
        .notes()
        .get("urn:uuid:0b7c0000-0000-4000-8000-0000000000bb")
        .unwrap();
    let text = lib.show("alpha").unwrap().text;
    let (start, end) = (a.start as usize, a.end as usize);
    assert_eq!(a.status, Status::Anchored);
    assert_eq!(
        text.encode_utf16().collect::<Vec<_>>()[start..end],
        "A second claim".encode_utf16().collect::<Vec<_>>()[..]
    );
}

#[test]
fn annotations_that_cannot_be_read_are_reported_and_the_rest_imported() {
    let target = |quote: &str| {
        format!(
            r#"{{"source": "tag:lectern.app,2026:article/alpha",
                 "selector": {{"type": "TextQuoteSelector", "exact": "{quote}"}}}}"#
        )
    };
    let (_ws, lib, file) = with_file(
        "mixed.jsonld",
        &format!(
            r##"[{{"id": "#local-1", "type": "Annotation", "created": "2025-05-01T00:00:00Z",
                  "target": {}}},
                {{"id": "urn:uuid:0b7c0000-0000-4000-8000-0000000000cc", "type": "Annotation"}},
                {{"id": "urn:uuid:0b7c0000-0000-4000-8000-0000000000dd", "type": "Annotation",
                  "created": "2025-05-01T00:00:00Z",
                  "target": ["https://example.org/elsewhere", {}]}}]"##,
            target("A second claim"),
            target("The first note again")
        ),
    );
    let m = lib.import_notes(&file).unwrap();
    assert_eq!((m.added, m.unreadable.len()), (2, 1), "{m:?}");
    let bad = &m.unreadable[0];
    assert_eq!(bad.item, 2);
    assert_eq!(
        bad.id.as_deref(),
        Some("urn:uuid:0b7c0000-0000-4000-8000-0000000000cc")
    );
    assert!(bad.reason.contains("target"), "{}", bad.reason);
    // `#local-1` is no IRI: it was given a urn:uuid made from it, the same at the next import.
    let all = lib.notes().list_notes(&Filter::default()).unwrap();
    let local = all.iter().find(|a| a.quote == "A second claim").unwrap();
    assert!(local.id.starts_with("urn:uuid:"), "{}", local.id);
    // Of several targets, the one that is an article of ours is taken.
    assert!(all
        .iter()
        .any(|a| a.quote == "The first note again" && a.article == "alpha"));
    let again = lib.import_notes(&file).unwrap();
    assert_eq!((again.added, again.unchanged), (0, 2));
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
