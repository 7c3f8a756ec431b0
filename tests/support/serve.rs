//! `serve` and `build --watch` run as a child that never outlives its test, and raw HTTP
//! over a TcpStream (so request paths go out exactly as written, never normalised).

use super::site::{TestSite, bin};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// How long any one change may take to show before a test gives up.
pub const PATIENCE: Duration = Duration::from_secs(10);

impl TestSite {
    /// `serve --port 0` on this site, with `extra` arguments; returns once it prints its URL.
    pub fn serve(&self, extra: &[&str]) -> Server {
        let root = self.root().to_str().unwrap();
        let mut args = vec!["serve", "--port", "0", "--root", root];
        args.extend_from_slice(extra);
        Server::start(&args)
    }
}

/// A running `prongsai` child: killed and reaped when dropped, whatever the test did.
pub struct Server {
    pub child: Option<Child>,
    pub port: u16,
    /// The base path of the printed URL (`/ita/`).
    pub base: String,
    stderr: Arc<Mutex<String>>,
    /// The thread that reads stderr; it ends when the child's stderr closes.
    reader: Option<std::thread::JoinHandle<()>>,
}

impl Server {
    pub fn start(args: &[&str]) -> Server {
        let mut cmd = Command::new(bin());
        cmd.args(args);
        Server::start_cmd(cmd)
    }

    /// [`Server::start`] for a command the test set up (folder, environment).
    pub fn start_cmd(cmd: Command) -> Server {
        let mut s = Server::spawn_cmd(cmd);
        let url =
            s.wait_for_line("เปิดดูที่ ", PATIENCE).unwrap_or_else(|| panic!("no URL printed:\n{}", s.stderr()));
        let rest = url.split("http://127.0.0.1:").nth(1).unwrap_or_else(|| panic!("odd URL line {url}"));
        let (port, base) = rest.split_at(rest.find('/').unwrap());
        s.port = port.parse().unwrap();
        s.base = base.trim().to_string();
        s
    }

    /// Starts the binary without waiting for anything.
    pub fn spawn(args: &[&str]) -> Server {
        let mut cmd = Command::new(bin());
        cmd.args(args);
        Server::spawn_cmd(cmd)
    }

    /// [`Server::spawn`] for a command the test set up (folder, environment).
    pub fn spawn_cmd(mut cmd: Command) -> Server {
        let mut child =
            cmd.stdin(Stdio::null()).stdout(Stdio::null()).stderr(Stdio::piped()).spawn().unwrap();
        let err = child.stderr.take().unwrap();
        let stderr = Arc::new(Mutex::new(String::new()));
        let sink = stderr.clone();
        let reader = std::thread::spawn(move || {
            let mut r = BufReader::new(err);
            let mut line = String::new();
            while r.read_line(&mut line).map(|n| n > 0).unwrap_or(false) {
                sink.lock().unwrap().push_str(&line);
                line.clear();
            }
        });
        Server { child: Some(child), port: 0, base: "/".into(), stderr, reader: Some(reader) }
    }

    pub fn stderr(&self) -> String {
        self.stderr.lock().unwrap().clone()
    }

    /// All of stderr, once the child has exited (see [`Server::wait_exit`]): waits for the
    /// reader thread to take the last line.
    pub fn stderr_after_exit(&mut self) -> String {
        assert!(self.child.as_mut().unwrap().try_wait().unwrap().is_some(), "the child is still running");
        if let Some(r) = self.reader.take() {
            r.join().unwrap();
        }
        self.stderr()
    }

    /// The first stderr line containing `needle`, waiting for it up to `limit`.
    pub fn wait_for_line(&self, needle: &str, limit: Duration) -> Option<String> {
        wait_until(limit, || self.stderr().lines().find(|l| l.contains(needle)).map(str::to_string))
    }

    pub fn get(&self, path: &str) -> Resp {
        get(self.port, path)
    }

    /// Sends a signal (by the `kill` command, to this child's id only).
    pub fn signal(&self, sig: &str) {
        let pid = self.child.as_ref().unwrap().id().to_string();
        let ok = Command::new("kill").args([&format!("-{sig}"), &pid]).status().unwrap().success();
        assert!(ok, "kill -{sig} {pid}");
    }

    /// Waits for the child to exit by itself, up to `limit`.
    pub fn wait_exit(&mut self, limit: Duration) -> Option<std::process::ExitStatus> {
        let child = self.child.as_mut().unwrap();
        wait_until(limit, || child.try_wait().unwrap())
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        if let Some(mut c) = self.child.take() {
            // Asked to stop first, so that `serve` removes its spool folder from the temp
            // folder; killed if it has not stopped soon.
            #[cfg(unix)]
            if Command::new("kill").args(["-TERM", &c.id().to_string()]).status().is_ok_and(|s| s.success()) {
                let _ = wait_until(Duration::from_secs(2), || c.try_wait().ok().flatten());
            }
            let _ = c.kill();
            let _ = c.wait();
        }
    }
}

/// Polls `f` every 20 ms until it gives `Some`, or `limit` passes.
pub fn wait_until<T>(limit: Duration, mut f: impl FnMut() -> Option<T>) -> Option<T> {
    let start = Instant::now();
    loop {
        if let Some(v) = f() {
            return Some(v);
        }
        if start.elapsed() > limit {
            return None;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[derive(Debug)]
pub struct Resp {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Resp {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }

    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

/// One GET, the path sent byte for byte as given.
pub fn get(port: u16, path: &str) -> Resp {
    raw(
        port,
        format!("GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n").as_bytes(),
    )
}

/// Sends `request` as it is and parses the answer (a body with Content-Length, as the
/// server sends for files; or none).
pub fn raw(port: u16, request: &[u8]) -> Resp {
    let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
    s.write_all(request).unwrap();
    let mut buf = Vec::new();
    let _ = s.read_to_end(&mut buf);
    parse(&buf)
}

pub fn parse(buf: &[u8]) -> Resp {
    let end = buf
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .unwrap_or_else(|| panic!("no header end in {:?}", String::from_utf8_lossy(buf)));
    let head = String::from_utf8_lossy(&buf[..end]).into_owned();
    let mut lines = head.split("\r\n");
    let status: u16 = lines.next().unwrap().split(' ').nth(1).unwrap().parse().unwrap();
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':').map(|(k, v)| (k.trim().to_string(), v.trim().to_string())))
        .collect();
    Resp { status, headers, body: buf[end + 4..].to_vec() }
}

/// The JSON of `/__prongsai/status`.
pub fn status(port: u16) -> serde_json::Value {
    let r = get(port, "/__prongsai/status");
    assert_eq!(r.status, 200);
    serde_json::from_slice(&r.body).unwrap()
}

/// The errors `prongsai check --format json` finds in the site as it is on disk now.
pub fn check_errors(root: &Path) -> Vec<serde_json::Value> {
    let o = Command::new(bin()).args(["check", "--format", "json", "--root"]).arg(root).output().unwrap();
    let v: serde_json::Value = serde_json::from_slice(&o.stdout)
        .unwrap_or_else(|e| panic!("check --format json: {e}\n{}", String::from_utf8_lossy(&o.stderr)));
    errors_of(&v)
}

fn errors_of(v: &serde_json::Value) -> Vec<serde_json::Value> {
    v["diagnostics"].as_array().unwrap().iter().filter(|d| d["severity"] == "error").cloned().collect()
}

/// Waits until the server's status is a failed build with the errors of the files as they
/// are now (`check`'s), and returns it. A saved file is not whole at once: under load the
/// server can build it half-written first (a different error, at line 1), then whole;
/// only the second is the answer to the edit just made.
pub fn wait_for_errors_of_files_on_disk(port: u16, root: &Path) -> serde_json::Value {
    let want = check_errors(root);
    assert!(!want.is_empty(), "check finds no error in the site");
    let mut last = serde_json::Value::Null;
    wait_until(PATIENCE, || {
        last = status(port);
        (last["ok"] == false && errors_of(&last) == want).then(|| last.clone())
    })
    .unwrap_or_else(|| panic!("the status never showed check's errors {want:?}; last: {last}"))
}

/// Waits until GET `path` answers with `status` and a body containing `needle`.
pub fn wait_for_page(port: u16, path: &str, status: u16, needle: &str) -> Resp {
    let mut last = None;
    let found = wait_until(PATIENCE, || {
        let r = get(port, path);
        if r.status == status && r.text().contains(needle) {
            Some(r)
        } else {
            last = Some((r.status, r.text().chars().take(300).collect::<String>()));
            None
        }
    });
    found.unwrap_or_else(|| panic!("{path} never answered {status} with {needle:?}; last: {last:?}"))
}
