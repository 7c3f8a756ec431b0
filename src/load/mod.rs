//! Load: walk `content/`, decode and split each meeting file, parse its front matter into
//! a typed [`Meeting`], and read `site.yaml`. Every problem goes to the diagnostics with
//! the file, line and column it stands at; one bad file never hides the others.
//!
//! One job a module: `walk` finds the meeting files, `file` reads one, `meeting` parses
//! its text, `config` reads `site.yaml`, `cache` keeps what `serve` reuses. Text and
//! file helpers come from [`crate::text`] and [`crate::fs`]; load knows nothing of the
//! stages after it.

mod cache;
mod config;
mod convert;
mod disclosure;
mod file;
mod frontmatter;
mod meeting;
pub mod registry;
mod walk;
mod yaml;

pub use cache::LoadCache;
pub use config::{CONFIG_FILE, Config, ItaItem, PublishConfig, RoleGroup, normalize_base_url};
// `parse_disclosure_text`: what the loader does for a disclosure page; public for tests
// of the pages `new --ita` writes.
pub use disclosure::{Disclosure, Link, parse as parse_disclosure_text, valid_https};
pub use file::{BodyError, read_body};
pub use frontmatter::{Split, SplitError, split as split_front_matter};
pub use meeting::{Attachment, Attendee, Body, BodyInFile, Heading, Meeting};
pub use registry::{Registries, Registry, RegistryItem};
// Kept here for the fuzz checks and `prongsai new`, which name them as load's.
pub use crate::fs::{decode, safe_relative_path};
pub use crate::text::{default_slug, valid_slug};

use crate::diagnostics::Diagnostics;
use crate::layout;
use cache::{Stamp, stamp};
use rayon::prelude::*;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use walk::{Changes, Walk};

/// Files larger than this are refused rather than read: no meeting report is this big,
/// and reading one would only exhaust memory.
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// What was read of a site.
pub struct Loaded {
    pub config: Config,
    /// Sorted by source path; drafts included (the model decides what is published).
    pub meetings: Vec<Arc<Meeting>>,
    /// Disclosure pages (`ita_item:`), sorted by source path; drafts included.
    pub disclosures: Vec<Arc<Disclosure>>,
    /// The OIT registry of each assessment year, shipped and the site's merged.
    pub registries: Registries,
    /// Number of files looked at (meeting files and `site.yaml`), for the summary line.
    pub files: usize,
}

/// Reads the site at `root`: its settings, then every meeting file that changed since
/// the load `cache` remembers (all of them the first time).
pub fn load_site(
    root: &Path,
    base_url: Option<&str>,
    cache: &mut LoadCache,
    diags: &mut Diagnostics,
) -> Loaded {
    let config = config::load(root, base_url, diags);
    cache.keep_headings_of(&config);
    let pending = find_changed(root, cache);
    read_changed(root, cache, &pending.todo);
    let registries = registry::load(root, diags);
    let (meetings, disclosures, files) = gather(root, cache, pending.recheck_attachments, diags);
    Loaded { config, meetings, disclosures, registries, files }
}

/// The site's settings alone (for `publish`, which needs `publish:` before building).
pub fn read_config(root: &Path, diags: &mut Diagnostics) -> Config {
    config::load(root, None, diags)
}

/// A meeting file to read, with its stamp as looked at before reading.
struct ToRead {
    path: PathBuf,
    stamp: Option<Stamp>,
}

/// What this load must do beyond what the cache holds.
struct Pending {
    todo: Vec<ToRead>,
    /// Attachments are checked again after a walk or a change outside content/;
    /// otherwise only those of the files just read.
    recheck_attachments: bool,
}

/// The meeting files to read: those reported changed, if the changes can be placed in
/// the last walk; otherwise `content/` is walked and every file's stamp compared.
fn find_changed(root: &Path, cache: &mut LoadCache) -> Pending {
    let content = root.join(layout::CONTENT);
    let told = cache.told.take();
    let elsewhere = std::mem::take(&mut cache.elsewhere);
    // Told what changed: read just that, if it can be placed.
    let quick = match (cache.walk.as_mut(), &told) {
        (Some(w), Some(changed)) => w.update(&content, changed),
        _ => None,
    };
    let walked = quick.is_none();
    let todo = match quick {
        Some(changes) => take_changes(cache, changes),
        None => walk_and_compare(root, &content, cache),
    };
    Pending { todo, recheck_attachments: walked || elsewhere }
}

/// Forgets the files gone; the files changed are to be read.
fn take_changes(cache: &mut LoadCache, changes: Changes) -> Vec<ToRead> {
    for p in changes.gone {
        cache.files.remove(&p);
    }
    changes.read.into_iter().map(|p| ToRead { stamp: stamp(&p), path: p }).collect()
}

/// Walks `content/` again: files new or with another stamp are to be read, and the cache
/// forgets the files no longer there.
fn walk_and_compare(root: &Path, content: &Path, cache: &mut LoadCache) -> Vec<ToRead> {
    let w = Walk::of(root, content);
    let paths = &w.paths;
    let stamps: Vec<Option<Stamp>> = paths.par_iter().map(|p| stamp(p)).collect();
    let todo = (0..paths.len())
        .filter(|&i| match (&stamps[i], cache.files.get(&paths[i])) {
            (Some(s), Some(c)) => *s != c.stamp,
            _ => true,
        })
        .map(|i| ToRead { path: paths[i].clone(), stamp: stamps[i].clone() })
        .collect();
    cache.files.retain(|p, _| paths.binary_search(p).is_ok());
    cache.walk = Some(w);
    todo
}

/// Reads and parses the files in `todo`, in parallel, into the cache.
fn read_changed(root: &Path, cache: &mut LoadCache, todo: &[ToRead]) {
    let lean = cache.lean.then_some(cache.lean_prefixes.as_slice());
    let fresh: Vec<cache::Cached> =
        todo.par_iter().map(|t| file::read_meeting(root, &t.path, t.stamp.clone(), lean)).collect();
    cache.last_reread = fresh.len();
    for (t, c) in todo.iter().zip(fresh) {
        cache.files.insert(t.path.clone(), c);
    }
}

/// Every meeting of the walk, in path order, and the number of files looked at; the
/// walk's and each file's problems go to `diags`, in that order.
fn gather(
    root: &Path,
    cache: &mut LoadCache,
    recheck_attachments: bool,
    diags: &mut Diagnostics,
) -> (Vec<Arc<Meeting>>, Vec<Arc<Disclosure>>, usize) {
    let w = cache.walk.as_ref().expect("walked");
    diags.extend(w.diags.clone());
    let files = w.paths.len() + 1;
    let mut meetings = Vec::with_capacity(w.paths.len());
    let mut disclosures = Vec::new();
    for p in &w.paths {
        let c = cache.files.get_mut(p).expect("read");
        diags.extend_shared(&c.diags);
        let attached = match (&c.meeting, &c.disclosure) {
            (Some(m), _) => Some((m.source.as_str(), m.attachments.as_slice())),
            (None, Some(d)) => Some((d.source.as_str(), d.attachments.as_slice())),
            (None, None) => None,
        };
        if let Some((source, attachments)) = attached {
            if recheck_attachments || c.attachments.is_none() {
                let mut d = Diagnostics::new();
                file::check_attachments(root, source, attachments, &mut d);
                c.attachments = Some(d);
            }
            if let Some(d) = c.attachments.as_ref().filter(|d| !d.is_empty()) {
                diags.extend(d.clone());
            }
        }
        if let Some(m) = &c.meeting {
            meetings.push(m.clone());
        }
        if let Some(d) = &c.disclosure {
            disclosures.push(d.clone());
        }
    }
    (meetings, disclosures, files)
}

/// One meeting file's text (already decoded, see [`decode`]) → a typed meeting, every
/// problem in `diags`. `source` is the path shown in messages, `file_name` the file's own
/// name (for the default slug). What the loader does for each file; public for fuzzing.
pub fn parse_meeting_text(
    source: &str,
    file_name: &str,
    text: &str,
    diags: &mut Diagnostics,
) -> Option<Meeting> {
    meeting::parse(source, file_name, text, diags)
}
