//! One window: a second launch brings the running window forward (and hands it its link), and
//! the window's size, position and maximized state are kept between starts.

use crate::links;
use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Duration;
use tauri::plugin::TauriPlugin;
use tauri::{AppHandle, Manager, Runtime, WindowEvent};
use tauri_plugin_window_state::{AppHandleExt, StateFlags};

/// What of the window's place is kept: never hidden, never without its frame.
const KEPT: StateFlags = StateFlags::SIZE
    .union(StateFlags::POSITION)
    .union(StateFlags::MAXIMIZED)
    .union(StateFlags::FULLSCREEN);

/// A second launch of the same desk hands its arguments to the first and exits. A launch given
/// another data folder (`--data`, `LECTERN_DATA_DIR`) is another desk and runs beside it.
pub fn single_instance<R: Runtime>() -> TauriPlugin<R> {
    let builder = tauri_plugin_single_instance::Builder::new()
        .callback(|app, args, _cwd| links::second_launch(app, args));
    match crate::startup::data_flag() {
        Some(data) => builder.dbus_id(instance_id(&data)),
        None => builder,
    }
    .build()
}

/// The window's place between starts: kept in the data folder when one is given (each desk its
/// own), else in the app's config folder. Only size, position, maximized and full screen: a
/// window is never restored hidden or without its frame.
pub fn window_state<R: Runtime>() -> TauriPlugin<R> {
    let builder = tauri_plugin_window_state::Builder::new().with_state_flags(KEPT);
    match crate::startup::data_flag() {
        Some(data) => builder.with_filename(data.join("window-state.json").to_string_lossy()),
        None => builder,
    }
    .build()
}

/// Writes the window's place half a second after it last moved or changed size, as well as
/// when the app exits (the plugin's own save): a window closed by a crash or a killed session
/// still opens where the reader left it.
pub fn keep_place<R: Runtime>(app: &AppHandle<R>) {
    let Some(window) = app.get_webview_window("main") else {
        return;
    };
    let moves = Arc::new(AtomicU64::new(0));
    let handle = app.clone();
    window.on_window_event(move |event| {
        if !matches!(event, WindowEvent::Resized(_) | WindowEvent::Moved(_)) {
            return;
        }
        let this = moves.fetch_add(1, Ordering::SeqCst) + 1;
        let (moves, handle) = (moves.clone(), handle.clone());
        std::thread::spawn(move || {
            std::thread::sleep(Duration::from_millis(500));
            if moves.load(Ordering::SeqCst) == this {
                // Saved on the main thread: the plugin reads the window's place while holding
                // its lock, and from another thread that read waits for the main thread, which
                // may itself be waiting for the lock in the plugin's own window events (a
                // deadlock seen when a second launch brought the window forward).
                let app = handle.clone();
                let _ = handle.run_on_main_thread(move || {
                    let _ = app.save_window_state(KEPT);
                });
            }
        });
    });
}

/// The instance name of the desk on `data`: the app's identifier and a stable hash (FNV-1a) of
/// the folder, as D-Bus allows in a name element.
pub fn instance_id(data: &Path) -> String {
    let folder = std::fs::canonicalize(data).unwrap_or_else(|_| data.to_path_buf());
    let hash = folder
        .to_string_lossy()
        .bytes()
        .fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
            (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
        });
    format!("{}.desk_{hash:016x}", lectern_core::APP_IDENTIFIER)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_data_folder_is_a_desk_of_its_own() {
        let a = instance_id(Path::new("/nonexistent/lectern-a"));
        let b = instance_id(Path::new("/nonexistent/lectern-b"));
        assert_ne!(a, b);
        assert_eq!(a, instance_id(Path::new("/nonexistent/lectern-a")));
        assert!(a.starts_with("org.lectern.desktop.desk_"), "{a}");
        // A D-Bus name element: letters, digits and `_`, not starting with a digit.
        let last = a.rsplit('.').next().unwrap();
        assert!(last.chars().all(|c| c.is_ascii_alphanumeric() || c == '_'));
        assert!(!last.starts_with(|c: char| c.is_ascii_digit()));
    }

    #[test]
    fn the_same_folder_named_two_ways_is_one_desk() {
        let dir = std::env::temp_dir().join(format!("lectern-desk-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("sub")).unwrap();
        assert_eq!(instance_id(&dir), instance_id(&dir.join("sub/..")));
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
