//! How the webview draws on a machine without a GPU.
//!
//! WebKitGTK composites a page's layers with OpenGL. A Linux machine with no GPU driver (no DRM
//! render node: a virtual machine, a remote desktop, a server under Xvfb) gets that OpenGL from
//! Mesa's llvmpipe, which runs the GPU's work on the CPU: it compiles a shader for each kind of
//! thing drawn and composites every frame in software, with drawing buffers that took the web
//! process's anonymous memory from 16 MiB (without compositing) to about 60. Drawing the page directly, without compositing, does the same work with none of
//! that. So when the machine has no GPU, Lectern turns WebKit's accelerated compositing off
//! (`WEBKIT_DISABLE_COMPOSITING_MODE=1`), unless the environment already says either way (that
//! variable, or `WEBKIT_FORCE_COMPOSITING_MODE`). Measured in README, "Performance": a faster
//! start, less memory and smoother scrolling on such a machine; a machine with a GPU is untouched.

use std::ffi::OsStr;
use std::path::Path;

/// WebKitGTK's switch that turns accelerated compositing off (set to any value).
const NO_COMPOSITING: &str = "WEBKIT_DISABLE_COMPOSITING_MODE";
/// WebKitGTK's switch that keeps compositing on; a reader who sets it keeps it.
const FORCE_COMPOSITING: &str = "WEBKIT_FORCE_COMPOSITING_MODE";

/// Turns compositing off when the machine has no GPU. Called first in `run`, before any thread
/// starts: the web processes WebKit spawns inherit the environment.
pub fn choose() {
    let said = |name| std::env::var_os(name).is_some();
    if !cfg!(target_os = "linux") || said(NO_COMPOSITING) || said(FORCE_COMPOSITING) {
        return;
    }
    let forced_software = std::env::var_os("LIBGL_ALWAYS_SOFTWARE");
    if !has_gpu(Path::new("/dev"), forced_software.as_deref()) {
        std::env::set_var(NO_COMPOSITING, "1");
        crate::startup::trace("no GPU: drawing without compositing");
    }
}

/// Whether the machine under `dev` (`/dev`) has a GPU that Mesa or NVIDIA's driver would draw
/// with: a DRM render node (`dri/renderD128`…) or an NVIDIA device (`nvidia0`…), and Mesa not
/// told to draw in software (`LIBGL_ALWAYS_SOFTWARE` set to anything but "0" or "").
fn has_gpu(dev: &Path, libgl_always_software: Option<&OsStr>) -> bool {
    if libgl_always_software.is_some_and(|v| !v.is_empty() && v != "0") {
        return false;
    }
    let named = |dir: &Path, prefix: &str| {
        std::fs::read_dir(dir).is_ok_and(|entries| {
            entries
                .flatten()
                .any(|e| e.file_name().to_string_lossy().starts_with(prefix))
        })
    };
    named(&dev.join("dri"), "renderD") || named(dev, "nvidia")
}

#[cfg(test)]
mod tests {
    use super::has_gpu;
    use std::ffi::OsStr;
    use std::fs;

    #[test]
    fn a_render_node_or_an_nvidia_device_is_a_gpu() {
        let dev = tempfile::tempdir().unwrap();
        assert!(!has_gpu(dev.path(), None), "an empty /dev has no GPU");
        fs::create_dir(dev.path().join("dri")).unwrap();
        // A display-only card (card0) without a render node draws nothing itself.
        fs::write(dev.path().join("dri/card0"), "").unwrap();
        assert!(!has_gpu(dev.path(), None));
        fs::write(dev.path().join("dri/renderD128"), "").unwrap();
        assert!(has_gpu(dev.path(), None));

        let nvidia = tempfile::tempdir().unwrap();
        fs::write(nvidia.path().join("nvidiactl"), "").unwrap();
        fs::write(nvidia.path().join("nvidia0"), "").unwrap();
        assert!(has_gpu(nvidia.path(), None));
    }

    #[test]
    fn mesa_told_to_draw_in_software_has_no_gpu() {
        let dev = tempfile::tempdir().unwrap();
        fs::create_dir(dev.path().join("dri")).unwrap();
        fs::write(dev.path().join("dri/renderD128"), "").unwrap();
        assert!(!has_gpu(dev.path(), Some(OsStr::new("1"))));
        assert!(!has_gpu(dev.path(), Some(OsStr::new("true"))));
        assert!(has_gpu(dev.path(), Some(OsStr::new("0"))));
        assert!(has_gpu(dev.path(), Some(OsStr::new(""))));
    }
}
