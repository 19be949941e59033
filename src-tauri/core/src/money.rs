//! Money as exact decimals: amounts as written in content (a TOML number such as `11.37` or
//! a string such as `"11.37"`), currencies checked against ISO 4217, and an offer's price,
//! list price and discount completed from one another and checked against one another.

use rust_decimal::{Decimal, RoundingStrategy};
use serde::{de, Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;
use std::str::FromStr;

/// An exact decimal amount. TOML has no decimal type, so a number written `11.37` arrives
/// as the float nearest to it; its shortest decimal form is the number as written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Amount(pub Decimal);

impl Amount {
    pub fn parse(text: &str) -> Option<Amount> {
        Decimal::from_str(text.trim())
            .ok()
            .map(|d| Amount(d.normalize()))
    }
}

impl fmt::Display for Amount {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

impl Serialize for Amount {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for Amount {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Amount, D::Error> {
        struct Visitor;
        impl de::Visitor<'_> for Visitor {
            type Value = Amount;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an amount such as 11.37 or \"11.37\"")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Amount, E> {
                Amount::parse(v).ok_or_else(|| E::custom(format!("`{v}` is not an amount")))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Amount, E> {
                if !v.is_finite() {
                    return Err(E::custom("an amount must be a finite number"));
                }
                // `Display` of an f64 is the shortest decimal that reads back as the same
                // float: `11.37`, never `11.3699999999999992184`.
                self.visit_str(&v.to_string())
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Amount, E> {
                Ok(Amount(Decimal::from(v)))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Amount, E> {
                Ok(Amount(Decimal::from(v)))
            }
        }
        d.deserialize_any(Visitor)
    }
}

/// A currency code's minor-unit digits (2 for `USD`, 0 for `JPY`), or `None` when the code
/// is not in ISO 4217.
pub fn minor_digits(code: &str) -> Option<u32> {
    let currency = iso_currency::Currency::from_code(code)?;
    Some(currency.exponent().map_or(0, u32::from))
}

/// An offer's amounts, completed: any two of price, list price and discount give the third.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Terms {
    pub price: Option<Decimal>,
    pub list_price: Option<Decimal>,
    /// Percent off the list price.
    pub discount_percent: Option<Decimal>,
    /// List price less price.
    pub saving: Option<Decimal>,
}

const HUNDRED: Decimal = Decimal::ONE_HUNDRED;

/// Completes the amounts given; `digits` is the currency's minor-unit digits, to which a
/// computed price is rounded (half away from zero, as shops do).
pub fn terms(
    price: Option<Decimal>,
    list_price: Option<Decimal>,
    discount: Option<Decimal>,
    digits: u32,
) -> Terms {
    let money =
        |d: Decimal| d.round_dp_with_strategy(digits, RoundingStrategy::MidpointAwayFromZero);
    let kept = |d: Option<Decimal>| d.filter(|d| *d < HUNDRED);
    let (price, list_price, discount_percent) = match (price, list_price, discount) {
        (Some(p), Some(l), d) => (
            Some(p),
            Some(l),
            d.or_else(|| {
                (l > Decimal::ZERO).then(|| ((l - p) / l * HUNDRED).round_dp(1).normalize())
            }),
        ),
        (Some(p), None, Some(d)) => (
            Some(p),
            kept(Some(d)).map(|d| money(p / (Decimal::ONE - d / HUNDRED))),
            Some(d),
        ),
        (None, Some(l), Some(d)) => (
            Some(money(l * (Decimal::ONE - d / HUNDRED))),
            Some(l),
            Some(d),
        ),
        (p, l, d) => (p, l, d),
    };
    let saving = price.zip(list_price).map(|(p, l)| l - p);
    Terms {
        price,
        list_price,
        discount_percent,
        saving,
    }
}

/// What is wrong with an offer's amounts as written, if anything. Price, list price and
/// discount disagree when the price is more than one minor unit from the list price less the
/// discount, and the discount the two prices imply does not round to the one written.
pub fn disagreement(
    price: Option<Decimal>,
    list_price: Option<Decimal>,
    discount: Option<Decimal>,
    digits: u32,
) -> Option<String> {
    for (name, value) in [("price", price), ("list_price", list_price)] {
        if value.is_some_and(|v| v < Decimal::ZERO) {
            return Some(format!("{name} is negative"));
        }
    }
    if let Some(d) = discount {
        if d <= Decimal::ZERO || d >= HUNDRED {
            return Some(format!("discount_percent {d} is not between 0 and 100"));
        }
    }
    let (p, l) = (price?, list_price?);
    if p > l {
        return Some(format!("price {p} is more than list price {l}"));
    }
    let d = discount?;
    let expected = terms(None, Some(l), Some(d), digits).price?;
    let unit = Decimal::new(1, digits);
    let implied = ((l - p) / l * HUNDRED).round_dp(d.scale());
    if (expected - p).abs() <= unit || implied == d {
        return None;
    }
    Some(format!(
        "price {p}, list price {l} and discount {d}% disagree: {l} less {d}% is {expected}"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dec(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    #[test]
    fn toml_numbers_keep_the_digits_written() {
        #[derive(Deserialize)]
        struct T {
            a: Amount,
            b: Amount,
            c: Amount,
        }
        let t: T = toml::from_str("a = 11.37\nb = 40\nc = \"0.10\"").unwrap();
        assert_eq!(t.a.to_string(), "11.37");
        assert_eq!(t.b.to_string(), "40");
        assert_eq!(t.c.0, dec("0.1"));
        assert_eq!(serde_json::to_string(&t.a).unwrap(), "\"11.37\"");
        let back: Amount = serde_json::from_str("\"11.37\"").unwrap();
        assert_eq!(back, t.a);
    }

    #[test]
    fn amounts_add_up_exactly() {
        // 0.1 + 0.2 is 0.3 here, unlike in floats.
        assert_eq!(dec("0.1") + dec("0.2"), dec("0.3"));
        let t = terms(Some(dec("11.37")), None, Some(dec("40")), 2);
        assert_eq!(t.list_price, Some(dec("18.95")));
        assert_eq!(t.saving, Some(dec("7.58")));
        let t = terms(None, Some(dec("18.95")), Some(dec("40")), 2);
        assert_eq!(t.price, Some(dec("11.37")));
        let t = terms(Some(dec("20")), Some(dec("30")), None, 2);
        assert_eq!(t.discount_percent, Some(dec("33.3")));
        // Yen have no minor unit.
        let t = terms(None, Some(dec("1999")), Some(dec("15")), 0);
        assert_eq!(t.price, Some(dec("1699")));
    }

    #[test]
    fn disagreeing_amounts_are_named() {
        let ok = disagreement(Some(dec("11.37")), Some(dec("18.95")), Some(dec("40")), 2);
        assert_eq!(ok, None);
        // A discount rounded to a whole percent still agrees.
        assert_eq!(
            disagreement(Some(dec("20")), Some(dec("30")), Some(dec("33")), 2),
            None
        );
        let bad = disagreement(Some(dec("12.50")), Some(dec("18.95")), Some(dec("40")), 2).unwrap();
        assert!(bad.contains("18.95 less 40% is 11.37"), "{bad}");
        assert!(disagreement(Some(dec("20")), Some(dec("10")), None, 2).is_some());
        assert!(disagreement(Some(dec("5")), None, Some(dec("120")), 2).is_some());
    }

    #[test]
    fn currencies_are_iso_4217() {
        assert_eq!(minor_digits("USD"), Some(2));
        assert_eq!(minor_digits("JPY"), Some(0));
        assert_eq!(minor_digits("EUR"), Some(2));
        assert_eq!(minor_digits("XYZ"), None);
        assert_eq!(minor_digits("usd"), None);
    }
}
