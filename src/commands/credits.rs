use crate::store::sql::Tx;
use serde::Serialize;

use super::{Ctx, visible_site};
use crate::cli::{CreditsCmd, PoolArg};
use crate::domain::access::Action;
use crate::domain::billing::SiteStatus;
use crate::domain::period::Period;
use crate::domain::site::Model;
use crate::domain::text::{REASON_MAX, REFERENCE_MAX, free_text};
use crate::error::{Error, Result};
use crate::output::{emit, escape, fields, note, opt, table, write_table};
use crate::store::accounts::{self, Site};
use crate::store::billing::{VideoPool, video_pool};
use crate::store::credits::{self, Moved};
use crate::store::ledger::{self, Pool};

#[derive(Debug, Serialize)]
pub struct SiteHead {
    pub id: i64,
    pub name: String,
    pub model: Model,
    pub status: SiteStatus,
}

#[derive(Debug, Serialize)]
pub struct SmsPool {
    pub balance: i64,
}

/// `credits show --site S` (SPEC section 3).
#[derive(Debug, Serialize)]
pub struct SiteCredits {
    pub site: SiteHead,
    pub video: VideoPool,
    pub sms: SmsPool,
}

pub fn site_credits(conn: &mut dyn Tx, site: &Site, period: Period) -> Result<SiteCredits> {
    let (video, status) = video_pool(conn, site, period)?;
    Ok(SiteCredits {
        site: SiteHead {
            id: site.id,
            name: site.name.clone(),
            model: site.model,
            status,
        },
        video,
        sms: SmsPool {
            balance: site.sms_balance,
        },
    })
}

fn pool(p: PoolArg) -> Pool {
    match p {
        PoolArg::Video => Pool::Video,
        PoolArg::Sms => Pool::Sms,
    }
}

pub fn run(ctx: &Ctx, cmd: CreditsCmd) -> Result<()> {
    let period = ctx.period();
    match cmd {
        CreditsCmd::Show { site: Some(site) } => {
            let s = ctx.open_existing()?.read(|tx| {
                let me = ctx.allow(tx, Action::CreditsRead, "credits show")?;
                let site = visible_site(tx, &site, &me)?;
                site_credits(tx, &site, period)
            })?;
            emit(ctx.json, &s, |w| {
                write_table(w, &credit_table(std::slice::from_ref(&s), period))
            })
        }
        CreditsCmd::Show { site: None } => {
            let all: Vec<SiteCredits> = ctx.open_existing()?.read(|tx| {
                let me = ctx.allow(tx, Action::CreditsRead, "credits show")?;
                accounts::list_sites(tx)?
                    .iter()
                    .filter(|s| me.sees_site(s.id))
                    .map(|s| site_credits(tx, s, period))
                    .collect()
            })?;
            emit(ctx.json, &all, |w| {
                write_table(w, &credit_table(&all, period))
            })
        }
        CreditsCmd::History { site } => {
            let (site, rows) = ctx.open_existing()?.read(|tx| {
                let me = ctx.allow(tx, Action::CreditsRead, "credits history")?;
                let site = visible_site(tx, &site, &me)?;
                let rows = ledger::history(tx, site.id)?;
                Ok((site, rows))
            })?;
            emit(ctx.json, &rows, |w| {
                writeln!(w, "Site {} ({})", escape(&site.name), site.id)?;
                let mut t = table([
                    "Row",
                    "Time",
                    "Pool",
                    "Amount",
                    "Balance",
                    "Kind",
                    "Reason",
                    "Reference",
                    "Actor",
                ]);
                for r in &rows {
                    t.add_row(vec![
                        r.id.to_string(),
                        r.created_at.clone(),
                        r.pool.clone().unwrap_or_default(),
                        format!("{:+}", r.amount),
                        r.balance_after.map(|b| b.to_string()).unwrap_or_default(),
                        r.kind.clone(),
                        r.reason.clone(),
                        r.reference.clone(),
                        r.actor.clone(),
                    ]);
                }
                write_table(w, &t)
            })
        }
        CreditsCmd::Buy {
            site,
            credits,
            sms,
            payment,
        } => {
            let (pool, amount) = match (credits, sms) {
                (Some(n), None) => (Pool::Video, n),
                (None, Some(n)) => (Pool::Sms, n),
                _ => return Err(Error::usage("give either --credits N or --sms N")),
            };
            let (site, bought) = ctx.open()?.write(|tx| {
                let me = ctx.allow(tx, Action::CreditsBuy, "credits buy")?;
                let site = visible_site(tx, &site, &me)?;
                let plan = credits::plan_purchase(tx, &site, pool, amount, payment)?;
                let bought = credits::buy(tx, &site, &plan, &ctx.stamp())?;
                Ok((site, bought))
            })?;
            note(
                ctx.json,
                &format!(
                    "Paid {} by {} (payment {}).",
                    bought.total,
                    bought.payment_method.as_str(),
                    bought.payment_id
                ),
            );
            emit(ctx.json, &bought, |w| {
                write_table(w, &moved_table(&site, &bought.moved))
            })
        }
        CreditsCmd::Adjust {
            site,
            amount,
            reason,
            pool: p,
        } => {
            let reason = free_text("--reason", &reason, REASON_MAX).map_err(Error::usage)?;
            let (site, moved) = ctx.open()?.write(|tx| {
                let me = ctx.allow(tx, Action::CreditsAdjust, "credits adjust")?;
                let site = visible_site(tx, &site, &me)?;
                let moved = credits::adjust(tx, &site, pool(p), amount, &reason, &ctx.stamp())?;
                Ok((site, moved))
            })?;
            emit(ctx.json, &moved, |w| {
                write_table(w, &moved_table(&site, &moved))
            })
        }
        CreditsCmd::Use {
            site,
            sms,
            reference,
        } => {
            let reference =
                free_text("--reference", &reference, REFERENCE_MAX).map_err(Error::usage)?;
            let (site, used) = ctx.open()?.write(|tx| {
                let me = ctx.allow(tx, Action::CreditsUse, "credits use")?;
                let site = visible_site(tx, &site, &me)?;
                let used = credits::use_sms(tx, &site, sms, &reference, &ctx.stamp())?;
                Ok((site, used))
            })?;
            if used.replayed {
                note(
                    ctx.json,
                    &format!("Reference '{reference}' was already applied; nothing changed."),
                );
            }
            emit(ctx.json, &used, |w| {
                write_table(
                    w,
                    &fields(&[
                        ("Site", format!("{} ({})", site.name, site.id)),
                        ("Messages spent", used.messages.to_string()),
                        ("SMS balance", used.balance_after.to_string()),
                        ("Reference", used.reference.clone()),
                        ("Applied at", used.created_at.clone()),
                    ]),
                )
            })
        }
    }
}

fn credit_table(all: &[SiteCredits], period: Period) -> crate::output::Table {
    let mut t = table([
        "Site".to_string(),
        "Name".to_string(),
        "Model".to_string(),
        "Status".to_string(),
        "Video credits".to_string(),
        "Units".to_string(),
        format!("Paid {period}"),
        "Waiting".to_string(),
        "Months covered".to_string(),
        "SMS messages".to_string(),
    ]);
    for s in all {
        t.add_row(vec![
            s.site.id.to_string(),
            s.site.name.clone(),
            s.site.model.as_str().to_string(),
            s.site.status.as_str().to_string(),
            s.video.balance.to_string(),
            s.video.units.to_string(),
            s.video.units_paid.to_string(),
            s.video.units_waiting.to_string(),
            opt(&s.video.months_covered),
            s.sms.balance.to_string(),
        ]);
    }
    t
}

fn moved_table(site: &accounts::Site, m: &Moved) -> crate::output::Table {
    fields(&[
        ("Site", format!("{} ({})", site.name, m.site_id)),
        ("Pool", m.pool.as_str().to_string()),
        ("Change", format!("{:+}", m.amount)),
        ("Balance before", m.balance_before.to_string()),
        ("Units activated", m.units_activated.to_string()),
        ("Balance after", m.balance_after.to_string()),
    ])
}
