use super::{Ctx, visible_site, warn_low};
use crate::cli::ApartmentCmd;
use crate::domain::access::Action;
use crate::domain::site::check_name;
use crate::error::{Error, Result};
use crate::output::{List, emit, escape, fields, table, write_table};
use crate::store::billing::low_warning;
use crate::store::ledger::LedgerWriter;
use crate::store::units;

pub fn run(ctx: &Ctx, cmd: ApartmentCmd) -> Result<()> {
    let period = ctx.period();
    match cmd {
        ApartmentCmd::Add { site, name } => {
            let name = check_name("the apartment NAME", &name, true).map_err(Error::usage)?;
            let (site, a, low) = ctx.open()?.write(|tx| {
                let me = ctx.allow(tx, Action::UnitWrite, "apartment add")?;
                let site = visible_site(tx, &site, &me)?;
                let mut ledger = LedgerWriter::new(tx, &ctx.stamp())?;
                let a = units::add_apartment(tx, &mut ledger, &site, &name, period, &ctx.stamp())?;
                {
                    let low = low_warning(tx, site.id, period)?;
                    Ok((site, a, low))
                }
            })?;
            emit(ctx.json, &a, |w| {
                write_table(
                    w,
                    &fields(&[
                        ("Apartment", a.name.clone()),
                        ("Site", format!("{} ({})", site.name, a.site_id)),
                        (
                            &format!("Paid for {period}"),
                            if a.paid {
                                "yes"
                            } else {
                                "no, waiting for credits"
                            }
                            .to_string(),
                        ),
                    ]),
                )
            })?;
            warn_low(ctx, low);
            Ok(())
        }
        ApartmentCmd::List { site, page } => {
            let t = table(["Apartment", "Devices", "Added", &format!("Paid {period}")])
                .times(&["Added"])
                .text(&["Apartment"]);
            let cells = |a: &units::Apartment| {
                vec![
                    a.name.clone(),
                    a.devices.to_string(),
                    a.added_at.clone(),
                    if a.paid { "yes" } else { "waiting" }.to_string(),
                ]
            };
            let mut store = ctx.open_existing()?;
            let mut list = List::new(ctx.json, page.limit, t, cells, |a: &units::Apartment| {
                Some(a.name.clone())
            });
            let read = store.read(|tx| {
                let me = ctx.allow(tx, Action::UnitRead, "apartment list")?;
                let site = visible_site(tx, &site, &me)?;
                let after = page.after.as_deref().map(str::trim);
                units::each_apartment(tx, &site, period, after, &mut |a| list.push(a))
            });
            list.finish(read)
        }
        ApartmentCmd::Remove { site, name } => {
            let site = ctx.open()?.write(|tx| {
                let me = ctx.allow(tx, Action::UnitWrite, "apartment remove")?;
                let site = visible_site(tx, &site, &me)?;
                units::remove_apartment(tx, &site, name.trim(), &ctx.stamp())?;
                Ok(site)
            })?;
            let out =
                serde_json::json!({"site_id": site.id, "apartment": name.trim(), "removed": true});
            emit(ctx.json, &out, |w| {
                writeln!(
                    w,
                    "Removed apartment '{}' from site {}.",
                    escape(name.trim()),
                    escape(&site.label())
                )
            })
        }
    }
}
