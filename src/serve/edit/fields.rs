//! The fields of each document kind as the editor's form shows them: key, Thai label and
//! help, the kind of input, whether required. Kept in the shape of `load`'s schema
//! declaration, which replaces it when it lands (one declaration for load and the form).

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Text,
    /// Several lines (a summary).
    LongText,
    /// A date in any form `load` accepts; shown in B.E. with the weekday.
    Date,
    Time,
    Number,
    Slug,
    /// A list of one-line texts.
    List,
    /// A table: one row per entry, one column per field.
    Rows(&'static [Field]),
    Bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Field {
    pub key: &'static str,
    pub label: &'static str,
    pub help: &'static str,
    pub kind: Kind,
    pub required: bool,
}

const fn f(key: &'static str, label: &'static str, help: &'static str, kind: Kind, required: bool) -> Field {
    Field { key, label, help, kind, required }
}

pub const ATTENDEE: &[Field] = &[
    f("role", "ตำแหน่ง/กลุ่มผู้เข้าร่วม", "เช่น ผู้แทนประชาคมท้องถิ่น", Kind::Text, true),
    f("count", "จำนวน (คน)", "เว้นว่างได้ถ้ารายงานไม่ระบุจำนวน", Kind::Number, false),
];

pub const MEETING: &[Field] = &[
    f("title", "ชื่อโครงการ/การประชุม", "ชื่อที่แสดงเป็นหัวเรื่องของหน้า", Kind::Text, true),
    f("date", "วันที่", "พิมพ์ได้หลายแบบ เช่น 2567-10-20 หรือ 20 ตุลาคม 2567 หรือ 20-22 ต.ค. 2567", Kind::Date, true),
    f("date_end", "วันสุดท้าย", "สำหรับการประชุมหลายวัน (ไม่ใส่ก็ได้)", Kind::Date, false),
    f("time", "เวลา", "เช่น 09:30 หรือ 13.00-16.30 น. (ไม่ใส่ก็ได้)", Kind::Time, false),
    f("venue", "สถานที่", "สถานที่ดำเนินการ", Kind::Text, true),
    f("organization", "หน่วยงานที่จัด", "ไม่ใส่ก็ได้ ใช้ชื่อหน่วยงานใน site.yaml", Kind::Text, false),
    f("number", "ครั้งที่", "เช่น 2/2567 (ไม่ใส่ก็ได้)", Kind::Text, false),
    f("chair", "ประธาน", "ไม่ใส่ก็ได้", Kind::Text, false),
    f("organizers", "หน่วยงานที่ร่วมจัด", "ข้อละหนึ่งหน่วยงาน (ไม่ใส่ก็ได้)", Kind::List, false),
    f("objectives", "วัตถุประสงค์", "ข้อละหนึ่งบรรทัด (ไม่ใส่ก็ได้)", Kind::List, false),
    f("fiscal_year", "ปีงบประมาณ", "ไม่ใส่ก็ได้ ระบบคิดจากวันที่ ถ้าใส่ต้องตรงกับวันที่", Kind::Number, false),
    f("slug", "ส่วนท้ายของ URL", "a-z 0-9 - หรืออักษรไทย ห้ามเปลี่ยนหลังส่ง URL ให้ผู้ประเมินแล้ว", Kind::Slug, false),
    f("summary", "สรุปหนึ่งบรรทัด", "สำหรับรายการและ feed (ไม่ใส่ก็ได้)", Kind::LongText, false),
    f("topics", "ประเด็นการมีส่วนร่วม", "ข้อละหนึ่งประเด็น (ITA ต้องมี)", Kind::List, false),
    f("attendees", "ผู้มีส่วนร่วม", "ตำแหน่งและจำนวนคน (ITA ต้องมี)", Kind::Rows(ATTENDEE), false),
    f("attendees_total", "ยอดรวมผู้มีส่วนร่วม", "ตามรายงาน (ไม่ใส่ก็ได้ ระบบรวมให้เอง)", Kind::Number, false),
    f("attachments", "ไฟล์แนบ", "ไฟล์ใต้ static/ เช่น files/2568/minutes.pdf", Kind::List, false),
    f("draft", "ร่าง (ยังไม่เผยแพร่)", "ติ๊กไว้ขณะยังไม่พร้อมเผยแพร่", Kind::Bool, false),
    f("example", "การประชุมตัวอย่าง", "ของเว็บไซต์ที่เพิ่งสร้าง: เอาติ๊กออกเมื่อแก้เป็นข้อมูลจริงแล้ว", Kind::Bool, false),
];
