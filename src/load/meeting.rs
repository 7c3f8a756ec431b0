//! One meeting file → a typed [`Meeting`], with every problem reported at its line.

use super::convert::{Ctx, child, get, key};
use super::page::{
    Attachment, check_example, check_placeholder, front_matter, parse_attachments, parse_draft, top_map,
};
use super::schema::{ATTENDEE_FIELDS, MEETING};
use super::yaml::{self, Seg, Yaml};
use crate::calendar::{self, Date, DateSpan, Time};
use crate::diagnostics::{Code, Diagnostics, Pos};
use crate::text::{collapse_whitespace, default_slug, nfc, role_key, valid_slug};
use std::sync::Arc;

#[derive(Clone, Debug, PartialEq)]
pub struct Attendee {
    /// As first spelled in the file; one allocation for each spelling, however many
    /// meetings name it (roles repeat from meeting to meeting, and the model's tables hold
    /// them again).
    pub role: Arc<str>,
    /// None when the report names the role without a number ("ไม่ระบุจำนวน").
    pub count: Option<u64>,
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
    /// One place or several (villages of one report); empty when not given (a warning).
    pub venue: Vec<String>,
    pub organization: Option<String>,
    /// ครั้งที่, as written without the word: `2/2567`.
    pub number: Option<String>,
    /// ประธาน.
    pub chair: Option<String>,
    /// Co-organisers (ร่วมกับ …).
    pub organizers: Vec<String>,
    /// วัตถุประสงค์.
    pub objectives: Vec<String>,
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
    /// Lines of the front matter's keys that ITA messages point at (`topics`,
    /// `attendees`, `attendees_total`), in the file's order; a key not written is not here.
    pub key_lines: Vec<(&'static str, usize)>,
}

impl Meeting {
    /// Line of the front matter key `key`, if the file has it.
    pub fn key_line(&self, key: &str) -> Option<usize> {
        self.key_lines.iter().find(|(k, _)| *k == key).map(|&(_, l)| l)
    }
}

impl Meeting {
    /// The venue as one line ("ก, ข" for several places); None when not given.
    pub fn venue_text(&self) -> Option<String> {
        (!self.venue.is_empty()).then(|| self.venue.join(", "))
    }
}

/// A meeting's Markdown body.
#[derive(Clone, Debug, PartialEq)]
pub enum Body {
    Text(String),
    /// Left in its file by a one-shot build ([`LoadCache::lean`](crate::load::LoadCache::lean)), which holds every
    /// meeting until all pages are written: the bodies were a third of its memory. The
    /// meeting's page reads it again ([`read_body`](crate::load::read_body)).
    InFile(BodyInFile),
}

#[derive(Clone, Debug, PartialEq)]
pub struct BodyInFile {
    /// The byte in the (UTF-8) file at which the body starts, and the file as it was read:
    /// a file changed since is an error, never a page that mixes the two.
    pub(super) at: u64,
    pub(super) stamp: super::source::Stamp,
    /// The body's headings that may name an ITA section (they begin with one of the
    /// configured prefixes, as [`crate::text::heading_starts_with`] reads them), each
    /// with whether its section has text: all that anything but the meeting's own page
    /// uses of it, so that a lean build and `check` find the same.
    pub(super) headings: Vec<Heading>,
}

/// A heading of a meeting's body, with what the ITA check needs of its section.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Heading {
    /// Its text, without Markdown.
    pub text: String,
    /// Line of the body on which it stands (the body's first line is 1).
    pub line: usize,
    /// Some text, other than a placeholder ([`crate::text::is_placeholder`]), stands under
    /// it before the next heading of its level or above (a sub-heading's text counts).
    pub filled: bool,
}

impl Body {
    /// The text, unless it was left in its file.
    pub fn text(&self) -> Option<&str> {
        match self {
            Body::Text(t) => Some(t),
            Body::InFile(_) => None,
        }
    }

    /// The body's headings (for a body left in its file, those that may name an ITA
    /// section).
    pub fn headings(&self) -> Vec<Heading> {
        match self {
            Body::Text(t) => headings(t),
            Body::InFile(b) => b.headings.clone(),
        }
    }
}

/// Every heading of a Markdown body, with its line and whether text stands under it.
pub(super) fn headings(body: &str) -> Vec<Heading> {
    use pulldown_cmark::{Event, Parser, Tag, TagEnd};
    let mut out: Vec<Heading> = Vec::new();
    // Headings whose section is still open, with their levels.
    let mut open: Vec<(usize, pulldown_cmark::HeadingLevel)> = Vec::new();
    let mut in_heading = false;
    let (mut line, mut seen) = (1, 0);
    for (ev, range) in Parser::new(body).into_offset_iter() {
        match ev {
            Event::Start(Tag::Heading { level, .. }) => {
                line += body.as_bytes()[seen..range.start].iter().filter(|&&b| b == b'\n').count();
                seen = range.start;
                open.retain(|&(_, l)| l < level);
                open.push((out.len(), level));
                out.push(Heading { text: String::new(), line, filled: false });
                in_heading = true;
            }
            Event::End(TagEnd::Heading(_)) => in_heading = false,
            Event::Text(t) | Event::Code(t) if in_heading => {
                if let Some(h) = out.last_mut() {
                    h.text.push_str(&t);
                }
            }
            Event::Text(t) | Event::Code(t) | Event::Html(t) | Event::InlineHtml(t)
                if !crate::text::is_placeholder(&t) =>
            {
                open.iter().for_each(|&(i, _)| out[i].filled = true);
            }
            Event::Start(Tag::Image { .. }) if !in_heading => {
                open.iter().for_each(|&(i, _)| out[i].filled = true);
            }
            _ => {}
        }
    }
    out
}

/// The keys whose lines a [`Meeting`] keeps (see [`Meeting::key_lines`]).
const LINE_KEYS: &[&str] = &["topics", "attendees", "attendees_total"];

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
    let Some(map) = top_map(&mut cx, root, split.yaml, split.yaml_offset) else {
        cx.finish();
        return None;
    };
    cx.check_keys(&map, &[], MEETING.fields);

    let title = cx.required_string(&map, "title", &[], MEETING.fields);
    let venue = parse_venue(&mut cx, &map);
    let span = parse_dates(&mut cx, &map);
    let date = span.map(|s| s.start);
    let date_line = cx.pos(&key("date")).line;
    let (time, time_end) = parse_time(&mut cx, &map);
    let organization = cx.optional_string(&map, "organization", &[]);
    let summary = cx.optional_string(&map, "summary", &[]);
    let number = parse_number(&mut cx, &map);
    let chair = cx.optional_string(&map, "chair", &[]);
    let organizers =
        get(&map, "organizers").map(|v| cx.string_list(v, &key("organizers"))).unwrap_or_default();
    let objectives =
        get(&map, "objectives").map(|v| cx.string_list(v, &key("objectives"))).unwrap_or_default();
    let fiscal_year = date.map(|d| d.fiscal_year());
    check_fiscal_year(&mut cx, &map, fiscal_year);
    let slug = parse_slug(&mut cx, &map, file_name);
    let topics = get(&map, "topics").map(|v| cx.string_list(v, &key("topics"))).unwrap_or_default();
    let (attendees, attendees_total) = parse_attendance(&mut cx, &map);
    let attachments = parse_attachments(&mut cx, &map);
    let draft = parse_draft(&mut cx, &map);
    check_example(
        &mut cx,
        &map,
        "นี่คือการประชุมตัวอย่างที่ prongsai สร้างไว้ให้เมื่อสร้างเว็บไซต์ ให้แก้เป็นข้อมูลการประชุมจริงแล้วลบบรรทัด example: true หรือลบไฟล์นี้",
    );
    for (k, v) in [("title", &title), ("summary", &summary), ("organization", &organization)] {
        check_placeholder(&mut cx, k, v.as_deref());
    }
    for place in &venue {
        check_placeholder(&mut cx, "venue", Some(place));
    }
    let key_lines = LINE_KEYS
        .iter()
        .filter(|k| get(&map, k).is_some())
        .map(|&k| (k, cx.pos_of_offset(split.yaml_offset + yaml::locate_key(split.yaml, &key(k))).line))
        .collect();
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
        venue,
        organization,
        number,
        chair,
        organizers,
        objectives,
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
        key_lines,
    })
}

/// `date:`, which must be there (a day or a range of days), and `date_end:`, if given.
fn parse_dates(cx: &mut Ctx, map: &[(String, Yaml)]) -> Option<DateSpan> {
    let span = match get(map, "date") {
        None | Some(Yaml::Null) => {
            cx.missing("date", &[], MEETING.fields);
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

/// `venue:`, one place or a list; missing or blank is a warning (real reports often leave
/// it out, and the rest of the page is still worth publishing).
fn parse_venue(cx: &mut Ctx, map: &[(String, Yaml)]) -> Vec<String> {
    let list = match get(map, "venue") {
        None | Some(Yaml::Null) => vec![],
        Some(Yaml::Str(s)) if s.trim().is_empty() => vec![],
        Some(v) => cx.string_list(v, &key("venue")),
    };
    if list.is_empty() {
        let p = if get(map, "venue").is_some() { key("venue") } else { vec![] };
        cx.warning(
            Code::NoVenue,
            &p,
            "ไม่ได้ระบุ venue (สถานที่) หน้าเว็บจะแสดงว่า \"ไม่ระบุสถานที่\" ให้ใส่ เช่น venue: ห้องประชุมองค์การบริหารส่วนตำบล",
        );
    }
    list
}

/// `number:` (ครั้งที่), without the word if it was written too.
fn parse_number(cx: &mut Ctx, map: &[(String, Yaml)]) -> Option<String> {
    let s = cx.optional_string(map, "number", &[])?;
    let s = s.strip_prefix("ครั้งที่").map(str::trim).unwrap_or(&s).to_string();
    (!s.is_empty()).then_some(s)
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
    let (attendees, counts_valid) = get(map, "attendees").map(|v| attendees(cx, v)).unwrap_or((vec![], true));
    let attendees_total = match get(map, "attendees_total") {
        None | Some(Yaml::Null) => None,
        Some(v) => cx.count(v, &key("attendees_total")),
    };
    check_attendees(cx, &attendees, attendees_total, counts_valid);
    (attendees, attendees_total)
}

/// The list, and whether every count given could be read (an unreadable one is an error
/// already; the total must not then be compared with a sum that misses it).
fn attendees(cx: &mut Ctx, v: &Yaml) -> (Vec<Attendee>, bool) {
    let p = key("attendees");
    let mut valid = true;
    let items = match v {
        Yaml::Null => return (vec![], true),
        Yaml::Seq(items) => items,
        other => {
            cx.error(
                Code::WrongType,
                &p,
                format!("ต้องเป็นรายการ - role: ... count: ... แต่พบ {}", other.describe()),
            );
            return (vec![], false);
        }
    };
    let mut out = Vec::new();
    let lines = cx.item_lines(&p);
    let list_line = if lines.len() < items.len() { cx.pos(&p).line } else { 0 };
    for (i, item) in items.iter().enumerate() {
        let ip = child(&p, Seg::Index(i));
        let Yaml::Map(m) = item else {
            cx.error(
                Code::WrongType,
                &ip,
                format!("ต้องมี role (และ count ถ้าทราบจำนวน) แต่พบ {}", item.describe()),
            );
            valid = false;
            continue;
        };
        cx.check_keys(m, &ip, ATTENDEE_FIELDS);
        let role = cx.required_string(m, "role", &ip, ATTENDEE_FIELDS);
        // A role named without a number is how most reports list who came.
        let count = match get(m, "count") {
            None | Some(Yaml::Null) => Ok(None),
            Some(Yaml::Str(s)) if s.trim().is_empty() => Ok(None),
            Some(c) => cx.count(c, &child(&ip, Seg::Key("count".into()))).map(Some).ok_or(()),
        };
        if count.is_err() {
            valid = false;
        }
        if let (Some(role), Ok(count)) = (role, count) {
            let role = shared_role(collapse_whitespace(&role));
            let line = lines.get(i).copied().unwrap_or(list_line);
            out.push(Attendee { role, count, line });
        }
    }
    (out, valid)
}

thread_local! {
    /// The roles read on this thread, shared ([`Attendee::role`]).
    static ROLES: std::cell::RefCell<std::collections::HashSet<Arc<str>>> = Default::default();
}

/// `role`, as the one shared allocation of its spelling.
fn shared_role(role: String) -> Arc<str> {
    ROLES.with(|roles| {
        let mut roles = roles.borrow_mut();
        if let Some(r) = roles.get(role.as_str()) {
            return r.clone();
        }
        let r: Arc<str> = role.into();
        // A site has few spellings; a bound all the same, against a file of made-up roles.
        if roles.len() < 10_000 {
            roles.insert(r.clone());
        }
        r
    })
}

fn check_attendees(cx: &mut Ctx, list: &[Attendee], declared: Option<u64>, counts_valid: bool) {
    let mut first_of: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for (i, a) in list.iter().enumerate() {
        let first = *first_of.entry(role_key(&a.role)).or_insert(i);
        if first != i {
            cx.warning(
                Code::DuplicateRole,
                &[Seg::Key("attendees".into()), Seg::Index(i), Seg::Key("role".into())],
                format!(
                    "ตำแหน่ง \"{}\" ซ้ำกับรายการที่ {} (attendees[{first}]) จะนับรวมกัน ถ้าเป็นคนละตำแหน่งให้แก้ชื่อ",
                    a.role,
                    first + 1
                ),
            );
        }
    }
    if let Some(declared) = declared
        && !list.is_empty()
        && counts_valid
    {
        let sum: u64 = list.iter().filter_map(|a| a.count).fold(0u64, |s, c| s.saturating_add(c));
        let all_counted = list.iter().all(|a| a.count.is_some());
        // Roles without a number may account for the rest of a larger declared total.
        if !all_counted && sum > declared {
            cx.warning(
                Code::TotalMismatch,
                &key("attendees_total"),
                format!("ระบุยอดรวม {declared} คน แต่จำนวนที่ระบุในรายการผู้เข้าร่วมรวมได้ {sum} คน ซึ่งมากกว่ายอดรวม (declared {declared}, listed at least {sum})"),
            );
        } else if all_counted && sum != declared {
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
        assert!(joined.contains("หมายถึง \"venue\" หรือไม่"), "{joined}");
        assert!(joined.contains("warning: content/a.md:2:1: ไม่ได้ระบุ venue"), "{joined}");
        assert!(joined.contains("content/a.md:7:8: draft:"), "{joined}");
    }

    #[test]
    fn declared_total_and_duplicate_roles_are_warnings() {
        let text = "---\ntitle: t\ndate: 2566-10-20\nvenue: v\nattendees:\n  - role: นายก  อบต.\n    count: 1\n  - role: นายก อบต.\n    count: ๒\nattendees_total: 19\n---\n";
        let (m, d) = run(text);
        let m = m.unwrap();
        assert_eq!(m.attendees[1].count, Some(2));
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
        // the line of the `[` left open, not the end of the front matter
        assert!(d[0].starts_with("error: content/a.md:4:8:"), "{}", d[0]);
        assert!(d[0].ends_with("[PS0116]"), "{}", d[0]);
    }

    #[test]
    fn missing_and_unclosed_front_matter() {
        assert!(run("# hello\n").1[0].contains("content/a.md:1:1"));
        assert!(run("---\ntitle: x\n").1[0].ends_with("[PS0102]"));
        assert!(run("").1[0].ends_with("[PS0101]"));
    }

    #[test]
    fn a_bad_slug_is_an_error_at_its_line() {
        let (_, d) = run("---\ntitle: t\ndate: 2566-10-20\nvenue: v\nslug: ../../etc\n---\n");
        assert!(d[0].contains("content/a.md:5:7: slug:"), "{d:?}");
    }
}
