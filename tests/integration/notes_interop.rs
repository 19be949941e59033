//! Notes other tools and other readers hand us, on real files: Hypothesis page notes and
//! replies, straight punctuation against the library's curly one, fuzzy placements snapped to
//! words, page titles with the site's name, and round trips that keep a placement's confidence
//! and the web address a note was made on. (What a hostile notes file could do: `notes_bounds.rs`.)

use crate::cli::cli;
use crate::harness::{fixture, Workspace};
use lectern_core::notes::anchor::{Quote, Status};
use lectern_core::notes::exchange::NotesFormat;
use lectern_core::notes::{Annotation, Filter, NewAnnotation, Notes, NotesQuery, NOTES_FILE};
use lectern_core::Library;
use serde_json::json;
use std::path::PathBuf;

const URL: &str = "https://example.org/2021/05/congress/";

/// The article's source: straight quote marks, `--` and `...`, which smart punctuation turns
/// into curly ones, a dash and an ellipsis in the text.
const CONGRESS: &str = "It met in Moscow. The federation of workers' sport was known as WONAM. \
Münzenberg's \"united front\" -- the delegates argued about it for eleven days...\n\n\
The Red Sport International kept its own long and winding history of congresses.\n";

fn article(title: &str, url: Option<&str>, body: &str) -> String {
    let url = url.map(|u| format!("url = \"{u}\"\n")).unwrap_or_default();
    format!(
        "+++\ntitle = \"{title}\"\nauthors = [\"ada-lovelace\"]\ndate = \"1922\"\n{url}+++\n{body}"
    )
}

/// The fixture library with the congress article, imported.
pub(crate) fn congress() -> (Workspace, Library) {
    let ws = Workspace::new("library");
    ws.write(
        "articles/congress.md",
        &article("Congress", Some(URL), CONGRESS),
    );
    let lib = ws.open();
    lib.import().unwrap();
    (ws, lib)
}

fn text_of(lib: &Library, slug: &str) -> String {
    lib.show(slug).unwrap().text
}

/// The words an annotation covers in the article's text (its range counts UTF-16 units).
fn placed(lib: &Library, a: &Annotation) -> String {
    let units: Vec<u16> = text_of(lib, &a.article).encode_utf16().collect();
    String::from_utf16(&units[a.start as usize..a.end as usize]).unwrap()
}

pub(crate) fn quote(exact: &str) -> NewAnnotation {
    NewAnnotation {
        article: "congress".into(),
        quote: Quote {
            exact: exact.into(),
            ..Quote::default()
        },
        ..NewAnnotation::default()
    }
}

pub(crate) fn write(ws: &Workspace, name: &str, doc: &serde_json::Value) -> PathBuf {
    let path = ws.dir.path().join(name);
    std::fs::write(&path, doc.to_string()).unwrap();
    path
}

/// A Hypothesis annotation on `uri`: on `exact` (none: a page note), replying to `refs`.
fn hyp(
    id: &str,
    uri: &str,
    title: &str,
    exact: Option<&str>,
    text: &str,
    refs: &[&str],
) -> serde_json::Value {
    let mut target = json!({ "source": uri });
    if let Some(exact) = exact {
        target["selector"] = json!([
            { "type": "TextPositionSelector", "start": 9000, "end": 9010 },
            { "type": "TextQuoteSelector", "exact": exact, "prefix": "", "suffix": "" }
        ]);
    }
    let mut a = json!({
        "id": id, "uri": uri, "text": text, "tags": [],
        "created": format!("2025-01-01T00:00:0{}Z", id.len() % 10),
        "updated": format!("2025-01-01T00:00:0{}Z", id.len() % 10),
        "target": [target], "document": { "title": [title] }
    });
    if !refs.is_empty() {
        a["references"] = json!(refs);
    }
    a
}

#[test]
fn hypothesis_page_notes_and_replies_are_imported_into_threads_and_the_rest_explained() {
    let (ws, lib) = congress();
    let other = "https://elsewhere.example/post";
    let doc = json!({ "annotations": [
        hyp("H1", URL, "Congress", Some("eleven days"), "Eleven!", &[]),
        hyp("H2", URL, "Congress", None, "On the whole piece.", &[]),
        hyp("H3", URL, "Congress", None, "Agreed.", &["H1"]),
        hyp("H4x", URL, "Congress", None, "Me too.", &["H1", "H3"]),
        hyp("H5", other, "Elsewhere", None, "Lost reply.", &["ZZZ"]),
        { "id": "H6", "uri": URL, "text": "", "created": "2025-01-01T00:00:00Z",
          "target": [{ "source": URL, "selector": [{ "type": "RangeSelector", "startContainer": "/p[1]" },
                                                    { "type": "TextPositionSelector", "start": 1, "end": 5 }] }] },
    ]});
    let file = write(&ws, "hypothesis.json", &doc);
    let m = lib.import_notes(&file).unwrap();
    assert_eq!((m.added, m.updated), (4, 0), "{m:?}");
    assert_eq!(m.unmatched.len(), 1, "{m:?}");
    assert_eq!(m.unmatched[0].id, "H5");
    assert!(
        m.unmatched[0].reason.contains("a reply to"),
        "{}",
        m.unmatched[0].reason
    );
    assert_eq!(m.unreadable.len(), 1, "{m:?}");
    assert_eq!(m.unreadable[0].item, 6);
    assert!(
        m.unreadable[0].reason.contains("no TextQuoteSelector"),
        "{}",
        m.unreadable[0].reason
    );

    let get = |id: &str| {
        lib.notes()
            .get(&format!("https://hypothes.is/a/{id}"))
            .unwrap()
    };
    let page = get("H2");
    assert!(page.whole_article && page.parent.is_none(), "{page:?}");
    assert_eq!(
        (page.article.as_str(), page.status, page.quote.as_str()),
        ("congress", Status::Anchored, "")
    );
    assert_eq!(page.uri.as_deref(), Some(URL));
    assert_eq!(
        get("H3").parent.as_deref(),
        Some("https://hypothes.is/a/H1")
    );
    assert_eq!(
        get("H4x").parent.as_deref(),
        Some("https://hypothes.is/a/H3")
    );
    assert_eq!(get("H4x").article, "congress");

    // The Notes view: the note and the page note are rows; the replies come with their thread.
    let q = NotesQuery {
        limit: 100,
        ..NotesQuery::default()
    };
    let listed = lib.notes_page(&q).unwrap();
    let mut rows: Vec<&str> = listed.notes.iter().map(|a| a.id.as_str()).collect();
    rows.sort();
    assert_eq!(
        rows,
        ["https://hypothes.is/a/H1", "https://hypothes.is/a/H2"]
    );
    let replies: Vec<&str> = listed.replies.iter().map(|a| a.note.as_str()).collect();
    assert_eq!(replies, ["Agreed.", "Me too."]);
    assert_eq!(listed.total, 2);
    assert_eq!(lib.notes_facets().unwrap().total, 2);
    // The margin gets them all (and draws the page note at its head, the replies under H1).
    let margin = lib
        .notes()
        .list_notes(&Filter {
            article: Some("congress".into()),
            ..Filter::default()
        })
        .unwrap();
    assert_eq!(margin.len(), 4);
    // Re-anchoring after an edit leaves page notes and replies where they are.
    ws.write(
        "articles/congress.md",
        &article(
            "Congress",
            Some(URL),
            &format!("A new start.\n\n{CONGRESS}"),
        ),
    );
    lib.import().unwrap();
    assert!(get("H2").whole_article && get("H2").status == Status::Anchored);

    // Exported as such: Markdown says so, and JSON-LD brings back the same notes elsewhere.
    let md_dir = ws.dir.path().join("md");
    lib.export_notes(NotesFormat::Markdown, &md_dir).unwrap();
    let md = std::fs::read_to_string(md_dir.join("congress.md")).unwrap();
    assert!(md.contains("*On the whole article*\n"), "{md}");
    let eleven = md.find("Eleven!").unwrap();
    let agreed = md
        .find("**Reply** (2025-01-01T00:00:02Z):\n\nMade on")
        .unwrap();
    assert!(
        eleven < agreed && md[agreed..].contains("Agreed.") && md.contains("Me too."),
        "{md}"
    );
    assert!(md.contains(&format!("Made on {URL}")), "{md}");
    let file = ws.dir.path().join("out.jsonld");
    lib.export_notes(NotesFormat::Jsonld, &file).unwrap();
    let doc: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
    let items = doc["first"]["items"].as_array().unwrap();
    let reply = items
        .iter()
        .find(|i| i["id"] == "https://hypothes.is/a/H3")
        .unwrap();
    assert_eq!(reply["motivation"], "replying");
    assert_eq!(reply["target"][0], "https://hypothes.is/a/H1");
    let whole = items
        .iter()
        .find(|i| i["id"] == "https://hypothes.is/a/H2")
        .unwrap();
    assert!(whole["target"].get("selector").is_none(), "{whole}");
    assert_eq!(whole["target"]["scope"], URL);

    let other = tempfile::tempdir().unwrap();
    let lib2 = Library::open(other.path(), &ws.content()).unwrap();
    lib2.import().unwrap();
    let m = lib2.import_notes(&file).unwrap();
    assert_eq!((m.added, m.unreadable.len()), (4, 0), "{m:?}");
    // The same notes, on the same words (lib2 found H1 where lib1 had moved it: anchored).
    let kept = |l: &Library| -> Vec<String> {
        l.notes()
            .list_notes(&Filter::default())
            .unwrap()
            .into_iter()
            .map(|a| {
                format!(
                    "{} {} {} {:?} {:?} {}-{} {}",
                    a.id, a.article, a.whole_article, a.parent, a.uri, a.start, a.end, a.note
                )
            })
            .collect()
    };
    assert_eq!(kept(&lib2), kept(&lib));
    // CSV has them too.
    let csv_file = ws.dir.path().join("out.csv");
    lib.export_notes(NotesFormat::Csv, &csv_file).unwrap();
    let text = std::fs::read_to_string(&csv_file).unwrap();
    assert!(
        text.lines()
            .next()
            .unwrap()
            .ends_with("confidence,whole_article,parent,uri"),
        "{text}"
    );
    assert!(text.contains(&format!("true,,{URL}")), "{text}");
    assert!(
        text.contains(&format!("false,https://hypothes.is/a/H1,{URL}")),
        "{text}"
    );
}

#[test]
fn a_notes_file_from_before_page_notes_is_migrated_with_every_note_kept() {
    let ws = Workspace::new("library");
    std::fs::create_dir_all(ws.data()).unwrap();
    std::fs::copy(
        fixture("notes-v1").join(NOTES_FILE),
        ws.data().join(NOTES_FILE),
    )
    .unwrap();
    let notes = Notes::open(&ws.data()).unwrap();
    let all = notes.list_notes(&Filter::default()).unwrap();
    assert_eq!(all.len(), 2);
    assert!(all
        .iter()
        .all(|a| !a.whole_article && a.parent.is_none() && a.uri.is_none()));
    drop(notes);
    let conn = rusqlite::Connection::open(ws.data().join(NOTES_FILE)).unwrap();
    let version: i64 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    let schemas = std::fs::read_dir(crate::harness::manifest_dir().join("migrations/notes"))
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .unwrap()
                .path()
                .extension()
                .is_some_and(|x| x == "sql")
        })
        .count();
    assert!(schemas >= 5, "sync's schemas (004, 005) are among them");
    assert_eq!(
        version, schemas as i64,
        "migrated through every schema in migrations/notes"
    );
}

#[test]
fn straight_punctuation_and_other_white_space_find_the_curly_text_in_every_way_in() {
    let (ws, lib) = congress();
    let text = text_of(&lib, "congress");
    assert!(
        text.contains("Münzenberg\u{2019}s \u{201C}united front\u{201D} \u{2013} the"),
        "{text}"
    );
    assert!(text.contains("eleven days\u{2026}"), "{text}");

    // notes add (the library, and the CLI).
    let typed = "Münzenberg's \"united front\" -- the delegates";
    let a = lib.add_note_by_quote(quote(typed)).unwrap();
    assert_eq!(a.status, Status::Anchored);
    assert_eq!(
        a.quote,
        "Münzenberg\u{2019}s \u{201C}united front\u{201D} \u{2013} the delegates"
    );
    assert_eq!(placed(&lib, &a), a.quote);
    let spaced = lib
        .add_note_by_quote(quote("workers'  sport was\nknown as"))
        .unwrap();
    assert_eq!(placed(&lib, &spaced), "workers\u{2019} sport was known as");
    let dots = lib.add_note_by_quote(quote("for eleven days...")).unwrap();
    assert_eq!(placed(&lib, &dots), "for eleven days\u{2026}");
    let run = cli(
        &ws.content(),
        &ws.data(),
        &[
            "notes",
            "add",
            "--article",
            "congress",
            "--quote",
            "federation of workers' sport",
            "--json",
        ],
    );
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );

    // JSON-LD with the quote alone, and Hypothesis: placed exactly, not fuzzily.
    let file = write(
        &ws,
        "straight.jsonld",
        &json!({ "id": "urn:x:straight", "type": "Annotation",
        "created": "2025-05-01T00:00:00Z",
        "target": { "source": "tag:lectern.app,2026:article/congress",
                    "selector": { "type": "TextQuoteSelector", "exact": "Münzenberg's \"united front\"" } } }),
    );
    lib.import_notes(&file).unwrap();
    let j = lib.notes().get("urn:x:straight").unwrap();
    assert_eq!((j.status, j.confidence), (Status::Anchored, 1.0));
    assert_eq!(
        placed(&lib, &j),
        "Münzenberg\u{2019}s \u{201C}united front\u{201D}"
    );
    let file = write(
        &ws,
        "h.json",
        &json!([hyp(
            "S2",
            URL,
            "Congress",
            Some("\"united front\" - the"),
            "",
            &[]
        )]),
    );
    lib.import_notes(&file).unwrap();
    let s = lib.notes().get("https://hypothes.is/a/S2").unwrap();
    assert_eq!(s.status, Status::Anchored);
    assert_eq!(
        placed(&lib, &s),
        "\u{201C}united front\u{201D} \u{2013} the"
    );
}

/// Whether `s` starts at the start of a word (or an opening mark) of `text`, and ends at the
/// end of one (or after sentence punctuation), `s` being at byte `at` of `text`.
fn on_word_edges(text: &str, s: &str, at: usize) -> bool {
    let before = text[..at].chars().next_back();
    let after = text[at + s.len()..].chars().next();
    let first = s.chars().next().unwrap();
    let last = s.chars().next_back().unwrap();
    let starts = before.is_none_or(|c| !c.is_alphanumeric())
        && (first.is_alphanumeric() || "\"'\u{201C}\u{2018}(".contains(first));
    let ends = after.is_none_or(|c| !c.is_alphanumeric())
        && (last.is_alphanumeric() || ".,;:!?\u{2026}\u{201D}\u{2019})".contains(last));
    starts && ends
}

#[test]
fn fuzzy_placements_start_and_end_on_words_and_keep_the_full_stop() {
    let ws = Workspace::new("library");
    let old = "It met in Moscow in the winter. The federation of proletarian sport was long known as WONAM. \
               Its congress then met again in Berlin, where the delegates argued about the united front.\n";
    ws.write("articles/congress.md", &article("Congress", None, old));
    let lib = ws.open();
    lib.import().unwrap();
    let quotes = [
        "The federation of proletarian sport was long known as WONAM.",
        "Its congress then met again in Berlin, where the delegates argued about the united front.",
        "It met in Moscow in the winter.",
    ];
    let ids: Vec<String> = quotes
        .iter()
        .map(|q| lib.add_note_by_quote(quote(q)).unwrap().id)
        .collect();
    // Words change inside each quote and around it.
    let new =
        "It met at Moscow in winter. The federation of workers' sport was then known as WONAMS. \
               The congress met again in Berlin where delegates argued about a united front.\n";
    ws.write("articles/congress.md", &article("Congress", None, new));
    lib.import().unwrap();
    let text = text_of(&lib, "congress");
    for (id, q) in ids.iter().zip(quotes) {
        let a = lib.notes().get(id).unwrap();
        assert_eq!(a.status, Status::Fuzzy, "{q}: {a:?}");
        let s = placed(&lib, &a);
        let at = text.find(&s).unwrap();
        assert!(on_word_edges(&text, &s, at), "{q} placed as {s:?}");
        if q.ends_with('.') {
            assert!(
                s.ends_with('.'),
                "{q} placed as {s:?}, without its full stop"
            );
        }
    }
}

#[test]
fn page_titles_with_the_site_name_are_matched_as_browsers_show_them() {
    let ws = Workspace::new("library");
    ws.write("articles/congress.md", &article("Congress", None, CONGRESS));
    ws.write(
        "articles/twin-one.md",
        &article("Twins", None, "One of two.\n"),
    );
    ws.write(
        "articles/twin-two.md",
        &article("Twins", None, "The other.\n"),
    );
    let lib = ws.open();
    lib.import().unwrap();
    let elsewhere = "https://mirror.example/p";
    let titles = [
        "Congress | A Blog",
        "Congress \u{2013} A Blog",
        "Congress - A Blog",
        "Congress \u{2014} A Blog",
        "A Blog: Congress",
        "Alpha: The First Part | A Blog",
        "Alpha: The First Part",
    ];
    let mut list: Vec<serde_json::Value> = titles
        .iter()
        .enumerate()
        .map(|(i, t)| {
            hyp(
                &format!("T{i}"),
                &format!("{elsewhere}{i}"),
                t,
                None,
                t,
                &[],
            )
        })
        .collect();
    list.push(hyp("Tw", elsewhere, "Twins | A Blog", None, "which?", &[]));
    list.push(hyp(
        "Tn",
        elsewhere,
        "Nothing Like It | A Blog",
        None,
        "no",
        &[],
    ));
    let m = lib
        .import_notes(&write(&ws, "titles.json", &json!(list)))
        .unwrap();
    assert_eq!(m.added as usize, titles.len(), "{m:?}");
    for (i, t) in titles.iter().enumerate() {
        let a = lib
            .notes()
            .get(&format!("https://hypothes.is/a/T{i}"))
            .unwrap();
        let want = if t.starts_with("Alpha") {
            "alpha"
        } else {
            "congress"
        };
        assert_eq!(a.article, want, "{t}");
    }
    let why: Vec<(&str, &str)> = m
        .unmatched
        .iter()
        .map(|u| (u.id.as_str(), u.reason.as_str()))
        .collect();
    assert_eq!(why.len(), 2, "{why:?}");
    assert!(
        why[0].0 == "Tw" && why[0].1.contains("2 articles"),
        "{why:?}"
    );
    assert!(
        why[1].0 == "Tn" && why[1].1.contains("no article"),
        "{why:?}"
    );
}

#[test]
fn round_trips_keep_a_fuzzy_placement_its_confidence_and_a_note_its_web_address() {
    let (ws, lib) = congress();
    // A note placed fuzzily by Hypothesis import (its quote differs a little from the text),
    // and one made fuzzy by an edit of the article.
    let file = write(
        &ws,
        "h.json",
        &json!([hyp(
            "F1",
            URL,
            "Congress",
            Some("The Red Sport International kept its own long and winded history"),
            "close",
            &[]
        )]),
    );
    lib.import_notes(&file).unwrap();
    let mine = lib
        .add_note_by_quote(quote("the delegates argued about it for eleven days"))
        .unwrap();
    ws.write(
        "articles/congress.md",
        &article(
            "Congress",
            Some(URL),
            &CONGRESS.replace("argued about", "argued over"),
        ),
    );
    lib.import().unwrap();
    let f1 = lib.notes().get("https://hypothes.is/a/F1").unwrap();
    assert_eq!(f1.status, Status::Fuzzy);
    assert!(
        f1.confidence < 1.0 && f1.confidence >= 0.75,
        "{}",
        f1.confidence
    );
    assert_eq!(f1.uri.as_deref(), Some(URL));
    let f2 = lib.notes().get(&mine.id).unwrap();
    assert_eq!(f2.status, Status::Fuzzy);

    // JSON-LD into another library with the same articles: the same places and confidences.
    let file = ws.dir.path().join("fuzzy.jsonld");
    lib.export_notes(NotesFormat::Jsonld, &file).unwrap();
    let doc: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
    let item = doc["first"]["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["id"] == f1.id.as_str())
        .unwrap()
        .clone();
    assert_eq!(item["lectern:confidence"].as_f64(), Some(f1.confidence));
    assert_eq!(item["target"]["scope"], URL);
    let other = tempfile::tempdir().unwrap();
    let lib2 = Library::open(other.path(), &ws.content()).unwrap();
    lib2.import().unwrap();
    lib2.import_notes(&file).unwrap();
    for before in [&f1, &f2] {
        let after = lib2.notes().get(&before.id).unwrap();
        assert_eq!(
            (
                after.status,
                after.confidence,
                after.start,
                after.end,
                &after.uri
            ),
            (
                before.status,
                before.confidence,
                before.start,
                before.end,
                &before.uri
            ),
            "{}",
            before.id
        );
    }
    // A file may not pass off a position as a placement: one claiming a perfect fuzzy match
    // where the words are not is placed again.
    let mut forged = item;
    forged["id"] = json!("https://hypothes.is/a/forged");
    forged["lectern:confidence"] = json!(1.0);
    forged["target"]["selector"][1] =
        json!({ "type": "TextPositionSelector", "start": 0, "end": 5 });
    let file = write(&ws, "forged.jsonld", &json!([forged]));
    lib2.import_notes(&file).unwrap();
    let f = lib2.notes().get("https://hypothes.is/a/forged").unwrap();
    assert_eq!(f.status, Status::Fuzzy);
    assert!(f.confidence < 1.0 && f.start > 0, "{f:?}");

    // The web address is in the Markdown and the CSV too.
    let md_dir = ws.dir.path().join("md");
    lib.export_notes(NotesFormat::Markdown, &md_dir).unwrap();
    let md = std::fs::read_to_string(md_dir.join("congress.md")).unwrap();
    assert!(md.contains(&format!("Made on {URL}")), "{md}");
    assert!(
        md.contains(&format!("*(fuzzy, confidence {:.2})*", f1.confidence)),
        "{md}"
    );
    let csv_file = ws.dir.path().join("n.csv");
    lib.export_notes(NotesFormat::Csv, &csv_file).unwrap();
    let mut r = csv::Reader::from_path(&csv_file).unwrap();
    let rows: Vec<csv::StringRecord> = r.records().map(|x| x.unwrap()).collect();
    let row = rows.iter().find(|r| &r[0] == f1.id.as_str()).unwrap();
    assert_eq!(
        (&row[11], &row[14]),
        (f1.confidence.to_string().as_str(), URL)
    );
}
