//! What the integration tests share: small sites in temp folders and the real binary run
//! on them ([`site`]), `serve` run as a child and spoken to over raw HTTP ([`serve`]),
//! headless Chromium driven through chromedriver ([`browser`]), the FTP/FTPS server
//! and folder checks of the publish tests ([`hosts`]), a static web host serving a built
//! site ([`static_host`]), and a small tmpfs for the faults of a full or read-only disk
//! ([`tmpfs`]).
//!
//! A test file takes it all with `mod support; use support::*;`. Each test file is its
//! own crate and uses only part of this, hence the `dead_code` allowances.
#![allow(dead_code, unused_imports)]

pub mod browser;
pub mod hosts;
pub mod serve;
pub mod site;
pub mod static_host;
pub mod tmpfs;

pub use serve::*;
pub use site::*;

use std::path::PathBuf;

/// The first of `names` that is a file: an absolute path as it is, else looked up in
/// `PATH`.
pub fn find_program(names: &[&str]) -> Option<PathBuf> {
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

/// [`find_program`], failing (never skipping) with the command that installs it.
pub fn need_program(names: &[&str], install: &str) -> PathBuf {
    find_program(names)
        .unwrap_or_else(|| panic!("`{}` is not installed: {install} (scripts/test.sh installs it)", names[0]))
}
