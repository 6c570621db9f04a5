//! Test harness: runs the real binary on a temporary ledger with a cleared, pinned environment.
#![allow(dead_code)]

use assert_cmd::Command;
use serde_json::Value;
use std::path::PathBuf;
use tempfile::TempDir;

/// The pinned clock of every test unless a test says otherwise.
pub const NOW: &str = "2026-11-05T10:00:00Z";

pub struct Ledger {
    pub dir: TempDir,
    pub db: PathBuf,
    pub now: String,
}

impl Ledger {
    pub fn new() -> Ledger {
        let dir = tempfile::tempdir().expect("temp dir");
        let db = dir.path().join("ledger.db");
        Ledger {
            dir,
            db,
            now: NOW.to_string(),
        }
    }

    /// The binary with a cleared environment: only the ledger, the clock and the actor.
    pub fn cmd(&self) -> Command {
        self.cmd_at(&self.now)
    }

    pub fn cmd_at(&self, now: &str) -> Command {
        let mut c = Command::cargo_bin("creditctl").expect("binary");
        c.env_clear()
            .env("CREDITCTL_DB", &self.db)
            .env("CREDITCTL_NOW", now)
            .env("CREDITCTL_ACTOR", "tester")
            .env("NO_COLOR", "1");
        c
    }

    /// Runs, expects success, returns stdout.
    pub fn ok(&self, args: &[&str]) -> String {
        let out = self.cmd().args(args).output().expect("run");
        assert!(
            out.status.success(),
            "creditctl {args:?} failed ({:?}): {}",
            out.status.code(),
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).expect("utf-8")
    }

    /// Runs with `--json`, expects success, returns the one JSON document on stdout.
    pub fn json(&self, args: &[&str]) -> Value {
        self.json_at(&self.now, args)
    }

    pub fn json_at(&self, now: &str, args: &[&str]) -> Value {
        let out = self
            .cmd_at(now)
            .args(args)
            .arg("--json")
            .output()
            .expect("run");
        assert!(
            out.status.success(),
            "creditctl {args:?} failed ({:?}): {}",
            out.status.code(),
            String::from_utf8_lossy(&out.stderr)
        );
        serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
            panic!(
                "stdout of {args:?} is not one JSON document ({e}): {}",
                String::from_utf8_lossy(&out.stdout)
            )
        })
    }

    /// Runs with `--json`, expects exit `code`, checks that the ledger's content did not change,
    /// and returns the JSON error object from stderr.
    pub fn fail(&self, args: &[&str], code: i32) -> Value {
        let before = self.snapshot();
        let files_before = self.files();
        let out = self.cmd().args(args).arg("--json").output().expect("run");
        assert_eq!(
            out.status.code(),
            Some(code),
            "creditctl {args:?}: stdout {} stderr {}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(
            out.stdout.is_empty(),
            "a failed command printed on stdout: {}",
            String::from_utf8_lossy(&out.stdout)
        );
        assert_eq!(
            before,
            self.snapshot(),
            "creditctl {args:?} was refused but changed the ledger"
        );
        assert!(
            files_before == self.files(),
            "creditctl {args:?} was refused but changed the bytes of a file beside the ledger"
        );
        let err: Value = serde_json::from_slice(&out.stderr).unwrap_or_else(|e| {
            panic!(
                "stderr is not one JSON error ({e}): {}",
                String::from_utf8_lossy(&out.stderr)
            )
        });
        assert!(
            err["error"]["code"].is_string() && err["error"]["message"].is_string(),
            "{err}"
        );
        err["error"].clone()
    }

    /// Every file in the ledger's directory with its bytes (SQLite's shared-memory index, which
    /// readers also touch, aside).
    pub fn files(&self) -> Vec<(String, Vec<u8>)> {
        let mut all: Vec<(String, Vec<u8>)> = std::fs::read_dir(self.dir.path())
            .expect("read dir")
            .map(|e| e.expect("entry").path())
            .filter(|p| !p.to_string_lossy().ends_with("-shm"))
            .map(|p| {
                let bytes = if p.is_file() {
                    std::fs::read(&p).expect("read")
                } else {
                    Vec::new()
                };
                (p.display().to_string(), bytes)
            })
            .collect();
        all.sort();
        all
    }

    /// The ledger's location as `--db` and `$CREDITCTL_DB` take it.
    pub fn location_str(&self) -> &str {
        self.db.to_str().expect("a UTF-8 temporary path")
    }

    /// Runs SQL on the ledger directly, as someone with access to it could.
    pub fn sql(&self, statements: &str) {
        rusqlite::Connection::open(&self.db)
            .expect("open")
            .execute_batch(statements)
            .expect("sql");
    }

    /// The IDs of the ledger rows that move a balance, oldest first (event rows aside).
    pub fn balance_rows(&self) -> Vec<i64> {
        let conn = rusqlite::Connection::open(&self.db).expect("open");
        conn.prepare("SELECT id FROM ledger WHERE site_id IS NOT NULL ORDER BY id")
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap()
    }

    /// Every row of every table, in order: what the ledger holds, to compare before and after.
    pub fn snapshot(&self) -> String {
        if !self.db.exists() {
            return String::from("<no ledger>");
        }
        let conn = rusqlite::Connection::open(&self.db).expect("open");
        let mut out = String::new();
        let Ok(mut stmt) =
            conn.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name")
        else {
            // Not a database: the byte comparison of [`Ledger::files`] covers it.
            return String::from("<not a database>");
        };
        let tables: Vec<String> = stmt
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        for t in tables {
            out.push_str(&format!("## {t}\n"));
            let mut stmt = conn
                .prepare(&format!("SELECT * FROM \"{t}\" ORDER BY 1, 2"))
                .unwrap();
            let n = stmt.column_count();
            let mut rows = stmt.query([]).unwrap();
            while let Some(r) = rows.next().unwrap() {
                let cells: Vec<String> = (0..n)
                    .map(|i| format!("{:?}", r.get_ref(i).unwrap()))
                    .collect();
                out.push_str(&cells.join("|"));
                out.push('\n');
            }
        }
        out
    }

    /// An activated distributor "Acme" (ID 1).
    pub fn distributor(&self) {
        self.ok(&["distributor", "add", "Acme"]);
        self.ok(&["distributor", "activate", "Acme"]);
    }

    /// Creates a site and returns its ID.
    pub fn site(&self, name: &str, model: &str) -> i64 {
        self.json(&["site", "create", name, "--model", model])["id"]
            .as_i64()
            .unwrap()
    }

    /// Buys one voucher and returns its code.
    pub fn voucher(&self, args: &[&str]) -> String {
        let mut all = vec![
            "voucher",
            "create",
            "--distributor",
            "Acme",
            "--name",
            "V",
            "--payment",
            "invoice",
            "--yes",
        ];
        all.extend_from_slice(args);
        self.json(&all)["vouchers"][0]["code"]
            .as_str()
            .unwrap()
            .to_string()
    }

    /// `credits show --site` as JSON.
    pub fn credits(&self, site: &str) -> Value {
        self.json(&["credits", "show", "--site", site])
    }

    /// `ledger verify` passes.
    pub fn verify(&self) -> Value {
        self.json(&["ledger", "verify"])
    }
}
