//! `prongsai publish`: build the site into a folder of its own, then bring the host's
//! folder to exactly that site with [`prongsai::deploy`].

use super::{EXIT_CONTENT, EXIT_IO, EXIT_OK, report};
use prongsai::deploy::{self, Build, Credentials, Destination, Error, Progress, Unready, show_bytes};
use prongsai::diagnostics::{Code, Diagnostics};
use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

pub struct Publish {
    pub root: PathBuf,
    pub to: Option<String>,
    pub dry_run: bool,
    pub yes: bool,
    pub today: prongsai::calendar::Date,
}

/// The variable a password can come from (CI, a scheduled task); never a file.
pub const PASSWORD_VAR: &str = "PRONGSAI_PUBLISH_PASSWORD";

fn failed(e: &Error) -> ExitCode {
    eprintln!("error: {} [{}]", e.message, e.code.id());
    // A wrong --to or none at all is usage; everything else is the site or the host.
    ExitCode::from(match e.code {
        Code::PublishNoTarget | Code::PublishBadTarget => EXIT_IO,
        _ => EXIT_CONTENT,
    })
}

pub fn run(p: Publish) -> ExitCode {
    // `publish:` first: no point building a site that has nowhere to go.
    let mut diags = Diagnostics::new();
    let config = prongsai::load::read_config(&p.root, &mut diags);
    let cwd = std::env::current_dir().unwrap_or_default();
    let dest = match deploy::destination(p.to.as_deref(), &cwd, &config.publish, &p.root) {
        Ok(d) => d,
        Err(e) => return failed(&e),
    };

    // Build as `build` does, without drafts, away from public/ (which Windows may hold open).
    let build = match Build::run(&p.root, p.today) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(EXIT_IO);
        }
    };
    report::print(&build.report);
    let files = match build.files(&config.base_url) {
        Ok(f) => f,
        Err(Unready::Errors) => {
            eprintln!("ไม่ได้ส่งอะไรไปที่ {}: แก้ปัญหาข้างบนแล้วสั่งใหม่", dest.describe());
            return ExitCode::from(EXIT_CONTENT);
        }
        Err(Unready::Example(e)) => return failed(&e),
        Err(Unready::Unreadable(e)) => {
            eprintln!("error: {e}");
            return ExitCode::from(EXIT_IO);
        }
    };

    let mut creds = deploy::credentials(&config.publish, &p.root);
    if let Some(w) = deploy::clear_text_warning(&dest) {
        eprintln!("warning: {w} [{}]", Code::PublishClearText.id());
    }
    if creds.key.is_some() {
        // A key's passphrase, if it has one, from the same variable; never asked for a
        // key without one.
        creds.password = std::env::var(PASSWORD_VAR).ok();
    } else if dest.needs_password() {
        match password(&dest) {
            Ok(pw) => creds.password = Some(pw),
            Err(code) => return code,
        }
    }
    eprintln!("กำลังเชื่อมต่อ {} ...", dest.describe());
    let mut target = match deploy::connect(&dest, &creds) {
        Ok(t) => t,
        Err(e) => match trust_first_time(&e, &creds) {
            Some(seen) => {
                creds.trust(&dest, &seen);
                eprintln!(
                    "เพื่อไม่ต้องถามอีก ให้ใส่บรรทัดนี้ใต้ publish: ใน site.yaml\n  {}: {seen}",
                    deploy::pin_key(&dest)
                );
                match deploy::connect(&dest, &creds) {
                    Ok(t) => t,
                    Err(e) => return failed(&e),
                }
            }
            None => return failed(&e),
        },
    };
    let plan = match deploy::prepare(target.as_mut(), files, p.today.fiscal_year()) {
        Ok(plan) => plan,
        Err(e) => return failed(&e),
    };
    if plan.resumes {
        eprintln!("การส่งครั้งก่อนค้างอยู่ ครั้งนี้จะส่งต่อให้ครบ");
    }
    if let Some(f) = &plan.foreign {
        list("จะเขียนทับไฟล์ที่มีอยู่แล้ว", &f.overwritten);
    }
    list("จะลบหน้าของปีงบประมาณที่ผ่านมา", &plan.remove_past_years);
    if p.dry_run {
        for path in &plan.send {
            println!("ส่ง {path}");
        }
        for path in &plan.remove {
            println!("ลบ {path}");
        }
        eprintln!(
            "ทดลอง (--dry-run): จะส่ง {} ไฟล์ ({}) และลบ {} ไฟล์ ที่ {} ยังไม่ได้ส่งอะไร",
            plan.send.len(),
            show_bytes(plan.send_bytes),
            plan.remove.len(),
            dest.describe()
        );
        return ExitCode::from(EXIT_OK);
    }
    if let Some(why) = plan.needs_yes()
        && !p.yes
    {
        return failed(&Error::new(Code::PublishNeedsYes, why));
    }
    if plan.is_empty() {
        eprintln!("{} เป็นเว็บไซต์ล่าสุดอยู่แล้ว ไม่มีอะไรต้องส่ง", dest.describe());
        return ExitCode::from(EXIT_OK);
    }
    eprintln!("{}", plan.summary());
    let console = std::io::stderr().is_terminal();
    let mut show = |ev: Progress| match ev {
        Progress::Sent { path, files, of_files, bytes: b, of_bytes } => {
            let line = format!("ส่ง {files}/{of_files} ไฟล์ {}/{} {path}", show_bytes(b), show_bytes(of_bytes));
            if console {
                let mut err = std::io::stderr().lock();
                let _ = write!(err, "\r\x1b[2K{}", line.chars().take(100).collect::<String>());
                let _ = err.flush();
            } else {
                eprintln!("{line}");
            }
        }
        Progress::Removed { path } => {
            if console {
                eprint!("\r\x1b[2K");
            }
            eprintln!("ลบ {path}");
        }
    };
    let done = deploy::execute(target.as_mut(), &build.site(), &plan, &mut show);
    if console {
        eprintln!();
    }
    match done {
        Ok(d) => {
            eprintln!("{}", d.summary(&dest));
            ExitCode::from(EXIT_OK)
        }
        Err(e) => {
            let code = failed(&e);
            eprintln!("{}", deploy::RESUME_HINT);
            code
        }
    }
}

/// A host not yet pinned, in a console: show what it presents and ask (Windows has no
/// `known_hosts` to fall back on). `Some(fingerprint)` if the person trusts it.
fn trust_first_time(e: &Error, creds: &Credentials) -> Option<String> {
    let seen = e.first_meeting(creds)?.to_string();
    if !std::io::stdin().is_terminal() {
        return None;
    }
    eprintln!("{} [{}]", e.message, e.code.id());
    eprint!("เชื่อถือเครื่องนี้และส่งต่อหรือไม่ (พิมพ์ y แล้วกด Enter): ");
    let mut answer = String::new();
    std::io::stdin().read_line(&mut answer).ok()?;
    matches!(answer.trim(), "y" | "Y" | "yes" | "ใช่").then_some(seen)
}

fn list(what: &str, paths: &[String]) {
    if paths.is_empty() {
        return;
    }
    eprintln!("{what} {} ไฟล์:", paths.len());
    for p in paths.iter().take(50) {
        eprintln!("  {p}");
    }
    if paths.len() > 50 {
        eprintln!("  ... และอีก {} ไฟล์", paths.len() - 50);
    }
}

/// From the variable, else asked without echo in a console; never stored.
fn password(dest: &Destination) -> Result<String, ExitCode> {
    if let Ok(pw) = std::env::var(PASSWORD_VAR) {
        return Ok(pw);
    }
    if !std::io::stdin().is_terminal() {
        eprintln!(
            "error: ต้องใช้รหัสผ่านของ {} ให้ตั้งตัวแปร {PASSWORD_VAR} หรือสั่งในหน้าต่างคำสั่งเพื่อพิมพ์รหัสผ่าน",
            dest.describe()
        );
        return Err(ExitCode::from(EXIT_IO));
    }
    rpassword::prompt_password(format!("รหัสผ่านของ {} (ไม่แสดงขณะพิมพ์): ", dest.describe()))
        .map_err(|e| super::io_failure("อ่านรหัสผ่านไม่ได้", &e))
}
