//! `creditctl demo` walks the whole path on a temporary ledger and leaves nothing behind.

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
    assert!(runs[1].contains("Units charged    ┆ 0"), "{}", runs[1]);
    // It wrote nothing in the user's data directory.
    assert_eq!(std::fs::read_dir(home.path()).unwrap().count(), 0);
}
