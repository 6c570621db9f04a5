//! Measuring whole processes: the tool and its floor are each timed from spawn to exit, with
//! their own peak RSS, by a small helper process (a fresh copy of this program), in rounds that
//! alternate which of the two goes first.

use anyhow::{Context, Result, bail, ensure};
use std::ffi::{OsStr, OsString};
use std::fs::File;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

pub use crate::consts::{ACTOR, NOW};

/// The floors' program, built next to this one (`examples/floor/`).
pub fn floor_binary() -> Result<PathBuf> {
    let exe = std::env::current_exe()?;
    Ok(exe.with_file_name(format!("floor{}", std::env::consts::EXE_SUFFIX)))
}

/// What becomes of a measured process's standard output.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Out {
    /// To /dev/null.
    Null,
    /// Kept, and handed back.
    Capture,
    /// Read until the first output arrives (the tool writes its first row at once), which is
    /// timed; then the pipe is closed, as `| head -c 1` does: the process must then stop quietly.
    FirstLine,
}

/// One process to measure: a program, its arguments, and `$CREDITCTL_DB`.
#[derive(Clone, Debug)]
pub struct Cmd {
    pub program: PathBuf,
    pub args: Vec<OsString>,
    pub db: OsString,
}

impl Cmd {
    /// `creditctl ARGS` on `db`.
    pub fn tool(bin: &Path, db: &OsStr, args: &[&str]) -> Cmd {
        Cmd {
            program: bin.to_path_buf(),
            args: args.iter().map(OsString::from).collect(),
            db: db.to_os_string(),
        }
    }

    /// The floors' program: `floor WORKLOAD ARGS` on `db` (see `examples/floor/`).
    pub fn floor(db: &OsStr, workload: &str, args: &[&str]) -> Result<Cmd> {
        let mut all = vec![OsString::from(workload)];
        all.extend(args.iter().map(OsString::from));
        Ok(Cmd {
            program: floor_binary()?,
            args: all,
            db: db.to_os_string(),
        })
    }

    pub fn describe(&self) -> String {
        let name = self
            .program
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let args: Vec<String> = self
            .args
            .iter()
            .map(|a| a.to_string_lossy().into_owned())
            .collect();
        format!("{name} {}", args.join(" "))
    }
}

/// One finished process.
#[derive(Debug, Clone, Default)]
pub struct Proc {
    pub wall: Duration,
    /// When the first line arrived ([`Out::FirstLine`] only).
    pub first_line: Option<Duration>,
    /// Peak resident set, in KiB (Linux reports `ru_maxrss` in KiB).
    pub max_rss_kib: i64,
    pub stdout: String,
}

/// Runs `cmd` through the measuring helper; `scratch` is a path in the work directory whose
/// `.stderr` and `.result` siblings the helper writes. A process that fails is an error, and so
/// is any word on stderr after a closed pipe.
pub fn run(cmd: &Cmd, out: Out, scratch: &Path) -> Result<Proc> {
    let stderr_path = scratch.with_extension("stderr");
    let result_path = scratch.with_extension("result");
    let stderr = File::create(&stderr_path)?;
    let mut helper = Command::new(std::env::current_exe()?);
    helper
        .arg(MEASURE_CHILD)
        .arg(&result_path)
        .arg(match out {
            Out::FirstLine => "first-line",
            _ => "whole",
        })
        .arg(&cmd.program)
        .args(&cmd.args)
        .env_clear()
        .env("CREDITCTL_DB", &cmd.db)
        .env("CREDITCTL_NOW", NOW)
        .env("NO_COLOR", "1")
        .stdin(Stdio::null())
        .stdout(match out {
            Out::Null | Out::FirstLine => Stdio::null(),
            Out::Capture => Stdio::piped(),
        })
        .stderr(stderr);
    // On PostgreSQL the acting identity is the database user, and naming another is refused.
    if !cmd.db.to_string_lossy().starts_with("postgres") {
        helper.env("CREDITCTL_ACTOR", ACTOR);
    }
    let mut child = helper
        .spawn()
        .context("cannot start the measuring helper")?;
    let mut stdout = String::new();
    if let Some(mut pipe) = child.stdout.take() {
        pipe.read_to_string(&mut stdout)?;
    }
    let helper_status = child.wait()?;
    let stderr = std::fs::read_to_string(&stderr_path)
        .unwrap_or_default()
        .trim()
        .to_string();
    ensure!(
        helper_status.success(),
        "the measuring helper failed ({helper_status}): {stderr}"
    );
    let result = std::fs::read_to_string(&result_path)?;
    let fields: Vec<i64> = result
        .split_whitespace()
        .map(str::parse)
        .collect::<Result<_, _>>()
        .with_context(|| format!("bad helper result '{result}'"))?;
    let [wall_ns, first_ns, max_rss_kib, status] = fields[..] else {
        bail!("bad helper result '{result}'");
    };
    ensure!(
        status == 0,
        "`{}` failed (exit {status}): {stderr}",
        cmd.describe()
    );
    if out == Out::FirstLine {
        ensure!(
            first_ns >= 0,
            "`{}` printed no line: {stderr}",
            cmd.describe()
        );
        ensure!(
            stderr.is_empty(),
            "`{}` did not stop quietly on a closed pipe: {stderr}",
            cmd.describe()
        );
    }
    Ok(Proc {
        wall: Duration::from_nanos(wall_ns as u64),
        first_line: (first_ns >= 0).then(|| Duration::from_nanos(first_ns as u64)),
        max_rss_kib,
        stdout,
    })
}

/// The hidden first argument that makes this program the measuring helper:
/// `scale --measure-child RESULT MODE BIN ARGS...` runs BIN with the inherited environment and
/// writes `wall_ns first_line_ns max_rss_kib exit_code` to RESULT (first_line_ns is -1 when not
/// timed; a process ended by SIGPIPE after the pipe closed counts as exit 0, as under a shell's
/// `| head -c 1`).
pub const MEASURE_CHILD: &str = "--measure-child";

pub fn measure_child(mut args: impl Iterator<Item = String>) -> Result<()> {
    let result = PathBuf::from(args.next().context("no result file")?);
    let first_line = args.next().context("no mode")? == "first-line";
    let bin = args.next().context("no binary")?;
    let start = Instant::now();
    let mut command = Command::new(&bin);
    command.args(args);
    if first_line {
        command.stdout(Stdio::piped());
    }
    let mut child = command
        .spawn()
        .with_context(|| format!("cannot start {bin}"))?;
    let mut first_ns: i64 = -1;
    if let Some(mut pipe) = child.stdout.take() {
        let mut first = [0u8; 4096];
        if pipe.read(&mut first)? > 0 {
            first_ns = start.elapsed().as_nanos() as i64;
        }
        // Closing the pipe is what `head -c` does after its bytes.
        drop(pipe);
    }
    let (status, signal, max_rss_kib) = wait4(child.id())?;
    let wall = start.elapsed();
    let code = match (status, signal) {
        (Some(code), _) => code,
        (None, Some(libc::SIGPIPE)) if first_line => 0,
        _ => -1,
    };
    std::fs::write(
        result,
        format!("{} {first_ns} {max_rss_kib} {code}", wall.as_nanos()),
    )?;
    Ok(())
}

/// Reaps the child: its exit code (None when killed by a signal), the signal, and its own peak
/// RSS in KiB, which `wait4` reports per child. Linux folds the RSS of the process that spawns a
/// child into the child's `ru_maxrss` (at exec the old address space's high-water mark is kept),
/// which is why a small helper, not this process grown large by building fixtures, spawns it.
fn wait4(pid: u32) -> Result<(Option<i32>, Option<i32>, i64)> {
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
    let signal = libc::WIFSIGNALED(status).then(|| libc::WTERMSIG(status));
    Ok((code, signal, usage.ru_maxrss))
}

/// Flushes everything written so far (fixtures, copies, deleted files), so that background
/// writeback does not land inside a timed step.
pub fn settle() {
    // SAFETY: sync(2) takes no arguments and cannot fail.
    unsafe { libc::sync() };
}

/// Min, median and max of some durations.
#[derive(Debug, Clone, Copy, Default)]
pub struct Spread {
    pub min: Duration,
    pub median: Duration,
    pub max: Duration,
}

impl Spread {
    pub fn of(samples: &[Duration]) -> Spread {
        let mut s = samples.to_vec();
        s.sort();
        let Some((&min, &max)) = s.first().zip(s.last()) else {
            return Spread::default();
        };
        let secs: Vec<f64> = s.iter().map(Duration::as_secs_f64).collect();
        Spread {
            min,
            median: Duration::from_secs_f64(median(&secs)),
            max,
        }
    }
}

/// The middle of sorted values (the mean of the middle two for an even count).
fn median(sorted: &[f64]) -> f64 {
    let n = sorted.len();
    if n % 2 == 1 {
        sorted[n / 2]
    } else {
        (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0
    }
}

/// The tool's and the floor's processes of a paired measurement, round by round.
#[derive(Debug, Default)]
pub struct Paired {
    pub tool: Vec<Proc>,
    pub floor: Vec<Proc>,
}

impl Paired {
    pub fn tool_wall(&self) -> Spread {
        Spread::of(&self.tool.iter().map(|p| p.wall).collect::<Vec<_>>())
    }

    pub fn floor_wall(&self) -> Spread {
        Spread::of(&self.floor.iter().map(|p| p.wall).collect::<Vec<_>>())
    }

    /// The median over rounds of tool / floor, each round's pair measured back to back.
    pub fn ratio(&self) -> f64 {
        let mut ratios: Vec<f64> = self
            .tool
            .iter()
            .zip(&self.floor)
            .map(|(t, f)| t.wall.as_secs_f64() / f.wall.as_secs_f64().max(1e-9))
            .collect();
        ratios.sort_by(f64::total_cmp);
        if ratios.is_empty() {
            return f64::NAN;
        }
        median(&ratios)
    }

    pub fn tool_rss_kib(&self) -> i64 {
        self.tool.iter().map(|p| p.max_rss_kib).max().unwrap_or(0)
    }

    pub fn floor_rss_kib(&self) -> i64 {
        self.floor.iter().map(|p| p.max_rss_kib).max().unwrap_or(0)
    }
}

/// One round: the two commands to compare on databases made ready for them.
pub struct Round {
    pub tool: Cmd,
    pub floor: Cmd,
}

/// Measures `rounds` rounds: `prepare(i)` makes round i's commands (fresh databases where they
/// write), tool and floor run back to back, the tool first in even rounds and the floor first
/// in odd ones, and `check(i, &tool, &floor)` then confirms that both did the same.
pub fn paired(
    rounds: usize,
    scratch: &Path,
    mut prepare: impl FnMut(usize) -> Result<Round>,
    mut check: impl FnMut(usize, &Proc, &Proc) -> Result<()>,
) -> Result<Paired> {
    let mut out = Paired::default();
    for i in 0..rounds {
        let round = prepare(i)?;
        settle();
        let (tool, floor) = if i % 2 == 0 {
            let t = run(&round.tool, Out::Null, scratch)?;
            let f = run(&round.floor, Out::Null, scratch)?;
            (t, f)
        } else {
            let f = run(&round.floor, Out::Null, scratch)?;
            let t = run(&round.tool, Out::Null, scratch)?;
            (t, f)
        };
        check(i, &tool, &floor)?;
        eprintln!(
            "    round {i}: tool {:.1} ms, floor {:.1} ms",
            tool.wall.as_secs_f64() * 1e3,
            floor.wall.as_secs_f64() * 1e3
        );
        out.tool.push(tool);
        out.floor.push(floor);
    }
    Ok(out)
}
