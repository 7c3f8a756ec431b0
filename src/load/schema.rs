//! The fields of each document kind, declared once: a meeting file, a disclosure page
//! (`ita_item:`) and `site.yaml`. Shaped like Decap CMS's `collections[].fields` (key,
//! label, widget, hint, required): `load` takes the keys it knows and the names it
//! reports missing fields by from here, the editor draws its forms from it (it
//! serializes to JSON and minijinja), and `tests/docs.rs` holds the field tables of
//! `docs/design.md` and `docs/guide-th.md` to it.
//!
//! Adding a field is one entry here plus its parsing in the kind's module; a test of
//! each module reads a file that gives every declared field and finds no unknown key.
//!
//! A leaf of `load/`: it imports nothing of it.

use serde::ser::{Serialize, SerializeMap, SerializeStruct, Serializer};

/// What a field holds, which is how the editor shows it and how `load` reads it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FieldKind {
    /// One line of text.
    Text,
    /// Text of several lines.
    LongText,
    /// A day (any form the calendar reads: `2568-05-16`, `16 พ.ค. 68`, …); for the
    /// meeting's `date`, a range of days too.
    Date,
    /// A time or a time range (`09.30`, `13.00-16.30 น.`).
    Time,
    /// A whole number ≥ 0, Arabic or Thai digits (`222 คน` too for a count).
    Integer,
    /// `true` or `false`.
    Bool,
    /// The last part of a URL: `a-z`, `0-9`, `-` and Thai letters.
    Slug,
    /// A fiscal year, B.E. (`2569`).
    FiscalYear,
    /// A list of texts; a single text is a list of one.
    TextList,
    /// The attendee table: rows of [`ATTENDEE_FIELDS`].
    Attendees,
    /// Links: rows of [`LINK_FIELDS`].
    Links,
    /// Paths of files under `static/` (a single text is one).
    Attachments,
    /// One of the options, each `(value written in the file, Thai label)`.
    Choice(&'static [(&'static str, &'static str)]),
    /// A nested map of these fields (`ita_headings`).
    Group(&'static [Field]),
    /// A list of rows, each a map of these fields (`role_groups`).
    Rows(&'static [Field]),
    /// A map from a fiscal year (B.E.) to a map of these fields (`ita` of `site.yaml`).
    ByYear(&'static [Field]),
    /// An absolute `https://` (or `http://`) URL.
    Url,
    /// An OIT item code (`O1`), one of the year's registry.
    ItaItem,
}

impl FieldKind {
    /// The kind's name as the editor and the JSON know it (`"text"`, `"attendees"`, …).
    pub fn name(&self) -> &'static str {
        match self {
            FieldKind::Text => "text",
            FieldKind::LongText => "long_text",
            FieldKind::Date => "date",
            FieldKind::Time => "time",
            FieldKind::Integer => "integer",
            FieldKind::Bool => "bool",
            FieldKind::Slug => "slug",
            FieldKind::FiscalYear => "fiscal_year",
            FieldKind::TextList => "text_list",
            FieldKind::Attendees => "attendees",
            FieldKind::Links => "links",
            FieldKind::Attachments => "attachments",
            FieldKind::Choice(_) => "choice",
            FieldKind::Group(_) => "group",
            FieldKind::Rows(_) => "rows",
            FieldKind::ByYear(_) => "by_year",
            FieldKind::Url => "url",
            FieldKind::ItaItem => "ita_item",
        }
    }

    /// The fields inside a value of this kind: a group's, or each row's.
    pub fn fields(&self) -> Option<&'static [Field]> {
        match self {
            FieldKind::Attendees => Some(ATTENDEE_FIELDS),
            FieldKind::Links => Some(LINK_FIELDS),
            FieldKind::Group(f) | FieldKind::Rows(f) | FieldKind::ByYear(f) => Some(f),
            _ => None,
        }
    }

    /// The options of a choice.
    pub fn options(&self) -> Option<&'static [(&'static str, &'static str)]> {
        match self {
            FieldKind::Choice(o) => Some(o),
            _ => None,
        }
    }
}

/// `{"type": "choice", "options": [{"value", "label"}], "fields": [...]}`, the last two
/// only when the kind has them.
impl Serialize for FieldKind {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        struct Opt(&'static str, &'static str);
        impl Serialize for Opt {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                let mut m = s.serialize_struct("Option", 2)?;
                m.serialize_field("value", self.0)?;
                m.serialize_field("label", self.1)?;
                m.end()
            }
        }
        let mut m = s.serialize_map(None)?;
        m.serialize_entry("type", self.name())?;
        if let Some(o) = self.options() {
            let o: Vec<Opt> = o.iter().map(|&(v, l)| Opt(v, l)).collect();
            m.serialize_entry("options", &o)?;
        }
        if let Some(f) = self.fields() {
            m.serialize_entry("fields", f)?;
        }
        m.end()
    }
}

/// One field of a document kind.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Field {
    /// The key written in the file.
    pub key: &'static str,
    /// Its name in Thai, for the form and for messages (`ขาด title (ชื่อการประชุม) …`).
    pub label: &'static str,
    /// What it means and how to write it, in Thai.
    pub help: &'static str,
    pub kind: FieldKind,
    /// Missing or blank is an error.
    pub required: bool,
    /// An example value for the form's placeholder; empty when none helps.
    pub example: &'static str,
}

/// A kind of document: its fields in the order a form shows them.
#[derive(Debug, PartialEq, Eq, serde::Serialize)]
pub struct DocKind {
    /// `"meeting"`, `"disclosure"` or `"site"`.
    pub id: &'static str,
    pub label: &'static str,
    pub fields: &'static [Field],
}

impl DocKind {
    /// The field of this key, at the top level.
    pub fn field(&self, key: &str) -> Option<&'static Field> {
        self.fields.iter().find(|f| f.key == key)
    }
}

/// The field of `key` among `fields`.
pub fn field_of(fields: &'static [Field], key: &str) -> Option<&'static Field> {
    fields.iter().find(|f| f.key == key)
}

/// Every document kind.
pub static KINDS: [&DocKind; 3] = [&MEETING, &DISCLOSURE, &SITE];

/// The document kind of this id.
pub fn kind(id: &str) -> Option<&'static DocKind> {
    KINDS.iter().copied().find(|k| k.id == id)
}

/// Shorthand for the tables below.
const fn f(
    key: &'static str,
    label: &'static str,
    kind: FieldKind,
    required: bool,
    help: &'static str,
    example: &'static str,
) -> Field {
    Field { key, label, help, kind, required, example }
}

use FieldKind as K;

const DRAFT_HELP: &str = "เลือก = ฉบับร่าง ยังไม่เผยแพร่ (ดูได้ใน \"ดูเว็บไซต์\" ขณะโปรแกรมเปิดอยู่ แต่ไม่ขึ้นเว็บไซต์จริง)";
const ATTACHMENTS_HELP: &str =
    "ไฟล์ที่อยู่ใต้โฟลเดอร์ static/ เช่น files/2568/minutes.pdf หมายถึง static/files/2568/minutes.pdf";

/// A row of a meeting's `attendees`.
pub const ATTENDEE_FIELDS: &[Field] = &[
    f("role", "ตำแหน่ง/กลุ่มผู้เข้าร่วม", K::Text, true, "ตำแหน่งหรือกลุ่มตามรายงาน", "ผู้ใหญ่บ้าน"),
    f(
        "count",
        "จำนวนคน",
        K::Integer,
        false,
        "เลขอารบิกหรือเลขไทย (58 หรือ 58 คน) เว้นว่างถ้ารายงานไม่ได้บอกจำนวน",
        "12",
    ),
];

/// A row of a disclosure page's `links`.
pub const LINK_FIELDS: &[Field] = &[
    f("title", "ชื่อที่แสดง", K::Text, false, "ชื่อลิงก์ที่แสดงในหน้า ถ้าไม่ใส่ แสดง URL", "ระบบ E-Service"),
    f(
        "url",
        "ที่อยู่ลิงก์ https://",
        K::Url,
        true,
        "ที่อยู่เต็มที่ขึ้นต้นด้วย https://",
        "https://www.example.go.th/e-service",
    ),
];

/// A meeting file (a `.md` under `content/` without `ita_item:`).
pub static MEETING: DocKind = DocKind {
    id: "meeting",
    label: "การประชุม",
    fields: &[
        f("title", "ชื่อการประชุม", K::Text, true, "ชื่อการประชุม/โครงการ", "ประชุมประชาคมหมู่บ้านเพื่อจัดทำแผนพัฒนาท้องถิ่น"),
        f(
            "date",
            "วันที่ประชุม",
            K::Date,
            true,
            "เขียนได้หลายแบบ เช่น 2568-05-16, 16/05/2568, 16 พฤษภาคม 2568, 16 พ.ค. 68 ประชุมหลายวันเขียนเป็นช่วง 20-22 ต.ค. 2567",
            "16 พฤษภาคม 2568",
        ),
        f("date_end", "วันสุดท้าย", K::Date, false, "วันสุดท้ายของการประชุมหลายวัน (ใช้แทนการเขียนช่วงในวันที่)", ""),
        f(
            "venue",
            "สถานที่",
            K::TextList,
            false,
            "ที่เดียว หรือหลายแห่ง (เช่น ศาลาประชาคมหลายหมู่บ้าน) ถ้าไม่ใส่ หน้าเว็บแสดงว่า \"ไม่ระบุสถานที่\"",
            "ห้องประชุมองค์การบริหารส่วนตำบล",
        ),
        f(
            "time",
            "เวลา",
            K::Time,
            false,
            "เวลาเริ่ม เช่น 9.30, 13:30, 9.30 น. หรือช่วงเวลา 13.00-16.30 น.",
            "09.30 น.",
        ),
        f(
            "organization",
            "หน่วยงานที่จัด",
            K::Text,
            false,
            "ใส่เมื่อไม่ใช่หน่วยงานของเว็บไซต์ (ชื่อหน่วยงานในตั้งค่าเว็บไซต์ site.yaml)",
            "",
        ),
        f("number", "ครั้งที่", K::Text, false, "เช่น 2/2567 แสดงต่อท้ายชื่อการประชุมว่า \"ครั้งที่ 2/2567\"", "2/2567"),
        f("chair", "ประธาน", K::Text, false, "ประธานในที่ประชุม", ""),
        f("organizers", "หน่วยงานที่ร่วมจัด", K::TextList, false, "หน่วยงานที่ร่วมจัด (ร่วมกับ …)", ""),
        f("objectives", "วัตถุประสงค์", K::TextList, false, "วัตถุประสงค์ของการประชุม แสดงก่อนประเด็นการมีส่วนร่วม", ""),
        f(
            "fiscal_year",
            "ปีงบประมาณ",
            K::FiscalYear,
            false,
            "ไม่ต้องใส่ (คำนวณจากวันที่: 1 ต.ค. – 30 ก.ย.) ถ้าใส่ต้องตรงกับวันที่",
            "2568",
        ),
        f(
            "slug",
            "ส่วนท้ายของ URL",
            K::Slug,
            false,
            "a-z, 0-9, - หรืออักษรไทย ไม่ใส่ = ใช้ชื่อไฟล์ที่ตัดวันที่นำหน้าออก (การประชุมใหม่ในตัวแก้ไข: ตั้งจากชื่อการประชุม)",
            "water-supply",
        ),
        f("summary", "สรุปหนึ่งบรรทัด", K::Text, false, "แสดงในหน้าแรกและ feed", ""),
        f("topics", "ประเด็นการมีส่วนร่วม", K::TextList, false, "ประเด็น/เรื่องในการมีส่วนร่วม อย่างน้อยหนึ่งข้อ (ITA)", ""),
        f(
            "attendees",
            "ผู้มีส่วนร่วม",
            K::Attendees,
            false,
            "สรุปผู้มีส่วนร่วม: ตำแหน่ง/กลุ่ม กับจำนวนคน ตามรายงาน (ITA)",
            "",
        ),
        f(
            "attendees_total",
            "ยอดรวมผู้เข้าร่วม",
            K::Integer,
            false,
            "ยอดรวมตามที่รายงานระบุ (222 หรือ 222 คน) ถ้ามีเพียงยอดรวม ใส่ช่องนี้ช่องเดียวได้",
            "222",
        ),
        f("attachments", "ไฟล์แนบ", K::Attachments, false, ATTACHMENTS_HELP, "files/2568/minutes.pdf"),
        f("draft", "ฉบับร่าง", K::Bool, false, DRAFT_HELP, ""),
        f(
            "example",
            "การประชุมตัวอย่าง",
            K::Bool,
            false,
            "ติ๊กไว้ในการประชุมตัวอย่างที่มากับเว็บไซต์ใหม่ (prongsai init) จะมีคำเตือนและเผยแพร่ไม่ได้จนกว่าจะแก้เป็นข้อมูลจริงแล้วเอาติ๊กออก",
            "",
        ),
    ],
};

/// A disclosure page (a `.md` under `content/` with `ita_item:`).
pub static DISCLOSURE: DocKind = DocKind {
    id: "disclosure",
    label: "หน้าเปิดเผยข้อมูล ITA",
    fields: &[
        f("title", "ชื่อหน้า", K::Text, true, "แสดงเป็นหัวเรื่องของหน้า", "โครงสร้างหน่วยงาน"),
        f(
            "ita_item",
            "รหัสรายการ ITA",
            K::ItaItem,
            true,
            "รหัสรายการ OIT ตามที่ ป.ป.ช. เขียน เช่น O1, O11 ต้องเป็น O ตามด้วยตัวเลข",
            "O1",
        ),
        f(
            "fiscal_year",
            "ปีประเมิน",
            K::FiscalYear,
            false,
            "ปีประเมิน (ปีงบประมาณ พ.ศ.) ที่หน้านี้ส่ง ไม่ใส่ = ปีของโฟลเดอร์ที่ไฟล์อยู่",
            "2569",
        ),
        f("description", "คำอธิบาย", K::Text, false, "คำอธิบายหนึ่งบรรทัด ใช้ในคอลัมน์ \"คำอธิบาย\" ของ urls.csv", ""),
        f(
            "updated",
            "ปรับปรุงล่าสุด",
            K::Date,
            false,
            "วันที่ปรับปรุงข้อมูลล่าสุด เขียนได้ทุกแบบที่วันที่ประชุมรับ",
            "15 ม.ค. 2569",
        ),
        f(
            "links",
            "ลิงก์",
            K::Links,
            false,
            "ลิงก์ไปยังบริการที่อยู่ที่อื่น เช่น ระบบ E-Service ช่องทางร้องเรียน แต่ละข้อมีชื่อที่แสดงและ URL https://",
            "",
        ),
        f("attachments", "ไฟล์แนบ", K::Attachments, false, ATTACHMENTS_HELP, "files/2569/o1.pdf"),
        f("draft", "ฉบับร่าง", K::Bool, false, DRAFT_HELP, ""),
        f(
            "example",
            "หน้าตัวอย่าง",
            K::Bool,
            false,
            "ติ๊กไว้ในหน้าตัวอย่างที่มากับเว็บไซต์ใหม่ (prongsai init) จะมีคำเตือนและเผยแพร่ไม่ได้จนกว่าจะแก้เป็นข้อมูลจริงแล้วเอาติ๊กออก",
            "",
        ),
    ],
};

/// `site.yaml`.
pub static SITE: DocKind = DocKind {
    id: "site",
    label: "ตั้งค่าเว็บไซต์",
    fields: &[
        f("title", "ชื่อเว็บไซต์", K::Text, true, "แสดงบนทุกหน้า", "ศูนย์ข้อมูลการมีส่วนร่วมของประชาชน"),
        f(
            "organization",
            "ชื่อหน่วยงาน",
            K::Text,
            true,
            "ใช้กับการประชุมที่ไม่ได้ระบุหน่วยงานที่จัด",
            "องค์การบริหารส่วนตำบลหนองกง",
        ),
        f(
            "base_url",
            "ที่อยู่เว็บไซต์",
            K::Url,
            false,
            "ที่อยู่จริงของเว็บไซต์เมื่อขึ้นออนไลน์ ขึ้นต้นด้วย https://",
            "https://www.nongkong.go.th/ita/",
        ),
        f(
            "numerals",
            "ตัวเลขบนหน้าเว็บ",
            K::Choice(&[("arabic", "เลขอารบิก 0-9"), ("thai", "เลขไทย ๐-๙")]),
            false,
            "ตัวเลขที่แสดงบนหน้าเว็บ",
            "arabic",
        ),
        f("theme", "ธีม", K::Text, false, "ชื่อธีม (a-z, 0-9, - และ _) ไม่ใส่ = default", "default"),
        f(
            "role_groups",
            "กลุ่มตำแหน่ง",
            K::Rows(ROLE_GROUP_FIELDS),
            false,
            "กลุ่มตำแหน่ง สำหรับตารางสถิติและแผนภูมิ ตำแหน่งที่ไม่อยู่ในกลุ่มใดนับในแถว \"ตำแหน่งอื่น ๆ\"",
            "",
        ),
        f(
            "ita",
            "ตัวชี้วัด ITA ของแต่ละปี",
            K::ByYear(ITA_YEAR_FIELDS),
            false,
            "ตัวชี้วัด ITA ของแต่ละปีงบประมาณ (รหัสเปลี่ยนทุกปี เช่น O20 ปี 2568, O19 ปี 2569)",
            "",
        ),
        f(
            "ita_headings",
            "หัวข้อองค์ประกอบ ITA",
            K::Group(ITA_HEADING_FIELDS),
            false,
            "คำขึ้นต้นของหัวข้อในเนื้อหาที่นับเป็นองค์ประกอบ ITA",
            "",
        ),
        f(
            "publish",
            "การส่งเว็บไซต์ขึ้นโฮสต์",
            K::Group(PUBLISH_FIELDS),
            false,
            "ที่ที่ prongsai publish ส่งเว็บไซต์ไป ห้ามใส่รหัสผ่าน (ถามเมื่อสั่ง)",
            "",
        ),
    ],
};

/// `publish`. Never a password: that is asked for each time (a `password` key is PS1103).
pub const PUBLISH_FIELDS: &[Field] = &[
    f(
        "to",
        "ปลายทาง",
        K::Text,
        false,
        "ftps://ผู้ใช้@เครื่อง/โฟลเดอร์, ftp://, sftp:// หรือโฟลเดอร์ เช่น Z:\\ita",
        "ftps://webmaster@www.nongkong.go.th/public_html/ita",
    ),
    f(
        "key",
        "กุญแจ SSH",
        K::Text,
        false,
        "สำหรับ sftp:// แทนรหัสผ่าน: ไฟล์กุญแจแบบ OpenSSH",
        "C:\\Users\\admin\\.ssh\\id_ed25519",
    ),
    f(
        "host_key",
        "ลายนิ้วมือกุญแจของเครื่อง",
        K::Text,
        false,
        "สำหรับ sftp:// ลายนิ้วมือ SHA256 ที่ตรวจกับผู้ดูแลเซิร์ฟเวอร์แล้ว",
        "",
    ),
    f(
        "fingerprint",
        "ลายนิ้วมือใบรับรอง",
        K::Text,
        false,
        "สำหรับ ftps:// ลายนิ้วมือ SHA256 ของใบรับรองที่ตรวจกับผู้ดูแลเซิร์ฟเวอร์แล้ว",
        "",
    ),
];

/// A row of `role_groups`.
pub const ROLE_GROUP_FIELDS: &[Field] = &[
    f("name", "ชื่อกลุ่ม", K::Text, true, "ชื่อกลุ่มที่แสดงในตารางสถิติ", "บุคคลภายนอก"),
    f("roles", "ตำแหน่งในกลุ่ม", K::TextList, false, "ตำแหน่งที่นับในกลุ่มนี้ (ไม่สนใจช่องว่าง)", "ผู้ใหญ่บ้าน"),
    f("external", "บุคคลภายนอก", K::Bool, false, "เลือก = นับเป็นบุคคลภายนอกในสรุปรายปี", ""),
];

/// The key of each entry of a map by fiscal year ([`FieldKind::ByYear`]): a form shows it
/// as the first column of a row a year.
pub const YEAR_KEY: Field =
    f("year", "ปีงบประมาณ (พ.ศ.)", K::FiscalYear, true, "ปีงบประมาณที่ใช้ค่าของแถวนี้ เช่น 2569", "2569");

/// The item of one year in `ita`.
pub const ITA_YEAR_FIELDS: &[Field] = &[
    f("code", "รหัสตัวชี้วัด", K::Text, true, "รหัสตัวชี้วัดของปีนั้น", "O20"),
    f("name", "ชื่อตัวชี้วัด", K::Text, false, "ชื่อตัวชี้วัดตามคู่มือการประเมินของปีนั้น", ""),
];

/// `ita_headings`.
pub const ITA_HEADING_FIELDS: &[Field] = &[
    f(
        "results",
        "หัวข้อผลของการมีส่วนร่วม",
        K::TextList,
        false,
        "หัวข้อที่ขึ้นต้นด้วยคำเหล่านี้ = ผลของการมีส่วนร่วม ไม่ใส่ = ผล",
        "ผล",
    ),
    f(
        "usage",
        "หัวข้อการนำผลไปใช้",
        K::TextList,
        false,
        "หัวข้อที่ขึ้นต้นด้วยคำเหล่านี้ = การนำผลไปปรับปรุงการดำเนินงาน ไม่ใส่ = การนำผล",
        "การนำผล",
    ),
];

#[cfg(test)]
mod tests {
    use super::*;

    /// Every field list reachable from the kinds, with where it is.
    fn all_lists() -> Vec<(String, &'static [Field])> {
        fn walk(at: String, fields: &'static [Field], out: &mut Vec<(String, &'static [Field])>) {
            out.push((at.clone(), fields));
            for fl in fields {
                if let Some(inner) = fl.kind.fields() {
                    walk(format!("{at}.{}", fl.key), inner, out);
                }
            }
        }
        let mut out = Vec::new();
        for k in KINDS {
            walk(k.id.to_string(), k.fields, &mut out);
        }
        out
    }

    #[test]
    fn keys_are_unique_and_every_field_has_a_thai_label_and_help() {
        for (at, fields) in all_lists() {
            let mut keys: Vec<&str> = fields.iter().map(|f| f.key).collect();
            keys.sort();
            let n = keys.len();
            keys.dedup();
            assert_eq!(keys.len(), n, "a key twice in {at}");
            for fl in fields {
                let thai = |s: &str| s.chars().any(|c| ('\u{0E00}'..='\u{0E7F}').contains(&c));
                assert!(thai(fl.label) && thai(fl.help), "{at}.{}: label and help in Thai", fl.key);
                assert!(fl.key.bytes().all(|b| b.is_ascii_lowercase() || b == b'_'), "{at}.{}", fl.key);
            }
        }
    }

    #[test]
    fn kinds_are_found_by_id() {
        assert_eq!(kind("meeting").map(|k| k.id), Some("meeting"));
        assert_eq!(kind("disclosure").map(|k| k.label), Some("หน้าเปิดเผยข้อมูล ITA"));
        assert_eq!(kind("site").and_then(|k| k.field("numerals")).map(|f| f.kind.name()), Some("choice"));
        assert!(kind("page").is_none());
    }

    #[test]
    fn it_serializes_for_the_editor() {
        let v = serde_json::to_value(&SITE).unwrap();
        assert_eq!(v["id"], "site");
        let numerals = &v["fields"].as_array().unwrap().iter().find(|f| f["key"] == "numerals").unwrap();
        assert_eq!(numerals["kind"]["type"], "choice");
        assert_eq!(numerals["kind"]["options"][1]["value"], "thai");
        assert_eq!(numerals["kind"]["options"][1]["label"], "เลขไทย ๐-๙");
        let headings = v["fields"].as_array().unwrap().iter().find(|f| f["key"] == "ita_headings").unwrap();
        assert_eq!(headings["kind"]["type"], "group");
        assert_eq!(headings["kind"]["fields"][0]["key"], "results");
        let m = serde_json::to_value(&MEETING).unwrap();
        let att = m["fields"].as_array().unwrap().iter().find(|f| f["key"] == "attendees").unwrap();
        assert_eq!(att["kind"]["type"], "attendees");
        assert_eq!(att["kind"]["fields"][1]["key"], "count");
        assert_eq!(m["fields"][0]["required"], true);
        assert!(m["fields"][0]["kind"].get("options").is_none());
    }
}
