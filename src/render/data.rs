//! The machine-readable files: `attendees.csv` per year, `data/meetings.json`,
//! `feed.xml` (Atom) and `sitemap.xml`. Built from the model directly, not templates,
//! with crates that know each format's escaping rules (csv, serde_json, quick-xml). Their
//! URLs are percent-encoded ([`encode_path`]): a Thai slug is `%E0%B8%…` there.

use super::filters::encode_path;
use super::views::CsvTable;
use crate::load::Config;
use crate::model::ita::dashboard::Dashboard;
use crate::model::{Attendance, Entry, SiteModel, Year, stats};
use quick_xml::Writer;
use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};
use serde::Serialize;
use std::sync::Arc;

/// The year's statistics as CSV, UTF-8 with a BOM so that Excel shows Thai.
///
/// One row per role, then people counted without a role, then the grand total over the
/// meetings that gave a number; last, when some meetings gave none, a row with their
/// number and an empty count, so that the file accounts for every meeting. A count that
/// is not known is an empty cell, never 0: a role only ever named without a number, the
/// total of a year in which no meeting gave one.
pub fn attendees_csv(y: &Year) -> Vec<u8> {
    let mut out = b"\xEF\xBB\xBF".to_vec();
    {
        let mut w = csv::WriterBuilder::new().terminator(csv::Terminator::CRLF).from_writer(&mut out);
        let fy = y.fy.to_string();
        let _ =
            w.write_record(["ปีงบประมาณ", "ตำแหน่ง", "กลุ่ม", "จำนวนผู้เข้าร่วม (คน)", "จำนวนการประชุมที่เข้าร่วม (ครั้ง)"]);
        for r in &y.stats.roles {
            let count = if r.uncounted == r.meetings { String::new() } else { r.total.to_string() };
            let _ = w.write_record([
                &fy,
                &r.role,
                r.group.as_deref().unwrap_or(""),
                &count,
                &r.meetings.to_string(),
            ]);
        }
        if y.stats.unspecified > 0 {
            let _ = w.write_record([
                &fy,
                stats::UNSPECIFIED_ROLE,
                "",
                &y.stats.unspecified.to_string(),
                &y.stats.unspecified_meetings.to_string(),
            ]);
        }
        let total = if y.stats.meetings_counted == 0 { String::new() } else { y.stats.total.to_string() };
        let _ = w.write_record([&fy, "รวมทั้งสิ้น", "", &total, &y.stats.meetings_counted.to_string()]);
        if y.stats.meetings_unknown > 0 {
            let _ = w.write_record([&fy, UNKNOWN_ROW, "", "", &y.stats.meetings_unknown.to_string()]);
        }
        let _ = w.flush();
    }
    out
}

/// Label of the `attendees.csv` row of meetings that gave no number of people.
pub const UNKNOWN_ROW: &str = "การประชุมที่ไม่ระบุจำนวนผู้เข้าร่วม";

#[derive(Serialize)]
struct JsonSite<'a> {
    title: &'a str,
    organization: &'a str,
    base_url: &'a str,
    generator: &'static str,
    meetings: Vec<JsonMeeting<'a>>,
}

#[derive(Serialize)]
struct JsonMeeting<'a> {
    title: &'a str,
    // The fields of real reports (DESIGN "Real reports") appear only when given, so that
    // the file of a site that uses none of them stays as it was.
    #[serde(skip_serializing_if = "Option::is_none")]
    number: Option<&'a str>,
    date: String,
    /// Only for a meeting over several days, so single days stay as they were.
    #[serde(skip_serializing_if = "Option::is_none")]
    date_end: Option<String>,
    time: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    time_end: Option<String>,
    /// One line ("ก, ข" for several places); null when not given.
    venue: Option<String>,
    /// Each place, when there are several.
    #[serde(skip_serializing_if = "Option::is_none")]
    venues: Option<&'a [String]>,
    organization: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    chair: Option<&'a str>,
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    organizers: &'a [String],
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    objectives: &'a [String],
    fiscal_year: i32,
    slug: &'a str,
    url: String,
    summary: Option<&'a str>,
    topics: &'a [String],
    attendance: &'a Attendance,
    attendees_total: Option<u64>,
    /// `attendees_total` is of the known numbers only (some roles without one).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    total_at_least: bool,
    attendees_total_declared: Option<u64>,
    attachments: Vec<String>,
    ita_complete: bool,
    source: &'a str,
}

/// `data/meetings.json`: every published meeting, in date order.
pub fn meetings_json(site: &SiteModel) -> Vec<u8> {
    let items: Vec<Vec<u8>> = site.entries.iter().map(|e| meeting_json(&site.config, e)).collect();
    meetings_json_from(&site.config, &items.iter().map(Vec::as_slice).collect::<Vec<_>>())
}

/// One meeting of `data/meetings.json`, as it stands inside the file (indented, without
/// the comma between items), so that the file can be put together from items kept
/// between builds by [`meetings_json_from`].
pub fn meeting_json(c: &Config, e: &Entry) -> Vec<u8> {
    let flat = serde_json::to_vec_pretty(&json_item(c, e)).expect("json");
    // Items sit two levels deep: four more spaces on every line. A JSON string never holds
    // a raw line break, so every '\n' here is one of the formatter's.
    let mut out = Vec::with_capacity(flat.len() + flat.len() / 8 + 4);
    out.extend_from_slice(ITEM_INDENT);
    for &b in &flat {
        out.push(b);
        if b == b'\n' {
            out.extend_from_slice(ITEM_INDENT);
        }
    }
    out
}

fn json_item<'a>(c: &'a Config, e: &'a Entry) -> JsonMeeting<'a> {
    let m = &e.meeting;
    JsonMeeting {
        title: &m.title,
        number: m.number.as_deref(),
        date: m.date.iso(),
        date_end: m.date_end.map(|d| d.iso()),
        time: m.time.map(|t| format!("{:02}:{:02}", t.hour, t.minute)),
        time_end: m.time_end.map(|t| format!("{:02}:{:02}", t.hour, t.minute)),
        venue: m.venue_text(),
        venues: (m.venue.len() > 1).then_some(m.venue.as_slice()),
        organization: &e.organization,
        chair: m.chair.as_deref(),
        organizers: &m.organizers,
        objectives: &m.objectives,
        fiscal_year: m.fiscal_year,
        slug: &m.slug,
        url: format!("{}{}", c.base_url, encode_path(&e.path)),
        summary: m.summary.as_deref(),
        topics: &m.topics,
        attendance: &e.attendance,
        attendees_total: e.attendance.total(),
        total_at_least: e.attendance.total_at_least(),
        attendees_total_declared: m.attendees_total,
        attachments: m
            .attachments
            .iter()
            .map(|a| format!("{}{}", c.base_url, encode_path(&a.path)))
            .collect(),
        ita_complete: e.readiness.complete(),
        source: &m.source,
    }
}

const ITEM_INDENT: &[u8] = b"    ";

/// `data/meetings.json` written from its `count` items as they come, in slices: the same
/// bytes as [`meetings_json_from`], without holding the file whole.
pub fn write_meetings_json(
    c: &Config,
    count: usize,
    slices: impl Iterator<Item = Vec<Vec<u8>>>,
    w: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    let head = meetings_json_from(c, &[]);
    if count == 0 {
        return w.write_all(&head);
    }
    // Everything before the `[]` of the empty list.
    let open = head.len() - b"[]\n}\n".len();
    w.write_all(&head[..open])?;
    w.write_all(b"[\n")?;
    let mut first = true;
    for slice in slices {
        for item in slice {
            if !first {
                w.write_all(b",\n")?;
            }
            first = false;
            w.write_all(&item)?;
        }
    }
    w.write_all(b"\n  ]\n}\n")
}

/// [`meetings_json_from`] its items, kept as they are and joined only when read.
pub fn meetings_json_joined(c: &Config, items: Vec<Arc<Vec<u8>>>) -> crate::write::Joined {
    let mut head = meetings_json_from(c, &[]);
    if items.is_empty() {
        return crate::write::Joined { head, items, sep: b"", tail: b"" };
    }
    // Everything before the `[]` of the empty list, as [`meetings_json_from`] cuts it.
    head.truncate(head.len() - b"[]\n}\n".len());
    head.extend_from_slice(b"[\n");
    crate::write::Joined { head, items, sep: b",\n", tail: b"\n  ]\n}\n" }
}

/// `data/meetings.json` from its items (see [`meeting_json`]): the same bytes as
/// `serde_json::to_vec_pretty` of the whole document, plus a final line break.
pub fn meetings_json_from(c: &Config, items: &[&[u8]]) -> Vec<u8> {
    let doc = JsonSite {
        title: &c.title,
        organization: &c.organization,
        base_url: &c.base_url,
        generator: concat!("prongsai ", env!("CARGO_PKG_VERSION")),
        meetings: Vec::new(),
    };
    let mut out = serde_json::to_vec_pretty(&doc).expect("json");
    if !items.is_empty() {
        // The document ends with `"meetings": []` and the closing brace.
        const EMPTY_END: &[u8] = b"[]\n}";
        assert!(out.ends_with(EMPTY_END), "meetings is the last field");
        out.truncate(out.len() - EMPTY_END.len());
        let size: usize = items.iter().map(|i| i.len() + 2).sum();
        out.reserve(size + 8);
        out.extend_from_slice(b"[\n");
        for (k, item) in items.iter().enumerate() {
            if k > 0 {
                out.extend_from_slice(b",\n");
            }
            out.extend_from_slice(item);
        }
        out.extend_from_slice(b"\n  ]\n}");
    }
    out.push(b'\n');
    out
}

fn text_el<W: std::io::Write>(w: &mut Writer<W>, name: &str, text: &str) {
    let _ = w.write_event(Event::Start(BytesStart::new(name)));
    let _ = w.write_event(Event::Text(BytesText::new(text)));
    let _ = w.write_event(Event::End(BytesEnd::new(name)));
}

fn start<W: std::io::Write>(w: &mut Writer<W>, name: &str, attrs: &[(&str, &str)]) {
    let mut el = BytesStart::new(name);
    for a in attrs {
        el.push_attribute(*a);
    }
    let _ = w.write_event(Event::Start(el));
}

fn empty<W: std::io::Write>(w: &mut Writer<W>, name: &str, attrs: &[(&str, &str)]) {
    let mut el = BytesStart::new(name);
    for a in attrs {
        el.push_attribute(*a);
    }
    let _ = w.write_event(Event::Empty(el));
}

fn end<W: std::io::Write>(w: &mut Writer<W>, name: &str) {
    let _ = w.write_event(Event::End(BytesEnd::new(name)));
}

/// Most recent meetings in the feed; readers only show the latest anyway.
const FEED_ENTRIES: usize = 50;

/// Atom feed, newest meeting first. Times are the meeting days at midnight in Thailand:
/// the build time would make every build differ.
pub fn feed(c: &Config, entries: &[Arc<Entry>]) -> Vec<u8> {
    let stamp = |e: &crate::model::Entry| format!("{}T00:00:00+07:00", e.meeting.date.iso());
    let mut w = Writer::new_with_indent(Vec::new(), b' ', 2);
    let _ = w.write_event(Event::Decl(BytesDecl::new("1.0", Some("utf-8"), None)));
    start(&mut w, "feed", &[("xmlns", "http://www.w3.org/2005/Atom"), ("xml:lang", "th")]);
    text_el(&mut w, "title", &c.title);
    text_el(&mut w, "subtitle", &c.organization);
    text_el(&mut w, "id", &c.base_url);
    empty(&mut w, "link", &[("href", &c.base_url)]);
    empty(&mut w, "link", &[("rel", "self"), ("href", &format!("{}feed.xml", c.base_url))]);
    let updated = entries.last().map(|e| stamp(e)).unwrap_or_else(|| "1970-01-01T00:00:00+07:00".into());
    text_el(&mut w, "updated", &updated);
    start(&mut w, "author", &[]);
    text_el(&mut w, "name", &c.organization);
    end(&mut w, "author");
    text_el(&mut w, "generator", "prongsai");
    for e in entries.iter().rev().take(FEED_ENTRIES) {
        let m = &e.meeting;
        let url = format!("{}{}", c.base_url, encode_path(&e.path));
        start(&mut w, "entry", &[]);
        text_el(&mut w, "title", &m.title);
        empty(&mut w, "link", &[("href", &url)]);
        text_el(&mut w, "id", &url);
        text_el(&mut w, "updated", &stamp(e));
        start(&mut w, "author", &[]);
        text_el(&mut w, "name", &e.organization);
        end(&mut w, "author");
        let summary = match &m.summary {
            Some(s) => s.clone(),
            None => {
                let span = crate::calendar::DateSpan { start: m.date, end: m.date_end };
                let when = crate::calendar::format_thai_span(span, c.numerals);
                match m.venue_text() {
                    Some(venue) => format!("{when} ณ {venue}"),
                    None => when,
                }
            }
        };
        text_el(&mut w, "summary", &summary);
        end(&mut w, "entry");
    }
    end(&mut w, "feed");
    let mut out = w.into_inner();
    out.push(b'\n');
    out
}

/// A sitemap of the pages at `paths` (below `base`, as the site links them).
pub fn sitemap(base: &str, paths: &[String]) -> Vec<u8> {
    let mut w = Writer::new_with_indent(Vec::new(), b' ', 2);
    let _ = w.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)));
    start(&mut w, "urlset", &[("xmlns", "http://www.sitemaps.org/schemas/sitemap/0.9")]);
    for path in paths {
        start(&mut w, "url", &[]);
        text_el(&mut w, "loc", &format!("{base}{}", encode_path(path)));
        end(&mut w, "url");
    }
    end(&mut w, "urlset");
    let mut out = w.into_inner();
    out.push(b'\n');
    out
}

/// A sitemap index pointing at the sitemaps at `files` (below `base`): what crawlers
/// read when a site has more URLs than one sitemap may hold (50,000).
pub fn sitemap_index(base: &str, files: &[String]) -> Vec<u8> {
    let mut w = Writer::new_with_indent(Vec::new(), b' ', 2);
    let _ = w.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)));
    start(&mut w, "sitemapindex", &[("xmlns", "http://www.sitemaps.org/schemas/sitemap/0.9")]);
    for file in files {
        start(&mut w, "sitemap", &[]);
        text_el(&mut w, "loc", &format!("{base}{}", encode_path(file)));
        end(&mut w, "sitemap");
    }
    end(&mut w, "sitemapindex");
    let mut out = w.into_inner();
    out.push(b'\n');
    out
}

/// `ita/<fy>/urls.csv`: one row per registry item in order — code, title, the URL to
/// submit (empty while there is no page) and a one-line description. UTF-8 with a BOM and
/// CRLF, as Excel on Thai Windows opens it with Thai intact.
pub fn urls_csv(base: &str, d: &Dashboard) -> Vec<u8> {
    let mut out = b"\xEF\xBB\xBF".to_vec();
    {
        let mut w = csv::WriterBuilder::new().terminator(csv::Terminator::CRLF).from_writer(&mut out);
        let _ = w.write_record(["รหัส", "ชื่อรายการ", "URL", "คำอธิบาย"]);
        for r in &d.rows {
            let url = r.path.as_ref().map(|p| format!("{base}{}", encode_path(p))).unwrap_or_default();
            let _ =
                w.write_record([&r.code, &r.name, &url, &crate::text::collapse_whitespace(&r.description)]);
        }
        let _ = w.flush();
    }
    out
}

pub use crate::load::MAX_TABLE_ROWS;

/// A CSV attachment as a table, from its rows as load read them
/// ([`crate::load::AttachedFile::table`]); None if it has none (missing, not text, empty).
pub fn csv_table(a: &crate::load::Attachment) -> Option<CsvTable> {
    let t = a.file.as_ref()?.table.as_deref()?;
    let name = a.path.rsplit('/').next().unwrap_or(&a.path).to_string();
    Some(CsvTable {
        name,
        href: encode_path(&a.path),
        header: t.header.clone(),
        rows: t.rows.clone(),
        cut_from: (t.total > MAX_TABLE_ROWS).then_some(t.total),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The whole document serialised at once, as it was before items were kept apart.
    fn reference(site: &SiteModel) -> Vec<u8> {
        let c = &site.config;
        let doc = JsonSite {
            title: &c.title,
            organization: &c.organization,
            base_url: &c.base_url,
            generator: concat!("prongsai ", env!("CARGO_PKG_VERSION")),
            meetings: site.entries.iter().map(|e| json_item(c, e)).collect(),
        };
        let mut out = serde_json::to_vec_pretty(&doc).expect("json");
        out.push(b'\n');
        out
    }

    fn site(files: &[(&str, &str)]) -> SiteModel {
        let dir = tempfile::tempdir().unwrap();
        for (path, text) in files {
            let p = dir.path().join(path);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(p, text).unwrap();
        }
        let mut diags = crate::diagnostics::Diagnostics::new();
        let loaded =
            crate::load::load_site(dir.path(), None, &mut crate::load::LoadCache::default(), &mut diags);
        assert!(!diags.has_errors(), "{:?}", diags.sorted());
        crate::model::build(&loaded, &crate::model::ModelOptions { drafts: false, today: None }, &mut diags)
    }

    #[test]
    fn meetings_json_put_together_from_items_is_the_whole_document() {
        let config =
            ("site.yaml", "title: t\norganization: \"อบต. \\\"ก\\\"\"\nbase_url: https://x.go.th/ita/\n");
        let empty = site(&[config]);
        assert_eq!(meetings_json(&empty), reference(&empty));
        let full = site(&[
            config,
            ("static/files/a.pdf", "%PDF"),
            (
                "content/2567/2566-10-20-a.md",
                "---\ntitle: \"ก \\\"ข\\\" \\n ค\"\ndate: 2566-10-20\ntime: \"09:30\"\nvenue: v\nsummary: s\ntopics: [x, y]\nattendees:\n  - role: นายก\n    count: 1\n  - role: ประชาชน\n    count: 5\nattachments: [files/a.pdf]\n---\nbody\n",
            ),
            (
                "content/2567/2567-01-05-b.md",
                "---\ntitle: b\ndate: 2567-01-05\nvenue: v\nattendees_total: 12\n---\n",
            ),
            (
                "content/2568/c.md",
                "---\ntitle: c\ndate: 2568-03-01\nvenue: v\norganization: อื่น\ntopics: []\n---\n## ผล\n",
            ),
        ]);
        assert_eq!(full.entries.len(), 3);
        let (a, b) = (meetings_json(&full), reference(&full));
        assert_eq!(String::from_utf8_lossy(&a), String::from_utf8_lossy(&b));
        for s in [&empty, &full] {
            let mut streamed = Vec::new();
            let items = s.entries.chunks(2).map(|c| c.iter().map(|e| meeting_json(&s.config, e)).collect());
            write_meetings_json(&s.config, s.entries.len(), items, &mut streamed).unwrap();
            assert_eq!(streamed, reference(s));
            // As `serve` holds it: the items, joined when read.
            let items = s.entries.iter().map(|e| Arc::new(meeting_json(&s.config, e))).collect();
            let joined = meetings_json_joined(&s.config, items);
            assert_eq!((joined.to_vec(), joined.len()), (reference(s), reference(s).len()));
        }
    }

    #[test]
    fn urls_csv_quotes_as_rfc_4180_and_leaves_a_missing_url_empty() {
        use crate::load::{Registry, RegistryItem};
        use crate::model::ita::dashboard::{Dashboard, Row, Status};
        let row = |code: &str, name: &str, path: Option<&str>, status| Row {
            code: code.into(),
            name: name.into(),
            description: "หนึ่ง\nสอง".into(),
            requires: String::new(),
            path: path.map(str::to_string),
            page_title: None,
            carried_from: None,
            status,
            missing: vec![],
            participation: false,
            draft: false,
        };
        let registry = Registry {
            year: 2569,
            sources: vec![],
            incomplete: None,
            items: vec![RegistryItem {
                code: "O1".into(),
                key: "k".into(),
                name: "n".into(),
                requires: String::new(),
                yearly: false,
                confirmed: true,
            }],
        };
        let d = Dashboard {
            fy: 2569,
            path: "ita/2569/".into(),
            registry: Arc::new(registry),
            rows: vec![
                row("O1", "โครงสร้าง, \"หน้าที่\"", Some("ita/2569/o1/"), Status::Present),
                row("O2", "ผู้บริหาร", None, Status::Missing),
            ],
            extra: vec![],
        };
        let out = String::from_utf8(urls_csv("https://a.go.th/", &d)).unwrap();
        assert_eq!(
            out,
            "\u{feff}รหัส,ชื่อรายการ,URL,คำอธิบาย\r\nO1,\"โครงสร้าง, \"\"หน้าที่\"\"\",https://a.go.th/ita/2569/o1/,หนึ่ง สอง\r\nO2,ผู้บริหาร,,หนึ่ง สอง\r\n"
        );
    }
}
