//! `ledger verify`: checks the file, the hash chain and every running balance, re-derives from
//! the chain every state that carries value (charges, vouchers and their orders, licenses,
//! payments, prices, SMS spending, signing keys), and checks every checkpoint (a signature over
//! the chain's row count and head hash) against the chain, naming the first difference it finds.
//!
//! Tables are read in streams merged with the chain (each ordered by the key the chain orders
//! them by), so memory stays flat however long the ledger is.

use serde::Serialize;
use std::cmp::Ordering;
use std::collections::{BTreeMap, HashMap};

use super::ledger::{GENESIS, Pool, ROW_COLUMNS};
use super::sql::{Tx, Value, ValueRef};
use crate::args;
use crate::domain::billing;
use crate::domain::chain::{Digested, Payload, PaymentFact, RowDigest, RowRef, kind};
use crate::domain::period::Period;
use crate::domain::signing::{self, CheckpointDoc, Signed};
use crate::domain::site::Model;
use crate::domain::voucher::VoucherType;
use crate::error::{Error, Kind, Result};

pub(crate) use super::seed::{LICENSE_DIGEST, VOUCHER_DIGEST};

/// What `ledger verify` found when everything holds.
#[derive(Debug, Clone, Serialize)]
pub struct Verified {
    pub ok: bool,
    pub rows: i64,
    pub sites: i64,
    pub charges: i64,
    pub vouchers: i64,
    pub payments: i64,
    /// The hash of the last row: keep it elsewhere to detect a rewrite of the whole chain.
    pub head: String,
    /// Signing keys registered, each as the chain recorded it.
    pub keys: i64,
    /// Checkpoints stored in the ledger, each checked.
    pub checkpoints: i64,
    /// Checkpoints kept outside (`--checkpoint FILE`), each checked.
    pub external_checkpoints: i64,
    /// The row count the newest checkpoint signed (0 when there is none).
    pub anchored_rows: i64,
    /// When the newest checkpoint was signed.
    pub anchored_at: Option<String>,
    /// Rows after the newest checkpoint: what no signature covers yet.
    pub unanchored: i64,
}

impl Verified {
    /// Counts a checkpoint that held: the newest is the one that covers most rows (the latest
    /// of those, by time).
    fn anchor(&mut self, doc: &CheckpointDoc) {
        if doc.rows > self.anchored_rows
            || (doc.rows == self.anchored_rows
                && self.anchored_at.as_ref().is_none_or(|t| doc.time > *t))
        {
            self.anchored_rows = doc.rows;
            self.anchored_at = Some(doc.time.clone());
        }
        self.unanchored = self.rows - self.anchored_rows;
    }
}

fn altered(msg: impl Into<String>) -> Error {
    Error::new(
        Kind::Internal,
        "ledger_altered",
        format!("{}; the ledger was altered outside creditctl", msg.into()),
    )
}

/// Rows read per query: memory stays bounded however long the ledger is.
const BATCH: i64 = 4096;

/// Rows read per query of the charges, four for each unit a month: a charge is three numbers,
/// so a batch of this many holds about as much as one of [`BATCH`] ledger rows, in a quarter
/// of the statements (on PostgreSQL each is a round trip and an index descent).
const CHARGE_BATCH: i64 = 16_384;

/// One value of a batch; text is a range of the batch's one text buffer, so that reading a row
/// allocates nothing once the buffers have grown to a batch's size.
#[derive(Debug, Clone, Copy)]
enum Cell {
    Null,
    Int(i64),
    Text(usize, usize),
}

/// A stream of table rows in key order, read in batches after the last key seen (keyset
/// paging), so that several streams can be merged with the chain on one connection. The first
/// `key_width` columns are the key; column 0 is the group a row belongs to. A row is named by
/// its index in the batch ([`Cursor::take`]), valid until the cursor reads the next batch.
struct Cursor {
    /// `SELECT key…, rest… FROM t WHERE (key…) > (?1…) ORDER BY key… LIMIT ?n`.
    sql: String,
    /// Rows a query reads.
    batch: i64,
    key_width: usize,
    last: Vec<Value>,
    /// The batch: `width` cells a row, row after row.
    cells: Vec<Cell>,
    text: String,
    width: usize,
    rows: usize,
    next: usize,
    done: bool,
}

impl Cursor {
    fn new(select: &str, from: &str, key: &[&str]) -> Cursor {
        Cursor::batched(select, from, key, BATCH)
    }

    fn batched(select: &str, from: &str, key: &[&str], batch: i64) -> Cursor {
        let marks: Vec<String> = (1..=key.len()).map(|i| format!("?{i}")).collect();
        let sql = format!(
            "SELECT {select} FROM {from} WHERE ({}) > ({}) ORDER BY {} LIMIT ?{}",
            key.join(", "),
            marks.join(", "),
            key.join(", "),
            key.len() + 1
        );
        Cursor {
            sql,
            batch,
            key_width: key.len(),
            last: vec![Value::Int(i64::MIN); key.len()],
            cells: Vec::new(),
            text: String::new(),
            width: 0,
            rows: 0,
            next: 0,
            done: false,
        }
    }

    /// The index of the next row, reading the next batch when this one is used up.
    fn peek(&mut self, tx: &mut dyn Tx) -> Result<Option<usize>> {
        if self.next == self.rows && !self.done {
            let mut params = std::mem::take(&mut self.last);
            params.push(Value::Int(self.batch));
            let (cells, text, width) = (&mut self.cells, &mut self.text, &mut self.width);
            cells.clear();
            text.clear();
            let mut rows = 0;
            tx.each_whole(&self.sql, &params, &mut |r| {
                *width = r.width();
                for i in 0..r.width() {
                    cells.push(match r.cell(i)? {
                        ValueRef::Null => Cell::Null,
                        ValueRef::Int(v) => Cell::Int(v),
                        ValueRef::Text(t) => {
                            text.push_str(t);
                            Cell::Text(text.len() - t.len(), text.len())
                        }
                    });
                }
                rows += 1;
                Ok(())
            })?;
            (self.rows, self.next) = (rows, 0);
            params.truncate(self.key_width);
            self.last = params;
            if rows == 0 {
                self.done = true;
            } else {
                for k in 0..self.key_width {
                    self.last[k] = match self.cell(rows - 1, k) {
                        Cell::Null => Value::Null,
                        Cell::Int(v) => Value::Int(v),
                        Cell::Text(a, b) => Value::Text(self.text[a..b].to_string()),
                    };
                }
            }
        }
        Ok((self.next < self.rows).then_some(self.next))
    }

    /// The group of the next row, if any.
    fn next_key(&mut self, tx: &mut dyn Tx) -> Result<Option<i64>> {
        Ok(self.peek(tx)?.map(|row| self.int(row, 0)))
    }

    fn take(&mut self, tx: &mut dyn Tx) -> Result<Option<usize>> {
        let row = self.peek(tx)?;
        if row.is_some() {
            self.next += 1;
        }
        Ok(row)
    }

    fn cell(&self, row: usize, col: usize) -> Cell {
        self.cells[row * self.width + col]
    }

    /// A number, or `i64::MIN` for anything else.
    fn int(&self, row: usize, col: usize) -> i64 {
        match self.cell(row, col) {
            Cell::Int(i) => i,
            _ => i64::MIN,
        }
    }

    fn opt_int(&self, row: usize, col: usize) -> Option<i64> {
        match self.cell(row, col) {
            Cell::Null => None,
            _ => Some(self.int(row, col)),
        }
    }

    /// Text, or nothing for anything else.
    fn opt_text(&self, row: usize, col: usize) -> Option<&str> {
        match self.cell(row, col) {
            Cell::Text(a, b) => Some(&self.text[a..b]),
            _ => None,
        }
    }

    /// Text, or `""` for anything else.
    fn text(&self, row: usize, col: usize) -> &str {
        self.opt_text(row, col).unwrap_or_default()
    }

    /// Feeds every row of group `key` (after column 0) to a digest; a row of a smaller group is
    /// one the chain does not know, reported by `orphan`.
    fn digest_group(
        &mut self,
        tx: &mut dyn Tx,
        key: i64,
        orphan: impl Fn(i64) -> Error,
    ) -> Result<Digested> {
        let mut d = RowDigest::new();
        while let Some(k) = self.next_key(tx)? {
            if k < key {
                return Err(orphan(k));
            }
            if k > key {
                break;
            }
            let row = self.take(tx)?.unwrap_or_default();
            for col in 1..self.width {
                match self.cell(row, col) {
                    Cell::Null => d.null(),
                    Cell::Int(i) => d.int(i),
                    Cell::Text(a, b) => d.text(&self.text[a..b]),
                };
            }
            d.end_row();
        }
        Ok(d.finish())
    }
}

/// A ledger row of a batch of the chain: its text is ranges of the batch's text buffer.
#[derive(Debug, Clone, Copy)]
struct ChainRow {
    id: i64,
    site_id: Option<i64>,
    pool: Option<(usize, usize)>,
    amount: i64,
    balance_after: Option<i64>,
    /// kind, reason, reference, actor, created_at, payload, prev_hash, hash.
    text: [(usize, usize); 8],
}

/// The chain read in batches of [`BATCH`] rows by id, its text kept in one buffer.
#[derive(Default)]
struct Chain {
    rows: Vec<ChainRow>,
    text: String,
}

impl Chain {
    /// The rows after `after`, read as `ledger::read_row` reads them (the same refusals of a value
    /// of the wrong type).
    fn read(&mut self, tx: &mut dyn Tx, after: i64) -> Result<()> {
        let sql = format!("SELECT {ROW_COLUMNS} FROM ledger WHERE id > ?1 ORDER BY id LIMIT ?2");
        let (rows, text) = (&mut self.rows, &mut self.text);
        rows.clear();
        text.clear();
        tx.each_whole(&sql, args![after, BATCH], &mut |r| {
            let mut put = |t: &str| {
                text.push_str(t);
                (text.len() - t.len(), text.len())
            };
            let id = r.int(0)?;
            let site_id = r.opt_int(1)?;
            let pool = r.str_at(2)?.map(&mut put);
            let amount = r.int(3)?;
            let balance_after = r.opt_int(4)?;
            let mut texts = [(0, 0); 8];
            for (i, range) in texts.iter_mut().enumerate() {
                let col = 5 + i;
                let t = r.str_at(col)?.ok_or_else(|| {
                    Error::internal(format!("the ledger holds no text in column {col}"))
                })?;
                *range = put(t);
            }
            rows.push(ChainRow {
                id,
                site_id,
                pool,
                amount,
                balance_after,
                text: texts,
            });
            Ok(())
        })
    }

    fn str(&self, (a, b): (usize, usize)) -> &str {
        &self.text[a..b]
    }

    /// Row `i` of the batch, and its stored hash.
    fn row(&self, i: usize) -> (RowRef<'_>, &str) {
        let r = &self.rows[i];
        let t = |k: usize| self.str(r.text[k]);
        (
            RowRef {
                id: r.id,
                site_id: r.site_id,
                pool: r.pool.map(|p| self.str(p)),
                amount: r.amount,
                balance_after: r.balance_after,
                kind: t(0),
                reason: t(1),
                reference: t(2),
                actor: t(3),
                created_at: t(4),
                payload: t(5),
                prev_hash: t(6),
            },
            t(7),
        )
    }
}

/// Hashes a site id by one multiplication: the running balances are keyed by the ledger's own
/// ids, which need no defence against chosen keys (std's SipHash is one).
#[derive(Default)]
struct IdHasher(u64);

impl std::hash::Hasher for IdHasher {
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.write_u64(u64::from(b));
        }
    }

    fn write_u64(&mut self, v: u64) {
        self.0 = (self.0.rotate_left(5) ^ v).wrapping_mul(0x517c_c1b7_2722_0a95);
    }

    fn write_i64(&mut self, v: i64) {
        self.write_u64(v as u64);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

/// What the chain says of one site: its running balance per pool, and the latest period it
/// charged the site for, with how many units (what a site's tally is checked against).
#[derive(Clone, Copy, Default)]
struct SiteSums {
    pools: [i64; 2],
    /// The latest period (`yyyymm`) the chain charged the site for; 0 before any charge.
    period: i64,
    /// The units the chain charged the site for in `period`.
    charged: i64,
}

/// Each site's [`SiteSums`]: in a vector indexed by site id for ids up to the largest site's
/// (ids are handed out one after the other; a lookup a row in a map of 200k entries missed the
/// cache), at most [`DENSE_SITES`] of them, else in a map.
struct Running {
    dense: Vec<SiteSums>,
    sparse: HashMap<i64, SiteSums, std::hash::BuildHasherDefault<IdHasher>>,
}

/// The most site ids [`Running`] holds in its vector: 32 MiB. A ledger whose largest site id
/// is beyond it (sites made elsewhere with chosen ids) sums in the map.
const DENSE_SITES: i64 = 1 << 20;

impl Running {
    /// Room by id for sites `0..=largest`, when that is at most [`DENSE_SITES`].
    fn new(largest: Option<i64>) -> Running {
        let dense = match largest {
            Some(n) if (0..DENSE_SITES).contains(&n) => vec![SiteSums::default(); n as usize + 1],
            _ => Vec::new(),
        };
        Running {
            dense,
            sparse: HashMap::default(),
        }
    }

    fn pool(pool: Pool) -> usize {
        match pool {
            Pool::Video => 0,
            Pool::Sms => 1,
        }
    }

    fn site_mut(&mut self, site: i64) -> &mut SiteSums {
        match usize::try_from(site)
            .ok()
            .and_then(|i| self.dense.get_mut(i))
        {
            Some(sums) => sums,
            None => self.sparse.entry(site).or_default(),
        }
    }

    fn site(&self, site: i64) -> SiteSums {
        match usize::try_from(site).ok().and_then(|i| self.dense.get(i)) {
            Some(sums) => *sums,
            None => self.sparse.get(&site).copied().unwrap_or_default(),
        }
    }

    fn sum(&mut self, site: i64, pool: Pool) -> &mut i64 {
        &mut self.site_mut(site).pools[Self::pool(pool)]
    }

    fn get(&self, site: i64, pool: Pool) -> i64 {
        self.site(site).pools[Self::pool(pool)]
    }

    /// Counts `units` charged to `site` for `period`, when that is the latest period charged
    /// to it so far.
    fn charged(&mut self, site: i64, period: i64, units: usize) {
        let sums = self.site_mut(site);
        if period > sums.period {
            (sums.period, sums.charged) = (period, 0);
        }
        if period == sums.period {
            sums.charged += units as i64;
        }
    }
}

/// Checks the chain and re-derives every state that carries value from it. The engine's own
/// check of its storage runs first (the caller's `Store::check_storage`).
pub fn verify(tx: &mut dyn Tx) -> Result<Verified> {
    let mut charges = Cursor::batched(
        "ledger_id, unit_id, period",
        "charge",
        &["ledger_id", "unit_id"],
        CHARGE_BATCH,
    );
    let mut payments = Cursor::new(
        "id, kind, method, amount_minor, currency, distributor_id, site_id, description, actor, created_at",
        "payment",
        &["id"],
    );
    let mut orders = Cursor::new(
        "id, distributor_id, payment_id, created_at",
        "voucher_order",
        &["id"],
    );
    let mut vouchers = Cursor::new(
        &format!("order_id, {VOUCHER_DIGEST}"),
        "voucher",
        &["order_id", "id"],
    );
    let mut licenses = Cursor::new(
        &format!("payment_id, {LICENSE_DIGEST}"),
        "license",
        &["payment_id", "id"],
    );
    let largest = tx.one("SELECT max(id) FROM site", &[], |r| r.opt_int(0))?;
    let mut running = Running::new(largest);
    let mut prices: BTreeMap<String, (i64, String)> = BTreeMap::new();
    // Every site's model, read at the first purchase that pays (a purchase is priced by it).
    let mut models = None;
    let mut keys: BTreeMap<i64, KeyRecord> = BTreeMap::new();
    let (mut prev_id, mut prev_hash, mut count) = (0i64, GENESIS.to_string(), 0i64);
    let (mut voucher_rows, mut sms_rows, mut charge_count, mut payment_count) = (0, 0, 0, 0);
    let mut chain = Chain::default();
    let mut units = Vec::new();
    // Purchases of a ledger older than schema 2, which the chain recorded without their payment;
    // the upgrade recorded each payment afterwards, in a row of its own.
    let mut unpaid: BTreeMap<i64, Bought> = BTreeMap::new();
    loop {
        chain.read(tx, prev_id)?;
        if chain.rows.is_empty() {
            break;
        }
        for i in 0..chain.rows.len() {
            let (row, stored_hash) = chain.row(i);
            // The row's name, made only for a message.
            let at = || format!("ledger row {}", row.id);
            if row.id != prev_id + 1 {
                return Err(altered(format!(
                    "{}: rows {}..{} are missing",
                    at(),
                    prev_id + 1,
                    row.id - 1
                )));
            }
            if row.prev_hash != prev_hash {
                return Err(altered(format!(
                    "{}: it does not chain to row {prev_id}",
                    at()
                )));
            }
            if !row.hashes_to(stored_hash) {
                return Err(altered(format!(
                    "{}: its content does not match its hash",
                    at()
                )));
            }
            let payload = Payload::decode(row.payload)
                .map_err(|e| altered(format!("{}: its payload is unreadable ({e})", at())))?;
            // A kind's rows are all balance rows or all events (an order given a site and an
            // amount would add credits that no purchase paid for).
            match kind::moves_a_pool(row.kind) {
                Some(moves) if moves == row.site_id.is_some() => {}
                Some(moves) => {
                    return Err(altered(format!(
                        "{}: a '{}' row {}",
                        at(),
                        row.kind,
                        if moves {
                            "moves a pool, but this one moves none"
                        } else {
                            "records an event, but this one moves a pool"
                        }
                    )));
                }
                None => {
                    return Err(altered(format!("{}: unknown kind '{}'", at(), row.kind)));
                }
            }
            match (row.site_id, row.pool, row.balance_after) {
                (Some(site), Some(pool), Some(after)) => {
                    let pool = Pool::parse(pool)
                        .ok_or_else(|| altered(format!("{}: unknown pool '{pool}'", at())))?;
                    let sum = running.sum(site, pool);
                    *sum += row.amount;
                    if *sum != after || *sum < 0 {
                        return Err(altered(format!(
                            "{}: balance after is {after} but the rows before it sum to {sum}",
                            at()
                        )));
                    }
                }
                (None, None, None) if row.amount == 0 => {}
                _ => {
                    return Err(altered(format!(
                        "{}: it is neither a balance change nor an event",
                        at()
                    )));
                }
            }

            if let Some(fact) = &payload.payment {
                let stored = payments.take(tx)?;
                let stored_id = stored.map(|p| payments.int(p, 0));
                if stored_id.is_some_and(|id| id < fact.id) {
                    let id = stored_id.unwrap_or(0);
                    return Err(altered(format!(
                        "payment {id} is not recorded in the ledger"
                    )));
                }
                if !stored.is_some_and(|p| payment_is(&payments, p, fact)) {
                    return Err(altered(format!(
                        "{}: payment {} differs from what the ledger recorded, or is missing",
                        at(),
                        fact.id
                    )));
                }
                payment_count += 1;
                let bought = match row.kind {
                    kind::PURCHASE => Some(Bought::of(&row)),
                    kind::PAYMENT => unpaid.remove(&fact.id),
                    _ => None,
                };
                if let Some(bought) = bought {
                    let models = match models {
                        Some(ref models) => models,
                        None => models.insert(site_models(tx)?),
                    };
                    check_purchase(&bought, fact, &prices, models)
                        .map_err(|m| altered(format!("ledger row {}: {m}", bought.row)))?;
                }
            } else if row.kind == kind::PURCHASE {
                // Credits are bought with a payment: one without is credits from nothing.
                let paid_by = row
                    .reference
                    .strip_prefix("payment:")
                    .and_then(|n| n.parse::<i64>().ok());
                match paid_by {
                    Some(n) if !unpaid.contains_key(&n) => {
                        unpaid.insert(n, Bought::of(&row));
                    }
                    _ => {
                        return Err(altered(format!(
                            "{}: a purchase of credits without its payment",
                            at()
                        )));
                    }
                }
            }

            match row.kind {
                kind::CHARGE => {
                    // A unit-month is paid in video credits: a charge on the SMS pool would pay
                    // it twenty times cheaper (SPEC section 1, "Credits").
                    if row.pool != Some(Pool::Video.as_str()) {
                        return Err(altered(format!(
                            "{}: a monthly charge debits the video pool, not {}",
                            at(),
                            row.pool.unwrap_or("none")
                        )));
                    }
                    let period = row.reference.strip_prefix("period:").unwrap_or_default();
                    // The charge table holds the period as `yyyymm`.
                    let number = period.parse::<Period>().map(Period::number).ok();
                    charged_units(tx, &mut charges, row.id, (period, number), &at, &mut units)?;
                    if units.len() as i64 != -row.amount {
                        return Err(altered(format!(
                            "{}: it debits {} credits but {} unit charges stand behind it",
                            at(),
                            -row.amount,
                            units.len()
                        )));
                    }
                    if let Some(recorded) = &payload.units
                        && *recorded != units
                    {
                        return Err(altered(format!(
                            "{}: the units charged differ from the units it recorded",
                            at()
                        )));
                    }
                    if let (Some(site), Some(number)) = (row.site_id, number) {
                        running.charged(site, number, units.len());
                    }
                    charge_count += units.len() as i64;
                }
                kind::ORDER => {
                    let fact = payload.order.as_ref().ok_or_else(|| {
                        altered(format!("{}: an order without its content", at()))
                    })?;
                    let stored = orders.take(tx)?;
                    let same = stored.is_some_and(|o| {
                        orders.int(o, 0) == fact.id
                            && orders.int(o, 1) == fact.distributor_id
                            && orders.int(o, 2) == fact.payment_id
                            && orders.text(o, 3) == fact.created_at
                    });
                    if !same {
                        return Err(altered(format!(
                            "{}: voucher order {} differs from what the ledger recorded, or is missing",
                            at(),
                            fact.id
                        )));
                    }
                    let found = vouchers.digest_group(tx, fact.id, |k| {
                        altered(format!(
                            "the vouchers of order {k} are not recorded in the ledger"
                        ))
                    })?;
                    if found != fact.vouchers {
                        return Err(altered(format!(
                            "the vouchers of order {} differ from what the ledger recorded ({} recorded, {} found)",
                            fact.id, fact.vouchers.count, found.count
                        )));
                    }
                }
                kind::LICENSE => {
                    let (Some(recorded), Some(payment)) = (&payload.licenses, &payload.payment)
                    else {
                        return Err(altered(format!(
                            "{}: a license purchase without its content",
                            at()
                        )));
                    };
                    let found = licenses.digest_group(tx, payment.id, |k| {
                        altered(format!(
                            "the licenses of payment {k} are not recorded in the ledger"
                        ))
                    })?;
                    if found != *recorded {
                        return Err(altered(format!(
                            "the licenses of payment {} differ from what the ledger recorded ({} recorded, {} found)",
                            payment.id, recorded.count, found.count
                        )));
                    }
                }
                kind::PRICE => {
                    let p = payload.price.as_ref().ok_or_else(|| {
                        altered(format!("{}: a price change without its price", at()))
                    })?;
                    prices.insert(p.item.clone(), (p.amount_minor, p.currency.clone()));
                }
                kind::KEY => {
                    let k = payload.signing_key.as_ref().ok_or_else(|| {
                        altered(format!("{}: a key registration without its key", at()))
                    })?;
                    let record = (
                        k.public_key.clone(),
                        row.created_at.to_string(),
                        row.actor.to_string(),
                    );
                    if keys.insert(k.id, record).is_some() {
                        return Err(altered(format!(
                            "{}: signing key {} is registered twice",
                            at(),
                            k.id
                        )));
                    }
                }
                kind::VOUCHER | kind::CANCEL => voucher_rows += 1,
                kind::SMS => sms_rows += 1,
                _ => {}
            }
            prev_id = row.id;
            prev_hash.clear();
            prev_hash.push_str(stored_hash);
            count += 1;
        }
    }

    if let Some((n, bought)) = unpaid.first_key_value() {
        return Err(altered(format!(
            "ledger row {}: a purchase of credits without its payment (no row records payment {n} for it)",
            bought.row
        )));
    }
    let left =
        |what: &str, key: i64| altered(format!("{what} {key} is not recorded in the ledger"));
    if let Some(k) = charges.take(tx)? {
        return Err(not_a_charge(&charges, k));
    }
    if let Some(k) = payments.next_key(tx)? {
        return Err(left("payment", k));
    }
    if let Some(k) = orders.next_key(tx)? {
        return Err(left("voucher order", k));
    }
    if let Some(k) = vouchers.next_key(tx)? {
        return Err(altered(format!(
            "the vouchers of order {k} are not recorded in the ledger"
        )));
    }
    if let Some(k) = licenses.next_key(tx)? {
        return Err(altered(format!(
            "the licenses of payment {k} are not recorded in the ledger"
        )));
    }

    let sites = check_sites(tx, &running)?;
    check_prices(tx, &prices)?;
    let voucher_count = check_voucher_states(tx, voucher_rows)?;
    check_sms(tx, sms_rows)?;
    check_keys(tx, &keys)?;
    let mut verified = Verified {
        ok: true,
        rows: count,
        sites,
        charges: charge_count,
        vouchers: voucher_count,
        payments: payment_count,
        head: prev_hash,
        keys: keys.len() as i64,
        checkpoints: 0,
        external_checkpoints: 0,
        anchored_rows: 0,
        anchored_at: None,
        unanchored: count,
    };
    check_checkpoints(tx, &mut verified)?;
    Ok(verified)
}

/// The units a monthly charge row `ledger_id` paid for, into `units` (ascending): the charges
/// that point to it, each for the row's period (`period:YYYY-MM` in its reference). Charges are
/// read in the order of (ledger_id, unit_id), merged with the chain; a charge that points to a
/// row before this one points to a row that is no charge.
fn charged_units(
    tx: &mut dyn Tx,
    charges: &mut Cursor,
    ledger_id: i64,
    (period, number): (&str, Option<i64>),
    at: &dyn Fn() -> String,
    units: &mut Vec<i64>,
) -> Result<()> {
    units.clear();
    while let Some(points_to) = charges.next_key(tx)? {
        if points_to > ledger_id {
            break;
        }
        let c = charges.take(tx)?.unwrap_or_default();
        if points_to < ledger_id {
            return Err(not_a_charge(charges, c));
        }
        if Some(charges.int(c, 2)) != number {
            return Err(altered(format!(
                "{}: it charged for {period} but its charge of unit {} says {}",
                at(),
                charges.int(c, 1),
                period_of(charges.int(c, 2))
            )));
        }
        units.push(charges.int(c, 1));
    }
    Ok(())
}

/// Charge `c` points to a ledger row that is not a monthly charge.
fn not_a_charge(charges: &Cursor, c: usize) -> Error {
    altered(format!(
        "the charge of unit {} for {} points to ledger row {}, which is not a monthly charge",
        charges.int(c, 1),
        period_of(charges.int(c, 2)),
        charges.int(c, 0)
    ))
}

/// A charge's period (`yyyymm`) as people write it, or as stored when it is none.
fn period_of(n: i64) -> String {
    Period::from_number(n).map_or_else(|| n.to_string(), |p| p.to_string())
}

/// Whether payment row `p` is the payment the chain recorded.
fn payment_is(payments: &Cursor, p: usize, fact: &PaymentFact) -> bool {
    payments.int(p, 0) == fact.id
        && payments.text(p, 1) == fact.kind
        && payments.text(p, 2) == fact.method
        && payments.int(p, 3) == fact.amount_minor
        && payments.text(p, 4) == fact.currency
        && payments.opt_int(p, 5) == fact.distributor_id
        && payments.opt_int(p, 6) == fact.site_id
        && payments.text(p, 7) == fact.description
        && payments.text(p, 8) == fact.actor
        && payments.text(p, 9) == fact.created_at
}

/// A key as the chain recorded it: public key (hex), when, by whom.
type KeyRecord = (String, String, String);

/// The signing keys are exactly those the chain registered.
fn check_keys(tx: &mut dyn Tx, chain: &BTreeMap<i64, KeyRecord>) -> Result<()> {
    let mut seen = 0usize;
    tx.each(
        "SELECT id, public_key, fingerprint, created_at, created_by FROM signing_key ORDER BY id",
        &[],
        &mut |r| {
            let id = r.int(0)?;
            let stored: KeyRecord = (r.text(1)?, r.text(3)?, r.text(4)?);
            match chain.get(&id) {
                None => {
                    return Err(altered(format!(
                        "signing key {id} is not recorded in the ledger"
                    )));
                }
                Some(recorded) if *recorded != stored => {
                    return Err(altered(format!(
                        "signing key {id} differs from the key the ledger recorded"
                    )));
                }
                Some(_) => {}
            }
            let fingerprint = signing::public_from_hex(&stored.0).map(|k| signing::fingerprint(&k));
            if fingerprint.as_deref() != Some(r.text(2)?.as_str()) {
                return Err(altered(format!(
                    "signing key {id}: its fingerprint is not its public key's"
                )));
            }
            seen += 1;
            Ok(())
        },
    )?;
    if seen != chain.len() {
        let missing = chain.keys().nth(seen).copied().unwrap_or_default();
        return Err(altered(format!(
            "signing key {missing} is missing from the keys (the ledger registered {} keys, {seen} are there)",
            chain.len()
        )));
    }
    Ok(())
}

/// Every stored checkpoint: signed by the key it names, over what the chain holds now. Read in
/// batches, each with its key and the hash of the row it signed looked up by id.
fn check_checkpoints(tx: &mut dyn Tx, v: &mut Verified) -> Result<()> {
    let mut stored = Cursor::new(
        "c.id, c.ledger_rows, c.head_hash, c.signed_at, c.key_id, c.signature, k.public_key, l.hash",
        "checkpoint c LEFT JOIN signing_key k ON k.id = c.key_id LEFT JOIN ledger l ON l.id = c.ledger_rows",
        &["c.id"],
    );
    while let Some(c) = stored.take(tx)? {
        let what = format!("checkpoint {}", stored.int(c, 0));
        let doc = CheckpointDoc {
            rows: stored.int(c, 1),
            head_hash: stored.text(c, 2).to_string(),
            time: stored.text(c, 3).to_string(),
            key_id: stored.int(c, 4),
        };
        let signature = signing::decode_signature(stored.text(c, 5).as_bytes())
            .map_err(|e| altered(format!("{what}: {e}")))?;
        let signed = Signed {
            line: signing::canonical(&doc).into_bytes(),
            signature,
        };
        check_anchor(
            &what,
            &doc,
            &signed,
            stored.opt_text(c, 6),
            stored.opt_text(c, 7),
            v,
        )
        .map_err(altered)?;
        v.checkpoints += 1;
        v.anchor(&doc);
    }
    Ok(())
}

/// Checks a checkpoint kept outside the ledger (`ledger verify --checkpoint FILE`) against it,
/// after [`verify`]: its signature with the key of this ledger it names, and that the chain's
/// row `rows` still has the hash it signed. It may be newer than any stored one.
pub fn check_external(
    tx: &mut dyn Tx,
    v: &mut Verified,
    what: &str,
    signed: &Signed,
) -> Result<()> {
    let doc: CheckpointDoc = signing::read(&signed.line).map_err(|reason| {
        Error::from(crate::domain::refusal::Refusal::MalformedDocument {
            what: what.to_string(),
            reason: format!("{reason} (a checkpoint has rows, head_hash, time and key_id)"),
        })
    })?;
    let public = tx.opt(
        "SELECT public_key FROM signing_key WHERE id = ?1",
        args![doc.key_id],
        |r| r.text(0),
    )?;
    let row_hash = tx.opt(
        "SELECT hash FROM ledger WHERE id = ?1",
        args![doc.rows],
        |r| r.text(0),
    )?;
    check_anchor(what, &doc, signed, public.as_deref(), row_hash.as_deref(), v).map_err(
        |m| {
            Error::new(
                Kind::Internal,
                "ledger_altered",
                format!(
                    "{m}; the ledger was altered since that checkpoint was made, or the checkpoint is not this ledger's"
                ),
            )
        },
    )?;
    v.external_checkpoints += 1;
    v.anchor(&doc);
    Ok(())
}

/// One checkpoint against a chain verified to `v.rows` rows: the key it names is registered,
/// its signature is that key's over its line, the chain still reaches its row count, and that
/// row has the hash it signed. The error is the message naming what differs.
fn check_anchor(
    what: &str,
    doc: &CheckpointDoc,
    signed: &Signed,
    public_key: Option<&str>,
    row_hash: Option<&str>,
    v: &Verified,
) -> std::result::Result<(), String> {
    let public = public_key.ok_or_else(|| {
        format!(
            "{what} was signed by key {}, which the ledger does not hold",
            doc.key_id
        )
    })?;
    let public = signing::public_from_hex(public)
        .ok_or_else(|| format!("signing key {} is not an Ed25519 public key", doc.key_id))?;
    if !signing::check(&public, signed) {
        return Err(format!(
            "{what}: its signature does not match its content with key {}",
            doc.key_id
        ));
    }
    if doc.rows > v.rows {
        return Err(format!(
            "{what} signed {} rows but the ledger holds {}: rows were removed from its end",
            doc.rows, v.rows
        ));
    }
    let at = if doc.rows == 0 {
        Some(GENESIS)
    } else {
        row_hash
    };
    if doc.rows < 0 || at != Some(doc.head_hash.as_str()) {
        return Err(format!(
            "{what}: ledger row {} is not the row it signed on {}: the chain was rewritten up to it",
            doc.rows, doc.time
        ));
    }
    Ok(())
}

/// Every site's model, by id.
type SiteModels = HashMap<i64, Model, std::hash::BuildHasherDefault<IdHasher>>;

/// Reads every site's model (a byte or so a site, as [`Running`] keeps a few words a site).
fn site_models(tx: &mut dyn Tx) -> Result<SiteModels> {
    let mut models = SiteModels::default();
    tx.each("SELECT id, model FROM site", &[], &mut |r| {
        let model = r
            .str_at(1)?
            .and_then(Model::parse)
            .ok_or_else(|| altered("a site has no model it may have"))?;
        models.insert(r.int(0)?, model);
        Ok(())
    })?;
    Ok(models)
}

/// What a purchase row added, kept until its payment is checked.
struct Bought {
    row: i64,
    site: Option<i64>,
    pool: Option<Pool>,
    amount: i64,
}

impl Bought {
    fn of(row: &RowRef) -> Bought {
        Bought {
            row: row.id,
            site: row.site_id,
            pool: row.pool.and_then(Pool::parse),
            amount: row.amount,
        }
    }
}

/// A purchase's payment is a payment for credits of its own site, of what the price list said
/// its credits cost when it was made (the prices the chain has recorded up to it, or up to the
/// payment's own row for a purchase recorded without it); a purchase from before prices were
/// chained is not
/// checked. Says what differs.
fn check_purchase(
    bought: &Bought,
    paid: &PaymentFact,
    prices: &BTreeMap<String, (i64, String)>,
    models: &SiteModels,
) -> std::result::Result<(), String> {
    let (Some(site), Some(pool)) = (bought.site, bought.pool) else {
        return Err("a purchase that moves no pool".to_string());
    };
    if paid.kind != "credits" || paid.site_id != Some(site) {
        return Err(format!(
            "a purchase for site {site} paid by payment {}, which is not a payment for credits of that site",
            paid.id
        ));
    }
    let model = *models
        .get(&site)
        .ok_or_else(|| format!("site {site} is not in the site table"))?;
    let item = crate::domain::pricing::purchase_item(model, pool);
    let Some((minor, currency)) = prices.get(item) else {
        return Ok(());
    };
    let price = crate::domain::money::Money::new(*minor, currency);
    let due = crate::domain::pricing::price_purchase(pool, bought.amount, &price)
        .map_err(|_| "its amount cannot be priced".to_string())?;
    if (due.amount_minor, due.currency.as_str()) != (paid.amount_minor, paid.currency.as_str()) {
        return Err(format!(
            "it adds {} {} credits, worth {due} at the price of {item}, but its payment {} is {} {}",
            bought.amount,
            pool.as_str(),
            paid.id,
            paid.amount_minor,
            paid.currency
        ));
    }
    Ok(())
}

/// The units the chain charged site `id` for `period`: counted along the chain for its latest
/// period (none after it); for an earlier one (a catch-up run's tally after its units changed),
/// counted in the charge table, which the chain has been checked against by then.
fn charged_in(tx: &mut dyn Tx, sums: SiteSums, id: i64, period: i64) -> Result<i64> {
    match period.cmp(&sums.period) {
        Ordering::Equal => return Ok(sums.charged),
        Ordering::Greater => return Ok(0),
        Ordering::Less => {}
    }
    tx.one(
        // The site's ledger rows first (`ledger_by_site`), then their charges: SQLite would
        // otherwise walk every charge of the month.
        "SELECT count(*) FROM ledger l CROSS JOIN charge c
         WHERE c.ledger_id = l.id AND l.site_id = ?1 AND c.period = ?2",
        args![id, period],
        |r| r.int(0),
    )
}

/// Every site balance equals the sum of its rows, and every site's tally counts no more paid
/// units than the chain charged it for in the tally's period (see [`billing::tally_holds`]),
/// and exactly the units the site has for that period, and of them the ones charged (see
/// [`super::billing::recount_sites`]): counted again a range of sites at a time, from the
/// tallies read here (the site table is read once).
fn check_sites(tx: &mut dyn Tx, running: &Running) -> Result<i64> {
    let mut site_count = 0;
    let mut sites = Cursor::new(
        "id, video_balance, sms_balance, tally_period, tally_units, tally_paid",
        "site",
        &["id"],
    );
    // The tallies read and not yet counted again: of sites within a range of ids as long as a
    // deduction's chunk.
    let mut tallied: Vec<super::billing::SiteUnits> = Vec::new();
    while let Some(r) = sites.take(tx)? {
        let id = sites.int(r, 0);
        let first = tallied.first().map_or(id, |s| s.site_id);
        if id >= first.saturating_add(super::billing::DEDUCT_CHUNK) {
            check_tally_counts(tx, std::mem::take(&mut tallied))?;
        }
        for (pool, col) in [(Pool::Video, 1), (Pool::Sms, 2)] {
            let sum = running.get(id, pool);
            let Cell::Int(balance) = sites.cell(r, col) else {
                return Err(altered(format!(
                    "site {id}: its {} balance is not a number",
                    pool.as_str()
                )));
            };
            if balance != sum {
                return Err(altered(format!(
                    "site {id}: its {} balance is {balance} but its ledger rows sum to {sum}",
                    pool.as_str()
                )));
            }
        }
        if let Some(period) = sites.opt_int(r, 3) {
            let (units, paid) = (sites.int(r, 4), sites.int(r, 5));
            let charged = charged_in(tx, running.site(id), id, period)?;
            let count = |n: i64| u64::try_from(n).ok();
            match (count(units), count(paid), count(charged)) {
                (Some(units), Some(paid), Some(charged))
                    if billing::tally_holds(units, paid, charged) =>
                {
                    tallied.push(super::billing::tallied_site(id, (period, units, paid)));
                }
                _ => {
                    return Err(altered(format!(
                        "site {id}: its tally says {paid} of its {units} units are paid for {}, but the ledger charged it for {charged}",
                        period_of(period)
                    )));
                }
            }
        }
        site_count += 1;
    }
    check_tally_counts(tx, tallied)?;
    Ok(site_count)
}

/// The tallies of `sites` (every site of their range of ids that stores one) count the units
/// each site has for the tally's period, and of them the ones charged.
fn check_tally_counts(tx: &mut dyn Tx, sites: Vec<super::billing::SiteUnits>) -> Result<()> {
    if let Some(r) = super::billing::recount_sites(tx, sites)?.first() {
        let (units, paid) = r.stored;
        let month = period_of(r.period);
        return Err(altered(match r.counted {
            Some((n, m)) => format!(
                "site {}: its tally says {paid} of its {units} units are paid for {month}, but it has {n} units billable for that month and {m} of them charged (a run of the month trusts the tally)",
                r.site_id
            ),
            None => format!("site {}: its tally is for {month}, not a month", r.site_id),
        }));
    }
    Ok(())
}

/// The price list is the last price the chain recorded for each item.
fn check_prices(tx: &mut dyn Tx, chain: &BTreeMap<String, (i64, String)>) -> Result<()> {
    let table: BTreeMap<String, (i64, String)> = tx
        .all(
            "SELECT item, amount_minor, currency FROM price ORDER BY item",
            &[],
            |r| Ok((r.text(0)?, (r.int(1)?, r.text(2)?))),
        )?
        .into_iter()
        .collect();
    for (item, stored) in &table {
        match chain.get(item) {
            Some(recorded) if recorded == stored => {}
            Some((amount, _)) => {
                return Err(altered(format!(
                    "the price of {item} is {} but the ledger recorded {amount}",
                    stored.0
                )));
            }
            None => {
                return Err(altered(format!(
                    "the price of {item} is not recorded in the ledger"
                )));
            }
        }
    }
    if let Some(item) = chain.keys().find(|k| !table.contains_key(*k)) {
        return Err(altered(format!(
            "the price of {item} is missing from the price list"
        )));
    }
    Ok(())
}

/// A voucher's state as its row says, and as the chain's row for its code says: redeemed at,
/// by, into which site; cancelled at, by.
type State<'a> = (
    Option<&'a str>,
    Option<&'a str>,
    Option<i64>,
    Option<&'a str>,
    Option<&'a str>,
);

/// Each voucher is active, used or cancelled exactly as the chain's rows for its code say. Each
/// row is compared where it was read, copying nothing.
fn check_voucher_states(tx: &mut dyn Tx, chain_rows: i64) -> Result<i64> {
    let (mut vouchers, mut joined, mut last_id) = (0i64, 0i64, 0i64);
    let no_text = |i: usize| Error::internal(format!("the ledger holds no text in column {i}"));
    tx.each(
        "SELECT v.id, v.code, v.redeemed_at, v.redeemed_by, v.site_id, v.cancelled_at, v.cancelled_by,
                l.kind, l.site_id, l.created_at, l.actor, l.payload,
                v.type, v.credits, v.messages, l.pool, l.amount, s.model
         FROM voucher v
         LEFT JOIN ledger l ON l.kind IN ('voucher', 'cancel') AND l.reference = 'voucher:' || v.code
         LEFT JOIN site s ON s.id = l.site_id
         ORDER BY v.id",
        &[],
        &mut |r| {
            let id = r.int(0)?;
            let code = r.str_at(1)?.ok_or_else(|| no_text(1))?;
            let state: State = (
                r.str_at(2)?,
                r.str_at(3)?,
                r.opt_int(4)?,
                r.str_at(5)?,
                r.str_at(6)?,
            );
            let row_kind = r.str_at(7)?;
            let named = || format!("voucher {}", super::vouchers::group(code));
            if id == last_id {
                return Err(altered(format!(
                    "{}: the ledger holds more than one redemption or cancellation of it",
                    named()
                )));
            }
            last_id = id;
            vouchers += 1;
            let cancelled;
            let expected: State = match row_kind {
                None => (None, None, None, None, None),
                Some(kind::VOUCHER) => {
                    joined += 1;
                    // Its row adds what the voucher holds, to the pool it fills (the voucher's
                    // content is checked against its order's digest).
                    let kind = r.str_at(12)?.and_then(VoucherType::parse);
                    let adds =
                        kind.map(|t| t.adds(r.int(13).unwrap_or(-1), r.int(14).unwrap_or(-1)));
                    let added = (r.str_at(15)?, r.opt_int(16)?);
                    if adds.map(|(pool, n)| (Some(pool.as_str()), Some(n))) != Some(added) {
                        return Err(altered(format!(
                            "{}: its redemption row adds {} {} credits, not what the voucher holds",
                            named(),
                            added.1.unwrap_or_default(),
                            added.0.unwrap_or("no")
                        )));
                    }
                    // A device voucher's credits paid into an apartment site buy apartment-months
                    // at the price of device-months (SPEC section 1, "Vouchers").
                    let model = r.str_at(17)?.and_then(Model::parse);
                    if let (Some(kind), Some(model)) = (kind, model)
                        && !kind.fits(model)
                    {
                        return Err(altered(format!(
                            "{}: a {} voucher, redeemed into a site of {} units",
                            named(),
                            kind.as_str(),
                            model.as_str()
                        )));
                    }
                    (r.str_at(9)?, r.str_at(10)?, r.opt_int(8)?, None, None)
                }
                Some(_) => {
                    joined += 1;
                    let payload = r.str_at(11)?.ok_or_else(|| no_text(11))?;
                    cancelled = Payload::decode(payload).ok().and_then(|p| p.cancelled);
                    let (at, by) = cancelled
                        .as_ref()
                        .map_or((None, None), |c| (Some(c.at.as_str()), Some(c.by.as_str())));
                    (None, None, None, at, by)
                }
            };
            if state != expected {
                let what = match (state.0, state.3, row_kind) {
                    (None, None, Some(kind::VOUCHER)) => "it is not used but the ledger redeemed it",
                    (None, None, Some(_)) => "it is not cancelled but the ledger cancelled it",
                    (Some(_), _, None) => "it is used but the ledger never redeemed it",
                    (_, Some(_), None) => "it is cancelled but the ledger never cancelled it",
                    _ => "its redemption or cancellation differs from the ledger's",
                };
                return Err(altered(format!("{}: {what}", named())));
            }
            Ok(())
        },
    )?;
    if joined != chain_rows {
        return Err(altered(format!(
            "the ledger redeemed or cancelled {chain_rows} vouchers but {joined} vouchers say so"
        )));
    }
    Ok(vouchers)
}

/// Each SMS spending record is the ledger row it points to.
fn check_sms(tx: &mut dyn Tx, chain_rows: i64) -> Result<()> {
    let mut n = 0;
    tx.each(
        "SELECT s.reference, s.site_id, s.messages, s.balance_after,
                l.kind, l.site_id, l.amount, l.balance_after, l.reference
         FROM sms_use s LEFT JOIN ledger l ON l.id = s.ledger_id ORDER BY s.ledger_id",
        &[],
        &mut |r| {
            let reference = r.text(0)?;
            let ok = r.opt_text(4)?.as_deref() == Some(kind::SMS)
                && r.opt_int(5)? == Some(r.int(1)?)
                && r.opt_int(6)? == Some(-r.int(2)?)
                && r.opt_int(7)? == Some(r.int(3)?)
                && r.opt_text(8)? == Some(format!("sms:{reference}"));
            if !ok {
                return Err(altered(format!(
                    "the SMS spending '{}' differs from its ledger row",
                    crate::domain::text::escape(&reference)
                )));
            }
            n += 1;
            Ok(())
        },
    )?;
    if n != chain_rows {
        return Err(altered(format!(
            "the ledger spent SMS {chain_rows} times but {n} spending records exist"
        )));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Sums kept by id in the vector and in the map agree: ids within the largest site's (and
    /// 0), an id beyond it, a negative one, and a ledger too sparse for the vector.
    #[test]
    fn running_sums_are_the_same_in_the_vector_and_the_map() {
        let ids = [0, 1, 7, 8, 9, -3, DENSE_SITES + 5];
        for largest in [Some(8), None, Some(DENSE_SITES), Some(-1)] {
            let mut running = Running::new(largest);
            for (k, &id) in ids.iter().enumerate() {
                *running.sum(id, Pool::Video) += k as i64 + 1;
                *running.sum(id, Pool::Sms) += 10 * (k as i64 + 1);
                *running.sum(id, Pool::Video) += 100;
            }
            for (k, &id) in ids.iter().enumerate() {
                assert_eq!(
                    running.get(id, Pool::Video),
                    k as i64 + 101,
                    "{largest:?} {id}"
                );
                assert_eq!(
                    running.get(id, Pool::Sms),
                    10 * (k as i64 + 1),
                    "{largest:?} {id}"
                );
            }
            assert_eq!(running.get(4, Pool::Video), 0);
            assert_eq!(running.get(DENSE_SITES + 6, Pool::Sms), 0);
            // Charges count for the latest period charged, whatever the order they come in.
            for id in [7, DENSE_SITES + 5] {
                running.charged(id, 202611, 5);
                running.charged(id, 202612, 3);
                running.charged(id, 202611, 4);
                running.charged(id, 202612, 1);
                let sums = running.site(id);
                assert_eq!((sums.period, sums.charged), (202612, 4), "{largest:?} {id}");
            }
            assert_eq!(running.site(4).period, 0);
            assert_eq!(running.dense.len(), if largest == Some(8) { 9 } else { 0 });
        }
    }
}
