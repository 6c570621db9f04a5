//! The PostgreSQL schema: the same tables, columns, constraints and append-only rules as the
//! SQLite ledger (its V1 and V2 migrations are [`CREATE`], each later one an entry of
//! [`UPGRADES`]), so that the shared SQL runs on both and rows hash identically.
//!
//! Differences, all of representation only:
//! - integers are BIGINT; every id is given by the shared SQL (`max(id) + 1` under the writers'
//!   lock, as SQLite numbers its rows), so ids have no gaps and match SQLite's exactly, and a
//!   copy with its ids given needs no sequence to catch up;
//! - every text column is `COLLATE "C"`: text compares and sorts byte by byte, as SQLite's BINARY
//!   collation does, so that listings, keyset paging and uniqueness agree on both engines;
//! - the marks SQLite keeps in `PRAGMA application_id` and `user_version` are rows of
//!   `creditctl_meta`;
//! - the append-only rules are plpgsql triggers (plpgsql is trusted and installed in every
//!   database, so nothing here needs a superuser), and TRUNCATE is refused as well.
//!
//! # Privileges
//!
//! The role that creates the schema (the first writing command, or a DBA once) owns the tables.
//! An owner can drop or alter them and disable the triggers, so the people and programs that run
//! creditctl day to day should log in as roles that do not own it. Such a login role needs
//! CONNECT on the database, USAGE on the schema, and on the tables no more than:
//!
//! | table | privileges |
//! | --- | --- |
//! | every table, `creditctl_meta` included | SELECT |
//! | ledger, charge, payment, license, voucher_order, sms_use, device, unit, site, distributor, voucher, price, signing_key, checkpoint | INSERT |
//! | site | UPDATE (video_balance, sms_balance: the balances the ledger moves; tally_period, tally_units, tally_paid: the tally charges keep; name: `site rename`) |
//! | voucher | UPDATE (redeemed_at, redeemed_by, site_id, cancelled_at, cancelled_by) |
//! | distributor | UPDATE (activated_at, activated_by, deactivated_at, deactivated_by) |
//! | price | UPDATE (amount_minor, updated_at, updated_by) |
//! | unit | UPDATE (removed_at; added_at: a unit back after a month or more away) |
//! | device | DELETE (a device removed from its site) |
//!
//! Nobody but the owner gets TRUNCATE, REFERENCES or TRIGGER; there are no sequences to grant (ids
//! are given by the SQL). Advisory locks need no privilege. Building the group roles that carry
//! these grants is left to a later change; nothing here depends on them.

/// The application marker in `creditctl_meta`.
pub const APPLICATION: &str = "creditctl";

/// The version [`CREATE`] makes: the first PostgreSQL ledgers were made at the SQLite ledger's
/// version 2 (its `user_version` counts the same).
pub const BASE: i64 = 2;

/// The schema version this build writes.
pub const LATEST: i64 = BASE + UPGRADES.len() as i64;

/// The marker table, alone: created first so that a half-made schema is never taken for a
/// ledger (everything here runs in one transaction anyway).
pub const META: &str = r#"
CREATE TABLE creditctl_meta (
    key    TEXT COLLATE "C" PRIMARY KEY,
    value  TEXT COLLATE "C" NOT NULL
);
COMMENT ON TABLE creditctl_meta IS 'creditctl: marks this schema as a creditctl ledger (key application) and its version (key schema_version)';
"#;

/// A new ledger at version [`LATEST`].
pub const CREATE: &str = r#"
-- Refuses the statement that fired the trigger, with the message given as its argument.
CREATE FUNCTION creditctl_refuse() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
    RAISE EXCEPTION '%', TG_ARGV[0] USING ERRCODE = 'restrict_violation';
END
$fn$;

CREATE TABLE distributor (
    id            BIGINT PRIMARY KEY,
    name          TEXT COLLATE "C" NOT NULL UNIQUE CHECK (length(name) BETWEEN 1 AND 200),
    activated_at  TEXT COLLATE "C",
    activated_by  TEXT COLLATE "C",
    created_at    TEXT COLLATE "C" NOT NULL,
    created_by    TEXT COLLATE "C" NOT NULL
);
COMMENT ON TABLE distributor IS 'A company account that buys vouchers and licenses once activated';

CREATE TABLE site (
    id             BIGINT PRIMARY KEY,
    name           TEXT COLLATE "C" NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    model          TEXT COLLATE "C" NOT NULL CHECK (model IN ('device', 'apartment')),
    video_balance  BIGINT NOT NULL DEFAULT 0 CHECK (video_balance >= 0),
    sms_balance    BIGINT NOT NULL DEFAULT 0 CHECK (sms_balance >= 0),
    created_at     TEXT COLLATE "C" NOT NULL,
    created_by     TEXT COLLATE "C" NOT NULL
) WITH (fillfactor = 50); -- room on each page for every row's next version (see TALLY)
COMMENT ON TABLE site IS 'One installation with its two credit pools; the model is fixed at creation';
CREATE INDEX site_by_name ON site(name);
CREATE TRIGGER site_model_is_fixed BEFORE UPDATE OF model ON site
    FOR EACH ROW EXECUTE FUNCTION creditctl_refuse('a site model is fixed at creation');

CREATE TABLE unit (
    id          BIGINT PRIMARY KEY,
    site_id     BIGINT NOT NULL REFERENCES site(id),
    name        TEXT COLLATE "C" NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    added_at    TEXT COLLATE "C" NOT NULL,
    removed_at  TEXT COLLATE "C",
    UNIQUE (site_id, name)
);
COMMENT ON TABLE unit IS 'A billable unit (a device on a device site, an apartment on an apartment site); never deleted, a removed unit keeps its history';
CREATE INDEX unit_active ON unit(site_id, id) WHERE removed_at IS NULL;

CREATE TABLE device (
    serial    TEXT COLLATE "C" PRIMARY KEY CHECK (serial ~ '^[0-9]{2}-[0-9]{4}-[0-9]{4}$'),
    site_id   BIGINT NOT NULL REFERENCES site(id),
    unit_id   BIGINT NOT NULL REFERENCES unit(id),
    added_at  TEXT COLLATE "C" NOT NULL
);
COMMENT ON TABLE device IS 'A device registered at a site, billed under unit_id (itself, or its apartment)';
CREATE INDEX device_by_unit ON device(unit_id);
CREATE INDEX device_by_site ON device(site_id);

CREATE TABLE ledger (
    id             BIGINT PRIMARY KEY,
    site_id        BIGINT REFERENCES site(id),
    pool           TEXT COLLATE "C" CHECK (pool IN ('video', 'sms')),
    amount         BIGINT NOT NULL,
    balance_after  BIGINT CHECK (balance_after >= 0),
    kind           TEXT COLLATE "C" NOT NULL,
    reason         TEXT COLLATE "C" NOT NULL,
    reference      TEXT COLLATE "C" NOT NULL,
    actor          TEXT COLLATE "C" NOT NULL,
    created_at     TEXT COLLATE "C" NOT NULL,
    payload        TEXT COLLATE "C" NOT NULL DEFAULT '',
    prev_hash      TEXT COLLATE "C" NOT NULL,
    hash           TEXT COLLATE "C" NOT NULL,
    CHECK ((site_id IS NULL) = (pool IS NULL) AND (pool IS NULL) = (balance_after IS NULL)),
    CHECK ((pool IS NULL) = (amount = 0))
);
COMMENT ON TABLE ledger IS 'The append-only, hash-chained ledger: every change of a balance and every event that carries value; ids are given by the writer';
CREATE INDEX ledger_by_site ON ledger(site_id, id) WHERE site_id IS NOT NULL;
CREATE INDEX ledger_voucher_refs ON ledger(reference) WHERE kind IN ('voucher', 'cancel');
CREATE TRIGGER ledger_no_update BEFORE UPDATE ON ledger
    FOR EACH ROW EXECUTE FUNCTION creditctl_refuse('the ledger is append-only');
CREATE TRIGGER ledger_no_delete BEFORE DELETE ON ledger
    FOR EACH ROW EXECUTE FUNCTION creditctl_refuse('the ledger is append-only');
CREATE TRIGGER ledger_no_truncate BEFORE TRUNCATE ON ledger
    FOR EACH STATEMENT EXECUTE FUNCTION creditctl_refuse('the ledger is append-only');

CREATE TABLE charge (
    period     TEXT COLLATE "C" NOT NULL,
    unit_id    BIGINT NOT NULL REFERENCES unit(id),
    ledger_id  BIGINT NOT NULL REFERENCES ledger(id),
    PRIMARY KEY (period, unit_id)
);
COMMENT ON TABLE charge IS 'One row per unit and period charged: the primary key makes a second charge impossible';
CREATE INDEX charge_by_ledger ON charge(ledger_id, unit_id);
CREATE TRIGGER charge_no_update BEFORE UPDATE ON charge
    FOR EACH ROW EXECUTE FUNCTION creditctl_refuse('charges are append-only');
CREATE TRIGGER charge_no_delete BEFORE DELETE ON charge
    FOR EACH ROW EXECUTE FUNCTION creditctl_refuse('charges are append-only');
CREATE TRIGGER charge_no_truncate BEFORE TRUNCATE ON charge
    FOR EACH STATEMENT EXECUTE FUNCTION creditctl_refuse('charges are append-only');

CREATE TABLE price (
    item          TEXT COLLATE "C" PRIMARY KEY,
    amount_minor  BIGINT NOT NULL CHECK (amount_minor >= 0),
    currency      TEXT COLLATE "C" NOT NULL CHECK (length(currency) = 3),
    updated_at    TEXT COLLATE "C" NOT NULL,
    updated_by    TEXT COLLATE "C" NOT NULL
);
COMMENT ON TABLE price IS 'The price list; every change is also recorded in the ledger';

CREATE TABLE payment (
    id              BIGINT PRIMARY KEY,
    kind            TEXT COLLATE "C" NOT NULL CHECK (kind IN ('voucher_order', 'credits', 'license')),
    method          TEXT COLLATE "C" NOT NULL CHECK (method IN ('card', 'invoice')),
    amount_minor    BIGINT NOT NULL CHECK (amount_minor >= 0),
    currency        TEXT COLLATE "C" NOT NULL CHECK (length(currency) = 3),
    distributor_id  BIGINT REFERENCES distributor(id),
    site_id         BIGINT REFERENCES site(id),
    description     TEXT COLLATE "C" NOT NULL,
    actor           TEXT COLLATE "C" NOT NULL,
    created_at      TEXT COLLATE "C" NOT NULL
);
COMMENT ON TABLE payment IS 'Append-only: every payment for vouchers, credits or licenses';
CREATE TRIGGER payment_no_update BEFORE UPDATE ON payment
    FOR EACH ROW EXECUTE FUNCTION creditctl_refuse('payments are never changed');
CREATE TRIGGER payment_no_delete BEFORE DELETE ON payment
    FOR EACH ROW EXECUTE FUNCTION creditctl_refuse('payments are never deleted');
CREATE TRIGGER payment_no_truncate BEFORE TRUNCATE ON payment
    FOR EACH STATEMENT EXECUTE FUNCTION creditctl_refuse('payments are never deleted');

CREATE TABLE voucher_order (
    id              BIGINT PRIMARY KEY,
    distributor_id  BIGINT NOT NULL REFERENCES distributor(id),
    payment_id      BIGINT NOT NULL UNIQUE REFERENCES payment(id),
    created_at      TEXT COLLATE "C" NOT NULL
);

CREATE TABLE voucher (
    id             BIGINT PRIMARY KEY,
    code           TEXT COLLATE "C" NOT NULL UNIQUE CHECK (length(code) = 17),
    order_id       BIGINT NOT NULL REFERENCES voucher_order(id),
    name           TEXT COLLATE "C" NOT NULL,
    type           TEXT COLLATE "C" NOT NULL CHECK (type IN ('device', 'apartment', 'sms')),
    years          BIGINT CHECK (years BETWEEN 1 AND 10),
    subscriptions  BIGINT CHECK (subscriptions BETWEEN 1 AND 10000),
    credits        BIGINT NOT NULL CHECK (credits >= 0),
    messages       BIGINT NOT NULL CHECK (messages >= 0 AND messages % 50 = 0),
    value_minor    BIGINT NOT NULL CHECK (value_minor >= 0),
    currency       TEXT COLLATE "C" NOT NULL,
    created_at     TEXT COLLATE "C" NOT NULL,
    expires_at     TEXT COLLATE "C" NOT NULL,
    redeemed_at    TEXT COLLATE "C",
    redeemed_by    TEXT COLLATE "C",
    site_id        BIGINT REFERENCES site(id),
    cancelled_at   TEXT COLLATE "C",
    cancelled_by   TEXT COLLATE "C",
    CHECK (redeemed_at IS NULL OR cancelled_at IS NULL),
    CHECK ((redeemed_at IS NULL) = (site_id IS NULL))
);
COMMENT ON TABLE voucher IS 'A voucher code; once redeemed or cancelled it never changes, and it is never deleted';
CREATE INDEX voucher_by_order ON voucher(order_id);
CREATE TRIGGER voucher_final BEFORE UPDATE ON voucher
    FOR EACH ROW WHEN (OLD.redeemed_at IS NOT NULL OR OLD.cancelled_at IS NOT NULL)
    EXECUTE FUNCTION creditctl_refuse('a used or cancelled voucher cannot change');
CREATE TRIGGER voucher_no_delete BEFORE DELETE ON voucher
    FOR EACH ROW EXECUTE FUNCTION creditctl_refuse('vouchers are never deleted');
CREATE TRIGGER voucher_no_truncate BEFORE TRUNCATE ON voucher
    FOR EACH STATEMENT EXECUTE FUNCTION creditctl_refuse('vouchers are never deleted');

CREATE TABLE license_product (
    name   TEXT COLLATE "C" PRIMARY KEY,
    title  TEXT COLLATE "C" NOT NULL
);

CREATE TABLE license (
    id              BIGINT PRIMARY KEY,
    serial          TEXT COLLATE "C" NOT NULL,
    product         TEXT COLLATE "C" NOT NULL REFERENCES license_product(name),
    license_key     TEXT COLLATE "C" NOT NULL UNIQUE,
    price_minor     BIGINT NOT NULL CHECK (price_minor >= 0),
    currency        TEXT COLLATE "C" NOT NULL,
    payment_id      BIGINT NOT NULL REFERENCES payment(id),
    distributor_id  BIGINT NOT NULL REFERENCES distributor(id),
    created_at      TEXT COLLATE "C" NOT NULL,
    created_by      TEXT COLLATE "C" NOT NULL,
    UNIQUE (serial, product)
);
COMMENT ON TABLE license IS 'A device license sold to a distributor; never changed or deleted';
CREATE INDEX license_by_payment ON license(payment_id, id);
CREATE TRIGGER license_no_update BEFORE UPDATE ON license
    FOR EACH ROW EXECUTE FUNCTION creditctl_refuse('licenses are never changed');
CREATE TRIGGER license_no_delete BEFORE DELETE ON license
    FOR EACH ROW EXECUTE FUNCTION creditctl_refuse('licenses are never deleted');
CREATE TRIGGER license_no_truncate BEFORE TRUNCATE ON license
    FOR EACH STATEMENT EXECUTE FUNCTION creditctl_refuse('licenses are never deleted');

CREATE TABLE sms_use (
    reference      TEXT COLLATE "C" PRIMARY KEY,
    site_id        BIGINT NOT NULL REFERENCES site(id),
    messages       BIGINT NOT NULL CHECK (messages > 0),
    ledger_id      BIGINT NOT NULL REFERENCES ledger(id),
    balance_after  BIGINT NOT NULL,
    created_at     TEXT COLLATE "C" NOT NULL
);
COMMENT ON TABLE sms_use IS 'SMS spending, keyed by the caller''s reference so that a retry is applied once';
"#;

/// Members and the record of failed redemptions (SPEC section 5).
const MEMBERS: &str = r#"
CREATE TABLE member (
    id              BIGINT PRIMARY KEY,
    name            TEXT COLLATE "C" NOT NULL UNIQUE CHECK (length(name) BETWEEN 1 AND 100),
    role            TEXT COLLATE "C" NOT NULL CHECK (role IN ('operator', 'distributor', 'site-admin', 'billing')),
    distributor_id  BIGINT REFERENCES distributor(id),
    created_at      TEXT COLLATE "C" NOT NULL,
    created_by      TEXT COLLATE "C" NOT NULL,
    CHECK ((role = 'distributor') = (distributor_id IS NOT NULL))
);
CREATE TABLE member_site (
    member_id  BIGINT NOT NULL REFERENCES member(id),
    site_id    BIGINT NOT NULL REFERENCES site(id),
    PRIMARY KEY (member_id, site_id)
);
CREATE TABLE redeem_attempt (
    id           BIGINT PRIMARY KEY,
    identity     TEXT COLLATE "C" NOT NULL,
    site_id      BIGINT,
    code_prefix  TEXT COLLATE "C" NOT NULL,
    reason       TEXT COLLATE "C" NOT NULL,
    at           TEXT COLLATE "C" NOT NULL
);
CREATE INDEX attempt_by_identity ON redeem_attempt(identity, at);
CREATE INDEX attempt_by_site ON redeem_attempt(site_id, at);
CREATE TRIGGER attempt_no_update BEFORE UPDATE ON redeem_attempt
    FOR EACH ROW EXECUTE FUNCTION creditctl_refuse('attempts are a record');
CREATE TRIGGER attempt_no_delete BEFORE DELETE ON redeem_attempt
    FOR EACH ROW EXECUTE FUNCTION creditctl_refuse('attempts are a record');
CREATE TRIGGER attempt_no_truncate BEFORE TRUNCATE ON redeem_attempt
    FOR EACH STATEMENT EXECUTE FUNCTION creditctl_refuse('attempts are a record');
"#;

/// Upgrades in order: entry `i` takes a ledger from version `BASE + i` to `BASE + i + 1`. A new
/// ledger is made by [`CREATE`] and then every upgrade.
pub const UPGRADES: &[&str] = &[
    MEMBERS,
    SIGNING,
    DEACTIVATION,
    TALLY,
    OWNER_FUNCTIONS,
    UNIT_RETURN,
    MEMBER_WRITES,
    MEMBER_PURCHASES,
    DEVICE_UNITS,
    PURCHASE_REFERENCE,
];

/// Version 4, as SQLite's: the keys that sign license files and checkpoints, and the
/// checkpoints, both append-only.
const SIGNING: &str = r#"
CREATE TABLE signing_key (
    id           BIGINT PRIMARY KEY,
    public_key   TEXT COLLATE "C" NOT NULL UNIQUE CHECK (length(public_key) = 64),
    fingerprint  TEXT COLLATE "C" NOT NULL CHECK (length(fingerprint) = 64),
    created_at   TEXT COLLATE "C" NOT NULL,
    created_by   TEXT COLLATE "C" NOT NULL
);
COMMENT ON TABLE signing_key IS 'The public keys (Ed25519, 32 bytes in hex) that sign license files and checkpoints; the private keys are never in the ledger';
CREATE TRIGGER signing_key_no_update BEFORE UPDATE ON signing_key
    FOR EACH ROW EXECUTE FUNCTION creditctl_refuse('signing keys are never changed');
CREATE TRIGGER signing_key_no_delete BEFORE DELETE ON signing_key
    FOR EACH ROW EXECUTE FUNCTION creditctl_refuse('signing keys are never deleted');
CREATE TRIGGER signing_key_no_truncate BEFORE TRUNCATE ON signing_key
    FOR EACH STATEMENT EXECUTE FUNCTION creditctl_refuse('signing keys are never deleted');

CREATE TABLE checkpoint (
    id           BIGINT PRIMARY KEY,
    ledger_rows  BIGINT NOT NULL CHECK (ledger_rows >= 0),
    head_hash    TEXT COLLATE "C" NOT NULL,
    signed_at    TEXT COLLATE "C" NOT NULL,
    key_id       BIGINT NOT NULL REFERENCES signing_key(id),
    signature    TEXT COLLATE "C" NOT NULL,
    created_by   TEXT COLLATE "C" NOT NULL
);
COMMENT ON TABLE checkpoint IS 'A signature over the chain''s row count and head hash at a moment, checked by ledger verify';
CREATE TRIGGER checkpoint_no_update BEFORE UPDATE ON checkpoint
    FOR EACH ROW EXECUTE FUNCTION creditctl_refuse('checkpoints are never changed');
CREATE TRIGGER checkpoint_no_delete BEFORE DELETE ON checkpoint
    FOR EACH ROW EXECUTE FUNCTION creditctl_refuse('checkpoints are never deleted');
CREATE TRIGGER checkpoint_no_truncate BEFORE TRUNCATE ON checkpoint
    FOR EACH STATEMENT EXECUTE FUNCTION creditctl_refuse('checkpoints are never deleted');
"#;

/// Version 5, as SQLite's: when the platform operator deactivated a distributor.
const DEACTIVATION: &str = r#"
ALTER TABLE distributor
    ADD COLUMN deactivated_at TEXT COLLATE "C",
    ADD COLUMN deactivated_by TEXT COLLATE "C";
COMMENT ON COLUMN distributor.deactivated_at IS 'When the platform operator deactivated it: it buys no vouchers or licenses while set';
"#;

/// Version 6, as SQLite's: a charge's period is the integer `yyyymm` (and the charge rows keep
/// no foreign keys: `ledger verify` checks each against its ledger row), and each site keeps its
/// tally for one period, cleared by any change of its units (a trigger that runs as the owner,
/// so that no row the member cannot see keeps a stale tally). The tallies of an upgraded ledger
/// are counted after this SQL. The site table keeps half of each page free from then on
/// (`fillfactor`: pages written before keep their rows until they are rewritten), so that a
/// deduction's update of every site makes heap-only tuples, not a new index entry per site.
const TALLY: &str = r#"
ALTER TABLE charge ALTER COLUMN period TYPE BIGINT
    USING substr(period, 1, 4)::bigint * 100 + substr(period, 6, 2)::bigint;
ALTER TABLE charge DROP CONSTRAINT IF EXISTS charge_unit_id_fkey, DROP CONSTRAINT IF EXISTS charge_ledger_id_fkey;
ALTER TABLE charge ADD CONSTRAINT charge_period_check
    CHECK (period BETWEEN 197001 AND 999912 AND period % 100 BETWEEN 1 AND 12);
-- The units of a site for a period are read from the index alone (removed_at, always NULL in
-- it, is there for the query planner to see that).
DROP INDEX unit_active;
CREATE INDEX unit_active ON unit(site_id, id, added_at, removed_at) WHERE removed_at IS NULL;
-- Half of each page of sites is left free: a deduction updates every site's row once (its
-- balance and tally), and each new version then fits on its row's page as a heap-only tuple,
-- which adds no index entry and keeps the rows in id order for the next run's read.
ALTER TABLE site SET (fillfactor = 50);
ALTER TABLE site
    ADD COLUMN tally_period BIGINT,
    ADD COLUMN tally_units BIGINT CHECK (tally_units >= 0),
    ADD COLUMN tally_paid BIGINT,
    ADD CONSTRAINT site_tally_check CHECK ((tally_period IS NULL) = (tally_units IS NULL)
        AND (tally_units IS NULL) = (tally_paid IS NULL) AND tally_paid BETWEEN 0 AND tally_units);
COMMENT ON COLUMN site.tally_period IS 'The period (yyyymm) of the site''s tally: tally_units billable units, tally_paid of them charged; cleared by any change of its units';
DO $creditctl$
BEGIN
    EXECUTE pg_catalog.format($f$
        CREATE FUNCTION creditctl_untally() RETURNS trigger
        LANGUAGE plpgsql SECURITY DEFINER SET search_path = %s, pg_temp AS $body$
        BEGIN
            IF TG_OP <> 'INSERT' THEN
                UPDATE site SET tally_period = NULL, tally_units = NULL, tally_paid = NULL
                WHERE id = OLD.site_id AND tally_period IS NOT NULL;
            END IF;
            IF TG_OP <> 'DELETE' THEN
                UPDATE site SET tally_period = NULL, tally_units = NULL, tally_paid = NULL
                WHERE id = NEW.site_id AND tally_period IS NOT NULL;
            END IF;
            RETURN NULL;
        END
        $body$;
        REVOKE ALL ON FUNCTION creditctl_untally() FROM PUBLIC;
    $f$, pg_catalog.quote_ident(pg_catalog.current_schema()));
END
$creditctl$;
CREATE TRIGGER unit_untallies AFTER INSERT OR UPDATE OR DELETE ON unit
    FOR EACH ROW EXECUTE FUNCTION creditctl_untally();
"#;

/// Version 7, PostgreSQL's alone (a SQLite ledger stays at 6): the functions that run as the
/// owner name pg_catalog's functions in full (a role that may create objects in the ledger's
/// schema could otherwise have put its own `format` or `array_agg` before them, run as the
/// owner), and a site administrator may add itself only to a site it created that nobody
/// administers. Both
/// are in [`GROUP_ROLES`] and [`ROW_SECURITY`], which every upgrade runs again; this marks it.
const OWNER_FUNCTIONS: &str = r#"
COMMENT ON TABLE member_site IS 'The sites a site administrator administers: added by an operator, or by the administrator to a site it created that nobody administers';
"#;

/// Version 8, PostgreSQL's alone: a unit added again after a month or more away counts from
/// its return (`added_at` moves, so a run for a month it missed does not charge it), which the
/// roles that add units may now write ([`GROUP_ROLES`], which every upgrade runs again), and
/// only so: a trigger refuses any other change of `added_at` (a member's own client could
/// otherwise move a unit's into the future, and no run would charge it).
const UNIT_RETURN: &str = r#"
COMMENT ON COLUMN unit.added_at IS 'When the unit was added, or added again after a month or more away';
CREATE OR REPLACE FUNCTION creditctl_unit_return() RETURNS trigger LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp AS $fn$
BEGIN
    IF NEW.added_at IS DISTINCT FROM OLD.added_at
       AND NOT (OLD.removed_at IS NOT NULL AND NEW.removed_at IS NULL
                AND NEW.added_at >= OLD.removed_at) THEN
        RAISE EXCEPTION 'a unit''s added_at changes only as it comes back, to a time after its removal'
            USING ERRCODE = 'restrict_violation';
    END IF;
    RETURN NEW;
END
$fn$;
DROP TRIGGER IF EXISTS unit_return ON unit;
CREATE TRIGGER unit_return BEFORE UPDATE OF added_at ON unit
    FOR EACH ROW EXECUTE FUNCTION creditctl_unit_return();
"#;

/// Version 9, PostgreSQL's alone: what a member's own client (`psql`) may write is held to what
/// creditctl would write, where a member could otherwise have made value from nothing:
/// - a monthly charge debits the video pool only (a charge on the SMS pool paid a unit-month
///   with one message, twenty times cheaper);
/// - a distributor's payment for an order or for licenses is what they cost: the sum of the
///   order's voucher values, or of the licenses' prices, checked when the transaction commits
///   (the vouchers and licenses are written after their payment). Each voucher's credits and
///   value, and each license's price, follow from the price list ([`ROW_SECURITY`], which every
///   upgrade runs again, as are the rules that a new voucher is unused and that only an
///   activated distributor buys vouchers, and only one not deactivated buys licenses), and so
///   does its ledger row's digest, which verification compares with the rows.
const MEMBER_WRITES: &str = r#"
ALTER TABLE ledger DROP CONSTRAINT IF EXISTS ledger_charge_video;
ALTER TABLE ledger ADD CONSTRAINT ledger_charge_video CHECK (kind <> 'charge' OR pool = 'video');
CREATE OR REPLACE FUNCTION creditctl_paid_in_full() RETURNS trigger LANGUAGE plpgsql
SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $fn$
DECLARE
    s text := pg_catalog.quote_ident(TG_TABLE_SCHEMA);
    distributor boolean;
    paid bigint;
    owed bigint;
    items bigint;
    strays bigint;
BEGIN
    EXECUTE pg_catalog.format('SELECT %s.creditctl_my_distributor() IS NOT NULL', s) INTO distributor;
    IF NOT distributor THEN
        RETURN NULL;
    END IF;
    IF TG_TABLE_NAME = 'voucher_order' THEN
        -- Its payment: for this order, by its distributor, in its vouchers' currency.
        EXECUTE pg_catalog.format('SELECT p.amount_minor, pg_catalog.sum(v.value_minor)::bigint, pg_catalog.count(v.id),
                pg_catalog.count(v.id) FILTER (WHERE v.currency <> p.currency)
                    + pg_catalog.count(*) FILTER (WHERE p.kind <> %L OR p.distributor_id IS DISTINCT FROM $2)
            FROM %s.payment p LEFT JOIN %s.voucher v ON v.order_id = $1
            WHERE p.id = $3 GROUP BY p.amount_minor', 'voucher_order', s, s)
            INTO paid, owed, items, strays USING NEW.id, NEW.distributor_id, NEW.payment_id;
    ELSE
        EXECUTE pg_catalog.format('SELECT pg_catalog.sum(l.price_minor)::bigint, pg_catalog.count(*),
                pg_catalog.count(*) FILTER (WHERE l.currency <> $2 OR l.distributor_id IS DISTINCT FROM $3)
            FROM %s.license l WHERE l.payment_id = $1', s)
            INTO owed, items, strays USING NEW.id, NEW.currency, NEW.distributor_id;
        paid := NEW.amount_minor;
    END IF;
    IF coalesce(items, 0) = 0 OR strays <> 0 OR paid IS DISTINCT FROM owed THEN
        RAISE EXCEPTION 'creditctl: % % is paid % but what it bought costs %', TG_TABLE_NAME,
            NEW.id, coalesce(paid::text, 'nothing'), coalesce(owed::text, 'nothing')
            USING ERRCODE = 'check_violation';
    END IF;
    RETURN NULL;
END
$fn$;
-- The check at commit can be made early (SET CONSTRAINTS … IMMEDIATE), and rows added after it
-- would not be checked again: so each statement that adds a distributor's vouchers or licenses
-- is checked at once not to hold more than the payment paid (at commit, exactly what it paid).
CREATE OR REPLACE FUNCTION creditctl_within_payment() RETURNS trigger LANGUAGE plpgsql
SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $fn$
DECLARE
    s text := pg_catalog.quote_ident(TG_TABLE_SCHEMA);
    distributor boolean;
    over text;
BEGIN
    EXECUTE pg_catalog.format('SELECT %s.creditctl_my_distributor() IS NOT NULL', s) INTO distributor;
    IF NOT distributor THEN
        RETURN NULL;
    END IF;
    IF TG_TABLE_NAME = 'voucher' THEN
        SELECT pg_catalog.string_agg(DISTINCT a.order_id::text, ', ') INTO over FROM added a;
        EXECUTE pg_catalog.format('SELECT pg_catalog.string_agg(o.id::text, %L) FROM %s.voucher_order o
            JOIN %s.payment p ON p.id = o.payment_id
            WHERE o.id = ANY (pg_catalog.string_to_array($1, %L)::bigint[])
              AND p.amount_minor < (SELECT pg_catalog.sum(v.value_minor) FROM %s.voucher v WHERE v.order_id = o.id)',
            ', ', s, s, ', ', s) INTO over USING over;
    ELSE
        SELECT pg_catalog.string_agg(DISTINCT a.payment_id::text, ', ') INTO over FROM added a;
        EXECUTE pg_catalog.format('SELECT pg_catalog.string_agg(p.id::text, %L) FROM %s.payment p
            WHERE p.id = ANY (pg_catalog.string_to_array($1, %L)::bigint[])
              AND p.amount_minor < (SELECT pg_catalog.sum(l.price_minor) FROM %s.license l WHERE l.payment_id = p.id)',
            ', ', s, ', ', s) INTO over USING over;
    END IF;
    IF over IS NOT NULL THEN
        RAISE EXCEPTION 'creditctl: % % would hold more than was paid for it', TG_TABLE_NAME, over
            USING ERRCODE = 'check_violation';
    END IF;
    RETURN NULL;
END
$fn$;
REVOKE ALL ON FUNCTION creditctl_paid_in_full(), creditctl_within_payment() FROM PUBLIC;
DROP TRIGGER IF EXISTS voucher_within_payment ON voucher;
CREATE TRIGGER voucher_within_payment AFTER INSERT ON voucher REFERENCING NEW TABLE AS added
    FOR EACH STATEMENT EXECUTE FUNCTION creditctl_within_payment();
DROP TRIGGER IF EXISTS license_within_payment ON license;
CREATE TRIGGER license_within_payment AFTER INSERT ON license REFERENCING NEW TABLE AS added
    FOR EACH STATEMENT EXECUTE FUNCTION creditctl_within_payment();
DROP TRIGGER IF EXISTS voucher_order_paid ON voucher_order;
CREATE CONSTRAINT TRIGGER voucher_order_paid AFTER INSERT ON voucher_order
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION creditctl_paid_in_full();
DROP TRIGGER IF EXISTS license_payment_paid ON payment;
CREATE CONSTRAINT TRIGGER license_payment_paid AFTER INSERT ON payment
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW WHEN (NEW.kind = 'license')
    EXECUTE FUNCTION creditctl_paid_in_full();
"#;

/// Version 10, PostgreSQL's alone: what [`ROW_SECURITY`] (which every upgrade runs again) now
/// holds a site administrator's own client to. A purchase row names a payment for credits of
/// its site made in the same transaction (a purchase row with no payment added credits from
/// nothing), and a redemption puts a device or apartment voucher only into a site of its model
/// (a device voucher's credits paid apartment-months at the price of device-months).
const MEMBER_PURCHASES: &str = r#"
COMMENT ON TABLE payment IS 'Every payment: a voucher order''s, a license purchase''s, or credits bought for a site (each with its chain row, in the same transaction)';
"#;

/// Version 11, PostgreSQL's alone: devices are held to their units in the database, as
/// creditctl holds them (a device served under a unit that does not bill for it is a device
/// served for nothing, which a member's own client could otherwise write). A device is billed
/// under a unit of its own site that is not removed: on a device site the unit named after its
/// serial (so one device a unit), on an apartment site an apartment with fewer than
/// [`crate::domain::site::MAX_DEVICES_PER_APARTMENT`] devices; and a unit is removed only once
/// it has no device. Everyone is held to it, the owner too (a member's insert that has not
/// committed yet is waited for by the owner's command as by anyone's), but the owner of a
/// ledger without members (a ledger of one user; a copy brings its members after its devices;
/// a member that empties the member table in its transaction is still held). A member adds
/// devices only to its own sites, refused before anything of another site's units is read or
/// locked for it. Devices already in a ledger are left as they are.
///
/// The unit's row is locked (`FOR NO KEY UPDATE`, which a unit's removal also takes, and a
/// device's reference to its unit does not) before its devices are counted, so that devices
/// added to one apartment at once, or a device added as its unit is removed, are checked one
/// after the other. That needs each statement to see what committed while it waited: while the
/// ledger has members, devices and units change in READ COMMITTED transactions only (creditctl's
/// own; REPEATABLE READ and SERIALIZABLE read one snapshot, and a SERIALIZABLE transaction is
/// not refused for what a READ COMMITTED one did).
pub(super) const DEVICE_UNITS: &str = r#"
DO $creditctl$
BEGIN
    EXECUTE pg_catalog.format($f$
        -- Whether changes of devices and units are checked: always, but for the owner while the
        -- ledger has no members (an operator that empties the member table in its transaction
        -- is still checked).
        CREATE OR REPLACE FUNCTION creditctl_checks_devices() RETURNS boolean
        LANGUAGE plpgsql SECURITY DEFINER SET search_path = %1$s, pg_temp AS $body$
        BEGIN
            IF pg_catalog.pg_has_role(session_user, current_user, 'MEMBER')
                AND NOT EXISTS (SELECT 1 FROM member) THEN
                RETURN false;
            END IF;
            IF pg_catalog.current_setting('transaction_isolation') <> 'read committed' THEN
                RAISE EXCEPTION 'creditctl: devices and units are changed in READ COMMITTED transactions, as creditctl changes them (each statement then sees what committed while it waited)'
                    USING ERRCODE = 'invalid_transaction_state';
            END IF;
            RETURN true;
        END
        $body$;
        CREATE OR REPLACE FUNCTION creditctl_device_unit() RETURNS trigger
        LANGUAGE plpgsql SECURITY DEFINER SET search_path = %1$s, pg_temp AS $body$
        DECLARE
            u record;
            others bigint;
        BEGIN
            IF NOT creditctl_checks_devices() THEN
                RETURN NEW;
            END IF;
            -- Row security holds a member to its sites after this trigger; nothing of another
            -- site's units is read for it before.
            IF NOT (pg_catalog.pg_has_role(session_user, current_user, 'MEMBER')
                    OR creditctl_sees_all() OR NEW.site_id = ANY (creditctl_my_sites())) THEN
                RAISE EXCEPTION 'creditctl: %% may not add devices to site %%', session_user, NEW.site_id
                    USING ERRCODE = 'insufficient_privilege';
            END IF;
            SELECT un.name, un.removed_at, s.model INTO u
              FROM unit un JOIN site s ON s.id = un.site_id
             WHERE un.id = NEW.unit_id AND un.site_id = NEW.site_id FOR NO KEY UPDATE OF un;
            IF NOT FOUND OR u.removed_at IS NOT NULL THEN
                RAISE EXCEPTION 'creditctl: device %% must be billed under a unit of its own site that is not removed', NEW.serial
                    USING ERRCODE = 'check_violation';
            END IF;
            IF u.model = 'device' AND u.name <> NEW.serial THEN
                RAISE EXCEPTION 'creditctl: on a device site, device %% is billed under its own unit, named after its serial', NEW.serial
                    USING ERRCODE = 'check_violation';
            END IF;
            SELECT pg_catalog.count(*) INTO others FROM device d
             WHERE d.unit_id = NEW.unit_id AND d.serial <> NEW.serial;
            IF u.model = 'apartment' AND others >= 4 THEN
                RAISE EXCEPTION 'creditctl: apartment %% holds %% devices already, the most it may', u.name, others
                    USING ERRCODE = 'check_violation';
            END IF;
            RETURN NEW;
        END
        $body$;
        CREATE OR REPLACE FUNCTION creditctl_unit_emptied() RETURNS trigger
        LANGUAGE plpgsql SECURITY DEFINER SET search_path = %1$s, pg_temp AS $body$
        BEGIN
            IF creditctl_checks_devices()
                AND EXISTS (SELECT 1 FROM device d WHERE d.unit_id = NEW.id) THEN
                RAISE EXCEPTION 'creditctl: unit %% still has devices; they are removed first', NEW.name
                    USING ERRCODE = 'check_violation';
            END IF;
            RETURN NEW;
        END
        $body$;
        REVOKE ALL ON FUNCTION creditctl_checks_devices(), creditctl_device_unit(), creditctl_unit_emptied() FROM PUBLIC;
    $f$, pg_catalog.quote_ident(pg_catalog.current_schema()));
END
$creditctl$;
DROP TRIGGER IF EXISTS device_unit ON device;
CREATE TRIGGER device_unit BEFORE INSERT OR UPDATE ON device
    FOR EACH ROW EXECUTE FUNCTION creditctl_device_unit();
DROP TRIGGER IF EXISTS unit_emptied ON unit;
CREATE TRIGGER unit_emptied BEFORE UPDATE OF removed_at ON unit
    FOR EACH ROW WHEN (OLD.removed_at IS NULL AND NEW.removed_at IS NOT NULL)
    EXECUTE FUNCTION creditctl_unit_emptied();
COMMENT ON TABLE device IS 'A device registered at a site, billed under unit_id: its own unit on a device site, one of at most 4 in an apartment on an apartment site';
"#;

/// Version 12 (SQLite's 7): a credits purchase may carry the reference its buyer gave (`credits
/// buy --reference`), one purchase a reference at a site (a site's own key: a member learns
/// nothing of other sites' references, and none but whoever writes a site's payments can take
/// one of its references).
const PURCHASE_REFERENCE: &str = r#"
ALTER TABLE payment ADD COLUMN reference TEXT COLLATE "C"
    CHECK (reference IS NULL OR (kind = 'credits' AND site_id IS NOT NULL AND distributor_id IS NULL
                                 AND length(reference) BETWEEN 1 AND 200));
CREATE UNIQUE INDEX payment_reference ON payment(site_id, reference);
COMMENT ON COLUMN payment.reference IS 'A credits purchase''s retry key at its site (credits buy --reference): a retry is answered with this purchase; not a fact of the chain';
"#;

/// The version whose upgrade brought the tallies: a ledger upgraded from before it has them
/// counted.
pub const TALLIES_SINCE: i64 = 6;

/// The SQL that marks a schema as a creditctl ledger at `version`.
pub fn mark(version: i64) -> String {
    format!(
        "INSERT INTO creditctl_meta (key, value) VALUES ('application', '{APPLICATION}'), ('schema_version', '{version}')
         ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value"
    )
}

/// The group roles people log in through (SPEC section 5), one per role, and what each may do to
/// the tables: read them, and append or change only what its commands append or change. No group
/// role may UPDATE, DELETE or TRUNCATE ledger, charge, payment, license, voucher_order, sms_use,
/// redeem_attempt, signing_key or checkpoint rows: only the owner of the tables could, and nobody
/// should log in as that owner day to day. `member add` grants a member's login role its group
/// role. Run after every creation or upgrade (GRANT is idempotent); roles are created only when
/// missing, and only by a user who may create roles (else a DBA creates them once: see README).
pub const GROUP_ROLES: &str = r#"
DO $creditctl$
DECLARE
    s text := pg_catalog.quote_ident(pg_catalog.current_schema());
    r text;
    may_create boolean := (SELECT rolsuper OR rolcreaterole FROM pg_roles WHERE rolname = current_user);
BEGIN
    -- An operator adds and removes members, but only the owner (who made the group roles) may
    -- grant them: these two functions run as the owner and do exactly what the member table
    -- says, nothing else. Their search path is this schema alone.
    EXECUTE pg_catalog.format($f$
        CREATE OR REPLACE FUNCTION creditctl_grant_member(who text) RETURNS void
        LANGUAGE plpgsql SECURITY DEFINER SET search_path = %s, pg_temp AS $body$
        DECLARE
            wanted text := (SELECT 'creditctl_' || pg_catalog.replace(role, '-', '_') FROM member WHERE name = who);
        BEGIN
            IF wanted IS NULL THEN
                RAISE EXCEPTION 'creditctl: %% is not a member', who USING ERRCODE = 'insufficient_privilege';
            END IF;
            -- Only a login role, never a group role (creditctl's, or PostgreSQL's own): a member
            -- named after one would pass its role's rights to that group's every member.
            IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = who AND rolcanlogin)
                OR pg_catalog.left(who, 10) = 'creditctl_' OR pg_catalog.left(who, 3) = 'pg_' THEN
                RAISE EXCEPTION 'creditctl: %% is not a login role a member may be', who USING ERRCODE = 'insufficient_privilege';
            END IF;
            EXECUTE pg_catalog.format('GRANT %%I TO %%I', wanted, who);
        END
        $body$;
        CREATE OR REPLACE FUNCTION creditctl_revoke_member(who text, was text) RETURNS void
        LANGUAGE plpgsql SECURITY DEFINER SET search_path = %s, pg_temp AS $body$
        BEGIN
            IF was NOT IN ('operator', 'distributor', 'site-admin', 'billing') THEN
                RAISE EXCEPTION 'creditctl: no role %%', was USING ERRCODE = 'invalid_parameter_value';
            END IF;
            IF EXISTS (SELECT 1 FROM member WHERE name = who AND role = was) THEN
                RAISE EXCEPTION 'creditctl: %% is still a member', who USING ERRCODE = 'insufficient_privilege';
            END IF;
            IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = who) THEN
                EXECUTE pg_catalog.format('REVOKE %%I FROM %%I', 'creditctl_' || pg_catalog.replace(was, '-', '_'), who);
            END IF;
        END
        $body$;
        REVOKE ALL ON FUNCTION creditctl_grant_member(text), creditctl_revoke_member(text, text) FROM PUBLIC;
    $f$, s, s);
    FOREACH r IN ARRAY ARRAY['creditctl_operator', 'creditctl_distributor', 'creditctl_site_admin', 'creditctl_billing'] LOOP
        IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = r) THEN
            IF NOT may_create THEN
                RAISE NOTICE 'creditctl: role % is missing and % may not create roles', r, current_user;
                RETURN;
            END IF;
            BEGIN
                EXECUTE pg_catalog.format('CREATE ROLE %I NOLOGIN', r);
            EXCEPTION WHEN duplicate_object OR unique_violation THEN
                NULL; -- another database's first writer made it meanwhile
            END;
        END IF;
        EXECUTE pg_catalog.format('GRANT USAGE ON SCHEMA %s TO %I', s, r);
        EXECUTE pg_catalog.format('GRANT SELECT ON ALL TABLES IN SCHEMA %s TO %I', s, r);
        -- Every writer appends to the chain and may record a failed redemption.
        EXECUTE pg_catalog.format('GRANT INSERT ON ledger, redeem_attempt TO %I', r);
    END LOOP;
    EXECUTE 'GRANT INSERT ON distributor, site, unit, device, charge, price, payment, voucher_order,
        voucher, license_product, license, sms_use, member, member_site, signing_key, checkpoint
        TO creditctl_operator';
    EXECUTE 'GRANT UPDATE (video_balance, sms_balance, tally_period, tally_units, tally_paid) ON site TO creditctl_operator, creditctl_site_admin, creditctl_billing';
    EXECUTE 'GRANT UPDATE (name) ON site TO creditctl_operator, creditctl_site_admin';
    EXECUTE 'GRANT UPDATE (redeemed_at, redeemed_by, site_id, cancelled_at, cancelled_by) ON voucher TO creditctl_operator, creditctl_site_admin';
    EXECUTE 'GRANT UPDATE (activated_at, activated_by, deactivated_at, deactivated_by) ON distributor TO creditctl_operator';
    EXECUTE 'GRANT UPDATE (amount_minor, updated_at, updated_by) ON price TO creditctl_operator';
    EXECUTE 'GRANT UPDATE (removed_at, added_at) ON unit TO creditctl_operator, creditctl_site_admin';
    EXECUTE 'GRANT DELETE ON device TO creditctl_operator, creditctl_site_admin';
    EXECUTE 'GRANT DELETE ON member, member_site TO creditctl_operator';
    EXECUTE 'GRANT INSERT ON payment, voucher_order, voucher, license TO creditctl_distributor';
    EXECUTE 'GRANT INSERT ON site, unit, device, charge, payment, sms_use, member_site TO creditctl_site_admin';
    EXECUTE 'GRANT INSERT ON charge, checkpoint TO creditctl_billing';
    EXECUTE 'GRANT EXECUTE ON FUNCTION creditctl_grant_member(text), creditctl_revoke_member(text, text) TO creditctl_operator';
END
$creditctl$;
"#;

/// Row-level security (SPEC section 5): a member's own session — creditctl's, or a plain client
/// like `psql` — sees only the rows its role may see, and may insert or change only those. The
/// owner of the tables is exempt (it could disable the policies anyway); operators and billing
/// see every row, as everyone does while the ledger has no members.
///
/// What a member must know about rows it may not see goes through narrow functions that run as
/// the owner (`SECURITY DEFINER`, fixed search path) and answer one question each: the next id
/// of a table (ids are `max(id) + 1`), the ledger's head (every writer appends after it), the
/// products a serial owns (not their keys), the site a serial is registered at, and the site
/// and count of an SMS spending's reference (references are unique across sites). `store/unseen.rs`
/// asks them, and SQLite the plain queries. A voucher
/// is seen by whoever holds its code: creditctl names the code for its transaction
/// (`set_config('creditctl.code', CODE, true)`) before it looks the voucher up, as a person
/// with `psql` can for a code they hold; codes are 100-bit random, so this gives nothing to
/// someone who does not. Run at every creation and upgrade (every statement replaces its own).
pub const ROW_SECURITY: &str = r#"
DO $creditctl$
DECLARE
    s text := pg_catalog.quote_ident(pg_catalog.current_schema());
    t text;
    r text;
BEGIN
    EXECUTE pg_catalog.format($f$
        CREATE OR REPLACE FUNCTION creditctl_sees_all() RETURNS boolean
        LANGUAGE sql STABLE SECURITY DEFINER SET search_path = %1$s, pg_temp AS $body$
            SELECT NOT EXISTS (SELECT 1 FROM member)
                OR EXISTS (SELECT 1 FROM member WHERE name = session_user::text AND role IN ('operator', 'billing'))
        $body$;
        CREATE OR REPLACE FUNCTION creditctl_my_distributor() RETURNS bigint
        LANGUAGE sql STABLE SECURITY DEFINER SET search_path = %1$s, pg_temp AS $body$
            SELECT distributor_id FROM member WHERE name = session_user::text AND role = 'distributor'
        $body$;
        CREATE OR REPLACE FUNCTION creditctl_my_sites() RETURNS bigint[]
        LANGUAGE sql STABLE SECURITY DEFINER SET search_path = %1$s, pg_temp AS $body$
            SELECT coalesce(pg_catalog.array_agg(ms.site_id), '{}') FROM member m
            JOIN member_site ms ON ms.member_id = m.id
            WHERE m.name = session_user::text AND m.role = 'site-admin'
        $body$;
        CREATE OR REPLACE FUNCTION creditctl_my_orders() RETURNS SETOF bigint
        LANGUAGE sql STABLE SECURITY DEFINER SET search_path = %1$s, pg_temp AS $body$
            SELECT o.id FROM voucher_order o
            WHERE o.distributor_id = (SELECT distributor_id FROM member WHERE name = session_user::text AND role = 'distributor')
        $body$;
        -- Whether the session's distributor may buy vouchers (activated, not deactivated),
        -- or licenses (not deactivated): what creditctl checks before it buys.
        CREATE OR REPLACE FUNCTION creditctl_buys(vouchers boolean) RETURNS boolean
        LANGUAGE sql STABLE SECURITY DEFINER SET search_path = %1$s, pg_temp AS $body$
            SELECT EXISTS (SELECT 1 FROM member m JOIN distributor d ON d.id = m.distributor_id
                           WHERE m.name = session_user::text AND m.role = 'distributor'
                             AND d.deactivated_at IS NULL
                             AND (d.activated_at IS NOT NULL OR NOT creditctl_buys.vouchers))
        $body$;
        -- The session's distributor's orders, and license payments, made in this transaction:
        -- what its new vouchers and licenses may belong to (one made earlier is paid for what
        -- it held then). A row made in this transaction carries its id as xmin (compared as
        -- text, as PostgreSQL 11's txid_current() has no cast to xid).
        CREATE OR REPLACE FUNCTION creditctl_my_new_orders() RETURNS SETOF bigint
        LANGUAGE sql STABLE SECURITY DEFINER SET search_path = %1$s, pg_temp AS $body$
            SELECT o.id FROM voucher_order o
            WHERE o.distributor_id = (SELECT distributor_id FROM member WHERE name = session_user::text AND role = 'distributor')
              AND o.xmin::text = (pg_catalog.txid_current() %% 4294967296)::text
        $body$;
        CREATE OR REPLACE FUNCTION creditctl_my_new_payments() RETURNS SETOF bigint
        LANGUAGE sql STABLE SECURITY DEFINER SET search_path = %1$s, pg_temp AS $body$
            SELECT p.id FROM payment p
            WHERE p.kind = 'license'
              AND p.distributor_id = (SELECT distributor_id FROM member WHERE name = session_user::text AND role = 'distributor')
              AND p.xmin::text = (pg_catalog.txid_current() %% 4294967296)::text
        $body$;
        CREATE OR REPLACE FUNCTION creditctl_next_id(t text) RETURNS bigint
        LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = %1$s, pg_temp AS $body$
        DECLARE n bigint;
        BEGIN
            IF t NOT IN ('ledger', 'distributor', 'site', 'unit', 'payment', 'voucher_order', 'voucher',
                         'license', 'member', 'redeem_attempt', 'signing_key', 'checkpoint') THEN
                RAISE EXCEPTION 'creditctl: no ids for %%', t USING ERRCODE = 'invalid_parameter_value';
            END IF;
            EXECUTE pg_catalog.format('SELECT coalesce(pg_catalog.max(id), 0) + 1 FROM %%I', t) INTO n;
            RETURN n;
        END
        $body$;
        CREATE OR REPLACE FUNCTION creditctl_ledger_head(OUT id bigint, OUT hash text) RETURNS SETOF record
        LANGUAGE sql STABLE SECURITY DEFINER SET search_path = %1$s, pg_temp AS $body$
            SELECT l.id, l.hash FROM ledger l ORDER BY l.id DESC LIMIT 1
        $body$;
        CREATE OR REPLACE FUNCTION creditctl_serial_products(serial text) RETURNS SETOF text
        LANGUAGE sql STABLE SECURITY DEFINER SET search_path = %1$s, pg_temp AS $body$
            SELECT l.product FROM license l WHERE l.serial = creditctl_serial_products.serial
        $body$;
        CREATE OR REPLACE FUNCTION creditctl_sms_reference(reference text, OUT site_id bigint, OUT messages bigint) RETURNS SETOF record
        LANGUAGE sql STABLE SECURITY DEFINER SET search_path = %1$s, pg_temp AS $body$
            SELECT u.site_id, u.messages FROM sms_use u WHERE u.reference = creditctl_sms_reference.reference
        $body$;
        CREATE OR REPLACE FUNCTION creditctl_may_claim(site bigint) RETURNS boolean
        LANGUAGE sql STABLE SECURITY DEFINER SET search_path = %1$s, pg_temp AS $body$
            SELECT EXISTS (SELECT 1 FROM site s WHERE s.id = creditctl_may_claim.site
                                                  AND s.created_by = session_user::text)
               AND NOT EXISTS (SELECT 1 FROM member_site ms WHERE ms.site_id = creditctl_may_claim.site)
        $body$;
        -- Whether a voucher of `kind` may go into site `site` (SPEC section 1): read by the
        -- owner, as the site table's policy reads vouchers.
        CREATE OR REPLACE FUNCTION creditctl_fits(kind text, site bigint) RETURNS boolean
        LANGUAGE sql STABLE SECURITY DEFINER SET search_path = %1$s, pg_temp AS $body$
            SELECT creditctl_fits.kind = 'sms'
                OR EXISTS (SELECT 1 FROM site s WHERE s.id = creditctl_fits.site
                                                  AND s.model = creditctl_fits.kind)
        $body$;
        CREATE OR REPLACE FUNCTION creditctl_device_site(serial text) RETURNS bigint
        LANGUAGE sql STABLE SECURITY DEFINER SET search_path = %1$s, pg_temp AS $body$
            SELECT d.site_id FROM device d WHERE d.serial = creditctl_device_site.serial
        $body$;
        -- Who may append which rows to the chain (called for every row but the charges a
        -- writer makes in its own name: a deduction's hundred thousand): the owner and, while the
        -- ledger has no members, everyone, any row; a member, rows in its own name, of the kinds
        -- its role's commands write (SPEC section 5), and a site administrator on its sites (a
        -- purchase naming the payment for credits of that site it made in this transaction).
        CREATE OR REPLACE FUNCTION creditctl_ledger_writer() RETURNS trigger
        LANGUAGE plpgsql SECURITY DEFINER SET search_path = %1$s, pg_temp AS $body$
        DECLARE
            r text;
            paid bigint;
        BEGIN
            IF pg_catalog.pg_has_role(session_user, current_user, 'MEMBER')
                OR NOT EXISTS (SELECT 1 FROM member) THEN
                RETURN NEW;
            END IF;
            IF NEW.actor IS DISTINCT FROM session_user::text THEN
                RAISE EXCEPTION 'creditctl: %% may not write a ledger row in the name of %%', session_user, NEW.actor
                    USING ERRCODE = 'insufficient_privilege';
            END IF;
            r := (SELECT m.role FROM member m WHERE m.name = session_user::text);
            -- The payment a purchase names, looked up by its key.
            paid := CASE WHEN NEW.kind = 'purchase' AND NEW.reference ~ '^payment:[1-9][0-9]{0,17}$'
                         THEN pg_catalog.substr(NEW.reference, 9)::bigint END;
            IF r = 'operator'
                OR (r = 'distributor' AND NEW.kind IN ('order', 'license') AND NEW.site_id IS NULL)
                OR (r = 'site-admin' AND NEW.kind IN ('voucher', 'purchase', 'sms', 'charge')
                    AND NEW.site_id = ANY (creditctl_my_sites())
                    AND (NEW.kind <> 'purchase' OR EXISTS (SELECT 1 FROM payment p
                        WHERE p.id = paid AND p.kind = 'credits'
                          AND p.site_id = NEW.site_id
                          AND p.xmin::text = (pg_catalog.txid_current() %% 4294967296)::text)))
                OR (r = 'billing' AND NEW.kind = 'charge') THEN
                RETURN NEW;
            END IF;
            RAISE EXCEPTION 'creditctl: %% (%%) may not write a %% row%%', session_user, coalesce(r, 'no member'), NEW.kind,
                CASE WHEN NEW.site_id IS NULL THEN '' ELSE ' for site ' || NEW.site_id::text END
                USING ERRCODE = 'insufficient_privilege';
        END
        $body$;
        REVOKE ALL ON FUNCTION creditctl_ledger_writer() FROM PUBLIC;
        DROP TRIGGER IF EXISTS ledger_writer ON ledger;
        CREATE TRIGGER ledger_writer BEFORE INSERT ON ledger FOR EACH ROW
            WHEN (NEW.actor IS DISTINCT FROM session_user::text OR NEW.kind <> 'charge')
            EXECUTE FUNCTION creditctl_ledger_writer();
        REVOKE ALL ON FUNCTION creditctl_next_id(text), creditctl_ledger_head(),
            creditctl_serial_products(text), creditctl_device_site(text), creditctl_sms_reference(text),
            creditctl_fits(text, bigint) FROM PUBLIC;
    $f$, s);
    FOREACH r IN ARRAY ARRAY['creditctl_operator', 'creditctl_distributor', 'creditctl_site_admin', 'creditctl_billing'] LOOP
        IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = r) THEN
            EXECUTE pg_catalog.format('GRANT EXECUTE ON FUNCTION creditctl_next_id(text), creditctl_ledger_head(),
                creditctl_serial_products(text), creditctl_device_site(text), creditctl_sms_reference(text),
                creditctl_fits(text, bigint) TO %I', r);
        END IF;
    END LOOP;
    FOREACH t IN ARRAY ARRAY['site', 'unit', 'device', 'charge', 'ledger', 'payment', 'voucher_order',
                             'voucher', 'license', 'sms_use', 'member', 'member_site', 'redeem_attempt'] LOOP
        EXECUTE pg_catalog.format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
        EXECUTE pg_catalog.format('DROP POLICY IF EXISTS creditctl_sees ON %I', t);
        EXECUTE pg_catalog.format('DROP POLICY IF EXISTS creditctl_appends ON %I', t);
        EXECUTE pg_catalog.format('DROP POLICY IF EXISTS creditctl_redeems ON %I', t);
    END LOOP;
    -- The initplans "(SELECT f())" are computed once a statement, not once a row.
    -- A distributor sees the sites its vouchers went to (their names are in its voucher list).
    CREATE POLICY creditctl_sees ON site USING ((SELECT creditctl_sees_all())
        OR id = ANY ((SELECT creditctl_my_sites())::bigint[]) OR created_by = session_user::text
        OR id IN (SELECT v.site_id FROM voucher v WHERE v.order_id IN (SELECT creditctl_my_orders())));
    CREATE POLICY creditctl_sees ON unit USING ((SELECT creditctl_sees_all())
        OR site_id = ANY ((SELECT creditctl_my_sites())::bigint[]));
    CREATE POLICY creditctl_sees ON device USING ((SELECT creditctl_sees_all())
        OR site_id = ANY ((SELECT creditctl_my_sites())::bigint[]));
    CREATE POLICY creditctl_sees ON charge USING ((SELECT creditctl_sees_all())
        OR unit_id IN (SELECT u.id FROM unit u WHERE u.site_id = ANY ((SELECT creditctl_my_sites())::bigint[])));
    CREATE POLICY creditctl_sees ON sms_use USING ((SELECT creditctl_sees_all())
        OR site_id = ANY ((SELECT creditctl_my_sites())::bigint[]));
    -- Every writer appends to the chain (an order's event row has no site); each sees its own.
    CREATE POLICY creditctl_sees ON ledger FOR SELECT USING ((SELECT creditctl_sees_all())
        OR site_id = ANY ((SELECT creditctl_my_sites())::bigint[]));
    -- A monthly charge is appended by an operator or billing (a deduction), or by a site
    -- administrator for its own site (a redemption or purchase charging its waiting units).
    CREATE POLICY creditctl_appends ON ledger FOR INSERT WITH CHECK (kind <> 'charge'
        OR (SELECT creditctl_sees_all()) OR site_id = ANY ((SELECT creditctl_my_sites())::bigint[]));
    CREATE POLICY creditctl_sees ON payment USING ((SELECT creditctl_sees_all())
        OR distributor_id = (SELECT creditctl_my_distributor())
        OR site_id = ANY ((SELECT creditctl_my_sites())::bigint[]));
    -- An order is seen with its vouchers (a voucher's policy reads orders through the owner's
    -- function, so that the two policies do not read each other).
    CREATE POLICY creditctl_sees ON voucher_order USING ((SELECT creditctl_sees_all())
        OR distributor_id = (SELECT creditctl_my_distributor())
        OR id IN (SELECT v.order_id FROM voucher v));
    CREATE POLICY creditctl_sees ON voucher FOR SELECT USING ((SELECT creditctl_sees_all())
        OR order_id IN (SELECT creditctl_my_orders())
        OR site_id = ANY ((SELECT creditctl_my_sites())::bigint[])
        OR code = pg_catalog.current_setting('creditctl.code', true));
    -- A distributor's new voucher is unused, in an order of its own made in this transaction
    -- (its payment's sum is checked at commit) while it may buy vouchers,
    -- and carries the credits and value its content has at the price list's prices (each
    -- price is read once a statement); the order's payment is their sum (schema 9's trigger).
    CREATE POLICY creditctl_appends ON voucher FOR INSERT WITH CHECK ((SELECT creditctl_sees_all())
        OR (order_id IN (SELECT creditctl_my_new_orders()) AND (SELECT creditctl_buys(true))
            AND redeemed_at IS NULL AND redeemed_by IS NULL AND site_id IS NULL
            AND cancelled_at IS NULL AND cancelled_by IS NULL
            AND (type = 'sms') = (messages > 0)
            AND (type = 'sms') = (years IS NULL) AND (type = 'sms') = (subscriptions IS NULL)
            AND credits = CASE type WHEN 'sms' THEN 0 ELSE 12 * years * subscriptions END
            AND value_minor = CASE type
                WHEN 'device' THEN (SELECT p.amount_minor FROM price p WHERE p.item = 'device-year') * years * subscriptions
                WHEN 'apartment' THEN (SELECT p.amount_minor FROM price p WHERE p.item = 'apartment-year') * years * subscriptions
                ELSE (SELECT p.amount_minor FROM price p WHERE p.item = 'sms-50') * (messages / 50) END
            AND currency = CASE type
                WHEN 'device' THEN (SELECT p.currency FROM price p WHERE p.item = 'device-year')
                WHEN 'apartment' THEN (SELECT p.currency FROM price p WHERE p.item = 'apartment-year')
                ELSE (SELECT p.currency FROM price p WHERE p.item = 'sms-50') END));
    -- A site administrator redeems a voucher it holds the code of into its own site, of the
    -- voucher's model unless it is an SMS voucher.
    CREATE POLICY creditctl_redeems ON voucher FOR UPDATE USING ((SELECT creditctl_sees_all())
        OR order_id IN (SELECT creditctl_my_orders())
        OR site_id = ANY ((SELECT creditctl_my_sites())::bigint[])
        OR code = pg_catalog.current_setting('creditctl.code', true))
        WITH CHECK ((SELECT creditctl_sees_all())
        OR (site_id = ANY ((SELECT creditctl_my_sites())::bigint[])
            AND creditctl_fits(type, site_id)));
    CREATE POLICY creditctl_sees ON license FOR SELECT USING ((SELECT creditctl_sees_all())
        OR distributor_id = (SELECT creditctl_my_distributor()));
    -- A distributor's license is its own, bought while it may buy, at its product's price, on
    -- a payment made in this transaction (whose sum is checked at commit).
    CREATE POLICY creditctl_appends ON license FOR INSERT WITH CHECK ((SELECT creditctl_sees_all())
        OR (distributor_id = (SELECT creditctl_my_distributor()) AND (SELECT creditctl_buys(false))
            AND payment_id IN (SELECT creditctl_my_new_payments())
            AND (price_minor, currency) = (SELECT p.amount_minor, p.currency FROM price p
                                           WHERE p.item = 'license:' || product)));
    CREATE POLICY creditctl_sees ON member USING ((SELECT creditctl_sees_all())
        OR name = session_user::text);
    -- A site administrator adds itself to a site it created that nobody administers (what
    -- `site create` does), to no other.
    CREATE POLICY creditctl_sees ON member_site USING ((SELECT creditctl_sees_all())
        OR member_id IN (SELECT m.id FROM member m WHERE m.name = session_user::text))
        WITH CHECK ((SELECT creditctl_sees_all())
        OR (member_id IN (SELECT m.id FROM member m WHERE m.name = session_user::text)
            AND creditctl_may_claim(site_id)));
    -- A failed redemption is recorded whatever site it named; each sees its own and its sites'.
    CREATE POLICY creditctl_sees ON redeem_attempt FOR SELECT USING ((SELECT creditctl_sees_all())
        OR identity = session_user::text OR site_id = ANY ((SELECT creditctl_my_sites())::bigint[]));
    CREATE POLICY creditctl_appends ON redeem_attempt FOR INSERT WITH CHECK (true);
END
$creditctl$;
"#;
