//! A reader that stops early (`creditctl voucher list | head -1`) ends the output quietly: exit 0,
//! nothing on stderr, no panic. The outputs here are several times a pipe's capacity (64 KiB on
//! Linux), so the writer is still writing when the reader goes and really meets the closed pipe.

mod common;

use common::{Ledger, NOW};
use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

/// Several pipe capacities: the writer cannot finish before the reader closes.
const AT_LEAST: usize = 4 * 64 * 1024;

/// Runs `args` with stdout to a pipe whose reader takes the first line and closes it.
/// Returns (exit code, stderr, first line).
fn first_line_then_close(l: &Ledger, args: &[&str]) -> (Option<i32>, String, String) {
    let mut child = Command::new(assert_cmd::cargo::cargo_bin("creditctl"))
        .args(args)
        .env_clear()
        .envs(l.env_at(NOW))
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut first)
        .unwrap();
    // The reader is dropped here: the pipe's read end is closed.
    let out = child.wait_with_output().unwrap();
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
        first,
    )
}

#[test]
fn a_reader_that_closes_early_ends_a_long_output_quietly() {
    let l = Ledger::new();
    l.distributor();
    l.ok(&[
        "voucher",
        "create",
        "--distributor",
        "Acme",
        "--name",
        "Many",
        "--years",
        "1",
        "--subscriptions",
        "1",
        "--count",
        "5000",
        "--payment",
        "invoice",
        "--yes",
    ]);
    for args in [
        &["voucher", "list"][..],
        &["voucher", "list", "--json"],
        &["voucher", "export"],
        &["voucher", "export", "--format", "json"],
    ] {
        let whole = l.cmd().args(args).output().unwrap();
        assert!(whole.status.success(), "{args:?}");
        assert!(
            whole.stdout.len() >= AT_LEAST,
            "{args:?} prints only {} bytes: too little to meet a closed pipe",
            whole.stdout.len()
        );
        let (code, stderr, first) = first_line_then_close(&l, args);
        assert!(!first.is_empty(), "{args:?} printed nothing");
        assert!(
            !stderr.contains("panicked"),
            "{args:?} panicked on a closed pipe: {stderr}"
        );
        assert_eq!(
            (code, stderr.as_str()),
            (Some(0), ""),
            "{args:?} on a closed pipe: exit {code:?}, stderr {stderr:?}"
        );
    }
}
