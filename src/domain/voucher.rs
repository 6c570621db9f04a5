//! Voucher rules: what an order may contain, what a voucher carries, when it can be redeemed.

use chrono::{DateTime, Months, Utc};
use serde::Serialize;
use std::fmt;

use super::pricing;

/// How long a voucher can be redeemed after purchase.
pub const VALIDITY_MONTHS: u32 = 36;
pub const MAX_YEARS: i64 = 10;
pub const MAX_SUBSCRIPTIONS: i64 = 10_000;
pub const MAX_COUNT: i64 = 100_000;
/// The largest SMS voucher: a million messages.
pub const MAX_MESSAGES: i64 = 1_000_000;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, clap::ValueEnum)]
#[serde(rename_all = "snake_case")]
pub enum VoucherType {
    Device,
    Apartment,
    Sms,
}

impl VoucherType {
    pub fn as_str(self) -> &'static str {
        match self {
            VoucherType::Device => "device",
            VoucherType::Apartment => "apartment",
            VoucherType::Sms => "sms",
        }
    }

    pub fn parse(s: &str) -> Option<VoucherType> {
        [
            VoucherType::Device,
            VoucherType::Apartment,
            VoucherType::Sms,
        ]
        .into_iter()
        .find(|t| t.as_str() == s)
    }

    /// The price-list item a voucher of this type is valued with.
    pub fn price_item(self) -> &'static str {
        match self {
            VoucherType::Device => pricing::DEVICE_YEAR,
            VoucherType::Apartment => pricing::APARTMENT_YEAR,
            VoucherType::Sms => pricing::SMS_PACK,
        }
    }
}

/// What each voucher of an order carries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Content {
    Video {
        kind: VoucherType,
        years: i64,
        subscriptions: i64,
    },
    Sms {
        messages: i64,
    },
}

impl Content {
    /// Checks the order's parameters against the rules. `kind` is the requested type.
    pub fn new(
        kind: VoucherType,
        years: Option<i64>,
        subscriptions: Option<i64>,
        messages: Option<i64>,
    ) -> Result<Content, String> {
        match kind {
            VoucherType::Sms => {
                if years.is_some() || subscriptions.is_some() {
                    return Err(
                        "an sms voucher takes --messages N, not --years or --subscriptions".into(),
                    );
                }
                let messages =
                    messages.ok_or("an sms voucher needs --messages N (a multiple of 50)")?;
                pricing::sms_credits(messages)?;
                if messages > MAX_MESSAGES {
                    return Err(format!(
                        "an sms voucher holds at most {MAX_MESSAGES} messages"
                    ));
                }
                Ok(Content::Sms { messages })
            }
            VoucherType::Device | VoucherType::Apartment => {
                if messages.is_some() {
                    return Err("--messages is only for --type sms vouchers".into());
                }
                let (Some(years), Some(subscriptions)) = (years, subscriptions) else {
                    return Err(format!(
                        "a {} voucher needs --years Y (1-{MAX_YEARS}) and --subscriptions S (1-{MAX_SUBSCRIPTIONS})",
                        kind.as_str()
                    ));
                };
                if !(1..=MAX_YEARS).contains(&years) {
                    return Err(format!("--years must be 1 to {MAX_YEARS}, not {years}"));
                }
                if !(1..=MAX_SUBSCRIPTIONS).contains(&subscriptions) {
                    return Err(format!(
                        "--subscriptions must be 1 to {MAX_SUBSCRIPTIONS}, not {subscriptions}"
                    ));
                }
                Ok(Content::Video {
                    kind,
                    years,
                    subscriptions,
                })
            }
        }
    }

    pub fn kind(&self) -> VoucherType {
        match *self {
            Content::Video { kind, .. } => kind,
            Content::Sms { .. } => VoucherType::Sms,
        }
    }

    /// Video credits: 12 × years × subscriptions.
    pub fn credits(&self) -> i64 {
        match *self {
            Content::Video {
                years,
                subscriptions,
                ..
            } => 12 * years * subscriptions,
            Content::Sms { .. } => 0,
        }
    }

    pub fn messages(&self) -> i64 {
        match *self {
            Content::Sms { messages } => messages,
            Content::Video { .. } => 0,
        }
    }

    /// Value of one voucher at the given price of its item.
    pub fn value(&self, price: i64) -> Option<i64> {
        match *self {
            Content::Video {
                years,
                subscriptions,
                ..
            } => pricing::voucher_value(price, years, subscriptions),
            Content::Sms { messages } => pricing::sms_value(price, messages).ok().flatten(),
        }
    }
}

/// Checks how many codes an order asks for.
pub fn check_count(count: i64) -> Result<i64, String> {
    if (1..=MAX_COUNT).contains(&count) {
        Ok(count)
    } else {
        Err(format!("--count must be 1 to {MAX_COUNT}, not {count}"))
    }
}

pub fn expires_at(created_at: DateTime<Utc>) -> DateTime<Utc> {
    created_at
        .checked_add_months(Months::new(VALIDITY_MONTHS))
        .expect("a date three years ahead exists")
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, clap::ValueEnum)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Active,
    Used,
    Expired,
    Cancelled,
}

impl Status {
    /// Used and cancelled are recorded; expired follows from the clock.
    pub fn of(
        used: bool,
        cancelled: bool,
        expires_at: DateTime<Utc>,
        now: DateTime<Utc>,
    ) -> Status {
        if used {
            Status::Used
        } else if cancelled {
            Status::Cancelled
        } else if now >= expires_at {
            Status::Expired
        } else {
            Status::Active
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Status::Active => "active",
            Status::Used => "used",
            Status::Expired => "expired",
            Status::Cancelled => "cancelled",
        }
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Why a voucher cannot go into a site.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    NotActive(Status),
    WrongModel {
        voucher: VoucherType,
        site_model: &'static str,
    },
}

/// A device voucher only goes to a device site, an apartment voucher only to an apartment site;
/// SMS vouchers go anywhere. Only active vouchers are redeemed.
pub fn check_redeemable(
    status: Status,
    kind: VoucherType,
    site_model: &'static str,
) -> Result<(), Refusal> {
    if status != Status::Active {
        return Err(Refusal::NotActive(status));
    }
    match kind {
        VoucherType::Sms => Ok(()),
        VoucherType::Device | VoucherType::Apartment if kind.as_str() == site_model => Ok(()),
        _ => Err(Refusal::WrongModel {
            voucher: kind,
            site_model,
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn order_parameters_are_checked() {
        let c = Content::new(VoucherType::Device, Some(2), Some(10), None).unwrap();
        assert_eq!(c.credits(), 240);
        assert_eq!(c.value(2400), Some(48_000));
        let s = Content::new(VoucherType::Sms, None, None, Some(100)).unwrap();
        assert_eq!(
            (s.credits(), s.messages(), s.value(500)),
            (0, 100, Some(1000))
        );
        assert!(Content::new(VoucherType::Device, Some(0), Some(1), None).is_err());
        assert!(Content::new(VoucherType::Device, Some(11), Some(1), None).is_err());
        assert!(Content::new(VoucherType::Device, Some(1), Some(10_001), None).is_err());
        assert!(Content::new(VoucherType::Device, Some(1), None, None).is_err());
        assert!(Content::new(VoucherType::Device, Some(1), Some(1), Some(50)).is_err());
        assert!(Content::new(VoucherType::Sms, None, None, Some(75)).is_err());
        assert!(Content::new(VoucherType::Sms, Some(1), None, Some(50)).is_err());
        assert!(Content::new(VoucherType::Sms, None, None, None).is_err());
        assert!(
            check_count(0).is_err()
                && check_count(100_001).is_err()
                && check_count(100_000).is_ok()
        );
    }

    #[test]
    fn validity_is_three_years() {
        let bought = Utc.with_ymd_and_hms(2024, 2, 29, 12, 0, 0).unwrap();
        let until = expires_at(bought);
        assert_eq!(until, Utc.with_ymd_and_hms(2027, 2, 28, 12, 0, 0).unwrap());
        let before = until - chrono::Duration::seconds(1);
        assert_eq!(Status::of(false, false, until, before), Status::Active);
        assert_eq!(Status::of(false, false, until, until), Status::Expired);
        assert_eq!(Status::of(true, false, until, until), Status::Used);
        assert_eq!(Status::of(false, true, until, before), Status::Cancelled);
    }

    #[test]
    fn vouchers_go_to_matching_sites() {
        use VoucherType::*;
        assert!(check_redeemable(Status::Active, Device, "device").is_ok());
        assert!(check_redeemable(Status::Active, Apartment, "apartment").is_ok());
        assert!(check_redeemable(Status::Active, Sms, "apartment").is_ok());
        assert!(check_redeemable(Status::Active, Sms, "device").is_ok());
        assert!(matches!(
            check_redeemable(Status::Active, Device, "apartment"),
            Err(Refusal::WrongModel { .. })
        ));
        assert!(matches!(
            check_redeemable(Status::Active, Apartment, "device"),
            Err(Refusal::WrongModel { .. })
        ));
        for s in [Status::Used, Status::Expired, Status::Cancelled] {
            assert_eq!(
                check_redeemable(s, Sms, "device"),
                Err(Refusal::NotActive(s))
            );
        }
    }
}
