use super::Ctx;
use crate::cli::PaymentCmd;
use crate::domain::access::Action;
use crate::error::Result;
use crate::output::{emit, fields, opt, table, write_table};
use crate::store::payments;

pub fn run(ctx: &Ctx, cmd: PaymentCmd) -> Result<()> {
    match cmd {
        PaymentCmd::List => {
            let all = ctx.open_existing()?.read(|tx| {
                let me = ctx.allow(tx, Action::PaymentRead, "payment list")?;
                Ok(payments::list(tx)?
                    .into_iter()
                    .filter(|p| me.sees_payment(p.distributor_id, p.site_id))
                    .collect::<Vec<_>>())
            })?;
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
                ])
                .wide(&["Kind", "Distributor", "Site"])
                .times(&["Time"])
                .text(&["Description"]);
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
            let p = ctx.open_existing()?.read(|tx| {
                let me = ctx.allow(tx, Action::PaymentRead, "payment show")?;
                let p = payments::get(tx, id)?;
                if !me.sees_payment(p.distributor_id, p.site_id) {
                    return Err(payments::not_found(id));
                }
                Ok(p)
            })?;
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
