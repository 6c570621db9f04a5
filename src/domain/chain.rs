//! The hash chain's encoding: how a ledger row is hashed, how a set of table rows is digested,
//! and the facts that rows without a balance change carry. Pure: the same bytes give the same
//! hash on every engine.

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

/// The `prev_hash` of the first row.
pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// Row kinds. A balance row moves a pool; an event row records a change of value elsewhere.
pub mod kind {
    /// Credits from a redeemed voucher (balance row; reference `voucher:CODE`).
    pub const VOUCHER: &str = "voucher";
    /// Credits bought (balance row; payload carries the payment).
    pub const PURCHASE: &str = "purchase";
    /// Operator correction (balance row).
    pub const ADJUSTMENT: &str = "adjustment";
    /// Monthly charge (balance row; reference `period:YYYY-MM`; payload lists the units).
    pub const CHARGE: &str = "charge";
    /// SMS spent (balance row; reference `sms:REF`).
    pub const SMS: &str = "sms";
    /// A voucher order was bought (event; payload: order, its vouchers' digest, payment).
    pub const ORDER: &str = "order";
    /// Licenses were bought (event; payload: their digest and the payment).
    pub const LICENSE: &str = "license";
    /// A voucher was cancelled (event; reference `voucher:CODE`).
    pub const CANCEL: &str = "cancel";
    /// A price was set (event; payload: item and amount).
    pub const PRICE: &str = "price";
    /// A payment recorded before payments were chained (event written by the upgrade).
    pub const PAYMENT: &str = "payment";
    /// A signing key was registered (event; reference `key:ID`; payload: its id and public key).
    pub const KEY: &str = "key";

    /// Whether rows of `kind` move a pool (balance rows) or record an event; `None` for a kind
    /// no release has written.
    pub fn moves_a_pool(kind: &str) -> Option<bool> {
        match kind {
            VOUCHER | PURCHASE | ADJUSTMENT | CHARGE | SMS => Some(true),
            ORDER | LICENSE | CANCEL | PRICE | PAYMENT | KEY => Some(false),
            _ => None,
        }
    }
}

/// A ledger row as stored and hashed. Balance rows have a site, a pool and a balance after;
/// event rows have none of the three and move nothing.
#[derive(Debug, Clone, Serialize)]
pub struct Row {
    pub id: i64,
    pub site_id: Option<i64>,
    pub pool: Option<String>,
    pub amount: i64,
    pub balance_after: Option<i64>,
    pub kind: String,
    pub reason: String,
    pub reference: String,
    pub actor: String,
    pub created_at: String,
    #[serde(skip)]
    pub payload: String,
    #[serde(skip)]
    pub prev_hash: String,
}

impl Row {
    /// An event row: a change of value that moves no balance (an order, a price, a
    /// cancellation), its payload encoded; id, actor, time and hashes are the writer's to fill in.
    pub fn event(kind: &str, reason: &str, reference: &str, payload: &Payload) -> Row {
        Row {
            id: 0,
            site_id: None,
            pool: None,
            amount: 0,
            balance_after: None,
            kind: kind.to_string(),
            reason: reason.to_string(),
            reference: reference.to_string(),
            actor: String::new(),
            created_at: String::new(),
            payload: payload.encode(),
            prev_hash: String::new(),
        }
    }

    /// SHA-256 over every field, each length-prefixed so that no two rows encode alike. An
    /// absent site or balance is an empty field (never 8 bytes), and the payload is appended only
    /// when there is one, so balance rows written before payloads existed keep their hash.
    pub fn hash(&self) -> String {
        hex(&self.as_ref().digest())
    }

    /// The row borrowed, as [`RowRef`].
    pub fn as_ref(&self) -> RowRef<'_> {
        RowRef {
            id: self.id,
            site_id: self.site_id,
            pool: self.pool.as_deref(),
            amount: self.amount,
            balance_after: self.balance_after,
            kind: &self.kind,
            reason: &self.reason,
            reference: &self.reference,
            actor: &self.actor,
            created_at: &self.created_at,
            payload: &self.payload,
            prev_hash: &self.prev_hash,
        }
    }
}

/// A ledger row whose text is borrowed (from a row read in place): hashed without copying it.
#[derive(Debug, Clone, Copy)]
pub struct RowRef<'a> {
    pub id: i64,
    pub site_id: Option<i64>,
    pub pool: Option<&'a str>,
    pub amount: i64,
    pub balance_after: Option<i64>,
    pub kind: &'a str,
    pub reason: &'a str,
    pub reference: &'a str,
    pub actor: &'a str,
    pub created_at: &'a str,
    pub payload: &'a str,
    pub prev_hash: &'a str,
}

impl RowRef<'_> {
    /// The 32 bytes of [`Row::hash`].
    pub fn digest(&self) -> [u8; 32] {
        let mut h = Sha256::new();
        let mut field = |bytes: &[u8]| {
            h.update((bytes.len() as u64).to_le_bytes());
            h.update(bytes);
        };
        field(&self.id.to_le_bytes());
        field(&self.site_id.map(i64::to_le_bytes).unwrap_or_default()[..opt_len(self.site_id)]);
        field(self.pool.unwrap_or("").as_bytes());
        field(&self.amount.to_le_bytes());
        field(
            &self.balance_after.map(i64::to_le_bytes).unwrap_or_default()
                [..opt_len(self.balance_after)],
        );
        field(self.kind.as_bytes());
        field(self.reason.as_bytes());
        field(self.reference.as_bytes());
        field(self.actor.as_bytes());
        field(self.created_at.as_bytes());
        field(self.prev_hash.as_bytes());
        if !self.payload.is_empty() {
            field(self.payload.as_bytes());
        }
        h.finalize().into()
    }

    /// Whether `hash` (lowercase hex, as stored) is this row's hash.
    pub fn hashes_to(&self, hash: &str) -> bool {
        let mut shown = [0u8; 64];
        hex_into(&self.digest(), &mut shown);
        hash.as_bytes() == shown
    }
}

fn opt_len(v: Option<i64>) -> usize {
    if v.is_some() { 8 } else { 0 }
}

const HEX_DIGITS: &[u8; 16] = b"0123456789abcdef";

pub fn hex(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        out.push(HEX_DIGITS[(b >> 4) as usize] as char);
        out.push(HEX_DIGITS[(b & 15) as usize] as char);
    }
    out
}

/// [`hex`] into a buffer twice as long as `bytes`.
fn hex_into(bytes: &[u8], out: &mut [u8]) {
    for (b, pair) in bytes.iter().zip(out.chunks_exact_mut(2)) {
        pair[0] = HEX_DIGITS[(b >> 4) as usize];
        pair[1] = HEX_DIGITS[(b & 15) as usize];
    }
}

/// A digest over a sequence of table rows, each a sequence of typed values. Creation feeds it
/// the values it inserts; `ledger verify` feeds it the values it reads back; equal content gives
/// an equal digest, and any changed, added, removed or reordered value a different one.
#[derive(Clone, Default)]
pub struct RowDigest {
    hash: Sha256,
    rows: u64,
}

impl RowDigest {
    pub fn new() -> RowDigest {
        RowDigest::default()
    }

    pub fn null(&mut self) -> &mut Self {
        self.hash.update([0u8]);
        self
    }

    pub fn int(&mut self, v: i64) -> &mut Self {
        self.hash.update([1u8]);
        self.hash.update(v.to_le_bytes());
        self
    }

    pub fn text(&mut self, v: &str) -> &mut Self {
        self.hash.update([2u8]);
        self.hash.update((v.len() as u64).to_le_bytes());
        self.hash.update(v.as_bytes());
        self
    }

    pub fn opt_int(&mut self, v: Option<i64>) -> &mut Self {
        match v {
            Some(v) => self.int(v),
            None => self.null(),
        }
    }

    pub fn opt_text(&mut self, v: Option<&str>) -> &mut Self {
        match v {
            Some(v) => self.text(v),
            None => self.null(),
        }
    }

    /// Closes one row.
    pub fn end_row(&mut self) {
        self.hash.update([0xffu8]);
        self.rows += 1;
    }

    pub fn rows(&self) -> u64 {
        self.rows
    }

    pub fn finish(self) -> Digested {
        Digested {
            count: self.rows,
            digest: hex(&self.hash.finalize()),
        }
    }
}

/// How many rows, and their digest.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Digested {
    pub count: u64,
    pub digest: String,
}

/// A payment as the chain records it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PaymentFact {
    pub id: i64,
    pub kind: String,
    pub method: String,
    pub amount_minor: i64,
    pub currency: String,
    pub distributor_id: Option<i64>,
    pub site_id: Option<i64>,
    pub description: String,
    pub actor: String,
    pub created_at: String,
}

/// A voucher order: the order row and the digest of its vouchers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrderFact {
    pub id: i64,
    pub distributor_id: i64,
    pub payment_id: i64,
    pub created_at: String,
    pub vouchers: Digested,
}

/// The value-carrying facts a row's payload may hold; absent ones are left out of the JSON.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Payload {
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub payment: Option<PaymentFact>,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub order: Option<OrderFact>,
    /// The digest of the licenses bought with the payment.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub licenses: Option<Digested>,
    /// The units a monthly charge row paid for, ascending.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub units: Option<Vec<i64>>,
    /// A price set: item and amount.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub price: Option<PriceFact>,
    /// When and by whom a voucher was cancelled.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub cancelled: Option<Stamped>,
    /// A signing key registered: the public key that license files and checkpoints are checked
    /// against.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub signing_key: Option<KeyFact>,
}

/// A signing key as the chain records it: its id and the 32 bytes of its public key in hex.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct KeyFact {
    pub id: i64,
    pub public_key: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PriceFact {
    pub item: String,
    pub amount_minor: i64,
    pub currency: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stamped {
    pub at: String,
    pub by: String,
}

impl Payload {
    /// The canonical text: fields in declaration order, no spaces; empty when there is nothing.
    pub fn encode(&self) -> String {
        if *self == Payload::default() {
            return String::new();
        }
        serde_json::to_string(self).expect("a payload always serializes")
    }

    pub fn decode(text: &str) -> Result<Payload, String> {
        if text.is_empty() {
            return Ok(Payload::default());
        }
        let p: Payload = serde_json::from_str(text).map_err(|e| e.to_string())?;
        // Only the canonical encoding is accepted: a reformatted payload is an altered one.
        if p.encode() != text {
            return Err("it is not in canonical form".into());
        }
        Ok(p)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn balance_row() -> Row {
        Row {
            id: 1,
            site_id: Some(1),
            pool: Some("video".into()),
            amount: 120,
            balance_after: Some(120),
            kind: "voucher".into(),
            reason: "voucher 'x'".into(),
            reference: "voucher:ABC".into(),
            actor: "tester".into(),
            created_at: "2026-11-05T10:00:00Z".into(),
            payload: String::new(),
            prev_hash: GENESIS.into(),
        }
    }

    /// The hash of a balance row written by the first release, computed by that release's code.
    #[test]
    fn a_balance_row_hashes_as_the_first_release_hashed_it() {
        let r = balance_row();
        let mut h = Sha256::new();
        let mut field = |bytes: &[u8]| {
            h.update((bytes.len() as u64).to_le_bytes());
            h.update(bytes);
        };
        field(&1i64.to_le_bytes());
        field(&1i64.to_le_bytes());
        field(b"video");
        field(&120i64.to_le_bytes());
        field(&120i64.to_le_bytes());
        field(b"voucher");
        field(b"voucher 'x'");
        field(b"voucher:ABC");
        field(b"tester");
        field(b"2026-11-05T10:00:00Z");
        field(GENESIS.as_bytes());
        assert_eq!(r.hash(), hex(&h.finalize()));
    }

    #[test]
    fn a_row_is_checked_against_its_stored_hash_without_copying_it() {
        let r = balance_row();
        let stored = r.hash();
        assert!(r.as_ref().hashes_to(&stored));
        assert!(!r.as_ref().hashes_to(&stored.to_uppercase()));
        assert!(!r.as_ref().hashes_to(&stored[..63]));
        assert!(!r.as_ref().hashes_to(GENESIS));
    }

    #[test]
    fn an_event_row_differs_from_a_balance_row_with_zeroes() {
        let mut event = balance_row();
        event.site_id = None;
        event.balance_after = None;
        let mut zeroes = balance_row();
        zeroes.site_id = Some(0);
        zeroes.balance_after = Some(0);
        assert_ne!(event.hash(), zeroes.hash());
    }

    #[test]
    fn payloads_round_trip_and_only_the_canonical_text_is_accepted() {
        let p = Payload {
            units: Some(vec![1, 2, 3]),
            ..Payload::default()
        };
        let text = p.encode();
        assert_eq!(text, r#"{"units":[1,2,3]}"#);
        assert_eq!(Payload::decode(&text).unwrap(), p);
        assert!(Payload::decode(r#"{ "units":[1,2,3]}"#).is_err());
        assert_eq!(Payload::default().encode(), "");
    }

    proptest! {
        #[test]
        fn any_changed_field_changes_the_hash(
            amount in -1000i64..1000, reason in ".{0,20}", payload in "[a-z]{0,10}"
        ) {
            let mut a = balance_row();
            a.amount = amount;
            a.reason = reason.clone();
            a.payload = payload.clone();
            let base = a.hash();
            let mut b = a.clone();
            b.amount = amount + 1;
            prop_assert_ne!(b.hash(), base.clone());
            let mut c = a.clone();
            c.reason.push('x');
            prop_assert_ne!(c.hash(), base.clone());
            let mut d = a.clone();
            d.payload.push('x');
            prop_assert_ne!(d.hash(), base.clone());
            let mut e = a.clone();
            e.site_id = Some(2);
            prop_assert_ne!(e.hash(), base);
        }

        #[test]
        fn digests_tell_rows_apart(a in proptest::collection::vec(0i64..5, 0..6), b in proptest::collection::vec(0i64..5, 0..6)) {
            let digest = |values: &[i64]| {
                let mut d = RowDigest::new();
                for v in values {
                    d.int(*v).end_row();
                }
                d.finish()
            };
            prop_assert_eq!(a == b, digest(&a) == digest(&b));
        }
    }
}
