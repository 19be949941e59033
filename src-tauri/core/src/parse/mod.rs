//! One [`Source`] to one [`Parsed`] entry: decode, split, parse the front matter, render the
//! body and note every reference to another entry (checked once everything is imported).

pub mod offers;

use crate::content::{is_slug, Roots, Source};
use crate::front_matter;
use crate::markdown::{self, ImageBase, Rendered};
use crate::model::{ArticleMeta, BookMeta, Kind, OrganizationMeta, PersonMeta, SeriesMeta};
use crate::problem::{line_at, Problem};
use offers::OfferEnd;

/// The typed front matter of an entry.
#[derive(Debug, Clone)]
pub enum Meta {
    Article(ArticleMeta),
    Person(PersonMeta),
    Organization(OrganizationMeta),
    Book(BookMeta),
    Series(SeriesMeta),
}

/// A reference from one entry to another, located for error messages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reference {
    pub line: u32,
    pub field: String,
    pub kind: Kind,
    pub target: String,
}

/// The words of an article that state a tenure or an event, located in the organization's
/// file: checked against the article once everything is imported.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Citation {
    pub line: u32,
    /// `leaders[2].cite`, `events[0].cite`.
    pub field: String,
    /// Slug of the article.
    pub source: String,
    pub cite: String,
}

/// A content file that parsed: its metadata, rendered body, references and any problems
/// that did not stop it from loading (a missing image).
#[derive(Debug, Clone)]
pub struct Parsed {
    pub meta: Meta,
    /// The Markdown body (after the front matter), rendered to HTML when it is read.
    pub body: String,
    /// Text, headings and footnotes of the body, without HTML.
    pub rendered: Rendered,
    pub references: Vec<Reference>,
    pub citations: Vec<Citation>,
    /// The last days of a book's offers, for the check against its announcement.
    pub offer_ends: Vec<OfferEnd>,
    pub problems: Vec<Problem>,
}

/// Parses one source. An error means the file cannot be loaded at all.
pub fn parse(source: &Source, roots: &Roots) -> Result<Parsed, Problem> {
    let path = source.path.as_str();
    let text = std::str::from_utf8(&source.bytes).map_err(|e| {
        let line = line_at(
            &String::from_utf8_lossy(&source.bytes[..e.valid_up_to()]),
            usize::MAX,
        );
        Problem::new(
            path,
            line,
            "encoding",
            format!("not valid UTF-8 at byte {}", e.valid_up_to()),
        )
    })?;
    if !is_slug(&source.id) {
        return Err(Problem::new(
            path,
            1,
            "file name",
            format!(
                "`{}` is not a valid id: use lower-case letters, digits and hyphens",
                source.id
            ),
        ));
    }
    let split = front_matter::split(path, text)?;
    let meta = match source.kind {
        Kind::Article => Meta::Article(front_matter::parse(path, text, &split)?),
        Kind::Person => Meta::Person(front_matter::parse(path, text, &split)?),
        Kind::Organization => Meta::Organization(front_matter::parse(path, text, &split)?),
        Kind::Book => Meta::Book(front_matter::parse(path, text, &split)?),
        Kind::Series => Meta::Series(front_matter::parse(path, text, &split)?),
    };
    let images = ImageBase {
        roots,
        dir: folder_of(&source.path),
    };
    let rendered = markdown::analyze(split.body, &images);
    let problems = rendered
        .image_problems
        .iter()
        .map(|(offset, msg)| {
            Problem::new(
                path,
                line_at(text, split.body_offset + offset),
                "body",
                msg.clone(),
            )
        })
        .collect::<Vec<Problem>>();
    let mut refs = References {
        text,
        fm_offset: split.front_matter_offset,
        fm: split.front_matter,
        out: Vec::new(),
    };
    collect_references(&meta, &mut refs);
    let (citations, missing) = collect_citations(&meta, &refs);
    let mut problems = problems;
    problems.extend(
        unknown_safe_aliases(&meta, &refs).map(|(line, field, alias)| {
            Problem::new(
                path,
                line,
                &field,
                format!("`{alias}` is not one of the name or aliases, so it cannot be marked safe"),
            )
        }),
    );
    problems.extend(missing.into_iter().map(|(line, field)| {
        Problem::new(
            path,
            line,
            &field,
            "no cite: give a few words of the source article that state this".to_string(),
        )
    }));
    let (offer_problems, offer_ends) = match &meta {
        Meta::Book(b) => offers::offers(b, &|i, key| refs.line_of_offer_key(i, key)),
        _ => Default::default(),
    };
    problems.extend(
        offer_problems
            .into_iter()
            .map(|(line, field, message)| Problem::new(path, line, &field, message)),
    );
    Ok(Parsed {
        meta,
        body: split.body.to_owned(),
        rendered,
        references: refs.out,
        citations,
        offer_ends,
        problems,
    })
}

struct References<'a> {
    text: &'a str,
    fm: &'a str,
    fm_offset: usize,
    out: Vec<Reference>,
}

impl References<'_> {
    /// The line where the quoted value first appears, else the front matter's first line.
    fn line_of(&self, value: &str) -> u32 {
        let at = self
            .fm
            .find(&format!("\"{value}\""))
            .or_else(|| self.fm.find(&format!("'{value}'")))
            .unwrap_or(0);
        line_at(self.text, self.fm_offset + at)
    }

    /// The line of the `i`th `[[table]]` header, else the front matter's first line.
    fn line_of_table(&self, table: &str, i: usize) -> u32 {
        let header = format!("[[{table}]]");
        let at = self
            .fm
            .match_indices(&header)
            .nth(i)
            .map_or(0, |(at, _)| at);
        line_at(self.text, self.fm_offset + at)
    }

    /// The line of `key` in the offer of the `i`th edition, else of the offer's table, else
    /// of the edition.
    fn line_of_offer_key(&self, i: usize, key: &str) -> u32 {
        let edition = self
            .fm
            .match_indices("[[editions]]")
            .nth(i)
            .map(|(at, _)| at);
        let Some(start) = edition else {
            return self.line_of_table("editions", i);
        };
        let end = self.fm[start + 1..]
            .find("[[editions]]")
            .map_or(self.fm.len(), |e| start + 1 + e);
        let table = &self.fm[start..end];
        let offer = table.find("offer").unwrap_or(0);
        let at = table[offer..]
            .match_indices(key)
            .find(|(k, _)| {
                let before = table[..offer + k].chars().next_back();
                let rest = table[offer + k + key.len()..].trim_start();
                before.is_none_or(|c| c.is_whitespace() || c == '{' || c == ',')
                    && rest.starts_with('=')
            })
            .map_or(offer, |(k, _)| offer + k);
        line_at(self.text, self.fm_offset + start + at)
    }

    fn add(&mut self, field: String, kind: Kind, target: &str) {
        self.out.push(Reference {
            line: self.line_of(target),
            field,
            kind,
            target: target.to_owned(),
        });
    }

    fn add_all(&mut self, field: &str, kind: Kind, targets: &[String]) {
        for (i, t) in targets.iter().enumerate() {
            self.add(format!("{field}[{i}]"), kind, t);
        }
    }
}

/// The cites of an organization's tenures and events, and the located fields that lack one.
fn collect_citations(meta: &Meta, r: &References) -> (Vec<Citation>, Vec<(u32, String)>) {
    let Meta::Organization(o) = meta else {
        return (Vec::new(), Vec::new());
    };
    let leaders = o.leaders.iter().map(|l| (&l.source, &l.cite));
    let events = o.events.iter().map(|e| (&e.source, &e.cite));
    let mut cites = Vec::new();
    let mut missing = Vec::new();
    let all = leaders
        .enumerate()
        .map(|(i, x)| ("leaders", i, x))
        .chain(events.enumerate().map(|(i, x)| ("events", i, x)));
    for (table, i, (source, cite)) in all {
        let at = format!("{table}[{i}]");
        match cite.as_deref().map(str::trim).filter(|c| !c.is_empty()) {
            Some(cite) => cites.push(Citation {
                line: r.line_of(cite),
                field: format!("{at}.cite"),
                source: source.clone(),
                cite: cite.to_owned(),
            }),
            // Located at the table that lacks it.
            None => missing.push((r.line_of_table(table, i), format!("{at}.cite"))),
        }
    }
    (cites, missing)
}

/// Safe aliases that are neither the name nor an alias: a typo would silently link nothing.
fn unknown_safe_aliases<'a>(
    meta: &'a Meta,
    r: &'a References,
) -> impl Iterator<Item = (u32, String, &'a String)> + 'a {
    let (name, aliases, safe) = match meta {
        Meta::Person(p) => (&p.name, &p.aliases[..], &p.safe_aliases[..]),
        Meta::Organization(o) => (&o.name, &o.aliases[..], &o.safe_aliases[..]),
        _ => return None.into_iter().flatten(),
    };
    Some(
        safe.iter()
            .enumerate()
            .filter(move |(_, s)| *s != name && !aliases.contains(s))
            .map(move |(i, s)| (r.line_of(s), format!("safe_aliases[{i}]"), s)),
    )
    .into_iter()
    .flatten()
}

fn collect_references(meta: &Meta, r: &mut References) {
    match meta {
        Meta::Article(a) => {
            r.add_all("authors", Kind::Person, &a.authors);
            r.add_all("people", Kind::Person, &a.people);
            r.add_all("organizations", Kind::Organization, &a.organizations);
            if let Some(s) = &a.series {
                r.add("series.id".into(), Kind::Series, &s.id);
            }
        }
        Meta::Organization(o) => {
            if let Some(p) = &o.parent {
                r.add("parent".into(), Kind::Organization, p);
            }
            for (i, l) in o.leaders.iter().enumerate() {
                r.add(format!("leaders[{i}].person"), Kind::Person, &l.person);
                r.add(format!("leaders[{i}].source"), Kind::Article, &l.source);
            }
            for (i, e) in o.events.iter().enumerate() {
                r.add(format!("events[{i}].source"), Kind::Article, &e.source);
            }
        }
        Meta::Book(b) => {
            r.add_all("authors", Kind::Person, &b.authors);
            r.add_all("editors", Kind::Person, &b.editors);
            r.add_all("translators", Kind::Person, &b.translators);
            r.add_all("related", Kind::Article, &b.related);
        }
        Meta::Person(_) | Meta::Series(_) => {}
    }
}

/// The folder part of a content path (`blogs/b/articles` of `blogs/b/articles/x.md`).
pub fn folder_of(path: &str) -> &str {
    path.rsplit_once('/').map_or("", |(dir, _)| dir)
}
