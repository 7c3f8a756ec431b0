//! Faults while writing: the output folder not writable, the disk filling up part-way,
//! and the build killed with SIGKILL at many points. In every case the previous
//! `public/` is intact and complete afterwards, the next build succeeds, and it clears
//! the leftover `.public.prongsai-*` folders.
//!
//! Tests run as root in CI, where permissions stop nothing: "not writable" and "disk
//! full" are real file systems (a small tmpfs, remounted read-only or shrunk), mounted by
//! the test. Not as root, "not writable" uses permissions instead; "disk full" cannot be
//! made without root, so it is `#[ignore]`d and `scripts/test.sh` runs it as root. A
//! mount that fails where it should work fails the test: nothing here skips quietly.
//! `#[ignore]` is for tests that need root only (checked here), since `scripts/test.sh`
//! runs every ignored test as root: a measurement by hand is compiled only with
//! `--features measure`.

mod support;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};
use support::tmpfs::{Tmpfs, is_root};
use support::*;

fn build_to(s: &TestSite, out: &Path) -> Run {
    build_with(Path::new(bin()), s, out)
}

/// [`build_to`] with the given binary.
fn build_with(binary: &Path, s: &TestSite, out: &Path) -> Run {
    let r: Run = Command::new(binary)
        .arg("build")
        .arg("--root")
        .arg(s.root())
        .arg("--output")
        .arg(out)
        .output()
        .unwrap()
        .into();
    assert!(matches!(r.code, 0..=2), "exit {}: {}", r.code, r.stderr);
    assert!(!r.stderr.contains("panicked"), "{}", r.stderr);
    r
}

/// `.public.prongsai-*` folders beside `out`.
fn leftovers(out: &Path) -> Vec<String> {
    let prefix = format!(".{}.prongsai-", out.file_name().unwrap().to_string_lossy());
    std::fs::read_dir(out.parent().unwrap())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(&prefix))
        .collect()
}

fn site_with(n: usize) -> TestSite {
    let s = TestSite::new();
    for i in 0..n {
        s.write(
            &format!("content/2567/m{i:04}.md"),
            &meeting(&format!("ประชุมครั้งที่ {i}"), "2567-01-15", &[("ประชาชน", i as u64 + 1)]),
        );
    }
    s
}

#[test]
fn output_folder_not_writable() {
    let s = site_with(20);
    let (guard, parent): (Option<Tmpfs>, PathBuf) = if is_root() {
        let t = Tmpfs::mount(
            "64m",
            "as root no folder is read-only by its permissions: this test mounts a tmpfs to remount read-only",
        );
        let p = t.path().to_path_buf();
        (Some(t), p)
    } else {
        let t = tempfile::tempdir().unwrap();
        let p = t.keep();
        (None, p)
    };
    let out = parent.join("public");
    assert_eq!(build_to(&s, &out).code, 0);
    let before = snapshot(&out);

    s.write("content/2567/m0000.md", &meeting("แก้ไขแล้ว", "2567-01-15", &[("ประชาชน", 9)]));
    let make_writable = |writable: bool| match &guard {
        Some(t) => t.remount(if writable { "rw" } else { "ro" }),
        None => {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(
                &parent,
                std::fs::Permissions::from_mode(if writable { 0o755 } else { 0o555 }),
            )
            .unwrap();
        }
    };
    make_writable(false);
    let r = build_to(&s, &out);
    assert_eq!(r.code, 2, "an I/O failure is exit status 2: {}", r.stderr);
    assert!(r.stderr.contains(&format!("เขียน {} ไม่ได้: ", out.display())), "{}", r.stderr);
    assert_eq!(snapshot(&out), before, "public/ changed");
    make_writable(true);

    let r = build_to(&s, &out);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(std::fs::read_to_string(out.join("2567/m0000/index.html")).unwrap().contains("แก้ไขแล้ว"));
    assert!(leftovers(&out).is_empty(), "{:?}", leftovers(&out));
}

/// `scripts/test.sh` as root (CI) runs the ignored tests with `--include-ignored`: each
/// must be one that needs root, never a measurement or a test that needs something else
/// CI does not have.
#[test]
fn only_tests_that_need_root_are_ignored() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests");
    let mut ignored = Vec::new();
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|x| x == "rs") {
            let text = std::fs::read_to_string(&path).unwrap();
            for line in text.lines().map(str::trim).filter(|l| l.starts_with("#[ignore")) {
                ignored.push(format!("{}: {line}", path.file_name().unwrap().to_string_lossy()));
            }
        }
    }
    let not_root: Vec<&String> = ignored.iter().filter(|l| !l.contains("#[ignore = \"needs root:")).collect();
    assert!(not_root.is_empty(), "ignored without needing root: {not_root:#?}");
    assert!(ignored.iter().any(|l| l.starts_with("faults.rs")), "{ignored:?}");
}

#[test]
#[ignore = "needs root: fills a tmpfs it mounts (scripts/test.sh runs it when root)"]
fn disk_full_part_way() {
    let fs = Tmpfs::mount("64m", "a disk can only be filled safely on a tmpfs of its own");
    let s = site_with(200);
    let out = fs.path().join("public");
    assert_eq!(build_to(&s, &out).code, 0);
    let before = snapshot(&out);
    let used = fs.used_kb();
    // Room for the site and half of a second copy: the next build fills the disk part-way.
    fs.remount(&format!("size={}k", used * 3 / 2));
    s.write("content/2567/m0000.md", &meeting("แก้ไขแล้ว", "2567-01-15", &[("ประชาชน", 9)]));
    let r = build_to(&s, &out);
    assert_ne!(r.code, 0, "the disk was full: {}", r.stderr);
    assert_eq!(r.code, 2, "an I/O failure is exit status 2: {}", r.stderr);
    assert!(r.stderr.to_lowercase().contains("no space"), "{}", r.stderr);
    assert_eq!(snapshot(&out), before, "public/ changed");
    assert!(
        leftovers(&out).is_empty(),
        "a failed build leaves nothing beside public/: {:?}",
        leftovers(&out)
    );

    fs.remount("size=64m");
    let r = build_to(&s, &out);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(std::fs::read_to_string(out.join("2567/m0000/index.html")).unwrap().contains("แก้ไขแล้ว"));
    assert!(leftovers(&out).is_empty(), "{:?}", leftovers(&out));
}

/// How a snapshot differs from the one it should be: counts, files only in one, and the
/// first files whose bytes differ.
fn differences(got: &[(String, Vec<u8>)], want: &[(String, Vec<u8>)]) -> String {
    let names =
        |v: &[(String, Vec<u8>)]| v.iter().map(|f| f.0.clone()).collect::<std::collections::BTreeSet<_>>();
    let (g, w) = (names(got), names(want));
    let wanted: std::collections::BTreeMap<&String, &Vec<u8>> = want.iter().map(|(k, v)| (k, v)).collect();
    let differ: Vec<&String> =
        got.iter().filter(|(k, v)| wanted.get(k).is_some_and(|x| *x != v)).map(|(k, _)| k).take(5).collect();
    format!(
        "{} vs {} files, only here {:?}, missing {:?}, first differing {:?}",
        got.len(),
        want.len(),
        g.difference(&w).take(5).collect::<Vec<_>>(),
        w.difference(&g).take(5).collect::<Vec<_>>(),
        differ
    )
}

/// 3,000 meetings in one fiscal year, made here (never by a tool outside the repository,
/// so that every checkout builds the same site).
fn large_site() -> TestSite {
    let s = TestSite::new();
    for i in 0..3000 {
        let day = format!("2567-{:02}-{:02}", i % 12 + 1, i % 28 + 1);
        s.write(
            &format!("content/2567/m{i:05}.md"),
            &meeting(&format!("ประชุมครั้งที่ {i}"), &day, &[("ประชาชน", i as u64 % 50 + 1)]),
        );
    }
    s
}

#[test]
fn killed_mid_build_at_many_points() {
    // Every build of this test (minutes, dozens of builds) by one and the same binary: a
    // `cargo build` in this checkout meanwhile puts a new target/debug/prongsai in place,
    // and a build by the new binary need not be byte for byte the site the old one built.
    // A hard link keeps the old file (a copy would be a file open for writing, which a
    // process forked meanwhile by another test could hold: "text file busy" on exec).
    let own = tempfile::tempdir_in(env!("CARGO_TARGET_TMPDIR")).unwrap();
    let linked = own.path().join("prongsai");
    let binary = if std::fs::hard_link(bin(), &linked).is_ok() { linked } else { PathBuf::from(bin()) };
    let build_to = |s: &TestSite, out: &Path| build_with(&binary, s, out);
    let s = large_site();
    let parent = tempfile::tempdir().unwrap();
    let out = parent.path().join("public");
    let out_arg = out.to_str().unwrap().to_string();

    // Two versions of the site, A and B (one meeting's title differs), each built once.
    let first = walkdir::WalkDir::new(s.path("content"))
        .sort_by_file_name()
        .into_iter()
        .filter_map(|e| e.ok())
        .find(|e| {
            e.path().extension().is_some_and(|x| x == "md")
                && !e.file_name().to_string_lossy().starts_with('_')
        })
        .unwrap()
        .into_path();
    let text_a = std::fs::read_to_string(&first).unwrap();
    let text_b = text_a.replacen("title: ", "title: แก้ไข ", 1);
    assert_eq!(build_to(&s, &out).code, 0);
    let a = snapshot(&out);
    assert!(a.len() > 3000, "{} files", a.len());
    std::fs::write(&first, &text_b).unwrap();
    let t = Instant::now();
    assert_eq!(build_to(&s, &out).code, 0);
    let full = t.elapsed();
    let b = snapshot(&out);
    assert_ne!(a, b);

    // Kill points: a few ms in, then spread over a whole build (load, render, write,
    // swap). Each run goes from the version on disk to the other one.
    let mut waits: Vec<Duration> = [5, 50, 100].map(Duration::from_millis).to_vec();
    waits.extend([0.25, 0.5, 0.75, 0.9, 1.0, 1.1].map(|f| full.mul_f64(f)));
    let mut outcomes = Vec::new();
    let mut current = (&b, "B");
    // Then later and later, until a build is seen to finish before its kill: so that the
    // last kills fall on the write and the swap however fast this machine is right now.
    let mut later = (1..=12).map(|k| full.mul_f64(1.1 + 0.1 * k as f64));
    let mut fixed = waits.into_iter();
    let mut seen_finished = false;
    while let Some(wait) = fixed.next().or_else(|| if seen_finished { None } else { later.next() }) {
        let (next, next_text, next_name) =
            if current.1 == "A" { (&b, &text_b, "B") } else { (&a, &text_a, "A") };
        std::fs::write(&first, next_text).unwrap();
        let mut child = Command::new(&binary)
            .args(["build", "--root"])
            .arg(s.root())
            .args(["--output", &out_arg])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(wait);
        let _ = child.kill(); // SIGKILL
        let finished = child.wait().unwrap().success();
        seen_finished |= finished;

        // Right after the kill: the previous site or the next one, whole; never a mix. (In
        // the instant between the two renames of the swap it is set aside whole, and the
        // next build puts it back.)
        let now = if out.exists() { snapshot(&out) } else { vec![] };
        let state = if &now == current.0 {
            format!("previous site ({}) intact", current.1)
        } else if &now == next {
            format!("next site ({next_name}) complete")
        } else if now.is_empty()
            && leftovers(&out)
                .iter()
                .any(|l| l.contains("old-") && &snapshot(&out.parent().unwrap().join(l)) == current.0)
        {
            "previous site set aside whole".to_string()
        } else {
            panic!(
                "killed after {wait:?}: public/ is neither the previous nor the next site ({} files); leftovers {:?}\nagainst the previous ({}): {}\nagainst the next ({next_name}): {}",
                now.len(),
                leftovers(&out),
                current.1,
                differences(&now, current.0),
                differences(&now, next)
            );
        };
        let left = leftovers(&out).len();
        outcomes.push(format!(
            "{:>6} ms: {state}{}, {left} leftover folder(s)",
            wait.as_millis(),
            if finished { " (the build had finished)" } else { "" }
        ));

        // The next build succeeds, is the next site, and leaves nothing beside it.
        let r = build_to(&s, &out);
        assert_eq!(r.code, 0, "{}", r.stderr);
        let built = snapshot(&out);
        if &built != next {
            panic!(
                "after a kill at {wait:?} the next build is not the next site: {}",
                differences(&built, next)
            );
        }
        assert!(leftovers(&out).is_empty(), "{:?}", leftovers(&out));
        current = (next, next_name);
    }
    eprintln!("{} files, full build {full:?}; SIGKILL after:\n{}", a.len(), outcomes.join("\n"));
}
