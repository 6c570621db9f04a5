//! A ledger written by the release before schema 6 (text charge periods, no tallies), on the
//! suite's engine: the upgrade keeps every value and hash, counts each site's tally, and the
//! deduction goes on exactly as before.

mod common;
use common::Ledger;
use serde_json::json;

/// The fixture's clock ran from 2026-08-10 to 2026-10-16.
const OCT: &str = "2026-10-20T10:00:00Z";
/// The schema version this release writes on PostgreSQL (SQLite's is 7).
const PG_SCHEMA: &str = "12";
const NOV: &str = "2026-11-01T00:05:00Z";

/// Loads the SQL dump of a schema-5 ledger (tests/fixtures/ledger-v5*.sql, made by that
/// release's commands) into the test's ledger.
fn ledger_of_schema_5() -> Ledger {
    let l = Ledger::new();
    if l.is_postgres() {
        l.sql(include_str!("fixtures/ledger-v5-postgres.sql"));
    } else {
        let conn = rusqlite::Connection::open(&l.db).unwrap();
        // The dump lists tables by name, so rows come before the rows they point at.
        conn.execute_batch("PRAGMA foreign_keys = OFF").unwrap();
        conn.execute_batch(include_str!("fixtures/ledger-v5.sql"))
            .unwrap();
        conn.query_row("PRAGMA journal_mode = WAL", [], |_| Ok(()))
            .unwrap();
    }
    l
}

fn head(l: &Ledger) -> String {
    l.rows("SELECT hash FROM ledger ORDER BY id DESC LIMIT 1")[0][0]
        .as_str()
        .unwrap()
        .to_string()
}

#[test]
fn a_ledger_of_schema_5_is_upgraded_and_its_deductions_go_on() {
    let l = ledger_of_schema_5();
    let head_v5 = head(&l);
    let v = l.json_at(OCT, &["ledger", "verify"]);
    assert_eq!(v["ok"], true, "{v}");
    assert_eq!(v["charges"], 24, "{v}");
    // The chain is untouched: the charge table is not hashed, its rows are re-derived.
    assert_eq!(v["head"], head_v5.as_str());
    let version = if l.is_postgres() {
        l.rows("SELECT value FROM creditctl_meta WHERE key = 'schema_version'")[0][0].clone()
    } else {
        json!(l.number("PRAGMA user_version").to_string())
    };
    assert_eq!(version, if l.is_postgres() { PG_SCHEMA } else { "7" });
    if l.is_postgres() {
        // The upgrade leaves half of each new page of sites free, as a new ledger has it.
        assert_eq!(
            l.rows(
                "SELECT array_to_string(reloptions, ',') FROM pg_class WHERE oid = 'site'::regclass"
            ),
            [[json!("fillfactor=50")]]
        );
    }
    assert_eq!(
        l.rows("SELECT period, count(*) FROM charge GROUP BY period ORDER BY period"),
        [
            [json!(202608), json!(8)],
            [json!(202609), json!(8)],
            [json!(202610), json!(8)]
        ]
    );
    // Each site's tally for October, as counting its units gives it: Office lost a device and
    // gained one, Short is partly paid, Halted has no credits, Empty has no units.
    assert_eq!(
        l.rows("SELECT id, tally_period, tally_units, tally_paid FROM site ORDER BY id"),
        [
            [json!(1), json!(202610), json!(3), json!(3)],
            [json!(2), json!(202610), json!(3), json!(3)],
            [json!(3), json!(202610), json!(0), json!(0)],
            [json!(4), json!(202610), json!(3), json!(1)],
            [json!(5), json!(202610), json!(1), json!(0)]
        ]
    );
    // October again: nothing is charged, and the summary is the one that release printed.
    let rerun = l.json_at(OCT, &["deduct", "run"]);
    assert_eq!(
        rerun,
        json!({
            "period": "2026-10", "dry_run": false, "sites_charged": 0, "units_charged": 0,
            "credits_deducted": 0, "units_waiting": 3, "sites_halted": 1, "alert_months": 1,
            "halted": [{"id": 5, "name": "Halted", "units": 1, "units_waiting": 1, "balance": 0, "months_covered": 0}],
            "low": [
                {"id": 4, "name": "Short", "units": 3, "units_waiting": 2, "balance": 0, "months_covered": 0},
                {"id": 5, "name": "Halted", "units": 1, "units_waiting": 1, "balance": 0, "months_covered": 0}
            ],
            "checkpoint": null
        })
    );
    assert_eq!(head(&l), head_v5, "a rerun of October wrote a row");
    let short = l.json_at(OCT, &["credits", "show", "--site", "Short"]);
    assert_eq!(short["video"]["units"], 3, "{short}");
    assert_eq!(short["video"]["units_paid"], 1, "{short}");
    assert_eq!(short["site"]["status"], "partial", "{short}");
    // November: Office and Flats pay their three units each, Short and Halted wait.
    let nov = l.json_at(NOV, &["deduct", "run"]);
    assert_eq!(nov["sites_charged"], 2, "{nov}");
    assert_eq!(nov["units_charged"], 6, "{nov}");
    assert_eq!(nov["units_waiting"], 4, "{nov}");
    assert_eq!(nov["sites_halted"], 2, "{nov}");
    let office = l.json_at(NOV, &["credits", "show", "--site", "Office"]);
    assert_eq!(office["video"]["balance"], 107, "{office}");
    assert_eq!(office["video"]["units_paid"], 3, "{office}");
    assert_eq!(l.json_at(NOV, &["deduct", "run"])["units_charged"], 0);
    let v = l.json_at(NOV, &["ledger", "verify"]);
    assert_eq!(v["ok"], true, "{v}");
    assert_eq!(v["charges"], 30, "{v}");
    // The upgraded payments take a purchase's reference (schema 7 on SQLite, 12 on PostgreSQL).
    let buy = [
        "credits",
        "buy",
        "--site",
        "Office",
        "--credits",
        "12",
        "--payment",
        "card",
        "--reference",
        "po-1",
    ];
    let first = l.json_at(NOV, &buy);
    let again = l.json_at(NOV, &buy);
    assert_eq!(first["replayed"], false, "{first}");
    assert_eq!(again["replayed"], true, "{again}");
    assert_eq!(again["payment_id"], first["payment_id"]);
    assert_eq!(l.json_at(NOV, &["ledger", "verify"])["ok"], true);
}

/// On PostgreSQL an upgrade changes the tables and the owner's functions, which only the owner
/// of the tables may: a member's first command on an older ledger is told to have the owner run
/// one (exit 1, nothing changed); after that, the member's commands go on.
#[test]
fn on_postgresql_a_members_command_on_an_older_ledger_asks_for_the_owner() {
    let l = ledger_of_schema_5();
    if !l.is_postgres() {
        eprintln!("not run: the suite runs on SQLite (set $CREDITCTL_TEST_PG)");
        return;
    }
    let olga = l.login_role("olga");
    // The grants that release made (the dump carries no privileges), and an operator.
    l.sql(&format!(
        "GRANT USAGE ON SCHEMA public TO creditctl_operator;
         GRANT SELECT ON ALL TABLES IN SCHEMA public TO creditctl_operator;
         INSERT INTO member (id, name, role, created_at, created_by)
         VALUES ((SELECT coalesce(max(id), 0) + 1 FROM member), '{olga}', 'operator', '{OCT}', 'dba');
         GRANT creditctl_operator TO {olga};"
    ));
    let before = l.rows("SELECT value FROM creditctl_meta ORDER BY key");
    let err = l.by(&olga).fail(&["site", "list"], 1);
    assert_eq!(err["code"], "old_ledger", "{err}");
    let message = err["message"].as_str().unwrap();
    assert!(
        message.contains(&format!("schema 5; this one writes {PG_SCHEMA}"))
            && message.contains("run any creditctl command once as that owner"),
        "{message}"
    );
    assert_eq!(
        l.rows("SELECT value FROM creditctl_meta ORDER BY key"),
        before
    );
    // The owner is no member (exit 7), but its command upgrades the ledger first.
    let out = l
        .by_default()
        .cmd()
        .args(["distributor", "list"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(7));
    assert_eq!(
        l.rows("SELECT value FROM creditctl_meta WHERE key = 'schema_version'"),
        [[json!(PG_SCHEMA)]]
    );
    let sites = l.by(&olga).json(&["site", "list"]);
    assert!(!sites.as_array().unwrap().is_empty(), "{sites}");
    assert_eq!(l.by(&olga).verify()["ok"], true);
}
