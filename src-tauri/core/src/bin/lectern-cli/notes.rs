//! `lectern-cli notes add|list|delete`: the same notes.sqlite the app uses.

use clap::Subcommand;
use lectern_core::notes::anchor::{Quote, Status};
use lectern_core::notes::exchange::NotesFormat;
use lectern_core::notes::sync::{SyncReport, SyncStatus};
use lectern_core::notes::{Annotation, Filter, NewAnnotation, Resolution};
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
    /// Change an annotation's note, tags (all of them, when any is given) or colour.
    Edit {
        id: String,
        #[arg(long)]
        note: Option<String>,
        /// A tag (repeatable); replaces the annotation's tags.
        #[arg(long = "tag")]
        tags: Vec<String>,
        #[arg(long)]
        color: Option<String>,
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
    /// Sync notes, bookmarks and reading places through a folder another tool syncs
    /// (Syncthing, Dropbox, a network share): send this desk's changes, merge the others'.
    /// `--folder` chooses the folder (kept, for later runs and for the app).
    Sync {
        #[arg(long)]
        folder: Option<std::path::PathBuf>,
        /// Stop syncing (what was merged stays).
        #[arg(long, conflicts_with = "folder")]
        off: bool,
        /// Show how sync stands (devices, conflicts) without running it.
        #[arg(long, conflicts_with = "off")]
        status: bool,
    },
    /// Settle a conflict copy (an edit made after a deletion it did not know of).
    Resolve {
        /// The copy's id, as `notes sync --status` lists it.
        copy: String,
        #[arg(long, value_enum)]
        keep: Keep,
    },
}

/// What to keep of a conflict.
#[derive(Clone, Copy, clap::ValueEnum)]
pub enum Keep {
    /// The edit, as the note it was made on.
    Edit,
    /// The deletion.
    Deletion,
    /// Both: the copy as a note of its own.
    Both,
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
        NotesCommand::Edit {
            id,
            note,
            tags,
            color,
        } => {
            let tags = (!tags.is_empty()).then(|| tags.clone());
            let edited = library
                .notes()
                .edit_note(id, note.clone(), tags, color.clone())?;
            if json {
                println!("{}", serde_json::to_string_pretty(&edited)?);
            } else {
                println!("{}", line(&edited));
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
        NotesCommand::Sync {
            folder,
            off,
            status,
        } => {
            if *off {
                library.set_sync_folder(None)?;
            } else if let Some(folder) = folder {
                library.set_sync_folder(Some(folder))?;
            }
            if *status || *off {
                let s = library.sync_status()?;
                if json {
                    println!("{}", serde_json::to_string_pretty(&s)?);
                } else {
                    print_status(&s);
                }
            } else {
                let report = library.sync_notes()?;
                if json {
                    println!("{}", serde_json::to_string_pretty(&report)?);
                } else {
                    print_report(&report);
                }
            }
        }
        NotesCommand::Resolve { copy, keep } => {
            let how = match keep {
                Keep::Edit => Resolution::Edit,
                Keep::Deletion => Resolution::Deletion,
                Keep::Both => Resolution::Both,
            };
            library.resolve_conflict(copy, how)?;
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

fn print_report(r: &SyncReport) {
    println!(
        "synced through {} as device {}: {} sent, {} merged ({} notes and {} bookmarks or \
         reading places changed here)",
        r.folder, r.device, r.sent, r.merged, r.notes_changed, r.reading_changed
    );
    if r.compacted > 0 {
        println!(
            "compacted {} segment files of this device's log",
            r.compacted
        );
    }
    for p in &r.problems {
        println!("problem: {p}");
    }
}

fn print_status(s: &SyncStatus) {
    match &s.folder {
        Some(f) => println!("sync folder: {f}"),
        None => println!("sync is off (choose a folder with `notes sync --folder DIR`)"),
    }
    println!("this device: {}", s.device);
    if let Some(at) = &s.last_run {
        let ok = s.last_ok.as_deref().unwrap_or("never");
        println!("last run: {at} (last through: {ok})");
    }
    if let Some(p) = &s.problem {
        println!("problem: {p}");
    }
    println!("changes waiting to be sent: {}", s.waiting);
    for p in &s.peers {
        let last = p.last_change.as_deref().unwrap_or("none");
        println!(
            "device {}: {} records merged, {} changed notes here, latest change {last}",
            p.device, p.merged, p.changes
        );
    }
    for c in &s.conflicts {
        println!(
            "conflict {}: deleted on {} at {}, edited on {} at {}: {}",
            c.copy.id,
            c.deleted_by,
            c.deleted_at,
            c.edited_by,
            c.edited_at,
            line(&c.copy)
        );
    }
}
