//! From a `postgres://` URL to a connected client, the way libpq would get there: the URL's own
//! settings first, then `$PGHOST`, `$PGPORT`, `$PGUSER`, `$PGDATABASE`, `$PGPASSWORD`, the
//! password file, `$PGSSLMODE`, `$PGSSLROOTCERT`; `sslmode` from `disable` to `verify-full`
//! with libpq's meaning. The password is never part of a message.

use super::tls::{Checks, MakeTls, Roots};
use ::postgres::config::{Host, SslMode};
use ::postgres::{Client, Config};
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, PrivateKeyDer};
use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::time::Duration;

use crate::error::{Error, Kind, Result};

/// How long connecting may take when neither the URL nor `$PGCONNECT_TIMEOUT` says.
const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(10);

/// The settings libpq reads that rust-postgres's URL parser does not know: taken out of the
/// query string and handled here.
const HANDLED_HERE: &[&str] = &["sslmode", "sslrootcert", "sslcert", "sslkey", "passfile"];

/// libpq's `sslmode`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TlsMode {
    Disable,
    /// `allow` and `prefer`: TLS when the server offers it, plain otherwise.
    Prefer,
    /// Encrypted; the certificate is checked only when a root certificate file is there.
    Require,
    /// Encrypted, and the server's certificate chains to a trusted root.
    VerifyCa,
    /// As `VerifyCa`, and the certificate names the host connected to.
    VerifyFull,
}

impl TlsMode {
    fn parse(s: &str) -> Result<TlsMode> {
        Ok(match s {
            "disable" => TlsMode::Disable,
            "allow" | "prefer" => TlsMode::Prefer,
            "require" => TlsMode::Require,
            "verify-ca" => TlsMode::VerifyCa,
            "verify-full" => TlsMode::VerifyFull,
            other => {
                return Err(Error::usage(format!(
                    "sslmode '{other}' is not one of disable, allow, prefer, require, verify-ca, verify-full"
                )));
            }
        })
    }

    fn verifies(self) -> bool {
        matches!(self, TlsMode::VerifyCa | TlsMode::VerifyFull)
    }
}

/// The environment variables of libpq that creditctl honours.
const LIBPQ_VARIABLES: [&str; 11] = [
    "PGHOST",
    "PGPORT",
    "PGUSER",
    "PGDATABASE",
    "PGPASSWORD",
    "PGPASSFILE",
    "PGCONNECT_TIMEOUT",
    "PGSSLMODE",
    "PGSSLROOTCERT",
    "PGSSLCERT",
    "PGSSLKEY",
];

/// Where to connect and how, read from the URL and the environment.
pub struct Target {
    config: Config,
    tls: TlsMode,
    root_cert: Option<PathBuf>,
    client_cert: Option<(PathBuf, PathBuf)>,
    /// Why a password file was not read, told when authentication fails.
    passfile_note: Option<String>,
    /// "host:port", for messages.
    pub place: String,
    pub dbname: String,
}

impl Target {
    /// Reads `url` (libpq URL syntax) and fills in what it leaves out from the environment.
    pub fn from_url(url: &str) -> Result<Target> {
        // A libpq variable that is not text is refused, never skipped: a garbled PGDATABASE
        // would otherwise send the command to another database, a garbled PGSSLMODE would
        // quietly drop TLS. ($HOME is a path, read where it is used.)
        for name in LIBPQ_VARIABLES {
            if let Some(Err(raw)) = std::env::var_os(name).map(std::ffi::OsString::into_string) {
                return Err(Error::new(
                    Kind::Usage,
                    "invalid_utf8",
                    format!(
                        "${name} is not valid UTF-8 ('{}'); write it as UTF-8 text or unset it",
                        crate::domain::text::escape_bytes(raw.as_encoded_bytes())
                    ),
                ));
            }
        }
        Target::from_url_env(url, &|k| std::env::var(k).ok())
    }

    pub fn from_url_env(url: &str, env: &dyn Fn(&str) -> Option<String>) -> Result<Target> {
        let (base, query) = url.split_once('?').unwrap_or((url, ""));
        let mut kept = Vec::new();
        let mut ours = std::collections::HashMap::new();
        for pair in query.split('&').filter(|p| !p.is_empty()) {
            let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
            let key = percent_decode(k)?;
            if HANDLED_HERE.contains(&key.as_str()) {
                ours.insert(key, percent_decode(v)?);
            } else {
                kept.push(pair);
            }
        }
        let rest = if kept.is_empty() {
            base.to_string()
        } else {
            format!("{base}?{}", kept.join("&"))
        };
        let mut config = Config::from_str(&rest).map_err(|e| {
            // rust-postgres's messages name the option, never its value.
            let detail = std::error::Error::source(&e).map_or(String::new(), |s| format!(": {s}"));
            Error::usage(format!(
                "the PostgreSQL URL in --db is not valid ({e}{detail})"
            ))
        })?;
        let setting = |key: &str, var: &str| ours.get(key).cloned().or_else(|| env(var));

        let user = match config.get_user() {
            Some(u) => u.to_string(),
            None => env("PGUSER")
                .or_else(|| whoami::username().ok())
                .ok_or_else(|| {
                    Error::usage("no PostgreSQL user: name one in the URL or set $PGUSER")
                })?,
        };
        config.user(&user);
        if let Some(port) = env("PGPORT").filter(|p| !p.is_empty() && config.get_ports().is_empty())
        {
            let port = port
                .parse()
                .map_err(|_| Error::usage(format!("$PGPORT '{port}' is not a port number")))?;
            config.port(port);
        }
        let port = config.get_ports().first().copied().unwrap_or(5432);
        if config.get_hosts().is_empty() && config.get_hostaddrs().is_empty() {
            match env("PGHOST").filter(|h| !h.is_empty()) {
                Some(hosts) => {
                    for h in hosts.split(',') {
                        if h.starts_with('/') {
                            config.host_path(h);
                        } else {
                            config.host(h);
                        }
                    }
                }
                None => match default_socket_dir(port) {
                    Some(dir) => {
                        config.host_path(dir);
                    }
                    None => {
                        config.host("localhost");
                    }
                },
            }
        }
        let dbname = match config.get_dbname() {
            Some(d) => d.to_string(),
            None => env("PGDATABASE")
                .filter(|d| !d.is_empty())
                .unwrap_or_else(|| user.clone()),
        };
        config.dbname(&dbname);
        if config.get_application_name().is_none() {
            config.application_name("creditctl");
        }
        if config.get_connect_timeout().is_none() {
            let secs = env("PGCONNECT_TIMEOUT").and_then(|s| s.parse::<u64>().ok());
            config.connect_timeout(secs.map_or(DEFAULT_CONNECT_TIMEOUT, Duration::from_secs));
        }

        let first_host = first_host(&config);
        let place = places(&config);
        let mut passfile_note = None;
        if config.get_password().is_none() {
            if let Some(pw) = env("PGPASSWORD").filter(|p| !p.is_empty()) {
                config.password(pw);
            } else {
                let file = setting("passfile", "PGPASSFILE")
                    .map(PathBuf::from)
                    .or_else(|| env("HOME").map(|h| Path::new(&h).join(".pgpass")));
                if let Some(file) = file {
                    match read_passfile(&file, &first_host, port, &dbname, &user) {
                        Ok(Some(pw)) => {
                            config.password(pw);
                        }
                        Ok(None) => {}
                        Err(note) => passfile_note = Some(note),
                    }
                }
            }
        }

        let tls = TlsMode::parse(&setting("sslmode", "PGSSLMODE").unwrap_or("prefer".into()))?;
        let home_pg = env("HOME").map(|h| Path::new(&h).join(".postgresql"));
        let root_cert = setting("sslrootcert", "PGSSLROOTCERT")
            .map(PathBuf::from)
            .or_else(|| home_pg.as_ref().map(|d| d.join("root.crt")));
        let cert = setting("sslcert", "PGSSLCERT")
            .map(PathBuf::from)
            .or_else(|| home_pg.as_ref().map(|d| d.join("postgresql.crt")));
        let key = setting("sslkey", "PGSSLKEY")
            .map(PathBuf::from)
            .or_else(|| home_pg.as_ref().map(|d| d.join("postgresql.key")));
        let client_cert = match (cert, key) {
            (Some(c), Some(k)) if c.is_file() => Some((c, k)),
            _ => None,
        };
        // As with libpq, a Unix socket is never encrypted, whatever sslmode says.
        let sockets_only = !config.get_hosts().is_empty()
            && config
                .get_hosts()
                .iter()
                .all(|h| !matches!(h, Host::Tcp(_)));
        // The name verify-full checks is the host's: given only an address (hostaddr), there
        // is none to check (libpq refuses this too).
        let names_a_host = config.get_hosts().iter().any(|h| matches!(h, Host::Tcp(_)));
        if tls == TlsMode::VerifyFull && !sockets_only && !names_a_host {
            return Err(Error::usage(
                "sslmode verify-full checks the server's host name, and the URL gives only an address (hostaddr); add host=NAME (the name its certificate holds), or use sslmode=verify-ca",
            ));
        }
        // rust-postgres makes no TLS session without a host name; given only addresses, each
        // address is its host's name too (libpq's session then has no SNI and no name to
        // check: verify-full was refused above, and the session here sends no SNI for an
        // address either).
        if config.get_hosts().is_empty() && tls != TlsMode::Disable {
            for address in config.get_hostaddrs().to_vec() {
                config.host(&address.to_string());
            }
        }
        config.ssl_mode(match tls {
            _ if sockets_only => SslMode::Disable,
            TlsMode::Disable => SslMode::Disable,
            TlsMode::Prefer => SslMode::Prefer,
            _ => SslMode::Require,
        });
        Ok(Target {
            config,
            tls,
            root_cert,
            client_cert,
            passfile_note,
            place,
            dbname,
        })
    }

    pub fn tls_mode(&self) -> TlsMode {
        self.tls
    }

    /// Connects, or says in one line why not (never with the password).
    pub fn connect(&self) -> Result<Client> {
        // No TLS context for a connection that will not use one.
        let connected = if self.config.get_ssl_mode() == SslMode::Disable {
            self.config.connect(::postgres::NoTls)
        } else {
            let tls = self
                .connector()
                .map_err(|reason| self.cannot_connect(&reason))?;
            self.config.connect(tls)
        };
        connected.map_err(|e| {
            if e.code() == Some(&::postgres::error::SqlState::TOO_MANY_CONNECTIONS) {
                return Error::new(
                    Kind::Internal,
                    "too_many_connections",
                    format!(
                        "cannot connect to PostgreSQL at {}, database '{}': the server has no free connection slot; try again later, or ask its administrator to raise max_connections",
                        self.place, self.dbname
                    ),
                );
            }
            let mut reason = match e.as_db_error() {
                Some(db) => db.message().to_string(),
                None => e.to_string(),
            };
            if let Some(source) = std::error::Error::source(&e).filter(|_| e.as_db_error().is_none()) {
                let source = source.to_string();
                if !reason.contains(&source) {
                    reason = format!("{reason}: {source}");
                }
            }
            if reason.contains("password missing") {
                reason = "the server asks for a password and none was given (in the URL, $PGPASSWORD or the password file)".into();
            }
            if let Some(note) = &self.passfile_note {
                reason = format!("{reason} ({note})");
            }
            self.cannot_connect(&reason)
        })
    }

    fn cannot_connect(&self, reason: &str) -> Error {
        let mut reason = reason.replace('\n', " ");
        if let Some(pw) = self.config.get_password().filter(|p| !p.is_empty()) {
            let pw = String::from_utf8_lossy(pw);
            reason = reason.replace(pw.as_ref(), "***");
        }
        Error::new(
            Kind::Internal,
            "cannot_connect",
            format!(
                "cannot connect to PostgreSQL at {}, database '{}': {reason}; check --db or $CREDITCTL_DB",
                self.place, self.dbname
            ),
        )
    }

    /// The TLS connector for the mode: no check of the server's certificate for `prefer` and
    /// `require` (unless a root certificate file is there, as with libpq), its chain for
    /// `verify-ca`, its chain and host name for `verify-full`.
    fn connector(&self) -> std::result::Result<MakeTls, String> {
        // The trusted roots are the root certificate file's alone: the system's are not loaded
        // (libpq does not trust them unless told to with sslrootcert=system).
        let roots = match self.root_cert.as_deref() {
            Some(path) if path.as_os_str() == "system" => Some(system_roots()?),
            Some(path) if path.is_file() => {
                let unreadable = |e: String| {
                    format!(
                        "cannot read the root certificate file {}: {e}",
                        path.display()
                    )
                };
                let certs = pem_certificates(path).map_err(|e| unreadable(e.to_string()))?;
                Some(Roots::new(certs).ok_or_else(|| {
                    unreadable(
                        "it holds no root: no self-signed certificate (an intermediate CA's certificate needs its root beside it in the file)".into(),
                    )
                })?)
            }
            Some(path) if self.tls.verifies() => {
                return Err(format!(
                    "sslmode {} needs the root certificate file {}, which does not exist; name one with sslrootcert=FILE (or sslrootcert=system for the system's trusted roots), or change sslmode",
                    if self.tls == TlsMode::VerifyFull {
                        "verify-full"
                    } else {
                        "verify-ca"
                    },
                    path.display()
                ));
            }
            None if self.tls.verifies() => {
                return Err("sslmode verify-ca and verify-full need a root certificate: name one with sslrootcert=FILE, or sslrootcert=system".into());
            }
            _ => None,
        };
        let client = match &self.client_cert {
            Some((cert, key)) => {
                check_key_permissions(key)?;
                let chain = pem_certificates(cert).map_err(|e| {
                    format!("cannot read the client certificate {}: {e}", cert.display())
                })?;
                let key = PrivateKeyDer::from_pem_file(key).map_err(|e| {
                    format!(
                        "cannot read the client key {} (an unencrypted PEM key: PKCS#8, RSA or EC): {e}",
                        key.display()
                    )
                })?;
                Some((chain, key))
            }
            None => None,
        };
        let checks = match roots {
            None => Checks::Nothing,
            Some(roots) if self.tls == TlsMode::VerifyFull => Checks::ChainAndHost(roots),
            Some(roots) => Checks::Chain(roots),
        };
        MakeTls::new(checks, client).map_err(|e| format!("TLS setup failed: {e}"))
    }
}

/// Every certificate of a PEM file.
fn pem_certificates(
    path: &Path,
) -> std::result::Result<Vec<CertificateDer<'static>>, rustls::pki_types::pem::Error> {
    CertificateDer::pem_file_iter(path)?.collect()
}

/// The system's trusted roots, found where systems keep them (`rustls-native-certs`): its bundle
/// file and certificate directories, or `$SSL_CERT_FILE` and `$SSL_CERT_DIR` when either is
/// set. A file that cannot be read adds no root; none at all is refused here, naming where
/// they were looked for.
fn system_roots() -> std::result::Result<Roots, String> {
    let found = rustls_native_certs::load_native_certs();
    Roots::new(found.certs).ok_or_else(|| {
        "sslrootcert=system: no trusted root certificate was found on this system (in $SSL_CERT_FILE, $SSL_CERT_DIR or the system's own bundle)".into()
    })
}

/// libpq refuses a client key that others may read.
fn check_key_permissions(key: &Path) -> std::result::Result<(), String> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        if let Ok(meta) = std::fs::metadata(key)
            && meta.permissions().mode() & 0o077 != 0
        {
            return Err(format!(
                "the client key {} may be read by others; make it u=rw (0600) or less",
                key.display()
            ));
        }
    }
    let _ = key;
    Ok(())
}

/// libpq's default: the server's Unix socket when one is there, else localhost.
fn default_socket_dir(port: u16) -> Option<&'static str> {
    ["/var/run/postgresql", "/tmp"]
        .into_iter()
        .find(|dir| Path::new(dir).join(format!(".s.PGSQL.{port}")).exists())
}

fn first_host(config: &Config) -> String {
    match config.get_hosts().first() {
        Some(Host::Tcp(h)) => h.clone(),
        #[cfg(unix)]
        Some(Host::Unix(p)) => p.display().to_string(),
        None => config
            .get_hostaddrs()
            .first()
            .map(|a| a.to_string())
            .unwrap_or_else(|| "localhost".into()),
    }
}

/// "host:port[,host:port…]" as messages name the server.
fn places(config: &Config) -> String {
    let ports = config.get_ports();
    let port = |i: usize| match ports.len() {
        0 => 5432,
        1 => ports[0],
        _ => ports.get(i).copied().unwrap_or(5432),
    };
    let hosts: Vec<String> = if config.get_hosts().is_empty() {
        config
            .get_hostaddrs()
            .iter()
            .map(|a| match a {
                std::net::IpAddr::V6(_) => format!("[{a}]"),
                std::net::IpAddr::V4(_) => a.to_string(),
            })
            .collect()
    } else {
        config
            .get_hosts()
            .iter()
            .map(|h| match h {
                Host::Tcp(h) if h.contains(':') => format!("[{h}]"),
                Host::Tcp(h) => h.clone(),
                #[cfg(unix)]
                Host::Unix(p) => p.display().to_string(),
            })
            .collect()
    };
    hosts
        .iter()
        .enumerate()
        .map(|(i, h)| format!("{h}:{}", port(i)))
        .collect::<Vec<_>>()
        .join(",")
}

/// The password for this connection from a libpq password file, `None` when no line matches.
/// A file that group or others may read is not read (as with libpq): the `Err` says so.
pub fn read_passfile(
    path: &Path,
    host: &str,
    port: u16,
    dbname: &str,
    user: &str,
) -> std::result::Result<Option<String>, String> {
    let Ok(meta) = std::fs::metadata(path) else {
        return Ok(None);
    };
    if !meta.is_file() {
        return Ok(None);
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        if meta.permissions().mode() & 0o077 != 0 {
            return Err(format!(
                "the password file {} was not read: group or others may read it; make it u=rw (0600)",
                path.display()
            ));
        }
    }
    let Ok(text) = std::fs::read_to_string(path) else {
        return Ok(None);
    };
    let port = port.to_string();
    // A socket directory matches the host name "localhost" too, as with libpq's default socket.
    let socket = host.starts_with('/');
    for line in text.lines() {
        let line = line.strip_suffix('\r').unwrap_or(line);
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let fields = split_passfile_line(line);
        if fields.len() < 5 {
            continue;
        }
        let matches = |pattern: &str, value: &str| pattern == "*" || pattern == value;
        let host_ok = matches(&fields[0], host) || (socket && fields[0] == "localhost");
        if host_ok
            && matches(&fields[1], &port)
            && matches(&fields[2], dbname)
            && matches(&fields[3], user)
        {
            return Ok(Some(fields[4].clone()));
        }
    }
    Ok(None)
}

/// Splits `host:port:db:user:password` at unescaped colons; `\:` and `\\` stand for `:` and `\`.
/// Everything after the fourth colon is the password.
fn split_passfile_line(line: &str) -> Vec<String> {
    let mut fields = vec![String::new()];
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                if let Some(next) = chars.next() {
                    fields.last_mut().expect("one field").push(next);
                }
            }
            ':' if fields.len() < 5 => fields.push(String::new()),
            c => fields.last_mut().expect("one field").push(c),
        }
    }
    fields
}

/// Decodes `%XX` escapes of a URL query value.
fn percent_decode(s: &str) -> Result<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = bytes
                .get(i + 1..i + 3)
                .and_then(|h| std::str::from_utf8(h).ok())
                .and_then(|h| u8::from_str_radix(h, 16).ok())
                .ok_or_else(|| Error::usage("the PostgreSQL URL in --db has a bad % escape"))?;
            out.push(hex);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out)
        .map_err(|_| Error::usage("the PostgreSQL URL in --db is not UTF-8 once decoded"))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A root certificate file that holds an intermediate CA's certificate alone anchors
    /// nothing, and says so before connecting.
    #[test]
    fn a_root_file_without_a_root_is_refused_naming_why() {
        use rcgen::{BasicConstraints, CertificateParams, DnType, IsCa, Issuer, KeyPair};
        let ca = |cn: &str| {
            let mut p = CertificateParams::new(Vec::<String>::new()).unwrap();
            p.distinguished_name.push(DnType::CommonName, cn);
            p.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
            p
        };
        let (root, root_key) = (ca("root"), KeyPair::generate().unwrap());
        let issuer = Issuer::from_params(&root, &root_key);
        let middle_key = KeyPair::generate().unwrap();
        let middle = ca("intermediate").signed_by(&middle_key, &issuer).unwrap();
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("intermediate.pem");
        std::fs::write(&file, middle.pem()).unwrap();
        let url = format!(
            "postgres://u@h/d?sslmode=verify-ca&sslrootcert={}",
            file.display()
        );
        let e = target(&url, &[]).unwrap().connector().err().unwrap();
        assert!(
            e.contains("holds no root: no self-signed certificate"),
            "{e}"
        );
        let both = dir.path().join("both.pem");
        let root_pem = root.self_signed(&root_key).unwrap().pem();
        std::fs::write(&both, format!("{root_pem}{}", middle.pem())).unwrap();
        let url = url.replace("intermediate.pem", "both.pem");
        assert!(target(&url, &[]).unwrap().connector().is_ok());
    }

    fn target(url: &str, vars: &[(&str, &str)]) -> Result<Target> {
        let vars: Vec<(String, String)> = vars
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        Target::from_url_env(url, &move |k| {
            vars.iter().find(|(n, _)| n == k).map(|(_, v)| v.clone())
        })
    }

    #[test]
    fn libpq_settings_rust_postgres_does_not_parse_are_taken_out() {
        let t = target(
            "postgres://u@db.example:6432/ledger?sslmode=verify-full&sslrootcert=%2Fetc%2Fca.pem&application_name=x",
            &[],
        )
        .unwrap();
        assert_eq!(t.tls, TlsMode::VerifyFull);
        assert_eq!(t.root_cert.as_deref(), Some(Path::new("/etc/ca.pem")));
        assert_eq!(t.place, "db.example:6432");
        assert_eq!(t.dbname, "ledger");
        assert_eq!(t.config.get_application_name(), Some("x"));
    }

    #[test]
    fn verify_full_needs_a_host_name_to_check() {
        let e = target(
            "postgres://u@/ledger?hostaddr=10.0.0.5&sslmode=verify-full&sslrootcert=%2Fetc%2Fca.pem",
            &[],
        )
        .err()
        .unwrap();
        assert_eq!(e.exit_code(), 2, "{e}");
        assert!(e.message.contains("host=NAME"), "{e}");
        // With the name beside the address, or with verify-ca, it connects as asked.
        let named = "postgres://u@/ledger?host=db.example&hostaddr=10.0.0.5&sslmode=verify-full";
        assert_eq!(target(named, &[]).unwrap().tls, TlsMode::VerifyFull);
        let ca = "postgres://u@/ledger?hostaddr=10.0.0.5&sslmode=verify-ca";
        assert_eq!(target(ca, &[]).unwrap().tls, TlsMode::VerifyCa);
    }

    #[test]
    fn the_environment_fills_in_what_the_url_leaves_out() {
        let t = target(
            "postgres://",
            &[
                ("PGHOST", "10.1.2.3"),
                ("PGPORT", "5433"),
                ("PGUSER", "ops"),
                ("PGPASSWORD", "pw"),
                ("PGSSLMODE", "require"),
            ],
        )
        .unwrap();
        assert_eq!(t.place, "10.1.2.3:5433");
        assert_eq!(t.dbname, "ops", "the database defaults to the user's name");
        assert_eq!(t.config.get_user(), Some("ops"));
        assert_eq!(t.config.get_password(), Some(&b"pw"[..]));
        assert_eq!(t.tls, TlsMode::Require);
        let t = target(
            "postgres://a:secret@h/d?sslmode=disable",
            &[("PGPASSWORD", "pw")],
        )
        .unwrap();
        assert_eq!(
            t.config.get_password(),
            Some(&b"secret"[..]),
            "the URL wins"
        );
        assert_eq!(t.tls, TlsMode::Disable);
    }

    #[test]
    fn a_unix_socket_is_never_encrypted() {
        let t = target(
            "postgres:///d?host=%2Fvar%2Frun%2Fpostgresql&sslmode=require",
            &[],
        )
        .unwrap();
        assert_eq!(t.config.get_ssl_mode(), SslMode::Disable);
        assert_eq!(t.place, "/var/run/postgresql:5432");
        let t = target("postgres://h/d?sslmode=require", &[]).unwrap();
        assert_eq!(t.config.get_ssl_mode(), SslMode::Require);
    }

    #[test]
    fn an_unknown_sslmode_is_a_usage_error() {
        let e = target("postgres://h/d?sslmode=sometimes", &[])
            .err()
            .unwrap();
        assert_eq!(e.exit_code(), 2);
    }

    #[test]
    fn passfile_lines_match_with_wildcards_and_escapes() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("pgpass");
        std::fs::write(
            &file,
            "# comment\nother:5432:*:*:nope\nh\\:x:*:led*:u:wrong\nh\\:x:5432:*:u:p\\:w\\\\d:tail\n*:*:*:*:fallback\n",
        )
        .unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o600)).unwrap();
        }
        let pw = |host: &str, port: u16, db: &str| read_passfile(&file, host, port, db, "u");
        assert_eq!(pw("h:x", 5432, "ledger"), Ok(Some("p:w\\d:tail".into())));
        assert_eq!(pw("elsewhere", 1, "x"), Ok(Some("fallback".into())));
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o644)).unwrap();
            assert!(
                pw("h:x", 5432, "ledger").is_err(),
                "a readable file is ignored"
            );
        }
        assert_eq!(
            read_passfile(&dir.path().join("none"), "h", 1, "d", "u"),
            Ok(None)
        );
    }

    #[test]
    fn a_socket_directory_matches_localhost_in_the_passfile() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("pgpass");
        std::fs::write(&file, "localhost:5432:d:u:sock\n").unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o600)).unwrap();
        }
        assert_eq!(
            read_passfile(&file, "/var/run/postgresql", 5432, "d", "u"),
            Ok(Some("sock".into()))
        );
    }
}
