//! Updates, signed. Tauri's updater plugin reads the update manifest at the address the release
//! configuration names (`plugins.updater` in the config `scripts/release-config.mjs` writes),
//! downloads the package for this desktop, checks its minisign signature against the public key
//! built into this copy, installs it and restarts. Whatever goes wrong (no network, a manifest
//! for an older version, a bad signature, a corrupt download, a refused install) leaves Lectern
//! as it was and says so. A copy built from source has no update key and no updater: it is
//! updated by building again or by the package manager.
//!
//! Looking at start happens only when the reader allowed it, at most daily
//! (`lectern_core::UpdatePrefs`).

use crate::desk::Desk;
use lectern_core::{Error, ErrorKind, Result, UpdatePrefs};
use serde::{Deserialize, Serialize};
use specta::Type;
use std::sync::Mutex;
use std::time::Duration;
use tauri::{AppHandle, Context, Manager, Runtime};
use tauri_plugin_updater::{Error as UpdaterError, Update, UpdaterExt};
use tauri_specta::Event;

/// This copy's version, whether it can update itself, and the reader's choice.
#[derive(Debug, Clone, Serialize, Deserialize, Type)]
pub struct UpdateStatus {
    pub current: String,
    /// False for a copy built without an update key (from source).
    pub updater: bool,
    /// Whether this copy was installed from a package the updater can replace.
    pub installed: bool,
    pub prefs: UpdatePrefs,
    /// The newer version the look at this start found, if it found one.
    pub found_at_start: Option<NewVersion>,
}

/// What the look at start found: kept for a UI that was not yet listening when it was told.
#[derive(Default)]
pub struct FoundAtStart(Mutex<Option<NewVersion>>);

/// A newer version the update server offers.
#[derive(Debug, Clone, Serialize, Deserialize, Type)]
pub struct NewVersion {
    pub version: String,
    pub notes: Option<String>,
    pub date: Option<String>,
}

/// What a look for updates found: the newer version, or none (this copy is the newest).
#[derive(Debug, Clone, Serialize, Deserialize, Type, tauri_specta::Event)]
pub struct UpdateFound {
    pub current: String,
    pub newer: Option<NewVersion>,
}

/// In a debug build only, `LECTERN_DEBUG_UPDATER` (the JSON of `plugins.updater`) gives the
/// updater a key and a server, so that the end-to-end tests can run it against a server of
/// their own. A release build reads only its built-in configuration.
pub fn configure<R: Runtime>(context: &mut Context<R>) {
    if !cfg!(debug_assertions) {
        return;
    }
    let given = std::env::var("LECTERN_DEBUG_UPDATER").ok();
    if let Some(config) = given.and_then(|c| serde_json::from_str(&c).ok()) {
        context
            .config_mut()
            .plugins
            .0
            .insert("updater".into(), config);
    }
}

/// Whether this copy has an updater: its configuration names one.
pub fn configured<R: Runtime>(context: &Context<R>) -> bool {
    context.config().plugins.0.contains_key("updater")
}

/// Whether the updater can replace this copy: it was installed from a package (on Linux, a
/// .deb or .rpm; an unpackaged build would be overwritten by nothing the updater knows).
fn installed() -> bool {
    tauri::utils::platform::bundle_type().is_some()
}

pub fn status<R: Runtime>(app: &AppHandle<R>, desk: &Desk) -> Result<UpdateStatus> {
    Ok(UpdateStatus {
        current: app.package_info().version.to_string(),
        updater: has_updater(app),
        installed: installed(),
        prefs: desk.library()?.update_prefs()?,
        found_at_start: app
            .try_state::<FoundAtStart>()
            .and_then(|f| f.0.lock().ok().and_then(|n| n.clone())),
    })
}

/// Looks for a newer version now.
pub async fn check<R: Runtime>(app: &AppHandle<R>) -> Result<UpdateFound> {
    let found = find(app).await?;
    if let Ok(lib) = app.state::<Desk>().library() {
        let _ = lib.note_update_check();
    }
    Ok(UpdateFound {
        current: app.package_info().version.to_string(),
        newer: found.map(|u| NewVersion {
            version: u.version.clone(),
            notes: u.body.clone(),
            date: u.date.map(|d| d.to_string()),
        }),
    })
}

/// Downloads the newer version, checks its signature, installs it and restarts. Returns only
/// when something stopped it; Lectern is then as it was.
pub async fn install<R: Runtime>(app: &AppHandle<R>) -> Result<()> {
    let update = find(app).await?.ok_or_else(|| {
        Error::new(
            ErrorKind::NotFound,
            "there is no newer version to install: this copy is the newest",
        )
    })?;
    let bytes = update.download(|_, _| {}, || {}).await.map_err(explain)?;
    if !installed() {
        return Err(Error::new(
            ErrorKind::Invalid,
            format!(
                "Lectern {} was downloaded and its signature checked, but this copy was not \
                 installed from a package, so there is nothing the updater may replace: install \
                 the new package instead. Lectern is unchanged.",
                update.version
            ),
        ));
    }
    update.install(bytes).map_err(explain)?;
    app.restart()
}

/// At start, when the reader allowed it and a day has passed: looks, and tells the UI when a
/// newer version is there (an event, and [`UpdateStatus::found_at_start`] for a UI that was not
/// listening yet). Quiet when offline: the reader asked for nothing.
pub fn check_at_start<R: Runtime>(app: &AppHandle<R>) {
    app.manage(FoundAtStart::default());
    let due = app
        .state::<Desk>()
        .library()
        .is_ok_and(|lib| lib.update_check_due());
    if !due || !has_updater(app) {
        return;
    }
    let handle = app.clone();
    tauri::async_runtime::spawn(async move {
        if let Ok(found) = check(&handle).await {
            if let Some(newer) = &found.newer {
                if let Ok(mut kept) = handle.state::<FoundAtStart>().0.lock() {
                    *kept = Some(newer.clone());
                }
                let _ = found.emit(&handle);
            }
        }
    });
}

/// Whether the updater plugin runs in this copy (its configuration names one; asking the plugin
/// itself when it is not there would fail on state it never managed).
fn has_updater<R: Runtime>(app: &AppHandle<R>) -> bool {
    app.config().plugins.0.contains_key("updater")
}

async fn find<R: Runtime>(app: &AppHandle<R>) -> Result<Option<Update>> {
    let no_key = || {
        Error::new(
            ErrorKind::Invalid,
            "this copy of Lectern was built without an update key: it is updated by your package \
             manager or by building it again",
        )
    };
    if !has_updater(app) {
        return Err(no_key());
    }
    // A server that takes the connection and never answers (a captive portal, a stalled proxy)
    // must not leave the reader waiting forever; a slow but moving download must not be cut:
    // so limits on connecting and on each read, none on the whole transfer.
    let updater = app
        .updater_builder()
        .configure_client(|client| {
            client
                .connect_timeout(Duration::from_secs(15))
                .read_timeout(Duration::from_secs(30))
        })
        .build()
        .map_err(|_| no_key())?;
    updater.check().await.map_err(explain)
}

/// What went wrong, for the reader; every case leaves Lectern as it was.
fn explain(e: UpdaterError) -> Error {
    use UpdaterError as E;
    let (kind, what) = match &e {
        E::Reqwest(_) | E::Network(_) | E::Http(_) => (
            ErrorKind::Offline,
            "the update server could not be reached, or stopped answering",
        ),
        E::SignedVersionMismatch { .. } | E::MissingSignedVersion => (
            ErrorKind::Invalid,
            "the update's signature is not for the version the server announced (an older \
             release offered as a newer one): it was not installed",
        ),
        E::Minisign(_) | E::Base64(_) | E::SignatureUtf8(_) => (
            ErrorKind::Invalid,
            "the update's signature does not match this copy's key (a corrupt download, or not \
             a build of Lectern's): it was not installed",
        ),
        E::Serialization(_) | E::Semver(_) | E::UrlParse(_) | E::FormatDate => (
            ErrorKind::Invalid,
            "the update server's answer is not an update manifest Lectern can read",
        ),
        E::ReleaseNotFound | E::TargetNotFound(_) | E::TargetsNotFound(_) => (
            ErrorKind::NotFound,
            "the update server has no build for this desktop",
        ),
        E::InsecureTransportProtocol => (
            ErrorKind::Invalid,
            "the update server's address is not https",
        ),
        _ => (
            ErrorKind::Io,
            "the update was verified but could not be installed",
        ),
    };
    Error::new(
        kind,
        format!("{what}. Lectern is unchanged. (The updater said: {e})"),
    )
}
