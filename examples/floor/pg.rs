//! The floors on PostgreSQL.

use super::*;
use postgres::{Client, NoTls};

fn connect(url: &str) -> Result<Client> {
    let mut client = Client::connect(url, NoTls)?;
    let user: String = client.query_one("SELECT session_user::text", &[])?.get(0);
    let _ = SESSION_USER.set(user);
    Ok(client)
}

fn head(tx: &mut postgres::Transaction) -> Result<(i64, String)> {
    Ok(
        match tx.query_opt("SELECT id, hash FROM ledger ORDER BY id DESC LIMIT 1", &[])? {
            Some(r) => (r.get(0), r.get(1)),
            None => (0, GENESIS.to_string()),
        },
    )
}

/// A COPY text field: `\N` for NULL, the specials escaped.
fn field(out: &mut String, v: Option<&str>) {
    match v {
        None => out.push_str("\\N"),
        Some(s) => {
            for c in s.chars() {
                match c {
                    '\\' => out.push_str("\\\\"),
                    '\t' => out.push_str("\\t"),
                    '\n' => out.push_str("\\n"),
                    '\r' => out.push_str("\\r"),
                    c => out.push(c),
                }
            }
        }
    }
}

fn copy_line(out: &mut String, fields: &[Option<&str>]) {
    for (i, f) in fields.iter().enumerate() {
        if i > 0 {
            out.push('\t');
        }
        field(out, *f);
    }
    out.push('\n');
}

fn ledger_line(out: &mut String, row: &Row, hash: &str) {
    let (id, amount) = (row.id.to_string(), row.amount.to_string());
    let site = row.site_id.map(|s| s.to_string());
    let after = row.balance_after.map(|b| b.to_string());
    copy_line(
        out,
        &[
            Some(&id),
            site.as_deref(),
            row.pool.as_deref(),
            Some(&amount),
            after.as_deref(),
            Some(&row.kind),
            Some(&row.reason),
            Some(&row.reference),
            Some(&row.actor),
            Some(&row.created_at),
            Some(&row.payload),
            Some(&row.prev_hash),
            Some(hash),
        ],
    );
}

const LEDGER_COPY: &str = "COPY ledger (id, site_id, pool, amount, balance_after, kind, reason, reference, actor, created_at, payload, prev_hash, hash) FROM STDIN";

fn copy(tx: &mut postgres::Transaction, sql: &str, data: &str) -> Result<()> {
    let mut w = tx.copy_in(sql)?;
    w.write_all(data.as_bytes())?;
    w.finish()?;
    Ok(())
}

pub fn create(url: &str, n: i64) -> Result<()> {
    let mut client = connect(url)?;
    let mut tx = client.transaction()?;
    tx.batch_execute("LOCK TABLE ledger IN EXCLUSIVE MODE")?;
    let distributor: i64 = tx
        .query_one("SELECT id FROM distributor WHERE name = 'Acme'", &[])?
        .get(0);
    let payment = payment_fact(0, n, distributor);
    let payment_id: i64 = tx
        .query_one(
            "INSERT INTO payment (id, kind, method, amount_minor, currency, distributor_id, site_id, description, actor, created_at)
             VALUES ((SELECT coalesce(max(id), 0) + 1 FROM payment), 'voucher_order', 'invoice', $1, 'EUR', $2, NULL, $3, $4, $5) RETURNING id",
            &[&payment.amount_minor, &distributor, &payment.description, &payment.actor, &NOW],
        )?
        .get(0);
    let payment = PaymentFact {
        id: payment_id,
        ..payment
    };
    let order_id: i64 = tx
        .query_one(
            "INSERT INTO voucher_order (id, distributor_id, payment_id, created_at)
             VALUES ((SELECT coalesce(max(id), 0) + 1 FROM voucher_order), $1, $2, $3) RETURNING id",
            &[&distributor, &payment_id, &NOW],
        )?
        .get(0);
    let first: i64 = tx
        .query_one("SELECT coalesce(max(id), 0) + 1 FROM voucher", &[])?
        .get(0);
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let mut digest = RowDigest::new();
    let mut data = String::new();
    let order = order_id.to_string();
    for (i, code) in codes(n)?.iter().enumerate() {
        let id = first + i as i64;
        digest_voucher(&mut digest, id, code, order_id);
        writeln!(out, "{code}")?;
        let id = id.to_string();
        copy_line(
            &mut data,
            &[
                Some(&id),
                Some(code),
                Some(&order),
                Some(NOW),
                Some(EXPIRES_AT),
            ],
        );
    }
    tx.batch_execute(
        "CREATE TEMP TABLE floor_voucher (id bigint, code text, order_id bigint, created_at text, expires_at text) ON COMMIT DROP",
    )?;
    copy(&mut tx, "COPY floor_voucher FROM STDIN", &data)?;
    tx.execute(
        "INSERT INTO voucher (id, code, order_id, name, type, years, subscriptions, credits, messages, value_minor, currency, created_at, expires_at)
         SELECT id, code, order_id, 'Bench', 'device', 1, 10, 120, 0, 24000, 'EUR', created_at, expires_at FROM floor_voucher ORDER BY id",
        &[],
    )?;
    let (row, hash) = order_row(payment, order_id, digest, head(&mut tx)?);
    let mut line = String::new();
    ledger_line(&mut line, &row, &hash);
    copy(&mut tx, LEDGER_COPY, &line)?;
    tx.commit()?;
    out.flush()?;
    Ok(())
}

/// `voucher redeem`'s writes; first, when `checked`, the reads the SPEC's rules make of the
/// ledger (see [`Checked`]).
pub fn redeem(url: &str, code: &str, checked: bool) -> Result<()> {
    let mut client = connect(url)?;
    if checked {
        let marks = client.query_one(
            "SELECT (SELECT value FROM creditctl_meta WHERE key = 'application'),
                    (SELECT value FROM creditctl_meta WHERE key = 'schema_version')",
            &[],
        )?;
        let (app, version): (Option<String>, Option<String>) = (marks.get(0), marks.get(1));
        ensure!(app.is_some() && version.is_some(), "not a ledger");
    }
    let mut tx = client.transaction()?;
    tx.batch_execute("LOCK TABLE ledger IN EXCLUSIVE MODE")?;
    // `count`: the site's tally is not of this month, so the month's count is kept with the
    // balance, as the tool keeps it.
    let (site_id, balance, count): (i64, i64, bool) = if checked {
        let members: i64 = tx.query_one("SELECT count(*) FROM member", &[])?.get(0);
        let site = tx.query_one(
            "SELECT id, video_balance, model, tally_period FROM site WHERE name = 'Office' FOR UPDATE",
            &[],
        )?;
        let (site_id, model, tally): (i64, String, Option<i64>) =
            (site.get(0), site.get(2), site.get(3));
        let failed = tx.query_one(
            "SELECT count(*) FILTER (WHERE identity = $1), count(*) FILTER (WHERE site_id = $3)
               FROM redeem_attempt WHERE at > $2 AND at <= $4 AND (identity = $1 OR site_id = $3)",
            &[&actor(), &HOUR_BEFORE, &site_id, &NOW],
        )?;
        let v = tx.query_one(
            "SELECT v.type, v.redeemed_at, v.cancelled_at, v.expires_at, d.name
               FROM voucher v JOIN voucher_order o ON o.id = v.order_id
               JOIN distributor d ON d.id = o.distributor_id WHERE v.code = $1",
            &[&code],
        )?;
        let units: i64 = if tally == Some(PERIOD) {
            0
        } else {
            tx.query_one(
                "SELECT count(*) FROM unit WHERE site_id = $1 AND removed_at IS NULL",
                &[&site_id],
            )?
            .get(0)
        };
        Checked {
            members,
            model,
            failed: (failed.get(0), failed.get(1)),
            voucher: (v.get(0), v.get(1), v.get(2), v.get(3), v.get(4)),
            units,
        }
        .hold(code)?;
        (site_id, site.get(1), tally != Some(PERIOD))
    } else {
        let site = tx.query_one(
            "SELECT id, video_balance FROM site WHERE name = 'Office' FOR UPDATE",
            &[],
        )?;
        (site.get(0), site.get(1), false)
    };
    let voucher = tx.query_one(
        "UPDATE voucher SET redeemed_at = $2, redeemed_by = session_user, site_id = $3
         WHERE code = $1 AND redeemed_at IS NULL AND cancelled_at IS NULL AND expires_at > $2
         RETURNING name, credits",
        &[&code, &NOW, &site_id],
    )?;
    let (name, credits): (String, i64) = (voucher.get(0), voucher.get(1));
    if count {
        tx.execute(
            "UPDATE site SET video_balance = $1, tally_period = $3, tally_units = 0, tally_paid = 0 WHERE id = $2",
            &[&(balance + credits), &site_id, &PERIOD],
        )?;
    } else {
        tx.execute(
            "UPDATE site SET video_balance = $1 WHERE id = $2",
            &[&(balance + credits), &site_id],
        )?;
    }
    let (id, hash) = head(&mut tx)?;
    let (row, hash) = chained(
        voucher_row(site_id, credits, balance + credits, &name, code),
        id,
        &hash,
    );
    tx.execute(
        "INSERT INTO ledger (id, site_id, pool, amount, balance_after, kind, reason, reference, actor, created_at, payload, prev_hash, hash)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, '', $11, $12)",
        &[&row.id, &row.site_id, &row.pool, &row.amount, &row.balance_after, &row.kind, &row.reason, &row.reference, &row.actor, &row.created_at, &row.prev_hash, &hash],
    )?;
    tx.commit()?;
    println!("redeemed {code}");
    Ok(())
}

/// Two streams on one connection: each read through a portal, a batch at a time.
pub fn verify(url: &str) -> Result<ChainCheck> {
    const BATCH: i32 = 4096;
    let mut client = connect(url)?;
    let mut tx = client
        .build_transaction()
        .isolation_level(postgres::IsolationLevel::RepeatableRead)
        .read_only(true)
        .start()?;
    let mut check = ChainCheck::new();
    let charge_portal = tx.bind(
        "SELECT ledger_id, unit_id, period FROM charge ORDER BY ledger_id, unit_id",
        &[],
    )?;
    let ledger_portal = tx.bind(
        "SELECT id, site_id, pool, amount, balance_after, kind, reason, reference, actor, created_at, payload, prev_hash, hash FROM ledger ORDER BY id",
        &[],
    )?;
    let mut charges: std::collections::VecDeque<Charge> = Default::default();
    let mut charges_done = false;
    loop {
        let rows = tx.query_portal(&ledger_portal, BATCH)?;
        if rows.is_empty() {
            break;
        }
        for r in &rows {
            let row = RowRef {
                id: r.get(0),
                site_id: r.get(1),
                pool: r.get(2),
                amount: r.get(3),
                balance_after: r.get(4),
                kind: r.get(5),
                reason: r.get(6),
                reference: r.get(7),
                actor: r.get(8),
                created_at: r.get(9),
                payload: r.get(10),
                prev_hash: r.get(11),
            };
            let mut next_charge = || -> Result<Option<Charge>> {
                if charges.is_empty() && !charges_done {
                    let batch = tx.query_portal(&charge_portal, BATCH)?;
                    charges_done = batch.is_empty();
                    charges.extend(batch.iter().map(|c| (c.get(0), c.get(1), c.get(2))));
                }
                Ok(charges.pop_front())
            };
            check.row(row, r.get(12), &mut next_charge)?;
        }
    }
    let left = tx.query_portal(&charge_portal, 1)?;
    ensure!(
        charges.is_empty() && left.is_empty(),
        "a charge row points past the chain"
    );
    let mut tallies = Tallies::default();
    for r in tx.query(
        "SELECT id, video_balance, sms_balance, tally_period, tally_units, tally_paid FROM site ORDER BY id",
        &[],
    )? {
        let id: i64 = r.get(0);
        tallies.keep(id, (r.get(3), r.get(4), r.get(5)))?;
        ensure!(
            check.balances.get(id, 0) == r.get::<_, i64>(1)
                && check.balances.get(id, 1) == r.get::<_, i64>(2),
            "site {id}'s balances differ from its rows"
        );
        let holds = check
            .balances
            .tally_holds(id, (r.get(3), r.get(4), r.get(5)), |p| {
                Ok(tx.query_one(CHARGED_IN, &[&id, &p])?.get(0))
            })?;
        ensure!(
            holds,
            "site {id}'s tally counts more paid units than were charged"
        );
    }
    tallies.check(&mut |sql, param, each| {
        let sql = sql.replace("?1", "$1");
        let portal = match param {
            Param::Int(n) => tx.bind(&sql, &[&n])?,
            Param::Text(t) => tx.bind(&sql, &[&t])?,
        };
        loop {
            let rows = tx.query_portal(&portal, BATCH)?;
            if rows.is_empty() {
                return Ok(());
            }
            for r in &rows {
                each(r.get(0), r.get(1))?;
            }
        }
    })?;
    Ok(check)
}

pub fn deduct(url: &str, period: &str) -> Result<()> {
    let period = parse_period(period)?;
    let number = period.number();
    let mut client = connect(url)?;
    let mut tx = client.transaction()?;
    tx.batch_execute("LOCK TABLE ledger IN EXCLUSIVE MODE")?;
    let (mut id, mut hash) = head(&mut tx)?;
    let rows: Vec<UnitRow> = tx
        .query(
            &UNITS_SQL.replace("?1", "$1").replace("?2", "$2"),
            &[&number, &period_end(period)],
        )?
        .iter()
        .map(|r| UnitRow {
            site: r.get(0),
            balance: r.get(1),
            tally: tally(r.get(2), r.get(3), r.get(4)),
            unit: r.get(5),
            paid: r.get(6),
        })
        .collect();
    let (mut ledger, mut charges, mut sites) = (String::new(), String::new(), String::new());
    let period_text = number.to_string();
    plan(rows.into_iter(), number, |p| {
        let mut after = p.balance;
        if !p.charged.is_empty() {
            let (row, next) = chained(charge_row(p.site, p.balance, p.charged, period), id, &hash);
            ledger_line(&mut ledger, &row, &next);
            let ledger_id = row.id.to_string();
            for unit in p.charged {
                copy_line(
                    &mut charges,
                    &[
                        Some(&period_text),
                        Some(&unit.to_string()),
                        Some(&ledger_id),
                    ],
                );
            }
            (id, hash) = (row.id, next);
            after = row.balance_after.unwrap_or(p.balance);
        }
        if let Some((_, units, paid)) = p.tally {
            let fields = [p.site, after, units, paid].map(|v| v.to_string());
            copy_line(&mut sites, &fields.each_ref().map(|f| Some(f.as_str())));
        }
        Ok(())
    })?;
    copy(&mut tx, LEDGER_COPY, &ledger)?;
    copy(
        &mut tx,
        "COPY charge (period, unit_id, ledger_id) FROM STDIN",
        &charges,
    )?;
    tx.batch_execute(
        "CREATE TEMP TABLE floor_site (id bigint, balance bigint, units bigint, paid bigint) ON COMMIT DROP",
    )?;
    copy(&mut tx, "COPY floor_site FROM STDIN", &sites)?;
    tx.execute(
        "UPDATE site SET video_balance = f.balance, tally_period = $1, tally_units = f.units, tally_paid = f.paid
         FROM floor_site f WHERE site.id = f.id",
        &[&number],
    )?;
    tx.commit()?;
    Ok(())
}
