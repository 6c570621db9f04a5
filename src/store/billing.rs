//! Charging units: when credits arrive, when a unit is added, and the monthly deduction.

use rusqlite::{Connection, params};
use serde::Serialize;

use super::accounts::Site;
use super::ledger::{Entry, LedgerWriter, Pool};
use super::{Stamp, Store};
use crate::domain::billing::{self, SiteStatus};
use crate::domain::chain::{Payload, kind};
use crate::domain::period::Period;
use crate::error::Result;

/// Sites per transaction in `deduct run`: small enough that a kill loses little work and other
/// commands wait briefly, large enough that commits do not dominate.
pub const DEDUCT_CHUNK: i64 = 2_000;

/// Charges the site's waiting units for `period`, oldest first, as far as its balance allows.
/// Returns how many were charged. Runs inside the caller's write transaction.
pub fn charge_waiting(
    conn: &Connection,
    ledger: &mut LedgerWriter,
    site_id: i64,
    period: Period,
) -> Result<u64> {
    let balance: i64 = conn
        .prepare_cached("SELECT video_balance FROM site WHERE id = ?1")?
        .query_row([site_id], |r| r.get(0))?;
    if balance <= 0 {
        return Ok(0);
    }
    let period_text = period.to_string();
    let due: Vec<i64> = conn
        .prepare_cached(
            "SELECT u.id FROM unit u
             WHERE u.site_id = ?1 AND u.removed_at IS NULL AND u.added_at < ?2
               AND NOT EXISTS (SELECT 1 FROM charge c WHERE c.period = ?3 AND c.unit_id = u.id)
             ORDER BY u.id LIMIT ?4",
        )?
        .query_map(
            params![site_id, super::fmt_time(period.end()), period_text, balance],
            |r| r.get(0),
        )?
        .collect::<rusqlite::Result<_>>()?;
    charge_units(conn, ledger, site_id, period, &due)?;
    Ok(due.len() as u64)
}

/// Debits one credit per unit in one ledger row and records each unit's charge for the period.
fn charge_units(
    conn: &Connection,
    ledger: &mut LedgerWriter,
    site_id: i64,
    period: Period,
    units: &[i64],
) -> Result<()> {
    if units.is_empty() {
        return Ok(());
    }
    let n = units.len();
    let reason = format!(
        "monthly charge {period}: {n} unit{}",
        if n == 1 { "" } else { "s" }
    );
    let posted = ledger.append(&Entry {
        site_id,
        pool: Pool::Video,
        amount: -(n as i64),
        kind: kind::CHARGE,
        reason: &reason,
        reference: &format!("period:{period}"),
        payload: Payload {
            units: Some(units.to_vec()),
            ..Payload::default()
        },
    })?;
    let mut insert =
        conn.prepare_cached("INSERT INTO charge (period, unit_id, ledger_id) VALUES (?1, ?2, ?3)")?;
    let period_text = period.to_string();
    for unit in units {
        insert.execute(params![period_text, unit, posted.ledger_id])?;
    }
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

pub fn video_pool(
    conn: &Connection,
    site: &Site,
    period: Period,
) -> Result<(VideoPool, SiteStatus)> {
    let (units, paid): (u64, u64) = conn
        .prepare_cached(
            "SELECT count(*), count(c.unit_id) FROM unit u
             LEFT JOIN charge c ON c.period = ?2 AND c.unit_id = u.id
             WHERE u.site_id = ?1 AND u.removed_at IS NULL",
        )?
        .query_row(params![site.id, period.to_string()], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })?;
    let pool = VideoPool {
        balance: site.video_balance,
        units,
        units_paid: paid,
        units_waiting: units - paid,
        months_covered: billing::months_covered(site.video_balance as u64, units),
    };
    Ok((pool, SiteStatus::of(units, paid)))
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
}

/// Charges every site for `period` in transactions of [`DEDUCT_CHUNK`] sites. Each unit's charge
/// is keyed by (period, unit), and each chunk re-reads what is already charged inside its own
/// IMMEDIATE transaction, so a rerun after any interruption charges exactly what is left.
/// `progress` is told how many sites are done after each chunk.
pub fn deduct_run(
    store: &mut Store,
    period: Period,
    stamp: &Stamp,
    dry_run: bool,
    progress: &mut dyn FnMut(u64, u64),
) -> Result<DeductSummary> {
    let (first, last, total): (Option<i64>, Option<i64>, u64) =
        store
            .conn()
            .query_row("SELECT min(id), max(id), count(*) FROM site", [], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?))
            })?;
    let mut summary = DeductSummary {
        period: period.to_string(),
        dry_run,
        ..DeductSummary::default()
    };
    let (Some(first), Some(last)) = (first, last) else {
        return Ok(summary);
    };
    let mut done = 0;
    let mut lo = first;
    while lo <= last {
        let hi = lo.saturating_add(DEDUCT_CHUNK);
        let chunk = |conn: &Connection| deduct_chunk(conn, period, stamp, lo, hi, dry_run);
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
}

/// One site's billable units for the period, read in unit order.
struct SiteUnits {
    site_id: i64,
    balance: i64,
    paid: u64,
    due: Vec<i64>,
}

fn deduct_chunk(
    conn: &Connection,
    period: Period,
    stamp: &Stamp,
    lo: i64,
    hi: i64,
    dry_run: bool,
) -> Result<ChunkResult> {
    let mut out = ChunkResult::default();
    let mut ledger = if dry_run {
        None
    } else {
        Some(LedgerWriter::new(conn, stamp)?)
    };
    let period_text = period.to_string();

    let mut sites_stmt = conn.prepare_cached(
        "SELECT id, video_balance FROM site WHERE id >= ?1 AND id < ?2 ORDER BY id",
    )?;
    let mut sites = sites_stmt.query(params![lo, hi])?;
    let mut units_stmt = conn.prepare_cached(
        "SELECT u.site_id, u.id, EXISTS (SELECT 1 FROM charge c WHERE c.period = ?3 AND c.unit_id = u.id)
         FROM unit u
         WHERE u.site_id >= ?1 AND u.site_id < ?2 AND u.removed_at IS NULL AND u.added_at < ?4
         ORDER BY u.site_id, u.id",
    )?;
    let mut units =
        units_stmt.query(params![lo, hi, period_text, super::fmt_time(period.end())])?;
    let mut pending: Option<(i64, i64, bool)> = None;

    while let Some(s) = sites.next()? {
        let mut site = SiteUnits {
            site_id: s.get(0)?,
            balance: s.get(1)?,
            paid: 0,
            due: Vec::new(),
        };
        out.sites_seen += 1;
        loop {
            let next = match pending.take() {
                Some(u) => Some(u),
                None => match units.next()? {
                    Some(u) => Some((u.get(0)?, u.get(1)?, u.get(2)?)),
                    None => None,
                },
            };
            match next {
                Some((site_id, unit_id, paid)) if site_id == site.site_id => {
                    if paid {
                        site.paid += 1;
                    } else {
                        site.due.push(unit_id);
                    }
                }
                Some(other) => {
                    pending = Some(other);
                    break;
                }
                None => break,
            }
        }
        let plan = billing::plan_site(site.balance.max(0) as u64, site.paid, site.due.len() as u64);
        if let Some(ledger) = ledger.as_mut() {
            charge_units(
                conn,
                ledger,
                site.site_id,
                period,
                &site.due[..plan.charge as usize],
            )?;
        }
        if plan.charge > 0 {
            out.sites_charged += 1;
        }
        out.units_charged += plan.charge;
        out.credits_deducted += plan.charge;
        out.units_waiting += plan.waiting;
        out.sites_halted += u64::from(plan.halted);
    }
    Ok(out)
}
