//! A meeting file's bytes through decoding, the front-matter splitter, YAML and the typed
//! conversion with its diagnostics: never panics, every problem points inside the file,
//! one problem is one line, and a file is never dropped without an error.
#![no_main]
#[path = "../checks.rs"]
mod checks;

libfuzzer_sys::fuzz_target!(|data: &[u8]| checks::meeting(data));
