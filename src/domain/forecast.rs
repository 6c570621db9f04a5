//! How long a site's video credits last, without I/O.
//!
//! A site's units each need one credit per calendar month. In the current month some units may
//! already be paid (charged) and the rest wait; every later month needs all of them, at today's
//! unit count. Credits pay the current month's waiting units first, then whole later months.

use super::period::Period;

/// The months `credits forecast` and the warnings after a write look ahead by default.
pub const MONTHS: u64 = 3;

/// What a site's balance covers, from the current month on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Outlook {
    /// Credits every month needs: one per unit.
    pub monthly_need: u64,
    /// Units of the current month not paid yet.
    pub waiting: u64,
    /// Whole months after the current one that the balance pays for all units (`None` without
    /// units). When every unit is paid this month, this is `balance / units`, as `credits show`
    /// reports it.
    pub months_covered: Option<u64>,
    /// How many months after the current one comes the first month whose units cannot all be
    /// paid: 0 when some of this month's units stay waiting (`None` without units).
    pub runs_out_in: Option<u64>,
    /// Credits still needed to pay this month's waiting units and every unit for the `months`
    /// months after it.
    pub credits_to_cover: u64,
}

/// The outlook of a site with `balance` credits, `units` units of which `paid` are paid for the
/// current month, over `months` months after the current one.
pub fn outlook(balance: u64, units: u64, paid: u64, months: u64) -> Outlook {
    let waiting = units.saturating_sub(paid);
    let need = waiting.saturating_add(units.saturating_mul(months));
    let credits_to_cover = need.saturating_sub(balance);
    let (months_covered, runs_out_in) = if units == 0 {
        (None, None)
    } else if balance < waiting {
        (Some(0), Some(0))
    } else {
        let covered = (balance - waiting) / units;
        (Some(covered), Some(covered.saturating_add(1)))
    };
    Outlook {
        monthly_need: units,
        waiting,
        months_covered,
        runs_out_in,
        credits_to_cover,
    }
}

impl Outlook {
    /// Some unit will go unpaid within `months` months after the current one (or now): with
    /// `months` = 1, the site cannot pay next month.
    pub fn is_low(&self, months: u64) -> bool {
        self.runs_out_in.is_some_and(|r| r <= months)
    }

    /// The first month whose units cannot all be paid, if the site has units (and the month is
    /// before the end of 9999).
    pub fn runs_out(&self, current: Period) -> Option<Period> {
        self.runs_out_in.and_then(|r| current.plus(r))
    }
}

/// The warning printed after a write that leaves a site unable to pay next month (`None` when
/// it can). `months` is the horizon of `credits_to_cover`.
pub fn warning(
    site_name: &str,
    site_id: i64,
    current: Period,
    o: &Outlook,
    months: u64,
) -> Option<String> {
    if !o.is_low(1) {
        return None;
    }
    let s = |n: u64| if n == 1 { "" } else { "s" };
    let (units, more) = (o.monthly_need, o.credits_to_cover);
    let cover = format!(
        "{more} credit{} more cover the next {months} month{}",
        s(more),
        s(months)
    );
    Some(if o.waiting > 0 && o.runs_out_in == Some(0) {
        format!(
            "warning: site {site_name} ({site_id}) has {} of {units} unit{} waiting for credits in {current}; {cover} and pay them",
            o.waiting,
            s(units)
        )
    } else {
        format!(
            "warning: site {site_name} ({site_id}) can pay its {units} unit{} until {current}, not in {}; {cover}",
            s(units),
            current.next()
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn nov() -> Period {
        "2026-11".parse().unwrap()
    }

    #[test]
    fn a_site_without_units_never_runs_out() {
        let o = outlook(7, 0, 0, 3);
        assert_eq!(o.runs_out_in, None);
        assert_eq!(o.months_covered, None);
        assert_eq!(o.credits_to_cover, 0);
        assert!(!o.is_low(12));
        assert_eq!(o.runs_out(nov()), None);
        assert_eq!(warning("A", 1, nov(), &o, 3), None);
    }

    #[test]
    fn all_paid_this_month() {
        // 5 units paid for November, 12 credits left: December and January are paid, February
        // is not.
        let o = outlook(12, 5, 5, 3);
        assert_eq!(o.months_covered, Some(2));
        assert_eq!(o.runs_out(nov()).unwrap().to_string(), "2027-02");
        assert_eq!(o.credits_to_cover, 3);
        assert!(!o.is_low(1) && !o.is_low(2) && o.is_low(3));
        assert_eq!(warning("A", 1, nov(), &o, 3), None);
    }

    #[test]
    fn waiting_units_are_paid_before_later_months() {
        // Between the 1st and the cron run: nothing paid yet, 7 credits, 5 units.
        let o = outlook(7, 5, 0, 3);
        assert_eq!(o.waiting, 5);
        assert_eq!(o.months_covered, Some(0));
        assert_eq!(o.runs_out(nov()).unwrap().to_string(), "2026-12");
        assert_eq!(o.credits_to_cover, 20 - 7);
        // Units that cannot be paid now: the current month runs out.
        let o = outlook(0, 5, 2, 3);
        assert_eq!(o.runs_out(nov()), Some(nov()));
        assert_eq!(o.credits_to_cover, 3 + 15);
    }

    #[test]
    fn warnings_name_the_site_the_month_and_the_credits() {
        let o = outlook(2, 5, 5, 3);
        assert_eq!(
            warning("Harbour Office", 4, nov(), &o, 3).unwrap(),
            "warning: site Harbour Office (4) can pay its 5 units until 2026-11, not in 2026-12; 13 credits more cover the next 3 months"
        );
        let o = outlook(0, 5, 2, 1);
        assert_eq!(
            warning("Annex", 2, nov(), &o, 1).unwrap(),
            "warning: site Annex (2) has 3 of 5 units waiting for credits in 2026-11; 8 credits more cover the next 1 month and pay them"
        );
        assert_eq!(warning("A", 1, nov(), &outlook(5, 5, 5, 3), 3), None);
    }

    #[test]
    fn runs_out_beyond_9999_is_unknown_not_a_wrong_month() {
        let o = outlook(u64::MAX, 1, 1, 3);
        assert_eq!(o.runs_out(nov()), None);
        assert_eq!(o.credits_to_cover, 0);
    }

    proptest! {
        /// Simulating month by month agrees with the arithmetic.
        #[test]
        fn matches_a_month_by_month_simulation(balance in 0u64..500, units in 0u64..20, paid in 0u64..20, months in 0u64..24) {
            let paid = paid.min(units);
            let o = outlook(balance, units, paid, months);
            let mut left = balance;
            let mut first_short = None;
            for month in 0..=balance + 1 {
                let need = if month == 0 { units - paid } else { units };
                if left < need {
                    first_short = Some(month);
                    break;
                }
                left -= need;
                if units == 0 {
                    break;
                }
            }
            prop_assert_eq!(o.runs_out_in, first_short);
            prop_assert_eq!(o.credits_to_cover, ((units - paid) + units * months).saturating_sub(balance));
            if units > 0 {
                prop_assert_eq!(o.months_covered.unwrap(), first_short.unwrap().saturating_sub(1));
            }
            // Buying what is missing leaves nothing low within the horizon.
            let topped = outlook(balance + o.credits_to_cover, units, paid, months);
            prop_assert!(!topped.is_low(months) || units == 0);
            prop_assert_eq!(topped.credits_to_cover, 0);
        }
    }
}
