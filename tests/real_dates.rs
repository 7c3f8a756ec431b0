//! Dates and times as real reports write them: the words before a date (เมื่อวันที่ …),
//! dd/mm/yyyy, meetings over several days, times YAML would read as numbers, a typed year
//! far in the future, and what an unreadable date says.

mod support;
use support::*;

/// A complete meeting (all four ITA elements) whose front matter has `lines` (each ending
/// in a newline) where the date and time go.
fn meeting_with(title: &str, lines: &str) -> String {
    format!(
        "---\ntitle: {title}\n{lines}venue: ห้องประชุม\ntopics:\n  - แผนพัฒนา\nattendees_total: 12\n---\n\n## ผลจากการมีส่วนร่วม\n\nผล\n\n## การนำผลของการมีส่วนร่วมไปปรับปรุงพัฒนาการดำเนินงาน\n\nนำไปใช้\n"
    )
}

fn dated(title: &str, date: &str) -> String {
    meeting_with(title, &format!("date: {date}\n"))
}

/// The binary on `site` with `args`, on the day `today` (as `PRONGSAI_TODAY`).
fn run_on(site: &TestSite, today: &str, args: &[&str]) -> Run {
    let root = site.root().to_str().unwrap().to_string();
    let mut all: Vec<&str> = args.to_vec();
    all.extend(["--root", &root]);
    std::process::Command::new(bin()).args(&all).env("PRONGSAI_TODAY", today).output().unwrap().into()
}

/// `check --format json` on `today`: each diagnostic as (severity, code, message).
fn check(site: &TestSite, today: &str) -> Vec<(String, String, String)> {
    let r = run_on(site, today, &["check", "--format", "json"]);
    let v: serde_json::Value =
        serde_json::from_str(&r.stdout).unwrap_or_else(|e| panic!("{e}: {}", r.stdout));
    v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            let s = |k: &str| d[k].as_str().unwrap_or_default().to_string();
            (s("severity"), s("code"), s("message"))
        })
        .collect()
}

const TODAY: &str = "2568-01-15";

#[test]
fn dates_with_the_words_reports_put_before_them() {
    let forms = [
        ("a", "เมื่อวันที่ 23 มกราคม 2566", "23 มกราคม 2566", 2566),
        ("b", "ในวันที่ 24 ม.ค. 2566", "24 มกราคม 2566", 2566),
        ("c", "เมื่อวันจันทร์ที่ 16 ตุลาคม 2566", "16 ตุลาคม 2566", 2567),
        ("d", "เมื่อ 20 ต.ค. 66", "20 ตุลาคม 2566", 2567),
        ("e", "ใน 21 ตุลาคม 2566", "21 ตุลาคม 2566", 2567),
        ("f", "เมื่อวันที่ 22 เดือนตุลาคม พ.ศ. 2566", "22 ตุลาคม 2566", 2567),
        ("g", "เมื่อวันที่ ๒๓ ตุลาคม ๒๕๖๖", "23 ตุลาคม 2566", 2567),
        ("h", "16/05/2568", "16 พฤษภาคม 2568", 2568),
        ("i", "17/05/68", "17 พฤษภาคม 2568", 2568),
        ("j", "18-05-2568", "18 พฤษภาคม 2568", 2568),
        ("k", "วันที่ 19/05/2568", "19 พฤษภาคม 2568", 2568),
        ("l", "\"๒๐/๐๕/๒๕๖๘\"", "20 พฤษภาคม 2568", 2568),
    ];
    let mut s = TestSite::new();
    for (slug, date, _, _) in forms {
        s = s.meeting(&format!("x/{slug}.md"), &dated(&format!("ประชุม {slug}"), date));
    }
    let r = run_on(&s, "2568-06-01", &["build"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.diagnostics().is_empty(), "{:?}", r.diagnostics());
    for (slug, _, shown, fy) in forms {
        let page = s.page(&format!("public/{fy}/{slug}/index.html"));
        assert_eq!(text(&page, ".facts time"), shown, "{slug}");
    }
}

#[test]
fn a_weekday_written_with_the_date_is_still_checked() {
    let s = TestSite::new().meeting("x/a.md", &dated("ประชุม", "เมื่อวันอังคารที่ 16 ตุลาคม 2566"));
    let d = check(&s, TODAY);
    assert_eq!(d.len(), 1, "{d:?}");
    assert_eq!((d[0].0.as_str(), d[0].1.as_str()), ("error", "PS0204"));
    assert!(d[0].2.contains("วันที่นี้ตรงกับวันจันทร์ ไม่ใช่วันอังคาร"), "{}", d[0].2);
}

#[test]
fn meetings_over_several_days_are_shown_as_ranges() {
    let s = TestSite::new()
        .meeting("x/same-month.md", &dated("ประชุมสามวัน", "20-22 ต.ค. 2563"))
        .meeting("x/across-months.md", &dated("ประชุมข้ามเดือน", "เมื่อวันที่ 30 ก.ย. - 2 ต.ค. 2563"))
        .meeting("x/across-years.md", &dated("ประชุมข้ามปี", "28 ธ.ค. 2566 - 3 ม.ค. 2567"))
        .meeting(
            "x/with-end.md",
            &meeting_with("ประชุมมีวันสิ้นสุด", "date: 2564-03-01\ndate_end: วันที่ 3 มีนาคม 2564\n"),
        )
        .meeting("x/spaced.md", &dated("ประชุมเว้นวรรค", "ระหว่างวันที่ 20 - 22 พฤศจิกายน 2563"))
        .meeting("x/one-day.md", &dated("ประชุมวันเดียว", "2563-12-01"));
    let r = run_on(&s, TODAY, &["build"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.diagnostics().is_empty(), "{:?}", r.diagnostics());

    // The meeting pages.
    for (path, shown) in [
        ("2564/same-month", "20–22 ตุลาคม 2563"),
        ("2563/across-months", "30 กันยายน – 2 ตุลาคม 2563"),
        ("2567/across-years", "28 ธันวาคม 2566 – 3 มกราคม 2567"),
        ("2564/with-end", "1–3 มีนาคม 2564"),
        ("2564/spaced", "20–22 พฤศจิกายน 2563"),
        ("2564/one-day", "1 ธันวาคม 2563"),
    ] {
        let page = s.page(&format!("public/{path}/index.html"));
        assert_eq!(text(&page, ".facts time"), shown, "{path}");
    }
    let page = s.page("public/2564/same-month/index.html");
    assert_eq!(attrs(&page, ".facts time", "datetime"), ["2020-10-20"]);

    // The year's list, in short month names, in date order.
    let year = s.page("public/2564/index.html");
    assert_eq!(
        texts(&year, "td.col-date time"),
        ["20–22 ต.ค. 2563", "20–22 พ.ย. 2563", "1 ธ.ค. 2563", "1–3 มี.ค. 2564"]
    );
    // The home page's latest meetings.
    let home = s.page("public/index.html");
    let latest = texts(&home, ".meeting-list time");
    for shown in ["28 ธันวาคม 2566 – 3 มกราคม 2567", "1–3 มีนาคม 2564", "20–22 ตุลาคม 2563"]
    {
        assert!(latest.iter().any(|t| t == shown), "{shown} not in {latest:?}");
    }

    // The data file: date_end only where there is one.
    let json: serde_json::Value = serde_json::from_str(&s.read("public/data/meetings.json")).unwrap();
    let by_slug =
        |slug: &str| json["meetings"].as_array().unwrap().iter().find(|m| m["slug"] == slug).unwrap().clone();
    assert_eq!(by_slug("across-months")["date"], "2020-09-30");
    assert_eq!(by_slug("across-months")["date_end"], "2020-10-02");
    assert_eq!(by_slug("with-end")["date_end"], "2021-03-03");
    assert!(by_slug("one-day").get("date_end").is_none());
    assert!(!s.read("public/data/meetings.json").contains("\"date_end\": null"));
}

#[test]
fn a_range_is_filed_under_the_fiscal_year_of_its_first_day() {
    // 30 September is the last day of fiscal year 2563; 2 October is in 2564.
    let s = TestSite::new().meeting("x/a.md", &dated("ประชุมข้ามปีงบประมาณ", "30 ก.ย. - 2 ต.ค. 2563"));
    let r = run_on(&s, TODAY, &["build"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(s.path("public/2563/a/index.html").exists());
    assert!(!s.path("public/2564").exists());
    let year = s.page("public/2563/index.html");
    assert_eq!(texts(&year, "td.col-date time"), ["30 ก.ย. – 2 ต.ค. 2563"]);
    // A fiscal_year given is checked against the first day.
    let s = TestSite::new()
        .meeting("x/a.md", &meeting_with("ประชุม", "date: 30 ก.ย. - 2 ต.ค. 2563\nfiscal_year: 2564\n"));
    let d = check(&s, TODAY);
    assert_eq!(d.iter().map(|x| x.1.as_str()).collect::<Vec<_>>(), ["PS0206"], "{d:?}");
}

#[test]
fn a_last_day_before_the_first_is_an_error() {
    let s = TestSite::new()
        .meeting("x/a.md", &dated("ก", "22-20 ต.ค. 2563"))
        .meeting("x/b.md", &meeting_with("ข", "date: 2563-10-22\ndate_end: 2563-10-20\n"))
        .meeting("x/c.md", &meeting_with("ค", "date: 20-22 ต.ค. 2563\ndate_end: 2563-10-23\n"));
    let d = check(&s, TODAY);
    let got: Vec<(&str, &str)> = d.iter().map(|x| (x.0.as_str(), x.1.as_str())).collect();
    assert_eq!(got, [("error", "PS0211"), ("error", "PS0211"), ("error", "PS0218")], "{d:?}");
    assert!(d[0].2.contains("วันสุดท้าย (20 ตุลาคม 2563) มาก่อนวันแรก (22 ตุลาคม 2563)"), "{}", d[0].2);
    assert!(d[1].2.starts_with("date_end:"), "{}", d[1].2);
    let r = run_on(&s, TODAY, &["build"]);
    assert_ne!(r.code, 0);
    assert!(r.stderr.contains("x/b.md:4:11:"), "the line of date_end: {}", r.stderr);
}

#[test]
fn a_typed_year_far_ahead_is_an_error_a_near_future_date_a_warning() {
    let s = TestSite::new()
        // Later this fiscal year (2568), and in the next (2569): not done yet, warned.
        .meeting("x/soon.md", &dated("ประชุมที่จะจัด", "2568-03-01"))
        .meeting("x/next-year.md", &dated("ประชุมปีหน้า", "2568-12-01"));
    let d = check(&s, TODAY);
    let got: Vec<(&str, &str)> = d.iter().map(|x| (x.0.as_str(), x.1.as_str())).collect();
    assert_eq!(got, [("warning", "PS0207"), ("warning", "PS0207")], "{d:?}");
    assert_eq!(run_on(&s, TODAY, &["build"]).code, 0);

    // 2658 for 2568, and a day of fiscal year 2570: errors, and nothing is built.
    let s = TestSite::new()
        .meeting("x/typo.md", &dated("ประชุมพิมพ์ปีผิด", "20 ต.ค. 2658"))
        .meeting("x/far.md", &dated("ประชุมปีถัดไปอีก", "2569-10-01"))
        .meeting("x/end.md", &dated("ประชุมวันสิ้นสุดพิมพ์ผิด", "28 ธ.ค. 2567 - 3 ม.ค. 2658"));
    let d = check(&s, TODAY);
    let got: Vec<(&str, &str)> = d.iter().map(|x| (x.0.as_str(), x.1.as_str())).collect();
    assert_eq!(got, [("error", "PS0212"), ("error", "PS0212"), ("error", "PS0212")], "{d:?}");
    let typo = d.iter().find(|x| x.2.contains("20 ตุลาคม 2658")).expect("the typo");
    assert!(typo.2.contains("พิมพ์ 2658 แทน 2568 หรือไม่"), "{}", typo.2);
    let r = run_on(&s, TODAY, &["build"]);
    assert_ne!(r.code, 0);
    assert!(!s.path("public").exists());
    assert!(r.stderr.contains("content/x/typo.md:3:"), "at the date's line: {}", r.stderr);
}

#[test]
fn an_unreadable_date_says_which_form_it_looked_like() {
    let cases = [
        ("a", "17/13/2567", "PS0213", "dd/mm/yyyy"),
        ("b", "05/17/2567", "PS0213", "17/05/2567"),
        ("c", "2567/10/20", "PS0213", "2567-10-20"),
        ("d", "16-05-68", "PS0214", "16/05/68"),
        ("e", "20 October 2023", "PS0215", "20 ตุลาคม 2566"),
        ("f", "20 ตุลา 2566", "PS0216", "ตุลาคม"),
        ("g", "20 ตุลาคม", "PS0217", "ปี พ.ศ."),
        ("h", "เมื่อวันที่ยี่สิบ", "PS0201", "20 ตุลาคม 2566"),
        ("i", "31/04/2567", "PS0203", "ไม่มีวันที่ 31 เมษายน 2567"),
    ];
    let mut s = TestSite::new();
    for (slug, date, _, _) in cases {
        s = s.meeting(&format!("x/{slug}.md"), &dated("ประชุม", date));
    }
    let d = check(&s, TODAY);
    assert_eq!(d.len(), cases.len(), "{d:?}");
    for ((_, date, code, hint), (severity, got, message)) in cases.iter().zip(&d) {
        assert_eq!((severity.as_str(), got.as_str()), ("error", *code), "{date}: {message}");
        assert!(message.starts_with(&format!("date: \"{date}\": ")), "{message}");
        assert!(message.contains(hint), "{date}: {message}");
    }
}

#[test]
fn time_is_read_as_written() {
    let cases = [
        ("a", "9.30", "09.30 น.", "09:30"),
        ("b", "09.00", "09.00 น.", "09:00"),
        ("c", "13:30", "13.30 น.", "13:30"),
        ("d", "\"09:30\"", "09.30 น.", "09:30"),
        ("e", "9.30 น.", "09.30 น.", "09:30"),
        ("f", "เวลา 09.30 น.", "09.30 น.", "09:30"),
        ("g", "13.00-16.30 น.", "13.00–16.30 น.", "13:00"),
        ("h", "10.05 # a comment", "10.05 น.", "10:05"),
    ];
    let mut s = TestSite::new();
    for (slug, time, _, _) in cases {
        s = s.meeting(
            &format!("x/{slug}.md"),
            &meeting_with("ประชุม", &format!("date: 2567-01-15\ntime: {time}\n")),
        );
    }
    let r = run_on(&s, TODAY, &["build"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.diagnostics().is_empty(), "{:?}", r.diagnostics());
    let json: serde_json::Value = serde_json::from_str(&s.read("public/data/meetings.json")).unwrap();
    for (slug, _, shown, iso) in cases {
        let page = s.page(&format!("public/2567/{slug}/index.html"));
        let facts = texts(&page, ".facts dd");
        assert!(facts.iter().any(|f| f == shown), "{slug}: {facts:?}");
        let m = json["meetings"].as_array().unwrap().iter().find(|m| m["slug"] == slug).unwrap();
        assert_eq!(m["time"], iso, "{slug}");
    }
    let g = json["meetings"].as_array().unwrap().iter().find(|m| m["slug"] == "g").unwrap();
    assert_eq!(g["time_end"], "16:30");
    let year = s.page("public/2567/index.html");
    assert!(texts(&year, "td.col-date .time").iter().any(|t| t == "13.00–16.30 น."));
}

#[test]
fn a_bad_time_is_reported_as_written() {
    let s = TestSite::new()
        .meeting("x/a.md", &meeting_with("ก", "date: 2567-01-15\ntime: 25.30\n"))
        .meeting("x/b.md", &meeting_with("ข", "date: 2567-01-15\ntime: 16.30-13.00\n"))
        .meeting("x/c.md", &meeting_with("ค", "date: 2567-01-15\ntime: 9.3\n"));
    let d = check(&s, TODAY);
    let got: Vec<(&str, &str)> = d.iter().map(|x| (x.0.as_str(), x.1.as_str())).collect();
    assert_eq!(got, [("error", "PS0205"); 3], "{d:?}");
    assert!(d[0].2.contains("\"25.30\""), "{}", d[0].2);
    assert!(d[1].2.contains("\"16.30-13.00\""), "{}", d[1].2);
    // Only where 9.3 is what was written.
    assert!(d[2].2.contains("\"9.3\""), "{}", d[2].2);
}

#[test]
fn today_comes_from_prongsai_today() {
    let s = TestSite::new().meeting("x/a.md", &dated("ประชุม", "2568-03-01"));
    assert!(check(&s, "2568-03-01").is_empty());
    let d = check(&s, "2568-02-28");
    assert_eq!(d.len(), 1, "{d:?}");
    assert_eq!(d[0].1, "PS0207");
}

/// 2026-09-30T17:30Z: 00:30 on 1 October 2569 B.E. in Bangkok, the first day of fiscal
/// year 2570, while it is still 30 September in UTC.
const BANGKOK_NEW_YEAR: &str = "@2026-09-30 17:30:00";

/// The binary with `args`, the system clock set by `faketime` to `at` (UTC), and no
/// `PRONGSAI_TODAY`: "today" from the clock alone.
fn run_at_clock(at: &str, args: &[&str]) -> Run {
    let faketime = need_program(&["faketime"], "apt-get install -y faketime");
    let mut cmd = std::process::Command::new(faketime);
    cmd.args(["-f", at]).arg(bin()).args(args);
    // faketime reads `at` in TZ; the program must not care about TZ at all.
    cmd.env("TZ", "UTC").env("FAKETIME_DONT_FAKE_MONOTONIC", "1").env_remove("PRONGSAI_TODAY");
    cmd.output().unwrap().into()
}

#[test]
fn today_is_the_date_in_thailand_by_the_clock() {
    // init's example meeting is dated today: 1 October 2569, in fiscal year 2570's folder.
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("site");
    let r = run_at_clock(BANGKOK_NEW_YEAR, &["init", site.to_str().unwrap()]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let example = site.join("content/2570/2569-10-01-first-meeting.md");
    assert!(example.is_file(), "{}", r.stderr);
    assert!(
        !site.join("content/2569").read_dir().unwrap().any(|e| e
            .unwrap()
            .path()
            .extension()
            .is_some_and(|x| x == "md"))
    );

    // A meeting of 1 October 2569 is not in the future; one of the 2nd is (so the clock
    // really is the one faketime set, not the machine's).
    let s = TestSite::new()
        .meeting("2570/a.md", &dated("ประชุมวันแรกของปีงบประมาณ", "1 ตุลาคม 2569"))
        .meeting("2570/b.md", &dated("ประชุมวันถัดไป", "2 ตุลาคม 2569"));
    let root = s.root().to_str().unwrap();
    let r = run_at_clock(BANGKOK_NEW_YEAR, &["check", "--format", "json", "--root", root]);
    let found: Vec<(String, String)> =
        json_diagnostics(&r.stdout).into_iter().map(|d| (d.file, d.code)).collect();
    assert_eq!(found, [("content/2570/b.md".to_string(), "PS0207".to_string())], "{}", r.stderr);
}

#[test]
fn init_takes_today_from_prongsai_today_too() {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("site");
    let r: Run = std::process::Command::new(bin())
        .args(["init", site.to_str().unwrap()])
        .env("PRONGSAI_TODAY", "2569-10-01")
        .output()
        .unwrap()
        .into();
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(site.join("content/2570/2569-10-01-first-meeting.md").is_file());
}

#[test]
fn the_example_meeting_written_as_reports_are_builds_clean() {
    let root = env!("CARGO_MANIFEST_DIR");
    const FILE: &str = "content/2568/2568-01-20-forest-fire-2568.md";
    let source = std::fs::read_to_string(format!("{root}/{FILE}")).unwrap();
    assert!(source.contains("\ndate: เมื่อวันจันทร์ที่ 20 มกราคม 2568\n") && source.contains("\ntime: 9.30\n"));
    let r = run(&["check", "--root", root, "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    let about: Vec<&serde_json::Value> =
        v["diagnostics"].as_array().unwrap().iter().filter(|d| d["file"] == FILE).collect();
    assert!(about.is_empty(), "{about:?}");
    let out = tempfile::tempdir().unwrap();
    let r = run(&["build", "--root", root, "--output", out.path().to_str().unwrap()]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let page = scraper::Html::parse_document(
        &std::fs::read_to_string(out.path().join("2568/forest-fire-2568/index.html")).unwrap(),
    );
    assert_eq!(text(&page, ".facts time"), "20 มกราคม 2568");
    assert!(texts(&page, ".facts dd").iter().any(|t| t == "09.30 น."));
    assert!(texts(&page, ".facts dd").iter().any(|t| t == "86 คน"));
}
