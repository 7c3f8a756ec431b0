//! The front-matter splitter: never panics, and its offsets point at what it returns.
#![no_main]
#[path = "../checks.rs"]
mod checks;

libfuzzer_sys::fuzz_target!(|data: &[u8]| checks::frontmatter(data));
