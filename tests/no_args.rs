//! `prongsai` with no arguments, as a double-click starts it: next to a `site.yaml` it
//! serves that site (port 1111, or a free one when 1111 is busy) and opens the browser;
//! elsewhere it opens the "create a website" page, which writes the site into that folder
//! and sends the browser to its editor, on this machine only.

mod support;

use std::path::Path;
use std::process::Command;
use std::time::Duration;
use support::*;

/// The no-argument start in `dir`, with the browser variables cleared: each test sets
/// the ones it is about.
fn no_args_in(dir: &Path) -> Command {
    let mut cmd = Command::new(bin());
    cmd.current_dir(dir);
    for v in ["PRONGSAI_NO_BROWSER", "BROWSER", "DISPLAY", "WAYLAND_DISPLAY"] {
        cmd.env_remove(v);
    }
    cmd
}

/// A `BROWSER` that writes the URL it was given to `log` instead of opening anything.
fn fake_browser(dir: &Path, log: &Path) -> String {
    let script = dir.join("fake-browser.sh");
    std::fs::write(&script, format!("#!/bin/sh\nprintf '%s\\n' \"$1\" >> '{}'\n", log.display())).unwrap();
    let _ = Command::new("chmod").arg("+x").arg(&script).status();
    script.display().to_string()
}

fn titled(title: &str) -> TestSite {
    let site = TestSite::new();
    site.write("site.yaml", &SITE_YAML.replace("title: ศูนย์ข้อมูลการมีส่วนร่วม", &format!("title: {title}")));
    site
}

/// Port 1111, or a line saying it was busy and which port was used instead.
fn assert_port_said(s: &Server) {
    if s.port != 1111 {
        let note = format!("พอร์ต 1111 ถูกใช้อยู่ (อาจมี prongsai อีกหน้าต่างเปิดอยู่) จึงใช้พอร์ต {} แทน", s.port);
        assert!(s.stderr().contains(&note), "port {} without the note:\n{}", s.port, s.stderr());
    }
}

#[test]
fn next_to_site_yaml_it_serves_that_site_and_two_at_once_get_two_ports() {
    let first = titled("เว็บไซต์ที่หนึ่ง").with_three_meetings();
    let second = titled("เว็บไซต์ที่สอง");
    let tools = tempfile::tempdir().unwrap();
    let log = tools.path().join("opened.txt");

    // Told not to open a browser: even a BROWSER that would work is not started.
    let mut cmd = no_args_in(first.root());
    cmd.env("PRONGSAI_NO_BROWSER", "1").env("BROWSER", fake_browser(tools.path(), &log));
    let a = Server::start_cmd(cmd);
    // No screen and no BROWSER: it says to open the URL by hand.
    let b = Server::start_cmd(no_args_in(second.root()));

    assert_ne!(a.port, b.port);
    assert_port_said(&a);
    assert_port_said(&b);
    assert_eq!(a.base, "/ita/");
    let page_a = wait_for_page(a.port, "/ita/", 200, "เว็บไซต์ที่หนึ่ง");
    assert!(!page_a.text().contains("เว็บไซต์ที่สอง"));
    wait_for_page(a.port, ROAD_URL, 200, "ประชุมรับฟังความคิดเห็นโครงการถนน");
    wait_for_page(b.port, "/ita/", 200, "เว็บไซต์ที่สอง");
    let url_b = format!("http://127.0.0.1:{}/ita/", b.port);
    let note = format!("หมายเหตุ: ไม่พบหน้าจอ จึงไม่ได้เปิดเบราว์เซอร์ ให้เปิด {url_b} ในเบราว์เซอร์เอง");
    assert!(b.wait_for_line(&note, PATIENCE).is_some(), "{}", b.stderr());

    // The browser thread starts right after the URL line, before pages are served.
    std::thread::sleep(Duration::from_millis(500));
    assert!(!log.exists(), "a browser was started despite PRONGSAI_NO_BROWSER=1");
    assert!(!a.stderr().contains("เบราว์เซอร์"), "{}", a.stderr());
}

#[test]
fn next_to_site_yaml_it_opens_the_browser_at_the_url_and_ctrl_c_stops_it() {
    let site = TestSite::new().with_three_meetings();
    let tools = tempfile::tempdir().unwrap();
    let log = tools.path().join("opened.txt");
    let mut cmd = no_args_in(site.root());
    cmd.env("BROWSER", fake_browser(tools.path(), &log));
    let mut s = Server::start_cmd(cmd);
    assert_port_said(&s);
    let url = format!("http://127.0.0.1:{}/ita/", s.port);
    let opened = wait_until(PATIENCE, || std::fs::read_to_string(&log).ok().filter(|t| t.ends_with('\n')))
        .unwrap_or_else(|| panic!("no browser started:\n{}", s.stderr()));
    assert_eq!(opened, format!("{url}\n"));
    assert!(s.wait_for_line(&format!("เปิดเบราว์เซอร์ที่ {url} แล้ว"), PATIENCE).is_some(), "{}", s.stderr());
    wait_for_page(s.port, "/ita/", 200, "ศูนย์ข้อมูลการมีส่วนร่วม");

    s.signal("INT");
    let status = s.wait_exit(PATIENCE).expect("Ctrl-C stops it");
    assert!(status.success(), "{status:?}");
    assert!(s.stderr_after_exit().contains("หยุดเซิร์ฟเวอร์แล้ว"));
}

/// The no-argument start in a folder without `site.yaml`, started with a fake `BROWSER`:
/// the server, and the URL the browser was opened at.
fn start_without_site(dir: &Path, tools: &Path) -> (Server, String) {
    let log = tools.join("opened.txt");
    let mut cmd = no_args_in(dir);
    cmd.env("BROWSER", fake_browser(tools, &log));
    let mut s = Server::spawn_cmd(cmd);
    let line = s
        .wait_for_line("สร้างเว็บไซต์ใหม่ในโฟลเดอร์นี้ได้ที่หน้า ", PATIENCE)
        .unwrap_or_else(|| panic!("no create page announced:\n{}", s.stderr()));
    let rest = line.split("http://127.0.0.1:").nth(1).unwrap_or_else(|| panic!("odd line {line}"));
    s.port = rest[..rest.find('/').unwrap()].parse().unwrap();
    let opened = wait_until(PATIENCE, || std::fs::read_to_string(&log).ok().filter(|t| t.ends_with('\n')))
        .unwrap_or_else(|| panic!("no browser started:\n{}", s.stderr()));
    (s, opened.trim_end().to_string())
}

/// A form POST to the create page, as a browser sends it.
fn post_form(port: u16, host: &str, origin: Option<&str>, fields: &[(&str, &str)]) -> Resp {
    let body: String = fields
        .iter()
        .map(|(k, v)| {
            format!("{k}={}", percent_encoding::utf8_percent_encode(v, percent_encoding::NON_ALPHANUMERIC))
        })
        .collect::<Vec<_>>()
        .join("&");
    let origin = origin.map(|o| format!("Origin: {o}\r\n")).unwrap_or_default();
    raw(
        port,
        format!(
            "POST /__prongsai/create/ HTTP/1.1\r\nHost: {host}\r\n{origin}Connection: close\r\n\
             Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\n\r\n{body}",
            body.len()
        )
        .as_bytes(),
    )
}

#[test]
fn without_a_site_it_opens_the_create_page_which_writes_the_site_and_opens_its_editor() {
    let dir = tempfile::tempdir().unwrap();
    let tools = tempfile::tempdir().unwrap();
    let (mut s, opened) = start_without_site(dir.path(), tools.path());
    let port = s.port;
    assert_eq!(opened, format!("http://127.0.0.1:{port}/__prongsai/create/"));
    assert_port_said(&s);

    // The page: three fields, the years the program has lists for, this run's token.
    let page = get(port, "/__prongsai/create/");
    assert_eq!(page.status, 200);
    let doc = scraper::Html::parse_document(&page.text());
    assert_eq!(texts(&doc, "h1"), ["สร้างเว็บไซต์"]);
    for id in ["f-organization", "f-base_url", "f-year"] {
        assert_eq!(attrs(&doc, &format!("label[for={id}]"), "for").len(), 1, "no label for #{id}");
    }
    let years = attrs(&doc, "#f-year option", "value");
    assert!(years.contains(&"2569".to_string()), "{years:?}");
    let token = attrs(&doc, "input[name=token]", "value").pop().unwrap();
    assert_eq!(token.len(), 32);
    // Its guide link works before any site exists.
    assert!(attrs(&doc, "nav a", "href").contains(&"/__prongsai/guide/".to_string()));
    let guide = get(port, "/__prongsai/guide/");
    assert!(guide.status == 200 && guide.text().contains("id=\"PS0601\""), "{}", guide.status);
    // The bare address leads there too.
    let root = get(port, "/");
    assert_eq!((root.status, root.header("location")), (303, Some("/__prongsai/create/")));

    // The locks: a foreign Host (DNS rebinding), no token, another origin.
    let host = format!("127.0.0.1:{port}");
    let origin = format!("http://{host}");
    let good = [("token", token.as_str()), ("organization", "องค์การบริหารส่วนตำบลหนองกุง"), ("year", "2569")];
    let r = raw(
        port,
        format!("GET /__prongsai/create/ HTTP/1.1\r\nHost: evil.example:{port}\r\nConnection: close\r\n\r\n")
            .as_bytes(),
    );
    assert_eq!(r.status, 403);
    assert_eq!(post_form(port, &format!("evil.example:{port}"), Some(&origin), &good).status, 403);
    assert_eq!(post_form(port, &host, Some("http://evil.example"), &good).status, 403);
    assert_eq!(post_form(port, &host, None, &good).status, 403);
    assert_eq!(post_form(port, &host, Some(&origin), &good[1..]).status, 403);
    let wrong = [("token", "0123456789abcdef0123456789abcdef"), good[1], good[2]];
    assert_eq!(post_form(port, &host, Some(&origin), &wrong).status, 403);
    // What check refuses is said at its field, and nothing is written.
    let r = post_form(
        port,
        &host,
        Some(&origin),
        &[good[0], ("organization", " "), ("base_url", "www.nongkung"), good[2]],
    );
    assert_eq!(r.status, 422);
    let doc = scraper::Html::parse_document(&r.text());
    assert!(texts(&doc, "#d-organization").concat().contains("ใส่ชื่อหน่วยงาน"), "{}", r.text());
    assert!(texts(&doc, "#d-base_url").concat().contains("PS0601"), "{}", r.text());
    assert_eq!(attrs(&doc, "#f-base_url", "value"), ["www.nongkung"], "the typed value is kept");
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0, "a refused form wrote something");

    // The form as filled in: the site is written, and the browser sent to its editor.
    let mut filled = good.to_vec();
    filled.push(("base_url", "https://www.nongkung.go.th/ita/"));
    let r = post_form(port, &host, Some(&origin), &filled);
    assert_eq!((r.status, r.header("location")), (303, Some("/__prongsai/edit/")), "{}", r.text());
    let yaml = std::fs::read_to_string(dir.path().join("site.yaml")).unwrap();
    assert!(yaml.contains("organization: \"องค์การบริหารส่วนตำบลหนองกุง\""), "{yaml}");
    assert!(yaml.contains("base_url: \"https://www.nongkung.go.th/ita/\""), "{yaml}");
    assert!(yaml.contains("2569: {code: O19"), "{yaml}");
    assert!(dir.path().join("content/2569").is_dir());
    let errors = check_errors(dir.path());
    assert!(errors.is_empty(), "{errors:?}");

    // Same port: the editor and the new site's preview, the editor for this machine only.
    let editor = wait_for_page(port, "/__prongsai/edit/", 200, "ตัวแก้ไขเว็บไซต์");
    assert!(editor.text().contains("prongsai-token"));
    wait_for_page(port, "/ita/", 200, "องค์การบริหารส่วนตำบลหนองกุง");
    let r = raw(
        port,
        format!("GET /__prongsai/edit/ HTTP/1.1\r\nHost: evil.example:{port}\r\nConnection: close\r\n\r\n")
            .as_bytes(),
    );
    assert_eq!(r.status, 403);
    assert!(s.stderr().contains("สร้างเว็บไซต์ใหม่ที่"), "{}", s.stderr());
    // The browser was opened once, at the create page: the redirect did the rest.
    assert_eq!(std::fs::read_to_string(tools.path().join("opened.txt")).unwrap().lines().count(), 1);

    s.signal("INT");
    let status = s.wait_exit(PATIENCE).expect("Ctrl-C stops it");
    assert!(status.success(), "{status:?}");
}

#[test]
fn without_a_site_ctrl_c_on_the_create_page_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let tools = tempfile::tempdir().unwrap();
    let (mut s, _) = start_without_site(dir.path(), tools.path());
    assert_eq!(get(s.port, "/__prongsai/create/").status, 200);
    s.signal("INT");
    let status = s.wait_exit(PATIENCE).expect("Ctrl-C stops it");
    assert!(status.success(), "{status:?}");
    assert!(s.stderr_after_exit().contains("หยุดเซิร์ฟเวอร์แล้ว"));
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
}

#[test]
fn the_create_page_points_to_the_example_beside_the_program_when_there_is_one() {
    // The program as the release archive lays it out: ตัวอย่าง/ beside it.
    let dir = tempfile::tempdir_in(env!("CARGO_TARGET_TMPDIR")).unwrap();
    let prog = dir.path().join("prongsai");
    std::fs::hard_link(bin(), &prog).or_else(|_| std::fs::copy(bin(), &prog).map(|_| ())).unwrap();
    let example = dir.path().join("ตัวอย่าง");
    std::fs::create_dir(&example).unwrap();
    std::fs::write(example.join("site.yaml"), SITE_YAML).unwrap();
    let tools = tempfile::tempdir().unwrap();
    let log = tools.path().join("opened.txt");
    let mut cmd = Command::new(&prog);
    cmd.current_dir(dir.path()).env("PRONGSAI_NO_BROWSER", "1");
    let s = Server::spawn_cmd(cmd);
    let line = s.wait_for_line("สร้างเว็บไซต์ใหม่ในโฟลเดอร์นี้ได้ที่หน้า ", PATIENCE).expect("the create page");
    let rest = line.split("http://127.0.0.1:").nth(1).unwrap();
    let port: u16 = rest[..rest.find('/').unwrap()].parse().unwrap();
    let page = get(port, "/__prongsai/create/").text();
    assert!(page.contains("เปิดเว็บไซต์ตัวอย่าง"), "{page}");
    let doc = scraper::Html::parse_document(&page);
    assert_eq!(texts(&doc, "main p > span.file"), [example.display().to_string()], "{page}");
    assert!(!log.exists());
    // Without it, the page does not send the clerk looking for it.
    let tools = tempfile::tempdir().unwrap();
    let empty = tempfile::tempdir().unwrap();
    let (s2, _) = start_without_site(empty.path(), tools.path());
    assert!(!get(s2.port, "/__prongsai/create/").text().contains("เปิดเว็บไซต์ตัวอย่าง"));
}
