//! Load: walk `content/`, decode and split each meeting file, parse its front matter into
//! a typed [`Meeting`], and read `site.yaml`. Every problem goes to the diagnostics with
//! the file, line and column it stands at; one bad file never hides the others.
//!
//! What each document kind holds is declared once, in [`schema`]: the keys read (an
//! unknown one is a warning with the nearest declared key), the Thai names of missing
//! fields, the editor's forms and the docs' field tables all come from there.
//!
//! One job a module, in layers that import only downward (a test holds them to it):
//!
//! 1. leaves: `yaml` (the YAML crate), `frontmatter` (the `---` split), `source` (size
//!    limit, stamps, decoding positions), `schema` (the declaration), `walk` (finding the
//!    files under `content/`);
//! 2. `convert`: a YAML tree → typed values, with positions;
//! 3. `page`: what meeting files and disclosure pages share (front matter, attachments,
//!    draft, example);
//! 4. the document kinds: `meeting`, `config` (`site.yaml`), `registry` (the OIT items of
//!    each year), then `disclosure` (which looks its code up in the registry's form);
//! 5. `check` (a document held in memory, as the editor has it) and `cache` (what
//!    `serve` keeps between loads);
//! 6. `file`: reading one file from disk into the cache, and looking at the files its
//!    attachments name under `static/` (their stamps, a CSV's rows: all a page shows of
//!    them, so that render reads no file but bodies);
//! 7. this module: a whole site.
//!
//! Text and file helpers come from [`crate::text`] and [`crate::fs`]; load knows nothing
//! of the stages after it.

mod cache;
mod check;
mod config;
mod convert;
mod disclosure;
mod file;
mod frontmatter;
mod meeting;
mod page;
pub mod registry;
pub mod schema;
mod source;
mod walk;
mod yaml;

pub use cache::LoadCache;
pub use check::{Doc, check_text, field_lines, kind_of};
pub use config::{CONFIG_FILE, Config, ItaItem, PublishConfig, RoleGroup, normalize_base_url};
// `parse_disclosure_text`: what the loader does for a disclosure page; public for tests
// of the pages `new --ita` writes.
pub use disclosure::{Disclosure, Link, parse as parse_disclosure_text, valid_https};
pub use file::{BodyError, attach_files, look_at_attachments, read_body};
pub use frontmatter::{Split, SplitError, draft_line, split as split_front_matter};
pub use meeting::{Attendee, Body, BodyInFile, Heading, Meeting};
pub use page::{AttachedFile, Attachment, CsvRows, MAX_TABLE_ROWS};
pub use registry::{Registries, Registry, RegistryItem};
pub use schema::{DocKind, Field, FieldKind};
pub use source::{MAX_FILE_BYTES, Stamp};
// Kept here for the fuzz checks and `prongsai new`, which name them as load's.
pub use crate::fs::{decode, safe_relative_path};
pub use crate::text::{default_slug, valid_slug};

use crate::diagnostics::Diagnostics;
use crate::layout;
use rayon::prelude::*;
use source::stamp;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use walk::{Changes, Walk};

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
    /// Every file marked `draft: true` ([`draft_line`]), parsed or not, sorted by source
    /// path, with its own problems, which are not in the load's diagnostics: whether they
    /// count is the build's to say (`--drafts`, or `serve`'s preview).
    pub drafts: Vec<DraftFile>,
}

/// A file marked as a draft, and what loading it found.
pub struct DraftFile {
    pub source: String,
    /// The line of its `draft:` (0 when only the parsed YAML said so).
    pub line: usize,
    /// Its title, when it parsed.
    pub title: Option<String>,
    pub diags: Diagnostics,
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
    let Gathered { meetings, disclosures, drafts, files } =
        gather(root, cache, pending.recheck_attachments, diags);
    cache.static_told.clear();
    Loaded { config, meetings, disclosures, registries, files, drafts }
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
    cache.last_read = todo.iter().map(|t| t.path.clone()).collect();
    for (t, c) in todo.iter().zip(fresh) {
        cache.files.insert(t.path.clone(), c);
    }
}

/// Every meeting of the walk, in path order, the drafts, and the number of files looked
/// at; the walk's and each file's problems go to `diags`, in that order, but a draft's go
/// with the draft.
fn gather(
    root: &Path,
    cache: &mut LoadCache,
    recheck_attachments: bool,
    diags: &mut Diagnostics,
) -> Gathered {
    let w = cache.walk.as_ref().expect("walked");
    let told = &cache.static_told;
    diags.extend(w.diags.clone());
    let files = w.paths.len() + 1;
    let mut meetings = Vec::with_capacity(w.paths.len());
    let mut disclosures = Vec::new();
    let mut drafts = Vec::new();
    for p in &w.paths {
        let c = cache.files.get_mut(p).expect("read");
        let parsed_draft =
            c.meeting.as_ref().is_some_and(|m| m.draft) || c.disclosure.as_ref().is_some_and(|d| d.draft);
        let mut draft = (c.draft_line.is_some() || parsed_draft).then(|| DraftFile {
            source: crate::fs::rel(root, p),
            line: c.draft_line.unwrap_or(0),
            title: c
                .meeting
                .as_ref()
                .map(|m| m.title.clone())
                .or_else(|| c.disclosure.as_ref().map(|d| d.title.clone())),
            diags: Diagnostics::new(),
        });
        let diags: &mut Diagnostics = match draft.as_mut() {
            Some(d) => &mut d.diags,
            None => &mut *diags,
        };
        diags.extend_shared(&c.diags);
        if recheck_attachments || c.attachments.is_none() {
            // Never looked at: just read, and not yet handed to anyone.
            let fresh = c.attachments.is_none();
            let mut d = Diagnostics::new();
            if let Some(m) = &mut c.meeting {
                if let Some(found) =
                    file::look_at_attachments(root, &m.source, &m.attachments, false, told, &mut d)
                {
                    put_files(m, fresh, |m| set_files(&mut m.attachments, found));
                }
            } else if let Some(p) = &mut c.disclosure
                && let Some(found) =
                    file::look_at_attachments(root, &p.source, &p.attachments, true, told, &mut d)
            {
                put_files(p, fresh, |p| set_files(&mut p.attachments, found));
            }
            c.attachments = Some(d);
        }
        if let Some(d) = c.attachments.as_ref().filter(|d| !d.is_empty()) {
            diags.extend(d.clone());
        }
        if let Some(m) = &c.meeting {
            meetings.push(m.clone());
        }
        if let Some(d) = &c.disclosure {
            disclosures.push(d.clone());
        }
        drafts.extend(draft);
    }
    Gathered { meetings, disclosures, drafts, files }
}

/// A document given the files of its attachments as they are now. One handed out by an
/// earlier load becomes a new value, so that everything kept by its identity (its entry,
/// its page) is made again; one just read is changed in place.
fn put_files<T: Clone>(doc: &mut Arc<T>, fresh: bool, set: impl FnOnce(&mut T)) {
    if fresh {
        set(Arc::make_mut(doc));
    } else {
        let mut d = (**doc).clone();
        set(&mut d);
        *doc = Arc::new(d);
    }
}

fn set_files(attachments: &mut [Attachment], found: Vec<Option<page::AttachedFile>>) {
    for (a, f) in attachments.iter_mut().zip(found) {
        a.file = f;
    }
}

/// What [`gather`] found, as [`Loaded`] has it.
struct Gathered {
    meetings: Vec<Arc<Meeting>>,
    disclosures: Vec<Arc<Disclosure>>,
    drafts: Vec<DraftFile>,
    files: usize,
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

#[cfg(test)]
mod tests {
    use std::collections::{BTreeMap, BTreeSet};

    /// The modules of `load/` each names with `super::`, outside its tests.
    fn imports() -> BTreeMap<String, BTreeSet<String>> {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/load");
        let mut names: Vec<String> = std::fs::read_dir(&dir)
            .unwrap()
            .filter_map(|e| e.ok()?.file_name().to_str()?.strip_suffix(".rs").map(String::from))
            .filter(|n| n != "mod")
            .collect();
        names.sort();
        let mut out = BTreeMap::new();
        for n in &names {
            let text = std::fs::read_to_string(dir.join(format!("{n}.rs"))).unwrap();
            let code = text.split("#[cfg(test)]").next().unwrap_or("");
            let mut uses = BTreeSet::new();
            for (i, _) in code.match_indices("super::") {
                let rest = &code[i + "super::".len()..];
                let ident: String = rest.chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
                uses.insert(ident);
            }
            out.insert(n.clone(), uses);
        }
        out
    }

    #[test]
    fn the_modules_of_load_import_in_layers_without_a_cycle() {
        let graph = imports();
        for (m, uses) in &graph {
            for u in uses {
                assert!(
                    graph.contains_key(u),
                    "load/{m}.rs names super::{u}, which is not a module of load/ beside it: an import upward, from mod.rs"
                );
            }
        }
        // Depth-first, with the path so far: a module met again on it closes a cycle.
        fn visit<'a>(
            m: &'a str,
            graph: &'a BTreeMap<String, BTreeSet<String>>,
            path: &mut Vec<&'a str>,
            done: &mut BTreeSet<&'a str>,
        ) {
            if done.contains(m) {
                return;
            }
            if let Some(at) = path.iter().position(|p| *p == m) {
                panic!("an import cycle in load/: {} -> {m}", path[at..].join(" -> "));
            }
            path.push(m);
            for u in &graph[m] {
                visit(u, graph, path, done);
            }
            path.pop();
            done.insert(m);
        }
        let mut done = BTreeSet::new();
        for m in graph.keys() {
            visit(m, &graph, &mut Vec::new(), &mut done);
        }
        assert!(graph["schema"].is_empty() && graph["source"].is_empty(), "{graph:?}");
    }
}
