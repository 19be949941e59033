//! Books: whether an offer (in exact money, [`crate::money`]) still runs, which footnotes
//! cite which book ([`citelink`], run over the library by [`citations`]), and citations out:
//! formatted by a CSL engine ([`cite`], its HTML written escaped by [`citehtml`]) and
//! exported for reference managers ([`export`]).

pub mod citations;
pub mod cite;
pub mod citehtml;
pub mod citelink;
pub mod export;

use crate::date::PartialDate;

/// Today in the reader's time zone (the system's, or `TZ`). `LECTERN_TODAY=YYYY-MM-DD`
/// stands in for it, for tests and for checking how the list looked on another day.
pub fn today() -> PartialDate {
    if let Some(d) = std::env::var("LECTERN_TODAY")
        .ok()
        .and_then(|s| s.parse::<PartialDate>().ok())
        .filter(|d| d.day.is_some())
    {
        return d;
    }
    let d = jiff::ZonedDateTime::now().date();
    PartialDate {
        year: i32::from(d.year()),
        month: u8::try_from(d.month()).ok(),
        day: u8::try_from(d.day()).ok(),
    }
}

/// An offer valid until `valid_until` has expired on `today` once that day (or month, or
/// year, at the precision written) is over. An offer without an end never expires.
pub fn expired(valid_until: Option<PartialDate>, today: PartialDate) -> bool {
    valid_until.is_some_and(|until| today.start_day() >= until.end_day())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> PartialDate {
        s.parse().unwrap()
    }

    #[test]
    fn an_offer_runs_through_its_last_day() {
        let until = Some(d("2021-06-30"));
        assert!(!expired(until, d("2021-06-29")));
        assert!(!expired(until, d("2021-06-30")));
        assert!(expired(until, d("2021-07-01")));
        // A month or a year runs to its end.
        assert!(!expired(Some(d("2021-06")), d("2021-06-30")));
        assert!(expired(Some(d("2021-06")), d("2021-07-01")));
        assert!(!expired(Some(d("2021")), d("2021-12-31")));
        assert!(expired(Some(d("2021")), d("2022-01-01")));
        assert!(!expired(None, d("2999-01-01")));
    }

    #[test]
    fn today_is_a_whole_day() {
        let t = today();
        assert!(t.month.is_some() && t.day.is_some() && t.year >= 2024);
    }
}

/// A book as citations and exports need it: names resolved, nothing else.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Record {
    pub id: String,
    pub title: String,
    pub subtitle: Option<String>,
    /// Names as written (`E.H. Carr`).
    pub authors: Vec<String>,
    pub editors: Vec<String>,
    pub translators: Vec<String>,
    pub publishers: Vec<String>,
    /// The publisher's series the book appeared in (CSL `collection-title`).
    pub book_series: Option<String>,
    pub date: Option<PartialDate>,
    pub pages: Option<u32>,
    pub url: Option<String>,
}

impl Record {
    /// Title and subtitle, as a citation writes them.
    pub fn full_title(&self) -> String {
        match &self.subtitle {
            Some(s) => format!("{}: {s}", self.title),
            None => self.title.clone(),
        }
    }
}

/// A name as `(family, given)`: the last word is the family name, and run-together initials
/// are spaced as citations write them (`E.H. Carr` → `Carr`, `E. H.`).
pub fn family_given(name: &str) -> (String, String) {
    let name = name.trim();
    match name.rsplit_once(' ') {
        Some((given, family)) => {
            let spaced = given.replace('.', ". ");
            let given = spaced.split_whitespace().collect::<Vec<_>>().join(" ");
            (family.to_owned(), given)
        }
        None => (name.to_owned(), String::new()),
    }
}
