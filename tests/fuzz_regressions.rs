//! Every input a fuzzer of `fuzz/` ever failed on, replayed through the same checks
//! (`fuzz/checks.rs`), so that a bug found once stays fixed. The inputs are the files of
//! `tests/fuzz-regressions/<target>/`; add a crash there as it is (see README).

#[path = "../fuzz/checks.rs"]
mod checks;

use std::path::Path;

fn replay(target: &str, check: fn(&[u8])) -> usize {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz-regressions").join(target);
    let mut files: Vec<_> =
        std::fs::read_dir(&dir).map(|d| d.map(|e| e.unwrap().path()).collect()).unwrap_or_default();
    files.sort();
    for f in &files {
        let data = std::fs::read(f).unwrap();
        let name = f.file_name().unwrap().to_string_lossy().into_owned();
        if std::panic::catch_unwind(|| check(&data)).is_err() {
            panic!("fuzz regression {target}/{name} fails again");
        }
    }
    files.len()
}

#[test]
fn date() {
    replay("date", checks::date);
}

#[test]
fn frontmatter() {
    replay("frontmatter", checks::frontmatter);
}

#[test]
fn meeting() {
    replay("meeting", checks::meeting);
}

/// One test for every site input: they share one folder (as in the fuzzer).
#[test]
fn site() {
    replay("site", checks::site);
}

/// Inputs in a folder that no test above replays would pass unseen: every folder is the
/// name of a target.
#[test]
fn every_folder_is_a_replayed_target() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz-regressions");
    for e in std::fs::read_dir(&dir).unwrap() {
        let name = e.unwrap().file_name().to_string_lossy().into_owned();
        assert!(
            ["date", "frontmatter", "meeting", "site"].contains(&name.as_str()),
            "tests/fuzz-regressions/{name}/ is no fuzz target: its inputs are never replayed"
        );
    }
}
