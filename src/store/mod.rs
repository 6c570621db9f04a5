//! The SQLite ledger: opening, migrations, and the one way to write (an IMMEDIATE transaction).

pub mod accounts;
pub mod billing;
pub mod credits;
pub mod ledger;
pub mod licenses;
pub mod payments;
pub mod postgres;
pub mod prices;
pub mod schema;
pub mod seed;
pub mod sql;
pub mod units;
pub mod verify;
pub mod vouchers;

use chrono::{DateTime, SecondsFormat, Utc};
use rusqlite::{Connection, OpenFlags, TransactionBehavior};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::error::{Error, Kind, Result};

/// How long a command waits for another process's write before giving up with exit 6.
pub const DEFAULT_BUSY_TIMEOUT: Duration = Duration::from_secs(10);

/// How a command uses the ledger.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OpenMode {
    /// Create the file (owner-only) when missing: the commands that make a ledger's first
    /// object (a distributor, a site, a price).
    Create,
    /// Write to an existing ledger; a missing one is "not found" and nothing is created.
    Write,
    /// Only read: the file is opened read-only and nothing in it changes.
    Read,
}

/// One engine's connection to a ledger. The transaction is part of the seam: each engine hands
/// the closure a [`sql::Tx`] of its own.
pub trait Backend {
    /// Runs `f` in one read-only transaction that sees one consistent snapshot.
    fn read(&mut self, f: &mut dyn FnMut(&mut dyn sql::Tx) -> Result<()>) -> Result<()>;
    /// Runs `f` in one write transaction, serialized with every other writer of the ledger:
    /// committed when `f` succeeds, rolled back (nothing written) when it fails.
    fn write(&mut self, f: &mut dyn FnMut(&mut dyn sql::Tx) -> Result<()>) -> Result<()>;
    /// The engine's own check of its storage (SQLite's integrity_check; on PostgreSQL: Ok(())).
    fn check_storage(&mut self) -> Result<()>;
    fn engine(&self) -> sql::Engine;
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
    busy_timeout: Duration,
}

/// What a file at the ledger path turned out to be, read before anything in it changes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Found {
    /// No tables and no marks: a file that a creditctl process has just created.
    Empty,
    /// A creditctl ledger at this schema version.
    Ledger(i64),
}

/// The settings of every writing connection: WAL lets readers go on while one process writes,
/// FULL makes every commit durable before the command reports success.
const WRITE_PRAGMAS: &str = "PRAGMA foreign_keys = ON; PRAGMA synchronous = FULL; PRAGMA cache_size = -65536; PRAGMA temp_store = MEMORY; PRAGMA journal_size_limit = 0;";

impl Store {
    /// Opens the ledger at `path`. Nothing in the file changes before it is known to be a
    /// creditctl ledger, or an empty file that a creditctl process has just created: a foreign
    /// database, a newer ledger or a missing path is refused with every byte as it was.
    pub fn open(path: &Path, mode: OpenMode, busy_timeout: Duration) -> Result<Store> {
        let exists = path.exists();
        if !exists && mode != OpenMode::Create {
            return Err(no_ledger(path));
        }
        if !exists {
            create_owner_only(path)?;
        }
        let flags = if mode == OpenMode::Read {
            OpenFlags::SQLITE_OPEN_READ_ONLY
        } else {
            OpenFlags::SQLITE_OPEN_READ_WRITE
        };
        let conn = Connection::open_with_flags(path, flags | OpenFlags::SQLITE_OPEN_NO_MUTEX)
            .map_err(|e| cannot_open(path, e))?;
        conn.busy_timeout(busy_timeout)?;
        let mut store = Store {
            conn,
            path: path.to_path_buf(),
            busy_timeout,
        };
        match (store.identify()?, mode) {
            (Found::Empty, OpenMode::Read) => Err(no_ledger(path)),
            (Found::Ledger(v), OpenMode::Read) if v < schema::LATEST => {
                // An older ledger is upgraded once, by the first command that may write it.
                drop(store);
                Store::open(path, OpenMode::Write, busy_timeout).map_err(|e| {
                    if e.code == "cannot_open" {
                        Error::new(
                            Kind::Internal,
                            "old_ledger",
                            format!(
                                "{} was written by an older creditctl; a user who may write it must run any creditctl command once to upgrade it",
                                path.display()
                            ),
                        )
                    } else {
                        e
                    }
                })?;
                Store::open(path, OpenMode::Read, busy_timeout)
            }
            (Found::Ledger(_), OpenMode::Read) => Ok(store),
            (found, OpenMode::Write | OpenMode::Create) => {
                store.configure_for_writing(found == Found::Empty)?;
                store.migrate()?;
                Ok(store)
            }
        }
    }

    /// Reads the marks and the tables in one snapshot, so that another process's migration is
    /// seen whole or not at all.
    fn identify(&mut self) -> Result<Found> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Deferred)
            .map_err(|e| classify(&self.path, e))?;
        let found = identify_in(&tx, &self.path)?;
        tx.finish().map_err(|e| classify(&self.path, e))?;
        Ok(found)
    }

    /// A new ledger is put in WAL mode; an existing one keeps the mode it has (a ledger put in
    /// another mode by hand is written in that mode), so that opening changes no byte of it.
    fn configure_for_writing(&self, new: bool) -> Result<()> {
        let started = Instant::now();
        let set = if new {
            "PRAGMA journal_mode = WAL"
        } else {
            "PRAGMA journal_mode"
        };
        let mode: String = loop {
            // Switching a new file to WAL takes a lock that the busy handler does not wait for.
            match self.conn.query_row(set, [], |r| r.get(0)) {
                Err(e) if is_busy(&e) && started.elapsed() < self.busy_timeout => {
                    std::thread::sleep(Duration::from_millis(2));
                }
                other => break other.map_err(|e| classify(&self.path, e))?,
            }
        };
        let wal = mode.eq_ignore_ascii_case("wal");
        if new && !wal {
            return Err(Error::internal(format!(
                "cannot put {} in WAL mode (got {mode}); is it on a network file system?",
                self.path.display()
            )));
        }
        self.conn
            .execute_batch(WRITE_PRAGMAS)
            .map_err(|e| classify(&self.path, e))?;
        if wal {
            self.keep_wal_files();
        }
        Ok(())
    }

    /// Keeps the `-wal` and `-shm` files beside the ledger when the last writer closes (emptied,
    /// not deleted), so that a user who may only read the three files can open the ledger
    /// without creating them. A failure only means they are deleted as before.
    fn keep_wal_files(&self) {
        let mut on: std::ffi::c_int = 1;
        // SAFETY: the handle is valid while `self.conn` lives; PERSIST_WAL reads and writes one
        // int through the pointer, which outlives the call.
        unsafe {
            rusqlite::ffi::sqlite3_file_control(
                self.conn.handle(),
                c"main".as_ptr(),
                rusqlite::ffi::SQLITE_FCNTL_PERSIST_WAL,
                (&mut on as *mut std::ffi::c_int).cast(),
            );
        }
    }

    /// Brings the schema up to date under the write lock, from the version found under it:
    /// many processes may make their first write to a new ledger at once.
    fn migrate(&mut self) -> Result<()> {
        if self.identify()? == Found::Ledger(schema::LATEST) {
            return Ok(());
        }
        let path = self.path.clone();
        // Tables are rebuilt with foreign keys off (they cannot change inside a transaction);
        // the check before the commit stands in for them.
        self.conn.execute_batch("PRAGMA foreign_keys = OFF")?;
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(|e| classify(&path, e))?;
        let version = match identify_in(&tx, &path)? {
            Found::Empty => 0,
            Found::Ledger(v) => v,
        };
        schema::migrate(&tx, version).map_err(|e| self_errno(&tx, e))?;
        let dangling: i64 =
            tx.query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| {
                r.get(0)
            })?;
        if dangling > 0 {
            return Err(Error::internal(format!(
                "{} holds {dangling} rows that point at missing rows; nothing was changed, restore it from a copy",
                path.display()
            )));
        }
        tx.commit()
            .map_err(|e| self_errno(&self.conn, Error::from(e)))?;
        self.conn.execute_batch("PRAGMA foreign_keys = ON")?;
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
        let out = f(&tx).map_err(|e| self_errno(&tx, e))?;
        tx.commit()
            .map_err(|e| self_errno(&self.conn, Error::from(e)))?;
        Ok(out)
    }

    pub fn conn(&self) -> &Connection {
        &self.conn
    }
}

/// Reads what the file at `path` is, refusing anything that is not a creditctl ledger or an
/// empty file.
fn identify_in(conn: &Connection, path: &Path) -> Result<Found> {
    let read = || -> rusqlite::Result<(i64, i64, i64)> {
        let version = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
        let app = conn.query_row("PRAGMA application_id", [], |r| r.get(0))?;
        let tables = conn.query_row("SELECT count(*) FROM sqlite_schema", [], |r| r.get(0))?;
        Ok((version, app, tables))
    };
    let (version, app, tables) = read().map_err(|e| classify(path, e))?;
    let foreign = || {
        Error::new(
            Kind::Internal,
            "not_a_ledger",
            format!(
                "{} is a SQLite database but not a creditctl ledger; nothing was changed, check --db or $CREDITCTL_DB",
                path.display()
            ),
        )
    };
    if app == 0 && version == 0 && tables == 0 {
        return Ok(Found::Empty);
    }
    if app != schema::APPLICATION_ID {
        return Err(foreign());
    }
    if version > schema::LATEST {
        return Err(Error::new(
            Kind::Internal,
            "newer_ledger",
            format!(
                "{} was written by a newer creditctl (schema {version}, this one knows up to {}); nothing was changed, upgrade creditctl",
                path.display(),
                schema::LATEST
            ),
        ));
    }
    Ok(Found::Ledger(version))
}

fn is_busy(e: &rusqlite::Error) -> bool {
    matches!(
        e.sqlite_error_code(),
        Some(rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked)
    )
}

/// A database error, named for the file it happened on.
fn classify(path: &Path, e: rusqlite::Error) -> Error {
    let err = Error::from(e);
    match err.code {
        "not_a_ledger" => Error::new(
            Kind::Internal,
            "not_a_ledger",
            format!(
                "{} is not a creditctl ledger (not a SQLite database); nothing was changed, check --db or $CREDITCTL_DB",
                path.display()
            ),
        ),
        _ => err,
    }
}

/// SQLite reports most failed writes on a full disk as a generic I/O error; the errno of the
/// failed system call tells a full disk apart.
fn self_errno(conn: &Connection, e: Error) -> Error {
    if e.code != "disk_io" {
        return e;
    }
    // SAFETY: the handle is valid while `conn` lives, and sqlite3_system_errno only reads it.
    let errno = unsafe { rusqlite::ffi::sqlite3_system_errno(conn.handle()) };
    if std::io::Error::from_raw_os_error(errno).kind() == std::io::ErrorKind::StorageFull {
        Error::disk_full()
    } else {
        e
    }
}

fn no_ledger(path: &Path) -> Error {
    Error::not_found(format!(
        "there is no ledger at {}; pass --db or set $CREDITCTL_DB, or create one by adding a distributor or a site",
        path.display()
    ))
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
