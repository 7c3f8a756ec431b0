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
use crate::load::Meeting;
use crate::model::{Entry, Site};
use crate::write::Sink;
use minijinja::{context, Value};
use rayon::prelude::*;
use serde::Serialize;
use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::path::Path;
use std::sync::Arc;

/// Meeting pages kept between builds: a page is reused while its meeting (the very same
/// parsed value), the theme and the list of years are unchanged, which is all a meeting
/// page depends on.
#[derive(Default)]
pub struct PageCache {
    key: u64,
    pages: HashMap<String, (Arc<Meeting>, Arc<Vec<u8>>)>,
    /// Meeting pages rendered (not reused) by the last render.
    pub last_rendered: usize,
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

/// Renders every page of `site` into `sink`. `generation` changes whenever the theme or
/// site settings were reloaded, so cached pages from before are dropped.
pub fn render_site(
    root: &Path,
    site: &Site,
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
    if cache.key != key {
        cache.pages.clear();
        cache.key = key;
    }
    let site_value = ser(&sv);
    let n = site.config.numerals;
    let r = Renderer { theme, site_value: &site_value, base_url: &site.config.base_url };

    // Meeting pages: the bulk of the work, in parallel; reused where nothing changed.
    let results: Vec<(usize, Result<Arc<Vec<u8>>, String>, bool)> = site
        .entries
        .par_iter()
        .enumerate()
        .map(|(i, e)| {
            if let Some((m, page)) = cache.pages.get(&e.path) {
                if Arc::ptr_eq(m, &e.meeting) {
                    return (i, Ok(page.clone()), false);
                }
            }
            (i, r.meeting(root, e, n).map(Arc::new), true)
        })
        .collect();
    let mut pages = 0;
    cache.last_rendered = 0;
    let mut fresh: HashMap<String, (Arc<Meeting>, Arc<Vec<u8>>)> = HashMap::with_capacity(results.len());
    let mut failed = false;
    for (i, res, rendered) in results {
        let e = &site.entries[i];
        match res {
            Ok(bytes) => {
                cache.last_rendered += rendered as usize;
                put(sink, &format!("{}index.html", e.path), bytes.clone(), diags);
                fresh.insert(e.path.clone(), (e.meeting.clone(), bytes));
                pages += 1;
            }
            Err(msg) => {
                failed = true;
                diags.error(&e.meeting.source, Pos::default(), msg);
            }
        }
    }
    if !failed {
        cache.pages = fresh;
    }

    let mut page = |path: String, res: Result<Vec<u8>, String>, source: &str| match res {
        Ok(bytes) => {
            put(sink, &path, Arc::new(bytes), diags);
            pages += 1;
        }
        Err(msg) => diags.error(source, Pos::default(), msg),
    };
    page("index.html".into(), r.home(site), "");
    for y in &site.years {
        page(format!("{}/index.html", y.fy), r.year(site, y), "");
        page(format!("{}/attendees.csv", y.fy), Ok(data::attendees_csv(y)), "");
    }
    page("ita/index.html".into(), r.ita(site), "");
    page("404.html".into(), r.not_found(), "");
    page("data/meetings.json".into(), Ok(data::meetings_json(site)), "");
    page("feed.xml".into(), Ok(data::feed(site)), "");
    page("sitemap.xml".into(), Ok(data::sitemap(site)), "");

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

fn ser<T: Serialize>(v: T) -> Value {
    Value::from(minijinja::value::Serde(v))
}

fn put(sink: &dyn Sink, path: &str, bytes: Arc<Vec<u8>>, diags: &mut Diagnostics) {
    if let Err(e) = sink.put(path, bytes) {
        diags.error(path, Pos::default(), format!("เขียนไฟล์ไม่ได้: {e}"));
    }
}

struct Renderer<'a> {
    theme: &'a Theme,
    site_value: &'a Value,
    base_url: &'a str,
}

impl Renderer<'_> {
    fn render(&self, template: &str, page: PageInfo, extra: Value) -> Result<Vec<u8>, String> {
        let t = self.theme.env.get_template(template).map_err(|e| self.error(template, &e))?;
        let ctx = context! { site => self.site_value, page => ser(&page), ..extra };
        t.render(ctx).map(String::into_bytes).map_err(|e| self.error(template, &e))
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
        let body = markdown::to_html(&e.meeting.body);
        let extra = context! { meeting => ser(&view), body => Value::from_safe_string(body) };
        self.render("meeting.html", self.info("meeting", e.meeting.title.clone(), &e.path), extra)
    }

    fn home(&self, site: &Site) -> Result<Vec<u8>, String> {
        let n = site.config.numerals;
        let years: Vec<_> = site.years.iter().map(views::year_summary).collect();
        let latest: Vec<_> = site.entries.iter().rev().take(10).map(|e| views::meeting_item(e, n)).collect();
        let extra = context! { years => ser(&years), latest => ser(&latest) };
        self.render("index.html", self.info("home", site.config.title.clone(), ""), extra)
    }

    fn year(&self, site: &Site, y: &crate::model::Year) -> Result<Vec<u8>, String> {
        let path = format!("{}/", y.fy);
        let fy = match site.config.numerals {
            crate::calendar::Numerals::Thai => crate::calendar::thai_digits(&y.fy.to_string()),
            crate::calendar::Numerals::Arabic => y.fy.to_string(),
        };
        let title = format!("ปีงบประมาณ พ.ศ. {fy}");
        let meetings: Vec<_> = y.entries.iter().map(|&i| (site.entries[i].meeting.date, &site.entries[i].attendance)).collect();
        let chart = chart::year_chart(y.fy, &meetings, &site.config.role_groups, site.config.numerals)
            .map(|c| context! { svg => Value::from_safe_string(c.svg), per_month => c.per_month, max_bars => chart::MAX_BARS });
        let extra = context! { year => ser(views::year_view(site, y)), chart };
        self.render("year.html", self.info("year", title, &path), extra)
    }

    fn ita(&self, site: &Site) -> Result<Vec<u8>, String> {
        let years = views::ita_years(site, &site.config);
        let extra = context! { ita_years => ser(&years) };
        self.render("ita.html", self.info("ita", "ข้อมูลสำหรับการประเมิน ITA".into(), "ita/"), extra)
    }

    fn not_found(&self) -> Result<Vec<u8>, String> {
        self.render("404.html", self.info("404", "ไม่พบหน้าที่ต้องการ".into(), "404.html"), context! {})
    }
}

fn attachment_view(root: &Path, path: &str) -> views::AttachmentView {
    let size = std::fs::metadata(root.join("static").join(path)).map(|m| m.len()).unwrap_or(0);
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
