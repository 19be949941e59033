//! The Tauri shell of Lectern: window, app state, one-line commands over lectern-core,
//! the media protocol for images stored beside the content, the guard on where the window
//! may go, one window with links into it, signed updates, notes sync, and the start-up import.
//! Everything else lives in lectern-core.

mod blogs;
mod commands;
mod desk;
mod export;
mod links;
mod media;
mod navigation;
mod notesync;
mod rendering;
mod startup;
mod updates;
mod window;

pub use desk::{Desk, ImportStatus, LibraryImported};

use tauri_specta::{collect_commands, collect_events, Builder};

/// The typed command and event registry; also the source of `ui/src/lib/bindings.ts`.
pub fn specta_builder() -> Builder<tauri::Wry> {
    Builder::<tauri::Wry>::new()
        .commands(collect_commands![
            commands::library_status,
            commands::list_articles,
            commands::get_article,
            commands::problems_page,
            commands::index_painted,
            commands::search,
            commands::locate,
            commands::timeline,
            commands::list_people,
            commands::list_organizations,
            commands::get_person,
            commands::get_organization,
            commands::save_export,
            commands::list_books,
            commands::get_book,
            commands::cite_book,
            commands::export_books,
            commands::notes::list_notes,
            commands::notes::notes_page,
            commands::notes::notes_facets,
            commands::notes::add_note,
            commands::notes::edit_note,
            commands::notes::delete_note,
            commands::notes::restore_note,
            commands::notes::reattach_note,
            commands::notes::note_tags,
            commands::notes::notes_opened,
            commands::notes::export_notes,
            commands::notes::import_notes,
            commands::notes::toggle_bookmark,
            commands::notes::list_bookmarks,
            commands::notes::save_position,
            commands::notes::reading_positions,
            commands::list_blogs,
            commands::add_blog,
            commands::add_blog_export,
            commands::sync_blogs,
            commands::cancel_blog_work,
            commands::remove_blog,
            commands::blog_settings,
            commands::set_blog_settings,
            commands::article_page,
            commands::archive,
            commands::articles_by_slug,
            commands::take_links,
            commands::update_status,
            commands::check_for_update,
            commands::install_update,
            commands::set_update_check,
            commands::reading_settings,
            commands::set_reading_settings,
            commands::notes::sync_status,
            commands::notes::choose_sync_folder,
            commands::notes::stop_sync,
            commands::notes::sync_now,
            commands::notes::resolve_conflict,
            commands::printout::save_article_html,
            commands::printout::save_article_pdf,
            commands::printout::save_articles_html,
            commands::printout::print_pages,
        ])
        .events(collect_events![
            LibraryImported,
            blogs::BlogWorkProgress,
            links::LinkOpened,
            updates::UpdateFound,
            notesync::NotesSynced
        ])
}

/// Writes the TypeScript bindings of every command, event and type to `path`
/// (`ui/src/lib/bindings.ts`; a test keeps the committed file current).
pub fn export_bindings(path: &std::path::Path) -> Result<(), String> {
    let header =
        "// Generated from the Rust types by `cargo test` (src-tauri/src/lib.rs): do not edit.\n";
    specta_builder()
        .export(
            specta_typescript::Typescript::default().header(header),
            path,
        )
        .map_err(|e| e.to_string())
}

pub fn run() {
    startup::trace("main");
    rendering::choose();
    let builder = specta_builder();
    let mut context = tauri::generate_context!();
    updates::configure(&mut context);
    let updater = updates::configured(&context);
    let dev_url = context.config().build.dev_url.clone();
    let shell = tauri::Builder::default()
        // First, so that a second launch hands over its link and exits before anything opens.
        .plugin(window::single_instance())
        .plugin(tauri_plugin_deep_link::init())
        .plugin(window::window_state())
        .plugin(tauri_plugin_opener::init())
        .plugin(navigation::guard(dev_url))
        .plugin(tauri_plugin_dialog::init());
    let shell = if updater {
        shell.plugin(tauri_plugin_updater::Builder::new().build())
    } else {
        shell
    };
    let commands = builder.invoke_handler();
    let ran = shell
        .invoke_handler(move |invoke| {
            startup::trace_command(invoke.message.command());
            commands(invoke)
        })
        .on_page_load(|_, payload| startup::trace(&format!("page {:?}", payload.event())))
        .register_asynchronous_uri_scheme_protocol(
            lectern_core::markdown::MEDIA_SCHEME,
            media::serve,
        )
        .setup(move |app| {
            builder.mount_events(app);
            links::listen(app.handle());
            window::keep_place(app.handle());
            startup::open_desk(app);
            Ok(())
        })
        .run(context);
    // A plugin that could not start (say, a second launch that found the first one exiting
    // and could not hand it its link) ends the launch with a sentence, not a panic.
    if let Err(e) = ran {
        eprintln!("Lectern could not start: {e}");
        std::process::exit(1);
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    /// Fails when `ui/src/lib/bindings.ts` differs from what the Rust types generate.
    /// `UPDATE_BINDINGS=1 cargo test -p lectern` rewrites the file instead.
    #[test]
    fn committed_bindings_are_current() {
        // The folder cargo names when the test runs (a binary built in another checkout that
        // shares the build cache must not compare that checkout's file).
        let root = std::env::var_os("CARGO_MANIFEST_DIR")
            .unwrap_or_else(|| env!("CARGO_MANIFEST_DIR").into());
        let committed = Path::new(&root).join("ui/src/lib/bindings.ts");
        if std::env::var_os("UPDATE_BINDINGS").is_some() {
            super::export_bindings(&committed).unwrap();
        }
        let dir = std::env::temp_dir().join(format!("lectern-bindings-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let fresh = dir.join("bindings.ts");
        super::export_bindings(&fresh).unwrap();
        let fresh = std::fs::read_to_string(fresh).unwrap();
        let committed = std::fs::read_to_string(&committed).unwrap_or_default();
        assert!(
            fresh == committed,
            "ui/src/lib/bindings.ts is stale: run `UPDATE_BINDINGS=1 cargo test -p lectern` and commit it"
        );
    }
}
