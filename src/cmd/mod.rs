//! The commands, as mdBook keeps them in `src/cmd/`: each runs the library with what
//! `main.rs` parsed, says what happened (in Thai, for the webmaster; diagnostics keep their
//! compiler-style shape) and returns the exit status. The library itself prints nothing.

pub mod build;
pub mod check;
pub mod guide;
pub mod import;
pub mod init;
pub mod new;
pub mod publish;
pub mod report;
pub mod serve;
pub mod start;
pub mod usage;

use prongsai::load;
use std::path::Path;
use std::process::ExitCode;

/// Exit statuses of DESIGN: 0 built, 1 content errors, 2 bad usage or I/O failure.
pub const EXIT_OK: u8 = 0;
pub const EXIT_CONTENT: u8 = 1;
pub const EXIT_IO: u8 = 2;

/// Bad usage or a failure outside the site's content: said on one line, exit status 2.
pub fn fail(msg: &str) -> ExitCode {
    eprintln!("error: {msg}");
    ExitCode::from(EXIT_IO)
}

pub fn io_failure(what: &str, e: &std::io::Error) -> ExitCode {
    fail(&format!("{what}: {e}"))
}

/// A build that could not write `output`. When another program holds the output (Windows),
/// the error says it all: which file, that the old site is whole, what to do.
pub fn write_failure(output: &Path, e: &std::io::Error) -> String {
    if e.get_ref().is_some_and(|inner| inner.is::<prongsai::write::Held>()) {
        e.to_string()
    } else {
        format!("เขียน {} ไม่ได้: {e}", output.display())
    }
}

/// `--root` must name an existing folder: a wrong path is bad usage (exit status 2), not
/// a site with content errors. A folder without `site.yaml` is the site's own error (1).
pub fn check_root(root: &Path) -> Result<(), ExitCode> {
    match std::fs::metadata(root) {
        Ok(m) if m.is_dir() => Ok(()),
        Ok(_) => Err(fail(&format!(
            "--root {}: ไม่ใช่โฟลเดอร์ ต้องเป็นโฟลเดอร์ของเว็บไซต์ (ที่มี site.yaml)",
            root.display()
        ))),
        Err(e) => Err(io_failure(
            &format!("--root {}: ไม่พบโฟลเดอร์ของเว็บไซต์ (สร้างใหม่ด้วย prongsai init <โฟลเดอร์>)", root.display()),
            &e,
        )),
    }
}

/// `--base-url` must be an absolute http(s) URL: a bad one is bad usage (exit status 2)
/// that names the flag, not an error blamed on `site.yaml`.
pub fn check_base_url(url: &str) -> Result<(), ExitCode> {
    match load::normalize_base_url(url) {
        Some(_) => Ok(()),
        None => Err(fail(&format!(
            "--base-url \"{url}\": ไม่ใช่ URL เต็ม ต้องขึ้นต้นด้วย https:// หรือ http:// เช่น https://www.example.go.th/ita/"
        ))),
    }
}
