//! lectern-core: Lectern's library without the desktop shell.
//!
//! Content files (`content/**/*.md`, Markdown with TOML front matter) are loaded
//! ([`content`]), split and parsed ([`front_matter`], [`model`]), rendered ([`markdown`]),
//! imported into `library.sqlite` ([`import`], [`db`]) and read back as views ([`views`])
//! through [`Library`]. The desktop app and `lectern-cli` are two doors into this one library.
//!
//! The modules stand on floors; a module uses only those on its own floor or below, and no
//! two folders use each other:
//!
//! 1. ground: `error`, `problem`, `date`, `money`, `words`, `files`, `csv_safe`, `model`,
//!    `front_matter`, `content`, `media`, `media_url`, `data_dir` (value types, plain text,
//!    the content's images and where things are, no database);
//! 2. `markdown`, then `parse` (one file to one parsed entry);
//! 3. `db`: every statement on `library.sqlite`, returning plain rows;
//! 4. `mentions`, `books`, `timeline`, `notes`, `sync` (the notes through a shared folder),
//!    then `search` (which also searches the notes);
//! 5. `import` (a content folder into the database, linking names and citations) and `views`;
//! 6. `library`: the one door.

pub mod books;
pub mod content;
pub mod csv_safe;
mod data_dir;
pub mod date;
pub mod db;
mod error;
pub mod files;
pub mod front_matter;
pub mod import;
mod library;
pub mod markdown;
pub mod media;
pub mod media_url;
pub mod mentions;
pub mod model;
pub mod money;
pub mod notes;
pub mod parse;
pub mod printout;
mod problem;
pub mod search;
pub mod timeline;
pub mod views;
mod words;

pub use data_dir::{data_dir_in, default_data_dir, APP_IDENTIFIER};
pub use date::PartialDate;
pub use error::{Error, ErrorKind, Result};
pub use import::ImportReport;
pub use lectern_blog::sync::{
    Control as BlogControl, Progress as BlogProgress, ProgressSink as BlogProgressSink,
};
pub use library::{
    BlogInfo, BlogReport, BlogSettings, BlogSource, Library, ReadingSettings, Theme, Typeface,
    UpdatePrefs, LIBRARY_FILE, SEARCH_DIR,
};
pub use problem::{Problem, ProblemPage};
