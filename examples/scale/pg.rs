//! The PostgreSQL half of the scale benchmark: the same figures as the SQLite half where they
//! make sense, each against a floor measured in the same run on an identical fresh database.
//!
//! - Every database is created here, on the server `--pg URL` names (as a superuser, or a role
//!   with CREATEDB), named `creditctl_bench_PID_*`, and dropped at the end, also on failure.
//! - Each figure times a whole `creditctl` process with `$CREDITCTL_DB` set to the database's
//!   URL. The floors make the same logical changes with the minimal set-based SQL a bare client
//!   (the `postgres` crate, one connection, one transaction) can send; they cannot hash, so
//!   their ledger rows carry a placeholder where the tool's carry the chain.
//! - The deduction runs [`DEDUCT_ROUNDS`] times, each on two copies of one prepared ledger made
//!   with `CREATE DATABASE … TEMPLATE`, floor and tool taking turns at going first.

use super::{
    DEVICES_PER_SITE, DISTRIBUTOR_SETUP, FUNDED_AT, Latency, NOW, PERIOD, PERIOD_END, Run, SAMPLES,
    SITE_CREATED_AT, Sizes, Tool, UNIT_ADDED_AT, code_for, mib, ms, opening_balance, print_table,
    secs, verdict,
};
use anyhow::{Context, Result, ensure};
use chrono::{DateTime, Utc};
use creditctl::args;
use creditctl::store::ledger::{Entry, LedgerWriter, Pool};
use creditctl::store::{Location, OpenMode, Stamp, Store};
use postgres::{Client, NoTls};
use std::ffi::OsStr;
use std::path::Path;
use std::time::{Duration, Instant};

/// Rounds of the deduction, each on two fresh copies of the prepared ledger.
const DEDUCT_ROUNDS: usize = 3;
/// The goal: `deduct run` within this factor of its floor.
const DEDUCT_TARGET: f64 = 1.5;

pub struct Report {
    server: String,
    create: Creation,
    redeem: Latency,
    deduct: Deduction,
}

/// Runs the PostgreSQL figures on the server at `url`.
pub fn run(tool: &Tool, dir: &Path, url: &str, sizes: &Sizes) -> Result<Report> {
    let mut server = Server::connect(url)?;
    eprintln!(
        "PostgreSQL part on {} (server {}), databases {}*",
        server.place(),
        server.version,
        server.prefix
    );
    let create = voucher_creation(&mut server, tool, dir, sizes.create_count)?;
    let redeem = redeem_latency(&mut server, tool, dir, sizes.redeem_vouchers)?;
    let deduct = deduction(&mut server, tool, dir, sizes.sites_large)?;
    let report = Report {
        server: format!("{} ({})", server.place(), server.version),
        create,
        redeem,
        deduct,
    };
    server.drop_all();
    Ok(report)
}

// ---------------------------------------------------------------------------------------------
// The server and its databases

struct Server {
    url: String,
    admin: Client,
    version: String,
    version_num: i64,
    prefix: String,
    /// Databases made and not yet dropped.
    made: Vec<String>,
}

impl Server {
    fn connect(url: &str) -> Result<Server> {
        let mut admin = Client::connect(url, NoTls).with_context(|| {
            format!("cannot connect to the PostgreSQL server at {}", place(url))
        })?;
        let row = admin.query_one(
            "SELECT current_setting('server_version'), current_setting('server_version_num')::bigint",
            &[],
        )?;
        Ok(Server {
            url: url.to_string(),
            admin,
            version: row.get(0),
            version_num: row.get(1),
            prefix: format!("creditctl_bench_{}_", std::process::id()),
            made: Vec::new(),
        })
    }

    fn place(&self) -> String {
        place(&self.url)
    }

    fn name(&self, what: &str) -> String {
        format!("{}{what}", self.prefix)
    }

    /// Creates the database `what`, a copy of `template` when given, and returns its URL.
    fn create(&mut self, what: &str, template: Option<&str>) -> Result<String> {
        let name = self.name(what);
        let sql = match template {
            // FILE_COPY (PostgreSQL 15+) copies the files instead of logging every block.
            Some(t) if self.version_num >= 150_000 => {
                format!(
                    "CREATE DATABASE {name} TEMPLATE {} STRATEGY FILE_COPY",
                    self.name(t)
                )
            }
            Some(t) => format!("CREATE DATABASE {name} TEMPLATE {}", self.name(t)),
            None => format!("CREATE DATABASE {name} TEMPLATE template0"),
        };
        self.admin
            .batch_execute(&sql)
            .with_context(|| format!("cannot run `{sql}`"))?;
        self.made.push(name.clone());
        Ok(url_with_db(&self.url, &name))
    }

    fn drop_db(&mut self, what: &str) -> Result<()> {
        let name = self.name(what);
        self.admin
            .batch_execute(&format!("DROP DATABASE IF EXISTS {name}"))
            .with_context(|| format!("cannot drop database {name}"))?;
        self.made.retain(|n| *n != name);
        Ok(())
    }

    fn drop_all(&mut self) {
        for name in std::mem::take(&mut self.made) {
            let force = if self.version_num >= 130_000 {
                " WITH (FORCE)"
            } else {
                ""
            };
            if let Err(e) = self
                .admin
                .batch_execute(&format!("DROP DATABASE IF EXISTS {name}{force}"))
            {
                eprintln!("cannot drop database {name}: {e}");
            }
        }
    }

    /// Writes every dirty buffer out (server and OS), so that no checkpoint lands in a timed
    /// step.
    fn settle(&mut self) {
        if let Err(e) = self.admin.batch_execute("CHECKPOINT") {
            eprintln!("    (CHECKPOINT refused: {e})");
        }
        super::settle();
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.drop_all();
    }
}

/// `url` with its database replaced by `db` (the query string kept).
fn url_with_db(url: &str, db: &str) -> String {
    let (base, query) = match url.split_once('?') {
        Some((b, q)) => (b, Some(q)),
        None => (url, None),
    };
    let host_at = base.find("://").map_or(0, |i| i + 3);
    let path_at = base[host_at..]
        .find('/')
        .map_or(base.len(), |i| host_at + i);
    let mut out = format!("{}/{db}", &base[..path_at]);
    if let Some(q) = query {
        out.push('?');
        out.push_str(q);
    }
    out
}

/// The host part of `url`, without user or password.
fn place(url: &str) -> String {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let rest = rest.rsplit_once('@').map_or(rest, |(_, r)| r);
    rest.split(['/', '?']).next().unwrap_or(rest).to_string()
}

fn connect(url: &str) -> Result<Client> {
    Client::connect(url, NoTls).with_context(|| format!("cannot connect to {}", place(url)))
}

fn query_i64(url: &str, sql: &str) -> Result<i64> {
    Ok(connect(url)?.query_one(sql, &[])?.get(0))
}

impl Tool {
    /// Runs the binary on the PostgreSQL database `url`; `scratch` names the helper's files.
    fn run_pg(&self, url: &str, dir: &Path, scratch: &str, args: &[&str]) -> Result<Run> {
        self.spawn_at(OsStr::new(url), &dir.join(scratch), args, false)
    }
}

/// Runs the tool's setup commands on a new database `what` and returns its URL.
fn tool_database(
    server: &mut Server,
    tool: &Tool,
    dir: &Path,
    what: &str,
    setup: &[&[&str]],
) -> Result<String> {
    let url = server.create(what, None)?;
    for args in setup {
        tool.run_pg(&url, dir, what, args)?;
    }
    Ok(url)
}

/// Times several runs: min, median, max.
fn spread(samples: &[Duration]) -> (Duration, Duration, Duration) {
    let mut s = samples.to_vec();
    s.sort();
    let n = s.len();
    let median = if n % 2 == 1 {
        s[n / 2]
    } else {
        (s[n / 2 - 1] + s[n / 2]) / 2
    };
    (s[0], median, s[n - 1])
}

fn spread_text(samples: &[Duration], unit: fn(Duration) -> String) -> String {
    let (min, median, max) = spread(samples);
    if samples.len() == 1 {
        return unit(median);
    }
    format!("{} / {} / {}", unit(min), unit(median), unit(max))
}

// ---------------------------------------------------------------------------------------------
// 1. Voucher creation

struct Creation {
    count: i64,
    tool: Duration,
    tool_rss_kib: i64,
    floor: Duration,
    floor_open_close: Duration,
}

/// Inserts one payment, one order and `codes.len()` vouchers as `vouchers::create_order` does,
/// set-based: the vouchers in one `INSERT … SELECT` over the codes sent as one array.
fn insert_order(
    tx: &mut postgres::Transaction,
    distributor_id: i64,
    name: &str,
    subscriptions: i64,
    credits: i64,
    value_minor: i64,
    codes: &[String],
) -> Result<()> {
    let n = codes.len() as i64;
    let payment_id: i64 = tx
        .query_one(
            "INSERT INTO payment (id, kind, method, amount_minor, currency, distributor_id, site_id, description, actor, created_at)
             VALUES ((SELECT coalesce(max(id), 0) + 1 FROM payment), 'voucher_order', 'invoice', $1, 'EUR', $2, NULL, $3, session_user, $4) RETURNING id",
            &[&(value_minor * n), &distributor_id, &format!("{n} × voucher '{name}'"), &NOW],
        )?
        .get(0);
    let order_id: i64 = tx
        .query_one(
            "INSERT INTO voucher_order (id, distributor_id, payment_id, created_at)
             VALUES ((SELECT coalesce(max(id), 0) + 1 FROM voucher_order), $1, $2, $3) RETURNING id",
            &[&distributor_id, &payment_id, &NOW],
        )?
        .get(0);
    tx.execute(
        "INSERT INTO voucher (id, code, order_id, name, type, years, subscriptions, credits, messages, value_minor, currency, created_at, expires_at)
         SELECT (SELECT coalesce(max(id), 0) FROM voucher) + t.n, t.code, $2, $3, 'device', 1, $4, $5, 0, $6, 'EUR', $7, '2029-11-05T10:00:00Z'
         FROM unnest($1::text[]) WITH ORDINALITY AS t(code, n)",
        &[&codes, &order_id, &name, &subscriptions, &credits, &value_minor, &NOW],
    )?;
    Ok(())
}

fn distributor_id(client: &mut Client) -> Result<i64> {
    Ok(client
        .query_one("SELECT id FROM distributor WHERE name = 'Acme'", &[])?
        .get(0))
}

fn voucher_creation(server: &mut Server, tool: &Tool, dir: &Path, n: i64) -> Result<Creation> {
    eprintln!("[pg1] voucher create --count {n}");
    let tool_url = tool_database(server, tool, dir, "create_tool", DISTRIBUTOR_SETUP)?;
    let floor_url = tool_database(server, tool, dir, "create_floor", DISTRIBUTOR_SETUP)?;
    let count_arg = n.to_string();
    server.settle();
    let run = tool.run_pg(
        &tool_url,
        dir,
        "create_tool",
        &[
            "voucher",
            "create",
            "--distributor",
            "Acme",
            "--name",
            "Bench",
            "--years",
            "1",
            "--subscriptions",
            "10",
            "--count",
            &count_arg,
            "--payment",
            "invoice",
            "--yes",
        ],
    )?;
    let made = query_i64(&tool_url, "SELECT count(*) FROM voucher")?;
    ensure!(made == n, "the tool made {made} vouchers, not {n}");
    eprintln!("    tool  {}", secs(run.wall));

    let codes: Vec<String> = (0..n as u64).map(code_for).collect();
    server.settle();
    let opened = Instant::now();
    let mut client = connect(&floor_url)?;
    let distributor = distributor_id(&mut client)?;
    let begun = Instant::now();
    let mut tx = client.transaction()?;
    insert_order(&mut tx, distributor, "Bench", 10, 120, 24_000, &codes)?;
    tx.commit()?;
    let floor = begun.elapsed();
    drop(client);
    let floor_open_close = opened.elapsed();
    let made = query_i64(&floor_url, "SELECT count(*) FROM voucher")?;
    ensure!(made == n, "the floor made {made} vouchers, not {n}");
    eprintln!(
        "    floor {} (with connect and close: {})",
        secs(floor),
        secs(floor_open_close)
    );
    server.drop_db("create_tool")?;
    server.drop_db("create_floor")?;
    Ok(Creation {
        count: n,
        tool: run.wall,
        tool_rss_kib: run.max_rss_kib,
        floor,
        floor_open_close,
    })
}

// ---------------------------------------------------------------------------------------------
// 2. Redeem latency

fn redeem_latency(server: &mut Server, tool: &Tool, dir: &Path, n: i64) -> Result<Latency> {
    eprintln!("[pg2] voucher redeem on a ledger of {n} vouchers");
    let mut setup = DISTRIBUTOR_SETUP.to_vec();
    setup.push(&["site", "create", "Office", "--model", "device"]);
    let url = tool_database(server, tool, dir, "redeem", &setup)?;
    let built = Instant::now();
    let offset = 1u64 << 40;
    let codes: Vec<String> = (0..n as u64).map(|i| code_for(offset + i)).collect();
    {
        let mut client = connect(&url)?;
        let distributor = distributor_id(&mut client)?;
        let mut tx = client.transaction()?;
        insert_order(&mut tx, distributor, "Bulk", 1, 12, 2_400, &codes)?;
        tx.commit()?;
        client.batch_execute("VACUUM ANALYZE")?;
    }
    eprintln!("    built in {}", secs(built.elapsed()));

    let mut latency = Latency {
        what: "voucher redeem".into(),
        samples: Vec::new(),
        max_rss_kib: 0,
    };
    server.settle();
    for k in 0..SAMPLES {
        let code = &codes[k * codes.len() / SAMPLES + 1];
        let run = tool.run_pg(
            &url,
            dir,
            "redeem",
            &["voucher", "redeem", code, "--site", "Office", "--yes"],
        )?;
        latency.samples.push(run.wall);
        latency.max_rss_kib = latency.max_rss_kib.max(run.max_rss_kib);
    }
    let used = query_i64(
        &url,
        "SELECT count(*) FROM voucher WHERE redeemed_at IS NOT NULL",
    )?;
    let balance = query_i64(&url, "SELECT video_balance FROM site WHERE name = 'Office'")?;
    ensure!(
        used == SAMPLES as i64 && balance == 12 * SAMPLES as i64,
        "expected {SAMPLES} redemptions, found {used} used vouchers and a balance of {balance}"
    );
    latency.report();
    server.drop_db("redeem")?;
    Ok(latency)
}

// ---------------------------------------------------------------------------------------------
// 3. Deduction at platform scale

/// The prepared ledger: `sites` device-model sites with [`DEVICES_PER_SITE`] devices each, the
/// schema made by the tool, sites, units and devices inserted set-based, the opening balances
/// posted through the tool's own `LedgerWriter` (`append_all`) so that the hash chain verifies.
fn build_platform(server: &mut Server, tool: &Tool, dir: &Path, sites: i64) -> Result<()> {
    let built = Instant::now();
    let url = tool_database(
        server,
        tool,
        dir,
        "deduct_prepared",
        &[&["distributor", "add", "Acme"]],
    )?;
    let mut store = Store::open(
        &Location::Postgres(url.clone()),
        OpenMode::Write,
        Duration::from_secs(60),
    )?;
    // On PostgreSQL the actor is the database user.
    let stamp = Stamp {
        actor: store.authenticated_user().context("no PostgreSQL user")?,
        now: DateTime::parse_from_rfc3339(FUNDED_AT)?.with_timezone(&Utc),
    };
    store.write(|tx| {
        tx.exec(
            "INSERT INTO site (id, name, model, created_at, created_by)
             SELECT g, 'Site ' || g, 'device', ?2, session_user FROM generate_series(1, ?1::bigint) g",
            args![sites, SITE_CREATED_AT],
        )?;
        // Unit n of site s is number (s - 1) * DEVICES_PER_SITE + k + 1, named by its serial
        // NN-NNNN-NNNN, as the SQLite fixture numbers them.
        tx.exec(
            "INSERT INTO unit (id, site_id, name, added_at)
             SELECT n, s, lpad((n / 100000000)::text, 2, '0') || '-' || lpad(((n / 10000) % 10000)::text, 4, '0')
                          || '-' || lpad((n % 10000)::text, 4, '0'), ?3
             FROM generate_series(1, ?1::bigint) s, generate_series(0, ?2::bigint - 1) k,
                  LATERAL (SELECT (s - 1) * ?2::bigint + k + 1 AS n) x
             ORDER BY n",
            args![sites, DEVICES_PER_SITE, UNIT_ADDED_AT],
        )?;
        tx.exec(
            "INSERT INTO device (serial, site_id, unit_id, added_at)
             SELECT name, site_id, id, added_at FROM unit ORDER BY id",
            &[],
        )?;
        // The opening balances, posted as `append` would one by one, in a few statements.
        let mut ledger = LedgerWriter::new(tx, &stamp)?;
        let funded: Vec<(i64, i64)> = (1..=sites)
            .map(|id| (id, opening_balance(id)))
            .filter(|(_, amount)| *amount > 0)
            .collect();
        let entries: Vec<Entry> = funded
            .iter()
            .map(|&(site_id, amount)| Entry {
                site_id,
                pool: Pool::Video,
                amount,
                kind: "adjustment",
                reason: "bench",
                reference: "bench",
                payload: Default::default(),
            })
            .collect();
        ledger.append_all(tx, &entries, &vec![0; entries.len()])?;
        Ok(())
    })?;
    drop(store);
    connect(&url)?.batch_execute("VACUUM ANALYZE")?;
    eprintln!(
        "    built {sites} sites, {} devices in {}",
        sites * DEVICES_PER_SITE,
        secs(built.elapsed())
    );
    Ok(())
}

/// The same changes as `deduct run --period PERIOD`, set-based, without the hash: the plan into
/// temporary tables, then one statement per table written, all sent in one simple query (one
/// round trip). The same SQL as the SQLite floor but for the dialect and the reason's plural.
fn floor_deduct_sql() -> String {
    format!(
        "
BEGIN;
CREATE TEMP TABLE plan ON COMMIT DROP AS
SELECT site_id, unit_id FROM (
    SELECT u.site_id, u.id AS unit_id, s.video_balance AS balance,
           ROW_NUMBER() OVER (PARTITION BY u.site_id ORDER BY u.id) AS n
    FROM unit u JOIN site s ON s.id = u.site_id
    WHERE u.removed_at IS NULL AND u.added_at < '{PERIOD_END}'
      AND NOT EXISTS (SELECT 1 FROM charge c WHERE c.period = '{PERIOD}' AND c.unit_id = u.id)
) due WHERE n <= balance;
CREATE TEMP TABLE site_plan ON COMMIT DROP AS
SELECT site_id, count(*) AS units,
       (SELECT coalesce(max(id), 0) FROM ledger) + ROW_NUMBER() OVER (ORDER BY site_id) AS ledger_id
FROM plan GROUP BY site_id;
INSERT INTO ledger (id, site_id, pool, amount, balance_after, kind, reason, reference, actor, created_at, prev_hash, hash)
SELECT p.ledger_id, p.site_id, 'video', -p.units, s.video_balance - p.units, 'charge',
       'monthly charge {PERIOD}: ' || p.units || CASE WHEN p.units = 1 THEN ' unit' ELSE ' units' END,
       'period:{PERIOD}', session_user, '{NOW}', 'placeholder', 'placeholder'
FROM site_plan p JOIN site s ON s.id = p.site_id ORDER BY p.ledger_id;
INSERT INTO charge (period, unit_id, ledger_id)
SELECT '{PERIOD}', p.unit_id, sp.ledger_id FROM plan p JOIN site_plan sp ON sp.site_id = p.site_id
ORDER BY p.unit_id;
UPDATE site SET video_balance = video_balance - p.units FROM site_plan p WHERE site.id = p.site_id;
COMMIT;
"
    )
}

/// Runs the floor on `url`: (BEGIN..COMMIT, including connect and close).
fn floor_deduct(url: &str) -> Result<(Duration, Duration)> {
    let sql = floor_deduct_sql();
    let opened = Instant::now();
    let mut client = connect(url)?;
    let begun = Instant::now();
    client.batch_execute(&sql)?;
    let floor = begun.elapsed();
    drop(client);
    Ok((floor, opened.elapsed()))
}

/// What must be equal after the tool's and the floor's deduction.
#[derive(Debug, PartialEq, Eq)]
struct Outcome {
    /// md5 of every site's id and balance, and their total.
    sites: String,
    balance_total: i64,
    /// md5 of the period's charges (period, unit, ledger row), and their count.
    charges: String,
    charge_count: i64,
    /// md5 of the charge rows of the ledger (id, site, amount, balance after, reason, reference)
    /// and the number of ledger rows.
    ledger: String,
    ledger_rows: i64,
}

fn outcome(url: &str) -> Result<Outcome> {
    let mut c = connect(url)?;
    let sites = c.query_one(
        "SELECT md5(string_agg(id || ':' || video_balance, ',' ORDER BY id)), sum(video_balance)::bigint FROM site",
        &[],
    )?;
    let charges = c.query_one(
        &format!(
            "SELECT md5(string_agg(period || ':' || unit_id || ':' || ledger_id, ',' ORDER BY unit_id)), count(*)
             FROM charge WHERE period = '{PERIOD}'"
        ),
        &[],
    )?;
    let ledger = c.query_one(
        "SELECT md5(string_agg(id || ':' || site_id || ':' || amount || ':' || balance_after || ':' || reason || ':' || reference, ',' ORDER BY id)),
                (SELECT count(*) FROM ledger)
         FROM ledger WHERE kind = 'charge'",
        &[],
    )?;
    Ok(Outcome {
        sites: sites.get(0),
        balance_total: sites.get(1),
        charges: charges.get(0),
        charge_count: charges.get(1),
        ledger: ledger.get(0),
        ledger_rows: ledger.get(1),
    })
}

struct Deduction {
    sites: i64,
    tool: Vec<Duration>,
    tool_rss_kib: i64,
    floor: Vec<Duration>,
    floor_open_close: Vec<Duration>,
    charges: i64,
    balance_total: i64,
    verify: Duration,
    verify_rows: String,
}

fn deduction(server: &mut Server, tool: &Tool, dir: &Path, sites: i64) -> Result<Deduction> {
    eprintln!("[pg3] deduct run on {sites} sites, {DEDUCT_ROUNDS} rounds");
    build_platform(server, tool, dir, sites)?;
    let expected: i64 = (1..=sites)
        .map(|id| opening_balance(id).min(DEVICES_PER_SITE))
        .sum();
    let mut out = Deduction {
        sites,
        tool: Vec::new(),
        tool_rss_kib: 0,
        floor: Vec::new(),
        floor_open_close: Vec::new(),
        charges: 0,
        balance_total: 0,
        verify: Duration::ZERO,
        verify_rows: String::new(),
    };
    for round in 0..DEDUCT_ROUNDS {
        let floor_name = format!("deduct_floor_{round}");
        let tool_name = format!("deduct_tool_{round}");
        let floor_url = server.create(&floor_name, Some("deduct_prepared"))?;
        let tool_url = server.create(&tool_name, Some("deduct_prepared"))?;
        let mut run_floor = |server: &mut Server| -> Result<()> {
            server.settle();
            let (floor, floor_open_close) = floor_deduct(&floor_url)?;
            eprintln!(
                "    round {round} floor {} (with connect and close: {})",
                secs(floor),
                secs(floor_open_close)
            );
            out.floor.push(floor);
            out.floor_open_close.push(floor_open_close);
            Ok(())
        };
        let mut tool_run: Option<Run> = None;
        let mut run_tool = |server: &mut Server| -> Result<()> {
            server.settle();
            let run = tool.run_pg(
                &tool_url,
                dir,
                &tool_name,
                &["deduct", "run", "--period", PERIOD],
            )?;
            eprintln!(
                "    round {round} tool  {}, peak RSS {}",
                secs(run.wall),
                mib(run.max_rss_kib)
            );
            tool_run = Some(run);
            Ok(())
        };
        // Take turns at going first.
        if round % 2 == 0 {
            run_floor(server)?;
            run_tool(server)?;
        } else {
            run_tool(server)?;
            run_floor(server)?;
        }
        let run = tool_run.context("the tool did not run")?;
        out.tool.push(run.wall);
        out.tool_rss_kib = out.tool_rss_kib.max(run.max_rss_kib);

        let t = outcome(&tool_url)?;
        let f = outcome(&floor_url)?;
        ensure!(t == f, "tool and floor differ:\n tool  {t:?}\n floor {f:?}");
        ensure!(
            t.charge_count == expected,
            "{} charges, expected {expected}",
            t.charge_count
        );
        eprintln!(
            "    equal: {} charges, balances total {}, ledger rows {}",
            t.charge_count, t.balance_total, t.ledger_rows
        );
        out.charges = t.charge_count;
        out.balance_total = t.balance_total;

        if round + 1 == DEDUCT_ROUNDS {
            let verify = tool.spawn_at(
                OsStr::new(&tool_url),
                &dir.join(&tool_name),
                &["--json", "ledger", "verify"],
                true,
            )?;
            let report: serde_json::Value = serde_json::from_str(&verify.stdout)
                .with_context(|| format!("ledger verify printed {}", verify.stdout))?;
            ensure!(
                report["ok"] == serde_json::Value::Bool(true),
                "ledger verify did not pass: {}",
                verify.stdout.trim()
            );
            eprintln!("    ledger verify passed in {}", secs(verify.wall));
            out.verify = verify.wall;
            out.verify_rows = format!("{} rows, {} charges", report["rows"], report["charges"]);
        }
        server.drop_db(&floor_name)?;
        server.drop_db(&tool_name)?;
    }
    server.drop_db("deduct_prepared")?;
    Ok(out)
}

// ---------------------------------------------------------------------------------------------
// Summary

pub fn print_summary(sizes: &Sizes, report: &Report, total: Duration) {
    let create = &report.create;
    let redeem = &report.redeem;
    let deduct = &report.deduct;
    let create_ratio = create.tool.as_secs_f64() / create.floor.as_secs_f64();
    let (_, tool_median, _) = spread(&deduct.tool);
    let (_, floor_median, _) = spread(&deduct.floor);
    let (_, floor_oc_median, _) = spread(&deduct.floor_open_close);
    let deduct_ratio = tool_median.as_secs_f64() / floor_median.as_secs_f64();
    let deduct_ratio_oc = tool_median.as_secs_f64() / floor_oc_median.as_secs_f64();
    let blank = String::new;
    let rounds = deduct.tool.len();
    let rows: Vec<[String; 4]> = vec![
        [
            format!("voucher create --count {}: tool", create.count),
            secs(create.tool),
            blank(),
            blank(),
        ],
        [
            "  floor (BEGIN..COMMIT, INSERT … SELECT unnest)".into(),
            secs(create.floor),
            blank(),
            blank(),
        ],
        [
            "  floor incl. connect + close".into(),
            secs(create.floor_open_close),
            blank(),
            blank(),
        ],
        [
            "  ratio tool / floor".into(),
            format!("{create_ratio:.2}x"),
            blank(),
            blank(),
        ],
        [
            "  tool peak RSS".into(),
            mib(create.tool_rss_kib),
            blank(),
            blank(),
        ],
        [
            format!(
                "{} ({} vouchers) min / median / max",
                redeem.what, sizes.redeem_vouchers
            ),
            spread_text(&redeem.samples, ms),
            blank(),
            blank(),
        ],
        [
            "  peak RSS".into(),
            mib(redeem.max_rss_kib),
            blank(),
            blank(),
        ],
        [
            format!(
                "deduct run {} sites / {} devices: tool, min / median / max of {rounds}",
                deduct.sites,
                deduct.sites * DEVICES_PER_SITE
            ),
            spread_text(&deduct.tool, secs),
            blank(),
            blank(),
        ],
        [
            "  floor (set-based SQL, BEGIN..COMMIT)".into(),
            spread_text(&deduct.floor, secs),
            blank(),
            blank(),
        ],
        [
            "  floor incl. connect + close".into(),
            spread_text(&deduct.floor_open_close, secs),
            blank(),
            blank(),
        ],
        [
            "  ratio tool / floor (medians)".into(),
            format!("{deduct_ratio:.2}x"),
            format!("<= {DEDUCT_TARGET}x"),
            verdict(deduct_ratio <= DEDUCT_TARGET).into(),
        ],
        [
            "  ratio tool / floor of each round (same load)".into(),
            deduct
                .tool
                .iter()
                .zip(&deduct.floor)
                .map(|(t, f)| format!("{:.2}x", t.as_secs_f64() / f.as_secs_f64()))
                .collect::<Vec<_>>()
                .join(" "),
            blank(),
            blank(),
        ],
        [
            "  ratio tool / floor incl. connect + close".into(),
            format!("{deduct_ratio_oc:.2}x"),
            blank(),
            blank(),
        ],
        [
            "  both copies equal (charges, balance total)".into(),
            format!("{}, {}", deduct.charges, deduct.balance_total),
            "equal".into(),
            "ok".into(),
        ],
        [
            "  ledger verify (tool copy)".into(),
            format!("{} ({})", secs(deduct.verify), deduct.verify_rows),
            "passes".into(),
            "ok".into(),
        ],
        [
            "  tool peak RSS".into(),
            mib(deduct.tool_rss_kib),
            blank(),
            blank(),
        ],
    ];
    println!();
    println!(
        "creditctl scale benchmark on PostgreSQL {} ({} size, {} processes per latency figure)",
        report.server, sizes.label, SAMPLES
    );
    print_table(&rows);
    println!();
    println!("PostgreSQL part runtime: {}", secs(total));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls() {
        assert_eq!(
            url_with_db("postgres://u:p@h:5432/postgres?sslmode=disable", "x"),
            "postgres://u:p@h:5432/x?sslmode=disable"
        );
        assert_eq!(url_with_db("postgres://h", "x"), "postgres://h/x");
        assert_eq!(place("postgres://u:p@h:5432/db"), "h:5432");
    }
}
