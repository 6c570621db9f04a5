use super::Ctx;
use crate::cli::PaymentCmd;
use crate::domain::access::Action;
use crate::error::Result;
use crate::output::{List, emit, fields, opt, table, write_table};
use crate::store::payments;

pub fn run(ctx: &Ctx, cmd: PaymentCmd) -> Result<()> {
    match cmd {
        PaymentCmd::List { page } => {
            let t = table([
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
            let cells = |p: &payments::Payment| {
                vec![
                    p.id.to_string(),
                    p.created_at.clone(),
                    p.kind.clone(),
                    p.payment_method.clone(),
                    p.total.to_string(),
                    opt(&p.distributor),
                    opt(&p.site_id),
                    p.description.clone(),
                ]
            };
            let mut store = ctx.open_existing()?;
            let mut list = List::new(ctx.json, page.limit, t, cells, |p: &payments::Payment| {
                Some(p.id.to_string())
            });
            let read = store.read(|tx| {
                let me = ctx.allow(tx, Action::PaymentRead, "payment list")?;
                payments::each(tx, page.after, &mut |p| {
                    if me.sees_payment(p.distributor_id, p.site_id) {
                        list.push(p)?;
                    }
                    Ok(())
                })
            });
            list.finish(read)
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
