//! Mentions found at import: stored per article, kept current when articles or names change,
//! read back for entity pages, the article view and `lectern-cli mentions`.

use crate::harness::{starter, Workspace};

const ARTICLE: &str = "+++\ntitle = \"On Lovelace\"\nauthors = []\ndate = \"2020-01-01\"\n+++\n\
Ada Lovelace wrote the notes. Later, ADA KING signed letters.\n\nOrganization A met; Adalovelace is no name.\n";

#[test]
fn an_import_links_names_and_relinks_when_names_or_articles_change() {
    let ws = Workspace::new("library");
    ws.write("articles/on-lovelace.md", ARTICLE);
    let lib = ws.open();
    lib.import().unwrap();
    let ada = lib.mentions("ada-lovelace").unwrap();
    let on = ada
        .iter()
        .find(|m| m.article == "on-lovelace")
        .expect("linked");
    assert_eq!(
        on.count, 2,
        "the name and its alias, not the run-together word"
    );
    assert_eq!(on.title, "On Lovelace");
    let first = &on.snippets[0];
    let units: Vec<u16> = first.text.encode_utf16().collect();
    let marked = String::from_utf16(&units[first.start as usize..first.end as usize]).unwrap();
    assert_eq!(marked, "Ada Lovelace");
    assert_eq!(
        lib.mentions("org-a")
            .unwrap()
            .iter()
            .find(|m| m.article == "on-lovelace")
            .map(|m| m.count),
        Some(1)
    );

    // A new alias links the articles that were already imported.
    let person = std::fs::read_to_string(ws.content().join("people/ada-lovelace.md")).unwrap();
    ws.write(
        "people/ada-lovelace.md",
        &person.replace(
            "aliases = [\"Ada King\"]",
            "aliases = [\"Ada King\", \"Lovelace\"]",
        ),
    );
    ws.write(
        "articles/on-lovelace.md",
        &ARTICLE.replace("Ada Lovelace wrote", "Lovelace wrote"),
    );
    lib.import().unwrap();
    let on = lib.mentions("ada-lovelace").unwrap();
    let on = on.iter().find(|m| m.article == "on-lovelace").unwrap();
    assert_eq!(on.count, 2);
    assert!(on.snippets[0].text.starts_with("Lovelace wrote"));

    // The article view gets the same mentions as UTF-16 ranges of its text.
    let article = lib.get_article("on-lovelace").unwrap();
    let units: Vec<u16> = article.text.encode_utf16().collect();
    let named: Vec<String> = article
        .mentions
        .iter()
        .map(|m| String::from_utf16(&units[m.start as usize..m.end as usize]).unwrap())
        .collect();
    assert_eq!(named, ["Lovelace", "ADA KING", "Organization A"]);
    assert_eq!(article.mentions[0].name, "Ada Lovelace");

    // A removed article takes its mentions with it.
    std::fs::remove_file(ws.content().join("articles/on-lovelace.md")).unwrap();
    lib.import().unwrap();
    assert!(lib
        .mentions("ada-lovelace")
        .unwrap()
        .iter()
        .all(|m| m.article != "on-lovelace"));
}

#[test]
fn a_safe_alias_that_is_not_an_alias_is_a_located_problem() {
    let ws = Workspace::new("library");
    ws.write(
        "people/lo.md",
        "+++\nname = \"Ameth Lo\"\naliases = [\"Lô\"]\nsafe_aliases = [\"Lo\"]\n+++\nA writer.\n",
    );
    let lib = ws.open();
    lib.import().unwrap();
    let problems = lib.list_problems().unwrap();
    let p = problems
        .iter()
        .find(|p| p.path == "people/lo.md")
        .expect("a problem");
    assert_eq!((p.line, p.field.as_str()), (4, "safe_aliases[0]"));
}

#[test]
fn person_and_organization_pages_gather_roles_events_books_and_mentions() {
    let (_d, lib) = starter();
    let p = lib.get_person("willi-munzenberg").unwrap();
    assert!(p.mentions.articles >= 2 && p.mentions.count >= p.mentions.articles);
    assert_eq!(p.name, "Willi Münzenberg");
    let orgs: Vec<&str> = p.roles.iter().map(|b| b.organization.id.as_str()).collect();
    assert!(orgs.contains(&"international-workers-aid"), "{orgs:?}");
    let starts: Vec<i32> = p.roles.iter().filter_map(|b| b.days.start).collect();
    assert!(starts.windows(2).all(|w| w[0] <= w[1]), "roles in order");
    assert!(p
        .mentions
        .list
        .iter()
        .any(|m| m.article == "international-workers-aid" && m.count >= 2));
    assert!(p.timeline.lanes.iter().any(|l| l.id == "willi-munzenberg"));

    let o = lib.get_organization("international-red-aid").unwrap();
    assert_eq!(o.parent.as_ref().map(|p| p.id.as_str()), Some("comintern"));
    assert!(o
        .children
        .iter()
        .any(|c| c.id == "international-labor-defense"));
    let presidents: Vec<&str> = o.succession[0]
        .holders
        .iter()
        .map(|h| h.bar.person.id.as_str())
        .collect();
    assert_eq!(
        presidents,
        ["julian-marchlewski", "clara-zetkin", "elena-stasova"]
    );
    assert!(o.succession[0]
        .holders
        .iter()
        .all(|h| h.gap_before.is_none()));
    assert!(!o.mentions.list.is_empty());
    assert_eq!(o.mentions.articles as usize, o.mentions.list.len());
    let sum: u32 = o.mentions.list.iter().map(|m| m.count).sum();
    assert_eq!(o.mentions.count, sum);
}

#[test]
fn a_gap_in_a_succession_is_shown_as_a_gap() {
    let ws = Workspace::new("library");
    let org = std::fs::read_to_string(ws.content().join("organizations/org-a.md")).unwrap();
    let later = "[[leaders]]\nperson = \"bob-marley\"\nrole = \"President\"\nfrom = \"1928\"\nsource = \"alpha\"\ncite = \"voted\"\n[[events]]";
    ws.write(
        "organizations/org-a.md",
        &org.replacen("[[events]]", later, 1),
    );
    let lib = ws.open();
    lib.import().unwrap();
    let o = lib.get_organization("org-a").unwrap();
    assert_eq!(o.succession.len(), 1, "roles group whatever their case");
    let gap = o.succession[0].holders[1]
        .gap_before
        .as_ref()
        .expect("a gap");
    assert_eq!((gap.from.as_str(), gap.to.as_str()), ("1925", "1928"));
}

#[test]
fn a_library_imported_before_mentions_existed_is_linked_at_the_next_start() {
    let ws = Workspace::new("library");
    ws.write("articles/on-lovelace.md", ARTICLE);
    ws.open().import().unwrap();
    // As a library.sqlite from before migration 006 would be once migrated: no mentions, no
    // linker stamp, and no content changed since.
    let conn = rusqlite::Connection::open(ws.data().join(lectern_core::LIBRARY_FILE)).unwrap();
    conn.execute_batch("DELETE FROM mentions; DELETE FROM meta WHERE key = 'linker';")
        .unwrap();
    drop(conn);
    let lib = ws.open();
    let report = lib.import().unwrap();
    assert_eq!(report.added + report.updated, 0, "nothing was read again");
    let ada = lib.mentions("ada-lovelace").unwrap();
    assert_eq!(
        ada.iter()
            .find(|m| m.article == "on-lovelace")
            .map(|m| m.count),
        Some(2)
    );
}
