//! What the index holds for each library entry, read from library.sqlite (the one source of
//! truth): one [`SearchDoc`] per article, person, organization and book.

use super::query::SearchKind;
use crate::db::entries::{self, EntryRow};
use crate::error::Result;
use crate::model::{
    ArticleMeta, BookMeta, BookStatus, Kind, OrganizationMeta, PersonMeta, SeriesMeta,
};
use rusqlite::Connection;
use std::collections::HashMap;

/// One searchable thing, as text per field.
#[derive(Debug, Clone)]
pub struct SearchDoc {
    pub kind: SearchKind,
    pub id: String,
    pub title: String,
    pub heads: String,
    pub author: String,
    pub series: String,
    pub body: String,
    /// The people and organizations the body names (`person/<id>`); filled for the index only.
    pub named: Vec<String>,
    /// What a snippet shows before the body for people, organizations and books.
    pub summary: String,
    pub year_from: Option<i64>,
    pub year_to: Option<i64>,
}

impl SearchDoc {
    pub fn key(&self) -> String {
        key(self.kind.name(), &self.id)
    }
}

pub fn key(kind: &str, id: &str) -> String {
    format!("{kind}/{id}")
}

/// The library kinds the index covers, with their search kinds.
pub const LIBRARY_KINDS: [(Kind, SearchKind); 4] = [
    (Kind::Article, SearchKind::Article),
    (Kind::Person, SearchKind::Person),
    (Kind::Organization, SearchKind::Organization),
    (Kind::Book, SearchKind::Book),
];

/// The search kind of a library kind the index covers.
pub fn search_kind(kind: Kind) -> Option<SearchKind> {
    LIBRARY_KINDS
        .iter()
        .find(|(k, _)| *k == kind)
        .map(|(_, s)| *s)
}

/// The library kind a search kind is stored as (`None` for notes).
pub fn library_kind(kind: SearchKind) -> Option<Kind> {
    LIBRARY_KINDS
        .iter()
        .find(|(_, s)| *s == kind)
        .map(|(k, _)| *k)
}

/// A name followed by its aliases, as one text.
fn name_and_aliases(name: String, aliases: Vec<String>) -> Vec<String> {
    std::iter::once(name).chain(aliases).collect()
}

/// Names a person or organization is known by, for author fields and alias expansion.
pub struct Names {
    pub people: HashMap<String, Vec<String>>,
    pub organizations: HashMap<String, Vec<String>>,
    pub series: HashMap<String, String>,
}

impl Names {
    pub fn load(conn: &Connection) -> Result<Names> {
        let mut people = HashMap::new();
        for row in entries::list_entries(conn, Kind::Person)? {
            if let Ok(p) = serde_json::from_str::<PersonMeta>(&row.data) {
                people.insert(row.id, name_and_aliases(p.name, p.aliases));
            }
        }
        let mut organizations = HashMap::new();
        for row in entries::list_entries(conn, Kind::Organization)? {
            if let Ok(o) = serde_json::from_str::<OrganizationMeta>(&row.data) {
                organizations.insert(row.id, name_and_aliases(o.name, o.aliases));
            }
        }
        let mut series = HashMap::new();
        for row in entries::list_entries(conn, Kind::Series)? {
            if let Ok(s) = serde_json::from_str::<SeriesMeta>(&row.data) {
                series.insert(row.id, s.title);
            }
        }
        Ok(Names {
            people,
            organizations,
            series,
        })
    }

    fn people_text(&self, ids: &[String]) -> String {
        Self::text(&self.people, ids)
    }

    fn organizations_text(&self, ids: &[String]) -> String {
        Self::text(&self.organizations, ids)
    }

    /// The names and aliases of `ids` (an id the library lacks, as words).
    fn text(names: &HashMap<String, Vec<String>>, ids: &[String]) -> String {
        ids.iter()
            .map(|id| match names.get(id) {
                Some(names) => names.join(" ; "),
                None => id.replace('-', " "),
            })
            .collect::<Vec<_>>()
            .join(" ; ")
    }
}

/// Calls `f` with the document of every entry (all of them, or only those in `keys`).
pub fn for_each_doc(
    conn: &Connection,
    names: &Names,
    mut f: impl FnMut(SearchDoc) -> Result<()>,
) -> Result<()> {
    for (kind, search_kind) in LIBRARY_KINDS {
        entries::for_each_entry(conn, kind, |row| f(document(row, search_kind, names)))?;
    }
    Ok(())
}

/// The document of one entry, if it exists.
pub fn document_of(
    conn: &Connection,
    names: &Names,
    kind: SearchKind,
    id: &str,
) -> Result<Option<SearchDoc>> {
    let Some(library_kind) = library_kind(kind) else {
        return Ok(None);
    };
    Ok(entries::get_entry_text(conn, library_kind, id)?.map(|row| document(row, kind, names)))
}

/// The document of a stored entry.
pub fn document(row: EntryRow, kind: SearchKind, names: &Names) -> SearchDoc {
    let mut doc = SearchDoc {
        kind,
        id: row.id,
        title: String::new(),
        heads: String::new(),
        author: String::new(),
        series: String::new(),
        body: row.text,
        named: Vec::new(),
        summary: String::new(),
        year_from: None,
        year_to: None,
    };
    let headings: Vec<crate::markdown::Heading> =
        serde_json::from_str(&row.headings).unwrap_or_default();
    let heading_text = headings
        .iter()
        .map(|h| h.text.as_str())
        .collect::<Vec<_>>()
        .join(" ; ");
    match kind {
        SearchKind::Article => {
            if let Ok(a) = serde_json::from_str::<ArticleMeta>(&row.data) {
                doc.title = join([Some(a.title), a.subtitle]);
                let series = a.series.map(|s| {
                    let title = names.series.get(&s.id).cloned().unwrap_or_default();
                    format!("{} ; {title}", s.id.replace('-', " "))
                });
                // The people and organizations the article is about (its front matter names
                // them) weigh as its headings do, above a passing mention in the text.
                doc.heads = join([
                    Some(heading_text),
                    a.summary,
                    Some(a.tags.join(" ; ")),
                    series.clone(),
                    Some(names.people_text(&a.people)),
                    Some(names.organizations_text(&a.organizations)),
                ]);
                doc.series = series.unwrap_or_default();
                doc.author = names.people_text(&a.authors);
                doc.year_from = Some(i64::from(a.date.year));
                doc.year_to = doc.year_from;
            }
        }
        SearchKind::Person => {
            if let Ok(p) = serde_json::from_str::<PersonMeta>(&row.data) {
                doc.title = name_and_aliases(p.name, p.aliases).join(" ; ");
                doc.summary = p.summary.clone().unwrap_or_default();
                doc.heads = p.summary.unwrap_or_default();
                doc.year_from = p.born.map(|d| i64::from(d.year));
                doc.year_to = p.died.map(|d| i64::from(d.year));
            }
        }
        SearchKind::Organization => {
            if let Ok(o) = serde_json::from_str::<OrganizationMeta>(&row.data) {
                doc.title = name_and_aliases(o.name, o.aliases).join(" ; ");
                let roles = o
                    .leaders
                    .iter()
                    .map(|l| {
                        format!(
                            "{} {}",
                            l.role,
                            names.people_text(std::slice::from_ref(&l.person))
                        )
                    })
                    .chain(o.events.iter().map(|e| e.label.clone()))
                    .collect::<Vec<_>>()
                    .join(" ; ");
                doc.summary = o.summary.clone().unwrap_or_default();
                doc.heads = join([o.summary, Some(roles)]);
                doc.year_from = o.founded.map(|d| i64::from(d.year));
                doc.year_to = o.dissolved.map(|d| i64::from(d.year));
            }
        }
        SearchKind::Book => {
            if let Ok(b) = serde_json::from_str::<BookMeta>(&row.data) {
                doc.summary = b.subtitle.clone().unwrap_or_default();
                doc.title = join([Some(b.title.clone()), b.subtitle.clone()]);
                doc.heads = join([
                    Some(b.publishers.join(" ; ")),
                    b.book_series.clone(),
                    Some(buyers_words(&b)),
                ]);
                let people: Vec<String> = b
                    .authors
                    .iter()
                    .chain(&b.editors)
                    .chain(&b.translators)
                    .cloned()
                    .collect();
                doc.author = names.people_text(&people);
                let year = b.date.or(b.expected).map(|d| i64::from(d.year));
                doc.year_from = year;
                doc.year_to = year;
            }
        }
        SearchKind::Note => {}
    }
    // An open end (alive, not dissolved) spans to the far future; an unknown start, the past.
    if doc.year_from.is_some() || doc.year_to.is_some() {
        doc.year_from = doc.year_from.or(Some(i64::MIN / 2));
        doc.year_to = doc.year_to.or(Some(i64::MAX / 2));
    }
    doc
}

/// Words that ask for books on offer.
const OFFER_WORDS: [&str; 7] = [
    "offer",
    "offers",
    "discount",
    "discounts",
    "sale",
    "deal",
    "deals",
];

/// Whether the query asks for books on offer (one of its words is `offer`, `discount`, `sale`…).
pub fn asks_for_offers(query: &super::query::Query) -> bool {
    query.must.iter().flatten().any(|unit| match unit {
        super::query::Unit::Word { text, .. } => {
            OFFER_WORDS.contains(&text.to_lowercase().as_str())
        }
        super::query::Unit::Phrase(_) | super::query::Unit::Entity { .. } => false,
    })
}

/// Whether a book (its front matter as stored) has an edition on offer that has not expired
/// on `today`.
pub fn has_running_offer(data: &str, today: crate::date::PartialDate) -> bool {
    serde_json::from_str::<BookMeta>(data).is_ok_and(|b| {
        b.editions.iter().any(|e| {
            e.offer
                .as_ref()
                .is_some_and(|o| !crate::books::expired(o.valid_until, today))
        })
    })
}

/// What a buyer types to find a book: its status (`forthcoming`), its editions' formats and
/// publishers, and for an edition on offer `offer`, `discount`, `sale`, the percentage, the
/// prices and any code.
fn buyers_words(b: &BookMeta) -> String {
    let status = |s: BookStatus| match s {
        BookStatus::Published => "published",
        BookStatus::Forthcoming => "forthcoming",
        BookStatus::InPreparation => "in preparation",
    };
    let mut words = vec![status(b.status).to_string()];
    for e in &b.editions {
        words.push(format!("{} {}", e.format, status(e.status)));
        words.extend(e.publisher.clone());
        if let Some(o) = &e.offer {
            words.push("offer discount sale".into());
            words.extend(o.discount_percent.as_ref().map(|d| format!("{d}%")));
            words.extend(o.price.as_ref().map(|p| p.to_string()));
            words.extend(o.list_price.as_ref().map(|p| p.to_string()));
            words.extend(o.currency.clone());
            words.extend(o.code.clone());
        }
    }
    words.join(" ; ")
}

fn join<const N: usize>(parts: [Option<String>; N]) -> String {
    parts
        .into_iter()
        .flatten()
        .filter(|s| !s.trim().is_empty())
        .collect::<Vec<_>>()
        .join(" ; ")
}
