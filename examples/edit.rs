//! The `serve` / `build --watch` incremental path, timed through the library: one [`Site`]
//! kept between builds, as the preview server keeps it; a meeting file edited on disk;
//! `site.changed(&[path])` (what the watcher reports) and `site.build_in_memory()` plus
//! `into_files()` (what the server publishes). Used by `scripts/bench.sh`.
//!
//! `cargo run --release --example edit -- SITE [EDITS]`
//!
//! Prints one `kind milliseconds` line per timed build on stdout:
//! - `first`: the first build in memory (empty caches);
//! - `nochange`: a rebuild with nothing changed;
//! - `body`: one meeting's body edited (a sentence appended);
//! - `front`: one meeting's front matter edited (its title), which also changes the year
//!   page, the home page, the ITA page and the data files.
//!
//! On stderr, after each edit but the first of its kind, how many of the search index's
//! files are new (each is named by its content). Each edit is checked: the new text must be on the served page, exactly one file re-read
//! and exactly one meeting page rendered anew. The file is put back at the end.

use prongsai::site::{BuildOptions, Site};
use prongsai::write::{Content, Spool};
use std::path::{Path, PathBuf};
use std::time::Instant;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let root = PathBuf::from(args.get(1).map(String::as_str).unwrap_or("."));
    let edits: usize = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(30);
    let mut site = Site::new(BuildOptions::new(&root));
    // As `serve` builds: pages spooled to the system's temp folder.
    site.spool_to(std::sync::Arc::new(Spool::new().expect("a temp folder")));

    let t = Instant::now();
    let (r, sink) = site.build_in_memory();
    let files = sink.into_files();
    println!("first {:.3}", ms(t));
    assert!(
        r.ok(),
        "the site must build: {:?}",
        r.diagnostics.sorted().iter().find(|d| d.severity == prongsai::diagnostics::Severity::Error)
    );
    eprintln!("edit: {} pages in memory; first build {}", files.len(), r.timing_line());
    drop(files);

    for _ in 0..edits.min(10) {
        let t = Instant::now();
        let (r, sink) = site.build_in_memory();
        let files = sink.into_files();
        println!("nochange {:.3}", ms(t));
        assert_eq!((r.reread, r.rerendered), (0, 0), "nothing changed");
        drop(files);
    }

    // A meeting in the middle of the site, and the URL of its page.
    let file = meeting_files(&root.join("content")).into_iter().next().expect("a meeting file");
    let original = std::fs::read_to_string(&file).expect("read the meeting");
    let fy = file.parent().and_then(|p| p.file_name()).unwrap().to_string_lossy().into_owned();
    let slug = file.file_stem().unwrap().to_string_lossy().into_owned();
    let page = format!("{fy}/{slug}/index.html");
    let restore = Restore { file: file.clone(), text: original.clone() };

    // The search index's files of the last build: an edit should leave most of them.
    let mut last: std::collections::HashSet<String> = std::collections::HashSet::new();
    for kind in ["body", "front"] {
        for i in 0..edits {
            let marker = format!("แก้ไขครั้งที่{i}x{kind}");
            let text = match kind {
                "body" => format!("{original}\n{marker}\n"),
                _ => original.replacen("\ntitle: ", &format!("\ntitle: {marker} "), 1),
            };
            std::fs::write(&file, &text).expect("write the meeting");
            let t = Instant::now();
            site.changed(std::slice::from_ref(&file));
            let (r, sink) = site.build_in_memory();
            let files = sink.into_files();
            println!("{kind} {:.3}", ms(t));
            assert!(r.ok());
            assert_eq!((r.reread, r.rerendered), (1, 1), "one file re-read, one meeting page rendered");
            let b = files.get(&page).map(Content::read).expect("built").expect("readable");
            assert!(String::from_utf8_lossy(&b).contains(&marker), "{page} shows the edit");
            let search: std::collections::HashSet<String> =
                files.keys().filter(|p| p.starts_with("search/")).cloned().collect();
            if i == 0 {
                eprintln!("edit: {kind} edit {}", r.timing_line());
            } else {
                let new = search.difference(&last).count();
                eprintln!("edit: {kind} edit: {new} of {} search files new", search.len());
            }
            last = search;
        }
    }
    drop(restore);
}

fn ms(t: Instant) -> f64 {
    t.elapsed().as_secs_f64() * 1000.0
}

fn meeting_files(dir: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file() && e.file_name().to_string_lossy().ends_with(".md"))
        .filter(|e| !e.file_name().to_string_lossy().starts_with(['_', '.']))
        .map(walkdir::DirEntry::into_path)
        .collect();
    // The middle one: neither the first nor the latest meeting (the home page lists those).
    let mid = v.len() / 2;
    v.rotate_left(mid);
    v
}

/// Puts the edited file back, even if a check above fails.
struct Restore {
    file: PathBuf,
    text: String,
}

impl Drop for Restore {
    fn drop(&mut self) {
        let _ = std::fs::write(&self.file, &self.text);
    }
}
