//! lectern-blog: a WordPress blog brought into Lectern.
//!
//! A blog comes in through one of three doors: an export file ([`wxr`]), the site's REST API
//! or its feed. Each yields [`Post`]s in one shape; [`convert`] turns a post's HTML into
//! Lectern's Markdown (footnotes, figures, shortcodes), and [`write`] puts it into a content
//! folder in exactly the format of `content/`, remembering in the folder's [`state`] what it
//! wrote so that a later sync changes only what changed upstream and never what the reader
//! edited. The library's one import pipeline (in lectern-core) reads the folder like any other.

pub mod convert;
mod error;
pub mod feed;
pub mod fetch;
pub mod file_name;
pub mod images;
pub mod post;
pub mod rest;
pub mod sample;
pub mod series;
pub mod slug;
pub mod state;
pub mod sync;
pub mod write;
pub mod wxr;

pub use error::{BlogError, Result};
pub use post::{Post, PostKind};
