//! The floors on SQLite.

use super::*;

fn open(db: &str) -> Result<Connection> {
    let conn = Connection::open(db)?;
    creditctl::store::sqlite::apply_write_settings(&conn)?;
    Ok(conn)
}

fn head(tx: &Connection) -> Result<(i64, String)> {
    Ok(tx
        .query_row(
            "SELECT id, hash FROM ledger ORDER BY id DESC LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .or_else(|e| match e {
            rusqlite::Error::QueryReturnedNoRows => Ok((0, GENESIS.to_string())),
            e => Err(e),
        })?)
}

fn insert_row(tx: &Connection, row: &Row, hash: &str) -> Result<()> {
    tx.prepare_cached(
        "INSERT INTO ledger (id, site_id, pool, amount, balance_after, kind, reason, reference, actor, created_at, payload, prev_hash, hash)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
    )?
    .execute(params![
        row.id,
        row.site_id,
        row.pool,
        row.amount,
        row.balance_after,
        row.kind,
        row.reason,
        row.reference,
        row.actor,
        row.created_at,
        row.payload,
        row.prev_hash,
        hash
    ])?;
    Ok(())
}

pub fn create(db: &str, n: i64) -> Result<()> {
    let mut conn = open(db)?;
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let distributor: i64 =
        tx.query_row("SELECT id FROM distributor WHERE name = 'Acme'", [], |r| {
            r.get(0)
        })?;
    let payment = payment_fact(0, n, distributor);
    tx.execute(
        "INSERT INTO payment (kind, method, amount_minor, currency, distributor_id, site_id, description, actor, created_at)
         VALUES ('voucher_order', 'invoice', ?1, 'EUR', ?2, NULL, ?3, ?4, ?5)",
        params![payment.amount_minor, distributor, payment.description, payment.actor, NOW],
    )?;
    let payment = PaymentFact {
        id: tx.last_insert_rowid(),
        ..payment
    };
    tx.execute(
        "INSERT INTO voucher_order (distributor_id, payment_id, created_at) VALUES (?1, ?2, ?3)",
        params![distributor, payment.id, NOW],
    )?;
    let order_id = tx.last_insert_rowid();
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let mut digest = RowDigest::new();
    let first: i64 = tx.query_row("SELECT coalesce(max(id), 0) + 1 FROM voucher", [], |r| {
        r.get(0)
    })?;
    let codes = codes(n)?;
    // As many rows a statement as the tool sends; the columns every voucher shares are
    // bound once per statement.
    const ROWS: usize = 256;
    for (k, chunk) in codes.chunks(ROWS).enumerate() {
        let values: Vec<String> = (0..chunk.len())
            .map(|i| {
                format!(
                    "(?{}, ?{}, ?1, 'Bench', 'device', 1, 10, 120, 0, 24000, 'EUR', ?2, ?3)",
                    4 + 2 * i,
                    5 + 2 * i
                )
            })
            .collect();
        let mut insert = tx.prepare_cached(&format!(
            "INSERT INTO voucher (id, code, order_id, name, type, years, subscriptions, credits, messages, value_minor, currency, created_at, expires_at) VALUES {}",
            values.join(", ")
        ))?;
        insert.raw_bind_parameter(1, order_id)?;
        insert.raw_bind_parameter(2, NOW)?;
        insert.raw_bind_parameter(3, EXPIRES_AT)?;
        for (i, code) in chunk.iter().enumerate() {
            let id = first + (k * ROWS + i) as i64;
            insert.raw_bind_parameter(4 + 2 * i, id)?;
            insert.raw_bind_parameter(5 + 2 * i, code)?;
            digest_voucher(&mut digest, id, code, order_id);
            writeln!(out, "{code}")?;
        }
        insert.raw_execute()?;
    }
    let (row, hash) = order_row(payment, order_id, digest, head(&tx)?);
    insert_row(&tx, &row, &hash)?;
    tx.commit()?;
    out.flush()?;
    Ok(())
}

/// `voucher redeem`'s writes; first, when `checked`, the reads the SPEC's rules make of the
/// ledger (see [`Checked`]).
pub fn redeem(db: &str, code: &str, checked: bool) -> Result<()> {
    let mut conn = open(db)?;
    if checked {
        let (version, app): (i64, i64) = conn.query_row(
            "SELECT (SELECT user_version FROM pragma_user_version), (SELECT application_id FROM pragma_application_id)",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        ensure!(version > 0 && app != 0, "{db} is not a ledger");
    }
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    // `count`: the site's tally is not of this month, so the month's count is kept with the
    // balance, as the tool keeps it.
    let (site_id, balance, count, name, credits): (i64, i64, bool, String, i64) = if checked {
        let members: i64 = tx.query_row("SELECT count(*) FROM member", [], |r| r.get(0))?;
        let (site_id, balance, model, tally): (i64, i64, String, Option<i64>) = tx.query_row(
            "SELECT id, video_balance, model, tally_period FROM site WHERE name = 'Office'",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )?;
        let failed = tx.query_row(
            "SELECT count(*) FILTER (WHERE identity = ?1), count(*) FILTER (WHERE site_id = ?3)
               FROM redeem_attempt WHERE at > ?2 AND at <= ?4 AND (identity = ?1 OR site_id = ?3)",
            params![actor(), HOUR_BEFORE, site_id, NOW],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        let (name, credits, voucher) = tx.query_row(
            "SELECT v.name, v.credits, v.type, v.redeemed_at, v.cancelled_at, v.expires_at, d.name
               FROM voucher v JOIN voucher_order o ON o.id = v.order_id
               JOIN distributor d ON d.id = o.distributor_id WHERE v.code = ?1",
            params![code],
            |r| {
                Ok((
                    r.get(0)?,
                    r.get(1)?,
                    (r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?),
                ))
            },
        )?;
        let units = if tally == Some(PERIOD) {
            0
        } else {
            tx.query_row(
                "SELECT count(*) FROM unit WHERE site_id = ?1 AND removed_at IS NULL",
                params![site_id],
                |r| r.get(0),
            )?
        };
        Checked {
            members,
            model,
            failed,
            voucher,
            units,
        }
        .hold(code)?;
        (site_id, balance, tally != Some(PERIOD), name, credits)
    } else {
        let (site_id, balance) = tx.query_row(
            "SELECT id, video_balance FROM site WHERE name = 'Office'",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        let (name, credits) = tx.query_row(
            "SELECT name, credits FROM voucher WHERE code = ?1 AND redeemed_at IS NULL AND cancelled_at IS NULL AND expires_at > ?2",
            params![code, NOW],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        (site_id, balance, false, name, credits)
    };
    let marked = tx.execute(
        "UPDATE voucher SET redeemed_at = ?2, redeemed_by = ?3, site_id = ?4 WHERE code = ?1 AND redeemed_at IS NULL",
        params![code, NOW, actor(), site_id],
    )?;
    ensure!(marked == 1, "voucher {code} not redeemable");
    if count {
        tx.execute(
            "UPDATE site SET video_balance = ?1, tally_period = ?3, tally_units = 0, tally_paid = 0 WHERE id = ?2",
            params![balance + credits, site_id, PERIOD],
        )?;
    } else {
        tx.execute(
            "UPDATE site SET video_balance = ?1 WHERE id = ?2",
            params![balance + credits, site_id],
        )?;
    }
    let (id, hash) = head(&tx)?;
    let (row, hash) = chained(
        voucher_row(site_id, credits, balance + credits, &name, code),
        id,
        &hash,
    );
    insert_row(&tx, &row, &hash)?;
    tx.commit()?;
    println!("redeemed {code}");
    Ok(())
}

pub fn verify(db: &str) -> Result<ChainCheck> {
    let mut conn = Connection::open_with_flags(
        db,
        rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY | rusqlite::OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    let tx = conn.transaction()?;
    // The store checks the file first, as `ledger verify` does.
    let integrity: String = tx.query_row("PRAGMA integrity_check(1)", [], |r| r.get(0))?;
    ensure!(integrity == "ok", "integrity_check: {integrity}");
    let mut check = ChainCheck::new();
    let mut charges =
        tx.prepare("SELECT ledger_id, unit_id, period FROM charge ORDER BY ledger_id, unit_id")?;
    let mut charges = charges.query([])?;
    let mut next_charge = || -> Result<Option<Charge>> {
        Ok(match charges.next()? {
            Some(r) => Some((r.get(0)?, r.get(1)?, r.get(2)?)),
            None => None,
        })
    };
    let mut ledger = tx.prepare(
        "SELECT id, site_id, pool, amount, balance_after, kind, reason, reference, actor, created_at, payload, prev_hash, hash FROM ledger ORDER BY id",
    )?;
    let mut rows = ledger.query([])?;
    while let Some(r) = rows.next()? {
        let text = |i: usize| -> Result<&str> { Ok(r.get_ref(i)?.as_str()?) };
        let row = RowRef {
            id: r.get(0)?,
            site_id: r.get(1)?,
            pool: r.get_ref(2)?.as_str_or_null()?,
            amount: r.get(3)?,
            balance_after: r.get(4)?,
            kind: text(5)?,
            reason: text(6)?,
            reference: text(7)?,
            actor: text(8)?,
            created_at: text(9)?,
            payload: text(10)?,
            prev_hash: text(11)?,
        };
        check.row(row, text(12)?, &mut next_charge)?;
    }
    ensure!(
        next_charge()?.is_none(),
        "a charge row points past the chain"
    );
    let mut sites = tx.prepare(
        "SELECT id, video_balance, sms_balance, tally_period, tally_units, tally_paid FROM site ORDER BY id",
    )?;
    let mut sites = sites.query([])?;
    let mut tallies = Tallies::default();
    while let Some(r) = sites.next()? {
        let id: i64 = r.get(0)?;
        tallies.keep(id, (r.get(3)?, r.get(4)?, r.get(5)?))?;
        ensure!(
            check.balances.get(id, 0) == r.get::<_, i64>(1)?
                && check.balances.get(id, 1) == r.get::<_, i64>(2)?,
            "site {id}'s balances differ from its rows"
        );
        let holds = check
            .balances
            .tally_holds(id, (r.get(3)?, r.get(4)?, r.get(5)?), |p| {
                let sql = CHARGED_IN.replace('$', "?");
                Ok(tx
                    .prepare_cached(&sql)?
                    .query_row(params![id, p], |r| r.get(0))?)
            })?;
        ensure!(
            holds,
            "site {id}'s tally counts more paid units than were charged"
        );
    }
    tallies.check(&mut |sql, param, each| {
        let mut statement = tx.prepare(sql)?;
        let mut rows = match param {
            Param::Int(n) => statement.query(params![n])?,
            Param::Text(t) => statement.query(params![t])?,
        };
        while let Some(r) = rows.next()? {
            each(r.get(0)?, r.get(1)?)?;
        }
        Ok(())
    })?;
    Ok(check)
}

pub fn deduct(db: &str, period: &str) -> Result<()> {
    let period = parse_period(period)?;
    let number = period.number();
    let mut conn = open(db)?;
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let (mut id, mut hash) = head(&tx)?;
    // The sites first (a short table), then the units along the index that covers them,
    // each with whether it is paid: no lookup of its site per unit.
    let mut sites_sql = tx.prepare(
        "SELECT id, video_balance, tally_period, tally_units, tally_paid FROM site ORDER BY id",
    )?;
    let sites: std::collections::HashMap<i64, (i64, Option<Tally>)> = sites_sql
        .query_map([], |r| {
            Ok((
                r.get(0)?,
                (r.get(1)?, tally(r.get(2)?, r.get(3)?, r.get(4)?)),
            ))
        })?
        .collect::<Result<_, _>>()?;
    drop(sites_sql);
    let mut units = tx.prepare(
        "SELECT u.site_id, u.id, EXISTS (SELECT 1 FROM charge c WHERE c.period = ?1 AND c.unit_id = u.id)
         FROM unit u WHERE u.removed_at IS NULL AND u.added_at < ?2 ORDER BY u.site_id, u.id",
    )?;
    let rows: Vec<UnitRow> = units
        .query_map(params![number, period_end(period)], |r| {
            let site: i64 = r.get(0)?;
            let (balance, tally) = sites.get(&site).copied().unwrap_or_default();
            Ok(UnitRow {
                site,
                balance,
                tally,
                unit: r.get(1)?,
                paid: r.get(2)?,
            })
        })?
        .collect::<Result<_, _>>()?;
    drop(units);
    let mut sites = 0;
    // The charges go out as many rows a statement as the tool sends.
    const ROWS: usize = 256;
    let mut waiting: Vec<(i64, i64)> = Vec::with_capacity(ROWS);
    let flush = |waiting: &mut Vec<(i64, i64)>| -> Result<()> {
        if waiting.is_empty() {
            return Ok(());
        }
        let values = vec!["(?1, ?, ?)"; waiting.len()].join(", ");
        let mut charge = tx.prepare_cached(&format!(
            "INSERT INTO charge (period, unit_id, ledger_id) VALUES {values}"
        ))?;
        charge.raw_bind_parameter(1, number)?;
        for (i, (unit, ledger)) in waiting.iter().enumerate() {
            charge.raw_bind_parameter(2 + 2 * i, unit)?;
            charge.raw_bind_parameter(3 + 2 * i, ledger)?;
        }
        charge.raw_execute()?;
        waiting.clear();
        Ok(())
    };
    plan(rows.into_iter(), number, |p| {
        let mut after = p.balance;
        if !p.charged.is_empty() {
            let (row, next) = chained(charge_row(p.site, p.balance, p.charged, period), id, &hash);
            insert_row(&tx, &row, &next)?;
            for unit in p.charged {
                waiting.push((*unit, row.id));
                if waiting.len() == ROWS {
                    flush(&mut waiting)?;
                }
            }
            (id, hash) = (row.id, next);
            after = row.balance_after.unwrap_or(p.balance);
            sites += 1;
        }
        if let Some((period, units, paid)) = p.tally {
            tx.prepare_cached(
                "UPDATE site SET video_balance = ?1, tally_period = ?2, tally_units = ?3, tally_paid = ?4 WHERE id = ?5",
            )?
            .execute(params![after, period, units, paid, p.site])?;
        }
        Ok(())
    })?;
    flush(&mut waiting)?;
    tx.commit()?;
    println!("charged {sites} sites");
    Ok(())
}
