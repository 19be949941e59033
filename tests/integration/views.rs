use crate::harness::imported;

#[test]
fn the_index_is_newest_first_with_partial_dates_and_order_breaking_ties() {
    let lib = imported("library");
    let order: Vec<(String, String)> = lib
        .list_articles()
        .unwrap()
        .into_iter()
        .map(|a| (a.date, a.slug))
        .collect();
    let expected = [
        ("1922-12-05", "alpha"),
        ("1922-12", "delta"),
        ("1922-12", "gamma"),
        ("1922", "beta"),
    ];
    let expected: Vec<(String, String)> = expected
        .iter()
        .map(|(d, s)| (d.to_string(), s.to_string()))
        .collect();
    assert_eq!(order, expected);
}

#[test]
fn summaries_carry_authors_series_badges_and_teasers() {
    let lib = imported("library");
    let articles = lib.list_articles().unwrap();
    let alpha = articles.iter().find(|a| a.slug == "alpha").unwrap();
    let names: Vec<&str> = alpha.authors.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(names, ["Ada Lovelace", "Bob Márley"]);
    let badge = alpha.series.as_ref().unwrap();
    assert_eq!((badge.part, badge.total), (1, 3));
    let beta = articles.iter().find(|a| a.slug == "beta").unwrap();
    assert!(
        beta.summary.starts_with("This closing part has no summary"),
        "{}",
        beta.summary
    );
}

#[test]
fn series_navigation_lists_announced_parts_and_skips_them_for_next() {
    let lib = imported("library");
    let nav = lib.get_article("alpha").unwrap().series.unwrap();
    let parts: Vec<(u32, Option<&str>)> = nav
        .parts
        .iter()
        .map(|p| (p.part, p.slug.as_deref()))
        .collect();
    assert_eq!(parts, [(1, Some("alpha")), (2, None), (3, Some("beta"))]);
    assert!(nav.previous.is_none());
    assert_eq!(nav.next.unwrap().slug.as_deref(), Some("beta"));
    let back = lib.get_article("beta").unwrap().series.unwrap();
    assert_eq!(back.previous.unwrap().slug.as_deref(), Some("alpha"));
    assert!(back.next.is_none());
}

#[test]
fn an_unknown_slug_is_a_not_found_error() {
    let err = imported("library")
        .get_article("no-such-thing")
        .unwrap_err();
    assert_eq!(err.kind, lectern_core::ErrorKind::NotFound);
    let json = serde_json::to_value(&err).unwrap();
    assert_eq!(json["kind"], "not_found");
    assert!(json["message"].as_str().unwrap().contains("no-such-thing"));
}

#[test]
fn other_kinds_list_with_names_and_dates() {
    let lib = imported("library");
    let people = lib.list_people().unwrap();
    let ada = people.iter().find(|p| p.id == "ada-lovelace").unwrap();
    assert_eq!(
        (ada.born.as_deref(), ada.died.as_deref()),
        (Some("1815-12-10"), Some("1852"))
    );
    let orgs = lib.list_organizations().unwrap();
    let a = orgs.iter().find(|o| o.id == "org-a").unwrap();
    assert_eq!(a.parent.as_deref(), Some("org-b"));
    let books = lib.list_books(lectern_core::books::today()).unwrap().books;
    assert_eq!(books[0].editors[0].name, "Ada Lovelace");
}
