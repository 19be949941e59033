//! WordPress export files (WXR 1.0, 1.1, 1.2: RSS 2.0 with the `wp:`, `content:`,
//! `excerpt:` and `dc:` namespaces), read as a stream: an export of several GB is never held
//! whole. A first pass gathers what posts refer to (attachments, authors); the second yields
//! the published posts (and pages, if asked) one at a time.

use crate::convert::shortcodes::{Attachment, SiteContext};
use crate::error::{BlogError, Result};
use crate::post::{Post, PostKind};
use quick_xml::events::Event;
use quick_xml::Reader;
use std::collections::HashMap;
use std::io::{BufReader, Read};
use std::path::Path;

/// What an export says about its site.
#[derive(Debug, Clone, Default)]
pub struct ExportInfo {
    pub title: String,
    /// `wp:base_blog_url`, else the channel's `link`.
    pub site_url: String,
    pub wxr_version: String,
    /// Items read, of every type and status.
    pub items: u64,
    /// Published posts (and pages, if asked) handed on.
    pub posts: u64,
}

/// What to take from an export.
#[derive(Debug, Clone, Copy, Default)]
pub struct ExportOptions {
    /// Pages become articles too.
    pub pages: bool,
}

/// The fields of one `<item>` (or of the channel) as text.
#[derive(Default)]
struct Item {
    fields: HashMap<&'static str, String>,
    categories: Vec<(String, String)>,
    meta: Vec<(String, String)>,
}

const FIELDS: &[&str] = &[
    "title",
    "link",
    "pubDate",
    "dc:creator",
    "content:encoded",
    "excerpt:encoded",
    "wp:post_id",
    "wp:post_date",
    "wp:post_date_gmt",
    "wp:post_modified",
    "wp:post_modified_gmt",
    "wp:post_name",
    "wp:status",
    "wp:post_parent",
    "wp:post_type",
    "wp:attachment_url",
    "wp:wxr_version",
    "wp:base_site_url",
    "wp:base_blog_url",
    "wp:author_login",
    "wp:author_display_name",
    "wp:meta_key",
    "wp:meta_value",
];

/// Reads an export: `on_post` is called for each published post, in the file's order; what
/// the posts referred to (attachments) is returned with what the export says of its site.
pub fn read(
    path: &Path,
    options: ExportOptions,
    mut on_post: impl FnMut(Post, &SiteContext) -> Result<()>,
) -> Result<(ExportInfo, SiteContext)> {
    let mut site = SiteContext::default();
    let mut authors: HashMap<String, String> = HashMap::new();
    let mut info = ExportInfo::default();
    // First pass: attachments and authors, which posts refer to by id and login.
    scan(path, &mut info, |item, in_channel| {
        if in_channel {
            if let Some(login) = item.fields.get("wp:author_login") {
                let name = item
                    .fields
                    .get("wp:author_display_name")
                    .filter(|n| !n.trim().is_empty())
                    .unwrap_or(login);
                authors.insert(login.clone(), name.trim().to_string());
            }
            return Ok(());
        }
        let wanted = match item.field("wp:post_type") {
            "post" => true,
            "page" => options.pages,
            _ => false,
        };
        if wanted && item.field("wp:status") == "publish" {
            *site.posts_total.get_or_insert(0) += 1;
        }
        if item.field("wp:post_type") == "attachment" {
            let id = item.field("wp:post_id").trim().parse().unwrap_or(0);
            let url = item
                .fields
                .get("wp:attachment_url")
                .or(item.fields.get("link"))
                .cloned()
                .unwrap_or_default();
            let alt = item.meta("_wp_attachment_image_alt").unwrap_or_default();
            site.attachments.insert(
                id,
                Attachment {
                    url: url.trim().to_string(),
                    parent: item.field("wp:post_parent").trim().parse().unwrap_or(0),
                    caption: item.field("excerpt:encoded").to_string(),
                    alt,
                },
            );
        }
        Ok(())
    })?;
    if info.wxr_version.is_empty() {
        return Err(not_an_export(path, "it has no wp:wxr_version"));
    }
    info.items = 0;
    let mut posts = 0;
    scan(path, &mut info, |item, in_channel| {
        if in_channel {
            return Ok(());
        }
        let kind = match item.field("wp:post_type") {
            "post" => PostKind::Post,
            "page" if options.pages => PostKind::Page,
            _ => return Ok(()),
        };
        if item.field("wp:status") != "publish" {
            return Ok(());
        }
        posts += 1;
        on_post(item.post(kind, &authors, &site), &site)
    })?;
    info.posts = posts;
    Ok((info, site))
}

impl Item {
    fn field(&self, name: &str) -> &str {
        self.fields.get(name).map_or("", String::as_str)
    }

    fn meta(&self, key: &str) -> Option<String> {
        self.meta
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.clone())
    }

    fn post(&self, kind: PostKind, authors: &HashMap<String, String>, site: &SiteContext) -> Post {
        let login = self.field("dc:creator").trim();
        let author = authors
            .get(login)
            .cloned()
            .unwrap_or_else(|| login.to_string());
        let attachment = |id: Option<String>| {
            id.and_then(|i| i.trim().parse::<u64>().ok())
                .and_then(|i| site.attachments.get(&i))
                .map(|a| a.url.clone())
        };
        Post {
            site_id: self.field("wp:post_id").trim().parse().unwrap_or(0),
            kind,
            slug: self.field("wp:post_name").trim().to_string(),
            title: crate::convert::plain_text(self.field("title")),
            url: Some(self.field("link").trim().to_string()).filter(|l| !l.is_empty()),
            published: wp_time(self.field("wp:post_date_gmt"))
                .or_else(|| wp_time(self.field("wp:post_date")))
                .or_else(|| rfc2822(self.field("pubDate"))),
            modified: wp_time(self.field("wp:post_modified_gmt"))
                .or_else(|| wp_time(self.field("wp:post_modified"))),
            authors: (!author.is_empty()).then_some(author).into_iter().collect(),
            categories: self.terms("category"),
            tags: self.terms("post_tag"),
            excerpt: self.field("excerpt:encoded").to_string(),
            content: self.field("content:encoded").to_string(),
            raw: true,
            footnotes_meta: self
                .meta("footnotes")
                .filter(|m| m.trim_start().starts_with('[')),
            featured_image: attachment(self.meta("_thumbnail_id")),
        }
    }

    fn terms(&self, domain: &str) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for (d, name) in &self.categories {
            let name = crate::convert::plain_text(name);
            if d == domain && !name.is_empty() && !out.contains(&name) {
                out.push(name);
            }
        }
        out
    }
}

/// `2021-05-23 10:00:00` (WordPress's own format, UTC for the `_gmt` fields); `None` for
/// the zero date drafts carry.
pub fn wp_time(text: &str) -> Option<jiff::Timestamp> {
    let text = text.trim();
    if text.is_empty() || text.starts_with("0000") {
        return None;
    }
    let civil: jiff::civil::DateTime = text.replace(' ', "T").parse().ok()?;
    civil
        .to_zoned_datetime(jiff::tz::TimeZone::UTC)
        .ok()
        .map(|z| z.timestamp())
}

/// An RSS date (`Sun, 23 May 2021 10:00:00 +0000`).
pub fn rfc2822(text: &str) -> Option<jiff::Timestamp> {
    jiff::fmt::rfc2822::parse(text.trim())
        .ok()
        .map(|z| z.timestamp())
}

fn not_an_export(path: &Path, why: &str) -> BlogError {
    BlogError::Export {
        path: path.display().to_string(),
        line: 1,
        column: 1,
        message: format!("not a WordPress export: {why}"),
    }
}

/// Streams the file's items (and the channel's own fields and authors, with `true`).
fn scan(
    path: &Path,
    info: &mut ExportInfo,
    mut on_item: impl FnMut(&Item, bool) -> Result<()>,
) -> Result<()> {
    let file = std::fs::File::open(path).map_err(|e| BlogError::io(path, e))?;
    let mut reader = Reader::from_reader(BufReader::with_capacity(1 << 16, file));
    reader.config_mut().check_end_names = true;
    let fail = |reader: &Reader<BufReader<std::fs::File>>, message: String| {
        let (line, column) =
            line_column(path, reader.error_position().max(reader.buffer_position()));
        BlogError::Export {
            path: path.display().to_string(),
            line,
            column,
            message,
        }
    };
    let mut buf = Vec::new();
    let mut stack: Vec<String> = Vec::new();
    let mut channel = Item::default();
    let mut item: Option<Item> = None;
    let mut author: Option<Item> = None;
    let mut text = String::new();
    let mut category_domain = String::new();
    let mut in_comment = 0usize;
    let mut saw_root = false;
    loop {
        let event = match reader.read_event_into(&mut buf) {
            Ok(e) => e,
            Err(e) => return Err(fail(&reader, e.to_string())),
        };
        match event {
            Event::Start(e) => {
                let name = e.name().as_ref().to_string();
                if !saw_root {
                    saw_root = true;
                    if name != "rss" {
                        let why = if name == "feed" {
                            "it is an Atom feed (add it as a feed)".to_string()
                        } else {
                            format!("its root element is <{name}>, not <rss>")
                        };
                        return Err(not_an_export(path, &why));
                    }
                }
                match name.as_str() {
                    "item" if stack.last().is_some_and(|p| p == "channel") => {
                        item = Some(Item::default())
                    }
                    "wp:author" if item.is_none() => author = Some(Item::default()),
                    "wp:comment" => in_comment += 1,
                    "category" => {
                        category_domain = e
                            .try_get_attribute("domain")
                            .ok()
                            .flatten()
                            .and_then(|a| {
                                a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                                    .ok()
                                    .map(|v| v.into_owned())
                            })
                            .unwrap_or_else(|| "category".to_string());
                    }
                    _ => {}
                }
                text.clear();
                stack.push(name);
            }
            Event::End(_) => {
                let Some(name) = stack.pop() else { break };
                if in_comment > 0 {
                    if name == "wp:comment" {
                        in_comment -= 1;
                    }
                    text.clear();
                    continue;
                }
                let target = author.as_mut().or(item.as_mut()).unwrap_or(&mut channel);
                if let Some(field) = FIELDS.iter().find(|f| **f == name) {
                    if name == "wp:meta_value" {
                        let key = target.fields.remove("wp:meta_key").unwrap_or_default();
                        target.meta.push((key, std::mem::take(&mut text)));
                    } else if stack.last().is_some_and(|p| {
                        p == "item" || p == "channel" || p == "wp:author" || p == "wp:postmeta"
                    }) {
                        target.fields.insert(field, std::mem::take(&mut text));
                    }
                } else if name == "category" && item.is_some() {
                    let t = std::mem::take(&mut text);
                    if let Some(i) = item.as_mut() {
                        i.categories.push((std::mem::take(&mut category_domain), t));
                    }
                }
                match name.as_str() {
                    "item" => {
                        if let Some(done) = item.take() {
                            info.items += 1;
                            on_item(&done, false)?;
                        }
                    }
                    "wp:author" => {
                        if let Some(done) = author.take() {
                            on_item(&done, true)?;
                        }
                    }
                    "wp:wxr_version" | "wp:base_blog_url" | "wp:base_site_url" | "title"
                    | "link"
                        if item.is_none() && stack.last().is_some_and(|p| p == "channel") =>
                    {
                        let value = channel.field(&name).trim().to_string();
                        match name.as_str() {
                            "wp:wxr_version" => info.wxr_version = value,
                            "title" => info.title = value,
                            "wp:base_blog_url" => info.site_url = value,
                            "link" if info.site_url.is_empty() => info.site_url = value,
                            _ => {}
                        }
                    }
                    _ => {}
                }
                text.clear();
            }
            Event::Text(e) => text.push_str(&e.xml10_content()),
            Event::CData(e) => text.push_str(&e.xml10_content()),
            Event::GeneralRef(e) => match e.resolve_char_ref() {
                Ok(Some(c)) => text.push(c),
                Ok(None) => {
                    let name = e.xml10_content();
                    match quick_xml::escape::resolve_predefined_entity(&name) {
                        Some(s) => text.push_str(s),
                        None => {
                            text.push('&');
                            text.push_str(&name);
                            text.push(';');
                        }
                    }
                }
                Err(err) => return Err(fail(&reader, format!("bad character reference: {err}"))),
            },
            Event::Empty(e) => {
                if !saw_root {
                    return Err(not_an_export(path, "it is empty"));
                }
                let _ = e;
            }
            Event::Eof => {
                if !saw_root {
                    return Err(not_an_export(path, "it holds no XML elements"));
                }
                if let Some(open) = stack.last() {
                    return Err(fail(
                        &reader,
                        format!("the file ends inside <{open}>: it is truncated"),
                    ));
                }
                break;
            }
            _ => {}
        }
        buf.clear();
    }
    Ok(())
}

/// The line and column (from 1) of a byte offset, counted again from the file (only ever
/// done for an error).
fn line_column(path: &Path, offset: u64) -> (u64, u64) {
    let Ok(file) = std::fs::File::open(path) else {
        return (0, 0);
    };
    let mut reader = BufReader::new(file).take(offset);
    let (mut line, mut column) = (1u64, 1u64);
    let mut buf = [0u8; 1 << 16];
    loop {
        let n = match reader.read(&mut buf) {
            Ok(0) | Err(_) => break,
            Ok(n) => n,
        };
        for &b in &buf[..n] {
            if b == b'\n' {
                line += 1;
                column = 1;
            } else if b & 0xC0 != 0x80 {
                column += 1;
            }
        }
    }
    (line, column)
}
