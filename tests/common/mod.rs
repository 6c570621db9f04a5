//! Test harness: runs the real binary on a temporary ledger with a cleared, pinned environment.
//!
//! The ledger is a SQLite file, or, when `$CREDITCTL_TEST_PG` names a PostgreSQL server (an admin
//! URL such as `postgres://postgres@127.0.0.1:5432/postgres`), a database of its own on that
//! server, created for the test and dropped after it, so that tests run in parallel. The same
//! tests thus prove the same guarantees on both engines; `.ci/run` runs the suite once for each.
#![allow(dead_code)]

use assert_cmd::Command;
use serde_json::Value;
use std::cell::RefCell;
use std::ffi::OsString;
use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};
use tempfile::TempDir;

/// The pinned clock of every test unless a test says otherwise.
pub const NOW: &str = "2026-11-05T10:00:00Z";

pub struct Ledger {
    pub dir: TempDir,
    /// The SQLite file (on PostgreSQL, a path nothing is written to).
    pub db: PathBuf,
    pub now: String,
    /// On PostgreSQL: the server's admin URL and this ledger's database.
    pg: Option<(String, String)>,
    /// Who runs the commands: `None` is the suite's default identity (the actor `tester` on
    /// SQLite, the admin user on PostgreSQL); set with [`Ledger::by`].
    user: RefCell<Option<String>>,
    /// Login roles made for this ledger on the PostgreSQL server, dropped with it.
    roles: RefCell<Vec<String>>,
    /// `$CREDITCTL_SEED` of the next command, when set with [`Ledger::seeded`]: each command
    /// gets the next one, as jj's tests bump `JJ_RANDOMNESS_SEED`, so that two orders of one
    /// test draw different (and always the same) codes.
    seed: std::cell::Cell<Option<u64>>,
    /// `$CREDITCTL_TABLES` of every command, when set with [`Ledger::tables`].
    tables: RefCell<Option<&'static str>>,
}

/// The admin URL of the PostgreSQL server the suite runs on, if it runs on one.
pub fn postgres_admin() -> Option<String> {
    std::env::var("CREDITCTL_TEST_PG")
        .ok()
        .filter(|v| !v.trim().is_empty())
}

/// `url` with its database replaced by `db`.
pub fn with_database(url: &str, db: &str) -> String {
    let (base, query) = match url.split_once('?') {
        Some((b, q)) => (b, format!("?{q}")),
        None => (url, String::new()),
    };
    let scheme_end = base.find("://").map_or(0, |i| i + 3);
    let host_end = base[scheme_end..]
        .find('/')
        .map_or(base.len(), |i| scheme_end + i);
    format!("{}/{db}{query}", &base[..host_end])
}

/// `url` with its user replaced by `user` (and no password).
pub fn with_user(url: &str, user: &str) -> String {
    let scheme_end = url.find("://").map_or(0, |i| i + 3);
    let rest = &url[scheme_end..];
    let host = rest.split_once('@').map_or(rest, |(_, h)| h);
    format!("{}{user}@{host}", &url[..scheme_end])
}

static DATABASES: AtomicU64 = AtomicU64::new(0);

impl Ledger {
    /// A new, empty ledger on the suite's engine.
    pub fn new() -> Ledger {
        match postgres_admin() {
            Some(admin) => Ledger::postgres(&admin),
            None => Ledger::sqlite(),
        }
    }

    /// A new ledger file, whatever the suite's engine: for what only a file has (bytes,
    /// permissions, a full disk, another application's file).
    pub fn sqlite() -> Ledger {
        let dir = tempfile::tempdir().expect("temp dir");
        let db = dir.path().join("ledger.db");
        Ledger {
            dir,
            db,
            now: NOW.to_string(),
            pg: None,
            user: RefCell::new(None),
            roles: RefCell::new(Vec::new()),
            seed: std::cell::Cell::new(None),
            tables: RefCell::new(None),
        }
    }

    fn postgres(admin: &str) -> Ledger {
        let name = format!(
            "creditctl_t{}_{}_{}",
            std::process::id(),
            DATABASES.fetch_add(1, Ordering::SeqCst),
            rand_suffix()
        );
        let mut c = postgres::Client::connect(admin, postgres::NoTls)
            .unwrap_or_else(|e| panic!("$CREDITCTL_TEST_PG ({admin}) does not answer: {e}"));
        c.batch_execute(&format!("CREATE DATABASE {name}"))
            .expect("create a test database");
        let mut l = Ledger::sqlite();
        l.pg = Some((admin.to_string(), name));
        l
    }

    /// From now on, voucher codes and license keys come from `$CREDITCTL_SEED`, starting at
    /// `seed` and one more for every command.
    pub fn seeded(self, seed: u64) -> Ledger {
        self.seed.set(Some(seed));
        self
    }

    /// From now on, tables are laid out as `layout` (`drawn` or `tsv`) whatever stdout is.
    pub fn tables(&self, layout: &'static str) -> &Ledger {
        *self.tables.borrow_mut() = Some(layout);
        self
    }

    pub fn is_postgres(&self) -> bool {
        self.pg.is_some()
    }

    /// The ledger's location as `--db` and `$CREDITCTL_DB` take it.
    pub fn location(&self) -> OsString {
        match &self.pg {
            Some((admin, name)) => with_database(admin, name).into(),
            None => self.db.clone().into_os_string(),
        }
    }

    /// The ledger opened through the library, as the commands open it (created if new), for
    /// tests that build or drive it without a process per step.
    pub fn store(&self) -> creditctl::store::Store {
        use creditctl::store::{Location, OpenMode, Store};
        let location = Location::parse(&self.location()).expect("a ledger location");
        Store::open(
            &location,
            OpenMode::Create,
            std::time::Duration::from_secs(5),
        )
        .expect("the ledger opens")
    }

    /// A new, empty ledger on the same engine whose content is a copy of this one's, taken now
    /// (a file copy; on PostgreSQL a database made from this one as a template).
    pub fn duplicate(&self) -> Ledger {
        match &self.pg {
            None => {
                let l = Ledger::sqlite();
                for suffix in ["", "-wal"] {
                    let from = PathBuf::from(format!("{}{suffix}", self.db.display()));
                    if from.exists() {
                        std::fs::copy(&from, format!("{}{suffix}", l.db.display()))
                            .expect("copy the ledger");
                    }
                }
                l
            }
            Some((admin, name)) => {
                let mut copy = Ledger::sqlite();
                let new = format!("{name}_c{}", DATABASES.fetch_add(1, Ordering::SeqCst));
                let mut c = postgres::Client::connect(admin, postgres::NoTls).expect("admin");
                c.batch_execute(&format!("CREATE DATABASE {new} TEMPLATE {name}"))
                    .expect("copy the test database");
                copy.pg = Some((admin.clone(), new));
                copy
            }
        }
    }

    /// An identity that can act on this ledger: on SQLite the name itself (given with
    /// `$CREDITCTL_ACTOR`); on PostgreSQL a new login role, `NAME_<pid>_<n>_<random>`, allowed to connect
    /// to this ledger's database and dropped with it (roles belong to the whole server).
    pub fn login_role(&self, name: &str) -> String {
        let Some((_, db)) = &self.pg else {
            return name.to_string();
        };
        // Roles belong to the whole server: a random part keeps two suites on one server apart.
        let role = format!(
            "{name}_{}_{}_{}",
            std::process::id(),
            DATABASES.fetch_add(1, Ordering::SeqCst),
            rand_suffix()
        );
        self.pg_client()
            .batch_execute(&format!(
                "DROP ROLE IF EXISTS {role}; CREATE ROLE {role} LOGIN; GRANT CONNECT ON DATABASE {db} TO {role}"
            ))
            .expect("create a login role");
        self.roles.borrow_mut().push(role.clone());
        role
    }

    /// Who the ledger's rows name as actor of the next command: the identity set with
    /// [`Ledger::by`], else `tester` on SQLite, the user of `$CREDITCTL_TEST_PG` on PostgreSQL.
    pub fn actor(&self) -> String {
        if let Some(who) = self.user.borrow().clone() {
            return who;
        }
        match &self.pg {
            None => "tester".to_string(),
            Some((admin, _)) => admin
                .split_once("://")
                .and_then(|(_, rest)| rest.split_once('@'))
                .map(|(user, _)| user.split(':').next().unwrap_or(user).to_string())
                .expect("$CREDITCTL_TEST_PG names its user"),
        }
    }

    /// Runs the following commands as `who` (a name from [`Ledger::login_role`]), until the next
    /// call: on SQLite through `$CREDITCTL_ACTOR`, on PostgreSQL by logging in as that role.
    pub fn by(&self, who: &str) -> &Ledger {
        *self.user.borrow_mut() = Some(who.to_string());
        self
    }

    /// Back to the suite's default identity.
    pub fn by_default(&self) -> &Ledger {
        *self.user.borrow_mut() = None;
        self
    }

    /// The binary with a cleared environment: only the ledger, the clock and the actor.
    pub fn cmd(&self) -> Command {
        self.cmd_at(&self.now)
    }

    pub fn cmd_at(&self, now: &str) -> Command {
        let mut c = Command::cargo_bin("creditctl").expect("binary");
        c.env_clear();
        for (k, v) in self.env_at(now) {
            c.env(k, v);
        }
        c
    }

    /// The environment of a run: the ledger, the clock, and on SQLite the actor (on
    /// PostgreSQL the actor is the database user, and naming another is refused).
    pub fn env_at(&self, now: &str) -> Vec<(&'static str, OsString)> {
        let user = self.user.borrow().clone();
        let location = match (&user, self.is_postgres()) {
            (Some(who), true) => with_user(&self.location_str(), who).into(),
            _ => self.location(),
        };
        let mut env = vec![
            ("CREDITCTL_DB", location),
            ("CREDITCTL_NOW", now.into()),
            ("NO_COLOR", "1".into()),
        ];
        if let Some(seed) = self.seed.get() {
            env.push(("CREDITCTL_SEED", seed.to_string().into()));
            self.seed.set(Some(seed + 1));
        }
        if let Some(layout) = *self.tables.borrow() {
            env.push(("CREDITCTL_TABLES", layout.into()));
        }
        if !self.is_postgres() {
            env.push((
                "CREDITCTL_ACTOR",
                user.unwrap_or_else(|| "tester".into()).into(),
            ));
        }
        env
    }

    /// Runs, expects success, returns stdout.
    pub fn ok(&self, args: &[&str]) -> String {
        let out = self.cmd().args(args).output().expect("run");
        assert!(
            out.status.success(),
            "creditctl {args:?} failed ({:?}): {}",
            out.status.code(),
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).expect("utf-8")
    }

    /// Runs with `--json`, expects success, returns the one JSON document on stdout.
    pub fn json(&self, args: &[&str]) -> Value {
        self.json_at(&self.now, args)
    }

    pub fn json_at(&self, now: &str, args: &[&str]) -> Value {
        let out = self
            .cmd_at(now)
            .args(args)
            .arg("--json")
            .output()
            .expect("run");
        assert!(
            out.status.success(),
            "creditctl {args:?} failed ({:?}): {}",
            out.status.code(),
            String::from_utf8_lossy(&out.stderr)
        );
        serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
            panic!(
                "stdout of {args:?} is not one JSON document ({e}): {}",
                String::from_utf8_lossy(&out.stdout)
            )
        })
    }

    /// Runs with `--json`, expects exit `code`, checks that the ledger's content did not change,
    /// and returns the JSON error object from stderr.
    pub fn fail(&self, args: &[&str], code: i32) -> Value {
        let before = self.snapshot();
        let files_before = self.files();
        let out = self.cmd().args(args).arg("--json").output().expect("run");
        assert_eq!(
            out.status.code(),
            Some(code),
            "creditctl {args:?}: stdout {} stderr {}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(
            out.stdout.is_empty(),
            "a failed command printed on stdout: {}",
            String::from_utf8_lossy(&out.stdout)
        );
        // The one write a refused command makes is the record of a failed redemption; every
        // other table stays as it was.
        let redeem = args.starts_with(&["voucher", "redeem"]);
        let strip = |snapshot: String| {
            if !redeem {
                return snapshot;
            }
            let mut kept = String::new();
            let mut skipping = false;
            for line in snapshot.lines() {
                if line.starts_with("## ") {
                    skipping = line == "## redeem_attempt";
                }
                if !skipping {
                    kept.push_str(line);
                    kept.push('\n');
                }
            }
            kept
        };
        assert_eq!(
            strip(before),
            strip(self.snapshot()),
            "creditctl {args:?} was refused but changed the ledger"
        );
        assert!(
            redeem || files_before == self.files(),
            "creditctl {args:?} was refused but changed the bytes of a file beside the ledger"
        );
        let err: Value = serde_json::from_slice(&out.stderr).unwrap_or_else(|e| {
            panic!(
                "stderr is not one JSON error ({e}): {}",
                String::from_utf8_lossy(&out.stderr)
            )
        });
        assert!(
            err["error"]["code"].is_string() && err["error"]["message"].is_string(),
            "{err}"
        );
        err["error"].clone()
    }

    /// Whether a ledger was created.
    pub fn exists(&self) -> bool {
        self.snapshot() != "<no ledger>"
    }

    /// Every file in the ledger's directory with its bytes (SQLite's shared-memory index, which
    /// readers also touch, aside).
    pub fn files(&self) -> Vec<(String, Vec<u8>)> {
        let mut all: Vec<(String, Vec<u8>)> = std::fs::read_dir(self.dir.path())
            .expect("read dir")
            .map(|e| e.expect("entry").path())
            .filter(|p| !p.to_string_lossy().ends_with("-shm"))
            .map(|p| {
                let bytes = if p.is_file() {
                    std::fs::read(&p).expect("read")
                } else {
                    Vec::new()
                };
                (p.display().to_string(), bytes)
            })
            .collect();
        all.sort();
        all
    }

    /// The ledger's location as text.
    pub fn location_str(&self) -> String {
        self.location().into_string().expect("a UTF-8 location")
    }

    /// Runs SQL on the ledger directly, as someone with access to it could.
    pub fn sql(&self, statements: &str) {
        match &self.pg {
            None => rusqlite::Connection::open(&self.db)
                .expect("open")
                .execute_batch(statements)
                .expect("sql"),
            Some(_) => self.pg_client().batch_execute(statements).expect("sql"),
        }
    }

    /// Runs SQL with the ledger's guards off (its triggers dropped or disabled), as its owner
    /// could: what `ledger verify` must then find.
    pub fn sql_unguarded(&self, statements: &str) {
        match &self.pg {
            None => {
                let conn = rusqlite::Connection::open(&self.db).expect("open");
                let triggers: Vec<String> = conn
                    .prepare("SELECT name FROM sqlite_schema WHERE type = 'trigger'")
                    .unwrap()
                    .query_map([], |r| r.get(0))
                    .unwrap()
                    .collect::<Result<_, _>>()
                    .unwrap();
                for t in triggers {
                    conn.execute_batch(&format!("DROP TRIGGER {t}")).unwrap();
                }
                conn.execute_batch(&format!("PRAGMA foreign_keys = OFF; {statements}"))
                    .expect("sql");
            }
            Some(_) => self
                .pg_client()
                .batch_execute(&format!(
                    "SET session_replication_role = replica; {statements}"
                ))
                .expect("sql"),
        }
    }

    /// Whether SQL run directly on the ledger (its guards on) succeeds.
    pub fn try_sql(&self, statements: &str) -> bool {
        match &self.pg {
            None => rusqlite::Connection::open(&self.db)
                .expect("open")
                .execute_batch(statements)
                .is_ok(),
            Some(_) => self.pg_client().batch_execute(statements).is_ok(),
        }
    }

    /// Inserts a row with text values bound as parameters (`?1`, `?2`, ...).
    pub fn insert(&self, sql: &str, values: &[&str]) {
        match &self.pg {
            None => {
                rusqlite::Connection::open(&self.db)
                    .expect("open")
                    .execute(sql, rusqlite::params_from_iter(values))
                    .expect("insert");
            }
            Some(_) => {
                let mut sql = sql.to_string();
                for i in (1..=values.len()).rev() {
                    sql = sql.replace(&format!("?{i}"), &format!("${i}"));
                }
                let params: Vec<&(dyn postgres::types::ToSql + Sync)> = values
                    .iter()
                    .map(|v| v as &(dyn postgres::types::ToSql + Sync))
                    .collect();
                self.pg_client().execute(&sql, &params).expect("insert");
            }
        }
    }

    /// One number the query returns.
    pub fn number(&self, sql: &str) -> i64 {
        match &self.pg {
            None => rusqlite::Connection::open(&self.db)
                .expect("open")
                .query_row(sql, [], |r| r.get(0))
                .expect("query"),
            Some(_) => {
                let row = self.pg_client().query_one(sql, &[]).expect("query");
                row.try_get::<_, i64>(0)
                    .or_else(|_| row.try_get::<_, i32>(0).map(i64::from))
                    .expect("a number")
            }
        }
    }

    /// Every row the query returns, each value as JSON (integers as numbers, text as strings).
    pub fn rows(&self, sql: &str) -> Vec<Vec<Value>> {
        match &self.pg {
            None => {
                let conn = rusqlite::Connection::open(&self.db).expect("open");
                let mut stmt = conn.prepare(sql).expect("prepare");
                let n = stmt.column_count();
                let mut rows = stmt.query([]).expect("query");
                let mut out = Vec::new();
                while let Some(r) = rows.next().expect("row") {
                    out.push(
                        (0..n)
                            .map(|i| match r.get_ref(i).unwrap() {
                                rusqlite::types::ValueRef::Null => Value::Null,
                                rusqlite::types::ValueRef::Integer(v) => Value::from(v),
                                rusqlite::types::ValueRef::Text(t) => {
                                    Value::from(String::from_utf8_lossy(t).into_owned())
                                }
                                other => panic!("unexpected value {other:?}"),
                            })
                            .collect(),
                    );
                }
                out
            }
            Some(_) => self
                .pg_client()
                .query(sql, &[])
                .expect("query")
                .iter()
                .map(|r| {
                    (0..r.len())
                        .map(|i| {
                            if let Ok(v) = r.try_get::<_, Option<i64>>(i) {
                                return v.map_or(Value::Null, Value::from);
                            }
                            r.try_get::<_, Option<String>>(i)
                                .unwrap()
                                .map_or(Value::Null, Value::from)
                        })
                        .collect()
                })
                .collect(),
        }
    }

    /// Marks the ledger as written by a creditctl newer than this one.
    pub fn mark_newer(&self) {
        match &self.pg {
            None => self.sql("PRAGMA user_version = 999"),
            Some(_) => self.sql_unguarded(
                "UPDATE creditctl_meta SET value = '999' WHERE key = 'schema_version'",
            ),
        }
    }

    fn pg_client(&self) -> postgres::Client {
        let url = self.location_str();
        postgres::Client::connect(&url, postgres::NoTls).expect("connect to the test database")
    }

    /// The IDs of the ledger rows that move a balance, oldest first (event rows aside).
    pub fn balance_rows(&self) -> Vec<i64> {
        let sql = "SELECT id FROM ledger WHERE site_id IS NOT NULL ORDER BY id";
        match &self.pg {
            None => rusqlite::Connection::open(&self.db)
                .expect("open")
                .prepare(sql)
                .unwrap()
                .query_map([], |r| r.get(0))
                .unwrap()
                .collect::<Result<_, _>>()
                .unwrap(),
            Some(_) => self
                .pg_client()
                .query(sql, &[])
                .unwrap()
                .iter()
                .map(|r| r.get(0))
                .collect(),
        }
    }

    /// Every row of every table, in order: what the ledger holds, to compare before and after,
    /// and between engines (values are written alike on both).
    pub fn snapshot(&self) -> String {
        match &self.pg {
            None => self.sqlite_snapshot(),
            Some(_) => self.pg_snapshot(),
        }
    }

    fn sqlite_snapshot(&self) -> String {
        if !self.db.exists() {
            return String::from("<no ledger>");
        }
        let conn = rusqlite::Connection::open(&self.db).expect("open");
        let mut out = String::new();
        let Ok(mut stmt) =
            conn.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name")
        else {
            // Not a database: the byte comparison of [`Ledger::files`] covers it.
            return String::from("<not a database>");
        };
        let tables: Vec<String> = stmt
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        if tables.is_empty() {
            return String::from("<no ledger>");
        }
        for t in tables {
            out.push_str(&format!("## {t}\n"));
            let mut stmt = conn
                .prepare(&format!("SELECT * FROM \"{t}\" ORDER BY 1, 2"))
                .unwrap();
            let n = stmt.column_count();
            let mut rows = stmt.query([]).unwrap();
            while let Some(r) = rows.next().unwrap() {
                let cells: Vec<String> = (0..n)
                    .map(|i| match r.get_ref(i).unwrap() {
                        rusqlite::types::ValueRef::Null => "null".to_string(),
                        rusqlite::types::ValueRef::Integer(v) => v.to_string(),
                        rusqlite::types::ValueRef::Text(t) => {
                            format!("{:?}", String::from_utf8_lossy(t))
                        }
                        other => format!("{other:?}"),
                    })
                    .collect();
                out.push_str(&cells.join("|"));
                out.push('\n');
            }
        }
        out
    }

    fn pg_snapshot(&self) -> String {
        let mut c = self.pg_client();
        let tables: Vec<String> = c
            .query(
                "SELECT table_name::text FROM information_schema.tables
                 WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'
                   AND table_name <> 'creditctl_meta'
                 ORDER BY table_name COLLATE \"C\"",
                &[],
            )
            .unwrap()
            .iter()
            .map(|r| r.get(0))
            .collect();
        if tables.is_empty() {
            return String::from("<no ledger>");
        }
        let mut out = String::new();
        for t in tables {
            out.push_str(&format!("## {t}\n"));
            for r in c
                .query(&format!("SELECT * FROM \"{t}\" ORDER BY 1, 2"), &[])
                .unwrap()
            {
                let cells: Vec<String> = (0..r.len())
                    .map(|i| {
                        if let Ok(v) = r.try_get::<_, Option<i64>>(i) {
                            return v.map_or("null".into(), |v| v.to_string());
                        }
                        match r.try_get::<_, Option<String>>(i).unwrap() {
                            Some(t) => format!("{t:?}"),
                            None => "null".into(),
                        }
                    })
                    .collect();
                out.push_str(&cells.join("|"));
                out.push('\n');
            }
        }
        out
    }

    /// An activated distributor "Acme" (ID 1).
    pub fn distributor(&self) {
        self.ok(&["distributor", "add", "Acme"]);
        self.ok(&["distributor", "activate", "Acme"]);
    }

    /// Creates a site and returns its ID.
    pub fn site(&self, name: &str, model: &str) -> i64 {
        self.json(&["site", "create", name, "--model", model])["id"]
            .as_i64()
            .unwrap()
    }

    /// `license buy --serial S --license L... --distributor D --payment card --yes`: what it
    /// printed (`--json`).
    /// Registers device `serial` at device site `site`.
    pub fn device(&self, site: &str, serial: &str) {
        self.ok(&["device", "add", "--site", site, "--serial", serial]);
    }

    pub fn licenses(&self, serial: &str, distributor: &str, licenses: &[&str]) -> Value {
        let mut args = vec!["license", "buy", "--serial", serial];
        for name in licenses {
            args.extend_from_slice(&["--license", name]);
        }
        args.extend_from_slice(&["--distributor", distributor, "--payment", "card", "--yes"]);
        self.json(&args)
    }

    /// Buys one voucher and returns its code.
    pub fn voucher(&self, args: &[&str]) -> String {
        self.vouchers(args).swap_remove(0)
    }

    /// The codes of an order of Acme's (`args` add to or override its defaults).
    pub fn vouchers(&self, args: &[&str]) -> Vec<String> {
        let mut all = vec![
            "voucher",
            "create",
            "--distributor",
            "Acme",
            "--name",
            "V",
            "--payment",
            "invoice",
            "--yes",
        ];
        all.extend_from_slice(args);
        self.json(&all)["vouchers"]
            .as_array()
            .expect("the order's vouchers")
            .iter()
            .map(|v| v["code"].as_str().unwrap().to_string())
            .collect()
    }

    /// A ledger as it looks after a month of use, with names as long as people give them: a
    /// distributor, a device site and an apartment site with devices, two orders (one voucher
    /// redeemed), bought credits and SMS, an adjustment, SMS spent, licenses, a refused
    /// redemption, and the deduction of 2026-12. Returns the redeemed voucher's code.
    pub fn realistic(&self) -> String {
        let acme = "Acme Security Distribution GmbH";
        self.ok(&["distributor", "add", acme]);
        self.ok(&["distributor", "activate", acme]);
        self.site("Harbour Office Tower", "device");
        self.site("Riverside Residences Block B", "apartment");
        let office = ["--site", "Harbour Office Tower"];
        let flats = ["--site", "Riverside Residences Block B"];
        for serial in ["54-0123-4567", "54-0123-4568"] {
            self.ok(&[&["device", "add", "--serial", serial][..], &office].concat());
        }
        self.ok(&[&["apartment", "add", "Flat 12A"][..], &flats].concat());
        self.ok(&[
            &[
                "device",
                "add",
                "--serial",
                "54-0999-0001",
                "--apartment",
                "Flat 12A",
            ][..],
            &flats,
        ]
        .concat());
        let order = self.json(&[
            "voucher",
            "create",
            "--distributor",
            acme,
            "--name",
            "Harbour Office 2027 renewal",
            "--years",
            "2",
            "--subscriptions",
            "10",
            "--count",
            "3",
            "--payment",
            "invoice",
            "--yes",
        ]);
        let code = order["vouchers"][0]["code"].as_str().unwrap().to_string();
        self.ok(&[
            "voucher",
            "create",
            "--distributor",
            acme,
            "--name",
            "SMS pack",
            "--type",
            "sms",
            "--messages",
            "500",
            "--payment",
            "card",
            "--yes",
        ]);
        self.ok(&[&["voucher", "redeem", &code, "--yes"][..], &office].concat());
        self.ok(&[
            &[
                "credits",
                "buy",
                "--credits",
                "24",
                "--payment",
                "card",
                "--yes",
            ][..],
            &flats,
        ]
        .concat());
        self.ok(&[
            &[
                "credits",
                "buy",
                "--sms",
                "100",
                "--payment",
                "invoice",
                "--yes",
            ][..],
            &flats,
        ]
        .concat());
        self.ok(&[
            &["credits", "adjust", "--amount", "5", "--yes", "--reason"][..],
            &["goodwill credit after the outage of 3 November"],
            &office,
        ]
        .concat());
        self.ok(&[
            &[
                "credits",
                "use",
                "--sms",
                "3",
                "--reference",
                "inv-2026-11-0001",
                "--yes",
            ][..],
            &flats,
        ]
        .concat());
        self.ok(&[
            "license",
            "buy",
            "--serial",
            "54-0123-4567",
            "--license",
            "nfc",
            "--license",
            "enhanced-audio",
            "--distributor",
            acme,
            "--payment",
            "card",
            "--yes",
        ]);
        let refused = self
            .cmd()
            .args(["voucher", "redeem", "AAAA-BBBB-CCCC-DDDD-E", "--yes"])
            .args(office)
            .output()
            .unwrap();
        assert_eq!(refused.status.code(), Some(2));
        let run = self
            .cmd_at("2026-12-01T00:05:00Z")
            .args(["deduct", "run"])
            .output()
            .unwrap();
        assert!(run.status.success());
        code
    }

    /// `credits show --site` as JSON.
    pub fn credits(&self, site: &str) -> Value {
        self.json(&["credits", "show", "--site", site])
    }

    /// `ledger verify` passes.
    pub fn verify(&self) -> Value {
        self.json(&["ledger", "verify"])
    }
}

fn rand_suffix() -> u32 {
    use std::time::{SystemTime, UNIX_EPOCH};
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.subsec_nanos())
}

impl Drop for Ledger {
    fn drop(&mut self) {
        if let Some((admin, name)) = &self.pg
            && let Ok(mut c) = postgres::Client::connect(admin, postgres::NoTls)
        {
            let _ = c.batch_execute(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"));
            for role in self.roles.borrow().iter() {
                let _ = c.batch_execute(&format!("DROP ROLE IF EXISTS {role}"));
            }
        }
    }
}
