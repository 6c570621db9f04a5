//! The price list.

use serde::Serialize;

use super::Stamp;
use super::ledger::LedgerWriter;
use super::sql::{SqlRow, Tx};
use crate::args;
use crate::domain::chain::{Payload, PriceFact, kind};
use crate::domain::money::Money;
use crate::error::{Error, Result};

#[derive(Debug, Clone, Serialize)]
pub struct Price {
    pub item: String,
    pub price: Money,
    pub updated_at: String,
    pub updated_by: String,
}

fn read_price(r: &dyn SqlRow) -> Result<Price> {
    let currency = r.text(2)?;
    Ok(Price {
        item: r.text(0)?,
        price: Money::new(r.int(1)?, &currency),
        updated_at: r.text(3)?,
        updated_by: r.text(4)?,
    })
}

pub fn list(tx: &mut dyn Tx) -> Result<Vec<Price>> {
    tx.all(
        "SELECT item, amount_minor, currency, updated_at, updated_by FROM price
         ORDER BY CASE WHEN item LIKE 'license:%' THEN 1 ELSE 0 END, item",
        &[],
        read_price,
    )
}

fn find(tx: &mut dyn Tx, item: &str) -> Result<Option<Price>> {
    tx.opt(
        "SELECT item, amount_minor, currency, updated_at, updated_by FROM price WHERE item = ?1",
        args![item],
        read_price,
    )
}

pub fn get(tx: &mut dyn Tx, item: &str) -> Result<Money> {
    find(tx, item)?.map(|p| p.price).ok_or_else(|| {
        Error::not_found(format!(
            "the price list has no item '{item}'; see `creditctl price show`"
        ))
    })
}

/// Changes one price. Values already fixed (vouchers, payments, licenses) keep theirs.
pub fn set(tx: &mut dyn Tx, item: &str, amount_minor: i64, stamp: &Stamp) -> Result<Price> {
    let old = get(tx, item)?;
    tx.exec(
        "UPDATE price SET amount_minor = ?2, updated_at = ?3, updated_by = ?4 WHERE item = ?1",
        args![item, amount_minor, stamp.time(), &stamp.actor],
    )?;
    let payload = Payload {
        price: Some(PriceFact {
            item: item.to_string(),
            amount_minor,
            currency: old.currency.clone(),
        }),
        ..Payload::default()
    };
    LedgerWriter::new(tx, stamp)?.event(
        tx,
        kind::PRICE,
        &format!(
            "price of {item}: {} → {}",
            old,
            Money::new(amount_minor, &old.currency)
        ),
        &format!("price:{item}"),
        &payload,
    )?;
    find(tx, item)?.ok_or_else(|| Error::internal("a price changed vanished"))
}
