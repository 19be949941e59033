//! Property tests of the readers of notes files a user hands Lectern: W3C JSON-LD and
//! Hypothesis JSON, random and mutated (trees changed at random places, bytes changed at
//! random), imported into a real library on real files and exported again in every format.
//! Nothing may panic, and nothing may be written outside the data folder and the export
//! folder, whatever slugs, ids and addresses the files hold. And the placing of quotes (with
//! its folding of punctuation and snapping to words) returns ranges that are inside the text
//! and on character boundaries, for any text and any quote.
//!
//! `PROPTEST_CASES` sets the number of cases (default: a few dozen, so the suite stays fast).

use crate::harness::Workspace;
use lectern_core::notes::anchor::{self, Quote};
use lectern_core::notes::exchange::{self, NotesFormat};
use lectern_core::notes::hypothesis;
use lectern_core::Library;
use proptest::prelude::*;
use proptest::sample::Index;
use proptest::test_runner::TestRunner;
use serde_json::{json, Value};
use std::path::Path;

const URL: &str = "https://example.org/2021/05/congress/";

use crate::harness::proptest_config as config;

/// Strings a hostile or careless file may hold where slugs, ids, addresses and quotes go.
fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => prop_oneof![
            Just("Annotation"), Just("AnnotationCollection"), Just("AnnotationPage"),
            Just("TextQuoteSelector"), Just("TextPositionSelector"), Just("TextualBody"),
            Just("replying"), Just("tagging"), Just("commenting"),
            Just("tag:lectern.app,2026:article/alpha"), Just("tag:lectern.app,2026:article/congress"),
            Just("tag:lectern.app,2026:article/../../escape"),
            Just("tag:lectern.app,2026:article//tmp/lectern-props-escape"),
            Just("tag:lectern.app,2026:article/..\\..\\escape"),
            Just("../../escape"), Just("/tmp/lectern-props-escape"), Just(""),
            Just(URL), Just("https://www.example.org/2021/05/congress?x=1"),
            Just("Congress | A Blog"), Just("A Blog: Alpha: The First Part"),
            Just("A second claim"), Just("Münzenberg's \"united front\" -- the delegates"),
            Just("eleven days..."), Just("=HYPERLINK(\"x\")"), Just("urn:uuid:0"), Just("H1"),
            Just("2025-01-01T00:00:00Z"), Just("<script>alert(1)</script>"),
        ]
        .prop_map(str::to_owned),
        1 => "\\PC{0,24}",
        1 => any::<String>(),
    ]
}

fn key() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => prop_oneof![
            Just("id"), Just("type"), Just("target"), Just("source"), Just("selector"),
            Just("exact"), Just("prefix"), Just("suffix"), Just("start"), Just("end"),
            Just("body"), Just("value"), Just("purpose"), Just("motivation"), Just("created"),
            Just("modified"), Just("first"), Just("items"), Just("annotations"), Just("rows"),
            Just("uri"), Just("text"), Just("tags"), Just("references"), Just("document"),
            Just("title"), Just("scope"), Just("updated"), Just("lectern:confidence"),
            Just("lectern:status"), Just("lectern:color"), Just("@context"),
        ]
        .prop_map(str::to_owned),
        1 => "[a-z:@]{1,8}",
    ]
}

fn number() -> impl Strategy<Value = Value> {
    prop_oneof![
        any::<i64>().prop_map(|n| json!(n)),
        any::<u64>().prop_map(|n| json!(n)),
        (-2.0f64..3.0).prop_map(|f| json!(f)),
        Just(json!(u32::MAX)),
        Just(json!(0.8)),
    ]
}

/// Any JSON, keyed and valued the way notes files are.
fn value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        number(),
        text().prop_map(Value::String),
    ];
    leaf.prop_recursive(5, 96, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::vec((key(), inner), 0..7)
                .prop_map(|kv| Value::Object(kv.into_iter().collect())),
        ]
    })
}

/// A JSON-LD file as Lectern writes it: a collection with notes on passages, a note on the
/// whole article and a reply.
fn jsonld_seed() -> Value {
    let target = |slug: &str, exact: &str| {
        json!({ "source": format!("tag:lectern.app,2026:article/{slug}"), "scope": URL,
                "selector": [{ "type": "TextQuoteSelector", "exact": exact, "prefix": "", "suffix": "" },
                             { "type": "TextPositionSelector", "start": 3, "end": 17 }] })
    };
    json!({
        "@context": ["http://www.w3.org/ns/anno.jsonld"], "type": "AnnotationCollection", "id": "urn:uuid:c",
        "first": { "type": "AnnotationPage", "items": [
            { "id": "urn:uuid:1", "type": "Annotation", "created": "2025-01-01T00:00:00Z",
              "target": target("alpha", "A second claim"), "lectern:status": "fuzzy", "lectern:confidence": 0.8,
              "body": [{ "type": "TextualBody", "value": "A *note*", "purpose": "commenting" },
                       { "type": "TextualBody", "value": "tag", "purpose": "tagging" }] },
            { "id": "urn:uuid:2", "type": "Annotation", "created": "2025-01-01T00:00:00Z",
              "target": { "source": "tag:lectern.app,2026:article/congress" } },
            { "id": "urn:uuid:3", "type": "Annotation", "motivation": "replying", "created": "2025-01-02T00:00:00Z",
              "target": ["urn:uuid:1", { "source": "tag:lectern.app,2026:article/alpha" }],
              "body": { "type": "TextualBody", "value": "A reply" } },
            { "id": "urn:uuid:4", "type": "Annotation", "created": "2025-01-01T00:00:00Z",
              "target": target("congress", "Münzenberg's \"united front\"") },
        ]}
    })
}

/// A Hypothesis export: a note on a passage, a page note, a reply, a note elsewhere.
fn hypothesis_seed() -> Value {
    let a = |id: &str, uri: &str, exact: Option<&str>, refs: &[&str]| {
        let mut target = json!({ "source": uri });
        if let Some(exact) = exact {
            target["selector"] = json!([{ "type": "TextQuoteSelector", "exact": exact }]);
        }
        json!({ "id": id, "uri": uri, "text": "t", "tags": ["x"], "created": "2025-01-01T00:00:00Z",
                "updated": "2025-01-01T00:00:00Z", "target": [target], "references": refs,
                "document": { "title": ["Congress | A Blog"] } })
    };
    json!({ "annotations": [
        a("H1", URL, Some("eleven days"), &[]),
        a("H2", URL, None, &[]),
        a("H3", URL, None, &["H1"]),
        a("H4", "https://elsewhere.example/", Some("words"), &[]),
    ]})
}

/// Every JSON pointer in `v`.
fn pointers(v: &Value, at: String, out: &mut Vec<String>) {
    match v {
        Value::Array(a) => a
            .iter()
            .enumerate()
            .for_each(|(i, x)| pointers(x, format!("{at}/{i}"), out)),
        Value::Object(o) => o.iter().for_each(|(k, x)| {
            pointers(
                x,
                format!("{at}/{}", k.replace('~', "~0").replace('/', "~1")),
                out,
            )
        }),
        _ => {}
    }
    out.push(at);
}

/// A change at one place of a tree: replaced by any value, removed, or (in a list) doubled.
#[derive(Debug, Clone)]
enum Change {
    Replace(Value),
    Remove,
    Double,
}

fn change() -> impl Strategy<Value = Change> {
    prop_oneof![
        3 => value().prop_map(Change::Replace),
        2 => text().prop_map(|t| Change::Replace(Value::String(t))),
        1 => number().prop_map(Change::Replace),
        1 => Just(Change::Remove),
        1 => Just(Change::Double),
    ]
}

fn mutate(mut doc: Value, changes: &[(Index, Change)]) -> Value {
    for (at, c) in changes {
        let mut all = Vec::new();
        pointers(&doc, String::new(), &mut all);
        let p = at.get(&all).clone();
        let (parent, last) = match p.rfind('/') {
            Some(i) => (
                p[..i].to_owned(),
                p[i + 1..].replace("~1", "/").replace("~0", "~"),
            ),
            None => {
                if let Change::Replace(v) = c {
                    doc = v.clone();
                }
                continue;
            }
        };
        match (doc.pointer_mut(&parent), c) {
            (Some(Value::Object(o)), Change::Replace(v)) => {
                o.insert(last, v.clone());
            }
            (Some(Value::Object(o)), _) => {
                o.remove(&last);
            }
            (Some(Value::Array(a)), c) => {
                let i: usize = last.parse().unwrap_or(0).min(a.len().saturating_sub(1));
                match c {
                    Change::Replace(v) if i < a.len() => a[i] = v.clone(),
                    Change::Remove if i < a.len() => {
                        a.remove(i);
                    }
                    Change::Double if i < a.len() => {
                        let x = a[i].clone();
                        a.insert(i, x);
                    }
                    _ => {}
                }
            }
            _ => {}
        }
    }
    doc
}

use crate::harness::files_under;

/// A library on the fixture and an article with curly punctuation, imported once for many
/// cases.
fn desk() -> (Workspace, Library) {
    let ws = Workspace::new("library");
    ws.write(
        "articles/congress.md",
        &format!(
            "+++\ntitle = \"Congress\"\nauthors = [\"ada-lovelace\"]\ndate = \"1922\"\nurl = \"{URL}\"\n+++\n\
             Münzenberg's \"united front\" -- the delegates argued about it for eleven days...\n"
        ),
    );
    let lib = ws.open();
    lib.import().unwrap();
    (ws, lib)
}

/// Imports `bytes` as a notes file, then exports every format: no panic, and every file
/// written is in the data folder or the export folder.
fn import_and_export(ws: &Workspace, lib: &Library, bytes: &[u8]) -> Result<(), TestCaseError> {
    let root = ws.dir.path();
    let file = root.join("in.json");
    std::fs::write(&file, bytes).unwrap();
    let _ = lib.import_notes(&file);
    let out = root.join("export");
    let md = out.join("md");
    lib.export_notes(NotesFormat::Markdown, &md)
        .map_err(|e| TestCaseError::fail(format!("Markdown export: {}", e.message)))?;
    lib.export_notes(NotesFormat::Jsonld, &out.join("n.jsonld"))
        .map_err(|e| TestCaseError::fail(format!("JSON-LD export: {}", e.message)))?;
    lib.export_notes(NotesFormat::Csv, &out.join("n.csv"))
        .map_err(|e| TestCaseError::fail(format!("CSV export: {}", e.message)))?;
    for f in files_under(&out) {
        let inside =
            f.parent() == Some(md.as_path()) || f == out.join("n.jsonld") || f == out.join("n.csv");
        prop_assert!(inside, "written outside the export folder: {}", f.display());
    }
    let mut top: Vec<String> = std::fs::read_dir(root)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    top.sort();
    prop_assert_eq!(top, ["content", "data", "export", "in.json"]);
    prop_assert!(!Path::new("/tmp/lectern-props-escape").exists());
    prop_assert!(!Path::new("/tmp/lectern-props-escape.md").exists());
    Ok(())
}

#[test]
fn random_notes_files_never_panic_nor_write_outside_their_folders() {
    let (ws, lib) = desk();
    let doc = prop_oneof![
        value(),
        prop::collection::vec(value(), 0..4).prop_map(|items| json!({ "annotations": items })),
        prop::collection::vec(value(), 0..4).prop_map(
            |items| json!({ "type": "AnnotationCollection", "first": { "items": items } })
        ),
    ];
    TestRunner::new(config(48))
        .run(&doc, |doc| {
            // The readers alone, then the whole import.
            let _ = exchange::read_jsonld_value(&doc);
            let _ = hypothesis::parse(&doc);
            import_and_export(&ws, &lib, doc.to_string().as_bytes())
        })
        .unwrap();
}

#[test]
fn mutated_jsonld_and_hypothesis_files_never_panic_nor_write_outside_their_folders() {
    let (ws, lib) = desk();
    let seeds = prop_oneof![Just(jsonld_seed()), Just(hypothesis_seed())];
    let changes = prop::collection::vec((any::<Index>(), change()), 1..5);
    TestRunner::new(config(48))
        .run(&(seeds, changes), |(seed, changes)| {
            let doc = mutate(seed, &changes);
            import_and_export(&ws, &lib, doc.to_string().as_bytes())
        })
        .unwrap();
}

#[test]
fn notes_files_mutated_byte_by_byte_never_panic() {
    let (ws, lib) = desk();
    let seeds = prop_oneof![Just(jsonld_seed()), Just(hypothesis_seed())];
    let edits = prop::collection::vec((any::<Index>(), any::<u8>(), 0..3u8), 1..8);
    TestRunner::new(config(24))
        .run(&(seeds, edits), |(seed, edits)| {
            let mut bytes = seed.to_string().into_bytes();
            for (at, byte, how) in edits {
                let i = at.index(bytes.len().max(1)).min(bytes.len());
                match how {
                    0 if i < bytes.len() => bytes[i] = byte,
                    1 => bytes.insert(i, byte),
                    _ if i < bytes.len() => {
                        bytes.remove(i);
                    }
                    _ => {}
                }
            }
            import_and_export(&ws, &lib, &bytes)
        })
        .unwrap();
}

/// Text with the punctuation folding and snapping care about.
fn prose() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        4 => "[A-Za-z]{1,9}".prop_map(|s| s),
        2 => prop_oneof![
            Just(" "), Just("  "), Just("\n"), Just("\u{00A0}"), Just("'"), Just("\u{2019}"),
            Just("\""), Just("\u{201C}"), Just("\u{201D}"), Just("--"), Just("\u{2013}"),
            Just("\u{2014}"), Just("..."), Just("\u{2026}"), Just("."), Just(","), Just("e\u{0301}"),
            Just("\u{00E9}"), Just("\u{00AD}"), Just("\u{200B}"), Just("\u{1D11E}"), Just("Mü"),
        ]
        .prop_map(str::to_owned),
        1 => any::<char>().prop_map(String::from),
    ];
    prop::collection::vec(piece, 0..60).prop_map(|p| p.concat())
}

#[test]
fn placing_any_quote_in_any_text_gives_a_range_inside_it() {
    let case = (
        prose(),
        prose(),
        any::<Index>(),
        any::<Index>(),
        any::<u32>(),
    );
    TestRunner::new(config(256))
        .run(&case, |(text, other, x, y, hint)| {
            let in_text = |start: u32, end: u32| {
                let a = anchor::byte_at(&text, start);
                let b = anchor::byte_at(&text, end);
                a.is_some() && b.is_some() && a <= b
            };
            // A quote cut from the text, and one cut from another text.
            let bounds: Vec<usize> = (0..=text.len())
                .filter(|&i| text.is_char_boundary(i))
                .collect();
            let (i, j) = (*x.get(&bounds), *y.get(&bounds));
            let from_text = Quote {
                exact: text[i.min(j)..i.max(j)].to_owned(),
                ..Quote::default()
            };
            let from_other = Quote {
                exact: other.clone(),
                ..Quote::default()
            };
            for q in [&from_text, &from_other] {
                if let Ok((a, b, found)) = anchor::place(&text, q) {
                    prop_assert!(
                        a <= b
                            && b <= text.len()
                            && text.is_char_boundary(a)
                            && text.is_char_boundary(b)
                    );
                    prop_assert_eq!(&found.exact, &text[a..b]);
                }
                let p = anchor::place_quote(&text, q);
                prop_assert!(
                    p.status == anchor::Status::Orphaned || in_text(p.start, p.end),
                    "{p:?}"
                );
                let r = anchor::reanchor(&text, q, hint % 200, hint % 200 + 10);
                prop_assert!(
                    r.status == anchor::Status::Orphaned || in_text(r.start, r.end),
                    "{r:?}"
                );
                prop_assert!((0.0..=1.0).contains(&r.confidence));
            }
            Ok(())
        })
        .unwrap();
}
