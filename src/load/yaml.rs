//! The one place that knows which YAML crate we use (serde_yaml).
//!
//! It hands the rest of the loader a small tree of its own ([`Yaml`]) and a way to find
//! where a value stands in the source ([`locate`]), so the YAML crate can be swapped here
//! alone. serde_yaml keeps no spans for values, so [`locate`] finds them again with an
//! indentation-aware scan of the block-style YAML that front matter is written in; for
//! anything it cannot follow (flow style) it falls back to the nearest parent it found.

mod explain;

pub use explain::{STRAY_FENCE, missing_space};

use crate::diagnostics::Code;
use std::fmt;

/// A parsed YAML value. Mapping keys keep their order and are always strings.
#[derive(Clone, Debug, PartialEq)]
pub enum Yaml {
    Null,
    Bool(bool),
    Int(i128),
    Float(f64),
    Str(String),
    Seq(Vec<Yaml>),
    Map(Vec<(String, Yaml)>),
}

impl Yaml {
    /// How a value is shown in a message: strings quoted, the rest by kind.
    pub fn describe(&self) -> String {
        match self {
            Yaml::Null => "ค่าว่าง".into(),
            Yaml::Bool(b) => b.to_string(),
            Yaml::Int(i) => i.to_string(),
            Yaml::Float(f) => f.to_string(),
            Yaml::Str(s) => {
                let short: String = s.chars().take(40).collect();
                if short.len() < s.len() { format!("\"{short}…\"") } else { format!("\"{short}\"") }
            }
            Yaml::Seq(_) => "รายการ".into(),
            Yaml::Map(_) => "กลุ่มข้อมูล".into(),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct YamlError {
    /// Which mistake: [`Code::YamlSyntax`] or one of the specific `yaml-*` codes.
    pub code: Code,
    /// In Thai, whole.
    pub message: String,
    /// The parser's own words (English), kept for `--format json`.
    pub detail: Option<String>,
    /// Byte offset into the YAML text, when the parser said where.
    pub offset: Option<usize>,
}

impl fmt::Display for YamlError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

/// One step of a path into the tree: `attendees[2].count`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Seg {
    Key(String),
    Index(usize),
}

pub fn path_string(path: &[Seg]) -> String {
    let mut s = String::new();
    for seg in path {
        match seg {
            Seg::Key(k) => {
                if !s.is_empty() {
                    s.push('.');
                }
                s.push_str(k);
            }
            Seg::Index(i) => s.push_str(&format!("[{i}]")),
        }
    }
    s
}

/// Deepest nesting of flow brackets let through to the YAML parser. serde_yaml refuses
/// more than 128 levels anyway, but only after its scanner (libyaml) has read them, and
/// that scanner is quadratic in the depth: 100,000 `[` take minutes.
const MAX_FLOW_DEPTH: usize = 512;

/// Where the brackets `[` `{` open deeper than `max` (counted without regard to quotes,
/// so it can only over-count, and no real front matter comes near the limit).
fn too_deep(text: &str, max: usize) -> Option<usize> {
    let mut depth = 0usize;
    for (i, b) in text.bytes().enumerate() {
        match b {
            b'[' | b'{' => {
                depth += 1;
                if depth > max {
                    return Some(i);
                }
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    None
}

pub fn parse(text: &str) -> Result<Yaml, YamlError> {
    if let Some(offset) = too_deep(text, MAX_FLOW_DEPTH) {
        return Err(YamlError {
            code: Code::YamlSyntax,
            message: format!(
                "YAML ไม่ถูกต้อง: วงเล็บ [ หรือ {{ ซ้อนกันเกิน {MAX_FLOW_DEPTH} ชั้น (ข้อมูลซ้อนลึกหรือขยายซ้ำมากเกินไป)"
            ),
            offset: Some(offset),
            detail: None,
        });
    }
    // serde_yaml refuses alias bombs and deep nesting itself (recursion and repetition
    // limits), so hostile input comes back as an error, not a hang.
    match serde_yaml::from_str::<serde_yaml::Value>(text) {
        Ok(v) => Ok(convert(v)),
        Err(e) => Err(explain::explain(text, &e.to_string(), e.location().map(|l| l.index()))),
    }
}

fn convert(v: serde_yaml::Value) -> Yaml {
    use serde_yaml::Value as V;
    match v {
        V::Null => Yaml::Null,
        V::Bool(b) => Yaml::Bool(b),
        V::Number(n) => {
            if let Some(i) = n.as_i64() {
                Yaml::Int(i as i128)
            } else if let Some(u) = n.as_u64() {
                Yaml::Int(u as i128)
            } else {
                Yaml::Float(n.as_f64().unwrap_or(f64::NAN))
            }
        }
        V::String(s) => Yaml::Str(s),
        V::Sequence(items) => Yaml::Seq(items.into_iter().map(convert).collect()),
        V::Mapping(m) => Yaml::Map(m.into_iter().map(|(k, v)| (key_string(k), convert(v))).collect()),
        V::Tagged(t) => convert(t.value),
    }
}

fn key_string(k: serde_yaml::Value) -> String {
    match convert(k) {
        Yaml::Str(s) => s,
        Yaml::Int(i) => i.to_string(),
        Yaml::Float(f) => f.to_string(),
        Yaml::Bool(b) => b.to_string(),
        Yaml::Null => "null".into(),
        other => other.describe(),
    }
}

// ---- locating a path in the source ---------------------------------------------------

struct Line<'a> {
    start: usize,
    indent: usize,
    text: &'a str, // the line without its indent and line ending
}

fn significant_lines(text: &str) -> Vec<Line<'_>> {
    let mut out = Vec::new();
    let mut start = 0;
    for raw in text.split_inclusive('\n') {
        let line = raw.trim_end_matches(['\n', '\r']);
        let indent = line.len() - line.trim_start_matches(' ').len();
        let rest = &line[indent..];
        if !rest.trim().is_empty() && !rest.trim_start().starts_with('#') {
            out.push(Line { start, indent, text: rest });
        }
        start += raw.len();
    }
    out
}

/// A block to search: lines `from..to` whose entries sit at column `col` (after any
/// `- ` markers).
#[derive(Clone, Copy)]
struct Block {
    from: usize,
    to: usize,
    col: usize,
}

/// Byte offset in `text` of the value at `path`, or of its nearest parent found.
pub fn locate(text: &str, path: &[Seg]) -> usize {
    let lines = significant_lines(text);
    find(text, &lines, path, false).0
}

/// Like [`locate`], but for a path ending in a key, the offset of the key itself.
pub fn locate_key(text: &str, path: &[Seg]) -> usize {
    let lines = significant_lines(text);
    find(text, &lines, path, true).0
}

/// Byte offsets of the items of the block sequence at `path`, in order, found in one
/// pass (locating items one by one would be quadratic in a long list). Empty when the
/// scan cannot follow the YAML there (flow style).
pub fn locate_items(text: &str, path: &[Seg]) -> Vec<usize> {
    let lines = significant_lines(text);
    match find(text, &lines, path, false).1 {
        Some(block) if block.col != usize::MAX => (block.from..block.to)
            .filter(|&j| lines[j].indent == block.col && lines[j].text.starts_with('-'))
            .map(|j| (lines[j].start + content_col(&lines, j).0).min(text.len()))
            .collect(),
        _ => Vec::new(),
    }
}

/// The text of the plain scalar at `path` as written in the source: `9.30` where YAML
/// reads the number 9.3, `09.00` where it reads 9. None when the path was not found in
/// block style or the value there is not a plain scalar on its line.
pub fn source_text<'a>(text: &'a str, path: &[Seg]) -> Option<&'a str> {
    let lines = significant_lines(text);
    let (off, block) = find(text, &lines, path, false);
    block?;
    let line = text.get(off..)?.lines().next()?;
    let value = match line.find(" #") {
        Some(i) => &line[..i],
        None => line,
    };
    let value = value.trim_end_matches([' ', '\t', '\r']);
    if value.is_empty() || value.starts_with(['"', '\'', '[', '{', '|', '>', '&', '*', '!', '#']) {
        return None;
    }
    Some(value)
}

/// Each line may begin with "- " markers; the content column is after them.
fn content_col<'a>(lines: &[Line<'a>], i: usize) -> (usize, &'a str) {
    let mut col = lines[i].indent;
    let mut t = lines[i].text;
    while let Some(rest) = t.strip_prefix("- ").or_else(|| (t == "-").then_some("")) {
        let trimmed = rest.trim_start_matches(' ');
        col += 2 + (rest.len() - trimmed.len());
        t = trimmed;
    }
    (col, t)
}

/// The offset of `path` (or of its nearest parent found), and the block of the value at
/// `path` when the whole path was found.
fn find(text: &str, lines: &[Line], path: &[Seg], want_key: bool) -> (usize, Option<Block>) {
    if lines.is_empty() {
        return (0, None);
    }
    let mut block = Block { from: 0, to: lines.len(), col: lines[0].indent };
    let mut best = lines[0].start;
    for (depth, seg) in path.iter().enumerate() {
        match seg {
            Seg::Key(key) => {
                let mut found = None;
                for i in block.from..block.to {
                    let (col, t) = content_col(lines, i);
                    if col != block.col {
                        continue;
                    }
                    if let Some(after) = key_match(t, key) {
                        found = Some((i, col, t, after));
                        break;
                    }
                }
                let Some((i, col, t, after)) = found else { return (best, None) };
                if want_key && depth + 1 == path.len() {
                    return (lines[i].start + col, None);
                }
                let value_off = lines[i].start + col + (t.len() - after.trim_start().len());
                // The value's lines: deeper ones, or a "- " sequence at the key's own column.
                let end = (i + 1..block.to)
                    .find(|&j| {
                        !(lines[j].indent > col || (lines[j].indent == col && lines[j].text.starts_with('-')))
                    })
                    .unwrap_or(block.to);
                let inline = !after.trim().is_empty() && !after.trim_start().starts_with('#');
                if inline || i + 1 >= end {
                    best = value_off.min(text.len());
                    block = Block { from: i, to: i, col: usize::MAX };
                } else {
                    best = lines[i + 1].start + lines[i + 1].indent;
                    block = Block { from: i + 1, to: end, col: lines[i + 1].indent };
                }
            }
            Seg::Index(n) => {
                // Items of a block sequence are the lines at the block's column starting with "-".
                let items: Vec<usize> = (block.from..block.to)
                    .filter(|&j| lines[j].indent == block.col && lines[j].text.starts_with('-'))
                    .collect();
                let Some(&i) = items.get(*n) else { return (best, None) };
                let end = items.get(n + 1).copied().unwrap_or(block.to);
                let (col, _) = content_col(lines, i);
                let off = lines[i].start + col;
                best = off.min(text.len());
                // Inside the item, entries sit after the "- " marker.
                block = Block { from: i, to: end, col };
            }
        }
    }
    (best, Some(block))
}

/// If `t` is `key: ...` (key plain or quoted), the text after the colon.
fn key_match<'a>(t: &'a str, key: &str) -> Option<&'a str> {
    for quote in ["", "\"", "'"] {
        let candidate = format!("{quote}{key}{quote}");
        if let Some(rest) = t.strip_prefix(candidate.as_str()) {
            let rest = rest.trim_start_matches(' ');
            if let Some(after) = rest.strip_prefix(':')
                && (after.is_empty() || after.starts_with([' ', '\t']))
            {
                return Some(after);
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str, path: &[Seg]) -> String {
        let off = locate(text, path);
        text[off..].lines().next().unwrap_or("").to_string()
    }

    fn k(s: &str) -> Seg {
        Seg::Key(s.into())
    }

    const DOC: &str = "title: ประชุม\ndate: 2566-10-20\n# comment\nattendees:\n  - role: นายก\n    count: 1\n  - role: รองนายก\n    count: สี่\ntopics:\n- a\n- b\nattendees_total: 19\n";

    #[test]
    fn a_number_too_large_says_so() {
        let e = parse("count: 99999999999999999999999\n").unwrap_err();
        assert!(e.message.contains("ตัวเลขใหญ่เกินไป"), "{}", e.message);
        assert_eq!(
            parse("count: 18446744073709551615\n").unwrap(),
            Yaml::Map(vec![("count".into(), Yaml::Int(u64::MAX as i128))])
        );
    }

    #[test]
    fn finds_nested_values() {
        assert_eq!(at(DOC, &[k("date")]), "2566-10-20");
        assert_eq!(at(DOC, &[k("attendees"), Seg::Index(1), k("count")]), "สี่");
        assert_eq!(at(DOC, &[k("attendees"), Seg::Index(1), k("role")]), "รองนายก");
        assert_eq!(at(DOC, &[k("attendees"), Seg::Index(0)]), "role: นายก");
        assert_eq!(at(DOC, &[k("topics"), Seg::Index(1)]), "b");
        assert_eq!(at(DOC, &[k("attendees_total")]), "19");
        let off = locate_key(DOC, &[k("attendees"), Seg::Index(1), k("count")]);
        assert!(DOC[off..].starts_with("count: สี่"));
        let items: Vec<&str> =
            locate_items(DOC, &[k("attendees")]).iter().map(|&o| DOC[o..].lines().next().unwrap()).collect();
        assert_eq!(items, ["role: นายก", "role: รองนายก"]);
        let topics: Vec<&str> =
            locate_items(DOC, &[k("topics")]).iter().map(|&o| DOC[o..].lines().next().unwrap()).collect();
        assert_eq!(topics, ["a", "b"]);
        assert!(locate_items("a: [1, 2]\n", &[k("a")]).is_empty());
    }

    #[test]
    fn source_text_is_the_scalar_as_written() {
        let doc = "title: t\ntime: 9.30\nstart: 09.00 # a comment\nq: \"09:30\"\nlist:\n  - n: 13:30\n";
        assert_eq!(source_text(doc, &[k("time")]), Some("9.30"));
        assert_eq!(source_text(doc, &[k("start")]), Some("09.00"));
        assert_eq!(source_text(doc, &[k("q")]), None);
        assert_eq!(source_text(doc, &[k("list"), Seg::Index(0), k("n")]), Some("13:30"));
        assert_eq!(source_text(doc, &[k("missing")]), None);
        assert_eq!(source_text("a: {time: 9.30}\n", &[k("a"), k("time")]), None);
    }

    #[test]
    fn falls_back_to_parent() {
        assert_eq!(at(DOC, &[k("attendees"), Seg::Index(9), k("count")]), "- role: นายก");
        assert_eq!(at("a: [1, 2]\n", &[k("a"), Seg::Index(1)]), "[1, 2]");
        assert_eq!(locate("", &[k("a")]), 0);
    }

    #[test]
    fn parse_errors_carry_an_offset() {
        let e = parse("title: a\ndate: [\n").unwrap_err();
        assert!(e.message.starts_with("YAML ไม่ถูกต้อง"), "{e}");
        assert!(e.offset.is_some());
    }

    #[test]
    fn deep_flow_nesting_is_an_error_not_a_hang() {
        let deep = format!("a: {}x{}\n", "[".repeat(100_000), "]".repeat(100_000));
        let e = parse(&deep).unwrap_err();
        assert_eq!(e.offset, Some(3 + MAX_FLOW_DEPTH));
        assert!(parse(&format!("a: {}x{}\n", "[".repeat(100), "]".repeat(100))).is_ok());
    }

    #[test]
    fn alias_bomb_is_an_error_not_a_hang() {
        let mut s = String::from("a: &a [x, x, x, x, x, x, x, x, x]\n");
        for i in 0..12 {
            let prev = if i == 0 { "a".to_string() } else { format!("l{}", i - 1) };
            s.push_str(&format!(
                "l{i}: &l{i} [*{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}]\n"
            ));
        }
        assert!(parse(&s).is_err());
    }
}
