//! Helpers for integration tests: small sites in temp folders, the real binary, and
//! pages parsed as HTML.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub const SITE_YAML: &str = "title: ศูนย์ข้อมูลการมีส่วนร่วม\norganization: องค์การบริหารส่วนตำบลทดสอบ\nbase_url: https://www.example.go.th/ita/\nrole_groups:\n  - name: ผู้บริหาร\n    roles: [นายก, รองนายก]\n  - name: บุคคลภายนอก\n    external: true\n    roles: [ประชาชน, ผู้ทรงคุณวุฒิ]\n";

/// A complete meeting (all four ITA elements) with the given title, date and attendees.
pub fn meeting(title: &str, date: &str, attendees: &[(&str, u64)]) -> String {
    let mut s = format!("---\ntitle: {title}\ndate: {date}\nvenue: ห้องประชุม\ntopics:\n  - แผนพัฒนา\n");
    if !attendees.is_empty() {
        s.push_str("attendees:\n");
        for (role, count) in attendees {
            s.push_str(&format!("  - role: {role}\n    count: {count}\n"));
        }
    }
    s.push_str(
        "---\n\n## ผลจากการมีส่วนร่วม\n\nผล\n\n## การนำผลของการมีส่วนร่วมไปปรับปรุงพัฒนาการดำเนินงาน\n\nนำไปใช้\n",
    );
    s
}

pub struct TestSite {
    pub dir: tempfile::TempDir,
}

impl TestSite {
    pub fn new() -> TestSite {
        let t = TestSite { dir: tempfile::tempdir().unwrap() };
        t.write("site.yaml", SITE_YAML);
        t
    }

    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    pub fn path(&self, rel: &str) -> PathBuf {
        self.dir.path().join(rel)
    }

    pub fn write(&self, rel: &str, text: &str) {
        self.write_bytes(rel, text.as_bytes());
    }

    pub fn write_bytes(&self, rel: &str, bytes: &[u8]) {
        let p = self.path(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, bytes).unwrap();
    }

    pub fn run(&self, args: &[&str]) -> Run {
        let mut all: Vec<&str> = args.to_vec();
        let root = self.root().to_str().unwrap().to_string();
        all.extend(["--root", &root]);
        run(&all)
    }

    pub fn build(&self) -> Run {
        self.run(&["build"])
    }

    pub fn read(&self, rel: &str) -> String {
        std::fs::read_to_string(self.path(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
    }

    pub fn page(&self, rel: &str) -> scraper::Html {
        scraper::Html::parse_document(&self.read(rel))
    }
}

pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    /// The diagnostic lines (error:/warning:) of stderr.
    pub fn diagnostics(&self) -> Vec<&str> {
        self.stderr.lines().filter(|l| l.starts_with("error: ") || l.starts_with("warning: ")).collect()
    }
}

pub fn bin() -> &'static str {
    env!("CARGO_BIN_EXE_prongsai")
}

pub fn run(args: &[&str]) -> Run {
    let out: Output = Command::new(bin()).args(args).output().unwrap();
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// The text of the first element matching `css`, white space collapsed.
pub fn text(doc: &scraper::Html, css: &str) -> String {
    let sel = scraper::Selector::parse(css).unwrap();
    let el = doc.select(&sel).next().unwrap_or_else(|| panic!("no element {css}"));
    collapse(&el.text().collect::<String>())
}

pub fn texts(doc: &scraper::Html, css: &str) -> Vec<String> {
    let sel = scraper::Selector::parse(css).unwrap();
    doc.select(&sel).map(|e| collapse(&e.text().collect::<String>())).collect()
}

pub fn attrs(doc: &scraper::Html, css: &str, attr: &str) -> Vec<String> {
    let sel = scraper::Selector::parse(css).unwrap();
    doc.select(&sel).filter_map(|e| e.value().attr(attr).map(str::to_string)).collect()
}

pub fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Every file under `dir`, relative, sorted, with its bytes.
pub fn snapshot(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    for e in walkdir::WalkDir::new(dir).sort_by_file_name() {
        let e = e.unwrap();
        if e.file_type().is_file() {
            let rel = e.path().strip_prefix(dir).unwrap().to_string_lossy().into_owned();
            out.push((rel, std::fs::read(e.path()).unwrap()));
        }
    }
    out
}
