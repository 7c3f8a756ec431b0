//! `prongsai new`: a meeting file with every field ready to fill (its text is
//! [`prongsai::scaffold::meeting_template`]), or with `--ita` the disclosure page of one
//! OIT item ([`prongsai::scaffold::disclosure_template`]). The new file's path goes to
//! stdout, for scripts and editors; everything else to stderr.

use super::{EXIT_IO, EXIT_OK, io_failure};
use prongsai::diagnostics::Diagnostics;
use prongsai::load::registry::{self, PARTICIPATION};
use prongsai::{calendar, layout, load, scaffold};
use std::path::PathBuf;
use std::process::ExitCode;

pub struct NewMeeting {
    pub root: PathBuf,
    pub title: String,
    pub date: String,
    pub slug: Option<String>,
    pub venue: Option<String>,
}

pub fn run(n: NewMeeting) -> ExitCode {
    let date = match calendar::parse_date(&n.date) {
        Ok(d) => d,
        Err(e) => {
            eprintln!("error: --date \"{}\": {e}", n.date);
            return ExitCode::from(EXIT_IO);
        }
    };
    let slug = match n.slug {
        Some(s) if load::valid_slug(&s) => s,
        Some(s) => {
            eprintln!("error: --slug \"{s}\" ใช้ได้เฉพาะ a-z, 0-9, - และอักษรไทย");
            return ExitCode::from(EXIT_IO);
        }
        None => scaffold::slug_from_title(&n.title, date),
    };
    let dir = n.root.join(layout::CONTENT).join(date.fiscal_year().to_string());
    let file = dir.join(scaffold::meeting_file_name(date, &slug));
    if file.exists() {
        eprintln!("error: มีไฟล์ {} อยู่แล้ว จะไม่เขียนทับ (ใช้ --slug ตั้งชื่ออื่น)", file.display());
        return ExitCode::from(EXIT_IO);
    }
    let text = scaffold::meeting_template(&n.title, date, &slug, n.venue.as_deref());
    match prongsai::fs::write_atomic(&file, text.as_bytes()) {
        Ok(()) => {
            println!("{}", file.display());
            eprintln!(
                "สร้างไฟล์การประชุมแล้ว (ปีงบประมาณ {}) เติมข้อมูลแล้วเปลี่ยน draft: true เป็น draft: false เมื่อพร้อมเผยแพร่",
                date.fiscal_year()
            );
            ExitCode::from(EXIT_OK)
        }
        Err(e) => io_failure(&format!("เขียน {} ไม่ได้", file.display()), &e),
    }
}

pub struct NewDisclosure {
    pub root: PathBuf,
    /// As typed: `O5`, `o5`.
    pub code: String,
    /// Assessment year (B.E.); None: the current one as of `today`.
    pub year: Option<i32>,
    pub today: calendar::Date,
}

/// `new --ita O5`: the page at the path `check` names for a missing item, from the site's
/// registries (shipped lists with `ita/<year>.yaml` merged, as the build reads them).
pub fn run_ita(n: NewDisclosure) -> ExitCode {
    let mut diags = Diagnostics::new();
    let registries = registry::load(&n.root, &mut diags);
    // A broken ita/<year>.yaml is the build's to report in full; here it only explains
    // why an item may be missing.
    for d in diags.sorted() {
        eprintln!("{d}");
    }
    let Some(code) = registry::normalize_code(&n.code) else {
        eprintln!("error: --ita \"{}\" ไม่ใช่รหัสรายการ ITA ต้องเป็น O ตามด้วยตัวเลข เช่น --ita O5", n.code);
        return ExitCode::from(EXIT_IO);
    };
    let fy = match n.year {
        Some(y) => y,
        None => match prongsai::model::ita::dashboard::current_year(&registries, Some(n.today)) {
            Some(y) => y,
            None => {
                eprintln!(
                    "error: ยังไม่มีรายการ ITA ของปีงบประมาณ {} หรือก่อนหน้า ให้ระบุ --year",
                    n.today.fiscal_year()
                );
                return ExitCode::from(EXIT_IO);
            }
        },
    };
    let Some(registry) = registries.get(&fy) else {
        let years: Vec<String> = registries.keys().map(|y| y.to_string()).collect();
        eprintln!(
            "error: ไม่มีรายการ ITA ของปี {fy} (ปีที่มี: {}) เพิ่มรายการของปีนี้ได้ที่ {}/{fy}.yaml",
            years.join(", "),
            layout::ITA
        );
        return ExitCode::from(EXIT_IO);
    };
    let Some(item) = registry.item(&code) else {
        let codes: Vec<&str> =
            registry.items.iter().filter(|i| i.key != PARTICIPATION).map(|i| i.code.as_str()).collect();
        eprintln!("error: ไม่มีรายการ {code} ในรายการ ITA ปี {fy} รายการที่มีหน้าได้: {}", codes.join(", "));
        return ExitCode::from(EXIT_IO);
    };
    if item.key == PARTICIPATION {
        eprintln!(
            "error: รายการ {code} {} ของปี {fy} คำนวณจากการประชุมของปีงบประมาณ {fy} ไม่ต้องมีหน้าของตัวเอง ให้เพิ่มการประชุม เช่น prongsai new \"ชื่อการประชุม\" --date {fy}-05-16",
            item.name
        );
        return ExitCode::from(EXIT_IO);
    }
    let file = n.root.join(layout::disclosure_page(fy, &code));
    if file.exists() {
        eprintln!("error: มีไฟล์ {} อยู่แล้ว จะไม่เขียนทับ (แก้ไฟล์นั้นแทน)", file.display());
        return ExitCode::from(EXIT_IO);
    }
    let text = scaffold::disclosure_template(item, fy);
    match prongsai::fs::write_atomic(&file, text.as_bytes()) {
        Ok(()) => {
            println!("{}", file.display());
            eprintln!(
                "สร้างหน้ารายการ {code} {} (ITA ปี {fy}) แล้ว เขียนเนื้อหาหรือแนบเอกสาร แล้วเปลี่ยน draft: true เป็น draft: false เมื่อพร้อมเผยแพร่",
                item.name
            );
            ExitCode::from(EXIT_OK)
        }
        Err(e) => io_failure(&format!("เขียน {} ไม่ได้", file.display()), &e),
    }
}
