use crate::store::sql::Tx;
use serde::Serialize;

use super::{Ctx, visible_site, warn_low};
use crate::cli::{CreditsCmd, PoolArg};
use crate::domain::access::Action;
use crate::domain::billing::SiteStatus;
use crate::domain::period::Period;
use crate::domain::site::Model;
use crate::domain::text::{REASON_MAX, REFERENCE_MAX, free_text};
use crate::error::{Error, Result};
use crate::output::{List, emit, fields, note, opt, table, write_table};
use crate::store::accounts::{self, Site};
use crate::store::billing::{VideoPool, each_site_pool, low_warning, site_outlook, video_pool};
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
    Ok(credits_of(site, video, status))
}

/// A site's credits from its pool, counted by the caller.
pub fn credits_of(site: &Site, video: VideoPool, status: SiteStatus) -> SiteCredits {
    SiteCredits {
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
    }
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
        CreditsCmd::Show {
            site: Some(site), ..
        } => {
            let s = ctx.open_existing()?.read(|tx| {
                let me = ctx.allow(tx, Action::CreditsRead, "credits show")?;
                let site = visible_site(tx, &site, &me)?;
                site_credits(tx, &site, period)
            })?;
            emit(ctx.json, &s, |w| {
                write_table(w, &credit_table(std::slice::from_ref(&s), period))
            })
        }
        CreditsCmd::Show {
            site: None,
            status,
            page,
        } => {
            let mut store = ctx.open_existing()?;
            let mut list = List::new(
                ctx.json,
                page.limit,
                credit_table(&[], period),
                credit_cells,
                |s: &SiteCredits| Some(s.site.id.to_string()),
            );
            let read = store.read(|tx| {
                let me = ctx.allow(tx, Action::CreditsRead, "credits show")?;
                each_site_pool(tx, page.after, period, &mut |s, video, site_status| {
                    if me.sees_site(s.id) && status.is_none_or(|want| site_status == want) {
                        list.push(credits_of(&s, video, site_status))?;
                    }
                    Ok(())
                })
            });
            list.finish(read)
        }
        CreditsCmd::Forecast { site, months } => forecast(ctx, site, months),
        CreditsCmd::History { site, page } => {
            let t = table([
                "Row",
                "Time",
                "Pool",
                "Amount",
                "Balance",
                "Kind",
                "Reason",
                "Reference",
                "Actor",
            ])
            .wide(&["Row", "Kind", "Reference", "Actor"])
            .times(&["Time"])
            .text(&["Reason"]);
            let cells = |r: &ledger::Row| {
                vec![
                    r.id.to_string(),
                    r.created_at.clone(),
                    r.pool.clone().unwrap_or_default(),
                    format!("{:+}", r.amount),
                    r.balance_after.map(|b| b.to_string()).unwrap_or_default(),
                    r.kind.clone(),
                    r.reason.clone(),
                    r.reference.clone(),
                    r.actor.clone(),
                ]
            };
            let mut store = ctx.open_existing()?;
            let mut list = List::new(ctx.json, page.limit, t, cells, |r: &ledger::Row| {
                Some(r.id.to_string())
            });
            let read = store.read(|tx| {
                let me = ctx.allow(tx, Action::CreditsRead, "credits history")?;
                let site = visible_site(tx, &site, &me)?;
                list.set_title(format!("Site {} ({})", site.name, site.id));
                ledger::history(tx, site.id, page.after, &mut |r| list.push(r))
            });
            list.finish(read)
        }
        CreditsCmd::Buy {
            site,
            credits,
            sms,
            payment,
            reference,
            dry_run,
        } => {
            let reference = reference
                .map(|r| free_text("--reference", &r, REFERENCE_MAX).map_err(Error::usage))
                .transpose()?;
            let (pool, amount) = match (credits, sms) {
                (Some(n), None) => (Pool::Video, n),
                (None, Some(n)) => (Pool::Sms, n),
                _ => return Err(Error::usage("give either --credits N or --sms N")),
            };
            if dry_run {
                let (site, plan) = ctx.open_existing()?.read(|tx| {
                    let me = ctx.allow(tx, Action::CreditsBuy, "credits buy")?;
                    let site = visible_site(tx, &site, &me)?;
                    let plan = credits::plan_purchase(tx, &site, pool, amount, payment)?;
                    Ok((site, plan))
                })?;
                let quote = Quote {
                    dry_run: true,
                    plan,
                };
                return emit(ctx.json, &quote, |w| {
                    writeln!(w, "Quote (dry run: nothing was bought)")?;
                    write_table(w, &quote_table(&site, &quote.plan))
                });
            }
            let (site, bought, low) = ctx.open()?.write(|tx| {
                let me = ctx.allow(tx, Action::CreditsBuy, "credits buy")?;
                let site = visible_site(tx, &site, &me)?;
                let plan = credits::plan_purchase(tx, &site, pool, amount, payment)?;
                let bought = credits::buy(tx, &site, &plan, reference.as_deref(), &ctx.stamp())?;
                {
                    let low = low_warning(tx, site.id, period)?;
                    Ok((site, bought, low))
                }
            })?;
            if bought.replayed {
                note(
                    ctx.json,
                    &format!(
                        "Reference '{}' names payment {}, made before; nothing was bought now.",
                        bought.reference.as_deref().unwrap_or_default(),
                        bought.payment_id
                    ),
                );
            }
            // The receipt is output, not chatter: on stdout, so that `> receipt.txt` keeps it.
            emit(ctx.json, &bought, |w| {
                writeln!(
                    w,
                    "{} {} by {} (payment {}).",
                    if bought.replayed {
                        "Paid before:"
                    } else {
                        "Paid"
                    },
                    bought.total,
                    bought.payment_method.as_str(),
                    bought.payment_id
                )?;
                write_table(w, &moved_table(&site, &bought.moved))
            })?;
            warn_low(ctx, low);
            Ok(())
        }
        CreditsCmd::Adjust {
            site,
            amount,
            reason,
            pool: p,
        } => {
            let reason = free_text("--reason", &reason, REASON_MAX).map_err(Error::usage)?;
            let (site, moved, low) = ctx.open()?.write(|tx| {
                let me = ctx.allow(tx, Action::CreditsAdjust, "credits adjust")?;
                let site = visible_site(tx, &site, &me)?;
                let moved = credits::adjust(tx, &site, pool(p), amount, &reason, &ctx.stamp())?;
                {
                    let low = low_warning(tx, site.id, period)?;
                    Ok((site, moved, low))
                }
            })?;
            emit(ctx.json, &moved, |w| {
                write_table(w, &moved_table(&site, &moved))
            })?;
            warn_low(ctx, low);
            Ok(())
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

/// One site's line of `credits forecast` (SPEC section 6).
#[derive(Debug, Serialize)]
pub struct Forecast {
    pub site: SiteHead,
    pub balance: i64,
    pub units: u64,
    pub units_waiting: u64,
    pub monthly_need: u64,
    pub months_covered: Option<u64>,
    pub runs_out: Option<String>,
    pub credits_to_cover: u64,
    /// The months after the current one that `credits_to_cover` pays for.
    pub months: u64,
    #[serde(skip)]
    runs_out_in: Option<u64>,
}

fn site_forecast(tx: &mut dyn Tx, site: &Site, period: Period, months: u64) -> Result<Forecast> {
    let (pool, status, o) = site_outlook(tx, site, period, months)?;
    Ok(Forecast {
        site: SiteHead {
            id: site.id,
            name: site.name.clone(),
            model: site.model,
            status,
        },
        balance: site.video_balance,
        units: pool.units,
        units_waiting: o.waiting,
        monthly_need: o.monthly_need,
        months_covered: o.months_covered,
        runs_out: o.runs_out(period).map(|p| p.to_string()),
        credits_to_cover: o.credits_to_cover,
        months,
        runs_out_in: o.runs_out_in,
    })
}

/// `credits forecast`: every site the member may see (or one), soonest to run out first; sites
/// that never run out (no units) last; ties by site ID.
fn forecast(ctx: &Ctx, site: Option<String>, months: u64) -> Result<()> {
    let period = ctx.period();
    let mut all: Vec<Forecast> = ctx.open_existing()?.read(|tx| {
        let me = ctx.allow(tx, Action::CreditsRead, "credits forecast")?;
        let sites = match &site {
            Some(key) => vec![visible_site(tx, key, &me)?],
            None => accounts::list_sites(tx)?
                .into_iter()
                .filter(|s| me.sees_site(s.id))
                .collect(),
        };
        sites
            .iter()
            .map(|s| site_forecast(tx, s, period, months))
            .collect()
    })?;
    all.sort_by_key(|f| (f.runs_out_in.is_none(), f.runs_out_in, f.site.id));
    emit(ctx.json, &all, |w| {
        let mut t = table([
            "Site".to_string(),
            "Name".to_string(),
            "Status".to_string(),
            "Video credits".to_string(),
            "Units".to_string(),
            "Months covered".to_string(),
            "Runs out".to_string(),
            format!(
                "Credits to cover {months} month{}",
                if months == 1 { "" } else { "s" }
            ),
        ])
        .wide(&["Site", "Status", "Units", "Months covered"])
        .text(&["Name"]);
        for f in &all {
            t.add_row(vec![
                f.site.id.to_string(),
                f.site.name.clone(),
                f.site.status.as_str().to_string(),
                f.balance.to_string(),
                f.units.to_string(),
                opt(&f.months_covered),
                f.runs_out.clone().unwrap_or_else(|| "-".into()),
                f.credits_to_cover.to_string(),
            ]);
        }
        write_table(w, &t)
    })
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
    ])
    .wide(&[
        "Site",
        "Model",
        "Units",
        &format!("Paid {period}"),
        "Months covered",
    ])
    .text(&["Name"]);
    for s in all {
        t.add_row(credit_cells(s));
    }
    t
}

/// A site's row of `credits show`.
fn credit_cells(s: &SiteCredits) -> Vec<String> {
    vec![
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
    ]
}

/// What `credits buy --dry-run` shows: the purchase as it would be made, priced now.
#[derive(Debug, Serialize)]
struct Quote {
    dry_run: bool,
    #[serde(flatten)]
    plan: credits::PurchasePlan,
}

fn quote_table(site: &Site, p: &credits::PurchasePlan) -> crate::output::Table {
    let what = format!("{} {}", p.amount, p.pool.noun());
    fields(&[
        ("Site", format!("{} ({})", site.name, p.site_id)),
        ("Buy", what),
        ("Payment", p.payment_method.as_str().to_string()),
        ("Total", p.total.to_string()),
    ])
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
