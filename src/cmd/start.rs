//! `prongsai` with no arguments, as a double-click in Windows Explorer starts it (Explorer
//! starts a program in its own folder, in a new console window that closes when it exits).
//! Next to a `site.yaml` it serves that site and opens the browser; elsewhere it says in
//! Thai what to do, and waits for Enter so that the window stays open long enough to read.

use super::fail;
use prongsai::serve::{self, create};
use prongsai::site::BuildOptions;
use prongsai::{calendar, load};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

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

/// No `site.yaml` here: the "create a website" page ([`prongsai::serve::create`]) in the
/// browser; once the person has created the site in this folder, the site itself with
/// its editor on the same port, where the page sends the browser.
pub fn create(today: calendar::Date) -> ExitCode {
    let dir =
        std::env::current_dir().map(|d| std::path::absolute(&d).unwrap_or(d)).unwrap_or_else(|_| ".".into());
    let rt = match serve::runtime() {
        Ok(rt) => rt,
        Err(e) => return fail(&format!("เริ่มเซิร์ฟเวอร์ไม่ได้: {e}")),
    };
    let _enter = rt.enter();
    let mut shutdown = match serve::Shutdown::new() {
        Ok(s) => s,
        Err(e) => return fail(&format!("เริ่มเซิร์ฟเวอร์ไม่ได้: {e}")),
    };
    let listener = match super::serve::bind_port("127.0.0.1", PORT, true) {
        Ok(l) => l,
        Err(code) => return code,
    };
    let addr = listener.local_addr().expect("bound");
    // A second handle on the same socket for the site's server: a browser that connects
    // between the two waits in the socket's queue instead of being refused.
    let next = match listener.try_clone() {
        Ok(l) => l,
        Err(e) => return fail(&format!("เริ่มเซิร์ฟเวอร์ไม่ได้: {e}")),
    };
    let creator = Arc::new(create::Creator::new(dir.clone(), addr.port(), today));
    let app = create::router(creator.clone()).merge(serve::guide::router(&[(create::ROOT, "สร้างเว็บไซต์")]));
    let at = serve::url(addr, create::ROOT);
    eprintln!("prongsai (โปร่งใส): ไม่พบไฟล์ {} ในโฟลเดอร์นี้ ({})", load::CONFIG_FILE, dir.display());
    eprintln!("สร้างเว็บไซต์ใหม่ในโฟลเดอร์นี้ได้ที่หน้า {at} (กด Ctrl-C เพื่อหยุด)");
    open_browser(&at);
    let created = rt.block_on(async {
        let listener = match tokio::net::TcpListener::from_std(listener) {
            Ok(l) => l,
            Err(e) => return Err(fail(&format!("เริ่มเซิร์ฟเวอร์ไม่ได้: {e}"))),
        };
        let c = creator.clone();
        let server = axum::serve(listener, app).with_graceful_shutdown(async move { c.created().await });
        tokio::select! {
            res = server => match res {
                Ok(()) => Ok(true),
                Err(e) => Err(fail(&format!("เซิร์ฟเวอร์หยุดทำงาน: {e}"))),
            },
            _ = shutdown.wait() => Ok(false),
        }
    });
    match created {
        Ok(true) => {}
        Ok(false) => {
            eprintln!("หยุดเซิร์ฟเวอร์แล้ว");
            return ExitCode::SUCCESS;
        }
        Err(code) => return code,
    }
    eprintln!("สร้างเว็บไซต์ใหม่ที่ {} แล้ว เปิดตัวแก้ไขในเบราว์เซอร์", dir.display());
    let mut opts = BuildOptions::new(&dir);
    opts.today = Some(today);
    let code = super::serve::serve_on(opts, &rt, shutdown, next, false, false);
    drop(_enter);
    rt.shutdown_timeout(std::time::Duration::from_millis(200));
    code
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
