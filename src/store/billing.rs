//! Charging units: when credits arrive, when a unit is added, and the monthly deduction.

use serde::Serialize;
use std::sync::OnceLock;

use super::accounts::{Site, tally_of};
use super::ledger::{self, Entry, LedgerWriter, Pool};
use super::sql::{ARRAY_ROWS, Engine, SqlRow, Tx, Value, exec_batched, int_array, values_list};
use super::{Stamp, Store};
use crate::args;
use crate::domain::billing::{self, SiteStatus};
use crate::domain::chain::{Payload, kind};
use crate::domain::forecast::{self, Outlook};
use crate::domain::period::Period;
use crate::error::{Error, Result};

/// Sites per transaction in `deduct run`: small enough that a kill loses little work and other
/// commands wait briefly (a chunk takes about 0.1 s), large enough that commits do not dominate
/// (at 100k sites, chunks of 2,000 made the run 1.3 times its one-transaction floor; of 5,000,
/// level with it).
pub const DEDUCT_CHUNK: i64 = 5_000;

/// The billable units of sites `?1 <= site_id <= ?2` for the period ending `?3` (added before its
/// end, not removed), oldest first per site: the one definition of "a unit due for a period",
/// with what the caller selects (`u.site_id, u.id`, and whether it is charged).
macro_rules! billable_units {
    ($select:literal) => {
        concat!(
            "SELECT u.site_id, u.id",
            $select,
            "
    FROM unit u
    WHERE u.site_id >= ?1 AND u.site_id <= ?2 AND u.removed_at IS NULL AND u.added_at < ?3
    ORDER BY u.site_id, u.id"
        )
    };
}

/// [`billable_units!`], each with 1 when it is already charged for period `?4`, looked up unit by
/// unit: for units whose ids are too far apart for [`CHARGED_BETWEEN`]. PostgreSQL may run an
/// `EXISTS` as a hashed subplan that reads every charge of the period (a run on 100k sites went
/// quadratic), so it counts (0 or 1: (period, unit) is the key); SQLite runs the count's
/// aggregate slower, so it keeps `EXISTS`.
fn units_probed_sql(engine: Engine) -> &'static str {
    match engine {
        Engine::Sqlite => billable_units!(
            ", CASE WHEN EXISTS (SELECT 1 FROM charge c WHERE c.period = ?4 AND c.unit_id = u.id) THEN 1 ELSE 0 END"
        ),
        Engine::Postgres => billable_units!(
            ", (SELECT count(*) FROM charge c WHERE c.period = ?4 AND c.unit_id = u.id)"
        ),
    }
}

/// The units charged for period `?1` with ids from `?2` to `?3`: one walk along the charge key,
/// much cheaper than looking each unit up (a first run of a month finds none).
const CHARGED_BETWEEN: &str = "SELECT unit_id FROM charge WHERE period = ?1 AND unit_id >= ?2 AND unit_id <= ?3 ORDER BY unit_id";

/// [`CHARGED_BETWEEN`] is used when the units' ids span at most this many times their count
/// (plus a margin); else the units are looked up one by one.
const SPAN_PER_UNIT: i64 = 8;

/// One site's billable units for the period: how many there are, how many are paid, and the
/// unpaid ones oldest first when they were counted.
#[derive(Debug, Default)]
pub struct SiteUnits {
    pub site_id: i64,
    pub name: String,
    pub balance: i64,
    /// Billable units for the period.
    pub units: u64,
    /// Of them, charged for the period.
    pub paid: u64,
    /// The unpaid units, oldest first: every one of them when the site's units were counted,
    /// none when its tally answered (then nothing could be charged: see [`Tally::answers`]).
    pub due: Vec<i64>,
    /// The tally stored on the site (period, units, paid), if any.
    tally: Option<(i64, u64, u64)>,
}

impl SiteUnits {
    /// Units that wait for credits in the period.
    pub fn waiting(&self) -> u64 {
        self.units - self.paid
    }

    /// The oldest `n` unpaid units. An internal error (never a panic) if they were not counted:
    /// a tally answers only for sites where nothing can be charged.
    fn oldest_due(&self, n: u64) -> Result<&[i64]> {
        self.due.get(..n as usize).ok_or_else(|| {
            Error::internal(format!(
                "site {} was not counted unit by unit before its charge",
                self.site_id
            ))
        })
    }

    /// Takes the site's counts from its stored tally when that answers for `period` (see
    /// [`Tally::answers`]); `false` when its units must be counted.
    fn counted_by_tally(&mut self, period: Period) -> bool {
        match self.tally {
            Some((_, units, paid)) if Tally::answers(self.tally, period, self.balance) => {
                (self.units, self.paid) = (units, paid);
                true
            }
            _ => false,
        }
    }

    /// The tally to store after charging `charged` more units, when it differs from the stored
    /// one and is not older than it.
    pub(super) fn new_tally(&self, period: Period, charged: u64) -> Option<(i64, u64, u64)> {
        let tally = (period.number(), self.units, self.paid + charged);
        match self.tally {
            Some(stored) if stored == tally || stored.0 > tally.0 => None,
            _ => Some(tally),
        }
    }
}

/// The rule that lets a site's stored tally stand for counting its units.
struct Tally;

impl Tally {
    /// A tally answers for `period` when it is that period's and nothing of the site can be
    /// charged: every unit is paid, or the balance is spent. Any change of the site's units
    /// clears its tally (triggers on `unit`), and every charge goes through [`charge_units`],
    /// which stores the new tally in the same transaction; so a unit due for the period is
    /// never missed, and a site that could pay for one is always counted.
    fn answers(stored: Option<(i64, u64, u64)>, period: Period, balance: i64) -> bool {
        stored.is_some_and(|(p, units, paid)| {
            p == period.number() && paid <= units && (paid == units || balance <= 0)
        })
    }
}

/// The statement that reads sites for [`read_site_tally`], without its condition.
macro_rules! site_tallies {
    () => {
        "SELECT id, video_balance, name, tally_period, tally_units, tally_paid FROM site"
    };
}

/// A site as [`site_tallies!`] reads it: its balance, name and stored tally, its units not yet
/// counted.
fn read_site_tally(r: &dyn SqlRow) -> Result<SiteUnits> {
    Ok(SiteUnits {
        site_id: r.int(0)?,
        balance: r.int(1)?,
        name: r.text(2)?,
        tally: tally_of(r, 3)?,
        ..SiteUnits::default()
    })
}

/// At most this many sites of a range are counted one by one; more are counted with the range.
const COUNT_ONE_BY_ONE: usize = 32;

/// The units of sites `lo <= id <= hi` for `period`, per site in id order (sites without units
/// too), with their video balances. A site whose tally answers for the period is not counted.
pub fn units_of_period(
    tx: &mut dyn Tx,
    lo: i64,
    hi: i64,
    period: Period,
) -> Result<Vec<SiteUnits>> {
    // At most a chunk's sites: read in one go.
    let mut sites = Vec::new();
    tx.each_whole(
        concat!(site_tallies!(), " WHERE id >= ?1 AND id <= ?2 ORDER BY id"),
        args![lo, hi],
        &mut |r| {
            sites.push(read_site_tally(r)?);
            Ok(())
        },
    )?;
    let mut to_count = Vec::new();
    for (i, site) in sites.iter_mut().enumerate() {
        if !site.counted_by_tally(period) {
            to_count.push(i);
        }
    }
    if to_count.len() > COUNT_ONE_BY_ONE {
        count_units(tx, &mut sites, &to_count, lo, hi, period)?;
    } else {
        for &i in &to_count {
            let id = sites[i].site_id;
            count_units(tx, &mut sites, &[i], id, id, period)?;
        }
    }
    Ok(sites)
}

/// Counts the units of `sites[i]` for each i of `which` (ascending), reading the units of sites
/// `lo <= id <= hi`.
fn count_units(
    tx: &mut dyn Tx,
    sites: &mut [SiteUnits],
    which: &[usize],
    lo: i64,
    hi: i64,
    period: Period,
) -> Result<()> {
    let end = super::fmt_time(period.end());
    // A range of sites has many units; one site has few (read in one round trip).
    let many = hi != lo;
    let plain = args![lo, hi, end.as_str()];
    let mut units = units_of(tx, many, billable_units!(""), plain, sites, which)?;
    let (first, last) = units
        .iter()
        .fold((i64::MAX, i64::MIN), |(a, b), u| (a.min(u.1), b.max(u.1)));
    if units.is_empty() {
        // Nothing billable.
    } else if last.saturating_sub(first) <= SPAN_PER_UNIT * units.len() as i64 + 1024 {
        let mut charged = Vec::new();
        each_of(
            tx,
            many,
            CHARGED_BETWEEN,
            args![period.number(), first, last],
            &mut |r| {
                charged.push(r.int(0)?);
                Ok(())
            },
        )?;
        for unit in &mut units {
            unit.2 = charged.binary_search(&unit.1).is_ok();
        }
    } else {
        let probed = args![lo, hi, end.as_str(), period.number()];
        let sql = units_probed_sql(tx.engine());
        units = units_of(tx, many, sql, probed, sites, which)?;
    }
    for (i, unit_id, charged) in units {
        let site = &mut sites[i];
        site.units += 1;
        if charged {
            site.paid += 1;
        } else {
            site.due.push(unit_id);
        }
    }
    Ok(())
}

/// Runs `sql` through [`Tx::each_batched`] when its rows may be many, else through [`Tx::each`]
/// (one round trip).
fn each_of(
    tx: &mut dyn Tx,
    many: bool,
    sql: &str,
    params: &[Value],
    f: &mut dyn FnMut(&dyn SqlRow) -> Result<()>,
) -> Result<()> {
    if many {
        tx.each_batched(sql, params, f)
    } else {
        tx.each(sql, params, f)
    }
}

/// The rows of `sql` (site id, unit id, and whether charged when it selects that) that belong to
/// `sites[i]` for i in `which`, as (i, unit id, charged); `many` as for [`each_of`].
fn units_of(
    tx: &mut dyn Tx,
    many: bool,
    sql: &str,
    params: &[Value],
    sites: &[SiteUnits],
    which: &[usize],
) -> Result<Vec<(usize, i64, bool)>> {
    let mut units = Vec::new();
    let mut at = 0;
    each_of(tx, many, sql, params, &mut |r| {
        let site_id = r.int(0)?;
        while which.get(at).is_some_and(|&i| sites[i].site_id < site_id) {
            at += 1;
        }
        if let Some(&i) = which.get(at).filter(|&&i| sites[i].site_id == site_id) {
            let charged = r.width() > 2 && r.bool(2)?;
            units.push((i, r.int(1)?, charged));
        }
        Ok(())
    })?;
    Ok(units)
}

/// One site's units for `period`.
pub fn site_units(tx: &mut dyn Tx, site_id: i64, period: Period) -> Result<SiteUnits> {
    Ok(units_of_period(tx, site_id, site_id, period)?
        .pop()
        .unwrap_or_default())
}

/// [`site_units`] of `site`, read in this transaction: when the tally it was read with answers
/// for `period`, that is the count, and nothing more is read.
pub fn units_of_site(tx: &mut dyn Tx, site: &Site, period: Period) -> Result<SiteUnits> {
    let mut units = SiteUnits {
        site_id: site.id,
        name: site.name.clone(),
        balance: site.video_balance,
        tally: site.tally,
        ..SiteUnits::default()
    };
    if units.counted_by_tally(period) {
        return Ok(units);
    }
    site_units(tx, site.id, period)
}

/// A site's stored tally next to its count made again: see [`recount_sites`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recount {
    pub site_id: i64,
    /// The tally's period, as stored (`yyyymm`).
    pub period: i64,
    /// The stored (units, paid).
    pub stored: (u64, u64),
    /// (units, paid) as the site's units and charges give them for that period; `None` when the
    /// stored period is not a month.
    pub counted: Option<(u64, u64)>,
}

/// A site's stored tally `(period, units, paid)`, to be counted again by [`recount_sites`].
pub fn tallied_site(site_id: i64, tally: (i64, u64, u64)) -> SiteUnits {
    SiteUnits {
        site_id,
        tally: Some(tally),
        ..SiteUnits::default()
    }
}

/// Of `sites` (sites that store a tally, in id order, every one of their range of ids that
/// does: see [`tallied_site`]), the ones whose stored tally differs from a count of their units
/// and charges for its period, made again as [`units_of_period`] makes it when no tally
/// answers. A tally stands only while the site's units are as it counted them (any change
/// clears it) and every charge of its period stores it again, so it equals that count; one
/// that counts fewer units than are due would let every later run of the month skip the site.
pub fn recount_sites(tx: &mut dyn Tx, mut sites: Vec<SiteUnits>) -> Result<Vec<Recount>> {
    let (Some(lo), Some(last)) = (sites.first(), sites.last()) else {
        return Ok(Vec::new());
    };
    let (lo, hi) = (lo.site_id, last.site_id);
    let mut periods = std::collections::BTreeMap::<i64, Vec<usize>>::new();
    for (i, site) in sites.iter().enumerate() {
        if let Some((period, _, _)) = site.tally {
            periods.entry(period).or_default().push(i);
        }
    }
    for (number, which) in periods {
        let Some(period) = Period::from_number(number) else {
            continue;
        };
        if which.len() > COUNT_ONE_BY_ONE {
            count_units(tx, &mut sites, &which, lo, hi, period)?;
        } else {
            for i in which {
                let id = sites[i].site_id;
                count_units(tx, &mut sites, &[i], id, id, period)?;
            }
        }
    }
    Ok(sites
        .into_iter()
        .filter_map(|site| {
            let (period, units, paid) = site.tally?;
            let counted = Period::from_number(period)
                .is_some()
                .then_some((site.units, site.paid));
            (counted != Some((units, paid))).then_some(Recount {
                site_id: site.site_id,
                period,
                stored: (units, paid),
                counted,
            })
        })
        .collect())
}

/// Counts every site's units for the latest period charged and stores the tallies (the upgrade
/// to schema 6: a rerun of that month then reads sites only).
pub fn tally_all(tx: &mut dyn Tx) -> Result<()> {
    let Some(period) = tx.one("SELECT max(period) FROM charge", &[], |r| r.opt_int(0))? else {
        return Ok(());
    };
    let (Some(first), Some(last)) = tx.one("SELECT min(id), max(id) FROM site", &[], |r| {
        Ok((r.opt_int(0)?, r.opt_int(1)?))
    })?
    else {
        return Ok(());
    };
    let period = Period::from_number(period)
        .ok_or_else(|| Error::internal(format!("a charge has the period {period}")))?;
    let mut lo = Some(first);
    while let Some(from) = lo.filter(|&id| id <= last) {
        let hi = chunk_end(from);
        let sites = units_of_period(tx, from, hi, period)?;
        let tallies: Vec<_> = sites
            .iter()
            .filter_map(|s| s.new_tally(period, 0).map(|t| (s.site_id, t)))
            .collect();
        write_tallies(tx, &tallies)?;
        lo = site_after(tx, hi)?;
    }
    Ok(())
}

/// The last id of the chunk of site ids that starts at `lo` (inclusive, so that no id is out
/// of reach, `i64::MAX` either).
fn chunk_end(lo: i64) -> i64 {
    lo.saturating_add(DEDUCT_CHUNK - 1)
}

/// The first site after id `id`: where the next chunk starts, however far the ids jump (a run
/// walks the sites there are, not every id between them).
fn site_after(tx: &mut dyn Tx, id: i64) -> Result<Option<i64>> {
    if id == i64::MAX {
        return Ok(None);
    }
    tx.one("SELECT min(id) FROM site WHERE id > ?1", args![id], |r| {
        r.opt_int(0)
    })
}

/// Stores each site's tally `(period, units, paid)`, unless the site holds a later period's.
fn write_tallies(tx: &mut dyn Tx, tallies: &[(i64, ledger::Tally)]) -> Result<()> {
    if tx.engine() == Engine::Sqlite {
        for (site_id, (period, units, paid)) in tallies {
            tx.exec(
                "UPDATE site SET tally_period = ?2, tally_units = ?3, tally_paid = ?4
                 WHERE id = ?1 AND (tally_period IS NULL OR tally_period <= ?2)",
                args![*site_id, *period, *units as i64, *paid as i64],
            )?;
        }
        return Ok(());
    }
    // PostgreSQL: one array per column.
    for chunk in tallies.chunks(ARRAY_ROWS) {
        let column = |f: fn(&(i64, ledger::Tally)) -> i64| int_array(chunk.iter().map(f));
        let (lo, hi) = ledger::id_bounds(chunk.iter().map(|t| t.0));
        tx.exec(
            "UPDATE site SET tally_period = v.period, tally_units = v.units, tally_paid = v.paid
             FROM unnest(CAST(?1 AS BIGINT[]), CAST(?2 AS BIGINT[]), CAST(?3 AS BIGINT[]), CAST(?4 AS BIGINT[]))
                  AS v(id, period, units, paid)
             WHERE site.id = v.id AND (site.tally_period IS NULL OR site.tally_period <= v.period)
               AND site.id >= ?5 AND site.id <= ?6",
            &[
                column(|t| t.0),
                column(|t| t.1.0),
                column(|t| t.1.1 as i64),
                column(|t| t.1.2 as i64),
                lo,
                hi,
            ],
        )?;
    }
    Ok(())
}

/// Charges the site's waiting units for `period`, oldest first, as far as its balance allows,
/// and stores its tally. Returns how many were charged. Runs inside the caller's write
/// transaction.
pub fn charge_waiting(
    tx: &mut dyn Tx,
    ledger: &mut LedgerWriter,
    site_id: i64,
    period: Period,
) -> Result<u64> {
    let site = site_units(tx, site_id, period)?;
    let plan = billing::plan_site(site.balance.max(0) as u64, site.paid, site.waiting());
    charge_units(tx, ledger, &site, period, site.oldest_due(plan.charge)?)?;
    Ok(plan.charge)
}

/// Debits one credit per unit in one ledger row, records each unit's charge for the period and
/// stores the site's tally (when it changed), with its balance: `site` was counted in this
/// write transaction, so its balance and name are the stored ones.
fn charge_units(
    tx: &mut dyn Tx,
    ledger: &mut LedgerWriter,
    site: &SiteUnits,
    period: Period,
    units: &[i64],
) -> Result<()> {
    let tally = site.new_tally(period, units.len() as u64);
    if units.is_empty() {
        return match tally {
            Some(tally) => write_tallies(tx, &[(site.site_id, tally)]),
            None => Ok(()),
        };
    }
    let (reason, reference) = (charge_reason(period, units.len()), charge_reference(period));
    let entry = charge_entry(site.site_id, units, &reason, &reference);
    let posted = ledger.append_read(tx, &entry, site.balance, &site.name, tally)?;
    insert_charges(tx, period, &[(posted.ledger_id, units)])
}

/// The ledger row of a site's monthly charge: one credit per unit, the units in its payload.
pub fn charge_entry<'a>(
    site_id: i64,
    units: &[i64],
    reason: &'a str,
    reference: &'a str,
) -> Entry<'a> {
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
pub fn charge_reference(period: Period) -> String {
    format!("period:{period}")
}

/// The reason of a monthly charge of `n` units.
pub fn charge_reason(period: Period, n: usize) -> String {
    format!(
        "monthly charge {period}: {n} unit{}",
        if n == 1 { "" } else { "s" }
    )
}

/// Records each unit's charge for `period` under its ledger row: on SQLite a few hundred rows
/// a statement (one statement a row cost twice as much); on PostgreSQL all in one statement, the
/// units and their rows as two arrays (a statement of a few hundred rows of parameters cost the
/// server half as much again as the rows' own writing).
fn insert_charges(tx: &mut dyn Tx, period: Period, charged: &[(i64, &[i64])]) -> Result<()> {
    if tx.engine() == Engine::Postgres {
        let each = || {
            charged
                .iter()
                .flat_map(|(ledger_id, units)| units.iter().map(move |u| (*u, *ledger_id)))
        };
        tx.exec(
            "INSERT INTO charge (period, unit_id, ledger_id)
             SELECT CAST(?1 AS BIGINT), u, l FROM unnest(CAST(?2 AS BIGINT[]), CAST(?3 AS BIGINT[])) AS t(u, l)",
            args![
                period.number(),
                int_array(each().map(|(u, _)| u)),
                int_array(each().map(|(_, l)| l))
            ],
        )?;
        return Ok(());
    }
    let period = Value::Int(period.number());
    let params: Vec<Value> = charged
        .iter()
        .flat_map(|(ledger_id, units)| {
            units
                .iter()
                .flat_map(|unit| [period.clone(), Value::Int(*unit), Value::Int(*ledger_id)])
        })
        .collect();
    // exec_batched asks for a power of two up to BATCH_ROWS rows: each text is made once.
    static SQL: [OnceLock<String>; 16] = [const { OnceLock::new() }; 16];
    exec_batched(tx, 3, &params, &|n| {
        let make = || {
            format!(
                "INSERT INTO charge (period, unit_id, ledger_id) VALUES {}",
                values_list(n, 3, &|p| p.to_string())
            )
        };
        match SQL.get(n.trailing_zeros() as usize) {
            Some(sql) if n.is_power_of_two() => sql.get_or_init(make).clone(),
            _ => make(),
        }
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
        args![site.id, period.number()],
        |r| Ok((r.int(0)? as u64, r.int(1)? as u64)),
    )?;
    Ok(pool_of(site, units, paid))
}

/// The video pool of a site with `units` units, `paid` of them charged for the period.
fn pool_of(site: &Site, units: u64, paid: u64) -> (VideoPool, SiteStatus) {
    let pool = VideoPool {
        balance: site.video_balance,
        units,
        units_paid: paid,
        units_waiting: units - paid,
        months_covered: billing::months_covered(site.video_balance as u64, units),
    };
    (pool, SiteStatus::of(units, paid))
}

/// Hands `f` every site after the one with id `after`, in id order, with its video pool for
/// `period` (as [`video_pool`] counts it), as they are read. The units are counted in the
/// list's own statement: a statement per site would cost a round trip each on PostgreSQL
/// (100k sites: 21 s). Whether a unit is paid is looked up unit by unit, along the charge key:
/// a join of a site's units with the period's charges let both engines' planners start from
/// the charges (every one of the month's, for every site) when their statistics lagged a
/// deduction.
pub fn each_site_pool(
    tx: &mut dyn Tx,
    after: Option<i64>,
    period: Period,
    f: &mut dyn FnMut(Site, VideoPool, SiteStatus) -> Result<()>,
) -> Result<()> {
    let columns = super::accounts::SITE_COLUMNS;
    tx.stream(
        &format!(
            "SELECT {columns},
                (SELECT count(*) FROM unit u WHERE u.site_id = site.id AND u.removed_at IS NULL),
                (SELECT count(*) FROM unit u WHERE u.site_id = site.id AND u.removed_at IS NULL
                  AND (SELECT count(*) FROM charge c WHERE c.period = ?2 AND c.unit_id = u.id) > 0)
             FROM site WHERE site.id > ?1 ORDER BY site.id"
        ),
        args![after.unwrap_or(0), period.number()],
        &mut |_, r| {
            let site = super::accounts::read_site(r)?;
            let width = r.width();
            let (units, paid) = (r.int(width - 2)? as u64, r.int(width - 1)? as u64);
            let (pool, status) = pool_of(&site, units, paid);
            f(site, pool, status)
        },
    )
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
    let (pool, _) = video_pool(tx, &site, period)?;
    Ok(low_warning_of(
        &site,
        period,
        site.video_balance,
        pool.units,
        pool.units_paid,
    ))
}

/// [`low_warning`] for `site` as a write leaves it, known to the write: `balance` video credits,
/// `units` units, `paid` of them charged for `period`.
pub fn low_warning_of(
    site: &Site,
    period: Period,
    balance: i64,
    units: u64,
    paid: u64,
) -> Option<String> {
    let o = forecast::outlook(balance.max(0) as u64, units, paid, forecast::MONTHS);
    forecast::warning(&site.name, site.id, period, &o, forecast::MONTHS)
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
    /// How many sites will not be fully paid within `alert_months` (`low` may hold fewer: see
    /// [`deduct_run`]).
    #[serde(skip)]
    pub sites_low: u64,
    /// `low` holds the sites that will not be fully paid within this many months after the
    /// period (1: next month).
    pub alert_months: u64,
    /// The sites halted after the run (the first `sites_halted` of them, or fewer when the
    /// caller asked for fewer).
    pub halted: Vec<SiteAlert>,
    /// The sites that will not be fully paid within `alert_months` months after the period, at
    /// their unit count and balance after the run (halted and partial sites included), or the
    /// first of them when the caller asked for fewer.
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
/// IMMEDIATE transaction, so a rerun after any interruption charges exactly what is left. The
/// sites that have nothing left to charge (their tallies answer) are first read in one read
/// transaction (see [`finished_sites`]): a rerun of a finished month writes nothing and takes
/// no lock, and a rerun after an interruption starts its chunks where the first run stopped.
/// `progress`, when given, is told after each chunk how many sites are done of how many (they
/// are counted only then). Only the halted and low sites
/// are kept, never every site, and of each at most `alerts` when given (the counts stay whole):
/// `low` holds those that will not be fully paid within `alert_months` months after the period
/// (1: next month).
pub fn deduct_run(
    store: &mut Store,
    period: Period,
    stamp: &Stamp,
    dry_run: bool,
    alert_months: u64,
    alerts: Option<usize>,
    mut progress: Option<&mut dyn FnMut(u64, u64)>,
) -> Result<DeductSummary> {
    // Each statement is answered from the key alone; the count reads all of it, so it is made
    // only for a progress report.
    let (first, last, total) = store.read(|tx| {
        let first = tx.one("SELECT min(id) FROM site", &[], |r| r.opt_int(0))?;
        let last = tx.one("SELECT max(id) FROM site", &[], |r| r.opt_int(0))?;
        let total = match progress {
            Some(_) => tx.one("SELECT count(*) FROM site", &[], |r| r.int(0))? as u64,
            None => 0,
        };
        Ok((first, last, total))
    })?;
    let keep = alerts.unwrap_or(usize::MAX);
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
    // A run for a month before the current one (a catch-up) names no low sites: whether a site
    // will be paid in the months after it depends on what was charged since, which this run
    // does not count (a site paid for every month up to now was named as if it were not). The
    // current month's run, and `credits forecast`, say it.
    let catch_up = period < Period::containing(stamp.now);
    let mut add = |summary: &mut DeductSummary, part: ChunkResult| {
        summary.sites_charged += part.sites_charged;
        summary.units_charged += part.units_charged;
        summary.credits_deducted += part.credits_deducted;
        summary.units_waiting += part.units_waiting;
        summary.sites_halted += part.sites_halted;
        // Parts come in id order, each keeping at most the room left before it was counted: two
        // counted in one read (see `finished_sites`) may together keep more than that.
        summary.halted.extend(part.halted.into_sorted());
        if !catch_up {
            summary.sites_low += part.sites_low;
            summary.low.extend(part.low.into_sorted());
        }
        summary.halted.truncate(keep);
        summary.low.truncate(keep);
        done += part.sites_seen;
        if let Some(progress) = progress.as_mut() {
            progress(done, total);
        }
    };
    let room = |summary: &DeductSummary| {
        (
            keep.saturating_sub(summary.halted.len()),
            keep.saturating_sub(summary.low.len()),
        )
    };
    // The sites that have nothing left to charge for the period come first, without the
    // writers' lock; the chunks start at the first site that may have.
    let (parts, next) =
        store.read(|tx| finished_sites(tx, period, first, alert_months, room(&summary)))?;
    for part in parts {
        add(&mut summary, part);
    }
    let mut lo = next;
    while let Some(from) = lo.filter(|&id| id <= last) {
        let hi = chunk_end(from);
        let room = room(&summary);
        let chunk = |tx: &mut dyn Tx| {
            let part = deduct_chunk(tx, period, stamp, (from, hi), dry_run, alert_months, room)?;
            Ok((part, site_after(tx, hi)?))
        };
        let (part, after) = if dry_run {
            store.read(chunk)?
        } else {
            store.write(chunk)?
        };
        add(&mut summary, part);
        lo = after;
    }
    Ok(summary)
}

/// Sites read a statement at a time by [`finished_sites`] in id order: a few first (a month's
/// first run stops at its first site), then many (each statement's rows come as they are read).
const FINISHED_FIRST: i64 = 64;
const FINISHED_BATCH: i64 = 16_384;

/// Counts the sites from id `from` on, in id order, whose stored tallies answer for `period`
/// (nothing of them can be charged: see [`Tally::answers`]), as [`deduct_chunk`] would without
/// writing anything, up to the first site whose tally does not answer; returns the count (in
/// one part, or two in id order, each keeping `room` alerts) and that site's id (`None` when
/// every site answered). A rerun of a finished month is thus one read of its sites, not a write
/// transaction per chunk.
///
/// The first [`FINISHED_FIRST`] sites are read in id order (where a month's first run stops).
/// When they all answer, the rest are read in whatever order the engine reads a table: on
/// PostgreSQL a scan of the table, not a walk of its key through the heap, which cost the no-op
/// rerun of 100k sites more than the client's counting. If every one answers, that is the
/// whole count (the alerts kept are those of the smallest ids, see [`Kept`]); if one does not,
/// that read counts for nothing and the sites are read on in id order from where the first
/// statement stopped, [`FINISHED_BATCH`] at a time, to the first that does not answer (at most
/// one statement's rows past it).
fn finished_sites(
    tx: &mut dyn Tx,
    period: Period,
    from: i64,
    alert_months: u64,
    room: (usize, usize),
) -> Result<(Vec<ChunkResult>, Option<i64>)> {
    let mut out = ChunkResult::keeping(room);
    // Read after the id before the first (none before the least id there is: no shortcut).
    let Some(before) = from.checked_sub(1) else {
        return Ok((Vec::new(), Some(from)));
    };
    let (mut after, mut limit) = (before, FINISHED_FIRST);
    loop {
        let (read, stop) = in_id_order(tx, period, &mut after, limit, alert_months, &mut out)?;
        if stop.is_some() || read < limit {
            return Ok((vec![out], stop));
        }
        if limit == FINISHED_FIRST
            && let Some(rest) = all_answering_after(tx, period, after, alert_months, room)?
        {
            return Ok((vec![out, rest], None));
        }
        limit = FINISHED_BATCH;
    }
}

/// Counts into `out`, as [`finished_sites`] does, the sites after id `after` in id order, at most
/// `limit` of them, up to the first whose tally does not answer; moves `after` to the last site
/// counted. Returns how many rows the statement read and the site it stopped at.
fn in_id_order(
    tx: &mut dyn Tx,
    period: Period,
    after: &mut i64,
    limit: i64,
    alert_months: u64,
    out: &mut ChunkResult,
) -> Result<(i64, Option<i64>)> {
    let (mut read, mut stop) = (0, None);
    // Row by row as they arrive (not `each_batched`): the client counts while the server reads
    // on, where a batch taken whole left the server idle while it was counted.
    tx.each(
        concat!(site_tallies!(), " WHERE id > ?1 ORDER BY id LIMIT ?2"),
        args![*after, limit],
        &mut |r| {
            read += 1;
            if stop.is_some() {
                return Ok(());
            }
            let mut site = read_site_tally(r)?;
            if !site.counted_by_tally(period) {
                stop = Some(site.site_id);
                return Ok(());
            }
            // Nothing to charge and the same tally: see `Tally::answers`.
            out.count(&site, alert_months);
            *after = site.site_id;
            Ok(())
        },
    )?;
    Ok((read, stop))
}

/// The count of every site after id `after`, read in no particular order, when every one's
/// tally answers for `period`; `None` as soon as one does not (the rows after it still arrive,
/// and are passed over without being decoded).
fn all_answering_after(
    tx: &mut dyn Tx,
    period: Period,
    after: i64,
    alert_months: u64,
    room: (usize, usize),
) -> Result<Option<ChunkResult>> {
    let mut rest = ChunkResult::keeping(room);
    let mut all = true;
    tx.each(
        concat!(site_tallies!(), " WHERE id > ?1"),
        args![after],
        &mut |r| {
            if all {
                let mut site = read_site_tally(r)?;
                all = site.counted_by_tally(period);
                if all {
                    rest.count(&site, alert_months);
                }
            }
            Ok(())
        },
    )?;
    Ok(all.then_some(rest))
}

/// At most `cap` site alerts, those of the smallest ids, whatever order the sites are counted
/// in; in id order when taken. Alerts are gathered and cut back to the `cap` smallest when they
/// reach twice that; from then on, a site after the last one kept is passed over at once (when
/// sites come in id order, every site after the first `2 * cap` alerts). The default keeps none.
#[derive(Default)]
struct Kept {
    cap: usize,
    alerts: Vec<SiteAlert>,
    /// The largest id kept at the last cut, when there was one.
    bound: Option<i64>,
}

impl Kept {
    fn new(cap: usize) -> Kept {
        Kept {
            cap,
            ..Kept::default()
        }
    }

    /// Whether an alert of site `id` would be kept.
    fn wants(&self, id: i64) -> bool {
        self.cap > 0 && self.bound.is_none_or(|b| id < b)
    }

    fn push(&mut self, alert: SiteAlert) {
        if self.wants(alert.id) {
            self.alerts.push(alert);
            if self.alerts.len() >= self.cap.saturating_mul(2) {
                self.cut();
            }
        }
    }

    /// Keeps the `cap` alerts of smallest id, in id order.
    fn cut(&mut self) {
        self.alerts.sort_by_key(|a| a.id);
        self.alerts.truncate(self.cap);
        if self.alerts.len() == self.cap {
            self.bound = self.alerts.last().map(|a| a.id);
        }
    }

    fn into_sorted(mut self) -> Vec<SiteAlert> {
        self.cut();
        self.alerts
    }
}

#[derive(Default)]
struct ChunkResult {
    sites_seen: u64,
    sites_charged: u64,
    units_charged: u64,
    credits_deducted: u64,
    units_waiting: u64,
    sites_halted: u64,
    sites_low: u64,
    halted: Kept,
    low: Kept,
}

impl ChunkResult {
    /// A result that keeps at most `room` (halted, low) alerts, of the sites of smallest id.
    fn keeping(room: (usize, usize)) -> ChunkResult {
        ChunkResult {
            halted: Kept::new(room.0),
            low: Kept::new(room.1),
            ..ChunkResult::default()
        }
    }

    /// Plans `site`'s charge (its units counted for the period) and counts it, keeping its
    /// alerts as far as [`Kept`] does.
    fn count(&mut self, site: &SiteUnits, alert_months: u64) -> billing::SitePlan {
        let plan = billing::plan_site(site.balance.max(0) as u64, site.paid, site.waiting());
        self.sites_seen += 1;
        if plan.charge > 0 {
            self.sites_charged += 1;
        }
        self.units_charged += plan.charge;
        self.credits_deducted += plan.charge;
        self.units_waiting += plan.waiting;
        self.sites_halted += u64::from(plan.halted);
        let units = site.units;
        let balance = site.balance - plan.charge as i64;
        let o = forecast::outlook(
            balance.max(0) as u64,
            units,
            site.paid + plan.charge,
            alert_months,
        );
        let low = o.is_low(alert_months);
        self.sites_low += u64::from(low);
        let keep_halted = plan.halted && self.halted.wants(site.site_id);
        let keep_low = low && self.low.wants(site.site_id);
        if keep_halted || keep_low {
            let alert = SiteAlert {
                id: site.site_id,
                name: site.name.clone(),
                units,
                units_waiting: plan.waiting,
                balance,
                months_covered: o.months_covered,
            };
            if keep_halted {
                self.halted.push(alert.clone());
            }
            if keep_low {
                self.low.push(alert);
            }
        }
        plan
    }
}

/// Charges the sites `lo <= id <= hi`, keeping at most `room` (halted, low) of their alerts.
fn deduct_chunk(
    tx: &mut dyn Tx,
    period: Period,
    stamp: &Stamp,
    (lo, hi): (i64, i64),
    dry_run: bool,
    alert_months: u64,
    room: (usize, usize),
) -> Result<ChunkResult> {
    let mut out = ChunkResult::keeping(room);
    let sites = units_of_period(tx, lo, hi, period)?;
    // The sites to charge and their units, oldest first, and those whose tally changes.
    let mut changed: Vec<(&SiteUnits, &[i64])> = Vec::new();
    for site in &sites {
        let plan = out.count(site, alert_months);
        let charge = site.oldest_due(plan.charge)?;
        if plan.charge > 0 || site.new_tally(period, plan.charge).is_some() {
            changed.push((site, charge));
        }
    }
    if !dry_run && !changed.is_empty() {
        charge_sites(tx, stamp, period, &changed)?;
    }
    Ok(out)
}

/// Charges each site its units as [`charge_units`] does site by site (the same ledger rows,
/// in the same order, charges and tallies), with the balances and names [`units_of_period`]
/// read in this transaction, through [`LedgerWriter::append_all`], and the charges and tallies
/// in a few statements for all. The chain's head is read only when a site is charged (a rerun
/// of a finished month charges none).
fn charge_sites(
    tx: &mut dyn Tx,
    stamp: &Stamp,
    period: Period,
    changed: &[(&SiteUnits, &[i64])],
) -> Result<()> {
    let tally = |(site, units): &(&SiteUnits, &[i64])| site.new_tally(period, units.len() as u64);
    // A charged site's tally is stored with its balance (one new version of its row); the
    // others' on their own.
    let (charged, uncharged): (Vec<_>, Vec<_>) =
        changed.iter().partition(|(_, units)| !units.is_empty());
    let tallies: Vec<_> = uncharged
        .iter()
        .filter_map(|c| tally(c).map(|t| (c.0.site_id, t)))
        .collect();
    if charged.is_empty() {
        return write_tallies(tx, &tallies);
    }
    let reference = charge_reference(period);
    let reasons: Vec<String> = charged
        .iter()
        .map(|(_, units)| charge_reason(period, units.len()))
        .collect();
    let entries: Vec<Entry> = charged
        .iter()
        .zip(&reasons)
        .map(|((site, units), reason)| charge_entry(site.site_id, units, reason, &reference))
        .collect();
    let balances: Vec<i64> = charged.iter().map(|(site, _)| site.balance).collect();
    let site_tallies: Vec<_> = charged.iter().map(tally).collect();
    let posted =
        LedgerWriter::new(tx, stamp)?.append_all(tx, &entries, &balances, &site_tallies)?;
    let rows: Vec<(i64, &[i64])> = posted
        .iter()
        .zip(&charged)
        .map(|(posted, (_, units))| (posted.ledger_id, *units))
        .collect();
    insert_charges(tx, period, &rows)?;
    write_tallies(tx, &tallies)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn alert(id: i64) -> SiteAlert {
        SiteAlert {
            id,
            name: format!("Site {id}"),
            units: 1,
            units_waiting: 1,
            balance: 0,
            months_covered: Some(0),
        }
    }

    proptest! {
        /// Whatever order the sites come in, the alerts kept are those of the `cap` smallest ids,
        /// in id order, and a site is wanted exactly when its alert would be among them so far.
        #[test]
        fn kept_alerts_are_the_smallest_ids_in_any_order(
            ids in proptest::sample::subsequence((1..400_i64).collect::<Vec<_>>(), 0..120)
                .prop_shuffle(),
            cap in prop_oneof![0..8_usize, Just(usize::MAX)],
        ) {
            let mut kept = Kept::new(cap);
            let mut seen: Vec<i64> = Vec::new();
            for &id in &ids {
                seen.sort_unstable();
                let among = cap > 0 && (seen.len() < cap || id < seen[cap - 1]);
                // Passing over a site is safe only when it cannot be among the smallest; a site
                // may be taken and cut later.
                if !kept.wants(id) {
                    prop_assert!(!among, "{id} was passed over, with {seen:?} seen (cap {cap})");
                }
                kept.push(alert(id));
                seen.push(id);
            }
            let mut expected = ids.clone();
            expected.sort_unstable();
            expected.truncate(cap);
            let got: Vec<i64> = kept.into_sorted().iter().map(|a| a.id).collect();
            prop_assert_eq!(got, expected);
        }
    }

    /// Sites in id order (as the chunks and the first statement count them): once twice `cap`
    /// alerts are gathered, every later site is passed over without its alert being built.
    #[test]
    fn in_id_order_later_sites_are_passed_over_once_the_cap_is_reached() {
        let mut kept = Kept::new(3);
        for id in 1..=6 {
            kept.push(alert(id));
        }
        assert!(!kept.wants(7));
        assert_eq!(
            kept.into_sorted().iter().map(|a| a.id).collect::<Vec<_>>(),
            [1, 2, 3]
        );
    }
}
