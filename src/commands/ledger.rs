use super::Ctx;
use crate::cli::LedgerCmd;
use crate::error::Result;
use crate::output::{emit, fields, write_table};
use crate::store::ledger;

pub fn run(ctx: &Ctx, cmd: LedgerCmd) -> Result<()> {
    match cmd {
        LedgerCmd::Verify => {
            let mut store = ctx.open_existing()?;
            store.check_storage()?;
            let v = store.read(ledger::verify)?;
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
    }
}
