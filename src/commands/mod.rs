//! One file per noun. Each command reads as its story: load, decide (pure), apply (one
//! transaction), render.

mod apartment;
mod completions;
mod credits;
mod deduct;
mod demo;
mod device;
mod distributor;
mod files;
mod key;
mod ledger;
mod license;
mod man;
mod member;
mod payment;
mod price;
mod site;
mod voucher;

use chrono::{DateTime, Utc};
use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::time::Duration;

use crate::cli::{Cli, Command, Lazy};
use crate::domain::access::{Action, Actor};
use crate::domain::period::{Period, check_clock};
use crate::domain::text::{ACTOR_MAX, escape_bytes, free_text};
use crate::error::{Error, Kind, Result};
use crate::store::sql::Tx;
use crate::store::{
    DEFAULT_BUSY_TIMEOUT, Location, OpenMode, Stamp, Store, accounts, members, vouchers,
};
use std::cell::{Cell, RefCell};

/// The longest wait for a busy ledger that `$CREDITCTL_BUSY_TIMEOUT_MS` may ask for: one hour.
const BUSY_TIMEOUT_MAX_MS: u64 = 3_600_000;

/// A variable that must be text: unset or blank is `None`; a value that is not UTF-8 is refused
/// (exit 2) with its name and `what_to_do`.
fn env_text(name: &str, what_to_do: &str) -> Result<Option<String>> {
    match std::env::var_os(name).map(std::ffi::OsString::into_string) {
        None => Ok(None),
        Some(Ok(text)) if text.trim().is_empty() => Ok(None),
        Some(Ok(text)) => Ok(Some(text)),
        Some(Err(raw)) => Err(Error::new(
            Kind::Usage,
            "invalid_utf8",
            format!(
                "${name} is not valid UTF-8 ('{}'); {what_to_do}",
                escape_bytes(raw.as_encoded_bytes())
            ),
        )),
    }
}

/// What every command knows: where the ledger is, who acts, what time it is, how to answer.
pub struct Ctx {
    db: Option<PathBuf>,
    pub json: bool,
    pub yes: bool,
    /// The identity that acts: on SQLite as given (`--as`, `$CREDITCTL_ACTOR`, the login
    /// user); on PostgreSQL the user the server authenticated, set when the ledger is opened.
    actor: RefCell<String>,
    /// Where the SQLite identity came from, when it was given explicitly (`--as`, the variable).
    actor_given: Option<String>,
    /// The command's time: `$CREDITCTL_NOW` when set, else the system clock at the start, read
    /// again after a confirmation (see [`Ctx::confirm`]). A cell, because a prompt may stay open
    /// long enough for a voucher to expire or the month to end before the write.
    now: Cell<DateTime<Utc>>,
    /// `$CREDITCTL_NOW` is set: the clock stays where it was pinned.
    clock_pinned: bool,
    busy_timeout: Duration,
    /// `$CREDITCTL_SEED`: voucher codes and license keys drawn from this seed instead of the
    /// operating system (tests only; see [`Ctx::entropy`]).
    seed: Option<u64>,
}

impl Ctx {
    /// Reads the global options and the environment. Paths are taken as the operating system
    /// gives them; a variable that must be text and is not UTF-8 is refused (exit 2), never
    /// skipped.
    pub fn new(cli: &Cli) -> Result<Ctx> {
        // `--db`, else `$CREDITCTL_DB` (read by clap), else the data directory.
        let db = cli.db.clone().or_else(|| {
            directories::BaseDirs::new().map(|d| d.data_dir().join("creditctl").join("ledger.db"))
        });
        // The actor: --as, else $CREDITCTL_ACTOR (both read by clap), else the login user.
        let name_it = "name the actor with --as NAME or $CREDITCTL_ACTOR";
        let given = if cli.actor_from_env {
            "$CREDITCTL_ACTOR"
        } else {
            "--as"
        };
        let mut actor = cli.actor.clone().map(|name| (given.to_string(), name));
        // On PostgreSQL the server names who acts (see [`Ctx::opened`]): the login user is
        // not looked up (the system's user database is two files and a socket read at every
        // start, in a cron job's or a service's environment).
        let on_postgres = db
            .as_ref()
            .is_some_and(|p| matches!(Location::parse(p.as_os_str()), Ok(Location::Postgres(_))));
        for var in ["USER", "LOGNAME"] {
            if actor.is_none() && !on_postgres {
                actor = env_text(var, name_it)?.map(|name| (format!("${var}"), name));
            }
        }
        // Neither variable set (a service's environment, often): the system's name for the
        // user the process runs as.
        if actor.is_none() && !on_postgres {
            actor = whoami::username()
                .ok()
                .map(|name| ("the login user's name".to_string(), name));
        }
        let (source, actor) = actor.unwrap_or(("the actor".to_string(), "unknown".to_string()));
        let actor = free_text(&source, &actor, ACTOR_MAX).map_err(Error::usage)?;
        let actor_given = ["--as", "$CREDITCTL_ACTOR"]
            .contains(&source.as_str())
            .then_some(source);
        let pinned_now = env_text(
            "CREDITCTL_NOW",
            "write it like 2026-11-01T00:05:00Z or unset it",
        )?;
        let clock_pinned = pinned_now.is_some();
        let now = match pinned_now {
            Some(text) => {
                let bad = |m: &str| Error::usage(format!("$CREDITCTL_NOW is '{text}', {m}"));
                let t = DateTime::parse_from_rfc3339(text.trim()).map_err(|_| {
                    bad("not an RFC 3339 time; write it like 2026-11-01T00:05:00Z or unset it")
                })?;
                check_clock(t.with_timezone(&Utc))
                    .map_err(|m| bad(&format!("{m}; set a time within them or unset it")))?
            }
            None => system_clock()?,
        };
        let busy_timeout = match env_text(
            "CREDITCTL_BUSY_TIMEOUT_MS",
            "set it to a number of milliseconds or unset it",
        )? {
            Some(ms) => Duration::from_millis(
                ms.trim()
                    .parse()
                    .ok()
                    .filter(|ms| *ms <= BUSY_TIMEOUT_MAX_MS)
                    .ok_or_else(|| {
                        Error::usage(format!(
                            "$CREDITCTL_BUSY_TIMEOUT_MS is '{ms}', not a number of milliseconds from 0 to {BUSY_TIMEOUT_MAX_MS} (one hour)"
                        ))
                    })?,
            ),
            None => DEFAULT_BUSY_TIMEOUT,
        };
        let seed = match env_text("CREDITCTL_SEED", "unset it")? {
            None => None,
            Some(text) => {
                let seed = text.trim().parse::<u64>().map_err(|_| {
                    Error::usage(format!(
                        "$CREDITCTL_SEED is '{text}', not a whole number from 0 to {}; it is for tests only, unset it",
                        u64::MAX
                    ))
                })?;
                // A seed makes every code guessable. Tests pin the clock as well; a production
                // run never does, so a seed left in its environment is refused, not obeyed.
                if !clock_pinned {
                    return Err(Error::usage(
                        "$CREDITCTL_SEED makes voucher codes and license keys predictable and is for tests only; it is obeyed only with $CREDITCTL_NOW set. Unset it",
                    ));
                }
                Some(seed)
            }
        };
        Ok(Ctx {
            db,
            json: cli.json,
            yes: cli.yes,
            actor: RefCell::new(actor),
            actor_given,
            now: Cell::new(now),
            clock_pinned,
            busy_timeout,
            seed,
        })
    }

    /// Who acts and when, for what a write records.
    pub fn stamp(&self) -> Stamp {
        Stamp {
            actor: self.actor.borrow().clone(),
            now: self.now(),
        }
    }

    /// Where voucher codes and license keys come from: the operating system's CSPRNG, or in
    /// tests the generator of `$CREDITCTL_SEED`. Signing keys never come from here.
    pub fn entropy(&self) -> Box<dyn vouchers::Entropy> {
        match self.seed {
            Some(seed) => Box::new(vouchers::SeededEntropy::new(seed)),
            None => Box::new(vouchers::OsEntropy),
        }
    }

    pub fn now(&self) -> DateTime<Utc> {
        self.now.get()
    }

    /// Reads the system clock again, unless `$CREDITCTL_NOW` pins it.
    fn refresh_clock(&self) -> Result<()> {
        if !self.clock_pinned {
            self.now.set(system_clock()?);
        }
        Ok(())
    }

    /// The acting member, read in the command's own transaction before it reads or writes
    /// anything else, once allowed `action` (exit 7 otherwise).
    pub fn allow(&self, tx: &mut dyn Tx, action: Action, command: &str) -> Result<Actor> {
        let actor = members::actor(tx, &self.actor.borrow())?;
        actor.check(action, command)?;
        Ok(actor)
    }

    /// An engine that authenticates its users (PostgreSQL) names who acts; naming it otherwise
    /// there is refused, so that no row records an identity the engine did not vouch for.
    fn opened(&self, store: Store) -> Result<Store> {
        if let Some(user) = store.authenticated_user() {
            if let Some(source) = &self.actor_given {
                return Err(Error::usage(format!(
                    "on PostgreSQL the acting identity is the database user ({user}); leave out {source}"
                )));
            }
            *self.actor.borrow_mut() = user;
        }
        Ok(store)
    }

    fn location(&self) -> Result<Location> {
        Location::parse(self.db_path()?.as_os_str())
    }

    fn db_path(&self) -> Result<&PathBuf> {
        self.db.as_ref().ok_or_else(|| {
            Error::usage(
                "no ledger path: pass --db PATH or set $CREDITCTL_DB (no data directory was found)",
            )
        })
    }

    /// Opens `target` to receive a copy: it must not hold a ledger yet.
    pub fn open_copy_target(&self, target: &std::ffi::OsStr) -> Result<Store> {
        Store::open(
            &Location::parse(target)?,
            OpenMode::CreateBare,
            self.busy_timeout,
        )
    }

    /// Opens an existing ledger to write; a missing one is "not found" and nothing is created.
    pub fn open(&self) -> Result<Store> {
        self.opened(Store::open(
            &self.location()?,
            OpenMode::Write,
            self.busy_timeout,
        )?)
    }

    /// Opens the ledger to write, creating it when missing: for the commands that make a
    /// ledger's first object.
    pub fn open_or_create(&self) -> Result<Store> {
        self.opened(Store::open(
            &self.location()?,
            OpenMode::Create,
            self.busy_timeout,
        )?)
    }

    /// Opens an existing ledger read-only: for commands that only read.
    pub fn open_existing(&self) -> Result<Store> {
        self.opened(Store::open(
            &self.location()?,
            OpenMode::Read,
            self.busy_timeout,
        )?)
    }

    /// The current billing period.
    pub fn period(&self) -> Period {
        Period::containing(self.now())
    }

    /// Asks before an irreversible or paid step. `--yes` answers for the user; without a
    /// terminal there is nobody to ask, so it refuses (exit 5), naming `--dry-run` only to a
    /// command that has one (`has_dry_run`). `show` prints what will happen.
    ///
    /// Once answered, the clock is read again (unless pinned): a person may take minutes, or
    /// leave the question open over a month's end, and the write that follows, with its
    /// re-checks (a voucher's expiry, the month, the failed attempts of the hour), must be of
    /// the time of the answer, not of the command's start. Read after `--yes` too, harmlessly.
    pub fn confirm(&self, question: &str, has_dry_run: bool, show: impl FnOnce()) -> Result<()> {
        self.ask(question, has_dry_run, show)?;
        self.refresh_clock()
    }

    /// The question of [`Ctx::confirm`]: `Ok` when answered yes.
    fn ask(&self, question: &str, has_dry_run: bool, show: impl FnOnce()) -> Result<()> {
        if self.yes {
            return Ok(());
        }
        if !std::io::stdin().is_terminal() {
            return Err(Error::new(
                Kind::Declined,
                "confirmation_required",
                confirmation_required(question, has_dry_run),
            ));
        }
        show();
        let answer = dialoguer::Confirm::new()
            .with_prompt(crate::output::escape(question))
            .default(false)
            .interact_opt();
        match answer {
            Ok(Some(true)) => Ok(()),
            _ => {
                let _ = writeln!(std::io::stderr());
                Err(Error::new(
                    Kind::Declined,
                    "declined",
                    "declined; nothing was written",
                ))
            }
        }
    }
}

/// The system clock, refused (exit 1, `bad_clock`) outside the years a clock may read.
fn system_clock() -> Result<DateTime<Utc>> {
    check_clock(Utc::now()).map_err(|m| {
        Error::new(
            Kind::Internal,
            "bad_clock",
            format!("the system clock is wrong: {m}; set the clock, or $CREDITCTL_NOW"),
        )
    })
}

/// The refusal of a confirmation without a terminal: how to see what the command would do, then
/// how to answer. Only a command with `--dry-run` is told to use it.
fn confirmation_required(question: &str, has_dry_run: bool) -> String {
    let check = if has_dry_run {
        "Check it with --dry-run or in a terminal"
    } else {
        "Run it in a terminal to see what it will do"
    };
    format!(
        "this needs confirmation and stdin is not a terminal; nothing was written. {check}, then pass --yes ({question})"
    )
}

pub fn run(cli: Cli) -> Result<()> {
    let ctx = Ctx::new(&cli)?;
    crate::output::configure(cli.wide)?;
    command(&ctx, cli).map_err(|e| {
        if crate::store::committed() {
            e.after_commit()
        } else {
            e
        }
    })
}

/// The command named, run.
fn command(ctx: &Ctx, cli: Cli) -> Result<()> {
    match cli.command {
        // The demo is a guided tour for people, the man page a roff document: neither has a
        // JSON document to print, so `--json` is refused rather than ignored.
        Command::Demo if ctx.json => Err(Error::usage(
            "the demo is a guided tour for people and prints no JSON; run `creditctl demo` without --json",
        )),
        Command::Man if ctx.json => Err(Error::usage(
            "the man page is roff and has no JSON form; run `creditctl man` without --json",
        )),
        Command::Demo => demo::run(ctx, cli.db.as_deref()),
        Command::Distributor(Lazy(c)) => distributor::run(ctx, c),
        Command::Site(Lazy(c)) => site::run(ctx, c),
        Command::Device(Lazy(c)) => device::run(ctx, c),
        Command::Apartment(Lazy(c)) => apartment::run(ctx, c),
        Command::Voucher(Lazy(c)) => voucher::run(ctx, c),
        Command::License(Lazy(c)) => license::run(ctx, c),
        Command::Credits(Lazy(c)) => credits::run(ctx, c),
        Command::Deduct(Lazy(c)) => deduct::run(ctx, c),
        Command::Payment(Lazy(c)) => payment::run(ctx, c),
        Command::Price(Lazy(c)) => price::run(ctx, c),
        Command::Ledger(Lazy(c)) => ledger::run(ctx, c),
        Command::Member(Lazy(c)) => member::run(ctx, c),
        Command::Key(Lazy(c)) => key::run(ctx, c),
        Command::Completions { shell } => completions::run(shell),
        Command::Man => man::run(),
    }
}

/// The site named by `key`, if the actor may see it; one it may not see is "not found", like
/// one that does not exist, so that nothing leaks.
fn visible_site(tx: &mut dyn Tx, key: &str, me: &Actor) -> Result<accounts::Site> {
    accounts::resolve_site(tx, key, &|id| me.sees_site(id))
}

/// Prints the warning of a write that left a site unable to pay next month (people only).
fn warn_low(ctx: &Ctx, warning: Option<String>) {
    if let Some(w) = warning {
        crate::output::warn(ctx.json, &w);
    }
}

/// The distributor named by `key`, if the actor may see it (else "not found").
fn visible_distributor(tx: &mut dyn Tx, key: &str, me: &Actor) -> Result<accounts::Distributor> {
    accounts::resolve_distributor(tx, key, &|id| me.sees_distributor(id))
}

/// The distributor a list is scoped to: the one `key` names (if the actor may see it), else the
/// actor's own (a distributor member's), else none (all it may see).
fn distributor_scope(tx: &mut dyn Tx, key: Option<&str>, me: &Actor) -> Result<Option<i64>> {
    Ok(key
        .map(|d| visible_distributor(tx, d, me))
        .transpose()?
        .map(|d| d.id)
        .or(me.own_distributor()))
}

/// Parses a serial number argument (exit 2 when malformed).
fn serial(text: &str) -> Result<crate::domain::serial::Serial> {
    crate::domain::serial::Serial::parse(text)
        .map_err(|m| Error::new(Kind::Usage, "invalid_serial", m))
}

/// Parses a voucher code argument; a wrong check symbol is a typo (exit 2), never "not found".
fn code(text: &str) -> Result<crate::domain::code::Code> {
    use crate::domain::code::{Code, CodeError};
    Code::parse(text).map_err(|e| {
        let code = if e == CodeError::CheckMismatch {
            "code_typo"
        } else {
            "invalid_code"
        };
        Error::new(
            Kind::Usage,
            code,
            format!("'{}' is not a valid code: {e}", text.trim()),
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A context whose command started at `start`, confirmations answered by `--yes`.
    fn started_at(start: DateTime<Utc>, clock_pinned: bool) -> Ctx {
        Ctx {
            db: None,
            json: false,
            yes: true,
            actor: RefCell::new("ops".to_string()),
            actor_given: None,
            now: Cell::new(start),
            clock_pinned,
            busy_timeout: DEFAULT_BUSY_TIMEOUT,
            seed: None,
        }
    }

    /// A write after a confirmation is of the time of the answer: the system clock is read
    /// again (its month, its stamp), while a pinned clock stays where `$CREDITCTL_NOW` put it.
    #[test]
    fn a_confirmation_reads_the_clock_again_unless_it_is_pinned() {
        let start = "2001-01-31T23:59:59Z".parse::<DateTime<Utc>>().unwrap();

        let ctx = started_at(start, false);
        let asked = Utc::now();
        ctx.confirm("Redeem?", false, || {}).unwrap();
        assert!(ctx.now() >= asked, "the write kept the start's time");
        assert_eq!(ctx.stamp().now, ctx.now());
        assert_eq!(ctx.period(), Period::containing(ctx.now()));
        assert_ne!(ctx.period(), Period::containing(start));

        let pinned = started_at(start, true);
        pinned.confirm("Redeem?", false, || {}).unwrap();
        assert_eq!(pinned.now(), start);
        assert_eq!(pinned.stamp().now, start);
        assert_eq!(pinned.period(), Period::containing(start));
    }
}
