//! `key generate` and `key list`, and the private key that signing commands are given
//! (`--key FILE`, else `$CREDITCTL_KEY`).

use ed25519_dalek::SigningKey;
use serde::Serialize;
use std::path::{Path, PathBuf};

use super::Ctx;
use super::files::{self, ReadProblem};
use crate::cli::KeyCmd;
use crate::domain::access::Action;
use crate::domain::refusal::Refusal;
use crate::domain::signing;
use crate::error::{Error, Kind, Result};
use crate::output::{emit, fields, table, write_table};
use crate::store::signing as keys;
use crate::store::vouchers::{Entropy, OsEntropy};

pub fn run(ctx: &Ctx, cmd: KeyCmd) -> Result<()> {
    match cmd {
        KeyCmd::Generate { out } => generate(ctx, &out),
        KeyCmd::List => {
            let all = ctx.open_existing()?.read(|tx| {
                ctx.allow(tx, Action::Keys, "key list")?;
                keys::list(tx)
            })?;
            emit(ctx.json, &all, |w| {
                let mut t = table(["ID", "Fingerprint (SHA-256)", "Created", "By"])
                    .times(&["Created"])
                    .text(&["By"]);
                for k in &all {
                    t.add_row(vec![
                        k.id.to_string(),
                        k.fingerprint.clone(),
                        k.created_at.clone(),
                        k.created_by.clone(),
                    ]);
                }
                write_table(w, &t)
            })
        }
    }
}

#[derive(Debug, Serialize)]
struct Generated {
    #[serde(flatten)]
    key: keys::Key,
    private_key_file: String,
    public_key_file: String,
}

/// Makes a key pair: the private key into `out` (0600) and the public key into `out.pub`, both
/// new files, then registers the public key in the ledger. When the ledger refuses, both files
/// are removed again: nothing is left of a key the ledger does not know.
fn generate(ctx: &Ctx, out: &Path) -> Result<()> {
    let mut store = ctx.open()?;
    // Nobody without the right to keys gets a key file either.
    store.read(|tx| ctx.allow(tx, Action::Keys, "key generate"))?;
    let public_out = files::with_suffix(out, ".pub");
    files::refuse_existing(out)?;
    files::refuse_existing(&public_out)?;
    let mut seed = [0u8; 32];
    OsEntropy.fill(&mut seed)?;
    let key = signing::key_from_seed(&seed);
    seed.fill(0);
    let public = key.verifying_key();
    files::create_new(out, 0o600, signing::private_pem(&key).as_bytes())?;
    drop(key);
    let registered = files::create_new(&public_out, 0o644, signing::public_pem(&public).as_bytes())
        .and_then(|()| {
            store.write(|tx| {
                ctx.allow(tx, Action::Keys, "key generate")?;
                keys::register(tx, &ctx.stamp(), &public)
            })
        });
    let key = match registered {
        Ok(key) => key,
        Err(e) => {
            let _ = std::fs::remove_file(out);
            if e.code != "file_exists" {
                let _ = std::fs::remove_file(&public_out);
            }
            return Err(e);
        }
    };
    let shown = Generated {
        private_key_file: out.display().to_string(),
        public_key_file: public_out.display().to_string(),
        key,
    };
    emit(ctx.json, &shown, |w| {
        write_table(
            w,
            &fields(&[
                ("Key", shown.key.id.to_string()),
                ("Fingerprint", shown.key.fingerprint.clone()),
                (
                    "Private key",
                    format!(
                        "{} (mode 0600; keep it secret, it is not in the ledger)",
                        shown.private_key_file
                    ),
                ),
                (
                    "Public key",
                    format!(
                        "{} (give it to devices and to whoever checks checkpoints)",
                        shown.public_key_file
                    ),
                ),
            ]),
        )
    })
}

/// The key a signing command must have (exit 2 without one).
/// `arg` is `--key FILE`, else `$CREDITCTL_KEY` (clap reads the variable).
pub fn required(arg: Option<PathBuf>, command: &'static str) -> Result<SigningKey> {
    let path = arg.ok_or(Refusal::KeyRequired { command })?;
    load(&path)
}

/// The key a command signs with when one is given (`deduct run`).
pub fn optional(arg: Option<PathBuf>) -> Result<Option<SigningKey>> {
    arg.map(|p| load(&p)).transpose()
}

/// Reads an Ed25519 private key from a PKCS#8 PEM file. A missing file, a directory, and
/// anything but such a key are bad input (exit 2); a file that cannot be read is exit 1. The
/// message names the file, never its content.
pub fn load(path: &Path) -> Result<SigningKey> {
    let file = path.display().to_string();
    let bytes = files::read_small(path).map_err(|p| match p {
        ReadProblem::Io(e) => Error::new(
            Kind::Internal,
            "key_unreadable",
            format!(
                "cannot read the key file '{file}' ({e}); nothing was written, check its permissions"
            ),
        ),
        p => Refusal::BadKey {
            file: file.clone(),
            reason: p.reason(),
        }
        .into(),
    })?;
    signing::parse_private_pem(&bytes).map_err(|reason| Refusal::BadKey { file, reason }.into())
}

/// Reads an Ed25519 public key from a PEM file.
pub fn load_public(path: &Path) -> Result<ed25519_dalek::VerifyingKey> {
    let file = path.display().to_string();
    let bytes = files::read_small(path)
        .map_err(|p| p.into_error(&format!("the public key file '{file}'")))?;
    signing::parse_public_pem(&bytes)
        .map_err(|reason| Refusal::BadPublicKey { file, reason }.into())
}
