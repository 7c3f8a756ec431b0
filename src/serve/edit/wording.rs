//! `check`'s messages as the form says them. They are written for a person with the file
//! open ("ลบบรรทัด example: true", "ใส่ attendees: …", "ใน site.yaml"); the form's user sees
//! fields with Thai labels and never the file, so a key becomes its label, a row its number,
//! and `example: true` the tick box. Codes stay the same, so the guide's row still fits.

use crate::load::schema::{DocKind, FieldKind, SITE};

/// `msg` as the form of a `kind` document shows it.
pub fn for_form(kind: &DocKind, msg: &str) -> String {
    let msg = strip_key_prefix(kind, msg);
    let example =
        kind.fields.iter().find(|f| f.key == "example").map_or("ตัวอย่าง", |f| f.label);
    let untick = format!("เอาติ๊ก \"{example}\" ออก");
    let mut out = msg
        .replace("ลบบรรทัด example: true หรือลบไฟล์นี้", &untick)
        .replace("ลบบรรทัด example: true หรือลบไฟล์นั้น", &untick)
        .replace(" (check จะเตือน)", "")
        .replace("เว้นว่างไว้ในไฟล์", "เว้นว่างไว้");
    if kind.id != SITE.id {
        out = out
            .replace("ในกลุ่มใดของ role_groups", "ในกลุ่มตำแหน่งใดในตั้งค่าเว็บไซต์")
            .replace("role_groups", "กลุ่มตำแหน่ง")
            .replace("ใน site.yaml", "ในตั้งค่าเว็บไซต์");
    }
    // PS0303's figures in English, for a reader of the console's log: the form says them in Thai.
    if let Some(i) = out.find(" (declared ")
        && let Some(j) = out[i..].find(')')
    {
        out.replace_range(i..i + j + 1, "");
    }
    keys_to_labels(kind, &out)
}

/// The leading `title: ` or `attendees[1].role: ` of a message placed at that field.
fn strip_key_prefix<'a>(kind: &DocKind, msg: &'a str) -> &'a str {
    let Some((path, rest)) = msg.split_once(": ") else { return msg };
    let root = path.split(['[', '.']).next().unwrap_or(path);
    let is_path = path.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b"_[].".contains(&b));
    if is_path && kind.field(root).is_some() { rest } else { msg }
}

/// Each key of `kind` named in the text (outside quoted values): `topics:` → "ประเด็น…",
/// `attendees[0]` → แถวที่ 1, and `venue (สถานที่)` → "สถานที่" (the label said once).
fn keys_to_labels(kind: &DocKind, text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut quoted = false;
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        if c == '"' {
            quoted = !quoted;
        }
        let word: &str =
            &rest[..rest.find(|c: char| !(c.is_ascii_lowercase() || c == '_')).unwrap_or(rest.len())];
        let starts_word = !out.ends_with(|c: char| c.is_ascii_alphanumeric() || c == '_');
        let field = (!quoted && starts_word && !word.is_empty()).then(|| kind.field(word)).flatten();
        let Some(field) = field else {
            out.push(c);
            rest = &rest[c.len_utf8()..];
            continue;
        };
        let mut after = &rest[word.len()..];
        if after.starts_with(|c: char| c.is_ascii_alphanumeric()) {
            out.push_str(word);
            rest = after;
            continue;
        }
        // `attendees[0]` or `attendees[0].role`: a row of the table.
        let row = after
            .strip_prefix('[')
            .and_then(|a| a.split_once(']'))
            .and_then(|(n, a)| n.parse::<usize>().ok().map(|n| (n, a)));
        if let Some((n, a)) = row
            && matches!(field.kind, FieldKind::Attendees | FieldKind::Links | FieldKind::Rows(_))
        {
            out.push_str(&format!("แถวที่ {}", n + 1));
            after = a
                .strip_prefix('.')
                .map_or(a, |a| a.trim_start_matches(|c: char| c.is_ascii_lowercase() || c == '_'));
        } else {
            out.push_str(&format!("\"{}\"", field.label));
        }
        after = after.strip_prefix(':').unwrap_or(after);
        // `venue (สถานที่)`: its label, already said.
        if let Some(p) = after.strip_prefix(" (")
            && let Some(end) = p.find(')')
            && field.label.contains(&p[..end])
        {
            after = &p[end + 1..];
        }
        rest = after;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::schema::{DISCLOSURE, MEETING};

    #[test]
    fn keys_become_labels_and_the_example_line_the_tick_box() {
        let m = |s| for_form(&MEETING, s);
        assert_eq!(
            m(
                "example: นี่คือการประชุมตัวอย่างที่ prongsai สร้างไว้ให้เมื่อสร้างเว็บไซต์ ให้แก้เป็นข้อมูลการประชุมจริงแล้วลบบรรทัด example: true หรือลบไฟล์นี้"
            ),
            "นี่คือการประชุมตัวอย่างที่ prongsai สร้างไว้ให้เมื่อสร้างเว็บไซต์ ให้แก้เป็นข้อมูลการประชุมจริงแล้วเอาติ๊ก \"การประชุมตัวอย่าง\" ออก"
        );
        assert!(
            for_form(&DISCLOSURE, "example: … ลบบรรทัด example: true หรือลบไฟล์นี้")
                .contains("เอาติ๊ก \"หน้าตัวอย่าง\" ออก")
        );
        assert_eq!(
            m("ITA: ไม่มีประเด็นการมีส่วนร่วม ให้เขียนใต้ topics: เช่น - การจัดลำดับโครงการเข้าแผนพัฒนา"),
            "ITA: ไม่มีประเด็นการมีส่วนร่วม ให้เขียนใต้ \"ประเด็นการมีส่วนร่วม\" เช่น - การจัดลำดับโครงการเข้าแผนพัฒนา"
        );
        assert_eq!(
            m("ITA: ไม่มีสรุปผู้มีส่วนร่วม ให้ใส่ attendees: (ตำแหน่งและจำนวนคน) หรือ attendees_total: (จำนวนรวม)"),
            "ITA: ไม่มีสรุปผู้มีส่วนร่วม ให้ใส่ \"ผู้มีส่วนร่วม\" (ตำแหน่งและจำนวนคน) หรือ \"ยอดรวมผู้เข้าร่วม\" (จำนวนรวม)"
        );
        assert_eq!(
            m("venue: ไม่ได้ระบุ venue (สถานที่) หน้าเว็บจะแสดงว่า \"ไม่ระบุสถานที่\""),
            "ไม่ได้ระบุ \"สถานที่\" หน้าเว็บจะแสดงว่า \"ไม่ระบุสถานที่\""
        );
        assert_eq!(
            m("attendees[1].role: ตำแหน่ง \"นายก\" ซ้ำกับรายการที่ 1 (attendees[0]) จะนับรวมกัน"),
            "ตำแหน่ง \"นายก\" ซ้ำกับรายการที่ 1 (แถวที่ 1) จะนับรวมกัน"
        );
        assert_eq!(
            m(
                "attendees_total: ระบุยอดรวม 19 คน แต่รายการผู้เข้าร่วมรวมได้ 18 คน (declared 19, listed 18) หน้าเว็บจะแสดงยอดรวมตามรายการ"
            ),
            "ระบุยอดรวม 19 คน แต่รายการผู้เข้าร่วมรวมได้ 18 คน หน้าเว็บจะแสดงยอดรวมตามรายการ"
        );
        assert_eq!(
            m("ตำแหน่ง \"ประชาชน title\" ไม่อยู่ในกลุ่มใดของ role_groups ให้เพิ่มในกลุ่มที่ถูกต้องใน site.yaml"),
            "ตำแหน่ง \"ประชาชน title\" ไม่อยู่ในกลุ่มตำแหน่งใดในตั้งค่าเว็บไซต์ ให้เพิ่มในกลุ่มที่ถูกต้องในตั้งค่าเว็บไซต์"
        );
        // A date the person typed, quoted, is theirs: left as typed.
        assert_eq!(m("date: \"13 ก.พ. 2569\": วันที่นี้ตรงกับวันศุกร์"), "\"13 ก.พ. 2569\": วันที่นี้ตรงกับวันศุกร์");
        assert_eq!(
            m("ไม่พบสถานที่ในรายงาน เว้นว่างไว้ในไฟล์ (check จะเตือน) ให้เติมเอง"),
            "ไม่พบสถานที่ในรายงาน เว้นว่างไว้ ให้เติมเอง"
        );
    }
}
