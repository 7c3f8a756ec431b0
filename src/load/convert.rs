//! Turning a [`Yaml`] tree into typed values while collecting every problem with the
//! line and column it stands at. Shared by `site.yaml` and meeting front matter.

use super::schema::Field;
use super::yaml::{self, Seg, Yaml};
use crate::calendar;
use crate::diagnostics::{Code, Diagnostics, Pos, Severity, line_col};

/// Most problems one file may report; past that they are summed up in one line, so a
/// pathological file cannot flood the terminal or make locating quadratic.
const MAX_PER_FILE: usize = 50;

pub struct Ctx<'a> {
    pub file: &'a str,
    /// The whole file, for line and column.
    pub text: &'a str,
    pub yaml: &'a str,
    pub yaml_offset: usize,
    pub diags: &'a mut Diagnostics,
    reported: usize,
    suppressed: usize,
    /// Errors among the suppressed: the summary line is an error only if one was.
    suppressed_errors: usize,
}

impl<'a> Ctx<'a> {
    pub fn new(
        file: &'a str,
        text: &'a str,
        yaml: &'a str,
        yaml_offset: usize,
        diags: &'a mut Diagnostics,
    ) -> Self {
        Ctx { file, text, yaml, yaml_offset, diags, reported: 0, suppressed: 0, suppressed_errors: 0 }
    }

    pub fn pos(&self, path: &[Seg]) -> Pos {
        line_col(self.text, self.yaml_offset + yaml::locate(self.yaml, path))
    }

    pub fn pos_of_offset(&self, offset: usize) -> Pos {
        line_col(self.text, offset)
    }

    /// Lines of the file on which the items of the block sequence at `path` stand, in one
    /// pass over the text (a long list would make [`Ctx::pos`] per item quadratic).
    pub fn item_lines(&self, path: &[Seg]) -> Vec<usize> {
        let mut line = 1;
        let mut at = 0;
        yaml::locate_items(self.yaml, path)
            .into_iter()
            .map(|o| {
                let o = (self.yaml_offset + o).min(self.text.len());
                line += self.text.as_bytes()[at.min(o)..o].iter().filter(|&&b| b == b'\n').count();
                at = at.max(o);
                line
            })
            .collect()
    }

    fn room(&mut self) -> bool {
        if self.reported >= MAX_PER_FILE {
            self.suppressed += 1;
            return false;
        }
        self.reported += 1;
        true
    }

    fn room_for_error(&mut self) -> bool {
        let room = self.room();
        if !room {
            self.suppressed_errors += 1;
        }
        room
    }

    pub fn error(&mut self, code: Code, path: &[Seg], msg: impl AsRef<str>) {
        if self.room_for_error() {
            let pos = self.pos(path);
            let msg = prefixed(path, msg.as_ref());
            self.diags.error(code, self.file, pos, msg);
        }
    }

    pub fn warning(&mut self, code: Code, path: &[Seg], msg: impl AsRef<str>) {
        if self.room() {
            let pos = self.pos(path);
            let msg = prefixed(path, msg.as_ref());
            self.diags.warning(code, self.file, pos, msg);
        }
    }

    pub fn error_at(&mut self, code: Code, pos: Pos, msg: impl Into<String>) {
        if self.room_for_error() {
            self.diags.error(code, self.file, pos, msg);
        }
    }

    pub fn warning_at(&mut self, code: Code, pos: Pos, msg: impl Into<String>) {
        if self.room() {
            self.diags.warning(code, self.file, pos, msg);
        }
    }

    /// Says how many problems were left out, if any. Call once at the end of a file.
    pub fn finish(self) {
        if self.suppressed > 0 {
            let severity = if self.suppressed_errors > 0 { Severity::Error } else { Severity::Warning };
            self.diags.push(
                severity,
                Code::MoreProblems,
                self.file,
                Pos::default(),
                format!("และปัญหาอื่นอีก {} รายการในไฟล์นี้ (แสดงเพียง {MAX_PER_FILE} รายการแรก)", self.suppressed),
            );
        }
    }

    /// Warns for each key that none of `fields` (the declaration, [`super::schema`]) has,
    /// with the nearest declared key as a suggestion.
    pub fn check_keys(&mut self, map: &[(String, Yaml)], path: &[Seg], fields: &[Field]) {
        self.unknown_keys(map, path, fields.iter().map(|f| f.key));
    }

    /// Warns for each key not in `known`, with the nearest known key as a suggestion.
    pub fn check_key_names(&mut self, map: &[(String, Yaml)], path: &[Seg], known: &[&str]) {
        self.unknown_keys(map, path, known.iter().copied());
    }

    fn unknown_keys<'k>(
        &mut self,
        map: &[(String, Yaml)],
        path: &[Seg],
        known: impl Iterator<Item = &'k str> + Clone,
    ) {
        for (key, _) in map {
            if known.clone().any(|k| k == key) {
                continue;
            }
            if self.reported >= MAX_PER_FILE {
                // Not even located: a file of 100,000 unknown keys must stay linear.
                self.suppressed += 1;
                continue;
            }
            let best = known
                .clone()
                .map(|k| (strsim::levenshtein(k, key), k))
                .min()
                .filter(|(d, k)| *d <= 2.max(k.len() / 3));
            let p = child(path, Seg::Key(key.clone()));
            let pos = line_col(self.text, self.yaml_offset + yaml::locate_key(self.yaml, &p));
            let msg = match best {
                Some((_, k)) => format!("ไม่รู้จักข้อมูลชื่อ \"{key}\" (หมายถึง \"{k}\" หรือไม่)"),
                None => format!(
                    "ไม่รู้จักข้อมูลชื่อ \"{key}\" จะไม่ถูกใช้ (ชื่อที่ใช้ได้: {})",
                    known.clone().collect::<Vec<_>>().join(", ")
                ),
            };
            self.warning_at(Code::UnknownKey, pos, prefixed(&p, &msg));
        }
    }

    /// A text value. Numbers and booleans are taken as written (a title may be `2567`):
    /// a number is the text of the source (`9.30`, `09.00`), not what YAML made of it.
    pub fn string(&mut self, v: &Yaml, path: &[Seg]) -> Option<String> {
        match v {
            Yaml::Str(s) => Some(s.clone()),
            Yaml::Int(i) => Some(self.as_written(v, path).unwrap_or_else(|| i.to_string())),
            Yaml::Float(f) => Some(self.as_written(v, path).unwrap_or_else(|| f.to_string())),
            Yaml::Bool(b) => Some(b.to_string()),
            other => {
                self.error(Code::WrongType, path, format!("ต้องเป็นข้อความ แต่พบ {}", other.describe()));
                None
            }
        }
    }

    /// The source text of the scalar `v` at `path`, if it reads back as `v` (so a value
    /// that could not be located is never replaced by another's text).
    pub fn as_written(&self, v: &Yaml, path: &[Seg]) -> Option<String> {
        let raw = yaml::source_text(self.yaml, path)?;
        (yaml::parse(raw).ok().as_ref() == Some(v)).then(|| raw.to_string())
    }

    /// A required, non-empty text value: the field of `key` among `fields`, which names it
    /// in messages by its Thai label.
    pub fn required_string(
        &mut self,
        map: &[(String, Yaml)],
        key: &str,
        path: &[Seg],
        fields: &[Field],
    ) -> Option<String> {
        let p = child(path, Seg::Key(key.into()));
        let what = fields.iter().find(|f| f.key == key).map_or(key, |f| f.label);
        match get(map, key) {
            None | Some(Yaml::Null) => {
                self.missing(key, path, fields);
                None
            }
            Some(v) => {
                let s = self.string(v, &p)?;
                if s.trim().is_empty() {
                    self.error(Code::EmptyField, &p, format!("{what}ต้องไม่ว่าง"));
                    return None;
                }
                Some(s.trim().to_string())
            }
        }
    }

    /// A required field missing: an error naming it by its key and Thai label.
    pub fn missing(&mut self, key: &str, path: &[Seg], fields: &[Field]) {
        let what = fields.iter().find(|f| f.key == key).map_or(key, |f| f.label);
        self.error(Code::MissingField, path, format!("ขาด {key} ({what}) ซึ่งต้องมี"));
    }

    pub fn optional_string(&mut self, map: &[(String, Yaml)], key: &str, path: &[Seg]) -> Option<String> {
        match get(map, key) {
            None | Some(Yaml::Null) => None,
            Some(v) => self
                .string(v, &child(path, Seg::Key(key.into())))
                .map(|s| s.trim().to_string())
                .filter(|s| !s.is_empty()),
        }
    }

    /// A whole number ≥ 0 in Arabic or Thai digits.
    pub fn whole(&mut self, v: &Yaml, path: &[Seg]) -> Option<u64> {
        let ok = match v {
            Yaml::Int(i) => u64::try_from(*i).ok(),
            Yaml::Str(s) => calendar::parse_whole_number(s),
            _ => None,
        };
        if ok.is_none() {
            self.error(
                Code::NotAWholeNumber,
                path,
                format!("ต้องเป็นจำนวนเต็มตั้งแต่ 0 ขึ้นไป แต่พบ {}", v.describe()),
            );
        }
        ok
    }

    /// A number of people as people type it: a whole number, optionally followed by the
    /// unit (`58 คน`, `๕๘ คน`, `58คน`). Errors as [`Ctx::whole`].
    pub fn count(&mut self, v: &Yaml, path: &[Seg]) -> Option<u64> {
        if let Yaml::Str(s) = v
            && let Some(n) = count_text(s)
        {
            return Some(n);
        }
        self.whole(v, path)
    }

    pub fn bool(&mut self, v: &Yaml, path: &[Seg]) -> Option<bool> {
        match v {
            Yaml::Bool(b) => Some(*b),
            other => {
                self.error(Code::WrongType, path, format!("ต้องเป็น true หรือ false แต่พบ {}", other.describe()));
                None
            }
        }
    }

    /// A list of texts; a single text is taken as a list of one.
    pub fn string_list(&mut self, v: &Yaml, path: &[Seg]) -> Vec<String> {
        match v {
            Yaml::Null => vec![],
            Yaml::Seq(items) => items
                .iter()
                .enumerate()
                // An empty "- " item is a blank left to fill, not a mistake.
                .filter(|(_, item)| **item != Yaml::Null)
                .filter_map(|(i, item)| self.string(item, &child(path, Seg::Index(i))))
                .map(|s| s.trim().to_string())
                .filter(|s| !s.is_empty())
                .collect(),
            Yaml::Str(s) if !s.trim().is_empty() => vec![s.trim().to_string()],
            other => {
                self.error(
                    Code::WrongType,
                    path,
                    format!("ต้องเป็นรายการ (แต่ละบรรทัดขึ้นต้นด้วย - ) แต่พบ {}", other.describe()),
                );
                vec![]
            }
        }
    }
}

/// `58 คน` → 58: the number before the unit คน, if that is all the text holds.
fn count_text(s: &str) -> Option<u64> {
    let number = crate::text::trim_space(s).strip_suffix("คน")?;
    calendar::parse_whole_number(number)
}

pub fn get<'v>(map: &'v [(String, Yaml)], key: &str) -> Option<&'v Yaml> {
    map.iter().find(|(k, _)| k == key).map(|(_, v)| v)
}

pub fn child(path: &[Seg], seg: Seg) -> Vec<Seg> {
    let mut p = path.to_vec();
    p.push(seg);
    p
}

pub fn key(k: &str) -> Vec<Seg> {
    vec![Seg::Key(k.into())]
}

fn prefixed(path: &[Seg], msg: &str) -> String {
    if path.is_empty() { msg.to_string() } else { format!("{}: {msg}", yaml::path_string(path)) }
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_count_may_end_in_its_unit() {
        assert_eq!(super::count_text("58 คน"), Some(58));
        assert_eq!(super::count_text("๕๘ คน"), Some(58));
        assert_eq!(super::count_text("58คน"), Some(58));
        assert_eq!(super::count_text("1,234 คน "), Some(1234));
        assert_eq!(super::count_text("คน"), None);
        assert_eq!(super::count_text("-3 คน"), None);
        assert_eq!(super::count_text("สี่ คน"), None);
        assert_eq!(super::count_text("58"), None, "no unit: read by whole()");
    }
}
