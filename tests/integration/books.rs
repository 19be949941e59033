//! Books end to end through the library: offers in exact money judged on a given day, the
//! checks that locate bad offers, the citation linker over real footnotes (and again after
//! edits and an upgrade), and every export read back.

use crate::harness::{starter, Workspace};
use lectern_core::books::{cite::Style, export::Format};
use lectern_core::PartialDate;

fn day(s: &str) -> PartialDate {
    s.parse().unwrap()
}

#[test]
fn the_starter_library_offers_announces_and_cites_its_books() {
    let (_dir, lib) = starter();
    let list = lib.list_books(day("2026-11-25")).unwrap();
    let banner = list
        .books
        .iter()
        .find(|b| b.id == "under-the-socialist-banner")
        .unwrap();
    let offer = banner.offer.as_ref().unwrap();
    assert_eq!(offer.price.as_deref(), Some("11.37"));
    assert_eq!(offer.discount_percent.as_deref(), Some("40"));
    assert_eq!(offer.list_price.as_deref(), Some("18.95"));
    assert_eq!(offer.saving.as_deref(), Some("7.58"));
    assert_eq!(offer.currency.as_deref(), Some("USD"));
    assert!(banner
        .cited_in
        .iter()
        .any(|c| c.article == "new-book-second-international"));
    let preparing: Vec<(&str, Option<&str>)> = list
        .books
        .iter()
        .filter(|b| b.status == lectern_core::model::BookStatus::InPreparation)
        .map(|b| (b.id.as_str(), b.expected.as_deref()))
        .collect();
    assert!(
        preparing.contains(&("communist-womens-movement-documents", Some("2022"))),
        "{preparing:?}"
    );
    // Every title the starter library's footnotes cite is one of its books.
    assert!(list.unlisted.is_empty(), "{:?}", list.unlisted);
    let cannon = list
        .books
        .iter()
        .find(|b| b.id == "notebook-of-an-agitator")
        .unwrap();
    assert!(
        !cannon.cited_in.is_empty(),
        "cited by short title as `Cannon, *Notebook*`"
    );

    let page = lib
        .get_book("under-the-socialist-banner", day("2026-11-25"))
        .unwrap();
    assert!(page
        .announced_in
        .iter()
        .any(|a| a.slug == "new-book-second-international"));
    assert!(page
        .citing
        .iter()
        .all(|n| n.html.contains("Under the Socialist Banner")));
    assert!(page.html.contains("Mike Taber"));
    let review = lib
        .get_book("communist-movement-at-a-crossroads", day("2026-11-25"))
        .unwrap();
    assert_eq!(
        review.reviewed_in[0].slug,
        "meticulous-research-and-clarity"
    );
}

const BOOK: &str = r#"+++
title = "The Long Road"
authors = ["ada-lovelace"]
date = "2020"
related = ["alpha"]

[[editions]]
format = "library hardcover"

[editions.offer]
price = "95.00"
currency = "EUR"
valid_until = "2021-06-30"

[[editions]]
format = "paperback"

[editions.offer]
list_price = 30
discount_percent = 20
currency = "EUR"
valid_until = "2021-12"
+++
A test book with two offers.
"#;

#[test]
fn an_offer_runs_through_its_last_day_and_live_offers_come_first() {
    let ws = Workspace::new("library");
    ws.write("books/long-road.md", BOOK);
    let lib = ws.open();
    lib.import().unwrap();
    let offer = |today: &str| {
        let list = lib.list_books(day(today)).unwrap();
        let b = list
            .books
            .into_iter()
            .find(|b| b.id == "long-road")
            .unwrap();
        (b.offer.unwrap(), b.editions)
    };
    let (o, editions) = offer("2021-06-30");
    assert_eq!(
        (o.edition.as_str(), o.price.as_deref(), o.expired),
        ("library hardcover", Some("95.00"), false)
    );
    assert_eq!(
        editions[1].offer.as_ref().unwrap().price.as_deref(),
        Some("24.00")
    );
    // The day after, the hardcover's offer is over and the paperback's is the one shown.
    let (o, editions) = offer("2021-07-01");
    assert_eq!((o.edition.as_str(), o.expired), ("paperback", false));
    assert!(editions[0].offer.as_ref().unwrap().expired);
    // A month runs to its end.
    assert!(!offer("2021-12-31").0.expired);
    let (o, _) = offer("2022-01-01");
    assert!(
        o.expired,
        "with every offer over, the first is shown as expired"
    );
}

#[test]
fn bad_offers_are_reported_at_their_file_line_and_field() {
    let ws = Workspace::new("library");
    let bad = BOOK
        .replace(
            "currency = \"EUR\"\nvalid_until = \"2021-06-30\"",
            "currency = \"EUX\"\nvalid_until = \"1921-06-30\"",
        )
        .replace("list_price = 30", "list_price = 30\nprice = 25");
    ws.write("books/long-road.md", &bad);
    ws.write(
        "books/bad-status.md",
        "+++\ntitle = \"Odd\"\nstatus = \"sold-out\"\n+++\n",
    );
    let lib = ws.open();
    lib.import().unwrap();
    let problems: Vec<String> = lib
        .list_problems()
        .unwrap()
        .iter()
        .map(|p| p.to_string())
        .collect();
    let has = |prefix: &str| problems.iter().any(|p| p.starts_with(prefix));
    assert!(
        has("books/long-road.md:12: editions[0].offer.currency: `EUX` is not an ISO 4217"),
        "{problems:#?}"
    );
    assert!(has("books/long-road.md:20: editions[1].offer.price: price 25, list price 30 and discount 20% disagree"), "{problems:#?}");
    // alpha, the announcing article, is from 1922.
    assert!(has("books/long-road.md:13: editions[0].offer.valid_until: valid until 1921-06-30, before the book was announced in `alpha`"), "{problems:#?}");
    assert!(
        problems
            .iter()
            .any(|p| p.starts_with("books/bad-status.md:3: ") && p.contains("sold-out")),
        "{problems:#?}"
    );
    // The rest keeps working.
    assert!(lib
        .list_books(day("2021-01-01"))
        .unwrap()
        .books
        .iter()
        .any(|b| b.id == "book-one"));
}

#[test]
fn citations_follow_edits_to_books_and_articles() {
    let ws = Workspace::new("library");
    ws.write("books/first-ten.md", "+++\ntitle = \"The First Ten Years of American Communism\"\nauthors = [\"james-cannon\"]\ndate = \"1962\"\n+++\n");
    ws.write(
        "people/james-cannon.md",
        "+++\nname = \"James P. Cannon\"\n+++\n",
    );
    ws.write(
        "articles/notes.md",
        "+++\ntitle = \"Notes\"\nauthors = [\"ada-lovelace\"]\ndate = \"1930\"\n+++\nOne claim.[^a] Another.[^b]\n\n[^a]: Cannon, *First Ten Years*, p. 3.\n[^b]: See *Some Other Book*, 1999; and \u{201C}An Essay,\u{201D} *A Journal*, no. 4.\n",
    );
    let lib = ws.open();
    lib.import().unwrap();
    let cited = |lib: &lectern_core::Library| {
        let list = lib.list_books(day("2026-01-01")).unwrap();
        let book = list
            .books
            .iter()
            .find(|b| b.id == "first-ten")
            .map(|b| b.cited_in.clone());
        let unlisted: Vec<String> = list
            .unlisted
            .iter()
            .map(|u| format!("{} ({} {})", u.title, u.article, u.footnote))
            .collect();
        (book.unwrap_or_default(), unlisted)
    };
    let (found, unlisted) = cited(&lib);
    let places: Vec<(String, u32)> = found
        .iter()
        .map(|c| (c.article.clone(), c.footnote))
        .collect();
    // beta's footnote names the whole title; notes' first names it short, with the author.
    assert_eq!(places, [("beta".into(), 1), ("notes".into(), 1)]);
    // alpha cites a book the fixture does not hold; the journal is passed over.
    assert_eq!(
        unlisted,
        [
            "Socialism in One Country (alpha 1)",
            "Some Other Book (notes 2)"
        ]
    );

    // The book renamed: its citations go, to "cited, not in the list".
    ws.write(
        "books/first-ten.md",
        "+++\ntitle = \"Ten Years\"\nauthors = [\"james-cannon\"]\n+++\n",
    );
    lib.import().unwrap();
    let (found, unlisted) = cited(&lib);
    assert!(found.is_empty());
    assert_eq!(unlisted.len(), 4, "{unlisted:?}");
}

#[test]
fn an_upgraded_library_links_the_footnotes_it_imported_before() {
    let ws = Workspace::new("library");
    let lib = ws.open();
    lib.import().unwrap();
    drop(lib);
    // The library as the version before books left it: no book tables, schema version 8.
    let conn = rusqlite::Connection::open(ws.data().join(lectern_core::LIBRARY_FILE)).unwrap();
    conn.execute_batch(
        "DROP TABLE footnote_texts; DROP TABLE citations; DROP TABLE offer_ends;
         PRAGMA user_version = 8;",
    )
    .unwrap();
    drop(conn);
    let lib = ws.open();
    let report = lib.import().unwrap();
    assert!(
        report.updated >= 4,
        "the articles are read again: {report:?}"
    );
    let list = lib.list_books(day("2026-01-01")).unwrap();
    assert!(
        list.unlisted
            .iter()
            .any(|u| u.article == "beta" && u.title == "The First Ten Years of American Communism"),
        "{:?}",
        list.unlisted
    );
}

#[test]
fn every_export_reads_back_with_all_the_books() {
    let (_dir, lib) = starter();
    let n = lib.list_books(day("2026-01-01")).unwrap().books.len();
    assert!(n >= 14);
    let bib = lib.export_books(&[], Format::Bibtex).unwrap();
    let parsed = biblatex::Bibliography::parse(&bib).unwrap();
    assert_eq!(parsed.len(), n);
    let banner = parsed.get("under-the-socialist-banner").unwrap();
    assert_eq!(banner.editors().unwrap()[0].0[0].name, "Taber");
    let csl: Vec<hayagriva::citationberg::json::Item> =
        serde_json::from_str(&lib.export_books(&[], Format::CslJson).unwrap()).unwrap();
    assert_eq!(csl.len(), n);
    let ris = lib.export_books(&[], Format::Ris).unwrap();
    assert_eq!(
        ris.lines().filter(|l| l.starts_with("TY  - BOOK")).count(),
        n
    );
    assert_eq!(ris.lines().filter(|l| l.starts_with("ER  - ")).count(), n);
    let csv = lib.export_books(&[], Format::Csv).unwrap();
    assert_eq!(
        csv::Reader::from_reader(csv.as_bytes()).records().count(),
        n
    );
    // Only the books asked for, in that order.
    let two = lib
        .export_books(
            &[
                "socialism-in-one-country".into(),
                "under-the-socialist-banner".into(),
            ],
            Format::CslJson,
        )
        .unwrap();
    let v: serde_json::Value = serde_json::from_str(&two).unwrap();
    assert_eq!(v[0]["id"], "socialism-in-one-country");
    assert_eq!(v.as_array().unwrap().len(), 2);
    let apa = lib
        .cite_book("socialism-in-one-country", Style::Apa)
        .unwrap()
        .text;
    assert_eq!(
        apa,
        "Carr, E. H. (1972). Socialism in One Country. Penguin Books."
    );
}
