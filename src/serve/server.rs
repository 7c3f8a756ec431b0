//! The preview server: the last good build, held in memory and swapped whole after each
//! successful rebuild, served under the site's base path, with the live-reload script
//! added to HTML responses on the way out (never to the files `build` writes).

use crate::diagnostics::{Diagnostic, Severity};
use crate::render::filters::escape_html;
use crate::site::Report;
use crate::write::Content;
use axum::Router;
use axum::body::Body;
use axum::extract::State;
use axum::http::{HeaderValue, Method, StatusCode, Uri, header};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use futures_util::Stream;
use serde::Serialize;
use std::borrow::Cow;
use std::collections::BTreeMap;
use std::convert::Infallible;
use std::sync::{Arc, RwLock};
use std::time::Duration;
use tokio::sync::watch;

/// Our own URLs, outside any base path; slugs cannot start with `_`, so no page has these.
pub const EVENTS: &str = "/__prongsai/events";
pub const STATUS: &str = "/__prongsai/status";
pub const SCRIPT: &str = "/__prongsai/livereload.js";

const LIVERELOAD_JS: &str = include_str!("livereload.js");

/// At most this many warnings go to the browser with a failed build; the terminal has
/// them all. (A big site can have thousands, which would bury the one error.)
const MAX_WARNINGS: usize = 200;

/// One complete build, as served.
pub struct Snapshot {
    pub files: BTreeMap<String, Content>,
    pub base_path: String,
    /// Changes with every successful build; pages carry the one they came from, so the
    /// browser knows when to reload.
    pub version: String,
}

#[derive(Serialize)]
pub struct Status {
    /// The version of the site being served (empty before the first good build).
    pub version: String,
    /// Whether the last build succeeded.
    pub ok: bool,
    pub errors: usize,
    pub warnings: usize,
    /// When the last build failed: its errors, then its first warnings.
    pub diagnostics: Vec<Diagnostic>,
    /// Warnings left out of `diagnostics`.
    pub omitted: usize,
    /// The drafts' own problems (errors first), listed even when the build succeeded: a
    /// draft never stops the preview of the rest.
    pub drafts: Vec<Diagnostic>,
    #[serde(skip)]
    json: String,
}

impl Status {
    fn new(version: String, ok: bool, report: Option<&Report>) -> Status {
        let mut s = Status {
            version,
            ok,
            errors: 0,
            warnings: 0,
            diagnostics: Vec::new(),
            omitted: 0,
            drafts: Vec::new(),
            json: String::new(),
        };
        if let Some(r) = report {
            s.errors = r.diagnostics.errors();
            s.warnings = r.diagnostics.warnings();
            if !ok {
                let all = r.diagnostics.sorted();
                let (errors, warnings): (Vec<_>, Vec<_>) =
                    all.into_iter().partition(|d| d.severity == Severity::Error);
                s.omitted = warnings.len().saturating_sub(MAX_WARNINGS);
                s.diagnostics = errors;
                s.diagnostics.extend(warnings.into_iter().take(MAX_WARNINGS));
            }
            let (errors, warnings): (Vec<_>, Vec<_>) =
                r.draft_diagnostics.sorted().into_iter().partition(|d| d.severity == Severity::Error);
            s.drafts = errors;
            s.drafts.extend(warnings.into_iter().take(MAX_WARNINGS));
        }
        s.json = serde_json::to_string(&s).expect("status serializes");
        s
    }
}

/// What the server and the rebuild loop share.
pub struct Shared {
    site: RwLock<Option<Arc<Snapshot>>>,
    status: watch::Sender<Arc<Status>>,
    run: String,
    builds: std::sync::atomic::AtomicU64,
    /// The editor is mounted: pages carry a link to it.
    editor: std::sync::atomic::AtomicBool,
}

impl Default for Shared {
    fn default() -> Self {
        Self::new()
    }
}

impl Shared {
    pub fn new() -> Shared {
        let (status, _) = watch::channel(Arc::new(Status::new(String::new(), true, None)));
        // Tells this run's versions from an earlier run's, so a page from before a restart
        // reloads.
        let t = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap_or_default();
        let run = format!("{:x}{:x}", t.as_millis() as u64 & 0xffff_ffff, std::process::id());
        Shared {
            site: RwLock::new(None),
            status,
            run,
            builds: Default::default(),
            editor: Default::default(),
        }
    }

    /// Serves a new build. The site is swapped in before anyone is told, so a browser
    /// that reloads on the news gets the new pages, never a gap. A build with the same
    /// files as the one served (a save without changes, or the tail of a save whose events
    /// came in two batches) changes nothing and reloads nothing, unless `force` (files on
    /// disk may have changed under the same path). Returns whether pages were swapped.
    pub fn publish(&self, files: BTreeMap<String, Content>, report: &Report, force: bool) -> bool {
        if !force
            && let Some(cur) = self.current()
            && cur.base_path == report.base_path
            && same_files(&cur.files, &files)
        {
            // Still news if the last build had failed: the overlay goes, the page stays.
            self.status.send_if_modified(|st| {
                let fresh = Status::new(cur.version.clone(), true, Some(report));
                let changed = st.json != fresh.json;
                if changed {
                    *st = Arc::new(fresh);
                }
                changed
            });
            return false;
        }
        let n = self.builds.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1;
        let version = format!("{}-{n}", self.run);
        let snap =
            Arc::new(Snapshot { files, base_path: report.base_path.clone(), version: version.clone() });
        *self.site.write().unwrap_or_else(|e| e.into_inner()) = Some(snap);
        self.status.send_replace(Arc::new(Status::new(version, true, Some(report))));
        true
    }

    /// A failed build: the last good site stays; open pages show the errors.
    pub fn fail(&self, report: &Report) {
        let version = self.current().map(|s| s.version.clone()).unwrap_or_default();
        self.status.send_replace(Arc::new(Status::new(version, false, Some(report))));
    }

    fn editor(&self) -> bool {
        self.editor.load(std::sync::atomic::Ordering::Relaxed)
    }

    pub fn current(&self) -> Option<Arc<Snapshot>> {
        self.site.read().unwrap_or_else(|e| e.into_inner()).clone()
    }

    pub fn status(&self) -> Arc<Status> {
        self.status.borrow().clone()
    }

    /// Pages served from now on carry a link to the editor.
    pub fn link_editor(&self) {
        self.editor.store(true, std::sync::atomic::Ordering::Relaxed);
    }

    /// Hears of every build from now on (the editor waits for the one its save asked for).
    pub fn subscribe(&self) -> watch::Receiver<Arc<Status>> {
        self.status.subscribe()
    }
}

/// Same paths with the same bytes; pages reused from the cache compare by pointer (or by
/// place in the spool), those made again by their bytes.
fn same_files(a: &BTreeMap<String, Content>, b: &BTreeMap<String, Content>) -> bool {
    a.len() == b.len()
        && a.iter().zip(b).all(|((ka, ca), (kb, cb))| {
            ka == kb
                && match (ca, cb) {
                    (Content::Bytes(x), Content::Bytes(y)) => Arc::ptr_eq(x, y) || x == y,
                    (Content::File(x), Content::File(y)) => x == y,
                    (Content::Spooled(x), Content::Spooled(y)) if x.same(y) => true,
                    (Content::Joined(x), Content::Joined(y)) => Arc::ptr_eq(x, y) || x.same(y),
                    (Content::File(_), _) | (_, Content::File(_)) => false,
                    // A page made again, in a new pack: read back only if its length is the same.
                    (x, y) => {
                        len_of(x) == len_of(y) && matches!((x.read(), y.read()), (Ok(x), Ok(y)) if x == y)
                    }
                }
        })
}

fn len_of(c: &Content) -> Option<u64> {
    match c {
        Content::Bytes(b) => Some(b.len() as u64),
        Content::Spooled(s) => Some(s.len()),
        Content::Joined(j) => Some(j.len() as u64),
        Content::File(_) => None,
    }
}

pub fn router(shared: Arc<Shared>) -> Router {
    Router::new()
        .route(EVENTS, get(events))
        .route(STATUS, get(status))
        .route(SCRIPT, get(script))
        .fallback(page)
        .with_state(shared)
}

/// Server-sent events: the current status at once (so a page opened while the site is
/// broken shows the errors), then one after every build.
async fn events(State(s): State<Arc<Shared>>) -> Sse<impl Stream<Item = Result<Event, Infallible>>> {
    let rx = s.status.subscribe();
    let stream = futures_util::stream::unfold((rx, true), |(mut rx, first)| async move {
        if !first && rx.changed().await.is_err() {
            return None;
        }
        let msg = rx.borrow_and_update().clone();
        let mut ev = Event::default().event("status").data(msg.json.as_str());
        if first {
            // Reconnect soon after the server comes back.
            ev = ev.retry(Duration::from_millis(500));
        }
        Some((Ok(ev), (rx, false)))
    });
    Sse::new(stream).keep_alive(KeepAlive::new().interval(Duration::from_secs(10)))
}

async fn status(State(s): State<Arc<Shared>>) -> Response {
    let st = s.status();
    respond(StatusCode::OK, "application/json; charset=utf-8", st.json.clone().into_bytes())
}

async fn script() -> Response {
    respond(StatusCode::OK, "text/javascript; charset=utf-8", LIVERELOAD_JS.as_bytes().to_vec())
}

async fn page(State(s): State<Arc<Shared>>, method: Method, uri: Uri) -> Response {
    if method != Method::GET && method != Method::HEAD {
        let mut r = respond(StatusCode::METHOD_NOT_ALLOWED, "text/plain; charset=utf-8", "405\n".into());
        r.headers_mut().insert(header::ALLOW, HeaderValue::from_static("GET, HEAD"));
        return r;
    }
    let Some(site) = s.current() else {
        return respond(StatusCode::SERVICE_UNAVAILABLE, HTML, error_page(&s.status()));
    };
    match resolve(uri.path(), &site.base_path, |k| site.files.contains_key(k)) {
        Resolved::File(key) => send(&site, &key, StatusCode::OK, s.editor()).await,
        Resolved::Redirect(mut to) => {
            if let Some(q) = uri.query() {
                to.push('?');
                to.push_str(q);
            }
            let mut r = respond(StatusCode::TEMPORARY_REDIRECT, "text/plain; charset=utf-8", Vec::new());
            match HeaderValue::try_from(to) {
                Ok(v) => {
                    r.headers_mut().insert(header::LOCATION, v);
                    r
                }
                Err(_) => not_found(&site, s.editor()).await,
            }
        }
        Resolved::NotFound => not_found(&site, s.editor()).await,
    }
}

async fn not_found(site: &Snapshot, editor: bool) -> Response {
    if site.files.contains_key("404.html") {
        send(site, "404.html", StatusCode::NOT_FOUND, editor).await
    } else {
        respond(StatusCode::NOT_FOUND, "text/plain; charset=utf-8", "ไม่พบหน้านี้ (404)\n".as_bytes().to_vec())
    }
}

async fn send(site: &Snapshot, key: &str, code: StatusCode, editor: bool) -> Response {
    let bytes = match &site.files[key] {
        Content::Bytes(b) => b.as_ref().clone(),
        Content::Joined(j) => j.to_vec(),
        // Only paths the build put in the map: never a path taken from the request.
        Content::Spooled(s) => match tokio::task::spawn_blocking({
            let s = s.clone();
            move || s.read()
        })
        .await
        {
            Ok(Ok(b)) => b,
            // Gone only when `serve` is ending.
            _ => {
                return respond(
                    StatusCode::SERVICE_UNAVAILABLE,
                    "text/plain; charset=utf-8",
                    "อ่านไฟล์ไม่ได้ (503)\n".as_bytes().to_vec(),
                );
            }
        },
        Content::File(p) => match tokio::fs::read(p).await {
            Ok(b) => b,
            Err(_) => {
                return respond(
                    StatusCode::NOT_FOUND,
                    "text/plain; charset=utf-8",
                    "ไม่พบไฟล์ (404)\n".as_bytes().to_vec(),
                );
            }
        },
    };
    let ctype = content_type(key);
    let bytes = match (ctype == HTML, editor) {
        (true, true) => inject_tag(bytes, &format!("{}{}", edit_link(key), snippet(&site.version))),
        (true, false) => inject(bytes, &site.version),
        _ => bytes,
    };
    respond(code, &ctype, bytes)
}

const HTML: &str = "text/html; charset=utf-8";

fn respond(code: StatusCode, ctype: &str, body: Vec<u8>) -> Response {
    let mut r = (code, Body::from(body)).into_response();
    let h = r.headers_mut();
    let ctype = HeaderValue::from_str(ctype).unwrap_or(HeaderValue::from_static("application/octet-stream"));
    h.insert(header::CONTENT_TYPE, ctype);
    // A preview must always show the latest build, never a cached page.
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    h.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    r
}

/// The Content-Type of a file of the build, from its extension: mime_guess's table, except
/// where it still has an older name or where a browser should show the file; text types
/// say UTF-8, the only encoding a build writes.
pub fn content_type(key: &str) -> Cow<'static, str> {
    let ext = key.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase()).unwrap_or_default();
    let mime = match ext.as_str() {
        // RFC 9239 and RFC 8081; mime_guess has older names (application/javascript,
        // application/font-woff, application/font-sfnt).
        "mjs" => "text/javascript",
        "woff" => "font/woff",
        "otf" => "font/otf",
        // The feed and the sitemap: application/xml lets the document name its encoding.
        "xml" => "application/xml",
        // Shown in the browser rather than downloaded.
        "md" => "text/plain",
        e => mime_guess::from_ext(e).first_raw().unwrap_or("application/octet-stream"),
    };
    if mime.starts_with("text/") || mime == "application/json" || mime == "application/xml" {
        Cow::Owned(format!("{mime}; charset=utf-8"))
    } else {
        Cow::Borrowed(mime)
    }
}

/// The script tag that `serve` adds to HTML pages.
pub fn snippet(version: &str) -> String {
    format!("<script src=\"{SCRIPT}\" data-version=\"{version}\"></script>")
}

/// The link to the editor that `serve` adds to pages when it hosts the editor (never in
/// `build`'s output), through `open?page=` with the page's file of the build: the editor
/// sends the browser on to the form of the document the page comes from (a meeting, a
/// disclosure page), or to its list. Styled inline: the site's stylesheet knows nothing
/// of it. A blank of its height goes before it, so that the page's last lines can be
/// scrolled out from under it (at 390 px it covered them).
pub fn edit_link(key: &str) -> String {
    let page = percent_encoding::utf8_percent_encode(key, percent_encoding::NON_ALPHANUMERIC);
    format!(
        "<div id=\"prongsai-edit-space\" aria-hidden=\"true\" style=\"height:3.5rem\"></div>\
         <a id=\"prongsai-edit\" href=\"/__prongsai/edit/open?page={page}\" lang=\"th\" \
         style=\"position:fixed;right:.75rem;bottom:.75rem;z-index:2147483646;background:#12355b;color:#fff;\
         padding:.5rem .9rem;border-radius:4px;font:16px/1.4 sans-serif;text-decoration:underline\">แก้ไขเว็บไซต์</a>"
    )
}

/// Puts the live-reload script before the last `</body>`, or at the end if there is none.
pub fn inject(html: Vec<u8>, version: &str) -> Vec<u8> {
    inject_tag(html, &snippet(version))
}

fn inject_tag(mut html: Vec<u8>, tag: &str) -> Vec<u8> {
    let needle = b"</body";
    let at = html.windows(needle.len()).rposition(|w| w.eq_ignore_ascii_case(needle)).unwrap_or(html.len());
    html.splice(at..at, tag.bytes());
    html
}

#[derive(Debug, PartialEq, Eq)]
pub enum Resolved {
    /// A key of the build's map.
    File(String),
    Redirect(String),
    NotFound,
}

/// Maps a request path (as sent, percent-encoded) to a file of the build. Anything that
/// could name a place outside the site (`..`, `.`, empty segments, backslashes, NUL,
/// encoded `/` or `\`) is not found: the map holds only the site's own files, and these
/// rules keep it so even if it held something odd.
pub fn resolve(raw: &str, base: &str, has: impl Fn(&str) -> bool) -> Resolved {
    if !raw.starts_with('/') {
        return Resolved::NotFound;
    }
    let lower = raw.to_ascii_lowercase();
    if raw.contains('\\') || lower.contains("%2f") || lower.contains("%5c") || lower.contains("%00") {
        return Resolved::NotFound;
    }
    let Some(path) = percent_decode(raw) else { return Resolved::NotFound };
    if path.contains(['\0', '\\']) || path.chars().any(char::is_control) {
        return Resolved::NotFound;
    }
    if base != "/" && (path == "/" || path.len() + 1 == base.len() && base.starts_with(&path)) {
        return Resolved::Redirect(base.to_string());
    }
    let Some(rel) = path.strip_prefix(base) else { return Resolved::NotFound };
    let segs: Vec<&str> = rel.split('/').collect();
    for (i, s) in segs.iter().enumerate() {
        let last = i + 1 == segs.len();
        if *s == "." || *s == ".." || (s.is_empty() && !last) {
            return Resolved::NotFound;
        }
    }
    if rel.is_empty() || rel.ends_with('/') {
        let key = format!("{rel}index.html");
        return if has(&key) { Resolved::File(key) } else { Resolved::NotFound };
    }
    if has(rel) {
        Resolved::File(rel.to_string())
    } else if has(&format!("{rel}/index.html")) {
        Resolved::Redirect(format!("{raw}/"))
    } else {
        Resolved::NotFound
    }
}

/// Decodes a request path. A `%` without two hex digits after it is refused, as is a
/// path that is not UTF-8 once decoded: percent-encoding would pass the `%` through, and
/// then `/a%zz` could name a file `a%zz`.
fn percent_decode(s: &str) -> Option<String> {
    let b = s.as_bytes();
    let hex = |i: usize| b.get(i).is_some_and(u8::is_ascii_hexdigit);
    if b.iter().enumerate().any(|(i, &c)| c == b'%' && !(hex(i + 1) && hex(i + 2))) {
        return None;
    }
    percent_encoding::percent_decode_str(s).decode_utf8().ok().map(Cow::into_owned)
}

/// What every path shows while no build has succeeded yet: the errors, and the script
/// that puts the site in its place once a fix builds.
fn error_page(st: &Status) -> Vec<u8> {
    let mut items = String::new();
    for d in &st.diagnostics {
        items.push_str(&format!("<li>{}</li>\n", escape_html(&d.to_string())));
    }
    format!(
        "<!doctype html>\n<html lang=\"th\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>สร้างเว็บไซต์ไม่สำเร็จ</title>\n</head>\n<body>\n<main>\n\
         <h1>สร้างเว็บไซต์ไม่สำเร็จ</h1>\n\
         <p>แก้ไฟล์ตามรายการข้างล่างแล้วบันทึก หน้านี้จะโหลดใหม่เอง</p>\n\
         <ul>\n{items}</ul>\n</main>\n{}\n</body>\n</html>\n",
        snippet(&st.version)
    )
    .into_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys() -> impl Fn(&str) -> bool {
        |k: &str| {
            ["index.html", "2567/index.html", "2567/ประชุม/index.html", "css/style.css", "404.html"]
                .contains(&k)
        }
    }

    #[test]
    fn resolves_under_base() {
        let r = |p: &str| resolve(p, "/ita/", keys());
        assert_eq!(r("/"), Resolved::Redirect("/ita/".into()));
        assert_eq!(r("/ita"), Resolved::Redirect("/ita/".into()));
        assert_eq!(r("/ita/"), Resolved::File("index.html".into()));
        assert_eq!(r("/ita/2567"), Resolved::Redirect("/ita/2567/".into()));
        assert_eq!(r("/ita/2567/"), Resolved::File("2567/index.html".into()));
        assert_eq!(r("/ita/css/style.css"), Resolved::File("css/style.css".into()));
        let thai = "/ita/2567/%E0%B8%9B%E0%B8%A3%E0%B8%B0%E0%B8%8A%E0%B8%B8%E0%B8%A1/";
        assert_eq!(r(thai), Resolved::File("2567/ประชุม/index.html".into()));
        assert_eq!(r("/2567/"), Resolved::NotFound);
        assert_eq!(r("/itax/"), Resolved::NotFound);
    }

    #[test]
    fn nothing_outside_the_site() {
        let r = |p: &str| resolve(p, "/", keys());
        for bad in [
            "/../etc/passwd",
            "/css/../index.html",
            "/%2e%2e/etc/passwd",
            "/%2E%2E%2Fetc",
            "/css%2fstyle.css",
            "/css%5cstyle.css",
            "/css\\style.css",
            "/index.html%00",
            "/./index.html",
            "//index.html",
            "//evil.example/",
            "/%ff",
            "/%zz",
            "relative",
        ] {
            assert_eq!(r(bad), Resolved::NotFound, "{bad}");
        }
        assert_eq!(r("/"), Resolved::File("index.html".into()));
    }

    #[test]
    fn script_goes_before_the_last_body_end() {
        let out = inject(b"<html><body><p>x</p></BODY></html>".to_vec(), "v1");
        let s = String::from_utf8(out).unwrap();
        assert!(
            s.ends_with(
                "<script src=\"/__prongsai/livereload.js\" data-version=\"v1\"></script></BODY></html>"
            ),
            "{s}"
        );
        let s = String::from_utf8(inject(b"<p>no body".to_vec(), "v")).unwrap();
        assert!(s.starts_with("<p>no body<script"));
    }

    #[test]
    fn text_types_say_utf8() {
        assert_eq!(content_type("a/index.html"), "text/html; charset=utf-8");
        assert_eq!(content_type("2567/attendees.csv"), "text/csv; charset=utf-8");
        assert_eq!(content_type("feed.xml"), "application/xml; charset=utf-8");
        assert_eq!(content_type("files/a.PDF"), "application/pdf");
        assert_eq!(content_type("logo.svg"), "image/svg+xml");
    }

    #[test]
    fn content_types_as_before_mime_guess() {
        // The table this server had by hand, before mime_guess: every type stays the same.
        let utf8 = |m: &str| format!("{m}; charset=utf-8");
        for (ext, want) in [
            ("html", utf8("text/html")),
            ("htm", utf8("text/html")),
            ("css", utf8("text/css")),
            ("js", utf8("text/javascript")),
            ("mjs", utf8("text/javascript")),
            ("json", utf8("application/json")),
            ("xml", utf8("application/xml")),
            ("csv", utf8("text/csv")),
            ("txt", utf8("text/plain")),
            ("md", utf8("text/plain")),
            ("svg", "image/svg+xml".into()),
            ("png", "image/png".into()),
            ("jpg", "image/jpeg".into()),
            ("jpeg", "image/jpeg".into()),
            ("gif", "image/gif".into()),
            ("webp", "image/webp".into()),
            ("avif", "image/avif".into()),
            ("ico", "image/x-icon".into()),
            ("pdf", "application/pdf".into()),
            ("woff", "font/woff".into()),
            ("woff2", "font/woff2".into()),
            ("ttf", "font/ttf".into()),
            ("otf", "font/otf".into()),
            ("mp4", "video/mp4".into()),
            ("webm", "video/webm".into()),
            ("mp3", "audio/mpeg".into()),
            ("zip", "application/zip".into()),
            ("doc", "application/msword".into()),
            ("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document".into()),
            ("xls", "application/vnd.ms-excel".into()),
            ("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet".into()),
        ] {
            assert_eq!(content_type(&format!("files/a.{ext}")), want, "{ext}");
            assert_eq!(content_type(&format!("files/A.{}", ext.to_uppercase())), want, "{ext}");
        }
        for unknown in ["files/a", "files/a.unknownext", "a.b/README", "files/a."] {
            assert_eq!(content_type(unknown), "application/octet-stream", "{unknown}");
        }
    }

    #[test]
    fn percent_decoding_refuses_what_is_not_an_escape() {
        assert_eq!(percent_decode("/a%20b").as_deref(), Some("/a b"));
        assert_eq!(percent_decode("/%E0%B8%9B").as_deref(), Some("/ป"));
        assert_eq!(percent_decode("/%25zz").as_deref(), Some("/%zz"));
        for bad in ["/%zz", "/a%2", "/a%", "/%%41", "/%ff", "/%e0%b8"] {
            assert_eq!(percent_decode(bad), None, "{bad}");
        }
    }
}
