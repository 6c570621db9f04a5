//! Credits entering and leaving a site's pools: purchases, adjustments, SMS spending.

use serde::Serialize;

use super::accounts::Site;
use super::billing::charge_waiting;
use super::ledger::{Entry, LedgerWriter, Pool};
use super::payments::{self, Method, NewPayment};
use super::sql::Tx;
use super::{Stamp, prices};
use crate::args;
use crate::domain::billing;
use crate::domain::chain::{Payload, kind};
use crate::domain::money::Money;
use crate::domain::period::Period;
use crate::domain::pricing;
use crate::error::Result;

/// The outcome of credits entering or leaving a pool.
#[derive(Debug, Clone, Serialize)]
pub struct Moved {
    pub site_id: i64,
    pub pool: Pool,
    pub amount: i64,
    pub balance_before: i64,
    /// After the move and after any waiting units were charged.
    pub balance_after: i64,
    pub units_activated: u64,
    pub ledger_id: i64,
}

/// Appends the change and, when video credits arrive, charges waiting units at once.
fn move_credits(tx: &mut dyn Tx, site: &Site, entry: Entry, stamp: &Stamp) -> Result<Moved> {
    let mut ledger = LedgerWriter::new(tx, stamp)?;
    let posted = ledger.append(tx, &entry)?;
    let activated = if entry.pool == Pool::Video && entry.amount > 0 {
        charge_waiting(tx, &mut ledger, site.id, Period::containing(stamp.now))?
    } else {
        0
    };
    Ok(Moved {
        site_id: site.id,
        pool: entry.pool,
        amount: entry.amount,
        balance_before: posted.balance_before,
        balance_after: posted.balance_after - activated as i64,
        units_activated: activated,
        ledger_id: posted.ledger_id,
    })
}

/// A purchase as shown before it is made.
#[derive(Debug, Clone, Serialize)]
pub struct PurchasePlan {
    pub site_id: i64,
    pub pool: Pool,
    /// Video credits, or SMS messages.
    pub amount: i64,
    pub payment_method: Method,
    pub total: Money,
}

pub use crate::domain::pricing::MAX_PURCHASE;

/// Prices a purchase from the current price list (the rule is `pricing::price_purchase`).
pub fn plan_purchase(
    tx: &mut dyn Tx,
    site: &Site,
    pool: Pool,
    amount: i64,
    method: Method,
) -> Result<PurchasePlan> {
    let price = prices::get(tx, pricing::purchase_item(site.model, pool))?;
    Ok(PurchasePlan {
        site_id: site.id,
        pool,
        amount,
        payment_method: method,
        total: pricing::price_purchase(pool, amount, &price)?,
    })
}

#[derive(Debug, Clone, Serialize)]
pub struct Purchase {
    pub payment_id: i64,
    pub payment_method: Method,
    pub total: Money,
    #[serde(flatten)]
    pub moved: Moved,
    /// The retry key the purchase was made with, if any.
    pub reference: Option<String>,
    /// True when `reference` named a purchase made before: nothing was bought now, `amount`,
    /// `total` and `ledger_id` are that purchase's, the balances are the site's as they stand
    /// (before and after alike) and `units_activated` is 0.
    pub replayed: bool,
}

/// The credits purchase named `reference` at `site`, as a retry of `plan` finds it: `None`
/// when the reference names none there; refused when it names another purchase.
fn earlier_purchase(
    tx: &mut dyn Tx,
    site: &Site,
    plan: &PurchasePlan,
    reference: &str,
) -> Result<Option<Purchase>> {
    let earlier = tx.opt(
        "SELECT p.id, p.method, p.amount_minor, p.currency, l.pool, l.amount, l.id
           FROM payment p
           LEFT JOIN ledger l ON l.site_id = p.site_id AND l.kind = 'purchase' AND l.reference = 'payment:' || p.id
          WHERE p.site_id = ?1 AND p.reference = ?2",
        args![site.id, reference],
        |r| {
            Ok((
                r.int(0)?,
                r.text(1)?,
                Money {
                    amount_minor: r.int(2)?,
                    currency: r.text(3)?,
                },
                r.opt_text(4)?,
                r.opt_int(5)?,
                r.opt_int(6)?,
            ))
        },
    )?;
    let Some((payment_id, method, total, pool, amount, ledger_id)) = earlier else {
        return Ok(None);
    };
    let (Some(pool), Some(amount), Some(ledger_id)) =
        (pool.as_deref().and_then(Pool::parse), amount, ledger_id)
    else {
        return Err(crate::error::Error::new(
            crate::error::Kind::Internal,
            "ledger_altered",
            format!(
                "payment {payment_id}, which reference '{reference}' names, has no purchase row in the ledger; the ledger was altered outside creditctl (run `ledger verify`)"
            ),
        ));
    };
    let key = |pool, amount, total: &Money, method: &str| billing::PurchaseKey {
        pool,
        amount,
        total: total.clone(),
        method: method.to_string(),
    };
    billing::check_purchase_replay(
        reference,
        site.id,
        &key(pool, amount, &total, &method),
        &key(
            plan.pool,
            plan.amount,
            &plan.total,
            plan.payment_method.as_str(),
        ),
    )?;
    let balance = site.balance(pool);
    Ok(Some(Purchase {
        payment_id,
        payment_method: plan.payment_method,
        total,
        moved: Moved {
            site_id: site.id,
            pool,
            amount,
            balance_before: balance,
            balance_after: balance,
            units_activated: 0,
            ledger_id,
        },
        reference: Some(reference.to_string()),
        replayed: true,
    }))
}

/// Buys credits for `site` as `plan` says. With a `reference`, a retry of a purchase made
/// before under it is answered with that purchase and buys nothing.
pub fn buy(
    tx: &mut dyn Tx,
    site: &Site,
    plan: &PurchasePlan,
    reference: Option<&str>,
    stamp: &Stamp,
) -> Result<Purchase> {
    if let Some(reference) = reference
        && let Some(earlier) = earlier_purchase(tx, site, plan, reference)?
    {
        return Ok(earlier);
    }
    let what = format!("{} {}", plan.amount, plan.pool.noun());
    let payment = payments::insert(
        tx,
        &NewPayment {
            kind: "credits",
            method: plan.payment_method,
            total: &plan.total,
            distributor_id: None,
            site_id: Some(site.id),
            description: &format!("{what} for site {}", site.label()),
            reference,
        },
        stamp,
    )?;
    let payment_id = payment.id;
    let moved = move_credits(
        tx,
        site,
        Entry {
            site_id: site.id,
            pool: plan.pool,
            amount: plan.amount,
            kind: kind::PURCHASE,
            reason: &format!("bought {what}"),
            reference: &format!("payment:{payment_id}"),
            payload: Payload {
                payment: Some(payment),
                ..Payload::default()
            },
        },
        stamp,
    )?;
    Ok(Purchase {
        payment_id,
        payment_method: plan.payment_method,
        total: plan.total.clone(),
        moved,
        reference: reference.map(str::to_string),
        replayed: false,
    })
}

/// A correcting entry: signed amount, reason required, recorded with the actor.
pub fn adjust(
    tx: &mut dyn Tx,
    site: &Site,
    pool: Pool,
    amount: i64,
    reason: &str,
    stamp: &Stamp,
) -> Result<Moved> {
    billing::check_adjustment(amount, MAX_PURCHASE)?;
    move_credits(
        tx,
        site,
        Entry {
            site_id: site.id,
            pool,
            amount,
            kind: kind::ADJUSTMENT,
            reason,
            reference: "adjustment",
            payload: Payload::default(),
        },
        stamp,
    )
}

#[derive(Debug, Clone, Serialize)]
pub struct SmsUse {
    pub reference: String,
    pub site_id: i64,
    pub messages: i64,
    pub balance_after: i64,
    pub ledger_id: i64,
    pub created_at: String,
    /// True when this reference had been applied before and nothing changed now.
    pub replayed: bool,
}

/// Spends SMS messages once per reference: a retry returns the first result and writes nothing.
pub fn use_sms(
    tx: &mut dyn Tx,
    site: &Site,
    messages: i64,
    reference: &str,
    stamp: &Stamp,
) -> Result<SmsUse> {
    billing::check_sms_count(messages, MAX_PURCHASE)?;
    let earlier = tx.opt(
        "SELECT reference, site_id, messages, balance_after, ledger_id, created_at FROM sms_use WHERE reference = ?1",
        args![reference],
        |r| {
            Ok(SmsUse {
                reference: r.text(0)?,
                site_id: r.int(1)?,
                messages: r.int(2)?,
                balance_after: r.int(3)?,
                ledger_id: r.int(4)?,
                created_at: r.text(5)?,
                replayed: true,
            })
        },
    )?;
    // A reference names one spending on the whole ledger: one another site used, even one the
    // actor does not see, is refused alike.
    if earlier.is_none()
        && let Some(elsewhere) = super::unseen::sms_reference(tx, reference)?
    {
        billing::check_sms_replay(reference, elsewhere, (site.id, messages))?;
    }
    if let Some(earlier) = earlier {
        billing::check_sms_replay(
            reference,
            (earlier.site_id, earlier.messages),
            (site.id, messages),
        )?;
        return Ok(earlier);
    }
    let moved = move_credits(
        tx,
        site,
        Entry {
            site_id: site.id,
            pool: Pool::Sms,
            amount: -messages,
            kind: kind::SMS,
            reason: &format!("sent {messages} SMS"),
            reference: &format!("sms:{reference}"),
            payload: Payload::default(),
        },
        stamp,
    )?;
    tx.exec(
        "INSERT INTO sms_use (reference, site_id, messages, ledger_id, balance_after, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        args![reference, site.id, messages, moved.ledger_id, moved.balance_after, stamp.time()],
    )?;
    Ok(SmsUse {
        reference: reference.to_string(),
        site_id: site.id,
        messages,
        balance_after: moved.balance_after,
        ledger_id: moved.ledger_id,
        created_at: stamp.time(),
        replayed: false,
    })
}
