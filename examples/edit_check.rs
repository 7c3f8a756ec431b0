//! The editor's speed on a big site, through a real `prongsai serve` (release build) and
//! headless Chromium. Not a test: figures to read, printed one `name median p95 max` line
//! each (milliseconds).
//!
//! ```sh
//! python3 scripts/bench-corpus/gen_corpus.py /dev/shm/edit1000 1000 --site-only
//! cargo build --release --locked --bin prongsai --example edit_check
//! target/release/examples/edit_check /dev/shm/edit1000 [RUNS]
//! ```
//!
//! - `check`: POST `/__prongsai/edit/check` of one meeting's form (the server's check, as
//!   the browser asks for it; loopback HTTP included);
//! - `save_to_page`: POST `/__prongsai/edit/save` with a new title until GET of the page
//!   shows it (the save, the rebuild it asks for, and the preview serving it);
//! - `input_to_diagnostic`: in Chromium, a date typed with the wrong weekday until PS0204
//!   shows under the date field, and the right one until it goes (debounce included);
//! - `drop_seed_docx_to_page`: in Chromium, `tests/import-corpus/seed.docx` dropped on
//!   the editor's list until GET of its page in the preview shows its title (the upload,
//!   the import, the draft written, the rebuild, the preview serving it).
//!
//! The meeting file is put back at the end, the imported one and its attachment removed. Needs chromium and chromium-driver.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// A child process ended when dropped, a panic's unwinding included, so that a failed run
/// leaves no server or driver behind.
struct Reaped(std::process::Child);

impl Drop for Reaped {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// The meeting file as it was, written back when dropped.
struct Restore(PathBuf, Vec<u8>);

impl Drop for Restore {
    fn drop(&mut self) {
        let _ = std::fs::write(&self.0, &self.1);
    }
}

fn http(port: u16, method: &str, path: &str, headers: &[(&str, &str)], body: &str) -> (u16, String) {
    let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
    let mut req = format!("{method} {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n");
    for (k, v) in headers {
        req.push_str(&format!("{k}: {v}\r\n"));
    }
    req.push_str(&format!("Content-Length: {}\r\n\r\n{body}", body.len()));
    s.write_all(req.as_bytes()).unwrap();
    let mut buf = Vec::new();
    s.read_to_end(&mut buf).unwrap();
    let text = String::from_utf8_lossy(&buf).into_owned();
    let status = text.split(' ').nth(1).and_then(|c| c.parse().ok()).unwrap_or(0);
    let body = text.split_once("\r\n\r\n").map(|x| x.1.to_string()).unwrap_or_default();
    (status, body)
}

fn attr(html: &str, marker: &str) -> String {
    let at = html.find(marker).unwrap_or_else(|| panic!("{marker} not in page")) + marker.len();
    html[at..].split('"').next().unwrap().to_string()
}

fn line(name: &str, mut ms: Vec<f64>) {
    ms.sort_by(f64::total_cmp);
    let q = |p: f64| ms[((ms.len() - 1) as f64 * p).round() as usize];
    println!("{name} median {:.1} p95 {:.1} max {:.1} (n={})", q(0.5), q(0.95), q(1.0), ms.len());
}

fn first_meeting(root: &Path) -> String {
    let mut files: Vec<PathBuf> = walkdir::WalkDir::new(root.join("content"))
        .into_iter()
        .filter_map(|e| e.ok())
        .map(|e| e.into_path())
        .filter(|p| {
            p.extension().is_some_and(|x| x == "md")
                && !p.file_name().unwrap().to_string_lossy().starts_with('_')
        })
        .collect();
    files.sort();
    let p = files.last().expect("a meeting file");
    p.strip_prefix(root).unwrap().to_string_lossy().replace('\\', "/")
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let args: Vec<String> = std::env::args().collect();
    let root =
        std::path::absolute(PathBuf::from(args.get(1).expect("usage: edit_check SITE [RUNS]"))).unwrap();
    let runs: usize = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(30);
    let bin = std::env::current_exe().unwrap().parent().unwrap().parent().unwrap().join("prongsai");
    let mut serve = Reaped(
        Command::new(&bin)
            .args(["serve", "--port", "0", "--root"])
            .arg(&root)
            .stderr(Stdio::piped())
            .stdout(Stdio::null())
            .spawn()
            .expect("start prongsai serve"),
    );
    let mut err = BufReader::new(serve.0.stderr.take().unwrap());
    let mut port = 0u16;
    let mut base = String::from("/");
    let mut l = String::new();
    while err.read_line(&mut l).unwrap() > 0 {
        if let Some(rest) = l.split("http://127.0.0.1:").nth(1)
            && l.contains("เปิดดูที่")
        {
            let rest = rest.split_whitespace().next().unwrap_or("");
            let (p, path) = rest.split_once('/').unwrap_or((rest, ""));
            port = p.parse().unwrap();
            base = format!("/{path}");
            break;
        }
        l.clear();
    }
    assert!(port > 0, "serve printed no URL");
    std::thread::spawn(move || for _ in err.lines() {});

    let file = first_meeting(&root);
    let _restore = Restore(root.join(&file), std::fs::read(root.join(&file)).unwrap());
    let (_, list) = http(port, "GET", "/__prongsai/edit/", &[], "");
    let token = attr(&list, "name=\"prongsai-token\" content=\"");
    let origin = format!("http://127.0.0.1:{port}");
    let h = [
        ("Origin", origin.as_str()),
        ("X-Prongsai-Token", token.as_str()),
        ("Content-Type", "application/json"),
    ];
    let form_path = format!(
        "/__prongsai/edit/meeting?file={}",
        percent_encoding::utf8_percent_encode(&file, percent_encoding::NON_ALPHANUMERIC)
    );
    let (_, form) = http(port, "GET", &form_path, &[], "");
    let mut hash = attr(&form, "data-hash=\"");

    // The server's check of one form.
    let mut ms = Vec::new();
    for i in 0..runs + 3 {
        let body = serde_json::json!({ "file": file, "hash": hash, "form": { "fields": { "title": format!("ทดสอบความเร็ว {i}") } } });
        let t = Instant::now();
        let (status, _) = http(port, "POST", "/__prongsai/edit/check", &h, &body.to_string());
        let took = t.elapsed().as_secs_f64() * 1e3;
        assert_eq!(status, 200);
        if i >= 3 {
            ms.push(took);
        }
    }
    line("check", ms);

    // Save → the page in the preview.
    let mut ms = Vec::new();
    for i in 0..runs {
        let title = format!("บันทึกแล้ว {i} ครั้ง");
        let body = serde_json::json!({ "file": file, "hash": hash, "form": { "fields": { "title": title } }, "confirm": ["url", "unpublish"] });
        let t = Instant::now();
        let (status, answer) = http(port, "POST", "/__prongsai/edit/save", &h, &body.to_string());
        assert_eq!(status, 200, "{answer}");
        let v: serde_json::Value = serde_json::from_str(&answer).unwrap();
        hash = v["hash"].as_str().unwrap().to_string();
        let url = v["url"].as_str().expect("a published meeting").to_string();
        let url = percent_encoding::utf8_percent_encode(&url, percent_encoding::CONTROLS)
            .to_string()
            .split('/')
            .map(|s| percent_encoding::utf8_percent_encode(s, percent_encoding::NON_ALPHANUMERIC).to_string())
            .collect::<Vec<_>>()
            .join("/");
        loop {
            let (_, page) = http(port, "GET", &url, &[], "");
            if page.contains(&title) {
                break;
            }
            assert!(t.elapsed() < Duration::from_secs(10), "the page never showed the save");
        }
        ms.push(t.elapsed().as_secs_f64() * 1e3);
    }
    line("save_to_page", ms);

    // Input → diagnostic shown, in Chromium.
    let mut driver = Reaped(
        Command::new("chromedriver")
            .arg("--port=0")
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("chromedriver (apt-get install chromium-driver)"),
    );
    let mut out = BufReader::new(driver.0.stdout.take().unwrap());
    let mut dport = 0u16;
    let mut l = String::new();
    while out.read_line(&mut l).unwrap() > 0 {
        if let Some(rest) = l.split("started successfully on port ").nth(1) {
            dport = rest.trim().trim_end_matches('.').parse().unwrap();
            break;
        }
        l.clear();
    }
    std::thread::spawn(move || for _ in out.lines() {});
    let profile = tempfile::tempdir().unwrap();
    let mut caps = serde_json::Map::new();
    caps.insert(
        "goog:chromeOptions".into(),
        serde_json::json!({ "binary": "/usr/bin/chromium", "args": ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
            format!("--user-data-dir={}", profile.path().display())] }),
    );
    let mut c = Err(None);
    for _ in 0..100 {
        match fantoccini::ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
            .capabilities(caps.clone())
            .connect(&format!("http://127.0.0.1:{dport}"))
            .await
        {
            Ok(cl) => {
                c = Ok(cl);
                break;
            }
            Err(e) => c = Err(Some(e)),
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let c = c.unwrap_or_else(|e| panic!("a Chromium session on chromedriver port {dport}: {e:?}"));
    c.goto(&format!("http://127.0.0.1:{port}{form_path}")).await.unwrap();
    let measure = r#"
const [text, wantError, done] = arguments;
const input = document.getElementById('f-date'), box = document.getElementById('d-date');
const t0 = performance.now();
const ok = () => box.textContent.includes('PS0204') === wantError;
const obs = new MutationObserver(() => { if (ok()) { obs.disconnect(); done(performance.now() - t0); } });
obs.observe(box, { childList: true, subtree: true, characterData: true });
input.value = text;
input.dispatchEvent(new Event('input', { bubbles: true }));
"#;
    // The date of the meeting, with the weekday it is and one it is not.
    let (_, form) = http(port, "GET", &form_path, &[], "");
    let date = attr(&form, "id=\"f-date\" value=\"");
    let d = prongsai::calendar::parse_date(&date).expect("the meeting's date");
    let right = prongsai::calendar::WEEKDAYS[usize::from(d.weekday())];
    let wrong = prongsai::calendar::WEEKDAYS[(usize::from(d.weekday()) + 1) % 7];
    let thai = prongsai::calendar::format_thai(d, prongsai::calendar::Numerals::Arabic);
    let mut ms = Vec::new();
    for i in 0..runs + 2 {
        let (text, err) = if i % 2 == 0 {
            (format!("วัน{wrong}ที่ {thai}"), true)
        } else {
            (format!("วัน{right}ที่ {thai}"), false)
        };
        let v = c.execute_async(measure, vec![text.into(), err.into()]).await.unwrap();
        if i >= 2 {
            ms.push(v.as_f64().unwrap());
        }
    }
    line("input_to_diagnostic", ms);

    // The seed report dropped on the editor's list (a DataTransfer in a drop event, as a
    // file dragged from the desktop) until its page is in the preview (imported as a
    // draft, which the preview shows). The meeting is removed between runs.
    let seed = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/import-corpus/seed.docx");
    let bytes = std::fs::read(&seed).unwrap();
    let imported = prongsai::import::import_report(&bytes, "seed.docx").expect("the seed imports");
    let fy = imported.date.fiscal_year();
    let md = root.join(format!("content/{fy}/{}", imported.file_name()));
    let attachment = root.join(format!("static/files/{fy}/seed.docx"));
    let enc =
        |s: &str| percent_encoding::utf8_percent_encode(s, percent_encoding::NON_ALPHANUMERIC).to_string();
    let page = format!("{base}{fy}/{}/", enc(&imported.slug));
    let title = imported.fields.title.clone().unwrap_or_default();
    let drop_js = r#"
var f = new File([new Uint8Array(arguments[0])], arguments[1]);
var dt = new DataTransfer(); dt.items.add(f);
var at = document.querySelector('main');
at.dispatchEvent(new DragEvent('dragover', { bubbles: true, cancelable: true, dataTransfer: dt }));
at.dispatchEvent(new DragEvent('drop', { bubbles: true, cancelable: true, dataTransfer: dt }));
return true;
"#;
    let mut ms = Vec::new();
    for _ in 0..runs {
        let _ = std::fs::remove_file(&md);
        // Until the preview has dropped the page of the last run.
        let t = Instant::now();
        while http(port, "GET", &page, &[], "").1.contains(&title) {
            assert!(t.elapsed() < Duration::from_secs(10), "the removed meeting stayed in the preview");
            std::thread::sleep(Duration::from_millis(20));
        }
        c.goto(&format!("http://127.0.0.1:{port}/__prongsai/edit/")).await.unwrap();
        let t = Instant::now();
        c.execute(drop_js, vec![serde_json::json!(bytes), "seed.docx".into()]).await.unwrap();
        loop {
            let (status, text) = http(port, "GET", &page, &[], "");
            if status == 200 && text.contains(&title) {
                break;
            }
            assert!(t.elapsed() < Duration::from_secs(10), "the dropped report's page never showed ({page})");
            std::thread::sleep(Duration::from_millis(2));
        }
        ms.push(t.elapsed().as_secs_f64() * 1e3);
    }
    let _ = std::fs::remove_file(&md);
    let _ = std::fs::remove_file(&attachment);
    line("drop_seed_docx_to_page", ms);
    let _ = c.close().await;
    drop(driver);
    drop(serve);
}
