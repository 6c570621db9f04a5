//! What creditctl does to files: nothing before it knows the file is its ledger, nothing when it
//! only reads or refuses, works for a user who may only read, survives a full disk, and upgrades
//! a ledger written by the previous release.

mod common;
use common::{Ledger, NOW};
use creditctl::store::sqlite::WAL_KEPT_BYTES;
use std::path::Path;
use std::process::Command;

fn bin() -> std::path::PathBuf {
    assert_cmd::cargo::cargo_bin("creditctl")
}

/// A ledger with a distributor, a site, a device, vouchers, a purchase and a charge.
fn small_ledger() -> Ledger {
    let l = Ledger::sqlite();
    l.distributor();
    l.site("Office", "device");
    l.ok(&[
        "device",
        "add",
        "--site",
        "Office",
        "--serial",
        "54-0123-4567",
    ]);
    l.voucher(&["--years", "1", "--subscriptions", "1"]);
    l.ok(&[
        "credits",
        "buy",
        "--site",
        "Office",
        "--credits",
        "5",
        "--payment",
        "card",
        "--yes",
    ]);
    l
}

const READS: &[&[&str]] = &[
    &["site", "list"],
    &["site", "show", "Office"],
    &["device", "list"],
    &["voucher", "list"],
    &["voucher", "export"],
    &["credits", "show"],
    &["credits", "history", "--site", "Office"],
    &["payment", "list"],
    &["price", "show"],
    &["license", "catalog"],
    &["license", "list"],
    &["distributor", "list"],
    &["ledger", "verify"],
    &["deduct", "run", "--dry-run"],
];

#[test]
fn commands_that_only_read_leave_every_byte_as_it_was() {
    let l = small_ledger();
    let before = l.files();
    for args in READS {
        l.ok(args);
        assert!(before == l.files(), "{args:?} changed a file");
    }
}

#[test]
fn a_user_who_may_only_read_the_files_can_read() {
    use std::os::unix::fs::PermissionsExt;
    use std::os::unix::process::CommandExt;
    let l = small_ledger();
    let set_mode = |p: &Path, mode: u32| {
        std::fs::set_permissions(p, std::fs::Permissions::from_mode(mode)).unwrap()
    };
    for entry in std::fs::read_dir(l.dir.path()).unwrap() {
        set_mode(&entry.unwrap().path(), 0o444);
    }
    // As root, permissions do not bind: run as nobody, who may read but not write.
    let root = unsafe { libc::geteuid() } == 0;
    set_mode(l.dir.path(), if root { 0o755 } else { 0o555 });
    let run = |args: &[&str]| {
        let mut c = Command::new(bin());
        c.args(args)
            .arg("--json")
            .env_clear()
            .env("CREDITCTL_DB", &l.db)
            .env("CREDITCTL_NOW", NOW)
            .env("CREDITCTL_ACTOR", "reader");
        if root {
            c.uid(65534).gid(65534);
        }
        c.output().unwrap()
    };
    let before = l.files();
    for args in READS {
        let out = run(args);
        assert!(
            out.status.success(),
            "{args:?} failed for a reader: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let out = run(&["site", "create", "Other", "--model", "device"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(String::from_utf8_lossy(&out.stderr).lines().count(), 1);
    assert!(before == l.files(), "a reader changed a file");
    // Without SQLite's shared-memory file (removed by hand, say), a reader cannot open the
    // ledger: told in words, and what to do.
    let shm = format!("{}-shm", l.db.display());
    std::fs::remove_file(&shm).unwrap();
    let out = run(&["site", "list"]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.contains("-shm missing") && err.contains("as a user who may write"),
        "{err}"
    );
    set_mode(l.dir.path(), 0o700);
}

/// A writer does not checkpoint when it closes: a small write is one commit appended to the kept
/// WAL (ledger.db itself is not rewritten), and every reader, a copy of the two files, and
/// `ledger copy` see it. The writer that finds the WAL past its bound copies it into the file
/// (see `the_kept_wal_is_emptied_once_it_grows_past_its_bound`).
#[test]
fn a_small_write_stays_in_the_wal_and_every_reader_sees_it() {
    let l = small_ledger();
    let wal = format!("{}-wal", l.db.display());
    let db_before = std::fs::read(&l.db).unwrap();
    let wal_before = std::fs::metadata(&wal).unwrap().len();
    l.site("Annex", "apartment");
    assert!(
        std::fs::read(&l.db).unwrap() == db_before,
        "a small write rewrote ledger.db: the WAL was checkpointed on close"
    );
    assert!(std::fs::metadata(&wal).unwrap().len() > wal_before);
    let names = |l: &Ledger| -> Vec<String> {
        let sites = l.json(&["site", "list"]);
        sites
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s["site"]["name"].as_str().unwrap().to_string())
            .collect()
    };
    assert!(names(&l).contains(&"Annex".to_string()));
    // The two files copied together are the whole ledger.
    let copy = l.duplicate();
    assert!(names(&copy).contains(&"Annex".to_string()));
    assert_eq!(copy.verify()["head"], l.verify()["head"]);
    let target = Ledger::sqlite();
    l.ok(&["ledger", "copy", "--to", &target.location_str()]);
    assert!(names(&target).contains(&"Annex".to_string()));
    assert_eq!(target.verify()["head"], l.verify()["head"]);
}

/// The size of the ledger's WAL file, 0 when there is none.
fn wal_bytes(l: &Ledger) -> u64 {
    std::fs::metadata(format!("{}-wal", l.db.display())).map_or(0, |m| m.len())
}

/// A writer that closes with the WAL past `WAL_KEPT_BYTES` copies it into ledger.db and empties
/// it: commands that each write once would otherwise let it grow without end (SQLite rebuilds
/// its index from the whole WAL in every process, and only a writer that checkpointed it in the
/// same process may start it over), and every command would read it whole.
#[test]
fn the_kept_wal_is_emptied_once_it_grows_past_its_bound() {
    let l = Ledger::sqlite();
    l.distributor();
    let (mut largest, mut emptied, mut last) = (0, 0, wal_bytes(&l));
    for i in 0..80 {
        l.site(&format!("Site {i}"), "device");
        let now = wal_bytes(&l);
        emptied += u64::from(now < last);
        (largest, last) = (largest.max(now), now);
    }
    assert!(emptied > 0, "the WAL was never emptied ({last} bytes)");
    assert!(
        largest <= WAL_KEPT_BYTES + 64 * 1024,
        "the WAL grew to {largest} bytes"
    );
    assert_eq!(l.json(&["site", "list"]).as_array().unwrap().len(), 80);
    l.verify();
}

/// A ledger reached through a symbolic link has its WAL beside the file the link names, and it
/// is emptied there too.
#[test]
fn the_wal_of_a_ledger_reached_through_a_link_is_emptied_too() {
    let l = Ledger::sqlite();
    l.distributor();
    let link = l.dir.path().join("link.db");
    std::os::unix::fs::symlink(&l.db, &link).unwrap();
    let (mut largest, mut emptied, mut last) = (0, 0, wal_bytes(&l));
    for i in 0..80 {
        l.cmd()
            .env("CREDITCTL_DB", &link)
            .args(["site", "create", &format!("Site {i}"), "--model", "device"])
            .assert()
            .success();
        let now = wal_bytes(&l);
        emptied += u64::from(now < last);
        (largest, last) = (largest.max(now), now);
    }
    // The WAL is where it is looked for (beside the linked file), and it was emptied there.
    assert!(
        largest > 0 && emptied > 0,
        "the WAL was never emptied ({last} bytes)"
    );
    assert!(
        largest <= WAL_KEPT_BYTES + 64 * 1024,
        "the WAL grew to {largest} bytes"
    );
    assert_eq!(l.json(&["site", "list"]).as_array().unwrap().len(), 80);
}

/// Emptying the WAL never waits for a reader: a process reading the ledger holds the WAL, and
/// the writers go on at once (with a busy timeout of ten minutes, a wait would show), leaving it
/// for the first writer after the reader.
#[test]
fn a_reader_holding_the_wal_never_makes_a_writer_wait() {
    let l = Ledger::sqlite();
    l.distributor();
    // Read-only, as creditctl's readers are: closing it copies nothing.
    let reader =
        rusqlite::Connection::open_with_flags(&l.db, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
            .unwrap();
    reader.execute_batch("BEGIN").unwrap();
    let sites: i64 = reader
        .query_row("SELECT count(*) FROM site", [], |r| r.get(0))
        .unwrap();
    let mut i = 0;
    while wal_bytes(&l) <= WAL_KEPT_BYTES + 64 * 1024 {
        l.cmd()
            .env("CREDITCTL_BUSY_TIMEOUT_MS", "600000")
            .timeout(std::time::Duration::from_secs(120))
            .args(["site", "create", &format!("Site {i}"), "--model", "device"])
            .assert()
            .success();
        i += 1;
        assert!(
            i < 200,
            "the WAL stays under its bound without being emptied"
        );
    }
    // The reader's snapshot is the one it began with.
    let again: i64 = reader
        .query_row("SELECT count(*) FROM site", [], |r| r.get(0))
        .unwrap();
    assert_eq!(again, sites);
    let held = wal_bytes(&l);
    drop(reader);
    l.site("After the reader", "device");
    assert!(
        wal_bytes(&l) < held,
        "the first writer after the reader left the WAL at {} bytes",
        wal_bytes(&l)
    );
}

#[test]
fn a_command_on_a_missing_ledger_creates_nothing_unless_it_makes_the_first_object() {
    let l = Ledger::sqlite();
    let nested = l.dir.path().join("a").join("b").join("ledger.db");
    let run = |args: &[&str]| {
        Command::new(bin())
            .args(args)
            .arg("--json")
            .env_clear()
            .env("CREDITCTL_DB", &nested)
            .env("CREDITCTL_NOW", NOW)
            .env("CREDITCTL_ACTOR", "t")
            .output()
            .unwrap()
    };
    for args in [
        &[
            "credits",
            "buy",
            "--site",
            "Office",
            "--credits",
            "5",
            "--payment",
            "card",
            "--yes",
        ][..],
        &["deduct", "run"],
        &["device", "add", "--site", "1", "--serial", "54-0123-4567"],
        &["site", "list"],
        &["ledger", "verify"],
        &["price", "set", "no-such-item", "1.00"],
    ] {
        let out = run(args);
        assert_eq!(out.status.code(), Some(3), "{args:?}");
        assert!(
            !l.dir.path().join("a").exists(),
            "{args:?} created a directory"
        );
    }
    let out = run(&["site", "create", "Office", "--model", "device"]);
    assert!(out.status.success());
    assert!(nested.exists());
}

#[test]
fn a_full_disk_is_named_loses_nothing_and_the_ledger_verifies_after() {
    // A small file system of its own, in a private mount namespace (no root needed where user
    // namespaces are allowed; CI runs as root).
    let dir = tempfile::tempdir().unwrap();
    let fs = dir.path().join("fs");
    std::fs::create_dir(&fs).unwrap();
    let script = r#"
        set -u
        mount -t tmpfs -o size=512k tmpfs "$FS" || exit 90
        export CREDITCTL_DB="$FS/ledger.db"
        "$BIN" distributor add Acme >/dev/null && "$BIN" distributor activate Acme >/dev/null \
            && "$BIN" site create Office --model device >/dev/null || exit 91
        dd if=/dev/zero of="$FS/fill" bs=4k 2>/dev/null
        "$BIN" --json voucher create --distributor Acme --name V --years 1 --subscriptions 1 \
            --count 500 --payment card --yes >"$OUT/create.out" 2>"$OUT/create.err"
        echo $? >"$OUT/create.rc"
        "$BIN" --json site create Harbour --model device >/dev/null 2>"$OUT/site.err"
        echo $? >"$OUT/site.rc"
        "$BIN" --json ledger copy --to "$FS/sub/copy.db" >/dev/null 2>"$OUT/copy.err"
        echo $? >"$OUT/copy.rc"
        ls -A "$FS" >"$OUT/copy.ls"
        rm "$FS/fill"
        "$BIN" --json ledger verify >"$OUT/verify.out" 2>&1
        echo $? >"$OUT/verify.rc"
        "$BIN" --json voucher list >"$OUT/list.out"
        "$BIN" --json site list >"$OUT/sites.out"
    "#;
    let status = Command::new("unshare")
        .args(["-rm", "sh", "-c", script])
        .env("FS", &fs)
        .env("OUT", dir.path())
        .env("BIN", bin())
        .env("CREDITCTL_NOW", NOW)
        .env("CREDITCTL_ACTOR", "t")
        .status()
        .expect("unshare (util-linux) runs the scenario in its own mount namespace");
    assert!(status.success(), "the scenario failed to set up: {status}");
    let read = |name: &str| std::fs::read_to_string(dir.path().join(name)).unwrap();
    for step in ["create", "site", "copy"] {
        assert_eq!(read(&format!("{step}.rc")).trim(), "1", "{step}");
        let err = read(&format!("{step}.err"));
        assert_eq!(err.lines().count(), 1, "{err}");
        let err: serde_json::Value = serde_json::from_str(&err).unwrap();
        assert_eq!(err["error"]["code"], "disk_full", "{step}: {err}");
    }
    // The failed copy took away the file and directory it had made.
    assert!(!read("copy.ls").contains("sub"), "{}", read("copy.ls"));
    assert_eq!(read("verify.rc").trim(), "0", "{}", read("verify.out"));
    let vouchers: serde_json::Value = serde_json::from_str(&read("list.out")).unwrap();
    assert_eq!(vouchers.as_array().unwrap().len(), 0);
    let sites: serde_json::Value = serde_json::from_str(&read("sites.out")).unwrap();
    assert_eq!(sites.as_array().unwrap().len(), 1);
}

/// Loads the SQL dump of a ledger written by creditctl 0.1.0 (schema 1).
fn ledger_from_release_1() -> Ledger {
    let l = Ledger::sqlite();
    let conn = rusqlite::Connection::open(&l.db).unwrap();
    // The dump lists tables by name, so rows come before the rows they point at.
    conn.execute_batch("PRAGMA foreign_keys = OFF").unwrap();
    conn.execute_batch(include_str!("fixtures/ledger-v1.sql"))
        .unwrap();
    conn.query_row("PRAGMA journal_mode = WAL", [], |_| Ok(()))
        .unwrap();
    drop(conn);
    l
}

#[test]
fn a_ledger_of_the_first_release_is_upgraded_and_keeps_every_value() {
    let l = ledger_from_release_1();
    let conn = rusqlite::Connection::open(&l.db).unwrap();
    let head_v1: String = conn
        .query_row(
            "SELECT hash FROM ledger ORDER BY id DESC LIMIT 1",
            [],
            |r| r.get(0),
        )
        .unwrap();
    drop(conn);
    let v = l.verify();
    assert_eq!(v["ok"], true);
    assert_eq!(v["vouchers"], 3);
    assert_eq!(v["payments"], 3, "{v}");
    assert_eq!(v["charges"], 1);
    // The rows of the first release keep their hashes: the chain is extended, not rewritten.
    let conn = rusqlite::Connection::open(&l.db).unwrap();
    let kept: String = conn
        .query_row("SELECT hash FROM ledger WHERE id = 4", [], |r| r.get(0))
        .unwrap();
    assert_eq!(kept, head_v1);
    let version: i64 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(version, creditctl::store::sqlite::schema::LATEST);
    drop(conn);
    let vouchers = l.json(&["voucher", "list"]);
    let statuses: Vec<&str> = vouchers
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v["status"].as_str().unwrap())
        .collect();
    assert_eq!(statuses, ["used", "cancelled", "active"]);
    let credits = l.credits("Office");
    assert_eq!(credits["video"]["balance"], 23);
    assert_eq!(credits["sms"]["balance"], 90);
    // The upgraded ledger goes on: November is charged once, and tampering is still caught.
    let run = l.json(&["deduct", "run"]);
    assert_eq!(run["units_charged"], 1);
    assert_eq!(l.json(&["deduct", "run"])["units_charged"], 0);
    assert_eq!(l.verify()["charges"], 2);
    let conn = rusqlite::Connection::open(&l.db).unwrap();
    conn.execute_batch(
        "DROP TRIGGER voucher_final; UPDATE voucher SET redeemed_at = NULL, redeemed_by = NULL, site_id = NULL WHERE redeemed_at IS NOT NULL;",
    )
    .unwrap();
    drop(conn);
    let err = l.fail(&["ledger", "verify"], 1);
    assert_eq!(err["code"], "ledger_altered");
}

#[test]
fn a_reader_of_an_older_ledger_upgrades_it_once() {
    let l = ledger_from_release_1();
    let out = l.ok(&["site", "list"]);
    assert!(out.contains("Office"));
    assert_eq!(l.verify()["ok"], true);
}

/// An upgrade writes the longest WAL of all (every site's row, for its tally): a command that
/// only reads, but upgraded the ledger first, leaves no more WAL behind than a write does.
#[test]
fn an_upgrade_made_by_a_reader_leaves_no_long_wal() {
    let l = ledger_from_release_1();
    let conn = rusqlite::Connection::open(&l.db).unwrap();
    conn.execute_batch(
        "WITH RECURSIVE n(i) AS (SELECT 2 UNION ALL SELECT i + 1 FROM n WHERE i < 20000)
         INSERT INTO site (id, name, model, created_at, created_by)
         SELECT i, 'Site ' || i, 'device', '2026-10-05T10:00:00Z', 'unknown' FROM n;",
    )
    .unwrap();
    drop(conn);
    // Its last connection closed, the old release's ledger has no WAL.
    assert_eq!(wal_bytes(&l), 0);
    l.ok(&["site", "list", "--limit", "1"]);
    // Measured before anything else opens the file (the last connection to close a ledger it
    // opened itself would take the WAL away).
    let left = wal_bytes(&l);
    let conn = rusqlite::Connection::open(&l.db).unwrap();
    let version: i64 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    drop(conn);
    assert_eq!(version, creditctl::store::sqlite::schema::LATEST);
    assert!(
        left <= WAL_KEPT_BYTES,
        "the upgrade left a WAL of {left} bytes"
    );
}

#[test]
fn a_ledger_in_another_journal_mode_keeps_it_and_a_refusal_changes_no_byte() {
    let l = small_ledger();
    let conn = rusqlite::Connection::open(&l.db).unwrap();
    let mode: String = conn
        .query_row("PRAGMA journal_mode = DELETE", [], |r| r.get(0))
        .unwrap();
    assert_eq!(mode, "delete");
    drop(conn);
    for entry in std::fs::read_dir(l.dir.path()).unwrap() {
        let p = entry.unwrap().path();
        if !p.ends_with("ledger.db") {
            std::fs::remove_file(p).unwrap();
        }
    }
    l.fail(&["site", "show", "Nope"], 3);
    l.fail(&["device", "remove", "54-9999-9999"], 3);
    l.fail(
        &[
            "credits", "adjust", "--site", "Office", "--amount", "-99", "--reason", "x",
        ],
        4,
    );
    l.ok(&[
        "credits", "adjust", "--site", "Office", "--amount", "1", "--reason", "x",
    ]);
    let conn = rusqlite::Connection::open(&l.db).unwrap();
    let mode: String = conn
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .unwrap();
    assert_eq!(mode, "delete");
    assert_eq!(l.verify()["ok"], true);
}

#[test]
fn a_committed_write_whose_output_cannot_be_written_says_it_is_committed() {
    // A receipt redirected to a full disk: the purchase stands. It used to end as any failure
    // ("I/O error", exit 1), and whoever ran it again bought twice.
    let l = Ledger::new();
    l.site("Office", "device");
    // `args` with stdout to a device that is always full.
    let to_full = |args: &[&str]| {
        let full = std::fs::OpenOptions::new()
            .write(true)
            .open("/dev/full")
            .unwrap();
        let out = Command::new(bin())
            .args(args)
            .env_clear()
            .envs(l.env_at(NOW))
            .stdout(full)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        let err: serde_json::Value = serde_json::from_slice(&out.stderr).unwrap();
        err["error"].clone()
    };
    let buy = [
        "credits",
        "buy",
        "--site",
        "Office",
        "--credits",
        "5",
        "--payment",
        "card",
        "--yes",
        "--json",
    ];
    let err = to_full(&buy);
    assert_eq!(err["code"], "output_failed", "{err}");
    assert!(
        err["message"]
            .as_str()
            .unwrap()
            .contains("is committed, but its output could not be written (the disk is full)"),
        "{err}"
    );
    assert_eq!(l.number("SELECT count(*) FROM payment"), 1);
    assert_eq!(l.verify()["ok"], true);
    // A command that wrote nothing says so.
    let err = to_full(&["site", "list", "--json"]);
    assert_eq!(err["code"], "disk_full", "{err}");
}
