//! Finding a meeting's fields in a report the way a person reads it: labelled lines
//! ("วัน/เดือน/ปี ที่ดำเนินการ :", "สถานที่ดำเนินการ : ณ …"), the ITA headings in any
//! numbering and with the typos reports have ("ผลการจากการมีส่วนร่วม"), numbered items
//! under them, attendee lines and tables, a declared total or a head count in prose. The
//! report's wording is kept; only layout (tabs, runs of spaces) is tidied.

use super::prose;
use super::reader::{Block, Kind};
use super::{Warning, parse_span};
use crate::calendar::{self, DateSpan};
use crate::diagnostics::Code;
use crate::text;

/// What was found in a report. The body parts are Markdown, ready to write.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Fields {
    pub title: Option<String>,
    pub date: Option<DateSpan>,
    /// `09:30` and an end, if the report gives a range.
    pub time: Option<(String, Option<String>)>,
    /// One place, or several ("ศาลาประชาคมหมู่ที่ 1 และหมู่ที่ 5").
    pub venue: Vec<String>,
    /// Who chaired: "นายสมศักดิ์ สายมณี นายกองค์การบริหารส่วนตำบลหนองเหล่า".
    pub chair: Option<String>,
    pub topics: Vec<String>,
    pub attendees: Vec<Attendee>,
    pub total: Option<u64>,
    /// The report's text outside the sections: before them, then after.
    pub intro: String,
    pub results: String,
    pub usage: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Attendee {
    pub role: String,
    pub count: Option<u64>,
}

/// One line of the report, tidied, with where it is (paragraph or line, from 1).
struct Line {
    no: usize,
    text: String,
    cells: Option<Vec<String>>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Sec {
    Topics,
    Attendees,
    Results,
    Usage,
    /// A numbered heading of another part ("1.7 ภาพกิจกรรม"): its text is kept in the body.
    Other,
}

/// Most characters of a heading: a longer line is text, whatever it starts with.
const HEADING_CHARS: usize = 70;
/// Lines of a report scanned for dates in prose, from the top.
const PROSE_DATE_LINES: usize = 400;
/// Lines longer than this are not scanned for dates word by word (bounded time).
const SCAN_CHARS: usize = 3000;

pub fn find(blocks: &[Block], kind: Kind) -> (Fields, Vec<Warning>) {
    let lines = lines(blocks);
    let place = match kind {
        Kind::Text => "บรรทัด",
        Kind::Docx | Kind::Odt => "ย่อหน้า",
    };
    let mut f = Fields::default();
    let mut w = Vec::new();
    let warn = |w: &mut Vec<Warning>, code: Code, field: &'static str, l: Option<&Line>, message: String| {
        w.push(Warning {
            code,
            field,
            at: l.map(|l| l.no),
            quote: l.map(|l| text::cut_whole_characters(&l.text, 80).to_string()).unwrap_or_default(),
            message: match l {
                Some(l) => format!("{place}ที่ {}: {message}", l.no),
                None => message,
            },
        })
    };

    // Which section each line is in; headings themselves are in none.
    let mut sec: Vec<Option<Sec>> = Vec::with_capacity(lines.len());
    let mut heading = vec![false; lines.len()];
    let mut cur = None;
    // The first line with words is the report's title, never a section's heading.
    let first = lines.iter().position(|l| !l.text.is_empty());
    for (i, l) in lines.iter().enumerate() {
        if l.cells.is_none()
            && Some(i) != first
            && let Some(s) = heading_kind(&l.text)
        {
            cur = Some(s);
            heading[i] = true;
            sec.push(None);
            continue;
        }
        sec.push(cur);
    }
    let first_section = sec.iter().zip(&heading).position(|(s, h)| s.is_some() || *h).unwrap_or(lines.len());
    let mut used = heading.clone();

    // Title, date, venue, time from labelled lines outside the sections' text.
    let mut dates: Vec<(usize, DateSpan, bool)> = Vec::new();
    let mut titles: Vec<usize> = Vec::new();
    let mut venues: Vec<(usize, String)> = Vec::new();
    let mut venue_lists: Vec<(usize, Vec<String>)> = Vec::new();
    for (i, l) in lines.iter().enumerate() {
        if l.cells.is_some() || heading[i] || matches!(sec[i], Some(Sec::Results | Sec::Usage | Sec::Topics))
        {
            continue;
        }
        let (label, value) = labelled(&l.text);
        // "สถานที่ประชุม ห้อง…", "ณ ห้องประชุม…" on a line of its own: a venue without a colon.
        let bare_venue = label_value(&l.text, &["สถานที่ดำเนินการ", "สถานที่ประชุม", "สถานที่จัด", "สถานที่"])
            .filter(|_| label.is_none())
            .or_else(|| (i < first_section && l.text.starts_with("ณ ")).then(|| l.text.clone()));
        if let Some(v) = bare_venue {
            let v = drop_na(&v).to_string();
            if !v.is_empty() {
                // "ณ ศาลาประชาคมหมู่ที่ 3 หมู่ที่ 5 และหมู่ที่ 8" on its own line: several places.
                if let Some(list) = prose::venues(&format!("ณ {v}")).filter(|l| l.len() > 1) {
                    venue_lists.push((i, list));
                }
                venues.push((i, v));
                used[i] = true;
                continue;
            }
        }
        if let Some(v) =
            label_value(&l.text, &["ชื่อโครงการ", "ชื่อกิจกรรม", "ชื่อการประชุม", "โครงการ :", "เรื่อง :", "เรื่อง "])
            && !v.is_empty()
        {
            titles.push(i);
            if f.title.is_none() {
                f.title = Some(v);
            }
            used[i] = true;
            continue;
        }
        if let Some(label) = label {
            if label.contains("สถานที่") {
                let v = drop_na(value);
                if !v.is_empty() {
                    venues.push((i, v.to_string()));
                }
                used[i] = true;
                continue;
            }
            if label.starts_with("วัน") || label.starts_with("เวลา") {
                if let Some(d) = first_date(value) {
                    dates.push((i, d, true));
                }
                if f.time.is_none() {
                    f.time = find_time(value).or_else(|| find_time(&format!("เวลา {value}")));
                }
                used[i] = true;
                continue;
            }
        }
        // Dates in prose: near the top, where reports say when (bounded time on any text).
        if (i < first_section || sec[i].is_none()) && i < PROSE_DATE_LINES {
            for d in all_dates(&l.text) {
                dates.push((i, d, false));
            }
            if f.time.is_none() {
                f.time = find_time(&l.text);
            }
        }
    }
    // The item's labelled date is the meeting's; a date in prose is when none is labelled.
    // A date in prose that dates the notice ("ประกาศ ณ วันที่ …") is the meeting's only
    // when the report gives no other.
    let chosen = dates
        .iter()
        .find(|d| d.2)
        .or_else(|| dates.iter().find(|d| !prose::dates_the_notice(&lines[d.0].text)))
        .or(dates.first())
        .copied();
    if let Some((ci, cd, _)) = chosen {
        f.date = Some(cd);
        for &(i, d, labelled) in &dates {
            if d != cd && !(labelled && i == ci) {
                let code = if labelled { Code::ImportTwoCandidates } else { Code::ImportDateDisagrees };
                warn(
                    &mut w,
                    code,
                    "date",
                    Some(&lines[i]),
                    format!(
                        "วันที่ {} ไม่ตรงกับวันที่ที่ใช้ {} ({}ที่ {}) ตรวจกับต้นฉบับว่าวันใดถูก",
                        calendar::format_thai(d.start, calendar::Numerals::Arabic),
                        calendar::format_thai(cd.start, calendar::Numerals::Arabic),
                        place,
                        lines[ci].no
                    ),
                );
            }
        }
    }
    // The venue in prose: "… ณ ศาลาประชาคม โดยมี …", the date's sentence first, then the
    // others outside the sections; "… ณ" at a line's end names the place on the next.
    // Sentences near the top, of a paragraph's length: bounded time on any text.
    let prose_line = |i: usize| {
        lines[i].cells.is_none()
            && !heading[i]
            && sec[i].is_none()
            && i < PROSE_DATE_LINES
            && lines[i].text.len() <= SCAN_CHARS * 3
    };
    let order: Vec<usize> = chosen
        .map(|c| c.0)
        .into_iter()
        .chain((0..lines.len()).filter(|&i| Some(i) != chosen.map(|c| c.0)))
        .collect();
    let mut prose_venue = None;
    if venues.is_empty() {
        for &i in order.iter().filter(|&&i| prose_line(i)) {
            let found = match prose::venues(&lines[i].text) {
                Some(v) if v.is_empty() => (i + 1..lines.len())
                    .find(|&j| !lines[j].text.is_empty())
                    .and_then(|j| prose::venues(&format!("ณ {}", lines[j].text))),
                v => v,
            };
            if let Some(v) = found.filter(|v| !v.is_empty()) {
                prose_venue = Some((i, v));
                break;
            }
        }
    }
    if titles.len() > 1 {
        let other = &lines[titles[1]];
        warn(
            &mut w,
            Code::ImportTwoCandidates,
            "title",
            Some(other),
            format!("พบชื่อโครงการอีกชื่อหนึ่ง ใช้ชื่อแรก ({place}ที่ {})", lines[titles[0]].no),
        );
    }
    let date_lines: Vec<usize> = dates.iter().map(|d| d.0).collect();
    if f.title.is_none() {
        // The first heading-like line: short, not a sentence with a date in it.
        if let Some(i) = (0..lines.len()).find(|&i| {
            !used[i]
                && lines[i].cells.is_none()
                && !lines[i].text.is_empty()
                && lines[i].text.chars().count() <= 150
                && !date_lines.contains(&i)
                && !prose::names_no_activity(&lines[i].text)
        }) {
            let t = &lines[i].text;
            f.title = Some(prose::without_office(t).unwrap_or(t).to_string());
            used[i] = true;
        }
    }
    if f.title.is_none() {
        // A report that is one paragraph: the activity its sentence is about, else its
        // first words. Never empty: a meeting file without a title does not parse.
        let first = (0..lines.len()).find(|&i| !lines[i].text.is_empty());
        let i = chosen.map(|c| c.0).or(first);
        let found = i.into_iter().chain(0..lines.len()).find_map(|i| {
            (lines[i].cells.is_none() && !heading[i])
                .then(|| prose::activity(&lines[i].text).map(|t| (i, t)))?
        });
        let (i, t) = match found {
            Some(f) => f,
            None => {
                let i = first.unwrap_or(0);
                let words = lines.get(i).map_or("", |l| l.text.as_str());
                (i, text::cut_whole_characters(words, 100).trim().to_string())
            }
        };
        if !t.is_empty() {
            warn(&mut w, Code::ImportFromProse, "title", lines.get(i), from_prose("ชื่อการประชุม", &t));
            f.title = Some(t);
        }
    }
    if venues.is_empty()
        && let Some((i, v)) = prose_venue
    {
        warn(&mut w, Code::ImportFromProse, "venue", Some(&lines[i]), from_prose("สถานที่", &v.join(", ")));
        f.venue = v;
    }
    if let Some((i, v)) = venues.first() {
        f.venue = venue_lists.iter().find(|l| l.0 == *i).map_or_else(|| vec![v.clone()], |l| l.1.clone());
        if let Some((j, other)) = venues.iter().find(|(_, o)| o != v) {
            warn(
                &mut w,
                Code::ImportTwoCandidates,
                "venue",
                Some(&lines[*j]),
                format!("พบสถานที่อีกแห่ง \"{other}\" ใช้ \"{v}\" ({place}ที่ {})", lines[*i].no),
            );
        }
    }

    // Topics: the items under the heading; a line without a number continues the item.
    let topic_lines: Vec<usize> = (0..lines.len())
        .filter(|&i| sec[i] == Some(Sec::Topics) && lines[i].cells.is_none() && !lines[i].text.is_empty())
        .collect();
    let numbered = topic_lines.iter().any(|&i| strip_item(&lines[i].text).1);
    for &i in &topic_lines {
        let (rest, is_item) = strip_item(&lines[i].text);
        used[i] = true;
        match f.topics.last_mut() {
            Some(last) if numbered && !is_item => {
                last.push(' ');
                last.push_str(rest);
            }
            _ => f.topics.push(rest.to_string()),
        }
    }

    // Attendees: tables with a role and a count column anywhere, lines under the heading.
    let mut totals: Vec<(usize, u64)> = Vec::new();
    let mut table: Option<(usize, Option<usize>)> = None;
    for (i, l) in lines.iter().enumerate() {
        let Some(cells) = &l.cells else {
            table = None;
            continue;
        };
        if table.is_none() {
            let role = cells
                .iter()
                .position(|c| c.contains("ตำแหน่ง") || c.contains("ผู้เข้าร่วม") || c.contains("ประเภท"));
            let count = cells.iter().position(|c| c.contains("จำนวน"));
            if let Some(role) = role {
                table = Some((role, count));
                used[i] = true;
            }
            continue;
        }
        let (role_col, count_col) = table.expect("table");
        used[i] = true;
        let count = count_col.and_then(|c| cells.get(c)).and_then(|c| number(c));
        if cells.iter().any(|c| c.starts_with("รวม")) {
            if let Some(n) = count.or_else(|| cells.iter().rev().find_map(|c| number(c))) {
                totals.push((i, n));
            }
            continue;
        }
        let role = cells.get(role_col).map(|c| text::collapse_whitespace(c)).unwrap_or_default();
        if !role.is_empty() {
            f.attendees.push(Attendee { role, count });
        }
    }
    for (i, l) in lines.iter().enumerate() {
        if sec[i] != Some(Sec::Attendees) || l.cells.is_some() || l.text.is_empty() {
            continue;
        }
        used[i] = true;
        let (rest, is_item) = strip_item(&l.text);
        if !is_item && let Some(n) = declared_total(rest) {
            totals.push((i, n));
            continue;
        }
        let (role, count) = role_and_count(rest);
        if !role.is_empty() {
            f.attendees.push(Attendee { role, count });
        }
    }
    // A head count in prose, when the report lists none under a heading.
    for (i, l) in lines.iter().enumerate() {
        if sec[i].is_none()
            && l.cells.is_none()
            && !heading[i]
            && ["ผู้เข้าร่วม", "รวมทั้งสิ้น"].iter().any(|w| l.text.contains(w))
            && let Some(n) = declared_total(&l.text)
        {
            totals.push((i, n));
        }
    }
    if let Some(&(ti, t)) = totals.first() {
        f.total = Some(t);
        if let Some(&(j, other)) = totals.iter().find(|(_, n)| *n != t) {
            warn(
                &mut w,
                Code::ImportTwoCandidates,
                "attendees_total",
                Some(&lines[j]),
                format!("พบยอดผู้เข้าร่วม {other} คน ต่างจาก {t} คนที่ใช้ ({place}ที่ {})", lines[ti].no),
            );
        }
    }

    // The chair, the roles listed in prose and a resolution, from the lines outside the
    // sections: "… เป็นประธาน", "ผู้เข้าร่วมประกอบด้วย …", "ที่ประชุมมีมติ …".
    let prose_lines: Vec<usize> =
        (0..lines.len()).filter(|&i| prose_line(i) && !lines[i].text.is_empty()).collect();
    if let Some((i, c)) = prose_lines.iter().find_map(|&i| prose::chair(&lines[i].text).map(|c| (i, c))) {
        warn(&mut w, Code::ImportFromProse, "chair", Some(&lines[i]), from_prose("ประธาน", &c));
        f.chair = Some(c);
    }
    if f.attendees.is_empty() {
        let mut at = None;
        for &i in &prose_lines {
            for (role, count) in prose::counted_roles(&lines[i].text) {
                at.get_or_insert(i);
                if !f.attendees.iter().any(|a| a.role == role) {
                    f.attendees.push(Attendee { role, count });
                }
            }
        }
        if let Some(i) = at {
            let list: Vec<String> = f
                .attendees
                .iter()
                .map(|a| match a.count {
                    Some(n) => format!("{} {n} คน", a.role),
                    None => a.role.clone(),
                })
                .collect();
            warn(
                &mut w,
                Code::ImportFromProse,
                "attendees",
                Some(&lines[i]),
                from_prose("ผู้เข้าร่วม", &list.join(", ")),
            );
        }
    }
    let resolution = prose_lines.iter().find_map(|&i| prose::resolution(&lines[i].text).map(|r| (i, r)));

    // The two ITA sections, and the rest of the report.
    let part = |s: Option<Sec>, used: &mut Vec<bool>| {
        let idx: Vec<usize> = (0..lines.len()).filter(|&i| sec[i] == s && !used[i]).collect();
        for &i in &idx {
            used[i] = true;
        }
        markdown(idx.iter().map(|&i| &lines[i]))
    };
    f.results = part(Some(Sec::Results), &mut used);
    if f.results.is_empty()
        && let Some((i, r)) = resolution
    {
        warn(&mut w, Code::ImportFromProse, "results", Some(&lines[i]), from_prose("มติที่ประชุม", &r));
        f.results = markdown(std::iter::once(&Line { no: lines[i].no, text: r, cells: None }));
    }
    f.usage = part(Some(Sec::Usage), &mut used);
    let before: Vec<&Line> =
        (0..first_section.min(lines.len())).filter(|&i| !used[i]).map(|i| &lines[i]).collect();
    let after: Vec<&Line> = (first_section..lines.len()).filter(|&i| !used[i]).map(|i| &lines[i]).collect();
    f.intro = markdown(before.into_iter());
    let outro = markdown(after.into_iter());
    if !outro.is_empty() {
        f.usage.push('\n');
        f.usage.push_str(&outro);
    }

    let missing = |what: &str| format!("ไม่พบ{what}ในรายงาน เว้นว่างไว้ในไฟล์ (check จะเตือน) ให้เติมเองจากต้นฉบับ");
    if f.title.is_none() {
        warn(&mut w, Code::ImportFieldMissing, "title", None, missing("ชื่อโครงการ"));
    }
    if f.venue.is_empty() {
        warn(&mut w, Code::ImportFieldMissing, "venue", None, missing("สถานที่ดำเนินการ"));
    }
    if f.topics.is_empty() {
        warn(&mut w, Code::ImportFieldMissing, "topics", None, missing("ประเด็น/เรื่องในการมีส่วนร่วม"));
    }
    if f.attendees.is_empty() && f.total.is_none() {
        warn(&mut w, Code::ImportFieldMissing, "attendees", None, missing("ผู้เข้าร่วม"));
    }
    if f.results.is_empty() {
        warn(&mut w, Code::ImportFieldMissing, "results", None, missing("หัวข้อผลจากการมีส่วนร่วม"));
    }
    if f.usage.is_empty() {
        warn(
            &mut w,
            Code::ImportFieldMissing,
            "usage",
            None,
            missing("หัวข้อการนำผลของการมีส่วนร่วมไปปรับปรุงพัฒนาการดำเนินงาน"),
        );
    }
    (f, w)
}

fn lines(blocks: &[Block]) -> Vec<Line> {
    let mut out = Vec::new();
    for (i, b) in blocks.iter().enumerate() {
        match b {
            Block::Para(p) => {
                for part in p.split('\n') {
                    out.push(Line { no: i + 1, text: tidy(part), cells: None });
                }
            }
            Block::Row(cells) => {
                let cells: Vec<String> = cells.iter().map(|c| tidy(c)).collect();
                out.push(Line { no: i + 1, text: cells.join(" | "), cells: Some(cells) });
            }
        }
    }
    out
}

/// Layout only: Word's `[bookmark: _GoBack]` as pasted text shows it, tabs and runs of
/// blanks to one space.
fn tidy(s: &str) -> String {
    let mut s = s.to_string();
    while let Some(at) = s.find("[bookmark:") {
        match s[at..].find(']') {
            Some(end) => s.replace_range(at..at + end + 1, ""),
            None => break,
        }
    }
    text::collapse_whitespace(&s.replace('\u{200B}', ""))
}

/// The kind of a heading line, if it is one.
fn heading_kind(line: &str) -> Option<Sec> {
    if line.chars().count() > HEADING_CHARS {
        return None;
    }
    let w = text::heading_words(line);
    let numbered = w.len() < text::trim_space(line).len();
    let starts = |keys: &[&str]| keys.iter().any(|k| text::heading_starts_with(w, k));
    if starts(&["การนำผล", "นำผล"]) {
        return Some(Sec::Usage);
    }
    // The words of results headings reports use; a report's own title ("รายงานผลการจัด
    // ประชุม…", "ผลการดำเนินโครงการ…") starts with ผล too, and is not one.
    const RESULTS: &[&str] = &[
        "ผลจาก",
        "ผลการจาก",
        "ผลการมีส่วนร่วม",
        "ผลของการมีส่วนร่วม",
        "ผลการประชุม",
        "ผลที่ได้",
        "ผลการหารือ",
        "ผลการรับฟัง",
        "ผลการประชาคม",
        "ผลการพิจารณา",
        "ผลการดำเนินการ",
        "ผลการดำเนินงาน",
    ];
    if starts(RESULTS) && !w.contains("เปิดโอกาส") && !w.contains("โครงการ") && !w.contains(" คน")
    {
        return Some(Sec::Results);
    }
    if starts(&["ประเด็น", "เรื่องในการมีส่วนร่วม", "หัวข้อการมีส่วนร่วม", "หัวข้อการประชุม", "วาระการประชุม"])
    {
        return Some(Sec::Topics);
    }
    let count = declared_total(w).is_some() || w.ends_with("ได้แก่") || w.ends_with("ดังนี้");
    if starts(&[
        "ข้อมูลของผู้มีส่วนร่วม",
        "รายชื่อผู้เข้าร่วม",
        "ข้อมูลผู้มีส่วนร่วม",
        "ผู้มีส่วนร่วม",
        "ผู้เข้าร่วม",
        "ข้อมูลผู้เข้าร่วม",
        "จำนวนผู้เข้าร่วม",
    ]) && !count
    {
        return Some(Sec::Attendees);
    }
    // Another numbered heading of the report ("1.7 ภาพกิจกรรม"): two-level numbers only,
    // "1." alone starts the report's own items.
    let t = text::trim_space(line);
    let two_level = t.split_once('.').is_some_and(|(a, b)| {
        !a.is_empty() && a.chars().all(|c| c.is_ascii_digit()) && b.starts_with(|c: char| c.is_ascii_digit())
    });
    let label = labelled(line).0.is_some();
    (numbered && two_level && !label && !w.is_empty()).then_some(Sec::Other)
}

/// `label : value` → the label's words (numbering set aside) and the value.
fn labelled(line: &str) -> (Option<&str>, &str) {
    match line.split_once([':', '：']) {
        Some((l, v)) if l.chars().count() <= 40 => (Some(text::heading_words(l)), text::trim_space(v)),
        _ => (None, line),
    }
}

/// The value after one of `labels` at the start of the line's words, with or without a
/// colon: "1. ชื่อโครงการ  การประชุม…".
fn label_value(line: &str, labels: &[&str]) -> Option<String> {
    let w = text::heading_words(line);
    for l in labels {
        // "โครงการ :" only with its colon: "โครงการที่…" is a sentence; "เรื่อง " only with
        // blanks after it ("เรื่อง  โครงการก่อสร้าง…").
        let colon = l.ends_with(" :");
        let blank = l.ends_with(' ') && !colon;
        let l = l.trim_end_matches(" :").trim_end();
        if let Some(rest) = w.strip_prefix(l) {
            let after = rest.trim_start_matches(text::is_space);
            if rest.starts_with(text::is_thai_mark)
                || (colon && !after.starts_with([':', '：']))
                || (blank && !rest.starts_with(text::is_space))
            {
                continue;
            }
            let rest = rest.trim_start_matches(|c: char| text::is_space(c) || c == ':' || c == '：');
            return Some(rest.to_string());
        }
    }
    None
}

fn drop_na(v: &str) -> &str {
    let v = text::trim_space(v);
    match v.strip_prefix("ณ") {
        Some(rest) if rest.starts_with(text::is_space) => text::trim_space(rest),
        _ => v,
    }
}

/// A number written in digits (Arabic or Thai) in `s`: the first.
fn number(s: &str) -> Option<u64> {
    let a = text::arabic_digits(s);
    let digits: String =
        a.chars().skip_while(|c| !c.is_ascii_digit()).take_while(|c| c.is_ascii_digit()).collect();
    digits.parse().ok()
}

/// "… จำนวน 19 คน …", "จำนนวน 19 คน", "รวมทั้งสิ้น 48 คน", "มีผู้เข้าร่วมประชุม 48 คน".
fn declared_total(s: &str) -> Option<u64> {
    let marks = [
        "จำนวน",
        "จำนนวน",
        "รวม",
        "ทั้งสิ้น",
        "ทั้งหมด",
        "ผู้เข้าร่วมประชุม",
        "ผู้เข้าร่วมโครงการ",
        "ผู้เข้าร่วมกิจกรรม",
        "ผู้เข้าร่วม",
    ];
    // "… ประกอบด้วย ผู้ใหญ่บ้าน 12 คน … รวมทั้งสิ้น ๑๒๕ คน": the sum said as one is the total,
    // a count inside the list is a role's.
    for m in ["รวมทั้งสิ้น", "ทั้งสิ้น", "ทั้งหมด", "รวม"]
    {
        for (i, _) in s.match_indices(m) {
            let after = &s[i + m.len()..];
            // Only the number, "จำนวน" or a colon between the word and the count.
            let digit = after.find(|c: char| c.is_ascii_digit() || text::thai_digit_value(c).is_some());
            let between = digit.map(|d| after[..d].replace("จำนวน", "").replace(':', ""));
            if between.is_some_and(|b| text::trim_space(&b).is_empty())
                && let Some((n, _)) = number_then_unit(after)
            {
                return Some(n);
            }
        }
    }
    // "ประกอบด้วย ผู้ใหญ่บ้าน จำนวน 12 คน สมาชิกสภา จำนวน 11 คน": counts of roles, and no sum.
    if let Some(list) = ["ประกอบด้วย", "ได้แก่"].iter().filter_map(|w| s.find(w)).min()
    {
        let mut rest = &s[list..];
        let mut counts = 0;
        while let Some((_, after)) = number_then_unit(rest) {
            counts += 1;
            rest = after;
        }
        if counts > 1 {
            return None;
        }
    }
    let mut at: Vec<usize> = marks.iter().filter_map(|m| s.find(m).map(|i| i + m.len())).collect();
    at.sort_unstable();
    at.into_iter().find_map(|at| {
        let (n, _) = number_then_unit(&s[at..])?;
        let before =
            &s[at..at + s[at..].find(|c: char| c.is_ascii_digit() || text::thai_digit_value(c).is_some())?];
        (!["ประกอบด้วย", "ได้แก่"].iter().any(|w| before.contains(w))).then_some(n)
    })
}

/// The first number in `s` followed by คน/ราย/ท่าน, and the text after it.
fn number_then_unit(s: &str) -> Option<(u64, &str)> {
    let mut from = 0;
    while from < s.len() {
        let rest = &s[from..];
        let start = rest.find(|c: char| c.is_ascii_digit() || text::thai_digit_value(c).is_some())?;
        let after_digits = rest[start..]
            .find(|c: char| !(c.is_ascii_digit() || text::thai_digit_value(c).is_some() || c == ','))
            .map_or(rest.len(), |e| start + e);
        let tail = rest[after_digits..].trim_start_matches(text::is_space);
        for unit in ["คน", "ราย", "ท่าน"] {
            if let Some(t) = tail.strip_prefix(unit) {
                let n = number(&rest[start..after_digits].replace(',', ""))?;
                return Some((n, t));
            }
        }
        from += after_digits.max(start + 1);
    }
    None
}

/// "สมาชิกสภาองค์การบริหารส่วนตำบล  3  คน" → the role and 3; "ผู้ใหญ่บ้านหมู่ที่ 1 – 12" →
/// the role and no count.
fn role_and_count(s: &str) -> (String, Option<u64>) {
    let s = text::trim_space(s);
    // The count is the last number with a unit, at the end of the line.
    if let Some(end) = ["คน", "ราย", "ท่าน"].iter().find_map(|u| s.strip_suffix(u)) {
        let end = end.trim_end_matches(text::is_space);
        let cut = end
            .char_indices()
            .rev()
            .take_while(|(_, c)| c.is_ascii_digit() || text::thai_digit_value(*c).is_some())
            .last()
            .map(|(i, _)| i);
        if let Some(cut) = cut
            && let Some(n) = number(&end[cut..])
        {
            let role = end[..cut].trim_end_matches(text::is_space);
            let role = role
                .strip_suffix("จำนวน")
                .unwrap_or(role)
                .trim_end_matches(|c: char| text::is_space(c) || c == ':');
            return (role.to_string(), Some(n));
        }
    }
    (s.to_string(), None)
}

/// An item's text without its number or bullet, and whether it had one.
fn strip_item(s: &str) -> (&str, bool) {
    let t = text::trim_space(s);
    for b in ["-", "–", "*", "•", "●", "○", "▪", "■", "◆", "❖", "➢", "►", "✓"] {
        if let Some(rest) = t.strip_prefix(b)
            && rest.starts_with(text::is_space)
        {
            return (text::trim_space(rest), true);
        }
    }
    let digit = |c: char| c.is_ascii_digit() || text::thai_digit_value(c).is_some();
    let inner = t.strip_prefix('(').unwrap_or(t);
    let after = inner.trim_start_matches(digit);
    if after.len() < inner.len() && after.len() < t.len() {
        let after = after.trim_start_matches(|c: char| c == '.' || digit(c));
        if let Some(rest) =
            after.strip_prefix([')', '.']).or_else(|| t.strip_prefix('(').and(after.strip_prefix(')')))
            && (rest.is_empty() || rest.starts_with(text::is_space))
        {
            return (text::trim_space(rest), true);
        }
        if t.len() > after.len() && after.starts_with(text::is_space) && !t.starts_with('(') {
            // "1 ผู้ใหญ่บ้าน": a bare number then a blank.
            let head = &t[..t.len() - after.len()];
            if head.chars().count() <= 3 {
                return (text::trim_space(after), true);
            }
        }
    }
    (t, false)
}

/// Every date written in `s`, word by word (whole words, the longest reading first).
fn all_dates(s: &str) -> Vec<DateSpan> {
    if s.chars().count() > SCAN_CHARS {
        return Vec::new();
    }
    let words: Vec<&str> = s.split(text::is_space).filter(|w| !w.is_empty()).collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < words.len() {
        let mut step = 1;
        // A date needs a digit in its first words: skip words that cannot start one.
        let starts = words[i].chars().any(|c| c.is_ascii_digit() || text::thai_digit_value(c).is_some())
            || words[i].starts_with("วันที่")
            || words[i].starts_with("ระหว่าง")
            || words[i].starts_with("เมื่อ");
        if starts {
            for n in (1..=8.min(words.len() - i)).rev() {
                let cand = words[i..i + n].join(" ");
                let cand = cand.trim_start_matches(['(', '[', '"', '“']);
                let cand = cand.trim_start_matches("เมื่อ").trim_start_matches("ระหว่าง");
                if !cand.chars().any(|c| c.is_ascii_digit() || text::thai_digit_value(c).is_some()) {
                    continue;
                }
                // "(เมื่อวันที่ 5 มีนาคม 2567)", "… 2567, ณ …": the marks around a date are not
                // part of it.
                let bare = cand.trim_end_matches([')', ']', ',', ';', '"', '”']);
                if let Some(d) = parse_span(cand).or_else(|| parse_span(bare)) {
                    out.push(d);
                    step = n;
                    break;
                }
            }
        }
        i += step;
    }
    out
}

fn first_date(s: &str) -> Option<DateSpan> {
    parse_span(s).or_else(|| all_dates(s).into_iter().next())
}

/// "เวลา 09.30 น.", "เวลา 13.00 – 16.30 น." anywhere in `s`.
fn find_time(s: &str) -> Option<(String, Option<String>)> {
    let at = s.find("เวลา")?;
    let words: Vec<&str> =
        s[at + "เวลา".len()..].split(text::is_space).filter(|w| !w.is_empty()).take(6).collect();
    for n in (1..=words.len()).rev() {
        if let Some((t, end)) = calendar::parse_time_span(&words[..n].join(" ")) {
            let f = |t: calendar::Time| format!("{:02}:{:02}", t.hour, t.minute);
            return Some((f(t), end.map(f)));
        }
    }
    None
}

/// The message of a field read from a report's sentences rather than from a label.
fn from_prose(what: &str, value: &str) -> String {
    format!("อ่าน{what}จากข้อความของรายงาน: \"{}\" ตรวจกับต้นฉบับ", text::cut_whole_characters(value, 120))
}

/// Lines → Markdown: numbered items and bullets as lists, other lines as paragraphs.
fn markdown<'a>(lines: impl Iterator<Item = &'a Line>) -> String {
    let mut out = String::new();
    let mut prev_item = false;
    for l in lines {
        if l.text.is_empty() {
            continue;
        }
        let t = l.text.replace('<', "&lt;");
        let (rest, item) = strip_item(&t);
        let ordered = item && t.starts_with(|c: char| c.is_ascii_digit());
        let line = if ordered {
            t.clone()
        } else if item
            && !t.starts_with(|c: char| c.is_ascii_digit() || c == '(' || text::thai_digit_value(c).is_some())
        {
            format!("- {rest}")
        } else if t.starts_with('#') {
            format!("\\{t}")
        } else {
            t.clone()
        };
        let is_list = ordered || line.starts_with("- ");
        if !(out.is_empty() || is_list && prev_item) {
            out.push('\n');
        }
        out.push_str(&line);
        out.push('\n');
        prev_item = is_list;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn attendee_lines_and_totals() {
        assert_eq!(
            role_and_count("สมาชิกสภาองค์การบริหารส่วนตำบล 3 คน"),
            ("สมาชิกสภาองค์การบริหารส่วนตำบล".into(), Some(3))
        );
        assert_eq!(role_and_count("ประชาชน จำนวน ๓๐ คน"), ("ประชาชน".into(), Some(30)));
        assert_eq!(role_and_count("ผู้ใหญ่บ้านหมู่ที่ 1 – 12"), ("ผู้ใหญ่บ้านหมู่ที่ 1 – 12".into(), None));
        assert_eq!(declared_total("มีผู้เข้าร่วมโครงการ/การประชุม จำนนวน 19 คน ได้แก่"), Some(19));
        assert_eq!(declared_total("มีผู้เข้าร่วมประชุม 48 คน"), Some(48));
        // A count inside the list is a role's; the sum said as one is the total.
        assert_eq!(
            declared_total("มีผู้เข้าร่วมประชุมประกอบด้วย ผู้ใหญ่บ้าน 12 คน อสม. 42 คน รวมทั้งสิ้น ๑๒๕ คน"),
            Some(125)
        );
        assert_eq!(declared_total("มีผู้เข้าร่วมประกอบด้วย กำนัน ผู้ใหญ่บ้าน 9 คน ประชาชน 40 คน"), None);
        assert_eq!(declared_total("ประกอบด้วย ผู้ใหญ่บ้าน จำนวน 12 คน สมาชิกสภา จำนวน 11 คน"), None);
        assert_eq!(declared_total("ประกอบด้วย ผู้ใหญ่บ้าน และประชาชน จำนวน 80 คน"), Some(80));
        assert_eq!(declared_total("ผู้เข้าร่วมประชุม ได้แก่ ผู้ใหญ่บ้าน / ประชาชน จำนวน 156 คน"), Some(156));
        assert_eq!(strip_item("3) สมาชิก"), ("สมาชิก", true));
        assert_eq!(strip_item("(2) ก"), ("ก", true));
        assert_eq!(strip_item("1.5 ผล"), ("ผล", true));
        assert_eq!(strip_item("- ข"), ("ข", true));
    }

    #[test]
    fn headings_in_any_numbering() {
        assert_eq!(heading_kind("1.5 ผลการจากการมีส่วนร่วม"), Some(Sec::Results));
        assert_eq!(heading_kind("1.6 การนำผลของการมีส่วนร่วมไปปรับปรุงพัฒนาการดำเนินงาน"), Some(Sec::Usage));
        assert_eq!(heading_kind("1.3 ประเด็น/เรื่องในการมีส่วนร่วม"), Some(Sec::Topics));
        assert_eq!(heading_kind("1.4 สรุปข้อมูลของผู้มีส่วนร่วม"), Some(Sec::Attendees));
        assert_eq!(heading_kind("มีผู้เข้าร่วมโครงการ/การประชุม จำนนวน 19 คน ได้แก่"), None);
        assert_eq!(heading_kind("ผลการดำเนินการเพื่อเปิดโอกาสให้บุคคลภายนอกได้มีส่วนร่วม"), None);
        assert_eq!(heading_kind("1.7 ภาพกิจกรรม"), Some(Sec::Other));
    }

    #[test]
    fn dates_and_times_in_prose() {
        let start = |s: &str| all_dates(s).first().map(|d| (d.start.month(), d.start.day()));
        assert_eq!(start("ประชุม (เมื่อวันที่ 5 มีนาคม 2567) ณ ศาลา"), Some((3, 5)));
        assert_eq!(start("ประชุม เมื่อวันที่ 5 มีนาคม 2567, ณ ศาลา"), Some((3, 5)));
        assert_eq!(start("(ข่าว ณ วันที่ 10 กรกฎาคม 2567)"), Some((7, 10)));
        let d = all_dates("ปีงบประมาณ พ.ศ. 2567 วันที่ 20 ตุลาคม 2567 องค์การบริหารส่วนตำบลหนองกง");
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].start.year_be(), 2567);
        assert!(first_date("วันที่ 20 เดือนตุลาคม พ.ศ. 2566").is_some());
        // Ranges as reports write them, each a span with its end.
        for s in [
            "ระหว่างวันที่ 26 มีนาคม – 3 เมษายน พ.ศ.2567 ณ ศาลา",
            "โดยดำเนินการระหว่างวันที่ 27 – 30 พฤษภาคม 2567 โดยมี",
            "เมื่อวันที่ 20-22 ตุลาคม 2563 จำนวน 13 หมู่บ้าน",
            "ระหว่างวันที่ 26 มี.ค. - 3 เม.ย. 2567 ณ",
            "ระหว่างวันที่ ๒๖ มีนาคม ๒๕๖๗ ถึง ๓ เมษายน ๒๕๖๗",
        ] {
            let d = all_dates(s);
            assert!(d.len() == 1 && d[0].end.is_some(), "{s}: {d:?}");
        }
        assert_eq!(find_time("เวลา 09.30 น. ณ ห้อง"), Some(("09:30".into(), None)));
    }
}
