//! Search at scale: generates deterministic libraries of 1,000, 10,000 and 100,000 articles
//! of about 5,000 words, imports each end to end, and measures query latency (snippets of
//! the first 20 results included) against a bare SQLite FTS5 table over the same text, import
//! throughput, sizes on disk, re-indexing one changed article, and peak memory.
//!
//! Run: `cargo bench -p lectern-core --bench search` (all three sizes, about N minutes), or
//! `cargo bench -p lectern-core --bench search -- --sizes 1000,10000`.
//! Options: `--dir PATH` (where corpora and libraries go; default
//! `$CARGO_TARGET_DIR/search-bench`), `--repeat N` (timed runs of every query, default 8),
//! `--queries-only` (only Lectern's queries, on libraries an earlier run left; for profiling).
//! Corpora are kept in `--dir` and reused; results are printed and written to
//! `<dir>/results.json`.

mod baseline;
mod corpus;
mod measure;
mod queries;

use lectern_core::search::SearchOptions;
use lectern_core::Library;
use measure::{latency, mib, peak_mib, reset_peak, size_of, Latency};
use queries::{BenchQuery, Class};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

#[derive(Debug, serde::Serialize)]
struct ClassResult {
    class: &'static str,
    example: String,
    lectern: Latency,
    fts5: Latency,
    /// Lectern's p99 over FTS5's.
    p99_ratio: f64,
}

#[derive(Debug, serde::Serialize)]
struct SizeResult {
    articles: usize,
    markdown_mib: f64,
    import_seconds: f64,
    import_mib_per_s: f64,
    import_peak_mib: f64,
    library_sqlite_mib: f64,
    index_mib: f64,
    text_mib: f64,
    index_over_text: f64,
    reindex_one_ms: f64,
    reindex_one_search_index_ms: f64,
    /// The words near spellings are looked for among (gathered at the end of an import that
    /// changed something, so part of its time, and kept in the library file).
    vocabulary_words: usize,
    /// A fresh process that opens the library and runs every query once: its peak resident
    /// set (which counts the index pages it maps) and its anonymous memory at the end.
    search_process_peak_mib: f64,
    search_process_anon_mib: f64,
    fts5_build_seconds: f64,
    fts5_mib: f64,
    classes: Vec<ClassResult>,
}

struct Args {
    sizes: Vec<usize>,
    dir: PathBuf,
    repeat: usize,
    /// Only run the queries against libraries imported by an earlier run (for profiling).
    queries_only: bool,
}

fn args() -> Args {
    let mut args = Args {
        sizes: vec![1_000, 10_000, 100_000],
        dir: std::env::var_os("CARGO_TARGET_DIR")
            .map(PathBuf::from)
            .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../target"))
            .join("search-bench"),
        repeat: 8,
        queries_only: false,
    };
    let mut it = std::env::args().skip(1);
    while let Some(a) = it.next() {
        match a.as_str() {
            "--sizes" => {
                args.sizes = it
                    .next()
                    .expect("--sizes needs a value")
                    .split(',')
                    .map(|s| s.trim().parse().expect("--sizes: numbers"))
                    .collect()
            }
            "--queries-only" => args.queries_only = true,
            "--dir" => args.dir = it.next().expect("--dir needs a value").into(),
            "--repeat" => args.repeat = it.next().expect("--repeat needs a value").parse().unwrap(),
            _ => {} // cargo bench passes --bench
        }
    }
    args
}

fn main() {
    let args = args();
    let content = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../../content"));
    let vocab = corpus::Vocabulary::from_library(content);
    let classes: Vec<(Class, Vec<BenchQuery>)> = Class::ALL
        .iter()
        .map(|c| (*c, queries::class(&vocab, *c)))
        .collect();
    std::fs::create_dir_all(&args.dir).unwrap();
    let mut results = Vec::new();
    for &n in &args.sizes {
        let corpus_dir = args.dir.join(format!("corpus-{n}"));
        let marker = corpus_dir.join(format!("complete-{:x}-v{}", corpus::SEED, corpus::VERSION));
        if !marker.exists() {
            let _ = std::fs::remove_dir_all(&corpus_dir);
            let started = Instant::now();
            corpus::write(&corpus_dir, content, &vocab, n);
            std::fs::write(&marker, "").unwrap();
            eprintln!("generated {n} articles in {:.1?}", started.elapsed());
        }
        if args.queries_only {
            let data = args.dir.join(format!("data-{n}"));
            Library::open(&data, &corpus_dir).unwrap().import().unwrap();
            // As after a restart: the vocabulary the last import kept, read back.
            let lib = Library::open(&data, &corpus_dir).unwrap();
            let started = Instant::now();
            let words = lib.search_vocabulary().unwrap();
            println!(
                "{n} near-spelling vocabulary: {words} words, read back in {:.0?}",
                started.elapsed()
            );
            for (class, qs) in &classes {
                let (l, example) = time_queries(args.repeat, qs, |q| run_ours(&lib, q));
                println!(
                    "{n} {}: p50 {:.2} ms, p99 {:.2} ms; {example}",
                    class.name(),
                    l.p50_ms,
                    l.p99_ms
                );
            }
            println!("{PEAK_LINE} {:.1} {:.1}", peak_mib(), measure::anon_mib());
            continue;
        }
        let result = measure_size(&args, n, &corpus_dir, &classes);
        print_size(&result);
        results.push(result);
        std::fs::write(
            args.dir.join("results.json"),
            serde_json::to_string_pretty(&results).unwrap(),
        )
        .unwrap();
    }
}

fn measure_size(
    args: &Args,
    n: usize,
    corpus_dir: &Path,
    classes: &[(Class, Vec<BenchQuery>)],
) -> SizeResult {
    let data = args.dir.join(format!("data-{n}"));
    let _ = std::fs::remove_dir_all(&data);
    std::fs::create_dir_all(&data).unwrap();
    let markdown = ["articles", "people", "organizations", "series", "books"]
        .iter()
        .map(|k| size_of(&corpus_dir.join(k)))
        .sum::<u64>();

    reset_peak();
    let started = Instant::now();
    let lib = Library::open(&data, corpus_dir).unwrap();
    let report = lib.import().unwrap();
    let import = started.elapsed();
    let import_peak = peak_mib();
    assert!(report.added as usize > n, "every article imported");
    assert_eq!(report.problems, 0, "the generated corpus has no problems");
    eprintln!(
        "imported {n} articles in {import:.1?} (library.sqlite {} ms, the rest search index)",
        report.millis
    );

    let library_file = data.join(lectern_core::LIBRARY_FILE);
    let text_bytes: i64 = rusqlite::Connection::open(&library_file)
        .unwrap()
        .query_row(
            "SELECT sum(length(CAST(text AS BLOB))) FROM entries WHERE kind = 'article'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    let index_bytes = size_of(&data.join(lectern_core::SEARCH_DIR));

    let (reindex, reindex_index) = reindex_one(&lib, corpus_dir);
    let vocabulary_words = lib.search_vocabulary().unwrap();

    let ours: Vec<(Latency, String)> = classes
        .iter()
        .map(|(_, qs)| time_queries(args.repeat, qs, |q| run_ours(&lib, q)))
        .collect();
    drop(lib);
    let (search_peak, search_anon) = search_process_memory(args, n);

    let started = Instant::now();
    let fts = baseline::Fts5::build(&data.join("fts5.sqlite"), &library_file);
    let fts5_build = started.elapsed();
    let fts5_bytes = size_of(&data.join("fts5.sqlite"));
    let theirs: Vec<(Latency, String)> = classes
        .iter()
        .map(|(_, qs)| time_queries(args.repeat, qs, |q| fts.run(q)))
        .collect();

    SizeResult {
        articles: n,
        markdown_mib: mib(markdown),
        import_seconds: import.as_secs_f64(),
        import_mib_per_s: mib(markdown) / import.as_secs_f64(),
        import_peak_mib: import_peak,
        library_sqlite_mib: mib(size_of(&library_file)),
        index_mib: mib(index_bytes),
        text_mib: mib(text_bytes as u64),
        index_over_text: index_bytes as f64 / text_bytes as f64,
        reindex_one_ms: reindex.as_secs_f64() * 1000.0,
        reindex_one_search_index_ms: reindex_index.as_secs_f64() * 1000.0,
        vocabulary_words,
        search_process_peak_mib: search_peak,
        search_process_anon_mib: search_anon,
        fts5_build_seconds: fts5_build.as_secs_f64(),
        fts5_mib: mib(fts5_bytes),
        classes: classes
            .iter()
            .zip(ours)
            .zip(theirs)
            .map(
                |(((class, _), (lectern, example)), (fts5, _))| ClassResult {
                    class: class.name(),
                    example,
                    p99_ratio: lectern.p99_ms / fts5.p99_ms,
                    lectern,
                    fts5,
                },
            )
            .collect(),
    }
}

/// How a `--queries-only` run reports its memory: peak resident and anonymous MiB.
const PEAK_LINE: &str = "search process peak/anonymous MiB:";

/// Runs every query once in a fresh process (this benchmark with `--queries-only`) that opens
/// the library as the app does, and returns its peak resident and anonymous memory in MiB.
fn search_process_memory(args: &Args, n: usize) -> (f64, f64) {
    let out = std::process::Command::new(std::env::current_exe().unwrap())
        .args([
            "--queries-only",
            "--repeat",
            "1",
            "--sizes",
            &n.to_string(),
            "--dir",
        ])
        .arg(&args.dir)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    let line = stdout
        .lines()
        .find_map(|l| l.strip_prefix(PEAK_LINE))
        .unwrap_or_else(|| panic!("no memory line from the search process: {stdout}"));
    let mut numbers = line.split_whitespace().map(|v| v.parse::<f64>().unwrap());
    (numbers.next().unwrap(), numbers.next().unwrap())
}

fn run_ours(lib: &Library, q: &BenchQuery) -> (Duration, usize) {
    let options = SearchOptions {
        kinds: Vec::new(),
        limit: 20,
        as_typed: q.as_typed,
        exact: false,
    };
    let started = Instant::now();
    let results = lib.search(&q.ours, &options).unwrap();
    (started.elapsed(), results.hits.len())
}

/// One untimed pass over every query, then `repeat` timed passes. Returns the latencies and
/// an example query with its hit count.
fn time_queries(
    repeat: usize,
    queries: &[BenchQuery],
    mut run: impl FnMut(&BenchQuery) -> (Duration, usize),
) -> (Latency, String) {
    let hits: Vec<usize> = queries.iter().map(|q| run(q).1).collect();
    let mut samples = Vec::with_capacity(repeat * queries.len());
    let mut slowest = (Duration::ZERO, 0);
    for _ in 0..repeat {
        for (i, q) in queries.iter().enumerate() {
            let took = run(q).0;
            slowest = slowest.max((took, i));
            samples.push(took);
        }
    }
    let example = format!(
        "{} ({} of {} queries found hits; slowest `{}`)",
        queries[0].ours,
        hits.iter().filter(|h| **h > 0).count(),
        queries.len(),
        queries[slowest.1].ours,
    );
    (latency(samples), example)
}

/// Changes one article, imports, and puts it back. Returns the time of the import that
/// picked the change up, and of the part of it spent on the search index.
fn reindex_one(lib: &Library, corpus_dir: &Path) -> (Duration, Duration) {
    let file = corpus_dir.join("articles/generated-000000.md");
    let original = std::fs::read(&file).unwrap();
    let mut changed = original.clone();
    changed.extend_from_slice(b"\nA corrected closing sentence about the Comintern.\n");
    std::fs::write(&file, &changed).unwrap();
    let started = Instant::now();
    let report = lib.import().unwrap();
    let total = started.elapsed();
    std::fs::write(&file, &original).unwrap();
    assert_eq!(report.updated, 1, "the changed article was re-imported");
    lib.import().unwrap();
    let database = Duration::from_millis(report.millis as u64);
    (total, total.saturating_sub(database))
}

fn print_size(r: &SizeResult) {
    println!("\n## {} articles", r.articles);
    println!(
        "import: {:.0} MiB of Markdown in {:.1} s = {:.1} MiB/s (peak RSS {:.0} MiB)",
        r.markdown_mib, r.import_seconds, r.import_mib_per_s, r.import_peak_mib
    );
    println!(
        "sizes: library.sqlite {:.0} MiB, search index {:.0} MiB over {:.0} MiB of plain text = {:.2}; FTS5 table {:.0} MiB (built in {:.1} s)",
        r.library_sqlite_mib, r.index_mib, r.text_mib, r.index_over_text, r.fts5_mib, r.fts5_build_seconds
    );
    println!(
        "re-index one changed article: {:.0} ms end to end, of which search index {:.0} ms",
        r.reindex_one_ms, r.reindex_one_search_index_ms
    );
    println!(
        "near-spelling vocabulary: {} words (gathered at the end of a changing import, kept)",
        r.vocabulary_words
    );
    println!(
        "search process: peak RSS {:.0} MiB (index pages it maps included), anonymous {:.0} MiB",
        r.search_process_peak_mib, r.search_process_anon_mib
    );
    println!(
        "| query class | example | Lectern p50 | Lectern p99 | FTS5 p50 | FTS5 p99 | p99 ratio |"
    );
    println!("|---|---|---:|---:|---:|---:|---:|");
    for c in &r.classes {
        println!(
            "| {} | {} | {:.2} ms | {:.2} ms | {:.2} ms | {:.2} ms | {:.2} |",
            c.class,
            c.example,
            c.lectern.p50_ms,
            c.lectern.p99_ms,
            c.fts5.p50_ms,
            c.fts5.p99_ms,
            c.p99_ratio
        );
    }
}
