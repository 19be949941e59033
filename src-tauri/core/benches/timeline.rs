//! Building the whole Timeline of a large generated library: 500 organizations (families of
//! ten), 5,000 tenures, 20,000 events, 10,000 people.
//! Run: `cargo bench -p lectern-core --bench timeline`

use criterion::{criterion_group, criterion_main, Criterion};
use lectern_core::timeline::{Histories, TimelineQuery};
use lectern_core::Library;
use std::fmt::Write as _;

fn library(dir: &std::path::Path) -> Library {
    let content = dir.join("content");
    for kind in ["articles", "people", "organizations"] {
        std::fs::create_dir_all(content.join(kind)).unwrap();
    }
    std::fs::write(
        content.join("articles/source.md"),
        "+++\ntitle = \"Source\"\nauthors = []\ndate = \"1950\"\n+++\nThe words that state it.\n",
    )
    .unwrap();
    for p in 0..10_000 {
        let born = 1850 + p % 60;
        std::fs::write(
            content.join(format!("people/p{p}.md")),
            format!("+++\nname = \"Person {p}\"\nborn = \"{born}\"\n+++\n"),
        )
        .unwrap();
    }
    for o in 0..500 {
        let founded = 1880 + (o * 7) % 60;
        let mut text = format!(
            "+++\nname = \"Organization {o}\"\nfounded = \"{founded}\"\ndissolved = \"{}\"\n",
            founded + 20 + o % 30
        );
        if o % 10 != 0 {
            let _ = writeln!(text, "parent = \"o{}\"", o - o % 10);
        }
        for t in 0..10 {
            let from = founded + t * 2;
            let _ = write!(
                text,
                "\n[[leaders]]\nperson = \"p{}\"\nrole = \"president\"\nfrom = \"{from}\"\nto = \"{}-{:02}\"\nsource = \"source\"\ncite = \"state it\"\n",
                (o * 10 + t) % 10_000,
                from + 2 + t % 3,
                1 + t % 12
            );
        }
        for e in 0..40 {
            let _ = write!(
                text,
                "\n[[events]]\ndate = \"{}-{:02}-{:02}\"\nlabel = \"Event {e}\"\nkind = \"congress\"\nsource = \"source\"\ncite = \"words\"\n",
                founded + e / 2,
                1 + e % 12,
                1 + e % 28
            );
        }
        text.push_str("+++\n");
        std::fs::write(content.join(format!("organizations/o{o}.md")), text).unwrap();
    }
    let lib = Library::open(&dir.join("data"), &content).unwrap();
    let report = lib.import().unwrap();
    assert_eq!(
        report.problems,
        0,
        "{:?}",
        lib.list_problems().unwrap().first()
    );
    lib
}

fn timeline(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let lib = library(dir.path());
    let all = TimelineQuery::default();
    let t = lib.timeline(&all).unwrap();
    assert_eq!(t.lanes.len(), 500);
    assert_eq!(t.lanes.iter().map(|l| l.bars.len()).sum::<usize>(), 5_000);
    assert_eq!(t.lanes.iter().map(|l| l.marks.len()).sum::<usize>(), 20_000);
    let mut group = c.benchmark_group("timeline");
    group.sample_size(20);
    group.bench_function("everything (500 orgs, 5,000 tenures, 20,000 events)", |b| {
        b.iter(|| lib.timeline(&all).unwrap().lanes.len())
    });
    let period = TimelineQuery {
        from: Some(1920),
        to: Some(1925),
        ..Default::default()
    };
    group.bench_function("a period, 1920–1925", |b| {
        b.iter(|| lib.timeline(&period).unwrap().lanes.len())
    });
    // The first Timeline after an import reads the histories from library.sqlite.
    let conn = rusqlite::Connection::open(dir.path().join("data").join(lectern_core::LIBRARY_FILE))
        .unwrap();
    group.bench_function(
        "reading the histories (first Timeline after an import)",
        |b| b.iter(|| Histories::load(&conn).unwrap()),
    );
    group.finish();
}

criterion_group!(benches, timeline);
criterion_main!(benches);
