//! The tally a site keeps for a period (schema 6), which lets a rerun of `deduct run` read sites
//! instead of units: it must never let a unit go uncharged nor a summary go wrong, whatever
//! changes the site's units, through creditctl or beside it.

mod common;
use common::Ledger;
use serde_json::{Value, json};

const DEC: &str = "2026-12-01T00:05:00Z";
const LATER: &str = "2026-12-01T09:00:00Z";

/// A site "Office" with `devices` devices and `credits` credits adjusted in at NOW (November is
/// charged at once from them), then the run of December. Returns the site's id.
fn site_after_december(l: &Ledger, devices: usize, credits: &str) -> i64 {
    let id = office(l, devices, credits);
    l.json_at(DEC, &["deduct", "run"]);
    id
}

/// A site "Office" with `devices` devices and `credits` credits adjusted in at NOW. Returns
/// the site's id.
fn office(l: &Ledger, devices: usize, credits: &str) -> i64 {
    let id = office_without_credits(l, devices);
    l.ok(&[
        "credits", "adjust", "--site", "Office", "--amount", credits, "--reason", "opening",
    ]);
    id
}

/// A site "Office" with `devices` devices added at NOW and no credits. Returns the site's id.
fn office_without_credits(l: &Ledger, devices: usize) -> i64 {
    let id = l.site("Office", "device");
    for n in 1..=devices {
        l.ok(&[
            "device",
            "add",
            "--site",
            "Office",
            "--serial",
            &format!("54-0000-000{n}"),
        ]);
    }
    id
}

fn tally(l: &Ledger, site: i64) -> Vec<Value> {
    l.rows(&format!(
        "SELECT tally_period, tally_units, tally_paid FROM site WHERE id = {site}"
    ))
    .remove(0)
}

#[test]
fn a_run_leaves_each_site_its_tally_and_a_dry_run_leaves_it_alone() {
    let l = Ledger::new();
    let id = office(&l, 1, "5");
    // November was charged when the credits came.
    assert_eq!(tally(&l, id), [json!(202611), json!(1), json!(1)]);
    l.json_at(DEC, &["deduct", "run", "--dry-run"]);
    assert_eq!(tally(&l, id), [json!(202611), json!(1), json!(1)]);
    l.json_at(DEC, &["deduct", "run"]);
    assert_eq!(tally(&l, id), [json!(202612), json!(1), json!(1)]);
    // A catch-up run of a past month keeps the newer tally.
    l.json_at(DEC, &["deduct", "run", "--period", "2026-11"]);
    assert_eq!(tally(&l, id), [json!(202612), json!(1), json!(1)]);
}

#[test]
fn a_unit_added_beside_creditctl_after_the_run_is_charged_by_the_rerun() {
    let l = Ledger::new();
    let id = site_after_december(&l, 2, "10");
    assert_eq!(tally(&l, id), [json!(202612), json!(2), json!(2)]);
    // Another tool adds a unit in December: the site's tally no longer holds.
    l.sql(&format!(
        "INSERT INTO unit (id, site_id, name, added_at)
         VALUES ((SELECT max(id) + 1 FROM unit), {id}, '54-0000-0099', '2026-12-01T00:06:00Z')"
    ));
    assert_eq!(tally(&l, id), [Value::Null, Value::Null, Value::Null]);
    let rerun = l.json_at(LATER, &["deduct", "run"]);
    assert_eq!(rerun["units_charged"], 1, "{rerun}");
    assert_eq!(rerun["sites_charged"], 1, "{rerun}");
    assert_eq!(tally(&l, id), [json!(202612), json!(3), json!(3)]);
    assert_eq!(l.json_at(LATER, &["deduct", "run"])["units_charged"], 0);
    assert_eq!(l.verify()["ok"], true);
}

#[test]
fn a_unit_brought_back_beside_creditctl_is_charged_by_the_rerun() {
    let l = Ledger::new();
    let id = l.site("Office", "device");
    for serial in ["54-0000-0001", "54-0000-0002"] {
        l.ok(&["device", "add", "--site", "Office", "--serial", serial]);
    }
    l.ok(&[
        "credits", "adjust", "--site", "Office", "--amount", "10", "--reason", "opening",
    ]);
    l.ok(&["device", "remove", "54-0000-0002"]);
    let run = l.json_at(DEC, &["deduct", "run"]);
    assert_eq!(run["units_charged"], 1, "{run}");
    assert_eq!(tally(&l, id), [json!(202612), json!(1), json!(1)]);
    l.sql("UPDATE unit SET removed_at = NULL WHERE name = '54-0000-0002'");
    let rerun = l.json_at(LATER, &["deduct", "run"]);
    assert_eq!(rerun["units_charged"], 1, "{rerun}");
    assert_eq!(tally(&l, id), [json!(202612), json!(2), json!(2)]);
}

#[test]
fn a_rerun_after_a_unit_is_removed_counts_the_site_again() {
    let l = Ledger::new();
    // Three devices and four credits: November takes three, December one, two wait.
    let id = site_after_december(&l, 3, "4");
    assert_eq!(tally(&l, id), [json!(202612), json!(3), json!(1)]);
    let before = l.json_at(LATER, &["deduct", "run"]);
    assert_eq!(before["units_waiting"], 2, "{before}");
    assert_eq!(before["low"][0]["units"], 3, "{before}");
    // A waiting device leaves: the rerun's summary counts the two that stay.
    l.ok(&["device", "remove", "54-0000-0003"]);
    let after = l.json_at(LATER, &["deduct", "run"]);
    assert_eq!(after["units_charged"], 0, "{after}");
    assert_eq!(after["units_waiting"], 1, "{after}");
    assert_eq!(after["low"][0]["id"], id, "{after}");
    assert_eq!(after["low"][0]["units"], 2, "{after}");
    assert_eq!(after["low"][0]["units_waiting"], 1, "{after}");
    assert_eq!(tally(&l, id), [json!(202612), json!(2), json!(1)]);
}

#[test]
fn a_unit_paid_and_removed_in_the_month_leaves_a_tally_that_verifies() {
    let l = Ledger::new();
    let id = site_after_december(&l, 2, "10");
    assert_eq!(tally(&l, id), [json!(202612), json!(2), json!(2)]);
    // A paid device leaves in December; the rerun counts the site again: one unit, paid,
    // while the chain charged the site for two that month.
    l.ok(&["device", "remove", "54-0000-0002"]);
    l.json_at(LATER, &["deduct", "run"]);
    assert_eq!(tally(&l, id), [json!(202612), json!(1), json!(1)]);
    assert_eq!(l.verify()["ok"], true);
}

#[test]
fn a_rerun_of_a_partly_paid_site_charges_what_is_left_when_credits_come() {
    let l = Ledger::new();
    let id = site_after_december(&l, 3, "4");
    assert_eq!(tally(&l, id), [json!(202612), json!(3), json!(1)]);
    // Credits arrive in December: the two waiting units are charged at once, oldest first.
    let adjusted = l.json_at(
        LATER,
        &[
            "credits", "adjust", "--site", "Office", "--amount", "5", "--reason", "late",
        ],
    );
    assert_eq!(
        tally(&l, id),
        [json!(202612), json!(3), json!(3)],
        "{adjusted}"
    );
    let rerun = l.json_at(LATER, &["deduct", "run"]);
    assert_eq!(rerun["units_charged"], 0, "{rerun}");
    assert_eq!(rerun["units_waiting"], 0, "{rerun}");
    let credits = l.json_at(LATER, &["credits", "show", "--site", "Office"]);
    assert_eq!(credits["video"]["units_paid"], 3, "{credits}");
    assert_eq!(credits["video"]["balance"], 3, "{credits}");
    assert_eq!(l.verify()["charges"], 6);
}

#[test]
fn a_catch_up_run_that_charges_keeps_the_newer_months_tally() {
    let l = Ledger::new();
    // November's unit waits (no credits); December's is paid when credits come in December.
    let id = office_without_credits(&l, 1);
    assert_eq!(tally(&l, id), [json!(202611), json!(1), json!(0)]);
    l.json_at(
        DEC,
        &[
            "credits", "adjust", "--site", "Office", "--amount", "2", "--reason", "top-up",
        ],
    );
    assert_eq!(tally(&l, id), [json!(202612), json!(1), json!(1)]);
    // The catch-up of November charges its unit in the statement that moves the balance, and
    // leaves December's tally standing.
    let caught_up = l.json_at(DEC, &["deduct", "run", "--period", "2026-11"]);
    assert_eq!(caught_up["units_charged"], 1, "{caught_up}");
    assert_eq!(tally(&l, id), [json!(202612), json!(1), json!(1)]);
    assert_eq!(
        l.rows(&format!("SELECT video_balance FROM site WHERE id = {id}")),
        [[json!(0)]]
    );
    assert_eq!(l.json_at(DEC, &["deduct", "run"])["units_charged"], 0);
    assert_eq!(l.verify()["ok"], true);
}

/// A catch-up run after the site's units changed leaves a tally for a month before the latest
/// one charged: `ledger verify` counts that month's charges for it (not the latest month's),
/// and finds a tally that claims more.
#[test]
fn a_tally_older_than_the_latest_charge_is_checked_against_its_own_month() {
    let l = Ledger::new();
    // Two units wait in November; December's credits pay both for December, one left over.
    let id = office_without_credits(&l, 2);
    l.json_at(
        DEC,
        &[
            "credits", "adjust", "--site", "Office", "--amount", "3", "--reason", "top-up",
        ],
    );
    assert_eq!(tally(&l, id), [json!(202612), json!(2), json!(2)]);
    // A change of the units beside creditctl clears the tally; the catch-up of November pays
    // one of its two units.
    l.sql("UPDATE unit SET name = name");
    assert_eq!(tally(&l, id), [Value::Null, Value::Null, Value::Null]);
    l.json_at(DEC, &["deduct", "run", "--period", "2026-11"]);
    assert_eq!(tally(&l, id), [json!(202611), json!(2), json!(1)]);
    assert_eq!(l.verify()["ok"], true);
    // Both November units marked paid, where the chain charged one (and two in December).
    l.sql_unguarded(&format!("UPDATE site SET tally_paid = 2 WHERE id = {id}"));
    let err = l.fail(&["ledger", "verify"], 1);
    assert_eq!(err["code"], "ledger_altered", "{err}");
    let msg = err["message"].as_str().unwrap_or_default();
    assert!(
        msg.contains("2 of its 2 units are paid for 2026-11") && msg.contains("charged it for 1"),
        "{msg}"
    );
}

/// A redemption counts the site's units for the month in its transaction: when none waits, it
/// stores that count with the new balance, so that a rerun reads the site's tally again.
#[test]
fn a_redemption_with_no_unit_waiting_stores_the_months_tally() {
    let l = Ledger::new();
    l.distributor();
    let id = site_after_december(&l, 2, "10");
    l.ok(&["device", "remove", "54-0000-0002"]);
    assert_eq!(tally(&l, id), [Value::Null, Value::Null, Value::Null]);
    let code = l.voucher(&["--years", "1", "--subscriptions", "1"]);
    let done = l.json_at(
        LATER,
        &["voucher", "redeem", &code, "--site", "Office", "--yes"],
    );
    assert_eq!(done["units_activated"], 0, "{done}");
    assert_eq!(tally(&l, id), [json!(202612), json!(1), json!(1)]);
    let rerun = l.json_at(LATER, &["deduct", "run"]);
    assert_eq!(rerun["units_charged"], 0, "{rerun}");
    assert_eq!(l.verify()["ok"], true);
}
