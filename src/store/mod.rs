//! The store: every operation on the ledger, written once against the seam in [`sql`] and run
//! by one engine: SQLite (a file, the default) or PostgreSQL (a shared database). Commands see
//! [`Store`] and [`sql::Tx`], never an engine type.

pub mod accounts;
pub mod billing;
pub mod copy;
pub mod credits;
pub mod ledger;
pub mod licenses;
pub mod members;
pub mod payments;
pub mod postgres;
pub mod prices;
pub mod seed;
pub mod signing;
pub mod sql;
pub mod sqlite;
pub mod units;
pub mod unseen;
pub mod verify;
pub mod vouchers;

use chrono::{DateTime, SecondsFormat, Utc};
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use crate::error::{Error, Result};
use sql::{Engine, Tx};

/// Whether this process has committed a write (see [`committed`]).
static COMMITTED: AtomicBool = AtomicBool::new(false);

/// Whether the last write this process began has committed (a write that fails after an
/// earlier one clears it): an error after it (the output could not be written) must not read as
/// a command that changed nothing.
pub fn committed() -> bool {
    COMMITTED.load(Ordering::Relaxed)
}

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
    /// Create a new ledger's schema without its first rows (default prices), for `ledger copy`,
    /// which brings every row of another ledger instead. Refused when a ledger is there already.
    /// On PostgreSQL the schema is created by the store's first write, in that write's
    /// transaction, so that a failed copy leaves the database empty; a SQLite file that a failed
    /// copy created is removed instead ([`Leftovers`]).
    CreateBare,
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

/// One engine's connection to a ledger. The transaction is part of the seam: each engine hands
/// the closure a [`Tx`] of its own.
pub trait Backend {
    /// Runs `f` in one read-only transaction that sees one consistent snapshot.
    fn read(&mut self, f: &mut dyn FnMut(&mut dyn Tx) -> Result<()>) -> Result<()>;
    /// Runs `f` in one write transaction, serialized with every other writer of the ledger:
    /// committed when `f` succeeds, rolled back (nothing written) when it fails.
    fn write(&mut self, f: &mut dyn FnMut(&mut dyn Tx) -> Result<()>) -> Result<()>;
    /// The engine's own check of its storage (SQLite's `integrity_check`).
    fn check_storage(&mut self) -> Result<()>;
    fn engine(&self) -> Engine;
    /// The user the engine authenticated, where it authenticates users (PostgreSQL).
    fn authenticated_user(&self) -> Option<String> {
        None
    }
}

/// An open ledger on either engine.
pub struct Store(Box<dyn Backend>);

impl Store {
    /// Opens the ledger named by `location`: a `postgres://` or `postgresql://` URL names a
    /// PostgreSQL database, anything else a SQLite file.
    pub fn open(location: &Location, mode: OpenMode, busy_timeout: Duration) -> Result<Store> {
        let backend: Box<dyn Backend> = match location {
            Location::Postgres(url) => Box::new(postgres::PgStore::open(url, mode, busy_timeout)?),
            Location::Sqlite(path) => {
                Box::new(sqlite::SqliteStore::open(path, mode, busy_timeout)?)
            }
        };
        Ok(Store(backend))
    }

    /// Reads in one snapshot.
    pub fn read<T>(&mut self, f: impl FnOnce(&mut dyn Tx) -> Result<T>) -> Result<T> {
        let mut f = Some(f);
        let mut out = None;
        self.0.read(&mut |tx| {
            let f = f
                .take()
                .ok_or_else(|| Error::internal("a read ran twice"))?;
            out = Some(f(tx)?);
            Ok(())
        })?;
        out.ok_or_else(|| Error::internal("a read returned nothing"))
    }

    /// The only way to write: one transaction, committed when `f` succeeds and rolled back
    /// (writing nothing) when it fails.
    pub fn write<T>(&mut self, f: impl FnOnce(&mut dyn Tx) -> Result<T>) -> Result<T> {
        COMMITTED.store(false, Ordering::Relaxed);
        let out = self.write_aside(f)?;
        COMMITTED.store(true, Ordering::Relaxed);
        Ok(out)
    }

    /// [`write`](Self::write) of something that is not the command's change (a failed
    /// attempt recorded as a redemption is shown): not [`committed`].
    pub fn write_aside<T>(&mut self, f: impl FnOnce(&mut dyn Tx) -> Result<T>) -> Result<T> {
        let mut f = Some(f);
        let mut out = None;
        self.0.write(&mut |tx| {
            let f = f
                .take()
                .ok_or_else(|| Error::internal("a write ran twice"))?;
            out = Some(f(tx)?);
            Ok(())
        })?;
        out.ok_or_else(|| Error::internal("a write returned nothing"))
    }

    pub fn check_storage(&mut self) -> Result<()> {
        self.0.check_storage()
    }

    pub fn engine(&self) -> Engine {
        self.0.engine()
    }

    pub fn authenticated_user(&self) -> Option<String> {
        self.0.authenticated_user()
    }
}

/// Where a ledger is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Location {
    /// A SQLite file (any path, UTF-8 or not).
    Sqlite(std::path::PathBuf),
    /// A PostgreSQL database, by libpq URL.
    Postgres(String),
}

impl Location {
    /// A value starting with `postgres://` or `postgresql://` names a PostgreSQL database;
    /// anything else is a SQLite file path.
    pub fn parse(value: &std::ffi::OsStr) -> Result<Location> {
        use std::os::unix::ffi::OsStrExt;
        let bytes = value.as_bytes();
        if bytes.starts_with(b"postgres://") || bytes.starts_with(b"postgresql://") {
            let url = value.to_str().ok_or_else(|| {
                Error::new(
                    crate::error::Kind::Usage,
                    "invalid_utf8",
                    "the PostgreSQL URL in --db or $CREDITCTL_DB is not valid UTF-8; write it in UTF-8",
                )
            })?;
            return Ok(Location::Postgres(url.to_string()));
        }
        Ok(Location::Sqlite(Path::new(value).to_path_buf()))
    }

    /// What a command that creates this ledger would leave behind if it failed afterwards:
    /// taken before it starts, so that [`Leftovers::remove`] can take away exactly the file and
    /// directories it made. Nothing for a file that exists already, and nothing on PostgreSQL,
    /// where a failed copy writes nothing, its schema included ([`OpenMode::CreateBare`]).
    pub fn leftovers(&self) -> Leftovers {
        let Location::Sqlite(path) = self else {
            return Leftovers::default();
        };
        if path.exists() {
            return Leftovers::default();
        }
        let dirs = path
            .ancestors()
            .skip(1)
            .take_while(|d| !d.as_os_str().is_empty() && !d.exists())
            .map(Path::to_path_buf)
            .collect();
        Leftovers {
            file: Some(path.clone()),
            dirs,
        }
    }
}

/// The file (with SQLite's side files) and directories a failed creating command made.
#[derive(Debug, Default)]
pub struct Leftovers {
    file: Option<std::path::PathBuf>,
    /// Innermost first.
    dirs: Vec<std::path::PathBuf>,
}

impl Leftovers {
    /// Removes them, best effort: a directory that something else has put a file in stays.
    pub fn remove(self) {
        if let Some(file) = &self.file {
            for suffix in ["", "-wal", "-shm", "-journal"] {
                let mut name = file.clone().into_os_string();
                name.push(suffix);
                let _ = std::fs::remove_file(name);
            }
        }
        for dir in &self.dirs {
            let _ = std::fs::remove_dir(dir);
        }
    }
}
