//! The ledgers measured on, built once per engine and copied fresh for every round that writes:
//! a bare distributor ledger, a ledger of a million vouchers (with payments and licences), and a
//! platform of sites with ten devices each, funded through the tool's own `LedgerWriter` so that
//! its hash chain verifies.
//!
//! [`Engine`] is what the workloads in `main.rs` see of an engine; SQLite's is here, PostgreSQL's
//! in `pg.rs`.

use super::measure::{self, Cmd, Out};
use anyhow::{Context, Result, ensure};
use chrono::{DateTime, Utc};
use creditctl::domain::code::{Code, ENTROPY_BYTES};
use creditctl::store::ledger::{Entry, LedgerWriter, Pool};
use creditctl::store::{Location, OpenMode, Stamp, Store};
use rusqlite::{Connection, TransactionBehavior, params};
use std::ffi::{OsStr, OsString};
use std::fs::File;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

pub const PERIOD: &str = "2026-11";
pub use crate::consts::EXPIRES_AT;
pub const UNIT_ADDED_AT: &str = "2026-10-01T00:00:00Z";
pub const SITE_CREATED_AT: &str = "2026-09-01T00:00:00Z";
pub const FUNDED_AT: &str = "2026-10-01T00:00:00Z";
pub const DEVICES_PER_SITE: i64 = 10;

/// A ledger to build.
#[derive(Clone, Copy, Debug)]
pub enum Fixture {
    /// One active distributor, Acme.
    Distributor,
    /// Acme, a device site "Office", `n` unused vouchers in one order, and `n / 10` licence
    /// purchases (a payment and a licence each).
    Vouchers(i64),
    /// `n` device sites with [`DEVICES_PER_SITE`] devices each, funded as [`opening_balance`]
    /// says.
    Platform(i64),
}

/// What a workload needs of an engine.
pub trait Engine {
    fn label(&self) -> &'static str;
    /// Builds `fixture` under `name`; returns its `$CREDITCTL_DB`.
    fn build(&mut self, tool: &Path, name: &str, fixture: Fixture) -> Result<OsString>;
    /// A fresh copy of the ledger `from`, named `name`.
    fn copy(&mut self, from: &OsStr, name: &str) -> Result<OsString>;
    fn remove(&mut self, db: &OsStr) -> Result<()>;
    /// Writes every dirty buffer out, so that none is written inside a timed step.
    fn settle(&mut self);
    /// Where the measuring helper keeps its files.
    fn scratch(&self, name: &str) -> PathBuf;
}

/// The setup the tool itself makes: the schema, the default prices, an active distributor.
pub fn tool_setup(tool: &Path, db: &OsStr, scratch: &Path, site: bool) -> Result<()> {
    let mut steps: Vec<&[&str]> = vec![
        &["distributor", "add", "Acme"],
        &["distributor", "activate", "Acme"],
    ];
    if site {
        steps.push(&["site", "create", "Office", "--model", "device"]);
    }
    for args in steps {
        measure::run(&Cmd::tool(tool, db, args), Out::Null, scratch)?;
    }
    Ok(())
}

/// One number from `sql`, read through the store on either engine.
pub fn read_i64(db: &OsStr, sql: &str) -> Result<i64> {
    Ok(open_store(db)?.read(|tx| tx.int(sql, &[]))?)
}

/// One text from `sql`, read through the store on either engine.
pub fn read_text(db: &OsStr, sql: &str) -> Result<String> {
    Ok(open_store(db)?.read(|tx| tx.one(sql, &[], |r| r.text(0)))?)
}

fn open_store(db: &OsStr) -> Result<Store> {
    Ok(Store::open(
        &Location::parse(db)?,
        OpenMode::Read,
        Duration::from_secs(60),
    )?)
}

/// A valid, distinct code for every `n`: splitmix64 is a bijection on u64 and
/// `Code::from_entropy` is injective on its 80 bits.
pub fn code_for(n: u64) -> String {
    let mut z = n.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^= z >> 31;
    let mut bytes = [0u8; ENTROPY_BYTES];
    bytes[..8].copy_from_slice(&z.to_be_bytes());
    bytes[8..].copy_from_slice(&(n as u16).to_be_bytes());
    Code::from_entropy(&bytes).canonical()
}

/// The codes of the [`Fixture::Vouchers`] ledger, in id order.
pub fn fixture_code(i: u64) -> String {
    code_for((1u64 << 40) + i)
}

/// The opening balance of site `id`: a quarter empty, a quarter short (1..9 for 10 devices),
/// half funded (10..24).
pub fn opening_balance(id: i64) -> i64 {
    match id % 4 {
        0 => 0,
        1 => 1 + (id / 4) % 9,
        _ => 10 + (id / 4) % 15,
    }
}

/// What a deduction of [`PERIOD`] charges on a platform of `sites` sites.
pub fn expected_charges(sites: i64) -> i64 {
    (1..=sites)
        .map(|id| opening_balance(id).min(DEVICES_PER_SITE))
        .sum()
}

/// A serial for global device number `n`: `NN-NNNN-NNNN`, distinct for every n < 10^10.
pub fn serial(n: i64) -> String {
    format!(
        "{:02}-{:04}-{:04}",
        n / 100_000_000,
        (n / 10_000) % 10_000,
        n % 10_000
    )
}

/// The funding rows of a platform of `sites` sites, as the tool would post them.
pub fn funding(sites: i64) -> Vec<Entry<'static>> {
    (1..=sites)
        .map(|id| (id, opening_balance(id)))
        .filter(|(_, amount)| *amount > 0)
        .map(|(site_id, amount)| Entry {
            site_id,
            pool: Pool::Video,
            amount,
            kind: "adjustment",
            reason: "bench",
            reference: "bench",
            payload: Default::default(),
        })
        .collect()
}

pub fn funded_stamp(actor: String) -> Result<Stamp> {
    Ok(Stamp {
        actor,
        now: DateTime::parse_from_rfc3339(FUNDED_AT)?.with_timezone(&Utc),
    })
}

// ---------------------------------------------------------------------------------------------
// SQLite

/// Pragmas for building fixtures quickly (durability does not matter there).
const BUILD_PRAGMAS: &str = "PRAGMA journal_mode = WAL; PRAGMA foreign_keys = ON; PRAGMA synchronous = OFF; PRAGMA cache_size = -262144; PRAGMA temp_store = MEMORY;";

pub struct Sqlite {
    pub dir: PathBuf,
    /// `--keep`: ledgers are left for a closer look instead of removed.
    pub keep: bool,
}

impl Sqlite {
    fn path(&self, name: &str) -> PathBuf {
        self.dir.join(format!("{name}.db"))
    }
}

impl Engine for Sqlite {
    fn label(&self) -> &'static str {
        "SQLite"
    }

    fn build(&mut self, tool: &Path, name: &str, fixture: Fixture) -> Result<OsString> {
        let started = Instant::now();
        let path = self.path(name);
        let db = path.clone().into_os_string();
        let scratch = self.scratch(name);
        match fixture {
            Fixture::Distributor => {
                tool_setup(tool, &db, &scratch, false)?;
                // The tool leaves its last commits in the WAL: a round copies the file alone.
                checkpoint_and_close(open_for_build(&path)?)?;
            }
            Fixture::Vouchers(n) => {
                tool_setup(tool, &db, &scratch, true)?;
                let mut conn = open_for_build(&path)?;
                let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
                insert_vouchers(&tx, n)?;
                insert_licences(&tx, n / 10)?;
                tx.commit()?;
                checkpoint_and_close(conn)?;
            }
            Fixture::Platform(sites) => {
                tool_setup(tool, &db, &scratch, false)?;
                let mut conn = open_for_build(&path)?;
                let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
                insert_platform(&tx, sites)?;
                tx.commit()?;
                checkpoint_and_close(conn)?;
            }
        }
        eprintln!(
            "    built {fixture:?} in {:.1} s",
            started.elapsed().as_secs_f64()
        );
        Ok(db)
    }

    fn copy(&mut self, from: &OsStr, name: &str) -> Result<OsString> {
        let to = self.path(name);
        for suffix in ["-wal", "-shm"] {
            let mut side = to.clone().into_os_string();
            side.push(suffix);
            let _ = std::fs::remove_file(side);
        }
        std::fs::copy(from, &to).with_context(|| format!("cannot copy {}", to.display()))?;
        Ok(to.into_os_string())
    }

    fn remove(&mut self, db: &OsStr) -> Result<()> {
        if self.keep {
            return Ok(());
        }
        for suffix in ["", "-wal", "-shm"] {
            let mut path = db.to_os_string();
            path.push(suffix);
            match std::fs::remove_file(&path) {
                Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(e.into()),
                _ => {}
            }
        }
        Ok(())
    }

    fn settle(&mut self) {
        measure::settle();
    }

    fn scratch(&self, name: &str) -> PathBuf {
        self.dir.join(name)
    }
}

fn open_for_build(db: &Path) -> Result<Connection> {
    let conn = Connection::open(db).with_context(|| format!("cannot open {}", db.display()))?;
    conn.execute_batch(BUILD_PRAGMAS)?;
    Ok(conn)
}

/// Checkpoints the WAL into the database file and closes the connection, so that the `.db`
/// alone holds everything (it is what a round copies).
fn checkpoint_and_close(conn: Connection) -> Result<()> {
    let db = PathBuf::from(conn.path().context("an in-memory database")?);
    conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
    conn.close().map_err(|(_, e)| e)?;
    // Fixtures are built with synchronous = OFF: flush them now, or the first timed process
    // that fsyncs the file pays for writing the whole fixture out.
    File::open(&db)?.sync_all()?;
    Ok(())
}

/// One payment, one order and `n` vouchers of [`fixture_code`]s, as `vouchers::create_order`
/// writes them (without the order's chain event: the ledger is only listed and redeemed from).
fn insert_vouchers(conn: &Connection, n: i64) -> Result<()> {
    let distributor: i64 =
        conn.query_row("SELECT id FROM distributor WHERE name = 'Acme'", [], |r| {
            r.get(0)
        })?;
    conn.execute(
        "INSERT INTO payment (kind, method, amount_minor, currency, distributor_id, site_id, description, actor, created_at)
         VALUES ('voucher_order', 'invoice', ?1, 'EUR', ?2, NULL, ?3, ?4, ?5)",
        params![2_400 * n, distributor, format!("{n} × voucher 'Bulk'"), measure::ACTOR, measure::NOW],
    )?;
    let payment_id = conn.last_insert_rowid();
    conn.execute(
        "INSERT INTO voucher_order (distributor_id, payment_id, created_at) VALUES (?1, ?2, ?3)",
        params![distributor, payment_id, measure::NOW],
    )?;
    let order_id = conn.last_insert_rowid();
    let mut insert = conn.prepare(
        "INSERT INTO voucher (code, order_id, name, type, years, subscriptions, credits, messages, value_minor, currency, created_at, expires_at)
         VALUES (?1, ?2, 'Bulk', 'device', 1, 1, 12, 0, 2400, 'EUR', ?3, ?4)",
    )?;
    for i in 0..n as u64 {
        insert.execute(params![fixture_code(i), order_id, measure::NOW, EXPIRES_AT])?;
    }
    Ok(())
}

/// `n` licence purchases: a payment and a licence each.
fn insert_licences(conn: &Connection, n: i64) -> Result<()> {
    let product: String = conn.query_row(
        "SELECT name FROM license_product ORDER BY name LIMIT 1",
        [],
        |r| r.get(0),
    )?;
    let mut payment = conn.prepare(
        "INSERT INTO payment (kind, method, amount_minor, currency, distributor_id, site_id, description, actor, created_at)
         VALUES ('license', 'card', 1500, 'EUR', 1, NULL, 'licence', ?1, ?2)",
    )?;
    let mut licence = conn.prepare(
        "INSERT INTO license (serial, product, license_key, price_minor, currency, payment_id, distributor_id, created_at, created_by)
         VALUES (?1, ?2, ?3, 1500, 'EUR', ?4, 1, ?5, ?6)",
    )?;
    for i in 0..n {
        payment.execute(params![measure::ACTOR, measure::NOW])?;
        let payment_id = conn.last_insert_rowid();
        licence.execute(params![
            serial(i),
            product,
            format!("KEY-{i:012}"),
            payment_id,
            measure::NOW,
            measure::ACTOR
        ])?;
    }
    Ok(())
}

/// `sites` device sites with [`DEVICES_PER_SITE`] devices each, funded through `LedgerWriter`.
fn insert_platform(tx: &Connection, sites: i64) -> Result<()> {
    {
        let mut site = tx.prepare(
            "INSERT INTO site (id, name, model, created_at, created_by) VALUES (?1, ?2, 'device', ?3, ?4)",
        )?;
        let mut unit =
            tx.prepare("INSERT INTO unit (id, site_id, name, added_at) VALUES (?1, ?2, ?3, ?4)")?;
        let mut device = tx.prepare(
            "INSERT INTO device (serial, site_id, unit_id, added_at) VALUES (?1, ?2, ?3, ?4)",
        )?;
        for id in 1..=sites {
            site.execute(params![
                id,
                format!("Site {id}"),
                SITE_CREATED_AT,
                measure::ACTOR
            ])?;
            for k in 0..DEVICES_PER_SITE {
                let unit_id = (id - 1) * DEVICES_PER_SITE + k + 1;
                let serial = serial(unit_id);
                unit.execute(params![unit_id, id, serial, UNIT_ADDED_AT])?;
                device.execute(params![serial, id, unit_id, UNIT_ADDED_AT])?;
            }
        }
    }
    let stamp = funded_stamp(measure::ACTOR.into())?;
    let seam = &mut creditctl::store::sqlite::SqliteTx::wrap(tx);
    let mut ledger = LedgerWriter::new(seam, &stamp)?;
    for entry in funding(sites) {
        ledger.append(seam, &entry)?;
    }
    Ok(())
}

/// Confirms that `fixture` holds what it should.
pub fn check(db: &OsStr, fixture: Fixture) -> Result<()> {
    match fixture {
        Fixture::Distributor => {}
        Fixture::Vouchers(n) => {
            let made = read_i64(db, "SELECT count(*) FROM voucher")?;
            ensure!(made == n, "the fixture holds {made} vouchers, not {n}");
        }
        Fixture::Platform(sites) => {
            let made = read_i64(db, "SELECT count(*) FROM device")?;
            ensure!(
                made == sites * DEVICES_PER_SITE,
                "the fixture holds {made} devices"
            );
        }
    }
    Ok(())
}
