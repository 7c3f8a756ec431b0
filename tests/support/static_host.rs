//! A static host on loopback for the tests that check a built site as it is published:
//! files served as they are, under whatever sub-path they sit in.

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::time::Duration;

/// Serves `www` on `listener` as a static host does: `/dir/` serves `dir/index.html`,
/// anything missing answers 404 with the page `not_found`. One thread per connection,
/// closed after one answer. Runs until the test ends (start it on a thread).
pub fn serve(listener: TcpListener, www: PathBuf, not_found: PathBuf) {
    for stream in listener.incoming() {
        let Ok(stream) = stream else { continue };
        let (www, not_found) = (www.clone(), not_found.clone());
        std::thread::spawn(move || {
            let _ = answer(stream, &www, &not_found);
        });
    }
}

fn answer(mut stream: TcpStream, www: &Path, not_found: &Path) -> std::io::Result<()> {
    stream.set_read_timeout(Some(Duration::from_secs(10)))?;
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut first = String::new();
    reader.read_line(&mut first)?;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line)? == 0 || line == "\r\n" || line == "\n" {
            break;
        }
    }
    let mut parts = first.split_whitespace();
    let method = parts.next().unwrap_or("");
    let target = parts.next().unwrap_or("/");
    let path = percent_decode(target.split(['?', '#']).next().unwrap_or("/"));
    let mut file = None;
    if !path.split('/').any(|s| s == "..") {
        let mut p = www.join(path.trim_start_matches('/'));
        if p.is_dir() {
            p = p.join("index.html");
        }
        if p.is_file() {
            file = Some(p);
        }
    }
    let (status, body, file) = match file {
        Some(p) => ("200 OK", std::fs::read(&p)?, p),
        None => ("404 Not Found", std::fs::read(not_found).unwrap_or_default(), not_found.to_path_buf()),
    };
    let ext = file.extension().and_then(|x| x.to_str()).unwrap_or("");
    let ctype = match ext {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "svg" => "image/svg+xml",
        "xml" => "application/xml",
        "json" => "application/json",
        "csv" => "text/csv; charset=utf-8",
        "pdf" => "application/pdf",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        _ => "application/octet-stream",
    };
    // `LinkChecker:` tells LinkChecker that this (loopback) host may be checked at full
    // speed instead of its polite pace of a request every 0.1-0.6 s.
    let head = format!(
        "HTTP/1.1 {status}\r\nContent-Type: {ctype}\r\nContent-Length: {}\r\nConnection: close\r\nLinkChecker: unlimited\r\n\r\n",
        body.len()
    );
    stream.write_all(head.as_bytes())?;
    if method != "HEAD" {
        stream.write_all(&body)?;
    }
    stream.flush()
}

fn percent_decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%'
            && i + 2 < b.len()
            && let Ok(v) = u8::from_str_radix(&s[i + 1..i + 3], 16)
        {
            out.push(v);
            i += 3;
            continue;
        }
        out.push(b[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}
