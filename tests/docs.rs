//! The documentation keeps up with the codes: `docs/design.md` lists every code of
//! `src/diagnostics/code.rs` in order, with its name, and the Thai guide has a row for
//! each, so that a code added without docs fails here; and the field tables of both are
//! the declaration of `load::schema`, so that a field added there needs its rows here.

use prongsai::diagnostics::Code;
use std::collections::BTreeSet;

fn read(path: &str) -> String {
    let p = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(path);
    std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

/// The lines of the `## ` section whose heading starts with `heading`, up to the next one.
fn section<'a>(text: &'a str, heading: &str) -> Vec<&'a str> {
    let mut lines = text.lines().skip_while(|l| !l.starts_with(&format!("## {heading}")));
    assert!(lines.next().is_some(), "no section \"## {heading}\"");
    lines.take_while(|l| !l.starts_with("## ")).collect()
}

/// The cells of a Markdown table row (`| a | b |` → `["a", "b"]`), or None. A `\|` is a
/// pipe inside a cell, as Markdown writes one.
fn cells(line: &str) -> Option<Vec<&str>> {
    let inner = line.trim().strip_prefix('|')?.strip_suffix('|')?;
    let mut out = Vec::new();
    let mut start = 0;
    let b = inner.as_bytes();
    for i in 0..b.len() {
        if b[i] == b'|' && (i == 0 || b[i - 1] != b'\\') {
            out.push(inner[start..i].trim());
            start = i + 1;
        }
    }
    out.push(inner[start..].trim());
    Some(out)
}

/// Every `PS` followed by four digits in `text`.
fn codes_in(text: &str) -> BTreeSet<&str> {
    let b = text.as_bytes();
    (0..b.len().saturating_sub(5))
        .filter(|&i| b[i..].starts_with(b"PS") && b[i + 2..i + 6].iter().all(u8::is_ascii_digit))
        .filter(|&i| i == 0 || !b[i - 1].is_ascii_alphanumeric())
        .map(|i| &text[i..i + 6])
        .collect()
}

fn known() -> BTreeSet<&'static str> {
    Code::ALL.iter().map(|c| c.id()).collect()
}

#[test]
fn design_lists_every_code_in_order_with_its_name() {
    let design = read("docs/design.md");
    let rows: Vec<Vec<&str>> = section(&design, "Diagnostics and their codes")
        .into_iter()
        .filter_map(cells)
        .filter(|c| c[0].starts_with("PS"))
        .collect();
    let listed: Vec<(&str, &str)> = rows.iter().map(|c| (c[0], c[1].trim_matches('`'))).collect();
    let expected: Vec<(&str, &str)> = Code::ALL.iter().map(|c| (c.id(), c.name())).collect();
    // The first difference, not two lists of 48 to compare by eye.
    let at =
        listed.iter().zip(&expected).position(|(a, b)| a != b).unwrap_or(listed.len().min(expected.len()));
    assert_eq!(
        listed.get(at),
        expected.get(at),
        "docs/design.md's table of codes differs from Code::ALL at row {} (listed {}, Code::ALL {})",
        at + 1,
        listed.len(),
        expected.len()
    );
    for c in &rows {
        assert_eq!(c.len(), 4, "| code | name | severity | meaning |: {c:?}");
        assert!(["error", "warning", "error or warning"].contains(&c[2]), "severity of {}: {:?}", c[0], c[2]);
        assert!(!c[3].is_empty(), "{} has no meaning", c[0]);
    }
}

#[test]
fn thai_guide_has_a_row_for_every_code() {
    let guide = read("docs/guide-th.md");
    let keyed: BTreeSet<&str> = section(&guide, "8. ")
        .into_iter()
        .filter_map(cells)
        .filter(|c| c.len() == 4 && c[0].starts_with("PS"))
        .map(|c| c[0])
        .collect();
    let missing: Vec<&str> = known().into_iter().filter(|id| !keyed.contains(id)).collect();
    assert!(missing.is_empty(), "docs/guide-th.md section 8 has no row for {missing:?}");
}

#[test]
fn docs_name_only_codes_that_exist() {
    for file in ["README.md", "docs/design.md", "docs/guide-th.md"] {
        let text = read(file);
        let unknown: Vec<&str> = codes_in(&text).into_iter().filter(|id| !known().contains(id)).collect();
        assert!(
            unknown.is_empty(),
            "{file} names codes that src/diagnostics/code.rs does not have: {unknown:?}"
        );
    }
}

// ---- field tables, held to load::schema ---------------------------------------------

use prongsai::load::schema::{self, DocKind, Field, FieldKind};

/// The rows (cells) of the first table after the heading (any level) that starts with
/// `heading`, without its header and separator rows.
fn table(text: &str, heading: &str) -> Vec<Vec<String>> {
    // Lines of fenced code are not headings or tables.
    let mut fenced = false;
    let prose = text.lines().filter(|l| {
        if l.starts_with("```") {
            fenced = !fenced;
            return false;
        }
        !fenced
    });
    let mut lines = prose
        .skip_while(|l| !(l.starts_with('#') && l.trim_start_matches('#').trim_start().starts_with(heading)));
    assert!(lines.next().is_some(), "no heading \"{heading}\"");
    let rows: Vec<Vec<String>> = lines
        .take_while(|l| !l.starts_with('#'))
        .skip_while(|l| cells(l).is_none())
        .map_while(cells)
        .map(|c| c.into_iter().map(String::from).collect())
        .collect();
    assert!(rows.len() > 2, "no table after \"{heading}\"");
    rows[2..].to_vec()
}

/// `` `key` `` → `key`.
fn key_of(cell: &str) -> &str {
    cell.trim_matches('`')
}

/// How docs/design.md's tables write the type of a field of this kind.
fn design_type(kind: &FieldKind) -> String {
    let keys = |fields: &[Field]| fields.iter().map(|f| f.key).collect::<Vec<_>>().join(", ");
    match kind {
        FieldKind::Text => "text".into(),
        FieldKind::LongText => "long text".into(),
        FieldKind::Date => "date".into(),
        FieldKind::Time => "time".into(),
        FieldKind::Integer => "whole number".into(),
        FieldKind::Bool => "`true` or `false`".into(),
        FieldKind::Slug => "slug".into(),
        FieldKind::FiscalYear => "fiscal year (B.E.)".into(),
        FieldKind::TextList => "list of text".into(),
        FieldKind::Attachments => "list of paths".into(),
        FieldKind::Url => "URL".into(),
        FieldKind::ItaItem => "OIT item code".into(),
        FieldKind::Choice(options) => {
            options.iter().map(|(v, _)| format!("`{v}`")).collect::<Vec<_>>().join(" or ")
        }
        FieldKind::Group(f) => format!("`{{{}}}`", keys(f)),
        FieldKind::ByYear(f) => format!("map of fiscal year → `{{{}}}`", keys(f)),
        FieldKind::Attendees | FieldKind::Links | FieldKind::Rows(_) => {
            format!("list of `{{{}}}`", keys(kind.fields().unwrap_or_default()))
        }
    }
}

/// The keys of `rows` in order, and each declared key's row.
fn check_keys_listed<'r>(
    doc: &str,
    heading: &str,
    kind: &DocKind,
    rows: &'r [Vec<String>],
) -> Vec<(&'static Field, &'r [String])> {
    let listed: Vec<&str> = rows.iter().map(|r| key_of(&r[0])).collect();
    let declared: Vec<&str> = kind.fields.iter().map(|f| f.key).collect();
    assert_eq!(
        listed, declared,
        "{doc} \"{heading}\": the table's keys, in order, differ from load::schema's {}",
        kind.id
    );
    kind.fields.iter().zip(rows.iter().map(|r| r.as_slice())).collect()
}

#[test]
fn design_field_tables_are_the_declaration() {
    let text = read("docs/design.md");
    for (heading, kind) in [
        ("site.yaml", &schema::SITE),
        ("Fields", &schema::MEETING),
        ("Disclosure pages", &schema::DISCLOSURE),
    ] {
        let rows = table(&text, heading);
        for (field, row) in check_keys_listed("docs/design.md", heading, kind, &rows) {
            assert_eq!(
                row[1],
                design_type(&field.kind),
                "docs/design.md \"{heading}\": type of `{}`",
                field.key
            );
            assert_eq!(
                row[2].starts_with("yes"),
                field.required,
                "docs/design.md \"{heading}\": `{}` required is {}",
                field.key,
                field.required
            );
        }
    }
}

#[test]
fn thai_guide_field_tables_are_the_declaration() {
    let text = read("docs/guide-th.md");
    for (heading, kind) in [
        ("2. สร้างเว็บไซต์ใหม่และตั้งค่า site.yaml", &schema::SITE),
        ("ตัวอย่างไฟล์การประชุมที่ครบถ้วน", &schema::MEETING),
        ("ช่องในส่วนหัวของหน้าเปิดเผยข้อมูล", &schema::DISCLOSURE),
    ] {
        let rows = table(&text, heading);
        for (field, row) in check_keys_listed("docs/guide-th.md", heading, kind, &rows) {
            let at = format!("docs/guide-th.md \"{heading}\": `{}`", field.key);
            assert_eq!(row[1], field.label, "{at}: the label (ชื่อในหน้าแก้ไข) is load::schema's");
            assert_eq!(row[2] == "ต้องมี", field.required, "{at}: ต้องมี only for a required field");
            // The keys inside a row or a group are named in its meaning.
            for inner in field.kind.fields().unwrap_or_default() {
                assert!(row[3].contains(&format!("`{}`", inner.key)), "{at}: names `{}`", inner.key);
            }
        }
    }
}
