//! Payments: what was paid, how, by whom.

use serde::Serialize;

use super::Stamp;
use super::sql::{SqlRow, Tx};
use crate::args;
use crate::domain::chain::PaymentFact;
use crate::domain::money::Money;
use crate::error::{Error, Result};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, clap::ValueEnum)]
#[serde(rename_all = "snake_case")]
pub enum Method {
    Card,
    Invoice,
}

impl Method {
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Card => "card",
            Method::Invoice => "invoice",
        }
    }
}

/// What a new payment is for.
pub struct NewPayment<'a> {
    pub kind: &'a str,
    pub method: Method,
    pub total: &'a Money,
    pub distributor_id: Option<i64>,
    pub site_id: Option<i64>,
    pub description: &'a str,
    /// A credits purchase's retry key (`credits buy --reference`); not a fact of the chain.
    pub reference: Option<&'a str>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Payment {
    pub id: i64,
    pub kind: String,
    pub payment_method: String,
    pub total: Money,
    pub distributor_id: Option<i64>,
    pub distributor: Option<String>,
    pub site_id: Option<i64>,
    pub description: String,
    pub actor: String,
    pub created_at: String,
}

/// Writes the payment and returns it as the chain records it (the caller's ledger row carries it).
pub fn insert(tx: &mut dyn Tx, p: &NewPayment, stamp: &Stamp) -> Result<PaymentFact> {
    let id = tx.int(
        "INSERT INTO payment (id, kind, method, amount_minor, currency, distributor_id, site_id, description, actor, created_at, reference)
         VALUES ((SELECT coalesce(max(id), 0) + 1 FROM payment), ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10) RETURNING id",
        args![
            p.kind,
            p.method.as_str(),
            p.total.amount_minor,
            &p.total.currency,
            p.distributor_id,
            p.site_id,
            p.description,
            &stamp.actor,
            stamp.time(),
            p.reference
        ],
    )?;
    Ok(PaymentFact {
        id,
        kind: p.kind.to_string(),
        method: p.method.as_str().to_string(),
        amount_minor: p.total.amount_minor,
        currency: p.total.currency.clone(),
        distributor_id: p.distributor_id,
        site_id: p.site_id,
        description: p.description.to_string(),
        actor: stamp.actor.clone(),
        created_at: stamp.time(),
    })
}

const SELECT: &str = "SELECT p.id, p.kind, p.method, p.amount_minor, p.currency, p.distributor_id, d.name, p.site_id,
    p.description, p.actor, p.created_at FROM payment p LEFT JOIN distributor d ON d.id = p.distributor_id";

fn read(r: &dyn SqlRow) -> Result<Payment> {
    let currency = r.text(4)?;
    Ok(Payment {
        id: r.int(0)?,
        kind: r.text(1)?,
        payment_method: r.text(2)?,
        total: Money::new(r.int(3)?, &currency),
        distributor_id: r.opt_int(5)?,
        distributor: r.opt_text(6)?,
        site_id: r.opt_int(7)?,
        description: r.text(8)?,
        actor: r.text(9)?,
        created_at: r.text(10)?,
    })
}

/// Hands `f` every payment after the one with id `after`, oldest first, as they are read.
pub fn each(
    tx: &mut dyn Tx,
    after: Option<i64>,
    f: &mut dyn FnMut(Payment) -> Result<()>,
) -> Result<()> {
    tx.stream(
        &format!("{SELECT} WHERE p.id > ?1 ORDER BY p.id"),
        args![after.unwrap_or(0)],
        &mut |_, r| f(read(r)?),
    )
}

pub fn get(tx: &mut dyn Tx, id: i64) -> Result<Payment> {
    tx.opt(&format!("{SELECT} WHERE p.id = ?1"), args![id], read)?
        .ok_or_else(|| not_found(id))
}

/// The payment is not there (or not for the actor to see).
pub fn not_found(id: i64) -> Error {
    Error::not_found(format!(
        "no payment with ID {id}; see `creditctl payment list`"
    ))
}
