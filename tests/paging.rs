//! Lists stream their rows and page them: `--limit N` prints at most N rows, `--after KEY`
//! continues after the row KEY names (an ID, a voucher code, a serial), so that pages printed one
//! after the other hold every row of the whole list once, in its order. A table drawn for people
//! shows at most 1000 rows and says on stderr how to see the next ones.

mod common;

use common::Ledger;
use serde_json::Value;

/// A ledger with rows in every list: three sites with devices added out of site order, vouchers,
/// licenses, payments and a site's ledger rows.
fn ledger() -> Ledger {
    let l = Ledger::new();
    l.distributor();
    for name in ["North", "South", "East"] {
        l.site(name, "device");
    }
    l.site("Flats", "apartment");
    for flat in ["2B", "1A", "3C", "1B"] {
        l.ok(&["apartment", "add", "--site", "Flats", flat]);
    }
    // Devices out of serial order and across sites, so that the list's order (site, unit,
    // serial) is not the order of their serials.
    for (serial, site) in [
        ("54-0000-0009", "South"),
        ("54-0000-0001", "North"),
        ("54-0000-0005", "South"),
        ("54-0000-0003", "East"),
        ("54-0000-0007", "North"),
        ("54-0000-0002", "East"),
        ("54-0000-0008", "North"),
    ] {
        l.ok(&["device", "add", "--site", site, "--serial", serial]);
    }
    l.voucher(&["--years", "1", "--subscriptions", "1", "--count", "7"]);
    l.voucher(&["--type", "sms", "--messages", "50", "--count", "2"]);
    for serial in ["54-0000-0001", "54-0000-0002", "54-0000-0003"] {
        l.ok(&[
            "license",
            "buy",
            "--serial",
            serial,
            "--license",
            "nfc",
            "--distributor",
            "Acme",
            "--payment",
            "card",
            "--yes",
        ]);
    }
    for credits in ["12", "24", "36", "48"] {
        l.ok(&[
            "credits",
            "buy",
            "--site",
            "North",
            "--credits",
            credits,
            "--payment",
            "card",
        ]);
    }
    // Failed redemptions (an unknown code), most of them on North.
    for site in ["North", "South", "North", "North"] {
        l.fail(
            &[
                "voucher",
                "redeem",
                "K7QM-3XHD-9V2P-RT6W-P",
                "--site",
                site,
                "--yes",
            ],
            3,
        );
    }
    l
}

/// What `--after` takes from a list's JSON row.
type Key = fn(&Value) -> String;

/// Every list, with what `--after` takes from one of its JSON rows.
fn lists() -> Vec<(Vec<&'static str>, Key)> {
    let id = |v: &Value| v["id"].as_i64().unwrap().to_string();
    let site_id = |v: &Value| v["site"]["id"].as_i64().unwrap().to_string();
    let code = |v: &Value| v["code"].as_str().unwrap().to_string();
    let serial = |v: &Value| v["serial"].as_str().unwrap().to_string();
    let name = |v: &Value| v["name"].as_str().unwrap().to_string();
    vec![
        (vec!["voucher", "list"], code),
        (vec!["voucher", "list", "--status", "active"], code),
        (vec!["voucher", "export", "--format", "json"], code),
        (vec!["license", "list"], id),
        (vec!["payment", "list"], id),
        (vec!["site", "list"], site_id),
        (vec!["credits", "show"], site_id),
        (vec!["credits", "history", "--site", "North"], id),
        (vec!["device", "list"], serial),
        (vec!["device", "list", "--site", "North"], serial),
        (vec!["apartment", "list", "--site", "Flats"], name),
        (vec!["voucher", "attempts"], id),
        (vec!["voucher", "attempts", "--site", "North"], id),
    ]
}

fn rows(v: Value) -> Vec<Value> {
    v.as_array().expect("a JSON array").clone()
}

#[test]
fn pages_one_after_another_hold_every_row_once_in_order() {
    let l = ledger();
    for (args, key) in lists() {
        let whole = rows(l.json(&args));
        assert!(whole.len() >= 3, "{args:?}: {whole:?}");
        for size in ["1", "2", "3"] {
            let mut paged = Vec::new();
            let mut after: Option<String> = None;
            loop {
                let mut page_args = args.clone();
                page_args.extend(["--limit", size]);
                if let Some(a) = &after {
                    page_args.extend(["--after", a]);
                }
                let page = rows(l.json(&page_args));
                assert!(page.len() <= size.parse().unwrap(), "{page_args:?}");
                let Some(last) = page.last() else { break };
                after = Some(key(last));
                paged.extend(page);
            }
            assert_eq!(paged, whole, "{args:?} in pages of {size}");
        }
    }
}

#[test]
fn a_limit_prints_the_first_rows_and_after_the_rest() {
    let l = ledger();
    for (args, key) in lists() {
        let whole = rows(l.json(&args));
        let first = rows(l.json(&[&args[..], &["--limit", "2"]].concat()));
        assert_eq!(first, whole[..2], "{args:?}");
        let k = key(&whole[0]);
        let rest = rows(l.json(&[&args[..], &["--after", &k]].concat()));
        assert_eq!(rest, whole[1..], "{args:?}");
        // Past the last row: an empty list, not an error.
        let k = key(whole.last().unwrap());
        let none = l.cmd().args(&args).args(["--after", &k, "--json"]).output();
        let none = none.unwrap();
        assert!(none.status.success(), "{args:?}");
        assert_eq!(String::from_utf8_lossy(&none.stdout), "[]\n", "{args:?}");
    }
}

#[test]
fn a_limit_of_zero_and_unknown_cursors_are_refused() {
    let l = ledger();
    l.fail(&["voucher", "list", "--limit", "0"], 2);
    l.fail(&["payment", "list", "--limit", "-1"], 2);
    l.fail(&["site", "list", "--after", "north"], 2);
    l.fail(&["voucher", "list", "--after", "not-a-code"], 2);
    l.fail(&["voucher", "list", "--after", "K7QM-3XHD-9V2P-RT6W-P"], 3);
    l.fail(&["device", "list", "--after", "54-9999-9999"], 3);
    l.fail(
        &["apartment", "list", "--site", "Flats", "--after", "9Z"],
        3,
    );
    // One site is no list to page.
    l.fail(&["credits", "show", "--site", "North", "--limit", "1"], 2);
    l.fail(&["credits", "show", "--site", "North", "--after", "1"], 2);
}

#[test]
fn csv_export_pages_like_the_list() {
    let l = ledger();
    let whole = l.ok(&["voucher", "export"]);
    let lines: Vec<&str> = whole.lines().collect();
    assert_eq!(lines.len(), 10, "{whole}");
    let first = l.ok(&["voucher", "export", "--limit", "4"]);
    assert_eq!(first, format!("{}\n", lines[..5].join("\n")));
    let codes = rows(l.json(&["voucher", "list"]));
    let fourth = codes[3]["code"].as_str().unwrap();
    let rest = l.ok(&["voucher", "export", "--after", fourth]);
    assert_eq!(
        rest,
        format!("{}\n{}\n", lines[0], lines[5..].join("\n")),
        "the header, then the rows after the fourth"
    );
}

/// Runs `args` with tables drawn; returns (stdout, stderr).
fn drawn(l: &Ledger, args: &[&str]) -> (String, String) {
    let out = l
        .cmd()
        .env("CREDITCTL_TABLES", "drawn")
        .args(args)
        .output()
        .unwrap();
    assert!(out.status.success(), "{args:?}");
    (
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

/// The body rows of a drawn voucher table: lines holding a code's first group.
fn drawn_codes(table: &str) -> Vec<String> {
    table
        .lines()
        .filter_map(|line| {
            let cell = line.strip_prefix('│')?.split('┆').next()?.trim();
            (cell.len() == 21 && cell.chars().nth(4) == Some('-')).then(|| cell.to_string())
        })
        .collect()
}

#[test]
fn a_drawn_table_shows_at_most_1000_rows_and_names_the_next_page() {
    let l = Ledger::new();
    l.distributor();
    l.voucher(&["--years", "1", "--subscriptions", "1", "--count", "1003"]);
    let all: Vec<String> = rows(l.json(&["voucher", "list"]))
        .iter()
        .map(|v| v["code"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(all.len(), 1003);

    let (table, hint) = drawn(&l, &["voucher", "list"]);
    let shown = drawn_codes(&table);
    assert_eq!(shown.len(), 1000);
    assert!(shown == all[..1000]);
    assert_eq!(
        hint,
        format!(
            "more rows: a table shows at most 1000; see the next with --after {}, or pipe the output (or use --json) for every row\n",
            all[999]
        )
    );
    let (table, hint) = drawn(&l, &["voucher", "list", "--after", &all[999]]);
    assert_eq!(drawn_codes(&table), all[1000..]);
    assert_eq!(hint, "", "the last page says nothing more");

    // A smaller limit: its rows, and where the next page starts.
    let (table, hint) = drawn(&l, &["voucher", "list", "--limit", "5"]);
    assert_eq!(drawn_codes(&table), all[..5]);
    assert_eq!(
        hint,
        format!("more rows: see the next with --after {}\n", all[4])
    );
    // A limit that ends the list exactly says nothing.
    let (table, hint) = drawn(
        &l,
        &["voucher", "list", "--after", &all[997], "--limit", "5"],
    );
    assert_eq!(drawn_codes(&table), all[998..]);
    assert_eq!(hint, "");

    // Piped (tab-separated) and JSON output stream every row, with no note.
    let out = l
        .cmd()
        .env("CREDITCTL_TABLES", "tsv")
        .args(["voucher", "list"])
        .output()
        .unwrap();
    assert!(out.stderr.is_empty());
    let tsv = String::from_utf8(out.stdout).unwrap();
    assert_eq!(tsv.lines().count(), 1004, "the header and every row");
    let tsv_codes: Vec<&str> = tsv
        .lines()
        .skip(1)
        .map(|l| l.split('\t').next().unwrap())
        .collect();
    assert_eq!(tsv_codes, all);
    let out = l
        .cmd()
        .env("CREDITCTL_TABLES", "drawn")
        .args(["voucher", "list", "--json"])
        .output()
        .unwrap();
    assert!(out.stderr.is_empty());
    let json: Vec<Value> = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json.len(), 1003);
}

#[test]
fn an_empty_list_is_an_empty_array_and_a_header() {
    let l = Ledger::new();
    l.distributor();
    for args in [
        &["voucher", "list"][..],
        &["payment", "list"],
        &["license", "list"],
        &["site", "list"],
        &["device", "list"],
        &["credits", "show"],
    ] {
        let out = l.cmd().args(args).arg("--json").output().unwrap();
        assert!(out.status.success(), "{args:?}");
        assert_eq!(String::from_utf8_lossy(&out.stdout), "[]\n", "{args:?}");
        let out = l
            .cmd()
            .env("CREDITCTL_TABLES", "tsv")
            .args(args)
            .output()
            .unwrap();
        assert_eq!(
            String::from_utf8_lossy(&out.stdout).lines().count(),
            1,
            "{args:?}"
        );
    }
}

#[test]
fn a_distributor_member_pages_its_own_vouchers_only() {
    let l = Ledger::new();
    l.distributor();
    l.ok(&["distributor", "add", "Other"]);
    l.ok(&["distributor", "activate", "Other"]);
    l.voucher(&["--years", "1", "--subscriptions", "1", "--count", "3"]);
    l.ok(&[
        "voucher",
        "create",
        "--distributor",
        "Other",
        "--name",
        "O",
        "--years",
        "1",
        "--subscriptions",
        "1",
        "--count",
        "3",
        "--payment",
        "invoice",
        "--yes",
    ]);
    let everyone = rows(l.json(&["voucher", "list"]));
    let other_code = everyone[4]["code"].as_str().unwrap().to_string();
    let acme_code = everyone[0]["code"].as_str().unwrap().to_string();
    let olga = l.login_role("olga");
    l.ok(&["member", "add", &olga, "--role", "operator"]);
    let member = l.login_role("dana");
    l.by(&olga).ok(&[
        "member",
        "add",
        &member,
        "--role",
        "distributor",
        "--distributor",
        "Acme",
    ]);
    let dana = l.by(&member);
    let own = rows(dana.json(&["voucher", "list"]));
    assert_eq!(own, everyone[..3]);
    let next = rows(dana.json(&["voucher", "list", "--after", &acme_code]));
    assert_eq!(next, everyone[1..3]);
    // Another distributor's code is no cursor for this member: as unknown as in `voucher show`.
    dana.fail(&["voucher", "list", "--after", &other_code], 3);
    l.by_default();
}

#[test]
fn failed_redemptions_page_newest_first_and_by_site() {
    let l = ledger();
    let all = rows(l.json(&["voucher", "attempts"]));
    let ids: Vec<i64> = all.iter().map(|a| a["id"].as_i64().unwrap()).collect();
    assert_eq!(ids, [4, 3, 2, 1], "{all:?}");
    // North, the first site made, has ID 1: attempts 4, 3 and 1 were there.
    let on_north = rows(l.json(&["voucher", "attempts", "--site", "North"]));
    let seen: Vec<(i64, i64)> = on_north
        .iter()
        .map(|a| (a["id"].as_i64().unwrap(), a["site"].as_i64().unwrap()))
        .collect();
    assert_eq!(seen, [(4, 1), (3, 1), (1, 1)], "{on_north:?}");
    let older = rows(l.json(&["voucher", "attempts", "--after", "3"]));
    assert_eq!(older, all[2..], "the rows older than attempt 3");
}
