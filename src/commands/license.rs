use super::{Ctx, serial, visible_distributor};
use crate::cli::LicenseCmd;
use crate::domain::access::Action;
use crate::error::{Error, Result};
use crate::output::{emit, fields, note, preview, table, write_table};
use crate::store::licenses::{self, Product};
use crate::store::sql::Tx;
use crate::store::vouchers::OsEntropy;

pub fn run(ctx: &Ctx, cmd: LicenseCmd) -> Result<()> {
    match cmd {
        LicenseCmd::Catalog => {
            let all = ctx.open_existing()?.read(|tx| {
                ctx.allow(tx, Action::LicenseCatalog, "license catalog")?;
                licenses::catalog(tx)
            })?;
            emit(ctx.json, &all, |w| write_table(w, &product_table(&all)))
        }
        LicenseCmd::Available { serial: s } => {
            let serial = serial(&s)?;
            let all = ctx.open_existing()?.read(|tx| {
                ctx.allow(tx, Action::LicenseRead, "license available")?;
                licenses::available(tx, &serial)
            })?;
            emit(ctx.json, &all, |w| {
                writeln!(w, "Licenses device {serial} can still get:")?;
                write_table(w, &product_table(&all))
            })
        }
        LicenseCmd::List {
            serial: s,
            distributor,
        } => {
            let serial = s.map(|s| serial(&s)).transpose()?;
            let all = ctx.open_existing()?.read(|tx| {
                let me = ctx.allow(tx, Action::LicenseRead, "license list")?;
                let d = distributor
                    .map(|d| visible_distributor(tx, &d, &me))
                    .transpose()?
                    .map(|d| d.id)
                    .or(me.own_distributor());
                licenses::list(tx, serial.as_ref(), d)
            })?;
            emit(ctx.json, &all, |w| {
                let mut t = table([
                    "Serial",
                    "License",
                    "Key",
                    "Price",
                    "Payment",
                    "Distributor",
                    "Bought",
                ]);
                for l in &all {
                    t.add_row(vec![
                        l.serial.clone(),
                        l.product.clone(),
                        l.license_key.clone(),
                        l.price.to_string(),
                        l.payment_id.to_string(),
                        l.distributor.clone(),
                        l.created_at.clone(),
                    ]);
                }
                write_table(w, &t)
            })
        }
        LicenseCmd::Buy {
            serial: s,
            licenses: names,
            distributor,
            payment,
        } => {
            let serial = serial(&s)?;
            let mut store = ctx.open()?;
            let plan_in = |tx: &mut dyn Tx| {
                let me = ctx.allow(tx, Action::LicenseBuy, "license buy")?;
                let d = visible_distributor(tx, &distributor, &me)?;
                licenses::plan_buy(tx, serial.clone(), &names, d, payment)
            };
            let plan = store.read(plan_in)?;
            ctx.confirm(
                &format!(
                    "Buy {} license(s) for {serial} for {}?",
                    plan.products.len(),
                    plan.total
                ),
                || {
                    let mut t = product_table(&plan.products);
                    t.add_row(vec![
                        "Total".to_string(),
                        String::new(),
                        plan.total.to_string(),
                    ]);
                    preview(&t)
                },
            )?;
            let bought = store.write(|tx| {
                let fresh = plan_in(tx)?;
                crate::domain::pricing::check_unchanged(&plan.total, &fresh.total)
                    .map_err(Error::from)?;
                licenses::buy(tx, &fresh, &ctx.stamp(), &mut OsEntropy)
            })?;
            note(
                ctx.json,
                &format!(
                    "Paid {} by {} (payment {}).",
                    bought.payment.total,
                    bought.payment.payment_method.as_str(),
                    bought.payment.id
                ),
            );
            emit(ctx.json, &bought, |w| {
                write_table(
                    w,
                    &fields(&[
                        ("Serial", serial.to_string()),
                        (
                            "Payment",
                            format!(
                                "{} ({})",
                                bought.payment.id,
                                bought.payment.payment_method.as_str()
                            ),
                        ),
                        ("Total", bought.payment.total.to_string()),
                    ]),
                )?;
                let mut t = table(["License", "Key", "Price"]);
                for l in &bought.licenses {
                    t.add_row(vec![
                        l.product.clone(),
                        l.license_key.clone(),
                        l.price.to_string(),
                    ]);
                }
                write_table(w, &t)
            })
        }
    }
}

fn product_table(all: &[Product]) -> crate::output::Table {
    let mut t = table(["License", "Description", "Price"]);
    for p in all {
        t.add_row(vec![p.name.clone(), p.title.clone(), p.price.to_string()]);
    }
    t
}
