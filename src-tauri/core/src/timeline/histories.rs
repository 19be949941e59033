//! What a timeline is drawn from: every organization's history (tenures and events, from the
//! library's tables) and the family order of organizations, read once and kept until an
//! import changes the library.

use crate::date::PartialDate;
use crate::db::histories;
use crate::error::Result;
use crate::model::{Event, Leader, OrganizationMeta};
use rusqlite::Connection;
use std::collections::{BTreeMap, HashMap, HashSet};

/// A person's born and died.
pub(super) type Life = (Option<PartialDate>, Option<PartialDate>);

/// Every organization's history and the family order, read once from the library and kept
/// until the next import changes it.
pub struct Histories {
    pub(super) orgs: BTreeMap<String, OrganizationMeta>,
    /// Names of the people who held roles.
    pub(super) names: HashMap<String, String>,
    /// Born and died of the people who held roles, where the library gives them.
    pub(super) lives: HashMap<String, Life>,
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
        let (orgs, names, lives) = organizations(conn)?;
        let families = families(&orgs);
        Ok(Histories {
            orgs,
            names,
            lives,
            families,
        })
    }
}

/// Every organization with its tenures and events, read from the library's tables (not
/// from each entry's JSON: a large library has tens of thousands of them).
/// Also returns the names and lives of the people who held roles.
#[allow(clippy::type_complexity)]
fn organizations(
    conn: &Connection,
) -> Result<(
    BTreeMap<String, OrganizationMeta>,
    HashMap<String, String>,
    HashMap<String, Life>,
)> {
    let mut names = HashMap::new();
    let mut lives = HashMap::new();
    let date = |s: Option<String>| s.and_then(|s| s.parse::<PartialDate>().ok());
    let mut orgs = BTreeMap::new();
    histories::for_each_organization(conn, |r| {
        let org = OrganizationMeta {
            name: r.name,
            aliases: Vec::new(),
            safe_aliases: Vec::new(),
            founded: date(r.founded),
            dissolved: date(r.dissolved),
            parent: r.parent,
            summary: None,
            leaders: Vec::new(),
            events: Vec::new(),
        };
        orgs.insert(r.id, org);
    })?;
    histories::for_each_tenure(conn, |r| {
        if let Some(name) = r.person_name {
            names.insert(r.person.clone(), name);
        }
        if r.person_born.is_some() || r.person_died.is_some() {
            lives.insert(r.person.clone(), (date(r.person_born), date(r.person_died)));
        }
        if let Some(org) = orgs.get_mut(&r.organization) {
            org.leaders.push(Leader {
                person: r.person,
                role: r.role,
                from: date(r.from),
                to: date(r.to),
                source: r.source,
                cite: r.cite,
            });
        }
    })?;
    histories::for_each_event(conn, |r| {
        let Some(date) = date(r.date) else {
            return;
        };
        if let Some(org) = orgs.get_mut(&r.organization) {
            org.events.push(Event {
                date,
                label: r.label,
                kind: r.kind,
                source: r.source,
                cite: r.cite,
            });
        }
    })?;
    Ok((orgs, names, lives))
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
