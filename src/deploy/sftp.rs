//! SFTP with russh and russh-sftp (pure Rust, ring for the crypto: no OpenSSL, no
//! aws-lc/cmake, so `scripts/dist.sh` still cross-builds the Windows program).
//!
//! A password or a private key file (`publish.key`: OpenSSH's, or PuTTY's `.ppk` of
//! version 2 or 3, which russh reads through the ssh-key crate; its passphrase asked like
//! the password); the host key is trusted only by the SHA-256 fingerprint pinned in
//! `site.yaml` (`publish.host_key`, as `ssh-keygen -lf` shows it): Windows has no
//! `known_hosts`. Files are renamed into place with OpenSSH's `posix-rename@openssh.com`,
//! which replaces the old file atomically (plain SFTP v3 rename refuses an existing one).
//! The session is asynchronous; each [`Target`] call runs it to completion on a runtime
//! of its own. A lost connection is opened again and the call tried again, with backoff.
//!
//! SFTP version 3 has no status for a full disk (OpenSSH answers a plain "Failure"): when
//! a file does not go up, the space left is asked with `statvfs@openssh.com`.

use super::retry::{self, Fault};
use super::{Credentials, Error, Listed, Target, trust};
use crate::diagnostics::Code;
use russh::client;
use russh::keys::{HashAlg, PrivateKeyWithHashAlg, PublicKeyOrCertificate};
use russh_sftp::client::RawSftpSession;
use russh_sftp::client::error::Error as SftpError;
use russh_sftp::protocol::{FileAttributes, OpenFlags, StatusCode};
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::Duration;

pub struct Params<'a> {
    pub user: &'a str,
    pub host: &'a str,
    pub port: u16,
    pub path: &'a str,
}

const CONNECT_TIMEOUT: Duration = Duration::from_secs(15);
const REQUEST_TIMEOUT_SECS: u64 = 30;
/// Below OpenSSH's 256 KiB packet limit and russh-sftp's default write size.
const CHUNK: usize = 32 * 1024;

pub struct Sftp {
    rt: tokio::runtime::Runtime,
    session: Option<(client::Handle<Host>, RawSftpSession)>,
    user: String,
    host: String,
    port: u16,
    root: String,
    password: Option<String>,
    key: Option<PathBuf>,
    host_key: Option<String>,
    posix_rename: bool,
    statvfs: bool,
}

/// Checks the host key against the pinned fingerprint and remembers what it saw.
struct Host {
    pinned: Option<Vec<u8>>,
    seen: Arc<Mutex<Option<String>>>,
}

impl client::Handler for Host {
    type Error = russh::Error;

    async fn check_server_key(&mut self, key: &PublicKeyOrCertificate) -> Result<bool, Self::Error> {
        let public = match key {
            PublicKeyOrCertificate::PublicKey { key, .. } => key.clone(),
            PublicKeyOrCertificate::Certificate(c) => c.public_key().clone().into(),
        };
        let shown = public.fingerprint(HashAlg::Sha256).to_string();
        let digest = trust::decode_fingerprint(&shown);
        if let Ok(mut g) = self.seen.lock() {
            *g = Some(shown);
        }
        Ok(digest.is_some() && digest == self.pinned)
    }
}

impl Sftp {
    pub fn connect(p: &Params, creds: &Credentials) -> Result<Sftp, Error> {
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .map_err(|e| Error::new(Code::PublishConnectionLost, format!("เริ่มการเชื่อมต่อไม่ได้: {e}")))?;
        let mut s = Sftp {
            rt,
            session: None,
            user: p.user.to_string(),
            host: p.host.to_string(),
            port: p.port,
            root: p.path.trim_end_matches('/').to_string(),
            password: creds.password.clone(),
            key: creds.key.clone(),
            host_key: creds.host_key.clone(),
            posix_rename: false,
            statvfs: false,
        };
        s.open()?;
        s.check_root()?;
        Ok(s)
    }

    fn describe(&self) -> String {
        format!("sftp://{}@{}:{}", self.user, self.host, self.port)
    }

    fn lost(&self, e: impl std::fmt::Display) -> Error {
        Error::new(
            Code::PublishConnectionLost,
            format!(
                "เชื่อมต่อ {} ไม่ได้หรือการเชื่อมต่อขาด ({e}) ตรวจชื่อเครื่อง พอร์ต และอินเทอร์เน็ต แล้วสั่ง publish อีกครั้งเพื่อส่งต่อจากที่ค้างไว้",
                self.describe()
            ),
        )
    }

    fn open(&mut self) -> Result<(), Error> {
        let seen = Arc::new(Mutex::new(None));
        let pinned = self.host_key.as_deref().and_then(trust::decode_fingerprint);
        let handler = Host { pinned, seen: seen.clone() };
        let config = Arc::new(client::Config {
            inactivity_timeout: Some(Duration::from_secs(REQUEST_TIMEOUT_SECS * 2)),
            keepalive_interval: Some(Duration::from_secs(15)),
            ..client::Config::default()
        });
        let addr = (self.host.clone(), self.port);
        let connected = self.rt.block_on(async {
            tokio::time::timeout(CONNECT_TIMEOUT, client::connect(config, addr, handler)).await
        });
        let mut handle = match connected {
            Ok(Ok(h)) => h,
            Ok(Err(e)) => {
                let shown = seen.lock().ok().and_then(|g| g.clone());
                if let (russh::Error::UnknownKey, Some(fp)) = (&e, shown) {
                    return Err(trust::not_trusted(
                        "กุญแจของเครื่อง (host key)",
                        &self.describe(),
                        &fp,
                        self.host_key.as_deref(),
                        "host_key",
                    ));
                }
                return Err(self.lost(e));
            }
            Err(_) => return Err(self.lost("หมดเวลารอ")),
        };
        let user = self.user.clone();
        let auth = match &self.key {
            Some(path) => {
                let key = russh::keys::load_secret_key(path, self.password.as_deref()).map_err(|e| {
                    Error::new(
                        Code::PublishLoginFailed,
                        format!(
                            "อ่านกุญแจ {} ไม่ได้ ({e}) ต้องเป็นกุญแจแบบ OpenSSH หรือไฟล์ .ppk ของ PuTTY (รุ่น 2 หรือ 3) ถ้ากุญแจมีรหัสผ่าน ให้ใส่รหัสผ่านของกุญแจใน PRONGSAI_PUBLISH_PASSWORD หรือในช่องรหัสผ่านของหน้าเผยแพร่",
                            path.display()
                        ),
                    )
                })?;
                self.rt.block_on(async {
                    let hash = handle.best_supported_rsa_hash().await.ok().flatten().flatten();
                    handle.authenticate_publickey(user, PrivateKeyWithHashAlg::new(Arc::new(key), hash)).await
                })
            }
            None => {
                let pw = self.password.clone().unwrap_or_default();
                self.rt.block_on(handle.authenticate_password(user, pw))
            }
        }
        .map_err(|e| self.lost(e))?;
        if !auth.success() {
            return Err(Error::new(
                Code::PublishLoginFailed,
                format!("เข้าสู่ระบบ {} ไม่ได้: ชื่อผู้ใช้ รหัสผ่าน หรือกุญแจไม่ถูกต้อง", self.describe()),
            ));
        }
        let sftp = self
            .rt
            .block_on(async {
                let channel = handle.channel_open_session().await?;
                channel.request_subsystem(true, "sftp").await?;
                Ok::<_, russh::Error>(channel.into_stream())
            })
            .map_err(|e| self.lost(e))?;
        let raw = self.rt.block_on(async {
            let raw = RawSftpSession::new(sftp);
            raw.set_timeout(REQUEST_TIMEOUT_SECS);
            let version = raw.init().await?;
            Ok::<_, SftpError>((raw, version))
        });
        let (raw, version) = raw.map_err(|e| self.lost(e))?;
        self.posix_rename = version.extensions.get("posix-rename@openssh.com").is_some_and(|v| v == "1");
        self.statvfs = version.extensions.get("statvfs@openssh.com").is_some_and(|v| v == "2");
        self.session = Some((handle, raw));
        Ok(())
    }

    fn check_root(&mut self) -> Result<(), Error> {
        let root = if self.root.is_empty() { "/".to_string() } else { self.root.clone() };
        let r = self.call("เข้าโฟลเดอร์", "", |s| {
            let root = root.clone();
            Box::pin(async move { s.stat(root).await.map(|a| a.attrs.is_dir()) })
        });
        match r {
            Ok(true) => Ok(()),
            Ok(false) | Err(_) => Err(Error::new(
                Code::PublishNoFolder,
                format!(
                    "ไม่พบโฟลเดอร์ {root} บน {} ให้สร้างโฟลเดอร์ก่อน หรือแก้ publish.to ใน site.yaml",
                    self.describe()
                ),
            )),
        }
    }

    fn abs(&self, rel: &str) -> String {
        if rel.is_empty() { format!("{}/", self.root) } else { format!("{}/{rel}", self.root) }
    }

    /// Runs `op` on the session; a lost connection is opened again and `op` tried again.
    fn call<T>(
        &mut self,
        what: &str,
        path: &str,
        op: impl Fn(&RawSftpSession) -> std::pin::Pin<Box<dyn Future<Output = Result<T, SftpError>> + '_>>,
    ) -> Result<T, Error> {
        retry::reconnecting(
            self,
            |s| if s.session.is_some() { Ok(()) } else { s.open() },
            |s| {
                let Some((_, raw)) = s.session.as_ref() else {
                    return Err(Fault::Lost(s.lost("ไม่มีการเชื่อมต่อ")));
                };
                match s.rt.block_on(op(raw)) {
                    Ok(v) => Ok(v),
                    Err(e) if is_lost(&e) => {
                        s.session = None;
                        Err(Fault::Lost(s.lost(e)))
                    }
                    Err(e) => Err(Fault::Failed(s.fail(what, path, e))),
                }
            },
        )
    }

    /// After a write the server refused: whether the disk has less room than `need`.
    fn too_full_for(&mut self, need: u64) -> bool {
        if !self.statvfs {
            return false;
        }
        let root = if self.root.is_empty() { "/".to_string() } else { self.root.clone() };
        let st = self.call("ถามพื้นที่ว่างของ", "", |s| {
            let root = root.clone();
            Box::pin(async move { s.statvfs(root).await })
        });
        st.is_ok_and(|v| v.blocks_avail.saturating_mul(v.fragment_size.max(1)) < need)
    }

    fn fail(&self, what: &str, path: &str, e: SftpError) -> Error {
        let at = if path.is_empty() { self.describe() } else { format!("{path} บน {}", self.describe()) };
        match &e {
            SftpError::Status(s) => {
                let (code, why) = match s.status_code {
                    StatusCode::PermissionDenied => {
                        (Code::PublishRefused, "ไม่มีสิทธิ์เขียนในโฟลเดอร์นี้".to_string())
                    }
                    StatusCode::NoSuchFile => (Code::PublishNoFolder, "ไม่พบไฟล์หรือโฟลเดอร์".to_string()),
                    _ if s.error_message.to_lowercase().contains("space")
                        || s.error_message.to_lowercase().contains("quota") =>
                    {
                        (Code::PublishDiskFull, "พื้นที่บนโฮสต์เต็ม".to_string())
                    }
                    _ => (Code::PublishRefused, "เซิร์ฟเวอร์ไม่ยอม".to_string()),
                };
                Error::new(code, format!("{what} {at} ไม่ได้: {why} ({e})"))
            }
            _ => self.lost(e),
        }
    }
}

fn is_lost(e: &SftpError) -> bool {
    matches!(e, SftpError::IO(_) | SftpError::Timeout | SftpError::UnexpectedPacket)
}

fn no_such_file(e: &SftpError) -> bool {
    matches!(e, SftpError::Status(s) if s.status_code == StatusCode::NoSuchFile)
}

/// An SSH string: length, then bytes.
fn ssh_string(out: &mut Vec<u8>, s: &str) {
    out.extend_from_slice(&(s.len() as u32).to_be_bytes());
    out.extend_from_slice(s.as_bytes());
}

impl Target for Sftp {
    fn read(&mut self, rel: &str) -> Result<Option<Vec<u8>>, Error> {
        let abs = self.abs(rel);
        self.call("อ่าน", rel, |s| {
            let abs = abs.clone();
            Box::pin(async move {
                let h = match s.open(abs, OpenFlags::READ, FileAttributes::empty()).await {
                    Ok(h) => h.handle,
                    Err(e) if no_such_file(&e) => return Ok(None),
                    Err(e) => return Err(e),
                };
                let mut out = Vec::new();
                loop {
                    match s.read(h.clone(), out.len() as u64, CHUNK as u32).await {
                        Ok(d) if d.data.is_empty() => break,
                        Ok(d) => out.extend_from_slice(&d.data),
                        Err(SftpError::Status(st)) if st.status_code == StatusCode::Eof => break,
                        Err(e) => return Err(e),
                    }
                }
                s.close(h).await?;
                Ok(Some(out))
            })
        })
    }

    fn list(&mut self, dir: &str) -> Result<Vec<Listed>, Error> {
        let abs = self.abs(dir);
        let mut out = self.call("อ่านรายชื่อไฟล์ใน", dir, |s| {
            let abs = abs.clone();
            Box::pin(async move {
                let h = s.opendir(abs).await?.handle;
                let mut out = Vec::new();
                loop {
                    match s.readdir(h.clone()).await {
                        Ok(n) => out.extend(
                            n.files
                                .into_iter()
                                .filter(|f| f.filename != "." && f.filename != "..")
                                .map(|f| Listed { is_dir: f.attrs.is_dir(), name: f.filename }),
                        ),
                        Err(SftpError::Status(st)) if st.status_code == StatusCode::Eof => break,
                        Err(e) => return Err(e),
                    }
                }
                s.close(h).await?;
                Ok(out)
            })
        })?;
        out.sort_by(|a, b| a.name.cmp(&b.name));
        Ok(out)
    }

    fn mkdir(&mut self, dir: &str) -> Result<(), Error> {
        let abs = self.abs(dir);
        self.call("สร้างโฟลเดอร์", dir, |s| {
            let abs = abs.clone();
            Box::pin(async move {
                match s.mkdir(abs.clone(), FileAttributes::empty()).await {
                    Ok(_) => Ok(()),
                    // Exists already (OpenSSH says only "Failure"): fine if it is a folder.
                    Err(e) => match s.stat(abs).await {
                        Ok(a) if a.attrs.is_dir() => Ok(()),
                        _ => Err(e),
                    },
                }
            })
        })
    }

    fn put(&mut self, rel: &str, data: &[u8]) -> Result<(), Error> {
        let abs = self.abs(rel);
        // Owned: the future may outlive this borrow only in the type system's eyes.
        let data = Arc::new(data.to_vec());
        let sent = self.call("ส่งไฟล์", rel, |s| {
            let (abs, data) = (abs.clone(), data.clone());
            Box::pin(async move {
                let flags = OpenFlags::CREATE | OpenFlags::TRUNCATE | OpenFlags::WRITE;
                let h = s.open(abs, flags, FileAttributes::empty()).await?.handle;
                for (i, chunk) in data.chunks(CHUNK).enumerate() {
                    if let Err(e) = s.write(h.clone(), (i * CHUNK) as u64, chunk.to_vec()).await {
                        let _ = s.close(h).await;
                        return Err(e);
                    }
                }
                s.close(h).await?;
                Ok(())
            })
        });
        match sent {
            Err(e) if e.code == Code::PublishRefused && self.too_full_for(data.len() as u64) => {
                Err(Error::new(
                    Code::PublishDiskFull,
                    format!(
                        "ส่งไฟล์ {rel} บน {} ไม่ได้: พื้นที่บนโฮสต์เต็ม ให้ลบไฟล์ที่ไม่ใช้หรือขอพื้นที่เพิ่ม แล้วสั่ง publish ใหม่ (ส่งต่อจากที่ค้างไว้)",
                        self.describe()
                    ),
                ))
            }
            r => r,
        }
    }

    fn rename(&mut self, from: &str, to: &str) -> Result<(), Error> {
        let (f, t) = (self.abs(from), self.abs(to));
        let posix = self.posix_rename;
        let attempt = std::cell::Cell::new(0);
        self.call("เปลี่ยนชื่อเป็น", to, |s| {
            let (f, t) = (f.clone(), t.clone());
            attempt.set(attempt.get() + 1);
            let again = attempt.get() > 1;
            Box::pin(async move {
                let r = if posix {
                    let mut data = Vec::new();
                    ssh_string(&mut data, &f);
                    ssh_string(&mut data, &t);
                    match s.extended("posix-rename@openssh.com", data).await {
                        Ok(_) => Ok(()),
                        Err(e) => Err(e),
                    }
                } else {
                    s.rename(f, t).await.map(|_| ())
                };
                match r {
                    // Tried again after a lost connection and the temporary file is gone:
                    // the first try went through, only its reply was lost.
                    Err(e) if again && no_such_file(&e) => Ok(()),
                    r => r,
                }
            })
        })
    }

    fn remove(&mut self, rel: &str) -> Result<(), Error> {
        let abs = self.abs(rel);
        self.call("ลบ", rel, |s| {
            let abs = abs.clone();
            Box::pin(async move {
                match s.remove(abs).await {
                    Err(e) if no_such_file(&e) => Ok(()),
                    r => r.map(|_| ()),
                }
            })
        })
    }

    fn remove_dir_if_empty(&mut self, dir: &str) {
        let abs = self.abs(dir);
        let _ = self.call("ลบโฟลเดอร์", dir, |s| {
            let abs = abs.clone();
            Box::pin(async move { s.rmdir(abs).await.map(|_| ()) })
        });
    }
}
