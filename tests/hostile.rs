//! A corpus of hostile sites, made in temp folders by each test: huge, broken, oddly
//! encoded or malicious meeting files. Each runs the real binary with a time limit (30 s
//! of processor time, or 180 s by the clock for a hang that does no work; then it is
//! killed and the test fails) and a memory limit (peak RSS, sampled), and
//! checks the expected outcome: a clear error naming the file, or correct handling.
//! Never a panic: the exit status is 0, 1 or 2 and stderr never says "panicked".

mod support;
use std::io::Read as _;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};
use support::*;

/// The processor time a run may use (all its threads together): the work it does,
/// whatever else the machine is running at the time.
const CPU_LIMIT: Duration = Duration::from_secs(30);
/// For a run that hangs without working (blocked on a FIFO, a lock): wall-clock time,
/// with room for a machine many times oversubscribed.
const WALL_LIMIT: Duration = Duration::from_secs(180);
const MEMORY_LIMIT_KB: u64 = 1024 * 1024; // 1 GiB

struct Bounded {
    code: i32,
    stderr: String,
    peak_kb: u64,
}

impl Bounded {
    fn errors(&self) -> Vec<&str> {
        self.stderr.lines().filter(|l| l.starts_with("error: ")).collect()
    }
    fn warnings(&self) -> Vec<&str> {
        self.stderr.lines().filter(|l| l.starts_with("warning: ")).collect()
    }
    /// The codes of the diagnostics about `file` (at `line` when given), in order.
    fn codes_at(&self, file: &str, line: Option<usize>) -> Vec<&str> {
        codes_at(&self.stderr, file, line)
    }
    /// The one diagnostic about `file` (at `line` when given): its code and its line.
    fn diagnostic_at(&self, file: &str, line: Option<usize>) -> (&str, &str) {
        diagnostic_at(&self.stderr, file, line)
    }
}

/// Peak resident memory of a running process, from /proc (0 where there is none).
fn peak_kb(pid: u32) -> u64 {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .map(|l| l.split_whitespace().nth(1).unwrap_or("0").parse().unwrap_or(0))
        })
        .unwrap_or(0)
}

/// Processor time used so far by a running process, user and system, from /proc (zero
/// where there is none).
fn cpu_time(pid: u32) -> Duration {
    let Ok(stat) = std::fs::read_to_string(format!("/proc/{pid}/stat")) else { return Duration::ZERO };
    // After the command name in parentheses (which may hold spaces): field 3 onwards.
    let Some(rest) = stat.rsplit_once(") ").map(|x| x.1) else { return Duration::ZERO };
    let f: Vec<u64> = rest.split_whitespace().map(|x| x.parse().unwrap_or(0)).collect();
    // utime and stime are fields 14 and 15, in clock ticks.
    let ticks = f.get(11).copied().unwrap_or(0) + f.get(12).copied().unwrap_or(0);
    // SAFETY: sysconf only reads a system setting.
    let hz = unsafe { libc::sysconf(libc::_SC_CLK_TCK) }.max(1) as u64;
    Duration::from_millis(ticks * 1000 / hz)
}

/// Runs the binary with `args`; kills it and fails once it has used [`CPU_LIMIT`] of
/// processor time (or [`WALL_LIMIT`] has passed); checks the no-panic rules and the
/// memory limit. Processor time, not wall-clock time: on a loaded machine (other builds,
/// the other tests of this file) the same run can take several times as long by the
/// clock, which made the limit fail runs that did no more work than usual.
fn bounded(cmd: &mut Command) -> Bounded {
    let start = Instant::now();
    let mut child = cmd.stdout(Stdio::null()).stderr(Stdio::piped()).stdin(Stdio::null()).spawn().unwrap();
    let mut stderr_pipe = child.stderr.take().unwrap();
    let reader = std::thread::spawn(move || {
        let mut s = Vec::new();
        let _ = stderr_pipe.read_to_end(&mut s);
        String::from_utf8_lossy(&s).into_owned()
    });
    let mut peak = 0;
    let mut cpu = Duration::ZERO;
    let status = loop {
        peak = peak.max(peak_kb(child.id()));
        cpu = cpu.max(cpu_time(child.id()));
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if cpu > CPU_LIMIT || start.elapsed() > WALL_LIMIT {
            let _ = child.kill();
            let _ = child.wait();
            panic!(
                "still running after {:?} ({cpu:?} of processor time; limits {CPU_LIMIT:?} of it, {WALL_LIMIT:?} in all): killed\n{}",
                start.elapsed(),
                reader.join().unwrap()
            );
        }
        std::thread::sleep(Duration::from_millis(5));
    };
    let stderr = reader.join().unwrap();
    let code = status.code().unwrap_or(-1);
    assert!(matches!(code, 0..=2), "exit status {status:?} (101 is a panic)\n{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(peak < MEMORY_LIMIT_KB, "peak memory {peak} kB\n{stderr}");
    Bounded { code, stderr, peak_kb: peak }
}

fn build(s: &TestSite) -> Bounded {
    bounded(Command::new(bin()).args(["build", "--root"]).arg(s.root()))
}

fn check(s: &TestSite) -> Bounded {
    bounded(Command::new(bin()).args(["check", "--root"]).arg(s.root()))
}

/// A valid meeting whose body is `body`.
fn with_body(body: &str) -> String {
    format!(
        "---\ntitle: ประชุม\ndate: 2567-01-15\nvenue: ห้องประชุม\ntopics: [แผน]\nattendees_total: 5\n---\n{body}"
    )
}

/// A complete meeting: no warning of any kind.
fn ok_meeting() -> String {
    meeting("ประชุมประชาคม", "2567-01-15", &[("ประชาชน", 5)])
}

// ---- size ---------------------------------------------------------------------------

#[test]
fn body_of_10_mb_builds() {
    let s = TestSite::new();
    let line = "ผลจากการมีส่วนร่วม ประชาชนเสนอให้ซ่อมถนนและขุดลอกคลอง **สำคัญ** [ลิงก์](https://example.go.th/)\n\n";
    let body = line.repeat(10 * 1024 * 1024 / line.len() + 1);
    assert!(body.len() >= 10 * 1024 * 1024);
    s.write("content/2567/big.md", &with_body(&body));
    let r = build(&s);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let page = std::fs::metadata(s.path("public/2567/big/index.html")).unwrap().len();
    assert!(page > 10 * 1024 * 1024, "page of {page} bytes");
    eprintln!("10 MB body: peak {} MB", r.peak_kb / 1024);
}

#[test]
fn file_over_the_size_limit_is_refused_without_reading_it() {
    let s = TestSite::new();
    let f = std::fs::File::create(s.path("content/huge.md")).or_else(|_| {
        std::fs::create_dir_all(s.path("content")).unwrap();
        std::fs::File::create(s.path("content/huge.md"))
    });
    f.unwrap().set_len(65 * 1024 * 1024).unwrap(); // sparse: no disk used
    let r = check(&s);
    assert_eq!(r.code, 1);
    assert_eq!(r.codes_at("content/huge.md", None), ["PS0003"], "file-too-large: {}", r.stderr);
    assert!(r.peak_kb < 64 * 1024, "read the file anyway: {} kB", r.peak_kb);
}

#[test]
fn hundred_thousand_line_body_builds() {
    let s = TestSite::new();
    let body: String = (0..100_000).map(|i| format!("บรรทัดที่ {i}\n")).collect();
    s.write("content/2567/long.md", &with_body(&body));
    let r = build(&s);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(s.read("public/2567/long/index.html").contains("บรรทัดที่ 99999"));
}

#[test]
fn hundred_thousand_line_front_matter_is_linear() {
    // 50,000 attendee rows: used to take minutes (each row located from the top).
    let s = TestSite::new();
    let mut fm = String::from("---\ntitle: ประชุม\ndate: 2567-01-15\nvenue: ห้อง\nattendees:\n");
    for i in 0..50_000 {
        fm.push_str(&format!("  - role: ตำแหน่ง{i}\n    count: 1\n"));
    }
    fm.push_str("---\nเนื้อหา\n");
    s.write("content/2567/many.md", &fm);
    let r = build(&s);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let json = s.read("public/data/meetings.json");
    assert!(json.contains("50000"), "total of 50,000 people");

    // 100,000 unknown keys: 50 warnings, then one summary line, and still a warning only.
    let s = TestSite::new();
    let mut fm = String::from("---\ntitle: ประชุม\ndate: 2567-01-15\nvenue: ห้อง\n");
    for i in 0..100_000 {
        fm.push_str(&format!("k{i}: 1\n"));
    }
    fm.push_str("---\n");
    s.write("content/2567/keys.md", &fm);
    let r = check(&s);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let mut codes = r.codes_at("content/2567/keys.md", None);
    codes.sort();
    // more-problems, 50 unknown-key, and the four ITA elements missing
    let mut want = vec!["PS0009"];
    want.extend(["PS0105"; 50]);
    want.extend(["PS0501", "PS0502", "PS0503", "PS0504"]);
    assert_eq!(codes, want, "{}", r.stderr);
    let more: Vec<&str> = r.warnings().into_iter().filter(|w| code_of(w) == "PS0009").collect();
    assert!(more[0].contains("และปัญหาอื่นอีก 99950 รายการ"), "counts the rest: {more:?}");
}

// ---- YAML ---------------------------------------------------------------------------

#[test]
fn deeply_nested_yaml_is_an_error() {
    let s = TestSite::new();
    let flow = format!(
        "---\ntitle: {}x{}\ndate: 2567-01-15\nvenue: v\n---\n",
        "[".repeat(100_000),
        "]".repeat(100_000)
    );
    s.write("content/flow.md", &flow);
    let mut block = String::from("---\ntitle: t\ndate: 2567-01-15\nvenue: v\nx:\n");
    for i in 1..5_000 {
        block.push_str(&" ".repeat(i));
        block.push_str("a:\n");
    }
    block.push_str("---\n");
    s.write("content/block.md", &block);
    let r = check(&s);
    assert_eq!(r.code, 1);
    assert_eq!(r.codes_at("content/flow.md", Some(2)), ["PS0103"], "yaml-syntax: {}", r.stderr);
    assert_eq!(r.codes_at("content/block.md", None), ["PS0103"], "yaml-syntax: {}", r.stderr);
}

#[test]
fn yaml_alias_bomb_is_an_error() {
    let s = TestSite::new();
    let mut y = String::from(
        "---\ntitle: t\ndate: 2567-01-15\nvenue: v\na0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n",
    );
    for i in 1..10 {
        let p = i - 1;
        y.push_str(&format!("a{i}: &a{i} [*a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}]\n"));
    }
    y.push_str("topics: *a9\n---\n");
    s.write("content/bomb.md", &y);
    // and the same in site.yaml
    s.write("site.yaml", &format!("{SITE_YAML}{}", &y[y.find("a0:").unwrap()..y.find("topics").unwrap()]));
    let r = check(&s);
    assert_eq!(r.code, 1);
    assert_eq!(r.codes_at("content/bomb.md", None), ["PS0103"], "yaml-syntax: {}", r.stderr);
    assert_eq!(r.codes_at("site.yaml", None), ["PS0103"], "yaml-syntax: {}", r.stderr);
}

// ---- encodings ----------------------------------------------------------------------

#[test]
fn nul_bytes_are_an_error_at_their_line() {
    let s = TestSite::new();
    s.write_bytes("content/nul.md", b"---\ntitle: t\ndate: 2567-01-15\nvenue: v\x00\n---\n");
    s.write_bytes("content/bom-nul.md", b"\xEF\xBB\xBF---\ntitle: t\x00\n---\n");
    let r = check(&s);
    assert_eq!(r.code, 1);
    for (file, at) in [("content/nul.md", "4:9"), ("content/bom-nul.md", "2:9")] {
        let (code, line) = r.diagnostic_at(file, None);
        assert!(line.starts_with(&format!("error: {file}:{at}:")), "{line}");
        assert_eq!(code, "PS0004", "not-utf8: {line}");
    }
}

#[test]
fn invalid_utf8_is_an_error_at_the_first_bad_line() {
    let s = TestSite::new();
    s.write_bytes("content/bad.md", b"---\ntitle: t\ndate: 2567-01-15\nvenue: \x80\x81\xFF\n---\n");
    let r = check(&s);
    assert_eq!(r.code, 1);
    assert_eq!(r.codes_at("content/bad.md", Some(4)), ["PS0004"], "not-utf8: {}", r.stderr);
}

#[test]
fn tis620_file_is_an_error_that_says_how_to_convert_it() {
    let s = TestSite::new();
    // "ประชุม" and "ห้อง" in TIS-620 / Windows-874, on lines 2 and 4 of the file
    let mut f =
        b"---\ntitle: \xBB\xC3\xD0\xAA\xD8\xC1\ndate: 2567-01-15\nvenue: \xCB\xE9\xCD\xA7\n---\n".to_vec();
    f.extend_from_slice(b"\r\n");
    s.write_bytes("content/2567/old-windows.md", &f);
    let mut g = b"---\r\ndate: 2567-01-15\r\nvenue: v\r\nx: y\r\ntitle: \xBB\xC3\xD0\r\n---\r\n".to_vec();
    g.extend_from_slice(b"");
    s.write_bytes("content/2567/crlf-tis.md", &g);
    let r = check(&s);
    assert_eq!(r.code, 1);
    let (code, e) = r.diagnostic_at("content/2567/old-windows.md", Some(2));
    assert_eq!(code, "PS0004", "not-utf8: {e}");
    assert!(e.contains("TIS-620") && e.contains("iconv"), "says how to convert it: {e}");
    let (code, e) = r.diagnostic_at("content/2567/crlf-tis.md", Some(5));
    assert_eq!(code, "PS0004", "not-utf8: {e}");
    assert!(e.contains("TIS-620"), "{e}");
}

fn utf16(text: &str, big_endian: bool) -> Vec<u8> {
    let mut out = if big_endian { vec![0xFE, 0xFF] } else { vec![0xFF, 0xFE] };
    for u in text.encode_utf16() {
        out.extend_from_slice(&if big_endian { u.to_be_bytes() } else { u.to_le_bytes() });
    }
    out
}

#[test]
fn utf16_from_notepad_is_converted_with_a_warning() {
    let s = TestSite::new();
    let notepad = ok_meeting().replace('\n', "\r\n");
    s.write_bytes("content/2567/le.md", &utf16(&notepad.replace("ประชุมประชาคม", "ประชุมแบบ LE"), false));
    s.write_bytes("content/2567/be.md", &utf16(&notepad.replace("ประชุมประชาคม", "ประชุมแบบ BE"), true));
    // an odd byte count or a lone surrogate: broken UTF-16
    let mut broken = utf16(&ok_meeting(), false);
    broken.extend_from_slice(&[0x00, 0xD8]);
    s.write_bytes("content/2567/broken16.md", &broken);
    let r = build(&s);
    assert_eq!(r.code, 1);
    assert_eq!(r.codes_at("content/2567/broken16.md", None), ["PS0004"], "not-utf8: {}", r.stderr);
    std::fs::remove_file(s.path("content/2567/broken16.md")).unwrap();
    let r = build(&s);
    assert_eq!(r.code, 0, "{}", r.stderr);
    for f in ["le", "be"] {
        let (code, w) = r.diagnostic_at(&format!("content/2567/{f}.md"), None);
        assert!(w.starts_with("warning: "), "{w}");
        assert_eq!(code, "PS0005", "utf16: {w}");
    }
    assert_eq!(text(&s.page("public/2567/le/index.html"), "h1"), "ประชุมแบบ LE");
    assert_eq!(text(&s.page("public/2567/be/index.html"), "h1"), "ประชุมแบบ BE");
}

#[test]
fn utf8_bom_is_accepted_silently() {
    let s = TestSite::new();
    s.write_bytes("content/2567/bom.md", &[b"\xEF\xBB\xBF".as_slice(), ok_meeting().as_bytes()].concat());
    let r = build(&s);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(!r.stderr.contains("bom.md"), "{}", r.stderr);
    assert_eq!(text(&s.page("public/2567/bom/index.html"), "h1"), "ประชุมประชาคม");
}

#[test]
fn crlf_and_mixed_line_endings_keep_line_numbers() {
    let s = TestSite::new();
    // the bad count is on line 7 of each file
    let lf =
        "---\ntitle: t\ndate: 2567-01-15\nvenue: v\nattendees:\n  - role: นายก\n    count: สี่\n---\nbody\n";
    s.write("content/crlf.md", &lf.replace('\n', "\r\n"));
    let mixed: String = lf
        .split_inclusive('\n')
        .enumerate()
        .map(|(i, l)| if i % 2 == 0 { l.replace('\n', "\r\n") } else { l.to_string() })
        .collect();
    s.write("content/mixed.md", &mixed);
    let r = check(&s);
    assert_eq!(r.code, 1);
    for f in ["crlf", "mixed"] {
        let (code, e) = r.diagnostic_at(&format!("content/{f}.md"), Some(7));
        assert!(e.starts_with(&format!("error: content/{f}.md:7:12: attendees[0].count")), "{e}");
        assert_eq!(code, "PS0301", "not-a-whole-number: {e}");
        assert!(!e.contains('\r'));
    }
    // and a CRLF file that is right builds, its body intact
    let s = TestSite::new();
    s.write(
        "content/2567/ok.md",
        &with_body("ย่อหน้า 1\r\n\r\nย่อหน้า 2\r\n").replace('\n', "\r\n").replace("\r\r", "\r"),
    );
    let r = build(&s);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(
        texts(&s.page("public/2567/ok/index.html"), "main p")
            .iter()
            .filter(|p| p.starts_with("ย่อหน้า"))
            .count(),
        2
    );
}

// ---- shape --------------------------------------------------------------------------

#[test]
fn front_matter_only_builds() {
    let s = TestSite::new();
    s.write("content/2567/only.md", &ok_meeting()[..ok_meeting().find("\n---\n").unwrap() + 4]);
    let r = build(&s);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(s.path("public/2567/only/index.html").is_file());
}

#[test]
fn empty_and_unclosed_files_are_errors_naming_them() {
    let s = TestSite::new();
    s.write("content/empty.md", "");
    s.write("content/blank.md", "\n\n  \n");
    s.write("content/unclosed.md", "---\ntitle: t\ndate: 2567-01-15\nvenue: v\n\nbody that never ends\n");
    s.write("content/2567/good.md", &ok_meeting());
    let r = build(&s);
    assert_eq!(r.code, 1);
    assert_eq!(r.codes_at("content/empty.md", Some(1)), ["PS0101"], "no-front-matter: {}", r.stderr);
    assert_eq!(r.codes_at("content/blank.md", Some(1)), ["PS0101"], "no-front-matter: {}", r.stderr);
    assert_eq!(r.codes_at("content/unclosed.md", Some(1)), ["PS0102"], "unclosed-front-matter: {}", r.stderr);
    assert!(!s.path("public").exists(), "a build with errors writes nothing");
}

#[test]
fn deeply_nested_markdown_builds() {
    let s = TestSite::new();
    let quotes = ">".repeat(50_000);
    let lists: String = (0..2_000).map(|i| format!("{}- x\n", "  ".repeat(i))).collect();
    let links = format!("{}x{}", "[".repeat(50_000), "](u)".repeat(50_000));
    let emph = format!("{}x{}", "*_".repeat(25_000), "_*".repeat(25_000));
    s.write("content/2567/md.md", &with_body(&format!("{quotes} q\n\n{lists}\n\n{links}\n\n{emph}\n")));
    let r = build(&s);
    assert_eq!(r.code, 0, "{}", r.stderr);
}

// ---- the file system ----------------------------------------------------------------

#[cfg(unix)]
fn symlink(target: impl AsRef<Path>, link: impl AsRef<Path>) {
    std::os::unix::fs::symlink(target, link).unwrap();
}

#[test]
#[cfg(unix)]
fn symlink_loops_are_errors_not_hangs() {
    let s = TestSite::new();
    s.write("content/2567/ok.md", &ok_meeting());
    symlink("..", s.path("content/2567/up"));
    symlink("self.md", s.path("content/self.md"));
    symlink("b.md", s.path("content/a.md"));
    symlink("a.md", s.path("content/b.md"));
    let r = build(&s);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert_eq!(r.codes_at("content/2567/up", None), ["PS0006"], "symlink-loop: {}", r.stderr);
    for f in ["self", "a", "b"] {
        assert_eq!(r.codes_at(&format!("content/{f}.md"), None), ["PS0002"], "{f}: {}", r.stderr);
    }
}

#[test]
#[cfg(unix)]
fn symlinks_out_of_the_site_are_errors_and_publish_nothing() {
    let outside = tempfile::tempdir().unwrap();
    const SECRET: &str = "รหัสผ่านลับ-SECRET-7f3a";
    let secret_md = format!("---\ntitle: {SECRET}\ndate: 2567-01-15\nvenue: {SECRET}\n---\n{SECRET}\n");
    std::fs::write(outside.path().join("secret.md"), &secret_md).unwrap();
    std::fs::write(outside.path().join("secret.pdf"), SECRET).unwrap();
    std::fs::create_dir(outside.path().join("dir")).unwrap();
    std::fs::write(outside.path().join("dir/secret2.md"), &secret_md).unwrap();

    let s = TestSite::new();
    s.write("content/2567/ok.md", &ok_meeting());
    symlink(outside.path().join("secret.md"), s.path("content/2567/file-link.md"));
    symlink(outside.path().join("dir"), s.path("content/dir-link"));
    std::fs::create_dir_all(s.path("static/files")).unwrap();
    symlink(outside.path().join("secret.pdf"), s.path("static/files/secret.pdf"));
    symlink(outside.path(), s.path("static/outside"));
    let r = build(&s);
    assert_eq!(r.code, 1, "{}", r.stderr);
    for f in ["content/2567/file-link.md", "content/dir-link", "static/files/secret.pdf"] {
        assert_eq!(r.codes_at(f, None), ["PS0007"], "symlink-outside: {f}: {}", r.stderr);
    }
    assert!(!r.stderr.contains(SECRET), "{}", r.stderr);
    assert_no_secret(&s, SECRET);

    // With the links removed the site builds, and still nothing from outside is in it.
    for f in ["content/2567/file-link.md", "content/dir-link", "static/files/secret.pdf", "static/outside"] {
        std::fs::remove_file(s.path(f)).unwrap();
    }
    let r = build(&s);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_no_secret(&s, SECRET);
}

fn assert_no_secret(s: &TestSite, secret: &str) {
    if !s.path("public").exists() {
        return;
    }
    for (path, bytes) in snapshot(&s.path("public")) {
        assert!(!String::from_utf8_lossy(&bytes).contains(secret), "{path} holds text from outside the site");
    }
}

#[test]
#[cfg(unix)]
fn fifo_named_md_is_an_error_not_a_hang() {
    let s = TestSite::new();
    s.write("content/2567/ok.md", &ok_meeting());
    let fifo = s.path("content/2567/pipe.md");
    let made = Command::new("mkfifo").arg(&fifo).status();
    assert!(made.as_ref().is_ok_and(|st| st.success()), "mkfifo (coreutils) could not make a FIFO: {made:?}");
    let r = check(&s);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert_eq!(r.codes_at("content/2567/pipe.md", None), ["PS0002"], "unreadable: {}", r.stderr);
}

#[test]
#[cfg(unix)]
fn dangling_symlink_is_an_error_naming_it() {
    let s = TestSite::new();
    s.write("content/2567/ok.md", &ok_meeting());
    symlink("gone.md", s.path("content/2567/dangling.md"));
    let r = check(&s);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert_eq!(r.codes_at("content/2567/dangling.md", None), ["PS0002"], "unreadable: {}", r.stderr);
}

/// A file the process may not read. As root, chmod 000 stops nothing; the binary then
/// runs as `nobody` in a user namespace (unshare), where it cannot read a root-owned
/// file of mode 000 either. As root without user namespaces the test fails, saying so.
#[test]
#[cfg(unix)]
fn unreadable_file_is_an_error_naming_it() {
    use std::os::unix::fs::PermissionsExt;
    let s = TestSite::new();
    s.write("content/2567/ok.md", &ok_meeting());
    s.write("content/2567/secret.md", &ok_meeting());
    std::fs::set_permissions(s.path("content/2567/secret.md"), std::fs::Permissions::from_mode(0o000))
        .unwrap();
    let readable_anyway = std::fs::read(s.path("content/2567/secret.md")).is_ok();
    let r = if !readable_anyway {
        check(&s)
    } else {
        // root: make the tree world-readable (but not the file) and drop privileges
        for d in ["", "content", "content/2567"] {
            std::fs::set_permissions(s.path(d), std::fs::Permissions::from_mode(0o755)).unwrap();
        }
        std::fs::set_permissions(s.path("site.yaml"), std::fs::Permissions::from_mode(0o644)).unwrap();
        std::fs::set_permissions(s.path("content/2567/ok.md"), std::fs::Permissions::from_mode(0o644))
            .unwrap();
        let probe = Command::new("unshare")
            .args(["--user", "--map-user=65534", "--map-group=65534", "cat"])
            .arg(s.path("content/2567/secret.md"))
            .output();
        match probe {
            Ok(o)
                if !o.status.success() && !String::from_utf8_lossy(&o.stderr).contains("unshare failed") => {}
            other => panic!(
                "running as root, where chmod 000 stops nothing, and `unshare --user` cannot drop privileges \
                 here (no user namespaces?), so no file is unreadable: {other:?}"
            ),
        }
        let mut cmd = Command::new("unshare");
        cmd.args(["--user", "--map-user=65534", "--map-group=65534", bin(), "check", "--root"]).arg(s.root());
        bounded(&mut cmd)
    };
    assert_eq!(r.code, 1, "{}", r.stderr);
    let (code, e) = r.diagnostic_at("content/2567/secret.md", None);
    assert_eq!(code, "PS0002", "unreadable: {e}");
    assert!(e.to_lowercase().contains("permission"), "gives the reason: {e}");
}

// ---- names --------------------------------------------------------------------------

#[test]
fn file_names_with_spaces_and_thai_letters_give_clean_urls() {
    let s = TestSite::new();
    s.write("content/2567 ปีนี้/2567-01-15-ประชุม ประชาคม หมู่ 1.md", &ok_meeting());
    s.write("content/2567 ปีนี้/Budget  Hearing (final).md", &ok_meeting().replace("2567-01-15", "2567-02-01"));
    let r = build(&s);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(s.path("public/2567/ประชุม-ประชาคม-หมู่-1/index.html").is_file());
    assert!(s.path("public/2567/budget-hearing-final/index.html").is_file());
    let sitemap = s.read("public/sitemap.xml");
    for loc in sitemap.split("<loc>").skip(1).map(|l| l.split("</loc>").next().unwrap()) {
        assert!(!loc.contains(' ') && !loc.contains("ปีนี้"), "{loc}");
    }
}

/// Decision: the default slug is the file name in Unicode NFC, with the accents of Latin
/// letters dropped. Two names that look the same (NFC and NFD, or Thai marks typed in
/// another order) give the same URL, so two such files in one fiscal year are a
/// duplicate-URL error naming both: never two pages that look like one address.
#[test]
fn names_differing_only_in_unicode_normalisation_are_one_url() {
    let s = TestSite::new();
    s.write("content/2567/caf\u{e9}.md", &ok_meeting());
    s.write("content/2567/cafe\u{301}.md", &ok_meeting());
    // กุ่ม: SARA U then MAI EK (canonical) / MAI EK then SARA U (as some keyboards type it)
    s.write("content/2567/\u{e01}\u{e38}\u{e48}\u{e21}.md", &ok_meeting());
    s.write("content/2567/\u{e01}\u{e48}\u{e38}\u{e21}.md", &ok_meeting());
    let r = check(&s);
    assert_eq!(r.code, 1, "{}", r.stderr);
    let dup: Vec<&str> = r.errors().into_iter().filter(|e| code_of(e) == "PS0210").collect();
    assert_eq!(dup.len(), 2, "{}", r.stderr);
    assert!(dup.iter().any(|e| e.contains("caf\u{e9}.md") && e.contains("cafe\u{301}.md")), "{dup:?}");
    assert!(
        dup.iter().any(|e| e.contains("\u{e01}\u{e38}\u{e48}\u{e21}.md")
            && e.contains("\u{e01}\u{e48}\u{e38}\u{e21}.md")),
        "{dup:?}"
    );

    let s = TestSite::new();
    s.write("content/2567/cafe\u{301}.md", &ok_meeting());
    s.write("content/2567/\u{e01}\u{e48}\u{e38}\u{e21}.md", &ok_meeting());
    let r = build(&s);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(s.path("public/2567/cafe/index.html").is_file());
    assert!(s.path("public/2567/\u{e01}\u{e38}\u{e48}\u{e21}/index.html").is_file(), "NFC URL");
}

#[test]
fn slugs_that_leave_the_site_are_errors_and_nothing_is_written() {
    let bad = [
        "../../outside",
        "/etc/x",
        "%2e%2e%2foutside",
        "..%2F..%2Foutside",
        "a\\..\\..\\outside",
        "..",
        ".",
        "a/../../b",
        "C:\\x",
        "ok\u{0}x",
        "A-B",
    ];
    let s = TestSite::new();
    for (i, slug) in bad.iter().enumerate() {
        s.write(
            &format!("content/2567/s{i}.md"),
            &format!(
                "---\ntitle: t\ndate: 2567-01-15\nvenue: v\nslug: \"{}\"\n---\n",
                slug.replace('\\', "\\\\").replace('\0', "\\0")
            ),
        );
    }
    let r = build(&s);
    assert_eq!(r.code, 1, "{}", r.stderr);
    for (i, slug) in bad.iter().enumerate() {
        assert_eq!(r.codes_at(&format!("content/2567/s{i}.md"), Some(5)), ["PS0208"], "{slug}: {}", r.stderr);
    }
    assert!(!s.path("public").exists());
    let parent = s.root().parent().unwrap();
    for p in
        [parent.join("outside"), parent.join("b"), s.path("outside"), s.path("b"), Path::new("/etc/x").into()]
    {
        assert!(!p.exists(), "{} was written", p.display());
    }
}

#[test]
fn attachments_that_leave_the_site_are_errors() {
    let bad = [
        "../site.yaml",
        "../../etc/passwd",
        "/etc/passwd",
        "%2e%2e/site.yaml",
        "files/%2E%2E/%2e%2e/site.yaml",
        "files\\..\\..\\site.yaml",
        "C:\\Windows\\win.ini",
        "file:///etc/passwd",
        "files/../../site.yaml",
    ];
    let s = TestSite::new();
    let mut m = String::from("---\ntitle: t\ndate: 2567-01-15\nvenue: v\nattachments:\n");
    for a in bad {
        m.push_str(&format!("  - \"{}\"\n", a.replace('\\', "\\\\")));
    }
    m.push_str("---\n");
    s.write("content/2567/att.md", &m);
    let r = build(&s);
    assert_eq!(r.code, 1, "{}", r.stderr);
    for (i, a) in bad.iter().enumerate() {
        let (code, e) = r.diagnostic_at("content/2567/att.md", Some(6 + i));
        assert!(
            e.starts_with(&format!("error: content/2567/att.md:{}:5: attachments[{i}]", 6 + i)),
            "{a}: {e}"
        );
        assert_eq!(code, "PS0401", "attachment-outside-static: {a}: {e}");
    }
    assert!(!s.path("public").exists());
}
