//! What a new ledger holds before its first command: the default price list and the license
//! catalog, written through the seam so that every engine seeds the same rows.
//!
//! (Stub on the `pg-engine` branch: the shared version also records the prices in the chain.)

use super::sql::Tx;
use crate::domain::{license, money, pricing};
use crate::error::Result;

/// The time and actor of the default prices.
const SEEDED_AT: &str = "1970-01-01T00:00:00Z";
const SEEDED_BY: &str = "default";

/// Default prices and the license catalog, written with the first schema.
pub fn seed_defaults(tx: &mut dyn Tx) -> Result<()> {
    let price = "INSERT INTO price (item, amount_minor, currency, updated_at, updated_by) VALUES (?1, ?2, ?3, ?4, ?5)";
    for (item, amount) in pricing::DEFAULT_PRICES {
        tx.exec(
            price,
            crate::args![*item, *amount, money::CURRENCY, SEEDED_AT, SEEDED_BY],
        )?;
    }
    for (name, title, amount) in license::CATALOG {
        tx.exec(
            "INSERT INTO license_product (name, title) VALUES (?1, ?2)",
            crate::args![*name, *title],
        )?;
        tx.exec(
            price,
            crate::args![
                license::price_item(name),
                *amount,
                money::CURRENCY,
                SEEDED_AT,
                SEEDED_BY
            ],
        )?;
    }
    Ok(())
}
