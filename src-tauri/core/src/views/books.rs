//! Books for the Books view, the book page and `lectern-cli list books`: editions with their
//! offers in exact money, judged live or expired on a given day, and where the blog
//! announces, reviews and cites each book.

use super::{refs, EntityRef};
use crate::books::{self, Record};
use crate::content::Roots;
use crate::db::entries::{get_entry, list_entries, list_titles};
use crate::db::{articles, citations};
use crate::error::{Error, Result};
use crate::markdown::{self, ImageBase};
use crate::model::{BookMeta, BookStatus, Edition, Kind, Offer};
use crate::money;
use crate::parse::folder_of;
use crate::PartialDate;
use rusqlite::Connection;
use serde::Serialize;
use specta::Type;
use std::collections::HashMap;

/// An offer with its amounts completed (any two of price, list price and discount give the
/// third) as exact decimal strings.
#[derive(Debug, Clone, Serialize, Type)]
pub struct OfferView {
    pub price: Option<String>,
    pub currency: Option<String>,
    pub discount_percent: Option<String>,
    pub list_price: Option<String>,
    pub saving: Option<String>,
    pub code: Option<String>,
    pub valid_until: Option<String>,
    pub url: Option<String>,
    /// Past its valid-until day on the day asked about.
    pub expired: bool,
    /// The edition it is on (`paperback`).
    pub edition: String,
}

#[derive(Debug, Clone, Serialize, Type)]
pub struct EditionView {
    pub format: String,
    pub publisher: Option<String>,
    pub date: Option<String>,
    pub pages: Option<u32>,
    pub status: BookStatus,
    pub expected: Option<String>,
    pub url: Option<String>,
    pub offer: Option<OfferView>,
}

/// How the blog treats a book; a book can be several.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Type)]
#[serde(rename_all = "kebab-case")]
pub enum Treatment {
    Offered,
    Announced,
    Reviewed,
    Cited,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
pub struct CitedIn {
    pub article: String,
    pub footnote: u32,
}

#[derive(Debug, Clone, Serialize, Type)]
pub struct BookCard {
    pub id: String,
    pub title: String,
    pub subtitle: Option<String>,
    pub authors: Vec<EntityRef>,
    pub editors: Vec<EntityRef>,
    pub translators: Vec<EntityRef>,
    pub publishers: Vec<String>,
    /// The publisher's series the book appeared in.
    pub book_series: Option<String>,
    pub year: Option<i32>,
    /// The date as written (`2021`, `2021-06-17`).
    pub date: Option<String>,
    pub pages: Option<u32>,
    pub status: BookStatus,
    pub expected: Option<String>,
    pub editions: Vec<EditionView>,
    /// The first live offer among the editions, else the first expired one.
    pub offer: Option<OfferView>,
    /// Articles that announce, review or discuss it.
    pub related: Vec<String>,
    pub cited_in: Vec<CitedIn>,
    pub treatments: Vec<Treatment>,
    /// An image stored beside the content (`books/<id>.jpg`), as a media URL.
    pub cover: Option<String>,
}

/// A title cited in a footnote that names no book of the library.
#[derive(Debug, Clone, Serialize, Type)]
pub struct Unlisted {
    pub title: String,
    /// The citation, as the footnote gives it.
    pub text: String,
    pub article: String,
    pub article_title: String,
    pub footnote: u32,
}

#[derive(Debug, Clone, Serialize, Type)]
pub struct BookList {
    pub books: Vec<BookCard>,
    /// Cited, not in the list.
    pub unlisted: Vec<Unlisted>,
    /// The day offers were judged on.
    pub today: String,
}

#[derive(Debug, Clone, Serialize, Type)]
pub struct ArticleLink {
    pub slug: String,
    pub title: String,
    pub date: Option<String>,
}

/// A footnote that cites the book, with the article it is in.
#[derive(Debug, Clone, Serialize, Type)]
pub struct CitingNote {
    pub article: ArticleLink,
    pub footnote: u32,
    /// The footnote's sanitized HTML.
    pub html: String,
}

#[derive(Debug, Clone, Serialize, Type)]
pub struct BookPage {
    pub book: BookCard,
    /// The description (the file's body), sanitized HTML.
    pub html: String,
    pub announced_in: Vec<ArticleLink>,
    pub reviewed_in: Vec<ArticleLink>,
    pub citing: Vec<CitingNote>,
}

fn text(d: Option<PartialDate>) -> Option<String> {
    d.map(|d| d.to_string())
}

fn offer_view(offer: &Offer, edition: &str, today: PartialDate) -> OfferView {
    let digits = offer
        .currency
        .as_deref()
        .and_then(money::minor_digits)
        .unwrap_or(2);
    let amount = |a: Option<money::Amount>| a.map(|a| a.0);
    let t = money::terms(
        amount(offer.price),
        amount(offer.list_price),
        amount(offer.discount_percent),
        digits,
    );
    // Money shows all its minor digits (`18.90`); a percent as written (`40`).
    let cash = |d: Option<rust_decimal::Decimal>| {
        d.map(|mut d| {
            d.rescale(digits);
            d.to_string()
        })
    };
    OfferView {
        price: cash(t.price),
        currency: offer.currency.clone(),
        discount_percent: t.discount_percent.map(|d| d.normalize().to_string()),
        list_price: cash(t.list_price),
        saving: cash(t.saving),
        code: offer.code.clone(),
        valid_until: text(offer.valid_until),
        url: offer.url.clone(),
        expired: books::expired(offer.valid_until, today),
        edition: edition.to_owned(),
    }
}

fn edition_view(e: &Edition, today: PartialDate) -> EditionView {
    EditionView {
        format: e.format.clone(),
        publisher: e.publisher.clone(),
        date: text(e.date),
        pages: e.pages,
        status: e.status,
        expected: text(e.expected),
        url: e.url.clone(),
        offer: e.offer.as_ref().map(|o| offer_view(o, &e.format, today)),
    }
}

/// What the library knows around its books, loaded once per list.
struct Context {
    people: HashMap<String, String>,
    /// Articles' tags, by slug, for telling reviews from announcements.
    reviews: HashMap<String, bool>,
    cited: HashMap<String, Vec<CitedIn>>,
    roots: Roots,
}

impl Context {
    fn load(conn: &Connection, roots: &Roots) -> Result<Context> {
        let mut reviews = HashMap::new();
        for (slug, review) in articles::list_related_reviews(conn)? {
            reviews.insert(slug, review);
        }
        let mut cited: HashMap<String, Vec<CitedIn>> = HashMap::new();
        for (book, article, footnote) in citations::list_citing_footnotes(conn)? {
            cited
                .entry(book)
                .or_default()
                .push(CitedIn { article, footnote });
        }
        Ok(Context {
            people: list_titles(conn, Kind::Person)?,
            reviews,
            cited,
            roots: roots.clone(),
        })
    }

    /// A cover image stored beside the book's file (`books/<id>.jpg`).
    fn cover(&self, path: &str, id: &str) -> Option<String> {
        ["jpg", "jpeg", "png", "webp"].iter().find_map(|ext| {
            let relative = format!("{}/{id}.{ext}", folder_of(path));
            self.roots
                .resolve(&relative)
                .is_some_and(|f| f.is_file())
                .then(|| crate::media_url::media_url(&relative))
        })
    }

    fn card(&self, path: &str, id: String, m: &BookMeta, today: PartialDate) -> BookCard {
        let editions: Vec<EditionView> =
            m.editions.iter().map(|e| edition_view(e, today)).collect();
        let offers = || editions.iter().filter_map(|e| e.offer.as_ref());
        let offer = offers()
            .find(|o| !o.expired)
            .or_else(|| offers().next())
            .cloned();
        let cited_in = self.cited.get(&id).cloned().unwrap_or_default();
        let is_review = |slug: &String| self.reviews.get(slug).copied().unwrap_or(false);
        let treatments = [
            (Treatment::Offered, offer.is_some()),
            (
                Treatment::Announced,
                m.related.iter().any(|s| !is_review(s)),
            ),
            (Treatment::Reviewed, m.related.iter().any(is_review)),
            (Treatment::Cited, !cited_in.is_empty()),
        ]
        .into_iter()
        .filter_map(|(t, yes)| yes.then_some(t))
        .collect();
        BookCard {
            cover: self.cover(path, &id),
            id,
            title: m.title.clone(),
            subtitle: m.subtitle.clone(),
            authors: refs(&m.authors, &self.people),
            editors: refs(&m.editors, &self.people),
            translators: refs(&m.translators, &self.people),
            publishers: m.publishers.clone(),
            book_series: m.book_series.clone(),
            year: m.date.map(|d| d.year),
            date: text(m.date),
            pages: m.pages,
            status: m.status,
            expected: text(m.expected),
            editions,
            offer,
            related: m.related.clone(),
            cited_in,
            treatments,
        }
    }
}

/// Every book, by title, judged on `today`, and the titles cited that name none of them.
pub fn book_list(conn: &Connection, roots: &Roots, today: PartialDate) -> Result<BookList> {
    let ctx = Context::load(conn, roots)?;
    let mut books = Vec::new();
    for row in list_entries(conn, Kind::Book)? {
        let m: BookMeta = serde_json::from_str(&row.data)?;
        books.push(ctx.card(&row.path, row.id, &m, today));
    }
    let unlisted = citations::list_unlisted_citations(conn)?
        .into_iter()
        .map(|r| Unlisted {
            title: r.title,
            text: r.text,
            article: r.article,
            article_title: r.article_title,
            footnote: r.footnote,
        })
        .collect();
    Ok(BookList {
        books,
        unlisted,
        today: today.to_string(),
    })
}

/// An article as a link, with its Markdown and its content path.
fn article_link(conn: &Connection, slug: &str) -> Result<Option<(ArticleLink, String, String)>> {
    Ok(get_entry(conn, Kind::Article, slug)?.map(|row| {
        (
            ArticleLink {
                slug: row.id,
                title: row.title,
                date: row.date,
            },
            row.markdown,
            row.path,
        )
    }))
}

/// One book in full: description, announcing and reviewing articles, citing footnotes.
pub fn book_page(
    conn: &Connection,
    id: &str,
    roots: &Roots,
    today: PartialDate,
) -> Result<BookPage> {
    let row = get_entry(conn, Kind::Book, id)?.ok_or_else(|| Error::not_found("book", id))?;
    let m: BookMeta = serde_json::from_str(&row.data)?;
    let ctx = Context::load(conn, roots)?;
    let book = ctx.card(&row.path, row.id.clone(), &m, today);
    let images = ImageBase {
        roots,
        dir: folder_of(&row.path),
    };
    let html = markdown::render(&row.markdown, &images).html;
    let (mut announced_in, mut reviewed_in) = (Vec::new(), Vec::new());
    for slug in &m.related {
        if let Some((link, ..)) = article_link(conn, slug)? {
            if ctx.reviews.get(slug).copied().unwrap_or(false) {
                reviewed_in.push(link);
            } else {
                announced_in.push(link);
            }
        }
    }
    let mut citing = Vec::new();
    let mut current: Option<(String, Vec<crate::markdown::Footnote>, ArticleLink)> = None;
    for c in &book.cited_in {
        if current.as_ref().map(|(s, ..)| s) != Some(&c.article) {
            current = article_link(conn, &c.article)?.map(|(link, body, path)| {
                let images = ImageBase {
                    roots,
                    dir: folder_of(&path),
                };
                let notes = markdown::render(&body, &images).footnotes;
                (c.article.clone(), notes, link)
            });
        }
        if let Some((_, notes, link)) = &current {
            if let Some(n) = notes.iter().find(|n| n.number == c.footnote) {
                citing.push(CitingNote {
                    article: link.clone(),
                    footnote: c.footnote,
                    html: n.html.clone(),
                });
            }
        }
    }
    Ok(BookPage {
        book,
        html,
        announced_in,
        reviewed_in,
        citing,
    })
}

/// Books as citations and exports take them: `ids` in order, or all when empty.
pub fn book_records(conn: &Connection, ids: &[String]) -> Result<Vec<Record>> {
    let names = list_titles(conn, Kind::Person)?;
    let name = |ids: &[String]| -> Vec<String> {
        ids.iter()
            .map(|i| names.get(i).cloned().unwrap_or_else(|| i.clone()))
            .collect()
    };
    let rows = if ids.is_empty() {
        list_entries(conn, Kind::Book)?
    } else {
        let mut rows = Vec::new();
        for id in ids {
            rows.push(
                get_entry(conn, Kind::Book, id)?.ok_or_else(|| Error::not_found("book", id))?,
            );
        }
        rows
    };
    rows.into_iter()
        .map(|row| {
            let m: BookMeta = serde_json::from_str(&row.data)?;
            let url = m
                .editions
                .iter()
                .find_map(|e| e.url.clone().or_else(|| e.offer.as_ref()?.url.clone()));
            Ok(Record {
                id: row.id,
                authors: name(&m.authors),
                editors: name(&m.editors),
                translators: name(&m.translators),
                title: m.title,
                subtitle: m.subtitle,
                publishers: m.publishers,
                book_series: m.book_series,
                date: m.date,
                pages: m.pages,
                url,
            })
        })
        .collect()
}
