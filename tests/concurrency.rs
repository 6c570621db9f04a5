//! Real processes racing for the same ledger, a deduction killed at random moments, and many
//! processes making the first write to a new ledger. Every test runs on the suite's engine (see
//! `common`): the same guarantees on SQLite and on PostgreSQL.

mod common;

use common::{Ledger, NOW};
use creditctl::domain::period::Period;
use creditctl::domain::serial::Serial;
use creditctl::domain::site::Model;
use creditctl::store::ledger::{LedgerWriter, Pool};
use creditctl::store::postgres::LEDGER_LOCK;
use creditctl::store::{Stamp, accounts, credits, units};
use rand::RngExt;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn bin() -> std::path::PathBuf {
    assert_cmd::cargo::cargo_bin("creditctl")
}

/// The binary on `l`'s ledger with a cleared environment: the ledger, the clock, the actor and
/// a patient wait limit; output captured.
fn creditctl(l: &Ledger, now: &str, actor: &str) -> Command {
    let mut c = Command::new(bin());
    c.env_clear()
        .env("CREDITCTL_DB", l.location())
        .env("CREDITCTL_NOW", now)
        .env("CREDITCTL_BUSY_TIMEOUT_MS", PATIENT_MS)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    // On PostgreSQL the database user acts; naming another is refused there.
    if !l.is_postgres() {
        c.env("CREDITCTL_ACTOR", actor);
    }
    c
}

/// A wait limit (ms) far longer than any of these races needs, even on a loaded machine: a
/// process that gives up with exit 6 would hide the outcome a test is about.
const PATIENT_MS: &str = "120000";

/// Taken by the tests that start dozens of processes at once, so that two such crowds never
/// overlap: on PostgreSQL each process is a connection, and two crowds together with the other
/// tests could come near the server's default `max_connections` (100).
static CROWD: std::sync::Mutex<()> = std::sync::Mutex::new(());

fn crowd() -> std::sync::MutexGuard<'static, ()> {
    CROWD
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

#[test]
fn sixteen_processes_redeem_one_code_exactly_one_wins() {
    let _crowd = crowd();
    let l = Ledger::new();
    l.distributor();
    l.site("Office", "device");
    let code = l.voucher(&["--years", "1", "--subscriptions", "1"]);
    let children: Vec<_> = (0..16)
        .map(|_| {
            creditctl(&l, NOW, "racer")
                .args([
                    "voucher", "redeem", &code, "--site", "Office", "--yes", "--json",
                ])
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

/// Sixteen processes retrying one purchase at once under one reference (as a script would after
/// a lost answer): one buys, every other is answered with that purchase, and the site is paid
/// once, however the processes interleave (each looks the reference up under the writers' lock,
/// in the transaction that would buy).
#[test]
fn sixteen_retries_of_one_purchase_at_once_buy_it_once() {
    let _crowd = crowd();
    let l = Ledger::new();
    l.site("Office", "device");
    let children: Vec<_> = (0..16)
        .map(|_| {
            creditctl(&l, NOW, "racer")
                .args([
                    "credits",
                    "buy",
                    "--site",
                    "Office",
                    "--credits",
                    "24",
                    "--payment",
                    "card",
                    "--reference",
                    "po-race",
                    "--json",
                ])
                .spawn()
                .unwrap()
        })
        .collect();
    let mut answers = Vec::new();
    for child in children {
        let out = child.wait_with_output().unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        answers.push((v["replayed"].as_bool().unwrap(), v["payment_id"].clone()));
    }
    assert_eq!(
        answers.iter().filter(|(replayed, _)| !replayed).count(),
        1,
        "{answers:?}"
    );
    assert!(
        answers.iter().all(|(_, p)| *p == answers[0].1),
        "{answers:?}"
    );
    assert_eq!(l.credits("Office")["video"]["balance"], 24);
    assert_eq!(l.number("SELECT count(*) FROM payment"), 1);
    verify_ok(&l);
}

/// Twenty guesses at once on one site, each a well-formed code that no voucher has: ten are
/// looked at and recorded, and the rest refused as too many, however the processes interleave
/// (each attempt is checked and recorded under the writers' lock, in one transaction).
#[test]
fn twenty_guesses_at_once_on_one_site_are_ten_failures_then_refusals() {
    let _crowd = crowd();
    let elsewhere = Ledger::sqlite();
    elsewhere.distributor();
    let guesses = elsewhere.vouchers(&["--years", "1", "--subscriptions", "1", "--count", "20"]);
    let l = Ledger::new();
    l.site("Office", "device");
    let children: Vec<_> = guesses
        .iter()
        .enumerate()
        .map(|(i, code)| {
            creditctl(&l, NOW, &format!("guesser{i}"))
                .args([
                    "voucher", "redeem", code, "--site", "Office", "--yes", "--json",
                ])
                .spawn()
                .unwrap()
        })
        .collect();
    let mut outcomes = Vec::new();
    for child in children {
        let out = child.wait_with_output().unwrap();
        let err: serde_json::Value = serde_json::from_slice(&out.stderr).unwrap();
        outcomes.push((
            out.status.code(),
            err["error"]["code"].as_str().unwrap().to_string(),
        ));
    }
    outcomes.sort();
    let expected: Vec<_> = (0..20)
        .map(|i| match i {
            0..10 => (Some(3), "not_found".to_string()),
            _ => (Some(4), "too_many_attempts".to_string()),
        })
        .collect();
    assert_eq!(outcomes, expected);
    assert_eq!(l.number("SELECT count(*) FROM redeem_attempt"), 10);
}

const SETUP_NOW: &str = "2026-11-05T10:00:00Z";
const RUN_NOW: &str = "2026-12-01T00:05:00Z";

/// `sites` device sites, every `stride`-th with `devices` devices and funded with `credits_each`
/// video credits in November (which pays November at once), the others empty (a run reads them
/// and charges nothing); built through the library for speed, on `l`'s engine. Returns how many
/// sites have devices.
fn build(l: &Ledger, sites: usize, stride: usize, devices: usize, credits_each: i64) -> i64 {
    let mut store = l.store();
    let stamp = Stamp {
        actor: "setup".into(),
        now: SETUP_NOW.parse().unwrap(),
    };
    let period = Period::containing(stamp.now);
    store
        .write(|tx| {
            for s in 0..sites {
                let site = accounts::create_site(tx, &format!("Site {s}"), Model::Device, &stamp)?;
                if s % stride != 0 {
                    continue;
                }
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
    sites.div_ceil(stride) as i64
}

/// (video credits in all sites, unit charges for December, duplicate charges for December).
fn totals(l: &Ledger) -> (i64, i64, i64) {
    (
        l.number("SELECT CAST(coalesce(sum(video_balance), 0) AS BIGINT) FROM site"),
        l.number("SELECT count(*) FROM charge WHERE period = 202612"),
        l.number(
            "SELECT count(*) FROM (SELECT unit_id FROM charge WHERE period = 202612 GROUP BY unit_id HAVING count(*) > 1) AS d",
        ),
    )
}

fn deduct(l: &Ledger) -> Command {
    let mut c = creditctl(l, RUN_NOW, "cron");
    c.args(["deduct", "run", "--json"]);
    c
}

fn verify_ok(l: &Ledger) {
    let out = creditctl(l, RUN_NOW, "auditor")
        .args(["ledger", "verify", "--json"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "ledger verify failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Waits until no other session is connected to `l` (on PostgreSQL): a killed client's server
/// process ends a moment after the client, and until it has, it may still commit what the
/// client had sent or hold its locks. Once it is gone, what it did is final. A killed SQLite
/// process is gone once it is reaped.
fn until_alone(l: &Ledger) {
    if !l.is_postgres() {
        return;
    }
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        let others = l.number(
            "SELECT count(*) FROM pg_stat_activity
             WHERE datname = current_database() AND pid <> pg_backend_pid()
               AND backend_type = 'client backend'",
        );
        if others == 0 {
            return;
        }
        assert!(
            Instant::now() < deadline,
            "{others} sessions still connected to the ledger a minute after its clients ended"
        );
        std::thread::sleep(Duration::from_millis(10));
    }
}

#[test]
fn parallel_deduct_runs_charge_each_unit_once() {
    let l = Ledger::new();
    let (sites, devices) = (600, 3);
    build(&l, sites, 1, devices, 10);
    let (before, _, _) = totals(&l);
    let runs: Vec<_> = (0..4).map(|_| deduct(&l).spawn().unwrap()).collect();
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
    let (after, charges, dups) = totals(&l);
    let units = (sites * devices) as i64;
    assert_eq!((charges, dups), (units, 0));
    assert_eq!(
        charged, units,
        "the runs together charged each unit exactly once"
    );
    assert_eq!(before - after, units);
    verify_ok(&l);
}

/// Checks that the template ledger is in no one's use before it is copied. A SQLite file is
/// checkpointed too, so that the file alone holds the ledger and no WAL content is left; on
/// PostgreSQL a database made from a template with sessions on it is refused anyway.
fn settle(l: &Ledger) {
    if l.is_postgres() {
        until_alone(l);
        return;
    }
    let conn = rusqlite::Connection::open(&l.db).unwrap();
    let (busy, _, _): (i64, i64, i64) = conn
        .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })
        .unwrap();
    assert_eq!(busy, 0, "the template ledger is still in use");
    drop(conn);
    let mut wal = l.db.as_os_str().to_owned();
    wal.push("-wal");
    let wal = Path::new(&wal);
    assert!(
        !wal.exists() || std::fs::metadata(wal).unwrap().len() == 0,
        "the template ledger's WAL was not checkpointed"
    );
}

#[test]
fn deduct_killed_at_random_moments_never_double_charges_and_a_rerun_finishes() {
    use std::os::unix::process::ExitStatusExt;

    let template = Ledger::new();
    // Short sites (1 credit for 2 devices after November) make waiting units and halts too.
    // Large enough that a December run takes hundreds of milliseconds in a debug build, and
    // spans two DEDUCT_CHUNK transactions (of 5,000 sites), so a kill can land between
    // commits. On PostgreSQL every statement is a round trip through a debug-built client
    // (some 0.2 ms, where SQLite takes microseconds): the same chunks are filled with sites of
    // which every sixteenth has devices, so that building and running stay within seconds.
    let stride = if template.is_postgres() { 16 } else { 1 };
    let funded = build(&template, 8_000, stride, 2, 3);
    let (initial, charges, _) = totals(&template);
    assert_eq!(charges, 0, "the template has no December charges");
    settle(&template);

    // Uninterrupted runs on fresh copies: what every trial must end with, and how long a run
    // takes here (the kill window is a fraction of the quicker one, so the test adapts to the
    // machine and a slow calibration under load does not push kills past the end of a run).
    let mut full_run = Duration::MAX;
    for _ in 0..2 {
        let calibration = template.duplicate();
        let started = Instant::now();
        let out = deduct(&calibration).output().unwrap();
        full_run = full_run.min(started.elapsed());
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let (balance, charges, dups) = totals(&calibration);
        // Each funded site had 1 credit left after November: exactly one of its two units is paid.
        assert_eq!((charges, dups), (funded, 0));
        assert_eq!(initial - balance, charges);
        let again = deduct(&calibration).output().unwrap();
        let s: serde_json::Value = serde_json::from_slice(&again.stdout).unwrap();
        assert_eq!(s["units_charged"], 0);
        assert_eq!(s["units_waiting"], funded);
    }

    // Kill between 10 % and 50 % of an uninterrupted run: past start-up, with work left.
    let mut window = (full_run.as_micros() / 10) as u64..(full_run.as_micros() / 2) as u64;
    let mut rng = rand::rng();
    // Every trial counted is a kill that landed while a run had work left; an attempt whose kill
    // came too late is checked all the same, but not counted, and another is made.
    let trials = 10;
    let attempts_allowed = 3 * trials;
    let (mut attempts, mut landed, mut between_commits) = (0, 0, 0);
    while landed < trials && attempts < attempts_allowed {
        let attempt = attempts;
        attempts += 1;
        // Every attempt starts from the same uncharged ledger, so each kill has real work to cut.
        let l = template.duplicate();
        let delay = Duration::from_micros(rng.random_range(window.clone()));
        let mut run = deduct(&l).spawn().unwrap();
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
        // What the killed run did is final once its server session is gone too.
        until_alone(&l);

        let (balance, charged_before_kill, dups) = totals(&l);
        assert_eq!(dups, 0, "attempt {attempt}: a unit was charged twice");
        assert_eq!(
            initial - balance,
            charged_before_kill,
            "attempt {attempt}: credits deducted differ from unit charges"
        );
        verify_ok(&l);
        if killed && charged_before_kill < funded {
            landed += 1;
            if charged_before_kill > 0 {
                between_commits += 1;
            }
        }

        // A rerun charges exactly what the killed run left, and every payable unit once.
        let out = deduct(&l).output().unwrap();
        assert!(
            out.status.success(),
            "attempt {attempt}: rerun failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let s: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(
            s["units_charged"],
            funded - charged_before_kill,
            "attempt {attempt}: the rerun did not charge exactly what was left"
        );
        assert_eq!(s["units_waiting"], funded);
        let (balance, charges, dups) = totals(&l);
        assert_eq!((charges, dups), (funded, 0), "attempt {attempt}");
        assert_eq!(initial - balance, charges, "attempt {attempt}");
        verify_ok(&l);
    }
    eprintln!(
        "uninterrupted run {full_run:?}; {landed} of {attempts} kills landed mid-run with work left, {between_commits} after a commit"
    );
    assert_eq!(
        landed, trials,
        "only {landed} of {attempts} kills landed while a run had work left (a run takes {full_run:?}); the test proved too little"
    );
}

/// Another session holding the ledger's writers' lock in an open transaction: on SQLite a write
/// transaction (BEGIN IMMEDIATE), on PostgreSQL the advisory lock every writer takes first.
enum Holder {
    Sqlite(rusqlite::Connection),
    Postgres(postgres::Client),
}

impl Holder {
    fn new(l: &Ledger) -> Holder {
        if l.is_postgres() {
            Holder::Postgres(postgres::Client::connect(&l.location_str(), postgres::NoTls).unwrap())
        } else {
            Holder::Sqlite(rusqlite::Connection::open(&l.db).unwrap())
        }
    }

    fn hold(&mut self) {
        match self {
            Holder::Sqlite(c) => c.execute_batch("BEGIN IMMEDIATE").unwrap(),
            Holder::Postgres(c) => c
                .batch_execute(&format!(
                    "BEGIN; SELECT pg_advisory_xact_lock({LEDGER_LOCK})"
                ))
                .unwrap(),
        }
    }

    fn release(&mut self) {
        match self {
            Holder::Sqlite(c) => c.execute_batch("ROLLBACK").unwrap(),
            Holder::Postgres(c) => c.batch_execute("ROLLBACK").unwrap(),
        }
    }

    /// Returns once a writer has met the held lock. On PostgreSQL that is seen: a session waits
    /// for the lock. SQLite's writers wait in a loop of their own, invisible from outside: there,
    /// after a pause long enough for a writer to start (one that has not started by then meets
    /// no lock at all, and the outcome is the same).
    fn until_a_writer_waits(&mut self) {
        match self {
            Holder::Sqlite(_) => std::thread::sleep(Duration::from_millis(300)),
            Holder::Postgres(c) => {
                let deadline = Instant::now() + Duration::from_secs(60);
                loop {
                    let waiting: i64 = c
                        .query_one(
                            "SELECT count(*) FROM pg_locks
                             WHERE locktype = 'advisory' AND NOT granted
                               AND database = (SELECT oid FROM pg_database WHERE datname = current_database())",
                            &[],
                        )
                        .unwrap()
                        .get(0);
                    if waiting > 0 {
                        return;
                    }
                    assert!(
                        Instant::now() < deadline,
                        "no writer was seen waiting for the held lock within a minute"
                    );
                    std::thread::sleep(Duration::from_millis(10));
                }
            }
        }
    }
}

/// A rerun of a finished month writes nothing and takes no writers' lock: it finishes while
/// another session holds the ledger (a run that had something to write would exit 6 here).
#[test]
fn a_rerun_of_a_finished_month_does_not_wait_for_a_held_ledger() {
    let l = Ledger::new();
    l.site("Office", "device");
    l.ok(&[
        "device",
        "add",
        "--site",
        "Office",
        "--serial",
        "54-0000-0001",
    ]);
    l.ok(&[
        "credits", "adjust", "--site", "Office", "--amount", "5", "--reason", "test",
    ]);
    let run = |l: &Ledger| {
        l.cmd()
            .env("CREDITCTL_BUSY_TIMEOUT_MS", "200")
            .args(["deduct", "run", "--json"])
            .output()
            .unwrap()
    };
    let first = run(&l);
    assert!(
        first.status.success(),
        "{}",
        String::from_utf8_lossy(&first.stderr)
    );
    let before = l.snapshot();
    let mut holder = Holder::new(&l);
    holder.hold();
    let again = run(&l);
    holder.release();
    assert!(
        again.status.success(),
        "the rerun waited for the held ledger: {}",
        String::from_utf8_lossy(&again.stderr)
    );
    let summary: serde_json::Value = serde_json::from_slice(&again.stdout).unwrap();
    assert_eq!(summary["units_charged"], 0, "{summary}");
    assert_eq!(before, l.snapshot());
}

#[test]
fn a_held_ledger_makes_a_writer_exit_6_and_write_nothing() {
    let l = Ledger::new();
    l.site("Office", "device");
    let before = l.snapshot();
    // The lock is held for the writer's whole life, so the outcome does not depend on timing.
    let mut holder = Holder::new(&l);
    holder.hold();
    let started = Instant::now();
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
    holder.release();
    assert_eq!(before, l.snapshot());

    // A holder that lets go within the limit only delays the writer. The limit is far longer than
    // the hold, so a slow machine cannot turn this into exit 6.
    holder.hold();
    let writer = creditctl(&l, NOW, "tester")
        .args([
            "credits", "adjust", "--site", "Office", "--amount", "5", "--reason", "test", "--json",
        ])
        .spawn()
        .unwrap();
    holder.until_a_writer_waits();
    holder.release();
    drop(holder);
    let out = writer.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(l.credits("Office")["video"]["balance"], 5);
    l.verify();
}

/// `distributor add NAME` as the first write of a process to `l`, with a patient wait limit:
/// waiting is allowed (the SPEC's "safely when many start at once"), so only a real failure shows,
/// never a wait limit reached on a loaded machine. With `gate`, the process first waits for EOF on
/// its stdin, so that many can be released at the same moment.
fn first_writer(l: &Ledger, name: &str, gate: bool) -> Command {
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
        .env("CREDITCTL_DB", l.location())
        .env("CREDITCTL_NOW", NOW)
        .env("CREDITCTL_BUSY_TIMEOUT_MS", PATIENT_MS)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    if !l.is_postgres() {
        c.env("CREDITCTL_ACTOR", format!("first-{name}"));
    }
    c
}

#[test]
fn sixty_four_processes_making_the_first_write_to_a_new_ledger_all_succeed() {
    let _crowd = crowd();
    let n = 64;
    let prices = (creditctl::domain::pricing::DEFAULT_PRICES.len()
        + creditctl::domain::license::CATALOG.len()) as i64;
    // The races are narrow, so each round is a new ledger (a missing file, an empty database).
    // Even rounds start the processes as fast as they spawn (the first few meet the creation of
    // the ledger), odd rounds release all 64 at once (many meet the first migration).
    for round in 0..8 {
        let gate = round % 2 == 1;
        let l = Ledger::new();
        assert!(!l.exists(), "the ledger does not exist before the race");
        let mut children: Vec<_> = (0..n)
            .map(|i| first_writer(&l, &format!("D{i}"), gate).spawn().unwrap())
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
        let list = l.json(&["distributor", "list"]);
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
        // Ids 1..=n: every writer saw the one before it.
        assert_eq!(l.number("SELECT max(id) FROM distributor"), n as i64);
        // The ledger was created once: its first rows (the prices, and the prices in the chain)
        // are there once, and the chain holds nothing else.
        assert_eq!(
            l.number("SELECT count(*) FROM price"),
            prices,
            "round {round}"
        );
        assert_eq!(
            l.number("SELECT count(*) FROM ledger WHERE kind = 'price'"),
            prices,
            "round {round}"
        );
        assert_eq!(
            l.number("SELECT count(*) FROM ledger"),
            prices,
            "round {round}"
        );
        verify_ok(&l);
    }
}
