//! serde_yaml's English errors turned into Thai a webmaster can act on: what is wrong,
//! how to fix it (with the line rewritten when we can), at the line of the mistake.
//!
//! The parser (libyaml) reports where it gave up, which is often the line *after* the
//! mistake (a missing space after `venue:` is found when the next key starts), and names
//! the construct it was reading ("while scanning a quoted scalar at line 1 column 8").
//! Both are read from its message, and the text itself is looked at to tell mistakes
//! apart. Each kind has its own code so the guide can explain it.

use super::{YamlError, content_col, key_match, significant_lines};
use crate::diagnostics::Code;

/// What the parser said, split into its parts.
struct Raw<'a> {
    /// "could not find expected ':'", without the path prefix and positions.
    problem: &'a str,
    /// "scanning a simple key", if given.
    context: &'a str,
    /// Line and column (1-based, in characters) of the construct being read.
    context_at: Option<(usize, usize)>,
}

impl<'a> Raw<'a> {
    fn parse(raw: &'a str) -> Self {
        let (head, tail) = match raw.find(", while ") {
            Some(i) => (&raw[..i], &raw[i + ", while ".len()..]),
            None => (raw, ""),
        };
        let (context, context_at) = split_mark(tail);
        let (problem, _) = split_mark(head);
        // Errors of serde (not libyaml) start with the path: "attendees[0]: duplicate ...".
        let problem = match problem.find(": ") {
            Some(i) if !problem[..i].contains(' ') => &problem[i + 2..],
            _ => problem,
        };
        Raw { problem, context, context_at }
    }
}

/// "text at line 3 column 5" → ("text", Some((3, 5))).
fn split_mark(s: &str) -> (&str, Option<(usize, usize)>) {
    let Some(i) = s.rfind(" at line ") else { return (s, None) };
    let mut nums = s[i + " at line ".len()..].split(" column ");
    let line = nums.next().and_then(|n| n.trim().parse().ok());
    let col = nums.next().and_then(|n| n.trim().parse().ok());
    match (line, col) {
        (Some(l), Some(c)) => (&s[..i], Some((l, c))),
        _ => (s, None),
    }
}

/// Byte offset of 1-based `line` and `col` (in characters), clamped to the text.
fn offset_at(text: &str, line: usize, col: usize) -> usize {
    let mut start = 0;
    for _ in 1..line {
        match text[start..].find('\n') {
            Some(i) => start += i + 1,
            None => return text.len(),
        }
    }
    let line_text = text[start..].split('\n').next().unwrap_or("");
    let line_text = line_text.trim_end_matches('\r');
    start + line_text.char_indices().nth(col.saturating_sub(1)).map_or(line_text.len(), |(i, _)| i)
}

/// The line around `off`: its start and its text without the line ending.
fn line_at(text: &str, off: usize) -> (usize, &str) {
    let off = floor_char(text, off);
    let start = text[..off].rfind('\n').map_or(0, |i| i + 1);
    let end = text[start..].find('\n').map_or(text.len(), |i| start + i);
    (start, text[start..end].trim_end_matches('\r'))
}

fn floor_char(text: &str, off: usize) -> usize {
    let mut off = off.min(text.len());
    while !text.is_char_boundary(off) {
        off -= 1;
    }
    off
}

/// A line shortened for quoting in a message.
fn quote_line(s: &str) -> String {
    let s = s.trim();
    let short: String = s.chars().take(50).collect();
    if short.len() < s.len() { format!("{short}…") } else { short }
}

/// `venue:ห้องประชุม` (a field name, a colon, no space): the line rewritten with the
/// space, and the offset in `line` just after the colon.
pub fn missing_space(line: &str) -> Option<(String, usize)> {
    let body = line.trim_start_matches([' ', '-']);
    let lead = line.len() - body.len();
    let name_len = body.bytes().take_while(|b| b.is_ascii_alphanumeric() || *b == b'_').count();
    if name_len == 0 || !body.as_bytes()[0].is_ascii_alphabetic() && body.as_bytes()[0] != b'_' {
        return None;
    }
    let after = body[name_len..].strip_prefix(':')?;
    // `http://…` is a URL, `a::b` is not a field; a space or the end is correct YAML.
    if after.is_empty() || after.starts_with([' ', '\t', ':', '/']) {
        return None;
    }
    Some((format!("{}: {}", &body[..name_len], after.trim_end()), lead + name_len + 1))
}

pub(super) fn explain(text: &str, raw: &str, loc: Option<usize>) -> YamlError {
    let r = Raw::parse(raw);
    let at = floor_char(text, loc.unwrap_or(0));
    let context_off = r.context_at.map(|(l, c)| offset_at(text, l, c));
    let (code, offset, thai) = classify(text, &r, at, context_off);
    // The parser's English stays out of the message (a webmaster reads Thai); JSON keeps it.
    YamlError {
        code,
        offset: Some(offset),
        message: format!("YAML ไม่ถูกต้อง: {thai}"),
        detail: Some(raw.to_string()),
    }
}

const INDENT_FIX: &str = "ให้เว้นช่องว่างหน้าบรรทัดเท่ากับบรรทัดอื่นในกลุ่มเดียวกัน เช่น ทุกแถว \"- role:\" ตรงกัน และ \"count:\" ตรงกับ \"role:\" ของแถวนั้น";

fn classify(text: &str, r: &Raw, at: usize, context_off: Option<usize>) -> (Code, usize, String) {
    let p = r.problem;
    let (line_start, line) = line_at(text, at);
    // A tab among the spaces that indent the line where the parser stopped.
    let indent = &line[..line.len() - line.trim_start_matches([' ', '\t']).len()];
    if p.contains("tab character") || indent.contains('\t') || text[at..].starts_with('\t') {
        let tab = if text[at..].starts_with('\t') { at } else { line_start + indent.find('\t').unwrap_or(0) };
        return (
            Code::YamlTab,
            tab,
            "ย่อหน้าด้วยแท็บ ซึ่ง YAML ไม่รับ ให้ลบแท็บแล้วเว้นด้วยช่องว่าง (เคาะแป้นเว้นวรรค) แทน เช่น \"  - role: ประชาชน\""
                .into(),
        );
    }
    if r.context.starts_with("scanning a quoted scalar") {
        let open = context_off.unwrap_or(at);
        return unclosed_quote(text, open);
    }
    if p.starts_with("did not find expected ',' or") && r.context.starts_with("parsing a flow") {
        let open = context_off.unwrap_or(at);
        let fix = if text[open..].starts_with('{') {
            "เปิดวงเล็บ { แล้วไม่ได้ปิด ให้ใส่ } ปิดท้ายในบรรทัดเดียวกัน เช่น 2568: {code: O20, name: การเปิดโอกาสให้เกิดการมีส่วนร่วม}"
        } else {
            "เปิดวงเล็บ [ แล้วไม่ได้ปิด ให้ใส่ ] ปิดท้ายในบรรทัดเดียวกัน เช่น topics: [ประเด็นแรก, ประเด็นที่สอง] หรือเขียนทีละบรรทัดแบบ \"- ประเด็นแรก\" โดยไม่ใช้วงเล็บ"
        };
        return (Code::YamlUnclosedBracket, open, fix.into());
    }
    if p.starts_with("duplicate entry") {
        return duplicate_key(text, p, at);
    }
    if p.contains("more than one document") {
        return stray_fence(text);
    }
    if p.starts_with("invalid type: integer") {
        // serde_yaml takes whole numbers up to u64 only
        return (
            Code::YamlSyntax,
            at,
            "ตัวเลขใหญ่เกินไป ถ้าเป็นรหัสหรือเลขที่เอกสาร ให้ครอบด้วยเครื่องหมายคำพูด เช่น \"0123456789012345678901\""
                .into(),
        );
    }
    if p.contains("recursion limit") || p.contains("repetition limit") {
        return (Code::YamlSyntax, at, "ข้อมูลซ้อนลึกหรือขยายซ้ำมากเกินไป".into());
    }
    // `venue:ห้องประชุม` is read as text that goes on until the parser trips on a later
    // line: the mistake is the first such line at or above where it stopped.
    let stop_line_end = text[at..].find('\n').map_or(text.len(), |i| at + i);
    for l in significant_lines(&text[..stop_line_end]) {
        if let Some((fixed, after_colon)) = missing_space(l.text) {
            return (
                Code::YamlMissingSpace,
                l.start + l.indent + after_colon,
                format!("ไม่มีช่องว่างหลังเครื่องหมาย : ใน \"{}\" ให้ใส่ช่องว่างหลัง : เป็น {fixed}", quote_line(l.text)),
            );
        }
    }
    if p.contains("cannot start any token")
        || ["scanning an alias", "scanning an anchor", "scanning a tag", "scanning a block scalar"]
            .iter()
            .any(|c| r.context.starts_with(c))
    {
        let start = context_off.unwrap_or(at);
        let c = text[start..].chars().next().unwrap_or('?');
        let (key, value) = split_key(line);
        let example = match key {
            Some(k) => format!("{k}: \"{}\"", value.trim().replace('"', "'")),
            None => format!("\"{}\"", value.trim().replace('"', "'")),
        };
        return (
            Code::YamlSpecialStart,
            start,
            format!("ค่าที่ขึ้นต้นด้วย {c} มีความหมายพิเศษใน YAML ให้ครอบทั้งค่าด้วยเครื่องหมายคำพูด เช่น {example}"),
        );
    }
    if p.starts_with("mapping values are not allowed") {
        let (key, value) = split_key(line);
        let key_colon = key.map(|k| line_start + line.find(k).unwrap_or(0) + k.len());
        if let Some(k) = key
            && key_colon.is_some_and(|kc| kc < at)
        {
            let v = value.trim();
            let example = if v.contains('"') { format!("{k}: '{v}'") } else { format!("{k}: \"{v}\"") };
            return (
                Code::YamlColonInValue,
                at,
                format!(
                    "ค่ามีเครื่องหมาย \": \" อยู่ข้างใน ซึ่ง YAML อ่านเป็นชื่อข้อมูลซ้อน ให้ครอบทั้งค่าด้วยเครื่องหมายคำพูด เช่น {example}"
                ),
            );
        }
        return indentation(line_start, line, "บรรทัดนี้ย่อหน้าลึกกว่าที่ควร");
    }
    if p.starts_with("did not find expected key") {
        // Text after a closing quote: either more words after a quoted value, or an
        // unclosed quote that a later quote seemed to close.
        let before = text[..at].trim_end_matches([' ', '\t']);
        if let Some(q) = before.chars().last().filter(|c| *c == '"' || *c == '\'') {
            let close = before.len() - 1;
            if let Some(open) = text[..close].rfind(q)
                && text[open..close].contains('\n')
            {
                return unclosed_quote(text, open);
            }
            return (
                Code::YamlSyntax,
                at,
                format!(
                    "มีข้อความต่อหลังเครื่องหมายคำพูดปิด {q} ให้ครอบทั้งค่าด้วยเครื่องหมายคำพูด หรือไม่ต้องใช้เครื่องหมายคำพูดเลย เช่น title: ประชุม \"แผนพัฒนา\" ประจำปี"
                ),
            );
        }
        return indentation(line_start, line, "บรรทัดนี้ย่อหน้าไม่ตรงกับบรรทัดก่อนหน้า");
    }
    if p.starts_with("did not find expected '-' indicator") {
        return indentation(line_start, line, "บรรทัดนี้ย่อหน้าไม่ตรงกับรายการ \"- ...\" ด้านบน");
    }
    if p.starts_with("could not find expected ':'") {
        let start = context_off.map_or(line_start, |o| line_at(text, o).0);
        let (s, l) = line_at(text, start);
        let indent = l.len() - l.trim_start().len();
        return (
            Code::YamlSyntax,
            s + indent,
            format!(
                "บรรทัด \"{}\" ไม่ได้เขียนแบบ ชื่อ: ค่า ถ้าเป็นข้อความต่อจากบรรทัดก่อน ให้เขียนต่อในบรรทัดเดียวกัน ถ้าเป็นรายการ ให้ขึ้นต้นด้วย \"- \"",
                quote_line(l)
            ),
        );
    }
    if p.starts_with("unknown anchor") {
        return (
            Code::YamlSyntax,
            at,
            "เครื่องหมาย * ต้นค่าเป็นการอ้างถึงค่าที่ตั้งชื่อไว้ด้วย & ซึ่งไม่มีในไฟล์นี้ ถ้าเป็นข้อความธรรมดา ให้ครอบทั้งค่าด้วยเครื่องหมายคำพูด เช่น venue: \"*ศาลา\"".into(),
        );
    }
    if p.contains("unknown escape character") {
        return (
            Code::YamlSyntax,
            at,
            "ในเครื่องหมายคำพูดคู่ (\" \") เครื่องหมาย \\ ตามด้วยตัวอักษรนี้ไม่มีความหมาย ให้เขียน \\\\ แทน \\ ตัวเดียว หรือใช้เครื่องหมายคำพูดเดี่ยว (' ') ครอบค่าแทน".into(),
        );
    }
    // Anything else: still Thai, at the line and column the parser gave.
    (
        Code::YamlSyntax,
        at,
        "อ่านข้อมูลส่วนหัวตรงนี้ไม่ได้ ให้ตรวจว่าแต่ละบรรทัดเขียนแบบ ชื่อ: ค่า (มีช่องว่างหลัง :) และย่อหน้าด้วยช่องว่างเท่ากับบรรทัดอื่นในกลุ่ม".into(),
    )
}

fn indentation(line_start: usize, line: &str, what: &str) -> (Code, usize, String) {
    let indent = line.len() - line.trim_start().len();
    (Code::YamlIndentation, line_start + indent, format!("{what} {INDENT_FIX}"))
}

/// `title: ประชุม: แผน` → (Some("title"), " ประชุม: แผน"); a line without a key → (None, line).
fn split_key(line: &str) -> (Option<&str>, &str) {
    let body = line.trim_start_matches([' ', '-']);
    match body.find(':') {
        Some(i) if i > 0 && !body[..i].contains(' ') => (Some(&body[..i]), &body[i + 1..]),
        _ => (None, body),
    }
}

fn unclosed_quote(text: &str, open: usize) -> (Code, usize, String) {
    let q = text[open..].chars().next().filter(|c| *c == '"' || *c == '\'').unwrap_or('"');
    (
        Code::YamlUnclosedQuote,
        open,
        format!("เปิดเครื่องหมายคำพูด {q} แล้วไม่ได้ปิด ให้ใส่ {q} ปิดท้ายค่าในบรรทัดเดียวกัน เช่น title: {q}ประชุมประชาคม{q}"),
    )
}

/// serde_yaml says which key and where the mapping starts (the top: offset 0); the
/// second entry of that key at the mapping's own column is the mistake.
fn duplicate_key(text: &str, problem: &str, at: usize) -> (Code, usize, String) {
    let key = problem.split('"').nth(1).unwrap_or("");
    let lines = significant_lines(text);
    let mut found: Vec<usize> = Vec::new();
    if let Some(j) = lines.iter().rposition(|l| l.start <= at) {
        let (col, _) = content_col(&lines, j);
        for i in j..lines.len() {
            let (c, t) = if i == j { content_col(&lines, i) } else { (lines[i].indent, lines[i].text) };
            if i > j && lines[i].indent < col {
                break;
            }
            if c == col && !t.starts_with('-') && key_match(t, key).is_some() {
                found.push(i);
            }
        }
    }
    let message = |first: &str| {
        format!(
            "ชื่อข้อมูล \"{key}\" ซ้ำกับที่เขียนไว้ข้างบน ({first}) ชื่อเดียวกันใส่ได้ครั้งเดียวในกลุ่ม ให้ลบบรรทัดที่ซ้ำ หรือรวมค่าไว้ในบรรทัดเดียว"
        )
    };
    match found.as_slice() {
        [first, second, ..] => {
            let (_, first_text) = content_col(&lines, *first);
            let dup = lines[*second].start + lines[*second].indent;
            (Code::YamlDuplicateKey, dup, message(&format!("\"{}\"", quote_line(first_text))))
        }
        _ => (Code::YamlDuplicateKey, at, message("ในกลุ่มเดียวกัน")),
    }
}

/// A `---` (or `...`) line after the first entry: YAML reads a second document.
fn stray_fence(text: &str) -> (Code, usize, String) {
    let lines = significant_lines(text);
    let fence = |t: &str| matches!(t.trim_end(), "---" | "...");
    let first_entry = lines.iter().position(|l| !fence(l.text)).unwrap_or(0);
    let off = lines[first_entry..].iter().find(|l| l.indent == 0 && fence(l.text)).map_or(0, |l| l.start);
    (Code::YamlStrayFence, off, STRAY_FENCE.into())
}

/// Also used when a meeting file's front matter is closed early by a stray `---`.
pub const STRAY_FENCE: &str = "มีบรรทัด --- อยู่กลางข้อมูล (YAML อ่านเป็นข้อมูลชุดที่สอง) ให้ลบบรรทัดนี้ ในไฟล์การประชุม --- ใช้ได้แค่บรรทัดเปิดและบรรทัดปิดของข้อมูลส่วนหัว";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_parts_of_libyaml_messages() {
        let r = Raw::parse(
            "could not find expected ':' at line 3 column 1, while scanning a simple key at line 2 column 1",
        );
        assert_eq!(r.problem, "could not find expected ':'");
        assert_eq!(r.context, "scanning a simple key");
        assert_eq!(r.context_at, Some((2, 1)));
        let r = Raw::parse("attendees[0]: duplicate entry with key \"role\" at line 2 column 5");
        assert_eq!(r.problem, "duplicate entry with key \"role\"");
        assert_eq!(offset_at("ab\nกขค\n", 2, 3), 3 + 6);
        assert_eq!(offset_at("ab\n", 9, 1), 3);
    }

    #[test]
    fn missing_space_is_a_field_name_then_colon() {
        assert_eq!(missing_space("venue:ห้องประชุม"), Some(("venue: ห้องประชุม".into(), 6)));
        assert_eq!(missing_space("  - role:ประชาชน"), Some(("role: ประชาชน".into(), 9)));
        assert_eq!(missing_space("venue: ห้องประชุม"), None);
        assert_eq!(missing_space("venue:"), None);
        assert_eq!(missing_space("https://example.go.th"), None);
        assert_eq!(missing_space("ห้อง:ประชุม"), None);
    }

    #[test]
    fn any_mix_of_mistakes_gives_an_offset_inside_the_text() {
        let parts = [
            "title: ก\n",
            "venue:ห้อง\n",
            "\t- a\n",
            "x: \"ก\n",
            "y: 'ข\n",
            "  - role: ก\n",
            "   count: 1\n",
            "---\n",
            "...\n",
            "z: [ก, \n",
            "w: {ก: 1\n",
            "t: ก: ข\n",
            "title: ค\n",
            "* ก\n",
            "ห้อง\n",
            "\r\n",
            "#c\n",
            "- ก\n",
            " - ข\n",
            "k: \"ก\" ข\n",
            "",
            ":",
            "\"",
            "ก",
        ];
        let mut seed = 7u64;
        for _ in 0..3000 {
            let mut t = String::new();
            for _ in 0..(seed % 6 + 1) {
                seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                t.push_str(parts[(seed >> 33) as usize % parts.len()]);
            }
            if let Err(e) = super::super::parse(&t) {
                let off = e.offset.unwrap();
                assert!(off <= t.len() && t.is_char_boundary(off), "{t:?}: {e:?}");
                assert!(e.message.starts_with("YAML ไม่ถูกต้อง: "), "{t:?}: {e:?}");
            }
        }
    }
}
