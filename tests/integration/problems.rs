use crate::harness::imported;
use lectern_core::Problem;

fn problems_of(path: &str) -> Vec<Problem> {
    let lib = imported("broken");
    lib.list_problems()
        .unwrap()
        .into_iter()
        .filter(|p| p.path == format!("articles/{path}"))
        .collect()
}

fn only(path: &str) -> Problem {
    let mut found = problems_of(path);
    assert_eq!(found.len(), 1, "expected one problem in {path}: {found:?}");
    found.remove(0)
}

#[test]
fn a_toml_syntax_error_names_its_line() {
    let p = only("bad-toml.md");
    // The parser notices the unclosed array where the next key begins.
    assert_eq!((p.line, p.field.as_str()), (4, "front matter"), "{p}");
    assert!(p.message.starts_with("TOML syntax"), "{p}");
}

#[test]
fn an_unknown_field_is_named_with_its_line() {
    let p = only("unknown-field.md");
    assert_eq!((p.line, p.field.as_str()), (4, "titel"), "{p}");
    assert!(p.message.contains("unknown field"), "{p}");
}

#[test]
fn a_missing_title_is_named() {
    let p = only("no-title.md");
    assert_eq!((p.line, p.field.as_str()), (1, "title"), "{p}");
    assert!(p.message.contains("missing field"), "{p}");
}

#[test]
fn a_reference_to_a_missing_person_is_located_and_the_article_still_loads() {
    let p = only("dangling.md");
    assert_eq!((p.line, p.field.as_str()), (4, "people[0]"), "{p}");
    assert!(p.message.contains("nobody-at-all"), "{p}");
    let lib = imported("broken");
    assert!(lib
        .list_articles()
        .unwrap()
        .iter()
        .any(|a| a.slug == "dangling"));
}

#[test]
fn invalid_utf8_names_the_line_of_the_bad_byte() {
    let p = only("latin-one.md");
    assert_eq!((p.line, p.field.as_str()), (6, "encoding"), "{p}");
}

#[test]
fn an_impossible_date_is_named() {
    let p = only("bad-date.md");
    assert_eq!((p.line, p.field.as_str()), (4, "date"), "{p}");
    assert!(p.message.contains("1922-13"), "{p}");
}

#[test]
fn a_file_without_front_matter_is_reported() {
    let p = only("no-front-matter.md");
    assert_eq!((p.line, p.field.as_str()), (1, "front matter"), "{p}");
}

#[test]
fn a_missing_image_is_reported_at_its_line_and_the_article_loads() {
    let p = only("missing-image.md");
    assert_eq!((p.line, p.field.as_str()), (8, "body"), "{p}");
    assert!(p.message.contains("images/missing.png"), "{p}");
}

#[test]
fn every_good_file_of_a_broken_folder_still_loads() {
    let lib = imported("broken");
    let mut slugs: Vec<String> = lib
        .list_articles()
        .unwrap()
        .into_iter()
        .map(|a| a.slug)
        .collect();
    slugs.sort();
    assert_eq!(slugs, ["dangling", "missing-image", "ok"]);
    assert_eq!(lib.list_people().unwrap().len(), 1);
}

#[test]
fn problems_print_as_path_line_field_message() {
    let p = only("unknown-field.md");
    assert!(
        p.to_string()
            .starts_with("articles/unknown-field.md:4: titel: unknown field"),
        "{p}"
    );
}

#[test]
fn odd_front_matter_shapes_are_problems_never_panics() {
    let ws = crate::harness::Workspace::new("broken");
    let cases = [
        ("empty.md", ""),
        ("fence-only.md", "+++"),
        (
            "unclosed.md",
            "+++\ntitle = \"x\"\nauthors = []\ndate = \"2021\"\n",
        ),
        ("empty-front-matter.md", "+++\n+++\nbody"),
        (
            "wrong-types.md",
            "+++\ntitle = 5\nauthors = \"someone\"\ndate = \"2021\"\n+++\n",
        ),
        (
            "blank-title.md",
            "+++\ntitle = \"   \"\nauthors = [\"someone\"]\ndate = \"2021\"\n+++\n",
        ),
        (
            "Bad_Name.md",
            "+++\ntitle = \"x\"\nauthors = [\"someone\"]\ndate = \"2021\"\n+++\n",
        ),
        ("yaml.md", "---\ntitle: x\n---\n"),
    ];
    for (name, text) in cases {
        ws.write(&format!("articles/{name}"), text);
    }
    ws.write(
        "articles/bom.md",
        "\u{feff}+++\ntitle = \"BOM\"\nauthors = [\"someone\"]\ndate = \"2021\"\n+++\nfine",
    );
    let lib = ws.open();
    lib.import().unwrap();
    let problems = lib.list_problems().unwrap();
    for (name, _) in cases {
        let path = format!("articles/{name}");
        assert!(
            problems.iter().any(|p| p.path == path),
            "{path} has a problem: {problems:?}"
        );
    }
    assert!(
        lib.list_articles().unwrap().iter().any(|a| a.slug == "bom"),
        "a byte-order mark is fine"
    );
    let blank = problems
        .iter()
        .find(|p| p.path == "articles/blank-title.md")
        .unwrap();
    assert_eq!((blank.line, blank.field.as_str()), (2, "title"), "{blank}");
}

#[test]
fn series_parts_claimed_twice_or_not_listed_are_located() {
    let ws = crate::harness::Workspace::new("broken");
    ws.write(
        "series/survey.md",
        "+++\ntitle = \"A Survey\"\n\n[[parts]]\npart = 1\ntitle = \"One\"\n+++\n",
    );
    let part = |n: u32| {
        format!(
            "+++\ntitle = \"Part\"\nauthors = [\"someone\"]\ndate = \"2021\"\nseries = {{ id = \"survey\", part = {n} }}\n+++\nText.\n"
        )
    };
    ws.write("articles/first.md", &part(1));
    ws.write("articles/second.md", &part(1));
    ws.write("articles/ninth.md", &part(9));
    let lib = ws.open();
    lib.import().unwrap();
    let located: Vec<String> = lib
        .list_problems()
        .unwrap()
        .iter()
        .filter(|p| p.field == "series.part")
        .map(|p| p.to_string())
        .collect();
    assert_eq!(
        located,
        [
            "articles/ninth.md:5: series.part: series `survey` has no part 9",
            "articles/second.md:5: series.part: part 1 of series `survey` is also claimed by articles/first.md",
        ],
        "{located:?}"
    );
}

#[test]
fn a_cite_not_in_its_source_article_or_missing_is_located() {
    let ws = crate::harness::Workspace::new("library");
    let org = |cites: [&str; 2]| {
        format!(
            "+++\nname = \"Organization C\"\n\n[[leaders]]\nperson = \"ada-lovelace\"\nrole = \"chair\"\nsource = \"alpha\"\n{}\n\n[[events]]\ndate = \"1924\"\nlabel = \"A meeting\"\nsource = \"alpha\"\n{}\n+++\n",
            cites[0], cites[1]
        )
    };
    // Straight quotes and `--` in the cite meet the article's typographic ones; case and
    // line breaks do not matter.
    ws.write(
        "organizations/org-c.md",
        &org([
            "cite = \"the congress met in \\\"moscow\\\" -- and\"",
            "cite = \"A SECOND   claim\"",
        ]),
    );
    let lib = ws.open();
    lib.import().unwrap();
    assert_eq!(lib.list_problems().unwrap(), []);

    ws.write(
        "organizations/org-c.md",
        &org(["cite = \"the congress met in Leningrad\"", ""]),
    );
    lib.import().unwrap();
    let found: Vec<String> = lib
        .list_problems()
        .unwrap()
        .iter()
        .map(|p| p.to_string())
        .collect();
    assert_eq!(
        found,
        [
            "organizations/org-c.md:8: leaders[0].cite: cite: the words `the congress met in Leningrad` are not in content/articles/alpha.md",
            "organizations/org-c.md:10: events[0].cite: no cite: give a few words of the source article that state this",
        ],
        "{found:?}"
    );
}
