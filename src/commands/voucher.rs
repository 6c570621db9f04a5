use serde::Serialize;
use std::io::Write;

use super::{Ctx, code, distributor_scope, visible_distributor, visible_site, warn_low};
use crate::cli::{ExportFormat, VoucherCmd, VoucherCreate, VoucherFilter};
use crate::domain::access::{Action, Actor, mask_code};
use crate::domain::money::Money;
use crate::domain::refusal::Refusal;
use crate::domain::site::check_name;
use crate::domain::text::spreadsheet_safe;
use crate::domain::voucher::Status;
use crate::domain::voucher::{Content, check_count};
use crate::error::{Error, Result};
use crate::output::{List, emit, fields, note, opt, preview, table, write_table};
use crate::store::members;
use crate::store::sql::Tx;
use crate::store::vouchers::{self, CreatedOrder, Filter, OrderPlan, RedeemPlan, Voucher};

pub fn run(ctx: &Ctx, cmd: VoucherCmd) -> Result<()> {
    match cmd {
        VoucherCmd::Create(args) => create(ctx, args),
        VoucherCmd::List { filter } => {
            let t = table([
                "Code",
                "Name",
                "Type",
                "Credits",
                "SMS",
                "Value",
                "Status",
                "Order",
                "Distributor",
                "Expires",
                "Site",
                "Redeemed",
                "By",
            ])
            .wide(&[
                "Type",
                "Credits",
                "SMS",
                "Order",
                "Distributor",
                "Site",
                "Redeemed",
                "By",
            ])
            .times(&["Expires"])
            .text(&["Name"]);
            let mut store = ctx.open_existing()?;
            let mut list = List::new(ctx.json, filter.page.limit, t, voucher_cells, cursor_of);
            let read = store.read(|tx| {
                let me = ctx.allow(tx, Action::VoucherList, "voucher list")?;
                let filter = filter_of(ctx, tx, &filter, &me)?;
                vouchers::for_each(tx, &filter, ctx.now(), &mut |v| list.push(masked(&me, v)))
            });
            list.finish(read)
        }
        VoucherCmd::Show { code: text } => {
            let c = code(&text)?;
            let v = ctx.open_existing()?.read(|tx| {
                let me = ctx.allow(tx, Action::VoucherShow, "voucher show")?;
                let v = vouchers::find(tx, &c, ctx.now())?;
                // A distributor sees its own vouchers only; whoever holds a code may preview it,
                // but not the site of another's it went to.
                if me.own_distributor().is_some() && !me.sees_distributor(v.distributor_id) {
                    return Err(vouchers::no_voucher(&c));
                }
                Ok(vouchers::as_seen_by(&me, v))
            })?;
            emit(ctx.json, &v, |w| write_table(w, &voucher_fields(&v)))
        }
        VoucherCmd::Redeem { code: text, site } => redeem(ctx, &text, &site),
        VoucherCmd::Attempts { site, page } => {
            let t = table(["ID", "Time", "Identity", "Site", "Code", "Refused as"])
                .times(&["Time"])
                .text(&["Identity"]);
            let cells = |a: &members::ListedAttempt| {
                vec![
                    a.id.to_string(),
                    a.attempt.at.clone(),
                    a.attempt.identity.clone(),
                    opt(&a.attempt.site),
                    format!("{}…", a.attempt.code_prefix),
                    a.attempt.reason.clone(),
                ]
            };
            let mut store = ctx.open_existing()?;
            let mut list = List::new(
                ctx.json,
                page.limit,
                t,
                cells,
                |a: &members::ListedAttempt| Some(a.id.to_string()),
            );
            let read = store.read(|tx| {
                let me = ctx.allow(tx, Action::VoucherAttempts, "voucher attempts")?;
                let site = match &site {
                    Some(key) => Some(visible_site(tx, key, &me)?.id),
                    None => None,
                };
                members::each_attempt(tx, site, me.own_sites(), page.after, &mut |a| list.push(a))
            });
            list.finish(read)
        }
        VoucherCmd::Cancel { code: text } => {
            let c = code(&text)?;
            let mut store = ctx.open()?;
            // The rules are checked before asking (a used or cancelled voucher is refused at
            // once), and again in the write.
            let v = store.read(|tx| {
                ctx.allow(tx, Action::VoucherCancel, "voucher cancel")?;
                vouchers::find_cancellable(tx, &c, ctx.now())
            })?;
            ctx.confirm(
                &format!(
                    "Cancel voucher {}? It can never be redeemed afterwards",
                    v.code
                ),
                false,
                || preview(&voucher_fields(&v)),
            )?;
            let v = store.write(|tx| {
                ctx.allow(tx, Action::VoucherCancel, "voucher cancel")?;
                vouchers::cancel(tx, &c, &ctx.stamp())
            })?;
            emit(ctx.json, &v, |w| write_table(w, &voucher_fields(&v)))
        }
        VoucherCmd::Report { distributor } => report(ctx, distributor),
        VoucherCmd::Export { filter, format } => {
            let limit = filter.page.limit;
            let mut store = ctx.open_existing()?;
            let (me, filter) = store.read(|tx| {
                let me = ctx.allow(tx, Action::VoucherList, "voucher export")?;
                let filter = filter_of(ctx, tx, &filter, &me)?;
                Ok((me, filter))
            })?;
            if ctx.json || matches!(format, ExportFormat::Json) {
                let mut list =
                    List::new(true, limit, table(["Code"]), |_: &Voucher| vec![], |_| None);
                let read = store.read(|tx| {
                    vouchers::for_each(tx, &filter, ctx.now(), &mut |v| list.push(masked(&me, v)))
                });
                return list.finish(read);
            }
            export_csv(ctx, &mut store, &filter, &me, limit)
        }
    }
}

/// `voucher report`: per order, what became of its vouchers and what was paid.
fn report(ctx: &Ctx, distributor: Option<String>) -> Result<()> {
    let all = ctx.open_existing()?.read(|tx| {
        let me = ctx.allow(tx, Action::VoucherReport, "voucher report")?;
        let id = distributor_scope(tx, distributor.as_deref(), &me)?;
        vouchers::report(tx, id, ctx.now())
    })?;
    emit(ctx.json, &all, |w| {
        let mut t = table([
            "Order",
            "Distributor",
            "Bought",
            "Vouchers",
            "Active",
            "Used",
            "Expired",
            "Cancelled",
            "Credits bought",
            "Credits redeemed",
            "SMS bought",
            "SMS redeemed",
            "Total",
        ])
        .wide(&[
            "Bought",
            "Expired",
            "Cancelled",
            "Credits bought",
            "Credits redeemed",
            "SMS bought",
            "SMS redeemed",
        ])
        .text(&["Distributor"]);
        for o in &all {
            t.add_row(vec![
                o.order_id.to_string(),
                o.distributor.clone(),
                o.created_at.clone(),
                o.vouchers.to_string(),
                o.active.to_string(),
                o.used.to_string(),
                o.expired.to_string(),
                o.cancelled.to_string(),
                o.credits_bought.to_string(),
                o.credits_redeemed.to_string(),
                o.messages_bought.to_string(),
                o.messages_redeemed.to_string(),
                o.total.to_string(),
            ]);
        }
        write_table(w, &t)
    })
}

/// The filter of `voucher list|export`: a distributor member sees only its own vouchers, and a
/// distributor it may not see is "not found".
fn filter_of(ctx: &Ctx, tx: &mut dyn Tx, f: &VoucherFilter, me: &Actor) -> Result<Filter> {
    let after_id = match &f.page.after {
        Some(text) => Some(vouchers::cursor(tx, &code(text)?, me)?),
        None => None,
    };
    Ok(Filter {
        after_id,
        distributor_id: distributor_scope(tx, f.distributor.as_deref(), me)?,
        status: f.status,
        order_id: f.order,
        expiring_before: f
            .expiring_within
            .map(|days| crate::store::fmt_time(ctx.now() + chrono::Duration::days(days as i64))),
    })
}

/// A row of `voucher list`.
fn voucher_cells(v: &Voucher) -> Vec<String> {
    vec![
        v.code.clone(),
        v.name.clone(),
        v.kind.as_str().to_string(),
        v.credits.to_string(),
        v.messages.to_string(),
        v.value.to_string(),
        v.status.to_string(),
        v.order_id.to_string(),
        v.distributor.clone(),
        v.expires_at.clone(),
        site_cell(v),
        opt(&v.redeemed_at),
        opt(&v.redeemed_by),
    ]
}

/// What `--after` takes to continue after `v`: its code, unless it is masked.
fn cursor_of(v: &Voucher) -> Option<String> {
    (!v.code.ends_with('…')).then(|| v.code.clone())
}

/// `Harbour Office (4)` once redeemed, `-` before.
fn site_cell(v: &Voucher) -> String {
    v.site
        .as_ref()
        .map_or_else(|| "-".into(), |s| format!("{} ({})", s.name, s.id))
}

/// An unused code is shown whole only to the distributor that bought it and to operators.
fn masked(me: &Actor, mut v: Voucher) -> Voucher {
    if matches!(v.status, Status::Active | Status::Expired) && !me.sees_codes_of(v.distributor_id) {
        v.code = mask_code(&v.code);
    }
    v
}

fn export_csv(
    ctx: &Ctx,
    store: &mut crate::store::Store,
    filter: &Filter,
    me: &Actor,
    limit: Option<u64>,
) -> Result<()> {
    let mut left = limit.unwrap_or(u64::MAX);
    let stdout = std::io::stdout();
    let mut out = csv::Writer::from_writer(std::io::BufWriter::new(stdout.lock()));
    store.read(|conn| {
        if let Some(id) = filter.order_id {
            vouchers::order_exists(conn, id)?;
        }
        out.write_record([
            "code",
            "name",
            "type",
            "years",
            "subscriptions",
            "credits",
            "messages",
            "value_minor",
            "currency",
            "status",
            "expires_at",
            "order_id",
            "site_id",
            "site_name",
            "redeemed_at",
            "redeemed_by",
        ])
        .map_err(csv_error)?;
        let read = vouchers::for_each(conn, filter, ctx.now(), &mut |v| {
            if left == 0 {
                return Err(Error::list_done());
            }
            left -= 1;
            let v = masked(me, v);
            let (site_id, site_name) = match v.site {
                Some(s) => (s.id.to_string(), s.name),
                None => (String::new(), String::new()),
            };
            let cells = [
                v.code,
                v.name,
                v.kind.as_str().to_string(),
                // An empty cell is empty, not a table's `-` (which spreadsheets would be
                // protected from as `'-`).
                v.years.map(|y| y.to_string()).unwrap_or_default(),
                v.subscriptions.map(|s| s.to_string()).unwrap_or_default(),
                v.credits.to_string(),
                v.messages.to_string(),
                v.value.amount_minor.to_string(),
                v.value.currency,
                v.status.to_string(),
                v.expires_at,
                v.order_id.to_string(),
                site_id,
                site_name,
                v.redeemed_at.unwrap_or_default(),
                v.redeemed_by.unwrap_or_default(),
            ];
            out.write_record(cells.iter().map(|c| spreadsheet_safe(c).into_owned()))
                .map_err(csv_error)
        });
        match read {
            Err(e) if !e.is_list_done() => return Err(e),
            _ => {}
        }
        out.flush().map_err(Error::from)
    })
}

fn csv_error(e: csv::Error) -> Error {
    match e.kind() {
        csv::ErrorKind::Io(io) if io.kind() == std::io::ErrorKind::BrokenPipe => {
            Error::from(std::io::Error::from(std::io::ErrorKind::BrokenPipe))
        }
        _ => Error::internal(format!("cannot write CSV: {e}")),
    }
}

/// What `voucher create --dry-run` shows, and what the question shows.
#[derive(Debug, Serialize)]
struct OrderPreview {
    dry_run: bool,
    distributor: String,
    name: String,
    #[serde(rename = "type")]
    kind: &'static str,
    years: Option<i64>,
    subscriptions: Option<i64>,
    credits: i64,
    messages: i64,
    count: i64,
    value: Money,
    total: Money,
    payment_method: &'static str,
}

fn order_preview(plan: &OrderPlan) -> OrderPreview {
    let (years, subscriptions) = match plan.content {
        Content::Video {
            years,
            subscriptions,
            ..
        } => (Some(years), Some(subscriptions)),
        Content::Sms { .. } => (None, None),
    };
    OrderPreview {
        dry_run: true,
        distributor: plan.distributor.name.clone(),
        name: plan.name.clone(),
        kind: plan.content.kind().as_str(),
        years,
        subscriptions,
        credits: plan.content.credits(),
        messages: plan.content.messages(),
        count: plan.count,
        value: plan.unit_value.clone(),
        total: plan.total.clone(),
        payment_method: plan.method.as_str(),
    }
}

fn order_table(p: &OrderPreview) -> crate::output::Table {
    let carries = if p.kind == "sms" {
        format!("{} SMS messages", p.messages)
    } else {
        format!(
            "{} video credits ({} × {} years × 12 months)",
            p.credits,
            opt(&p.subscriptions),
            opt(&p.years)
        )
    };
    fields(&[
        ("Distributor", p.distributor.clone()),
        ("Voucher", format!("'{}' ({})", p.name, p.kind)),
        ("Each carries", carries),
        ("Value of each", p.value.to_string()),
        ("Vouchers", p.count.to_string()),
        ("Total", p.total.to_string()),
        ("Payment", p.payment_method.to_string()),
    ])
}

fn create(ctx: &Ctx, a: VoucherCreate) -> Result<()> {
    let content =
        Content::new(a.kind, a.years, a.subscriptions, a.messages).map_err(Error::usage)?;
    let count = check_count(a.count).map_err(Error::usage)?;
    let name = check_name("--name", &a.name, true).map_err(Error::usage)?;
    let mut store = if a.dry_run {
        ctx.open_existing()?
    } else {
        ctx.open()?
    };
    let plan_in = |tx: &mut dyn Tx| {
        let me = ctx.allow(tx, Action::VoucherCreate, "voucher create")?;
        let distributor = visible_distributor(tx, &a.distributor, &me)?;
        vouchers::plan_order(tx, distributor, name.clone(), content, count, a.payment)
    };
    let plan = store.read(plan_in)?;
    let shown = order_preview(&plan);
    if a.dry_run {
        return emit(ctx.json, &shown, |w| {
            writeln!(w, "Order preview (dry run: nothing was bought)")?;
            write_table(w, &order_table(&shown))
        });
    }
    ctx.confirm(
        &format!("Buy {} voucher(s) for {}?", count, plan.total),
        true,
        || preview(&order_table(&shown)),
    )?;
    let created = store.write(|tx| {
        let plan = plan_in(tx)?;
        crate::domain::pricing::check_unchanged(&shown.total, &plan.total).map_err(Error::from)?;
        vouchers::create_order(tx, &plan, &ctx.stamp(), &mut *ctx.entropy())
    })?;
    note(
        ctx.json,
        &format!(
            "Bought order {} ({} by {}, payment {}). Send each code to its customer; `creditctl voucher export --order {}` writes them as CSV.",
            created.order.id,
            created.order.total,
            created.order.payment_method.as_str(),
            created.order.payment_id,
            created.order.id
        ),
    );
    emit(ctx.json, &created, |w| write_codes(w, &created))
}

/// Orders larger than this print one code per line instead of a drawn table: a table that long
/// is read by programs, and drawing it would cost more than buying the vouchers.
const TABLE_MAX_ROWS: usize = 1_000;

fn write_codes(w: &mut dyn Write, created: &CreatedOrder) -> std::io::Result<()> {
    let vouchers = &created.vouchers;
    writeln!(
        w,
        "Order {}: {} voucher(s), total {}",
        created.order.id,
        vouchers.len(),
        created.order.total
    )?;
    if vouchers.len() > TABLE_MAX_ROWS {
        writeln!(w, "{:<21}  {:>14}  Expires", "Code", "Value")?;
        // Every voucher of an order has the same value and expiry: the rest of each line is
        // made once.
        let rest = format!(
            "  {:>14}  {}\n",
            vouchers.value().to_string(),
            vouchers.expires_at()
        );
        for code in vouchers.codes() {
            w.write_all(&code.grouped())?;
            w.write_all(rest.as_bytes())?;
        }
        return Ok(());
    }
    let mut t = table(["Code", "Name", "Type", "Credits", "SMS", "Value", "Expires"])
        .wide(&["Type", "SMS"])
        .times(&["Expires"])
        .text(&["Name"]);
    for i in 0..vouchers.len() {
        let v = vouchers.get(i);
        t.add_row(vec![
            v.code,
            v.name,
            v.kind.as_str().to_string(),
            v.credits.to_string(),
            v.messages.to_string(),
            v.value.to_string(),
            v.expires_at,
        ]);
    }
    write_table(w, &t)
}

fn voucher_fields(v: &Voucher) -> crate::output::Table {
    fields(&[
        ("Code", v.code.clone()),
        ("Name", v.name.clone()),
        ("Type", v.kind.as_str().to_string()),
        (
            "Years × subscriptions",
            format!("{} × {}", opt(&v.years), opt(&v.subscriptions)),
        ),
        ("Video credits", v.credits.to_string()),
        ("SMS messages", v.messages.to_string()),
        ("Value", v.value.to_string()),
        ("Status", v.status.to_string()),
        ("Distributor", v.distributor.clone()),
        ("Order", v.order_id.to_string()),
        ("Bought", v.created_at.clone()),
        ("Expires", v.expires_at.clone()),
        ("Redeemed", opt(&v.redeemed_at)),
        ("Site", site_cell(v)),
        ("Redeemed by", opt(&v.redeemed_by)),
        ("Cancelled", opt(&v.cancelled_at)),
    ])
}

fn redeem_table(p: &RedeemPlan) -> crate::output::Table {
    fields(&[
        (
            "Voucher",
            format!(
                "{} '{}' ({})",
                p.voucher.code,
                p.voucher.name,
                p.voucher.kind.as_str()
            ),
        ),
        (
            "Site",
            format!(
                "{} ({}), {} model",
                p.site.name,
                p.site.id,
                p.site.model.as_str()
            ),
        ),
        ("Pool", p.outcome.pool.as_str().to_string()),
        ("Credits added", p.outcome.credits_added.to_string()),
        ("Balance before", p.outcome.balance_before.to_string()),
        (
            "Waiting units activated",
            p.outcome.units_activated.to_string(),
        ),
        ("Balance after", p.outcome.balance_after.to_string()),
    ])
}

/// Failed redemptions by one identity, or on one site, within this long block further ones.
const ATTEMPT_WINDOW_HOURS: i64 = 1;
const ATTEMPT_LIMIT: i64 = 10;

/// The refusals of a redemption that count as a failed attempt (a guess, or a mistake).
fn is_failed_attempt(e: &Error) -> bool {
    matches!(
        e.code,
        "not_found"
            | "code_typo"
            | "invalid_code"
            | "voucher_used"
            | "voucher_expired"
            | "voucher_cancelled"
            | "wrong_site_model"
    )
}

fn redeem(ctx: &Ctx, text: &str, site: &str) -> Result<()> {
    let mut store = ctx.open()?;
    let outcome = if ctx.yes {
        // Confirmed beforehand: nothing is shown before it is made, so it is one write
        // transaction, making every check of the confirmed path before it writes.
        store.write(|tx| redeem_checked(ctx, tx, text, site, None))
    } else {
        redeem_confirmed(ctx, &mut store, text, site)
    };
    let (done, low) = outcome??;
    redeemed(ctx, &done, low)
}

/// The checks of a redemption into `site` that a failed attempt is counted against, and the
/// attempt: in a write transaction, so that every attempt is counted under the writers' lock,
/// after the ones before it are recorded (checked in one transaction and recorded in another,
/// twenty redemptions at once on PostgreSQL were all looked at, and none refused as too many).
/// `plan` only reads: when it fails with a failed attempt, the attempt is recorded in the
/// transaction, which commits it (`Ok(Err)`); any other failure rolls it back (`Err`).
fn attempt<T>(
    ctx: &Ctx,
    tx: &mut dyn Tx,
    text: &str,
    site: i64,
    plan: impl FnOnce(&mut dyn Tx, &crate::domain::code::Code) -> Result<T>,
) -> Result<Result<T>> {
    check_attempts(ctx, tx, Some(site))?;
    match code(text).and_then(|c| plan(tx, &c)) {
        Err(e) if is_failed_attempt(&e) => {
            record_attempt(ctx, tx, text, site, &e)?;
            Ok(Err(e))
        }
        outcome => outcome.map(Ok),
    }
}

/// The redemption's write, with every check it depends on made in its transaction: the role,
/// the site, the attempts (a failed one is recorded: see [`attempt`]), the voucher, and, after
/// a question, that it does what the person was `shown` (else refused, and nothing written).
/// Returns it and the low-credit warning it leaves.
///
/// After a question the code is no guess: its plan was counted as an attempt when it was made
/// ([`redeem_confirmed`]). A voucher used elsewhere or expired while the question was open is
/// then refused without a failed attempt recorded (ten such in an hour would lock the person
/// and the site out as if they had been guessing).
fn redeem_checked(
    ctx: &Ctx,
    tx: &mut dyn Tx,
    text: &str,
    site: &str,
    shown: Option<&RedeemPlan>,
) -> Result<Result<(RedeemPlan, Option<String>)>> {
    let me = ctx.allow(tx, Action::VoucherRedeem, "voucher redeem")?;
    let site = visible_site(tx, site, &me)?;
    let now = ctx.now();
    let plan = |tx: &mut dyn Tx, c: &crate::domain::code::Code| {
        vouchers::plan_counted(tx, &me, c, &site, now)
    };
    let planned = match shown {
        None => attempt(ctx, tx, text, site.id, plan)?,
        Some(_) => {
            check_attempts(ctx, tx, Some(site.id))?;
            Ok(code(text).and_then(|c| plan(tx, &c))?)
        }
    };
    match planned {
        Ok(counted) => {
            if let Some(shown) = shown {
                crate::domain::voucher::check_as_shown(&shown.outcome, &counted.plan().outcome)
                    .map_err(Error::from)?;
            }
            let c = code(text)?;
            vouchers::redeem(tx, &c, &site, &ctx.stamp(), counted).map(Ok)
        }
        Err(e) => Ok(Err(e)),
    }
}

/// What a redemption reports.
fn redeemed(ctx: &Ctx, done: &RedeemPlan, low: Option<String>) -> Result<()> {
    note(
        ctx.json,
        &format!(
            "Voucher {} is now used; its credits are in site '{}' ({}).",
            done.voucher.code, done.site.name, done.site.id
        ),
    );
    emit(ctx.json, done, |w| write_table(w, &redeem_table(done)))?;
    warn_low(ctx, low);
    Ok(())
}

/// Refuses a redemption by an identity, or on a site, with too many failures in the last hour.
fn check_attempts(ctx: &Ctx, tx: &mut dyn Tx, site: Option<i64>) -> Result<()> {
    let since = ctx.now() - chrono::Duration::hours(ATTEMPT_WINDOW_HOURS);
    let identity = ctx.stamp().actor;
    let ((by_me, my_oldest), (on_site, site_oldest)) = members::recent_failures(
        tx,
        &identity,
        site,
        (
            &crate::store::fmt_time(since),
            &crate::store::fmt_time(ctx.now()),
        ),
    )?;
    let blocked = |oldest: Option<String>, by: String| -> Result<()> {
        let until = oldest
            .and_then(|t| crate::store::parse_time(&t).ok())
            .map(|t| crate::store::fmt_time(t + chrono::Duration::hours(ATTEMPT_WINDOW_HOURS)))
            .unwrap_or_default();
        Err(Refusal::TooManyAttempts { by, until }.into())
    };
    if by_me >= ATTEMPT_LIMIT {
        return blocked(my_oldest, identity);
    }
    if on_site >= ATTEMPT_LIMIT {
        return blocked(
            site_oldest,
            format!("anyone on site {}", site.unwrap_or_default()),
        );
    }
    Ok(())
}

/// A redemption shown first and confirmed (or refused) before its write.
fn redeem_confirmed(
    ctx: &Ctx,
    store: &mut crate::store::Store,
    text: &str,
    site: &str,
) -> Result<Result<(RedeemPlan, Option<String>)>> {
    // A site that is not there (or not the actor's) is a wrong argument, not a guess.
    let site = store.read(|tx| {
        let me = ctx.allow(tx, Action::VoucherRedeem, "voucher redeem")?;
        visible_site(tx, site, &me)
    })?;
    // The plan shown is a guess's answer: it is counted as the write's is (a write transaction
    // that writes only a failed attempt, not the command's change).
    let plan = store.write_aside(|tx| {
        let me = ctx.allow(tx, Action::VoucherRedeem, "voucher redeem")?;
        let site = visible_site(tx, &site.id.to_string(), &me)?;
        let now = ctx.now();
        attempt(ctx, tx, text, site.id, |tx, c| {
            vouchers::plan_redeem(tx, &me, c, &site, now)
        })
    })?;
    let plan = match plan {
        Ok(plan) => plan,
        Err(e) => return Ok(Err(e)),
    };
    ctx.confirm(
        &format!(
            "Redeem {} into site '{}' ({})? This cannot be undone",
            plan.voucher.code, plan.site.name, plan.site.id
        ),
        false,
        || preview(&redeem_table(&plan)),
    )?;
    let site = plan.site.id.to_string();
    store.write(|tx| redeem_checked(ctx, tx, text, &site, Some(&plan)))
}

/// Records a failed redemption (the one write a refused command makes) in `tx`: who, on which
/// site it was for, when, and the code's first four symbols.
fn record_attempt(ctx: &Ctx, tx: &mut dyn Tx, text: &str, site: i64, e: &Error) -> Result<()> {
    let prefix: String = text
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .take(4)
        .collect::<String>()
        .to_ascii_uppercase();
    members::record_attempt(
        tx,
        &members::Attempt {
            identity: ctx.stamp().actor,
            site: Some(site),
            code_prefix: prefix,
            reason: e.code.to_string(),
            at: ctx.stamp().time(),
        },
    )
}
