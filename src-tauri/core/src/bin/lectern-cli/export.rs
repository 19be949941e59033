//! `lectern-cli export article`: an article with the reader's notes as a file to hand on.

use clap::{Subcommand, ValueEnum};
use lectern_core::printout::NotesPlacement;
use lectern_core::{Library, Result};
use std::path::PathBuf;

#[derive(Subcommand)]
pub enum ExportCommand {
    /// One article with your notes: a PDF (A4, numbered pages, an outline, a text layer), or
    /// one self-contained HTML file (styles and images inside, no script) laid out for reading
    /// and for print.
    Article {
        slug: String,
        #[arg(long, value_enum, default_value_t = Format::Html)]
        format: Format,
        /// Your notes beside the text, after it, or left out.
        #[arg(long, value_enum, default_value_t = Notes::Margin)]
        notes: Notes,
        /// The file to write.
        #[arg(long)]
        out: PathBuf,
    },
}

#[derive(Clone, Copy, ValueEnum)]
pub enum Format {
    Pdf,
    Html,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum Notes {
    Margin,
    End,
    None,
}

pub fn run(library: &Library, command: &ExportCommand) -> Result<()> {
    match command {
        ExportCommand::Article {
            slug,
            format,
            notes,
            out,
        } => {
            let placement = match notes {
                Notes::Margin => NotesPlacement::Margin,
                Notes::End => NotesPlacement::End,
                Notes::None => NotesPlacement::None,
            };
            let bytes = match format {
                Format::Html => library.article_html(slug, placement)?.into_bytes(),
                Format::Pdf => library.article_pdf(slug, placement)?,
            };
            lectern_core::files::write_atomic(out, &bytes)?;
            println!("{}", out.display());
        }
    }
    Ok(())
}
