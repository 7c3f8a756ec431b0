//! The documentation keeps up with the codes: `docs/design.md` lists every code of
//! `src/diagnostics/code.rs` in order, with its name, and the Thai guide has a row for
//! each, so that a code added without docs fails here; and the field tables of both are
//! the declaration of `load::schema`, so that a field added there needs its rows here. The
//! guide is a page: `serve` shows it at `/__prongsai/guide/` with an anchor for every code,
//! its table of contents and pictures working, and `guide-html` writes it as one file with
//! the pictures inside.

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

/// The links of a page that leave it for another page of this program or a file beside
/// it: not `#…`, not another site, not a picture inside the page.
fn outward_links(html: &str) -> Vec<String> {
    let doc = scraper::Html::parse_document(html);
    attrs(&doc, "a[href]", "href")
        .into_iter()
        .filter(|h| {
            !h.starts_with('#') && !h.contains("://") && !h.starts_with("mailto:") && !h.starts_with("data:")
        })
        .collect()
}

/// `href` as the browser resolves it on the page at `page` (a path), `..` and all.
fn resolve(page: &str, href: &str) -> String {
    let href = href.split('#').next().unwrap_or("");
    if href.starts_with('/') {
        return href.to_string();
    }
    let mut parts: Vec<&str> = page.split('/').collect();
    parts.pop();
    for seg in href.split('/') {
        match seg {
            ".." => {
                if parts.len() > 1 {
                    parts.pop();
                }
            }
            "." => {}
            s => parts.push(s),
        }
    }
    parts.join("/")
}

/// Every link of the guide as `serve` shows it (alone and in the editor's frame) lands on
/// a page that is there: the example site's disclosure pages it points to included, and
/// each file that page lists.
#[test]
fn every_link_of_the_guide_lands_under_serve() {
    let site = TestSite::new().with_three_meetings();
    let s = site.serve(&[]);
    let mut broken = Vec::new();
    let mut seen = BTreeSet::new();
    for page in ["/__prongsai/guide/", "/__prongsai/edit/guide"] {
        let html = get(s.port, page).text();
        let links = outward_links(&html);
        assert!(links.iter().any(|l| l.contains("content/2569/ita/")), "{page}: no link to the examples");
        for href in links {
            let path = resolve(page, &href);
            if !seen.insert(path.clone()) {
                continue;
            }
            // A redirect (the site's address `/` to its base) is followed.
            let mut r = get(s.port, &path);
            for _ in 0..3 {
                match r.header("location") {
                    Some(to) if (300..400).contains(&r.status) => r = get(s.port, &resolve(&path, to)),
                    _ => break,
                }
            }
            if r.status != 200 {
                broken.push(format!("{page}: {href} → {path}: {}", r.status));
            }
        }
    }
    assert!(broken.is_empty(), "guide links that go nowhere:\n{}", broken.join("\n"));
    // The examples: every OIT page of the example site's 2569, each file's text there.
    let page = "/__prongsai/guide/content/2569/ita/";
    let html = get(s.port, page).text();
    let doc = scraper::Html::parse_document(&html);
    let files = attrs(&doc, "main li a", "href");
    let committed =
        std::fs::read_dir(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("content/2569/ita"))
            .unwrap()
            .count();
    assert_eq!(files.len(), committed, "{html}");
    assert!(texts(&doc, "main li").iter().any(|t| t.starts_with("O1 ")), "{html}");
    for f in files {
        let r = get(s.port, &resolve(page, &f));
        assert_eq!((r.status, r.header("content-type")), (200, Some("text/plain; charset=utf-8")), "{f}");
        assert!(r.text().contains("ita_item:"), "{f}");
    }
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
        let name = src.strip_prefix("/__prongsai/guide/images/").unwrap_or_else(|| panic!("{src}"));
        assert!(name.ends_with(".png"), "{src}");
        let img = get(s.port, &src);
        assert_eq!((img.status, img.header("content-type")), (200, Some("image/png")), "{src}");
        assert!(img.body.starts_with(b"\x89PNG\r\n\x1a\n"), "{src} is not a PNG");
        let committed =
            std::fs::read(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/images").join(name))
                .unwrap_or_else(|e| panic!("docs/images/{name}: {e}"));
        assert!(img.body == committed, "{src} differs from docs/images/{name}");
    }
    assert_eq!(get(s.port, "/__prongsai/guide/images/none.png").status, 404);
    // Every editor page links to the guide in the editor's frame: the same text, anchors
    // and pictures.
    let editor = get(s.port, "/__prongsai/edit/");
    assert_eq!(editor.status, 200);
    let doc = scraper::Html::parse_document(&editor.text());
    assert!(
        attrs(&doc, "nav a", "href").contains(&"/__prongsai/edit/guide".to_string()),
        "{}",
        editor.text()
    );
    let framed = get(s.port, "/__prongsai/edit/guide");
    assert_eq!(framed.status, 200);
    let doc = scraper::Html::parse_document(&framed.text());
    let ids: BTreeSet<String> = attrs(&doc, "[id]", "id").into_iter().collect();
    assert!(known().iter().all(|c| ids.contains(*c)), "the editor's guide lacks a code's anchor");
    assert_eq!(texts(&doc, "h1").len(), 1, "one h1: the guide's title a level down");
    assert_eq!(attrs(&doc, "img", "src"), attrs(&scraper::Html::parse_document(&r.text()), "img", "src"));
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
    // Its links to files land in the release archive's layout: the example site is the
    // folder ตัวอย่าง beside it, a copy of this repository's site.yaml, content/ and
    // static/ (scripts/dist.sh).
    let links = outward_links(&html);
    assert!(!links.is_empty());
    for href in links {
        let decoded = percent_encoding::percent_decode_str(&href).decode_utf8_lossy().into_owned();
        let rest = decoded
            .strip_prefix("ตัวอย่าง/")
            .unwrap_or_else(|| panic!("{href}: not in the example's folder beside คู่มือ.html"));
        assert!(
            ["site.yaml", "content/", "static/"].iter().any(|p| rest.starts_with(p)),
            "{href}: not copied by dist.sh"
        );
        let at = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(rest);
        assert!(at.exists(), "{href}: no {}", at.display());
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
