//! Voucher rules: what an order may contain, what a voucher carries, when it can be redeemed.

use chrono::{DateTime, Months, Utc};
use serde::Serialize;
use std::fmt;

use super::billing::{Pool, apply};
use super::money::Money;
use super::pricing;
use super::refusal::Refusal;
use super::site::Model;

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

    /// The pool a voucher of this type fills and what it adds there: its credits to the video
    /// pool, or an SMS voucher's messages to the SMS pool.
    pub fn adds(self, credits: i64, messages: i64) -> (Pool, i64) {
        match self {
            VoucherType::Sms => (Pool::Sms, messages),
            _ => (Pool::Video, credits),
        }
    }

    /// Whether a voucher of this type may be redeemed into a site of `model`: a device voucher
    /// only into a device site, an apartment voucher only into an apartment site (a unit-year
    /// of each is priced apart), an SMS voucher into any.
    pub fn fits(self, model: Model) -> bool {
        match self {
            VoucherType::Sms => true,
            VoucherType::Device => model == Model::Device,
            VoucherType::Apartment => model == Model::Apartment,
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

/// The value of each voucher of an order and of the whole order, at the price of its item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrderValue {
    pub unit: Money,
    pub total: Money,
}

/// Prices an order. Only a distributor whose voucher purchasing is activated may buy.
pub fn price_order(
    distributor: (&str, i64, bool),
    content: &Content,
    count: i64,
    price: &Money,
) -> Result<OrderValue, Refusal> {
    let (name, id, activated) = distributor;
    if !activated {
        return Err(Refusal::NotActivated {
            distributor: name.to_string(),
            id,
        });
    }
    let too_large = Refusal::TooLarge {
        what: "that order's value is too large; order fewer vouchers or smaller ones",
    };
    let unit = Money::new(
        content.value(price.amount_minor).ok_or(too_large.clone())?,
        &price.currency,
    );
    let total = unit.checked_mul(count).ok_or(too_large)?;
    Ok(OrderValue { unit, total })
}

/// A voucher as redemption and cancellation see it. Times are RFC 3339.
#[derive(Debug, Clone)]
pub struct VoucherFacts<'a> {
    /// As shown, in groups of four.
    pub code: &'a str,
    pub kind: VoucherType,
    pub status: Status,
    pub credits: i64,
    pub messages: i64,
    pub redeemed_at: Option<&'a str>,
    pub site: Option<i64>,
    pub expires_at: &'a str,
    pub cancelled_at: Option<&'a str>,
}

/// A site as redemption sees it: its pools and how many units wait for this month.
#[derive(Debug, Clone)]
pub struct SiteFacts<'a> {
    pub id: i64,
    pub name: &'a str,
    pub model: Model,
    pub video_balance: i64,
    pub sms_balance: i64,
    pub waiting: u64,
}

/// What a redemption does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Redemption {
    pub pool: Pool,
    pub credits_added: i64,
    pub balance_before: i64,
    /// Once the credits are in and waiting units are charged.
    pub balance_after: i64,
    pub units_activated: u64,
}

/// A redemption as a person confirmed it (`shown`) against what its write would do now: the
/// same, or refused. The site may change while the question is open (a purchase, a deduction,
/// the month's end bringing its waiting units), and what was confirmed is what is done, as an
/// order's price is ([`crate::domain::pricing::check_unchanged`]).
pub fn check_as_shown(shown: &Redemption, now: &Redemption) -> Result<(), Refusal> {
    if shown == now {
        return Ok(());
    }
    Err(Refusal::RedemptionChanged {
        balance_shown: shown.balance_before,
        balance_now: now.balance_before,
        units_shown: shown.units_activated,
        units_now: now.units_activated,
    })
}

fn day(time: Option<&str>) -> String {
    time.map_or("?".into(), |t| t.get(..10).unwrap_or(t).to_string())
}

/// The refusal for a voucher that is not active, saying which state and since when.
fn not_active(v: &VoucherFacts) -> Refusal {
    let code = v.code.to_string();
    match v.status {
        Status::Used => Refusal::VoucherUsed {
            code,
            on: day(v.redeemed_at),
            site: v.site,
        },
        Status::Expired => Refusal::VoucherExpired {
            code,
            on: day(Some(v.expires_at)),
        },
        Status::Cancelled | Status::Active => Refusal::VoucherCancelled {
            code,
            on: day(v.cancelled_at),
        },
    }
}

/// A voucher is redeemed once, whole, while active: a device voucher only into a device site,
/// an apartment voucher only into an apartment site, an SMS voucher into any. Video credits
/// charge the site's waiting units at once, oldest first, as far as they go.
pub fn plan_redeem(v: &VoucherFacts, site: &SiteFacts) -> Result<Redemption, Refusal> {
    if v.status != Status::Active {
        return Err(not_active(v));
    }
    if !v.kind.fits(site.model) {
        return Err(Refusal::WrongSiteModel {
            code: v.code.to_string(),
            voucher: v.kind.as_str(),
            site_id: site.id,
            site_name: site.name.to_string(),
            site_model: site.model.as_str(),
        });
    }
    let (pool, amount) = v.kind.adds(v.credits, v.messages);
    let before = match pool {
        Pool::Sms => site.sms_balance,
        Pool::Video => site.video_balance,
    };
    let added = apply(
        pool,
        &super::site::label(site.id, site.name),
        before,
        amount,
    )?;
    let activated = if pool == Pool::Video {
        site.waiting.min(added.max(0) as u64)
    } else {
        0
    };
    Ok(Redemption {
        pool,
        credits_added: amount,
        balance_before: before,
        balance_after: added - activated as i64,
        units_activated: activated,
    })
}

/// Only an unused voucher is cancelled (an expired one may be). The refusals say what applies
/// to cancelling (the operator's action), not to redeeming.
pub fn check_cancellable(v: &VoucherFacts) -> Result<(), Refusal> {
    let code = v.code.to_string();
    match v.status {
        Status::Used => Err(Refusal::CancelUsed {
            code,
            on: day(v.redeemed_at),
            site: v.site,
        }),
        Status::Cancelled => Err(Refusal::CancelCancelled {
            code,
            on: day(v.cancelled_at),
        }),
        Status::Active | Status::Expired => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn a_redemption_is_done_as_shown_or_refused() {
        let shown = Redemption {
            pool: Pool::Video,
            credits_added: 12,
            balance_before: 3,
            balance_after: 13,
            units_activated: 2,
        };
        assert_eq!(check_as_shown(&shown, &shown), Ok(()));
        let topped_up = Redemption {
            balance_before: 5,
            balance_after: 15,
            ..shown
        };
        let new_month = Redemption {
            balance_after: 11,
            units_activated: 4,
            ..shown
        };
        for now in [topped_up, new_month] {
            assert_eq!(
                check_as_shown(&shown, &now),
                Err(Refusal::RedemptionChanged {
                    balance_shown: 3,
                    balance_now: now.balance_before,
                    units_shown: 2,
                    units_now: now.units_activated,
                })
            );
        }
    }

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

    fn facts(kind: VoucherType, status: Status) -> VoucherFacts<'static> {
        VoucherFacts {
            code: "K7QM-3XHD-9V2P-RT6W-P",
            kind,
            status,
            credits: 24,
            messages: if kind == VoucherType::Sms { 100 } else { 0 },
            redeemed_at: Some("2026-11-05T10:00:00Z"),
            site: Some(3),
            expires_at: "2029-11-05T10:00:00Z",
            cancelled_at: Some("2026-12-01T10:00:00Z"),
        }
    }

    fn site(model: Model, waiting: u64) -> SiteFacts<'static> {
        SiteFacts {
            id: 1,
            name: "Office",
            model,
            video_balance: 2,
            sms_balance: 0,
            waiting,
        }
    }

    #[test]
    fn vouchers_go_to_matching_sites() {
        use VoucherType::*;
        let ok = |k, m| plan_redeem(&facts(k, Status::Active), &site(m, 0)).is_ok();
        assert!(ok(Device, Model::Device));
        assert!(ok(Apartment, Model::Apartment));
        assert!(ok(Sms, Model::Apartment));
        assert!(ok(Sms, Model::Device));
        for (k, m) in [(Device, Model::Apartment), (Apartment, Model::Device)] {
            assert!(matches!(
                plan_redeem(&facts(k, Status::Active), &site(m, 0)),
                Err(Refusal::WrongSiteModel { .. })
            ));
        }
        let refused = |s| plan_redeem(&facts(Sms, s), &site(Model::Device, 0)).unwrap_err();
        assert!(
            matches!(refused(Status::Used), Refusal::VoucherUsed { site: Some(3), ref on, .. } if on == "2026-11-05")
        );
        assert!(
            matches!(refused(Status::Expired), Refusal::VoucherExpired { ref on, .. } if on == "2029-11-05")
        );
        assert!(
            matches!(refused(Status::Cancelled), Refusal::VoucherCancelled { ref on, .. } if on == "2026-12-01")
        );
    }

    #[test]
    fn redeemed_credits_activate_waiting_units_as_far_as_they_go() {
        let r = plan_redeem(
            &facts(VoucherType::Device, Status::Active),
            &site(Model::Device, 30),
        )
        .unwrap();
        // 2 credits before, 24 added: 26 units of the 30 waiting are charged.
        assert_eq!(
            r,
            Redemption {
                pool: Pool::Video,
                credits_added: 24,
                balance_before: 2,
                balance_after: 0,
                units_activated: 26
            }
        );
        let sms = plan_redeem(
            &facts(VoucherType::Sms, Status::Active),
            &site(Model::Device, 30),
        )
        .unwrap();
        assert_eq!(
            (sms.pool, sms.balance_after, sms.units_activated),
            (Pool::Sms, 100, 0)
        );
    }

    #[test]
    fn orders_are_priced_only_for_activated_distributors() {
        let c = Content::new(VoucherType::Device, Some(2), Some(10), None).unwrap();
        let price = Money::new(2400, "EUR");
        assert_eq!(
            price_order(("Acme", 1, true), &c, 3, &price),
            Ok(OrderValue {
                unit: Money::new(48_000, "EUR"),
                total: Money::new(144_000, "EUR")
            })
        );
        assert!(matches!(
            price_order(("Acme", 1, false), &c, 3, &price),
            Err(Refusal::NotActivated { id: 1, .. })
        ));
        assert!(matches!(
            price_order(("Acme", 1, true), &c, i64::MAX, &price),
            Err(Refusal::TooLarge { .. })
        ));
    }

    #[test]
    fn only_unused_vouchers_are_cancelled() {
        use VoucherType::*;
        assert!(check_cancellable(&facts(Device, Status::Active)).is_ok());
        assert!(check_cancellable(&facts(Device, Status::Expired)).is_ok());
        assert!(matches!(
            check_cancellable(&facts(Device, Status::Used)),
            Err(Refusal::CancelUsed { site: Some(3), ref on, .. }) if on == "2026-11-05"
        ));
        assert!(matches!(
            check_cancellable(&facts(Device, Status::Cancelled)),
            Err(Refusal::CancelCancelled { ref on, .. }) if on == "2026-12-01"
        ));
    }
}
