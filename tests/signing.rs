//! Signed license files and checkpoints: keys (made, listed, refused), license files that an
//! independent Ed25519 implementation (openssl) checks, and checkpoints that catch what the hash
//! chain alone cannot: forged rows with valid hashes, a cut tail, a consistent rewrite, an edited
//! checkpoint — and, with a checkpoint kept outside, even a rewrite that re-signed or deleted the
//! stored ones. On the suite's engine.

mod common;

use common::Ledger;
use creditctl::domain::chain::{GENESIS, Row};
use creditctl::domain::signing;
use serde_json::Value;
use std::collections::BTreeMap;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::Command;

const SERIAL: &str = "54-0123-4567";

fn path(p: &Path) -> &str {
    p.to_str().expect("a UTF-8 path")
}

/// A key made for `l` with `key generate`, in the ledger's directory.
fn generate(l: &Ledger, name: &str) -> (PathBuf, Value) {
    let key = l.dir.path().join(name);
    let out = l.json(&["key", "generate", "--out", path(&key)]);
    (key, out)
}

/// `ledger checkpoint` as people run it: the two lines of the document.
fn checkpoint(l: &Ledger, key: &Path) -> String {
    l.ok(&["ledger", "checkpoint", "--key", path(key)])
}

fn adjust(l: &Ledger, amount: &str, reason: &str) {
    l.ok(&[
        "credits", "adjust", "--site", "Office", "--amount", amount, "--reason", reason,
    ]);
}

/// A refusal for people: exit `code` and exactly one line on stderr.
fn refused_on_one_line(l: &Ledger, args: &[&str], code: i32) -> String {
    let out = l.cmd().args(args).output().unwrap();
    assert_eq!(out.status.code(), Some(code), "{args:?}");
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(err.lines().count(), 1, "{args:?}: {err}");
    assert!(err.starts_with("error: "), "{err}");
    err
}

fn openssl() -> Command {
    let present = Command::new("openssl")
        .arg("version")
        .output()
        .is_ok_and(|o| o.status.success());
    assert!(
        present,
        "openssl is needed to check signatures with an independent implementation (apt-get install openssl)"
    );
    Command::new("openssl")
}

/// Whether openssl finds `signature` (raw 64 bytes) to be `public`'s over exactly `message`.
fn openssl_verifies(dir: &Path, public: &Path, message: &[u8], signature: &[u8]) -> bool {
    let (msg, sig) = (dir.join("message.bin"), dir.join("signature.bin"));
    std::fs::write(&msg, message).unwrap();
    std::fs::write(&sig, signature).unwrap();
    openssl()
        .args(["pkeyutl", "-verify", "-rawin", "-pubin", "-inkey"])
        .arg(public)
        .arg("-sigfile")
        .arg(&sig)
        .arg("-in")
        .arg(&msg)
        .output()
        .unwrap()
        .status
        .success()
}

// ---------------------------------------------------------------------------------------------
// Keys

#[test]
fn key_generate_writes_a_0600_private_key_registers_the_public_one_and_lists_it() {
    let l = Ledger::new();
    l.distributor();
    let (key, made) = generate(&l, "signing.pem");
    assert_eq!(made["id"], 1, "{made}");
    let public = l.dir.path().join("signing.pem.pub");
    assert_eq!(made["private_key_file"], path(&key));
    assert_eq!(made["public_key_file"], path(&public));
    let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&key), 0o600);
    assert_eq!(mode(&public) & 0o600, 0o600);
    let pem = std::fs::read_to_string(&key).unwrap();
    assert!(pem.starts_with("-----BEGIN PRIVATE KEY-----\n"), "{pem}");
    // openssl reads the private key, and derives the public key the ledger registered.
    let derived = openssl()
        .args(["pkey", "-pubout", "-in"])
        .arg(&key)
        .output()
        .unwrap();
    assert!(derived.status.success());
    let public_pem = std::fs::read_to_string(&public).unwrap();
    assert_eq!(String::from_utf8(derived.stdout).unwrap(), public_pem);
    assert_eq!(made["public_key_pem"], public_pem.as_str());

    let (_, second) = generate(&l, "second.pem");
    let list = l.json(&["key", "list"]);
    let ids: Vec<i64> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|k| k["id"].as_i64().unwrap())
        .collect();
    assert_eq!(ids, [1, 2]);
    assert_eq!(list[0]["fingerprint"], made["fingerprint"]);
    assert_eq!(list[1]["fingerprint"], second["fingerprint"]);
    assert_eq!(list[0]["public_key_pem"], public_pem.as_str());
    assert_eq!(
        list[0]["created_by"],
        if l.is_postgres() {
            "postgres"
        } else {
            "tester"
        }
    );
    let people = l.ok(&["key", "list"]);
    assert!(people.contains(made["fingerprint"].as_str().unwrap()));

    // The private key is nowhere in the ledger: neither its PEM nor its 32 bytes.
    let secret = signing::parse_private_pem(pem.as_bytes()).unwrap();
    let secret_hex: String = secret
        .to_bytes()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    let body: String = pem.lines().filter(|l| !l.starts_with("-----")).collect();
    let everything = l.snapshot();
    assert!(!everything.contains(&secret_hex) && !everything.contains(&body));
    // The registration is in the chain, and verifies.
    let v = l.verify();
    assert_eq!(v["keys"], 2, "{v}");
    assert_eq!(
        l.number("SELECT count(*) FROM ledger WHERE kind = 'key'"),
        2
    );
}

#[test]
fn key_generate_never_overwrites_a_file_and_writes_nothing_when_refused() {
    let l = Ledger::new();
    l.distributor();
    let key = l.dir.path().join("taken.pem");
    std::fs::write(&key, "precious").unwrap();
    let err = l.fail(&["key", "generate", "--out", path(&key)], 4);
    assert_eq!(err["code"], "file_exists", "{err}");
    assert_eq!(std::fs::read_to_string(&key).unwrap(), "precious");
    assert!(!l.dir.path().join("taken.pem.pub").exists());
    // The public half's name taken: the private key is not written either.
    let other = l.dir.path().join("other.pem");
    std::fs::write(l.dir.path().join("other.pem.pub"), "mine").unwrap();
    let err = l.fail(&["key", "generate", "--out", path(&other)], 4);
    assert_eq!(err["code"], "file_exists", "{err}");
    assert!(!other.exists());
    // Into a directory that does not exist: an I/O failure, nothing left behind.
    let nowhere = l.dir.path().join("no-such-dir").join("k.pem");
    let err = l.fail(&["key", "generate", "--out", path(&nowhere)], 1);
    assert_eq!(err["code"], "io", "{err}");
    assert_eq!(l.json(&["key", "list"]), serde_json::json!([]));
}

#[test]
fn key_generate_on_a_missing_ledger_creates_no_ledger_and_no_key() {
    // A missing ledger is a file's notion (a writing command on an empty PostgreSQL database
    // makes the schema).
    let l = Ledger::sqlite();
    let key = l.dir.path().join("k.pem");
    let out = l
        .cmd()
        .args(["key", "generate", "--out", path(&key)])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3));
    assert!(!key.exists() && !l.exists());
}

#[test]
fn signing_commands_refuse_bad_keys_on_one_line_and_write_nothing() {
    let l = Ledger::new();
    l.distributor();
    l.site("Office", "device");
    l.ok(&[
        "license",
        "buy",
        "--serial",
        SERIAL,
        "--license",
        "nfc",
        "--distributor",
        "Acme",
        "--payment",
        "card",
        "--yes",
    ]);
    let (good, _) = generate(&l, "good.pem");
    let d = l.dir.path();
    let missing = d.join("missing.pem");
    let directory = d.join("a-directory");
    std::fs::create_dir(&directory).unwrap();
    let text = d.join("notes.txt");
    std::fs::write(&text, "not a key\n").unwrap();
    let public = d.join("good.pem.pub");
    let rsa = d.join("rsa.pem");
    let made = openssl()
        .args([
            "genpkey",
            "-algorithm",
            "RSA",
            "-pkeyopt",
            "rsa_keygen_bits:1024",
            "-out",
        ])
        .arg(&rsa)
        .output()
        .unwrap();
    assert!(made.status.success());
    let ec = d.join("ec.pem");
    let made = openssl()
        .args([
            "genpkey",
            "-algorithm",
            "EC",
            "-pkeyopt",
            "ec_paramgen_curve:P-256",
            "-out",
        ])
        .arg(&ec)
        .output()
        .unwrap();
    assert!(made.status.success());
    let huge = d.join("huge.pem");
    std::fs::write(&huge, "x".repeat(100_000)).unwrap();
    // A path through a file: the key cannot be read at all (an I/O failure, exit 1).
    let through_file = text.join("key.pem");
    // Another ledger's key: a valid key, not registered here.
    let other = Ledger::sqlite();
    other.distributor();
    let (foreign, _) = generate(&other, "foreign.pem");

    let cases: Vec<(&Path, i32, &str)> = vec![
        (&missing, 2, "bad_key"),
        (&directory, 2, "bad_key"),
        (&text, 2, "bad_key"),
        (&public, 2, "bad_key"),
        (&rsa, 2, "bad_key"),
        (&ec, 2, "bad_key"),
        (&huge, 2, "bad_key"),
        (&through_file, 1, "key_unreadable"),
        (&foreign, 4, "key_not_registered"),
    ];
    let commands: [&[&str]; 3] = [
        &["ledger", "checkpoint"],
        &["license", "file", "--serial", SERIAL],
        &["deduct", "run"],
    ];
    for (key, exit, code) in &cases {
        for command in commands {
            let mut args = command.to_vec();
            args.extend(["--key", path(key)]);
            let err = l.fail(&args, *exit);
            assert_eq!(err["code"], *code, "{args:?}: {err}");
            let message = refused_on_one_line(&l, &args, *exit);
            assert!(
                message.contains(path(key)) || *code == "key_not_registered",
                "{message}"
            );
            if *code == "key_not_registered" {
                assert!(
                    message.contains("this key is not registered in the ledger")
                        && message.contains("creditctl key list"),
                    "{message}"
                );
            }
            // The key's content is never echoed.
            assert!(!message.contains("MII"), "{message}");
        }
    }
    // A key file nobody but its owner may read: exit 1 (root reads anything, so only as a user).
    if unsafe { libc::geteuid() } != 0 {
        let locked = d.join("locked.pem");
        std::fs::copy(&good, &locked).unwrap();
        std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).unwrap();
        let err = l.fail(&["ledger", "checkpoint", "--key", path(&locked)], 1);
        assert_eq!(err["code"], "key_unreadable", "{err}");
    }
    assert_eq!(l.number("SELECT count(*) FROM checkpoint"), 0);
}

#[test]
fn a_signing_command_without_a_key_says_how_to_give_one() {
    let l = Ledger::new();
    l.distributor();
    for args in [
        &["ledger", "checkpoint"][..],
        &["license", "file", "--serial", SERIAL],
    ] {
        let err = l.fail(args, 2);
        assert_eq!(err["code"], "key_required", "{err}");
        let msg = err["message"].as_str().unwrap();
        assert!(
            msg.contains("--key FILE") && msg.contains("$CREDITCTL_KEY"),
            "{msg}"
        );
    }
    // Without a key, the deduction simply signs nothing.
    let ran = l.json(&["deduct", "run"]);
    assert_eq!(ran["checkpoint"], Value::Null);
}

#[test]
fn the_key_comes_from_the_environment_unless_the_command_names_one() {
    let l = Ledger::new();
    l.distributor();
    let (key, _) = generate(&l, "k.pem");
    let out = l
        .cmd()
        .env("CREDITCTL_KEY", &key)
        .args(["ledger", "checkpoint", "--json"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // --key wins over a variable naming a file that is not a key.
    let out = l
        .cmd()
        .env("CREDITCTL_KEY", l.dir.path().join("nothing-here"))
        .args(["ledger", "checkpoint", "--key", path(&key)])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(l.verify()["checkpoints"], 2);
}

#[test]
fn key_and_checkpoint_rows_cannot_be_changed_or_deleted_through_sql() {
    let l = Ledger::new();
    l.distributor();
    let (key, _) = generate(&l, "k.pem");
    checkpoint(&l, &key);
    let mut statements = vec![
        "UPDATE signing_key SET created_by = 'mallory'",
        "DELETE FROM signing_key",
        "UPDATE checkpoint SET ledger_rows = 1",
        "DELETE FROM checkpoint",
    ];
    if l.is_postgres() {
        statements.extend(["TRUNCATE checkpoint", "TRUNCATE signing_key CASCADE"]);
    }
    for statement in statements {
        assert!(!l.try_sql(statement), "{statement}");
    }
    assert_eq!(l.verify()["checkpoints"], 1);
}

// ---------------------------------------------------------------------------------------------
// License files

/// A ledger where device SERIAL owns two licenses, and its key.
fn licensed() -> (Ledger, PathBuf, PathBuf) {
    let l = Ledger::new();
    l.distributor();
    l.licenses(SERIAL, "Acme", &["nfc", "enhanced-video"]);
    let (key, _) = generate(&l, "k.pem");
    let public = l.dir.path().join("k.pem.pub");
    (l, key, public)
}

/// The JSON line and the raw signature of a two-line document.
fn split(doc: &[u8]) -> (Vec<u8>, [u8; 64]) {
    let text = std::str::from_utf8(doc).unwrap();
    let (line, signature) = text.split_once('\n').unwrap();
    let signature = signature.strip_suffix('\n').unwrap();
    (
        line.as_bytes().to_vec(),
        signing::decode_signature(signature.as_bytes()).unwrap(),
    )
}

#[test]
fn a_license_file_is_two_small_lines_that_openssl_and_creditctl_verify() {
    let (l, key, public) = licensed();
    let file = l.dir.path().join("54-0123-4567.lic");
    let shown = l.ok(&[
        "license",
        "file",
        "--serial",
        SERIAL,
        "--key",
        path(&key),
        "--out",
        path(&file),
    ]);
    assert!(shown.contains(path(&file)), "{shown}");
    let doc = std::fs::read(&file).unwrap();
    assert!(doc.len() < 1024, "{} bytes", doc.len());
    assert_eq!(doc.iter().filter(|b| **b == b'\n').count(), 2);
    // Without --out, the same document on stdout.
    let stdout = l.ok(&["license", "file", "--serial", SERIAL, "--key", path(&key)]);
    assert_eq!(stdout.as_bytes(), doc.as_slice());

    let (line, signature) = split(&doc);
    let content: Value = serde_json::from_slice(&line).unwrap();
    let products: Vec<&str> = content["licenses"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["product"].as_str().unwrap())
        .collect();
    assert_eq!(products, ["enhanced-video", "nfc"]);
    assert_eq!(content["serial"], SERIAL);
    assert_eq!(content["key_id"], 1);
    assert_eq!(content["issued_at"], common::NOW);
    let keys = l.json(&["license", "list", "--serial", SERIAL]);
    let nfc = keys
        .as_array()
        .unwrap()
        .iter()
        .find(|k| k["product"] == "nfc")
        .unwrap();
    assert_eq!(content["licenses"][1]["key"], nfc["license_key"]);
    assert_eq!(content["licenses"][1]["bought_at"], nfc["created_at"]);
    let text = String::from_utf8(line.clone()).unwrap();
    assert!(
        text.starts_with(&format!(
            r#"{{"serial":"{SERIAL}","licenses":[{{"product":"enhanced-video","key":""#
        )) && text.ends_with(&format!(
            r#"}}],"issued_at":"{}","key_id":1}}"#,
            common::NOW
        )) && !text.contains(' '),
        "fixed field order, no spaces: {text}"
    );

    // An independent implementation agrees.
    assert!(openssl_verifies(l.dir.path(), &public, &line, &signature));
    let checked = l.json(&[
        "license",
        "verify",
        path(&file),
        "--public-key",
        path(&public),
    ]);
    assert_eq!(checked["valid"], true);
    assert_eq!(checked["license"], content);
    assert!(
        l.ok(&[
            "license",
            "verify",
            path(&file),
            "--public-key",
            path(&public)
        ])
        .contains("valid")
    );

    // With --json: the content, the signature and the exact bytes of the file.
    let issued = l.json(&["license", "file", "--serial", SERIAL, "--key", path(&key)]);
    assert_eq!(
        issued["document"].as_str().unwrap().as_bytes(),
        doc.as_slice()
    );
    assert_eq!(issued["license"], content);
    assert_eq!(issued["out"], Value::Null);
    // Issuing a file writes nothing to the ledger.
    let before = l.snapshot();
    l.ok(&["license", "file", "--serial", SERIAL, "--key", path(&key)]);
    assert_eq!(before, l.snapshot());
}

#[test]
fn every_changed_byte_of_the_json_line_fails_both_verifiers() {
    let (l, key, public) = licensed();
    let doc = l
        .ok(&["license", "file", "--serial", SERIAL, "--key", path(&key)])
        .into_bytes();
    let (line, signature) = split(&doc);
    let changed_file = l.dir.path().join("changed.lic");
    for i in 0..line.len() {
        let mut changed = doc.clone();
        changed[i] ^= 0x01;
        assert_ne!(changed[i], b'\n');
        std::fs::write(&changed_file, &changed).unwrap();
        let out = l
            .cmd()
            .args([
                "license",
                "verify",
                path(&changed_file),
                "--public-key",
                path(&public),
            ])
            .arg("--json")
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(4), "byte {i}");
        let err: Value = serde_json::from_slice(&out.stderr).unwrap();
        assert_eq!(err["error"]["code"], "bad_signature", "byte {i}");
        assert!(
            !openssl_verifies(l.dir.path(), &public, &changed[..line.len()], &signature),
            "openssl accepted byte {i} changed"
        );
    }
    // And the unchanged file passes both.
    assert!(openssl_verifies(l.dir.path(), &public, &line, &signature));
    std::fs::write(&changed_file, &doc).unwrap();
    l.ok(&[
        "license",
        "verify",
        path(&changed_file),
        "--public-key",
        path(&public),
    ]);
}

#[test]
fn license_verify_needs_no_ledger_and_refuses_what_is_not_a_valid_file() {
    let (l, key, public) = licensed();
    let file = l.dir.path().join("good.lic");
    l.ok(&[
        "license",
        "file",
        "--serial",
        SERIAL,
        "--key",
        path(&key),
        "--out",
        path(&file),
    ]);
    let doc = std::fs::read_to_string(&file).unwrap();
    // No ledger at all: the variable names a file that does not exist.
    let out = l
        .cmd()
        .env("CREDITCTL_DB", l.dir.path().join("no-ledger.db"))
        .args([
            "license",
            "verify",
            path(&file),
            "--public-key",
            path(&public),
        ])
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(!l.dir.path().join("no-ledger.db").exists());

    let write = |name: &str, content: &str| {
        let p = l.dir.path().join(name);
        std::fs::write(&p, content).unwrap();
        p
    };
    let (line, sig) = doc.trim_end().split_once('\n').unwrap();
    for (name, content) in [
        ("one-line.lic", line.to_string()),
        ("three-lines.lic", format!("{doc}extra\n")),
        ("not-base64.lic", format!("{line}\n!!{}\n", &sig[2..])),
        ("short-signature.lic", format!("{line}\nAAAA\n")),
        ("empty.lic", String::new()),
    ] {
        let p = write(name, &content);
        let err = l.fail(
            &["license", "verify", path(&p), "--public-key", path(&public)],
            2,
        );
        assert_eq!(err["code"], "malformed_document", "{name}: {err}");
    }
    // Another key: a bad signature.
    let other = Ledger::sqlite();
    other.distributor();
    generate(&other, "other.pem");
    let other_public = other.dir.path().join("other.pem.pub");
    let err = l.fail(
        &[
            "license",
            "verify",
            path(&file),
            "--public-key",
            path(&other_public),
        ],
        4,
    );
    assert_eq!(err["code"], "bad_signature");
    // A private key where the public one goes, a missing file.
    let err = l.fail(
        &["license", "verify", path(&file), "--public-key", path(&key)],
        2,
    );
    assert_eq!(err["code"], "bad_key");
    let err = l.fail(
        &[
            "license",
            "verify",
            "missing.lic",
            "--public-key",
            path(&public),
        ],
        3,
    );
    assert_eq!(err["code"], "not_found");
}

#[test]
fn license_file_refusals_write_nothing() {
    let (l, key, _) = licensed();
    let err = l.fail(
        &[
            "license",
            "file",
            "--serial",
            "54-9999-0000",
            "--key",
            path(&key),
        ],
        3,
    );
    assert!(
        err["message"].as_str().unwrap().contains("owns no license"),
        "{err}"
    );
    let err = l.fail(
        &["license", "file", "--serial", "54-01", "--key", path(&key)],
        2,
    );
    assert_eq!(err["code"], "invalid_serial");
    let taken = l.dir.path().join("k.pem");
    let before = std::fs::read(&taken).unwrap();
    let err = l.fail(
        &[
            "license",
            "file",
            "--serial",
            SERIAL,
            "--key",
            path(&key),
            "--out",
            path(&taken),
        ],
        4,
    );
    assert_eq!(err["code"], "file_exists");
    assert_eq!(
        std::fs::read(&taken).unwrap(),
        before,
        "the key is not overwritten"
    );
}

// ---------------------------------------------------------------------------------------------
// Checkpoints

#[test]
fn checkpoints_anchor_the_chain_and_verify_counts_the_rows_after_them() {
    let l = Ledger::new();
    l.site("Office", "device");
    let v = l.verify();
    assert_eq!(
        (v["checkpoints"].as_i64(), v["unanchored"].clone()),
        (Some(0), v["rows"].clone())
    );
    let (key, _) = generate(&l, "k.pem");
    adjust(&l, "10", "opening");
    let made = l.json(&["ledger", "checkpoint", "--key", path(&key)]);
    let v = l.verify();
    assert_eq!(made["id"], 1);
    assert_eq!(made["rows"], v["rows"]);
    assert_eq!(made["head_hash"], v["head"]);
    assert_eq!(made["time"], common::NOW);
    assert_eq!(made["key_id"], 1);
    assert_eq!(v["checkpoints"], 1);
    assert_eq!(v["anchored_rows"], v["rows"]);
    assert_eq!(v["unanchored"], 0);
    // The document printed is the two lines, signed over exactly the JSON line.
    let doc = made["document"].as_str().unwrap();
    let (line, signature) = split(doc.as_bytes());
    assert_eq!(
        String::from_utf8(line.clone()).unwrap(),
        format!(
            r#"{{"rows":{},"head_hash":"{}","time":"{}","key_id":1}}"#,
            made["rows"],
            made["head_hash"].as_str().unwrap(),
            common::NOW
        )
    );
    assert!(openssl_verifies(
        l.dir.path(),
        &l.dir.path().join("k.pem.pub"),
        &line,
        &signature
    ));
    adjust(&l, "1", "later");
    adjust(&l, "2", "later still");
    let v = l.verify();
    assert_eq!(v["unanchored"], 2, "{v}");
    assert!(l.ok(&["ledger", "verify"]).contains("Unanchored rows"));
    // As people run it: only the document, to append to a log kept elsewhere.
    let printed = checkpoint(&l, &key);
    assert_eq!(printed.lines().count(), 2);
    let v = l.verify();
    assert_eq!(
        (v["checkpoints"].as_i64(), v["unanchored"].as_i64()),
        (Some(2), Some(0))
    );
}

#[test]
fn deduct_run_with_a_key_writes_a_checkpoint_at_its_end() {
    let mut l = Ledger::new();
    l.site("Office", "device");
    l.ok(&["device", "add", "--site", "Office", "--serial", SERIAL]);
    adjust(&l, "5", "opening");
    let (key, _) = generate(&l, "k.pem");
    // A dry run signs nothing.
    let dry = l.json(&["deduct", "run", "--dry-run", "--key", path(&key)]);
    assert_eq!(dry["checkpoint"], Value::Null);
    assert_eq!(l.number("SELECT count(*) FROM checkpoint"), 0);
    // In December a unit is due. Another ledger's key: refused before anything is charged.
    l.now = "2026-12-01T00:05:00Z".to_string();
    let other = Ledger::sqlite();
    other.distributor();
    let (foreign, _) = generate(&other, "foreign.pem");
    let err = l.fail(&["deduct", "run", "--key", path(&foreign)], 4);
    assert_eq!(err["code"], "key_not_registered");
    let out = l
        .cmd()
        .env("CREDITCTL_KEY", &key)
        .args(["deduct", "run", "--json"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let ran: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(ran["units_charged"], 1, "{ran}");
    let v = l.verify();
    assert_eq!(
        ran["checkpoint"]["rows"], v["rows"],
        "the checkpoint follows the charge"
    );
    assert_eq!(ran["checkpoint"]["time"], "2026-12-01T00:05:00Z");
    assert_eq!(
        (v["checkpoints"].as_i64(), v["unanchored"].as_i64()),
        (Some(1), Some(0))
    );
}

#[test]
fn ledger_copy_carries_keys_and_checkpoints() {
    let l = Ledger::new();
    l.site("Office", "device");
    let (key, _) = generate(&l, "k.pem");
    adjust(&l, "3", "opening");
    checkpoint(&l, &key);
    let target = tempfile::tempdir().unwrap();
    let copy = target.path().join("copy.db");
    l.ok(&["ledger", "copy", "--to", path(&copy)]);
    let v = l.verify();
    let out = l
        .cmd()
        .args(["--db", path(&copy), "ledger", "verify", "--json"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let copied: Value = serde_json::from_slice(&out.stdout).unwrap();
    for field in ["rows", "head", "keys", "checkpoints", "unanchored"] {
        assert_eq!(copied[field], v[field], "{field}");
    }
    assert_eq!(copied["checkpoints"], 1);
}

// ---------------------------------------------------------------------------------------------
// Tampers that only checkpoints catch

/// A ledger of balance rows only (so that a tamper can renumber the chain without leaving a
/// charge or a payment behind): a site, its key, five adjustments, a checkpoint over them, two
/// more adjustments after it. Returns the ledger, the key, and the checkpoint's document.
fn anchored() -> (Ledger, PathBuf, String) {
    let l = Ledger::new();
    l.site("Office", "device");
    let (key, _) = generate(&l, "k.pem");
    for (amount, reason) in [("10", "a"), ("5", "b"), ("-3", "c"), ("7", "d"), ("2", "e")] {
        adjust(&l, amount, reason);
    }
    let doc = checkpoint(&l, &key);
    adjust(&l, "4", "f");
    adjust(&l, "1", "g");
    let v = l.verify();
    assert_eq!(v["unanchored"], 2);
    (l, key, doc)
}

/// The chain as stored.
fn chain(l: &Ledger) -> Vec<Row> {
    let text = |v: &Value| v.as_str().unwrap().to_string();
    l.rows(
        "SELECT id, site_id, pool, amount, balance_after, kind, reason, reference, actor, created_at, payload, prev_hash FROM ledger ORDER BY id",
    )
    .iter()
    .map(|r| Row {
        id: r[0].as_i64().unwrap(),
        site_id: r[1].as_i64(),
        pool: r[2].as_str().map(str::to_string),
        amount: r[3].as_i64().unwrap(),
        balance_after: r[4].as_i64(),
        kind: text(&r[5]),
        reason: text(&r[6]),
        reference: text(&r[7]),
        actor: text(&r[8]),
        created_at: text(&r[9]),
        payload: text(&r[10]),
        prev_hash: text(&r[11]),
    })
    .collect()
}

/// Replaces the chain with `rows`, as someone with write access and the care to be consistent
/// would: numbered from 1, every running balance and site balance made to agree, every hash
/// recomputed. Returns the new hashes by row id.
fn rewrite(l: &Ledger, mut rows: Vec<Row>) -> BTreeMap<i64, String> {
    let lit = |s: &str| format!("'{}'", s.replace('\'', "''"));
    let opt = |v: Option<i64>| v.map_or("NULL".to_string(), |v| v.to_string());
    let mut sums: BTreeMap<(i64, String), i64> = BTreeMap::new();
    let mut hashes = BTreeMap::new();
    let mut prev = GENESIS.to_string();
    let mut sql = String::from("DELETE FROM ledger;\n");
    for (i, r) in rows.iter_mut().enumerate() {
        r.id = i as i64 + 1;
        if let (Some(site), Some(pool)) = (r.site_id, &r.pool) {
            let sum = sums.entry((site, pool.clone())).or_insert(0);
            *sum += r.amount;
            r.balance_after = Some(*sum);
        }
        r.prev_hash = prev.clone();
        let hash = r.hash();
        sql.push_str(&format!(
            "INSERT INTO ledger (id, site_id, pool, amount, balance_after, kind, reason, reference, actor, created_at, payload, prev_hash, hash) VALUES ({}, {}, {}, {}, {}, {}, {}, {}, {}, {}, {}, {}, {});\n",
            r.id,
            opt(r.site_id),
            r.pool.as_deref().map_or("NULL".to_string(), lit),
            r.amount,
            opt(r.balance_after),
            lit(&r.kind),
            lit(&r.reason),
            lit(&r.reference),
            lit(&r.actor),
            lit(&r.created_at),
            lit(&r.payload),
            lit(&r.prev_hash),
            lit(&hash)
        ));
        hashes.insert(r.id, hash.clone());
        prev = hash;
    }
    for ((site, pool), sum) in sums {
        sql.push_str(&format!(
            "UPDATE site SET {pool}_balance = {sum} WHERE id = {site};\n"
        ));
    }
    l.sql_unguarded(&sql);
    hashes
}

/// The chain with one adjustment's amount raised: rewritten from that row on.
fn raised(l: &Ledger) -> BTreeMap<i64, String> {
    let mut rows = chain(l);
    let first = rows.iter().position(|r| r.kind == "adjustment").unwrap();
    rows[first].amount = 1000;
    rewrite(l, rows)
}

fn altered(l: &Ledger, args: &[&str]) -> String {
    let err = l.fail(args, 1);
    assert_eq!(err["code"], "ledger_altered", "{err}");
    err["message"].as_str().unwrap().to_string()
}

#[test]
fn a_rewrite_that_only_the_chain_sees_as_consistent_still_verifies_without_checkpoints() {
    // The limit this issue closes: without a checkpoint, a consistent rewrite passes.
    let l = Ledger::new();
    l.site("Office", "device");
    adjust(&l, "10", "a");
    adjust(&l, "5", "b");
    raised(&l);
    assert_eq!(l.verify()["ok"], true);
}

#[test]
fn forged_rows_inserted_with_valid_hashes_before_a_checkpoint_are_caught() {
    let (l, _, _) = anchored();
    let mut rows = chain(&l);
    let at = rows.iter().position(|r| r.kind == "adjustment").unwrap() + 1;
    let mut forged = rows[at].clone();
    forged.amount = 500;
    forged.reason = "forged".into();
    rows.insert(at, forged);
    rewrite(&l, rows);
    let msg = altered(&l, &["ledger", "verify"]);
    assert!(
        msg.contains("checkpoint 1") && msg.contains("rewritten"),
        "{msg}"
    );
}

#[test]
fn a_truncated_tail_is_caught() {
    let (l, _, _) = anchored();
    let anchored_rows = l.number("SELECT ledger_rows FROM checkpoint WHERE id = 1");
    let mut rows = chain(&l);
    // Cut the last two rows the checkpoint covers and the two after it; fix the balances.
    rows.truncate(anchored_rows as usize - 2);
    rewrite(&l, rows);
    let msg = altered(&l, &["ledger", "verify"]);
    assert!(
        msg.contains("checkpoint 1") && msg.contains("rows were removed from its end"),
        "{msg}"
    );
}

#[test]
fn a_consistent_rewrite_of_the_whole_chain_is_caught() {
    let (l, _, _) = anchored();
    raised(&l);
    let msg = altered(&l, &["ledger", "verify"]);
    assert!(
        msg.contains("checkpoint 1") && msg.contains("rewritten"),
        "{msg}"
    );
}

#[test]
fn an_edited_checkpoint_is_caught() {
    let (l, _, _) = anchored();
    // Moved back a row, with that row's true hash: consistent with the chain, not with its
    // signature.
    l.sql_unguarded(
        "UPDATE checkpoint SET ledger_rows = ledger_rows - 1, head_hash = (SELECT hash FROM ledger WHERE id = (SELECT ledger_rows - 1 FROM checkpoint WHERE id = 1)) WHERE id = 1",
    );
    let msg = altered(&l, &["ledger", "verify"]);
    assert!(
        msg.contains("checkpoint 1: its signature does not match"),
        "{msg}"
    );
}

#[test]
fn a_replaced_key_is_caught_by_the_chain() {
    let (l, _, _) = anchored();
    let other = signing::key_from_seed(&[9u8; 32]).verifying_key();
    l.sql_unguarded(&format!(
        "UPDATE signing_key SET public_key = '{}', fingerprint = '{}' WHERE id = 1",
        signing::public_hex(&other),
        signing::fingerprint(&other)
    ));
    let msg = altered(&l, &["ledger", "verify"]);
    assert!(msg.contains("signing key 1"), "{msg}");
}

#[test]
fn a_checkpoint_kept_outside_catches_a_rewrite_that_deleted_the_stored_ones() {
    let (l, _, doc) = anchored();
    let kept = l.dir.path().join("anchors.log");
    std::fs::write(&kept, &doc).unwrap();
    let ok = l.json(&["ledger", "verify", "--checkpoint", path(&kept)]);
    assert_eq!(ok["external_checkpoints"], 1);
    raised(&l);
    l.sql_unguarded("DELETE FROM checkpoint");
    // The ledger alone now looks whole, with nothing anchored ...
    let v = l.verify();
    assert_eq!(
        (v["checkpoints"].as_i64(), v["unanchored"].clone()),
        (Some(0), v["rows"].clone())
    );
    // ... but not against the copy kept elsewhere.
    let msg = altered(&l, &["ledger", "verify", "--checkpoint", path(&kept)]);
    assert!(
        msg.contains("anchors.log") && msg.contains("rewritten"),
        "{msg}"
    );
}

#[test]
fn a_rewrite_by_someone_holding_the_key_passes_the_stored_checkpoints_but_not_one_kept_outside() {
    let (l, key, doc) = anchored();
    let kept = l.dir.path().join("anchors.log");
    std::fs::write(&kept, &doc).unwrap();
    let hashes = raised(&l);
    // The key holder re-signs every stored checkpoint over the rewritten chain.
    let secret = signing::parse_private_pem(&std::fs::read(&key).unwrap()).unwrap();
    for c in l.rows("SELECT id, ledger_rows, signed_at, key_id FROM checkpoint ORDER BY id") {
        let rows = c[1].as_i64().unwrap();
        let doc = signing::CheckpointDoc {
            rows,
            head_hash: hashes[&rows].clone(),
            time: c[2].as_str().unwrap().to_string(),
            key_id: c[3].as_i64().unwrap(),
        };
        let signature = signing::signature(&secret, &signing::canonical(&doc));
        l.sql_unguarded(&format!(
            "UPDATE checkpoint SET head_hash = '{}', signature = '{}' WHERE id = {}",
            doc.head_hash,
            signature,
            c[0].as_i64().unwrap()
        ));
    }
    // The case left, as the README says: the stored checkpoints cannot tell.
    let v = l.verify();
    assert_eq!(
        (v["checkpoints"].as_i64(), v["unanchored"].as_i64()),
        (Some(1), Some(2))
    );
    // The checkpoint kept elsewhere before the rewrite still can.
    let msg = altered(&l, &["ledger", "verify", "--checkpoint", path(&kept)]);
    assert!(msg.contains("anchors.log"), "{msg}");
}

#[test]
fn a_checkpoint_file_may_be_newer_than_the_ledger_holds_and_is_checked_whole() {
    let (l, key, first) = anchored();
    let second = checkpoint(&l, &key);
    let kept = l.dir.path().join("anchors.log");
    // A log of checkpoints, as `>> anchors.log` leaves it.
    std::fs::write(&kept, format!("{first}{second}")).unwrap();
    // Kept on another host: the stored ones are gone, the file still anchors every row.
    l.sql_unguarded("DELETE FROM checkpoint");
    let v = l.json(&["ledger", "verify", "--checkpoint", path(&kept)]);
    assert_eq!(v["checkpoints"], 0);
    assert_eq!(v["external_checkpoints"], 2);
    assert_eq!(v["unanchored"], 0, "{v}");
    // A changed byte in the file: its signature fails, and the file is named.
    let tampered = l.dir.path().join("tampered.log");
    std::fs::write(&tampered, second.replacen("\"rows\":", "\"rows\":1", 1)).unwrap();
    let msg = altered(&l, &["ledger", "verify", "--checkpoint", path(&tampered)]);
    assert!(
        msg.contains("tampered.log") && msg.contains("signature"),
        "{msg}"
    );
    // What is not a checkpoint file at all is bad input; a missing one is not found.
    let junk = l.dir.path().join("junk.log");
    std::fs::write(&junk, "hello\n").unwrap();
    let err = l.fail(&["ledger", "verify", "--checkpoint", path(&junk)], 2);
    assert_eq!(err["code"], "malformed_document", "{err}");
    let err = l.fail(&["ledger", "verify", "--checkpoint", "missing.log"], 3);
    assert_eq!(err["code"], "not_found");
    // A license file is signed by the same key but is not a checkpoint.
    let (lic_l, lic_key, _) = licensed();
    let lic = lic_l.ok(&[
        "license",
        "file",
        "--serial",
        SERIAL,
        "--key",
        path(&lic_key),
    ]);
    let lic_file = lic_l.dir.path().join("x.lic");
    std::fs::write(&lic_file, lic).unwrap();
    let err = lic_l.fail(&["ledger", "verify", "--checkpoint", path(&lic_file)], 2);
    assert_eq!(err["code"], "malformed_document", "{err}");
}

#[test]
fn a_ledger_of_schema_2_is_upgraded_to_hold_keys_and_checkpoints() {
    let l = Ledger::new();
    l.site("Office", "device");
    adjust(&l, "3", "opening");
    // Back to what schema 2 was: no member, key or checkpoint tables, no purchase references,
    // version 2.
    let later = "DROP TABLE checkpoint; DROP TABLE signing_key; DROP TABLE member_site;
                 DROP TABLE member; DROP TABLE redeem_attempt;
                 ALTER TABLE distributor DROP COLUMN deactivated_at;
                 ALTER TABLE distributor DROP COLUMN deactivated_by;
                 DROP INDEX payment_reference; ALTER TABLE payment DROP COLUMN reference;";
    // And what schema 6 changed: the charge period back to text, no tallies (and on PostgreSQL
    // schema 8's guard of a unit's added_at).
    if l.is_postgres() {
        l.sql(&format!(
            "{later} DROP TRIGGER unit_untallies ON unit; DROP FUNCTION creditctl_untally();
             DROP TRIGGER unit_return ON unit; DROP FUNCTION creditctl_unit_return();
             ALTER TABLE site DROP COLUMN tally_period, DROP COLUMN tally_units, DROP COLUMN tally_paid;
             ALTER TABLE charge DROP CONSTRAINT charge_period_check;
             ALTER TABLE charge ALTER COLUMN period TYPE TEXT COLLATE \"C\" USING period::text;
             UPDATE creditctl_meta SET value = '2' WHERE key = 'schema_version'"
        ));
    } else {
        l.sql(&format!(
            "{later} DROP TRIGGER unit_added_untallies; DROP TRIGGER unit_changed_untallies;
             DROP TRIGGER unit_deleted_untallies;
             ALTER TABLE site DROP COLUMN tally_paid; ALTER TABLE site DROP COLUMN tally_units;
             ALTER TABLE site DROP COLUMN tally_period;
             DROP TABLE charge;
             CREATE TABLE charge (period TEXT NOT NULL, unit_id INTEGER NOT NULL REFERENCES unit(id),
                 ledger_id INTEGER NOT NULL REFERENCES ledger(id), PRIMARY KEY (period, unit_id)) STRICT, WITHOUT ROWID;
             CREATE INDEX charge_by_ledger ON charge(ledger_id, unit_id);
             PRAGMA user_version = 2"
        ));
    }
    let before = l.verify();
    assert_eq!(before["keys"], 0);
    let (key, _) = generate(&l, "k.pem");
    checkpoint(&l, &key);
    let v = l.verify();
    assert_eq!(
        (v["keys"].as_i64(), v["checkpoints"].as_i64()),
        (Some(1), Some(1))
    );
    assert_eq!(v["rows"], before["rows"].as_i64().unwrap() + 1);
}

/// A redemption's row, rewritten with valid hashes to add more than its voucher holds (a site
/// administrator may append rows of its sites' redemptions): the voucher says what it adds.
#[test]
fn a_redemption_row_adding_more_than_its_voucher_holds_is_caught() {
    let l = Ledger::new();
    l.distributor();
    l.site("Office", "device");
    let code = l.voucher(&["--years", "1", "--subscriptions", "1"]);
    l.ok(&["voucher", "redeem", &code, "--site", "Office", "--yes"]);
    let mut rows = chain(&l);
    let at = rows.iter().position(|r| r.kind == "voucher").unwrap();
    rows[at].amount = 1000;
    rewrite(&l, rows);
    let msg = altered(&l, &["ledger", "verify"]);
    assert!(
        msg.contains("its redemption row adds 1000 video credits, not what the voucher holds"),
        "{msg}"
    );
}

/// An event row (an order) rewritten with valid hashes to move a pool: credits that no
/// purchase paid for.
#[test]
fn an_event_row_made_to_move_a_pool_is_caught() {
    let l = Ledger::new();
    l.distributor();
    let office = l.site("Office", "device");
    l.voucher(&["--years", "1", "--subscriptions", "1"]);
    let mut rows = chain(&l);
    let at = rows.iter().position(|r| r.kind == "order").unwrap();
    rows[at].site_id = Some(office);
    rows[at].pool = Some("video".into());
    rows[at].amount = 1000;
    rewrite(&l, rows);
    let msg = altered(&l, &["ledger", "verify"]);
    assert!(
        msg.contains("a 'order' row records an event, but this one moves a pool"),
        "{msg}"
    );
}

/// A purchase's row, rewritten with valid hashes to add more credits than its payment paid for
/// (a site administrator may append purchase rows and payments of its own sites).
#[test]
fn a_purchase_row_adding_more_than_its_payment_paid_for_is_caught() {
    let l = Ledger::new();
    l.site("Office", "device");
    l.ok(&[
        "credits",
        "buy",
        "--site",
        "Office",
        "--credits",
        "12",
        "--payment",
        "card",
        "--yes",
    ]);
    let mut rows = chain(&l);
    let at = rows.iter().position(|r| r.kind == "purchase").unwrap();
    rows[at].amount = 1000;
    rewrite(&l, rows);
    let msg = altered(&l, &["ledger", "verify"]);
    assert!(
        msg.contains("it adds 1000 video credits, worth") && msg.contains("but its payment 1 is"),
        "{msg}"
    );
}
