//! The PostgreSQL engine against a real server: `$CREDITCTL_TEST_PG` names one (a URL whose user
//! may create databases); each test makes a database of its own and drops it at the end. Without
//! the variable, the tests that need a server say so and return.

use super::connect::Target;
use super::*;
use crate::args;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

const LONG: Duration = Duration::from_secs(10);

fn server() -> Option<String> {
    let url = std::env::var("CREDITCTL_TEST_PG")
        .ok()
        .filter(|s| !s.is_empty());
    if url.is_none() {
        // Once per run, past the test harness's capture of eprintln!, so that it is seen.
        static SAID: std::sync::Once = std::sync::Once::new();
        SAID.call_once(|| {
            use std::io::Write;
            let _ = writeln!(
                std::io::stderr(),
                "note: the PostgreSQL engine's tests that need a server were not run: $CREDITCTL_TEST_PG names none"
            );
        });
    }
    url
}

/// `url` with its database replaced by `db`.
fn with_db(url: &str, db: &str) -> String {
    let (base, query) = url.split_once('?').map_or((url, ""), |(b, q)| (b, q));
    let authority = base.find("://").map_or(0, |i| i + 3);
    let end = base[authority..]
        .find('/')
        .map_or(base.len(), |i| authority + i);
    let q = if query.is_empty() {
        String::new()
    } else {
        format!("?{query}")
    };
    format!("{}/{db}{q}", &base[..end])
}

fn admin(url: &str) -> Client {
    Target::from_url(url)
        .and_then(|t| t.connect())
        .unwrap_or_else(|e| panic!("cannot reach the test server: {e}"))
}

/// A database of the test's own, dropped at the end.
struct TestDb {
    server: String,
    name: String,
    url: String,
}

impl TestDb {
    fn new(tag: &str) -> Option<TestDb> {
        static N: AtomicUsize = AtomicUsize::new(0);
        let server = server()?;
        let name = format!(
            "creditctl_test_{tag}_{}_{}",
            std::process::id(),
            N.fetch_add(1, Ordering::Relaxed)
        );
        admin(&server)
            .batch_execute(&format!("CREATE DATABASE {name}"))
            .unwrap();
        let url = with_db(&server, &name);
        Some(TestDb { server, name, url })
    }

    /// A plain connection to the test database, for setting things up behind the engine's back.
    fn client(&self) -> Client {
        admin(&self.url)
    }

    fn open(&self, mode: OpenMode) -> Result<PgStore> {
        PgStore::open(&self.url, mode, LONG)
    }
}

impl Drop for TestDb {
    fn drop(&mut self) {
        let mut c = admin(&self.server);
        // FORCE ends sessions a failed test left behind (PostgreSQL 13 and newer).
        let _ = c
            .batch_execute(&format!(
                "DROP DATABASE IF EXISTS {} WITH (FORCE)",
                self.name
            ))
            .or_else(|_| c.batch_execute(&format!("DROP DATABASE IF EXISTS {}", self.name)));
    }
}

fn count(c: &mut Client, sql: &str) -> i64 {
    c.query_one(sql, &[]).unwrap().get(0)
}

#[test]
fn placeholders_are_numbered_outside_quotes_and_comments() {
    let cases = [
        ("SELECT ?1, ?2", "SELECT $1, $2"),
        ("WHERE a = ?10 AND b = ?1", "WHERE a = $10 AND b = $1"),
        ("SELECT '?1', ?1", "SELECT '?1', $1"),
        ("SELECT 'it''s ?2', ?2", "SELECT 'it''s ?2', $2"),
        (r"SELECT E'\'?1', ?1", r"SELECT E'\'?1', $1"),
        (r"SELECT '\', ?1", r"SELECT '\', $1"),
        (r#"SELECT x AS "?1", ?1"#, r#"SELECT x AS "?1", $1"#),
        ("SELECT 1 -- ?1\n, ?1", "SELECT 1 -- ?1\n, $1"),
        (
            "SELECT /* ?1 /* ?2 */ ?3 */ ?4",
            "SELECT /* ?1 /* ?2 */ ?3 */ $4",
        ),
        (
            "SELECT $$?1$$, $t$ ?2 $t$, ?3",
            "SELECT $$?1$$, $t$ ?2 $t$, $3",
        ),
        ("SELECT ?, a ? b, ?1", "SELECT ?, a ? b, $1"),
        ("(a, b) > (?1, ?2) LIMIT ?3", "(a, b) > ($1, $2) LIMIT $3"),
        ("SELECT 'unterminated ?1", "SELECT 'unterminated ?1"),
        ("SELECT 'é', ?1", "SELECT 'é', $1"),
    ];
    for (sql, want) in cases {
        assert_eq!(rewrite_placeholders(sql), want, "{sql}");
    }
}

/// The engine's limit on an apartment's devices (schema 11) is the domain's.
#[test]
fn the_engines_apartment_limit_is_the_domains() {
    let limit = crate::domain::site::MAX_DEVICES_PER_APARTMENT;
    assert!(
        schema::DEVICE_UNITS.contains(&format!("AND others >= {limit} THEN")),
        "schema 11 counts another limit than {limit}"
    );
}

#[test]
fn whole_numerics_read_as_integers() {
    for v in [
        0,
        1,
        -1,
        9_999,
        10_000,
        123_456_789,
        -20_000,
        i64::MAX,
        i64::MIN + 1,
    ] {
        assert_eq!(numeric_int(&numeric_from_int(v)), Some(v), "{v}");
    }
    // 1.5: ndigits 2, weight 0, positive, dscale 1, digits 1 and 5000.
    let one_and_a_half = [0, 2, 0, 0, 0, 0, 0, 1, 0, 1, 0x13, 0x88];
    assert_eq!(numeric_int(&one_and_a_half), None);
    // NaN.
    assert_eq!(numeric_int(&[0, 0, 0, 0, 0xC0, 0, 0, 0]), None);
}

#[test]
fn a_failed_connection_names_host_and_database_but_never_the_password() {
    // Port 1 on the loopback: nothing listens, the connection is refused at once.
    let url = "postgres://ops:Sup3r-S3cret-pw@127.0.0.1:1/ledger_db?sslmode=disable";
    let e = PgStore::open(url, OpenMode::Write, LONG).err().unwrap();
    assert_eq!((e.exit_code(), e.code), (1, "cannot_connect"), "{e}");
    let shown = e.to_string();
    assert!(shown.contains("127.0.0.1:1"), "{shown}");
    assert!(shown.contains("'ledger_db'"), "{shown}");
    assert!(!shown.contains("Sup3r-S3cret-pw"), "{shown}");
    assert!(!e.to_json().to_string().contains("Sup3r-S3cret-pw"));
    assert_eq!(shown.lines().count(), 1);
}

#[test]
fn a_missing_database_cannot_be_connected_to() {
    let Some(server) = server() else { return };
    let url = with_db(&server, "creditctl_no_such_database");
    let e = PgStore::open(&url, OpenMode::Create, LONG).err().unwrap();
    assert_eq!((e.exit_code(), e.code), (1, "cannot_connect"), "{e}");
    assert!(e.message.contains("'creditctl_no_such_database'"), "{e}");
    assert!(e.message.contains("does not exist"), "{e}");
}

#[test]
fn a_read_of_an_empty_database_is_not_found_and_creates_nothing() {
    let Some(db) = TestDb::new("empty") else {
        return;
    };
    let e = db.open(OpenMode::Read).err().unwrap();
    assert_eq!(e.exit_code(), 3, "{e}");
    assert!(e.message.contains(&format!("'{}'", db.name)), "{e}");
    let mut c = db.client();
    assert_eq!(
        count(
            &mut c,
            "SELECT count(*) FROM pg_class WHERE relnamespace = 'public'::regnamespace"
        ),
        0
    );
}

#[test]
fn a_writing_open_creates_the_ledger_with_its_defaults() {
    let Some(db) = TestDb::new("create") else {
        return;
    };
    let mut store = db.open(OpenMode::Create).unwrap();
    assert_eq!(store.engine(), Engine::Postgres);
    store.check_storage().unwrap();
    let prices = (crate::domain::pricing::DEFAULT_PRICES.len()
        + crate::domain::license::CATALOG.len()) as i64;
    store
        .read(&mut |tx| {
            assert_eq!(tx.int("SELECT count(*) FROM price", args![])?, prices);
            let version = tx.one(
                "SELECT value FROM creditctl_meta WHERE key = ?1",
                args!["schema_version"],
                |r| r.text(0),
            )?;
            assert_eq!(version, schema::LATEST.to_string());
            // Room on each page of sites for a deduction's new versions (heap-only tuples).
            let options = tx.one(
                "SELECT array_to_string(reloptions, ',') FROM pg_class WHERE oid = 'site'::regclass",
                args![],
                |r| r.text(0),
            )?;
            assert_eq!(options, "fillfactor=50");
            Ok(())
        })
        .unwrap();
    drop(store);
    // Opened again, for reading: the same ledger, nothing created twice.
    let mut store = db.open(OpenMode::Read).unwrap();
    store
        .read(&mut |tx| {
            assert_eq!(tx.int("SELECT count(*) FROM price", args![])?, prices);
            Ok(())
        })
        .unwrap();
}

#[test]
fn many_first_writers_at_once_create_the_schema_once() {
    let Some(db) = TestDb::new("race") else {
        return;
    };
    const OPENERS: usize = 32;
    let start = std::sync::Barrier::new(OPENERS);
    let results: Vec<Result<()>> = std::thread::scope(|s| {
        let handles: Vec<_> = (0..OPENERS)
            .map(|_| {
                s.spawn(|| {
                    start.wait();
                    let mut store = db.open(OpenMode::Create)?;
                    store.write(&mut |tx| {
                        // Ids as the shared SQL gives them: max + 1, safe under the writers' lock.
                        tx.exec(
                            "INSERT INTO distributor (id, name, created_at, created_by)
                             VALUES ((SELECT coalesce(max(id), 0) + 1 FROM distributor), ?1, ?2, ?3)",
                            args![format!("d{:?}", std::thread::current().id()), "2026-01-01T00:00:00Z", "test"],
                        )?;
                        Ok(())
                    })
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    let failed: Vec<String> = results
        .iter()
        .filter_map(|r| r.as_ref().err().map(|e| format!("{}: {e}", e.code)))
        .collect();
    assert!(
        failed.is_empty(),
        "{} of {OPENERS} failed: {failed:?}",
        failed.len()
    );
    let mut c = db.client();
    assert_eq!(
        count(&mut c, "SELECT count(*) FROM distributor"),
        OPENERS as i64
    );
    // Every write saw the one before it: the ids are 1..=OPENERS, none taken twice, none skipped.
    assert_eq!(
        count(&mut c, "SELECT max(id) FROM distributor"),
        OPENERS as i64
    );
    assert_eq!(count(&mut c, "SELECT count(*) FROM creditctl_meta"), 2);
    let prices = (crate::domain::pricing::DEFAULT_PRICES.len()
        + crate::domain::license::CATALOG.len()) as i64;
    assert_eq!(count(&mut c, "SELECT count(*) FROM price"), prices);
    // The schema was created once: its first rows, the prices in the chain, are there once.
    assert_eq!(
        count(&mut c, "SELECT count(*) FROM ledger WHERE kind = 'price'"),
        prices
    );
}

#[test]
fn a_newer_ledger_is_refused_and_left_as_it_was() {
    let Some(db) = TestDb::new("newer") else {
        return;
    };
    drop(db.open(OpenMode::Create).unwrap());
    let mut c = db.client();
    c.batch_execute("UPDATE creditctl_meta SET value = '99' WHERE key = 'schema_version'")
        .unwrap();
    for mode in [OpenMode::Create, OpenMode::Write, OpenMode::Read] {
        let e = db.open(mode).err().unwrap();
        assert_eq!((e.exit_code(), e.code), (1, "newer_ledger"), "{e}");
    }
    let version: String = c
        .query_one(
            "SELECT value FROM creditctl_meta WHERE key = 'schema_version'",
            &[],
        )
        .unwrap()
        .get(0);
    assert_eq!(version, "99");
}

#[test]
fn another_applications_database_is_refused_and_left_as_it_was() {
    let Some(db) = TestDb::new("foreign") else {
        return;
    };
    let mut c = db.client();
    c.batch_execute("CREATE TABLE orders (id int PRIMARY KEY)")
        .unwrap();
    for mode in [OpenMode::Create, OpenMode::Write, OpenMode::Read] {
        let e = db.open(mode).err().unwrap();
        assert_eq!((e.exit_code(), e.code), (1, "not_a_ledger"), "{e}");
    }
    assert_eq!(
        count(
            &mut c,
            "SELECT count(*) FROM pg_class WHERE relnamespace = 'public'::regnamespace AND relkind = 'r'"
        ),
        1
    );
    // A marker table of someone else's is not a creditctl marker.
    c.batch_execute(
        "CREATE TABLE creditctl_meta (key text PRIMARY KEY, value text); INSERT INTO creditctl_meta VALUES ('application', 'other')",
    )
    .unwrap();
    let e = db.open(OpenMode::Create).err().unwrap();
    assert_eq!(e.code, "not_a_ledger", "{e}");
    // Nor is a view of that name saying what a ledger's marks say, nor a materialized view
    // (which has a tableoid, as a table has).
    let mut replaced = "TABLE";
    for kind in ["VIEW", "MATERIALIZED VIEW"] {
        c.batch_execute(&format!(
            "DROP {replaced} creditctl_meta; CREATE {kind} creditctl_meta (key, value) AS
             VALUES ('application', '{}'), ('schema_version', '{}')",
            schema::APPLICATION,
            schema::LATEST
        ))
        .unwrap();
        let e = db.open(OpenMode::Write).err().unwrap();
        assert_eq!(e.code, "not_a_ledger", "{kind}: {e}");
        replaced = kind;
    }
    // Nor a foreign table that can be written to (which has a tableoid too): here one over
    // postgres_fdw of this very database, reading a ledger's marks kept in another schema.
    // Making one needs a superuser and the extension, as CI has; the loopback connection goes
    // where this one came in (the server says where), as this user, with the URL's password.
    let row = c
        .query_one(
            "SELECT (SELECT rolsuper FROM pg_roles WHERE rolname = current_user),
                    EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'postgres_fdw'),
                    coalesce(host(inet_server_addr()),
                             split_part(current_setting('unix_socket_directories'), ',', 1)),
                    current_setting('port'), current_user::text",
            &[],
        )
        .unwrap();
    if !(row.get::<_, bool>(0) && row.get::<_, bool>(1)) {
        eprintln!("the foreign-table case needs a superuser and postgres_fdw; skipped");
        return;
    }
    let (host, port, user): (String, String, String) = (row.get(2), row.get(3), row.get(4));
    let password = db
        .url
        .parse::<::postgres::Config>()
        .ok()
        .and_then(|c| {
            c.get_password()
                .map(|p| String::from_utf8_lossy(p).into_owned())
        })
        .map(|p| format!(", password '{}'", p.replace('\'', "''")))
        .unwrap_or_default();
    c.batch_execute(&format!(
        "DROP {replaced} creditctl_meta;
         CREATE SCHEMA elsewhere;
         CREATE TABLE elsewhere.creditctl_meta (key text PRIMARY KEY, value text);
         INSERT INTO elsewhere.creditctl_meta VALUES ('application', '{}'), ('schema_version', '{}');
         CREATE EXTENSION postgres_fdw;
         CREATE SERVER here FOREIGN DATA WRAPPER postgres_fdw
             OPTIONS (host '{}', port '{port}', dbname '{}');
         CREATE USER MAPPING FOR CURRENT_USER SERVER here OPTIONS (user '{user}'{password});
         CREATE FOREIGN TABLE creditctl_meta (key text, value text) SERVER here
             OPTIONS (schema_name 'elsewhere', table_name 'creditctl_meta');",
        schema::APPLICATION,
        schema::LATEST,
        host.trim(),
        db.name
    ))
    .unwrap();
    // It answers as the marks would, and the server would let it be written.
    let (app, writable): (String, i32) = {
        let row = c
            .query_one(
                "SELECT (SELECT value FROM creditctl_meta WHERE key = 'application'),
                        pg_relation_is_updatable('creditctl_meta'::regclass, false)",
                &[],
            )
            .unwrap();
        (row.get(0), row.get(1))
    };
    assert_eq!(app, schema::APPLICATION);
    assert!(writable > 0, "{writable}");
    for mode in [OpenMode::Write, OpenMode::Read] {
        let e = db.open(mode).err().unwrap();
        assert_eq!(e.code, "not_a_ledger", "foreign table: {e}");
    }
}

/// `url` with its user (and password) replaced by `user`.
fn with_user(url: &str, user: &str) -> String {
    let authority = url.find("://").map_or(0, |i| i + 3);
    let end = url[authority..]
        .find(['/', '?'])
        .map_or(url.len(), |i| authority + i);
    match url[authority..end].rfind('@') {
        Some(at) => format!("{}{user}{}", &url[..authority], &url[authority + at..]),
        None => format!("{}{user}@{}", &url[..authority], &url[authority..]),
    }
}

#[test]
fn a_user_who_may_not_create_tables_is_told_so_and_nothing_is_made() {
    let Some(db) = TestDb::new("nocreate") else {
        return;
    };
    let role = format!("{}_role", db.name);
    let mut c = db.client();
    c.batch_execute(&format!(
        "REVOKE CREATE ON SCHEMA public FROM PUBLIC; CREATE ROLE {role} LOGIN"
    ))
    .unwrap();
    let url = with_user(&db.url, &role);
    let e = PgStore::open(&url, OpenMode::Create, LONG).err();
    c.batch_execute(&format!("DROP ROLE {role}")).unwrap();
    let e = e.unwrap();
    assert_eq!((e.exit_code(), e.code), (1, "permission_denied"), "{e}");
    assert!(e.message.contains("CREATE on the schema"), "{e}");
    assert_eq!(
        count(
            &mut c,
            "SELECT count(*) FROM pg_class WHERE relnamespace = 'public'::regnamespace"
        ),
        0
    );
}

#[test]
fn values_bind_to_the_types_the_server_infers_and_read_back_tolerantly() {
    let Some(db) = TestDb::new("values") else {
        return;
    };
    let mut store = db.open(OpenMode::Create).unwrap();
    store
        .write(&mut |tx| {
            tx.exec(
                "CREATE TABLE t (a int2, b int4, c int8, d text, e varchar(10), f boolean, g numeric)",
                args![],
            )?;
            let n = tx.exec(
                "INSERT INTO t VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                args![7_i64, 70_000_i64, 7_000_000_000_i64, "seven", "sept", 1_i64, -12_345_678_i64],
            )?;
            assert_eq!(n, 1);
            tx.exec(
                "INSERT INTO t VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                args![None::<i64>, None::<i64>, None::<i64>, None::<&str>, None::<&str>, None::<i64>, None::<i64>],
            )?;
            Ok(())
        })
        .unwrap();
    // A statement goes unprepared (its parameters as text, typed by the server) until it has
    // run PREPARE_AFTER times, then prepared (typed by the server, sent in binary): every
    // statement below runs both ways, and must read the same.
    for _ in 0..=super::PREPARE_AFTER + 1 {
        store
            .read(&mut |tx| {
                let rows = tx.all(
                    "SELECT a, b, c, d, e, f, g FROM t ORDER BY a NULLS LAST",
                    args![],
                    |r| {
                        assert_eq!(r.width(), 7);
                        (0..7).map(|i| r.value(i)).collect::<Result<Vec<_>>>()
                    },
                )?;
                assert_eq!(
                    rows[0],
                    vec![
                        Value::Int(7),
                        Value::Int(70_000),
                        Value::Int(7_000_000_000),
                        Value::Text("seven".into()),
                        Value::Text("sept".into()),
                        Value::Int(1),
                        Value::Int(-12_345_678),
                    ]
                );
                assert_eq!(rows[1], vec![Value::Null; 7]);
                // An integer compared with text is compared as its digits; text that is a number
                // binds to an integer parameter.
                assert_eq!(
                    tx.int("SELECT count(*) FROM t WHERE d = ?1", args![7_i64])?,
                    0
                );
                assert_eq!(
                    tx.int("SELECT count(*) FROM t WHERE c = ?1", args!["7000000000"])?,
                    1
                );
                assert_eq!(
                    tx.int(
                        "SELECT count(*) FROM t WHERE a = ?1 AND b = ?2",
                        args![7_i64, 70_000_i64]
                    )?,
                    1
                );
                // sum() of a bigint is a numeric: read as an integer when it is whole.
                assert_eq!(tx.int("SELECT sum(c) FROM t", args![])?, 7_000_000_000);
                assert_eq!(
                    tx.int("SELECT CAST(sum(c) AS BIGINT) FROM t", args![])?,
                    7_000_000_000
                );
                assert!(tx.int("SELECT 1.5::numeric", args![]).is_err());
                assert!(
                    tx.opt("SELECT d FROM t WHERE a = 7", args![], |r| r.int(0))
                        .is_err()
                );
                // An integer where the server infers a boolean.
                assert_eq!(
                    tx.int("SELECT count(*) FROM t WHERE f = ?1", args![1_i64])?,
                    1
                );
                // Many integers as one array parameter (in binary); an empty one too. Run
                // unprepared, then prepared once the statement has run often enough.
                for _ in 0..=super::PREPARE_AFTER {
                    let pairs = tx.all(
                        "SELECT u, l FROM unnest(CAST(?1 AS BIGINT[]), CAST(?2 AS BIGINT[])) WITH ORDINALITY AS x(u, l, n) ORDER BY n",
                        args![
                            crate::store::sql::int_array([-1, 0, 9_000_000_000]),
                            crate::store::sql::int_array([3, 2, 1])
                        ],
                        |r| Ok((r.int(0)?, r.int(1)?)),
                    )?;
                    assert_eq!(pairs, vec![(-1, 3), (0, 2), (9_000_000_000, 1)]);
                }
                // Texts and NULLs come back as they went, whatever the array syntax holds.
                let texts = [
                    Some("plain"),
                    Some(""),
                    Some("NULL"),
                    None,
                    Some(r#"say "hi", {x}"#),
                    Some(r"back\slash\"),
                    Some("Zürich 東京"),
                ];
                let back = tx.all(
                    "SELECT t, n FROM unnest(CAST(?1 AS TEXT[]), CAST(?2 AS BIGINT[])) WITH ORDINALITY AS x(t, n, o) ORDER BY o",
                    args![
                        crate::store::sql::opt_text_array(texts),
                        crate::store::sql::opt_int_array([Some(1), None, Some(3), None, Some(5), Some(6), Some(7)])
                    ],
                    |r| Ok((r.opt_text(0)?, r.opt_int(1)?)),
                )?;
                let sent: Vec<_> = texts.iter().map(|t| t.map(str::to_string)).collect();
                let got: Vec<_> = back.iter().map(|(t, _)| t.clone()).collect();
                assert_eq!(got, sent);
                assert_eq!(back[1].1, None);
                assert_eq!(back[4].1, Some(5));
                assert_eq!(
                    tx.int(
                        "SELECT count(*) FROM unnest(CAST(?1 AS BIGINT[]))",
                        args![crate::store::sql::int_array([])]
                    )?,
                    0
                );
                Ok(())
            })
            .unwrap();
        // A number too large for the column's type is an error, not a silent wrap.
        let e = store
            .write(&mut |tx| {
                tx.exec("INSERT INTO t (a) VALUES (?1)", args![100_000_i64])
                    .map(|_| ())
            })
            .err()
            .unwrap();
        assert_eq!(e.code, "database", "{e}");
    }
    store
        .read(&mut |tx| {
            let n = tx.int("SELECT count(*) FROM t", args![])?;
            assert_eq!(n, 2, "a refused insert wrote a row");
            Ok(())
        })
        .unwrap();
    // Placeholders up to ?10, with quoted look-alikes left alone.
    store
        .read(&mut |tx| {
            let params: Vec<Value> = (1..=10).map(|v: i64| Value::Int(v * 10)).collect();
            let (n, quoted) = tx.one(
                "SELECT ?10::bigint - ?1::bigint + 0 * (?2::bigint + ?3::bigint + ?4::bigint + ?5::bigint + ?6::bigint + ?7::bigint + ?8::bigint + ?9::bigint) AS \"?1\", '?2' -- ?3",
                &params,
                |r| Ok((r.int(0)?, r.text(1)?)),
            )?;
            assert_eq!((n, quoted.as_str()), (90, "?2"));
            Ok(())
        })
        .unwrap();
}

/// The shared dialect on the real schema: RETURNING, ON CONFLICT DO NOTHING, CASE WHEN EXISTS,
/// count(*), CAST(sum(…) AS BIGINT), keyset paging with a row value and LIMIT ?n.
#[test]
fn the_shared_dialect_runs_on_the_schema() {
    let Some(db) = TestDb::new("dialect") else {
        return;
    };
    let mut store = db.open(OpenMode::Create).unwrap();
    store
        .write(&mut |tx| {
            for (name, want) in [("b", 1), ("a", 2), ("B", 3), ("c", 4)] {
                // An id given by a subquery, returned by RETURNING.
                let id = tx.int(
                    "INSERT INTO distributor (id, name, created_at, created_by)
                     VALUES ((SELECT coalesce(max(id), 0) + 1 FROM distributor), ?1, ?2, ?3) RETURNING id",
                    args![name, "2026-01-01T00:00:00Z", "test"],
                )?;
                assert_eq!(id, want, "{name}");
            }
            let changed = tx.exec(
                "INSERT INTO price (item, amount_minor, currency, updated_at, updated_by) VALUES (?1, ?2, ?3, ?4, ?5)
                 ON CONFLICT (item) DO NOTHING",
                args![crate::domain::pricing::DEFAULT_PRICES[0].0, 1_i64, "EUR", "t", "a"],
            )?;
            assert_eq!(changed, 0, "a seeded price stays as it was");
            Ok(())
        })
        .unwrap();
    store
        .read(&mut |tx| {
            let exists = |tx: &mut dyn Tx, name: &str| {
                tx.int(
                    "SELECT CASE WHEN EXISTS (SELECT 1 FROM distributor WHERE name = ?1) THEN 1 ELSE 0 END",
                    args![name],
                )
            };
            assert_eq!((exists(tx, "a")?, exists(tx, "z")?), (1, 0));
            let total = tx.int("SELECT CAST(sum(amount_minor) AS BIGINT) FROM price", args![])?;
            assert!(total > 0);
            // Keyset paging, two at a time; text sorts byte by byte ("B" before "a"), as on SQLite.
            let mut names = Vec::new();
            let mut after = (String::new(), 0_i64);
            loop {
                let page = tx.all(
                    "SELECT name, id FROM distributor WHERE (name, id) > (?1, ?2) ORDER BY name, id LIMIT ?3",
                    args![after.0.as_str(), after.1, 2_i64],
                    |r| Ok((r.text(0)?, r.int(1)?)),
                )?;
                let Some(last) = page.last().cloned() else { break };
                names.extend(page.into_iter().map(|(n, _)| n));
                after = last;
            }
            assert_eq!(names, ["B", "a", "b", "c"]);
            Ok(())
        })
        .unwrap();
}

#[test]
fn a_long_scan_streams_its_rows() {
    let Some(db) = TestDb::new("stream") else {
        return;
    };
    let mut store = db.open(OpenMode::Create).unwrap();
    let (mut rows, mut sum, mut bytes) = (0_i64, 0_i64, 0_usize);
    store
        .read(&mut |tx| {
            // generate_series(1, $1) makes the parameter an int4.
            tx.each(
                "SELECT g, repeat('x', 100) FROM generate_series(1, ?1) AS g",
                args![100_000_i64],
                &mut |r| {
                    rows += 1;
                    sum += r.int(0)?;
                    bytes += r.str_at(1)?.map_or(0, str::len);
                    Ok(())
                },
            )
        })
        .unwrap();
    assert_eq!((rows, sum, bytes), (100_000, 5_000_050_000, 10_000_000));
    stopping_early_leaves_the_connection_usable(&mut store, &|tx, f| {
        tx.each("SELECT g FROM generate_series(1, 100000) AS g", args![], f)
    });
}

/// A row reader, as `each` and its kin take one.
type Reader<'a> = &'a mut dyn FnMut(&dyn SqlRow) -> Result<()>;

/// A read whose reader stops at its tenth row fails, and the connection goes on.
fn stopping_early_leaves_the_connection_usable(
    store: &mut PgStore,
    read: &dyn Fn(&mut dyn Tx, Reader) -> Result<()>,
) {
    let mut seen = 0;
    let e = store.read(&mut |tx| {
        read(tx, &mut |_| {
            seen += 1;
            if seen == 10 {
                return Err(Error::internal("enough"));
            }
            Ok(())
        })
    });
    assert!(e.is_err());
    store
        .read(&mut |tx| {
            assert_eq!(tx.int("SELECT 1", args![])?, 1);
            Ok(())
        })
        .unwrap();
}

/// A batched read fetches through a portal, a batch at a time: every row comes, in order, past
/// the batch boundaries, a batch only once the server has made all of it; a reader that stops
/// leaves the connection usable.
#[test]
fn a_batched_read_reads_every_row_across_its_fetches() {
    let Some(db) = TestDb::new("batched") else {
        return;
    };
    let mut store = db.open(OpenMode::Create).unwrap();
    let n = 2 * i64::from(PORTAL_BATCH) + 5;
    let (mut rows, mut last, mut in_order) = (0_i64, 0_i64, true);
    store
        .read(&mut |tx| {
            tx.each_batched(
                "SELECT g FROM generate_series(1, CAST(?1 AS BIGINT)) AS g ORDER BY g",
                args![n],
                &mut |r| {
                    let g = r.int(0)?;
                    in_order &= g == last + 1;
                    (rows, last) = (rows + 1, g);
                    Ok(())
                },
            )
        })
        .unwrap();
    assert_eq!((rows, last, in_order), (n, n, true));
    // A statement that fails at the second row of its second batch: a batched read has handed
    // over the whole first batch and nothing of the second (a read of the whole statement would
    // hand over nothing, a read a row at a time the second batch's first row too). No ORDER BY:
    // a sort would compute every row, and fail, before the first batch.
    let batch = i64::from(PORTAL_BATCH);
    let mut seen = 0_i64;
    let e = store.read(&mut |tx| {
        tx.each_batched(
            "SELECT CASE WHEN g < ?1 THEN g ELSE 1 / (g - g) END
             FROM generate_series(1, CAST(?2 AS BIGINT)) AS g",
            args![batch + 2, n],
            &mut |_| {
                seen += 1;
                Ok(())
            },
        )
    });
    let e = e.expect_err("the second batch fails");
    assert!(e.to_string().contains("division by zero"), "{e}");
    assert_eq!(seen, batch);
    stopping_early_leaves_the_connection_usable(&mut store, &|tx, f| {
        tx.each_batched(
            "SELECT g FROM generate_series(1, CAST(?1 AS BIGINT)) AS g ORDER BY g",
            args![n],
            f,
        )
    });
}

#[test]
fn a_writer_held_past_the_busy_timeout_is_busy() {
    let Some(db) = TestDb::new("busy") else {
        return;
    };
    drop(db.open(OpenMode::Create).unwrap());
    let mut holder = db.client();
    holder
        .batch_execute(&format!("SELECT pg_advisory_lock({LEDGER_LOCK})"))
        .unwrap();
    let mut store = PgStore::open(&db.url, OpenMode::Write, Duration::from_millis(300)).unwrap();
    let started = Instant::now();
    let mut ran = false;
    let e = store
        .write(&mut |_| {
            ran = true;
            Ok(())
        })
        .err()
        .unwrap();
    let waited = started.elapsed();
    assert_eq!((e.exit_code(), e.code), (6, "busy"), "{e}");
    assert!(!ran, "the closure runs only under the lock");
    assert!(
        waited >= Duration::from_millis(290) && waited < Duration::from_secs(5),
        "{waited:?}"
    );
    holder
        .batch_execute(&format!("SELECT pg_advisory_unlock({LEDGER_LOCK})"))
        .unwrap();
    store.write(&mut |_| Ok(())).unwrap();
}

#[test]
fn writers_take_turns_and_a_failed_write_leaves_nothing() {
    let Some(db) = TestDb::new("turns") else {
        return;
    };
    db.open(OpenMode::Create)
        .unwrap()
        .write(&mut |tx| {
            tx.exec("CREATE TABLE counter (n bigint NOT NULL)", args![])?;
            tx.exec("INSERT INTO counter VALUES (0)", args![])?;
            Ok(())
        })
        .unwrap();
    // Read, wait, write back: without the writers' lock, READ COMMITTED would lose updates.
    const WRITERS: i64 = 4;
    const EACH: i64 = 25;
    std::thread::scope(|s| {
        for _ in 0..WRITERS {
            s.spawn(|| {
                let mut store = db.open(OpenMode::Write).unwrap();
                for _ in 0..EACH {
                    store
                        .write(&mut |tx| {
                            let n = tx.int("SELECT n FROM counter", args![])?;
                            std::thread::sleep(Duration::from_millis(1));
                            tx.exec("UPDATE counter SET n = ?1", args![n + 1])?;
                            Ok(())
                        })
                        .unwrap();
                }
            });
        }
    });
    let mut store = db.open(OpenMode::Write).unwrap();
    let e = store.write(&mut |tx| {
        tx.exec("UPDATE counter SET n = -1", args![])?;
        Err(Error::refused("test", "refused after writing"))
    });
    assert_eq!(e.err().unwrap().exit_code(), 4);
    store
        .read(&mut |tx| {
            assert_eq!(tx.int("SELECT n FROM counter", args![])?, WRITERS * EACH);
            Ok(())
        })
        .unwrap();
}

#[test]
fn a_write_whose_statement_failed_commits_nothing_even_if_the_closure_goes_on() {
    let Some(db) = TestDb::new("aborted") else {
        return;
    };
    let mut store = db.open(OpenMode::Create).unwrap();
    let e = store
        .write(&mut |tx| {
            // A statement that succeeds (the closure must get past it)...
            let n = tx.exec(
                "INSERT INTO distributor (id, name, created_at, created_by)
                 VALUES ((SELECT coalesce(max(id), 0) + 1 FROM distributor), 'd', 't', 'a')",
                args![],
            )?;
            assert_eq!(n, 1);
            // ...then a failure the closure ignores: PostgreSQL has aborted the transaction.
            let _ = tx.exec("INSERT INTO no_such_table VALUES (1)", args![]);
            let _ = tx.exec("SELECT 1", args![]);
            Ok(())
        })
        .err()
        .unwrap();
    assert_eq!(e.exit_code(), 1, "{e}");
    // Refused for the ignored failure, not for a statement the closure saw fail.
    assert!(
        e.message.contains("a statement of the transaction failed"),
        "{e}"
    );
    store
        .read(&mut |tx| {
            assert_eq!(tx.int("SELECT count(*) FROM distributor", args![])?, 0);
            Ok(())
        })
        .unwrap();
}

#[test]
fn the_append_only_tables_refuse_update_delete_and_truncate() {
    let Some(db) = TestDb::new("append") else {
        return;
    };
    let mut store = db.open(OpenMode::Create).unwrap();
    // A new ledger starts with the prices in the chain; one more row of our own, after them.
    let (mut id, mut rows) = (0, 0);
    store
        .write(&mut |tx| {
            id = tx.int(
                "INSERT INTO ledger (id, site_id, pool, amount, balance_after, kind, reason, reference, actor, created_at, prev_hash, hash)
                 VALUES ((SELECT coalesce(max(id), 0) + 1 FROM ledger), NULL, NULL, 0, NULL, 'price', 'test', 'price:x', 'test', '2026-01-01T00:00:00Z', '', 'h')
                 RETURNING id",
                args![],
            )?;
            rows = tx.int("SELECT count(*) FROM ledger", args![])?;
            Ok(())
        })
        .unwrap();
    assert!(id > 1 && rows == id, "row {id} of {rows}");
    let refused = [
        "UPDATE ledger SET reason = 'changed'",
        "DELETE FROM ledger",
        "TRUNCATE ledger",
        "TRUNCATE site CASCADE",
        "TRUNCATE charge",
        "TRUNCATE payment",
        "TRUNCATE license",
        "TRUNCATE voucher",
    ];
    for sql in refused {
        let e = store
            .write(&mut |tx| tx.exec(sql, args![]).map(|_| ()))
            .err()
            .unwrap_or_else(|| panic!("{sql} was allowed"));
        assert_eq!((e.exit_code(), e.code), (1, "database"), "{sql}: {e}");
    }
    let e = store
        .write(&mut |tx| tx.exec("DELETE FROM ledger", args![]).map(|_| ()))
        .err()
        .unwrap();
    assert!(e.message.contains("append-only"), "{e}");
    store
        .read(&mut |tx| {
            let reason = tx.one("SELECT reason FROM ledger WHERE id = ?1", args![id], |r| {
                r.text(0)
            })?;
            assert_eq!(reason, "test");
            assert_eq!(tx.int("SELECT count(*) FROM ledger", args![])?, rows);
            Ok(())
        })
        .unwrap();
    // A site's model is fixed, and so is a used voucher.
    let e = store
        .write(&mut |tx| {
            let site = tx.int(
                "INSERT INTO site (id, name, model, created_at, created_by)
                 VALUES ((SELECT coalesce(max(id), 0) + 1 FROM site), 's', 'device', 't', 'a') RETURNING id",
                args![],
            )?;
            tx.exec("UPDATE site SET model = 'apartment' WHERE id = ?1", args![site])?;
            Ok(())
        })
        .err()
        .unwrap();
    assert!(e.message.contains("fixed"), "{e}");
}

/// TLS as libpq's sslmode means it, against the test server's own certificate. Runs when the
/// server has TLS on and its certificate file can be read here (Debian's default cluster).
#[test]
fn sslmodes_check_what_libpq_checks() {
    let Some(server) = server() else { return };
    let mut c = admin(&server);
    let ssl: String = c.query_one("SHOW ssl", &[]).unwrap().get(0);
    let cert: String = c.query_one("SHOW ssl_cert_file", &[]).unwrap().get(0);
    let cert = std::path::PathBuf::from(cert);
    let Ok(pem) = std::fs::read(&cert) else {
        eprintln!("not run: the server's certificate is not readable here");
        return;
    };
    if ssl != "on" {
        eprintln!("not run: the test server has TLS off");
        return;
    }
    let home = tempfile::tempdir().unwrap();
    let home_dir = home.path().to_str().unwrap().to_string();
    let env = move |k: &str| (k == "HOME").then(|| home_dir.clone());
    let encrypted = |url: &str| -> Result<bool> {
        let target = Target::from_url_env(url, &env)?;
        let mut client = target.connect()?;
        Ok(client
            .query_one(
                "SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()",
                &[],
            )?
            .get(0))
    };
    let with = |mode: &str, extra: &str| {
        let sep = if server.contains('?') { '&' } else { '?' };
        format!("{server}{sep}sslmode={mode}{extra}")
    };
    let root = format!("&sslrootcert={}", cert.display());
    assert!(!encrypted(&with("disable", "")).unwrap());
    assert!(encrypted(&with("prefer", "")).unwrap());
    assert!(encrypted(&with("require", "")).unwrap());
    // Only an address (hostaddr), no host name: encrypted, with nothing to check it by name.
    let config: ::postgres::Config = server.parse().unwrap();
    if let [::postgres::config::Host::Tcp(host)] = config.get_hosts()
        && host.parse::<std::net::IpAddr>().is_ok()
    {
        let port = config.get_ports().first().copied().unwrap_or(5432);
        let user = config.get_user().unwrap_or("postgres");
        let db = config.get_dbname().unwrap_or("postgres");
        let address_only =
            format!("postgres://{user}@/{db}?hostaddr={host}&port={port}&sslmode=require");
        assert!(encrypted(&address_only).unwrap(), "{address_only}");
    }
    let e = encrypted(&with("verify-ca", "")).err().unwrap();
    assert_eq!(e.code, "cannot_connect", "{e}");
    assert!(e.message.contains("root certificate"), "{e}");
    assert!(encrypted(&with("verify-ca", &root)).unwrap());
    // A root that did not sign the server's certificate.
    let other_root = home.path().join("other-root.pem");
    std::fs::write(&other_root, self_signed_pem()).unwrap();
    let e = encrypted(&with(
        "verify-ca",
        &format!("&sslrootcert={}", other_root.display()),
    ))
    .err()
    .unwrap();
    assert_eq!(e.code, "cannot_connect", "{e}");
    assert!(e.message.contains("certificate verify failed"), "{e}");
    // verify-full also checks the name: it passes for a host the certificate names and fails
    // for one it does not.
    let (names, ip_named) = cert_names(&pem);
    let url = with("verify-full", &root);
    if url.contains("@127.0.0.1:") && names.iter().any(|n| n == "localhost") {
        assert!(encrypted(&url.replace("@127.0.0.1:", "@localhost:")).unwrap());
    }
    if url.contains("@127.0.0.1:") && !ip_named && !names.iter().any(|n| n == "127.0.0.1") {
        let e = encrypted(&url).err().unwrap();
        assert_eq!(e.code, "cannot_connect", "{e}");
    }
}

/// The host names a PEM certificate holds (its subject's common name and its DNS alternative
/// names), and whether it names 127.0.0.1.
fn cert_names(pem: &[u8]) -> (Vec<String>, bool) {
    use x509_cert::der::DecodePem;
    use x509_cert::ext::pkix::{SubjectAltName, name::GeneralName};
    let cert = x509_cert::Certificate::from_pem(pem).unwrap();
    let tbs = cert.tbs_certificate();
    let mut names: Vec<String> = tbs
        .subject()
        .common_name()
        .unwrap()
        .map(|cn| cn.value().into_owned())
        .into_iter()
        .collect();
    let mut ip_named = false;
    if let Some((_, alt)) = tbs.get_extension::<SubjectAltName>().unwrap() {
        for name in alt.0 {
            match name {
                GeneralName::DnsName(n) => names.push(n.to_string()),
                GeneralName::IpAddress(ip) => ip_named |= ip.as_bytes() == [127, 0, 0, 1],
                _ => {}
            }
        }
    }
    (names, ip_named)
}

/// A fresh self-signed certificate, as PEM.
fn self_signed_pem() -> Vec<u8> {
    let key = rcgen::KeyPair::generate().unwrap();
    let mut params = rcgen::CertificateParams::new(Vec::<String>::new()).unwrap();
    params
        .distinguished_name
        .push(rcgen::DnType::CommonName, "creditctl test root");
    params.self_signed(&key).unwrap().pem().into_bytes()
}

#[test]
fn without_tls_a_connection_is_made_plain_and_every_session_runs_without_jit() {
    let Some(db) = TestDb::new("plain") else {
        return;
    };
    // sslmode=disable takes the path that builds no TLS connector at all.
    let sep = if db.url.contains('?') { '&' } else { '?' };
    let url = format!("{}{sep}sslmode=disable", db.url);
    let mut store = PgStore::open(&url, OpenMode::Create, LONG).unwrap();
    let row = store
        .client
        .query_one(
            "SELECT coalesce((SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()), false),
                    current_setting('jit')",
            &[],
        )
        .unwrap();
    let (encrypted, jit): (bool, String) = (row.get(0), row.get(1));
    assert!(!encrypted, "sslmode=disable made an encrypted connection");
    assert_eq!(jit, "off");
    // A session on the ledger now there reads its marks in its first round trip, with the
    // settings in it: they hold there too.
    let mut store = PgStore::open(&url, OpenMode::Read, Duration::from_millis(1234)).unwrap();
    assert!(
        store.found.is_some(),
        "the first round trip did not read the ledger's marks"
    );
    let row = store
        .client
        .query_one(
            "SELECT current_setting('jit'), current_setting('lock_timeout')",
            &[],
        )
        .unwrap();
    let (jit, lock_timeout): (String, String) = (row.get(0), row.get(1));
    assert_eq!((jit.as_str(), lock_timeout.as_str()), ("off", "1234ms"));
}

#[test]
fn a_ledger_in_a_later_schema_of_the_search_path_is_not_the_current_schemas() {
    let Some(db) = TestDb::new("path") else {
        return;
    };
    db.open(OpenMode::Create).unwrap();
    let mut c = db.client();
    c.batch_execute(&format!(
        "CREATE SCHEMA app; ALTER DATABASE {} SET search_path = app, public",
        db.name
    ))
    .unwrap();
    // The current schema is now `app`, which holds nothing: the search path finds public's
    // creditctl_meta, but that is not the ledger of the schema where the tables would be.
    let e = db.open(OpenMode::Read).err().unwrap();
    assert_eq!(e.exit_code(), 3, "{e}");
    let in_schema = |c: &mut Client, schema: &str| {
        count(
            c,
            &format!(
                "SELECT count(*) FROM pg_class WHERE relname = 'creditctl_meta' AND relnamespace = '{schema}'::regnamespace"
            ),
        )
    };
    assert_eq!(in_schema(&mut c, "app"), 0);
    // A first write makes the ledger there, and from then on it is the one found.
    db.open(OpenMode::Create).unwrap();
    assert_eq!(
        (in_schema(&mut c, "app"), in_schema(&mut c, "public")),
        (1, 1)
    );
    let mut store = db.open(OpenMode::Read).unwrap();
    assert!(store.found.is_some(), "app's marks were not read at once");
    let schema: String = store
        .client
        .query_one("SELECT current_schema()::text", &[])
        .unwrap()
        .get(0);
    assert_eq!(schema, "app");
}
