//! Serve and watch: rerun the same build on every change and tell the browser.
//!
//! [`watch`] turns file events into batches of changed paths; [`rebuild_loop`] hands each
//! batch to the [`Site`] and rebuilds; `serve` gives each good build to [`server`], which
//! swaps it in whole and then tells the open pages over server-sent events; `build --watch`
//! writes it to disk instead. The two commands themselves, and all they say in the
//! terminal, are the binary's (`src/cmd/serve.rs`): what is here returns, never prints.

pub mod create;
pub mod edit;
pub mod guide;
pub mod server;
pub mod watch;

use crate::layout;
use crate::site::{Report, Site};
use crate::write::MemorySink;
use server::Shared;
use std::net::{SocketAddr, TcpListener, ToSocketAddrs};
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;
use watch::{Batch, Watcher};

/// The runtime of `serve`: two threads are plenty for one person's browser.
pub fn runtime() -> std::io::Result<tokio::runtime::Runtime> {
    tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build()
}

/// Waits for changes and rebuilds, until `stop`. `trouble` hears of changes that could not
/// be watched (the watcher says so once); `build` runs after each batch of changes.
pub fn rebuild_loop(
    watcher: &Watcher,
    stop: &AtomicBool,
    site: &mut Site,
    mut trouble: impl FnMut(&str),
    mut build: impl FnMut(&mut Site, &Batch),
) {
    while !stop.load(Ordering::Relaxed) {
        let batch = match watcher.next(Duration::from_millis(200)) {
            Ok(b) => b,
            Err(std::sync::mpsc::RecvTimeoutError::Timeout) => continue,
            Err(std::sync::mpsc::RecvTimeoutError::Disconnected) => break,
        };
        if let Some(e) = &batch.watch_error {
            trouble(e);
        }
        if batch.paths.is_empty() && !batch.rescan {
            continue;
        }
        if batch.rescan {
            // Events were lost: trust no cached file.
            *site = Site::new(site.options().clone());
        } else {
            site.changed(&batch.paths);
        }
        build(site, &batch);
        for d in &batch.done {
            let _ = d.send(());
        }
    }
}

/// Gives a rebuild of `serve` to the server: a good one is swapped in, a failed one shows
/// its errors over the last good site. Returns false when the pages are the same as those
/// served, so the browser need not reload.
pub fn publish(shared: &Shared, site: &Site, r: &Report, sink: MemorySink, batch: &Batch) -> bool {
    if !r.ok() {
        shared.fail(r);
        return true;
    }
    // Static files are served from disk: a change to one is not seen in the build's map,
    // so it always reloads.
    let content = site.options().root.join(layout::CONTENT);
    let force = batch.rescan || batch.paths.iter().any(|p| !p.starts_with(&content));
    shared.publish(sink.into_files(), r, force)
}

/// Why `serve` could not listen, said so that the webmaster knows which flag to change.
#[derive(Debug)]
pub enum ListenError {
    /// `--bind` is not an address.
    BadAddress {
        bind: String,
        detail: Option<String>,
    },
    /// Another program (often another `prongsai serve`) has the port.
    PortInUse {
        port: u16,
    },
    /// A port below 1024 without the right to open it.
    NoPermission {
        port: u16,
    },
    /// `--bind` names an address of another machine.
    NotLocal {
        bind: String,
        detail: String,
    },
    Other {
        bind: String,
        port: u16,
        detail: String,
    },
}

impl std::fmt::Display for ListenError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ListenError::BadAddress { bind, detail: Some(d) } => write!(f, "ที่อยู่ --bind {bind} ใช้ไม่ได้: {d}"),
            ListenError::BadAddress { bind, detail: None } => write!(f, "ที่อยู่ --bind {bind} ใช้ไม่ได้"),
            ListenError::PortInUse { port } => write!(
                f,
                "พอร์ต {port} ถูกใช้อยู่แล้ว (อาจมี prongsai serve อีกตัวเปิดอยู่): \
                 เลือกพอร์ตอื่นด้วย --port เช่น --port {} หรือ --port 0 ให้เลือกพอร์ตที่ว่างเอง",
                port.wrapping_add(1).max(1)
            ),
            ListenError::NoPermission { port } => {
                write!(f, "ไม่มีสิทธิ์เปิดพอร์ต {port}: เลือกพอร์ตอื่นด้วย --port เช่น --port 1111 หรือ --port 0")
            }
            ListenError::NotLocal { bind, detail } => write!(f, "ที่อยู่ --bind {bind} ไม่ใช่ของเครื่องนี้: {detail}"),
            ListenError::Other { bind, port, detail } => {
                write!(f, "เปิดพอร์ต {port} ที่ {bind} ไม่ได้: {detail} (เลือกพอร์ตอื่นด้วย --port)")
            }
        }
    }
}

impl std::error::Error for ListenError {}

/// Binds before the first build, so that a busy port is said at once.
pub fn listen(bind: &str, port: u16) -> Result<TcpListener, ListenError> {
    let bad = |detail| ListenError::BadAddress { bind: bind.to_string(), detail };
    let addrs: Vec<SocketAddr> =
        (bind, port).to_socket_addrs().map_err(|e| bad(Some(e.to_string())))?.collect();
    let Some(addr) = addrs.first() else {
        return Err(bad(None));
    };
    let l = TcpListener::bind(addr).map_err(|e| match e.kind() {
        std::io::ErrorKind::AddrInUse => ListenError::PortInUse { port },
        std::io::ErrorKind::PermissionDenied => ListenError::NoPermission { port },
        std::io::ErrorKind::AddrNotAvailable => {
            ListenError::NotLocal { bind: bind.to_string(), detail: e.to_string() }
        }
        _ => ListenError::Other { bind: bind.to_string(), port, detail: e.to_string() },
    })?;
    l.set_nonblocking(true).map_err(|e| ListenError::Other {
        bind: bind.to_string(),
        port,
        detail: e.to_string(),
    })?;
    Ok(l)
}

/// The address to open in a browser: a wildcard bind is reachable on loopback.
pub fn url(addr: SocketAddr, base_path: &str) -> String {
    let host = match addr.ip() {
        ip if ip.is_unspecified() && ip.is_ipv4() => "127.0.0.1".to_string(),
        ip if ip.is_unspecified() => "[::1]".to_string(),
        std::net::IpAddr::V6(ip) => format!("[{ip}]"),
        ip => ip.to_string(),
    };
    let base = if base_path.is_empty() { "/" } else { base_path };
    format!("http://{host}:{}{base}", addr.port())
}

/// Ctrl-C (SIGINT) and SIGTERM; on Windows Ctrl-C, Ctrl-Break and closing the console
/// window. Handlers are set when this is made, not when awaited.
pub struct Shutdown {
    #[cfg(unix)]
    int: tokio::signal::unix::Signal,
    #[cfg(unix)]
    term: tokio::signal::unix::Signal,
    #[cfg(windows)]
    c: tokio::signal::windows::CtrlC,
    #[cfg(windows)]
    brk: tokio::signal::windows::CtrlBreak,
    // Windows ends the process a few seconds after this event whatever the handler does;
    // handling it lets the server stop and say so first.
    #[cfg(windows)]
    close: tokio::signal::windows::CtrlClose,
}

impl Shutdown {
    #[cfg(unix)]
    pub fn new() -> std::io::Result<Shutdown> {
        use tokio::signal::unix::{SignalKind, signal};
        Ok(Shutdown { int: signal(SignalKind::interrupt())?, term: signal(SignalKind::terminate())? })
    }

    #[cfg(windows)]
    pub fn new() -> std::io::Result<Shutdown> {
        use tokio::signal::windows::{ctrl_break, ctrl_c, ctrl_close};
        Ok(Shutdown { c: ctrl_c()?, brk: ctrl_break()?, close: ctrl_close()? })
    }

    #[cfg(not(any(unix, windows)))]
    pub fn new() -> std::io::Result<Shutdown> {
        Ok(Shutdown {})
    }

    #[cfg(unix)]
    pub async fn wait(&mut self) {
        tokio::select! {
            _ = self.int.recv() => {}
            _ = self.term.recv() => {}
        }
    }

    #[cfg(windows)]
    pub async fn wait(&mut self) {
        tokio::select! {
            _ = self.c.recv() => {}
            _ = self.brk.recv() => {}
            _ = self.close.recv() => {}
        }
    }

    #[cfg(not(any(unix, windows)))]
    pub async fn wait(&mut self) {
        let _ = tokio::signal::ctrl_c().await;
    }
}
