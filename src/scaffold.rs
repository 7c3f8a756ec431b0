//! The text of the files `init` and `new` write: `site.yaml` and the example meeting of a
//! new site, and the template of a new meeting. Pure functions; the binary writes the files.

use crate::calendar;
use crate::load;

const SITE_YAML: &str = "\
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
pub fn init_meeting(date: calendar::Date, slug: &str) -> String {
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

/// `site.yaml` of a new site, whose ITA table starts at fiscal year `fy`.
pub fn site_yaml(fy: i32) -> String {
    SITE_YAML.replace("{fy}", &fy.to_string())
}

/// `2567-10-20-slug.md`: the file name of a meeting, dated so that a folder lists in order.
pub fn meeting_file_name(date: calendar::Date, slug: &str) -> String {
    format!("{}-{slug}.md", iso_be(date))
}

/// The slug of a meeting made by `new` without `--slug`: from the title, at most 60
/// characters, `meeting` when the title has nothing a slug can use.
pub fn slug_from_title(title: &str) -> String {
    let s = load::default_slug(title);
    if s.is_empty() {
        "meeting".to_string()
    } else {
        s.chars().take(60).collect::<String>().trim_end_matches('-').to_string()
    }
}
