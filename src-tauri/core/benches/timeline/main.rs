//! Building the whole Timeline of a large generated library: 500 organizations (families of
//! ten), 5,000 tenures, 20,000 events, 10,000 people.
//! Run: `cargo bench -p lectern-core --bench timeline`

use criterion::{criterion_group, criterion_main, Criterion};
use lectern_core::timeline::{Histories, TimelineQuery};
use lectern_core::Library;
#[path = "library.rs"]
mod generated;

fn library(dir: &std::path::Path) -> Library {
    let content = dir.join("content");
    generated::write(&content);
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
