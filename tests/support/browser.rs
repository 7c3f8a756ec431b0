//! Headless Chromium for the browser tests: chromedriver on a port it picks itself, and
//! WebDriver sessions through it (fantoccini). A missing Chromium or driver fails the
//! test with the command that installs them; it never skips.

use super::need_program;
use std::io::{BufRead, BufReader};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const INSTALL: &str = "apt-get install -y chromium chromium-driver fonts-thai-tlwg";

/// How long chromedriver may take to start listening.
const START_LIMIT: Duration = Duration::from_secs(20);

/// Chromium's flags in every session: headless, no first-run work, no network of its own.
const FLAGS: [&str; 8] = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
];

/// chromedriver on a loopback port, with a fresh Chromium profile; both ended and removed
/// when dropped.
pub struct Browser {
    child: Child,
    pub port: u16,
    chromium: PathBuf,
    profile: tempfile::TempDir,
}

impl Browser {
    pub fn start() -> Browser {
        let chromium = need_program(&["/usr/bin/chromium", "chromium", "chromium-browser"], INSTALL);
        let driver = need_program(&["/usr/bin/chromedriver", "chromedriver"], INSTALL);
        let (child, port) = start_driver(&driver, START_LIMIT);
        Browser { child, port, chromium, profile: tempfile::tempdir().unwrap() }
    }

    /// A new WebDriver session, Chromium started with [`FLAGS`] and `extra` flags.
    pub async fn client(&self, extra: &[&str]) -> fantoccini::Client {
        let profile = format!("--user-data-dir={}", self.profile.path().display());
        let args: Vec<&str> =
            FLAGS.iter().copied().chain(extra.iter().copied()).chain([profile.as_str()]).collect();
        let mut caps = serde_json::Map::new();
        caps.insert(
            "goog:chromeOptions".into(),
            serde_json::json!({ "binary": self.chromium, "args": args }),
        );
        fantoccini::ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
            .capabilities(caps)
            .connect(&format!("http://127.0.0.1:{}", self.port))
            .await
            .expect("a WebDriver session in Chromium through chromedriver")
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Starts chromedriver with `--port=0`, reads the port it took from its first lines
/// ("ChromeDriver was started successfully on port 41067.") and waits until it answers
/// there. Choosing a free port here and handing it over would leave a gap in which any
/// other process on the machine (a test of another checkout, an outgoing connection) can
/// take that port first.
fn start_driver(bin: &Path, limit: Duration) -> (Child, u16) {
    let mut child = Command::new(bin)
        .arg("--port=0")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap_or_else(|e| panic!("start {}: {e}", bin.display()));
    let out = child.stdout.take().unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    // Reads stdout to the end, so that chromedriver never waits on a full pipe.
    std::thread::spawn(move || {
        let mut seen = Vec::new();
        for line in BufReader::new(out).lines() {
            let Ok(line) = line else { break };
            if let Some(rest) = line.split("started successfully on port ").nth(1) {
                let port = rest.trim().trim_end_matches('.').parse::<u16>().map_err(|_| line.clone());
                let _ = tx.send(port);
            } else if seen.len() < 20 {
                seen.push(line);
                if seen.len() == 20 {
                    let _ = tx.send(Err(seen.join("\n")));
                }
            }
        }
        let _ = tx.send(Err(format!("chromedriver ended; it said:\n{}", seen.join("\n"))));
    });
    let start = Instant::now();
    let port = match rx.recv_timeout(limit) {
        Ok(Ok(port)) => port,
        other => {
            let _ = child.kill();
            let _ = child.wait();
            panic!("chromedriver did not say which port it listens on within {limit:?}: {other:?}");
        }
    };
    while TcpStream::connect(("127.0.0.1", port)).is_err() {
        if start.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            panic!("chromedriver did not listen on port {port} within {limit:?}");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    (child, port)
}

/// Polls an async check every 50 ms until it gives `Some`, for at most
/// [`PATIENCE`](super::serve::PATIENCE).
pub async fn eventually<T, F, Fut>(what: &str, mut f: F) -> T
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = Option<T>>,
{
    let start = Instant::now();
    loop {
        if let Some(v) = f().await {
            return v;
        }
        assert!(start.elapsed() < super::serve::PATIENCE, "gave up waiting: {what}");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}
