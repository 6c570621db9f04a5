//! What a command must know about rows its actor may not see. On PostgreSQL row-level security
//! keeps a member's session to its own rows (`postgres/schema.rs`, `ROW_SECURITY`); each question
//! here is answered there by a narrow function of the tables' owner, and on SQLite (one trusted
//! file) by the plain query. The one place where the two engines ask differently.

use super::sql::{Engine, Tx};
use crate::args;
use crate::error::Result;

/// The ledger's last row, whoever's it is: the head every writer appends after.
pub fn ledger_head(tx: &mut dyn Tx) -> Result<Option<(i64, String)>> {
    let sql = match tx.engine() {
        Engine::Sqlite => "SELECT id, hash FROM ledger ORDER BY id DESC LIMIT 1",
        Engine::Postgres => "SELECT id, hash FROM creditctl_ledger_head()",
    };
    tx.opt(sql, &[], |r| Ok((r.int(0)?, r.text(1)?)))
}

/// The products a serial owns, whoever sold them (not their keys).
pub fn serial_products(tx: &mut dyn Tx, serial: &str) -> Result<Vec<String>> {
    let sql = match tx.engine() {
        Engine::Sqlite => "SELECT product FROM license WHERE serial = ?1",
        Engine::Postgres => "SELECT p FROM creditctl_serial_products(?1) p",
    };
    tx.all(sql, args![serial], |r| r.text(0))
}

/// The site a serial is registered at, whichever it is.
pub fn serial_site(tx: &mut dyn Tx, serial: &str) -> Result<Option<i64>> {
    let sql = match tx.engine() {
        Engine::Sqlite => "SELECT site_id FROM device WHERE serial = ?1",
        Engine::Postgres => {
            "SELECT s FROM (SELECT creditctl_device_site(?1) AS s) x WHERE s IS NOT NULL"
        }
    };
    tx.opt(sql, args![serial], |r| r.int(0))
}

/// The site and message count of the SMS spending named `reference`, whichever site it was.
pub fn sms_reference(tx: &mut dyn Tx, reference: &str) -> Result<Option<(i64, i64)>> {
    let sql = match tx.engine() {
        Engine::Sqlite => "SELECT site_id, messages FROM sms_use WHERE reference = ?1",
        Engine::Postgres => "SELECT site_id, messages FROM creditctl_sms_reference(?1)",
    };
    tx.opt(sql, args![reference], |r| Ok((r.int(0)?, r.int(1)?)))
}

/// Shows the voucher with this code (canonical form) for the rest of the transaction: whoever
/// holds a code may see its voucher. Nothing to do on SQLite.
pub fn hold_code(tx: &mut dyn Tx, canonical: &str) -> Result<()> {
    if tx.engine() == Engine::Postgres {
        tx.opt(
            "SELECT set_config('creditctl.code', ?1, true)",
            args![canonical],
            |_| Ok(()),
        )?;
    }
    Ok(())
}
