//! Checking a document held in memory (the editor's form) exactly as `load` checks the
//! file it would be: the same parsing, the same codes and messages, no disk.

use super::config::{self, CONFIG_FILE, Config};
use super::disclosure::{self, Disclosure};
use super::frontmatter;
use super::meeting::{self, Meeting};
use super::schema::{DISCLOSURE, DocKind, MEETING, SITE};
use super::source::MAX_FILE_BYTES;
use super::yaml::{self, Seg, Yaml};
use crate::diagnostics::{Code, Diagnostics, Pos, line_col};

/// A document read by [`check_text`].
#[derive(Clone, Debug, PartialEq)]
pub enum Doc {
    // Boxed: a meeting is twice the size of the others.
    Meeting(Box<Meeting>),
    Disclosure(Disclosure),
    Config(Config),
}

/// The kind of the document `text` at `source` (a path from the site root, `/`-separated)
/// is, as `load` tells them apart: `site.yaml`, else a disclosure page when its front
/// matter has `ita_item:`, else a meeting.
pub fn kind_of(source: &str, text: &str) -> &'static DocKind {
    if source == CONFIG_FILE {
        &SITE
    } else if disclosure::is_disclosure(text.strip_prefix('\u{feff}').unwrap_or(text)) {
        &DISCLOSURE
    } else {
        &MEETING
    }
}

/// Reads `text` as a document of `kind` whose file would be `source` (a path from the
/// site root, `/`-separated; a meeting's default slug comes from its file name), with
/// every problem `load` would report for that file, sorted as `check` shows them. What
/// needs the disk is left out: the attachments' files ([`look_at_attachments`](crate::load::look_at_attachments))
/// and the checks across files made after loading (the model's).
pub fn check_text(kind: &DocKind, source: &str, text: &str) -> (Option<Doc>, Diagnostics) {
    let mut diags = Diagnostics::new();
    if text.len() as u64 > MAX_FILE_BYTES {
        diags.error(
            Code::TooLarge,
            source,
            Pos::default(),
            format!("ไฟล์ใหญ่เกินไป ({} MB) รับได้ไม่เกิน {} MB", text.len() >> 20, MAX_FILE_BYTES >> 20),
        );
        return (None, diags);
    }
    // As `decode` does: a BOM is not text.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let doc = if kind.id == SITE.id {
        config::parse(text, None, &mut diags).map(Doc::Config)
    } else if kind.id == DISCLOSURE.id {
        disclosure::parse(source, text, &mut diags).map(Doc::Disclosure)
    } else {
        let name = source.rsplit('/').next().unwrap_or(source);
        meeting::parse(source, name, text, &mut diags).map(|m| Doc::Meeting(Box::new(m)))
    };
    let mut sorted = Diagnostics::new();
    sorted.extend_from_slice(&diags.sorted());
    (doc, sorted)
}

/// Where each value of the document `text` of `kind` stands: its path as messages write
/// it (`date`, `attendees[2].count`, `ita_headings.results`) and the line of the file its
/// key (or list item) is on, in the file's order. For placing a diagnostic at the form
/// field it concerns: the field of a diagnostic's line is the last one that starts on or
/// before it. Empty when the front matter cannot be read.
pub fn field_lines(kind: &DocKind, text: &str) -> Vec<(String, usize)> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let (src, offset) = if kind.id == SITE.id {
        (text, 0)
    } else {
        match frontmatter::split(text) {
            Ok(split) => (split.yaml, split.yaml_offset),
            Err(_) => return Vec::new(),
        }
    };
    let Ok(root) = yaml::parse(src) else { return Vec::new() };
    fn walk(v: &Yaml, path: &mut Vec<Seg>, out: &mut Vec<Vec<Seg>>) {
        let children: Vec<(Seg, &Yaml)> = match v {
            Yaml::Map(m) => m.iter().map(|(k, v)| (Seg::Key(k.clone()), v)).collect(),
            Yaml::Seq(items) => items.iter().enumerate().map(|(i, v)| (Seg::Index(i), v)).collect(),
            _ => return,
        };
        for (seg, child) in children {
            path.push(seg);
            out.push(path.clone());
            walk(child, path, out);
            path.pop();
        }
    }
    let mut paths = Vec::new();
    walk(&root, &mut Vec::new(), &mut paths);
    let mut out: Vec<(String, usize)> = paths
        .iter()
        .map(|p| {
            let at = match p.last() {
                Some(Seg::Key(_)) => yaml::locate_key(src, p),
                _ => yaml::locate(src, p),
            };
            (yaml::path_string(p), line_col(text, offset + at).line)
        })
        .collect();
    out.sort_by_key(|&(_, line)| line);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::Severity;
    use crate::load::schema::{Field, FieldKind, KINDS};

    fn codes(d: &Diagnostics) -> Vec<&'static str> {
        d.sorted().iter().map(|x| x.code.id()).collect()
    }

    #[test]
    fn each_kind_is_checked_as_load_checks_its_file() {
        let text = "\u{feff}---\ntitle: ประชุม\ndate: 2566-10-20\nvenu: ห้อง\n---\nbody\n";
        assert_eq!(kind_of("content/2567/a.md", text).id, "meeting");
        let (doc, d) = check_text(&MEETING, "content/2567/2566-10-20-a.md", text);
        let Some(Doc::Meeting(m)) = doc else { panic!("{doc:?}") };
        assert_eq!((m.slug.as_str(), m.fiscal_year), ("a", 2567));
        assert_eq!(codes(&d), ["PS0120", "PS0105"]);
        assert_eq!((d.sorted()[1].line, d.sorted()[1].column), (4, 1));

        let page = "---\ntitle: โครงสร้าง\nita_item: o1\n---\n";
        assert_eq!(kind_of("content/2569/ita/o1.md", page).id, "disclosure");
        let (doc, d) = check_text(&DISCLOSURE, "content/2569/ita/o1.md", page);
        assert!(matches!(doc, Some(Doc::Disclosure(p)) if p.code == "O1" && p.fiscal_year == Some(2569)));
        assert!(d.is_empty());

        assert_eq!(kind_of("site.yaml", "title: t\n").id, "site");
        let (doc, d) = check_text(&SITE, "site.yaml", "title: t\nnumerals: roman\n");
        assert!(matches!(doc, Some(Doc::Config(_))));
        let mut c = codes(&d);
        c.sort();
        assert_eq!(c, ["PS0107", "PS0602", "PS0603"]);
    }

    /// A value of each kind that reads without an error (`kind_id`: the document's, for
    /// a fiscal year that agrees with the rest).
    fn good(kind_id: &str, fl: &Field) -> String {
        let map = |fields: &[Field]| {
            let inner: Vec<String> =
                fields.iter().map(|f| format!("{}: {}", f.key, good(kind_id, f))).collect();
            format!("{{{}}}", inner.join(", "))
        };
        match fl.kind {
            FieldKind::Text | FieldKind::LongText if !fl.example.is_empty() => fl.example.into(),
            FieldKind::Text | FieldKind::LongText => "ข้อความ".into(),
            FieldKind::Date if fl.key == "date_end" => "2566-10-21".into(),
            FieldKind::Date => "2566-10-20".into(),
            FieldKind::Time => "09.30".into(),
            FieldKind::Integer => "1".into(),
            FieldKind::Bool => "false".into(),
            FieldKind::Slug => "a-b".into(),
            FieldKind::FiscalYear if kind_id == "meeting" => "2567".into(),
            FieldKind::FiscalYear => "2569".into(),
            FieldKind::TextList => "[ข้อความ]".into(),
            FieldKind::Attachments => "[files/a.pdf]".into(),
            FieldKind::Url => "'https://www.example.go.th/'".into(),
            FieldKind::ItaItem => "O1".into(),
            FieldKind::Choice(options) => options[0].0.into(),
            FieldKind::Attendees | FieldKind::Links | FieldKind::Rows(_) => {
                format!("[{}]", map(fl.kind.fields().unwrap()))
            }
            FieldKind::Group(fields) => map(fields),
            FieldKind::ByYear(fields) => format!("{{2568: {}}}", map(fields)),
        }
    }

    /// The document of `kind` with `fields` (key, value) as its front matter or settings.
    fn doc(kind: &DocKind, fields: &[(&str, String)]) -> String {
        let yaml: String = fields.iter().map(|(k, v)| format!("{k}: {v}\n")).collect();
        if kind.id == "site" { yaml } else { format!("---\n{yaml}---\n") }
    }

    fn source(kind: &DocKind) -> &'static str {
        match kind.id {
            "site" => "site.yaml",
            "disclosure" => "content/2569/ita/o1.md",
            _ => "content/2567/2566-10-20-a.md",
        }
    }

    /// Messages of `check_text`, other than unknown keys, that begin with `path`.
    fn at(kind: &DocKind, text: &str, path: &str) -> Vec<String> {
        let (_, d) = check_text(kind, source(kind), text);
        d.sorted()
            .into_iter()
            .filter(|x| x.code != Code::UnknownKey)
            .filter(|x| x.message.strip_prefix(path).is_some_and(|rest| rest.starts_with([':', '.', '['])))
            .map(|x| x.to_string())
            .collect()
    }

    #[test]
    fn each_value_is_placed_at_its_line() {
        let text = "\u{feff}---\ntitle: ประชุม\ndate: 2566-10-20\nattendees:\n  - role: นายก\n    count: 1\n  - role: ประชาชน\n    count: 18\nattendees_total: 20\n---\nbody\n";
        let lines = field_lines(&MEETING, text);
        let at = |p: &str| lines.iter().find(|(q, _)| q == p).map(|&(_, l)| l);
        assert_eq!(at("title"), Some(2));
        assert_eq!(at("attendees"), Some(4));
        assert_eq!(at("attendees[1]"), Some(7));
        assert_eq!(at("attendees[1].count"), Some(8));
        assert_eq!(at("attendees_total"), Some(9));
        // The total's warning (PS0303) is at the total's line.
        let (_, d) = check_text(&MEETING, "content/2567/a.md", text);
        let total = d.sorted().into_iter().find(|x| x.code == Code::TotalMismatch).unwrap();
        assert_eq!(Some(total.line), at("attendees_total"));
        let site = field_lines(&SITE, "title: t\nita_headings:\n  results: [ผล]\n");
        assert_eq!(
            site,
            [
                ("title".to_string(), 1),
                ("ita_headings".into(), 2),
                ("ita_headings.results".into(), 3),
                ("ita_headings.results[0]".into(), 3)
            ]
        );
        assert!(field_lines(&MEETING, "no front matter").is_empty());
    }

    #[test]
    fn every_declared_field_is_read_and_no_other() {
        for kind in KINDS {
            let all: Vec<(&str, String)> = kind.fields.iter().map(|f| (f.key, good(kind.id, f))).collect();
            let text = doc(kind, &all);
            let (doc_read, d) = check_text(kind, source(kind), &text);
            assert!(doc_read.is_some(), "{}: {text}", kind.id);
            assert!(
                d.sorted().iter().all(|x| x.severity != Severity::Error && x.code != Code::UnknownKey),
                "{}: every field given: {:?}\n{text}",
                kind.id,
                d.sorted()
            );
            // A value of the wrong shape in each field is reported at it: the field is read.
            for (i, fl) in kind.fields.iter().enumerate() {
                let bad = match fl.kind {
                    FieldKind::Group(_) | FieldKind::ByYear(_) => "[1]",
                    _ => "{zz: 1}",
                };
                let mut fields = all.clone();
                fields[i].1 = bad.into();
                let text = doc(kind, &fields);
                assert!(!at(kind, &text, fl.key).is_empty(), "{}.{} is not read:\n{text}", kind.id, fl.key);
                // And so is each field inside it (the others of its row as read well).
                let Some(inner) = fl.kind.fields() else { continue };
                for (j, g) in inner.iter().enumerate() {
                    let row: Vec<String> = inner
                        .iter()
                        .enumerate()
                        .map(|(n, h)| {
                            format!("{}: {}", h.key, if n == j { "{zz: 1}".into() } else { good(kind.id, h) })
                        })
                        .collect();
                    let row = format!("{{{}}}", row.join(", "));
                    let (value, path) = match fl.kind {
                        FieldKind::Group(_) => (row, format!("{}.{}", fl.key, g.key)),
                        FieldKind::ByYear(_) => {
                            (format!("{{2568: {row}}}"), format!("{}.2568.{}", fl.key, g.key))
                        }
                        _ => (format!("[{row}]"), format!("{}[0].{}", fl.key, g.key)),
                    };
                    let mut fields = all.clone();
                    fields[i].1 = value;
                    let text = doc(kind, &fields);
                    assert!(!at(kind, &text, &path).is_empty(), "{}.{path} is not read:\n{text}", kind.id);
                }
            }
            // A key the declaration lacks is PS0105, with the nearest declared key.
            let mut fields = all.clone();
            fields.push(("titlee", "x".into()));
            let (_, d) = check_text(kind, source(kind), &doc(kind, &fields));
            let unknown: Vec<_> = d.sorted().into_iter().filter(|x| x.code == Code::UnknownKey).collect();
            assert_eq!(unknown.len(), 1, "{}: {unknown:?}", kind.id);
            assert!(unknown[0].message.contains("หมายถึง \"title\" หรือไม่"), "{}", unknown[0]);
        }
    }

    #[test]
    fn a_required_field_missing_is_named_by_its_thai_label() {
        for kind in KINDS {
            // The required fields alone are enough.
            let required: Vec<(&str, String)> =
                kind.fields.iter().filter(|f| f.required).map(|f| (f.key, good(kind.id, f))).collect();
            let (read, d) = check_text(kind, source(kind), &doc(kind, &required));
            assert!(read.is_some() && !d.has_errors(), "{}: {:?}", kind.id, d.sorted());
            for (i, fl) in kind.fields.iter().enumerate().filter(|(_, f)| f.required) {
                let fields: Vec<(&str, String)> = kind
                    .fields
                    .iter()
                    .enumerate()
                    .filter(|&(n, _)| n != i)
                    .map(|(_, f)| (f.key, good(kind.id, f)))
                    .collect();
                let (_, d) = check_text(kind, source(kind), &doc(kind, &fields));
                let want = format!("ขาด {} ({}) ซึ่งต้องมี", fl.key, fl.label);
                assert!(
                    d.sorted().iter().any(|x| x.code == Code::MissingField && x.message == want),
                    "{}.{}: {:?}",
                    kind.id,
                    fl.key,
                    d.sorted()
                );
            }
        }
    }
}
