//! The three ways in, each driven through a [`Run`]: an export file read again, the REST
//! API asked for what changed (and which posts are gone), a feed polled with its validators.

use super::run::{Run, BATCH};
use super::SyncReport;
use crate::convert::shortcodes::SiteContext;
use crate::error::{BlogError, Result};
use crate::fetch::{self, Conditional, Fetcher};
use crate::post::Post;
use crate::state::post_key;
use crate::wxr::{self, ExportOptions};
use std::path::PathBuf;

pub(super) async fn export(
    run: Run<'_>,
    path: PathBuf,
    fetcher: Fetcher,
    name: &str,
) -> Result<SyncReport> {
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

pub(super) async fn rest(
    mut run: Run<'_>,
    base: &str,
    fetcher: Fetcher,
    name: &str,
) -> Result<SyncReport> {
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

pub(super) async fn feed(
    mut run: Run<'_>,
    url: &str,
    fetcher: Fetcher,
    name: &str,
) -> Result<SyncReport> {
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
