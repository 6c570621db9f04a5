//! Licenses (SPEC §1 "Licenses"): catalog, availability per serial, purchase, listing and prices.

mod common;
use common::{Ledger, NOW};
use serde_json::Value;

const CROCKFORD: &str = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
const SERIAL: &str = "54-0123-4567";
const OTHER: &str = "54-7654-3210";

/// The default catalog with prices in minor units.
const DEFAULTS: &[(&str, i64)] = &[
    ("enhanced-integration", 9_900),
    ("enhanced-video", 7_900),
    ("enhanced-audio", 4_900),
    ("nfc", 5_900),
    ("lift-control", 14_900),
    ("informacast", 6_900),
    ("gold", 24_900),
];

fn eur(minor: i64) -> Value {
    serde_json::json!({"amount_minor": minor, "currency": "EUR"})
}

fn price_of(name: &str) -> i64 {
    DEFAULTS.iter().find(|(n, _)| *n == name).unwrap().1
}

fn names(list: &Value) -> Vec<String> {
    list.as_array()
        .expect("a JSON array")
        .iter()
        .map(|p| {
            p.get("name")
                .or_else(|| p.get("product"))
                .and_then(Value::as_str)
                .unwrap()
                .to_string()
        })
        .collect()
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
        "{code}"
    );
}

fn available(l: &Ledger, serial: &str) -> Vec<String> {
    names(&l.json(&["license", "available", "--serial", serial]))
}

#[test]
fn catalog_lists_the_default_products_with_prices() {
    let l = Ledger::new();
    l.ok(&["distributor", "add", "Acme"]);
    let catalog = l.json(&["license", "catalog"]);
    let all = catalog.as_array().unwrap();
    assert_eq!(
        names(&catalog),
        DEFAULTS
            .iter()
            .map(|(n, _)| n.to_string())
            .collect::<Vec<_>>()
    );
    for p in all {
        let name = p["name"].as_str().unwrap();
        assert_eq!(p["price"], eur(price_of(name)), "{p}");
        assert!(!p["title"].as_str().unwrap_or_default().is_empty(), "{p}");
    }
    let human = l.ok(&["license", "catalog"]);
    for (name, _) in DEFAULTS {
        assert!(human.contains(name), "{human}");
    }
    assert!(human.contains("59.00"), "{human}");
    // The price list carries the license prices too.
    let prices = l.json(&["price", "show"]);
    let nfc = prices
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["item"] == "license:nfc")
        .expect("license:nfc in the price list");
    assert_eq!(nfc["price"], eur(5_900));
}

#[test]
fn buying_records_one_payment_and_one_keyed_license_per_product() {
    let l = Ledger::new();
    l.distributor();
    assert_eq!(available(&l, SERIAL).len(), DEFAULTS.len());

    let bought = l.licenses(SERIAL, "Acme", &["nfc", "gold"]);
    let total = price_of("nfc") + price_of("gold");
    assert_eq!(bought["payment"]["total"], eur(total), "{bought}");
    assert_eq!(bought["payment"]["payment_method"], "card");
    let licenses = bought["licenses"].as_array().unwrap();
    assert_eq!(licenses.len(), 2);
    let mut keys = Vec::new();
    for lic in licenses {
        assert_eq!(lic["serial"], SERIAL);
        assert_eq!(lic["distributor"], "Acme");
        assert_eq!(lic["payment_id"], bought["payment"]["id"]);
        assert_eq!(lic["created_at"], NOW);
        let product = lic["product"].as_str().unwrap();
        assert_eq!(lic["price"], eur(price_of(product)));
        let key = lic["license_key"].as_str().unwrap();
        assert_code_format(key);
        keys.push(key.to_string());
    }
    assert_ne!(keys[0], keys[1]);
    assert_eq!(names(&bought["licenses"]), ["nfc", "gold"]);

    let payments = l.json(&["payment", "list"]);
    let payments = payments.as_array().unwrap();
    assert_eq!(payments.len(), 1, "{payments:?}");
    assert_eq!(payments[0]["kind"], "license");
    assert_eq!(payments[0]["total"], eur(total));
    assert_eq!(payments[0]["id"], bought["payment"]["id"]);
    let shown = l.json(&["payment", "show", &bought["payment"]["id"].to_string()]);
    assert_eq!(shown["kind"], "license");
    assert_eq!(shown["total"], eur(total));

    // Bought licenses are no longer available to that serial, still to any other.
    let left = available(&l, SERIAL);
    assert_eq!(left.len(), DEFAULTS.len() - 2);
    assert!(!left.contains(&"nfc".to_string()) && !left.contains(&"gold".to_string()));
    assert_eq!(available(&l, OTHER).len(), DEFAULTS.len());

    let listed = l.json(&["license", "list", "--serial", SERIAL]);
    let listed_keys: Vec<&str> = listed
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x["license_key"].as_str().unwrap())
        .collect();
    assert_eq!(listed_keys, keys);
    // Buying licenses moves no credits, and the ledger stays sound.
    assert_eq!(l.verify()["ok"], true);
}

#[test]
fn license_takes_one_or_more_values_after_one_flag() {
    let l = Ledger::new();
    l.distributor();
    let bought = l.json(&[
        "license",
        "buy",
        "--serial",
        SERIAL,
        "--license",
        "enhanced-audio",
        "informacast",
        "--distributor",
        "Acme",
        "--payment",
        "invoice",
        "--yes",
    ]);
    assert_eq!(
        names(&bought["licenses"]),
        ["enhanced-audio", "informacast"]
    );
    assert_eq!(bought["payment"]["payment_method"], "invoice");
    assert_eq!(
        bought["payment"]["total"],
        eur(price_of("enhanced-audio") + price_of("informacast"))
    );
    // Names are read case-insensitively, as typed.
    let one = l.licenses(SERIAL, "1", &["NFC"]);
    assert_eq!(names(&one["licenses"]), ["nfc"]);
    assert_eq!(l.json(&["payment", "list"]).as_array().unwrap().len(), 2);
}

#[test]
fn an_owned_license_is_refused_and_nothing_is_bought() {
    let l = Ledger::new();
    l.distributor();
    l.licenses(SERIAL, "Acme", &["nfc"]);
    let args = |names: &[&'static str]| {
        let mut a = vec!["license", "buy", "--serial", SERIAL];
        for n in names {
            a.extend_from_slice(&["--license", n]);
        }
        a.extend_from_slice(&["--distributor", "Acme", "--payment", "card", "--yes"]);
        a
    };
    let err = l.fail(&args(&["nfc"]), 4);
    assert_eq!(err["code"], "already_owned");
    assert!(err["message"].as_str().unwrap().contains("nfc"), "{err}");
    // Together with a new one: still refused as a whole.
    let err = l.fail(&args(&["informacast", "nfc"]), 4);
    assert_eq!(err["code"], "already_owned");
    assert!(available(&l, SERIAL).contains(&"informacast".to_string()));
    assert_eq!(
        l.json(&["license", "list", "--serial", SERIAL])
            .as_array()
            .unwrap()
            .len(),
        1
    );
    assert_eq!(l.json(&["payment", "list"]).as_array().unwrap().len(), 1);
    // The same license named twice in one purchase is a usage error.
    l.fail(&args(&["informacast", "informacast"]), 2);
    // Another serial can still buy it.
    let other = l.licenses(OTHER, "Acme", &["nfc"]);
    assert_eq!(other["licenses"][0]["serial"], OTHER);
}

#[test]
fn refusals_write_nothing() {
    let l = Ledger::new();
    l.distributor();
    let buy_args = |serial: &'static str, license: &'static str, distributor: &'static str| {
        vec![
            "license",
            "buy",
            "--serial",
            serial,
            "--license",
            license,
            "--distributor",
            distributor,
            "--payment",
            "card",
            "--yes",
        ]
    };
    let err = l.fail(&buy_args(SERIAL, "teleport", "Acme"), 3);
    assert_eq!(err["code"], "not_found");
    let err = l.fail(&buy_args(SERIAL, "nfc", "Nobody"), 3);
    assert_eq!(err["code"], "not_found");
    for bad in [
        "54-012-4567",
        "5401234567",
        "AB-0123-4567",
        "54-0123-45678",
        "",
    ] {
        l.fail(&buy_args(bad, "nfc", "Acme"), 2);
        l.fail(&["license", "available", "--serial", bad], 2);
        l.fail(&["license", "list", "--serial", bad], 2);
    }
    // Without --yes and without a terminal.
    let mut no_yes = buy_args(SERIAL, "nfc", "Acme");
    no_yes.pop();
    let err = l.fail(&no_yes, 5);
    assert_eq!(err["code"], "confirmation_required");
    assert!(l.json(&["payment", "list"]).as_array().unwrap().is_empty());
    assert!(l.json(&["license", "list"]).as_array().unwrap().is_empty());
    assert_eq!(available(&l, SERIAL).len(), DEFAULTS.len());
}

#[test]
fn list_filters_by_serial_and_distributor() {
    let l = Ledger::new();
    l.distributor();
    l.ok(&["distributor", "add", "Beta"]);
    l.licenses(SERIAL, "Acme", &["nfc", "gold"]);
    l.licenses(OTHER, "Beta", &["lift-control"]);
    l.licenses(OTHER, "Acme", &["enhanced-video"]);

    let list = |args: &[&str]| {
        let mut all = vec!["license", "list"];
        all.extend_from_slice(args);
        let out = l.json(&all);
        out.as_array()
            .unwrap()
            .iter()
            .map(|x| {
                format!(
                    "{} {} {}",
                    x["serial"].as_str().unwrap(),
                    x["product"].as_str().unwrap(),
                    x["distributor"].as_str().unwrap()
                )
            })
            .collect::<Vec<_>>()
    };
    assert_eq!(list(&[]).len(), 4);
    assert_eq!(
        list(&["--serial", SERIAL]),
        [format!("{SERIAL} nfc Acme"), format!("{SERIAL} gold Acme")]
    );
    assert_eq!(
        list(&["--serial", OTHER]),
        [
            format!("{OTHER} lift-control Beta"),
            format!("{OTHER} enhanced-video Acme")
        ]
    );
    assert_eq!(
        list(&["--distributor", "Beta"]),
        [format!("{OTHER} lift-control Beta")]
    );
    assert_eq!(list(&["--distributor", "Acme"]).len(), 3);
    assert_eq!(
        list(&["--serial", OTHER, "--distributor", "Acme"]),
        [format!("{OTHER} enhanced-video Acme")]
    );
    assert!(list(&["--serial", "54-0000-0000"]).is_empty());
    l.fail(&["license", "list", "--distributor", "Nobody"], 3);
    let human = l.ok(&["license", "list", "--serial", OTHER]);
    assert!(
        human.contains("lift-control") && !human.contains("gold"),
        "{human}"
    );
}

#[test]
fn a_price_change_keeps_the_price_of_bought_licenses() {
    let l = Ledger::new();
    l.distributor();
    let first = l.licenses(SERIAL, "Acme", &["nfc"]);
    assert_eq!(first["licenses"][0]["price"], eur(5_900));
    l.json(&["price", "set", "license:nfc", "99.00"]);

    let catalog = l.json(&["license", "catalog"]);
    let nfc = catalog
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["name"] == "nfc")
        .unwrap();
    assert_eq!(nfc["price"], eur(9_900));

    let listed = l.json(&["license", "list", "--serial", SERIAL]);
    assert_eq!(listed[0]["price"], eur(5_900), "{listed}");

    let second = l.licenses(OTHER, "Acme", &["nfc", "gold"]);
    assert_eq!(second["licenses"][0]["price"], eur(9_900));
    assert_eq!(second["payment"]["total"], eur(9_900 + 24_900));
    let payments = l.json(&["payment", "list"]);
    assert_eq!(payments[0]["total"], eur(5_900));
    assert_eq!(payments[1]["total"], eur(9_900 + 24_900));
    // Still the old price for the first license afterwards.
    let listed = l.json(&["license", "list", "--serial", SERIAL]);
    assert_eq!(listed[0]["price"], eur(5_900));
}

#[test]
fn a_serial_that_owns_everything_has_nothing_available() {
    let l = Ledger::new();
    l.distributor();
    let all: Vec<&str> = DEFAULTS.iter().map(|(n, _)| *n).collect();
    let bought = l.licenses(SERIAL, "Acme", &all);
    assert_eq!(bought["licenses"].as_array().unwrap().len(), DEFAULTS.len());
    assert_eq!(
        bought["payment"]["total"],
        eur(DEFAULTS.iter().map(|(_, p)| p).sum())
    );
    assert!(available(&l, SERIAL).is_empty());
    let err = l.fail(
        &[
            "license",
            "buy",
            "--serial",
            SERIAL,
            "--license",
            "gold",
            "--distributor",
            "Acme",
            "--payment",
            "card",
            "--yes",
        ],
        4,
    );
    assert_eq!(err["code"], "already_owned");
}

#[test]
fn available_marks_the_bundles_that_overlap_what_the_serial_owns() {
    let l = Ledger::new();
    l.distributor();
    l.licenses(SERIAL, "Acme", &["nfc", "enhanced-video"]);
    let all = l.json(&["license", "available", "--serial", SERIAL]);
    let overlaps = |name: &str| {
        all.as_array()
            .unwrap()
            .iter()
            .find(|p| p["name"] == name)
            .unwrap_or_else(|| panic!("{name} in {all}"))["overlaps"]
            .clone()
    };
    assert_eq!(
        overlaps("gold"),
        serde_json::json!(["enhanced-video", "nfc"])
    );
    assert_eq!(overlaps("informacast"), serde_json::json!([]));
    let human = l.ok(&["license", "available", "--serial", SERIAL]);
    let gold = human.lines().find(|l| l.contains("gold")).unwrap();
    assert!(gold.contains("already owns enhanced-video, nfc"), "{human}");
    // The other way round: a part of a bundle the serial owns.
    l.licenses(OTHER, "Acme", &["gold"]);
    let other = l.json(&["license", "available", "--serial", OTHER]);
    let nfc = other
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["name"] == "nfc")
        .unwrap();
    assert_eq!(nfc["overlaps"], serde_json::json!(["gold"]));
}
