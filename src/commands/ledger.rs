use serde::Serialize;

use super::Ctx;
use crate::cli::LedgerCmd;
use crate::domain::access::Action;
use crate::error::{Error, Kind, Result};
use crate::output::{emit, fields, write_table};
use crate::store::{Store, copy, ledger};

pub fn run(ctx: &Ctx, cmd: LedgerCmd) -> Result<()> {
    match cmd {
        LedgerCmd::Verify => {
            let mut store = ctx.open_existing()?;
            store.read(|tx| ctx.allow(tx, Action::LedgerVerify, "ledger verify"))?;
            let v = verify(&mut store)?;
            emit(ctx.json, &v, |w| {
                write_table(
                    w,
                    &fields(&[
                        (
                            "Ledger",
                            "verified: hash chain intact, every balance equals its ledger sum"
                                .to_string(),
                        ),
                        ("Rows", v.rows.to_string()),
                        ("Sites", v.sites.to_string()),
                        ("Unit charges", v.charges.to_string()),
                        ("Head hash", v.head.clone()),
                    ]),
                )
            })
        }
        LedgerCmd::Copy { to } => {
            let mut from = ctx.open_existing()?;
            from.read(|tx| ctx.allow(tx, Action::LedgerCopy, "ledger copy"))?;
            let before = verify(&mut from)?;
            let mut target = ctx.open_copy_target(&to)?;
            let copied = copy::copy(&mut from, &mut target)?;
            let after = verify(&mut target)?;
            if after.head != before.head || after.rows != before.rows {
                return Err(Error::new(
                    Kind::Internal,
                    "copy_differs",
                    "the copy does not end with the ledger's head hash; do not use the target",
                ));
            }
            let out = CopyReport {
                rows: copied.rows,
                ledger_rows: after.rows,
                head: after.head,
            };
            emit(ctx.json, &out, |w| {
                write_table(
                    w,
                    &fields(&[
                        ("Copied", format!("{} rows", out.rows)),
                        ("Ledger rows", out.ledger_rows.to_string()),
                        ("Head hash", format!("{} (both ledgers)", out.head)),
                    ]),
                )
            })
        }
    }
}

#[derive(Debug, Serialize)]
struct CopyReport {
    rows: u64,
    ledger_rows: i64,
    head: String,
}

/// The engine's check of its storage, then the chain and every state it covers.
fn verify(store: &mut Store) -> Result<ledger::Verified> {
    store.check_storage()?;
    store.read(ledger::verify)
}
