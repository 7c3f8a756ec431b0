//! `prongsai import`: each report → a meeting file under `content/<fy>/`, its path on
//! stdout, and each warning (with where in the report) on stderr. Nothing is overwritten
//! without `--force`; a report that cannot be imported writes nothing.

use super::{EXIT_CONTENT, EXIT_OK};
use prongsai::diagnostics::Code;
use prongsai::import::{self, reader};
use prongsai::layout;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

pub struct Import {
    pub root: PathBuf,
    pub reports: Vec<PathBuf>,
    pub attach: bool,
    pub force: bool,
}

pub fn run(a: Import) -> ExitCode {
    let mut written = 0;
    let mut failed = 0;
    for report in &a.reports {
        match one(&a, report) {
            Ok(()) => written += 1,
            Err(()) => failed += 1,
        }
    }
    if failed > 0 && written == 0 {
        eprintln!("ไม่ได้นำเข้ารายงานใด ({failed} ไฟล์)");
        ExitCode::from(EXIT_CONTENT)
    } else {
        if failed > 0 {
            eprintln!("นำเข้าแล้ว {written} ไฟล์ ไม่สำเร็จ {failed} ไฟล์");
        }
        ExitCode::from(EXIT_OK)
    }
}

/// Compiler-style, as `check` says its diagnostics: `error: report.docx: … [PS0802]`.
fn error(report: &Path, code: Code, msg: &str) {
    eprintln!("error: {}: {msg} [{}]", report.display(), code.id());
}

fn one(a: &Import, report: &Path) -> Result<(), ()> {
    // The size first: 50 MB of text is refused before it is read.
    let meta = std::fs::metadata(report)
        .map_err(|e| error(report, Code::Unreadable, &format!("เปิดไฟล์ไม่ได้: {e}")))?;
    if !meta.is_file() {
        error(report, Code::Unreadable, "ไม่ใช่ไฟล์");
        return Err(());
    }
    if meta.len() > reader::MAX_FILE_BYTES {
        let e = import::ImportError::new(import::Problem::TooLarge, format!("{} MB", meta.len() >> 20));
        error(report, e.code(), &e.to_string());
        return Err(());
    }
    let bytes =
        std::fs::read(report).map_err(|e| error(report, Code::Unreadable, &format!("อ่านไฟล์ไม่ได้: {e}")))?;
    let name = report.to_string_lossy();
    let mut imported =
        import::import_report(&bytes, &name).map_err(|e| error(report, e.code(), &e.to_string()))?;
    let fy = imported.date.fiscal_year().to_string();
    let dir = a.root.join(layout::CONTENT).join(&fy);
    // Two meetings of a year with one slug would share a URL and stop the build: a report
    // whose title gives a slug the year has ("ประชุมประชาคมหมู่บ้าน") gets "-2", "-3"…. A
    // file of this date and slug already there is this report's, imported before.
    let taken = slugs_of_year(&a.root, imported.date.fiscal_year());
    let base = imported.slug.clone();
    let slug = (1..1000)
        .map(|n| if n == 1 { base.clone() } else { format!("{base}-{n}") })
        .find(|s| {
            dir.join(prongsai::scaffold::meeting_file_name(imported.date, s)).exists() || !taken.contains(s)
        })
        .unwrap_or_else(|| base.clone());
    let renamed = slug != base;
    if renamed {
        imported.text = imported.text.replacen(&format!("\nslug: {base}\n"), &format!("\nslug: {slug}\n"), 1);
        imported.slug = slug;
    }
    let file = dir.join(imported.file_name());
    if file.exists() && !a.force {
        error(
            report,
            Code::ImportExists,
            &format!("มีไฟล์ {} อยู่แล้ว จะไม่เขียนทับ (ใช้ --force ถ้าต้องการเขียนทับ)", file.display()),
        );
        return Err(());
    }
    let mut attached = None;
    if a.attach {
        let base = report.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let rel = format!("files/{fy}/{base}");
        if prongsai::fs::safe_relative_path(&rel).is_none() {
            error(report, Code::Unreadable, &format!("ชื่อไฟล์ {base} ใช้เป็นไฟล์แนบไม่ได้"));
            return Err(());
        }
        let dest = a.root.join(layout::STATIC).join(&rel);
        if dest.exists() && !a.force && std::fs::read(&dest).ok().as_deref() != Some(&bytes[..]) {
            error(
                report,
                Code::ImportExists,
                &format!("มีไฟล์ {} อยู่แล้ว จะไม่เขียนทับ (ใช้ --force)", dest.display()),
            );
            return Err(());
        }
        if let Err(e) = prongsai::fs::write_atomic(&dest, &bytes) {
            error(report, Code::WriteFailed, &format!("คัดลอกไปที่ {} ไม่ได้: {e}", dest.display()));
            return Err(());
        }
        attached = Some(rel);
    }
    if let Some(rel) = &attached {
        imported.text = imported.text.replacen(
            "draft: true\n",
            &format!("attachments:\n  - \"{rel}\"\ndraft: true\n"),
            1,
        );
    }
    if let Err(e) = prongsai::fs::write_atomic(&file, imported.text.as_bytes()) {
        error(report, Code::WriteFailed, &format!("เขียน {} ไม่ได้: {e}", file.display()));
        return Err(());
    }
    println!("{}", file.display());
    if renamed {
        eprintln!(
            "หมายเหตุ: {}: ปีงบประมาณ {fy} มีการประชุม slug \"{base}\" อยู่แล้ว จึงใช้ slug \"{}\" ให้หน้าเว็บไม่ซ้ำกัน",
            report.display(),
            imported.slug
        );
    }
    for w in &imported.warnings {
        let quote = if w.quote.is_empty() { String::new() } else { format!(" «{}»", w.quote) };
        // The message names the paragraph (Word) or line (text) itself, in Thai.
        // The field first, as the editor places it: `warning: r.txt: venue: … [PS0810]`.
        eprintln!("warning: {}: {}: {}{quote} [{}]", report.display(), w.field, w.message, w.code.id());
    }
    eprintln!(
        "นำเข้าแล้ว (ปีงบประมาณ {fy}) ตรวจกับต้นฉบับ แล้วเปลี่ยน draft: true เป็น draft: false เมื่อพร้อมเผยแพร่ (ดูคำเตือนด้วย prongsai check --drafts)"
    );
    Ok(())
}

/// The slugs of the meetings of fiscal year `fy` under `content/` (front matter's `slug:`,
/// else the file's name). Read from the lines themselves: a file that does not parse
/// still holds its slug.
fn slugs_of_year(root: &Path, fy: i32) -> std::collections::HashSet<String> {
    let mut out = std::collections::HashSet::new();
    let files = walkdir::WalkDir::new(root.join(layout::CONTENT))
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file() && e.path().extension().is_some_and(|x| x == "md"))
        .filter(|e| e.metadata().is_ok_and(|m| m.len() <= 1 << 20));
    for e in files {
        let Ok(text) = std::fs::read_to_string(e.path()) else { continue };
        let mut lines = text.lines().map(|l| l.trim_start_matches('\u{feff}'));
        if lines.next().map(str::trim_end) != Some("---") {
            continue;
        }
        let (mut date, mut slug) = (None, None);
        for l in lines.take_while(|l| l.trim_end() != "---") {
            let value = |k: &str| l.strip_prefix(k).map(|v| v.trim().trim_matches(['"', '\'']).to_string());
            date = date.or_else(|| value("date:"));
            slug = slug.or_else(|| value("slug:"));
        }
        let in_year =
            date.and_then(|d| prongsai::calendar::parse_date(&d).ok()).is_some_and(|d| d.fiscal_year() == fy);
        if in_year {
            let name = e.file_name().to_string_lossy();
            out.insert(slug.filter(|s| !s.is_empty()).unwrap_or_else(|| prongsai::load::default_slug(&name)));
        }
    }
    out
}
