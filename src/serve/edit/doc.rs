//! A document's text and the form's values, both ways. Reading gives each declared field
//! its value as the form shows it; writing changes only the lines of the keys whose value
//! the person changed, so comments, order, quoting, line endings and the BOM of the rest
//! of the file stay byte for byte, and a diff shows only the edit.

use crate::load::schema::{Field, FieldKind};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// A field's value in the form.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Value {
    Bool(bool),
    Text(String),
    List(Vec<String>),
    Rows(Vec<BTreeMap<String, String>>),
    /// Rows whose cells are lists or ticks too (`role_groups`: a name, its roles, external).
    Records(Vec<BTreeMap<String, Value>>),
    /// A nested map of fields (`ita_headings`).
    Group(BTreeMap<String, Value>),
}

/// What the form sends: the fields' values and the body. A field or a body not sent is
/// left as the file has it.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct FormData {
    #[serde(default)]
    pub fields: BTreeMap<String, Value>,
    #[serde(default)]
    pub body: Option<String>,
}

/// A file's text taken apart: BOM, line ending, lines (each with its ending).
pub struct Source {
    pub bom: bool,
    pub eol: &'static str,
    lines: Vec<String>,
    /// Index of the first line of YAML: 1 after a `---` line, 0 in a YAML file.
    open: usize,
    /// Index of the closing `---` line, when the front matter is whole (the number of
    /// lines in a YAML file, which has no body).
    close: Option<usize>,
    /// A YAML file (`site.yaml`), not a document with front matter.
    yaml_file: bool,
}

/// One top-level key of the front matter: its lines `start..end` (comment lines at the
/// left margin and blank lines after it are not its own).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Block {
    pub key: String,
    pub start: usize,
    pub end: usize,
}

impl Source {
    pub fn parse(text: &str) -> Source {
        let (bom, text) = match text.strip_prefix('\u{feff}') {
            Some(t) => (true, t),
            None => (false, text),
        };
        let eol = match text.find('\n') {
            Some(i) if i > 0 && text.as_bytes()[i - 1] == b'\r' => "\r\n",
            _ => "\n",
        };
        let lines: Vec<String> = text.split_inclusive('\n').map(str::to_string).collect();
        let fence = |l: &str| l.trim_end_matches(['\r', '\n']).trim_end_matches([' ', '\t']) == "---";
        let close = if lines.first().is_some_and(|l| fence(l)) {
            lines.iter().enumerate().skip(1).find(|(_, l)| fence(l)).map(|(i, _)| i)
        } else {
            None
        };
        Source { bom, eol, lines, open: 1, close, yaml_file: false }
    }

    /// A YAML file (`site.yaml`): all of it is the map of keys, there is no body.
    pub fn parse_yaml(text: &str) -> Source {
        let mut s = Source::parse(text);
        s.open = 0;
        s.yaml_file = true;
        s.close = Some(s.lines.len());
        s
    }

    pub fn text(&self) -> String {
        let mut s = String::with_capacity(self.lines.iter().map(String::len).sum::<usize>() + 3);
        if self.bom {
            s.push('\u{feff}');
        }
        for l in &self.lines {
            s.push_str(l);
        }
        s
    }

    /// The front matter's top-level keys, in the file's order: each runs to the next key
    /// at the left margin, less the blank and margin-comment lines before it.
    pub fn blocks(&self) -> Vec<Block> {
        let Some(close) = self.close else { return Vec::new() };
        let mut out: Vec<Block> = Vec::new();
        for i in self.open..close {
            if let Some(k) = top_key(self.lines[i].trim_end_matches(['\r', '\n'])) {
                if let Some(b) = out.last_mut() {
                    b.end = i;
                }
                out.push(Block { key: k.to_string(), start: i, end: close });
            }
        }
        for b in &mut out {
            b.end = last_content_line(&self.lines, b.start, b.end);
        }
        out
    }

    /// The front matter's YAML (for reading values) and the body.
    fn parts(&self) -> (String, String) {
        let Some(close) = self.close else { return (String::new(), self.lines.concat()) };
        if self.yaml_file {
            return (self.lines.concat(), String::new());
        }
        (self.lines[1..close].concat(), self.lines[close + 1..].concat())
    }

    /// Each declared field's value as the form shows it, and the body.
    pub fn form(&self, fields: &[Field]) -> FormData {
        let (yaml, body) = self.parts();
        let map: serde_yaml::Mapping = serde_yaml::from_str(&yaml).unwrap_or_default();
        let body = (!self.yaml_file).then(|| body.replace("\r\n", "\n"));
        let mut out = FormData { body, ..Default::default() };
        for f in fields {
            let v = map.get(f.key);
            out.fields.insert(f.key.to_string(), read_value(f, v));
        }
        out
    }

    /// The text with `form` applied: the lines of each key whose value differs from the
    /// file's are replaced, keys the file lacks are added before the closing `---`, the body
    /// replaced if it changed. New lines take the file's line ending.
    pub fn apply(&mut self, fields: &[Field], form: &FormData) {
        let Some(_) = self.close else { return };
        let old = self.form(fields);
        let eol = self.eol;
        let blocks = self.blocks();
        let mut edits: Vec<(usize, usize, Vec<String>)> = Vec::new();
        let mut missing = Vec::new();
        for f in fields {
            let Some(new) = form.fields.get(f.key) else { continue };
            // Empty both ways (an empty table arrives as an empty list) is no change.
            let was = old.fields.get(f.key);
            if was == Some(new) || (was.is_none_or(is_empty) && is_empty(new)) {
                continue;
            }
            match blocks.iter().find(|b| b.key == f.key) {
                Some(b) => {
                    edits.push((b.start, b.end, render(f, new, Some(&self.lines[b.start..b.end]), eol)))
                }
                None if is_empty(new) => {}
                None => missing.push(render(f, new, None, eol)),
            }
        }
        // From the last block up, so that the line numbers of the others stay right.
        edits.sort_by_key(|e| std::cmp::Reverse(e.0));
        for (s, e, lines) in edits {
            self.lines.splice(s..e, lines);
        }
        self.close_index();
        if !missing.is_empty() {
            let close = self.close_index();
            let lines: Vec<String> = missing.into_iter().flatten().collect();
            self.lines.splice(close..close, lines);
        }
        let new_body = form.body.as_ref().filter(|_| !self.yaml_file).map(|b| b.replace("\r\n", "\n"));
        if let Some(new_body) = new_body
            && Some(&new_body) != old.body.as_ref()
        {
            let close = self.close_index();
            let body: Vec<String> = new_body
                .split_inclusive('\n')
                .map(|l| match l.strip_suffix('\n') {
                    Some(t) => format!("{t}{eol}"),
                    None => l.to_string(),
                })
                .collect();
            self.lines.truncate(close + 1);
            self.lines.extend(body);
        }
    }

    fn close_index(&mut self) -> usize {
        let text = self.lines.concat();
        let src = if self.yaml_file { Source::parse_yaml(&text) } else { Source::parse(&text) };
        self.close = src.close;
        src.close.unwrap_or(self.lines.len())
    }

    /// The 1-based line of the file on which each field's key, and each row of a list
    /// field, stands; for placing diagnostics at their field.
    pub fn places(&self) -> Vec<Place> {
        let mut out = Vec::new();
        for b in self.blocks() {
            out.push(Place { key: b.key.clone(), row: None, from: b.start + 1, to: b.end });
            let mut row = 0;
            let mut cur: Option<usize> = None;
            for i in b.start + 1..b.end {
                let t = self.lines[i].trim_start();
                if t.starts_with("- ") || t.trim_end() == "-" {
                    if let Some(s) = cur {
                        out.push(Place { key: b.key.clone(), row: Some(row - 1), from: s + 1, to: i });
                    }
                    cur = Some(i);
                    row += 1;
                }
            }
            if let Some(s) = cur {
                out.push(Place { key: b.key.clone(), row: Some(row - 1), from: s + 1, to: b.end });
            }
        }
        if let Some(c) = self.close.filter(|_| !self.yaml_file) {
            out.push(Place { key: "body".into(), row: None, from: c + 2, to: self.lines.len().max(c + 2) });
        }
        out
    }

    /// The field (and row) a 1-based line falls on: the narrowest place holding it.
    pub fn field_at(&self, line: usize) -> Option<(String, Option<usize>)> {
        self.places()
            .into_iter()
            .filter(|p| p.from <= line && line <= p.to)
            .min_by_key(|p| (p.to - p.from, p.row.is_none()))
            .map(|p| (p.key, p.row))
    }
}

#[derive(Debug, PartialEq, Eq)]
pub struct Place {
    pub key: String,
    pub row: Option<usize>,
    /// 1-based lines, both ends included.
    pub from: usize,
    pub to: usize,
}

fn last_content_line(lines: &[String], start: usize, upto: usize) -> usize {
    let mut end = upto;
    while end > start + 1 {
        let l = lines[end - 1].trim_end_matches(['\r', '\n']);
        if l.trim().is_empty() || l.starts_with('#') {
            end -= 1;
        } else {
            break;
        }
    }
    end
}

/// `key` of a line `key: …` at the left margin.
fn top_key(l: &str) -> Option<&str> {
    let n = l.bytes().take_while(|b| b.is_ascii_alphanumeric() || *b == b'_').count();
    (n > 0 && l.as_bytes()[0].is_ascii_alphabetic() && l[n..].starts_with(':')).then(|| &l[..n])
}

fn is_empty(v: &Value) -> bool {
    match v {
        Value::Bool(_) => false,
        Value::Text(s) => s.trim().is_empty(),
        Value::List(l) => l.iter().all(|s| s.trim().is_empty()),
        Value::Rows(r) => r.iter().all(|row| row.values().all(|s| s.trim().is_empty())),
        Value::Records(r) => r.iter().all(record_is_empty),
        Value::Group(g) => g.values().all(is_empty),
    }
}

/// A row of `role_groups` with nothing written in it (a tick alone names no group).
fn record_is_empty(r: &BTreeMap<String, Value>) -> bool {
    r.values().all(|v| matches!(v, Value::Bool(_)) || is_empty(v))
}

fn scalar_text(v: &serde_yaml::Value) -> String {
    match v {
        serde_yaml::Value::Null => String::new(),
        serde_yaml::Value::Bool(b) => b.to_string(),
        serde_yaml::Value::Number(n) => n.to_string(),
        serde_yaml::Value::String(s) => s.clone(),
        serde_yaml::Value::Sequence(s) => s.iter().map(scalar_text).collect::<Vec<_>>().join(", "),
        serde_yaml::Value::Mapping(_) | serde_yaml::Value::Tagged(_) => String::new(),
    }
}

fn read_value(f: &Field, v: Option<&serde_yaml::Value>) -> Value {
    match f.kind {
        FieldKind::Bool => Value::Bool(matches!(v, Some(serde_yaml::Value::Bool(true)))),
        FieldKind::TextList | FieldKind::Attachments => Value::List(match v {
            Some(serde_yaml::Value::Sequence(s)) => s.iter().map(scalar_text).collect(),
            Some(serde_yaml::Value::Null) | None => Vec::new(),
            Some(x) => vec![scalar_text(x)],
        }),
        // Rows with lists and ticks (`role_groups`) and a nested map (`ita_headings`): each
        // inner field read as its own kind.
        FieldKind::Rows(cols) => Value::Records(match v {
            Some(serde_yaml::Value::Sequence(s)) => s
                .iter()
                .map(|item| {
                    cols.iter().map(|c| (c.key.to_string(), read_value(c, item.get(c.key)))).collect()
                })
                .collect(),
            _ => Vec::new(),
        }),
        FieldKind::Group(cols) => Value::Group(
            cols.iter().map(|c| (c.key.to_string(), read_value(c, v.and_then(|v| v.get(c.key))))).collect(),
        ),
        // A map by fiscal year (`ita`): its YAML as text, to be edited as such.
        FieldKind::ByYear(_) => Value::Text(match v {
            None | Some(serde_yaml::Value::Null) => String::new(),
            Some(v) => serde_yaml::to_string(v).unwrap_or_default().trim_end().to_string(),
        }),
        k @ (FieldKind::Attendees | FieldKind::Links) => Value::Rows(match v {
            Some(serde_yaml::Value::Sequence(s)) => s
                .iter()
                .map(|item| {
                    k.fields()
                        .unwrap_or_default()
                        .iter()
                        .map(|c| {
                            let cell = item.get(c.key).map(scalar_text).unwrap_or_default();
                            (c.key.to_string(), cell)
                        })
                        .collect()
                })
                .collect(),
            _ => Vec::new(),
        }),
        _ => Value::Text(v.map(scalar_text).unwrap_or_default()),
    }
}

/// Where a `#` comment starts on a line of YAML (outside quotes), if it has one.
fn comment_at(l: &str) -> Option<usize> {
    let (mut single, mut double) = (false, false);
    let b = l.as_bytes();
    for (i, &c) in b.iter().enumerate() {
        match c {
            b'\'' if !double => single = !single,
            b'"' if !single && (i == 0 || b[i - 1] != b'\\') => double = !double,
            b'#' if !single && !double && (i == 0 || b[i - 1] == b' ' || b[i - 1] == b'\t') => {
                return Some(i);
            }
            _ => {}
        }
    }
    None
}

/// A scalar as YAML: plain when it reads back as the same text, else double-quoted.
pub fn yaml_scalar(s: &str, kind: FieldKind) -> String {
    let s = s.trim();
    let plain_ok = !s.is_empty()
        && !s.starts_with([
            '-', '?', ':', ',', '[', ']', '{', '}', '#', '&', '*', '!', '|', '>', '\'', '"', '%', '@', '`',
        ])
        && !s.contains(": ")
        && !s.contains(" #")
        && !s.ends_with(':')
        && !s.contains(['\n', '\r', '\t'])
        && !matches!(
            s.to_ascii_lowercase().as_str(),
            "true" | "false" | "yes" | "no" | "on" | "off" | "null" | "~" | "y" | "n"
        )
        && (matches!(kind, FieldKind::Integer | FieldKind::FiscalYear) || !looks_numeric(s));
    if plain_ok
        || (matches!(kind, FieldKind::Date)
            && !s.is_empty()
            && !s.contains(['"', '#', '\\'])
            && !s.contains(": "))
    {
        s.to_string()
    } else {
        format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
    }
}

/// Text YAML would read as a number or time (`09:30`, `1e3`, `0x1f`): quoted, so that
/// a text field stays text.
fn looks_numeric(s: &str) -> bool {
    s.parse::<f64>().is_ok()
        || s.starts_with("0x")
        || s.bytes().all(|b| b.is_ascii_digit() || b == b':' || b == b'.')
}

/// The lines of one key with its new value. `old`: the key's lines in the file, whose
/// comment on the key line (at its column) and comment lines under the key are kept.
fn render(f: &Field, v: &Value, old: Option<&[String]>, eol: &str) -> Vec<String> {
    let key = f.key;
    let first = old.and_then(|o| o.first()).map(|l| l.trim_end_matches(['\r', '\n']).to_string());
    let comment =
        first.as_deref().and_then(|l| comment_at(l).map(|i| (l[..i].chars().count(), l[i..].to_string())));
    let kept_comments: Vec<String> = old
        .map(|o| o.iter().skip(1).filter(|l| l.trim_start().starts_with('#')).cloned().collect())
        .unwrap_or_default();
    let with_comment = |head: String| -> String {
        match &comment {
            Some((col, c)) => {
                let width = head.chars().count();
                let pad = if width < *col { " ".repeat(col - width) } else { " ".into() };
                format!("{head}{pad}{c}{eol}")
            }
            None => format!("{head}{eol}"),
        }
    };
    let mut out = Vec::new();
    if let (FieldKind::Rows(cols), Value::Records(rows)) = (f.kind, v) {
        let rows: Vec<_> = rows.iter().filter(|r| !record_is_empty(r)).collect();
        if rows.is_empty() {
            out.push(with_comment(format!("{key}: []")));
            return out;
        }
        out.push(with_comment(format!("{key}:")));
        out.extend(kept_comments.iter().cloned());
        for r in rows {
            let mut lead = "  - ";
            for c in cols {
                let lines = match r.get(c.key) {
                    Some(Value::Bool(true)) => vec![format!("{lead}{}: true{eol}", c.key)],
                    Some(Value::List(items)) => {
                        let items: Vec<&String> = items.iter().filter(|s| !s.trim().is_empty()).collect();
                        if items.is_empty() {
                            continue;
                        }
                        let mut l = vec![format!("{lead}{}:{eol}", c.key)];
                        l.extend(
                            items
                                .iter()
                                .map(|it| format!("      - {}{eol}", yaml_scalar(it, FieldKind::Text))),
                        );
                        l
                    }
                    Some(Value::Text(t)) if !t.trim().is_empty() => {
                        vec![format!("{lead}{}: {}{eol}", c.key, yaml_scalar(t, c.kind))]
                    }
                    _ => continue,
                };
                out.extend(lines);
                lead = "    ";
            }
        }
        return out;
    }
    if let (FieldKind::Group(cols), Value::Group(g)) = (f.kind, v) {
        // Empty, it is an empty map: `key:` alone would read as null, which is an error.
        if g.values().all(is_empty) {
            out.push(with_comment(format!("{key}: {{}}")));
            return out;
        }
        out.push(with_comment(format!("{key}:")));
        out.extend(kept_comments.iter().cloned());
        for c in cols {
            match g.get(c.key) {
                Some(Value::List(items)) => {
                    let items: Vec<&String> = items.iter().filter(|s| !s.trim().is_empty()).collect();
                    if items.is_empty() {
                        continue;
                    }
                    out.push(format!("  {}:{eol}", c.key));
                    out.extend(
                        items.iter().map(|it| format!("    - {}{eol}", yaml_scalar(it, FieldKind::Text))),
                    );
                }
                Some(Value::Text(t)) if !t.trim().is_empty() => {
                    out.push(format!("  {}: {}{eol}", c.key, yaml_scalar(t, c.kind)))
                }
                Some(Value::Bool(true)) => out.push(format!("  {}: true{eol}", c.key)),
                _ => {}
            }
        }
        return out;
    }
    if let (FieldKind::Group(_) | FieldKind::ByYear(_) | FieldKind::Rows(_), Value::Text(t)) = (f.kind, v) {
        if t.trim().is_empty() {
            out.push(with_comment(format!("{key}:")));
        } else {
            out.push(with_comment(format!("{key}:")));
            out.extend(kept_comments.iter().cloned());
            for l in t.trim_end().lines() {
                out.push(format!("  {l}{eol}"));
            }
        }
        return out;
    }
    match v {
        Value::Bool(b) => out.push(with_comment(format!("{key}: {b}"))),
        Value::Text(s) if s.trim().is_empty() => out.push(with_comment(format!("{key}:"))),
        Value::Text(s) => out.push(with_comment(format!("{key}: {}", yaml_scalar(s, f.kind)))),
        Value::List(items) => {
            let items: Vec<&String> = items.iter().filter(|s| !s.trim().is_empty()).collect();
            // "A single text is a list of one": a key written as one text stays so.
            let was_scalar = first.as_deref().is_none_or(|l| {
                let v = l.split_once(':').map(|x| x.1).unwrap_or("");
                let v = comment_at(v).map_or(v, |i| &v[..i]).trim();
                !v.is_empty() && !v.starts_with('[')
            });
            if items.len() == 1 && was_scalar {
                out.push(with_comment(format!("{key}: {}", yaml_scalar(items[0], FieldKind::Text))));
            } else if items.is_empty() {
                out.push(with_comment(format!("{key}: []")));
            } else {
                out.push(with_comment(format!("{key}:")));
                out.extend(kept_comments.iter().cloned());
                for it in items {
                    out.push(format!("  - {}{eol}", yaml_scalar(it, FieldKind::Text)));
                }
            }
        }
        Value::Rows(rows) => {
            let cols = f.kind.fields().unwrap_or_default();
            let rows: Vec<_> = rows.iter().filter(|r| r.values().any(|s| !s.trim().is_empty())).collect();
            if rows.is_empty() {
                out.push(with_comment(format!("{key}: []")));
            } else {
                out.push(with_comment(format!("{key}:")));
                out.extend(kept_comments.iter().cloned());
                for r in rows {
                    let mut lead = "  - ";
                    for c in cols {
                        let cell = r.get(c.key).map(|s| s.trim()).unwrap_or("");
                        if cell.is_empty() {
                            continue;
                        }
                        out.push(format!("{lead}{}: {}{eol}", c.key, yaml_scalar(cell, c.kind)));
                        lead = "    ";
                    }
                }
            }
        }
        // A value of another shape than the field's kind: the file's lines stay.
        Value::Records(_) | Value::Group(_) => out.extend(old.map(<[String]>::to_vec).unwrap_or_default()),
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    const MEETING: &[Field] = crate::load::schema::MEETING.fields;

    const HAND: &str = "\u{feff}---\r\n# เขียนเอง\r\ntitle: 'ประชุมประชาคม'   # ชื่อ\r\ndate: 2567-10-20\r\nvenue: ศาลา\r\ntopics:\r\n  - แผน\r\n\r\n  - งบ\r\nattendees:\r\n  - role: ประชาชน\r\n    count: 12\r\ndraft: false\r\n---\r\n\r\n## ผลจากการมีส่วนร่วม\r\nข้อความ\r\n";

    #[test]
    fn unchanged_form_gives_the_same_bytes() {
        let mut s = Source::parse(HAND);
        let f = s.form(MEETING);
        s.apply(MEETING, &f);
        assert_eq!(s.text(), HAND);
    }

    #[test]
    fn one_edit_changes_one_line_with_the_files_line_ending() {
        let mut s = Source::parse(HAND);
        let mut f = s.form(MEETING);
        f.fields.insert("venue".into(), Value::Text("ห้องประชุม อบต.".into()));
        s.apply(MEETING, &f);
        let out = s.text();
        assert_eq!(out, HAND.replace("venue: ศาลา\r\n", "venue: ห้องประชุม อบต.\r\n"));
        // A new key goes before the closing line, in CRLF.
        let mut f = s.form(MEETING);
        f.fields.insert("summary".into(), Value::Text("สรุป: ดี".into()));
        s.apply(MEETING, &f);
        assert!(s.text().contains("draft: false\r\nsummary: \"สรุป: ดี\"\r\n---\r\n"), "{}", s.text());
    }

    #[test]
    fn the_comment_on_the_key_line_stays_in_its_column() {
        let mut s = Source::parse(HAND);
        let mut f = s.form(MEETING);
        f.fields.insert("title".into(), Value::Text("ประชุม".into()));
        s.apply(MEETING, &f);
        // The comment stays at its column (counted in characters).
        let want = format!("title: ประชุม{}# ชื่อ\r\n", " ".repeat(25 - 13));
        assert!(s.text().contains(&want), "{}", s.text());
    }

    #[test]
    fn rows_are_written_and_placed() {
        let mut s = Source::parse("---\ntitle: ก\nattendees:\n# margin comment\ndraft: true\n---\nbody\n");
        let mut f = s.form(MEETING);
        let row = |r: &str, c: &str| {
            BTreeMap::from([("role".to_string(), r.to_string()), ("count".into(), c.into())])
        };
        f.fields.insert("attendees".into(), Value::Rows(vec![row("ประชาชน", "12"), row("ผู้นำชุมชน", "")]));
        s.apply(MEETING, &f);
        let t = s.text();
        assert_eq!(
            t,
            "---\ntitle: ก\nattendees:\n  - role: ประชาชน\n    count: 12\n  - role: ผู้นำชุมชน\n# margin comment\ndraft: true\n---\nbody\n"
        );
        assert_eq!(s.field_at(4), Some(("attendees".into(), Some(0))));
        assert_eq!(s.field_at(5), Some(("attendees".into(), Some(0))));
        assert_eq!(s.field_at(6), Some(("attendees".into(), Some(1))));
        assert_eq!(s.field_at(2), Some(("title".into(), None)));
        assert_eq!(s.field_at(10), Some(("body".into(), None)));
    }

    #[test]
    fn text_that_yaml_would_misread_is_quoted() {
        assert_eq!(yaml_scalar("09:30", FieldKind::Text), "\"09:30\"");
        assert_eq!(yaml_scalar("yes", FieldKind::Text), "\"yes\"");
        assert_eq!(yaml_scalar("2567", FieldKind::Integer), "2567");
        assert_eq!(yaml_scalar("ก: ข", FieldKind::Text), "\"ก: ข\"");
        assert_eq!(yaml_scalar("- x", FieldKind::Text), "\"- x\"");
        assert_eq!(yaml_scalar("วันจันทร์ที่ 21 ตุลาคม 2567", FieldKind::Date), "วันจันทร์ที่ 21 ตุลาคม 2567");
        assert_eq!(yaml_scalar("ประชุม \"ก\"", FieldKind::Text), "ประชุม \"ก\"");
    }
}

#[cfg(test)]
mod more_tests {
    use super::*;
    const MEETING: &[Field] = crate::load::schema::MEETING.fields;

    #[test]
    fn an_empty_table_sent_as_an_empty_list_changes_nothing() {
        let t = crate::scaffold::meeting_template("ก", crate::calendar::today(), "k", None);
        let mut s = Source::parse(&t);
        let mut f = s.form(MEETING);
        let f2: FormData = serde_json::from_str(r#"{"fields": {"attendees": [], "topics": []}}"#).unwrap();
        f.fields.extend(f2.fields);
        s.apply(MEETING, &f);
        assert_eq!(s.text(), t);
    }

    #[test]
    fn site_yaml_edits_one_line_and_keeps_the_rest() {
        let site = crate::scaffold::site_yaml(2569);
        let fields = crate::load::schema::SITE.fields;
        let mut s = Source::parse_yaml(&site);
        let f = s.form(fields);
        assert!(f.body.is_none());
        let Value::Records(groups) = &f.fields["role_groups"] else { panic!("{f:?}") };
        assert_eq!(groups[0]["name"], Value::Text("ผู้บริหารและพนักงาน".into()));
        assert!(matches!(&groups[0]["roles"], Value::List(r) if r.len() == 3), "{groups:?}");
        assert_eq!(
            (&groups[0]["external"], &groups[1]["external"]),
            (&Value::Bool(false), &Value::Bool(true))
        );
        s.apply(fields, &f);
        assert_eq!(s.text(), site);
        let mut f = s.form(fields);
        f.fields.insert("organization".into(), Value::Text("องค์การบริหารส่วนตำบลหนองบัว".into()));
        s.apply(fields, &f);
        let out = s.text();
        let changed: Vec<_> = site.lines().zip(out.lines()).filter(|(a, b)| a != b).collect();
        assert_eq!(site.lines().count(), out.lines().count());
        assert_eq!(changed.len(), 1, "{changed:?}");
        assert!(changed[0].1.starts_with("organization: องค์การบริหารส่วนตำบลหนองบัว "), "{changed:?}");
    }

    #[test]
    fn several_fields_at_once_from_the_new_meeting_layout() {
        let t = crate::scaffold::meeting_template("", crate::calendar::today(), "", None);
        let mut s = Source::parse(&t);
        let mut f = s.form(MEETING);
        f.fields.insert("title".into(), Value::Text("ประชุม".into()));
        f.fields.insert("date".into(), Value::Text("21 ตุลาคม 2567".into()));
        f.fields.insert("slug".into(), Value::Text("abc".into()));
        s.apply(MEETING, &f);
        let out = s.text();
        assert_eq!(out.matches("\ndate:").count(), 1, "{out}");
        assert!(out.contains("\ntitle: ประชุม "), "{out}");
        assert!(out.contains("\ndate: 21 ตุลาคม 2567 "), "{out}");
        assert!(out.contains("\nslug: abc "), "{out}");
        assert!(out.contains("## ผลจากการมีส่วนร่วม"), "{out}");
    }

    #[test]
    fn role_groups_and_ita_headings_are_written_from_their_inputs_and_read_back() {
        let site = crate::scaffold::site_yaml(2569);
        let fields = crate::load::schema::SITE.fields;
        let mut s = Source::parse_yaml(&site);
        let mut f = s.form(fields);
        let group = |name: &str, roles: &[&str], external: bool| {
            BTreeMap::from([
                ("name".to_string(), Value::Text(name.into())),
                ("roles".to_string(), Value::List(roles.iter().map(|r| r.to_string()).collect())),
                ("external".to_string(), Value::Bool(external)),
            ])
        };
        f.fields.insert(
            "role_groups".into(),
            Value::Records(vec![
                group("ผู้บริหาร", &["นายก", "ปลัด: ฝ่ายบริหาร"], false),
                group("", &[], true),
                group("ประชาชน", &["ผู้ใหญ่บ้าน"], true),
            ]),
        );
        f.fields.insert(
            "ita_headings".into(),
            Value::Group(BTreeMap::from([
                ("results".to_string(), Value::List(vec!["ผล".into(), "มติ".into()])),
                ("usage".to_string(), Value::List(vec![])),
            ])),
        );
        s.apply(fields, &f);
        let out = s.text();
        assert!(
            out.contains(
                "role_groups:                                        # การรวมกลุ่มตำแหน่งในตารางสถิติ\n  - name: ผู้บริหาร\n    roles:\n      - นายก\n      - \"ปลัด: ฝ่ายบริหาร\"\n  - name: ประชาชน\n    roles:\n      - ผู้ใหญ่บ้าน\n    external: true\nita:"
            ),
            "{out}"
        );
        assert!(out.ends_with("ita_headings:\n  results:\n    - ผล\n    - มติ\n"), "{out}");
        // Read back as written, and as `load` reads it.
        let back = Source::parse_yaml(&out).form(fields);
        let Value::Records(g) = &back.fields["role_groups"] else { panic!() };
        assert_eq!(g.len(), 2);
        assert_eq!(g[1]["roles"], Value::List(vec!["ผู้ใหญ่บ้าน".into()]));
        let (c, d) = crate::load::check_text(&crate::load::schema::SITE, "site.yaml", &out);
        assert_eq!(d.errors(), 0, "{:?}", d.sorted());
        let Some(crate::load::Doc::Config(c)) = c else { panic!("{out}") };
        assert_eq!(c.role_groups.len(), 2);
        assert_eq!(c.results_headings, ["ผล", "มติ"]);
        // Emptied, the headings are an empty map, not the null `load` refuses.
        let mut f = back.clone();
        f.fields.insert("ita_headings".into(), Value::Group(BTreeMap::new()));
        let mut s = Source::parse_yaml(&out);
        s.apply(fields, &f);
        assert!(s.text().ends_with("ita_headings: {}\n"), "{}", s.text());
    }
}
