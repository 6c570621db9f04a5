//! The floors: this program, run as a process of its own (`scale --floor WORKLOAD ARGS`, the
//! ledger in `$CREDITCTL_DB`), makes the same logical changes as the tool's command with the
//! least a bare client can do: one connection with the store's own settings, one transaction,
//! prepared statements (SQLite) or COPY (PostgreSQL), and the same hash chain (the ledger rows
//! are hashed with the domain's own `Row::hash`, so the head hashes match the tool's).

use super::fixtures::{EXPIRES_AT, PERIOD_END};
use super::measure::{ACTOR, NOW};
use anyhow::{Context, Result, bail, ensure};
use creditctl::domain::billing::tally_holds;
use creditctl::domain::chain::{OrderFact, Payload, PaymentFact, Row, RowDigest, RowRef, kind};
use creditctl::domain::code::Code;
use creditctl::domain::period::Period;
use creditctl::store::billing::{charge_entry, charge_reason, charge_reference};
use creditctl::store::ledger::{Entry, GENESIS, Pool};
use creditctl::store::vouchers::{OsEntropy, fresh_codes};
use rusqlite::{Connection, TransactionBehavior, params};
use std::io::Write;

/// The hidden first argument of floor mode.
pub const FLOOR: &str = "--floor";

pub fn main(mut args: impl Iterator<Item = String>) -> Result<()> {
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
        ("redeem", [code]) => {
            if pg {
                pg::redeem(&db, code)
            } else {
                sqlite::redeem(&db, code)
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

/// The database user, on PostgreSQL.
static SESSION_USER: std::sync::OnceLock<String> = std::sync::OnceLock::new();

/// The acting identity: the database user on PostgreSQL, [`ACTOR`] on SQLite.
fn actor() -> String {
    SESSION_USER
        .get()
        .cloned()
        .unwrap_or_else(|| ACTOR.to_string())
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

/// Every billable unit of the period ending [`PERIOD_END`] with its site and whether it is paid
/// for period `?1` (`$1`).
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

mod sqlite {
    use super::*;

    fn open(db: &str) -> Result<Connection> {
        let conn = Connection::open(db)?;
        creditctl::store::sqlite::apply_write_settings(&conn)?;
        Ok(conn)
    }

    fn head(tx: &Connection) -> Result<(i64, String)> {
        Ok(tx
            .query_row(
                "SELECT id, hash FROM ledger ORDER BY id DESC LIMIT 1",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .or_else(|e| match e {
                rusqlite::Error::QueryReturnedNoRows => Ok((0, GENESIS.to_string())),
                e => Err(e),
            })?)
    }

    fn insert_row(tx: &Connection, row: &Row, hash: &str) -> Result<()> {
        tx.prepare_cached(
            "INSERT INTO ledger (id, site_id, pool, amount, balance_after, kind, reason, reference, actor, created_at, payload, prev_hash, hash)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
        )?
        .execute(params![
            row.id,
            row.site_id,
            row.pool,
            row.amount,
            row.balance_after,
            row.kind,
            row.reason,
            row.reference,
            row.actor,
            row.created_at,
            row.payload,
            row.prev_hash,
            hash
        ])?;
        Ok(())
    }

    pub fn create(db: &str, n: i64) -> Result<()> {
        let mut conn = open(db)?;
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let distributor: i64 =
            tx.query_row("SELECT id FROM distributor WHERE name = 'Acme'", [], |r| {
                r.get(0)
            })?;
        let payment = payment_fact(0, n, distributor);
        tx.execute(
            "INSERT INTO payment (kind, method, amount_minor, currency, distributor_id, site_id, description, actor, created_at)
             VALUES ('voucher_order', 'invoice', ?1, 'EUR', ?2, NULL, ?3, ?4, ?5)",
            params![payment.amount_minor, distributor, payment.description, payment.actor, NOW],
        )?;
        let payment = PaymentFact {
            id: tx.last_insert_rowid(),
            ..payment
        };
        tx.execute(
            "INSERT INTO voucher_order (distributor_id, payment_id, created_at) VALUES (?1, ?2, ?3)",
            params![distributor, payment.id, NOW],
        )?;
        let order_id = tx.last_insert_rowid();
        let mut out = std::io::BufWriter::new(std::io::stdout().lock());
        let mut digest = RowDigest::new();
        let first: i64 = tx.query_row("SELECT coalesce(max(id), 0) + 1 FROM voucher", [], |r| {
            r.get(0)
        })?;
        let codes = codes(n)?;
        // As many rows a statement as the tool sends; the columns every voucher shares are
        // bound once per statement.
        const ROWS: usize = 256;
        for (k, chunk) in codes.chunks(ROWS).enumerate() {
            let values: Vec<String> = (0..chunk.len())
                .map(|i| {
                    format!(
                        "(?{}, ?{}, ?1, 'Bench', 'device', 1, 10, 120, 0, 24000, 'EUR', ?2, ?3)",
                        4 + 2 * i,
                        5 + 2 * i
                    )
                })
                .collect();
            let mut insert = tx.prepare_cached(&format!(
                "INSERT INTO voucher (id, code, order_id, name, type, years, subscriptions, credits, messages, value_minor, currency, created_at, expires_at) VALUES {}",
                values.join(", ")
            ))?;
            insert.raw_bind_parameter(1, order_id)?;
            insert.raw_bind_parameter(2, NOW)?;
            insert.raw_bind_parameter(3, EXPIRES_AT)?;
            for (i, code) in chunk.iter().enumerate() {
                let id = first + (k * ROWS + i) as i64;
                insert.raw_bind_parameter(4 + 2 * i, id)?;
                insert.raw_bind_parameter(5 + 2 * i, code)?;
                digest_voucher(&mut digest, id, code, order_id);
                writeln!(out, "{code}")?;
            }
            insert.raw_execute()?;
        }
        let (row, hash) = order_row(payment, order_id, digest, head(&tx)?);
        insert_row(&tx, &row, &hash)?;
        tx.commit()?;
        out.flush()?;
        Ok(())
    }

    pub fn redeem(db: &str, code: &str) -> Result<()> {
        let mut conn = open(db)?;
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let (site_id, balance): (i64, i64) = tx.query_row(
            "SELECT id, video_balance FROM site WHERE name = 'Office'",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        let (name, credits): (String, i64) = tx.query_row(
            "SELECT name, credits FROM voucher WHERE code = ?1 AND redeemed_at IS NULL AND cancelled_at IS NULL AND expires_at > ?2",
            params![code, NOW],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        let marked = tx.execute(
            "UPDATE voucher SET redeemed_at = ?2, redeemed_by = ?3, site_id = ?4 WHERE code = ?1 AND redeemed_at IS NULL",
            params![code, NOW, actor(), site_id],
        )?;
        ensure!(marked == 1, "voucher {code} not redeemable");
        tx.execute(
            "UPDATE site SET video_balance = ?1 WHERE id = ?2",
            params![balance + credits, site_id],
        )?;
        let (id, hash) = head(&tx)?;
        let (row, hash) = chained(
            voucher_row(site_id, credits, balance + credits, &name, code),
            id,
            &hash,
        );
        insert_row(&tx, &row, &hash)?;
        tx.commit()?;
        println!("redeemed {code}");
        Ok(())
    }

    pub fn verify(db: &str) -> Result<ChainCheck> {
        let mut conn = Connection::open_with_flags(
            db,
            rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY | rusqlite::OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        let tx = conn.transaction()?;
        // The store checks the file first, as `ledger verify` does.
        let integrity: String = tx.query_row("PRAGMA integrity_check(1)", [], |r| r.get(0))?;
        ensure!(integrity == "ok", "integrity_check: {integrity}");
        let mut check = ChainCheck::new();
        let mut charges = tx
            .prepare("SELECT ledger_id, unit_id, period FROM charge ORDER BY ledger_id, unit_id")?;
        let mut charges = charges.query([])?;
        let mut next_charge = || -> Result<Option<Charge>> {
            Ok(match charges.next()? {
                Some(r) => Some((r.get(0)?, r.get(1)?, r.get(2)?)),
                None => None,
            })
        };
        let mut ledger = tx.prepare(
            "SELECT id, site_id, pool, amount, balance_after, kind, reason, reference, actor, created_at, payload, prev_hash, hash FROM ledger ORDER BY id",
        )?;
        let mut rows = ledger.query([])?;
        while let Some(r) = rows.next()? {
            let text = |i: usize| -> Result<&str> { Ok(r.get_ref(i)?.as_str()?) };
            let row = RowRef {
                id: r.get(0)?,
                site_id: r.get(1)?,
                pool: r.get_ref(2)?.as_str_or_null()?,
                amount: r.get(3)?,
                balance_after: r.get(4)?,
                kind: text(5)?,
                reason: text(6)?,
                reference: text(7)?,
                actor: text(8)?,
                created_at: text(9)?,
                payload: text(10)?,
                prev_hash: text(11)?,
            };
            check.row(row, text(12)?, &mut next_charge)?;
        }
        ensure!(
            next_charge()?.is_none(),
            "a charge row points past the chain"
        );
        let mut sites = tx.prepare(
            "SELECT id, video_balance, sms_balance, tally_period, tally_units, tally_paid FROM site ORDER BY id",
        )?;
        let mut sites = sites.query([])?;
        while let Some(r) = sites.next()? {
            let id: i64 = r.get(0)?;
            ensure!(
                check.balances.get(id, 0) == r.get::<_, i64>(1)?
                    && check.balances.get(id, 1) == r.get::<_, i64>(2)?,
                "site {id}'s balances differ from its rows"
            );
            let holds = check
                .balances
                .tally_holds(id, (r.get(3)?, r.get(4)?, r.get(5)?), |p| {
                    let sql = CHARGED_IN.replace('$', "?");
                    Ok(tx
                        .prepare_cached(&sql)?
                        .query_row(params![id, p], |r| r.get(0))?)
                })?;
            ensure!(
                holds,
                "site {id}'s tally counts more paid units than were charged"
            );
        }
        Ok(check)
    }

    pub fn deduct(db: &str, period: &str) -> Result<()> {
        let period = parse_period(period)?;
        let number = period.number();
        let mut conn = open(db)?;
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let (mut id, mut hash) = head(&tx)?;
        // The sites first (a short table), then the units along the index that covers them,
        // each with whether it is paid: no lookup of its site per unit.
        let mut sites_sql = tx.prepare(
            "SELECT id, video_balance, tally_period, tally_units, tally_paid FROM site ORDER BY id",
        )?;
        let sites: std::collections::HashMap<i64, (i64, Option<Tally>)> = sites_sql
            .query_map([], |r| {
                Ok((
                    r.get(0)?,
                    (r.get(1)?, tally(r.get(2)?, r.get(3)?, r.get(4)?)),
                ))
            })?
            .collect::<Result<_, _>>()?;
        drop(sites_sql);
        let mut units = tx.prepare(
            "SELECT u.site_id, u.id, EXISTS (SELECT 1 FROM charge c WHERE c.period = ?1 AND c.unit_id = u.id)
             FROM unit u WHERE u.removed_at IS NULL AND u.added_at < ?2 ORDER BY u.site_id, u.id",
        )?;
        let rows: Vec<UnitRow> = units
            .query_map(params![number, PERIOD_END], |r| {
                let site: i64 = r.get(0)?;
                let (balance, tally) = sites.get(&site).copied().unwrap_or_default();
                Ok(UnitRow {
                    site,
                    balance,
                    tally,
                    unit: r.get(1)?,
                    paid: r.get(2)?,
                })
            })?
            .collect::<Result<_, _>>()?;
        drop(units);
        let mut sites = 0;
        // The charges go out as many rows a statement as the tool sends.
        const ROWS: usize = 256;
        let mut waiting: Vec<(i64, i64)> = Vec::with_capacity(ROWS);
        let flush = |waiting: &mut Vec<(i64, i64)>| -> Result<()> {
            if waiting.is_empty() {
                return Ok(());
            }
            let values = vec!["(?1, ?, ?)"; waiting.len()].join(", ");
            let mut charge = tx.prepare_cached(&format!(
                "INSERT INTO charge (period, unit_id, ledger_id) VALUES {values}"
            ))?;
            charge.raw_bind_parameter(1, number)?;
            for (i, (unit, ledger)) in waiting.iter().enumerate() {
                charge.raw_bind_parameter(2 + 2 * i, unit)?;
                charge.raw_bind_parameter(3 + 2 * i, ledger)?;
            }
            charge.raw_execute()?;
            waiting.clear();
            Ok(())
        };
        plan(rows.into_iter(), number, |p| {
            let mut after = p.balance;
            if !p.charged.is_empty() {
                let (row, next) =
                    chained(charge_row(p.site, p.balance, p.charged, period), id, &hash);
                insert_row(&tx, &row, &next)?;
                for unit in p.charged {
                    waiting.push((*unit, row.id));
                    if waiting.len() == ROWS {
                        flush(&mut waiting)?;
                    }
                }
                (id, hash) = (row.id, next);
                after = row.balance_after.unwrap_or(p.balance);
                sites += 1;
            }
            if let Some((period, units, paid)) = p.tally {
                tx.prepare_cached(
                    "UPDATE site SET video_balance = ?1, tally_period = ?2, tally_units = ?3, tally_paid = ?4 WHERE id = ?5",
                )?
                .execute(params![after, period, units, paid, p.site])?;
            }
            Ok(())
        })?;
        flush(&mut waiting)?;
        tx.commit()?;
        println!("charged {sites} sites");
        Ok(())
    }
}

mod pg {
    use super::*;
    use postgres::{Client, NoTls};

    fn connect(url: &str) -> Result<Client> {
        let mut client = Client::connect(url, NoTls)?;
        let user: String = client.query_one("SELECT session_user::text", &[])?.get(0);
        let _ = SESSION_USER.set(user);
        Ok(client)
    }

    fn head(tx: &mut postgres::Transaction) -> Result<(i64, String)> {
        Ok(
            match tx.query_opt("SELECT id, hash FROM ledger ORDER BY id DESC LIMIT 1", &[])? {
                Some(r) => (r.get(0), r.get(1)),
                None => (0, GENESIS.to_string()),
            },
        )
    }

    /// A COPY text field: `\N` for NULL, the specials escaped.
    fn field(out: &mut String, v: Option<&str>) {
        match v {
            None => out.push_str("\\N"),
            Some(s) => {
                for c in s.chars() {
                    match c {
                        '\\' => out.push_str("\\\\"),
                        '\t' => out.push_str("\\t"),
                        '\n' => out.push_str("\\n"),
                        '\r' => out.push_str("\\r"),
                        c => out.push(c),
                    }
                }
            }
        }
    }

    fn copy_line(out: &mut String, fields: &[Option<&str>]) {
        for (i, f) in fields.iter().enumerate() {
            if i > 0 {
                out.push('\t');
            }
            field(out, *f);
        }
        out.push('\n');
    }

    fn ledger_line(out: &mut String, row: &Row, hash: &str) {
        let (id, amount) = (row.id.to_string(), row.amount.to_string());
        let site = row.site_id.map(|s| s.to_string());
        let after = row.balance_after.map(|b| b.to_string());
        copy_line(
            out,
            &[
                Some(&id),
                site.as_deref(),
                row.pool.as_deref(),
                Some(&amount),
                after.as_deref(),
                Some(&row.kind),
                Some(&row.reason),
                Some(&row.reference),
                Some(&row.actor),
                Some(&row.created_at),
                Some(&row.payload),
                Some(&row.prev_hash),
                Some(hash),
            ],
        );
    }

    const LEDGER_COPY: &str = "COPY ledger (id, site_id, pool, amount, balance_after, kind, reason, reference, actor, created_at, payload, prev_hash, hash) FROM STDIN";

    fn copy(tx: &mut postgres::Transaction, sql: &str, data: &str) -> Result<()> {
        let mut w = tx.copy_in(sql)?;
        w.write_all(data.as_bytes())?;
        w.finish()?;
        Ok(())
    }

    pub fn create(url: &str, n: i64) -> Result<()> {
        let mut client = connect(url)?;
        let mut tx = client.transaction()?;
        tx.batch_execute("LOCK TABLE ledger IN EXCLUSIVE MODE")?;
        let distributor: i64 = tx
            .query_one("SELECT id FROM distributor WHERE name = 'Acme'", &[])?
            .get(0);
        let payment = payment_fact(0, n, distributor);
        let payment_id: i64 = tx
            .query_one(
                "INSERT INTO payment (id, kind, method, amount_minor, currency, distributor_id, site_id, description, actor, created_at)
                 VALUES ((SELECT coalesce(max(id), 0) + 1 FROM payment), 'voucher_order', 'invoice', $1, 'EUR', $2, NULL, $3, $4, $5) RETURNING id",
                &[&payment.amount_minor, &distributor, &payment.description, &payment.actor, &NOW],
            )?
            .get(0);
        let payment = PaymentFact {
            id: payment_id,
            ..payment
        };
        let order_id: i64 = tx
            .query_one(
                "INSERT INTO voucher_order (id, distributor_id, payment_id, created_at)
                 VALUES ((SELECT coalesce(max(id), 0) + 1 FROM voucher_order), $1, $2, $3) RETURNING id",
                &[&distributor, &payment_id, &NOW],
            )?
            .get(0);
        let first: i64 = tx
            .query_one("SELECT coalesce(max(id), 0) + 1 FROM voucher", &[])?
            .get(0);
        let mut out = std::io::BufWriter::new(std::io::stdout().lock());
        let mut digest = RowDigest::new();
        let mut data = String::new();
        let order = order_id.to_string();
        for (i, code) in codes(n)?.iter().enumerate() {
            let id = first + i as i64;
            digest_voucher(&mut digest, id, code, order_id);
            writeln!(out, "{code}")?;
            let id = id.to_string();
            copy_line(
                &mut data,
                &[
                    Some(&id),
                    Some(code),
                    Some(&order),
                    Some(NOW),
                    Some(EXPIRES_AT),
                ],
            );
        }
        tx.batch_execute(
            "CREATE TEMP TABLE floor_voucher (id bigint, code text, order_id bigint, created_at text, expires_at text) ON COMMIT DROP",
        )?;
        copy(&mut tx, "COPY floor_voucher FROM STDIN", &data)?;
        tx.execute(
            "INSERT INTO voucher (id, code, order_id, name, type, years, subscriptions, credits, messages, value_minor, currency, created_at, expires_at)
             SELECT id, code, order_id, 'Bench', 'device', 1, 10, 120, 0, 24000, 'EUR', created_at, expires_at FROM floor_voucher ORDER BY id",
            &[],
        )?;
        let (row, hash) = order_row(payment, order_id, digest, head(&mut tx)?);
        let mut line = String::new();
        ledger_line(&mut line, &row, &hash);
        copy(&mut tx, LEDGER_COPY, &line)?;
        tx.commit()?;
        out.flush()?;
        Ok(())
    }

    pub fn redeem(url: &str, code: &str) -> Result<()> {
        let mut client = connect(url)?;
        let mut tx = client.transaction()?;
        tx.batch_execute("LOCK TABLE ledger IN EXCLUSIVE MODE")?;
        let site = tx.query_one(
            "SELECT id, video_balance FROM site WHERE name = 'Office' FOR UPDATE",
            &[],
        )?;
        let (site_id, balance): (i64, i64) = (site.get(0), site.get(1));
        let voucher = tx.query_one(
            "UPDATE voucher SET redeemed_at = $2, redeemed_by = session_user, site_id = $3
             WHERE code = $1 AND redeemed_at IS NULL AND cancelled_at IS NULL AND expires_at > $2
             RETURNING name, credits",
            &[&code, &NOW, &site_id],
        )?;
        let (name, credits): (String, i64) = (voucher.get(0), voucher.get(1));
        tx.execute(
            "UPDATE site SET video_balance = $1 WHERE id = $2",
            &[&(balance + credits), &site_id],
        )?;
        let (id, hash) = head(&mut tx)?;
        let (row, hash) = chained(
            voucher_row(site_id, credits, balance + credits, &name, code),
            id,
            &hash,
        );
        tx.execute(
            "INSERT INTO ledger (id, site_id, pool, amount, balance_after, kind, reason, reference, actor, created_at, payload, prev_hash, hash)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, '', $11, $12)",
            &[&row.id, &row.site_id, &row.pool, &row.amount, &row.balance_after, &row.kind, &row.reason, &row.reference, &row.actor, &row.created_at, &row.prev_hash, &hash],
        )?;
        tx.commit()?;
        println!("redeemed {code}");
        Ok(())
    }

    /// Two streams on one connection: each read through a portal, a batch at a time.
    pub fn verify(url: &str) -> Result<ChainCheck> {
        const BATCH: i32 = 4096;
        let mut client = connect(url)?;
        let mut tx = client
            .build_transaction()
            .isolation_level(postgres::IsolationLevel::RepeatableRead)
            .read_only(true)
            .start()?;
        let mut check = ChainCheck::new();
        let charge_portal = tx.bind(
            "SELECT ledger_id, unit_id, period FROM charge ORDER BY ledger_id, unit_id",
            &[],
        )?;
        let ledger_portal = tx.bind(
            "SELECT id, site_id, pool, amount, balance_after, kind, reason, reference, actor, created_at, payload, prev_hash, hash FROM ledger ORDER BY id",
            &[],
        )?;
        let mut charges: std::collections::VecDeque<Charge> = Default::default();
        let mut charges_done = false;
        loop {
            let rows = tx.query_portal(&ledger_portal, BATCH)?;
            if rows.is_empty() {
                break;
            }
            for r in &rows {
                let row = RowRef {
                    id: r.get(0),
                    site_id: r.get(1),
                    pool: r.get(2),
                    amount: r.get(3),
                    balance_after: r.get(4),
                    kind: r.get(5),
                    reason: r.get(6),
                    reference: r.get(7),
                    actor: r.get(8),
                    created_at: r.get(9),
                    payload: r.get(10),
                    prev_hash: r.get(11),
                };
                let mut next_charge = || -> Result<Option<Charge>> {
                    if charges.is_empty() && !charges_done {
                        let batch = tx.query_portal(&charge_portal, BATCH)?;
                        charges_done = batch.is_empty();
                        charges.extend(batch.iter().map(|c| (c.get(0), c.get(1), c.get(2))));
                    }
                    Ok(charges.pop_front())
                };
                check.row(row, r.get(12), &mut next_charge)?;
            }
        }
        let left = tx.query_portal(&charge_portal, 1)?;
        ensure!(
            charges.is_empty() && left.is_empty(),
            "a charge row points past the chain"
        );
        for r in tx.query(
            "SELECT id, video_balance, sms_balance, tally_period, tally_units, tally_paid FROM site ORDER BY id",
            &[],
        )? {
            let id: i64 = r.get(0);
            ensure!(
                check.balances.get(id, 0) == r.get::<_, i64>(1)
                    && check.balances.get(id, 1) == r.get::<_, i64>(2),
                "site {id}'s balances differ from its rows"
            );
            let holds = check
                .balances
                .tally_holds(id, (r.get(3), r.get(4), r.get(5)), |p| {
                    Ok(tx.query_one(CHARGED_IN, &[&id, &p])?.get(0))
                })?;
            ensure!(
                holds,
                "site {id}'s tally counts more paid units than were charged"
            );
        }
        Ok(check)
    }

    pub fn deduct(url: &str, period: &str) -> Result<()> {
        let period = parse_period(period)?;
        let number = period.number();
        let mut client = connect(url)?;
        let mut tx = client.transaction()?;
        tx.batch_execute("LOCK TABLE ledger IN EXCLUSIVE MODE")?;
        let (mut id, mut hash) = head(&mut tx)?;
        let rows: Vec<UnitRow> = tx
            .query(
                &UNITS_SQL.replace("?1", "$1").replace("?2", "$2"),
                &[&number, &PERIOD_END],
            )?
            .iter()
            .map(|r| UnitRow {
                site: r.get(0),
                balance: r.get(1),
                tally: tally(r.get(2), r.get(3), r.get(4)),
                unit: r.get(5),
                paid: r.get(6),
            })
            .collect();
        let (mut ledger, mut charges, mut sites) = (String::new(), String::new(), String::new());
        let period_text = number.to_string();
        plan(rows.into_iter(), number, |p| {
            let mut after = p.balance;
            if !p.charged.is_empty() {
                let (row, next) =
                    chained(charge_row(p.site, p.balance, p.charged, period), id, &hash);
                ledger_line(&mut ledger, &row, &next);
                let ledger_id = row.id.to_string();
                for unit in p.charged {
                    copy_line(
                        &mut charges,
                        &[
                            Some(&period_text),
                            Some(&unit.to_string()),
                            Some(&ledger_id),
                        ],
                    );
                }
                (id, hash) = (row.id, next);
                after = row.balance_after.unwrap_or(p.balance);
            }
            if let Some((_, units, paid)) = p.tally {
                let fields = [p.site, after, units, paid].map(|v| v.to_string());
                copy_line(&mut sites, &fields.each_ref().map(|f| Some(f.as_str())));
            }
            Ok(())
        })?;
        copy(&mut tx, LEDGER_COPY, &ledger)?;
        copy(
            &mut tx,
            "COPY charge (period, unit_id, ledger_id) FROM STDIN",
            &charges,
        )?;
        tx.batch_execute(
            "CREATE TEMP TABLE floor_site (id bigint, balance bigint, units bigint, paid bigint) ON COMMIT DROP",
        )?;
        copy(&mut tx, "COPY floor_site FROM STDIN", &sites)?;
        tx.execute(
            "UPDATE site SET video_balance = f.balance, tally_period = $1, tally_units = f.units, tally_paid = f.paid
             FROM floor_site f WHERE site.id = f.id",
            &[&number],
        )?;
        tx.commit()?;
        Ok(())
    }
}
