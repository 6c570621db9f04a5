//! Fuzz-style test of the command line, on the real binary.
//!
//! A small valid ledger is built once (an activated distributor, a site with a device, an
//! apartment site, an order of vouchers, a purchase) and its file is kept as the baseline. Then
//! random argument vectors are fed to every leaf command of the clap tree (walked from
//! `Cli::full_command()`, so a new command or flag is covered without touching this file): the
//! command's own flags and positionals with random values — valid-looking ones, invalid UTF-8,
//! control characters, 100 KB values, empty strings, values of other flags — plus stray tokens.
//!
//! Each vector runs twice, for people and with `--json`, each time on a fresh copy of the
//! baseline ledger (pinned by `$CREDITCTL_DB`; `--db` and `--yes`/`-y` are never generated, and
//! stdin is not a terminal, so anything that needs a confirmation is refused). Writes that need
//! no confirmation (`site create`, `credits adjust`, ...) may legitimately succeed; so the ledger
//! file is compared with the baseline only after a refusal (exit code other than 0): a refused
//! command must leave it byte-identical. Every run must also: not panic (no exit 101, no
//! "panicked"), exit 0..=7, print nothing on stdout when refused, and print its refusal as one
//! line (one JSON object with `--json`; for people, one `error:` line, or clap's own usage
//! refusal ending with its `--help` hint), without a raw control character. A success with
//! `--json` prints one JSON document (help and the commands in [`NOT_JSON`] aside).
//!
//! The fuzz pins the ledger; that a ledger path that is not UTF-8 works, by `--db` and by
//! `$CREDITCTL_DB`, is tested in `tests/input.rs`.
//!
//! Deterministic: a fixed seed drives a SplitMix64 generator. `FUZZ_CASES` and `FUZZ_SEED`
//! override the defaults for a longer local run.

mod common;

use common::{Ledger, NOW};
use creditctl::cli::Cli;
use std::ffi::OsString;
use std::os::unix::ffi::{OsStrExt, OsStringExt};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::Instant;

const DEFAULT_CASES: usize = 400;
const DEFAULT_SEED: u64 = 0x00C2_ED17_F022;

/// SplitMix64: small, fixed, and the same on every platform and every version of every crate.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }

    fn pick<'a, T>(&mut self, all: &'a [T]) -> &'a T {
        &all[self.below(all.len())]
    }
}

/// One argument of a leaf command, as the clap tree describes it.
#[derive(Debug)]
struct ArgSpec {
    id: String,
    /// `--long`, or `None` for a positional.
    long: Option<String>,
    takes_value: bool,
    many: bool,
    required: bool,
    possible: Vec<String>,
}

#[derive(Debug)]
struct Leaf {
    path: Vec<String>,
    args: Vec<ArgSpec>,
}

/// Every leaf command of the tree with its own arguments. The global options are handled apart:
/// `--db` and `--yes` are never generated, `--json` is the run's mode, `--as` is sometimes given.
fn leaves(cmd: &clap::Command, path: &mut Vec<String>, out: &mut Vec<Leaf>) {
    if cmd.has_subcommands() {
        for sub in cmd.get_subcommands() {
            path.push(sub.get_name().to_string());
            leaves(sub, path, out);
            path.pop();
        }
        return;
    }
    let mut args = Vec::new();
    for a in cmd.get_arguments() {
        if a.is_global_set() || matches!(a.get_long(), Some("help" | "version")) {
            continue;
        }
        let takes_value = a.get_action().takes_values();
        let many = a.get_num_args().is_some_and(|r| r.max_values() > 1);
        args.push(ArgSpec {
            id: a.get_id().to_string(),
            long: a.get_long().map(|l| format!("--{l}")),
            takes_value,
            many,
            required: a.is_required_set(),
            possible: a
                .get_possible_values()
                .iter()
                .map(|p| p.get_name().to_string())
                .collect(),
        });
    }
    // Positionals in their order.
    args.sort_by_key(|a| a.long.is_some());
    out.push(Leaf {
        path: path.clone(),
        args,
    });
}

/// The valid ledger every case starts from, and what it holds that a value may name.
struct World {
    /// Owns the directory of the baseline.
    _ledger: Ledger,
    dir: tempfile::TempDir,
    baseline: Vec<u8>,
    code: String,
    csv: PathBuf,
}

fn world() -> World {
    let l = Ledger::sqlite();
    l.distributor();
    l.ok(&["distributor", "add", "Beta"]);
    l.site("Office", "device");
    l.site("Flats", "apartment");
    l.ok(&[
        "device",
        "add",
        "--site",
        "Office",
        "--serial",
        "54-0123-4567",
    ]);
    l.ok(&["apartment", "add", "--site", "Flats", "A1"]);
    l.ok(&[
        "device",
        "add",
        "--site",
        "Flats",
        "--serial",
        "54-0123-4568",
        "--apartment",
        "A1",
    ]);
    let order = l.json(&[
        "voucher",
        "create",
        "--distributor",
        "Acme",
        "--name",
        "Batch",
        "--years",
        "1",
        "--subscriptions",
        "2",
        "--count",
        "3",
        "--payment",
        "invoice",
        "--yes",
    ]);
    let code = order["vouchers"][0]["code"].as_str().unwrap().to_string();
    l.ok(&[
        "credits",
        "buy",
        "--site",
        "Office",
        "--sms",
        "100",
        "--payment",
        "card",
    ]);
    l.ok(&[
        "credits", "adjust", "--site", "Office", "--amount", "5", "--reason", "opening",
    ]);
    l.verify();
    // creditctl leaves a short WAL as it is when it closes (it keeps the file, and the
    // last commits in it, between commands): copied into the file here, so that the file alone
    // is the baseline each case starts from.
    rusqlite::Connection::open(&l.db)
        .unwrap()
        .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))
        .unwrap();
    assert_eq!(
        wal_len(&l.db),
        0,
        "the WAL holds pages after the processes exited"
    );
    let csv = l.dir.path().join("devices.csv");
    std::fs::write(&csv, "serial,apartment\n54-0123-4569\n").unwrap();
    let baseline = std::fs::read(&l.db).unwrap();
    World {
        _ledger: l,
        dir: tempfile::tempdir().unwrap(),
        baseline,
        code,
        csv,
    }
}

/// The size of the ledger's WAL file, 0 when there is none.
fn wal_len(db: &Path) -> u64 {
    std::fs::metadata(wal(db)).map_or(0, |m| m.len())
}

fn wal(db: &Path) -> PathBuf {
    let mut p = db.as_os_str().to_owned();
    p.push("-wal");
    PathBuf::from(p)
}

/// A value that fits the argument: one of its possible values, or something of the kind it
/// names (a site, a serial, a count, ...) that the ledger may hold.
fn fitting(rng: &mut Rng, spec: Option<&ArgSpec>, w: &World) -> Option<OsString> {
    let spec = spec?;
    if !spec.possible.is_empty() {
        return Some(rng.pick(&spec.possible).into());
    }
    let code = w.code.as_str();
    let csv = w.csv.to_str().unwrap();
    let kind: &[&str] = match spec.id.as_str() {
        "site" => &["Office", "Flats", "1", "2", "3"],
        "serial" => &["54-0123-4567", "54-0123-4568", "54-0123-4569"],
        "apartment" | "name" => &["A1", "A2", "New one"],
        "distributor" => &["Acme", "Beta", "1", "2"],
        "years" | "subscriptions" | "count" | "order" | "id" | "credits" => &["1", "2", "3"],
        "messages" | "sms" => &["50", "100", "7"],
        "licenses" => &["nfc", "gold", "enhanced-video"],
        "amount" => &["5", "-1", "12.50"],
        "reason" | "reference" => &["r1", "fix"],
        "period" => &["2026-11", "2026-10", "2026-12"],
        "code" => &[code, code, "K7QM-3XHD-9V2P-RT6W-J"],
        "item" => &["device-year", "sms-50", "license:nfc"],
        "file" => &[csv],
        _ => return None,
    };
    Some(rng.pick(kind).into())
}

/// A value for an argument: fitting unless `hostile`, else anything from plausible to hostile.
fn value(rng: &mut Rng, spec: Option<&ArgSpec>, w: &World, hostile: bool) -> OsString {
    if !hostile && let Some(v) = fitting(rng, spec, w) {
        return v;
    }
    const PLAUSIBLE: &[&str] = &[
        "1",
        "2",
        "0",
        "-3",
        "50",
        "100000",
        "99999999999999999999",
        "9223372036854775807",
        "-9223372036854775808",
        "999999.99",
        "Office",
        "Flats",
        "A1",
        "Acme",
        "Beta",
        "Nobody",
        "54-0123-4567",
        "54-0123-4568",
        "54-9999-0000",
        "2026-11",
        "2026-10",
        "2027-01",
        "device",
        "apartment",
        "sms",
        "card",
        "invoice",
        "video",
        "active",
        "used",
        "csv",
        "json",
        "bash",
        "nfc",
        "gold",
        "device-year",
        "sms-50",
        "12.50",
        "1e3",
        "K7QM-3XHD-9V2P-RT6W-J",
        "--json",
        "--help",
        "-h",
        "--",
        "-",
        " ",
    ];
    match rng.below(12) {
        0..=5 => match spec.filter(|s| !s.possible.is_empty() && rng.chance(60)) {
            Some(s) => rng.pick(&s.possible).into(),
            None => rng.pick(PLAUSIBLE).into(),
        },
        6 => match rng.below(3) {
            0 => w.code.clone().into(),
            1 => w.code.to_lowercase().replace('-', " ").into(),
            _ => w.csv.clone().into_os_string(),
        },
        // Not UTF-8: random bytes with at least one that never starts a UTF-8 sequence.
        7 => {
            let mut b: Vec<u8> = (0..1 + rng.below(12))
                .map(|_| 1 + rng.below(255) as u8)
                .collect();
            let at = rng.below(b.len());
            b[at] = *rng.pick(&[0xff, 0xfe, 0xc0, 0x80]);
            OsString::from_vec(b)
        }
        // Control characters around a plausible value.
        8 => {
            const CONTROLS: &[&str] = &[
                "\n",
                "\r\n",
                "\t",
                "\u{1b}[2J",
                "\u{1b}]0;t\u{7}",
                "\u{7f}",
                "\u{85}",
                "\u{9b}",
                "\u{202e}",
                "\u{8}",
            ];
            let mut s = rng.pick(PLAUSIBLE).to_string();
            let at = rng.below(s.len() + 1);
            let at = (0..=at).rev().find(|i| s.is_char_boundary(*i)).unwrap_or(0);
            let control = *rng.pick(CONTROLS);
            s.insert_str(at, control);
            s.into()
        }
        // Very long.
        9 => {
            let unit = rng.pick(&["x", "é", "9", "A-", "\u{1b}"]).to_string();
            let n = if rng.chance(30) { 100_000 } else { 300 };
            unit.repeat(n / unit.len()).into()
        }
        10 => "".into(),
        // Random printable junk.
        _ => (0..1 + rng.below(20))
            .map(|_| char::from(b' ' + rng.below(95) as u8))
            .collect::<String>()
            .into(),
    }
}

/// Whether clap could read `token` as `--yes`/`-y`, `--db` or another ledger path: such tokens
/// are never generated, so the fuzz cannot confirm a write or write elsewhere.
fn forbidden(token: &std::ffi::OsStr) -> bool {
    let b = token.as_bytes();
    let long = |name: &[u8]| b.starts_with(name) && matches!(b.get(name.len()), None | Some(b'='));
    long(b"--yes")
        || long(b"--db")
        || (b.starts_with(b"-") && !b.starts_with(b"--") && b.contains(&b'y'))
}

fn argv(rng: &mut Rng, leaf: &Leaf, leaves: &[Leaf], w: &World) -> Vec<OsString> {
    let mut out: Vec<OsString> = leaf.path.iter().map(OsString::from).collect();
    if rng.chance(3) {
        out.pop();
    }
    let mut long_values = 0;
    let mut push = |out: &mut Vec<OsString>, v: OsString| {
        if v.len() > 10_000 {
            long_values += 1;
            if long_values > 2 {
                return;
            }
        }
        if !forbidden(&v) {
            out.push(v);
        }
    };
    // Half the cases are nearly valid (every value fits but, rarely, one), to reach the
    // commands' rules and confirmations; the others are hostile throughout.
    let near_valid = rng.chance(50);
    let hostile = |rng: &mut Rng| !near_valid || rng.chance(8);
    if rng.chance(15) {
        push(&mut out, "--as".into());
        let h = hostile(rng);
        let v = value(rng, None, w, h);
        push(&mut out, v);
    }
    for spec in &leaf.args {
        let wanted = match (spec.required, near_valid) {
            (true, true) => 100,
            (true, false) => 90,
            (false, true) => 35,
            (false, false) => 50,
        };
        if !rng.chance(wanted) {
            continue;
        }
        let times = if spec.many { 1 + rng.below(3) } else { 1 };
        for _ in 0..times {
            if let Some(long) = &spec.long {
                if spec.takes_value && rng.chance(10) {
                    let h = hostile(rng);
                    let v = value(rng, Some(spec), w, h);
                    let mut joined = OsString::from(format!("{long}="));
                    joined.push(v);
                    push(&mut out, joined);
                    continue;
                }
                push(&mut out, long.into());
            }
            if spec.takes_value && (near_valid || !rng.chance(3)) {
                let h = hostile(rng);
                let v = value(rng, Some(spec), w, h);
                push(&mut out, v);
            }
        }
    }
    // Stray tokens: a flag of another command, a value, or a junk flag.
    while rng.chance(if near_valid { 3 } else { 20 }) {
        let other = rng.pick(leaves);
        let token: OsString = match other.args.iter().filter_map(|a| a.long.as_ref()).next() {
            Some(long) if rng.chance(50) => long.into(),
            _ if rng.chance(50) => value(rng, None, w, true),
            _ => format!("--{}", value(rng, None, w, true).to_string_lossy()).into(),
        };
        push(&mut out, token);
    }
    if rng.chance(5) {
        out.shuffle_with(rng);
    }
    out
}

trait Shuffle {
    fn shuffle_with(&mut self, rng: &mut Rng);
}

impl<T> Shuffle for Vec<T> {
    fn shuffle_with(&mut self, rng: &mut Rng) {
        for i in (1..self.len()).rev() {
            let j = rng.below(i + 1);
            self.swap(i, j);
        }
    }
}

fn shown(args: &[OsString]) -> String {
    args.iter()
        .map(|a| {
            let s = format!("{:?}", a);
            if s.len() > 80 {
                let head: String = s.chars().take(60).collect();
                format!("{head}...({} bytes)", a.len())
            } else {
                s
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn run(w: &World, case_db: &Path, args: &[OsString], json: bool) -> Output {
    std::fs::write(case_db, &w.baseline).unwrap();
    let _ = std::fs::remove_file(wal(case_db));
    let dir = case_db.parent().unwrap();
    let mut c = Command::new(env!("CARGO_BIN_EXE_creditctl"));
    c.env_clear()
        .env("CREDITCTL_DB", case_db)
        .env("CREDITCTL_NOW", NOW)
        .env("CREDITCTL_ACTOR", "fuzz")
        .env("CREDITCTL_BUSY_TIMEOUT_MS", "2000")
        .env("NO_COLOR", "1")
        .env("HOME", dir)
        .env("XDG_DATA_HOME", dir.join("data"))
        .current_dir(dir)
        .stdin(Stdio::null());
    if json {
        c.arg("--json");
    }
    c.args(args).output().expect("run creditctl")
}

/// Commands that print no JSON even with `--json` (known; reported): a completion script. (The
/// demo and the man page refuse `--json`.)
const NOT_JSON: [&str; 1] = ["completions"];

/// Every table but the record of failed redemptions, which must hold exactly one new row.
fn only_an_attempt_was_recorded(w: &World, case_db: &Path) -> bool {
    let base = w.dir.path().join("baseline-check.db");
    std::fs::write(&base, &w.baseline).unwrap();
    let dump = |db: &Path| -> (String, i64) {
        let conn = rusqlite::Connection::open(db).unwrap();
        let tables: Vec<String> = conn
            .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name <> 'redeem_attempt' ORDER BY name")
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        let mut out = String::new();
        for t in tables {
            let mut stmt = conn.prepare(&format!("SELECT * FROM \"{t}\"")).unwrap();
            let n = stmt.column_count();
            let mut rows = stmt.query([]).unwrap();
            while let Some(r) = rows.next().unwrap() {
                for i in 0..n {
                    out.push_str(&format!("{:?}|", r.get_ref(i).unwrap()));
                }
                out.push('\n');
            }
        }
        let attempts = conn
            .query_row("SELECT count(*) FROM redeem_attempt", [], |r| r.get(0))
            .unwrap();
        (out, attempts)
    };
    let (before, before_attempts) = dump(&base);
    let (after, after_attempts) = dump(case_db);
    before == after && after_attempts == before_attempts + 1
}

/// The checks of one run; `Err` says what broke.
fn check(w: &World, case_db: &Path, leaf: &str, out: &Output, json: bool) -> Result<(), String> {
    let stderr = String::from_utf8_lossy(&out.stderr);
    let code = out
        .status
        .code()
        .ok_or_else(|| format!("killed by a signal: {:?}", out.status))?;
    if code == 101 || stderr.contains("panicked") {
        return Err(format!("panicked (exit {code}): {stderr}"));
    }
    if !(0..=7).contains(&code) {
        return Err(format!("exit {code} is not one of 0..=7: {stderr}"));
    }
    if code == 0 {
        let stdout = String::from_utf8_lossy(&out.stdout);
        let help = stdout.contains("Usage: creditctl") || stdout.starts_with("creditctl ");
        let one_json = serde_json::from_slice::<serde_json::Value>(&out.stdout).is_ok();
        if json && !help && !NOT_JSON.contains(&leaf) && !one_json {
            return Err(format!(
                "succeeded but stdout is not one JSON document: {stdout:?}"
            ));
        }
        return Ok(());
    }
    if !out.stdout.is_empty() {
        return Err(format!(
            "refused (exit {code}) but printed on stdout: {}",
            String::from_utf8_lossy(&out.stdout)
        ));
    }
    if stderr.chars().any(|c| c.is_control() && c != '\n') {
        return Err(format!("a raw control character on stderr: {stderr:?}"));
    }
    if json {
        let one_line = stderr.ends_with('\n') && stderr.lines().count() == 1;
        let v: Option<serde_json::Value> = serde_json::from_str(&stderr).ok();
        let well_formed = v
            .as_ref()
            .is_some_and(|v| v["error"]["code"].is_string() && v["error"]["message"].is_string());
        if !one_line || !well_formed {
            return Err(format!("not one JSON error line: {stderr:?}"));
        }
    } else {
        // Every refusal, clap's included, is one line.
        let ours = stderr.starts_with("error: ") && stderr.lines().count() == 1;
        if !ours {
            return Err(format!("not a one-line error: {stderr:?}"));
        }
    }
    let after = std::fs::read(case_db).map_err(|e| format!("ledger gone: {e}"))?;
    // A write is in the file or, until a checkpoint copies it, in the WAL.
    let wrote = after != w.baseline || wal_len(case_db) != 0;
    if wrote && leaf == "voucher redeem" && only_an_attempt_was_recorded(w, case_db) {
        // The one write a refused command makes: the record of a failed redemption.
        return Ok(());
    }
    if after != w.baseline {
        return Err(format!(
            "refused (exit {code}: {}) but the ledger file changed ({} -> {} bytes)",
            stderr.trim_end(),
            w.baseline.len(),
            after.len()
        ));
    }
    if wal_len(case_db) != 0 {
        return Err("refused but left pages in the -wal file".to_string());
    }
    Ok(())
}

#[test]
fn random_command_lines_never_panic_and_refusals_write_nothing() {
    let started = Instant::now();
    let cases: usize = std::env::var("FUZZ_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(DEFAULT_CASES);
    let seed: u64 = std::env::var("FUZZ_SEED")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(DEFAULT_SEED);
    let w = world();
    let mut all = Vec::new();
    // Built, so that every group's commands are there (clap builds a group when it is named).
    let mut top = Cli::full_command();
    top.build();
    leaves(&top, &mut Vec::new(), &mut all);
    assert!(
        all.len() >= 30,
        "the tree walk found {} commands",
        all.len()
    );
    let case_dir = tempfile::tempdir().unwrap();
    let case_db = case_dir.path().join("case.db");
    let mut rng = Rng(seed);
    let mut failures = Vec::new();
    let mut runs = 0;
    let mut exits = [0usize; 8];
    for case in 0..cases {
        // Every command in turn, so each gets its share; `demo` (a dozen processes) less often.
        let leaf = &all[case % all.len()];
        if leaf.path == ["demo"] && case / all.len() % 4 != 0 {
            continue;
        }
        let args = argv(&mut rng, leaf, &all, &w);
        for json in [false, true] {
            let out = run(&w, &case_db, &args, json);
            runs += 1;
            if let Some(n) = out.status.code().and_then(|c| exits.get_mut(c as usize)) {
                *n += 1;
            }
            // `--json` anywhere on the line (even as another flag's value) asks for JSON.
            let json_asked = json
                || args
                    .iter()
                    .take_while(|a| *a != "--")
                    .any(|a| a == "--json");
            if let Err(why) = check(&w, &case_db, &leaf.path.join(" "), &out, json_asked) {
                failures.push(format!(
                    "case {case}: creditctl{} {}\n    {why}",
                    if json { " --json" } else { "" },
                    shown(&args)
                ));
            }
        }
    }
    eprintln!(
        "fuzz: {runs} runs of {} commands in {:.1?} (seed {seed}); exits 0..=7: {exits:?}",
        all.len(),
        started.elapsed()
    );
    assert!(
        failures.is_empty(),
        "{} of {runs} runs broke a rule:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
