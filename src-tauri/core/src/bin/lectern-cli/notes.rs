//! `lectern-cli notes add|list|delete`: the same notes.sqlite the app uses.

use clap::Subcommand;
use lectern_core::notes::anchor::{Quote, Status};
use lectern_core::notes::exchange::NotesFormat;
use lectern_core::notes::{Annotation, Filter, NewAnnotation};
use lectern_core::{Error, ErrorKind, Library, Result};

#[derive(Subcommand)]
pub enum NotesCommand {
    /// Highlight a passage (and write a note on it); printed once it is safely stored.
    Add {
        #[arg(long)]
        article: String,
        /// The exact words, as in the article's text.
        #[arg(long)]
        quote: String,
        /// Words right before the quote, when it occurs more than once.
        #[arg(long, default_value = "")]
        prefix: String,
        /// Words right after the quote.
        #[arg(long, default_value = "")]
        suffix: String,
        #[arg(long, default_value = "")]
        note: String,
        /// A tag (repeatable).
        #[arg(long = "tag")]
        tags: Vec<String>,
        /// yellow, green, blue, pink or purple.
        #[arg(long)]
        color: Option<String>,
    },
    /// List annotations, by article and position.
    List {
        #[arg(long)]
        article: Option<String>,
        #[arg(long)]
        tag: Option<String>,
        /// anchored, moved, fuzzy or orphaned.
        #[arg(long)]
        status: Option<String>,
    },
    /// Delete an annotation by id.
    Delete { id: String },
    /// Write every annotation: Markdown (a folder, a file per article), JSON-LD or CSV.
    Export {
        #[arg(long, value_enum)]
        format: ExportFormat,
        #[arg(long)]
        out: std::path::PathBuf,
    },
    /// Merge annotations, by id: W3C Web Annotation JSON-LD, or Hypothesis's export or API JSON.
    Import { path: std::path::PathBuf },
}

#[derive(Clone, Copy, clap::ValueEnum)]
pub enum ExportFormat {
    Markdown,
    Jsonld,
    Csv,
}

fn line(a: &Annotation) -> String {
    let tags: Vec<String> = a.tags.iter().map(|t| format!("#{t}")).collect();
    let on = match (&a.parent, a.whole_article) {
        (Some(parent), _) => format!("reply to {parent}"),
        (None, true) => "on the whole article".to_owned(),
        (None, false) => format!("\u{201C}{}\u{201D}", a.quote),
    };
    format!(
        "{}  {} [{}–{}] {}  {}{}{}",
        a.id,
        a.article,
        a.start,
        a.end,
        a.status.name(),
        on,
        if a.note.is_empty() {
            String::new()
        } else {
            format!("  — {}", a.note)
        },
        if tags.is_empty() {
            String::new()
        } else {
            format!("  {}", tags.join(" "))
        }
    )
}

pub fn run(library: &Library, command: &NotesCommand, json: bool) -> Result<()> {
    match command {
        NotesCommand::Add {
            article,
            quote,
            prefix,
            suffix,
            note,
            tags,
            color,
        } => {
            let added = library.add_note_by_quote(NewAnnotation {
                article: article.clone(),
                quote: Quote {
                    exact: quote.clone(),
                    prefix: prefix.clone(),
                    suffix: suffix.clone(),
                },
                note: note.clone(),
                tags: tags.clone(),
                color: color.clone(),
            })?;
            if json {
                println!("{}", serde_json::to_string_pretty(&added)?);
            } else {
                println!("{}", line(&added));
            }
        }
        NotesCommand::List {
            article,
            tag,
            status,
        } => {
            let status = status
                .as_deref()
                .map(|s| {
                    Status::parse(s).ok_or_else(|| {
                        Error::new(
                            ErrorKind::Invalid,
                            format!("unknown status `{s}`: use anchored, moved, fuzzy or orphaned"),
                        )
                    })
                })
                .transpose()?;
            let filter = Filter {
                article: article.clone(),
                tag: tag.clone(),
                status,
            };
            let list = library.notes().list_notes(&filter)?;
            if json {
                println!("{}", serde_json::to_string_pretty(&list)?);
            } else {
                for a in &list {
                    println!("{}", line(a));
                }
            }
        }
        NotesCommand::Delete { id } => library.notes().delete_note(id)?,
        NotesCommand::Export { format, out } => {
            let format = match format {
                ExportFormat::Markdown => NotesFormat::Markdown,
                ExportFormat::Jsonld => NotesFormat::Jsonld,
                ExportFormat::Csv => NotesFormat::Csv,
            };
            for path in library.export_notes(format, out)? {
                println!("{}", path.display());
            }
        }
        NotesCommand::Import { path } => {
            let m = library.import_notes(path)?;
            if json {
                println!("{}", serde_json::to_string(&m)?);
            } else {
                println!(
                    "{} added, {} updated, {} unchanged",
                    m.added, m.updated, m.unchanged
                );
                for u in &m.unmatched {
                    let title = u.title.as_deref().unwrap_or("untitled");
                    println!(
                        "not imported: {} ({title}): \"{}\": {}",
                        u.uri, u.quote, u.reason
                    );
                }
                for u in &m.unreadable {
                    let id = u.id.as_deref().unwrap_or("no id");
                    println!("not read: annotation {} ({id}): {}", u.item, u.reason);
                }
            }
        }
    }
    Ok(())
}
