//! The SQLite ledger: opening, migrations, and the one way to write (an IMMEDIATE transaction).

pub mod accounts;
pub mod billing;
pub mod credits;
pub mod ledger;
pub mod licenses;
pub mod payments;
pub mod prices;
pub mod schema;
pub mod units;
pub mod vouchers;

use chrono::{DateTime, SecondsFormat, Utc};
use rusqlite::{Connection, OpenFlags, TransactionBehavior};
use std::path::{Path, PathBuf};
use std::time::Duration;

use crate::error::{Error, Kind, Result};

/// How long a command waits for another process's write before giving up with exit 6.
pub const DEFAULT_BUSY_TIMEOUT: Duration = Duration::from_secs(10);

/// Whether opening may create a new ledger.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OpenMode {
    /// Create the file (owner-only) when missing: commands that write.
    Create,
    /// Fail with "not found" when missing: commands that only read.
    Existing,
}

/// Who does a write, and when.
#[derive(Debug, Clone)]
pub struct Stamp {
    pub actor: String,
    pub now: DateTime<Utc>,
}

impl Stamp {
    pub fn time(&self) -> String {
        fmt_time(self.now)
    }
}

/// Times are stored and shown as RFC 3339 UTC with whole seconds: sortable as text.
pub fn fmt_time(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Secs, true)
}

pub fn parse_time(s: &str) -> Result<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(s)
        .map(|t| t.with_timezone(&Utc))
        .map_err(|_| Error::internal(format!("the ledger holds a malformed time '{s}'")))
}

pub struct Store {
    conn: Connection,
    path: PathBuf,
}

impl Store {
    pub fn open(path: &Path, mode: OpenMode, busy_timeout: Duration) -> Result<Store> {
        let exists = path.exists();
        if !exists && mode == OpenMode::Existing {
            return Err(Error::not_found(format!(
                "there is no ledger at {}; pass --db or set $CREDITCTL_DB, or create one by adding a site or distributor",
                path.display()
            )));
        }
        if !exists {
            create_owner_only(path)?;
        }
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(|e| cannot_open(path, e))?;
        conn.busy_timeout(busy_timeout)?;
        let mut store = Store {
            conn,
            path: path.to_path_buf(),
        };
        store.configure()?;
        store.migrate()?;
        Ok(store)
    }

    fn configure(&self) -> Result<()> {
        let mode: String = self
            .conn
            .query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))
            .map_err(|e| self.not_a_ledger_or(e))?;
        if !mode.eq_ignore_ascii_case("wal") {
            return Err(Error::internal(format!(
                "cannot put {} in WAL mode (got {mode}); is it on a network file system?",
                self.path.display()
            )));
        }
        self.conn.execute_batch(
            "PRAGMA foreign_keys = ON; PRAGMA synchronous = FULL; PRAGMA cache_size = -65536; PRAGMA temp_store = MEMORY;",
        )?;
        Ok(())
    }

    fn not_a_ledger_or(&self, e: rusqlite::Error) -> Error {
        let err = Error::from(e);
        if err.code == "not_a_ledger" {
            Error::new(
                Kind::Internal,
                "not_a_ledger",
                format!(
                    "{} is not a creditctl ledger (not a SQLite database); check --db or $CREDITCTL_DB",
                    self.path.display()
                ),
            )
        } else {
            err
        }
    }

    fn versions(&self) -> Result<(i64, i64)> {
        let version: i64 = self
            .conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .map_err(|e| self.not_a_ledger_or(e))?;
        let app: i64 = self
            .conn
            .query_row("PRAGMA application_id", [], |r| r.get(0))?;
        Ok((version, app))
    }

    fn check_versions(&self, version: i64, app: i64) -> Result<()> {
        let foreign = || {
            Error::new(
                Kind::Internal,
                "not_a_ledger",
                format!(
                    "{} is a SQLite database but not a creditctl ledger; check --db or $CREDITCTL_DB",
                    self.path.display()
                ),
            )
        };
        if app != 0 && app != schema::APPLICATION_ID {
            return Err(foreign());
        }
        if version > schema::LATEST {
            return Err(Error::new(
                Kind::Internal,
                "newer_ledger",
                format!(
                    "{} was written by a newer creditctl (schema {version}, this one knows up to {}); upgrade creditctl",
                    self.path.display(),
                    schema::LATEST
                ),
            ));
        }
        if version == 0 {
            let tables: i64 =
                self.conn
                    .query_row("SELECT count(*) FROM sqlite_schema", [], |r| r.get(0))?;
            if tables > 0 {
                return Err(foreign());
            }
        }
        Ok(())
    }

    fn migrate(&mut self) -> Result<()> {
        let (version, app) = self.versions()?;
        self.check_versions(version, app)?;
        if version == schema::LATEST {
            return Ok(());
        }
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        // Another process may have migrated while this one waited for the lock.
        let version: i64 = tx.query_row("PRAGMA user_version", [], |r| r.get(0))?;
        for (i, sql) in schema::MIGRATIONS.iter().enumerate().skip(version as usize) {
            tx.execute_batch(sql)?;
            if i == 0 {
                seed_defaults(&tx)?;
            }
        }
        tx.execute_batch(&format!(
            "PRAGMA user_version = {}; PRAGMA application_id = {};",
            schema::LATEST,
            schema::APPLICATION_ID
        ))?;
        tx.commit()?;
        Ok(())
    }

    /// Reads without writing. The closure sees one consistent snapshot.
    pub fn read<T>(&mut self, f: impl FnOnce(&Connection) -> Result<T>) -> Result<T> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Deferred)?;
        let out = f(&tx)?;
        tx.finish()?;
        Ok(out)
    }

    /// The only way to write: one transaction begun IMMEDIATE, committed when `f` succeeds and
    /// rolled back (writing nothing) when it fails.
    pub fn write<T>(&mut self, f: impl FnOnce(&Connection) -> Result<T>) -> Result<T> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let out = f(&tx)?;
        tx.commit()?;
        Ok(out)
    }

    pub fn conn(&self) -> &Connection {
        &self.conn
    }
}

fn cannot_open(path: &Path, e: rusqlite::Error) -> Error {
    Error::new(
        Kind::Internal,
        "cannot_open",
        format!(
            "cannot open the ledger at {} ({e}); check the path and its permissions",
            path.display()
        ),
    )
}

/// Creates the ledger file (0600) and any missing directories (0700) before SQLite opens it.
fn create_owner_only(path: &Path) -> Result<()> {
    use std::fs::{DirBuilder, OpenOptions};
    #[cfg(unix)]
    use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt};

    let fail = |e: std::io::Error| {
        Error::new(
            Kind::Internal,
            "cannot_open",
            format!(
                "cannot create the ledger at {} ({e}); check the path and its permissions",
                path.display()
            ),
        )
    };
    if let Some(dir) = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty() && !d.exists())
    {
        let mut builder = DirBuilder::new();
        builder.recursive(true);
        #[cfg(unix)]
        builder.mode(0o700);
        builder.create(dir).map_err(fail)?;
    }
    let mut options = OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    options.mode(0o600);
    match options.open(path) {
        Ok(_) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(()),
        Err(e) => Err(fail(e)),
    }
}

/// Default prices and the license catalog, written with the first schema.
fn seed_defaults(tx: &Connection) -> Result<()> {
    use crate::domain::{license, money, pricing};
    let mut price = tx.prepare(
        "INSERT INTO price (item, amount_minor, currency, updated_at, updated_by) VALUES (?1, ?2, ?3, '1970-01-01T00:00:00Z', 'default')",
    )?;
    for (item, amount) in pricing::DEFAULT_PRICES {
        price.execute(rusqlite::params![item, amount, money::CURRENCY])?;
    }
    let mut product = tx.prepare("INSERT INTO license_product (name, title) VALUES (?1, ?2)")?;
    for (name, title, amount) in license::CATALOG {
        product.execute(rusqlite::params![name, title])?;
        price.execute(rusqlite::params![
            license::price_item(name),
            amount,
            money::CURRENCY
        ])?;
    }
    Ok(())
}
