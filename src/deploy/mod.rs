//! Publishing a built site to the office's host (`prongsai publish`, and the editor's
//! publish page): compare the build with the manifest prongsai left on the host, send
//! the difference, delete last (as `rclone sync` and `lftp mirror -R` do).
//!
//! The host stays whole at every moment: a pending manifest (the new set, and what it
//! replaces) is written first; each file goes up under a temporary name and is renamed into
//! place; attachments and meeting pages go before the pages that link to them; then the
//! final manifest, then removals. A publish cut off anywhere is completed by the next one
//! from the pending manifest. Files prongsai did not put there are never touched.
//!
//! The room's narrow API: [`Destination::parse`] names the host, [`connect`] opens it as a
//! [`Target`], [`scan`] reads the built folder, [`prepare`] compares and plans, [`execute`]
//! carries the plan out; `setup.rs` has what both callers do around them (the destination,
//! the build, trust, the Thai summaries). Nothing here prints: progress goes to a callback.

pub mod folder;
pub mod ftp;
mod manifest;
mod retry;
mod setup;
pub mod sftp;
mod trust;

pub use manifest::{Entry, MANIFEST, Manifest};
pub use setup::{
    Build, RESUME_HINT, Unready, clear_text_warning, credentials, destination, pin_key, show_bytes,
};

use crate::diagnostics::Code;
use sha2::{Digest, Sha256};
use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::io;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// What went wrong, in Thai, with the code the user can look up.
#[derive(Debug)]
pub struct Error {
    pub code: Code,
    pub message: String,
    /// [`Code::PublishNotTrusted`]: the fingerprint the host showed (`SHA256:…`), for the
    /// caller to show and ask whether to trust it.
    pub seen: Option<String>,
}

impl Error {
    pub fn new(code: Code, message: impl Into<String>) -> Error {
        Error { code, message: message.into(), seen: None }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Error {}

/// Where the site goes.
#[derive(Clone, Debug, PartialEq)]
pub enum Destination {
    /// A folder: POSIX path, `Z:\ita`, `\\server\share\ita`.
    Folder(PathBuf),
    /// `ftp://` (`secure: false`) or `ftps://` (explicit TLS).
    Ftp { secure: bool, user: String, host: String, port: u16, path: String },
    /// `sftp://`.
    Sftp { user: String, host: String, port: u16, path: String },
}

impl Destination {
    /// Reads `publish.to` or `--to`. A relative folder is taken from `base`.
    pub fn parse(to: &str, base: &Path) -> Result<Destination, Error> {
        let to = to.trim();
        let lower = to.to_ascii_lowercase();
        let url = |scheme: &str| lower.starts_with(&format!("{scheme}://")).then(|| &to[scheme.len() + 3..]);
        if let Some(rest) = url("ftp") {
            let (user, host, port, path) = url_parts(to, rest, 21)?;
            return Ok(Destination::Ftp { secure: false, user, host, port, path });
        }
        if let Some(rest) = url("ftps") {
            let (user, host, port, path) = url_parts(to, rest, 21)?;
            return Ok(Destination::Ftp { secure: true, user, host, port, path });
        }
        if let Some(rest) = url("sftp") {
            let (user, host, port, path) = url_parts(to, rest, 22)?;
            return Ok(Destination::Sftp { user, host, port, path });
        }
        // `Z:\ita` and `\\server\share` are folders on Windows; anything else with `://`
        // (http, file, scp) is not something prongsai can publish to.
        if to.is_empty() || to.contains("://") {
            return Err(Error::new(
                Code::PublishBadTarget,
                format!(
                    "\"{to}\" ไม่ใช่ที่ที่ prongsai ส่งเว็บไซต์ไปได้ ใช้ ftp://, ftps://, sftp:// หรือโฟลเดอร์ เช่น Z:\\ita หรือ \\\\server\\share\\ita"
                ),
            ));
        }
        let p = PathBuf::from(to);
        let windows_absolute = to.starts_with("\\\\") || to.as_bytes().get(1) == Some(&b':');
        Ok(Destination::Folder(if p.is_absolute() || windows_absolute { p } else { base.join(p) }))
    }

    /// For messages: the URL without a password, or the folder.
    pub fn describe(&self) -> String {
        match self {
            Destination::Folder(p) => p.display().to_string(),
            Destination::Ftp { secure, user, host, port, path } => {
                format!("{}://{user}@{host}:{port}{path}", if *secure { "ftps" } else { "ftp" })
            }
            Destination::Sftp { user, host, port, path } => format!("sftp://{user}@{host}:{port}{path}"),
        }
    }

    /// Whether connecting asks for a password.
    pub fn needs_password(&self) -> bool {
        !matches!(self, Destination::Folder(_))
    }
}

/// `user@host:port/path` → parts; the path always starts with `/`.
fn url_parts(whole: &str, rest: &str, default_port: u16) -> Result<(String, String, u16, String), Error> {
    let bad = |why: &str| {
        Error::new(
            Code::PublishBadTarget,
            format!("\"{whole}\": {why} (เช่น ftps://webmaster@www.example.go.th/public_html/ita)"),
        )
    };
    let (authority, path) = match rest.find('/') {
        Some(i) => (&rest[..i], &rest[i..]),
        None => (rest, "/"),
    };
    let Some((userinfo, hostport)) = authority.rsplit_once('@') else {
        return Err(bad("ไม่มีชื่อผู้ใช้ ให้เขียนเป็น ชื่อผู้ใช้@เครื่อง"));
    };
    if userinfo.contains(':') {
        return Err(Error::new(
            Code::PublishPasswordInConfig,
            "ห้ามใส่รหัสผ่านไว้ในที่อยู่ (ชื่อผู้ใช้:รหัสผ่าน@...) ให้ลบออก แล้วใส่รหัสผ่านเมื่อ prongsai publish ถาม หรือตั้งตัวแปร PRONGSAI_PUBLISH_PASSWORD",
        ));
    }
    let user = percent_encoding::percent_decode_str(userinfo).decode_utf8_lossy().into_owned();
    let (host, port) = match hostport.rsplit_once(':') {
        Some((h, p)) if !h.ends_with(']') || hostport.starts_with('[') => {
            (h.to_string(), p.parse::<u16>().map_err(|_| bad("พอร์ตต้องเป็นตัวเลข"))?)
        }
        _ => (hostport.to_string(), default_port),
    };
    let host = host.trim_start_matches('[').trim_end_matches(']').to_string();
    if user.is_empty() || host.is_empty() {
        return Err(bad("ไม่มีชื่อผู้ใช้หรือชื่อเครื่อง"));
    }
    let path =
        percent_encoding::percent_decode_str(path).decode_utf8_lossy().trim_end_matches('/').to_string();
    Ok((user, host, port, if path.is_empty() { "/".into() } else { path }))
}

/// Refuses to publish the example `init` made: its `base_url` (every link in the sitemap
/// and feed would point at the example's domain) or its `example: true` pages (the files of
/// the build's PS0505 warnings, named so that the person finds them in the editor's list).
pub fn ready(base_url: &str, example_files: &[String]) -> Result<(), Error> {
    let mut why = Vec::new();
    if base_url == crate::scaffold::EXAMPLE_BASE_URL {
        why.push(format!(
            "ที่อยู่เว็บไซต์ (base_url ใน site.yaml) ยังเป็นของตัวอย่าง ({base_url}) ให้แก้เป็นที่อยู่จริงของเว็บไซต์หน่วยงานในหน้าตั้งค่าเว็บไซต์"
        ));
    }
    if !example_files.is_empty() {
        why.push(format!(
            "ยังมีหน้าตัวอย่าง (example: true) {} หน้า: {} ให้แก้เป็นข้อมูลจริงแล้วเอาติ๊ก \"ตัวอย่าง\" ออกในตัวแก้ไข (หรือลบบรรทัด example: true) หรือติ๊ก \"ฉบับร่าง\" หรือลบไฟล์นั้น",
            example_files.len(),
            example_files.join(", ")
        ));
    }
    if why.is_empty() {
        return Ok(());
    }
    Err(Error::new(
        Code::PublishExampleSite,
        format!("ยังไม่ส่งเว็บไซต์ เพราะยังเป็นเว็บไซต์ตัวอย่าง: {}", why.join("; ")),
    ))
}

/// The trust and secrets a connection needs, from `site.yaml` and the person.
#[derive(Clone, Debug, Default)]
pub struct Credentials {
    pub password: Option<String>,
    /// FTPS: `SHA256:…` of the certificate.
    pub fingerprint: Option<String>,
    /// SFTP: `SHA256:…` of the host key.
    pub host_key: Option<String>,
    pub key: Option<PathBuf>,
}

/// Opens the destination. A host whose certificate is not pinned fails with
/// [`Code::PublishNotTrusted`] and the fingerprint in the message, for the caller to show
/// and ask about.
pub fn connect(dest: &Destination, creds: &Credentials) -> Result<Box<dyn Target>, Error> {
    match dest {
        Destination::Folder(p) => Ok(Box::new(folder::Folder::open(p)?)),
        Destination::Ftp { secure, user, host, port, path } => Ok(Box::new(ftp::Ftp::connect(
            &ftp::Params { secure: *secure, user, host, port: *port, path },
            creds,
        )?)),
        Destination::Sftp { user, host, port, path } => {
            Ok(Box::new(sftp::Sftp::connect(&sftp::Params { user, host, port: *port, path }, creds)?))
        }
    }
}

/// One entry of a folder listing on the host.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Listed {
    pub name: String,
    pub is_dir: bool,
}

/// A place files can be put: a folder, an FTP or SFTP server. Paths are relative to the
/// destination's folder, with `/`. Every method is one round trip at most, so the
/// publish logic above it is the same for all of them.
pub trait Target {
    /// A file's bytes, or `None` if there is no such file.
    fn read(&mut self, path: &str) -> Result<Option<Vec<u8>>, Error>;
    /// The entries of a folder (`""` is the destination itself).
    fn list(&mut self, dir: &str) -> Result<Vec<Listed>, Error>;
    /// Makes a folder; one that exists already is fine.
    fn mkdir(&mut self, dir: &str) -> Result<(), Error>;
    /// Writes a file whole (the caller gives a temporary name and renames it after).
    fn put(&mut self, path: &str, data: &[u8]) -> Result<(), Error>;
    /// Renames; may refuse when `to` exists (some servers do), the caller then removes `to`.
    fn rename(&mut self, from: &str, to: &str) -> Result<(), Error>;
    /// Removes a file; one already gone is fine.
    fn remove(&mut self, path: &str) -> Result<(), Error>;
    /// Removes a folder if it is empty; anything else is left and not an error.
    fn remove_dir_if_empty(&mut self, dir: &str);
}

/// The built site: every file with its hash and size.
pub type Files = BTreeMap<String, Entry>;

/// Reads every file of the built folder.
pub fn scan(dir: &Path) -> io::Result<Files> {
    let mut out = Files::new();
    for e in walkdir::WalkDir::new(dir).sort_by_file_name() {
        let e = e.map_err(io::Error::other)?;
        if !e.file_type().is_file() {
            continue;
        }
        let rel = e.path().strip_prefix(dir).map_err(io::Error::other)?;
        let rel: Vec<String> =
            rel.components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect();
        let bytes = std::fs::read(e.path())?;
        out.insert(rel.join("/"), Entry { sha256: hash(&bytes), size: bytes.len() as u64 });
    }
    Ok(out)
}

pub fn hash(bytes: &[u8]) -> String {
    let d = Sha256::digest(bytes);
    d.iter().map(|b| format!("{b:02x}")).collect()
}

/// What a publish will do.
#[derive(Debug, Default)]
pub struct Plan {
    /// Files to send, in the order they go up (see [`rank`]).
    pub send: Vec<String>,
    pub send_bytes: u64,
    /// Files prongsai put there that the site no longer has.
    pub remove: Vec<String>,
    /// Removals that are pages of a past fiscal year (URLs that may have been submitted).
    pub remove_past_years: Vec<String>,
    /// No manifest on a non-empty folder: what is there (files of others, or an older
    /// upload by hand), and which of those the site would overwrite.
    pub foreign: Option<Foreign>,
    /// The last publish did not finish: this one completes it.
    pub resumes: bool,
    /// Every file the site has, for the manifests.
    files: Files,
    /// What the host is known to hold of prongsai's (path → hash; `None`: in flight).
    owned: BTreeMap<String, Option<String>>,
}

impl Plan {
    /// Nothing to send and nothing to remove.
    pub fn is_empty(&self) -> bool {
        self.send.is_empty() && self.remove.is_empty() && !self.resumes
    }

    /// Why `--yes` is needed, if it is.
    pub fn needs_yes(&self) -> Option<String> {
        let why = self.needs_yes_reasons();
        (!why.is_empty()).then(|| why.join("; ") + " ถ้าแน่ใจให้สั่งใหม่พร้อม --yes")
    }

    /// Each reason [`Plan::needs_yes`] gives, for a page that asks each with a tick.
    pub fn needs_yes_reasons(&self) -> Vec<String> {
        let mut why = Vec::new();
        if let Some(f) = &self.foreign {
            why.push(format!(
                "โฟลเดอร์ปลายทางมีไฟล์อยู่แล้ว {} ไฟล์ และไม่มี {MANIFEST} (ไม่ใช่ที่ที่ prongsai เคยส่งไป) จะเขียนทับ {} ไฟล์ ไฟล์อื่นไม่แตะต้อง",
                f.present, f.overwritten.len()
            ));
        }
        if !self.remove_past_years.is_empty() {
            why.push(format!(
                "จะลบหน้าของปีงบประมาณที่ผ่านมา {} หน้า (อาจเป็น URL ที่ส่งให้ ITA แล้ว)",
                self.remove_past_years.len()
            ));
        }
        why
    }
}

#[derive(Debug, Default)]
pub struct Foreign {
    /// Files found in the folder (all of them are someone else's).
    pub present: usize,
    /// Those at paths the site has, which publishing replaces.
    pub overwritten: Vec<String>,
}

/// Compares the build with the host's manifest. `fiscal_year` is this fiscal year, for
/// telling which removed pages belong to past years.
pub fn prepare(target: &mut dyn Target, files: Files, fiscal_year: i32) -> Result<Plan, Error> {
    let manifest = match target.read(MANIFEST)? {
        Some(bytes) => Some(Manifest::parse(&bytes)?),
        None => None,
    };
    let mut plan = Plan { files, ..Plan::default() };
    match manifest {
        Some(m) => {
            plan.resumes = m.pending;
            plan.owned = m.known();
        }
        None => {
            let present = list_all(target)?;
            if !present.is_empty() {
                let overwritten = present.iter().filter(|p| plan.files.contains_key(*p)).cloned().collect();
                plan.foreign = Some(Foreign { present: present.len(), overwritten });
            }
        }
    }
    for (path, e) in &plan.files {
        if plan.owned.get(path).and_then(|h| h.as_deref()) != Some(e.sha256.as_str()) {
            plan.send.push(path.clone());
            plan.send_bytes += e.size;
        }
    }
    plan.send.sort_by(|a, b| rank(a).cmp(&rank(b)).then_with(|| a.cmp(b)));
    plan.remove = plan.owned.keys().filter(|p| !plan.files.contains_key(*p)).cloned().collect();
    plan.remove_past_years = plan.remove.iter().filter(|p| past_year_page(p, fiscal_year)).cloned().collect();
    Ok(plan)
}

/// Every file under the destination (only when there is no manifest: a listing over FTP
/// is slow, which is why the manifest exists).
fn list_all(target: &mut dyn Target) -> Result<Vec<String>, Error> {
    let mut out = Vec::new();
    let mut dirs = vec![String::new()];
    while let Some(d) = dirs.pop() {
        for e in target.list(&d)? {
            let p = if d.is_empty() { e.name.clone() } else { format!("{d}/{}", e.name) };
            if e.is_dir { dirs.push(p) } else { out.push(p) }
        }
    }
    out.sort();
    Ok(out)
}

/// A page under `<fy>/` or `ita/<fy>/` of a fiscal year before this one.
fn past_year_page(path: &str, fiscal_year: i32) -> bool {
    let segs: Vec<&str> = path.split('/').collect();
    let year = match segs.as_slice() {
        ["ita", y, ..] => y,
        [y, _, ..] => y,
        _ => return false,
    };
    path.ends_with(".html") && year.len() == 4 && year.parse::<i32>().is_ok_and(|y| y < fiscal_year)
}

/// The order files go up, so that a link never points at a page not yet there:
/// 0 assets and attachments, 1 meeting pages, 2 ITA item pages, 3 year pages, 4 section
/// pages and data, 5 the home page and feeds, 6 the sitemap's parts (`sitemap-N.xml`, past
/// 50,000 URLs), 7 the sitemap or the index of its parts.
pub fn rank(path: &str) -> u8 {
    let segs: Vec<&str> = path.split('/').collect();
    let page = [".html", ".xml", ".json"].iter().any(|ext| path.ends_with(ext));
    let is_year = |s: &str| s.len() == 4 && s.bytes().all(|b| b.is_ascii_digit());
    let last = segs[segs.len() - 1];
    if !page || (segs[0] == "search" && !last.starts_with("index")) {
        return 0;
    }
    match segs.as_slice() {
        [s] if s.starts_with("sitemap-") => 6,
        [s] if s.starts_with("sitemap") => 7,
        [_] => 5,
        [y, _, _, ..] if is_year(y) => 1,
        ["ita", y, _, _, ..] if is_year(y) => 2,
        [y, _] if is_year(y) => 3,
        ["ita", y, _] if is_year(y) => 3,
        _ => 4,
    }
}

/// Progress of [`execute`], for a bar or plain lines.
#[derive(Debug)]
pub enum Progress<'a> {
    Sent { path: &'a str, files: usize, of_files: usize, bytes: u64, of_bytes: u64 },
    Removed { path: &'a str },
}

/// What was done.
#[derive(Debug, Default)]
pub struct Done {
    pub sent: usize,
    pub bytes: u64,
    pub removed: usize,
    pub elapsed: Duration,
}

/// The temporary name a file goes up under, beside its place, so the rename stays in one
/// folder (and one disk). The same each time, so that a rerun overwrites a leftover.
fn temp_name(path: &str) -> String {
    match path.rsplit_once('/') {
        Some((dir, name)) => format!("{dir}/.{name}.prongsai-tmp"),
        None => format!(".{path}.prongsai-tmp"),
    }
}

/// How often the pending manifest records the files done, so a cut-off publish resumes
/// rather than restarts: after sending eight times the manifest's bytes (it names every
/// file of the site: 1.5 MB at 10,000 meetings, so at most an eighth more to send), or
/// after half a minute once at least its own size has gone.
const CHECKPOINT_TIME: Duration = Duration::from_secs(30);
const CHECKPOINT_BYTES: u64 = 8;

/// Carries out `plan` from the built folder `built`. Call only with `--yes` granted if
/// [`Plan::needs_yes`] said so.
pub fn execute(
    target: &mut dyn Target,
    built: &Path,
    plan: &Plan,
    progress: &mut dyn FnMut(Progress),
) -> Result<Done, Error> {
    let start = Instant::now();
    let mut done = Done::default();
    // 1. The pending manifest: from now on, the next publish knows what may be in flight.
    let mut pending = Manifest::pending(&plan.files, &plan.owned);
    let manifest_size = write_manifest(target, &pending)?;
    // 2. Files, each under a temporary name, renamed into place.
    let mut made: BTreeSet<String> = BTreeSet::new();
    let mut last_checkpoint = (0u64, Instant::now());
    for path in &plan.send {
        if let Some((dir, _)) = path.rsplit_once('/') {
            make_dirs(target, dir, &mut made)?;
        }
        let data = std::fs::read(built.join(path))
            .map_err(|e| Error::new(Code::PublishRefused, format!("อ่านไฟล์ที่สร้างไว้ {path} ไม่ได้: {e}")))?;
        put_whole(target, path, &data)?;
        done.sent += 1;
        done.bytes += data.len() as u64;
        pending.mark_done(path);
        progress(Progress::Sent {
            path,
            files: done.sent,
            of_files: plan.send.len(),
            bytes: done.bytes,
            of_bytes: plan.send_bytes,
        });
        let since = done.bytes - last_checkpoint.0;
        if since >= CHECKPOINT_BYTES * manifest_size
            || (since >= manifest_size && last_checkpoint.1.elapsed() >= CHECKPOINT_TIME)
        {
            write_manifest(target, &pending)?;
            last_checkpoint = (done.bytes, Instant::now());
        }
    }
    // 3. The final manifest, still naming what is to be removed, so that removals cut
    //    off are finished next time.
    let mut complete = Manifest::complete(&plan.files, &plan.remove);
    write_manifest(target, &complete)?;
    // 4. Removals last: every page that linked to them is already new.
    if !plan.remove.is_empty() {
        let mut dirs = BTreeSet::new();
        for path in &plan.remove {
            target.remove(path)?;
            target.remove(&temp_name(path))?;
            let mut p = path.as_str();
            while let Some((dir, _)) = p.rsplit_once('/') {
                dirs.insert(dir.to_string());
                p = dir;
            }
            done.removed += 1;
            progress(Progress::Removed { path });
        }
        // Deepest first; a folder that still holds anything (someone else's file) stays.
        for d in dirs.iter().rev() {
            if !plan.files.keys().any(|f| f.starts_with(&format!("{d}/"))) {
                target.remove_dir_if_empty(d);
            }
        }
        complete = Manifest::complete(&plan.files, &[]);
        write_manifest(target, &complete)?;
    }
    done.elapsed = start.elapsed();
    Ok(done)
}

fn make_dirs(target: &mut dyn Target, dir: &str, made: &mut BTreeSet<String>) -> Result<(), Error> {
    if made.contains(dir) {
        return Ok(());
    }
    if let Some((parent, _)) = dir.rsplit_once('/') {
        make_dirs(target, parent, made)?;
    }
    target.mkdir(dir)?;
    made.insert(dir.to_string());
    Ok(())
}

/// Up under a temporary name, then renamed into place: the file at `path` is the whole old
/// or the whole new bytes at every moment (but for a server whose rename refuses an
/// existing file: then the old one is removed just before, and the path is briefly absent).
fn put_whole(target: &mut dyn Target, path: &str, data: &[u8]) -> Result<(), Error> {
    let tmp = temp_name(path);
    if let Err(e) = target.put(&tmp, data) {
        // A short temporary file left by a full disk would keep it full; a lost line
        // leaves it for the next publish to overwrite.
        if e.code != Code::PublishConnectionLost {
            let _ = target.remove(&tmp);
        }
        return Err(e);
    }
    if let Err(first) = target.rename(&tmp, path) {
        if matches!(first.code, Code::PublishConnectionLost | Code::PublishDiskFull) {
            return Err(first);
        }
        target.remove(path)?;
        target.rename(&tmp, path)?;
    }
    Ok(())
}

/// Writes the manifest; returns its size.
fn write_manifest(target: &mut dyn Target, m: &Manifest) -> Result<u64, Error> {
    let json = m.to_json();
    put_whole(target, MANIFEST, &json)?;
    Ok(json.len() as u64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folders_and_urls() {
        let base = Path::new("/site");
        assert_eq!(Destination::parse("Z:\\ita", base).unwrap(), Destination::Folder("Z:\\ita".into()));
        assert_eq!(
            Destination::parse("\\\\server\\share\\ita", base).unwrap(),
            Destination::Folder("\\\\server\\share\\ita".into())
        );
        assert_eq!(Destination::parse("/srv/www", base).unwrap(), Destination::Folder("/srv/www".into()));
        assert_eq!(Destination::parse("out", base).unwrap(), Destination::Folder("/site/out".into()));
        assert_eq!(
            Destination::parse("ftps://web@host.go.th:2121/public_html/ita/", base).unwrap(),
            Destination::Ftp {
                secure: true,
                user: "web".into(),
                host: "host.go.th".into(),
                port: 2121,
                path: "/public_html/ita".into()
            }
        );
        assert_eq!(
            Destination::parse("sftp://web@host", base).unwrap(),
            Destination::Sftp { user: "web".into(), host: "host".into(), port: 22, path: "/".into() }
        );
        assert_eq!(Destination::parse("http://x/", base).unwrap_err().code, Code::PublishBadTarget);
        assert_eq!(Destination::parse("ftp://host/x", base).unwrap_err().code, Code::PublishBadTarget);
        assert_eq!(
            Destination::parse("ftp://u:pw@host/x", base).unwrap_err().code,
            Code::PublishPasswordInConfig
        );
    }

    #[test]
    fn pages_go_up_after_what_they_link_to() {
        let order = [
            "files/2568/a.pdf",
            "css/style.css",
            "search/part-ab12.json",
            "2568/meeting/index.html",
            "ita/2569/o19/index.html",
            "2568/index.html",
            "ita/2569/index.html",
            "ita/index.html",
            "search/index.json",
            "index.html",
            "sitemap-1.xml",
            "sitemap.xml",
        ];
        for w in order.windows(2) {
            assert!(rank(w[0]) <= rank(w[1]), "{} before {}", w[0], w[1]);
        }
        assert!(rank("2568/meeting/index.html") < rank("2568/index.html"));
        assert!(rank("index.html") < rank("sitemap.xml"));
        assert!(rank("sitemap-12.xml") < rank("sitemap.xml"), "the index after its parts");
    }

    /// A host in memory that records each file as it comes into place.
    #[derive(Default)]
    struct Memory {
        files: BTreeMap<String, Vec<u8>>,
        placed: Vec<String>,
    }

    impl Target for Memory {
        fn read(&mut self, path: &str) -> Result<Option<Vec<u8>>, Error> {
            Ok(self.files.get(path).cloned())
        }
        fn list(&mut self, _dir: &str) -> Result<Vec<Listed>, Error> {
            Ok(vec![])
        }
        fn mkdir(&mut self, _dir: &str) -> Result<(), Error> {
            Ok(())
        }
        fn put(&mut self, path: &str, data: &[u8]) -> Result<(), Error> {
            self.files.insert(path.to_string(), data.to_vec());
            Ok(())
        }
        fn rename(&mut self, from: &str, to: &str) -> Result<(), Error> {
            let data = self.files.remove(from).ok_or_else(|| Error::new(Code::PublishRefused, from))?;
            self.files.insert(to.to_string(), data);
            self.placed.push(to.to_string());
            Ok(())
        }
        fn remove(&mut self, path: &str) -> Result<(), Error> {
            self.files.remove(path);
            Ok(())
        }
        fn remove_dir_if_empty(&mut self, _dir: &str) {}
    }

    #[test]
    fn the_sitemap_index_goes_up_after_the_sitemaps_it_lists() {
        let built = tempfile::tempdir().unwrap();
        let names =
            ["sitemap.xml", "sitemap-1.xml", "sitemap-2.xml", "sitemap-10.xml", "index.html", "feed.xml"];
        for n in names {
            std::fs::write(built.path().join(n), n).unwrap();
        }
        std::fs::create_dir_all(built.path().join("2570/m1")).unwrap();
        std::fs::write(built.path().join("2570/m1/index.html"), "m1").unwrap();
        let mut host = Memory::default();
        let plan = prepare(&mut host, scan(built.path()).unwrap(), 2570).unwrap();
        execute(&mut host, built.path(), &plan, &mut |_| {}).unwrap();
        let placed: Vec<&str> = host.placed.iter().map(String::as_str).filter(|p| *p != MANIFEST).collect();
        let at = |name: &str| placed.iter().position(|p| *p == name).unwrap();
        assert_eq!(placed.last(), Some(&"sitemap.xml"), "{placed:?}");
        for part in ["sitemap-1.xml", "sitemap-2.xml", "sitemap-10.xml"] {
            assert!(at(part) < at("sitemap.xml"), "{placed:?}");
            assert!(at("index.html") < at(part), "{placed:?}");
        }
        assert!(at("2570/m1/index.html") < at("index.html"), "{placed:?}");
        assert_eq!(host.files.len(), names.len() + 2, "the site and the manifest, no temporary file");
    }

    #[test]
    fn past_years() {
        assert!(past_year_page("2567/a/index.html", 2569));
        assert!(past_year_page("ita/2567/o1/index.html", 2569));
        assert!(!past_year_page("2569/a/index.html", 2569));
        assert!(!past_year_page("files/2567/a.pdf", 2569));
    }
}
