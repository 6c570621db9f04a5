//! Vouchers and redemption (SPEC §1 "Vouchers", "Redemption", §3 output): the real binary on
//! temporary ledgers.

mod common;
use common::{Ledger, NOW};
use serde_json::Value;

/// Three years and one day after `NOW`: every voucher bought at `NOW` has expired.
const LATER: &str = "2029-11-06T10:00:00Z";
/// One second before the vouchers bought at `NOW` expire.
const JUST_BEFORE_EXPIRY: &str = "2029-11-05T09:59:59Z";
const CROCKFORD: &str = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/// `voucher create` for distributor Acme, paid by invoice, with `--yes`: the whole JSON document.
fn buy(l: &Ledger, extra: &[&str]) -> Value {
    let mut args = vec![
        "voucher",
        "create",
        "--distributor",
        "Acme",
        "--name",
        "Gift",
        "--payment",
        "invoice",
        "--yes",
    ];
    args.extend_from_slice(extra);
    l.json(&args)
}

fn redeem(l: &Ledger, code: &str, site: &str) -> Value {
    l.json(&["voucher", "redeem", code, "--site", site, "--yes"])
}

fn show(l: &Ledger, code: &str) -> Value {
    l.json(&["voucher", "show", code])
}

fn eur(minor: i64) -> Value {
    serde_json::json!({"amount_minor": minor, "currency": "EUR"})
}

fn assert_code_format(code: &str) {
    let groups: Vec<&str> = code.split('-').collect();
    assert_eq!(
        groups.iter().map(|g| g.len()).collect::<Vec<_>>(),
        [4, 4, 4, 4, 1],
        "{code} is not XXXX-XXXX-XXXX-XXXX-X"
    );
    assert!(
        groups.concat().chars().all(|c| CROCKFORD.contains(c)),
        "{code} has a symbol outside the Crockford alphabet"
    );
}

fn codes(list: &Value) -> Vec<String> {
    let mut all: Vec<String> = list
        .as_array()
        .expect("a JSON array")
        .iter()
        .map(|v| v["code"].as_str().unwrap().to_string())
        .collect();
    all.sort();
    all
}

fn sorted(mut v: Vec<String>) -> Vec<String> {
    v.sort();
    v
}

/// A device site with `n` devices registered (and no credits: all waiting).
fn device_site(l: &Ledger, name: &str, n: usize) -> i64 {
    let id = l.site(name, "device");
    for i in 0..n {
        let serial = format!("54-{:04}-{:04}", id, i + 1);
        l.ok(&[
            "device",
            "add",
            "--site",
            &id.to_string(),
            "--serial",
            &serial,
        ]);
    }
    id
}

fn assert_verified(l: &Ledger) {
    assert_eq!(l.verify()["ok"], true, "ledger verify failed");
}

// ---------------------------------------------------------------------------------------------
// create

#[test]
fn create_returns_the_order_and_every_voucher_field() {
    let l = Ledger::new();
    l.distributor();
    let out = buy(&l, &["--years", "2", "--subscriptions", "3"]);
    let order = &out["order"];
    assert!(order["id"].as_i64().unwrap() > 0);
    assert_eq!(order["payment_method"], "invoice");
    assert_eq!(order["total"], eur(2 * 3 * 2400));
    let vouchers = out["vouchers"].as_array().unwrap();
    assert_eq!(vouchers.len(), 1);
    let v = &vouchers[0];
    for field in [
        "code",
        "name",
        "distributor",
        "order_id",
        "type",
        "years",
        "subscriptions",
        "credits",
        "messages",
        "value",
        "status",
        "created_at",
        "expires_at",
        "redeemed_at",
        "site",
    ] {
        assert!(v.get(field).is_some(), "voucher has no field {field}: {v}");
    }
    assert_code_format(v["code"].as_str().unwrap());
    assert_eq!(v["name"], "Gift");
    assert_eq!(v["distributor"], "Acme");
    assert_eq!(v["order_id"], order["id"]);
    assert_eq!(v["type"], "device");
    assert_eq!(v["years"], 2);
    assert_eq!(v["subscriptions"], 3);
    assert_eq!(v["credits"], 12 * 2 * 3);
    assert_eq!(v["messages"], 0);
    assert_eq!(v["value"], eur(14_400));
    assert_eq!(v["status"], "active");
    assert_eq!(v["created_at"], NOW);
    assert_eq!(v["expires_at"], "2029-11-05T10:00:00Z");
    assert!(v["redeemed_at"].is_null());
    assert!(v["site"].is_null());
    // What create printed is what show reads back.
    let shown = show(&l, v["code"].as_str().unwrap());
    for field in [
        "code",
        "value",
        "credits",
        "status",
        "expires_at",
        "order_id",
    ] {
        assert_eq!(shown[field], v[field], "{field}");
    }
    assert_verified(&l);
}

#[test]
fn values_follow_the_default_price_list() {
    let l = Ledger::new();
    l.distributor();
    let apartment = buy(
        &l,
        &[
            "--type",
            "apartment",
            "--years",
            "3",
            "--subscriptions",
            "5",
            "--count",
            "2",
        ],
    );
    let v = &apartment["vouchers"][0];
    assert_eq!(v["type"], "apartment");
    assert_eq!(v["credits"], 12 * 3 * 5);
    assert_eq!(v["value"], eur(3 * 5 * 3600));
    assert_eq!(apartment["order"]["total"], eur(2 * 3 * 5 * 3600));

    let sms = buy(&l, &["--type", "sms", "--messages", "150"]);
    let v = &sms["vouchers"][0];
    assert_eq!(v["type"], "sms");
    assert_eq!(v["messages"], 150);
    assert_eq!(v["credits"], 0);
    assert!(v["years"].is_null() && v["subscriptions"].is_null(), "{v}");
    assert_eq!(v["value"], eur(3 * 500));
    assert_eq!(sms["order"]["total"], eur(1500));

    let device = buy(&l, &["--years", "10", "--subscriptions", "10000"]);
    assert_eq!(device["vouchers"][0]["credits"], 12 * 10 * 10_000);
    assert_eq!(device["vouchers"][0]["value"], eur(10 * 10_000 * 2400));
}

#[test]
fn count_makes_distinct_codes_in_one_order_with_one_payment() {
    let l = Ledger::new();
    l.distributor();
    let out = l.json(&[
        "voucher",
        "create",
        "--distributor",
        "Acme",
        "--name",
        "Gift",
        "--years",
        "1",
        "--subscriptions",
        "2",
        "--count",
        "3",
        "--payment",
        "card",
        "--yes",
    ]);
    let vouchers = out["vouchers"].as_array().unwrap();
    assert_eq!(vouchers.len(), 3);
    let mut all: Vec<&str> = vouchers
        .iter()
        .map(|v| v["code"].as_str().unwrap())
        .collect();
    for c in &all {
        assert_code_format(c);
    }
    all.sort();
    all.dedup();
    assert_eq!(all.len(), 3, "codes repeat: {out}");
    for v in vouchers {
        assert_eq!(v["order_id"], out["order"]["id"]);
        assert_eq!(v["value"], eur(4800));
    }
    assert_eq!(out["order"]["total"], eur(3 * 4800));
    assert_eq!(out["order"]["payment_method"], "card");

    let payments = l.json(&["payment", "list"]);
    let payments = payments.as_array().unwrap();
    assert_eq!(payments.len(), 1, "{payments:?}");
    assert_eq!(payments[0]["total"], eur(3 * 4800));
    assert_eq!(payments[0]["payment_method"], "card");
    assert_eq!(payments[0]["distributor"], "Acme");
    assert_eq!(
        l.json(&[
            "voucher",
            "list",
            "--order",
            &out["order"]["id"].to_string()
        ])
        .as_array()
        .unwrap()
        .len(),
        3
    );
}

/// Codes are drawn before they are inserted, many to a statement: a code another voucher holds
/// already (here the same seed draws the first order's three codes again) is drawn afresh, and
/// the order still has every voucher it was bought with, each under a code of its own.
#[test]
fn a_code_drawn_again_is_replaced_and_the_order_keeps_its_count() {
    let l = Ledger::new();
    l.distributor();
    let l = l.seeded(7);
    let first = codes(
        &buy(
            &l,
            &["--years", "1", "--subscriptions", "1", "--count", "3"],
        )["vouchers"],
    );
    let l = l.seeded(7);
    let out = buy(
        &l,
        &["--years", "1", "--subscriptions", "1", "--count", "5"],
    );
    let second = codes(&out["vouchers"]);
    assert_eq!(second.len(), 5, "{out}");
    let mut all = [first.clone(), second.clone()].concat();
    all.sort();
    all.dedup();
    assert_eq!(all.len(), 8, "a code is held twice: {first:?} {second:?}");
    for c in &second {
        assert_code_format(c);
    }
    // What was printed is what was stored, in the order's own voucher list.
    let listed = l.json(&[
        "voucher",
        "list",
        "--order",
        &out["order"]["id"].to_string(),
    ]);
    assert_eq!(codes(&listed), second);
    assert_eq!(l.number("SELECT count(*) FROM voucher"), 8);
    assert_verified(&l);
}

/// An order too long for a drawn table prints one line per code as it is bought, and its JSON
/// is every voucher as `voucher list` shows it, in the order of their ids.
#[test]
fn a_large_order_prints_every_voucher_it_bought() {
    let l = Ledger::new();
    l.distributor();
    let args = |count: &'static str| {
        vec![
            "voucher",
            "create",
            "--distributor",
            "Acme",
            "--name",
            "Bulk",
            "--years",
            "1",
            "--subscriptions",
            "1",
            "--count",
            count,
            "--payment",
            "invoice",
            "--yes",
        ]
    };
    let out = l.json(&args("1001"));
    let listed = l.json(&[
        "voucher",
        "list",
        "--order",
        &out["order"]["id"].to_string(),
    ]);
    assert_eq!(
        out["vouchers"], listed,
        "the order's JSON is not its vouchers as listed"
    );
    assert_eq!(listed.as_array().unwrap().len(), 1001);

    let text = l.ok(&args("1002"));
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 2 + 1002, "{}", &text[..text.len().min(400)]);
    assert_eq!(lines[0], "Order 2: 1002 voucher(s), total 24,048.00 EUR");
    assert_eq!(
        lines[1],
        format!("{:<21}  {:>14}  Expires", "Code", "Value")
    );
    let listed = l.json(&["voucher", "list", "--order", "2"]);
    for (line, v) in lines[2..].iter().zip(listed.as_array().unwrap()) {
        assert_eq!(
            *line,
            format!(
                "{}  {:>14}  {}",
                v["code"].as_str().unwrap(),
                "24.00 EUR",
                v["expires_at"].as_str().unwrap()
            )
        );
    }
    assert_verified(&l);
}

#[test]
fn a_distributor_must_be_activated_and_known() {
    let l = Ledger::new();
    l.ok(&["distributor", "add", "Acme"]);
    let args = [
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
    let err = l.fail(&args, 4);
    assert_eq!(err["code"], "not_activated");
    let err = l.fail(&["voucher", "list", "--distributor", "Nobody"], 3);
    assert_eq!(err["code"], "not_found");
    let mut unknown = args;
    unknown[3] = "Nobody";
    l.fail(&unknown, 3);
    // Activation is what unlocks buying.
    l.ok(&["distributor", "activate", "Acme"]);
    l.json(&args);
    assert_eq!(l.json(&["payment", "list"]).as_array().unwrap().len(), 1);
}

/// An order of Acme's paid by card, asked without a question: the cases add its content.
const ORDER: [&str; 9] = [
    "voucher",
    "create",
    "--distributor",
    "Acme",
    "--name",
    "V",
    "--payment",
    "card",
    "--yes",
];

#[test]
fn malformed_orders_are_refused_with_exit_2_and_write_nothing() {
    let l = Ledger::new();
    l.distributor();
    let cases: &[&[&str]] = &[
        &["--years", "0", "--subscriptions", "1"],
        &["--years", "11", "--subscriptions", "1"],
        &["--years", "1", "--subscriptions", "0"],
        &["--years", "1", "--subscriptions", "10001"],
        &["--years", "1", "--subscriptions", "1", "--count", "0"],
        &["--years", "1", "--subscriptions", "1", "--count", "100001"],
        &["--type", "sms", "--messages", "75"],
        &["--type", "sms", "--messages", "0"],
        &["--type", "sms", "--messages", "100", "--years", "1"],
        &["--type", "sms"],
        &["--years", "1"],
        &["--type", "apartment", "--subscriptions", "2"],
        &["--years", "1", "--subscriptions", "1", "--messages", "50"],
    ];
    for extra in cases {
        let mut args = ORDER.to_vec();
        args.extend_from_slice(extra);
        let err = l.fail(&args, 2);
        assert!(!err["message"].as_str().unwrap().is_empty(), "{extra:?}");
    }
    assert!(l.json(&["voucher", "list"]).as_array().unwrap().is_empty());
    assert!(l.json(&["payment", "list"]).as_array().unwrap().is_empty());
    // The bounds themselves are allowed.
    buy(&l, &["--years", "1", "--subscriptions", "1"]);
    buy(&l, &["--type", "sms", "--messages", "50"]);
}

/// A negative or zero count reaches its own check, `--messages -50` as `--messages=-50`, and
/// says what the count must be.
#[test]
fn negative_and_zero_counts_say_what_they_must_be() {
    let l = Ledger::new();
    l.distributor();
    let cases: &[(&[&str], &str)] = &[
        (
            &["--type", "sms", "--messages=-50"],
            "the message count must be positive, a multiple of 50 (at least 50), not -50",
        ),
        (
            &["--type", "sms", "--messages", "-50"],
            "the message count must be positive, a multiple of 50 (at least 50), not -50",
        ),
        (
            &["--type", "sms", "--messages", "0"],
            "the message count must be positive, a multiple of 50 (at least 50), not 0",
        ),
        (
            &["--years", "-1", "--subscriptions", "1"],
            "--years must be 1 to 10, not -1",
        ),
        (
            &["--years", "1", "--subscriptions", "-3"],
            "--subscriptions must be 1 to 10000, not -3",
        ),
        (
            &["--years", "1", "--subscriptions", "1", "--count", "-2"],
            "--count must be 1 to 100000, not -2",
        ),
    ];
    for (extra, said) in cases {
        let mut args = ORDER.to_vec();
        args.extend_from_slice(extra);
        let err = l.fail(&args, 2);
        assert_eq!(err["code"], "invalid_input", "{extra:?}: {err}");
        assert_eq!(err["message"], *said, "{extra:?}");
    }
    // A value that is not a number is still clap's to refuse.
    let mut args = ORDER.to_vec();
    args.extend_from_slice(&["--type", "sms", "--messages", "--count"]);
    assert_eq!(l.fail(&args, 2)["code"], "invalid_value");
    assert!(l.json(&["voucher", "list"]).as_array().unwrap().is_empty());
}

#[test]
fn create_without_yes_and_without_a_terminal_is_refused() {
    let l = Ledger::new();
    l.distributor();
    let err = l.fail(
        &[
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
        ],
        5,
    );
    assert_eq!(err["code"], "confirmation_required");
    assert!(l.json(&["payment", "list"]).as_array().unwrap().is_empty());
}

#[test]
fn dry_run_shows_the_order_and_writes_nothing() {
    let l = Ledger::new();
    l.distributor();
    let before = l.snapshot();
    let shown = l.json(&[
        "voucher",
        "create",
        "--distributor",
        "Acme",
        "--name",
        "V",
        "--years",
        "2",
        "--subscriptions",
        "5",
        "--count",
        "4",
        "--payment",
        "card",
        "--dry-run",
    ]);
    assert_eq!(before, l.snapshot(), "--dry-run wrote to the ledger");
    assert_eq!(shown["total"], eur(4 * 2 * 5 * 2400), "{shown}");
    assert_eq!(shown["value"], eur(2 * 5 * 2400), "{shown}");
    assert_eq!(shown["count"], 4);
    assert_eq!(shown["credits"], 120);
    // Without --json too, and a dry run of a refused order is still refused.
    let human = l.ok(&[
        "voucher",
        "create",
        "--distributor",
        "Acme",
        "--name",
        "V",
        "--years",
        "2",
        "--subscriptions",
        "5",
        "--count",
        "4",
        "--payment",
        "card",
        "--dry-run",
    ]);
    assert!(human.contains("960.00"), "{human}");
    assert_eq!(before, l.snapshot());
    l.ok(&["distributor", "add", "Beta"]);
    l.fail(
        &[
            "voucher",
            "create",
            "--distributor",
            "Beta",
            "--name",
            "V",
            "--years",
            "1",
            "--subscriptions",
            "1",
            "--payment",
            "card",
            "--dry-run",
        ],
        4,
    );
}

#[test]
fn a_price_change_does_not_change_bought_vouchers() {
    let l = Ledger::new();
    l.distributor();
    let old = buy(&l, &["--years", "1", "--subscriptions", "2"]);
    let code = old["vouchers"][0]["code"].as_str().unwrap().to_string();
    l.json(&["price", "set", "device-year", "30.00"]);
    assert_eq!(show(&l, &code)["value"], eur(4800));
    assert_eq!(
        codes(&l.json(&["voucher", "list"])).len(),
        1,
        "the price change touched the vouchers"
    );
    let new = buy(&l, &["--years", "1", "--subscriptions", "2"]);
    assert_eq!(new["vouchers"][0]["value"], eur(6000));
    assert_eq!(new["order"]["total"], eur(6000));
    assert_eq!(show(&l, &code)["value"], eur(4800));
    // The payment of the first order keeps its total as well.
    let payments = l.json(&["payment", "list"]);
    assert_eq!(payments[0]["total"], eur(4800));
    assert_eq!(payments[1]["total"], eur(6000));
}

// ---------------------------------------------------------------------------------------------
// show

#[test]
fn show_forgives_case_spaces_and_look_alikes() {
    let l = Ledger::new();
    l.distributor();
    let out = buy(
        &l,
        &["--years", "1", "--subscriptions", "1", "--count", "40"],
    );
    let all: Vec<String> = out["vouchers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v["code"].as_str().unwrap().to_string())
        .collect();
    let code = &all[0];
    assert_eq!(show(&l, &code.to_lowercase())["code"], code.as_str());
    assert_eq!(show(&l, &code.replace('-', " "))["code"], code.as_str());
    assert_eq!(show(&l, &code.replace('-', ""))["code"], code.as_str());
    assert_eq!(
        show(
            &l,
            &format!("  {}  ", code.to_lowercase().replace('-', " "))
        )["code"],
        code.as_str()
    );
    // 80 random bits in 40 codes: one holds a 1 and one a 0 (failure odds about 1e-9).
    let with_one = all.iter().find(|c| c.contains('1')).expect("a code with 1");
    for variant in [with_one.replace('1', "I"), with_one.replace('1', "l")] {
        assert_eq!(show(&l, &variant)["code"], with_one.as_str(), "{variant}");
    }
    let with_zero = all.iter().find(|c| c.contains('0')).expect("a code with 0");
    for variant in [with_zero.replace('0', "O"), with_zero.replace('0', "o")] {
        assert_eq!(show(&l, &variant)["code"], with_zero.as_str(), "{variant}");
    }
}

/// The code with the symbol at `pos` (of the 17 without hyphens) replaced by another one.
fn with_symbol_changed(code: &str, pos: usize) -> String {
    let mut symbols: Vec<char> = code.replace('-', "").chars().collect();
    let i = CROCKFORD.find(symbols[pos]).unwrap();
    symbols[pos] = CROCKFORD.as_bytes()[(i + 7) % 32] as char;
    symbols.into_iter().collect()
}

#[test]
fn a_typo_is_reported_as_a_typo_not_as_not_found() {
    let l = Ledger::new();
    l.distributor();
    let code = l.voucher(&["--years", "1", "--subscriptions", "1"]);
    let site = l.site("Office", "device").to_string();
    for pos in [0, 5, 11, 16] {
        let typo = with_symbol_changed(&code, pos);
        let err = l.fail(&["voucher", "show", &typo], 2);
        assert_eq!(err["code"], "code_typo", "{typo}: {err}");
        assert!(err["message"].as_str().unwrap().contains("check"), "{err}");
        let err = l.fail(&["voucher", "redeem", &typo, "--site", &site, "--yes"], 2);
        assert_eq!(err["code"], "code_typo");
        let err = l.fail(&["voucher", "cancel", &typo, "--yes"], 2);
        assert_eq!(err["code"], "code_typo");
    }
    // Neighbours swapped.
    let mut swapped: Vec<char> = code.replace('-', "").chars().collect();
    if let Some(p) = (0..16).find(|&p| swapped[p] != swapped[p + 1]) {
        swapped.swap(p, p + 1);
        let swapped: String = swapped.into_iter().collect();
        assert_eq!(
            l.fail(&["voucher", "show", &swapped], 2)["code"],
            "code_typo"
        );
    }
    assert_eq!(show(&l, &code)["status"], "active");
}

#[test]
fn a_well_formed_unknown_code_is_not_found_and_garbage_is_bad_input() {
    let l = Ledger::new();
    l.distributor();
    l.voucher(&["--years", "1", "--subscriptions", "1"]);
    let other = Ledger::new();
    other.distributor();
    let foreign = other.voucher(&["--years", "1", "--subscriptions", "1"]);
    let err = l.fail(&["voucher", "show", &foreign], 3);
    assert_eq!(err["code"], "not_found");
    let site = l.site("Office", "device").to_string();
    l.fail(
        &["voucher", "redeem", &foreign, "--site", &site, "--yes"],
        3,
    );
    l.fail(&["voucher", "cancel", &foreign, "--yes"], 3);
    for garbage in [
        "xx",
        "",
        "K7QM-3XHD-9V2P-RT6W-U",
        "K7QM-3XHD-9V2P-RT6W-*",
        "K7QM-3XHD-9V2P-RT6W-JJ",
    ] {
        let err = l.fail(&["voucher", "show", garbage], 2);
        assert_ne!(err["code"], "not_found", "{garbage}");
    }
}

// ---------------------------------------------------------------------------------------------
// list

#[test]
fn list_filters_by_status_distributor_and_order() {
    let mut l = Ledger::new();
    l.distributor();
    l.ok(&["distributor", "add", "Beta"]);
    l.ok(&["distributor", "activate", "Beta"]);
    let first = buy(
        &l,
        &["--years", "1", "--subscriptions", "1", "--count", "3"],
    );
    let a: Vec<String> = first["vouchers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v["code"].as_str().unwrap().to_string())
        .collect();
    let beta = l.json(&[
        "voucher",
        "create",
        "--distributor",
        "Beta",
        "--name",
        "B",
        "--type",
        "sms",
        "--messages",
        "50",
        "--payment",
        "card",
        "--yes",
    ]);
    let b = beta["vouchers"][0]["code"].as_str().unwrap().to_string();
    let site = l.site("Office", "device").to_string();
    redeem(&l, &a[0], &site);
    l.json(&["voucher", "cancel", &a[1], "--yes"]);

    let list = |args: &[&str]| {
        let mut all = vec!["voucher", "list"];
        all.extend_from_slice(args);
        codes(&l.json(&all))
    };
    assert_eq!(
        list(&[]),
        sorted(vec![a[0].clone(), a[1].clone(), a[2].clone(), b.clone()])
    );
    assert_eq!(
        list(&["--status", "active"]),
        sorted(vec![a[2].clone(), b.clone()])
    );
    assert_eq!(list(&["--status", "used"]), vec![a[0].clone()]);
    assert_eq!(list(&["--status", "cancelled"]), vec![a[1].clone()]);
    assert!(list(&["--status", "expired"]).is_empty());
    assert_eq!(list(&["--distributor", "Beta"]), vec![b.clone()]);
    assert_eq!(list(&["--distributor", "2"]), vec![b.clone()]);
    assert_eq!(
        list(&["--distributor", "Acme"]),
        sorted(vec![a[0].clone(), a[1].clone(), a[2].clone()])
    );
    assert_eq!(
        list(&["--distributor", "Acme", "--status", "active"]),
        vec![a[2].clone()]
    );
    let order = first["order"]["id"].to_string();
    assert_eq!(
        list(&["--order", &order]),
        sorted(vec![a[0].clone(), a[1].clone(), a[2].clone()])
    );
    assert_eq!(
        list(&["--order", &beta["order"]["id"].to_string()]),
        vec![b.clone()]
    );
    assert_eq!(
        l.fail(&["voucher", "list", "--order", "99"], 3)["code"],
        "not_found"
    );
    // Statuses are reported per voucher too.
    let all = l.json(&["voucher", "list"]);
    for v in all.as_array().unwrap() {
        let code = v["code"].as_str().unwrap();
        let want = if code == a[0] {
            "used"
        } else if code == a[1] {
            "cancelled"
        } else {
            "active"
        };
        assert_eq!(v["status"], want, "{v}");
    }

    // Expiry follows the clock: still active one second before, expired a day after.
    let before = l.json_at(
        JUST_BEFORE_EXPIRY,
        &["voucher", "list", "--status", "active"],
    );
    assert_eq!(codes(&before), sorted(vec![a[2].clone(), b.clone()]));
    let expired = l.json_at(LATER, &["voucher", "list", "--status", "expired"]);
    assert_eq!(codes(&expired), sorted(vec![a[2].clone(), b.clone()]));
    for v in expired.as_array().unwrap() {
        assert_eq!(v["status"], "expired");
    }
    assert!(
        l.json_at(LATER, &["voucher", "list", "--status", "active"])
            .as_array()
            .unwrap()
            .is_empty()
    );
    // Used and cancelled stay what they are after the expiry date.
    assert_eq!(
        codes(&l.json_at(LATER, &["voucher", "list", "--status", "used"])),
        vec![a[0].clone()]
    );
    assert_eq!(
        codes(&l.json_at(LATER, &["voucher", "list", "--status", "cancelled"])),
        vec![a[1].clone()]
    );
    assert_eq!(
        l.json_at(LATER, &["voucher", "show", &a[2]])["status"],
        "expired"
    );
    l.now = LATER.to_string();
    let err = l.fail(&["voucher", "cancel", &a[0], "--yes"], 4);
    assert_eq!(err["code"], "voucher_used");
}

// ---------------------------------------------------------------------------------------------
// cancel

#[test]
fn cancel_needs_confirmation_and_only_touches_unused_vouchers() {
    let l = Ledger::new();
    l.distributor();
    let code = l.voucher(&["--years", "1", "--subscriptions", "1"]);
    let used = l.voucher(&["--years", "1", "--subscriptions", "1"]);
    let site = l.site("Office", "device").to_string();
    redeem(&l, &used, &site);

    let err = l.fail(&["voucher", "cancel", &code], 5);
    assert_eq!(err["code"], "confirmation_required");
    assert_eq!(show(&l, &code)["status"], "active");

    let cancelled = l.json(&["voucher", "cancel", &code, "--yes"]);
    assert_eq!(cancelled["status"], "cancelled");
    assert_eq!(cancelled["code"], code.as_str());
    assert_eq!(show(&l, &code)["status"], "cancelled");

    let err = l.fail(&["voucher", "cancel", &code, "--yes"], 4);
    assert_eq!(err["code"], "voucher_cancelled");
    let err = l.fail(&["voucher", "cancel", &used, "--yes"], 4);
    assert_eq!(err["code"], "voucher_used");
    assert_eq!(show(&l, &used)["status"], "used");

    let err = l.fail(&["voucher", "redeem", &code, "--site", &site, "--yes"], 4);
    assert_eq!(err["code"], "voucher_cancelled");
    let message = err["message"].as_str().unwrap();
    assert!(message.contains("cancelled"), "{message}");
    assert!(message.contains("2026-11-05"), "{message}");
    assert_eq!(l.credits(&site)["video"]["balance"], 12);
    assert_verified(&l);
}

/// A used or cancelled voucher is refused at once (exit 4), before any question (without
/// `--yes` and without a terminal the question would be exit 5), in words for cancelling.
#[test]
fn cancel_refuses_a_used_or_cancelled_voucher_before_asking() {
    let l = Ledger::new();
    l.distributor();
    let used = l.voucher(&["--years", "1", "--subscriptions", "1"]);
    let cancelled = l.voucher(&["--years", "1", "--subscriptions", "1"]);
    let site = l.site("Office", "device").to_string();
    redeem(&l, &used, &site);
    l.ok(&["voucher", "cancel", &cancelled, "--yes"]);

    for yes in [&[][..], &["--yes"][..]] {
        let mut args = vec!["voucher", "cancel", &used];
        args.extend(yes);
        let err = l.fail(&args, 4);
        assert_eq!(err["code"], "voucher_used");
        let message = err["message"].as_str().unwrap();
        assert!(
            message.contains(&format!(
                "voucher {used} was already used on 2026-11-05 (site {site})"
            )) && message.contains("a used voucher cannot be cancelled")
                && !message.contains("redeemed once"),
            "{message}"
        );

        let mut args = vec!["voucher", "cancel", &cancelled];
        args.extend(yes);
        let err = l.fail(&args, 4);
        assert_eq!(err["code"], "voucher_cancelled");
        let message = err["message"].as_str().unwrap();
        assert_eq!(
            message,
            format!("voucher {cancelled} was already cancelled on 2026-11-05")
        );
    }
    // A redeemer still hears what applies to redeeming.
    let err = l.fail(
        &["voucher", "redeem", &cancelled, "--site", &site, "--yes"],
        4,
    );
    assert!(
        err["message"]
            .as_str()
            .unwrap()
            .contains("ask the distributor for a new one"),
        "{err}"
    );
}

// ---------------------------------------------------------------------------------------------
// export

#[test]
fn export_writes_csv_and_json() {
    let l = Ledger::new();
    l.distributor();
    let first = buy(
        &l,
        &["--years", "1", "--subscriptions", "2", "--count", "3"],
    );
    let second = buy(&l, &["--type", "sms", "--messages", "100"]);
    let order = first["order"]["id"].to_string();
    let codes_of_first: Vec<String> = first["vouchers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v["code"].as_str().unwrap().to_string())
        .collect();

    let csv = l.ok(&["voucher", "export", "--order", &order]);
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines.len(), 4, "{csv}");
    let header: Vec<&str> = lines[0].split(',').collect();
    assert_eq!(header[0], "code", "{csv}");
    for f in [
        "name",
        "type",
        "credits",
        "messages",
        "status",
        "expires_at",
    ] {
        assert!(header.contains(&f), "header lacks {f}: {csv}");
    }
    let exported: Vec<String> = lines[1..]
        .iter()
        .map(|line| line.split(',').next().unwrap().to_string())
        .collect();
    assert_eq!(sorted(exported), sorted(codes_of_first.clone()));
    for line in &lines[1..] {
        let cells: Vec<&str> = line.split(',').collect();
        assert_eq!(cells.len(), header.len(), "{line}");
        let get = |name: &str| cells[header.iter().position(|h| *h == name).unwrap()];
        assert_eq!(get("credits"), "24");
        assert_eq!(get("status"), "active");
        assert_eq!(get("type"), "device");
    }

    // All orders without --order.
    assert_eq!(l.ok(&["voucher", "export"]).lines().count(), 5);

    let json_text = l.ok(&["voucher", "export", "--order", &order, "--format", "json"]);
    let arr: Value = serde_json::from_str(&json_text).expect("--format json is JSON");
    assert_eq!(codes(&arr), sorted(codes_of_first.clone()));
    let arr = l.json(&["voucher", "export", "--order", &order]);
    assert_eq!(codes(&arr), sorted(codes_of_first));
    let sms = l.json(&[
        "voucher",
        "export",
        "--order",
        &second["order"]["id"].to_string(),
    ]);
    assert_eq!(sms.as_array().unwrap().len(), 1);
    assert_eq!(sms[0]["messages"], 100);
    // An SMS voucher has no years nor subscriptions: empty cells, as every empty cell of the
    // file (not a table's `-`, escaped for spreadsheets as `'-`).
    let csv = l.ok(&[
        "voucher",
        "export",
        "--order",
        &second["order"]["id"].to_string(),
    ]);
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines.len(), 2, "{csv}");
    let cells: Vec<&str> = lines[1].split(',').collect();
    let get = |name: &str| cells[header.iter().position(|h| *h == name).unwrap()];
    assert_eq!(
        [
            "type",
            "years",
            "subscriptions",
            "credits",
            "messages",
            "site_id",
            "redeemed_at"
        ]
        .map(get),
        ["sms", "", "", "0", "100", "", ""],
        "{csv}"
    );
    assert!(!csv.contains("'-"), "{csv}");

    l.fail(&["voucher", "export", "--order", "99"], 3);
}

// ---------------------------------------------------------------------------------------------
// redeem

#[test]
fn redeem_needs_yes_without_a_terminal() {
    let l = Ledger::new();
    l.distributor();
    let code = l.voucher(&["--years", "1", "--subscriptions", "1"]);
    let site = l.site("Office", "device").to_string();
    let err = l.fail(&["voucher", "redeem", &code, "--site", &site], 5);
    assert_eq!(err["code"], "confirmation_required");
    assert_eq!(show(&l, &code)["status"], "active");
    assert_eq!(l.credits(&site)["video"]["balance"], 0);
}

#[test]
fn redeem_marks_the_voucher_used_and_fills_the_pool() {
    let l = Ledger::new();
    l.distributor();
    let code = l.voucher(&["--years", "2", "--subscriptions", "3"]);
    let site = l.site("Office", "device");
    let out = redeem(&l, &code, &site.to_string());
    for field in [
        "voucher",
        "site",
        "pool",
        "credits_added",
        "balance_before",
        "balance_after",
        "units_activated",
    ] {
        assert!(out.get(field).is_some(), "no {field}: {out}");
    }
    assert_eq!(out["voucher"]["code"], code.as_str());
    assert_eq!(out["voucher"]["status"], "used");
    assert_eq!(out["site"]["id"], site);
    assert_eq!(out["pool"], "video");
    assert_eq!(out["credits_added"], 72);
    assert_eq!(out["balance_before"], 0);
    assert_eq!(out["balance_after"], 72);
    assert_eq!(out["units_activated"], 0);

    let v = show(&l, &code);
    // What the redemption reports is what is stored, field by field.
    assert_eq!(out["voucher"], v, "redeem said {out}");
    assert_eq!(v["status"], "used");
    // SPEC section 6: the site is {"id", "name"} once used.
    assert_eq!(v["site"]["id"], site);
    assert_eq!(v["site"]["name"], "Office", "{v}");
    assert_eq!(v["redeemed_at"], NOW);
    assert_eq!(l.credits(&site.to_string())["video"]["balance"], 72);
    assert_eq!(l.credits(&site.to_string())["sms"]["balance"], 0);

    // The ledger row names the voucher.
    let history = l.json(&["credits", "history", "--site", &site.to_string()]);
    let rows = history.as_array().unwrap();
    assert_eq!(rows.len(), 1, "{history}");
    assert_eq!(rows[0]["amount"], 72);
    assert_eq!(rows[0]["pool"], "video");

    // A second voucher adds on top.
    let more = l.voucher(&["--years", "1", "--subscriptions", "1"]);
    let out = redeem(&l, &more, "Office");
    assert_eq!(out["balance_before"], 72);
    assert_eq!(out["balance_after"], 84);
    assert_eq!(l.credits("Office")["video"]["balance"], 84);
    assert_verified(&l);
}

#[test]
fn a_voucher_is_redeemed_once() {
    let l = Ledger::new();
    l.distributor();
    let code = l.voucher(&["--years", "1", "--subscriptions", "1"]);
    let office = l.site("Office", "device").to_string();
    let other = l.site("Other", "device").to_string();
    redeem(&l, &code, &office);
    for site in [&office, &other] {
        let err = l.fail(&["voucher", "redeem", &code, "--site", site, "--yes"], 4);
        assert_eq!(err["code"], "voucher_used");
        let message = err["message"].as_str().unwrap();
        assert!(message.contains("2026-11-05"), "{message}");
    }
    // Even typed differently.
    l.fail(
        &[
            "voucher",
            "redeem",
            &code.to_lowercase(),
            "--site",
            &office,
            "--yes",
        ],
        4,
    );
    assert_eq!(l.credits(&office)["video"]["balance"], 12);
    assert_eq!(l.credits(&other)["video"]["balance"], 0);
    assert_verified(&l);
}

#[test]
fn device_and_apartment_vouchers_only_go_to_their_own_model() {
    let l = Ledger::new();
    l.distributor();
    let device = l.voucher(&["--years", "1", "--subscriptions", "1"]);
    let apartment = l.voucher(&[
        "--type",
        "apartment",
        "--years",
        "1",
        "--subscriptions",
        "1",
    ]);
    let office = l.site("Office", "device").to_string();
    let home = l.site("Home", "apartment").to_string();
    let err = l.fail(&["voucher", "redeem", &device, "--site", &home, "--yes"], 4);
    assert_eq!(err["code"], "wrong_site_model");
    let err = l.fail(
        &["voucher", "redeem", &apartment, "--site", &office, "--yes"],
        4,
    );
    assert_eq!(err["code"], "wrong_site_model");
    assert_eq!(show(&l, &device)["status"], "active");
    assert_eq!(show(&l, &apartment)["status"], "active");
    // Each goes into its own model.
    assert_eq!(redeem(&l, &device, &office)["credits_added"], 12);
    // An apartment waiting for credits is an apartment-site unit: it is charged at once.
    l.ok(&["apartment", "add", "--site", &home, "A1"]);
    assert_eq!(l.credits(&home)["video"]["units_waiting"], 1);
    let out = redeem(&l, &apartment, &home);
    assert_eq!(out["credits_added"], 12);
    assert_eq!(out["units_activated"], 1);
    assert_eq!(l.credits(&home)["video"]["balance"], 11);
    assert_eq!(l.credits(&home)["site"]["status"], "active");
    assert_verified(&l);
}

#[test]
fn sms_vouchers_go_to_either_model_into_the_sms_pool() {
    let l = Ledger::new();
    l.distributor();
    let office = l.site("Office", "device").to_string();
    let home = l.site("Home", "apartment").to_string();
    for (site, messages) in [(&office, "100"), (&home, "250")] {
        let code = l.voucher(&["--type", "sms", "--messages", messages]);
        let out = redeem(&l, &code, site);
        let n: i64 = messages.parse().unwrap();
        assert_eq!(out["pool"], "sms");
        assert_eq!(out["credits_added"], n);
        assert_eq!(out["balance_before"], 0);
        assert_eq!(out["balance_after"], n);
        assert_eq!(out["units_activated"], 0);
        let credits = l.credits(site);
        assert_eq!(credits["sms"]["balance"], n);
        assert_eq!(credits["video"]["balance"], 0);
    }
    // The messages can be spent.
    l.json(&[
        "credits",
        "use",
        "--site",
        &office,
        "--sms",
        "30",
        "--reference",
        "inv-1",
    ]);
    assert_eq!(l.credits(&office)["sms"]["balance"], 70);
    assert_verified(&l);
}

#[test]
fn an_expired_voucher_is_refused() {
    let mut l = Ledger::new();
    l.distributor();
    let code = l.voucher(&["--years", "1", "--subscriptions", "1"]);
    let site = l.site("Office", "device").to_string();
    l.now = LATER.to_string();
    let err = l.fail(&["voucher", "redeem", &code, "--site", &site, "--yes"], 4);
    assert_eq!(err["code"], "voucher_expired");
    assert!(
        err["message"].as_str().unwrap().contains("2029-11-05"),
        "{err}"
    );
    assert_eq!(show(&l, &code)["status"], "expired");
    assert_eq!(l.credits(&site)["video"]["balance"], 0);
    // One second before the end it still goes in.
    l.now = JUST_BEFORE_EXPIRY.to_string();
    assert_eq!(redeem(&l, &code, &site)["credits_added"], 12);
    assert_verified(&l);
}

#[test]
fn redemption_charges_all_waiting_units_at_once() {
    let l = Ledger::new();
    l.distributor();
    let site = device_site(&l, "Office", 3).to_string();
    let before = l.credits(&site);
    assert_eq!(before["site"]["status"], "halted", "{before}");
    assert_eq!(before["video"]["units_waiting"], 3);
    assert_eq!(before["video"]["balance"], 0);

    let code = l.voucher(&["--years", "1", "--subscriptions", "1"]);
    let out = redeem(&l, &code, &site);
    assert_eq!(out["credits_added"], 12);
    assert_eq!(out["balance_before"], 0);
    assert_eq!(out["units_activated"], 3);
    assert_eq!(out["balance_after"], 9);

    let after = l.credits(&site);
    assert_eq!(after["site"]["status"], "active", "{after}");
    assert_eq!(after["video"]["balance"], 9);
    assert_eq!(after["video"]["units_paid"], 3);
    assert_eq!(after["video"]["units_waiting"], 0);
    let devices = l.json(&["device", "list", "--site", &site]);
    assert!(
        devices
            .as_array()
            .unwrap()
            .iter()
            .all(|d| d["paid"] == true),
        "{devices}"
    );
    // The month is paid: a deduction run now charges nothing more.
    let run = l.json(&["deduct", "run"]);
    assert_eq!(run["credits_deducted"], 0, "{run}");
    assert_eq!(l.credits(&site)["video"]["balance"], 9);
    assert_verified(&l);
}

#[test]
fn a_small_voucher_charges_only_the_oldest_waiting_units() {
    let l = Ledger::new();
    l.distributor();
    let site = l.site("Office", "device").to_string();
    // 14 devices added one minute apart, none paid.
    let serials: Vec<String> = (1..=14).map(|i| format!("54-0000-{i:04}")).collect();
    for (i, serial) in serials.iter().enumerate() {
        let at = format!("2026-11-05T09:{:02}:00Z", i + 1);
        let out = l
            .cmd_at(&at)
            .args(["device", "add", "--site", &site, "--serial", serial])
            .output()
            .unwrap();
        assert!(out.status.success(), "{out:?}");
    }
    assert_eq!(l.credits(&site)["video"]["units_waiting"], 14);

    let code = l.voucher(&["--years", "1", "--subscriptions", "1"]);
    let plan_out = redeem(&l, &code, &site);
    assert_eq!(plan_out["units_activated"], 12);
    assert_eq!(plan_out["balance_after"], 0);
    let credits = l.credits(&site);
    assert_eq!(credits["video"]["units_paid"], 12);
    assert_eq!(credits["video"]["units_waiting"], 2);
    assert_eq!(credits["video"]["balance"], 0);
    // Some units paid, some waiting: no longer halted (README: "partial").
    assert_eq!(credits["site"]["status"], "partial", "{credits}");

    let devices = l.json(&["device", "list", "--site", &site]);
    let paid: Vec<(String, bool)> = devices
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["serial"].as_str().unwrap().to_string(),
                d["paid"].as_bool().unwrap(),
            )
        })
        .collect();
    for (serial, is_paid) in &paid {
        let index = serials.iter().position(|s| s == serial).unwrap();
        assert_eq!(*is_paid, index < 12, "{serial}: {paid:?}");
    }

    // An adjustment of one credit pays the next oldest.
    let adj = l.json(&[
        "credits", "adjust", "--site", &site, "--amount", "1", "--reason", "goodwill",
    ]);
    assert_eq!(adj["units_activated"], 1, "{adj}");
    let devices = l.json(&["device", "list", "--site", &site]);
    for d in devices.as_array().unwrap() {
        let index = serials
            .iter()
            .position(|s| s == d["serial"].as_str().unwrap())
            .unwrap();
        assert_eq!(d["paid"].as_bool().unwrap(), index < 13, "{d}");
    }
    assert_verified(&l);
}

#[test]
fn a_voucher_into_a_site_with_balance_and_waiting_units() {
    let l = Ledger::new();
    l.distributor();
    let site = device_site(&l, "Office", 2).to_string();
    // Give it one credit: the oldest device is paid, one waits.
    l.json(&[
        "credits", "adjust", "--site", &site, "--amount", "1", "--reason", "setup",
    ]);
    let c = l.credits(&site);
    assert_eq!(c["video"]["balance"], 0);
    assert_eq!(c["video"]["units_waiting"], 1);
    let code = l.voucher(&["--years", "1", "--subscriptions", "1"]);
    let out = redeem(&l, &code, &site);
    assert_eq!(out["units_activated"], 1);
    assert_eq!(out["balance_after"], 11);
    assert_eq!(l.credits(&site)["video"]["units_waiting"], 0);
    assert_eq!(l.credits(&site)["video"]["balance"], 11);
    assert_verified(&l);
}

#[test]
fn the_site_is_named_by_id_or_unique_name() {
    let l = Ledger::new();
    l.distributor();
    let office = l.site("Office", "device");
    let first = l.voucher(&["--years", "1", "--subscriptions", "1"]);
    let second = l.voucher(&["--years", "1", "--subscriptions", "1"]);
    assert_eq!(
        redeem(&l, &first, &office.to_string())["site"]["id"],
        office
    );
    assert_eq!(redeem(&l, &second, "Office")["site"]["id"], office);
    assert_eq!(l.credits("Office")["video"]["balance"], 24);

    let third = l.voucher(&["--years", "1", "--subscriptions", "1"]);
    let err = l.fail(
        &["voucher", "redeem", &third, "--site", "Nowhere", "--yes"],
        3,
    );
    assert_eq!(err["code"], "not_found");
    l.fail(&["voucher", "redeem", &third, "--site", "99", "--yes"], 3);
    // A name two sites share (a ledger from before names were unique) is not unique: the user
    // must give the ID.
    let twin = l.site("Twin", "device");
    l.sql(&format!(
        "INSERT INTO site (id, name, model, created_at, created_by) VALUES ({}, 'Twin', 'device', '2026-11-05T10:00:00Z', 'old')",
        twin + 1
    ));
    l.fail(&["voucher", "redeem", &third, "--site", "Twin", "--yes"], 2);
    assert_eq!(show(&l, &third)["status"], "active");
    assert_verified(&l);
}

/// A failed redemption on a site that was found is recorded whether it was confirmed beforehand
/// (`--yes`: one transaction) or not; one on a site that is not there is a wrong argument and is
/// not.
#[test]
fn a_failed_redemption_is_recorded_with_or_without_yes() {
    let l = Ledger::new();
    l.site("Office", "device");
    let unknown = "K7QM-3XHD-9V2P-RT6W-P";
    l.fail(&["voucher", "redeem", unknown, "--site", "Office"], 3);
    l.fail(
        &["voucher", "redeem", unknown, "--site", "Office", "--yes"],
        3,
    );
    l.fail(&["voucher", "redeem", unknown, "--site", "Nowhere"], 3);
    l.fail(
        &["voucher", "redeem", unknown, "--site", "Nowhere", "--yes"],
        3,
    );
    let attempts = l.json(&["voucher", "attempts"]);
    let sites: Vec<&serde_json::Value> = attempts
        .as_array()
        .unwrap()
        .iter()
        .map(|a| &a["site"])
        .collect();
    assert_eq!(
        sites,
        [&serde_json::json!(1), &serde_json::json!(1)],
        "{attempts}"
    );
}
