//! Charging units: when credits arrive, when a unit is added, and the monthly deduction.

use serde::Serialize;

use super::accounts::Site;
use super::ledger::{Entry, LedgerWriter, Pool};
use super::sql::{Engine, Tx, Value, exec_batched, values_list};
use super::{Stamp, Store};
use crate::args;
use crate::domain::billing::{self, SiteStatus};
use crate::domain::chain::{Payload, kind};
use crate::domain::forecast::{self, Outlook};
use crate::domain::period::Period;
use crate::error::Result;

/// Sites per transaction in `deduct run`: small enough that a kill loses little work and other
/// commands wait briefly, large enough that commits do not dominate.
pub const DEDUCT_CHUNK: i64 = 2_000;

/// The billable units of sites `?1 <= site_id < ?2` for the period ending `?4` (added before its
/// end, not removed), oldest first per site, each with 1 when it is already charged for period
/// `?3`. The one definition of "a unit due for a period", in two spellings of the charge lookup
/// (see [`units_of_period_sql`]).
macro_rules! units_of_period {
    ($charged:literal) => {
        concat!(
            "SELECT u.site_id, u.id, ",
            $charged,
            "
    FROM unit u
    WHERE u.site_id >= ?1 AND u.site_id < ?2 AND u.removed_at IS NULL AND u.added_at < ?4
    ORDER BY u.site_id, u.id"
        )
    };
}

/// [`units_of_period!`] for the engine. PostgreSQL may run an `EXISTS` as a hashed subplan that
/// reads every charge of the period, and does in `deduct run`, whose prepared statement is
/// reused for every chunk while the period's charges grow: a run on 100k sites went quadratic.
/// A correlated count (0 or 1: (period, unit) is the key) is looked up per unit there. SQLite
/// probes the key either way but runs the count's aggregate slower, so it keeps `EXISTS`.
fn units_of_period_sql(engine: Engine) -> &'static str {
    match engine {
        Engine::Sqlite => units_of_period!(
            "CASE WHEN EXISTS (SELECT 1 FROM charge c WHERE c.period = ?3 AND c.unit_id = u.id) THEN 1 ELSE 0 END"
        ),
        Engine::Postgres => {
            units_of_period!(
                "(SELECT count(*) FROM charge c WHERE c.period = ?3 AND c.unit_id = u.id)"
            )
        }
    }
}

/// One site's billable units for the period: how many are paid, and the unpaid ones oldest first.
#[derive(Debug, Default)]
pub struct SiteUnits {
    pub site_id: i64,
    pub name: String,
    pub balance: i64,
    pub paid: u64,
    pub due: Vec<i64>,
}

/// The units of sites `lo <= id < hi` for `period`, per site in id order (sites without units
/// too), with their video balances.
pub fn units_of_period(
    tx: &mut dyn Tx,
    lo: i64,
    hi: i64,
    period: Period,
) -> Result<Vec<SiteUnits>> {
    let mut sites = tx.all(
        "SELECT id, video_balance, name FROM site WHERE id >= ?1 AND id < ?2 ORDER BY id",
        args![lo, hi],
        |r| {
            Ok(SiteUnits {
                site_id: r.int(0)?,
                balance: r.int(1)?,
                name: r.text(2)?,
                ..SiteUnits::default()
            })
        },
    )?;
    let mut at = 0;
    let sql = units_of_period_sql(tx.engine());
    tx.each(
        sql,
        args![lo, hi, period.to_string(), super::fmt_time(period.end())],
        &mut |r| {
            let (site_id, unit_id, paid) = (r.int(0)?, r.int(1)?, r.bool(2)?);
            while sites.get(at).is_some_and(|s| s.site_id < site_id) {
                at += 1;
            }
            if let Some(site) = sites.get_mut(at).filter(|s| s.site_id == site_id) {
                if paid {
                    site.paid += 1;
                } else {
                    site.due.push(unit_id);
                }
            }
            Ok(())
        },
    )?;
    Ok(sites)
}

/// One site's units for `period`.
pub fn site_units(tx: &mut dyn Tx, site_id: i64, period: Period) -> Result<SiteUnits> {
    Ok(units_of_period(tx, site_id, site_id + 1, period)?
        .pop()
        .unwrap_or_default())
}

/// Charges the site's waiting units for `period`, oldest first, as far as its balance allows.
/// Returns how many were charged. Runs inside the caller's write transaction.
pub fn charge_waiting(
    tx: &mut dyn Tx,
    ledger: &mut LedgerWriter,
    site_id: i64,
    period: Period,
) -> Result<u64> {
    let site = site_units(tx, site_id, period)?;
    let plan = billing::plan_site(site.balance.max(0) as u64, site.paid, site.due.len() as u64);
    charge_units(
        tx,
        ledger,
        site_id,
        period,
        &site.due[..plan.charge as usize],
    )?;
    Ok(plan.charge)
}

/// Debits one credit per unit in one ledger row and records each unit's charge for the period.
fn charge_units(
    tx: &mut dyn Tx,
    ledger: &mut LedgerWriter,
    site_id: i64,
    period: Period,
    units: &[i64],
) -> Result<()> {
    if units.is_empty() {
        return Ok(());
    }
    let (reason, reference) = (charge_reason(period, units.len()), charge_reference(period));
    let posted = ledger.append(tx, &charge_entry(site_id, units, &reason, &reference))?;
    insert_charges(tx, period, &[(posted.ledger_id, units)])
}

/// The ledger row of a site's monthly charge: one credit per unit, the units in its payload.
fn charge_entry<'a>(site_id: i64, units: &[i64], reason: &'a str, reference: &'a str) -> Entry<'a> {
    Entry {
        site_id,
        pool: Pool::Video,
        amount: -(units.len() as i64),
        kind: kind::CHARGE,
        reason,
        reference,
        payload: Payload {
            units: Some(units.to_vec()),
            ..Payload::default()
        },
    }
}

/// The reference of every charge row of `period`.
fn charge_reference(period: Period) -> String {
    format!("period:{period}")
}

/// The reason of a monthly charge of `n` units.
fn charge_reason(period: Period, n: usize) -> String {
    format!(
        "monthly charge {period}: {n} unit{}",
        if n == 1 { "" } else { "s" }
    )
}

/// Records each unit's charge for `period` under its ledger row: on PostgreSQL a few hundred rows
/// a statement, on SQLite (no round trips) one.
fn insert_charges(tx: &mut dyn Tx, period: Period, charged: &[(i64, &[i64])]) -> Result<()> {
    let period_text = Value::Text(period.to_string());
    if tx.engine() == Engine::Sqlite {
        for (ledger_id, units) in charged {
            for unit in *units {
                tx.exec(
                    "INSERT INTO charge (period, unit_id, ledger_id) VALUES (?1, ?2, ?3)",
                    &[
                        period_text.clone(),
                        Value::Int(*unit),
                        Value::Int(*ledger_id),
                    ],
                )?;
            }
        }
        return Ok(());
    }
    let params: Vec<Value> = charged
        .iter()
        .flat_map(|(ledger_id, units)| {
            units.iter().flat_map(|unit| {
                [
                    period_text.clone(),
                    Value::Int(*unit),
                    Value::Int(*ledger_id),
                ]
            })
        })
        .collect();
    exec_batched(tx, 3, &params, &|n| {
        format!(
            "INSERT INTO charge (period, unit_id, ledger_id) VALUES {}",
            values_list(n, 3, &|p| p.to_string())
        )
    })?;
    Ok(())
}

/// A site's video pool as `credits show` reports it.
#[derive(Debug, Clone, Serialize)]
pub struct VideoPool {
    pub balance: i64,
    pub units: u64,
    pub units_paid: u64,
    pub units_waiting: u64,
    pub months_covered: Option<u64>,
}

pub fn video_pool(tx: &mut dyn Tx, site: &Site, period: Period) -> Result<(VideoPool, SiteStatus)> {
    let (units, paid) = tx.one(
        "SELECT count(*), count(c.unit_id) FROM unit u
         LEFT JOIN charge c ON c.period = ?2 AND c.unit_id = u.id
         WHERE u.site_id = ?1 AND u.removed_at IS NULL",
        args![site.id, period.to_string()],
        |r| Ok((r.int(0)? as u64, r.int(1)? as u64)),
    )?;
    let pool = VideoPool {
        balance: site.video_balance,
        units,
        units_paid: paid,
        units_waiting: units - paid,
        months_covered: billing::months_covered(site.video_balance as u64, units),
    };
    Ok((pool, SiteStatus::of(units, paid)))
}

/// A site's video pool now and what its balance covers over the `months` after this one.
pub fn site_outlook(
    tx: &mut dyn Tx,
    site: &Site,
    period: Period,
    months: u64,
) -> Result<(VideoPool, SiteStatus, Outlook)> {
    let (pool, status) = video_pool(tx, site, period)?;
    let o = forecast::outlook(
        site.video_balance.max(0) as u64,
        pool.units,
        pool.units_paid,
        months,
    );
    Ok((pool, status, o))
}

/// The warning for a site that a write left unable to pay next month, read inside that write's
/// transaction (`None` when it can pay).
pub fn low_warning(tx: &mut dyn Tx, site_id: i64, period: Period) -> Result<Option<String>> {
    let site = super::accounts::site_by_id(tx, site_id)?;
    let (_, _, o) = site_outlook(tx, &site, period, forecast::MONTHS)?;
    Ok(forecast::warning(
        &site.name,
        site.id,
        period,
        &o,
        forecast::MONTHS,
    ))
}

/// The summary of a deduction run (SPEC section 3).
#[derive(Debug, Clone, Default, Serialize, PartialEq, Eq)]
pub struct DeductSummary {
    pub period: String,
    pub dry_run: bool,
    pub sites_charged: u64,
    pub units_charged: u64,
    pub credits_deducted: u64,
    pub units_waiting: u64,
    pub sites_halted: u64,
    /// `low` holds the sites that will not be fully paid within this many months after the
    /// period (1: next month).
    pub alert_months: u64,
    /// The sites halted after the run.
    pub halted: Vec<SiteAlert>,
    /// The sites that will not be fully paid within `alert_months` months after the period, at
    /// their unit count and balance after the run (halted and partial sites included).
    pub low: Vec<SiteAlert>,
}

/// A site named in a run's alerts.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct SiteAlert {
    pub id: i64,
    pub name: String,
    pub units: u64,
    pub units_waiting: u64,
    pub balance: i64,
    pub months_covered: Option<u64>,
}

/// Charges every site for `period` in transactions of [`DEDUCT_CHUNK`] sites. Each unit's charge
/// is keyed by (period, unit), and each chunk re-reads what is already charged inside its own
/// IMMEDIATE transaction, so a rerun after any interruption charges exactly what is left.
/// `progress` is told how many sites are done after each chunk. Only the halted and low sites
/// are kept, never every site: `low` holds those that will not be fully paid within
/// `alert_months` months after the period (1: next month).
pub fn deduct_run(
    store: &mut Store,
    period: Period,
    stamp: &Stamp,
    dry_run: bool,
    alert_months: u64,
    progress: &mut dyn FnMut(u64, u64),
) -> Result<DeductSummary> {
    let (first, last, total) = store.read(|tx| {
        tx.one("SELECT min(id), max(id), count(*) FROM site", &[], |r| {
            Ok((r.opt_int(0)?, r.opt_int(1)?, r.int(2)? as u64))
        })
    })?;
    let mut summary = DeductSummary {
        period: period.to_string(),
        dry_run,
        alert_months,
        ..DeductSummary::default()
    };
    let (Some(first), Some(last)) = (first, last) else {
        return Ok(summary);
    };
    let mut done = 0;
    let mut lo = first;
    while lo <= last {
        let hi = lo.saturating_add(DEDUCT_CHUNK);
        let chunk =
            |tx: &mut dyn Tx| deduct_chunk(tx, period, stamp, lo, hi, dry_run, alert_months);
        let part = if dry_run {
            store.read(chunk)?
        } else {
            store.write(chunk)?
        };
        summary.sites_charged += part.sites_charged;
        summary.units_charged += part.units_charged;
        summary.credits_deducted += part.credits_deducted;
        summary.units_waiting += part.units_waiting;
        summary.sites_halted += part.sites_halted;
        summary.halted.extend(part.halted);
        summary.low.extend(part.low);
        done += part.sites_seen;
        progress(done, total);
        lo = hi;
    }
    Ok(summary)
}

#[derive(Default)]
struct ChunkResult {
    sites_seen: u64,
    sites_charged: u64,
    units_charged: u64,
    credits_deducted: u64,
    units_waiting: u64,
    sites_halted: u64,
    halted: Vec<SiteAlert>,
    low: Vec<SiteAlert>,
}

fn deduct_chunk(
    tx: &mut dyn Tx,
    period: Period,
    stamp: &Stamp,
    lo: i64,
    hi: i64,
    dry_run: bool,
    alert_months: u64,
) -> Result<ChunkResult> {
    let mut out = ChunkResult::default();
    let mut ledger = if dry_run {
        None
    } else {
        Some(LedgerWriter::new(tx, stamp)?)
    };
    let sites = units_of_period(tx, lo, hi, period)?;
    // The sites to charge and their units, oldest first.
    let mut charged: Vec<(&SiteUnits, &[i64])> = Vec::new();
    for site in &sites {
        out.sites_seen += 1;
        let plan = billing::plan_site(site.balance.max(0) as u64, site.paid, site.due.len() as u64);
        if plan.charge > 0 {
            out.sites_charged += 1;
            charged.push((site, &site.due[..plan.charge as usize]));
        }
        out.units_charged += plan.charge;
        out.credits_deducted += plan.charge;
        out.units_waiting += plan.waiting;
        out.sites_halted += u64::from(plan.halted);
        let units = site.paid + site.due.len() as u64;
        let balance = site.balance - plan.charge as i64;
        let o = forecast::outlook(
            balance.max(0) as u64,
            units,
            site.paid + plan.charge,
            alert_months,
        );
        if plan.halted || o.is_low(alert_months) {
            let alert = SiteAlert {
                id: site.site_id,
                name: site.name.clone(),
                units,
                units_waiting: plan.waiting,
                balance,
                months_covered: o.months_covered,
            };
            if plan.halted {
                out.halted.push(alert.clone());
            }
            if o.is_low(alert_months) {
                out.low.push(alert);
            }
        }
    }
    if let Some(ledger) = ledger.as_mut() {
        match tx.engine() {
            // In-process statements cost no round trip, and SQLite ran the multi-row statements
            // slower than these (deduct run on 100k sites: about 1 s more).
            Engine::Sqlite => {
                for (site, units) in &charged {
                    charge_units(tx, ledger, site.site_id, period, units)?;
                }
            }
            Engine::Postgres => charge_sites(tx, ledger, period, &charged)?,
        }
    }
    Ok(out)
}

/// Charges each site its units as [`charge_units`] does site by site (the same ledger rows,
/// in the same order, and charges), in a few statements for all (PostgreSQL: a round trip per
/// row was most of a run): the balances are those [`units_of_period`] read in this transaction.
fn charge_sites(
    tx: &mut dyn Tx,
    ledger: &mut LedgerWriter,
    period: Period,
    charged: &[(&SiteUnits, &[i64])],
) -> Result<()> {
    if charged.is_empty() {
        return Ok(());
    }
    let reasons: Vec<String> = charged
        .iter()
        .map(|(_, units)| charge_reason(period, units.len()))
        .collect();
    let reference = charge_reference(period);
    let entries: Vec<Entry> = charged
        .iter()
        .zip(&reasons)
        .map(|((site, units), reason)| charge_entry(site.site_id, units, reason, &reference))
        .collect();
    let balances: Vec<i64> = charged.iter().map(|(site, _)| site.balance).collect();
    let posted = ledger.append_all(tx, &entries, &balances)?;
    let rows: Vec<(i64, &[i64])> = posted
        .iter()
        .zip(charged)
        .map(|(posted, (_, units))| (posted.ledger_id, *units))
        .collect();
    insert_charges(tx, period, &rows)
}
