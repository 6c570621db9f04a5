//! Scale benchmark: times the release binary against a bare-SQL floor on large ledgers.
//!
//! ```text
//! cargo run --release --example scale            # full size (about half a minute)
//! cargo run --release --example scale -- --quick # a tenth of the size, for a smoke run
//! cargo run --release --example scale -- --bin PATH/TO/creditctl
//! cargo run --release --example scale -- --keep  # keep the ledgers for a closer look
//! cargo run --release --example scale -- --pg postgres://postgres@127.0.0.1:5432/postgres
//! CREDITCTL_BENCH_PG=postgres://... cargo run --release --example scale
//! ```
//!
//! With `--pg URL` (or `$CREDITCTL_BENCH_PG`) the PostgreSQL part runs too, after the SQLite
//! part: see [`pg`]. It creates its own `creditctl_bench_*` databases on that server and drops
//! them at the end; `--pg-only` skips the SQLite part.
//!
//! Every ledger lives in a temporary directory that is removed at the end. Each figure times a
//! whole `creditctl` process (start to exit, stdout to /dev/null); the floors time the same
//! database changes made by hand with rusqlite under the pragmas the tool uses. Progress goes to
//! stderr, the summary table to stdout.

use anyhow::{Context, Result, bail, ensure};
use chrono::{DateTime, Utc};
use creditctl::domain::code::{Code, ENTROPY_BYTES};
use creditctl::store::Stamp;
use creditctl::store::ledger::{Entry, LedgerWriter, Pool};
use rusqlite::{Connection, TransactionBehavior, params};
use std::ffi::OsStr;
use std::fs::File;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant, SystemTime};

/// The pinned clock of every command and every row written here.
const NOW: &str = "2026-11-05T10:00:00Z";
const ACTOR: &str = "bench";
const PERIOD: &str = "2026-11";
/// The first instant after [`PERIOD`].
const PERIOD_END: &str = "2026-12-01T00:00:00Z";
const UNIT_ADDED_AT: &str = "2026-10-01T00:00:00Z";
const SITE_CREATED_AT: &str = "2026-09-01T00:00:00Z";
const FUNDED_AT: &str = "2026-10-01T00:00:00Z";
const DEVICES_PER_SITE: i64 = 10;
/// Processes timed for each latency figure.
const SAMPLES: usize = 20;
/// The pragmas `Store::open` sets on every connection.
const TOOL_PRAGMAS: &str = "PRAGMA journal_mode = WAL; PRAGMA foreign_keys = ON; PRAGMA synchronous = FULL; PRAGMA cache_size = -65536; PRAGMA temp_store = MEMORY;";
/// The most SQLite's page cache may hold per connection (`PRAGMA cache_size = -65536`): what a
/// process's RSS may grow by with the size of the ledger.
const PAGE_CACHE_KIB: i64 = 65_536;
/// Pragmas for building fixtures quickly (durability does not matter there).
const BUILD_PRAGMAS: &str = "PRAGMA journal_mode = WAL; PRAGMA foreign_keys = ON; PRAGMA synchronous = OFF; PRAGMA cache_size = -262144; PRAGMA temp_store = MEMORY;";

mod pg;

struct Sizes {
    label: &'static str,
    /// Vouchers in the timed `voucher create`.
    create_count: i64,
    /// Vouchers in the ledger that redemptions are timed on.
    redeem_vouchers: i64,
    /// Sites of the smaller deduction ledger (memory comparison only).
    sites_small: i64,
    /// Sites of the platform-scale deduction ledger.
    sites_large: i64,
}

impl Sizes {
    fn full() -> Sizes {
        Sizes {
            label: "full",
            create_count: 100_000,
            redeem_vouchers: 1_000_000,
            sites_small: 10_000,
            sites_large: 100_000,
        }
    }

    fn quick() -> Sizes {
        Sizes {
            label: "quick",
            create_count: 10_000,
            redeem_vouchers: 100_000,
            sites_small: 1_000,
            sites_large: 10_000,
        }
    }
}

fn main() -> Result<()> {
    let started = Instant::now();
    let mut sizes = Sizes::full();
    let mut bin: Option<PathBuf> = None;
    let mut keep = false;
    let mut pg_url = std::env::var("CREDITCTL_BENCH_PG")
        .ok()
        .filter(|u| !u.is_empty());
    let mut pg_only = false;
    let mut args = std::env::args().skip(1);
    if std::env::args().nth(1).as_deref() == Some(MEASURE_CHILD) {
        return measure_child(args.skip(1));
    }
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--quick" => sizes = Sizes::quick(),
            "--keep" => keep = true,
            "--bin" => bin = Some(args.next().context("--bin needs a path")?.into()),
            "--pg" => pg_url = Some(args.next().context("--pg needs a postgres:// URL")?),
            "--pg-only" => pg_only = true,
            "-h" | "--help" => {
                println!(
                    "usage: cargo run --release --example scale [-- --quick] [--keep] [--bin PATH] [--pg URL [--pg-only]]"
                );
                return Ok(());
            }
            other => bail!("unknown argument '{other}'; try --help"),
        }
    }
    let tool = Tool {
        bin: match bin {
            Some(path) => path,
            None => fresh_release_binary()?,
        },
    };
    let dir = tempfile::tempdir().context("cannot make a temporary directory")?;
    eprintln!(
        "scale benchmark ({} size), binary {}, work dir {}",
        sizes.label,
        tool.bin.display(),
        dir.path().display()
    );

    ensure!(
        !pg_only || pg_url.is_some(),
        "--pg-only needs --pg URL or $CREDITCTL_BENCH_PG"
    );
    if !pg_only {
        let create = voucher_creation(&tool, dir.path(), sizes.create_count)?;
        let redeem = redeem_latency(&tool, dir.path(), sizes.redeem_vouchers)?;
        let small = deduct_memory(&tool, dir.path(), sizes.sites_small)?;
        let large = deduction(&tool, dir.path(), sizes.sites_large)?;
        let show = credits_show_latency(&tool, &large.tool_db, sizes.sites_large)?;

        let total = started.elapsed();
        print_summary(&sizes, &create, &redeem, &small, &large, &show, total);
    }
    if let Some(url) = pg_url {
        let pg_started = Instant::now();
        let report = pg::run(&tool, dir.path(), &url, &sizes)?;
        pg::print_summary(&sizes, &report, pg_started.elapsed());
    }
    if keep {
        println!("ledgers kept in {}", dir.keep().display());
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// Running the binary

struct Tool {
    bin: PathBuf,
}

/// One finished `creditctl` process.
struct Run {
    wall: Duration,
    /// Peak resident set of the process, in KiB (Linux reports `ru_maxrss` in KiB).
    max_rss_kib: i64,
    stdout: String,
}

impl Tool {
    /// Runs the binary on `db` with the pinned clock and actor, stdout to /dev/null.
    fn run(&self, db: &Path, args: &[&str]) -> Result<Run> {
        self.spawn(db, args, false)
    }

    /// Like [`Tool::run`] but keeps stdout.
    fn run_captured(&self, db: &Path, args: &[&str]) -> Result<Run> {
        self.spawn(db, args, true)
    }

    /// Runs the binary through a fresh copy of this program in [`MEASURE_CHILD`] mode, which
    /// times it and reads its peak RSS. Linux folds the RSS of the process that spawns a child
    /// into the child's `ru_maxrss` (at exec, the old address space's high-water mark is kept),
    /// so a child spawned from this process, grown large by building fixtures, would report this
    /// process's size; the helper is a few MiB.
    fn spawn(&self, db: &Path, args: &[&str], capture: bool) -> Result<Run> {
        self.spawn_at(db.as_os_str(), db, args, capture)
    }

    /// Like [`Tool::spawn`] for any `$CREDITCTL_DB` (a PostgreSQL URL too); `scratch` is a path
    /// in the work directory whose `.stderr` and `.result` siblings the helper writes.
    fn spawn_at(&self, db: &OsStr, scratch: &Path, args: &[&str], capture: bool) -> Result<Run> {
        let stderr_path = scratch.with_extension("stderr");
        let result_path = scratch.with_extension("result");
        let stderr = File::create(&stderr_path)?;
        let mut cmd = Command::new(std::env::current_exe()?);
        cmd.arg(MEASURE_CHILD)
            .arg(&result_path)
            .arg(&self.bin)
            .args(args)
            .env_clear()
            .env("CREDITCTL_DB", db)
            .env("CREDITCTL_NOW", NOW)
            .env("NO_COLOR", "1")
            .stdin(Stdio::null())
            .stdout(if capture {
                Stdio::piped()
            } else {
                Stdio::null()
            })
            .stderr(stderr);
        // On PostgreSQL the acting identity is the database user, and naming another is refused.
        if !db.to_string_lossy().starts_with("postgres") {
            cmd.env("CREDITCTL_ACTOR", ACTOR);
        }
        let mut helper = cmd.spawn().context("cannot start the measuring helper")?;
        let mut stdout = String::new();
        if let Some(mut out) = helper.stdout.take() {
            out.read_to_string(&mut stdout)?;
        }
        let helper_status = helper.wait()?;
        let err = || -> String {
            std::fs::read_to_string(&stderr_path)
                .unwrap_or_default()
                .trim()
                .to_string()
        };
        ensure!(
            helper_status.success(),
            "the measuring helper failed ({helper_status}): {}",
            err()
        );
        let result = std::fs::read_to_string(&result_path)?;
        let fields: Vec<i64> = result
            .split_whitespace()
            .map(str::parse)
            .collect::<Result<_, _>>()
            .with_context(|| format!("bad helper result '{result}'"))?;
        let [wall_ns, max_rss_kib, status] = fields[..] else {
            bail!("bad helper result '{result}'");
        };
        ensure!(
            status == 0,
            "`creditctl {}` failed (exit {status}): {}",
            args.join(" "),
            err()
        );
        Ok(Run {
            wall: Duration::from_nanos(wall_ns as u64),
            max_rss_kib,
            stdout,
        })
    }
}

/// The hidden first argument that makes this program the measuring helper:
/// `scale --measure-child RESULT_FILE BIN ARGS...` runs BIN with the inherited environment and
/// stdio and writes `wall_ns max_rss_kib exit_code` to RESULT_FILE.
const MEASURE_CHILD: &str = "--measure-child";

fn measure_child(mut args: impl Iterator<Item = String>) -> Result<()> {
    let result = PathBuf::from(args.next().context("no result file")?);
    let bin = args.next().context("no binary")?;
    let start = Instant::now();
    let child = Command::new(&bin)
        .args(args)
        .spawn()
        .with_context(|| format!("cannot start {bin}"))?;
    let (status, max_rss_kib) = wait4(child.id())?;
    let wall = start.elapsed();
    std::fs::write(
        result,
        format!("{} {max_rss_kib} {}", wall.as_nanos(), status.unwrap_or(-1)),
    )?;
    Ok(())
}

/// Reaps the child and returns its exit code (None when killed by a signal) and its own peak
/// RSS in KiB, which `wait4` reports per child.
fn wait4(pid: u32) -> Result<(Option<i32>, i64)> {
    let mut status: libc::c_int = 0;
    // SAFETY: rusage is plain old data; all-zero is a valid value.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    loop {
        // SAFETY: `pid` is our own unreaped child; both pointers are valid for the call.
        let r = unsafe { libc::wait4(pid as libc::pid_t, &mut status, 0, &mut usage) };
        if r >= 0 {
            break;
        }
        let err = std::io::Error::last_os_error();
        if err.kind() != std::io::ErrorKind::Interrupted {
            return Err(err).context("wait4 failed");
        }
    }
    let code = libc::WIFEXITED(status).then(|| libc::WEXITSTATUS(status));
    Ok((code, usage.ru_maxrss))
}

/// Builds the release binary next to this example (a no-op when fresh) and refuses a binary
/// older than the sources, because `cargo run --example` does not rebuild binaries.
fn fresh_release_binary() -> Result<PathBuf> {
    let manifest_dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    if let Some(cargo) = std::env::var_os("CARGO") {
        eprintln!("building the release binary (cargo build --release --bin creditctl)...");
        let status = Command::new(cargo)
            .args(["build", "--release", "--quiet", "--bin", "creditctl"])
            .arg("--manifest-path")
            .arg(manifest_dir.join("Cargo.toml"))
            .status()
            .context("cannot run cargo")?;
        ensure!(status.success(), "cargo build --release failed");
    }
    let exe = std::env::current_exe()?;
    let bin = exe
        .parent()
        .and_then(Path::parent)
        .map(|release| release.join("creditctl"))
        .context("cannot locate the target directory")?;
    ensure!(
        bin.exists(),
        "{} is missing; run `cargo build --release` first or pass --bin PATH",
        bin.display()
    );
    let built = bin.metadata()?.modified()?;
    let newest = newest_mtime(&manifest_dir.join("src"))?;
    ensure!(
        built >= newest,
        "{} is older than the sources; run `cargo build --release` first or pass --bin PATH",
        bin.display()
    );
    Ok(bin)
}

fn newest_mtime(dir: &Path) -> Result<SystemTime> {
    let mut newest = SystemTime::UNIX_EPOCH;
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        let modified = if entry.file_type()?.is_dir() {
            newest_mtime(&entry.path())?
        } else {
            entry.metadata()?.modified()?
        };
        newest = newest.max(modified);
    }
    Ok(newest)
}

// ---------------------------------------------------------------------------------------------
// Fixtures

/// Creates a ledger with the binary by running `setup` commands in order.
fn tool_ledger(tool: &Tool, dir: &Path, name: &str, setup: &[&[&str]]) -> Result<PathBuf> {
    let db = dir.join(name);
    for args in setup {
        tool.run(&db, args)?;
    }
    Ok(db)
}

const DISTRIBUTOR_SETUP: &[&[&str]] = &[
    &["distributor", "add", "Acme"],
    &["distributor", "activate", "Acme"],
];

fn open(db: &Path, pragmas: &str) -> Result<Connection> {
    let conn = Connection::open(db).with_context(|| format!("cannot open {}", db.display()))?;
    conn.execute_batch(pragmas)?;
    Ok(conn)
}

/// Checkpoints the WAL into the database file and closes the connection, so that the `.db`
/// alone holds everything.
fn checkpoint_and_close(conn: Connection) -> Result<()> {
    let db = PathBuf::from(conn.path().context("an in-memory database")?);
    conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
    conn.close().map_err(|(_, e)| e)?;
    // Fixtures are built with synchronous = OFF: flush them now, or the first timed process
    // that fsyncs the file pays for writing the whole fixture out.
    File::open(&db)?.sync_all()?;
    Ok(())
}

/// Flushes everything written so far (fixtures, copies, deleted files), so that background
/// writeback does not land inside a timed step.
fn settle() {
    // SAFETY: sync(2) takes no arguments and cannot fail.
    unsafe { libc::sync() };
}

/// A valid, distinct code for every `n`: splitmix64 is a bijection on u64 and
/// `Code::from_entropy` is injective on its 80 bits.
fn code_for(n: u64) -> String {
    let mut z = n.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^= z >> 31;
    let mut bytes = [0u8; ENTROPY_BYTES];
    bytes[..8].copy_from_slice(&z.to_be_bytes());
    bytes[8..].copy_from_slice(&(n as u16).to_be_bytes());
    Code::from_entropy(&bytes).canonical()
}

/// The columns of one order's vouchers, as `vouchers::create_order` writes them.
struct VoucherRows<'a> {
    distributor_id: i64,
    name: &'a str,
    kind: &'a str,
    years: i64,
    subscriptions: i64,
    credits: i64,
    value_minor: i64,
    created_at: &'a str,
    expires_at: &'a str,
}

/// Inserts one payment, one order and a voucher per code, with one prepared statement, in the
/// caller's transaction.
fn insert_order(conn: &Connection, rows: &VoucherRows, codes: &[String]) -> Result<()> {
    let count = codes.len() as i64;
    conn.execute(
        "INSERT INTO payment (kind, method, amount_minor, currency, distributor_id, site_id, description, actor, created_at)
         VALUES ('voucher_order', 'invoice', ?1, 'EUR', ?2, NULL, ?3, ?4, ?5)",
        params![
            rows.value_minor * count,
            rows.distributor_id,
            format!("{count} × voucher '{}'", rows.name),
            ACTOR,
            rows.created_at
        ],
    )?;
    let payment_id = conn.last_insert_rowid();
    conn.execute(
        "INSERT INTO voucher_order (distributor_id, payment_id, created_at) VALUES (?1, ?2, ?3)",
        params![rows.distributor_id, payment_id, rows.created_at],
    )?;
    let order_id = conn.last_insert_rowid();
    let mut insert = conn.prepare(
        "INSERT INTO voucher (code, order_id, name, type, years, subscriptions, credits, messages, value_minor, currency, created_at, expires_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 0, ?8, 'EUR', ?9, ?10)",
    )?;
    for code in codes {
        insert.execute(params![
            code,
            order_id,
            rows.name,
            rows.kind,
            rows.years,
            rows.subscriptions,
            rows.credits,
            rows.value_minor,
            rows.created_at,
            rows.expires_at
        ])?;
    }
    Ok(())
}

fn distributor_id(conn: &Connection, name: &str) -> Result<i64> {
    Ok(
        conn.query_row("SELECT id FROM distributor WHERE name = ?1", [name], |r| {
            r.get(0)
        })?,
    )
}

fn count(conn: &Connection, sql: &str) -> Result<i64> {
    Ok(conn.query_row(sql, [], |r| r.get(0))?)
}

// ---------------------------------------------------------------------------------------------
// 1. Voucher creation

struct Creation {
    count: i64,
    tool: Duration,
    floor: Duration,
    /// The floor including opening the connection and the checkpoint on close.
    floor_open_close: Duration,
    tool_rss_kib: i64,
}

fn voucher_creation(tool: &Tool, dir: &Path, n: i64) -> Result<Creation> {
    eprintln!("[1] voucher create --count {n}");
    let tool_db = tool_ledger(tool, dir, "create-tool.db", DISTRIBUTOR_SETUP)?;
    let count_arg = n.to_string();
    settle();
    let run = tool.run(
        &tool_db,
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
    let made = count(
        &open(&tool_db, TOOL_PRAGMAS)?,
        "SELECT count(*) FROM voucher",
    )?;
    ensure!(made == n, "the tool made {made} vouchers, not {n}");
    eprintln!("    tool  {}", secs(run.wall));

    let floor_db = tool_ledger(tool, dir, "create-floor.db", DISTRIBUTOR_SETUP)?;
    let codes: Vec<String> = (0..n as u64).map(code_for).collect();
    settle();
    let opened = Instant::now();
    let mut conn = open(&floor_db, TOOL_PRAGMAS)?;
    let rows = VoucherRows {
        distributor_id: distributor_id(&conn, "Acme")?,
        name: "Bench",
        kind: "device",
        years: 1,
        subscriptions: 10,
        credits: 120,
        value_minor: 24_000,
        created_at: NOW,
        expires_at: "2029-11-05T10:00:00Z",
    };
    let begun = Instant::now();
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    insert_order(&tx, &rows, &codes)?;
    tx.commit()?;
    let floor = begun.elapsed();
    conn.close().map_err(|(_, e)| e)?;
    let floor_open_close = opened.elapsed();
    eprintln!(
        "    floor {} (with open and close: {})",
        secs(floor),
        secs(floor_open_close)
    );
    Ok(Creation {
        count: n,
        tool: run.wall,
        floor,
        floor_open_close,
        tool_rss_kib: run.max_rss_kib,
    })
}

// ---------------------------------------------------------------------------------------------
// 2. Redeem latency

struct Latency {
    what: String,
    samples: Vec<Duration>,
    max_rss_kib: i64,
}

impl Latency {
    fn median(&self) -> Duration {
        let mut s = self.samples.clone();
        s.sort();
        let n = s.len();
        if n % 2 == 1 {
            s[n / 2]
        } else {
            (s[n / 2 - 1] + s[n / 2]) / 2
        }
    }

    fn report(&self) {
        let all: Vec<String> = self
            .samples
            .iter()
            .map(|d| format!("{:.1}", d.as_secs_f64() * 1e3))
            .collect();
        eprintln!(
            "    median {}, max {}, peak RSS {} (all, ms: {})",
            ms(self.median()),
            ms(self.max()),
            mib(self.max_rss_kib),
            all.join(" ")
        );
    }

    fn max(&self) -> Duration {
        self.samples.iter().copied().max().unwrap_or_default()
    }
}

fn redeem_latency(tool: &Tool, dir: &Path, n: i64) -> Result<Latency> {
    eprintln!("[2] voucher redeem on a ledger of {n} vouchers");
    let mut setup = DISTRIBUTOR_SETUP.to_vec();
    setup.push(&["site", "create", "Office", "--model", "device"]);
    let db = tool_ledger(tool, dir, "redeem.db", &setup)?;
    let built = Instant::now();
    let offset = 1u64 << 40;
    let codes: Vec<String> = (0..n as u64).map(|i| code_for(offset + i)).collect();
    let mut conn = open(&db, BUILD_PRAGMAS)?;
    let rows = VoucherRows {
        distributor_id: distributor_id(&conn, "Acme")?,
        name: "Bulk",
        kind: "device",
        years: 1,
        subscriptions: 1,
        credits: 12,
        value_minor: 2_400,
        created_at: NOW,
        expires_at: "2029-11-05T10:00:00Z",
    };
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    insert_order(&tx, &rows, &codes)?;
    tx.commit()?;
    checkpoint_and_close(conn)?;
    eprintln!("    built in {}", secs(built.elapsed()));

    let mut latency = Latency {
        what: "voucher redeem".into(),
        samples: Vec::new(),
        max_rss_kib: 0,
    };
    settle();
    for k in 0..SAMPLES {
        let code = &codes[k * codes.len() / SAMPLES + 1];
        let run = tool.run(
            &db,
            &["voucher", "redeem", code, "--site", "Office", "--yes"],
        )?;
        latency.samples.push(run.wall);
        latency.max_rss_kib = latency.max_rss_kib.max(run.max_rss_kib);
    }
    let conn = open(&db, TOOL_PRAGMAS)?;
    let used = count(
        &conn,
        "SELECT count(*) FROM voucher WHERE redeemed_at IS NOT NULL",
    )?;
    let balance = count(
        &conn,
        "SELECT video_balance FROM site WHERE name = 'Office'",
    )?;
    ensure!(
        used == SAMPLES as i64 && balance == 12 * SAMPLES as i64,
        "expected {SAMPLES} redemptions, found {used} used vouchers and a balance of {balance}"
    );
    latency.report();
    Ok(latency)
}

// ---------------------------------------------------------------------------------------------
// 3. Deduction at platform scale

/// The opening balance of site `id`: a quarter empty, a quarter short (1..9 for 10 devices),
/// half funded (10..24).
fn opening_balance(id: i64) -> i64 {
    match id % 4 {
        0 => 0,
        1 => 1 + (id / 4) % 9,
        _ => 10 + (id / 4) % 15,
    }
}

/// A serial for global device number `n`: `NN-NNNN-NNNN`, distinct for every n < 10^10.
fn serial(n: i64) -> String {
    format!(
        "{:02}-{:04}-{:04}",
        n / 100_000_000,
        (n / 10_000) % 10_000,
        n % 10_000
    )
}

/// A ledger of `sites` device-model sites with [`DEVICES_PER_SITE`] devices each, funded through
/// `LedgerWriter` so that the hash chain verifies.
fn build_platform(tool: &Tool, dir: &Path, name: &str, sites: i64) -> Result<PathBuf> {
    let built = Instant::now();
    let db = tool_ledger(tool, dir, name, &[&["distributor", "add", "Acme"]])?;
    let mut conn = open(&db, BUILD_PRAGMAS)?;
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    {
        let mut site = tx.prepare(
            "INSERT INTO site (id, name, model, created_at, created_by) VALUES (?1, ?2, 'device', ?3, ?4)",
        )?;
        let mut unit =
            tx.prepare("INSERT INTO unit (id, site_id, name, added_at) VALUES (?1, ?2, ?3, ?4)")?;
        let mut device = tx.prepare(
            "INSERT INTO device (serial, site_id, unit_id, added_at) VALUES (?1, ?2, ?3, ?4)",
        )?;
        for id in 1..=sites {
            site.execute(params![id, format!("Site {id}"), SITE_CREATED_AT, ACTOR])?;
            for k in 0..DEVICES_PER_SITE {
                let unit_id = (id - 1) * DEVICES_PER_SITE + k + 1;
                let serial = serial(unit_id);
                unit.execute(params![unit_id, id, serial, UNIT_ADDED_AT])?;
                device.execute(params![serial, id, unit_id, UNIT_ADDED_AT])?;
            }
        }
    }
    let stamp = Stamp {
        actor: ACTOR.into(),
        now: DateTime::parse_from_rfc3339(FUNDED_AT)?.with_timezone(&Utc),
    };
    let seam = &mut creditctl::store::sqlite::SqliteTx::wrap(&tx);
    let mut ledger = LedgerWriter::new(seam, &stamp)?;
    for id in 1..=sites {
        let amount = opening_balance(id);
        if amount > 0 {
            ledger.append(
                seam,
                &Entry {
                    site_id: id,
                    pool: Pool::Video,
                    amount,
                    kind: "adjustment",
                    reason: "bench",
                    reference: "bench",
                    payload: Default::default(),
                },
            )?;
        }
    }
    tx.commit()?;
    checkpoint_and_close(conn)?;
    eprintln!(
        "    built {sites} sites, {} devices in {}",
        sites * DEVICES_PER_SITE,
        secs(built.elapsed())
    );
    Ok(db)
}

/// The same changes as `deduct run --period PERIOD`, set-based, without the hash (SQL cannot
/// hash): the plan into temp tables, then one statement per table written.
const FLOOR_DEDUCT: &str = "
CREATE TEMP TABLE plan AS
SELECT site_id, unit_id FROM (
    SELECT u.site_id, u.id AS unit_id, s.video_balance AS balance,
           ROW_NUMBER() OVER (PARTITION BY u.site_id ORDER BY u.id) AS n
    FROM unit u JOIN site s ON s.id = u.site_id
    WHERE u.removed_at IS NULL AND u.added_at < :end
      AND NOT EXISTS (SELECT 1 FROM charge c WHERE c.period = :period AND c.unit_id = u.id)
) WHERE n <= balance;
CREATE TEMP TABLE site_plan AS
SELECT site_id, count(*) AS units,
       (SELECT coalesce(max(id), 0) FROM ledger) + ROW_NUMBER() OVER (ORDER BY site_id) AS ledger_id
FROM plan GROUP BY site_id;
INSERT INTO ledger (id, site_id, pool, amount, balance_after, kind, reason, reference, actor, created_at, prev_hash, hash)
SELECT p.ledger_id, p.site_id, 'video', -p.units, s.video_balance - p.units, 'charge',
       'monthly charge ' || :period || ': ' || p.units || ' units', 'period:' || :period, :actor, :now,
       'placeholder', 'placeholder'
FROM site_plan p JOIN site s ON s.id = p.site_id ORDER BY p.ledger_id;
INSERT INTO charge (period, unit_id, ledger_id)
SELECT :period, p.unit_id, sp.ledger_id FROM plan p JOIN site_plan sp ON sp.site_id = p.site_id
ORDER BY p.unit_id;
UPDATE site SET video_balance = video_balance - p.units FROM site_plan p WHERE site.id = p.site_id;
";

fn floor_deduct(db: &Path) -> Result<(Duration, Duration)> {
    let opened = Instant::now();
    let mut conn = open(db, TOOL_PRAGMAS)?;
    let begun = Instant::now();
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    for sql in FLOOR_DEDUCT
        .split(';')
        .map(str::trim)
        .filter(|s| !s.is_empty())
    {
        let mut stmt = tx.prepare(sql)?;
        let names: Vec<String> = (1..=stmt.parameter_count())
            .filter_map(|i| stmt.parameter_name(i).map(str::to_string))
            .collect();
        for name in names {
            let i = stmt.parameter_index(&name)?.context("parameter index")?;
            let value = match name.as_str() {
                ":end" => PERIOD_END,
                ":period" => PERIOD,
                ":actor" => ACTOR,
                ":now" => NOW,
                other => bail!("unknown parameter {other}"),
            };
            stmt.raw_bind_parameter(i, value)?;
        }
        stmt.raw_execute()?;
    }
    tx.commit()?;
    let floor = begun.elapsed();
    conn.close().map_err(|(_, e)| e)?;
    Ok((floor, opened.elapsed()))
}

struct Deduction {
    sites: i64,
    tool: Duration,
    tool_rss_kib: i64,
    floor: Duration,
    floor_open_close: Duration,
    charges: i64,
    balance_total: i64,
    verify: Duration,
    verify_rss_kib: i64,
    verify_rows: String,
    tool_db: PathBuf,
}

/// The 10x smaller ledger: only the `deduct run` process's time and peak RSS.
fn deduct_memory(tool: &Tool, dir: &Path, sites: i64) -> Result<Run> {
    eprintln!("[3a] deduct run on {sites} sites (memory baseline)");
    let db = build_platform(tool, dir, "deduct-small.db", sites)?;
    settle();
    let run = tool.run(&db, &["deduct", "run", "--period", PERIOD])?;
    eprintln!(
        "    tool {}, peak RSS {}",
        secs(run.wall),
        mib(run.max_rss_kib)
    );
    std::fs::remove_file(&db)?;
    Ok(run)
}

fn deduction(tool: &Tool, dir: &Path, sites: i64) -> Result<Deduction> {
    eprintln!("[3b] deduct run on {sites} sites");
    let prepared = build_platform(tool, dir, "deduct-prepared.db", sites)?;
    let floor_db = dir.join("deduct-floor.db");
    let tool_db = dir.join("deduct-tool.db");
    std::fs::copy(&prepared, &floor_db)?;
    std::fs::copy(&prepared, &tool_db)?;
    std::fs::remove_file(&prepared)?;
    settle();

    let (floor, floor_open_close) = floor_deduct(&floor_db)?;
    eprintln!(
        "    floor {} (with open and close: {})",
        secs(floor),
        secs(floor_open_close)
    );
    settle();
    let run = tool.run(&tool_db, &["deduct", "run", "--period", PERIOD])?;
    eprintln!(
        "    tool  {}, peak RSS {}",
        secs(run.wall),
        mib(run.max_rss_kib)
    );

    // Both copies must end equal: every site balance, the charges, the ledger rows.
    let conn = open(&tool_db, TOOL_PRAGMAS)?;
    conn.execute("ATTACH DATABASE ?1 AS floor", [floor_db.to_string_lossy()])?;
    let differing = count(
        &conn,
        "SELECT count(*) FROM main.site t JOIN floor.site f ON f.id = t.id WHERE t.video_balance <> f.video_balance",
    )?;
    let charges = count(
        &conn,
        &format!("SELECT count(*) FROM main.charge WHERE period = '{PERIOD}'"),
    )?;
    let floor_charges = count(
        &conn,
        &format!("SELECT count(*) FROM floor.charge WHERE period = '{PERIOD}'"),
    )?;
    let charge_diff = count(
        &conn,
        "SELECT count(*) FROM (SELECT period, unit_id FROM main.charge EXCEPT SELECT period, unit_id FROM floor.charge)",
    )?;
    let balance_total = count(&conn, "SELECT sum(video_balance) FROM main.site")?;
    let floor_total = count(&conn, "SELECT sum(video_balance) FROM floor.site")?;
    let ledger_rows = count(&conn, "SELECT count(*) FROM main.ledger")?;
    let floor_rows = count(&conn, "SELECT count(*) FROM floor.ledger")?;
    conn.close().map_err(|(_, e)| e)?;
    ensure!(
        differing == 0
            && charges == floor_charges
            && charge_diff == 0
            && balance_total == floor_total
            && ledger_rows == floor_rows,
        "tool and floor differ: {differing} site balances, charges {charges} vs {floor_charges} ({charge_diff} not in the floor), \
         balance total {balance_total} vs {floor_total}, ledger rows {ledger_rows} vs {floor_rows}"
    );
    let expected: i64 = (1..=sites)
        .map(|id| opening_balance(id).min(DEVICES_PER_SITE))
        .sum();
    ensure!(
        charges == expected,
        "{charges} charges, expected {expected}"
    );
    eprintln!("    equal: {charges} charges, balances total {balance_total}");
    std::fs::remove_file(&floor_db)?;

    let verify = tool.run_captured(&tool_db, &["--json", "ledger", "verify"])?;
    let report: serde_json::Value = serde_json::from_str(&verify.stdout)
        .with_context(|| format!("ledger verify printed {}", verify.stdout))?;
    ensure!(
        report["ok"] == serde_json::Value::Bool(true),
        "ledger verify did not pass: {}",
        verify.stdout.trim()
    );
    eprintln!("    ledger verify passed in {}", secs(verify.wall));
    Ok(Deduction {
        sites,
        tool: run.wall,
        tool_rss_kib: run.max_rss_kib,
        floor,
        floor_open_close,
        charges,
        balance_total,
        verify: verify.wall,
        verify_rss_kib: verify.max_rss_kib,
        verify_rows: format!("{} rows, {} charges", report["rows"], report["charges"]),
        tool_db,
    })
}

// ---------------------------------------------------------------------------------------------
// 4. credits show latency

fn credits_show_latency(tool: &Tool, db: &Path, sites: i64) -> Result<Latency> {
    eprintln!(
        "[4] credits show --site on {sites} sites, {} devices",
        sites * DEVICES_PER_SITE
    );
    let mut latency = Latency {
        what: "credits show --site".into(),
        samples: Vec::new(),
        max_rss_kib: 0,
    };
    settle();
    for k in 0..SAMPLES as i64 {
        let site = (k * sites / SAMPLES as i64 + 1).to_string();
        let run = tool.run(db, &["credits", "show", "--site", &site])?;
        latency.samples.push(run.wall);
        latency.max_rss_kib = latency.max_rss_kib.max(run.max_rss_kib);
    }
    latency.report();
    Ok(latency)
}

// ---------------------------------------------------------------------------------------------
// Summary

fn secs(d: Duration) -> String {
    format!("{:.3} s", d.as_secs_f64())
}

fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1e3)
}

fn mib(kib: i64) -> String {
    format!("{:.1} MiB", kib as f64 / 1024.0)
}

fn verdict(ok: bool) -> &'static str {
    if ok { "ok" } else { "MISSED" }
}

fn print_summary(
    sizes: &Sizes,
    create: &Creation,
    redeem: &Latency,
    small: &Run,
    large: &Deduction,
    show: &Latency,
    total: Duration,
) {
    let create_ratio = create.tool.as_secs_f64() / create.floor.as_secs_f64();
    let deduct_ratio = large.tool.as_secs_f64() / large.floor.as_secs_f64();
    let ten_ms = Duration::from_millis(10);
    let rss_growth = large.tool_rss_kib as f64 / small.max_rss_kib.max(1) as f64;
    let devices_small = sizes.sites_small * DEVICES_PER_SITE;
    let devices_large = large.sites * DEVICES_PER_SITE;
    let rows: Vec<[String; 4]> = vec![
        [
            format!("voucher create --count {}: tool", create.count),
            secs(create.tool),
            String::new(),
            String::new(),
        ],
        [
            "  floor (BEGIN..COMMIT, bare inserts)".into(),
            secs(create.floor),
            String::new(),
            String::new(),
        ],
        [
            "  floor incl. open + close".into(),
            secs(create.floor_open_close),
            String::new(),
            String::new(),
        ],
        [
            "  ratio tool / floor".into(),
            format!("{create_ratio:.2}x"),
            "<= 2x".into(),
            verdict(create_ratio <= 2.0).into(),
        ],
        [
            "  tool peak RSS".into(),
            mib(create.tool_rss_kib),
            String::new(),
            String::new(),
        ],
        latency_row(
            &format!(
                "{} ({} vouchers) median",
                redeem.what, sizes.redeem_vouchers
            ),
            redeem.median(),
            ten_ms,
        ),
        latency_row("  max", redeem.max(), ten_ms),
        [
            "  peak RSS".into(),
            mib(redeem.max_rss_kib),
            String::new(),
            String::new(),
        ],
        [
            format!(
                "deduct run {} sites / {} devices: tool",
                large.sites, devices_large
            ),
            secs(large.tool),
            "< 5 s".into(),
            verdict(large.tool < Duration::from_secs(5)).into(),
        ],
        [
            "  floor (set-based SQL, BEGIN..COMMIT)".into(),
            secs(large.floor),
            String::new(),
            String::new(),
        ],
        [
            "  floor incl. open + close".into(),
            secs(large.floor_open_close),
            String::new(),
            String::new(),
        ],
        [
            "  ratio tool / floor".into(),
            format!("{deduct_ratio:.2}x"),
            "<= 2x".into(),
            verdict(deduct_ratio <= 2.0).into(),
        ],
        [
            "  both copies equal (charges, balance total)".into(),
            format!("{}, {}", large.charges, large.balance_total),
            "equal".into(),
            "ok".into(),
        ],
        [
            "  ledger verify (tool copy)".into(),
            format!("{} ({})", secs(large.verify), large.verify_rows),
            "passes".into(),
            "ok".into(),
        ],
        [
            "  ledger verify peak RSS".into(),
            mib(large.verify_rss_kib),
            String::new(),
            String::new(),
        ],
        [
            format!(
                "deduct run peak RSS, {} sites / {devices_small} devices",
                sizes.sites_small
            ),
            format!("{} ({})", mib(small.max_rss_kib), secs(small.wall)),
            String::new(),
            String::new(),
        ],
        [
            format!(
                "deduct run peak RSS, {} sites / {devices_large} devices",
                large.sites
            ),
            format!("{} ({rss_growth:.2}x)", mib(large.tool_rss_kib)),
            "<= previous + 64 MiB cache".into(),
            verdict(large.tool_rss_kib <= small.max_rss_kib + PAGE_CACHE_KIB).into(),
        ],
        latency_row(
            &format!("{} ({devices_large} devices) median", show.what),
            show.median(),
            ten_ms,
        ),
        latency_row("  max", show.max(), ten_ms),
        [
            "  peak RSS".into(),
            mib(show.max_rss_kib),
            String::new(),
            String::new(),
        ],
    ];

    println!();
    println!(
        "creditctl scale benchmark ({} size, {} processes per latency figure)",
        sizes.label, SAMPLES
    );
    print_table(&rows);
    println!();
    println!("total benchmark runtime: {}", secs(total));
}

/// Prints `rows` under the headers Figure, Measured, Target, with aligned columns.
fn print_table(rows: &[[String; 4]]) {
    let headers = ["Figure", "Measured", "Target", ""];
    let widths: Vec<usize> = (0..4)
        .map(|c| {
            rows.iter()
                .map(|r| r[c].chars().count())
                .chain([headers[c].len()])
                .max()
                .unwrap_or(0)
        })
        .collect();
    let line = |cells: [&str; 4]| {
        println!(
            "{:<w0$}  {:>w1$}  {:<w2$}  {}",
            cells[0],
            cells[1],
            cells[2],
            cells[3],
            w0 = widths[0],
            w1 = widths[1],
            w2 = widths[2]
        );
    };
    line(headers);
    println!(
        "{}",
        "-".repeat(widths.iter().sum::<usize>() + 6 + widths[3])
    );
    for r in rows {
        line([&r[0], &r[1], &r[2], &r[3]]);
    }
}

fn latency_row(label: &str, d: Duration, target: Duration) -> [String; 4] {
    [
        label.to_string(),
        ms(d),
        format!("< {}", ms(target)),
        verdict(d < target).into(),
    ]
}
