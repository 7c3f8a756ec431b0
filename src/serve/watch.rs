//! Watching a site for changes: notify with notify-debouncer-full, on whole folders (never
//! single files, so editors that save by rename are seen), filtered down to the paths a
//! build reads, and handed on as batches over a channel (with any watching error, which is
//! the binary's to print).
//!
//! Watched: `content/`, `static/`, `templates/`, `themes/` recursively, and the root itself
//! non-recursively (for `site.yaml`, and for source folders created after the start, which
//! are then watched too). The root is not watched recursively: `target/`, `.git/` or
//! `public/` can hold thousands of folders that would only cost inotify watches.

use crate::fs::is_temp;
use crate::load;
use notify::event::{AccessKind, AccessMode, MetadataKind, ModifyKind};
use notify::{EventKind, PollWatcher, RecommendedWatcher, RecursiveMode};
use notify_debouncer_full::{DebounceEventResult, Debouncer, NoCache, RecommendedCache, new_debouncer_opt};
use std::path::{Component, Path, PathBuf};
use std::sync::mpsc;
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// Folders of a site that a build reads.
use crate::layout::{self, SOURCES};

/// An editor's save is a burst of events well under a millisecond apart; a short quiet
/// time is enough to see it whole, and every millisecond here is one the browser waits.
/// The debouncer emits each event once it is DEBOUNCE old, checking every TICK, so the
/// tail of a save can come one tick later: that makes a second build with the same
/// output, which `serve` notices and does not send to the browser.
const DEBOUNCE: Duration = Duration::from_millis(8);
const TICK: Duration = Duration::from_millis(2);
pub const POLL_INTERVAL: Duration = Duration::from_millis(300);

/// The paths that changed together. `rescan` means events were lost (the kernel queue
/// overflowed): the next build must not trust any cached file.
#[derive(Debug, Default)]
pub struct Batch {
    pub paths: Vec<PathBuf>,
    pub rescan: bool,
    /// Why some changes could not be watched: said once, for the binary to pass on.
    pub watch_error: Option<String>,
    /// Told when the build that includes these changes is done (the editor's save waits
    /// for the page it wrote, not for whatever build ends first).
    pub done: Vec<mpsc::Sender<()>>,
}

impl Batch {
    pub fn merge(&mut self, other: Batch) {
        for p in other.paths {
            if !self.paths.contains(&p) {
                self.paths.push(p);
            }
        }
        self.rescan |= other.rescan;
        self.done.extend(other.done);
        if self.watch_error.is_none() {
            self.watch_error = other.watch_error;
        }
    }
}

enum AnyDebouncer {
    Native(Debouncer<RecommendedWatcher, RecommendedCache>),
    /// PollWatcher sees modification times to the second only, so an edit in the same
    /// second as the last one would go unseen: text folders are compared by content
    /// (small files), `static/` (scans, PDFs, photos) by time alone.
    /// The root itself (whose files may be anything) is polled by time too, and
    /// `site.yaml` by content on its own.
    Poll {
        text: Debouncer<PollWatcher, NoCache>,
        binary: Debouncer<PollWatcher, NoCache>,
        root: PathBuf,
    },
}

impl AnyDebouncer {
    fn watch(&mut self, path: &Path, mode: RecursiveMode) -> notify::Result<()> {
        match self {
            AnyDebouncer::Native(d) => d.watch(path, mode),
            AnyDebouncer::Poll { binary, root, .. }
                if path == root || path.starts_with(root.join(layout::STATIC)) =>
            {
                binary.watch(path, mode)
            }
            AnyDebouncer::Poll { text, .. } => text.watch(path, mode),
        }
    }
}

/// Why watching could not start.
#[derive(Debug)]
pub enum WatchError {
    /// The operating system's watcher (or the poller) could not start, or not watch `path`.
    Notify { path: Option<PathBuf>, error: notify::Error },
    /// The thread that turns events into batches could not start.
    Thread(std::io::Error),
}

impl WatchError {
    fn at(path: &Path, error: notify::Error) -> WatchError {
        WatchError::Notify { path: Some(path.to_path_buf()), error }
    }
}

impl std::fmt::Display for WatchError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            WatchError::Notify { path: Some(p), error } => write!(f, "{}: {error}", p.display()),
            WatchError::Notify { path: None, error } => error.fmt(f),
            WatchError::Thread(e) => e.fmt(f),
        }
    }
}

impl std::error::Error for WatchError {}

pub struct Watcher {
    rx: mpsc::Receiver<Batch>,
    /// For changes made by this program (the editor's saves): handed on at once, without
    /// waiting for the operating system's event or the poller.
    tx: mpsc::Sender<Batch>,
    /// Kept alive here; dropping it stops the watching threads.
    debouncer: Arc<Mutex<Option<AnyDebouncer>>>,
    /// Why native watching could not start, when it fell back to polling.
    pub fallback: Option<WatchError>,
    pub polling: bool,
}

impl Drop for Watcher {
    fn drop(&mut self) {
        self.debouncer.lock().unwrap_or_else(|e| e.into_inner()).take();
    }
}

impl Watcher {
    /// Where this program tells the rebuild loop of a file it wrote itself.
    pub fn sender(&self) -> mpsc::Sender<Batch> {
        self.tx.clone()
    }

    /// Waits for the next change and takes every batch already waiting with it, so that
    /// changes that came during a build make one rebuild, not several.
    pub fn next(&self, timeout: Duration) -> Result<Batch, mpsc::RecvTimeoutError> {
        let mut batch = self.rx.recv_timeout(timeout)?;
        while let Ok(more) = self.rx.try_recv() {
            batch.merge(more);
        }
        Ok(batch)
    }
}

/// Starts watching `root`. `poll` asks for polling; native watching that cannot start
/// (inotify limits, some network drives and WSL mounts) falls back to polling by itself.
pub fn start(root: &Path, output: Option<&Path>, poll: bool) -> Result<Watcher, WatchError> {
    start_or_fall_back(root, output, poll, |tx, slot| start_with(root, output, false, tx, slot))
}

type Slot = Arc<Mutex<Option<AnyDebouncer>>>;

fn start_or_fall_back(
    root: &Path,
    output: Option<&Path>,
    poll: bool,
    native: impl FnOnce(mpsc::Sender<Batch>, &Slot) -> Result<(), WatchError>,
) -> Result<Watcher, WatchError> {
    let (tx, rx) = mpsc::channel();
    let slot = Arc::new(Mutex::new(None));
    let mut fallback = None;
    if !poll {
        match native(tx.clone(), &slot) {
            Ok(()) => return Ok(Watcher { rx, tx, debouncer: slot, fallback, polling: false }),
            Err(e) => {
                // Whatever part of it did start goes.
                slot.lock().unwrap_or_else(|e| e.into_inner()).take();
                fallback = Some(e);
            }
        }
    }
    start_with(root, output, true, tx.clone(), &slot)?;
    Ok(Watcher { rx, tx, debouncer: slot, fallback, polling: true })
}

fn start_with(
    root: &Path,
    output: Option<&Path>,
    poll: bool,
    tx: mpsc::Sender<Batch>,
    slot: &Slot,
) -> Result<(), WatchError> {
    let (raw_tx, raw_rx) = mpsc::channel::<DebounceEventResult>();
    let mut d = if poll {
        let poller = |compare: bool| {
            let config =
                notify::Config::default().with_poll_interval(POLL_INTERVAL).with_compare_contents(compare);
            new_debouncer_opt::<_, PollWatcher, NoCache>(
                DEBOUNCE,
                Some(TICK),
                raw_tx.clone(),
                NoCache,
                config,
            )
            .map_err(|error| WatchError::Notify { path: None, error })
        };
        AnyDebouncer::Poll { text: poller(true)?, binary: poller(false)?, root: root.to_path_buf() }
    } else {
        let d = new_debouncer_opt::<_, RecommendedWatcher, RecommendedCache>(
            DEBOUNCE,
            Some(TICK),
            raw_tx,
            RecommendedCache::new(),
            notify::Config::default(),
        );
        AnyDebouncer::Native(d.map_err(|error| WatchError::Notify { path: None, error })?)
    };
    d.watch(root, RecursiveMode::NonRecursive).map_err(|error| WatchError::at(root, error))?;
    let settings = root.join(load::CONFIG_FILE);
    if poll && settings.is_file() {
        d.watch(&settings, RecursiveMode::NonRecursive).map_err(|error| WatchError::at(&settings, error))?;
    }
    for s in SOURCES {
        let dir = root.join(s);
        if dir.is_dir() {
            d.watch(&dir, RecursiveMode::Recursive).map_err(|error| WatchError::at(&dir, error))?;
        }
    }
    *slot.lock().unwrap_or_else(|e| e.into_inner()) = Some(d);

    let root = root.to_path_buf();
    let output = output.map(Path::to_path_buf);
    let slot = Arc::downgrade(slot);
    std::thread::Builder::new()
        .name("prongsai-watch".into())
        .spawn(move || {
            let mut warned = false;
            // Ends when the debouncer is dropped (its sender with it).
            for result in raw_rx {
                let events = match result {
                    Ok(events) => events,
                    Err(errors) => {
                        if !warned {
                            warned = true;
                            let e = errors.iter().map(|e| e.to_string()).collect::<Vec<_>>().join("; ");
                            if tx.send(Batch { watch_error: Some(e), ..Batch::default() }).is_err() {
                                break;
                            }
                        }
                        continue;
                    }
                };
                let mut batch = Batch::default();
                for ev in &events {
                    if ev.need_rescan() {
                        batch.rescan = true;
                        continue;
                    }
                    if !relevant_kind(&ev.kind) {
                        continue;
                    }
                    for p in &ev.paths {
                        match classify(&root, output.as_deref(), p) {
                            Class::Ignore => {}
                            Class::Change => {
                                batch.merge(Batch { paths: vec![p.clone()], ..Batch::default() })
                            }
                            Class::SourceDir => {
                                // A source folder created (or moved in) after the start:
                                // watch it too. Watching it again is harmless.
                                if p.is_dir()
                                    && let Some(slot) = slot.upgrade()
                                    && let Some(d) = slot.lock().unwrap_or_else(|e| e.into_inner()).as_mut()
                                {
                                    let _ = d.watch(p, RecursiveMode::Recursive);
                                }
                                batch.merge(Batch { paths: vec![p.clone()], ..Batch::default() });
                            }
                        }
                    }
                }
                if (!batch.paths.is_empty() || batch.rescan) && tx.send(batch).is_err() {
                    break;
                }
            }
        })
        .map_err(WatchError::Thread)?;
    Ok(())
}

/// Opening or reading a file changes nothing; our own builds read every changed file, so
/// counting reads would rebuild for ever.
fn relevant_kind(kind: &EventKind) -> bool {
    match kind {
        EventKind::Access(AccessKind::Close(AccessMode::Write)) => true,
        EventKind::Access(_) => false,
        EventKind::Modify(ModifyKind::Metadata(MetadataKind::AccessTime)) => false,
        _ => true,
    }
}

#[derive(Debug, PartialEq, Eq)]
pub enum Class {
    Ignore,
    Change,
    /// One of [`SOURCES`] itself, at the top of the site.
    SourceDir,
}

/// What a changed path means for the build.
pub fn classify(root: &Path, output: Option<&Path>, path: &Path) -> Class {
    let Ok(rel) = path.strip_prefix(root) else { return Class::Ignore };
    let names: Vec<&std::ffi::OsStr> = rel
        .components()
        .filter_map(|c| match c {
            Component::Normal(n) => Some(n),
            _ => None,
        })
        .collect();
    let Some(first) = names.first() else { return Class::Ignore };
    let top = first.to_str().unwrap_or("");
    if names.len() == 1 {
        return match top {
            crate::load::CONFIG_FILE => Class::Change,
            t if SOURCES.contains(&t) => Class::SourceDir,
            _ => Class::Ignore,
        };
    }
    if !SOURCES.contains(&top) || output.is_some_and(|o| path.starts_with(o)) {
        return Class::Ignore;
    }
    if names[1..].iter().any(|n| is_temp(n)) {
        return Class::Ignore;
    }
    Class::Change
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_sources_and_settings_count() {
        let root = Path::new("/site");
        let out = Path::new("/site/public");
        let c = |p: &str| classify(root, Some(out), Path::new(p));
        assert_eq!(c("/site/site.yaml"), Class::Change);
        assert_eq!(c("/site/content/2567/a.md"), Class::Change);
        assert_eq!(c("/site/static/files/x.pdf"), Class::Change);
        assert_eq!(c("/site/themes/default/templates/base.html"), Class::Change);
        assert_eq!(c("/site/templates"), Class::SourceDir);
        assert_eq!(c("/site/content"), Class::SourceDir);
        for ignored in [
            "/site",
            "/site/public/index.html",
            "/site/.public.prongsai-new-1",
            "/site/target/debug/x",
            "/site/.git/index",
            "/site/README.md",
            "/site/content/2567/.a.md.swp",
            "/site/content/2567/.a.md.swx",
            "/site/content/2567/a.md~",
            "/site/content/2567/4913",
            "/site/content/2567/#a.md#",
            "/site/content/2567/.#a.md",
            "/site/content/2567/a.md___jb_tmp___",
            "/site/content/.git/HEAD",
            "/elsewhere/content/a.md",
        ] {
            assert_eq!(c(ignored), Class::Ignore, "{ignored}");
        }
    }

    #[test]
    fn falls_back_to_polling_when_native_watching_fails() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir_all(root.join("content")).unwrap();
        std::fs::write(root.join("content/a.md"), "one").unwrap();
        let w = start_or_fall_back(root, None, false, |_, _| {
            Err(WatchError::Notify {
                path: None,
                error: notify::Error::generic("inotify watch limit reached"),
            })
        })
        .unwrap();
        assert!(w.polling);
        assert_eq!(
            w.fallback.as_ref().map(|e| e.to_string()).as_deref(),
            Some("inotify watch limit reached")
        );
        std::fs::write(root.join("content/b.md"), "two").unwrap();
        let batch = w.next(Duration::from_secs(10)).expect("polling saw the new file");
        assert!(batch.paths.contains(&root.join("content/b.md")), "{batch:?}");
    }

    #[test]
    fn reads_do_not_count() {
        use notify::event::{CreateKind, DataChange};
        assert!(!relevant_kind(&EventKind::Access(AccessKind::Open(AccessMode::Any))));
        assert!(!relevant_kind(&EventKind::Access(AccessKind::Close(AccessMode::Read))));
        assert!(relevant_kind(&EventKind::Access(AccessKind::Close(AccessMode::Write))));
        assert!(relevant_kind(&EventKind::Modify(ModifyKind::Data(DataChange::Any))));
        assert!(relevant_kind(&EventKind::Create(CreateKind::File)));
    }
}
