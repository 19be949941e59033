//! Import of the bundled content: from scratch into a new library.sqlite, and again with
//! nothing changed (what every start after the first does).
//! Run: `cargo bench -p lectern-core --bench import`

use criterion::{criterion_group, criterion_main, Criterion};
use lectern_core::Library;
use std::path::Path;

fn content() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../../content"))
}

fn import(c: &mut Criterion) {
    let mut group = c.benchmark_group("import");
    group.sample_size(20);
    group.bench_function("from scratch", |b| {
        b.iter_with_setup(
            || tempfile::tempdir().unwrap(),
            |dir| {
                let lib = Library::open(dir.path(), content()).unwrap();
                assert!(lib.import().unwrap().added > 0);
                dir
            },
        )
    });
    let dir = tempfile::tempdir().unwrap();
    Library::open(dir.path(), content())
        .unwrap()
        .import()
        .unwrap();
    group.bench_function("re-open, nothing changed", |b| {
        b.iter(|| {
            let lib = Library::open(dir.path(), content()).unwrap();
            assert!(!lib.import().unwrap().changed());
            lib.list_articles().unwrap().len()
        })
    });
    group.finish();
}

criterion_group!(benches, import);
criterion_main!(benches);
