//! `prongsai` with no arguments, as a double-click in Windows Explorer starts it (Explorer
//! starts a program in its own folder, in a new console window that closes when it exits).
//! Next to a `site.yaml` it serves that site and opens the browser; elsewhere it says in
//! Thai what to do, and waits for Enter so that the window stays open long enough to read.

use super::EXIT_IO;
use prongsai::load;
use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

/// The port a double-click serves on when it is free (as `prongsai serve`); a busy one
/// (another prongsai already open) falls back to any free port rather than failing,
/// since the person who double-clicked cannot add `--port`.
pub const PORT: u16 = 1111;

/// Set (to anything but "" or "0") to keep the browser closed: for tests and CI.
pub const NO_BROWSER_VAR: &str = "PRONGSAI_NO_BROWSER";

/// The site folder to serve: the current folder, where Explorer starts a double-clicked
/// program; failing that, the program's own folder (a shortcut may start it elsewhere).
pub fn site_here() -> Option<PathBuf> {
    let cwd = PathBuf::from(".");
    if cwd.join(load::CONFIG_FILE).is_file() {
        return Some(cwd);
    }
    let exe_dir = std::env::current_exe().ok()?.parent()?.to_path_buf();
    exe_dir.join(load::CONFIG_FILE).is_file().then_some(exe_dir)
}

/// No `site.yaml` here: what to do, in Thai; then, in a console, wait for Enter.
pub fn explain() -> ExitCode {
    let here = std::env::current_dir().map(|d| d.display().to_string()).unwrap_or_else(|_| ".".into());
    let exe = format!("prongsai{}", std::env::consts::EXE_SUFFIX);
    eprintln!("prongsai (โปร่งใส): ไม่พบไฟล์ {} ในโฟลเดอร์นี้ ({here})", load::CONFIG_FILE);
    eprintln!();
    eprintln!("ดับเบิลคลิก {exe} ในโฟลเดอร์ของเว็บไซต์ (โฟลเดอร์ที่มีไฟล์ site.yaml) แล้วจะเปิดเว็บไซต์ในเบราว์เซอร์ให้เอง");
    eprintln!("ทำอย่างใดอย่างหนึ่ง:");
    eprintln!("  1. ย้าย {exe} ไปไว้ในโฟลเดอร์เดียวกับไฟล์ site.yaml ของเว็บไซต์ แล้วดับเบิลคลิกอีกครั้ง");
    eprintln!("  2. หรือสร้างเว็บไซต์ใหม่: เปิดหน้าต่างคำสั่ง (Command Prompt) ที่โฟลเดอร์นี้ แล้วพิมพ์");
    eprintln!("       prongsai init เว็บไซต์-อบต");
    eprintln!("     จากนั้นย้าย {exe} เข้าไปในโฟลเดอร์ เว็บไซต์-อบต ที่สร้างขึ้น แล้วดับเบิลคลิก");
    eprintln!();
    eprintln!("คู่มือภาษาไทย: ไฟล์ guide-th.md ที่มากับโปรแกรม (ในซอร์สโค้ดคือ docs/guide-th.md)");
    eprintln!("คำสั่งทั้งหมด: prongsai --help");
    // Only a person at a console can press Enter: in CI or a pipe, wait for nothing.
    if std::io::stdin().is_terminal() {
        eprintln!();
        eprintln!("กด Enter เพื่อปิดหน้าต่างนี้");
        let mut line = String::new();
        let _ = std::io::stdin().read_line(&mut line);
    }
    ExitCode::from(EXIT_IO)
}

/// Opens the default browser at `url`, unless told not to or there is no screen to show
/// it on; says why not, since the person is waiting for a browser window.
pub fn open_browser(url: &str) {
    if std::env::var_os(NO_BROWSER_VAR).is_some_and(|v| !v.is_empty() && v != "0") {
        return;
    }
    if !has_display() {
        eprintln!("หมายเหตุ: ไม่พบหน้าจอ จึงไม่ได้เปิดเบราว์เซอร์ ให้เปิด {url} ในเบราว์เซอร์เอง");
        return;
    }
    // Its own thread: some launchers wait for the browser, and the server must not.
    let url = url.to_string();
    let _ =
        std::thread::Builder::new().name("prongsai-browser".into()).spawn(move || {
            match webbrowser::open(&url) {
                Ok(()) => eprintln!("เปิดเบราว์เซอร์ที่ {url} แล้ว"),
                Err(e) => eprintln!("หมายเหตุ: เปิดเบราว์เซอร์ไม่ได้ ({e}) ให้เปิด {url} ในเบราว์เซอร์เอง"),
            }
        });
}

/// On Linux and the BSDs a browser needs X11 or Wayland (or a `BROWSER` the user chose):
/// over SSH, a launcher could otherwise start a text browser in this very terminal.
fn has_display() -> bool {
    if cfg!(all(unix, not(target_os = "macos"))) {
        ["DISPLAY", "WAYLAND_DISPLAY", "BROWSER"]
            .iter()
            .any(|v| std::env::var_os(v).is_some_and(|s| !s.is_empty()))
    } else {
        true
    }
}
