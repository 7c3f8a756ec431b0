//! `prongsai init`: a new site with `site.yaml`, one example meeting and example disclosure
//! pages (their text is
//! [`prongsai::scaffold`]'s).

use super::{EXIT_IO, EXIT_OK, io_failure};
use prongsai::{calendar, layout, load, scaffold};
use std::path::Path;
use std::process::ExitCode;

pub fn run(dir: &Path) -> ExitCode {
    if dir.join(load::CONFIG_FILE).exists() {
        eprintln!("error: {} มี site.yaml อยู่แล้ว จะไม่เขียนทับ", dir.display());
        return ExitCode::from(EXIT_IO);
    }
    let today = calendar::today();
    let fy = today.fiscal_year();
    let slug = "first-meeting";
    let pages = scaffold::init_disclosures(today);
    let file = dir.join(layout::CONTENT).join(fy.to_string()).join(scaffold::meeting_file_name(today, slug));
    let result = (|| -> std::io::Result<()> {
        std::fs::create_dir_all(file.parent().expect("has parent"))?;
        std::fs::create_dir_all(dir.join(layout::STATIC).join("files"))?;
        std::fs::write(dir.join(load::CONFIG_FILE), scaffold::site_yaml(fy))?;
        std::fs::write(&file, scaffold::init_meeting(today, slug))?;
        for (path, text) in &pages {
            let page = dir.join(path);
            std::fs::create_dir_all(page.parent().expect("has parent"))?;
            std::fs::write(page, text)?;
        }
        if !dir.join(".gitignore").exists() {
            std::fs::write(dir.join(".gitignore"), "/public\n")?;
        }
        Ok(())
    })();
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
