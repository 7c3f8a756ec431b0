//! Serve and watch: rerun the same build on every change and tell the browser.
//!
//! One thread owns the [`Site`] and rebuilds after each batch of changes from [`watch`];
//! `serve` hands each good build to [`server`], which swaps it in whole and then tells
//! the open pages over server-sent events; `build --watch` writes it to disk instead.

pub mod server;
pub mod watch;

use crate::commands::{self, print_report};
use crate::diagnostics::Diagnostic;
use crate::layout;
use crate::site::{self, BuildOptions, Report, Site};
use server::Shared;
use std::net::{SocketAddr, TcpListener, ToSocketAddrs};
use std::path::Path;
use std::process::ExitCode;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};
use watch::{Batch, Watcher};

pub fn serve(mut opts: BuildOptions, bind: &str, port: u16, poll: bool) -> ExitCode {
    opts.root = std::path::absolute(&opts.root).unwrap_or(opts.root);
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
    let listener = match listen(bind, port) {
        Ok(l) => l,
        Err(msg) => return fail(&msg),
    };
    let addr = listener.local_addr().expect("bound");
    let watcher = match start_watching(&opts.root, None, poll) {
        Ok(w) => w,
        Err(code) => return code,
    };

    let shared = Arc::new(Shared::new());
    let mut site = Site::new(opts.clone());
    let t = Instant::now();
    let (r, sink) = site.build_in_memory();
    let took = t.elapsed();
    print_report(&r);
    if r.ok() {
        shared.publish(sink.into_files(), &r, true);
        eprintln!("สร้างเว็บไซต์แล้ว {} หน้า ใน {} ({})", r.pages, site::fmt_duration(took), r.timing_line());
    } else {
        shared.fail(&r);
        eprintln!("สร้างเว็บไซต์ไม่สำเร็จ: เบราว์เซอร์จะแสดงข้อผิดพลาดจนกว่าจะแก้ไฟล์ (เซิร์ฟเวอร์ยังทำงานต่อ)");
    }
    eprintln!("เปิดดูที่ {}", url(addr, &r.base_path));
    if addr.ip().is_unspecified() {
        eprintln!(
            "หมายเหตุ: --bind {bind} รับการเชื่อมต่อจากเครื่องอื่นในเครือข่ายด้วย (ค่าเริ่มต้น 127.0.0.1 รับเฉพาะเครื่องนี้)"
        );
    }
    eprintln!(
        "กำลังเฝ้าดูการเปลี่ยนแปลงของไฟล์{} (กด Ctrl-C เพื่อหยุด)",
        if watcher.polling { " แบบวนตรวจ" } else { "" }
    );

    let stop = Arc::new(AtomicBool::new(false));
    let worker = {
        let (shared, stop) = (shared.clone(), stop.clone());
        let mut printed = r.diagnostics.sorted();
        let mut base_path = r.base_path.clone();
        std::thread::Builder::new()
            .name("prongsai-rebuild".into())
            .spawn(move || {
                rebuild_loop(&watcher, &stop, &mut site, |site, batch| {
                    let t = Instant::now();
                    let (r, sink) = site.build_in_memory();
                    let took = t.elapsed();
                    // Browser first: the terminal can wait a few milliseconds.
                    let mut note = "";
                    if r.ok() {
                        // Static files are served from disk: a change to one is not seen
                        // in the build's map, so it always reloads.
                        let content = site.options().root.join(layout::CONTENT);
                        let force = batch.rescan || batch.paths.iter().any(|p| !p.starts_with(&content));
                        if !shared.publish(sink.into_files(), &r, force) {
                            note = " · หน้าเว็บเหมือนเดิม ไม่ต้องโหลดใหม่";
                        }
                    } else {
                        shared.fail(&r);
                    }
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
    let app = server::router(shared);
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
    drop(_enter);
    rt.shutdown_timeout(Duration::from_millis(200));
    code
}

pub fn watch_build(mut opts: BuildOptions, poll: bool) -> ExitCode {
    opts.root = std::path::absolute(&opts.root).unwrap_or(opts.root);
    opts.output = std::path::absolute(&opts.output).unwrap_or(opts.output);
    let rt = match tokio::runtime::Builder::new_current_thread().enable_all().build() {
        Ok(rt) => rt,
        Err(e) => return fail(&format!("เริ่มไม่ได้: {e}")),
    };
    let _enter = rt.enter();
    let shutdown = match Shutdown::new() {
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
        Err(e) => return fail(&format!("เขียน {} ไม่ได้: {e}", output.display())),
    };
    let took = t.elapsed();
    print_report(&r);
    if r.ok() {
        eprintln!(
            "สร้างเว็บไซต์แล้ว {} หน้า ที่ {} ใน {} ({})",
            r.pages,
            output.display(),
            site::fmt_duration(took),
            r.timing_line()
        );
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
        let mut printed = r.diagnostics.sorted();
        std::thread::Builder::new()
            .name("prongsai-rebuild".into())
            .spawn(move || {
                rebuild_loop(&watcher, &stop, &mut site, |site, batch| {
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
                        Err(e) => eprintln!("error: เขียน {} ไม่ได้: {e}", output.display()),
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

/// Waits for changes and rebuilds, until `stop`.
fn rebuild_loop(
    watcher: &Watcher,
    stop: &AtomicBool,
    site: &mut Site,
    mut build: impl FnMut(&mut Site, &Batch),
) {
    while !stop.load(Ordering::Relaxed) {
        let batch = match watcher.next(Duration::from_millis(200)) {
            Ok(b) => b,
            Err(std::sync::mpsc::RecvTimeoutError::Timeout) => continue,
            Err(std::sync::mpsc::RecvTimeoutError::Disconnected) => break,
        };
        if batch.rescan {
            // Events were lost: trust no cached file.
            *site = Site::new(site.options().clone());
        } else {
            site.changed(&batch.paths);
        }
        build(site, &batch);
    }
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
    let now = r.diagnostics.sorted();
    if now != *printed || !r.ok() {
        print_report(r);
        *printed = now;
    }
    let names: Vec<String> = batch.paths.iter().take(3).map(|p| crate::fs::rel(&opts.root, p)).collect();
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

fn fail(msg: &str) -> ExitCode {
    eprintln!("error: {msg}");
    ExitCode::from(commands::EXIT_IO)
}

fn runtime() -> std::io::Result<tokio::runtime::Runtime> {
    tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build()
}

/// Binds before the first build, so that a busy port is said at once.
fn listen(bind: &str, port: u16) -> Result<TcpListener, String> {
    let addrs: Vec<SocketAddr> =
        (bind, port).to_socket_addrs().map_err(|e| format!("ที่อยู่ --bind {bind} ใช้ไม่ได้: {e}"))?.collect();
    let Some(addr) = addrs.first() else {
        return Err(format!("ที่อยู่ --bind {bind} ใช้ไม่ได้"));
    };
    let l = TcpListener::bind(addr).map_err(|e| match e.kind() {
        std::io::ErrorKind::AddrInUse => format!(
            "พอร์ต {port} ถูกใช้อยู่แล้ว (อาจมี prongsai serve อีกตัวเปิดอยู่): \
             เลือกพอร์ตอื่นด้วย --port เช่น --port {} หรือ --port 0 ให้เลือกพอร์ตที่ว่างเอง",
            port.wrapping_add(1).max(1)
        ),
        std::io::ErrorKind::PermissionDenied => {
            format!("ไม่มีสิทธิ์เปิดพอร์ต {port}: เลือกพอร์ตอื่นด้วย --port เช่น --port 1111 หรือ --port 0")
        }
        std::io::ErrorKind::AddrNotAvailable => format!("ที่อยู่ --bind {bind} ไม่ใช่ของเครื่องนี้: {e}"),
        _ => format!("เปิดพอร์ต {port} ที่ {bind} ไม่ได้: {e} (เลือกพอร์ตอื่นด้วย --port)"),
    })?;
    l.set_nonblocking(true).map_err(|e| format!("เปิดพอร์ต {port} ไม่ได้: {e}"))?;
    Ok(l)
}

/// The address to open in a browser: a wildcard bind is reachable on loopback.
fn url(addr: SocketAddr, base_path: &str) -> String {
    let host = match addr.ip() {
        ip if ip.is_unspecified() && ip.is_ipv4() => "127.0.0.1".to_string(),
        ip if ip.is_unspecified() => "[::1]".to_string(),
        std::net::IpAddr::V6(ip) => format!("[{ip}]"),
        ip => ip.to_string(),
    };
    let base = if base_path.is_empty() { "/" } else { base_path };
    format!("http://{host}:{}{base}", addr.port())
}

/// Ctrl-C (SIGINT) and SIGTERM; handlers are set when this is made, not when awaited.
struct Shutdown {
    #[cfg(unix)]
    int: tokio::signal::unix::Signal,
    #[cfg(unix)]
    term: tokio::signal::unix::Signal,
}

impl Shutdown {
    #[cfg(unix)]
    fn new() -> std::io::Result<Shutdown> {
        use tokio::signal::unix::{SignalKind, signal};
        Ok(Shutdown { int: signal(SignalKind::interrupt())?, term: signal(SignalKind::terminate())? })
    }

    #[cfg(not(unix))]
    fn new() -> std::io::Result<Shutdown> {
        Ok(Shutdown {})
    }

    #[cfg(unix)]
    async fn wait(mut self) {
        tokio::select! {
            _ = self.int.recv() => {}
            _ = self.term.recv() => {}
        }
    }

    #[cfg(not(unix))]
    async fn wait(self) {
        let _ = tokio::signal::ctrl_c().await;
    }
}
