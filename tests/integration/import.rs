use crate::harness::Workspace;
use lectern_core::LIBRARY_FILE;

#[test]
fn first_import_adds_every_file_then_a_second_skips_them_all() {
    let ws = Workspace::new("library");
    let lib = ws.open();
    let first = lib.import().unwrap();
    assert_eq!(
        (first.added, first.updated, first.removed, first.unchanged),
        (10, 0, 0, 0)
    );
    assert_eq!(first.problems, 0, "{:?}", lib.list_problems().unwrap());
    assert!(ws.data().join(LIBRARY_FILE).is_file());

    // A fresh open of the same data folder finds everything unchanged.
    drop(lib);
    let lib = ws.open();
    let second = lib.import().unwrap();
    assert_eq!(
        (
            second.added,
            second.updated,
            second.removed,
            second.unchanged
        ),
        (0, 0, 0, 10)
    );
    assert_eq!(lib.list_articles().unwrap().len(), 4);
}

#[test]
fn changed_files_are_reimported_and_deleted_files_removed() {
    let ws = Workspace::new("library");
    let lib = ws.open();
    lib.import().unwrap();

    let gamma = std::fs::read_to_string(ws.content().join("articles/gamma.md")).unwrap();
    ws.write(
        "articles/gamma.md",
        &gamma.replace("Gamma in December", "Gamma, retitled"),
    );
    std::fs::remove_file(ws.content().join("articles/delta.md")).unwrap();
    let report = lib.import().unwrap();
    assert_eq!(
        (
            report.added,
            report.updated,
            report.removed,
            report.unchanged
        ),
        (0, 1, 1, 8)
    );

    let titles: Vec<String> = lib
        .list_articles()
        .unwrap()
        .into_iter()
        .map(|a| a.title)
        .collect();
    assert!(titles.contains(&"Gamma, retitled".to_owned()));
    assert!(!titles.iter().any(|t| t.starts_with("Delta")));
}

/// Sets a file's modification time to `secs_ago` seconds before now.
fn age(path: &std::path::Path, secs_ago: u64) {
    let when = std::time::SystemTime::now() - std::time::Duration::from_secs(secs_ago);
    std::fs::File::options()
        .write(true)
        .open(path)
        .unwrap()
        .set_modified(when)
        .unwrap();
}

#[test]
fn files_are_read_again_only_when_their_size_or_time_changed_and_a_same_size_edit_is_seen() {
    let ws = Workspace::new("library");
    let gamma = ws.content().join("articles/gamma.md");
    age(&gamma, 3_600);
    let lib = ws.open();
    lib.import().unwrap();

    // Touched, same bytes: not a change.
    age(&gamma, 1_800);
    let touched = lib.import().unwrap();
    assert_eq!((touched.updated, touched.unchanged), (0, 10));

    // Same size, other bytes, an older time than any seen: still re-imported.
    let text = std::fs::read_to_string(&gamma).unwrap();
    let edited = text.replacen("Gamma in December", "Gamma in Decembre", 1);
    assert_eq!(edited.len(), text.len());
    assert_ne!(edited, text);
    std::fs::write(&gamma, &edited).unwrap();
    age(&gamma, 7_200);
    let report = lib.import().unwrap();
    assert_eq!((report.updated, report.unchanged), (1, 9));
    assert!(lib
        .list_articles()
        .unwrap()
        .iter()
        .any(|a| a.title == "Gamma in Decembre"));

    // Edited moments ago with the same size: the stamp of a file this fresh is not trusted,
    // so a second same-size edit within the clock's resolution is still seen.
    std::fs::write(&gamma, &text).unwrap();
    assert_eq!(lib.import().unwrap().updated, 1);
    std::fs::write(&gamma, &edited).unwrap();
    assert_eq!(lib.import().unwrap().updated, 1);
}

#[test]
fn deleting_a_person_turns_references_to_them_into_problems_and_restoring_clears_them() {
    let ws = Workspace::new("library");
    let lib = ws.open();
    lib.import().unwrap();
    let ada = ws.content().join("people/ada-lovelace.md");
    let saved = std::fs::read_to_string(&ada).unwrap();
    std::fs::remove_file(&ada).unwrap();
    let report = lib.import().unwrap();
    let problems = lib.list_problems().unwrap();
    assert_eq!(report.problems as usize, problems.len());
    assert!(problems
        .iter()
        .any(|p| p.path == "articles/alpha.md" && p.field == "authors[0]"));
    assert!(problems
        .iter()
        .any(|p| p.path == "organizations/org-a.md" && p.field == "leaders[0].person"));
    assert!(problems
        .iter()
        .any(|p| p.path == "books/book-one.md" && p.field == "editors[0]"));

    ws.write("people/ada-lovelace.md", &saved);
    assert_eq!(lib.import().unwrap().problems, 0);
}

#[test]
fn rebuild_starts_from_nothing_and_yields_the_same_library() {
    let ws = Workspace::new("library");
    let lib = ws.open();
    lib.import().unwrap();
    let before = serde_json::to_string(&lib.list_articles().unwrap()).unwrap();
    let report = lib.rebuild().unwrap();
    assert_eq!(report.added, 10);
    assert_eq!(
        serde_json::to_string(&lib.list_articles().unwrap()).unwrap(),
        before
    );
}

#[test]
fn a_missing_content_folder_is_an_error_not_a_panic() {
    let ws = Workspace::new("library");
    let lib = lectern_core::Library::open(&ws.data(), &ws.dir.path().join("nowhere")).unwrap();
    let err = lib.import().unwrap_err();
    assert_eq!(err.kind, lectern_core::ErrorKind::Content);
    assert!(err.message.contains("nowhere"));
}
