//! Report files → blocks of text as a person sees them: paragraphs, and the rows of
//! tables as cells. Text files in UTF-8, UTF-16 (with its BOM) or TIS-620/Windows-874;
//! `.docx` (Word) and `.odt` (LibreOffice) opened as the zip archives they are, their XML
//! read with quick-xml. Every limit here is what keeps a hostile file (a zip bomb, a
//! billion-laughs DOCTYPE, 50 MB of text) from costing more than a real report does.

use super::{ImportError, Problem};
use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};
use std::collections::HashMap;
use std::io::{Cursor, Read};

/// Largest report file read: a Word report with photographs is a few MB; text far less.
pub const MAX_FILE_BYTES: u64 = 20 * 1024 * 1024;
/// Largest text file read: a pasted report is a few KB.
pub const MAX_TEXT_BYTES: usize = 2 * 1024 * 1024;
/// Largest XML part (`word/document.xml`, `content.xml`) read, uncompressed.
pub const MAX_XML_BYTES: u64 = 16 * 1024 * 1024;
/// Most entries of a zip archive: a real `.docx` has a few dozen.
pub const MAX_ZIP_ENTRIES: usize = 2000;
/// Most uncompressed bytes all entries of an archive may declare together.
pub const MAX_ZIP_TOTAL: u64 = 256 * 1024 * 1024;
/// Most paragraphs and table rows kept: far above any report, below what hurts.
const MAX_BLOCKS: usize = 100_000;
/// Most cells an ODF row may repeat (`table:number-columns-repeated` can say millions).
const MAX_REPEAT: usize = 64;

/// A paragraph, or one row of a table as the text of its cells.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Block {
    Para(String),
    Row(Vec<String>),
}

/// What kind of file a report is, from its first bytes (and its name for text).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Text,
    Docx,
    Odt,
}

pub fn read(bytes: &[u8], name: &str) -> Result<(Kind, Vec<Block>), ImportError> {
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(ImportError::new(Problem::TooLarge, format!("{} MB", bytes.len() / (1024 * 1024))));
    }
    let lower = name.to_lowercase();
    let ext = lower.rsplit_once('.').map(|(_, e)| e).unwrap_or("");
    if let Some(what) = not_a_report(bytes, ext) {
        return Err(ImportError::new(Problem::NotAReport, what.to_string()));
    }
    let zip = bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06");
    match ext {
        "docx" | "docm" | "dotx" | "odt" | "ott" if !zip => {
            Err(ImportError::new(Problem::NotZip, format!("ไฟล์ .{ext} ต้องเป็นไฟล์ zip แต่ไฟล์นี้ไม่ใช่")))
        }
        "doc" => Err(ImportError::new(Problem::NotAReport, "ไฟล์ .doc แบบเก่าของ Word 97-2003".into())),
        _ if zip => read_zip(bytes),
        _ => Ok((Kind::Text, read_text(bytes)?)),
    }
}

/// A PDF, an image or an old binary Word file: what it is, from its first bytes.
fn not_a_report(bytes: &[u8], ext: &str) -> Option<&'static str> {
    let magic: &[(&[u8], &str)] = &[
        (b"%PDF", "ไฟล์ PDF"),
        (b"\x89PNG", "รูปภาพ PNG"),
        (b"\xFF\xD8\xFF", "รูปภาพ JPEG"),
        (b"GIF8", "รูปภาพ GIF"),
        (b"II*\x00", "รูปภาพ TIFF"),
        (b"MM\x00*", "รูปภาพ TIFF"),
        (b"\xD0\xCF\x11\xE0", "ไฟล์ .doc แบบเก่าของ Word 97-2003"),
        (b"{\\rtf", "ไฟล์ RTF"),
    ];
    if let Some((_, what)) = magic.iter().find(|(m, _)| bytes.starts_with(m)) {
        return Some(what);
    }
    match ext {
        "pdf" => Some("ไฟล์ PDF"),
        "png" | "jpg" | "jpeg" | "gif" | "tif" | "tiff" | "bmp" | "webp" | "heic" => Some("รูปภาพ"),
        _ => None,
    }
}

// ---------------------------------------------------------------------------------------
// Text

/// Text in UTF-8, UTF-16 with a BOM, or TIS-620/Windows-874, one block a line.
fn read_text(bytes: &[u8]) -> Result<Vec<Block>, ImportError> {
    if bytes.len() > MAX_TEXT_BYTES {
        return Err(ImportError::new(Problem::TooLarge, format!("ไฟล์ข้อความขนาด {} KB", bytes.len() / 1024)));
    }
    let text = match crate::fs::decode(bytes) {
        Ok(d) => d.text,
        Err(e) if e.kind == crate::fs::NotText::Tis620 => decode_windows_874(bytes)
            .ok_or_else(|| ImportError::new(Problem::NotText, "มีไบต์ที่ไม่ใช่อักษรใน TIS-620".into()))?,
        Err(e) => return Err(ImportError::new(Problem::NotText, e.to_string())),
    };
    let lines: Vec<Block> = text.lines().map(|l| Block::Para(l.to_string())).collect();
    if lines.len() > MAX_BLOCKS {
        return Err(ImportError::new(Problem::TooLarge, format!("{} บรรทัด", lines.len())));
    }
    Ok(lines)
}

// Also read from CSV attachments shown as tables, so it lives with the other decoding.
pub use crate::fs::decode_windows_874;

// ---------------------------------------------------------------------------------------
// Zip

fn read_zip(bytes: &[u8]) -> Result<(Kind, Vec<Block>), ImportError> {
    let bad_zip = |e: zip::result::ZipError| ImportError::new(Problem::NotZip, e.to_string());
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(bad_zip)?;
    if zip.len() > MAX_ZIP_ENTRIES {
        return Err(ImportError::new(Problem::ZipBomb, format!("มี {} ไฟล์ย่อย", zip.len())));
    }
    let mut total: u64 = 0;
    for i in 0..zip.len() {
        let f = zip.by_index_raw(i).map_err(bad_zip)?;
        total = total.saturating_add(f.size());
    }
    if total > MAX_ZIP_TOTAL {
        return Err(ImportError::new(Problem::ZipBomb, format!("ขยายแล้ว {} MB", total / (1024 * 1024))));
    }
    let names: Vec<String> = zip.file_names().flatten().map(|n| n.to_string()).collect();
    if names.iter().any(|n| n == "word/document.xml") {
        let numbering = match names.iter().any(|n| n == "word/numbering.xml") {
            true => Numbering::parse(&part(&mut zip, "word/numbering.xml")?)?,
            false => Numbering::default(),
        };
        let xml = part(&mut zip, "word/document.xml")?;
        return Ok((Kind::Docx, docx_blocks(&xml, numbering)?));
    }
    if names.iter().any(|n| n == "content.xml") {
        let xml = part(&mut zip, "content.xml")?;
        return Ok((Kind::Odt, odt_blocks(&xml)?));
    }
    Err(ImportError::new(Problem::NotZip, "ไม่มี word/document.xml หรือ content.xml".into()))
}

/// One XML part, read up to [`MAX_XML_BYTES`] whatever size the archive declares (a
/// zip bomb lies about it).
fn part(zip: &mut zip::ZipArchive<Cursor<&[u8]>>, name: &str) -> Result<String, ImportError> {
    let f = zip.by_name(name).map_err(|e| ImportError::new(Problem::NotZip, e.to_string()))?;
    let mut buf = Vec::new();
    f.take(MAX_XML_BYTES + 1)
        .read_to_end(&mut buf)
        .map_err(|e| ImportError::new(Problem::NotZip, format!("{name}: {e}")))?;
    if buf.len() as u64 > MAX_XML_BYTES {
        return Err(ImportError::new(
            Problem::ZipBomb,
            format!("{name} ขยายแล้วเกิน {} MB", MAX_XML_BYTES >> 20),
        ));
    }
    String::from_utf8(buf).map_err(|_| ImportError::new(Problem::BadXml, format!("{name} ไม่ใช่ UTF-8")))
}

/// The next event, with a DOCTYPE refused (Office never writes one; it is how entity
/// expansion attacks start) and references resolved to text.
enum Ev<'a> {
    Start(BytesStart<'a>),
    Empty(BytesStart<'a>),
    End(String),
    Text(String),
    Eof,
}

fn next<'a>(r: &mut Reader<&'a [u8]>) -> Result<Ev<'a>, ImportError> {
    let bad = |e: String| ImportError::new(Problem::BadXml, e);
    loop {
        let pos = r.buffer_position();
        return Ok(match r.read_event().map_err(|e| bad(format!("ตำแหน่ง {pos}: {e}")))? {
            Event::DocType(_) => return Err(ImportError::new(Problem::DocType, String::new())),
            Event::Start(e) => Ev::Start(e),
            Event::Empty(e) => Ev::Empty(e),
            Event::End(e) => Ev::End(e.local_name().as_ref().to_string()),
            Event::Text(t) => Ev::Text(t.xml10_content().into_owned()),
            Event::CData(t) => Ev::Text(t.xml10_content().into_owned()),
            Event::GeneralRef(g) => match g.resolve_char_ref() {
                Ok(Some(c)) => Ev::Text(c.to_string()),
                _ => {
                    let name = g.xml10_content().into_owned();
                    match quick_xml::escape::resolve_xml_entity(&name) {
                        Some(s) => Ev::Text(s.to_string()),
                        None => return Err(bad(format!("ไม่รู้จัก &{name};"))),
                    }
                }
            },
            Event::Eof => Ev::Eof,
            _ => continue,
        });
    }
}

fn attr(e: &BytesStart, local: &str) -> Option<String> {
    e.attributes().flatten().find(|a| a.key.local_name().as_ref() == local).map(|a| a.value.to_string())
}

/// Builds paragraphs and table rows; a table inside a table cell is read as text of
/// that cell (offices nest tables for layout).
#[derive(Default)]
struct Builder {
    blocks: Vec<Block>,
    para: String,
    /// Depth of tables we are in.
    tables: usize,
    row: Vec<String>,
    cell: Option<String>,
    /// Text of each column of the row above, for a cell merged with it.
    above: Vec<String>,
}

impl Builder {
    fn end_para(&mut self) -> Result<(), ImportError> {
        let p = std::mem::take(&mut self.para);
        match &mut self.cell {
            Some(cell) => {
                if !cell.is_empty() && !p.is_empty() {
                    cell.push('\n');
                }
                cell.push_str(&p);
            }
            None => self.push(Block::Para(p))?,
        }
        Ok(())
    }
    fn push(&mut self, b: Block) -> Result<(), ImportError> {
        if self.blocks.len() >= MAX_BLOCKS {
            return Err(ImportError::new(Problem::TooLarge, format!("เกิน {MAX_BLOCKS} ย่อหน้า")));
        }
        self.blocks.push(b);
        Ok(())
    }
    fn start_row(&mut self) {
        if self.tables == 1 {
            self.row.clear();
        }
    }
    fn start_cell(&mut self) {
        if self.tables == 1 {
            self.cell = Some(String::new());
        }
    }
    /// Ends a cell spanning `span` columns; `merged`: continues the cell above.
    fn end_cell(&mut self, span: usize, merged: bool) {
        if self.tables != 1 {
            return;
        }
        let col = self.row.len();
        let mut text = self.cell.take().unwrap_or_default();
        if merged && text.trim().is_empty() {
            text = self.above.get(col).cloned().unwrap_or_default();
        }
        self.row.push(text);
        for _ in 1..span.clamp(1, MAX_REPEAT) {
            self.row.push(String::new());
        }
    }
    fn end_row(&mut self) -> Result<(), ImportError> {
        if self.tables == 1 {
            let row = std::mem::take(&mut self.row);
            self.above = row.clone();
            self.push(Block::Row(row))?;
        }
        Ok(())
    }
}

// ---------------------------------------------------------------------------------------
// Word

/// Word's automatic numbering (`word/numbering.xml`): the numbers a person sees before
/// each item of a numbered list are not in the document's text, so they are made again
/// here from each level's format (`%1.`, `%1.%2`, decimal or Thai digits).
#[derive(Default)]
struct Numbering {
    /// numId → abstractNumId.
    nums: HashMap<String, String>,
    /// (abstractNumId, level) → (format, text such as "%1.", start).
    levels: HashMap<(String, u8), (String, String, u32)>,
}

impl Numbering {
    fn parse(xml: &str) -> Result<Numbering, ImportError> {
        let mut n = Numbering::default();
        let mut r = Reader::from_str(xml);
        let (mut abs, mut num, mut lvl) = (String::new(), String::new(), 0u8);
        let mut cur = (String::from("decimal"), String::new(), 1u32);
        loop {
            let (e, open) = match next(&mut r)? {
                Ev::Start(e) => (e, true),
                Ev::Empty(e) => (e, false),
                Ev::End(name) => {
                    if name == "lvl" {
                        n.levels.insert(
                            (abs.clone(), lvl),
                            std::mem::replace(&mut cur, ("decimal".into(), String::new(), 1)),
                        );
                    }
                    continue;
                }
                Ev::Eof => break,
                Ev::Text(_) => continue,
            };
            let _ = open;
            match e.local_name().as_ref() {
                "abstractNum" => abs = attr(&e, "abstractNumId").unwrap_or_default(),
                "lvl" => lvl = attr(&e, "ilvl").and_then(|v| v.parse().ok()).unwrap_or(0),
                "numFmt" => cur.0 = attr(&e, "val").unwrap_or_default(),
                "lvlText" => cur.1 = attr(&e, "val").unwrap_or_default(),
                "start" => cur.2 = attr(&e, "val").and_then(|v| v.parse().ok()).unwrap_or(1),
                "num" => num = attr(&e, "numId").unwrap_or_default(),
                "abstractNumId" => {
                    n.nums.insert(num.clone(), attr(&e, "val").unwrap_or_default());
                }
                _ => {}
            }
        }
        Ok(n)
    }

    /// The label of the next item at `level` of list `num_id`, counting in `counters`.
    fn label(&self, counters: &mut HashMap<String, [u32; 9]>, num_id: &str, level: u8) -> String {
        let level = usize::from(level.min(8));
        let Some(abs) = self.nums.get(num_id) else { return String::new() };
        let c = counters.entry(num_id.to_string()).or_insert([0; 9]);
        let start = |l: usize| self.levels.get(&(abs.clone(), l as u8)).map_or(1, |v| v.2);
        c[level] = if c[level] == 0 { start(level) } else { c[level] + 1 };
        for deeper in c.iter_mut().skip(level + 1) {
            *deeper = 0;
        }
        let Some((fmt, text, _)) = self.levels.get(&(abs.clone(), level as u8)) else { return String::new() };
        if fmt == "bullet" {
            return "-".into();
        }
        if fmt == "none" {
            return String::new();
        }
        let mut out = text.clone();
        for (l, &n) in c.iter().enumerate().take(level + 1) {
            let v = if n == 0 { start(l) } else { n };
            let f = self.levels.get(&(abs.clone(), l as u8)).map_or("decimal", |v| v.0.as_str());
            let shown =
                if f.starts_with("thai") { crate::text::thai_digits(&v.to_string()) } else { v.to_string() };
            out = out.replace(&format!("%{}", l + 1), &shown);
        }
        out
    }
}

fn docx_blocks(xml: &str, numbering: Numbering) -> Result<Vec<Block>, ImportError> {
    let mut r = Reader::from_str(xml);
    let mut b = Builder::default();
    let mut counters = HashMap::new();
    let (mut in_text, mut in_run) = (false, 0usize);
    let (mut num_id, mut ilvl) = (None::<String>, 0u8);
    let (mut span, mut merged) = (1usize, false);
    // A paragraph inside a paragraph (a text box): the outer one waits here while the
    // inner one becomes a paragraph of its own.
    let mut outer: Vec<(String, Option<String>, u8, usize)> = Vec::new();
    let mut p_depth = 0usize;
    // Word writes a text box twice, the second time inside mc:Fallback for old readers.
    let mut fallback = 0usize;
    loop {
        let ev = next(&mut r)?;
        if fallback > 0 {
            match &ev {
                Ev::Start(e) if e.local_name().as_ref() == "Fallback" => fallback += 1,
                Ev::End(name) if name == "Fallback" => fallback -= 1,
                Ev::Eof => break,
                _ => {}
            }
            continue;
        }
        match ev {
            Ev::Start(e) => match e.local_name().as_ref() {
                "Fallback" => fallback = 1,
                "p" => {
                    if p_depth > 0 {
                        outer.push((std::mem::take(&mut b.para), num_id.take(), ilvl, in_run));
                        in_run = 0;
                    }
                    p_depth += 1;
                    b.para.clear();
                    num_id = None;
                    ilvl = 0;
                }
                "r" => in_run += 1,
                "t" => in_text = true,
                "tbl" => b.tables += 1,
                "tr" => b.start_row(),
                "tc" => {
                    (span, merged) = (1, false);
                    b.start_cell();
                }
                "vMerge" => merged = attr(&e, "val").is_none_or(|v| v != "restart"),
                _ => {}
            },
            Ev::Empty(e) => match e.local_name().as_ref() {
                "tab" if in_run > 0 => b.para.push('\t'),
                "br" | "cr" if in_run > 0 => b.para.push('\n'),
                "numId" => num_id = attr(&e, "val").filter(|v| v != "0"),
                "ilvl" => ilvl = attr(&e, "val").and_then(|v| v.parse().ok()).unwrap_or(0),
                "gridSpan" => span = attr(&e, "val").and_then(|v| v.parse().ok()).unwrap_or(1),
                "vMerge" => merged = attr(&e, "val").is_none_or(|v| v != "restart"),
                "p" => b.end_para()?,
                _ => {}
            },
            Ev::End(name) => match name.as_str() {
                "p" => {
                    if let Some(id) = num_id.take() {
                        let label = numbering.label(&mut counters, &id, ilvl);
                        if !label.is_empty() {
                            b.para.insert_str(0, &format!("{label} "));
                        }
                    }
                    b.end_para()?;
                    p_depth = p_depth.saturating_sub(1);
                    if let Some((para, id, level, run)) = outer.pop() {
                        (b.para, num_id, ilvl, in_run) = (para, id, level, run);
                    }
                }
                "r" => in_run = in_run.saturating_sub(1),
                "t" => in_text = false,
                "tc" => b.end_cell(span, merged),
                "tr" => b.end_row()?,
                "tbl" => {
                    b.tables = b.tables.saturating_sub(1);
                    if b.tables == 0 {
                        b.above.clear();
                    }
                }
                _ => {}
            },
            Ev::Text(t) if in_text => b.para.push_str(&t),
            Ev::Text(_) => {}
            Ev::Eof => break,
        }
        if b.para.len() > MAX_XML_BYTES as usize {
            return Err(ImportError::new(Problem::TooLarge, "ย่อหน้ายาวเกินไป".into()));
        }
    }
    Ok(b.blocks)
}

// ---------------------------------------------------------------------------------------
// OpenDocument

/// How a level of an ODF list style labels its items: numbers (with the prefix and
/// suffix around them, `1.`, `(1)`) or a bullet.
#[derive(Clone, Default)]
struct OdfLevel {
    number: bool,
    prefix: String,
    suffix: String,
    thai: bool,
}

fn odt_blocks(xml: &str) -> Result<Vec<Block>, ImportError> {
    let mut r = Reader::from_str(xml);
    let mut b = Builder::default();
    // List styles by name, each level's label; the lists open, each with its style and
    // the count of its items; whether the item's first paragraph still needs its label.
    let mut styles: HashMap<String, HashMap<usize, OdfLevel>> = HashMap::new();
    let mut style_name = String::new();
    let mut lists: Vec<(String, u32)> = Vec::new();
    let mut label: Option<String> = None;
    // Depth inside text:p / text:h: text outside them (in styles, notes' citations) is not
    // the report's text.
    let mut in_para = 0usize;
    let mut spans: Vec<(usize, bool)> = Vec::new();
    loop {
        match next(&mut r)? {
            Ev::Start(e) => match e.local_name().as_ref() {
                "p" | "h" => {
                    in_para += 1;
                    // A paragraph in a frame or note inside this one adds to it.
                    if in_para == 1 {
                        b.para.clear();
                    }
                    if in_para == 1
                        && let Some(l) = label.take()
                    {
                        b.para.push_str(&l);
                    }
                }
                "list-style" => style_name = attr(&e, "name").unwrap_or_default(),
                "list-level-style-number" | "list-level-style-bullet" => {
                    let level = attr(&e, "level").and_then(|v| v.parse().ok()).unwrap_or(1);
                    let number = e.local_name().as_ref() == "list-level-style-number";
                    let l = OdfLevel {
                        number,
                        prefix: attr(&e, "num-prefix").unwrap_or_default(),
                        suffix: attr(&e, "num-suffix").unwrap_or_default(),
                        thai: attr(&e, "num-format").is_some_and(|f| f == "๑"),
                    };
                    styles.entry(style_name.clone()).or_default().insert(level, l);
                }
                "list" => {
                    let name = attr(&e, "style-name")
                        .or_else(|| lists.last().map(|l| l.0.clone()))
                        .unwrap_or_default();
                    lists.push((name, 0));
                }
                "list-item" => {
                    let depth = lists.len();
                    if let Some((name, n)) = lists.last_mut() {
                        *n += 1;
                        let level = styles
                            .get(name.as_str())
                            .and_then(|s| s.get(&depth))
                            .cloned()
                            .unwrap_or_default();
                        label = Some(if level.number {
                            let n = if level.thai {
                                crate::text::thai_digits(&n.to_string())
                            } else {
                                n.to_string()
                            };
                            format!("{}{n}{} ", level.prefix, level.suffix)
                        } else {
                            "- ".to_string()
                        });
                    }
                }
                "table" => b.tables += 1,
                "table-row" => b.start_row(),
                "table-cell" | "covered-table-cell" => {
                    let covered = e.local_name().as_ref() == "covered-table-cell";
                    let span = attr(&e, "number-columns-spanned").and_then(|v| v.parse().ok()).unwrap_or(1);
                    spans.push((span, covered));
                    b.start_cell();
                }
                "note" => in_para += 1000,
                _ => {}
            },
            Ev::Empty(e) => match e.local_name().as_ref() {
                "tab" if in_para > 0 => b.para.push('\t'),
                "s" if in_para > 0 => {
                    let n: usize = attr(&e, "c").and_then(|v| v.parse().ok()).unwrap_or(1);
                    b.para.extend(std::iter::repeat_n(' ', n.min(MAX_REPEAT)));
                }
                "line-break" if in_para > 0 => b.para.push('\n'),
                "p" | "h" => b.end_para()?,
                "table-cell" | "covered-table-cell" => {
                    let covered = e.local_name().as_ref() == "covered-table-cell";
                    let repeat: usize =
                        attr(&e, "number-columns-repeated").and_then(|v| v.parse().ok()).unwrap_or(1);
                    for _ in 0..repeat.clamp(1, MAX_REPEAT) {
                        b.start_cell();
                        b.end_cell(1, covered);
                    }
                }
                _ => {}
            },
            Ev::End(name) => match name.as_str() {
                "p" | "h" => {
                    in_para = in_para.saturating_sub(1);
                    if in_para == 0 {
                        b.end_para()?;
                    }
                }
                "note" => in_para = in_para.saturating_sub(1000),
                "list" => {
                    lists.pop();
                }
                "list-item" => label = None,
                "table-cell" | "covered-table-cell" => {
                    let (span, covered) = spans.pop().unwrap_or((1, false));
                    b.end_cell(span, covered);
                }
                "table-row" => b.end_row()?,
                "table" => {
                    b.tables = b.tables.saturating_sub(1);
                    if b.tables == 0 {
                        b.above.clear();
                    }
                }
                _ => {}
            },
            Ev::Text(t) if in_para > 0 && in_para < 1000 => b.para.push_str(&t),
            Ev::Text(_) => {}
            Ev::Eof => break,
        }
        if b.para.len() > MAX_XML_BYTES as usize {
            return Err(ImportError::new(Problem::TooLarge, "ย่อหน้ายาวเกินไป".into()));
        }
    }
    Ok(b.blocks)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tis620_maps_thai_letters_in_order() {
        assert_eq!(decode_windows_874(&[0xA1, 0xB9, 0x20, 0xE0, 0xF0]).unwrap(), "กน เ๐");
        assert_eq!(decode_windows_874(&[0xDB]), None);
    }

    #[test]
    fn word_runs_split_mid_word_tabs_and_tables() {
        let xml = r#"<w:document xmlns:w="w"><w:body>
<w:p><w:pPr><w:tabs><w:tab w:val="left" w:pos="720"/></w:tabs></w:pPr><w:r><w:t>ประ</w:t></w:r><w:r><w:t>ชุม</w:t></w:r><w:r><w:tab/><w:t>A&amp;B</w:t></w:r></w:p>
<w:tbl><w:tr><w:tc><w:p><w:r><w:t>ตำแหน่ง</w:t></w:r></w:p></w:tc><w:tc><w:tcPr><w:gridSpan w:val="2"/></w:tcPr><w:p><w:r><w:t>จำนวน</w:t></w:r></w:p></w:tc></w:tr>
<w:tr><w:tc><w:tcPr><w:vMerge w:val="restart"/></w:tcPr><w:p><w:r><w:t>ก</w:t></w:r></w:p></w:tc><w:tc><w:p/></w:tc></w:tr>
<w:tr><w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p/></w:tc><w:tc><w:p><w:r><w:t>2</w:t></w:r></w:p></w:tc></w:tr></w:tbl>
</w:body></w:document>"#;
        let blocks = docx_blocks(xml, Numbering::default()).unwrap();
        assert_eq!(blocks[0], Block::Para("ประชุม\tA&B".into()));
        assert_eq!(blocks[1], Block::Row(vec!["ตำแหน่ง".into(), "จำนวน".into(), "".into()]));
        assert_eq!(blocks[3], Block::Row(vec!["ก".into(), "2".into()]));
    }

    #[test]
    fn a_text_box_is_its_own_paragraph_once() {
        let xml = r#"<w:document xmlns:w="w" xmlns:mc="mc"><w:body><w:p><w:r><w:t>ก่อน</w:t></w:r><w:r><mc:AlternateContent><mc:Choice><w:drawing><w:txbxContent><w:p><w:r><w:t>กล่อง</w:t></w:r></w:p></w:txbxContent></w:drawing></mc:Choice><mc:Fallback><w:pict><w:txbxContent><w:p><w:r><w:t>กล่อง</w:t></w:r></w:p></w:txbxContent></w:pict></mc:Fallback></mc:AlternateContent></w:r><w:r><w:t>หลัง</w:t></w:r></w:p></w:body></w:document>"#;
        let blocks = docx_blocks(xml, Numbering::default()).unwrap();
        assert_eq!(blocks, vec![Block::Para("กล่อง".into()), Block::Para("ก่อนหลัง".into())]);
    }

    #[test]
    fn a_doctype_is_refused() {
        let xml = "<?xml version=\"1.0\"?><!DOCTYPE d [<!ENTITY a \"aaaa\">]><d>&a;</d>";
        assert_eq!(docx_blocks(xml, Numbering::default()).unwrap_err().problem, Problem::DocType);
    }
}
