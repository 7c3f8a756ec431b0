//! What templates see: plain, serialisable views of the model. Each page gets only the
//! views it needs (a meeting page never carries the whole site).

use crate::calendar::{self, Numerals};
use crate::load::Config;
use crate::model::ita::dashboard::{Dashboard, DisclosureEntry, Ita, Row as DashRow, Status};
use crate::model::{Attendance, Entry, Readiness, SiteModel, Year, YearStats, stats::Row};
use serde::Serialize;

#[derive(Serialize)]
pub struct SiteView<'a> {
    pub title: &'a str,
    pub organization: &'a str,
    /// Absolute base URL ending in `/`.
    pub base_url: &'a str,
    /// Path part of the base URL, `/` or `/sub/`.
    pub base_path: &'a str,
    pub numerals: &'static str,
    /// Fiscal years, newest first, for navigation.
    pub years: Vec<YearLink>,
    pub has_ita: bool,
}

#[derive(Serialize, Clone, PartialEq, Eq, Hash)]
pub struct YearLink {
    pub fy: i32,
    pub path: String,
}

pub fn site_view(site: &SiteModel) -> SiteView<'_> {
    let c = &site.config;
    SiteView {
        title: &c.title,
        organization: &c.organization,
        base_url: &c.base_url,
        base_path: &c.base_path,
        numerals: match c.numerals {
            Numerals::Arabic => "arabic",
            Numerals::Thai => "thai",
        },
        years: site.years.iter().map(|y| YearLink { fy: y.fy, path: format!("{}/", y.fy) }).collect(),
        has_ita: !c.ita.is_empty(),
    }
}

/// A meeting as listed on year and home pages.
#[derive(Serialize)]
pub struct MeetingItem<'a> {
    pub title: &'a str,
    /// ISO date (C.E.), for `<time datetime>` and the `thai_date` filter: the first day.
    pub date: String,
    /// ISO date of the last day of a meeting over several days.
    pub date_end: Option<String>,
    /// The day or days in Thai: `20 ตุลาคม 2563`, `20–22 ตุลาคม 2563`.
    pub date_range: String,
    /// The same with short month names: `20–22 ต.ค. 2563`.
    pub date_range_short: String,
    /// `09.30 น.`, or a range `13.00–16.30 น.`.
    pub time: Option<String>,
    /// The venue on one line (several places joined); none when not given.
    pub venue: Option<String>,
    pub organization: &'a str,
    pub fiscal_year: i32,
    pub slug: &'a str,
    pub path: &'a str,
    pub summary: Option<&'a str>,
    /// People counted; none when attendance is unknown.
    pub total: Option<u64>,
    /// `total` is of the known numbers only: shown as "อย่างน้อย".
    pub total_at_least: bool,
    pub attendance_kind: &'static str,
    pub ita: Readiness,
    pub ita_complete: bool,
    pub draft: bool,
}

pub fn meeting_item<'a>(e: &'a Entry, n: Numerals) -> MeetingItem<'a> {
    let m = &e.meeting;
    let span = calendar::DateSpan { start: m.date, end: m.date_end };
    MeetingItem {
        title: &m.title,
        date: m.date.iso(),
        date_end: m.date_end.map(|d| d.iso()),
        date_range: calendar::format_thai_span(span, n),
        date_range_short: calendar::format_thai_short_span(span, n),
        time: m.time.map(|t| calendar::format_time_span(t, m.time_end, n)),
        venue: m.venue_text(),
        organization: &e.organization,
        fiscal_year: m.fiscal_year,
        slug: &m.slug,
        path: &e.path,
        summary: m.summary.as_deref(),
        total: e.attendance.total(),
        total_at_least: e.attendance.total_at_least(),
        attendance_kind: match e.attendance {
            Attendance::Listed { .. } => "listed",
            Attendance::RolesOnly { .. } => "roles_only",
            Attendance::TotalOnly { .. } => "total_only",
            Attendance::Unknown => "unknown",
        },
        ita: e.readiness,
        ita_complete: e.readiness.complete(),
        draft: m.draft,
    }
}

#[derive(Serialize)]
pub struct AttachmentView {
    /// Path under the site root, e.g. `files/2567/minutes.pdf`.
    pub path: String,
    /// The path percent-encoded, for links (`files/%E0%B8%A3… 1.pdf` → `%20`): a name
    /// with spaces or Thai letters still links to its file.
    pub href: String,
    pub name: String,
    /// "PDF", "JPG", ...
    pub kind: String,
    /// "1.2 MB"
    pub size: String,
    pub is_image: bool,
}

/// A meeting with everything its own page shows.
#[derive(Serialize)]
pub struct MeetingPage<'a> {
    #[serde(flatten)]
    pub item: MeetingItem<'a>,
    /// ครั้งที่ (`2/2567`), unless the title already says it.
    pub number: Option<&'a str>,
    /// Every place, for a list when there are several.
    pub venues: &'a [String],
    pub chair: Option<&'a str>,
    pub organizers: &'a [String],
    pub objectives: &'a [String],
    pub topics: &'a [String],
    /// Rows of the attendee table (repeated roles merged), empty unless roles are listed;
    /// a row without `count` was named without a number.
    pub attendees: &'a [Row],
    /// People of the declared total beyond the listed numbers.
    pub unassigned: u64,
    pub declared_total: Option<u64>,
    pub attachments: Vec<AttachmentView>,
}

pub fn meeting_page<'a>(e: &'a Entry, n: Numerals, attachments: Vec<AttachmentView>) -> MeetingPage<'a> {
    let m = &e.meeting;
    MeetingPage {
        item: meeting_item(e, n),
        number: m.number.as_deref().filter(|num| {
            !crate::text::role_key(&m.title).contains(&format!("ครั้งที่{}", crate::text::role_key(num)))
        }),
        venues: &m.venue,
        chair: m.chair.as_deref(),
        organizers: &m.organizers,
        objectives: &m.objectives,
        topics: &m.topics,
        attendees: e.attendance.rows(),
        unassigned: match e.attendance {
            Attendance::Listed { unassigned, .. } => unassigned,
            _ => 0,
        },
        declared_total: e.meeting.attendees_total,
        attachments,
    }
}

#[derive(Serialize)]
pub struct YearView<'a> {
    pub fy: i32,
    pub path: String,
    pub csv_path: String,
    /// First and last day (ISO) of the fiscal year.
    pub start: String,
    pub end: String,
    /// The meetings of this page of the table (all of them below [`ROWS_PER_PAGE`]).
    pub meetings: Vec<MeetingItem<'a>>,
    /// Meetings in the whole year.
    pub count: usize,
    pub stats: &'a YearStats,
    pub ita: Option<&'a crate::load::ItaItem>,
    pub complete: bool,
}

/// `meetings`: the year's, in table order; `rows`: those shown on this page.
pub fn year_view<'a>(
    config: &Config,
    y: &'a Year,
    meetings: &[&'a Entry],
    rows: std::ops::Range<usize>,
) -> YearView<'a> {
    let n = config.numerals;
    let (start, end) = calendar::fiscal_year_bounds(y.fy);
    YearView {
        fy: y.fy,
        path: format!("{}/", y.fy),
        csv_path: format!("{}/attendees.csv", y.fy),
        start: start.iso(),
        end: end.iso(),
        meetings: meetings[rows].iter().map(|e| meeting_item(e, n)).collect(),
        count: meetings.len(),
        stats: &y.stats,
        ita: y.ita.as_ref(),
        complete: y.complete,
    }
}

/// A year as summed up on the home page.
#[derive(Serialize)]
pub struct YearSummary {
    pub fy: i32,
    pub path: String,
    pub meetings: usize,
    pub total: u64,
    pub total_at_least: bool,
    pub external_total: u64,
    /// Meetings that gave a number: none means the year's total is unknown, not 0.
    pub meetings_counted: usize,
    pub meetings_unknown: usize,
    pub complete: bool,
}

pub fn year_summary(y: &Year) -> YearSummary {
    YearSummary {
        fy: y.fy,
        path: format!("{}/", y.fy),
        meetings: y.entries.len(),
        total: y.stats.total,
        total_at_least: y.stats.total_at_least,
        external_total: y.stats.external_total,
        meetings_counted: y.stats.meetings_counted,
        meetings_unknown: y.stats.meetings_unknown,
        complete: y.complete,
    }
}

/// What the `/ita/` page reads of a fiscal year, and all it reads: the page's key in
/// `serve` is a hash of these ([`super::outputs`]), so what is not here cannot be shown.
pub struct ItaYearShown<'a> {
    pub fy: i32,
    pub complete: bool,
    /// From the settings, which every page's key covers: left out of the hash.
    pub item: Option<&'a crate::load::ItaItem>,
    pub meetings: Vec<ItaMeetingShown<'a>>,
}

impl std::hash::Hash for ItaYearShown<'_> {
    fn hash<H: std::hash::Hasher>(&self, h: &mut H) {
        let ItaYearShown { fy, complete, item: _, meetings } = self;
        (fy, complete, meetings).hash(h);
    }
}

/// What the `/ita/` page reads of a meeting: an edit of anything else (who took part,
/// the topics, the body but not its sections) leaves the page as it is.
#[derive(Hash)]
pub struct ItaMeetingShown<'a> {
    pub title: &'a str,
    pub date: calendar::Date,
    pub path: &'a str,
    pub readiness: Readiness,
}

impl<'a> ItaYearShown<'a> {
    pub fn of(site: &'a SiteModel) -> Vec<ItaYearShown<'a>> {
        site.years
            .iter()
            .map(|y| {
                let Year { fy, entries, complete, ita, stats: _ } = y;
                ItaYearShown {
                    fy: *fy,
                    complete: *complete,
                    item: ita.as_ref(),
                    meetings: entries.iter().map(|&i| ItaMeetingShown::of(&site.entries[i])).collect(),
                }
            })
            .collect()
    }
}

impl<'a> ItaMeetingShown<'a> {
    fn of(e: &'a Entry) -> ItaMeetingShown<'a> {
        let Entry { meeting, path, readiness, organization: _, attendance: _, fingerprint: _ } = e;
        ItaMeetingShown { title: &meeting.title, date: meeting.date, path, readiness: *readiness }
    }
}

/// One fiscal year on the `/ita/` page.
#[derive(Serialize)]
pub struct ItaYear<'a> {
    pub fy: i32,
    /// The year page, below the base: `2567/`.
    pub path: String,
    pub item: Option<&'a crate::load::ItaItem>,
    /// The absolute URL to submit to evaluators: the year page.
    pub url: String,
    pub complete: bool,
    /// Meetings of the year, and of them those not complete.
    pub count: usize,
    pub incomplete: usize,
    /// The pages holding the year's rows, when they are not all on this one.
    pub elsewhere: Vec<PageLink>,
    /// The year's meetings on this page.
    pub meetings: Vec<ItaMeeting<'a>>,
}

#[derive(Serialize)]
pub struct ItaMeeting<'a> {
    pub title: &'a str,
    pub date: String,
    pub path: &'a str,
    pub url: String,
    pub complete: bool,
    /// One line per missing element; the same few lines for every meeting, so each is
    /// made once and shared (a site of 10,000 incomplete meetings would hold 20,000 copies).
    pub missing: Vec<minijinja::Value>,
}

/// The years of the `/ita/` page whose table rows fall on `page` (numbered from 1, rows
/// counted across the years in order, `per_page` a page): on the first page every year,
/// for its facts; on the others only those with rows there.
pub fn ita_years<'a>(
    config: &Config,
    years: &[ItaYearShown<'a>],
    page: usize,
    per_page: usize,
) -> Vec<ItaYear<'a>> {
    let mut lines: std::collections::HashMap<(bool, bool, bool, bool), Vec<minijinja::Value>> =
        std::collections::HashMap::new();
    let mut missing = |r: Readiness| {
        lines
            .entry((r.topics, r.attendees, r.results, r.usage))
            .or_insert_with(|| {
                r.missing(config)
                    .into_iter()
                    .map(|(_, s)| minijinja::Value::from(s.trim_start_matches("ITA: ")))
                    .collect()
            })
            .clone()
    };
    let shown = (page - 1) * per_page..page * per_page;
    let mut first_row = 0;
    let mut out = Vec::new();
    for y in years {
        let rows = first_row..first_row + y.meetings.len();
        first_row = rows.end;
        let here = shown.start.clamp(rows.start, rows.end)..shown.end.clamp(rows.start, rows.end);
        if here.is_empty() && page > 1 {
            continue;
        }
        // The pages that hold this year's rows, when not all of them are here.
        let elsewhere = if here.len() == rows.len() {
            Vec::new()
        } else {
            (rows.start / per_page + 1..=(rows.end - 1) / per_page + 1)
                .map(|n| page_link("ita/", n))
                .collect()
        };
        let local = here.start - rows.start..here.end - rows.start;
        out.push(ItaYear {
            fy: y.fy,
            path: format!("{}/", y.fy),
            item: y.item,
            url: format!("{}{}/", config.base_url, y.fy),
            complete: y.complete,
            count: y.meetings.len(),
            incomplete: y.meetings.iter().filter(|m| !m.readiness.complete()).count(),
            elsewhere,
            meetings: y.meetings[local]
                .iter()
                .map(|m| ItaMeeting {
                    title: m.title,
                    date: m.date.iso(),
                    path: m.path,
                    url: format!("{}{}", config.base_url, m.path),
                    complete: m.readiness.complete(),
                    missing: missing(m.readiness),
                })
                .collect(),
        });
    }
    out
}

/// Rows of a year's or the ITA page's table on one page: past it the table goes on at
/// `page/2/`, `page/3/` … below the page's own URL, so that no page grows past a size
/// a browser opens readily (about 2 MB at 500 rows).
pub const ROWS_PER_PAGE: usize = 500;

/// Where page `n` (from 1) of the page at `base` (`2567/`, `ita/`) is: the first at
/// `base` itself.
pub fn page_path(base: &str, n: usize) -> String {
    if n <= 1 { base.to_string() } else { format!("{base}page/{n}/") }
}

/// How many pages a table of `rows` rows takes (at least one).
pub fn page_count(rows: usize, per_page: usize) -> usize {
    rows.div_ceil(per_page).max(1)
}

/// One page of a split table, as linked.
#[derive(Serialize)]
pub struct PageLink {
    pub n: usize,
    pub path: String,
}

fn page_link(base: &str, n: usize) -> PageLink {
    PageLink { n, path: page_path(base, n) }
}

/// Which page of a table this is, and the links to all of them (one link: not split).
#[derive(Serialize)]
pub struct Pager {
    pub page: usize,
    /// Rows on pages before this one: the first row here is `offset + 1`.
    pub offset: usize,
    pub pages: Vec<PageLink>,
}

pub fn pager(base: &str, page: usize, pages: usize, per_page: usize) -> Pager {
    Pager { page, offset: (page - 1) * per_page, pages: (1..=pages).map(|n| page_link(base, n)).collect() }
}

/// A year's dashboard as listed on `/ita/`.
#[derive(Serialize, Clone, PartialEq, Eq, Hash)]
pub struct DashboardLink {
    pub fy: i32,
    /// `ita/2569/`.
    pub path: String,
    /// `ita/2569/urls.csv`.
    pub csv: String,
    pub present: usize,
    pub incomplete: usize,
    pub missing: usize,
    pub items: usize,
}

pub fn dashboard_links(ita: &Ita) -> Vec<DashboardLink> {
    ita.dashboards
        .iter()
        .map(|d| {
            let [present, incomplete, missing] = d.counts();
            DashboardLink {
                fy: d.fy,
                path: format!("ita/{}/", d.fy),
                csv: format!("ita/{}/urls.csv", d.fy),
                present,
                incomplete,
                missing,
                items: d.rows.len(),
            }
        })
        .collect()
}

/// One row of a dashboard as its page shows it.
#[derive(Serialize)]
pub struct RowView<'a> {
    pub code: &'a str,
    pub name: &'a str,
    pub requires: &'a str,
    /// Below the base, and absolute (the URL to submit).
    pub path: Option<&'a str>,
    pub url: Option<String>,
    pub page_title: Option<&'a str>,
    pub carried_from: Option<i32>,
    /// `present`, `incomplete`, `missing`.
    pub status: Status,
    pub label: &'static str,
    pub missing: &'a [String],
    pub participation: bool,
    pub draft: bool,
}

fn row_view<'a>(config: &Config, r: &'a DashRow) -> RowView<'a> {
    RowView {
        code: &r.code,
        name: &r.name,
        requires: &r.requires,
        path: r.path.as_deref(),
        url: r
            .path
            .as_ref()
            .map(|p| format!("{}{}", config.base_url, crate::render::filters::encode_path(p))),
        page_title: r.page_title.as_deref(),
        carried_from: r.carried_from,
        status: r.status,
        label: r.status.label(),
        missing: &r.missing,
        participation: r.participation,
        draft: r.draft,
    }
}

/// `/ita/<fy>/`.
#[derive(Serialize)]
pub struct DashboardView<'a> {
    pub fy: i32,
    pub path: String,
    pub csv: String,
    pub rows: Vec<RowView<'a>>,
    pub extra: Vec<RowView<'a>>,
    pub present: usize,
    pub incomplete: usize,
    pub missing: usize,
}

pub fn dashboard_view<'a>(config: &Config, d: &'a Dashboard) -> DashboardView<'a> {
    let [present, incomplete, missing] = d.counts();
    DashboardView {
        fy: d.fy,
        path: format!("ita/{}/", d.fy),
        csv: format!("ita/{}/urls.csv", d.fy),
        rows: d.rows.iter().map(|r| row_view(config, r)).collect(),
        extra: d.extra.iter().map(|r| row_view(config, r)).collect(),
        present,
        incomplete,
        missing,
    }
}

/// A CSV attachment shown as a table.
#[derive(Serialize)]
pub struct CsvTable {
    pub name: String,
    pub href: String,
    pub header: Vec<String>,
    pub rows: Vec<Vec<String>>,
    /// All the rows of the file, when more than are shown.
    pub cut_from: Option<usize>,
}

/// `/ita/<fy>/<code>/`.
#[derive(Serialize)]
pub struct DisclosureView<'a> {
    pub title: &'a str,
    pub code: &'a str,
    pub item_name: Option<&'a str>,
    pub requires: Option<&'a str>,
    pub fy: i32,
    pub path: &'a str,
    pub description: Option<&'a str>,
    /// ISO, and in Thai.
    pub updated: Option<String>,
    pub updated_text: Option<String>,
    pub links: &'a [crate::load::Link],
    pub attachments: Vec<AttachmentView>,
    pub tables: Vec<CsvTable>,
    pub status: Status,
    pub label: &'static str,
    pub draft: bool,
}

pub fn disclosure_view<'a>(
    e: &'a DisclosureEntry,
    n: Numerals,
    attachments: Vec<AttachmentView>,
    tables: Vec<CsvTable>,
) -> DisclosureView<'a> {
    let p = &e.page;
    DisclosureView {
        title: &p.title,
        code: &p.code,
        item_name: e.item.as_ref().map(|i| i.name.as_str()),
        requires: e.item.as_ref().map(|i| i.requires.as_str()),
        fy: e.fy,
        path: &e.path,
        description: p.description.as_deref(),
        updated: p.updated.map(|d| d.iso()),
        updated_text: p.updated.map(|d| calendar::format_thai(d, n)),
        links: &p.links,
        attachments,
        tables,
        status: e.status,
        label: e.status.label(),
        draft: p.draft,
    }
}
