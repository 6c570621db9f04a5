//! `ledger copy`: every row of one ledger into an empty one, on either engine, in one transaction
//! on the target. Ids and hashes are kept, so both ledgers end with the same head hash.
//!
//! The members and their sites move with the ledger: a copy without them would let every
//! identity act as operator on it. On PostgreSQL a member acts through its login role, which the
//! copy makes a member of its group role, as `member add` does. The failed redemptions move too:
//! they are a record (append-only on both engines), and the hour's lockout holds on the copy.

use serde::Serialize;

use super::sql::{Engine, Tx, Value};
use super::{Store, ledger, members};
use crate::error::{Error, Kind, Result};

/// The tables in an order where every row's references are already there, with their columns.
/// Each is read in the order of its key.
const TABLES: &[(&str, &str, &str)] = &[
    (
        "distributor",
        "id, name, activated_at, activated_by, created_at, created_by, deactivated_at, deactivated_by",
        "id",
    ),
    (
        "site",
        "id, name, model, video_balance, sms_balance, created_at, created_by",
        "id",
    ),
    ("unit", "id, site_id, name, added_at, removed_at", "id"),
    ("device", "serial, site_id, unit_id, added_at", "serial"),
    ("license_product", "name, title", "name"),
    (
        "price",
        "item, amount_minor, currency, updated_at, updated_by",
        "item",
    ),
    (
        "payment",
        "id, kind, method, amount_minor, currency, distributor_id, site_id, description, actor, created_at, reference",
        "id",
    ),
    (
        "voucher_order",
        "id, distributor_id, payment_id, created_at",
        "id",
    ),
    (
        "voucher",
        "id, code, order_id, name, type, years, subscriptions, credits, messages, value_minor, currency, created_at, expires_at, redeemed_at, redeemed_by, site_id, cancelled_at, cancelled_by",
        "id",
    ),
    (
        "license",
        "id, serial, product, license_key, price_minor, currency, payment_id, distributor_id, created_at, created_by",
        "id",
    ),
    (
        "ledger",
        "id, site_id, pool, amount, balance_after, kind, reason, reference, actor, created_at, payload, prev_hash, hash",
        "id",
    ),
    ("charge", "period, unit_id, ledger_id", "ledger_id, unit_id"),
    (
        "sms_use",
        "reference, site_id, messages, ledger_id, balance_after, created_at",
        "ledger_id",
    ),
    (
        "signing_key",
        "id, public_key, fingerprint, created_at, created_by",
        "id",
    ),
    (
        "checkpoint",
        "id, ledger_rows, head_hash, signed_at, key_id, signature, created_by",
        "id",
    ),
    (
        "member",
        "id, name, role, distributor_id, created_at, created_by",
        "id",
    ),
    ("member_site", "member_id, site_id", "member_id, site_id"),
    (
        "redeem_attempt",
        "id, identity, site_id, code_prefix, reason, at",
        "id",
    ),
];

/// What a copy moved.
#[derive(Debug, Clone, Serialize)]
pub struct Copied {
    pub tables: u64,
    pub rows: u64,
}

/// Copies every row of `from` (read in one snapshot) into `to`, a ledger opened bare, in one
/// write transaction on `to`, which also verifies the copy and compares it with `before`, the
/// verification of `from`: a failure anywhere, a difference included, leaves `to` without a row
/// (on PostgreSQL without the schema either: it is created in the same transaction).
pub fn copy(
    from: &mut Store,
    to: &mut Store,
    before: &ledger::Verified,
) -> Result<(Copied, ledger::Verified)> {
    from.read(|src| {
        to.write(|dst| {
            let copied = copy_rows(src, dst)?;
            let after = ledger::verify(dst)?;
            if after.head != before.head || after.rows != before.rows {
                return Err(Error::new(
                    Kind::Internal,
                    "copy_differs",
                    "the copy does not end with the ledger's head hash (was the ledger written meanwhile? stop its writers); nothing was written to the target",
                ));
            }
            Ok((copied, after))
        })
    })
}

fn copy_rows(src: &mut dyn Tx, dst: &mut dyn Tx) -> Result<Copied> {
    let postgres = dst.engine() == Engine::Postgres;
    // A member of a PostgreSQL ledger is a login role: refused before a row is copied when the
    // target's server has none for a member.
    if postgres {
        let names = src.all("SELECT name FROM member ORDER BY id", &[], |r| r.text(0))?;
        members::check_login_roles(dst, &names)?;
    }
    let mut rows = 0;
    for (table, columns, key) in TABLES {
        let width = columns.split(',').count();
        let marks: Vec<String> = (1..=width).map(|i| format!("?{i}")).collect();
        let insert = format!(
            "INSERT INTO {table} ({columns}) VALUES ({})",
            marks.join(", ")
        );
        let mut values: Vec<Value> = Vec::with_capacity(width);
        src.each(
            &format!("SELECT {columns} FROM {table} ORDER BY {key}"),
            &[],
            &mut |r| {
                values.clear();
                for i in 0..width {
                    values.push(r.value(i)?);
                }
                dst.exec(&insert, &values)?;
                rows += 1;
                Ok(())
            },
        )?;
    }
    // The sites' tallies last: inserting units cleared them (the triggers on unit).
    src.each(
        "SELECT id, tally_period, tally_units, tally_paid FROM site WHERE tally_period IS NOT NULL ORDER BY id",
        &[],
        &mut |r| {
            dst.exec(
                "UPDATE site SET tally_period = ?2, tally_units = ?3, tally_paid = ?4 WHERE id = ?1",
                &[r.value(0)?, r.value(1)?, r.value(2)?, r.value(3)?],
            )?;
            Ok(())
        },
    )?;
    if postgres {
        members::grant_copied(dst)?;
    }
    Ok(Copied {
        tables: TABLES.len() as u64,
        rows,
    })
}
