//! The shapes that leave the library: for the UI (through generated TypeScript) and the CLI.
//! Dates cross as strings at their own precision (`1922`, `1922-12`, `1922-12-05`).

mod archive;
mod articles;
mod books;
mod catalog;
mod entities;

pub use archive::{
    archive, article_page, articles_by_slug, Archive, ArchiveQuery, ArticlePage, Count, MonthCount,
    YearCount,
};
pub use articles::{
    article, article_summaries, Article, ArticleSummary, SeriesBadge, SeriesNav, SeriesPartLink,
};
pub use books::{
    book_list, book_page, book_records, ArticleLink, BookCard, BookList, BookPage, CitedIn,
    CitingNote, EditionView, OfferView, Treatment, Unlisted,
};
pub use catalog::{
    entry_detail, organizations, people, EntryDetail, OrganizationSummary, PersonSummary,
};
pub use entities::{
    organization_page, person_page, BookCredit, Gap, Holder, OrganizationPage, PersonPage,
    Succession,
};

pub use crate::model::EntityRef;

/// Resolves ids to [`EntityRef`]s, keeping the id as the name when the entry is missing
/// (the problem is reported by the import; the reader still sees something).
fn refs(ids: &[String], names: &std::collections::HashMap<String, String>) -> Vec<EntityRef> {
    ids.iter()
        .map(|id| EntityRef {
            id: id.clone(),
            name: names.get(id).cloned().unwrap_or_else(|| id.clone()),
        })
        .collect()
}
