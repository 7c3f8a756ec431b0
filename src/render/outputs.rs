//! The table of outputs: every file of the site, each declared once with its path, what
//! of the model it reads, how it is made, and the key under which `serve` keeps it
//! between builds. [`outputs`] lists them; [`super::render_site`] makes them in parallel
//! (largest first), reuses kept ones, streams large ones in a one-shot build, and reports
//! problems in the table's order.
//!
//! Each output is a struct holding exactly the model data it reads, and it is made from
//! those fields alone. Its key is derived from the same fields by destructuring the struct
//! (and the model types it holds) without `..`: a field added later must be put into the
//! key or ignored by name with the reason, or the crate does not compile. What every page
//! shows (the theme, the settings, the list of years) is left out of each key: a change of
//! it drops every kept output ([`super::PageCache`]). Fields ignored for that reason say
//! "settings".
//!
//! To add an output: write its struct and `impl Output` here, and push it in [`outputs`].
//!
//! Meeting pages ([`MeetingPage`]) are declared here too but made apart, one per meeting:
//! each is kept while its meeting is the very same parsed value (which covers its body,
//! read from disk, and its attachments' files, which load puts in the meeting), so it
//! needs no key.
//!
//! Render reads no file but a body left in its file: what a page shows of an attachment
//! (its size, a CSV's rows) was read by load with the file's stamp, into the model, so
//! every key (and a meeting's identity) covers it.

use super::{Page, RenderError, Renderer, chart, data, markdown, search, ser, views};
use crate::calendar::Numerals;
use crate::load::Config;
use crate::model::ita::dashboard::{Dashboard, DisclosureEntry};
use crate::model::{Entry, SiteModel, Year};
use minijinja::{Value, context};
use std::hash::{Hash, Hasher};
use std::path::Path;
use std::sync::Arc;

/// One file of the site other than the meeting pages.
pub(super) trait Output: Sync {
    /// Where it goes, below the output folder.
    fn path(&self) -> String;
    /// Order of work: lower first. The largest outputs start first, so that the threads
    /// finish together.
    fn weight(&self) -> u8;
    /// A hash of all the output reads (but what every page shows): while it stays the
    /// same, the output kept from the last build is used again. `None`: made every build.
    fn key(&self) -> Option<u64>;
    /// What to write, made from the output's own fields.
    fn make(&self, r: &Renderer) -> Made<'_>;
}

/// How an output is made.
pub(super) enum Made<'a> {
    /// A template page, rendered whole.
    Page(Page),
    /// A template page large enough to go straight to its file in a one-shot build.
    LargePage(Page),
    /// A data file, made whole.
    Data(Vec<u8>),
    /// `data/meetings.json`: one item per meeting, each serialised on its own, kept
    /// between builds like the meeting pages, or streamed in a one-shot build.
    /// `whole`: the site's file, whose items are kept; a year's reuses them.
    MeetingItems { config: &'a Config, entries: &'a [&'a Arc<Entry>], whole: bool },
}

/// How far a page or file may grow before it is split.
#[derive(Clone, Copy)]
pub(super) struct Limits {
    /// Rows of a year's or the ITA page's table on one page ([`views::ROWS_PER_PAGE`]).
    pub rows: usize,
    /// URLs in one sitemap file: the limit of the sitemaps protocol.
    pub sitemap_urls: usize,
}

impl Limits {
    /// The limits of every site; the tests lower them through
    /// `PRONGSAI_TEST_ROWS_PER_PAGE` and `PRONGSAI_TEST_SITEMAP_URLS` (not for sites),
    /// so that a small site shows how a large one is split.
    pub fn of_build() -> Limits {
        let var = |name: &str, default: usize| {
            std::env::var(name)
                .ok()
                .and_then(|v| v.parse().ok())
                .filter(|&n: &usize| n > 0)
                .unwrap_or(default)
        };
        Limits {
            rows: var("PRONGSAI_TEST_ROWS_PER_PAGE", views::ROWS_PER_PAGE),
            sitemap_urls: var("PRONGSAI_TEST_SITEMAP_URLS", SITEMAP_URLS),
        }
    }
}

/// URLs one sitemap file may hold (sitemaps.org).
pub(super) const SITEMAP_URLS: usize = 50_000;

/// Every output of `site` but the meeting pages, in the order their problems are reported.
/// `search`: the theme has a search page (`search.html`); a theme of a site's own made
/// before there was one builds as before, without search.
pub(super) fn outputs<'a>(site: &'a SiteModel, search: bool, limits: Limits) -> Vec<Box<dyn Output + 'a>> {
    let SiteModel { config, entries, years, ita } = site;
    let per_page = limits.rows;
    // Every page's path below the base, for the sitemap.
    let mut urls: Vec<String> = vec![String::new()];
    let mut out: Vec<Box<dyn Output>> = vec![Box::new(HomePage { config, years, entries })];
    let ita_years = Arc::new(views::ItaYearShown::of(site));
    let years_key = hashed(&*ita_years);
    let ita_rows: usize = ita_years.iter().map(|y| y.meetings.len()).sum();
    let ita_pages = views::page_count(ita_rows, per_page);
    urls.extend((1..=ita_pages).map(|n| views::page_path("ita/", n)));
    for year in years {
        let meetings: Arc<Vec<&Entry>> = Arc::new(year.entries.iter().map(|&i| &*entries[i]).collect());
        let pages = views::page_count(meetings.len(), per_page);
        for page in 1..=pages {
            let yp = YearPage { config, year, meetings: Arc::clone(&meetings), page, pages, per_page };
            urls.push(views::page_path(&format!("{}/", year.fy), page));
            out.push(Box::new(yp));
        }
        out.push(Box::new(AttendeesCsv { year }));
    }
    let dashboards = views::dashboard_links(ita);
    for page in 1..=ita_pages {
        out.push(Box::new(ItaPage {
            config,
            years: Arc::clone(&ita_years),
            years_key,
            dashboards: dashboards.clone(),
            page,
            pages: ita_pages,
            per_page,
        }));
    }
    for dashboard in &ita.dashboards {
        out.push(Box::new(ItaYearPage { config, dashboard }));
        out.push(Box::new(UrlsCsv { base_url: &config.base_url, dashboard }));
    }
    for entry in &ita.pages {
        out.push(Box::new(DisclosurePage { numerals: config.numerals, entry }));
    }
    out.push(Box::new(NotFoundPage));
    if search {
        out.push(Box::new(SearchPage));
    }
    out.push(Box::new(MeetingsJson { config, entries: entries.iter().collect(), fy: None }));
    for year in years {
        let entries = year.entries.iter().map(|&i| &entries[i]).collect();
        out.push(Box::new(MeetingsJson { config, entries, fy: Some(year.fy) }));
    }
    out.push(Box::new(Feed { config, entries }));
    urls.extend(
        entries
            .iter()
            .map(|e| e.path.clone())
            .chain(ita.dashboards.iter().map(|d| d.path.clone()))
            .chain(ita.pages.iter().map(|p| p.path.clone())),
    );
    let urls = Arc::new(urls);
    if urls.len() <= limits.sitemap_urls {
        out.push(Box::new(Sitemap { base_url: &config.base_url, file: 0, urls, range: 0..usize::MAX }));
    } else {
        // Past the limit, `sitemap.xml` is an index of `sitemap-1.xml` … each within it.
        let files = urls.len().div_ceil(limits.sitemap_urls);
        out.push(Box::new(SitemapIndex { base_url: &config.base_url, files }));
        for file in 1..=files {
            let range = (file - 1) * limits.sitemap_urls..file * limits.sitemap_urls;
            out.push(Box::new(Sitemap { base_url: &config.base_url, file, urls: Arc::clone(&urls), range }));
        }
    }
    out
}

fn hashed(v: impl Hash) -> u64 {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    v.hash(&mut h);
    h.finish()
}

/// What pages other than a meeting's own can show of these meetings
/// ([`Entry::fingerprint`], itself derived field by field).
fn fingerprints<'e>(entries: impl Iterator<Item = &'e Entry>) -> u64 {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    for e in entries {
        e.fingerprint.hash(&mut h);
    }
    h.finish()
}

/// `index.html`: the years summed up and the latest meetings.
struct HomePage<'a> {
    config: &'a Config,
    years: &'a [Year],
    entries: &'a [Arc<Entry>],
}

impl Output for HomePage<'_> {
    fn path(&self) -> String {
        "index.html".into()
    }
    fn weight(&self) -> u8 {
        4
    }
    fn key(&self) -> Option<u64> {
        None
    }
    fn make(&self, r: &Renderer) -> Made<'_> {
        let HomePage { config, years, entries } = self;
        let years: Vec<_> = years.iter().map(views::year_summary).collect();
        let latest: Vec<_> =
            entries.iter().rev().take(10).map(|e| views::meeting_item(e, config.numerals)).collect();
        let extra = context! { years => ser(&years), latest => ser(&latest) };
        Made::Page(r.page("index.html", r.info("home", config.title.clone(), ""), extra))
    }
}

/// `<fy>/index.html`: a fiscal year's meetings, statistics and chart; past
/// [`Limits::rows`] meetings the table goes on at `<fy>/page/2/index.html` …
struct YearPage<'a> {
    config: &'a Config,
    year: &'a Year,
    /// The year's meetings, in table order.
    meetings: Arc<Vec<&'a Entry>>,
    /// This page (from 1) of `pages`, `per_page` rows each.
    page: usize,
    pages: usize,
    per_page: usize,
}

impl YearPage<'_> {
    fn base(&self) -> String {
        format!("{}/", self.year.fy)
    }
}

impl Output for YearPage<'_> {
    fn path(&self) -> String {
        format!("{}index.html", views::page_path(&self.base(), self.page))
    }
    fn weight(&self) -> u8 {
        2
    }
    fn key(&self) -> Option<u64> {
        let YearPage { config: _ /* settings */, year, meetings, page, pages, per_page } = self;
        // The statistics and completeness follow from the meetings (their attendance and
        // readiness are in their fingerprints) and the settings; the ITA item is a setting.
        let Year { fy, entries: _ /* the same as `meetings` */, stats: _, complete: _, ita: _ } = year;
        Some(hashed((fy, page, pages, per_page, fingerprints(meetings.iter().copied()))))
    }
    fn make(&self, r: &Renderer) -> Made<'_> {
        let YearPage { config, year, meetings, page, pages, per_page } = self;
        let base = self.base();
        let path = views::page_path(&base, *page);
        let fy = crate::text::with_numerals(year.fy.to_string(), config.numerals);
        let mut title = format!("ปีงบประมาณ พ.ศ. {fy}");
        if *page > 1 {
            title += &format!(" หน้า {}", crate::text::with_numerals(page.to_string(), config.numerals));
        }
        // The chart and statistics stand on the first page only.
        let chart = (*page == 1)
            .then(|| {
                let dated: Vec<_> = meetings.iter().map(|e| (e.meeting.date, &e.attendance)).collect();
                crate::model::bars::year_bars(year.fy, &dated, &config.role_groups)
                    .map(|bars| chart::year_chart(year.fy, &bars, config.numerals))
            })
            .flatten()
            .map(|c| context! { svg => Value::from_safe_string(c.svg), per_month => c.per_month, max_bars => chart::MAX_BARS });
        let rows = (page - 1) * per_page..(page * per_page).min(meetings.len());
        let pager = views::pager(&base, *page, *pages, *per_page);
        let extra = context! {
            year => ser(views::year_view(config, year, meetings, rows)),
            chart,
            pager => ser(pager),
        };
        Made::LargePage(r.page("year.html", r.info("year", title, &path), extra))
    }
}

/// `<fy>/attendees.csv`: the year's statistics.
struct AttendeesCsv<'a> {
    year: &'a Year,
}

impl Output for AttendeesCsv<'_> {
    fn path(&self) -> String {
        format!("{}/attendees.csv", self.year.fy)
    }
    fn weight(&self) -> u8 {
        4
    }
    fn key(&self) -> Option<u64> {
        None
    }
    fn make(&self, _: &Renderer) -> Made<'_> {
        Made::Data(data::attendees_csv(self.year))
    }
}

/// `ita/index.html`: the dashboards of the assessment years, then every year's URL to
/// submit for participation, and what each meeting lacks; past [`Limits::rows`]
/// meetings the table goes on at `ita/page/2/index.html` …
struct ItaPage<'a> {
    config: &'a Config,
    years: Arc<Vec<views::ItaYearShown<'a>>>,
    /// A hash of `years`, made once for all the pages of the table (each would hash every
    /// meeting of the site: at 10,000 meetings, 20 pages).
    years_key: u64,
    dashboards: Vec<views::DashboardLink>,
    /// This page (from 1) of `pages`, `per_page` rows each.
    page: usize,
    pages: usize,
    per_page: usize,
}

impl Output for ItaPage<'_> {
    fn path(&self) -> String {
        format!("{}index.html", views::page_path("ita/", self.page))
    }
    fn weight(&self) -> u8 {
        1
    }
    fn key(&self) -> Option<u64> {
        let ItaPage { config: _ /* settings */, years: _, years_key, dashboards, page, pages, per_page } =
            self;
        Some(hashed((years_key, dashboards, page, pages, per_page)))
    }
    fn make(&self, r: &Renderer) -> Made<'_> {
        let ItaPage { config, years, years_key: _, dashboards, page, pages, per_page } = self;
        let mut title = "ข้อมูลสำหรับการประเมิน ITA".to_string();
        if *page > 1 {
            title += &format!(" หน้า {}", crate::text::with_numerals(page.to_string(), config.numerals));
        }
        let path = views::page_path("ita/", *page);
        let extra = context! {
            ita_years => ser(views::ita_years(config, years, *page, *per_page)),
            dashboards => ser(if *page == 1 { &dashboards[..] } else { &[] }),
            pager => ser(views::pager("ita/", *page, *pages, *per_page)),
        };
        Made::LargePage(r.page("ita.html", r.info("ita", title, &path), extra))
    }
}

/// `ita/<fy>/index.html`: every OIT item of the year with its URL and status. Made every
/// build: a handful of small pages, whose rows read disclosure pages and meetings alike.
struct ItaYearPage<'a> {
    config: &'a Config,
    dashboard: &'a Dashboard,
}

impl Output for ItaYearPage<'_> {
    fn path(&self) -> String {
        format!("ita/{}/index.html", self.dashboard.fy)
    }
    fn weight(&self) -> u8 {
        3
    }
    fn key(&self) -> Option<u64> {
        None
    }
    fn make(&self, r: &Renderer) -> Made<'_> {
        let ItaYearPage { config, dashboard } = self;
        let fy = crate::text::with_numerals(dashboard.fy.to_string(), config.numerals);
        let title = format!("รายการข้อมูลสาธารณะ (OIT) ปี พ.ศ. {fy}");
        let path = format!("ita/{}/", dashboard.fy);
        let extra = context! { ita => ser(views::dashboard_view(config, dashboard)) };
        Made::Page(r.page("ita-year.html", r.info("ita-year", title, &path), extra))
    }
}

/// `ita/<fy>/urls.csv`: code, title, URL and description of every item, to paste into
/// the assessment system.
struct UrlsCsv<'a> {
    base_url: &'a str,
    dashboard: &'a Dashboard,
}

impl Output for UrlsCsv<'_> {
    fn path(&self) -> String {
        format!("ita/{}/urls.csv", self.dashboard.fy)
    }
    fn weight(&self) -> u8 {
        4
    }
    fn key(&self) -> Option<u64> {
        None
    }
    fn make(&self, _: &Renderer) -> Made<'_> {
        Made::Data(data::urls_csv(self.base_url, self.dashboard))
    }
}

/// `ita/<fy>/<code>/index.html`: one disclosure page, with its CSV attachments as tables
/// (their rows and sizes as load read them, held in the entry).
struct DisclosurePage<'a> {
    numerals: Numerals,
    entry: &'a DisclosureEntry,
}

impl Output for DisclosurePage<'_> {
    fn path(&self) -> String {
        format!("{}index.html", self.entry.path)
    }
    fn weight(&self) -> u8 {
        3
    }
    fn key(&self) -> Option<u64> {
        // The entry hashes all of it, its attachments' files with it.
        let DisclosurePage { numerals: _ /* settings */, entry } = self;
        Some(hashed(entry))
    }
    fn make(&self, r: &Renderer) -> Made<'_> {
        let DisclosurePage { numerals, entry } = self;
        let attachments = entry.page.attachments.iter().map(super::attachment_view).collect();
        let tables = entry
            .page
            .attachments
            .iter()
            .filter(|a| a.path.to_ascii_lowercase().ends_with(".csv"))
            .filter_map(data::csv_table)
            .collect();
        let view = views::disclosure_view(entry, *numerals, attachments, tables);
        let body = markdown::to_html(&entry.page.body);
        let extra = context! { disclosure => ser(&view), body => Value::from_safe_string(body) };
        Made::Page(r.page(
            "disclosure.html",
            r.info("disclosure", entry.page.title.clone(), &entry.path),
            extra,
        ))
    }
}

/// `404.html`.
struct NotFoundPage;

impl Output for NotFoundPage {
    fn path(&self) -> String {
        "404.html".into()
    }
    fn weight(&self) -> u8 {
        4
    }
    fn key(&self) -> Option<u64> {
        None
    }
    fn make(&self, r: &Renderer) -> Made<'_> {
        Made::Page(r.page("404.html", r.info("404", "ไม่พบหน้าที่ต้องการ".into(), "404.html"), context! {}))
    }
}

/// `search/index.html`: the search box and its results, made in the browser from
/// `search/index.json`.
struct SearchPage;

impl Output for SearchPage {
    fn path(&self) -> String {
        "search/index.html".into()
    }
    fn weight(&self) -> u8 {
        4
    }
    fn key(&self) -> Option<u64> {
        None
    }
    fn make(&self, r: &Renderer) -> Made<'_> {
        Made::Page(r.page("search.html", r.info("search", "ค้นหาการประชุม".into(), "search/"), context! {}))
    }
}

/// The search index ([`search`]): many files, made together, apart from the table.
pub(super) struct SearchIndex<'a> {
    /// Where bodies left in their files are read from.
    pub root: &'a Path,
    pub numerals: Numerals,
    pub entries: &'a [Arc<Entry>],
    pub pages: &'a [Arc<DisclosureEntry>],
    /// The index as last made, kept by `serve`; how it is made, not what it shows.
    pub memo: Option<&'a search::Memo>,
}

impl SearchIndex<'_> {
    /// Each file given to `put` as soon as it is made.
    pub fn make(&self, put: &mut dyn FnMut(String, Arc<Vec<u8>>)) {
        search::index(self.root, self.entries, self.pages, self.numerals, self.memo, put)
    }
}

/// `data/meetings.json`: every published meeting; `data/meetings-<fy>.json`: a fiscal
/// year's, for a site too large to read whole.
struct MeetingsJson<'a> {
    config: &'a Config,
    entries: Vec<&'a Arc<Entry>>,
    /// The year of a year's file; `None`: the whole site's.
    fy: Option<i32>,
}

impl Output for MeetingsJson<'_> {
    fn path(&self) -> String {
        match self.fy {
            None => "data/meetings.json".into(),
            Some(fy) => format!("data/meetings-{fy}.json"),
        }
    }
    fn weight(&self) -> u8 {
        if self.fy.is_none() { 0 } else { 2 }
    }
    fn key(&self) -> Option<u64> {
        let MeetingsJson { config: _ /* settings */, entries, fy } = self;
        Some(hashed((fy, fingerprints(entries.iter().map(|e| &***e)))))
    }
    fn make(&self, _: &Renderer) -> Made<'_> {
        Made::MeetingItems { config: self.config, entries: &self.entries, whole: self.fy.is_none() }
    }
}

/// `feed.xml`: the latest meetings, as Atom.
struct Feed<'a> {
    config: &'a Config,
    entries: &'a [Arc<Entry>],
}

impl Output for Feed<'_> {
    fn path(&self) -> String {
        "feed.xml".into()
    }
    fn weight(&self) -> u8 {
        4
    }
    fn key(&self) -> Option<u64> {
        None
    }
    fn make(&self, _: &Renderer) -> Made<'_> {
        Made::Data(data::feed(self.config, self.entries))
    }
}

/// `sitemap.xml`: the URL of every page; past [`Limits::sitemap_urls`] URLs,
/// `sitemap-<n>.xml`, a share of them each, listed by [`SitemapIndex`].
struct Sitemap<'a> {
    base_url: &'a str,
    /// 0: the one `sitemap.xml`; else `sitemap-<file>.xml`.
    file: usize,
    /// Every page's path below the base, in order; this file holds those in `range`.
    urls: Arc<Vec<String>>,
    range: std::ops::Range<usize>,
}

impl Sitemap<'_> {
    fn shown(&self) -> &[String] {
        let end = self.range.end.min(self.urls.len());
        &self.urls[self.range.start.min(end)..end]
    }
}

impl Output for Sitemap<'_> {
    fn path(&self) -> String {
        match self.file {
            0 => "sitemap.xml".into(),
            n => format!("sitemap-{n}.xml"),
        }
    }
    fn weight(&self) -> u8 {
        3
    }
    fn key(&self) -> Option<u64> {
        let Sitemap { base_url: _ /* settings */, file, urls: _, range: _ } = self;
        Some(hashed((file, self.shown())))
    }
    fn make(&self, _: &Renderer) -> Made<'_> {
        Made::Data(data::sitemap(self.base_url, self.shown()))
    }
}

/// `sitemap.xml` as a sitemap index, when the site has more URLs than one sitemap holds.
struct SitemapIndex<'a> {
    base_url: &'a str,
    /// How many sitemaps: `sitemap-1.xml` …
    files: usize,
}

impl Output for SitemapIndex<'_> {
    fn path(&self) -> String {
        "sitemap.xml".into()
    }
    fn weight(&self) -> u8 {
        3
    }
    fn key(&self) -> Option<u64> {
        let SitemapIndex { base_url: _ /* settings */, files } = self;
        Some(hashed(("index", files)))
    }
    fn make(&self, _: &Renderer) -> Made<'_> {
        let files: Vec<String> = (1..=self.files).map(|n| format!("sitemap-{n}.xml")).collect();
        Made::Data(data::sitemap_index(self.base_url, &files))
    }
}

/// `<fy>/<slug>/index.html`: one meeting, with its body read from disk when it lives in
/// a file of its own (checked against the stamp taken at load); all else it shows, its
/// attachments' sizes too, is in the meeting as loaded.
pub(super) struct MeetingPage<'a> {
    pub root: &'a Path,
    pub entry: &'a Entry,
    pub numerals: Numerals,
}

impl MeetingPage<'_> {
    pub fn path(&self) -> String {
        format!("{}index.html", self.entry.path)
    }

    pub fn make(&self, r: &Renderer) -> Result<Vec<u8>, RenderError> {
        let MeetingPage { root, entry: e, numerals } = self;
        let attachments = e.meeting.attachments.iter().map(super::attachment_view).collect();
        let view = views::meeting_page(e, *numerals, attachments);
        let body = match &e.meeting.body {
            crate::load::Body::Text(t) => markdown::to_html(t),
            crate::load::Body::InFile(_) => {
                markdown::to_html(&crate::load::read_body(root, &e.meeting).map_err(RenderError::Body)?)
            }
        };
        let extra = context! { meeting => ser(&view), body => Value::from_safe_string(body) };
        r.bytes(r.page("meeting.html", r.info("meeting", e.meeting.title.clone(), &e.path), extra))
    }
}
