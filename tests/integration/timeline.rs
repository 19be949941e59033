//! Timelines over the starter library and over small libraries written for the case: family
//! order, succession and sub-rows, open ends, the period and event-kind filters, person lanes,
//! and the holder's life on each bar.

use crate::harness::{starter, Workspace};
use lectern_core::timeline::{Days, Lane, LaneKind, TimelineQuery};
use lectern_core::PartialDate;

fn lane<'a>(lanes: &'a [Lane], id: &str) -> &'a Lane {
    lanes
        .iter()
        .find(|l| l.id == id)
        .unwrap_or_else(|| panic!("no lane {id}"))
}

#[test]
fn the_comintern_family_reads_in_order_with_its_presidents_in_succession() {
    let (_d, lib) = starter();
    let lanes = lib.timeline(&TimelineQuery::default()).unwrap().lanes;
    let ids: Vec<&str> = lanes.iter().map(|l| l.id.as_str()).collect();
    let at = |id: &str| ids.iter().position(|x| *x == id).unwrap();
    // The international, then its auxiliaries (by founding), a section under its auxiliary.
    assert!(at("comintern") < at("international-workers-aid"));
    assert!(at("international-workers-aid") < at("international-red-aid"));
    assert!(at("international-red-aid") < at("international-labor-defense"));
    let red_aid = lane(&lanes, "international-red-aid");
    assert_eq!((red_aid.family.as_str(), red_aid.depth), ("comintern", 1));
    assert_eq!(lane(&lanes, "international-labor-defense").depth, 2);
    let presidents: Vec<(&str, Option<&str>, Option<&str>, u32)> = red_aid
        .bars
        .iter()
        .map(|b| {
            (
                b.person.id.as_str(),
                b.from.as_deref(),
                b.to.as_deref(),
                b.row,
            )
        })
        .collect();
    // 1922–1925 then 1925–1927: a succession within a year, not an overlap: one row.
    assert_eq!(
        presidents,
        [
            ("julian-marchlewski", Some("1922"), Some("1925"), 0),
            ("clara-zetkin", Some("1925"), Some("1927"), 0),
            ("elena-stasova", Some("1927"), Some("1937"), 0),
        ]
    );
    assert_eq!(red_aid.rows, 1);
    assert!(red_aid.bars.iter().all(|b| b.cite.is_some()));
    let dates: Vec<i32> = red_aid
        .marks
        .iter()
        .map(|m| m.days.start.unwrap())
        .collect();
    assert!(dates.windows(2).all(|w| w[0] <= w[1]));
}

#[test]
fn a_period_keeps_what_overlaps_it_and_the_family_above() {
    let (_d, lib) = starter();
    let query = TimelineQuery {
        from: Some(1926),
        to: Some(1928),
        ..Default::default()
    };
    let lanes = lib.timeline(&query).unwrap().lanes;
    let red_aid = lane(&lanes, "international-red-aid");
    let people: Vec<&str> = red_aid.bars.iter().map(|b| b.person.id.as_str()).collect();
    // Marchlewski (1922–1925) is outside; Zetkin (to 1927) and Stasova (from 1927) are in.
    assert_eq!(people, ["clara-zetkin", "elena-stasova"]);
    assert!(red_aid
        .marks
        .iter()
        .all(|m| ("1926".."1929").contains(&m.date.as_str())));
    assert!(ids_of(&lanes).contains(&"comintern"));
    // After 1935 Workers' Aid is gone (dissolved 1935, nothing later); Red Aid lasts to 1937.
    let late = TimelineQuery {
        from: Some(1936),
        to: Some(1940),
        ..Default::default()
    };
    let lanes = lib.timeline(&late).unwrap().lanes;
    assert!(ids_of(&lanes).contains(&"international-red-aid"));
    assert!(!ids_of(&lanes).contains(&"international-workers-aid"));
    let red_aid = lane(&lanes, "international-red-aid");
    assert_eq!(red_aid.bars.len(), 1, "only Stasova (1927–1937)");
}

fn ids_of(lanes: &[Lane]) -> Vec<&str> {
    lanes.iter().map(|l| l.id.as_str()).collect()
}

#[test]
fn open_ends_overlaps_event_kinds_and_person_lanes() {
    let ws = Workspace::new("library");
    ws.write(
        "organizations/org-c.md",
        r#"+++
name = "Organization C"
founded = "1920"
dissolved = "1930-06"

[[leaders]]
person = "ada-lovelace"
role = "chair"
from = "1920"
source = "alpha"
cite = "voted"

[[leaders]]
person = "bob-marley"
role = "acting chair"
from = "1923-02"
to = "1923-05"
source = "alpha"
cite = "voted"

[[events]]
date = "1921"
label = "A congress"
kind = "congress"
source = "alpha"
cite = "voted"

[[events]]
date = "1925-03-02"
label = "A campaign"
kind = "campaign"
source = "alpha"
cite = "voted"
+++
"#,
    );
    ws.write(
        "organizations/org-d.md",
        "+++\nname = \"Organization D\"\n\n[[leaders]]\nperson = \"ada-lovelace\"\nrole = \"secretary\"\nfrom = \"1931\"\nsource = \"alpha\"\ncite = \"voted\"\n+++\n",
    );
    let lib = ws.open();
    lib.import().unwrap();
    assert_eq!(lib.list_problems().unwrap(), []);
    let query = TimelineQuery {
        organizations: vec!["org-c".into(), "org-d".into()],
        people: vec!["ada-lovelace".into()],
        event_kinds: vec!["congress".into()],
        ..Default::default()
    };
    let lanes = lib.timeline(&query).unwrap().lanes;
    let c = lane(&lanes, "org-c");
    let chair = &c.bars[0];
    // No end of its own: it ends with the organization, in June 1930 (drawn to the month's end).
    assert!(chair.until_dissolution && chair.to.is_none());
    let june_1930: lectern_core::PartialDate = "1930-06".parse().unwrap();
    assert_eq!(chair.days.end.map(i64::from), Some(june_1930.end_day()));
    // The acting chair overlaps the chair: a second row.
    assert_eq!(
        (c.bars[1].person.id.as_str(), c.bars[1].row, c.rows),
        ("bob-marley", 1, 2)
    );
    assert_eq!(c.marks.len(), 1);
    assert_eq!(c.marks[0].label, "A congress");
    // No dissolution, no end: drawn open.
    let d = lane(&lanes, "org-d");
    assert_eq!(
        (d.bars[0].days.end, d.bars[0].until_dissolution),
        (None, false)
    );
    // Ada's own lane: her roles across both organizations, in order.
    let ada = lanes.iter().find(|l| l.kind == LaneKind::Person).unwrap();
    let roles: Vec<(&str, &str)> = ada
        .bars
        .iter()
        .map(|b| (b.organization.id.as_str(), b.role.as_str()))
        .collect();
    assert_eq!(
        roles,
        [
            ("org-c", "chair"),
            ("org-a", "president"),
            ("org-d", "secretary")
        ]
    );
    // The presidency (1922–1925) falls inside the chair (1920 to 1930-06): a second row; the
    // secretaryship (from 1931) follows the chair on the first.
    let rows: Vec<u32> = ada.bars.iter().map(|b| b.row).collect();
    assert_eq!((rows, ada.rows), (vec![0, 1, 0], 2));
}

#[test]
fn the_timeline_follows_an_import() {
    let ws = Workspace::new("library");
    let lib = ws.open();
    lib.import().unwrap();
    let query = TimelineQuery {
        organizations: vec!["org-a".into()],
        ..Default::default()
    };
    assert_eq!(lib.timeline(&query).unwrap().lanes[0].bars.len(), 1);
    let path = ws.content().join("organizations/org-a.md");
    let text = std::fs::read_to_string(&path).unwrap();
    let added = text.replacen(
        "[[events]]",
        "[[leaders]]\nperson = \"bob-marley\"\nrole = \"secretary\"\nfrom = \"1930\"\nsource = \"alpha\"\ncite = \"voted\"\n[[events]]",
        1,
    );
    ws.write("organizations/org-a.md", &added);
    lib.import().unwrap();
    let bars = &lib.timeline(&query).unwrap().lanes[0].bars;
    assert_eq!(bars.len(), 2);
    assert_eq!(bars[1].person.name, "Bob Márley");
}

#[test]
fn a_bar_carries_its_holders_life_which_bounds_an_unknown_end() {
    let ws = Workspace::new("library");
    ws.write(
        "organizations/org-e.md",
        "+++\nname = \"Organization E\"\n\n[[leaders]]\nperson = \"ada-lovelace\"\nrole = \"chair\"\nfrom = \"1840\"\nsource = \"alpha\"\ncite = \"voted\"\n\n[[leaders]]\nperson = \"bob-marley\"\nrole = \"secretary\"\nfrom = \"1841\"\nsource = \"alpha\"\ncite = \"voted\"\n+++\n",
    );
    ws.write(
        "people/cy-twombly.md",
        "+++\nname = \"Cy Twombly\"\nborn = \"1928-07\"\n+++\nBorn only.\n",
    );
    ws.write(
        "organizations/org-f.md",
        "+++\nname = \"Organization F\"\n\n[[leaders]]\nperson = \"cy-twombly\"\nrole = \"chair\"\nfrom = \"1950\"\nsource = \"alpha\"\ncite = \"voted\"\n+++\n",
    );
    let lib = ws.open();
    lib.import().unwrap();
    assert_eq!(lib.list_problems().unwrap(), []);
    let day = |d: &str| i32::try_from(d.parse::<PartialDate>().unwrap().start_day()).unwrap();
    let query = TimelineQuery {
        organizations: vec!["org-e".into(), "org-f".into()],
        people: vec!["ada-lovelace".into()],
        ..Default::default()
    };
    let lanes = lib.timeline(&query).unwrap().lanes;
    let e = lane(&lanes, "org-e");
    // Ada: born 10 December 1815, died in 1852 (to the last day of that year, end exclusive).
    let ada = Days {
        start: Some(day("1815-12-10")),
        end: Some(day("1853")),
    };
    assert_eq!(e.bars[0].person.id, "ada-lovelace");
    assert_eq!(e.bars[0].person_span, ada);
    // Her chair has no end and the organization no dissolution: an unknown end.
    assert_eq!(
        (e.bars[0].days.end, e.bars[0].until_dissolution),
        (None, false)
    );
    // Bob's entry gives no dates: nothing bounds him.
    assert_eq!(e.bars[1].person.id, "bob-marley");
    let unknown = Days {
        start: None,
        end: None,
    };
    assert_eq!(e.bars[1].person_span, unknown);
    // Born only: a start and no end.
    let f = lane(&lanes, "org-f");
    assert_eq!(
        f.bars[0].person_span,
        Days {
            start: Some(day("1928-07")),
            end: None
        }
    );
    // Her own lane's bars carry the same life.
    let own = lanes.iter().find(|l| l.kind == LaneKind::Person).unwrap();
    assert!(own.bars.iter().all(|b| b.person_span == ada));
}
