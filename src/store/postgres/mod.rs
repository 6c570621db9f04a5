//! The PostgreSQL engine: one database that many operators on many machines share.
//!
//! - Connecting follows libpq (see [`connect`]); a failure is one line naming the host and the
//!   database, never the password.
//! - Every write is one READ COMMITTED transaction that first takes one advisory lock, the
//!   ledger's: the hash chain has one head and every write appends after it, so writers take
//!   turns, as with SQLite's single writer, and wait for each other instead of failing. Waiting
//!   longer than the busy timeout (`lock_timeout`) is exit 6.
//! - Every read is one REPEATABLE READ, READ ONLY transaction: one snapshot.
//! - The schema is created by the first writing command, under a second advisory lock, so that
//!   any number of processes may start against an empty database at once. The target of
//!   `ledger copy` gets its schema in the copy's own transaction instead (see [`PgStore::bare`]).

pub mod connect;
pub mod schema;
mod tls;

use ::postgres::error::SqlState;
use ::postgres::fallible_iterator::FallibleIterator;
use ::postgres::types::{Format, FromSql, IsNull, ToSql, Type, private::BytesMut, to_sql_checked};
use ::postgres::{Client, GenericClient, IsolationLevel, Statement};
use std::collections::HashMap;
use std::time::Duration;

use super::sql::{Engine, SqlRow, Tx, Value, ValueRef};
use super::{Backend, OpenMode};
use crate::error::{Error, Kind, Result};

/// The advisory lock every writer of a creditctl ledger holds for its transaction ("CRDTLEDG").
pub const LEDGER_LOCK: i64 = 0x4352_4454_4C45_4447;
/// Rows a portal fetches at a time in [`PgTx::each_batched`]: a chunk's units (a few numbers a
/// row) in one or two fetches of a few megabytes.
const PORTAL_BATCH: i32 = 32_768;

/// The advisory lock held while the schema is created or upgraded ("CRDTSCHM").
pub const SCHEMA_LOCK: i64 = 0x4352_4454_5343_484D;

/// The oldest server the schema's syntax runs on (`EXECUTE FUNCTION` in triggers).
const OLDEST_SERVER: i64 = 110000;

pub struct PgStore {
    client: Client,
    /// The statements run in this session, by the SQL as the shared code wrote it: how many
    /// times each ran unprepared, or its prepared statement (see [`PgTx::prepared`]).
    statements: HashMap<String, Seen>,
    /// "host:port" and the database, for messages.
    place: String,
    dbname: String,
    /// The user the server authenticated (`session_user`): who acts.
    user: String,
    /// What the session's first round trip found, when it read the marks of a ledger in the
    /// current schema (see [`PgStore::configure`]); else it is looked at closely.
    found: Option<Found>,
    /// Opened with [`OpenMode::CreateBare`] on an empty database: the schema is not created yet.
    /// The first write creates it in its own transaction, under the schema lock, so that the
    /// schema and the rows of `ledger copy` commit together or not at all: a copy that fails
    /// leaves the database as it was, empty, and may be run again.
    bare: bool,
}

/// What the database's current schema turned out to be, read before anything in it changes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Found {
    /// No tables at all: a new ledger may be created here.
    Empty,
    /// A creditctl ledger at this schema version.
    Ledger(i64),
}

impl PgStore {
    /// Connects to the database `url` names. A writing open creates the schema when the
    /// database's schema holds no table; nothing changes in a database that holds another
    /// application's tables or a newer ledger.
    pub fn open(url: &str, mode: OpenMode, busy_timeout: Duration) -> Result<PgStore> {
        let target = connect::Target::from_url(url)?;
        let client = target.connect()?;
        let mut store = PgStore {
            client,
            statements: HashMap::new(),
            place: target.place,
            dbname: target.dbname,
            user: String::new(),
            found: None,
            bare: false,
        };
        store.configure(busy_timeout)?;
        match (store.identify()?, mode) {
            // As with a missing SQLite file: only the commands that make a ledger's first
            // object create one; any other finds nothing and writes nothing.
            (Found::Empty, OpenMode::Read | OpenMode::Write) => Err(Error::not_found(format!(
                "there is no creditctl ledger in database '{}' at {}; create one by adding a distributor or a site, or check --db or $CREDITCTL_DB",
                store.dbname, store.place
            ))),
            (Found::Ledger(_), OpenMode::CreateBare) => {
                Err(target_not_empty(&store.place, &store.dbname))
            }
            // Created by the first write, with its rows (see `bare`).
            (Found::Empty, OpenMode::CreateBare) => {
                store.bare = true;
                Ok(store)
            }
            (Found::Ledger(v), _) if v == schema::LATEST => Ok(store),
            (_, OpenMode::Read) => {
                // An older ledger is upgraded once, by the first command that may write it.
                store.migrate().map_err(|e| {
                    if e.code == "permission_denied" {
                        Error::new(
                            Kind::Internal,
                            "old_ledger",
                            format!(
                                "the ledger in database '{}' at {} was written by an older creditctl; a user who may change its tables must run any creditctl command once to upgrade it",
                                store.dbname, store.place
                            ),
                        )
                    } else {
                        e
                    }
                })?;
                Ok(store)
            }
            (_, OpenMode::Write | OpenMode::Create) => {
                store.migrate()?;
                Ok(store)
            }
        }
    }

    /// The session's settings: waiting for any lock (the writers' lock, the schema lock) ends
    /// after the busy timeout with SQLSTATE 55P03, which is exit 6.
    ///
    /// No JIT compilation: a list's plan over a million rows costs enough to be compiled (about
    /// 150 ms of the server's time before its first row) for a query that reads its rows one
    /// cursor page at a time.
    ///
    /// In the usual case this is the session's one round trip before its work: the settings,
    /// the server's version, the user, and the marks of the ledger in the current schema, in
    /// one statement (one snapshot). It holds only when the `creditctl_meta` that the search
    /// path finds is a plain table of the current schema; anything else (no such table, a view,
    /// a materialized or foreign table, a table of a later schema of the path, a server too old
    /// to know `jit`) fails or says so, and the settings and the schema are then looked at step
    /// by step (a database without a ledger thus leaves one error line in the server's log).
    /// "A plain table" is asked of the server's functions rather than of `pg_class`: of the
    /// relations that get that far (a partitioned table's rows carry their partition's
    /// `tableoid`), the only one with storage of its own that can be written to; views, foreign
    /// and partitioned tables have no storage, a materialized view cannot be written to. A query
    /// of `pg_class` costs a new server process about 0.3 ms, in every command.
    fn configure(&mut self, busy_timeout: Duration) -> Result<()> {
        // 0 would mean "wait forever" to PostgreSQL; SQLite's 0 means "do not wait".
        let ms = busy_timeout.as_millis().clamp(1, i32::MAX as u128);
        let settings = format!("SET lock_timeout = {ms}; SET jit = off");
        let at_once = self.client.simple_query(&format!(
            "{settings};
             SELECT current_setting('server_version_num'), session_user::text, current_schema()::text,
                    (SELECT value FROM creditctl_meta WHERE key = 'application')::text,
                    (SELECT value FROM creditctl_meta WHERE key = 'schema_version')::text,
                    (SELECT m.found = m.here
                            AND pg_catalog.pg_relation_filenode(m.here) IS NOT NULL
                            AND pg_catalog.pg_relation_is_updatable(m.here, false) > 0
                       FROM (SELECT (SELECT tableoid FROM creditctl_meta LIMIT 1) AS found,
                                    to_regclass(format('%I.creditctl_meta', current_schema()))::oid AS here) m)"
        ));
        // A lock held on the marks (an upgrade under way) is the busy ledger it says, at once:
        // the step-by-step path would wait for it a second time.
        let at_once = match at_once {
            Err(e) if e.code() == Some(&SqlState::LOCK_NOT_AVAILABLE) => return Err(e.into()),
            other => other,
        };
        if let Some([version, user, namespace, app, marked, here]) =
            at_once.as_deref().ok().and_then(first_row)
            && here.as_deref() == Some("t")
            && let (Some(version), Some(user), Some(namespace)) = (version, user, namespace)
        {
            self.server_is_new(&version)?;
            self.user = user;
            self.found = Some(marks(
                app.as_deref(),
                marked.as_deref(),
                &self.place,
                &self.dbname,
                &namespace,
            )?);
            return Ok(());
        }
        let answers = self
            .client
            .simple_query(&format!(
                "SELECT current_setting('server_version_num'), session_user::text; {settings}"
            ))
            .map_err(|e| self.too_old().unwrap_or_else(|| e.into()))?;
        let Some([Some(version), Some(user)]) = first_row(&answers) else {
            return Err(Error::internal("the server did not say its version"));
        };
        self.server_is_new(&version)?;
        self.user = user;
        Ok(())
    }

    /// Refuses a server older than [`OLDEST_SERVER`].
    fn server_is_new(&self, version: &str) -> Result<()> {
        if version.parse::<i64>().unwrap_or(0) < OLDEST_SERVER {
            return Err(self.too_old_error(version));
        }
        Ok(())
    }

    /// The refusal of a server older than [`OLDEST_SERVER`], when this one is.
    fn too_old(&mut self) -> Option<Error> {
        let version: String = self
            .client
            .query_typed_one("SELECT current_setting('server_version_num')", &[])
            .ok()?
            .get(0);
        self.server_is_new(&version).err()
    }

    fn too_old_error(&self, version: &str) -> Error {
        Error::internal(format!(
            "the PostgreSQL server at {} is too old (version number {version}); creditctl needs PostgreSQL 11 or newer",
            self.place
        ))
    }

    /// Reads the marks and the tables in one snapshot.
    fn identify(&mut self) -> Result<Found> {
        // What the first round trip read, when it could.
        if let Some(found) = self.found {
            return Ok(found);
        }
        let PgStore {
            client,
            place,
            dbname,
            ..
        } = self;
        let mut tx = client
            .build_transaction()
            .isolation_level(IsolationLevel::RepeatableRead)
            .read_only(true)
            .start()?;
        let found = identify_in(&mut tx, place, dbname)?;
        tx.commit()?;
        Ok(found)
    }

    /// Creates or upgrades the schema under the schema lock, deciding from what is found under
    /// it: many processes may make their first write to a new database at once, and only the
    /// first creates. The lock is a session lock, so that a later upgrade may take more than
    /// one transaction; it ends with the session if anything fails.
    fn migrate(&mut self) -> Result<()> {
        self.client
            .batch_execute(&format!("SELECT pg_advisory_lock({SCHEMA_LOCK})"))?;
        // The marks the first round trip read no longer hold once the schema may change.
        self.found = None;
        let migrated = self.migrate_locked();
        let unlocked = self
            .client
            .batch_execute(&format!("SELECT pg_advisory_unlock({SCHEMA_LOCK})"));
        migrated?;
        unlocked?;
        Ok(())
    }

    /// Creates or upgrades the schema in one transaction; a new ledger gets its first rows.
    fn migrate_locked(&mut self) -> Result<()> {
        let PgStore {
            client,
            statements,
            place,
            dbname,
            ..
        } = self;
        let mut tx = client
            .build_transaction()
            .isolation_level(IsolationLevel::ReadCommitted)
            .start()?;
        // Writers of an older schema wait while it changes under them.
        tx.batch_execute(&format!("SELECT pg_advisory_xact_lock({LEDGER_LOCK})"))?;
        let found = identify_in(&mut tx, place, dbname)?;
        if found == Found::Ledger(schema::LATEST) {
            return Ok(());
        }
        build_schema(&mut tx, statements, place, dbname, found, true)?;
        tx.commit()?;
        Ok(())
    }
}

/// Creates the schema of a ledger in the transaction `tx` when `found` is [`Found::Empty`], or
/// upgrades the older one found, and marks it with the latest version. A new ledger gets its
/// first rows (default prices, the catalog, the prices in the chain) unless `seed` is false: a
/// ledger copied from another brings its own.
fn build_schema(
    tx: &mut ::postgres::Transaction<'_>,
    statements: &mut HashMap<String, Seen>,
    place: &str,
    dbname: &str,
    found: Found,
    seed: bool,
) -> Result<()> {
    let fresh = found == Found::Empty;
    let from = match found {
        Found::Ledger(v) => v,
        Found::Empty => {
            let cannot_create = |e: ::postgres::Error| match e.as_db_error() {
                Some(db) if *db.code() == SqlState::INSUFFICIENT_PRIVILEGE => Error::new(
                    Kind::Internal,
                    "permission_denied",
                    format!(
                        "cannot create the ledger's tables in database '{dbname}' at {place} ({}); the first writing command must run as a user with CREATE on the schema, or a DBA runs it once",
                        db.message()
                    ),
                ),
                _ => Error::from(e),
            };
            tx.batch_execute(schema::META).map_err(cannot_create)?;
            tx.batch_execute(schema::CREATE).map_err(cannot_create)?;
            schema::BASE
        }
    };
    // An older ledger's upgrade changes its tables and the owner's functions: a member's
    // first command after a new creditctl is told who must run one first.
    let cannot_upgrade = |e: ::postgres::Error| match e.as_db_error() {
        Some(db) if !fresh && *db.code() == SqlState::INSUFFICIENT_PRIVILEGE => Error::new(
            Kind::Internal,
            "old_ledger",
            format!(
                "the ledger in database '{dbname}' at {place} was written by an older creditctl (schema {from}; this one writes {}), and its upgrade changes what only the owner of its tables may change ({}); run any creditctl command once as that owner",
                schema::LATEST,
                db.message()
            ),
        ),
        _ => Error::from(e),
    };
    for sql in schema::UPGRADES.iter().skip((from - schema::BASE) as usize) {
        tx.batch_execute(sql).map_err(cannot_upgrade)?;
    }
    tx.batch_execute(schema::GROUP_ROLES)
        .map_err(cannot_upgrade)?;
    tx.batch_execute(schema::ROW_SECURITY)
        .map_err(cannot_upgrade)?;
    // A new ledger's first rows, written through the same SQL as every other row (which
    // needs the owner's functions above).
    if seed && fresh {
        PgTx::new(tx, statements).run(&mut |tx| {
            super::seed::seed_defaults(tx)?;
            super::seed::record_prices(tx)
        })?;
    }
    // An upgraded ledger's tallies (schema 6), counted as `deduct run` counts.
    if !fresh && from < schema::TALLIES_SINCE {
        PgTx::new(tx, statements).run(&mut super::billing::tally_all)?;
    }
    tx.batch_execute(&schema::mark(schema::LATEST))?;
    Ok(())
}

/// The refusal of a copy into a database that holds a ledger already.
fn target_not_empty(place: &str, dbname: &str) -> Error {
    Error::refused(
        "target_not_empty",
        format!(
            "database '{dbname}' at {place} holds a ledger already; copy into a new file or an empty database"
        ),
    )
}

/// Reads what the current schema (the first of the search path) holds, refusing anything that
/// is not a creditctl ledger or empty.
fn identify_in(c: &mut impl GenericClient, place: &str, dbname: &str) -> Result<Found> {
    let row = c.query_typed_one(
        "SELECT n.nspname::text,
                (SELECT count(*) FROM pg_catalog.pg_class r
                  WHERE r.relnamespace = n.oid AND r.relkind IN ('r', 'p', 'v', 'm', 'f', 'S')),
                EXISTS (SELECT 1 FROM pg_catalog.pg_class r
                  WHERE r.relnamespace = n.oid AND r.relname = 'creditctl_meta' AND r.relkind = 'r')
           FROM (SELECT current_schema() AS name) AS s
           LEFT JOIN pg_catalog.pg_namespace n ON n.nspname = s.name",
        &[],
    )?;
    let (namespace, tables, meta): (Option<String>, i64, Option<bool>) =
        (row.get(0), row.get(1), row.get(2));
    let Some(namespace) = namespace else {
        return Err(Error::internal(format!(
            "database '{dbname}' at {place} has no schema to hold the ledger: no schema of the search_path exists; create one, or set search_path"
        )));
    };
    if tables == 0 {
        return Ok(Found::Empty);
    }
    if meta != Some(true) {
        return Err(not_a_ledger(place, dbname, &namespace));
    }
    read_marks(c, place, dbname, &namespace)
}

/// The refusal of a database whose current schema holds another application's tables.
fn not_a_ledger(place: &str, dbname: &str, namespace: &str) -> Error {
    Error::new(
        Kind::Internal,
        "not_a_ledger",
        format!(
            "database '{dbname}' at {place} holds tables but no creditctl ledger (schema '{namespace}'); nothing was changed, check --db or $CREDITCTL_DB"
        ),
    )
}

/// Reads the marks of the table `creditctl_meta` in schema `namespace`, refusing anything but
/// a creditctl ledger of a schema version this build knows.
fn read_marks(
    c: &mut impl GenericClient,
    place: &str,
    dbname: &str,
    namespace: &str,
) -> Result<Found> {
    let quoted = format!("\"{}\"", namespace.replace('"', "\"\""));
    let row = c.query_typed_one(
        &format!(
            "SELECT (SELECT value FROM {quoted}.creditctl_meta WHERE key = 'application')::text,
                    (SELECT value FROM {quoted}.creditctl_meta WHERE key = 'schema_version')::text"
        ),
        &[],
    )?;
    let (app, version): (Option<String>, Option<String>) = (row.get(0), row.get(1));
    marks(app.as_deref(), version.as_deref(), place, dbname, namespace)
}

/// The first row of a simple query's answers, its `N` columns as text (`None` for NULL), when
/// it has that many.
fn first_row<const N: usize>(
    answers: &[::postgres::SimpleQueryMessage],
) -> Option<[Option<String>; N]> {
    answers.iter().find_map(|m| match m {
        ::postgres::SimpleQueryMessage::Row(r) if r.len() == N => {
            Some(std::array::from_fn(|i| r.get(i).map(str::to_string)))
        }
        _ => None,
    })
}

/// What the marks of the `creditctl_meta` table in schema `namespace` say (its application and
/// schema version): a creditctl ledger of a schema version this build knows, or a refusal.
fn marks(
    app: Option<&str>,
    version: Option<&str>,
    place: &str,
    dbname: &str,
    namespace: &str,
) -> Result<Found> {
    if app != Some(schema::APPLICATION) {
        return Err(not_a_ledger(place, dbname, namespace));
    }
    let version: i64 = version.and_then(|v| v.parse().ok()).ok_or_else(|| {
        Error::internal(format!(
            "the ledger in database '{dbname}' at {place} has no readable schema version; nothing was changed, restore it from a copy"
        ))
    })?;
    if version < schema::BASE {
        return Err(Error::internal(format!(
            "the ledger in database '{dbname}' at {place} is marked with schema version {version}, which no PostgreSQL ledger of creditctl had; nothing was changed, restore it from a copy"
        )));
    }
    if version > schema::LATEST {
        return Err(Error::new(
            Kind::Internal,
            "newer_ledger",
            format!(
                "the ledger in database '{dbname}' at {place} was written by a newer creditctl (schema {version}, this one knows up to {}); nothing was changed, upgrade creditctl",
                schema::LATEST
            ),
        ));
    }
    Ok(Found::Ledger(version))
}

impl Backend for PgStore {
    fn read(&mut self, f: &mut dyn FnMut(&mut dyn Tx) -> Result<()>) -> Result<()> {
        if self.bare {
            return Err(Error::internal(format!(
                "database '{}' at {} holds no ledger yet: a copy writes it first",
                self.dbname, self.place
            )));
        }
        let PgStore {
            client, statements, ..
        } = self;
        let mut tx = client
            .build_transaction()
            .isolation_level(IsolationLevel::RepeatableRead)
            .read_only(true)
            .start()?;
        PgTx::new(&mut tx, statements).run(f)?;
        tx.commit()?;
        Ok(())
    }

    /// One READ COMMITTED transaction that takes the writers' lock first: every statement after
    /// it sees every write committed before, and the checks made inside hold until the commit.
    ///
    /// The first write of a store opened bare (see [`PgStore::bare`]) first creates the schema,
    /// in the same transaction, under the schema lock (taken before the writers' lock, in the
    /// order [`PgStore::migrate`] takes them): the database must still be empty then.
    fn write(&mut self, f: &mut dyn FnMut(&mut dyn Tx) -> Result<()>) -> Result<()> {
        let PgStore {
            client,
            statements,
            place,
            dbname,
            bare,
            ..
        } = self;
        let mut tx = client
            .build_transaction()
            .isolation_level(IsolationLevel::ReadCommitted)
            .start()?;
        if *bare {
            tx.batch_execute(&format!("SELECT pg_advisory_xact_lock({SCHEMA_LOCK})"))?;
        }
        tx.batch_execute(&format!("SELECT pg_advisory_xact_lock({LEDGER_LOCK})"))?;
        if *bare {
            match identify_in(&mut tx, place, dbname)? {
                Found::Empty => {
                    build_schema(&mut tx, statements, place, dbname, Found::Empty, false)?
                }
                Found::Ledger(_) => return Err(target_not_empty(place, dbname)),
            }
        }
        // On an error the transaction is rolled back when it is dropped.
        PgTx::new(&mut tx, statements).run(f)?;
        tx.commit()?;
        *bare = false;
        Ok(())
    }

    /// The server keeps its own storage consistent; there is nothing for a client to check.
    fn check_storage(&mut self) -> Result<()> {
        Ok(())
    }

    fn engine(&self) -> Engine {
        Engine::Postgres
    }

    fn authenticated_user(&self) -> Option<String> {
        Some(self.user.clone())
    }
}

/// A transaction on the database, as the seam's [`Tx`].
pub struct PgTx<'t, 'c> {
    tx: &'t mut ::postgres::Transaction<'c>,
    statements: &'t mut HashMap<String, Seen>,
    /// Set when a statement failed: PostgreSQL has then aborted the transaction, and a COMMIT
    /// would quietly roll it back.
    failed: bool,
    /// How many lists are open (see [`PgTx::stream`]): each has a cursor of its own.
    cursors: usize,
}

impl<'t, 'c> PgTx<'t, 'c> {
    fn new(
        tx: &'t mut ::postgres::Transaction<'c>,
        statements: &'t mut HashMap<String, Seen>,
    ) -> Self {
        PgTx {
            tx,
            statements,
            failed: false,
            cursors: 0,
        }
    }

    /// Runs `f` in this transaction; a failed statement fails the whole, even when `f` went on.
    fn run(&mut self, f: &mut dyn FnMut(&mut dyn Tx) -> Result<()>) -> Result<()> {
        f(self)?;
        if self.failed {
            return Err(Error::internal(
                "a statement of the transaction failed; nothing was written",
            ));
        }
        Ok(())
    }

    /// Notes a failed statement.
    fn check<T>(&mut self, r: std::result::Result<T, ::postgres::Error>) -> Result<T> {
        self.failed |= r.is_err();
        Ok(r?)
    }

    /// Declares the cursor `name` for `sql` and hands `f` its rows, a batch at a time.
    fn fetch_each(
        &mut self,
        name: &str,
        sql: &str,
        params: &[Value],
        f: &mut dyn FnMut(&mut dyn Tx, &dyn SqlRow) -> Result<()>,
    ) -> Result<()> {
        self.exec(
            &format!("DECLARE {name} NO SCROLL CURSOR FOR {sql}"),
            params,
        )?;
        // A small first batch, for the first line to come out at once.
        let mut size = FIRST_BATCH;
        loop {
            // Never prepared: a prepared FETCH would keep the columns of the first cursor of
            // that name, and a later list of the session may reuse the name.
            let batch = self
                .tx
                .query_typed(&format!("FETCH {size} FROM {name}"), &[]);
            let batch = self.check(batch)?;
            for row in &batch {
                f(self, &PgRow(row))?;
            }
            if batch.len() < size {
                return Ok(());
            }
            size = STREAM_BATCH;
        }
    }

    /// The statement for `sql`, prepared once per connection.
    fn statement(&mut self, sql: &str) -> Result<Statement> {
        if let Some(Seen::Prepared(s)) = self.statements.get(sql) {
            return Ok(s.clone());
        }
        let prepared = self.tx.prepare(&rewrite_placeholders(&owner_ids(sql)));
        let s = self.check(prepared)?;
        self.statements
            .insert(sql.to_string(), Seen::Prepared(s.clone()));
        Ok(s)
    }

    /// The prepared statement for `sql` once this session has run it [`PREPARE_AFTER`] times,
    /// else `None`: until then it goes in one round trip, parsed, bound and run at once
    /// ([`Self::once`]). Preparing costs a round trip of its own and saves the server parsing
    /// and planning again, which pays only for a statement run many times (a batch of inserts,
    /// a cursor's fetches).
    fn prepared(&mut self, sql: &str) -> Result<Option<Statement>> {
        match self.statements.get_mut(sql) {
            Some(Seen::Prepared(s)) => Ok(Some(s.clone())),
            Some(Seen::Unprepared(n)) if *n >= PREPARE_AFTER => self.statement(sql).map(Some),
            Some(Seen::Unprepared(n)) => {
                *n += 1;
                Ok(None)
            }
            None => {
                self.statements.insert(sql.to_string(), Seen::Unprepared(1));
                Ok(None)
            }
        }
    }

    /// Runs `sql` once, unprepared, in one round trip (see [`unprepared`]). Hands `f` each
    /// row; returns the rows the statement changed.
    fn once(
        &mut self,
        sql: &str,
        params: &[Value],
        f: &mut dyn FnMut(&dyn SqlRow) -> Result<()>,
    ) -> Result<u64> {
        let (sql, typed) = unprepared(sql, params);
        let mut failed = false;
        let result = (|| {
            let mut rows = self
                .tx
                .query_typed_raw(&sql, typed)
                .inspect_err(|_| failed = true)?;
            while let Some(row) = rows.next().inspect_err(|_| failed = true)? {
                f(&PgRow(&row))?;
            }
            Ok(rows.rows_affected().unwrap_or(0))
        })();
        self.failed |= failed;
        result
    }
}

impl Tx for PgTx<'_, '_> {
    fn exec(&mut self, sql: &str, params: &[Value]) -> Result<u64> {
        let Some(stmt) = self.prepared(sql)? else {
            return self.once(sql, params, &mut |_| Ok(()));
        };
        let done = self.tx.execute(&stmt, &refs(params));
        self.check(done)
    }

    /// Under a savepoint: a refused statement aborts only what followed it, and the
    /// transaction goes on.
    fn exec_unless_taken(&mut self, sql: &str, params: &[Value]) -> Result<Option<u64>> {
        let failed = self.failed;
        let set = self.tx.batch_execute("SAVEPOINT creditctl_taken");
        self.check(set)?;
        let (done, back) = match self.exec(sql, params) {
            Ok(n) => (Some(n), "RELEASE SAVEPOINT creditctl_taken"),
            Err(e) if e.code == super::sql::TAKEN => (
                None,
                "ROLLBACK TO SAVEPOINT creditctl_taken; RELEASE SAVEPOINT creditctl_taken",
            ),
            Err(e) => return Err(e),
        };
        let back = self.tx.batch_execute(back);
        self.check(back)?;
        // The refused statement is undone: it no longer fails the transaction.
        self.failed = failed;
        Ok(done)
    }

    /// Rows are handed over as they arrive from the server: a scan of any length runs in the
    /// same memory.
    fn each(
        &mut self,
        sql: &str,
        params: &[Value],
        f: &mut dyn FnMut(&dyn SqlRow) -> Result<()>,
    ) -> Result<()> {
        let Some(stmt) = self.prepared(sql)? else {
            return self.once(sql, params, f).map(|_| ());
        };
        let mut failed = false;
        let result = (|| {
            let mut rows = self
                .tx
                .query_raw(&stmt, params.iter())
                .inspect_err(|_| failed = true)?;
            while let Some(row) = rows.next().inspect_err(|_| failed = true)? {
                f(&PgRow(&row))?;
            }
            Ok(())
        })();
        self.failed |= failed;
        result
    }

    /// Through a portal of the protocol, [`PORTAL_BATCH`] rows at a time: the statement is
    /// prepared (once a session), bound, and its rows fetched a batch per round trip.
    fn each_batched(
        &mut self,
        sql: &str,
        params: &[Value],
        f: &mut dyn FnMut(&dyn SqlRow) -> Result<()>,
    ) -> Result<()> {
        let stmt = self.statement(sql)?;
        let portal = self.tx.bind(&stmt, &refs(params));
        let portal = self.check(portal)?;
        loop {
            let rows = self.tx.query_portal(&portal, PORTAL_BATCH);
            let rows = self.check(rows)?;
            for row in &rows {
                f(&PgRow(row))?;
            }
            if rows.len() < PORTAL_BATCH as usize {
                return Ok(());
            }
        }
    }

    /// All the rows in one go (one wait on the connection instead of one a row, which was a
    /// quarter of the client's time in `ledger verify`), unprepared or prepared as
    /// [`each`](Tx::each) would be.
    fn each_whole(
        &mut self,
        sql: &str,
        params: &[Value],
        f: &mut dyn FnMut(&dyn SqlRow) -> Result<()>,
    ) -> Result<()> {
        let rows = match self.prepared(sql)? {
            Some(stmt) => {
                let rows = self.tx.query(&stmt, &refs(params));
                self.check(rows)?
            }
            None => {
                let (sql, typed) = unprepared(sql, params);
                let rows = self.tx.query_typed(&sql, &typed);
                self.check(rows)?
            }
        };
        for row in &rows {
            f(&PgRow(row))?;
        }
        Ok(())
    }

    /// Through a cursor, [`STREAM_BATCH`] rows at a time: the server holds the rest until they
    /// are asked for, so a list stopped early (`| head`, `--limit`) reads no further, and other
    /// statements may run between batches. A cursor (unlike a portal of the protocol) is planned
    /// for its first rows: a list ordered by an index starts at once instead of after a sort.
    fn stream(
        &mut self,
        sql: &str,
        params: &[Value],
        f: &mut dyn FnMut(&mut dyn Tx, &dyn SqlRow) -> Result<()>,
    ) -> Result<()> {
        let name = format!("creditctl_list_{}", self.cursors);
        self.cursors += 1;
        let result = self.fetch_each(&name, sql, params, f);
        self.cursors -= 1;
        if !self.failed {
            let closed = self.tx.batch_execute(&format!("CLOSE {name}"));
            // A list that ended early leaves its cursor open until the transaction ends.
            if result.is_ok() {
                self.check(closed)?;
            }
        }
        result
    }

    fn engine(&self) -> Engine {
        Engine::Postgres
    }
}

/// A statement of the session: run unprepared so many times, or prepared.
pub enum Seen {
    Unprepared(u32),
    Prepared(Statement),
}

/// Runs of a statement before it is prepared (see [`PgTx::prepared`]).
const PREPARE_AFTER: u32 = 3;

/// How many rows a list fetches from PostgreSQL at a time (see [`PgTx::stream`]).
const STREAM_BATCH: usize = 512;
/// The first batch of a list on PostgreSQL.
const FIRST_BATCH: usize = 32;

/// The shared SQL gives every new row its id as `(SELECT coalesce(max(id), 0) + 1 FROM t)`,
/// under the writers' lock. On PostgreSQL a member sees only some rows of `t` (row-level
/// security), so the highest id comes from the owner's function `creditctl_next_id` instead.
pub fn owner_ids(sql: &str) -> std::borrow::Cow<'_, str> {
    const IDIOM: &str = "(SELECT coalesce(max(id), 0) + 1 FROM ";
    if !sql.contains(IDIOM) {
        return std::borrow::Cow::Borrowed(sql);
    }
    let mut out = String::with_capacity(sql.len());
    let mut rest = sql;
    while let Some(at) = rest.find(IDIOM) {
        out.push_str(&rest[..at]);
        let after = &rest[at + IDIOM.len()..];
        let table_end = after
            .find(|c: char| !(c.is_ascii_lowercase() || c == '_'))
            .unwrap_or(after.len());
        if table_end > 0 && after[table_end..].starts_with(')') {
            out.push_str(&format!("creditctl_next_id('{}')", &after[..table_end]));
            rest = &after[table_end + 1..];
        } else {
            out.push_str(IDIOM);
            rest = after;
        }
    }
    out.push_str(rest);
    std::borrow::Cow::Owned(out)
}

/// Numbers the shared SQL's `?1`, `?2` … placeholders as PostgreSQL's `$1`, `$2` …, leaving
/// quoted text, quoted names, comments and dollar-quoted bodies as they are.
pub fn rewrite_placeholders(sql: &str) -> String {
    let b = sql.as_bytes();
    let mut out = b.to_vec();
    let ident = |c: u8| c.is_ascii_alphanumeric() || c == b'_' || c >= 0x80;
    let mut i = 0;
    while i < b.len() {
        i = match b[i] {
            b'\'' => {
                // E'…' strings take backslash escapes.
                let escapes =
                    i > 0 && (b[i - 1] == b'E' || b[i - 1] == b'e') && (i < 2 || !ident(b[i - 2]));
                skip_quoted(b, i, b'\'', escapes)
            }
            b'"' => skip_quoted(b, i, b'"', false),
            b'-' if b.get(i + 1) == Some(&b'-') => b[i..]
                .iter()
                .position(|&c| c == b'\n')
                .map_or(b.len(), |n| i + n + 1),
            b'/' if b.get(i + 1) == Some(&b'*') => skip_block_comment(b, i),
            b'$' if i == 0 || !ident(b[i - 1]) => skip_dollar_quoted(b, i),
            b'?' if b.get(i + 1).is_some_and(u8::is_ascii_digit) => {
                out[i] = b'$';
                i + 1
            }
            _ => i + 1,
        };
    }
    String::from_utf8(out).expect("only an ASCII byte was replaced by another")
}

/// The index after the quoted run that starts at `i` (`''` doubles a quote).
fn skip_quoted(b: &[u8], i: usize, quote: u8, backslash: bool) -> usize {
    let mut j = i + 1;
    while j < b.len() {
        if backslash && b[j] == b'\\' {
            j += 2;
        } else if b[j] == quote {
            if b.get(j + 1) == Some(&quote) {
                j += 2;
            } else {
                return j + 1;
            }
        } else {
            j += 1;
        }
    }
    b.len()
}

/// The index after the (nested) block comment that starts at `i`.
fn skip_block_comment(b: &[u8], i: usize) -> usize {
    let mut depth = 0;
    let mut j = i;
    while j < b.len() {
        if b[j..].starts_with(b"/*") {
            depth += 1;
            j += 2;
        } else if b[j..].starts_with(b"*/") {
            depth -= 1;
            j += 2;
            if depth == 0 {
                return j;
            }
        } else {
            j += 1;
        }
    }
    b.len()
}

/// The index after a `$tag$ … $tag$` body that starts at `i`, or `i + 1` when `$` starts none.
fn skip_dollar_quoted(b: &[u8], i: usize) -> usize {
    let tag_len = b[i + 1..]
        .iter()
        .position(|&c| !(c.is_ascii_alphanumeric() || c == b'_' || c >= 0x80));
    let Some(n) = tag_len else {
        return i + 1;
    };
    let close = i + 1 + n;
    if b[close] != b'$' || b.get(i + 1).is_some_and(u8::is_ascii_digit) {
        return i + 1;
    }
    let tag = &b[i..=close];
    let body = close + 1;
    b[body..]
        .windows(tag.len())
        .position(|w| w == tag)
        .map_or(b.len(), |p| body + p + tag.len())
}

fn is_text(ty: &Type) -> bool {
    [
        Type::TEXT,
        Type::VARCHAR,
        Type::BPCHAR,
        Type::NAME,
        Type::UNKNOWN,
    ]
    .contains(ty)
        || ty.name() == "citext"
}

/// `sql` and its parameters as a statement run unprepared sends them (libpq's `PQexecParams`):
/// placeholders numbered for the server, and each parameter with the type it goes as (see
/// [`sent_type`]).
fn unprepared<'p>(sql: &str, params: &'p [Value]) -> (String, Vec<(&'p (dyn ToSql + Sync), Type)>) {
    let typed = params
        .iter()
        .map(|p| (p as &(dyn ToSql + Sync), sent_type(p)))
        .collect();
    (rewrite_placeholders(&owner_ids(sql)), typed)
}

/// The type a parameter is sent as when the server is left to infer it (a statement run
/// unprepared, see [`unprepared`]): an array is sent typed, in binary; anything else untyped,
/// as text the server reads as it reads a literal.
fn sent_type(v: &Value) -> Type {
    match v {
        Value::IntArray(_) => Type::INT8_ARRAY,
        Value::TextArray(_) => Type::TEXT_ARRAY,
        _ => Type::UNKNOWN,
    }
}

/// Binds a value to whatever type the server inferred for its parameter: an integer to any
/// integer type that holds it (or as its digits to text), text to any text type (or, when it
/// is a number, to an integer type; to `bigint[]` or `text[]`, as the array's text form), NULL
/// to anything.
impl ToSql for Value {
    fn to_sql(
        &self,
        ty: &Type,
        out: &mut BytesMut,
    ) -> std::result::Result<IsNull, Box<dyn std::error::Error + Sync + Send>> {
        match self {
            Value::Null => Ok(IsNull::Yes),
            Value::Int(v) => int_to_sql(*v, ty, out),
            Value::Text(t) if is_text(ty) => t.as_str().to_sql(ty, out),
            Value::IntArray(v) if *ty == Type::INT8_ARRAY => v.to_sql(ty, out),
            Value::TextArray(v) if *ty == Type::TEXT_ARRAY => v.to_sql(ty, out),
            Value::IntArray(_) | Value::TextArray(_) => {
                Err(format!("cannot bind an array to a parameter of type {ty}").into())
            }
            Value::Text(t) => match t.parse::<i64>() {
                Ok(v) if [Type::INT8, Type::INT4, Type::INT2].contains(ty) => {
                    int_to_sql(v, ty, out)
                }
                _ => Err(format!("cannot bind text to a parameter of type {ty}").into()),
            },
        }
    }

    fn accepts(_: &Type) -> bool {
        true
    }

    /// Binary for a type the server named (or an array, sent typed); text for a parameter left
    /// for it to infer (`UNKNOWN`, see [`sent_type`]), which it then reads as it reads a literal.
    fn encode_format(&self, ty: &Type) -> Format {
        if *ty == Type::UNKNOWN {
            Format::Text
        } else {
            Format::Binary
        }
    }

    to_sql_checked!();
}

fn int_to_sql(
    v: i64,
    ty: &Type,
    out: &mut BytesMut,
) -> std::result::Result<IsNull, Box<dyn std::error::Error + Sync + Send>> {
    match ty {
        t if *t == Type::INT8 => v.to_sql(ty, out),
        t if *t == Type::INT4 => i32::try_from(v)?.to_sql(ty, out),
        t if *t == Type::INT2 => i16::try_from(v)?.to_sql(ty, out),
        t if *t == Type::BOOL => (v != 0).to_sql(ty, out),
        t if *t == Type::NUMERIC => {
            out.extend_from_slice(&numeric_from_int(v));
            Ok(IsNull::No)
        }
        t if is_text(t) => v.to_string().as_str().to_sql(ty, out),
        _ => Err(format!("cannot bind an integer to a parameter of type {ty}").into()),
    }
}

/// One read value, of whatever type the server sent.
enum Cell<'a> {
    Null,
    Int(i64),
    Text(&'a str),
    /// A type the seam does not read, named for the message.
    Other(String),
}

impl<'a> FromSql<'a> for Cell<'a> {
    fn from_sql(
        ty: &Type,
        raw: &'a [u8],
    ) -> std::result::Result<Cell<'a>, Box<dyn std::error::Error + Sync + Send>> {
        Ok(if *ty == Type::INT8 {
            Cell::Int(i64::from_sql(ty, raw)?)
        } else if *ty == Type::INT4 {
            Cell::Int(i32::from_sql(ty, raw)?.into())
        } else if *ty == Type::INT2 {
            Cell::Int(i16::from_sql(ty, raw)?.into())
        } else if *ty == Type::BOOL {
            Cell::Int(bool::from_sql(ty, raw)?.into())
        } else if *ty == Type::NUMERIC {
            numeric_int(raw)
                .map_or_else(|| Cell::Other("a number with a fraction".into()), Cell::Int)
        } else if is_text(ty) {
            Cell::Text(<&str>::from_sql(ty, raw)?)
        } else {
            Cell::Other(ty.name().to_string())
        })
    }

    fn from_sql_null(
        _: &Type,
    ) -> std::result::Result<Cell<'a>, Box<dyn std::error::Error + Sync + Send>> {
        Ok(Cell::Null)
    }

    fn accepts(_: &Type) -> bool {
        true
    }
}

/// A NUMERIC in binary form as an i64, when it is a whole number that fits.
fn numeric_int(raw: &[u8]) -> Option<i64> {
    let word = |i: usize| raw.get(i..i + 2).map(|b| u16::from_be_bytes([b[0], b[1]]));
    let ndigits = word(0)? as usize;
    let weight = word(2)? as i16;
    let sign = word(4)?;
    if sign != 0x0000 && sign != 0x4000 {
        return None; // NaN or an infinity
    }
    let digits: Vec<u16> = (0..ndigits)
        .map(|k| word(8 + 2 * k))
        .collect::<Option<_>>()?;
    let whole = usize::try_from(i32::from(weight) + 1).unwrap_or(0);
    if digits.iter().skip(whole).any(|&d| d != 0) {
        return None;
    }
    let mut v: i128 = 0;
    for k in 0..whole {
        v = v
            .checked_mul(10_000)?
            .checked_add(i128::from(*digits.get(k).unwrap_or(&0)))?;
    }
    if sign == 0x4000 {
        v = -v;
    }
    i64::try_from(v).ok()
}

/// An i64 as a NUMERIC in binary form: base-10000 digits, most significant first.
fn numeric_from_int(v: i64) -> Vec<u8> {
    let mut digits = Vec::new();
    let mut rest = v.unsigned_abs();
    while rest > 0 {
        digits.push((rest % 10_000) as u16);
        rest /= 10_000;
    }
    let weight = digits.len() as i16 - 1;
    // Trailing zero digits are left out, as the server does.
    let skip = digits.iter().take_while(|&&d| d == 0).count();
    let digits: Vec<u16> = digits[skip..].iter().rev().copied().collect();
    let sign: u16 = if v < 0 { 0x4000 } else { 0 };
    let mut out = Vec::with_capacity(8 + 2 * digits.len());
    for word in [digits.len() as u16, weight.max(0) as u16, sign, 0] {
        out.extend_from_slice(&word.to_be_bytes());
    }
    for d in digits {
        out.extend_from_slice(&d.to_be_bytes());
    }
    out
}

/// The seam's values as the driver takes a statement's parameters.
fn refs(params: &[Value]) -> Vec<&(dyn ToSql + Sync)> {
    params.iter().map(|p| p as _).collect()
}

struct PgRow<'r>(&'r ::postgres::Row);

impl SqlRow for PgRow<'_> {
    fn cell(&self, i: usize) -> Result<ValueRef<'_>> {
        match self.0.try_get::<_, Cell>(i) {
            Ok(Cell::Null) => Ok(ValueRef::Null),
            Ok(Cell::Int(v)) => Ok(ValueRef::Int(v)),
            Ok(Cell::Text(t)) => Ok(ValueRef::Text(t)),
            Ok(Cell::Other(what)) => Err(Error::internal(format!(
                "the ledger holds {what} where a number or text belongs (column {i})"
            ))),
            Err(e) => Err(Error::internal(format!(
                "cannot read column {i} of a row: {e}"
            ))),
        }
    }

    fn width(&self) -> usize {
        self.0.len()
    }
}

/// PostgreSQL errors folded into the store's own, at the seam.
impl From<::postgres::Error> for Error {
    fn from(e: ::postgres::Error) -> Error {
        let Some(code) = e.code() else {
            if e.is_closed() {
                return connection_lost(&e.to_string());
            }
            return Error::new(
                Kind::Internal,
                "database",
                format!("database error: {e}; nothing was written"),
            );
        };
        let message = e
            .as_db_error()
            .map_or_else(|| e.to_string(), |d| d.message().to_string());
        if *code == SqlState::LOCK_NOT_AVAILABLE
            || *code == SqlState::T_R_SERIALIZATION_FAILURE
            || *code == SqlState::T_R_DEADLOCK_DETECTED
        {
            Error::new(
                Kind::Busy,
                "busy",
                "the ledger is busy: another creditctl process held it past the wait limit; nothing was written, run the command again",
            )
        } else if *code == SqlState::UNIQUE_VIOLATION {
            Error::new(
                Kind::Internal,
                super::sql::TAKEN,
                format!("database error: {message}; nothing was written"),
            )
        } else if *code == SqlState::DISK_FULL {
            Error::disk_full()
        } else if *code == SqlState::OUT_OF_MEMORY {
            Error::new(
                Kind::Internal,
                "out_of_memory",
                format!(
                    "the PostgreSQL server ran out of memory ({message}); nothing was written, run the command again later"
                ),
            )
        } else if *code == SqlState::TOO_MANY_CONNECTIONS {
            Error::new(
                Kind::Internal,
                "too_many_connections",
                "the PostgreSQL server has no free connection slot; nothing was written, try again later, or ask its administrator to raise max_connections",
            )
        } else if *code == SqlState::INSUFFICIENT_PRIVILEGE {
            // The engine refused the database user: its group role (or none) does not allow it.
            Error::new(
                Kind::Forbidden,
                "forbidden",
                format!(
                    "the database user may not do this ({message}); nothing was written, an operator makes the user a member with `creditctl member add`"
                ),
            )
        } else if code.code().starts_with("08")
            || *code == SqlState::ADMIN_SHUTDOWN
            || *code == SqlState::CRASH_SHUTDOWN
            || *code == SqlState::CANNOT_CONNECT_NOW
        {
            connection_lost(&message)
        } else {
            Error::new(
                Kind::Internal,
                "database",
                format!("database error: {message}; nothing was written"),
            )
        }
    }
}

fn connection_lost(reason: &str) -> Error {
    Error::new(
        Kind::Internal,
        "connection_lost",
        format!(
            "the connection to PostgreSQL was lost ({reason}); a write that was under way may or may not have been committed: look before running it again"
        ),
    )
}

#[cfg(test)]
mod tests;
