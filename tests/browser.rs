//! End to end in real headless Chromium, driven over WebDriver (chromedriver + fantoccini):
//! a page reloads by itself after an edit, a broken edit shows the overlay with the file
//! and line, and the fix takes it away. Needs Debian's `chromium` and `chromium-driver`;
//! without them this test fails (it never skips: CI installs them).

mod driver_support;
mod serve_support;

use fantoccini::{Client, ClientBuilder, Locator};
use serve_support::*;
use std::path::PathBuf;
use std::process::Child;
use std::time::{Duration, Instant};

const ROAD: &str = "content/2567/2567-03-15-road.md";

fn find_program(names: &[&str]) -> Option<PathBuf> {
    for n in names {
        let p = PathBuf::from(n);
        if p.is_absolute() && p.is_file() {
            return Some(p);
        }
        if let Some(path) = std::env::var_os("PATH") {
            for dir in std::env::split_paths(&path) {
                let c = dir.join(n);
                if c.is_file() {
                    return Some(c);
                }
            }
        }
    }
    None
}

fn need(names: &[&str]) -> PathBuf {
    find_program(names).unwrap_or_else(|| {
        panic!(
            "{} not found: the browser test needs Debian's Chromium and its driver. Install them with\n  \
             apt-get install -y chromium chromium-driver fonts-thai-tlwg\n(scripts/test.sh does it for you)",
            names[0]
        )
    })
}

/// chromedriver on a port of its choosing, killed when dropped.
struct Driver {
    child: Child,
    port: u16,
}

impl Driver {
    fn start(bin: &std::path::Path) -> Driver {
        let (child, port) = driver_support::start(bin, PATIENCE);
        Driver { child, port }
    }
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Polls an async check every 50 ms until it gives `Some`, for at most `PATIENCE`.
async fn eventually<T, F, Fut>(what: &str, mut f: F) -> T
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = Option<T>>,
{
    let start = Instant::now();
    loop {
        if let Some(v) = f().await {
            return v;
        }
        assert!(start.elapsed() < PATIENCE, "gave up waiting: {what}");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

async fn h1(c: &Client) -> Option<String> {
    let e = c.find(Locator::Css("h1")).await.ok()?;
    e.text().await.ok()
}

/// role, lang, position and text of the overlay, if it is shown.
async fn overlay(c: &Client) -> Option<(String, String, String, String)> {
    let js = "var o = document.getElementById('prongsai-overlay');\
              return o ? [o.getAttribute('role'), o.getAttribute('lang'), getComputedStyle(o).position, o.innerText] : null;";
    let v = c.execute(js, vec![]).await.ok()?;
    let a = v.as_array()?;
    let s = |i: usize| a[i].as_str().unwrap_or("").to_string();
    Some((s(0), s(1), s(2), s(3)))
}

/// Waits for the overlay to name `where_` (file:line:); fails with the last overlay seen.
async fn overlay_naming(c: &Client, where_: &str) -> (String, String, String, String) {
    let mut last = None;
    let start = Instant::now();
    loop {
        if let Some(o) = overlay(c).await {
            if o.3.contains(where_) {
                return o;
            }
            last = Some(o.3);
        }
        assert!(start.elapsed() < PATIENCE, "{where_} never in the overlay; last overlay: {last:?}");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_page_reloads_itself_and_shows_build_errors() {
    let chromium = need(&["/usr/bin/chromium", "chromium", "chromium-browser"]);
    let chromedriver = need(&["/usr/bin/chromedriver", "chromedriver"]);

    let site = TestSite::new();
    let server = site.serve(&[]);
    let port = server.port;
    let driver = Driver::start(&chromedriver);
    let profile = tempfile::tempdir().unwrap();
    let caps = serde_json::json!({
        "goog:chromeOptions": {
            "binary": chromium,
            "args": [
                "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", format!("--user-data-dir={}", profile.path().display()),
            ]
        }
    });
    let caps = caps.as_object().unwrap().clone();
    let c = ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
        .capabilities(caps)
        .connect(&format!("http://127.0.0.1:{}", driver.port))
        .await
        .expect("a WebDriver session in Chromium");

    let site = std::sync::Arc::new(site);
    let (c2, site2) = (c.clone(), site.clone());
    // The checks run in a task of their own, so that the browser is closed whatever happened.
    let checks = tokio::spawn(async move {
        let (c, site) = (c2, site2);
        let page = format!("http://127.0.0.1:{port}/ita/2567/road/");
        c.goto(&page).await.unwrap();
        assert_eq!(h1(&c).await.as_deref(), Some("ประชุมรับฟังความคิดเห็นโครงการถนน"));
        c.execute("window.__notReloaded = true; return true;", vec![]).await.unwrap();

        // An edit: the open page reloads by itself with the new title.
        site.write(ROAD, &meeting("ประชุมถนน แก้ชื่อแล้ว", "2567-03-15"));
        eventually("the new title", || async {
            h1(&c).await.filter(|t| t == "ประชุมถนน แก้ชื่อแล้ว")
        })
        .await;
        let v = c.execute("return window.__notReloaded === undefined;", vec![]).await.unwrap();
        assert_eq!(v, serde_json::json!(true), "the page was loaded anew");

        // A broken edit: the overlay names the file and line, over the last good page.
        site.write(ROAD, &broken_meeting("ประชุมที่พิมพ์ผิด"));
        // (Under load the server may build the file half-written first, and the page shows
        // that build's error until the next status comes: wait for the errors of the whole
        // file, as `check` finds them, in the status and then in the overlay.)
        let st = wait_for_errors_of_files_on_disk(port, site.root());
        assert_eq!(st["diagnostics"][0]["file"], ROAD);
        let line = st["diagnostics"][0]["line"].as_u64().unwrap();
        assert!((2..=5).contains(&line), "line {line}");
        let where_ = format!("{ROAD}:{line}:");
        let (role, lang, position, text) = overlay_naming(&c, &where_).await;
        assert_eq!((role.as_str(), lang.as_str(), position.as_str()), ("alert", "th", "fixed"));
        assert!(text.contains(&where_), "{where_} not in overlay: {text}");
        assert!(text.contains("ข้อผิดพลาด"), "{text}");
        assert_eq!(h1(&c).await.as_deref(), Some("ประชุมถนน แก้ชื่อแล้ว"), "the last good page stays");

        // A page opened while the site is broken shows it too.
        c.goto(&format!("http://127.0.0.1:{port}/ita/2567/")).await.unwrap();
        // (The status is the last one now: the first overlay of the new page must name it.)
        let (_, _, _, text) = eventually("the overlay on a newly opened page", || overlay(&c)).await;
        assert!(text.contains(&where_), "{text}");
        c.goto(&page).await.unwrap();

        // The fix: the overlay goes and the page shows the fixed title, by itself.
        site.write(ROAD, &meeting("ประชุมถนน แก้ไขเรียบร้อย", "2567-03-15"));
        eventually("the fixed page without overlay", || async {
            let title = h1(&c).await?;
            let shown =
                c.execute("return !!document.getElementById('prongsai-overlay');", vec![]).await.ok()?;
            (title == "ประชุมถนน แก้ไขเรียบร้อย" && shown == serde_json::json!(false)).then_some(())
        })
        .await;
    });
    let outcome = checks.await;
    let _ = c.close().await;
    drop(driver);
    drop(server);
    if let Err(e) = outcome {
        std::panic::resume_unwind(e.into_panic());
    }
}
