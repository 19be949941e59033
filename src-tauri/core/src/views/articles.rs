use super::{refs, EntityRef};
use crate::content::Roots;
use crate::db::entries::{get_entry, list_entries, list_titles, EntryRow};
use crate::error::{Error, Result};
use crate::markdown::{self, Footnote, Heading, ImageBase};
use crate::mentions::{self, MentionLink};
use crate::model::{ArticleMeta, Kind, SeriesMeta};
use crate::parse::folder_of;
use rusqlite::Connection;
use serde::Serialize;
use specta::Type;
use std::collections::HashMap;

/// An article as the Blog index shows it.
#[derive(Debug, Clone, Serialize, Type)]
pub struct ArticleSummary {
    pub slug: String,
    pub title: String,
    pub subtitle: Option<String>,
    pub authors: Vec<EntityRef>,
    /// At its precision: `2021`, `2021-05` or `2021-05-23`.
    pub date: String,
    pub series: Option<SeriesBadge>,
    pub summary: String,
    pub tags: Vec<String>,
    /// Where it is published on the web.
    pub url: Option<String>,
    /// The blog it was brought in from (its name), or none for the starter library.
    pub blog: Option<String>,
    /// Deleted on its blog; kept here with its notes.
    pub removed_upstream: bool,
}

/// "Part 2 of 9" of a series.
#[derive(Debug, Clone, Serialize, Type)]
pub struct SeriesBadge {
    pub id: String,
    pub title: String,
    pub part: u32,
    pub total: u32,
}

/// An article to read.
#[derive(Debug, Clone, Serialize, Type)]
pub struct Article {
    pub meta: ArticleSummary,
    /// Sanitized HTML of the body and its footnotes.
    pub html: String,
    pub headings: Vec<Heading>,
    pub footnotes: Vec<Footnote>,
    pub series: Option<SeriesNav>,
    pub people: Vec<EntityRef>,
    pub organizations: Vec<EntityRef>,
    pub word_count: u32,
    /// The body as plain text: what annotations and mentions are offsets into.
    pub text: String,
    /// Where the text names people and organizations, in order.
    pub mentions: Vec<MentionLink>,
}

/// The series an article belongs to: all its parts, published or only announced.
#[derive(Debug, Clone, Serialize, Type)]
pub struct SeriesNav {
    pub id: String,
    pub title: String,
    pub part: u32,
    pub parts: Vec<SeriesPartLink>,
    /// The nearest published part before this one.
    pub previous: Option<SeriesPartLink>,
    /// The nearest published part after this one.
    pub next: Option<SeriesPartLink>,
}

/// One part of a series; `slug` is absent for a part announced but not yet published.
#[derive(Debug, Clone, Serialize, Type)]
pub struct SeriesPartLink {
    pub part: u32,
    pub title: String,
    pub slug: Option<String>,
}

pub(super) struct Context {
    people: HashMap<String, String>,
    series: HashMap<String, SeriesMeta>,
}

impl Context {
    pub(super) fn load(conn: &Connection) -> Result<Self> {
        let series = list_entries(conn, Kind::Series)?
            .into_iter()
            .map(|row| Ok((row.id, serde_json::from_str(&row.data)?)))
            .collect::<Result<_>>()?;
        Ok(Self {
            people: list_titles(conn, Kind::Person)?,
            series,
        })
    }

    pub(super) fn summary(&self, row: &EntryRow, meta: &ArticleMeta) -> ArticleSummary {
        ArticleSummary {
            slug: row.id.clone(),
            title: meta.title.clone(),
            subtitle: meta.subtitle.clone(),
            authors: refs(&meta.authors, &self.people),
            date: meta.date.to_string(),
            series: meta.series.as_ref().and_then(|place| {
                let s = self.series.get(&place.id)?;
                Some(SeriesBadge {
                    id: place.id.clone(),
                    title: s.title.clone(),
                    part: place.part,
                    total: u32::try_from(s.parts.len()).unwrap_or(u32::MAX),
                })
            }),
            summary: meta.summary.clone().unwrap_or_default(),
            tags: meta.tags.clone(),
            url: meta.url.clone(),
            blog: row
                .path
                .strip_prefix("blogs/")
                .and_then(|rest| rest.split_once('/'))
                .map(|(name, _)| name.to_string()),
            removed_upstream: meta.source.as_ref().is_some_and(|s| s.removed),
        }
    }
}

/// Every article, newest first.
pub fn article_summaries(conn: &Connection) -> Result<Vec<ArticleSummary>> {
    let ctx = Context::load(conn)?;
    list_entries(conn, Kind::Article)?
        .iter()
        .map(|row| Ok(ctx.summary(row, &serde_json::from_str(&row.data)?)))
        .collect()
}

/// One article with everything the reading view needs.
/// Its body is rendered now, with images resolved in the folders it is read from.
pub fn article(conn: &Connection, slug: &str, roots: &Roots) -> Result<Article> {
    let row =
        get_entry(conn, Kind::Article, slug)?.ok_or_else(|| Error::not_found("article", slug))?;
    let meta: ArticleMeta = serde_json::from_str(&row.data)?;
    let ctx = Context::load(conn)?;
    let series = match &meta.series {
        Some(place) => match ctx.series.get(&place.id) {
            Some(s) => Some(series_nav(conn, &place.id, s, place.part)?),
            None => None,
        },
        None => None,
    };
    let organizations = list_titles(conn, Kind::Organization)?;
    let rendered = markdown::render(
        &row.markdown,
        &ImageBase {
            roots,
            dir: folder_of(&row.path),
        },
    );
    Ok(Article {
        meta: ctx.summary(&row, &meta),
        headings: rendered.headings,
        footnotes: rendered.footnotes,
        series,
        people: refs(&meta.people, &ctx.people),
        organizations: refs(&meta.organizations, &organizations),
        word_count: u32::try_from(row.text.split_whitespace().count()).unwrap_or(u32::MAX),
        html: rendered.html,
        mentions: mentions::in_article(
            conn,
            slug,
            &row.text,
            &mentions::Titles {
                people: &ctx.people,
                organizations: &organizations,
            },
        )?,
        text: row.text,
    })
}

fn series_nav(conn: &Connection, id: &str, series: &SeriesMeta, part: u32) -> Result<SeriesNav> {
    let mut published: HashMap<u32, String> = HashMap::new();
    for row in list_entries(conn, Kind::Article)? {
        let meta: ArticleMeta = serde_json::from_str(&row.data)?;
        if let Some(place) = meta.series.filter(|p| p.id == id) {
            published.entry(place.part).or_insert(row.id);
        }
    }
    let mut parts: Vec<SeriesPartLink> = series
        .parts
        .iter()
        .map(|p| SeriesPartLink {
            part: p.part,
            title: p.title.clone(),
            slug: published.get(&p.part).cloned(),
        })
        .collect();
    parts.sort_by_key(|p| p.part);
    let previous = parts
        .iter()
        .rev()
        .find(|p| p.part < part && p.slug.is_some())
        .cloned();
    let next = parts
        .iter()
        .find(|p| p.part > part && p.slug.is_some())
        .cloned();
    Ok(SeriesNav {
        id: id.to_owned(),
        title: series.title.clone(),
        part,
        parts,
        previous,
        next,
    })
}
