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
    /// Leave each body in its file ([`Body::InFile`](super::meeting::Body::InFile)), for a
    /// one-shot build: its pages then read the bodies again one at a time instead of all
    /// being held at once.
    pub lean: bool,
    /// The ITA heading prefixes the kept headings of lean bodies were chosen by.
    pub(super) lean_prefixes: Vec<String>,
}

impl LoadCache {
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
