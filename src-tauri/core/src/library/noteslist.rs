//! The Notes view's list: notes.sqlite filters and pages, the library names the articles.

use super::Library;
use crate::db::entries::list_titles_of;
use crate::error::Result;
use crate::model::Kind;
use crate::notes::listing;
use crate::notes::{NotedArticle, NotesFacets, NotesPage, NotesQuery, NotesSort};
use std::collections::HashMap;

impl Library {
    /// A page of the notes `q` leaves, in its order.
    pub fn notes_page(&self, q: &NotesQuery) -> Result<NotesPage> {
        let mut found = self.notes.find_notes(q)?;
        let titles = match q.sort {
            NotesSort::Newest => HashMap::new(),
            NotesSort::Article => {
                let mut slugs: Vec<String> = found.iter().map(|b| b.article.clone()).collect();
                slugs.sort_unstable();
                slugs.dedup();
                list_titles_of(&*self.conn()?, Kind::Article, &slugs)?
            }
        };
        listing::order(&mut found, q.sort, &titles);
        let mut page = self.notes.read_page(&found, q)?;
        let mut slugs: Vec<String> = page.notes.iter().map(|a| a.article.clone()).collect();
        slugs.sort_unstable();
        slugs.dedup();
        page.titles = list_titles_of(&*self.conn()?, Kind::Article, &slugs)?;
        Ok(page)
    }

    /// What the Notes view's filters offer: the articles with notes (by title) and the tags.
    pub fn notes_facets(&self) -> Result<NotesFacets> {
        let noted = self.notes.noted_articles()?;
        let slugs: Vec<String> = noted.iter().map(|(s, _)| s.clone()).collect();
        let titles = list_titles_of(&*self.conn()?, Kind::Article, &slugs)?;
        let mut articles: Vec<NotedArticle> = noted
            .into_iter()
            .map(|(slug, count)| NotedArticle {
                title: titles.get(&slug).cloned().unwrap_or_else(|| slug.clone()),
                slug,
                count,
            })
            .collect();
        articles.sort_by_cached_key(|a| (a.title.to_lowercase(), a.slug.clone()));
        Ok(NotesFacets {
            total: articles.iter().map(|a| a.count).sum(),
            articles,
            tags: self.notes.note_tags()?,
        })
    }
}
