//! lectern-cli's commands that change the reader's data folder: notes (add, list, delete,
//! export, import) and blogs (add, list, sync, remove).

use crate::cli::cli;
use crate::harness::{fixture, Workspace};

#[test]
fn notes_add_list_and_delete_share_the_data_folder() {
    let ws = Workspace::new("library");
    let run = |args: &[&str]| cli(&ws.content(), &ws.data(), args);
    let added = run(&[
        "notes",
        "add",
        "--article",
        "alpha",
        "--quote",
        "A second claim",
        "--note",
        "Why *here*?",
        "--tag",
        "method",
        "--json",
    ]);
    assert!(
        added.status.success(),
        "{}",
        String::from_utf8_lossy(&added.stderr)
    );
    let a: serde_json::Value = serde_json::from_slice(&added.stdout).unwrap();
    let id = a["id"].as_str().unwrap().to_owned();
    assert!(id.starts_with("urn:uuid:"));
    // Printed only once committed: a second process reads it back.
    let listed = run(&["notes", "list", "--article", "alpha", "--json"]);
    let v: serde_json::Value = serde_json::from_slice(&listed.stdout).unwrap();
    let n = &v[0];
    for key in [
        "id", "article", "quote", "note", "tags", "status", "start", "end", "created", "modified",
    ] {
        assert!(n.get(key).is_some(), "{key} in {n}");
    }
    assert_eq!(
        (n["id"].as_str(), n["quote"].as_str(), n["status"].as_str()),
        (Some(id.as_str()), Some("A second claim"), Some("anchored"))
    );
    assert_eq!(n["tags"][0], "method");
    let missing = run(&[
        "notes",
        "add",
        "--article",
        "alpha",
        "--quote",
        "words that are not there",
    ]);
    assert_eq!(missing.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&missing.stderr).contains("the quote is not in article `alpha`")
    );
    let twice = run(&["notes", "add", "--article", "alpha", "--quote", "the"]);
    assert_eq!(twice.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&twice.stderr).contains("give a prefix or suffix that picks one")
    );
    assert!(run(&["notes", "delete", &id]).status.success());
    let after: serde_json::Value =
        serde_json::from_slice(&run(&["notes", "list", "--json"]).stdout).unwrap();
    assert_eq!(after, serde_json::json!([]));
}

#[test]
fn notes_export_and_import_say_what_they_did_and_what_they_left_out() {
    let ws = Workspace::new("library");
    let run = |args: &[&str]| cli(&ws.content(), &ws.data(), args);
    let added = run(&[
        "notes",
        "add",
        "--article",
        "alpha",
        "--quote",
        "A second claim",
    ]);
    assert!(added.status.success());
    let out = ws.dir.path().join("notes.jsonld");
    let exported = run(&[
        "notes",
        "export",
        "--format",
        "jsonld",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert!(exported.status.success());
    let mut doc: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
    // One annotation more, with no target: the file is still imported, and the bad one named.
    doc["first"]["items"]
        .as_array_mut()
        .unwrap()
        .push(serde_json::json!({"id": "urn:uuid:0b7c0000-0000-4000-8000-0000000000ee", "type": "Annotation"}));
    std::fs::write(&out, doc.to_string()).unwrap();
    let imported = run(&["notes", "import", out.to_str().unwrap()]);
    assert!(imported.status.success());
    let text = String::from_utf8_lossy(&imported.stdout);
    assert!(text.contains("0 added, 0 updated, 1 unchanged"), "{text}");
    assert!(
        text.contains(
            "not read: annotation 2 (urn:uuid:0b7c0000-0000-4000-8000-0000000000ee): no target"
        ),
        "{text}"
    );
}

#[test]
fn blog_commands_add_list_annotate_sync_and_remove() {
    let ws = Workspace::new("library");
    let export = fixture("wordpress/export-1.2.xml");
    let export = export.to_str().unwrap();
    // --no-images: the fixture's images live on a site the tests must not contact.
    let add = cli(
        &ws.content(),
        &ws.data(),
        &[
            "blog",
            "add",
            "--export",
            export,
            "--name",
            "Labour History",
            "--no-images",
            "--json",
        ],
    );
    assert!(
        add.status.success(),
        "{}",
        String::from_utf8_lossy(&add.stderr)
    );
    let report: serde_json::Value = serde_json::from_slice(&add.stdout).unwrap();
    assert_eq!(report[0]["name"], "labour-history");
    assert_eq!(report[0]["added"].as_array().unwrap().len(), 3);

    let list = cli(&ws.content(), &ws.data(), &["list", "--json"]);
    let articles: serde_json::Value = serde_json::from_slice(&list.stdout).unwrap();
    let munz = articles
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["slug"] == "munzenberg-red-trust")
        .expect("listed");
    assert_eq!(
        munz["title"], "Münzenberg & the “Red Trust”",
        "entities decoded"
    );
    assert_eq!(munz["blog"], "labour-history");

    let note = cli(
        &ws.content(),
        &ws.data(),
        &[
            "notes",
            "add",
            "--article",
            "munzenberg-red-trust",
            "--quote",
            "built a press empire",
            "--note",
            "Check Gross.",
        ],
    );
    assert!(
        note.status.success(),
        "{}",
        String::from_utf8_lossy(&note.stderr)
    );

    let blogs = cli(&ws.content(), &ws.data(), &["blog", "list", "--json"]);
    let blogs: serde_json::Value = serde_json::from_slice(&blogs.stdout).unwrap();
    assert_eq!(blogs[0]["articles"], 3);
    assert_eq!(blogs[0]["kind"], "export");

    let sync = cli(&ws.content(), &ws.data(), &["blog", "sync", "--json"]);
    assert!(
        sync.status.success(),
        "{}",
        String::from_utf8_lossy(&sync.stderr)
    );
    let sync: serde_json::Value = serde_json::from_slice(&sync.stdout).unwrap();
    assert_eq!(sync[0]["unchanged"], 3, "the same export changes nothing");

    let text = cli(&ws.content(), &ws.data(), &["blog", "sync"]);
    assert!(
        String::from_utf8_lossy(&text.stdout).contains("labour-history: 0 added, 0 changed"),
        "{}",
        String::from_utf8_lossy(&text.stdout)
    );

    let bad = cli(
        &ws.content(),
        &ws.data(),
        &[
            "blog",
            "add",
            "--export",
            &fixture("wordpress/malformed.xml").display().to_string(),
        ],
    );
    assert_eq!(bad.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&bad.stderr).contains("malformed.xml:6:"),
        "{}",
        String::from_utf8_lossy(&bad.stderr)
    );

    let remove = cli(
        &ws.content(),
        &ws.data(),
        &["blog", "remove", "labour-history"],
    );
    assert!(remove.status.success());
    let notes = cli(&ws.content(), &ws.data(), &["notes", "list", "--json"]);
    let notes: serde_json::Value = serde_json::from_slice(&notes.stdout).unwrap();
    assert_eq!(notes[0]["status"], "orphaned", "the note outlives its blog");
}
