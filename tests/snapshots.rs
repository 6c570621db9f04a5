//! Whole human outputs, pinned, so that a change in what people see shows up in review.

mod common;
use common::Ledger;

#[test]
fn price_list_as_people_see_it() {
    let l = Ledger::new();
    l.tables("drawn");
    l.ok(&["distributor", "add", "Acme"]);
    insta::assert_snapshot!(l.ok(&["price", "show"]));
}

#[test]
fn order_preview_as_people_see_it() {
    let l = Ledger::new();
    l.tables("drawn");
    l.distributor();
    let out = l.ok(&[
        "voucher",
        "create",
        "--distributor",
        "Acme",
        "--name",
        "Harbour 2027",
        "--years",
        "2",
        "--subscriptions",
        "10",
        "--count",
        "3",
        "--payment",
        "invoice",
        "--dry-run",
    ]);
    insta::assert_snapshot!(out);
}

#[test]
fn deduction_summary_as_people_see_it() {
    let l = Ledger::new();
    l.tables("drawn");
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
        "credits",
        "adjust",
        "--site",
        "Office",
        "--amount",
        "5",
        "--reason",
        "opening balance",
    ]);
    let out = l
        .cmd_at("2026-12-01T00:05:00Z")
        .args(["deduct", "run"])
        .output()
        .unwrap();
    assert!(out.status.success());
    insta::assert_snapshot!(String::from_utf8(out.stdout).unwrap());
}
