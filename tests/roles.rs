//! Members and roles (SPEC section 5): every role against every command, lists limited to the
//! member's own rows, objects it may not see reported as not found, masked codes, and the limit
//! on guessing codes. Identities are named with `--as` on SQLite, where whoever can write the
//! file is trusted.

mod common;
use common::Ledger;
use serde_json::Value;

const OPERATOR: &str = "olga";
const DISTRIBUTOR: &str = "dora";
const SITE_ADMIN: &str = "sam";
const BILLING: &str = "bill";
const STRANGER: &str = "eve";

/// A ledger with a member of each role: dora for Acme, sam for site Office (not Harbour).
fn staffed() -> (Ledger, String, String) {
    let l = Ledger::sqlite();
    l.distributor();
    l.ok(&["distributor", "add", "Other"]);
    l.ok(&["distributor", "activate", "Other"]);
    l.site("Office", "device");
    l.site("Harbour", "device");
    l.ok(&[
        "device",
        "add",
        "--site",
        "Office",
        "--serial",
        "54-0000-0001",
    ]);
    l.ok(&[
        "device",
        "add",
        "--site",
        "Harbour",
        "--serial",
        "54-0000-0002",
    ]);
    let order = l.json(&[
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
        "--count",
        "4",
        "--payment",
        "card",
        "--yes",
    ]);
    l.ok(&[
        "voucher",
        "create",
        "--distributor",
        "Other",
        "--name",
        "W",
        "--years",
        "1",
        "--subscriptions",
        "1",
        "--payment",
        "card",
        "--yes",
    ]);
    l.ok(&[
        "credits",
        "buy",
        "--site",
        "Office",
        "--sms",
        "500",
        "--payment",
        "card",
        "--yes",
    ]);
    for (name, role, bind) in [
        (OPERATOR, "operator", vec![]),
        (DISTRIBUTOR, "distributor", vec!["--distributor", "Acme"]),
        (SITE_ADMIN, "site-admin", vec!["--site", "Office"]),
        (BILLING, "billing", vec![]),
    ] {
        let mut args = vec!["--as", OPERATOR, "member", "add", name, "--role", role];
        args.extend(bind);
        l.ok(&args);
    }
    let code = |i: usize| order["vouchers"][i]["code"].as_str().unwrap().to_string();
    (l, code(0), code(1))
}

fn as_(who: &str, args: &[&str]) -> Vec<String> {
    let mut all = vec!["--as".to_string(), who.to_string()];
    all.extend(args.iter().map(|s| s.to_string()));
    all
}

/// Each command, and the roles that may run it (SPEC section 5's table).
fn commands(code: &str, other: &str, copy_to: &str) -> Vec<(Vec<String>, &'static [&'static str])> {
    use self::{BILLING as B, DISTRIBUTOR as D, OPERATOR as O, SITE_ADMIN as S};
    let c = |args: &[&str]| args.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    vec![
        (c(&["distributor", "add", "New Co"]), &[O]),
        (c(&["distributor", "list"]), &[O, B]),
        (c(&["distributor", "activate", "Acme"]), &[O]),
        (
            c(&["site", "create", "Annex", "--model", "device"]),
            &[O, S],
        ),
        (c(&["site", "list"]), &[O, S, B]),
        (c(&["site", "show", "Office"]), &[O, S, B]),
        (
            c(&[
                "device",
                "add",
                "--site",
                "Office",
                "--serial",
                "54-0000-0009",
            ]),
            &[O, S],
        ),
        (c(&["device", "list"]), &[O, S, B]),
        (c(&["device", "remove", "54-0000-0001"]), &[O, S]),
        (
            c(&[
                "voucher",
                "create",
                "--distributor",
                "Acme",
                "--name",
                "X",
                "--years",
                "1",
                "--subscriptions",
                "1",
                "--payment",
                "card",
                "--yes",
            ]),
            &[O, D],
        ),
        (c(&["voucher", "list"]), &[O, D, B]),
        (c(&["voucher", "show", code]), &[O, D, S, B]),
        (c(&["voucher", "export"]), &[O, D, B]),
        (c(&["voucher", "attempts"]), &[O, B]),
        (
            c(&["voucher", "redeem", code, "--site", "Office", "--yes"]),
            &[O, S],
        ),
        (c(&["voucher", "cancel", other, "--yes"]), &[O]),
        (c(&["license", "catalog"]), &[O, D, B]),
        (
            c(&["license", "available", "--serial", "54-0000-0001"]),
            &[O, D, B],
        ),
        (c(&["license", "list"]), &[O, D, B]),
        (
            c(&[
                "license",
                "buy",
                "--serial",
                "54-0000-0001",
                "--license",
                "nfc",
                "--distributor",
                "Acme",
                "--payment",
                "card",
                "--yes",
            ]),
            &[O, D],
        ),
        (c(&["credits", "show"]), &[O, S, B]),
        (c(&["credits", "history", "--site", "Office"]), &[O, S, B]),
        (
            c(&[
                "credits",
                "buy",
                "--site",
                "Office",
                "--credits",
                "1",
                "--payment",
                "card",
                "--yes",
            ]),
            &[O, S],
        ),
        (
            c(&[
                "credits",
                "use",
                "--site",
                "Office",
                "--sms",
                "50",
                "--reference",
                "r1",
            ]),
            &[O, S],
        ),
        (
            c(&[
                "credits", "adjust", "--site", "Office", "--amount", "1", "--reason", "x",
            ]),
            &[O],
        ),
        (c(&["deduct", "run"]), &[O, B]),
        (c(&["payment", "list"]), &[O, D, S, B]),
        (c(&["price", "show"]), &[O, D, B]),
        (c(&["price", "set", "sms-50", "5.00"]), &[O]),
        (c(&["ledger", "verify"]), &[O, B]),
        (c(&["ledger", "copy", "--to", copy_to]), &[O]),
        (c(&["member", "list"]), &[O]),
        (c(&["key", "list"]), &[O]),
        (c(&["member", "add", "zed", "--role", "billing"]), &[O]),
        // Last, as they change what the commands above name (a name is found in any case).
        (c(&["site", "rename", "Office", "office"]), &[O, S]),
        (c(&["distributor", "deactivate", "Other"]), &[O]),
    ]
}

#[test]
fn every_role_against_every_command() {
    for who in [OPERATOR, DISTRIBUTOR, SITE_ADMIN, BILLING, STRANGER] {
        let (l, code, other) = staffed();
        let copy_to = l.dir.path().join(format!("copy-{who}.db"));
        for (args, roles) in commands(&code, &other, copy_to.to_str().unwrap()) {
            let full = as_(who, &args.iter().map(String::as_str).collect::<Vec<_>>());
            let full: Vec<&str> = full.iter().map(String::as_str).collect();
            if roles.contains(&who) {
                let out = l.cmd().args(&full).arg("--json").output().unwrap();
                assert_ne!(
                    out.status.code(),
                    Some(7),
                    "{who} may run {args:?}: {}",
                    String::from_utf8_lossy(&out.stderr)
                );
                assert!(
                    out.status.success(),
                    "{who} {args:?}: {}",
                    String::from_utf8_lossy(&out.stderr)
                );
            } else {
                let err = l.fail(&full, 7);
                assert_eq!(err["code"], "forbidden", "{who} {args:?}: {err}");
                let message = err["message"].as_str().unwrap();
                if who == STRANGER {
                    assert!(message.contains("not a member"), "{message}");
                } else {
                    assert!(message.contains("role"), "{message}");
                    assert!(!message.contains('\n'));
                }
            }
        }
    }
}

fn codes(v: &Value) -> Vec<String> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|x| x["code"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn members_see_their_own_rows_and_nothing_else_exists_for_them() {
    let (l, code, _) = staffed();
    // A distributor lists its own vouchers, whole; another's code is "not found".
    let mine = l.json(
        &as_(DISTRIBUTOR, &["voucher", "list"])
            .iter()
            .map(String::as_str)
            .collect::<Vec<_>>(),
    );
    assert_eq!(mine.as_array().unwrap().len(), 4);
    assert!(codes(&mine).iter().all(|c| c.len() == 21), "{mine}");
    let others = l.json(&[
        "--as",
        OPERATOR,
        "voucher",
        "list",
        "--distributor",
        "Other",
    ]);
    let other_code = codes(&others)[0].clone();
    let err = l.fail(&["--as", DISTRIBUTOR, "voucher", "show", &other_code], 3);
    assert_eq!(err["code"], "not_found");
    l.fail(
        &[
            "--as",
            DISTRIBUTOR,
            "voucher",
            "list",
            "--distributor",
            "Other",
        ],
        3,
    );
    // Billing sees every voucher, but unused codes only as their first group.
    let all = l.json(&["--as", BILLING, "voucher", "list"]);
    assert_eq!(all.as_array().unwrap().len(), 5);
    assert!(codes(&all).iter().all(|c| c.ends_with("-…")), "{all}");
    // A site administrator sees its sites only; another site is "not found", even to write.
    let sites = l.json(&["--as", SITE_ADMIN, "site", "list"]);
    assert_eq!(sites.as_array().unwrap().len(), 1);
    assert_eq!(sites[0]["site"]["name"], "Office");
    l.fail(&["--as", SITE_ADMIN, "site", "show", "Harbour"], 3);
    l.fail(
        &[
            "--as", SITE_ADMIN, "credits", "history", "--site", "Harbour",
        ],
        3,
    );
    l.fail(&["--as", SITE_ADMIN, "device", "remove", "54-0000-0002"], 3);
    l.fail(
        &[
            "--as", SITE_ADMIN, "voucher", "redeem", &code, "--site", "Harbour", "--yes",
        ],
        3,
    );
    let devices = l.json(&["--as", SITE_ADMIN, "device", "list"]);
    assert_eq!(devices.as_array().unwrap().len(), 1);
    // Payments: the distributor's own orders; the site's own purchases.
    let dora_pays = l.json(&["--as", DISTRIBUTOR, "payment", "list"]);
    assert!(
        dora_pays
            .as_array()
            .unwrap()
            .iter()
            .all(|p| p["distributor"] == "Acme")
    );
    let sam_pays = l.json(&["--as", SITE_ADMIN, "payment", "list"]);
    assert!(
        sam_pays
            .as_array()
            .unwrap()
            .iter()
            .all(|p| p["site_id"] == 1)
    );
    assert_eq!(sam_pays.as_array().unwrap().len(), 1);
    // A site administrator who creates a site administers it.
    l.ok(&[
        "--as", SITE_ADMIN, "site", "create", "Annex", "--model", "device",
    ]);
    assert_eq!(
        l.json(&["--as", SITE_ADMIN, "site", "list"])
            .as_array()
            .unwrap()
            .len(),
        2
    );
}

#[test]
fn the_first_member_is_an_operator_and_the_last_operator_stays() {
    let l = Ledger::sqlite();
    l.distributor();
    let err = l.fail(&["member", "add", "bill", "--role", "billing"], 4);
    assert_eq!(err["code"], "first_member_operator");
    l.fail(&["member", "add", "dora", "--role", "distributor"], 4);
    // Before any member, everyone acts as operator.
    l.ok(&["--as", "anyone", "price", "set", "sms-50", "5.50"]);
    l.ok(&["member", "add", "olga", "--role", "operator"]);
    // From now on a non-member may do nothing, not even read.
    let err = l.fail(&["--as", "anyone", "price", "show"], 7);
    assert_eq!(err["code"], "forbidden");
    // Bindings fit roles.
    l.fail(
        &[
            "--as",
            "olga",
            "member",
            "add",
            "dora",
            "--role",
            "distributor",
        ],
        2,
    );
    l.fail(
        &[
            "--as",
            "olga",
            "member",
            "add",
            "sam",
            "--role",
            "site-admin",
            "--distributor",
            "Acme",
        ],
        2,
    );
    let err = l.fail(&["--as", "olga", "member", "remove", "olga"], 4);
    assert_eq!(err["code"], "last_operator");
    l.ok(&[
        "--as", "olga", "member", "add", "otto", "--role", "operator",
    ]);
    l.ok(&["--as", "otto", "member", "remove", "olga"]);
    l.fail(&["--as", "olga", "member", "list"], 7);
}

#[test]
fn ten_failed_redemptions_within_an_hour_block_the_eleventh_even_with_the_right_code() {
    let (l, code, _) = staffed();
    let bad = "ZZZZ-ZZZZ-ZZZZ-ZZZZ-Z";
    for _ in 0..10 {
        let out = l
            .cmd()
            .args([
                "--as", SITE_ADMIN, "voucher", "redeem", bad, "--site", "Office", "--yes", "--json",
            ])
            .output()
            .unwrap();
        assert!(
            matches!(out.status.code(), Some(2 | 3)),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let attempts = l.json(&["--as", OPERATOR, "voucher", "attempts", "--site", "Office"]);
    assert_eq!(attempts.as_array().unwrap().len(), 10);
    assert_eq!(attempts[0]["code_prefix"], "ZZZZ");
    assert_eq!(attempts[0]["identity"], SITE_ADMIN);
    // The eleventh, with the right code, is refused and writes nothing.
    let err = l.fail(
        &[
            "--as", SITE_ADMIN, "voucher", "redeem", &code, "--site", "Office", "--yes",
        ],
        4,
    );
    assert_eq!(err["code"], "too_many_attempts");
    assert!(
        err["message"]
            .as_str()
            .unwrap()
            .contains("2026-11-05T11:00:00Z"),
        "{err}"
    );
    // An hour later it works.
    let later = "2026-11-05T11:00:01Z";
    let out = l
        .cmd_at(later)
        .args([
            "--as", SITE_ADMIN, "voucher", "redeem", &code, "--site", "Office", "--yes", "--json",
        ])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(l.json(&["--as", OPERATOR, "ledger", "verify"])["ok"], true);
}

/// On PostgreSQL the engine holds the line too: a member logs in as its own database user, acts
/// through its group role, and cannot change or delete ledger rows even with a plain client.
#[test]
fn on_postgresql_a_member_acts_through_its_group_role_and_cannot_rewrite_the_ledger() {
    let l = Ledger::new();
    if !l.is_postgres() {
        eprintln!("not run: the suite runs on SQLite (set $CREDITCTL_TEST_PG)");
        return;
    }
    l.distributor();
    l.site("Office", "device");
    l.ok(&[
        "credits", "adjust", "--site", "Office", "--amount", "5", "--reason", "opening",
    ]);
    // The DBA's two lines: a login role, allowed to connect.
    let suffix = std::process::id();
    let sam = format!("sam_{suffix}_{}", l.number("SELECT count(*) FROM site"));
    let dbname = l.location_str().rsplit('/').next().unwrap().to_string();
    l.sql(&format!(
        "DROP ROLE IF EXISTS {sam}; CREATE ROLE {sam} LOGIN; GRANT CONNECT ON DATABASE {dbname} TO {sam}"
    ));
    l.ok(&["member", "add", "postgres", "--role", "operator"]);
    l.ok(&[
        "member",
        "add",
        &sam,
        "--role",
        "site-admin",
        "--site",
        "Office",
    ]);
    let as_sam = common::with_user(&l.location_str(), &sam);
    let out = l
        .cmd()
        .env("CREDITCTL_DB", &as_sam)
        .args([
            "credits",
            "buy",
            "--site",
            "Office",
            "--credits",
            "2",
            "--payment",
            "card",
            "--yes",
            "--json",
        ])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let history = l.json(&["credits", "history", "--site", "Office"]);
    assert_eq!(
        history.as_array().unwrap().last().unwrap()["actor"],
        sam.as_str()
    );
    // Its group role may rename its site (and nothing about a distributor).
    let rename = l
        .cmd()
        .env("CREDITCTL_DB", &as_sam)
        .args(["site", "rename", "Office", "Office East", "--json"])
        .output()
        .unwrap();
    assert!(
        rename.status.success(),
        "{}",
        String::from_utf8_lossy(&rename.stderr)
    );
    assert_eq!(
        l.json(&["site", "show", "Office East"])["site"]["name"],
        "Office East"
    );
    l.ok(&["site", "rename", "Office East", "Office"]);
    // A plain client logged in as sam.
    let mut c = postgres::Client::connect(&as_sam, postgres::NoTls).unwrap();
    for statement in [
        "UPDATE ledger SET amount = 1000 WHERE site_id IS NOT NULL",
        "DELETE FROM ledger",
        "TRUNCATE ledger",
        "UPDATE payment SET amount_minor = 0",
        "DELETE FROM charge",
        "UPDATE price SET amount_minor = 0",
        "UPDATE distributor SET deactivated_at = 'x'",
    ] {
        let e = c.batch_execute(statement).unwrap_err();
        let why = e
            .as_db_error()
            .map(|d| d.message().to_string())
            .unwrap_or_default();
        assert!(why.contains("permission denied"), "{statement}: {why}");
    }
    drop(c);
    l.ok(&["member", "remove", &sam]);
    let out = l
        .cmd()
        .env("CREDITCTL_DB", &as_sam)
        .args(["credits", "show", "--json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(7));
    l.sql(&format!(
        "REVOKE CONNECT ON DATABASE {dbname} FROM {sam}; DROP ROLE {sam}"
    ));
    assert_eq!(l.verify()["ok"], true);
}
