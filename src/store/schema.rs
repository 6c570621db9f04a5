//! Schema migrations, applied in order and recorded in `PRAGMA user_version`.

/// `PRAGMA application_id` of a creditctl ledger ("CRDT").
pub const APPLICATION_ID: i64 = 0x4352_4454;

/// Each entry migrates from version `i` to `i + 1`.
pub const MIGRATIONS: &[&str] = &[V1];

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
