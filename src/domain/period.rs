//! Billing periods: calendar months in UTC, written `YYYY-MM`.

use chrono::{DateTime, Datelike, NaiveDate, TimeZone, Utc};
use std::fmt;
use std::str::FromStr;

/// The years a clock may read. A time outside them is a wrong clock, not a moment to bill.
pub const CLOCK_YEARS: std::ops::RangeInclusive<i32> = 2000..=2200;

/// Accepts a clock reading within [`CLOCK_YEARS`].
pub fn check_clock(now: DateTime<Utc>) -> Result<DateTime<Utc>, String> {
    if CLOCK_YEARS.contains(&now.year()) {
        Ok(now)
    } else {
        Err(format!(
            "in the year {}, outside the years {} to {} that a clock may read",
            now.year(),
            CLOCK_YEARS.start(),
            CLOCK_YEARS.end()
        ))
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Period {
    year: i32,
    month: u32,
}

impl Period {
    pub fn new(year: i32, month: u32) -> Option<Period> {
        ((1..=12).contains(&month) && (1970..=9999).contains(&year))
            .then_some(Period { year, month })
    }

    /// The month that contains `at`.
    pub fn containing(at: DateTime<Utc>) -> Period {
        Period {
            year: at.year(),
            month: at.month(),
        }
    }

    pub fn start(self) -> DateTime<Utc> {
        let date = NaiveDate::from_ymd_opt(self.year, self.month, 1).expect("valid period");
        Utc.from_utc_datetime(&date.and_hms_opt(0, 0, 0).expect("midnight"))
    }

    pub fn next(self) -> Period {
        if self.month == 12 {
            Period {
                year: self.year + 1,
                month: 1,
            }
        } else {
            Period {
                year: self.year,
                month: self.month + 1,
            }
        }
    }

    /// The first instant after the period.
    pub fn end(self) -> DateTime<Utc> {
        self.next().start()
    }

    /// The period as the ledger stores it: `yyyymm` as one integer (2026-11 is 202611), which
    /// orders as the periods do.
    pub fn number(self) -> i64 {
        i64::from(self.year) * 100 + i64::from(self.month)
    }

    /// The period stored as [`number`](Self::number), if it is one.
    pub fn from_number(n: i64) -> Option<Period> {
        Period::new(i32::try_from(n / 100).ok()?, u32::try_from(n % 100).ok()?)
    }

    /// The period `months` months later, if it is a period (up to 9999-12).
    pub fn plus(self, months: u64) -> Option<Period> {
        let index = u64::try_from(self.year).ok()? * 12 + u64::from(self.month - 1);
        let later = index.checked_add(months)?;
        Period::new(i32::try_from(later / 12).ok()?, (later % 12) as u32 + 1)
    }
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}", self.year, self.month)
    }
}

impl FromStr for Period {
    type Err = String;

    fn from_str(s: &str) -> Result<Period, String> {
        let bad = || format!("'{s}' is not a period: write the month as YYYY-MM, e.g. 2026-11");
        let (y, m) = s.trim().split_once('-').ok_or_else(bad)?;
        if y.len() != 4 || m.len() != 2 || !(y.bytes().chain(m.bytes())).all(|b| b.is_ascii_digit())
        {
            return Err(bad());
        }
        Period::new(y.parse().map_err(|_| bad())?, m.parse().map_err(|_| bad())?).ok_or_else(bad)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn parses_and_displays() {
        let p: Period = "2026-11".parse().unwrap();
        assert_eq!(p.to_string(), "2026-11");
        assert_eq!(p.next().to_string(), "2026-12");
        assert_eq!(p.next().next().to_string(), "2027-01");
        assert_eq!(p.plus(14).unwrap().to_string(), "2028-01");
        assert_eq!("9999-12".parse::<Period>().unwrap().plus(1), None);
        assert_eq!(p.plus(u64::MAX), None);
        assert_eq!(p.number(), 202611);
        assert_eq!(Period::from_number(202611), Some(p));
        for bad in [202613, 202600, 196912, -202611, 1_000_001] {
            assert_eq!(Period::from_number(bad), None, "{bad}");
        }
        for bad in [
            "2026-13",
            "2026-00",
            "26-11",
            "2026/11",
            "2026-1",
            "x",
            "",
            "2026-11-01",
        ] {
            assert!(bad.parse::<Period>().is_err(), "{bad}");
        }
    }

    #[test]
    fn a_clock_reads_a_year_from_2000_to_2200() {
        let at = |s: &str| DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc);
        for ok in [
            "2000-01-01T00:00:00Z",
            "2026-11-05T10:00:00Z",
            "2200-12-31T23:59:59Z",
        ] {
            assert_eq!(check_clock(at(ok)), Ok(at(ok)), "{ok}");
        }
        for bad in [
            "1999-12-31T23:59:59Z",
            "2201-01-01T00:00:00Z",
            "1970-01-01T00:00:00Z",
        ] {
            assert!(
                check_clock(at(bad)).unwrap_err().contains("2000 to 2200"),
                "{bad}"
            );
        }
    }

    #[test]
    fn bounds_are_month_edges_in_utc() {
        let p: Period = "2024-02".parse().unwrap();
        assert_eq!(p.start().to_rfc3339(), "2024-02-01T00:00:00+00:00");
        assert_eq!(p.end().to_rfc3339(), "2024-03-01T00:00:00+00:00");
    }

    proptest! {
        #[test]
        fn containing_is_within_bounds(secs in 0i64..4_000_000_000) {
            let at = Utc.timestamp_opt(secs, 0).unwrap();
            let p = Period::containing(at);
            prop_assert!(p.start() <= at && at < p.end());
            prop_assert_eq!(p.to_string().parse::<Period>(), Ok(p));
            prop_assert!(p < p.next());
            prop_assert_eq!(p.plus(0), Some(p));
            prop_assert_eq!(p.plus(1), Some(p.next()));
            prop_assert_eq!(p.plus(13), Some(p.next()).and_then(|n| n.plus(12)));
            prop_assert_eq!(Period::from_number(p.number()), Some(p));
            prop_assert!(p.number() < p.next().number());
        }
    }
}
