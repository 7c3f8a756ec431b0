//! The "create a website" page: what the double-click start serves in a folder without
//! `site.yaml` ([`ROOT`]). It asks for the organisation's name, the website's address and
//! the ITA assessment year, checks them as `check` checks `site.yaml`, writes the site as
//! `init` does ([`crate::scaffold::site_files`], each file through
//! [`crate::fs::write_atomic`]) and says so ([`Creator::created`]); the caller then serves
//! the new site with its editor on the same port, where the browser is sent.
//!
//! The same locks as the editor's: loopback only (the caller binds 127.0.0.1), a `Host`
//! other than this machine's loopback names at this port gets 403 on every route, and the
//! POST carries this run's token (a hidden field) and a same-origin `Origin`.

use super::edit;
use crate::calendar::Date;
use crate::diagnostics::Severity;
use crate::{load, scaffold};
use axum::Router;
use axum::extract::{Form, Request, State};
use axum::http::{StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use serde::Deserialize;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use tokio::sync::watch;

pub const ROOT: &str = "/__prongsai/create/";

const PAGE_HTML: &str = include_str!("create.html");
/// The editor's stylesheet: the page looks like the editor it leads to.
const CSS: &str = include_str!("edit/templates/edit.css");

pub struct Creator {
    dir: PathBuf,
    port: u16,
    token: String,
    today: Date,
    years: Vec<i32>,
    done: watch::Sender<bool>,
    /// One creation at a time: two quick clicks must not both write.
    writing: Mutex<()>,
    /// The example site beside the program (`ตัวอย่าง/`, as the release archives have it).
    example: Option<PathBuf>,
}

/// The example site's folder in the release archives, beside the program.
pub const EXAMPLE_DIR: &str = crate::guide::EXAMPLE_DIR;

impl Creator {
    /// A creator for the folder `dir`, served on `port`; `today` picks the default year.
    pub fn new(dir: PathBuf, port: u16, today: Date) -> Creator {
        let years = load::registry::shipped().keys().rev().copied().collect();
        Creator {
            dir,
            port,
            token: edit::run_token(),
            today,
            years,
            done: watch::channel(false).0,
            writing: Mutex::new(()),
            example: std::env::current_exe()
                .ok()
                .and_then(|e| Some(e.parent()?.join(EXAMPLE_DIR)))
                .filter(|d| d.join(load::CONFIG_FILE).is_file()),
        }
    }

    /// The year a new site starts at unless the person picks another: the current
    /// assessment year (the latest list the program has that is not in the future).
    pub fn default_year(&self) -> i32 {
        crate::model::ita::dashboard::current_year(load::registry::shipped(), Some(self.today))
            .unwrap_or_else(|| self.today.fiscal_year())
    }

    /// Resolves once the site has been written.
    pub async fn created(&self) {
        let mut rx = self.done.subscribe();
        let _ = rx.wait_for(|d| *d).await;
    }
}

pub fn router(c: Arc<Creator>) -> Router {
    Router::new()
        .route(ROOT, get(page).post(create))
        .route("/__prongsai/create", get(|| async { Redirect::to(ROOT) }))
        .route("/", get(|| async { Redirect::to(ROOT) }))
        .route("/__prongsai/create/create.css", get(|| async { asset(CSS) }))
        .route(edit::ROOT, get(opening))
        .layer(middleware::from_fn_with_state(c.clone(), guard))
        .with_state(c)
}

/// This machine's Host on every route; on a POST, this page's Origin (the token is in the
/// form, checked by [`create`]).
async fn guard(State(c): State<Arc<Creator>>, req: Request, next: Next) -> Response {
    match edit::local_request(c.port, &req) {
        Err(edit::Lock::Host) => {
            text(StatusCode::FORBIDDEN, "หน้านี้เปิดได้จากเครื่องนี้เท่านั้น (ที่อยู่ 127.0.0.1 หรือ localhost)")
        }
        Err(edit::Lock::Origin) => text(StatusCode::FORBIDDEN, "คำขอนี้ไม่ได้มาจากหน้าสร้างเว็บไซต์ จึงไม่สร้าง"),
        Ok(()) => next.run(req).await,
    }
}

/// The editor asked of this page's server while it hands over to the site's: a moment.
async fn opening() -> Response {
    let html = "<!doctype html><html lang=\"th\"><head><meta charset=\"utf-8\">\
        <meta http-equiv=\"refresh\" content=\"1\"><title>กำลังเปิดตัวแก้ไข</title></head>\
        <body><main><h1>กำลังเปิดตัวแก้ไข…</h1></main></body></html>";
    let mut r = (StatusCode::SERVICE_UNAVAILABLE, html).into_response();
    let h = r.headers_mut();
    h.insert(header::CONTENT_TYPE, header::HeaderValue::from_static("text/html; charset=utf-8"));
    h.insert(header::CONNECTION, header::HeaderValue::from_static("close"));
    h.insert(header::RETRY_AFTER, header::HeaderValue::from_static("1"));
    r
}

fn text(code: StatusCode, msg: &str) -> Response {
    let mut r = (code, format!("{msg}\n")).into_response();
    r.headers_mut()
        .insert(header::CONTENT_TYPE, header::HeaderValue::from_static("text/plain; charset=utf-8"));
    r
}

fn asset(css: &'static str) -> Response {
    let mut r = css.into_response();
    r.headers_mut().insert(header::CONTENT_TYPE, header::HeaderValue::from_static("text/css; charset=utf-8"));
    r
}

#[derive(Deserialize, Default)]
struct CreateForm {
    #[serde(default)]
    token: String,
    #[serde(default)]
    organization: String,
    #[serde(default)]
    base_url: String,
    #[serde(default)]
    year: String,
}

/// A problem shown at its field (`None`: above the form).
struct Problem {
    field: Option<&'static str>,
    message: String,
}

async fn page(State(c): State<Arc<Creator>>) -> Response {
    let form = CreateForm { year: c.default_year().to_string(), ..Default::default() };
    render(&c, StatusCode::OK, &form, &[])
}

fn render(c: &Creator, code: StatusCode, form: &CreateForm, problems: &[Problem]) -> Response {
    let at = |f: Option<&str>| -> Vec<String> {
        problems.iter().filter(|p| p.field == f).map(|p| p.message.clone()).collect()
    };
    let years: Vec<minijinja::Value> = c
        .years
        .iter()
        .map(|y| minijinja::context! { year => y, selected => y.to_string() == form.year.trim() })
        .collect();
    let mut env = minijinja::Environment::new();
    env.set_auto_escape_callback(|_| minijinja::AutoEscape::Html);
    let html = env.render_str(
        PAGE_HTML,
        minijinja::context! {
            token => c.token.clone(),
            dir => c.dir.display().to_string(),
            example => c.example.as_ref().map(|d| d.display().to_string()),
            organization => form.organization.clone(),
            base_url => form.base_url.clone(),
            years,
            general => at(None),
            organization_errors => at(Some("organization")),
            base_url_errors => at(Some("base_url")),
            year_errors => at(Some("year")),
        },
    );
    let html = match html {
        Ok(h) => h,
        Err(e) => return text(StatusCode::INTERNAL_SERVER_ERROR, &format!("แสดงหน้าสร้างเว็บไซต์ไม่ได้: {e}")),
    };
    let mut r = (code, html).into_response();
    let h = r.headers_mut();
    h.insert(header::CONTENT_TYPE, header::HeaderValue::from_static("text/html; charset=utf-8"));
    h.insert(header::CACHE_CONTROL, header::HeaderValue::from_static("no-store"));
    h.insert(header::X_FRAME_OPTIONS, header::HeaderValue::from_static("DENY"));
    r
}

async fn create(State(c): State<Arc<Creator>>, Form(form): Form<CreateForm>) -> Response {
    if !edit::constant_time_eq(form.token.as_bytes(), c.token.as_bytes()) {
        return text(StatusCode::FORBIDDEN, "คำขอนี้ไม่มีรหัสของหน้าสร้างเว็บไซต์รอบนี้ ให้โหลดหน้านี้ใหม่");
    }
    let c2 = c.clone();
    let outcome = tokio::task::spawn_blocking(move || write(&c2, &form).map_err(|p| (form, p))).await;
    match outcome {
        Ok(Ok(())) => {
            c.done.send_replace(true);
            let mut r = Redirect::to(edit::ROOT).into_response();
            // A new connection for the editor: this one belongs to the page that is closing.
            r.headers_mut().insert(header::CONNECTION, header::HeaderValue::from_static("close"));
            r
        }
        Ok(Err((form, problems))) => render(&c, StatusCode::UNPROCESSABLE_ENTITY, &form, &problems),
        Err(_) => text(StatusCode::INTERNAL_SERVER_ERROR, "สร้างเว็บไซต์ไม่สำเร็จ"),
    }
}

/// Checks the answers and writes the site, or says what to fix.
fn write(c: &Creator, form: &CreateForm) -> Result<(), Vec<Problem>> {
    let _one = c.writing.lock().unwrap_or_else(|e| e.into_inner());
    if c.dir.join(load::CONFIG_FILE).exists() {
        return Err(vec![Problem {
            field: None,
            message: format!(
                "โฟลเดอร์ {} มี site.yaml อยู่แล้ว จะไม่เขียนทับ ให้ปิดโปรแกรมแล้วดับเบิลคลิกอีกครั้ง",
                c.dir.display()
            ),
        }]);
    }
    let mut problems = Vec::new();
    let organization = crate::text::trim_space(&form.organization).to_string();
    if organization.is_empty() {
        problems.push(Problem {
            field: Some("organization"),
            message: "ใส่ชื่อหน่วยงาน เช่น องค์การบริหารส่วนตำบลหนองกุง".into(),
        });
    }
    let base_url = form.base_url.trim().to_string();
    let year = form.year.trim().parse::<i32>().ok().filter(|y| c.years.contains(y));
    if year.is_none() {
        problems.push(Problem {
            field: Some("year"), message: "เลือกปีประเมิน ITA จากรายการ".into()
        });
    }
    // Checked with the rest even when those are missing, so that all is said at once.
    let site = scaffold::NewSite {
        organization: (!organization.is_empty()).then_some(organization),
        base_url: (!base_url.is_empty()).then_some(base_url),
        year: year.unwrap_or_else(|| c.default_year()),
    };
    let files = scaffold::site_files(c.today, &site);
    // The settings as `check` would read them: an address it refuses is said at its field.
    let (_, diags) = load::check_text(&load::schema::SITE, load::CONFIG_FILE, &files[0].1);
    for d in diags.sorted().into_iter().filter(|d| d.severity == Severity::Error) {
        let field = if d.message.starts_with("base_url") { Some("base_url") } else { Some("organization") };
        problems.push(Problem { field, message: format!("{} [{}]", d.message, d.code.id()) });
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    scaffold::write_site(&c.dir, &files).map_err(|e| {
        vec![Problem {
            field: None, message: format!("เขียนไฟล์ใน {} ไม่ได้: {e}", c.dir.display())
        }]
    })
}
