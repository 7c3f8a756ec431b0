//! Model: from loaded meetings to the site as plain data — published meetings in order,
//! fiscal years with their statistics, ITA readiness. No I/O and no HTML here.

pub mod ita;
pub mod stats;

pub use ita::Readiness;
pub use stats::{role_key, Attendance, YearStats};

use crate::calendar::Date;
use crate::diagnostics::{Diagnostics, Pos};
use crate::load::{Config, ItaItem, Loaded, Meeting};
use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

/// A published meeting with what the model derived from it.
#[derive(Clone, Debug)]
pub struct Entry {
    pub meeting: Arc<Meeting>,
    /// The meeting's organisation, or the site's.
    pub organization: String,
    pub attendance: Attendance,
    pub readiness: Readiness,
    /// Path below the site's base, e.g. `2567/draft-plan-2567/`.
    pub path: String,
}

#[derive(Clone, Debug)]
pub struct Year {
    /// Fiscal year, B.E.
    pub fy: i32,
    /// Indices into [`Site::entries`], in date order.
    pub entries: Vec<usize>,
    pub stats: YearStats,
    pub ita: Option<ItaItem>,
    /// Every meeting of the year has all four ITA elements.
    pub complete: bool,
}

#[derive(Clone, Debug)]
pub struct Site {
    pub config: Config,
    /// Published meetings in date order (then time, then slug).
    pub entries: Vec<Entry>,
    /// Newest fiscal year first.
    pub years: Vec<Year>,
}

pub struct Options {
    pub drafts: bool,
    /// Meetings after this day are warned about (ITA scores what was done).
    pub today: Option<Date>,
}

/// Builds the site model; cross-file problems (duplicate URLs) and ITA readiness go to
/// `diags`.
pub fn build(loaded: &Loaded, opts: &Options, diags: &mut Diagnostics) -> Site {
    let config = loaded.config.clone();
    let mut entries: Vec<Entry> = loaded
        .meetings
        .iter()
        .filter(|m| opts.drafts || !m.draft)
        .map(|m| Entry {
            meeting: m.clone(),
            organization: m.organization.clone().unwrap_or_else(|| config.organization.clone()),
            attendance: stats::attendance(m),
            readiness: ita::readiness(m, &config),
            path: format!("{}/{}/", m.fiscal_year, m.slug),
        })
        .collect();
    entries.sort_by(|a, b| {
        let (a, b) = (&a.meeting, &b.meeting);
        (a.date, a.time, &a.slug, &a.source).cmp(&(b.date, b.time, &b.slug, &b.source))
    });

    // A URL is submitted to evaluators: two meetings must never share one.
    let mut seen: HashMap<&str, &str> = HashMap::new();
    for e in &entries {
        if let Some(first) = seen.insert(&e.path, &e.meeting.source) {
            diags.error(
                &e.meeting.source,
                Pos { line: 1, column: 1 },
                format!(
                    "ปีงบประมาณ {} มีการประชุม slug \"{}\" ซ้ำกับ {} (URL ซ้ำกัน) ให้ใส่ slug: ที่ต่างกัน",
                    e.meeting.fiscal_year, e.meeting.slug, first
                ),
            );
        }
    }

    for e in &entries {
        let m = &e.meeting;
        for line in e.readiness.missing(&config) {
            diags.warning(&m.source, Pos { line: 1, column: 1 }, line);
        }
        if let Some(today) = opts.today {
            if m.date > today {
                diags.warning(
                    &m.source,
                    Pos { line: 1, column: 1 },
                    format!("วันที่ประชุม {} ยังมาไม่ถึง (ITA ประเมินกิจกรรมที่ดำเนินการแล้ว)", crate::calendar::format_thai(m.date, config.numerals)),
                );
            }
        }
    }

    let mut by_year: BTreeMap<i32, Vec<usize>> = BTreeMap::new();
    for (i, e) in entries.iter().enumerate() {
        by_year.entry(e.meeting.fiscal_year).or_default().push(i);
    }
    let years = by_year
        .into_iter()
        .rev()
        .map(|(fy, idx)| Year {
            fy,
            stats: stats::year_stats(idx.iter().map(|&i| &entries[i].attendance), &config.role_groups),
            ita: config.ita.get(&fy).cloned(),
            complete: idx.iter().all(|&i| entries[i].readiness.complete()),
            entries: idx,
        })
        .collect();
    Site { config, entries, years }
}
