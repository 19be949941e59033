//! An empty Tauri 2 window, the baseline of `scripts/measure-startup.sh`: its start-up and
//! memory are what any Tauri 2 app pays before it does anything of its own.

/// Called by the page two animation frames after it loaded (as Lectern's Library reports its
/// first paint); prints the same trace line as Lectern when `LECTERN_TRACE_STARTUP` is set.
#[tauri::command]
fn painted() {
    if std::env::var_os("LECTERN_TRACE_STARTUP").is_none() {
        return;
    }
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_millis())
        .unwrap_or(0);
    eprintln!("empty-tauri: index painted at {now} ms since the epoch");
}

fn main() {
    tauri::Builder::default()
        .invoke_handler(tauri::generate_handler![painted])
        .run(tauri::generate_context!())
        .expect("error while running the empty Tauri app");
}
