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
        "--reference",
        "po-1",
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
    // On SQLite the target's file and its WAL, as bytes (read before anything opens the file):
    // the refusal used to copy the WAL into the file and delete it, which locked out users who
    // may only read the three files.
    let files = to.files();
    let before = to.is_postgres().then(|| to.snapshot());
    let out = from
        .cmd()
        .args(["ledger", "copy", "--to", &to.location_str(), "--json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(4));
    let err: serde_json::Value = serde_json::from_slice(&out.stderr).unwrap();
    assert_eq!(err["error"]["code"], "target_not_empty");
    match before {
        Some(before) => assert_eq!(before, to.snapshot()),
        None => {
            let wal = format!("{}-wal", to.db.display());
            assert!(std::fs::metadata(&wal).is_ok_and(|m| m.len() > 0), "{wal}");
            assert!(
                files == to.files(),
                "the refused copy changed the target's files"
            );
        }
    }
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

/// The members and their sites move with the ledger, and so do the failed redemptions: on the
/// copy an identity that is not a member may do nothing, and each member does what it did
/// (on PostgreSQL through the group role the copy granted its login role). SQLite to the suite's
/// engine, and on PostgreSQL back to a file as well.
#[test]
fn a_copy_keeps_the_members_and_their_roles() {
    let file = fill(Ledger::sqlite());
    let shared = Ledger::new();
    // The identities: on PostgreSQL login roles on the target's server.
    let olga = shared.login_role("olga");
    let sam = shared.login_role("sam");
    let eve = shared.login_role("eve");
    file.ok(&["member", "add", &olga, "--role", "operator"]);
    file.by(&olga).ok(&[
        "member",
        "add",
        &sam,
        "--role",
        "site-admin",
        "--site",
        "Office",
    ]);
    let typo = file
        .by(&sam)
        .cmd()
        .args(["voucher", "redeem", "AAAA-BBBB-CCCC-DDDD-E"])
        .args(["--site", "Office", "--yes"])
        .output()
        .unwrap();
    assert_eq!(typo.status.code(), Some(2));
    let head = file.by(&olga).verify()["head"].clone();
    file.by(&olga)
        .ok(&["ledger", "copy", "--to", &shared.location_str()]);
    let mut copies = vec![&shared];
    let back = Ledger::sqlite();
    if shared.is_postgres() {
        shared
            .by(&olga)
            .ok(&["ledger", "copy", "--to", &back.location_str()]);
        copies.push(&back);
    }
    let adjust = [
        "credits", "adjust", "--site", "Office", "--amount", "5", "--reason", "moved",
    ];
    for copy in copies {
        copy.by(&eve).fail(&adjust, 7);
        copy.by(&eve).fail(&["member", "list"], 7);
        copy.by(&sam).fail(&adjust, 7);
        assert_eq!(copy.by(&olga).verify()["head"], head);
        assert_eq!(file.snapshot(), copy.snapshot());
        let members = copy.by(&olga).json(&["member", "list"]);
        assert_eq!(members.as_array().unwrap().len(), 2, "{members}");
        let attempts = copy.by(&olga).json(&["voucher", "attempts"]);
        assert_eq!(attempts.as_array().unwrap().len(), 1, "{attempts}");
        // Each member acts as before: the operator adjusts, the site administrator buys.
        copy.by(&olga).ok(&adjust);
        copy.by(&sam).ok(&[
            "credits",
            "buy",
            "--site",
            "Office",
            "--sms",
            "50",
            "--payment",
            "card",
            "--yes",
        ]);
        copy.by(&olga).verify();
    }
}

/// On PostgreSQL a member is a login role: a copy whose members have none on the target's
/// server is refused before anything is written, and goes through once the role is there.
#[test]
fn a_copy_into_postgresql_needs_each_members_login_role() {
    let to = Ledger::new();
    if !to.is_postgres() {
        return;
    }
    let from = fill(Ledger::sqlite());
    let olga = to.login_role("olga");
    // A name no role of the server has (yet): made and dropped at once, so that the ledger
    // still drops it at the end when it is made again below.
    let ghost = to.login_role("ghost");
    to.sql(&format!("DROP OWNED BY {ghost}; DROP ROLE {ghost}"));
    from.ok(&["member", "add", &olga, "--role", "operator"]);
    from.by(&olga)
        .ok(&["member", "add", &ghost, "--role", "billing"]);
    let out = from
        .by(&olga)
        .cmd()
        .args(["ledger", "copy", "--to", &to.location_str(), "--json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3), "{out:?}");
    let err: serde_json::Value = serde_json::from_slice(&out.stderr).unwrap();
    let message = err["error"]["message"].as_str().unwrap();
    assert!(message.contains(&ghost), "{message}");
    assert_eq!(to.snapshot(), "<no ledger>");
    to.sql(&format!("CREATE ROLE {ghost} LOGIN"));
    from.by(&olga)
        .ok(&["ledger", "copy", "--to", &to.location_str()]);
    assert_eq!(from.snapshot(), to.snapshot());
    assert_eq!(
        to.number(&format!(
            "SELECT count(*) FROM pg_catalog.pg_auth_members WHERE member = '{ghost}'::regrole AND roleid = 'creditctl_billing'::regrole"
        )),
        1
    );
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
