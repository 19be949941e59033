//! The integration suite of lectern-core: one test binary, fixture folders under
//! `tests/fixtures/`, real SQLite files in temporary folders.

mod archive;
mod blogs;
mod books;
mod cli;
mod cli_data;
mod fields;
mod hardening_render;
mod harness;
mod import;
mod mentions;
mod notes;
mod notes_bounds;
mod notes_crash;
mod notes_exchange;
mod notes_interop;
mod notes_list;
mod printout;
mod printout_pdf;
mod problems;
mod props_blog;
mod props_content;
mod props_notes;
mod render;
mod search;
mod search_forgiving;
mod starter_library;
mod sync_outbox;
mod sync_processes;
mod sync_rule;
mod sync_run;
mod sync_segment;
mod timeline;
mod views;
