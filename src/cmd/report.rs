//! A [`Report`] in the terminal: every diagnostic, the summary line, and the exit status.

use super::{EXIT_CONTENT, EXIT_OK};
use prongsai::site::Report;
use std::io::Write as _;

/// Prints every diagnostic and the summary line to stderr.
pub fn print(r: &Report) {
    // Buffered: stderr is not, and would make one write(2) per piece of every line
    // (several per diagnostic; a large site can have tens of thousands of warnings).
    let mut err = std::io::BufWriter::new(std::io::stderr().lock());
    for d in r.diagnostics.sorted() {
        let _ = writeln!(err, "{d}");
    }
    let _ = writeln!(err, "{}", r.diagnostics.summary(r.files));
    // serve's preview: the drafts' own problems, which do not stop it.
    let drafts = r.draft_diagnostics.sorted();
    if !drafts.is_empty() {
        for d in &drafts {
            let _ = writeln!(err, "{d}");
        }
        // How many drafts each count is in: "11 drafts have 1 error" would send a person
        // looking through eleven files for one.
        let files = |severity: prongsai::diagnostics::Severity| {
            drafts
                .iter()
                .filter(|d| d.severity == severity)
                .map(|d| d.file.as_str())
                .collect::<std::collections::BTreeSet<_>>()
                .len()
        };
        let _ = writeln!(
            err,
            "ฉบับร่าง: ข้อผิดพลาด {} รายการใน {} ไฟล์ คำเตือน {} รายการใน {} ไฟล์ (ไม่หยุดการแสดงตัวอย่างส่วนอื่นของเว็บไซต์)",
            r.draft_diagnostics.errors(),
            files(prongsai::diagnostics::Severity::Error),
            r.draft_diagnostics.warnings(),
            files(prongsai::diagnostics::Severity::Warning)
        );
    }
    if r.drafts_left_out > 0 {
        let _ = writeln!(
            err,
            "ฉบับร่าง (draft: true) {} ไฟล์ไม่ได้เผยแพร่ จึงยังไม่ได้ตรวจองค์ประกอบ ITA: ตรวจด้วย --drafts หรือเปลี่ยนเป็น draft: false เมื่อพร้อม",
            r.drafts_left_out
        );
    }
}

/// The line after a good build to disk: pages, where, how long, and the time of each stage.
pub fn written(r: &Report, output: &std::path::Path, took: std::time::Duration) {
    eprintln!(
        "สร้างเว็บไซต์แล้ว {} หน้า ที่ {} ใน {} ({})",
        r.pages,
        output.display(),
        prongsai::site::fmt_duration(took),
        r.timing_line()
    );
}

/// 0 when the build is good, 1 when the content has errors (or warnings, under `--strict`).
pub fn exit_status(r: &Report) -> u8 {
    if r.ok() { EXIT_OK } else { EXIT_CONTENT }
}
