//! Names of sites and distributors (issue 12): unique whatever their case, found in any case
//! (the exact spelling first), a mistyped name answered with the closest name the actor may see,
//! `site rename`, messages that name a site by its name, and `distributor deactivate`.

mod common;
use common::Ledger;

fn message(err: &serde_json::Value) -> String {
    err["message"].as_str().unwrap().to_string()
}

#[test]
fn a_site_name_taken_in_any_case_is_refused_and_writes_nothing() {
    let l = Ledger::new();
    l.site("Harbour Office", "device");
    for name in ["Harbour Office", "harbour office", " HARBOUR OFFICE "] {
        let err = l.fail(&["site", "create", name, "--model", "apartment"], 4);
        assert_eq!(err["code"], "already_exists", "{err}");
        assert!(message(&err).contains("'Harbour Office'"), "{err}");
    }
    assert_eq!(l.json(&["site", "list"]).as_array().unwrap().len(), 1);
    // The same for distributors.
    l.distributor();
    let err = l.fail(&["distributor", "add", "ACME"], 4);
    assert_eq!(err["code"], "already_exists", "{err}");
}

#[test]
fn names_are_found_in_any_case_and_the_exact_spelling_wins() {
    let l = Ledger::new();
    let harbour = l.site("Harbour Office", "device");
    l.ok(&["distributor", "add", "Acme"]);
    l.ok(&["distributor", "activate", "acme"]);
    let shown = l.json(&["site", "show", "harbour OFFICE"]);
    assert_eq!(shown["site"]["id"], harbour, "{shown}");
    let d = l.json(&["distributor", "list"]);
    assert!(d[0]["activated_at"].is_string(), "{d}");
    // A ledger from before names were unique may hold names differing in case only.
    l.sql(
        "INSERT INTO site (id, name, model, created_at, created_by) VALUES (2, 'HARBOUR OFFICE', 'device', '2026-11-05T10:00:00Z', 'old')",
    );
    assert_eq!(l.json(&["site", "show", "HARBOUR OFFICE"])["site"]["id"], 2);
    assert_eq!(
        l.json(&["site", "show", "Harbour Office"])["site"]["id"],
        harbour
    );
    let err = l.fail(&["site", "show", "harbour office"], 2);
    assert!(
        message(&err).contains("more than one site is named"),
        "{err}"
    );
    l.verify();
}

#[test]
fn an_unknown_name_suggests_the_closest_one_the_actor_may_see() {
    let l = Ledger::sqlite();
    l.site("Office", "device");
    l.site("Harbour", "device");
    l.distributor();
    let err = l.fail(&["site", "show", "Harbor"], 3);
    assert_eq!(err["code"], "not_found");
    assert!(message(&err).contains("did you mean 'Harbour'?"), "{err}");
    assert!(!message(&err).contains('\n'));
    let err = l.fail(
        &[
            "voucher",
            "create",
            "--distributor",
            "Acmee",
            "--name",
            "V",
            "--years",
            "1",
            "--subscriptions",
            "1",
            "--payment",
            "card",
            "--yes",
        ],
        3,
    );
    assert!(message(&err).contains("did you mean 'Acme'?"), "{err}");
    // Nothing close: no suggestion.
    let err = l.fail(&["site", "show", "Warehouse"], 3);
    assert!(!message(&err).contains("did you mean"), "{err}");
    // A site administrator of Office is offered Office, never Harbour, which it may not see.
    l.ok(&[
        "--as", "olga", "member", "add", "olga", "--role", "operator",
    ]);
    l.ok(&[
        "--as",
        "olga",
        "member",
        "add",
        "sam",
        "--role",
        "site-admin",
        "--site",
        "Office",
    ]);
    let err = l.fail(&["--as", "sam", "site", "show", "Harbor"], 3);
    assert!(!message(&err).contains("Harbour"), "{err}");
    let err = l.fail(&["--as", "sam", "site", "show", "Ofice"], 3);
    assert!(message(&err).contains("did you mean 'Office'?"), "{err}");
    let err = l.fail(&["--as", "sam", "site", "show", "harbour"], 3);
    assert!(!message(&err).contains("did you mean"), "{err}");
}

#[test]
fn site_rename_keeps_names_unique_and_the_site_its_history() {
    let l = Ledger::new();
    let id = l.site("Harbour Office", "device");
    l.site("Annex", "device");
    l.ok(&[
        "credits",
        "buy",
        "--site",
        "Harbour Office",
        "--credits",
        "12",
        "--payment",
        "card",
    ]);
    let renamed = l.json(&["site", "rename", "harbour office", "Harbour HQ"]);
    assert_eq!(renamed["id"], id);
    assert_eq!(renamed["name"], "Harbour HQ");
    assert_eq!(l.credits("Harbour HQ")["video"]["balance"], 12);
    let err = l.fail(&["site", "show", "Harbour Office"], 3);
    assert!(
        message(&err).contains("did you mean 'Harbour HQ'?"),
        "{err}"
    );
    // Another site's name, in any case, is refused; a change of case of its own is not.
    let err = l.fail(&["site", "rename", "Harbour HQ", "ANNEX"], 4);
    assert_eq!(err["code"], "already_exists");
    l.fail(&["site", "rename", "Harbour HQ", "  "], 2);
    l.fail(&["site", "rename", "Harbour HQ", "42"], 2);
    l.fail(&["site", "rename", "Nowhere", "Somewhere"], 3);
    assert_eq!(
        l.json(&["site", "rename", "Harbour HQ", "harbour hq"])["name"],
        "harbour hq"
    );
    // A rename is not a value: the chain is unchanged and verifies.
    l.verify();
}

#[test]
fn a_site_administrator_renames_its_own_sites_only() {
    let l = Ledger::sqlite();
    l.site("Office", "device");
    l.site("Harbour", "device");
    l.ok(&[
        "--as", "olga", "member", "add", "olga", "--role", "operator",
    ]);
    l.ok(&[
        "--as",
        "olga",
        "member",
        "add",
        "sam",
        "--role",
        "site-admin",
        "--site",
        "Office",
    ]);
    l.ok(&["--as", "olga", "member", "add", "bill", "--role", "billing"]);
    assert_eq!(
        l.json(&["--as", "sam", "site", "rename", "Office", "Office East"])["name"],
        "Office East"
    );
    l.fail(&["--as", "sam", "site", "rename", "Harbour", "Mine"], 3);
    let err = l.fail(&["--as", "bill", "site", "rename", "Harbour", "Mine"], 7);
    assert_eq!(err["code"], "forbidden");
}

#[test]
fn messages_name_the_site_by_its_name() {
    let l = Ledger::new();
    l.site("Harbour Office", "device");
    let err = l.fail(
        &[
            "credits",
            "adjust",
            "--site",
            "Harbour Office",
            "--amount",
            "-5",
            "--reason",
            "x",
        ],
        4,
    );
    assert!(message(&err).contains("site 'Harbour Office' (1)"), "{err}");
    let err = l.fail(&["apartment", "add", "--site", "Harbour Office", "1A"], 4);
    assert!(message(&err).contains("site 'Harbour Office' (1)"), "{err}");
}

fn buy_voucher(l: &Ledger, distributor: &str) -> std::process::Output {
    l.cmd()
        .args([
            "voucher",
            "create",
            "--distributor",
            distributor,
            "--name",
            "V",
            "--years",
            "1",
            "--subscriptions",
            "1",
            "--payment",
            "card",
            "--yes",
            "--json",
        ])
        .output()
        .unwrap()
}

#[test]
fn a_deactivated_distributor_buys_nothing_and_its_codes_stay_valid() {
    let l = Ledger::new();
    l.distributor();
    l.site("Office", "device");
    let code = l.voucher(&["--years", "1", "--subscriptions", "1"]);
    let d = l.json(&["distributor", "deactivate", "acme"]);
    assert!(d["deactivated_at"].is_string(), "{d}");
    // Deactivating again changes nothing.
    assert_eq!(l.json(&["distributor", "deactivate", "Acme"]), d);
    let voucher = [
        "voucher",
        "create",
        "--distributor",
        "Acme",
        "--name",
        "V",
        "--years",
        "1",
        "--subscriptions",
        "1",
        "--payment",
        "card",
        "--yes",
    ];
    for args in [&voucher[..], &[&voucher[..12], &["--dry-run"][..]].concat()] {
        let err = l.fail(args, 4);
        assert_eq!(err["code"], "distributor_deactivated", "{err}");
        assert!(message(&err).contains("'Acme'"), "{err}");
    }
    let err = l.fail(
        &[
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
        ],
        4,
    );
    assert_eq!(err["code"], "distributor_deactivated", "{err}");
    // The code bought before stays valid.
    let redeemed = l.json(&["voucher", "redeem", &code, "--site", "Office", "--yes"]);
    assert_eq!(redeemed["credits_added"], 12, "{redeemed}");
    // Activating lifts the deactivation.
    let d = l.json(&["distributor", "activate", "Acme"]);
    assert!(d["deactivated_at"].is_null(), "{d}");
    assert!(buy_voucher(&l, "Acme").status.success());
    l.verify();
}

#[test]
fn only_the_operator_deactivates_a_distributor() {
    let l = Ledger::sqlite();
    l.distributor();
    l.ok(&[
        "--as", "olga", "member", "add", "olga", "--role", "operator",
    ]);
    l.ok(&[
        "--as",
        "olga",
        "member",
        "add",
        "dora",
        "--role",
        "distributor",
        "--distributor",
        "Acme",
    ]);
    l.ok(&["--as", "olga", "member", "add", "bill", "--role", "billing"]);
    for who in ["dora", "bill"] {
        let err = l.fail(&["--as", who, "distributor", "deactivate", "Acme"], 7);
        assert_eq!(err["code"], "forbidden");
        assert!(message(&err).contains("operator"), "{err}");
    }
    l.ok(&["--as", "olga", "distributor", "deactivate", "Acme"]);
    let err = l.fail(
        &[
            "--as",
            "dora",
            "voucher",
            "create",
            "--distributor",
            "Acme",
            "--name",
            "V",
            "--years",
            "1",
            "--subscriptions",
            "1",
            "--payment",
            "card",
            "--yes",
        ],
        4,
    );
    assert_eq!(err["code"], "distributor_deactivated");
}

#[test]
fn tables_name_the_site_by_its_name() {
    let l = Ledger::new();
    l.site("Harbour Office", "device");
    for args in [
        &[
            "credits", "adjust", "--site", "1", "--amount", "5", "--reason", "x",
        ][..],
        &["device", "add", "--site", "1", "--serial", "54-0123-4567"],
    ] {
        let out = l.ok(args);
        assert!(out.contains("Harbour Office (1)"), "{args:?}: {out}");
    }
}
