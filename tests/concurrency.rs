//! Real processes racing for the same ledger, a deduction killed at random moments, and many
//! processes making the first write to a new ledger.

mod common;

use common::{Ledger, NOW};
use creditctl::domain::period::Period;
use creditctl::domain::serial::Serial;
use creditctl::domain::site::Model;
use creditctl::store::ledger::{LedgerWriter, Pool};
use creditctl::store::{Location, OpenMode, Stamp, Store, accounts, credits, units};
use rand::RngExt;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;

fn bin() -> std::path::PathBuf {
    assert_cmd::cargo::cargo_bin("creditctl")
}

/// A wait limit (ms) far longer than any of these races needs, even on a loaded machine: a
/// process that gives up with exit 6 would hide the outcome a test is about.
const PATIENT_MS: &str = "120000";

#[test]
fn sixteen_processes_redeem_one_code_exactly_one_wins() {
    let l = Ledger::new();
    l.distributor();
    l.site("Office", "device");
    let code = l.voucher(&["--years", "1", "--subscriptions", "1"]);
    let children: Vec<_> = (0..16)
        .map(|_| {
            Command::new(bin())
                .args([
                    "voucher", "redeem", &code, "--site", "Office", "--yes", "--json",
                ])
                .env_clear()
                .env("CREDITCTL_DB", &l.db)
                .env("CREDITCTL_NOW", NOW)
                .env("CREDITCTL_ACTOR", "racer")
                .env("CREDITCTL_BUSY_TIMEOUT_MS", PATIENT_MS)
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    let mut codes = Vec::new();
    for child in children {
        let out = child.wait_with_output().unwrap();
        let code = out.status.code();
        if code == Some(4) {
            let err: serde_json::Value = serde_json::from_slice(&out.stderr).unwrap();
            // Each loser's failure is recorded; after ten on the site, the rest are refused
            // before they look at the code.
            assert!(
                ["voucher_used", "too_many_attempts"]
                    .contains(&err["error"]["code"].as_str().unwrap()),
                "{err}"
            );
        }
        codes.push(code);
    }
    assert_eq!(
        codes.iter().filter(|c| **c == Some(0)).count(),
        1,
        "exit codes: {codes:?}"
    );
    assert_eq!(
        codes.iter().filter(|c| **c == Some(4)).count(),
        15,
        "exit codes: {codes:?}"
    );
    assert_eq!(l.credits("Office")["video"]["balance"], 12);
    assert_eq!(l.balance_rows().len(), 1);
}

const SETUP_NOW: &str = "2026-11-05T10:00:00Z";
const RUN_NOW: &str = "2026-12-01T00:05:00Z";

/// `sites` device sites with `devices` each, funded with `credits` video credits in November
/// (which pays November at once), built through the library for speed.
fn build(db: &Path, sites: usize, devices: usize, credits_each: i64) {
    let mut store = Store::open(
        &Location::Sqlite(db.to_path_buf()),
        OpenMode::Create,
        Duration::from_secs(5),
    )
    .unwrap();
    let stamp = Stamp {
        actor: "setup".into(),
        now: SETUP_NOW.parse().unwrap(),
    };
    let period = Period::containing(stamp.now);
    store
        .write(|tx| {
            for s in 0..sites {
                let site = accounts::create_site(tx, &format!("Site {s}"), Model::Device, &stamp)?;
                let mut ledger = LedgerWriter::new(tx, &stamp)?;
                for d in 0..devices {
                    let serial =
                        Serial::parse(&format!("{d:02}-{:04}-{:04}", s / 10_000, s % 10_000))
                            .unwrap();
                    units::add_device(tx, &mut ledger, &site, &serial, None, period, &stamp)?;
                }
                if credits_each > 0 {
                    credits::adjust(tx, &site, Pool::Video, credits_each, "setup", &stamp)?;
                }
            }
            Ok(())
        })
        .unwrap();
}

/// (video credits in all sites, unit charges for December, duplicate charges for December).
fn totals(db: &Path) -> (i64, i64, i64) {
    let conn = rusqlite::Connection::open(db).unwrap();
    let balance: i64 = conn
        .query_row("SELECT total(video_balance) FROM site", [], |r| {
            r.get::<_, f64>(0)
        })
        .unwrap() as i64;
    let charges: i64 = conn
        .query_row(
            "SELECT count(*) FROM charge WHERE period = '2026-12'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    let dups: i64 = conn
        .query_row(
            "SELECT count(*) FROM (SELECT unit_id FROM charge WHERE period = '2026-12' GROUP BY unit_id HAVING count(*) > 1)",
            [],
            |r| r.get(0),
        )
        .unwrap();
    (balance, charges, dups)
}

fn deduct(db: &Path) -> Command {
    let mut c = Command::new(bin());
    c.args(["deduct", "run", "--json"])
        .env_clear()
        .env("CREDITCTL_DB", db)
        .env("CREDITCTL_NOW", RUN_NOW)
        .env("CREDITCTL_ACTOR", "cron")
        .env("CREDITCTL_BUSY_TIMEOUT_MS", PATIENT_MS)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    c
}

fn verify_ok(db: &Path) {
    let out = Command::new(bin())
        .args(["ledger", "verify", "--json"])
        .env_clear()
        .env("CREDITCTL_DB", db)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "ledger verify failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn parallel_deduct_runs_charge_each_unit_once() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("ledger.db");
    let (sites, devices) = (600, 3);
    build(&db, sites, devices, 10);
    let (before, _, _) = totals(&db);
    let runs: Vec<_> = (0..4).map(|_| deduct(&db).spawn().unwrap()).collect();
    let mut charged = 0;
    for run in runs {
        let out = run.wait_with_output().unwrap();
        // With a patient wait limit every run finishes; a run that gave up with exit 6 after
        // committing some chunks would make the sum of reported charges meaningless.
        assert!(
            out.status.success(),
            "deduct run exited {:?}: {}",
            out.status.code(),
            String::from_utf8_lossy(&out.stderr)
        );
        let s: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        charged += s["units_charged"].as_i64().unwrap();
    }
    let (after, charges, dups) = totals(&db);
    let units = (sites * devices) as i64;
    assert_eq!((charges, dups), (units, 0));
    assert_eq!(
        charged, units,
        "the runs together charged each unit exactly once"
    );
    assert_eq!(before - after, units);
    verify_ok(&db);
}

/// Makes `db` a self-contained file: the builder has closed it, so its WAL is checkpointed into
/// the main file; this checkpoints again to be sure and checks that no WAL content is left.
fn settle(db: &Path) {
    let conn = rusqlite::Connection::open(db).unwrap();
    let (busy, _, _): (i64, i64, i64) = conn
        .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })
        .unwrap();
    assert_eq!(busy, 0, "the template ledger is still in use");
    drop(conn);
    let wal = wal_of(db);
    assert!(
        !wal.exists() || std::fs::metadata(&wal).unwrap().len() == 0,
        "the template ledger's WAL was not checkpointed"
    );
}

fn wal_of(db: &Path) -> std::path::PathBuf {
    with_suffix(db, "-wal")
}

fn shm_of(db: &Path) -> std::path::PathBuf {
    with_suffix(db, "-shm")
}

fn with_suffix(db: &Path, suffix: &str) -> std::path::PathBuf {
    let mut name = db.as_os_str().to_owned();
    name.push(suffix);
    name.into()
}

/// A fresh copy of a settled ledger.
fn copy_ledger(from: &Path, to: &Path) {
    std::fs::copy(from, to).unwrap();
}

#[test]
fn deduct_killed_at_random_moments_never_double_charges_and_a_rerun_finishes() {
    use std::os::unix::process::ExitStatusExt;
    use std::time::Instant;

    let dir = tempfile::tempdir().unwrap();
    let template = dir.path().join("template.db");
    // Short sites (1 credit for 2 devices after November) make waiting units and halts too.
    // Large enough that a December run takes hundreds of milliseconds in a debug build, and
    // spans several DEDUCT_CHUNK transactions, so a kill can land between commits.
    let (sites, devices) = (8_000, 2);
    build(&template, sites, devices, 3);
    settle(&template);
    let (initial, charges, _) = totals(&template);
    assert_eq!(charges, 0, "the template has no December charges");
    let sites = sites as i64;

    // Uninterrupted runs on fresh copies: what every trial must end with, and how long a run
    // takes here (the kill window is a fraction of the quicker one, so the test adapts to the
    // machine and a slow calibration under load does not push kills past the end of a run).
    let mut full_run = Duration::MAX;
    for _ in 0..2 {
        let calibration = dir.path().join("calibration.db");
        copy_ledger(&template, &calibration);
        let started = Instant::now();
        let out = deduct(&calibration).output().unwrap();
        full_run = full_run.min(started.elapsed());
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let (balance, charges, dups) = totals(&calibration);
        // Each site had 1 credit left after November: exactly one of its two units is paid.
        assert_eq!((charges, dups), (sites, 0));
        assert_eq!(initial - balance, charges);
        let again = deduct(&calibration).output().unwrap();
        let s: serde_json::Value = serde_json::from_slice(&again.stdout).unwrap();
        assert_eq!(s["units_charged"], 0);
        assert_eq!(s["units_waiting"], sites);
        for file in [
            calibration.clone(),
            wal_of(&calibration),
            shm_of(&calibration),
        ] {
            let _ = std::fs::remove_file(file);
        }
    }

    // Kill between 10 % and 50 % of an uninterrupted run: past start-up, with work left.
    let mut window = (full_run.as_micros() / 10) as u64..(full_run.as_micros() / 2) as u64;
    let mut rng = rand::rng();
    let trials = 10;
    let (mut landed, mut between_commits) = (0, 0);
    for trial in 0..trials {
        // Every trial starts from the same uncharged ledger, so each kill has real work to cut.
        let db = dir.path().join(format!("trial-{trial}.db"));
        copy_ledger(&template, &db);
        let delay = Duration::from_micros(rng.random_range(window.clone()));
        let mut run = deduct(&db).spawn().unwrap();
        std::thread::sleep(delay);
        let running = run.try_wait().unwrap().is_none();
        if !running {
            // Runs are quicker now than when measured (the machine was busier): narrow the window.
            full_run = full_run.min(delay);
            window = (full_run.as_micros() / 10) as u64..(full_run.as_micros() / 2) as u64;
        }
        let _ = run.kill(); // SIGKILL
        let status = run.wait().unwrap();
        // Only a kill that found the run going and ended it counts.
        let killed = running && status.signal() == Some(libc::SIGKILL);

        let (balance, charged_before_kill, dups) = totals(&db);
        assert_eq!(dups, 0, "trial {trial}: a unit was charged twice");
        assert_eq!(
            initial - balance,
            charged_before_kill,
            "trial {trial}: credits deducted differ from unit charges"
        );
        verify_ok(&db);
        if killed && charged_before_kill < sites {
            landed += 1;
            if charged_before_kill > 0 {
                between_commits += 1;
            }
        }

        // A rerun charges exactly what the killed run left, and every payable unit once.
        let out = deduct(&db).output().unwrap();
        assert!(
            out.status.success(),
            "trial {trial}: rerun failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let s: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(
            s["units_charged"],
            sites - charged_before_kill,
            "trial {trial}: the rerun did not charge exactly what was left"
        );
        assert_eq!(s["units_waiting"], sites);
        let (balance, charges, dups) = totals(&db);
        assert_eq!((charges, dups), (sites, 0), "trial {trial}");
        assert_eq!(initial - balance, charges, "trial {trial}");
        verify_ok(&db);
        for file in [db.clone(), wal_of(&db), shm_of(&db)] {
            let _ = std::fs::remove_file(file);
        }
    }
    eprintln!(
        "uninterrupted run {full_run:?}; {landed}/{trials} kills landed mid-run with work left, {between_commits} after a commit"
    );
    assert!(
        landed * 2 >= trials,
        "only {landed} of {trials} kills landed while a run had work left (a run takes {full_run:?}); the test proved too little"
    );
}

#[test]
fn a_held_ledger_makes_a_writer_exit_6_and_write_nothing() {
    let l = Ledger::new();
    l.site("Office", "device");
    let before = l.snapshot();
    // The lock is held for the writer's whole life, so the outcome does not depend on timing.
    let conn = rusqlite::Connection::open(&l.db).unwrap();
    conn.execute_batch("BEGIN IMMEDIATE").unwrap();
    let started = std::time::Instant::now();
    let out = l
        .cmd()
        .env("CREDITCTL_BUSY_TIMEOUT_MS", "200")
        .args([
            "credits", "adjust", "--site", "Office", "--amount", "5", "--reason", "test", "--json",
        ])
        .output()
        .unwrap();
    let waited = started.elapsed();
    assert_eq!(
        out.status.code(),
        Some(6),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let err: serde_json::Value = serde_json::from_slice(&out.stderr).unwrap();
    assert_eq!(err["error"]["code"], "busy");
    // It gave up only after waiting the limit (a lower bound: never shortened by a slow machine).
    assert!(
        waited >= Duration::from_millis(200),
        "gave up after {waited:?}"
    );
    conn.execute_batch("ROLLBACK").unwrap();
    assert_eq!(before, l.snapshot());

    // A holder that lets go within the limit only delays the writer. The limit is far longer than
    // the hold, so a slow machine cannot turn this into exit 6.
    conn.execute_batch("BEGIN IMMEDIATE").unwrap();
    let writer = std::process::Command::new(bin())
        .args([
            "credits", "adjust", "--site", "Office", "--amount", "5", "--reason", "test", "--json",
        ])
        .env_clear()
        .env("CREDITCTL_DB", &l.db)
        .env("CREDITCTL_NOW", NOW)
        .env("CREDITCTL_ACTOR", "tester")
        .env("CREDITCTL_BUSY_TIMEOUT_MS", PATIENT_MS)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    std::thread::sleep(Duration::from_millis(300));
    conn.execute_batch("ROLLBACK").unwrap();
    drop(conn);
    let out = writer.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(l.credits("Office")["video"]["balance"], 5);
    l.verify();
}

/// `distributor add NAME` as the first write of a process to `db`, with a patient wait limit:
/// waiting is allowed (the SPEC's "safely when many start at once"), so only a real failure shows,
/// never a wait limit reached on a loaded machine. With `gate`, the process first waits for EOF on
/// its stdin, so that many can be released at the same moment.
fn first_writer(db: &Path, name: &str, gate: bool) -> Command {
    let mut c = if gate {
        let mut sh = Command::new("sh");
        sh.args(["-c", r#"read -r _; exec "$0" "$@""#]).arg(bin());
        sh.stdin(Stdio::piped());
        sh
    } else {
        let mut c = Command::new(bin());
        c.stdin(Stdio::null());
        c
    };
    c.args(["distributor", "add", name, "--json"])
        .env_clear()
        .env("CREDITCTL_DB", db)
        .env("CREDITCTL_NOW", NOW)
        .env("CREDITCTL_ACTOR", format!("first-{name}"))
        .env("CREDITCTL_BUSY_TIMEOUT_MS", PATIENT_MS)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    c
}

#[test]
fn sixty_four_processes_making_the_first_write_to_a_new_ledger_all_succeed() {
    let dir = tempfile::tempdir().unwrap();
    let n = 64;
    // The races are narrow, so each round is a new ledger. Even rounds start the processes as fast
    // as they spawn (the first few meet the creation of the file), odd rounds release all 64 at
    // once (many meet the first migration).
    for round in 0..8 {
        let gate = round % 2 == 1;
        let db = dir.path().join(format!("round-{round}")).join("ledger.db");
        std::fs::create_dir(db.parent().unwrap()).unwrap();
        assert!(!db.exists(), "the ledger does not exist before the race");
        let mut children: Vec<_> = (0..n)
            .map(|i| first_writer(&db, &format!("D{i}"), gate).spawn().unwrap())
            .collect();
        for child in &mut children {
            drop(child.stdin.take()); // EOF: go
        }
        let mut failures = Vec::new();
        for (i, child) in children.into_iter().enumerate() {
            let out = child.wait_with_output().unwrap();
            if !out.status.success() {
                failures.push(format!(
                    "D{i}: exit {:?}: {}",
                    out.status.code(),
                    String::from_utf8_lossy(&out.stderr).trim()
                ));
            }
        }
        assert!(
            failures.is_empty(),
            "round {round} ({}): {} of {n} first writers to a new ledger failed:\n{}",
            if gate {
                "released together"
            } else {
                "as spawned"
            },
            failures.len(),
            failures.join("\n")
        );
        let out = Command::new(bin())
            .args(["distributor", "list", "--json"])
            .env_clear()
            .env("CREDITCTL_DB", &db)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let list: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        let mut names: Vec<String> = list
            .as_array()
            .unwrap()
            .iter()
            .map(|d| d["name"].as_str().unwrap().to_string())
            .collect();
        names.sort();
        let mut expected: Vec<String> = (0..n).map(|i| format!("D{i}")).collect();
        expected.sort();
        assert_eq!(names, expected, "round {round}: every writer's row, once");
        verify_ok(&db);
    }
}
