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
