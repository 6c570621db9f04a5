//! The floors of the scale benchmark: this program (`floor WORKLOAD ARGS`, the ledger in
//! `$CREDITCTL_DB`) makes the same logical changes as the tool's command with the least a bare
//! client can do: one connection with the store's own settings, one transaction, prepared
//! statements (SQLite) or COPY (PostgreSQL), and the same hash chain (the ledger rows are
//! hashed with the domain's own `Row::hash`, so the head hashes match the tool's).
//!
//! A program of its own, not a mode of the benchmark's: it uses none of the store's connecting
//! code, so it is linked without a TLS library, which a bare client of either engine does not
//! have. The tool has rustls for PostgreSQL's TLS (about 0.04 ms of a start); until the twelfth
//! session it had OpenSSL, which the benchmark still refuses in the floor: compiled in, its
//! relocations and CPU probe cost a process 0.3-0.45 ms, loaded from the system 0.7-0.8 ms.

mod consts;
mod pg;
mod sqlite;

use anyhow::{Context, Result, bail, ensure};
use consts::{ACTOR, EXPIRES_AT, NOW};
use creditctl::domain::billing::tally_holds;
use creditctl::domain::chain::{OrderFact, Payload, PaymentFact, Row, RowDigest, RowRef, kind};
use creditctl::domain::code::Code;
use creditctl::domain::period::Period;
use creditctl::store::billing::{charge_entry, charge_reason, charge_reference};
use creditctl::store::ledger::{Entry, GENESIS, Pool};
use creditctl::store::vouchers::{OsEntropy, fresh_codes};
use rusqlite::{Connection, TransactionBehavior, params};
use std::io::Write;

fn main() -> Result<()> {
    let mut args = std::env::args().skip(1);
    let workload = args.next().context("no workload")?;
    let rest: Vec<String> = args.collect();
    let db = std::env::var("CREDITCTL_DB").context("no $CREDITCTL_DB")?;
    let pg = db.starts_with("postgres");
    match (workload.as_str(), &rest[..]) {
        ("create", [n]) => {
            let n: i64 = n.parse()?;
            if pg {
                pg::create(&db, n)
            } else {
                sqlite::create(&db, n)
            }
        }
        ("redeem" | "redeem-checked", [code]) => {
            let checked = workload == "redeem-checked";
            if pg {
                pg::redeem(&db, code, checked)
            } else {
                sqlite::redeem(&db, code, checked)
            }
        }
        ("verify", []) => {
            let check = if pg {
                pg::verify(&db)?
            } else {
                sqlite::verify(&db)?
            };
            println!("{} rows, {} charges: ok", check.rows, check.charges);
            Ok(())
        }
        ("deduct", [period]) => {
            if pg {
                pg::deduct(&db, period)
            } else {
                sqlite::deduct(&db, period)
            }
        }
        _ => bail!("unknown floor {workload} {rest:?}"),
    }
}

/// The next row of the chain after (`id`, `hash`).
fn chained(mut row: Row, id: i64, hash: &str) -> (Row, String) {
    row.id = id + 1;
    row.actor = actor();
    row.created_at = NOW.to_string();
    row.prev_hash = hash.to_string();
    let hash = row.hash();
    (row, hash)
}

/// An hour before [`NOW`]: the window of the failed attempts a redemption counts.
const HOUR_BEFORE: &str = "2026-11-05T09:00:00Z";
/// [`NOW`]'s month as the ledger stores a period (`yyyymm`).
const PERIOD: i64 = 202611;

/// The database user, on PostgreSQL.
static SESSION_USER: std::sync::OnceLock<String> = std::sync::OnceLock::new();

/// The acting identity: the database user on PostgreSQL, [`ACTOR`] on SQLite.
fn actor() -> String {
    SESSION_USER
        .get()
        .cloned()
        .unwrap_or_else(|| ACTOR.to_string())
}

/// What a redemption reads before it writes, besides the site's balance and the voucher's
/// credits, when the floor makes the checks the SPEC's rules need (`redeem-checked`): whether
/// there are members (roles: with none, everyone acts as an operator), the site's model (a
/// voucher goes to a site of its type), the failed attempts of the hour (by the identity, on
/// the site), the voucher's state with its order's distributor (which the tool's output names)
/// and, unless the site's tally is of this month, the site's units (waiting ones would be
/// charged). The benchmark's ledger passes every check; a floor that fails one says so.
struct Checked {
    members: i64,
    model: String,
    /// Failed attempts (by the identity, on the site).
    failed: (i64, i64),
    /// Type, redeemed at, cancelled at, expires at, distributor.
    voucher: (String, Option<String>, Option<String>, String, String),
    units: i64,
}

impl Checked {
    fn hold(&self, code: &str) -> Result<()> {
        let (kind, redeemed, cancelled, expires, distributor) = &self.voucher;
        ensure!(self.members == 0, "the ledger has members");
        ensure!(
            self.failed.0 < 10 && self.failed.1 < 10,
            "too many failed attempts"
        );
        ensure!(
            (kind == &self.model || kind == "sms")
                && redeemed.is_none()
                && cancelled.is_none()
                && expires.as_str() > NOW,
            "voucher {code} (of {distributor}) is not redeemable into the site"
        );
        ensure!(self.units == 0, "the site has units");
        Ok(())
    }
}

/// A redemption's ledger row, as `vouchers::redeem` posts it, before chaining.
fn voucher_row(site_id: i64, credits: i64, balance_after: i64, name: &str, code: &str) -> Row {
    Entry {
        site_id,
        pool: Pool::Video,
        amount: credits,
        kind: kind::VOUCHER,
        reason: &format!("voucher '{name}'"),
        reference: &format!("voucher:{code}"),
        payload: Payload::default(),
    }
    .row(balance_after)
}

/// `n` fresh random codes, drawn as the tool draws them.
fn codes(n: i64) -> Result<Vec<String>> {
    Ok(fresh_codes(&mut OsEntropy, n as usize)
        .map_err(|e| anyhow::anyhow!("{e}"))?
        .iter()
        .map(Code::canonical)
        .collect())
}

/// The columns of `verify::VOUCHER_DIGEST` for one fixture-shaped voucher.
fn digest_voucher(d: &mut RowDigest, id: i64, code: &str, order_id: i64) {
    d.int(id)
        .text(code)
        .int(order_id)
        .text("Bench")
        .text("device")
        .opt_int(Some(1))
        .opt_int(Some(10))
        .int(120)
        .int(0)
        .int(24_000)
        .text("EUR")
        .text(NOW)
        .text(EXPIRES_AT)
        .end_row();
}

/// The order's ledger row after the head `(id, hash)`, and its hash.
fn order_row(
    payment: PaymentFact,
    order_id: i64,
    vouchers: RowDigest,
    (id, hash): (i64, String),
) -> (Row, String) {
    let description = payment.description.clone();
    let payload = order_payload(payment, order_id, vouchers);
    let row = Row::event(
        kind::ORDER,
        &description,
        &format!("order:{order_id}"),
        &payload,
    );
    chained(row, id, &hash)
}

fn order_payload(payment: PaymentFact, order_id: i64, vouchers: RowDigest) -> Payload {
    Payload {
        order: Some(OrderFact {
            id: order_id,
            distributor_id: payment.distributor_id.unwrap_or_default(),
            payment_id: payment.id,
            created_at: NOW.to_string(),
            vouchers: vouchers.finish(),
        }),
        payment: Some(payment),
        ..Payload::default()
    }
}

fn payment_fact(id: i64, n: i64, distributor_id: i64) -> PaymentFact {
    PaymentFact {
        id,
        kind: "voucher_order".into(),
        method: "invoice".into(),
        amount_minor: 24_000 * n,
        currency: "EUR".into(),
        distributor_id: Some(distributor_id),
        site_id: None,
        description: format!("{n} × voucher 'Bench'"),
        actor: actor(),
        created_at: NOW.to_string(),
    }
}

/// A site's charge for `period`: its ledger row as `deduct run` posts it, before chaining.
fn charge_row(site_id: i64, balance: i64, units: &[i64], period: Period) -> Row {
    let (reason, reference) = (charge_reason(period, units.len()), charge_reference(period));
    charge_entry(site_id, units, &reason, &reference).row(balance - units.len() as i64)
}

/// A site's stored tally: (period, units, paid).
type Tally = (i64, i64, i64);

/// One unit billable for the period, as the floors read them (ordered by site, unit).
struct UnitRow {
    site: i64,
    balance: i64,
    /// The site's stored tally.
    tally: Option<Tally>,
    unit: i64,
    paid: bool,
}

/// One site's deduction: the oldest unpaid units its balance covers, and its new tally.
struct SitePlan<'a> {
    site: i64,
    balance: i64,
    charged: &'a [i64],
    /// The tally to store, when it changed.
    tally: Option<Tally>,
}

/// Groups the rows into each site's plan for period `number`.
fn plan(
    rows: impl Iterator<Item = UnitRow>,
    number: i64,
    mut each: impl FnMut(SitePlan) -> Result<()>,
) -> Result<()> {
    let mut rows = rows.peekable();
    let mut due: Vec<i64> = Vec::new();
    while let Some(first) = rows.next() {
        due.clear();
        let (mut units, mut paid) = (0, 0);
        let mut add = |r: &UnitRow| {
            units += 1;
            if r.paid {
                paid += 1;
            } else {
                due.push(r.unit);
            }
        };
        add(&first);
        while let Some(r) = rows.next_if(|r| r.site == first.site) {
            add(&r);
        }
        let charge = due.len().min(first.balance.max(0) as usize);
        let tally = (number, units, paid + charge as i64);
        each(SitePlan {
            site: first.site,
            balance: first.balance,
            charged: &due[..charge],
            tally: (first.tally != Some(tally)).then_some(tally),
        })?;
    }
    Ok(())
}

/// Every billable unit of period `?1` (`$1`; units added before `?2`, the period's end) with its
/// site and whether it is paid for the period.
const UNITS_SQL: &str =
    "SELECT u.site_id, s.video_balance, s.tally_period, s.tally_units, s.tally_paid, u.id,
        EXISTS (SELECT 1 FROM charge c WHERE c.period = ?1 AND c.unit_id = u.id)
    FROM unit u JOIN site s ON s.id = u.site_id
    WHERE u.removed_at IS NULL AND u.added_at < ?2
    ORDER BY u.site_id, u.id";

fn tally(period: Option<i64>, units: Option<i64>, paid: Option<i64>) -> Option<Tally> {
    Some((period?, units?, paid?))
}

/// The period a floor is given, `YYYY-MM`.
fn parse_period(period: &str) -> Result<Period> {
    period.parse().map_err(|e| anyhow::anyhow!("{e}"))
}

/// The first instant after `period`, as the ledger stores times.
fn period_end(period: Period) -> String {
    creditctl::store::fmt_time(period.end())
}

/// The running balance of every (site, pool), and the latest period charged to the site with
/// the units charged in it, in a vector indexed by site id (sites are numbered from 1 densely in
/// every ledger the benchmark builds): `[video, sms, latest period charged, units in it]`.
#[derive(Default)]
struct Balances(Vec<[i64; 4]>);

impl Balances {
    fn slot(&mut self, site: i64) -> Result<&mut [i64; 4]> {
        let i = usize::try_from(site)?;
        if self.0.len() <= i {
            self.0.resize(i + 1, [0; 4]);
        }
        Ok(&mut self.0[i])
    }

    fn add(&mut self, site: i64, pool: &str, amount: i64) -> Result<i64> {
        let slot = &mut self.slot(site)?[usize::from(pool == "sms")];
        *slot += amount;
        Ok(*slot)
    }

    fn get(&self, site: i64, pool: usize) -> i64 {
        self.0.get(site as usize).map_or(0, |b| b[pool])
    }

    fn charged(&mut self, site: i64, period: i64, units: usize) -> Result<()> {
        let slot = self.slot(site)?;
        if period > slot[2] {
            (slot[2], slot[3]) = (period, 0);
        }
        if period == slot[2] {
            slot[3] += units as i64;
        }
        Ok(())
    }

    /// Whether the site's tally holds against the chain, as `ledger verify` checks it: the
    /// units charged in a period before the latest one are counted by `count` (in the charge
    /// table, checked against the chain by then).
    fn tally_holds(
        &self,
        site: i64,
        tally: (Option<i64>, Option<i64>, Option<i64>),
        count: impl FnOnce(i64) -> Result<i64>,
    ) -> Result<bool> {
        let (Some(period), Some(units), Some(paid)) = tally else {
            return Ok(true);
        };
        let charged = match self.get(site, 2) {
            latest if period == latest => self.get(site, 3),
            latest if period > latest => 0,
            _ => count(period)?,
        };
        Ok([units, paid, charged].iter().all(|n| *n >= 0)
            && tally_holds(units as u64, paid as u64, charged as u64))
    }
}

/// The units charged for period `?1` (`$1`), in no order (a second column, for [`ReadPairs`]).
const TALLY_CHARGED_SQL: &str = "SELECT unit_id, CAST(0 AS BIGINT) FROM charge WHERE period = ?1";

/// The billable units of the period ending `?1` (`$1`; units added before it): site and unit, in
/// no order (what a tally is counted from).
const TALLY_UNITS_SQL: &str =
    "SELECT site_id, id FROM unit WHERE removed_at IS NULL AND added_at < ?1";

/// How a floor reads a statement's rows of two integers: `read(sql, parameters, each)`.
type ReadPairs<'a> =
    dyn FnMut(&str, Param, &mut dyn FnMut(i64, i64) -> Result<()>) -> Result<()> + 'a;

/// The one parameter of a tally statement.
enum Param<'a> {
    Int(i64),
    Text(&'a str),
}

/// The stored tallies, by site id, to be compared with a count of the sites' units for each
/// tally's period, as `ledger verify` compares them.
#[derive(Default)]
struct Tallies(Vec<Option<Tally>>);

impl Tallies {
    fn keep(&mut self, site: i64, stored: (Option<i64>, Option<i64>, Option<i64>)) -> Result<()> {
        let i = usize::try_from(site)?;
        if self.0.len() <= i {
            self.0.resize(i + 1, None);
        }
        self.0[i] = tally(stored.0, stored.1, stored.2);
        Ok(())
    }

    /// For each period of a tally: marks the units charged for it, counts the units due in it
    /// (both read with `read`, each statement a scan), and compares every tally of the period
    /// with its site's count.
    fn check(&self, read: &mut ReadPairs) -> Result<()> {
        let periods: std::collections::BTreeSet<i64> =
            self.0.iter().flatten().map(|t| t.0).collect();
        for period in periods {
            let month = Period::from_number(period).context("a tally's period is not a month")?;
            let mut charged = Vec::<bool>::new();
            read(TALLY_CHARGED_SQL, Param::Int(period), &mut |unit, _| {
                let i = usize::try_from(unit)?;
                if charged.len() <= i {
                    charged.resize(i + 1, false);
                }
                charged[i] = true;
                Ok(())
            })?;
            let mut counts = vec![(0i64, 0i64); self.0.len()];
            let end = period_end(month);
            read(TALLY_UNITS_SQL, Param::Text(&end), &mut |site, unit| {
                let i = usize::try_from(site)?;
                if self
                    .0
                    .get(i)
                    .copied()
                    .flatten()
                    .is_some_and(|t| t.0 == period)
                {
                    counts[i].0 += 1;
                    let paid = usize::try_from(unit).ok().and_then(|u| charged.get(u));
                    counts[i].1 += i64::from(paid == Some(&true));
                }
                Ok(())
            })?;
            for (site, tally) in self.0.iter().enumerate() {
                if let Some((p, units, paid)) = *tally {
                    ensure!(
                        p != period || counts[site] == (units, paid),
                        "site {site}'s tally differs from its units"
                    );
                }
            }
        }
        Ok(())
    }
}

/// The units charged to a site for a period, in the charge table.
const CHARGED_IN: &str = "SELECT count(*) FROM ledger l CROSS JOIN charge c WHERE c.ledger_id = l.id AND l.site_id = $1 AND c.period = $2";

/// A charge row as the verify floors read it: (ledger id, unit, period number).
type Charge = (i64, i64, i64);

/// What the verify floor checks of one ledger row, as `ledger verify` does: it follows the one
/// before, its hash holds, its balance is the running sum, and a monthly charge's units are
/// exactly the charge rows that point at it, each for the row's period, as many as the credits
/// it debits. `charges` yields the (ledger id, unit, period) rows in order.
struct ChainCheck {
    prev_id: i64,
    prev_hash: String,
    balances: Balances,
    rows: i64,
    charges: i64,
}

impl ChainCheck {
    fn new() -> ChainCheck {
        ChainCheck {
            prev_id: 0,
            prev_hash: GENESIS.to_string(),
            balances: Balances::default(),
            rows: 0,
            charges: 0,
        }
    }

    fn row(
        &mut self,
        row: RowRef,
        hash: &str,
        next_charge: &mut dyn FnMut() -> Result<Option<Charge>>,
    ) -> Result<()> {
        ensure!(row.id == self.prev_id + 1, "row {} is not next", row.id);
        ensure!(
            row.prev_hash == self.prev_hash,
            "row {} does not chain",
            row.id
        );
        ensure!(
            row.hashes_to(hash),
            "row {} does not match its hash",
            row.id
        );
        let payload = Payload::decode(row.payload).map_err(|e| anyhow::anyhow!("{e}"))?;
        if let (Some(site), Some(pool), Some(after)) = (row.site_id, row.pool, row.balance_after) {
            let sum = self.balances.add(site, pool, row.amount)?;
            ensure!(
                sum == after && sum >= 0,
                "row {}: balance {after} but sum {sum}",
                row.id
            );
        }
        if row.kind == kind::CHARGE {
            let period = row
                .reference
                .strip_prefix("period:")
                .and_then(|p| p.parse::<Period>().ok())
                .map(Period::number);
            let units = payload.units.as_deref().unwrap_or_default();
            ensure!(
                units.len() as i64 == -row.amount,
                "row {}: it debits {} credits for {} units",
                row.id,
                -row.amount,
                units.len()
            );
            for unit in units {
                let charge = next_charge()?;
                ensure!(
                    charge.map(|(l, u, p)| (l, u, Some(p))) == Some((row.id, *unit, period)),
                    "row {}: charge rows differ from its units and period",
                    row.id
                );
                self.charges += 1;
            }
            if let (Some(site), Some(period)) = (row.site_id, period) {
                self.balances.charged(site, period, units.len())?;
            }
        }
        self.prev_id = row.id;
        self.prev_hash.clear();
        self.prev_hash.push_str(hash);
        self.rows += 1;
        Ok(())
    }
}
