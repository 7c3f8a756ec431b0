//! Walking `content/` for meeting files, and taking a watcher's reported changes into the
//! last walk without walking again.

use crate::diagnostics::{Code, Diagnostics, Pos};
use crate::fs::{canonical_root, inside_site, is_ignored, rel};
use crate::layout;
use std::collections::HashSet;
use std::path::{Path, PathBuf};

/// What a walk of `content/` found: the meeting files (sorted), the folders it went
/// through, its problems, and whether it met a symbolic link (a change through a link
/// cannot be placed without walking again).
pub(super) struct Walk {
    pub(super) paths: Vec<PathBuf>,
    dirs: HashSet<PathBuf>,
    pub(super) diags: Diagnostics,
    links: bool,
}

/// Reported changes placed in the walk: meeting files to read again, and those gone.
pub(super) struct Changes {
    pub(super) read: Vec<PathBuf>,
    pub(super) gone: Vec<PathBuf>,
}

impl Walk {
    /// Walks `content` (under the site `root`); a site without it is a warning.
    pub(super) fn of(root: &Path, content: &Path) -> Walk {
        let mut w = Walk { paths: Vec::new(), dirs: HashSet::new(), diags: Diagnostics::new(), links: false };
        if content.is_dir() {
            walk(root, content, &mut w);
        } else {
            w.diags.warning(
                Code::NoContent,
                layout::CONTENT,
                Pos::default(),
                "ไม่พบโฟลเดอร์ content/ จึงยังไม่มีการประชุมให้แสดง",
            );
        }
        w.paths.sort();
        w
    }

    /// Takes the reported changes into the walk, without walking; the meeting files to
    /// read again and those gone. `None` when a change cannot be placed (then walk).
    pub(super) fn update(&mut self, content: &Path, changed: &[PathBuf]) -> Option<Changes> {
        if self.links {
            return None;
        }
        let mut out = Changes { read: Vec::new(), gone: Vec::new() };
        for p in changed {
            let Ok(rel) = p.strip_prefix(content) else { continue };
            if rel.as_os_str().is_empty() {
                return None;
            }
            // The walk does not go into these at all.
            if rel.components().any(|c| is_ignored(c.as_os_str())) {
                continue;
            }
            let is_md = p.extension().is_some_and(|x| x == "md");
            match std::fs::symlink_metadata(p) {
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                    if let Ok(i) = self.paths.binary_search(p) {
                        out.gone.push(self.paths.remove(i));
                    } else if self.dirs.contains(p) {
                        return None;
                    }
                }
                Ok(m) if m.file_type().is_file() => {
                    if !is_md {
                        continue;
                    }
                    if !p.parent().is_some_and(|d| self.dirs.contains(d)) {
                        return None;
                    }
                    if let Err(i) = self.paths.binary_search(p) {
                        self.paths.insert(i, p.clone());
                    }
                    out.read.push(p.clone());
                }
                _ => return None,
            }
        }
        Some(out)
    }
}

fn walk(root: &Path, content: &Path, out: &mut Walk) {
    let diags = &mut out.diags;
    let canonical_root = canonical_root(root);
    // Links are followed (walkdir reports loops), but nothing outside the site is read.
    let mut walker = walkdir::WalkDir::new(content)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| !is_ignored(e.file_name()));
    while let Some(entry) = walker.next() {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                let file = e.path().map(|p| rel(root, p)).unwrap_or_else(|| layout::CONTENT.into());
                let (code, msg) = if e.loop_ancestor().is_some() {
                    (Code::LinkLoop, "ลิงก์สัญลักษณ์วนกลับไปยังโฟลเดอร์แม่ จึงข้ามไป".to_string())
                } else {
                    let why = e.io_error().map(|e| e.to_string()).unwrap_or_else(|| e.to_string());
                    (Code::Unreadable, format!("อ่านไม่ได้: {why}"))
                };
                diags.error(code, &file, Pos::default(), msg);
                continue;
            }
        };
        let is_dir = entry.file_type().is_dir();
        if !is_dir && entry.path().extension().is_none_or(|x| x != "md") {
            continue;
        }
        if entry.path_is_symlink() {
            out.links = true;
            let inside = inside_site(&canonical_root, entry.path());
            if !matches!(inside, Ok(true)) {
                let (code, msg) = match inside {
                    Err(e) => (Code::Unreadable, format!("อ่านไม่ได้: {e}")),
                    _ => (Code::LinkOutside, "เป็นลิงก์ไปยังนอกโฟลเดอร์เว็บไซต์ จึงไม่อ่าน".into()),
                };
                diags.error(code, &rel(root, entry.path()), Pos::default(), msg);
                if is_dir {
                    walker.skip_current_dir();
                }
                continue;
            }
        }
        if is_dir {
            out.dirs.insert(entry.into_path());
        } else {
            out.paths.push(entry.into_path());
        }
    }
}
