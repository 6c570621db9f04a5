mod common;
use common::Ledger;

#[test]
fn harness_runs_the_binary() {
    let l = Ledger::new();
    let id = l.site("Office", "device");
    assert_eq!(l.credits(&id.to_string())["video"]["balance"], 0);
    l.fail(&["site", "show", "99"], 3);
    assert_eq!(l.verify()["ok"], true);
}

#[test]
fn read_only_commands_do_not_create_a_ledger() {
    let l = Ledger::new();
    for args in [
        &["price", "show"][..],
        &["license", "catalog"],
        &["license", "available", "--serial", "54-0123-4567"],
        &["credits", "show"],
        &["ledger", "verify"],
    ] {
        l.fail(args, 3);
        assert!(!l.exists(), "{args:?} created a ledger");
    }
}
