//! Mention linking throughput: the starter library's article texts (repeated to about 4 MB)
//! searched for every name of the starter library's people and organizations, and for those
//! plus 10,000 generated people (each with a surname alias).
//! Run: `cargo bench -p lectern-core --bench mentions`

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use lectern_core::mentions::{self, linker::Linker, linker::Names};
use lectern_core::model::Kind;
use lectern_core::Library;
use std::path::Path;

const SYLLABLES: [&str; 16] = [
    "ka", "ro", "mi", "len", "sto", "var", "del", "in", "or", "bes", "tu", "nak", "el", "grim",
    "sa", "vo",
];

fn invented(mut n: usize, parts: usize) -> String {
    let mut s = String::new();
    for _ in 0..parts {
        s.push_str(SYLLABLES[n % SYLLABLES.len()]);
        n /= SYLLABLES.len();
    }
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

fn linking(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let content = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../../content"));
    Library::open(dir.path(), content)
        .unwrap()
        .import()
        .unwrap();
    let conn = rusqlite::Connection::open(dir.path().join(lectern_core::LIBRARY_FILE)).unwrap();
    let texts: Vec<String> = conn
        .prepare("SELECT text FROM entries WHERE kind = 'article'")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    let one: usize = texts.iter().map(String::len).sum();
    let texts: Vec<&String> = texts
        .iter()
        .cycle()
        .take(texts.len() * (4_000_000 / one).max(1))
        .collect();
    let bytes: usize = texts.iter().map(|t| t.len()).sum();
    let starter = mentions::load_names(&conn).unwrap();
    let mut many = starter.clone();
    for p in 0..10_000 {
        let surname = invented(p * 7 + 3, 4);
        many.push(Names {
            kind: Kind::Person,
            id: format!("generated-{p}"),
            name: format!("{} {surname}", invented(p, 2)),
            aliases: vec![surname],
            safe_aliases: Vec::new(),
        });
    }
    let mut group = c.benchmark_group("mentions");
    group.throughput(Throughput::Bytes(bytes as u64));
    group.sample_size(10);
    for (label, names) in [
        ("starter names", &starter),
        ("starter names + 10,000 people", &many),
    ] {
        let linker = Linker::new(names);
        eprintln!(
            "{label}: the compiled names take {:.1} MiB",
            linker.heap_bytes() as f64 / 1048576.0
        );
        let found: usize = texts.iter().map(|t| linker.find(t).len()).sum();
        assert!(found > 0);
        group.bench_function(format!("{label}, one core"), |b| {
            b.iter(|| texts.iter().map(|t| linker.find(t).len()).sum::<usize>())
        });
    }
    group.finish();
    let mut group = c.benchmark_group("linker");
    group.sample_size(10);
    group.bench_function("building it, starter names + 10,000 people", |b| {
        b.iter(|| Linker::new(&many).fingerprint().len())
    });
    group.finish();
}

criterion_group!(benches, linking);
criterion_main!(benches);
