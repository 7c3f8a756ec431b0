//! A whole site built in memory from arbitrary files: `site.yaml` and a few meeting files
//! cut from the input at `\n=====\n` lines. Never panics; a site that builds has its
//! fixed pages, `lang="th"` on every page, and builds to the same bytes twice.
#![no_main]
#[path = "../checks.rs"]
mod checks;

libfuzzer_sys::fuzz_target!(|data: &[u8]| checks::site(data));
