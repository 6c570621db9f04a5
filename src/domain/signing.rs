//! Signed documents: one canonical JSON line and, on the next line, the base64 Ed25519
//! signature over exactly the bytes of that line (without its newline). A license file and a
//! ledger checkpoint are such documents, so one pair of functions signs and checks both, and any
//! Ed25519 implementation can check them (`openssl pkeyutl -verify -rawin`).
//!
//! Pure: keys, documents and signatures are bytes in and bytes out; reading key files and
//! looking up the ledger happen elsewhere.

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use ed25519_dalek::pkcs8::spki::der::pem::LineEnding;
use ed25519_dalek::pkcs8::{DecodePrivateKey, DecodePublicKey, EncodePublicKey};
use ed25519_dalek::{Signature, Signer, SigningKey, VerifyingKey};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::chain::hex;

/// The most bytes a key file or a signed document may have: either is far smaller.
pub const MAX_FILE: u64 = 64 * 1024;

/// The longest line of a signed document.
pub const MAX_LINE: usize = 16 * 1024;

/// A private key made from 32 bytes of fresh entropy.
pub fn key_from_seed(seed: &[u8; 32]) -> SigningKey {
    SigningKey::from_bytes(seed)
}

/// The private key as PKCS#8 PEM (`-----BEGIN PRIVATE KEY-----`), in the form `openssl genpkey
/// -algorithm ed25519` writes (the seed only).
pub fn private_pem(key: &SigningKey) -> String {
    use ed25519_dalek::pkcs8::EncodePrivateKey;
    let bytes = ed25519_dalek::pkcs8::KeypairBytes {
        secret_key: key.to_bytes(),
        public_key: None,
    };
    bytes
        .to_pkcs8_pem(LineEnding::LF)
        .expect("an Ed25519 key always encodes")
        .to_string()
}

/// The public key as SubjectPublicKeyInfo PEM (`-----BEGIN PUBLIC KEY-----`), as openssl reads it.
pub fn public_pem(key: &VerifyingKey) -> String {
    key.to_public_key_pem(LineEnding::LF)
        .expect("an Ed25519 public key always encodes")
}

/// The 32 bytes of the public key in lowercase hex: how the ledger stores it.
pub fn public_hex(key: &VerifyingKey) -> String {
    hex(key.as_bytes())
}

/// A public key from its hex form, if it is one.
pub fn public_from_hex(text: &str) -> Option<VerifyingKey> {
    if text.len() != 64 || !text.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    let mut bytes = [0u8; 32];
    for (i, b) in bytes.iter_mut().enumerate() {
        *b = u8::from_str_radix(&text[2 * i..2 * i + 2], 16).ok()?;
    }
    VerifyingKey::from_bytes(&bytes).ok()
}

/// SHA-256 of the 32 bytes of the public key, in hex: what people compare. The same as
/// `openssl pkey -pubin -in key.pub -outform DER | tail -c 32 | sha256sum`.
pub fn fingerprint(key: &VerifyingKey) -> String {
    hex(&Sha256::digest(key.as_bytes()))
}

/// The PEM label (`PRIVATE KEY`, `PUBLIC KEY`, `RSA PRIVATE KEY` …) of a PEM text, if it is one.
fn pem_label(text: &str) -> Option<&str> {
    let start = text.find("-----BEGIN ")? + "-----BEGIN ".len();
    let end = text[start..].find("-----")?;
    Some(&text[start..start + end])
}

/// Reads an Ed25519 private key from PKCS#8 PEM, saying in words what else the bytes are.
pub fn parse_private_pem(bytes: &[u8]) -> Result<SigningKey, String> {
    let text =
        std::str::from_utf8(bytes).map_err(|_| "it is not a PEM file (not text)".to_string())?;
    match pem_label(text) {
        None => Err("it is not a PEM file (no -----BEGIN line)".into()),
        Some("PRIVATE KEY") => SigningKey::from_pkcs8_pem(text.trim()).map_err(|e| {
            format!("it is a PKCS#8 private key but not an Ed25519 one, or it is damaged ({e})")
        }),
        Some("PUBLIC KEY") => Err(
            "it is a public key; signing needs the private key that `creditctl key generate` wrote"
                .into(),
        ),
        Some("ENCRYPTED PRIVATE KEY") => Err(
            "it is an encrypted private key; creditctl reads the unencrypted PKCS#8 key that `creditctl key generate` wrote"
                .into(),
        ),
        Some(other) => Err(format!(
            "it holds a '{}', not an Ed25519 private key in PKCS#8 PEM",
            other.chars().take(40).collect::<String>()
        )),
    }
}

/// Reads an Ed25519 public key from PEM (SubjectPublicKeyInfo, as `key generate` writes it to
/// FILE.pub and `openssl pkey -pubout` prints it).
pub fn parse_public_pem(bytes: &[u8]) -> Result<VerifyingKey, String> {
    let text =
        std::str::from_utf8(bytes).map_err(|_| "it is not a PEM file (not text)".to_string())?;
    match pem_label(text) {
        None => Err("it is not a PEM file (no -----BEGIN line)".into()),
        Some("PUBLIC KEY") => VerifyingKey::from_public_key_pem(text.trim()).map_err(|e| {
            format!("it is a public key but not an Ed25519 one, or it is damaged ({e})")
        }),
        Some("PRIVATE KEY" | "ENCRYPTED PRIVATE KEY") => Err(
            "it is a private key; give the public key (`key generate` wrote it to FILE.pub)".into(),
        ),
        Some(other) => Err(format!(
            "it holds a '{}', not an Ed25519 public key in PEM",
            other.chars().take(40).collect::<String>()
        )),
    }
}

/// The signature over `line`, in base64.
pub fn signature(key: &SigningKey, line: &str) -> String {
    STANDARD.encode(key.sign(line.as_bytes()).to_bytes())
}

/// The whole document: `line`, a newline, the base64 signature over `line`, a newline.
pub fn sign(key: &SigningKey, line: &str) -> String {
    debug_assert!(!line.contains('\n'));
    format!("{line}\n{}\n", signature(key, line))
}

/// A document split into the bytes that were signed and the signature.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Signed {
    pub line: Vec<u8>,
    pub signature: [u8; 64],
}

/// Reads a base64 signature.
pub fn decode_signature(text: &[u8]) -> Result<[u8; 64], String> {
    let bytes = STANDARD
        .decode(text)
        .map_err(|_| "its signature line is not base64".to_string())?;
    bytes
        .try_into()
        .map_err(|b: Vec<u8>| format!("its signature is {} bytes, not 64", b.len()))
}

/// A document from its two lines (without their newlines).
pub fn from_lines(line: &[u8], signature_line: &[u8]) -> Result<Signed, String> {
    if line.is_empty() {
        return Err("its first line is empty".into());
    }
    if line.len() > MAX_LINE {
        return Err(format!("its first line is longer than {MAX_LINE} bytes"));
    }
    if signature_line.is_empty() {
        return Err("the line of its signature is missing or empty".into());
    }
    Ok(Signed {
        line: line.to_vec(),
        signature: decode_signature(signature_line)?,
    })
}

/// Splits a document: exactly two lines, the second ending with a newline or not.
pub fn parse(doc: &[u8]) -> Result<Signed, String> {
    let body = doc.strip_suffix(b"\n").unwrap_or(doc);
    let mut lines = body.split(|b| *b == b'\n');
    let (Some(line), Some(signature), None) = (lines.next(), lines.next(), lines.next()) else {
        return Err(
            "it is not two lines (a JSON line and the line of its base64 signature)".into(),
        );
    };
    from_lines(line, signature)
}

/// Whether the signature is `key`'s over exactly the bytes of the line (RFC 8032, strict: no
/// malleable signature and no weak key passes).
pub fn check(key: &VerifyingKey, doc: &Signed) -> bool {
    key.verify_strict(&doc.line, &Signature::from_bytes(&doc.signature))
        .is_ok()
}

/// The canonical line of a document: its fields in their fixed order, no spaces.
pub fn canonical<T: Serialize>(doc: &T) -> String {
    serde_json::to_string(doc).expect("a document always serializes")
}

/// Reads a document's line as `T`; only its canonical form is accepted.
pub fn read<T: Serialize + DeserializeOwned>(line: &[u8]) -> Result<T, String> {
    let doc: T = serde_json::from_slice(line).map_err(|e| format!("its JSON line: {e}"))?;
    if canonical(&doc).as_bytes() != line {
        return Err("its JSON line is not in canonical form".into());
    }
    Ok(doc)
}

/// A license file's content: the licenses one device serial owns.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LicenseDoc {
    pub serial: String,
    pub licenses: Vec<LicenseEntry>,
    pub issued_at: String,
    pub key_id: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LicenseEntry {
    pub product: String,
    pub key: String,
    pub bought_at: String,
}

impl LicenseDoc {
    /// The document, its licenses in the order of their product names, so that the same
    /// licenses always give the same line.
    pub fn new(
        serial: &str,
        mut licenses: Vec<LicenseEntry>,
        issued_at: &str,
        key_id: i64,
    ) -> LicenseDoc {
        licenses.sort_by(|a, b| a.product.cmp(&b.product));
        LicenseDoc {
            serial: serial.to_string(),
            licenses,
            issued_at: issued_at.to_string(),
            key_id,
        }
    }
}

/// A checkpoint: the ledger had `rows` rows and row `rows` had hash `head_hash` at `time`,
/// signed with the ledger's key `key_id`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CheckpointDoc {
    pub rows: i64,
    pub head_hash: String,
    pub time: String,
    pub key_id: i64,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key() -> SigningKey {
        key_from_seed(&[7u8; 32])
    }

    fn checkpoint() -> CheckpointDoc {
        CheckpointDoc {
            rows: 12,
            head_hash: "ab".repeat(32),
            time: "2026-11-05T10:00:00Z".into(),
            key_id: 1,
        }
    }

    #[test]
    fn a_document_is_its_line_and_the_signature_over_exactly_that_line() {
        let line = canonical(&checkpoint());
        assert_eq!(
            line,
            format!(
                r#"{{"rows":12,"head_hash":"{}","time":"2026-11-05T10:00:00Z","key_id":1}}"#,
                "ab".repeat(32)
            )
        );
        let doc = sign(&key(), &line);
        let (first, rest) = doc.split_once('\n').unwrap();
        assert_eq!(first, line);
        assert!(rest.ends_with('\n') && !rest[..rest.len() - 1].contains('\n'));
        let signed = parse(doc.as_bytes()).unwrap();
        assert_eq!(signed.line, line.as_bytes());
        assert!(check(&key().verifying_key(), &signed));
        // The signature is Ed25519's over the line alone, as any implementation computes it.
        let raw = key().sign(line.as_bytes()).to_bytes();
        assert_eq!(signed.signature, raw);
        assert_eq!(read::<CheckpointDoc>(&signed.line).unwrap(), checkpoint());
    }

    #[test]
    fn any_changed_byte_of_the_line_fails_the_check() {
        let line = canonical(&checkpoint());
        let signed = parse(sign(&key(), &line).as_bytes()).unwrap();
        let public = key().verifying_key();
        for i in 0..signed.line.len() {
            for flip in [1u8, 0x20, 0x80] {
                let mut changed = signed.clone();
                changed.line[i] ^= flip;
                assert!(!check(&public, &changed), "byte {i} ^ {flip:#x}");
            }
        }
        let mut shorter = signed.clone();
        shorter.line.pop();
        assert!(!check(&public, &shorter));
        let mut longer = signed.clone();
        longer.line.push(b' ');
        assert!(!check(&public, &longer));
        let mut bad_signature = signed.clone();
        bad_signature.signature[10] ^= 1;
        assert!(!check(&public, &bad_signature));
        let other = key_from_seed(&[8u8; 32]).verifying_key();
        assert!(!check(&other, &signed));
    }

    #[test]
    fn malformed_documents_are_refused_with_a_reason() {
        let line = canonical(&checkpoint());
        let doc = sign(&key(), &line);
        assert!(parse(doc.trim_end().as_bytes()).is_ok(), "no final newline");
        for bad in [
            String::new(),
            line.clone(),
            format!("{line}\n"),
            format!("{doc}\n"),
            format!("{doc}extra\n"),
            format!("\n{doc}"),
            format!("{line}\nnot base64!\n"),
            format!("{line}\nAAAA\n"),
        ] {
            assert!(parse(bad.as_bytes()).is_err(), "{bad:?}");
        }
        // Valid JSON that is not canonical, or not this kind of document, is not read.
        assert!(read::<CheckpointDoc>(br#"{"rows": 12}"#).is_err());
        assert!(read::<CheckpointDoc>(line.replace(':', ": ").as_bytes()).is_err());
        let license = canonical(&LicenseDoc::new("54-0123-4567", vec![], "t", 1));
        assert!(read::<CheckpointDoc>(license.as_bytes()).is_err());
        assert!(read::<LicenseDoc>(line.as_bytes()).is_err());
    }

    #[test]
    fn license_documents_list_products_in_name_order() {
        let entry = |p: &str| LicenseEntry {
            product: p.into(),
            key: "K".into(),
            bought_at: "t".into(),
        };
        let a = LicenseDoc::new("s", vec![entry("nfc"), entry("gold")], "t", 1);
        let b = LicenseDoc::new("s", vec![entry("gold"), entry("nfc")], "t", 1);
        assert_eq!(canonical(&a), canonical(&b));
        assert_eq!(
            canonical(&a),
            r#"{"serial":"s","licenses":[{"product":"gold","key":"K","bought_at":"t"},{"product":"nfc","key":"K","bought_at":"t"}],"issued_at":"t","key_id":1}"#
        );
    }

    #[test]
    fn keys_round_trip_through_pem_and_hex() {
        let k = key();
        let back = parse_private_pem(private_pem(&k).as_bytes()).unwrap();
        assert_eq!(back.to_bytes(), k.to_bytes());
        let public = k.verifying_key();
        assert_eq!(
            parse_public_pem(public_pem(&public).as_bytes()).unwrap(),
            public
        );
        assert_eq!(public_from_hex(&public_hex(&public)), Some(public));
        assert_eq!(public_from_hex("zz"), None);
        assert_eq!(fingerprint(&public).len(), 64);
        assert!(private_pem(&k).starts_with("-----BEGIN PRIVATE KEY-----\n"));
        assert!(public_pem(&public).starts_with("-----BEGIN PUBLIC KEY-----\n"));
    }

    #[test]
    fn the_wrong_kind_of_key_is_named() {
        let k = key();
        let public = public_pem(&k.verifying_key());
        assert!(
            parse_private_pem(public.as_bytes())
                .unwrap_err()
                .contains("public key")
        );
        assert!(
            parse_public_pem(private_pem(&k).as_bytes())
                .unwrap_err()
                .contains("private key")
        );
        assert!(
            parse_private_pem(b"hello")
                .unwrap_err()
                .contains("not a PEM")
        );
        assert!(
            parse_private_pem(&[0xff, 0xfe])
                .unwrap_err()
                .contains("not a PEM")
        );
        let rsa = "-----BEGIN RSA PRIVATE KEY-----\nAAAA\n-----END RSA PRIVATE KEY-----\n";
        assert!(
            parse_private_pem(rsa.as_bytes())
                .unwrap_err()
                .contains("RSA PRIVATE KEY")
        );
        // A PKCS#8 key of another algorithm (P-256, from openssl).
        let p256 = "-----BEGIN PRIVATE KEY-----
MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgJnzHavRJm95gdbOW
Wkyl/ZHBUoamhvin6o9jL06nFmWhRANCAARMjfrt3JGS97Qs3SdKI2qA5RcNH1jy
VSwQJDjvR7R1cAN+TV9gRTGrmh2fJOIRU61Qs+2HWr3oJ7x4B8qkDzn/
-----END PRIVATE KEY-----
";
        assert!(
            parse_private_pem(p256.as_bytes())
                .unwrap_err()
                .contains("not an Ed25519")
        );
    }
}
