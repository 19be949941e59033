//! Search that forgives how readers type, on the starter library: names misspelt and in other
//! transliterations are corrected (and said to be), a rare real word is not; British and
//! American spellings meet; numbers however grouped, and possessives, find the same.

use crate::harness::starter;
use lectern_core::search::{Matched, SearchOptions, SearchResults};
use lectern_core::Library;

fn search(lib: &Library, q: &str) -> SearchResults {
    lib.search(q, &SearchOptions::default()).unwrap()
}

fn first(r: &SearchResults) -> String {
    r.hits
        .first()
        .map(|h| format!("{}/{}", h.kind.name(), h.id))
        .unwrap_or_default()
}

/// `typed` is corrected to `to`, whose results lead with `key`, every hit marked corrected.
fn corrected(lib: &Library, typed: &str, to: &str, key: &str) {
    let r = search(lib, typed);
    let c = r
        .corrected
        .as_ref()
        .unwrap_or_else(|| panic!("{typed} is corrected ({} hits as typed)", r.total));
    assert_eq!((c.query.as_str(), c.typed.as_str()), (to, typed));
    assert_eq!(first(&r), key, "{typed}");
    assert!(r.hits.iter().all(|h| h.matched == Matched::Corrected));
    // Asked for as typed, it is not.
    let exact = lib
        .search(
            typed,
            &SearchOptions {
                exact: true,
                ..SearchOptions::default()
            },
        )
        .unwrap();
    assert_eq!(exact.corrected, None);
    assert!(exact.total < r.total);
}

#[test]
fn misspelt_and_transliterated_names_are_corrected_to_the_librarys_spelling() {
    let (_d, lib) = starter();
    corrected(&lib, "Munzenburg", "Münzenberg", "person/willi-munzenberg");

    corrected(&lib, "Sinowjew", "Zinoviev", "person/grigorii-zinoviev");
    corrected(&lib, "Zinovyev", "Zinoviev", "person/grigorii-zinoviev");
    corrected(&lib, "Stasowa", "Stasova", "person/elena-stasova");
    corrected(&lib, "Zetkn", "Zetkin", "person/clara-zetkin");
    corrected(&lib, "Trotzky", "Trotsky", "person/leon-trotsky");
    // Word forms and spellings the library holds as aliases are found as typed.
    for (typed, key) in [
        ("Zetkine", "person/clara-zetkin"),
        ("Trotskiy", "person/leon-trotsky"),
    ] {
        let r = search(&lib, typed);
        assert_eq!((first(&r).as_str(), r.corrected), (key, None), "{typed}");
    }
    // A spelling the library holds as an alias is found as typed.
    let r = search(&lib, "Muenzenberg");
    assert_eq!(
        (first(&r).as_str(), r.corrected),
        ("person/willi-munzenberg", None)
    );
    // The corrected word takes its place among the others typed.
    let r = search(&lib, "Munzenburg aid");
    assert_eq!(
        r.corrected.map(|c| c.query).as_deref(),
        Some("Münzenberg aid")
    );
}

#[test]
fn real_words_of_the_library_and_short_words_stay_as_typed() {
    let (_d, lib) = starter();
    for typed in ["Proletkult", "Haywood", "Stasova", "ILD", "MOPR", "labour"] {
        let r = search(&lib, typed);
        assert_eq!(r.corrected, None, "{typed}");
        assert!(r.total > 0, "{typed}");
        assert!(r.hits.iter().all(|h| h.matched == Matched::AsTyped));
    }
    // Three letters are never corrected.
    assert_eq!(search(&lib, "Zek").corrected, None);
}

#[test]
fn a_name_cut_short_is_found_wherever_it_stands() {
    let (_d, lib) = starter();
    let r = search(&lib, "Zinov Comintern");
    assert!(
        r.hits.iter().any(|h| h.id == "grigorii-zinoviev"),
        "{}",
        first(&r)
    );
    assert!(search(&lib, "Münzenb aid").total > 0);
}

#[test]
fn british_and_american_spellings_meet() {
    let (_d, lib) = starter();
    for (british, american) in [
        ("labour", "labor"),
        ("defence", "defense"),
        ("organisation", "organization"),
        (
            "International Labour Defence",
            "International Labor Defense",
        ),
    ] {
        let (b, a) = (search(&lib, british), search(&lib, american));
        assert!(b.total > 0, "{british}");
        assert_eq!(b.total, a.total, "{british} / {american}");
        assert_eq!(first(&b), first(&a), "{british} / {american}");
    }
}

#[test]
fn numbers_however_grouped_and_possessives_find_the_same() {
    let (_d, lib) = starter();
    let grouped = search(&lib, "50,000");
    assert!(
        grouped.total > 0,
        "the seed's march of 50,000 is in the library"
    );
    for typed in ["50000", "50 000", "50.000"] {
        assert_eq!(search(&lib, typed).total, grouped.total, "{typed}");
    }
    assert_eq!(search(&lib, "women's").total, search(&lib, "women").total);
    assert_eq!(
        search(&lib, "Zinoviev’s letter").total,
        search(&lib, "Zinoviev letter").total
    );
}

#[test]
fn every_query_gives_hits_or_says_nothing_matched() {
    let (_d, lib) = starter();
    // Numbers, money, percentages, possessives and curly quotes find what the library holds,
    // and every hit marks what matched.
    for typed in [
        "50,000 women",
        "50000 women",
        "50 000 women",
        "$5 a month",
        "40%",
        "women's",
        "“Red Aid”",
    ] {
        let r = search(&lib, typed);
        assert!(!r.hits.is_empty(), "{typed}: no hits");
        assert!(r.total as usize >= r.hits.len(), "{typed}");
        assert!(
            r.hits.iter().any(|h| h.passage.html.contains("<mark>")),
            "{typed}: nothing marked"
        );
    }
    // Punctuation alone is no error, and says nothing matched, with no made-up suggestion.
    for typed in ["—", "...", "\"\"", "()", "-", "*"] {
        let r = search(&lib, typed);
        assert_eq!((r.total, r.hits.len()), (0, 0), "{typed}");
        assert_eq!(r.suggestion, None, "{typed}");
    }
}

#[test]
fn a_page_comes_first_and_the_article_about_it_next() {
    let (_d, lib) = starter();
    let r = search(&lib, "ILD");
    let order: Vec<String> = r
        .hits
        .iter()
        .map(|h| format!("{}/{}", h.kind.name(), h.id))
        .collect();
    assert_eq!(
        order[0], "organization/international-labor-defense",
        "{order:?}"
    );
    let article = order
        .iter()
        .position(|k| k == "article/international-red-aid");
    let book = order.iter().position(|k| k.starts_with("book/"));
    assert!(article.is_some(), "{order:?}");
    assert!(
        book.is_none_or(|b| article < Some(b)),
        "the article about the ILD outranks books: {order:?}"
    );
    let r = search(&lib, "Zinoviev");
    assert_eq!(first(&r), "person/grigorii-zinoviev");
}

#[test]
fn books_are_found_by_what_a_buyer_types() {
    let (_d, lib) = starter();
    let books = |q: &str| {
        let options = SearchOptions {
            kinds: vec![lectern_core::search::SearchKind::Book],
            ..SearchOptions::default()
        };
        lib.search(q, &options)
            .unwrap()
            .hits
            .into_iter()
            .map(|h| h.id)
            .collect::<Vec<_>>()
    };
    let offered = books("discount");
    assert_eq!(offered.len(), 2, "{offered:?}");
    assert_eq!(books("offer"), offered);
    assert_eq!(books("sale"), offered);
    assert_eq!(books("40%"), offered);
    assert_eq!(books("forthcoming").len(), 1);
    assert!(!books("Brill").is_empty(), "a publisher finds its books");
}

#[test]
fn a_snippet_shows_the_words_that_matched_and_a_summary_once() {
    let (_d, lib) = starter();
    for typed in ["Munzenberg", "Zinoviev", "Stasova"] {
        for h in search(&lib, typed).hits.iter().take(5) {
            assert!(
                !h.passage.marks.is_empty(),
                "{typed}: {} {} has no mark: {}",
                h.kind.name(),
                h.id,
                h.passage.text
            );
        }
    }
    for typed in ["Red Aid", "Workers Aid", "Comintern"] {
        for h in search(&lib, typed).hits {
            let sentences: Vec<&str> = h
                .passage
                .text
                .split(". ")
                .map(|x| x.trim_matches(['…', ' ', '—']))
                .filter(|x| x.len() > 30)
                .collect();
            let unique: std::collections::HashSet<&&str> = sentences.iter().collect();
            assert_eq!(
                unique.len(),
                sentences.len(),
                "{} repeats a sentence: {}",
                h.id,
                h.passage.text
            );
        }
    }
}

#[test]
fn asked_for_offers_books_with_a_running_offer_come_first() {
    let ws = crate::harness::Workspace::new("library");
    let book = |title: &str, until: &str| {
        format!(
            "+++\ntitle = \"{title}\"\nauthors = [\"ada-lovelace\"]\nstatus = \"published\"\n\n[[editions]]\nformat = \"paperback\"\n\n[editions.offer]\ndiscount_percent = 30\nvalid_until = \"{until}\"\n+++\nAn offer on paper, and a sale.\n"
        )
    };
    // The expired offer's title holds the word asked for too, so it would come first by score.
    ws.write(
        "books/past-offer.md",
        &book("Offer of the past: an offer", "2001-01-31"),
    );
    ws.write("books/running.md", &book("A history", "2999-12-31"));
    let lib = ws.open();
    lib.import().unwrap();
    let ids = |q: &str| {
        lib.search(q, &SearchOptions::default())
            .unwrap()
            .hits
            .into_iter()
            .map(|h| h.id)
            .collect::<Vec<_>>()
    };
    for asked in ["offer", "discount"] {
        let found = ids(asked);
        let at = |id: &str| found.iter().position(|x| x == id).unwrap_or(usize::MAX);
        assert!(
            at("running") < at("past-offer") && at("past-offer") < usize::MAX,
            "{asked}: {found:?}"
        );
        assert_eq!(
            found.last().map(String::as_str),
            Some("past-offer"),
            "{asked}: the expired offer last"
        );
    }
    // Not asked for offers: by score alone.
    assert!(ids("paperback").len() >= 2);
}
