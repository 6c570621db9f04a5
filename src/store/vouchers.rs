//! Voucher orders, codes, redemption and cancellation.

use chrono::{DateTime, Utc};
use serde::Serialize;

use super::accounts::{Distributor, Site};
use super::billing::{self, SiteUnits, charge_waiting, units_of_site};
use super::ledger::{Entry, LedgerWriter, Pool};
use super::payments::{self, Method, NewPayment};
use super::sql::{ARRAY_ROWS, BATCH_ROWS, Engine, SqlRow, Tx, Value, int_array, text_array};
use super::{Stamp, fmt_time, parse_time, prices};
use crate::args;
use crate::domain::chain::{OrderFact, Payload, RowDigest, Stamped, kind};
use crate::domain::code::{Code, ENTROPY_BYTES};
use crate::domain::money::Money;
use crate::domain::period::Period;
use crate::domain::site::Model;
use crate::domain::voucher::{self, Content, SiteFacts, Status, VoucherFacts, VoucherType};
use crate::error::{Error, Result};

/// Where code entropy comes from: the operating system's CSPRNG in production.
pub trait Entropy {
    fn fill(&mut self, buf: &mut [u8]) -> Result<()>;
}

/// The operating system's CSPRNG (getrandom).
pub struct OsEntropy;

impl Entropy for OsEntropy {
    fn fill(&mut self, buf: &mut [u8]) -> Result<()> {
        use rand::TryRng;
        rand::rngs::SysRng.try_fill_bytes(buf).map_err(|e| {
            Error::internal(format!(
                "the operating system's random generator failed: {e}"
            ))
        })
    }
}

/// A generator drawn from a seed: the same seed gives the same codes. For tests only, through
/// `$CREDITCTL_SEED`; codes drawn from it can be guessed by anyone who knows the seed.
pub struct SeededEntropy(rand::rngs::StdRng);

impl SeededEntropy {
    pub fn new(seed: u64) -> SeededEntropy {
        use rand::SeedableRng;
        SeededEntropy(rand::rngs::StdRng::seed_from_u64(seed))
    }
}

impl Entropy for SeededEntropy {
    fn fill(&mut self, buf: &mut [u8]) -> Result<()> {
        use rand::Rng;
        self.0.fill_bytes(buf);
        Ok(())
    }
}

/// Makes `n` codes from fresh entropy in one request to the source.
pub fn fresh_codes(entropy: &mut dyn Entropy, n: usize) -> Result<Vec<Code>> {
    let mut buf = vec![0u8; n * ENTROPY_BYTES];
    entropy.fill(&mut buf)?;
    Ok(buf
        .chunks_exact(ENTROPY_BYTES)
        .map(|c| Code::from_entropy(c.try_into().expect("chunk of ENTROPY_BYTES")))
        .collect())
}

#[derive(Debug, Clone, Serialize)]
pub struct Voucher {
    pub code: String,
    pub name: String,
    pub distributor: String,
    pub distributor_id: i64,
    pub order_id: i64,
    #[serde(rename = "type")]
    pub kind: VoucherType,
    pub years: Option<i64>,
    pub subscriptions: Option<i64>,
    pub credits: i64,
    pub messages: i64,
    pub value: Money,
    pub status: Status,
    pub created_at: String,
    pub expires_at: String,
    pub redeemed_at: Option<String>,
    pub redeemed_by: Option<String>,
    /// The site it was redeemed into (null before).
    pub site: Option<VoucherSite>,
    pub cancelled_at: Option<String>,
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct VoucherSite {
    pub id: i64,
    pub name: String,
}

const SELECT: &str = "SELECT v.code, v.name, d.name, d.id, v.order_id, v.type, v.years, v.subscriptions, v.credits,
    v.messages, v.value_minor, v.currency, v.created_at, v.expires_at, v.redeemed_at, v.redeemed_by, v.site_id,
    v.cancelled_at, s.name
    FROM voucher v JOIN voucher_order o ON o.id = v.order_id JOIN distributor d ON d.id = o.distributor_id
    LEFT JOIN site s ON s.id = v.site_id";

fn read(r: &dyn SqlRow, now: DateTime<Utc>) -> Result<Voucher> {
    let code = r.text(0)?;
    let kind = r.text(5)?;
    let currency = r.text(11)?;
    let expires_at = r.text(13)?;
    let redeemed_at = r.opt_text(14)?;
    let cancelled_at = r.opt_text(17)?;
    // A malformed expiry (only possible if the file was edited) reads as expired: never usable.
    let expires = parse_time(&expires_at).unwrap_or(now);
    let status = Status::of(redeemed_at.is_some(), cancelled_at.is_some(), expires, now);
    Ok(Voucher {
        code: group(&code),
        name: r.text(1)?,
        distributor: r.text(2)?,
        distributor_id: r.int(3)?,
        order_id: r.int(4)?,
        kind: VoucherType::parse(&kind).unwrap_or(VoucherType::Device),
        years: r.opt_int(6)?,
        subscriptions: r.opt_int(7)?,
        credits: r.int(8)?,
        messages: r.int(9)?,
        value: Money::new(r.int(10)?, &currency),
        status,
        created_at: r.text(12)?,
        expires_at,
        redeemed_at,
        redeemed_by: r.opt_text(15)?,
        site: r
            .opt_int(16)?
            .map(|id| -> Result<VoucherSite> {
                Ok(VoucherSite {
                    id,
                    name: r.opt_text(18)?.unwrap_or_default(),
                })
            })
            .transpose()?,
        cancelled_at,
    })
}

/// `K7QM3XHD9V2PRT6WP` → `K7QM-3XHD-9V2P-RT6W-P`.
pub fn group(canonical: &str) -> String {
    canonical
        .as_bytes()
        .chunks(4)
        .map(|c| std::str::from_utf8(c).unwrap_or_default())
        .collect::<Vec<_>>()
        .join("-")
}

/// An order as shown before it is bought.
#[derive(Debug, Clone)]
pub struct OrderPlan {
    pub distributor: Distributor,
    pub name: String,
    pub content: Content,
    pub count: i64,
    pub method: Method,
    pub unit_value: Money,
    pub total: Money,
}

/// Checks an order against the rules and prices it from the current price list.
pub fn plan_order(
    tx: &mut dyn Tx,
    distributor: Distributor,
    name: String,
    content: Content,
    count: i64,
    method: Method,
) -> Result<OrderPlan> {
    crate::domain::distributor::check_may_buy(
        &distributor.name,
        distributor.id,
        distributor.deactivated_at.as_deref(),
    )?;
    let price = prices::get(tx, content.kind().price_item())?;
    let value = voucher::price_order(
        (&distributor.name, distributor.id, distributor.activated),
        &content,
        count,
        &price,
    )?;
    let (unit_value, total) = (value.unit, value.total);
    Ok(OrderPlan {
        distributor,
        name,
        content,
        count,
        method,
        unit_value,
        total,
    })
}

#[derive(Debug, Clone, Serialize)]
pub struct Order {
    pub id: i64,
    pub payment_id: i64,
    pub payment_method: Method,
    pub total: Money,
}

/// A bought order, as `voucher create` prints it. Its vouchers are kept as their codes only (17
/// bytes each) and made one at a time as they are printed: an order of 100,000 vouchers holds
/// 1.7 MB, not 100,000 vouchers of six strings each.
#[derive(Debug, Clone, Serialize)]
pub struct CreatedOrder {
    pub order: Order,
    pub vouchers: OrderVouchers,
}

/// The vouchers of one new order: what they share, and each one's code, in the order of their ids.
#[derive(Debug, Clone)]
pub struct OrderVouchers {
    codes: Vec<Code>,
    name: String,
    distributor: String,
    distributor_id: i64,
    order_id: i64,
    kind: VoucherType,
    years: Option<i64>,
    subscriptions: Option<i64>,
    credits: i64,
    messages: i64,
    value: Money,
    created_at: String,
    expires_at: String,
}

impl OrderVouchers {
    pub fn len(&self) -> usize {
        self.codes.len()
    }

    pub fn is_empty(&self) -> bool {
        self.codes.is_empty()
    }

    /// Each voucher's code, oldest first.
    pub fn codes(&self) -> &[Code] {
        &self.codes
    }

    /// What every voucher of the order is worth.
    pub fn value(&self) -> &Money {
        &self.value
    }

    /// When every voucher of the order expires (RFC 3339).
    pub fn expires_at(&self) -> &str {
        &self.expires_at
    }

    /// Voucher `i` in full, as `voucher show` would read it now.
    pub fn get(&self, i: usize) -> Voucher {
        Voucher {
            code: self.codes[i].to_string(),
            name: self.name.clone(),
            distributor: self.distributor.clone(),
            distributor_id: self.distributor_id,
            order_id: self.order_id,
            kind: self.kind,
            years: self.years,
            subscriptions: self.subscriptions,
            credits: self.credits,
            messages: self.messages,
            value: self.value.clone(),
            status: Status::Active,
            created_at: self.created_at.clone(),
            expires_at: self.expires_at.clone(),
            redeemed_at: None,
            redeemed_by: None,
            site: None,
            cancelled_at: None,
        }
    }
}

/// A JSON array of [`Voucher`]s, each made as it is written.
impl Serialize for OrderVouchers {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.collect_seq((0..self.len()).map(|i| self.get(i)))
    }
}

/// Attempts to draw a fresh code for one voucher before giving up; with 80 random bits a single
/// collision is already astronomically unlikely.
const CODE_ATTEMPTS: usize = 8;

/// The columns of a new voucher in the order of `INSERT_VOUCHER`'s placeholders: what every
/// voucher of an order shares is bound once per statement as `?1` … `?11`, and each row adds
/// its id and code.
const VOUCHER_COLUMNS: &str = "id, code, order_id, name, type, years, subscriptions, credits, messages, value_minor, currency, created_at, expires_at";
const SHARED_PARAMS: usize = 11;

/// `INSERT INTO voucher … VALUES (?12, ?13, ?1 … ?11), (?14, ?15, ?1 … ?11) …` for `rows` rows;
/// with `skip_taken`, a row whose code is already taken is skipped (`ON CONFLICT (code) DO
/// NOTHING`), to be drawn again; without, the statement is refused (see [`insert_batch`]).
fn insert_vouchers_sql(rows: usize, skip_taken: bool) -> String {
    let shared = (1..=SHARED_PARAMS)
        .map(|p| format!("?{p}"))
        .collect::<Vec<_>>()
        .join(", ");
    let values = (0..rows)
        .map(|r| {
            let at = SHARED_PARAMS + 2 * r + 1;
            format!("(?{at}, ?{}, {shared})", at + 1)
        })
        .collect::<Vec<_>>()
        .join(", ");
    format!(
        "INSERT INTO voucher ({VOUCHER_COLUMNS}) VALUES {values}{}",
        on_conflict(skip_taken)
    )
}

fn on_conflict(skip_taken: bool) -> &'static str {
    if skip_taken {
        " ON CONFLICT (code) DO NOTHING"
    } else {
        ""
    }
}

/// Inserts a batch of vouchers (`sql` makes the statement, skipping taken codes or not) and
/// returns how many went in. A plain insert is tried first: `ON CONFLICT` made PostgreSQL's
/// insert of 100k vouchers a third dearer (each row's key checked before its insertion). A
/// code already taken (by an older voucher, or twice in the batch: about one chance in 10^13
/// for an order of 100k in a ledger of a million) refuses the plain insert, which then changes
/// nothing, and the batch is inserted again skipping the taken codes.
fn insert_batch(tx: &mut dyn Tx, sql: &dyn Fn(bool) -> String, params: &[Value]) -> Result<u64> {
    match tx.exec_unless_taken(&sql(false), params)? {
        Some(n) => Ok(n),
        None => tx.exec(&sql(true), params),
    }
}

/// [`insert_vouchers_sql`] for PostgreSQL: the ids and codes of the rows as two arrays
/// (`?12`, `?13`), so that a batch of any length is one short statement (statements of 256 rows
/// of parameters cost the server a third more than the rows' own writing).
fn insert_voucher_arrays_sql(skip_taken: bool) -> String {
    format!(
        "INSERT INTO voucher ({VOUCHER_COLUMNS})
         SELECT v.id, v.code, CAST(?1 AS BIGINT), CAST(?2 AS TEXT), CAST(?3 AS TEXT), CAST(?4 AS BIGINT),
                CAST(?5 AS BIGINT), CAST(?6 AS BIGINT), CAST(?7 AS BIGINT), CAST(?8 AS BIGINT),
                CAST(?9 AS TEXT), CAST(?10 AS TEXT), CAST(?11 AS TEXT)
         FROM unnest(CAST(?12 AS BIGINT[]), CAST(?13 AS TEXT[])) AS v(id, code) ORDER BY v.id{}",
        on_conflict(skip_taken)
    )
}

/// Writes the payment, the order and every voucher, in the caller's transaction. Vouchers are
/// inserted [`BATCH_ROWS`](super::sql::BATCH_ROWS) to a statement on SQLite, and
/// [`ARRAY_ROWS`] on PostgreSQL (one round trip), their ids following the largest one (the
/// write lock is held), and digested for the chain as they go.
pub fn create_order(
    tx: &mut dyn Tx,
    plan: &OrderPlan,
    stamp: &Stamp,
    entropy: &mut dyn Entropy,
) -> Result<CreatedOrder> {
    let description = format!("{} × voucher '{}'", plan.count, plan.name);
    let payment = payments::insert(
        tx,
        &NewPayment {
            kind: "voucher_order",
            method: plan.method,
            total: &plan.total,
            distributor_id: Some(plan.distributor.id),
            site_id: None,
            description: &description,
            reference: None,
        },
        stamp,
    )?;
    let payment_id = payment.id;
    let order_id = tx.int(
        "INSERT INTO voucher_order (id, distributor_id, payment_id, created_at) VALUES ((SELECT coalesce(max(id), 0) + 1 FROM voucher_order), ?1, ?2, ?3) RETURNING id",
        args![plan.distributor.id, payment_id, stamp.time()],
    )?;
    let created_at = stamp.time();
    let expires_at = fmt_time(voucher::expires_at(stamp.now));
    let (years, subscriptions) = match plan.content {
        Content::Video {
            years,
            subscriptions,
            ..
        } => (Some(years), Some(subscriptions)),
        Content::Sms { .. } => (None, None),
    };
    let kind = plan.content.kind();
    let shared = args![
        order_id,
        &plan.name,
        kind.as_str(),
        years,
        subscriptions,
        plan.content.credits(),
        plan.content.messages(),
        plan.unit_value.amount_minor,
        &plan.unit_value.currency,
        &created_at,
        &expires_at
    ];
    let mut codes = fresh_codes(entropy, plan.count as usize)?;
    // The idiom `owner_ids` turns into the owner's count on PostgreSQL, where a member sees only
    // its own vouchers.
    let first_id = tx.int("SELECT (SELECT coalesce(max(id), 0) + 1 FROM voucher)", &[])?;
    let mut digest = RowDigest::new();
    let mut params: Vec<Value> = Vec::with_capacity(SHARED_PARAMS + 2 * BATCH_ROWS);
    let postgres = tx.engine() == Engine::Postgres;
    let mut done = 0;
    while done < codes.len() {
        let left = codes.len() - done;
        // Full batches, then the rest in powers of two: a handful of statement texts. On
        // PostgreSQL a batch is two array parameters, of any length.
        let rows = if postgres {
            left.min(ARRAY_ROWS)
        } else if left >= BATCH_ROWS {
            BATCH_ROWS
        } else {
            1 << (usize::BITS - 1 - left.leading_zeros())
        };
        let batch = &mut codes[done..done + rows];
        let first = first_id + done as i64;
        params.clear();
        params.extend_from_slice(shared);
        let inserted = if postgres {
            let texts: Vec<String> = batch.iter().map(Code::canonical).collect();
            params.push(int_array(first..first + rows as i64));
            params.push(text_array(texts.iter().map(String::as_str)));
            insert_batch(tx, &insert_voucher_arrays_sql, &params)?
        } else {
            for (i, code) in batch.iter().enumerate() {
                params.push(Value::Int(first + i as i64));
                params.push(Value::Text(code.canonical()));
            }
            insert_batch(tx, &|skip| insert_vouchers_sql(rows, skip), &params)?
        };
        if inserted != rows as u64 {
            redraw_taken(tx, shared, first, batch, entropy)?;
        }
        for (i, code) in batch.iter().enumerate() {
            // The columns of `verify::VOUCHER_DIGEST`, in order.
            digest
                .int(first + i as i64)
                .text(&code.canonical())
                .int(order_id)
                .text(&plan.name)
                .text(kind.as_str())
                .opt_int(years)
                .opt_int(subscriptions)
                .int(plan.content.credits())
                .int(plan.content.messages())
                .int(plan.unit_value.amount_minor)
                .text(&plan.unit_value.currency)
                .text(&created_at)
                .text(&expires_at)
                .end_row();
        }
        done += rows;
    }
    let payload = Payload {
        order: Some(OrderFact {
            id: order_id,
            distributor_id: plan.distributor.id,
            payment_id,
            created_at: created_at.clone(),
            vouchers: digest.finish(),
        }),
        payment: Some(payment),
        ..Payload::default()
    };
    LedgerWriter::new(tx, stamp)?.event(
        tx,
        kind::ORDER,
        &description,
        &format!("order:{order_id}"),
        &payload,
    )?;
    Ok(CreatedOrder {
        order: Order {
            id: order_id,
            payment_id,
            payment_method: plan.method,
            total: plan.total.clone(),
        },
        vouchers: OrderVouchers {
            codes,
            name: plan.name.clone(),
            distributor: plan.distributor.name.clone(),
            distributor_id: plan.distributor.id,
            order_id,
            kind,
            years,
            subscriptions,
            credits: plan.content.credits(),
            messages: plan.content.messages(),
            value: plan.unit_value.clone(),
            created_at,
            expires_at,
        },
    })
}

/// Gives each voucher of a batch whose code was already taken (by an older voucher, or twice in
/// the batch) a freshly drawn one, under the id it was meant to have.
fn redraw_taken(
    tx: &mut dyn Tx,
    shared: &[Value],
    first: i64,
    batch: &mut [Code],
    entropy: &mut dyn Entropy,
) -> Result<()> {
    let last = first + batch.len() as i64 - 1;
    let stored = tx.all(
        "SELECT id FROM voucher WHERE id >= ?1 AND id <= ?2 ORDER BY id",
        args![first, last],
        |r| r.int(0),
    )?;
    let mut params = shared.to_vec();
    for (i, code) in batch.iter_mut().enumerate() {
        let id = first + i as i64;
        if stored.binary_search(&id).is_ok() {
            continue;
        }
        let mut attempts = 1;
        loop {
            if attempts >= CODE_ATTEMPTS {
                return Err(Error::internal(
                    "could not draw an unused voucher code; nothing was bought, run the command again",
                ));
            }
            attempts += 1;
            *code = fresh_codes(entropy, 1)?[0];
            params.truncate(SHARED_PARAMS);
            params.push(Value::Int(id));
            params.push(Value::Text(code.canonical()));
            if tx.exec(&insert_vouchers_sql(1, true), &params)? == 1 {
                break;
            }
        }
    }
    Ok(())
}

pub fn find(tx: &mut dyn Tx, code: &Code, now: DateTime<Utc>) -> Result<Voucher> {
    super::unseen::hold_code(tx, &code.canonical())?;
    tx.opt(
        &format!("{SELECT} WHERE v.code = ?1"),
        args![code.canonical()],
        |r| read(r, now),
    )?
    .ok_or_else(|| no_voucher(code))
}

/// The voucher as `me` may see it: a site administrator previews a voucher whose code it holds,
/// but the site (and who redeemed it) of one redeemed into a site it does not administer is left
/// out, as for an unused voucher (SPEC section 5: nothing leaks). Everyone else sees it whole (a
/// distributor member sees only its own vouchers, the sites they went to included).
pub fn as_seen_by(me: &crate::domain::access::Actor, mut v: Voucher) -> Voucher {
    let hidden =
        matches!((me.own_sites(), &v.site), (Some(mine), Some(s)) if !mine.contains(&s.id));
    if hidden {
        v.site = None;
        v.redeemed_by = None;
    }
    v
}

/// No voucher has the code (or none the actor may see).
pub fn no_voucher(code: &Code) -> Error {
    Error::not_found(format!(
        "no voucher has the code {code}; check it with whoever sent it"
    ))
}

#[derive(Debug, Clone, Default)]
pub struct Filter {
    pub distributor_id: Option<i64>,
    pub status: Option<Status>,
    pub order_id: Option<i64>,
    /// Only active vouchers that expire before this time (RFC 3339).
    pub expiring_before: Option<String>,
    /// Only vouchers after this one (by its row id, the order of every list): `--after`.
    pub after_id: Option<i64>,
}

/// The row id of the voucher `code`, where a list continues with `--after`: not found when no
/// voucher has it, or when it belongs to a distributor the actor may not see.
pub fn cursor(tx: &mut dyn Tx, code: &Code, me: &crate::domain::access::Actor) -> Result<i64> {
    let found = tx.opt(
        "SELECT v.id, o.distributor_id FROM voucher v JOIN voucher_order o ON o.id = v.order_id
         WHERE v.code = ?1",
        args![code.canonical()],
        |r| Ok((r.int(0)?, r.int(1)?)),
    )?;
    match found {
        Some((id, d)) if me.own_distributor().is_none() || me.sees_distributor(d) => Ok(id),
        _ => Err(no_voucher(code)),
    }
}

/// The SQL condition on a voucher `v` of having `status` at the clock `clock` (a placeholder):
/// [`Status::of`] in SQL, the one spelling every query uses (used, else cancelled, else expired
/// by the clock, else active).
fn status_condition(status: Status, clock: &str) -> String {
    let open = "v.redeemed_at IS NULL AND v.cancelled_at IS NULL";
    match status {
        Status::Used => "v.redeemed_at IS NOT NULL".to_string(),
        Status::Cancelled => "v.redeemed_at IS NULL AND v.cancelled_at IS NOT NULL".to_string(),
        Status::Expired => format!("{open} AND v.expires_at <= {clock}"),
        Status::Active => format!("{open} AND v.expires_at > {clock}"),
    }
}

/// Calls `each` for every voucher that passes the filter, oldest first, without holding them all.
pub fn for_each(
    tx: &mut dyn Tx,
    filter: &Filter,
    now: DateTime<Utc>,
    each: &mut dyn FnMut(Voucher) -> Result<()>,
) -> Result<()> {
    let status_sql = filter
        .status
        .map_or_else(|| "1 = 1".to_string(), |s| status_condition(s, "?3"));
    let active = status_condition(Status::Active, "?3");
    // The clock is a parameter of every form (unused by some), so that all take the same three.
    let sql = format!(
        "{SELECT} WHERE (CAST(?1 AS BIGINT) IS NULL OR o.distributor_id = ?1)
           AND (CAST(?2 AS BIGINT) IS NULL OR v.order_id = ?2) AND CAST(?3 AS TEXT) IS NOT NULL
           AND (CAST(?4 AS TEXT) IS NULL OR ({active} AND v.expires_at <= ?4))
           AND {status_sql} AND v.id > ?5 ORDER BY v.id"
    );
    if let Some(id) = filter.order_id {
        order_exists(tx, id)?;
    }
    tx.stream(
        &sql,
        args![
            filter.distributor_id,
            filter.order_id,
            fmt_time(now),
            filter.expiring_before.as_deref(),
            filter.after_id.unwrap_or(0)
        ],
        &mut |_, r| each(read(r, now)?),
    )
}

/// One order in `voucher report` (SPEC section 6). `total` is what the order's payment was: the
/// amount paid for all its vouchers, whatever became of them.
#[derive(Debug, Clone, Serialize)]
pub struct OrderReport {
    pub order_id: i64,
    pub distributor: String,
    pub distributor_id: i64,
    pub created_at: String,
    pub vouchers: u64,
    pub active: u64,
    pub used: u64,
    pub expired: u64,
    pub cancelled: u64,
    pub credits_bought: u64,
    pub credits_redeemed: u64,
    pub messages_bought: u64,
    pub messages_redeemed: u64,
    pub total: Money,
}

/// Every order (or one distributor's), oldest first, counted in one pass of the database. A
/// voucher's state is derived exactly as [`Status::of`] does: used, else cancelled, else expired
/// by the clock, else active.
pub fn report(
    tx: &mut dyn Tx,
    distributor_id: Option<i64>,
    now: DateTime<Utc>,
) -> Result<Vec<OrderReport>> {
    let n = |e: &str| format!("CAST(coalesce(sum({e}), 0) AS BIGINT)");
    let [active, used, expired, cancelled] = [
        Status::Active,
        Status::Used,
        Status::Expired,
        Status::Cancelled,
    ]
    .map(|s| status_condition(s, "?2"));
    let used = used.as_str();
    let count = |cond: &str| n(&format!("CASE WHEN {cond} THEN 1 ELSE 0 END"));
    let sql = format!(
        "SELECT o.id, d.name, d.id, o.created_at, count(v.id), {}, {}, {}, {},
                {}, {}, {}, {}, p.amount_minor, p.currency
         FROM voucher_order o JOIN distributor d ON d.id = o.distributor_id
         JOIN payment p ON p.id = o.payment_id
         LEFT JOIN voucher v ON v.order_id = o.id
         WHERE (CAST(?1 AS BIGINT) IS NULL OR o.distributor_id = ?1) AND CAST(?2 AS TEXT) IS NOT NULL
         GROUP BY o.id, d.name, d.id, o.created_at, p.amount_minor, p.currency
         ORDER BY o.id",
        count(&active),
        count(used),
        count(&expired),
        count(&cancelled),
        n("v.credits"),
        n(&format!("CASE WHEN {used} THEN v.credits ELSE 0 END")),
        n("v.messages"),
        n(&format!("CASE WHEN {used} THEN v.messages ELSE 0 END")),
    );
    tx.all(&sql, args![distributor_id, fmt_time(now)], |r| {
        let u = |i: usize| -> Result<u64> { Ok(r.int(i)?.max(0) as u64) };
        Ok(OrderReport {
            order_id: r.int(0)?,
            distributor: r.text(1)?,
            distributor_id: r.int(2)?,
            created_at: r.text(3)?,
            vouchers: u(4)?,
            active: u(5)?,
            used: u(6)?,
            expired: u(7)?,
            cancelled: u(8)?,
            credits_bought: u(9)?,
            credits_redeemed: u(10)?,
            messages_bought: u(11)?,
            messages_redeemed: u(12)?,
            total: Money::new(r.int(13)?, &r.text(14)?),
        })
    })
}

pub fn order_exists(tx: &mut dyn Tx, id: i64) -> Result<()> {
    if tx.int(
        "SELECT count(*) FROM voucher_order WHERE id = ?1",
        args![id],
    )? > 0
    {
        Ok(())
    } else {
        Err(Error::not_found(format!(
            "no voucher order with ID {id}; see `creditctl voucher list`"
        )))
    }
}

/// The voucher as the rules of redemption and cancellation see it.
fn facts(v: &Voucher) -> VoucherFacts<'_> {
    VoucherFacts {
        code: &v.code,
        kind: v.kind,
        status: v.status,
        credits: v.credits,
        messages: v.messages,
        redeemed_at: v.redeemed_at.as_deref(),
        site: v.site.as_ref().map(|s| s.id),
        expires_at: &v.expires_at,
        cancelled_at: v.cancelled_at.as_deref(),
    }
}

/// What a redemption will do, as shown before asking: the voucher, the site, and what the
/// domain says the redemption does (its fields beside theirs in JSON).
#[derive(Debug, Clone, Serialize)]
pub struct RedeemPlan {
    pub voucher: Voucher,
    pub site: SiteRef,
    #[serde(flatten)]
    pub outcome: voucher::Redemption,
}

#[derive(Debug, Clone, Serialize)]
pub struct SiteRef {
    pub id: i64,
    pub name: String,
    pub model: Model,
}

impl From<&Site> for SiteRef {
    fn from(s: &Site) -> SiteRef {
        SiteRef {
            id: s.id,
            name: s.name.clone(),
            model: s.model,
        }
    }
}

/// Checks that the voucher can go into the site and computes the outcome, without writing.
/// `me` is who redeems: a refusal names only a site it may see ([`as_seen_by`]).
pub fn plan_redeem(
    tx: &mut dyn Tx,
    me: &crate::domain::access::Actor,
    code: &Code,
    site: &Site,
    now: DateTime<Utc>,
) -> Result<RedeemPlan> {
    Ok(plan_counted(tx, me, code, site, now)?.plan)
}

/// A redemption planned in a write transaction, for [`redeem`] to make in it: the plan, and the
/// site's units for the month as it counted them.
pub struct Counted {
    plan: RedeemPlan,
    units: SiteUnits,
}

impl Counted {
    /// What the planned redemption does.
    pub fn plan(&self) -> &RedeemPlan {
        &self.plan
    }
}

/// [`plan_redeem`], and the site's units for the month as it counted them: reads only, so that
/// a refusal here leaves the transaction as it found it.
pub fn plan_counted(
    tx: &mut dyn Tx,
    me: &crate::domain::access::Actor,
    code: &Code,
    site: &Site,
    now: DateTime<Utc>,
) -> Result<Counted> {
    let v = as_seen_by(me, find(tx, code, now)?);
    let units = units_of_site(tx, site, Period::containing(now))?;
    let waiting = units.waiting();
    let outcome = voucher::plan_redeem(
        &facts(&v),
        &SiteFacts {
            id: site.id,
            name: &site.name,
            model: site.model,
            video_balance: site.video_balance,
            sms_balance: site.sms_balance,
            waiting,
        },
    )?;
    let plan = RedeemPlan {
        voucher: v,
        site: SiteRef::from(site),
        outcome,
    };
    Ok(Counted { plan, units })
}

/// Redeems in the caller's IMMEDIATE transaction into `site` what [`plan_counted`] planned in
/// it, with the site the caller read in it (so nothing can have moved either since): marks the
/// voucher used, adds the credits and charges waiting units for the current month. Returns what
/// it did and the low-credit warning it leaves the site with (see [`billing::low_warning`]).
pub fn redeem(
    tx: &mut dyn Tx,
    code: &Code,
    site: &Site,
    stamp: &Stamp,
    counted: Counted,
) -> Result<(RedeemPlan, Option<String>)> {
    let period = Period::containing(stamp.now);
    let Counted { plan, units } = counted;
    let marked = tx.exec(
        "UPDATE voucher SET redeemed_at = ?2, redeemed_by = ?3, site_id = ?4
         WHERE code = ?1 AND redeemed_at IS NULL AND cancelled_at IS NULL",
        args![code.canonical(), stamp.time(), &stamp.actor, site.id],
    )?;
    if marked != 1 {
        return Err(Error::internal(
            "the voucher changed during redemption; nothing was written",
        ));
    }
    let mut ledger = LedgerWriter::new(tx, stamp)?;
    let reason = format!("voucher '{}'", plan.voucher.name);
    let balance = site.balance(plan.outcome.pool);
    // When no unit waits, nothing is charged below: the month's count made here is stored with
    // the new balance, as a charge would store it (a rerun of the month then reads the site's
    // tally, not its units).
    let tally = match plan.outcome.pool {
        Pool::Video if units.waiting() == 0 => units.new_tally(period, 0),
        _ => None,
    };
    let posted = ledger.append_read(
        tx,
        &Entry {
            site_id: site.id,
            pool: plan.outcome.pool,
            amount: plan.outcome.credits_added,
            kind: kind::VOUCHER,
            reason: &reason,
            reference: &format!("voucher:{}", code.canonical()),
            payload: Payload::default(),
        },
        balance,
        &site.name,
        tally,
    )?;
    // The units were counted in this transaction, under the writers' lock: when none waits,
    // there is nothing to charge.
    let activated = if plan.outcome.pool == Pool::Video && units.waiting() > 0 {
        charge_waiting(tx, &mut ledger, site.id, period)?
    } else {
        0
    };
    // The voucher as the update left it: used, now, by the actor, in this site.
    let voucher = Voucher {
        status: Status::Used,
        redeemed_at: Some(stamp.time()),
        redeemed_by: Some(stamp.actor.clone()),
        site: Some(VoucherSite {
            id: site.id,
            name: site.name.clone(),
        }),
        ..plan.voucher.clone()
    };
    let balance_after = posted.balance_after - activated as i64;
    let video_after = match plan.outcome.pool {
        Pool::Video => balance_after,
        Pool::Sms => site.video_balance,
    };
    let low = billing::low_warning_of(
        site,
        period,
        video_after,
        units.units,
        units.paid + activated,
    );
    let done = RedeemPlan {
        voucher,
        outcome: voucher::Redemption {
            balance_before: posted.balance_before,
            balance_after,
            units_activated: activated,
            ..plan.outcome
        },
        ..plan
    };
    Ok((done, low))
}

/// The voucher `code`, if it may be cancelled (unused, expired or not): what `voucher cancel`
/// shows before it asks, and checks again in its write.
pub fn find_cancellable(tx: &mut dyn Tx, code: &Code, now: DateTime<Utc>) -> Result<Voucher> {
    let v = find(tx, code, now)?;
    voucher::check_cancellable(&facts(&v))?;
    Ok(v)
}

/// Cancels an unused voucher (a platform operator's action).
pub fn cancel(tx: &mut dyn Tx, code: &Code, stamp: &Stamp) -> Result<Voucher> {
    let v = find_cancellable(tx, code, stamp.now)?;
    let marked = tx.exec(
        "UPDATE voucher SET cancelled_at = ?2, cancelled_by = ?3 WHERE code = ?1 AND redeemed_at IS NULL AND cancelled_at IS NULL",
        args![code.canonical(), stamp.time(), &stamp.actor],
    )?;
    if marked != 1 {
        return Err(Error::internal(
            "the voucher changed during cancellation; nothing was written",
        ));
    }
    let payload = Payload {
        cancelled: Some(Stamped {
            at: stamp.time(),
            by: stamp.actor.clone(),
        }),
        ..Payload::default()
    };
    LedgerWriter::new(tx, stamp)?.event(
        tx,
        kind::CANCEL,
        &format!("voucher '{}' cancelled", v.name),
        &format!("voucher:{}", code.canonical()),
        &payload,
    )?;
    find(tx, code, stamp.now)
}
