//! `creditctl demo`: the whole path on a temporary ledger, by running the tool itself.

use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};

use super::Ctx;
use crate::domain::money::Money;
use crate::domain::text::escape;
use crate::error::{Error, Kind, Result};
use crate::store::accounts;

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

pub fn run(ctx: &Ctx, db: Option<&Path>) -> Result<()> {
    // `--db PATH`: the demo runs on that ledger and keeps it, if it holds nothing yet. Else on a
    // temporary one ($CREDITCTL_DB and the default ledger are never filled with demo rows).
    let dir = tempfile::tempdir()?;
    let (db, kept) = match db {
        Some(db) => {
            refuse_data(ctx)?;
            (db.to_path_buf(), true)
        }
        None => (dir.path().join("demo-ledger.db"), false),
    };
    let is_postgres = matches!(
        crate::store::Location::parse(db.as_os_str())?,
        crate::store::Location::Postgres(_)
    );
    // A PostgreSQL URL may hold a password: it is never printed.
    let shown = if is_postgres {
        "in the PostgreSQL database of --db".to_string()
    } else {
        format!("at {}", escape(&db.to_string_lossy()))
    };
    let exe = std::env::current_exe()?;
    let now = ctx.now();
    let next = crate::domain::period::Period::containing(now).next();
    let next_now = crate::store::fmt_time(next.start() + chrono::Duration::minutes(5));
    let mut out = std::io::stdout().lock();
    let mut code = String::new();
    // One clock for each part: today until "next month" begins, then the 1st of next month,
    // 00:05, for every step after it.
    let mut next_month = false;
    if kept {
        writeln!(
            out,
            "creditctl demo: on the ledger {shown}, which is kept\n"
        )?;
    } else {
        writeln!(
            out,
            "creditctl demo: a temporary ledger at {}\n",
            db.display()
        )?;
    }
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
        next_month |= args.iter().any(|a| a == &next.to_string());
        let clock = if next_month {
            next_now.clone()
        } else {
            crate::store::fmt_time(now)
        };
        let mut step = Command::new(&exe);
        step.args(&args)
            .env("CREDITCTL_DB", &db)
            .env("CREDITCTL_NOW", clock)
            // Nobody answers a question: every step that asks is given --yes.
            .stdin(Stdio::null());
        if !is_postgres {
            // On PostgreSQL the identity is the database user; naming one is refused there.
            step.env("CREDITCTL_ACTOR", "demo");
        }
        let output = step.output()?;
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
            let total = &v["order"]["total"];
            let total = Money::new(
                total["amount_minor"].as_i64().unwrap_or_default(),
                total["currency"].as_str().unwrap_or_default(),
            );
            writeln!(
                out,
                "Bought voucher {code} worth {total} (order {})",
                v["order"]["id"]
            )?;
        } else {
            out.write_all(&output.stdout)?;
        }
        writeln!(out)?;
    }
    if kept {
        writeln!(
            out,
            "Done. The ledger {shown} is kept; the demo's last steps ran at {next_now} (set $CREDITCTL_NOW to that to see it as they left it)."
        )?;
    } else {
        writeln!(
            out,
            "Done. The temporary ledger is removed; `creditctl demo --db PATH` keeps one."
        )?;
    }
    Ok(())
}

/// The demo fills only a ledger that holds nothing yet: a missing one (made by its first step)
/// or a new, empty one. One with data is refused (exit 4), before anything is written.
fn refuse_data(ctx: &Ctx) -> Result<()> {
    let store = match ctx.open_existing() {
        Ok(store) => store,
        Err(e) if e.kind == Kind::NotFound => return Ok(()),
        Err(e) => return Err(e),
    };
    let mut store = store;
    if store.read(|tx| accounts::holds_data(tx))? {
        return Err(Error::new(
            Kind::Refused,
            "ledger_not_empty",
            "the ledger given with --db holds data already; the demo fills only a new or empty ledger: name a new file (or leave out --db for a temporary one)",
        ));
    }
    Ok(())
}
