//! Signing keys, checkpoints and license files. The ledger holds public keys only; the private
//! key stays in its file and is handed in by the command that signs.

use ed25519_dalek::{SigningKey, VerifyingKey};
use serde::Serialize;

use super::Stamp;
use super::ledger::{GENESIS, LedgerWriter};
use super::sql::Tx;
use crate::args;
use crate::domain::chain::{KeyFact, Payload, kind};
use crate::domain::refusal::Refusal;
use crate::domain::serial::Serial;
use crate::domain::signing::{self, CheckpointDoc, LicenseDoc, LicenseEntry};
use crate::error::{Error, Result};

/// A registered public key.
#[derive(Debug, Clone, Serialize)]
pub struct Key {
    pub id: i64,
    pub fingerprint: String,
    pub public_key_pem: String,
    pub created_at: String,
    pub created_by: String,
}

fn key_from_row(id: i64, hex: &str, created_at: String, created_by: String) -> Result<Key> {
    let public = signing::public_from_hex(hex).ok_or_else(|| {
        Error::internal(format!(
            "signing key {id} in the ledger is not an Ed25519 public key"
        ))
    })?;
    Ok(Key {
        id,
        fingerprint: signing::fingerprint(&public),
        public_key_pem: signing::public_pem(&public),
        created_at,
        created_by,
    })
}

/// Registers a public key, in the table and as an event in the chain, in the caller's
/// transaction.
pub fn register(tx: &mut dyn Tx, stamp: &Stamp, public: &VerifyingKey) -> Result<Key> {
    let hex = signing::public_hex(public);
    let fingerprint = signing::fingerprint(public);
    let id = tx.one(
        "INSERT INTO signing_key (id, public_key, fingerprint, created_at, created_by)
         VALUES ((SELECT coalesce(max(id), 0) + 1 FROM signing_key), ?1, ?2, ?3, ?4) RETURNING id",
        args![&hex, &fingerprint, stamp.time(), &stamp.actor],
        |r| r.int(0),
    )?;
    let payload = Payload {
        signing_key: Some(KeyFact {
            id,
            public_key: hex.clone(),
        }),
        ..Payload::default()
    };
    LedgerWriter::new(tx, stamp)?.event(
        tx,
        kind::KEY,
        &format!("signing key {id} registered (fingerprint {fingerprint})"),
        &format!("key:{id}"),
        &payload,
    )?;
    key_from_row(id, &hex, stamp.time(), stamp.actor.clone())
}

/// Every registered key, oldest first.
pub fn list(tx: &mut dyn Tx) -> Result<Vec<Key>> {
    let rows = tx.all(
        "SELECT id, public_key, created_at, created_by FROM signing_key ORDER BY id",
        &[],
        |r| Ok((r.int(0)?, r.text(1)?, r.text(2)?, r.text(3)?)),
    )?;
    rows.into_iter()
        .map(|(id, hex, at, by)| key_from_row(id, &hex, at, by))
        .collect()
}

/// The id under which this ledger registered `public`; refused (exit 4) when it did not.
pub fn key_id(tx: &mut dyn Tx, public: &VerifyingKey) -> Result<i64> {
    tx.opt(
        "SELECT id FROM signing_key WHERE public_key = ?1",
        args![signing::public_hex(public)],
        |r| r.int(0),
    )?
    .ok_or_else(|| {
        Refusal::KeyNotRegistered {
            fingerprint: signing::fingerprint(public),
        }
        .into()
    })
}

/// A stored checkpoint, with its document as it is kept elsewhere.
#[derive(Debug, Clone, Serialize)]
pub struct Checkpoint {
    pub id: i64,
    pub rows: i64,
    pub head_hash: String,
    pub time: String,
    pub key_id: i64,
    pub signature: String,
    /// The two lines: the signed JSON line and its signature.
    pub document: String,
}

/// Signs the chain as it stands (its row count and head hash) with `key`, and stores the
/// checkpoint, in the caller's write transaction (so the head cannot move meanwhile).
pub fn checkpoint(tx: &mut dyn Tx, stamp: &Stamp, key: &SigningKey) -> Result<Checkpoint> {
    let key_id = key_id(tx, &key.verifying_key())?;
    let (rows, head_hash) = tx
        .opt(
            "SELECT id, hash FROM ledger ORDER BY id DESC LIMIT 1",
            &[],
            |r| Ok((r.int(0)?, r.text(1)?)),
        )?
        .unwrap_or((0, GENESIS.to_string()));
    let doc = CheckpointDoc {
        rows,
        head_hash,
        time: stamp.time(),
        key_id,
    };
    let line = signing::canonical(&doc);
    let signature = signing::signature(key, &line);
    let id = tx.one(
        "INSERT INTO checkpoint (id, ledger_rows, head_hash, signed_at, key_id, signature, created_by)
         VALUES ((SELECT coalesce(max(id), 0) + 1 FROM checkpoint), ?1, ?2, ?3, ?4, ?5, ?6) RETURNING id",
        args![
            doc.rows,
            &doc.head_hash,
            &doc.time,
            key_id,
            &signature,
            &stamp.actor
        ],
        |r| r.int(0),
    )?;
    Ok(Checkpoint {
        id,
        document: format!("{line}\n{signature}\n"),
        rows: doc.rows,
        head_hash: doc.head_hash,
        time: doc.time,
        key_id,
        signature,
    })
}

/// A signed license file for one serial.
#[derive(Debug, Clone, Serialize)]
pub struct LicenseFile {
    pub license: LicenseDoc,
    pub signature: String,
    /// The file's bytes: the JSON line, a newline, the signature, a newline.
    pub document: String,
}

/// Every license `serial` owns (bought through `distributor` only, when given: a distributor's
/// member signs its own, and another's licenses do not exist for it), signed with `key` (which
/// this ledger must have registered). Reads only: issuing a file changes nothing in the ledger.
pub fn license_file(
    tx: &mut dyn Tx,
    serial: &Serial,
    distributor: Option<i64>,
    key: &SigningKey,
    issued_at: &str,
) -> Result<LicenseFile> {
    let key_id = key_id(tx, &key.verifying_key())?;
    let licenses = tx.all(
        "SELECT product, license_key, created_at FROM license
          WHERE serial = ?1 AND (CAST(?2 AS BIGINT) IS NULL OR distributor_id = ?2)
          ORDER BY product",
        args![serial.as_str(), distributor],
        |r| {
            Ok(LicenseEntry {
                product: r.text(0)?,
                key: super::vouchers::group(&r.text(1)?),
                bought_at: r.text(2)?,
            })
        },
    )?;
    if licenses.is_empty() {
        return Err(Refusal::NoLicenses {
            serial: serial.to_string(),
            scoped: distributor.is_some(),
        }
        .into());
    }
    let license = LicenseDoc::new(serial.as_str(), licenses, issued_at, key_id);
    let line = signing::canonical(&license);
    let signature = signing::signature(key, &line);
    Ok(LicenseFile {
        document: format!("{line}\n{signature}\n"),
        license,
        signature,
    })
}
