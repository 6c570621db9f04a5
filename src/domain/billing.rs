//! Billing decisions for one site and one period, without I/O.
//!
//! A billable unit (a device on a device-model site, an apartment on an apartment-model site) is
//! charged one video credit per calendar month, at most once. Units are charged oldest first as
//! far as the balance allows; the rest wait. A site with units but none paid is halted.

use serde::Serialize;

use super::refusal::Refusal;

/// A site's two credit pools.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Pool {
    Video,
    Sms,
}

impl Pool {
    pub fn as_str(self) -> &'static str {
        match self {
            Pool::Video => "video",
            Pool::Sms => "sms",
        }
    }

    /// What the pool holds, as messages count it: "24 video credits", "50 SMS messages".
    pub fn noun(self) -> &'static str {
        match self {
            Pool::Video => "video credits",
            Pool::Sms => "SMS messages",
        }
    }

    pub fn parse(s: &str) -> Option<Pool> {
        match s {
            "video" => Some(Pool::Video),
            "sms" => Some(Pool::Sms),
            _ => None,
        }
    }
}

/// A pool's balance after moving `amount`: never negative, never overflowing.
/// `site` names the site in the refusal ([`super::site::label`]).
pub fn apply(pool: Pool, site: &str, balance: i64, amount: i64) -> Result<i64, Refusal> {
    let after = balance.checked_add(amount).ok_or(Refusal::TooLarge {
        what: "that amount is too large for a balance",
    })?;
    if after < 0 {
        return Err(Refusal::InsufficientCredits {
            pool: pool.as_str(),
            site: site.to_string(),
            balance,
            needed: -amount,
        });
    }
    Ok(after)
}

/// An operator's correction: a signed amount, not zero, at most `max` either way.
pub fn check_adjustment(amount: i64, max: i64) -> Result<(), Refusal> {
    if amount == 0 {
        return Err(Refusal::AdjustZero);
    }
    if amount.unsigned_abs() > max.unsigned_abs() {
        return Err(Refusal::AdjustTooLarge { max });
    }
    Ok(())
}

/// SMS spent at once: 1 to `max` messages.
pub fn check_sms_count(messages: i64, max: i64) -> Result<(), Refusal> {
    if !(1..=max).contains(&messages) {
        return Err(Refusal::SmsOutOfRange {
            max,
            given: messages,
        });
    }
    Ok(())
}

/// A retried SMS spending is answered with its first result only when it is the same spending:
/// the same site and the same count.
pub fn check_sms_replay(
    reference: &str,
    earlier: (i64, i64),
    now: (i64, i64),
) -> Result<(), Refusal> {
    let ((site_id, messages), (site, count)) = (earlier, now);
    if site_id != site || messages != count {
        return Err(Refusal::ReferenceReused {
            reference: reference.to_string(),
            messages,
            site_id,
        });
    }
    Ok(())
}

/// A credits purchase as its retry key (`credits buy --reference`, a site's own) names it: the
/// pool, the amount, what it cost and how it was paid.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PurchaseKey {
    pub pool: Pool,
    pub amount: i64,
    pub total: super::money::Money,
    pub method: String,
}

/// A retried purchase at site `site_id` is answered with the first one, and buys nothing, only
/// when it is the same purchase: the same pool, amount, price and payment method (a retry after
/// the price list changed is refused: the first purchase was not made at the price asked now).
/// Anything else under the same reference is refused, rather than answered with a purchase
/// that is not the one asked for.
pub fn check_purchase_replay(
    reference: &str,
    site_id: i64,
    earlier: &PurchaseKey,
    now: &PurchaseKey,
) -> Result<(), Refusal> {
    if earlier != now {
        return Err(Refusal::PurchaseReferenceReused {
            reference: reference.to_string(),
            site_id,
            what: format!(
                "a purchase of {} {} for {} paid by {}",
                earlier.amount,
                earlier.pool.noun(),
                earlier.total,
                earlier.method
            ),
        });
    }
    Ok(())
}

/// What charging a site's due units does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SitePlan {
    /// Units to charge now (the oldest `charge` of the due units).
    pub charge: u64,
    /// Units that stay unpaid for the period.
    pub waiting: u64,
    /// No unit of the site is paid for the period although it has units.
    pub halted: bool,
}

/// Plans a site's charge: `balance` video credits, `paid` units already charged for the period,
/// `due` units not yet charged for it.
pub fn plan_site(balance: u64, paid: u64, due: u64) -> SitePlan {
    let charge = balance.min(due);
    SitePlan {
        charge,
        waiting: due - charge,
        halted: paid + charge == 0 && due > 0,
    }
}

/// A site's stored tally for a month (`units` billable, `paid` of them paid) holds against the
/// chain when it counts no more paid units than it has, and no more than the chain `charged`
/// the site for that month. It may count fewer than the chain: a unit charged and then removed
/// in the same month is no longer one of the site's units. A tally that counts more would let a
/// rerun of the month skip units that are due.
pub fn tally_holds(units: u64, paid: u64, charged: u64) -> bool {
    paid <= units && paid <= charged
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, clap::ValueEnum)]
#[serde(rename_all = "snake_case")]
pub enum SiteStatus {
    /// Every unit is paid for the current month, or the site has none.
    Active,
    /// Some units are paid, some wait for credits.
    Partial,
    /// The site has units and none is paid for the current month.
    Halted,
}

impl SiteStatus {
    pub fn of(units: u64, paid: u64) -> SiteStatus {
        if paid >= units {
            SiteStatus::Active
        } else if paid == 0 {
            SiteStatus::Halted
        } else {
            SiteStatus::Partial
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            SiteStatus::Active => "active",
            SiteStatus::Partial => "partial",
            SiteStatus::Halted => "halted",
        }
    }
}

/// Whole months the balance pays for at the current unit count (after this month's charges).
pub fn months_covered(balance: u64, units: u64) -> Option<u64> {
    (units > 0).then(|| balance / units)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn a_purchase_is_replayed_only_for_the_same_pool_amount_price_and_method() {
        let key = |pool, amount, minor, method: &str| PurchaseKey {
            pool,
            amount,
            total: crate::domain::money::Money {
                amount_minor: minor,
                currency: "EUR".into(),
            },
            method: method.to_string(),
        };
        let first = key(Pool::Video, 120, 6000, "card");
        assert_eq!(
            check_purchase_replay("r", 3, &first, &first.clone()),
            Ok(())
        );
        for other in [
            key(Pool::Sms, 120, 6000, "card"),
            key(Pool::Video, 121, 6000, "card"),
            key(Pool::Video, 120, 6001, "card"),
            key(Pool::Video, 120, 6000, "invoice"),
        ] {
            assert_eq!(
                check_purchase_replay("r", 3, &first, &other),
                Err(Refusal::PurchaseReferenceReused {
                    reference: "r".into(),
                    site_id: 3,
                    what: "a purchase of 120 video credits for 60.00 EUR paid by card".into(),
                }),
                "{other:?}"
            );
        }
    }

    #[test]
    fn a_balance_never_goes_negative_nor_overflows() {
        assert_eq!(apply(Pool::Video, "s", 5, -5), Ok(0));
        assert_eq!(apply(Pool::Sms, "s", 5, 10), Ok(15));
        assert_eq!(
            apply(Pool::Video, "'Annex' (7)", 4, -5),
            Err(Refusal::InsufficientCredits {
                pool: "video",
                site: "'Annex' (7)".into(),
                balance: 4,
                needed: 5
            })
        );
        assert!(matches!(
            apply(Pool::Video, "s", i64::MAX, 1),
            Err(Refusal::TooLarge { .. })
        ));
    }

    #[test]
    fn adjustments_and_sms_counts_have_limits() {
        assert_eq!(check_adjustment(0, 10), Err(Refusal::AdjustZero));
        assert!(check_adjustment(-10, 10).is_ok() && check_adjustment(10, 10).is_ok());
        assert!(check_adjustment(11, 10).is_err() && check_adjustment(-11, 10).is_err());
        assert!(check_sms_count(1, 10).is_ok() && check_sms_count(10, 10).is_ok());
        assert!(check_sms_count(0, 10).is_err() && check_sms_count(11, 10).is_err());
    }

    #[test]
    fn an_sms_reference_replays_only_the_same_spending() {
        assert_eq!(check_sms_replay("r", (1, 50), (1, 50)), Ok(()));
        assert!(check_sms_replay("r", (1, 50), (2, 50)).is_err());
        assert!(check_sms_replay("r", (1, 50), (1, 100)).is_err());
    }

    #[test]
    fn a_tally_may_count_fewer_paid_units_than_the_chain_charged_never_more() {
        assert!(tally_holds(3, 2, 2));
        // A unit charged and removed in the month: the chain charged 3, the site has 2 paid.
        assert!(tally_holds(2, 2, 3));
        assert!(tally_holds(0, 0, 0));
        // Marked paid without a charge: a rerun would skip the unit.
        assert!(!tally_holds(3, 3, 2));
        assert!(!tally_holds(2, 3, 3));
    }

    #[test]
    fn examples() {
        assert_eq!(
            plan_site(10, 0, 3),
            SitePlan {
                charge: 3,
                waiting: 0,
                halted: false
            }
        );
        assert_eq!(
            plan_site(2, 0, 3),
            SitePlan {
                charge: 2,
                waiting: 1,
                halted: false
            }
        );
        assert_eq!(
            plan_site(0, 0, 3),
            SitePlan {
                charge: 0,
                waiting: 3,
                halted: true
            }
        );
        assert_eq!(
            plan_site(0, 1, 3),
            SitePlan {
                charge: 0,
                waiting: 3,
                halted: false
            }
        );
        assert_eq!(
            plan_site(0, 0, 0),
            SitePlan {
                charge: 0,
                waiting: 0,
                halted: false
            }
        );
        assert_eq!(SiteStatus::of(0, 0), SiteStatus::Active);
        assert_eq!(SiteStatus::of(4, 0), SiteStatus::Halted);
        assert_eq!(SiteStatus::of(4, 2), SiteStatus::Partial);
        assert_eq!(months_covered(25, 10), Some(2));
        assert_eq!(months_covered(25, 0), None);
    }

    proptest! {
        #[test]
        fn never_charges_more_than_balance_or_due(balance in 0u64..1000, paid in 0u64..100, due in 0u64..100) {
            let p = plan_site(balance, paid, due);
            prop_assert!(p.charge <= balance);
            prop_assert!(p.charge <= due);
            prop_assert_eq!(p.charge + p.waiting, due);
            // Charging is greedy: a unit waits only when the balance is spent.
            prop_assert!(p.waiting == 0 || p.charge == balance);
            prop_assert_eq!(p.halted, paid + p.charge == 0 && paid + due > 0 && due > 0);
        }

        #[test]
        fn a_second_plan_after_the_first_charges_nothing_new(balance in 0u64..1000, due in 0u64..100) {
            let first = plan_site(balance, 0, due);
            let second = plan_site(balance - first.charge, first.charge, first.waiting);
            prop_assert_eq!(second.charge, 0);
            prop_assert_eq!(second.waiting, first.waiting);
        }
    }
}
