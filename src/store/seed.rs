//! What every new ledger starts with, on either engine: the default prices and the license
//! catalog, with the prices recorded in the chain; and the reads the chain's facts are made of.

use super::ledger::LedgerWriter;
use super::sql::{Tx, ValueRef};
use crate::args;
use crate::domain::chain::{Digested, Payload, PaymentFact, PriceFact, RowDigest, kind};
use crate::domain::{license, money, pricing};
use crate::error::Result;

/// The voucher columns the chain digests, in order (an order's vouchers, ascending by id).
pub(crate) const VOUCHER_DIGEST: &str = "id, code, order_id, name, type, years, subscriptions, credits, messages, value_minor, currency, created_at, expires_at";
/// The license columns the chain digests, in order (a purchase's licenses, ascending by id).
pub(crate) const LICENSE_DIGEST: &str = "id, serial, product, license_key, price_minor, currency, payment_id, distributor_id, created_at, created_by";

/// The time and actor of the default prices.
pub const DEFAULTS_AT: &str = "1970-01-01T00:00:00Z";
pub const DEFAULTS_BY: &str = "default";

/// Default prices and the license catalog, written with the schema of a new ledger.
pub fn seed_defaults(tx: &mut dyn Tx) -> Result<()> {
    let insert_price = "INSERT INTO price (item, amount_minor, currency, updated_at, updated_by) VALUES (?1, ?2, ?3, ?4, ?5)";
    for (item, amount) in pricing::DEFAULT_PRICES {
        tx.exec(
            insert_price,
            args![*item, *amount, money::CURRENCY, DEFAULTS_AT, DEFAULTS_BY],
        )?;
    }
    for (name, title, amount) in license::CATALOG {
        tx.exec(
            "INSERT INTO license_product (name, title) VALUES (?1, ?2)",
            args![*name, *title],
        )?;
        tx.exec(
            insert_price,
            args![
                license::price_item(name),
                *amount,
                money::CURRENCY,
                DEFAULTS_AT,
                DEFAULTS_BY
            ],
        )?;
    }
    Ok(())
}

/// Records each price of the list in the chain, at the time and by the actor that set it.
pub fn record_prices(tx: &mut dyn Tx) -> Result<()> {
    let prices = tx.all(
        "SELECT item, amount_minor, currency, updated_at, updated_by FROM price ORDER BY item",
        &[],
        |r| Ok((r.text(0)?, r.int(1)?, r.text(2)?, r.text(3)?, r.text(4)?)),
    )?;
    for (item, amount_minor, currency, at, by) in prices {
        let payload = Payload {
            price: Some(PriceFact {
                item: item.clone(),
                amount_minor,
                currency,
            }),
            ..Payload::default()
        };
        LedgerWriter::stamped(tx, &by, &at)?.event(
            tx,
            kind::PRICE,
            &format!("price of {item}"),
            &format!("price:{item}"),
            &payload,
        )?;
    }
    Ok(())
}

/// Reads one payment as the chain records it.
pub fn payment_fact(tx: &mut dyn Tx, id: i64) -> Result<PaymentFact> {
    tx.one(
        "SELECT id, kind, method, amount_minor, currency, distributor_id, site_id, description, actor, created_at
         FROM payment WHERE id = ?1",
        args![id],
        |r| {
            Ok(PaymentFact {
                id: r.int(0)?,
                kind: r.text(1)?,
                method: r.text(2)?,
                amount_minor: r.int(3)?,
                currency: r.text(4)?,
                distributor_id: r.opt_int(5)?,
                site_id: r.opt_int(6)?,
                description: r.text(7)?,
                actor: r.text(8)?,
                created_at: r.text(9)?,
            })
        },
    )
}

/// Digests the rows `sql` selects (the digest columns, in order) the way the chain does.
pub fn digest_rows(tx: &mut dyn Tx, sql: &str, key: i64) -> Result<Digested> {
    let mut d = RowDigest::new();
    tx.each(sql, args![key], &mut |r| {
        for i in 0..r.width() {
            match r.cell(i)? {
                ValueRef::Int(v) => d.int(v),
                ValueRef::Text(t) => d.text(t),
                ValueRef::Null => d.null(),
            };
        }
        d.end_row();
        Ok(())
    })?;
    Ok(d.finish())
}
