//! What the tool says about itself: help on every command, the man page, clap's refusals as JSON,
//! hints that name only flags that exist, and `credits buy`'s quote and receipt.

mod common;
use common::Ledger;
use creditctl::cli::Cli;
use serde_json::Value;
use std::collections::BTreeSet;
use std::path::Path;

/// Every command of the tree with its path (`["voucher", "create"]`), the root included.
fn commands() -> Vec<(Vec<String>, clap::Command)> {
    fn walk(
        cmd: &clap::Command,
        path: &mut Vec<String>,
        all: &mut Vec<(Vec<String>, clap::Command)>,
    ) {
        all.push((path.clone(), cmd.clone()));
        for sub in cmd.get_subcommands().filter(|s| s.get_name() != "help") {
            path.push(sub.get_name().to_string());
            walk(sub, path, all);
            path.pop();
        }
    }
    let mut top = Cli::full_command();
    top.build();
    let mut all = Vec::new();
    walk(&top, &mut Vec::new(), &mut all);
    all
}

/// The long flags a command takes, its global ones included.
fn flags_of(path: &[&str]) -> BTreeSet<String> {
    let all = commands();
    let (_, cmd) = all
        .iter()
        .find(|(p, _)| p.iter().map(String::as_str).eq(path.iter().copied()))
        .unwrap_or_else(|| panic!("no command {path:?}"));
    cmd.get_arguments()
        .filter_map(|a| a.get_long())
        .map(|l| format!("--{l}"))
        .collect()
}

/// Every `--flag` token in `text`.
fn flag_tokens(text: &str) -> Vec<String> {
    let mut found = Vec::new();
    let bytes = text.as_bytes();
    let mut i = 0;
    while i + 2 < bytes.len() {
        let starts = bytes[i] == b'-'
            && bytes[i + 1] == b'-'
            && bytes[i + 2].is_ascii_lowercase()
            && (i == 0 || !(bytes[i - 1].is_ascii_alphanumeric() || bytes[i - 1] == b'-'));
        if starts {
            let end = (i + 2..bytes.len())
                .find(|&j| !(bytes[j].is_ascii_lowercase() || bytes[j] == b'-'))
                .unwrap_or(bytes.len());
            found.push(text[i..end].trim_end_matches('-').to_string());
            i = end;
        } else {
            i += 1;
        }
    }
    found
}

#[test]
fn every_command_has_an_about_an_example_and_every_argument_a_description() {
    let mut missing = Vec::new();
    for (path, cmd) in commands() {
        let name = format!("creditctl {}", path.join(" "));
        if cmd
            .get_about()
            .is_none_or(|a| a.to_string().trim().is_empty())
        {
            missing.push(format!("{name}: no about line"));
        }
        let after = cmd
            .get_after_long_help()
            .or(cmd.get_after_help())
            .map(|h| h.to_string())
            .unwrap_or_default();
        let example = after
            .split_once("Examples:")
            .is_some_and(|(_, rest)| rest.contains("creditctl"));
        if !example {
            missing.push(format!("{name}: no \"Examples:\" block in its help"));
        }
        for arg in cmd.get_arguments() {
            let id = arg.get_id().as_str();
            if id == "help" || id == "version" || arg.is_hide_set() {
                continue;
            }
            if arg
                .get_help()
                .is_none_or(|h| h.to_string().trim().is_empty())
            {
                missing.push(format!("{name}: argument {id} has no description"));
            }
        }
    }
    assert!(missing.is_empty(), "{}", missing.join("\n"));
}

/// An argument whose description says its default (`[default: 1, next month]`) hides clap's
/// own `[default: 1]`, so that help says it once.
#[test]
fn every_default_is_said_once() {
    let mut doubled = Vec::new();
    for (path, cmd) in commands() {
        for arg in cmd.get_arguments() {
            let said = [arg.get_help(), arg.get_long_help()]
                .into_iter()
                .flatten()
                .any(|h| h.to_string().contains("[default:"));
            if said && !arg.get_default_values().is_empty() && !arg.is_hide_default_value_set() {
                doubled.push(format!(
                    "creditctl {}: --{}",
                    path.join(" "),
                    arg.get_id().as_str()
                ));
            }
        }
    }
    assert!(doubled.is_empty(), "defaults said twice: {doubled:?}");
    let help = Ledger::sqlite().ok(&["deduct", "run", "--help"]);
    assert!(
        help.contains("[default: 1, next month]") && !help.contains("[default: 1]"),
        "{help}"
    );
}

#[test]
fn every_example_names_only_flags_of_its_command() {
    let mut wrong = Vec::new();
    for (path, cmd) in commands() {
        let after = cmd
            .get_after_help()
            .map(|h| h.to_string())
            .unwrap_or_default();
        let Some((_, examples)) = after.split_once("Examples:") else {
            continue;
        };
        // Joined continuation lines: each example is one command line.
        for line in examples.replace("\\\n", " ").lines() {
            let Some(rest) = line.trim().strip_prefix("creditctl") else {
                continue;
            };
            let words: Vec<&str> = rest.split_whitespace().collect();
            // The command the example runs: the longest path of the tree its words name.
            let all = commands();
            let target = all
                .iter()
                .filter(|(p, _)| {
                    let mut names = words.iter();
                    p.iter().all(|part| names.any(|w| w == part))
                })
                .max_by_key(|(p, _)| p.len())
                .map(|(p, _)| p.clone())
                .unwrap_or_default();
            let target: Vec<&str> = target.iter().map(String::as_str).collect();
            let known = flags_of(&target);
            for flag in flag_tokens(rest) {
                if flag != "--help" && !known.contains(&flag) {
                    wrong.push(format!("{path:?}: `{}` names {flag}", line.trim()));
                }
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn help_shows_the_environment_fallbacks_but_never_their_values() {
    let l = Ledger::sqlite();
    let help = |args: &[&str]| {
        let out = l
            .cmd()
            .env(
                "CREDITCTL_DB",
                "postgres://ops:s3cret@db.example.com/credits",
            )
            .env("CREDITCTL_KEY", "/secret/place.pem")
            .args(args)
            .arg("--help")
            .output()
            .unwrap();
        assert!(out.status.success());
        String::from_utf8(out.stdout).unwrap()
    };
    let top = help(&[]);
    for shown in [
        "[env: CREDITCTL_DB]",
        "[env: CREDITCTL_ACTOR]",
        "CREDITCTL_NOW",
        "CREDITCTL_BUSY_TIMEOUT_MS",
        "Examples:",
    ] {
        assert!(top.contains(shown), "{shown} not in {top}");
    }
    for cmd in [
        &["license", "file"][..],
        &["ledger", "checkpoint"],
        &["deduct", "run"],
    ] {
        assert!(help(cmd).contains("[env: CREDITCTL_KEY]"), "{cmd:?}");
    }
    let all = format!("{top}{}", help(&["deduct", "run"]));
    assert!(
        !all.contains("s3cret") && !all.contains("/secret/place.pem"),
        "{all}"
    );
}

#[test]
fn price_set_help_lists_every_item() {
    let l = Ledger::sqlite();
    let out = l.cmd().args(["price", "set", "--help"]).output().unwrap();
    let help = String::from_utf8(out.stdout).unwrap();
    for item in [
        "device-year",
        "apartment-year",
        "sms-50",
        "license:nfc",
        "license:gold",
    ] {
        assert!(help.contains(item), "{item} not in {help}");
    }
    // Each listed item is one `price set` takes.
    let l = Ledger::new();
    l.ok(&["price", "set", "license:gold", "100.00"]);
}

#[test]
fn a_flag_wins_over_its_variable_and_a_blank_variable_is_unset() {
    let l = Ledger::sqlite();
    let other = l.dir.path().join("other.db");
    // --db beats $CREDITCTL_DB.
    let out = l
        .cmd()
        .env("CREDITCTL_DB", &other)
        .arg("--db")
        .arg(&l.db)
        .args(["distributor", "add", "Acme"])
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(l.db.exists() && !other.exists());
    // --as beats $CREDITCTL_ACTOR; a blank $CREDITCTL_ACTOR falls back to the login user.
    l.ok(&["site", "create", "Office", "--model", "device"]);
    let buy = |c: &mut assert_cmd::Command| {
        let out = c
            .args([
                "credits",
                "buy",
                "--site",
                "Office",
                "--credits",
                "1",
                "--payment",
                "card",
            ])
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    };
    buy(l.cmd().env("CREDITCTL_ACTOR", "env-actor"));
    buy(l
        .cmd()
        .env("CREDITCTL_ACTOR", "env-actor")
        .args(["--as", "flag-actor"]));
    buy(l
        .cmd()
        .env("CREDITCTL_ACTOR", "  ")
        .env("USER", "login-user"));
    let actors: Vec<Value> = l
        .json(&["credits", "history", "--site", "Office"])
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["actor"].clone())
        .collect();
    assert_eq!(actors, ["env-actor", "flag-actor", "login-user"]);
    // A blank $CREDITCTL_DB is as unset: the default ledger (none here, so exit 3), never "".
    let out = l
        .cmd()
        .env("CREDITCTL_DB", " ")
        .env("HOME", l.dir.path().join("home"))
        .env_remove("XDG_DATA_HOME")
        .args(["site", "list"])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(3),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("creditctl/ledger.db"));
}

#[test]
fn man_prints_one_roff_page_naming_every_command() {
    let l = Ledger::sqlite();
    let out = l.cmd().arg("man").output().unwrap();
    assert!(out.status.success());
    let page = String::from_utf8(out.stdout).unwrap();
    assert!(
        page.lines().any(|l| l.starts_with(".TH CREDITCTL 1")),
        "{page}"
    );
    assert!(
        page.contains(".SH NAME") && page.contains(".SH SYNOPSIS") && page.contains(".SH COMMANDS")
    );
    for (path, _) in commands().into_iter().filter(|(p, _)| !p.is_empty()) {
        let heading = format!(".SS \"creditctl {}\"", path.join(" ").replace('-', "\\-"));
        assert!(page.contains(&heading), "{heading} is not in the page");
    }
    // Options and examples are there, roff-escaped.
    assert!(page.contains("\\-\\-dry\\-run"));
    assert!(page.contains("creditctl price set device\\-year 24.00"));
    // man(1) renders it without a warning, when it is installed.
    let path = l.dir.path().join("creditctl.1");
    std::fs::write(&path, &page).unwrap();
    let man = std::process::Command::new("man")
        .env("MANWIDTH", "100")
        .arg("--warnings")
        .arg("-l")
        .arg(&path)
        .output();
    if let Ok(out) = man
        && out.status.success()
    {
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(text.contains("creditctl voucher create"), "{text}");
        let warnings = String::from_utf8_lossy(&out.stderr);
        assert!(warnings.trim().is_empty(), "{warnings}");
    }
}

/// Runs with `--json`, expects a clap refusal: exit 2, one JSON line on stderr, nothing on stdout.
fn clap_refusal(l: &Ledger, args: &[&str]) -> Value {
    let out = l.cmd().arg("--json").args(args).output().unwrap();
    assert_eq!(out.status.code(), Some(2), "{args:?}");
    assert!(out.stdout.is_empty());
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(err.lines().count(), 1, "{err}");
    let v: Value = serde_json::from_str(&err).unwrap();
    v["error"].clone()
}

#[test]
fn clap_refusals_in_json_keep_the_argument_and_the_valid_values() {
    let l = Ledger::sqlite();
    let e = clap_refusal(&l, &["site", "create", "X", "--model", "flat"]);
    assert_eq!(e["code"], "invalid_value");
    assert_eq!(e["argument"], "--model <MODEL>");
    assert_eq!(
        e["valid_values"],
        serde_json::json!(["device", "apartment"])
    );
    let m = e["message"].as_str().unwrap();
    assert!(
        m.contains("'flat'") && m.contains("device, apartment"),
        "{m}"
    );

    let e = clap_refusal(&l, &["site", "create", "X", "--modle", "device"]);
    assert_eq!(e["code"], "unknown_argument");
    assert_eq!(e["argument"], "--modle");
    assert!(
        e["message"].as_str().unwrap().contains("'--model'"),
        "the tip: {e}"
    );

    let e = clap_refusal(&l, &["site", "create", "X"]);
    assert_eq!(e["code"], "missing_argument");
    assert_eq!(e["argument"], "--model <MODEL>");
    assert!(
        e["message"].as_str().unwrap().contains("--model <MODEL>"),
        "{e}"
    );

    let e = clap_refusal(&l, &["voucher", "list", "--order", "three"]);
    assert_eq!(e["code"], "invalid_value");
    assert_eq!(e["argument"], "--order <ORDER>");

    let e = clap_refusal(
        &l,
        &[
            "credits",
            "buy",
            "--site",
            "1",
            "--credits",
            "1",
            "--sms",
            "50",
            "--payment",
            "card",
        ],
    );
    assert_eq!(e["code"], "argument_conflict");

    let e = clap_refusal(&l, &["vouchers", "list"]);
    assert_eq!(e["code"], "unknown_command");
    assert_eq!(e["argument"], "vouchers");

    let e = clap_refusal(&l, &["voucher"]);
    assert_eq!(e["code"], "missing_command");
    assert!(
        e["message"].as_str().unwrap().contains("creditctl voucher"),
        "{e}"
    );
}

#[test]
fn json_demo_and_json_man_are_refused_on_one_line() {
    let l = Ledger::sqlite();
    for command in ["demo", "man"] {
        let out = l.cmd().args(["--json", command]).output().unwrap();
        assert_eq!(out.status.code(), Some(2));
        assert!(out.stdout.is_empty());
        let err = String::from_utf8(out.stderr).unwrap();
        assert_eq!(err.lines().count(), 1, "{err}");
        let v: Value = serde_json::from_str(&err).unwrap();
        let message = v["error"]["message"].as_str().unwrap();
        assert!(message.contains("without --json"), "{v}");
    }
}

/// Every hint that names a flag names one that exists: every `--flag` in a string of the
/// sources (messages, hints, help) is a flag of the command tree.
#[test]
fn every_flag_a_message_names_exists() {
    let mut known: BTreeSet<String> = BTreeSet::new();
    for (_, cmd) in commands() {
        known.extend(
            cmd.get_arguments()
                .filter_map(|a| a.get_long())
                .map(|l| format!("--{l}")),
        );
    }
    let mut unknown = Vec::new();
    let mut files = vec![Path::new(env!("CARGO_MANIFEST_DIR")).join("src")];
    while let Some(path) = files.pop() {
        if path.is_dir() {
            files.extend(std::fs::read_dir(&path).unwrap().map(|e| e.unwrap().path()));
            continue;
        }
        if path.extension().is_none_or(|e| e != "rs") {
            continue;
        }
        let source = std::fs::read_to_string(&path).unwrap();
        for (n, line) in source.lines().enumerate() {
            if line.trim_start().starts_with("//") {
                continue;
            }
            // The parts of the line inside string quotes.
            for literal in line.split('"').skip(1).step_by(2) {
                for flag in flag_tokens(literal) {
                    if !known.contains(&flag) {
                        unknown.push(format!("{}:{}: {flag}", path.display(), n + 1));
                    }
                }
            }
        }
    }
    assert!(
        unknown.is_empty(),
        "flags that no command has:\n{}",
        unknown.join("\n")
    );
}

/// A confirmation refused without a terminal says how to go on with the flags the command has:
/// `--dry-run` only where there is one.
#[test]
fn a_refused_confirmation_names_only_flags_of_its_command() {
    let l = Ledger::new();
    l.distributor();
    l.site("Office", "device");
    let code = l.voucher(&["--years", "1", "--subscriptions", "1"]);
    let cases: Vec<(Vec<&str>, Vec<&str>)> = vec![
        (
            vec![
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
            vec!["voucher", "create"],
        ),
        (
            vec!["voucher", "redeem", &code, "--site", "Office"],
            vec!["voucher", "redeem"],
        ),
        (vec!["voucher", "cancel", &code], vec!["voucher", "cancel"]),
        (
            vec![
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
            ],
            vec!["license", "buy"],
        ),
    ];
    for (args, path) in cases {
        let e = l.fail(&args, 5);
        assert_eq!(e["code"], "confirmation_required");
        let message = e["message"].as_str().unwrap();
        let flags = flags_of(&path);
        let named = flag_tokens(message);
        assert!(named.contains(&"--yes".to_string()), "{message}");
        for flag in &named {
            assert!(flags.contains(flag), "{path:?} has no {flag}: {message}");
        }
        assert_eq!(
            named.contains(&"--dry-run".to_string()),
            flags.contains("--dry-run"),
            "{path:?}: {message}"
        );
    }
}

#[test]
fn credits_buy_dry_run_quotes_the_price_and_writes_nothing() {
    let l = Ledger::new();
    l.site("Office", "device");
    let before = l.snapshot();
    let files = l.files();
    let args = [
        "credits",
        "buy",
        "--site",
        "Office",
        "--credits",
        "6",
        "--payment",
        "card",
        "--dry-run",
    ];
    let quote = l.json(&args);
    assert_eq!(quote["dry_run"], true);
    assert_eq!(quote["total"]["amount_minor"], 1200);
    assert_eq!(quote["amount"], 6);
    assert_eq!(quote["pool"], "video");
    let human = l.ok(&args);
    assert!(
        human.contains("dry run") && human.contains("12.00 EUR"),
        "{human}"
    );
    let sms = l.json(&[
        "credits",
        "buy",
        "--site",
        "Office",
        "--sms",
        "100",
        "--payment",
        "invoice",
        "--dry-run",
    ]);
    assert_eq!(sms["total"]["amount_minor"], 1000);
    assert_eq!(before, l.snapshot(), "a dry run wrote to the ledger");
    assert_eq!(files, l.files(), "a dry run changed a file's bytes");
    // A refusal is the same as without --dry-run.
    l.fail(
        &[
            "credits",
            "buy",
            "--site",
            "Office",
            "--sms",
            "75",
            "--payment",
            "card",
            "--dry-run",
        ],
        2,
    );
    l.fail(
        &[
            "credits",
            "buy",
            "--site",
            "Nowhere",
            "--credits",
            "1",
            "--payment",
            "card",
            "--dry-run",
        ],
        3,
    );
}

#[test]
fn the_credits_receipt_goes_to_stdout() {
    let l = Ledger::new();
    l.site("Office", "device");
    let out = l
        .cmd()
        .args([
            "credits",
            "buy",
            "--site",
            "Office",
            "--credits",
            "6",
            "--payment",
            "card",
        ])
        .output()
        .unwrap();
    assert!(out.status.success());
    let receipt = String::from_utf8(out.stdout).unwrap();
    assert!(
        receipt.starts_with("Paid 12.00 EUR by card (payment 1)."),
        "{receipt}"
    );
    assert!(receipt.contains("Balance after"), "{receipt}");
    assert!(out.stderr.is_empty());
}

/// On PostgreSQL the database user acts: `--as` and `$CREDITCTL_ACTOR` (now read by clap) are
/// both still refused, each named as given.
#[test]
fn on_postgresql_the_actor_named_by_flag_or_variable_is_refused() {
    let l = Ledger::new();
    if !l.is_postgres() {
        return;
    }
    l.site("Office", "device");
    for (given, named) in [
        (&["--as", "someone"][..], "--as"),
        (&[][..], "$CREDITCTL_ACTOR"),
    ] {
        let out = l
            .cmd()
            .env("CREDITCTL_ACTOR", "someone")
            .args(given)
            .args(["site", "list", "--json"])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2));
        let err = String::from_utf8(out.stderr).unwrap();
        assert!(err.contains(&format!("leave out {named}")), "{err}");
    }
}
