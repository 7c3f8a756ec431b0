//! `prongsai build` and `check` on small sites: exit statuses, diagnostics, and the files
//! a webmaster (and an evaluator) would look at.

mod support;
use support::*;

#[test]
fn builds_every_page_kind_with_lang_th_and_links_under_base_path() {
    let s = TestSite::new();
    s.write(
        "content/2567/2566-10-20-plan.md",
        &meeting("ร่างแผน", "2566-10-20", &[("นายก", 1), ("ประชาชน", 5)]),
    );
    s.write("content/2568/2568-01-10-budget.md", &meeting("ข้อบัญญัติ", "2568-01-10", &[("ประชาชน", 7)]));
    let r = s.build();
    assert_eq!(r.code, 0, "{}", r.stderr);
    for page in [
        "public/index.html",
        "public/2567/index.html",
        "public/2567/plan/index.html",
        "public/2568/budget/index.html",
        "public/ita/index.html",
        "public/404.html",
    ] {
        let doc = s.page(page);
        assert_eq!(attrs(&doc, "html", "lang"), vec!["th"], "{page}");
        assert_eq!(texts(&doc, "h1").len(), 1, "{page}: one h1");
        // every internal link honours the base path /ita/
        for href in attrs(&doc, "a[href], link[href]", "href").into_iter().chain(attrs(&doc, "[src]", "src"))
        {
            assert!(
                href.starts_with("/ita/")
                    || href.starts_with("https://")
                    || href.starts_with('#')
                    || href.starts_with("http://"),
                "{page}: {href}"
            );
        }
    }
    for data in [
        "public/2567/attendees.csv",
        "public/data/meetings.json",
        "public/feed.xml",
        "public/sitemap.xml",
        "public/css/style.css",
    ] {
        assert!(s.path(data).is_file(), "{data}");
    }
    let meeting = s.page("public/2567/plan/index.html");
    assert_eq!(text(&meeting, "h1"), "ร่างแผน");
    let body = collapse(&meeting.root_element().text().collect::<String>());
    assert!(body.contains("20 ตุลาคม 2566"), "Thai date on the meeting page");
    assert!(body.contains("2567"), "fiscal year on the meeting page");
}

#[test]
fn the_seed_report_reports_its_two_flaws_with_lines() {
    let s = TestSite::new();
    // The repository's own settings, whose role groups hold the seed report's roles.
    s.write("site.yaml", include_str!("../site.yaml"));
    let example = include_str!("fixtures/seed-report-draft-plan-2567.md");
    s.write("content/2567/2566-10-20-draft-plan-2567.md", example);
    let r = s.run(&["check"]);
    assert_eq!(r.code, 0, "warnings only: {}", r.stderr);
    let d = r.diagnostics();
    assert_eq!(d.len(), 2, "{d:?}");
    let line_of = |needle: &str| example.lines().position(|l| l.contains(needle)).unwrap() + 1;
    let second_mayor = example
        .lines()
        .enumerate()
        .filter(|(_, l)| l.contains("role: นายกองค์การบริหารส่วนตำบล"))
        .nth(1)
        .unwrap()
        .0
        + 1;
    assert!(
        d[0].starts_with(&format!("warning: content/2567/2566-10-20-draft-plan-2567.md:{second_mayor}:")),
        "{}",
        d[0]
    );
    assert!(
        d[1].starts_with(&format!(
            "warning: content/2567/2566-10-20-draft-plan-2567.md:{}:",
            line_of("attendees_total")
        )),
        "{}",
        d[1]
    );
    assert_eq!(r.codes(), ["PS0302", "PS0303"], "duplicate-role, total-mismatch: {d:?}");
    assert!(d[1].contains("(declared 19, listed 18)"), "{}", d[1]);
    assert_eq!(r.summary(), Some((0, 2, 2)), "{}", r.stderr);
    assert_eq!(s.run(&["check", "--strict"]).code, 1);
}

#[test]
fn ten_broken_files_are_ten_problems_in_one_run_and_public_is_untouched() {
    let s = TestSite::new();
    s.write("content/2567/good.md", &meeting("ดี", "2567-01-15", &[("ประชาชน", 3)]));
    assert_eq!(s.build().code, 0);
    let before = snapshot(&s.path("public"));
    // Each file and the code of its one error (no-such-day, missing-field, ...).
    let broken = [
        ("---\ntitle: a\ndate: 2567-02-30\nvenue: v\n---\n", "PS0203"),
        ("---\ndate: 2567-01-01\nvenue: v\n---\n", "PS0107"), // no title
        ("---\ntitle: [a\n---\n", "PS0116"),
        ("no front matter\n", "PS0101"),
        ("---\ntitle: a\n", "PS0102"),
        ("---\ntitle: a\ndate: 2567-01-01\nvenue: v\nattendees:\n  - role: x\n    count: สี่\n---\n", "PS0301"),
        ("---\ntitle: a\ndate: 2567-01-01\nvenue: v\nfiscal_year: 2566\n---\n", "PS0206"),
        ("---\ntitle: a\ndate: 2567-01-01\nvenue: v\ndraft: maybe\n---\n", "PS0106"),
        ("---\ntitle: a\ndate: วันจันทร์ที่ 20 ตุลาคม 2566\nvenue: v\n---\n", "PS0204"), // a Friday
        ("---\ntitle: a\ndate: 2567-01-01\nvenue: v\nslug: ../../etc\n---\n", "PS0208"),
    ];
    for (i, (text, _)) in broken.iter().enumerate() {
        s.write(&format!("content/2567/broken-{i}.md"), text);
    }
    let r = s.build();
    assert_eq!(r.code, 1, "{}", r.stderr);
    let errors: Vec<&str> = r.diagnostics().into_iter().filter(|l| l.starts_with("error: ")).collect();
    assert_eq!(errors.len(), 10, "{errors:#?}");
    for (i, (e, (_, code))) in errors.iter().zip(broken).enumerate() {
        assert!(e.starts_with(&format!("error: content/2567/broken-{i}.md:")), "{errors:#?}");
        assert_eq!(code_of(e), code, "{e}");
    }
    assert_eq!(r.summary().map(|(e, _, f)| (e, f)), Some((10, 12)), "{}", r.stderr);
    assert_eq!(snapshot(&s.path("public")), before, "public/ must be exactly as it was");
    let leftovers: Vec<_> =
        std::fs::read_dir(s.root()).unwrap().filter_map(|e| e.ok()).map(|e| e.file_name()).collect();
    assert!(!leftovers.iter().any(|n| n.to_string_lossy().contains("prongsai-")), "{leftovers:?}");
}

#[test]
fn error_lines_and_columns_are_those_of_the_md_file() {
    let s = TestSite::new();
    s.write(
        "content/2567/plan.md",
        "---\ntitle: ประชุม\ndate: 2567-01-15\nvenue: ห้องประชุม\nattendees:\n  - role: นายก\n    count: 1\n  - role: ประชาชน\n    count: 2\n  - role: ผู้ทรงคุณวุฒิ\n    count: สี่\n---\n",
    );
    let r = s.run(&["check"]);
    assert_eq!(r.code, 1);
    let d: Vec<&str> = r.diagnostics().into_iter().filter(|l| l.starts_with("error")).collect();
    assert_eq!(d.len(), 1, "{d:?}");
    assert!(d[0].starts_with("error: content/2567/plan.md:11:12: attendees[2].count:"), "{}", d[0]);
    assert_eq!(code_of(d[0]), "PS0301", "not-a-whole-number: {}", d[0]);
    assert!(d[0].contains("\"สี่\""), "quotes the value: {}", d[0]);
}

#[test]
fn check_json_format() {
    let s = TestSite::new();
    s.write("content/a.md", "---\ntitle: a\ndate: 2567-13-01\nvenue: v\n---\n");
    let r = s.run(&["check", "--format", "json"]);
    assert_eq!(r.code, 1);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(v["errors"], 1);
    assert_eq!(v["diagnostics"][0]["file"], "content/a.md");
    assert_eq!(v["diagnostics"][0]["line"], 3);
    assert_eq!(v["diagnostics"][0]["severity"], "error");
    assert_eq!(v["diagnostics"][0]["code"], "PS0203");
    assert_eq!(v["diagnostics"][0]["name"], "no-such-day");
}

/// A script reads `check --format json` by code and name: five known problems in three
/// files give exactly these five entries, in file and line order.
#[test]
fn check_json_gives_the_code_name_file_and_line_of_each_problem() {
    let s = TestSite::new();
    let a = meeting("ก", "2567-01-15", &[("ประชาชน", 3), ("ประชาชน", 2)]) // role twice: lines 8 and 10
        .replacen("---\n\n", "attendees_total: 6\nsumary: x\n---\n\n", 1); // lines 12 and 13
    s.write("content/2567/a.md", &a);
    s.write("content/2567/b.md", &meeting("ข", "15 ม.ค. 2567x", &[("ประชาชน", 3)]));
    s.write("content/2567/c.md", &meeting("ค", "2567-01-17", &[("ประชาชน", 3)]).replace("title: ค\n", ""));
    let r = s.run(&["check", "--format", "json"]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    let want = [
        JsonDiagnostic::new("warning", "PS0302", "duplicate-role", "content/2567/a.md", 10),
        JsonDiagnostic::new("warning", "PS0303", "total-mismatch", "content/2567/a.md", 12),
        JsonDiagnostic::new("warning", "PS0105", "unknown-key", "content/2567/a.md", 13),
        JsonDiagnostic::new("error", "PS0201", "bad-date", "content/2567/b.md", 3),
        JsonDiagnostic::new("error", "PS0107", "missing-field", "content/2567/c.md", 2),
    ];
    assert_eq!(json_diagnostics(&r.stdout), want, "{}", r.stdout);
}

#[test]
fn output_is_byte_identical_from_run_to_run() {
    let root = env!("CARGO_MANIFEST_DIR");
    let a = tempfile::tempdir().unwrap();
    let b = tempfile::tempdir().unwrap();
    for d in [&a, &b] {
        let out = d.path().join("public");
        let r = run(&["build", "--root", root, "--output", out.to_str().unwrap()]);
        assert_eq!(r.code, 0, "{}", r.stderr);
    }
    let (sa, sb) = (snapshot(&a.path().join("public")), snapshot(&b.path().join("public")));
    assert!(sa.len() > 20, "the example site has pages");
    assert_eq!(sa, sb);
}

#[test]
fn front_matter_values_are_escaped() {
    let s = TestSite::new();
    let hostile = "<script>alert(1)</script> & \"x\"";
    s.write(
        "content/a.md",
        &format!("---\ntitle: '{hostile}'\ndate: 2567-01-15\nvenue: '<img src=x onerror=alert(1)>'\ntopics: ['<b>t</b>']\nattendees:\n  - role: '<i>r</i>'\n    count: 1\n---\n<script>alert(2)</script>\n"),
    );
    assert_eq!(s.build().code, 0);
    for page in ["public/2567/a/index.html", "public/2567/index.html", "public/index.html"] {
        let doc = s.page(page);
        assert!(texts(&doc, "script").is_empty(), "{page}: no script element");
        assert!(attrs(&doc, "img", "onerror").is_empty(), "{page}");
        assert!(texts(&doc, "b, i").iter().all(|t| t != "t" && t != "r"), "{page}");
    }
    let doc = s.page("public/2567/a/index.html");
    assert_eq!(text(&doc, "h1"), collapse(hostile));
    let json: serde_json::Value = serde_json::from_str(&s.read("public/data/meetings.json")).unwrap();
    assert_eq!(json["meetings"][0]["title"], hostile);
    // feed and sitemap stay well-formed XML
    assert!(s.read("public/feed.xml").contains("&lt;script&gt;"));
}

#[test]
fn deleted_meetings_leave_no_stale_pages() {
    let s = TestSite::new();
    s.write("content/a.md", &meeting("ก", "2567-01-15", &[]));
    s.write("content/b.md", &meeting("ข", "2567-01-16", &[]));
    assert_eq!(s.build().code, 0);
    assert!(s.path("public/2567/b/index.html").exists());
    std::fs::remove_file(s.path("content/b.md")).unwrap();
    assert_eq!(s.build().code, 0);
    assert!(!s.path("public/2567/b").exists());
    assert!(s.path("public/2567/a/index.html").exists());
}

#[test]
fn same_slug_in_one_fiscal_year_names_both_files() {
    let s = TestSite::new();
    s.write("content/x/2567-01-15-plan.md", &meeting("ก", "2567-01-15", &[]));
    s.write("content/y/2567-02-15-plan.md", &meeting("ข", "2567-02-15", &[]));
    s.write("content/z/2568-02-15-plan.md", &meeting("ค", "2568-02-15", &[])); // other year: fine
    let r = s.build();
    assert_eq!(r.code, 1);
    let d: Vec<&str> = r.diagnostics().into_iter().filter(|l| l.starts_with("error")).collect();
    assert_eq!(d.len(), 1, "{d:?}");
    assert_eq!(code_of(d[0]), "PS0210", "duplicate-url: {}", d[0]);
    assert!(
        d[0].contains("content/x/2567-01-15-plan.md") && d[0].contains("content/y/2567-02-15-plan.md"),
        "{}",
        d[0]
    );
}

#[test]
fn drafts_only_with_the_flag() {
    let s = TestSite::new();
    s.write("content/a.md", &meeting("ก", "2567-01-15", &[]).replacen("---\n", "---\ndraft: true\n", 1));
    assert_eq!(s.build().code, 0);
    assert!(!s.path("public/2567/a").exists());
    assert_eq!(s.run(&["build", "--drafts"]).code, 0);
    assert!(s.path("public/2567/a/index.html").exists());
}

#[test]
fn missing_attachment_is_an_error_at_its_line() {
    let s = TestSite::new();
    s.write("static/files/ok.pdf", "%PDF-1.4\n");
    s.write(
        "content/a.md",
        "---\ntitle: a\ndate: 2567-01-15\nvenue: v\nattachments:\n  - files/ok.pdf\n  - files/missing.pdf\n---\n",
    );
    let r = s.build();
    assert_eq!(r.code, 1);
    let (code, line) = r.diagnostic_at("content/a.md", Some(7));
    assert!(line.starts_with("error: content/a.md:7:5:"), "{line}");
    assert_eq!(code, "PS0402", "attachment-missing: {line}");
    s.write(
        "content/a.md",
        "---\ntitle: a\ndate: 2567-01-15\nvenue: v\nattachments:\n  - files/ok.pdf\n---\n",
    );
    let r = s.build();
    assert_eq!(r.code, 0, "{}", r.stderr);
    let doc = s.page("public/2567/a/index.html");
    assert!(attrs(&doc, "a", "href").contains(&"/ita/files/ok.pdf".to_string()));
    assert!(s.path("public/files/ok.pdf").is_file());
}

#[test]
fn unknown_keys_are_warnings_with_a_suggestion() {
    let s = TestSite::new();
    s.write("content/a.md", "---\ntitle: a\ndate: 2567-01-15\nvenue: v\nattendee_total: 3\n---\n");
    let r = s.run(&["check"]);
    assert_eq!(r.code, 0);
    let (code, line) = r.diagnostic_at("content/a.md", Some(5));
    assert!(line.starts_with("warning: content/a.md:5:1:"), "{line}");
    assert_eq!(code, "PS0105", "unknown-key: {line}");
    assert!(line.contains("หมายถึง \"attendees_total\" หรือไม่"), "{line}");
}

#[test]
fn missing_site_yaml_and_bad_usage() {
    let d = tempfile::tempdir().unwrap();
    let r = run(&["build", "--root", d.path().to_str().unwrap()]);
    assert_eq!(r.code, 1);
    assert_eq!(r.codes(), ["PS0001", "PS0008"], "no-content, no-site-yaml: {}", r.stderr);
    assert_eq!(run(&["build", "--no-such-flag"]).code, 2);
}

#[test]
fn a_root_that_is_not_a_folder_is_bad_usage_and_nothing_is_created() {
    let d = tempfile::tempdir().unwrap();
    let missing = d.path().join("no-such-site");
    let file = d.path().join("site.yaml");
    std::fs::write(&file, SITE_YAML).unwrap();
    for root in [&missing, &file] {
        let root = root.to_str().unwrap();
        for args in [
            vec!["build", "--root", root],
            vec!["check", "--root", root],
            vec!["check", "--root", root, "--format", "json"],
            vec!["serve", "--root", root, "--port", "0"],
            vec!["new", "ประชุม", "--date", "2567-01-15", "--root", root],
        ] {
            let r = run(&args);
            assert_eq!(r.code, 2, "{args:?}: {}", r.stderr);
            let errors = r.diagnostics();
            assert_eq!(errors.len(), 1, "{args:?}: one message: {}", r.stderr);
            assert!(
                errors[0].starts_with("error: --root ") && errors[0].contains(root),
                "{args:?}: names the flag and the path: {}",
                errors[0]
            );
        }
    }
    assert!(!missing.exists(), "new did not make a site folder out of a mistyped --root");
}

#[test]
fn output_over_the_site_itself_is_refused() {
    let s = TestSite::new();
    s.write("content/a.md", &meeting("ก", "2567-01-15", &[]));
    for out in [".", "content", ".."] {
        let o = s.path(out);
        let r = s.run(&["build", "--output", o.to_str().unwrap()]);
        assert_eq!(r.code, 2, "{out}: {}", r.stderr);
        assert!(s.path("content/a.md").exists());
    }
}

#[test]
fn init_then_new_then_build() {
    let d = tempfile::tempdir().unwrap();
    let site = d.path().join("site");
    assert_eq!(run(&["init", site.to_str().unwrap()]).code, 0);
    assert_eq!(run(&["init", site.to_str().unwrap()]).code, 2, "never overwrites");
    // the example meeting of a new site is complete: it builds with one warning only, that
    // it is the example (tests/real_ita.rs), and shows; so do the example disclosure pages
    // (one PS0505 each), which leave the other OIT items of the year missing (PS0509)
    let r = run(&["build", "--root", site.to_str().unwrap()]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let d = r.diagnostics();
    assert_eq!(d.iter().filter(|l| l.ends_with("[PS0505]")).count(), 4, "{}", r.stderr);
    assert!(d.iter().all(|l| l.ends_with("[PS0505]") || l.ends_with("[PS0509]")), "{}", r.stderr);
    let fy = walkdir::WalkDir::new(site.join("public"))
        .into_iter()
        .filter_map(|e| e.ok())
        .any(|e| e.path().ends_with("first-meeting/index.html"));
    assert!(fy, "the example meeting is published");
    let r = run(&["new", "ประชาคมหมู่ที่ 3", "--date", "20 ตุลาคม 2568", "--root", site.to_str().unwrap()]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let file = std::path::PathBuf::from(r.stdout.trim());
    assert!(file.starts_with(site.join("content/2569")), "{file:?}");
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(text.contains("## ผลจากการมีส่วนร่วม") && text.contains("## การนำผล"));
    // Every field of DESIGN's schema is there, ready to fill, and the file as written is
    // no error (its blanks are "not given").
    let front = text.split("\n---\n").next().unwrap();
    let keys: Vec<&str> = front
        .lines()
        .filter_map(|l| l.split_once(':').map(|(k, _)| k))
        .filter(|k| !k.starts_with(' ') && !k.starts_with('-'))
        .collect();
    let schema = [
        "title",
        "date",
        "venue",
        "time",
        "organization",
        "fiscal_year",
        "slug",
        "summary",
        "topics",
        "attendees",
        "attendees_total",
        "attachments",
        "draft",
    ];
    for k in schema {
        assert!(keys.contains(&k), "new writes {k}: {keys:?}");
    }
    let r = run(&["check", "--drafts", "--root", site.to_str().unwrap()]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.diagnostics().iter().all(|l| !l.starts_with("error:")), "{}", r.stderr);
    let r = run(&["build", "--root", site.to_str().unwrap(), "--drafts"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(site.join("public/2569/ประชาคมหมู่ที่-3/index.html").is_file());
}

#[test]
fn check_finds_what_build_would_a_missing_theme_and_a_broken_template() {
    let s = TestSite::new();
    s.write("content/a.md", &meeting("ก", "2567-01-15", &[("ประชาชน", 3)]));
    let r = s.run(&["check"]);
    assert_eq!((r.code, r.diagnostics().len()), (0, 0), "a good site checks clean: {}", r.stderr);

    // A theme that is not there.
    s.write("site.yaml", &format!("{SITE_YAML}theme: nothere\n"));
    for format in ["human", "json"] {
        let r = s.run(&["check", "--format", format]);
        assert_eq!(r.code, 1, "{format}: {}", r.stderr);
        let errors: Vec<String> = if format == "json" {
            json_diagnostics(&r.stdout)
                .into_iter()
                .filter(|d| d.severity == "error")
                .map(|d| d.code)
                .collect()
        } else {
            r.diagnostics()
                .into_iter()
                .filter(|l| l.starts_with("error: "))
                .map(|l| code_of(l).into())
                .collect()
        };
        assert_eq!(errors, ["PS0701"], "{format}: no-theme");
    }
    let theme_line = SITE_YAML.lines().count() + 1;
    let r = s.run(&["check"]);
    let (code, line) = r.diagnostic_at("site.yaml", Some(theme_line));
    assert!(
        line.starts_with(&format!("error: site.yaml:{theme_line}:8: theme:")),
        "at the theme: line: {line}"
    );
    assert_eq!(code, "PS0701", "{line}");
    assert_eq!(s.build().code, 1, "build agrees");

    // A site template with an unknown filter.
    s.write("site.yaml", SITE_YAML);
    s.write(
        "templates/meeting.html",
        "{% extends \"base.html\" %}{% block content %}{{ meeting.title|no_such_filter }}{% endblock %}",
    );
    let r = s.run(&["check"]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    let errors: Vec<&str> = r.diagnostics().into_iter().filter(|l| l.starts_with("error: ")).collect();
    assert_eq!(errors.len(), 1, "{}", r.stderr);
    assert_eq!(code_of(errors[0]), "PS0702", "template: {}", errors[0]);
    assert!(errors[0].contains("templates/meeting.html"), "names the template: {}", errors[0]);
    assert!(!s.path("public").exists(), "check writes nothing");
}

#[test]
fn a_bad_base_url_flag_is_bad_usage_naming_the_flag() {
    let s = TestSite::new();
    s.write("content/a.md", &meeting("ก", "2567-01-15", &[("ประชาชน", 3)]));
    for bad in ["file:///tmp/x/", "www.example.go.th", "https://x/../etc"] {
        let r = s.run(&["build", "--base-url", bad]);
        assert_eq!(r.code, 2, "{bad}: {}", r.stderr);
        let d = r.diagnostics();
        assert_eq!(d.len(), 1, "{bad}: {}", r.stderr);
        assert!(d[0].starts_with("error: --base-url ") && d[0].contains(bad), "{}", d[0]);
        assert!(!s.path("public").exists());
    }
    // a good one is used for every absolute link
    let r = s.run(&["build", "--base-url", "https://mirror.example.org/sub"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let json: serde_json::Value = serde_json::from_str(&s.read("public/data/meetings.json")).unwrap();
    assert_eq!(json["meetings"][0]["url"], "https://mirror.example.org/sub/2567/a/");
    assert!(
        attrs(&s.page("public/index.html"), "link[rel=stylesheet]", "href")
            .iter()
            .all(|h| h.starts_with("/sub/"))
    );
}

/// A draft the webmaster has not finished: its front matter does not even parse.
const BROKEN_DRAFT: &str = "---\ntitle: [ยังไม่เสร็จ\ndate: 2567-03-01\ndraft: true\nvenue: \"ห้อง\n---\nเนื้อหา\n";

#[test]
fn a_broken_draft_never_stops_the_site() {
    let s = TestSite::new();
    s.write("content/2567/2567-01-15-plan.md", &meeting("แผนพัฒนา", "2567-01-15", &[("ประชาชน", 5)]));
    s.write("content/2567/2567-03-01-unfinished.md", BROKEN_DRAFT);
    let draft = "content/2567/2567-03-01-unfinished.md";
    // A disclosure page alike.
    let page = "content/2569/ita/o5.md";
    s.write(page, "---\nita_item: O5\ntitle: \"ยังไม่เสร็จ\ndraft: true\n---\n");

    let r = s.build();
    assert_eq!(r.code, 0, "{}", r.stderr);
    // One warning for each draft, at its draft: line, and nothing else of them.
    assert_eq!(r.codes(), vec!["PS0901", "PS0901"], "{}", r.stderr);
    assert_eq!(r.diagnostic_at(page, Some(4)).0, "PS0901");
    let (code, line) = r.diagnostic_at(draft, Some(4));
    assert_eq!(code, "PS0901");
    assert!(line.contains("ยังมีข้อผิดพลาด") && line.contains("ไม่ได้สร้าง"), "{line}");
    assert!(s.path("public/2567/plan/index.html").is_file());
    assert!(!s.path("public/2567/unfinished").exists());
    let year = s.page("public/2567/index.html");
    assert_eq!(texts(&year, "main a").iter().filter(|t| t.contains("ยังไม่เสร็จ")).count(), 0);

    // A draft is never made an error by --strict; check says the same as build.
    assert_eq!(s.run(&["build", "--strict"]).code, 0);
    let c = s.run(&["check", "--strict"]);
    assert_eq!((c.code, c.codes()), (0, vec!["PS0901", "PS0901"]), "{}", c.stderr);

    // With --drafts its errors are errors, as before.
    let d = s.run(&["build", "--drafts"]);
    assert_eq!(d.code, 1, "{}", d.stderr);
    assert!(d.codes_at(draft, None).iter().all(|c| *c != "PS0901") && !d.codes_at(draft, None).is_empty());
}

#[test]
fn a_draft_without_errors_is_left_out_silently_and_a_clash_is_the_drafts_problem() {
    let s = TestSite::new();
    s.write("content/2567/2567-01-15-plan.md", &meeting("แผนพัฒนา", "2567-01-15", &[("ประชาชน", 5)]));
    let draft = meeting("แผนฉบับใหม่", "2567-02-01", &[("ประชาชน", 3)]).replacen(
        "---\n",
        "---\nslug: plan\ndraft: true\n",
        1,
    );
    s.write("content/2567/2567-02-01-new-plan.md", &draft);
    let r = s.build();
    assert_eq!((r.code, r.codes()), (0, vec![]), "{}", r.stderr);
    // With --drafts the draft at the published page's URL is the one in error; the
    // published meeting keeps it.
    let d = s.run(&["build", "--drafts"]);
    assert_eq!(d.code, 1, "{}", d.stderr);
    assert_eq!(d.codes_at("content/2567/2567-02-01-new-plan.md", None), vec!["PS0210"], "{}", d.stderr);
    assert!(d.codes_at("content/2567/2567-01-15-plan.md", None).is_empty(), "{}", d.stderr);

    // The same for a disclosure page: the draft sorts first by path, and still loses.
    s.write("content/2569/ita/a-new.md", "---\ntitle: ร่างโครงสร้าง\nita_item: O1\ndraft: true\n---\nใหม่\n");
    s.write("content/2569/ita/o1.md", "---\ntitle: โครงสร้าง\nita_item: O1\n---\nแผนผัง\n");
    let found = checked(&s, &["--drafts"]);
    let at = |file: &str| found.iter().filter(|d| d.1 == file).map(|d| d.0.as_str()).collect::<Vec<_>>();
    assert_eq!(at("content/2569/ita/a-new.md"), vec!["PS0511"], "{found:?}");
    assert!(!at("content/2569/ita/o1.md").contains(&"PS0511"), "{found:?}");
}
