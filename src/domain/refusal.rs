//! Every refusal a rule of the product makes, with the facts its message needs. The rules in
//! `domain/` return these; `error.rs` turns each into its exit code, JSON code and one-line
//! message with what to do, in one place.

use super::money::Money;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// Voucher purchasing is not activated for the distributor (exit 4).
    NotActivated { distributor: String, id: i64 },
    /// The platform operator deactivated the distributor: it buys nothing more (exit 4).
    DistributorDeactivated {
        distributor: String,
        id: i64,
        on: String,
    },
    /// An order, a purchase or a balance would overflow (exit 2).
    TooLarge { what: &'static str },
    /// A purchase outside 1..=max (exit 2).
    OutOfRange {
        what: &'static str,
        max: i64,
        given: i64,
    },
    /// A message count that is not whole SMS credits (exit 2).
    SmsNotWhole { messages: i64 },
    /// The voucher was redeemed already (exit 4).
    VoucherUsed {
        code: String,
        on: String,
        site: Option<i64>,
    },
    /// The voucher's three years are over (exit 4).
    VoucherExpired { code: String, on: String },
    /// The voucher was cancelled (exit 4).
    VoucherCancelled { code: String, on: String },
    /// A used voucher cannot be cancelled (exit 4, as `voucher_used`).
    CancelUsed {
        code: String,
        on: String,
        site: Option<i64>,
    },
    /// The voucher was cancelled already (exit 4, as `voucher_cancelled`).
    CancelCancelled { code: String, on: String },
    /// A device voucher to an apartment site or the other way round (exit 4).
    WrongSiteModel {
        code: String,
        /// The voucher's type and the site's model, as words (`device`, `apartment`).
        voucher: &'static str,
        site_id: i64,
        site_name: String,
        site_model: &'static str,
    },
    /// A pool cannot cover a debit (exit 4).
    InsufficientCredits {
        pool: &'static str,
        /// The site as messages name it ([`super::site::label`]).
        site: String,
        balance: i64,
        needed: i64,
    },
    /// The serial owns the license already (exit 4).
    AlreadyOwned { serial: String, product: String },
    /// No such license product (exit 3).
    UnknownProduct { name: String },
    /// The same license named twice in one purchase (exit 2).
    ProductTwice { name: String },
    /// A price moved between the order shown and its confirmation (exit 4).
    PriceChanged { shown: Money, now: Money },
    /// A redemption whose site changed while its question was open (exit 4): the balance before
    /// it, or the waiting units it activates, are not those shown.
    RedemptionChanged {
        balance_shown: i64,
        balance_now: i64,
        units_shown: u64,
        units_now: u64,
    },
    /// An SMS reference already names another spending (exit 4).
    ReferenceReused {
        reference: String,
        messages: i64,
        site_id: i64,
    },
    /// A purchase's reference already names another purchase (exit 4).
    PurchaseReferenceReused {
        reference: String,
        site_id: i64,
        what: String,
    },
    /// A name or unit that must be unique is taken (exit 4).
    AlreadyExists { what: String, name: String },
    /// The device is registered at a site already (exit 4).
    AlreadyRegistered { serial: String, site_id: i64 },
    /// More than one site or distributor has the name (exit 2).
    AmbiguousName {
        what: &'static str,
        name: String,
        ids: (i64, i64),
    },
    /// An adjustment of zero (exit 2).
    AdjustZero,
    /// An adjustment beyond the limit (exit 2).
    AdjustTooLarge { max: i64 },
    /// An SMS spending outside 1..=max messages (exit 2).
    SmsOutOfRange { max: i64, given: i64 },
    /// The acting member's role may not run the command (exit 7).
    Forbidden {
        command: String,
        needs: String,
        member: String,
        role: &'static str,
    },
    /// The ledger has members and the identity is not one of them (exit 7).
    NotAMember { identity: String },
    /// The first member of a ledger must be an operator (exit 4).
    FirstMemberOperator,
    /// A member's distributor or sites do not fit its role (exit 2).
    MemberBinding { role: &'static str },
    /// Removing the last operator would leave nobody to manage members (exit 4).
    LastOperator { name: String },
    /// Ten failed redemptions within an hour, by an identity or on a site (exit 4).
    TooManyAttempts { by: String, until: String },
    /// An apartment named for a device on a device-model site (exit 2).
    ApartmentNotAllowed { site: String },
    /// No apartment named for a device on an apartment-model site (exit 2).
    ApartmentRequired { site: String },
    /// Apartments asked of a device-model site (exit 4).
    NoApartments { site: String },
    /// The apartment holds the most paid devices it may (exit 4).
    ApartmentFull { name: String, site: String },
    /// An apartment with devices cannot be removed (exit 4).
    ApartmentNotEmpty { name: String, devices: i64 },
    /// A signing command without a key: no `--key` and no `$CREDITCTL_KEY` (exit 2).
    KeyRequired { command: &'static str },
    /// A key file that cannot sign: missing, not a PEM, not an Ed25519 private key (exit 2).
    BadKey { file: String, reason: String },
    /// A public key file that cannot check: not a PEM, not an Ed25519 public key (exit 2).
    BadPublicKey { file: String, reason: String },
    /// A private key whose public half this ledger does not hold (exit 4).
    KeyNotRegistered { fingerprint: String },
    /// creditctl never overwrites a file it writes (exit 4).
    FileExists { file: String },
    /// A signed document whose signature does not match its bytes (exit 4).
    BadSignature { what: String },
    /// A file that is not a signed document of the kind asked for (exit 2).
    MalformedDocument { what: String, reason: String },
    /// A license file asked for a serial that owns no license (exit 3); `scoped` when only the
    /// licenses bought through the asking distributor count.
    NoLicenses { serial: String, scoped: bool },
}
