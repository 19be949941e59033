//! A post's images, fetched once and stored beside its article
//! (`articles/images/<slug>/<name>`), so that reading never loads anything remote.

use crate::error::{BlogError, Result};
use crate::fetch::Fetcher;
use crate::state::SourceState;
use futures_util::future::join_all;
use std::collections::{BTreeMap, HashSet};
use std::path::Path;

/// What fetching a post's images did.
#[derive(Debug, Default)]
pub struct Fetched {
    pub stored: u64,
    pub failed: Vec<(String, String)>,
    pub bytes: u64,
}

/// Fetches the images at `urls` not yet stored, into the folder `root` for the article
/// `slug`, and records them (or their failure) in `state`. A failed image is tried again at
/// the next sync of its post, never twice in one run (`tried`).
pub async fn fetch(
    fetcher: &Fetcher,
    root: &Path,
    slug: &str,
    urls: &[String],
    state: &mut SourceState,
    tried: &mut HashSet<String>,
) -> Result<Fetched> {
    let wanted: Vec<&String> = urls
        .iter()
        .filter(|u| !state.images.contains_key(*u) && tried.insert((*u).clone()))
        .collect();
    let mut names: BTreeMap<String, ()> = state.images.values().map(|p| (p.clone(), ())).collect();
    let mut planned = Vec::new();
    for url in wanted {
        let path = free_name(&format!("images/{slug}"), url, &mut names);
        planned.push((url.clone(), path));
    }
    let answers = join_all(
        planned
            .iter()
            .map(|(url, _)| fetcher.get(url, fetcher.limits.max_image)),
    )
    .await;
    let mut fetched = Fetched::default();
    for ((url, path), answer) in planned.into_iter().zip(answers) {
        let outcome = answer.and_then(|a| {
            let kind = a.content_type();
            if !kind.is_empty()
                && !kind.starts_with("image/")
                && !kind.starts_with("application/octet-stream")
            {
                return Err(BlogError::Http {
                    url: url.clone(),
                    message: format!("expected an image, got {kind}"),
                });
            }
            crate::write::atomic_write(&root.join("articles").join(&path), &a.bytes)?;
            Ok(a.bytes.len() as u64)
        });
        match outcome {
            Ok(n) => {
                fetched.stored += 1;
                fetched.bytes += n;
                state.failed_images.remove(&url);
                state.images.insert(url, path);
            }
            Err(BlogError::Cancelled) => return Err(BlogError::Cancelled),
            Err(e) => {
                let why = e.to_string();
                state.failed_images.insert(url.clone(), why.clone());
                fetched.failed.push((url, why));
            }
        }
    }
    Ok(fetched)
}

/// A file name for an image in `dir`, from its address, not yet used.
fn free_name(dir: &str, url: &str, used: &mut BTreeMap<String, ()>) -> String {
    let last = url
        .split(['?', '#'])
        .next()
        .unwrap_or(url)
        .trim_end_matches('/')
        .rsplit('/')
        .next()
        .unwrap_or("");
    let decoded = percent_encoding::percent_decode_str(last).decode_utf8_lossy();
    let (stem, ext) = decoded.rsplit_once('.').unwrap_or((&decoded, ""));
    let stem = crate::slug::slugify(stem);
    let stem = if stem.is_empty() {
        "image".to_string()
    } else {
        stem
    };
    let ext: String = ext
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .take(5)
        .collect::<String>()
        .to_lowercase();
    let ext = if ext.is_empty() {
        "img".to_string()
    } else {
        ext
    };
    let mut n = 1;
    loop {
        let name = if n == 1 {
            format!("{dir}/{stem}.{ext}")
        } else {
            format!("{dir}/{stem}-{n}.{ext}")
        };
        if !used.contains_key(&name) {
            used.insert(name.clone(), ());
            return name;
        }
        n += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::file_name::relative_path_problem;

    /// An image's address names its file: whatever the address says (a device, a drive, a
    /// folder of its own, a character Windows refuses), the name is a file in the article's
    /// image folder on every platform.
    #[test]
    fn image_names_from_hostile_addresses_are_files_on_every_platform() {
        let mut used = BTreeMap::new();
        let mut name = |url: &str| free_name("images/con-1", url, &mut used);
        for (url, expected) in [
            ("https://x.example/CON.png", "images/con-1/con-1.png"),
            ("https://x.example/nul.png", "images/con-1/nul-1.png"),
            ("https://x.example/aux", "images/con-1/aux-1.img"),
            (
                "https://x.example/com1.JPG?w=300",
                "images/con-1/com1-1.jpg",
            ),
            ("https://x.example/LPT1.tar.gz", "images/con-1/lpt1-tar.gz"),
            (
                "https://x.example/C%3A%5CWindows%5Cwin.png",
                "images/con-1/c-windows-win.png",
            ),
            (
                "https://x.example/..%5C..%5Cboot.png",
                "images/con-1/boot.png",
            ),
            (
                "https://x.example/a%3Cb%3E%3A%22%7C%3F%2A.gif",
                "images/con-1/a-b.gif",
            ),
            ("https://x.example/x.png.%20.", "images/con-1/x-png.img"),
            ("https://x.example/%2e%2e", "images/con-1/image.img"),
            ("https://x.example/map.p%3Ang", "images/con-1/map.png"),
        ] {
            let path = name(url);
            assert_eq!(path, expected, "{url}");
            assert_eq!(relative_path_problem(&path), None, "{url}: {path}");
        }
        // The same name twice is told apart, still a portable name.
        assert_eq!(
            name("https://y.example/CON.png"),
            "images/con-1/con-1-2.png"
        );
    }
}
