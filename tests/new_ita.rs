//! `prongsai new --ita`: the disclosure page skeleton of one OIT item, written where
//! `check`'s PS0509 says the page is missing, from the site's registries (an `ita/<year>.yaml`
//! item too). The real binary on small sites.

mod support;
use std::process::Command;
use support::*;

/// A day in fiscal year 2570: the current assessment year is 2569.
const TODAY: &str = "2026-11-01";

fn run_at(site: &TestSite, args: &[&str]) -> Run {
    let root = site.root().to_str().unwrap().to_string();
    let mut all: Vec<&str> = args.to_vec();
    all.extend(["--root", &root]);
    Command::new(bin()).env("PRONGSAI_TODAY", TODAY).args(&all).output().unwrap().into()
}

fn code_of_key(year: i32, key: &str) -> String {
    let r = &prongsai::load::registry::shipped()[&year];
    r.items.iter().find(|i| i.key == key).unwrap_or_else(|| panic!("no {key} in {year}")).code.clone()
}

/// A site with one disclosure page (structure): `check` names each missing item only on
/// a site that has begun its OIT pages.
fn site() -> TestSite {
    let code = code_of_key(2569, "structure");
    TestSite::new().meeting(
        &format!("2569/ita/{}.md", code.to_lowercase()),
        &format!("---\ntitle: โครงสร้าง\nita_item: {code}\n---\nแผนผัง\n"),
    )
}

/// The dashboard row of `code` on `/ita/<fy>/`: (status, link).
fn row(site: &TestSite, fy: i32, code: &str) -> Option<(String, String)> {
    let doc = site.page(&format!("public/ita/{fy}/index.html"));
    let sel = |s: &str| scraper::Selector::parse(s).unwrap();
    doc.select(&sel("table.oit-table tbody tr")).find_map(|tr| {
        let cell = |css: &str| tr.select(&sel(css)).next().map(|e| collapse(&e.text().collect::<String>()));
        (cell("td.code")? == code).then(|| {
            let href = tr.select(&sel("a.submit-url")).next().and_then(|a| a.value().attr("href"));
            (cell(".status").unwrap_or_default(), href.unwrap_or("").to_string())
        })
    })
}

/// Whether the dashboard row of `code` on `/ita/<fy>/` is marked ฉบับร่าง.
fn row_marked_draft(site: &TestSite, fy: i32, code: &str) -> bool {
    let doc = site.page(&format!("public/ita/{fy}/index.html"));
    let sel = |s: &str| scraper::Selector::parse(s).unwrap();
    doc.select(&sel("table.oit-table tbody tr"))
        .find(|tr| {
            tr.select(&sel("td.code")).next().is_some_and(|c| collapse(&c.text().collect::<String>()) == code)
        })
        .is_some_and(|tr| tr.select(&sel(".tag-draft")).any(|t| t.text().collect::<String>().contains("ร่าง")))
}

/// The file PS0509 of `check` asks for, for item `code`.
fn path_check_names(site: &TestSite, code: &str) -> String {
    let r = run_at(site, &["check"]);
    let line = r
        .diagnostics()
        .into_iter()
        .find(|l| l.ends_with("[PS0509]") && l.contains(&format!("รายการ {code} ")))
        .unwrap_or_else(|| panic!("no PS0509 for {code}: {}", r.stderr))
        .to_string();
    line.split_whitespace()
        .find(|w| w.starts_with("content/") && w.ends_with(".md"))
        .expect("a path")
        .to_string()
}

#[test]
fn new_ita_writes_the_page_check_asks_for_and_it_builds_as_incomplete_until_filled() {
    let code = code_of_key(2569, "strategic-plan");
    let item = prongsai::load::registry::shipped()[&2569].item(&code).unwrap().clone();
    let s = site();
    let wanted = path_check_names(&s, &code);

    let r = run_at(&s, &["new", "--ita", &code.to_lowercase()]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(std::path::PathBuf::from(r.stdout.trim()), s.path(&wanted), "stdout is the path, alone");
    assert!(r.stderr.contains(&code) && r.stderr.contains("draft"), "{}", r.stderr);
    let file = s.read(&wanted);
    let parsed =
        prongsai::load::parse_disclosure_text(&wanted, &file, &mut prongsai::diagnostics::Diagnostics::new())
            .expect("the page parses");
    assert_eq!(
        (parsed.title.as_str(), parsed.code.as_str(), parsed.fiscal_year, parsed.draft),
        (item.name.as_str(), code.as_str(), Some(2569), true)
    );
    assert_eq!(parsed.description.as_deref(), Some(item.requires.as_str()));
    assert!(parsed.body.trim().is_empty(), "nothing that would show on the page: {:?}", parsed.body);
    assert!(file.contains(&format!("# รายการนี้ต้องแสดง: {}", item.requires)), "{file}");

    // a draft: check without --drafts still misses the item; with --drafts the page is
    // there and ไม่ครบ (PS0510 at its body), no error
    assert!(run_at(&s, &["check"]).diagnostics().iter().any(|l| l.contains(&wanted)));
    let r = run_at(&s, &["check", "--drafts"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        !r.diagnostics().iter().any(|l| l.ends_with("[PS0509]") && l.contains(&format!("รายการ {code} ")))
    );
    assert_eq!(r.codes_at(&wanted, None), ["PS0510"], "{}", r.stderr);
    let r = run_at(&s, &["build", "--drafts"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let lower = code.to_lowercase();
    assert_eq!(row(&s, 2569, &code), Some(("ไม่ครบ".into(), format!("/ita/ita/2569/{lower}/"))));
    assert!(row_marked_draft(&s, 2569, &code), "the dashboard says the page is a draft");
    let page = s.page(&format!("public/ita/2569/{lower}/index.html"));
    assert_eq!(text(&page, "h1"), item.name);
    let shown = collapse(&page.root_element().text().collect::<String>());
    assert!(!shown.contains("ใต้เส้น") && !shown.contains("draft:"), "the YAML comments stay unseen");

    // text under the front matter makes it มีแล้ว; published, it is on the plain build too
    s.write(
        &wanted,
        &format!("{}แผนพัฒนาท้องถิ่น พ.ศ. 2566-2570\n", file.replace("draft: true", "draft: false")),
    );
    let r = run_at(&s, &["build"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.codes_at(&wanted, None).is_empty(), "{}", r.stderr);
    assert_eq!(row(&s, 2569, &code).unwrap().0, "มีแล้ว");
    assert!(!row_marked_draft(&s, 2569, &code));

    // never over a page that exists
    let r = run_at(&s, &["new", "--ita", &code]);
    assert_eq!((r.code, r.stdout.as_str()), (2, ""), "{}", r.stderr);
    assert!(r.stderr.contains("อยู่แล้ว") && r.stderr.contains("ไม่เขียนทับ"), "{}", r.stderr);
    assert!(s.read(&wanted).contains("แผนพัฒนาท้องถิ่น พ.ศ. 2566-2570"));
}

#[test]
fn unknown_codes_years_and_the_participation_item_are_said_and_nothing_is_written() {
    let s = TestSite::new();
    let r = run_at(&s, &["new", "--ita", "O99"]);
    assert_eq!((r.code, r.stdout.as_str()), (2, ""), "{}", r.stderr);
    let first = code_of_key(2569, "structure");
    assert!(
        r.stderr.contains("O99") && r.stderr.contains("2569") && r.stderr.contains(&first),
        "{}",
        r.stderr
    );
    let r = run_at(&s, &["new", "--ita", "ห้า"]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(r.stderr.contains("O ตามด้วยตัวเลข"), "{}", r.stderr);
    let r = run_at(&s, &["new", "--ita", &first, "--year", "2600"]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(
        r.stderr.contains("ไม่มีรายการ ITA ของปี 2600") && r.stderr.contains("ita/2600.yaml"),
        "{}",
        r.stderr
    );

    let participation = code_of_key(2569, "participation");
    let r = run_at(&s, &["new", "--ita", &participation]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(
        r.stderr.contains("การประชุม") && r.stderr.contains("prongsai new \"ชื่อการประชุม\" --date"),
        "{}",
        r.stderr
    );
    assert!(!s.path("content").exists(), "nothing written");

    // --ita with meeting arguments, and --year without --ita, are usage mistakes
    assert_eq!(run_at(&s, &["new", "--ita", &first, "--date", "2569-01-01"]).code, 2);
    assert_eq!(run_at(&s, &["new", "--year", "2569"]).code, 2);
    let help = run_at(&s, &["new", "--help"]);
    assert!(help.stdout.contains("--ita <รหัส>") && help.stdout.contains("--year <YEAR>"), "{}", help.stdout);
}

#[test]
fn a_year_and_an_item_of_the_sites_own_registry() {
    let s = site();
    s.write("ita/2569.yaml", "year: 2569\nitems:\n  - code: O2\n    key: executives\n    name: ข้อมูลผู้บริหาร\n    requires: ชื่อ รูปถ่าย และช่องทางติดต่อผู้บริหาร\n");
    let wanted = path_check_names(&s, "O2");
    let r = run_at(&s, &["new", "--ita", "O2"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(std::path::PathBuf::from(r.stdout.trim()), s.path(&wanted));
    let text = s.read(&wanted);
    assert!(
        text.contains("title: \"ข้อมูลผู้บริหาร\"") && text.contains("ชื่อ รูปถ่าย และช่องทางติดต่อผู้บริหาร"),
        "{text}"
    );
    let r = run_at(&s, &["build", "--drafts"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(row(&s, 2569, "O2").unwrap().0, "ไม่ครบ");

    // an earlier year by --year; the path follows the year
    let old = code_of_key(2568, "structure");
    let r = run_at(&s, &["new", "--ita", &old, "--year", "2568"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let want = s.path(&prongsai::layout::disclosure_page(2568, &old));
    assert_eq!(std::path::PathBuf::from(r.stdout.trim()), want);
    assert!(s.read(&prongsai::layout::disclosure_page(2568, &old)).contains("fiscal_year: 2568"));
}
