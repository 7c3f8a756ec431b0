//! `prongsai check`: the whole build without writing, reported for a person or as JSON.

use super::report;
use prongsai::site::{BuildOptions, Site};
use std::process::ExitCode;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Human,
    Json,
}

pub fn run(opts: BuildOptions, format: Format) -> ExitCode {
    let mut site = Site::new(opts);
    site.one_shot();
    let r = site.check_rendered();
    match format {
        Format::Human => report::print(&r),
        Format::Json => println!("{}", r.diagnostics.to_json(r.files)),
    }
    ExitCode::from(report::exit_status(&r))
}
