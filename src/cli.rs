//! The command tree: parsing only.

use clap::builder::{RangedI64ValueParser, StringValueParser, TypedValueParser, ValueParser};
use clap::error::ErrorKind;
use clap::{Arg, Args, Parser, Subcommand, ValueEnum};
use std::ffi::OsStr;
use std::path::PathBuf;

use crate::domain::site::Model;
use crate::domain::voucher::{Status, VoucherType};
use crate::store::payments::Method;

#[derive(Debug, Parser)]
#[command(
    name = "creditctl",
    version,
    about = "Administer a prepaid-credit service platform: vouchers, licenses, site credit pools and the monthly deduction",
    after_help = "Environment: CREDITCTL_DB (ledger path), CREDITCTL_ACTOR (actor of writes), CREDITCTL_NOW (RFC 3339 clock override), CREDITCTL_BUSY_TIMEOUT_MS (wait for a busy ledger), CREDITCTL_KEY (private key file of the signing commands).",
    mut_args = utf8_first,
    mut_subcommands = utf8_first_below
)]
pub struct Cli {
    /// Ledger file [default: $CREDITCTL_DB, else <data dir>/creditctl/ledger.db]
    #[arg(long, global = true, value_name = "PATH")]
    pub db: Option<PathBuf>,
    /// Print one JSON document on stdout (errors as JSON on stderr)
    #[arg(long, global = true)]
    pub json: bool,
    /// Answer yes to confirmations (needed when stdin is not a terminal)
    #[arg(long, short = 'y', global = true)]
    pub yes: bool,
    /// Actor recorded on writes [default: $CREDITCTL_ACTOR, else the login user]
    #[arg(long = "as", global = true, value_name = "NAME")]
    pub actor: Option<String>,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// A guided run of the whole path on a temporary ledger (or on a new one named by --db, kept)
    Demo,
    /// Distributor accounts
    #[command(subcommand)]
    Distributor(DistributorCmd),
    /// Sites (installations) and their billing model
    #[command(subcommand)]
    Site(SiteCmd),
    /// Devices registered at sites
    #[command(subcommand)]
    Device(DeviceCmd),
    /// Apartments of apartment-model sites
    #[command(subcommand)]
    Apartment(ApartmentCmd),
    /// Credit vouchers: buy, list, redeem, cancel, export
    #[command(subcommand)]
    Voucher(VoucherCmd),
    /// Perpetual device licenses bought by serial number
    #[command(subcommand)]
    License(LicenseCmd),
    /// Site credit pools: balances, history, purchases, adjustments, SMS spending
    #[command(subcommand)]
    Credits(CreditsCmd),
    /// The monthly deduction
    #[command(subcommand)]
    Deduct(DeductCmd),
    /// Payments made for orders and purchases
    #[command(subcommand)]
    Payment(PaymentCmd),
    /// The price list
    #[command(subcommand)]
    Price(PriceCmd),
    /// Ledger integrity: verify, checkpoints, copy
    #[command(subcommand)]
    Ledger(LedgerCmd),
    /// Members: who may do what (operator only)
    #[command(subcommand)]
    Member(MemberCmd),
    /// The Ed25519 keys that sign license files and checkpoints
    #[command(subcommand)]
    Key(KeyCmd),
    /// Print a shell completion script
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
}

#[derive(Debug, Subcommand)]
pub enum DistributorCmd {
    /// Add a distributor account (voucher purchasing starts deactivated)
    Add { name: String },
    /// List distributors
    List,
    /// Activate voucher purchasing for a distributor, or lift its deactivation (platform operator)
    Activate {
        /// Distributor ID or name
        distributor: String,
    },
    /// Stop a distributor's voucher and license purchases; its codes and licenses stay valid (platform operator)
    Deactivate {
        /// Distributor ID or name
        distributor: String,
    },
}

#[derive(Debug, Subcommand)]
pub enum SiteCmd {
    /// Create a site; its billing model cannot be changed later
    #[command(
        long_about = "Create a site; its billing model cannot be changed later.\n\nSite names are unique whatever their case: a name another site has (\"Harbour Office\", \"harbour office\") is refused (exit 4, already_exists). Commands take a site by ID or by name, in any case."
    )]
    Create {
        /// The site's name, unique in any case (rename it later with `site rename`)
        name: String,
        #[arg(long, value_enum)]
        model: Model,
    },
    /// List sites
    List,
    /// Show one site with its pools and units
    Show {
        /// Site ID or unique name
        site: String,
    },
    /// Rename a site (operator, or the site's own site-admin); the new name is unique in any case
    Rename {
        /// Site ID or unique name
        site: String,
        /// The new name
        new_name: String,
    },
}

#[derive(Debug, Subcommand)]
pub enum DeviceCmd {
    /// Register a device at a site
    Add {
        #[arg(long)]
        site: String,
        /// Serial number, NN-NNNN-NNNN
        #[arg(long)]
        serial: String,
        /// Apartment (apartment-model sites only, required there)
        #[arg(long)]
        apartment: Option<String>,
    },
    /// List devices
    List {
        #[arg(long)]
        site: Option<String>,
    },
    /// Unregister a device
    Remove { serial: String },
    /// Register devices from a CSV file (serial[,apartment] per line): all rows or none
    Import {
        #[arg(long)]
        site: String,
        file: PathBuf,
    },
}

#[derive(Debug, Subcommand)]
pub enum ApartmentCmd {
    /// Add an apartment (a billable unit) to an apartment-model site
    Add {
        #[arg(long)]
        site: String,
        name: String,
    },
    /// List a site's apartments
    List {
        #[arg(long)]
        site: String,
    },
    /// Remove an empty apartment
    Remove {
        #[arg(long)]
        site: String,
        name: String,
    },
}

#[derive(Debug, Args)]
pub struct VoucherCreate {
    /// Distributor ID or name (voucher purchasing must be activated)
    #[arg(long)]
    pub distributor: String,
    /// Voucher name
    #[arg(long)]
    pub name: String,
    /// Years (1-10)
    #[arg(long)]
    pub years: Option<i64>,
    /// Subscriptions: paid devices or apartments (1-10000)
    #[arg(long)]
    pub subscriptions: Option<i64>,
    #[arg(long = "type", value_enum, default_value = "device")]
    pub kind: VoucherType,
    /// SMS messages, a multiple of 50 (--type sms only)
    #[arg(long)]
    pub messages: Option<i64>,
    /// Number of codes (1-100000)
    #[arg(long, default_value_t = 1)]
    pub count: i64,
    #[arg(long, value_enum)]
    pub payment: Method,
    /// Show the order and write nothing
    #[arg(long)]
    pub dry_run: bool,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum ExportFormat {
    Csv,
    Json,
}

#[derive(Debug, Subcommand)]
pub enum VoucherCmd {
    /// Buy vouchers: shows the order and asks before buying
    Create(VoucherCreate),
    /// List vouchers
    List {
        #[arg(long)]
        distributor: Option<String>,
        #[arg(long, value_enum)]
        status: Option<Status>,
        #[arg(long)]
        order: Option<i64>,
    },
    /// Show one voucher
    Show { code: String },
    /// Redeem a voucher into a site's credit pool (irreversible: shows what happens and asks)
    Redeem {
        code: String,
        #[arg(long)]
        site: String,
    },
    /// Cancel an unused voucher (platform operator)
    Cancel { code: String },
    /// Export codes to send them to customers
    Export {
        #[arg(long)]
        order: Option<i64>,
        #[arg(long, value_enum, default_value = "csv")]
        format: ExportFormat,
    },
    /// Failed redemptions (unknown codes, typos, used, expired, cancelled, wrong model)
    Attempts {
        /// Only those on this site (ID or name)
        #[arg(long)]
        site: Option<String>,
    },
}

#[derive(Debug, Subcommand)]
pub enum LicenseCmd {
    /// List the license catalog with prices
    Catalog,
    /// List the licenses a serial does not own yet
    Available {
        #[arg(long)]
        serial: String,
    },
    /// List bought licenses
    List {
        #[arg(long)]
        serial: Option<String>,
        #[arg(long)]
        distributor: Option<String>,
    },
    /// Buy licenses for a device serial: shows the order and asks before buying
    Buy {
        #[arg(long)]
        serial: String,
        /// License product(s) from the catalog
        #[arg(long = "license", required = true, num_args = 1..)]
        licenses: Vec<String>,
        #[arg(long)]
        distributor: String,
        #[arg(long, value_enum)]
        payment: Method,
    },
    /// Write a signed license file for a device serial, which the device checks offline
    File {
        #[arg(long)]
        serial: String,
        /// Write the file here (never over an existing file) [default: stdout]
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
        /// Private key that signs [default: $CREDITCTL_KEY]
        #[arg(long, value_name = "FILE")]
        key: Option<PathBuf>,
    },
    /// Check a license file's signature with a public key, without a ledger
    Verify {
        /// The license file
        file: PathBuf,
        /// The public key (PEM), as `key generate` wrote it to FILE.pub
        #[arg(long, value_name = "PEM")]
        public_key: PathBuf,
    },
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum PoolArg {
    Video,
    Sms,
}

#[derive(Debug, Subcommand)]
pub enum CreditsCmd {
    /// Balances, units paid this month, units waiting, months covered
    Show {
        #[arg(long)]
        site: Option<String>,
    },
    /// A site's ledger rows
    History {
        #[arg(long)]
        site: String,
    },
    /// Buy video credits or SMS messages for a site
    Buy {
        #[arg(long)]
        site: String,
        /// Video credits (1 credit = 1 unit for 1 month)
        #[arg(long, conflicts_with = "sms", required_unless_present = "sms")]
        credits: Option<i64>,
        /// SMS messages, a multiple of 50
        #[arg(long)]
        sms: Option<i64>,
        #[arg(long, value_enum)]
        payment: Method,
    },
    /// Correct a balance with a signed amount and a reason
    Adjust {
        #[arg(long)]
        site: String,
        /// Signed amount, e.g. 10 or -3
        #[arg(long, allow_negative_numbers = true)]
        amount: i64,
        #[arg(long)]
        reason: String,
        #[arg(long, value_enum, default_value = "video")]
        pool: PoolArg,
    },
    /// Spend SMS messages, once per reference
    Use {
        #[arg(long)]
        site: String,
        #[arg(long)]
        sms: i64,
        /// Idempotency key: a retry with the same reference changes nothing
        #[arg(long)]
        reference: String,
    },
}

#[derive(Debug, Subcommand)]
pub enum DeductCmd {
    /// Charge every site for the period (safe to rerun: each unit once per period)
    Run {
        /// YYYY-MM [default: the current month]
        #[arg(long)]
        period: Option<String>,
        /// Compute the summary and write nothing
        #[arg(long)]
        dry_run: bool,
        /// Private key that signs a checkpoint at the end [default: $CREDITCTL_KEY; none: no
        /// checkpoint]
        #[arg(long, value_name = "FILE")]
        key: Option<PathBuf>,
    },
}

#[derive(Debug, Subcommand)]
pub enum PaymentCmd {
    /// List payments
    List,
    /// Show one payment
    Show { id: i64 },
}

#[derive(Debug, Subcommand)]
pub enum PriceCmd {
    /// Show the price list
    Show,
    /// Change a price (values already bought keep theirs)
    Set { item: String, amount: String },
}

#[derive(Debug, Subcommand)]
pub enum MemberCmd {
    /// Add a member with one role; the first member must be an operator
    Add {
        /// The identity: the login name on SQLite (--as, $CREDITCTL_ACTOR, the login user), the
        /// database user on PostgreSQL
        name: String,
        /// operator, distributor (with --distributor), site-admin (with --site) or billing
        #[arg(long, value_enum)]
        role: crate::domain::access::Role,
        /// The distributor a distributor member acts for (ID or name)
        #[arg(long)]
        distributor: Option<String>,
        /// A site a site-admin member administers (ID or name); repeat for more
        #[arg(long = "site")]
        sites: Vec<String>,
    },
    /// List the members
    List,
    /// Remove a member (the last operator stays)
    Remove {
        /// The member's name
        name: String,
    },
}

#[derive(Debug, Subcommand)]
pub enum LedgerCmd {
    /// Check the hash chain, every balance against its ledger sum, and every checkpoint
    Verify {
        /// Also check the checkpoints kept in this file (as `ledger checkpoint` prints them,
        /// one or more)
        #[arg(long, value_name = "FILE")]
        checkpoint: Option<PathBuf>,
    },
    /// Sign the chain's row count and head hash, store the checkpoint and print it, to be kept
    /// elsewhere too
    Checkpoint {
        /// Private key that signs [default: $CREDITCTL_KEY]
        #[arg(long, value_name = "FILE")]
        key: Option<PathBuf>,
    },
    /// Copy this ledger (--db) into an empty one, on either engine, in one transaction
    Copy {
        /// The new ledger: a SQLite file path that does not exist yet, or a postgres:// URL of
        /// a database without a ledger
        #[arg(long, value_name = "TARGET")]
        to: std::ffi::OsString,
    },
}

#[derive(Debug, Subcommand)]
pub enum KeyCmd {
    /// Make an Ed25519 key pair: the private key in FILE (PKCS#8 PEM, mode 0600, never in the
    /// ledger), the public key in FILE.pub and registered in the ledger
    Generate {
        /// The private key file to create (never over an existing file)
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
    },
    /// List the registered public keys
    List,
}

/// Arguments arrive as OS strings. Paths (`--db`, `device import FILE`) stay OS strings; text
/// and numbers must be UTF-8, and clap's own refusal of a value that is not does not say which
/// argument it was. So every text (`String`) and number (`i64`) argument of the tree is read by
/// [`Utf8First`], which names it. (Applied to the whole tree by the `mut_args` and
/// `mut_subcommands` attributes of [`Cli`]; an argument given a value parser of its own with
/// another type keeps it.)
fn utf8_first(arg: Arg) -> Arg {
    let parser = arg.get_value_parser().type_id();
    if parser == ValueParser::string().type_id() {
        arg.value_parser(Utf8First(StringValueParser::new()))
    } else if parser == ValueParser::new(RangedI64ValueParser::<i64>::new()).type_id() {
        arg.value_parser(Utf8First(RangedI64ValueParser::<i64>::new()))
    } else {
        arg
    }
}

fn utf8_first_below(cmd: clap::Command) -> clap::Command {
    cmd.mut_args(utf8_first).mut_subcommands(utf8_first_below)
}

/// Refuses a value that is not UTF-8, naming its argument, then parses it with `P`.
#[derive(Clone)]
struct Utf8First<P>(P);

impl<P: TypedValueParser> TypedValueParser for Utf8First<P> {
    type Value = P::Value;

    fn parse_ref(
        &self,
        cmd: &clap::Command,
        arg: Option<&Arg>,
        value: &OsStr,
    ) -> Result<Self::Value, clap::Error> {
        if value.to_str().is_none() {
            let name = arg.map_or_else(|| "an argument".to_string(), |a| format!("'{a}'"));
            let message = format!(
                "the value of {name} is not valid UTF-8 ('{}'); write it as UTF-8 text\n",
                crate::domain::text::escape_bytes(value.as_encoded_bytes())
            );
            return Err(clap::Error::raw(ErrorKind::InvalidUtf8, message).with_cmd(cmd));
        }
        self.0.parse_ref(cmd, arg, value)
    }

    fn possible_values(
        &self,
    ) -> Option<Box<dyn Iterator<Item = clap::builder::PossibleValue> + '_>> {
        self.0.possible_values()
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn command_tree_is_consistent() {
        use clap::CommandFactory;
        super::Cli::command().debug_assert();
    }
}
