//! Serve and watch: rerun the same build on every change and tell the browser.

use crate::site::Options;
use std::process::ExitCode;

pub fn serve(_opts: Options, _bind: &str, _port: u16, _poll: bool) -> ExitCode {
    eprintln!("serve: not yet");
    ExitCode::from(2)
}

pub fn watch_build(_opts: Options, _poll: bool) -> ExitCode {
    eprintln!("watch: not yet");
    ExitCode::from(2)
}
