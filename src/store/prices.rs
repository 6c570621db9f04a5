//! The price list.

use rusqlite::{Connection, OptionalExtension, params};
use serde::Serialize;

use super::Stamp;
use super::ledger::LedgerWriter;
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

fn read_price(r: &rusqlite::Row) -> rusqlite::Result<Price> {
    let currency: String = r.get(2)?;
    Ok(Price {
        item: r.get(0)?,
        price: Money::new(r.get(1)?, &currency),
        updated_at: r.get(3)?,
        updated_by: r.get(4)?,
    })
}

pub fn list(conn: &Connection) -> Result<Vec<Price>> {
    let mut stmt = conn.prepare(
        "SELECT item, amount_minor, currency, updated_at, updated_by FROM price
         ORDER BY item LIKE 'license:%', item",
    )?;
    let rows = stmt
        .query_map([], read_price)?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

pub fn get(conn: &Connection, item: &str) -> Result<Money> {
    conn.prepare_cached(
        "SELECT item, amount_minor, currency, updated_at, updated_by FROM price WHERE item = ?1",
    )?
    .query_row([item], read_price)
    .optional()?
    .map(|p| p.price)
    .ok_or_else(|| {
        Error::not_found(format!(
            "the price list has no item '{item}'; see `creditctl price show`"
        ))
    })
}

/// Refuses a purchase whose total moved since the order was shown (a price changed meanwhile).
pub fn check_unchanged(shown: &Money, now: &Money) -> Result<()> {
    if shown == now {
        return Ok(());
    }
    Err(Error::refused(
        "price_changed",
        format!(
            "prices changed since the order was shown ({now} now, {shown} shown); nothing was bought, run the command again"
        ),
    ))
}

/// Changes one price. Values already fixed (vouchers, payments, licenses) keep theirs.
pub fn set(conn: &Connection, item: &str, amount_minor: i64, stamp: &Stamp) -> Result<Price> {
    let old = get(conn, item)?;
    conn.execute(
        "UPDATE price SET amount_minor = ?2, updated_at = ?3, updated_by = ?4 WHERE item = ?1",
        params![item, amount_minor, stamp.time(), stamp.actor],
    )?;
    let payload = Payload {
        price: Some(PriceFact {
            item: item.to_string(),
            amount_minor,
            currency: old.currency.clone(),
        }),
        ..Payload::default()
    };
    LedgerWriter::new(conn, stamp)?.event(
        kind::PRICE,
        &format!(
            "price of {item}: {} → {}",
            old,
            Money::new(amount_minor, &old.currency)
        ),
        &format!("price:{item}"),
        &payload,
    )?;
    conn.query_row(
        "SELECT item, amount_minor, currency, updated_at, updated_by FROM price WHERE item = ?1",
        [item],
        read_price,
    )
    .map_err(Error::from)
}
