//! The seam between the ledger's operations and an engine: one transaction of the store's own
//! ([`Tx`]), values and rows of its own ([`Value`], [`SqlRow`]). Every operation in `store/` is
//! written once against these; each engine (`sqlite/`, `postgres/`) implements them, and nothing
//! above them names an engine type.
//!
//! SQL is written once, in the dialect both engines share: `?1`, `?2` … placeholders (the
//! PostgreSQL engine numbers them `$1` …), integers as BIGINT, times as RFC 3339 text, `RETURNING`
//! for generated ids, `ON CONFLICT … DO NOTHING`, and no boolean results (`CASE WHEN … THEN 1
//! ELSE 0 END`).

use crate::error::{Error, Result};

/// A parameter or a read value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Value {
    Null,
    Int(i64),
    Text(String),
    /// Many integers as one parameter, for PostgreSQL's `unnest(CAST(?1 AS BIGINT[]))` (see
    /// [`int_array`]).
    IntArray(Vec<Option<i64>>),
    /// Many texts as one parameter, for `unnest(CAST(?1 AS TEXT[]))` (see [`text_array`]).
    TextArray(Vec<Option<String>>),
}

impl From<i64> for Value {
    fn from(v: i64) -> Value {
        Value::Int(v)
    }
}

impl From<u64> for Value {
    fn from(v: u64) -> Value {
        Value::Int(i64::try_from(v).unwrap_or(i64::MAX))
    }
}

impl From<&str> for Value {
    fn from(v: &str) -> Value {
        Value::Text(v.to_string())
    }
}

impl From<&String> for Value {
    fn from(v: &String) -> Value {
        Value::Text(v.clone())
    }
}

impl From<String> for Value {
    fn from(v: String) -> Value {
        Value::Text(v)
    }
}

impl<T: Into<Value>> From<Option<T>> for Value {
    fn from(v: Option<T>) -> Value {
        v.map_or(Value::Null, Into::into)
    }
}

/// Builds a parameter list: `args![site_id, name, None::<i64>]`.
#[macro_export]
macro_rules! args {
    ($($v:expr),* $(,)?) => {
        &[$($crate::store::sql::Value::from($v)),*][..]
    };
}

/// The code of the store's error for a statement refused by a unique key (see
/// [`Tx::exec_unless_taken`]); its message is the engine's, as for any database error.
pub const TAKEN: &str = "unique_violation";

/// The engines creditctl runs on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Engine {
    Sqlite,
    Postgres,
}

/// One value of a row, read in place: a number, text borrowed from the engine's buffer (for as
/// long as the row), or nothing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ValueRef<'a> {
    Null,
    Int(i64),
    Text(&'a str),
}

/// One row of a result, read in place.
pub trait SqlRow {
    /// Column `i` as the engine holds it, read once; a value of any other kind (a fraction,
    /// bytes) is an internal error that names it.
    fn cell(&self, i: usize) -> Result<ValueRef<'_>>;
    fn width(&self) -> usize;
}

impl dyn SqlRow + '_ {
    pub fn int_at(&self, i: usize) -> Result<Option<i64>> {
        match self.cell(i)? {
            ValueRef::Null => Ok(None),
            ValueRef::Int(v) => Ok(Some(v)),
            ValueRef::Text(_) => Err(Error::internal(format!(
                "the ledger holds text where a number belongs (column {i})"
            ))),
        }
    }

    /// The text in column `i` borrowed from the engine's buffer, for as long as the row.
    pub fn str_at(&self, i: usize) -> Result<Option<&str>> {
        match self.cell(i)? {
            ValueRef::Null => Ok(None),
            ValueRef::Text(t) => Ok(Some(t)),
            ValueRef::Int(_) => Err(Error::internal(format!(
                "the ledger holds a number where text belongs (column {i})"
            ))),
        }
    }

    pub fn int(&self, i: usize) -> Result<i64> {
        self.int_at(i)?
            .ok_or_else(|| Error::internal(format!("the ledger holds no value in column {i}")))
    }

    pub fn opt_int(&self, i: usize) -> Result<Option<i64>> {
        self.int_at(i)
    }

    pub fn text(&self, i: usize) -> Result<String> {
        self.opt_text(i)?
            .ok_or_else(|| Error::internal(format!("the ledger holds no text in column {i}")))
    }

    pub fn opt_text(&self, i: usize) -> Result<Option<String>> {
        Ok(self.str_at(i)?.map(str::to_string))
    }

    pub fn bool(&self, i: usize) -> Result<bool> {
        Ok(self.int(i)? != 0)
    }

    /// The value in column `i`, whichever type it has.
    pub fn value(&self, i: usize) -> Result<Value> {
        Ok(match self.cell(i)? {
            ValueRef::Null => Value::Null,
            ValueRef::Int(v) => Value::Int(v),
            ValueRef::Text(t) => Value::Text(t.to_string()),
        })
    }
}

/// One transaction: everything the store does goes through one of these, begun by the engine's
/// `read` (one consistent snapshot) or `write` (serialized with every other writer, committed
/// when the closure succeeds, rolled back when it fails).
pub trait Tx {
    /// Runs a statement and returns how many rows it changed.
    fn exec(&mut self, sql: &str, params: &[Value]) -> Result<u64>;
    /// [`exec`](Self::exec), except that a statement refused for a value a unique key already
    /// holds changes nothing and returns `None`, the transaction going on as before it (SQLite
    /// undoes a refused statement alone; PostgreSQL would abort the whole transaction, so its
    /// engine runs the statement under a savepoint).
    fn exec_unless_taken(&mut self, sql: &str, params: &[Value]) -> Result<Option<u64>> {
        match self.exec(sql, params) {
            Ok(n) => Ok(Some(n)),
            Err(e) if e.code == TAKEN => Ok(None),
            Err(e) => Err(e),
        }
    }
    /// Runs a query and hands each row to `f`, as it is read.
    fn each(
        &mut self,
        sql: &str,
        params: &[Value],
        f: &mut dyn FnMut(&dyn SqlRow) -> Result<()>,
    ) -> Result<()>;
    /// [`each`](Self::each) for a statement whose rows are few by construction (a batch under a
    /// `LIMIT`, the sites of one chunk): an engine may read them all in one go, which costs a
    /// client on a network less than a row at a time. Never for a statement whose rows grow
    /// with the data (a table, a chunk's units): memory must stay flat.
    fn each_whole(
        &mut self,
        sql: &str,
        params: &[Value],
        f: &mut dyn FnMut(&dyn SqlRow) -> Result<()>,
    ) -> Result<()> {
        self.each(sql, params, f)
    }
    /// [`each`](Self::each) for a statement whose rows may be many (a chunk's units, the charges
    /// of a range of units): an engine may read them a batch at a time, each in one wait on the
    /// connection, memory staying flat. On PostgreSQL a row read alone costs the client an entry
    /// into its connection's runtime (a third of a deduction's client time when a chunk's units
    /// came row by row). But the server waits while a fetched batch is handled: where the rows
    /// are cheap to handle and the server's reading is the longer part (the no-op rerun's
    /// sites), [`each`](Self::each) is faster. A statement that returns a row or two should use
    /// [`each`](Self::each), which takes one round trip where this takes two or three.
    fn each_batched(
        &mut self,
        sql: &str,
        params: &[Value],
        f: &mut dyn FnMut(&dyn SqlRow) -> Result<()>,
    ) -> Result<()> {
        self.each(sql, params, f)
    }
    /// Runs a query of any length for a list and hands each row to `f` with the transaction,
    /// which `f` may query further while the list goes on. Memory stays flat whatever the number
    /// of rows, and when `f` fails (the reader of the output went away, a `--limit` was reached)
    /// the engine stops reading at once: no row after that is fetched.
    fn stream(
        &mut self,
        sql: &str,
        params: &[Value],
        f: &mut dyn FnMut(&mut dyn Tx, &dyn SqlRow) -> Result<()>,
    ) -> Result<()>;
    fn engine(&self) -> Engine;
}

impl dyn Tx + '_ {
    /// The first row mapped, or `None`.
    pub fn opt<T>(
        &mut self,
        sql: &str,
        params: &[Value],
        map: impl Fn(&dyn SqlRow) -> Result<T>,
    ) -> Result<Option<T>> {
        let mut out = None;
        self.each(sql, params, &mut |r| {
            if out.is_none() {
                out = Some(map(r)?);
            }
            Ok(())
        })?;
        Ok(out)
    }

    /// Exactly one row mapped; no row is an internal error (use [`opt`](Self::opt) when absence
    /// is expected).
    pub fn one<T>(
        &mut self,
        sql: &str,
        params: &[Value],
        map: impl Fn(&dyn SqlRow) -> Result<T>,
    ) -> Result<T> {
        self.opt(sql, params, map)?
            .ok_or_else(|| Error::internal("the ledger returned no row where one was expected"))
    }

    /// Every row mapped, in order.
    pub fn all<T>(
        &mut self,
        sql: &str,
        params: &[Value],
        map: impl Fn(&dyn SqlRow) -> Result<T>,
    ) -> Result<Vec<T>> {
        let mut out = Vec::new();
        self.each(sql, params, &mut |r| {
            out.push(map(r)?);
            Ok(())
        })?;
        Ok(out)
    }

    /// One integer (a count, an id).
    pub fn int(&mut self, sql: &str, params: &[Value]) -> Result<i64> {
        self.one(sql, params, |r| r.int(0))
    }
}

/// The most rows one batched statement carries (see [`exec_batched`]): with up to 13 parameters
/// a row, far below SQLite's 32766 and PostgreSQL's 65535 parameters per statement.
pub const BATCH_ROWS: usize = 256;

/// `(?1, ?2), (?3, ?4)` … for `rows` rows of `width` parameters each; `wrap` writes one
/// placeholder (e.g. `|p| format!("CAST({p} AS BIGINT)")` where the engine cannot tell a type).
pub fn values_list(rows: usize, width: usize, wrap: &dyn Fn(&str) -> String) -> String {
    let mut out = String::with_capacity(rows * width * 8);
    for r in 0..rows {
        if r > 0 {
            out.push_str(", ");
        }
        out.push('(');
        for c in 0..width {
            if c > 0 {
                out.push_str(", ");
            }
            out.push_str(&wrap(&format!("?{}", r * width + c + 1)));
        }
        out.push(')');
    }
    out
}

/// Rows a statement sends as arrays on PostgreSQL ([`int_array`], [`text_array`]): any number
/// fits one parameter, but a few megabytes a statement keep the memory of both ends small.
pub const ARRAY_ROWS: usize = 16_384;

/// Integers as one parameter, for PostgreSQL's `unnest(CAST(?1 AS BIGINT[]))`, which sends
/// any number of rows as one parameter (in the array's binary form: neither end writes or
/// parses digits).
pub fn int_array(values: impl IntoIterator<Item = i64>) -> Value {
    opt_int_array(values.into_iter().map(Some))
}

/// [`int_array`] with NULLs.
pub fn opt_int_array(values: impl IntoIterator<Item = Option<i64>>) -> Value {
    Value::IntArray(values.into_iter().collect())
}

/// Texts as one parameter, for PostgreSQL's `unnest(CAST(?1 AS TEXT[]))`.
pub fn text_array<'a>(values: impl IntoIterator<Item = &'a str>) -> Value {
    opt_text_array(values.into_iter().map(Some))
}

/// [`text_array`] with NULLs.
pub fn opt_text_array<'a>(values: impl IntoIterator<Item = Option<&'a str>>) -> Value {
    Value::TextArray(values.into_iter().map(|v| v.map(str::to_string)).collect())
}

/// Runs one statement over many rows of `width` parameters (`params` holds them row after row)
/// in a few round trips: `sql(n)` is the statement for `n` rows. Full batches carry
/// [`BATCH_ROWS`] rows and the rest goes in powers of two, so that an engine that prepares and
/// caches each statement text sees at most a handful of texts. Returns the rows changed.
pub fn exec_batched(
    tx: &mut dyn Tx,
    width: usize,
    params: &[Value],
    sql: &dyn Fn(usize) -> String,
) -> Result<u64> {
    debug_assert!(width > 0 && params.len().is_multiple_of(width));
    let mut left = params.len() / width;
    let mut at = 0;
    let mut changed = 0;
    while left > 0 {
        let rows = if left >= BATCH_ROWS {
            BATCH_ROWS
        } else {
            1 << (usize::BITS - 1 - left.leading_zeros())
        };
        changed += tx.exec(&sql(rows), &params[at..at + rows * width])?;
        at += rows * width;
        left -= rows;
    }
    Ok(changed)
}
