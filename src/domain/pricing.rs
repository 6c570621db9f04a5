//! The price list's items and how an order's value follows from them.

use super::billing::Pool;
use super::money::Money;
use super::refusal::Refusal;
use super::site::Model;

/// Price of one device for one year (12 video credits on a device-model site).
pub const DEVICE_YEAR: &str = "device-year";
/// Price of one apartment for one year (12 video credits on an apartment-model site).
pub const APARTMENT_YEAR: &str = "apartment-year";
/// Price of one SMS credit: a pack of 50 messages.
pub const SMS_PACK: &str = "sms-50";
/// Messages in one SMS credit.
pub const SMS_PER_CREDIT: i64 = 50;

/// Default prices in minor units, as set when a ledger is created.
pub const DEFAULT_PRICES: &[(&str, i64)] = &[
    (DEVICE_YEAR, 2_400),
    (APARTMENT_YEAR, 3_600),
    (SMS_PACK, 500),
];

/// Every item of the price list: the default items and one per license product.
pub fn items() -> impl Iterator<Item = String> {
    DEFAULT_PRICES
        .iter()
        .map(|(item, _)| item.to_string())
        .chain(
            super::license::CATALOG
                .iter()
                .map(|(name, _, _)| super::license::price_item(name)),
        )
}

/// Credits bought directly at a time: 1 to this many.
pub const MAX_PURCHASE: i64 = 10_000_000;

/// The price-list item a purchase of `pool` credits on a site of `model` is valued with.
pub fn purchase_item(model: Model, pool: Pool) -> &'static str {
    match (pool, model) {
        (Pool::Sms, _) => SMS_PACK,
        (Pool::Video, Model::Device) => DEVICE_YEAR,
        (Pool::Video, Model::Apartment) => APARTMENT_YEAR,
    }
}

/// Prices a purchase of `amount` video credits or SMS messages at the price of its item.
pub fn price_purchase(pool: Pool, amount: i64, price: &Money) -> Result<Money, Refusal> {
    if !(1..=MAX_PURCHASE).contains(&amount) {
        return Err(Refusal::OutOfRange {
            what: "buy",
            max: MAX_PURCHASE,
            given: amount,
        });
    }
    let too_large = Refusal::TooLarge {
        what: "that purchase's value is too large; buy fewer credits at a time",
    };
    let total = match pool {
        Pool::Video => credits_value(price.amount_minor, amount).ok_or(too_large)?,
        Pool::Sms => sms_value(price.amount_minor, amount)
            .map_err(|_| Refusal::SmsNotWhole { messages: amount })?
            .ok_or(too_large)?,
    };
    Ok(Money::new(total, &price.currency))
}

/// Refuses a purchase whose total moved since the order was shown (a price changed meanwhile).
pub fn check_unchanged(shown: &Money, now: &Money) -> Result<(), Refusal> {
    if shown == now {
        return Ok(());
    }
    Err(Refusal::PriceChanged {
        shown: shown.clone(),
        now: now.clone(),
    })
}

/// Value of a video voucher: one year price per subscription per year.
pub fn voucher_value(year_price: i64, years: i64, subscriptions: i64) -> Option<i64> {
    year_price.checked_mul(years)?.checked_mul(subscriptions)
}

/// Value of `credits` video credits bought directly: a credit is a unit-month, so it costs a
/// twelfth of the year price. The total (not each credit) is rounded half up to a minor unit.
pub fn credits_value(year_price: i64, credits: i64) -> Option<i64> {
    let numerator = year_price.checked_mul(credits)?.checked_add(6)?;
    Some(numerator / 12)
}

/// Checks that a message count is whole SMS credits and returns how many credits it is.
pub fn sms_credits(messages: i64) -> Result<i64, String> {
    if messages <= 0 {
        Err(format!(
            "the message count must be positive, a multiple of {SMS_PER_CREDIT} (at least {SMS_PER_CREDIT}), not {messages}"
        ))
    } else if messages % SMS_PER_CREDIT != 0 {
        Err(format!(
            "{messages} messages is not a whole number of SMS credits: SMS are sold in packs of {SMS_PER_CREDIT} (e.g. 50, 100, 150)"
        ))
    } else {
        Ok(messages / SMS_PER_CREDIT)
    }
}

/// Value of `messages` SMS messages (a multiple of 50).
pub fn sms_value(pack_price: i64, messages: i64) -> Result<Option<i64>, String> {
    Ok(pack_price.checked_mul(sms_credits(messages)?))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn voucher_value_is_exact() {
        assert_eq!(voucher_value(2400, 1, 10), Some(24_000));
        assert_eq!(voucher_value(i64::MAX, 2, 1), None);
    }

    #[test]
    fn credits_round_half_up_on_the_total() {
        assert_eq!(credits_value(2400, 1), Some(200));
        assert_eq!(credits_value(1000, 1), Some(83)); // 83.33
        assert_eq!(credits_value(1000, 2), Some(167)); // 166.67
        assert_eq!(credits_value(6, 1), Some(1)); // 0.5 rounds up
        assert_eq!(credits_value(1000, 12), Some(1000));
    }

    #[test]
    fn sms_must_be_whole_packs() {
        assert_eq!(sms_credits(150), Ok(3));
        assert!(sms_credits(49).is_err());
        assert!(sms_credits(0).is_err());
        assert!(sms_credits(-50).is_err());
        assert_eq!(sms_value(500, 100), Ok(Some(1000)));
    }

    proptest! {
        #[test]
        fn twelve_credits_cost_a_year(price in 0i64..100_000_000, years in 1i64..100) {
            prop_assert_eq!(credits_value(price, 12 * years), voucher_value(price, years, 1));
        }

        #[test]
        fn credits_value_is_within_half_a_cent(price in 0i64..100_000_000, credits in 1i64..1_000_000) {
            let v = credits_value(price, credits).unwrap() as i128;
            let exact_times_12 = price as i128 * credits as i128;
            prop_assert!((v * 12 - exact_times_12).abs() <= 6);
        }
    }
}
