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
