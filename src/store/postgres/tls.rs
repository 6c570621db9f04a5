//! TLS for PostgreSQL connections: rustls (with ring's cryptography) under the client's
//! `MakeTlsConnect` seam, checking the server's certificate as libpq does with OpenSSL.
//!
//! rustls checks a chain with webpki, which is stricter than OpenSSL in two ways that matter
//! to PostgreSQL's users, and both are taken back here as libpq has them:
//! - a certificate that is itself one of the trusted roots is its own chain (OpenSSL finds it
//!   in the store), whatever webpki thinks of it as a server's: the self-signed certificate
//!   PostgreSQL's documentation makes (`openssl req -new -x509 … -subj "/CN=dbhost"`) is a CA
//!   certificate, given as its own root;
//! - a certificate that names no DNS host in its subject alternative names is checked by its
//!   subject's common name (OpenSSL's `X509_check_host`, which libpq's `verify-full` uses),
//!   the same certificate's only name.
//!
//! Why not OpenSSL, compiled in or linked: it costs every command 0.4–0.8 ms at start, most of
//! a short command's margin (README, "What a command's start costs").

use ::postgres::tls::{self, ChannelBinding, MakeTlsConnect, TlsConnect};
use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::client::{verify_server_cert_signed_by_trust_anchor, verify_server_name};
use rustls::crypto::{CryptoProvider, verify_tls12_signature, verify_tls13_signature};
use rustls::pki_types::{CertificateDer, PrivateKeyDer, ServerName, UnixTime};
use rustls::server::ParsedCertificate;
use rustls::{CertificateError, ClientConfig, DigitallySignedStruct, RootCertStore};
use rustls::{SignatureScheme, version};
use std::fmt;
use std::future::Future;
use std::io;
use std::net::IpAddr;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};
use tokio::io::{AsyncRead, AsyncWrite, BufReader, ReadBuf};
use tokio_rustls::TlsConnector;
use x509_cert::Certificate;
use x509_cert::der::Decode;
use x509_cert::ext::pkix::SubjectAltName;
use x509_cert::ext::pkix::name::GeneralName;

/// The roots a server's certificate must chain to, as given (a root certificate file, or the
/// system's roots).
pub struct Roots {
    store: RootCertStore,
    given: Vec<CertificateDer<'static>>,
}

impl Roots {
    /// The certificates that can be roots (those webpki cannot read as one are kept to be
    /// matched whole, as OpenSSL would find them in its store). `None` when there is none.
    pub fn new(certs: Vec<CertificateDer<'static>>) -> Option<Roots> {
        if certs.is_empty() {
            return None;
        }
        let mut store = RootCertStore::empty();
        store.add_parsable_certificates(certs.iter().cloned());
        Some(Roots {
            store,
            given: certs,
        })
    }
}

/// What the server's certificate is checked for: nothing (`prefer` and `require` without a
/// root certificate file), its chain to `roots` (`verify-ca`, or a root file there), and also
/// the host name (`verify-full`).
pub struct Checks {
    pub roots: Option<Roots>,
    pub check_host: bool,
}

/// A client certificate and its key, for servers that ask for one.
pub type ClientCert = (Vec<CertificateDer<'static>>, PrivateKeyDer<'static>);

/// Makes a TLS session per connection from one client configuration.
#[derive(Clone)]
pub struct MakeTls {
    config: Arc<ClientConfig>,
}

impl MakeTls {
    /// TLS 1.2 and 1.3 (PostgreSQL's own minimum is 1.2), ring's cryptography, the server's
    /// certificate checked by [`Checks`].
    pub fn new(checks: Checks, client: Option<ClientCert>) -> Result<MakeTls, rustls::Error> {
        // ring's, deprecated since rustls 0.23.48 for having no post-quantum key exchange: the
        // other provider, aws-lc-rs, is a C library of OpenSSL's kind and size, with its start
        // cost (README, "What a command's start costs"). PostgreSQL's servers agree on X25519.
        #[allow(deprecated)]
        let provider = Arc::new(rustls::crypto::ring::default_provider());
        let verifier = Arc::new(LibpqVerifier {
            checks,
            provider: provider.clone(),
        });
        let builder = ClientConfig::builder_with_provider(provider)
            .with_protocol_versions(&[&version::TLS13, &version::TLS12])?
            .dangerous()
            .with_custom_certificate_verifier(verifier);
        let config = match client {
            Some((chain, key)) => builder.with_client_auth_cert(chain, key)?,
            None => builder.with_no_client_auth(),
        };
        Ok(MakeTls {
            config: Arc::new(config),
        })
    }
}

/// The server certificate's checks, as libpq makes them (see the module's comment).
#[derive(Debug)]
struct LibpqVerifier {
    checks: Checks,
    provider: Arc<CryptoProvider>,
}

impl fmt::Debug for Checks {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Checks")
            .field("roots", &self.roots.as_ref().map(|r| r.given.len()))
            .field("check_host", &self.check_host)
            .finish()
    }
}

impl ServerCertVerifier for LibpqVerifier {
    fn verify_server_cert(
        &self,
        end_entity: &CertificateDer<'_>,
        intermediates: &[CertificateDer<'_>],
        server_name: &ServerName<'_>,
        _ocsp_response: &[u8],
        now: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        let Some(roots) = &self.checks.roots else {
            return Ok(ServerCertVerified::assertion());
        };
        let chained = ParsedCertificate::try_from(end_entity).and_then(|cert| {
            verify_server_cert_signed_by_trust_anchor(
                &cert,
                &roots.store,
                intermediates,
                now,
                self.provider.signature_verification_algorithms.all,
            )
        });
        if let Err(refused) = chained {
            // A certificate that is one of the roots is its own chain, if it is in its time.
            if !roots.given.iter().any(|root| root == end_entity) {
                return Err(refused);
            }
            in_validity(end_entity, now)?;
        }
        if self.checks.check_host {
            check_name(end_entity, server_name)?;
        }
        Ok(ServerCertVerified::assertion())
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        verify_tls12_signature(
            message,
            cert,
            dss,
            &self.provider.signature_verification_algorithms,
        )
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        verify_tls13_signature(
            message,
            cert,
            dss,
            &self.provider.signature_verification_algorithms,
        )
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.provider
            .signature_verification_algorithms
            .supported_schemes()
    }
}

fn parse(der: &CertificateDer<'_>) -> Result<Certificate, rustls::Error> {
    Certificate::from_der(der).map_err(|_| CertificateError::BadEncoding.into())
}

/// Refuses a certificate outside its validity at `now`.
fn in_validity(der: &CertificateDer<'_>, now: UnixTime) -> Result<(), rustls::Error> {
    let cert = parse(der)?;
    let validity = cert.tbs_certificate().validity();
    let now = now.as_secs();
    if now < validity.not_before.to_unix_duration().as_secs() {
        return Err(CertificateError::NotValidYet.into());
    }
    if now > validity.not_after.to_unix_duration().as_secs() {
        return Err(CertificateError::Expired.into());
    }
    Ok(())
}

/// The host name check of `verify-full`: the certificate's subject alternative names (webpki),
/// or, for a host name when the certificate names no DNS host there, its subject's common name
/// (as OpenSSL's `X509_check_host` does). An address is checked against the IP addresses the
/// certificate names, and nothing else (`X509_check_ip`).
fn check_name(der: &CertificateDer<'_>, server_name: &ServerName<'_>) -> Result<(), rustls::Error> {
    let by_webpki =
        ParsedCertificate::try_from(der).and_then(|c| verify_server_name(&c, server_name));
    let ServerName::DnsName(host) = server_name else {
        return by_webpki;
    };
    if by_webpki.is_ok() {
        return by_webpki;
    }
    let cert = parse(der)?;
    let tbs = cert.tbs_certificate();
    let dns_names = match tbs.get_extension::<SubjectAltName>() {
        Ok(Some((_, san))) => san.0.iter().any(|n| matches!(n, GeneralName::DnsName(_))),
        Ok(None) => false,
        Err(_) => return Err(CertificateError::BadEncoding.into()),
    };
    let common_name = tbs.subject().common_name().ok().flatten();
    match common_name {
        Some(cn) if !dns_names && name_matches(&cn.value(), host.as_ref()) => Ok(()),
        _ => Err(CertificateError::NotValidForName.into()),
    }
}

/// Whether a certificate's name `pattern` names `host`: equal but for ASCII case, or a wildcard
/// as the whole leftmost label of a name of three labels or more (`*.example.com`) standing for
/// exactly one label of the host (OpenSSL's `X509_CHECK_FLAG_NO_PARTIAL_WILDCARDS`, which libpq
/// uses).
pub fn name_matches(pattern: &str, host: &str) -> bool {
    let host = host.strip_suffix('.').unwrap_or(host);
    if pattern.eq_ignore_ascii_case(host) {
        return true;
    }
    let Some(suffix) = pattern.strip_prefix("*.") else {
        return false;
    };
    if !suffix.contains('.') || suffix.contains('*') {
        return false;
    }
    match host.split_once('.') {
        Some((label, rest)) => {
            !label.is_empty() && !label.contains('*') && rest.eq_ignore_ascii_case(suffix)
        }
        None => false,
    }
}

impl<S> MakeTlsConnect<S> for MakeTls
where
    S: AsyncRead + AsyncWrite + Unpin + fmt::Debug + Send + Sync + 'static,
{
    type Stream = TlsStream<S>;
    type TlsConnect = Connect;
    type Error = rustls::pki_types::InvalidDnsNameError;

    fn make_tls_connect(&mut self, domain: &str) -> Result<Connect, Self::Error> {
        let name = match domain.parse::<IpAddr>() {
            Ok(ip) => ServerName::IpAddress(ip.into()),
            Err(_) => ServerName::try_from(domain.to_string())?,
        };
        Ok(Connect {
            config: self.config.clone(),
            name,
        })
    }
}

/// One connection's TLS session, before its handshake.
pub struct Connect {
    config: Arc<ClientConfig>,
    name: ServerName<'static>,
}

type Connecting<S> = Pin<
    Box<dyn Future<Output = Result<TlsStream<S>, Box<dyn std::error::Error + Send + Sync>>> + Send>,
>;

impl<S> TlsConnect<S> for Connect
where
    S: AsyncRead + AsyncWrite + Unpin + Send + 'static,
{
    type Stream = TlsStream<S>;
    type Error = Box<dyn std::error::Error + Send + Sync>;
    type Future = Connecting<S>;

    fn connect(self, stream: S) -> Self::Future {
        Box::pin(async move {
            let connector = TlsConnector::from(self.config);
            match connector
                .connect(self.name, BufReader::with_capacity(8192, stream))
                .await
            {
                Ok(stream) => Ok(TlsStream(stream)),
                Err(error) => Err(Box::new(HandshakeError(error)) as _),
            }
        })
    }
}

/// A failed handshake, saying so in OpenSSL's words when the server's certificate was refused.
#[derive(Debug)]
struct HandshakeError(io::Error);

impl fmt::Display for HandshakeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self
            .0
            .get_ref()
            .and_then(|e| e.downcast_ref::<rustls::Error>())
        {
            Some(rustls::Error::InvalidCertificate(why)) => {
                write!(f, "certificate verify failed: {}", refusal(why))
            }
            _ => fmt::Display::fmt(&self.0, f),
        }
    }
}

/// Why a certificate was refused, in a few words.
fn refusal(why: &CertificateError) -> String {
    match why {
        CertificateError::UnknownIssuer => "it is not signed by a trusted root".into(),
        CertificateError::NotValidForName | CertificateError::NotValidForNameContext { .. } => {
            "it does not name the host".into()
        }
        CertificateError::Expired | CertificateError::ExpiredContext { .. } => {
            "it has expired".into()
        }
        CertificateError::NotValidYet | CertificateError::NotValidYetContext { .. } => {
            "it is not valid yet".into()
        }
        CertificateError::Other(other) => match other.0.downcast_ref::<webpki::Error>() {
            Some(webpki::Error::CaUsedAsEndEntity) => {
                "it is a CA's certificate, and not one of the trusted roots".into()
            }
            Some(e) => e.to_string(),
            None => other.to_string(),
        },
        other => format!("{other:?}"),
    }
}

impl std::error::Error for HandshakeError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&self.0)
    }
}

/// An encrypted connection.
pub struct TlsStream<S>(tokio_rustls::client::TlsStream<BufReader<S>>);

impl<S: AsyncRead + AsyncWrite + Unpin> AsyncRead for TlsStream<S> {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        Pin::new(&mut self.0).poll_read(cx, buf)
    }
}

impl<S: AsyncRead + AsyncWrite + Unpin> AsyncWrite for TlsStream<S> {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        Pin::new(&mut self.0).poll_write(cx, buf)
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.0).poll_flush(cx)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.0).poll_shutdown(cx)
    }
}

impl<S: AsyncRead + AsyncWrite + Unpin> tls::TlsStream for TlsStream<S> {
    /// `tls-server-end-point` (RFC 5929), for SCRAM with channel binding.
    fn channel_binding(&self) -> ChannelBinding {
        let (_, session) = self.0.get_ref();
        match session
            .peer_certificates()
            .and_then(|certs| certs.first())
            .and_then(server_end_point)
        {
            Some(digest) => ChannelBinding::tls_server_end_point(digest),
            None => ChannelBinding::none(),
        }
    }
}

/// The hash of the server's certificate, by the hash of its signature (SHA-256 for MD5 and
/// SHA-1), as RFC 5929 defines it; none for a signature without a hash of its own (RSA-PSS,
/// whose hash is in its parameters, and Ed25519), as OpenSSL's digest lookup gives none.
pub fn server_end_point(der: &CertificateDer<'_>) -> Option<Vec<u8>> {
    use sha2::Digest;
    let cert = Certificate::from_der(der).ok()?;
    let oid = cert.signature_algorithm().oid.to_string();
    let hash = match oid.as_str() {
        // md5WithRSAEncryption, sha1WithRSAEncryption, ecdsa-with-SHA1, then SHA-256's.
        "1.2.840.113549.1.1.4"
        | "1.2.840.113549.1.1.5"
        | "1.2.840.10045.4.1"
        | "1.2.840.113549.1.1.11"
        | "1.2.840.10045.4.3.2" => sha2::Sha256::digest(der).to_vec(),
        "1.2.840.113549.1.1.14" | "1.2.840.10045.4.3.1" => sha2::Sha224::digest(der).to_vec(),
        "1.2.840.113549.1.1.12" | "1.2.840.10045.4.3.3" => sha2::Sha384::digest(der).to_vec(),
        "1.2.840.113549.1.1.13" | "1.2.840.10045.4.3.4" => sha2::Sha512::digest(der).to_vec(),
        _ => return None,
    };
    Some(hash)
}

#[cfg(test)]
mod tests {
    use super::*;
    use rcgen::{
        BasicConstraints, CertificateParams, DnType, IsCa, Issuer, KeyPair, SanType, date_time_ymd,
    };

    /// A certificate for `cn` with these alternative names, self-signed (`issuer` None) or
    /// signed by `issuer`; a CA's when `ca`.
    fn cert(
        cn: &str,
        sans: Vec<SanType>,
        ca: bool,
        issuer: Option<&Issuer<'_, KeyPair>>,
    ) -> (CertificateDer<'static>, CertificateParams, KeyPair) {
        let key = KeyPair::generate().unwrap();
        let mut params = CertificateParams::new(Vec::<String>::new()).unwrap();
        params.distinguished_name.push(DnType::CommonName, cn);
        params.subject_alt_names = sans;
        if ca {
            params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
        }
        let der = match issuer {
            Some(issuer) => params.signed_by(&key, issuer).unwrap(),
            None => params.self_signed(&key).unwrap(),
        }
        .der()
        .clone();
        (der, params, key)
    }

    fn dns(name: &str) -> SanType {
        SanType::DnsName(name.try_into().unwrap())
    }

    fn verifier(roots: &[&CertificateDer<'static>], check_host: bool) -> LibpqVerifier {
        LibpqVerifier {
            checks: Checks {
                roots: Roots::new(roots.iter().map(|c| (*c).clone()).collect()),
                check_host,
            },
            #[allow(deprecated)]
            provider: Arc::new(rustls::crypto::ring::default_provider()),
        }
    }

    fn check(
        v: &LibpqVerifier,
        cert: &CertificateDer<'static>,
        host: &str,
    ) -> Result<(), CertificateError> {
        let name = match host.parse::<IpAddr>() {
            Ok(ip) => ServerName::IpAddress(ip.into()),
            Err(_) => ServerName::try_from(host.to_string()).unwrap(),
        };
        let now = UnixTime::since_unix_epoch(std::time::Duration::from_secs(1_796_000_000));
        match v.verify_server_cert(cert, &[], &name, &[], now) {
            Ok(_) => Ok(()),
            Err(rustls::Error::InvalidCertificate(e)) => Err(e),
            Err(other) => panic!("{other}"),
        }
    }

    fn is_unknown_issuer(r: Result<(), CertificateError>) -> bool {
        matches!(r, Err(CertificateError::UnknownIssuer))
    }

    fn is_wrong_name(r: Result<(), CertificateError>) -> bool {
        matches!(
            r,
            Err(CertificateError::NotValidForName | CertificateError::NotValidForNameContext { .. })
        )
    }

    /// The certificate PostgreSQL's documentation makes (`openssl req -new -x509 -subj
    /// "/CN=dbhost.example"`): a CA certificate, named only by its common name, given as its
    /// own root. libpq takes it for verify-ca and for verify-full to that host; webpki alone
    /// refuses it twice (a CA as the server, no alternative name).
    #[test]
    fn the_self_signed_server_certificate_of_postgresqls_documentation_is_taken() {
        let (server, _, _) = cert("dbhost.example", vec![], true, None);
        let (other, _, _) = cert("dbhost.example", vec![], true, None);
        assert!(check(&verifier(&[&server], false), &server, "dbhost.example").is_ok());
        assert!(check(&verifier(&[&server], true), &server, "dbhost.example").is_ok());
        assert!(check(&verifier(&[&server], true), &server, "DBHOST.example").is_ok());
        assert!(is_wrong_name(check(
            &verifier(&[&server], true),
            &server,
            "other.example"
        )));
        assert!(is_wrong_name(check(
            &verifier(&[&server], true),
            &server,
            "127.0.0.1"
        )));
        // The same name and shape under another key is another certificate.
        let r = check(&verifier(&[&other], false), &server, "dbhost.example");
        match r {
            Err(why) => assert_eq!(
                refusal(&why),
                "it is a CA's certificate, and not one of the trusted roots"
            ),
            Ok(()) => panic!("taken under another root"),
        }
        // Without roots (sslmode=require) nothing is checked.
        assert!(check(&verifier(&[], true), &server, "anything.example").is_ok());
    }

    #[test]
    fn a_root_taken_as_its_own_chain_must_be_in_its_time() {
        let key = KeyPair::generate().unwrap();
        let mut params = CertificateParams::new(vec!["db.example".to_string()]).unwrap();
        params.not_before = date_time_ymd(2020, 1, 1);
        params.not_after = date_time_ymd(2021, 1, 1);
        params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
        let old = params.self_signed(&key).unwrap().der().clone();
        let r = check(&verifier(&[&old], false), &old, "db.example");
        assert!(matches!(r, Err(CertificateError::Expired)), "{r:?}");
        params.not_before = date_time_ymd(2099, 1, 1);
        params.not_after = date_time_ymd(2100, 1, 1);
        let early = params.self_signed(&key).unwrap().der().clone();
        let r = check(&verifier(&[&early], false), &early, "db.example");
        assert!(matches!(r, Err(CertificateError::NotValidYet)), "{r:?}");
    }

    /// A server certificate signed by a root: its chain, then the names it holds. A host name in
    /// the alternative names is checked there alone (the common name is not looked at then);
    /// an address only against the addresses it names.
    #[test]
    fn a_chain_and_the_names_it_holds() {
        let (_, ca_params, ca_key) = cert("test root", vec![], true, None);
        let root = ca_params.self_signed(&ca_key).unwrap().der().clone();
        let issuer = Issuer::new(ca_params, ca_key);
        let sans = vec![
            dns("db.example"),
            dns("*.pool.example"),
            SanType::IpAddress("10.0.0.5".parse().unwrap()),
        ];
        let (server, _, _) = cert("cn-only.example", sans, false, Some(&issuer));
        let (stranger, _, _) = cert("other root", vec![], true, None);
        let full = verifier(&[&root], true);
        assert!(check(&verifier(&[&root], false), &server, "anything.example").is_ok());
        assert!(check(&full, &server, "db.example").is_ok());
        assert!(check(&full, &server, "a.pool.example").is_ok());
        assert!(check(&full, &server, "10.0.0.5").is_ok());
        assert!(is_wrong_name(check(&full, &server, "cn-only.example")));
        assert!(is_wrong_name(check(&full, &server, "a.b.pool.example")));
        assert!(is_wrong_name(check(&full, &server, "10.0.0.6")));
        assert!(is_unknown_issuer(check(
            &verifier(&[&stranger], false),
            &server,
            "db.example"
        )));
        // A common name that is an address does not name that address (X509_check_ip).
        let (by_cn, _, _) = cert("10.0.0.7", vec![], false, Some(&issuer));
        assert!(is_wrong_name(check(&full, &by_cn, "10.0.0.7")));
        // With no DNS alternative name, the common name names the host.
        let (ip_only, _, _) = cert(
            "named.example",
            vec![SanType::IpAddress("10.0.0.8".parse().unwrap())],
            false,
            Some(&issuer),
        );
        assert!(check(&full, &ip_only, "named.example").is_ok());
        assert!(check(&full, &ip_only, "10.0.0.8").is_ok());
    }

    #[test]
    fn common_names_match_as_openssl_matches_them_for_libpq() {
        for (pattern, host) in [
            ("db.example.com", "db.example.com"),
            ("DB.Example.com", "db.example.COM"),
            ("db.example.com", "db.example.com."),
            ("*.example.com", "db.example.com"),
            ("*.Example.com", "DB.example.com"),
        ] {
            assert!(name_matches(pattern, host), "{pattern} should name {host}");
        }
        for (pattern, host) in [
            ("db.example.com", "db.example.org"),
            ("*.example.com", "example.com"),
            ("*.example.com", "a.b.example.com"),
            ("*.example.com", ".example.com"),
            ("*.com", "example.com"),
            ("db*.example.com", "db1.example.com"),
            ("*.*.example.com", "a.b.example.com"),
            ("*", "localhost"),
            ("example.com", "*.example.com"),
        ] {
            assert!(
                !name_matches(pattern, host),
                "{pattern} should not name {host}"
            );
        }
    }

    /// RFC 5929's hash of the server's certificate: its signature's hash, SHA-256 in place of
    /// MD5 and SHA-1, none for Ed25519 (no hash of its own).
    #[test]
    fn the_channel_binding_hash_follows_the_certificates_signature() {
        use sha2::Digest;
        let make = |alg: &'static rcgen::SignatureAlgorithm| {
            let key = KeyPair::generate_for(alg).unwrap();
            CertificateParams::new(vec!["db.example".to_string()])
                .unwrap()
                .self_signed(&key)
                .unwrap()
                .der()
                .clone()
        };
        let p256 = make(&rcgen::PKCS_ECDSA_P256_SHA256);
        assert_eq!(
            server_end_point(&p256),
            Some(sha2::Sha256::digest(&p256).to_vec())
        );
        let p384 = make(&rcgen::PKCS_ECDSA_P384_SHA384);
        assert_eq!(
            server_end_point(&p384),
            Some(sha2::Sha384::digest(&p384).to_vec())
        );
        assert_eq!(server_end_point(&make(&rcgen::PKCS_ED25519)), None);
    }
}
