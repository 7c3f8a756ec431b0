//! File helpers, one home each: reading (regular files only, decoded from whatever an
//! office PC saved), naming (relative `/` paths, ignored and temporary files, the staging
//! folder), and the guards that keep every read inside the site and every write inside
//! the output. Depends on nothing of the crate but [`crate::layout`].

use crate::diagnostics::Code;
use crate::layout;
use std::fmt;
use std::io;
use std::path::{Path, PathBuf};

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

/// Editors' swap, backup and temp files, which the build skips too.
pub fn is_temp(name: &std::ffi::OsStr) -> bool {
    if is_ignored(name) {
        return true;
    }
    let n = name.to_string_lossy();
    n == "4913" // vim's probe for whether it may write in the folder
        || n.ends_with(".swx")
        || n.ends_with(".swo")
        || n.ends_with(".kate-swp")
        || n.ends_with("___jb_tmp___")
        || n.ends_with("___jb_old___")
        || n.ends_with(".crswap")
}

/// Reads a regular file. A FIFO, socket or device named `*.md` is refused rather than
/// opened: opening a FIFO waits for a writer forever, and a device may never end.
pub fn read_regular(path: &Path) -> io::Result<Vec<u8>> {
    let meta = std::fs::metadata(path)?;
    if !meta.is_file() {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            "ไม่ใช่ไฟล์ธรรมดา (เป็นโฟลเดอร์, FIFO หรืออุปกรณ์) จึงไม่อ่าน",
        ));
    }
    std::fs::read(path)
}

/// `p` relative to `root`, with `/` separators (as messages and URLs show paths).
pub fn rel(root: &Path, p: &Path) -> String {
    let r = p.strip_prefix(root).unwrap_or(p);
    r.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/")
}

/// A relative path that stays inside its folder: no `..`, no leading `/`, no `\`, no
/// drive letters, no percent-encoded escapes; normalised to `/` separators.
pub fn safe_relative_path(p: &str) -> Option<String> {
    let p = p.trim();
    if p.is_empty()
        || p.starts_with('/')
        || p.contains('\\')
        || p.contains('\0')
        || p.contains('%')
        || p.contains(':')
        || p.chars().any(char::is_control)
    {
        return None;
    }
    let parts: Vec<&str> = p.split('/').filter(|s| !s.is_empty() && *s != ".").collect();
    if parts.is_empty() || parts.contains(&"..") {
        return None;
    }
    Some(parts.join("/"))
}

/// The site's root with links resolved, to compare what links point at with
/// ([`inside_site`]); the root as given if it cannot be resolved.
pub fn canonical_root(root: &Path) -> PathBuf {
    std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf())
}

/// Whether `path`, links resolved, is inside the site (`canonical_root` from
/// [`canonical_root`]): nothing outside it is read or published through a link.
pub fn inside_site(canonical_root: &Path, path: &Path) -> io::Result<bool> {
    std::fs::canonicalize(path).map(|real| real.starts_with(canonical_root))
}

/// The output is deleted and replaced whole, so it must never be the site itself, hold
/// it, or be one of its source folders.
pub fn guard_output(root: &Path, output: &Path) -> io::Result<()> {
    let abs = |p: &Path| std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf());
    let (root, output) = (abs(root), abs(output));
    let canon = |p: &Path| std::fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf());
    let (root_c, output_c) = (canon(&root), canon(&output));
    let bad = root_c.starts_with(&output_c)
        || layout::SOURCES.iter().any(|s| output_c.starts_with(root_c.join(s)))
        || output.file_name().is_none();
    if bad {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            format!(
                "โฟลเดอร์ผลลัพธ์ {} ทับโฟลเดอร์ของเว็บไซต์ (ถูกลบแล้วสร้างใหม่ทุกครั้ง) ให้ใช้ --output โฟลเดอร์อื่น",
                output.display()
            ),
        ));
    }
    if output_c.exists() && !output_c.is_dir() {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            format!("{} เป็นไฟล์ ไม่ใช่โฟลเดอร์", output.display()),
        ));
    }
    Ok(())
}

/// Output paths come from slugs and file names; this is the last guard that none of
/// them leaves the output folder.
pub fn checked_output_path(path: &str) -> io::Result<&str> {
    if leaves_output(path) {
        Err(io::Error::new(io::ErrorKind::InvalidInput, format!("ไม่เขียนไฟล์ \"{path}\": อยู่นอกโฟลเดอร์ผลลัพธ์")))
    } else {
        Ok(path)
    }
}

/// Whether `path` is empty, holds a backslash or NUL, or has a part that is empty (a
/// leading or doubled `/`), `.` or `..`: in one pass over the bytes, as every file of
/// every build comes through here (all four are ASCII, never inside a UTF-8 character).
fn leaves_output(path: &str) -> bool {
    // Bytes of the part so far, and how many of them are dots.
    let (mut len, mut dots) = (0, 0);
    for &b in path.as_bytes() {
        match b {
            b'\\' | 0 => return true,
            b'/' if len == dots && len <= 2 => return true,
            b'/' => (len, dots) = (0, 0),
            b'.' => (len, dots) = (len + 1, dots + 1),
            _ => len += 1,
        }
    }
    len == dots && len <= 2
}

/// The folder beside `output` that builds are staged in, and the prefix of the names
/// (`.public.prongsai-new-<pid>`, `…-old-<pid>`) a build gives its temporary folders
/// there. Hidden, so that neither the walk nor `serve` takes them for sources.
pub fn staging_prefix(output: &Path) -> Option<(PathBuf, String)> {
    let parent = output.parent().map(Path::to_path_buf).unwrap_or_else(|| PathBuf::from("."));
    let parent = if parent.as_os_str().is_empty() { PathBuf::from(".") } else { parent };
    let name = output.file_name()?.to_string_lossy().into_owned();
    Some((parent, format!(".{name}.prongsai-")))
}

/// Writes `bytes` to `path` whole or not at all: into a hidden temporary file beside it
/// (the watcher and the build skip dot files), flushed to disk, then renamed over `path`.
/// A crash or a full disk leaves the old file, never half a new one. Creates the folder.
/// The one writer of source files: `new`, `import` and the editor all write through it.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    use std::io::Write;
    let dir = path.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)?;
    let name = path.file_name().ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, "ไม่มีชื่อไฟล์"))?;
    let tmp = dir.join(format!(".{}.prongsai-tmp-{}", name.to_string_lossy(), std::process::id()));
    let written = (|| {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        drop(f);
        std::fs::rename(&tmp, path)
    })();
    if written.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    written
}

/// Windows' reserved device names: a file called `CON.md` or `nul.txt` opens the device.
const DEVICE_NAMES: [&str; 22] = [
    "CON", "PRN", "AUX", "NUL", "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8", "COM9",
    "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9",
];

/// A path inside the site that the editor may write: [`safe_relative_path`]'s rules, plus
/// no Windows device name, no character Windows refuses in a name (`<>:"|?*`), no name
/// ending in a dot or space, no hidden segment, and only under `content/`, `static/`, or
/// `site.yaml` itself. Normalised to `/` separators.
pub fn writable_site_path(p: &str) -> Option<String> {
    let p = safe_relative_path(p)?;
    for seg in p.split('/') {
        let stem = seg.split('.').next().unwrap_or("").trim_end();
        if DEVICE_NAMES.iter().any(|d| stem.eq_ignore_ascii_case(d))
            || seg.contains(['<', '>', ':', '"', '|', '?', '*'])
            || seg.ends_with('.')
            || seg.ends_with(' ')
            || seg.starts_with('.')
        {
            return None;
        }
    }
    let ok = p == layout::CONFIG_FILE
        || p.starts_with(&format!("{}/", layout::CONTENT)) && p.len() > layout::CONTENT.len() + 1
        || p.starts_with(&format!("{}/", layout::STATIC)) && p.len() > layout::STATIC.len() + 1;
    ok.then_some(p)
}

/// Text decoded from a file's bytes.
#[derive(Debug)]
pub struct Decoded {
    pub text: String,
    /// The file was UTF-16 (Notepad's "Unicode") and was converted: worth a warning
    /// ([`UTF16_NOTE`], [`Code::Utf16`]).
    pub from_utf16: bool,
}

/// The warning for a file read from UTF-16.
pub const UTF16_NOTE: &str = "ไฟล์บันทึกเป็น UTF-16 (Unicode ของ Notepad) ซึ่งแปลงให้แล้ว ควรบันทึกใหม่เป็น UTF-8";

/// Why a file's bytes are not text, and where.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DecodeError {
    /// Byte offset of the problem in the bytes as given (BOM included).
    pub at: usize,
    pub kind: NotText,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NotText {
    /// Not UTF-8, with bytes where TIS-620 / Windows-874 puts Thai letters.
    Tis620,
    /// Not UTF-8, nor likely Thai in an old encoding.
    NotUtf8,
    /// A NUL character: a damaged or binary file.
    Nul,
    /// UTF-16 with a BOM that does not decode.
    BadUtf16,
}

impl DecodeError {
    pub fn code(&self) -> Code {
        Code::NotUtf8
    }
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self.kind {
            NotText::Tis620 => {
                "ไฟล์ไม่ใช่ UTF-8 น่าจะเป็นรหัสภาษาไทยแบบเก่า TIS-620/Windows-874 ให้บันทึกใหม่เป็น UTF-8 (ใน Notepad: Save As > Encoding: UTF-8) หรือแปลงด้วย iconv -f WINDOWS-874 -t UTF-8 ไฟล์เดิม > ไฟล์ใหม่"
            }
            NotText::NotUtf8 => "ไฟล์ไม่ใช่ข้อความ UTF-8 ให้บันทึกใหม่เป็น UTF-8",
            NotText::Nul => "ไฟล์มีอักขระ NUL (ไฟล์อาจเสียหรือไม่ใช่ไฟล์ข้อความ)",
            NotText::BadUtf16 => "ไฟล์ UTF-16 เสียหาย ให้บันทึกใหม่เป็น UTF-8",
        })
    }
}

impl std::error::Error for DecodeError {}

/// Bytes → text. UTF-8 (with or without BOM) is the format; UTF-16 with a BOM (Notepad's
/// "Unicode") is converted (and says so); anything else is an error that says what the
/// file probably is and how to convert it, at the byte offset of the problem.
pub fn decode(bytes: &[u8]) -> Result<Decoded, DecodeError> {
    let utf16_err = DecodeError { at: 0, kind: NotText::BadUtf16 };
    if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        let text = utf16(rest, u16::from_le_bytes).ok_or(utf16_err)?;
        return Ok(Decoded { text, from_utf16: true });
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        let text = utf16(rest, u16::from_be_bytes).ok_or(utf16_err)?;
        return Ok(Decoded { text, from_utf16: true });
    }
    // Offsets in errors are into `bytes` as given, BOM included.
    let (bom, bytes) = match bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        Some(rest) => (3, rest),
        None => (0, bytes),
    };
    match std::str::from_utf8(bytes) {
        Ok(t) => {
            if let Some(i) = t.find('\0') {
                return Err(DecodeError { at: bom + i, kind: NotText::Nul });
            }
            Ok(Decoded { text: t.to_string(), from_utf16: false })
        }
        Err(e) => {
            let at = bom + e.valid_up_to();
            // TIS-620 / Windows-874 put Thai letters in 0xA1..=0xFB, as single bytes.
            let thai_bytes = bytes.iter().filter(|b| (0xA1..=0xFB).contains(*b)).count();
            let kind = if thai_bytes > 0 { NotText::Tis620 } else { NotText::NotUtf8 };
            Err(DecodeError { at, kind })
        }
    }
}

/// TIS-620 and its Windows-874 superset, decoded by table: a fixed single-byte code
/// (0xA1–0xFB are U+0E01–U+0E5B, in order; Windows adds a few marks in 0x80–0x9F). A
/// table of 40 entries needs no crate. None at a byte neither code defines.
pub fn decode_windows_874(bytes: &[u8]) -> Option<String> {
    let mut s = String::with_capacity(bytes.len() * 3);
    for &b in bytes {
        let c = match b {
            0x00 => return None,
            0x01..=0x7F => b as char,
            0x80 => '€',
            0x85 => '…',
            0x91 => '\u{2018}',
            0x92 => '\u{2019}',
            0x93 => '\u{201C}',
            0x94 => '\u{201D}',
            0x95 => '•',
            0x96 => '–',
            0x97 => '—',
            0xA0 => '\u{A0}',
            0xA1..=0xDA | 0xDF..=0xFB => char::from_u32(0x0E01 + u32::from(b - 0xA1))?,
            _ => return None,
        };
        s.push(c);
    }
    Some(s)
}

/// [`decode`], taking the bytes: plain UTF-8 (the usual file) becomes the text without a
/// copy. Err gives the bytes back.
pub fn decode_owned(mut bytes: Vec<u8>) -> Result<Decoded, Undecodable> {
    if utf8_text_start(&bytes) == Some(0) {
        match utf8(bytes) {
            Ok(text) if !text.contains('\0') => return Ok(Decoded { text, from_utf16: false }),
            Ok(t) => bytes = t.into_bytes(),
            Err(b) => bytes = b,
        }
    }
    decode(&bytes).map_err(|error| Undecodable { bytes, error })
}

/// A file that is not text: its bytes back, and why.
pub struct Undecodable {
    pub bytes: Vec<u8>,
    pub error: DecodeError,
}

/// Where the text of a file starts if it is UTF-8: after its BOM, if any. None for the
/// BOMs of UTF-16 (whose text is converted, not found in the file).
pub fn utf8_text_start(bytes: &[u8]) -> Option<usize> {
    match bytes {
        [0xEF, 0xBB, 0xBF, ..] => Some(3),
        [0xFF, 0xFE, ..] | [0xFE, 0xFF, ..] => None,
        _ => Some(0),
    }
}

/// `String::from_utf8`, checked with SIMD: Thai text is all three-byte characters, which
/// the standard check takes a byte at a time (it was 4% of a build's instructions).
pub fn utf8(bytes: Vec<u8>) -> Result<String, Vec<u8>> {
    if simdutf8::basic::from_utf8(&bytes).is_err() {
        return Err(bytes);
    }
    // SAFETY: just checked to be UTF-8.
    Ok(unsafe { String::from_utf8_unchecked(bytes) })
}

fn utf16(bytes: &[u8], word: fn([u8; 2]) -> u16) -> Option<String> {
    let units = bytes.chunks_exact(2).map(|c| word([c[0], c[1]]));
    let text: Result<String, _> = char::decode_utf16(units).collect();
    text.ok().filter(|t| !t.contains('\0'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decode_forms() {
        assert_eq!(decode(b"\xEF\xBB\xBFabc").unwrap().text, "abc");
        let utf16: Vec<u8> =
            [0xFF, 0xFE].into_iter().chain("ก-".encode_utf16().flat_map(|u| u.to_le_bytes())).collect();
        let d = decode(&utf16).unwrap();
        assert_eq!(d.text, "ก-");
        assert!(d.from_utf16);
        // "ประชุม" in TIS-620
        let e = decode(b"---\ntitle: \xBB\xC3\xD0\xAA\xD8\xC1\n").unwrap_err();
        assert_eq!(e, DecodeError { at: 11, kind: NotText::Tis620 });
        assert!(e.to_string().contains("TIS-620"));
        assert_eq!(decode(b"a\0b").unwrap_err().kind, NotText::Nul);
        assert_eq!(decode(b"\xFF\xFE\x00\xD8").unwrap_err().kind, NotText::BadUtf16);
        // offsets are into the bytes as given, BOM included
        assert_eq!(decode(b"\xEF\xBB\xBFa\0b").unwrap_err().at, 4);
        assert_eq!(decode(b"\xEF\xBB\xBFab\xBB").unwrap_err().at, 5);
    }

    #[test]
    fn ignored_names() {
        for n in [".a.md.swp", "_index.md", "a.md~", "#a.md#", ".#a.md"] {
            assert!(is_ignored(std::ffi::OsStr::new(n)), "{n}");
        }
        assert!(!is_ignored(std::ffi::OsStr::new("a.md")));
    }

    #[test]
    fn attachment_paths_stay_inside() {
        assert_eq!(safe_relative_path("files//2567/./a.pdf"), Some("files/2567/a.pdf".into()));
        for bad in ["../a", "/etc/passwd", "a/../../b", "%2e%2e/a", "C:\\x", "a\\..\\b", ""] {
            assert_eq!(safe_relative_path(bad), None, "{bad}");
        }
    }

    #[test]
    fn the_editor_writes_only_under_content_static_and_site_yaml() {
        assert_eq!(writable_site_path("content/2567/ประชุม.md").as_deref(), Some("content/2567/ประชุม.md"));
        assert_eq!(writable_site_path("static/files/2567/a.pdf").as_deref(), Some("static/files/2567/a.pdf"));
        assert_eq!(writable_site_path("site.yaml").as_deref(), Some("site.yaml"));
        for bad in [
            "templates/page.html",
            "content",
            "content/",
            "../content/a.md",
            "content/../site.yaml",
            "/etc/passwd",
            "C:/x/content/a.md",
            "content\\a.md",
            "content/CON.md",
            "content/nul",
            "static/com1.txt",
            "content/a?.md",
            "content/a*.md",
            "content/a.md.",
            "content/.git/config",
            "site.yml",
            "ita/2568.yaml",
        ] {
            assert_eq!(writable_site_path(bad), None, "{bad}");
        }
    }

    #[test]
    fn atomic_write_replaces_whole_and_leaves_no_temp_file() {
        let d = tempfile::tempdir().unwrap();
        let p = d.path().join("a/b.md");
        write_atomic(&p, b"one").unwrap();
        write_atomic(&p, b"two").unwrap();
        assert_eq!(std::fs::read(&p).unwrap(), b"two");
        let names: Vec<_> =
            std::fs::read_dir(d.path().join("a")).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert_eq!(names, vec![std::ffi::OsString::from("b.md")]);
    }

    #[test]
    fn paths_that_leave_the_output_folder_are_refused() {
        for bad in
            ["", "/etc/x", "../x", "a/../../x", "a\\b", "a//b", "./a", "a/", "a/.", "a/..", ".", "..", "a\0b"]
        {
            assert!(checked_output_path(bad).is_err(), "{bad}");
        }
        for good in ["2567/ประชุม/index.html", "a/.b/c", "a/.../b", "a..b", "search/c/0a1b.json"]
        {
            assert!(checked_output_path(good).is_ok(), "{good}");
        }
    }
}
