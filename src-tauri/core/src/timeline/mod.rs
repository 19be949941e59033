//! Timelines: organizations (or people) as lanes, leadership tenures as bars, events as marks.
//! Dates stay partial: each is an interval of days (`1922` is some day in 1922), used to sort,
//! to test overlap and to draw, never turned into an invented day. The UI draws what this
//! returns and decides nothing about order or packing; for an end the sources do not give, it
//! has the person's life and the organization's span, which bound how far it is drawn.

mod histories;
mod pack;

pub use histories::Histories;

use crate::date::PartialDate;
use crate::db::entries::get_entry;
use crate::error::Result;
use crate::model::{EntityRef, Kind, Leader, OrganizationMeta, PersonMeta};
use histories::Life;
use pack::{pack, Extent};
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use specta::Type;
use std::collections::HashMap;

/// What to show. No organizations and no people means every organization.
#[derive(Debug, Clone, Default, Serialize, Deserialize, Type)]
pub struct TimelineQuery {
    #[serde(default)]
    pub organizations: Vec<String>,
    #[serde(default)]
    pub people: Vec<String>,
    /// First year shown (inclusive).
    #[serde(default)]
    pub from: Option<i32>,
    /// Last year shown (inclusive).
    #[serde(default)]
    pub to: Option<i32>,
    /// Only events of these kinds (`congress`, `founding`…); empty means all.
    #[serde(default)]
    pub event_kinds: Vec<String>,
}

#[derive(Debug, Clone, Serialize, Type)]
pub struct Timeline {
    pub lanes: Vec<Lane>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Type)]
#[serde(rename_all = "lowercase")]
pub enum LaneKind {
    Organization,
    Person,
}

/// A span in days since 1970-01-01, `end` exclusive; `None` where the sources give no date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Type)]
pub struct Days {
    pub start: Option<i32>,
    pub end: Option<i32>,
}

impl Days {
    fn of(start: Option<PartialDate>, end: Option<PartialDate>) -> Days {
        let day = |d: i64| i32::try_from(d).unwrap_or(if d < 0 { i32::MIN } else { i32::MAX });
        Days {
            start: start.map(|d| day(d.start_day())),
            end: end.map(|d| day(d.end_day())),
        }
    }

    fn start_or(&self, unknown: i64) -> i64 {
        self.start.map_or(unknown, i64::from)
    }

    fn end_or(&self, unknown: i64) -> i64 {
        self.end.map_or(unknown, i64::from)
    }
}

#[derive(Debug, Clone, Serialize, Type)]
pub struct Lane {
    pub id: String,
    pub name: String,
    pub kind: LaneKind,
    /// Founded or born, as written.
    pub from: Option<String>,
    /// Dissolved or died, as written.
    pub to: Option<String>,
    pub span: Days,
    /// The top organization of the lane's family (itself for a top one or a person).
    pub family: String,
    /// 0 for the top of a family, 1 for its auxiliaries and sections, and so on.
    pub depth: u32,
    /// Sub-rows the bars need.
    pub rows: u32,
    pub bars: Vec<Bar>,
    pub marks: Vec<Mark>,
}

#[derive(Debug, Clone, Serialize, Type)]
pub struct Bar {
    pub person: EntityRef,
    pub organization: EntityRef,
    /// The role in the source's words.
    pub role: String,
    pub from: Option<String>,
    pub to: Option<String>,
    /// `end` is the dissolution's when the tenure runs until the organization ended, `None`
    /// when the sources give no end (drawn fading out, within `person_span` and
    /// `organization_span`).
    pub days: Days,
    /// The tenure has no end of its own and runs to the organization's dissolution.
    pub until_dissolution: bool,
    /// The organization's own span, where an unknown start may be drawn from.
    pub organization_span: Days,
    /// The person's life, born to died, which an unknown end is never drawn past.
    pub person_span: Days,
    pub row: u32,
    pub source: String,
    pub cite: Option<String>,
}

#[derive(Debug, Clone, Serialize, Type)]
pub struct Mark {
    pub date: String,
    pub days: Days,
    pub label: String,
    pub kind: Option<String>,
    pub organization: EntityRef,
    pub source: String,
    pub cite: Option<String>,
}

/// Builds the timeline for `query` from the library's `histories`.
pub fn timeline(
    conn: &Connection,
    histories: &Histories,
    query: &TimelineQuery,
) -> Result<Timeline> {
    let Histories {
        orgs,
        names,
        lives,
        families,
    } = histories;
    let window = Window::of(query);
    let everything = query.organizations.is_empty() && query.people.is_empty();
    let mut org_lanes: Vec<Option<Lane>> = Vec::new();
    for (id, family, depth) in families {
        let org = &orgs[id];
        let bars: Vec<Bar> = org
            .leaders
            .iter()
            .map(|l| bar(id, org, l, names, lives))
            .filter(|b| window.holds(b.days))
            .collect();
        let marks = marks(id, org, query, &window);
        let span = Days::of(org.founded, org.dissolved);
        // Listing everything for a period, an organization is shown when something of it
        // falls in the period or its known existence overlaps it.
        let dated = span.start.is_some() || span.end.is_some();
        let shown = if everything {
            !window.bounded()
                || !bars.is_empty()
                || !marks.is_empty()
                || (dated && window.holds(span))
        } else {
            query.organizations.contains(id)
        };
        let lane = lane(
            id,
            &org.name,
            LaneKind::Organization,
            (org.founded, org.dissolved),
            family,
            *depth,
            bars,
            marks,
        );
        org_lanes.push(shown.then_some(lane));
    }
    // A shown organization brings the organizations above it, so its family reads whole.
    if everything {
        let at: HashMap<&str, usize> = families
            .iter()
            .enumerate()
            .map(|(i, f)| (f.0.as_str(), i))
            .collect();
        let shown: Vec<usize> = (0..org_lanes.len())
            .filter(|&i| org_lanes[i].is_some())
            .collect();
        for i in shown {
            let mut parent = orgs[&families[i].0].parent.clone();
            let mut steps = 0;
            while let Some(p) = parent.filter(|_| steps < families.len()) {
                let Some(&j) = at.get(p.as_str()) else { break };
                if org_lanes[j].is_none() {
                    let (id, family, depth) = &families[j];
                    let org = &orgs[id];
                    org_lanes[j] = Some(lane(
                        id,
                        &org.name,
                        LaneKind::Organization,
                        (org.founded, org.dissolved),
                        family,
                        *depth,
                        Vec::new(),
                        Vec::new(),
                    ));
                }
                parent = orgs[&p].parent.clone();
                steps += 1;
            }
        }
    }
    let mut lanes: Vec<Lane> = org_lanes.into_iter().flatten().collect();
    for id in &query.people {
        let Some(row) = get_entry(conn, Kind::Person, id)? else {
            continue;
        };
        let person: PersonMeta = serde_json::from_str(&row.data)?;
        let bars: Vec<Bar> = orgs
            .iter()
            .flat_map(|(org_id, org)| {
                org.leaders
                    .iter()
                    .filter(|l| l.person == *id)
                    .map(|l| bar(org_id, org, l, names, lives))
                    .collect::<Vec<_>>()
            })
            .filter(|b| window.holds(b.days))
            .collect();
        lanes.push(lane(
            id,
            &person.name,
            LaneKind::Person,
            (person.born, person.died),
            id,
            0,
            bars,
            Vec::new(),
        ));
    }
    Ok(Timeline { lanes })
}

#[allow(clippy::too_many_arguments)]
fn lane(
    id: &str,
    name: &str,
    kind: LaneKind,
    (from, to): (Option<PartialDate>, Option<PartialDate>),
    family: &str,
    depth: u32,
    mut bars: Vec<Bar>,
    mut marks: Vec<Mark>,
) -> Lane {
    // By start; a bar whose start is unknown goes where its end puts it.
    bars.sort_by_key(|b| {
        let end = b.days.end_or(i64::MAX);
        (b.days.start_or(end), end, b.person.id.clone())
    });
    marks.sort_by_key(|m| m.days.start);
    let extents: Vec<Extent> = bars
        .iter()
        .map(|b| Extent {
            begin: b.days.start_or(i64::MIN),
            until: until(b),
        })
        .collect();
    for (bar, row) in bars.iter_mut().zip(pack(&extents)) {
        bar.row = row;
    }
    Lane {
        id: id.to_owned(),
        name: name.to_owned(),
        kind,
        from: from.map(|d| d.to_string()),
        to: to.map(|d| d.to_string()),
        span: Days::of(from, to),
        family: family.to_owned(),
        depth,
        rows: bars.iter().map(|b| b.row + 1).max().unwrap_or(0),
        bars,
        marks,
    }
}

/// The earliest a bar can have ended: the start of its end date (or of the dissolution), so
/// that a tenure ending in 1925 and one starting in 1925 share a row.
fn until(b: &Bar) -> i64 {
    match b.to.as_deref().and_then(|d| d.parse::<PartialDate>().ok()) {
        Some(d) => d.start_day(),
        // Until the dissolution: its last day; no end given: open.
        None => b.days.end.map_or(i64::MAX, |end| i64::from(end) - 1),
    }
}

fn bar(
    org_id: &str,
    org: &OrganizationMeta,
    l: &Leader,
    names: &HashMap<String, String>,
    lives: &HashMap<String, Life>,
) -> Bar {
    let until_dissolution = l.to.is_none() && org.dissolved.is_some();
    let (born, died) = lives.get(&l.person).copied().unwrap_or_default();
    Bar {
        person: EntityRef {
            id: l.person.clone(),
            name: names
                .get(&l.person)
                .map_or_else(|| l.person.clone(), Clone::clone),
        },
        organization: EntityRef {
            id: org_id.to_owned(),
            name: org.name.clone(),
        },
        role: l.role.clone(),
        from: l.from.map(|d| d.to_string()),
        to: l.to.map(|d| d.to_string()),
        days: Days::of(l.from, l.to.or(org.dissolved)),
        until_dissolution,
        organization_span: Days::of(org.founded, org.dissolved),
        person_span: Days::of(born, died),
        row: 0,
        source: l.source.clone(),
        cite: l.cite.clone(),
    }
}

fn marks(id: &str, org: &OrganizationMeta, query: &TimelineQuery, window: &Window) -> Vec<Mark> {
    org.events
        .iter()
        .filter(|e| {
            query.event_kinds.is_empty()
                || e.kind
                    .as_ref()
                    .is_some_and(|k| query.event_kinds.contains(k))
        })
        .map(|e| Mark {
            date: e.date.to_string(),
            days: Days::of(Some(e.date), Some(e.date)),
            label: e.label.clone(),
            kind: e.kind.clone(),
            organization: EntityRef {
                id: id.to_owned(),
                name: org.name.clone(),
            },
            source: e.source.clone(),
            cite: e.cite.clone(),
        })
        .filter(|m| window.holds(m.days))
        .collect()
}

/// The period asked for, in days.
struct Window {
    start: i64,
    end: i64,
}

impl Window {
    fn of(query: &TimelineQuery) -> Window {
        let year = |y: i32| PartialDate {
            year: y,
            month: None,
            day: None,
        };
        Window {
            start: query.from.map_or(i64::MIN, |y| year(y).start_day()),
            end: query.to.map_or(i64::MAX, |y| year(y).end_day()),
        }
    }

    fn bounded(&self) -> bool {
        self.start != i64::MIN || self.end != i64::MAX
    }

    /// Whether a span overlaps the window; an unknown start or end is open that way.
    fn holds(&self, d: Days) -> bool {
        d.start_or(i64::MIN) < self.end && d.end_or(i64::MAX) > self.start
    }
}
