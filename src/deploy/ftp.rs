//! FTP and FTPS (explicit TLS, `AUTH TLS`) with suppaftp over rustls and ring: no OpenSSL,
//! so the Windows program still builds from Linux (`scripts/dist.sh`).
//!
//! Passive mode only (an office behind NAT cannot take active connections); no MLSD
//! (listings are `LIST`, parsed as Unix or DOS lines, and only needed without a manifest);
//! binary transfers; timeouts on every socket; a lost connection is opened again and the
//! command retried, with backoff. A self-signed certificate is trusted only by the SHA-256
//! fingerprint pinned in `site.yaml`.

use super::retry::{self, Fault};
use super::{Credentials, Error, Listed, Target, trust};
use crate::diagnostics::Code;
use rustls::DigitallySignedStruct;
use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::pki_types::{CertificateDer, ServerName, UnixTime};
use std::net::{SocketAddr, TcpStream, ToSocketAddrs};
use std::sync::{Arc, Mutex};
use std::time::Duration;
use suppaftp::types::FileType;
use suppaftp::{FtpError, RustlsConnector, RustlsFtpStream};

pub struct Params<'a> {
    pub secure: bool,
    pub user: &'a str,
    pub host: &'a str,
    pub port: u16,
    pub path: &'a str,
}

const CONNECT_TIMEOUT: Duration = Duration::from_secs(15);
const IO_TIMEOUT: Duration = Duration::from_secs(30);

pub struct Ftp {
    stream: Option<RustlsFtpStream>,
    secure: bool,
    user: String,
    host: String,
    port: u16,
    root: String,
    password: String,
    fingerprint: Option<String>,
}

impl Ftp {
    pub fn connect(p: &Params, creds: &Credentials) -> Result<Ftp, Error> {
        let mut ftp = Ftp {
            stream: None,
            secure: p.secure,
            user: p.user.to_string(),
            host: p.host.to_string(),
            port: p.port,
            root: p.path.trim_end_matches('/').to_string(),
            password: creds.password.clone().unwrap_or_default(),
            fingerprint: creds.fingerprint.clone(),
        };
        ftp.open()?;
        ftp.check_thai_names()?;
        Ok(ftp)
    }

    fn describe(&self) -> String {
        format!("{}://{}@{}:{}", if self.secure { "ftps" } else { "ftp" }, self.user, self.host, self.port)
    }

    fn open(&mut self) -> Result<(), Error> {
        let addrs: Vec<SocketAddr> = (self.host.as_str(), self.port)
            .to_socket_addrs()
            .map_err(|e| {
                Error::new(
                    Code::PublishConnectionLost,
                    format!("หาเครื่อง {} ไม่พบ: {e} ตรวจชื่อเครื่องและการเชื่อมต่ออินเทอร์เน็ต", self.host),
                )
            })?
            .collect();
        let mut last = None;
        let mut tcp = None;
        for a in &addrs {
            match TcpStream::connect_timeout(a, CONNECT_TIMEOUT) {
                Ok(s) => {
                    tcp = Some(s);
                    break;
                }
                Err(e) => last = Some(e),
            }
        }
        let Some(tcp) = tcp else {
            return Err(Error::new(
                Code::PublishConnectionLost,
                format!(
                    "เชื่อมต่อ {} ไม่ได้: {} ตรวจชื่อเครื่อง พอร์ต และการเชื่อมต่ออินเทอร์เน็ต",
                    self.describe(),
                    last.map(|e| e.to_string()).unwrap_or_default()
                ),
            ));
        };
        let _ = tcp.set_read_timeout(Some(IO_TIMEOUT));
        let _ = tcp.set_write_timeout(Some(IO_TIMEOUT));
        let mut s = RustlsFtpStream::connect_with_stream(tcp)
            .map_err(|e| self.fail("เชื่อมต่อ", "", e))?
            .passive_stream_builder(|addr| {
                let s =
                    TcpStream::connect_timeout(&addr, CONNECT_TIMEOUT).map_err(FtpError::ConnectionError)?;
                let _ = s.set_read_timeout(Some(IO_TIMEOUT));
                let _ = s.set_write_timeout(Some(IO_TIMEOUT));
                Ok(s)
            });
        if self.secure {
            let seen = Arc::new(Mutex::new(None));
            let pinned = self.fingerprint.as_deref().map(trust::decode_fingerprint);
            let verifier =
                Pinned { pinned: pinned.clone().flatten(), seen: seen.clone(), provider: provider() };
            let config = rustls::ClientConfig::builder_with_provider(Arc::new(provider()))
                .with_safe_default_protocol_versions()
                .map_err(|e| Error::new(Code::PublishNotTrusted, format!("TLS: {e}")))?
                .dangerous()
                .with_custom_certificate_verifier(Arc::new(verifier))
                .with_no_client_auth();
            s = match s.into_secure(RustlsConnector::from(Arc::new(config)), &self.host) {
                Ok(s) => s,
                Err(e) => {
                    if let Some(fp) = seen.lock().ok().and_then(|g| g.clone()) {
                        return Err(trust::not_trusted(
                            "ใบรับรอง (certificate)",
                            &self.describe(),
                            &fp,
                            self.fingerprint.as_deref(),
                            "fingerprint",
                        ));
                    }
                    return Err(self.fail("เริ่มการเข้ารหัส (AUTH TLS) กับ", "", e));
                }
            };
        }
        s.login(self.user.as_str(), self.password.as_str()).map_err(|e| match e {
            FtpError::UnexpectedResponse(r) if matches!(r.status.code(), 530 | 430 | 331 | 332) => {
                Error::new(
                    Code::PublishLoginFailed,
                    format!("เข้าสู่ระบบ {} ไม่ได้: ชื่อผู้ใช้หรือรหัสผ่านไม่ถูกต้อง ({})", self.describe(), reply(&r)),
                )
            }
            e => self.fail("เข้าสู่ระบบ", "", e),
        })?;
        s.transfer_type(FileType::Binary).map_err(|e| self.fail("ตั้งโหมดส่งไฟล์แบบ binary กับ", "", e))?;
        // Thai names go as UTF-8; a server that does not know the option may still keep them.
        let _ = s.opts("UTF8", Some("ON"));
        if !self.root.is_empty() {
            s.cwd(&self.root).map_err(|e| match e {
                FtpError::UnexpectedResponse(r) if r.status.code() == 550 => Error::new(
                    Code::PublishNoFolder,
                    format!(
                        "ไม่พบโฟลเดอร์ {} บน {} ({}) ให้สร้างโฟลเดอร์ก่อน หรือแก้ publish.to ใน site.yaml",
                        self.root,
                        self.describe(),
                        reply(&r)
                    ),
                ),
                e => self.fail("เข้าโฟลเดอร์", &self.root, e),
            })?;
        }
        self.stream = Some(s);
        Ok(())
    }

    /// A Thai file name written and listed back, before anything of the site is sent: a
    /// server that reads names as CP874 (IIS on Thai Windows) would turn every Thai
    /// attachment's name into something else, one that refuses such names would stop
    /// midway. The name holds letters whose UTF-8 bytes CP874 has no character for (ช and
    /// บ end in 0x8A and 0x9A), so a server that decodes and encodes CP874 cannot give it
    /// back by chance.
    fn check_thai_names(&mut self) -> Result<(), Error> {
        let name = ".prongsai-ทดสอบชื่อไทย.tmp";
        if let Err(e) = self.put(name, b"prongsai") {
            // Refused: a Thai name, or any name (a read-only folder)?
            let ascii = ".prongsai-name-test.tmp";
            if e.code != Code::PublishRefused || self.put(ascii, b"prongsai").is_err() {
                return Err(e);
            }
            self.remove(ascii)?;
            return Err(self.names_not_utf8(&format!("ไม่ยอมรับชื่อไฟล์ภาษาไทย ({})", e.message)));
        }
        let listed =
            self.retry("อ่านรายชื่อไฟล์ใน", "", |s| s.nlst(None))?;
        self.remove(name)?;
        if listed.iter().any(|l| l.trim_start_matches("./").trim_start_matches('/').ends_with(name)) {
            return Ok(());
        }
        Err(self.names_not_utf8("ไม่เก็บชื่อไฟล์ภาษาไทยเป็น UTF-8 (ชื่อที่ส่งไปกลายเป็นชื่ออื่น อาจใช้ CP874)"))
    }

    fn names_not_utf8(&self, why: &str) -> Error {
        Error::new(
            Code::PublishNamesNotUtf8,
            format!(
                "เซิร์ฟเวอร์ {} {why} ไฟล์แนบและหน้าที่มีชื่อภาษาไทยจะเปิดจากเว็บไซต์ไม่ได้ ยังไม่ได้ส่งไฟล์ใดไป ให้ขอผู้ดูแลเซิร์ฟเวอร์เปิด UTF-8 (OPTS UTF8 ON) หรือใช้ sftp://",
                self.describe()
            ),
        )
    }

    /// Runs `op`; a lost connection is opened again and `op` tried again, with backoff.
    fn retry<T>(
        &mut self,
        what: &str,
        path: &str,
        mut op: impl FnMut(&mut RustlsFtpStream) -> Result<T, FtpError>,
    ) -> Result<T, Error> {
        retry::reconnecting(
            self,
            |f| if f.stream.is_some() { Ok(()) } else { f.open() },
            |f| {
                let Some(s) = f.stream.as_mut() else {
                    return Err(Fault::Lost(f.fail(what, path, FtpError::BadResponse)));
                };
                match op(s) {
                    Ok(v) => Ok(v),
                    Err(e) if lost(&e) => {
                        f.stream = None;
                        Err(Fault::Lost(f.fail(what, path, e)))
                    }
                    Err(e) => Err(Fault::Failed(f.fail(what, path, e))),
                }
            },
        )
    }

    fn abs(&self, rel: &str) -> String {
        if rel.is_empty() { self.root.clone() + "/" } else { format!("{}/{rel}", self.root) }
    }

    fn fail(&self, what: &str, path: &str, e: FtpError) -> Error {
        let at =
            if path.is_empty() { self.describe() } else { format!("{} บน {}", path, self.describe()) };
        match e {
            FtpError::ConnectionError(io) => Error::new(
                Code::PublishConnectionLost,
                format!(
                    "{what} {at} ไม่ได้: การเชื่อมต่อขาดหรือเครื่องปลายทางไม่ตอบ ({io}) สั่ง publish อีกครั้งเพื่อส่งต่อจากที่ค้างไว้"
                ),
            ),
            FtpError::UnexpectedResponse(r) => {
                let code = r.status.code();
                let (c, why) = match code {
                    _ if disk_full(&r) => (
                        Code::PublishDiskFull,
                        "พื้นที่บนโฮสต์เต็ม ให้ลบไฟล์ที่ไม่ใช้หรือขอพื้นที่เพิ่ม แล้วสั่ง publish ใหม่ (ส่งต่อจากที่ค้างไว้)",
                    ),
                    530 => (Code::PublishLoginFailed, "ไม่ได้เข้าสู่ระบบ"),
                    421 | 426 => (Code::PublishConnectionLost, "เซิร์ฟเวอร์ปิดการเชื่อมต่อ สั่ง publish อีกครั้งเพื่อส่งต่อ"),
                    _ => (Code::PublishRefused, "เซิร์ฟเวอร์ไม่ยอม (อาจไม่มีสิทธิ์เขียนในโฟลเดอร์นี้)"),
                };
                Error::new(c, format!("{what} {at} ไม่ได้: {why} ({})", reply(&r)))
            }
            other => Error::new(Code::PublishConnectionLost, format!("{what} {at} ไม่ได้: {other}")),
        }
    }
}

/// 452 and 552 are the replies for it (RFC 959), but servers differ: ProFTPD says "No
/// space left on device", vsftpd "451 Failure writing to local file", IIS "not enough
/// space on the disk".
fn disk_full(r: &suppaftp::types::Response) -> bool {
    let text = String::from_utf8_lossy(&r.body).to_lowercase();
    matches!(r.status.code(), 452 | 552)
        || ["no space", "enough space", "disk full", "quota", "insufficient storage", "failure writing"]
            .iter()
            .any(|w| text.contains(w))
}

fn lost(e: &FtpError) -> bool {
    match e {
        FtpError::ConnectionError(_) | FtpError::BadResponse => true,
        FtpError::UnexpectedResponse(r) if disk_full(r) => false,
        FtpError::UnexpectedResponse(r) => matches!(r.status.code(), 421 | 425 | 426),
        _ => false,
    }
}

fn reply(r: &suppaftp::types::Response) -> String {
    String::from_utf8_lossy(&r.body).trim().to_string()
}

fn missing(e: &FtpError) -> bool {
    matches!(e, FtpError::UnexpectedResponse(r) if r.status.code() == 550)
}

impl Target for Ftp {
    fn read(&mut self, rel: &str) -> Result<Option<Vec<u8>>, Error> {
        let abs = self.abs(rel);
        self.retry("อ่าน", rel, |s| match s.retr_as_buffer(&abs) {
            Ok(c) => Ok(Some(c.into_inner())),
            Err(e) if missing(&e) => Ok(None),
            Err(e) => Err(e),
        })
    }

    fn list(&mut self, dir: &str) -> Result<Vec<Listed>, Error> {
        let abs = self.abs(dir);
        let lines =
            self.retry("อ่านรายชื่อไฟล์ใน", dir, |s| s.list(Some(&abs)))?;
        let mut out: Vec<Listed> = lines
            .iter()
            .filter_map(|l| suppaftp::list::File::try_from(l.as_str()).ok())
            .filter(|f| f.name() != "." && f.name() != "..")
            .map(|f| Listed { name: f.name().to_string(), is_dir: f.is_directory() })
            .collect();
        out.sort_by(|a, b| a.name.cmp(&b.name));
        Ok(out)
    }

    fn mkdir(&mut self, dir: &str) -> Result<(), Error> {
        let abs = self.abs(dir);
        let root = self.root.clone();
        self.retry("สร้างโฟลเดอร์", dir, |s| match s.mkdir(&abs) {
            Ok(()) => Ok(()),
            // Exists already (550 on most servers): fine if we can go into it.
            Err(e)
                if missing(&e) || matches!(&e, FtpError::UnexpectedResponse(r) if r.status.code() == 521) =>
            {
                s.cwd(&abs).map_err(|c| if lost(&c) { c } else { e })?;
                s.cwd(if root.is_empty() { "/" } else { &root })
            }
            Err(e) => Err(e),
        })
    }

    fn put(&mut self, rel: &str, data: &[u8]) -> Result<(), Error> {
        let abs = self.abs(rel);
        self.retry("ส่งไฟล์", rel, |s| s.put_file(&abs, &mut &data[..]).map(|_| ()))
    }

    fn rename(&mut self, from: &str, to: &str) -> Result<(), Error> {
        let (f, t) = (self.abs(from), self.abs(to));
        let mut attempt = 0;
        self.retry("เปลี่ยนชื่อเป็น", to, |s| {
            attempt += 1;
            match s.rename(&f, &t) {
                // Tried again after a lost connection, and the temporary file is gone: the
                // first try went through and only its reply was lost.
                Err(e) if attempt > 1 && missing(&e) => Ok(()),
                r => r,
            }
        })
    }

    fn remove(&mut self, rel: &str) -> Result<(), Error> {
        let abs = self.abs(rel);
        self.retry("ลบ", rel, |s| match s.rm(&abs) {
            Err(e) if missing(&e) => Ok(()),
            r => r,
        })
    }

    fn remove_dir_if_empty(&mut self, dir: &str) {
        let abs = self.abs(dir);
        let _ = self.retry("ลบโฟลเดอร์", dir, |s| s.rmdir(&abs));
    }
}

impl Drop for Ftp {
    fn drop(&mut self) {
        if let Some(s) = self.stream.as_mut() {
            let _ = s.get_ref().set_read_timeout(Some(Duration::from_secs(2)));
            let _ = s.quit();
        }
    }
}

/// ring, not aws-lc-rs (rustls' default), on purpose: aws-lc needs cmake and a C
/// toolchain for each target, ring cross-compiles to Windows as it is. Its lack of
/// post-quantum key exchange is what the deprecation is about; FTPS servers of shared
/// hosting offer none either.
#[allow(deprecated)]
fn provider() -> rustls::crypto::CryptoProvider {
    rustls::crypto::ring::default_provider()
}

/// Trusts exactly the certificate whose SHA-256 is pinned (self-signed certificates are
/// the rule on shared hosting of local governments), and records what it saw, for the
/// message that shows it.
#[derive(Debug)]
struct Pinned {
    pinned: Option<Vec<u8>>,
    seen: Arc<Mutex<Option<String>>>,
    provider: rustls::crypto::CryptoProvider,
}

impl ServerCertVerifier for Pinned {
    fn verify_server_cert(
        &self,
        end_entity: &CertificateDer<'_>,
        _intermediates: &[CertificateDer<'_>],
        _server_name: &ServerName<'_>,
        _ocsp: &[u8],
        _now: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        let digest = trust::sha256(end_entity.as_ref());
        if self.pinned.as_deref() == Some(&digest[..]) {
            return Ok(ServerCertVerified::assertion());
        }
        if let Ok(mut g) = self.seen.lock() {
            *g = Some(trust::show_fingerprint(&digest));
        }
        Err(rustls::Error::InvalidCertificate(rustls::CertificateError::ApplicationVerificationFailure))
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls12_signature(
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
        rustls::crypto::verify_tls13_signature(
            message,
            cert,
            dss,
            &self.provider.signature_verification_algorithms,
        )
    }

    fn supported_verify_schemes(&self) -> Vec<rustls::SignatureScheme> {
        self.provider.signature_verification_algorithms.supported_schemes()
    }
}
