//! The command tree: parsing only.

use clap::builder::{RangedI64ValueParser, StringValueParser, TypedValueParser, ValueParser};
use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{Arg, Args, Parser, Subcommand, ValueEnum};
use std::ffi::OsStr;
use std::path::PathBuf;

use crate::domain::billing::SiteStatus;
use crate::domain::site::Model;
use crate::domain::voucher::{Status, VoucherType};
use crate::store::payments::Method;

#[derive(Debug, Parser)]
#[command(
    name = "creditctl",
    version,
    about = "Administer a prepaid-credit service platform: vouchers, licenses, site credit pools and the monthly deduction",
    after_help = "Environment:\n  CREDITCTL_DB               the ledger, when --db is not given\n  CREDITCTL_ACTOR            the actor of writes, when --as is not given (SQLite)\n  CREDITCTL_KEY              the private key of the signing commands, when --key is not given\n  CREDITCTL_NOW              an RFC 3339 time that replaces the system clock\n  CREDITCTL_BUSY_TIMEOUT_MS  how long to wait for a busy ledger (default 10000)\n  CREDITCTL_TABLES           drawn or tsv: the table layout, whatever stdout is\n  CREDITCTL_SEED             tests only, never in production: predictable codes (needs CREDITCTL_NOW)\n\nExamples:\n  creditctl demo\n  creditctl --db ~/creditctl/ledger.db credits show --json\n  creditctl voucher create --help\n  creditctl man > creditctl.1",
    mut_args = prepare_arg,
    mut_subcommands = utf8_first_below
)]
pub struct Cli {
    /// Ledger: a SQLite file, or a postgres:// URL [default: <data dir>/creditctl/ledger.db]
    #[arg(
        long,
        global = true,
        value_name = "PATH",
        env = "CREDITCTL_DB",
        hide_env_values = true
    )]
    pub db: Option<PathBuf>,
    /// Print one JSON document on stdout (errors as JSON on stderr)
    #[arg(long, global = true)]
    pub json: bool,
    /// Show every column of a table, however wide (tables keep to 80 columns otherwise)
    #[arg(long, global = true)]
    pub wide: bool,
    /// Answer yes to confirmations (needed when stdin is not a terminal)
    #[arg(long, short = 'y', global = true)]
    pub yes: bool,
    /// Actor recorded on writes, on SQLite (refused on PostgreSQL) [default: the login user]
    #[arg(
        long = "as",
        global = true,
        value_name = "NAME",
        env = "CREDITCTL_ACTOR",
        hide_env_values = true
    )]
    pub actor: Option<String>,
    /// Whether the actor came from `$CREDITCTL_ACTOR` rather than `--as` (set by [`Cli::read`]).
    #[arg(skip)]
    pub actor_from_env: bool,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// A guided run of the whole path on a temporary ledger (or on a new one named by --db, kept)
    #[command(after_help = "Examples:\n  creditctl demo\n  creditctl demo --db /tmp/demo.db")]
    Demo,
    /// Distributor accounts
    #[command(
        subcommand,
        after_help = "Examples:\n  creditctl distributor add \"Acme Security\"\n  creditctl distributor activate \"Acme Security\"\n  creditctl distributor list"
    )]
    Distributor(Lazy<DistributorCmd>),
    /// Sites (installations) and their billing model
    #[command(
        subcommand,
        after_help = "Examples:\n  creditctl site create \"Harbour Office\" --model device\n  creditctl site list"
    )]
    Site(Lazy<SiteCmd>),
    /// Devices registered at sites
    #[command(
        subcommand,
        after_help = "Examples:\n  creditctl device add --site \"Harbour Office\" --serial 54-0123-4567\n  creditctl device import --site \"Harbour Office\" devices.csv"
    )]
    Device(Lazy<DeviceCmd>),
    /// Apartments of apartment-model sites
    #[command(
        subcommand,
        after_help = "Examples:\n  creditctl apartment add --site \"Rose Court\" 1A\n  creditctl apartment list --site \"Rose Court\""
    )]
    Apartment(Lazy<ApartmentCmd>),
    /// Credit vouchers: buy, list, redeem, cancel, export
    #[command(
        subcommand,
        after_help = "Examples:\n  creditctl voucher create --distributor Acme --name \"Harbour 2027\" \\\n      --years 1 --subscriptions 10 --payment invoice\n  creditctl voucher redeem K7QM-3XHD-9V2P-RT6W-P --site \"Harbour Office\""
    )]
    Voucher(Lazy<VoucherCmd>),
    /// Perpetual device licenses bought by serial number
    #[command(
        subcommand,
        after_help = "Examples:\n  creditctl license catalog\n  creditctl license buy --serial 54-0123-4567 --license nfc --distributor Acme --payment card"
    )]
    License(Lazy<LicenseCmd>),
    /// Site credit pools: balances, history, purchases, adjustments, SMS spending
    #[command(
        subcommand,
        after_help = "Examples:\n  creditctl credits show --site \"Harbour Office\"\n  creditctl credits buy --site \"Harbour Office\" --credits 24 --payment card"
    )]
    Credits(Lazy<CreditsCmd>),
    /// The monthly deduction
    #[command(
        subcommand,
        after_help = "Examples:\n  creditctl deduct run\n  creditctl deduct run --period 2026-10 --dry-run"
    )]
    Deduct(Lazy<DeductCmd>),
    /// Payments made for orders and purchases
    #[command(
        subcommand,
        after_help = "Examples:\n  creditctl payment list\n  creditctl payment show 3"
    )]
    Payment(Lazy<PaymentCmd>),
    /// The price list
    #[command(
        subcommand,
        after_help = "Examples:\n  creditctl price show\n  creditctl price set device-year 24.00"
    )]
    Price(Lazy<PriceCmd>),
    /// Ledger integrity: verify, checkpoints, copy
    #[command(
        subcommand,
        after_help = "Examples:\n  creditctl ledger verify\n  creditctl ledger checkpoint --key /etc/creditctl/signing.pem >> anchors"
    )]
    Ledger(Lazy<LedgerCmd>),
    /// Members: who may do what (operator only)
    #[command(
        subcommand,
        after_help = "Examples:\n  creditctl member add olga --role operator\n  creditctl member list"
    )]
    Member(Lazy<MemberCmd>),
    /// The Ed25519 keys that sign license files and checkpoints
    #[command(
        subcommand,
        after_help = "Examples:\n  creditctl key generate --out /etc/creditctl/signing.pem\n  creditctl key list"
    )]
    Key(Lazy<KeyCmd>),
    /// Print a shell completion script
    #[command(
        after_help = "Examples:\n  creditctl completions bash > /etc/bash_completion.d/creditctl\n  creditctl completions zsh > ~/.zfunc/_creditctl"
    )]
    Completions {
        /// The shell to complete for
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff) of every command, generated from this command tree
    #[command(after_help = "Examples:\n  creditctl man > creditctl.1\n  creditctl man | man -l -")]
    Man,
}

#[derive(Debug, Subcommand)]
pub enum DistributorCmd {
    /// Add a distributor account (voucher purchasing starts deactivated)
    #[command(after_help = "Examples:\n  creditctl distributor add \"Acme Security\"")]
    Add {
        /// The distributor's name (unique, not digits only)
        name: String,
    },
    /// List distributors
    #[command(
        after_help = "Examples:\n  creditctl distributor list\n  creditctl distributor list --json"
    )]
    List,
    /// Activate voucher purchasing for a distributor, or lift its deactivation (platform operator)
    #[command(
        after_help = "Examples:\n  creditctl distributor activate \"Acme Security\"\n  creditctl distributor activate 1"
    )]
    Activate {
        /// Distributor ID or name
        distributor: String,
    },
    /// Stop a distributor's voucher and license purchases; its codes and licenses stay valid (platform operator)
    #[command(
        after_help = "Examples:\n  creditctl distributor deactivate \"Acme Security\"\n  creditctl distributor activate \"Acme Security\"   # lifts it"
    )]
    Deactivate {
        /// Distributor ID or name
        distributor: String,
    },
}

#[derive(Debug, Subcommand)]
pub enum SiteCmd {
    /// Create a site; its billing model cannot be changed later
    #[command(
        after_help = "Examples:\n  creditctl site create \"Harbour Office\" --model device\n  creditctl site create \"Rose Court\" --model apartment",
        long_about = "Create a site; its billing model cannot be changed later.\n\nSite names are unique whatever their case: a name another site has (\"Harbour Office\", \"harbour office\") is refused (exit 4, already_exists). Commands take a site by ID or by name, in any case."
    )]
    Create {
        /// The site's name, unique in any case (rename it later with `site rename`)
        name: String,
        /// How the site is billed: per paid device, or per apartment (fixed at creation)
        #[arg(long, value_enum)]
        model: Model,
    },
    /// List sites
    #[command(
        after_help = "Examples:\n  creditctl site list\n  creditctl site list --json\n  creditctl site list --limit 100 --after 500"
    )]
    List {
        #[command(flatten)]
        page: PageById,
    },
    /// Show one site with its pools and units
    #[command(
        after_help = "Examples:\n  creditctl site show \"Harbour Office\"\n  creditctl site show 1 --json"
    )]
    Show {
        /// Site ID or unique name
        site: String,
    },
    /// Rename a site (operator, or the site's own site-admin); the new name is unique in any case
    #[command(
        after_help = "Examples:\n  creditctl site rename \"Harbour Office\" \"Harbour Office East\""
    )]
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
    #[command(
        after_help = "Examples:\n  creditctl device add --site \"Harbour Office\" --serial 54-0123-4567\n  creditctl device add --site \"Rose Court\" --serial 54-0123-4568 --apartment 1A"
    )]
    Add {
        /// Site ID or unique name
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
    #[command(
        after_help = "Examples:\n  creditctl device list\n  creditctl device list --site \"Harbour Office\""
    )]
    List {
        /// Only this site's devices (ID or unique name)
        #[arg(long)]
        site: Option<String>,
        #[command(flatten)]
        page: PageByName,
    },
    /// Unregister a device
    #[command(after_help = "Examples:\n  creditctl device remove 54-0123-4567")]
    Remove {
        /// Serial number, NN-NNNN-NNNN
        serial: String,
    },
    /// Register devices from a CSV file (serial[,apartment] per line): all rows or none
    #[command(
        after_help = "Examples:\n  creditctl device import --site \"Harbour Office\" devices.csv\n\nThe file holds one serial[,apartment] per line; a first line starting with\n`serial` is a header."
    )]
    Import {
        /// Site ID or unique name
        #[arg(long)]
        site: String,
        /// The CSV file: serial[,apartment] per line
        file: PathBuf,
    },
}

#[derive(Debug, Subcommand)]
pub enum ApartmentCmd {
    /// Add an apartment (a billable unit) to an apartment-model site
    #[command(after_help = "Examples:\n  creditctl apartment add --site \"Rose Court\" 1A")]
    Add {
        /// Site ID or unique name
        #[arg(long)]
        site: String,
        /// The apartment's name, unique within the site
        name: String,
    },
    /// List a site's apartments
    #[command(after_help = "Examples:\n  creditctl apartment list --site \"Rose Court\"")]
    List {
        /// Site ID or unique name
        #[arg(long)]
        site: String,
        #[command(flatten)]
        page: PageByName,
    },
    /// Remove an empty apartment
    #[command(after_help = "Examples:\n  creditctl apartment remove --site \"Rose Court\" 1A")]
    Remove {
        /// Site ID or unique name
        #[arg(long)]
        site: String,
        /// The apartment's name
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
    #[arg(long, allow_negative_numbers = true)]
    pub years: Option<i64>,
    /// Subscriptions: paid devices or apartments (1-10000)
    #[arg(long, allow_negative_numbers = true)]
    pub subscriptions: Option<i64>,
    /// What the voucher pays for: device or apartment credits, or SMS messages
    #[arg(long = "type", value_enum, default_value = "device")]
    pub kind: VoucherType,
    /// SMS messages, a multiple of 50 (--type sms only)
    #[arg(long, allow_negative_numbers = true)]
    pub messages: Option<i64>,
    /// Number of codes (1-100000)
    #[arg(long, default_value_t = 1, allow_negative_numbers = true)]
    pub count: i64,
    /// How the order is paid
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

/// The most rows `--limit` takes.
const LIMIT_MAX: u64 = 1_000_000_000;

/// Paging of a list whose rows are named by an ID, in ID order.
#[derive(Debug, Args)]
pub struct PageById {
    /// Print at most N rows (1-1000000000)
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u64).range(1..=LIMIT_MAX))]
    pub limit: Option<u64>,
    /// Only the rows after the one with this ID: the next page starts after the last ID printed
    #[arg(long, value_name = "ID")]
    pub after: Option<i64>,
}

/// Paging of a list whose rows are named by text (a voucher code, a serial number).
#[derive(Debug, Args)]
pub struct PageByName {
    /// Print at most N rows (1-1000000000)
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u64).range(1..=LIMIT_MAX))]
    pub limit: Option<u64>,
    /// Only the rows after this one (its code, serial or name as printed): the next page
    #[arg(long, value_name = "KEY")]
    pub after: Option<String>,
}

/// Which vouchers `voucher list` and `voucher export` take.
#[derive(Debug, Args)]
pub struct VoucherFilter {
    /// Only this distributor's vouchers (ID or name)
    #[arg(long)]
    pub distributor: Option<String>,
    /// Only vouchers in this state
    #[arg(long, value_enum)]
    pub status: Option<Status>,
    /// Only this order's vouchers (its ID)
    #[arg(long)]
    pub order: Option<i64>,
    /// Only active vouchers that expire within DAYS days (1-3660)
    #[arg(long, value_name = "DAYS", value_parser = clap::value_parser!(u64).range(1..=3660))]
    pub expiring_within: Option<u64>,
    #[command(flatten)]
    pub page: PageByName,
}

#[derive(Debug, Subcommand)]
pub enum VoucherCmd {
    /// Buy vouchers: shows the order and asks before buying
    #[command(
        after_help = "Examples:\n  creditctl voucher create --distributor Acme --name \"Harbour 2027\" \\\n      --years 1 --subscriptions 10 --count 50 --payment invoice --dry-run\n  creditctl voucher create --distributor Acme --name \"SMS pack\" \\\n      --type sms --messages 500 --payment card --yes"
    )]
    Create(VoucherCreate),
    /// List vouchers
    #[command(
        after_help = "Examples:\n  creditctl voucher list --status active\n  creditctl voucher list --expiring-within 30\n  creditctl voucher list --distributor Acme --order 3 --json"
    )]
    List {
        #[command(flatten)]
        filter: VoucherFilter,
    },
    /// Show one voucher
    #[command(after_help = "Examples:\n  creditctl voucher show K7QM-3XHD-9V2P-RT6W-P")]
    Show {
        /// The voucher code (case, spaces and hyphens do not matter)
        code: String,
    },
    /// Redeem a voucher into a site's credit pool (irreversible: shows what happens and asks)
    #[command(
        after_help = "Examples:\n  creditctl voucher redeem K7QM-3XHD-9V2P-RT6W-P --site \"Harbour Office\"\n  creditctl voucher redeem k7qm3xhd9v2prt6wp --site 1 --yes"
    )]
    Redeem {
        /// The voucher code (case, spaces and hyphens do not matter)
        code: String,
        /// The site whose pool receives the credits (ID or unique name)
        #[arg(long)]
        site: String,
    },
    /// Cancel an unused voucher (platform operator)
    #[command(after_help = "Examples:\n  creditctl voucher cancel K7QM-3XHD-9V2P-RT6W-P")]
    Cancel {
        /// The voucher code
        code: String,
    },
    /// Export codes to send them to customers
    #[command(
        after_help = "Examples:\n  creditctl voucher export --order 1 > harbour-codes.csv\n  creditctl voucher export --format json"
    )]
    Export {
        #[command(flatten)]
        filter: VoucherFilter,
        /// The file format
        #[arg(long, value_enum, default_value = "csv")]
        format: ExportFormat,
    },
    /// Per order: vouchers by status, credits bought and redeemed, the amount paid
    #[command(
        after_help = "Examples:\n  creditctl voucher report\n  creditctl voucher report --distributor Acme --json"
    )]
    Report {
        /// Only this distributor's orders (ID or name)
        #[arg(long)]
        distributor: Option<String>,
    },
    /// Failed redemptions (unknown codes, typos, used, expired, cancelled, wrong model)
    #[command(
        after_help = "Newest first.\n\nExamples:\n  creditctl voucher attempts\n  creditctl voucher attempts --site \"Harbour Office\"\n  creditctl voucher attempts --limit 50 --after 1200"
    )]
    Attempts {
        /// Only those on this site (ID or name)
        #[arg(long)]
        site: Option<String>,
        #[command(flatten)]
        page: PageById,
    },
}

#[derive(Debug, Subcommand)]
pub enum LicenseCmd {
    /// List the license catalog with prices
    #[command(after_help = "Examples:\n  creditctl license catalog")]
    Catalog,
    /// List the licenses a serial does not own yet
    #[command(after_help = "Examples:\n  creditctl license available --serial 54-0123-4567")]
    Available {
        /// The device's serial number, NN-NNNN-NNNN
        #[arg(long)]
        serial: String,
    },
    /// List bought licenses
    #[command(
        after_help = "Examples:\n  creditctl license list --serial 54-0123-4567\n  creditctl license list --distributor Acme --json"
    )]
    List {
        /// Only this device's licenses
        #[arg(long)]
        serial: Option<String>,
        /// Only licenses this distributor bought (ID or name)
        #[arg(long)]
        distributor: Option<String>,
        #[command(flatten)]
        page: PageById,
    },
    /// Buy licenses for a device serial: shows the order and asks before buying
    #[command(
        after_help = "Examples:\n  creditctl license buy --serial 54-0123-4567 --license nfc --license enhanced-video \\\n      --distributor Acme --payment card"
    )]
    Buy {
        /// The device's serial number, NN-NNNN-NNNN (need not belong to a site)
        #[arg(long)]
        serial: String,
        /// License product(s) from the catalog
        #[arg(long = "license", required = true, num_args = 1..)]
        licenses: Vec<String>,
        /// The distributor that buys (ID or name)
        #[arg(long)]
        distributor: String,
        /// How the order is paid
        #[arg(long, value_enum)]
        payment: Method,
    },
    /// Write a signed license file for a device serial, which the device checks offline
    #[command(
        after_help = "Examples:\n  creditctl license file --serial 54-0123-4567 --key /etc/creditctl/signing.pem \\\n      --out 54-0123-4567.lic"
    )]
    File {
        /// The device's serial number, NN-NNNN-NNNN
        #[arg(long)]
        serial: String,
        /// Write the file here (never over an existing file) [default: stdout]
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
        /// Private key that signs
        #[arg(
            long,
            value_name = "FILE",
            env = "CREDITCTL_KEY",
            hide_env_values = true
        )]
        key: Option<PathBuf>,
    },
    /// Check a license file's signature with a public key, without a ledger
    #[command(
        after_help = "Examples:\n  creditctl license verify 54-0123-4567.lic --public-key signing.pem.pub"
    )]
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
    #[command(
        after_help = "Examples:\n  creditctl credits show\n  creditctl credits show --status halted\n  creditctl credits show --site \"Harbour Office\" --json"
    )]
    Show {
        /// Only this site (ID or unique name) [default: every site]
        #[arg(long, conflicts_with_all = ["limit", "after"])]
        site: Option<String>,
        /// Only sites with this status this month
        #[arg(long, value_enum, conflicts_with = "site")]
        status: Option<SiteStatus>,
        #[command(flatten)]
        page: PageById,
    },
    /// When each site's video credits run out, and the credits that would cover the next months
    #[command(
        after_help = "Examples:\n  creditctl credits forecast\n  creditctl credits forecast --site \"Harbour Office\" --months 12 --json"
    )]
    Forecast {
        /// One site (ID or name) [default: every site you may see]
        #[arg(long)]
        site: Option<String>,
        /// Months after the current one that `credits_to_cover` pays for (1-120)
        #[arg(long, default_value_t = crate::domain::forecast::MONTHS, value_parser = clap::value_parser!(u64).range(1..=120))]
        months: u64,
    },
    /// A site's ledger rows
    #[command(after_help = "Examples:\n  creditctl credits history --site \"Harbour Office\"")]
    History {
        /// Site ID or unique name
        #[arg(long)]
        site: String,
        #[command(flatten)]
        page: PageById,
    },
    /// Buy video credits or SMS messages for a site (prints the receipt on stdout)
    #[command(
        after_help = "Examples:\n  creditctl credits buy --site \"Harbour Office\" --credits 24 --payment card --dry-run\n  creditctl credits buy --site \"Harbour Office\" --credits 24 --payment card > receipt.txt\n  creditctl credits buy --site 1 --sms 500 --payment invoice --reference po-2026-118",
        group = clap::ArgGroup::new("what").args(["credits", "sms"]).required(true)
    )]
    Buy {
        /// Site ID or unique name
        #[arg(long)]
        site: String,
        /// Video credits (1 credit = 1 unit for 1 month)
        #[arg(long, conflicts_with = "sms", allow_negative_numbers = true)]
        credits: Option<i64>,
        /// SMS messages, a multiple of 50
        #[arg(long, allow_negative_numbers = true)]
        sms: Option<i64>,
        /// How the purchase is paid
        #[arg(long, value_enum)]
        payment: Method,
        /// Retry key: a retry with the same reference returns the first purchase and buys nothing
        #[arg(long, conflicts_with = "dry_run")]
        reference: Option<String>,
        /// Quote the price and write nothing
        #[arg(long)]
        dry_run: bool,
    },
    /// Correct a balance with a signed amount and a reason
    #[command(
        after_help = "Examples:\n  creditctl credits adjust --site \"Harbour Office\" --amount 10 \\\n      --reason \"goodwill, ticket 4711\"\n  creditctl credits adjust --site 1 --amount -3 --reason \"double entry\" --pool sms"
    )]
    Adjust {
        /// Site ID or unique name
        #[arg(long)]
        site: String,
        /// Signed amount, e.g. 10 or -3
        #[arg(long, allow_negative_numbers = true)]
        amount: i64,
        /// Why, recorded in the ledger (1 to 500 characters)
        #[arg(long)]
        reason: String,
        /// The pool to correct
        #[arg(long, value_enum, default_value = "video")]
        pool: PoolArg,
    },
    /// Spend SMS messages, once per reference
    #[command(
        after_help = "Examples:\n  creditctl credits use --site \"Harbour Office\" --sms 1 --reference invite-8812"
    )]
    Use {
        /// Site ID or unique name
        #[arg(long)]
        site: String,
        /// Messages to spend
        #[arg(long, allow_negative_numbers = true)]
        sms: i64,
        /// Idempotency key: a retry with the same reference changes nothing
        #[arg(long)]
        reference: String,
    },
}

#[derive(Debug, Subcommand)]
pub enum DeductCmd {
    /// Charge every site for the period (safe to rerun: each unit once per period)
    #[command(
        after_help = "Examples:\n  creditctl deduct run\n  creditctl deduct run --period 2026-10 --dry-run\n  creditctl deduct run --key /etc/creditctl/signing.pem --json\n  creditctl deduct run --alert-months 3"
    )]
    Run {
        /// YYYY-MM [default: the current month]
        #[arg(long)]
        period: Option<String>,
        /// Compute the summary and write nothing
        #[arg(long)]
        dry_run: bool,
        /// Name as low the sites that will not be fully paid within N months after the period
        /// (1-120) [default: 1, next month]
        #[arg(long, value_name = "N", default_value_t = 1, hide_default_value = true, value_parser = clap::value_parser!(u64).range(1..=120))]
        alert_months: u64,
        /// Private key that signs a checkpoint at the end [default: none, no checkpoint]
        #[arg(
            long,
            value_name = "FILE",
            env = "CREDITCTL_KEY",
            hide_env_values = true
        )]
        key: Option<PathBuf>,
    },
}

#[derive(Debug, Subcommand)]
pub enum PaymentCmd {
    /// List payments
    #[command(
        after_help = "Examples:\n  creditctl payment list\n  creditctl payment list --json\n  creditctl payment list --limit 100 --after 500"
    )]
    List {
        #[command(flatten)]
        page: PageById,
    },
    /// Show one payment
    #[command(after_help = "Examples:\n  creditctl payment show 3")]
    Show {
        /// The payment's ID
        id: i64,
    },
}

#[derive(Debug, Subcommand)]
pub enum PriceCmd {
    /// Show the price list
    #[command(after_help = "Examples:\n  creditctl price show")]
    Show,
    /// Change a price (values already bought keep theirs)
    #[command(after_help = price_set_help())]
    Set {
        /// The price item (listed below)
        item: String,
        /// The new price in EUR, at most two decimals, e.g. 24.00
        amount: String,
    },
}

/// `price set --help`: the items, then examples.
fn price_set_help() -> String {
    let items: Vec<String> = crate::domain::pricing::items().collect();
    format!(
        "Items: {}\n\nExamples:\n  creditctl price set device-year 24.00\n  creditctl price set license:nfc 59.00",
        items.join(", ")
    )
}

#[derive(Debug, Subcommand)]
pub enum MemberCmd {
    /// Add a member with one role; the first member must be an operator
    #[command(
        after_help = "Examples:\n  creditctl member add olga --role operator\n  creditctl member add dora --role distributor --distributor \"Acme Security\"\n  creditctl member add sam --role site-admin --site \"Harbour Office\" --site Annex"
    )]
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
    #[command(after_help = "Examples:\n  creditctl member list")]
    List,
    /// Remove a member (the last operator stays)
    #[command(after_help = "Examples:\n  creditctl member remove sam")]
    Remove {
        /// The member's name
        name: String,
    },
}

#[derive(Debug, Subcommand)]
pub enum LedgerCmd {
    /// Check the hash chain, every balance against its ledger sum, and every checkpoint
    #[command(
        after_help = "Examples:\n  creditctl ledger verify\n  creditctl ledger verify --checkpoint /var/log/creditctl-anchors"
    )]
    Verify {
        /// Also check the checkpoints kept in this file (as `ledger checkpoint` prints them,
        /// one or more)
        #[arg(long, value_name = "FILE")]
        checkpoint: Option<PathBuf>,
    },
    /// Sign the chain's row count and head hash, store the checkpoint and print it, to be kept
    /// elsewhere too
    #[command(
        after_help = "Examples:\n  creditctl ledger checkpoint --key /etc/creditctl/signing.pem >> /var/log/creditctl-anchors"
    )]
    Checkpoint {
        /// Private key that signs
        #[arg(
            long,
            value_name = "FILE",
            env = "CREDITCTL_KEY",
            hide_env_values = true
        )]
        key: Option<PathBuf>,
    },
    /// Copy this ledger (--db) into an empty one, on either engine, in one transaction
    #[command(
        after_help = "Examples:\n  creditctl --db ~/creditctl/ledger.db ledger copy \\\n      --to 'postgres://ops@db.example.com/credits'"
    )]
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
    #[command(after_help = "Examples:\n  creditctl key generate --out /etc/creditctl/signing.pem")]
    Generate {
        /// The private key file to create (never over an existing file)
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
    },
    /// List the registered public keys
    #[command(after_help = "Examples:\n  creditctl key list")]
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

/// A group of subcommands (`voucher`, `site`, …) whose arguments clap builds only when the
/// command line names the group ([`clap::Command::defer`]): a command builds its own group, not
/// all thirteen. Building the whole tree was most of what a short command spent before its work
/// (0.4 ms of a 3.7 ms `voucher redeem`). Help at run time builds what it shows; what reads
/// the whole tree at once (completions, the manual, the tests that walk it) takes
/// [`Cli::full_command`], whose groups are built at once.
#[derive(Debug)]
pub struct Lazy<T>(pub T);

thread_local! {
    /// Set while [`Cli::full_command`] builds the tree: groups are then built at once.
    static EAGER: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// The group `T`, as clap builds it when it is named, with every argument prepared as the
/// tree's others are ([`utf8_first_below`]).
fn build_group<T: Subcommand>(cmd: clap::Command) -> clap::Command {
    utf8_first_below(T::augment_subcommands(cmd))
}

fn build_group_for_update<T: Subcommand>(cmd: clap::Command) -> clap::Command {
    utf8_first_below(T::augment_subcommands_for_update(cmd))
}

/// `build` applied to `cmd` when it is named, or at once under [`Cli::full_command`].
fn lazily(cmd: clap::Command, build: fn(clap::Command) -> clap::Command) -> clap::Command {
    if EAGER.get() {
        build(cmd)
    } else {
        cmd.defer(build)
    }
}

impl<T: Subcommand> Subcommand for Lazy<T> {
    fn augment_subcommands(cmd: clap::Command) -> clap::Command {
        lazily(cmd, build_group::<T>)
    }

    fn augment_subcommands_for_update(cmd: clap::Command) -> clap::Command {
        lazily(cmd, build_group_for_update::<T>)
    }

    fn has_subcommand(name: &str) -> bool {
        T::has_subcommand(name)
    }
}

impl<T: clap::FromArgMatches> clap::FromArgMatches for Lazy<T> {
    fn from_arg_matches(matches: &clap::ArgMatches) -> Result<Self, clap::Error> {
        T::from_arg_matches(matches).map(Lazy)
    }

    fn from_arg_matches_mut(matches: &mut clap::ArgMatches) -> Result<Self, clap::Error> {
        T::from_arg_matches_mut(matches).map(Lazy)
    }

    fn update_from_arg_matches(&mut self, matches: &clap::ArgMatches) -> Result<(), clap::Error> {
        self.0.update_from_arg_matches(matches)
    }

    fn update_from_arg_matches_mut(
        &mut self,
        matches: &mut clap::ArgMatches,
    ) -> Result<(), clap::Error> {
        self.0.update_from_arg_matches_mut(matches)
    }
}

/// `build` run with every group built at once; lazy again after it, however it ends (a panic
/// caught by a test included).
fn eagerly<R>(build: impl FnOnce() -> R) -> R {
    struct Eager;
    impl Drop for Eager {
        fn drop(&mut self) {
            EAGER.set(false);
        }
    }
    EAGER.set(true);
    let _eager = Eager;
    build()
}

fn utf8_first_below(cmd: clap::Command) -> clap::Command {
    cmd.mut_args(prepare_arg).mut_subcommands(utf8_first_below)
}

fn prepare_arg(arg: Arg) -> Arg {
    blank_env_is_unset(utf8_first(arg))
}

/// A variable set to blanks is as if unset, as it has always been: `CREDITCTL_DB=` falls back
/// to the default ledger, `CREDITCTL_ACTOR=" "` to the login user. (Text is blank when it
/// trims to nothing; a path when its bytes are ASCII blanks.)
fn blank_env_is_unset(arg: Arg) -> Arg {
    let Some(name) = arg.get_env() else {
        return arg;
    };
    let Some(value) = std::env::var_os(name) else {
        return arg;
    };
    let text = arg.get_value_parser().type_id() != ValueParser::path_buf().type_id();
    let blank = if text {
        value.to_str().is_some_and(|v| v.trim().is_empty())
    } else {
        value.as_encoded_bytes().trim_ascii().is_empty()
    };
    if blank { arg.env(None) } else { arg }
}

impl Cli {
    /// The whole command tree, every group built (see [`Lazy`]): for what reads all of it at
    /// once, such as the completion scripts and the manual, whose `help` subcommand mirrors
    /// the tree as it is when the root is built.
    pub fn full_command() -> clap::Command {
        use clap::CommandFactory;
        eagerly(Cli::command)
    }

    /// Reads the command line, and the variables that stand in for its options (`env`
    /// attributes: `$CREDITCTL_DB`, `$CREDITCTL_ACTOR`, `$CREDITCTL_KEY`; a flag wins).
    pub fn read() -> Result<Cli, clap::Error> {
        use clap::{CommandFactory, FromArgMatches};
        let mut cmd = Cli::command();
        let mut matches = cmd.try_get_matches_from_mut(std::env::args_os())?;
        // Asked before the values are taken out of the matches below.
        let actor_from_env =
            matches.value_source("actor") == Some(clap::parser::ValueSource::EnvVariable);
        // Taking the values out of the matches, rather than reading a copy of them.
        let mut cli = Cli::from_arg_matches_mut(&mut matches).map_err(|e| e.format(&mut cmd))?;
        cli.actor_from_env = actor_from_env;
        // The command tree (every subcommand, argument and help text) is needed once per
        // process: leaving it to the exit instead of freeing it piece by piece saves a quarter
        // of what a short command like `voucher redeem` spends outside SQLite and the loader.
        std::mem::forget(cmd);
        std::mem::forget(matches);
        Ok(cli)
    }
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
            let bytes = crate::domain::text::escape_bytes(value.as_encoded_bytes());
            // The variable that stands in for the option, when the value is its value.
            let var = arg
                .and_then(Arg::get_env)
                .filter(|var| std::env::var_os(var).as_deref() == Some(value));
            let message = match (var, arg) {
                (Some(var), _) => format!(
                    "${} is not valid UTF-8 ('{bytes}'); set it to UTF-8 text or unset it\n",
                    var.to_string_lossy()
                ),
                (None, Some(a)) => format!(
                    "the value of '{a}' is not valid UTF-8 ('{bytes}'); write it as UTF-8 text\n"
                ),
                (None, None) => format!(
                    "the value of an argument is not valid UTF-8 ('{bytes}'); write it as UTF-8 text\n"
                ),
            };
            let mut err = clap::Error::raw(ErrorKind::InvalidUtf8, message).with_cmd(cmd);
            if let Some(arg) = arg {
                err.insert(
                    ContextKind::InvalidArg,
                    ContextValue::String(arg.to_string()),
                );
            }
            return Err(err);
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
        super::Cli::full_command().debug_assert();
    }

    /// The tree a command line is read with holds the groups unbuilt (clap builds the one the
    /// line names), before and after a full tree is made; the full tree holds them built, with
    /// the same commands.
    #[test]
    fn groups_are_built_only_when_named_or_asked_for() {
        use clap::CommandFactory;
        let names = |cmd: &clap::Command, group: &str| -> Vec<String> {
            let group = cmd.find_subcommand(group).expect("the group");
            group
                .get_subcommands()
                .map(|c| c.get_name().to_string())
                .collect()
        };
        let lazy = super::Cli::command();
        let full = super::Cli::full_command();
        // Building the full tree leaves the next one lazy again (its guard ends the eager build).
        let after = super::Cli::command();
        for group in ["voucher", "site", "credits", "ledger"] {
            assert!(names(&lazy, group).is_empty(), "{group} was built");
            assert!(!names(&full, group).is_empty(), "{group} was not built");
            assert!(
                names(&after, group).is_empty(),
                "{group} was built after the full tree"
            );
        }
        let (mut built, mut full) = (super::Cli::command(), full);
        built.build();
        full.build();
        assert_eq!(names(&built, "voucher"), names(&full, "voucher"));
    }

    /// An eager build that panics (caught, as a test would) leaves the next tree lazy.
    #[test]
    fn a_panicking_eager_build_leaves_the_tree_lazy() {
        use clap::CommandFactory;
        let caught = std::panic::catch_unwind(|| {
            super::eagerly(|| {
                assert!(super::EAGER.get(), "not eager inside");
                panic!("a build that fails");
            })
        });
        assert!(caught.is_err());
        assert!(!super::EAGER.get(), "still eager after the panic");
        let lazy = super::Cli::command();
        let voucher = lazy.find_subcommand("voucher").expect("the group");
        assert_eq!(voucher.get_subcommands().count(), 0, "voucher was built");
    }
}
