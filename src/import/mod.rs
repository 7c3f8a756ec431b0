//! `prongsai import`: an office's report (Word `.docx`, LibreOffice `.odt`, pasted text)
//! → the text of a meeting file, with a warning for every place the report disagrees
//! with itself or lacks a field, naming where in the report. [`reader`] turns the file
//! into paragraphs and table rows; [`fields`] finds the fields the way a person reads the
//! report; this module writes the meeting file. The library writes no file: `src/cmd/
//! import.rs` does.

pub mod fields;
pub mod prose;
pub mod reader;

use crate::calendar::{self, Date};
use crate::diagnostics::Code;
use std::fmt;

pub use fields::{Attendee, Fields};
pub use reader::{Block, Kind};

/// What an import gives: the meeting file's text, where it goes, what was found, and
/// what a person should look at.
#[derive(Debug)]
pub struct Imported {
    pub text: String,
    pub date: Date,
    pub slug: String,
    pub fields: Fields,
    pub warnings: Vec<Warning>,
    pub kind: Kind,
}

impl Imported {
    /// `2566-10-20-slug.md`.
    pub fn file_name(&self) -> String {
        crate::scaffold::meeting_file_name(self.date, &self.slug)
    }
}

/// Something in the report to check by hand: its code, where (paragraph or line number,
/// from 1) and the words quoted from there.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Warning {
    pub code: Code,
    /// The meeting file's key the warning concerns (`venue`, `attendees`, `results` for
    /// the section…), for whoever shows it beside that field.
    pub field: &'static str,
    pub at: Option<usize>,
    pub quote: String,
    pub message: String,
}

/// Why a report could not be imported at all.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Problem {
    NotAReport,
    NotZip,
    ZipBomb,
    DocType,
    BadXml,
    TooLarge,
    NotText,
    NoDate,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImportError {
    pub problem: Problem,
    pub detail: String,
}

impl ImportError {
    pub fn new(problem: Problem, detail: String) -> ImportError {
        ImportError { problem, detail }
    }

    pub fn code(&self) -> Code {
        match self.problem {
            Problem::NotAReport => Code::ImportNotAReport,
            Problem::NotZip => Code::ImportNotZip,
            Problem::ZipBomb => Code::ImportZipBomb,
            Problem::DocType => Code::ImportDocType,
            Problem::BadXml => Code::ImportBadXml,
            Problem::TooLarge => Code::ImportTooLarge,
            Problem::NotText => Code::ImportNotText,
            Problem::NoDate => Code::ImportNoDate,
        }
    }
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let d = &self.detail;
        match self.problem {
            Problem::NotAReport => write!(
                f,
                "นำเข้าไม่ได้: เป็น{d} ซึ่งไม่มีข้อความให้อ่าน ให้เปิดรายงานใน Word แล้วบันทึกเป็น .docx (File > Save As > Word Document) แล้วนำเข้าไฟล์นั้น หรือถ้ามีแต่ PDF ให้สร้างการประชุมด้วย prongsai new แล้วแนบ PDF ไว้ใน attachments"
            ),
            Problem::NotZip => write!(
                f,
                "นำเข้าไม่ได้: ไฟล์ Word/OpenDocument เสียหาย ({d}) ให้เปิดใน Word หรือ LibreOffice แล้วบันทึกเป็น .docx ใหม่"
            ),
            Problem::ZipBomb => write!(
                f,
                "นำเข้าไม่ได้: ไฟล์ zip ขยายออกมาใหญ่ผิดปกติ ({d}) ไม่ใช่รายงานทั่วไป (อาจเป็นไฟล์อันตราย) จึงไม่อ่านต่อ"
            ),
            Problem::DocType => f.write_str(
                "นำเข้าไม่ได้: XML ในไฟล์มี DOCTYPE ซึ่ง Word และ LibreOffice ไม่เขียน (อาจเป็นไฟล์อันตรายที่ขยาย entity) จึงไม่อ่าน ให้บันทึกรายงานเป็น .docx ใหม่จาก Word",
            ),
            Problem::BadXml => write!(f, "นำเข้าไม่ได้: XML ในไฟล์เสียหาย ({d}) ให้บันทึกรายงานเป็น .docx ใหม่จาก Word"),
            Problem::TooLarge => write!(
                f,
                "นำเข้าไม่ได้: ไฟล์ใหญ่เกินกว่ารายงาน ({d}; รับไฟล์ไม่เกิน {} MB และข้อความไม่เกิน {} KB) ตรวจว่าเลือกไฟล์ถูก",
                reader::MAX_FILE_BYTES >> 20,
                reader::MAX_TEXT_BYTES >> 10
            ),
            Problem::NotText => write!(f, "นำเข้าไม่ได้: อ่านข้อความไม่ได้ ({d})"),
            Problem::NoDate => f.write_str(
                "นำเข้าไม่ได้: ไม่พบวันที่ดำเนินการในรายงาน (เช่น \"วัน/เดือน/ปี ที่ดำเนินการ : 20 ตุลาคม 2566\" หรือ \"เมื่อวันที่ 20 ตุลาคม 2566\") ชื่อไฟล์การประชุมต้องมีวันที่ ให้เพิ่มวันที่ในรายงานแล้วนำเข้าอีกครั้ง หรือสร้างด้วย prongsai new",
            ),
        }
    }
}

impl std::error::Error for ImportError {}

/// Reads a report (`name` gives its kind when its bytes do not) and gives the meeting
/// file to write, or why there is none. A date is the one field without which there is
/// no file (it names the file and its fiscal year); every other field missing is a
/// warning and a blank in the file.
pub fn import_report(bytes: &[u8], name: &str) -> Result<Imported, ImportError> {
    let (kind, blocks) = reader::read(bytes, name)?;
    let (fields, warnings) = fields::find(&blocks, kind);
    let Some(span) = fields.date else {
        return Err(ImportError::new(Problem::NoDate, String::new()));
    };
    let date = span.start;
    let slug = match &fields.title {
        Some(t) => crate::scaffold::slug_from_title(t, date),
        None => crate::scaffold::slug_from_title("", date),
    };
    let text = meeting_text(&fields, &slug, name);
    Ok(Imported { text, date, slug, fields, warnings, kind })
}

/// The meeting file: front matter in the order `new` writes it, then the body.
fn meeting_text(f: &Fields, slug: &str, source: &str) -> String {
    let mut s = String::from("---\n");
    let src = std::path::Path::new(source).file_name().map_or(source.into(), |n| n.to_string_lossy());
    s.push_str(&format!(
        "# นำเข้าจากรายงาน {} ด้วย prongsai import: ตรวจกับต้นฉบับแล้วเปลี่ยน draft เป็น false\n",
        src.replace('\n', " ")
    ));
    s.push_str(&format!("title: {}\n", q(f.title.as_deref().unwrap_or(""))));
    let span = f.date.expect("date checked");
    s.push_str(&format!("date: {}\n", iso(span.start)));
    if let Some(end) = span.end {
        s.push_str(&format!("date_end: {}\n", iso(end)));
    }
    if let Some((t, end)) = &f.time {
        s.push_str(&format!("time: \"{t}\"\n"));
        if let Some(end) = end {
            s.push_str(&format!("time_end: \"{end}\"\n"));
        }
    }
    match f.venue.as_slice() {
        [] => s.push_str("venue: \"\"\n"),
        [one] => s.push_str(&format!("venue: {}\n", q(one))),
        several => {
            s.push_str("venue:\n");
            for v in several {
                s.push_str(&format!("  - {}\n", q(v)));
            }
        }
    }
    if let Some(c) = &f.chair {
        s.push_str(&format!("chair: {}\n", q(c)));
    }
    s.push_str(&format!("slug: {slug}\n"));
    if f.topics.is_empty() {
        s.push_str("topics: []\n");
    } else {
        s.push_str("topics:\n");
        for t in &f.topics {
            s.push_str(&format!("  - {}\n", q(t)));
        }
    }
    if f.attendees.is_empty() {
        s.push_str("attendees: []\n");
    } else {
        s.push_str("attendees:\n");
        for a in &f.attendees {
            s.push_str(&format!("  - role: {}\n", q(&a.role)));
            if let Some(c) = a.count {
                s.push_str(&format!("    count: {c}\n"));
            }
        }
    }
    if let Some(t) = f.total {
        s.push_str(&format!("attendees_total: {t}\n"));
    }
    s.push_str("draft: true\n---\n");
    if !f.intro.is_empty() {
        s.push('\n');
        s.push_str(&f.intro);
    }
    s.push_str("\n## ผลจากการมีส่วนร่วม\n\n");
    s.push_str(&f.results);
    s.push_str("\n## การนำผลของการมีส่วนร่วมไปปรับปรุงพัฒนาการดำเนินงาน\n\n");
    s.push_str(&f.usage);
    s
}

fn iso(d: Date) -> String {
    format!("{}-{:02}-{:02}", d.year_be(), d.month(), d.day())
}

/// A YAML string in double quotes: the report's words may hold `:`, `#` or quotes.
fn q(s: &str) -> String {
    format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
}

/// For the calendar's use by [`fields`]: a date written in a report, if it is one.
fn parse_span(s: &str) -> Option<calendar::DateSpan> {
    calendar::parse_date_span(s).ok()
}
