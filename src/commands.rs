//! What each command does, once `main.rs` has parsed the command line. Messages for the
//! webmaster are in Thai; diagnostics keep their compiler-style shape.

use crate::calendar;
use crate::layout;
use crate::load;
use crate::site::{self, BuildOptions, Report, Site};
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Exit statuses of DESIGN: 0 built, 1 content errors, 2 bad usage or I/O failure.
pub const EXIT_OK: u8 = 0;
pub const EXIT_CONTENT: u8 = 1;
pub const EXIT_IO: u8 = 2;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Human,
    Json,
}

/// Prints every diagnostic and the summary line to stderr.
pub fn print_report(r: &Report) {
    // Buffered: stderr is not, and would make one write(2) per piece of every line
    // (several per diagnostic; a large site can have tens of thousands of warnings).
    let mut err = std::io::BufWriter::new(std::io::stderr().lock());
    for d in r.diagnostics.sorted() {
        let _ = writeln!(err, "{d}");
    }
    let _ = writeln!(err, "{}", r.diagnostics.summary(r.files));
}

pub fn exit_status(r: &Report) -> u8 {
    if r.ok() { EXIT_OK } else { EXIT_CONTENT }
}

fn io_failure(what: &str, e: &std::io::Error) -> ExitCode {
    eprintln!("error: {what}: {e}");
    ExitCode::from(EXIT_IO)
}

/// `--root` must name an existing folder: a wrong path is bad usage (exit status 2), not
/// a site with content errors. A folder without `site.yaml` is the site's own error (1).
pub fn check_root(root: &Path) -> Result<(), ExitCode> {
    match std::fs::metadata(root) {
        Ok(m) if m.is_dir() => Ok(()),
        Ok(_) => {
            eprintln!("error: --root {}: ไม่ใช่โฟลเดอร์ ต้องเป็นโฟลเดอร์ของเว็บไซต์ (ที่มี site.yaml)", root.display());
            Err(ExitCode::from(EXIT_IO))
        }
        Err(e) => Err(io_failure(
            &format!("--root {}: ไม่พบโฟลเดอร์ของเว็บไซต์ (สร้างใหม่ด้วย prongsai init <โฟลเดอร์>)", root.display()),
            &e,
        )),
    }
}

/// `--base-url` must be an absolute http(s) URL: a bad one is bad usage (exit status 2)
/// that names the flag, not an error blamed on `site.yaml`.
pub fn check_base_url(url: &str) -> Result<(), ExitCode> {
    match load::normalize_base_url(url) {
        Some(_) => Ok(()),
        None => {
            eprintln!(
                "error: --base-url \"{url}\": ไม่ใช่ URL เต็ม ต้องขึ้นต้นด้วย https:// หรือ http:// เช่น https://www.example.go.th/ita/"
            );
            Err(ExitCode::from(EXIT_IO))
        }
    }
}

pub fn build(opts: BuildOptions) -> ExitCode {
    let output = opts.output.clone();
    let mut site = Site::new(opts);
    site.one_shot();
    let built = site.build();
    // The process ends here: what the build read (every meeting of the site) need not be
    // freed piece by piece first.
    std::mem::forget(site);
    match built {
        Ok(r) => {
            print_report(&r);
            if r.ok() {
                eprintln!(
                    "สร้างเว็บไซต์แล้ว {} หน้า ที่ {} ใน {} ({})",
                    r.pages,
                    output.display(),
                    site::fmt_duration(r.total_time()),
                    r.timing_line()
                );
            } else {
                eprintln!("ไม่ได้เขียนไฟล์ใด ๆ: {} ยังเป็นเว็บไซต์เดิมทุกไฟล์ แก้ปัญหาข้างบนแล้วสั่งใหม่", output.display());
            }
            let code = ExitCode::from(exit_status(&r));
            std::mem::forget(r);
            code
        }
        Err(e) => io_failure(&format!("เขียน {} ไม่ได้", output.display()), &e),
    }
}

pub fn check(opts: BuildOptions, format: Format) -> ExitCode {
    let mut site = Site::new(opts);
    site.one_shot();
    let r = site.check_rendered();
    match format {
        Format::Human => print_report(&r),
        Format::Json => println!("{}", r.diagnostics.to_json(r.files)),
    }
    ExitCode::from(exit_status(&r))
}

const INIT_SITE: &str = "\
# การตั้งค่าเว็บไซต์ของ prongsai (ดูคำอธิบายทุกช่องใน README)
title: ศูนย์ข้อมูลการมีส่วนร่วม
organization: องค์การบริหารส่วนตำบลตัวอย่าง       # ชื่อหน่วยงานเจ้าของเว็บไซต์
base_url: https://www.example.go.th/ita/            # ที่อยู่เว็บไซต์จริงเมื่อเผยแพร่
numerals: arabic                                    # arabic หรือ thai (เลขไทย)
theme: default
role_groups:                                        # การรวมกลุ่มตำแหน่งในตารางสถิติ
  - name: ผู้บริหารและพนักงาน
    roles: [นายกองค์การบริหารส่วนตำบล, รองนายกองค์การบริหารส่วนตำบล, ปลัดองค์การบริหารส่วนตำบล]
  - name: บุคคลภายนอก
    external: true
    roles: [ผู้ทรงคุณวุฒิ, ผู้แทนประชาคมท้องถิ่น, ประชาชน]
ita:                                                # ตัวชี้วัด ITA ของแต่ละปีงบประมาณ
  {fy}: {code: O19, name: ผลการเปิดโอกาสให้มีส่วนร่วมในการดำเนินงาน}
";

/// The text of a new meeting file, every field ready to fill.
pub fn meeting_template(title: &str, date: calendar::Date, slug: &str, venue: &str) -> String {
    let title = yaml_quote(title);
    let venue = yaml_quote(venue);
    format!(
        "---
title: {title}                     # ชื่อโครงการ/การประชุม
date: {date}                        # วันที่ (พ.ศ.) เช่น 2567-10-20 หรือ 20 ตุลาคม 2567
time: \"09:30\"                     # เวลาเริ่ม (ไม่ใส่ก็ได้)
venue: {venue}                     # สถานที่ดำเนินการ
organization:                      # หน่วยงานที่จัด (ไม่ใส่ก็ได้ ใช้ชื่อหน่วยงานใน site.yaml)
fiscal_year:                       # ปีงบประมาณ (ไม่ใส่ก็ได้ ระบบคิดจากวันที่ ถ้าใส่ต้องตรงกับวันที่)
slug: {slug}                      # ส่วนท้ายของ URL: a-z 0-9 - หรืออักษรไทย ห้ามเปลี่ยนหลังส่ง URL แล้ว
summary:                           # สรุปหนึ่งบรรทัด สำหรับรายการและ feed (ไม่ใส่ก็ได้)
topics:                            # ประเด็น/เรื่องในการมีส่วนร่วม
  - 
attendees:                         # สรุปข้อมูลของผู้มีส่วนร่วม: ตำแหน่งและจำนวนคน
  - role: ผู้แทนประชาคมท้องถิ่น
    count: 0
attendees_total:                   # ยอดรวมตามรายงาน (ไม่ใส่ก็ได้ ระบบรวมให้เอง)
attachments: []                    # ไฟล์ใต้ static/ เช่น files/2568/minutes.pdf
draft: true                        # เปลี่ยนเป็น false เมื่อพร้อมเผยแพร่
---

## ผลจากการมีส่วนร่วม

1. 

## การนำผลของการมีส่วนร่วมไปปรับปรุงพัฒนาการดำเนินงาน

1. 
",
        date = iso_be(date),
    )
}

/// The example meeting of a new site: complete and published, so the first preview
/// shows every part of a meeting page, and the webmaster edits rather than starts blank.
fn init_meeting(date: calendar::Date, slug: &str) -> String {
    format!(
        "---
title: การประชุมประชาคมตำบลเพื่อจัดทำแผนพัฒนาท้องถิ่น (ตัวอย่าง)
date: {date}
time: \"09:30\"
venue: ห้องประชุมองค์การบริหารส่วนตำบลตัวอย่าง
slug: {slug}
summary: ตัวแทนหมู่บ้านร่วมเสนอและจัดลำดับโครงการเข้าแผนพัฒนาท้องถิ่น
topics:
  - การเสนอโครงการที่หมู่บ้านต้องการเข้าแผนพัฒนาท้องถิ่น
  - การจัดลำดับความสำคัญของโครงการ
attendees:
  - role: นายกองค์การบริหารส่วนตำบล
    count: 1
  - role: ปลัดองค์การบริหารส่วนตำบล
    count: 1
  - role: ผู้แทนประชาคมท้องถิ่น
    count: 12
  - role: ประชาชน
    count: 30
draft: false
---

## ผลจากการมีส่วนร่วม

1. ที่ประชุมเสนอโครงการ 8 โครงการ และจัดลำดับความสำคัญแล้ว

## การนำผลของการมีส่วนร่วมไปปรับปรุงพัฒนาการดำเนินงาน

1. นำโครงการที่ได้รับการจัดลำดับไปบรรจุในแผนพัฒนาท้องถิ่น
",
        date = iso_be(date),
    )
}

/// `2567-10-20`: the date as `new` and `init` write it, B.E. year first.
fn iso_be(date: calendar::Date) -> String {
    format!("{}-{:02}-{:02}", date.year_be(), date.month(), date.day())
}

fn yaml_quote(s: &str) -> String {
    format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
}

pub fn init(dir: &Path) -> ExitCode {
    if dir.join(load::CONFIG_FILE).exists() {
        eprintln!("error: {} มี site.yaml อยู่แล้ว จะไม่เขียนทับ", dir.display());
        return ExitCode::from(EXIT_IO);
    }
    let today = calendar::Date::today();
    let fy = today.fiscal_year();
    let slug = "first-meeting";
    let file = dir.join(layout::CONTENT).join(fy.to_string()).join(format!(
        "{}-{:02}-{:02}-{slug}.md",
        today.year_be(),
        today.month(),
        today.day()
    ));
    let result = (|| -> std::io::Result<()> {
        std::fs::create_dir_all(file.parent().expect("has parent"))?;
        std::fs::create_dir_all(dir.join(layout::STATIC).join("files"))?;
        std::fs::write(dir.join(load::CONFIG_FILE), INIT_SITE.replace("{fy}", &fy.to_string()))?;
        std::fs::write(&file, init_meeting(today, slug))?;
        if !dir.join(".gitignore").exists() {
            std::fs::write(dir.join(".gitignore"), "/public\n")?;
        }
        Ok(())
    })();
    match result {
        Ok(()) => {
            eprintln!("สร้างเว็บไซต์ใหม่ที่ {} แล้ว", dir.display());
            eprintln!("  แก้ site.yaml ให้เป็นของหน่วยงาน แล้วเขียนการประชุมใน {}", file.display());
            eprintln!("  ดูตัวอย่าง: prongsai serve --root {}", dir.display());
            ExitCode::from(EXIT_OK)
        }
        Err(e) => io_failure(&format!("สร้าง {} ไม่ได้", dir.display()), &e),
    }
}

pub struct NewMeeting {
    pub root: PathBuf,
    pub title: String,
    pub date: String,
    pub slug: Option<String>,
    pub venue: Option<String>,
}

pub fn new_meeting(n: NewMeeting) -> ExitCode {
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
        None => {
            let s = load::default_slug(&n.title);
            if s.is_empty() {
                "meeting".to_string()
            } else {
                s.chars().take(60).collect::<String>().trim_end_matches('-').to_string()
            }
        }
    };
    let dir = n.root.join(layout::CONTENT).join(date.fiscal_year().to_string());
    let file = dir.join(format!("{}-{:02}-{:02}-{slug}.md", date.year_be(), date.month(), date.day()));
    if file.exists() {
        eprintln!("error: มีไฟล์ {} อยู่แล้ว จะไม่เขียนทับ (ใช้ --slug ตั้งชื่ออื่น)", file.display());
        return ExitCode::from(EXIT_IO);
    }
    let venue = n.venue.unwrap_or_else(|| "ห้องประชุม".into());
    let text = meeting_template(&n.title, date, &slug, &venue);
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
