//! `ledger verify` finds changes made outside creditctl and names the first bad row.

mod common;
use common::Ledger;

fn busy_ledger() -> Ledger {
    let l = Ledger::new();
    l.site("Office", "device");
    l.ok(&[
        "device",
        "add",
        "--site",
        "Office",
        "--serial",
        "54-0123-4567",
    ]);
    l.ok(&[
        "credits", "adjust", "--site", "Office", "--amount", "10", "--reason", "opening",
    ]);
    l.ok(&[
        "credits",
        "buy",
        "--site",
        "Office",
        "--sms",
        "100",
        "--payment",
        "card",
    ]);
    l.ok(&[
        "credits",
        "use",
        "--site",
        "Office",
        "--sms",
        "3",
        "--reference",
        "invite-1",
    ]);
    assert_eq!(l.verify()["rows"], 4);
    l
}

fn sql(l: &Ledger, statements: &str) {
    rusqlite::Connection::open(&l.db)
        .unwrap()
        .execute_batch(statements)
        .unwrap();
}

fn altered(l: &Ledger) -> String {
    let err = l.fail(&["ledger", "verify"], 1);
    assert_eq!(err["code"], "ledger_altered", "{err}");
    err["message"].as_str().unwrap().to_string()
}

#[test]
fn the_ledger_refuses_updates_and_deletes_through_sql() {
    let l = busy_ledger();
    let conn = rusqlite::Connection::open(&l.db).unwrap();
    assert!(
        conn.execute("UPDATE ledger SET amount = 100 WHERE id = 2", [])
            .is_err()
    );
    assert!(conn.execute("DELETE FROM ledger WHERE id = 2", []).is_err());
    assert!(conn.execute("DELETE FROM charge", []).is_err());
}

#[test]
fn a_changed_amount_is_found_and_named() {
    let l = busy_ledger();
    sql(
        &l,
        "DROP TRIGGER ledger_no_update; UPDATE ledger SET amount = 100 WHERE id = 1;",
    );
    assert!(altered(&l).contains("ledger row 1"));
}

#[test]
fn a_changed_balance_is_found_and_names_the_site() {
    let l = busy_ledger();
    sql(&l, "UPDATE site SET video_balance = 500 WHERE id = 1;");
    let msg = altered(&l);
    assert!(msg.contains("site 1") && msg.contains("video"), "{msg}");
}

#[test]
fn a_deleted_row_is_found() {
    let l = busy_ledger();
    sql(
        &l,
        "PRAGMA foreign_keys = OFF; DROP TRIGGER ledger_no_delete; DELETE FROM ledger WHERE id = 2;",
    );
    assert!(altered(&l).contains("ledger row 3"));
}

#[test]
fn a_changed_actor_is_found() {
    let l = busy_ledger();
    // Not only money: every field is under the hash.
    sql(
        &l,
        "DROP TRIGGER ledger_no_update; UPDATE ledger SET actor = 'mallory' WHERE id = 3;",
    );
    assert!(altered(&l).contains("ledger row 3"));
}
