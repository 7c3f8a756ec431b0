//! One meeting file → a typed [`Meeting`], with every problem reported at its line.

use super::convert::{Ctx, child, get, key};
use super::frontmatter::{self, Split, SplitError};
use super::yaml::{self, Seg, Yaml};
use crate::calendar::{self, Date, DateSpan, Time};
use crate::diagnostics::{Code, Diagnostics, Pos};
use crate::fs::safe_relative_path;
use crate::text::{collapse_whitespace, default_slug, nfc, role_key, valid_slug};

#[derive(Clone, Debug, PartialEq)]
pub struct Attendee {
    /// As first spelled in the file.
    pub role: String,
    pub count: u64,
    /// Line of the entry, for messages that point at it.
    pub line: usize,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Meeting {
    /// Path relative to the site root, `/`-separated, e.g. `content/2567/plan.md`.
    pub source: String,
    pub title: String,
    /// The first (or only) day: the meeting is filed under its fiscal year.
    pub date: Date,
    /// The last day of a meeting over several days (after `date`), from a range in
    /// `date` (`20-22 ต.ค. 2563`) or from `date_end`.
    pub date_end: Option<Date>,
    /// Line of `date:`, for messages about the date found after loading (a future date).
    pub date_line: usize,
    pub time: Option<Time>,
    /// The end of a time range (`13.00-16.30 น.`), after `time`.
    pub time_end: Option<Time>,
    pub venue: String,
    pub organization: Option<String>,
    pub fiscal_year: i32,
    pub slug: String,
    pub summary: Option<String>,
    pub topics: Vec<String>,
    /// In the file's order, as written (repeated roles included; statistics merge them).
    pub attendees: Vec<Attendee>,
    pub attendees_total: Option<u64>,
    pub attachments: Vec<Attachment>,
    pub draft: bool,
    pub body: Body,
    /// Line of the `.md` file on which the body starts.
    pub body_line: usize,
}

/// A meeting's Markdown body.
#[derive(Clone, Debug, PartialEq)]
pub enum Body {
    Text(String),
    /// Left in its file by a one-shot build ([`super::LoadCache::lean`]), which holds every
    /// meeting until all pages are written: the bodies were a third of its memory. The
    /// meeting's page reads it again ([`super::read_body`]).
    InFile(BodyInFile),
}

#[derive(Clone, Debug, PartialEq)]
pub struct BodyInFile {
    /// The byte in the (UTF-8) file at which the body starts, and the file as it was read:
    /// a file changed since is an error, never a page that mixes the two.
    pub(super) at: u64,
    pub(super) stamp: super::cache::Stamp,
    /// The body's headings that may name an ITA section (they begin with one of the
    /// configured prefixes): all that anything but the meeting's own page uses of it.
    pub(super) headings: Vec<String>,
}

impl Body {
    /// The text, unless it was left in its file.
    pub fn text(&self) -> Option<&str> {
        match self {
            Body::Text(t) => Some(t),
            Body::InFile(_) => None,
        }
    }

    /// The text of the body's headings (for a body left in its file, those that may name an
    /// ITA section).
    pub fn headings(&self) -> Vec<String> {
        match self {
            Body::Text(t) => headings(t),
            Body::InFile(b) => b.headings.clone(),
        }
    }
}

/// The text of every heading of a Markdown body.
pub(super) fn headings(body: &str) -> Vec<String> {
    use pulldown_cmark::{Event, Parser, Tag, TagEnd};
    let mut out = Vec::new();
    let mut current: Option<String> = None;
    for ev in Parser::new(body) {
        match ev {
            Event::Start(Tag::Heading { .. }) => current = Some(String::new()),
            Event::End(TagEnd::Heading(_)) => out.extend(current.take()),
            Event::Text(t) | Event::Code(t) => {
                if let Some(c) = current.as_mut() {
                    c.push_str(&t);
                }
            }
            _ => {}
        }
    }
    out
}

#[derive(Clone, Debug, PartialEq)]
pub struct Attachment {
    /// Path under `static/`, `/`-separated, checked to stay inside it.
    pub path: String,
    pub pos: Pos,
}

const KNOWN: &[&str] = &[
    "title",
    "date",
    "date_end",
    "venue",
    "time",
    "organization",
    "fiscal_year",
    "slug",
    "summary",
    "topics",
    "attendees",
    "attendees_total",
    "attachments",
    "draft",
];

/// Parses one meeting file's text (already decoded, BOM removed). `file_name` is the
/// file's own name, for the default slug.
pub fn parse(source: &str, file_name: &str, text: &str, diags: &mut Diagnostics) -> Option<Meeting> {
    parse_with(source, file_name, text, diags, |body, _| Body::Text(body.to_string()))
}

/// [`parse`], with the body made by `body` from its text and its offset in `text`.
pub(super) fn parse_with(
    source: &str,
    file_name: &str,
    text: &str,
    diags: &mut Diagnostics,
    body: impl FnOnce(&str, usize) -> Body,
) -> Option<Meeting> {
    let (split, root) = front_matter(source, text, diags)?;
    let mut cx = Ctx::new(source, text, split.yaml, split.yaml_offset, diags);
    let Some(map) = top_map(&mut cx, root, split.yaml_offset) else {
        cx.finish();
        return None;
    };
    cx.check_keys(&map, &[], KNOWN);

    let title = cx.required_string(&map, "title", &[], "ชื่อการประชุม");
    let venue = cx.required_string(&map, "venue", &[], "สถานที่");
    let span = parse_dates(&mut cx, &map);
    let date = span.map(|s| s.start);
    let date_line = cx.pos(&key("date")).line;
    let (time, time_end) = parse_time(&mut cx, &map);
    let organization = cx.optional_string(&map, "organization", &[]);
    let summary = cx.optional_string(&map, "summary", &[]);
    let fiscal_year = date.map(|d| d.fiscal_year());
    check_fiscal_year(&mut cx, &map, fiscal_year);
    let slug = parse_slug(&mut cx, &map, file_name);
    let topics = get(&map, "topics").map(|v| cx.string_list(v, &key("topics"))).unwrap_or_default();
    let (attendees, attendees_total) = parse_attendance(&mut cx, &map);
    let attachments = parse_attachments(&mut cx, &map);
    let draft = parse_draft(&mut cx, &map);
    let body_line = cx.pos_of_offset(split.body_offset).line;
    cx.finish();

    Some(Meeting {
        source: source.to_string(),
        title: title?,
        date: date?,
        date_end: span.and_then(|s| s.end),
        date_line,
        time,
        time_end,
        venue: venue?,
        organization,
        fiscal_year: fiscal_year?,
        slug: slug?,
        summary,
        topics,
        attendees,
        attendees_total,
        attachments,
        draft,
        body: body(split.body, split.body_offset),
        body_line,
    })
}

/// The file split at its `---` lines, and its front matter parsed as YAML; None, with
/// the error in `diags`, if either fails.
fn front_matter<'t>(source: &str, text: &'t str, diags: &mut Diagnostics) -> Option<(Split<'t>, Yaml)> {
    let split = match frontmatter::split(text) {
        Ok(s) => s,
        Err(SplitError::NoFrontMatter) => {
            diags.error(
                Code::NoFrontMatter,
                source,
                Pos { line: 1, column: 1 },
                "ไฟล์ต้องขึ้นต้นด้วยบรรทัด --- ตามด้วยข้อมูลการประชุม (title, date, venue) แล้วปิดด้วย --- (missing front matter)",
            );
            return None;
        }
        Err(SplitError::Unclosed) => {
            diags.error(
                Code::UnclosedFrontMatter,
                source,
                Pos { line: 1, column: 1 },
                "ข้อมูลส่วนหัวเปิดด้วย --- แต่ไม่มีบรรทัด --- ปิด (unclosed front matter)",
            );
            return None;
        }
    };
    match yaml::parse(split.yaml) {
        Ok(v) => Some((split, v)),
        Err(e) => {
            let pos = crate::diagnostics::line_col(text, split.yaml_offset + e.offset.unwrap_or(0));
            diags.error(Code::YamlSyntax, source, pos, e.message);
            None
        }
    }
}

/// The front matter's `key: value` pairs (none if it is empty); None, with the error, if
/// it is something else.
fn top_map(cx: &mut Ctx, root: Yaml, yaml_offset: usize) -> Option<Vec<(String, Yaml)>> {
    match root {
        Yaml::Map(m) => Some(m),
        Yaml::Null => Some(Vec::new()),
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

/// `date:`, which must be there (a day or a range of days), and `date_end:`, if given.
fn parse_dates(cx: &mut Ctx, map: &[(String, Yaml)]) -> Option<DateSpan> {
    let span = match get(map, "date") {
        None | Some(Yaml::Null) => {
            cx.error(Code::MissingField, &[], "ขาด date (วันที่ประชุม) ซึ่งต้องมี");
            None
        }
        Some(v) => {
            let p = key("date");
            let s = cx.string(v, &p)?;
            match calendar::parse_date_span(&s) {
                Ok(span) => Some(span),
                Err(e) => {
                    cx.error(e.code(), &p, format!("\"{}\": {e}", s.trim()));
                    None
                }
            }
        }
    };
    let Some(v) = get(map, "date_end").filter(|v| **v != Yaml::Null) else {
        return span;
    };
    let p = key("date_end");
    let s = cx.string(v, &p)?;
    let end = match calendar::parse_date(&s) {
        Ok(d) => d,
        Err(e) => {
            cx.error(e.code(), &p, format!("\"{}\": {e}", s.trim()));
            return None;
        }
    };
    let span = span?;
    if span.end.is_some() {
        cx.error(
            Code::DateEndTwice,
            &p,
            "date เป็นช่วงวันอยู่แล้ว จึงใส่ date_end อีกไม่ได้ ให้ใช้อย่างใดอย่างหนึ่ง (date: 20-22 ต.ค. 2563 หรือ date กับ date_end)",
        );
        return None;
    }
    match DateSpan::new(span.start, end) {
        Ok(span) => Some(span),
        Err(e) => {
            cx.error(e.code(), &p, format!("\"{}\": {e}", s.trim()));
            None
        }
    }
}

/// `time:`, if given: a time or a time range, read from the text as written.
fn parse_time(cx: &mut Ctx, map: &[(String, Yaml)]) -> (Option<Time>, Option<Time>) {
    let p = key("time");
    let s = match get(map, "time") {
        None | Some(Yaml::Null) => return (None, None),
        // YAML reads `9.30` as the number 9.3: the text written is the time. Where it
        // cannot be found (flow style), two decimals are what a time has.
        Some(v @ Yaml::Float(f)) => cx.as_written(v, &p).unwrap_or_else(|| format!("{f:.2}")),
        Some(v) => match cx.string(v, &p) {
            Some(s) => s,
            None => return (None, None),
        },
    };
    let s = s.trim();
    if s.is_empty() {
        return (None, None);
    }
    match calendar::parse_time_span(s) {
        Some((t, end)) => (Some(t), end),
        None => {
            cx.error(
                Code::BadTime,
                &p,
                format!("อ่านเวลา \"{s}\" ไม่ได้ ใช้รูปแบบ 09.30, 13:30 หรือช่วงเวลา 13.00-16.30 น. (เวลาสิ้นสุดต้องหลังเวลาเริ่ม)"),
            );
            (None, None)
        }
    }
}

/// `fiscal_year:`, if given, must be the one of the date (`fiscal_year`).
fn check_fiscal_year(cx: &mut Ctx, map: &[(String, Yaml)], fiscal_year: Option<i32>) {
    // Left blank (as `prongsai new` writes it), like `attendees_total:`, it is not given.
    let declared_fy = get(map, "fiscal_year").filter(|v| **v != Yaml::Null);
    if let (Some(v), Some(fy)) = (declared_fy, fiscal_year) {
        let p = key("fiscal_year");
        if let Some(declared) = cx.whole(v, &p)
            && declared != fy as u64
        {
            cx.error(
                Code::FiscalYearMismatch,
                &p,
                format!("ปีงบประมาณ {declared} ไม่ตรงกับวันที่ประชุม ซึ่งอยู่ในปีงบประมาณ {fy}"),
            );
        }
    }
}

/// `slug:` if given, else made from the file's name.
fn parse_slug(cx: &mut Ctx, map: &[(String, Yaml)], file_name: &str) -> Option<String> {
    match cx.optional_string(map, "slug", &[]) {
        Some(s) => {
            if valid_slug(&s) {
                // NFC, like default slugs: the same-looking Thai slug is the same URL.
                Some(nfc(&s))
            } else {
                cx.error(
                    Code::BadSlug,
                    &key("slug"),
                    format!("slug \"{s}\" ใช้ได้เฉพาะ a-z, 0-9, - และอักษรไทย (ไม่มีช่องว่าง / หรือ ..)"),
                );
                None
            }
        }
        None => {
            let s = default_slug(file_name);
            if s.is_empty() {
                cx.error_at(
                    Code::NoSlug,
                    Pos { line: 1, column: 1 },
                    format!("ตั้ง slug จากชื่อไฟล์ \"{file_name}\" ไม่ได้ ให้ใส่ slug: เช่น slug: budget-hearing"),
                );
                None
            } else {
                Some(s)
            }
        }
    }
}

/// `attendees:` and `attendees_total:`, checked against each other.
fn parse_attendance(cx: &mut Ctx, map: &[(String, Yaml)]) -> (Vec<Attendee>, Option<u64>) {
    let attendees = get(map, "attendees").map(|v| attendees(cx, v)).unwrap_or_default();
    let attendees_total = match get(map, "attendees_total") {
        None | Some(Yaml::Null) => None,
        Some(v) => cx.whole(v, &key("attendees_total")),
    };
    check_attendees(cx, &attendees, attendees_total);
    (attendees, attendees_total)
}

/// `attachments:`, each a path that stays under `static/`.
fn parse_attachments(cx: &mut Ctx, map: &[(String, Yaml)]) -> Vec<Attachment> {
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
                        Some(path) => Some(Attachment { path, pos }),
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
fn parse_draft(cx: &mut Ctx, map: &[(String, Yaml)]) -> bool {
    match get(map, "draft") {
        None | Some(Yaml::Null) => false,
        Some(v) => cx.bool(v, &key("draft")).unwrap_or(false),
    }
}

fn attendees(cx: &mut Ctx, v: &Yaml) -> Vec<Attendee> {
    let p = key("attendees");
    let items = match v {
        Yaml::Null => return vec![],
        Yaml::Seq(items) => items,
        other => {
            cx.error(
                Code::WrongType,
                &p,
                format!("ต้องเป็นรายการ - role: ... count: ... แต่พบ {}", other.describe()),
            );
            return vec![];
        }
    };
    let mut out = Vec::new();
    let lines = cx.item_lines(&p);
    let list_line = if lines.len() < items.len() { cx.pos(&p).line } else { 0 };
    for (i, item) in items.iter().enumerate() {
        let ip = child(&p, Seg::Index(i));
        let Yaml::Map(m) = item else {
            cx.error(Code::WrongType, &ip, format!("ต้องมี role และ count แต่พบ {}", item.describe()));
            continue;
        };
        cx.check_keys(m, &ip, &["role", "count"]);
        let role = cx.required_string(m, "role", &ip, "ตำแหน่ง/กลุ่มผู้เข้าร่วม");
        let count = match get(m, "count") {
            None | Some(Yaml::Null) => {
                cx.error(Code::MissingField, &ip, "ขาด count (จำนวนคน) ซึ่งต้องมี");
                None
            }
            Some(c) => cx.whole(c, &child(&ip, Seg::Key("count".into()))),
        };
        if let (Some(role), Some(count)) = (role, count) {
            let role = collapse_whitespace(&role);
            let line = lines.get(i).copied().unwrap_or(list_line);
            out.push(Attendee { role, count, line });
        }
    }
    out
}

fn check_attendees(cx: &mut Ctx, list: &[Attendee], declared: Option<u64>) {
    let mut first_of: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for (i, a) in list.iter().enumerate() {
        let first = *first_of.entry(role_key(&a.role)).or_insert(i);
        if first != i {
            cx.warning(
                Code::DuplicateRole,
                &[Seg::Key("attendees".into()), Seg::Index(i), Seg::Key("role".into())],
                format!(
                    "ตำแหน่ง \"{}\" ซ้ำกับรายการที่ {} (attendees[{first}]) จะนับรวมกัน ถ้าเป็นคนละตำแหน่งให้แก้ชื่อ (duplicate role)",
                    a.role,
                    first + 1
                ),
            );
        }
    }
    if let Some(declared) = declared
        && !list.is_empty()
    {
        let sum: u64 = list.iter().map(|a| a.count).fold(0u64, |s, c| s.saturating_add(c));
        if sum != declared {
            cx.warning(
                    Code::TotalMismatch,
                    &key("attendees_total"),
                    format!("ระบุยอดรวม {declared} คน แต่รายการผู้เข้าร่วมรวมได้ {sum} คน (declared {declared}, listed {sum}) หน้าเว็บจะแสดงยอดรวมตามรายการ"),
                );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(text: &str) -> (Option<Meeting>, Vec<String>) {
        let mut d = Diagnostics::new();
        let m = parse("content/a.md", "2566-10-20-a.md", text, &mut d);
        (m, d.sorted().iter().map(|x| x.to_string()).collect())
    }

    const OK: &str = "---\ntitle: ประชุม\ndate: 2566-10-20\nvenue: ห้องประชุม\n---\nbody\n";

    #[test]
    fn minimal_meeting() {
        let (m, d) = run(OK);
        assert!(d.is_empty(), "{d:?}");
        let m = m.unwrap();
        assert_eq!(m.fiscal_year, 2567);
        assert_eq!(m.slug, "a");
        assert_eq!(m.body.text(), Some("body\n"));
        assert_eq!(m.body_line, 6);
    }

    #[test]
    fn errors_point_at_the_md_files_own_lines() {
        let text = "---\ntitle: ประชุม\ndate: 2566-10-20\nvenue: ห้อง\nattendees:\n  - role: นายก\n    count: 1\n  - role: รองนายก\n    count: สี่\n---\n";
        let (m, d) = run(text);
        assert!(m.is_some());
        assert_eq!(d.len(), 1, "{d:?}");
        assert!(d[0].starts_with("error: content/a.md:9:12: attendees[1].count:"), "{}", d[0]);
        assert!(d[0].contains("\"สี่\""));
    }

    #[test]
    fn every_problem_in_one_file_is_reported() {
        let text = "---\ntitle: \ndate: 30 กุมภาพันธ์ 2567\ntime: 25:00\nvenu: x\nfiscal_year: abc\ndraft: maybe\n---\n";
        let (m, d) = run(text);
        assert!(m.is_none());
        let joined = d.join("\n");
        assert!(joined.contains(":2:"), "{joined}"); // empty title
        assert!(joined.contains("content/a.md:3:7: date:"), "{joined}");
        assert!(joined.contains("ไม่มีวันที่ 30 กุมภาพันธ์ 2567"), "{joined}");
        assert!(joined.contains("content/a.md:4:7: time:"), "{joined}");
        assert!(joined.contains("did you mean \"venue\""), "{joined}");
        assert!(joined.contains("ขาด venue"), "{joined}");
        assert!(joined.contains("content/a.md:7:8: draft:"), "{joined}");
    }

    #[test]
    fn declared_total_and_duplicate_roles_are_warnings() {
        let text = "---\ntitle: t\ndate: 2566-10-20\nvenue: v\nattendees:\n  - role: นายก  อบต.\n    count: 1\n  - role: นายก อบต.\n    count: ๒\nattendees_total: 19\n---\n";
        let (m, d) = run(text);
        let m = m.unwrap();
        assert_eq!(m.attendees[1].count, 2);
        assert_eq!(d.len(), 2, "{d:?}");
        assert!(d[0].starts_with("warning: content/a.md:8:11: attendees[1].role:"), "{}", d[0]);
        assert!(d[1].starts_with("warning: content/a.md:10:18: attendees_total:"), "{}", d[1]);
        assert!(d[1].contains("19") && d[1].contains(" 3 "), "{}", d[1]);
    }

    #[test]
    fn yaml_syntax_error_line_is_the_files_line() {
        let (m, d) = run("---\ntitle: a\ndate: 2566-10-20\nvenue: [x\n---\n");
        assert!(m.is_none());
        assert_eq!(d.len(), 1);
        assert!(d[0].starts_with("error: content/a.md:5:"), "{}", d[0]);
    }

    #[test]
    fn missing_and_unclosed_front_matter() {
        assert!(run("# hello\n").1[0].contains("content/a.md:1:1"));
        assert!(run("---\ntitle: x\n").1[0].contains("unclosed"));
        assert!(run("").1[0].contains("missing front matter"));
    }

    #[test]
    fn a_bad_slug_is_an_error_at_its_line() {
        let (_, d) = run("---\ntitle: t\ndate: 2566-10-20\nvenue: v\nslug: ../../etc\n---\n");
        assert!(d[0].contains("content/a.md:5:7: slug:"), "{d:?}");
    }
}
