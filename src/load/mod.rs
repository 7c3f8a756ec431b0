//! Load: walk `content/`, decode and split each meeting file, parse its front matter into
//! a typed [`Meeting`], and read `site.yaml`. Every problem goes to the diagnostics with
//! the file, line and column it stands at; one bad file never hides the others.

mod config;
mod convert;
mod frontmatter;
mod meeting;
mod yaml;

pub use config::{CONFIG_FILE, Config, ItaItem, RoleGroup, normalize_base_url};
pub use frontmatter::{Split, SplitError, split as split_front_matter};
pub use meeting::{
    Attachment, Attendee, Body, BodyInFile, Meeting, default_slug, safe_relative_path, valid_slug,
};

use crate::diagnostics::{Diagnostic, Diagnostics, Pos};
use crate::layout;
use rayon::prelude::*;
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::SystemTime;

/// Files larger than this are refused rather than read: no meeting report is this big,
/// and reading one would only exhaust memory.
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// What was read of a site.
pub struct Loaded {
    pub config: Config,
    /// Sorted by source path; drafts included (the model decides what is published).
    pub meetings: Vec<Arc<Meeting>>,
    /// Number of files looked at (meeting files and `site.yaml`), for the summary line.
    pub files: usize,
}

#[derive(Clone, Debug, PartialEq, Eq)]
struct Stamp {
    len: u64,
    modified: Option<SystemTime>,
}

struct Cached {
    stamp: Stamp,
    meeting: Option<Arc<Meeting>>,
    diags: Arc<[Diagnostic]>,
    /// What checking the meeting's attachments found, while nothing outside `content/`
    /// has changed since.
    attachments: Option<Diagnostics>,
}

/// Parsed files kept between builds, so that `serve` re-reads only what changed.
#[derive(Default)]
pub struct LoadCache {
    files: HashMap<PathBuf, Cached>,
    /// What the last walk of `content/` found.
    walk: Option<Walk>,
    /// Paths reported changed since the last load ([`LoadCache::invalidate`],
    /// [`LoadCache::changed_elsewhere`]); `None` if nobody said, and then the next load
    /// walks `content/` and compares every file's size and time.
    told: Option<Vec<PathBuf>>,
    /// Something outside `content/` changed: attachments are checked again.
    elsewhere: bool,
    /// Files re-read by the last load, for tests and progress output.
    pub last_reread: usize,
    /// Leave each body in its file ([`Body::InFile`]), for a one-shot build: its pages
    /// then read the bodies again one at a time instead of all being held at once.
    pub lean: bool,
    /// The ITA heading prefixes the kept headings of lean bodies were chosen by.
    lean_prefixes: Vec<String>,
}

impl LoadCache {
    /// Forgets one file, so the next load reads it again even if its size and time match.
    ///
    /// Paths given here (and to [`LoadCache::changed_elsewhere`]) are taken to be all that
    /// changed since the last load, as a watcher reports them: the next load then reads
    /// just those instead of walking `content/` again, when it can tell what each one is
    /// (a meeting file changed, added or deleted in a folder it knows). A folder, a link
    /// or anything else it cannot place makes it walk as usual.
    pub fn invalidate(&mut self, path: &Path) {
        self.files.remove(path);
        self.told.get_or_insert_with(Vec::new).push(path.to_path_buf());
    }

    /// Something outside `content/` changed (settings, templates, `static/`).
    pub fn changed_elsewhere(&mut self) {
        self.told.get_or_insert_with(Vec::new);
        self.elsewhere = true;
    }
}

/// What a walk of `content/` found: the meeting files (sorted), the folders it went
/// through, its problems, and whether it met a symbolic link (a change through a link
/// cannot be placed without walking again).
struct Walk {
    paths: Vec<PathBuf>,
    dirs: HashSet<PathBuf>,
    diags: Diagnostics,
    links: bool,
}

impl Walk {
    /// Takes the reported changes into the walk, without walking; the meeting files to
    /// read again and those gone. `None` when a change cannot be placed (then walk).
    fn update(&mut self, content: &Path, changed: &[PathBuf]) -> Option<(Vec<PathBuf>, Vec<PathBuf>)> {
        if self.links {
            return None;
        }
        let (mut read, mut gone) = (Vec::new(), Vec::new());
        for p in changed {
            let Ok(rel) = p.strip_prefix(content) else { continue };
            if rel.as_os_str().is_empty() {
                return None;
            }
            // The walk does not go into these at all.
            if rel.components().any(|c| is_ignored(c.as_os_str())) {
                continue;
            }
            let is_md = p.extension().is_some_and(|x| x == "md");
            match std::fs::symlink_metadata(p) {
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                    if let Ok(i) = self.paths.binary_search(p) {
                        gone.push(self.paths.remove(i));
                    } else if self.dirs.contains(p) {
                        return None;
                    }
                }
                Ok(m) if m.file_type().is_file() => {
                    if !is_md {
                        continue;
                    }
                    if !p.parent().is_some_and(|d| self.dirs.contains(d)) {
                        return None;
                    }
                    if let Err(i) = self.paths.binary_search(p) {
                        self.paths.insert(i, p.clone());
                    }
                    read.push(p.clone());
                }
                _ => return None,
            }
        }
        Some((read, gone))
    }
}

pub fn load_site(
    root: &Path,
    base_url: Option<&str>,
    cache: &mut LoadCache,
    diags: &mut Diagnostics,
) -> Loaded {
    let config = load_config(root, base_url, diags);
    let content = root.join(layout::CONTENT);
    let prefixes: Vec<String> = if cache.lean {
        config.results_headings.iter().chain(&config.usage_headings).cloned().collect()
    } else {
        Vec::new()
    };
    if cache.lean_prefixes != prefixes {
        // Bodies left in their files kept the headings these chose.
        cache.files.clear();
        cache.lean_prefixes = prefixes;
    }
    let told = cache.told.take();
    let elsewhere = std::mem::take(&mut cache.elsewhere);
    // Told what changed: read just that, if it can be placed.
    let quick = match (cache.walk.as_mut(), &told) {
        (Some(w), Some(changed)) => w.update(&content, changed),
        _ => None,
    };
    let walked = quick.is_none();
    let todo: Vec<(PathBuf, Option<Stamp>)> = match quick {
        Some((read, gone)) => {
            for p in gone {
                cache.files.remove(&p);
            }
            read.into_iter().map(|p| (p.clone(), stamp(&p))).collect()
        }
        None => {
            let mut w =
                Walk { paths: Vec::new(), dirs: HashSet::new(), diags: Diagnostics::new(), links: false };
            if content.is_dir() {
                walk(root, &content, &mut w);
            } else {
                w.diags.warning(
                    layout::CONTENT,
                    Pos::default(),
                    "ไม่พบโฟลเดอร์ content/ จึงยังไม่มีการประชุมให้แสดง",
                );
            }
            w.paths.sort();
            let paths = &w.paths;
            let stamps: Vec<Option<Stamp>> = paths.par_iter().map(|p| stamp(p)).collect();
            let todo = (0..paths.len())
                .filter(|&i| match (&stamps[i], cache.files.get(&paths[i])) {
                    (Some(s), Some(c)) => *s != c.stamp,
                    _ => true,
                })
                .map(|i| (paths[i].clone(), stamps[i].clone()))
                .collect();
            cache.files.retain(|p, _| paths.binary_search(p).is_ok());
            cache.walk = Some(w);
            todo
        }
    };
    let lean = cache.lean.then_some(cache.lean_prefixes.as_slice());
    let fresh: Vec<Cached> = todo.par_iter().map(|(p, s)| read_meeting(root, p, s.clone(), lean)).collect();
    cache.last_reread = fresh.len();
    for ((p, _), c) in todo.into_iter().zip(fresh) {
        cache.files.insert(p, c);
    }

    let w = cache.walk.as_ref().expect("walked");
    diags.extend(w.diags.clone());
    let files = w.paths.len() + 1;
    let mut meetings = Vec::with_capacity(w.paths.len());
    // Attachments are checked again after a walk or a change outside content/; otherwise
    // only those of the files just read.
    let recheck = walked || elsewhere;
    for p in &w.paths {
        let c = cache.files.get_mut(p).expect("read");
        diags.extend_shared(&c.diags);
        if let Some(m) = &c.meeting {
            if recheck || c.attachments.is_none() {
                let mut d = Diagnostics::new();
                check_attachments(root, m, &mut d);
                c.attachments = Some(d);
            }
            if let Some(d) = c.attachments.as_ref().filter(|d| !d.is_empty()) {
                diags.extend(d.clone());
            }
            meetings.push(m.clone());
        }
    }
    Loaded { config, meetings, files }
}

fn load_config(root: &Path, base_url: Option<&str>, diags: &mut Diagnostics) -> Config {
    let path = root.join(CONFIG_FILE);
    let text = match read_regular(&path) {
        Ok(bytes) => match decode(&bytes) {
            Ok((t, warning)) => {
                if let Some(w) = warning {
                    diags.warning(CONFIG_FILE, Pos::default(), w);
                }
                t
            }
            Err((pos_bytes, msg)) => {
                diags.error(CONFIG_FILE, error_pos(&bytes, pos_bytes), msg);
                return Config::fallback();
            }
        },
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            diags.error(
                CONFIG_FILE,
                Pos::default(),
                format!("ไม่พบ site.yaml ใน {} (สร้างเว็บไซต์ใหม่ด้วย prongsai init <โฟลเดอร์>)", root.display()),
            );
            return Config::fallback();
        }
        Err(e) => {
            diags.error(CONFIG_FILE, Pos::default(), format!("อ่านไฟล์ไม่ได้: {e}"));
            return Config::fallback();
        }
    };
    config::parse(&text, base_url, diags).unwrap_or_else(Config::fallback)
}

fn walk(root: &Path, content: &Path, out: &mut Walk) {
    let diags = &mut out.diags;
    let canonical_root = std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
    // Links are followed (walkdir reports loops), but nothing outside the site is read.
    let mut walker = walkdir::WalkDir::new(content)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| !is_ignored(e.file_name()));
    while let Some(entry) = walker.next() {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                let file = e.path().map(|p| rel(root, p)).unwrap_or_else(|| layout::CONTENT.into());
                let msg = if e.loop_ancestor().is_some() {
                    "ลิงก์สัญลักษณ์ (symlink) วนกลับไปยังโฟลเดอร์แม่ จึงข้ามไป".to_string()
                } else {
                    format!(
                        "อ่านไม่ได้: {}",
                        e.io_error().map(|e| e.to_string()).unwrap_or_else(|| e.to_string())
                    )
                };
                diags.error(&file, Pos::default(), msg);
                continue;
            }
        };
        let is_dir = entry.file_type().is_dir();
        if !is_dir && entry.path().extension().is_none_or(|x| x != "md") {
            continue;
        }
        if entry.path_is_symlink() {
            out.links = true;
            let inside = std::fs::canonicalize(entry.path()).map(|real| real.starts_with(&canonical_root));
            if !matches!(inside, Ok(true)) {
                let msg = match inside {
                    Err(e) => format!("อ่านไม่ได้: {e}"),
                    _ => "เป็นลิงก์ไปยังนอกโฟลเดอร์เว็บไซต์ จึงไม่อ่าน (symlink outside the site)".into(),
                };
                diags.error(&rel(root, entry.path()), Pos::default(), msg);
                if is_dir {
                    walker.skip_current_dir();
                }
                continue;
            }
        }
        if is_dir {
            out.dirs.insert(entry.into_path());
        } else {
            out.paths.push(entry.into_path());
        }
    }
}

/// Hidden files, editors' swap and backup files, and `_index.md`-style section files.
pub fn is_ignored(name: &std::ffi::OsStr) -> bool {
    let n = name.to_string_lossy();
    n.starts_with('.')
        || n.starts_with('_')
        || n.starts_with('#')
        || n.ends_with('~')
        || n.ends_with(".swp")
        || n.ends_with(".tmp")
}

/// Reads a regular file. A FIFO, socket or device named `*.md` is refused rather than
/// opened: opening a FIFO waits for a writer forever, and a device may never end.
pub fn read_regular(path: &Path) -> std::io::Result<Vec<u8>> {
    let meta = std::fs::metadata(path)?;
    if !meta.is_file() {
        return Err(std::io::Error::new(
            std::io::ErrorKind::InvalidInput,
            "ไม่ใช่ไฟล์ธรรมดา (เป็นโฟลเดอร์, FIFO หรืออุปกรณ์) จึงไม่อ่าน (not a regular file)",
        ));
    }
    std::fs::read(path)
}

fn stamp(p: &Path) -> Option<Stamp> {
    std::fs::metadata(p).ok().map(|m| Stamp::of(&m))
}

impl Stamp {
    fn of(m: &std::fs::Metadata) -> Stamp {
        Stamp { len: m.len(), modified: m.modified().ok() }
    }
}

pub fn rel(root: &Path, p: &Path) -> String {
    let r = p.strip_prefix(root).unwrap_or(p);
    r.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/")
}

/// `lean`: leave the body in its file, keeping the headings that begin with one of these.
fn read_meeting(root: &Path, path: &Path, stamp: Option<Stamp>, lean: Option<&[String]>) -> Cached {
    let source = rel(root, path);
    let mut diags = Diagnostics::new();
    let stamp = stamp.unwrap_or(Stamp { len: 0, modified: None });
    let meeting = (|| {
        if stamp.len > MAX_FILE_BYTES {
            diags.error(
                &source,
                Pos::default(),
                format!("ไฟล์ใหญ่เกินไป ({} MB) รับได้ไม่เกิน {} MB", stamp.len >> 20, MAX_FILE_BYTES >> 20),
            );
            return None;
        }
        let bytes = match read_regular(path) {
            Ok(b) => b,
            Err(e) => {
                diags.error(&source, Pos::default(), format!("อ่านไฟล์ไม่ได้: {e}"));
                return None;
            }
        };
        // Where the text starts in the file, when it is UTF-8 (a body left in its file is
        // read back from there); UTF-16 files, rare, keep their text.
        let start = utf8_text_start(&bytes);
        let text = match decode_owned(bytes) {
            Ok((t, warning)) => {
                if let Some(w) = warning {
                    diags.warning(&source, Pos::default(), w);
                }
                t
            }
            Err(Undecodable { bytes, at, message: msg }) => {
                let pos = error_pos(&bytes, at);
                diags.error(&source, pos, msg);
                return None;
            }
        };
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        // Without a time to compare, a change since could not be told: keep the text then.
        let m = match (lean, stamp.modified, start) {
            (Some(prefixes), Some(_), Some(start)) => {
                meeting::parse_with(&source, &name, &text, &mut diags, |body, offset| {
                    let headings = meeting::headings(body)
                        .into_iter()
                        .filter(|h| prefixes.iter().any(|p| h.trim().starts_with(p.as_str())))
                        .collect();
                    Body::InFile(BodyInFile { at: (start + offset) as u64, stamp: stamp.clone(), headings })
                })
            }
            _ => meeting::parse(&source, &name, &text, &mut diags),
        }?;
        Some(Arc::new(m))
    })();
    Cached { stamp, meeting, diags: diags.sorted().into(), attachments: None }
}

/// The body of a meeting whose body was left in its file, read again. An error (in Thai,
/// for the page's diagnostics) if the file cannot be read or changed since it was loaded.
pub fn read_body(root: &Path, m: &Meeting) -> Result<String, String> {
    let b = match &m.body {
        Body::Text(t) => return Ok(t.clone()),
        Body::InFile(b) => b,
    };
    let changed =
        || "ไฟล์ถูกแก้ไขระหว่างการสร้างเว็บไซต์ ให้สั่งสร้างใหม่อีกครั้ง (file changed during the build)".to_string();
    let path = root.join(&m.source);
    // Looked at before opening, as in `read_regular`: a FIFO put in its place would block.
    let meta = std::fs::metadata(&path).map_err(|e| format!("อ่านไฟล์ไม่ได้: {e}"))?;
    if !meta.is_file() || Stamp::of(&meta) != b.stamp {
        return Err(changed());
    }
    // Only the body is read: the file was decoded whole when it was loaded.
    let mut bytes = Vec::with_capacity(meta.len().saturating_sub(b.at) as usize + 1);
    std::fs::File::open(&path)
        .and_then(|mut f| {
            std::io::Seek::seek(&mut f, std::io::SeekFrom::Start(b.at))?;
            std::io::Read::read_to_end(&mut f, &mut bytes)
        })
        .map_err(|e| format!("อ่านไฟล์ไม่ได้: {e}"))?;
    utf8(bytes).map_err(|_| changed())
}

/// One meeting file's text (already decoded, see [`decode`]) → a typed meeting, every
/// problem in `diags`. `source` is the path shown in messages, `file_name` the file's own
/// name (for the default slug). What the loader does for each file; public for fuzzing.
pub fn parse_meeting_text(
    source: &str,
    file_name: &str,
    text: &str,
    diags: &mut Diagnostics,
) -> Option<Meeting> {
    meeting::parse(source, file_name, text, diags)
}

/// Line and column of byte offset `at` in a file that could not be decoded (a BOM is not
/// a column).
fn error_pos(bytes: &[u8], at: usize) -> Pos {
    let at = at.min(bytes.len());
    let start = if bytes.starts_with(&[0xEF, 0xBB, 0xBF]) && at >= 3 { 3 } else { 0 };
    crate::diagnostics::line_col(&String::from_utf8_lossy(&bytes[start..at]), usize::MAX)
}

/// Bytes → text. UTF-8 (with or without BOM) is the format; UTF-16 with a BOM (Notepad's
/// "Unicode") is converted with a warning; anything else is an error that says what the
/// file probably is and how to convert it. Err carries the byte offset of the problem.
pub fn decode(bytes: &[u8]) -> Result<(String, Option<String>), (usize, String)> {
    const UTF16: &str = "ไฟล์บันทึกเป็น UTF-16 (Unicode ของ Notepad) ซึ่งแปลงให้แล้ว ควรบันทึกใหม่เป็น UTF-8";
    if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        return utf16(rest, u16::from_le_bytes).map(|t| (t, Some(UTF16.into()))).map_err(|m| (0, m));
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        return utf16(rest, u16::from_be_bytes).map(|t| (t, Some(UTF16.into()))).map_err(|m| (0, m));
    }
    // Offsets in errors are into `bytes` as given, BOM included.
    let (bom, bytes) = match bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        Some(rest) => (3, rest),
        None => (0, bytes),
    };
    match std::str::from_utf8(bytes) {
        Ok(t) => {
            if let Some(i) = t.find('\0') {
                return Err((bom + i, "ไฟล์มีอักขระ NUL (ไฟล์อาจเสียหรือไม่ใช่ไฟล์ข้อความ)".into()));
            }
            Ok((t.to_string(), None))
        }
        Err(e) => {
            let at = bom + e.valid_up_to();
            // TIS-620 / Windows-874 put Thai letters in 0xA1..=0xFB, as single bytes.
            let thai_bytes = bytes.iter().filter(|b| (0xA1..=0xFB).contains(*b)).count();
            let msg = if thai_bytes > 0 {
                "ไฟล์ไม่ใช่ UTF-8 น่าจะเป็นรหัสภาษาไทยแบบเก่า TIS-620/Windows-874 ให้บันทึกใหม่เป็น UTF-8 (ใน Notepad: Save As > Encoding: UTF-8) หรือแปลงด้วย iconv -f WINDOWS-874 -t UTF-8 ไฟล์เดิม > ไฟล์ใหม่"
            } else {
                "ไฟล์ไม่ใช่ข้อความ UTF-8 ให้บันทึกใหม่เป็น UTF-8"
            };
            Err((at, msg.into()))
        }
    }
}

/// [`decode`], taking the bytes: plain UTF-8 (the usual file) becomes the text without a
/// copy. Err gives the bytes back.
fn decode_owned(mut bytes: Vec<u8>) -> Result<(String, Option<String>), Undecodable> {
    if utf8_text_start(&bytes) == Some(0) {
        match utf8(bytes) {
            Ok(t) if !t.contains('\0') => return Ok((t, None)),
            Ok(t) => bytes = t.into_bytes(),
            Err(b) => bytes = b,
        }
    }
    decode(&bytes).map_err(|(at, message)| Undecodable { bytes, at, message })
}

/// A file that is not text: its bytes back, where the problem is, and what it is.
struct Undecodable {
    bytes: Vec<u8>,
    at: usize,
    message: String,
}

/// Where the text of a file starts if it is UTF-8: after its BOM, if any. None for the
/// BOMs of UTF-16 (whose text is converted, not found in the file).
fn utf8_text_start(bytes: &[u8]) -> Option<usize> {
    match bytes {
        [0xEF, 0xBB, 0xBF, ..] => Some(3),
        [0xFF, 0xFE, ..] | [0xFE, 0xFF, ..] => None,
        _ => Some(0),
    }
}

/// `String::from_utf8`, checked with SIMD: Thai text is all three-byte characters, which
/// the standard check takes a byte at a time (it was 4% of a build's instructions).
fn utf8(bytes: Vec<u8>) -> Result<String, Vec<u8>> {
    if simdutf8::basic::from_utf8(&bytes).is_err() {
        return Err(bytes);
    }
    // SAFETY: just checked to be UTF-8.
    Ok(unsafe { String::from_utf8_unchecked(bytes) })
}

fn utf16(bytes: &[u8], word: fn([u8; 2]) -> u16) -> Result<String, String> {
    let units = bytes.chunks_exact(2).map(|c| word([c[0], c[1]]));
    let text: Result<String, _> = char::decode_utf16(units).collect();
    match text {
        Ok(t) if !t.contains('\0') => Ok(t),
        _ => Err("ไฟล์ UTF-16 เสียหาย ให้บันทึกใหม่เป็น UTF-8".into()),
    }
}

fn check_attachments(root: &Path, m: &Meeting, diags: &mut Diagnostics) {
    let static_dir = root.join(layout::STATIC);
    for a in &m.attachments {
        let p = static_dir.join(&a.path);
        if !p.is_file() {
            diags.error(&m.source, a.pos, format!("ไม่พบไฟล์แนบ static/{} (attachment not found)", a.path));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decode_forms() {
        assert_eq!(decode(b"\xEF\xBB\xBFabc").unwrap().0, "abc");
        let utf16: Vec<u8> =
            [0xFF, 0xFE].into_iter().chain("ก-".encode_utf16().flat_map(|u| u.to_le_bytes())).collect();
        let (t, w) = decode(&utf16).unwrap();
        assert_eq!(t, "ก-");
        assert!(w.unwrap().contains("UTF-16"));
        // "ประชุม" in TIS-620
        let (at, msg) = decode(b"---\ntitle: \xBB\xC3\xD0\xAA\xD8\xC1\n").unwrap_err();
        assert_eq!(at, 11);
        assert!(msg.contains("TIS-620"));
        assert!(decode(b"a\0b").unwrap_err().1.contains("NUL"));
        // offsets are into the bytes as given, BOM included
        assert_eq!(decode(b"\xEF\xBB\xBFa\0b").unwrap_err().0, 4);
        assert_eq!(decode(b"\xEF\xBB\xBFab\xBB").unwrap_err().0, 5);
        assert_eq!(error_pos(b"\xEF\xBB\xBFab\xBB", 5), Pos { line: 1, column: 3 });
    }

    #[test]
    fn a_body_left_in_its_file_is_read_again_unless_the_file_changed() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("content/a.md");
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(
            &path,
            "\u{feff}---\ntitle: ก\ndate: 2567-01-02\nvenue: ห้อง\n---\n## ผลการประชุม\n\nเนื้อหา\n",
        )
        .unwrap();
        let lean = ["ผล".to_string()];
        let c = read_meeting(dir.path(), &path, stamp(&path), Some(&lean));
        let m = c.meeting.expect("parsed");
        assert!(matches!(&m.body, Body::InFile(b) if b.headings == ["ผลการประชุม"]));
        assert_eq!(read_body(dir.path(), &m).unwrap(), "## ผลการประชุม\n\nเนื้อหา\n");
        std::fs::write(&path, "---\ntitle: ข\n---\n").unwrap();
        assert!(read_body(dir.path(), &m).unwrap_err().contains("file changed"));
        std::fs::remove_file(&path).unwrap();
        assert!(read_body(dir.path(), &m).is_err());
    }

    #[test]
    fn ignored_names() {
        for n in [".a.md.swp", "_index.md", "a.md~", "#a.md#", ".#a.md"] {
            assert!(is_ignored(std::ffi::OsStr::new(n)), "{n}");
        }
        assert!(!is_ignored(std::ffi::OsStr::new("a.md")));
    }
}
