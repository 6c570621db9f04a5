use super::credits::{SiteCredits, credits_of, site_credits};
use super::{Ctx, visible_site};
use crate::cli::SiteCmd;
use crate::domain::access::Action;
use crate::domain::site::check_name;
use crate::error::{Error, Result};
use crate::output::{List, emit, fields, opt, table, write_table};
use crate::store::{accounts, billing, members};

pub fn run(ctx: &Ctx, cmd: SiteCmd) -> Result<()> {
    match cmd {
        SiteCmd::Create { name, model } => {
            let name = check_name("the site NAME", &name, false).map_err(Error::usage)?;
            let site = ctx.open_or_create()?.write(|tx| {
                let me = ctx.allow(tx, Action::SiteCreate, "site create")?;
                let site = accounts::create_site(tx, &name, model, &ctx.stamp())?;
                // A site administrator who creates a site administers it.
                if me.own_sites().is_some() {
                    members::grant_site(tx, &ctx.stamp().actor, site.id)?;
                }
                Ok(site)
            })?;
            emit(ctx.json, &site, |w| {
                write_table(
                    w,
                    &fields(&[
                        ("Site", format!("{} ({})", site.name, site.id)),
                        ("Model", format!("{} (fixed)", site.model.as_str())),
                        ("Created", site.created_at.clone()),
                    ]),
                )
            })
        }
        SiteCmd::List { page } => {
            let period = ctx.period();
            let t = table([
                "ID",
                "Name",
                "Model",
                "Status",
                "Units",
                "Video credits",
                "SMS",
            ])
            .wide(&["Model"])
            .text(&["Name"]);
            let cells = |s: &SiteCredits| {
                vec![
                    s.site.id.to_string(),
                    s.site.name.clone(),
                    s.site.model.as_str().to_string(),
                    s.site.status.as_str().to_string(),
                    s.video.units.to_string(),
                    s.video.balance.to_string(),
                    s.sms.balance.to_string(),
                ]
            };
            let mut store = ctx.open_existing()?;
            let mut list = List::new(ctx.json, page.limit, t, cells, |s: &SiteCredits| {
                Some(s.site.id.to_string())
            });
            let read = store.read(|tx| {
                let me = ctx.allow(tx, Action::SiteRead, "site list")?;
                billing::each_site_pool(tx, page.after, period, &mut |s, video, status| {
                    if me.sees_site(s.id) {
                        list.push(credits_of(&s, video, status))?;
                    }
                    Ok(())
                })
            });
            list.finish(read)
        }
        SiteCmd::Rename { site, new_name } => {
            let name = check_name("the NEW_NAME", &new_name, false).map_err(Error::usage)?;
            let (old, site) = ctx.open()?.write(|tx| {
                let me = ctx.allow(tx, Action::SiteRename, "site rename")?;
                let site = visible_site(tx, &site, &me)?;
                Ok((
                    site.name.clone(),
                    accounts::rename_site(tx, site.id, &name)?,
                ))
            })?;
            emit(ctx.json, &site, |w| {
                write_table(
                    w,
                    &fields(&[
                        ("Site", format!("{} ({})", site.name, site.id)),
                        ("Was", old.clone()),
                        ("Model", site.model.as_str().to_string()),
                    ]),
                )
            })
        }
        SiteCmd::Show { site } => {
            let period = ctx.period();
            let (s, created) = ctx.open_existing()?.read(|tx| {
                let me = ctx.allow(tx, Action::SiteRead, "site show")?;
                let site = visible_site(tx, &site, &me)?;
                Ok((site_credits(tx, &site, period)?, site.created_at))
            })?;
            emit(ctx.json, &s, |w| {
                write_table(
                    w,
                    &fields(&[
                        ("Site", format!("{} ({})", s.site.name, s.site.id)),
                        ("Model", s.site.model.as_str().to_string()),
                        ("Status", s.site.status.as_str().to_string()),
                        ("Created", created.clone()),
                        ("Video credits", s.video.balance.to_string()),
                        ("Units", s.video.units.to_string()),
                        (
                            &format!("Units paid for {period}"),
                            s.video.units_paid.to_string(),
                        ),
                        ("Units waiting", s.video.units_waiting.to_string()),
                        ("Months covered", opt(&s.video.months_covered)),
                        ("SMS messages", s.sms.balance.to_string()),
                    ]),
                )
            })
        }
    }
}
