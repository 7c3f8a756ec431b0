//! Attendees as real reports give them (issue 11): counts typed with their unit, roles
//! without a number, the new optional fields (number, chair, organizers, objectives, venue
//! as a list or missing), and roles outside `role_groups`.

mod support;
use support::*;

/// The body every meeting here ends with: the ITA results and usage sections.
const SECTIONS: &str =
    "---\n\n## ผลจากการมีส่วนร่วม\n\nผล\n\n## การนำผลของการมีส่วนร่วมไปปรับปรุงพัฒนาการดำเนินงาน\n\nนำไปใช้\n";

/// A complete meeting with `front` (lines of front matter) after its title and date.
fn report(title: &str, date: &str, front: &str) -> String {
    format!("---\ntitle: {title}\ndate: {date}\ntopics: [แผนพัฒนา]\n{front}{SECTIONS}")
}

fn diagnostics_json(s: &TestSite) -> Vec<serde_json::Value> {
    let r = s.run(&["check", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    v["diagnostics"].as_array().unwrap().clone()
}

fn meetings_json(s: &TestSite) -> Vec<serde_json::Value> {
    let v: serde_json::Value = serde_json::from_str(&s.read("public/data/meetings.json")).unwrap();
    v["meetings"].as_array().unwrap().clone()
}

fn csv_rows(s: &TestSite, rel: &str) -> Vec<Vec<String>> {
    let bytes = std::fs::read(s.path(rel)).unwrap();
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"));
    csv::Reader::from_reader(&bytes[3..])
        .records()
        .map(|r| r.unwrap().iter().map(str::to_string).collect())
        .collect()
}

/// The meeting page's facts (วันที่, สถานที่, …) as "term: value".
fn facts(doc: &scraper::Html) -> Vec<String> {
    terms(doc, ".facts")
}

/// The terms of the description list `css` as "term: value".
fn terms(doc: &scraper::Html, css: &str) -> Vec<String> {
    let div = scraper::Selector::parse(&format!("{css} > div")).unwrap();
    let dt = scraper::Selector::parse("dt").unwrap();
    let dd = scraper::Selector::parse("dd").unwrap();
    let t = |e: scraper::ElementRef, sel: &scraper::Selector| {
        e.select(sel).flat_map(|x| x.text()).collect::<Vec<_>>().join(" ")
    };
    doc.select(&div).map(|d| format!("{}: {}", collapse(&t(d, &dt)), collapse(&t(d, &dd)))).collect()
}

/// The cells of each row of the table body `css`, white space collapsed.
fn table_rows(doc: &scraper::Html, css: &str) -> Vec<Vec<String>> {
    let tr = scraper::Selector::parse(&format!("{css} tr")).unwrap();
    let cell = scraper::Selector::parse("th, td").unwrap();
    doc.select(&tr)
        .map(|r| r.select(&cell).map(|c| collapse(&c.text().collect::<String>())).collect())
        .collect()
}

#[test]
fn counts_typed_with_their_unit_are_that_number() {
    let front = "venue: ห้องประชุม\nattendees:\n  - role: ประชาชน\n    count: 58 คน\n  - role: นายก\n    count: ๕๘ คน\n  - role: ผู้ทรงคุณวุฒิ\n    count: 58คน\nattendees_total: 174 คน\n";
    let s = TestSite::new().meeting("2567/a.md", &report("ประชุม", "2567-01-15", front));
    assert_eq!(checked(&s, &[]), [], "no error and no mismatch");
    let head = report("ประชุม", "2567-01-15", "venue: ห้อง\nattendees_total: 222 คน\n");
    s.write("content/2567/b.md", &head);
    assert_eq!(s.build().code, 0);
    let json = meetings_json(&s);
    let counts: Vec<u64> = json[0]["attendance"]["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["count"].as_u64().unwrap())
        .collect();
    assert_eq!(counts, [58, 58, 58]);
    assert_eq!(json[0]["attendees_total"], 174);
    assert_eq!(json[0]["attendees_total_declared"], 174);
    assert_eq!(json[1]["attendees_total"], 222);
}

#[test]
fn an_invalid_count_is_one_error_and_no_made_up_total_mismatch() {
    let s = TestSite::new();
    for (name, bad) in [("thai-word", "สี่"), ("negative", "-3")] {
        let front = format!(
            "venue: ห้อง\nattendees:\n  - role: นายก\n    count: 6\n  - role: ประชาชน\n    count: {bad}\nattendees_total: 64\n"
        );
        s.write(&format!("content/2567/{name}.md"), &report("ประชุม", "2567-01-15", &front));
    }
    let mut got = checked(&s, &[]);
    got.sort();
    assert_eq!(
        got,
        [
            ("PS0301".to_string(), "content/2567/negative.md".to_string(), 10),
            ("PS0301".to_string(), "content/2567/thai-word.md".to_string(), 10),
        ]
    );
}

#[test]
fn roles_without_numbers_are_a_summary_of_unknown_attendance() {
    let front = "venue: ห้อง\nattendees:\n  - role: ประชาชน\n  - role: นายก\n    count:\n";
    let s = TestSite::new().meeting("2567/roles.md", &report("ประชาคมหมู่บ้าน", "2567-01-15", front));
    assert_eq!(checked(&s, &[]), [], "a participant summary for ITA, and no error");
    assert_eq!(s.build().code, 0);

    // the meeting page lists the roles, each "ไม่ระบุจำนวน", the total not given
    let page = s.page("public/2567/roles/index.html");
    assert_eq!(
        table_rows(&page, ".attendees-table tbody"),
        [["1", "ประชาชน", "ไม่ระบุจำนวน"], ["2", "นายก", "ไม่ระบุจำนวน"]]
    );
    assert_eq!(table_rows(&page, ".attendees-table tfoot"), [["รวม", "ไม่ระบุจำนวน"]]);
    assert!(facts(&page).contains(&"ผู้เข้าร่วม: ไม่ระบุ".to_string()), "{:?}", facts(&page));

    // the year: no meeting gave a number, so its total is not given, never 0
    let year = s.page("public/2567/index.html");
    let figures = terms(&year, ".key-figures");
    assert_eq!(figures, ["การประชุม: 1 ครั้ง", "ผู้เข้าร่วมรวม: ไม่ระบุ", "ไม่ระบุจำนวนผู้เข้าร่วม: 1 ครั้ง"]);
    assert_eq!(table_rows(&year, ".meetings-table tfoot")[0].last().unwrap(), "ไม่ระบุ");
    let want: Vec<Vec<&str>> = vec![
        vec!["ผู้บริหาร"],
        vec!["นายก", "ไม่ระบุจำนวน", "1"],
        vec!["บุคคลภายนอก"],
        vec!["ประชาชน", "ไม่ระบุจำนวน", "1"],
    ];
    assert_eq!(table_rows(&year, ".stats-table tbody"), want);
    assert_eq!(table_rows(&year, ".stats-table tfoot"), [["รวมทั้งสิ้น", "ไม่ระบุ", "0"]]);
    assert!(texts(&year, ".groups-table").is_empty(), "no group shares of nothing");
    let all = collapse(&year.root_element().text().collect::<String>());
    assert!(!all.contains("0 คน"), "{all}");
    // the chart says so in words, with no bar
    let svg = text(&year, "figure.chart svg");
    assert!(svg.contains("ไม่ระบุจำนวนผู้เข้าร่วม"), "{svg}");
    assert_eq!(year.select(&scraper::Selector::parse("figure.chart g.bar rect").unwrap()).count(), 0);

    // the home page
    let home = s.page("public/index.html");
    assert_eq!(
        table_rows(&home, ".years-table tbody")[0][2],
        "ไม่ระบุไม่รวม 1 ครั้งที่ไม่ระบุจำนวน" /* a <br> between */
    );

    // the CSV accounts for the meeting, with no count of 0
    assert_eq!(
        csv_rows(&s, "public/2567/attendees.csv"),
        [
            ["2567", "ประชาชน", "บุคคลภายนอก", "", "1"],
            ["2567", "นายก", "ผู้บริหาร", "", "1"],
            ["2567", "รวมทั้งสิ้น", "", "", "0"],
            ["2567", "การประชุมที่ไม่ระบุจำนวนผู้เข้าร่วม", "", "", "1"],
        ]
    );

    // JSON: no total, the roles with a null count
    let json = meetings_json(&s);
    assert_eq!(json[0]["attendees_total"], serde_json::Value::Null);
    assert_eq!(json[0]["attendance"]["kind"], "roles_only");
    assert_eq!(json[0]["attendance"]["rows"][0], serde_json::json!({"role": "ประชาชน", "count": null}));
}

#[test]
fn some_numbers_make_an_at_least_total() {
    let partial = "venue: ห้อง\nattendees:\n  - role: ประชาชน\n    count: 58 คน\n  - role: นายก\n";
    let s = TestSite::new()
        .meeting("2567/partial.md", &report("ประชาคม", "2567-01-15", partial))
        .meeting("2567/full.md", &meeting("ประชุมเต็ม", "2567-02-15", &[("ประชาชน", 10)]));
    assert_eq!(checked(&s, &[]), []);
    assert_eq!(s.build().code, 0);

    let page = s.page("public/2567/partial/index.html");
    assert_eq!(
        table_rows(&page, ".attendees-table tbody"),
        [["1", "ประชาชน", "58"], ["2", "นายก", "ไม่ระบุจำนวน"]]
    );
    assert_eq!(table_rows(&page, ".attendees-table tfoot"), [["รวม", "อย่างน้อย 58"]]);
    assert!(facts(&page).contains(&"ผู้เข้าร่วม: อย่างน้อย 58 คน".to_string()), "{:?}", facts(&page));

    let year = s.page("public/2567/index.html");
    let meetings = table_rows(&year, ".meetings-table tbody");
    assert_eq!(meetings[0].last().unwrap(), "อย่างน้อย 58");
    assert_eq!(meetings[1].last().unwrap(), "10");
    assert_eq!(table_rows(&year, ".meetings-table tfoot")[0].last().unwrap(), "อย่างน้อย 68");
    assert_eq!(
        terms(&year, ".key-figures"),
        ["การประชุม: 2 ครั้ง", "ผู้เข้าร่วมรวม: อย่างน้อย 68 คน", "บุคคลภายนอก: 68 คน"]
    );
    let want: Vec<Vec<&str>> =
        vec![vec!["ผู้บริหาร"], vec!["นายก", "ไม่ระบุจำนวน", "1"], vec!["บุคคลภายนอก"], vec!["ประชาชน", "68", "2"]];
    assert_eq!(table_rows(&year, ".stats-table tbody"), want);
    let home = s.page("public/index.html");
    assert_eq!(table_rows(&home, ".years-table tbody")[0][2], "อย่างน้อย 68");

    let json = meetings_json(&s);
    let (some, full) = if json[0]["slug"] == "partial" { (&json[0], &json[1]) } else { (&json[1], &json[0]) };
    assert_eq!(some["attendees_total"], 58);
    assert_eq!(some["total_at_least"], true);
    assert!(full.get("total_at_least").is_none(), "only when so: {full}");
    assert!(full["attendance"].get("total_at_least").is_none());

    // a declared total larger than the known numbers is the total, the rest without a role
    let declared = format!("{partial}attendees_total: 70 คน\n");
    s.write("content/2567/partial.md", &report("ประชาคม", "2567-01-15", &declared));
    assert_eq!(checked(&s, &[]), []);
    assert_eq!(s.build().code, 0);
    let page = s.page("public/2567/partial/index.html");
    assert_eq!(table_rows(&page, ".attendees-table tbody")[2], ["", "ไม่ระบุตำแหน่ง (ส่วนที่เหลือของยอดรวม)", "12"]);
    assert_eq!(table_rows(&page, ".attendees-table tfoot"), [["รวม", "70"]]);
    // and one smaller than them is a warning
    let smaller = format!("{partial}attendees_total: 50\n");
    s.write("content/2567/partial.md", &report("ประชาคม", "2567-01-15", &smaller));
    assert_eq!(checked(&s, &[]), [("PS0303".to_string(), "content/2567/partial.md".to_string(), 10)]);
}

#[test]
fn the_new_fields_show_on_the_page_and_in_json() {
    let front = "number: 2/2567\nchair: นายสมชาย ใจดี นายกองค์การบริหารส่วนตำบล\norganizers: [สำนักงานเกษตรอำเภอ, โรงพยาบาลส่งเสริมสุขภาพตำบล]\nobjectives:\n  - เพื่อรับฟังความคิดเห็น\n  - เพื่อจัดลำดับโครงการ\nvenue: [ศาลาประชาคมหมู่ที่ 1, ศาลาประชาคมหมู่ที่ 5]\nattendees:\n  - role: ประชาชน\n    count: 12\n";
    let s = TestSite::new().meeting("2567/new.md", &report("ประชุมประชาคม", "2567-01-15", front)).meeting(
        "2567/organizer.md",
        &report(
            "ประชุมอีกครั้ง",
            "2567-02-15",
            "venue: ห้องประชุม\norganizers: อำเภอ\nnumber: ครั้งที่ 3\nattendees_total: 9\n",
        ),
    );
    assert_eq!(checked(&s, &[]), []);
    assert_eq!(s.build().code, 0);
    let page = s.page("public/2567/new/index.html");
    assert_eq!(text(&page, "h1"), "ประชุมประชาคม ครั้งที่ 2/2567");
    let shown = facts(&page);
    for want in [
        "สถานที่: ศาลาประชาคมหมู่ที่ 1 ศาลาประชาคมหมู่ที่ 5",
        "ร่วมกับ: สำนักงานเกษตรอำเภอ, โรงพยาบาลส่งเสริมสุขภาพตำบล",
        "ประธาน: นายสมชาย ใจดี นายกองค์การบริหารส่วนตำบล",
    ] {
        assert!(shown.contains(&want.to_string()), "{want}: {shown:?}");
    }
    assert_eq!(texts(&page, ".facts ul.venues li"), ["ศาลาประชาคมหมู่ที่ 1", "ศาลาประชาคมหมู่ที่ 5"]);
    assert_eq!(texts(&page, "ol.objectives li"), ["เพื่อรับฟังความคิดเห็น", "เพื่อจัดลำดับโครงการ"]);
    let h2 = texts(&page, "h2");
    assert_eq!(h2[..2], ["วัตถุประสงค์", "ประเด็น/เรื่องในการมีส่วนร่วม"], "objectives before the topics");
    let other = s.page("public/2567/organizer/index.html");
    assert_eq!(text(&other, "h1"), "ประชุมอีกครั้ง ครั้งที่ 3");
    assert!(facts(&other).contains(&"ร่วมกับ: อำเภอ".to_string()), "{:?}", facts(&other));

    // the year list shows the places on one line
    let year = s.page("public/2567/index.html");
    assert_eq!(texts(&year, ".meetings-table td.col-venue")[0], "ศาลาประชาคมหมู่ที่ 1, ศาลาประชาคมหมู่ที่ 5");

    let json = meetings_json(&s);
    let m = &json[0];
    assert_eq!(m["number"], "2/2567");
    assert_eq!(m["chair"], "นายสมชาย ใจดี นายกองค์การบริหารส่วนตำบล");
    assert_eq!(m["organizers"], serde_json::json!(["สำนักงานเกษตรอำเภอ", "โรงพยาบาลส่งเสริมสุขภาพตำบล"]));
    assert_eq!(m["objectives"], serde_json::json!(["เพื่อรับฟังความคิดเห็น", "เพื่อจัดลำดับโครงการ"]));
    assert_eq!(m["venue"], "ศาลาประชาคมหมู่ที่ 1, ศาลาประชาคมหมู่ที่ 5");
    assert_eq!(m["venues"], serde_json::json!(["ศาลาประชาคมหมู่ที่ 1", "ศาลาประชาคมหมู่ที่ 5"]));
    assert_eq!(json[1]["venue"], "ห้องประชุม");
    assert!(
        json[1].get("venues").is_none()
            && json[1].get("chair").is_none()
            && json[1].get("objectives").is_none()
    );
}

#[test]
fn a_number_already_in_the_title_is_not_shown_twice() {
    let s = TestSite::new().meeting(
        "2567/a.md",
        &report("ประชุมสภา ครั้งที่ 2/2567", "2567-01-15", "venue: ห้อง\nnumber: 2/2567\nattendees_total: 5\n"),
    );
    assert_eq!(s.build().code, 0);
    assert_eq!(text(&s.page("public/2567/a/index.html"), "h1"), "ประชุมสภา ครั้งที่ 2/2567");
}

#[test]
fn a_meeting_without_venue_is_a_warning_and_the_page_says_so() {
    let s = TestSite::new()
        .meeting("2567/none.md", &report("ประชุม", "2567-01-15", "attendees_total: 5\n"))
        .meeting("2567/blank.md", &report("ประชุมสอง", "2567-01-16", "venue:\nattendees_total: 5\n"));
    let d = diagnostics_json(&s);
    let got: Vec<(&str, &str, u64)> = d
        .iter()
        .map(|d| (d["code"].as_str().unwrap(), d["file"].as_str().unwrap(), d["line"].as_u64().unwrap()))
        .collect();
    assert_eq!(got, [("PS0120", "content/2567/blank.md", 5), ("PS0120", "content/2567/none.md", 2)]);
    assert!(d.iter().all(|d| d["severity"] == "warning"));
    let r = s.build();
    assert_eq!(r.code, 0, "{}", r.stderr);
    let page = s.page("public/2567/none/index.html");
    assert!(facts(&page).contains(&"สถานที่: ไม่ระบุสถานที่".to_string()), "{:?}", facts(&page));
    let year = s.page("public/2567/index.html");
    assert_eq!(texts(&year, ".meetings-table tbody td.col-venue"), ["ไม่ระบุสถานที่", "ไม่ระบุสถานที่"]);
    assert_eq!(meetings_json(&s)[0]["venue"], serde_json::Value::Null);
    let feed = s.read("public/feed.xml");
    assert!(!feed.contains(" ณ <") && !feed.contains(" ณ </summary>"), "{feed}");
}

#[test]
fn a_role_in_no_group_names_the_closest_group_role() {
    let front = "venue: ห้อง\nattendees:\n  - role: ประชาชม\n    count: 58\n  - role: ประชาชม\n    count: 2\n  - role: เจ้าหน้าที่ป่าไม้\n  - role: นายก\n    count: 1\n";
    let s = TestSite::new().meeting("2567/a.md", &report("ประชุม", "2567-01-15", front));
    let d = diagnostics_json(&s);
    let ours: Vec<&serde_json::Value> = d.iter().filter(|d| d["code"] == "PS0304").collect();
    assert_eq!(ours.len(), 2, "once per role per meeting: {d:?}");
    assert_eq!((ours[0]["line"].as_u64(), ours[0]["severity"].as_str()), (Some(7), Some("warning")));
    assert!(ours[0]["message"].as_str().unwrap().contains("หมายถึง ประชาชน หรือไม่"), "{}", ours[0]["message"]);
    assert_eq!(ours[1]["line"], 11);
    let far = ours[1]["message"].as_str().unwrap();
    assert!(
        far.contains("เจ้าหน้าที่ป่าไม้") && !far.contains("หมายถึง") && far.contains("ผู้บริหาร, บุคคลภายนอก"),
        "{far}"
    );
    // only PS0304 and the duplicate role
    assert!(d.iter().all(|d| d["code"] == "PS0304" || d["code"] == "PS0302"), "{d:?}");
    // white space does not make a role another one
    s.write(
        "content/2567/a.md",
        &report("ประชุม", "2567-01-15", "venue: ห้อง\nattendees:\n  - role: ประชา ชน\n    count: 5\n"),
    );
    assert_eq!(checked(&s, &[]), []);
    // without role_groups, nothing to say
    let bare = TestSite::new().meeting("2567/a.md", &report("ประชุม", "2567-01-15", front));
    bare.write("site.yaml", "title: t\norganization: อบต.\nbase_url: https://x.go.th/\n");
    assert!(checked(&bare, &[]).iter().all(|c| c.0 != "PS0304"));
    // Long roles of one office share most of their letters: the council's members are not
    // "the mayor, misspelt", while a letter left out of the mayor still is.
    let long = "venue: ห้อง\nattendees:\n  - role: สมาชิกสภาองค์การบริหารส่วนตำบล\n    count: 12\n  - role: นายกองค์การบริหารส่วนตำบ\n    count: 1\n";
    let s = TestSite::new().meeting("2567/a.md", &report("ประชุม", "2567-01-15", long));
    s.write(
        "site.yaml",
        "title: t\norganization: อบต.\nbase_url: https://x.go.th/\nrole_groups:\n  - name: ผู้บริหาร\n    roles: [นายกองค์การบริหารส่วนตำบล]\n",
    );
    let d = diagnostics_json(&s);
    let said: Vec<&str> =
        d.iter().filter(|d| d["code"] == "PS0304").map(|d| d["message"].as_str().unwrap()).collect();
    assert_eq!(said.len(), 2, "{d:?}");
    assert!(said[0].contains("สมาชิกสภา") && !said[0].contains("หมายถึง"), "{}", said[0]);
    assert!(said[1].contains("หมายถึง นายกองค์การบริหารส่วนตำบล หรือไม่"), "{}", said[1]);
}

#[test]
fn the_example_site_has_a_report_written_like_a_real_one_and_checks_clean() {
    let root = env!("CARGO_MANIFEST_DIR");
    let r = run(&["check", "--root", root]);
    assert_eq!((r.code, r.diagnostics()), (0, vec![]), "{}", r.stderr);
    let out = tempfile::tempdir().unwrap();
    let r = run(&["build", "--root", root, "--output", out.path().to_str().unwrap()]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let html = std::fs::read_to_string(out.path().join("2568/village-forums-2568/index.html")).unwrap();
    let page = scraper::Html::parse_document(&html);
    assert!(texts(&page, ".facts ul.venues li").len() >= 2);
    assert!(texts(&page, ".attendees-table tbody td").iter().any(|c| c == "ไม่ระบุจำนวน"));
    assert!(!texts(&page, "ol.objectives li").is_empty());
    assert!(facts(&page).iter().any(|f| f.starts_with("ประธาน: ")));
}
