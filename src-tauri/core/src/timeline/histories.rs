//! What a timeline is drawn from: every organization's history (tenures and events, from the
//! library's tables) and the family order of organizations, read once and kept until an
//! import changes the library.

use crate::date::PartialDate;
use crate::error::Result;
use crate::model::{Event, Leader, OrganizationMeta};
use rusqlite::Connection;
use std::collections::{BTreeMap, HashMap, HashSet};

/// Every organization's history and the family order, read once from the library and kept
/// until the next import changes it.
pub struct Histories {
    pub(super) orgs: BTreeMap<String, OrganizationMeta>,
    /// Names of the people who held roles.
    pub(super) names: HashMap<String, String>,
    /// (id, family, depth) in family order.
    pub(super) families: Vec<(String, String, u32)>,
}

impl Histories {
    /// The organizations whose parent is `id`, by id.
    pub fn children(&self, id: &str) -> Vec<String> {
        self.orgs
            .iter()
            .filter(|(_, o)| o.parent.as_deref() == Some(id))
            .map(|(child, _)| child.clone())
            .collect()
    }

    pub fn load(conn: &Connection) -> Result<Histories> {
        let (orgs, names) = organizations(conn)?;
        let families = families(&orgs);
        Ok(Histories {
            orgs,
            names,
            families,
        })
    }
}

/// Every organization with its tenures and events, read from the library's tables (not
/// from each entry's JSON: a large library has tens of thousands of them).
/// Also returns the names of the people who held roles.
#[allow(clippy::type_complexity)]
fn organizations(
    conn: &Connection,
) -> Result<(BTreeMap<String, OrganizationMeta>, HashMap<String, String>)> {
    let mut names = HashMap::new();
    let date = |s: Option<String>| s.and_then(|s| s.parse::<PartialDate>().ok());
    let mut orgs = BTreeMap::new();
    let mut stmt = conn.prepare_cached(
        "SELECT id, title, json_extract(data, '$.founded'), json_extract(data, '$.dissolved'),
                json_extract(data, '$.parent')
         FROM entries WHERE kind = 'organization'",
    )?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        let org = OrganizationMeta {
            name: r.get(1)?,
            aliases: Vec::new(),
            safe_aliases: Vec::new(),
            founded: date(r.get(2)?),
            dissolved: date(r.get(3)?),
            parent: r.get(4)?,
            summary: None,
            leaders: Vec::new(),
            events: Vec::new(),
        };
        orgs.insert(r.get::<_, String>(0)?, org);
    }
    let mut stmt = conn.prepare_cached(
        "SELECT t.organization, t.person, t.role, t.date_from, t.date_to, t.source, t.cite, p.title
         FROM tenures t LEFT JOIN entries p ON p.kind = 'person' AND p.id = t.person
         ORDER BY t.organization, t.pos",
    )?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        if let Some(name) = r.get::<_, Option<String>>(7)? {
            names.insert(r.get(1)?, name);
        }
        if let Some(org) = orgs.get_mut(&r.get::<_, String>(0)?) {
            org.leaders.push(Leader {
                person: r.get(1)?,
                role: r.get(2)?,
                from: date(r.get(3)?),
                to: date(r.get(4)?),
                source: r.get(5)?,
                cite: r.get(6)?,
            });
        }
    }
    let mut stmt = conn.prepare_cached(
        "SELECT organization, date, label, kind, source, cite FROM events
         ORDER BY organization, pos",
    )?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        let Some(date) = date(r.get(1)?) else {
            continue;
        };
        if let Some(org) = orgs.get_mut(&r.get::<_, String>(0)?) {
            org.events.push(Event {
                date,
                label: r.get(2)?,
                kind: r.get(3)?,
                source: r.get(4)?,
                cite: r.get(5)?,
            });
        }
    }
    Ok((orgs, names))
}

/// Organizations in family order: each top organization (no parent, or a parent not in the
/// library) by founding date then name, each followed by its descendants, children ordered
/// the same way. Yields (id, family id, depth).
fn families(orgs: &BTreeMap<String, OrganizationMeta>) -> Vec<(String, String, u32)> {
    let key = |id: &String| {
        let o = &orgs[id];
        (
            o.founded.map_or(i64::MAX, |d| d.start_day()),
            o.name.clone(),
            id.clone(),
        )
    };
    let mut children: HashMap<&str, Vec<String>> = HashMap::new();
    let mut tops: Vec<String> = Vec::new();
    for (id, o) in orgs {
        match o
            .parent
            .as_deref()
            .filter(|p| orgs.contains_key(*p) && *p != id)
        {
            Some(p) => children.entry(p).or_default().push(id.clone()),
            None => tops.push(id.clone()),
        }
    }
    tops.sort_by_key(key);
    for list in children.values_mut() {
        list.sort_by_key(key);
    }
    let mut out = Vec::new();
    let mut seen = HashSet::new();
    for top in &tops {
        let mut stack = vec![(top.clone(), 0u32)];
        while let Some((id, depth)) = stack.pop() {
            if !seen.insert(id.clone()) {
                continue; // a cycle of parents
            }
            if let Some(kids) = children.get(id.as_str()) {
                stack.extend(kids.iter().rev().map(|k| (k.clone(), depth + 1)));
            }
            out.push((id, top.clone(), depth));
        }
    }
    // Organizations caught in a cycle of parents have no top: listed last, on their own.
    for id in orgs.keys() {
        if !seen.contains(id) {
            out.push((id.clone(), id.clone(), 0));
        }
    }
    out
}
