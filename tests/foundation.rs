//! Accounts, sites, devices, apartments, imports, credits and the store's own errors.

mod common;
use common::Ledger;
use serde_json::json;
use std::os::unix::fs::PermissionsExt;

#[test]
fn store_files_are_owner_only_and_foreign_files_are_refused() {
    let l = Ledger::sqlite();
    let nested = l.dir.path().join("new/dir/ledger.db");
    l.cmd()
        .env("CREDITCTL_DB", &nested)
        .args(["distributor", "add", "Acme"])
        .assert()
        .success();
    let mode = |p: &std::path::Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&nested), 0o600);
    assert_eq!(mode(nested.parent().unwrap()), 0o700);

    let text = l.dir.path().join("notes.txt");
    std::fs::write(
        &text,
        "this is not a database, just some text that is long enough",
    )
    .unwrap();
    let out = l
        .cmd()
        .env("CREDITCTL_DB", &text)
        .args(["site", "list", "--json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("not_a_ledger"));

    l.site("Office", "device");
    l.mark_newer();
    let err = l.fail(&["site", "list"], 1);
    assert_eq!(err["code"], "newer_ledger");

    let bad_clock = l
        .cmd()
        .env("CREDITCTL_NOW", "yesterday")
        .args(["site", "list"])
        .output()
        .unwrap();
    assert_eq!(bad_clock.status.code(), Some(2));
}

#[test]
fn distributors_and_sites() {
    let l = Ledger::new();
    l.ok(&["distributor", "add", "Acme"]);
    assert_eq!(
        l.fail(&["distributor", "add", "Acme"], 4)["code"],
        "already_exists"
    );
    l.fail(&["distributor", "add", "123"], 2);
    assert_eq!(l.json(&["distributor", "activate", "1"])["activated"], true);
    l.fail(&["site", "create", "Office", "--model", "castle"], 2);
    l.fail(&["site", "create", "42", "--model", "device"], 2);
    let a = l.site("Office", "device");
    // A site name is unique whatever its case (tests/names.rs has the rest).
    l.fail(&["site", "create", "office", "--model", "apartment"], 4);
    let b = l.site("Office B", "apartment");
    assert_eq!(
        l.json(&["site", "show", &b.to_string()])["site"]["model"],
        "apartment"
    );
    l.fail(&["site", "show", "Nowhere"], 3);
    let shown = l.credits(&a.to_string());
    let keys = |v: &serde_json::Value| v.as_object().unwrap().keys().cloned().collect::<Vec<_>>();
    assert_eq!(keys(&shown), ["site", "sms", "video"]);
    assert_eq!(keys(&shown["site"]), ["id", "model", "name", "status"]);
    assert_eq!(
        keys(&shown["video"]),
        [
            "balance",
            "months_covered",
            "units",
            "units_paid",
            "units_waiting"
        ]
    );
    assert_eq!(l.json(&["credits", "show"]).as_array().unwrap().len(), 2);
}

#[test]
fn devices_and_apartments_follow_the_site_model() {
    let l = Ledger::new();
    l.site("Office", "device");
    l.site("Tower", "apartment");
    for bad in ["5401234567", "54-123-4567", "AB-0123-4567"] {
        assert_eq!(
            l.fail(&["device", "add", "--site", "Office", "--serial", bad], 2)["code"],
            "invalid_serial"
        );
    }
    l.ok(&[
        "device",
        "add",
        "--site",
        "Office",
        "--serial",
        "54-0123-4567",
    ]);
    assert_eq!(
        l.fail(
            &[
                "device",
                "add",
                "--site",
                "2",
                "--serial",
                "54-0123-4567",
                "--apartment",
                "A1"
            ],
            4
        )["code"],
        "already_registered"
    );
    l.fail(
        &[
            "device",
            "add",
            "--site",
            "Office",
            "--serial",
            "54-0000-0001",
            "--apartment",
            "A1",
        ],
        2,
    );
    l.fail(
        &[
            "device",
            "add",
            "--site",
            "Tower",
            "--serial",
            "54-0000-0001",
        ],
        2,
    );
    l.fail(
        &[
            "device",
            "add",
            "--site",
            "Tower",
            "--serial",
            "54-0000-0001",
            "--apartment",
            "A1",
        ],
        3,
    );
    l.fail(&["apartment", "add", "--site", "Office", "A1"], 4);
    l.ok(&["apartment", "add", "--site", "Tower", "A1"]);
    for i in 1..=4 {
        l.ok(&[
            "device",
            "add",
            "--site",
            "Tower",
            "--serial",
            &format!("55-0000-000{i}"),
            "--apartment",
            "A1",
        ]);
    }
    assert_eq!(
        l.fail(
            &[
                "device",
                "add",
                "--site",
                "Tower",
                "--serial",
                "55-0000-0005",
                "--apartment",
                "A1"
            ],
            4
        )["code"],
        "apartment_full"
    );
    assert_eq!(
        l.fail(&["apartment", "remove", "--site", "Tower", "A1"], 4)["code"],
        "apartment_not_empty"
    );
    l.fail(&["device", "remove", "99-9999-9999"], 3);
    l.ok(&["device", "remove", "54-0123-4567"]);
    l.ok(&["apartment", "add", "--site", "Tower", "B2"]);
    let moved = l.json(&[
        "device",
        "add",
        "--site",
        "Tower",
        "--serial",
        "54-0123-4567",
        "--apartment",
        "B2",
    ]);
    assert_eq!(moved["apartment"], "B2");
}

#[test]
fn import_is_all_or_nothing_and_names_the_line() {
    let l = Ledger::new();
    l.site("Tower", "apartment");
    let file = l.dir.path().join("devices.csv");
    std::fs::write(
        &file,
        "serial,apartment\n54-0000-0001,A1\n54-00X0-0002,A1\n",
    )
    .unwrap();
    let err = l.fail(
        &[
            "device",
            "import",
            "--site",
            "Tower",
            file.to_str().unwrap(),
        ],
        2,
    );
    assert!(err["message"].as_str().unwrap().contains("line 3"), "{err}");
    std::fs::write(&file, "54-0000-0001,A1\n54-0000-0002,A2\n54-0000-0001,A3\n").unwrap();
    let err = l.fail(
        &[
            "device",
            "import",
            "--site",
            "Tower",
            file.to_str().unwrap(),
        ],
        2,
    );
    assert!(
        err["message"].as_str().unwrap().contains("first on line 1"),
        "{err}"
    );
    std::fs::write(
        &file,
        "serial,apartment\n54-0000-0001,A1\n54-0000-0002,A1\n54-0000-0003,B1\n",
    )
    .unwrap();
    let done = l.json(&[
        "device",
        "import",
        "--site",
        "Tower",
        file.to_str().unwrap(),
    ]);
    assert_eq!(
        (
            done["devices_added"].as_i64(),
            done["apartments_created"].as_i64()
        ),
        (Some(3), Some(2))
    );
    std::fs::write(&file, "54-0000-0009,C1\n54-0000-0001,C1\n").unwrap();
    let err = l.fail(
        &[
            "device",
            "import",
            "--site",
            "Tower",
            file.to_str().unwrap(),
        ],
        4,
    );
    assert!(err["message"].as_str().unwrap().contains("line 2"), "{err}");
    l.fail(
        &["device", "import", "--site", "Tower", "/nonexistent.csv"],
        3,
    );
}

#[test]
fn credits_buy_adjust_and_idempotent_sms_use() {
    let l = Ledger::new();
    l.site("Office", "device");
    let bought = l.json(&[
        "credits",
        "buy",
        "--site",
        "Office",
        "--credits",
        "6",
        "--payment",
        "card",
    ]);
    assert_eq!(bought["total"]["amount_minor"], 1200);
    l.fail(
        &[
            "credits",
            "buy",
            "--site",
            "Office",
            "--sms",
            "75",
            "--payment",
            "card",
        ],
        2,
    );
    let sms = l.json(&[
        "credits",
        "buy",
        "--site",
        "Office",
        "--sms",
        "100",
        "--payment",
        "invoice",
    ]);
    assert_eq!(sms["total"]["amount_minor"], 1000);
    let err = l.fail(
        &[
            "credits", "adjust", "--site", "Office", "--amount", "-7", "--reason", "fix",
        ],
        4,
    );
    assert_eq!(err["code"], "insufficient_credits");
    // It says how to add to the pool.
    assert_eq!(
        err["message"],
        "the video pool of site 'Office' (1) holds 6, which cannot cover 7; nothing was written; add to it first: buy with `creditctl credits buy --credits N` or redeem a voucher with `creditctl voucher redeem CODE`"
    );
    let err = l.fail(
        &[
            "credits",
            "use",
            "--site",
            "Office",
            "--sms",
            "1000",
            "--reference",
            "r-1000",
        ],
        4,
    );
    assert_eq!(err["code"], "insufficient_credits");
    let message = err["message"].as_str().unwrap();
    assert!(
        message.contains("holds 100, which cannot cover 1000")
            && message.contains("`creditctl credits buy --sms N`")
            && message.contains("`creditctl voucher redeem CODE`"),
        "{message}"
    );
    // Neither --credits nor --sms: one of them is asked for.
    let err = l.fail(
        &["credits", "buy", "--site", "Office", "--payment", "card"],
        2,
    );
    assert_eq!(err["code"], "missing_argument");
    assert_eq!(
        err["message"],
        "the following required arguments were not provided: one of --credits <CREDITS> or --sms <SMS>; see --help"
    );
    // Negative amounts reach their checks (not "unexpected argument '-5'").
    for (args, said) in [
        (
            [
                "credits",
                "buy",
                "--site",
                "Office",
                "--credits",
                "-5",
                "--payment",
                "card",
            ],
            "buy 1 to 10000000 at a time, not -5",
        ),
        (
            [
                "credits",
                "buy",
                "--site",
                "Office",
                "--sms",
                "-50",
                "--payment",
                "card",
            ],
            "buy 1 to 10000000 at a time, not -50",
        ),
        (
            [
                "credits",
                "use",
                "--site",
                "Office",
                "--sms",
                "-5",
                "--reference",
                "r-neg",
            ],
            "--sms must be 1 to 10000000 messages, not -5",
        ),
    ] {
        let err = l.fail(&args, 2);
        assert_eq!(err["code"], "invalid_input", "{args:?}: {err}");
        assert_eq!(err["message"], said, "{args:?}");
    }
    l.fail(
        &[
            "credits", "adjust", "--site", "Office", "--amount", "-1", "--reason", " ",
        ],
        2,
    );
    let adjust_as_alice = [
        "--as", "alice", "credits", "adjust", "--site", "Office", "--amount", "-1", "--reason",
        "fix",
    ];
    if l.is_postgres() {
        // The engine vouches for the identity there: naming another is refused.
        let err = l.fail(&adjust_as_alice, 2);
        assert!(err["message"].as_str().unwrap().contains("--as"), "{err}");
        l.ok(&adjust_as_alice[2..]);
    } else {
        l.ok(&adjust_as_alice);
    }
    let history = l.json(&["credits", "history", "--site", "Office"]);
    assert_eq!(
        history.as_array().unwrap().last().unwrap()["actor"],
        if l.is_postgres() { "postgres" } else { "alice" }
    );

    let first = l.json(&[
        "credits",
        "use",
        "--site",
        "Office",
        "--sms",
        "3",
        "--reference",
        "inv-1",
    ]);
    assert_eq!(
        (first["balance_after"].as_i64(), first["replayed"].as_bool()),
        (Some(97), Some(false))
    );
    let before = l.snapshot();
    let again = l.json(&[
        "credits",
        "use",
        "--site",
        "Office",
        "--sms",
        "3",
        "--reference",
        "inv-1",
    ]);
    assert_eq!(
        (again["balance_after"].as_i64(), again["replayed"].as_bool()),
        (Some(97), Some(true))
    );
    assert_eq!(before, l.snapshot(), "a retry wrote something");
    assert_eq!(
        l.fail(
            &[
                "credits",
                "use",
                "--site",
                "Office",
                "--sms",
                "4",
                "--reference",
                "inv-1"
            ],
            4
        )["code"],
        "reference_reused"
    );
    l.fail(
        &[
            "credits",
            "use",
            "--site",
            "Office",
            "--sms",
            "1000",
            "--reference",
            "inv-2",
        ],
        4,
    );
    assert_eq!(l.verify()["ok"], true);
}

/// `credits buy --reference R`: a retry of a command whose answer was lost (a connection that
/// dropped as it committed) is answered with the first purchase and buys nothing; the same
/// reference for any other purchase at the site is refused and writes nothing (at another site
/// it is that site's own); a purchase without a reference buys every time.
#[test]
fn a_purchase_retried_with_its_reference_is_bought_once() {
    let l = Ledger::new();
    l.site("Office", "device");
    l.site("Annex", "device");
    l.device("Office", "54-0000-0001");
    let buy = |site: &'static str, what: &'static str, n: &'static str, method: &'static str| {
        vec![
            "credits",
            "buy",
            "--site",
            site,
            what,
            n,
            "--payment",
            method,
            "--reference",
            "po-1",
        ]
    };
    let first = l.json(&buy("Office", "--credits", "24", "card"));
    assert_eq!(first["replayed"], false, "{first}");
    assert_eq!(first["reference"], "po-1", "{first}");
    assert_eq!(first["units_activated"], 1, "{first}");
    assert_eq!(first["balance_after"], 23, "{first}");
    let before = l.snapshot();
    let again = l.json(&buy("Office", "--credits", "24", "card"));
    assert_eq!(before, l.snapshot(), "a retry wrote something");
    assert_eq!(again["replayed"], true, "{again}");
    for field in [
        "payment_id",
        "total",
        "payment_method",
        "amount",
        "ledger_id",
        "site_id",
    ] {
        assert_eq!(again[field], first[field], "{field}: {again}");
    }
    assert_eq!(
        (
            &again["balance_before"],
            &again["balance_after"],
            &again["units_activated"]
        ),
        (&json!(23), &json!(23), &json!(0)),
        "{again}"
    );
    // The receipt, on stdout, is the first purchase's, and says so.
    let receipt = l.ok(&buy("Office", "--credits", "24", "card"));
    assert!(receipt.starts_with("Paid before: "), "{receipt}");
    for other in [
        buy("Office", "--credits", "25", "card"),
        buy("Office", "--credits", "24", "invoice"),
        buy("Office", "--sms", "50", "card"),
    ] {
        let err = l.fail(&other, 4);
        assert_eq!(err["code"], "reference_reused", "{other:?}: {err}");
        assert!(
            err["message"].as_str().unwrap().contains(
                "'po-1' was already used for a purchase of 24 video credits for 48.00 EUR paid by card"
            ),
            "{other:?}: {err}"
        );
    }
    // A retry after the price list changed is not the purchase made before, at the old price.
    l.ok(&["price", "set", "device-year", "99.00"]);
    assert_eq!(
        l.fail(&buy("Office", "--credits", "24", "card"), 4)["code"],
        "reference_reused"
    );
    l.ok(&["price", "set", "device-year", "24.00"]);
    // A reference is its site's own: another site's purchase under it is a purchase of its own.
    let annex = l.json(&buy("Annex", "--credits", "12", "card"));
    assert_eq!(annex["replayed"], false, "{annex}");
    assert_ne!(annex["payment_id"], first["payment_id"]);
    let mut dry = buy("Office", "--credits", "24", "card");
    dry.push("--dry-run");
    l.fail(&dry, 2);
    // Without a reference, every command buys.
    let plain = [
        "credits",
        "buy",
        "--site",
        "Office",
        "--credits",
        "24",
        "--payment",
        "card",
    ];
    let (a, b) = (l.json(&plain), l.json(&plain));
    assert_ne!(a["payment_id"], b["payment_id"]);
    assert_eq!(b["balance_after"], 71);
    assert_eq!(b["replayed"], false);
    assert_eq!(
        l.number("SELECT count(*) FROM payment WHERE reference = 'po-1'"),
        2
    );
    assert_eq!(l.verify()["ok"], true);
}

/// A device site's unit is its device's own; one that holds a second device (written by hand,
/// before PostgreSQL's schema 11 refused it, or in a SQLite file) stays billed while either
/// device is there, and each can still be removed.
#[test]
fn a_unit_holding_a_second_device_written_by_hand_stays_billed_until_both_are_removed() {
    let l = Ledger::new();
    l.site("Office", "device");
    l.device("Office", "54-0000-0001");
    l.sql(
        "INSERT INTO device (serial, site_id, unit_id, added_at)
         SELECT '54-0000-0002', site_id, unit_id, added_at FROM device WHERE serial = '54-0000-0001'",
    );
    let active = || l.number("SELECT count(*) FROM unit WHERE removed_at IS NULL");
    l.ok(&["device", "remove", "54-0000-0001"]);
    assert_eq!(
        active(),
        1,
        "the unit stopped billing under a device still there"
    );
    l.ok(&["device", "remove", "54-0000-0002"]);
    assert_eq!(active(), 0);
    assert_eq!(l.verify()["ok"], true);
}

#[test]
fn prices_and_payments() {
    let l = Ledger::new();
    l.site("Office", "device");
    l.ok(&["price", "set", "device-year", "30.00"]);
    for bad in ["abc", "-1", "1.234"] {
        l.fail(&["price", "set", "device-year", bad], 2);
    }
    l.fail(&["price", "set", "castle-year", "1"], 3);
    let bought = l.json(&[
        "credits",
        "buy",
        "--site",
        "Office",
        "--credits",
        "12",
        "--payment",
        "card",
    ]);
    assert_eq!(bought["total"]["amount_minor"], 3000);
    assert_eq!(
        l.json(&["payment", "show", "1"])["total"]["amount_minor"],
        3000
    );
    l.fail(&["payment", "show", "9"], 3);
}

#[test]
fn errors_are_one_line_and_a_closed_pipe_is_quiet() {
    let l = Ledger::new();
    let out = l.cmd().args(["site", "show", "9"]).output().unwrap();
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.starts_with("error: ") && err.lines().count() == 1,
        "{err}"
    );
    l.cmd().arg("castle").assert().code(2);
    for i in 0..200 {
        l.ok(&["site", "create", &format!("Site {i}"), "--model", "device"]);
    }
    let bin = assert_cmd::cargo::cargo_bin("creditctl");
    let out = std::process::Command::new("bash")
        .args([
            "-c",
            &format!(
                "'{}' site list | head -c 10 >/dev/null; echo ${{PIPESTATUS[0]}}",
                bin.display()
            ),
        ])
        .env("CREDITCTL_DB", l.location())
        .output()
        .unwrap();
    assert_eq!(String::from_utf8_lossy(&out.stdout).trim(), "0");
    assert!(!String::from_utf8_lossy(&out.stderr).contains("panicked"));
}

/// On either engine, a command that does not make a ledger's first object finds no ledger in a
/// missing file or an empty database (exit 3) and creates nothing there: no tables, no rows, no
/// key file.
#[test]
fn only_the_first_object_creates_a_ledger_on_either_engine() {
    let l = Ledger::new();
    let key = l.dir.path().join("k.pem");
    let key = key.to_str().unwrap();
    for args in [
        &[
            "credits",
            "buy",
            "--site",
            "1",
            "--credits",
            "1",
            "--payment",
            "card",
            "--yes",
        ][..],
        &["deduct", "run"],
        &["device", "add", "--site", "1", "--serial", "54-0123-4567"],
        &[
            "voucher",
            "redeem",
            "K7QM-3XHD-9V2P-RT6W-P",
            "--site",
            "1",
            "--yes",
        ],
        &["voucher", "cancel", "K7QM-3XHD-9V2P-RT6W-P", "--yes"],
        &[
            "license",
            "buy",
            "--serial",
            "54-0123-4567",
            "--license",
            "nfc",
            "--distributor",
            "1",
            "--payment",
            "card",
            "--yes",
        ],
        &["key", "generate", "--out", key],
        &["site", "list"],
    ] {
        l.fail(args, 3);
        assert!(!l.exists(), "{args:?} created a ledger");
        assert!(!std::path::Path::new(key).exists(), "{args:?} wrote a key");
    }
    l.ok(&["site", "create", "Office", "--model", "device"]);
    assert!(l.exists());
    // The first member makes a ledger too (README: the commands that make a first object).
    let fresh = Ledger::new();
    let olga = fresh.login_role("olga");
    fresh.ok(&["member", "add", &olga, "--role", "operator"]);
    assert!(fresh.exists());
}

/// `sslrootcert=system` trusts the system's roots where the system keeps them: creditctl's TLS
/// library has no store of its own, and without reading the system's, verify-ca would refuse a
/// server that the system trusts. Runs on PostgreSQL when the test server has TLS on and its
/// certificate is one of the system's roots (Debian's default cluster: its snakeoil
/// certificate, linked by hash in /etc/ssl/certs).
#[test]
fn sslrootcert_system_trusts_the_roots_the_system_keeps() {
    if common::postgres_admin().is_none() {
        return;
    }
    let l = Ledger::new();
    l.site("Office", "device");
    let url = l.location_str();
    let mut c = postgres::Client::connect(&url, postgres::NoTls).unwrap();
    let ssl: String = c.query_one("SHOW ssl", &[]).unwrap().get(0);
    let cert: String = c.query_one("SHOW ssl_cert_file", &[]).unwrap().get(0);
    let Ok(pem) = std::fs::read(&cert) else {
        eprintln!("not run: the server's certificate is not readable here");
        return;
    };
    let kept = std::fs::read_dir("/etc/ssl/certs")
        .into_iter()
        .flatten()
        .any(|entry| {
            entry.is_ok_and(|e| {
                let name = e.file_name().to_string_lossy().into_owned();
                // A root of the system's directory as OpenSSL finds it, by its hashed name.
                let hashed = name.len() > 9 && name.as_bytes()[8] == b'.';
                hashed && std::fs::read(e.path()).ok().as_deref() == Some(&pem[..])
            })
        });
    if ssl != "on" || !kept {
        eprintln!("not run: the server has TLS off, or its certificate is not a system root");
        return;
    }
    let sep = if url.contains('?') { '&' } else { '?' };
    let tls = format!("{url}{sep}sslmode=verify-ca&sslrootcert=system");
    let out = l
        .cmd()
        .env_remove("SSL_CERT_FILE")
        .env_remove("SSL_CERT_DIR")
        .args(["--db", &tls, "--json", "site", "list"])
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(stdout.contains("\"Office\""), "{stdout}");
}
