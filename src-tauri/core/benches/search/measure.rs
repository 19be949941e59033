//! Percentiles, peak memory and sizes on disk.

use std::path::Path;
use std::time::Duration;

#[derive(Debug, Clone, Copy, serde::Serialize)]
pub struct Latency {
    pub p50_ms: f64,
    pub p99_ms: f64,
    pub samples: usize,
}

pub fn latency(mut samples: Vec<Duration>) -> Latency {
    samples.sort();
    let at = |q: f64| {
        let i = ((samples.len() as f64 * q).ceil() as usize).clamp(1, samples.len()) - 1;
        samples[i].as_secs_f64() * 1000.0
    };
    Latency {
        p50_ms: at(0.50),
        p99_ms: at(0.99),
        samples: samples.len(),
    }
}

/// Resets the process's peak resident set size (Linux: `/proc/self/clear_refs`).
pub fn reset_peak() {
    let _ = std::fs::write("/proc/self/clear_refs", "5");
}

/// The process's peak resident set size since the last reset, in MiB (VmHWM).
pub fn peak_mib() -> f64 {
    status_kib("VmHWM") as f64 / 1024.0
}

/// The process's anonymous resident memory now, in MiB (RssAnon: heap and stacks, not mapped
/// files).
pub fn anon_mib() -> f64 {
    status_kib("RssAnon") as f64 / 1024.0
}

fn status_kib(field: &str) -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .unwrap_or_default()
        .lines()
        .find_map(|l| l.strip_prefix(field)?.strip_prefix(':'))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or(0)
}

/// Bytes of every file under `path`.
pub fn size_of(path: &Path) -> u64 {
    if path.is_file() {
        return path.metadata().map(|m| m.len()).unwrap_or(0);
    }
    std::fs::read_dir(path)
        .map(|rd| rd.filter_map(|e| e.ok()).map(|e| size_of(&e.path())).sum())
        .unwrap_or(0)
}

pub fn mib(bytes: u64) -> f64 {
    bytes as f64 / (1024.0 * 1024.0)
}
