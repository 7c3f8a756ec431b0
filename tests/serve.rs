//! `serve` and `build --watch`, run as the real binary on small sites in temp folders;
//! and the proof that an incremental rebuild is byte for byte a full build.

mod support;

use prongsai::serve::watch;
use prongsai::site::{BuildOptions, Site};
use prongsai::write::Content;
use std::collections::BTreeMap;
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::time::Duration;
use support::*;

#[test]
fn edits_renames_and_deletes_show_without_restart() {
    let site = TestSite::new().with_three_meetings();
    let s = site.serve(&[]);
    assert_eq!(s.base, "/ita/");
    let r = wait_for_page(s.port, ROAD_URL, 200, "ประชุมรับฟังความคิดเห็นโครงการถนน");
    assert_eq!(r.header("cache-control"), Some("no-store"));

    // saved in place
    site.write(ROAD, &meeting("ประชุมถนนสายใหม่ ฉบับแก้ไข", "2567-03-15", CITIZENS_12));
    wait_for_page(s.port, ROAD_URL, 200, "ประชุมถนนสายใหม่ ฉบับแก้ไข");
    assert!(s.wait_for_line("สร้างใหม่ ", PATIENCE).unwrap().contains("1 ไฟล์ที่เปลี่ยน"), "{}", s.stderr());

    // saved by rename over the file
    site.write_by_rename(ROAD, &meeting("ประชุมถนน บันทึกแบบเปลี่ยนชื่อไฟล์", "2567-03-15", CITIZENS_12));
    wait_for_page(s.port, ROAD_URL, 200, "ประชุมถนน บันทึกแบบเปลี่ยนชื่อไฟล์");

    // a new meeting, then gone again
    site.write("content/2567/2567-08-01-new.md", &meeting("ประชุมใหม่ล่าสุด", "2567-08-01", CITIZENS_12));
    wait_for_page(s.port, "/ita/2567/new/", 200, "ประชุมใหม่ล่าสุด");
    wait_for_page(s.port, "/ita/2567/", 200, "ประชุมใหม่ล่าสุด");
    site.remove("content/2567/2567-08-01-new.md");
    let gone = wait_for_page(s.port, "/ita/2567/new/", 404, "</html>");
    assert!(gone.header("content-type").unwrap().starts_with("text/html"));
    let year = s.get("/ita/2567/");
    assert!(!year.text().contains("ประชุมใหม่ล่าสุด"));

    // a folder renamed: its meetings keep their URLs (fiscal year comes from the date)
    std::fs::rename(site.path("content/2567"), site.path("content/fy2567")).unwrap();
    site.write(
        "content/fy2567/2567-03-15-road.md",
        &meeting("ประชุมถนน หลังย้ายโฟลเดอร์", "2567-03-15", CITIZENS_12),
    );
    wait_for_page(s.port, ROAD_URL, 200, "ประชุมถนน หลังย้ายโฟลเดอร์");
}

#[test]
fn broken_yaml_keeps_the_old_site_and_reports_where() {
    let site = TestSite::new().with_three_meetings();
    let s = site.serve(&[]);
    wait_for_page(s.port, ROAD_URL, 200, "ประชุมรับฟังความคิดเห็นโครงการถนน");
    let good = status(s.port);
    assert_eq!(good["ok"], true);

    site.write(ROAD, &broken_meeting("ประชุมที่พิมพ์ผิด"));
    let st = wait_for_errors_of_files_on_disk(s.port, site.root());
    assert_eq!(st["version"], good["version"], "the last good site stays served");
    assert!(st["errors"].as_u64().unwrap() >= 1);
    let d = &st["diagnostics"][0];
    assert_eq!(d["severity"], "error");
    assert_eq!((&d["code"], &d["name"]), (&"PS0116".into(), &"yaml-unclosed-bracket".into()));
    assert_eq!(d["file"], ROAD);
    let line = d["line"].as_u64().unwrap();
    assert!((2..=5).contains(&line), "line {line}");
    assert!(!d["message"].as_str().unwrap().is_empty());
    // the old page is still there
    let r = s.get(ROAD_URL);
    assert_eq!(r.status, 200);
    assert!(r.text().contains("ประชุมรับฟังความคิดเห็นโครงการถนน"));
    // and the terminal says the same, compiler-style
    let want = format!("error: {ROAD}:{line}:");
    assert!(s.wait_for_line(&want, PATIENCE).is_some(), "{want} not in:\n{}", s.stderr());

    site.write(ROAD, &meeting("ประชุมถนน แก้แล้ว", "2567-03-15", CITIZENS_12));
    let st = wait_until(PATIENCE, || Some(status(s.port)).filter(|v| v["ok"] == true))
        .expect("status never cleared");
    assert_eq!(st["errors"], 0);
    assert_eq!(st["diagnostics"].as_array().unwrap().len(), 0);
    assert_ne!(st["version"], good["version"]);
    wait_for_page(s.port, ROAD_URL, 200, "ประชุมถนน แก้แล้ว");
}

#[test]
fn drafts_show_marked_and_a_broken_draft_never_stops_the_preview() {
    let site = TestSite::new().with_three_meetings();
    let plan = "content/2567/2567-04-01-community-plan.md";
    site.write(
        plan,
        &meeting("ร่างแผนชุมชน", "2567-04-01", CITIZENS_12).replacen("---\n", "---\ndraft: true\n", 1),
    );
    let s = site.serve(&[]);
    // A draft that parses is in the preview, marked on its page and in the year's list.
    let page = wait_for_page(s.port, "/ita/2567/community-plan/", 200, "ร่างแผนชุมชน");
    let doc = scraper::Html::parse_document(&page.text());
    assert!(texts(&doc, "main .tag-draft").iter().any(|t| t.contains("ร่าง")), "{}", page.text());
    let year = scraper::Html::parse_document(&s.get("/ita/2567/").text());
    let marked: Vec<String> =
        texts(&year, "main li, main tr").into_iter().filter(|t| t.contains("ร่างแผนชุมชน")).collect();
    assert!(marked.len() == 1 && marked[0].contains("ฉบับร่าง"), "{marked:?}");
    assert_eq!(status(s.port)["drafts"].as_array().unwrap().len(), 0);

    // A draft whose front matter does not parse: its errors are listed, the site stays up.
    let broken = "content/2567/2567-05-01-unfinished.md";
    site.write(broken, "---\ntitle: [ยังไม่เสร็จ\ndraft: true\n---\n");
    let st =
        wait_until(PATIENCE, || Some(status(s.port)).filter(|v| !v["drafts"].as_array().unwrap().is_empty()))
            .unwrap_or_else(|| panic!("the draft's errors never listed: {}", s.stderr()));
    assert_eq!(st["ok"], true, "{st}");
    let d = &st["drafts"][0];
    assert_eq!((&d["severity"], &d["file"]), (&"error".into(), &broken.into()), "{st}");
    assert!(s.wait_for_line(&format!("error: {broken}:"), PATIENCE).is_some(), "{}", s.stderr());
    // The summary says how many drafts the errors are in, not how many drafts have anything.
    assert!(s.wait_for_line("ฉบับร่าง: ข้อผิดพลาด 1 รายการใน 1 ไฟล์", PATIENCE).is_some(), "{}", s.stderr());

    // Other edits still show while the draft is broken.
    site.write(ROAD, &meeting("ประชุมถนน แก้ระหว่างร่างเสีย", "2567-03-15", CITIZENS_12));
    wait_for_page(s.port, ROAD_URL, 200, "ประชุมถนน แก้ระหว่างร่างเสีย");
    assert_eq!(status(s.port)["ok"], true);
    assert_eq!(s.get("/ita/2567/community-plan/").status, 200);
    // Fixing the draft clears its list, and it shows.
    site.write(
        broken,
        &meeting("ร่างที่แก้แล้ว", "2567-05-01", CITIZENS_12).replacen("---\n", "---\ndraft: true\n", 1),
    );
    wait_for_page(s.port, "/ita/2567/unfinished/", 200, "ร่างที่แก้แล้ว");
    wait_until(PATIENCE, || Some(status(s.port)).filter(|v| v["drafts"].as_array().unwrap().is_empty()))
        .expect("the draft's errors cleared");
}

#[test]
fn a_failed_first_build_still_serves_the_errors() {
    let site = TestSite::new().with_three_meetings();
    site.write(ROAD, &broken_meeting("ประชุมที่พิมพ์ผิด"));
    let s = site.serve(&[]);
    for path in ["/", ROAD_URL, "/anything/else"] {
        let r = s.get(path);
        assert_eq!(r.status, 503, "{path}");
        let html = r.text();
        assert!(html.contains("<html lang=\"th\">"));
        assert!(html.contains(&format!("error: {ROAD}:")), "{html}");
        assert!(html.contains("[PS0116]"), "yaml-unclosed-bracket: {html}");
        assert!(html.contains("/__prongsai/livereload.js"));
    }
    assert_eq!(status(s.port)["ok"], false);
    site.write(ROAD, &meeting("ประชุมถนน แก้แล้ว", "2567-03-15", CITIZENS_12));
    wait_for_page(s.port, ROAD_URL, 200, "ประชุมถนน แก้แล้ว");
}

#[test]
fn the_reload_event_comes_after_the_new_site_is_in() {
    use std::io::{BufRead, BufReader, Write};
    let site = TestSite::new().with_three_meetings();
    let s = site.serve(&[]);
    let mut sse = std::net::TcpStream::connect(("127.0.0.1", s.port)).unwrap();
    sse.set_read_timeout(Some(PATIENCE)).unwrap();
    sse.write_all(b"GET /__prongsai/events HTTP/1.1\r\nHost: x\r\nAccept: text/event-stream\r\n\r\n")
        .unwrap();
    let mut rd = BufReader::new(sse);
    let mut next_status = || -> serde_json::Value {
        let mut line = String::new();
        loop {
            line.clear();
            assert!(rd.read_line(&mut line).unwrap() > 0, "event stream ended");
            if let Some(data) = line.strip_prefix("data: ") {
                return serde_json::from_str(data.trim()).unwrap();
            }
        }
    };
    let first = next_status();
    assert_eq!(first["ok"], true);
    // Every version announced so far, in order. A page served right after an event must be
    // that version or a later one (not yet announced), never an earlier one.
    let mut announced = vec![first["version"].as_str().unwrap().to_string()];
    let served_version = |html: &str| -> String {
        let at = html.find("data-version=\"").expect("a served page carries its version")
            + "data-version=\"".len();
        html[at..].split('"').next().unwrap().to_string()
    };
    for i in 0..5 {
        let title = format!("ประชุมถนน รอบที่ {i}");
        site.write(ROAD, &meeting(&title, "2567-03-15", CITIZENS_12));
        // A machine under load may build a file half-written first (a failed build, or a
        // good one of part of the file), then whole: one edit can make more than one
        // version, and an event read now can be for one made before the last of them.
        // Each must still come after its site is in; the round ends with the event of the
        // version that has the new title.
        loop {
            let ev = next_status();
            let version = ev["version"].as_str().unwrap().to_string();
            if ev["ok"] != true || announced.last() == Some(&version) {
                continue;
            }
            announced.push(version.clone());
            // At once, no retry: the page must already be the announced one (or newer).
            let r = s.get(ROAD_URL);
            assert_eq!(r.status, 200);
            let served = served_version(&r.text());
            assert!(
                !announced[..announced.len() - 1].contains(&served),
                "round {i}: event for {version} before the swap: the page is still {served}"
            );
            if served == version && r.text().contains(&title) {
                break;
            }
        }
    }
}

#[test]
fn a_save_without_changes_reloads_nothing() {
    let site = TestSite::new().with_three_meetings();
    site.write("static/files/a.txt", "one");
    let s = site.serve(&[]);
    let v0 = status(s.port)["version"].clone();
    let original = std::fs::read_to_string(site.path(ROAD)).unwrap();

    site.write(ROAD, &original);
    s.wait_for_line("เหมือนเดิม", PATIENCE)
        .unwrap_or_else(|| panic!("no rebuild with the same pages:\n{}", s.stderr()));
    assert_eq!(status(s.port)["version"], v0, "no reload for the same pages");

    // broken, then put back exactly as it was: the overlay goes, still no reload needed
    site.write(ROAD, &broken_meeting("เสีย"));
    wait_until(PATIENCE, || Some(status(s.port)).filter(|v| v["ok"] == false)).expect("failed");
    site.write(ROAD, &original);
    let st = wait_until(PATIENCE, || Some(status(s.port)).filter(|v| v["ok"] == true)).expect("cleared");
    assert_eq!(st["version"], v0);

    // a static file changed in place is served from disk: that always reloads
    site.write("static/files/a.txt", "two");
    wait_until(PATIENCE, || Some(status(s.port)).filter(|v| v["version"] != v0)).expect("a reload");
    assert_eq!(s.get("/ita/files/a.txt").body, b"two");
}

#[test]
fn requests_outside_the_site_get_404() {
    let site = TestSite::new().base_url("https://www.example.go.th/").with_three_meetings();
    // Something worth stealing right beside the site, and inside it but not published.
    std::fs::write(site.root().parent().unwrap().join("prongsai-secret.txt"), "SECRET-OUTSIDE").ok();
    site.write("static/files/a.txt", "published");
    let s = site.serve(&[]);
    wait_for_page(s.port, "/files/a.txt", 200, "published");
    for path in [
        "/../site.yaml",
        "/..%2fsite.yaml",
        "/%2e%2e/site.yaml",
        "/%2E%2E/%2E%2E/etc/passwd",
        "/files/../../site.yaml",
        "/files/%2e%2e/%2e%2e/prongsai-secret.txt",
        "/files%2fa.txt",
        "/files%5ca.txt",
        "/files\\a.txt",
        "/files/a.txt%00",
        "/files/a.txt%00.html",
        "/./files/a.txt",
        "//files/a.txt",
        "/content/2567/2567-03-15-road.md",
        "/site.yaml",
        "/%ff%fe",
    ] {
        let r = s.get(path);
        assert_eq!(r.status, 404, "{path}");
        let body = r.text();
        assert!(!body.contains("SECRET-OUTSIDE") && !body.contains("organization:"), "{path}");
    }
    // a raw NUL in the request line is refused before any lookup
    let r = raw(s.port, b"GET /files/a.txt\0 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    assert_eq!(r.status, 400, "the request line is malformed");
}

#[test]
fn base_path_redirects_types_and_404() {
    let site = TestSite::new().with_three_meetings();
    site.write("static/files/minutes.pdf", "%PDF-1.4 test");
    let s = site.serve(&[]);
    let r = s.get("/");
    assert_eq!(r.status, 307);
    assert_eq!(r.header("location"), Some("/ita/"));
    assert_eq!(s.get("/ita").header("location"), Some("/ita/"));
    let r = s.get("/ita/2567");
    assert_eq!((r.status, r.header("location")), (307, Some("/ita/2567/")));
    let r = s.get("/ita/2567/road?x=1");
    assert_eq!(r.header("location"), Some("/ita/2567/road/?x=1"));
    for (path, ctype) in [
        ("/ita/", "text/html; charset=utf-8"),
        ("/ita/index.html", "text/html; charset=utf-8"),
        ("/ita/css/style.css", "text/css; charset=utf-8"),
        ("/ita/feed.xml", "application/xml; charset=utf-8"),
        ("/ita/sitemap.xml", "application/xml; charset=utf-8"),
        ("/ita/data/meetings.json", "application/json; charset=utf-8"),
        ("/ita/2567/attendees.csv", "text/csv; charset=utf-8"),
        ("/ita/files/minutes.pdf", "application/pdf"),
        ("/__prongsai/livereload.js", "text/javascript; charset=utf-8"),
    ] {
        let r = s.get(path);
        assert_eq!(r.status, 200, "{path}");
        assert_eq!(r.header("content-type"), Some(ctype), "{path}");
        assert_eq!(r.header("cache-control"), Some("no-store"), "{path}");
    }
    assert_eq!(s.get("/ita/files/minutes.pdf").body, b"%PDF-1.4 test");
    for path in ["/ita/no-such-page/", "/ita/2599/", "/elsewhere/", "/ita/2567/road/x.png"] {
        let r = s.get(path);
        assert_eq!(r.status, 404, "{path}");
        assert!(r.text().contains("<html lang=\"th\""), "{path}: the site's own 404 page");
    }
    let r = raw(s.port, b"POST /ita/ HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
    assert_eq!(r.status, 405);

    // base_url's path changed in site.yaml: the site moves, and the new URL is printed
    site.write("site.yaml", &site_yaml("https://www.example.go.th/"));
    wait_for_page(s.port, "/2567/road/", 200, "ประชุมรับฟังความคิดเห็นโครงการถนน");
    let want = format!("http://127.0.0.1:{}/", s.port);
    let moved = wait_until(PATIENCE, || {
        s.stderr().lines().filter(|l| l.starts_with("เปิดดูที่ ")).nth(1).map(str::to_string)
    });
    assert_eq!(moved.as_deref().map(|l| l.trim_end().ends_with(&want)), Some(true), "{}", s.stderr());
}

#[test]
fn the_script_is_only_in_served_html() {
    let site = TestSite::new().with_three_meetings();
    let s = site.serve(&[]);
    let page = s.get(ROAD_URL).text();
    let tag = page.find("<script src=\"/__prongsai/livereload.js\"").expect("script injected");
    let end = page.rfind("</body>").unwrap();
    assert!(tag < end, "before </body>");
    assert!(!s.get("/ita/css/style.css").text().contains("__prongsai"));
    assert!(!s.get("/ita/feed.xml").text().contains("__prongsai"));
    let js = s.get("/__prongsai/livereload.js").text();
    assert!(js.contains("EventSource") && js.contains("role") && js.contains("alert"));
    drop(s);

    let out = tempfile::tempdir().unwrap();
    let root = site.root().to_str().unwrap().to_string();
    let o = std::process::Command::new(bin())
        .args(["build", "--root", &root, "--output", out.path().join("public").to_str().unwrap()])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let mut n = 0;
    for e in walkdir(out.path()) {
        let bytes = std::fs::read(&e).unwrap();
        assert!(!String::from_utf8_lossy(&bytes).contains("__prongsai"), "{}", e.display());
        n += 1;
    }
    assert!(n > 5);
}

fn walkdir(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            out.extend(walkdir(&p));
        } else {
            out.push(p);
        }
    }
    out
}

#[test]
fn a_busy_port_names_the_port_and_the_flag() {
    let taken = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port().to_string();
    let site = TestSite::new().with_three_meetings();
    let root = site.root().to_str().unwrap().to_string();
    let mut s = Server::spawn(&["serve", "--root", &root, "--port", &port]);
    let st = s.wait_exit(PATIENCE).expect("serve on a busy port must exit");
    assert_eq!(st.code(), Some(2));
    let err = s.stderr_after_exit();
    assert!(err.contains(&port) && err.contains("--port"), "{err}");
}

#[test]
fn ctrl_c_and_sigterm_exit_cleanly() {
    let site = TestSite::new().with_three_meetings();
    // The built pages are kept in the system's temp folder while serving, removed on exit.
    let tmp = tempfile::tempdir().unwrap();
    let spooled = || -> Vec<PathBuf> { walkdir(tmp.path()) };
    for sig in ["INT", "TERM"] {
        let mut cmd = std::process::Command::new(bin());
        cmd.args(["serve", "--port", "0", "--root", site.root().to_str().unwrap()]).env("TMPDIR", tmp.path());
        let mut s = Server::start_cmd(cmd);
        wait_for_page(s.port, ROAD_URL, 200, "</html>");
        let packs: Vec<PathBuf> = spooled().into_iter().filter(|p| !p.ends_with("lock")).collect();
        assert!(
            packs.len() == 1 && packs[0].to_string_lossy().contains("prongsai-serve-"),
            "one pack in a folder of serve's own: {packs:?}"
        );
        s.signal(sig);
        let st = s.wait_exit(PATIENCE).expect("exits on a signal");
        assert_eq!(st.code(), Some(0), "SIG{sig}: {}", s.stderr());
        assert_eq!(std::fs::read_dir(tmp.path()).unwrap().count(), 0, "SIG{sig}: the spool is removed");
    }
}

#[test]
fn polling_sees_edits_too() {
    let site = TestSite::new().with_three_meetings();
    let s = site.serve(&["--poll"]);
    assert!(s.stderr().contains("แบบวนตรวจ"), "{}", s.stderr());
    site.write(ROAD, &meeting("ประชุมถนน เห็นด้วยการวนตรวจ", "2567-03-15", CITIZENS_12));
    wait_for_page(s.port, ROAD_URL, 200, "ประชุมถนน เห็นด้วยการวนตรวจ");
}

/// A theme template with `text` added inside its last block.
fn mark(template: &str, text: &str) -> String {
    let at = template.rfind("{% endblock %}").expect("a template with blocks");
    format!("{}<p>{text}</p>{}", &template[..at], &template[at..])
}

#[test]
fn templates_folder_created_after_start_is_watched() {
    let site = TestSite::new().with_three_meetings();
    let s = site.serve(&[]);
    wait_for_page(s.port, "/ita/", 200, "</html>");
    let theme = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/templates/404.html"),
    )
    .unwrap();
    site.write("templates/404.html", &mark(&theme, "หน้าที่ไม่พบ-แม่แบบของเว็บไซต์"));
    wait_for_page(s.port, "/ita/nope/", 404, "หน้าที่ไม่พบ-แม่แบบของเว็บไซต์");
    // and the new folder is watched from then on
    site.write("templates/404.html", &mark(&theme, "แก้แม่แบบครั้งที่สอง"));
    wait_for_page(s.port, "/ita/nope/", 404, "แก้แม่แบบครั้งที่สอง");
}

#[test]
fn build_watch_rebuilds_the_output() {
    let site = TestSite::new().with_three_meetings();
    let root = site.root().to_str().unwrap().to_string();
    let mut s = Server::spawn(&["build", "--watch", "--root", &root]);
    let page = site.path("public/2567/road/index.html");
    let read = || std::fs::read_to_string(&page).unwrap_or_default();
    assert!(
        wait_until(PATIENCE, || read().contains("ประชุมรับฟังความคิดเห็นโครงการถนน").then_some(())).is_some(),
        "{}",
        s.stderr()
    );
    assert!(!read().contains("__prongsai"));

    site.write(ROAD, &meeting("ประชุมถนน สร้างใหม่เอง", "2567-03-15", CITIZENS_12));
    assert!(
        wait_until(PATIENCE, || read().contains("ประชุมถนน สร้างใหม่เอง").then_some(())).is_some(),
        "{}",
        s.stderr()
    );

    // a broken edit writes nothing: the last good output stays
    site.write(ROAD, &broken_meeting("ประชุมที่พิมพ์ผิด"));
    assert!(s.wait_for_line(&format!("error: {ROAD}:"), PATIENCE).is_some(), "{}", s.stderr());
    assert!(read().contains("ประชุมถนน สร้างใหม่เอง"));

    site.write(ROAD, &meeting("ประชุมถนน แก้แล้ว", "2567-03-15", CITIZENS_12));
    assert!(
        wait_until(PATIENCE, || read().contains("ประชุมถนน แก้แล้ว").then_some(())).is_some(),
        "{}",
        s.stderr()
    );
    // writing public/ must not itself cause rebuilds: the rebuilds stop (the tail of a
    // save can still make one more, later under load), and then none comes.
    let rebuilds = || s.stderr().matches("สร้างใหม่").count();
    let mut seen = (rebuilds(), std::time::Instant::now());
    let quiet = wait_until(PATIENCE, || {
        let n = rebuilds();
        if n != seen.0 {
            seen = (n, std::time::Instant::now());
        }
        (seen.1.elapsed() >= Duration::from_millis(400)).then_some(n)
    });
    let quiet = quiet
        .unwrap_or_else(|| panic!("still rebuilding after {PATIENCE:?}: a rebuild loop:\n{}", s.stderr()));
    std::thread::sleep(Duration::from_millis(800));
    assert_eq!(rebuilds(), quiet, "a rebuild loop:\n{}", s.stderr());

    s.signal("TERM");
    assert_eq!(s.wait_exit(PATIENCE).and_then(|st| st.code()), Some(0));
}

// ---------------------------------------------------------------------------------------
// Incremental rebuilds, fed by the real watcher, against a fresh full build.

fn files_of(map: BTreeMap<String, Content>) -> BTreeMap<String, Vec<u8>> {
    map.into_iter()
        .map(|(k, c)| {
            let bytes = c.read().unwrap_or_else(|e| panic!("{k}: {e}"));
            (k, bytes)
        })
        .collect()
}

/// Every change the watcher reports for the step just made, once things are quiet.
fn changes(w: &watch::Watcher) -> watch::Batch {
    let mut batch = w.next(PATIENCE).expect("the watcher saw the change");
    while let Ok(more) = w.next(Duration::from_millis(300)) {
        batch.merge(more);
    }
    batch
}

#[test]
fn incremental_rebuilds_equal_full_builds() {
    let site = TestSite::new().with_three_meetings();
    let root = site.root().to_path_buf();
    let w = watch::start(&root, None, false).unwrap();
    let mut inc = Site::new(BuildOptions::new(&root));
    // As `serve` builds: pages spooled to a temp folder, bodies read again from their files.
    inc.spool_to(std::sync::Arc::new(prongsai::write::Spool::new().unwrap()));
    let (r, _) = inc.build_in_memory();
    assert!(r.ok(), "{:?}", r.diagnostics.sorted());

    let theme = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/templates/meeting.html"),
    )
    .unwrap();
    let plan = "content/2567/2567-05-21-plan.md";
    type Step<'a> = (&'a str, Box<dyn Fn(&TestSite) + 'a>);
    let steps: Vec<Step> = vec![
        (
            "change a meeting",
            Box::new(|s| s.write(ROAD, &meeting("ประชุมถนน ชื่อใหม่", "2567-03-15", CITIZENS_12))),
        ),
        (
            // Same size, same modification time: only the watcher's word says it changed.
            "same-size edit with the old mtime",
            Box::new(|s| {
                let p = s.path(ROAD);
                let mtime = std::fs::metadata(&p).unwrap().modified().unwrap();
                s.write(ROAD, &meeting("ประชุมถนน ชื่อใหญ่", "2567-03-15", CITIZENS_12));
                std::fs::File::options().write(true).open(&p).unwrap().set_modified(mtime).unwrap();
            }),
        ),
        (
            "add a meeting",
            Box::new(|s| {
                s.write("content/2567/2567-08-01-new.md", &meeting("ประชุมใหม่", "2567-08-01", CITIZENS_12))
            }),
        ),
        (
            "add one in a new year",
            Box::new(|s| {
                s.write("content/2568/2567-11-02-next.md", &meeting("ประชุมปีหน้า", "2567-11-02", CITIZENS_12))
            }),
        ),
        ("delete a meeting", Box::new(|s| s.remove("content/2567/2567-06-19-dengue.md"))),
        (
            "rename a meeting",
            Box::new(|s| {
                std::fs::rename(s.path(plan), s.path("content/2567/2567-05-21-renamed.md")).unwrap()
            }),
        ),
        (
            "save by rename",
            Box::new(|s| {
                s.write_by_rename(ROAD, &meeting("ประชุมถนน บันทึกแบบ rename", "2567-03-15", CITIZENS_12))
            }),
        ),
        (
            "change site.yaml",
            Box::new(|s| {
                s.write(
                    "site.yaml",
                    &format!("{}numerals: thai\n", site_yaml("https://www.example.go.th/ita/")),
                )
            }),
        ),
        ("create templates/", Box::new(|s| s.write("templates/meeting.html", &mark(&theme, "แม่แบบ-1")))),
        ("change a template", Box::new(|s| s.write("templates/meeting.html", &mark(&theme, "แม่แบบ-2")))),
        ("add a static file", Box::new(|s| s.write("static/files/a.pdf", "%PDF"))),
        (
            "rename a folder",
            Box::new(|s| std::fs::rename(s.path("content/2568"), s.path("content/y2568")).unwrap()),
        ),
        ("a broken meeting", Box::new(|s| s.write(ROAD, &broken_meeting("เสีย")))),
        ("fixed again", Box::new(|s| s.write(ROAD, &meeting("ประชุมถนน หายเสีย", "2567-03-15", CITIZENS_12)))),
        ("delete a template", Box::new(|s| s.remove("templates/meeting.html"))),
    ];
    for (what, step) in steps {
        step(&site);
        let batch = changes(&w);
        assert!(!batch.paths.is_empty(), "{what}: no paths");
        inc.changed(&batch.paths);
        let (ri, mi) = inc.build_in_memory();
        let (rf, mf) = Site::new(BuildOptions::new(&root)).build_in_memory();
        assert_eq!(ri.diagnostics.sorted(), rf.diagnostics.sorted(), "{what}");
        assert_eq!(ri.ok(), rf.ok(), "{what}");
        if !rf.ok() {
            continue;
        }
        if what == "change a meeting" {
            assert_eq!(ri.reread, 1, "{what}: only the edited file is read again");
        }
        let (fi, ff) = (files_of(mi.into_files()), files_of(mf.into_files()));
        assert_eq!(fi.keys().collect::<Vec<_>>(), ff.keys().collect::<Vec<_>>(), "{what}: same files");
        for (k, v) in &ff {
            assert!(fi[k] == *v, "{what}: {k} differs");
        }
    }
}

/// A change under `static/` makes again only the pages that show the file changed: the
/// meeting page that lists an attachment (its size), the disclosure page whose table a CSV
/// is; a file no page shows makes none, and is served all the same.
#[test]
fn a_change_under_static_renders_again_only_the_pages_that_show_it() {
    let site = TestSite::new()
        .with_three_meetings()
        .static_file("files/minutes.pdf", b"%PDF-1.4 short")
        .static_file("files/works.csv", "งาน,บาท\nซ่อมถนน,150000\n".as_bytes());
    let road = meeting("ประชุมรับฟังความคิดเห็นโครงการถนน", "2567-03-15", CITIZENS_12);
    site.write(ROAD, &road.replacen("topics:", "attachments: [files/minutes.pdf]\ntopics:", 1));
    site.write(
        "content/2569/ita/o1.md",
        "---\ntitle: โครงสร้าง\nita_item: O1\nattachments: [files/works.csv]\n---\nแผนผัง\n",
    );
    let root = site.root().to_path_buf();
    let mut kept = Site::new(BuildOptions::new(&root));
    let mut build = |changed: &[&str]| {
        kept.changed(&changed.iter().map(|p| site.path(p)).collect::<Vec<_>>());
        let (r, sink) = kept.build_in_memory();
        assert!(r.ok(), "{:?}", r.diagnostics.sorted());
        (r.rerendered, files_of(sink.into_files()))
    };
    let page =
        |files: &BTreeMap<String, Vec<u8>>, path: &str| String::from_utf8_lossy(&files[path]).into_owned();
    let (all, files) = build(&[]);
    assert_eq!(all, 3, "every meeting page the first time");
    assert!(page(&files, "2567/road/index.html").contains("14 B"));

    site.write("static/files/other.pdf", "%PDF");
    let (rerendered, files) = build(&["static/files/other.pdf"]);
    assert_eq!(rerendered, 0, "no page shows the new file");
    assert!(files.contains_key("files/other.pdf"), "the new file is served");

    site.write("static/files/minutes.pdf", &format!("%PDF-1.4 {}", "x".repeat(5000)));
    let (rerendered, files) = build(&["static/files/minutes.pdf"]);
    assert_eq!(rerendered, 1, "the one meeting that lists the file");
    assert!(page(&files, "2567/road/index.html").contains("5 KB"));

    site.write("static/files/works.csv", "งาน,บาท\nซ่อมถนน,150000\nขุดลอกคลอง,80000\n");
    let (rerendered, files) = build(&["static/files/works.csv"]);
    assert_eq!(rerendered, 0, "no meeting shows the table");
    let table = scraper::Html::parse_document(&page(&files, "ita/2569/o1/index.html"));
    assert!(texts(&table, "td").contains(&"ขุดลอกคลอง".to_string()), "{:?}", texts(&table, "td"));

    // Same size, same modification time: only the watcher's word says it changed.
    let csv = site.path("static/files/works.csv");
    let mtime = std::fs::metadata(&csv).unwrap().modified().unwrap();
    site.write("static/files/works.csv", "งาน,บาท\nซ่อมถนน,150000\nขุดลอกคลอง,90000\n");
    std::fs::File::options().write(true).open(&csv).unwrap().set_modified(mtime).unwrap();
    let (_, files) = build(&["static/files/works.csv"]);
    let table = scraper::Html::parse_document(&page(&files, "ita/2569/o1/index.html"));
    assert!(texts(&table, "td").contains(&"90000".to_string()), "{:?}", texts(&table, "td"));
}
