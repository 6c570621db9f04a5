//! Property tests of the billing rules through the library on a real ledger (the suite's engine:
//! SQLite, or PostgreSQL with `$CREDITCTL_TEST_PG`): random sequences of unit changes, credit
//! movements and deduction runs over several months.

mod common;

use creditctl::args;
use creditctl::domain::period::Period;
use creditctl::domain::serial::Serial;
use creditctl::domain::site::Model;
use creditctl::store::billing::{DeductSummary, deduct_run};
use creditctl::store::ledger::{self, LedgerWriter, Pool};
use creditctl::store::{Stamp, Store, accounts, credits, units};
use proptest::prelude::*;

#[derive(Debug, Clone)]
enum Op {
    AddDevice(usize),
    RemoveDevice(usize),
    Credit(usize, i64),
    Debit(usize, i64),
    Deduct,
    /// A run of the month before (a catch-up): it must not spoil this month's tallies.
    DeductPast,
    NextMonth,
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        4 => (0..3usize).prop_map(Op::AddDevice),
        1 => (0..50usize).prop_map(Op::RemoveDevice),
        2 => (0..3usize, 1..6i64).prop_map(|(s, n)| Op::Credit(s, n)),
        1 => (0..3usize, 1..6i64).prop_map(|(s, n)| Op::Debit(s, n)),
        2 => Just(Op::Deduct),
        1 => Just(Op::DeductPast),
        1 => Just(Op::NextMonth),
    ]
}

struct World {
    store: Store,
    // Dropped after the store, so that the database is no longer in use.
    ledger: common::Ledger,
    stamp: Stamp,
    sites: Vec<accounts::Site>,
    serials: Vec<Serial>,
    next_serial: u32,
}

impl World {
    fn new() -> World {
        let ledger = common::Ledger::new();
        let mut store = ledger.store();
        let stamp = Stamp {
            actor: "prop".into(),
            now: "2026-01-10T12:00:00Z".parse().unwrap(),
        };
        let sites = store
            .write(|tx| {
                (0..3)
                    .map(|i| accounts::create_site(tx, &format!("Site {i}"), Model::Device, &stamp))
                    .collect()
            })
            .unwrap();
        World {
            store,
            ledger,
            stamp,
            sites,
            serials: Vec::new(),
            next_serial: 0,
        }
    }

    fn site(&mut self, i: usize) -> accounts::Site {
        let id = self.sites[i].id;
        self.store.read(|tx| accounts::site_by_id(tx, id)).unwrap()
    }

    fn apply(&mut self, op: &Op) {
        self.stamp.now += chrono::Duration::minutes(1);
        let period = Period::containing(self.stamp.now);
        let stamp = self.stamp.clone();
        match *op {
            Op::AddDevice(s) => {
                let site = self.site(s);
                self.next_serial += 1;
                let serial = Serial::parse(&format!("10-0000-{:04}", self.next_serial)).unwrap();
                self.store
                    .write(|tx| {
                        let mut l = LedgerWriter::new(tx, &stamp)?;
                        units::add_device(tx, &mut l, &site, &serial, None, period, &stamp)
                    })
                    .unwrap();
                self.serials.push(serial);
            }
            Op::RemoveDevice(i) => {
                if !self.serials.is_empty() {
                    let serial = self.serials.remove(i % self.serials.len());
                    self.store
                        .write(|tx| units::remove_device(tx, &serial, &stamp))
                        .unwrap();
                }
            }
            Op::Credit(s, n) | Op::Debit(s, n) => {
                let amount = if matches!(op, Op::Credit(..)) { n } else { -n };
                let site = self.site(s);
                let before = snapshot(&mut self.store);
                let result = self
                    .store
                    .write(|tx| credits::adjust(tx, &site, Pool::Video, amount, "prop", &stamp));
                match result {
                    Ok(_) => {}
                    Err(e) => {
                        assert_eq!(e.code, "insufficient_credits", "{e}");
                        assert!(amount < 0 && site.video_balance < -amount);
                        assert_eq!(
                            before,
                            snapshot(&mut self.store),
                            "a refused debit wrote something"
                        );
                    }
                }
            }
            Op::Deduct => {
                deduct_run(&mut self.store, period, &stamp, false, 1, None, None).unwrap();
                self.check_after_deduct(period);
            }
            Op::DeductPast => {
                let past = Period::from_number(period.number() - 1)
                    .unwrap_or_else(|| Period::from_number(period.number() - 89).unwrap());
                deduct_run(&mut self.store, past, &stamp, false, 1, None, None).unwrap();
            }
            Op::NextMonth => {
                self.stamp.now =
                    Period::containing(self.stamp.now).next().start() + chrono::Duration::hours(1);
            }
        }
    }

    /// After a run: every active unit is paid for the period, or its site has no credit left.
    fn check_after_deduct(&mut self, period: Period) {
        let waiting_with_credit = self
            .store
            .read(|tx| {
                tx.int(
                    "SELECT count(*) FROM unit u JOIN site s ON s.id = u.site_id
                     WHERE u.removed_at IS NULL AND s.video_balance > 0
                     AND NOT EXISTS (SELECT 1 FROM charge c WHERE c.period = ?1 AND c.unit_id = u.id)",
                    args![period.number()],
                )
            })
            .unwrap();
        assert_eq!(
            waiting_with_credit, 0,
            "a unit waits although its site has credits"
        );
    }

    /// Every tally a site holds is what counting its units gives: a stale tally could let a
    /// rerun skip a unit that is due.
    fn check_tallies(&mut self) {
        let tallies = self
            .store
            .read(|tx| {
                tx.all(
                    "SELECT id, tally_period, tally_units, tally_paid FROM site WHERE tally_period IS NOT NULL",
                    &[],
                    |r| Ok((r.int(0)?, r.int(1)?, r.int(2)?, r.int(3)?)),
                )
            })
            .unwrap();
        for (site, number, units, paid) in tallies {
            let period = Period::from_number(number).unwrap();
            let end = creditctl::store::fmt_time(period.end());
            let counted = self
                .store
                .read(|tx| {
                    tx.one(
                        "SELECT count(*), count(c.unit_id) FROM unit u
                         LEFT JOIN charge c ON c.period = ?3 AND c.unit_id = u.id
                         WHERE u.site_id = ?1 AND u.removed_at IS NULL AND u.added_at < ?2",
                        args![site, end.as_str(), number],
                        |r| Ok((r.int(0)?, r.int(1)?)),
                    )
                })
                .unwrap();
            assert_eq!(
                (units, paid),
                counted,
                "site {site}'s tally for {period} differs from its units"
            );
        }
    }

    fn check_invariants(&mut self) {
        self.check_tallies();
        // Balance = ledger sum, hash chain intact, every charge re-derived from the chain.
        self.store.read(ledger::verify).unwrap();
        let count = |store: &mut Store, sql: &str| store.read(|tx| tx.int(sql, &[])).unwrap();
        let negative = count(
            &mut self.store,
            "SELECT count(*) FROM site WHERE video_balance < 0 OR sms_balance < 0",
        );
        assert_eq!(negative, 0);
        let twice = count(
            &mut self.store,
            "SELECT count(*) FROM (SELECT 1 FROM charge GROUP BY period, unit_id HAVING count(*) > 1) t",
        );
        assert_eq!(twice, 0, "a unit was charged twice in one period");
        // Oldest first: no active unit is charged for a period while an older active unit of
        // the same site waits with nothing else explaining it (units are never re-added here).
        let younger_before_older = count(
            &mut self.store,
            "SELECT count(*) FROM charge c JOIN unit young ON young.id = c.unit_id
             JOIN unit old ON old.site_id = young.site_id AND old.id < young.id AND old.removed_at IS NULL
             WHERE young.removed_at IS NULL
             AND NOT EXISTS (SELECT 1 FROM charge c2 WHERE c2.period = c.period AND c2.unit_id = old.id)
             AND old.added_at < (SELECT min(l.created_at) FROM ledger l WHERE l.id = c.ledger_id)",
        );
        assert_eq!(
            younger_before_older, 0,
            "a younger unit was paid before an older one"
        );
    }
}

fn snapshot(store: &mut Store) -> (Vec<(i64, i64)>, i64, i64) {
    store
        .read(|tx| {
            let balances = tx.all("SELECT id, video_balance FROM site ORDER BY id", &[], |r| {
                Ok((r.int(0)?, r.int(1)?))
            })?;
            let rows = tx.int("SELECT count(*) FROM ledger", &[])?;
            let charges = tx.int("SELECT count(*) FROM charge", &[])?;
            Ok((balances, rows, charges))
        })
        .unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn billing_rules_hold_for_any_sequence(ops in prop::collection::vec(op(), 1..40)) {
        let mut world = World::new();
        for op in &ops {
            world.apply(op);
            world.check_invariants();
        }
        // A second run of the same period changes nothing.
        let period = Period::containing(world.stamp.now);
        let stamp = world.stamp.clone();
        deduct_run(&mut world.store, period, &stamp, false, 1, None, None).unwrap();
        let before = snapshot(&mut world.store);
        let again = deduct_run(&mut world.store, period, &stamp, false, 1, None, None).unwrap();
        prop_assert_eq!(again.units_charged, 0);
        prop_assert_eq!(before, snapshot(&mut world.store));
        // The rerun, answered by the tallies, says what counting every unit says; so does a
        // run that finds the first site's tally answering and the next one's gone (as a change
        // of its units leaves it): the sites read before the chunks and those of the chunks
        // are each counted once.
        let clear = |sites: &str| {
            world.ledger.sql(&format!(
                "UPDATE site SET tally_period = NULL, tally_units = NULL, tally_paid = NULL WHERE {sites}"
            ))
        };
        clear(&format!("id = {}", world.sites[1].id));
        let mixed = deduct_run(&mut world.store, period, &stamp, true, 1, None, None).unwrap();
        clear("1 = 1");
        let counted = deduct_run(&mut world.store, period, &stamp, true, 1, None, None).unwrap();
        prop_assert_eq!(&again, &DeductSummary { dry_run: false, ..counted.clone() });
        prop_assert_eq!(&mixed, &counted);
        // A run that keeps one alert of each list counts every site all the same.
        let bounded = deduct_run(&mut world.store, period, &stamp, true, 1, Some(1), None).unwrap();
        prop_assert_eq!(bounded.sites_low, counted.low.len() as u64);
        prop_assert_eq!(bounded.sites_halted, counted.halted.len() as u64);
        prop_assert_eq!(&bounded.low[..], &counted.low[..counted.low.len().min(1)]);
        prop_assert_eq!(&bounded.halted[..], &counted.halted[..counted.halted.len().min(1)]);
        prop_assert_eq!(
            DeductSummary { low: vec![], halted: vec![], ..bounded },
            DeductSummary { low: vec![], halted: vec![], ..counted }
        );
    }
}
