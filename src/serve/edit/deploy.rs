//! The editor's publish page (`/__prongsai/edit/deploy`): `prongsai publish` with a
//! button. The same steps as the command, from [`crate::deploy`]: the destination from
//! `publish.to` (or typed, and then saved into `site.yaml` as the settings form saves),
//! the build without drafts in a folder of its own, the connection, a dry run shown first,
//! a host met for the first time shown and trusted (its fingerprint pinned in `site.yaml`)
//! or not, then the publish with its progress.
//!
//! One publish at a time runs on a thread of its own (the FTP and SFTP clients block, and
//! the SFTP one runs a runtime of its own, which cannot start inside `serve`'s). It waits
//! there for the person's answers (trust, go) and reports through [`Shown`], which the
//! page polls. The password lives only in that thread's memory, for that publish: never
//! written to a file, a log or a page. The routes sit behind the editor's guard: this
//! machine's Host, and for a POST this run's token and a same-origin Origin.

use super::doc::{FormData, Source, Value};
use super::{Editor, Refusal, json, no, refuse};
use crate::deploy::{self, Build, Credentials, Destination, Plan, Progress, Unready};
use crate::diagnostics::{Code, Diagnostics, Severity};
use crate::{calendar, layout, load};
use axum::Router;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use serde::{Deserialize, Serialize};
use std::path::Path;
use std::sync::{Arc, Mutex, mpsc};
use std::time::Duration;

pub const TEMPLATE: (&str, &str) = ("deploy.html", include_str!("templates/deploy.html"));
const DEPLOY_JS: &str = include_str!("templates/deploy.js");

/// How long a publish waits for an answer (trust, go) before it lets go of the connection
/// and the password.
const WAIT: Duration = Duration::from_secs(30 * 60);

/// Files listed on the page at most (the counts are always whole).
const LISTED: usize = 200;

/// The publish of this run, if any: what it shows, and where the person's answers go.
#[derive(Default)]
pub struct Jobs {
    current: Mutex<Option<Job>>,
    next: std::sync::atomic::AtomicU64,
}

impl Jobs {
    /// A publish is sending files: another may not start until it ends.
    fn sending(&self) -> bool {
        let current = self.current.lock().unwrap_or_else(|e| e.into_inner());
        current.as_ref().is_some_and(|j| {
            matches!(j.shown.lock().unwrap_or_else(|e| e.into_inner()).status, Status::Sending { .. })
        })
    }
}

struct Job {
    id: u64,
    shown: Arc<Mutex<Shown>>,
    /// Dropped (another publish started, or cancelled): the waiting thread ends.
    answers: mpsc::Sender<Answer>,
}

enum Answer {
    Trust,
    Go { yes: bool },
}

/// What the page shows of a publish.
#[derive(Clone, Serialize)]
struct Shown {
    job: u64,
    to: String,
    /// `ftp://`'s warning (PS1112).
    warning: Option<String>,
    #[serde(flatten)]
    status: Status,
}

#[derive(Clone, Serialize)]
#[serde(tag = "phase", rename_all = "snake_case")]
enum Status {
    Building,
    Connecting,
    /// A host met for the first time: its fingerprint, to trust or not.
    Trust {
        what: &'static str,
        key: &'static str,
        fingerprint: String,
        message: String,
    },
    /// The dry run: what the publish will do, and what needs a tick.
    Planned {
        summary: String,
        send: Vec<String>,
        send_count: usize,
        send_bytes: u64,
        remove: Vec<String>,
        remove_count: usize,
        overwritten: Vec<String>,
        past_years: Vec<String>,
        needs_yes: Vec<String>,
        resumes: bool,
        empty: bool,
    },
    Sending {
        files: usize,
        of_files: usize,
        bytes: u64,
        of_bytes: u64,
        shown: String,
        removed: usize,
    },
    Done {
        message: String,
    },
    Failed {
        code: Option<&'static str>,
        message: String,
        diagnostics: Vec<String>,
        hint: Option<String>,
    },
}

fn failed(e: &deploy::Error) -> Status {
    Status::Failed {
        code: Some(e.code.id()),
        message: e.message.clone(),
        diagnostics: Vec::new(),
        hint: None,
    }
}

fn failed_plain(message: String) -> Status {
    Status::Failed { code: None, message, diagnostics: Vec::new(), hint: None }
}

pub fn router() -> Router<Arc<Editor>> {
    Router::new()
        .route("/__prongsai/edit/deploy", get(page))
        .route("/__prongsai/edit/deploy/status", get(status))
        .route("/__prongsai/edit/deploy/plan", post(plan))
        .route("/__prongsai/edit/deploy/trust", post(trust))
        .route("/__prongsai/edit/deploy/go", post(go))
        .route("/__prongsai/edit/deploy/cancel", post(cancel))
        .route(
            "/__prongsai/edit/deploy.js",
            get(|| async { super::asset("text/javascript; charset=utf-8", DEPLOY_JS) }),
        )
}

fn read_config(root: &Path) -> load::Config {
    load::read_config(root, &mut Diagnostics::new())
}

async fn page(State(ed): State<Arc<Editor>>) -> Response {
    let config = read_config(&ed.root);
    let p = &config.publish;
    ed.page(
        TEMPLATE.0,
        minijinja::context! {
            token => ed.token.clone(),
            title => "เผยแพร่เว็บไซต์",
            to => p.to.clone().unwrap_or_default(),
            key => p.key.clone(),
            pinned => p.fingerprint.clone().or_else(|| p.host_key.clone()),
        },
    )
}

async fn status(State(ed): State<Arc<Editor>>) -> Response {
    let jobs = ed.deploy.current.lock().unwrap_or_else(|e| e.into_inner());
    match jobs.as_ref() {
        Some(j) => json(StatusCode::OK, &*j.shown.lock().unwrap_or_else(|e| e.into_inner())),
        None => json(StatusCode::OK, &serde_json::json!({ "phase": "idle" })),
    }
}

#[derive(Deserialize)]
struct PlanRequest {
    #[serde(default)]
    to: String,
    /// Never stored: handed to the publish's thread and dropped with it.
    #[serde(default)]
    password: String,
    #[serde(default)]
    passphrase: String,
}

/// Starts a publish up to its dry run (cancelling one that waits). The destination typed
/// is saved as `publish.to` when it differs from the file's.
async fn plan(State(ed): State<Arc<Editor>>, body: axum::body::Bytes) -> Response {
    let Ok(req) = serde_json::from_slice::<PlanRequest>(&body) else {
        return refuse(StatusCode::BAD_REQUEST, "คำขอไม่ถูกต้อง");
    };
    let root = ed.root.clone();
    let config = read_config(&root);
    let typed = req.to.trim();
    let to = (!typed.is_empty()).then_some(typed);
    let dest = match deploy::destination(to, &root, &config.publish, &root) {
        Ok(d) => d,
        Err(e) => return coded(StatusCode::UNPROCESSABLE_ENTITY, &e),
    };
    if ed.deploy.sending() {
        return refuse(StatusCode::CONFLICT, "กำลังส่งเว็บไซต์อยู่ รอให้เสร็จก่อน");
    }
    if let Some(t) = to
        && config.publish.to.as_deref() != Some(t)
        && let Err(e) = save_publish(&root, &[("to", t)])
    {
        return refuse(StatusCode::INTERNAL_SERVER_ERROR, &e);
    }
    let mut creds = deploy::credentials(&config.publish, &root);
    let secret = |s: &str| (!s.is_empty()).then(|| s.to_string());
    if creds.key.is_some() && matches!(dest, Destination::Sftp { .. }) {
        creds.password = secret(&req.passphrase);
    } else if dest.needs_password() {
        creds.password = secret(&req.password);
        if creds.password.is_none() {
            return refuse(StatusCode::UNPROCESSABLE_ENTITY, &format!("ใส่รหัสผ่านของ {} ก่อน", dest.describe()));
        }
    }
    let (tx, rx) = mpsc::channel();
    let id = ed.deploy.next.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1;
    let shown = Arc::new(Mutex::new(Shown {
        job: id,
        to: dest.describe(),
        warning: deploy::clear_text_warning(&dest).map(|w| format!("{w} [{}]", Code::PublishClearText.id())),
        status: Status::Building,
    }));
    *ed.deploy.current.lock().unwrap_or_else(|e| e.into_inner()) =
        Some(Job { id, shown: shown.clone(), answers: tx });
    let base_url = config.base_url.clone();
    let spawned = std::thread::Builder::new()
        .name("prongsai-publish".into())
        .spawn(move || work(&root, &dest, creds, &base_url, &shown, &rx));
    if spawned.is_err() {
        return refuse(StatusCode::INTERNAL_SERVER_ERROR, "เริ่มการเผยแพร่ไม่ได้");
    }
    json(StatusCode::OK, &serde_json::json!({ "job": id }))
}

fn coded(status: StatusCode, e: &deploy::Error) -> Response {
    json(status, &serde_json::json!({ "error": e.message, "code": e.code.id() }))
}

#[derive(Deserialize)]
struct Answered {
    job: u64,
    #[serde(default)]
    yes: bool,
}

/// An answer to the current publish: what it said, what the publish shows, where it goes.
struct Answering {
    said: Answered,
    shown: Arc<Mutex<Shown>>,
    answers: mpsc::Sender<Answer>,
}

/// The job the answer is for, if it is still the current one.
fn job_of(ed: &Editor, body: &[u8]) -> Result<Answering, Refusal> {
    let Ok(said) = serde_json::from_slice::<Answered>(body) else {
        return Err(no(StatusCode::BAD_REQUEST, "คำขอไม่ถูกต้อง"));
    };
    let current = ed.deploy.current.lock().unwrap_or_else(|e| e.into_inner());
    match current.as_ref() {
        Some(j) if j.id == said.job => {
            Ok(Answering { said, shown: j.shown.clone(), answers: j.answers.clone() })
        }
        _ => Err(no(StatusCode::CONFLICT, "การเผยแพร่นี้จบไปแล้ว ให้กดตรวจก่อนส่งใหม่")),
    }
}

/// Yes to a host met for the first time: its fingerprint (the one this program saw, not
/// one the page sends) pinned in `site.yaml`, and the publish goes on.
async fn trust(State(ed): State<Arc<Editor>>, body: axum::body::Bytes) -> Response {
    let Answering { shown, answers, .. } = match job_of(&ed, &body) {
        Ok(j) => j,
        Err(r) => return r.into_response(),
    };
    let mut shown = shown.lock().unwrap_or_else(|e| e.into_inner());
    let seen = match &shown.status {
        Status::Trust { key, fingerprint, .. } => (*key, fingerprint.clone()),
        _ => return refuse(StatusCode::CONFLICT, "ไม่มีเครื่องที่รอให้ยืนยัน"),
    };
    if let Err(e) = save_publish(&ed.root, &[(seen.0, seen.1.as_str())]) {
        return refuse(StatusCode::INTERNAL_SERVER_ERROR, &e);
    }
    shown.status = Status::Connecting;
    let _ = answers.send(Answer::Trust);
    json(StatusCode::OK, &serde_json::json!({ "pinned": seen.0 }))
}

async fn go(State(ed): State<Arc<Editor>>, body: axum::body::Bytes) -> Response {
    let Answering { said: a, shown, answers } = match job_of(&ed, &body) {
        Ok(j) => j,
        Err(r) => return r.into_response(),
    };
    {
        let mut shown = shown.lock().unwrap_or_else(|e| e.into_inner());
        let Status::Planned { send_count, send_bytes, .. } = shown.status else {
            return refuse(StatusCode::CONFLICT, "ยังไม่ได้ตรวจก่อนส่ง หรือส่งไปแล้ว");
        };
        // Said at once, so that the page polling next never sees the dry run again.
        shown.status = Status::Sending {
            files: 0,
            of_files: send_count,
            bytes: 0,
            of_bytes: send_bytes,
            shown: "กำลังเริ่มส่ง…".into(),
            removed: 0,
        };
    }
    let _ = answers.send(Answer::Go { yes: a.yes });
    json(StatusCode::OK, &serde_json::json!({ "job": a.job }))
}

async fn cancel(State(ed): State<Arc<Editor>>, body: axum::body::Bytes) -> Response {
    let a = match job_of(&ed, &body) {
        Ok(j) => j.said,
        Err(r) => return r.into_response(),
    };
    let mut current = ed.deploy.current.lock().unwrap_or_else(|e| e.into_inner());
    // Its thread, waiting for an answer, finds nobody left to give one and ends; one that
    // is sending finishes (stopping midway would leave the host to the next publish).
    if let Some(j) = current.as_mut().filter(|j| j.id == a.job) {
        let (tx, _) = mpsc::channel();
        j.answers = tx;
    }
    json(StatusCode::OK, &serde_json::json!({ "job": a.job }))
}

/// Sets keys of `publish:` in `site.yaml`, as the settings form saves: that block's lines
/// written anew, every other line byte for byte.
fn save_publish(root: &Path, set: &[(&str, &str)]) -> Result<(), String> {
    let path = root.join(layout::CONFIG_FILE);
    let bytes = crate::fs::read_regular(&path).map_err(|e| format!("อ่าน site.yaml ไม่ได้: {e}"))?;
    let d = crate::fs::decode(&bytes).map_err(|_| "site.yaml ไม่ใช่ไฟล์ข้อความ UTF-8".to_string())?;
    let text = if bytes.starts_with(&[0xEF, 0xBB, 0xBF]) { format!("\u{feff}{}", d.text) } else { d.text };
    let fields = load::schema::SITE.fields;
    let mut src = Source::parse_yaml(&text);
    let mut publish = match src.form(fields).fields.remove("publish") {
        Some(Value::Group(g)) => g,
        _ => Default::default(),
    };
    for (k, v) in set {
        publish.insert((*k).to_string(), Value::Text((*v).to_string()));
    }
    let mut form = FormData::default();
    form.fields.insert("publish".into(), Value::Group(publish));
    src.apply(fields, &form);
    crate::fs::write_atomic(&path, src.text().as_bytes()).map_err(|e| format!("บันทึก site.yaml ไม่ได้: {e}"))
}

/// One publish, on its own thread: build, connect (asking about a new host), the dry run,
/// then, told to go, the publish.
fn work(
    root: &Path,
    dest: &Destination,
    mut creds: Credentials,
    base_url: &str,
    shown: &Mutex<Shown>,
    answers: &mpsc::Receiver<Answer>,
) {
    let set = |s: Status| shown.lock().unwrap_or_else(|e| e.into_inner()).status = s;
    let today = calendar::today();
    let build = match Build::run(root, today) {
        Ok(b) => b,
        Err(e) => return set(failed_plain(e)),
    };
    let files = match build.files(base_url) {
        Ok(f) => f,
        Err(Unready::Errors) => {
            let d = &build.report.diagnostics;
            let errors: Vec<String> = d
                .sorted()
                .iter()
                .filter(|d| d.severity == Severity::Error)
                .take(LISTED)
                .map(|d| d.to_string())
                .collect();
            return set(Status::Failed {
                code: None,
                message: format!(
                    "เว็บไซต์ยังมีข้อผิดพลาด {} รายการ จึงยังไม่ได้ส่งอะไร แก้ตามรายการนี้แล้วกดตรวจก่อนส่งใหม่",
                    d.errors()
                ),
                diagnostics: errors,
                hint: None,
            });
        }
        Err(Unready::Example(e)) => return set(failed(&e)),
        Err(Unready::Unreadable(e)) => return set(failed_plain(e)),
    };
    set(Status::Connecting);
    let mut target = match deploy::connect(dest, &creds) {
        Ok(t) => t,
        Err(e) => {
            let Some(seen) = e.first_meeting(&creds).map(str::to_string) else { return set(failed(&e)) };
            let what = if matches!(dest, Destination::Sftp { .. }) {
                "กุญแจของเครื่อง (host key)"
            } else {
                "ใบรับรอง (certificate)"
            };
            set(Status::Trust {
                what,
                key: deploy::pin_key(dest),
                fingerprint: seen.clone(),
                message: format!(
                    "ยังไม่รู้จัก{what}ของ {} ตรวจลายนิ้วมือด้านล่างกับที่ผู้ดูแลเซิร์ฟเวอร์แจ้ง ถ้าตรงกัน กดเชื่อถือ แล้วโปรแกรมจะบันทึกไว้ใน site.yaml ไม่ต้องถามอีก",
                    dest.describe()
                ),
            });
            match answers.recv_timeout(WAIT) {
                Ok(Answer::Trust) => {}
                _ => return set(failed(&e)),
            }
            creds.trust(dest, &seen);
            set(Status::Connecting);
            match deploy::connect(dest, &creds) {
                Ok(t) => t,
                Err(e) => return set(failed(&e)),
            }
        }
    };
    let plan = match deploy::prepare(target.as_mut(), files, today.fiscal_year()) {
        Ok(p) => p,
        Err(e) => return set(failed(&e)),
    };
    set(planned(&plan));
    let yes = loop {
        match answers.recv_timeout(WAIT) {
            Ok(Answer::Go { yes }) => break yes,
            Ok(Answer::Trust) => continue,
            Err(_) => return set(failed_plain("ยกเลิกแล้ว ไม่ได้ส่งอะไร".into())),
        }
    };
    if !plan.needs_yes_reasons().is_empty() && !yes {
        let why = plan.needs_yes_reasons().join("; ");
        return set(Status::Failed {
            code: Some(Code::PublishNeedsYes.id()),
            message: format!("{why} ถ้าแน่ใจให้ติ๊กยืนยันแล้วกดส่งอีกครั้ง (บรรทัดคำสั่ง: prongsai publish --yes)"),
            diagnostics: Vec::new(),
            hint: None,
        });
    }
    if plan.is_empty() {
        return set(Status::Done {
            message: format!("{} เป็นเว็บไซต์ล่าสุดอยู่แล้ว ไม่มีอะไรต้องส่ง", dest.describe())
        });
    }
    let mut removed = 0;
    let mut progress = |ev: Progress| match ev {
        Progress::Sent { files, of_files, bytes, of_bytes, .. } => set(Status::Sending {
            files,
            of_files,
            bytes,
            of_bytes,
            shown: format!(
                "ส่งแล้ว {files}/{of_files} ไฟล์ {}/{}",
                deploy::show_bytes(bytes),
                deploy::show_bytes(of_bytes)
            ),
            removed,
        }),
        Progress::Removed { .. } => {
            removed += 1;
            set(Status::Sending {
                files: plan.send.len(),
                of_files: plan.send.len(),
                bytes: plan.send_bytes,
                of_bytes: plan.send_bytes,
                shown: format!("ส่งครบแล้ว ลบไฟล์ที่ไม่ใช้แล้ว {removed}/{} ไฟล์", plan.remove.len()),
                removed,
            })
        }
    };
    set(Status::Sending {
        files: 0,
        of_files: plan.send.len(),
        bytes: 0,
        of_bytes: plan.send_bytes,
        shown: format!("เริ่มส่ง: {}", plan.summary()),
        removed: 0,
    });
    let done = deploy::execute(target.as_mut(), &build.site(), &plan, &mut progress);
    // The connection closed and the build removed before the page hears it is over.
    drop(target);
    drop(build);
    match done {
        Ok(d) => set(Status::Done { message: d.summary(dest) }),
        Err(e) => set(Status::Failed {
            code: Some(e.code.id()),
            message: e.message.clone(),
            diagnostics: Vec::new(),
            hint: Some(deploy::RESUME_HINT.to_string()),
        }),
    }
}

fn planned(plan: &Plan) -> Status {
    let first = |v: &[String]| v.iter().take(LISTED).cloned().collect::<Vec<_>>();
    Status::Planned {
        summary: plan.summary(),
        send: first(&plan.send),
        send_count: plan.send.len(),
        send_bytes: plan.send_bytes,
        remove: first(&plan.remove),
        remove_count: plan.remove.len(),
        overwritten: plan.foreign.as_ref().map(|f| first(&f.overwritten)).unwrap_or_default(),
        past_years: first(&plan.remove_past_years),
        needs_yes: plan.needs_yes_reasons(),
        resumes: plan.resumes,
        empty: plan.is_empty(),
    }
}
