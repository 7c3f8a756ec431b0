//! The ITA check as an evaluator reads a real report (numbered headings, สรุป/รายงาน,
//! empty sections, blanks left by `new`, the example meeting of `init`), and URLs that
//! survive copying (short Thai slugs from `new`; percent-encoded URLs in the sitemap, the
//! feed and the JSON; attachments with spaces and Thai names).

mod support;
use prongsai::site::{BuildOptions, Site};
use support::*;

/// A meeting with topics and attendees, whose body is `body`.
fn with_body(body: &str) -> String {
    format!(
        "---\ntitle: ประชุม\ndate: 2567-01-15\nvenue: ศาลา\ntopics: [แผนพัฒนา]\nattendees:\n  - role: ประชาชน\n    count: 5\n---\n{body}"
    )
}

/// The body of `with_body` starts on this line of the file.
const BODY_LINE: usize = 10;

fn codes(s: &TestSite) -> Vec<String> {
    checked(s, &[]).into_iter().map(|d| d.0).collect()
}

#[test]
fn numbered_headings_of_every_shape_are_sections() {
    let results = [
        "3. ผลจากการมีส่วนร่วม",
        "1.5 ผลการประชุม",
        "(3) ผลการประชุม",
        "๓. ผลการประชุม",
        "3) ผลการประชุม",
        "ข้อ 3 ผลการประชุม",
        "สรุปผลการประชุม",
        "4. สรุปผลการประชุม",
        "รายงานผลการมีส่วนร่วม",
        "ผลการจากการมีส่วนร่วม",
        "1.5 ผลการจากการมีส่วนร่วม",
        "• ผลการประชุม",
    ];
    let usage = [
        "4. การนำผลไปใช้",
        "๔) การนำผลการประชุมไปปรับปรุง",
        "ข้อ ๕ สรุปการนำผลไปใช้",
        "1.6 การนำผลของการมีส่วนร่วมไปปรับปรุงพัฒนาการดำเนินงาน",
    ];
    for (i, r) in results.iter().enumerate() {
        let u = usage[i % usage.len()];
        let s = TestSite::new()
            .meeting("2567/a.md", &with_body(&format!("## {r}\n\nข้อความ\n\n## {u}\n\nข้อความ\n")));
        assert_eq!(codes(&s), Vec::<String>::new(), "{r} / {u}");
    }
    // A heading that only looks like one is not: ผลิต… is not ผล, รายงานการประชุม is no results.
    let s = TestSite::new().meeting(
        "2567/a.md",
        &with_body("## ผลิตภัณฑ์ชุมชน\n\nก\n\n## รายงานการประชุม\n\nข\n\n## การนำผลไปใช้\n\nค\n"),
    );
    assert_eq!(codes(&s), vec!["PS0503"]);
    // `ita_headings` of site.yaml keeps working, with numbering too.
    let s = TestSite::new()
        .yaml("ita_headings:\n  results: [ข้อสรุป]\n  usage: [การดำเนินการต่อ]\n")
        .meeting("2567/a.md", &with_body("## 2. ข้อสรุป\n\nก\n\n## 3. การดำเนินการต่อ\n\nข\n"));
    assert_eq!(codes(&s), Vec::<String>::new());
}

#[test]
fn an_empty_section_is_missing_at_its_heading() {
    // results: heading then the next heading; usage: heading then the end of the file
    let s = TestSite::new().meeting("2567/a.md", &with_body("## 3. ผลการประชุม\n\n## 4. การนำผลไปใช้\n"));
    let d = checked(&s, &[]);
    let at = |code: &str| d.iter().find(|x| x.0 == code).map(|x| x.2);
    assert_eq!(at("PS0503"), Some(BODY_LINE as u64));
    assert_eq!(at("PS0504"), Some(BODY_LINE as u64 + 2));
    assert_eq!(d.len(), 2, "{d:?}");
    let r = s.run(&["check"]);
    assert!(r.stderr.contains("\"3. ผลการประชุม\" ยังไม่มีเนื้อหา"), "{}", r.stderr);
    // The ITA page lists the meeting as incomplete.
    s.build();
    let ita = s.page("public/ita/index.html");
    let all = texts(&ita, "body").join(" ");
    assert!(all.contains("ไม่มีหัวข้อผลของการมีส่วนร่วม"), "{all}");
    // A sub-heading's text is its section's; a blank list item or "..." is no text.
    s.write(
        "content/2567/a.md",
        &with_body("## ผลการประชุม\n\n### 1. ถนน\n\nซ่อมถนน\n\n## การนำผลไปใช้\n\n1. \n2. ...\n"),
    );
    assert_eq!(codes(&s), vec!["PS0504"]);
}

#[test]
fn a_total_of_zero_blank_topics_and_placeholders_are_missing() {
    let body = "## ผล\n\nก\n\n## การนำผล\n\nข\n";
    let s = TestSite::new().meeting(
        "2567/a.md",
        &format!("---\ntitle: ประชุม\ndate: 2567-01-15\nvenue: ศาลา\ntopics:\n  - ...\n  - \nattendees_total: 0\n---\n{body}"),
    );
    let d = checked(&s, &[]);
    assert_eq!(d.iter().map(|x| (x.0.as_str(), x.2)).collect::<Vec<_>>(), vec![("PS0501", 5), ("PS0502", 8)]);
    s.write(
        "content/2567/a.md",
        &format!("---\ntitle: ประชุม\ndate: 2567-01-15\nvenue: ศาลา\ntopics: [ก]\nattendees:\n  - role: ประชาชน\n    count: 0\n---\n{body}"),
    );
    assert_eq!(codes(&s), vec!["PS0502"]);
}

#[test]
fn new_then_check_flags_every_blank_at_its_line() {
    let s = TestSite::new();
    let r = s.run(&["new", "ประชาคมหมู่ที่ 3", "--date", "2567-01-15"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let file = std::path::PathBuf::from(r.stdout.trim());
    let rel = file.strip_prefix(s.root()).unwrap().to_string_lossy().into_owned();
    let text = std::fs::read_to_string(&file).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    // Without --drafts the draft is not checked for ITA, and check says so.
    let plain = s.run(&["check"]);
    assert!(
        plain.stderr.lines().any(|l| l.starts_with("ฉบับร่าง (draft: true) 1 ไฟล์") && l.contains("--drafts")),
        "{}",
        plain.stderr
    );
    let d = checked(&s, &["--drafts"]);
    let mut seen: Vec<(&str, &str)> = d
        .iter()
        .map(|(code, f, line)| {
            assert_eq!(f, &rel);
            (code.as_str(), lines[*line as usize - 1].split_whitespace().next().unwrap_or(""))
        })
        .collect();
    seen.sort();
    assert_eq!(
        seen,
        vec![
            ("PS0501", "topics:"),
            ("PS0502", "attendees:"),
            ("PS0503", "##"),
            ("PS0504", "##"),
            ("PS0506", "venue:")
        ],
        "{d:?}"
    );
    // no error: the blanks are warnings, so a draft still builds and previews
    assert_eq!(s.run(&["build", "--drafts"]).code, 0);
    // Filled in, it checks clean.
    let filled = text
        .replace("venue: \"ระบุสถานที่…\"", "venue: ศาลาประชาคม")
        .replace("topics:                            #", "topics: [แผนพัฒนา] #")
        .replace("\n  -                                #", "\n#")
        .replace("attendees_total:  ", "attendees_total: 40")
        .replace("## ผลจากการมีส่วนร่วม\n", "## ผลจากการมีส่วนร่วม\nที่ประชุมเห็นชอบ\n")
        .replace("พัฒนาการดำเนินงาน\n", "พัฒนาการดำเนินงาน\nบรรจุในแผน\n");
    std::fs::write(&file, filled).unwrap();
    assert_eq!(checked(&s, &["--drafts"]), vec![]);
}

#[test]
fn the_example_meeting_of_init_is_flagged_until_changed() {
    let d = tempfile::tempdir().unwrap();
    let site = d.path().join("site");
    assert_eq!(run(&["init", site.to_str().unwrap()]).code, 0);
    // The meeting (init also writes example disclosure pages, under content/<year>/ita/).
    let file = walkdir::WalkDir::new(site.join("content"))
        .into_iter()
        .filter_map(|e| e.ok())
        .find(|e| {
            e.path().extension().is_some_and(|x| x == "md") && !e.path().parent().unwrap().ends_with("ita")
        })
        .unwrap()
        .into_path();
    let rel = file.strip_prefix(&site).unwrap().to_string_lossy().replace('\\', "/");
    let about = |r: &Run| -> Vec<String> {
        r.diagnostics().into_iter().filter(|l| l.contains(&rel)).map(str::to_string).collect()
    };
    let r = run(&["check", "--root", site.to_str().unwrap()]);
    let diags = about(&r);
    assert_eq!(diags.len(), 1, "{}", r.stderr);
    assert!(diags[0].ends_with("[PS0505]") && diags[0].contains(":2:"), "{}", diags[0]);
    assert!(diags[0].contains("ลบบรรทัด example: true") && diags[0].contains("ลบไฟล์นี้"), "{}", diags[0]);
    // Edited but still marked: still the example.
    let text = std::fs::read_to_string(&file).unwrap();
    std::fs::write(&file, text.replace("(ตัวอย่าง)", "ประจำปี")).unwrap();
    assert_eq!(about(&run(&["check", "--root", site.to_str().unwrap()])).len(), 1);
    // The marker removed: a meeting of the site like any other.
    let text = std::fs::read_to_string(&file).unwrap();
    let without: String =
        text.lines().filter(|l| !l.starts_with("example:")).map(|l| format!("{l}\n")).collect();
    std::fs::write(&file, without).unwrap();
    let r = run(&["check", "--root", site.to_str().unwrap()]);
    assert_eq!((r.code, about(&r).len()), (0, 0), "{}", r.stderr);
}

#[test]
fn new_makes_a_short_slug_of_whole_thai_characters() {
    let s = TestSite::new();
    let title = "การประชุมประชาคมตำบลเพื่อจัดทำแผนพัฒนาท้องถิ่น ประจำปี 2568 ครั้งที่ 2";
    let r = s.run(&["new", title, "--date", "2567-10-20"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let file = std::path::PathBuf::from(r.stdout.trim());
    let name = file.file_name().unwrap().to_str().unwrap();
    let slug = name.strip_prefix("2567-10-20-").and_then(|n| n.strip_suffix(".md")).expect(name);
    assert!(slug.chars().count() <= 30, "{slug}");
    assert!(title.starts_with(slug), "a prefix of the title: {slug}");
    // cut between whole letters: what follows in the title is no vowel or tone mark
    let next = title[slug.len()..].chars().next().unwrap();
    assert!(!matches!(next, '\u{0E31}' | '\u{0E33}'..='\u{0E3A}' | '\u{0E47}'..='\u{0E4E}'), "{slug}|{next}");
    assert!(std::fs::read_to_string(&file).unwrap().contains(&format!("slug: {slug} ")));
    // three words at most
    let r = s.run(&["new", "ประชุม ประชาคม หมู่ 5 บ้านโนน", "--date", "2567-10-21"]);
    assert!(r.stdout.trim().ends_with("2567-10-21-ประชุม-ประชาคม-หมู่.md"), "{}", r.stdout);
    // nothing a slug can use: the date
    let r = s.run(&["new", "???", "--date", "2567-10-22"]);
    assert!(r.stdout.trim().ends_with("2567-10-22-2567-10-22.md"), "{}", r.stdout);
    // the page is where the slug says
    assert_eq!(s.run(&["build", "--drafts"]).code, 0);
    assert!(s.path(&format!("public/2568/{slug}/index.html")).is_file());
}

/// RFC 3986 characters only (no space, no raw Thai), each `%` followed by two hex digits.
fn is_uri(u: &str) -> bool {
    let b = u.as_bytes();
    b.iter().enumerate().all(|(i, &c)| match c {
        b'%' => b.len() > i + 2 && b[i + 1].is_ascii_hexdigit() && b[i + 2].is_ascii_hexdigit(),
        c => c.is_ascii_alphanumeric() || b"-._~:/?#[]@!$&'()*+,;=".contains(&c),
    })
}

/// The file of the output that `url` names, or None if it is not under the base URL.
fn output_file(s: &TestSite, url: &str) -> Option<std::path::PathBuf> {
    assert!(is_uri(url), "not a valid URI: {url}");
    let path = url.strip_prefix(BASE_URL)?;
    let decoded = percent_encoding::percent_decode_str(path).decode_utf8().expect("UTF-8").into_owned();
    let p = s.path("public").join(&decoded);
    Some(if decoded.is_empty() || decoded.ends_with('/') { p.join("index.html") } else { p })
}

fn thai_site() -> TestSite {
    TestSite::new()
        .static_file("files/2567/รายงาน ผลการประชุม.pdf", b"%PDF-1.4 thai")
        .static_file("files/2567/ภาพ ประชุม.jpg", b"\xFF\xD8\xFF")
        .meeting(
            "2567/2567-01-15-ประชาคม-หมู่-3.md",
            &meeting("ประชาคมหมู่ 3", "2567-01-15", &[("ประชาชน", 5)]).replacen(
                "topics:",
                "attachments: [\"files/2567/รายงาน ผลการประชุม.pdf\", \"files/2567/ภาพ ประชุม.jpg\"]\ntopics:",
                1,
            ),
        )
        .meeting("2567/road.md", &meeting("ถนน", "2567-02-01", &[("ประชาชน", 7)]))
}

#[test]
fn sitemap_feed_and_json_urls_are_percent_encoded() {
    let s = thai_site();
    let r = s.build();
    assert_eq!(r.code, 0, "{}", r.stderr);
    let mut urls: Vec<String> = Vec::new();
    for (file, element, attr) in
        [("sitemap.xml", "loc", None), ("feed.xml", "id", None), ("feed.xml", "link", Some("href"))]
    {
        let xml = s.read(&format!("public/{file}"));
        let mut reader = quick_xml::Reader::from_str(&xml);
        let mut inside = false;
        loop {
            match reader.read_event().unwrap() {
                quick_xml::events::Event::Start(e) if e.name().as_ref() == element => inside = true,
                quick_xml::events::Event::Empty(e) if e.name().as_ref() == element => {
                    if let Some(a) = attr {
                        let v = e.try_get_attribute(a).unwrap().unwrap();
                        urls.push(v.value.into_owned());
                    }
                }
                quick_xml::events::Event::Text(t) if inside && attr.is_none() => {
                    urls.push(t.into_inner().into_owned());
                    inside = false;
                }
                quick_xml::events::Event::Eof => break,
                _ => {}
            }
        }
    }
    let json: serde_json::Value = serde_json::from_str(&s.read("public/data/meetings.json")).unwrap();
    for m in json["meetings"].as_array().unwrap() {
        urls.push(m["url"].as_str().unwrap().to_string());
        for a in m["attachments"].as_array().unwrap() {
            urls.push(a.as_str().unwrap().to_string());
        }
    }
    let page = format!(
        "{BASE_URL}2567/%E0%B8%9B%E0%B8%A3%E0%B8%B0%E0%B8%8A%E0%B8%B2%E0%B8%84%E0%B8%A1-%E0%B8%AB%E0%B8%A1%E0%B8%B9%E0%B9%88-3/"
    );
    assert!(urls.contains(&page), "{urls:#?}");
    assert!(urls.iter().any(|u| u.ends_with("%E0%B8%A3%E0%B8%B2%E0%B8%A2%E0%B8%87%E0%B8%B2%E0%B8%99%20%E0%B8%9C%E0%B8%A5%E0%B8%81%E0%B8%B2%E0%B8%A3%E0%B8%9B%E0%B8%A3%E0%B8%B0%E0%B8%8A%E0%B8%B8%E0%B8%A1.pdf")));
    let mut checked = 0;
    for u in &urls {
        if let Some(file) = output_file(&s, u) {
            assert!(file.is_file(), "{u} decodes to {file:?}, which is not in the output");
            checked += 1;
        } else {
            assert!(u.starts_with("https://www.example.go.th/"), "{u}");
        }
    }
    assert!(checked >= 10, "{urls:#?}");
}

#[test]
fn an_attachment_with_a_thai_name_and_a_space_is_reachable() {
    let s = thai_site();
    assert_eq!(s.build().code, 0);
    let doc = s.page("public/2567/ประชาคม-หมู่-3/index.html");
    let mut links = attrs(&doc, ".attachments a", "href");
    links.extend(attrs(&doc, ".attachments img", "src"));
    assert_eq!(links.len(), 3, "{links:?}");
    for href in links {
        assert!(!href.contains(' ') && href.is_ascii(), "percent-encoded: {href}");
        let path = href.strip_prefix("/ita/").expect(&href);
        let decoded = percent_encoding::percent_decode_str(path).decode_utf8().unwrap().into_owned();
        assert!(s.path("public").join(&decoded).is_file(), "{href} → {decoded}");
    }
    // the file keeps its real name
    assert_eq!(std::fs::read(s.path("public/files/2567/รายงาน ผลการประชุม.pdf")).unwrap(), b"%PDF-1.4 thai");
}

#[test]
fn a_one_shot_build_and_a_full_one_agree_on_sections() {
    // A one-shot build (`build`, `check`) leaves bodies in their files and keeps only
    // what the ITA check needs of them; `serve` keeps them whole: the same warnings.
    let s = TestSite::new()
        .meeting("2567/a.md", &with_body("## 3. ผลการประชุม\n\n## 4. การนำผลไปใช้\n\nก\n"))
        .meeting("2567/b.md", &with_body("# รายงาน\n\n## ๑. สรุปผลการประชุม\n\n### ถนน\n\nซ่อม\n\n## การนำผล\n"))
        .meeting(
            "2567/c.md",
            &with_body("## (2) ผลการจากการมีส่วนร่วม\n\n...\n\n## ข้อ 3 การนำผลไปใช้\n\n- ทำ\n"),
        );
    let diags = |one_shot: bool| {
        let mut o = BuildOptions::new(s.root());
        o.today = None;
        let mut site = Site::new(o);
        if one_shot {
            site.one_shot();
        }
        let (r, _) = site.build_in_memory();
        r.diagnostics.sorted().iter().map(|d| d.to_string()).collect::<Vec<_>>()
    };
    let lean = diags(true);
    assert_eq!(lean, diags(false));
    let codes: Vec<&str> = lean.iter().map(|d| &d[d.len() - 7..d.len() - 1]).collect();
    assert_eq!(codes, vec!["PS0503", "PS0504", "PS0503"], "{lean:#?}");
}

/// The repository's example site as an evaluator of ITA 2569 works through it: every item
/// of the year's dashboard มีแล้ว and links to a page of the build, `urls.csv` has a URL
/// for each (BOM, CRLF, the header the assessment system's columns follow), `check` is
/// clean, and the CSV attachments show as tables, the one Excel saved as Windows-874
/// in Thai.
#[test]
fn the_example_site_discloses_every_item_of_2569() {
    const TODAY: &str = "2026-11-01"; // fiscal year 2570: the current assessment year is 2569
    let root = env!("CARGO_MANIFEST_DIR");
    let at = |args: &[&str]| -> Run {
        std::process::Command::new(bin()).env("PRONGSAI_TODAY", TODAY).args(args).output().unwrap().into()
    };
    let r = at(&["check", "--root", root]);
    assert_eq!((r.code, r.diagnostics()), (0, vec![]), "{}", r.stderr);
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("public");
    let r = at(&["build", "--root", root, "--output", out.to_str().unwrap()]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let read = |rel: &str| std::fs::read_to_string(out.join(rel)).unwrap();

    let doc = scraper::Html::parse_document(&read("ita/2569/index.html"));
    let codes = texts(&doc, ".oit-table tbody td.code");
    let all: Vec<String> = (1..=26).map(|n| format!("O{n}")).collect();
    assert_eq!(codes, all, "ITA 2569 has 26 items, unconfirmed ones too");
    let figures = texts(&doc, ".key-figures .figure");
    assert_eq!(figures, ["26", "0", "0"], "26 of 26 มีแล้ว");
    let statuses = texts(&doc, ".oit-table tbody .status");
    assert_eq!(statuses, vec!["มีแล้ว"; codes.len()], "{codes:?}");
    let hrefs = attrs(&doc, ".oit-table tbody a.submit-url", "href");
    assert_eq!(hrefs.len(), codes.len());
    for (code, href) in codes.iter().zip(&hrefs) {
        // Links are under the base path /ita/; the participation item is the year page.
        let rel = href.strip_prefix("/ita/").unwrap();
        assert!(out.join(rel).join("index.html").is_file(), "{code}: {rel}");
        assert!(code == "O19" || rel == format!("ita/2569/{}/", code.to_lowercase()), "{code}: {rel}");
    }

    // An evaluator reads Thai only: no note about where the registry came from, and no
    // English word but the names of things (ITA, OIT, No Gift Policy, E-Service, file
    // formats) once URLs and file names are set aside.
    let html = read("ita/2569/index.html");
    for s in ["github", "rtrda", "registry", "src/load"] {
        assert!(!html.to_lowercase().contains(s), "{s} in the dashboard");
    }
    let main = texts(&doc, "main").join(" ");
    let allowed = [
        "ITA",
        "ITAS",
        "OIT",
        "URL",
        "E-SERVICE",
        "E-Service",
        "NO",
        "GIFT",
        "POLICY",
        "No",
        "Gift",
        "Policy",
        "Atom",
        "JSON",
    ];
    let english: Vec<&str> = main
        .split_whitespace()
        .filter(|w| !w.contains("://") && !w.contains(".csv") && !w.contains(".go.th"))
        .flat_map(|w| w.split(|c: char| !(c.is_ascii_alphanumeric() || c == '-')))
        .map(|w| w.trim_matches('-'))
        .filter(|w| w.chars().any(|c| c.is_ascii_alphabetic()) && !allowed.contains(w))
        .filter(|w| prongsai::load::registry::normalize_code(w).is_none())
        .collect();
    assert!(english.is_empty(), "English on the dashboard: {english:?}");

    let csv = read("ita/2569/urls.csv");
    assert!(csv.starts_with("\u{feff}รหัส,ชื่อรายการ,URL,คำอธิบาย\r\n"), "{csv}");
    let lines: Vec<&str> = csv.trim_end_matches("\r\n").split("\r\n").skip(1).collect();
    assert_eq!(lines.len(), codes.len());
    for (line, code) in lines.iter().zip(&codes) {
        assert!(line.starts_with(&format!("{code},")), "{line}");
        assert!(line.contains(",https://www.nongkong.go.th/ita/"), "{code} has a URL: {line}");
    }

    let o11 = scraper::Html::parse_document(&read("ita/2569/o11/index.html"));
    assert_eq!(texts(&o11, ".csv-table thead th").len(), 10, "the columns of form สขร.1");
    assert_eq!(texts(&o11, ".csv-table tbody tr").len(), 28);
    let o18 = scraper::Html::parse_document(&read("ita/2569/o18/index.html"));
    assert!(texts(&o18, ".csv-table tbody td").iter().any(|c| c == "ตุลาคม – ธันวาคม 2567"));
}
