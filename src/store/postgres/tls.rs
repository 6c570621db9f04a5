//! TLS for PostgreSQL connections: rustls (with ring's cryptography) under the client's
//! `MakeTlsConnect` seam, with a certificate verifier of our own over webpki.
//!
//! The server's certificate is checked as creditctl checked it with OpenSSL (`X509_verify_cert`
//! with the trusted roots of `sslrootcert`, then `X509_check_host` or `X509_check_ip`), which
//! is how libpq checks it too but for its own host-name matcher. Where webpki differs from
//! OpenSSL in ways that matter to PostgreSQL's users, OpenSSL's rule is kept here:
//! - a certificate that is itself one of the self-issued roots is its own chain (OpenSSL finds
//!   it in the store), if it is within its dates and its key usages allow a TLS server: the
//!   self-signed certificate PostgreSQL's documentation makes (`openssl req -new -x509 … -subj
//!   "/CN=dbhost"`) is a CA certificate, given as its own root;
//! - a certificate that names no DNS host in its subject alternative names is checked by its
//!   subject's common names (`X509_check_host`), that certificate's only name, unless a CA on
//!   its chain constrains names (their constraints do not reach a common name in webpki);
//! - webpki's trust anchors have no dates, no basic constraints and no key usage: a root anchors
//!   chains only within its dates, and only if it may sign certificates (OpenSSL's `check_ca`);
//!   a server's own self-signed certificate among the roots signs nothing.
//!
//! Why not OpenSSL, compiled in or linked: it cost every command 0.45–0.8 ms at start, most of
//! a short command's margin (README, "What a command's start costs").

use ::postgres::tls::{self, ChannelBinding, MakeTlsConnect, TlsConnect};
use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::crypto::{CryptoProvider, verify_tls12_signature, verify_tls13_signature};
use rustls::pki_types::{CertificateDer, PrivateKeyDer, ServerName, TrustAnchor, UnixTime};
use rustls::{CertificateError, ClientConfig, DigitallySignedStruct, OtherError};
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
use x509_cert::certificate::Version;
use x509_cert::der::Decode;
use x509_cert::der::oid::db::rfc4519::COMMON_NAME;
use x509_cert::ext::pkix::name::GeneralName;
use x509_cert::ext::pkix::{
    BasicConstraints, ExtendedKeyUsage, KeyUsage, NameConstraints, SubjectAltName,
};

/// The trusted roots, from a root certificate file or the system's, sorted as OpenSSL would use
/// them: a self-issued certificate that may sign certificates (OpenSSL's `check_ca`) is a trust
/// anchor, with its dates; a self-issued one that may not (a server's own, `CA:FALSE`) is
/// trusted as the server's own certificate only; the others (an intermediate CA kept in the file
/// with its root) may complete a chain, as OpenSSL would find them in its store, but anchor none.
pub struct Roots {
    anchors: Vec<Root>,
    /// Every self-issued root kept, anchoring or not: what a server may send as its own.
    own: Vec<CertificateDer<'static>>,
    intermediates: Vec<CertificateDer<'static>>,
}

/// A trust anchor and its certificate's dates.
struct Root {
    anchor: TrustAnchor<'static>,
    /// notBefore and notAfter, in seconds since 1970.
    dates: (u64, u64),
}

impl Roots {
    /// The roots among `certs`; `None` when there is none. Certificates webpki cannot read are
    /// left out (no chain could use them).
    pub fn new(certs: Vec<CertificateDer<'static>>) -> Option<Roots> {
        let mut roots = Roots {
            anchors: Vec::new(),
            own: Vec::new(),
            intermediates: Vec::new(),
        };
        for der in certs {
            let self_issued = Certificate::from_der(&der)
                .ok()
                .filter(|c| c.tbs_certificate().issuer() == c.tbs_certificate().subject());
            let Some(cert) = self_issued else {
                if webpki::EndEntityCert::try_from(&der).is_ok() {
                    roots.intermediates.push(der);
                }
                continue;
            };
            if may_sign(&cert) {
                let Ok(anchor) = webpki::anchor_from_trusted_cert(&der).map(|a| a.to_owned())
                else {
                    continue;
                };
                let dates = dates(&cert);
                roots.anchors.push(Root { anchor, dates });
            }
            roots.own.push(der);
        }
        (!roots.own.is_empty()).then_some(roots)
    }
}

/// Whether a certificate may sign others, as OpenSSL's `check_ca` decides: its key usage, if it
/// has one, allows signing certificates, and its basic constraints say it is a CA, or it has
/// none and is a version 1 certificate or has a key usage.
fn may_sign(cert: &Certificate) -> bool {
    let tbs = cert.tbs_certificate();
    let Ok(usage) = tbs.get_extension::<KeyUsage>() else {
        return false;
    };
    if usage.as_ref().is_some_and(|(_, u)| !u.key_cert_sign()) {
        return false;
    }
    match tbs.get_extension::<BasicConstraints>() {
        Ok(Some((_, constraints))) => constraints.ca,
        Ok(None) => tbs.version() == Version::V1 || usage.is_some(),
        Err(_) => false,
    }
}

/// What the server's certificate is checked for: nothing (`prefer` and `require` without a
/// root certificate file), its chain to the roots (`verify-ca`, or a root file there), or its
/// chain and the host connected to (`verify-full`).
pub enum Checks {
    Nothing,
    Chain(Roots),
    ChainAndHost(Roots),
}

/// A client certificate and its key, for servers that ask for one.
pub type ClientCert = (Vec<CertificateDer<'static>>, PrivateKeyDer<'static>);

/// Makes a TLS session per connection from one client configuration.
#[derive(Clone)]
pub struct MakeTls {
    config: Arc<ClientConfig>,
    /// Whether the host's name is checked (`verify-full`).
    check_host: bool,
}

impl MakeTls {
    /// TLS 1.2 and 1.3 (PostgreSQL's own minimum is 1.2), ring's cryptography, the server's
    /// certificate checked by [`Checks`], and the ALPN name PostgreSQL 17 and newer expect
    /// (as libpq sends it; older servers ignore it).
    pub fn new(checks: Checks, client: Option<ClientCert>) -> Result<MakeTls, rustls::Error> {
        // ring's, deprecated since rustls 0.23.48 for having no post-quantum key exchange: the
        // other provider, aws-lc-rs, is a C library of OpenSSL's kind and size, with its start
        // cost (README, "What a command's start costs").
        let provider = Arc::new(provider());
        let check_host = matches!(checks, Checks::ChainAndHost(_));
        let verifier = Arc::new(LibpqVerifier {
            checks,
            provider: provider.clone(),
        });
        let builder = ClientConfig::builder_with_provider(provider)
            .with_protocol_versions(&[&version::TLS13, &version::TLS12])?
            .dangerous()
            .with_custom_certificate_verifier(verifier);
        let mut config = match client {
            Some((chain, key)) => builder.with_client_auth_cert(chain, key)?,
            None => builder.with_no_client_auth(),
        };
        config.alpn_protocols = vec![b"postgresql".to_vec()];
        Ok(MakeTls {
            config: Arc::new(config),
            check_host,
        })
    }
}

/// ring's cryptography, its key exchange groups in the order PostgreSQL's servers take them.
/// A client sends its key share for its first group only, and ring's order starts with P-384,
/// which no PostgreSQL server takes by default: up to 17 a server takes only its
/// `ssl_ecdh_curve`, P-256 (`prime256v1`) unless set otherwise, and 18's `ssl_groups` are
/// X25519 and P-256. The P-384 share cost every TLS connection 5.9 million instructions (about
/// 1.5 ms of CPU here, most of a TLS handshake's cost to the client), and the server's answer
/// asking for P-256 instead one more round trip. P-256 first is taken at once by both; the
/// others stay for servers set otherwise (they ask for theirs, as before).
fn provider() -> CryptoProvider {
    use rustls::crypto::ring::kx_group::{SECP256R1, SECP384R1, X25519};
    #[allow(deprecated)]
    CryptoProvider {
        kx_groups: vec![SECP256R1, X25519, SECP384R1],
        ..rustls::crypto::ring::default_provider()
    }
}

/// The server certificate's checks (see the module's comment). The handshake's signature is
/// checked with the certificate's key whatever the checks, by rustls's own functions.
struct LibpqVerifier {
    checks: Checks,
    provider: Arc<CryptoProvider>,
}

impl fmt::Debug for LibpqVerifier {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let checks = match &self.checks {
            Checks::Nothing => "nothing",
            Checks::Chain(_) => "chain",
            Checks::ChainAndHost(_) => "chain and host",
        };
        f.debug_struct("LibpqVerifier")
            .field("checks", &checks)
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
        let (roots, check_host) = match &self.checks {
            Checks::Nothing => return Ok(ServerCertVerified::assertion()),
            Checks::Chain(roots) => (roots, false),
            Checks::ChainAndHost(roots) => (roots, true),
        };
        // The names a CA on the chain constrains, if any: then no common name is taken.
        let constrained = match self.chain(roots, end_entity, intermediates, now) {
            Ok(constrained) => constrained,
            Err(_) if is_root(roots, end_entity) => {
                own_root(end_entity, now)?;
                false
            }
            Err(refused) => return Err(refused),
        };
        if check_host {
            check_name(end_entity, server_name, constrained)?;
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

impl LibpqVerifier {
    /// The server certificate's chain to a root within its dates (webpki, which tries another
    /// chain when a root is out of its dates), with the intermediates the server sent and
    /// those of the root file. Returns whether a CA on the chain constrains names.
    fn chain(
        &self,
        roots: &Roots,
        end_entity: &CertificateDer<'_>,
        sent: &[CertificateDer<'_>],
        now: UnixTime,
    ) -> Result<bool, rustls::Error> {
        let cert = webpki::EndEntityCert::try_from(end_entity).map_err(refusal_of)?;
        // What webpki cannot read, it cannot build a chain with (and its error would stand
        // for every other refusal).
        let intermediates: Vec<CertificateDer<'_>> = sent
            .iter()
            .filter(|c| webpki::EndEntityCert::try_from(*c).is_ok())
            .cloned()
            .chain(roots.intermediates.iter().cloned())
            .collect();
        let anchors: Vec<TrustAnchor<'_>> =
            roots.anchors.iter().map(|r| r.anchor.clone()).collect();
        let root_out_of_dates = std::cell::Cell::new(false);
        let root_in_dates = |path: &webpki::VerifiedPath<'_>| {
            let root = anchors
                .iter()
                .position(|a| std::ptr::eq(a, path.anchor()))
                .map(|i| &roots.anchors[i]);
            match root {
                Some(root) if in_dates(root.dates, now.as_secs()).is_ok() => Ok(()),
                _ => {
                    root_out_of_dates.set(true);
                    Err(webpki::Error::CertExpired {
                        time: now,
                        not_after: now,
                    })
                }
            }
        };
        let path = cert
            .verify_for_usage(
                self.provider.signature_verification_algorithms.all,
                &anchors,
                &intermediates,
                now,
                webpki::KeyUsage::server_auth(),
                None,
                Some(&root_in_dates),
            )
            .map_err(|e| match e {
                webpki::Error::CertExpired { .. } if root_out_of_dates.get() => {
                    CertificateError::Other(OtherError(Arc::new(RootOutOfDates))).into()
                }
                e => refusal_of(e),
            })?;
        let constrained = path.anchor().name_constraints.is_some()
            || path
                .intermediate_certificates()
                .any(|c| constrains_names(&c.der()));
        Ok(constrained)
    }
}

/// Whether `der` is one of the self-issued roots, byte for byte.
fn is_root(roots: &Roots, der: &CertificateDer<'_>) -> bool {
    roots.own.iter().any(|own| own.as_ref() == der.as_ref())
}

/// Every chain the server's certificate has ends at a root out of its dates.
#[derive(Debug)]
struct RootOutOfDates;

impl fmt::Display for RootOutOfDates {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("the root it chains to is out of its dates")
    }
}

impl std::error::Error for RootOutOfDates {}

/// A trusted root presented as the server's own certificate: taken when it is within its dates
/// and its key usages allow a TLS server (OpenSSL's purpose check: serverAuth among its extended
/// key usages, and a signature or key exchange among its key usages, each if it has them).
fn own_root(der: &CertificateDer<'_>, now: UnixTime) -> Result<(), rustls::Error> {
    let cert = parse(der)?;
    in_dates(dates(&cert), now.as_secs())?;
    let tbs = cert.tbs_certificate();
    let bad = |_| CertificateError::BadEncoding;
    if let Some((_, extended)) = tbs.get_extension::<ExtendedKeyUsage>().map_err(bad)? {
        const SERVER_AUTH: &str = "1.3.6.1.5.5.7.3.1";
        if !extended.0.iter().any(|oid| oid.to_string() == SERVER_AUTH) {
            return Err(CertificateError::InvalidPurpose.into());
        }
    }
    if let Some((_, usage)) = tbs.get_extension::<KeyUsage>().map_err(bad)?
        && !(usage.digital_signature() || usage.key_encipherment() || usage.key_agreement())
    {
        return Err(CertificateError::InvalidPurpose.into());
    }
    Ok(())
}

/// Whether a CA certificate carries name constraints.
fn constrains_names(der: &CertificateDer<'_>) -> bool {
    match Certificate::from_der(der) {
        Ok(cert) => !matches!(
            cert.tbs_certificate().get_extension::<NameConstraints>(),
            Ok(None)
        ),
        // Unreadable here but read by webpki: taken as constraining (no common name then).
        Err(_) => true,
    }
}

/// A webpki refusal as rustls names it.
fn refusal_of(e: webpki::Error) -> rustls::Error {
    use webpki::Error as W;
    let why = match e {
        W::UnknownIssuer => CertificateError::UnknownIssuer,
        W::CertExpired { .. } | W::InvalidCertValidity => CertificateError::Expired,
        W::CertNotValidYet { .. } => CertificateError::NotValidYet,
        W::CertNotValidForName(_) => CertificateError::NotValidForName,
        W::InvalidSignatureForPublicKey => CertificateError::BadSignature,
        W::BadDer | W::BadDerTime => CertificateError::BadEncoding,
        other => CertificateError::Other(OtherError(Arc::new(other))),
    };
    why.into()
}

fn parse(der: &CertificateDer<'_>) -> Result<Certificate, rustls::Error> {
    Certificate::from_der(der).map_err(|_| CertificateError::BadEncoding.into())
}

/// notBefore and notAfter, in seconds since 1970.
fn dates(cert: &Certificate) -> (u64, u64) {
    let validity = cert.tbs_certificate().validity();
    (
        validity.not_before.to_unix_duration().as_secs(),
        validity.not_after.to_unix_duration().as_secs(),
    )
}

/// Refuses a certificate outside its dates at `now` (both ends included, as in OpenSSL).
fn in_dates((not_before, not_after): (u64, u64), now: u64) -> Result<(), rustls::Error> {
    if now < not_before {
        return Err(CertificateError::NotValidYet.into());
    }
    if now > not_after {
        return Err(CertificateError::Expired.into());
    }
    Ok(())
}

/// The host name check of `verify-full`: the certificate's subject alternative names (webpki:
/// a host name against its DNS names, an address against its IP addresses, as OpenSSL's
/// `X509_check_host` and `X509_check_ip`), or, for a host name when the certificate names no
/// DNS host and no CA on its chain constrains names, its subject's common names (as
/// `X509_check_host` does).
fn check_name(
    der: &CertificateDer<'_>,
    server_name: &ServerName<'_>,
    constrained: bool,
) -> Result<(), rustls::Error> {
    let wrong_name = || -> rustls::Error { CertificateError::NotValidForName.into() };
    let by_webpki = webpki::EndEntityCert::try_from(der)
        .and_then(|cert| cert.verify_is_valid_for_subject_name(server_name))
        .map_err(refusal_of);
    let host = match (server_name, &by_webpki) {
        (
            ServerName::DnsName(host),
            Err(rustls::Error::InvalidCertificate(CertificateError::NotValidForName)),
        ) => host.as_ref(),
        _ => return by_webpki,
    };
    let cert = parse(der)?;
    let tbs = cert.tbs_certificate();
    let alternative = tbs
        .get_extension::<SubjectAltName>()
        .map_err(|_| CertificateError::BadEncoding)?;
    let names_a_host = alternative
        .iter()
        .flat_map(|(_, san)| san.0.iter())
        .any(|n| matches!(n, GeneralName::DnsName(_)));
    if names_a_host || constrained {
        return Err(wrong_name());
    }
    let named = tbs
        .subject()
        .iter()
        .filter(|atv| atv.oid == COMMON_NAME)
        .filter_map(|atv| x509_cert::ext::pkix::name::DirectoryString::try_from(&atv.value).ok())
        .any(|cn| name_matches(&cn.value(), host));
    if named { Ok(()) } else { Err(wrong_name()) }
}

/// Whether a certificate's name `pattern` names `host`: equal but for ASCII case, or a wildcard
/// as the whole leftmost label of a name of three labels or more (`*.example.com`) standing for
/// exactly one label of letters, digits and hyphens (OpenSSL's `X509_check_host` with
/// `X509_CHECK_FLAG_NO_PARTIAL_WILDCARDS`, as creditctl used it).
fn name_matches(pattern: &str, host: &str) -> bool {
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
            !label.is_empty()
                && label
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-')
                && rest.eq_ignore_ascii_case(suffix)
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

    /// The server's name for the session: its address (an IPv6 address without its zone,
    /// `fe80::1%eth0`), or its host name, sent as SNI. Given neither (a name rustls cannot take,
    /// such as one ending in a number, or none), a session whose host is not checked goes
    /// without SNI, as libpq's goes for an address; `verify-full` has no name to check then,
    /// and is refused.
    fn make_tls_connect(&mut self, domain: &str) -> Result<Connect, Self::Error> {
        let address = domain.split('%').next().unwrap_or(domain);
        let name = match address.parse::<IpAddr>() {
            Ok(ip) => ServerName::IpAddress(ip.into()),
            Err(_) => match ServerName::try_from(domain.to_string()) {
                Ok(name) => name,
                Err(_) if !self.check_host => ServerName::IpAddress(IpAddr::from([0u8; 4]).into()),
                Err(e) => return Err(e),
            },
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
        CertificateError::NotValidForName => "it does not name the host".into(),
        CertificateError::Expired => "it has expired".into(),
        CertificateError::NotValidYet => "it is not valid yet".into(),
        CertificateError::Other(other) => match other.0.downcast_ref::<webpki::Error>() {
            Some(webpki::Error::CaUsedAsEndEntity) => {
                "it is a CA's certificate, and not one of the trusted roots".into()
            }
            Some(e) => e.to_string(),
            None => other.0.to_string(),
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
fn server_end_point(der: &CertificateDer<'_>) -> Option<Vec<u8>> {
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
        BasicConstraints, CertificateParams, DnType, ExtendedKeyUsagePurpose, GeneralSubtree, IsCa,
        Issuer, KeyPair, KeyUsagePurpose, SanType, date_time_ymd,
    };

    /// A made certificate, its parameters and its key (an issuer for the certificates below it
    /// when it is a CA's).
    struct Made {
        der: CertificateDer<'static>,
        params: CertificateParams,
        key: KeyPair,
    }

    impl Made {
        fn issuer(&self) -> Issuer<'_, &KeyPair> {
            Issuer::from_params(&self.params, &self.key)
        }
    }

    /// A certificate for `cn` with these alternative names, shaped by `shape`, self-signed
    /// (`issuer` None) or signed by `issuer`.
    fn made(
        cn: &str,
        sans: Vec<SanType>,
        shape: impl FnOnce(&mut CertificateParams),
        issuer: Option<&Issuer<'_, &KeyPair>>,
    ) -> Made {
        let key = KeyPair::generate().unwrap();
        let mut params = CertificateParams::new(Vec::<String>::new()).unwrap();
        params.distinguished_name.push(DnType::CommonName, cn);
        params.subject_alt_names = sans;
        shape(&mut params);
        let der = match issuer {
            Some(issuer) => params.signed_by(&key, issuer).unwrap(),
            None => params.self_signed(&key).unwrap(),
        }
        .der()
        .clone();
        Made { der, params, key }
    }

    fn ca(p: &mut CertificateParams) {
        p.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    }

    fn leaf(_: &mut CertificateParams) {}

    fn dns(name: &str) -> SanType {
        SanType::DnsName(name.try_into().unwrap())
    }

    fn provider() -> Arc<CryptoProvider> {
        #[allow(deprecated)]
        Arc::new(rustls::crypto::ring::default_provider())
    }

    fn verifier(roots: &[&CertificateDer<'static>], check_host: bool) -> LibpqVerifier {
        let roots = Roots::new(roots.iter().map(|c| (*c).clone()).collect());
        let checks = match (roots, check_host) {
            (None, _) => Checks::Nothing,
            (Some(r), true) => Checks::ChainAndHost(r),
            (Some(r), false) => Checks::Chain(r),
        };
        LibpqVerifier {
            checks,
            provider: provider(),
        }
    }

    /// 2026-11-30: within the made certificates' default dates (1975 to 4096).
    const NOW: u64 = 1_796_000_000;

    fn check_sent(
        v: &LibpqVerifier,
        cert: &CertificateDer<'static>,
        sent: &[CertificateDer<'static>],
        host: &str,
    ) -> Result<(), CertificateError> {
        let name = match host.parse::<IpAddr>() {
            Ok(ip) => ServerName::IpAddress(ip.into()),
            Err(_) => ServerName::try_from(host.to_string()).unwrap(),
        };
        let now = UnixTime::since_unix_epoch(std::time::Duration::from_secs(NOW));
        match v.verify_server_cert(cert, sent, &name, &[], now) {
            Ok(_) => Ok(()),
            Err(rustls::Error::InvalidCertificate(e)) => Err(e),
            Err(other) => panic!("{other}"),
        }
    }

    fn check(
        v: &LibpqVerifier,
        cert: &CertificateDer<'static>,
        host: &str,
    ) -> Result<(), CertificateError> {
        check_sent(v, cert, &[], host)
    }

    fn is_unknown_issuer(r: Result<(), CertificateError>) -> bool {
        matches!(r, Err(CertificateError::UnknownIssuer))
    }

    fn is_wrong_name(r: Result<(), CertificateError>) -> bool {
        matches!(r, Err(CertificateError::NotValidForName))
    }

    /// The certificate PostgreSQL's documentation makes (`openssl req -new -x509 -subj
    /// "/CN=dbhost.example"`): a CA certificate, named only by its common name, given as its
    /// own root. OpenSSL takes it for verify-ca and for verify-full to that host; webpki alone
    /// refuses it twice (a CA as the server, no alternative name).
    #[test]
    fn the_self_signed_server_certificate_of_postgresqls_documentation_is_taken() {
        let server = made("dbhost.example", vec![], ca, None).der;
        let other = made("dbhost.example", vec![], ca, None).der;
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
        match check(&verifier(&[&other], false), &server, "dbhost.example") {
            Err(why) => assert_eq!(
                refusal(&why),
                "it is a CA's certificate, and not one of the trusted roots"
            ),
            Ok(()) => panic!("taken under another root"),
        }
        // Without roots (sslmode=require) nothing is checked.
        assert!(check(&verifier(&[], true), &server, "anything.example").is_ok());
    }

    /// A root taken as the server's own certificate is within its dates, and not kept from
    /// serving TLS servers by its extended key usage.
    #[test]
    fn a_root_taken_as_its_own_chain_is_in_its_dates_and_fit_for_a_server() {
        // A CA certificate for db.example, shaped by `shape`, sent as the server's own and
        // trusted as the only root.
        let own_root = |shape: &dyn Fn(&mut CertificateParams)| {
            let shaped = |p: &mut CertificateParams| {
                ca(p);
                shape(p);
            };
            let cert = made("db.example", vec![dns("db.example")], shaped, None).der;
            check(&verifier(&[&cert], false), &cert, "db.example")
        };
        let dated = |from: i32, to: i32| {
            move |p: &mut CertificateParams| {
                p.not_before = date_time_ymd(from, 1, 1);
                p.not_after = date_time_ymd(to, 1, 1);
            }
        };
        let r = own_root(&dated(2020, 2021));
        assert!(matches!(r, Err(CertificateError::Expired)), "{r:?}");
        let r = own_root(&dated(2099, 2100));
        assert!(matches!(r, Err(CertificateError::NotValidYet)), "{r:?}");
        let r = own_root(&|p| p.extended_key_usages = vec![ExtendedKeyUsagePurpose::ClientAuth]);
        assert!(matches!(r, Err(CertificateError::InvalidPurpose)), "{r:?}");
        let r = own_root(&|p| p.key_usages = vec![KeyUsagePurpose::KeyCertSign]);
        assert!(matches!(r, Err(CertificateError::InvalidPurpose)), "{r:?}");
        let r = own_root(&|p| {
            p.extended_key_usages = vec![
                ExtendedKeyUsagePurpose::ClientAuth,
                ExtendedKeyUsagePurpose::ServerAuth,
            ]
        });
        assert!(r.is_ok(), "{r:?}");
        let r = own_root(&|p| {
            p.key_usages = vec![
                KeyUsagePurpose::KeyCertSign,
                KeyUsagePurpose::DigitalSignature,
            ]
        });
        assert!(r.is_ok(), "{r:?}");
    }

    /// A server certificate signed by a root: its chain, then the names it holds. A host name in
    /// the alternative names is checked there alone (the common name is not looked at then);
    /// an address only against the addresses it names.
    #[test]
    fn a_chain_and_the_names_it_holds() {
        let root = made("test root", vec![], ca, None);
        let sans = vec![
            dns("db.example"),
            dns("*.pool.example"),
            SanType::IpAddress("10.0.0.5".parse().unwrap()),
        ];
        let server = made("cn-only.example", sans, leaf, Some(&root.issuer())).der;
        let stranger = made("other root", vec![], ca, None).der;
        let full = verifier(&[&root.der], true);
        assert!(check(&verifier(&[&root.der], false), &server, "anything.example").is_ok());
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
        let by_cn = made("10.0.0.7", vec![], leaf, Some(&root.issuer())).der;
        assert!(is_wrong_name(check(&full, &by_cn, "10.0.0.7")));
        // With no DNS alternative name, the common names name the host.
        let ip_only = made(
            "named.example",
            vec![SanType::IpAddress("10.0.0.8".parse().unwrap())],
            |p| p.distinguished_name.push(DnType::OrganizationName, "x"),
            Some(&root.issuer()),
        )
        .der;
        assert!(check(&full, &ip_only, "named.example").is_ok());
        assert!(check(&full, &ip_only, "10.0.0.8").is_ok());
    }

    /// OpenSSL checks the root's dates; webpki's trust anchors have none. A root out of its
    /// dates anchors nothing.
    #[test]
    fn a_root_out_of_its_dates_anchors_nothing() {
        let root = made(
            "old root",
            vec![],
            |p| {
                ca(p);
                p.not_before = date_time_ymd(2010, 1, 1);
                p.not_after = date_time_ymd(2020, 1, 1);
            },
            None,
        );
        let server = made(
            "db.example",
            vec![dns("db.example")],
            leaf,
            Some(&root.issuer()),
        )
        .der;
        match check(&verifier(&[&root.der], true), &server, "db.example") {
            Err(why) => assert_eq!(refusal(&why), "the root it chains to is out of its dates"),
            Ok(()) => panic!("taken under a root out of its dates"),
        }
        // The same root renewed (its name and key, new dates) beside it: webpki tries the
        // other chain, and the server is taken.
        let mut renewed = root.params.clone();
        renewed.not_after = date_time_ymd(2040, 1, 1);
        let renewed = renewed.self_signed(&root.key).unwrap().der().clone();
        let both = verifier(&[&root.der, &renewed], true);
        assert!(check(&both, &server, "db.example").is_ok());
    }

    /// Only a self-issued certificate of the root file is a root; an intermediate there may
    /// complete a chain to one (as OpenSSL's store does), but is no root of its own.
    #[test]
    fn an_intermediate_in_the_root_file_completes_a_chain_but_is_no_root() {
        let root = made("root", vec![], ca, None);
        let middle = made("intermediate", vec![], ca, Some(&root.issuer()));
        let server = made(
            "db.example",
            vec![dns("db.example")],
            leaf,
            Some(&middle.issuer()),
        )
        .der;
        assert!(Roots::new(vec![middle.der.clone()]).is_none());
        let only_root = verifier(&[&root.der], true);
        assert!(is_unknown_issuer(check(&only_root, &server, "db.example")));
        let sent = [middle.der.clone()];
        assert!(check_sent(&only_root, &server, &sent, "db.example").is_ok());
        let both = verifier(&[&root.der, &middle.der], true);
        assert!(check(&both, &server, "db.example").is_ok());
        // The intermediate is not a root the server may send as its own certificate.
        assert!(check(&both, &middle.der, "intermediate").is_err());
    }

    /// A self-signed server certificate (`CA:FALSE`, as Debian's snakeoil one) in the root file
    /// is trusted as that server's own certificate, and signs nothing (OpenSSL's `check_ca`).
    #[test]
    fn a_servers_own_certificate_among_the_roots_signs_nothing() {
        let own = made("a.example", vec![dns("a.example")], leaf, None);
        assert!(check(&verifier(&[&own.der], true), &own.der, "a.example").is_ok());
        let signed = made(
            "b.example",
            vec![dns("b.example")],
            leaf,
            Some(&own.issuer()),
        )
        .der;
        let r = check(&verifier(&[&own.der], true), &signed, "b.example");
        assert!(is_unknown_issuer(r));
    }

    /// A CA that constrains names constrains the alternative names (webpki), and a certificate
    /// under it without one is not taken by its common name, which webpki does not check
    /// against the constraints.
    #[test]
    fn under_name_constraints_no_common_name_is_taken() {
        let constrained = made(
            "corp root",
            vec![],
            |p| {
                ca(p);
                p.name_constraints = Some(rcgen::NameConstraints {
                    permitted_subtrees: vec![GeneralSubtree::DnsName("corp.example".into())],
                    excluded_subtrees: vec![],
                });
            },
            None,
        );
        let open = made("open root", vec![], ca, None);
        for cn in ["db.victim.example", "db.corp.example"] {
            let under = made(cn, vec![], leaf, Some(&constrained.issuer())).der;
            let r = check(&verifier(&[&constrained.der], true), &under, cn);
            assert!(is_wrong_name(r), "{cn}");
            let free = made(cn, vec![], leaf, Some(&open.issuer())).der;
            assert!(
                check(&verifier(&[&open.der], true), &free, cn).is_ok(),
                "{cn}"
            );
        }
        let named = made(
            "x",
            vec![dns("db.corp.example")],
            leaf,
            Some(&constrained.issuer()),
        )
        .der;
        let r = check(
            &verifier(&[&constrained.der], true),
            &named,
            "db.corp.example",
        );
        assert!(r.is_ok(), "{r:?}");
        let outside = made(
            "x",
            vec![dns("db.victim.example")],
            leaf,
            Some(&constrained.issuer()),
        )
        .der;
        assert!(
            check(
                &verifier(&[&constrained.der], true),
                &outside,
                "db.victim.example"
            )
            .is_err()
        );
    }

    /// A root's dates are its own: a root out of its dates is not made good by another of the
    /// same name and key within them, whose chain (here: with name constraints, so that no
    /// common name is taken) is the one checked.
    #[test]
    fn a_root_out_of_its_dates_is_not_made_good_by_its_twin() {
        let key = KeyPair::generate().unwrap();
        let mut params = CertificateParams::new(Vec::<String>::new()).unwrap();
        params
            .distinguished_name
            .push(DnType::CommonName, "twin root");
        ca(&mut params);
        params.not_before = date_time_ymd(2010, 1, 1);
        params.not_after = date_time_ymd(2020, 1, 1);
        let expired = params.self_signed(&key).unwrap().der().clone();
        params.not_after = date_time_ymd(2040, 1, 1);
        params.name_constraints = Some(rcgen::NameConstraints {
            permitted_subtrees: vec![GeneralSubtree::DnsName("corp.example".into())],
            excluded_subtrees: vec![],
        });
        let constrained = params.self_signed(&key).unwrap().der().clone();
        let issuer = Issuer::from_params(&params, &key);
        let server = made("db.victim.example", vec![], leaf, Some(&issuer)).der;
        let r = check(
            &verifier(&[&expired, &constrained], true),
            &server,
            "db.victim.example",
        );
        assert!(matches!(r, Err(CertificateError::NotValidForName)), "{r:?}");
    }

    /// The handshake proves the server holds the key of the certificate it sends: a trusted
    /// root sent by a server that signs with another key is refused, whatever the checks.
    #[test]
    fn a_server_must_hold_its_certificates_key() {
        let root = made("db.example", vec![dns("db.example")], ca, None);
        let impostor = KeyPair::generate().unwrap();
        for checks in [false, true] {
            let tls = MakeTls::new(
                match checks {
                    true => Checks::ChainAndHost(Roots::new(vec![root.der.clone()]).unwrap()),
                    false => Checks::Nothing,
                },
                None,
            )
            .unwrap();
            assert!(
                handshake(&tls, &root.der, &root.key, None).is_ok(),
                "checks {checks}"
            );
            let e = handshake(&tls, &root.der, &impostor, None).unwrap_err();
            assert!(
                matches!(
                    e,
                    rustls::Error::InvalidCertificate(CertificateError::BadSignature)
                ),
                "checks {checks}: {e:?}"
            );
        }
    }

    /// A whole handshake in memory, rustls's server sending `cert` and signing with `key`,
    /// taking only the key exchange `groups` given (else its own). Returns the flights the
    /// client sent: two without a retry.
    fn handshake(
        tls: &MakeTls,
        cert: &CertificateDer<'static>,
        key: &KeyPair,
        groups: Option<&[&'static dyn rustls::crypto::SupportedKxGroup]>,
    ) -> Result<usize, rustls::Error> {
        use rustls::server::{ClientHello, ResolvesServerCert, ServerConfig, ServerConnection};
        use rustls::sign::CertifiedKey;
        #[derive(Debug)]
        struct Always(Arc<CertifiedKey>);
        impl ResolvesServerCert for Always {
            fn resolve(&self, _: ClientHello<'_>) -> Option<Arc<CertifiedKey>> {
                Some(self.0.clone())
            }
        }
        let mut provider = provider();
        if let Some(groups) = groups {
            Arc::get_mut(&mut provider).unwrap().kx_groups = groups.to_vec();
        }
        let signing = provider
            .key_provider
            .load_private_key(PrivateKeyDer::Pkcs8(key.serialize_der().into()))?;
        let certified = Arc::new(CertifiedKey::new(vec![cert.clone()], signing));
        let server = ServerConfig::builder_with_provider(provider)
            .with_safe_default_protocol_versions()?
            .with_no_client_auth()
            .with_cert_resolver(Arc::new(Always(certified)));
        let mut server = ServerConnection::new(Arc::new(server))?;
        let name = ServerName::try_from("db.example").unwrap();
        let mut client = rustls::ClientConnection::new(tls.config.clone(), name)?;
        for flight in 1..10 {
            let mut wire = Vec::new();
            client.write_tls(&mut wire).unwrap();
            let mut rest = &wire[..];
            while !rest.is_empty() {
                server.read_tls(&mut rest).unwrap();
                server.process_new_packets()?;
            }
            wire.clear();
            server.write_tls(&mut wire).unwrap();
            let mut rest = &wire[..];
            while !rest.is_empty() {
                client.read_tls(&mut rest).unwrap();
                client.process_new_packets()?;
            }
            if !client.is_handshaking() {
                // The client's last flight (its Finished) is still to be sent.
                return Ok(flight + 1);
            }
        }
        panic!("the handshake did not end");
    }

    /// A server that takes P-256 alone (PostgreSQL up to 17, by default) or X25519 and P-256
    /// (18) gets the client's key share in its first flight: no retry, no P-384 key made first.
    /// One that takes only another group asks for it, and gets it.
    #[test]
    fn postgresql_servers_take_the_first_key_share() {
        use rustls::crypto::ring::kx_group::{SECP256R1, SECP384R1, X25519};
        let root = made("db.example", vec![dns("db.example")], ca, None);
        let tls = MakeTls::new(Checks::Nothing, None).unwrap();
        for groups in [&[SECP256R1][..], &[X25519, SECP256R1]] {
            assert_eq!(
                handshake(&tls, &root.der, &root.key, Some(groups)).unwrap(),
                2,
                "{groups:?}"
            );
        }
        for groups in [&[SECP384R1][..], &[X25519]] {
            assert_eq!(
                handshake(&tls, &root.der, &root.key, Some(groups)).unwrap(),
                3,
                "{groups:?}"
            );
        }
    }

    /// The name a session is made for: without one (only `hostaddr`) or with one rustls cannot
    /// take, a session whose host is not checked still goes (without SNI); `verify-full` needs
    /// one.
    #[test]
    fn a_session_without_a_host_name_goes_unless_the_name_is_checked() {
        use tokio::io::DuplexStream;
        let root = made("db.example", vec![dns("db.example")], ca, None).der;
        let roots = || Roots::new(vec![root.clone()]).unwrap();
        let name = |checks: Checks, domain: &str| {
            let mut tls = MakeTls::new(checks, None).unwrap();
            MakeTlsConnect::<DuplexStream>::make_tls_connect(&mut tls, domain).map(|c| c.name)
        };
        let unnamed = ServerName::IpAddress(IpAddr::from([0u8; 4]).into());
        for domain in ["", "db.123"] {
            assert_eq!(name(Checks::Nothing, domain).unwrap(), unnamed, "{domain}");
            assert_eq!(name(Checks::Chain(roots()), domain).unwrap(), unnamed);
            assert!(
                name(Checks::ChainAndHost(roots()), domain).is_err(),
                "{domain}"
            );
        }
        let zoned = name(Checks::ChainAndHost(roots()), "fe80::1%eth0").unwrap();
        let fe80: IpAddr = "fe80::1".parse().unwrap();
        assert_eq!(zoned, ServerName::IpAddress(fe80.into()));
        let host = name(Checks::ChainAndHost(roots()), "db.example").unwrap();
        assert_eq!(host, ServerName::try_from("db.example").unwrap());
    }

    #[test]
    fn common_names_match_as_x509_check_host_matched_them() {
        for (pattern, host) in [
            ("db.example.com", "db.example.com"),
            ("DB.Example.com", "db.example.COM"),
            ("*.example.com", "db.example.com"),
            ("*.example.com", "db-1.example.com"),
            ("*.Example.com", "DB.example.com"),
        ] {
            assert!(name_matches(pattern, host), "{pattern} should name {host}");
        }
        for (pattern, host) in [
            ("db.example.com", "db.example.org"),
            ("db.example.com", "db.example.com."),
            ("*.example.com", "example.com"),
            ("*.example.com", "a.b.example.com"),
            ("*.example.com", ".example.com"),
            ("*.example.com", "db_1.example.com"),
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

    /// RFC 5929's hash of the server's certificate: its signature's hash, none for Ed25519 (no
    /// hash of its own).
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
