//! Error kinds, and the one place that maps them to exit codes and JSON error codes.

use std::fmt;

use crate::domain::refusal::Refusal;
use crate::domain::site::MAX_DEVICES_PER_APARTMENT;

/// What kind of failure, which decides the exit code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// I/O or database failure, or a ledger found altered: exit 1.
    Internal,
    /// Bad usage or malformed input: exit 2.
    Usage,
    /// Something named does not exist: exit 3.
    NotFound,
    /// A rule forbids it: exit 4.
    Refused,
    /// Confirmation declined or impossible: exit 5.
    Declined,
    /// Another process held the ledger past the wait limit: exit 6.
    Busy,
    /// The acting member's role may not do this: exit 7.
    Forbidden,
}

impl Kind {
    pub fn exit_code(self) -> u8 {
        match self {
            Kind::Internal => 1,
            Kind::Usage => 2,
            Kind::NotFound => 3,
            Kind::Refused => 4,
            Kind::Declined => 5,
            Kind::Busy => 6,
            Kind::Forbidden => 7,
        }
    }
}

/// A failure with a stable snake_case `code` and a one-line message saying what to do. The
/// message may echo user text as given: it is escaped (see [`crate::domain::text::escape`]) once,
/// here, when it is shown, by `Display` and by [`Error::to_json`] alike.
#[derive(Debug)]
pub struct Error {
    pub kind: Kind,
    pub code: &'static str,
    pub message: String,
    /// The argument a command line was refused for, when clap names one (JSON `argument`).
    pub argument: Option<String>,
    /// The values that argument takes, when clap lists them (JSON `valid_values`).
    pub valid_values: Vec<String>,
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

/// The most characters of a message as shown.
pub const SHOWN_MAX: usize = 1_000;

impl Error {
    pub fn new(kind: Kind, code: &'static str, message: impl Into<String>) -> Error {
        Error {
            kind,
            code,
            message: message.into(),
            argument: None,
            valid_values: Vec::new(),
        }
    }

    pub fn usage(message: impl Into<String>) -> Error {
        Error::new(Kind::Usage, "invalid_input", message)
    }

    pub fn not_found(message: impl Into<String>) -> Error {
        Error::new(Kind::NotFound, "not_found", message)
    }

    pub fn refused(code: &'static str, message: impl Into<String>) -> Error {
        Error::new(Kind::Refused, code, message)
    }

    /// The disk (or the file system's quota) is full: nothing was written.
    pub fn disk_full() -> Error {
        Error::new(
            Kind::Internal,
            "disk_full",
            "the disk is full; nothing was written, free space and run the command again",
        )
    }

    pub fn internal(message: impl Into<String>) -> Error {
        Error::new(Kind::Internal, "internal", message)
    }

    pub fn exit_code(&self) -> u8 {
        self.kind.exit_code()
    }

    /// True when the output's reader went away: nothing failed that the user must hear about.
    pub fn is_broken_pipe(&self) -> bool {
        self.code == BROKEN_PIPE
    }

    /// This error, met after the command committed its change: one that could not write the
    /// output (a full disk, a closed file) says the change stands, so that nobody runs the
    /// command again (a second purchase) believing it failed. Exit 1 still: the output is lost.
    pub fn after_commit(self) -> Error {
        if self.code != "io" && self.code != "disk_full" {
            return self;
        }
        let cause = if self.code == "disk_full" {
            "the disk is full"
        } else {
            self.message.as_str()
        };
        Error::new(
            Kind::Internal,
            "output_failed",
            format!(
                "the command's change is committed, but its output could not be written ({cause}); look at what it changed (payment list, voucher list, credits history) before running it again"
            ),
        )
    }

    /// The message as shown: one line, control characters escaped, and at most
    /// [`SHOWN_MAX`] characters (a message echoing a huge argument keeps its start and its end,
    /// where the advice is).
    pub fn shown(&self) -> std::borrow::Cow<'_, str> {
        let escaped = crate::domain::text::escape(&self.message);
        let total = escaped.chars().count();
        if total <= SHOWN_MAX {
            return escaped;
        }
        let (head, tail) = (SHOWN_MAX * 2 / 3, SHOWN_MAX / 4);
        let start: String = escaped.chars().take(head).collect();
        let end: String = escaped.chars().skip(total - tail).collect();
        std::borrow::Cow::Owned(format!(
            "{start} … ({} characters left out) … {end}",
            total - head - tail
        ))
    }

    pub fn to_json(&self) -> serde_json::Value {
        let mut error = serde_json::json!({"code": self.code, "message": self.shown()});
        if let Some(argument) = &self.argument {
            error["argument"] = crate::domain::text::escape(argument).into();
        }
        if !self.valid_values.is_empty() {
            error["valid_values"] = self.valid_values.clone().into();
        }
        serde_json::json!({ "error": error })
    }

    /// A command line clap refused (exit 2), as one line that keeps clap's detail: what was
    /// wrong, the argument, the values it takes, clap's tip; with a code per kind of mistake.
    /// `rendered` is clap's message (its user text already escaped).
    pub fn from_clap(e: &clap::Error, rendered: &str) -> Error {
        use clap::error::{ContextKind, ContextValue, ErrorKind as K};
        let code = match e.kind() {
            K::InvalidValue | K::ValueValidation | K::NoEquals => "invalid_value",
            K::UnknownArgument => "unknown_argument",
            K::InvalidSubcommand => "unknown_command",
            K::MissingRequiredArgument => "missing_argument",
            K::MissingSubcommand | K::DisplayHelpOnMissingArgumentOrSubcommand => "missing_command",
            K::ArgumentConflict => "argument_conflict",
            K::TooManyValues | K::TooFewValues | K::WrongNumberOfValues => "wrong_number_of_values",
            K::InvalidUtf8 => "invalid_utf8",
            _ => "invalid_input",
        };
        let message = if e.kind() == K::DisplayHelpOnMissingArgumentOrSubcommand {
            // Clap shows the whole help here; its first line is the command's description.
            let usage = rendered
                .lines()
                .find_map(|l| l.strip_prefix("Usage: "))
                .unwrap_or("creditctl <COMMAND>");
            format!("the command is incomplete: {usage}; see --help")
        } else {
            // Clap's lines down to the usage, on one line: "invalid value 'x' for '--model
            // <MODEL>'; [possible values: device, apartment]; tip: ...".
            let mut one = String::new();
            for line in rendered
                .lines()
                .take_while(|l| !l.starts_with("Usage:") && !l.starts_with("For more information"))
                .map(str::trim)
                .filter(|l| !l.is_empty())
            {
                let line = line.strip_prefix("error: ").unwrap_or(line);
                if !one.is_empty() {
                    one.push_str(if one.ends_with(':') { " " } else { "; " });
                }
                one.push_str(line);
            }
            // A required group of alternatives, `<--credits <CREDITS>|--sms <SMS>>` in clap's
            // words, is said as "one of --credits <CREDITS> or --sms <SMS>".
            if let (K::MissingRequiredArgument, Some(ContextValue::Strings(missing))) =
                (e.kind(), e.get(ContextKind::InvalidArg))
            {
                for group in missing {
                    if let Some(inner) = group.strip_prefix('<').and_then(|g| g.strip_suffix('>'))
                        && inner.contains('|')
                    {
                        let choices: Vec<&str> = inner.split('|').collect();
                        one = one.replace(group, &format!("one of {}", choices.join(" or ")));
                    }
                }
            }
            if e.kind() == K::InvalidUtf8 {
                one
            } else {
                format!("{one}; see --help")
            }
        };
        let mut err = Error::new(Kind::Usage, code, message);
        err.argument = match e.get(ContextKind::InvalidArg) {
            _ if code == "missing_command" => None,
            Some(ContextValue::String(arg)) => Some(arg.clone()),
            Some(ContextValue::Strings(args)) => Some(args.join(", ")),
            _ => match e.get(ContextKind::InvalidSubcommand) {
                Some(ContextValue::String(cmd)) => Some(cmd.clone()),
                _ => None,
            },
        };
        if let Some(ContextValue::Strings(valid)) = e.get(ContextKind::ValidValue) {
            err.valid_values = valid.clone();
        }
        err
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.shown())
    }
}

impl std::error::Error for Error {}

/// " (site N)" after a used voucher's date, when the site is one the reader may see.
fn in_site(site: Option<i64>) -> String {
    site.map_or(String::new(), |s| format!(" (site {s})"))
}

/// The one place where a rule's refusal becomes an exit code, a JSON code and a message that
/// says what to do.
impl From<Refusal> for Error {
    fn from(r: Refusal) -> Error {
        use Refusal as R;
        let refused = |code, message: String| Error::new(Kind::Refused, code, message);
        match r {
            R::NotActivated { distributor, id } => refused(
                "not_activated",
                format!(
                    "voucher purchasing is not activated for distributor '{distributor}'; the platform operator activates it with `creditctl distributor activate {id}`"
                ),
            ),
            R::DistributorDeactivated {
                distributor,
                id,
                on,
            } => refused(
                "distributor_deactivated",
                format!(
                    "distributor '{distributor}' ({id}) was deactivated on {on} and may buy no vouchers or licenses; its codes and licenses stay valid. The platform operator reactivates it with `creditctl distributor activate {id}`"
                ),
            ),
            R::TooLarge { what } => Error::usage(what),
            R::OutOfRange { what, max, given } => {
                Error::usage(format!("{what} 1 to {max} at a time, not {given}"))
            }
            R::SmsNotWhole { messages } => Error::usage(format!(
                "{messages} messages is not a whole number of SMS credits: SMS are sold in packs of {} (e.g. 50, 100, 150)",
                crate::domain::pricing::SMS_PER_CREDIT
            )),
            R::VoucherUsed { code, on, site } => refused(
                "voucher_used",
                format!(
                    "voucher {code} was already used on {on}{}; a voucher is redeemed once",
                    in_site(site)
                ),
            ),
            R::VoucherExpired { code, on } => refused(
                "voucher_expired",
                format!(
                    "voucher {code} expired on {on}; vouchers are valid for 3 years from purchase"
                ),
            ),
            R::VoucherCancelled { code, on } => refused(
                "voucher_cancelled",
                format!("voucher {code} was cancelled on {on}; ask the distributor for a new one"),
            ),
            R::CancelUsed { code, on, site } => refused(
                "voucher_used",
                format!(
                    "voucher {code} was already used on {on}{}; a used voucher cannot be cancelled",
                    in_site(site)
                ),
            ),
            R::CancelCancelled { code, on } => refused(
                "voucher_cancelled",
                format!("voucher {code} was already cancelled on {on}"),
            ),
            R::WrongSiteModel {
                code,
                voucher,
                site_id,
                site_name,
                site_model,
            } => refused(
                "wrong_site_model",
                format!(
                    "voucher {code} is a {voucher} voucher and site '{site_name}' ({site_id}) bills per {site_model}; it goes only to a {voucher} site"
                ),
            ),
            R::InsufficientCredits {
                pool,
                site,
                balance,
                needed,
            } => refused(
                "insufficient_credits",
                format!(
                    "the {pool} pool of site {site} holds {balance}, which cannot cover {needed}; nothing was written; add to it first: buy with `creditctl credits buy --{} N` or redeem a voucher with `creditctl voucher redeem CODE`",
                    if pool == "sms" { "sms" } else { "credits" }
                ),
            ),
            R::AlreadyOwned { serial, product } => refused(
                "already_owned",
                format!(
                    "device {serial} already owns the '{product}' license; see `creditctl license available --serial {serial}`"
                ),
            ),
            R::UnknownProduct { name } => Error::not_found(format!(
                "the license catalog has no '{name}'; see `creditctl license catalog`"
            )),
            R::ProductTwice { name } => Error::usage(format!(
                "license '{name}' is named twice; name each license once"
            )),
            R::PriceChanged { shown, now } => refused(
                "price_changed",
                format!(
                    "prices changed since the order was shown ({now} now, {shown} shown); nothing was bought, run the command again"
                ),
            ),
            R::RedemptionChanged {
                balance_shown,
                balance_now,
                units_shown,
                units_now,
            } => refused(
                "changed_since_shown",
                format!(
                    "the site changed while the question was open (balance {balance_now} now, {balance_shown} shown; {units_now} waiting unit(s) to activate now, {units_shown} shown); nothing was redeemed, run the command again"
                ),
            ),
            R::PurchaseReferenceReused {
                reference,
                site_id,
                what,
            } => refused(
                "reference_reused",
                format!(
                    "reference '{reference}' was already used for {what} at site {site_id}; a reference names one purchase: to buy again, use a new one"
                ),
            ),
            R::ReferenceReused {
                reference,
                messages,
                site_id,
            } => refused(
                "reference_reused",
                format!(
                    "reference '{reference}' was already used for {messages} messages at site {site_id}; a reference names one spending, use a new one"
                ),
            ),
            R::AlreadyExists { what, name } => {
                refused("already_exists", format!("{what} '{name}' already exists"))
            }
            R::AlreadyRegistered { serial, site_id } => refused(
                "already_registered",
                format!(
                    "device {serial} already belongs to site {site_id}; remove it there first (`creditctl device remove {serial}`)"
                ),
            ),
            R::AmbiguousName { what, name, ids } => Error::usage(format!(
                "more than one {what} is named '{name}' (IDs {}, {}, ...); name the {what} by its ID",
                ids.0, ids.1
            )),
            R::AdjustZero => Error::usage(
                "an adjustment of 0 changes nothing; give a signed amount such as +10 or -3",
            ),
            R::AdjustTooLarge { max } => Error::usage(format!("adjust by at most {max} at a time")),
            R::SmsOutOfRange { max, given } => {
                Error::usage(format!("--sms must be 1 to {max} messages, not {given}"))
            }
            R::Forbidden {
                command,
                needs,
                member,
                role,
            } => Error::new(
                Kind::Forbidden,
                "forbidden",
                format!(
                    "`{command}` needs {needs}; {member} is a member with the {role} role, nothing was done"
                ),
            ),
            R::NotAMember { identity } => Error::new(
                Kind::Forbidden,
                "forbidden",
                format!(
                    "{identity} is not a member of this ledger; an operator adds members with `creditctl member add`"
                ),
            ),
            R::FirstMemberOperator => refused(
                "first_member_operator",
                "the first member of a ledger must be an operator (`creditctl member add NAME --role operator`), so that someone can manage the others".into(),
            ),
            R::MemberBinding { role } => Error::usage(match role {
                "distributor" => "a distributor member is bound to one distributor: give --distributor D and no --site".to_string(),
                "site-admin" => "a site-admin member is bound to sites: give one or more --site S and no --distributor".to_string(),
                "operator" => "an operator member is bound to nothing: give neither --distributor nor --site".to_string(),
                other => format!("a {other} member is bound to nothing: give neither --distributor nor --site"),
            }),
            R::LastOperator { name } => refused(
                "last_operator",
                format!(
                    "{name} is the last operator; add another operator before removing this one"
                ),
            ),
            R::TooManyAttempts { by, until } => refused(
                "too_many_attempts",
                format!(
                    "too many failed redemptions by {by} within an hour; try again after {until}"
                ),
            ),
            R::ApartmentNotAllowed { site } => Error::usage(format!(
                "site {site} bills per device and has no apartments; leave out the apartment"
            )),
            R::ApartmentRequired { site } => Error::usage(format!(
                "site {site} bills per apartment: say which apartment the device belongs to (`device add --apartment APT`, or serial,apartment in an import file)"
            )),
            R::NoApartments { site } => refused(
                "wrong_site_model",
                format!(
                    "site {site} bills per device and has no apartments (its model is fixed at creation)"
                ),
            ),
            R::ApartmentFull { name, site } => refused(
                "apartment_full",
                format!(
                    "apartment '{name}' at site {site} already holds {MAX_DEVICES_PER_APARTMENT} paid devices, the most an apartment may hold"
                ),
            ),
            R::ApartmentNotEmpty { name, devices } => refused(
                "apartment_not_empty",
                format!(
                    "apartment '{name}' still holds {devices} device(s); remove them first (`creditctl device remove SERIAL`)"
                ),
            ),
            R::KeyRequired { command } => Error::new(
                Kind::Usage,
                "key_required",
                format!(
                    "{command} signs with the ledger's private key: pass --key FILE or set $CREDITCTL_KEY (`creditctl key generate --out FILE` makes one)"
                ),
            ),
            R::BadKey { file, reason } => Error::new(
                Kind::Usage,
                "bad_key",
                format!("the key file '{file}' cannot sign: {reason}; nothing was written"),
            ),
            R::BadPublicKey { file, reason } => Error::new(
                Kind::Usage,
                "bad_key",
                format!("the public key file '{file}' cannot check a signature: {reason}"),
            ),
            R::KeyNotRegistered { fingerprint } => refused(
                "key_not_registered",
                format!(
                    "this key is not registered in the ledger (fingerprint {fingerprint}); see `creditctl key list`; nothing was written"
                ),
            ),
            R::FileExists { file } => refused(
                "file_exists",
                format!(
                    "'{file}' exists already and creditctl never overwrites a file; remove it or choose another name"
                ),
            ),
            R::BadSignature { what } => refused(
                "bad_signature",
                format!(
                    "{what}: the signature does not match its content; it was changed after signing, or signed with another key"
                ),
            ),
            R::MalformedDocument { what, reason } => Error::new(
                Kind::Usage,
                "malformed_document",
                format!("{what} is not a signed document of creditctl: {reason}"),
            ),
            R::NoLicenses { serial, scoped } => Error::not_found(format!(
                "device {serial} owns no license{}; buy one with `creditctl license buy --serial {serial}`",
                if scoped { " bought through your distributor" } else { "" }
            )),
        }
    }
}

impl From<std::io::Error> for Error {
    fn from(e: std::io::Error) -> Error {
        if e.kind() == std::io::ErrorKind::BrokenPipe {
            return Error::new(
                Kind::Internal,
                BROKEN_PIPE,
                "the reader closed the output early",
            );
        }
        if e.kind() == std::io::ErrorKind::StorageFull {
            return Error::disk_full();
        }
        Error::new(Kind::Internal, "io", format!("I/O error: {e}"))
    }
}

/// The code with which a list stops reading once it has printed what it may (`--limit`, the rows
/// of one drawn table): never shown, [`crate::output::List::finish`] turns it into success.
pub const LIST_DONE: &str = "list_done";

impl Error {
    /// A list has printed what it may: stop reading rows (see [`LIST_DONE`]).
    pub fn list_done() -> Error {
        Error::new(
            Kind::Internal,
            LIST_DONE,
            "the list has printed what it may",
        )
    }

    pub fn is_list_done(&self) -> bool {
        self.code == LIST_DONE
    }
}

/// The code of a write to a reader that has gone (`creditctl voucher list | head`): `main` ends
/// the program quietly on it, the one place that handles a broken pipe.
pub const BROKEN_PIPE: &str = "broken_pipe";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_message_echoing_a_huge_value_is_cut_in_the_middle() {
        let e = Error::not_found(format!(
            "no voucher {}; check the code",
            "K".repeat(100_000)
        ));
        let shown = e.shown();
        assert!(shown.chars().count() <= SHOWN_MAX + 60, "{}", shown.len());
        assert!(shown.starts_with("no voucher KKK"));
        assert!(shown.ends_with("KKK; check the code"));
        assert!(shown.contains("characters left out"));
        let short = Error::not_found("no voucher K; check the code");
        assert_eq!(short.shown(), "no voucher K; check the code");
    }

    #[test]
    fn every_kind_has_its_documented_exit_code() {
        let codes: Vec<u8> = [
            Kind::Internal,
            Kind::Usage,
            Kind::NotFound,
            Kind::Refused,
            Kind::Declined,
            Kind::Busy,
            Kind::Forbidden,
        ]
        .iter()
        .map(|k| k.exit_code())
        .collect();
        assert_eq!(codes, vec![1, 2, 3, 4, 5, 6, 7]);
    }

    #[test]
    fn echoed_user_text_is_shown_on_one_line() {
        let e = Error::usage("'54\n0123\u{1b}[2J' is not a serial number");
        let shown = "'54\\n0123\\u{1b}[2J' is not a serial number";
        assert_eq!(e.to_string(), shown);
        assert_eq!(e.to_json()["error"]["message"], shown);
    }
}
