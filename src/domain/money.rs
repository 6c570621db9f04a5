//! Money as integer minor units with an ISO 4217 currency. No floating point anywhere.

use serde::Serialize;
use std::fmt;

/// The ledger's currency. Every price, payment and voucher value in one ledger uses it.
pub const CURRENCY: &str = "EUR";
/// Minor units per major unit of [`CURRENCY`].
const MINOR_PER_MAJOR: i64 = 100;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Money {
    pub amount_minor: i64,
    pub currency: String,
}

impl Money {
    pub fn new(amount_minor: i64, currency: &str) -> Money {
        Money {
            amount_minor,
            currency: currency.to_string(),
        }
    }

    /// Multiplies by a count; `None` when the result would not fit.
    pub fn checked_mul(&self, n: i64) -> Option<Money> {
        Some(Money::new(
            self.amount_minor.checked_mul(n)?,
            &self.currency,
        ))
    }
}

impl fmt::Display for Money {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sign = if self.amount_minor < 0 { "-" } else { "" };
        let abs = self.amount_minor.unsigned_abs();
        let per = MINOR_PER_MAJOR as u64;
        let major = group_thousands(abs / per);
        write!(f, "{sign}{major}.{:02} {}", abs % per, self.currency)
    }
}

fn group_thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(ch);
    }
    out
}

/// Parses a non-negative decimal amount such as `12`, `12.5` or `1200.00` into minor units.
pub fn parse_amount(text: &str) -> Result<i64, String> {
    let text = text.trim();
    let bad = || {
        format!("'{text}' is not an amount: write it like 12.50 (at most two decimals, no sign)")
    };
    let (major, minor) = match text.split_once('.') {
        Some((_, "")) => return Err(bad()),
        Some((major, minor)) => (major, minor),
        None => (text, ""),
    };
    let all_digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if major.is_empty() || !all_digits(major) || !all_digits(minor) || minor.len() > 2 {
        return Err(bad());
    }
    let major: i64 = major.parse().map_err(|_| bad())?;
    let minor_value: i64 = if minor.is_empty() {
        0
    } else {
        format!("{minor:0<2}").parse().map_err(|_| bad())?
    };
    major
        .checked_mul(MINOR_PER_MAJOR)
        .and_then(|m| m.checked_add(minor_value))
        .filter(|&m| m <= MAX_PRICE_MINOR)
        .ok_or_else(|| format!("'{text}' is too large: a price is at most 1,000,000.00"))
}

/// The largest price a price list accepts; it keeps every order total far from overflow.
pub const MAX_PRICE_MINOR: i64 = 100_000_000;

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn parses_amounts_exactly() {
        assert_eq!(parse_amount("12"), Ok(1200));
        assert_eq!(parse_amount("12.5"), Ok(1250));
        assert_eq!(parse_amount("0.07"), Ok(7));
        assert_eq!(parse_amount(" 1200.00 "), Ok(120_000));
        assert_eq!(parse_amount("1000000"), Ok(MAX_PRICE_MINOR));
    }

    #[test]
    fn refuses_what_is_not_an_amount() {
        for bad in [
            "",
            "-1",
            "1.234",
            "1,50",
            "abc",
            "1e3",
            ".5",
            "1.",
            "+3",
            "1000000.01",
        ] {
            assert!(parse_amount(bad).is_err(), "{bad:?} should be refused");
        }
    }

    #[test]
    fn displays_with_currency() {
        assert_eq!(Money::new(120_000, "EUR").to_string(), "1,200.00 EUR");
        assert_eq!(Money::new(5, "EUR").to_string(), "0.05 EUR");
        assert_eq!(Money::new(-1250, "EUR").to_string(), "-12.50 EUR");
    }

    #[test]
    fn serializes_as_minor_units() {
        let json = serde_json::to_value(Money::new(12000, "EUR")).unwrap();
        assert_eq!(
            json,
            serde_json::json!({"amount_minor": 12000, "currency": "EUR"})
        );
    }

    proptest! {
        #[test]
        fn display_and_parse_agree(minor in 0..=MAX_PRICE_MINOR) {
            let shown = Money::new(minor, "EUR").to_string().replace(',', "");
            let number = shown.trim_end_matches(" EUR");
            prop_assert_eq!(parse_amount(number), Ok(minor));
        }
    }
}
