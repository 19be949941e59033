//! Posts written into a blog's content folder, in exactly the format of `content/`: one
//! `articles/<slug>.md` per post (TOML front matter, CommonMark body), `people/` for authors
//! the library does not know yet, `series/` for series the blog marks. A version older than
//! (or the same as) the one written is skipped; a file the reader edited is never overwritten
//! (the new version is kept beside it as `<slug>.md.upstream`).

use crate::convert::{self, shortcodes::SiteContext};
use crate::error::{BlogError, Result};
use crate::post::Post;
use crate::series;
use crate::slug::slugify;
use crate::state::{post_key, PostState, SourceState};
use serde::Serialize;
use sha2::{Digest, Sha256};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};

/// What writing posts did.
#[derive(Debug, Clone, Default, Serialize)]
pub struct WriteReport {
    pub added: Vec<String>,
    pub changed: Vec<String>,
    pub unchanged: u64,
    /// Versions older than the one already written (an older export).
    pub older: u64,
    /// Slugs whose local edits were kept, the upstream version beside them.
    pub conflicts: Vec<String>,
    /// Slugs gone from the site, kept and marked.
    pub removed: Vec<String>,
    /// (slug, shortcode) not understood and kept as text.
    pub unknown_shortcodes: Vec<(String, String)>,
    /// (slug, address) of images shown as their alt text.
    pub missing_images: Vec<(String, String)>,
    /// Posts left out, with why (no date).
    pub skipped: Vec<(String, String)>,
    pub bytes: u64,
}

/// A blog's content folder being written.
pub struct Folder {
    pub root: PathBuf,
    pub state: SourceState,
    /// People the library knows, by folded name or alias -> id.
    known_people: HashMap<String, String>,
    /// The slugs of the posts written, to keep new ones apart.
    slugs: HashSet<String>,
    pub report: WriteReport,
}

/// A post's body converted: pure, so that many posts convert at once, beside the writing.
/// `images` maps addresses to stored copies; `site_url` makes relative addresses absolute
/// when the post has no address of its own.
pub fn convert_post(
    post: &Post,
    site: &SiteContext,
    images: &BTreeMap<String, String>,
    site_url: &str,
) -> Body {
    let mut unknown = Vec::new();
    let html = convert::prepared_html(post, site, &mut unknown);
    let converted = convert::convert(&html, post.url.as_deref().or(Some(site_url)), &|url| {
        images.get(url).cloned()
    });
    Body {
        markdown: converted.markdown,
        unknown_shortcodes: unknown,
        missing_images: converted.missing_images,
    }
}

/// A post's body as Markdown, with what converting it noticed.
pub struct Body {
    pub markdown: String,
    pub unknown_shortcodes: Vec<String>,
    pub missing_images: Vec<String>,
}

#[derive(Serialize)]
struct Front<'a> {
    title: &'a str,
    authors: Vec<String>,
    date: String,
    order: i64,
    #[serde(skip_serializing_if = "Option::is_none")]
    series: Option<SeriesRef>,
    #[serde(skip_serializing_if = "Option::is_none")]
    summary: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    tags: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<&'a str>,
    source: Origin,
}

#[derive(Serialize)]
struct SeriesRef {
    id: String,
    part: u32,
}

/// Where an article came from: the `[source]` table of its front matter.
#[derive(Serialize)]
struct Origin {
    site: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    post_id: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    published: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    modified: Option<String>,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    removed: bool,
}

/// Folds a name for matching: lower case, accents dropped, words single-spaced.
pub fn fold_name(name: &str) -> String {
    crate::slug::fold(name).replace('-', " ")
}

impl Folder {
    /// Opens (creating) a blog folder. `known_people` maps folded names and aliases of the
    /// library's people to their ids.
    pub fn open(
        root: &Path,
        state: SourceState,
        known_people: HashMap<String, String>,
    ) -> Result<Self> {
        for dir in ["articles", "people", "series"] {
            let d = root.join(dir);
            std::fs::create_dir_all(&d).map_err(|e| BlogError::io(&d, e))?;
        }
        Ok(Self {
            root: root.to_owned(),
            slugs: state.posts.values().map(|p| p.slug.clone()).collect(),
            state,
            known_people,
            report: WriteReport::default(),
        })
    }

    /// Whether a post would be written: it is new, or newer than the version written.
    /// Images of a post written before that could not be fetched.
    pub fn missing_images(&self, post: &Post) -> &[String] {
        self.state
            .posts
            .get(&post_key(post.site_id, post.url.as_deref()))
            .map_or(&[], |p| p.missing_images.as_slice())
    }

    pub fn wants(&self, post: &Post) -> bool {
        let Some(known) = self
            .state
            .posts
            .get(&post_key(post.site_id, post.url.as_deref()))
        else {
            return true;
        };
        let newer = match (post.version_time(), known.version) {
            (Some(new), Some(old)) => new > old,
            (_, None) => true,
            (None, Some(_)) => false,
        };
        newer || known.removed
    }

    /// Writes one post (if new or newer), its images shown from the copies stored (by
    /// address, in the state), the others as their alt text.
    pub fn put(&mut self, post: &Post, site: &SiteContext) -> Result<()> {
        let body = self.wants(post).then(|| self.convert(post, site));
        self.put_converted(post, body)
    }

    /// A post's body converted, with the images stored so far.
    pub fn convert(&self, post: &Post, site: &SiteContext) -> Body {
        convert_post(post, site, &self.state.images, &self.state.site_url)
    }

    /// Writes a post converted by [`Folder::convert`] (`None` when it was not wanted: it is
    /// then counted as unchanged or older).
    pub fn put_converted(&mut self, post: &Post, body: Option<Body>) -> Result<()> {
        let key = post_key(post.site_id, post.url.as_deref());
        let Some(body) = body else {
            let known = &self.state.posts[&key];
            let older = matches!((post.version_time(), known.version), (Some(n), Some(o)) if n < o);
            if older {
                self.report.older += 1
            } else {
                self.report.unchanged += 1
            }
            return Ok(());
        };
        let known = self.state.posts.get(&key).cloned();
        let slug = self.slug_for(post);
        let Some(published) = post.published.or(post.modified) else {
            self.report.skipped.push((slug, "it has no date".into()));
            return Ok(());
        };
        for name in body.unknown_shortcodes {
            self.report.unknown_shortcodes.push((slug.clone(), name));
        }
        for url in &body.missing_images {
            self.report.missing_images.push((slug.clone(), url.clone()));
        }
        let text = self.article_text(post, &slug, published, &body.markdown)?;
        let file = self.root.join("articles").join(format!("{slug}.md"));
        let hash = hash(text.as_bytes());
        let edited_here = known
            .as_ref()
            .is_some_and(|k| std::fs::read(&file).is_ok_and(|bytes| self::hash(&bytes) != k.hash));
        let mut entry = PostState {
            slug: slug.clone(),
            title: post.title.clone(),
            version: post.version_time(),
            hash: hash.clone(),
            removed: false,
            conflict: false,
            missing_images: body.missing_images.clone(),
        };
        if edited_here {
            let beside = file.with_extension("md.upstream");
            atomic_write(&beside, text.as_bytes())?;
            entry.hash = known.as_ref().map(|k| k.hash.clone()).unwrap_or_default();
            entry.conflict = true;
            self.report.conflicts.push(slug.clone());
        } else {
            atomic_write(&file, text.as_bytes())?;
            if known.is_some() {
                self.report.changed.push(slug.clone())
            } else {
                self.report.added.push(slug.clone())
            }
        }
        self.report.bytes += post.content.len() as u64;
        self.slugs.insert(slug);
        self.state.posts.insert(key, entry);
        Ok(())
    }

    /// The slug a post has, or would be given.
    pub fn slug_for(&self, post: &Post) -> String {
        match self
            .state
            .posts
            .get(&post_key(post.site_id, post.url.as_deref()))
        {
            Some(known) => known.slug.clone(),
            None => self.new_slug(post),
        }
    }

    fn new_slug(&self, post: &Post) -> String {
        let base = [slugify(&post.slug), slugify(&post.title)]
            .into_iter()
            .find(|s| !s.is_empty())
            .unwrap_or_else(|| format!("post-{}", post.site_id));
        let taken = |s: &str| self.slugs.contains(s);
        if !taken(&base) {
            return base;
        }
        let with_id = format!("{base}-{}", post.site_id);
        if !taken(&with_id) {
            return with_id;
        }
        (2..)
            .map(|n| format!("{base}-{n}"))
            .find(|s| !taken(s))
            .unwrap_or(base)
    }

    fn article_text(
        &mut self,
        post: &Post,
        slug: &str,
        published: jiff::Timestamp,
        body: &str,
    ) -> Result<String> {
        let authors = post
            .authors
            .iter()
            .map(|a| self.person(a))
            .collect::<Result<Vec<_>>>()?;
        let series = series::detect(&post.title, &post.categories).map(|mark| {
            // A title of no Latin letter or digit folds to nothing: still a file name.
            let id = Some(slugify(&mark.title))
                .filter(|id| !id.is_empty())
                .unwrap_or_else(|| "series".into());
            let entry = self.state.series.entry(id.clone()).or_default();
            entry.title = mark.title.clone();
            entry.parts.insert(mark.part, post.title.clone());
            entry.total = mark.total.or(entry.total);
            SeriesRef {
                id,
                part: mark.part,
            }
        });
        let summary = convert::plain_text(&post.excerpt);
        let summary = tidy_summary(&summary);
        let utc = published.to_zoned_datetime(jiff::tz::TimeZone::UTC);
        let mut tags: Vec<String> = Vec::new();
        for t in post.categories.iter().chain(&post.tags) {
            if !t.eq_ignore_ascii_case("uncategorized") && !tags.contains(t) {
                tags.push(t.clone());
            }
        }
        let front = Front {
            title: if post.title.trim().is_empty() {
                slug
            } else {
                post.title.trim()
            },
            authors,
            date: utc.strftime("%Y-%m-%d").to_string(),
            order: i64::from(utc.hour()) * 3600
                + i64::from(utc.minute()) * 60
                + i64::from(utc.second()),
            series,
            summary: (!summary.is_empty()).then_some(summary),
            tags,
            url: post.url.as_deref(),
            source: Origin {
                site: self.state.site_url.clone(),
                post_id: (post.site_id != 0).then_some(post.site_id),
                published: post.published.map(|t| t.to_string()),
                modified: post.modified.map(|t| t.to_string()),
                removed: false,
            },
        };
        let toml =
            toml::to_string(&front).map_err(|e| BlogError::Invalid(format!("{slug}: {e}")))?;
        Ok(format!("+++\n{toml}+++\n\n{body}"))
    }

    /// The id of an author: a person the library knows by that name, else one this folder
    /// keeps (`people/<id>.md`, written once).
    fn person(&mut self, name: &str) -> Result<String> {
        let folded = fold_name(name);
        if let Some(id) = self.known_people.get(&folded) {
            return Ok(id.clone());
        }
        let mut id = slugify(name);
        if id.is_empty() {
            id = "author".into();
        }
        let file = self.root.join("people").join(format!("{id}.md"));
        if !file.exists() {
            let front = toml::to_string(&PersonFront { name: name.trim() })
                .map_err(|e| BlogError::Invalid(e.to_string()))?;
            atomic_write(&file, format!("+++\n{front}+++\n").as_bytes())?;
        }
        self.state
            .people
            .insert(id.clone(), name.trim().to_string());
        self.known_people.insert(folded, id.clone());
        Ok(id)
    }

    /// Marks a post gone from the site: its article stays, with `removed = true`.
    pub fn mark_removed(&mut self, key: &str) -> Result<()> {
        let Some(entry) = self.state.posts.get_mut(key) else {
            return Ok(());
        };
        if entry.removed {
            return Ok(());
        }
        let file = self
            .root
            .join("articles")
            .join(format!("{}.md", entry.slug));
        if let Ok(text) = std::fs::read_to_string(&file) {
            let ours = hash(text.as_bytes()) == entry.hash;
            if let Some(marked) = text
                .split_once("\n[source]\n")
                .map(|(a, b)| format!("{a}\n[source]\nremoved = true\n{b}"))
            {
                atomic_write(&file, marked.as_bytes())?;
                if ours {
                    entry.hash = hash(marked.as_bytes());
                }
            }
        }
        entry.removed = true;
        self.report.removed.push(entry.slug.clone());
        Ok(())
    }

    /// Writes the series files and the folder's state.
    pub fn finish(&mut self) -> Result<()> {
        for (id, series) in &self.state.series {
            // Parts a title announces ("Part 3 of 9") but no post has yet are listed as such.
            let last = series
                .parts
                .keys()
                .max()
                .copied()
                .unwrap_or(0)
                .max(series.total.unwrap_or(0).min(100));
            let announced: Vec<(u32, String)> = (1..=last)
                .filter(|p| !series.parts.contains_key(p))
                .map(|p| (p, format!("Part {p}")))
                .collect();
            let mut parts: Vec<PartFront> = series
                .parts
                .iter()
                .map(|(part, title)| PartFront { part: *part, title })
                .collect();
            parts.extend(
                announced
                    .iter()
                    .map(|(part, title)| PartFront { part: *part, title }),
            );
            parts.sort_by_key(|p| p.part);
            let front = toml::to_string(&SeriesFront {
                title: &series.title,
                parts,
            })
            .map_err(|e| BlogError::Invalid(e.to_string()))?;
            let file = self.root.join("series").join(format!("{id}.md"));
            let text = format!("+++\n{front}+++\n");
            if std::fs::read_to_string(&file).ok().as_deref() != Some(text.as_str()) {
                atomic_write(&file, text.as_bytes())?;
            }
        }
        self.state.save(&self.root)
    }
}

#[derive(Serialize)]
struct PersonFront<'a> {
    name: &'a str,
}

#[derive(Serialize)]
struct SeriesFront<'a> {
    title: &'a str,
    parts: Vec<PartFront<'a>>,
}

#[derive(Serialize)]
struct PartFront<'a> {
    part: u32,
    title: &'a str,
}

/// An excerpt without the "[…]" and "Continue reading →" that sites append.
fn tidy_summary(text: &str) -> String {
    let mut s = text.trim();
    loop {
        let before = s.len();
        for tail in [
            "Continue reading",
            "Read more",
            "→",
            "»",
            "[…]",
            "[...]",
            "[&hellip;]",
            "…",
        ] {
            s = s.strip_suffix(tail).unwrap_or(s).trim_end();
        }
        if s.len() == before {
            return s.to_string();
        }
    }
}

pub fn hash(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Writes a file whole or not at all: to a temporary name beside it, then renamed.
pub fn atomic_write(path: &Path, bytes: &[u8]) -> Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir).map_err(|e| BlogError::io(dir, e))?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = dir.join(format!(".{name}.part"));
    std::fs::write(&tmp, bytes).map_err(|e| BlogError::io(&tmp, e))?;
    std::fs::rename(&tmp, path).map_err(|e| BlogError::io(path, e))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::file_name::relative_path_problem;

    /// Every file under `dir`, as a path relative to it with `/` between its parts.
    fn files_under(dir: &Path, under: &str, out: &mut Vec<String>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let entry = entry.unwrap();
            let name = entry.file_name().into_string().unwrap();
            let path = format!("{under}{name}");
            if entry.file_type().unwrap().is_dir() {
                files_under(&entry.path(), &format!("{path}/"), out);
            } else {
                out.push(path);
            }
        }
    }

    /// Titles and authors name files (articles, people, series): whatever a site calls them,
    /// the names written open on Windows too.
    #[test]
    fn names_made_from_hostile_titles_and_authors_are_files_on_every_platform() {
        let dir = tempfile::tempdir().unwrap();
        let mut folder = Folder::open(dir.path(), SourceState::default(), HashMap::new()).unwrap();
        let published: jiff::Timestamp = "2024-01-02T03:04:05Z".parse().unwrap();
        for (id, title, author) in [
            (1, "CON", "Nul"),
            (2, "aux.txt", "COM1"),
            (3, "C:\\Windows\\win.ini", "LPT1 ."),
            (4, "Россия, Part 1", "Россия"),
            (5, "<>:\"|?*", "..\\..\\x"),
        ] {
            let mut post = Post::new(id, title, "<p>Text.</p>");
            post.published = Some(published);
            post.authors = vec![author.into()];
            folder.put(&post, &SiteContext::default()).unwrap();
        }
        folder.finish().unwrap();
        let mut written = Vec::new();
        files_under(dir.path(), "", &mut written);
        written.sort();
        for path in &written {
            assert_eq!(relative_path_problem(path), None, "{path}");
        }
        for expected in [
            "articles/con-1.md",
            "articles/aux-txt.md",
            "articles/c-windows-win-ini.md",
            "articles/post-5.md",
            "people/nul-1.md",
            "people/com1-1.md",
            "people/lpt1-1.md",
            "people/author.md",
            "series/series.md",
        ] {
            assert!(
                written.iter().any(|p| p == expected),
                "{expected}: {written:?}"
            );
        }
        // Names are still compared as they are written.
        assert_eq!(fold_name("Nul"), "nul");
    }
}
