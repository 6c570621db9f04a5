//! Reports and alerts (SPEC section 6): the forecast, warnings after writes, the deduction's
//! halted and low sites, the status filter, voucher reports and spreadsheet-safe exports.

mod common;
use common::Ledger;
use serde_json::Value;

/// 2026-12-01, just after cron's hour.
const DEC: &str = "2026-12-01T00:05:00Z";

/// Runs a human (not `--json`) command, expects success, returns (stdout, stderr).
fn human(l: &Ledger, args: &[&str]) -> (String, String) {
    let out = l.cmd().args(args).output().unwrap();
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    (
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

fn adjust(l: &Ledger, site: &str, amount: &str) {
    l.ok(&[
        "credits", "adjust", "--site", site, "--amount", amount, "--reason", "opening",
    ]);
}

fn devices(l: &Ledger, site: &str, serials: &[&str]) {
    for s in serials {
        l.ok(&["device", "add", "--site", site, "--serial", s]);
    }
}

/// Funded (2 units, 10 credits), Short (2 units, 3 credits), Empty (2 units, none), Bare (none).
fn sites() -> Ledger {
    let l = Ledger::new();
    for name in ["Funded", "Short", "Empty", "Bare"] {
        l.site(name, "device");
    }
    devices(&l, "Funded", &["54-0000-0001", "54-0000-0002"]);
    devices(&l, "Short", &["54-0000-0003", "54-0000-0004"]);
    devices(&l, "Empty", &["54-0000-0005", "54-0000-0006"]);
    // November is paid at once from these.
    adjust(&l, "Funded", "10");
    adjust(&l, "Short", "3");
    l
}

fn names(v: &Value) -> Vec<&str> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|s| {
            s.get("site")
                .map_or(&s["name"], |site| &site["name"])
                .as_str()
                .unwrap()
        })
        .collect()
}

#[test]
fn forecast_says_when_each_site_runs_out_soonest_first() {
    let l = sites();
    let all = l.json(&["credits", "forecast"]);
    assert_eq!(names(&all), ["Empty", "Short", "Funded", "Bare"]);
    let by = |name: &str| {
        all.as_array()
            .unwrap()
            .iter()
            .find(|s| s["site"]["name"] == name)
            .unwrap()
            .clone()
    };
    let funded = by("Funded");
    assert_eq!(funded["site"]["status"], "active");
    assert_eq!(funded["site"]["model"], "device");
    assert_eq!(funded["balance"], 8);
    assert_eq!(funded["units"], 2);
    assert_eq!(funded["monthly_need"], 2);
    assert_eq!(funded["months_covered"], 4);
    assert_eq!(funded["runs_out"], "2027-04");
    assert_eq!(funded["credits_to_cover"], 0);
    // Short: November paid, 1 credit left: December is the first month it cannot pay.
    let short = by("Short");
    assert_eq!(short["runs_out"], "2026-12");
    assert_eq!(short["months_covered"], 0);
    assert_eq!(short["credits_to_cover"], 6 - 1);
    // Empty: its November units wait; they and 3 months need 8 credits.
    let empty = by("Empty");
    assert_eq!(empty["site"]["status"], "halted");
    assert_eq!(empty["runs_out"], "2026-11");
    assert_eq!(empty["credits_to_cover"], 2 + 6);
    let bare = by("Bare");
    assert!(bare["runs_out"].is_null() && bare["months_covered"].is_null());
    assert_eq!(bare["credits_to_cover"], 0);

    // --months widens the horizon; --site picks one.
    let one = l.json(&["credits", "forecast", "--site", "Funded", "--months", "6"]);
    assert_eq!(names(&one), ["Funded"]);
    assert_eq!(one[0]["credits_to_cover"], 12 - 8);
    // Between the 1st and cron's run nothing is paid yet: December's units come first.
    let dec = l.json_at(DEC, &["credits", "forecast", "--site", "Funded"]);
    assert_eq!(dec[0]["runs_out"], "2027-04");
    assert_eq!(dec[0]["months_covered"], 3);

    let (table, _) = human(&l, &["credits", "forecast"]);
    assert!(
        table.contains("Runs out") && table.contains("2027-04"),
        "{table}"
    );
    assert!(table.contains("Credits to cover 3 months"), "{table}");
    l.fail(&["credits", "forecast", "--months", "0"], 2);
    l.fail(&["credits", "forecast", "--site", "Nowhere"], 3);
}

#[test]
fn credits_show_filters_by_status() {
    let l = sites();
    // Short's third device takes its last credit; the fourth waits.
    devices(&l, "Short", &["54-0000-0007", "54-0000-0008"]);
    let status = |s: &str| names(&l.json(&["credits", "show", "--status", s])).join(",");
    assert_eq!(status("halted"), "Empty");
    assert_eq!(status("partial"), "Short");
    assert_eq!(status("active"), "Funded,Bare");
    l.fail(&["credits", "show", "--status", "sleeping"], 2);
}

/// A redemption's warning counts the units it activated and the credits it left: the same
/// warning `credits show` would lead to, for a voucher too small for next month, and for one
/// too small for this month's waiting units.
#[test]
fn a_redemption_that_leaves_a_site_short_warns_with_what_it_activated() {
    let l = Ledger::new();
    l.distributor();
    // 12 credits a voucher (1 year of 1 subscription).
    for (site, n) in [("Quay", 7), ("Pier", 13)] {
        l.site(site, "device");
        let serials: Vec<String> = (0..n)
            .map(|i| format!("54-{:04}-{i:04}", site.len() * 100 + n))
            .collect();
        devices(
            &l,
            site,
            &serials.iter().map(String::as_str).collect::<Vec<_>>(),
        );
    }
    let redeem = |site: &str| {
        let code = l.voucher(&["--years", "1", "--subscriptions", "1"]);
        let (out, err) = human(&l, &["voucher", "redeem", &code, "--site", site, "--yes"]);
        (out, err)
    };
    // Quay: its 7 waiting units are paid, 5 credits are left for December's 7.
    let (out, err) = redeem("Quay");
    assert!(out.contains("Waiting units activated\t7"), "{out}");
    assert!(out.contains("Balance after\t5"), "{out}");
    assert_eq!(
        err,
        "warning: site Quay (1) can pay its 7 units until 2026-11, not in 2026-12; 16 credits more cover the next 3 months\n"
    );
    // Pier: 12 of its 13 waiting units are paid, one waits, nothing is left.
    let (out, err) = redeem("Pier");
    assert!(out.contains("Waiting units activated\t12"), "{out}");
    assert!(out.contains("Balance after\t0"), "{out}");
    assert_eq!(
        err,
        "warning: site Pier (2) has 1 of 13 units waiting for credits in 2026-11; 40 credits more cover the next 3 months and pay them\n"
    );
    // What the site shows afterwards agrees.
    let pier = l.json(&["credits", "show", "--site", "Pier"]);
    assert_eq!(pier["video"]["units_waiting"], 1, "{pier}");
    assert_eq!(pier["video"]["balance"], 0, "{pier}");
}

#[test]
fn a_write_that_leaves_a_site_short_next_month_warns_on_stderr_for_people_only() {
    let l = Ledger::new();
    l.distributor();
    l.site("Harbour Office", "device");
    devices(&l, "Harbour Office", &["54-0000-0001", "54-0000-0002"]);
    let warning_of = |args: &[&str]| human(&l, args).1;

    // 3 credits: November's two waiting units are paid, December is not.
    let err = warning_of(&[
        "credits",
        "adjust",
        "--site",
        "Harbour Office",
        "--amount",
        "3",
        "--reason",
        "opening",
    ]);
    assert_eq!(
        err,
        "warning: site Harbour Office (1) can pay its 2 units until 2026-11, not in 2026-12; 5 credits more cover the next 3 months\n"
    );
    // (A write with --json: see the end of this test for one that leaves the site short.)
    let out = l
        .cmd()
        .args([
            "credits", "adjust", "--site", "1", "--amount", "1", "--reason", "x", "--json",
        ])
        .output()
        .unwrap();
    assert!(out.status.success() && out.stderr.is_empty());
    // Enough for December: no warning.
    let err = warning_of(&[
        "credits",
        "buy",
        "--site",
        "1",
        "--credits",
        "1",
        "--payment",
        "card",
    ]);
    assert_eq!(err, "");
    // A third device takes one of the 3 credits: 2 left for 3 units.
    let err = warning_of(&["device", "add", "--site", "1", "--serial", "54-0000-0003"]);
    assert_eq!(
        err,
        "warning: site Harbour Office (1) can pay its 3 units until 2026-11, not in 2026-12; 7 credits more cover the next 3 months\n"
    );
    devices(&l, "1", &["54-0000-0004", "54-0000-0005"]);
    // The sixth device waits: the current month is short.
    let err = warning_of(&["device", "add", "--site", "1", "--serial", "54-0000-0006"]);
    assert_eq!(
        err,
        "warning: site Harbour Office (1) has 1 of 6 units waiting for credits in 2026-11; 19 credits more cover the next 3 months and pay them\n"
    );
    // A purchase that does not cover next month still warns.
    let err = warning_of(&[
        "credits",
        "buy",
        "--site",
        "1",
        "--credits",
        "2",
        "--payment",
        "card",
    ]);
    assert!(err.contains("can pay its 6 units until 2026-11"), "{err}");
    // A redeemed voucher that covers a year: silence.
    let code = l.voucher(&["--years", "1", "--subscriptions", "6"]);
    let err = warning_of(&["voucher", "redeem", &code, "--site", "1", "--yes"]);
    assert_eq!(err, "");

    // Imports and apartments warn too.
    l.site("Tower", "apartment");
    let err = warning_of(&["apartment", "add", "--site", "Tower", "1A"]);
    assert!(
        err.starts_with("warning: site Tower (2) has 1 of 1 unit waiting"),
        "{err}"
    );
    let file = l.dir.path().join("devices.csv");
    std::fs::write(&file, "54-0000-0010\n54-0000-0011\n").unwrap();
    l.site("Annex", "device");
    let err = warning_of(&[
        "device",
        "import",
        "--site",
        "Annex",
        file.to_str().unwrap(),
    ]);
    assert!(
        err.starts_with("warning: site Annex (3) has 2 of 2 units waiting"),
        "{err}"
    );
    // Annex stays short: with --json the warning is not printed, for people it is.
    let out = l
        .cmd()
        .args([
            "device",
            "add",
            "--site",
            "Annex",
            "--serial",
            "54-0000-0012",
            "--json",
        ])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let err = warning_of(&[
        "device",
        "add",
        "--site",
        "Annex",
        "--serial",
        "54-0000-0013",
    ]);
    assert!(
        err.starts_with("warning: site Annex (3) has 4 of 4 units waiting"),
        "{err}"
    );
    l.verify();
}

#[test]
fn deduct_run_names_halted_and_low_sites() {
    let l = sites();
    let run = l.json_at(DEC, &["deduct", "run"]);
    let halted = run["halted"].as_array().unwrap();
    assert_eq!(names(&run["halted"]), ["Empty"]);
    assert_eq!(
        halted[0],
        serde_json::json!({"id": 3, "name": "Empty", "units": 2, "units_waiting": 2, "balance": 0, "months_covered": 0})
    );
    // Short paid one of two units for December; Funded pays January too.
    assert_eq!(names(&run["low"]), ["Short", "Empty"]);
    assert_eq!(run["low"][0]["units_waiting"], 1);
    assert_eq!(run["alert_months"], 1);
    // A rerun (nothing to charge) and a wider alert: Funded (6 credits, 2 units) cannot pay
    // all of 2027-04.
    let wide = l.json_at(DEC, &["deduct", "run", "--alert-months", "3"]);
    assert_eq!(names(&wide["low"]), ["Short", "Empty"]);
    let wider = l.json_at(DEC, &["deduct", "run", "--dry-run", "--alert-months", "4"]);
    assert_eq!(names(&wider["low"]), ["Funded", "Short", "Empty"]);
    assert_eq!(wider["low"][0]["months_covered"], 3);
    l.fail(&["deduct", "run", "--alert-months", "0"], 2);

    let out = l.cmd_at(DEC).args(["deduct", "run"]).output().unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("Halted sites (1):"), "{text}");
    assert!(
        text.contains("Sites that will not be fully paid in 2027-01 (2):"),
        "{text}"
    );
}

#[test]
fn deduct_run_lists_at_most_twenty_sites_for_people() {
    let l = Ledger::new();
    for i in 0..23 {
        let name = format!("Site {i}");
        l.site(&name, "device");
        l.ok(&[
            "device",
            "add",
            "--site",
            &name,
            "--serial",
            &format!("54-0000-{:04}", i + 1),
        ]);
    }
    let run = l.json_at(DEC, &["deduct", "run", "--dry-run"]);
    assert_eq!(run["halted"].as_array().unwrap().len(), 23);
    assert_eq!(run["low"].as_array().unwrap().len(), 23);
    let out = l
        .cmd_at(DEC)
        .args(["deduct", "run", "--dry-run"])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert_eq!(
        text.matches("and 3 more; --json lists all").count(),
        2,
        "{text}"
    );
    // The headings count every site, though only the first twenty were kept.
    assert!(text.contains("Halted sites (23):"), "{text}");
    assert!(
        text.contains("Sites that will not be fully paid in 2027-01 (23):"),
        "{text}"
    );
    // Sites 0 to 19 are named, in both lists; 20, 21 and 22 are the 3 more.
    assert_eq!(text.matches("Site 19").count(), 2, "{text}");
    for left_out in ["Site 20", "Site 21", "Site 22"] {
        assert!(!text.contains(left_out), "{left_out} in {text}");
    }
}

fn order(l: &Ledger, distributor: &str, name: &str, count: &str) -> Value {
    l.json(&[
        "voucher",
        "create",
        "--distributor",
        distributor,
        "--name",
        name,
        "--years",
        "1",
        "--subscriptions",
        "1",
        "--count",
        count,
        "--payment",
        "invoice",
        "--yes",
    ])
}

fn code(order: &Value, i: usize) -> String {
    order["vouchers"][i]["code"].as_str().unwrap().to_string()
}

#[test]
fn vouchers_show_where_and_by_whom_they_were_redeemed() {
    let l = Ledger::new();
    l.distributor();
    l.site("Office", "device");
    let o = order(&l, "Acme", "V", "3");
    let (first, second) = (code(&o, 0), code(&o, 1));
    assert!(o["vouchers"][0]["site"].is_null());
    assert!(o["vouchers"][0]["redeemed_by"].is_null());
    l.ok(&["voucher", "redeem", &first, "--site", "Office", "--yes"]);
    l.ok(&["voucher", "cancel", &second, "--yes"]);
    let v = l.json(&["voucher", "show", &first]);
    assert_eq!(v["site"], serde_json::json!({"id": 1, "name": "Office"}));
    assert_eq!(v["redeemed_by"], l.actor().as_str());
    assert_eq!(v["redeemed_at"], common::NOW);

    // Filters, on list and export alike.
    for cmd in ["list", "export"] {
        let of = |extra: &[&str]| {
            let mut args = vec!["voucher", cmd];
            args.extend_from_slice(extra);
            l.json(&args)
        };
        let used = of(&["--status", "used"]);
        assert_eq!(used.as_array().unwrap().len(), 1, "{cmd}");
        assert_eq!(used[0]["site"]["name"], "Office");
        assert_eq!(of(&["--status", "cancelled"]).as_array().unwrap().len(), 1);
        assert_eq!(of(&["--distributor", "Acme"]).as_array().unwrap().len(), 3);
        assert_eq!(of(&["--order", "1"]).as_array().unwrap().len(), 3);
        // Vouchers last 3 years: within 30 days of now none expires, within 1100 days one
        // (the active one) does.
        assert_eq!(
            of(&["--expiring-within", "30"]).as_array().unwrap().len(),
            0
        );
        let soon = of(&["--expiring-within", "1100"]);
        assert_eq!(soon.as_array().unwrap().len(), 1, "{cmd}");
        assert_eq!(soon[0]["status"], "active");
    }
    l.fail(&["voucher", "list", "--distributor", "Nobody"], 3);
    l.fail(&["voucher", "export", "--expiring-within", "0"], 2);

    let csv = l.ok(&["voucher", "export", "--status", "used"]);
    let mut lines = csv.lines();
    assert!(
        lines
            .next()
            .unwrap()
            .ends_with("site_id,site_name,redeemed_at,redeemed_by")
    );
    let row = lines.next().unwrap();
    assert!(
        row.ends_with(&format!(",1,Office,2026-11-05T10:00:00Z,{}", l.actor())),
        "{row}"
    );
    assert!(lines.next().is_none());
    let (table, _) = human(&l, &["voucher", "list", "--status", "used"]);
    assert!(
        table.contains("Office (1)") && table.contains("Redeemed"),
        "{table}"
    );
}

#[test]
fn exports_are_spreadsheet_safe() {
    let l = Ledger::new();
    l.distributor();
    // (Names cannot hold tabs or carriage returns; the rule for those is a unit test.)
    for name in ["=1+1", "+SUM(A1)", "-2", "@cmd", "Plain"] {
        l.ok(&[
            "voucher",
            "create",
            "--distributor",
            "Acme",
            &format!("--name={name}"),
            "--years",
            "1",
            "--subscriptions",
            "1",
            "--payment",
            "invoice",
            "--yes",
        ]);
    }
    let csv = l.ok(&["voucher", "export"]);
    let names: Vec<String> = csv::Reader::from_reader(csv.as_bytes())
        .records()
        .map(|r| r.unwrap()[1].to_string())
        .collect();
    assert_eq!(names, ["'=1+1", "'+SUM(A1)", "'-2", "'@cmd", "Plain"]);
    // JSON carries the names as they are.
    assert_eq!(l.json(&["voucher", "export"])[0]["name"], "=1+1");
}

#[test]
fn voucher_report_counts_each_order() {
    let l = Ledger::new();
    l.distributor();
    l.ok(&["distributor", "add", "Other"]);
    l.ok(&["distributor", "activate", "Other"]);
    l.site("Office", "device");
    let a = order(&l, "Acme", "A", "4");
    order(&l, "Other", "B", "2");
    l.ok(&[
        "voucher",
        "redeem",
        &code(&a, 0),
        "--site",
        "Office",
        "--yes",
    ]);
    l.ok(&["voucher", "cancel", &code(&a, 1), "--yes"]);
    let report = l.json(&["voucher", "report"]);
    assert_eq!(report.as_array().unwrap().len(), 2);
    let first = &report[0];
    assert_eq!(first["order_id"], 1);
    assert_eq!(first["distributor"], "Acme");
    assert_eq!(first["created_at"], "2026-11-05T10:00:00Z");
    for (field, n) in [
        ("vouchers", 4),
        ("active", 2),
        ("used", 1),
        ("expired", 0),
        ("cancelled", 1),
        ("credits_bought", 48),
        ("credits_redeemed", 12),
    ] {
        assert_eq!(first[field], n, "{field}: {first}");
    }
    assert_eq!(
        first["total"],
        serde_json::json!({"amount_minor": 9600, "currency": "EUR"})
    );
    // Three years later the unused ones have expired; the cancelled one stays cancelled.
    let later = l.json_at("2029-12-01T00:00:00Z", &["voucher", "report"]);
    assert_eq!(later[0]["expired"], 2);
    assert_eq!(later[0]["active"], 0);
    assert_eq!(later[0]["cancelled"], 1);
    assert_eq!(later[1]["expired"], 2);
    let other = l.json(&["voucher", "report", "--distributor", "Other"]);
    assert_eq!(other.as_array().unwrap().len(), 1);
    assert_eq!(other[0]["distributor"], "Other");
    let (table, _) = human(&l, &["voucher", "report"]);
    assert!(table.contains("96.00 EUR"), "{table}");
    l.fail(&["voucher", "report", "--distributor", "Nobody"], 3);
}

/// Members see only their own rows in the new reports; identities named with `--as` (SQLite).
#[test]
fn reports_keep_to_the_members_rows() {
    let l = Ledger::sqlite();
    l.distributor();
    l.ok(&["distributor", "add", "Other"]);
    l.ok(&["distributor", "activate", "Other"]);
    l.site("Office", "device");
    l.site("Harbour", "device");
    devices(&l, "Office", &["54-0000-0001"]);
    devices(&l, "Harbour", &["54-0000-0002"]);
    order(&l, "Acme", "A", "1");
    order(&l, "Other", "B", "1");
    for args in [
        &["member", "add", "olga", "--role", "operator"][..],
        &[
            "member",
            "add",
            "dora",
            "--role",
            "distributor",
            "--distributor",
            "Acme",
        ],
        &[
            "member",
            "add",
            "sam",
            "--role",
            "site-admin",
            "--site",
            "Office",
        ],
        &["member", "add", "bill", "--role", "billing"],
    ] {
        let mut all = vec!["--as", "olga"];
        all.extend_from_slice(args);
        l.ok(&all);
    }
    fn as_<'a>(who: &'a str, args: &[&'a str]) -> Vec<&'a str> {
        let mut all = vec!["--as", who];
        all.extend_from_slice(args);
        all
    }
    // The forecast: a site administrator sees its own sites; another's is not found.
    assert_eq!(
        names(&l.json(&as_("sam", &["credits", "forecast"]))),
        ["Office"]
    );
    l.fail(
        &as_("sam", &["credits", "forecast", "--site", "Harbour"]),
        3,
    );
    assert_eq!(
        l.json(&as_("bill", &["credits", "forecast"]))
            .as_array()
            .unwrap()
            .len(),
        2
    );
    assert_eq!(
        names(&l.json(&as_("sam", &["credits", "show", "--status", "halted"]))),
        ["Office"]
    );
    let err = l.fail(&as_("dora", &["credits", "forecast"]), 7);
    assert_eq!(err["code"], "forbidden");
    // The voucher report: a distributor sees its own orders only.
    let mine = l.json(&as_("dora", &["voucher", "report"]));
    assert_eq!(mine.as_array().unwrap().len(), 1);
    assert_eq!(mine[0]["distributor"], "Acme");
    l.fail(
        &as_("dora", &["voucher", "report", "--distributor", "Other"]),
        3,
    );
    assert_eq!(
        l.json(&as_("bill", &["voucher", "report"]))
            .as_array()
            .unwrap()
            .len(),
        2
    );
    l.fail(&as_("sam", &["voucher", "report"]), 7);
    l.fail(&as_("eve", &["voucher", "report"]), 7);
    // Exports keep to the distributor's own vouchers, whatever the filter asks.
    assert_eq!(
        l.json(&as_("dora", &["voucher", "export", "--status", "active"]))
            .as_array()
            .unwrap()
            .len(),
        1
    );
    l.fail(
        &as_("dora", &["voucher", "export", "--distributor", "Other"]),
        3,
    );
    // Forbidden writes stay forbidden with the new flag, and write nothing.
    l.fail(&as_("sam", &["deduct", "run", "--alert-months", "3"]), 7);
}

/// `credits show` and `site list` count every site's units in their own statement; each row
/// must say what `credits show --site` (which counts one site) says, paid, waiting and removed
/// units included.
#[test]
fn listed_pools_count_as_each_sites_own_show() {
    let l = sites();
    l.ok(&["device", "remove", "54-0000-0001"]);
    l.json_at(DEC, &["deduct", "run"]);
    for list in [&["credits", "show"][..], &["site", "list"]] {
        let rows = l.json_at(DEC, list);
        assert_eq!(rows.as_array().unwrap().len(), 4, "{list:?}");
        for row in rows.as_array().unwrap() {
            let id = row["site"]["id"].as_i64().unwrap().to_string();
            let one = l.json_at(DEC, &["credits", "show", "--site", &id]);
            assert_eq!(row, &one, "{list:?}: site {id}");
        }
    }
    let all = l.json_at(DEC, &["credits", "show"]);
    let rows = all.as_array().unwrap();
    // Funded: one unit left, paid; Short: one of two paid; Empty: neither.
    let paid: Vec<(i64, i64)> = rows
        .iter()
        .map(|r| {
            (
                r["video"]["units"].as_i64().unwrap(),
                r["video"]["units_paid"].as_i64().unwrap(),
            )
        })
        .collect();
    assert_eq!(paid, [(1, 1), (2, 1), (2, 0), (0, 0)], "{all}");
}

/// A catch-up run (a month before the current one) names no low sites: a site paid for that
/// month and every month since is not "low" for the month after it, and whether a site will be
/// paid depends on charges the catch-up does not count. Halted sites are still named; the
/// current month's run names the low ones.
#[test]
fn a_catch_up_run_names_no_site_low_for_a_month_already_paid() {
    let l = Ledger::new();
    let nov = "2026-11-10T10:00:00Z";
    let dec = "2026-12-05T10:00:00Z";
    l.json_at(nov, &["site", "create", "S", "--model", "device"]);
    l.json_at(
        nov,
        &["device", "add", "--site", "S", "--serial", "10-0000-0001"],
    );
    let buy = [
        "credits",
        "buy",
        "--site",
        "S",
        "--credits",
        "1",
        "--payment",
        "card",
        "--yes",
    ];
    l.json_at(nov, &buy);
    l.json_at(dec, &buy);
    let shown = l.json_at(dec, &["credits", "show", "--site", "S"]);
    assert_eq!(shown["video"]["units_paid"], 1, "{shown}");
    assert_eq!(shown["video"]["units_waiting"], 0, "{shown}");
    let out = l
        .cmd_at(dec)
        .args(["deduct", "run", "--period", "2026-11"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let (stdout, stderr) = (
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr),
    );
    assert!(!stdout.contains("will not be fully paid"), "{stdout}");
    assert!(!stderr.contains("warning"), "{stderr}");
    let run = l.json_at(dec, &["deduct", "run", "--period", "2026-11"]);
    assert_eq!(run["low"], serde_json::json!([]), "{run}");
    assert_eq!(run["units_charged"], 0, "{run}");
    // The current month's run still names a site that cannot pay the next one.
    let current = l.json_at(dec, &["deduct", "run"]);
    assert_eq!(current["low"][0]["name"], "S", "{current}");
}
