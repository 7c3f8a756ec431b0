//! Problems found in a site, reported compiler-style so editors can jump to them:
//! `error: content/2567/plan.md:14:12: attendees[2].count: ... [PS0301]`.
//!
//! Every stage pushes into one [`Diagnostics`] so that a single run reports every
//! problem in every file; nothing here stops at the first one. Each problem carries a
//! stable [`Code`], printed at the end of its line (as compilers print `[-Wflag]`, so
//! that editors' `file:line:col:` matchers still read it) and given in `--format json`.

mod code;

pub use code::Code;

use serde::{Serialize, Serializer};
use std::fmt;
use std::sync::Arc;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize)]
pub struct Diagnostic {
    pub severity: Severity,
    /// `"code": "PS0302"` and `"name": "duplicate-role"` in JSON.
    #[serde(flatten)]
    pub code: Code,
    /// Path relative to the site root, with `/` separators; empty for site-wide problems.
    pub file: String,
    /// 1-based line and column (in characters) of the file itself; 0 when unknown.
    pub line: usize,
    pub column: usize,
    /// In Thai, whole: what the human output prints.
    pub message: String,
    /// The words of a tool underneath, as it said them (the YAML parser's English), for
    /// those who search for them: only in `--format json`, never in the human output.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let kind = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(f, "{kind}: ")?;
        if !self.file.is_empty() {
            write!(f, "{}", self.file)?;
            if self.line > 0 {
                write!(f, ":{}:{}", self.line, self.column.max(1))?;
            }
            write!(f, ": ")?;
        }
        // One problem, one line: a message must never break the format.
        write!(f, "{} [{}]", self.message.replace(['\n', '\r'], " "), self.code.id())
    }
}

impl Serialize for Code {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut st = s.serialize_struct("Code", 2)?;
        st.serialize_field("code", self.id())?;
        st.serialize_field("name", self.name())?;
        st.end()
    }
}

/// A position in a source file, already converted to line and column.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Pos {
    pub line: usize,
    pub column: usize,
}

/// Line and column (1-based, column counted in characters) of a byte offset in `text`.
/// Offsets past the end or inside a character are clamped rather than trusted.
pub fn line_col(text: &str, offset: usize) -> Pos {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    Pos { line: before.matches('\n').count() + 1, column: before[line_start..].chars().count() + 1 }
}

#[derive(Clone, Debug, Default)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
    /// Lists kept by the caches between builds and shared, not copied, with each report:
    /// a site of 10,000 meetings can have 20,000 warnings. The order of items is never
    /// shown (see [`Diagnostics::sorted`]), so these simply count after `items`.
    shared: Vec<Arc<[Diagnostic]>>,
}

impl Diagnostics {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn push(&mut self, severity: Severity, code: Code, file: &str, pos: Pos, message: impl Into<String>) {
        self.items.push(Diagnostic {
            severity,
            code,
            file: file.to_string(),
            line: pos.line,
            column: pos.column,
            message: message.into(),
            detail: None,
        });
    }

    /// An error with the words of the tool underneath kept apart ([`Diagnostic::detail`]).
    pub fn error_with_detail(
        &mut self,
        code: Code,
        file: &str,
        pos: Pos,
        message: impl Into<String>,
        detail: Option<String>,
    ) {
        self.error(code, file, pos, message);
        if let Some(d) = self.items.last_mut() {
            d.detail = detail;
        }
    }

    pub fn error(&mut self, code: Code, file: &str, pos: Pos, message: impl Into<String>) {
        self.push(Severity::Error, code, file, pos, message);
    }

    pub fn warning(&mut self, code: Code, file: &str, pos: Pos, message: impl Into<String>) {
        self.push(Severity::Warning, code, file, pos, message);
    }

    pub fn extend(&mut self, other: Diagnostics) {
        self.items.extend(other.items);
        self.shared.extend(other.shared);
    }

    /// Adds a list kept elsewhere, without copying it.
    pub fn extend_shared(&mut self, other: &Arc<[Diagnostic]>) {
        if !other.is_empty() {
            self.shared.push(other.clone());
        }
    }

    fn all(&self) -> impl Iterator<Item = &Diagnostic> {
        self.items.iter().chain(self.shared.iter().flat_map(|s| s.iter()))
    }

    pub fn extend_from_slice(&mut self, other: &[Diagnostic]) {
        self.items.extend_from_slice(other);
    }

    /// Takes out the problems whose file is one of `files` (sorted), leaving the rest.
    pub fn take_files(&mut self, files: &[&str]) -> Diagnostics {
        if files.is_empty() || self.is_empty() {
            return Diagnostics::new();
        }
        let of = |d: &Diagnostic| files.binary_search(&d.file.as_str()).is_ok();
        if !self.all().any(of) {
            return Diagnostics::new();
        }
        let (taken, kept): (Vec<Diagnostic>, Vec<Diagnostic>) = self.all().cloned().partition(of);
        *self = Diagnostics { items: kept, shared: Vec::new() };
        Diagnostics { items: taken, shared: Vec::new() }
    }

    pub fn errors(&self) -> usize {
        self.all().filter(|d| d.severity == Severity::Error).count()
    }

    pub fn warnings(&self) -> usize {
        self.all().filter(|d| d.severity == Severity::Warning).count()
    }

    /// How many problems have `code`.
    pub fn with_code(&self, code: Code) -> usize {
        self.all().filter(|d| d.code == code).count()
    }

    /// The files that have a problem with `code`, each once, in order.
    pub fn files_with_code(&self, code: Code) -> Vec<String> {
        let mut files: Vec<String> = self.all().filter(|d| d.code == code).map(|d| d.file.clone()).collect();
        files.sort_unstable();
        files.dedup();
        files
    }

    pub fn has_errors(&self) -> bool {
        self.errors() > 0
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty() && self.shared.is_empty()
    }

    /// Sorted by file, line and column (then message, numbers by value: O4 before O11),
    /// so that output is the same from run to run even though files are parsed in parallel.
    pub fn sorted(&self) -> Vec<Diagnostic> {
        let mut items: Vec<Diagnostic> = self.all().cloned().collect();
        items.sort_by(|a, b| {
            (&a.file, a.line, a.column, a.severity)
                .cmp(&(&b.file, b.line, b.column, b.severity))
                .then_with(|| crate::text::natural_cmp(&a.message, &b.message))
                .then(a.code.cmp(&b.code))
        });
        items.dedup();
        items
    }

    /// The closing line, in Thai like the messages: `ข้อผิดพลาด 2 รายการ คำเตือน 1 รายการ
    /// จาก 41 ไฟล์` (`--format json` keeps its numeric fields for scripts).
    pub fn summary(&self, files: usize) -> String {
        format!("ข้อผิดพลาด {} รายการ คำเตือน {} รายการ จาก {files} ไฟล์", self.errors(), self.warnings())
    }

    pub fn to_json(&self, files: usize) -> String {
        #[derive(Serialize)]
        struct Report<'a> {
            diagnostics: &'a [Diagnostic],
            errors: usize,
            warnings: usize,
            files: usize,
        }
        let diagnostics = self.sorted();
        serde_json::to_string_pretty(&Report {
            diagnostics: &diagnostics,
            errors: self.errors(),
            warnings: self.warnings(),
            files,
        })
        .expect("diagnostics serialize")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_col_counts_thai_characters_not_bytes() {
        let text = "---\ntitle: ประชุม\ncount: สี่\n";
        let off = text.find("สี่").unwrap();
        assert_eq!(line_col(text, off), Pos { line: 3, column: 8 });
        assert_eq!(line_col(text, 0), Pos { line: 1, column: 1 });
        // inside a multi-byte character and past the end: clamped, no panic
        assert_eq!(line_col(text, off + 1).line, 3);
        assert_eq!(line_col(text, 10_000).line, 4);
    }

    #[test]
    fn format_is_compiler_style_and_one_line() {
        let mut d = Diagnostics::new();
        d.error(Code::NotAWholeNumber, "content/a.md", Pos { line: 14, column: 12 }, "x\ny");
        d.warning(Code::NoBaseUrl, "site.yaml", Pos::default(), "w");
        let s = d.sorted();
        assert_eq!(s[0].to_string(), "error: content/a.md:14:12: x y [PS0301]");
        assert_eq!(s[1].to_string(), "warning: site.yaml: w [PS0602]");
        assert_eq!(d.summary(41), "ข้อผิดพลาด 1 รายการ คำเตือน 1 รายการ จาก 41 ไฟล์");
        let json: serde_json::Value = serde_json::from_str(&d.to_json(41)).unwrap();
        assert_eq!(json["diagnostics"][0]["code"], "PS0301");
        assert_eq!(json["diagnostics"][0]["name"], "not-a-whole-number");
        assert_eq!(json["diagnostics"][1]["severity"], "warning");
        assert!(json["diagnostics"][0].get("detail").is_none(), "no detail, no field");
        let mut d = Diagnostics::new();
        let detail = Some("found a tab character".to_string());
        d.error_with_detail(Code::YamlTab, "a.md", Pos { line: 2, column: 1 }, "แท็บ", detail);
        assert_eq!(d.sorted()[0].to_string(), "error: a.md:2:1: แท็บ [PS0110]", "the detail is not printed");
        let json: serde_json::Value = serde_json::from_str(&d.to_json(1)).unwrap();
        assert_eq!(json["diagnostics"][0]["detail"], "found a tab character");
    }

    #[test]
    fn codes_are_unique_well_formed_and_in_order() {
        let mut ids: Vec<&str> = Code::ALL.iter().map(|c| c.id()).collect();
        assert!(
            ids.iter().all(|id| id.len() == 6
                && id.starts_with("PS")
                && id[2..].bytes().all(|b| b.is_ascii_digit()))
        );
        assert!(ids.windows(2).all(|w| w[0] < w[1]), "codes listed in order of their numbers: {ids:?}");
        ids.dedup();
        assert_eq!(ids.len(), Code::ALL.len());
        let mut names: Vec<&str> = Code::ALL.iter().map(|c| c.name()).collect();
        names.sort();
        names.dedup();
        assert_eq!(names.len(), Code::ALL.len());
        assert!(Code::ALL.iter().all(|c| !c.summary().is_empty()));
    }
}
