//! Search over a real library: matching, the query language, ranking, snippets, hostile input,
//! and the index following the library through imports, damage and deletion.

use crate::harness::{starter, Workspace};
use lectern_core::search::{SearchKind, SearchOptions, SearchResults};
use lectern_core::Library;

fn search(lib: &Library, q: &str) -> SearchResults {
    lib.search(q, &SearchOptions::default()).unwrap()
}

fn keys(r: &SearchResults) -> Vec<String> {
    r.hits
        .iter()
        .map(|h| format!("{}/{}", h.kind.name(), h.id))
        .collect()
}

fn finds(lib: &Library, q: &str, key: &str) -> bool {
    keys(&search(lib, q)).iter().any(|k| k == key)
}

#[test]
fn case_and_diacritics_do_not_matter() {
    let (_d, lib) = starter();
    for q in ["Munzenberg", "münzenberg", "MÜNZENBERG", "munzenberg"] {
        let r = search(&lib, q);
        assert_eq!(keys(&r)[0], "person/willi-munzenberg", "{q}");
    }
    assert_eq!(
        keys(&search(&lib, "Zinoviev")),
        keys(&search(&lib, "zinoviev"))
    );
}

#[test]
fn english_word_forms_meet() {
    let (_d, lib) = starter();
    let plural = search(&lib, "organizations");
    let singular = search(&lib, "organization");
    assert!(!plural.hits.is_empty());
    assert_eq!(plural.total, singular.total);
}

#[test]
fn aliases_and_acronyms_expand_the_query() {
    let (_d, lib) = starter();
    // "MOPR" finds text that only says "International Red Aid".
    let mopr = search(&lib, "MOPR");
    assert!(keys(&mopr).contains(&"person/julian-marchlewski".to_string()));
    assert!(finds(&lib, "Profintern", "book/rilu-documents"));
    // A multi-word name typed as words expands too.
    assert!(finds(&lib, "red aid", "organization/international-red-aid"));
}

#[test]
fn the_query_language_is_honoured() {
    let (_d, lib) = starter();
    let phrase = search(&lib, "\"class war prisoners\"");
    assert!(phrase
        .hits
        .iter()
        .all(|h| h.passage.html.contains("<mark>")));
    assert!(keys(&phrase).contains(&"organization/international-labor-defense".to_string()));
    let cannon = search(&lib, "Cannon");
    let without = search(&lib, "Cannon -Palmer");
    assert!(without.total < cannon.total);
    assert!(!keys(&without).contains(&"person/bryan-d-palmer".to_string()));
    let either = search(&lib, "Zetkin OR Stasova");
    assert!(either.total >= search(&lib, "Zetkin").total);
    assert!(keys(&search(&lib, "kind:person cannon"))
        .iter()
        .all(|k| k.starts_with("person/")));
    let by_riddell = search(&lib, "author:riddell aid");
    assert!(!by_riddell.hits.is_empty());
    // Articles he wrote and books he edited or translated.
    assert!(by_riddell
        .hits
        .iter()
        .all(|h| matches!(h.kind, SearchKind::Article | SearchKind::Book)));
    assert!(!keys(&by_riddell).contains(&"article/larry-nozaki".to_string()));
    let survey = search(&lib, "series:comintern aid");
    assert!(keys(&survey).contains(&"article/international-red-aid".to_string()));
    assert!(!keys(&survey).contains(&"article/second-wave-feminism".to_string()));
    let twenties = search(&lib, "year:1920..1925 kind:organization");
    assert!(keys(&twenties).contains(&"organization/international-red-aid".to_string()));
    assert!(!keys(&twenties).contains(&"organization/womens-liberation-movement".to_string()));
}

#[test]
fn the_last_word_is_a_prefix_while_typing() {
    let (_d, lib) = starter();
    let typing = SearchOptions {
        as_typed: true,
        ..SearchOptions::default()
    };
    let r = lib.search("Münzenb", &typing).unwrap();
    assert_eq!(keys(&r)[0], "person/willi-munzenberg");
    // A word cut inside its stem still finds the stem (`organizat` → `organiz`).
    assert!(lib.search("organizat", &typing).unwrap().total > 0);
    // A finished word the library does not hold is a name cut short too.
    assert_eq!(keys(&search(&lib, "Münzenb"))[0], "person/willi-munzenberg");
    assert_eq!(search(&lib, "Münzenb").corrected, None);
}

#[test]
fn titles_and_names_outrank_body_text_and_order_is_stable() {
    let (_d, lib) = starter();
    let r = search(&lib, "Pan-Africanism");
    let in_title: Vec<bool> = r
        .hits
        .iter()
        .map(|h| h.title.contains("Pan-Africanism"))
        .collect();
    assert!(
        in_title.len() > 2 && in_title[0] && in_title[1],
        "{:?}",
        keys(&r)
    );
    // Every hit with the word in its title comes before every hit without it.
    assert!(in_title.windows(2).all(|w| w[0] || !w[1]), "{:?}", keys(&r));
    assert_eq!(keys(&r), keys(&search(&lib, "Pan-Africanism")));
    for pair in r.hits.windows(2) {
        assert!(pair[0].score >= pair[1].score);
    }
}

#[test]
fn kind_chips_restrict_hits_but_not_counts() {
    let (_d, lib) = starter();
    let all = search(&lib, "Cannon");
    let people = lib
        .search(
            "Cannon",
            &SearchOptions {
                kinds: vec![SearchKind::Person],
                ..SearchOptions::default()
            },
        )
        .unwrap();
    assert!(people.hits.iter().all(|h| h.kind == SearchKind::Person));
    assert_eq!(people.total, all.total);
    let counted: u32 = all.counts.iter().map(|c| c.count).sum();
    assert_eq!(counted, all.total);
}

#[test]
fn snippets_mark_matches_safely() {
    let (_d, lib) = starter();
    let r = search(&lib, "Haywood");
    let hit = r
        .hits
        .iter()
        .find(|h| h.id == "international-red-aid")
        .unwrap();
    assert!(hit.passage.html.contains("<mark>Haywood</mark>"));
    assert!(hit.passage.marks.contains(&"Haywood".to_string()));
    let stripped = hit
        .passage
        .html
        .replace("<mark>", "")
        .replace("</mark>", "");
    assert!(
        !stripped.contains('<'),
        "only marks are markup: {}",
        hit.passage.html
    );
    let passage = lib
        .locate("international-red-aid", "Haywood")
        .unwrap()
        .unwrap();
    assert!(passage.text.contains("Haywood"));
}

#[test]
fn nothing_found_offers_the_librarys_own_words() {
    let (_d, lib) = starter();
    // Searched as typed, a misspelt name finds nothing and the correction is offered.
    let exact = SearchOptions {
        exact: true,
        ..SearchOptions::default()
    };
    let r = lib.search("Munzenbreg", &exact).unwrap();
    assert_eq!((r.total, r.corrected.as_ref()), (0, None));
    assert_eq!(r.suggestion.as_deref(), Some("Münzenberg"));
    // Words nowhere in the library, nor near any: nothing, and nothing offered.
    let r = search(&lib, "qqqxz wwwvvk");
    assert_eq!((r.total, r.suggestion.as_deref()), (0, None));
}

#[test]
fn hostile_input_never_errors() {
    let (_d, lib) = starter();
    let long = "a".repeat(10_000);
    let many = "word OR ".repeat(2_000);
    let inputs = [
        "\"",
        "\"\"",
        "*",
        "-",
        "--",
        "OR OR",
        "OR",
        "AND",
        "NOT",
        "NEAR(",
        "NEAR(a b, 3)",
        "title:zetkin",
        "{title body}: aid",
        "body:aid",
        "^",
        "a:b:c",
        "author:",
        "year:",
        "kind:nothing",
        "year:99999..-4",
        "\u{0}\u{1}\u{7f}",
        "\u{202e}Zetkin",
        "מופר",
        "مساعدة",
        "МОПР",
        "*aid*",
        "-aid",
        "(aid",
        "aid)",
        "'",
        "\\",
        "%",
        "_",
        "\u{fffd}",
        long.as_str(),
        many.as_str(),
    ];
    for q in inputs {
        for as_typed in [false, true] {
            let options = SearchOptions {
                as_typed,
                ..SearchOptions::default()
            };
            let r = lib.search(q, &options);
            assert!(r.is_ok(), "{q:?}: {r:?}");
        }
    }
    // Right-to-left and Cyrillic aliases still find what they name.
    assert!(finds(&lib, "МОПР", "organization/international-red-aid"));
}

#[test]
fn an_article_naming_an_organization_in_several_words_is_found_by_its_other_names() {
    let ws = Workspace::new("library");
    let org = |aliases: &str| {
        format!("+++\nname = \"Society of Friends of Labour\"\naliases = [{aliases}]\n+++\nA society.\n")
    };
    ws.write("organizations/friends-of-labour.md", &org("\"SFL\""));
    ws.write(
        "articles/friends.md",
        "+++\ntitle = \"A Meeting in Leeds\"\nauthors = []\ndate = \"1925\"\n+++\nThe Society of Friends of Labour met in Leeds.\n",
    );
    ws.write(
        "articles/helpers.md",
        "+++\ntitle = \"A Meeting in York\"\nauthors = []\ndate = \"1926\"\n+++\nThe Labour Helpers Circle met in York.\n",
    );
    let lib = ws.open();
    lib.import().unwrap();
    let found = |q: &str| keys(&search(&lib, q));
    // Only the body names it, in words the query does not contain.
    assert!(found("SFL").contains(&"article/friends".to_string()));
    assert!(!found("SFL").contains(&"article/helpers".to_string()));
    // A new alias: the articles already imported are found by it too, and the words that
    // named the organization are marked in the snippet.
    ws.write(
        "organizations/friends-of-labour.md",
        &org("\"SFL\", \"Labour Helpers Circle\""),
    );
    lib.import().unwrap();
    let sfl = search(&lib, "SFL");
    assert!(keys(&sfl).contains(&"article/helpers".to_string()));
    let helpers = sfl.hits.iter().find(|h| h.id == "helpers").unwrap();
    assert!(
        helpers.passage.html.contains("<mark>Helpers</mark>"),
        "{}",
        helpers.passage.html
    );
}

#[test]
fn the_index_follows_the_library() {
    let ws = Workspace::new("library");
    let lib = ws.open();
    lib.import().unwrap();
    assert_eq!(
        lib.search("lighthouse", &SearchOptions::default())
            .unwrap()
            .total,
        0
    );
    ws.write(
        "articles/lighthouse.md",
        "+++\ntitle = \"The Lighthouse Keepers\"\nauthors = []\ndate = \"1930\"\n+++\nA union of lighthouse keepers.\n",
    );
    lib.import().unwrap();
    assert_eq!(
        lib.search("lighthouse", &SearchOptions::default())
            .unwrap()
            .total,
        1
    );
    std::fs::remove_file(ws.content().join("articles/lighthouse.md")).unwrap();
    lib.import().unwrap();
    assert_eq!(
        lib.search("lighthouse", &SearchOptions::default())
            .unwrap()
            .total,
        0
    );
    drop(lib);
    // A deleted or damaged index is rebuilt from library.sqlite on the next start.
    let index = ws.data().join(lectern_core::SEARCH_DIR);
    std::fs::remove_dir_all(&index).unwrap();
    let lib = ws.open();
    lib.import().unwrap();
    let n = lib.search("the", &SearchOptions::default()).unwrap().total;
    assert!(n > 0);
    drop(lib);
    for entry in std::fs::read_dir(&index).unwrap() {
        let path = entry.unwrap().path();
        if path.is_file() {
            std::fs::write(&path, b"garbage").unwrap();
        }
    }
    let lib = ws.open();
    lib.import().unwrap();
    assert_eq!(
        lib.search("the", &SearchOptions::default()).unwrap().total,
        n
    );
}

#[test]
fn phrases_keep_word_order_and_little_words_hold_their_place() {
    let ws = Workspace::new("library");
    let article = |slug: &str, body: &str| {
        ws.write(
            &format!("articles/{slug}.md"),
            &format!("+++\ntitle = \"{slug}\"\nauthors = []\ndate = \"1930\"\n+++\n{body}\n"),
        );
    };
    article(
        "in-order",
        "Delegates of the Union of Socialist Youth met in Vienna.",
    );
    article(
        "reversed",
        "The Socialist Youth of the Union met in Vienna.",
    );
    article(
        "apart",
        "A union, of course, and socialist youth elsewhere.",
    );
    article("one-word", "Of the union they said nothing.");
    let lib = ws.open();
    lib.import().unwrap();
    let found = |q: &str| {
        let mut k = keys(&search(&lib, q));
        k.sort();
        k
    };
    assert_eq!(found("\"Union of Socialist Youth\""), ["article/in-order"]);
    assert_eq!(
        found("\"socialist youth of the union\""),
        ["article/reversed"]
    );
    // With one real word the little words are matched too.
    assert_eq!(
        found("\"of the union\""),
        ["article/in-order", "article/one-word", "article/reversed"]
    );
    assert_eq!(found("\"the union\""), found("\"of the union\""));
}

#[test]
fn a_quoted_name_is_exact_and_not_widened_to_its_aliases() {
    let (_d, lib) = starter();
    // Unquoted, the name also finds Comintern, ECCI and the other aliases.
    let widened = search(&lib, "Communist International");
    let exact = search(&lib, "\"Communist International\"");
    assert!(exact.total > 0);
    assert!(
        exact.total < widened.total,
        "{} vs {}",
        exact.total,
        widened.total
    );
    assert!(keys(&widened).iter().any(|k| !keys(&exact).contains(k)));
}
