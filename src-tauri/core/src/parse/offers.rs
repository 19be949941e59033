//! What a book's file alone shows to be wrong with its offers: an unknown currency, amounts
//! that disagree, an offer without a price. (A valid-until before the announcement needs the
//! articles: `db::problems` checks it from the [`OfferEnd`]s found here.)

use crate::date::PartialDate;
use crate::model::BookMeta;
use crate::money::{self, Amount};

/// An offer's last day, located, for the check against the announcing article's date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OfferEnd {
    pub line: u32,
    pub field: String,
    pub valid_until: PartialDate,
}

/// A problem: line, field, message.
pub type Found = (u32, String, String);

/// Checks every offer; `line(edition, key)` locates a key of an edition's offer.
pub fn offers(book: &BookMeta, line: &dyn Fn(usize, &str) -> u32) -> (Vec<Found>, Vec<OfferEnd>) {
    let mut problems = Vec::new();
    let mut ends = Vec::new();
    for (i, edition) in book.editions.iter().enumerate() {
        let Some(offer) = &edition.offer else {
            continue;
        };
        let at = |key: &str| (line(i, key), format!("editions[{i}].offer.{key}"));
        let mut problem = |key: &str, message: String| {
            let (l, f) = at(key);
            problems.push((l, f, message));
        };
        let digits = match offer.currency.as_deref() {
            None => {
                if offer.price.is_some() || offer.list_price.is_some() {
                    problem(
                        "currency",
                        "an offer with a price needs its currency (an ISO 4217 code such as USD)"
                            .into(),
                    );
                }
                2
            }
            Some(code) => match money::minor_digits(code) {
                Some(d) => d,
                None => {
                    problem(
                        "currency",
                        format!(
                            "`{code}` is not an ISO 4217 currency code (such as USD, EUR, GBP)"
                        ),
                    );
                    2
                }
            },
        };
        let value = |a: Option<Amount>| a.map(|a| a.0);
        let (price, list, discount) = (
            value(offer.price),
            value(offer.list_price),
            value(offer.discount_percent),
        );
        // A discount alone is an offer ("40% off the paperback when it appears"); nothing at
        // all is not.
        if price.is_none() && list.is_none() && discount.is_none() && offer.code.is_none() {
            problem(
                "price",
                "an offer needs a price, a discount or a code".into(),
            );
        }
        if let Some(message) = money::disagreement(price, list, discount, digits) {
            problem("price", message);
        }
        if let Some(until) = offer.valid_until {
            let (l, f) = at("valid_until");
            ends.push(OfferEnd {
                line: l,
                field: f,
                valid_until: until,
            });
        }
    }
    (problems, ends)
}

/// `yyyymmdd` of the last day of `d`'s interval, comparable with entries' `date_key`.
pub fn last_day_key(d: PartialDate) -> i64 {
    let (month, day) = match (d.month, d.day) {
        (None, _) => (12, 31),
        (Some(m), None) => {
            let month = time::Month::try_from(m).unwrap_or(time::Month::December);
            (m, time::util::days_in_month(month, d.year))
        }
        (Some(m), Some(day)) => (m, day),
    };
    i64::from(d.year) * 10_000 + i64::from(month) * 100 + i64::from(day)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn book(toml_text: &str) -> BookMeta {
        toml::from_str(toml_text).unwrap()
    }

    fn problems(toml_text: &str) -> Vec<String> {
        offers(&book(toml_text), &|_, _| 1)
            .0
            .into_iter()
            .map(|(_, f, m)| format!("{f}: {m}"))
            .collect()
    }

    const HEAD: &str = "title = \"T\"\n[[editions]]\nformat = \"paperback\"\n[editions.offer]\n";

    #[test]
    fn agreeing_offers_pass() {
        assert!(problems(&format!(
            "{HEAD}price = 11.37\ncurrency = \"USD\"\ndiscount_percent = 40\nlist_price = 18.95"
        ))
        .is_empty());
        assert!(problems(&format!(
            "{HEAD}list_price = 30\ncurrency = \"EUR\"\ndiscount_percent = 20"
        ))
        .is_empty());
    }

    #[test]
    fn bad_offers_name_their_field() {
        let p = problems(&format!("{HEAD}price = 11.37\ncurrency = \"USS\""));
        assert_eq!(p, ["editions[0].offer.currency: `USS` is not an ISO 4217 currency code (such as USD, EUR, GBP)"]);
        let p = problems(&format!(
            "{HEAD}price = 12.00\nlist_price = 18.95\ndiscount_percent = 40\ncurrency = \"USD\""
        ));
        assert_eq!(p.len(), 1);
        assert!(
            p[0].starts_with("editions[0].offer.price: price 12"),
            "{p:?}"
        );
        let p = problems(&format!("{HEAD}price = 5"));
        assert!(p[0].starts_with("editions[0].offer.currency"), "{p:?}");
        assert!(problems(&format!("{HEAD}discount_percent = 40")).is_empty());
        let p = problems(&format!("{HEAD}valid_until = \"2021-06-30\""));
        assert_eq!(
            p,
            ["editions[0].offer.price: an offer needs a price, a discount or a code"]
        );
    }

    #[test]
    fn offer_ends_are_kept_with_their_last_day() {
        let (_, ends) = offers(
            &book(&format!(
                "{HEAD}price = 1\ncurrency = \"USD\"\nvalid_until = \"2024-02\""
            )),
            &|_, _| 7,
        );
        assert_eq!(ends[0].field, "editions[0].offer.valid_until");
        assert_eq!(ends[0].line, 7);
        assert_eq!(last_day_key(ends[0].valid_until), 20240229);
        assert_eq!(last_day_key("2021".parse().unwrap()), 20211231);
    }
}
