//! `prongsai build`: one build to disk (`build --watch` is in [`super::serve`]).

use super::{fail, report, write_failure};
use prongsai::site::{BuildOptions, Site};
use std::process::ExitCode;

pub fn run(opts: BuildOptions) -> ExitCode {
    let output = opts.output.clone();
    let mut site = Site::new(opts);
    site.one_shot();
    let built = site.build();
    // The process ends here: what the build read (every meeting of the site) need not be
    // freed piece by piece first.
    std::mem::forget(site);
    match built {
        Ok(r) => {
            report::print(&r);
            if r.ok() {
                report::written(&r, &output, r.total_time());
            } else {
                eprintln!("ไม่ได้เขียนไฟล์ใด ๆ: {} ยังเป็นเว็บไซต์เดิมทุกไฟล์ แก้ปัญหาข้างบนแล้วสั่งใหม่", output.display());
            }
            let code = ExitCode::from(report::exit_status(&r));
            std::mem::forget(r);
            code
        }
        Err(e) => fail(&write_failure(&output, &e)),
    }
}
