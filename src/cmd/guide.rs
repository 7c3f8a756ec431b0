//! `prongsai guide-html FILE` (hidden): the Thai guide as one HTML file, its pictures
//! inside it, as the Windows zip carries it (scripts/dist.sh).

use super::{EXIT_OK, io_failure};
use prongsai::guide;
use std::path::Path;
use std::process::ExitCode;

pub fn run(output: &Path) -> ExitCode {
    let html = guide::page(guide::Images::Inline, &[]);
    match prongsai::fs::write_atomic(output, html.as_bytes()) {
        Ok(()) => ExitCode::from(EXIT_OK),
        Err(e) => io_failure(&format!("เขียน {} ไม่ได้", output.display()), &e),
    }
}
