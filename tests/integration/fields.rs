//! The front-matter fields the database reads by JSON path (`lectern_core::db::fields`) are
//! the fields the model structs write: each path finds a value in the fixture library.

use crate::harness::Workspace;
use lectern_core::db::fields;
use rusqlite::Connection;

#[test]
fn every_json_path_finds_its_field_in_the_fixture_library() {
    let ws = Workspace::new("library");
    ws.open().import().unwrap();
    let conn = Connection::open(ws.data().join(lectern_core::LIBRARY_FILE)).unwrap();
    let count = |sql: &str, params: &[&str]| -> i64 {
        conn.query_row(sql, rusqlite::params_from_iter(params), |r| r.get(0))
            .unwrap()
    };
    for (path, kinds) in fields::ALL {
        for kind in *kinds {
            let found = count(
                "SELECT count(*) FROM entries WHERE kind = ?1 AND json_extract(data, ?2) IS NOT NULL",
                &[kind.name(), path],
            );
            assert!(found > 0, "no {} has a value at {path}", kind.name());
        }
    }
    for (kind, items, path) in fields::IN_ITEMS {
        let found = count(
            "SELECT count(*) FROM entries e, json_each(e.data, ?2) i
             WHERE e.kind = ?1 AND json_extract(i.value, ?3) IS NOT NULL",
            &[kind.name(), items, path],
        );
        assert!(
            found > 0,
            "no item of {items} in a {} has {path}",
            kind.name()
        );
    }
}
