use super::Ctx;
use crate::cli::DistributorCmd;
use crate::domain::access::Action;
use crate::domain::site::check_name;
use crate::error::{Error, Result};
use crate::output::{emit, fields, opt, table, write_table};
use crate::store::accounts::{self, Distributor};

pub fn run(ctx: &Ctx, cmd: DistributorCmd) -> Result<()> {
    match cmd {
        DistributorCmd::Add { name } => {
            let name = check_name("the distributor NAME", &name, false).map_err(Error::usage)?;
            let d = ctx.open_or_create()?.write(|tx| {
                ctx.allow(tx, Action::DistributorWrite, "distributor add")?;
                accounts::add_distributor(tx, &name, &ctx.stamp())
            })?;
            show(ctx, &d)
        }
        DistributorCmd::List => {
            let all = ctx.open_existing()?.read(|tx| {
                ctx.allow(tx, Action::DistributorRead, "distributor list")?;
                accounts::list_distributors(tx)
            })?;
            emit(ctx.json, &all, |w| {
                let mut t = table(["ID", "Name", "Vouchers activated", "Deactivated", "Created"])
                    .wide(&["Created"])
                    .times(&["Vouchers activated", "Deactivated"])
                    .text(&["Name"]);
                for d in &all {
                    t.add_row(vec![
                        d.id.to_string(),
                        d.name.clone(),
                        opt(&d.activated_at),
                        opt(&d.deactivated_at),
                        d.created_at.clone(),
                    ]);
                }
                write_table(w, &t)
            })
        }
        DistributorCmd::Activate { distributor } => {
            let d = ctx.open()?.write(|tx| {
                ctx.allow(tx, Action::DistributorWrite, "distributor activate")?;
                let d = accounts::resolve_distributor(tx, &distributor, &|_| true)?;
                accounts::activate(tx, d.id, &ctx.stamp())
            })?;
            show(ctx, &d)
        }
        DistributorCmd::Deactivate { distributor } => {
            let d = ctx.open()?.write(|tx| {
                ctx.allow(tx, Action::DistributorWrite, "distributor deactivate")?;
                let d = accounts::resolve_distributor(tx, &distributor, &|_| true)?;
                accounts::deactivate(tx, d.id, &ctx.stamp())
            })?;
            show(ctx, &d)
        }
    }
}

fn show(ctx: &Ctx, d: &Distributor) -> Result<()> {
    emit(ctx.json, d, |w| {
        write_table(
            w,
            &fields(&[
                ("Distributor", format!("{} ({})", d.name, d.id)),
                ("Vouchers activated", opt(&d.activated_at)),
                ("Deactivated", opt(&d.deactivated_at)),
                ("Created", d.created_at.clone()),
            ]),
        )
    })
}
