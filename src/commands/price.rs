use super::Ctx;
use crate::cli::PriceCmd;
use crate::domain::access::Action;
use crate::domain::money::parse_amount;
use crate::domain::pricing;
use crate::error::{Error, Result};
use crate::output::{emit, table, write_table};
use crate::store::prices::{self, Price};

pub fn run(ctx: &Ctx, cmd: PriceCmd) -> Result<()> {
    match cmd {
        PriceCmd::Show => {
            let all = ctx.open_existing()?.read(|tx| {
                ctx.allow(tx, Action::PriceShow, "price show")?;
                prices::list(tx)
            })?;
            emit(ctx.json, &all, |w| write_table(w, &price_table(&all)))
        }
        PriceCmd::Set { item, amount } => {
            let minor = parse_amount(&amount).map_err(Error::usage)?;
            let item = item.trim().to_ascii_lowercase();
            if !pricing::items().any(|known| known == item) {
                return Err(Error::not_found(format!(
                    "the price list has no item '{}'; see `creditctl price show`",
                    item.escape_debug()
                )));
            }
            let p = ctx.open_or_create()?.write(|tx| {
                ctx.allow(tx, Action::PriceSet, "price set")?;
                prices::set(tx, &item, minor, &ctx.stamp())
            })?;
            emit(ctx.json, &p, |w| {
                write_table(w, &price_table(std::slice::from_ref(&p)))
            })
        }
    }
}

fn price_table(all: &[Price]) -> crate::output::Table {
    let mut t = table(["Item", "Price", "Updated", "By"]).times(&["Updated"]);
    for p in all {
        t.add_row(vec![
            p.item.clone(),
            p.price.to_string(),
            p.updated_at.clone(),
            p.updated_by.clone(),
        ]);
    }
    t
}
