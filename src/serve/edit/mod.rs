//! The editor: a room of `serve` at `/__prongsai/edit/`, for the person at this computer.
//! It lists the site's documents with their check status, shows a form per document
//! generated from the field declaration ([`fields`]), checks the form as `check` checks a
//! file (same codes and Thai messages, placed at their field), and saves through the one
//! atomic writer ([`crate::fs::write_atomic`]) by changing only the edited lines
//! ([`doc`]). After a save it asks the rebuild loop for a build at once (not through the
//! file watcher) and answers when the preview has it.
//!
//! Security (DESIGN, "The editor"): mounted only when `serve` listens on loopback; every
//! request with a `Host` other than this machine's loopback names at this port is 403 (DNS
//! rebinding); every POST carries this run's token and a same-origin `Origin`; writes go
//! only under `content/` and `static/` and to `site.yaml` ([`crate::fs::writable_site_path`]).

pub mod deploy;
pub mod doc;
mod wording;

use super::server::Shared;
use super::watch::Batch;
use crate::calendar;
use crate::diagnostics::{Diagnostic, Diagnostics, Severity};
use crate::load::schema::{Field, FieldKind};
use crate::load::{self, LoadCache, Meeting};
use crate::{layout, model, scaffold};
use axum::Router;
use axum::body::Body;
use axum::extract::{Query, Request, State};
use axum::http::{Method, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use doc::{FormData, Source};

const MEETING: &[Field] = load::schema::MEETING.fields;

/// A file's text taken apart as its kind is written: `site.yaml` whole, others with front matter.
fn source_of(kind: &load::DocKind, text: &str) -> Source {
    if kind.id == load::schema::SITE.id { Source::parse_yaml(text) } else { Source::parse(text) }
}

/// The kind of a document of `content/` as `load` tells them apart (a new one: a meeting).
fn kind_of(rel: Option<&str>, text: &str) -> &'static load::DocKind {
    match rel {
        Some(rel) => load::kind_of(rel, text),
        None => &load::schema::MEETING,
    }
}
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::{Arc, Mutex, mpsc};
use std::time::Duration;

pub const ROOT: &str = "/__prongsai/edit/";

const BASE_HTML: &str = include_str!("templates/base.html");
const LIST_HTML: &str = include_str!("templates/list.html");
const FORM_HTML: &str = include_str!("templates/form.html");
const EDIT_JS: &str = include_str!("templates/edit.js");
const EDIT_CSS: &str = include_str!("templates/edit.css");

/// Whether `serve` on this address may host the editor: loopback only.
pub fn allowed_on(addr: std::net::SocketAddr) -> bool {
    addr.ip().is_loopback()
}

/// What the editor needs of the running `serve`.
pub struct Editor {
    root: PathBuf,
    port: u16,
    token: String,
    shared: Arc<Shared>,
    /// Hands a saved file to the rebuild loop, as the watcher would, but at once.
    rebuild: Mutex<mpsc::Sender<Batch>>,
    checker: Mutex<Checker>,
    /// The import's warnings of each report dropped in this run, by the meeting file it
    /// became: shown at their fields each time its form opens, until it is saved published.
    imported: Mutex<BTreeMap<String, Vec<Note>>>,
    env: minijinja::Environment<'static>,
    /// The publish page's publish, if one ran.
    deploy: deploy::Jobs,
}

/// One warning of an import, for its form.
#[derive(Clone, Serialize)]
struct Note {
    code: &'static str,
    /// The meeting file's key it concerns (`results`, `usage`: the body's sections).
    field: &'static str,
    message: String,
    quote: String,
}

/// The editor's own view of the site (drafts included), reloaded from disk as it changes.
#[derive(Default)]
struct Checker {
    loads: LoadCache,
    model: model::Cache,
    context: Option<Arc<Context>>,
}

/// What a form is checked and previewed with: the site's settings, registries and theme,
/// as last read.
struct Context {
    root: PathBuf,
    config: load::Config,
    registries: load::Registries,
    theme: Option<crate::render::Theme>,
    /// `site.yaml` as it was read (modified time, length): read again once it changes, by
    /// the settings form or another program.
    stamp: Option<(std::time::SystemTime, u64)>,
}

fn site_stamp(root: &std::path::Path) -> Option<(std::time::SystemTime, u64)> {
    let m = std::fs::metadata(root.join(layout::CONFIG_FILE)).ok()?;
    Some((m.modified().ok()?, m.len()))
}

impl Editor {
    pub fn new(root: PathBuf, port: u16, shared: Arc<Shared>, rebuild: mpsc::Sender<Batch>) -> Editor {
        let mut env = minijinja::Environment::new();
        env.add_filter("urlencode", |s: String| {
            percent_encoding::utf8_percent_encode(&s, percent_encoding::NON_ALPHANUMERIC).to_string()
        });
        env.add_template("base.html", BASE_HTML).expect("editor template");
        env.add_template("list.html", LIST_HTML).expect("editor template");
        env.add_template("form.html", FORM_HTML).expect("editor template");
        env.add_template(deploy::TEMPLATE.0, deploy::TEMPLATE.1).expect("editor template");
        Editor {
            root,
            port,
            token: run_token(),
            shared,
            rebuild: Mutex::new(rebuild),
            // The list shows each file's problems and ITA readiness, never its body: the
            // bodies stay in their files, as in a one-shot build.
            checker: Mutex::new(Checker { loads: LoadCache::leaving_bodies(), ..Checker::default() }),
            imported: Mutex::default(),
            env,
            deploy: deploy::Jobs::default(),
        }
    }

    fn page(&self, name: &str, ctx: minijinja::Value) -> Response {
        match self.env.get_template(name).and_then(|t| t.render(ctx)) {
            Ok(html) => respond(StatusCode::OK, "text/html; charset=utf-8", html.into_bytes()),
            Err(e) => respond(
                StatusCode::INTERNAL_SERVER_ERROR,
                "text/plain; charset=utf-8",
                format!("แสดงหน้าตัวแก้ไขไม่ได้: {e}\n").into_bytes(),
            ),
        }
    }

    /// The site's settings, registries and theme, as last read (read now if never).
    fn context(&self) -> Arc<Context> {
        if let Some(c) = &self.checker.lock().unwrap_or_else(|e| e.into_inner()).context
            && c.stamp == site_stamp(&self.root)
        {
            return c.clone();
        }
        self.scan();
        let c = self.checker.lock().unwrap_or_else(|e| e.into_inner());
        c.context.clone().expect("set by scan")
    }

    /// Loads and checks the whole site, drafts included, as `check --drafts` does.
    fn scan(&self) -> Scan {
        let mut c = self.checker.lock().unwrap_or_else(|e| e.into_inner());
        let stamp = site_stamp(&self.root);
        let mut diags = Diagnostics::new();
        let loaded = load::load_site(&self.root, None, &mut c.loads, &mut diags);
        let opts = model::ModelOptions { drafts: true, today: Some(calendar::today()) };
        let Checker { model: mc, .. } = &mut *c;
        let site = model::build_cached(&loaded, &opts, &mut diags, mc);
        // Settings and templates change seldom: read again with each look at the list.
        let mut theme_diags = Diagnostics::new();
        let theme = crate::render::theme::load(&self.root, &loaded.config, &mut theme_diags);
        c.context = Some(Arc::new(Context {
            root: self.root.clone(),
            config: loaded.config.clone(),
            registries: loaded.registries.clone(),
            theme,
            stamp,
        }));
        Scan { loaded, site, diags }
    }
}

struct Scan {
    loaded: load::Loaded,
    site: model::SiteModel,
    diags: Diagnostics,
}

/// This run's token: 128 bits from the standard library's randomly keyed hasher (its keys
/// come from the operating system's random source), with the time and process id mixed in.
pub(crate) fn run_token() -> String {
    use std::hash::{BuildHasher, Hasher};
    let t = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap_or_default();
    let mut out = String::new();
    for i in 0..2u8 {
        let mut h = std::collections::hash_map::RandomState::new().build_hasher();
        h.write_u128(t.as_nanos());
        h.write_u32(std::process::id());
        h.write_u8(i);
        out.push_str(&format!("{:016x}", h.finish()));
    }
    out
}

pub fn router(ed: Arc<Editor>) -> Router {
    Router::new()
        .route(ROOT, get(list))
        .route("/__prongsai/edit", get(list))
        .route("/__prongsai/edit/meeting", get(meeting_form))
        .route("/__prongsai/edit/page", get(meeting_form))
        .route("/__prongsai/edit/site", get(site_form))
        .route("/__prongsai/edit/open", get(open_page))
        .route("/__prongsai/edit/check", post(check))
        .route("/__prongsai/edit/save", post(save))
        .route("/__prongsai/edit/new-disclosure", post(new_disclosure))
        .route("/__prongsai/edit/guide", get(guide))
        // Uploads read their own body, up to MAX_UPLOAD, to refuse a bigger one in Thai.
        .route("/__prongsai/edit/upload", post(upload).layer(axum::extract::DefaultBodyLimit::disable()))
        .route("/__prongsai/edit/edit.js", get(|| async { asset("text/javascript; charset=utf-8", EDIT_JS) }))
        .route("/__prongsai/edit/edit.css", get(|| async { asset("text/css; charset=utf-8", EDIT_CSS) }))
        .merge(deploy::router())
        .route("/__prongsai/edit/{*rest}", axum::routing::any(not_found))
        .layer(middleware::from_fn_with_state(ed.clone(), guard))
        .with_state(ed)
}

/// The three locks on the door: this machine's Host, and for a write this run's token and
/// this page's Origin.
async fn guard(State(ed): State<Arc<Editor>>, req: Request, next: Next) -> Response {
    match local_request(ed.port, &req) {
        Err(Lock::Host) => {
            return refuse(StatusCode::FORBIDDEN, "ตัวแก้ไขเปิดได้จากเครื่องนี้เท่านั้น (ที่อยู่ 127.0.0.1 หรือ localhost)");
        }
        Err(Lock::Origin) => return refuse(StatusCode::FORBIDDEN, "คำขอนี้ไม่ได้มาจากหน้าตัวแก้ไข จึงไม่บันทึก"),
        Ok(()) => {}
    }
    if req.method() != Method::GET && req.method() != Method::HEAD {
        let token = req.headers().get("x-prongsai-token").and_then(|v| v.to_str().ok()).unwrap_or("");
        if !constant_time_eq(token.as_bytes(), ed.token.as_bytes()) {
            return refuse(StatusCode::FORBIDDEN, "คำขอนี้ไม่มีรหัสของตัวแก้ไขรอบนี้ ให้โหลดหน้าตัวแก้ไขใหม่");
        }
    }
    next.run(req).await
}

/// A lock a request to this machine's own pages (the editor, the create page) failed.
pub(crate) enum Lock {
    /// A `Host` other than `127.0.0.1`, `localhost` or `[::1]` at `port` (DNS rebinding).
    Host,
    /// A write whose `Origin` is not the page's own.
    Origin,
}

/// The Host and, on a write, the Origin locks of the editor and the create page; each says
/// its own refusal.
pub(crate) fn local_request(port: u16, req: &Request) -> Result<(), Lock> {
    let h = req.headers();
    let host = h.get(header::HOST).and_then(|v| v.to_str().ok()).unwrap_or("");
    let ours = [format!("127.0.0.1:{port}"), format!("localhost:{port}"), format!("[::1]:{port}")];
    if !ours.iter().any(|a| a == host) {
        return Err(Lock::Host);
    }
    if req.method() != Method::GET && req.method() != Method::HEAD {
        let origin = h.get(header::ORIGIN).and_then(|v| v.to_str().ok()).unwrap_or("");
        if origin != format!("http://{host}") {
            return Err(Lock::Origin);
        }
    }
    Ok(())
}

pub(crate) fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

fn refuse(code: StatusCode, msg: &str) -> Response {
    json(code, &serde_json::json!({ "error": msg }))
}

/// A request answered with an error: its status and JSON (`{"error": "…", …}`).
struct Refusal {
    code: StatusCode,
    body: serde_json::Value,
}

impl Refusal {
    fn json(code: StatusCode, body: &serde_json::Value) -> Refusal {
        Refusal { code, body: body.clone() }
    }
}

impl IntoResponse for Refusal {
    fn into_response(self) -> Response {
        json(self.code, &self.body)
    }
}

fn no(code: StatusCode, msg: &str) -> Refusal {
    Refusal { code, body: serde_json::json!({ "error": msg }) }
}

async fn not_found() -> Response {
    refuse(StatusCode::NOT_FOUND, "ไม่พบหน้านี้ในตัวแก้ไข")
}

fn respond(code: StatusCode, ctype: &'static str, body: Vec<u8>) -> Response {
    let mut r = (code, Body::from(body)).into_response();
    let h = r.headers_mut();
    h.insert(header::CONTENT_TYPE, header::HeaderValue::from_static(ctype));
    h.insert(header::CACHE_CONTROL, header::HeaderValue::from_static("no-store"));
    h.insert(header::X_CONTENT_TYPE_OPTIONS, header::HeaderValue::from_static("nosniff"));
    // No other site may frame the editor (clickjacking a save).
    h.insert(header::X_FRAME_OPTIONS, header::HeaderValue::from_static("DENY"));
    h.insert("referrer-policy", header::HeaderValue::from_static("no-referrer"));
    r
}

fn asset(ctype: &'static str, text: &'static str) -> Response {
    respond(StatusCode::OK, ctype, text.as_bytes().to_vec())
}

fn json(code: StatusCode, v: &impl Serialize) -> Response {
    let body = serde_json::to_vec(v).unwrap_or_default();
    respond(code, "application/json; charset=utf-8", body)
}

// ---------------------------------------------------------------- uploads

/// The largest file the editor takes (a scanned report can be big; a video is not an
/// attachment).
pub const MAX_UPLOAD: usize = 50 * 1024 * 1024;

#[derive(Deserialize)]
struct UploadQuery {
    name: String,
    /// The fiscal year the file belongs to (the meeting's); the current one if not given.
    fy: Option<i32>,
    /// A report: attach the original too (as `import` does) unless `attach=0`.
    #[serde(default)]
    attach: Option<u8>,
}

/// A file name kept readable (Thai letters too) and safe on every system: NFC, anything
/// but letters, digits, `-`, `_` and `.` becomes `-`, no leading or trailing dot or dash.
pub fn safe_file_name(name: &str) -> Option<String> {
    let base = name.rsplit(['/', '\\']).next().unwrap_or(name);
    let base = crate::text::nfc(base);
    let mut out = String::new();
    for c in base.chars() {
        let keep =
            c.is_alphanumeric() || matches!(c, '-' | '_' | '.') || ('\u{0E00}'..='\u{0E7F}').contains(&c);
        let c = if keep { c } else { '-' };
        if c == '-' && out.ends_with('-') {
            continue;
        }
        out.push(c);
    }
    let out = out.trim_matches(['-', '.']).to_string();
    let (stem, ext) = out.rsplit_once('.').unwrap_or((&out, ""));
    let stem = stem.trim_matches(['-', '.']);
    if stem.is_empty() || ext.is_empty() {
        return None;
    }
    let name = format!("{stem}.{}", ext.to_lowercase());
    // A Windows device name (`CON.csv`) opens the device there: given another name.
    if crate::fs::writable_site_path(&format!("{}/{name}", layout::STATIC)).is_none() {
        return Some(format!("file-{name}"));
    }
    Some(name)
}

/// `static/files/<fy>/<name>`, with `-2`, `-3` … before the extension if another file has
/// the name; None if the same bytes are already there (its path is given back as it is).
fn attachment_path(root: &std::path::Path, fy: i32, name: &str, bytes: &[u8]) -> Result<String, String> {
    let (stem, ext) = name.rsplit_once('.').unwrap_or((name, ""));
    for n in 1..1000 {
        let candidate = if n == 1 { name.to_string() } else { format!("{stem}-{n}.{ext}") };
        let rel = format!("{}/files/{fy}/{candidate}", layout::STATIC);
        let Some(rel) = crate::fs::writable_site_path(&rel) else {
            return Err(format!("ชื่อไฟล์ {name} ใช้ไม่ได้"));
        };
        let path = root.join(&rel);
        match std::fs::read(&path) {
            Ok(existing) if existing == bytes => return Ok(rel),
            Ok(_) => continue,
            Err(_) => {
                crate::fs::write_atomic(&path, bytes).map_err(|e| format!("เขียน {rel} ไม่ได้: {e}"))?;
                return Ok(rel);
            }
        }
    }
    Err(format!("มีไฟล์ชื่อ {name} มากเกินไป"))
}

/// A dropped file: a report (`.docx`, `.odt`, `.txt`) is imported as `prongsai import`
/// does, as a draft meeting with the original attached; anything else becomes an
/// attachment under `static/files/<fy>/`. Over [`MAX_UPLOAD`] is refused.
async fn upload(
    State(ed): State<Arc<Editor>>,
    Query(q): Query<UploadQuery>,
    headers: axum::http::HeaderMap,
    body: Body,
) -> Response {
    let too_big = || {
        refuse(
            StatusCode::PAYLOAD_TOO_LARGE,
            &format!(
                "ไฟล์ใหญ่เกิน {} MB จึงไม่รับ (ลดขนาดไฟล์ เช่น สแกนความละเอียดต่ำลง หรือแยกเป็นหลายไฟล์)",
                MAX_UPLOAD >> 20
            ),
        )
    };
    let declared = headers
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<usize>().ok());
    if declared.is_some_and(|n| n > MAX_UPLOAD) {
        return too_big();
    }
    let Ok(bytes) = axum::body::to_bytes(body, MAX_UPLOAD).await else {
        return too_big();
    };
    let Some(name) = safe_file_name(&q.name) else {
        return refuse(StatusCode::BAD_REQUEST, "ชื่อไฟล์ใช้ไม่ได้ (ต้องมีชื่อและนามสกุลไฟล์ เช่น รายงาน.pdf)");
    };
    let ext = name.rsplit('.').next().unwrap_or("").to_string();
    let ed2 = ed.clone();
    let res = tokio::task::spawn_blocking(move || -> Result<serde_json::Value, Refusal> {
        let root = &ed2.root;
        if matches!(ext.as_str(), "docx" | "odt" | "txt") {
            let imported = crate::import::import_report(&bytes, &name)
                .map_err(|e| no(StatusCode::UNPROCESSABLE_ENTITY, &format!("{e} [{}]", e.code().id())))?;
            let fy = imported.date.fiscal_year();
            let rel = format!("{}/{fy}/{}", layout::CONTENT, imported.file_name());
            let Some(rel) = meeting_path(&rel) else {
                return Err(no(StatusCode::FORBIDDEN, "เขียนไฟล์นอกโฟลเดอร์ content/ ไม่ได้"));
            };
            let path = root.join(&rel);
            if path.exists() {
                return Err(no(StatusCode::CONFLICT, &format!("มีไฟล์ {rel} อยู่แล้ว จะไม่เขียนทับ (เปิดไฟล์นั้นจากหน้ารายการ)")));
            }
            let mut text = imported.text.clone();
            let mut attached = None;
            if q.attach != Some(0) {
                let a = attachment_path(root, fy, &name, &bytes).map_err(|e| no(StatusCode::INTERNAL_SERVER_ERROR, &e))?;
                let under_static = a.strip_prefix(&format!("{}/", layout::STATIC)).unwrap_or(&a).to_string();
                text = text.replacen("draft: true\n", &format!("attachments:\n  - \"{under_static}\"\ndraft: true\n"), 1);
                attached = Some(under_static);
            }
            crate::fs::write_atomic(&path, text.as_bytes())
                .map_err(|e| no(StatusCode::INTERNAL_SERVER_ERROR, &format!("เขียน {rel} ไม่ได้: {e}")))?;
            let notes: Vec<Note> = imported
                .warnings
                .iter()
                .map(|w| Note {
                    code: w.code.id(),
                    field: w.field,
                    message: wording::for_form(&load::schema::MEETING, &w.message),
                    quote: w.quote.clone(),
                })
                .collect();
            ed2.imported.lock().unwrap_or_else(|e| e.into_inner()).insert(rel.clone(), notes.clone());
            Ok(serde_json::json!({ "imported": rel, "attachment": attached, "warnings": notes, "path": path }))
        } else {
            let fy = q.fy.unwrap_or_else(|| calendar::today().fiscal_year());
            let a = attachment_path(root, fy, &name, &bytes).map_err(|e| no(StatusCode::INTERNAL_SERVER_ERROR, &e))?;
            let under_static = a.strip_prefix(&format!("{}/", layout::STATIC)).unwrap_or(&a).to_string();
            Ok(serde_json::json!({ "attachment": under_static, "path": root.join(&a) }))
        }
    })
    .await;
    match res {
        Ok(Ok(v)) => {
            if let Some(p) = v["path"].as_str() {
                ed.rebuild_now(std::path::Path::new(p)).await;
            }
            let mut v = v;
            v.as_object_mut().map(|o| o.remove("path"));
            json(StatusCode::OK, &v)
        }
        Ok(Err(r)) => r.into_response(),
        Err(_) => refuse(StatusCode::INTERNAL_SERVER_ERROR, "รับไฟล์ไม่สำเร็จ"),
    }
}

// ---------------------------------------------------------------- the guide

async fn guide(State(ed): State<Arc<Editor>>) -> Response {
    static HTML: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    let html = HTML.get_or_init(guide_html);
    ed.page(
        "base.html",
        minijinja::context! {
            token => ed.token.clone(),
            title => "คู่มือผู้ดูแลเว็บไซต์",
            guide => minijinja::Value::from_safe_string(html.clone()),
        },
    )
}

/// The guide's HTML ([`crate::guide`]: GitHub's heading ids, each code's row anchored,
/// pictures from the guide's own route), a level down under the editor's `<h1>`.
fn guide_html() -> String {
    crate::guide::body(crate::guide::Images::Served, true)
}

// ---------------------------------------------------------------- from a page

#[derive(Deserialize)]
struct OpenQuery {
    /// A file of the build (`2569/slug/index.html`), the page the link was on.
    #[serde(default)]
    page: String,
}

/// The preview's "แก้ไขเว็บไซต์" link: on to the form of the document the page comes from
/// (a meeting at `<fy>/<slug>/`, a disclosure page at `ita/<fy>/<code>/`), else the list.
async fn open_page(State(ed): State<Arc<Editor>>, Query(q): Query<OpenQuery>) -> Response {
    let ed2 = ed.clone();
    let Ok(scan) = tokio::task::spawn_blocking(move || ed2.scan()).await else {
        return axum::response::Redirect::to(ROOT).into_response();
    };
    let dir = q.page.strip_suffix("index.html").unwrap_or(&q.page);
    let meeting =
        scan.site.entries.iter().find(|e| e.path == dir).map(|e| ("meeting", e.meeting.source.clone()));
    let page = || scan.site.ita.pages.iter().find(|p| p.path == dir).map(|p| ("page", p.page.source.clone()));
    match meeting.or_else(page) {
        Some((form, file)) => {
            let file = percent_encoding::utf8_percent_encode(&file, percent_encoding::NON_ALPHANUMERIC);
            axum::response::Redirect::to(&format!("/__prongsai/edit/{form}?file={file}")).into_response()
        }
        None => axum::response::Redirect::to(ROOT).into_response(),
    }
}

// ---------------------------------------------------------------- the list

#[derive(Serialize)]
struct Row {
    file: String,
    title: String,
    date: String,
    draft: bool,
    errors: usize,
    warnings: usize,
    /// Some for meetings: all four ITA elements there.
    ita: Option<bool>,
    code: String,
}

#[derive(Serialize)]
struct YearRows {
    fy: i32,
    meetings: Vec<Row>,
    pages: Vec<Row>,
}

async fn list(State(ed): State<Arc<Editor>>) -> Response {
    let ed2 = ed.clone();
    let Ok(scan) = tokio::task::spawn_blocking(move || ed2.scan()).await else {
        return refuse(StatusCode::INTERNAL_SERVER_ERROR, "อ่านเว็บไซต์ไม่ได้");
    };
    let mut per_file: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    // A draft's problems are its own (they never stop the site): counted at its row.
    let mut all = scan.diags.sorted();
    for d in &scan.loaded.drafts {
        all.extend(d.diags.sorted());
    }
    for d in &all {
        let e = per_file.entry(d.file.as_str()).or_default();
        match d.severity {
            Severity::Error => e.0 += 1,
            Severity::Warning => e.1 += 1,
        }
    }
    let readiness: BTreeMap<&str, bool> =
        scan.site.entries.iter().map(|e| (e.meeting.source.as_str(), e.readiness.complete())).collect();
    let n = scan.loaded.config.numerals;
    let mut years: BTreeMap<i32, YearRows> = BTreeMap::new();
    for m in &scan.loaded.meetings {
        let (errors, warnings) = per_file.get(m.source.as_str()).copied().unwrap_or_default();
        let y = years.entry(m.fiscal_year).or_insert_with(|| YearRows {
            fy: m.fiscal_year,
            meetings: vec![],
            pages: vec![],
        });
        y.meetings.push(Row {
            file: m.source.clone(),
            title: m.title.clone(),
            date: calendar::format_thai_short(m.date, n),
            draft: m.draft,
            errors,
            warnings,
            ita: Some(readiness.get(m.source.as_str()).copied().unwrap_or(false)),
            code: String::new(),
        });
    }
    for d in &scan.loaded.disclosures {
        let (errors, warnings) = per_file.get(d.source.as_str()).copied().unwrap_or_default();
        let fy = d.fiscal_year.unwrap_or(0);
        let y = years.entry(fy).or_insert_with(|| YearRows { fy, meetings: vec![], pages: vec![] });
        y.pages.push(Row {
            file: d.source.clone(),
            title: d.title.clone(),
            date: String::new(),
            draft: d.draft,
            errors,
            warnings,
            ita: None,
            code: d.code.clone(),
        });
    }
    // A draft that does not read as a document is listed too, to be opened and fixed.
    for d in &scan.loaded.drafts {
        let listed = years.values().any(|y| y.meetings.iter().chain(&y.pages).any(|r| r.file == d.source));
        if listed {
            continue;
        }
        let (errors, warnings) = per_file.get(d.source.as_str()).copied().unwrap_or_default();
        let fy = d.source.split('/').nth(1).and_then(|y| y.parse().ok()).unwrap_or(0);
        let y = years.entry(fy).or_insert_with(|| YearRows { fy, meetings: vec![], pages: vec![] });
        y.meetings.push(Row {
            file: d.source.clone(),
            title: d.title.clone().unwrap_or_default(),
            date: String::new(),
            draft: true,
            errors,
            warnings,
            ita: Some(false),
            code: String::new(),
        });
    }
    for y in years.values_mut() {
        y.meetings.sort_by(|a, b| b.file.cmp(&a.file));
    }
    let site_errors: Vec<String> =
        all.iter().filter(|d| d.file == layout::CONFIG_FILE).map(|d| d.to_string()).collect();
    // The OIT items of the newest registry year, for "add a disclosure page".
    let mut items = Vec::new();
    let mut fy_items = 0;
    if let Some(fy) = model::ita::dashboard::current_year(&scan.loaded.registries, Some(calendar::today()))
        && let Some(reg) = scan.loaded.registries.get(&fy)
    {
        fy_items = fy;
        for it in &reg.items {
            if it.key == load::registry::PARTICIPATION {
                continue;
            }
            let exists = scan.root_has(&ed, &layout::disclosure_page(fy, &it.code));
            items.push(serde_json::json!({ "code": it.code, "name": it.name, "exists": exists }));
        }
    }
    let years: Vec<YearRows> = years.into_values().rev().collect();
    ed.page(
        "list.html",
        minijinja::context! {
            token => ed.token.clone(),
            title => "ตัวแก้ไขเว็บไซต์",
            site_title => scan.loaded.config.title,
            years => minijinja::Value::from(minijinja::value::Serde(&years)),
            site_errors,
            items => minijinja::Value::from(minijinja::value::Serde(&items)),
            items_year => fy_items,
        },
    )
}

impl Scan {
    fn root_has(&self, ed: &Editor, rel: &str) -> bool {
        ed.root.join(rel).exists()
    }
}

#[derive(Deserialize)]
struct NewDisclosure {
    code: String,
    year: i32,
}

/// "Add a disclosure page": the page `new --ita` writes, for an item of the year's registry.
async fn new_disclosure(State(ed): State<Arc<Editor>>, body: axum::body::Bytes) -> Response {
    let Ok(req) = serde_json::from_slice::<NewDisclosure>(&body) else {
        return refuse(StatusCode::BAD_REQUEST, "คำขอไม่ถูกต้อง");
    };
    let mut diags = Diagnostics::new();
    let regs = load::registry::load(&ed.root, &mut diags);
    let Some(code) = load::registry::normalize_code(&req.code) else {
        return refuse(StatusCode::BAD_REQUEST, "ไม่ใช่รหัสรายการ ITA");
    };
    let Some(item) = regs.get(&req.year).and_then(|r| r.item(&code)) else {
        return refuse(StatusCode::NOT_FOUND, "ไม่มีรายการนี้ในรายการ ITA ของปีนั้น");
    };
    let rel = layout::disclosure_page(req.year, &code);
    let Some(rel) = crate::fs::writable_site_path(&rel) else {
        return refuse(StatusCode::FORBIDDEN, "เขียนไฟล์นอกโฟลเดอร์ content/ ไม่ได้");
    };
    let path = ed.root.join(&rel);
    if path.exists() {
        return refuse(StatusCode::CONFLICT, &format!("มีไฟล์ {rel} อยู่แล้ว"));
    }
    let text = scaffold::disclosure_template(item, req.year);
    if let Err(e) = crate::fs::write_atomic(&path, text.as_bytes()) {
        return refuse(StatusCode::INTERNAL_SERVER_ERROR, &format!("เขียน {rel} ไม่ได้: {e}"));
    }
    ed.rebuild_now(&path).await;
    json(StatusCode::OK, &serde_json::json!({ "file": rel }))
}

// ---------------------------------------------------------------- the meeting form

#[derive(Deserialize)]
struct FormQuery {
    file: Option<String>,
}

/// A file a form may edit: a `.md` under `content/`, or `site.yaml`; writable.
fn meeting_path(file: &str) -> Option<String> {
    let rel = crate::fs::writable_site_path(file)?;
    let doc = rel.starts_with(&format!("{}/", layout::CONTENT)) && rel.ends_with(".md");
    (doc || rel == layout::CONFIG_FILE).then_some(rel)
}

/// A stable fingerprint of a file's bytes (FNV-1a, 64 bits), sent with the form so that a
/// save sees a change made on disk since.
fn fingerprint(bytes: &[u8]) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{:016x}-{}", h, bytes.len())
}

/// The text a new meeting starts from: `prongsai new`'s layout, with the ITA sections.
fn new_meeting_text() -> String {
    scaffold::meeting_template("", calendar::today(), "", None)
}

#[derive(Serialize)]
struct FieldView {
    key: &'static str,
    label: &'static str,
    help: &'static str,
    kind: &'static str,
    required: bool,
    example: &'static str,
    options: Vec<(&'static str, &'static str)>,
    columns: Vec<FieldView>,
    value: serde_json::Value,
    /// The import's warnings about this field.
    imported: Vec<Note>,
}

/// The input a field kind gets in the form.
fn widget(k: FieldKind) -> &'static str {
    match k {
        FieldKind::Bool => "bool",
        FieldKind::TextList | FieldKind::Attachments => "list",
        // A table: a row's cells may be lists (a text box, a line each) or ticks.
        FieldKind::Attendees | FieldKind::Links | FieldKind::Rows(_) => "rows",
        FieldKind::Group(_) => "group",
        FieldKind::LongText => "longtext",
        FieldKind::Integer | FieldKind::FiscalYear => "number",
        FieldKind::Date => "date",
        FieldKind::Choice(_) => "choice",
        // A map by fiscal year (`ita`): a table, a row a year, the year its first column.
        FieldKind::ByYear(_) => "rows",
        _ => "text",
    }
}

fn view(f: &Field, value: serde_json::Value) -> FieldView {
    let columns = match widget(f.kind) {
        "rows" | "group" => {
            let year = matches!(f.kind, FieldKind::ByYear(_)).then_some(&doc::YEAR);
            let cols = year.into_iter().chain(f.kind.fields().unwrap_or_default());
            cols.map(|c| view(c, serde_json::Value::Null)).collect()
        }
        _ => Vec::new(),
    };
    FieldView {
        key: f.key,
        label: f.label,
        help: f.help,
        kind: widget(f.kind),
        example: f.example,
        options: f.kind.options().map(<[_]>::to_vec).unwrap_or_default(),
        required: f.required,
        columns,
        value,
        imported: Vec::new(),
    }
}

async fn meeting_form(State(ed): State<Arc<Editor>>, Query(q): Query<FormQuery>) -> Response {
    let (rel, text, hash) = match q.file.as_deref() {
        Some(f) => {
            let Some(rel) = meeting_path(f) else {
                return refuse(StatusCode::FORBIDDEN, "เปิดได้เฉพาะไฟล์ .md ใต้โฟลเดอร์ content/");
            };
            let bytes = match crate::fs::read_regular(&ed.root.join(&rel)) {
                Ok(b) => b,
                Err(e) => return refuse(StatusCode::NOT_FOUND, &format!("เปิด {rel} ไม่ได้: {e}")),
            };
            let Ok(d) = crate::fs::decode(&bytes) else {
                return refuse(StatusCode::UNPROCESSABLE_ENTITY, &format!("{rel} ไม่ใช่ไฟล์ข้อความ UTF-8"));
            };
            let bom = bytes.starts_with(&[0xEF, 0xBB, 0xBF]);
            let text = if bom { format!("\u{feff}{}", d.text) } else { d.text };
            (Some(rel), text, fingerprint(&bytes))
        }
        None => (None, new_meeting_text(), String::new()),
    };
    let kind = kind_of(rel.as_deref(), &text);
    let src = source_of(kind, &text);
    let form = src.form(kind.fields);
    let mut fields: Vec<FieldView> = kind
        .fields
        .iter()
        .map(|f| view(f, serde_json::to_value(&form.fields[f.key]).unwrap_or_default()))
        .collect();
    // An imported report's warnings at their fields, as live diagnostics are placed: the
    // body's two sections at the body; one about a field the form lacks, at the top.
    let notes = rel
        .as_ref()
        .and_then(|r| ed.imported.lock().unwrap_or_else(|e| e.into_inner()).get(r).cloned())
        .unwrap_or_default();
    let (mut body_notes, mut top_notes) = (Vec::new(), Vec::new());
    for n in notes {
        if let Some(f) = fields.iter_mut().find(|f| f.key == n.field) {
            f.imported.push(n);
        } else if matches!(n.field, "results" | "usage" | "body") && kind.id != load::schema::SITE.id {
            body_notes.push(n);
        } else {
            top_notes.push(n);
        }
    }
    let what = if kind.id == load::schema::MEETING.id {
        "การประชุม"
    } else {
        "หน้าเปิดเผยข้อมูล"
    };
    let title = match &rel {
        // The settings are not a page: their form is named for what it is.
        Some(_) if kind.id == load::schema::SITE.id => load::schema::SITE.label.to_string(),
        Some(_) => match form.fields.get("title") {
            Some(doc::Value::Text(t)) if !t.is_empty() => format!("แก้ไข{what}: {t}"),
            _ => format!("แก้ไข{what}"),
        },
        None => "เพิ่มการประชุม".to_string(),
    };
    ed.page(
        "form.html",
        minijinja::context! {
            token => ed.token.clone(),
            title,
            file => rel,
            hash,
            fields => minijinja::Value::from(minijinja::value::Serde(&fields)),
            body => form.body.unwrap_or_default(),
            body_notes => minijinja::Value::from(minijinja::value::Serde(&body_notes)),
            top_notes => minijinja::Value::from(minijinja::value::Serde(&top_notes)),
            meeting => kind.id == load::schema::MEETING.id,
            has_body => kind.id != load::schema::SITE.id,
        },
    )
}

/// The site's settings: the form of `site.yaml`.
async fn site_form(State(ed): State<Arc<Editor>>) -> Response {
    meeting_form(State(ed), Query(FormQuery { file: Some(layout::CONFIG_FILE.to_string()) })).await
}

#[derive(Deserialize)]
struct FormRequest {
    /// The file being edited; None for a new meeting.
    file: Option<String>,
    #[serde(default)]
    hash: String,
    form: FormData,
    /// What the person has already said yes to: "url" (the page moves), "unpublish".
    #[serde(default)]
    confirm: Vec<String>,
}

#[derive(Serialize)]
struct Placed {
    #[serde(flatten)]
    d: Diagnostic,
    /// The form field the line falls on (`body` for the Markdown), and the row of a list.
    field: Option<String>,
    row: Option<usize>,
}

#[derive(Serialize, Default)]
struct Checked {
    diagnostics: Vec<Placed>,
    errors: usize,
    warnings: usize,
    /// The four ITA elements, in order, with whether each is there.
    ita: Vec<(String, bool)>,
    /// The date as read: "วันจันทร์ที่ 21 ตุลาคม 2567".
    date_shown: Option<String>,
    /// The sum of the attendee rows' counts.
    attendee_sum: u64,
    /// Where the page will be, below the site's base.
    url: Option<String>,
    /// Its address in the preview (the base, then `url`), shown under the slug.
    page: Option<String>,
    preview: String,
}

/// The file text the form would save, and where (site-relative path).
fn form_text(ed: &Editor, req: &FormRequest) -> Result<(String, String, Option<Vec<u8>>), Refusal> {
    match req.file.as_deref() {
        Some(f) => {
            let Some(rel) = meeting_path(f) else {
                return Err(no(StatusCode::FORBIDDEN, "บันทึกได้เฉพาะไฟล์ .md ใต้โฟลเดอร์ content/"));
            };
            let bytes = crate::fs::read_regular(&ed.root.join(&rel))
                .map_err(|e| no(StatusCode::NOT_FOUND, &format!("อ่าน {rel} ไม่ได้: {e}")))?;
            let Ok(d) = crate::fs::decode(&bytes) else {
                return Err(no(StatusCode::UNPROCESSABLE_ENTITY, &format!("{rel} ไม่ใช่ไฟล์ข้อความ UTF-8")));
            };
            let bom = bytes.starts_with(&[0xEF, 0xBB, 0xBF]);
            let text = if bom { format!("\u{feff}{}", d.text) } else { d.text };
            let kind = kind_of(Some(&rel), &text);
            let mut src = source_of(kind, &text);
            src.apply(kind.fields, &req.form);
            Ok((rel, src.text(), Some(bytes)))
        }
        None => {
            let mut src = Source::parse(&new_meeting_text());
            src.apply(MEETING, &req.form);
            // No slug given: one from the title, as `prongsai new` makes it (the file
            // name's would be "ใหม่", the same for every new meeting).
            let given =
                matches!(req.form.fields.get("slug"), Some(doc::Value::Text(t)) if !t.trim().is_empty());
            if !given {
                let mut d = Diagnostics::new();
                let date = load::parse_meeting_text("content/ใหม่.md", "ใหม่.md", &src.text(), &mut d)
                    .map_or_else(calendar::today, |m| m.date);
                let title = match req.form.fields.get("title") {
                    Some(doc::Value::Text(t)) => t.clone(),
                    _ => String::new(),
                };
                let base = scaffold::slug_from_title(&title, date);
                // Meetings of one series share their title's first words ("ประชุมสภา…
                // ครั้งที่ 1/2569", "… ครั้งที่ 2/2569"): the next free `-2`, `-3` …, as
                // `import` does, rather than a URL the clerk is then told is taken.
                let snap = ed.shared.current();
                let taken = |s: &str| {
                    snap.as_ref().is_some_and(|snap| {
                        snap.files.contains_key(&format!("{}/{s}/index.html", date.fiscal_year()))
                    })
                };
                let slug = (1..1000)
                    .map(|n| if n == 1 { base.clone() } else { format!("{base}-{n}") })
                    .find(|s| !taken(s))
                    .unwrap_or(base);
                let fields = BTreeMap::from([("slug".to_string(), doc::Value::Text(slug))]);
                src.apply(MEETING, &FormData { fields, body: None });
            }
            let text = src.text();
            let rel = new_meeting_path(&text).unwrap_or_else(|| format!("{}/ใหม่.md", layout::CONTENT));
            Ok((rel, text, None))
        }
    }
}

/// Where a new meeting goes: `content/<fy>/<date>-<slug>.md`, as `prongsai new` names it.
fn new_meeting_path(text: &str) -> Option<String> {
    let mut d = Diagnostics::new();
    let m = load::parse_meeting_text("content/ใหม่.md", "ใหม่.md", text, &mut d)?;
    let name = scaffold::meeting_file_name(m.date, &m.slug);
    Some(format!("{}/{}/{name}", layout::CONTENT, m.date.fiscal_year()))
}

/// The four ITA elements of a meeting, as the form's checklist names them.
const ITA_ELEMENTS: [&str; 4] = [
    "ประเด็นการมีส่วนร่วม",
    "สรุปผู้มีส่วนร่วม",
    "ผลของการมีส่วนร่วม (หัวข้อในเนื้อหา)",
    "การนำผลไปปรับปรุงการดำเนินงาน (หัวข้อในเนื้อหา)",
];

/// Checks the text as `check --drafts` checks a file: load's messages, then the model's
/// for this meeting alone.
fn check_text(cx: &Context, rel: &str, text: &str) -> (Checked, Option<Arc<Meeting>>) {
    let config = &cx.config;
    let (doc, mut diags) = load::check_text(kind_of(Some(rel), text), rel, text);
    let mut out = Checked::default();
    let m = match doc {
        Some(load::Doc::Meeting(mut m)) => {
            // Its attachments' sizes, for the preview, as a build would show them.
            load::attach_files(&cx.root, &mut m.attachments, false);
            Some(Arc::new(*m))
        }
        // A disclosure page: what the model says of it alone (PS0510 nothing in it).
        Some(load::Doc::Disclosure(d)) => {
            let today = Some(calendar::today());
            let fy = d.fiscal_year.or_else(|| model::ita::dashboard::current_year(&cx.registries, today));
            out.url = fy.map(|fy| format!("{}/{fy}/{}/", layout::ITA, d.code.to_lowercase()));
            diags.extend_from_slice(&model::ita::dashboard::page_check(&Arc::new(d), &cx.registries, today));
            None
        }
        _ => None,
    };
    let src = source_of(kind_of(Some(rel), text), text);
    if let Some(m) = &m {
        let (r, more) = model::meeting_check(m, config, Some(calendar::today()));
        diags.extend_from_slice(&more);
        let have = [r.topics, r.attendees, r.results, r.usage];
        out.ita = ITA_ELEMENTS.iter().zip(have).map(|(e, h)| (e.to_string(), h)).collect();
        let wd = calendar::WEEKDAYS[usize::from(m.date.weekday())];
        out.date_shown = Some(format!("วัน{wd}ที่ {}", calendar::format_thai(m.date, config.numerals)));
        out.attendee_sum = m.attendees.iter().filter_map(|a| a.count).sum();
        out.url = Some(format!("{}/{}/", m.fiscal_year, m.slug));
        out.preview = preview(cx, m);
    }
    // A meeting that does not read yet (no title, a date being typed): nothing there.
    if m.is_none() && kind_of(Some(rel), text).id == load::schema::MEETING.id {
        out.ita = ITA_ELEMENTS.iter().map(|e| (e.to_string(), false)).collect();
    }
    out.errors = diags.errors();
    out.warnings = diags.warnings();
    out.diagnostics = diags
        .sorted()
        .into_iter()
        .map(|mut d| {
            d.message = wording::for_form(kind_of(Some(rel), text), &d.message);
            let (field, row) = match src.field_at(d.line) {
                Some((k, r)) => (Some(k), r),
                None => (None, None),
            };
            Placed { d, field, row }
        })
        .collect();
    (out, m)
}

/// The meeting's page through the site's own theme, alone in a site of one meeting.
fn preview(cx: &Context, m: &Arc<Meeting>) -> String {
    let Some(theme) = &cx.theme else { return String::new() };
    let loaded = load::Loaded {
        config: cx.config.clone(),
        meetings: vec![m.clone()],
        disclosures: Vec::new(),
        registries: cx.registries.clone(),
        files: 1,
        drafts: Vec::new(),
    };
    let mut d = Diagnostics::new();
    let site = model::build(&loaded, &model::ModelOptions { drafts: true, today: None }, &mut d);
    let Some(e) = site.entries.first() else { return String::new() };
    match crate::render::meeting_preview(&cx.root, &site, theme, e) {
        Ok(bytes) => String::from_utf8_lossy(&bytes).into_owned(),
        Err(e) => format!(
            "<p lang=\"th\">แสดงตัวอย่างไม่ได้: {}</p>",
            crate::render::filters::escape_html(&e.to_string())
        ),
    }
}

/// Where a meeting file's page is now (`2569/slug/`), read from its text on disk.
fn url_on_disk(rel: &str, disk: &[u8]) -> Option<String> {
    let text = String::from_utf8_lossy(disk);
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    let name = rel.rsplit('/').next().unwrap_or(rel);
    let m = load::parse_meeting_text(rel, name, text, &mut Diagnostics::new())?;
    Some(format!("{}/{}/", m.fiscal_year, m.slug))
}

impl Editor {
    /// The form's meeting would take the URL of another page of the preview: `check`'s
    /// PS0210 (two files, one URL), said at the slug before the save rather than after it.
    fn url_taken(&self, rel: &str, text: &str, disk: Option<&[u8]>, c: &mut Checked) {
        // A disclosure page's URL is its item's: a second page of an item is refused where
        // it is made.
        if kind_of(Some(rel), text).id != load::schema::MEETING.id {
            return;
        }
        let Some(url) = c.url.clone() else { return };
        let Some(snap) = self.shared.current() else { return };
        c.page = Some(format!("{}{url}", snap.base_path));
        if !snap.files.contains_key(&format!("{url}index.html")) {
            return;
        }
        // Its own page, where it already is.
        if disk.and_then(|d| url_on_disk(rel, d)).as_deref() == Some(url.as_str()) {
            return;
        }
        let d = Diagnostic {
            severity: Severity::Error,
            code: crate::diagnostics::Code::DuplicateUrl,
            file: rel.to_string(),
            line: 1,
            column: 1,
            message: format!(
                "มีหน้าอื่นอยู่ที่ URL {}{url} แล้ว (URL ซ้ำกัน) ให้ใส่ส่วนท้ายของ URL (slug) ที่ต่างกัน",
                snap.base_path
            ),
            detail: None,
        };
        c.diagnostics.insert(0, Placed { d, field: Some("slug".into()), row: None });
        c.errors += 1;
    }
}

async fn check(State(ed): State<Arc<Editor>>, body: axum::body::Bytes) -> Response {
    let Ok(req) = serde_json::from_slice::<FormRequest>(&body) else {
        return refuse(StatusCode::BAD_REQUEST, "คำขอไม่ถูกต้อง");
    };
    let ed2 = ed.clone();
    let res = tokio::task::spawn_blocking(move || {
        let (rel, text, disk) = form_text(&ed2, &req)?;
        let (mut c, _) = check_text(&ed2.context(), &rel, &text);
        ed2.url_taken(&rel, &text, disk.as_deref(), &mut c);
        Ok::<_, Refusal>(c)
    })
    .await;
    match res {
        Ok(Ok(c)) => json(StatusCode::OK, &c),
        Ok(Err(r)) => r.into_response(),
        Err(_) => refuse(StatusCode::INTERNAL_SERVER_ERROR, "ตรวจไม่สำเร็จ"),
    }
}

impl Editor {
    /// Asks the rebuild loop for a build with `path` changed and waits (a few seconds at
    /// most) for the preview to have it.
    async fn rebuild_now(&self, path: &std::path::Path) -> String {
        let (tx, rx) = mpsc::channel();
        let batch = Batch { paths: vec![path.to_path_buf()], done: vec![tx], ..Default::default() };
        let _ = self.rebuild.lock().unwrap_or_else(|e| e.into_inner()).send(batch);
        let _ = tokio::task::spawn_blocking(move || rx.recv_timeout(Duration::from_secs(5))).await;
        self.shared.status().version.clone()
    }
}

async fn save(State(ed): State<Arc<Editor>>, body: axum::body::Bytes) -> Response {
    let Ok(req) = serde_json::from_slice::<FormRequest>(&body) else {
        return refuse(StatusCode::BAD_REQUEST, "คำขอไม่ถูกต้อง");
    };
    let ed2 = ed.clone();
    let prepared = tokio::task::spawn_blocking(move || prepare_save(&ed2, &req)).await;
    let (path, text, url) = match prepared {
        Ok(Ok(p)) => p,
        Ok(Err(r)) => return r.into_response(),
        Err(_) => return refuse(StatusCode::INTERNAL_SERVER_ERROR, "บันทึกไม่สำเร็จ"),
    };
    if let Err(e) = crate::fs::write_atomic(&path, text.as_bytes()) {
        return refuse(StatusCode::INTERNAL_SERVER_ERROR, &format!("บันทึกไม่สำเร็จ: {e}"));
    }
    let rel = crate::fs::rel(&ed.root, &path);
    // Saved published: checked against the original, its import's warnings are done with.
    if url.is_some() {
        ed.imported.lock().unwrap_or_else(|e| e.into_inner()).remove(&rel);
    }
    // Saved as a draft (a new meeting starts as one): the form says it is not on the site.
    let draft = url.is_none() && rel != layout::CONFIG_FILE;
    let version = ed.rebuild_now(&path).await;
    let base = ed.shared.current().map(|s| s.base_path.clone()).unwrap_or_else(|| "/".into());
    json(
        StatusCode::OK,
        &serde_json::json!({
            "saved": true,
            "draft": draft,
            "file": rel,
            "hash": fingerprint(text.as_bytes()),
            "url": url.map(|u| format!("{base}{u}")),
            "version": version,
        }),
    )
}

/// Everything a save checks before it writes: the file unchanged on disk since the form
/// opened, no errors unless a draft, and a yes to a page that moves or leaves the site.
fn prepare_save(ed: &Editor, req: &FormRequest) -> Result<(PathBuf, String, Option<String>), Refusal> {
    let (rel, text, disk) = form_text(ed, req)?;
    let path = ed.root.join(&rel);
    if let Some(disk) = &disk
        && fingerprint(disk) != req.hash
    {
        let disk_text = String::from_utf8_lossy(disk).into_owned();
        return Err(Refusal::json(
            StatusCode::CONFLICT,
            &serde_json::json!({
                "conflict": true,
                "error": format!("ไฟล์ {rel} ถูกแก้ไขจากที่อื่นหลังจากเปิดฟอร์มนี้ จึงไม่บันทึกทับ ดูทั้งสองฉบับด้านล่าง แล้วโหลดหน้านี้ใหม่เพื่อแก้จากฉบับล่าสุด"),
                "disk": disk_text,
                "ours": text,
            }),
        ));
    }
    if disk.is_none() && path.exists() {
        return Err(no(
            StatusCode::CONFLICT,
            &format!("มีไฟล์ {rel} อยู่แล้ว จะไม่เขียนทับ ให้เปลี่ยนส่วนท้ายของ URL (slug) หรือวันที่"),
        ));
    }
    let (mut checked, m) = check_text(&ed.context(), &rel, &text);
    ed.url_taken(&rel, &text, disk.as_deref(), &mut checked);
    // From the text to be saved, which says so even when it does not read as a meeting.
    let draft = m.as_ref().is_some_and(|m| m.draft)
        || matches!(
            source_of(kind_of(Some(&rel), &text), &text)
                .form(kind_of(Some(&rel), &text).fields)
                .fields
                .get("draft"),
            Some(doc::Value::Bool(true))
        );
    if checked.errors > 0 && !draft {
        // The settings have no draft: what is wrong there would stop the whole site.
        let error = if rel == layout::CONFIG_FILE {
            format!(
                "ยังมีข้อผิดพลาด {} รายการ จึงยังไม่บันทึก ให้แก้ตามข้อความใต้ช่องก่อน (การตั้งค่าที่ผิดทำให้สร้างเว็บไซต์ไม่ได้)",
                checked.errors
            )
        } else {
            format!(
                "ยังมีข้อผิดพลาด {} รายการ บันทึกได้เฉพาะเป็นร่าง (ติ๊ก \"ฉบับร่าง\") หรือแก้ข้อผิดพลาดก่อน",
                checked.errors
            )
        };
        return Err(Refusal::json(StatusCode::UNPROCESSABLE_ENTITY, &serde_json::json!({ "error": error })));
    }
    if let Some(disk) = &disk {
        let old_text = String::from_utf8_lossy(disk).into_owned();
        let old_text = old_text.strip_prefix('\u{feff}').unwrap_or(&old_text).to_string();
        let kind = kind_of(Some(&rel), &old_text);
        let published = !matches!(
            Source::parse(&old_text).form(kind.fields).fields.get("draft"),
            Some(doc::Value::Bool(true))
        );
        let mut d = Diagnostics::new();
        let name = rel.rsplit('/').next().unwrap_or(&rel);
        let old = (kind.id == load::schema::MEETING.id)
            .then(|| load::parse_meeting_text(&rel, name, &old_text, &mut d))
            .flatten();
        if let Some(old) = old {
            let old_url = format!("{}/{}/", old.fiscal_year, old.slug);
            if let Some(new_url) = &checked.url
                && *new_url != old_url
                && !req.confirm.iter().any(|c| c == "url")
            {
                let loud = if published {
                    " หน้านี้เผยแพร่แล้ว: ถ้าส่ง URL เดิมให้ผู้ประเมิน ITA ไปแล้ว ลิงก์นั้นจะเสีย"
                } else {
                    ""
                };
                return Err(Refusal::json(
                    StatusCode::CONFLICT,
                    &serde_json::json!({
                        "ask": "url",
                        "published": published,
                        "old_url": old_url,
                        "new_url": new_url,
                        "error": format!("การแก้นี้ย้ายหน้าจาก /{old_url} ไปที่ /{new_url} (ชื่อไฟล์ไม่เปลี่ยน){loud} ยืนยันหรือไม่?"),
                    }),
                ));
            }
        }
        if published && draft && !req.confirm.iter().any(|c| c == "unpublish") {
            return Err(Refusal::json(
                StatusCode::CONFLICT,
                &serde_json::json!({
                    "ask": "unpublish",
                    "error": "หน้านี้เผยแพร่แล้ว การบันทึกเป็นร่างจะนำหน้านี้ออกจากเว็บไซต์ ยืนยันหรือไม่?",
                }),
            ));
        }
    }
    let url = if draft { None } else { checked.url };
    Ok((path, text, url))
}
