//! Adding a blog and keeping it current: each way in (export, REST API, feed) driven to the
//! blog's folder, with images, progress, cancelling and resuming.

use crate::convert::{self, shortcodes::SiteContext};
use crate::error::{BlogError, Result};
use crate::fetch::{self, Conditional, Fetcher};
use crate::images;
use crate::post::Post;
use crate::state::{post_key, SourceKind, SourceState};
use crate::write::{convert_post, Body, Folder, WriteReport};
use crate::wxr::{self, ExportOptions};
use rayon::prelude::*;
use serde::Serialize;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Instant;

/// Posts converted at once.
const BATCH: usize = 32;

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

struct Run<'a> {
    folder: Folder,
    control: &'a Control,
    progress: Progress,
    started: Instant,
    images_failed: Vec<(String, String)>,
    images_tried: std::collections::HashSet<String>,
    since_save: u32,
    /// The last batch converted, waiting to be written.
    pending: Option<Converted>,
}

/// Posts converted and their bodies (`None` for those not to be written).
struct Converted {
    posts: Vec<Post>,
    bodies: Vec<Option<Body>>,
    posts_total: Option<u64>,
}

impl Run<'_> {
    /// Tells the caller how far the work has come.
    fn report_progress(&mut self) {
        self.progress.elapsed_ms = self.started.elapsed().as_millis() as u64;
        self.progress.eta_ms = self
            .progress
            .posts_total
            .filter(|t| *t > 0 && self.progress.posts > 0)
            .map(|total| {
                let left = total.saturating_sub(self.progress.posts);
                self.progress.elapsed_ms * left / self.progress.posts
            });
        if let Some(report) = &self.control.progress {
            report(&self.progress);
        }
    }

    /// Stops when the caller cancelled: what was written is kept, and the state saved so that
    /// a later run resumes.
    fn check_cancel(&mut self) -> Result<()> {
        if self.control.cancel.load(Ordering::Relaxed) {
            self.folder.finish()?;
            return Err(BlogError::Cancelled);
        }
        Ok(())
    }

    /// After each post: progress, the state saved now and then, and the cancel flag.
    fn tick(&mut self) -> Result<()> {
        self.report_progress();
        self.since_save += 1;
        if self.since_save >= 200 {
            // A run stopped by a crash resumes from here.
            self.since_save = 0;
            self.folder.state.save(&self.folder.root)?;
        }
        self.check_cancel()
    }

    /// Fetches the images of the wanted posts (and those that failed before), converts them all
    /// at once (on every core), then writes them in order.
    async fn put_batch(
        &mut self,
        fetcher: &Fetcher,
        posts: Vec<Post>,
        site: &SiteContext,
    ) -> Result<()> {
        // A post that is also in the batch waiting to be written (a site that lists it twice)
        // is judged after that one is written.
        let repeats = self.pending.as_ref().is_some_and(|pending| {
            let keys: std::collections::HashSet<String> = pending
                .posts
                .iter()
                .map(|p| post_key(p.site_id, p.url.as_deref()))
                .collect();
            posts
                .iter()
                .any(|p| keys.contains(&post_key(p.site_id, p.url.as_deref())))
        });
        if repeats {
            let pending = self.pending.take();
            self.write(pending)?;
        }
        let mut write: Vec<bool> = posts.iter().map(|p| self.folder.wants(p)).collect();
        if !self.control.skip_images {
            for (post, write) in posts.iter().zip(write.iter_mut()) {
                let retry = !*write && !self.folder.missing_images(post).is_empty();
                if *write || retry {
                    let stored = self.fetch_images(fetcher, post, site).await?;
                    // A post whose images came at last is written again to show them.
                    *write |= retry && stored > 0;
                    self.report_progress();
                    self.check_cancel()?;
                }
            }
        }
        // This batch converts on every core while the one before it is written.
        let images = self.folder.state.images.clone();
        let site_url = self.folder.state.site_url.clone();
        let pending = self.pending.take();
        let (bodies, written) = rayon::join(
            || {
                posts
                    .par_iter()
                    .zip(&write)
                    .map(|(p, write)| write.then(|| convert_post(p, site, &images, &site_url)))
                    .collect::<Vec<Option<Body>>>()
            },
            || self.write(pending),
        );
        written?;
        self.pending = Some(Converted {
            posts,
            bodies,
            posts_total: site.posts_total,
        });
        Ok(())
    }

    /// Writes converted posts in order: new, newer or with images at last; the others are
    /// counted as unchanged or older.
    fn write(&mut self, converted: Option<Converted>) -> Result<()> {
        let Some(Converted {
            posts,
            bodies,
            posts_total,
        }) = converted
        else {
            return Ok(());
        };
        for (post, body) in posts.iter().zip(bodies) {
            self.progress.posts += 1;
            self.progress.bytes += post.content.len() as u64;
            if posts_total.is_some() {
                self.progress.posts_total = posts_total;
            }
            self.folder.put_converted(post, body)?;
            self.tick()?;
        }
        Ok(())
    }

    /// Fetches a post's images not stored yet; how many were stored.
    async fn fetch_images(
        &mut self,
        fetcher: &Fetcher,
        post: &Post,
        site: &SiteContext,
    ) -> Result<u64> {
        let mut unknown = Vec::new();
        let html = convert::prepared_html(post, site, &mut unknown);
        let base = post
            .url
            .clone()
            .or(Some(self.folder.state.site_url.clone()));
        let urls = convert::image_urls(&html, base.as_deref());
        if urls.is_empty() {
            return Ok(0);
        }
        let slug = self.folder.slug_for(post);
        let fetched = images::fetch(
            fetcher,
            &self.folder.root,
            &slug,
            &urls,
            &mut self.folder.state,
            &mut self.images_tried,
        )
        .await?;
        self.progress.images += fetched.stored;
        self.progress.images_failed += fetched.failed.len() as u64;
        self.progress.bytes += fetched.bytes;
        self.images_failed.extend(fetched.failed);
        Ok(fetched.stored)
    }

    fn finish(mut self, name: &str) -> Result<SyncReport> {
        let last = self.pending.take();
        self.write(last)?;
        self.folder.state.last_sync = Some(jiff::Timestamp::now());
        self.folder.finish()?;
        Ok(SyncReport {
            name: name.to_string(),
            images_stored: self.progress.images,
            images_failed: self.images_failed,
            posts: self.folder.report,
            ..SyncReport::default()
        })
    }
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
    let run = Run {
        folder,
        control,
        progress: Progress::default(),
        started: Instant::now(),
        images_failed: Vec::new(),
        images_tried: Default::default(),
        since_save: 0,
        pending: None,
    };
    let fetcher = Fetcher::new(fetch::Limits::default())?;
    match kind {
        SourceKind::Export => export(run, PathBuf::from(location), fetcher, &name).await,
        SourceKind::Rest => rest(run, &location, fetcher, &name).await,
        SourceKind::Feed => feed(run, &location, fetcher, &name).await,
    }
}

async fn export(run: Run<'_>, path: PathBuf, fetcher: Fetcher, name: &str) -> Result<SyncReport> {
    let pages = run.folder.state.pages;
    let handle = tokio::runtime::Handle::current();
    let mut run = run;
    let newest_kept = run
        .folder
        .state
        .posts
        .values()
        .filter_map(|p| p.version)
        .max();
    let mut seen = std::collections::HashSet::new();
    let mut newest_read = None;
    // The export is read on this thread (it is file work), in batches; each batch's images are
    // fetched on the runtime.
    let info = tokio::task::block_in_place(|| {
        let mut batch = Vec::with_capacity(BATCH);
        let (info, site) = wxr::read(&path, ExportOptions { pages }, |post, site| {
            if run.folder.state.site_url.is_empty() {
                run.folder.state.site_url = post
                    .url
                    .as_deref()
                    .map(crate::fetch::origin)
                    .unwrap_or_default();
            }
            seen.insert(post_key(post.site_id, post.url.as_deref()));
            newest_read = newest_read.max(post.version_time());
            batch.push(post);
            if batch.len() < BATCH {
                return Ok(());
            }
            handle.block_on(run.put_batch(&fetcher, std::mem::take(&mut batch), site))
        })?;
        handle.block_on(run.put_batch(&fetcher, batch, &site))?;
        Ok::<_, BlogError>(info)
    })?;
    if !info.site_url.is_empty() {
        run.folder.state.site_url = info.site_url.clone();
    }
    if !info.title.is_empty() {
        run.folder.state.title = info.title;
    }
    // A post missing from an export at least as new as what is kept was deleted on the blog:
    // it stays, marked. (An older export proves nothing.)
    if newest_read >= newest_kept {
        let gone: Vec<String> = run
            .folder
            .state
            .posts
            .iter()
            .filter(|(k, p)| !p.removed && !seen.contains(*k))
            .map(|(k, _)| k.clone())
            .collect();
        for key in gone {
            run.folder.mark_removed(&key)?;
        }
    }
    run.finish(name)
}

/// Every post changed since `after`, page by page, into `pages_seen`.
async fn list_posts(
    run: &mut Run<'_>,
    fetcher: &Fetcher,
    base: &str,
    after: Option<jiff::Timestamp>,
    pages_seen: &mut Vec<Vec<Post>>,
) -> Result<()> {
    crate::rest::posts(fetcher, base, after, |posts, page, pages| {
        if page == 1 {
            run.progress.posts_total = Some(u64::from(pages) * 100);
        }
        pages_seen.push(posts);
        Ok(())
    })
    .await
}

async fn rest(mut run: Run<'_>, base: &str, fetcher: Fetcher, name: &str) -> Result<SyncReport> {
    // A day's margin: the site may read the time in its own zone; posts not newer than the
    // version written are skipped anyway.
    let after = run
        .folder
        .state
        .last_sync
        .and_then(|t| t.checked_sub(jiff::SignedDuration::from_hours(24)).ok());
    let site = SiteContext::default();
    let mut pages_seen: Vec<Vec<Post>> = Vec::new();
    let mut base = base.to_string();
    let mut first = list_posts(&mut run, &fetcher, &base, after, &mut pages_seen).await;
    // A site without pretty permalinks has no `/wp-json/`: the same API answers at
    // `?rest_route=`, which is then kept for later syncs.
    let not_found =
        matches!(&first, Err(BlogError::Http { message, .. }) if message.contains(" 404"));
    if let (true, Some(plain)) = (not_found, crate::rest::plain_base(&base)) {
        if let ok @ Ok(()) = list_posts(&mut run, &fetcher, &plain, after, &mut pages_seen).await {
            run.folder.state.location = plain.clone();
            base = plain;
            first = ok;
        }
    }
    match first {
        Err(BlogError::Offline { .. }) if run.folder.state.last_sync.is_some() => {
            return offline(name)
        }
        other => other?,
    }
    let base = base.as_str();
    // Unchanged posts whose images could not be fetched before are asked for again, by id.
    let seen: std::collections::HashSet<u64> =
        pages_seen.iter().flatten().map(|p| p.site_id).collect();
    let retry: Vec<u64> = run
        .folder
        .state
        .posts
        .iter()
        .filter(|(_, p)| !p.missing_images.is_empty() && !p.removed)
        .filter_map(|(k, _)| k.strip_prefix("id:")?.parse().ok())
        .filter(|id| !seen.contains(id))
        .collect();
    if !retry.is_empty() && !run.control.skip_images {
        pages_seen.push(crate::rest::posts_by_id(&fetcher, base, &retry).await?);
    }
    run.progress.posts_total = Some(pages_seen.iter().map(|p| p.len() as u64).sum());
    for page in pages_seen {
        run.put_batch(&fetcher, page, &site).await?;
    }
    // Posts deleted on the site stay, marked.
    let ids = crate::rest::post_ids(&fetcher, base).await?;
    let live: std::collections::HashSet<String> =
        ids.iter().map(|id| post_key(*id, None)).collect();
    let gone: Vec<String> = run
        .folder
        .state
        .posts
        .iter()
        .filter(|(k, p)| !p.removed && k.starts_with("id:") && !live.contains(*k))
        .map(|(k, _)| k.clone())
        .collect();
    for key in gone {
        run.folder.mark_removed(&key)?;
    }
    run.finish(name)
}

async fn feed(mut run: Run<'_>, url: &str, fetcher: Fetcher, name: &str) -> Result<SyncReport> {
    let (etag, lm) = (
        run.folder.state.etag.clone(),
        run.folder.state.last_modified.clone(),
    );
    let answer = match fetcher
        .conditional(url, etag.as_deref(), lm.as_deref(), fetcher.limits.max_page)
        .await
    {
        Err(BlogError::Offline { .. }) if run.folder.state.last_sync.is_some() => {
            return offline(name)
        }
        Ok(Conditional::NotModified) => {
            let mut report = run.finish(name)?;
            report.not_modified = true;
            return Ok(report);
        }
        Ok(Conditional::Changed(answer)) => answer,
        Err(e) => return Err(e),
    };
    let (etag, lm) = fetch::validators(&answer);
    let (title, posts) = crate::feed::posts(&answer.bytes, url)?;
    if !title.is_empty() {
        run.folder.state.title = title;
    }
    run.progress.posts_total = Some(posts.len() as u64);
    run.put_batch(&fetcher, posts, &SiteContext::default())
        .await?;
    run.folder.state.etag = etag;
    run.folder.state.last_modified = lm;
    run.finish(name)
}

fn offline(name: &str) -> Result<SyncReport> {
    Ok(SyncReport {
        name: name.to_string(),
        offline: true,
        ..SyncReport::default()
    })
}
