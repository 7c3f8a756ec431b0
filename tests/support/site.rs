//! Small sites in temp folders ([`TestSite`]), meeting files to put in them, the real
//! binary run on them ([`Run`]), and pages parsed as HTML.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The base URL of every test site unless a test sets its own ([`TestSite::base_url`]).
pub const BASE_URL: &str = "https://www.example.go.th/ita/";

/// The `site.yaml` of a new [`TestSite`]: two role groups, one of them external.
pub const SITE_YAML: &str = "title: ศูนย์ข้อมูลการมีส่วนร่วม\norganization: องค์การบริหารส่วนตำบลทดสอบ\nbase_url: https://www.example.go.th/ita/\nrole_groups:\n  - name: ผู้บริหาร\n    roles: [นายก, รองนายก]\n  - name: บุคคลภายนอก\n    external: true\n    roles: [ประชาชน, ผู้ทรงคุณวุฒิ]\n";

/// [`SITE_YAML`] with another base URL.
pub fn site_yaml(base_url: &str) -> String {
    SITE_YAML.replace(&format!("base_url: {BASE_URL}\n"), &format!("base_url: {base_url}\n"))
}

/// One of the three meetings of [`TestSite::with_three_meetings`], the one tests edit.
pub const ROAD: &str = "content/2567/2567-03-15-road.md";
/// Its page, under the base path `/ita/`.
pub const ROAD_URL: &str = "/ita/2567/road/";

/// The attendance of the meetings of [`TestSite::with_three_meetings`].
pub const CITIZENS_12: &[(&str, u64)] = &[("ประชาชน", 12)];

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

/// A meeting whose front matter is not YAML; the bad line is line 3.
pub fn broken_meeting(title: &str) -> String {
    format!("---\ntitle: {title}\ndate: [2567-03-15\nvenue: ห้องประชุม\n---\n\nเนื้อหา\n")
}

/// A site in a temp folder, removed when dropped. Made with [`TestSite::new`] and the
/// builder methods (`yaml`, `base_url`, `meeting`, `static_file`, `with_three_meetings`);
/// changed afterwards with `write`, `write_by_rename` and `remove`, as an editor would.
pub struct TestSite {
    pub dir: tempfile::TempDir,
}

impl TestSite {
    /// A site with [`SITE_YAML`] and nothing else.
    pub fn new() -> TestSite {
        let t = TestSite { dir: tempfile::tempdir().unwrap() };
        t.write("site.yaml", SITE_YAML);
        t
    }

    /// Adds `lines` (each ending in a newline) to the end of `site.yaml`.
    pub fn yaml(self, lines: &str) -> TestSite {
        let y = self.read("site.yaml");
        self.write("site.yaml", &format!("{y}{lines}"));
        self
    }

    /// Sets `base_url` in `site.yaml`.
    pub fn base_url(self, url: &str) -> TestSite {
        let y =
            self.read("site.yaml").replace(&format!("base_url: {BASE_URL}\n"), &format!("base_url: {url}\n"));
        assert!(y.contains(&format!("base_url: {url}\n")), "no base_url: {BASE_URL} in site.yaml to replace");
        self.write("site.yaml", &y);
        self
    }

    /// Writes `text` to `content/<rel>` (see [`meeting`] for a valid one).
    pub fn meeting(self, rel: &str, text: &str) -> TestSite {
        self.write(&format!("content/{rel}"), text);
        self
    }

    /// Writes `bytes` to `static/<rel>`.
    pub fn static_file(self, rel: &str, bytes: &[u8]) -> TestSite {
        self.write_bytes(&format!("static/{rel}"), bytes);
        self
    }

    /// Three meetings in fiscal year 2567, [`ROAD`] among them, each with 12 citizens.
    pub fn with_three_meetings(self) -> TestSite {
        let people = CITIZENS_12;
        self.meeting(
            "2567/2567-03-15-road.md",
            &meeting("ประชุมรับฟังความคิดเห็นโครงการถนน", "2567-03-15", people),
        )
        .meeting("2567/2567-05-21-plan.md", &meeting("ประชุมคณะกรรมการพัฒนา ครั้งที่ 1", "2567-05-21", people))
        .meeting("2567/2567-06-19-dengue.md", &meeting("ประชุมป้องกันไข้เลือดออก", "2567-06-19", people))
    }

    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    pub fn path(&self, rel: &str) -> PathBuf {
        self.dir.path().join(rel)
    }

    /// Writes a file in place, making its folders.
    pub fn write(&self, rel: &str, text: &str) {
        self.write_bytes(rel, text.as_bytes());
    }

    pub fn write_bytes(&self, rel: &str, bytes: &[u8]) {
        let p = self.path(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, bytes).unwrap();
    }

    /// Saves the way vim and VS Code can: a new file beside the old, renamed over it.
    pub fn write_by_rename(&self, rel: &str, text: &str) {
        let p = self.path(rel);
        let tmp = p.with_file_name(format!(".{}.tmp-save", p.file_name().unwrap().to_string_lossy()));
        std::fs::write(&tmp, text).unwrap();
        std::fs::rename(&tmp, &p).unwrap();
    }

    pub fn remove(&self, rel: &str) {
        std::fs::remove_file(self.path(rel)).unwrap();
    }

    /// Runs the binary with `args` and `--root` this site.
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

/// How a run of the binary ended.
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    /// The diagnostic lines (error:/warning:) of stderr.
    pub fn diagnostics(&self) -> Vec<&str> {
        diagnostic_lines(&self.stderr)
    }

    /// The code of each diagnostic line, in order: `["PS0302", "PS0303"]`.
    pub fn codes(&self) -> Vec<&str> {
        self.diagnostics().into_iter().map(code_of).collect()
    }

    /// The codes of the diagnostics about `file` (at `line` when given), in order.
    pub fn codes_at(&self, file: &str, line: Option<usize>) -> Vec<&str> {
        codes_at(&self.stderr, file, line)
    }

    /// The one diagnostic about `file` (at `line` when given): its code and its line.
    pub fn diagnostic_at(&self, file: &str, line: Option<usize>) -> (&str, &str) {
        diagnostic_at(&self.stderr, file, line)
    }

    /// The closing line `ข้อผิดพลาด 2 รายการ คำเตือน 1 รายการ จาก 41 ไฟล์` read back as
    /// (errors, warnings, files): the one place in the tests that knows its wording.
    pub fn summary(&self) -> Option<(usize, usize, usize)> {
        self.stderr.lines().rev().find_map(|l| {
            let w: Vec<&str> = l.split(' ').collect();
            match w.as_slice() {
                ["ข้อผิดพลาด", e, "รายการ", "คำเตือน", wn, "รายการ", "จาก", f, "ไฟล์"] => {
                    Some((e.parse().ok()?, wn.parse().ok()?, f.parse().ok()?))
                }
                _ => None,
            }
        })
    }
}

/// The diagnostic lines (error:/warning:) of a run's stderr.
pub fn diagnostic_lines(stderr: &str) -> Vec<&str> {
    stderr.lines().filter(|l| l.starts_with("error: ") || l.starts_with("warning: ")).collect()
}

/// The code a diagnostic line ends with: `PS0302` of `warning: ... (duplicate role) [PS0302]`.
/// A line without one (a command-line error, which is no diagnostic) fails the test.
pub fn code_of(line: &str) -> &str {
    line.strip_suffix(']')
        .and_then(|l| l.rsplit_once(" ["))
        .map(|(_, code)| code)
        .filter(|c| c.len() == 6 && c.starts_with("PS") && c[2..].bytes().all(|b| b.is_ascii_digit()))
        .unwrap_or_else(|| panic!("no [PSxxxx] code at the end of {line:?}"))
}

/// Whether a diagnostic line is about `file`, at `line` when given: it starts
/// `error: <file>:<line>:` (or `<file>:` / `<file>: ` for any line).
fn is_about(diagnostic: &str, file: &str, line: Option<usize>) -> bool {
    let rest =
        diagnostic.strip_prefix("error: ").or_else(|| diagnostic.strip_prefix("warning: ")).unwrap_or("");
    match line {
        Some(n) => rest.starts_with(&format!("{file}:{n}:")),
        None => rest.starts_with(&format!("{file}:")),
    }
}

/// [`Run::codes_at`] of any stderr.
pub fn codes_at<'a>(stderr: &'a str, file: &str, line: Option<usize>) -> Vec<&'a str> {
    diagnostic_lines(stderr).into_iter().filter(|d| is_about(d, file, line)).map(code_of).collect()
}

/// [`Run::diagnostic_at`] of any stderr; none or more than one fails the test.
pub fn diagnostic_at<'a>(stderr: &'a str, file: &str, line: Option<usize>) -> (&'a str, &'a str) {
    let found: Vec<&str> = diagnostic_lines(stderr).into_iter().filter(|d| is_about(d, file, line)).collect();
    match found[..] {
        [one] => (code_of(one), one),
        _ => panic!("not one diagnostic about {file} (line {line:?}) but {}:\n{stderr}", found.len()),
    }
}

/// One diagnostic of `check --format json`, as a test compares it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct JsonDiagnostic {
    pub severity: String,
    pub code: String,
    pub name: String,
    pub file: String,
    pub line: u64,
}

impl JsonDiagnostic {
    pub fn new(severity: &str, code: &str, name: &str, file: &str, line: u64) -> JsonDiagnostic {
        JsonDiagnostic {
            severity: severity.into(),
            code: code.into(),
            name: name.into(),
            file: file.into(),
            line,
        }
    }
}

/// The diagnostics of a `check --format json` report (its stdout), in its order.
/// `check --format json` on `site` (with `extra` flags, e.g. `--drafts`): each diagnostic
/// as (code, file, line), in the report's order.
pub fn checked(site: &TestSite, extra: &[&str]) -> Vec<(String, String, u64)> {
    let mut args = vec!["check", "--format", "json"];
    args.extend(extra);
    json_diagnostics(&site.run(&args).stdout).into_iter().map(|d| (d.code, d.file, d.line)).collect()
}

pub fn json_diagnostics(stdout: &str) -> Vec<JsonDiagnostic> {
    let v: serde_json::Value = serde_json::from_str(stdout).unwrap_or_else(|e| panic!("{e}: {stdout}"));
    let field =
        |d: &serde_json::Value, k: &str| d[k].as_str().unwrap_or_else(|| panic!("no {k} in {d}")).to_string();
    v["diagnostics"]
        .as_array()
        .unwrap_or_else(|| panic!("no diagnostics list in {v}"))
        .iter()
        .map(|d| JsonDiagnostic {
            severity: field(d, "severity"),
            code: field(d, "code"),
            name: field(d, "name"),
            file: field(d, "file"),
            line: d["line"].as_u64().unwrap_or_else(|| panic!("no line in {d}")),
        })
        .collect()
}

impl From<Output> for Run {
    fn from(out: Output) -> Run {
        Run {
            code: out.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        }
    }
}

/// The binary under test, as cargo built it for this test run.
pub fn bin() -> &'static str {
    env!("CARGO_BIN_EXE_prongsai")
}

pub fn run(args: &[&str]) -> Run {
    Command::new(bin()).args(args).output().unwrap().into()
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
