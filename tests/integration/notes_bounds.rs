//! What a hostile or oversized notes file could do, on real files: slugs that would name files
//! outside the export folder, files and fields over the caps, notes rendered again on every
//! list, CSV cells that would be formulas.

use crate::harness::files_under;
use crate::notes_interop::{congress, quote, write};
use lectern_core::notes::exchange::NotesFormat;
use lectern_core::notes::limits;
use lectern_core::notes::{Filter, NewAnnotation, NotesQuery, NOTES_FILE};
use lectern_core::ErrorKind;
use serde_json::json;

#[test]
fn slugs_that_would_leave_the_export_folder_are_refused_on_every_way_in() {
    let (ws, lib) = congress();
    let escape = ws.dir.path().join("escaped");
    let target = |slug: &str| {
        json!({ "source": format!("tag:lectern.app,2026:article/{slug}"),
        "selector": { "type": "TextQuoteSelector", "exact": "some words" } })
    };
    let bad_slugs = [
        format!("../../{}/x", escape.file_name().unwrap().to_str().unwrap()),
        format!("{}/abs", escape.display()),
        "Upper".to_owned(),
        "a\\b".to_owned(),
    ];
    let mut items: Vec<serde_json::Value> = bad_slugs
        .iter()
        .enumerate()
        .map(|(i, s)| {
            json!({ "id": format!("urn:uuid:0b7c0000-0000-4000-8000-00000000010{i}"),
            "type": "Annotation", "created": "2025-05-01T00:00:00Z", "target": target(s) })
        })
        .collect();
    items.push(
        json!({ "id": "urn:uuid:0b7c0000-0000-4000-8000-000000000199", "type": "Annotation",
        "created": "2025-05-01T00:00:00Z", "target": target("congress") }),
    );
    let file = write(&ws, "hostile.jsonld", &json!(items));
    let m = lib.import_notes(&file).unwrap();
    assert_eq!(m.added, 1, "{m:?}");
    assert_eq!(m.unreadable.len(), 4, "{m:?}");
    for (u, item) in m.unreadable.iter().zip(1..) {
        assert_eq!(u.item, item);
        assert!(
            u.reason.contains("target.source") && u.reason.contains("not an article slug"),
            "{}",
            u.reason
        );
    }

    // The undo of a delete comes back from the webview: checked the same way.
    let mut a = lib
        .notes()
        .get("urn:uuid:0b7c0000-0000-4000-8000-000000000199")
        .unwrap();
    a.article = "../../evil".into();
    let err = lib.notes().restore_note(&a).unwrap_err();
    assert_eq!(err.kind, ErrorKind::Invalid);
    assert!(
        err.message.contains("not an article slug"),
        "{}",
        err.message
    );

    // A notes file written before slugs were checked: its files still land inside the folder.
    drop(lib);
    let conn = rusqlite::Connection::open(ws.data().join(NOTES_FILE)).unwrap();
    conn.execute(
        "UPDATE annotations SET article = ?1 WHERE id = 'urn:uuid:0b7c0000-0000-4000-8000-000000000199'",
        [format!("../../{}/old", escape.file_name().unwrap().to_str().unwrap())],
    )
    .unwrap();
    drop(conn);
    let lib = ws.open();
    let out = ws.dir.path().join("exports/md");
    let written = lib.export_notes(NotesFormat::Markdown, &out).unwrap();
    assert_eq!(written.len(), 1);
    let name = written[0].file_name().unwrap().to_str().unwrap();
    assert!(
        name.starts_with("article-") && name.ends_with(".md"),
        "{name}"
    );
    assert_eq!(files_under(&out), written);
    assert!(
        !escape.exists(),
        "nothing written outside the export folder"
    );
    let md = std::fs::read_to_string(&written[0]).unwrap();
    assert!(
        md.contains("article: \"../../"),
        "the odd slug quoted, not a bare line: {md}"
    );
}

#[test]
fn imports_are_bounded_and_say_what_was_over() {
    let (ws, lib) = congress();
    // A file over 64 MiB is not read at all.
    let big = ws.dir.path().join("big.json");
    std::fs::File::create(&big)
        .unwrap()
        .set_len(limits::MAX_FILE_BYTES + 1)
        .unwrap();
    let err = lib.import_notes(&big).unwrap_err();
    assert!(
        err.message.contains("big.json") && err.message.contains("64 MiB"),
        "{}",
        err.message
    );

    // Fields over their caps: that annotation is not read, the field named; the rest imported.
    let ok = |id: &str| {
        json!({ "id": id, "type": "Annotation", "created": "2025-05-01T00:00:00Z",
        "target": { "source": "tag:lectern.app,2026:article/congress",
                    "selector": { "type": "TextQuoteSelector", "exact": "eleven days" } } })
    };
    let mut long_note = ok("urn:x:note");
    long_note["body"] =
        json!({ "type": "TextualBody", "value": "n".repeat(limits::MAX_NOTE_BYTES + 1) });
    let mut long_quote = ok("urn:x:quote");
    long_quote["target"]["selector"]["exact"] = json!("q".repeat(limits::MAX_QUOTE_BYTES + 1));
    let mut long_tag = ok("urn:x:tag");
    long_tag["body"] = json!([{ "type": "TextualBody", "purpose": "tagging", "value": "t".repeat(limits::MAX_TAG_BYTES + 1) }]);
    let mut many_tags = ok("urn:x:tags");
    many_tags["body"] = json!((0..=limits::MAX_TAGS)
        .map(|i| json!({ "type": "TextualBody", "purpose": "tagging", "value": format!("t{i}") }))
        .collect::<Vec<_>>());
    let file = write(
        &ws,
        "fields.jsonld",
        &json!([ok("urn:x:fine"), long_note, long_quote, long_tag, many_tags]),
    );
    let m = lib.import_notes(&file).unwrap();
    assert_eq!(m.added, 1, "{m:?}");
    let reasons: Vec<&str> = m.unreadable.iter().map(|u| u.reason.as_str()).collect();
    assert!(reasons[0].starts_with("note is"), "{reasons:?}");
    assert!(reasons[1].starts_with("quote is"), "{reasons:?}");
    assert!(reasons[2].starts_with("tags[0] is"), "{reasons:?}");
    assert!(reasons[3].starts_with("tags has"), "{reasons:?}");

    // More annotations than an import takes: the rest are reported as not read, in one line.
    let many: Vec<serde_json::Value> = (0..=limits::MAX_ANNOTATIONS)
        .map(|i| json!({ "id": format!("urn:x:{i}"), "type": "Annotation" }))
        .collect();
    let file = write(&ws, "many.jsonld", &json!(many));
    let m = lib.import_notes(&file).unwrap();
    let last = m.unreadable.last().unwrap();
    assert_eq!(last.item as usize, limits::MAX_ANNOTATIONS + 1);
    assert!(last.reason.contains("at most 100000"), "{}", last.reason);
    assert_eq!(m.unreadable.len(), limits::MAX_ANNOTATIONS + 1);
}

#[test]
fn a_note_is_rendered_once_until_it_changes_and_exports_render_none() {
    let (ws, lib) = congress();
    for (i, words) in ["eleven days", "WONAM", "Moscow", "the delegates"]
        .iter()
        .enumerate()
    {
        lib.add_note_by_quote(NewAnnotation {
            note: format!("Note **{i}**"),
            ..quote(words)
        })
        .unwrap();
    }
    let first = lib.notes().renders();
    let listed = lib.notes().list_notes(&Filter::default()).unwrap();
    assert!(listed.iter().all(|a| a.html.contains("<strong>")));
    let q = NotesQuery {
        limit: 100,
        ..NotesQuery::default()
    };
    for _ in 0..3 {
        lib.notes().list_notes(&Filter::default()).unwrap();
        lib.notes_page(&q).unwrap();
    }
    assert_eq!(lib.notes().renders(), first, "nothing rendered again");
    lib.export_notes(NotesFormat::Jsonld, &ws.dir.path().join("n.jsonld"))
        .unwrap();
    lib.export_notes(NotesFormat::Markdown, &ws.dir.path().join("md"))
        .unwrap();
    assert_eq!(lib.notes().renders(), first);
    // A changed note is rendered anew.
    let edited = lib
        .notes()
        .edit_note(&listed[0].id, Some("*changed*".into()), None, None)
        .unwrap();
    assert!(edited.html.contains("<em>changed</em>"), "{}", edited.html);
    let again = lib.notes().get(&listed[0].id).unwrap();
    assert_eq!(again.html, edited.html);
}

#[test]
fn csv_cells_that_would_be_formulas_are_neutralized_in_every_csv_export() {
    let (ws, lib) = congress();
    lib.add_note_by_quote(NewAnnotation {
        note: "=HYPERLINK(\"https://evil.example\",\"click\")".into(),
        tags: vec!["+SUM(1)".into()],
        color: Some("@blue".into()),
        ..quote("eleven days")
    })
    .unwrap();
    let out = ws.dir.path().join("notes.csv");
    lib.export_notes(NotesFormat::Csv, &out).unwrap();
    let mut r = csv::Reader::from_path(&out).unwrap();
    let headers = r.headers().unwrap().clone();
    let row = r.records().next().unwrap().unwrap();
    let cell = |name: &str| row[headers.iter().position(|h| h == name).unwrap()].to_owned();
    assert_eq!(
        cell("note"),
        "'=HYPERLINK(\"https://evil.example\",\"click\")"
    );
    assert_eq!(cell("tags"), "'+SUM(1)");
    assert_eq!(cell("color"), "'@blue");
    assert_eq!(cell("quote"), "eleven days");

    // The books' CSV writes its cells the same way.
    ws.write(
        "books/formula.md",
        "+++\ntitle = \"=cmd|' /C calc'!A0\"\nsubtitle = \"-2+3\"\npublishers = [\"@Press\"]\nstatus = \"published\"\n+++\nA book.\n",
    );
    lib.import().unwrap();
    let text = lib
        .export_books(
            &["formula".into()],
            lectern_core::books::export::Format::Csv,
        )
        .unwrap();
    let mut r = csv::Reader::from_reader(text.as_bytes());
    let row = r.records().next().unwrap().unwrap();
    assert_eq!(
        (&row[1], &row[2], &row[6]),
        ("'=cmd|' /C calc'!A0", "'-2+3", "'@Press")
    );
}
