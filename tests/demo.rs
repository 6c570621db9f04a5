//! `creditctl demo` walks the whole path on a temporary ledger and leaves nothing behind, or on
//! the new ledger `--db` names, which it keeps.

mod common;
use common::Ledger;
use std::io::BufRead;

#[test]
fn demo_runs_the_whole_path() {
    let home = tempfile::tempdir().unwrap();
    let out = assert_cmd::Command::cargo_bin("creditctl")
        .unwrap()
        .env_clear()
        .env("HOME", home.path())
        .env("CREDITCTL_NOW", "2026-11-05T10:00:00Z")
        .arg("demo")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    for expected in [
        "halted",
        "Bought voucher",
        "Units activated",
        "Sites charged",
        "verified: hash chain intact",
    ] {
        assert!(
            text.contains(expected),
            "demo output lacks {expected:?}:\n{text}"
        );
    }
    // The second deduction of the same month charges nothing.
    let runs: Vec<&str> = text.split("deduct run --period 2026-12").skip(1).collect();
    assert_eq!(runs.len(), 2);
    assert!(runs[1].contains("Units charged\t0\n"), "{}", runs[1]);
    // Money as money.
    assert!(text.contains("worth 48.00 EUR (order 1)"), "{text}");
    assert!(!text.contains("cents"), "{text}");
    // One clock for the whole next month: after its deduction, the balance is for December.
    let last_show = text
        .rsplit("credits show --site 'Harbour Office'")
        .next()
        .unwrap();
    assert!(last_show.contains("Paid 2026-12"), "{last_show}");
    assert!(!last_show.contains("Paid 2026-11"), "{last_show}");
    assert!(last_show.contains("2026-12-01T00:05:00Z"), "{last_show}");
    // It wrote nothing in the user's data directory.
    assert_eq!(std::fs::read_dir(home.path()).unwrap().count(), 0);
}

#[test]
fn demo_with_db_fills_a_new_ledger_keeps_it_and_refuses_one_with_data() {
    let l = Ledger::new();
    let demo = || {
        l.cmd()
            .env_remove("CREDITCTL_DB")
            .arg("--db")
            .arg(l.location())
            .arg("demo")
            .output()
            .unwrap()
    };
    let out = demo();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    // It says where the ledger is, in a sentence that reads (a URL is never printed).
    let place = if l.is_postgres() {
        "in the PostgreSQL database of --db".to_string()
    } else {
        format!(
            "at {}",
            creditctl::domain::text::escape(&l.location().to_string_lossy())
        )
    };
    assert!(
        text.contains(&format!("Done. The ledger {place} is kept;")),
        "{text}"
    );
    // The ledger is there, with the demo's site, and verifies.
    let site = l.json(&["site", "show", "Harbour Office"]);
    assert_eq!(site["video"]["units"], 3, "{site}");
    l.verify();
    // A second demo on it is refused and writes nothing.
    let before = l.snapshot();
    let out = demo();
    assert_eq!(out.status.code(), Some(4));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("holds data already"), "{err}");
    assert_eq!(err.trim().lines().count(), 1, "{err}");
    assert!(out.stdout.is_empty());
    assert_eq!(before, l.snapshot());
}

#[test]
fn demo_ends_quietly_when_the_reader_goes() {
    let home = tempfile::tempdir().unwrap();
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("creditctl"))
        .env_clear()
        .env("HOME", home.path())
        .env("CREDITCTL_NOW", "2026-11-05T10:00:00Z")
        .arg("demo")
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = String::new();
    std::io::BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut first)
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(first.starts_with("creditctl demo"), "{first}");
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}
