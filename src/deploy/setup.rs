//! What every publish does before and around [`super::prepare`] and [`super::execute`],
//! shared by `prongsai publish` and the editor's publish page: where the site goes, the
//! build into a folder of its own, the trust and secrets a connection needs, and the Thai
//! lines that say what was done. Nothing here prints or asks: the command asks in a
//! console, the editor in the browser.

use super::{Credentials, Destination, Done, Error, Files, Plan};
use crate::calendar::Date;
use crate::diagnostics::Code;
use crate::load::PublishConfig;
use crate::site::{BuildOptions, Report, Site};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

/// Where the site goes: `to` as given (a relative folder from `cwd`), else `publish.to`
/// of `site.yaml` (a relative folder from the site), else PS1101.
pub fn destination(
    to: Option<&str>,
    cwd: &Path,
    config: &PublishConfig,
    root: &Path,
) -> Result<Destination, Error> {
    match (to, &config.to) {
        (Some(t), _) => Destination::parse(t, cwd),
        (None, Some(t)) => Destination::parse(t, root),
        (None, None) => Err(Error::new(
            Code::PublishNoTarget,
            "ไม่รู้ว่าจะส่งเว็บไซต์ไปที่ใด ให้ใส่ publish: {to: ...} ใน site.yaml หรือสั่ง prongsai publish --to <ที่อยู่> เช่น ftps://webmaster@www.example.go.th/public_html/ita หรือ Z:\\ita",
        )),
    }
}

/// What `site.yaml` pins and names (the key file from the site's folder); the password or
/// passphrase is the caller's to add, from the person, never from a file.
pub fn credentials(config: &PublishConfig, root: &Path) -> Credentials {
    Credentials {
        fingerprint: config.fingerprint.clone(),
        host_key: config.host_key.clone(),
        key: config.key.as_ref().map(|k| root.join(k)),
        password: None,
    }
}

/// `ftp://` sends the password in clear: the warning (PS1112) to show before connecting.
pub fn clear_text_warning(dest: &Destination) -> Option<String> {
    matches!(dest, Destination::Ftp { secure: false, .. }).then(|| {
        "ftp:// ส่งรหัสผ่านและไฟล์โดยไม่เข้ารหัส ใครดักสายได้ก็เห็นรหัสผ่าน ถ้าโฮสต์รองรับ ให้ใช้ ftps:// หรือ sftp:// แทน"
            .to_string()
    })
}

/// The key of `publish:` a host's fingerprint is pinned under.
pub fn pin_key(dest: &Destination) -> &'static str {
    match dest {
        Destination::Sftp { .. } => "host_key",
        _ => "fingerprint",
    }
}

impl Error {
    /// A host met for the first time (nothing pinned): the fingerprint it showed, for the
    /// caller to show and ask whether to trust. A host that shows another fingerprint than
    /// the one pinned is never asked about: that is refused.
    pub fn first_meeting(&self, creds: &Credentials) -> Option<&str> {
        let pinned = creds.fingerprint.is_some() || creds.host_key.is_some();
        (self.code == Code::PublishNotTrusted && !pinned).then_some(self.seen.as_deref()).flatten()
    }
}

impl Credentials {
    /// Trusts `seen` (the person said yes) for this connection.
    pub fn trust(&mut self, dest: &Destination, seen: &str) {
        match pin_key(dest) {
            "host_key" => self.host_key = Some(seen.to_string()),
            _ => self.fingerprint = Some(seen.to_string()),
        }
    }
}

/// The site built as `build` builds it, without drafts, in a folder of its own (not
/// `public/`, which Windows may hold open, nor what `serve` shows); removed when dropped.
pub struct Build {
    dir: PathBuf,
    pub report: Report,
}

/// Why a build is not sent.
#[derive(Debug)]
pub enum Unready {
    /// The site has errors: they are in [`Build::report`].
    Errors,
    /// The example site (PS1104).
    Example(Error),
    /// The built folder could not be read back (a Thai message).
    Unreadable(String),
}

impl Build {
    /// Builds the site at `root` with `today`. `Err` is an I/O failure, in Thai.
    pub fn run(root: &Path, today: Date) -> Result<Build, String> {
        // One process may publish more than once (the editor): a folder per build.
        static N: AtomicUsize = AtomicUsize::new(0);
        let n = N.fetch_add(1, Ordering::Relaxed);
        let dir = std::env::temp_dir().join(format!("prongsai-publish-{}-{n}", std::process::id()));
        let mut opts = BuildOptions::new(root);
        opts.output = dir.join("site");
        opts.today = Some(today);
        let mut site = Site::new(opts);
        site.one_shot();
        let b = |report| Build { dir: dir.clone(), report };
        match site.build() {
            Ok(r) => Ok(b(r)),
            Err(e) => {
                let _ = std::fs::remove_dir_all(&dir);
                Err(if e.get_ref().is_some_and(|inner| inner.is::<crate::write::Held>()) {
                    e.to_string()
                } else {
                    format!("เขียน {} ไม่ได้: {e}", dir.display())
                })
            }
        }
    }

    /// The built site's folder.
    pub fn site(&self) -> PathBuf {
        self.dir.join("site")
    }

    /// Ready to send (no errors, not the example `init` made: `base_url` as given): every
    /// built file with its hash and size.
    pub fn files(&self, base_url: &str) -> Result<Files, Unready> {
        if !self.report.ok() {
            return Err(Unready::Errors);
        }
        let mut examples: Vec<String> = (self.report.diagnostics.sorted().into_iter())
            .filter(|d| d.code == Code::ExampleMeeting)
            .map(|d| d.file)
            .collect();
        examples.dedup();
        super::ready(base_url, &examples).map_err(Unready::Example)?;
        super::scan(&self.site()).map_err(|e| {
            Unready::Unreadable(format!("อ่านเว็บไซต์ที่สร้างไว้ใน {} ไม่ได้: {e}", self.site().display()))
        })
    }
}

impl Drop for Build {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// `1.2 MB`.
pub fn show_bytes(n: u64) -> String {
    match n {
        n if n >= 1 << 20 => format!("{:.1} MB", n as f64 / (1 << 20) as f64),
        n if n >= 1 << 10 => format!("{:.1} kB", n as f64 / (1 << 10) as f64),
        n => format!("{n} B"),
    }
}

impl Plan {
    /// `จะส่ง 40 ไฟล์ (1.2 MB) และลบ 2 ไฟล์`
    pub fn summary(&self) -> String {
        format!(
            "จะส่ง {} ไฟล์ ({}) และลบ {} ไฟล์",
            self.send.len(),
            show_bytes(self.send_bytes),
            self.remove.len()
        )
    }
}

impl Done {
    /// `ส่งเว็บไซต์ไปที่ … แล้ว: ส่ง 40 ไฟล์ (1.2 MB) ลบ 2 ไฟล์ ใน 1.20 s`
    pub fn summary(&self, dest: &Destination) -> String {
        format!(
            "ส่งเว็บไซต์ไปที่ {} แล้ว: ส่ง {} ไฟล์ ({}) ลบ {} ไฟล์ ใน {}",
            dest.describe(),
            self.sent,
            show_bytes(self.bytes),
            self.removed,
            crate::site::fmt_duration(self.elapsed)
        )
    }
}

/// What a cut-off publish left, and how to finish it.
pub const RESUME_HINT: &str = "ไฟล์บนปลายทางยังครบทุกไฟล์ (ฉบับเดิมหรือฉบับใหม่ทั้งไฟล์) เผยแพร่อีกครั้ง (prongsai publish หรือปุ่มเผยแพร่ของตัวแก้ไข) เพื่อส่งต่อให้ครบ";
