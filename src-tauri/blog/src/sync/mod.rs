//! Adding a blog and keeping it current: each way in (export, REST API, feed) driven to the
//! blog's folder ([`sources`]), in batches converted beside the writing, with images,
//! progress, cancelling and resuming ([`run`]).

mod run;
mod sources;

use crate::error::Result;
use crate::fetch::{self, Fetcher};
use crate::state::{SourceKind, SourceState};
use crate::write::{Folder, WriteReport};
use run::Run;
use serde::Serialize;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;
use std::sync::Arc;

/// Where a blog comes from, as the reader gives it.
#[derive(Debug, Clone)]
pub enum SourceSpec {
    Export { path: PathBuf, pages: bool },
    Rest { url: String },
    Feed { url: String },
}

/// How far the work has come.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Progress {
    pub posts: u64,
    /// Known for the REST API (its page count) and feeds; not for an export being streamed.
    pub posts_total: Option<u64>,
    pub images: u64,
    pub images_failed: u64,
    pub bytes: u64,
    pub elapsed_ms: u64,
    /// Time left, when the total is known.
    pub eta_ms: Option<u64>,
}

/// Where progress is reported.
pub type ProgressSink = Arc<dyn Fn(&Progress) + Send + Sync>;

/// The caller's hold on long work: a flag to cancel it and a place to report progress.
#[derive(Clone, Default)]
pub struct Control {
    pub cancel: Arc<AtomicBool>,
    pub progress: Option<ProgressSink>,
    /// Fetch images (on by default for sites; an export can be brought in without them).
    pub skip_images: bool,
}

/// What adding or syncing a blog did.
#[derive(Debug, Clone, Default, Serialize)]
pub struct SyncReport {
    pub name: String,
    pub posts: WriteReport,
    pub images_stored: u64,
    pub images_failed: Vec<(String, String)>,
    /// The site could not be reached; nothing changed.
    pub offline: bool,
    /// The feed answered "not modified".
    pub not_modified: bool,
}

/// Adds a blog: a folder `root` is made (or resumed) and filled from the source.
pub async fn add(
    spec: SourceSpec,
    root: &Path,
    name: &str,
    known_people: HashMap<String, String>,
    control: &Control,
) -> Result<SyncReport> {
    let mut state = SourceState::load(root).unwrap_or_default();
    state.name = name.to_string();
    state.added.get_or_insert_with(jiff::Timestamp::now);
    match &spec {
        SourceSpec::Export { path, pages } => {
            state.kind = SourceKind::Export;
            state.location = std::path::absolute(path)
                .unwrap_or(path.clone())
                .display()
                .to_string();
            state.pages = *pages;
        }
        SourceSpec::Rest { url } => {
            state.kind = SourceKind::Rest;
            state.location = crate::rest::api_base(url);
            state.site_url = crate::fetch::origin(url);
        }
        SourceSpec::Feed { url } => {
            state.kind = SourceKind::Feed;
            state.location = url.trim().to_string();
            state.site_url = crate::fetch::origin(url);
        }
    }
    run(root, state, known_people, control).await
}

/// Brings a blog's folder up to date with its source: only what changed is fetched.
pub async fn sync(
    root: &Path,
    known_people: HashMap<String, String>,
    control: &Control,
) -> Result<SyncReport> {
    let state = SourceState::load(root)?;
    run(root, state, known_people, control).await
}

async fn run(
    root: &Path,
    state: SourceState,
    known_people: HashMap<String, String>,
    control: &Control,
) -> Result<SyncReport> {
    let name = state.name.clone();
    let kind = state.kind;
    let location = state.location.clone();
    let folder = Folder::open(root, state, known_people)?;
    let run = Run::new(folder, control);
    let fetcher = Fetcher::new(fetch::Limits::default())?;
    match kind {
        SourceKind::Export => sources::export(run, PathBuf::from(location), fetcher, &name).await,
        SourceKind::Rest => sources::rest(run, &location, fetcher, &name).await,
        SourceKind::Feed => sources::feed(run, &location, fetcher, &name).await,
    }
}
