//! The SQLite schema: migrations applied in order and recorded in `PRAGMA user_version`.

/// `PRAGMA application_id` of a creditctl ledger ("CRDT").
pub const APPLICATION_ID: i64 = 0x4352_4454;

use rusqlite::Connection;

use super::SqliteTx;
use crate::args;
use crate::domain::chain::{OrderFact, Payload, Stamped, kind};
use crate::error::Result;
use crate::store::ledger::LedgerWriter;
use crate::store::seed::{digest_rows, payment_fact, record_prices, seed_defaults};
use crate::store::sql::Tx;

/// Each entry migrates from version `i` to `i + 1`.
pub const MIGRATIONS: &[&str] = &[
    V1,
    V2,
    MEMBERS,
    SIGNING,
    DEACTIVATION,
    TALLY,
    PURCHASE_REFERENCE,
];

pub const LATEST: i64 = MIGRATIONS.len() as i64;

const V1: &str = r#"
CREATE TABLE distributor (
    id            INTEGER PRIMARY KEY,
    name          TEXT NOT NULL UNIQUE CHECK (length(name) BETWEEN 1 AND 200),
    activated_at  TEXT,
    activated_by  TEXT,
    created_at    TEXT NOT NULL,
    created_by    TEXT NOT NULL
) STRICT;

CREATE TABLE site (
    id             INTEGER PRIMARY KEY,
    name           TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    model          TEXT NOT NULL CHECK (model IN ('device', 'apartment')),
    video_balance  INTEGER NOT NULL DEFAULT 0 CHECK (video_balance >= 0),
    sms_balance    INTEGER NOT NULL DEFAULT 0 CHECK (sms_balance >= 0),
    created_at     TEXT NOT NULL,
    created_by     TEXT NOT NULL
) STRICT;
CREATE INDEX site_by_name ON site(name);
CREATE TRIGGER site_model_is_fixed BEFORE UPDATE OF model ON site
BEGIN SELECT RAISE(ABORT, 'a site model is fixed at creation'); END;

-- A billable unit: a device on a device-model site, an apartment on an apartment-model site.
-- Rows are never deleted: a removed unit keeps its history and is never charged again.
CREATE TABLE unit (
    id          INTEGER PRIMARY KEY,
    site_id     INTEGER NOT NULL REFERENCES site(id),
    name        TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    added_at    TEXT NOT NULL,
    removed_at  TEXT,
    UNIQUE (site_id, name)
) STRICT;
CREATE INDEX unit_active ON unit(site_id, id) WHERE removed_at IS NULL;

-- A device registered at a site; unit_id is the unit it is billed under (itself on a device
-- site, its apartment on an apartment site).
CREATE TABLE device (
    serial    TEXT PRIMARY KEY CHECK (serial GLOB '[0-9][0-9]-[0-9][0-9][0-9][0-9]-[0-9][0-9][0-9][0-9]'),
    site_id   INTEGER NOT NULL REFERENCES site(id),
    unit_id   INTEGER NOT NULL REFERENCES unit(id),
    added_at  TEXT NOT NULL
) STRICT;
CREATE INDEX device_by_unit ON device(unit_id);
CREATE INDEX device_by_site ON device(site_id);

-- The append-only ledger: every change of a balance, hash-chained.
CREATE TABLE ledger (
    id             INTEGER PRIMARY KEY,
    site_id        INTEGER NOT NULL REFERENCES site(id),
    pool           TEXT NOT NULL CHECK (pool IN ('video', 'sms')),
    amount         INTEGER NOT NULL CHECK (amount <> 0),
    balance_after  INTEGER NOT NULL CHECK (balance_after >= 0),
    kind           TEXT NOT NULL,
    reason         TEXT NOT NULL,
    reference      TEXT NOT NULL,
    actor          TEXT NOT NULL,
    created_at     TEXT NOT NULL,
    prev_hash      TEXT NOT NULL,
    hash           TEXT NOT NULL
) STRICT;
CREATE INDEX ledger_by_site ON ledger(site_id, id);
CREATE TRIGGER ledger_no_update BEFORE UPDATE ON ledger
BEGIN SELECT RAISE(ABORT, 'the ledger is append-only'); END;
CREATE TRIGGER ledger_no_delete BEFORE DELETE ON ledger
BEGIN SELECT RAISE(ABORT, 'the ledger is append-only'); END;

-- One row per unit and period charged: the primary key makes a second charge impossible.
CREATE TABLE charge (
    period     TEXT NOT NULL,
    unit_id    INTEGER NOT NULL REFERENCES unit(id),
    ledger_id  INTEGER NOT NULL REFERENCES ledger(id),
    PRIMARY KEY (period, unit_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX charge_by_ledger ON charge(ledger_id);
CREATE TRIGGER charge_no_update BEFORE UPDATE ON charge
BEGIN SELECT RAISE(ABORT, 'charges are append-only'); END;
CREATE TRIGGER charge_no_delete BEFORE DELETE ON charge
BEGIN SELECT RAISE(ABORT, 'charges are append-only'); END;

CREATE TABLE price (
    item          TEXT PRIMARY KEY,
    amount_minor  INTEGER NOT NULL CHECK (amount_minor >= 0),
    currency      TEXT NOT NULL CHECK (length(currency) = 3),
    updated_at    TEXT NOT NULL,
    updated_by    TEXT NOT NULL
) STRICT;

CREATE TABLE payment (
    id              INTEGER PRIMARY KEY,
    kind            TEXT NOT NULL CHECK (kind IN ('voucher_order', 'credits', 'license')),
    method          TEXT NOT NULL CHECK (method IN ('card', 'invoice')),
    amount_minor    INTEGER NOT NULL CHECK (amount_minor >= 0),
    currency        TEXT NOT NULL CHECK (length(currency) = 3),
    distributor_id  INTEGER REFERENCES distributor(id),
    site_id         INTEGER REFERENCES site(id),
    description     TEXT NOT NULL,
    actor           TEXT NOT NULL,
    created_at      TEXT NOT NULL
) STRICT;

CREATE TABLE voucher_order (
    id              INTEGER PRIMARY KEY,
    distributor_id  INTEGER NOT NULL REFERENCES distributor(id),
    payment_id      INTEGER NOT NULL UNIQUE REFERENCES payment(id),
    created_at      TEXT NOT NULL
) STRICT;

CREATE TABLE voucher (
    id             INTEGER PRIMARY KEY,
    code           TEXT NOT NULL UNIQUE CHECK (length(code) = 17),
    order_id       INTEGER NOT NULL REFERENCES voucher_order(id),
    name           TEXT NOT NULL,
    type           TEXT NOT NULL CHECK (type IN ('device', 'apartment', 'sms')),
    years          INTEGER CHECK (years BETWEEN 1 AND 10),
    subscriptions  INTEGER CHECK (subscriptions BETWEEN 1 AND 10000),
    credits        INTEGER NOT NULL CHECK (credits >= 0),
    messages       INTEGER NOT NULL CHECK (messages >= 0 AND messages % 50 = 0),
    value_minor    INTEGER NOT NULL CHECK (value_minor >= 0),
    currency       TEXT NOT NULL,
    created_at     TEXT NOT NULL,
    expires_at     TEXT NOT NULL,
    redeemed_at    TEXT,
    redeemed_by    TEXT,
    site_id        INTEGER REFERENCES site(id),
    cancelled_at   TEXT,
    cancelled_by   TEXT,
    CHECK (redeemed_at IS NULL OR cancelled_at IS NULL),
    CHECK ((redeemed_at IS NULL) = (site_id IS NULL))
) STRICT;
CREATE INDEX voucher_by_order ON voucher(order_id);
CREATE TRIGGER voucher_final BEFORE UPDATE ON voucher
WHEN OLD.redeemed_at IS NOT NULL OR OLD.cancelled_at IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'a used or cancelled voucher cannot change'); END;
CREATE TRIGGER voucher_no_delete BEFORE DELETE ON voucher
BEGIN SELECT RAISE(ABORT, 'vouchers are never deleted'); END;

CREATE TABLE license_product (
    name   TEXT PRIMARY KEY,
    title  TEXT NOT NULL
) STRICT;

CREATE TABLE license (
    id              INTEGER PRIMARY KEY,
    serial          TEXT NOT NULL,
    product         TEXT NOT NULL REFERENCES license_product(name),
    license_key     TEXT NOT NULL UNIQUE,
    price_minor     INTEGER NOT NULL CHECK (price_minor >= 0),
    currency        TEXT NOT NULL,
    payment_id      INTEGER NOT NULL REFERENCES payment(id),
    distributor_id  INTEGER NOT NULL REFERENCES distributor(id),
    created_at      TEXT NOT NULL,
    created_by      TEXT NOT NULL,
    UNIQUE (serial, product)
) STRICT;

-- SMS spending, keyed by the caller's reference so that a retry is applied once.
CREATE TABLE sms_use (
    reference      TEXT PRIMARY KEY,
    site_id        INTEGER NOT NULL REFERENCES site(id),
    messages       INTEGER NOT NULL CHECK (messages > 0),
    ledger_id      INTEGER NOT NULL REFERENCES ledger(id),
    balance_after  INTEGER NOT NULL,
    created_at     TEXT NOT NULL
) STRICT;
"#;

/// Version 2: the ledger also holds events (changes of value that move no balance), each row may
/// carry a payload of the facts behind it, and the chain covers every state that carries value.
const V2: &str = r#"
CREATE TABLE ledger_v2 (
    id             INTEGER PRIMARY KEY,
    site_id        INTEGER REFERENCES site(id),
    pool           TEXT CHECK (pool IN ('video', 'sms')),
    amount         INTEGER NOT NULL,
    balance_after  INTEGER CHECK (balance_after >= 0),
    kind           TEXT NOT NULL,
    reason         TEXT NOT NULL,
    reference      TEXT NOT NULL,
    actor          TEXT NOT NULL,
    created_at     TEXT NOT NULL,
    payload        TEXT NOT NULL DEFAULT '',
    prev_hash      TEXT NOT NULL,
    hash           TEXT NOT NULL,
    CHECK ((site_id IS NULL) = (pool IS NULL) AND (pool IS NULL) = (balance_after IS NULL)),
    CHECK ((pool IS NULL) = (amount = 0))
) STRICT;
INSERT INTO ledger_v2 (id, site_id, pool, amount, balance_after, kind, reason, reference, actor, created_at, prev_hash, hash)
    SELECT id, site_id, pool, amount, balance_after, kind, reason, reference, actor, created_at, prev_hash, hash FROM ledger;
DROP TABLE ledger;
ALTER TABLE ledger_v2 RENAME TO ledger;
CREATE INDEX ledger_by_site ON ledger(site_id, id) WHERE site_id IS NOT NULL;
CREATE INDEX ledger_voucher_refs ON ledger(reference) WHERE kind IN ('voucher', 'cancel');
CREATE TRIGGER ledger_no_update BEFORE UPDATE ON ledger
BEGIN SELECT RAISE(ABORT, 'the ledger is append-only'); END;
CREATE TRIGGER ledger_no_delete BEFORE DELETE ON ledger
BEGIN SELECT RAISE(ABORT, 'the ledger is append-only'); END;

DROP INDEX charge_by_ledger;
CREATE INDEX charge_by_ledger ON charge(ledger_id, unit_id);
CREATE INDEX license_by_payment ON license(payment_id, id);
CREATE TRIGGER license_no_update BEFORE UPDATE ON license
BEGIN SELECT RAISE(ABORT, 'licenses are never changed'); END;
CREATE TRIGGER license_no_delete BEFORE DELETE ON license
BEGIN SELECT RAISE(ABORT, 'licenses are never deleted'); END;
CREATE TRIGGER payment_no_update BEFORE UPDATE ON payment
BEGIN SELECT RAISE(ABORT, 'payments are never changed'); END;
CREATE TRIGGER payment_no_delete BEFORE DELETE ON payment
BEGIN SELECT RAISE(ABORT, 'payments are never deleted'); END;
"#;

/// Members and the record of failed redemptions (SPEC section 5).
const MEMBERS: &str = r#"
CREATE TABLE member (
    id              INTEGER PRIMARY KEY,
    name            TEXT NOT NULL UNIQUE CHECK (length(name) BETWEEN 1 AND 100),
    role            TEXT NOT NULL CHECK (role IN ('operator', 'distributor', 'site-admin', 'billing')),
    distributor_id  INTEGER REFERENCES distributor(id),
    created_at      TEXT NOT NULL,
    created_by      TEXT NOT NULL,
    CHECK ((role = 'distributor') = (distributor_id IS NOT NULL))
) STRICT;
CREATE TABLE member_site (
    member_id  INTEGER NOT NULL REFERENCES member(id),
    site_id    INTEGER NOT NULL REFERENCES site(id),
    PRIMARY KEY (member_id, site_id)
) STRICT, WITHOUT ROWID;
CREATE TABLE redeem_attempt (
    id           INTEGER PRIMARY KEY,
    identity     TEXT NOT NULL,
    site_id      INTEGER,
    code_prefix  TEXT NOT NULL,
    reason       TEXT NOT NULL,
    at           TEXT NOT NULL
) STRICT;
CREATE INDEX attempt_by_identity ON redeem_attempt(identity, at);
CREATE INDEX attempt_by_site ON redeem_attempt(site_id, at);
CREATE TRIGGER attempt_no_update BEFORE UPDATE ON redeem_attempt
BEGIN SELECT RAISE(ABORT, 'attempts are a record'); END;
CREATE TRIGGER attempt_no_delete BEFORE DELETE ON redeem_attempt
BEGIN SELECT RAISE(ABORT, 'attempts are a record'); END;
"#;

/// Version 4: the public keys that sign license files and checkpoints, and the checkpoints: each
/// a signature over the chain's row count and head hash at a moment. Both append-only. A key's
/// registration is also an event in the chain (kind `key`); a checkpoint is not (it signs the
/// chain, and a row of its own would move the head it signs).
const SIGNING: &str = r#"
CREATE TABLE signing_key (
    id           INTEGER PRIMARY KEY,
    public_key   TEXT NOT NULL UNIQUE CHECK (length(public_key) = 64),
    fingerprint  TEXT NOT NULL CHECK (length(fingerprint) = 64),
    created_at   TEXT NOT NULL,
    created_by   TEXT NOT NULL
) STRICT;
CREATE TRIGGER signing_key_no_update BEFORE UPDATE ON signing_key
BEGIN SELECT RAISE(ABORT, 'signing keys are never changed'); END;
CREATE TRIGGER signing_key_no_delete BEFORE DELETE ON signing_key
BEGIN SELECT RAISE(ABORT, 'signing keys are never deleted'); END;

CREATE TABLE checkpoint (
    id           INTEGER PRIMARY KEY,
    ledger_rows  INTEGER NOT NULL CHECK (ledger_rows >= 0),
    head_hash    TEXT NOT NULL,
    signed_at    TEXT NOT NULL,
    key_id       INTEGER NOT NULL REFERENCES signing_key(id),
    signature    TEXT NOT NULL,
    created_by   TEXT NOT NULL
) STRICT;
CREATE TRIGGER checkpoint_no_update BEFORE UPDATE ON checkpoint
BEGIN SELECT RAISE(ABORT, 'checkpoints are never changed'); END;
CREATE TRIGGER checkpoint_no_delete BEFORE DELETE ON checkpoint
BEGIN SELECT RAISE(ABORT, 'checkpoints are never deleted'); END;
"#;

/// Version 5: a distributor the platform operator deactivated (`distributor deactivate`) buys
/// nothing more until activated again. Not a value, so not a chain event (as activation is not).
const DEACTIVATION: &str = r#"
ALTER TABLE distributor ADD COLUMN deactivated_at TEXT;
ALTER TABLE distributor ADD COLUMN deactivated_by TEXT;
"#;

/// Version 6: a charge's period is the integer `yyyymm` (202611), which compares as cheaply as
/// the unit id beside it in the key, instead of the text `YYYY-MM`; and each site keeps its
/// tally for one period (how many of its billable units there were, and how many were paid), so
/// that a rerun of a month reads sites instead of every unit. A tally is written in the same
/// transaction as the charges it counts, and any change of a site's units (added, removed,
/// brought back) clears it in the same statement, by the triggers here: a site without a tally
/// for the period is counted unit by unit. The tallies of an upgraded ledger are counted after
/// this SQL ([`crate::store::billing::tally_all`]).
const TALLY: &str = r#"
-- The charge rows keep no foreign keys: the two lookups were a third of the cost of recording a
-- charge, and `ledger verify` checks every charge against its ledger row (which must be a
-- monthly charge listing that unit), as it checks every other state against the chain.
CREATE TABLE charge_v6 (
    period     INTEGER NOT NULL CHECK (period BETWEEN 197001 AND 999912 AND period % 100 BETWEEN 1 AND 12),
    unit_id    INTEGER NOT NULL,
    ledger_id  INTEGER NOT NULL,
    PRIMARY KEY (period, unit_id)
) STRICT, WITHOUT ROWID;
INSERT INTO charge_v6 (period, unit_id, ledger_id)
    SELECT CAST(substr(period, 1, 4) AS INTEGER) * 100 + CAST(substr(period, 6, 2) AS INTEGER), unit_id, ledger_id
    FROM charge ORDER BY 1, 2;
DROP TABLE charge;
ALTER TABLE charge_v6 RENAME TO charge;
CREATE INDEX charge_by_ledger ON charge(ledger_id, unit_id);
CREATE TRIGGER charge_no_update BEFORE UPDATE ON charge
BEGIN SELECT RAISE(ABORT, 'charges are append-only'); END;
CREATE TRIGGER charge_no_delete BEFORE DELETE ON charge
BEGIN SELECT RAISE(ABORT, 'charges are append-only'); END;

-- The units of a site for a period are read from the index alone (removed_at, always NULL in
-- it, is there for the query planner to see that).
DROP INDEX unit_active;
CREATE INDEX unit_active ON unit(site_id, id, added_at, removed_at) WHERE removed_at IS NULL;
ALTER TABLE site ADD COLUMN tally_period INTEGER;
ALTER TABLE site ADD COLUMN tally_units INTEGER CHECK (tally_units >= 0);
ALTER TABLE site ADD COLUMN tally_paid INTEGER
    CHECK ((tally_period IS NULL) = (tally_units IS NULL) AND (tally_units IS NULL) = (tally_paid IS NULL)
           AND tally_paid BETWEEN 0 AND tally_units);
CREATE TRIGGER unit_added_untallies AFTER INSERT ON unit
BEGIN
    UPDATE site SET tally_period = NULL, tally_units = NULL, tally_paid = NULL
    WHERE id = NEW.site_id AND tally_period IS NOT NULL;
END;
CREATE TRIGGER unit_changed_untallies AFTER UPDATE ON unit
BEGIN
    UPDATE site SET tally_period = NULL, tally_units = NULL, tally_paid = NULL
    WHERE id IN (OLD.site_id, NEW.site_id) AND tally_period IS NOT NULL;
END;
CREATE TRIGGER unit_deleted_untallies AFTER DELETE ON unit
BEGIN
    UPDATE site SET tally_period = NULL, tally_units = NULL, tally_paid = NULL
    WHERE id = OLD.site_id AND tally_period IS NOT NULL;
END;
"#;

/// Version 7: a credits purchase may carry the reference its buyer gave (`credits buy
/// --reference`), one purchase a reference at a site, so that a retry after an unanswered
/// command is answered with the first purchase instead of buying again. Other payments carry
/// none. The reference is a key for retries, not a fact of the chain.
pub(crate) const PURCHASE_REFERENCE: &str = r#"
ALTER TABLE payment ADD COLUMN reference TEXT
    CHECK (reference IS NULL OR (kind = 'credits' AND site_id IS NOT NULL AND distributor_id IS NULL
                                 AND length(reference) BETWEEN 1 AND 200));
CREATE UNIQUE INDEX payment_reference ON payment(site_id, reference);
"#;

/// Brings a ledger at `version` (0: an empty file) to [`LATEST`], inside the caller's IMMEDIATE
/// transaction; the caller turns foreign keys off around it and checks them before committing.
/// A new ledger gets its first rows (default prices, the catalog) unless `seed` is false: a
/// ledger copied from another brings its own.
pub fn migrate(conn: &Connection, version: i64, seed: bool) -> Result<()> {
    if version >= LATEST {
        return Ok(());
    }
    let tx: &mut dyn Tx = &mut SqliteTx { conn };
    for (i, sql) in MIGRATIONS.iter().enumerate().skip(version as usize) {
        conn.execute_batch(sql)?;
        match i {
            0 if seed => seed_defaults(tx)?,
            // A new ledger has nothing to record; an upgraded one records what it held.
            1 if version >= 1 => record_earlier_state(tx)?,
            1 if seed => record_prices(tx)?,
            5 if version >= 1 => crate::store::billing::tally_all(tx)?,
            _ => {}
        }
    }
    conn.execute_batch(&format!(
        "PRAGMA user_version = {LATEST}; PRAGMA application_id = {APPLICATION_ID};"
    ))?;
    Ok(())
}

/// The upgrade from version 1: the chain then covered balances only, so the orders, licenses,
/// payments, cancellations and prices the ledger holds are recorded in it now, each at the time
/// and by the actor of the original fact, in the order they happened.
fn record_earlier_state(tx: &mut dyn Tx) -> Result<()> {
    use crate::store::seed::{LICENSE_DIGEST, VOUCHER_DIGEST};
    let payments = tx.all("SELECT id, kind FROM payment ORDER BY id", &[], |r| {
        Ok((r.int(0)?, r.text(1)?))
    })?;
    for (id, payment_kind) in payments {
        let payment = payment_fact(tx, id)?;
        let mut writer = LedgerWriter::stamped(tx, &payment.actor, &payment.created_at)?;
        let reason = format!(
            "{} (recorded at the upgrade to schema 2)",
            payment.description
        );
        match payment_kind.as_str() {
            "voucher_order" => {
                let (order_id, distributor_id, created_at) = tx.one(
                    "SELECT id, distributor_id, created_at FROM voucher_order WHERE payment_id = ?1",
                    args![id],
                    |r| Ok((r.int(0)?, r.int(1)?, r.text(2)?)),
                )?;
                let vouchers = digest_rows(
                    tx,
                    &format!(
                        "SELECT {VOUCHER_DIGEST} FROM voucher WHERE order_id = ?1 ORDER BY id"
                    ),
                    order_id,
                )?;
                let payload = Payload {
                    order: Some(OrderFact {
                        id: order_id,
                        distributor_id,
                        payment_id: id,
                        created_at,
                        vouchers,
                    }),
                    payment: Some(payment),
                    ..Payload::default()
                };
                writer.event(
                    tx,
                    kind::ORDER,
                    &reason,
                    &format!("order:{order_id}"),
                    &payload,
                )?;
            }
            "license" => {
                let licenses = digest_rows(
                    tx,
                    &format!(
                        "SELECT {LICENSE_DIGEST} FROM license WHERE payment_id = ?1 ORDER BY id"
                    ),
                    id,
                )?;
                let payload = Payload {
                    licenses: Some(licenses),
                    payment: Some(payment),
                    ..Payload::default()
                };
                writer.event(
                    tx,
                    kind::LICENSE,
                    &reason,
                    &format!("payment:{id}"),
                    &payload,
                )?;
            }
            _ => {
                let payload = Payload {
                    payment: Some(payment),
                    ..Payload::default()
                };
                writer.event(
                    tx,
                    kind::PAYMENT,
                    &reason,
                    &format!("payment:{id}"),
                    &payload,
                )?;
            }
        }
    }
    let cancelled = tx.all(
        "SELECT code, cancelled_at, cancelled_by FROM voucher WHERE cancelled_at IS NOT NULL ORDER BY cancelled_at, id",
        &[],
        |r| Ok((r.text(0)?, r.text(1)?, r.text(2)?)),
    )?;
    for (code, at, by) in cancelled {
        let payload = Payload {
            cancelled: Some(Stamped {
                at: at.clone(),
                by: by.clone(),
            }),
            ..Payload::default()
        };
        LedgerWriter::stamped(tx, &by, &at)?.event(
            tx,
            kind::CANCEL,
            "voucher cancelled (recorded at the upgrade to schema 2)",
            &format!("voucher:{code}"),
            &payload,
        )?;
    }
    record_prices(tx)
}
