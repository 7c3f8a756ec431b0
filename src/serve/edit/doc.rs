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
        // A map by fiscal year (`ita`): a row a year, the year in its own column.
        FieldKind::ByYear(cols) => Value::Rows(match v {
            Some(serde_yaml::Value::Mapping(m)) => m
                .iter()
                .map(|(year, item)| {
                    let mut row: BTreeMap<String, String> = cols
                        .iter()
                        .map(|c| (c.key.to_string(), item.get(c.key).map(scalar_text).unwrap_or_default()))
                        .collect();
                    row.insert(YEAR.key.to_string(), scalar_text(year));
                    row
                })
                .collect(),
            _ => Vec::new(),
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
/// comment on the key line (at its column) is kept. A table or a nested map is rewritten
/// entry by entry ([`merge_entries`]): its unchanged rows byte for byte, its comment lines
/// where they were.
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
    if let Some(new) = new_entries(f, v, eol) {
        if new.is_empty() {
            // Emptied: an empty list or map (`key:` alone would read as null, an error).
            let empty =
                if matches!(f.kind, FieldKind::Group(_) | FieldKind::ByYear(_)) { "{}" } else { "[]" };
            out.push(with_comment(format!("{key}: {empty}")));
            return out;
        }
        out.push(with_comment(format!("{key}:")));
        out.extend(merge_entries(f, new, old, eol));
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
        // A value of another shape than the field's kind: the file's lines stay.
        Value::Rows(_) | Value::Records(_) | Value::Group(_) => {
            out.extend(old.map(<[String]>::to_vec).unwrap_or_default())
        }
    }
    out
}

/// One entry of a table or nested map as the form has it: the key it is known by in a
/// map (None for a row of a list), its value, and its lines written anew.
struct NewEntry {
    key: Option<String>,
    value: Value,
    lines: Vec<String>,
    /// A row's cells: key, value and lines (at the cells' indent), for an edited row
    /// to keep its unchanged cells' lines.
    cells: Vec<(String, Value, Vec<String>)>,
}

/// The entries of a table (`attendees`, `links`, `role_groups`), a nested map
/// (`ita_headings`, `publish`) or a map by year (`ita`) with `v`, blank rows left out;
/// None for a field of another kind or a value of another shape.
fn new_entries(f: &Field, v: &Value, eol: &str) -> Option<Vec<NewEntry>> {
    let cells = |lead: &str, c: &Field, v: Option<&Value>| -> Vec<String> {
        match v {
            Some(Value::Bool(true)) => vec![format!("{lead}{}: true{eol}", c.key)],
            Some(Value::List(items)) => {
                let items: Vec<&String> = items.iter().filter(|s| !s.trim().is_empty()).collect();
                if items.is_empty() {
                    return Vec::new();
                }
                // The items one step in from the key, wherever the key stands.
                let pad = " ".repeat(lead.len() + 2);
                let mut l = vec![format!("{lead}{}:{eol}", c.key)];
                l.extend(items.iter().map(|it| format!("{pad}- {}{eol}", yaml_scalar(it, FieldKind::Text))));
                l
            }
            Some(Value::Text(t)) if !t.trim().is_empty() => {
                vec![format!("{lead}{}: {}{eol}", c.key, yaml_scalar(t, c.kind))]
            }
            _ => Vec::new(),
        }
    };
    // A row of a list: its cells, the first after `- `.
    let row = |value: Value, cols: &[Field], r: &dyn Fn(&str) -> Option<Value>| -> NewEntry {
        let cells: Vec<(String, Value, Vec<String>)> = cols
            .iter()
            .filter_map(|c| {
                let v = r(c.key)?;
                let lines = cells("    ", c, Some(&v));
                (!lines.is_empty()).then(|| (c.key.to_string(), v, lines))
            })
            .collect();
        let mut lines: Vec<String> = cells.iter().flat_map(|c| c.2.iter().cloned()).collect();
        if let Some(l) = lines.first_mut() {
            *l = format!("  - {}", &l[4..]);
        }
        NewEntry { key: None, value, lines, cells }
    };
    match (f.kind, v) {
        (FieldKind::Attendees | FieldKind::Links, Value::Rows(rows)) => {
            let cols = f.kind.fields().unwrap_or_default();
            Some(
                rows.iter()
                    .filter(|r| r.values().any(|s| !s.trim().is_empty()))
                    .map(|r| {
                        row(Value::Rows(vec![r.clone()]), cols, &|k| r.get(k).map(|s| Value::Text(s.clone())))
                    })
                    .collect(),
            )
        }
        (FieldKind::Rows(cols), Value::Records(rows)) => Some(
            rows.iter()
                .filter(|r| !record_is_empty(r))
                .map(|r| row(Value::Records(vec![r.clone()]), cols, &|k| r.get(k).cloned()))
                .collect(),
        ),
        (FieldKind::Group(cols), Value::Group(g)) => Some(
            cols.iter()
                .filter_map(|c| {
                    let v = g.get(c.key)?;
                    let lines = cells("  ", c, Some(v));
                    (!lines.is_empty()).then(|| NewEntry {
                        key: Some(c.key.to_string()),
                        value: v.clone(),
                        lines,
                        cells: Vec::new(),
                    })
                })
                .collect(),
        ),
        // `ita`: a line a year, `2569: {code: O19, name: …}`, as a new site's `site.yaml`.
        (FieldKind::ByYear(cols), Value::Rows(rows)) => Some(
            rows.iter()
                .filter(|r| r.values().any(|s| !s.trim().is_empty()))
                .map(|r| {
                    let year = r.get(YEAR.key).map(|s| s.trim()).unwrap_or("");
                    let inner: Vec<String> = cols
                        .iter()
                        .filter_map(|c| {
                            let t = r.get(c.key).map(|s| s.trim()).filter(|t| !t.is_empty())?;
                            Some(format!("{}: {}", c.key, flow_scalar(t, c.kind)))
                        })
                        .collect();
                    let line = format!(
                        "  {}: {{{}}}{eol}",
                        yaml_scalar(year, FieldKind::FiscalYear),
                        inner.join(", ")
                    );
                    NewEntry {
                        key: Some(year.to_string()),
                        value: Value::Rows(vec![r.clone()]),
                        lines: vec![line],
                        cells: Vec::new(),
                    }
                })
                .collect(),
        ),
        _ => None,
    }
}

/// The year column of a map by year (`ita`): each row's key in the file.
pub use crate::load::schema::YEAR_KEY as YEAR;

/// A scalar inside `{…}`: quoted too when a comma or bracket would end it there.
fn flow_scalar(s: &str, kind: FieldKind) -> String {
    let y = yaml_scalar(s, kind);
    if !y.starts_with('"') && y.contains([',', '[', ']', '{', '}']) {
        format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
    } else {
        y
    }
}

/// One entry of a block in the file: a row of a list (`- …`) or a key of a nested map,
/// its comment and blank lines just before it (`lead`) and its own lines (the comment
/// lines among them too).
struct Entry {
    lead: Vec<String>,
    lines: Vec<String>,
}

/// A block's lines after its key line, as entries at the block's indent: the lines before
/// the first entry (comments about the block), the entries, and the comment and blank
/// lines after the last. None when the lines do not stand as entries do.
fn old_entries(body: &[String]) -> Option<(Vec<String>, Vec<Entry>, Vec<String>)> {
    let quiet = |l: &str| {
        let t = l.trim();
        t.is_empty() || t.starts_with('#')
    };
    let indent = |l: &str| l.len() - l.trim_start().len();
    let Some(base) = body.iter().find(|l| !quiet(l)).map(|l| indent(l)) else {
        return Some((body.to_vec(), Vec::new(), Vec::new()));
    };
    let mut head = Vec::new();
    let mut entries: Vec<Entry> = Vec::new();
    let mut pending = Vec::new();
    for l in body {
        if quiet(l) {
            pending.push(l.clone());
        } else if indent(l) == base {
            let lead = std::mem::take(&mut pending);
            if entries.is_empty() {
                head = lead;
                entries.push(Entry { lead: Vec::new(), lines: vec![l.clone()] });
            } else {
                entries.push(Entry { lead, lines: vec![l.clone()] });
            }
        } else if indent(l) > base {
            let e = entries.last_mut()?;
            e.lines.append(&mut pending);
            e.lines.push(l.clone());
        } else {
            return None;
        }
    }
    Some((head, entries, pending))
}

/// The key of a map entry's line (`2569: {…}`, `results:`), unquoted.
fn entry_key(l: &str) -> Option<String> {
    let (k, _) = l.trim().split_once(':')?;
    Some(k.trim().trim_matches(['"', '\'']).to_string())
}

/// The key a line of an entry sets (`name` of `  - name: ก`, `roles` of `    roles:`).
fn line_key(l: &str) -> Option<&str> {
    let t = l.trim_start();
    let t = t.strip_prefix("- ").unwrap_or(t).trim_start();
    let n = t.bytes().take_while(|b| b.is_ascii_alphanumeric() || *b == b'_').count();
    (n > 0 && t[n..].starts_with(':')).then(|| &t[..n])
}

/// An edited entry's new lines with the old entry's comment lines put back before the
/// line of the key they stood before, and the comment at the end of a key's line kept at
/// the end of its new line; a comment whose key is gone goes at the entry's end.
fn with_old_comments(new: Vec<String>, old: &[String], eol: &str) -> Vec<String> {
    let mut before: Vec<(Option<String>, Vec<String>)> = Vec::new();
    let mut trailing: BTreeMap<String, (usize, String)> = BTreeMap::new();
    let mut pending = Vec::new();
    for l in old {
        let t = l.trim_end_matches(['\r', '\n']);
        if t.trim_start().starts_with('#') {
            pending.push(l.clone());
            continue;
        }
        let k = line_key(t).map(str::to_string);
        if let (Some(k), Some(i)) = (&k, comment_at(t)) {
            trailing.insert(k.clone(), (t[..i].chars().count(), t[i..].to_string()));
        }
        if !pending.is_empty() {
            before.push((k, std::mem::take(&mut pending)));
        }
    }
    let mut out = Vec::new();
    for l in new {
        let k = line_key(&l).map(str::to_string);
        if let Some(k) = &k
            && let Some(i) = before.iter().position(|(bk, _)| bk.as_deref() == Some(k))
        {
            out.extend(before.remove(i).1);
        }
        match k.and_then(|k| trailing.remove(&k)) {
            Some((col, c)) if comment_at(l.trim_end_matches(['\r', '\n'])).is_none() => {
                // At its column, as the key line's comment is kept.
                let head = l.trim_end_matches(['\r', '\n']);
                let width = head.chars().count();
                let pad = if width < col { " ".repeat(col - width) } else { " ".into() };
                out.push(format!("{head}{pad}{c}{eol}"))
            }
            _ => out.push(l),
        }
    }
    out.extend(before.into_iter().flat_map(|(_, c)| c));
    out.extend(pending);
    out
}

/// The lines under the key line of a table or nested map written with `new`: an entry
/// the form left as the file has it keeps its lines byte for byte (with its comments),
/// in the form's order; an edited one is written anew in the place of the one it was
/// (the row at its position among the changed ones, the key of the same name), with that
/// one's comments; comment lines before the first entry stay first, those after the last
/// stay last. A removed entry's lines go with it.
fn merge_entries(f: &Field, new: Vec<NewEntry>, old: Option<&[String]>, eol: &str) -> Vec<String> {
    let body = old.map(|o| &o[1.min(o.len())..]).unwrap_or_default();
    // The old entries and their values as the form reads them: matched by value (rows) or
    // by key (maps); none if the file's lines are not what they seem.
    let parsed = old_entries(body).and_then(|(head, entries, tail)| {
        let yaml: serde_yaml::Mapping = serde_yaml::from_str(&old.unwrap_or_default().concat()).ok()?;
        let values: Vec<(Option<String>, Value)> = match read_value(f, yaml.get(f.key)) {
            Value::Rows(rows) if matches!(f.kind, FieldKind::ByYear(_)) => {
                rows.into_iter().map(|r| (r.get(YEAR.key).cloned(), Value::Rows(vec![r]))).collect()
            }
            Value::Rows(rows) => rows.into_iter().map(|r| (None, Value::Rows(vec![r]))).collect(),
            Value::Records(rows) => rows.into_iter().map(|r| (None, Value::Records(vec![r]))).collect(),
            Value::Group(g) => {
                // A group's keys in the file's order, as its entries stand.
                let keys: Vec<Option<String>> = entries.iter().map(|e| entry_key(&e.lines[0])).collect();
                keys.into_iter()
                    .map(|k| {
                        let v =
                            k.as_ref().and_then(|k| g.get(k).cloned()).unwrap_or(Value::Text(String::new()));
                        (k, v)
                    })
                    .collect()
            }
            _ => return None,
        };
        (values.len() == entries.len()).then_some((head, entries, tail, values))
    });
    let Some((head, entries, tail, values)) = parsed else {
        // Lines the rows cannot be matched with: the block's comment lines first.
        let mut out: Vec<String> = body.iter().filter(|l| l.trim_start().starts_with('#')).cloned().collect();
        out.extend(new.into_iter().flat_map(|e| e.lines));
        return out;
    };
    let n = entries.len();
    let mut used = vec![false; n];
    // Unchanged: the same value (a row), or the same key and value (a map's entry).
    let mut same: Vec<Option<usize>> = new
        .iter()
        .map(|e| {
            let j = (0..n)
                .find(|&j| !used[j] && values[j].1 == e.value && (e.key.is_none() || values[j].0 == e.key))?;
            used[j] = true;
            Some(j)
        })
        .collect();
    // Edited: a map's entry of the same key; a row, the next changed row in order.
    let mut was: Vec<Option<usize>> = vec![None; new.len()];
    for (i, e) in new.iter().enumerate() {
        if same[i].is_some() {
            continue;
        }
        let by_key =
            e.key.as_ref().and_then(|k| (0..n).find(|&j| !used[j] && values[j].0.as_ref() == Some(k)));
        let j = match &e.key {
            // A year whose key changed too is the next changed year.
            Some(_) if matches!(f.kind, FieldKind::ByYear(_)) => {
                by_key.or_else(|| (0..n).find(|&j| !used[j]))
            }
            Some(_) => by_key,
            None => (0..n).find(|&j| !used[j]),
        };
        if let Some(j) = j {
            used[j] = true;
            was[i] = Some(j);
        }
    }
    // A nested map keeps the file's order of its keys; new keys after them.
    let mut order: Vec<usize> = (0..new.len()).collect();
    if matches!(f.kind, FieldKind::Group(_)) {
        order.sort_by_key(|&i| same[i].or(was[i]).unwrap_or(n + i));
    }
    // New lines at the file's indent of this block (written at two spaces).
    let base = entries.first().map_or(2, |e| indent_of(&e.lines[0]));
    let at_base = |lines: &[String]| -> Vec<String> { lines.iter().map(|l| reindent(l, base)).collect() };
    let mut out = head;
    for i in order {
        let e = &new[i];
        if let Some(j) = same[i].take() {
            out.extend(entries[j].lead.iter().cloned());
            out.extend(entries[j].lines.iter().cloned());
        } else if let Some(j) = was[i] {
            out.extend(entries[j].lead.iter().cloned());
            if e.cells.is_empty() {
                out.extend(with_old_comments(at_base(&e.lines), &entries[j].lines, eol));
            } else {
                out.extend(merge_row(e, &values[j].1, &entries[j].lines, base, eol));
            }
        } else {
            out.extend(at_base(&e.lines));
        }
    }
    out.extend(tail);
    out
}

fn indent_of(l: &str) -> usize {
    l.len() - l.trim_start_matches(' ').len()
}

/// A line written at an indent of two, moved to `base`.
fn reindent(l: &str, base: usize) -> String {
    if base >= 2 { format!("{}{l}", " ".repeat(base - 2)) } else { l[2 - base..].to_string() }
}

/// The value of one cell of a row as the form reads it.
fn cell_of(row: &Value, key: &str) -> Option<Value> {
    match row {
        Value::Rows(r) => r.first()?.get(key).map(|s| Value::Text(s.clone())),
        Value::Records(r) => r.first()?.get(key).cloned(),
        _ => None,
    }
}

/// An edited row: its unchanged cells keep their lines (in the file's order, comments and
/// all), changed ones are written anew where they stood with the comments before them
/// and at their line's end, new ones after; the first cell gets the `- `.
fn merge_row(e: &NewEntry, was: &Value, old: &[String], base: usize, eol: &str) -> Vec<String> {
    // The old row's cells: each key's lines, with the comment lines before it.
    let cell_indent = base + 2;
    let mut cells: Vec<(String, Vec<String>, Vec<String>)> = Vec::new();
    let mut pending = Vec::new();
    for (n, l) in old.iter().enumerate() {
        let t = l.trim_end_matches(['\r', '\n']);
        let quiet = t.trim().is_empty() || t.trim_start().starts_with('#');
        let starts = n == 0 || (!quiet && indent_of(t) == cell_indent);
        match line_key(t).filter(|_| starts) {
            Some(k) => cells.push((k.to_string(), std::mem::take(&mut pending), vec![l.clone()])),
            None if quiet => pending.push(l.clone()),
            None => match cells.last_mut() {
                Some(c) => {
                    c.2.append(&mut pending);
                    c.2.push(l.clone());
                }
                None => {
                    return with_old_comments(e.lines.iter().map(|l| reindent(l, base)).collect(), old, eol);
                }
            },
        }
    }
    let mut keys: Vec<&str> = cells.iter().map(|c| c.0.as_str()).collect();
    keys.extend(e.cells.iter().map(|c| c.0.as_str()).filter(|k| !cells.iter().any(|c| c.0 == *k)));
    let mut out: Vec<String> = Vec::new();
    let mut n = 0;
    for k in keys {
        let Some((_, v, fresh)) = e.cells.iter().find(|c| c.0 == k) else {
            // A cell emptied: its lines go, the comment lines among them stay.
            if let Some((_, lead, lines)) = cells.iter().find(|c| c.0 == k) {
                out.extend(lead.iter().cloned());
                out.extend(lines.iter().filter(|l| l.trim_start().starts_with('#')).cloned());
            }
            continue;
        };
        let fresh: Vec<String> = fresh.iter().map(|l| reindent(l, base)).collect();
        let mut lines = match cells.iter().find(|c| c.0 == k) {
            Some((_, lead, lines)) => {
                out.extend(lead.iter().cloned());
                if cell_of(was, k).as_ref() == Some(v) {
                    lines.clone()
                } else {
                    with_old_comments(fresh, lines, eol)
                }
            }
            None => fresh,
        };
        // The row's `- ` on its first cell, and on no other.
        let at = lines.iter().position(|l| !l.trim_start().starts_with('#')).unwrap_or(0);
        let first = &mut lines[at];
        let body = first[indent_of(first)..].to_string();
        let body = body.strip_prefix("- ").map(str::to_string).unwrap_or(body);
        *first = if n == 0 {
            format!("{}- {body}", " ".repeat(base))
        } else {
            format!("{}{body}", " ".repeat(cell_indent))
        };
        n += 1;
        out.extend(lines);
    }
    out.extend(pending);
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
            // The third row is the file's second (บุคคลภายนอก) edited: its cells stay in
            // the file's order.
            out.contains(
                "role_groups:                                        # การรวมกลุ่มตำแหน่งในตารางสถิติ\n  - name: ผู้บริหาร\n    roles:\n      - นายก\n      - \"ปลัด: ฝ่ายบริหาร\"\n  - name: ประชาชน\n    external: true\n    roles:\n      - ผู้ใหญ่บ้าน\nita:"
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

#[cfg(test)]
mod settings_tests {
    use super::*;

    const SITE: &[Field] = crate::load::schema::SITE.fields;

    /// `site.yaml` as a person writes it in Notepad: CRLF, comments inside the tables,
    /// flow and block style mixed.
    const HAND: &str = "title: ศูนย์ข้อมูล\r\norganization: อบต.หนองกุง\r\n# กลุ่มตำแหน่ง\r\nrole_groups:   # ตารางสถิติ\r\n  # ฝ่ายบริหาร\r\n  - name: ผู้บริหาร   # ในตาราง\r\n    roles: [นายก, ปลัด]\r\n  # คนนอก\r\n  - name: บุคคลภายนอก\r\n    # ใครบ้าง\r\n    roles:\r\n      - ประชาชน\r\n    external: true\r\n  # ท้ายตาราง\r\nita:\r\n  # ปีแรก\r\n  2568: {code: O20, name: ชื่อเดิม}   # ปี 68\r\n  2569: {code: O19, name: ผลการเปิดโอกาส}\r\nita_headings:\r\n  # หัวข้อผล\r\n  results: [ผล]\r\n  usage:\r\n    - การนำผล   # เดิม\r\n";

    fn edited(edit: impl FnOnce(&mut FormData)) -> String {
        let mut s = Source::parse_yaml(HAND);
        let mut f = s.form(SITE);
        edit(&mut f);
        s.apply(SITE, &f);
        s.text()
    }

    /// The lines of `after` that are not `before`'s, and the reverse (a line diff by
    /// position of the common prefix and suffix).
    fn diff(before: &str, after: &str) -> (Vec<String>, Vec<String>) {
        let a: Vec<&str> = before.split_inclusive('\n').collect();
        let b: Vec<&str> = after.split_inclusive('\n').collect();
        let pre = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
        let suf = a[pre..].iter().rev().zip(b[pre..].iter().rev()).take_while(|(x, y)| x == y).count();
        let gone = a[pre..a.len() - suf].iter().map(|l| l.to_string()).collect();
        let came = b[pre..b.len() - suf].iter().map(|l| l.to_string()).collect();
        (gone, came)
    }

    #[test]
    fn the_form_reads_every_table_of_the_settings() {
        let f = Source::parse_yaml(HAND).form(SITE);
        let Value::Rows(ita) = &f.fields["ita"] else { panic!("{f:?}") };
        let years: Vec<(&str, &str, &str)> =
            ita.iter().map(|r| (r["year"].as_str(), r["code"].as_str(), r["name"].as_str())).collect();
        assert_eq!(years, [("2568", "O20", "ชื่อเดิม"), ("2569", "O19", "ผลการเปิดโอกาส")]);
        let Value::Records(g) = &f.fields["role_groups"] else { panic!() };
        assert_eq!(g[0]["roles"], Value::List(vec!["นายก".into(), "ปลัด".into()]));
        // Unchanged, it is the same bytes.
        assert_eq!(edited(|_| {}), HAND);
    }

    #[test]
    fn a_role_added_to_one_group_changes_that_groups_lines_alone_and_comments_stay() {
        let out = edited(|f| {
            let Some(Value::Records(g)) = f.fields.get_mut("role_groups") else { panic!() };
            g[1].insert("roles".into(), Value::List(vec!["ประชาชน".into(), "ผู้ใหญ่บ้าน".into()]));
        });
        let (gone, came) = diff(HAND, &out);
        assert_eq!(gone, Vec::<String>::new(), "{out}");
        assert_eq!(came, ["      - ผู้ใหญ่บ้าน\r\n"], "{out}");
        // Reordered: the rows move with their comments, byte for byte.
        let out = edited(|f| {
            let Some(Value::Records(g)) = f.fields.get_mut("role_groups") else { panic!() };
            g.swap(0, 1);
        });
        assert!(out.contains("role_groups:   # ตารางสถิติ\r\n  # ฝ่ายบริหาร\r\n  # คนนอก\r\n  - name: บุคคลภายนอก\r\n    # ใครบ้าง\r\n    roles:\r\n      - ประชาชน\r\n    external: true\r\n  - name: ผู้บริหาร   # ในตาราง\r\n    roles: [นายก, ปลัด]\r\n  # ท้ายตาราง\r\nita:"), "{out}");
        // A group renamed: its lines written anew, the comments above and inside it and at
        // the end of its name's line where they were.
        let out = edited(|f| {
            let Some(Value::Records(g)) = f.fields.get_mut("role_groups") else { panic!() };
            g[1].insert("name".into(), Value::Text("ประชาชนและผู้นำ".into()));
            g[0].insert("name".into(), Value::Text("คณะผู้บริหาร".into()));
        });
        let (gone, came) = diff(HAND, &out);
        assert_eq!(gone.len(), came.len(), "{out}");
        assert_eq!(gone.iter().zip(&came).filter(|(a, b)| a != b).count(), 2, "{out}");
        assert!(out.contains("  # ฝ่ายบริหาร\r\n  - name: คณะผู้บริหาร # ในตาราง\r\n    roles: [นายก, ปลัด]\r\n  # คนนอก\r\n  - name: ประชาชนและผู้นำ\r\n    # ใครบ้าง\r\n    roles:\r\n      - ประชาชน\r\n    external: true\r\n  # ท้ายตาราง\r\n"), "{out}");
    }

    #[test]
    fn a_year_added_or_edited_in_ita_is_its_own_line() {
        let row = |y: &str, c: &str, n: &str| {
            BTreeMap::from([
                ("year".to_string(), y.to_string()),
                ("code".into(), c.into()),
                ("name".into(), n.into()),
            ])
        };
        let out = edited(|f| {
            let Some(Value::Rows(r)) = f.fields.get_mut("ita") else { panic!() };
            r.push(row("2570", "O18", "การมีส่วนร่วม, ปี 70"));
        });
        let (gone, came) = diff(HAND, &out);
        assert!(gone.is_empty(), "{out}");
        assert_eq!(came, ["  2570: {code: O18, name: \"การมีส่วนร่วม, ปี 70\"}\r\n"]);
        let out = edited(|f| {
            let Some(Value::Rows(r)) = f.fields.get_mut("ita") else { panic!() };
            r[0] = row("2568", "O21", "ชื่อเดิม");
        });
        let (gone, came) = diff(HAND, &out);
        assert_eq!(gone, ["  2568: {code: O20, name: ชื่อเดิม}   # ปี 68\r\n"]);
        assert_eq!(came, ["  2568: {code: O21, name: ชื่อเดิม}   # ปี 68\r\n"]);
        let (c, d) = crate::load::check_text(&crate::load::schema::SITE, "site.yaml", &out);
        assert_eq!(d.errors(), 0, "{:?}", d.sorted());
        let Some(crate::load::Doc::Config(c)) = c else { panic!() };
        assert_eq!(c.ita[&2568].code, "O21");
        // Removed: its line goes, the comment before the other year stays.
        let out = edited(|f| {
            let Some(Value::Rows(r)) = f.fields.get_mut("ita") else { panic!() };
            r.remove(1);
        });
        assert_eq!(
            diff(HAND, &out),
            (vec!["  2569: {code: O19, name: ผลการเปิดโอกาส}\r\n".to_string()], vec![])
        );
        // Emptied: an empty map, which `load` reads as no years.
        let out = edited(|f| {
            f.fields.insert("ita".into(), Value::Rows(vec![]));
        });
        assert!(out.contains("\r\nita: {}\r\nita_headings:"), "{out}");
    }

    #[test]
    fn every_edit_of_the_tables_reads_back_as_the_form_had_it() {
        type Edit = fn(&mut FormData);
        fn groups(f: &mut FormData) -> &mut Vec<BTreeMap<String, Value>> {
            match f.fields.get_mut("role_groups") {
                Some(Value::Records(g)) => g,
                _ => panic!(),
            }
        }
        fn years(f: &mut FormData) -> &mut Vec<BTreeMap<String, String>> {
            match f.fields.get_mut("ita") {
                Some(Value::Rows(r)) => r,
                _ => panic!(),
            }
        }
        let edits: [(&str, Edit); 8] = [
            ("reorder", |f| groups(f).reverse()),
            ("remove the first", |f| {
                groups(f).remove(0);
            }),
            ("a role out", |f| {
                groups(f)[1].insert("roles".into(), Value::List(vec![]));
            }),
            ("external ticked", |f| {
                groups(f)[0].insert("external".into(), Value::Bool(true));
            }),
            ("a group added first", |f| {
                let mut g = groups(f)[0].clone();
                g.insert("name".into(), Value::Text("ใหม่: กลุ่ม".into()));
                groups(f).insert(0, g);
            }),
            ("years swapped and renamed", |f| {
                years(f).swap(0, 1);
                years(f)[0].insert("name".into(), "ชื่อ {ใหม่}".into());
            }),
            ("a year emptied out", |f| {
                years(f)[1] = BTreeMap::new();
            }),
            ("headings", |f| {
                f.fields.insert(
                    "ita_headings".into(),
                    Value::Group(BTreeMap::from([("usage".to_string(), Value::List(vec!["การนำ".into()]))])),
                );
            }),
        ];
        for (what, edit) in edits {
            let mut s = Source::parse_yaml(HAND);
            let mut f = s.form(SITE);
            edit(&mut f);
            s.apply(SITE, &f);
            let out = s.text();
            let (_, d) = crate::load::check_text(&crate::load::schema::SITE, "site.yaml", &out);
            assert_eq!(d.errors(), 0, "{what}: {:?}\n{out}", d.sorted());
            assert!(!out.replace("\r\n", "").contains('\n'), "{what}: a line without CR\n{out}");
            let back = Source::parse_yaml(&out).form(SITE);
            for key in ["role_groups", "ita"] {
                let want = match &f.fields[key] {
                    Value::Records(r) => {
                        Value::Records(r.iter().filter(|r| !record_is_empty(r)).cloned().collect())
                    }
                    Value::Rows(r) => Value::Rows(
                        r.iter().filter(|r| r.values().any(|v| !v.trim().is_empty())).cloned().collect(),
                    ),
                    v => v.clone(),
                };
                assert_eq!(back.fields[key], want, "{what}: {key}\n{out}");
            }
            // Every comment line of the file is still there.
            for c in HAND.lines().filter(|l| l.trim_start().starts_with('#')) {
                let gone_with_its_row = what == "remove the first" && c.contains("ฝ่ายบริหาร");
                assert!(gone_with_its_row || out.contains(c), "{what}: {c} lost\n{out}");
            }
        }
    }

    #[test]
    fn a_table_written_at_the_left_margin_stays_there() {
        let yaml =
            "title: t\norganization: o\nrole_groups:\n- name: ก\n  roles: [x]\n- name: ข\n  external: true\n";
        let mut s = Source::parse_yaml(yaml);
        let mut f = s.form(SITE);
        let Some(Value::Records(g)) = f.fields.get_mut("role_groups") else { panic!() };
        g[0].insert("roles".into(), Value::List(vec!["x".into(), "z".into()]));
        let mut row = g[1].clone();
        row.insert("name".into(), Value::Text("ค".into()));
        g.push(row);
        s.apply(SITE, &f);
        let out = s.text();
        assert_eq!(
            out,
            "title: t\norganization: o\nrole_groups:\n- name: ก\n  roles:\n    - x\n    - z\n- name: ข\n  external: true\n- name: ค\n  external: true\n"
        );
        let (c, d) = crate::load::check_text(&crate::load::schema::SITE, "site.yaml", &out);
        assert_eq!(d.errors(), 0, "{:?}", d.sorted());
        let Some(crate::load::Doc::Config(c)) = c else { panic!() };
        assert_eq!(c.role_groups.len(), 3);
    }

    #[test]
    fn a_heading_added_keeps_the_other_key_and_the_comments() {
        let out = edited(|f| {
            let Some(Value::Group(g)) = f.fields.get_mut("ita_headings") else { panic!() };
            g.insert("results".into(), Value::List(vec!["ผล".into(), "มติ".into()]));
        });
        let (gone, came) = diff(HAND, &out);
        assert_eq!(gone, ["  results: [ผล]\r\n"], "{out}");
        assert_eq!(came, ["  results:\r\n", "    - ผล\r\n", "    - มติ\r\n"], "{out}");
        assert!(out.ends_with(
            "  # หัวข้อผล\r\n  results:\r\n    - ผล\r\n    - มติ\r\n  usage:\r\n    - การนำผล   # เดิม\r\n"
        ));
    }
}

#[cfg(test)]
mod attendee_tests {
    use super::*;
    const MEETING: &[Field] = crate::load::schema::MEETING.fields;
    const HAND: &str = "---\r\ntitle: ประชุม\r\ndate: 2567-10-20\r\nattendees:\r\n  # ฝ่ายบริหาร\r\n  - role: นายก   # ประธาน\r\n    count: 1\r\n  - {role: ประชาชน, count: 40}\r\n  # ท้ายตาราง\r\ndraft: false\r\n---\r\n\r\nข้อความ\r\n";

    fn rows(f: &mut FormData) -> &mut Vec<BTreeMap<String, String>> {
        match f.fields.get_mut("attendees") {
            Some(Value::Rows(r)) => r,
            _ => panic!(),
        }
    }

    #[test]
    fn attendee_rows_edited_keep_the_others_byte_for_byte() {
        type Edit = fn(&mut FormData);
        let edits: [(&str, Edit, &str); 3] = [
            (
                "a count",
                |f| {
                    rows(f)[1].insert("count".into(), "41".into());
                },
                "  - role: ประชาชน\r\n    count: 41\r\n",
            ),
            (
                "a row added",
                |f| {
                    rows(f).push(BTreeMap::from([
                        ("role".to_string(), "ผู้ใหญ่บ้าน".to_string()),
                        ("count".into(), "5".into()),
                    ]));
                },
                "  - {role: ประชาชน, count: 40}\r\n  - role: ผู้ใหญ่บ้าน\r\n    count: 5\r\n  # ท้ายตาราง\r\n",
            ),
            // The comment lines before the first row are the table's: they stay first.
            (
                "reordered",
                |f| rows(f).swap(0, 1),
                "attendees:\r\n  # ฝ่ายบริหาร\r\n  - {role: ประชาชน, count: 40}\r\n  - role: นายก   # ประธาน\r\n    count: 1\r\n  # ท้ายตาราง\r\n",
            ),
        ];
        for (what, edit, want) in edits {
            let mut s = Source::parse(HAND);
            let mut f = s.form(MEETING);
            edit(&mut f);
            s.apply(MEETING, &f);
            let out = s.text();
            assert!(out.contains(want), "{what}:\n{out}");
            assert!(out.contains("  - role: นายก   # ประธาน\r\n    count: 1\r\n"), "{what}:\n{out}");
            let back = Source::parse(&out).form(MEETING);
            assert_eq!(back.fields["attendees"], f.fields["attendees"], "{what}:\n{out}");
            let (_, d) = crate::load::check_text(&crate::load::schema::MEETING, "content/2568/x.md", &out);
            assert_eq!(d.errors(), 0, "{what}: {:?}", d.sorted());
        }
    }
}
