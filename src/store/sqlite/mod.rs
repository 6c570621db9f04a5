//! The SQLite engine: one file, opened and identified before anything in it changes; WAL for
//! new ledgers; every write one IMMEDIATE transaction.

pub mod schema;

use rusqlite::{Connection, OpenFlags, TransactionBehavior};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use super::sql::{Engine, SqlRow, Tx, Value, ValueRef};
use super::{Backend, OpenMode};
use crate::error::{Error, Kind, Result};

pub struct SqliteStore {
    conn: Connection,
    path: PathBuf,
    busy_timeout: Duration,
    /// Whether this process committed a write (then, on closing, the WAL may be emptied: see
    /// [`SqliteStore::empty_a_long_wal`]).
    wrote: bool,
}

/// A WAL longer than this when a writing process closes is copied into the ledger and emptied
/// (about 64 pages: a dozen redemptions). See [`SqliteStore::empty_a_long_wal`].
pub const WAL_KEPT_BYTES: u64 = 256 * 1024;

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

impl SqliteStore {
    /// Opens the ledger at `path`. Nothing in the file changes before it is known to be a
    /// creditctl ledger, or an empty file that a creditctl process has just created: a foreign
    /// database, a newer ledger or a missing path is refused with every byte as it was.
    pub fn open(path: &Path, mode: OpenMode, busy_timeout: Duration) -> Result<SqliteStore> {
        let exists = path.exists();
        let creates = matches!(mode, OpenMode::Create | OpenMode::CreateBare);
        if !exists && !creates {
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
        conn.set_prepared_statement_cache_capacity(128);
        let mut store = SqliteStore {
            conn,
            path: path.to_path_buf(),
            busy_timeout,
            wrote: false,
        };
        // Before anything is read: a connection that may write would otherwise, when it closes
        // after a refusal (another application's database, a newer ledger, a copy's target that
        // holds a ledger), copy a WAL into the file and delete it. Neither changes a byte. A WAL
        // that was not there before is one this open made: a refusal takes it away again, as
        // SQLite would (the checkpoint of an empty WAL copies nothing).
        let writes = mode != OpenMode::Read;
        let made_wal = writes && !side_file(path, "-wal").exists();
        if writes {
            store.keep_wal_files();
            store.leave_checkpoints_to_commits(true)?;
        }
        let refused = |store: SqliteStore, e: Error| {
            if made_wal {
                store.close_as_sqlite_does();
            }
            Err(e)
        };
        let found = match store.identify() {
            Ok(found) => found,
            Err(e) if mode == OpenMode::Read && e.code == "cannot_open" => {
                return Err(read_only_side_files(path).unwrap_or(e));
            }
            Err(e) => return refused(store, e),
        };
        match (found, mode) {
            (Found::Empty, OpenMode::Read) => Err(no_ledger(path)),
            (Found::Ledger(v), OpenMode::Read) if v < schema::LATEST => {
                // An older ledger is upgraded once, by the first command that may write it.
                drop(store);
                SqliteStore::open(path, OpenMode::Write, busy_timeout).map_err(|e| {
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
                SqliteStore::open(path, OpenMode::Read, busy_timeout)
            }
            (Found::Ledger(_), OpenMode::Read) => Ok(store),
            (Found::Ledger(_), OpenMode::CreateBare) => refused(
                store,
                Error::refused(
                    "target_not_empty",
                    format!(
                        "{} holds a ledger already; copy into a new file or an empty database",
                        path.display()
                    ),
                ),
            ),
            (found, OpenMode::Write | OpenMode::Create | OpenMode::CreateBare) => {
                store.configure_for_writing(found == Found::Empty)?;
                // A ledger found up to date stays so (no creditctl downgrades one); any other
                // is looked at again under the write lock.
                if found != Found::Ledger(schema::LATEST) {
                    store.migrate(mode != OpenMode::CreateBare)?;
                }
                Ok(store)
            }
        }
    }

    /// Reads the marks and the tables in one snapshot (one statement), so that another
    /// process's migration is seen whole or not at all.
    fn identify(&mut self) -> Result<Found> {
        identify_in(&self.conn, &self.path)
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
            .map_err(|e| classify(&self.path, e))
    }

    /// Closes without SQLite's own checkpoint: the WAL, kept between commands, holds the last
    /// commits until it grows past [`WAL_KEPT_BYTES`] (see [`SqliteStore::empty_a_long_wal`]).
    /// Every commit is still made durable in the WAL (synchronous FULL) before the command
    /// reports success, and every reader and every copy reads the WAL with the file; a command
    /// that wrote a little costs two fsyncs (the WAL, and its directory as SQLite syncs it once
    /// per process) instead of five with a checkpoint on close. Readers open read-only and
    /// never checkpoint.
    fn leave_checkpoints_to_commits(&self, leave: bool) -> Result<()> {
        self.conn
            .set_db_config(
                rusqlite::config::DbConfig::SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE,
                leave,
            )
            .map_err(|e| classify(&self.path, e))?;
        Ok(())
    }

    /// Closes as SQLite does by default: a checkpoint, then the `-wal` and `-shm` files deleted.
    /// Failures only leave them.
    fn close_as_sqlite_does(self) {
        let _ = self.leave_checkpoints_to_commits(false);
        self.persist_wal(false);
    }

    /// Keeps the `-wal` and `-shm` files beside the ledger when the last writer closes (not
    /// deleted, even once a checkpoint has emptied the WAL), so that a user who may only read the
    /// three files can open the ledger without creating them. A failure only means they are
    /// deleted as before.
    fn keep_wal_files(&self) {
        self.persist_wal(true);
    }

    /// Sets SQLite's PERSIST_WAL on the ledger's file.
    fn persist_wal(&self, on: bool) {
        let mut flag = std::ffi::c_int::from(on);
        // SAFETY: the handle is valid while `self.conn` lives; PERSIST_WAL reads and writes one
        // int through the pointer, which outlives the call.
        unsafe {
            rusqlite::ffi::sqlite3_file_control(
                self.conn.handle(),
                c"main".as_ptr(),
                rusqlite::ffi::SQLITE_FCNTL_PERSIST_WAL,
                (&mut flag as *mut std::ffi::c_int).cast(),
            );
        }
    }

    /// Copies a WAL longer than [`WAL_KEPT_BYTES`] into the ledger and empties it (a TRUNCATE
    /// checkpoint), when this process wrote. A WAL kept between commands is read whole by every
    /// process that opens the ledger (SQLite rebuilds its index from it when no other process
    /// has the ledger open), and it is only ever emptied by a writer that checkpointed it in
    /// the same process: left to SQLite's automatic checkpoints, commands that each write once
    /// let it grow without end (400 redemptions: 9 MB, each then reading 2,600 pages and
    /// copying 470). Emptied past 64 pages, a process reads at most that much, and one
    /// redemption in a dozen pays the copy. Never waits: when another process reads the WAL,
    /// it stays for a later writer (SQLITE_BUSY at once, with a busy timeout of 0). A failure
    /// loses nothing: every commit is already durable in the WAL.
    fn empty_a_long_wal(&mut self) {
        // SQLite's own name of the file: a ledger reached through a symbolic link has its WAL
        // beside the file the link names.
        let Some(db) = self.conn.path().filter(|p| self.wrote && !p.is_empty()) else {
            return;
        };
        let long = std::fs::metadata(format!("{db}-wal")).is_ok_and(|m| m.len() > WAL_KEPT_BYTES);
        if long && self.conn.busy_timeout(Duration::ZERO).is_ok() {
            let _ = self
                .conn
                .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()));
        }
    }

    /// Brings the schema up to date under the write lock, from the version found under it:
    /// many processes may make their first write to a new ledger at once.
    fn migrate(&mut self, seed: bool) -> Result<()> {
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
        schema::migrate(&tx, version, seed).map_err(|e| self_errno(&tx, e))?;
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
        // An upgrade writes the longest WAL of all.
        self.wrote = true;
        self.conn.execute_batch("PRAGMA foreign_keys = ON")?;
        Ok(())
    }
}

impl Drop for SqliteStore {
    fn drop(&mut self) {
        self.empty_a_long_wal();
    }
}

impl Backend for SqliteStore {
    fn read(&mut self, f: &mut dyn FnMut(&mut dyn Tx) -> Result<()>) -> Result<()> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Deferred)?;
        f(&mut SqliteTx { conn: &tx })?;
        tx.finish()?;
        Ok(())
    }

    /// One transaction begun IMMEDIATE: it takes the write lock first, so every check made
    /// inside it holds until the commit.
    fn write(&mut self, f: &mut dyn FnMut(&mut dyn Tx) -> Result<()>) -> Result<()> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        f(&mut SqliteTx { conn: &tx }).map_err(|e| self_errno(&tx, e))?;
        tx.commit()
            .map_err(|e| self_errno(&self.conn, Error::from(e)))?;
        self.wrote = true;
        Ok(())
    }

    /// SQLite's own check of the file's pages and indexes.
    fn check_storage(&mut self) -> Result<()> {
        let corrupt = |detail: String| {
            Error::new(
                Kind::Internal,
                "ledger_corrupt",
                format!(
                    "the ledger file is damaged ({}); restore it from a copy and run ledger verify again",
                    crate::domain::text::escape(&detail)
                ),
            )
        };
        let first: String = self
            .conn
            .query_row("PRAGMA integrity_check(1)", [], |r| r.get(0))
            .map_err(|e| corrupt(e.to_string()))?;
        if first != "ok" {
            return Err(corrupt(first));
        }
        Ok(())
    }

    fn engine(&self) -> Engine {
        Engine::Sqlite
    }
}

/// A transaction on the SQLite file, as the seam's [`Tx`].
pub struct SqliteTx<'c> {
    pub(crate) conn: &'c Connection,
}

impl<'c> SqliteTx<'c> {
    /// The seam's view of a transaction the caller began on `conn` (fixtures that build a
    /// ledger faster than commands would, like the scale benchmark).
    pub fn wrap(conn: &'c Connection) -> SqliteTx<'c> {
        SqliteTx { conn }
    }
}

impl rusqlite::ToSql for Value {
    fn to_sql(&self) -> rusqlite::Result<rusqlite::types::ToSqlOutput<'_>> {
        use rusqlite::types::{ToSqlOutput, ValueRef};
        Ok(ToSqlOutput::Borrowed(match self {
            Value::Null => ValueRef::Null,
            Value::Int(v) => ValueRef::Integer(*v),
            Value::Text(t) => ValueRef::Text(t.as_bytes()),
            // The shared SQL binds arrays on PostgreSQL only.
            Value::IntArray(_) | Value::TextArray(_) => {
                return Err(rusqlite::Error::ToSqlConversionFailure(
                    "SQLite takes no array parameter".into(),
                ));
            }
        }))
    }
}

impl Tx for SqliteTx<'_> {
    fn exec(&mut self, sql: &str, params: &[Value]) -> Result<u64> {
        let mut stmt = self.conn.prepare_cached(sql)?;
        Ok(stmt.execute(rusqlite::params_from_iter(params))? as u64)
    }

    fn each(
        &mut self,
        sql: &str,
        params: &[Value],
        f: &mut dyn FnMut(&dyn SqlRow) -> Result<()>,
    ) -> Result<()> {
        let mut stmt = self.conn.prepare_cached(sql)?;
        let width = stmt.column_count();
        let mut rows = stmt.query(rusqlite::params_from_iter(params))?;
        while let Some(r) = rows.next()? {
            f(&SqliteRow { row: r, width })?;
        }
        Ok(())
    }

    /// SQLite steps the statement one row at a time; other statements may run between steps.
    fn stream(
        &mut self,
        sql: &str,
        params: &[Value],
        f: &mut dyn FnMut(&mut dyn Tx, &dyn SqlRow) -> Result<()>,
    ) -> Result<()> {
        let conn = self.conn;
        let mut stmt = conn.prepare_cached(sql)?;
        let width = stmt.column_count();
        let mut rows = stmt.query(rusqlite::params_from_iter(params))?;
        let mut inner = SqliteTx { conn };
        while let Some(r) = rows.next()? {
            f(&mut inner, &SqliteRow { row: r, width })?;
        }
        Ok(())
    }

    fn engine(&self) -> Engine {
        Engine::Sqlite
    }
}

struct SqliteRow<'r, 's> {
    row: &'r rusqlite::Row<'s>,
    width: usize,
}

impl SqlRow for SqliteRow<'_, '_> {
    fn cell(&self, i: usize) -> Result<ValueRef<'_>> {
        use rusqlite::types::ValueRef as Sqlite;
        match self.row.get_ref(i)? {
            Sqlite::Null => Ok(ValueRef::Null),
            Sqlite::Integer(v) => Ok(ValueRef::Int(v)),
            Sqlite::Text(t) => Ok(ValueRef::Text(std::str::from_utf8(t).map_err(|_| {
                Error::internal(format!(
                    "the ledger holds text that is not UTF-8 (column {i})"
                ))
            })?)),
            other => Err(Error::internal(format!(
                "the ledger holds {} where a number or text belongs (column {i})",
                other.data_type()
            ))),
        }
    }

    fn width(&self) -> usize {
        self.width
    }
}

/// Reads what the file at `path` is, refusing anything that is not a creditctl ledger or an
/// empty file.
fn identify_in(conn: &Connection, path: &Path) -> Result<Found> {
    // One statement: one snapshot.
    let (version, app, tables): (i64, i64, i64) = conn
        .query_row(
            "SELECT (SELECT user_version FROM pragma_user_version),
                    (SELECT application_id FROM pragma_application_id),
                    (SELECT count(*) FROM sqlite_schema)",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .map_err(|e| classify(path, e))?;
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

/// The file beside the ledger at `path` whose name ends in `suffix` (`-wal`, `-shm`).
fn side_file(path: &Path, suffix: &str) -> std::path::PathBuf {
    let mut name = path.as_os_str().to_os_string();
    name.push(suffix);
    std::path::PathBuf::from(name)
}

/// Why a reader who may not write could not open a WAL ledger, when that is the reason: SQLite
/// reads a WAL database read-only only when its `-wal` and `-shm` files exist (a writer makes
/// them, and creditctl keeps them), since a reader may not create them.
fn read_only_side_files(path: &Path) -> Option<Error> {
    let missing: Vec<String> = ["-wal", "-shm"]
        .iter()
        .map(|s| side_file(path, s))
        .filter(|p| !p.exists())
        .map(|p| p.display().to_string())
        .collect();
    if missing.is_empty() {
        return None;
    }
    Some(Error::new(
        Kind::Internal,
        "cannot_open",
        format!(
            "cannot read {} read-only: {} missing, and a reader may not create it; run any creditctl command that writes once as a user who may write the ledger",
            path.display(),
            missing.join(" and "),
        ),
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

/// SQLite errors folded into the store's own, at the seam.
impl From<rusqlite::Error> for Error {
    fn from(e: rusqlite::Error) -> Error {
        use rusqlite::ErrorCode;
        match e.sqlite_error_code() {
            Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => Error::new(
                Kind::Busy,
                "busy",
                "the ledger is busy: another creditctl process held it past the wait limit; nothing was written, run the command again",
            ),
            Some(ErrorCode::NotADatabase) => Error::new(
                Kind::Internal,
                "not_a_ledger",
                "the file is not a creditctl ledger (not a SQLite database); check --db or $CREDITCTL_DB",
            ),
            Some(ErrorCode::DiskFull) => Error::disk_full(),
            Some(ErrorCode::ConstraintViolation)
                if matches!(
                    &e,
                    rusqlite::Error::SqliteFailure(f, _)
                        if f.extended_code == rusqlite::ffi::SQLITE_CONSTRAINT_UNIQUE
                ) =>
            {
                Error::new(
                    Kind::Internal,
                    super::sql::TAKEN,
                    format!("database error: {e}; nothing was written"),
                )
            }
            Some(ErrorCode::SystemIoFailure) => Error::new(
                Kind::Internal,
                "disk_io",
                format!("the ledger could not be read or written ({e}); nothing was written"),
            ),
            Some(ErrorCode::DatabaseCorrupt) => Error::new(
                Kind::Internal,
                "ledger_corrupt",
                "the ledger file is damaged; restore it from a copy and run `creditctl ledger verify`",
            ),
            Some(ErrorCode::ReadOnly | ErrorCode::CannotOpen | ErrorCode::PermissionDenied) => {
                Error::new(
                    Kind::Internal,
                    "cannot_open",
                    format!(
                        "cannot write the ledger ({e}); check the path and its permissions, or use a command that only reads"
                    ),
                )
            }
            _ => Error::new(
                Kind::Internal,
                "database",
                format!("database error: {e}; nothing was written"),
            ),
        }
    }
}

/// The settings every writing connection of the store gets, for code outside the store that
/// must write under the same ones (the scale benchmark's floors).
pub fn apply_write_settings(conn: &Connection) -> rusqlite::Result<()> {
    conn.execute_batch(WRITE_PRAGMAS)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn busy_database_maps_to_exit_6() {
        let e = rusqlite::Error::SqliteFailure(
            rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_BUSY),
            None,
        );
        let e = Error::from(e);
        assert_eq!((e.exit_code(), e.code), (6, "busy"));
    }
}
