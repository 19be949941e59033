//! The Library as a blog's archive: a page of articles at a time, narrowed by the reader's
//! choices, and the counts to choose by (years and months, series, tags, authors, sources).

use super::articles::{ArticleSummary, Context};
use crate::db::archive::{self, Narrowing};
use crate::db::entries::list_titles;
use crate::error::Result;
use crate::model::{ArticleMeta, Kind};
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use specta::Type;

/// The reader's choices and the page wanted.
#[derive(Debug, Clone, Default, Deserialize, Type)]
#[serde(default)]
pub struct ArchiveQuery {
    pub year: Option<i32>,
    pub month: Option<u8>,
    pub series: Option<String>,
    pub tag: Option<String>,
    /// A person id.
    pub author: Option<String>,
    /// `starter`, or a blog's name.
    pub source: Option<String>,
    pub offset: u32,
    /// At most 500 a page.
    pub limit: u32,
}

/// A page of articles, newest first, and how many the choices leave in all.
#[derive(Debug, Clone, Serialize, Type)]
pub struct ArticlePage {
    pub total: u32,
    pub offset: u32,
    pub articles: Vec<ArticleSummary>,
}

/// A month of a year and its articles (`month` 0: dated only to the year).
#[derive(Debug, Clone, Serialize, Deserialize, Type)]
pub struct MonthCount {
    pub month: u8,
    pub count: u32,
}

#[derive(Debug, Clone, Serialize, Deserialize, Type)]
pub struct YearCount {
    pub year: i32,
    pub count: u32,
    pub months: Vec<MonthCount>,
}

/// Something to narrow by, with its name and how many articles it has.
#[derive(Debug, Clone, Serialize, Deserialize, Type)]
pub struct Count {
    pub id: String,
    pub name: String,
    pub count: u32,
}

/// Tags the archive lists at most: a large library has tens of thousands, and the rest are
/// reached from an article's tags or the address.
pub const TAGS_SHOWN: usize = 1_000;

/// What a blog's archive offers to browse by.
#[derive(Debug, Clone, Serialize, Deserialize, Type)]
pub struct Archive {
    pub total: u32,
    /// Newest first.
    pub years: Vec<YearCount>,
    /// By title; `count` is the parts the library holds.
    pub series: Vec<Count>,
    /// The [`TAGS_SHOWN`] most used, most used first.
    pub tags: Vec<Count>,
    /// How many tags there are in all.
    pub tags_total: u32,
    pub authors: Vec<Count>,
    /// The starter library first, then each blog.
    pub sources: Vec<Count>,
}

/// A page of the articles the query's choices leave.
pub fn article_page(conn: &Connection, q: &ArchiveQuery) -> Result<ArticlePage> {
    let narrowing = Narrowing {
        year: q.year,
        month: q.month.filter(|m| (1..=12).contains(m)),
        series: q.series.clone(),
        tag: q.tag.clone(),
        author: q.author.clone(),
        source: q.source.clone(),
    };
    let (total, rows) = archive::page_articles(conn, &narrowing, q.offset, q.limit.clamp(1, 500))?;
    let ctx = Context::load(conn)?;
    let articles = rows
        .iter()
        .map(|row| Ok(ctx.summary(row, &serde_json::from_str::<ArticleMeta>(&row.data)?)))
        .collect::<Result<_>>()?;
    Ok(ArticlePage {
        total,
        offset: q.offset,
        articles,
    })
}

/// The summaries of the articles with these slugs, in that order (the reading shelf, the
/// titles a list of notes needs): never the whole library.
pub fn articles_by_slug(conn: &Connection, slugs: &[String]) -> Result<Vec<ArticleSummary>> {
    let ctx = Context::load(conn)?;
    crate::db::entries::list_entries_by_id(conn, Kind::Article, slugs)?
        .iter()
        .map(|row| Ok(ctx.summary(row, &serde_json::from_str::<ArticleMeta>(&row.data)?)))
        .collect()
}

/// The counts to browse by.
pub fn archive(conn: &Connection) -> Result<Archive> {
    let mut years: Vec<YearCount> = Vec::new();
    for (year, month, count) in archive::count_by_month(conn)? {
        match years.last_mut() {
            Some(y) if y.year == year => {
                y.count += count;
                y.months.push(MonthCount { month, count });
            }
            _ => years.push(YearCount {
                year,
                count,
                months: vec![MonthCount { month, count }],
            }),
        }
    }
    let named = |rows: Vec<(String, u32)>,
                 names: &std::collections::HashMap<String, String>|
     -> Vec<Count> {
        rows.into_iter()
            .map(|(id, count)| Count {
                name: names.get(&id).cloned().unwrap_or_else(|| id.clone()),
                id,
                count,
            })
            .collect()
    };
    let no_names = Default::default();
    let mut series = named(
        archive::count_by_series(conn)?,
        &list_titles(conn, Kind::Series)?,
    );
    series.sort_by_key(|s| s.name.to_lowercase());
    let sources = archive::count_by_source(conn)?
        .into_iter()
        .map(|(id, count)| Count {
            name: if id == "starter" {
                "Starter library".into()
            } else {
                id.clone()
            },
            id,
            count,
        })
        .collect();
    let tags = archive::count_by_tag(conn)?;
    Ok(Archive {
        total: years.iter().map(|y| y.count).sum(),
        years,
        series,
        tags_total: u32::try_from(tags.len()).unwrap_or(u32::MAX),
        tags: named(tags.into_iter().take(TAGS_SHOWN).collect(), &no_names),
        authors: named(
            archive::count_by_author(conn)?,
            &list_titles(conn, Kind::Person)?,
        ),
        sources,
    })
}
