//! The documentation keeps up with the codes: `docs/design.md` lists every code of
//! `src/diagnostics/code.rs` in order, with its name, and the Thai guide has a row for
//! each, so that a code added without docs fails here. The guide is a page: `serve` shows
//! it at `/__prongsai/guide/` with an anchor for every code, its table of contents and
//! pictures working, and `guide-html` writes it as one file with the pictures inside.

mod support;

use prongsai::diagnostics::Code;
use std::collections::BTreeSet;
use support::*;

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

/// What a guide page must have: the guide's title, an element with each code as its id,
/// every `#…` link of its own landing on an id; the `<img>` sources.
fn assert_guide_page(html: &str) -> Vec<String> {
    let doc = scraper::Html::parse_document(html);
    let title = read("docs/guide-th.md").lines().next().unwrap().trim_start_matches("# ").to_string();
    assert_eq!(texts(&doc, "h1"), [title]);
    let ids: BTreeSet<String> = attrs(&doc, "[id]", "id").into_iter().collect();
    let missing: Vec<&str> = known().into_iter().filter(|c| !ids.contains(*c)).collect();
    assert!(missing.is_empty(), "the guide page has no anchor for {missing:?}");
    for code in known() {
        assert_eq!(attrs(&doc, &format!("a#{code}"), "href"), [format!("#{code}")], "{code}");
    }
    let dangling: Vec<String> = attrs(&doc, "a[href^='#']", "href")
        .into_iter()
        .map(|h| percent_encoding::percent_decode_str(&h[1..]).decode_utf8_lossy().into_owned())
        .filter(|h| !ids.contains(h))
        .collect();
    assert!(dangling.is_empty(), "links inside the guide that go nowhere: {dangling:?}");
    attrs(&doc, "img", "src")
}

#[test]
fn serve_shows_the_guide_with_an_anchor_for_every_code_and_its_pictures() {
    let site = TestSite::new().with_three_meetings();
    let s = site.serve(&[]);
    let r = get(s.port, "/__prongsai/guide/");
    assert_eq!(r.status, 200);
    assert_eq!(r.header("content-type"), Some("text/html; charset=utf-8"));
    let images = assert_guide_page(&r.text());
    assert!(images.len() >= 3, "the editor chapter's pictures: {images:?}");
    for src in images {
        assert!(src.starts_with("images/") && src.ends_with(".png"), "{src}");
        let img = get(s.port, &format!("/__prongsai/guide/{src}"));
        assert_eq!((img.status, img.header("content-type")), (200, Some("image/png")), "{src}");
        assert!(img.body.starts_with(b"\x89PNG\r\n\x1a\n"), "{src} is not a PNG");
        let committed =
            std::fs::read(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs").join(&src));
        assert_eq!(Some(img.body), committed.ok(), "{src} differs from docs/{src}");
    }
    assert_eq!(get(s.port, "/__prongsai/guide/images/none.png").status, 404);
    // Every editor page links to it.
    let editor = get(s.port, "/__prongsai/edit/");
    assert_eq!(editor.status, 200);
    let doc = scraper::Html::parse_document(&editor.text());
    assert!(attrs(&doc, "nav a", "href").contains(&"/__prongsai/guide/".to_string()), "{}", editor.text());
    // Read-only and of no site: on the office network it is there too, the editor not.
    drop(s);
    let s = site.serve(&["--bind", "0.0.0.0"]);
    assert_eq!(get(s.port, "/__prongsai/guide/").status, 200);
    assert_eq!(get(s.port, "/__prongsai/edit/").status, 404);
}

#[test]
fn guide_html_writes_the_guide_as_one_file_with_its_pictures_inside() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("คู่มือ.html");
    let r = run(&["guide-html", out.to_str().unwrap()]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let html = std::fs::read_to_string(&out).unwrap();
    let images = assert_guide_page(&html);
    assert!(!images.is_empty());
    for src in images {
        assert!(src.starts_with("data:image/png;base64,"), "a picture left outside the file: {src}");
    }
    assert!(!html.contains("<nav"), "links to serve's pages in a file opened alone");
}
