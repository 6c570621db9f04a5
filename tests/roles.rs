//! Members and roles (SPEC section 5): every role against every command, lists limited to the
//! member's own rows, objects it may not see reported as not found, masked codes, and the limit
//! on guessing codes. On SQLite identities are named with `$CREDITCTL_ACTOR` (whoever can write
//! the file is trusted); on PostgreSQL each member is a login role of its own that the commands
//! log in as, so the same tests also prove that each group role's privileges suffice for what
//! its role may do.

mod common;
use common::Ledger;
use serde_json::Value;

const OPERATOR: &str = "olga";
const DISTRIBUTOR: &str = "dora";
const SITE_ADMIN: &str = "sam";
const BILLING: &str = "bill";
const STRANGER: &str = "eve";

/// A ledger with a member of each role, and the identities they act as.
struct Staff {
    l: Ledger,
    /// An unused code of Acme's, and another.
    code: String,
    other: String,
    olga: String,
    dora: String,
    sam: String,
    bill: String,
    eve: String,
}

impl Staff {
    /// The identity of one of the named people.
    fn who(&self, name: &str) -> &str {
        match name {
            OPERATOR => &self.olga,
            DISTRIBUTOR => &self.dora,
            SITE_ADMIN => &self.sam,
            BILLING => &self.bill,
            _ => &self.eve,
        }
    }

    /// The ledger, acting as one of the named people.
    fn by(&self, name: &str) -> &Ledger {
        self.l.by(self.who(name))
    }
}

/// A ledger with a member of each role: dora for Acme, sam for site Office (not Harbour).
fn staffed() -> Staff {
    let l = Ledger::new();
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
    let code = |i: usize| order["vouchers"][i]["code"].as_str().unwrap().to_string();
    let staff = Staff {
        code: code(0),
        other: code(1),
        olga: l.login_role(OPERATOR),
        dora: l.login_role(DISTRIBUTOR),
        sam: l.login_role(SITE_ADMIN),
        bill: l.login_role(BILLING),
        eve: l.login_role(STRANGER),
        l,
    };
    // The first member is added by whoever runs the ledger so far (no members: anyone is
    // operator); from then on the operator adds the others.
    staff
        .l
        .ok(&["member", "add", &staff.olga, "--role", "operator"]);
    for (name, role, bind) in [
        (DISTRIBUTOR, "distributor", vec!["--distributor", "Acme"]),
        (SITE_ADMIN, "site-admin", vec!["--site", "Office"]),
        (BILLING, "billing", vec![]),
    ] {
        let mut args = vec!["member", "add", staff.who(name), "--role", role];
        args.extend(bind);
        staff.by(OPERATOR).ok(&args);
    }
    staff
}

/// Each command, and the roles that may run it (SPEC section 5's table).
fn commands(
    code: &str,
    other: &str,
    copy_to: &str,
    newcomer: &str,
) -> Vec<(Vec<String>, &'static [&'static str])> {
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
        (c(&["credits", "show", "--status", "halted"]), &[O, S, B]),
        (c(&["credits", "forecast"]), &[O, S, B]),
        (c(&["voucher", "report"]), &[O, D, B]),
        (
            c(&["voucher", "list", "--expiring-within", "30"]),
            &[O, D, B],
        ),
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
        (c(&["deduct", "run", "--alert-months", "2"]), &[O, B]),
        (c(&["payment", "list"]), &[O, D, S, B]),
        (c(&["price", "show"]), &[O, D, B]),
        (c(&["price", "set", "sms-50", "5.00"]), &[O]),
        (c(&["ledger", "verify"]), &[O, B]),
        (c(&["ledger", "copy", "--to", copy_to]), &[O]),
        (c(&["member", "list"]), &[O]),
        (c(&["key", "list"]), &[O]),
        (c(&["member", "add", newcomer, "--role", "billing"]), &[O]),
        // Last, as they change what the commands above name (a name is found in any case).
        (c(&["site", "rename", "Office", "office"]), &[O, S]),
        (c(&["distributor", "deactivate", "Other"]), &[O]),
    ]
}

#[test]
fn every_role_against_every_command() {
    for who in [OPERATOR, DISTRIBUTOR, SITE_ADMIN, BILLING, STRANGER] {
        let s = staffed();
        let copy_to = s.l.dir.path().join(format!("copy-{who}.db"));
        let newcomer = s.l.login_role("zed");
        for (args, roles) in commands(&s.code, &s.other, copy_to.to_str().unwrap(), &newcomer) {
            let args: Vec<&str> = args.iter().map(String::as_str).collect();
            let l = s.by(who);
            if roles.contains(&who) {
                let out = l.cmd().args(&args).arg("--json").output().unwrap();
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
                let err = l.fail(&args, 7);
                assert_eq!(err["code"], "forbidden", "{who} {args:?}: {err}");
                let message = err["message"].as_str().unwrap();
                if who == STRANGER {
                    // On PostgreSQL the engine itself turns a stranger away (its login role has
                    // no group role), before creditctl looks it up, and says who makes it one.
                    let why = if l.is_postgres() {
                        "an operator makes the user a member with `creditctl member add`"
                    } else {
                        "not a member"
                    };
                    assert!(message.contains(why), "{message}");
                } else {
                    assert!(message.contains("role"), "{message}");
                    assert!(!message.contains('\n'));
                }
            }
        }
        assert_eq!(s.by(OPERATOR).verify()["ok"], true);
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
    let s = staffed();
    let code = &s.code;
    // A distributor lists its own vouchers, whole; another's code is "not found".
    let mine = s.by(DISTRIBUTOR).json(&["voucher", "list"]);
    assert_eq!(mine.as_array().unwrap().len(), 4);
    assert!(codes(&mine).iter().all(|c| c.len() == 21), "{mine}");
    let others = s
        .by(OPERATOR)
        .json(&["voucher", "list", "--distributor", "Other"]);
    let other_code = codes(&others)[0].clone();
    let err = s.by(DISTRIBUTOR).fail(&["voucher", "show", &other_code], 3);
    assert_eq!(err["code"], "not_found");
    s.by(DISTRIBUTOR)
        .fail(&["voucher", "list", "--distributor", "Other"], 3);
    // Billing sees every voucher, but unused codes only as their first group.
    let all = s.by(BILLING).json(&["voucher", "list"]);
    assert_eq!(all.as_array().unwrap().len(), 5);
    assert!(codes(&all).iter().all(|c| c.ends_with("-…")), "{all}");
    // A site administrator sees its sites only; another site is "not found", even to write.
    let sam = s.by(SITE_ADMIN);
    let sites = sam.json(&["site", "list"]);
    assert_eq!(sites.as_array().unwrap().len(), 1);
    assert_eq!(sites[0]["site"]["name"], "Office");
    sam.fail(&["site", "show", "Harbour"], 3);
    sam.fail(&["credits", "history", "--site", "Harbour"], 3);
    sam.fail(&["device", "remove", "54-0000-0002"], 3);
    sam.fail(
        &["voucher", "redeem", code, "--site", "Harbour", "--yes"],
        3,
    );
    let devices = sam.json(&["device", "list"]);
    assert_eq!(devices.as_array().unwrap().len(), 1);
    // Payments: the distributor's own orders; the site's own purchases.
    let dora_pays = s.by(DISTRIBUTOR).json(&["payment", "list"]);
    assert!(
        dora_pays
            .as_array()
            .unwrap()
            .iter()
            .all(|p| p["distributor"] == "Acme")
    );
    let sam_pays = s.by(SITE_ADMIN).json(&["payment", "list"]);
    assert!(
        sam_pays
            .as_array()
            .unwrap()
            .iter()
            .all(|p| p["site_id"] == 1)
    );
    assert_eq!(sam_pays.as_array().unwrap().len(), 1);
    // A reference another site used is refused alike, whether or not its spending is seen.
    let olga = s.by(OPERATOR);
    olga.ok(&[
        "credits",
        "buy",
        "--site",
        "Harbour",
        "--sms",
        "50",
        "--payment",
        "card",
        "--yes",
    ]);
    olga.ok(&[
        "credits",
        "use",
        "--site",
        "Harbour",
        "--sms",
        "50",
        "--reference",
        "shared-1",
    ]);
    let err = s.by(SITE_ADMIN).fail(
        &[
            "credits",
            "use",
            "--site",
            "Office",
            "--sms",
            "50",
            "--reference",
            "shared-1",
        ],
        4,
    );
    assert_eq!(err["code"], "reference_reused", "{err}");
    // A site administrator who creates a site administers it.
    let sam = s.by(SITE_ADMIN);
    sam.ok(&["site", "create", "Annex", "--model", "device"]);
    assert_eq!(sam.json(&["site", "list"]).as_array().unwrap().len(), 2);
    // A distributor sees which site its codes went to, by name.
    sam.ok(&["voucher", "redeem", code, "--site", "Office", "--yes"]);
    let mine = s
        .by(DISTRIBUTOR)
        .json(&["voucher", "list", "--status", "used"]);
    assert_eq!(mine.as_array().unwrap().len(), 1, "{mine}");
    assert_eq!(mine[0]["site"]["name"], "Office", "{mine}");
    assert_eq!(mine[0]["redeemed_by"], s.sam.as_str(), "{mine}");
}

/// A distributor's order numbers its vouchers after every voucher of the ledger, not after the
/// ones its member may see (on PostgreSQL row-level security shows it only Acme's; Other's
/// voucher has the next id).
#[test]
fn a_members_order_follows_the_vouchers_it_cannot_see() {
    let s = staffed();
    let out = s.by(DISTRIBUTOR).json(&[
        "voucher",
        "create",
        "--distributor",
        "Acme",
        "--name",
        "More",
        "--years",
        "1",
        "--subscriptions",
        "1",
        "--count",
        "3",
        "--payment",
        "card",
        "--yes",
    ]);
    assert_eq!(out["vouchers"].as_array().unwrap().len(), 3, "{out}");
    let mine = s.by(DISTRIBUTOR).json(&["voucher", "list"]);
    assert_eq!(mine.as_array().unwrap().len(), 7);
    let all = s.by(OPERATOR).json(&["voucher", "list"]);
    assert_eq!(all.as_array().unwrap().len(), 8);
    assert_eq!(s.by(OPERATOR).verify()["ok"], true);
}

/// A site administrator previews a voucher whose code it holds, but the site a voucher went to
/// and who redeemed it stay hidden when it is a site the administrator does not administer: in
/// the table, in JSON and in the refusal of a second redemption (SPEC section 5).
#[test]
fn a_site_admin_does_not_see_where_anothers_voucher_went() {
    let s = staffed();
    let (code, other) = (&s.code, &s.other);
    s.by(OPERATOR)
        .ok(&["voucher", "redeem", code, "--site", "Harbour", "--yes"]);
    s.by(SITE_ADMIN)
        .ok(&["voucher", "redeem", other, "--site", "Office", "--yes"]);

    let shown = s.by(SITE_ADMIN).json(&["voucher", "show", code]);
    assert_eq!(shown["status"], "used", "{shown}");
    assert_eq!(shown["redeemed_at"], "2026-11-05T10:00:00Z", "{shown}");
    assert!(
        shown["site"].is_null() && shown["redeemed_by"].is_null(),
        "{shown}"
    );
    let table = s.by(SITE_ADMIN).ok(&["voucher", "show", code]);
    assert!(
        !table.contains("Harbour") && !table.contains(&s.olga),
        "{table}"
    );
    let err = s
        .by(SITE_ADMIN)
        .fail(&["voucher", "redeem", code, "--site", "Office", "--yes"], 4);
    assert_eq!(err["code"], "voucher_used");
    let message = err["message"].as_str().unwrap();
    assert!(!message.contains("(site"), "{message}");

    // Its own site's, it sees whole; so do the operator, billing and the voucher's distributor.
    let own = s.by(SITE_ADMIN).json(&["voucher", "show", other]);
    assert_eq!(own["site"]["name"], "Office", "{own}");
    assert_eq!(own["redeemed_by"], s.sam.as_str(), "{own}");
    for who in [OPERATOR, BILLING, DISTRIBUTOR] {
        let whole = s.by(who).json(&["voucher", "show", code]);
        assert_eq!(whole["site"]["name"], "Harbour", "{who}: {whole}");
        assert_eq!(whole["redeemed_by"], s.olga.as_str(), "{who}: {whole}");
    }
    let err = s
        .by(OPERATOR)
        .fail(&["voucher", "redeem", code, "--site", "Office", "--yes"], 4);
    assert!(
        err["message"].as_str().unwrap().contains("(site 2)"),
        "{err}"
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
    for (role, said) in [
        (
            "billing",
            "a billing member is bound to nothing: give neither --distributor nor --site",
        ),
        (
            "operator",
            "an operator member is bound to nothing: give neither --distributor nor --site",
        ),
    ] {
        let err = l.fail(
            &[
                "--as",
                "olga",
                "member",
                "add",
                "x",
                "--role",
                role,
                "--distributor",
                "Acme",
            ],
            2,
        );
        assert_eq!(err["message"], said);
    }
    let err = l.fail(&["--as", "olga", "member", "remove", "olga"], 4);
    assert_eq!(err["code"], "last_operator");
    l.ok(&[
        "--as", "olga", "member", "add", "otto", "--role", "operator",
    ]);
    l.ok(&["--as", "otto", "member", "remove", "olga"]);
    l.fail(&["--as", "olga", "member", "list"], 7);
}

/// A code of the right shape whose check symbol is wrong: a failed attempt (`code_typo`).
const WRONG_CODE: &str = "ZZZZ-ZZZZ-ZZZZ-ZZZZ-Z";

#[test]
fn ten_failed_redemptions_within_an_hour_block_the_eleventh_even_with_the_right_code() {
    let s = staffed();
    let code = &s.code;
    for _ in 0..10 {
        let out = s
            .by(SITE_ADMIN)
            .cmd()
            .args([
                "voucher", "redeem", WRONG_CODE, "--site", "Office", "--yes", "--json",
            ])
            .output()
            .unwrap();
        assert!(
            matches!(out.status.code(), Some(2 | 3)),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let attempts = s
        .by(OPERATOR)
        .json(&["voucher", "attempts", "--site", "Office"]);
    assert_eq!(attempts.as_array().unwrap().len(), 10);
    assert_eq!(attempts[0]["code_prefix"], "ZZZZ");
    assert_eq!(attempts[0]["identity"], s.sam.as_str());
    // The eleventh, with the right code, is refused and writes nothing.
    let err = s
        .by(SITE_ADMIN)
        .fail(&["voucher", "redeem", code, "--site", "Office", "--yes"], 4);
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
    let out = s
        .by(SITE_ADMIN)
        .cmd_at(later)
        .args([
            "voucher", "redeem", code, "--site", "Office", "--yes", "--json",
        ])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(s.by(OPERATOR).verify()["ok"], true);
}

/// The failures counted are those of the last hour, by the identity on any site and on the site
/// by anyone: ten on one site block everyone there, and only there.
#[test]
fn ten_failures_on_a_site_by_anyone_block_it_within_the_hour_and_no_other_site() {
    let l = Ledger::new();
    l.distributor();
    let office = l.site("Office", "device");
    let home = l.site("Home", "device");
    let code = l.voucher(&["--years", "1", "--subscriptions", "1"]);
    // Nine failures on Office by nine others in the last hour, five at its first instant (an
    // hour is counted after it), and nine by others on Home (NOW is 10:00), with nine more
    // stamped in years to come (inserted by hand: they would block Home for ever if counted).
    let mut rows = String::new();
    for (first, who, site, at, count) in [
        (100, "guess", office, "2026-11-05T09:30:00Z", 9),
        (200, "guess", home, "2026-11-05T09:30:00Z", 9),
        (300, "early", office, "2026-11-05T09:00:00Z", 5),
        (400, "later", home, "2099-12-31T00:00:00Z", 9),
    ] {
        for k in 1..=count {
            rows += &format!(
                "INSERT INTO redeem_attempt (id, identity, site_id, code_prefix, reason, at)
                 VALUES ({}, '{who}-{k}', {site}, 'ZZZZ', 'not_found', '{at}');",
                first + k
            );
        }
    }
    l.sql(&rows);
    // Nine in the hour: a tenth failure is a failure like any other (the five earlier ones do
    // not count), and it is recorded.
    let err = l.fail(
        &["voucher", "redeem", WRONG_CODE, "--site", "Office", "--yes"],
        2,
    );
    assert_eq!(err["code"], "code_typo", "{err}");
    // Ten: the right code is refused on Office to this identity too, which failed only once.
    let err = l.fail(
        &["voucher", "redeem", &code, "--site", "Office", "--yes"],
        4,
    );
    assert_eq!(err["code"], "too_many_attempts", "{err}");
    assert!(
        err["message"]
            .as_str()
            .unwrap()
            .contains(&format!("anyone on site {office}")),
        "{err}"
    );
    // Home has nine up to now: the code goes in there.
    let done = l.json(&["voucher", "redeem", &code, "--site", "Home", "--yes"]);
    assert_eq!(done["site"]["id"], home, "{done}");
    assert_eq!(l.verify()["ok"], true);
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
    let sam = format!("admin{suffix}_{}", l.number("SELECT count(*) FROM site"));
    let dbname = l.location_str().rsplit('/').next().unwrap().to_string();
    l.sql(&format!(
        "DROP ROLE IF EXISTS {sam}; CREATE ROLE {sam} LOGIN; GRANT CONNECT ON DATABASE {dbname} TO {sam}"
    ));
    // The server's own superuser as this ledger's operator: `member add` grants it the group
    // role, which is the cluster's, not this database's; taken back however the test ends.
    struct Ungrant<'a>(&'a Ledger);
    impl Drop for Ungrant<'_> {
        fn drop(&mut self) {
            self.0.try_sql("REVOKE creditctl_operator FROM postgres");
        }
    }
    let _ungrant = Ungrant(&l);
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

/// On PostgreSQL row-level security holds the line for a member's own plain client too: a
/// distributor's and a site administrator's `psql` sessions see only their rows, cannot read
/// an unused code they do not hold, and cannot change ledger rows.
#[test]
fn on_postgresql_a_members_own_client_sees_only_its_rows() {
    let s = staffed();
    let l = &s.l;
    if !l.is_postgres() {
        eprintln!("not run: the suite runs on SQLite (set $CREDITCTL_TEST_PG)");
        return;
    }
    let client = |who: &str| {
        let url = common::with_user(&l.location_str(), s.who(who));
        postgres::Client::connect(&url, postgres::NoTls).unwrap()
    };
    let count =
        |c: &mut postgres::Client, sql: &str| -> i64 { c.query_one(sql, &[]).unwrap().get(0) };
    let office = l.number("SELECT id FROM site WHERE name = 'Office'");

    let mut dora = client(DISTRIBUTOR);
    assert_eq!(count(&mut dora, "SELECT count(*) FROM voucher"), 4);
    assert_eq!(l.number("SELECT count(*) FROM voucher"), 5);
    assert_eq!(
        count(&mut dora, "SELECT count(*) FROM payment"),
        l.number("SELECT count(*) FROM payment WHERE distributor_id = 1")
    );
    assert!(l.number("SELECT count(*) FROM payment") > 1);
    for table in ["site", "device", "ledger", "charge", "sms_use"] {
        assert_eq!(
            count(&mut dora, &format!("SELECT count(*) FROM {table}")),
            0,
            "dora sees {table} rows"
        );
    }
    assert_eq!(count(&mut dora, "SELECT count(*) FROM member"), 1);

    let mut sam = client(SITE_ADMIN);
    assert_eq!(count(&mut sam, "SELECT count(*) FROM site"), 1);
    assert_eq!(count(&mut sam, "SELECT count(*) FROM device"), 1);
    assert_eq!(
        count(&mut sam, "SELECT count(*) FROM ledger"),
        l.number(&format!(
            "SELECT count(*) FROM ledger WHERE site_id = {office}"
        ))
    );
    assert!(
        l.number("SELECT count(*) FROM ledger") > count(&mut sam, "SELECT count(*) FROM ledger")
    );
    assert_eq!(
        count(
            &mut sam,
            "SELECT count(*) FROM payment WHERE distributor_id IS NOT NULL"
        ),
        0
    );
    assert_eq!(count(&mut sam, "SELECT count(*) FROM member"), 1);
    // No unused code is there to read, nor to take by changing its row.
    assert_eq!(count(&mut sam, "SELECT count(*) FROM voucher"), 0);
    let taken = sam
        .execute(
            &format!(
                "UPDATE voucher SET redeemed_at = '2026-11-05T10:00:00Z', redeemed_by = 'x', site_id = {office}"
            ),
            &[],
        )
        .unwrap();
    assert_eq!(taken, 0);
    // Holding a code shows that one voucher, as `voucher show CODE` does.
    let code = s.code.replace('-', "");
    sam.execute("SELECT set_config('creditctl.code', $1, false)", &[&code])
        .unwrap();
    assert_eq!(count(&mut sam, "SELECT count(*) FROM voucher"), 1);
    let denied = |c: &mut postgres::Client, statement: &str| {
        let e = c.batch_execute(statement).unwrap_err();
        let why = e
            .as_db_error()
            .map(|d| d.message().to_string())
            .unwrap_or_default();
        assert!(why.contains("permission denied"), "{statement}: {why}");
    };
    denied(&mut dora, "UPDATE ledger SET amount = 1000");
    denied(&mut sam, "DELETE FROM ledger");
    denied(&mut sam, "UPDATE payment SET amount_minor = 0");
    drop((dora, sam));
    assert_eq!(s.by(OPERATOR).verify()["ok"], true);
}

/// On PostgreSQL a site administrator's own client cannot add itself to a site it did not
/// create, cannot make the owner's functions run code of its own (a member allowed to create
/// objects in the ledger's schema, as everyone could in `public` before PostgreSQL 15, puts an
/// `array_agg(bigint)` there, which a function naming plain `array_agg` would prefer to
/// pg_catalog's and run as the owner), and cannot append ledger rows its commands do not write.
#[test]
fn on_postgresql_a_site_admin_cannot_claim_a_site_nor_run_code_as_the_owner() {
    let s = staffed();
    let l = &s.l;
    if !l.is_postgres() {
        eprintln!("not run: the suite runs on SQLite (set $CREDITCTL_TEST_PG)");
        return;
    }
    let sam_role = s.who(SITE_ADMIN);
    let url = common::with_user(&l.location_str(), sam_role);
    let mut sam = postgres::Client::connect(&url, postgres::NoTls).unwrap();
    let harbour = l.number("SELECT id FROM site WHERE name = 'Harbour'");
    let office = l.number("SELECT id FROM site WHERE name = 'Office'");
    let e = sam
        .batch_execute(&format!(
            "INSERT INTO member_site (member_id, site_id)
             SELECT id, {harbour} FROM member WHERE name = session_user"
        ))
        .unwrap_err();
    let why = e.as_db_error().map(|d| d.message().to_string());
    assert!(
        why.as_deref()
            .is_some_and(|m| m.contains("row-level security")),
        "{why:?}"
    );
    // A site it creates is its own, through creditctl as before.
    s.by(SITE_ADMIN)
        .ok(&["site", "create", "Annex", "--model", "device"]);
    let mine: Vec<i64> = sam
        .query("SELECT id FROM site ORDER BY id", &[])
        .unwrap()
        .iter()
        .map(|r| r.get(0))
        .collect();
    let annex = l.number("SELECT id FROM site WHERE name = 'Annex'");
    assert_eq!(mine, [office, annex]);

    l.sql(&format!("GRANT CREATE ON SCHEMA public TO {sam_role}"));
    sam.batch_execute(
        "CREATE TABLE public.pwned (who text);
         GRANT INSERT ON public.pwned TO PUBLIC;
         CREATE FUNCTION public.grab(bigint[]) RETURNS bigint[] LANGUAGE sql AS $$
             INSERT INTO public.pwned SELECT current_user::text; SELECT $1 $$;
         CREATE AGGREGATE public.array_agg(bigint) (
             SFUNC = array_append, STYPE = bigint[], INITCOND = '{}', FINALFUNC = public.grab);",
    )
    .unwrap();
    let sites: Vec<i64> = sam
        .query_one("SELECT creditctl_my_sites()", &[])
        .unwrap()
        .get(0);
    assert_eq!(sites, [office, annex]);
    s.by(SITE_ADMIN).ok(&["site", "list"]);
    let pwned: i64 = sam
        .query_one("SELECT count(*) FROM public.pwned", &[])
        .unwrap()
        .get(0);
    assert_eq!(pwned, 0, "the owner ran the member's aggregate");
    sam.batch_execute(
        "DROP AGGREGATE public.array_agg(bigint); DROP FUNCTION public.grab(bigint[]);
         DROP TABLE public.pwned;",
    )
    .unwrap();

    // Nor can it append to the chain a row that its commands do not write (a hash-valid one
    // would pass `ledger verify`): in another's name, of another role's kind, for another site.
    let row = |actor: &str, kind: &str, site: i64| {
        format!(
            "INSERT INTO ledger (id, site_id, pool, amount, balance_after, kind, reason, reference, actor,
                 created_at, payload, prev_hash, hash)
             VALUES (1000, {site}, 'video', 1000, 1000, '{kind}', 'goodwill', 'r', '{actor}',
                 '2026-11-05T10:00:00Z', '', 'x', 'y')"
        )
    };
    let olga = s.who(OPERATOR).to_string();
    for (actor, kind, site, why) in [
        (olga.as_str(), "adjustment", office, "in the name of"),
        (
            sam_role,
            "adjustment",
            office,
            "may not write a adjustment row",
        ),
        (
            sam_role,
            "purchase",
            harbour,
            "may not write a purchase row for site",
        ),
        // A purchase on its own site, without the payment for it (schema 10).
        (
            sam_role,
            "purchase",
            office,
            "may not write a purchase row for site",
        ),
    ] {
        let e = sam.batch_execute(&row(actor, kind, site)).unwrap_err();
        let message = e.as_db_error().map(|d| d.message().to_string());
        assert!(
            message.as_deref().is_some_and(|m| m.contains(why)),
            "{kind} by {actor}: {message:?}"
        );
    }
    // Its own kind, on its own site, in its own name, reaches the table's own checks.
    let mut tx = sam.transaction().unwrap();
    tx.batch_execute(&row(sam_role, "voucher", office)).unwrap();
    tx.rollback().unwrap();
    drop(sam);
    l.sql(&format!("REVOKE CREATE ON SCHEMA public FROM {sam_role}"));
    assert_eq!(s.by(OPERATOR).verify()["ok"], true);
}

/// A distributor's license file holds the licenses bought through it, not another's for the
/// same device; a device with only another's licenses is "not found" to it (SPEC section 5:
/// nothing leaks). The operator's file holds them all.
#[test]
fn a_distributors_license_file_holds_only_the_licenses_bought_through_it() {
    let s = staffed();
    // (`by` names who acts from then on: each command says whom it runs as.)
    for (serial, license, distributor) in [
        ("77-7777-7777", "nfc", "Other"),
        ("77-7777-7777", "enhanced-video", "Acme"),
        ("77-7777-7778", "nfc", "Other"),
    ] {
        s.by(OPERATOR).licenses(serial, distributor, &[license]);
    }
    let key = s.l.dir.path().join("k.pem");
    let key = key.to_str().unwrap();
    s.by(OPERATOR).ok(&["key", "generate", "--out", key]);
    let products = |who: &str, serial: &str| -> Vec<String> {
        let file = s
            .by(who)
            .json(&["license", "file", "--serial", serial, "--key", key]);
        file["license"]["licenses"]
            .as_array()
            .unwrap()
            .iter()
            .map(|l| l["product"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(
        products(OPERATOR, "77-7777-7777"),
        ["enhanced-video", "nfc"]
    );
    assert_eq!(products(DISTRIBUTOR, "77-7777-7777"), ["enhanced-video"]);
    let others = s
        .by(OPERATOR)
        .json(&["license", "list", "--serial", "77-7777-7778"]);
    let other_key = others[0]["license_key"].as_str().expect("the key");
    let before = s.l.snapshot();
    let err = s.by(DISTRIBUTOR).fail(
        &["license", "file", "--serial", "77-7777-7778", "--key", key],
        3,
    );
    assert_eq!(err["code"], "not_found", "{err}");
    assert!(!err.to_string().contains(other_key), "{err}");
    assert_eq!(before, s.l.snapshot());
}

/// A site administrator brings back a device of its site months after removing it (on
/// PostgreSQL its group role may write the unit's return time).
#[test]
fn a_site_admin_adds_a_device_back_months_after_removing_it() {
    let s = staffed();
    s.by(SITE_ADMIN).ok(&["device", "remove", "54-0000-0001"]);
    let back = s.by(SITE_ADMIN).json_at(
        "2027-02-01T10:00:00Z",
        &[
            "device",
            "add",
            "--site",
            "Office",
            "--serial",
            "54-0000-0001",
        ],
    );
    assert_eq!(back["serial"], "54-0000-0001", "{back}");
    let added =
        s.l.rows("SELECT added_at FROM unit WHERE name = '54-0000-0001'");
    assert_eq!(added[0][0], "2027-02-01T10:00:00Z");
    assert_eq!(s.by(OPERATOR).verify()["ok"], true);
}

/// On PostgreSQL a member is a login role: a name that is one of creditctl's group roles, a
/// role that may not log in, or one of PostgreSQL's own is refused (exit 3, nothing written), and
/// the owner's function that grants a member its group role refuses them too (a member named
/// `creditctl_site_admin` with the operator's role would have handed every site administrator
/// the operator's rights on the tables).
#[test]
fn on_postgresql_a_member_is_a_login_role_never_a_group_role() {
    let s = staffed();
    if !s.l.is_postgres() {
        eprintln!("not run: the suite runs on SQLite (set $CREDITCTL_TEST_PG)");
        return;
    }
    let nologin = s.l.login_role("nologin");
    s.l.sql(&format!("ALTER ROLE {nologin} NOLOGIN"));
    let members = || s.l.rows("SELECT name FROM member ORDER BY id");
    let before = members();
    for name in ["creditctl_site_admin", "pg_monitor", nologin.as_str()] {
        let err = s
            .by(OPERATOR)
            .fail(&["member", "add", name, "--role", "operator"], 3);
        assert!(
            err["message"].as_str().unwrap().contains("no login role"),
            "{name}: {err}"
        );
    }
    assert_eq!(members(), before);
    // A member row written by hand does not get its group role either.
    s.l.sql(
        "INSERT INTO member (id, name, role, created_at, created_by)
         VALUES ((SELECT max(id) + 1 FROM member), 'creditctl_site_admin', 'operator', '2026-11-05T10:00:00Z', 'dba')",
    );
    let refused =
        !s.l.try_sql("SELECT creditctl_grant_member('creditctl_site_admin')");
    let granted = s.l.rows(
        "SELECT count(*) FROM pg_auth_members m JOIN pg_roles g ON g.oid = m.roleid
           JOIN pg_roles r ON r.oid = m.member
          WHERE g.rolname = 'creditctl_operator' AND r.rolname = 'creditctl_site_admin'",
    );
    // Group roles belong to the whole server: undone before anything is asserted.
    s.l.sql("REVOKE creditctl_operator FROM creditctl_site_admin");
    assert!(refused);
    assert_eq!(granted[0][0], 0, "{granted:?}");
}

/// On PostgreSQL a site administrator's own client may write a unit's `added_at` only as the
/// unit comes back, to a time after its removal: moving a present unit's into the future (so
/// that no run would charge it) is refused.
#[test]
fn on_postgresql_a_units_added_at_moves_only_as_it_comes_back() {
    let s = staffed();
    if !s.l.is_postgres() {
        eprintln!("not run: the suite runs on SQLite (set $CREDITCTL_TEST_PG)");
        return;
    }
    let url = common::with_user(&s.l.location_str(), &s.sam);
    let mut sam = postgres::Client::connect(&url, postgres::NoTls).unwrap();
    let unit = "(SELECT id FROM unit WHERE name = '54-0000-0001')";
    let future = format!("UPDATE unit SET added_at = '2099-01-01T00:00:00Z' WHERE id = {unit}");
    let err = sam.batch_execute(&future).unwrap_err();
    let message = err.as_db_error().map(|e| e.message().to_string());
    assert!(
        message
            .as_deref()
            .unwrap_or("")
            .contains("added_at changes only"),
        "{err:?}"
    );
    // Back after its removal, to a time after it: allowed, as the tool does it.
    s.by(SITE_ADMIN).ok(&["device", "remove", "54-0000-0001"]);
    let before_removal = format!(
        "UPDATE unit SET removed_at = NULL, added_at = '2000-01-01T00:00:00Z' WHERE id = {unit}"
    );
    assert!(sam.batch_execute(&before_removal).is_err());
    let back = format!(
        "UPDATE unit SET removed_at = NULL, added_at = '2027-03-01T00:00:00Z' WHERE id = {unit}"
    );
    sam.batch_execute(&back).unwrap();
    let added =
        s.l.rows(&format!("SELECT added_at FROM unit WHERE id = {unit}"));
    assert_eq!(added[0][0], "2027-03-01T00:00:00Z");
}

/// What a member's own client (`psql`) may write is held to what creditctl writes, where it
/// could otherwise make value from nothing (schema 9): a distributor's voucher carries the
/// credits and value of its content at the price list's prices, is unused, and its order's
/// payment is their sum; a license costs its product's price; a monthly charge is on the video
/// pool and, by a site administrator, on its own sites only. Each refused write leaves the
/// ledger as it was; `ledger verify` still holds.
#[test]
fn on_postgresql_a_members_own_client_cannot_make_value_from_nothing() {
    let s = staffed();
    if !s.l.is_postgres() {
        eprintln!("not run: the suite runs on SQLite (set $CREDITCTL_TEST_PG)");
        return;
    }
    let before = s.l.snapshot();
    let client = |who: &str| {
        let url = common::with_user(&s.l.location_str(), s.who(who));
        postgres::Client::connect(&url, postgres::NoTls).unwrap()
    };
    // The refusal of `sql` run in one transaction, its message or the commit's.
    let refused = |c: &mut postgres::Client, sql: &str| -> String {
        let err = c
            .batch_execute(&format!("BEGIN; {sql}; COMMIT"))
            .expect_err(&format!("accepted: {sql}"));
        let _ = c.batch_execute("ROLLBACK");
        err.as_db_error()
            .map(|e| e.message().to_string())
            .unwrap_or_else(|| err.to_string())
    };
    let dora = s.who(DISTRIBUTOR).to_string();
    let acme = s.l.number("SELECT id FROM distributor WHERE name = 'Acme'");
    let (office, harbour) = (
        s.l.number("SELECT id FROM site WHERE name = 'Office'"),
        s.l.number("SELECT id FROM site WHERE name = 'Harbour'"),
    );
    let at = "2026-11-05T10:00:00Z";
    let order = |paid: i64, voucher: &str| {
        format!(
            "INSERT INTO payment (id, kind, method, amount_minor, currency, distributor_id, site_id, description, actor, created_at)
             VALUES (creditctl_next_id('payment'), 'voucher_order', 'invoice', {paid}, 'EUR', {acme}, NULL, 'x', '{dora}', '{at}');
             INSERT INTO voucher_order (id, distributor_id, payment_id, created_at)
             VALUES (creditctl_next_id('voucher_order'), {acme}, creditctl_next_id('payment') - 1, '{at}');
             INSERT INTO voucher (id, code, order_id, name, type, years, subscriptions, credits, messages, value_minor, currency, redeemed_at, redeemed_by, site_id, created_at, expires_at)
             VALUES (creditctl_next_id('voucher'), 'FREE0000MNEY0001R', creditctl_next_id('voucher_order') - 1, 'Free', {voucher}, '{at}', '2029-11-05T10:00:00Z')"
        )
    };
    let mut d = client(DISTRIBUTOR);
    // One device-year is 24.00 EUR at the default prices.
    let priced = "'device', 1, 1, 12, 0, 2400, 'EUR', NULL, NULL, NULL";
    for (voucher, paid, why) in [
        (
            "'device', 1, 1, 1000000, 0, 0, 'EUR', NULL, NULL, NULL",
            0,
            "row-level security",
        ),
        (
            "'device', 1, 1, 12, 0, 0, 'EUR', NULL, NULL, NULL",
            0,
            "row-level security",
        ),
        (
            "'sms', NULL, NULL, 0, 5000000, 0, 'EUR', NULL, NULL, NULL",
            0,
            "row-level security",
        ),
        (priced, 0, "would hold more than was paid for it"),
        (priced, 1, "would hold more than was paid for it"),
        (
            "'sms', 10, 10000, 0, 50, 500, 'EUR', NULL, NULL, NULL",
            500,
            "row-level security",
        ),
        // A used voucher "redeemed" into another's site, to read that site's row.
        (
            &format!("'device', 1, 1, 12, 0, 2400, 'EUR', '{at}', 'x', {harbour}"),
            2400,
            "row-level security",
        ),
    ] {
        let message = refused(&mut d, &order(paid, voucher));
        assert!(message.contains(why), "{voucher} paid {paid}: {message}");
    }
    let license = |price: i64| {
        format!(
            "INSERT INTO payment (id, kind, method, amount_minor, currency, distributor_id, site_id, description, actor, created_at)
             VALUES (creditctl_next_id('payment'), 'license', 'invoice', {price}, 'EUR', {acme}, NULL, 'x', '{dora}', '{at}');
             INSERT INTO license (id, serial, product, license_key, price_minor, currency, payment_id, distributor_id, created_at, created_by)
             VALUES (creditctl_next_id('license'), '54-3333-0001', 'gold', 'MY-OWN-KEY', {price}, 'EUR', creditctl_next_id('payment') - 1, {acme}, '{at}', '{dora}')"
        )
    };
    assert!(refused(&mut d, &license(0)).contains("row-level security"));
    // Nothing is paid for: the check at commit sees the order without its voucher.
    let bare = order(0, priced);
    let bare = &bare[..bare.rfind("INSERT INTO voucher ").unwrap()];
    assert!(refused(&mut d, bare).contains("is paid 0 but what it bought costs nothing"));
    // The check at commit made early (SET CONSTRAINTS), then more added: refused at once.
    let gold =
        s.l.number("SELECT amount_minor FROM price WHERE item = 'license:gold'");
    let second_voucher = order(2400, priced)
        .rsplit_once("INSERT INTO voucher ")
        .map(|(_, v)| format!("INSERT INTO voucher {}", v.replace("0001R", "0002R")))
        .unwrap();
    let early = format!(
        "{}; SET CONSTRAINTS ALL IMMEDIATE; {second_voucher}",
        order(2400, priced)
    );
    assert!(refused(&mut d, &early).contains("would hold more than was paid for it"));
    let second_license = license(gold)
        .rsplit_once("INSERT INTO license ")
        .map(|(_, l)| {
            format!(
                "INSERT INTO license {}",
                l.replace("MY-OWN-KEY", "MY-OWN-KEY-2")
                    .replace("54-3333-0001", "54-3333-0009")
            )
        })
        .unwrap();
    let early = format!(
        "{}; SET CONSTRAINTS license_payment_paid IMMEDIATE; {second_license}",
        license(gold)
    );
    assert!(refused(&mut d, &early).contains("would hold more than was paid for it"));
    // An order's event row on a site's chain.
    let on_a_site = format!(
        "INSERT INTO ledger (id, site_id, pool, amount, balance_after, kind, reason, reference, actor, created_at, payload, prev_hash, hash)
         SELECT h.id + 1, {harbour}, 'video', 5, 5, 'order', 'x', 'x', '{dora}', '{at}', '', h.hash, 'x'
         FROM creditctl_ledger_head() h"
    );
    assert!(refused(&mut d, &on_a_site).contains("may not write a order row for site"));
    let charge = |who: &str, site: i64, pool: &str| {
        format!(
            "INSERT INTO ledger (id, site_id, pool, amount, balance_after, kind, reason, reference, actor, created_at, payload, prev_hash, hash)
             SELECT h.id + 1, {site}, '{pool}', -1, 0, 'charge', 'monthly charge 2027-01: 1 unit', 'period:2027-01', '{}', '{at}', '', h.hash, 'x'
             FROM creditctl_ledger_head() h",
            s.who(who)
        )
    };
    assert!(refused(&mut d, &charge(DISTRIBUTOR, office, "video")).contains("row-level security"));
    let mut sam = client(SITE_ADMIN);
    assert!(
        refused(&mut sam, &charge(SITE_ADMIN, harbour, "video")).contains("row-level security")
    );
    assert!(refused(&mut sam, &charge(SITE_ADMIN, office, "sms")).contains("ledger_charge_video"));
    assert_eq!(before, s.l.snapshot(), "a refused write wrote something");
    assert_eq!(s.by(OPERATOR).verify()["ok"], true);
    // What the tool writes for them still goes through the same rules.
    s.by(DISTRIBUTOR).ok(&[
        "voucher",
        "create",
        "--distributor",
        "Acme",
        "--name",
        "Z",
        "--type",
        "sms",
        "--messages",
        "100",
        "--payment",
        "card",
        "--yes",
    ]);
    s.by(DISTRIBUTOR).ok(&[
        "license",
        "buy",
        "--serial",
        "54-3333-0001",
        "--license",
        "gold",
        "--distributor",
        "Acme",
        "--payment",
        "invoice",
        "--yes",
    ]);
    assert_eq!(s.by(OPERATOR).verify()["ok"], true);
    // An order, or a license payment, made before is paid for what it held then: nothing is
    // added to it afterwards, however it is priced.
    let mut d = client(DISTRIBUTOR);
    let paid_order = s.l.number("SELECT min(id) FROM voucher_order");
    let added = format!(
        "INSERT INTO voucher (id, code, order_id, name, type, years, subscriptions, credits, messages, value_minor, currency, created_at, expires_at)
         VALUES (creditctl_next_id('voucher'), 'FREE0000MNEY0002R', {paid_order}, 'More', 'device', 1, 1, 12, 0, 2400, 'EUR', '{at}', '2029-11-05T10:00:00Z')"
    );
    assert!(refused(&mut d, &added).contains("row-level security"));
    let paid_license = s.l.number("SELECT max(payment_id) FROM license");
    let gold =
        s.l.number("SELECT amount_minor FROM price WHERE item = 'license:gold'");
    let another = format!(
        "INSERT INTO license (id, serial, product, license_key, price_minor, currency, payment_id, distributor_id, created_at, created_by)
         VALUES (creditctl_next_id('license'), '54-3333-0002', 'gold', 'MY-OWN-KEY-2', {gold}, 'EUR', {paid_license}, {acme}, '{at}', '{dora}')"
    );
    assert!(refused(&mut d, &another).contains("row-level security"));
    assert_eq!(s.by(OPERATOR).verify()["ok"], true);
}

/// A site administrator's own client is held to what `credits buy` and `voucher redeem` write
/// (schema 10): a purchase row names the payment for credits of its site made in the same
/// transaction, and a device voucher goes into a device site only. Before, a purchase row with
/// no payment added a million credits, and a device voucher paid apartment-months at the price
/// of device-months; `ledger verify` passed both (it now finds them: tests/tamper.rs).
#[test]
fn on_postgresql_a_site_administrators_own_client_buys_and_redeems_by_the_rules() {
    let s = staffed();
    if !s.l.is_postgres() {
        eprintln!("not run: the suite runs on SQLite (set $CREDITCTL_TEST_PG)");
        return;
    }
    s.by(SITE_ADMIN)
        .ok(&["site", "create", "Flats", "--model", "apartment"]);
    let before = s.l.snapshot();
    let mut attempt = attempts(&s, SITE_ADMIN);
    let who = s.who(SITE_ADMIN).to_string();
    let at = "2026-11-05T10:00:00Z";
    let (office, flats) = (
        s.l.number("SELECT id FROM site WHERE name = 'Office'"),
        s.l.number("SELECT id FROM site WHERE name = 'Flats'"),
    );
    let code = s.l.rows(
        "SELECT code FROM voucher WHERE type = 'device' AND redeemed_at IS NULL AND cancelled_at IS NULL ORDER BY id DESC LIMIT 1",
    )[0][0]
        .as_str()
        .unwrap()
        .to_string();
    let redeem = |site: i64| {
        format!(
            "SELECT set_config('creditctl.code', '{code}', true);
             UPDATE voucher SET redeemed_at = '{at}', redeemed_by = '{who}', site_id = {site} WHERE code = '{code}'"
        )
    };
    assert_eq!(attempt(&redeem(office)), None, "into its device site");
    let refused = attempt(&redeem(flats)).expect("a device voucher into an apartment site");
    assert!(refused.contains("row-level security"), "{refused}");

    let purchase = |reference: &str| {
        format!(
            "INSERT INTO ledger (id, site_id, pool, amount, balance_after, kind, reason, reference, actor, created_at, payload, prev_hash, hash)
             SELECT h.id + 1, {office}, 'video', 1000000, 1000000, 'purchase', 'x', {reference}, '{who}', '{at}', '', h.hash, 'x'
             FROM creditctl_ledger_head() h"
        )
    };
    let paid = |site: i64, kind: &str| {
        format!(
            "INSERT INTO payment (id, kind, method, amount_minor, currency, distributor_id, site_id, description, actor, created_at)
             VALUES (creditctl_next_id('payment'), '{kind}', 'card', 100, 'EUR', NULL, {site}, 'x', '{who}', '{at}')"
        )
    };
    let new_payment = "'payment:' || (creditctl_next_id('payment') - 1)";
    assert_eq!(
        attempt(&format!(
            "{}; {}",
            paid(office, "credits"),
            purchase(new_payment)
        )),
        None,
        "a purchase with its payment"
    );
    // The operator's earlier payment for Office's SMS messages, in another transaction.
    let old =
        s.l.number("SELECT max(id) FROM payment WHERE kind = 'credits'");
    for sql in [
        purchase("'by-hand'"),
        purchase(&format!("'payment:{old}'")),
        format!("{}; {}", paid(flats, "credits"), purchase(new_payment)),
    ] {
        let refused = attempt(&sql).unwrap_or_else(|| panic!("accepted: {sql}"));
        assert!(
            refused.contains("may not write a purchase row"),
            "{sql}: {refused}"
        );
    }
    drop(attempt);
    assert_eq!(before, s.l.snapshot(), "a refused write wrote something");
    assert_eq!(s.by(OPERATOR).verify()["ok"], true);
    // The tool's own purchase and redemption still go through.
    s.by(SITE_ADMIN).ok(&[
        "credits",
        "buy",
        "--site",
        "Office",
        "--credits",
        "5",
        "--payment",
        "card",
        "--yes",
    ]);
    s.by(SITE_ADMIN)
        .ok(&["voucher", "redeem", &code, "--site", "Office", "--yes"]);
    assert_eq!(s.by(OPERATOR).verify()["ok"], true);
}

/// `who`'s own client: each `sql` run in a transaction that is rolled back, and its refusal
/// (None when it was accepted).
fn attempts(s: &Staff, who: &str) -> impl FnMut(&str) -> Option<String> + use<> {
    let url = common::with_user(&s.l.location_str(), s.who(who));
    let mut client = postgres::Client::connect(&url, postgres::NoTls).unwrap();
    move |sql: &str| {
        let result = client.batch_execute(&format!("BEGIN; {sql}; ROLLBACK"));
        let _ = client.batch_execute("ROLLBACK");
        result.err().map(|e| {
            e.as_db_error()
                .map(|d| d.message().to_string())
                .unwrap_or_else(|| e.to_string())
        })
    }
}

/// Site Flats (apartments), made by the site administrator, with apartments 1A and 1B and
/// `devices` devices in 1A (serials 54-0000-0101 on); its id and the two apartments' unit ids.
fn flats(s: &Staff, devices: usize) -> (i64, i64, i64) {
    let admin = s.by(SITE_ADMIN);
    admin.ok(&["site", "create", "Flats", "--model", "apartment"]);
    admin.ok(&["apartment", "add", "--site", "Flats", "1A"]);
    admin.ok(&["apartment", "add", "--site", "Flats", "1B"]);
    for n in 1..=devices {
        let serial = format!("54-0000-{:04}", 100 + n);
        admin.ok(&[
            "device",
            "add",
            "--site",
            "Flats",
            "--serial",
            &serial,
            "--apartment",
            "1A",
        ]);
    }
    let id = |sql: &str| s.l.number(sql);
    (
        id("SELECT id FROM site WHERE name = 'Flats'"),
        id("SELECT id FROM unit WHERE name = '1A'"),
        id("SELECT id FROM unit WHERE name = '1B'"),
    )
}

/// The SQL that adds device `serial` at `site` under `unit` (an id, or SQL that gives one).
fn device_row(serial: &str, site: i64, unit: impl std::fmt::Display) -> String {
    format!(
        "INSERT INTO device (serial, site_id, unit_id, added_at)
         VALUES ('{serial}', {site}, {unit}, '2026-11-05T10:00:00Z')"
    )
}

/// A member's own client holds devices to the units that bill for them (schema 11), as
/// creditctl does: no second device under a device site's unit, no fifth in an apartment, none
/// under another site's unit or a removed one, and no unit removed while a device stays. Each
/// refused write leaves the ledger as it was; what creditctl writes still goes through.
#[test]
fn on_postgresql_a_members_own_client_holds_devices_to_their_units() {
    let s = staffed();
    if !s.l.is_postgres() {
        eprintln!("not run: the suite runs on SQLite (set $CREDITCTL_TEST_PG)");
        return;
    }
    let admin = s.by(SITE_ADMIN);
    let (flats, apartment, _) = flats(&s, 4);
    admin.device("Office", "54-0000-0003");
    admin.ok(&["device", "remove", "54-0000-0003"]);
    let before = s.l.snapshot();
    let mut attempt = attempts(&s, SITE_ADMIN);
    let office = s.l.number("SELECT id FROM site WHERE name = 'Office'");
    let unit = |name: &str| {
        s.l.number(&format!("SELECT id FROM unit WHERE name = '{name}'"))
    };
    let (office_unit, gone) = (unit("54-0000-0001"), unit("54-0000-0003"));
    let harbour_unit = unit("54-0000-0002");
    let harbour = s.l.number("SELECT id FROM site WHERE name = 'Harbour'");
    for (sql, refusal) in [
        (
            device_row("54-0000-0009", office, office_unit),
            "billed under its own unit",
        ),
        (
            device_row("54-0000-0009", flats, apartment),
            "holds 4 devices already",
        ),
        (
            device_row("54-0000-0009", office, apartment),
            "a unit of its own site",
        ),
        (device_row("54-0000-0003", office, gone), "not removed"),
        (
            format!("UPDATE unit SET removed_at = '2026-11-05T10:00:00Z' WHERE id = {office_unit}"),
            "still has devices",
        ),
        // One snapshot a transaction: a count there would not see what committed meanwhile.
        (
            format!(
                "SET TRANSACTION ISOLATION LEVEL REPEATABLE READ; {}",
                device_row("54-0000-0009", flats, apartment)
            ),
            "in READ COMMITTED transactions",
        ),
        (
            format!(
                "SET TRANSACTION ISOLATION LEVEL SERIALIZABLE; {}",
                device_row("54-0000-0009", flats, apartment)
            ),
            "in READ COMMITTED transactions",
        ),
        (
            "SET TRANSACTION ISOLATION LEVEL SERIALIZABLE;
             UPDATE unit SET removed_at = '2026-11-05T10:00:00Z' WHERE name = '1B'"
                .to_string(),
            "in READ COMMITTED transactions",
        ),
        // Another site's unit: refused before anything of it is read (its name, its devices).
        (
            device_row("54-0000-0009", harbour, harbour_unit),
            "may not add devices to site",
        ),
        (
            device_row("54-0000-0009", office, harbour_unit),
            "a unit of its own site",
        ),
    ] {
        let refused = attempt(&sql).unwrap_or_else(|| panic!("accepted: {sql}"));
        assert!(refused.contains(refusal), "{sql}: {refused}");
        assert!(!refused.contains("54-0000-0002"), "{refused}");
    }
    // What creditctl writes: a device with its own unit, or one in an apartment with room.
    assert_eq!(
        attempt(&format!(
            "INSERT INTO unit (id, site_id, name, added_at)
             VALUES (creditctl_next_id('unit'), {office}, '54-0000-0009', '2026-11-05T10:00:00Z');
             {}",
            device_row("54-0000-0009", office, "(SELECT max(id) FROM unit)")
        )),
        None
    );
    assert_eq!(
        attempt(&format!(
            "DELETE FROM device WHERE serial = '54-0000-0104'; {}",
            device_row("54-0000-0009", flats, apartment)
        )),
        None
    );
    drop(attempt);
    // An operator's client that empties the member table in its transaction is still held.
    let refused = attempts(&s, OPERATOR)(&format!(
        "DELETE FROM member_site; DELETE FROM member; {}",
        device_row("54-0000-0009", office, office_unit)
    ));
    assert!(
        refused
            .as_deref()
            .is_some_and(|m| m.contains("billed under its own unit")),
        "{refused:?}"
    );
    // The owner is held to it too while the ledger has members.
    let mut owner = postgres::Client::connect(&s.l.location_str(), postgres::NoTls).unwrap();
    let refused = owner
        .batch_execute(&device_row("54-0000-0009", office, office_unit))
        .unwrap_err();
    assert!(
        refused
            .as_db_error()
            .is_some_and(|e| e.message().contains("billed under its own unit")),
        "{refused:?}"
    );
    drop(owner);
    assert_eq!(before, s.l.snapshot(), "a refused write wrote something");
    // The tool's own device changes go through, as a member.
    admin.fail(
        &[
            "device",
            "add",
            "--site",
            "Flats",
            "--serial",
            "54-0000-0105",
            "--apartment",
            "1A",
        ],
        4,
    );
    admin.ok(&["device", "remove", "54-0000-0104"]);
    admin.ok(&[
        "device",
        "add",
        "--site",
        "Flats",
        "--serial",
        "54-0000-0105",
        "--apartment",
        "1A",
    ]);
    admin.ok(&["device", "remove", "54-0000-0001"]);
    admin.device("Office", "54-0000-0001");
    assert_eq!(s.by(OPERATOR).verify()["ok"], true);
}

/// `first` is run as `who`'s own client in a transaction left open; `second` runs on a thread
/// until it waits for a lock of the first (or ends); then the first commits, and what the
/// second gave is returned.
fn race<T: Send + 'static>(
    s: &Staff,
    who: &str,
    first: &str,
    second: impl FnOnce() -> T + Send + 'static,
) -> T {
    let url = common::with_user(&s.l.location_str(), s.who(who));
    let mut one = postgres::Client::connect(&url, postgres::NoTls).unwrap();
    one.batch_execute(&format!("BEGIN; {first}")).unwrap();
    let other = std::thread::spawn(second);
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    while !other.is_finished()
        && s.l.number(
            "SELECT count(*) FROM pg_stat_activity
             WHERE datname = current_database() AND wait_event_type = 'Lock'",
        ) == 0
    {
        assert!(
            std::time::Instant::now() < deadline,
            "the second never waited"
        );
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    one.batch_execute("COMMIT").unwrap();
    other.join().unwrap()
}

/// [`race`] with `second` run as `who`'s own client too, in a transaction of its own: its
/// refusal, if any.
fn race_sql(s: &Staff, who: &str, first: &str, second: &str) -> Result<(), Option<String>> {
    let url = common::with_user(&s.l.location_str(), s.who(who));
    let second = second.to_string();
    race(s, who, first, move || {
        let mut c = postgres::Client::connect(&url, postgres::NoTls).unwrap();
        c.batch_execute(&format!("BEGIN; {second}; COMMIT"))
            .map_err(|e| e.as_db_error().map(|d| d.message().to_string()))
    })
}

/// Devices added to an apartment by members' own clients while another adds one or removes the
/// apartment (schema 11): the second waits for the first's lock on the apartment and then sees
/// what it did, so a fourth device goes in and a fifth is refused, and an apartment is not
/// removed under a device added meanwhile, however the two are interleaved (without the lock,
/// the second would not wait, but count what it saw before and go ahead).
#[test]
fn on_postgresql_devices_added_to_an_apartment_at_once_are_counted_in_turn() {
    let s = staffed();
    if !s.l.is_postgres() {
        eprintln!("not run: the suite runs on SQLite (set $CREDITCTL_TEST_PG)");
        return;
    }
    let admin = s.by(SITE_ADMIN);
    let (flats, a, b) = flats(&s, 3);
    let device = |serial: &str, unit: i64| device_row(serial, flats, unit);
    let refused = race_sql(
        &s,
        SITE_ADMIN,
        &device("54-0000-0104", a),
        &device("54-0000-0105", a),
    )
    .expect_err("a fifth device went in");
    assert!(
        refused
            .as_deref()
            .unwrap_or("")
            .contains("holds 4 devices already"),
        "{refused:?}"
    );
    assert_eq!(
        s.l.number(&format!("SELECT count(*) FROM device WHERE unit_id = {a}")),
        4
    );
    // creditctl's own count waits for the apartment as the engine's check does: a device another
    // client is adding is counted, and the command is refused as full (exit 4), not failed.
    admin.ok(&["device", "remove", "54-0000-0104"]);
    let mut cmd = admin.cmd();
    cmd.args([
        "device",
        "add",
        "--site",
        "Flats",
        "--serial",
        "54-0000-0106",
        "--apartment",
        "1A",
        "--json",
    ]);
    let out = race(&s, SITE_ADMIN, &device("54-0000-0104", a), move || {
        cmd.output().unwrap()
    });
    assert_eq!(
        out.status.code(),
        Some(4),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let refused = race_sql(
        &s,
        SITE_ADMIN,
        &device("54-0000-0201", b),
        &format!("UPDATE unit SET removed_at = '2026-11-05T10:00:00Z' WHERE id = {b}"),
    )
    .expect_err("an apartment was removed under its device");
    assert!(
        refused
            .as_deref()
            .unwrap_or("")
            .contains("still has devices"),
        "{refused:?}"
    );
    assert_eq!(
        s.l.number(&format!(
            "SELECT count(*) FROM unit WHERE id = {b} AND removed_at IS NULL"
        )),
        1
    );
    assert_eq!(s.by(OPERATOR).verify()["ok"], true);
}

/// A purchase's reference is its site's own: a site administrator's purchase under a reference
/// an operator used at a site it does not administer is a purchase of its own (nothing of the
/// other is shown or blocked), and its own retry is answered with its own purchase.
#[test]
fn a_purchase_reference_is_the_sites_own() {
    let s = staffed();
    let buy = |site: &'static str, credits: &'static str, reference: &'static str| {
        [
            "credits",
            "buy",
            "--site",
            site,
            "--credits",
            credits,
            "--payment",
            "card",
            "--reference",
            reference,
        ]
    };
    let theirs = s.by(OPERATOR).json(&buy("Harbour", "12", "po-7"));
    let mine = s.by(SITE_ADMIN).json(&buy("Office", "24", "po-7"));
    assert_eq!(mine["replayed"], false, "{mine}");
    assert_ne!(mine["payment_id"], theirs["payment_id"]);
    let again = s.by(SITE_ADMIN).json(&buy("Office", "24", "po-7"));
    assert_eq!(
        (again["replayed"].as_bool(), &again["payment_id"]),
        (Some(true), &mine["payment_id"])
    );
    let err = s.by(SITE_ADMIN).fail(&buy("Office", "12", "po-7"), 4);
    assert_eq!(err["code"], "reference_reused", "{err}");
    assert_eq!(s.by(OPERATOR).verify()["ok"], true);
}
