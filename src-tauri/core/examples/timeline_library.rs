//! Writes the Timeline benchmarks' generated library (500 organizations, 5,000 tenures,
//! 20,000 events, 10,000 people) to a content folder, for the webview benchmark
//! (`tests/bench/timeline-webview.mjs`).
//! Run: `cargo run --release -p lectern-core --example timeline-library -- DIR`

#[path = "../benches/timeline/library.rs"]
mod generated;

fn main() {
    let Some(dir) = std::env::args_os().nth(1) else {
        eprintln!("usage: timeline-library DIR");
        std::process::exit(2);
    };
    generated::write(std::path::Path::new(&dir));
}
