//! The Library as an archive: pages of articles narrowed by year, month, series, tag, author
//! and source, and the counts to browse by.

use crate::harness::Workspace;
use lectern_core::views::ArchiveQuery;

fn slugs(page: &lectern_core::views::ArticlePage) -> Vec<&str> {
    page.articles.iter().map(|a| a.slug.as_str()).collect()
}

#[test]
fn pages_narrowed_by_each_choice_and_combined() {
    let ws = Workspace::new("library");
    let lib = ws.open();
    lib.import().unwrap();
    let all = lib
        .article_page(&ArchiveQuery {
            limit: 10,
            ..Default::default()
        })
        .unwrap();
    let listed: Vec<String> = lib
        .list_articles()
        .unwrap()
        .into_iter()
        .map(|a| a.slug)
        .collect();
    assert_eq!(
        slugs(&all),
        listed.iter().map(String::as_str).collect::<Vec<_>>(),
        "the same order as the whole list"
    );
    assert_eq!(all.total, 4);

    let second = lib
        .article_page(&ArchiveQuery {
            offset: 1,
            limit: 2,
            ..Default::default()
        })
        .unwrap();
    assert_eq!(slugs(&second), &slugs(&all)[1..3]);
    assert_eq!((second.total, second.offset), (4, 1));

    let december = lib
        .article_page(&ArchiveQuery {
            year: Some(1922),
            month: Some(12),
            limit: 10,
            ..Default::default()
        })
        .unwrap();
    assert_eq!(
        december.total,
        3,
        "beta is dated only to the year: {:?}",
        slugs(&december)
    );
    let series = lib
        .article_page(&ArchiveQuery {
            series: Some("test-series".into()),
            limit: 10,
            ..Default::default()
        })
        .unwrap();
    assert_eq!(slugs(&series), vec!["alpha", "beta"]);
    let tagged = lib
        .article_page(&ArchiveQuery {
            tag: Some("testing".into()),
            limit: 10,
            ..Default::default()
        })
        .unwrap();
    assert_eq!(slugs(&tagged), vec!["alpha"]);
    let both = lib
        .article_page(&ArchiveQuery {
            author: Some("bob-marley".into()),
            year: Some(1922),
            month: Some(12),
            limit: 10,
            ..Default::default()
        })
        .unwrap();
    assert_eq!(both.total, 3);
    let by_ada_in_december = lib
        .article_page(&ArchiveQuery {
            author: Some("ada-lovelace".into()),
            month: Some(12),
            year: Some(1922),
            limit: 10,
            ..Default::default()
        })
        .unwrap();
    assert_eq!(slugs(&by_ada_in_december), vec!["alpha"]);
    let starter = lib
        .article_page(&ArchiveQuery {
            source: Some("starter".into()),
            limit: 10,
            ..Default::default()
        })
        .unwrap();
    assert_eq!(starter.total, 4);
    let blog = lib
        .article_page(&ArchiveQuery {
            source: Some("no-such_blog%".into()),
            limit: 10,
            ..Default::default()
        })
        .unwrap();
    assert_eq!(
        blog.total, 0,
        "a blog's name is matched as written, wildcards and all"
    );
}

#[test]
fn the_archive_counts_years_months_series_tags_authors_and_sources() {
    let ws = Workspace::new("library");
    let lib = ws.open();
    lib.import().unwrap();
    let archive = lib.archive().unwrap();
    assert_eq!(archive.total, 4);
    assert_eq!(archive.years.len(), 1);
    let year = &archive.years[0];
    assert_eq!((year.year, year.count), (1922, 4));
    let months: Vec<(u8, u32)> = year.months.iter().map(|m| (m.month, m.count)).collect();
    assert_eq!(
        months,
        vec![(12, 3), (0, 1)],
        "December, then the article dated only to the year"
    );
    assert_eq!(archive.series.len(), 1);
    assert_eq!(archive.series[0].count, 2);
    assert_ne!(
        archive.series[0].name, archive.series[0].id,
        "the series' title, not its id"
    );
    assert_eq!(
        archive
            .tags
            .iter()
            .find(|t| t.id == "testing")
            .map(|t| t.count),
        Some(1)
    );
    let bob = archive
        .authors
        .iter()
        .find(|a| a.id == "bob-marley")
        .expect("an author");
    assert_eq!((bob.name.as_str(), bob.count), ("Bob Márley", 3));
    assert_eq!(archive.sources.len(), 1);
    assert_eq!(
        (archive.sources[0].id.as_str(), archive.sources[0].count),
        ("starter", 4)
    );
}

#[test]
fn summaries_of_chosen_articles_in_the_order_asked() {
    let ws = Workspace::new("library");
    let lib = ws.open();
    lib.import().unwrap();
    let asked = vec![
        "gamma".to_string(),
        "nowhere".to_string(),
        "alpha".to_string(),
    ];
    let got: Vec<String> = lib
        .articles_by_slug(&asked)
        .unwrap()
        .into_iter()
        .map(|a| a.slug)
        .collect();
    assert_eq!(got, vec!["gamma", "alpha"]);
}
