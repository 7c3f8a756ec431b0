//! Render: the site model through the theme's minijinja templates into files, handed to
//! a [`Sink`] (a folder on disk for `build`, memory for `serve`). It reads no file but a
//! meeting's body left in its file (checked against the stamp taken at load): all else a
//! page shows, attachments' sizes and CSV rows too, is in the model.
//!
//! | output | template or source |
//! |---|---|
//! | `index.html` | `index.html` |
//! | `<fy>/index.html` | `year.html` |
//! | `<fy>/<slug>/index.html` | `meeting.html` |
//! | `ita/index.html` | `ita.html` |
//! | `ita/<fy>/index.html` (each assessment year's OIT dashboard) | `ita-year.html` |
//! | `ita/<fy>/<code>/index.html` (a disclosure page) | `disclosure.html` |
//! | `ita/<fy>/urls.csv` | [`data`] |
//! | `404.html` | `404.html` |
//! | `search/index.html` | `search.html` (results made in the browser by `js/search.js`) |
//! | `search/index.json` | [`search`] |
//! | `<fy>/attendees.csv`, `data/meetings.json`, `feed.xml`, `sitemap.xml` | [`data`] |
//!
//! Each output is declared once, in [`outputs`]: its path, what it reads, how it is made
//! and its cache key. This module makes them all ([`render_site`]); [`cache`] keeps them
//! between builds ([`PageCache`]).

mod cache;
pub mod chart;
pub mod data;
pub mod filters;
pub mod markdown;
mod outputs;
pub mod search;
pub mod theme;
pub mod views;

pub use cache::PageCache;
pub use theme::Theme;

use crate::diagnostics::{Code, Diagnostics, Pos};
use crate::load::BodyError;
use crate::load::Config;
use crate::model::{Entry, SiteModel};
use crate::write::{Content, Sink};
use minijinja::{Value, context};
use outputs::{Made, MeetingPage, Output};
use rayon::prelude::*;
use serde::Serialize;
use std::path::Path;
use std::sync::Arc;

#[derive(Serialize)]
struct PageInfo<'a> {
    kind: &'static str,
    title: String,
    /// Path under the base, e.g. `2567/` (empty for the home page).
    path: &'a str,
    url: String,
}

/// What a render produced.
pub struct Rendered {
    pub pages: usize,
}

/// Renders every page of `site` into `sink`, each written as soon as it is rendered, all in
/// parallel. `generation` changes whenever the theme or site settings were reloaded, so
/// cached pages from before are dropped.
pub fn render_site(
    root: &Path,
    site: &SiteModel,
    theme: &Theme,
    generation: u64,
    cache: &mut PageCache,
    sink: &dyn Sink,
    diags: &mut Diagnostics,
) -> Rendered {
    let sv = views::site_view(site);
    cache.start(generation, &sv.years);
    let site_value = ser(&sv);
    let r = Renderer { theme, site_value: &site_value, base_url: &site.config.base_url };
    // `PRONGSAI_BENCH_NO_SEARCH`: the build without its search index, which
    // `scripts/bench.sh` measures the index against; not for sites.
    let search = theme.env.get_template("search.html").is_ok()
        && std::env::var_os("PRONGSAI_BENCH_NO_SEARCH").is_none();
    let table = outputs::outputs(site, search, outputs::Limits::of_build());
    let index = search.then(|| outputs::SearchIndex {
        root,
        numerals: site.config.numerals,
        entries: &site.entries,
        pages: &site.ita.pages,
        memo: cache.keep.then_some(&cache.search_words),
    });

    let kept: &PageCache = cache;
    let ((meetings, listed), searched) = rayon::join(
        || {
            rayon::join(
                || render_meeting_pages(&r, root, site, kept, sink),
                || render_listed(&r, &table, kept, sink),
            )
        },
        || index.as_ref().map(|i| render_search(i, kept, sink)),
    );
    drop(table);

    cache.renders += 1;
    let mut pages = cache::keep_meeting_pages(cache, site, meetings, diags);
    pages += cache::keep_listed(cache, site, listed, diags);
    cache::keep_search(cache, searched, diags);
    copy_theme_assets(theme, sink, diags);
    Rendered { pages }
}

/// The page of `entry` as the site shows it, with `site` (a model holding it) for the
/// navigation: the editor's preview of a form, through the site's own theme.
pub fn meeting_preview(
    root: &Path,
    site: &SiteModel,
    theme: &Theme,
    entry: &Entry,
) -> Result<Vec<u8>, RenderError> {
    let sv = views::site_view(site);
    let site_value = ser(&sv);
    let r = Renderer { theme, site_value: &site_value, base_url: &site.config.base_url };
    MeetingPage { root, entry, numerals: site.config.numerals }.make(&r)
}

/// What came of one meeting page.
struct MeetingDone {
    /// What is kept of it for the next build, if anything.
    res: Result<Option<Content>, RenderError>,
    written: std::io::Result<()>,
    /// Rendered, not reused.
    rendered: bool,
}

/// Each meeting's page, rendered or reused, and written.
fn render_meeting_pages(
    r: &Renderer,
    root: &Path,
    site: &SiteModel,
    cache: &PageCache,
    sink: &dyn Sink,
) -> Vec<MeetingDone> {
    let numerals = site.config.numerals;
    site.entries
        .par_iter()
        .map(|e| {
            let page = MeetingPage { root, entry: e, numerals };
            let kept = cache.pages.get(&e.path).filter(|k| Arc::ptr_eq(&k.meeting, &e.meeting));
            let (res, rendered) = match kept {
                Some(kept) => (Ok(kept.bytes.clone()), false),
                None => (page.make(r).map(|b| Content::Bytes(Arc::new(b))), true),
            };
            let (res, written) = match res {
                Ok(c) => {
                    let (kept, written) = write_out(sink, &page.path(), c, cache.keep, true);
                    (Ok(kept), written)
                }
                Err(e) => (Err(e), Ok(())),
            };
            MeetingDone { res, written, rendered }
        })
        .collect()
}

/// The files of the search index, made (or kept from the last build) and written; with
/// what came of each write.
pub(crate) struct Searched {
    files: Vec<(String, Arc<Vec<u8>>, std::io::Result<()>)>,
}

fn render_search(index: &outputs::SearchIndex, cache: &PageCache, sink: &dyn Sink) -> Searched {
    let mut files = Vec::new();
    // Written as made: a one-shot build never holds the whole index. `serve` is given the
    // same bytes for a file an edit did not change, held once.
    index.make(&mut |path, bytes| {
        let written = sink.put(&path, bytes.clone());
        files.push((path, if cache.keep { bytes } else { Arc::default() }, written));
    });
    Searched { files }
}

/// Writes a file, made now (bytes) or kept from the last build, and returns what to keep
/// of it for the next build (nothing without `keep`). `spool`: a file made now may be kept
/// on disk ([`Sink::put_kept`]); data files, made again at each edit, stay in memory.
fn write_out(
    sink: &dyn Sink,
    path: &str,
    c: Content,
    keep: bool,
    spool: bool,
) -> (Option<Content>, std::io::Result<()>) {
    match c {
        Content::Bytes(b) if keep && spool => match sink.put_kept(path, b) {
            Ok(kept) => (Some(kept), Ok(())),
            Err(e) => (None, Err(e)),
        },
        Content::Bytes(b) => {
            let written = sink.put(path, b.clone());
            (keep.then_some(Content::Bytes(b)), written)
        }
        kept => {
            let written = sink.put_again(path, &kept);
            (keep.then_some(kept), written)
        }
    }
}

/// An output of the table, made (or reused) and written.
struct Produced {
    path: String,
    /// Made (or reused); once written, what is kept of it for the next build.
    bytes: Result<Option<Content>, RenderError>,
    /// Made as a page, whose bytes may be kept on disk (see [`write_out`]).
    page: bool,
    /// Its key, if it is worth keeping for the next build.
    key: Option<u64>,
    /// Already written (streamed to the sink), with what came of it.
    written: Option<std::io::Result<()>>,
    /// For `meetings.json`: its items, to keep for the next build.
    json_items: Option<Vec<(usize, Arc<Vec<u8>>)>>,
}

impl Produced {
    fn made(path: String, bytes: Result<Arc<Vec<u8>>, RenderError>, key: Option<u64>) -> Produced {
        let bytes = bytes.map(|b| Some(Content::Bytes(b)));
        Produced { path, bytes, page: false, key, written: None, json_items: None }
    }

    fn page(self) -> Produced {
        Produced { page: true, ..self }
    }
}

/// Every output of the table, largest first, in parallel; returned in the table's order.
fn render_listed(
    r: &Renderer,
    table: &[Box<dyn Output + '_>],
    cache: &PageCache,
    sink: &dyn Sink,
) -> Vec<Produced> {
    let mut order: Vec<usize> = (0..table.len()).collect();
    order.sort_by_key(|&i| table[i].weight());
    let mut done: Vec<(usize, Produced)> =
        order.par_iter().with_max_len(1).map(|&i| (i, produce(r, &*table[i], cache, sink))).collect();
    done.sort_by_key(|p| p.0);
    done.into_iter().map(|p| p.1).collect()
}

/// One output made (or reused), then written unless it was streamed.
fn produce(r: &Renderer, o: &dyn Output, cache: &PageCache, sink: &dyn Sink) -> Produced {
    let mut made = make_output(r, o, cache, sink);
    if made.written.is_some() {
        // Streamed: nothing to keep.
        made.bytes = made.bytes.map(|_| None);
        return made;
    }
    match std::mem::replace(&mut made.bytes, Ok(None)) {
        Ok(Some(c)) => {
            let (kept, written) = write_out(sink, &made.path, c, cache.keep, made.page);
            Produced { bytes: Ok(kept), written: Some(written), ..made }
        }
        other => Produced { bytes: other, ..made },
    }
}

/// One output: the one kept if its key is the same, else made again.
fn make_output(r: &Renderer, o: &dyn Output, cache: &PageCache, sink: &dyn Sink) -> Produced {
    let path = o.path();
    if !cache.keep {
        return make_one_shot(r, path, o.make(r), sink);
    }
    let key = o.key();
    if let Some(key) = key
        && let Some(kept) = cache.lists.get(&path)
        && kept.key == key
    {
        // The items of `meetings.json` stay kept as they are.
        return Produced {
            bytes: Ok(Some(kept.bytes.clone())),
            ..Produced::made(path, Ok(Arc::default()), Some(key))
        };
    }
    match o.make(r) {
        Made::Page(page) | Made::LargePage(page) => {
            Produced::made(path, r.bytes(page).map(Arc::new), key).page()
        }
        Made::Data(bytes) => Produced::made(path, Ok(Arc::new(bytes)), key),
        Made::MeetingItems { config, entries, whole } => {
            meetings_json_kept(config, entries, whole, cache, path, key)
        }
    }
}

/// An output in a one-shot build, where nothing is kept: a large one goes straight to its
/// file.
fn make_one_shot(r: &Renderer, path: String, made: Made, sink: &dyn Sink) -> Produced {
    match made {
        Made::Page(page) => Produced::made(path, r.bytes(page).map(Arc::new), None),
        Made::Data(bytes) => Produced::made(path, Ok(Arc::new(bytes)), None),
        Made::LargePage(page) => stream(sink, path, &mut |w| r.write(&page, w)),
        // In slices, each serialised in parallel, written in order.
        Made::MeetingItems { config, entries, whole: _ } => stream(sink, path, &mut |w| {
            let items = entries
                .chunks(256)
                .map(|slice| slice.par_iter().map(|e| data::meeting_json(config, e)).collect::<Vec<_>>());
            data::write_meetings_json(config, entries.len(), items, w).map_err(Failure::Io)
        }),
    }
}

/// An output written to its file as it is made, never held whole in memory.
fn stream(
    sink: &dyn Sink,
    path: String,
    write: &mut dyn FnMut(&mut dyn std::io::Write) -> Result<(), Failure>,
) -> Produced {
    let mut failed = None;
    let written = sink.put_with(&path, &mut |w| match write(w) {
        Ok(()) => Ok(()),
        Err(Failure::Io(e)) => Err(e),
        Err(Failure::Template(msg)) => {
            failed = Some(msg);
            Err(std::io::Error::other("template"))
        }
    });
    match failed {
        Some(msg) => Produced::made(path, Err(msg), None),
        None => Produced { written: Some(written), ..Produced::made(path, Ok(Arc::default()), None) },
    }
}

/// `meetings.json` put together from its items, each serialised on its own (in parallel,
/// and reused from the last build where its meeting is the same).
fn meetings_json_kept(
    config: &Config,
    entries: &[&Arc<Entry>],
    whole: bool,
    cache: &PageCache,
    path: String,
    key: Option<u64>,
) -> Produced {
    let items: Vec<(Arc<Vec<u8>>, bool)> = entries
        .par_iter()
        .map(|e| match cache.json.get(&e.path) {
            Some(kept) if Arc::ptr_eq(&kept.meeting, &e.meeting) => (kept.bytes.clone(), false),
            _ => (Arc::new(data::meeting_json(config, e)), true),
        })
        .collect();
    // Not put together: the file is its items, held once, joined when it is read.
    let doc = data::meetings_json_joined(config, items.iter().map(|i| i.0.clone()).collect());
    // The site's file keeps its new items for the next build; a year's file reads them.
    let fresh = whole.then(|| {
        items.into_iter().enumerate().filter(|(_, (_, new))| *new).map(|(i, (item, _))| (i, item)).collect()
    });
    let made = Produced::made(path, Ok(Arc::default()), key);
    Produced { json_items: fresh, bytes: Ok(Some(Content::Joined(Arc::new(doc)))), ..made }
}

/// The theme's and the site's static files, copied as they are.
fn copy_theme_assets(theme: &Theme, sink: &dyn Sink, diags: &mut Diagnostics) {
    for (path, asset) in &theme.assets {
        let res = match asset {
            theme::Asset::Embedded(bytes) => sink.put_static(path, bytes),
            theme::Asset::File(from) => sink.copy(path, from),
        };
        if let Err(e) = res {
            diags.error(Code::WriteFailed, path, Pos::default(), format!("เขียนไฟล์ไม่ได้: {e}"));
        }
    }
}

fn ser<T: Serialize>(v: T) -> Value {
    Value::from(minijinja::value::Serde(v))
}

/// What every template page is rendered with: the theme and the site's view.
struct Renderer<'a> {
    theme: &'a Theme,
    site_value: &'a Value,
    base_url: &'a str,
}

/// A page ready to render: its template and everything it is given.
struct Page {
    template: &'static str,
    ctx: Value,
}

/// Why a page could not be made.
#[derive(Debug)]
pub enum RenderError {
    /// A template failed: the file it came from, the line, and what went wrong (in Thai
    /// where it is known).
    Template { origin: String, line: Option<usize>, detail: String },
    /// A meeting's body, left in its file, could not be read again.
    Body(BodyError),
}

impl RenderError {
    pub fn code(&self) -> Code {
        match self {
            RenderError::Template { .. } => Code::Template,
            RenderError::Body(e) => e.code(),
        }
    }
}

impl std::fmt::Display for RenderError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            RenderError::Template { origin, line: Some(l), detail } => {
                write!(f, "แม่แบบ {origin} บรรทัด {l}: {detail}")
            }
            RenderError::Template { origin, line: None, detail } => write!(f, "แม่แบบ {origin}: {detail}"),
            RenderError::Body(e) => e.fmt(f),
        }
    }
}

impl std::error::Error for RenderError {}

/// Why a page streamed to a file was not written.
enum Failure {
    Template(RenderError),
    Io(std::io::Error),
}

impl Renderer<'_> {
    fn page(&self, template: &'static str, page: PageInfo, extra: Value) -> Page {
        Page { template, ctx: context! { site => self.site_value, page => ser(&page), ..extra } }
    }

    fn bytes(&self, p: Page) -> Result<Vec<u8>, RenderError> {
        let t = self.theme.env.get_template(p.template).map_err(|e| self.error(p.template, &e))?;
        t.render(p.ctx).map(String::into_bytes).map_err(|e| self.error(p.template, &e))
    }

    /// The page written to `w` as it is rendered, never held whole in memory.
    fn write(&self, p: &Page, w: &mut dyn std::io::Write) -> Result<(), Failure> {
        let t = self
            .theme
            .env
            .get_template(p.template)
            .map_err(|e| Failure::Template(self.error(p.template, &e)))?;
        match t.render_captured_to(&p.ctx, &mut *w) {
            Ok(_) => Ok(()),
            Err(e) if e.kind() == minijinja::ErrorKind::WriteFailure => {
                let io = std::error::Error::source(&e).and_then(|s| s.downcast_ref::<std::io::Error>());
                Err(Failure::Io(
                    io.map(|io| std::io::Error::new(io.kind(), io.to_string()))
                        .unwrap_or_else(|| std::io::Error::other(e.to_string())),
                ))
            }
            Err(e) => Err(Failure::Template(self.error(p.template, &e))),
        }
    }

    fn error(&self, template: &str, e: &minijinja::Error) -> RenderError {
        let name = e.name().unwrap_or(template);
        let origin = self.theme.sources.get(name).map(String::as_str).unwrap_or(name).to_string();
        RenderError::Template { origin, line: e.line(), detail: theme::template_error(e) }
    }

    fn info<'p>(&self, kind: &'static str, title: String, path: &'p str) -> PageInfo<'p> {
        PageInfo { kind, title, url: format!("{}{}", self.base_url, path), path }
    }
}

/// An attachment as its page lists it, its size as load found it.
fn attachment_view(a: &crate::load::Attachment) -> views::AttachmentView {
    let path = a.path.as_str();
    let size = a.file.as_ref().map_or(0, |f| f.stamp.len);
    let name = path.rsplit('/').next().unwrap_or(path).to_string();
    let ext = name.rsplit_once('.').map(|(_, x)| x.to_ascii_uppercase()).unwrap_or_default();
    let is_image = matches!(ext.as_str(), "JPG" | "JPEG" | "PNG" | "GIF" | "WEBP");
    let href = filters::encode_path(path);
    views::AttachmentView { path: path.to_string(), href, name, kind: ext, size: human_size(size), is_image }
}

/// `1.2 MB`, `350 KB`: decimal units, as file managers on Windows and phones show.
pub fn human_size(bytes: u64) -> String {
    const KB: f64 = 1000.0;
    let b = bytes as f64;
    if b < KB {
        format!("{bytes} B")
    } else if b < KB * KB {
        format!("{:.0} KB", b / KB)
    } else if b < KB * KB * KB {
        format!("{:.1} MB", b / KB / KB)
    } else {
        format!("{:.1} GB", b / KB / KB / KB)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    /// Renders the site at `root` as `serve` does, reusing `load`, `model` and `cache`; the
    /// kept outputs by path.
    fn render_kept(
        root: &Path,
        load: &mut crate::load::LoadCache,
        model: &mut crate::model::Cache,
        cache: &mut PageCache,
    ) -> HashMap<String, Content> {
        let mut diags = Diagnostics::new();
        let loaded = crate::load::load_site(root, None, load, &mut diags);
        let opts = crate::model::ModelOptions { drafts: false, today: None };
        let site = crate::model::build_cached(&loaded, &opts, &mut diags, model);
        let theme = theme::load(root, &site.config, &mut diags).unwrap();
        let sink = crate::write::MemorySink::default();
        render_site(root, &site, &theme, 1, cache, &sink, &mut diags);
        assert!(!diags.has_errors(), "{:?}", diags.sorted());
        let mut kept: HashMap<String, Content> =
            cache.lists.iter().map(|(path, kept)| (path.clone(), kept.bytes.clone())).collect();
        // The search index's entry stands for its files.
        let search = cache.search.as_ref().expect("the search index is kept");
        let (path, bytes) = search.iter().find(|f| f.0 == search::ENTRY).expect("an entry");
        kept.insert(path.clone(), Content::Bytes(bytes.clone()));
        kept
    }

    /// The very same bytes kept (a sink with no spool keeps them in memory).
    fn same_kept(a: &Content, b: &Content) -> bool {
        match (a, b) {
            (Content::Bytes(a), Content::Bytes(b)) => Arc::ptr_eq(a, b),
            (Content::Joined(a), Content::Joined(b)) => Arc::ptr_eq(a, b),
            other => panic!("kept in memory: {other:?}"),
        }
    }

    /// An output is made again when what it reads changed, and only then.
    #[test]
    fn kept_outputs_are_made_again_when_what_they_read_changed() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        let meeting = |count: u32| {
            format!(
                "---\ntitle: a\ndate: 2566-10-20\nvenue: v\ntopics: [x]\nattendees:\n  - role: นายก\n    count: {count}\n---\n"
            )
        };
        std::fs::write(root.join("site.yaml"), "title: t\norganization: o\nbase_url: https://x.go.th/\n")
            .unwrap();
        std::fs::create_dir_all(root.join("content/2567")).unwrap();
        std::fs::write(root.join("content/2567/a.md"), meeting(1)).unwrap();
        std::fs::write(root.join("content/2567/b.md"), meeting(2).replace("title: a", "title: b")).unwrap();
        let (mut load, mut model, mut cache) = Default::default();
        let first = render_kept(root, &mut load, &mut model, &mut cache);
        let kept = [
            "2567/index.html",
            "ita/index.html",
            "data/meetings.json",
            "data/meetings-2567.json",
            "search/index.json",
            "sitemap.xml",
        ];
        assert_eq!(first.len(), kept.len(), "{:?}", first.keys());

        let same = render_kept(root, &mut load, &mut model, &mut cache);
        for path in kept {
            assert!(same_kept(&first[path], &same[path]), "{path} made again though nothing changed");
        }

        // Who took part shows on the year page and in meetings.json, not on the ITA page,
        // in the sitemap or in the search index (which has the roles, not how many came).
        std::thread::sleep(std::time::Duration::from_millis(20));
        std::fs::write(root.join("content/2567/a.md"), meeting(15)).unwrap();
        let edited = render_kept(root, &mut load, &mut model, &mut cache);
        for (path, made_again) in [
            ("2567/index.html", true),
            ("data/meetings.json", true),
            ("data/meetings-2567.json", true),
            ("ita/index.html", false),
            ("search/index.json", false),
            ("sitemap.xml", false),
        ] {
            assert_eq!(!same_kept(&same[path], &edited[path]), made_again, "{path}");
        }
    }

    /// After an edit of one meeting, `serve` keeps the index's files that did not change
    /// (the same bytes, held once) and makes the others.
    #[test]
    fn serve_rewrites_only_the_index_files_that_changed() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        let meeting = |n: usize, body: &str| {
            format!("---\ntitle: ประชุม {n}\ndate: 2566-10-{:02}\nvenue: v\n---\n\n{body}\n", n + 1)
        };
        std::fs::write(root.join("site.yaml"), "title: t\norganization: o\nbase_url: https://x.go.th/\n")
            .unwrap();
        std::fs::create_dir_all(root.join("content/2567")).unwrap();
        for n in 0..9 {
            std::fs::write(root.join(format!("content/2567/m{n}.md")), meeting(n, "ถนน")).unwrap();
        }
        let (mut load, mut model, mut cache) = Default::default();
        render_kept(root, &mut load, &mut model, &mut cache);
        let files = |cache: &PageCache| -> HashMap<String, Arc<Vec<u8>>> {
            cache.search.as_ref().unwrap().iter().cloned().collect()
        };
        let before = files(&cache);
        std::thread::sleep(std::time::Duration::from_millis(20));
        std::fs::write(root.join("content/2567/m8.md"), meeting(8, "ถนนและมะพร้าว")).unwrap();
        render_kept(root, &mut load, &mut model, &mut cache);
        let after = files(&cache);
        let kept = after.iter().filter(|(p, b)| before.get(*p).is_some_and(|o| Arc::ptr_eq(o, b))).count();
        let chunks = after.keys().filter(|p| p.starts_with("search/c/")).count();
        assert_eq!(chunks, 3, "{:?}", after.keys());
        // The first two chunks are the same files; the third, the parts and the entry are new.
        assert_eq!(kept, 2, "{:?}", after.keys());
        assert_ne!(before[search::ENTRY], after[search::ENTRY]);
    }

    #[test]
    fn human_sizes() {
        assert_eq!(super::human_size(870), "870 B");
        assert_eq!(super::human_size(350_400), "350 KB");
        assert_eq!(super::human_size(1_234_567), "1.2 MB");
    }

    /// Render reads no file but bodies (through `load::read_body`): what a page shows is in
    /// the model, so a kept page's key covers it. Only `theme.rs`, which reads the theme,
    /// and the writing of outputs (the sink's) touch the disk.
    #[test]
    fn render_reads_no_file_outside_the_theme() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/render");
        let mut names: Vec<_> =
            std::fs::read_dir(&dir).unwrap().filter_map(|e| e.ok()).map(|e| e.path()).collect();
        names.sort();
        assert!(names.len() > 5, "{names:?}");
        for path in names.iter().filter(|p| p.file_name().is_some_and(|n| n != "theme.rs")) {
            let text = std::fs::read_to_string(path).unwrap();
            let code = text.split("#[cfg(test)]").next().unwrap_or("");
            for reads in ["std::fs", "crate::fs::read", "File::open", "metadata("] {
                assert!(
                    !code.contains(reads),
                    "{} uses {reads}: put what it reads in the model",
                    path.display()
                );
            }
        }
    }
}
