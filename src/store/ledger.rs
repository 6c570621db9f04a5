//! The append-only, hash-chained ledger. Every balance change goes through [`LedgerWriter`],
//! which moves the balance and appends the row in the caller's transaction.

use super::Stamp;
use super::sql::{ARRAY_ROWS, Engine, SqlRow, Tx, Value, int_array, opt_int_array, opt_text_array};
use crate::args;
use crate::domain::billing;
use crate::domain::chain::Payload;
pub use crate::domain::chain::{GENESIS, Row};
use crate::error::{Error, Kind, Result};
use std::collections::HashMap;

/// The greatest ledger row id a writer appends after: far beyond any real ledger's, and far
/// enough below `i64::MAX` that no transaction's rows reach it.
const MAX_ROW_ID: i64 = 1 << 62;

pub use crate::domain::billing::Pool;

/// The column of `site` that holds a pool's balance.
fn column(pool: Pool) -> &'static str {
    match pool {
        Pool::Video => "video_balance",
        Pool::Sms => "sms_balance",
    }
}

/// One balance change to append.
#[derive(Debug, Clone)]
pub struct Entry<'a> {
    pub site_id: i64,
    pub pool: Pool,
    pub amount: i64,
    /// Machine word: one of [`crate::domain::chain::kind`].
    pub kind: &'a str,
    /// Human words.
    pub reason: &'a str,
    /// What caused it: `voucher:CODE`, `payment:ID`, `period:YYYY-MM`, `sms:REF`.
    pub reference: &'a str,
    /// The facts behind it that the chain must cover (a payment, the units charged).
    pub payload: Payload,
}

impl Entry<'_> {
    /// A row must move credits.
    fn check(&self) -> Result<()> {
        if self.amount == 0 {
            return Err(Error::internal("a ledger row cannot move zero credits"));
        }
        Ok(())
    }

    /// Its ledger row, leaving `balance_after`; id, actor, time and hashes are the writer's
    /// to fill in.
    pub fn row(&self, balance_after: i64) -> Row {
        Row {
            id: 0,
            site_id: Some(self.site_id),
            pool: Some(self.pool.as_str().to_string()),
            amount: self.amount,
            balance_after: Some(balance_after),
            kind: self.kind.to_string(),
            reason: self.reason.to_string(),
            reference: self.reference.to_string(),
            actor: String::new(),
            created_at: String::new(),
            payload: self.payload.encode(),
            prev_hash: String::new(),
        }
    }
}

/// The result of an append.
#[derive(Debug, Clone, Copy)]
pub struct Posted {
    pub ledger_id: i64,
    pub balance_before: i64,
    pub balance_after: i64,
}

/// Appends rows within one transaction, keeping the chain head in memory. It holds no borrow of
/// the transaction: each append is handed it, so other reads and writes can go between.
pub struct LedgerWriter {
    actor: String,
    created_at: String,
    last_id: i64,
    last_hash: String,
}

impl LedgerWriter {
    /// Must be created inside the write transaction, so that the head cannot move meanwhile.
    pub fn new(tx: &mut dyn Tx, stamp: &Stamp) -> Result<LedgerWriter> {
        LedgerWriter::stamped(tx, &stamp.actor, &stamp.time())
    }

    /// A writer whose rows carry the given actor and time (the upgrade records past facts at
    /// the time they happened).
    pub fn stamped(tx: &mut dyn Tx, actor: &str, at: &str) -> Result<LedgerWriter> {
        let (last_id, last_hash) =
            super::unseen::ledger_head(tx)?.unwrap_or((0, GENESIS.to_string()));
        // Ids count up from 1 and no run comes near this; a row written by hand with an id near
        // the greatest there is would make the next one wrap round.
        if last_id > MAX_ROW_ID {
            return Err(Error::new(
                Kind::Internal,
                "ledger_altered",
                format!(
                    "the ledger's last row has the id {last_id}, which creditctl never gives; the ledger was altered outside creditctl (run `ledger verify`)"
                ),
            ));
        }
        Ok(LedgerWriter {
            actor: actor.to_string(),
            created_at: at.to_string(),
            last_id,
            last_hash,
        })
    }

    /// Moves the balance by `entry.amount` and appends the row. Refuses (exit 4) a change that
    /// would make the balance negative; the CHECK constraint is the backstop.
    pub fn append(&mut self, tx: &mut dyn Tx, entry: &Entry) -> Result<Posted> {
        entry.check()?;
        let column = column(entry.pool);
        let (balance_before, name) = tx
            .opt(
                &format!("SELECT {column}, name FROM site WHERE id = ?1"),
                args![entry.site_id],
                |r| Ok((r.int(0)?, r.text(1)?)),
            )?
            .ok_or_else(|| Error::not_found(format!("no site with ID {}", entry.site_id)))?;
        self.append_read(tx, entry, balance_before, &name, None)
    }

    /// [`append`](Self::append) for a caller that read the site's balance of the entry's pool
    /// (`balance_before`) and its name in this write transaction, so that nothing can have
    /// moved them since (the update is refused unless the balance is still that one). A `tally`
    /// (video pool only) is stored on the site in the statement that moves its balance, so that
    /// the site's row is written once; never over a later period's tally.
    pub fn append_read(
        &mut self,
        tx: &mut dyn Tx,
        entry: &Entry,
        balance_before: i64,
        name: &str,
        tally: Option<Tally>,
    ) -> Result<Posted> {
        let site = crate::domain::site::label(entry.site_id, name);
        self.post(tx, entry, balance_before, &site, tally)
    }

    /// [`append_read`](Self::append_read), the site named `site` in messages.
    fn post(
        &mut self,
        tx: &mut dyn Tx,
        entry: &Entry,
        balance_before: i64,
        site: &str,
        tally: Option<Tally>,
    ) -> Result<Posted> {
        entry.check()?;
        let column = column(entry.pool);
        let balance_after = billing::apply(entry.pool, site, balance_before, entry.amount)?;
        // The balance must still be the one read: a caller's stale read writes nothing.
        let set = match tally {
            None => tx.exec(
                &format!("UPDATE site SET {column} = ?1 WHERE id = ?2 AND {column} = ?3"),
                args![balance_after, entry.site_id, balance_before],
            )?,
            Some(t) if entry.pool == Pool::Video => tx.exec(
                "UPDATE site SET video_balance = ?1,
                     tally_period = CASE WHEN tally_period > ?4 THEN tally_period ELSE ?4 END,
                     tally_units = CASE WHEN tally_period > ?4 THEN tally_units ELSE ?5 END,
                     tally_paid = CASE WHEN tally_period > ?4 THEN tally_paid ELSE ?6 END
                 WHERE id = ?2 AND video_balance = ?3",
                args![balance_after, entry.site_id, balance_before, t.0, t.1, t.2],
            )?,
            Some(_) => return Err(Error::internal("a tally counts video units only")),
        };
        if set != 1 {
            return Err(Error::internal(format!(
                "the balance of {site} was not the one read in this transaction; nothing was written"
            )));
        }
        let id = self.push(tx, entry.row(balance_after))?;
        Ok(Posted {
            ledger_id: id,
            balance_before,
            balance_after,
        })
    }

    /// Appends an event: a change of value that moves no balance (an order, a price, a
    /// cancellation), so that the chain covers it too.
    pub fn event(
        &mut self,
        tx: &mut dyn Tx,
        kind: &str,
        reason: &str,
        reference: &str,
        payload: &Payload,
    ) -> Result<i64> {
        self.push(tx, Row::event(kind, reason, reference, payload))
    }

    fn push(&mut self, tx: &mut dyn Tx, row: Row) -> Result<i64> {
        let (row, hash) = self.next(row);
        let id = row.id;
        tx.exec(
            "INSERT INTO ledger (id, site_id, pool, amount, balance_after, kind, reason, reference, actor, created_at, payload, prev_hash, hash)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
            &insert_params(row, hash.clone()),
        )?;
        self.last_id = id;
        self.last_hash = hash;
        Ok(id)
    }

    /// `row` as the next row after the head: the next id, the writer's actor and time, the
    /// head's hash; and its own hash. The head does not move.
    fn next(&self, row: Row) -> (Row, String) {
        self.after(row, self.last_id, &self.last_hash)
    }

    /// `row` as the row after the row `id` whose hash is `hash` (`id` is at most
    /// [`MAX_ROW_ID`] plus the rows of one transaction).
    fn after(&self, mut row: Row, id: i64, hash: &str) -> (Row, String) {
        row.id = id + 1;
        row.actor.clone_from(&self.actor);
        row.created_at.clone_from(&self.created_at);
        hash.clone_into(&mut row.prev_hash);
        let hash = row.hash();
        (row, hash)
    }

    /// Appends many balance changes, as [`append_read`](Self::append_read) would one by one:
    /// the same rows, ids and hashes. `balances_before[i]` is the balance of entry i's site and
    /// pool that the caller read in this write transaction; `tallies` is empty, or holds entry
    /// i's site's tally to store with its video balance. An entry refused (a negative balance,
    /// a balance that is no longer the one read) refuses them all. SQLite posts them one by one
    /// (no round trips); PostgreSQL sets the balances and inserts the rows a few statements for
    /// all, one array per column (see [`insert_rows`]).
    pub fn append_all(
        &mut self,
        tx: &mut dyn Tx,
        entries: &[Entry],
        balances_before: &[i64],
        tallies: &[Option<Tally>],
    ) -> Result<Vec<Posted>> {
        if entries.len() != balances_before.len() {
            return Err(Error::internal("append_all needs one balance per entry"));
        }
        if !tallies.is_empty() && tallies.len() != entries.len() {
            return Err(Error::internal(
                "append_all needs no tally or one per entry",
            ));
        }
        let tally = |i: usize| tallies.get(i).copied().flatten();
        // A site and pool named twice moves on from its first change: (read, now).
        let mut balances: HashMap<(i64, Pool), (i64, i64)> = HashMap::new();
        if tx.engine() == Engine::Sqlite {
            let mut posted = Vec::with_capacity(entries.len());
            for (i, (entry, &read)) in entries.iter().zip(balances_before).enumerate() {
                let balance = balances
                    .entry((entry.site_id, entry.pool))
                    .or_insert((read, read));
                let site = format!("site {}", entry.site_id);
                let p = self.post(tx, entry, balance.1, &site, tally(i))?;
                balance.1 = p.balance_after;
                posted.push(p);
            }
            return Ok(posted);
        }
        // The head moves when every statement has run.
        let mut head = (self.last_id, self.last_hash.clone());
        // The tally stored with a site's video balance: the last one given for it.
        let mut site_tallies: HashMap<i64, Tally> = HashMap::new();
        let mut posted = Vec::with_capacity(entries.len());
        let mut rows = Vec::with_capacity(entries.len());
        for (i, (entry, &read)) in entries.iter().zip(balances_before).enumerate() {
            entry.check()?;
            if let Some(tally) = tally(i) {
                if entry.pool != Pool::Video {
                    return Err(Error::internal("a tally counts video units only"));
                }
                site_tallies.insert(entry.site_id, tally);
            }
            let balance = balances
                .entry((entry.site_id, entry.pool))
                .or_insert((read, read));
            let balance_before = balance.1;
            // (The callers plan within the balance: a refusal here names the site by ID.)
            let balance_after = billing::apply(
                entry.pool,
                &format!("site {}", entry.site_id),
                balance_before,
                entry.amount,
            )?;
            balance.1 = balance_after;
            let (row, hash) = self.after(entry.row(balance_after), head.0, &head.1);
            head = (row.id, hash.clone());
            posted.push(Posted {
                ledger_id: row.id,
                balance_before,
                balance_after,
            });
            rows.push((row, hash));
        }
        for pool in [Pool::Video, Pool::Sms] {
            let mut set: Vec<(i64, (i64, i64))> = balances
                .iter()
                .filter(|((_, p), _)| *p == pool)
                .map(|((site_id, _), balance)| (*site_id, *balance))
                .collect();
            set.sort_unstable();
            let sites = set.len();
            let tallies = match pool {
                Pool::Video => &site_tallies,
                Pool::Sms => &HashMap::new(),
            };
            let changed = set_balances(tx, pool, &set, tallies)?;
            // Every balance moves with its row, from the balance read, or the transaction
            // writes nothing.
            if changed != sites as u64 {
                return Err(Error::internal(format!(
                    "{changed} of {sites} site balances were set: the others were not the one read in this transaction; nothing was written"
                )));
            }
        }
        insert_rows(tx, &rows)?;
        (self.last_id, self.last_hash) = head;
        Ok(posted)
    }
}

/// Inserts chained rows (each with its hash) on PostgreSQL: one array per column,
/// [`ARRAY_ROWS`] rows a statement.
fn insert_rows(tx: &mut dyn Tx, rows: &[(Row, String)]) -> Result<()> {
    for chunk in rows.chunks(ARRAY_ROWS) {
        let ints = |f: fn(&Row) -> Option<i64>| opt_int_array(chunk.iter().map(|(r, _)| f(r)));
        let texts = |f: fn(&(Row, String)) -> Option<&str>| opt_text_array(chunk.iter().map(f));
        tx.exec(
            &format!(
                "INSERT INTO ledger ({ROW_COLUMNS}) SELECT * FROM unnest(
                    CAST(?1 AS BIGINT[]), CAST(?2 AS BIGINT[]), CAST(?3 AS TEXT[]), CAST(?4 AS BIGINT[]),
                    CAST(?5 AS BIGINT[]), CAST(?6 AS TEXT[]), CAST(?7 AS TEXT[]), CAST(?8 AS TEXT[]),
                    CAST(?9 AS TEXT[]), CAST(?10 AS TEXT[]), CAST(?11 AS TEXT[]), CAST(?12 AS TEXT[]),
                    CAST(?13 AS TEXT[]))"
            ),
            &[
                ints(|r| Some(r.id)),
                ints(|r| r.site_id),
                texts(|(r, _)| r.pool.as_deref()),
                ints(|r| Some(r.amount)),
                ints(|r| r.balance_after),
                texts(|(r, _)| Some(&r.kind)),
                texts(|(r, _)| Some(&r.reason)),
                texts(|(r, _)| Some(&r.reference)),
                texts(|(r, _)| Some(&r.actor)),
                texts(|(r, _)| Some(&r.created_at)),
                texts(|(r, _)| Some(&r.payload)),
                texts(|(r, _)| Some(&r.prev_hash)),
                texts(|(_, hash)| Some(hash)),
            ],
        )?;
    }
    Ok(())
}

/// A site's tally for a period: (period as `yyyymm`, billable units, of them paid). See
/// [`crate::store::billing`].
pub type Tally = (i64, u64, u64);

/// Sets each site's balance of `pool` on PostgreSQL, `set` holding (site, (balance read,
/// new balance)), unless it is no longer the one read; a video balance takes with it the
/// tally given for its site (a site without one, or holding a later period's, keeps its own),
/// so that each site's row is written once. Returns the sites set.
fn set_balances(
    tx: &mut dyn Tx,
    pool: Pool,
    set: &[(i64, (i64, i64))],
    tallies: &HashMap<i64, Tally>,
) -> Result<u64> {
    let column = column(pool);
    let mut changed = 0;
    for chunk in set.chunks(ARRAY_ROWS) {
        let tally =
            |f: fn(&Tally) -> i64| opt_int_array(chunk.iter().map(|s| tallies.get(&s.0).map(f)));
        let (lo, hi) = id_bounds(chunk.iter().map(|s| s.0));
        changed += tx.exec(
            &format!(
                "UPDATE site SET {column} = v.balance,
                     tally_period = CASE WHEN v.period IS NULL OR site.tally_period > v.period THEN site.tally_period ELSE v.period END,
                     tally_units = CASE WHEN v.period IS NULL OR site.tally_period > v.period THEN site.tally_units ELSE v.units END,
                     tally_paid = CASE WHEN v.period IS NULL OR site.tally_period > v.period THEN site.tally_paid ELSE v.paid END
                 FROM unnest(CAST(?1 AS BIGINT[]), CAST(?2 AS BIGINT[]), CAST(?3 AS BIGINT[]),
                             CAST(?4 AS BIGINT[]), CAST(?5 AS BIGINT[]), CAST(?6 AS BIGINT[]))
                      AS v(id, read, balance, period, units, paid)
                 WHERE site.id = v.id AND site.{column} = v.read
                   AND site.id >= ?7 AND site.id <= ?8"
            ),
            &[
                int_array(chunk.iter().map(|s| s.0)),
                int_array(chunk.iter().map(|s| s.1.0)),
                int_array(chunk.iter().map(|s| s.1.1)),
                tally(|t| t.0),
                tally(|t| t.1 as i64),
                tally(|t| t.2 as i64),
                lo,
                hi,
            ],
        )?;
    }
    Ok(changed)
}

/// The least and the greatest of `ids`, bounding a statement that joins an array of site ids
/// with the site table: without them PostgreSQL's planner read the whole table for each array
/// (a hash join over 100k sites, 25 ms a 5,000-site chunk); with them it reads the range.
pub(super) fn id_bounds(ids: impl Iterator<Item = i64>) -> (Value, Value) {
    let (lo, hi) = ids.fold((i64::MAX, i64::MIN), |(lo, hi), id| {
        (lo.min(id), hi.max(id))
    });
    (Value::Int(lo), Value::Int(hi))
}

/// The parameters of the ledger's `INSERT`, in [`ROW_COLUMNS`] order.
fn insert_params(row: Row, hash: String) -> [Value; 13] {
    [
        Value::Int(row.id),
        row.site_id.into(),
        row.pool.into(),
        Value::Int(row.amount),
        row.balance_after.into(),
        row.kind.into(),
        row.reason.into(),
        row.reference.into(),
        row.actor.into(),
        row.created_at.into(),
        row.payload.into(),
        row.prev_hash.into(),
        hash.into(),
    ]
}

pub(crate) const ROW_COLUMNS: &str = "id, site_id, pool, amount, balance_after, kind, reason, reference, actor, created_at, payload, prev_hash, hash";

/// Reads a row selected with [`ROW_COLUMNS`]; the stored hash is column 12.
pub(crate) fn read_row(r: &dyn SqlRow) -> Result<Row> {
    Ok(Row {
        id: r.int(0)?,
        site_id: r.opt_int(1)?,
        pool: r.opt_text(2)?,
        amount: r.int(3)?,
        balance_after: r.opt_int(4)?,
        kind: r.text(5)?,
        reason: r.text(6)?,
        reference: r.text(7)?,
        actor: r.text(8)?,
        created_at: r.text(9)?,
        payload: r.text(10)?,
        prev_hash: r.text(11)?,
    })
}

/// Hands `f` a site's rows after the row `after`, oldest first, as they are read.
pub fn history(
    tx: &mut dyn Tx,
    site_id: i64,
    after: Option<i64>,
    f: &mut dyn FnMut(Row) -> Result<()>,
) -> Result<()> {
    tx.stream(
        &format!("SELECT {ROW_COLUMNS} FROM ledger WHERE site_id = ?1 AND id > ?2 ORDER BY id"),
        args![site_id, after.unwrap_or(0)],
        &mut |_, r| f(read_row(r)?),
    )
}

pub use super::verify::{Verified, verify};
