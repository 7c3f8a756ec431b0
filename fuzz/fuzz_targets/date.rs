//! The Thai date, time and number parsers: never panic, and whatever they accept formats
//! and parses back to itself in every form and numeral system.
#![no_main]
#[path = "../checks.rs"]
mod checks;

libfuzzer_sys::fuzz_target!(|data: &[u8]| checks::date(data));
