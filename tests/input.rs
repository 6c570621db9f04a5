//! Input hardening on the real binary: arguments and variables that are not UTF-8, clocks out of
//! range, control characters and over-long free text. Every refusal is exit 2 and one line (one
//! JSON object with `--json`), and writes nothing; stored text is drawn escaped.

mod common;

use common::Ledger;
use serde_json::Value;
use std::ffi::OsString;
use std::os::unix::ffi::OsStringExt;
use std::process::Output;

fn os(bytes: &[u8]) -> OsString {
    OsString::from_vec(bytes.to_vec())
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// A refusal as people see it: exit 2, nothing on stdout, one line on stderr starting `error: `,
/// and no control character in it.
fn one_line_refusal(out: &Output) -> String {
    let err = text(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "stderr: {err}");
    assert!(out.stdout.is_empty(), "stdout: {}", text(&out.stdout));
    assert!(
        err.starts_with("error: ") && err.ends_with('\n') && err.lines().count() == 1,
        "not one line: {err:?}"
    );
    assert!(
        !err.trim_end().chars().any(char::is_control),
        "control character in {err:?}"
    );
    err
}

/// The same with `--json`: one JSON error object on one line; returns its `error`.
fn one_json_refusal(out: &Output) -> Value {
    let err = text(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "stderr: {err}");
    assert!(out.stdout.is_empty(), "stdout: {}", text(&out.stdout));
    assert_eq!(err.lines().count(), 1, "not one line: {err:?}");
    let v: Value = serde_json::from_str(&err).unwrap_or_else(|e| panic!("{e}: {err}"));
    let message = v["error"]["message"].as_str().expect("message");
    assert!(!message.chars().any(char::is_control), "{message:?}");
    v["error"].clone()
}

fn run(l: &Ledger, args: &[OsString]) -> Output {
    l.cmd().args(args).output().expect("run")
}

fn run_json(l: &Ledger, args: &[OsString]) -> Output {
    l.cmd().args(args).arg("--json").output().expect("run")
}

fn args(parts: &[&[u8]]) -> Vec<OsString> {
    parts.iter().map(|p| os(p)).collect()
}

/// A ledger with a distributor "Acme" (activated) and a device site "Office" (ID 1).
fn ledger() -> Ledger {
    let l = Ledger::new();
    l.distributor();
    l.site("Office", "device");
    l
}

#[test]
fn an_argument_that_is_not_utf8_is_refused_naming_it() {
    let l = ledger();
    let before = l.snapshot();
    let cases: &[(&[&[u8]], &str)] = &[
        (&[b"site", b"show", b"\xff"], "'<SITE>'"),
        (
            &[b"device", b"add", b"--site", b"1", b"--serial", b"54-\xff"],
            "'--serial <SERIAL>'",
        ),
        (
            &[b"voucher", b"list", b"--order", b"\xfe1"],
            "'--order <ORDER>'",
        ),
        (
            &[
                b"--as",
                b"al\xffce",
                b"site",
                b"create",
                b"X",
                b"--model",
                b"device",
            ],
            "'--as <NAME>'",
        ),
        (
            &[
                b"credits",
                b"adjust",
                b"--site",
                b"1",
                b"--amount",
                b"1",
                b"--reason",
                b"\xc3(",
            ],
            "'--reason <REASON>'",
        ),
    ];
    for (parts, named) in cases {
        let a = args(parts);
        let human = one_line_refusal(&run(&l, &a));
        assert!(human.contains("not valid UTF-8"), "{human}");
        assert!(human.contains(named), "{named} not in {human}");
        assert!(human.contains("\\x"), "the bad byte is shown: {human}");
        let json = one_json_refusal(&run_json(&l, &a));
        assert_eq!(json["code"], "invalid_utf8", "{json}");
        assert!(json["message"].as_str().unwrap().contains(named), "{json}");
    }
    // A value enum names its argument too (clap's invalid-value refusal).
    let a = args(&[b"site", b"create", b"X", b"--model", b"dev\xffice"]);
    let json = one_json_refusal(&run_json(&l, &a));
    assert!(
        json["message"].as_str().unwrap().contains("--model"),
        "{json}"
    );
    assert_eq!(before, l.snapshot());
}

#[test]
fn a_path_that_is_not_utf8_is_a_path() {
    let l = Ledger::new();
    let db = l.dir.path().join(os(b"\xff.db"));
    let with_db = |extra: &[&str]| {
        let mut c = l.cmd();
        c.env_remove("CREDITCTL_DB")
            .arg("--db")
            .arg(&db)
            .args(extra);
        c.output().expect("run")
    };
    let out = with_db(&["site", "create", "Office", "--model", "device", "--json"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(db.exists(), "the ledger is at the non-UTF-8 path");
    let out = with_db(&["site", "list", "--json"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let sites: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(sites[0]["site"]["name"], "Office");

    // $CREDITCTL_DB likewise.
    let other = l.dir.path().join(os(b"caf\xe9.db"));
    let out = l
        .cmd()
        .env("CREDITCTL_DB", &other)
        .args(["distributor", "add", "Acme", "--json"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(other.exists());
    let out = l
        .cmd()
        .env("CREDITCTL_DB", &other)
        .args(["distributor", "list", "--json"])
        .output()
        .unwrap();
    let all: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(all[0]["name"], "Acme");

    // An import file with such a name is read; a missing one is named, escaped, on one line.
    let csv = l.dir.path().join(os(b"dev\xfeices.csv"));
    std::fs::write(&csv, "54-0123-4567\n").unwrap();
    let out = with_db(&["device", "import", "--site", "Office", "--json"]);
    assert_eq!(out.status.code(), Some(2), "FILE is required");
    let mut c = l.cmd();
    c.env_remove("CREDITCTL_DB")
        .arg("--db")
        .arg(&db)
        .args(["device", "import", "--site", "Office", "--json"])
        .arg(&csv);
    let out = c.output().unwrap();
    assert!(out.status.success(), "{}", text(&out.stderr));
    let missing = l.dir.path().join(os(b"no\xfe\n.csv"));
    let mut c = l.cmd();
    c.env_remove("CREDITCTL_DB")
        .arg("--db")
        .arg(&db)
        .args(["device", "import", "--site", "Office"])
        .arg(&missing);
    let out = c.output().unwrap();
    assert_eq!(out.status.code(), Some(3));
    let err = text(&out.stderr);
    assert_eq!(err.lines().count(), 1, "{err:?}");
}

#[test]
fn variables_that_are_not_utf8_are_refused_naming_them() {
    let l = ledger();
    let before = l.snapshot();
    for (var, hint) in [
        ("CREDITCTL_NOW", "2026-11-01T00:05:00Z"),
        ("CREDITCTL_ACTOR", "unset it"),
        ("CREDITCTL_BUSY_TIMEOUT_MS", "milliseconds"),
    ] {
        for json in [false, true] {
            let mut c = l.cmd();
            c.env(var, os(b"\xff2026"))
                .args(["site", "create", "Second", "--model", "device"]);
            if json {
                c.arg("--json");
            }
            let out = c.output().unwrap();
            let message = if json {
                let e = one_json_refusal(&out);
                assert_eq!(e["code"], "invalid_utf8");
                e["message"].as_str().unwrap().to_string()
            } else {
                one_line_refusal(&out)
            };
            assert!(
                message.contains(&format!("${var} is not valid UTF-8")),
                "{message}"
            );
            assert!(
                message.contains("\\xFF") && message.contains(hint),
                "{message}"
            );
        }
    }
    // The login user, when no actor is given: refused, never a panic. On PostgreSQL the
    // server names who acts, and the login user is not read.
    for var in ["USER", "LOGNAME"] {
        if l.is_postgres() {
            let listed = l
                .cmd()
                .env_remove("CREDITCTL_ACTOR")
                .env(var, os(b"r\xf6ot"))
                .args(["site", "list"])
                .assert()
                .success();
            assert!(text(&listed.get_output().stdout).contains("Office"));
            continue;
        }
        let out = l
            .cmd()
            .env_remove("CREDITCTL_ACTOR")
            .env(var, os(b"r\xf6ot"))
            .args(["site", "create", "Second", "--model", "device"])
            .output()
            .unwrap();
        let err = one_line_refusal(&out);
        assert!(err.contains(&format!("${var} is not valid UTF-8")), "{err}");
        assert!(err.contains("--as NAME"), "{err}");
    }
    // A busy timeout too large for SQLite is refused rather than a panic.
    let out = l
        .cmd()
        .env("CREDITCTL_BUSY_TIMEOUT_MS", "99999999999999")
        .args(["site", "list"])
        .output()
        .unwrap();
    assert!(one_line_refusal(&out).contains("3600000"));
    assert_eq!(before, l.snapshot());
}

/// libpq's variables fill in what a postgres:// URL leaves out; one that is not text is refused
/// before any connection, never skipped (a garbled PGDATABASE would send the write elsewhere, a
/// garbled PGSSLMODE would drop TLS). Port 1: nothing answers there, so a skipped variable would
/// show as `cannot_connect` instead.
#[test]
fn libpq_variables_that_are_not_utf8_are_refused_before_connecting() {
    for var in ["PGDATABASE", "PGHOST", "PGSSLMODE", "PGUSER", "PGPASSWORD"] {
        let out = assert_cmd::Command::cargo_bin("creditctl")
            .unwrap()
            .env_clear()
            .env("CREDITCTL_NOW", "2026-11-05T10:00:00Z")
            .env(var, os(b"ledger\xff"))
            .args([
                "--db",
                "postgres://127.0.0.1:1",
                "site",
                "create",
                "Office",
                "--model",
                "device",
                "--json",
            ])
            .output()
            .unwrap();
        let e = one_json_refusal(&out);
        assert_eq!(out.status.code(), Some(2), "{var}: {e}");
        assert_eq!(e["code"], "invalid_utf8", "{var}: {e}");
        let message = e["message"].as_str().unwrap();
        assert!(
            message.contains(&format!("${var} is not valid UTF-8")) && message.contains("\\xFF"),
            "{message}"
        );
    }
}

#[test]
fn a_clock_outside_2000_to_2200_is_refused() {
    let l = ledger();
    for now in [
        "1999-12-31T23:59:59Z",
        "2201-01-01T00:00:00Z",
        "1970-01-01T00:00:00Z",
        "2000-01-01T00:30:00+01:00",
    ] {
        let out = l
            .cmd_at(now)
            .args(["site", "create", "Second", "--model", "device"])
            .output()
            .unwrap();
        let err = one_line_refusal(&out);
        assert!(
            err.contains("$CREDITCTL_NOW") && err.contains("2000 to 2200"),
            "{err}"
        );
        let out = l
            .cmd_at(now)
            .args(["site", "list", "--json"])
            .output()
            .unwrap();
        one_json_refusal(&out);
    }
    for now in ["2000-01-01T00:00:00Z", "2200-12-31T23:59:59Z"] {
        l.json_at(now, &["site", "list"]);
    }
    assert_eq!(l.json(&["site", "list"]).as_array().unwrap().len(), 1);
}

#[test]
fn a_newline_in_a_serial_is_echoed_escaped_on_one_line() {
    let l = ledger();
    let a = args(&[b"device", b"add", b"--site", b"1", b"--serial", b"54\n0123"]);
    let err = one_line_refusal(&run(&l, &a));
    assert!(err.contains("'54\\n0123' is not a serial number"), "{err}");
    let e = one_json_refusal(&run_json(&l, &a));
    assert_eq!(e["code"], "invalid_serial");
    assert!(
        e["message"]
            .as_str()
            .unwrap()
            .starts_with("'54\\n0123' is not")
    );
    // An unknown site named with an escape sequence: not found, one line, escaped.
    let out = l
        .cmd()
        .args(["site", "show", "Nope\u{1b}[2J\r\nagain"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3));
    let err = text(&out.stderr);
    assert_eq!(err.lines().count(), 1, "{err:?}");
    assert!(err.contains("Nope\\u{1b}[2J\\r\\nagain"), "{err}");
}

#[test]
fn clap_refusals_escape_what_they_echo() {
    let l = ledger();
    for (a, code) in [
        (
            vec!["site", "create", "X", "--model", "dev\u{1b}[31m\nice"],
            "invalid_value",
        ),
        (
            vec!["site", "list", "--bo\u{1b}[2Jgus\n"],
            "unknown_argument",
        ),
        (vec!["voucher", "list", "--order", "1\n2"], "invalid_value"),
        (vec!["\u{1b}]0;title\u{7}"], "unknown_command"),
    ] {
        let out = l.cmd().args(&a).output().unwrap();
        assert_eq!(out.status.code(), Some(2));
        let err = text(&out.stderr);
        // clap's usage refusals are one line too, with no control character.
        assert!(err.starts_with("error: "), "{err}");
        assert_eq!(err.lines().count(), 1, "{a:?}: {err:?}");
        assert!(err.trim_end().ends_with("see --help"), "{err}");
        assert!(
            !err.chars().any(|c| c.is_control() && c != '\n'),
            "{a:?}: {err:?}"
        );
        let first = err.lines().next().unwrap();
        assert!(
            first.contains("\\u{1b}") || first.contains("\\n"),
            "{first}"
        );
        let e = one_json_refusal(&l.cmd().args(&a).arg("--json").output().unwrap());
        assert_eq!(e["code"], code, "{e}");
        assert!(
            e["message"].as_str().unwrap().ends_with("; see --help"),
            "{e}"
        );
    }
}

/// Every free-text argument: control characters refused, the limit enforced, nothing written.
#[test]
fn free_text_refuses_control_characters_and_over_long_values() {
    let l = ledger();
    l.site("Flats", "apartment");
    type Make = fn(&str) -> Vec<String>;
    let cases: &[(&str, usize, Make)] = &[
        ("the distributor NAME", 200, |v| {
            vec!["distributor".into(), "add".into(), v.into()]
        }),
        ("the site NAME", 200, |v| {
            vec![
                "site".into(),
                "create".into(),
                v.into(),
                "--model".into(),
                "device".into(),
            ]
        }),
        ("the apartment NAME", 200, |v| {
            vec![
                "apartment".into(),
                "add".into(),
                "--site".into(),
                "Flats".into(),
                v.into(),
            ]
        }),
        ("--apartment", 200, |v| {
            vec![
                "device".into(),
                "add".into(),
                "--site".into(),
                "Flats".into(),
                "--serial".into(),
                "54-0123-4567".into(),
                "--apartment".into(),
                v.into(),
            ]
        }),
        ("--name", 200, |v| {
            [
                "voucher",
                "create",
                "--distributor",
                "Acme",
                "--years",
                "1",
                "--subscriptions",
                "1",
                "--payment",
                "invoice",
                "--yes",
                "--name",
                v,
            ]
            .map(String::from)
            .to_vec()
        }),
        ("--reason", 500, |v| {
            [
                "credits", "adjust", "--site", "Office", "--amount", "5", "--reason", v,
            ]
            .map(String::from)
            .to_vec()
        }),
        ("--reference", 200, |v| {
            [
                "credits",
                "use",
                "--site",
                "Office",
                "--sms",
                "1",
                "--reference",
                v,
            ]
            .map(String::from)
            .to_vec()
        }),
        ("--as", 100, |v| {
            ["--as", v, "site", "create", "Annex", "--model", "device"]
                .map(String::from)
                .to_vec()
        }),
    ];
    for (field, max, make) in cases {
        for bad in [
            "Evil\u{1b}[2J".to_string(),
            "two\nlines".to_string(),
            "tab\there".to_string(),
            "trailing newline\n".to_string(),
            "bidi \u{202e}txt.exe".to_string(),
            "x".repeat(max + 1),
            "é".repeat(max + 1),
        ] {
            let a = make(&bad);
            let a: Vec<&str> = a.iter().map(String::as_str).collect();
            let e = l.fail(&a, 2);
            let m = e["message"].as_str().unwrap();
            assert!(m.starts_with(field), "{field}: {m}");
            assert!(m.contains(&format!("1 to {max} printable")), "{m}");
            let out = l.cmd().args(&a).output().unwrap();
            one_line_refusal(&out);
        }
    }
    // At the limit it is accepted.
    l.ok(&["distributor", "add", &"d".repeat(200)]);
    l.ok(&["site", "create", &"é".repeat(200), "--model", "device"]);
    l.ok(&[
        "credits",
        "adjust",
        "--site",
        "Office",
        "--amount",
        "5",
        "--reason",
        &"r".repeat(500),
    ]);
    let long_actor = "a".repeat(100);
    let adjust = [
        "--as",
        &long_actor,
        "credits",
        "adjust",
        "--site",
        "Office",
        "--amount",
        "1",
        "--reason",
        "fix",
    ];
    let history = if l.is_postgres() {
        // On PostgreSQL the actor is the database user; --as is refused.
        l.fail(&adjust, 2);
        l.json(&["credits", "history", "--site", "Office"])
    } else {
        l.ok(&adjust);
        let history = l.json(&["credits", "history", "--site", "Office"]);
        assert_eq!(history[1]["actor"].as_str().unwrap().len(), 100);
        history
    };
    let rows = history.as_array().unwrap();
    assert_eq!(rows[0]["reason"].as_str().unwrap().chars().count(), 500);
}

#[test]
fn text_stored_before_is_drawn_escaped() {
    let l = ledger();
    // A ledger written by an older creditctl, or by hand, may hold any text.
    l.insert(
        "INSERT INTO distributor (id, name, created_at, created_by) VALUES (2, ?1, ?2, ?3)",
        &[
            "Evil\u{1b}[2J\nCo",
            "2026-11-01T00:00:00Z",
            "by\u{1b}]0;x\u{7}hand",
        ],
    );
    l.insert(
        "INSERT INTO site (id, name, model, created_at, created_by) VALUES (2, ?1, 'device', ?2, 'hand')",
        &["Tower\r\n\u{202e}B", "2026-11-01T00:00:00Z"],
    );
    // Piped, each row is one line of as many tab-separated fields as the header.
    for args in [
        &["distributor", "list"][..],
        &["site", "list"],
        &["credits", "show"],
    ] {
        let out = l.ok(args);
        let fields: Vec<usize> = out.lines().map(|l| l.split('\t').count()).collect();
        assert!(
            fields.len() == 3 && fields.windows(2).all(|w| w[0] == w[1]),
            "{out}"
        );
        assert!(
            !out.chars()
                .any(|c| c.is_control() && c != '\n' && c != '\t' || c == '\u{202e}'),
            "{out:?}"
        );
    }
    l.tables("drawn");
    let distributors = l.ok(&["distributor", "list"]);
    let sites = l.ok(&["site", "list"]);
    let credits = l.ok(&["credits", "show"]);
    for out in [&distributors, &sites, &credits] {
        assert!(
            !out.chars()
                .any(|c| c.is_control() && c != '\n' || c == '\u{202e}'),
            "{out:?}"
        );
        // Every line of a drawn table is as wide as the others: no cell broke a row.
        let widths: Vec<usize> = out.lines().map(|l| l.chars().count()).collect();
        assert!(widths.windows(2).all(|w| w[0] == w[1]), "{out}");
    }
    assert!(
        distributors.contains("Evil\\u{1b}[2J\\nCo"),
        "{distributors}"
    );
    assert!(sites.contains("Tower\\r\\n\\u{202e}B"), "{sites}");
    let history = l.ok(&["credits", "history", "--site", "2"]);
    assert!(
        history.starts_with("Site Tower\\r\\n\\u{202e}B (2)\n"),
        "{history}"
    );
    // JSON keeps the data as it is (JSON escapes it).
    let json = l.json(&["distributor", "list"]);
    assert_eq!(json[1]["name"], "Evil\u{1b}[2J\nCo");
    // A message echoing a stored name stays one line.
    let out = l
        .cmd()
        .args(["distributor", "add", "Evil\u{1b}[2J\nCo"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "refused by the text rule first");
    let out = l
        .cmd()
        .args([
            "voucher",
            "create",
            "--distributor",
            "2",
            "--name",
            "V",
            "--years",
            "1",
            "--subscriptions",
            "1",
            "--payment",
            "card",
            "--yes",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(4), "{}", text(&out.stderr));
    let err = text(&out.stderr);
    assert_eq!(err.lines().count(), 1, "{err:?}");
    assert!(err.contains("'Evil\\u{1b}[2J\\nCo'"), "{err}");
}

/// With no actor named and neither `$USER` nor `$LOGNAME` set (a service's environment, often),
/// the actor is the system's name for the user the command runs as, not a made-up one.
#[test]
fn without_an_actor_or_user_variables_the_actor_is_the_login_users_name() {
    let l = Ledger::sqlite();
    l.cmd()
        .env_remove("CREDITCTL_ACTOR")
        .env_remove("USER")
        .env_remove("LOGNAME")
        .args(["site", "create", "Office", "--model", "device"])
        .assert()
        .success();
    let login = whoami::username().expect("the login user's name");
    assert_eq!(
        l.rows("SELECT created_by FROM site"),
        [[serde_json::json!(login)]]
    );
}
