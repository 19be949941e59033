//! `lectern-cli blog add|sync|list|remove`: blogs beside the starter library, the same ones
//! the app shows.

use clap::Subcommand;
use lectern_core::{BlogControl, BlogReport, BlogSource, Error, ErrorKind, Library, Result};
use std::io::Write;
use std::path::PathBuf;
use std::sync::Arc;

#[derive(Subcommand)]
pub enum BlogCommand {
    /// Add a blog from a WordPress export file, a site's address (REST API) or a feed.
    Add {
        /// A WordPress export file (WXR).
        #[arg(long, conflicts_with_all = ["url", "feed"])]
        export: Option<PathBuf>,
        /// A WordPress site's address (its REST API is used).
        #[arg(long, conflicts_with = "feed")]
        url: Option<String>,
        /// An RSS or Atom feed's address.
        #[arg(long)]
        feed: Option<String>,
        /// The blog's name (default: the site's host or the file's name).
        #[arg(long)]
        name: Option<String>,
        /// From an export, take pages as articles too.
        #[arg(long)]
        pages: bool,
        /// Do not fetch images (they show as their alt text, linked).
        #[arg(long)]
        no_images: bool,
    },
    /// Fetch what changed on one blog, or on all of them.
    Sync { name: Option<String> },
    /// The blogs added.
    List,
    /// Remove a blog (notes on its articles are kept, as orphans).
    Remove { name: String },
}

pub fn run(library: &Library, command: &BlogCommand, json: bool) -> Result<()> {
    match command {
        BlogCommand::List => {
            let blogs = library.list_blogs()?;
            if json {
                println!("{}", serde_json::to_string_pretty(&blogs)?);
            } else {
                for b in &blogs {
                    println!(
                        "{}  {} ({}, {} articles{}) last synced {}",
                        b.name,
                        b.location,
                        b.kind,
                        b.articles,
                        if b.removed > 0 {
                            format!(", {} removed upstream", b.removed)
                        } else {
                            String::new()
                        },
                        b.last_sync.as_deref().unwrap_or("never")
                    );
                }
            }
        }
        BlogCommand::Remove { name } => {
            library.remove_blog(name)?;
            if !json {
                println!("removed {name}");
            }
        }
        BlogCommand::Add {
            export,
            url,
            feed,
            name,
            pages,
            no_images,
        } => {
            let source = match (export, url, feed) {
                (Some(path), None, None) => BlogSource::Export {
                    path: path.display().to_string(),
                    pages: *pages,
                },
                (None, Some(url), None) => BlogSource::Site { url: url.clone() },
                (None, None, Some(url)) => BlogSource::Feed { url: url.clone() },
                _ => {
                    return Err(Error::new(
                        ErrorKind::Invalid,
                        "give one of --export FILE, --url URL or --feed URL",
                    ))
                }
            };
            if let BlogSource::Site { url } | BlogSource::Feed { url } = &source {
                if url.starts_with("http://") {
                    eprintln!("warning: {url} is plain http: what it sends can be read and changed on the way");
                }
            }
            let control = control(json, *no_images);
            let report =
                runtime()?.block_on(library.add_blog(source, name.as_deref(), &control))?;
            show(&[report], json)?;
        }
        BlogCommand::Sync { name } => {
            let control = control(json, false);
            let reports = runtime()?.block_on(library.sync_blogs(name.as_deref(), &control))?;
            show(&reports, json)?;
        }
    }
    Ok(())
}

fn runtime() -> Result<tokio::runtime::Runtime> {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(|e| {
            Error::new(
                ErrorKind::Io,
                format!("cannot start the network runtime: {e}"),
            )
        })
}

/// Progress on standard error, on one line, unless printing JSON.
fn control(json: bool, no_images: bool) -> BlogControl {
    let cancel = Arc::new(std::sync::atomic::AtomicBool::new(false));
    BlogControl {
        cancel,
        skip_images: no_images,
        progress: (!json).then(|| {
            let sink: lectern_core::BlogProgressSink =
                Arc::new(|p: &lectern_core::BlogProgress| {
                    let total = p
                        .posts_total
                        .map(|t| format!(" of {t}"))
                        .unwrap_or_default();
                    let left = p
                        .eta_ms
                        .map(|ms| format!(", {} s left", ms / 1000))
                        .unwrap_or_default();
                    eprint!(
                        "\r{} posts{total}, {} images ({} failed), {:.1} MB{left}   ",
                        p.posts,
                        p.images,
                        p.images_failed,
                        p.bytes as f64 / 1e6
                    );
                    let _ = std::io::stderr().flush();
                });
            sink
        }),
    }
}

fn show(reports: &[BlogReport], json: bool) -> Result<()> {
    if json {
        println!("{}", serde_json::to_string_pretty(reports)?);
        return Ok(());
    }
    eprintln!();
    for r in reports {
        if r.offline {
            println!("{}: offline, nothing changed", r.name);
            continue;
        }
        if r.not_modified {
            println!("{}: nothing new", r.name);
            continue;
        }
        println!(
            "{}: {} added, {} changed, {} removed upstream, {} unchanged{}",
            r.name,
            r.added.len(),
            r.changed.len(),
            r.removed.len(),
            r.unchanged,
            if r.older > 0 {
                format!(", {} older than what is here (kept)", r.older)
            } else {
                String::new()
            }
        );
        println!(
            "  images: {} fetched, {} failed",
            r.images_stored,
            r.images_failed.len()
        );
        for failed in &r.images_failed {
            println!("  image failed: {failed}");
        }
        for conflict in &r.conflicts {
            println!("  edited here, kept: articles/{conflict}.md (the blog's version: {conflict}.md.upstream)");
        }
        for code in &r.unknown_shortcodes {
            println!("  shortcode kept as text: {code}");
        }
        for n in &r.notes {
            println!(
                "  notes on {} ({}): {} moved, {} placed by likeness, {} could not be placed",
                n.title, n.article, n.moved, n.fuzzy, n.orphaned
            );
        }
        if r.problems > 0 {
            println!(
                "  {} content problems in the library (lectern-cli check)",
                r.problems
            );
        }
    }
    Ok(())
}
