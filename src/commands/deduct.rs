use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use serde::Serialize;
use std::io::IsTerminal;

use super::Ctx;
use crate::cli::DeductCmd;
use crate::domain::access::Action;
use crate::domain::period::Period;
use crate::error::{Error, Result};
use crate::output::{emit, fields, opt, table, write_table};
use crate::store::billing::{self, DeductSummary, SiteAlert};
use crate::store::signing::{self, Checkpoint};
use std::io::Write;

/// Sites from which a run on a terminal shows a progress bar.
const PROGRESS_FROM_SITES: u64 = 5_000;

pub fn run(ctx: &Ctx, cmd: DeductCmd) -> Result<()> {
    let DeductCmd::Run {
        period,
        dry_run,
        alert_months,
        key,
    } = cmd;
    let current = ctx.period();
    let period = match period {
        Some(p) => p.parse::<Period>().map_err(Error::usage)?,
        None => current,
    };
    if period > current {
        return Err(Error::usage(format!(
            "{period} has not begun (it is {current} now); a run charges the current month or catches up a past one"
        )));
    }
    // A dry run writes nothing, so it signs nothing and needs no key.
    let signer = if dry_run {
        None
    } else {
        super::key::optional(key)?
    };
    let mut store = if dry_run {
        ctx.open_existing()?
    } else {
        ctx.open()?
    };
    store.read(|tx| ctx.allow(tx, Action::DeductRun, "deduct run"))?;
    // A key this ledger does not know is refused before anything is charged.
    if let Some(k) = &signer {
        store.read(|tx| signing::key_id(tx, &k.verifying_key()))?;
    }
    let mut bar: Option<ProgressBar> = None;
    let interactive = std::io::stderr().is_terminal() && !ctx.json;
    let mut progress = |done: u64, total: u64| {
        if total < PROGRESS_FROM_SITES {
            return;
        }
        let b = bar.get_or_insert_with(|| {
            let b = ProgressBar::with_draw_target(Some(total), ProgressDrawTarget::stderr());
            if let Ok(style) =
                ProgressStyle::with_template("{msg} {wide_bar} {pos}/{len} sites ({eta})")
            {
                b.set_style(style);
            }
            b.set_message(format!("deduct {period}"));
            b
        });
        b.set_position(done);
    };
    let summary = billing::deduct_run(
        &mut store,
        period,
        &ctx.stamp(),
        dry_run,
        alert_months,
        // People see the first few alerts and the counts; JSON lists every site.
        (!ctx.json).then_some(ALERT_ROWS),
        interactive.then_some(&mut progress as &mut dyn FnMut(u64, u64)),
    )?;
    if let Some(b) = bar {
        b.finish_and_clear();
    }
    // The run is committed; its checkpoint is a transaction of its own, after it.
    let checkpoint = match &signer {
        Some(k) => Some(
            store
                .write(|tx| signing::checkpoint(tx, &ctx.stamp(), k))
                .map_err(|e| {
                    Error::new(
                        e.kind,
                        e.code,
                        format!(
                            "the deduction for {} ran and is committed, but its checkpoint was not written: {}",
                            summary.period, e.message
                        ),
                    )
                })?,
        ),
        None => None,
    };
    render(
        ctx,
        &Ran {
            summary: &summary,
            checkpoint: checkpoint.as_ref(),
        },
    )?;
    super::warn_low(ctx, alert_warning(&summary, period));
    Ok(())
}

/// Sites a run's human output names in each list; `--json` lists them all.
const ALERT_ROWS: usize = 20;

/// The one warning line on stderr after a run that leaves sites unable to pay.
fn alert_warning(s: &DeductSummary, period: Period) -> Option<String> {
    let n = s.sites_low;
    (n > 0).then(|| {
        format!(
            "warning: {n} site{} will not be fully paid {} (listed above)",
            if n == 1 { "" } else { "s" },
            within(s.alert_months, period)
        )
    })
}

/// "in 2026-12", or "within 3 months after 2026-11".
fn within(months: u64, period: Period) -> String {
    if months == 1 {
        format!("in {}", period.next())
    } else {
        format!("within {months} months after {period}")
    }
}

/// At most [`ALERT_ROWS`] of the `count` sites as a table, then how many more there are.
fn write_alerts(
    w: &mut dyn Write,
    title: &str,
    sites: &[SiteAlert],
    count: u64,
) -> std::io::Result<()> {
    writeln!(w, "{title} ({count}):")?;
    let mut t = table([
        "Site",
        "Name",
        "Units",
        "Waiting",
        "Video credits",
        "Months covered",
    ])
    .text(&["Name"]);
    for a in sites.iter().take(ALERT_ROWS) {
        t.add_row(vec![
            a.id.to_string(),
            a.name.clone(),
            a.units.to_string(),
            a.units_waiting.to_string(),
            a.balance.to_string(),
            opt(&a.months_covered),
        ]);
    }
    write_table(w, &t)?;
    let shown = sites.len().min(ALERT_ROWS) as u64;
    if count > shown {
        writeln!(w, "and {} more; --json lists all", count - shown)?;
    }
    Ok(())
}

/// The summary, and the checkpoint signed at its end when a key was given (else null).
#[derive(Serialize)]
struct Ran<'a> {
    #[serde(flatten)]
    summary: &'a DeductSummary,
    checkpoint: Option<&'a Checkpoint>,
}

fn render(ctx: &Ctx, ran: &Ran) -> Result<()> {
    let s = ran.summary;
    emit(ctx.json, ran, |w| {
        let title = if s.dry_run {
            format!("{} (dry run: nothing written)", s.period)
        } else {
            s.period.clone()
        };
        write_table(
            w,
            &fields(&[
                ("Period", title),
                ("Sites charged", s.sites_charged.to_string()),
                ("Units charged", s.units_charged.to_string()),
                ("Credits deducted", s.credits_deducted.to_string()),
                ("Units waiting", s.units_waiting.to_string()),
                ("Sites halted", s.sites_halted.to_string()),
            ]),
        )?;
        let period: Period = s.period.parse().map_err(std::io::Error::other)?;
        if !s.halted.is_empty() {
            write_alerts(w, "Halted sites", &s.halted, s.sites_halted)?;
        }
        if !s.low.is_empty() {
            let title = format!(
                "Sites that will not be fully paid {}",
                within(s.alert_months, period)
            );
            write_alerts(w, &title, &s.low, s.sites_low)?;
        }
        if let Some(c) = ran.checkpoint {
            writeln!(
                w,
                "Checkpoint {}: {} rows, signed with key {}:\n{}",
                c.id,
                c.rows,
                c.key_id,
                c.document.trim_end()
            )?;
        }
        Ok(())
    })
}
