//! `lectern-cli list books`, `books export` and `books cite` (`--json`: text and HTML).

use clap::{Subcommand, ValueEnum};
use lectern_core::books::{self, cite::Style, export::Format};
use lectern_core::views::{BookCard, BookList, OfferView};
use lectern_core::{files, Library, Result};
use serde::Serialize;
use std::path::PathBuf;

#[derive(Subcommand)]
pub enum BooksCommand {
    /// Write the books (all, or those named) for a reference manager.
    Export {
        #[arg(long, value_enum)]
        format: ExportFormat,
        /// The file to write (default: standard output).
        #[arg(long)]
        out: Option<PathBuf>,
        /// Only these books (repeatable).
        #[arg(long = "id")]
        ids: Vec<String>,
    },
    /// A book's formatted citation.
    Cite {
        id: String,
        #[arg(long, value_enum, default_value_t = CiteStyle::Chicago)]
        style: CiteStyle,
    },
}

#[derive(Clone, Copy, ValueEnum)]
pub enum ExportFormat {
    Bibtex,
    Ris,
    CslJson,
    Csv,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum CiteStyle {
    /// Chicago notes and bibliography.
    Chicago,
    ChicagoAuthorDate,
    Apa,
}

/// One book as `list books --json` prints it.
#[derive(Serialize)]
struct Listed<'a> {
    id: &'a str,
    title: &'a str,
    subtitle: &'a Option<String>,
    authors: Vec<&'a str>,
    editors: Vec<&'a str>,
    translators: Vec<&'a str>,
    publishers: &'a [String],
    book_series: &'a Option<String>,
    year: Option<i32>,
    pages: Option<u32>,
    status: lectern_core::model::BookStatus,
    expected: &'a Option<String>,
    editions: &'a [lectern_core::views::EditionView],
    offer: &'a Option<OfferView>,
    related: &'a [String],
    cited_in: &'a [lectern_core::views::CitedIn],
    treatments: &'a [lectern_core::views::Treatment],
}

fn names(r: &[lectern_core::model::EntityRef]) -> Vec<&str> {
    r.iter().map(|p| p.name.as_str()).collect()
}

fn listed(b: &BookCard) -> Listed<'_> {
    Listed {
        id: &b.id,
        title: &b.title,
        subtitle: &b.subtitle,
        authors: names(&b.authors),
        editors: names(&b.editors),
        translators: names(&b.translators),
        publishers: &b.publishers,
        book_series: &b.book_series,
        year: b.year,
        pages: b.pages,
        status: b.status,
        expected: &b.expected,
        editions: &b.editions,
        offer: &b.offer,
        related: &b.related,
        cited_in: &b.cited_in,
        treatments: &b.treatments,
    }
}

/// `list books`: JSON as documented, or a line per book and the titles cited but not held.
pub fn list(library: &Library, json: bool) -> Result<()> {
    let BookList {
        books,
        unlisted,
        today,
    } = library.list_books(books::today())?;
    if json {
        let all: Vec<Listed> = books.iter().map(listed).collect();
        println!("{}", serde_json::to_string_pretty(&all)?);
        return Ok(());
    }
    for b in &books {
        let offer = b.offer.as_ref().map(|o| {
            let price = o.price.as_deref().unwrap_or("?");
            let currency = o.currency.as_deref().unwrap_or("");
            let off = o
                .discount_percent
                .as_ref()
                .map(|d| format!(", {d}% off"))
                .unwrap_or_default();
            let state = if o.expired { " (expired)" } else { "" };
            format!("  {price} {currency}{off}{state}")
        });
        println!(
            "{}  {}  {}{}",
            b.id,
            b.title,
            b.date.as_deref().unwrap_or(""),
            offer.unwrap_or_default()
        );
    }
    if !unlisted.is_empty() {
        println!("\ncited, not in the list (as of {today}):");
        for u in &unlisted {
            println!("  {}  ({} note {})", u.title, u.article, u.footnote);
        }
    }
    Ok(())
}

/// `json` (the global `--json`) prints a citation as `{"text": …, "html": …}`: the HTML is
/// what the Book page shows.
pub fn run(library: &Library, command: &BooksCommand, json: bool) -> Result<()> {
    match command {
        BooksCommand::Export { format, out, ids } => {
            let format = match format {
                ExportFormat::Bibtex => Format::Bibtex,
                ExportFormat::Ris => Format::Ris,
                ExportFormat::CslJson => Format::CslJson,
                ExportFormat::Csv => Format::Csv,
            };
            let text = library.export_books(ids, format)?;
            match out {
                Some(path) => files::write_atomic(path, text.as_bytes())?,
                None => print!("{text}"),
            }
        }
        BooksCommand::Cite { id, style } => {
            let style = match style {
                CiteStyle::Chicago => Style::Chicago,
                CiteStyle::ChicagoAuthorDate => Style::ChicagoAuthorDate,
                CiteStyle::Apa => Style::Apa,
            };
            let cited = library.cite_book(id, style)?;
            if json {
                let out = serde_json::json!({ "text": cited.text, "html": cited.html });
                println!("{}", serde_json::to_string_pretty(&out)?);
            } else {
                println!("{}", cited.text);
            }
        }
    }
    Ok(())
}
