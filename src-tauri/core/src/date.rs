//! Partial dates: `1922`, `1922-12` or `1922-12-05`, kept at the precision the source gives.

use serde::{de, Deserialize, Deserializer, Serialize, Serializer};
use std::{cmp::Ordering, fmt, str::FromStr};

/// A date known to the year, the month or the day.
///
/// Ordering is chronological by the start of each interval, and a less precise date sorts
/// before a more precise one that starts at the same moment: `1922` < `1922-01` < `1922-01-01`
/// < `1922-02`. This is a total order, so sorting is stable and deterministic.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct PartialDate {
    pub year: i32,
    pub month: Option<u8>,
    pub day: Option<u8>,
}

impl PartialDate {
    /// The date as a reader writes it, at its precision: `1922`, `December 1922`,
    /// `5 December 1922`.
    pub fn long(&self) -> String {
        const MONTHS: [&str; 12] = [
            "January",
            "February",
            "March",
            "April",
            "May",
            "June",
            "July",
            "August",
            "September",
            "October",
            "November",
            "December",
        ];
        let month = self
            .month
            .and_then(|m| MONTHS.get(usize::from(m).wrapping_sub(1)));
        match (month, self.day) {
            (Some(m), Some(d)) => format!("{d} {m} {}", self.year),
            (Some(m), None) => format!("{m} {}", self.year),
            _ => self.year.to_string(),
        }
    }

    /// An integer that sorts like the date: `yyyymmdd` with zeros for unknown parts.
    pub fn sort_key(&self) -> i64 {
        i64::from(self.year) * 10_000
            + i64::from(self.month.unwrap_or(0)) * 100
            + i64::from(self.day.unwrap_or(0))
    }
}

impl PartialDate {
    /// The first day of the interval the date stands for, as days since 1970-01-01.
    pub fn start_day(&self) -> i64 {
        days(self.year, self.month.unwrap_or(1), self.day.unwrap_or(1))
    }

    /// The day after the interval ends (exclusive), as days since 1970-01-01: `1922` ends at
    /// 1923-01-01, `1922-02` at 1922-03-01, `1922-02-05` at 1922-02-06.
    pub fn end_day(&self) -> i64 {
        match (self.month, self.day) {
            (None, _) => days(self.year + 1, 1, 1),
            (Some(12), None) => days(self.year + 1, 1, 1),
            (Some(m), None) => days(self.year, m + 1, 1),
            (Some(_), Some(_)) => self.start_day() + 1,
        }
    }
}

/// Days since 1970-01-01 of a valid calendar date (parsing checked it).
fn days(year: i32, month: u8, day: u8) -> i64 {
    const UNIX_EPOCH_JULIAN_DAY: i64 = 2_440_588;
    let month = time::Month::try_from(month).unwrap_or(time::Month::January);
    time::Date::from_calendar_date(year, month, day)
        .map_or(0, |d| i64::from(d.to_julian_day()) - UNIX_EPOCH_JULIAN_DAY)
}

impl Ord for PartialDate {
    fn cmp(&self, other: &Self) -> Ordering {
        self.sort_key().cmp(&other.sort_key())
    }
}

impl PartialOrd for PartialDate {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}", self.year)?;
        if let Some(m) = self.month {
            write!(f, "-{m:02}")?;
        }
        if let Some(d) = self.day {
            write!(f, "-{d:02}")?;
        }
        Ok(())
    }
}

impl FromStr for PartialDate {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let bad = || format!("`{s}` is not a date of the form YYYY, YYYY-MM or YYYY-MM-DD");
        let parts: Vec<&str> = s.trim().split('-').collect();
        let digits = |p: &str, n: usize| p.len() == n && p.bytes().all(|b| b.is_ascii_digit());
        if parts.is_empty() || parts.len() > 3 || !digits(parts[0], 4) {
            return Err(bad());
        }
        let year: i32 = parts[0].parse().map_err(|_| bad())?;
        let month = match parts.get(1) {
            Some(p) if digits(p, 2) => Some(p.parse::<u8>().map_err(|_| bad())?),
            Some(_) => return Err(bad()),
            None => None,
        };
        let day = match parts.get(2) {
            Some(p) if digits(p, 2) => Some(p.parse::<u8>().map_err(|_| bad())?),
            Some(_) => return Err(bad()),
            None => None,
        };
        if let Some(m) = month {
            let month = time::Month::try_from(m).map_err(|_| format!("`{s}`: no month {m}"))?;
            if let Some(d) = day {
                time::Date::from_calendar_date(year, month, d)
                    .map_err(|_| format!("`{s}`: {month} {year} has no day {d}"))?;
            }
        }
        Ok(Self { year, month, day })
    }
}

impl Serialize for PartialDate {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for PartialDate {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl<'de> de::Visitor<'de> for Visitor {
            type Value = PartialDate;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a date as \"YYYY\", \"YYYY-MM\" or \"YYYY-MM-DD\"")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<PartialDate, E> {
                v.parse().map_err(E::custom)
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<PartialDate, E> {
                format!("{v:04}").parse().map_err(E::custom)
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<PartialDate, E> {
                format!("{v:04}").parse().map_err(E::custom)
            }
            // A bare TOML date (`date = 1922-12-05`) arrives as a one-entry map.
            fn visit_map<A: de::MapAccess<'de>>(self, mut map: A) -> Result<PartialDate, A::Error> {
                let (_, value): (String, String) = map
                    .next_entry()?
                    .ok_or_else(|| de::Error::custom("empty date"))?;
                value.parse().map_err(de::Error::custom)
            }
        }
        d.deserialize_any(Visitor)
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn partial_dates_are_intervals_of_days() {
        let d = |s: &str| s.parse::<super::PartialDate>().unwrap();
        assert_eq!(d("1970").start_day(), 0);
        assert_eq!(d("1970").end_day(), 365);
        assert_eq!(d("1970-02").start_day(), 31);
        assert_eq!(d("1970-02").end_day(), 59);
        assert_eq!(d("1970-12").end_day(), 365);
        assert_eq!(d("1970-01-31").end_day(), 31);
        assert_eq!(d("1972-02").end_day() - d("1972-02").start_day(), 29);
        assert!(d("1922").start_day() == d("1922-01-01").start_day());
        assert!(d("1922").end_day() > d("1922-12-31").start_day());
        assert!(d("1899").end_day() < 0);
    }

    use super::*;

    fn d(s: &str) -> PartialDate {
        s.parse().unwrap()
    }

    #[test]
    fn parses_each_precision_and_prints_it_back() {
        for s in ["1922", "1922-12", "1922-12-05"] {
            assert_eq!(d(s).to_string(), s);
        }
        assert_eq!(d("1922").month, None);
        assert_eq!(d("1922-12").day, None);
    }

    #[test]
    fn rejects_impossible_and_malformed_dates() {
        for s in [
            "",
            "22",
            "1922-13",
            "1922-02-30",
            "1922-1-5",
            "1922/12",
            "1922-12-05-01",
        ] {
            assert!(s.parse::<PartialDate>().is_err(), "{s} should be rejected");
        }
    }

    #[test]
    fn sorts_chronologically_with_coarse_before_fine() {
        let mut v = [
            d("1923"),
            d("1922-12-05"),
            d("1922-12"),
            d("1922"),
            d("1922-02"),
        ];
        v.sort();
        let s: Vec<String> = v.iter().map(|x| x.to_string()).collect();
        assert_eq!(s, ["1922", "1922-02", "1922-12", "1922-12-05", "1923"]);
    }
}
