//! What `serve` keeps of a load between builds: each meeting file as it was parsed, with
//! the size and time it had, and the last walk of `content/`.

use super::config::Config;
use super::disclosure::Disclosure;
use super::meeting::Meeting;
use super::source::Stamp;
use super::walk::Walk;
use crate::diagnostics::{Diagnostic, Diagnostics};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// One meeting file as it was read.
pub(super) struct Cached {
    pub(super) stamp: Stamp,
    pub(super) meeting: Option<Arc<Meeting>>,
    /// Or the disclosure page the file is (`ita_item:`).
    pub(super) disclosure: Option<Arc<Disclosure>>,
    pub(super) diags: Arc<[Diagnostic]>,
    /// The line of its `draft: true`, if it is marked as a draft ([`super::frontmatter::draft_line`]).
    pub(super) draft_line: Option<usize>,
    /// What looking at the document's attachments found (the files themselves are put in
    /// the document, [`super::page::AttachedFile`]), while nothing outside `content/` has
    /// changed since; `None` until looked at.
    pub(super) attachments: Option<Diagnostics>,
}

/// Parsed files kept between builds, so that `serve` re-reads only what changed.
#[derive(Default)]
pub struct LoadCache {
    pub(super) files: HashMap<PathBuf, Cached>,
    /// What the last walk of `content/` found.
    pub(super) walk: Option<Walk>,
    /// Paths reported changed since the last load ([`LoadCache::invalidate`],
    /// [`LoadCache::changed_elsewhere`]); `None` if nobody said, and then the next load
    /// walks `content/` and compares every file's size and time.
    pub(super) told: Option<Vec<PathBuf>>,
    /// Something outside `content/` changed: attachments are looked at again, and a
    /// document whose attachments' stamps changed becomes a new value.
    pub(super) elsewhere: bool,
    /// Files (or folders) under `static/` reported changed since the last load: an
    /// attachment among them is read again even if its stamp is the same.
    pub(super) static_told: Vec<PathBuf>,
    /// Files re-read by the last load, for tests and progress output.
    pub last_reread: usize,
    /// The files the last load read, for [`LoadCache::changed_since_read`].
    pub(super) last_read: Vec<PathBuf>,
    /// Leave each body in its file ([`Body::InFile`](super::meeting::Body::InFile)), for a
    /// one-shot build: its pages then read the bodies again one at a time instead of all
    /// being held at once.
    pub lean: bool,
    /// The ITA heading prefixes the kept headings of lean bodies were chosen by.
    pub(super) lean_prefixes: Vec<String>,
}

impl LoadCache {
    /// The meeting files the last load read whose body it left in the file and that have
    /// changed since: a build that read those bodies again may have read one as it was
    /// loaded and once as it is now (its page, its words), so must be redone. Looked at
    /// once the build is done; a change after that is the watcher's next batch.
    pub fn changed_since_read(&self) -> Vec<PathBuf> {
        use rayon::prelude::*;
        self.last_read
            .par_iter()
            .filter(|p| {
                self.files.get(*p).is_some_and(|c| {
                    c.meeting.as_ref().is_some_and(|m| matches!(m.body, super::meeting::Body::InFile(_)))
                        && super::source::stamp(p).as_ref() != Some(&c.stamp)
                })
            })
            .cloned()
            .collect()
    }

    /// A cache with [`LoadCache::lean`] on: each body stays in its file.
    pub fn leaving_bodies() -> LoadCache {
        LoadCache { lean: true, ..LoadCache::default() }
    }

    /// Forgets one file, so the next load reads it again even if its size and time match.
    ///
    /// Paths given here (and to [`LoadCache::changed_elsewhere`]) are taken to be all that
    /// changed since the last load, as a watcher reports them: the next load then reads
    /// just those instead of walking `content/` again, when it can tell what each one is
    /// (a meeting file changed, added or deleted in a folder it knows). A folder, a link
    /// or anything else it cannot place makes it walk as usual.
    pub fn invalidate(&mut self, path: &Path) {
        self.files.remove(path);
        self.told.get_or_insert_with(Vec::new).push(path.to_path_buf());
    }

    /// Something outside `content/` changed (settings, templates, `static/`).
    pub fn changed_elsewhere(&mut self) {
        self.told.get_or_insert_with(Vec::new);
        self.elsewhere = true;
    }

    /// A file or folder under `static/` changed: the attachments are looked at again, and
    /// one at `path` (or under it) read again, whatever its stamp, as a meeting file told
    /// of is ([`LoadCache::invalidate`]).
    pub fn changed_static(&mut self, path: &Path) {
        self.changed_elsewhere();
        self.static_told.push(path.to_path_buf());
    }

    /// Takes the ITA heading prefixes that lean bodies keep their headings by; a change
    /// of them forgets every file (bodies left in their files kept the old headings).
    pub(super) fn keep_headings_of(&mut self, config: &Config) {
        let prefixes: Vec<String> = if self.lean {
            config.results_headings.iter().chain(&config.usage_headings).cloned().collect()
        } else {
            Vec::new()
        };
        if self.lean_prefixes != prefixes {
            self.files.clear();
            self.lean_prefixes = prefixes;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_read_with_its_body_left_in_it_is_told_once_it_changes() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::write(root.join("site.yaml"), "title: t\norganization: o\nbase_url: https://x.go.th/\n")
            .unwrap();
        std::fs::create_dir_all(root.join("content/2567")).unwrap();
        let a = root.join("content/2567/a.md");
        let meeting = "---\ntitle: a\ndate: 2566-10-20\nvenue: v\ntopics: [x]\nattendees:\n  - role: นายก\n    count: 1\n---\nเนื้อหา\n";
        std::fs::write(&a, meeting).unwrap();
        let (mut lean, mut full) = (LoadCache::leaving_bodies(), LoadCache::default());
        for cache in [&mut lean, &mut full] {
            crate::load::load_site(root, None, cache, &mut Diagnostics::new());
            assert!(cache.changed_since_read().is_empty());
        }
        std::fs::write(&a, format!("{meeting}ต่อท้าย\n")).unwrap();
        assert_eq!(lean.changed_since_read(), std::slice::from_ref(&a));
        // A body held in memory was not read again: nothing mixed.
        assert!(full.changed_since_read().is_empty());
        // The next load reads it again, as it is now.
        crate::load::load_site(root, None, &mut lean, &mut Diagnostics::new());
        assert!(lean.changed_since_read().is_empty());
    }
}
