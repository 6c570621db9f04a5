//! Scale benchmark: times the release binary against a floor on large ledgers, on SQLite and,
//! given a server, on PostgreSQL.
//!
//! ```text
//! cargo run --release --example scale            # full size, SQLite
//! cargo run --release --example scale -- --quick # a tenth of the size, for a smoke run
//! cargo run --release --example scale -- --pg postgres://postgres@127.0.0.1:5432/postgres
//! cargo run --release --example scale -- --pg URL --pg-only
//! cargo run --release --example scale -- --bin PATH/TO/creditctl --keep
//! ```
//!
//! `$CREDITCTL_BENCH_PG` stands for `--pg URL`. Every figure times whole processes, spawn to
//! exit: the tool, and its floor, a program of its own (`examples/floor/`) making the same
//! logical changes with the least a bare client can do. Tool and floor run in rounds,
//! back to back, taking turns at going first; each figure gives min / median / max and the
//! median of the rounds' tool/floor ratios. A round that writes gets fresh copies of the
//! fixture (`fixtures.rs`), and after it both copies must hold the same result (for the
//! deduction: the same balances, charges and head hash). Listings are timed to their first
//! output, which holds the first row (the pipe is then closed, as `| head -c 1` does, and the
//! process must stop quietly: exit 0, nothing on stderr) and run
//! whole for their peak RSS. The report (`report.rs`) goes to stdout, progress to stderr.
//!
//! Files: `measure.rs` runs and times processes, `fixtures.rs` builds the ledgers (SQLite's
//! engine too), `pg.rs` is PostgreSQL's engine, `report.rs` the summary; the floors are a
//! program of their own (`examples/floor/`), which this one builds with the tool.

#[path = "../floor/consts.rs"]
mod consts;
mod fixtures;
mod measure;
mod pg;
mod report;

use anyhow::{Context, Result, bail, ensure};
use fixtures::{DEVICES_PER_SITE, Engine, Fixture, PERIOD, fixture_code, read_i64, read_text};
use measure::{Cmd, Out, Paired, Proc, Round};
use report::Report;
use std::cell::RefCell;
use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// The goals of the issue this benchmark holds the tool to.
const RATIO_GOAL: f64 = 1.1;
const RSS_GOAL_KIB: i64 = 30 * 1024;
const FIRST_LINE_GOAL: Duration = Duration::from_millis(20);
const DEDUCT_GOAL: Duration = Duration::from_secs(1);
const RERUN_GOAL: Duration = Duration::from_millis(100);

struct Sizes {
    label: &'static str,
    /// Vouchers in the timed `voucher create`.
    create_count: i64,
    /// Vouchers in the ledger that is listed and redeemed from.
    vouchers: i64,
    /// Sites of the deduction ledger (ten devices each).
    sites: i64,
    /// Rounds of each paired figure that writes a whole fixture's worth.
    rounds: usize,
    /// Processes of each short figure (a first line), and rounds of `ledger verify`.
    samples: usize,
    /// Rounds of redemptions: a few milliseconds each, whose tool/floor ratios spread widely
    /// from round to round (a sync of the WAL takes 0.2-0.5 ms, one process in a dozen copies
    /// the WAL into the ledger): with 11 rounds their median moved by 0.1x between runs.
    redemptions: usize,
}

impl Sizes {
    fn full() -> Sizes {
        Sizes {
            label: "full",
            create_count: 100_000,
            vouchers: 1_000_000,
            sites: 100_000,
            rounds: 5,
            samples: 11,
            redemptions: 41,
        }
    }

    fn quick() -> Sizes {
        Sizes {
            label: "quick",
            create_count: 10_000,
            vouchers: 100_000,
            sites: 10_000,
            rounds: 3,
            samples: 5,
            redemptions: 9,
        }
    }
}

fn main() -> Result<()> {
    let mut args = std::env::args().skip(1);
    if std::env::args().nth(1).as_deref() == Some(measure::MEASURE_CHILD) {
        return measure::measure_child(args.skip(1));
    }
    ensure!(
        !cfg!(debug_assertions),
        "the benchmark times release builds, next to it: run it as cargo run --release --example scale"
    );
    let started = Instant::now();
    let mut sizes = Sizes::full();
    let mut bin: Option<PathBuf> = None;
    let mut keep = false;
    let mut pg_url = std::env::var("CREDITCTL_BENCH_PG")
        .ok()
        .filter(|u| !u.is_empty());
    let mut pg_only = false;
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
    ensure!(
        !pg_only || pg_url.is_some(),
        "--pg-only needs --pg URL or $CREDITCTL_BENCH_PG"
    );
    fresh_builds(bin.is_none())?;
    let tool = match bin {
        Some(path) => path,
        None => release_binary()?,
    };
    let dir = tempfile::tempdir().context("cannot make a temporary directory")?;
    eprintln!(
        "scale benchmark ({} size), binary {}, work dir {}",
        sizes.label,
        tool.display(),
        dir.path().display()
    );
    let mut reports = Vec::new();
    if !pg_only {
        let mut sqlite = fixtures::Sqlite {
            dir: dir.path().to_path_buf(),
            keep,
        };
        reports.push(bench(&mut sqlite, &tool, &sizes)?);
    }
    if let Some(url) = pg_url {
        let mut server = pg::Server::connect(&url, dir.path())?;
        server.keep = keep;
        eprintln!("PostgreSQL on {}", server.place());
        let report = bench(&mut server, &tool, &sizes);
        if !keep {
            server.drop_all();
        }
        reports.push(report?);
    }
    for r in &reports {
        r.print();
    }
    println!();
    println!(
        "total benchmark runtime: {:.1} s",
        started.elapsed().as_secs_f64()
    );
    if keep {
        println!("ledgers kept in {}", dir.keep().display());
    }
    Ok(())
}

/// Every figure on one engine.
fn bench(e: &mut dyn Engine, tool: &Path, sizes: &Sizes) -> Result<Report> {
    let mut report = Report::new(format!(
        "creditctl scale benchmark on {} ({} size: {} rounds per write, {} of redemptions, {} processes per short figure)",
        e.label(),
        sizes.label,
        sizes.rounds,
        sizes.redemptions,
        sizes.samples
    ));
    creation(e, tool, sizes, &mut report)?;

    eprintln!("[{}] a ledger of {} vouchers", e.label(), sizes.vouchers);
    let vouchers = e.build(tool, "vouchers", Fixture::Vouchers(sizes.vouchers))?;
    fixtures::check(&vouchers, Fixture::Vouchers(sizes.vouchers))?;
    redemption(e, tool, &vouchers, sizes, &mut report)?;
    for args in [
        &["voucher", "list", "--status", "active"][..],
        &["voucher", "export"],
        &["--json", "voucher", "list"],
        &["license", "list"],
        &["payment", "list"],
    ] {
        listing(e, tool, &vouchers, args, sizes, &mut report)?;
    }
    e.remove(&vouchers)?;

    eprintln!(
        "[{}] a platform of {} sites, {} devices",
        e.label(),
        sizes.sites,
        sizes.sites * DEVICES_PER_SITE
    );
    let platform = e.build(tool, "platform", Fixture::Platform(sizes.sites))?;
    fixtures::check(&platform, Fixture::Platform(sizes.sites))?;
    let charged = deduction(e, tool, &platform, sizes, &mut report)?;
    e.remove(&platform)?;
    for args in [
        &["site", "list"][..],
        &["device", "list"],
        &["credits", "show"],
        &["credits", "history", "--site", "1"],
    ] {
        listing(e, tool, &charged, args, sizes, &mut report)?;
    }
    verification(e, tool, &charged, sizes, &mut report)?;
    e.remove(&charged)?;
    Ok(report)
}

fn describe(args: &[&str]) -> String {
    args.join(" ")
}

/// `voucher create --count N` against the floor's same order, each round on fresh copies.
fn creation(e: &mut dyn Engine, tool: &Path, sizes: &Sizes, report: &mut Report) -> Result<()> {
    let n = sizes.create_count;
    eprintln!("[{}] voucher create --count {n}", e.label());
    let template = e.build(tool, "create", Fixture::Distributor)?;
    let count = n.to_string();
    let args = [
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
        &count,
        "--payment",
        "invoice",
        "--yes",
    ];
    let dbs: RefCell<Vec<OsString>> = RefCell::new(Vec::new());
    let scratch = e.scratch("create-run");
    let p = measure::paired(
        sizes.rounds,
        &scratch,
        |_| {
            for db in dbs.take() {
                e.remove(&db)?;
            }
            let t = e.copy(&template, "create-tool")?;
            let f = e.copy(&template, "create-floor")?;
            e.settle();
            dbs.replace(vec![t.clone(), f.clone()]);
            Ok(Round {
                tool: Cmd::tool(tool, &t, &args),
                floor: Cmd::floor(&f, "create", &[&count])?,
            })
        },
        |_, _, _| {
            for db in dbs.borrow().iter() {
                let made = read_i64(db, "SELECT count(*) FROM voucher")?;
                ensure!(
                    made == n,
                    "{} made {made} vouchers, not {n}",
                    db.to_string_lossy()
                );
            }
            Ok(())
        },
    )?;
    for db in dbs.take() {
        e.remove(&db)?;
    }
    e.remove(&template)?;
    report.paired(
        &format!("voucher create --count {n}"),
        &p,
        Some(RATIO_GOAL),
        None,
        Some(RSS_GOAL_KIB),
    );
    Ok(())
}

/// `voucher redeem`, tool and floor taking turns, each on a copy of its own of the ledger and
/// with codes of its own: what one process leaves in the files (a WAL to read, or to copy
/// into the ledger) is met by the next process of the same side only, as it would be by the
/// next command of a user of that side. Twice: against the floor making the same writes (the
/// goal), then, for the record, against one that also makes the reads the SPEC's rules need
/// (`redeem-checked`: roles, failed attempts, the voucher's distributor and state, the site's
/// units), which shows what of the margin is those reads.
fn redemption(
    e: &mut dyn Engine,
    tool: &Path,
    db: &OsString,
    sizes: &Sizes,
    report: &mut Report,
) -> Result<()> {
    let before = read_i64(db, "SELECT video_balance FROM site WHERE name = 'Office'")?;
    let stride = (sizes.vouchers as u64 / (4 * sizes.redemptions as u64 + 4)).max(1);
    for (pass, (floor, figure, goal)) in [
        (
            "redeem",
            format!("voucher redeem ({} vouchers)", sizes.vouchers),
            Some(RATIO_GOAL),
        ),
        (
            "redeem-checked",
            "  against a floor making the same checks".to_string(),
            None,
        ),
    ]
    .into_iter()
    .enumerate()
    {
        eprintln!("[{}] voucher redeem, floor {floor}", e.label());
        let (tool_db, floor_db) = (e.copy(db, "redeem-tool")?, e.copy(db, "redeem-floor")?);
        e.settle();
        let scratch = e.scratch("redeem-run");
        // Each pass its own codes: the first takes the odd quarters of the ledger's, the second
        // the even ones.
        let code = |i: usize, side: u64| {
            fixture_code(stride * (4 * i as u64 + 2 * pass as u64 + side + 1))
        };
        let p = measure::paired(
            sizes.redemptions,
            &scratch,
            |i| {
                let (t, f) = (code(i, 0), code(i, 1));
                Ok(Round {
                    tool: Cmd::tool(
                        tool,
                        &tool_db,
                        &["voucher", "redeem", &t, "--site", "Office", "--yes"],
                    ),
                    floor: Cmd::floor(&floor_db, floor, &[&f])?,
                })
            },
            |_, _, _| Ok(()),
        )?;
        let expected = sizes.redemptions as i64;
        for side in [&tool_db, &floor_db] {
            let used = read_i64(
                side,
                "SELECT count(*) FROM voucher WHERE redeemed_at IS NOT NULL",
            )?;
            let after = read_i64(side, "SELECT video_balance FROM site WHERE name = 'Office'")?;
            ensure!(
                used == expected && after - before == 12 * expected,
                "expected {expected} redemptions, found {used} used vouchers and a balance of {after}"
            );
        }
        e.remove(&tool_db)?;
        e.remove(&floor_db)?;
        report.paired(&figure, &p, goal, None, Some(RSS_GOAL_KIB));
    }
    Ok(())
}

/// A listing: its first line, timed over several processes, and a whole run's peak RSS.
fn listing(
    e: &mut dyn Engine,
    tool: &Path,
    db: &OsString,
    args: &[&str],
    sizes: &Sizes,
    report: &mut Report,
) -> Result<()> {
    eprintln!("[{}] {} | head -c 1", e.label(), describe(args));
    let scratch = e.scratch("list-run");
    let cmd = Cmd::tool(tool, db, args);
    let mut first: Vec<Proc> = Vec::new();
    for _ in 0..sizes.samples {
        first.push(measure::run(&cmd, Out::FirstLine, &scratch)?);
    }
    let whole = measure::run(&cmd, Out::Null, &scratch)?;
    eprintln!(
        "    first line {:.1} ms, whole {:.3} s, peak RSS {}",
        first[0].first_line.unwrap_or_default().as_secs_f64() * 1e3,
        whole.wall.as_secs_f64(),
        report::mib(whole.max_rss_kib)
    );
    report.listing(
        &describe(args),
        &first,
        &whole,
        FIRST_LINE_GOAL,
        RSS_GOAL_KIB,
    );
    Ok(())
}

/// What must be equal after the tool's and the floor's deduction: balances, charges, ledger.
fn outcome(db: &OsString) -> Result<String> {
    Ok(format!(
        "balance total {}, tallies {} (paid {}), charges {}, ledger rows {}, head {}",
        read_i64(db, "SELECT coalesce(sum(video_balance), 0) FROM site")?,
        read_i64(
            db,
            "SELECT count(*) FROM site WHERE tally_period IS NOT NULL"
        )?,
        read_i64(db, "SELECT coalesce(sum(tally_paid), 0) FROM site")?,
        read_i64(db, "SELECT count(*) FROM charge")?,
        read_i64(db, "SELECT count(*) FROM ledger")?,
        read_text(db, "SELECT hash FROM ledger ORDER BY id DESC LIMIT 1")?,
    ))
}

/// `deduct run` against the floor's same charges, each round on fresh copies; then a rerun of
/// the finished month. Returns the last round's charged ledger.
fn deduction(
    e: &mut dyn Engine,
    tool: &Path,
    platform: &OsString,
    sizes: &Sizes,
    report: &mut Report,
) -> Result<OsString> {
    eprintln!("[{}] deduct run on {} sites", e.label(), sizes.sites);
    let args = ["deduct", "run", "--period", PERIOD];
    let expected = fixtures::expected_charges(sizes.sites);
    let scratch = e.scratch("deduct-run");
    let dbs: RefCell<Vec<OsString>> = RefCell::new(Vec::new());
    let mut agreed = String::new();
    let p = measure::paired(
        sizes.rounds,
        &scratch,
        |_| {
            for db in dbs.take() {
                e.remove(&db)?;
            }
            let t = e.copy(platform, "deduct-tool")?;
            let f = e.copy(platform, "deduct-floor")?;
            e.settle();
            dbs.replace(vec![t.clone(), f.clone()]);
            Ok(Round {
                tool: Cmd::tool(tool, &t, &args),
                floor: Cmd::floor(&f, "deduct", &[PERIOD])?,
            })
        },
        |_, _, _| {
            let dbs = dbs.borrow();
            let (t, f) = (outcome(&dbs[0])?, outcome(&dbs[1])?);
            ensure!(t == f, "tool and floor differ:\n tool  {t}\n floor {f}");
            let charges = read_i64(&dbs[0], "SELECT count(*) FROM charge")?;
            ensure!(
                charges == expected,
                "{charges} charges, expected {expected}"
            );
            agreed = t;
            Ok(())
        },
    )?;
    eprintln!("    tool and floor agree: {agreed}");
    report.paired(
        &format!(
            "deduct run {} sites / {} devices",
            sizes.sites,
            sizes.sites * DEVICES_PER_SITE
        ),
        &p,
        Some(RATIO_GOAL),
        Some(DEDUCT_GOAL),
        None,
    );
    report.note(format!("deduct run: tool and floor agree on {agreed}"));

    eprintln!("[{}] deduct run again on the finished month", e.label());
    let (t, f) = {
        let dbs = dbs.borrow();
        (dbs[0].clone(), dbs[1].clone())
    };
    let rerun: Paired = measure::paired(
        sizes.samples,
        &scratch,
        |_| {
            Ok(Round {
                tool: Cmd::tool(tool, &t, &args),
                floor: Cmd::floor(&f, "deduct", &[PERIOD])?,
            })
        },
        |_, _, _| {
            for (who, db) in [("tool", &t), ("floor", &f)] {
                let now = outcome(db)?;
                ensure!(
                    now == agreed,
                    "the rerun changed the {who}'s ledger:\n before {agreed}\n after  {now}"
                );
            }
            Ok(())
        },
    )?;
    report.paired(
        "  no-op rerun of the finished month",
        &rerun,
        None,
        Some(RERUN_GOAL),
        None,
    );
    e.remove(&f)?;
    Ok(t)
}

/// `ledger verify` passes on `db`.
fn verify_passes(tool: &Path, db: &OsString, scratch: &Path) -> Result<Proc> {
    let run = measure::run(
        &Cmd::tool(tool, db, &["--json", "ledger", "verify"]),
        Out::Capture,
        scratch,
    )?;
    let found: serde_json::Value = serde_json::from_str(&run.stdout)
        .with_context(|| format!("ledger verify printed {}", run.stdout))?;
    ensure!(
        found["ok"] == serde_json::Value::Bool(true),
        "ledger verify did not pass: {}",
        run.stdout.trim()
    );
    Ok(run)
}

/// `ledger verify` on the charged platform, against the floor's same checks.
fn verification(
    e: &mut dyn Engine,
    tool: &Path,
    db: &OsString,
    sizes: &Sizes,
    report: &mut Report,
) -> Result<()> {
    eprintln!("[{}] ledger verify", e.label());
    let scratch = e.scratch("verify-run");
    let found = verify_passes(tool, db, &scratch)?;
    let found: serde_json::Value = serde_json::from_str(&found.stdout)?;
    // It writes nothing, so a round needs no fresh copies: as many rounds as a short figure
    // (in runs of five, the ratio of the same build moved by up to 0.1 on a noisy machine).
    let p = measure::paired(
        sizes.samples,
        &scratch,
        |_| {
            Ok(Round {
                tool: Cmd::tool(tool, db, &["ledger", "verify"]),
                floor: Cmd::floor(db, "verify", &[])?,
            })
        },
        |_, _, _| Ok(()),
    )?;
    report.paired(
        &format!(
            "ledger verify ({} rows, {} charges)",
            found["rows"], found["charges"]
        ),
        &p,
        Some(RATIO_GOAL),
        None,
        Some(RSS_GOAL_KIB),
    );
    Ok(())
}

/// Builds the floors' program and, unless the tool is given, the tool, in release mode (a no-op
/// when they are fresh; `cargo run --example` builds only the example it runs). Run without
/// cargo, this refuses a binary older than a file it was built from. The floor must hold no
/// OpenSSL (see `examples/floor/main.rs`).
fn fresh_builds(tool: bool) -> Result<()> {
    let manifest_dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut build = vec!["build", "--release", "--quiet", "--example", "floor"];
    if tool {
        build.extend(["--bin", "creditctl"]);
    }
    let floor = measure::floor_binary()?;
    if let Some(cargo) = std::env::var_os("CARGO") {
        eprintln!(
            "building the release binaries (cargo {})...",
            build.join(" ")
        );
        let status = std::process::Command::new(cargo)
            .args(&build)
            .arg("--manifest-path")
            .arg(manifest_dir.join("Cargo.toml"))
            .status()
            .context("cannot run cargo")?;
        ensure!(status.success(), "cargo build --release failed");
    } else {
        fresh(&floor, "run `cargo build --release --example floor` first")?;
        if tool {
            let again = "run `cargo build --release --bin creditctl` first or pass --bin PATH";
            fresh(&release_binary()?, again)?;
        }
    }
    ensure!(
        !holds_openssl(&std::fs::read(&floor)?),
        "{} holds OpenSSL; the floor stands for a bare client, which has none",
        floor.display()
    );
    Ok(())
}

/// Whether a program holds OpenSSL: linked to its libraries (their names), or with it compiled
/// in, as the tool had it until the twelfth session (the name of libcrypto's initialisation
/// source, which its error reports carry and every use of it links).
fn holds_openssl(program: &[u8]) -> bool {
    [&b"libssl.so"[..], b"libcrypto.so", b"crypto/init.c"]
        .iter()
        .any(|mark| program.windows(mark.len()).any(|w| w == *mark))
}

/// Where the release binary of the tool is, next to this example ([`fresh_builds`] makes sure it
/// is there and fresh).
fn release_binary() -> Result<PathBuf> {
    let exe = std::env::current_exe()?;
    exe.parent()
        .and_then(Path::parent)
        .map(|release| release.join("creditctl"))
        .context("cannot locate the target directory")
}

/// Refuses `bin` when it is missing or older than a file it was built from, as cargo's list of
/// them next to it says (`bin.d`, in make's syntax); `again` says what to do.
fn fresh(bin: &Path, again: &str) -> Result<()> {
    let list = bin.with_extension("d");
    ensure!(bin.exists(), "{} is missing; {again}", bin.display());
    ensure!(
        list.exists(),
        "{} has no list of its sources beside it ({}), as cargo leaves; {again}",
        bin.display(),
        list.display()
    );
    let built = bin.metadata()?.modified()?;
    let text = std::fs::read_to_string(&list)?;
    let (_, sources) = text
        .split_once(": ")
        .with_context(|| format!("{} is not a list of sources", list.display()))?;
    for source in make_words(sources) {
        let changed = std::fs::metadata(&source).and_then(|m| m.modified());
        ensure!(
            changed.is_ok_and(|t| t <= built),
            "{} is older than {source} (or that is gone); {again}",
            bin.display()
        );
    }
    Ok(())
}

/// The words of a make rule's right side: separated by blanks (a line continued by `\` at its
/// end included), a space in a word escaped by `\`.
fn make_words(text: &str) -> Vec<String> {
    let (mut words, mut word) = (Vec::new(), String::new());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' if chars.peek().is_some_and(|&n| n == ' ') => {
                word.push(chars.next().unwrap_or(' '))
            }
            c if c.is_whitespace() || c == '\\' => {
                if !word.is_empty() {
                    words.push(std::mem::take(&mut word));
                }
            }
            c => word.push(c),
        }
    }
    if !word.is_empty() {
        words.push(word);
    }
    words
}

#[cfg(test)]
mod tests {
    use super::{fresh, holds_openssl, make_words};

    /// The floor is refused with OpenSSL linked or compiled in (as the tool had it).
    #[test]
    fn openssl_is_found_linked_or_compiled_in() {
        assert!(holds_openssl(b"\0libssl.so.3\0"));
        assert!(holds_openssl(b"\0libcrypto.so.3\0"));
        assert!(holds_openssl(b"x crypto/init.c y"));
        assert!(!holds_openssl(b"a bare client: rusqlite, postgres, NoTls"));
    }

    #[test]
    fn a_make_rule_splits_into_its_words() {
        assert_eq!(
            make_words("/a/b.rs /c\\ d/e.rs \\\n  /f.rs\n"),
            ["/a/b.rs", "/c d/e.rs", "/f.rs"]
        );
        assert!(make_words("  \n").is_empty());
    }

    /// Each way a build can be unfit is told apart: no binary, no list of its sources beside
    /// it, a source newer than it or gone.
    #[test]
    fn a_build_is_fresh_only_when_no_source_is_newer() {
        let dir = tempfile::tempdir().unwrap();
        let (bin, list, source) = (
            dir.path().join("tool"),
            dir.path().join("tool.d"),
            dir.path().join("src.rs"),
        );
        let told = |bin: &std::path::Path| fresh(bin, "build it").unwrap_err().to_string();
        assert!(told(&bin).ends_with("tool is missing; build it"));
        std::fs::write(&source, "").unwrap();
        std::fs::write(&bin, "").unwrap();
        assert!(told(&bin).contains("has no list of its sources beside it"));
        std::fs::write(&list, format!("{}: {}\n", bin.display(), source.display())).unwrap();
        fresh(&bin, "build it").unwrap();
        let later = std::fs::File::options().write(true).open(&source).unwrap();
        later
            .set_modified(std::time::SystemTime::now() + std::time::Duration::from_secs(60))
            .unwrap();
        assert!(told(&bin).contains("is older than"));
        std::fs::remove_file(&source).unwrap();
        assert!(told(&bin).contains("(or that is gone)"));
    }
}
