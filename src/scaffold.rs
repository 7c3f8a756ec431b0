//! The text of the files `init` and `new` write: `site.yaml` and the example meeting of a
//! new site, and the templates of a new meeting and a new disclosure page. Pure functions; the binary writes the files.

use crate::calendar;
use crate::load;

/// The `base_url` of a new site's `site.yaml`: `publish` refuses it.
pub const EXAMPLE_BASE_URL: &str = "https://www.example.go.th/ita/";

const SITE_YAML: &str = "\
# การตั้งค่าเว็บไซต์ของ prongsai (คำอธิบายทุกช่องอยู่ในคู่มือผู้ดูแลเว็บไซต์ docs/guide-th.md หัวข้อ 2)
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

/// What `new` writes for the venue when none is given: a blank `check` warns about
/// ([`crate::text::is_placeholder`]) rather than a made-up place that would pass.
pub const VENUE_BLANK: &str = "ระบุสถานที่…";

/// The text of a new meeting file, every field ready to fill. Its blanks are blanks to
/// `check`: no topic, no attendee, sections with no text, each an ITA warning at its
/// line until filled (never a placeholder that passes as complete). Examples of what to
/// write are YAML comments (an HTML comment in the body would show on the page).
pub fn meeting_template(title: &str, date: calendar::Date, slug: &str, venue: Option<&str>) -> String {
    let title = yaml_quote(title);
    let venue = yaml_quote(venue.unwrap_or(VENUE_BLANK));
    format!(
        "---
title: {title}                     # ชื่อโครงการ/การประชุม
date: {date}                        # วันที่ (พ.ศ.) เช่น 2567-10-20 หรือ 20 ตุลาคม 2567
time:                              # เวลาเริ่ม เช่น \"09:30\" (ไม่ใส่ก็ได้)
venue: {venue}                     # สถานที่ดำเนินการ
organization:                      # หน่วยงานที่จัด (ไม่ใส่ก็ได้ ใช้ชื่อหน่วยงานใน site.yaml)
fiscal_year:                       # ปีงบประมาณ (ไม่ใส่ก็ได้ ระบบคิดจากวันที่ ถ้าใส่ต้องตรงกับวันที่)
slug: {slug}                      # ส่วนท้ายของ URL: a-z 0-9 - หรืออักษรไทย ห้ามเปลี่ยนหลังส่ง URL แล้ว
summary:                           # สรุปหนึ่งบรรทัด สำหรับรายการและ feed (ไม่ใส่ก็ได้)
topics:                            # ประเด็น/เรื่องในการมีส่วนร่วม ข้อละบรรทัด เช่น
  -                                #   - การจัดลำดับโครงการเข้าแผนพัฒนาท้องถิ่น
attendees:                         # สรุปผู้มีส่วนร่วม: ตำแหน่งและจำนวนคน เช่น
                                   #   - role: ผู้แทนประชาคมท้องถิ่น
                                   #     count: 12
attendees_total:                   # ยอดรวมตามรายงาน (ไม่ใส่ก็ได้ ระบบรวมให้เอง)
attachments: []                    # ไฟล์ใต้ static/ เช่น files/2568/minutes.pdf
draft: true                        # เปลี่ยนเป็น false เมื่อพร้อมเผยแพร่
# ใต้เส้น --- เขียนผลที่ได้ใต้หัวข้อ \"ผลจากการมีส่วนร่วม\" และการนำผลไปใช้ใต้หัวข้อ \"การนำผล...\"
# เช่น 1. ที่ประชุมเสนอโครงการ 8 โครงการ (หัวข้อที่ยังว่างถือว่ายังไม่มี ITA จะไม่ครบ)
---

## ผลจากการมีส่วนร่วม


## การนำผลของการมีส่วนร่วมไปปรับปรุงพัฒนาการดำเนินงาน

",
        date = iso_be(date),
    )
}

/// The text of a new disclosure page (`new --ita`) for `item` of assessment year `fy`: the
/// item's name as title, its requirement as description, a draft. The body is left empty,
/// so `check --drafts` calls the page ไม่ครบ until something is written or attached; what
/// the item must show and how to add links and files are YAML comments, since the body's
/// raw HTML (an `<!-- -->` comment too) is shown on the page as text.
pub fn disclosure_template(item: &load::RegistryItem, fy: i32) -> String {
    let code = &item.code;
    let requires = crate::text::trim_space(&item.requires);
    let description = if requires.is_empty() { String::new() } else { format!(" {}", yaml_quote(requires)) };
    let must_show = if requires.is_empty() {
        format!("# รายการนี้ต้องแสดง: ดูคู่มือ ITA ปี {fy} ของสำนักงาน ป.ป.ช. (รายการ {code})\n")
    } else {
        format!("# รายการนี้ต้องแสดง: {requires}\n")
    };
    let yearly = if item.yearly {
        format!("# นับเฉพาะเนื้อหาของปีงบประมาณ {fy}: หน้าของปีก่อนใช้แทนไม่ได้\n")
    } else {
        String::new()
    };
    format!(
        "---
title: {title}   # ชื่อหน้า (ชื่อรายการ {code} ในรายการ ITA ปี {fy})
ita_item: {code}                        # รหัสรายการ OIT (ดูทุกรายการที่หน้า /ita/{fy}/)
fiscal_year: {fy}                  # ปีประเมิน ITA (พ.ศ.)
description:{description}   # หน้านี้แสดงอะไร หนึ่งบรรทัด (แก้ได้)
updated:                           # วันที่ปรับปรุงข้อมูล เช่น {fy}-01-15 (ไม่ใส่ก็ได้)
links: []                          # ลิงก์ไปยังระบบหรือหน้าที่ให้บริการจริง (https:// เท่านั้น) เช่น
                                   #   - title: ยื่นคำร้องออนไลน์
                                   #     url: https://www.example.go.th/e-service
attachments: []                    # ไฟล์ใต้ static/ เช่น [files/{fy}/{lower}.pdf]
draft: true                        # เปลี่ยนเป็น false เมื่อพร้อมเผยแพร่
{must_show}{yearly}# ใต้เส้น --- เขียนเนื้อหาของหน้า (Markdown) หรือแนบไฟล์/ใส่ลิงก์ด้านบน
# หน้าที่ไม่มีเนื้อหา ไฟล์แนบ หรือลิงก์ ถือว่าไม่ครบ ผู้ประเมินจะให้ 0 คะแนน
---

",
        title = yaml_quote(&item.name),
        lower = code.to_lowercase(),
    )
}

/// The example meeting of a new site: complete and published, so the first preview
/// shows every part of a meeting page, and the webmaster edits rather than starts blank.
/// Marked `example: true`: `check` warns until it is made a real meeting (the line
/// removed) or deleted, so that an example is never published as a real report.
pub fn init_meeting(date: calendar::Date, slug: &str) -> String {
    format!(
        "---
example: true   # การประชุมตัวอย่าง: แก้เป็นข้อมูลจริงแล้วลบบรรทัดนี้ หรือลบไฟล์นี้
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

/// The example disclosure pages of a new site, for common OIT items of the current
/// assessment year (as of `today`): `(path in the site, text)`. Codes come from the
/// shipped registry by key, so they follow its renumbering. Each is `example: true`, as
/// the example meeting is, until made the organisation's own.
pub fn init_disclosures(today: calendar::Date) -> Vec<(String, String)> {
    let registries = load::registry::shipped();
    let Some(fy) = crate::model::ita::dashboard::current_year(registries, Some(today)) else { return vec![] };
    disclosures_of(fy, today)
}

/// The example disclosure pages for assessment year `fy` (none if the program has no list
/// of that year), updated `today`.
fn disclosures_of(fy: i32, today: calendar::Date) -> Vec<(String, String)> {
    let registries = load::registry::shipped();
    let Some(registry) = registries.get(&fy) else { return vec![] };
    let date = iso_be(today);
    let pages: [(&str, &str, &str, &str, &str); 3] = [
        (
            "structure",
            "โครงสร้างและอำนาจหน้าที่",
            "แผนผังโครงสร้างการแบ่งส่วนราชการ และอำนาจหน้าที่ของหน่วยงาน",
            "attachments: []                    # แผนผังโครงสร้าง เช่น files/{fy}/structure.pdf (ไฟล์ใต้ static/)\n",
            "## อำนาจหน้าที่\n\nองค์การบริหารส่วนตำบลตัวอย่างมีอำนาจหน้าที่ตามพระราชบัญญัติสภาตำบลและองค์การบริหารส่วนตำบล พ.ศ. 2537 (ตัวอย่าง: แก้เป็นข้อมูลของหน่วยงาน)\n\n## โครงสร้างการแบ่งส่วนราชการ\n\n- สำนักปลัด\n- กองคลัง\n- กองช่าง\n",
        ),
        (
            "contact",
            "ข้อมูลการติดต่อ",
            "ที่อยู่ โทรศัพท์ อีเมล แผนที่ และช่องทางสอบถามแบบสองทาง",
            "links:                             # ช่องทางสอบถามแบบสองทาง (https:// เท่านั้น)\n  - title: กระดานถามตอบ (Q&A)\n    url: https://www.example.go.th/qa\n",
            "องค์การบริหารส่วนตำบลตัวอย่าง (ตัวอย่าง: แก้เป็นข้อมูลของหน่วยงาน)\n\n- ที่อยู่: 99 หมู่ 1 ตำบลตัวอย่าง อำเภอตัวอย่าง จังหวัดตัวอย่าง 10000\n- โทรศัพท์: 0 0000 0000\n- อีเมล: saraban@example.go.th\n",
        ),
        (
            "e-service",
            "บริการออนไลน์ (E-Service)",
            "ช่องทางขอรับบริการออนไลน์ของหน่วยงาน",
            "links:                             # ระบบบริการออนไลน์ที่ใช้ได้จริง (https:// เท่านั้น)\n  - title: ยื่นคำร้องออนไลน์\n    url: https://www.example.go.th/e-service\n",
            "ประชาชนยื่นคำร้องขอรับบริการได้ทางออนไลน์ตลอด 24 ชั่วโมง (ตัวอย่าง: แก้เป็นบริการจริงของหน่วยงาน)\n",
        ),
    ];
    pages
        .iter()
        .filter_map(|(key, title, description, extra, body)| {
            let code = &registry.items.iter().find(|i| i.key == *key)?.code;
            let text = format!(
                "---\nexample: true   # หน้าตัวอย่าง: แก้เป็นข้อมูลจริงแล้วลบบรรทัดนี้ หรือลบไฟล์นี้\ntitle: {title}\nita_item: {code}                       # รหัสรายการ OIT ปี {fy} (ดูทุกรายการที่หน้า /ita/{fy}/)\ndescription: {description}\nupdated: {date}\n{extra}---\n\n{body}",
                extra = extra.replace("{fy}", &fy.to_string()),
            );
            Some((crate::layout::disclosure_page(fy, code), text))
        })
        .collect()
}

/// `site.yaml` of a new site, whose ITA table starts at fiscal year `fy`.
pub fn site_yaml(fy: i32) -> String {
    SITE_YAML.replace("{fy}", &fy.to_string())
}

/// What the "create a website" page asks (or `init`, which asks nothing).
pub struct NewSite {
    /// The organisation's name; None keeps the example's.
    pub organization: Option<String>,
    /// The website's address; None keeps the example's.
    pub base_url: Option<String>,
    /// The ITA assessment year the site starts at (= fiscal year, B.E.).
    pub year: i32,
}

impl NewSite {
    /// `init`'s site: the example's name and address, this fiscal year.
    pub fn example(today: calendar::Date) -> NewSite {
        NewSite { organization: None, base_url: None, year: today.fiscal_year() }
    }
}

/// The files of a new site, `(path in the site with / separators, text)`: `site.yaml`, the
/// example meeting, the example disclosure pages of `site.year` and a `.gitignore`, as
/// `init` and the "create a website" page write them.
pub fn site_files(today: calendar::Date, site: &NewSite) -> Vec<(String, String)> {
    let mut yaml = site_yaml(site.year);
    if let Some(org) = &site.organization {
        yaml = yaml.replace(
            "organization: องค์การบริหารส่วนตำบลตัวอย่าง       #",
            &format!("organization: {}   #", yaml_quote(org)),
        );
    }
    if let Some(url) = &site.base_url {
        yaml = yaml.replace(
            "base_url: https://www.example.go.th/ita/            #",
            &format!("base_url: {}   #", yaml_quote(url)),
        );
    }
    // The example meeting in the chosen year: today if today is in it, else the nearest
    // day of that year (a past year's last day; a coming year's first).
    let (first, last) = calendar::fiscal_year_bounds(site.year);
    let date = today.max(first).min(last);
    let slug = "first-meeting";
    let meeting = format!("{}/{}/{}", crate::layout::CONTENT, site.year, meeting_file_name(date, slug));
    let mut files = vec![(load::CONFIG_FILE.to_string(), yaml), (meeting, init_meeting(date, slug))];
    // The pages of the latest list the program has for that year or before it.
    let registries = load::registry::shipped();
    if let Some(fy) = registries.keys().rev().copied().find(|&y| y <= site.year) {
        files.extend(disclosures_of(fy, today));
    }
    files.push((".gitignore".to_string(), "/public\n".to_string()));
    files
}

/// Writes [`site_files`] into `dir` (each file atomically, folders made as needed) and an
/// empty `static/files/` for attachments. A `.gitignore` already there is kept.
pub fn write_site(dir: &std::path::Path, files: &[(String, String)]) -> std::io::Result<()> {
    std::fs::create_dir_all(dir.join(crate::layout::STATIC).join("files"))?;
    for (path, text) in files {
        let target = dir.join(path);
        if path == ".gitignore" && target.exists() {
            continue;
        }
        crate::fs::write_atomic(&target, text.as_bytes())?;
    }
    Ok(())
}

/// `2567-10-20-slug.md`: the file name of a meeting, dated so that a folder lists in order.
pub fn meeting_file_name(date: calendar::Date, slug: &str) -> String {
    format!("{}-{slug}.md", iso_be(date))
}

/// Most words of a title a slug made from it keeps.
const SLUG_WORDS: usize = 3;
/// Most characters of a slug made from a title: a Thai title has no spaces between
/// words, and each Thai letter is nine characters once percent-encoded in a URL.
const SLUG_CHARS: usize = 30;

/// The slug of a meeting made by `new` without `--slug`: the title's first words, whole
/// (Thai has no spaces between words: [`crate::text::words`] finds them), at most
/// [`SLUG_WORDS`] space-separated parts and [`SLUG_CHARS`] characters, without a word such
/// as เพื่อ or และ dangling at the end, so that the URL stays short enough to copy and
/// still reads as the title; the date (`2567-10-20`) when the title has nothing a slug can
/// use.
pub fn slug_from_title(title: &str, date: calendar::Date) -> String {
    // Words that only join others: a slug does not end with one.
    const JOINING: &[&str] =
        &["เพื่อ", "และ", "ของ", "ใน", "ที่", "กับ", "โดย", "แก่", "ให้", "การ", "ประจำ", "ครั้งที่", "ครั้ง", "สมัย", "ณ"];
    // "ครั้งที่ 2/2569": the number and year stay apart (default_slug drops the slash).
    let s = load::default_slug(&title.replace('/', " "));
    let mut parts: Vec<Vec<&str>> = Vec::new();
    let mut chars = 0;
    'parts: for part in s.split('-').filter(|p| !p.is_empty()).take(SLUG_WORDS) {
        let mut taken = Vec::new();
        for w in crate::text::words(part) {
            let n = w.chars().count() + usize::from(!parts.is_empty() && taken.is_empty());
            if chars + n > SLUG_CHARS {
                if !taken.is_empty() {
                    parts.push(taken);
                }
                break 'parts;
            }
            chars += n;
            taken.push(w);
        }
        parts.push(taken);
    }
    loop {
        let several = parts.len() > 1;
        let Some(last) = parts.last_mut() else { break };
        match last.last() {
            Some(w) if JOINING.contains(w) && (several || last.len() > 1) => {
                last.pop();
            }
            None => {
                parts.pop();
            }
            _ => break,
        }
    }
    let slug = parts.iter().map(|p| p.concat()).collect::<Vec<_>>().join("-");
    // A single word longer than the limit: cut between whole letters.
    let slug = if slug.is_empty() {
        crate::text::cut_whole_characters(&s, SLUG_CHARS).trim_end_matches('-').to_string()
    } else {
        slug
    };
    if slug.is_empty() { iso_be(date) } else { slug }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_example_base_url_is_the_one_a_new_site_gets() {
        assert!(SITE_YAML.contains(&format!("base_url: {EXAMPLE_BASE_URL} ")));
    }

    #[test]
    fn a_disclosure_template_parses_cleanly_whatever_the_item_says() {
        let item = load::RegistryItem {
            code: "O7".into(),
            key: "o7".into(),
            name: "ระบบ \"E-Service\": ยื่นคำร้อง # ออนไลน์".into(),
            requires: String::new(),
            yearly: true,
            confirmed: true,
        };
        let text = disclosure_template(&item, 2570);
        let mut d = crate::diagnostics::Diagnostics::new();
        let page = load::parse_disclosure_text("content/2570/ita/o7.md", &text, &mut d).expect("parses");
        assert!(d.is_empty(), "{:?}", d.sorted());
        assert_eq!(
            (page.title.as_str(), page.code.as_str(), page.fiscal_year),
            (item.name.as_str(), "O7", Some(2570))
        );
        assert_eq!(page.description, None, "no requirement: no description, not an empty one");
        assert!(page.draft && page.links.is_empty() && page.attachments.is_empty() && page.updated.is_none());
        assert!(page.body.trim().is_empty(), "{:?}", page.body);
        assert!(text.contains("ปีงบประมาณ 2570"), "a yearly item says so: {text}");
    }

    #[test]
    fn a_new_site_keeps_the_name_as_typed_and_its_example_meeting_in_the_chosen_year() {
        let today = calendar::parse_date("2569-12-06").unwrap(); // fiscal year 2570
        let name = "อบต. \"หนองกุง\": ทดสอบ # 1";
        let site = NewSite {
            organization: Some(name.into()),
            base_url: Some("https://a.go.th/ita/".into()),
            year: 2569,
        };
        let files = site_files(today, &site);
        let (doc, d) = load::check_text(&load::schema::SITE, load::CONFIG_FILE, &files[0].1);
        assert_eq!(d.errors(), 0, "{:?}", d.sorted());
        let Some(load::Doc::Config(c)) = doc else { panic!("no config") };
        assert_eq!(c.organization, name);
        assert_eq!(files[1].0, "content/2569/2569-09-30-first-meeting.md");
        assert!(files.iter().filter(|(p, _)| p.starts_with("content/2569/ita/")).count() >= 3, "{files:?}");
    }

    #[test]
    fn slugs_from_titles_are_short_whole_thai_words() {
        let d = calendar::parse_date("2567-10-20").unwrap();
        assert_eq!(slug_from_title("ประชาคมหมู่ที่ 3", d), "ประชาคมหมู่ที่-3");
        assert_eq!(slug_from_title("ประชุม ประชาคม หมู่ 5 บ้านโนน", d), "ประชุม-ประชาคม-หมู่");
        // one long Thai "word": 30 characters at most, and ไ… น้ำ never cut from its marks
        let long = slug_from_title("โครงการจัดหาน้ำประปาหมู่บ้านเพื่อการอุปโภคบริโภค", d);
        assert_eq!(long, "โครงการจัดหาน้ำประปาหมู่บ้าน");
        assert!(long.chars().count() <= SLUG_CHARS);
        let cut = slug_from_title("การประชุมเพื่อรับฟังความคิดเห็นน้ำ", d);
        assert_eq!(cut, "การประชุมเพื่อรับฟังความคิด");
        // cut between words, and not after one that only joins others (เพื่อ)
        assert_eq!(
            slug_from_title("การประชุมประชาคมหมู่บ้านเพื่อทบทวนแผนพัฒนาท้องถิ่น หมู่ที่ 7", d),
            "การประชุมประชาคมหมู่บ้าน"
        );
        // ครั้งที่ is cut ครั้ง|ที่: neither is left dangling at the end
        let series = slug_from_title("ประชุมสภาองค์การบริหารส่วนตำบล สมัยสามัญ ครั้งที่ 1/2569", d);
        assert!(!series.ends_with("ครั้ง") && !series.ends_with("ที่"), "{series}");
        assert_eq!(slug_from_title("ประชุมสภา ครั้งที่ 2/2569", d), "ประชุมสภา-ครั้งที่-2");
        assert_eq!(slug_from_title("!!!", d), "2567-10-20");
        assert!(load::valid_slug(&slug_from_title("Budget Hearing 2567 for all", d)));
    }
}
