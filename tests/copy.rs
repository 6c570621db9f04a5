//! `ledger copy --to TARGET` moves a whole ledger into an empty one: same rows, same head hash,
//! and the copy goes on where the original stopped.

mod common;
use common::Ledger;

/// A ledger with orders, redemptions, charges, SMS, licenses and a price change.
fn busy() -> Ledger {
    fill(Ledger::new())
}

fn fill(l: Ledger) -> Ledger {
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
    let code = l.voucher(&["--years", "1", "--subscriptions", "1"]);
    l.ok(&["voucher", "redeem", &code, "--site", "Office", "--yes"]);
    l.ok(&[
        "credits",
        "buy",
        "--site",
        "Office",
        "--sms",
        "100",
        "--payment",
        "card",
        "--yes",
    ]);
    l.ok(&[
        "credits",
        "use",
        "--site",
        "Office",
        "--sms",
        "50",
        "--reference",
        "r1",
    ]);
    l.ok(&[
        "license",
        "buy",
        "--serial",
        "54-0123-4567",
        "--license",
        "nfc",
        "--distributor",
        "Acme",
        "--payment",
        "card",
        "--yes",
    ]);
    l.ok(&["price", "set", "sms-50", "6.00"]);
    l
}

#[test]
fn a_copy_holds_every_row_and_ends_with_the_same_head_hash() {
    let from = busy();
    let to = Ledger::new();
    let before = from.verify();
    let report = from.json(&["ledger", "copy", "--to", &to.location_str()]);
    assert_eq!(report["head"], before["head"]);
    let after = to.verify();
    assert_eq!(after["head"], before["head"]);
    assert_eq!(after["rows"], before["rows"]);
    assert_eq!(from.snapshot(), to.snapshot());
    // The copy goes on: the next write extends the same chain, ids continue.
    to.ok(&["site", "create", "Harbour", "--model", "device"]);
    assert_eq!(to.json(&["site", "show", "Harbour"])["site"]["id"], 2);
    assert_eq!(to.verify()["rows"], before["rows"]);
    to.ok(&[
        "credits",
        "adjust",
        "--site",
        "Harbour",
        "--amount",
        "5",
        "--reason",
        "after the move",
    ]);
    assert_eq!(to.verify()["rows"], before["rows"].as_i64().unwrap() + 1);
}

#[test]
fn a_target_that_holds_a_ledger_is_refused_and_left_alone() {
    let from = busy();
    let to = Ledger::new();
    to.site("Elsewhere", "device");
    let before = to.snapshot();
    let out = from
        .cmd()
        .args(["ledger", "copy", "--to", &to.location_str(), "--json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(4));
    let err: serde_json::Value = serde_json::from_slice(&out.stderr).unwrap();
    assert_eq!(err["error"]["code"], "target_not_empty");
    assert_eq!(before, to.snapshot());
}

#[test]
fn an_altered_ledger_is_not_copied() {
    let from = busy();
    from.sql("UPDATE site SET video_balance = 500 WHERE id = 1");
    let to = Ledger::new();
    let out = from
        .cmd()
        .args(["ledger", "copy", "--to", &to.location_str(), "--json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(to.snapshot(), "<no ledger>");
}

/// SQLite to the suite's engine (PostgreSQL when `$CREDITCTL_TEST_PG` is set) and back: the way
/// a user who outgrew one machine moves, and the way back.
#[test]
fn a_ledger_moves_between_engines_and_back() {
    let file = fill(Ledger::sqlite());
    let shared = Ledger::new();
    let back = Ledger::sqlite();
    let head = file.verify()["head"].clone();
    file.ok(&["ledger", "copy", "--to", &shared.location_str()]);
    assert_eq!(shared.verify()["head"], head);
    shared.ok(&["ledger", "copy", "--to", &back.location_str()]);
    assert_eq!(back.verify()["head"], head);
    assert_eq!(file.snapshot(), shared.snapshot());
    assert_eq!(file.snapshot(), back.snapshot());
    // The same command on both now gives the same answer.
    for l in [&file, &shared] {
        l.ok(&["deduct", "run"]);
    }
    assert_eq!(file.verify()["head"], shared.verify()["head"]);
    if !shared.is_postgres() {
        return;
    }
    // And the same writes: the same rows and hashes, whichever way each engine sends them (on
    // PostgreSQL `deduct run` writes a chunk's rows in a few multi-row statements, on SQLite one
    // by one). The actor on SQLite is PostgreSQL's user, which acts there.
    file.by(&shared.actor());
    for l in [&file, &shared] {
        for (i, (site, balance)) in [("Annex", 4), ("Depot", 1), ("Yard", 0), ("Quay", 9)]
            .into_iter()
            .enumerate()
        {
            l.site(site, "device");
            for d in 0..3 {
                let serial = format!("54-0200-{i}00{d}");
                l.ok(&["device", "add", "--site", site, "--serial", &serial]);
            }
            if balance > 0 {
                let amount = balance.to_string();
                l.ok(&[
                    "credits", "adjust", "--site", site, "--amount", &amount, "--reason", "opening",
                ]);
            }
        }
        let summary = l.json_at("2026-12-01T00:05:00Z", &["deduct", "run"]);
        assert!(summary["units_charged"].as_u64().unwrap() > 3, "{summary}");
        assert!(
            !summary["halted"].as_array().unwrap().is_empty(),
            "{summary}"
        );
    }
    assert_eq!(file.verify()["head"], shared.verify()["head"]);
    assert_eq!(file.snapshot(), shared.snapshot());
}

/// A copy into PostgreSQL that fails part-way (PostgreSQL takes no NUL in text; SQLite does)
/// leaves the database as it was, empty: the schema and the rows commit together or not at all,
/// so that the copy of the mended ledger goes through.
#[test]
fn a_failed_copy_into_postgresql_leaves_the_database_empty() {
    let to = Ledger::new();
    if !to.is_postgres() {
        return;
    }
    let from = fill(Ledger::sqlite());
    from.sql("UPDATE site SET created_by = 'tes' || char(0) || 'ter' WHERE id = 1");
    let out = from
        .cmd()
        .args(["ledger", "copy", "--to", &to.location_str(), "--json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    assert_eq!(to.snapshot(), "<no ledger>");
    assert_eq!(
        to.number("SELECT count(*) FROM pg_catalog.pg_proc WHERE proname LIKE 'creditctl%'"),
        0
    );
    from.sql("UPDATE site SET created_by = 'tester' WHERE id = 1");
    let head = from.verify()["head"].clone();
    from.ok(&["ledger", "copy", "--to", &to.location_str()]);
    assert_eq!(to.verify()["head"], head);
    assert_eq!(from.snapshot(), to.snapshot());
}
