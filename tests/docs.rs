//! The documentation keeps up with the codes: `docs/design.md` lists every code of
//! `src/diagnostics/code.rs` in order, with its name, and the Thai guide has a row for
//! each, so that a code added without docs fails here.

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
