//! Reading one meeting file: refused if too big or not a regular file, decoded, parsed;
//! with [`LoadCache::lean`](super::cache::LoadCache::lean), its body left in the file and read
//! again for its page ([`read_body`]). Then its attachments looked at under `static/`,
//! with all their pages show of them ([`look_at_attachments`]).

use super::cache::Cached;
use super::disclosure;
use super::meeting::{self, Body, BodyInFile, Meeting};
use super::page::{AttachedFile, Attachment, CsvRows, MAX_TABLE_ROWS};
use super::source::{MAX_FILE_BYTES, Stamp, error_pos};
use crate::diagnostics::{Code, Diagnostics, Pos};
use crate::fs::{Decoded, UTF16_NOTE, Undecodable, decode_owned, read_regular, rel, utf8, utf8_text_start};
use crate::layout;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// `lean`: leave the body in its file, keeping the headings that begin with one of these.
pub(super) fn read_meeting(
    root: &Path,
    path: &Path,
    stamp: Option<Stamp>,
    lean: Option<&[String]>,
) -> Cached {
    let source = rel(root, path);
    let mut diags = Diagnostics::new();
    let stamp = stamp.unwrap_or(Stamp { len: 0, modified: None });
    let (mut meeting, mut disclosure, mut draft_line) = (None, None, None);
    if let Some((text, start)) = read_text(&source, path, &stamp, &mut diags) {
        draft_line = super::frontmatter::draft_line(&text);
        if disclosure::is_disclosure(&text) {
            disclosure = disclosure::parse(&source, &text, &mut diags).map(Arc::new);
        } else {
            meeting = parse(&source, path, &text, start, &stamp, lean, &mut diags).map(Arc::new);
        }
    }
    Cached { stamp, meeting, disclosure, diags: diags.sorted().into(), draft_line, attachments: None }
}

/// The file's text, and where it starts in the file when it is UTF-8 (a body left in its
/// file is read back from there; UTF-16 files, rare, keep their text). None, with the
/// error in `diags`, if it is too big, cannot be read or is not text.
fn read_text(
    source: &str,
    path: &Path,
    stamp: &Stamp,
    diags: &mut Diagnostics,
) -> Option<(String, Option<usize>)> {
    if stamp.len > MAX_FILE_BYTES {
        diags.error(
            Code::TooLarge,
            source,
            Pos::default(),
            format!("ไฟล์ใหญ่เกินไป ({} MB) รับได้ไม่เกิน {} MB", stamp.len >> 20, MAX_FILE_BYTES >> 20),
        );
        return None;
    }
    let bytes = match read_regular(path) {
        Ok(b) => b,
        Err(e) => {
            diags.error(Code::Unreadable, source, Pos::default(), format!("อ่านไฟล์ไม่ได้: {e}"));
            return None;
        }
    };
    let start = utf8_text_start(&bytes);
    match decode_owned(bytes) {
        Ok(Decoded { text, from_utf16 }) => {
            if from_utf16 {
                diags.warning(Code::Utf16, source, Pos::default(), UTF16_NOTE);
            }
            Some((text, start))
        }
        Err(Undecodable { bytes, error }) => {
            diags.error(error.code(), source, error_pos(&bytes, error.at), error.to_string());
            None
        }
    }
}

/// The meeting in `text`; with `lean`, its body left in the file at `start`.
fn parse(
    source: &str,
    path: &Path,
    text: &str,
    start: Option<usize>,
    stamp: &Stamp,
    lean: Option<&[String]>,
    diags: &mut Diagnostics,
) -> Option<Meeting> {
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    // Without a time to compare, a change since could not be told: keep the text then.
    match (lean, stamp.modified, start) {
        (Some(prefixes), Some(_), Some(start)) => {
            meeting::parse_with(source, &name, text, diags, |body, offset| {
                let headings = meeting::headings(body)
                    .into_iter()
                    .filter(|h| prefixes.iter().any(|p| crate::text::heading_starts_with(&h.text, p)))
                    .collect();
                Body::InFile(BodyInFile { at: (start + offset) as u64, stamp: stamp.clone(), headings })
            })
        }
        _ => meeting::parse(source, &name, text, diags),
    }
}

/// Why a body left in its file could not be read again for its page.
#[derive(Debug)]
pub enum BodyError {
    /// The file changed since it was loaded: its page must not mix the two.
    Changed,
    Unreadable(std::io::Error),
}

impl BodyError {
    pub fn code(&self) -> Code {
        match self {
            BodyError::Changed => Code::FileChanged,
            BodyError::Unreadable(_) => Code::Unreadable,
        }
    }
}

impl std::fmt::Display for BodyError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            BodyError::Changed => f.write_str("ไฟล์ถูกแก้ไขระหว่างการสร้างเว็บไซต์ ให้สั่งสร้างใหม่อีกครั้ง"),
            BodyError::Unreadable(e) => write!(f, "อ่านไฟล์ไม่ได้: {e}"),
        }
    }
}

impl std::error::Error for BodyError {}

/// The body of a meeting whose body was left in its file, read again; an error if the
/// file cannot be read or changed since it was loaded.
pub fn read_body(root: &Path, m: &Meeting) -> Result<String, BodyError> {
    let b = match &m.body {
        Body::Text(t) => return Ok(t.clone()),
        Body::InFile(b) => b,
    };
    let path = root.join(&m.source);
    // Looked at before opening, as in `read_regular`: a FIFO put in its place would block.
    let meta = std::fs::metadata(&path).map_err(BodyError::Unreadable)?;
    if !meta.is_file() || Stamp::of(&meta) != b.stamp {
        return Err(BodyError::Changed);
    }
    // Only the body is read: the file was decoded whole when it was loaded.
    let mut bytes = Vec::with_capacity(meta.len().saturating_sub(b.at) as usize + 1);
    std::fs::File::open(&path)
        .and_then(|mut f| {
            std::io::Seek::seek(&mut f, std::io::SeekFrom::Start(b.at))?;
            std::io::Read::read_to_end(&mut f, &mut bytes)
        })
        .map_err(BodyError::Unreadable)?;
    utf8(bytes).map_err(|_| BodyError::Changed)
}

/// Each attachment's file looked at under `static/` of the site at `root`, as its page
/// will show it: its stamp, and with `tables` (a disclosure page), a CSV's rows. A missing
/// one is an error in `diags`. A file whose stamp is still the one in `attachments` keeps
/// what was read of it then, unless it is under one of the paths `told` changed; `None` if
/// every file is as `attachments` hold it already.
pub fn look_at_attachments(
    root: &Path,
    source: &str,
    attachments: &[Attachment],
    tables: bool,
    told: &[PathBuf],
    diags: &mut Diagnostics,
) -> Option<Vec<Option<AttachedFile>>> {
    let static_dir = root.join(layout::STATIC);
    let found: Vec<Option<AttachedFile>> = attachments
        .iter()
        .map(|a| {
            let p = static_dir.join(&a.path);
            let stamp = std::fs::metadata(&p).ok().filter(|m| m.is_file()).map(|m| Stamp::of(&m));
            let Some(stamp) = stamp else {
                diags.error(Code::AttachmentMissing, source, a.pos, format!("ไม่พบไฟล์แนบ static/{}", a.path));
                return None;
            };
            match &a.file {
                Some(held) if held.stamp.still(&stamp) && !told.iter().any(|t| p.starts_with(t)) => {
                    Some(held.clone())
                }
                _ => {
                    let is_table = tables && a.path.to_ascii_lowercase().ends_with(".csv");
                    let table = is_table.then(|| read_table(&p, &stamp)).flatten().map(Arc::new);
                    Some(AttachedFile { stamp, table })
                }
            }
        })
        .collect();
    let same = attachments.iter().zip(&found).all(|(a, f)| a.file == *f);
    (!same).then_some(found)
}

/// [`look_at_attachments`] put into the document's own list, problems left out: for a
/// document checked from memory (the editor's preview), which shows the files as they are.
pub fn attach_files(root: &Path, attachments: &mut [Attachment], tables: bool) {
    if let Some(found) = look_at_attachments(root, "", attachments, tables, &[], &mut Diagnostics::new()) {
        for (a, f) in attachments.iter_mut().zip(found) {
            a.file = f;
        }
    }
}

/// A CSV attachment's rows (the first the header), decoded as content files are, or as
/// TIS-620/Windows-874 as Excel on Thai Windows saves it. None if it cannot be read or is
/// not text: the page then links to the file without a table.
fn read_table(path: &Path, stamp: &Stamp) -> Option<CsvRows> {
    if stamp.len > MAX_FILE_BYTES {
        return None;
    }
    let bytes = read_regular(path).ok()?;
    let text = match crate::fs::decode(&bytes) {
        Ok(d) => d.text,
        Err(e) if e.kind == crate::fs::NotText::Tis620 => crate::fs::decode_windows_874(&bytes)?,
        Err(_) => return None,
    };
    let mut r = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(text.as_bytes());
    let mut records =
        r.records().filter_map(Result::ok).map(|rec| rec.iter().map(str::to_string).collect::<Vec<_>>());
    let header = records.next()?;
    let mut rows = Vec::new();
    let mut total = 0;
    for rec in records {
        total += 1;
        if rows.len() < MAX_TABLE_ROWS {
            rows.push(rec);
        }
    }
    Some(CsvRows { header, rows, total })
}

#[cfg(test)]
mod tests {
    use super::super::source::stamp;
    use super::*;

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
        let kept = |b: &BodyInFile| {
            b.headings.iter().map(|h| (h.text.clone(), h.line, h.filled)).collect::<Vec<_>>()
        };
        assert!(matches!(&m.body, Body::InFile(b) if kept(b) == [("ผลการประชุม".to_string(), 1, true)]));
        assert_eq!(read_body(dir.path(), &m).unwrap(), "## ผลการประชุม\n\nเนื้อหา\n");
        std::fs::write(&path, "---\ntitle: ข\n---\n").unwrap();
        assert!(matches!(read_body(dir.path(), &m).unwrap_err(), BodyError::Changed));
        std::fs::remove_file(&path).unwrap();
        assert!(read_body(dir.path(), &m).is_err());
    }

    #[test]
    fn an_attachment_is_read_again_when_its_stamp_changes_or_it_is_told_of() {
        let dir = tempfile::tempdir().unwrap();
        let csv = dir.path().join("static/t.csv");
        std::fs::create_dir_all(csv.parent().unwrap()).unwrap();
        std::fs::write(&csv, "ก,ข\n1,2\n").unwrap();
        let mut list = vec![
            Attachment { path: "t.csv".into(), pos: Pos::default(), file: None },
            Attachment { path: "gone.pdf".into(), pos: Pos::default(), file: None },
        ];
        let look = |list: &mut Vec<Attachment>, told: &[std::path::PathBuf]| {
            let mut d = Diagnostics::new();
            let found = look_at_attachments(dir.path(), "a.md", list, true, told, &mut d);
            assert_eq!(d.with_code(Code::AttachmentMissing), 1, "{:?}", d.sorted());
            if let Some(found) = &found {
                for (a, f) in list.iter_mut().zip(found) {
                    a.file = f.clone();
                }
            }
            found.is_some()
        };
        let rows = |list: &[Attachment]| {
            list[0].file.as_ref().and_then(|f| f.table.as_ref()).map(|t| t.rows.clone())
        };
        assert!(look(&mut list, &[]), "looked at the first time");
        assert_eq!(rows(&list), Some(vec![vec!["1".to_string(), "2".to_string()]]));
        assert!(list[1].file.is_none(), "a missing file has none");
        assert!(!look(&mut list, &[]), "the same stamp: nothing new");
        // The same size and time: read again only when told of.
        let mtime = std::fs::metadata(&csv).unwrap().modified().unwrap();
        std::fs::write(&csv, "ก,ข\n3,4\n").unwrap();
        std::fs::File::options().write(true).open(&csv).unwrap().set_modified(mtime).unwrap();
        assert!(!look(&mut list, &[]));
        assert!(look(&mut list, &[dir.path().join("static")]), "a folder told of covers its files");
        assert_eq!(rows(&list), Some(vec![vec!["3".to_string(), "4".to_string()]]));
        std::fs::write(&csv, "ก,ข\n3,4\n5,6\n").unwrap();
        assert!(look(&mut list, &[]), "another size");
        assert_eq!(list[0].file.as_ref().map(|f| f.stamp.len), Some(16));
    }
}
