use serde::Serialize;
use std::io::{BufRead, BufReader, Read};
use std::path::Path;

use super::{Ctx, key};
use crate::cli::LedgerCmd;
use crate::domain::access::Action;
use crate::domain::refusal::Refusal;
use crate::domain::signing::{self, MAX_LINE};
use crate::error::{Error, Kind, Result};
use crate::output::{emit, fields, note, write_table};
use crate::store::sql::Tx;
use crate::store::{Location, Store, copy, ledger, signing as checkpoints, verify as checks};

pub fn run(ctx: &Ctx, cmd: LedgerCmd) -> Result<()> {
    match cmd {
        LedgerCmd::Verify { checkpoint } => {
            // The file is opened first: a wrong name is told before the ledger is read.
            let outside = checkpoint
                .as_deref()
                .map(|path| {
                    super::files::open(path).map(|f| (path, f)).map_err(|p| {
                        p.into_error(&format!("the checkpoint file '{}'", path.display()))
                    })
                })
                .transpose()?;
            let mut store = ctx.open_existing()?;
            store.read(|tx| ctx.allow(tx, Action::LedgerVerify, "ledger verify"))?;
            store.check_storage()?;
            let v = store.read(|tx| {
                let mut v = ledger::verify(tx)?;
                if let Some((path, file)) = outside {
                    check_file(tx, &mut v, path, file)?;
                }
                Ok(v)
            })?;
            emit(ctx.json, &v, |w| {
                let mut rows = vec![
                    (
                        "Ledger",
                        "verified: hash chain intact, every balance equals its ledger sum"
                            .to_string(),
                    ),
                    ("Rows", v.rows.to_string()),
                    ("Sites", v.sites.to_string()),
                    ("Unit charges", v.charges.to_string()),
                    ("Head hash", v.head.clone()),
                ];
                rows.push(("Checkpoints", anchors(&v)));
                rows.push(("Unanchored rows", v.unanchored.to_string()));
                write_table(w, &fields(&rows))
            })
        }
        LedgerCmd::Checkpoint { key } => {
            let key = key::required(key, "ledger checkpoint")?;
            let mut store = ctx.open()?;
            let c = store.write(|tx| {
                ctx.allow(tx, Action::LedgerCheckpoint, "ledger checkpoint")?;
                checkpoints::checkpoint(tx, &ctx.stamp(), &key)
            })?;
            note(
                ctx.json,
                &format!(
                    "Checkpoint {} stored: {} rows, head {}, signed with key {}. Keep these two lines elsewhere too.",
                    c.id, c.rows, c.head_hash, c.key_id
                ),
            );
            emit(ctx.json, &c, |w| w.write_all(c.document.as_bytes()))
        }
        LedgerCmd::Copy { to } => {
            let mut from = ctx.open_existing()?;
            from.read(|tx| ctx.allow(tx, Action::LedgerCopy, "ledger copy"))?;
            let before = verify(&mut from)?;
            // A copy that fails leaves no new file or directory behind (a full disk, say). On
            // PostgreSQL the schema, the rows and the comparison are one transaction, which a
            // failure rolls back: the database is left empty, as it was.
            let leftovers = Location::parse(&to)?.leftovers();
            let copied = ctx.open_copy_target(&to).and_then(|mut target| {
                let copied = copy::copy(&mut from, &mut target, &before)?;
                // The engine's check of the new file (SQLite's integrity check).
                target.check_storage()?;
                Ok(copied)
            });
            // (A target someone else made meanwhile is theirs: it stays.)
            let (copied, after) = copied.inspect_err(|e| {
                if e.code != "target_not_empty" {
                    leftovers.remove()
                }
            })?;
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

/// What the checkpoints anchor, in words.
fn anchors(v: &ledger::Verified) -> String {
    let mut found = format!("{} in the ledger", v.checkpoints);
    if v.external_checkpoints > 0 {
        found.push_str(&format!(", {} in the file", v.external_checkpoints));
    }
    match &v.anchored_at {
        Some(at) => format!(
            "{found}, all valid; the newest covers {} rows (signed {at})",
            v.anchored_rows
        ),
        None => format!("{found}; make one with `creditctl ledger checkpoint --key FILE`"),
    }
}

/// Checks every checkpoint in a file kept outside the ledger: documents as `ledger checkpoint`
/// prints them, one after the other (blank lines between them are skipped). Read line by line,
/// so a long log of checkpoints takes no more memory than one.
fn check_file(
    tx: &mut dyn Tx,
    v: &mut ledger::Verified,
    path: &Path,
    file: std::fs::File,
) -> Result<()> {
    let name = format!("the checkpoint file '{}'", path.display());
    let mut reader = BufReader::new(file);
    let (mut line_no, mut documents) = (0u64, 0u64);
    let mut first = Vec::new();
    let mut second = Vec::new();
    loop {
        if !read_line(&mut reader, &mut first, &name, &mut line_no)? {
            break;
        }
        if first.is_empty() {
            continue;
        }
        let at = line_no;
        if !read_line(&mut reader, &mut second, &name, &mut line_no)? {
            second.clear();
        }
        documents += 1;
        let what = format!("{name}, checkpoint {documents} (line {at})");
        let signed = signing::from_lines(&first, &second).map_err(|reason| {
            Error::from(Refusal::MalformedDocument {
                what: what.clone(),
                reason,
            })
        })?;
        checks::check_external(tx, v, &what, &signed)?;
    }
    if documents == 0 {
        return Err(Refusal::MalformedDocument {
            what: name,
            reason: "it holds no checkpoint".into(),
        }
        .into());
    }
    Ok(())
}

/// Reads one line without its newline (or a final line without one); false at the end.
fn read_line(
    reader: &mut impl BufRead,
    buf: &mut Vec<u8>,
    name: &str,
    line_no: &mut u64,
) -> Result<bool> {
    buf.clear();
    let n = reader
        .by_ref()
        .take(MAX_LINE as u64 + 2)
        .read_until(b'\n', buf)
        .map_err(|e| Error::new(Kind::Internal, "io", format!("cannot read {name}: {e}")))?;
    if n == 0 {
        return Ok(false);
    }
    *line_no += 1;
    if buf.last() == Some(&b'\n') {
        buf.pop();
    } else if n > MAX_LINE {
        return Err(Refusal::MalformedDocument {
            what: name.to_string(),
            reason: format!("line {line_no} is longer than {MAX_LINE} bytes"),
        }
        .into());
    }
    Ok(true)
}

/// The engine's check of its storage, then the chain and every state it covers.
fn verify(store: &mut Store) -> Result<ledger::Verified> {
    store.check_storage()?;
    store.read(ledger::verify)
}
