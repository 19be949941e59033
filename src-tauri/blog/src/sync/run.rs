//! One run of adding or syncing a blog: posts in batches, each batch's images fetched, the
//! batch converted on every core while the one before it is written, progress reported and
//! the cancel flag heeded after every post.

use super::{Control, Progress, SyncReport};
use crate::convert::{self, shortcodes::SiteContext};
use crate::error::{BlogError, Result};
use crate::fetch::Fetcher;
use crate::images;
use crate::post::Post;
use crate::state::post_key;
use crate::write::{convert_post, Body, Folder};
use rayon::prelude::*;
use std::sync::atomic::Ordering;
use std::time::Instant;

/// Posts converted at once.
pub(super) const BATCH: usize = 32;

pub(super) struct Run<'a> {
    pub(super) folder: Folder,
    pub(super) control: &'a Control,
    pub(super) progress: Progress,
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

impl<'a> Run<'a> {
    pub(super) fn new(folder: Folder, control: &'a Control) -> Self {
        Run {
            folder,
            control,
            progress: Progress::default(),
            started: Instant::now(),
            images_failed: Vec::new(),
            images_tried: Default::default(),
            since_save: 0,
            pending: None,
        }
    }

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
    pub(super) async fn put_batch(
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

    pub(super) fn finish(mut self, name: &str) -> Result<SyncReport> {
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
