//! A person's page and an organization's page: who or what they were, their roles or leaders
//! in order, events, a small timeline, books and every article that mentions them.

use super::{article_summaries, refs, ArticleSummary, EntityRef};
use crate::db::entries::{get_entry, list_entries, list_titles, EntryRow};
use crate::error::{Error, Result};
use crate::markdown::{self, ImageBase};
use crate::mentions::{self, Mentions};

/// Articles listed with their sentences on a page.
const PAGE_MENTIONS: usize = 100;
use crate::content::Roots;
use crate::model::{BookMeta, Kind, OrganizationMeta, PersonMeta};
use crate::parse::folder_of;
use crate::timeline::{self, Bar, Histories, Mark, Timeline, TimelineQuery};
use rusqlite::Connection;
use serde::Serialize;
use specta::Type;

#[derive(Debug, Clone, Serialize, Type)]
pub struct PersonPage {
    pub id: String,
    pub name: String,
    pub aliases: Vec<String>,
    pub born: Option<String>,
    pub died: Option<String>,
    pub summary: Option<String>,
    /// The biography, as sanitized HTML.
    pub html: String,
    /// Roles across every organization, by start.
    pub roles: Vec<Bar>,
    /// Events of the organizations the person led, while they led them.
    pub events: Vec<Mark>,
    /// The person's lane and the lanes of the organizations they led.
    pub timeline: Timeline,
    pub books: Vec<BookCredit>,
    /// Articles the person wrote.
    pub articles: Vec<ArticleSummary>,
    /// The articles that name them: the 100 with the most mentions, and the totals.
    pub mentions: Mentions,
}

/// A book and what the person did for it: `author`, `editor` or `translator`.
#[derive(Debug, Clone, Serialize, Type)]
pub struct BookCredit {
    pub id: String,
    pub title: String,
    pub date: Option<String>,
    pub credit: String,
}

#[derive(Debug, Clone, Serialize, Type)]
pub struct OrganizationPage {
    pub id: String,
    pub name: String,
    pub aliases: Vec<String>,
    pub founded: Option<String>,
    pub dissolved: Option<String>,
    pub summary: Option<String>,
    pub html: String,
    pub parent: Option<EntityRef>,
    pub children: Vec<EntityRef>,
    /// Leaders role by role, each in succession with the gaps between them.
    pub succession: Vec<Succession>,
    pub events: Vec<Mark>,
    /// The organization's lane.
    pub timeline: Timeline,
    /// Books related to the articles about the organization.
    pub books: Vec<BookCredit>,
    /// The articles that name them: the 100 with the most mentions, and the totals.
    pub mentions: Mentions,
}

/// The holders of one role in order; `gap_before` is set where the role stood empty (as far
/// as the sources say) between the previous holder's end and this one's start.
#[derive(Debug, Clone, Serialize, Type)]
pub struct Succession {
    pub role: String,
    pub holders: Vec<Holder>,
}

#[derive(Debug, Clone, Serialize, Type)]
pub struct Holder {
    pub bar: Bar,
    pub gap_before: Option<Gap>,
}

/// From the end of one tenure to the start of the next, both as written.
#[derive(Debug, Clone, Serialize, Type)]
pub struct Gap {
    pub from: String,
    pub to: String,
}

fn entry(conn: &Connection, kind: Kind, id: &str) -> Result<EntryRow> {
    get_entry(conn, kind, id)?.ok_or_else(|| Error::not_found(kind.name(), id))
}

fn body_html(row: &EntryRow, roots: &Roots) -> String {
    let images = ImageBase {
        roots,
        dir: folder_of(&row.path),
    };
    markdown::render(&row.markdown, &images).html
}

pub fn person_page(
    conn: &Connection,
    histories: &Histories,
    id: &str,
    roots: &Roots,
) -> Result<PersonPage> {
    let row = entry(conn, Kind::Person, id)?;
    let meta: PersonMeta = serde_json::from_str(&row.data)?;
    let mine = timeline::timeline(
        conn,
        histories,
        &TimelineQuery {
            people: vec![id.to_owned()],
            ..Default::default()
        },
    )?;
    let roles: Vec<Bar> = mine.lanes.into_iter().flat_map(|l| l.bars).collect();
    let mut organizations: Vec<String> = roles.iter().map(|b| b.organization.id.clone()).collect();
    organizations.sort();
    organizations.dedup();
    let timeline = timeline::timeline(
        conn,
        histories,
        &TimelineQuery {
            organizations,
            people: vec![id.to_owned()],
            ..Default::default()
        },
    )?;
    let mut events: Vec<Mark> = timeline
        .lanes
        .iter()
        .flat_map(|l| &l.marks)
        .filter(|m| {
            roles
                .iter()
                .any(|b| b.organization.id == m.organization.id && overlaps(b, m))
        })
        .cloned()
        .collect();
    events.sort_by_key(|m| m.days.start);
    let articles = article_summaries(conn)?
        .into_iter()
        .filter(|a| a.authors.iter().any(|p| p.id == id))
        .collect();
    Ok(PersonPage {
        id: row.id.clone(),
        name: meta.name,
        aliases: meta.aliases,
        born: meta.born.map(|d| d.to_string()),
        died: meta.died.map(|d| d.to_string()),
        summary: meta.summary,
        html: body_html(&row, roots),
        roles,
        events,
        timeline,
        books: books(conn, |b| credit(b, id))?,
        articles,
        mentions: mentions::of_entity(conn, Kind::Person, id, Some(PAGE_MENTIONS))?,
    })
}

fn overlaps(b: &Bar, m: &Mark) -> bool {
    let (start, end) = (
        b.days.start.unwrap_or(i32::MIN),
        b.days.end.unwrap_or(i32::MAX),
    );
    m.days.end.is_none_or(|e| e > start) && m.days.start.is_none_or(|s| s < end)
}

fn credit(b: &BookMeta, id: &str) -> Option<String> {
    let id = id.to_owned();
    [
        (&b.authors, "author"),
        (&b.editors, "editor"),
        (&b.translators, "translator"),
    ]
    .into_iter()
    .find(|(ids, _)| ids.contains(&id))
    .map(|(_, c)| c.to_owned())
}

/// Books for which `credit` gives a credit, by date.
fn books(
    conn: &Connection,
    credit: impl Fn(&BookMeta) -> Option<String>,
) -> Result<Vec<BookCredit>> {
    let mut out = Vec::new();
    for row in list_entries(conn, Kind::Book)? {
        let m: BookMeta = serde_json::from_str(&row.data)?;
        if let Some(credit) = credit(&m) {
            out.push(BookCredit {
                id: row.id,
                title: m.title,
                date: m.date.map(|d| d.to_string()),
                credit,
            });
        }
    }
    out.sort_by(|a, b| (&a.date, &a.title).cmp(&(&b.date, &b.title)));
    Ok(out)
}

pub fn organization_page(
    conn: &Connection,
    histories: &Histories,
    id: &str,
    roots: &Roots,
) -> Result<OrganizationPage> {
    let row = entry(conn, Kind::Organization, id)?;
    let meta: OrganizationMeta = serde_json::from_str(&row.data)?;
    let timeline = timeline::timeline(
        conn,
        histories,
        &TimelineQuery {
            organizations: vec![id.to_owned()],
            ..Default::default()
        },
    )?;
    let lane = timeline.lanes.first();
    let bars: Vec<Bar> = lane.map(|l| l.bars.clone()).unwrap_or_default();
    let events = lane.map(|l| l.marks.clone()).unwrap_or_default();
    let names = list_titles(conn, Kind::Organization)?;
    let children = histories.children(id);
    // Articles about the organization (by their front matter), then the books related to them.
    let about: Vec<String> = list_entries(conn, Kind::Article)?
        .into_iter()
        .filter(|a| {
            serde_json::from_str::<crate::model::ArticleMeta>(&a.data)
                .is_ok_and(|m| m.organizations.iter().any(|o| o == id))
        })
        .map(|a| a.id)
        .collect();
    Ok(OrganizationPage {
        id: row.id.clone(),
        name: meta.name,
        aliases: meta.aliases,
        founded: meta.founded.map(|d| d.to_string()),
        dissolved: meta.dissolved.map(|d| d.to_string()),
        summary: meta.summary,
        html: body_html(&row, roots),
        parent: meta
            .parent
            .as_ref()
            .map(|p| refs(std::slice::from_ref(p), &names).remove(0)),
        children: refs(&children, &names),
        succession: succession(bars),
        events,
        timeline,
        books: books(conn, |b| {
            b.related
                .iter()
                .any(|a| about.contains(a))
                .then(|| "related".to_owned())
        })?,
        mentions: mentions::of_entity(conn, Kind::Organization, id, Some(PAGE_MENTIONS))?,
    })
}

/// Bars grouped by role (roles in the order they first appear), each group by start, with a
/// gap wherever one tenure's known end comes before the next one's known start.
fn succession(bars: Vec<Bar>) -> Vec<Succession> {
    let mut out: Vec<Succession> = Vec::new();
    for bar in bars {
        let role = bar.role.to_lowercase();
        match out.iter_mut().find(|s| s.role.to_lowercase() == role) {
            Some(s) => s.holders.push(Holder {
                bar,
                gap_before: None,
            }),
            None => out.push(Succession {
                role: bar.role.clone(),
                holders: vec![Holder {
                    bar,
                    gap_before: None,
                }],
            }),
        }
    }
    for s in &mut out {
        for i in 1..s.holders.len() {
            let (before, after) = s.holders.split_at_mut(i);
            let (prev, next) = (&before[i - 1].bar, &mut after[0]);
            let ended = prev.days.end.filter(|_| prev.to.is_some());
            if let (Some(end), Some(start), Some(from), Some(to)) =
                (ended, next.bar.days.start, &prev.to, &next.bar.from)
            {
                // `end` is exclusive: a gap means a whole period no one is known to have held it.
                if start > end {
                    next.gap_before = Some(Gap {
                        from: from.clone(),
                        to: to.clone(),
                    });
                }
            }
        }
    }
    out
}
