//! TLS for PostgreSQL connections: OpenSSL under the client's `MakeTlsConnect` seam.
//!
//! postgres-openssl does the same over openssl's `SslConnector`, which always starts by loading
//! the system's trusted roots: about 40 ms of CPU in every command, for roots that libpq (and so
//! this tool) does not trust unless told to (`sslrootcert=system`). Here the context starts
//! empty and trusts only what [`super::connect`] puts in it; the rest (the connector's options
//! and ciphers, SNI, the host name check, channel binding) is what `SslConnector` and
//! postgres-openssl do.

use ::postgres::tls::{self, ChannelBinding, MakeTlsConnect, TlsConnect};
use openssl::error::ErrorStack;
use openssl::hash::MessageDigest;
use openssl::nid::Nid;
use openssl::ssl::{self, Ssl, SslContext, SslContextBuilder, SslMethod, SslMode, SslOptions};
use openssl::ssl::{SslRef, SslVerifyMode};
use openssl::x509::X509VerifyResult;
use openssl::x509::verify::X509CheckFlags;
use std::fmt;
use std::future::Future;
use std::io;
use std::net::IpAddr;
use std::pin::Pin;
use std::task::{Context, Poll};
use tokio::io::{AsyncRead, AsyncWrite, BufReader, ReadBuf};
use tokio_openssl::SslStream;

/// A client context with `SslConnector`'s options, modes and ciphers, and no trusted roots.
pub fn context_builder() -> Result<SslContextBuilder, ErrorStack> {
    let mut ctx = SslContextBuilder::new(SslMethod::tls_client())?;
    let options = (SslOptions::ALL
        | SslOptions::NO_COMPRESSION
        | SslOptions::NO_SSLV2
        | SslOptions::NO_SSLV3
        | SslOptions::SINGLE_DH_USE
        | SslOptions::SINGLE_ECDH_USE)
        & !SslOptions::DONT_INSERT_EMPTY_FRAGMENTS;
    ctx.set_options(options);
    ctx.set_mode(
        SslMode::AUTO_RETRY
            | SslMode::ACCEPT_MOVING_WRITE_BUFFER
            | SslMode::ENABLE_PARTIAL_WRITE
            | SslMode::RELEASE_BUFFERS,
    );
    ctx.set_cipher_list("DEFAULT:!aNULL:!eNULL:!MD5:!3DES:!DES:!RC4:!IDEA:!SEED:!aDSS:!SRP:!PSK")?;
    ctx.set_verify(SslVerifyMode::PEER);
    Ok(ctx)
}

/// Makes a TLS session per connection from one context; `check_host` checks that the server's
/// certificate names the host connected to (`verify-full`).
#[derive(Clone)]
pub struct MakeTls {
    ctx: SslContext,
    check_host: bool,
}

impl MakeTls {
    pub fn new(ctx: SslContext, check_host: bool) -> MakeTls {
        MakeTls { ctx, check_host }
    }
}

impl<S> MakeTlsConnect<S> for MakeTls
where
    S: AsyncRead + AsyncWrite + Unpin + fmt::Debug + Send + Sync + 'static,
{
    type Stream = TlsStream<S>;
    type TlsConnect = Connect;
    type Error = ErrorStack;

    fn make_tls_connect(&mut self, domain: &str) -> Result<Connect, ErrorStack> {
        let mut ssl = Ssl::new(&self.ctx)?;
        let ip = domain.parse::<IpAddr>().ok();
        if ip.is_none() {
            ssl.set_hostname(domain)?;
        }
        if self.check_host {
            let param = ssl.param_mut();
            param.set_hostflags(X509CheckFlags::NO_PARTIAL_WILDCARDS);
            match ip {
                Some(ip) => param.set_ip(ip)?,
                None => param.set_host(domain)?,
            }
        }
        Ok(Connect { ssl })
    }
}

/// One connection's TLS session, before its handshake.
pub struct Connect {
    ssl: Ssl,
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
            let mut stream = SslStream::new(self.ssl, BufReader::with_capacity(8192, stream))?;
            match Pin::new(&mut stream).connect().await {
                Ok(()) => Ok(TlsStream(stream)),
                Err(error) => Err(Box::new(HandshakeError {
                    error,
                    verify: stream.ssl().verify_result(),
                }) as _),
            }
        })
    }
}

/// A failed handshake, with why the certificate was refused when it was.
#[derive(Debug)]
struct HandshakeError {
    error: ssl::Error,
    verify: X509VerifyResult,
}

impl fmt::Display for HandshakeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.error, f)?;
        if self.verify != X509VerifyResult::OK {
            write!(f, ": {}", self.verify)?;
        }
        Ok(())
    }
}

impl std::error::Error for HandshakeError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&self.error)
    }
}

/// An encrypted connection.
pub struct TlsStream<S>(SslStream<BufReader<S>>);

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
        match server_end_point(self.0.ssl()) {
            Some(digest) => ChannelBinding::tls_server_end_point(digest),
            None => ChannelBinding::none(),
        }
    }
}

/// The hash of the server's certificate, by the hash of its signature (SHA-256 for MD5 and
/// SHA-1), as RFC 5929 defines it.
fn server_end_point(ssl: &SslRef) -> Option<Vec<u8>> {
    let cert = ssl.peer_certificate()?;
    let algorithms = cert
        .signature_algorithm()
        .object()
        .nid()
        .signature_algorithms()?;
    let md = match algorithms.digest {
        Nid::MD5 | Nid::SHA1 => MessageDigest::sha256(),
        nid => MessageDigest::from_nid(nid)?,
    };
    cert.digest(md).ok().map(|d| d.to_vec())
}
