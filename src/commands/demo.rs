//! `creditctl demo`: the whole path on a temporary ledger, by running the tool itself.

use std::io::Write;
use std::process::Command;

use super::Ctx;
use crate::error::{Error, Result};

/// Each step: what it shows, and the arguments.
const STEPS: &[(&str, &[&str])] = &[
    (
        "A distributor joins, and the platform operator activates voucher purchasing",
        &["distributor", "add", "Acme Security"],
    ),
    ("", &["distributor", "activate", "Acme Security"]),
    (
        "A site administrator creates an office site billed per device",
        &["site", "create", "Harbour Office", "--model", "device"],
    ),
    (
        "The installer registers three intercoms; the site has no credits, so they wait",
        &[
            "device",
            "add",
            "--site",
            "Harbour Office",
            "--serial",
            "54-0123-4567",
        ],
    ),
    (
        "",
        &[
            "device",
            "add",
            "--site",
            "Harbour Office",
            "--serial",
            "54-0123-4568",
        ],
    ),
    (
        "",
        &[
            "device",
            "add",
            "--site",
            "Harbour Office",
            "--serial",
            "54-0123-4569",
        ],
    ),
    (
        "The site is halted: units but none paid",
        &["credits", "show", "--site", "Harbour Office"],
    ),
    (
        "The administrator buys 24 credits by card: the waiting devices are charged at once",
        &[
            "credits",
            "buy",
            "--site",
            "Harbour Office",
            "--credits",
            "24",
            "--payment",
            "card",
        ],
    ),
    (
        "The distributor buys a voucher: 1 year for 2 devices (24 credits)",
        &[
            "voucher",
            "create",
            "--distributor",
            "Acme Security",
            "--name",
            "Harbour renewal",
            "--years",
            "1",
            "--subscriptions",
            "2",
            "--payment",
            "invoice",
            "--yes",
        ],
    ),
    (
        "The administrator redeems it (irreversible; --yes answers the question)",
        &[
            "voucher",
            "redeem",
            "{CODE}",
            "--site",
            "Harbour Office",
            "--yes",
        ],
    ),
    (
        "Next month cron runs the deduction",
        &["deduct", "run", "--period", "{NEXT}"],
    ),
    (
        "A second run for the same month charges nothing",
        &["deduct", "run", "--period", "{NEXT}"],
    ),
    (
        "The balance, and the ledger behind it",
        &["credits", "show", "--site", "Harbour Office"],
    ),
    ("", &["credits", "history", "--site", "Harbour Office"]),
    (
        "Every balance equals its ledger sum and the hash chain is intact",
        &["ledger", "verify"],
    ),
];

pub fn run(ctx: &Ctx) -> Result<()> {
    let dir = tempfile::tempdir()?;
    let db = dir.path().join("demo-ledger.db");
    let exe = std::env::current_exe()?;
    let now = ctx.now();
    let next = crate::domain::period::Period::containing(now).next();
    let next_now = crate::store::fmt_time(next.start() + chrono::Duration::minutes(5));
    let mut out = std::io::stdout().lock();
    let mut code = String::new();
    writeln!(
        out,
        "creditctl demo: a temporary ledger at {}\n",
        db.display()
    )?;
    for (title, args) in STEPS {
        let mut args: Vec<String> = args
            .iter()
            .map(|a| {
                a.replace("{CODE}", &code)
                    .replace("{NEXT}", &next.to_string())
            })
            .collect();
        if !title.is_empty() {
            writeln!(out, "== {title}")?;
        }
        writeln!(
            out,
            "$ creditctl {}",
            args.iter()
                .map(|a| if a.contains(' ') {
                    format!("'{a}'")
                } else {
                    a.clone()
                })
                .collect::<Vec<_>>()
                .join(" ")
        )?;
        let is_create = args.get(1).map(String::as_str) == Some("create") && args[0] == "voucher";
        if is_create {
            args.push("--json".into());
        }
        let clock = if args.iter().any(|a| a == &next.to_string()) {
            next_now.clone()
        } else {
            crate::store::fmt_time(now)
        };
        let output = Command::new(&exe)
            .args(&args)
            .env("CREDITCTL_DB", &db)
            .env("CREDITCTL_NOW", clock)
            .env("CREDITCTL_ACTOR", "demo")
            .output()?;
        if !output.status.success() {
            return Err(Error::internal(format!(
                "demo step `{}` failed: {}",
                args.join(" "),
                String::from_utf8_lossy(&output.stderr).trim()
            )));
        }
        if is_create {
            let v: serde_json::Value = serde_json::from_slice(&output.stdout)
                .map_err(|e| Error::internal(e.to_string()))?;
            code = v["vouchers"][0]["code"]
                .as_str()
                .unwrap_or_default()
                .to_string();
            writeln!(
                out,
                "Bought voucher {code} worth {} EUR cents (order {})",
                v["order"]["total"]["amount_minor"], v["order"]["id"]
            )?;
        } else {
            out.write_all(&output.stdout)?;
        }
        writeln!(out)?;
    }
    writeln!(
        out,
        "Done. The temporary ledger is removed; run any command with --db PATH to keep one."
    )?;
    Ok(())
}
