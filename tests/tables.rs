//! Tables as people see them: within 80 columns in a terminal unless `--wide`, and plain
//! tab-separated lines when stdout is a pipe.

mod common;
use common::Ledger;

/// The clock of the reads: the day after the deduction of 2026-12.
const LATER: &str = "2026-12-02T10:00:00Z";

/// Every command that prints a table of the realistic ledger (`code` is its redeemed voucher).
fn table_commands(code: &str) -> Vec<Vec<String>> {
    let office = "Harbour Office Tower";
    let flats = "Riverside Residences Block B";
    let acme = "Acme Security Distribution GmbH";
    let all: Vec<Vec<&str>> = vec![
        vec!["distributor", "list"],
        vec!["site", "list"],
        vec!["site", "show", office],
        vec!["device", "list"],
        vec!["apartment", "list", "--site", flats],
        vec!["voucher", "list"],
        vec!["voucher", "show", code],
        vec!["voucher", "report"],
        vec!["voucher", "attempts"],
        vec!["license", "catalog"],
        vec!["license", "available", "--serial", "54-0123-4567"],
        vec!["license", "list"],
        vec!["credits", "show"],
        vec!["credits", "show", "--site", office],
        vec!["credits", "history", "--site", office],
        vec!["credits", "history", "--site", flats],
        vec!["credits", "forecast"],
        vec!["payment", "list"],
        vec!["payment", "show", "1"],
        vec!["price", "show"],
        vec!["ledger", "verify"],
        vec!["member", "list"],
        vec!["key", "list"],
        vec!["deduct", "run", "--dry-run"],
        vec![
            "voucher",
            "create",
            "--distributor",
            acme,
            "--name",
            "Harbour Office 2027 renewal",
            "--years",
            "2",
            "--subscriptions",
            "10",
            "--payment",
            "invoice",
            "--dry-run",
        ],
        vec![
            "credits",
            "buy",
            "--site",
            flats,
            "--credits",
            "12",
            "--payment",
            "card",
            "--dry-run",
        ],
    ];
    all.into_iter()
        .map(|c| c.into_iter().map(String::from).collect())
        .collect()
}

fn run(l: &Ledger, args: &[String], layout: &str) -> String {
    let out = l
        .cmd_at(LATER)
        .env("CREDITCTL_TABLES", layout)
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn widest(out: &str) -> usize {
    out.lines().map(|l| l.chars().count()).max().unwrap_or(0)
}

fn is_box_drawing(c: char) -> bool {
    ('\u{2500}'..='\u{257f}').contains(&c)
}

#[test]
fn every_table_of_a_realistic_ledger_fits_80_columns_by_default() {
    let l = Ledger::new();
    let code = l.realistic();
    for args in table_commands(&code) {
        let out = run(&l, &args, "drawn");
        assert!(
            out.chars().any(is_box_drawing),
            "{args:?} drew no table:\n{out}"
        );
        assert!(
            widest(&out) <= 80,
            "{args:?} is {} wide:\n{out}",
            widest(&out)
        );
    }
}

#[test]
fn wide_shows_every_column_with_full_times() {
    let l = Ledger::new();
    l.realistic();
    let cases: [(&[&str], &[&str]); 6] = [
        (
            &["voucher", "list"],
            &["Distributor", "Redeemed", "By", "Order", "Credits"],
        ),
        (
            &["credits", "show"],
            &["Site", "Model", "Units", "Paid 2026-12", "Months covered"],
        ),
        (
            &["credits", "history", "--site", "Harbour Office Tower"],
            &["Row", "Kind", "Reference", "Actor"],
        ),
        (&["payment", "list"], &["Kind", "Distributor", "Site"]),
        (
            &["voucher", "report"],
            &["Bought", "Credits bought", "SMS redeemed"],
        ),
        (&["license", "list"], &["Price", "Payment", "Distributor"]),
    ];
    for (args, extra) in cases {
        let args: Vec<String> = args.iter().map(|s| s.to_string()).collect();
        let narrow = run(&l, &args, "drawn");
        let header = narrow
            .lines()
            .find(|l| l.starts_with('│'))
            .unwrap()
            .to_string();
        let mut wide_args = vec!["--wide".to_string()];
        wide_args.extend(args.iter().cloned());
        let wide = run(&l, &wide_args, "drawn");
        let wide_header = wide
            .lines()
            .find(|l| l.starts_with('│'))
            .unwrap()
            .to_string();
        for column in extra {
            let cell = format!(" {column} ");
            assert!(
                !header.contains(&cell),
                "{args:?} shows {column} without --wide:\n{narrow}"
            );
            assert!(
                wide_header.contains(&cell),
                "{args:?} --wide lacks {column}:\n{wide}"
            );
        }
        assert!(widest(&wide) > 80, "{args:?} --wide:\n{wide}");
        // Times in full with --wide, their date without.
        if args[0] != "credits" || args[1] == "history" {
            assert!(wide.contains("2026-11-05T10:00:00Z"), "{wide}");
        }
        assert!(!narrow.contains("T10:00:00Z"), "{narrow}");
    }
}

#[test]
fn piped_tables_are_tab_separated_lines_with_every_column() {
    let l = Ledger::new();
    let code = l.realistic();
    for args in table_commands(&code) {
        let out = l.cmd_at(LATER).args(&args).output().unwrap();
        assert!(out.status.success(), "{args:?}");
        let out = String::from_utf8(out.stdout).unwrap();
        assert!(!out.chars().any(is_box_drawing), "{args:?}:\n{out}");
        // Dry runs say so in a first line; the rest is the table.
        let lines: Vec<&str> = out.lines().skip_while(|l| l.contains("dry run")).collect();
        let fields: Vec<usize> = lines.iter().map(|l| l.split('\t').count()).collect();
        assert!(!fields.is_empty(), "{args:?} printed nothing");
        if args[0] == "deduct" {
            continue; // a summary, then the lists of halted and low sites, each its own table
        }
        assert!(
            fields.windows(2).all(|w| w[0] == w[1]) && fields[0] >= 2,
            "{args:?}: fields per line {fields:?}:\n{out}"
        );
        for line in &lines {
            assert!(
                line.split('\t').all(|cell| cell.trim() == cell),
                "{args:?}: padded cell in {line:?}"
            );
        }
    }
    // Every column, full times: the piped voucher list has what `--wide` shows.
    let list = l.cmd_at(LATER).args(["voucher", "list"]).output().unwrap();
    let list = String::from_utf8(list.stdout).unwrap();
    assert!(
        list.starts_with("Code\tName\tType\tCredits\tSMS\tValue\tStatus\tOrder\tDistributor\tExpires\tSite\tRedeemed\tBy\n"),
        "{list}"
    );
    assert!(
        list.contains(&format!(
            "{code}\tHarbour Office 2027 renewal\tdevice\t240\t0\t480.00 EUR\tused\t1\t"
        )),
        "{list}"
    );
    // A key-value table: label, tab, value.
    let show = l
        .cmd_at(LATER)
        .args(["voucher", "show", &code])
        .output()
        .unwrap();
    let show = String::from_utf8(show.stdout).unwrap();
    assert!(show.contains("Value\t480.00 EUR\n"), "{show}");
    // --json is unchanged by either layout.
    let plain = l.json_at(LATER, &["voucher", "list"]);
    let drawn = l
        .cmd_at(LATER)
        .env("CREDITCTL_TABLES", "drawn")
        .args(["voucher", "list", "--json", "--wide"])
        .output()
        .unwrap();
    assert_eq!(
        plain,
        serde_json::from_slice::<serde_json::Value>(&drawn.stdout).unwrap()
    );
}

#[test]
fn an_unknown_table_layout_is_refused() {
    let l = Ledger::new();
    l.distributor();
    let out = l
        .cmd()
        .env("CREDITCTL_TABLES", "fancy")
        .args(["distributor", "list"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("CREDITCTL_TABLES"));
}

#[test]
fn money_is_shown_as_an_amount_and_a_currency() {
    let l = Ledger::new();
    let code = l.realistic();
    let money = |text: &str| {
        // No bare minor units: every "EUR" follows an amount with two decimals.
        for (i, _) in text.match_indices(" EUR") {
            let before = &text[..i];
            let amount = before.rsplit([' ', '\t', '│', '┆', '(']).next().unwrap();
            assert!(
                amount.len() >= 4 && amount.as_bytes()[amount.len() - 3] == b'.',
                "{amount:?} in {text}"
            );
        }
        assert!(!text.contains("cents") && !text.contains("minor"), "{text}");
        text.matches(" EUR").count()
    };
    for args in table_commands(&code) {
        let shown = [
            money(&run(&l, &args, "drawn")),
            money(&run(&l, &args, "tsv")),
        ];
        // The commands about money show some (so the check above had amounts to check).
        if args[0] == "price" || args[..2] == ["payment", "list"] {
            assert!(shown.iter().all(|n| *n > 0), "{args:?} shows no amount");
        }
    }
}
