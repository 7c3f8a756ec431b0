//! Write: pages go into a fresh folder beside the output, which replaces the output
//! whole only when everything was written. A failed build leaves the old site exactly
//! as it was; a crashed one leaves a leftover that the next build clears away.

use crate::fs::{checked_output_path, staging_prefix};
use std::collections::BTreeMap;
use std::fs;
use std::io::{self, Write as _};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

/// Where rendered files go: a folder on disk, or memory for the preview server.
pub trait Sink: Sync {
    fn put(&self, path: &str, bytes: Arc<Vec<u8>>) -> io::Result<()>;
    /// A file copied as it is (static files, attachments).
    fn copy(&self, path: &str, from: &Path) -> io::Result<()>;
    fn put_static(&self, path: &str, bytes: &'static [u8]) -> io::Result<()> {
        self.put(path, Arc::new(bytes.to_vec()))
    }
    /// [`Sink::put`], for a file kept for the next build: returns what to keep of it (by
    /// default the bytes themselves; `serve`'s sink, spooled, where it wrote them).
    fn put_kept(&self, path: &str, bytes: Arc<Vec<u8>>) -> io::Result<Content> {
        self.put(path, bytes.clone())?;
        Ok(Content::Bytes(bytes))
    }
    /// Forgets what was put so far, for a build redone into the same sink (only `serve`
    /// redoes one, [`crate::site::Site::build_into`]).
    fn restart(&self) {}
    /// A file kept from an earlier build ([`Sink::put_kept`]), written again.
    fn put_again(&self, path: &str, kept: &Content) -> io::Result<()> {
        match kept {
            Content::Bytes(b) => self.put(path, b.clone()),
            Content::File(from) => self.copy(path, from),
            Content::Spooled(s) => self.put(path, Arc::new(s.read()?)),
            Content::Joined(j) => self.put(path, Arc::new(j.to_vec())),
        }
    }
    /// A file made piece by piece by `write`, for large files that need not be held whole
    /// in memory. By default collected in memory and [`Sink::put`].
    fn put_with(
        &self,
        path: &str,
        write: &mut dyn FnMut(&mut dyn io::Write) -> io::Result<()>,
    ) -> io::Result<()> {
        let mut bytes = Vec::new();
        write(&mut bytes)?;
        self.put(path, Arc::new(bytes))
    }
}

pub struct DiskSink {
    dir: PathBuf,
    /// The first write that failed (disk full, read-only, ...): the build is then an I/O
    /// failure, not a site with errors in its content.
    failed: Mutex<Option<io::Error>>,
}

impl DiskSink {
    /// The first write error, if any write failed.
    pub fn take_error(&self) -> Option<io::Error> {
        self.failed.lock().unwrap_or_else(|e| e.into_inner()).take()
    }

    fn note<T>(&self, r: io::Result<T>) -> io::Result<T> {
        if let Err(e) = &r {
            let mut failed = self.failed.lock().unwrap_or_else(|e| e.into_inner());
            if failed.is_none() {
                *failed = Some(io::Error::new(e.kind(), e.to_string()));
            }
        }
        r
    }

    fn target(&self, path: &str) -> io::Result<PathBuf> {
        let p = self.dir.join(checked_output_path(path)?);
        if let Some(parent) = p.parent() {
            fs::create_dir_all(parent)?;
        }
        Ok(p)
    }
}

impl Sink for DiskSink {
    fn put(&self, path: &str, bytes: Arc<Vec<u8>>) -> io::Result<()> {
        self.note((|| {
            let p = self.target(path)?;
            let mut f = fs::File::create(&p)?;
            f.write_all(&bytes)
        })())
    }

    fn copy(&self, path: &str, from: &Path) -> io::Result<()> {
        self.note(self.target(path).and_then(|p| fs::copy(from, p).map(|_| ())))
    }

    fn put_with(
        &self,
        path: &str,
        write: &mut dyn FnMut(&mut dyn io::Write) -> io::Result<()>,
    ) -> io::Result<()> {
        let file = self.note(self.target(path).and_then(fs::File::create))?;
        // Only the file's own failures are noted: `write` may stop for reasons of its own.
        let mut f = Noted { w: io::BufWriter::with_capacity(1 << 18, file), sink: self };
        write(&mut f)?;
        f.flush()
    }
}

/// A file being written whose failures the sink notes.
struct Noted<'a, W: io::Write> {
    w: W,
    sink: &'a DiskSink,
}

impl<W: io::Write> io::Write for Noted<'_, W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.sink.note(self.w.write(buf))
    }

    fn flush(&mut self) -> io::Result<()> {
        self.sink.note(self.w.flush())
    }
}

/// A file of a built site as `serve` holds it: its bytes, the static file it is a copy of,
/// or where it was written in the [`Spool`].
#[derive(Clone, Debug)]
pub enum Content {
    Bytes(Arc<Vec<u8>>),
    File(PathBuf),
    Spooled(Spooled),
    Joined(Arc<Joined>),
}

impl Content {
    /// Its bytes, read from disk if they are there.
    pub fn read(&self) -> io::Result<Vec<u8>> {
        match self {
            Content::Bytes(b) => Ok(b.as_ref().clone()),
            Content::File(p) => fs::read(p),
            Content::Spooled(s) => s.read(),
            Content::Joined(j) => Ok(j.to_vec()),
        }
    }
}

/// A file made of pieces held elsewhere, joined only when it is read: `data/meetings.json`,
/// whose items `serve` keeps one by one for the next build anyway, and which an edit of any
/// meeting changes. `head`, the items with `sep` between them, then `tail`.
#[derive(Debug, PartialEq, Eq)]
pub struct Joined {
    pub head: Vec<u8>,
    pub items: Vec<Arc<Vec<u8>>>,
    pub sep: &'static [u8],
    pub tail: &'static [u8],
}

impl Joined {
    pub fn len(&self) -> usize {
        let items: usize = self.items.iter().map(|i| i.len()).sum();
        self.head.len() + items + self.sep.len() * self.items.len().saturating_sub(1) + self.tail.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    pub fn to_vec(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(self.len());
        out.extend_from_slice(&self.head);
        for (k, item) in self.items.iter().enumerate() {
            if k > 0 {
                out.extend_from_slice(self.sep);
            }
            out.extend_from_slice(item);
        }
        out.extend_from_slice(self.tail);
        out
    }

    /// The same bytes, told piece by piece: items kept from the last build by pointer.
    pub fn same(&self, other: &Joined) -> bool {
        self.head == other.head
            && (self.sep, self.tail) == (other.sep, other.tail)
            && self.items.len() == other.items.len()
            && self.items.iter().zip(&other.items).all(|(a, b)| Arc::ptr_eq(a, b) || a == b)
    }
}

/// A built site for `serve`: a map of files, their bytes in memory or, with a [`Spool`],
/// the pages kept for the next build written to a pack file of it.
#[derive(Default)]
pub struct MemorySink {
    /// In the order they were put; sorted into a map at the end, which is cheaper than
    /// keeping a map sorted while the threads put ten thousand pages.
    files: Mutex<Vec<(String, Content)>>,
    spool: Option<Arc<Spool>>,
    /// This build's pack, opened with the first file written to it.
    pack: Mutex<Option<PackWriter>>,
}

impl MemorySink {
    /// Files kept for the next build go to a pack of `spool` instead of memory.
    pub fn spooled(spool: Arc<Spool>) -> MemorySink {
        MemorySink { spool: Some(spool), ..MemorySink::default() }
    }

    /// Every file by path; a path put twice has what was put last.
    pub fn into_files(self) -> BTreeMap<String, Content> {
        let mut files = self.files.into_inner().unwrap_or_else(|e| e.into_inner());
        files.sort_by(|a, b| a.0.cmp(&b.0)); // stable: the same paths stay in the order put
        let mut last: Vec<(String, Content)> = Vec::with_capacity(files.len());
        for f in files {
            match last.last_mut() {
                Some(l) if l.0 == f.0 => *l = f,
                _ => last.push(f),
            }
        }
        last.into_iter().collect()
    }

    fn add(&self, path: &str, content: Content) -> io::Result<()> {
        let path = checked_output_path(path)?.to_string();
        self.files.lock().unwrap_or_else(|e| e.into_inner()).push((path, content));
        Ok(())
    }
}

impl Sink for MemorySink {
    fn put(&self, path: &str, bytes: Arc<Vec<u8>>) -> io::Result<()> {
        self.add(path, Content::Bytes(bytes))
    }

    fn put_kept(&self, path: &str, bytes: Arc<Vec<u8>>) -> io::Result<Content> {
        let Some(spool) = &self.spool else {
            self.put(path, bytes.clone())?;
            return Ok(Content::Bytes(bytes));
        };
        checked_output_path(path)?;
        let spooled = {
            let mut pack = self.pack.lock().unwrap_or_else(|e| e.into_inner());
            let w = match &mut *pack {
                Some(w) => w,
                None => pack.insert(spool.open_pack()?),
            };
            if let Err(e) = w.file.write_all(&bytes) {
                // Written in part, perhaps: the next file goes to a pack of its own.
                *pack = None;
                return Err(e);
            }
            let at = w.len;
            w.len += bytes.len() as u64;
            Spooled { pack: w.pack.clone(), at, len: bytes.len() as u64 }
        };
        let c = Content::Spooled(spooled);
        self.add(path, c.clone())?;
        Ok(c)
    }

    fn put_again(&self, path: &str, kept: &Content) -> io::Result<()> {
        self.add(path, kept.clone())
    }

    fn restart(&self) {
        self.files.lock().unwrap_or_else(|e| e.into_inner()).clear();
    }

    fn copy(&self, path: &str, from: &Path) -> io::Result<()> {
        self.add(path, Content::File(from.to_path_buf()))
    }
}

/// Where `serve` keeps the files it builds, instead of memory: a folder of its own in the
/// system's temp folder, holding one pack file for each build that made something new
/// (each output a range of it, [`Spooled`]). A pack is removed once no build served or
/// kept has a file in it; the folder when `serve` ends ([`Spool::remove`], or dropped).
#[derive(Debug)]
pub struct Spool {
    dir: PathBuf,
    packs: std::sync::atomic::AtomicU64,
    /// Its `lock` file, locked while the folder is in use: a folder whose lock is free was
    /// left by a `serve` that was killed or crashed ([`clear_stale`]).
    lock: Mutex<Option<fs::File>>,
}

const SPOOL_PREFIX: &str = "prongsai-serve-";

impl Spool {
    /// A fresh folder in the system's temp folder; those left there by a `serve` that did
    /// not end cleanly are removed first.
    pub fn new() -> io::Result<Spool> {
        let tmp = std::env::temp_dir();
        clear_stale(&tmp);
        let dir = tempfile::Builder::new().prefix(SPOOL_PREFIX).tempdir_in(&tmp)?.keep();
        let lock = fs::File::create(dir.join("lock")).and_then(|f| {
            f.try_lock().map_err(io::Error::other)?;
            Ok(f)
        });
        match lock {
            Ok(lock) => Ok(Spool { dir, packs: Default::default(), lock: Mutex::new(Some(lock)) }),
            Err(e) => {
                let _ = fs::remove_dir_all(&dir);
                Err(e)
            }
        }
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Removes the folder and every pack in it, whoever still holds one: `serve` is ending.
    pub fn remove(&self) {
        drop(self.lock.lock().unwrap_or_else(|e| e.into_inner()).take());
        let _ = fs::remove_dir_all(&self.dir);
    }

    fn open_pack(&self) -> io::Result<PackWriter> {
        let n = self.packs.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let path = self.dir.join(format!("pack-{n}"));
        let file = fs::OpenOptions::new().write(true).create_new(true).open(&path)?;
        Ok(PackWriter { file, pack: Arc::new(Pack { path }), len: 0 })
    }
}

impl Drop for Spool {
    fn drop(&mut self) {
        self.remove();
    }
}

/// Removes the spool folders in `tmp` whose lock is free and a minute old (one just made
/// may not be locked yet): their `serve` was killed or crashed.
fn clear_stale(tmp: &Path) {
    let Ok(entries) = fs::read_dir(tmp) else { return };
    for e in entries.flatten() {
        if !e.file_name().to_string_lossy().starts_with(SPOOL_PREFIX) {
            continue;
        }
        let lock = e.path().join("lock");
        let old = fs::metadata(&lock)
            .and_then(|m| m.modified())
            .is_ok_and(|t| t.elapsed().is_ok_and(|age| age.as_secs() >= 60));
        // The lock is let go before the folder is removed.
        if old && fs::File::open(&lock).is_ok_and(|f| f.try_lock().is_ok()) {
            let _ = fs::remove_dir_all(e.path());
        }
    }
}

/// One pack file: removed when the last file in it is no longer held.
#[derive(Debug)]
struct Pack {
    path: PathBuf,
}

impl Drop for Pack {
    fn drop(&mut self) {
        let _ = fs::remove_file(&self.path);
    }
}

/// A pack being written by one build.
struct PackWriter {
    file: fs::File,
    pack: Arc<Pack>,
    len: u64,
}

/// A built file in a pack of the [`Spool`]: where it is, not its bytes.
#[derive(Clone, Debug)]
pub struct Spooled {
    pack: Arc<Pack>,
    at: u64,
    len: u64,
}

impl Spooled {
    pub fn len(&self) -> u64 {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The very same file of the very same pack.
    pub fn same(&self, other: &Spooled) -> bool {
        Arc::ptr_eq(&self.pack, &other.pack) && self.at == other.at && self.len == other.len
    }

    /// Its bytes, read from its pack.
    pub fn read(&self) -> io::Result<Vec<u8>> {
        use std::io::{Read as _, Seek as _};
        let mut f = fs::File::open(&self.pack.path)?;
        f.seek(io::SeekFrom::Start(self.at))?;
        let mut bytes = vec![0; self.len as usize];
        f.read_exact(&mut bytes)?;
        Ok(bytes)
    }
}

/// Renders and forgets: `check` renders every page, so that a missing theme or a broken
/// template is found without writing anything.
#[derive(Default)]
pub struct DiscardSink;

impl Sink for DiscardSink {
    fn put(&self, _path: &str, _bytes: Arc<Vec<u8>>) -> io::Result<()> {
        Ok(())
    }

    fn copy(&self, _path: &str, _from: &Path) -> io::Result<()> {
        Ok(())
    }

    fn put_with(
        &self,
        _path: &str,
        write: &mut dyn FnMut(&mut dyn io::Write) -> io::Result<()>,
    ) -> io::Result<()> {
        write(&mut io::sink())
    }
}

/// A build in progress: a fresh folder beside the output.
pub struct Staging {
    output: PathBuf,
    dir: PathBuf,
    done: bool,
}

impl Staging {
    /// Clears what an interrupted build left beside `output` and makes a fresh folder.
    pub fn begin(output: &Path) -> io::Result<Staging> {
        let (parent, prefix) = staging_prefix(output)
            .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, "โฟลเดอร์ผลลัพธ์ไม่มีชื่อ"))?;
        fs::create_dir_all(&parent)?;
        recover(output, &parent, &prefix)?;
        let dir = fresh(&parent, &prefix, "new");
        fs::create_dir(&dir)?;
        Ok(Staging { output: output.to_path_buf(), dir, done: false })
    }

    pub fn sink(&self) -> DiskSink {
        DiskSink { dir: self.dir.clone(), failed: Mutex::new(None) }
    }

    /// Puts the new site in place of the old one.
    pub fn commit(mut self) -> io::Result<()> {
        // Where the system can, the two folders trade places in one atomic step, so the
        // output is never missing, not even for an instant (a web server may be serving
        // it). The old site, now under the staging name, is removed; a crash during that
        // leaves a `new-` leftover, which the next build removes: right, as the output is
        // already the new site.
        if self.output.is_dir() && exchange(&self.dir, &self.output).is_ok() {
            self.done = true;
            remove_leftover(&self.dir);
            return Ok(());
        }
        let (parent, prefix) = staging_prefix(&self.output).expect("checked in begin");
        let old = fresh(&parent, &prefix, "old");
        if self.output.exists() {
            rename_patiently(&self.output, &old).map_err(|e| held_error(&self.output, e))?;
        }
        if let Err(e) = rename_patiently(&self.dir, &self.output) {
            // Put the previous site back: a failed swap must not lose it.
            let _ = rename_patiently(&old, &self.output);
            return Err(e);
        }
        self.done = true;
        if old.exists() && remove_tree(&old).is_err() {
            // Renamed out of `old-`, so that recovery after a crash never takes it for the
            // last good site; removed by a later build.
            let _ = fs::rename(&old, fresh(&parent, &prefix, "trash"));
        }
        Ok(())
    }
}

/// `<prefix><kind>-<pid>`, or `…-<pid>-<n>` if a leftover that could not be removed (see
/// [`remove_leftover`]) has that name: `serve` and `build --watch` build again in the same
/// process.
fn fresh(parent: &Path, prefix: &str, kind: &str) -> PathBuf {
    let pid = std::process::id();
    (0u32..)
        .map(|n| match n {
            0 => parent.join(format!("{prefix}{kind}-{pid}")),
            n => parent.join(format!("{prefix}{kind}-{pid}-{n}")),
        })
        .find(|p| !p.exists())
        .expect("some name is free")
}

/// A folder a build no longer needs. A file of it that another program holds open
/// (Windows: a viewer that denies delete) must not turn a good build into a failed one:
/// what cannot be removed now is left for the next build's [`recover`].
fn remove_leftover(dir: &Path) {
    let _ = remove_tree(dir);
}

/// What Windows says of a path another program has open: access denied (a folder with an
/// open file inside, or a program's current folder), a sharing or a lock violation.
/// Antivirus and the search indexer open new files for a moment; so do Explorer and
/// browsers. Elsewhere a rename has no such transient failures, and none is retried.
fn in_use(e: &io::Error) -> bool {
    cfg!(windows) && matches!(e.raw_os_error(), Some(5 | 32 | 33))
}

/// Waits between tries of a rename that another program blocks: about 1.3 s in all, as
/// Windows tools retry for scanners, and short enough to wait for at every build.
const RETRY_WAITS_MS: [u64; 7] = [10, 20, 40, 80, 160, 320, 640];

fn rename_patiently(from: &Path, to: &Path) -> io::Result<()> {
    patiently(|| fs::rename(from, to), in_use, &RETRY_WAITS_MS)
}

/// `op`, tried again after each wait while it fails with an error `retry` accepts.
fn patiently(
    mut op: impl FnMut() -> io::Result<()>,
    retry: impl Fn(&io::Error) -> bool,
    waits: &[u64],
) -> io::Result<()> {
    let mut waits = waits.iter();
    loop {
        match op() {
            Err(e) if retry(&e) => match waits.next() {
                Some(ms) => std::thread::sleep(std::time::Duration::from_millis(*ms)),
                None => return Err(e),
            },
            r => return r,
        }
    }
}

/// The output could not be moved aside because another program holds it or a file in it,
/// even after waiting: the old site is whole, nothing was half written. Inside an
/// [`io::Error`] (of the same kind as `source`), so a build's `Err` stays an I/O failure.
#[derive(Debug)]
pub struct Held {
    pub output: PathBuf,
    /// What is held, as far as could be found (at most [`HELD_SHOWN`]): the output folder
    /// itself, or files and folders in it. Empty where that cannot be asked.
    pub held: Vec<PathBuf>,
    pub source: io::Error,
}

pub const HELD_SHOWN: usize = 3;

impl std::fmt::Display for Held {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let out = self.output.display();
        let what = if self.held.is_empty() {
            format!("ไฟล์ใน {out}")
        } else {
            self.held.iter().map(|p| p.display().to_string()).collect::<Vec<_>>().join(", ")
        };
        write!(
            f,
            "แทนที่โฟลเดอร์ {out} ด้วยเว็บไซต์ใหม่ไม่ได้ เพราะโปรแกรมอื่นเปิด {what} อยู่ \
             (เช่น แท็บเบราว์เซอร์ หน้าต่าง Explorer หรือหน้าต่าง Command Prompt ที่อยู่ในโฟลเดอร์นั้น) \
             เว็บไซต์เดิมยังอยู่ครบทุกไฟล์: ปิดโปรแกรมนั้นแล้วสร้างเว็บไซต์อีกครั้ง ({})",
            self.source
        )
    }
}

impl std::error::Error for Held {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&self.source)
    }
}

/// A rename of the output that failed: [`Held`] when another program holds it.
fn held_error(output: &Path, e: io::Error) -> io::Error {
    if !in_use(&e) {
        return e;
    }
    let mut held = Vec::new();
    find_held(output, &mut held);
    // Access denied with nothing found held may be the folder's permissions: said as is.
    if held.is_empty() && e.raw_os_error() == Some(5) {
        return e;
    }
    io::Error::new(e.kind(), Held { output: output.to_path_buf(), held, source: e })
}

/// What in `dir` another program holds: a folder opened without sharing delete (the
/// current folder of a Command Prompt), or a file open at all (a folder with an open file
/// cannot be renamed). Asked by opening each the way that would clash with such a holder.
#[cfg(windows)]
fn find_held(dir: &Path, held: &mut Vec<PathBuf>) {
    use std::os::windows::fs::OpenOptionsExt;
    const SHARING_VIOLATION: i32 = 32;
    const DELETE: u32 = 0x0001_0000;
    const SHARE_ALL: u32 = 7;
    const BACKUP_SEMANTICS: u32 = 0x0200_0000; // lets a folder be opened
    let clashes = |o: &mut fs::OpenOptions, p: &Path| {
        o.open(p).err().and_then(|e| e.raw_os_error()) == Some(SHARING_VIOLATION)
    };
    if clashes(
        fs::OpenOptions::new().access_mode(DELETE).share_mode(SHARE_ALL).custom_flags(BACKUP_SEMANTICS),
        dir,
    ) {
        held.push(dir.to_path_buf());
    }
    let Ok(entries) = fs::read_dir(dir) else { return };
    let mut entries: Vec<_> = entries.filter_map(|e| e.ok()).collect();
    entries.sort_by_key(|e| e.file_name());
    for e in entries {
        if held.len() >= HELD_SHOWN {
            return;
        }
        let p = e.path();
        if e.file_type().is_ok_and(|t| t.is_dir()) {
            find_held(&p, held);
        } else if clashes(fs::OpenOptions::new().read(true).share_mode(0), &p) {
            held.push(p);
        }
    }
}

#[cfg(not(windows))]
fn find_held(_: &Path, _: &mut Vec<PathBuf>) {}

/// `fs::remove_dir_all`, with the entries of each folder removed in parallel: the old
/// site of 10,000 meetings is 10,000 folders, and removing them one by one took a fifth
/// of a rebuild. Links are removed, never followed.
fn remove_tree(dir: &Path) -> io::Result<()> {
    use rayon::prelude::*;
    let entries: Vec<(PathBuf, bool)> = fs::read_dir(dir)?
        .map(|e| e.and_then(|e| Ok((e.path(), e.file_type()?.is_dir()))))
        .collect::<io::Result<_>>()?;
    entries.par_iter().try_for_each(|(p, is_dir)| {
        let r = if *is_dir { remove_tree(p) } else { fs::remove_file(p) };
        // Gone already is as good as removed.
        match r {
            Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
            r => r,
        }
    })?;
    fs::remove_dir(dir)
}

/// Swaps two paths atomically (Linux `renameat2` with `RENAME_EXCHANGE`). Err where the
/// system or the file system cannot; the caller then renames twice.
#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> io::Result<()> {
    use std::os::unix::ffi::OsStrExt;
    let c = |p: &Path| {
        std::ffi::CString::new(p.as_os_str().as_bytes())
            .map_err(|_| io::Error::from(io::ErrorKind::InvalidInput))
    };
    let (a, b) = (c(a)?, c(b)?);
    // SAFETY: both are valid NUL-terminated paths that outlive the call, which only reads them.
    let r = unsafe {
        libc::syscall(
            libc::SYS_renameat2,
            libc::AT_FDCWD,
            a.as_ptr(),
            libc::AT_FDCWD,
            b.as_ptr(),
            libc::RENAME_EXCHANGE,
        )
    };
    if r == 0 { Ok(()) } else { Err(io::Error::last_os_error()) }
}

#[cfg(not(target_os = "linux"))]
fn exchange(_: &Path, _: &Path) -> io::Result<()> {
    Err(io::ErrorKind::Unsupported.into())
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.done {
            let _ = fs::remove_dir_all(&self.dir);
        }
    }
}

/// After a crash: a half-written `new-*` folder is removed; an `old-*` folder is the last
/// good site if the crash came between the two renames, so it goes back in place.
fn recover(output: &Path, parent: &Path, prefix: &str) -> io::Result<()> {
    let Ok(entries) = fs::read_dir(parent) else { return Ok(()) };
    let mut names: Vec<String> = entries
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(prefix))
        .collect();
    names.sort();
    for n in names {
        let p = parent.join(&n);
        let rest = &n[prefix.len()..];
        if rest.starts_with("old-") && !output.exists() {
            rename_patiently(&p, output)?;
        } else if ["new-", "old-", "trash-"].iter().any(|k| rest.starts_with(k)) {
            // Another live build of the same site would have our lock; see site::Site.
            // A leftover another program still holds a file of is left for a later build.
            remove_leftover(&p);
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn commit_replaces_whole_and_drop_cleans_up() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("public");
        fs::create_dir_all(out.join("stale")).unwrap();
        let s = Staging::begin(&out).unwrap();
        s.sink().put("a/index.html", Arc::new(b"new".to_vec())).unwrap();
        s.commit().unwrap();
        assert!(!out.join("stale").exists());
        assert_eq!(fs::read(out.join("a/index.html")).unwrap(), b"new");
        // an aborted build leaves the site alone and nothing beside it
        let s = Staging::begin(&out).unwrap();
        s.sink().put("b.html", Arc::new(vec![])).unwrap();
        drop(s);
        assert_eq!(fs::read(out.join("a/index.html")).unwrap(), b"new");
        assert_eq!(fs::read_dir(tmp.path()).unwrap().count(), 1);
    }

    #[test]
    fn spooled_files_read_back_and_a_pack_goes_with_its_last_file() {
        let spool = Arc::new(Spool::new().unwrap());
        assert!(spool.dir().starts_with(std::env::temp_dir()));
        let packs = || {
            let names = fs::read_dir(spool.dir()).unwrap().map(|e| e.unwrap().file_name());
            names.filter(|n| n.to_string_lossy().starts_with("pack-")).count()
        };
        let sink = MemorySink::spooled(spool.clone());
        let a = sink.put_kept("a/index.html", Arc::new(b"aaa".to_vec())).unwrap();
        let b = sink.put_kept("b/index.html", Arc::new(b"bb".to_vec())).unwrap();
        sink.put("c.json", Arc::new(b"c".to_vec())).unwrap();
        assert!(sink.put_kept("../x", Arc::new(vec![])).is_err());
        let first = sink.into_files();
        assert!(matches!(first["a/index.html"], Content::Spooled(_)));
        assert!(matches!(first["c.json"], Content::Bytes(_)));
        assert_eq!(first["a/index.html"].read().unwrap(), b"aaa");
        assert_eq!(b.read().unwrap(), b"bb");
        assert_eq!(packs(), 1);
        // The next build reuses `a`: nothing new, no new pack.
        let next = MemorySink::spooled(spool.clone());
        next.put_again("a/index.html", &a).unwrap();
        let second = next.into_files();
        assert!(
            matches!((&second["a/index.html"], &a), (Content::Spooled(x), Content::Spooled(y)) if x.same(y))
        );
        drop((first, b));
        assert_eq!(packs(), 1, "`a` is still held");
        drop((a, second));
        assert_eq!(packs(), 0);
        let dir = spool.dir().to_path_buf();
        drop(spool);
        assert!(!dir.exists());
    }

    #[test]
    fn a_spool_left_by_a_killed_serve_is_cleared_one_in_use_is_not() {
        let tmp = tempfile::tempdir().unwrap();
        let make = |name: &str| {
            let dir = tmp.path().join(name);
            fs::create_dir(&dir).unwrap();
            fs::write(dir.join("pack-0"), "x").unwrap();
            let lock = fs::File::create(dir.join("lock")).unwrap();
            let long_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
            lock.set_modified(long_ago).unwrap();
            lock
        };
        drop(make("prongsai-serve-killed"));
        let live = make("prongsai-serve-live");
        live.try_lock().unwrap();
        drop(make("prongsai-serve-just-made").set_modified(std::time::SystemTime::now()));
        fs::create_dir(tmp.path().join("other")).unwrap();
        clear_stale(tmp.path());
        let mut left: Vec<String> = fs::read_dir(tmp.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        left.sort();
        assert_eq!(left, ["other", "prongsai-serve-just-made", "prongsai-serve-live"]);
    }

    #[test]
    fn patiently_retries_only_what_it_is_told_then_gives_up() {
        let busy = || io::Error::from_raw_os_error(32);
        let mut tries = 0;
        let r = patiently(
            || {
                tries += 1;
                if tries < 3 { Err(busy()) } else { Ok(()) }
            },
            |_| true,
            &[0, 0, 0],
        );
        assert!(r.is_ok());
        assert_eq!(tries, 3);
        tries = 0;
        let r = patiently(
            || {
                tries += 1;
                Err(busy())
            },
            |_| true,
            &[0, 0],
        );
        assert_eq!(r.unwrap_err().raw_os_error(), Some(32));
        assert_eq!(tries, 3, "once, then once after each wait");
        tries = 0;
        let r = patiently(
            || {
                tries += 1;
                Err(busy())
            },
            |_| false,
            &[0, 0],
        );
        assert!(r.is_err());
        assert_eq!(tries, 1);
        // Linux renames are never retried: their failures do not pass.
        assert!(!in_use(&busy()) || cfg!(windows));
    }

    #[test]
    fn leftovers_get_fresh_names_and_are_cleared() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("public");
        // what a build that could not remove the old site (held open) leaves
        let pid = std::process::id();
        for kind in ["new", "old", "trash"] {
            fs::create_dir_all(tmp.path().join(format!(".public.prongsai-{kind}-{pid}"))).unwrap();
        }
        assert_eq!(
            fresh(tmp.path(), ".public.prongsai-", "new"),
            tmp.path().join(format!(".public.prongsai-new-{pid}-1"))
        );
        fs::create_dir_all(&out).unwrap();
        let s = Staging::begin(&out).unwrap();
        s.sink().put("index.html", Arc::new(b"new".to_vec())).unwrap();
        s.commit().unwrap();
        assert_eq!(fs::read(out.join("index.html")).unwrap(), b"new");
        assert_eq!(fs::read_dir(tmp.path()).unwrap().count(), 1);
    }

    #[test]
    fn held_says_what_and_what_to_do() {
        let e = Held {
            output: PathBuf::from("public"),
            held: vec![PathBuf::from("public/index.html")],
            source: io::Error::from_raw_os_error(32),
        };
        let e = io::Error::other(e);
        let text = e.to_string();
        assert!(text.contains("public/index.html"), "{text}");
        assert!(text.contains("เว็บไซต์เดิมยังอยู่ครบทุกไฟล์"), "{text}");
        assert!(e.get_ref().unwrap().is::<Held>());
    }

    #[test]
    fn crash_between_renames_is_recovered() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("public");
        let old = tmp.path().join(".public.prongsai-old-1");
        fs::create_dir_all(&old).unwrap();
        fs::write(old.join("index.html"), "good").unwrap();
        fs::create_dir_all(tmp.path().join(".public.prongsai-new-1")).unwrap();
        let s = Staging::begin(&out).unwrap();
        drop(s);
        assert_eq!(fs::read_to_string(out.join("index.html")).unwrap(), "good");
        assert_eq!(fs::read_dir(tmp.path()).unwrap().count(), 1);
    }
}
