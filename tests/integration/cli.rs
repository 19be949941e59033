//! lectern-cli's commands that read the library: check, list, show, search, timeline,
//! mentions, books; and how it ends when its output is cut short. (Notes and blogs, which
//! change the data folder: `cli_data.rs`.)

use crate::harness::{fixture, Workspace};
use std::process::Command;

/// Runs lectern-cli on `content` with the data folder `data`.
pub fn cli(
    content: &std::path::Path,
    data: &std::path::Path,
    args: &[&str],
) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_lectern-cli"))
        .arg("--content")
        .arg(content)
        .env("LECTERN_DATA_DIR", data)
        .args(args)
        .output()
        .expect("run lectern-cli")
}

#[test]
fn check_passes_on_a_good_library_and_fails_with_located_lines_on_a_broken_one() {
    let ws = Workspace::new("library");
    let good = cli(&ws.content(), &ws.data(), &["check"]);
    assert!(
        good.status.success(),
        "{}",
        String::from_utf8_lossy(&good.stdout)
    );

    let bad = cli(&fixture("broken"), &ws.data(), &["check"]);
    assert_eq!(bad.status.code(), Some(1));
    let out = String::from_utf8(bad.stdout).unwrap();
    assert!(
        out.lines()
            .any(|l| l.starts_with("articles/unknown-field.md:4: titel: ")),
        "{out}"
    );
    assert!(
        out.lines()
            .any(|l| l.starts_with("articles/dangling.md:4: people[0]: ")),
        "{out}"
    );
    assert_eq!(out.lines().count(), 8, "{out}");
}

#[test]
fn list_json_prints_articles_with_the_promised_fields() {
    let ws = Workspace::new("library");
    let out = cli(&ws.content(), &ws.data(), &["list", "--json"]);
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let first = &v.as_array().unwrap()[0];
    assert_eq!(first["slug"], "alpha");
    assert_eq!(first["date"], "1922-12-05");
    assert_eq!(first["authors"][0]["name"], "Ada Lovelace");
    assert_eq!(first["series"]["part"], 1);
    assert!(
        ws.data().join(lectern_core::LIBRARY_FILE).is_file(),
        "the data flag is honoured"
    );
}

#[test]
fn list_other_kinds_and_show_by_id() {
    let ws = Workspace::new("library");
    for (what, key) in [
        ("people", "name"),
        ("organizations", "name"),
        ("books", "title"),
    ] {
        let out = cli(&ws.content(), &ws.data(), &["list", what, "--json"]);
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        assert!(
            v[0]["id"].is_string() && v[0][key].is_string(),
            "{what}: {v}"
        );
    }
    let show = cli(&ws.content(), &ws.data(), &["show", "org-a", "--json"]);
    let v: serde_json::Value = serde_json::from_slice(&show.stdout).unwrap();
    assert_eq!(v["kind"], "organization");
    assert_eq!(v["meta"]["leaders"][0]["role"], "president");
    let missing = cli(&ws.content(), &ws.data(), &["show", "nothing-here"]);
    assert_eq!(missing.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("nothing-here"));
}

#[test]
fn search_json_prints_ranked_hits_with_marked_snippets() {
    let ws = Workspace::new("library");
    let out = cli(&ws.content(), &ws.data(), &["search", "Lovelace", "--json"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let hits = v.as_array().unwrap();
    assert!(!hits.is_empty());
    assert_eq!(hits[0]["kind"], "person");
    for key in ["kind", "id", "title", "snippet", "score"] {
        assert!(hits[0].get(key).is_some(), "{key} missing");
    }
    let scores: Vec<f64> = hits.iter().map(|h| h["score"].as_f64().unwrap()).collect();
    assert!(scores.windows(2).all(|w| w[0] >= w[1]));
    let people = cli(
        &ws.content(),
        &ws.data(),
        &[
            "search", "Lovelace", "--kind", "article", "--limit", "1", "--json",
        ],
    );
    let v: serde_json::Value = serde_json::from_slice(&people.stdout).unwrap();
    let hits = v.as_array().unwrap();
    assert!(hits.len() <= 1 && hits.iter().all(|h| h["kind"] == "article"));
    let bad = cli(
        &ws.content(),
        &ws.data(),
        &["search", "x", "--kind", "spaceship"],
    );
    assert_eq!(bad.status.code(), Some(2));
}

#[test]
fn timeline_prints_lanes_bars_and_marks_as_json() {
    let ws = Workspace::new("library");
    let out = cli(
        &ws.content(),
        &ws.data(),
        &["timeline", "--org", "org-a", "--json"],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let lane = &v["lanes"][0];
    assert_eq!(lane["id"], "org-a");
    assert_eq!(lane["kind"], "organization");
    assert_eq!(
        (lane["from"].as_str(), lane["to"].as_str()),
        (Some("1922"), Some("1937"))
    );
    let bar = &lane["bars"][0];
    assert_eq!(bar["person"]["id"], "ada-lovelace");
    assert_eq!(bar["organization"]["name"], "Organization A");
    for key in ["role", "from", "to", "source", "cite"] {
        assert!(bar.get(key).is_some(), "bar lacks {key}: {bar}");
    }
    let mark = &lane["marks"][0];
    assert_eq!(mark["date"], "1924-07");
    for key in ["label", "source", "cite"] {
        assert!(mark.get(key).is_some(), "mark lacks {key}: {mark}");
    }
}

#[test]
fn show_prints_a_persons_roles_and_an_organizations_leaders_and_events() {
    let ws = Workspace::new("library");
    let text = |args: &[&str]| {
        let out = cli(&ws.content(), &ws.data(), args);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    };
    let person = text(&["show", "ada-lovelace"]);
    assert!(
        person.contains("Roles:\n  1922–1925  Organization A, president [alpha]"),
        "{person}"
    );
    let org = text(&["show", "org-a"]);
    assert!(
        org.contains("Leaders:\n  1922–1925  Ada Lovelace, president [alpha]"),
        "{org}"
    );
    assert!(
        org.contains("Events:\n  1924-07  First conference [alpha]"),
        "{org}"
    );
}

#[test]
fn mentions_json_prints_articles_with_counts_and_sentences() {
    let ws = Workspace::new("library");
    ws.write(
        "articles/on-ada.md",
        "+++\ntitle = \"On Ada\"\nauthors = []\ndate = \"2020-01-01\"\n+++\nAda Lovelace wrote. Then Ada King did.\n",
    );
    let out = cli(
        &ws.content(),
        &ws.data(),
        &["mentions", "ada-lovelace", "--json"],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let row = v
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["article"] == "on-ada")
        .expect("on-ada");
    assert_eq!(row["title"], "On Ada");
    assert_eq!(row["count"], 2);
    assert_eq!(row["snippets"][0], "Ada Lovelace wrote.");
    assert_eq!(row["snippets"][1], "Then Ada King did.");
    let out = cli(&ws.content(), &ws.data(), &["mentions", "nobody"]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("nobody"));
}

#[test]
fn books_list_export_and_cite() {
    let ws = Workspace::new("library");
    let run = |args: &[&str]| {
        let out = Command::new(env!("CARGO_BIN_EXE_lectern-cli"))
            .arg("--content")
            .arg(ws.content())
            .env("LECTERN_DATA_DIR", ws.data())
            .env("LECTERN_TODAY", "2026-11-25")
            .args(args)
            .output()
            .expect("run lectern-cli");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    };
    let v: serde_json::Value = serde_json::from_str(&run(&["list", "books", "--json"])).unwrap();
    let book = &v[0];
    assert_eq!(book["id"], "book-one");
    assert_eq!(book["editors"][0], "Ada Lovelace");
    assert_eq!(book["year"], 2021);
    assert_eq!(book["status"], "published");
    assert_eq!(book["offer"]["price"], "11.37");
    assert_eq!(book["offer"]["list_price"], "18.95");
    assert_eq!(book["offer"]["discount_percent"], "40");
    assert_eq!(book["offer"]["currency"], "USD");
    assert_eq!(book["offer"]["valid_until"], serde_json::Value::Null);
    assert_eq!(book["related"][0], "alpha");
    assert_eq!(book["editions"][0]["format"], "paperback");
    assert!(book["cited_in"].as_array().unwrap().is_empty());

    let out = ws.dir.path().join("books.ris");
    run(&[
        "books",
        "export",
        "--format",
        "ris",
        "--out",
        out.to_str().unwrap(),
    ]);
    let ris = std::fs::read_to_string(&out).unwrap();
    assert!(ris.starts_with("TY  - BOOK\r\nID  - book-one\r\n"), "{ris}");
    assert!(ris.contains("A2  - Lovelace, Ada\r\n"), "{ris}");
    let bib = run(&["books", "export", "--format", "bibtex"]);
    assert_eq!(biblatex::Bibliography::parse(&bib).unwrap().len(), 1);

    let cited = run(&[
        "books",
        "cite",
        "book-one",
        "--style",
        "chicago-author-date",
    ]);
    assert_eq!(
        cited.trim(),
        "Lovelace, Ada, ed. 2021. Book One: Resolutions. Haymarket Books."
    );
}

#[test]
fn search_says_what_it_corrected_and_reports_each_hit_as_typed_or_corrected() {
    let content = crate::harness::manifest_dir().join("../../content");
    let data = tempfile::tempdir().unwrap();
    let text = cli(
        &content,
        data.path(),
        &["search", "Munzenburg", "--limit", "3"],
    );
    let out = String::from_utf8(text.stdout).unwrap();
    assert!(
        out.starts_with(
            "Showing results for Münzenberg. Search instead for Munzenburg with --exact."
        ),
        "{out}"
    );
    let json = cli(&content, data.path(), &["--json", "search", "Munzenburg"]);
    let hits: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert!(!hits.as_array().unwrap().is_empty());
    assert!(
        hits.as_array()
            .unwrap()
            .iter()
            .all(|h| h["matched"] == "corrected"),
        "{hits}"
    );
    let exact = cli(
        &content,
        data.path(),
        &["--json", "search", "Haywood", "--exact"],
    );
    let hits: serde_json::Value = serde_json::from_slice(&exact.stdout).unwrap();
    assert!(
        hits.as_array()
            .unwrap()
            .iter()
            .all(|h| h["matched"] == "as typed"),
        "{hits}"
    );
    let nothing = cli(&content, data.path(), &["search", "qqqxz wwwvvk"]);
    assert_eq!(
        String::from_utf8(nothing.stdout).unwrap().trim(),
        "Nothing matched."
    );
}

#[cfg(unix)]
#[test]
fn output_cut_short_by_a_closed_pipe_ends_quietly() {
    use std::io::Read;
    use std::process::Stdio;
    // More than a pipe holds (64 KiB), so the CLI is still writing when the reader goes.
    let ws = Workspace::new("library");
    for n in 0..600 {
        ws.write(
            &format!("articles/filler-{n}.md"),
            &format!("+++\ntitle = \"Filler {n}\"\nauthors = [\"ada-lovelace\"]\ndate = \"1922\"\nsummary = \"{}\"\n+++\nText.\n", "A summary long enough. ".repeat(8)),
        );
    }
    let mut child = Command::new(env!("CARGO_BIN_EXE_lectern-cli"))
        .arg("--content")
        .arg(ws.content())
        .env("LECTERN_DATA_DIR", ws.data())
        .args(["--json", "list"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = [0u8; 16];
    child.stdout.take().unwrap().read_exact(&mut first).unwrap();
    // The reading end is closed here, with most of the list unread.
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert_ne!(out.status.code(), Some(101), "a panic's exit code");
}

#[test]
fn show_reaches_every_kind_that_shares_an_id_and_its_json_has_what_the_text_has() {
    let ws = Workspace::new("library");
    ws.write(
        "articles/org-a.md",
        "+++\ntitle = \"On Organization A\"\nauthors = []\ndate = \"1930\"\n+++\nA short history of Organization A.\n",
    );
    let run = |args: &[&str]| cli(&ws.content(), &ws.data(), args);
    // A bare id two kinds share is refused, naming both ways to ask.
    let both = run(&["show", "org-a"]);
    assert!(!both.status.success());
    let err = String::from_utf8_lossy(&both.stderr);
    assert!(
        err.contains("article/org-a") && err.contains("organization/org-a"),
        "{err}"
    );
    let json = |args: &[&str]| -> serde_json::Value {
        let out = run(args);
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        serde_json::from_slice(&out.stdout).unwrap()
    };
    let article = json(&["show", "article/org-a", "--json"]);
    assert_eq!(article["kind"], "article");
    assert!(article.get("mentions").is_none(), "{article}");
    // KIND/ID and --kind reach the organization, with its leaders, events and mentions.
    for args in [
        &["show", "organization/org-a", "--json"][..],
        &["show", "org-a", "--kind", "organization", "--json"][..],
    ] {
        let org = json(args);
        assert_eq!(org["kind"], "organization", "{args:?}");
        assert_eq!(org["history"][0]["role"], "president", "{org}");
        assert_eq!(org["history"][0]["person"]["name"], "Ada Lovelace", "{org}");
        let mentions = org["mentions"].as_array().expect("mentions");
        assert!(
            mentions.iter().any(|m| m["article"] == "org-a"),
            "the new article names it: {org}"
        );
    }
    let person = json(&["show", "ada-lovelace", "--json"]);
    assert_eq!(
        person["history"][0]["organization"]["name"],
        "Organization A"
    );
    assert!(person["mentions"].is_array(), "{person}");
}

#[test]
fn a_books_publisher_series_is_listed_and_exported() {
    let ws = Workspace::new("library");
    ws.write(
        "books/in-a-series.md",
        "+++\ntitle = \"In a Series\"\npublishers = [\"Brill\"]\ndate = \"2021\"\nbook_series = \"Historical Materialism Book Series\"\nstatus = \"published\"\n+++\nA book in a series.\n",
    );
    let run = |args: &[&str]| {
        let out = cli(&ws.content(), &ws.data(), args);
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    };
    let listed: serde_json::Value =
        serde_json::from_str(&run(&["list", "books", "--json"])).unwrap();
    let book = listed
        .as_array()
        .unwrap()
        .iter()
        .find(|b| b["id"] == "in-a-series")
        .expect("listed");
    assert_eq!(book["book_series"], "Historical Materialism Book Series");
    let csl: serde_json::Value = serde_json::from_str(&run(&[
        "books",
        "export",
        "--format",
        "csl-json",
        "--id",
        "in-a-series",
    ]))
    .unwrap();
    assert_eq!(
        csl[0]["collection-title"], "Historical Materialism Book Series",
        "{csl}"
    );
    let bib = run(&[
        "books",
        "export",
        "--format",
        "bibtex",
        "--id",
        "in-a-series",
    ]);
    assert!(bib.contains("Historical Materialism Book Series"), "{bib}");
}
