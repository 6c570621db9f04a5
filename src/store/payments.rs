//! Payments: what was paid, how, by whom.

use rusqlite::{Connection, OptionalExtension, params};
use serde::Serialize;

use super::Stamp;
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
pub fn insert(conn: &Connection, p: &NewPayment, stamp: &Stamp) -> Result<PaymentFact> {
    conn.execute(
        "INSERT INTO payment (kind, method, amount_minor, currency, distributor_id, site_id, description, actor, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        params![
            p.kind,
            p.method.as_str(),
            p.total.amount_minor,
            p.total.currency,
            p.distributor_id,
            p.site_id,
            p.description,
            stamp.actor,
            stamp.time()
        ],
    )?;
    Ok(PaymentFact {
        id: conn.last_insert_rowid(),
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

fn read(r: &rusqlite::Row) -> rusqlite::Result<Payment> {
    let currency: String = r.get(4)?;
    Ok(Payment {
        id: r.get(0)?,
        kind: r.get(1)?,
        payment_method: r.get(2)?,
        total: Money::new(r.get(3)?, &currency),
        distributor_id: r.get(5)?,
        distributor: r.get(6)?,
        site_id: r.get(7)?,
        description: r.get(8)?,
        actor: r.get(9)?,
        created_at: r.get(10)?,
    })
}

pub fn list(conn: &Connection) -> Result<Vec<Payment>> {
    let mut stmt = conn.prepare(&format!("{SELECT} ORDER BY p.id"))?;
    let rows = stmt.query_map([], read)?.collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

pub fn get(conn: &Connection, id: i64) -> Result<Payment> {
    conn.query_row(&format!("{SELECT} WHERE p.id = ?1"), [id], read)
        .optional()?
        .ok_or_else(|| {
            Error::not_found(format!(
                "no payment with ID {id}; see `creditctl payment list`"
            ))
        })
}
