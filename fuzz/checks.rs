//! The checks of each fuzz target, shared by the fuzzers (`fuzz_targets/*.rs`) and by
//! `tests/fuzz_regressions.rs`, which replays every input the fuzzers ever crashed on.
//! Each function takes arbitrary bytes and panics on a bug: it never panics otherwise.
#![allow(dead_code)]

use prongsai::calendar::*;
use prongsai::diagnostics::{Diagnostics, Severity};
use prongsai::load::{SplitError, split_front_matter};
use prongsai::load::{decode, parse_meeting_text, safe_relative_path, valid_slug};
use prongsai::site::{BuildOptions, Site};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// A fence line, written independently of the splitter: `---`, then blanks, then CR/LF.
fn fence(line: &str) -> bool {
    line.trim_end_matches(['\r', '\n']).trim_end_matches([' ', '\t']) == "---"
}

/// The front-matter splitter: never panics, and its offsets point at what it returns.
pub fn frontmatter(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let mut lines = text.split_inclusive('\n');
    let first_is_fence = lines.next().is_some_and(fence);
    match split_front_matter(text) {
        Ok(s) => {
            assert!(first_is_fence);
            assert!(s.yaml_offset <= s.body_offset && s.body_offset <= text.len());
            assert_eq!(&text[s.yaml_offset..s.yaml_offset + s.yaml.len()], s.yaml);
            assert_eq!(&text[s.body_offset..], s.body);
            assert!(fence(&text[..s.yaml_offset]), "opening fence");
            assert!(fence(&text[s.yaml_offset + s.yaml.len()..s.body_offset]), "closing fence");
            assert!(!s.yaml.split_inclusive('\n').any(fence), "a fence inside the YAML");
        }
        Err(SplitError::NoFrontMatter) => assert!(!first_is_fence),
        Err(SplitError::Unclosed) => {
            assert!(first_is_fence);
            assert!(!lines.any(fence), "a closing fence was missed");
        }
    }
}

/// The Thai date, time and number parsers: never panic, and whatever they accept formats
/// and parses back to itself in every form and numeral system.
pub fn date(data: &[u8]) {
    let Ok(s) = std::str::from_utf8(data) else { return };
    if let Ok(d) = parse_date(s) {
        for n in [Numerals::Arabic, Numerals::Thai] {
            let full = format_thai(d, n);
            assert_eq!(parse_date(&full), Ok(d), "{s:?} -> {full:?}");
            let short = format_thai_short(d, n);
            assert_eq!(parse_date(&short), Ok(d), "{s:?} -> {short:?}");
        }
        assert_eq!(parse_date(&d.iso()), Ok(d), "{s:?} -> {}", d.iso());
        assert_eq!(parse_date(&format_numeric(d)), Ok(d), "{s:?} -> {}", format_numeric(d));
        assert_eq!(parse_date(&thai_digits(&d.iso())), Ok(d), "{s:?} -> Thai digits of {}", d.iso());
        let (a, b) = fiscal_year_bounds(d.fiscal_year());
        assert!(a <= d && d <= b);
    }
    if let Ok(span) = parse_date_span(s) {
        if let Some(end) = span.end {
            assert!(span.start < end, "{s:?}");
        }
        for n in [Numerals::Arabic, Numerals::Thai] {
            for shown in [format_thai_span(span, n), format_thai_short_span(span, n)] {
                assert_eq!(parse_date_span(&shown), Ok(span), "{s:?} -> {shown:?}");
            }
        }
    }
    if let Some((t, end)) = parse_time_span(s) {
        assert!(end.is_none_or(|e| t < e), "{s:?}");
        for n in [Numerals::Arabic, Numerals::Thai] {
            assert_eq!(parse_time_span(&format_time_span(t, end, n)), Some((t, end)));
        }
    }
    if let Some(t) = parse_time(s) {
        assert!(t.hour < 24 && t.minute < 60);
        for n in [Numerals::Arabic, Numerals::Thai] {
            assert_eq!(parse_time(&format_time(t, n)), Some(t));
        }
    }
    if let Some(v) = parse_whole_number(s) {
        for n in [Numerals::Arabic, Numerals::Thai] {
            assert_eq!(parse_whole_number(&format_number(v, n)), Some(v));
        }
    }
    let _ = arabic_digits(s);
    let _ = thai_digits(s);
}

const MEETING_SOURCE: &str = "content/2567/x.md";

/// A meeting file's bytes through decoding, the front-matter splitter, YAML and the typed
/// conversion with its diagnostics: never panics, every problem points inside the file,
/// one problem is one line, and a file is never dropped without an error.
pub fn meeting(data: &[u8]) {
    let text = match decode(data) {
        Ok(d) => d.text,
        Err(e) => {
            assert!(e.at <= data.len());
            assert!(!e.to_string().is_empty());
            return;
        }
    };
    let mut d = Diagnostics::new();
    let m = parse_meeting_text(MEETING_SOURCE, "2566-10-20-ประชุม หมู่ 1.md", &text, &mut d);
    let lines: Vec<&str> = text.split('\n').collect();
    let all = d.sorted();
    assert!(all.len() <= 60, "{} diagnostics", all.len());
    for x in &all {
        assert_eq!(x.file, MEETING_SOURCE);
        assert!(x.line <= lines.len(), "line {} of {}", x.line, lines.len());
        if x.line > 0 {
            assert!(x.column >= 1 && x.column <= lines[x.line - 1].chars().count() + 1, "{x}");
        }
        let shown = x.to_string();
        assert!(!shown.contains(['\n', '\r']), "{shown:?}");
    }
    match m {
        None => assert!(all.iter().any(|x| x.severity == Severity::Error), "dropped without an error"),
        Some(m) => {
            assert!(valid_slug(&m.slug), "{:?}", m.slug);
            assert!(!m.title.trim().is_empty() && m.venue.iter().all(|v| !v.trim().is_empty()));
            assert_eq!(m.fiscal_year, m.date.fiscal_year());
            for a in &m.attachments {
                assert_eq!(safe_relative_path(&a.path).as_deref(), Some(a.path.as_str()));
            }
            assert!(m.body_line >= 1 && m.body_line <= lines.len() + 1);
            assert!(text.ends_with(m.body.text().unwrap_or_default()));
        }
    }
}

const SITE_YAML: &str = "title: ศูนย์ข้อมูล\norganization: อบต.ทดสอบ\nbase_url: https://example.go.th/ita/\nrole_groups:\n  - name: ภายนอก\n    external: true\n    roles: [ประชาชน]\nita:\n  2567: {code: O20, name: x}\n";
const NAMES: &[&str] =
    &["2567/2566-10-20-a.md", "2567/ประชุม หมู่ 1.md", "2568/b.md", "c.md", "2567/sub/2567-01-05-d.md"];

/// One folder in memory-backed /dev/shm (or the temp dir) per fuzzing process.
fn root() -> &'static Path {
    static DIR: OnceLock<tempfile::TempDir> = OnceLock::new();
    DIR.get_or_init(|| {
        let shm = Path::new("/dev/shm");
        let t = if shm.is_dir() { tempfile::tempdir_in(shm) } else { tempfile::tempdir() };
        t.expect("temp dir")
    })
    .path()
}

fn build_site_in_memory(root: &Path) -> (String, Vec<(String, Vec<u8>)>) {
    let mut o = BuildOptions::new(root);
    o.today = None;
    o.output = PathBuf::from("/nonexistent/unused");
    let (r, sink) = Site::new(o).build_in_memory();
    let diags: Vec<String> = r.diagnostics.sorted().iter().map(|d| d.to_string()).collect();
    let mut files = Vec::new();
    if r.ok() {
        for (path, c) in sink.into_files() {
            let bytes = c.read().unwrap_or_default();
            files.push((path, bytes));
        }
    }
    (format!("{}\n{}", diags.join("\n"), r.ok()), files)
}

fn split_at_marker<'a>(data: &'a [u8], sep: &[u8]) -> Vec<&'a [u8]> {
    let mut out = Vec::new();
    let mut rest = data;
    while let Some(i) = rest.windows(sep.len()).position(|w| w == sep) {
        out.push(&rest[..i]);
        rest = &rest[i + sep.len()..];
    }
    out.push(rest);
    out
}

/// A whole site built in memory from arbitrary files: `site.yaml` and a few meeting files
/// cut from the input at `\n=====\n` lines. Never panics; a site that builds has its
/// fixed pages, `lang="th"` on every page, and builds to the same bytes twice.
pub fn site(data: &[u8]) {
    let root = root();
    for sub in ["content", "static"] {
        let _ = std::fs::remove_dir_all(root.join(sub));
    }
    std::fs::create_dir_all(root.join("static/files")).unwrap();
    std::fs::write(root.join("static/files/a.pdf"), b"%PDF-1.4").unwrap();
    let mut parts = split_at_marker(data, b"\n=====\n").into_iter();
    let site_yaml = parts.next().unwrap_or_default();
    let site_yaml: &[u8] = if site_yaml.is_empty() { SITE_YAML.as_bytes() } else { site_yaml };
    std::fs::write(root.join("site.yaml"), site_yaml).unwrap();
    for (name, bytes) in NAMES.iter().zip(parts) {
        let p = root.join("content").join(name);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, bytes).unwrap();
    }

    let (diags, files) = build_site_in_memory(root);
    if diags.ends_with("true") {
        let names: Vec<&str> = files.iter().map(|f| f.0.as_str()).collect();
        for must in
            ["index.html", "404.html", "ita/index.html", "data/meetings.json", "feed.xml", "sitemap.xml"]
        {
            assert!(names.contains(&must), "{must} missing: {names:?}");
        }
        for (path, bytes) in &files {
            assert!(!path.split('/').any(|s| s == ".." || s.is_empty()), "{path}");
            if path.ends_with(".html") {
                let page = String::from_utf8_lossy(bytes);
                assert!(page.contains("<html lang=\"th\""), "{path}");
            }
        }
    }
    let (diags2, files2) = build_site_in_memory(root);
    assert_eq!(diags, diags2, "diagnostics differ between two builds");
    assert!(files == files2, "output differs between two builds");
}
