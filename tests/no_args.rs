//! `prongsai` with no arguments, as a double-click starts it: next to a `site.yaml` it
//! serves that site (port 1111, or a free one when 1111 is busy) and opens the browser;
//! elsewhere it explains in Thai, and waits for Enter only when a person is at a console.

mod support;

use std::io::{Read, Write};
use std::path::Path;
use std::process::{Command, Stdio};
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

/// The Thai explanation, checked line by line where it names what to do.
fn assert_explains(stderr: &str, dir: &Path) {
    let here = dir.canonicalize().unwrap();
    for needle in [
        format!("ไม่พบไฟล์ site.yaml ในโฟลเดอร์นี้ ({})", here.display()),
        "ย้าย prongsai ไปไว้ในโฟลเดอร์เดียวกับไฟล์ site.yaml ของเว็บไซต์".to_string(),
        "prongsai init เว็บไซต์-อบต".to_string(),
        "คู่มือภาษาไทย: ไฟล์ guide-th.md".to_string(),
    ] {
        assert!(stderr.contains(&needle), "missing {needle:?} in:\n{stderr}");
    }
}

#[test]
fn elsewhere_without_a_console_it_explains_in_thai_and_exits_2_at_once() {
    let dir = tempfile::tempdir().unwrap();
    // stdin is a pipe kept open and never written: waiting on it would hang the test.
    let mut child = no_args_in(dir.path())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let stdin = child.stdin.take();
    let status = wait_until(PATIENCE, || child.try_wait().unwrap());
    drop(stdin);
    let Some(status) = status else {
        let _ = child.kill();
        panic!("it waited for input with no console");
    };
    assert_eq!(status.code(), Some(2));
    let mut err = String::new();
    child.stderr.take().unwrap().read_to_string(&mut err).unwrap();
    assert_explains(&err, dir.path());
    assert!(!err.contains("กด Enter"), "{err}");
    assert!(!dir.path().join("public").exists());
}

#[test]
fn elsewhere_in_a_console_it_waits_for_enter_before_closing() {
    let script = need_program(&["script"], "apt-get install util-linux");
    let dir = tempfile::tempdir().unwrap();
    // `script` gives the program a pseudo-terminal, as a console window would.
    let mut child = Command::new(script)
        .args(["-qec", bin(), "/dev/null"])
        .current_dir(dir.path())
        .env_remove("PRONGSAI_NO_BROWSER")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut out = child.stdout.take().unwrap();
    let seen = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
    let reader = {
        let seen = seen.clone();
        std::thread::spawn(move || {
            let mut buf = [0u8; 4096];
            while let Ok(n) = out.read(&mut buf) {
                if n == 0 {
                    break;
                }
                seen.lock().unwrap().extend_from_slice(&buf[..n]);
            }
        })
    };
    let text = || String::from_utf8_lossy(&seen.lock().unwrap()).into_owned();
    let prompted = wait_until(PATIENCE, || text().contains("กด Enter เพื่อปิดหน้าต่างนี้").then_some(()));
    if prompted.is_none() {
        let _ = child.kill();
        panic!("no prompt:\n{}", text());
    }
    assert_explains(&text(), dir.path());
    // Still open a while later: it is waiting, not merely slow to exit.
    std::thread::sleep(Duration::from_millis(700));
    assert!(child.try_wait().unwrap().is_none(), "it closed without waiting for Enter:\n{}", text());

    let mut stdin = child.stdin.take().unwrap();
    stdin.write_all(b"\r").unwrap();
    stdin.flush().unwrap();
    let status = wait_until(PATIENCE, || child.try_wait().unwrap());
    drop(stdin);
    let Some(status) = status else {
        let _ = child.kill();
        panic!("Enter did not close it:\n{}", text());
    };
    assert_eq!(status.code(), Some(2), "{}", text());
    reader.join().unwrap();
}
