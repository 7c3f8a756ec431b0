//! The whole ITA disclosure site (issue 13): disclosure pages (`ita_item:`), the OIT
//! dashboard of each assessment year with every registry item and its status, the
//! submission `urls.csv`, `check`'s messages about them, a site's registry override, and
//! carrying a page forward when the next year renumbers its item. The real binary on
//! small sites; pages read by parsing them, diagnostics by code.

mod support;
use std::process::Command;
use support::*;

/// A day in fiscal year 2570: the current assessment year is 2569.
const TODAY: &str = "2026-11-01";

/// `args` run on `site` with "today" set to `today`.
fn run_at(site: &TestSite, today: &str, args: &[&str]) -> Run {
    let root = site.root().to_str().unwrap().to_string();
    let mut all: Vec<&str> = args.to_vec();
    all.extend(["--root", &root]);
    Command::new(bin()).env("PRONGSAI_TODAY", today).args(&all).output().unwrap().into()
}

fn build(site: &TestSite) -> Run {
    let r = run_at(site, TODAY, &["build"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    r
}

/// A disclosure page for `code` with `extra` front matter lines and `body`.
fn page(title: &str, code: &str, extra: &str, body: &str) -> String {
    format!("---\ntitle: {title}\nita_item: {code}\n{extra}---\n{body}")
}

/// The items of the shipped registry of `year`, in order: (code, key).
fn registry(year: i32) -> Vec<(String, String)> {
    prongsai::load::registry::shipped()[&year].items.iter().map(|i| (i.code.clone(), i.key.clone())).collect()
}

fn code_of_key(year: i32, key: &str) -> String {
    registry(year).into_iter().find(|(_, k)| k == key).unwrap_or_else(|| panic!("no {key} in {year}")).0
}

/// The dashboard rows of `/ita/<fy>/`: (code, status, link below the base or "").
fn rows(site: &TestSite, fy: i32) -> Vec<(String, String, String)> {
    let doc = site.page(&format!("public/ita/{fy}/index.html"));
    let row = scraper::Selector::parse("table.oit-table tbody tr").unwrap();
    let sel = |s: &str| scraper::Selector::parse(s).unwrap();
    let mut out = Vec::new();
    for tr in doc.select(&row) {
        let text = |css: &str| tr.select(&sel(css)).next().map(|e| collapse(&e.text().collect::<String>()));
        let href = tr.select(&sel("a.submit-url")).next().and_then(|a| a.value().attr("href")).unwrap_or("");
        out.push((
            text("td.code").unwrap_or_default(),
            text(".status").unwrap_or_default(),
            href.to_string(),
        ));
    }
    out
}

/// `urls.csv` of `fy`: its bytes start with the UTF-8 BOM; records after the header.
fn urls_csv(site: &TestSite, fy: i32) -> Vec<Vec<String>> {
    let bytes = std::fs::read(site.path(&format!("public/ita/{fy}/urls.csv"))).unwrap();
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"), "urls.csv starts with the UTF-8 BOM");
    let text = std::str::from_utf8(&bytes[3..]).unwrap();
    assert!(text.contains("\r\n") && !text.replace("\r\n", "").contains('\n'), "CRLF line ends");
    let mut r = csv::ReaderBuilder::new().has_headers(true).from_reader(text.as_bytes());
    let header: Vec<String> = r.headers().unwrap().iter().map(str::to_string).collect();
    assert_eq!(header, ["รหัส", "ชื่อรายการ", "URL", "คำอธิบาย"]);
    r.records().map(|rec| rec.unwrap().iter().map(str::to_string).collect()).collect()
}

#[test]
fn a_disclosure_page_has_its_url_and_content_and_drafts_are_left_out() {
    let s = TestSite::new()
        .meeting(
            "2569/ita/o1.md",
            &page(
                "โครงสร้างองค์กร",
                "o1",
                "description: แผนผังโครงสร้างและอำนาจหน้าที่\nupdated: 15 ม.ค. 2569\nlinks:\n  - title: ระบบร้องเรียนออนไลน์\n    url: https://example.go.th/complaint\nattachments: [files/works.csv]\n",
                "## อำนาจหน้าที่\n\nดูแลถนนและประปา\n",
            ),
        )
        .static_file("files/works.csv", "งาน,บาท\nCulvert repair,150000\n".as_bytes())
        .meeting("2569/ita/o3.md", &page("ติดต่อ", "O3", "draft: true\n", "โทร 0 0000 0000\n"));
    build(&s);
    let doc = s.page("public/ita/2569/o1/index.html");
    assert_eq!(text(&doc, "h1"), "โครงสร้างองค์กร");
    assert_eq!(text(&doc, ".ita-code"), "O1");
    assert!(text(&doc, ".body").contains("ดูแลถนนและประปา"));
    assert_eq!(text(&doc, ".lead"), "แผนผังโครงสร้างและอำนาจหน้าที่");
    assert_eq!(attrs(&doc, "time", "datetime"), ["2026-01-15"]);
    assert_eq!(attrs(&doc, ".links a", "href"), ["https://example.go.th/complaint"]);
    // the draft is neither built nor counted
    assert!(!s.path("public/ita/2569/o3").exists());
    let o3 = code_of_key(2569, "contact");
    assert!(rows(&s, 2569).iter().any(|r| r.0 == o3 && r.1 == "ยังไม่มี"));
    // listed in the sitemap and the search index, with the dashboard
    let sitemap = s.read("public/sitemap.xml");
    assert!(sitemap.contains("https://www.example.go.th/ita/ita/2569/o1/"), "{sitemap}");
    assert!(sitemap.contains("https://www.example.go.th/ita/ita/2569/</loc>"), "{sitemap}");
    let json = |path: String| -> serde_json::Value { serde_json::from_str(&s.read(&path)).unwrap() };
    let index = json("public/search/index.json".into());
    let chunk = |c: &serde_json::Value| json(format!("public/search/c/{}.json", c.as_str().unwrap()));
    let docs: Vec<serde_json::Value> = index["chunks"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|c| chunk(c).as_array().unwrap().clone())
        .collect();
    let o1 = docs.iter().find(|d| d[0] == "ita/2569/o1/").expect("the page is a result");
    assert_eq!(o1[2], "O1 · ปรับปรุง 15 มกราคม 2569 · ข้อมูลสาธารณะ (OIT) ปี พ.ศ. 2569");
    let words: Vec<String> = index["parts"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|p| {
            json(format!("public/search/p/{}.json", p[1].as_str().unwrap())).as_array().unwrap().clone()
        })
        .map(|w| w[0].as_str().unwrap().to_string())
        .collect();
    let has = |w: &str| words.iter().any(|x| x == w);
    assert!(has("ประปา"), "the body is indexed");
    assert!(has("culvert") && has("150000"), "its CSV table is indexed: {words:?}");
    // What the page does not show is not: it names its year as ปี พ.ศ., not ปีงบประมาณ.
    assert!(!has("งบประมาณ") && !has("ปีงบประมาณ"), "{words:?}");
}

#[test]
fn the_dashboard_lists_every_item_with_its_status() {
    let structure = code_of_key(2569, "structure");
    let contact = code_of_key(2569, "contact");
    let procurement_2568 = code_of_key(2568, "procurement-monthly");
    let procurement_2569 = code_of_key(2569, "procurement-monthly");
    let news = code_of_key(2569, "news");
    let participation = code_of_key(2569, "participation");
    let s = TestSite::new()
        .meeting("2569/ita/structure.md", &page("โครงสร้าง", &structure, "", "แผนผัง\n"))
        .meeting("2569/ita/contact.md", &page("ติดต่อ", &contact, "", "...\n"))
        .meeting(
            "2568/ita/procurement.md",
            &page("สรุปผลการจัดซื้อจัดจ้าง", &procurement_2568, "attachments: [files/p.pdf]\n", ""),
        )
        .static_file("files/p.pdf", b"%PDF-1.4")
        .meeting("2569/2569-01-10-a.md", &meeting("ประชุม ก", "2569-01-10", CITIZENS_12));
    build(&s);
    let got = rows(&s, 2569);
    let items = registry(2569);
    assert_eq!(
        got.iter().map(|r| r.0.clone()).collect::<Vec<_>>(),
        items.iter().map(|i| i.0.clone()).collect::<Vec<_>>()
    );
    let row = |code: &str| got.iter().find(|r| r.0 == code).unwrap().clone();
    assert_eq!(
        row(&structure),
        (structure.clone(), "มีแล้ว".into(), format!("/ita/ita/2569/{}/", structure.to_lowercase()))
    );
    assert_eq!(row(&contact).1, "ไม่ครบ", "placeholder text only");
    assert_eq!(row(&news), (news.clone(), "ยังไม่มี".into(), String::new()));
    assert_eq!(row(&participation), (participation.clone(), "มีแล้ว".into(), "/ita/2569/".into()));
    // procurement was renumbered between the years: the 2568 page is carried forward
    // (it is not yearly in the shipped registry) only if the registry says so
    let yearly = prongsai::load::registry::shipped()[&2569].item(&procurement_2569).unwrap().yearly;
    let carried = row(&procurement_2569);
    if yearly {
        assert_eq!(carried.1, "ยังไม่มี");
    } else {
        assert_eq!(carried.2, format!("/ita/ita/2568/{}/", procurement_2568.to_lowercase()));
    }

    // one incomplete meeting of two: participation is ไม่ครบ, saying how many
    s.write("content/2569/2569-02-10-b.md", "---\ntitle: ประชุม ข\ndate: 2569-02-10\nvenue: ศาลา\n---\n");
    build(&s);
    assert_eq!(rows(&s, 2569).iter().find(|r| r.0 == participation).unwrap().1, "ไม่ครบ");
    let doc = s.page("public/ita/2569/index.html");
    assert!(text(&doc, "table.oit-table").contains("การประชุม 1 จาก 2 ครั้งยังมีข้อมูลไม่ครบ"));

    // /ita/ lists the dashboards first, with counts and the CSV, and still the years
    let ita = s.page("public/ita/index.html");
    let hrefs = attrs(&ita, ".ita-dashboards a", "href");
    assert!(
        hrefs.contains(&"/ita/ita/2569/".to_string())
            && hrefs.contains(&"/ita/ita/2569/urls.csv".to_string()),
        "{hrefs:?}"
    );
    assert!(hrefs.contains(&"/ita/ita/2568/".to_string()), "a year with pages has its dashboard: {hrefs:?}");
    assert!(!texts(&ita, "section.ita-year h2").is_empty(), "the participation years are still there");
}

#[test]
fn a_year_with_a_carried_page_and_the_csv() {
    let structure = code_of_key(2568, "structure");
    let s = TestSite::new().meeting("2568/ita/o.md", &page("โครงสร้าง", &structure, "", "แผนผัง\n"));
    build(&s);
    // structure is not yearly: 2569 carries the 2568 page, with its own URL and year
    let code_2569 = code_of_key(2569, "structure");
    let row = rows(&s, 2569).into_iter().find(|r| r.0 == code_2569).unwrap();
    assert_eq!(row.1, "มีแล้ว");
    assert_eq!(row.2, format!("/ita/ita/2568/{}/", structure.to_lowercase()));
    let doc = s.page("public/ita/2569/index.html");
    assert!(text(&doc, "table.oit-table").contains("(หน้าของปี 2568)"));

    let csv = urls_csv(&s, 2569);
    let items = registry(2569);
    assert_eq!(csv.len(), items.len(), "one row per registry item");
    for (rec, (code, _)) in csv.iter().zip(&items) {
        assert_eq!(&rec[0], code);
        assert!(!rec[1].is_empty() && !rec[3].is_empty(), "{rec:?}");
    }
    let rec = csv.iter().find(|r| r[0] == code_2569).unwrap();
    assert_eq!(rec[2], format!("https://www.example.go.th/ita/ita/2568/{}/", structure.to_lowercase()));
    let news = code_of_key(2569, "news");
    assert_eq!(csv.iter().find(|r| r[0] == news).unwrap()[2], "", "no page, no URL");
}

#[test]
fn check_names_each_missing_item_once_only_on_a_site_with_disclosure_pages() {
    let s = TestSite::new().meeting("2569/2569-01-10-a.md", &meeting("ประชุม ก", "2569-01-10", CITIZENS_12));
    let r = run_at(&s, TODAY, &["check"]);
    assert!(!r.codes().contains(&"PS0509"), "a participation-only site is not nagged: {}", r.stderr);

    let structure = code_of_key(2569, "structure");
    s.write("content/2569/ita/o1.md", &page("โครงสร้าง", &structure, "", "แผนผัง\n"));
    let r = run_at(&s, TODAY, &["check"]);
    let missing: Vec<&str> = r.diagnostics().into_iter().filter(|l| l.ends_with("[PS0509]")).collect();
    // every item but structure and participation (which the meeting answers)
    assert_eq!(missing.len(), registry(2569).len() - 2, "{}", r.stderr);
    let mut distinct = missing.clone();
    distinct.sort();
    distinct.dedup();
    assert_eq!(distinct.len(), missing.len(), "once per item");
    let news = code_of_key(2569, "news");
    let lower = news.to_lowercase();
    assert!(
        missing.iter().any(|l| l.starts_with("warning: content: ")
            && l.contains(&format!("content/2569/ita/{lower}.md"))
            && l.contains(&format!("ita_item: {news}"))),
        "{missing:?}"
    );
    assert_eq!(r.code, 0, "warnings only");
}

/// The key figures of `/ita/<fy>/`: มีแล้ว, ไม่ครบ, ยังไม่มี.
fn figures(site: &TestSite, fy: i32) -> Vec<usize> {
    let doc = site.page(&format!("public/ita/{fy}/index.html"));
    texts(&doc, ".key-figures .figure").iter().map(|t| t.parse().unwrap()).collect()
}

#[test]
fn an_item_without_a_page_keeps_the_year_from_being_complete_even_when_unconfirmed() {
    let items = &prongsai::load::registry::shipped()[&2569].items;
    assert_eq!(items.len(), 26, "ITA 2569 has O1–O26");
    let unconfirmed = items.iter().find(|i| !i.confirmed).expect("an unconfirmed item").code.clone();
    let mut s =
        TestSite::new().meeting("2569/2569-01-10-a.md", &meeting("ประชุม ก", "2569-01-10", CITIZENS_12));
    for i in items.iter().filter(|i| i.key != "participation" && i.code != unconfirmed) {
        s = s.meeting(
            &format!("2569/ita/{}.md", i.code.to_lowercase()),
            &page(&i.name, &i.code, "", "เนื้อหา\n"),
        );
    }
    build(&s);
    assert_eq!(figures(&s, 2569), [25, 0, 1], "26 items, one without a page");
    let row = rows(&s, 2569).into_iter().find(|r| r.0 == unconfirmed).unwrap();
    assert_eq!(row.1, "ยังไม่มี");
    // check names it, and tells the editor (not the public page) that the name is unconfirmed
    let r = run_at(&s, TODAY, &["check"]);
    let missing: Vec<&str> = r.diagnostics().into_iter().filter(|l| l.ends_with("[PS0509]")).collect();
    assert_eq!(missing.len(), 1, "{}", r.stderr);
    assert!(missing[0].contains(&unconfirmed) && missing[0].contains("ยังไม่ได้ยืนยัน"), "{missing:?}");
    let page_text = text(&s.page("public/ita/2569/index.html"), "main");
    assert!(!page_text.contains("ยืนยัน"), "the dashboard does not say it: {page_text}");

    // its page counts like any other: the year is complete
    let lower = unconfirmed.to_lowercase();
    s.write(&format!("content/2569/ita/{lower}.md"), &page("หน้าของรายการ", &unconfirmed, "", "เนื้อหา\n"));
    build(&s);
    assert_eq!(figures(&s, 2569), [26, 0, 0]);
    let r = run_at(&s, TODAY, &["check"]);
    assert!(!r.codes().contains(&"PS0509"), "{}", r.stderr);
}

#[test]
fn problems_of_a_page_are_at_their_lines() {
    let structure = code_of_key(2569, "structure");
    let s = TestSite::new()
        .meeting(
            "2569/ita/a.md",
            &page(
                "ก",
                &structure,
                "links:\n  - title: ร้องเรียน\n    url: http://example.go.th/complaint\n  - title: ดี\n    url: https://example.go.th/ok\nvenue: x\n",
                "เนื้อหา\n",
            ),
        )
        .meeting("2569/ita/b.md", &page("ข", "O999", "", "เนื้อหา\n"))
        .meeting("2569/ita/c.md", &page("ค", "ห้า", "", "เนื้อหา\n"))
        .meeting("2569/ita/d.md", &page("ง", &structure.to_lowercase(), "", "เนื้อหา\n"))
        .meeting("2569/ita/e.md", &page("จ", &code_of_key(2569, "contact"), "", ""));
    let d = checked(&s, &[]);
    let at = |file: &str| d.iter().filter(|x| x.1 == file).map(|x| (x.0.as_str(), x.2)).collect::<Vec<_>>();
    assert_eq!(at("content/2569/ita/a.md"), [("PS0512", 6), ("PS0105", 9)], "{d:?}");
    assert_eq!(at("content/2569/ita/b.md"), [("PS0508", 3)]);
    assert_eq!(at("content/2569/ita/c.md"), [("PS0507", 3)]);
    assert_eq!(at("content/2569/ita/d.md"), [("PS0511", 3)], "two pages of one item and year");
    assert_eq!(at("content/2569/ita/e.md"), [("PS0510", 5)], "nothing to show");
    let r = run_at(&s, TODAY, &["check"]);
    assert_eq!(r.code, 1, "errors fail the check");
    let dup = r.diagnostics().into_iter().find(|l| l.ends_with("[PS0511]")).unwrap();
    assert!(dup.contains("content/2569/ita/a.md"), "names the other page: {dup}");
}

#[test]
fn a_site_registry_overrides_names_and_adds_items_and_bad_files_say_where() {
    let structure = code_of_key(2569, "structure");
    let s = TestSite::new()
        .meeting("2569/ita/o1.md", &page("โครงสร้าง", &structure, "", "แผนผัง\n"))
        .meeting("2569/ita/o27.md", &page("ผลงานเด่น", "O27", "", "รางวัล\n"));
    s.write(
        "ita/2569.yaml",
        &format!("year: 2569\nitems:\n  - code: {structure}\n    name: โครงสร้างองค์กรของเรา\n  - code: O27\n    key: awards\n    name: ผลงานเด่นของหน่วยงาน\n"),
    );
    let r = build(&s);
    assert!(!r.codes().contains(&"PS0508"), "O27 is in the merged registry: {}", r.stderr);
    let got = rows(&s, 2569);
    assert_eq!(got.len(), registry(2569).len() + 1);
    assert!(got.iter().any(|r| r.0 == "O27" && r.1 == "มีแล้ว"));
    let doc = s.page("public/ita/2569/index.html");
    assert!(
        texts(&doc, "table.oit-table th[scope=row]").iter().any(|t| t.starts_with("โครงสร้างองค์กรของเรา"))
    );
    assert_eq!(urls_csv(&s, 2569).len(), registry(2569).len() + 1);

    s.write("ita/2569.yaml", "year: 2569\nitems:\n  - code: O27\n    key: awards\n");
    let r = run_at(&s, TODAY, &["check"]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    let line = r.diagnostics().into_iter().find(|l| l.ends_with("[PS0609]")).expect("PS0609");
    assert!(line.starts_with("error: ita/2569.yaml:3:5:"), "{line}");
    s.write("ita/2569.yaml", "year: 2569\nitems:\n  - code: [O27\n");
    let r = run_at(&s, TODAY, &["check"]);
    assert!(r.diagnostics().iter().any(|l| l.starts_with("error: ita/2569.yaml:3:")), "{}", r.stderr);
    // a YAML file not named by its year is an error; notes beside the files are left alone
    s.remove("ita/2569.yaml");
    s.write("ita/README.md", "# รายการของเรา\n");
    s.write("ita/list.yaml", "year: 2569\n");
    let r = run_at(&s, TODAY, &["check"]);
    assert_eq!(r.codes_at("ita/list.yaml", None), ["PS0609"], "{}", r.stderr);
    assert!(r.codes_at("ita/README.md", None).is_empty());
}

#[test]
fn a_page_keeps_its_url_when_the_next_year_renumbers_its_item_and_the_old_dashboard_stays() {
    let structure = code_of_key(2569, "structure");
    let lower = structure.to_lowercase();
    let s = TestSite::new().meeting("2569/ita/structure.md", &page("โครงสร้าง", &structure, "", "แผนผัง\n"));
    // In fiscal year 2571 the newest registry year is still 2569, until 2570 is given.
    let later = "2027-11-01";
    let r = run_at(&s, later, &["build"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let before = std::fs::read(s.path("public/ita/2569/index.html")).unwrap();
    assert!(!s.path("public/ita/2570").exists());

    // 2570 renumbers structure as O2, and gives O1 to another item
    s.write(
        "ita/2570.yaml",
        "year: 2570\nsources: [\"test\"]\nitems:\n  - code: O1\n    key: executives\n    name: ข้อมูลผู้บริหาร\n  - code: O2\n    key: structure\n    name: โครงสร้าง\n",
    );
    let r = run_at(&s, later, &["build"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let after = std::fs::read(s.path("public/ita/2569/index.html")).unwrap();
    assert!(before == after, "the 2569 dashboard is byte for byte the same");
    assert!(s.path(&format!("public/ita/2569/{lower}/index.html")).exists(), "the page keeps its URL");
    let got = rows(&s, 2570);
    assert_eq!(
        got,
        [
            ("O1".to_string(), "ยังไม่มี".to_string(), String::new()),
            ("O2".to_string(), "มีแล้ว".to_string(), format!("/ita/ita/2569/{lower}/"))
        ]
    );
    // and check now names O1 of 2570 as missing
    let r = run_at(&s, later, &["check"]);
    let missing: Vec<&str> = r.diagnostics().into_iter().filter(|l| l.ends_with("[PS0509]")).collect();
    assert_eq!(missing.len(), 1, "{missing:?}");
    assert!(missing[0].contains("ita_item: O1") && missing[0].contains("ITA 2570"), "{}", missing[0]);
}

#[test]
fn a_csv_attachment_is_a_table_whatever_its_encoding() {
    // "รายการ,จำนวนเงิน" / "ซ่อมถนน <หมู่ 1>,5000" in TIS-620, as Excel on Thai Windows saves
    let mut tis = Vec::new();
    for c in "รายการ,จำนวนเงิน\r\nซ่อมถนน,5000\r\n".chars() {
        let u = c as u32;
        tis.push(if (0x0E01..=0x0E5B).contains(&u) { (u - 0x0E01 + 0xA1) as u8 } else { u as u8 });
    }
    let s = TestSite::new()
        .meeting(
            "2569/ita/p.md",
            &page(
                "จัดซื้อจัดจ้าง",
                &code_of_key(2569, "procurement-monthly"),
                "attachments: [files/utf8.csv, files/tis.csv]\n",
                "",
            ),
        )
        .static_file("files/utf8.csv", "\u{feff}เดือน,ยอด\nตุลาคม,\"<b>1,000</b>\"\n".as_bytes())
        .static_file("files/tis.csv", &tis);
    build(&s);
    let code = code_of_key(2569, "procurement-monthly").to_lowercase();
    let doc = s.page(&format!("public/ita/2569/{code}/index.html"));
    assert_eq!(texts(&doc, ".csv-table caption"), ["utf8.csv", "tis.csv"]);
    assert_eq!(texts(&doc, ".csv-table th[scope=col]"), ["เดือน", "ยอด", "รายการ", "จำนวนเงิน"]);
    assert_eq!(texts(&doc, ".csv-table td"), ["ตุลาคม", "<b>1,000</b>", "ซ่อมถนน", "5000"]);
    assert!(
        doc.select(&scraper::Selector::parse(".csv-table td b").unwrap()).next().is_none(),
        "cells are escaped"
    );
}

#[test]
fn a_theme_of_the_sites_own_without_the_new_templates_builds_them_with_the_defaults() {
    let s = TestSite::new()
        .yaml("theme: mine\n")
        .meeting("2569/ita/o1.md", &page("โครงสร้าง", "O1", "", "แผนผัง\n"));
    for (path, bytes) in prongsai::render::theme::default_theme() {
        if path.ends_with("disclosure.html") || path.ends_with("ita-year.html") {
            continue;
        }
        s.write_bytes(&format!("themes/mine/{path}"), bytes);
    }
    build(&s);
    assert_eq!(text(&s.page("public/ita/2569/o1/index.html"), "h1"), "โครงสร้าง");
    assert!(!rows(&s, 2569).is_empty());
}

#[test]
fn a_very_large_csv_is_cut_with_a_note_and_the_link() {
    let mut big = String::from("ลำดับ,รายการ\n");
    for i in 1..=2005 {
        big.push_str(&format!("{i},รายการ {i}\n"));
    }
    let s = TestSite::new()
        .meeting("2569/ita/p.md", &page("จัดซื้อ", "O1", "attachments: [files/big.csv]\n", ""))
        .static_file("files/big.csv", big.as_bytes());
    build(&s);
    let doc = s.page("public/ita/2569/o1/index.html");
    assert_eq!(texts(&doc, ".csv-table tbody tr").len(), 2000);
    let note = text(&doc, ".csv-table .note");
    assert!(note.contains("2,000") && note.contains("2,005"), "{note}");
    assert_eq!(attrs(&doc, ".csv-table .note a", "href"), ["/ita/files/big.csv"]);
}
