//! chromedriver for the browser tests, on a port it picks itself.
#![allow(dead_code)]

use std::io::{BufRead, BufReader};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// Starts chromedriver with `--port=0`, reads the port it took from its first lines
/// ("ChromeDriver was started successfully on port 41067.") and waits until it answers
/// there. Choosing a free port here
/// and handing it over would leave a gap in which any other process on the machine (a
/// test of another checkout, an outgoing connection) can take that port first.
pub fn start(bin: &Path, limit: Duration) -> (Child, u16) {
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
