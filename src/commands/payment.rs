use super::Ctx;
use crate::cli::PaymentCmd;
use crate::error::Result;
use crate::output::{emit, fields, opt, table, write_table};
use crate::store::payments;

pub fn run(ctx: &Ctx, cmd: PaymentCmd) -> Result<()> {
    match cmd {
        PaymentCmd::List => {
            let all = ctx.open_existing()?.read(payments::list)?;
            emit(ctx.json, &all, |w| {
                let mut t = table([
                    "ID",
                    "Time",
                    "Kind",
                    "Method",
                    "Total",
                    "Distributor",
                    "Site",
                    "Description",
                ]);
                for p in &all {
                    t.add_row(vec![
                        p.id.to_string(),
                        p.created_at.clone(),
                        p.kind.clone(),
                        p.payment_method.clone(),
                        p.total.to_string(),
                        opt(&p.distributor),
                        opt(&p.site_id),
                        p.description.clone(),
                    ]);
                }
                write_table(w, &t)
            })
        }
        PaymentCmd::Show { id } => {
            let p = ctx.open_existing()?.read(|conn| payments::get(conn, id))?;
            emit(ctx.json, &p, |w| {
                write_table(
                    w,
                    &fields(&[
                        ("Payment", p.id.to_string()),
                        ("Time", p.created_at.clone()),
                        ("Kind", p.kind.clone()),
                        ("Method", p.payment_method.clone()),
                        ("Total", p.total.to_string()),
                        ("Distributor", opt(&p.distributor)),
                        ("Site", opt(&p.site_id)),
                        ("Description", p.description.clone()),
                        ("Actor", p.actor.clone()),
                    ]),
                )
            })
        }
    }
}
