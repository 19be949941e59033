//! Merging other devices' records into this device's notes.sqlite, inside one transaction
//! (the caller's): what the rule keeps of each annotation, bookmark and reading position is
//! updated by the rule itself ([`super::rule`]), and the reader's tables are set to what the
//! rule shows. The result is the same as [`super::rule::State::shown`] over every record
//! this device has written or merged, whatever their order.

use super::device::DeviceId;
use super::hlc::Hlc;
use super::record::{AnnotationState, Change, Record};
use super::rule::{Entry, Stamped, Value, Version};
use super::versions;
use crate::error::Result;
use crate::notes::{annotations, Annotation};
use rusqlite::{params, Connection, OptionalExtension};
use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

/// What merging changed here.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Applied {
    /// Annotations (conflict copies included) added, changed or removed here.
    pub annotations: usize,
    /// Bookmarks and reading positions changed here.
    pub reading: usize,
    /// The articles whose annotations changed, to place them in this library's text.
    pub articles: BTreeSet<String>,
    /// Per device: how many of its records changed something here, and the stamp of its
    /// latest record merged.
    pub by_device: BTreeMap<DeviceId, (usize, Hlc)>,
}

/// Merges `records` (of other devices) into the notes.
pub fn apply(conn: &Connection, records: Vec<Record>) -> Result<Applied> {
    let mut applied = Applied::default();
    let mut versions: HashMap<String, Vec<(DeviceId, Version)>> = HashMap::new();
    for r in records {
        let latest = applied
            .by_device
            .entry(r.device.clone())
            .or_insert((0, r.hlc.clone()));
        latest.1 = latest.1.clone().max(r.hlc.clone());
        match r.change {
            Change::Annotation { state, seen_delete } => {
                let id = state.id.clone();
                let version = Version {
                    hlc: r.hlc,
                    seen_delete,
                    value: Value::Live(state),
                };
                versions.entry(id).or_default().push((r.device, version));
            }
            Change::Delete { id } => {
                let version = Version {
                    hlc: r.hlc,
                    seen_delete: None,
                    value: Value::Deleted,
                };
                versions.entry(id).or_default().push((r.device, version));
            }
            Change::Bookmark { article, set } => {
                if bookmark(conn, &article, &r.hlc, set)? {
                    applied.reading += 1;
                    count(&mut applied, &r.device);
                }
            }
            Change::Position { article, offset } => {
                if position(conn, &article, &r.hlc, offset)? {
                    applied.reading += 1;
                    count(&mut applied, &r.device);
                }
            }
        }
    }
    let mut refresh: BTreeSet<String> = BTreeSet::new();
    // The entries saved here, so that showing them need not read them back; and the ids that
    // may have a row (those with an entry before, and conflict copies before or after), the
    // others having none to compare with.
    let mut fresh: HashMap<String, Entry> = HashMap::new();
    let mut may_have_row: HashSet<String> = conn
        .prepare_cached("SELECT copy FROM sync_copies")?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    for (id, list) in versions {
        let id = id.as_str();
        let old = versions::entry(conn, id)?;
        let mut entry = old.clone();
        for (device, v) in list {
            let changed = match entry.as_mut() {
                Some(e) => e.apply(v),
                None => {
                    entry = Some(Entry::new(v));
                    true
                }
            };
            if changed {
                count(&mut applied, &device);
            }
        }
        let Some(entry) = entry.filter(|e| Some(e) != old.as_ref()) else {
            continue;
        };
        versions::save(conn, id, &entry)?;
        refresh.insert(id.to_owned());
        if old.is_some() {
            may_have_row.insert(id.to_owned());
        }
        for copy in versions::keep_copies(conn, id, old.as_ref(), &entry)? {
            may_have_row.insert(copy.clone());
            refresh.insert(copy);
        }
        fresh.insert(id.to_owned(), entry);
    }
    let lookup = |id: &str| match fresh.get(id) {
        Some(e) => Ok(Some(Cow::Borrowed(e))),
        None => Ok(versions::entry(conn, id)?.map(Cow::Owned)),
    };
    for id in &refresh {
        if let Some(article) = show(conn, id, may_have_row.contains(id), &lookup)? {
            applied.annotations += 1;
            applied.articles.insert(article);
        }
    }
    Ok(applied)
}

fn count(applied: &mut Applied, device: &DeviceId) {
    if let Some(c) = applied.by_device.get_mut(device) {
        c.0 += 1;
    }
}

/// The annotation the rule shows under `id` now, and whether it is a conflict copy (the id of
/// the annotation it copies); `None` when nothing is shown under it.
pub fn shown(conn: &Connection, id: &str) -> Result<Option<(Annotation, Option<String>)>> {
    shown_with(conn, id, &|id| {
        Ok(versions::entry(conn, id)?.map(Cow::Owned))
    })
}

/// What the rule keeps of an annotation, by id (borrowed when the caller holds it).
type Lookup<'a, 'e> = dyn Fn(&str) -> Result<Option<Cow<'e, Entry>>> + 'a;

/// [`shown`], reading what the rule keeps through `entry`.
fn shown_with<'e>(
    conn: &Connection,
    id: &str,
    entry: &Lookup<'_, 'e>,
) -> Result<Option<(Annotation, Option<String>)>> {
    let own = entry(id)?;
    let of: Option<String> = conn
        .prepare_cached("SELECT of FROM sync_copies WHERE copy = ?1")?
        .query_row([id], |r| r.get(0))
        .optional()?;
    let copied = match &of {
        Some(of) => entry(of)?.and_then(|e| {
            e.conflict(of)
                .and_then(|(c, v)| (c == id).then(|| v.clone()))
        }),
        None => None,
    };
    let live = |v: &Version| match &v.value {
        Value::Live(s) => {
            let mut a = Annotation::from(AnnotationState::clone(s));
            a.id = id.to_owned();
            Some(a)
        }
        Value::Deleted => None,
    };
    Ok(match (copied, own) {
        // A copy counts as an edit seeing no deletion, at the stamp of the edit it copies.
        (Some(c), own)
            if own
                .as_ref()
                .is_none_or(|e| (None, &c.hlc) > (e.winner.after_delete(), &e.winner.hlc)) =>
        {
            live(&c).map(|a| (a, of))
        }
        (_, Some(e)) => live(&e.winner).map(|a| (a, None)),
        (_, None) => None,
    })
}

/// Sets annotation `id`'s row to what the rule shows (`may_have_row`: whether a row may be
/// there already); the article whose notes changed, if any did.
fn show<'e>(
    conn: &Connection,
    id: &str,
    may_have_row: bool,
    entry: &Lookup<'_, 'e>,
) -> Result<Option<String>> {
    let before = if may_have_row {
        annotations::get_annotation(conn, id)?
    } else {
        None
    };
    match shown_with(conn, id, entry)? {
        Some((a, _)) => {
            let same = before.as_ref().is_some_and(|b| same_note(b, &a));
            if same {
                return Ok(None);
            }
            annotations::upsert_annotation(conn, &a, "")?;
            Ok(Some(a.article))
        }
        None if may_have_row => {
            annotations::delete_annotation(conn, id)?;
            Ok(before.map(|b| b.article))
        }
        None => Ok(None),
    }
}

/// Whether two annotations say the same (placement aside, which each device finds itself).
fn same_note(a: &Annotation, b: &Annotation) -> bool {
    (
        &a.article, &a.quote, &a.prefix, &a.suffix, &a.note, &a.tags, &a.color,
    ) == (
        &b.article, &b.quote, &b.prefix, &b.suffix, &b.note, &b.tags, &b.color,
    ) && (&a.created, &a.modified, a.whole_article, &a.parent, &a.uri)
        == (&b.created, &b.modified, b.whole_article, &b.parent, &b.uri)
}

/// Merges a bookmark change of `article`; whether it changed the bookmark here.
fn bookmark(conn: &Connection, article: &str, hlc: &Hlc, set: bool) -> Result<bool> {
    let new = Stamped {
        hlc: hlc.clone(),
        value: set,
    };
    let old = versions::bookmark_stamp(conn, article)?;
    if old
        .as_ref()
        .is_some_and(|o| (&o.hlc, o.value) >= (&new.hlc, new.value))
    {
        return Ok(false);
    }
    versions::keep_bookmark(conn, article, hlc, set)?;
    let changed = if set {
        conn.prepare_cached("INSERT OR IGNORE INTO bookmarks (article, created) VALUES (?1, ?2)")?
            .execute(params![article, super::status::wall_time(hlc)])?
    } else {
        conn.prepare_cached("DELETE FROM bookmarks WHERE article = ?1")?
            .execute([article])?
    };
    Ok(changed > 0)
}

/// Merges a reading position in `article`; whether it moved the position here.
fn position(conn: &Connection, article: &str, hlc: &Hlc, offset: u32) -> Result<bool> {
    let old = versions::position_stamp(conn, article)?;
    if old
        .as_ref()
        .is_some_and(|o| (&o.hlc, o.value) >= (hlc, offset))
    {
        return Ok(false);
    }
    versions::keep_position(conn, article, hlc, offset)?;
    crate::notes::reading::upsert_position(conn, article, offset, &super::status::wall_time(hlc))?;
    Ok(old.is_none_or(|o| o.value != offset))
}
