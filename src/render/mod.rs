//! Render: the site model through the theme's minijinja templates into files, handed to
//! a [`Sink`] (a folder on disk for `build`, memory for `serve`).
//!
//! | output | template or source |
//! |---|---|
//! | `index.html` | `index.html` |
//! | `<fy>/index.html` | `year.html` |
//! | `<fy>/<slug>/index.html` | `meeting.html` |
//! | `ita/index.html` | `ita.html` |
//! | `404.html` | `404.html` |
//! | `<fy>/attendees.csv`, `data/meetings.json`, `feed.xml`, `sitemap.xml` | [`data`] |

pub mod chart;
pub mod data;
pub mod filters;
pub mod markdown;
pub mod theme;
pub mod views;

pub use theme::Theme;

use crate::diagnostics::{Diagnostics, Pos};
use crate::layout;
use crate::load::Meeting;
use crate::model::{Entry, SiteModel};
use crate::write::Sink;
use minijinja::{Value, context};
use rayon::prelude::*;
use serde::Serialize;
use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::path::Path;
use std::sync::Arc;

/// Pages kept between builds, for `serve` and `build --watch`. A meeting page is reused
/// while its meeting is the very same parsed value; a page that lists meetings (a year,
/// the ITA page, the sitemap, `meetings.json`) while what it shows of them is the same
/// ([`crate::model::Entry::fingerprint`]). All of it is dropped when the theme, the
/// settings or the list of years change, which every page shows.
pub struct PageCache {
    key: u64,
    /// Meeting pages by path.
    pages: HashMap<String, KeptPage>,
    renders: u64,
    /// Items of `meetings.json` ([`data::meeting_json`]), like the meeting pages.
    json: HashMap<String, KeptPage>,
    /// Output path → (hash of what the page shows, its bytes).
    lists: HashMap<String, (u64, Arc<Vec<u8>>)>,
    /// Keep pages for the next build. A one-shot build turns this off: each page is
    /// written and forgotten, and memory stays flat however large the site.
    pub keep: bool,
    /// Meeting pages rendered (not reused) by the last render.
    pub last_rendered: usize,
}

/// What was rendered of one meeting, kept while the very same parsed meeting comes back.
struct KeptPage {
    meeting: Arc<Meeting>,
    bytes: Arc<Vec<u8>>,
    /// The number of the last render that had it.
    render: u64,
}

impl Default for PageCache {
    fn default() -> Self {
        PageCache {
            key: 0,
            pages: HashMap::new(),
            renders: 0,
            json: HashMap::new(),
            lists: HashMap::new(),
            keep: true,
            last_rendered: 0,
        }
    }
}

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

/// The pages other than meeting pages, in the order their problems are reported.
#[derive(Clone, Copy)]
enum List {
    Home,
    Year(usize),
    Csv(usize),
    Ita,
    NotFound,
    Json,
    Feed,
    Sitemap,
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
    let key = {
        let mut h = std::collections::hash_map::DefaultHasher::new();
        generation.hash(&mut h);
        sv.years.hash(&mut h);
        h.finish()
    };
    if cache.key != key || !cache.keep {
        cache.pages.clear();
        cache.json.clear();
        cache.lists.clear();
        cache.key = key;
    }
    let site_value = ser(&sv);
    let n = site.config.numerals;
    let r = Renderer { theme, site_value: &site_value, base_url: &site.config.base_url };

    let mut lists = vec![List::Home];
    for i in 0..site.years.len() {
        lists.extend([List::Year(i), List::Csv(i)]);
    }
    lists.extend([List::Ita, List::NotFound, List::Json, List::Feed, List::Sitemap]);
    // The largest list pages first, so that the threads finish together.
    let mut order: Vec<usize> = (0..lists.len()).collect();
    order.sort_by_key(|&i| match lists[i] {
        List::Json => 0,
        List::Ita => 1,
        List::Year(_) => 2,
        List::Sitemap => 3,
        _ => 4,
    });

    let keep = cache.keep;
    let cache_ro: &PageCache = cache;
    let (meetings, listed) = rayon::join(
        || {
            site.entries
                .par_iter()
                .map(|e| {
                    let kept = cache_ro.pages.get(&e.path).filter(|k| Arc::ptr_eq(&k.meeting, &e.meeting));
                    let (res, rendered) = match kept {
                        Some(kept) => (Ok(kept.bytes.clone()), false),
                        None => (r.meeting(root, e, n).map(Arc::new), true),
                    };
                    let written = match &res {
                        Ok(bytes) => sink.put(&format!("{}index.html", e.path), bytes.clone()),
                        Err(_) => Ok(()),
                    };
                    // Written: held on to only if kept for the next build.
                    let res = res.map(|bytes| keep.then_some(bytes));
                    (res, written, rendered)
                })
                .collect::<Vec<_>>()
        },
        || {
            let mut done: Vec<(usize, ListPage)> = order
                .par_iter()
                .with_max_len(1)
                .map(|&i| {
                    let page = list_page(&r, site, lists[i], cache_ro, sink);
                    let written = match (&page.written, &page.bytes) {
                        (Some(_), _) | (_, Err(_)) => None,
                        (None, Ok(bytes)) => Some(sink.put(&page.path, bytes.clone())),
                    };
                    let bytes = page.bytes.map(|b| if keep { b } else { Arc::default() });
                    (i, ListPage { written: written.or(page.written), bytes, ..page })
                })
                .collect();
            done.sort_by_key(|p| p.0);
            done.into_iter().map(|p| p.1).collect::<Vec<_>>()
        },
    );

    let mut pages = 0;
    cache.last_rendered = 0;
    cache.renders += 1;
    let this = cache.renders;
    let mut failed = false;
    for (e, (res, written, rendered)) in site.entries.iter().zip(meetings) {
        match res {
            Ok(bytes) => {
                cache.last_rendered += rendered as usize;
                if let Err(err) = written {
                    diags.error(
                        &format!("{}index.html", e.path),
                        Pos::default(),
                        format!("เขียนไฟล์ไม่ได้: {err}"),
                    );
                }
                match (bytes, rendered) {
                    (Some(bytes), true) => {
                        cache.pages.insert(
                            e.path.clone(),
                            KeptPage { meeting: e.meeting.clone(), bytes, render: this },
                        );
                    }
                    (Some(_), false) => {
                        if let Some(kept) = cache.pages.get_mut(&e.path) {
                            kept.render = this;
                        }
                    }
                    (None, _) => {}
                }
                pages += 1;
            }
            Err(msg) => {
                failed = true;
                diags.error(&e.meeting.source, Pos::default(), msg);
            }
        }
    }
    // Pages of meetings gone are dropped (all of them kept when a page failed, as before).
    if !failed {
        cache.pages.retain(|_, kept| kept.render == this);
    }
    let mut lists_kept = HashMap::new();
    for page in listed {
        match page.bytes {
            Ok(bytes) => {
                if let Some(Err(err)) = page.written {
                    diags.error(&page.path, Pos::default(), format!("เขียนไฟล์ไม่ได้: {err}"));
                }
                if let (true, Some(k)) = (cache.keep, page.key) {
                    lists_kept.insert(page.path, (k, bytes));
                }
                pages += 1;
            }
            Err(msg) => diags.error("", Pos::default(), msg),
        }
        if cache.keep
            && let Some(fresh) = page.json_items
        {
            // The file was put together again: keep its new items, drop those gone.
            for (i, item) in fresh {
                let e = &site.entries[i];
                cache.json.insert(
                    e.path.clone(),
                    KeptPage { meeting: e.meeting.clone(), bytes: item, render: this },
                );
            }
            for e in &site.entries {
                if let Some(kept) = cache.json.get_mut(&e.path) {
                    kept.render = this;
                }
            }
            cache.json.retain(|_, kept| kept.render == this);
        }
    }
    cache.lists = lists_kept;

    for (path, asset) in &theme.assets {
        let res = match asset {
            theme::Asset::Embedded(bytes) => sink.put_static(path, bytes),
            theme::Asset::File(from) => sink.copy(path, from),
        };
        if let Err(e) = res {
            diags.error(path, Pos::default(), format!("เขียนไฟล์ไม่ได้: {e}"));
        }
    }
    Rendered { pages }
}

/// A rendered (or reused) page that lists meetings.
struct ListPage {
    path: String,
    bytes: Result<Arc<Vec<u8>>, String>,
    /// What the page shows, hashed, if the page is worth keeping for the next build.
    key: Option<u64>,
    /// Already written (streamed to the sink), with what came of it.
    written: Option<std::io::Result<()>>,
    /// For `meetings.json`: its items, to keep for the next build.
    json_items: Option<Vec<(usize, Arc<Vec<u8>>)>>,
}

fn list_page(r: &Renderer, site: &SiteModel, list: List, cache: &PageCache, sink: &dyn Sink) -> ListPage {
    let fingerprints = |entries: &mut dyn Iterator<Item = &Arc<Entry>>| {
        let mut h = std::collections::hash_map::DefaultHasher::new();
        for e in entries {
            e.fingerprint.hash(&mut h);
        }
        h.finish()
    };
    let page = |path: String, bytes: Result<Vec<u8>, String>, key: Option<u64>| ListPage {
        path,
        bytes: bytes.map(Arc::new),
        key,
        written: None,
        json_items: None,
    };
    // Without a cache (a one-shot build) a large page goes straight to its file.
    let stream = |path: String, write: &mut dyn FnMut(&mut dyn std::io::Write) -> Result<(), Failure>| {
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
            Some(msg) => ListPage { path, bytes: Err(msg), key: None, written: None, json_items: None },
            None => ListPage {
                path,
                bytes: Ok(Arc::default()),
                key: None,
                written: Some(written),
                json_items: None,
            },
        }
    };
    // A page whose key matches the one kept is not rendered again.
    let keyed = |path: String, key: u64, prepare: &dyn Fn() -> Page| {
        if !cache.keep {
            return stream(path, &mut |w| r.write(prepare(), w));
        }
        match cache.lists.get(&path) {
            Some((k, bytes)) if *k == key => {
                ListPage { bytes: Ok(bytes.clone()), ..page(path, Ok(vec![]), Some(key)) }
            }
            _ => page(path, r.bytes(prepare()), Some(key)),
        }
    };
    match list {
        List::Home => page("index.html".into(), r.home(site), None),
        List::Year(i) => {
            let y = &site.years[i];
            let key = fingerprints(&mut y.entries.iter().map(|&i| &site.entries[i]));
            keyed(format!("{}/index.html", y.fy), key, &|| r.year(site, y))
        }
        List::Csv(i) => {
            page(format!("{}/attendees.csv", site.years[i].fy), Ok(data::attendees_csv(&site.years[i])), None)
        }
        List::Ita => {
            // What the ITA page shows of each meeting: an edit of anything else (who took
            // part, the topics, the body but not its sections) leaves it as it is.
            let mut h = std::collections::hash_map::DefaultHasher::new();
            for e in &site.entries {
                let rd = e.readiness;
                (&e.meeting.title, e.meeting.date, &e.path, rd.topics, rd.attendees, rd.results, rd.usage)
                    .hash(&mut h);
            }
            for y in &site.years {
                (y.fy, y.complete, y.entries.len()).hash(&mut h);
            }
            keyed("ita/index.html".into(), h.finish(), &|| r.ita(site))
        }
        List::NotFound => page("404.html".into(), r.not_found(), None),
        List::Json => {
            let path = "data/meetings.json".to_string();
            if !cache.keep {
                // In slices, each serialised in parallel, written in order.
                return stream(path, &mut |w| {
                    let items = site.entries.chunks(256).map(|slice| {
                        slice.par_iter().map(|e| data::meeting_json(&site.config, e)).collect::<Vec<_>>()
                    });
                    data::write_meetings_json(&site.config, site.entries.len(), items, w).map_err(Failure::Io)
                });
            }
            let key = fingerprints(&mut site.entries.iter());
            if let Some((k, bytes)) = cache.lists.get(&path)
                && *k == key
            {
                // Its items stay kept as they are.
                return ListPage { bytes: Ok(bytes.clone()), ..page(path, Ok(vec![]), Some(key)) };
            }
            // Each item serialised on its own (in parallel, and reused from the last build
            // where its meeting is the same), then put together.
            let items: Vec<(Arc<Vec<u8>>, bool)> = site
                .entries
                .par_iter()
                .map(|e| match cache.json.get(&e.path) {
                    Some(kept) if Arc::ptr_eq(&kept.meeting, &e.meeting) => (kept.bytes.clone(), false),
                    _ => (Arc::new(data::meeting_json(&site.config, e)), true),
                })
                .collect();
            let doc = data::meetings_json_from(
                &site.config,
                &items.iter().map(|i| i.0.as_slice()).collect::<Vec<_>>(),
            );
            let fresh = items
                .into_iter()
                .enumerate()
                .filter(|(_, (_, new))| *new)
                .map(|(i, (item, _))| (i, item))
                .collect();
            ListPage { json_items: Some(fresh), ..page(path, Ok(doc), Some(key)) }
        }
        List::Feed => page("feed.xml".into(), Ok(data::feed(site)), None),
        List::Sitemap => {
            let mut h = std::collections::hash_map::DefaultHasher::new();
            for e in &site.entries {
                e.path.hash(&mut h);
            }
            keyed_bytes(cache, "sitemap.xml".into(), h.finish(), &|| data::sitemap(site))
        }
    }
}

/// Like a keyed template page, for a data file.
fn keyed_bytes(cache: &PageCache, path: String, key: u64, make: &dyn Fn() -> Vec<u8>) -> ListPage {
    let bytes = match cache.lists.get(&path) {
        Some((k, bytes)) if *k == key && cache.keep => bytes.clone(),
        _ => Arc::new(make()),
    };
    ListPage { path, bytes: Ok(bytes), key: Some(key), written: None, json_items: None }
}

fn ser<T: Serialize>(v: T) -> Value {
    Value::from(minijinja::value::Serde(v))
}

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

/// Why a page streamed to a file was not written.
enum Failure {
    Template(String),
    Io(std::io::Error),
}

impl Renderer<'_> {
    fn render(&self, template: &'static str, page: PageInfo, extra: Value) -> Page {
        Page { template, ctx: context! { site => self.site_value, page => ser(&page), ..extra } }
    }

    fn bytes(&self, p: Page) -> Result<Vec<u8>, String> {
        let t = self.theme.env.get_template(p.template).map_err(|e| self.error(p.template, &e))?;
        t.render(p.ctx).map(String::into_bytes).map_err(|e| self.error(p.template, &e))
    }

    /// The page written to `w` as it is rendered, never held whole in memory.
    fn write(&self, p: Page, w: &mut dyn std::io::Write) -> Result<(), Failure> {
        let t = self
            .theme
            .env
            .get_template(p.template)
            .map_err(|e| Failure::Template(self.error(p.template, &e)))?;
        match t.render_captured_to(p.ctx, &mut *w) {
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

    fn error(&self, template: &str, e: &minijinja::Error) -> String {
        let name = e.name().unwrap_or(template);
        let origin = self.theme.sources.get(name).map(String::as_str).unwrap_or(name);
        match e.line() {
            Some(l) => format!("แม่แบบ {origin} บรรทัด {l}: {}", theme::template_error(e)),
            None => format!("แม่แบบ {origin}: {}", theme::template_error(e)),
        }
    }

    fn info<'p>(&self, kind: &'static str, title: String, path: &'p str) -> PageInfo<'p> {
        PageInfo { kind, title, url: format!("{}{}", self.base_url, path), path }
    }

    fn meeting(&self, root: &Path, e: &Entry, n: crate::calendar::Numerals) -> Result<Vec<u8>, String> {
        let attachments = e.meeting.attachments.iter().map(|a| attachment_view(root, &a.path)).collect();
        let view = views::meeting_page(e, n, attachments);
        let body = match &e.meeting.body {
            crate::load::Body::Text(t) => markdown::to_html(t),
            crate::load::Body::InFile(_) => markdown::to_html(&crate::load::read_body(root, &e.meeting)?),
        };
        let extra = context! { meeting => ser(&view), body => Value::from_safe_string(body) };
        self.bytes(self.render("meeting.html", self.info("meeting", e.meeting.title.clone(), &e.path), extra))
    }

    fn home(&self, site: &SiteModel) -> Result<Vec<u8>, String> {
        let n = site.config.numerals;
        let years: Vec<_> = site.years.iter().map(views::year_summary).collect();
        let latest: Vec<_> = site.entries.iter().rev().take(10).map(|e| views::meeting_item(e, n)).collect();
        let extra = context! { years => ser(&years), latest => ser(&latest) };
        self.bytes(self.render("index.html", self.info("home", site.config.title.clone(), ""), extra))
    }

    fn year(&self, site: &SiteModel, y: &crate::model::Year) -> Page {
        let path = format!("{}/", y.fy);
        let fy = match site.config.numerals {
            crate::calendar::Numerals::Thai => crate::calendar::thai_digits(&y.fy.to_string()),
            crate::calendar::Numerals::Arabic => y.fy.to_string(),
        };
        let title = format!("ปีงบประมาณ พ.ศ. {fy}");
        let meetings: Vec<_> =
            y.entries.iter().map(|&i| (site.entries[i].meeting.date, &site.entries[i].attendance)).collect();
        let chart = crate::model::bars::year_bars(y.fy, &meetings, &site.config.role_groups)
            .map(|bars| chart::year_chart(y.fy, &bars, site.config.numerals))
            .map(|c| context! { svg => Value::from_safe_string(c.svg), per_month => c.per_month, max_bars => chart::MAX_BARS });
        let extra = context! { year => ser(views::year_view(site, y)), chart };
        self.render("year.html", self.info("year", title, &path), extra)
    }

    fn ita(&self, site: &SiteModel) -> Page {
        let years = views::ita_years(site, &site.config);
        let extra = context! { ita_years => ser(&years) };
        self.render("ita.html", self.info("ita", "ข้อมูลสำหรับการประเมิน ITA".into(), "ita/"), extra)
    }

    fn not_found(&self) -> Result<Vec<u8>, String> {
        self.bytes(self.render(
            "404.html",
            self.info("404", "ไม่พบหน้าที่ต้องการ".into(), "404.html"),
            context! {},
        ))
    }
}

fn attachment_view(root: &Path, path: &str) -> views::AttachmentView {
    let size = std::fs::metadata(root.join(layout::STATIC).join(path)).map(|m| m.len()).unwrap_or(0);
    let name = path.rsplit('/').next().unwrap_or(path).to_string();
    let ext = name.rsplit_once('.').map(|(_, x)| x.to_ascii_uppercase()).unwrap_or_default();
    let is_image = matches!(ext.as_str(), "JPG" | "JPEG" | "PNG" | "GIF" | "WEBP");
    views::AttachmentView { path: path.to_string(), name, kind: ext, size: human_size(size), is_image }
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
    #[test]
    fn human_sizes() {
        assert_eq!(super::human_size(870), "870 B");
        assert_eq!(super::human_size(350_400), "350 KB");
        assert_eq!(super::human_size(1_234_567), "1.2 MB");
    }
}
