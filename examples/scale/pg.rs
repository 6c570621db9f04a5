//! The PostgreSQL engine of the scale benchmark: the same fixtures as SQLite's, each built once
//! in a database of its own on the server `--pg URL` names (as a superuser, or a role with
//! CREATEDB), copied for each round with `CREATE DATABASE … TEMPLATE`, and all dropped at the
//! end, also on failure (unless `--keep`). Databases are named `creditctl_bench_PID_*`.

use super::fixtures::{
    self, DEVICES_PER_SITE, EXPIRES_AT, Engine, Fixture, SITE_CREATED_AT, UNIT_ADDED_AT,
    fixture_code,
};
use super::measure::{self, NOW};
use anyhow::{Context, Result};
use creditctl::args;
use creditctl::store::ledger::LedgerWriter;
use creditctl::store::{Location, OpenMode, Store};
use postgres::{Client, NoTls};
use std::ffi::{OsStr, OsString};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

pub struct Server {
    url: String,
    admin: Client,
    version: String,
    version_num: i64,
    prefix: String,
    /// Databases made and not yet dropped.
    made: Vec<String>,
    /// Where the measuring helper keeps its files.
    dir: PathBuf,
    /// `--keep`: no database is dropped.
    pub keep: bool,
}

impl Server {
    /// Connects as `url` says; without TLS unless its `sslmode` asks for it, because the floors
    /// connect without (a TLS handshake costs each of the tool's processes about 2 ms on a
    /// local server, most of it the server's, which the floors would not pay).
    pub fn connect(url: &str, dir: &Path) -> Result<Server> {
        let url = &if url.contains("sslmode=") {
            url.to_string()
        } else if url.contains('?') {
            format!("{url}&sslmode=disable")
        } else {
            format!("{url}?sslmode=disable")
        };
        let mut admin = Client::connect(url, NoTls).with_context(|| {
            format!("cannot connect to the PostgreSQL server at {}", place(url))
        })?;
        let row = admin.query_one(
            "SELECT current_setting('server_version'), current_setting('server_version_num')::bigint",
            &[],
        )?;
        Ok(Server {
            url: url.to_string(),
            admin,
            version: row.get(0),
            version_num: row.get(1),
            prefix: format!("creditctl_bench_{}_", std::process::id()),
            made: Vec::new(),
            dir: dir.to_path_buf(),
            keep: false,
        })
    }

    pub fn place(&self) -> String {
        format!("{} (server {})", place(&self.url), self.version)
    }

    fn name(&self, what: &str) -> String {
        format!("{}{}", self.prefix, what.replace('-', "_"))
    }

    /// Creates the database `what`, a copy of `template` when given, and returns its URL.
    fn create(&mut self, what: &str, template: Option<&str>) -> Result<String> {
        let name = self.name(what);
        let sql = match template {
            // FILE_COPY (PostgreSQL 15+) copies the files instead of logging every block.
            Some(t) if self.version_num >= 150_000 => {
                format!(
                    "CREATE DATABASE {name} TEMPLATE {} STRATEGY FILE_COPY",
                    self.name(t)
                )
            }
            Some(t) => format!("CREATE DATABASE {name} TEMPLATE {}", self.name(t)),
            None => format!("CREATE DATABASE {name} TEMPLATE template0"),
        };
        self.admin
            .batch_execute(&sql)
            .with_context(|| format!("cannot run `{sql}`"))?;
        self.made.push(name.clone());
        Ok(url_with_db(&self.url, &name))
    }

    fn drop_db(&mut self, what: &str) -> Result<()> {
        let name = self.name(what);
        self.admin
            .batch_execute(&format!("DROP DATABASE IF EXISTS {name}"))
            .with_context(|| format!("cannot drop database {name}"))?;
        self.made.retain(|n| *n != name);
        Ok(())
    }

    pub fn drop_all(&mut self) {
        for name in std::mem::take(&mut self.made) {
            let force = if self.version_num >= 130_000 {
                " WITH (FORCE)"
            } else {
                ""
            };
            if let Err(e) = self
                .admin
                .batch_execute(&format!("DROP DATABASE IF EXISTS {name}{force}"))
            {
                eprintln!("cannot drop database {name}: {e}");
            }
        }
    }

    /// Writes every dirty buffer out (server and OS), so that no checkpoint lands in a timed
    /// step.
    fn checkpoint(&mut self) {
        if let Err(e) = self.admin.batch_execute("CHECKPOINT") {
            eprintln!("    (CHECKPOINT refused: {e})");
        }
        measure::settle();
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        if self.keep {
            for name in &self.made {
                eprintln!("kept database {name}");
            }
        } else {
            self.drop_all();
        }
    }
}

/// `url` with its database replaced by `db` (the query string kept).
fn url_with_db(url: &str, db: &str) -> String {
    let (base, query) = match url.split_once('?') {
        Some((b, q)) => (b, Some(q)),
        None => (url, None),
    };
    let host_at = base.find("://").map_or(0, |i| i + 3);
    let path_at = base[host_at..]
        .find('/')
        .map_or(base.len(), |i| host_at + i);
    let mut out = format!("{}/{db}", &base[..path_at]);
    if let Some(q) = query {
        out.push('?');
        out.push_str(q);
    }
    out
}

/// The host part of `url`, without user or password.
fn place(url: &str) -> String {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let rest = rest.rsplit_once('@').map_or(rest, |(_, r)| r);
    rest.split(['/', '?']).next().unwrap_or(rest).to_string()
}

fn connect(url: &str) -> Result<Client> {
    Client::connect(url, NoTls).with_context(|| format!("cannot connect to {}", place(url)))
}

impl Engine for Server {
    fn label(&self) -> &'static str {
        "PostgreSQL"
    }

    fn build(&mut self, tool: &Path, name: &str, fixture: Fixture) -> Result<OsString> {
        let started = Instant::now();
        let url = self.create(name, None)?;
        let db = OsString::from(&url);
        let scratch = self.scratch(name);
        fixtures::tool_setup(tool, &db, &scratch, matches!(fixture, Fixture::Vouchers(_)))?;
        match fixture {
            Fixture::Distributor => {}
            Fixture::Vouchers(n) => insert_vouchers(&url, n)?,
            Fixture::Platform(sites) => insert_platform(&url, sites)?,
        }
        connect(&url)?.batch_execute("VACUUM ANALYZE")?;
        eprintln!(
            "    built {fixture:?} in {:.1} s",
            started.elapsed().as_secs_f64()
        );
        Ok(db)
    }

    fn copy(&mut self, from: &OsStr, name: &str) -> Result<OsString> {
        let template = self.what(from)?;
        self.drop_db(name)?;
        Ok(self.create(name, Some(&template))?.into())
    }

    fn remove(&mut self, db: &OsStr) -> Result<()> {
        if self.keep {
            return Ok(());
        }
        let what = self.what(db)?;
        self.drop_db(&what)
    }

    fn settle(&mut self) {
        self.checkpoint();
    }

    fn scratch(&self, name: &str) -> PathBuf {
        self.dir.join(format!("pg-{name}"))
    }
}

impl Server {
    /// The name [`Server::create`] was given for the database at `url`.
    fn what(&self, url: &OsStr) -> Result<String> {
        let url = url.to_string_lossy();
        let db = url
            .split(['?'])
            .next()
            .and_then(|u| u.rsplit('/').next())
            .context("a URL without a database")?;
        db.strip_prefix(&self.prefix)
            .map(str::to_string)
            .with_context(|| format!("{db} is not a benchmark database"))
    }
}

/// One payment, one order and `n` vouchers of [`fixture_code`]s, and `n / 10` licence
/// purchases, set-based.
fn insert_vouchers(url: &str, n: i64) -> Result<()> {
    let mut client = connect(url)?;
    let mut tx = client.transaction()?;
    let distributor: i64 = tx
        .query_one("SELECT id FROM distributor WHERE name = 'Acme'", &[])?
        .get(0);
    let payment_id: i64 = tx
        .query_one(
            "INSERT INTO payment (id, kind, method, amount_minor, currency, distributor_id, site_id, description, actor, created_at)
             VALUES ((SELECT coalesce(max(id), 0) + 1 FROM payment), 'voucher_order', 'invoice', $1, 'EUR', $2, NULL, $3, session_user, $4) RETURNING id",
            &[&(2_400 * n), &distributor, &format!("{n} × voucher 'Bulk'"), &NOW],
        )?
        .get(0);
    let order_id: i64 = tx
        .query_one(
            "INSERT INTO voucher_order (id, distributor_id, payment_id, created_at)
             VALUES ((SELECT coalesce(max(id), 0) + 1 FROM voucher_order), $1, $2, $3) RETURNING id",
            &[&distributor, &payment_id, &NOW],
        )?
        .get(0);
    let codes: Vec<String> = (0..n as u64).map(fixture_code).collect();
    tx.execute(
        "INSERT INTO voucher (id, code, order_id, name, type, years, subscriptions, credits, messages, value_minor, currency, created_at, expires_at)
         SELECT (SELECT coalesce(max(id), 0) FROM voucher) + t.n, t.code, $2, 'Bulk', 'device', 1, 1, 12, 0, 2400, 'EUR', $3, $4
         FROM unnest($1::text[]) WITH ORDINALITY AS t(code, n)",
        &[&codes, &order_id, &NOW, &EXPIRES_AT],
    )?;
    let licences = n / 10;
    tx.execute(
        "INSERT INTO payment (id, kind, method, amount_minor, currency, distributor_id, site_id, description, actor, created_at)
         SELECT $2::bigint + g, 'license', 'card', 1500, 'EUR', $3, NULL, 'licence', session_user, $4
         FROM generate_series(1, $1::bigint) g",
        &[&licences, &payment_id, &distributor, &NOW],
    )?;
    tx.execute(
        "INSERT INTO license (id, serial, product, license_key, price_minor, currency, payment_id, distributor_id, created_at, created_by)
         SELECT g, lpad((g / 100000000)::text, 2, '0') || '-' || lpad(((g / 10000) % 10000)::text, 4, '0') || '-' || lpad((g % 10000)::text, 4, '0'),
                (SELECT name FROM license_product ORDER BY name LIMIT 1), 'KEY-' || lpad(g::text, 12, '0'),
                1500, 'EUR', $2::bigint + g, $3, $4, session_user
         FROM generate_series(1, $1::bigint) g",
        &[&licences, &payment_id, &distributor, &NOW],
    )?;
    tx.commit()?;
    Ok(())
}

/// `sites` device sites with [`DEVICES_PER_SITE`] devices each, inserted set-based, the opening
/// balances posted through the tool's own `LedgerWriter` (`append_all`) so that the hash chain
/// verifies.
fn insert_platform(url: &str, sites: i64) -> Result<()> {
    let mut store = Store::open(
        &Location::Postgres(url.to_string()),
        OpenMode::Write,
        Duration::from_secs(60),
    )?;
    // On PostgreSQL the actor is the database user.
    let stamp = fixtures::funded_stamp(store.authenticated_user().context("no PostgreSQL user")?)?;
    store.write(|tx| {
        tx.exec(
            "INSERT INTO site (id, name, model, created_at, created_by)
             SELECT g, 'Site ' || g, 'device', ?2, session_user FROM generate_series(1, ?1::bigint) g",
            args![sites, SITE_CREATED_AT],
        )?;
        // Unit n of site s is number (s - 1) * DEVICES_PER_SITE + k + 1, named by its serial
        // NN-NNNN-NNNN, as the SQLite fixture numbers them.
        tx.exec(
            "INSERT INTO unit (id, site_id, name, added_at)
             SELECT n, s, lpad((n / 100000000)::text, 2, '0') || '-' || lpad(((n / 10000) % 10000)::text, 4, '0')
                          || '-' || lpad((n % 10000)::text, 4, '0'), ?3
             FROM generate_series(1, ?1::bigint) s, generate_series(0, ?2::bigint - 1) k,
                  LATERAL (SELECT (s - 1) * ?2::bigint + k + 1 AS n) x
             ORDER BY n",
            args![sites, DEVICES_PER_SITE, UNIT_ADDED_AT],
        )?;
        tx.exec(
            "INSERT INTO device (serial, site_id, unit_id, added_at)
             SELECT name, site_id, id, added_at FROM unit ORDER BY id",
            &[],
        )?;
        let entries = fixtures::funding(sites);
        let mut ledger = LedgerWriter::new(tx, &stamp)?;
        ledger.append_all(tx, &entries, &vec![0; entries.len()], &[])?;
        Ok(())
    })?;
    Ok(())
}
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls() {
        assert_eq!(
            url_with_db("postgres://u:p@h:5432/postgres?sslmode=disable", "x"),
            "postgres://u:p@h:5432/x?sslmode=disable"
        );
        assert_eq!(url_with_db("postgres://h", "x"), "postgres://h/x");
        assert_eq!(place("postgres://u:p@h:5432/db"), "h:5432");
    }
}
