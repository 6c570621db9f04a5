//! `ledger verify` finds changes made outside creditctl, to the chain or to any state that
//! carries value, and names the first difference. One test per tamper.

mod common;
use common::Ledger;

/// A ledger with every kind of value: an order of vouchers (one redeemed, one cancelled, one
/// active), monthly charges, bought SMS and their use, a license and a changed price.
fn busy_ledger() -> Ledger {
    fill(Ledger::new())
}

fn fill(l: Ledger) -> Ledger {
    l.distributor();
    l.site("Office", "device");
    for serial in ["54-0123-4567", "54-0123-4568"] {
        l.ok(&["device", "add", "--site", "Office", "--serial", serial]);
    }
    let order = l.json(&[
        "voucher",
        "create",
        "--distributor",
        "Acme",
        "--name",
        "V",
        "--years",
        "1",
        "--subscriptions",
        "1",
        "--count",
        "3",
        "--payment",
        "card",
        "--yes",
    ]);
    let code = |i: usize| order["vouchers"][i]["code"].as_str().unwrap().to_string();
    l.ok(&["voucher", "redeem", &code(0), "--site", "Office", "--yes"]);
    l.ok(&["voucher", "cancel", &code(1), "--yes"]);
    l.ok(&[
        "credits", "adjust", "--site", "Office", "--amount", "10", "--reason", "opening",
    ]);
    l.ok(&[
        "credits",
        "buy",
        "--site",
        "Office",
        "--sms",
        "100",
        "--payment",
        "card",
        "--yes",
    ]);
    l.ok(&[
        "credits",
        "use",
        "--site",
        "Office",
        "--sms",
        "3",
        "--reference",
        "invite-1",
    ]);
    l.ok(&[
        "license",
        "buy",
        "--serial",
        "54-0123-4567",
        "--license",
        "nfc",
        "--distributor",
        "Acme",
        "--payment",
        "card",
        "--yes",
    ]);
    l.ok(&["price", "set", "device-year", "30.00"]);
    let v = l.verify();
    assert_eq!(v["charges"], 2, "{v}");
    assert_eq!(v["vouchers"], 3, "{v}");
    l
}

/// Runs SQL on the ledger as someone with write access would, its guards off.
fn sql(l: &Ledger, statements: &str) {
    l.sql_unguarded(statements);
}

fn altered(l: &Ledger) -> String {
    let err = l.fail(&["ledger", "verify"], 1);
    assert_eq!(err["code"], "ledger_altered", "{err}");
    err["message"].as_str().unwrap().to_string()
}

#[test]
fn an_untouched_ledger_verifies() {
    let l = busy_ledger();
    let v = l.verify();
    assert_eq!(v["ok"], true);
    assert_eq!(v["sites"], 1);
    assert_eq!(v["payments"], 3, "{v}");
}

#[test]
fn the_ledger_refuses_updates_and_deletes_through_sql() {
    let l = busy_ledger();
    let row = l.balance_rows()[0];
    for statement in [
        format!("UPDATE ledger SET amount = 100 WHERE id = {row}"),
        format!("DELETE FROM ledger WHERE id = {row}"),
        "DELETE FROM charge".to_string(),
        "UPDATE charge SET period = 202610".to_string(),
        "DELETE FROM license".to_string(),
        "UPDATE payment SET amount_minor = 1".to_string(),
        "DELETE FROM voucher".to_string(),
        "UPDATE voucher SET redeemed_at = NULL WHERE redeemed_at IS NOT NULL".to_string(),
    ] {
        assert!(!l.try_sql(&statement), "{statement}");
    }
}

#[test]
fn a_changed_amount_is_found_and_named() {
    let l = busy_ledger();
    let row = l.balance_rows()[0];
    sql(
        &l,
        &format!("UPDATE ledger SET amount = 100 WHERE id = {row};"),
    );
    assert!(altered(&l).contains(&format!("ledger row {row}")));
}

#[test]
fn a_changed_balance_is_found_and_names_the_site() {
    let l = busy_ledger();
    sql(&l, "UPDATE site SET video_balance = 500 WHERE id = 1;");
    let msg = altered(&l);
    assert!(msg.contains("site 1") && msg.contains("video"), "{msg}");
}

#[test]
fn a_changed_actor_is_found() {
    let l = busy_ledger();
    // Not only money: every field is under the hash.
    let row = l.balance_rows()[1];
    sql(
        &l,
        &format!("UPDATE ledger SET actor = 'mallory' WHERE id = {row};"),
    );
    assert!(altered(&l).contains(&format!("ledger row {row}")));
}

#[test]
fn a_deleted_middle_row_is_found() {
    let l = busy_ledger();
    let row = l.balance_rows()[1];
    sql(&l, &format!("DELETE FROM ledger WHERE id = {row};"));
    assert!(altered(&l).contains(&format!("ledger row {}", row + 1)));
}

#[test]
fn a_deleted_charge_is_found() {
    let l = busy_ledger();
    sql(
        &l,
        "DELETE FROM charge WHERE unit_id = (SELECT max(unit_id) FROM charge);",
    );
    let msg = altered(&l);
    assert!(msg.contains("unit charges stand behind it"), "{msg}");
    // Without the check, the next run would charge that unit a second time this month.
}

#[test]
fn a_charge_moved_to_another_period_is_found() {
    let l = busy_ledger();
    sql(
        &l,
        "UPDATE charge SET period = 202610 WHERE unit_id = (SELECT min(unit_id) FROM charge);",
    );
    let msg = altered(&l);
    assert!(msg.contains("2026-11") && msg.contains("2026-10"), "{msg}");
}

#[test]
fn a_charge_moved_to_another_unit_is_found() {
    let l = busy_ledger();
    sql(
        &l,
        "UPDATE charge SET unit_id = unit_id + 100 WHERE unit_id = (SELECT min(unit_id) FROM charge);",
    );
    assert!(altered(&l).contains("units charged differ"));
}

#[test]
fn a_tally_marking_more_units_paid_than_were_charged_is_found() {
    let l = busy_ledger();
    // The site's two devices are paid for the month. A third, unpaid, is added and marked paid
    // in the tally: a rerun of the month would trust the tally and never charge it.
    sql(
        &l,
        "INSERT INTO unit (id, site_id, name, added_at)
         SELECT max(id) + 1, min(site_id), '54-0123-4569', min(added_at) FROM unit;
         UPDATE site SET tally_units = tally_units + 1, tally_paid = tally_paid + 1;",
    );
    let msg = altered(&l);
    assert!(
        msg.contains("site 1: its tally says 3 of its 3 units are paid")
            && msg.contains("charged it for 2"),
        "{msg}"
    );
}

#[test]
fn a_tally_counting_fewer_units_than_the_site_has_is_found() {
    let l = busy_ledger();
    // The site's two devices are paid for the month. Its tally, set to count one unit (paid),
    // agrees with the chain's two charges (it may count fewer paid units than were charged), but
    // not with the site's units: a tally that counts too few would have a later run of the
    // month skip units that are due (set to 0 units for a month not yet run, it skips the site).
    // The triggers stay on: a change of a site's tally is not a change of its units.
    l.sql("UPDATE site SET tally_units = 1, tally_paid = 1");
    let msg = altered(&l);
    assert!(
        msg.contains("site 1: its tally says 1 of its 1 units are paid")
            && msg.contains("it has 2 units billable for that month and 2 of them charged"),
        "{msg}"
    );
}

#[test]
fn an_unused_vouchers_credits_raised_is_found() {
    let l = busy_ledger();
    sql(
        &l,
        "UPDATE voucher SET credits = 1200 WHERE redeemed_at IS NULL AND cancelled_at IS NULL;",
    );
    assert!(altered(&l).contains("vouchers of order 1 differ"));
}

#[test]
fn a_used_voucher_set_back_to_active_is_found() {
    let l = busy_ledger();
    sql(
        &l,
        "UPDATE voucher SET redeemed_at = NULL, redeemed_by = NULL, site_id = NULL WHERE redeemed_at IS NOT NULL;",
    );
    assert!(altered(&l).contains("it is not used but the ledger redeemed it"));
}

#[test]
fn a_cancellation_undone_is_found() {
    let l = busy_ledger();
    sql(
        &l,
        "UPDATE voucher SET cancelled_at = NULL, cancelled_by = NULL WHERE cancelled_at IS NOT NULL;",
    );
    assert!(altered(&l).contains("it is not cancelled but the ledger cancelled it"));
}

#[test]
fn a_changed_price_is_found() {
    let l = busy_ledger();
    sql(
        &l,
        "UPDATE price SET amount_minor = 1 WHERE item = 'device-year';",
    );
    assert!(altered(&l).contains("the price of device-year is 1 but the ledger recorded 3000"));
}

#[test]
fn a_deleted_license_is_found() {
    let l = busy_ledger();
    sql(&l, "DELETE FROM license;");
    assert!(altered(&l).contains("licenses of payment"));
}

#[test]
fn a_changed_payment_is_found() {
    let l = busy_ledger();
    sql(&l, "UPDATE payment SET amount_minor = 1 WHERE id = 1;");
    assert!(altered(&l).contains("payment 1 differs"));
}

#[test]
fn a_deleted_sms_spending_is_found() {
    let l = busy_ledger();
    // Without it, a retry of the same reference would spend the messages again.
    sql(&l, "DELETE FROM sms_use;");
    assert!(altered(&l).contains("spending records"));
}

#[test]
fn a_file_with_damaged_pages_is_refused() {
    let l = fill(Ledger::sqlite());
    // The last commits live in the WAL until a checkpoint: copied into the file first, so that
    // the damage hits pages in use. The connection stays open to the end, so that the emptied
    // WAL and its index stay beside the file for the reader below.
    let checkpointed = rusqlite::Connection::open(&l.db).unwrap();
    checkpointed
        .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))
        .unwrap();
    let mut bytes = std::fs::read(&l.db).unwrap();
    let page = 4096;
    assert!(bytes.len() > 6 * page, "the ledger is too small to damage");
    // A whole page in use (the third: a table's root) is overwritten.
    for b in &mut bytes[2 * page..3 * page] {
        *b = 0xA5;
    }
    std::fs::write(&l.db, &bytes).unwrap();
    let out = l
        .cmd()
        .args(["ledger", "verify", "--json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err: serde_json::Value = serde_json::from_slice(&out.stderr).unwrap();
    assert!(
        ["ledger_corrupt", "ledger_altered"].contains(&err["error"]["code"].as_str().unwrap()),
        "{err}"
    );
    drop(checkpointed);
}

#[test]
fn an_empty_file_does_not_verify_and_stays_empty() {
    let l = Ledger::sqlite();
    std::fs::write(&l.db, b"").unwrap();
    let err = l.fail(&["ledger", "verify"], 3);
    assert_eq!(err["code"], "not_found");
    assert_eq!(std::fs::read(&l.db).unwrap(), b"");
}

#[test]
fn another_applications_database_is_refused_byte_for_byte() {
    let l = Ledger::sqlite();
    {
        let conn = rusqlite::Connection::open(&l.db).unwrap();
        conn.execute_batch("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT); INSERT INTO notes (body) VALUES ('mine');")
            .unwrap();
    }
    for args in [
        &["ledger", "verify"][..],
        &["site", "list"],
        &["site", "create", "X", "--model", "device"],
        &["deduct", "run"],
    ] {
        let err = l.fail(args, 1);
        assert_eq!(err["code"], "not_a_ledger", "{args:?}: {err}");
    }
}

#[test]
fn another_applications_database_in_wal_mode_keeps_its_wal() {
    // Its last commits are in its WAL (its process ended without a checkpoint): a command that
    // may write used to copy them into the file, and delete the WAL, as it closed after the
    // refusal.
    let l = Ledger::sqlite();
    {
        let conn = rusqlite::Connection::open(&l.db).unwrap();
        conn.query_row("PRAGMA journal_mode = WAL", [], |_| Ok(()))
            .unwrap();
        conn.set_db_config(
            rusqlite::config::DbConfig::SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE,
            true,
        )
        .unwrap();
        conn.execute_batch("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT); INSERT INTO notes (body) VALUES ('mine');")
            .unwrap();
    }
    let wal = format!("{}-wal", l.db.display());
    assert!(std::fs::metadata(&wal).is_ok_and(|m| m.len() > 0));
    // Compared as files only: any connection that reads the database (the test's own too)
    // could fold the WAL in as it closes.
    let files = l.files();
    for args in [
        &[
            "credits", "adjust", "--site", "1", "--amount", "1", "--reason", "x",
        ][..],
        &["site", "create", "X", "--model", "device"],
        &["ledger", "verify"],
    ] {
        let out = l.cmd().args(args).arg("--json").output().unwrap();
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        let err: serde_json::Value = serde_json::from_slice(&out.stderr).unwrap();
        assert_eq!(err["error"]["code"], "not_a_ledger", "{args:?}: {err}");
        assert!(files == l.files(), "{args:?} changed the database's files");
    }
    // Closed by its application as SQLite does (the WAL folded in, the side files deleted): a
    // refusal leaves no side files of its own making beside it.
    let conn = rusqlite::Connection::open(&l.db).unwrap();
    conn.query_row("SELECT count(*) FROM notes", [], |_| Ok(()))
        .unwrap();
    drop(conn);
    let shm = format!("{}-shm", l.db.display());
    assert!(!std::path::Path::new(&wal).exists() && !std::path::Path::new(&shm).exists());
    let files = l.files();
    let out = l
        .cmd()
        .args(["site", "create", "X", "--model", "device", "--json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(
        files == l.files(),
        "the refusal changed the database's files"
    );
    assert!(
        !std::path::Path::new(&wal).exists() && !std::path::Path::new(&shm).exists(),
        "the refusal left side files"
    );
}

#[test]
fn a_text_file_is_refused_byte_for_byte() {
    let l = Ledger::sqlite();
    std::fs::write(&l.db, "not a database at all\n".repeat(300)).unwrap();
    let err = l.fail(&["distributor", "add", "Acme"], 1);
    assert_eq!(err["code"], "not_a_ledger", "{err}");
}

/// `ledger verify` counts every site's tally again a range of site ids at a time (ranges of
/// `DEDUCT_CHUNK` ids, from the tallies of its one read of the site table): a range holding more
/// tallied sites than are counted one by one is counted with one read of its units, and the
/// sites of a later range are counted too. Here 35 sites take the first range, and after a gap
/// five more the last; a tally altered in either is found.
#[test]
fn a_tally_is_counted_again_in_every_range_of_site_ids() {
    use creditctl::domain::period::Period;
    use creditctl::domain::serial::Serial;
    use creditctl::domain::site::Model;
    use creditctl::store::billing::DEDUCT_CHUNK;
    use creditctl::store::ledger::{LedgerWriter, Pool};
    use creditctl::store::{Stamp, accounts, credits, units};
    const DEC: &str = "2026-12-01T00:05:00Z";
    let gap = DEDUCT_CHUNK + 10;
    for altered_id in [20, gap + 3] {
        let l = Ledger::new();
        let stamp = Stamp {
            actor: "setup".into(),
            now: "2026-11-15T00:00:00Z".parse().unwrap(),
        };
        let mut store = l.store();
        store
            .write(|tx| {
                for s in 0..40 {
                    if s == 35 {
                        // A site without units takes an id past the first range.
                        tx.exec(
                            "INSERT INTO site (id, name, model, created_at, created_by)
                             VALUES (?1, 'Gap', 'device', '2026-11-15T00:00:00Z', 'setup')",
                            creditctl::args![gap],
                        )?;
                    }
                    let site =
                        accounts::create_site(tx, &format!("Site {s}"), Model::Device, &stamp)?;
                    let mut ledger = LedgerWriter::new(tx, &stamp)?;
                    for block in [0, 1] {
                        let serial = Serial::parse(&format!("00-{block:04}-{s:04}")).unwrap();
                        let period = Period::containing(stamp.now);
                        units::add_device(tx, &mut ledger, &site, &serial, None, period, &stamp)?;
                    }
                    credits::adjust(tx, &site, Pool::Video, 10, "setup", &stamp)?;
                }
                Ok(())
            })
            .unwrap();
        drop(store);
        let run = |args: &[&str]| l.cmd_at(DEC).args(args).output().unwrap();
        assert!(run(&["deduct", "run"]).status.success());
        let verified = run(&["--json", "ledger", "verify"]);
        assert!(
            verified.status.success(),
            "{}",
            String::from_utf8_lossy(&verified.stdout)
        );
        assert_eq!(
            l.number("SELECT count(*) FROM site WHERE tally_units = 2 AND tally_paid = 2"),
            40
        );
        l.sql(&format!(
            "UPDATE site SET tally_units = 1, tally_paid = 1 WHERE id = {altered_id}"
        ));
        let out = run(&["--json", "ledger", "verify"]);
        assert_eq!(out.status.code(), Some(1), "site {altered_id}");
        let err = String::from_utf8_lossy(&out.stdout).into_owned()
            + &String::from_utf8_lossy(&out.stderr);
        assert!(
            err.contains("ledger_altered")
                && err.contains(&format!(
                    "site {altered_id}: its tally says 1 of its 1 units are paid"
                ))
                && err.contains("it has 2 units billable for that month and 2 of them charged"),
            "site {altered_id}: {err}"
        );
    }
}

/// A monthly charge moved to the SMS pool, with every balance and the row's hash made to fit:
/// a unit-month paid with one message (twenty times cheaper) is found, and named.
#[test]
fn a_charge_paid_from_the_sms_pool_is_found() {
    use creditctl::domain::chain::RowRef;
    let l = Ledger::sqlite();
    l.site("Office", "device");
    l.ok(&[
        "device",
        "add",
        "--site",
        "Office",
        "--serial",
        "54-0123-4567",
    ]);
    l.ok(&[
        "credits",
        "buy",
        "--site",
        "Office",
        "--sms",
        "100",
        "--payment",
        "card",
        "--yes",
    ]);
    // The waiting device is charged for the month as the credits arrive.
    l.ok(&[
        "credits", "adjust", "--site", "Office", "--amount", "5", "--reason", "opening",
    ]);
    // The charge is the last row: video 5 → 4. It becomes SMS 100 → 99.
    let row = l
        .rows(
            "SELECT id, kind, reason, reference, actor, created_at, payload, prev_hash
             FROM ledger ORDER BY id DESC LIMIT 1",
        )
        .remove(0);
    let text = |i: usize| row[i].as_str().unwrap();
    assert_eq!(text(1), "charge");
    let id = row[0].as_i64().unwrap();
    let moved = RowRef {
        id,
        site_id: Some(1),
        pool: Some("sms"),
        amount: -1,
        balance_after: Some(99),
        kind: text(1),
        reason: text(2),
        reference: text(3),
        actor: text(4),
        created_at: text(5),
        payload: text(6),
        prev_hash: text(7),
    };
    let hash = creditctl::domain::chain::hex(&moved.digest());
    sql(
        &l,
        &format!(
            "UPDATE ledger SET pool = 'sms', balance_after = 99, hash = '{hash}' WHERE id = {id};
             UPDATE site SET video_balance = 5, sms_balance = 99 WHERE id = 1;"
        ),
    );
    let message = altered(&l);
    assert!(
        message.contains(&format!("ledger row {id}"))
            && message.contains("debits the video pool, not sms"),
        "{message}"
    );
}

/// A balance row appended at the head of the chain with a valid hash, the site's balance made
/// to fit: what anyone who may insert ledger rows can write (on PostgreSQL, a member's own
/// client). Returns the row's id.
fn append(l: &Ledger, site: i64, pool: &str, amount: i64, kind: &str, reference: &str) -> i64 {
    append_with(l, (site, pool, amount), kind, reference, "")
}

/// [`append`] with a payload.
fn append_with(
    l: &Ledger,
    (site, pool, amount): (i64, &str, i64),
    kind: &str,
    reference: &str,
    payload: &str,
) -> i64 {
    use creditctl::domain::chain::RowRef;
    let head = l.rows("SELECT id, hash FROM ledger ORDER BY id DESC LIMIT 1");
    let (id, prev_hash) = (
        head[0][0].as_i64().unwrap() + 1,
        head[0][1].as_str().unwrap().to_string(),
    );
    let column = format!("{pool}_balance");
    let before = l.rows(&format!("SELECT {column} FROM site WHERE id = {site}"))[0][0]
        .as_i64()
        .unwrap();
    let row = RowRef {
        id,
        site_id: Some(site),
        pool: Some(pool),
        amount,
        balance_after: Some(before + amount),
        kind,
        reason: "by hand",
        reference,
        actor: "mallory",
        created_at: "2026-12-07T12:00:00Z",
        payload,
        prev_hash: &prev_hash,
    };
    let hash = creditctl::domain::chain::hex(&row.digest());
    sql(
        l,
        &format!(
            "INSERT INTO ledger (id, site_id, pool, amount, balance_after, kind, reason, reference, actor, created_at, payload, prev_hash, hash)
             VALUES ({id}, {site}, '{pool}', {amount}, {after}, '{kind}', 'by hand', '{reference}', 'mallory', '2026-12-07T12:00:00Z', '{payload}', '{prev_hash}', '{hash}');
             UPDATE site SET {column} = {after} WHERE id = {site};",
            after = before + amount
        ),
    );
    id
}

#[test]
fn credits_bought_without_a_payment_are_found() {
    // A purchase row with no payment at all, or naming one that no row records: credits from
    // nothing, each row hashed and chained and every balance its ledger sum.
    for reference in ["by-hand", "payment:999"] {
        let l = busy_ledger();
        let id = append(&l, 1, "video", 1_000_000, "purchase", reference);
        let message = altered(&l);
        assert!(
            message.contains(&format!("ledger row {id}"))
                && message.contains("a purchase of credits without its payment"),
            "{reference}: {message}"
        );
    }
}

#[test]
fn a_purchase_naming_another_purchases_payment_is_found() {
    // The SMS purchase's payment (id 3), named by a second purchase row without a payment of its
    // own.
    let l = busy_ledger();
    let id = append(&l, 1, "video", 100, "purchase", "payment:3");
    let message = altered(&l);
    assert!(
        message.contains(&format!("ledger row {id}")) && message.contains("without its payment"),
        "{message}"
    );
}

#[test]
fn a_device_voucher_redeemed_into_an_apartment_site_is_found() {
    // Its twelve credits pay apartment-months, bought at the price of device-months.
    let l = busy_ledger();
    l.site("Flats", "apartment");
    let flats = l.number("SELECT id FROM site WHERE name = 'Flats'");
    let code = l.rows(
        "SELECT code FROM voucher WHERE redeemed_at IS NULL AND cancelled_at IS NULL AND type = 'device'",
    )[0][0]
        .as_str()
        .unwrap()
        .to_string();
    append(
        &l,
        flats,
        "video",
        12,
        "voucher",
        &format!("voucher:{code}"),
    );
    sql(
        &l,
        &format!(
            "UPDATE voucher SET redeemed_at = '2026-12-07T12:00:00Z', redeemed_by = 'mallory', site_id = {flats}
             WHERE code = '{code}'"
        ),
    );
    let message = altered(&l);
    assert!(
        message.contains("a device voucher, redeemed into a site of apartment units"),
        "{message}"
    );
}

#[test]
fn a_row_written_with_the_greatest_id_stops_writes_instead_of_wrapping_round() {
    // The next row's id was this one's plus one, which wrapped round to the least id there is
    // and was committed; every write after it failed on the key.
    let l = busy_ledger();
    sql(
        &l,
        "INSERT INTO ledger (id, site_id, pool, amount, balance_after, kind, reason, reference, actor, created_at, payload, prev_hash, hash)
         VALUES (9223372036854775807, NULL, NULL, 0, NULL, 'price', 'x', 'x', 'mallory', '2026-12-07T12:00:00Z', '', 'x', 'x')",
    );
    let err = l.fail(
        &[
            "credits", "adjust", "--site", "Office", "--amount", "1", "--reason", "x",
        ],
        1,
    );
    assert_eq!(err["code"], "ledger_altered", "{err}");
    assert!(
        err["message"]
            .as_str()
            .unwrap()
            .contains("9223372036854775807"),
        "{err}"
    );
}

#[test]
fn a_purchase_paid_by_a_payment_for_something_else_is_found() {
    // A payment recorded whole with the row (so the payments match the chain) and of the right
    // sum (five video credits of a device site at 30.00 EUR a device-year), but for credits of
    // another site, or for licenses: the purchase's credits are paid by nobody.
    use creditctl::domain::chain::{Payload, PaymentFact};
    for (kind, site) in [("credits", "Annex"), ("license", "Office")] {
        let l = busy_ledger();
        l.site("Annex", "device");
        let paid_for = l.number(&format!("SELECT id FROM site WHERE name = '{site}'"));
        let fact = PaymentFact {
            id: l.number("SELECT max(id) FROM payment") + 1,
            kind: kind.to_string(),
            method: "card".to_string(),
            amount_minor: 1250,
            currency: "EUR".to_string(),
            distributor_id: None,
            site_id: Some(paid_for),
            description: "x".to_string(),
            actor: "mallory".to_string(),
            created_at: "2026-12-07T12:00:00Z".to_string(),
        };
        sql(
            &l,
            &format!(
                "INSERT INTO payment (id, kind, method, amount_minor, currency, distributor_id, site_id, description, actor, created_at)
                 VALUES ({}, '{kind}', 'card', 1250, 'EUR', NULL, {paid_for}, 'x', 'mallory', '2026-12-07T12:00:00Z')",
                fact.id
            ),
        );
        let payload = Payload {
            payment: Some(fact.clone()),
            ..Payload::default()
        }
        .encode();
        let id = append_with(
            &l,
            (1, "video", 5),
            "purchase",
            &format!("payment:{}", fact.id),
            &payload,
        );
        let message = altered(&l);
        assert!(
            message.contains(&format!("ledger row {id}"))
                && message.contains("which is not a payment for credits of that site"),
            "{kind} for {site}: {message}"
        );
    }
}
