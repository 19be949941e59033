//! The shape of the starter library shipped in content/: the blog's front page as it stood,
//! complete, consistent and free of content problems.

use lectern_core::Library;
use rusqlite::Connection;
use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

/// The fifteen posts of the blog's front page, top to bottom.
const FRONT_PAGE: [&str; 15] = [
    "international-red-aid",
    "socialist-participation-in-capitalist-governments",
    "new-book-second-international",
    "bold-new-dimension-of-socialist-history",
    "centennial-communist-movement-canada",
    "international-workers-aid",
    "communist-womens-movement-overview",
    "communist-youth-international",
    "pan-africanism-and-communism-interview",
    "red-international-of-labour-unions",
    "comintern-auxiliaries-introduction",
    "meticulous-research-and-clarity",
    "socialist-womans-experience-with-sexism",
    "second-wave-feminism",
    "larry-nozaki",
];

fn content_root() -> PathBuf {
    crate::harness::manifest_dir().join("../../content")
}

/// The starter library imported into a real SQLite file, with a second connection for queries
/// the public API does not offer.
fn starter() -> (tempfile::TempDir, Library, Connection) {
    let dir = tempfile::tempdir().unwrap();
    let lib = Library::open(dir.path(), &content_root()).unwrap();
    lib.import().unwrap();
    let conn = Connection::open(dir.path().join(lectern_core::LIBRARY_FILE)).unwrap();
    (dir, lib, conn)
}

fn strings(conn: &Connection, sql: &str) -> Vec<String> {
    let mut stmt = conn.prepare(sql).unwrap();
    let rows = stmt.query_map([], |r| r.get(0)).unwrap();
    rows.collect::<Result<_, _>>().unwrap()
}

#[test]
fn the_starter_library_has_no_content_problems() {
    let (_dir, lib, _conn) = starter();
    let problems: Vec<String> = lib
        .list_problems()
        .unwrap()
        .iter()
        .map(|p| format!("{}:{}: {}: {}", p.path, p.line, p.field, p.message))
        .collect();
    assert!(problems.is_empty(), "{problems:#?}");
}

#[test]
fn the_index_shows_the_front_page_in_its_order() {
    let (_dir, lib, _conn) = starter();
    let slugs: Vec<String> = lib
        .list_articles()
        .unwrap()
        .into_iter()
        .map(|a| a.slug)
        .collect();
    assert_eq!(slugs, FRONT_PAGE);
}

#[test]
fn every_article_is_a_real_article_with_authors() {
    let (_dir, lib, _conn) = starter();
    for slug in FRONT_PAGE {
        let article = lib.get_article(slug).unwrap();
        let words = article.word_count;
        assert!(words >= 400, "{slug} has {words} words");
        assert!(!article.meta.authors.is_empty(), "{slug} credits no author");
    }
}

#[test]
fn the_survey_has_parts_one_to_six_once_and_announces_seven_to_nine() {
    let (_dir, lib, _conn) = starter();
    let mut parts: BTreeMap<u32, Vec<String>> = BTreeMap::new();
    for a in lib.list_articles().unwrap() {
        if let Some(badge) = a.series.filter(|s| s.id == "comintern-auxiliaries") {
            assert_eq!(badge.total, 9, "{}", a.slug);
            parts.entry(badge.part).or_default().push(a.slug);
        }
    }
    let numbers: Vec<u32> = parts.keys().copied().collect();
    assert_eq!(numbers, [1, 2, 3, 4, 5, 6]);
    assert!(parts.values().all(|slugs| slugs.len() == 1), "{parts:?}");
    let nav = lib
        .get_article("international-red-aid")
        .unwrap()
        .series
        .unwrap();
    let announced: Vec<u32> = nav
        .parts
        .iter()
        .filter(|p| p.slug.is_none())
        .map(|p| p.part)
        .collect();
    assert_eq!(announced, [7, 8, 9]);
}

#[test]
fn every_tenure_and_event_points_at_an_existing_article() {
    let (_dir, _lib, conn) = starter();
    let articles: BTreeSet<String> = FRONT_PAGE.iter().map(|s| s.to_string()).collect();
    let sources = strings(
        &conn,
        "SELECT source FROM tenures UNION ALL SELECT source FROM events",
    );
    assert!(!sources.is_empty());
    let missing: Vec<&String> = sources.iter().filter(|s| !articles.contains(*s)).collect();
    assert!(missing.is_empty(), "{missing:?}");
    let people = strings(&conn, "SELECT id FROM entries WHERE kind = 'person'");
    let dangling = strings(
        &conn,
        "SELECT person FROM tenures WHERE person NOT IN (SELECT id FROM entries WHERE kind = 'person')",
    );
    assert!(dangling.is_empty(), "{dangling:?} not among {people:?}");
}

#[test]
fn no_reference_dangles() {
    let (_dir, _lib, conn) = starter();
    let dangling = strings(
        &conn,
        "SELECT r.path || ':' || r.line || ': ' || r.field || ' -> ' || r.target FROM refs r
         WHERE NOT EXISTS (SELECT 1 FROM entries e WHERE e.kind = r.kind AND e.id = r.target)",
    );
    assert!(dangling.is_empty(), "{dangling:#?}");
}

#[test]
fn the_library_holds_the_whole_cast() {
    let (_dir, lib, conn) = starter();
    let count = |kind: &str| -> usize {
        strings(
            &conn,
            &format!("SELECT id FROM entries WHERE kind = '{kind}'"),
        )
        .len()
    };
    // Counted from the seed when the library was written; a removal shows up here.
    assert_eq!(count("article"), 15);
    assert!(count("person") >= PEOPLE, "{} people", count("person"));
    assert!(
        count("organization") >= ORGANIZATIONS,
        "{} organizations",
        count("organization")
    );
    assert!(count("book") >= BOOKS, "{} books", count("book"));
    let tenures = strings(&conn, "SELECT person FROM tenures").len();
    let events = strings(&conn, "SELECT label FROM events").len();
    assert!(tenures >= TENURES, "{tenures} tenures");
    assert!(events >= EVENTS, "{events} events");
    assert_eq!(lib.list_people().unwrap().len(), count("person"));
}

const PEOPLE: usize = 38;
const ORGANIZATIONS: usize = 34;
const BOOKS: usize = 14;
const TENURES: usize = 14;
const EVENTS: usize = 38;
