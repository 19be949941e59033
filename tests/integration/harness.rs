//! A small fixture harness: copy a fixture folder somewhere writable, open a library on it.

use lectern_core::Library;
use std::path::{Path, PathBuf};

/// The crate's folder, as cargo names it when the test runs: a test binary built in another
/// checkout that shares the build cache must not look in that checkout.
pub fn manifest_dir() -> std::path::PathBuf {
    std::env::var_os("CARGO_MANIFEST_DIR")
        .map(Into::into)
        .unwrap_or_else(|| env!("CARGO_MANIFEST_DIR").into())
}

pub fn fixture(name: &str) -> PathBuf {
    manifest_dir().join("../../tests/fixtures").join(name)
}

/// The bundled starter library, imported into a fresh data folder (removed with the TempDir).
pub fn starter() -> (tempfile::TempDir, Library) {
    let dir = tempfile::tempdir().unwrap();
    let content = manifest_dir().join("../../content");
    let lib = Library::open(dir.path(), &content).unwrap();
    lib.import().unwrap();
    (dir, lib)
}

/// A writable copy of a fixture folder and a data folder, both removed on drop.
pub struct Workspace {
    pub dir: tempfile::TempDir,
}

impl Workspace {
    pub fn new(fixture_name: &str) -> Self {
        let dir = tempfile::tempdir().expect("temp dir");
        copy_dir(&fixture(fixture_name), &dir.path().join("content"));
        Self { dir }
    }

    pub fn content(&self) -> PathBuf {
        self.dir.path().join("content")
    }

    pub fn data(&self) -> PathBuf {
        self.dir.path().join("data")
    }

    pub fn open(&self) -> Library {
        Library::open(&self.data(), &self.content()).expect("open library")
    }

    pub fn write(&self, relative: &str, text: &str) {
        let path = self.content().join(relative);
        std::fs::create_dir_all(path.parent().expect("a file in a folder")).expect("make folder");
        std::fs::write(path, text).expect("write content file");
    }
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// The in-memory library of a fixture, imported.
pub fn imported(name: &str) -> Library {
    let lib = Library::open_in_memory(&fixture(name)).unwrap();
    lib.import().unwrap();
    lib
}

/// The property tests' configuration: `PROPTEST_CASES` cases, or `default` (at least 2), and no
/// failure files written into the checkout.
pub fn proptest_config(default: u32) -> proptest::test_runner::Config {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|s| s.parse::<u32>().ok())
        .unwrap_or(default);
    proptest::test_runner::Config {
        cases: cases.max(2),
        failure_persistence: None,
        ..proptest::test_runner::Config::default()
    }
}

/// Every file under `dir`, recursively.
pub fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let p = e.path();
        if p.is_dir() {
            out.extend(files_under(&p));
        } else {
            out.push(p);
        }
    }
    out
}
