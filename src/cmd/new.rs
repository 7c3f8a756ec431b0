//! `prongsai new`: a meeting file with every field ready to fill (its text is
//! [`prongsai::scaffold::meeting_template`]). The new file's path goes to stdout, for
//! scripts and editors; everything else to stderr.

use super::{EXIT_IO, EXIT_OK, io_failure};
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
    match std::fs::create_dir_all(&dir).and_then(|_| std::fs::write(&file, text)) {
        Ok(()) => {
            println!("{}", file.display());
            eprintln!(
                "สร้างไฟล์การประชุมแล้ว (ปีงบประมาณ {}) เติมข้อมูลแล้วเปลี่ยน draft: เป็น false เมื่อพร้อมเผยแพร่",
                date.fiscal_year()
            );
            ExitCode::from(EXIT_OK)
        }
        Err(e) => io_failure(&format!("เขียน {} ไม่ได้", file.display()), &e),
    }
}
