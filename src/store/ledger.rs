//! The append-only, hash-chained ledger. Every balance change goes through [`LedgerWriter`],
//! which moves the balance and appends the row in the caller's transaction.

use rusqlite::{Connection, OptionalExtension, params};
use serde::Serialize;
use sha2::{Digest, Sha256};
use std::collections::HashMap;

use super::Stamp;
use crate::error::{Error, Kind, Result};

/// The `prev_hash` of the first row.
pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

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

    fn column(self) -> &'static str {
        match self {
            Pool::Video => "video_balance",
            Pool::Sms => "sms_balance",
        }
    }

    fn parse(s: &str) -> Option<Pool> {
        match s {
            "video" => Some(Pool::Video),
            "sms" => Some(Pool::Sms),
            _ => None,
        }
    }
}

/// One balance change to append.
#[derive(Debug, Clone)]
pub struct Entry<'a> {
    pub site_id: i64,
    pub pool: Pool,
    pub amount: i64,
    /// Machine word: voucher, purchase, adjustment, charge, sms.
    pub kind: &'a str,
    /// Human words.
    pub reason: &'a str,
    /// What caused it: `voucher:CODE`, `payment:ID`, `period:YYYY-MM`, `sms:REF`.
    pub reference: &'a str,
}

/// The result of an append.
#[derive(Debug, Clone, Copy)]
pub struct Posted {
    pub ledger_id: i64,
    pub balance_before: i64,
    pub balance_after: i64,
}

/// Appends rows within one transaction, keeping the chain head in memory.
pub struct LedgerWriter<'c> {
    conn: &'c Connection,
    stamp: &'c Stamp,
    created_at: String,
    last_id: i64,
    last_hash: String,
}

impl<'c> LedgerWriter<'c> {
    /// Must be created inside the write transaction, so that the head cannot move meanwhile.
    pub fn new(conn: &'c Connection, stamp: &'c Stamp) -> Result<LedgerWriter<'c>> {
        let (last_id, last_hash) = conn
            .query_row(
                "SELECT id, hash FROM ledger ORDER BY id DESC LIMIT 1",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?
            .unwrap_or((0, GENESIS.to_string()));
        Ok(LedgerWriter {
            conn,
            stamp,
            created_at: stamp.time(),
            last_id,
            last_hash,
        })
    }

    /// Moves the balance by `entry.amount` and appends the row. Refuses (exit 4) a change that
    /// would make the balance negative; the CHECK constraint is the backstop.
    pub fn append(&mut self, entry: &Entry) -> Result<Posted> {
        if entry.amount == 0 {
            return Err(Error::internal("a ledger row cannot move zero credits"));
        }
        let column = entry.pool.column();
        let balance_before: i64 = self
            .conn
            .prepare_cached(&format!("SELECT {column} FROM site WHERE id = ?1"))?
            .query_row([entry.site_id], |r| r.get(0))?;
        let balance_after = balance_before
            .checked_add(entry.amount)
            .ok_or_else(|| Error::usage("that amount is too large for a balance"))?;
        if balance_after < 0 {
            return Err(Error::refused(
                "insufficient_credits",
                format!(
                    "the {} pool of site {} holds {balance_before}, which cannot cover {}; nothing was written",
                    entry.pool.as_str(),
                    entry.site_id,
                    -entry.amount
                ),
            ));
        }
        self.conn
            .prepare_cached(&format!("UPDATE site SET {column} = ?1 WHERE id = ?2"))?
            .execute(params![balance_after, entry.site_id])?;
        let id = self.last_id + 1;
        let row = Row {
            id,
            site_id: entry.site_id,
            pool: entry.pool.as_str().to_string(),
            amount: entry.amount,
            balance_after,
            kind: entry.kind.to_string(),
            reason: entry.reason.to_string(),
            reference: entry.reference.to_string(),
            actor: self.stamp.actor.clone(),
            created_at: self.created_at.clone(),
            prev_hash: std::mem::take(&mut self.last_hash),
        };
        let hash = row.hash();
        self.conn
            .prepare_cached(
                "INSERT INTO ledger (id, site_id, pool, amount, balance_after, kind, reason, reference, actor, created_at, prev_hash, hash)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
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
                row.prev_hash,
                hash
            ])?;
        self.last_id = id;
        self.last_hash = hash;
        Ok(Posted {
            ledger_id: id,
            balance_before,
            balance_after,
        })
    }
}

/// A ledger row as stored.
#[derive(Debug, Clone, Serialize)]
pub struct Row {
    pub id: i64,
    pub site_id: i64,
    pub pool: String,
    pub amount: i64,
    pub balance_after: i64,
    pub kind: String,
    pub reason: String,
    pub reference: String,
    pub actor: String,
    pub created_at: String,
    #[serde(skip)]
    pub prev_hash: String,
}

impl Row {
    /// SHA-256 over every field, each length-prefixed so that no two rows encode alike.
    pub fn hash(&self) -> String {
        let mut h = Sha256::new();
        let mut field = |bytes: &[u8]| {
            h.update((bytes.len() as u64).to_le_bytes());
            h.update(bytes);
        };
        field(&self.id.to_le_bytes());
        field(&self.site_id.to_le_bytes());
        field(self.pool.as_bytes());
        field(&self.amount.to_le_bytes());
        field(&self.balance_after.to_le_bytes());
        field(self.kind.as_bytes());
        field(self.reason.as_bytes());
        field(self.reference.as_bytes());
        field(self.actor.as_bytes());
        field(self.created_at.as_bytes());
        field(self.prev_hash.as_bytes());
        hex(&h.finalize())
    }

    fn read(r: &rusqlite::Row) -> rusqlite::Result<Row> {
        Ok(Row {
            id: r.get(0)?,
            site_id: r.get(1)?,
            pool: r.get(2)?,
            amount: r.get(3)?,
            balance_after: r.get(4)?,
            kind: r.get(5)?,
            reason: r.get(6)?,
            reference: r.get(7)?,
            actor: r.get(8)?,
            created_at: r.get(9)?,
            prev_hash: r.get(10)?,
        })
    }
}

const ROW_COLUMNS: &str = "id, site_id, pool, amount, balance_after, kind, reason, reference, actor, created_at, prev_hash, hash";

fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    bytes
        .iter()
        .flat_map(|b| {
            [
                DIGITS[(b >> 4) as usize] as char,
                DIGITS[(b & 15) as usize] as char,
            ]
        })
        .collect()
}

/// A site's rows, oldest first.
pub fn history(conn: &Connection, site_id: i64) -> Result<Vec<Row>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {ROW_COLUMNS} FROM ledger WHERE site_id = ?1 ORDER BY id"
    ))?;
    let rows = stmt
        .query_map([site_id], Row::read)?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

/// What `ledger verify` found when everything holds.
#[derive(Debug, Clone, Serialize)]
pub struct Verified {
    pub ok: bool,
    pub rows: i64,
    pub sites: i64,
    pub charges: i64,
    /// The hash of the last row: keep it elsewhere to detect a rewrite of the whole chain.
    pub head: String,
}

/// Checks the hash chain, every running balance, every site balance against its ledger sum, and
/// that each charge row is backed by exactly one credit of a charge entry.
pub fn verify(conn: &Connection) -> Result<Verified> {
    let altered = |msg: String| Error::new(Kind::Internal, "ledger_altered", msg);
    let mut stmt = conn.prepare(&format!("SELECT {ROW_COLUMNS} FROM ledger ORDER BY id"))?;
    let mut rows = stmt.query([])?;
    let mut running: HashMap<(i64, Pool), i64> = HashMap::new();
    let mut charge_debits: HashMap<i64, i64> = HashMap::new();
    let (mut prev_id, mut prev_hash, mut count) = (0i64, GENESIS.to_string(), 0i64);
    while let Some(r) = rows.next()? {
        let row = Row::read(r)?;
        let stored_hash: String = r.get(11)?;
        let at = format!("ledger row {}", row.id);
        if row.id != prev_id + 1 {
            return Err(altered(format!(
                "{at}: rows {}..{} are missing; the ledger was altered outside creditctl",
                prev_id + 1,
                row.id - 1
            )));
        }
        if row.prev_hash != prev_hash {
            return Err(altered(format!(
                "{at}: it does not chain to row {prev_id}; the ledger was altered outside creditctl"
            )));
        }
        if row.hash() != stored_hash {
            return Err(altered(format!(
                "{at}: its content does not match its hash; the ledger was altered outside creditctl"
            )));
        }
        let pool = Pool::parse(&row.pool)
            .ok_or_else(|| altered(format!("{at}: unknown pool '{}'", row.pool)))?;
        let sum = running.entry((row.site_id, pool)).or_insert(0);
        *sum += row.amount;
        if *sum != row.balance_after || *sum < 0 {
            return Err(altered(format!(
                "{at}: balance after is {} but the rows before it sum to {}; the ledger was altered outside creditctl",
                row.balance_after, sum
            )));
        }
        if row.kind == "charge" {
            charge_debits.insert(row.id, -row.amount);
        }
        prev_id = row.id;
        prev_hash = stored_hash;
        count += 1;
    }
    drop(rows);

    let mut sites = conn.prepare("SELECT id, video_balance, sms_balance FROM site ORDER BY id")?;
    let mut site_rows = sites.query([])?;
    let mut site_count = 0;
    while let Some(r) = site_rows.next()? {
        let (id, video, sms): (i64, i64, i64) = (r.get(0)?, r.get(1)?, r.get(2)?);
        for (pool, balance) in [(Pool::Video, video), (Pool::Sms, sms)] {
            let sum = running.get(&(id, pool)).copied().unwrap_or(0);
            if sum != balance {
                return Err(altered(format!(
                    "site {id}: its {} balance is {balance} but its ledger rows sum to {sum}; the balance was altered outside creditctl",
                    pool.as_str()
                )));
            }
        }
        site_count += 1;
    }

    let mut charges = conn
        .prepare("SELECT ledger_id, count(*) FROM charge GROUP BY ledger_id ORDER BY ledger_id")?;
    let mut charge_rows = charges.query([])?;
    let mut charge_count = 0;
    while let Some(r) = charge_rows.next()? {
        let (ledger_id, n): (i64, i64) = (r.get(0)?, r.get(1)?);
        if charge_debits.remove(&ledger_id) != Some(n) {
            return Err(altered(format!(
                "ledger row {ledger_id}: it does not debit one credit for each of its {n} unit charges; charges were altered outside creditctl"
            )));
        }
        charge_count += n;
    }
    if let Some(id) = charge_debits.keys().min() {
        return Err(altered(format!(
            "ledger row {id}: a monthly charge with no unit charges behind it; charges were altered outside creditctl"
        )));
    }
    Ok(Verified {
        ok: true,
        rows: count,
        sites: site_count,
        charges: charge_count,
        head: prev_hash,
    })
}
