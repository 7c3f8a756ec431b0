//! What meeting files and disclosure pages share: the front matter split and parsed as
//! YAML, and the fields both kinds have (attachments, draft, example) or check alike
//! (placeholders left in text fields).

use super::convert::{Ctx, child, get, key};
use super::frontmatter::{self, Split, SplitError};
use super::source::Stamp;
use super::yaml::{self, Seg, Yaml};
use crate::diagnostics::{Code, Diagnostics, Pos};
use crate::fs::safe_relative_path;
use std::sync::Arc;

#[derive(Clone, Debug, PartialEq)]
pub struct Attachment {
    /// Path under `static/`, `/`-separated, checked to stay inside it.
    pub path: String,
    pub pos: Pos,
    /// Its file as load found it, with all a page shows of it; `None` while not looked
    /// at (a document checked from memory) or if it is missing.
    pub file: Option<AttachedFile>,
}

/// An attachment's file under `static/` as load read it: render shows this, never the
/// file itself, so a page kept while this stays the same shows what is on disk.
#[derive(Clone, Debug, PartialEq, Hash)]
pub struct AttachedFile {
    /// Its size and time: shown as its size; when it changes, the file is looked at again.
    pub stamp: Stamp,
    /// A CSV attachment of a disclosure page: its rows, shown as a table (`None` if it is
    /// not text or has no row).
    pub table: Option<Arc<CsvRows>>,
}

/// Rows of a CSV attachment shown on its page; past this, the page links to the file.
pub const MAX_TABLE_ROWS: usize = 2000;

/// A CSV file's rows, the first one the header, at most [`MAX_TABLE_ROWS`] of the others.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct CsvRows {
    pub header: Vec<String>,
    pub rows: Vec<Vec<String>>,
    /// The rows of the file after the header, shown or not.
    pub total: usize,
}

/// The file split at its `---` lines, and its front matter parsed as YAML; None, with
/// the error in `diags`, if either fails.
pub(super) fn front_matter<'t>(
    source: &str,
    text: &'t str,
    diags: &mut Diagnostics,
) -> Option<(Split<'t>, Yaml)> {
    let split = match frontmatter::split(text) {
        Ok(s) => s,
        Err(SplitError::NoFrontMatter) => {
            diags.error(
                Code::NoFrontMatter,
                source,
                Pos { line: 1, column: 1 },
                "ไฟล์ต้องขึ้นต้นด้วยบรรทัด --- ตามด้วยข้อมูลการประชุม (title, date, venue) แล้วปิดด้วย ---",
            );
            return None;
        }
        Err(SplitError::Unclosed) => {
            diags.error(
                Code::UnclosedFrontMatter,
                source,
                Pos { line: 1, column: 1 },
                "ข้อมูลส่วนหัวเปิดด้วย --- แต่ไม่มีบรรทัด --- ปิด",
            );
            return None;
        }
    };
    // A `---` typed inside the front matter closes it early, and the fields after it
    // would be reported missing: say what happened instead.
    if let Some(fence) = frontmatter::early_close(text, &split) {
        diags.error(
            Code::YamlStrayFence,
            source,
            crate::diagnostics::line_col(text, fence),
            format!("YAML ไม่ถูกต้อง: {}", yaml::STRAY_FENCE),
        );
        return None;
    }
    match yaml::parse(split.yaml) {
        Ok(v) => Some((split, v)),
        Err(e) => {
            let pos = crate::diagnostics::line_col(text, split.yaml_offset + e.offset.unwrap_or(0));
            diags.error_with_detail(e.code, source, pos, e.message, e.detail);
            None
        }
    }
}

/// The front matter's `key: value` pairs (none if it is empty); None, with the error, if
/// it is something else.
pub(super) fn top_map(
    cx: &mut Ctx,
    root: Yaml,
    yaml: &str,
    yaml_offset: usize,
) -> Option<Vec<(String, Yaml)>> {
    match root {
        Yaml::Map(m) => Some(m),
        Yaml::Null => Some(Vec::new()),
        // `venue:ห้องประชุม` alone is read as one string, not a map.
        Yaml::Str(s) if yaml::missing_space(&s).is_some() => {
            let (fixed, after_colon) = yaml::missing_space(&s).unwrap_or_default();
            let at = yaml_offset + yaml.find(&s[..after_colon]).map_or(0, |i| i + after_colon);
            cx.error_at(
                Code::YamlMissingSpace,
                cx.pos_of_offset(at),
                format!("YAML ไม่ถูกต้อง: ไม่มีช่องว่างหลังเครื่องหมาย : ใน \"{s}\" ให้ใส่ช่องว่างหลัง : เป็น {fixed}"),
            );
            None
        }
        other => {
            cx.error_at(
                Code::NotAMap,
                cx.pos_of_offset(yaml_offset),
                format!("ข้อมูลส่วนหัวต้องเป็นแบบ \"ชื่อ: ค่า\" แต่พบ {}", other.describe()),
            );
            None
        }
    }
}

/// `attachments:`, each a path that stays under `static/`.
pub(super) fn parse_attachments(cx: &mut Ctx, map: &[(String, Yaml)]) -> Vec<Attachment> {
    match get(map, "attachments") {
        None => vec![],
        Some(v) => {
            let p = key("attachments");
            let list = cx.string_list(v, &p);
            list.into_iter()
                .enumerate()
                .filter_map(|(i, a)| {
                    let ip = child(&p, Seg::Index(i));
                    let pos = cx.pos(&ip);
                    match safe_relative_path(&a) {
                        Some(path) => Some(Attachment { path, pos, file: None }),
                        None => {
                            cx.error(Code::AttachmentOutside, &ip, format!("\"{a}\" ต้องเป็นไฟล์ใต้โฟลเดอร์ static/ เช่น files/2567/minutes.pdf (ห้ามใช้ .. หรือ / นำหน้า)"));
                            None
                        }
                    }
                })
                .collect()
        }
    }
}

/// `draft:`, false unless given.
pub(super) fn parse_draft(cx: &mut Ctx, map: &[(String, Yaml)]) -> bool {
    match get(map, "draft") {
        None | Some(Yaml::Null) => false,
        Some(v) => cx.bool(v, &key("draft")).unwrap_or(false),
    }
}

/// `example: true`, which `init` writes in its example meeting: a warning until the
/// webmaster makes the meeting theirs (and removes the line) or deletes the file, so that
/// the example is never published as a real meeting by mistake.
pub(super) fn check_example(cx: &mut Ctx, map: &[(String, Yaml)], message: &str) {
    let example = match get(map, "example") {
        None | Some(Yaml::Null) => false,
        Some(v) => cx.bool(v, &key("example")).unwrap_or(false),
    };
    if example {
        cx.warning(Code::ExampleMeeting, &key("example"), message);
    }
}

/// A text field left as `new` writes a blank (`ระบุสถานที่…`) or as other templates do
/// (`...`, `-`): a warning, since the page would show it as if it were the value.
pub(super) fn check_placeholder(cx: &mut Ctx, k: &str, v: Option<&str>) {
    if let Some(v) = v
        && !crate::text::trim_space(v).is_empty()
        && crate::text::is_placeholder(v)
    {
        cx.warning(
            Code::PlaceholderValue,
            &key(k),
            format!("\"{}\" เป็นช่องที่ยังไม่ได้กรอก ให้ใส่ข้อมูลจริง", v.trim()),
        );
    }
}
