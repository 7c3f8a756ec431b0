//! `prongsai serve` and `prongsai build --watch`: the first build, then a rebuild after
//! every batch of changes, each said in one line in the terminal. The watching, the
//! rebuilding and the server are [`prongsai::serve`]'s; this is what the webmaster sees.

use super::{fail, report, write_failure};
use prongsai::diagnostics::Diagnostic;
use prongsai::serve::server::{self, Shared};
use prongsai::serve::watch::{self, Batch, Watcher};
use prongsai::serve::{ListenError, Shutdown, listen, publish, rebuild_loop, runtime, url};
use prongsai::serve::{edit, guide};
use prongsai::site::{self, BuildOptions, Report, Site};
use std::path::Path;
use std::process::ExitCode;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

/// `double_click`: started with no arguments ([`super::start`]): a busy port falls back to
/// a free one, and the browser opens at the URL.
pub fn serve(opts: BuildOptions, bind: &str, port: u16, poll: bool, double_click: bool) -> ExitCode {
    let rt = match runtime() {
        Ok(rt) => rt,
        Err(e) => return fail(&format!("เริ่มเซิร์ฟเวอร์ไม่ได้: {e}")),
    };
    let _enter = rt.enter();
    // Before anything slow, so that Ctrl-C during the first build also exits cleanly.
    let shutdown = match Shutdown::new() {
        Ok(s) => s,
        Err(e) => return fail(&format!("เริ่มเซิร์ฟเวอร์ไม่ได้: {e}")),
    };
    let listener = match bind_port(bind, port, double_click) {
        Ok(l) => l,
        Err(code) => return code,
    };
    let code = serve_on(opts, &rt, shutdown, listener, poll, double_click);
    drop(_enter);
    rt.shutdown_timeout(Duration::from_millis(200));
    code
}

/// Listens on `bind:port`; a double-click falls back to a free port (saying so), since
/// the person who double-clicked cannot add `--port`.
pub fn bind_port(bind: &str, port: u16, double_click: bool) -> Result<std::net::TcpListener, ExitCode> {
    match listen(bind, port) {
        Ok(l) => Ok(l),
        Err(ListenError::PortInUse { .. }) if double_click => match listen(bind, 0) {
            Ok(l) => {
                let free = l.local_addr().map(|a| a.port()).unwrap_or(0);
                eprintln!("หมายเหตุ: พอร์ต {port} ถูกใช้อยู่ (อาจมี prongsai อีกหน้าต่างเปิดอยู่) จึงใช้พอร์ต {free} แทน");
                Ok(l)
            }
            Err(e) => Err(fail(&e.to_string())),
        },
        Err(e) => Err(fail(&e.to_string())),
    }
}

/// Serves the site on a listener already bound, inside `rt` (entered by the caller), until
/// `shutdown`. `open_browser`: open the browser at the site's URL once it is built.
pub fn serve_on(
    mut opts: BuildOptions,
    rt: &tokio::runtime::Runtime,
    mut shutdown: Shutdown,
    listener: std::net::TcpListener,
    poll: bool,
    open_browser: bool,
) -> ExitCode {
    opts.root = std::path::absolute(&opts.root).unwrap_or(opts.root);
    // The preview shows drafts, and a draft's errors never stop the rest of it.
    opts.preview = true;
    let addr = listener.local_addr().expect("bound");
    let watcher = match start_watching(&opts.root, None, poll) {
        Ok(w) => w,
        Err(code) => return code,
    };

    let shared = Arc::new(Shared::new());
    // The editor is for the person at this computer: on another address it does not exist.
    let editor = edit::allowed_on(addr).then(|| {
        shared.link_editor();
        Arc::new(edit::Editor::new(opts.root.clone(), addr.port(), shared.clone(), watcher.sender()))
    });
    let mut site = Site::new(opts.clone());
    // The built pages go to the system's temp folder rather than memory; without one, memory.
    let _spool = match prongsai::write::Spool::new() {
        Ok(spool) => {
            let spool = Arc::new(spool);
            site.spool_to(spool.clone());
            Some(RemoveOnExit(spool))
        }
        Err(e) => {
            eprintln!("หมายเหตุ: สร้างโฟลเดอร์ชั่วคราวไม่ได้ ({e}) จะเก็บหน้าเว็บที่สร้างไว้ในหน่วยความจำแทน");
            None
        }
    };
    let t = Instant::now();
    let (r, sink) = site.build_in_memory();
    let took = t.elapsed();
    report::print(&r);
    if r.ok() {
        shared.publish(sink.into_files(), &r, true);
        eprintln!("สร้างเว็บไซต์แล้ว {} หน้า ใน {} ({})", r.pages, site::fmt_duration(took), r.timing_line());
    } else {
        shared.fail(&r);
        eprintln!("สร้างเว็บไซต์ไม่สำเร็จ: เบราว์เซอร์จะแสดงข้อผิดพลาดจนกว่าจะแก้ไฟล์ (เซิร์ฟเวอร์ยังทำงานต่อ)");
    }
    let at = url(addr, &r.base_path);
    eprintln!("เปิดดูที่ {at}");
    if editor.is_some() {
        eprintln!("ตัวแก้ไข: {}", url(addr, prongsai::serve::edit::ROOT));
    }
    if open_browser {
        super::start::open_browser(&at);
    }
    if addr.ip().is_unspecified() {
        eprintln!(
            "หมายเหตุ: --bind {} รับการเชื่อมต่อจากเครื่องอื่นในเครือข่ายด้วย (ค่าเริ่มต้น 127.0.0.1 รับเฉพาะเครื่องนี้)",
            addr.ip()
        );
    }
    eprintln!(
        "กำลังเฝ้าดูการเปลี่ยนแปลงของไฟล์{} (กด Ctrl-C เพื่อหยุด)",
        if watcher.polling { " แบบวนตรวจ" } else { "" }
    );

    let stop = Arc::new(AtomicBool::new(false));
    let worker = {
        let (shared, stop) = (shared.clone(), stop.clone());
        let mut printed = shown(&r);
        let mut base_path = r.base_path.clone();
        std::thread::Builder::new()
            .name("prongsai-rebuild".into())
            .spawn(move || {
                rebuild_loop(&watcher, &stop, &mut site, watch_trouble, |site, batch| {
                    let t = Instant::now();
                    let (r, sink) = site.build_in_memory();
                    let took = t.elapsed();
                    // Browser first: the terminal can wait a few milliseconds.
                    let note = if publish(&shared, site, &r, sink, batch) {
                        ""
                    } else {
                        " · หน้าเว็บเหมือนเดิม ไม่ต้องโหลดใหม่"
                    };
                    report_rebuild(site.options(), &r, batch, took, &mut printed, note);
                    if r.ok() && r.base_path != base_path {
                        // base_url's path changed in site.yaml: the site moved.
                        base_path = r.base_path.clone();
                        eprintln!("เปิดดูที่ {}", url(addr, &base_path));
                    }
                })
            })
            .expect("thread starts")
    };

    let listener = match tokio::net::TcpListener::from_std(listener) {
        Ok(l) => l,
        Err(e) => return fail(&format!("เริ่มเซิร์ฟเวอร์ไม่ได้: {e}")),
    };
    let app = match editor {
        Some(ed) => edit::router(ed)
            .merge(guide::router(&[(edit::ROOT, "ตัวแก้ไข"), ("/", "ดูเว็บไซต์ (ตัวอย่าง)")]))
            .merge(server::router(shared)),
        None => guide::router(&[("/", "ดูเว็บไซต์ (ตัวอย่าง)")]).merge(server::router(shared)),
    };
    let code = rt.block_on(async move {
        tokio::select! {
            res = axum::serve(listener, app) => match res {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) => fail(&format!("เซิร์ฟเวอร์หยุดทำงาน: {e}")),
            },
            _ = shutdown.wait() => ExitCode::SUCCESS,
        }
    });
    stop.store(true, Ordering::Relaxed);
    drop(worker); // a build in memory has nothing to finish
    eprintln!("หยุดเซิร์ฟเวอร์แล้ว");
    code
}

/// The spool of `serve`'s pages, removed on the way out however `serve` ends: the rebuild
/// thread, left as it is, still holds the site and its spooled pages.
struct RemoveOnExit(Arc<prongsai::write::Spool>);

impl Drop for RemoveOnExit {
    fn drop(&mut self) {
        self.0.remove();
    }
}

pub fn watch_build(mut opts: BuildOptions, poll: bool) -> ExitCode {
    opts.root = std::path::absolute(&opts.root).unwrap_or(opts.root);
    opts.output = std::path::absolute(&opts.output).unwrap_or(opts.output);
    let rt = match tokio::runtime::Builder::new_current_thread().enable_all().build() {
        Ok(rt) => rt,
        Err(e) => return fail(&format!("เริ่มไม่ได้: {e}")),
    };
    let _enter = rt.enter();
    let mut shutdown = match Shutdown::new() {
        Ok(s) => s,
        Err(e) => return fail(&format!("เริ่มไม่ได้: {e}")),
    };
    let output = opts.output.clone();
    let watcher = match start_watching(&opts.root, Some(&output), poll) {
        Ok(w) => w,
        Err(code) => return code,
    };
    let mut site = Site::new(opts);
    let t = Instant::now();
    let r = match site.build() {
        Ok(r) => r,
        Err(e) => return fail(&write_failure(&output, &e)),
    };
    let took = t.elapsed();
    report::print(&r);
    if r.ok() {
        report::written(&r, &output, took);
    } else {
        eprintln!("สร้างเว็บไซต์ไม่สำเร็จ: ไม่ได้เขียนไฟล์ใด ๆ ลง {} แก้ไฟล์แล้วบันทึก จะสร้างใหม่เอง", output.display());
    }
    eprintln!(
        "กำลังเฝ้าดูการเปลี่ยนแปลงของไฟล์{} (กด Ctrl-C เพื่อหยุด)",
        if watcher.polling { " แบบวนตรวจ" } else { "" }
    );

    let stop = Arc::new(AtomicBool::new(false));
    let worker = {
        let stop = stop.clone();
        let mut printed = shown(&r);
        std::thread::Builder::new()
            .name("prongsai-rebuild".into())
            .spawn(move || {
                rebuild_loop(&watcher, &stop, &mut site, watch_trouble, |site, batch| {
                    let t = Instant::now();
                    match site.build() {
                        Ok(r) => {
                            let took = t.elapsed();
                            let note = if r.ok() {
                                String::new()
                            } else {
                                format!(": ไม่ได้เขียนไฟล์ใด ๆ {} ยังเป็นเว็บไซต์เดิม", output.display())
                            };
                            report_rebuild(site.options(), &r, batch, took, &mut printed, &note);
                        }
                        Err(e) => eprintln!("error: {}", write_failure(&output, &e)),
                    }
                })
            })
            .expect("thread starts")
    };
    rt.block_on(shutdown.wait());
    // Let a build that is writing finish, so the output is never left half swapped.
    stop.store(true, Ordering::Relaxed);
    let _ = worker.join();
    eprintln!("หยุดแล้ว");
    ExitCode::SUCCESS
}

/// What a build's report prints: its diagnostics, then the drafts' of the preview.
fn shown(r: &Report) -> Vec<Diagnostic> {
    let mut all = r.diagnostics.sorted();
    all.extend(r.draft_diagnostics.sorted());
    all
}

/// Some changes could not be watched; the watcher says so once.
fn watch_trouble(e: &str) {
    eprintln!("คำเตือน: ตรวจการเปลี่ยนแปลงของไฟล์บางส่วนไม่ได้ ({e}) ถ้าหน้าไม่อัปเดต ให้เริ่ม serve ใหม่ด้วย --poll");
}

/// One line per rebuild, after the diagnostics if they are not the ones already shown.
fn report_rebuild(
    opts: &BuildOptions,
    r: &Report,
    batch: &Batch,
    took: Duration,
    printed: &mut Vec<Diagnostic>,
    note: &str,
) {
    let now = shown(r);
    if now != *printed || !r.ok() {
        report::print(r);
        *printed = now;
    }
    let names: Vec<String> = batch.paths.iter().take(3).map(|p| prongsai::fs::rel(&opts.root, p)).collect();
    let more = if batch.paths.len() > 3 {
        format!(" และอีก {} ไฟล์", batch.paths.len() - 3)
    } else {
        String::new()
    };
    let what = if batch.rescan {
        "ตรวจไฟล์ใหม่ทั้งหมด".to_string()
    } else {
        format!("{} ไฟล์ที่เปลี่ยน ({}{more})", batch.paths.len(), names.join(", "))
    };
    if r.ok() {
        eprintln!(
            "สร้างใหม่ {}: {what} · อ่านใหม่ {} ไฟล์ · สร้างหน้าการประชุมใหม่ {} หน้า ({}){note}",
            site::fmt_duration(took),
            r.reread,
            r.rerendered,
            r.timing_line()
        );
    } else {
        eprintln!(
            "สร้างใหม่ไม่สำเร็จ ({}): {what} · ข้อผิดพลาด {} รายการ{note}{}",
            site::fmt_duration(took),
            r.diagnostics.errors(),
            if note.is_empty() {
                " · เบราว์เซอร์ยังแสดงเว็บไซต์เดิมพร้อมรายการข้อผิดพลาด"
            } else {
                ""
            }
        );
    }
}

fn start_watching(root: &Path, output: Option<&Path>, poll: bool) -> Result<Watcher, ExitCode> {
    match watch::start(root, output, poll) {
        Ok(w) => {
            if let Some(why) = &w.fallback {
                eprintln!(
                    "หมายเหตุ: เฝ้าดูไฟล์ด้วยระบบปฏิบัติการไม่ได้ ({why}) จึงเปลี่ยนไปวนตรวจไฟล์ทุก {} ms แทน",
                    watch::POLL_INTERVAL.as_millis()
                );
            }
            Ok(w)
        }
        Err(e) => Err(fail(&format!("เฝ้าดูไฟล์ใน {} ไม่ได้: {e}", root.display()))),
    }
}
