//! `prongsai init`: a new site with `site.yaml`, one example meeting and example disclosure
//! pages (their text is
//! [`prongsai::scaffold`]'s).

use super::{EXIT_IO, EXIT_OK, io_failure};
use prongsai::{calendar, load, scaffold};
use std::path::Path;
use std::process::ExitCode;

pub fn run(dir: &Path) -> ExitCode {
    if dir.join(load::CONFIG_FILE).exists() {
        eprintln!("error: {} มี site.yaml อยู่แล้ว จะไม่เขียนทับ", dir.display());
        return ExitCode::from(EXIT_IO);
    }
    let today = calendar::today();
    let files = scaffold::site_files(today, &scaffold::NewSite::example(today));
    let result = scaffold::write_site(dir, &files);
    // The example meeting, and the folder of the example disclosure pages.
    let file = dir.join(&files[1].0);
    let pages: Vec<_> = files.iter().filter(|(p, _)| p.contains("/ita/")).collect();
    match result {
        Ok(()) => {
            eprintln!("สร้างเว็บไซต์ใหม่ที่ {} แล้ว", dir.display());
            eprintln!("  แก้ site.yaml ให้เป็นของหน่วยงาน แล้วเขียนการประชุมใน {}", file.display());
            if let Some((path, _)) = pages.first() {
                let path = std::path::Path::new(path);
                let folder = path.parent().unwrap_or(path);
                eprintln!(
                    "  หน้าข้อมูล ITA (OIT) ตัวอย่างอยู่ใน {} รายการทั้งหมดของปีดูได้ที่หน้า /ita/",
                    dir.join(folder).display()
                );
            }
            eprintln!("  ดูตัวอย่าง: prongsai serve --root {}", dir.display());
            ExitCode::from(EXIT_OK)
        }
        Err(e) => io_failure(&format!("สร้าง {} ไม่ได้", dir.display()), &e),
    }
}
