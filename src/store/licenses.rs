//! Perpetual feature licenses bought for a device serial.

use serde::Serialize;

use super::accounts::Distributor;
use super::ledger::LedgerWriter;
use super::payments::{self, Method, NewPayment};
use super::sql::Tx;
use super::vouchers::{Entropy, fresh_codes};
use super::{Stamp, prices};
use crate::args;
use crate::domain::chain::{Payload, RowDigest, kind};
use crate::domain::license::{self, price_item};
use crate::domain::money::Money;
use crate::domain::serial::Serial;
use crate::error::{Error, Result};

pub use crate::domain::license::Product;

/// The license products with their current prices, in the catalog's order.
pub fn catalog(tx: &mut dyn Tx) -> Result<Vec<Product>> {
    let mut all = tx.all(
        "SELECT p.name, p.title, pr.amount_minor, pr.currency FROM license_product p
         JOIN price pr ON pr.item = 'license:' || p.name ORDER BY p.name",
        &[],
        |r| {
            let currency = r.text(3)?;
            Ok(Product {
                name: r.text(0)?,
                title: r.text(1)?,
                price: Money::new(r.int(2)?, &currency),
            })
        },
    )?;
    all.sort_by_key(|p| license::catalog_position(&p.name));
    Ok(all)
}

fn owned(tx: &mut dyn Tx, serial: &Serial) -> Result<Vec<String>> {
    // Every license of the serial, whoever sold it.
    super::unseen::serial_products(tx, serial.as_str())
}

/// A product the serial does not own yet, with the owned products it overlaps.
#[derive(Debug, Clone, Serialize)]
pub struct Available {
    #[serde(flatten)]
    pub product: Product,
    /// Owned products sharing a feature with it (the parts of a bundle, or a part's bundle).
    pub overlaps: Vec<String>,
}

/// The catalog less what the serial already owns, each with what it overlaps.
pub fn available(tx: &mut dyn Tx, serial: &Serial) -> Result<Vec<Available>> {
    let owned = owned(tx, serial)?;
    Ok(catalog(tx)?
        .into_iter()
        .filter(|p| !owned.contains(&p.name))
        .map(|product| Available {
            overlaps: license::overlaps(&product.name, &owned),
            product,
        })
        .collect())
}

#[derive(Debug, Clone)]
pub struct LicensePlan {
    pub serial: Serial,
    pub distributor: Distributor,
    pub products: Vec<Product>,
    pub method: Method,
    pub total: Money,
}

/// Checks a purchase: every product exists, none is named twice, none is owned already.
pub fn plan_buy(
    tx: &mut dyn Tx,
    serial: Serial,
    names: &[String],
    distributor: Distributor,
    method: Method,
) -> Result<LicensePlan> {
    crate::domain::distributor::check_may_buy(
        &distributor.name,
        distributor.id,
        distributor.deactivated_at.as_deref(),
    )?;
    let catalog = catalog(tx)?;
    let owned = owned(tx, &serial)?;
    let (products, total) = license::plan_purchase(&catalog, &owned, serial.as_str(), names)?;
    Ok(LicensePlan {
        serial,
        distributor,
        products,
        method,
        total,
    })
}

#[derive(Debug, Clone, Serialize)]
pub struct License {
    pub id: i64,
    pub serial: String,
    pub product: String,
    pub license_key: String,
    pub price: Money,
    pub payment_id: i64,
    pub distributor: String,
    pub created_at: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct PaymentRef {
    pub id: i64,
    pub payment_method: Method,
    pub total: Money,
}

#[derive(Debug, Clone, Serialize)]
pub struct Bought {
    pub payment: PaymentRef,
    pub licenses: Vec<License>,
}

/// Records the payment and one license per product, in the caller's transaction. Prices are
/// read again here so the license keeps the price it was bought at.
pub fn buy(
    tx: &mut dyn Tx,
    plan: &LicensePlan,
    stamp: &Stamp,
    entropy: &mut dyn Entropy,
) -> Result<Bought> {
    let names: Vec<&str> = plan.products.iter().map(|p| p.name.as_str()).collect();
    let description = format!("licenses for {}: {}", plan.serial, names.join(", "));
    let payment = payments::insert(
        tx,
        &NewPayment {
            kind: "license",
            method: plan.method,
            total: &plan.total,
            distributor_id: Some(plan.distributor.id),
            site_id: None,
            description: &description,
            reference: None,
        },
        stamp,
    )?;
    let payment_id = payment.id;
    let mut digest = RowDigest::new();
    let mut licenses = Vec::new();
    for product in &plan.products {
        let price = prices::get(tx, &price_item(&product.name))?;
        let mut attempts = 0;
        let (id, key) = loop {
            let key = fresh_codes(entropy, 1)?[0];
            let inserted = tx.opt(
                "INSERT INTO license (id, serial, product, license_key, price_minor, currency, payment_id, distributor_id, created_at, created_by)
                 VALUES ((SELECT coalesce(max(id), 0) + 1 FROM license), ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) ON CONFLICT (license_key) DO NOTHING RETURNING id",
                args![
                    plan.serial.as_str(),
                    &product.name,
                    key.canonical(),
                    price.amount_minor,
                    &price.currency,
                    payment_id,
                    plan.distributor.id,
                    stamp.time(),
                    &stamp.actor
                ],
                |r| r.int(0),
            )?;
            if let Some(id) = inserted {
                break (id, key);
            }
            attempts += 1;
            if attempts >= 8 {
                return Err(Error::internal(
                    "could not draw an unused license key; nothing was bought, run the command again",
                ));
            }
        };
        // The columns of `verify::LICENSE_DIGEST`, in order.
        digest
            .int(id)
            .text(plan.serial.as_str())
            .text(&product.name)
            .text(&key.canonical())
            .int(price.amount_minor)
            .text(&price.currency)
            .int(payment_id)
            .int(plan.distributor.id)
            .text(&stamp.time())
            .text(&stamp.actor)
            .end_row();
        licenses.push(License {
            id,
            serial: plan.serial.to_string(),
            product: product.name.clone(),
            license_key: key.to_string(),
            price,
            payment_id,
            distributor: plan.distributor.name.clone(),
            created_at: stamp.time(),
        });
    }
    let payload = Payload {
        licenses: Some(digest.finish()),
        payment: Some(payment),
        ..Payload::default()
    };
    LedgerWriter::new(tx, stamp)?.event(
        tx,
        kind::LICENSE,
        &description,
        &format!("payment:{payment_id}"),
        &payload,
    )?;
    Ok(Bought {
        payment: PaymentRef {
            id: payment_id,
            payment_method: plan.method,
            total: plan.total.clone(),
        },
        licenses,
    })
}

/// Hands `f` the bought licenses (of one serial, of one distributor) after the one with id
/// `after`, oldest first, as they are read.
pub fn each(
    tx: &mut dyn Tx,
    serial: Option<&Serial>,
    distributor_id: Option<i64>,
    after: Option<i64>,
    f: &mut dyn FnMut(License) -> Result<()>,
) -> Result<()> {
    tx.stream(
        "SELECT l.id, l.serial, l.product, l.license_key, l.price_minor, l.currency, l.payment_id, d.name, l.created_at
         FROM license l JOIN distributor d ON d.id = l.distributor_id
         WHERE (CAST(?1 AS TEXT) IS NULL OR l.serial = ?1) AND (CAST(?2 AS BIGINT) IS NULL OR l.distributor_id = ?2)
           AND l.id > ?3
         ORDER BY l.id",
        args![serial.map(Serial::as_str), distributor_id, after.unwrap_or(0)],
        &mut |_, r| {
            let currency = r.text(5)?;
            f(License {
                id: r.int(0)?,
                serial: r.text(1)?,
                product: r.text(2)?,
                license_key: super::vouchers::group(&r.text(3)?),
                price: Money::new(r.int(4)?, &currency),
                payment_id: r.int(6)?,
                distributor: r.text(7)?,
                created_at: r.text(8)?,
            })
        },
    )
}
