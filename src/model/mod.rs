//! Model: from loaded meetings to the site as plain data — published meetings in order,
//! fiscal years with their statistics, ITA readiness. No I/O and no HTML here.

pub mod ita;
pub mod stats;

pub use ita::Readiness;
pub use stats::{role_key, Attendance, YearStats};

use crate::calendar::Date;
use crate::diagnostics::{Diagnostic, Diagnostics, Pos};
use crate::load::{Config, ItaItem, Loaded, Meeting};
use rayon::prelude::*;
use std::collections::{BTreeMap, HashMap};
use std::hash::{Hash, Hasher};
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
    /// A hash of everything about the meeting that pages other than its own can show (all
    /// but the body, whose only effect elsewhere is `readiness`): a page that lists
    /// meetings needs rendering again only when the fingerprint of one of them changed.
    pub fingerprint: u64,
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
    pub entries: Vec<Arc<Entry>>,
    /// Newest fiscal year first.
    pub years: Vec<Year>,
}

pub struct Options {
    pub drafts: bool,
    /// Meetings after this day are warned about (ITA scores what was done).
    pub today: Option<Date>,
}

/// What [`build_cached`] keeps between builds of one site: each meeting's entry and
/// warnings (kept while the very same parsed meeting comes back, as the loader's cache
/// hands it), and each fiscal year's statistics (kept while its meetings are the same).
/// All of it is dropped when the settings or the options change.
#[derive(Default)]
pub struct Cache {
    inputs: Option<(Config, bool, Option<Date>)>,
    /// Keyed by the address of the meeting, which the entry holds, so it stays valid.
    entries: HashMap<usize, (Arc<Entry>, Vec<Diagnostic>)>,
    years: HashMap<i32, (u64, YearStats, bool)>,
}

/// Builds the site model; cross-file problems (duplicate URLs) and ITA readiness go to
/// `diags`.
pub fn build(loaded: &Loaded, opts: &Options, diags: &mut Diagnostics) -> Site {
    build_with(loaded, opts, diags, &mut Cache::default(), false)
}

/// [`build`], reusing what `cache` holds from the previous build and keeping this one's.
/// The result is the same as [`build`]'s.
pub fn build_cached(loaded: &Loaded, opts: &Options, diags: &mut Diagnostics, cache: &mut Cache) -> Site {
    build_with(loaded, opts, diags, cache, true)
}

fn build_with(loaded: &Loaded, opts: &Options, diags: &mut Diagnostics, cache: &mut Cache, keep: bool) -> Site {
    let config = loaded.config.clone();
    let inputs = (config.clone(), opts.drafts, opts.today);
    if cache.inputs.as_ref() != Some(&inputs) {
        *cache = Cache { inputs: Some(inputs), ..Cache::default() };
    }
    let published: Vec<&Arc<Meeting>> = loaded.meetings.iter().filter(|m| opts.drafts || !m.draft).collect();
    let fresh: Vec<(usize, (Arc<Entry>, Vec<Diagnostic>))> = published
        .par_iter()
        .filter(|m| !cache.entries.contains_key(&address(m)))
        .map(|m| (address(m), entry(m, &config, opts)))
        .collect();
    let mut entries_cache = HashMap::with_capacity(published.len());
    for (k, v) in fresh {
        entries_cache.insert(k, v);
    }
    for m in &published {
        let k = address(m);
        if !entries_cache.contains_key(&k) {
            if let Some(v) = cache.entries.remove(&k) {
                entries_cache.insert(k, v);
            }
        }
    }
    cache.entries = entries_cache;
    let mut entries: Vec<Arc<Entry>> = published.iter().map(|m| cache.entries[&address(m)].0.clone()).collect();
    entries.sort_by(|a, b| {
        let (a, b) = (&a.meeting, &b.meeting);
        (a.date, a.time, &a.slug, &a.source).cmp(&(b.date, b.time, &b.slug, &b.source))
    });

    // A URL is submitted to evaluators: two meetings must never share one.
    let mut seen: HashMap<&str, &str> = HashMap::with_capacity(entries.len());
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
        match cache.entries.get_mut(&address(&e.meeting)) {
            Some((_, d)) if keep => diags.extend_from_slice(d),
            Some((_, d)) => diags.append(d),
            None => {}
        }
    }

    let mut by_year: BTreeMap<i32, Vec<usize>> = BTreeMap::new();
    for (i, e) in entries.iter().enumerate() {
        by_year.entry(e.meeting.fiscal_year).or_default().push(i);
    }
    let by_year: Vec<(i32, Vec<usize>, u64)> = by_year
        .into_iter()
        .rev()
        .map(|(fy, idx)| {
            let mut h = std::collections::hash_map::DefaultHasher::new();
            for &i in &idx {
                entries[i].fingerprint.hash(&mut h);
            }
            (fy, idx, h.finish())
        })
        .collect();
    let stats: Vec<(u64, YearStats, bool)> = by_year
        .par_iter()
        .map(|(fy, idx, key)| match cache.years.get(fy) {
            Some(cached) if cached.0 == *key => cached.clone(),
            _ => (
                *key,
                stats::year_stats(idx.iter().map(|&i| &entries[i].attendance), &config.role_groups),
                idx.iter().all(|&i| entries[i].readiness.complete()),
            ),
        })
        .collect();
    cache.years = by_year.iter().map(|y| y.0).zip(stats.iter().cloned()).collect();
    let years = by_year
        .into_iter()
        .zip(stats)
        .map(|((fy, idx, _), (_, stats, complete))| Year { fy, stats, ita: config.ita.get(&fy).cloned(), complete, entries: idx })
        .collect();
    Site { config, entries, years }
}

fn address(m: &Arc<Meeting>) -> usize {
    Arc::as_ptr(m) as usize
}

/// One published meeting's entry and the warnings about it alone.
fn entry(m: &Arc<Meeting>, config: &Config, opts: &Options) -> (Arc<Entry>, Vec<Diagnostic>) {
    let mut e = Entry {
        meeting: m.clone(),
        organization: m.organization.clone().unwrap_or_else(|| config.organization.clone()),
        attendance: stats::attendance(m),
        readiness: ita::readiness(m, config),
        path: format!("{}/{}/", m.fiscal_year, m.slug),
        fingerprint: 0,
    };
    e.fingerprint = fingerprint(&e);
    let warning = |message: String| Diagnostic {
        severity: crate::diagnostics::Severity::Warning,
        file: m.source.clone(),
        line: 1,
        column: 1,
        message,
    };
    let mut diags: Vec<Diagnostic> = e.readiness.missing(config).into_iter().map(warning).collect();
    if let Some(today) = opts.today {
        if m.date > today {
            diags.push(warning(format!(
                "วันที่ประชุม {} ยังมาไม่ถึง (ITA ประเมินกิจกรรมที่ดำเนินการแล้ว)",
                crate::calendar::format_thai(m.date, config.numerals)
            )));
        }
    }
    (Arc::new(e), diags)
}

/// See [`Entry::fingerprint`]. Every field is named, so that a field added to [`Meeting`]
/// or [`Entry`] cannot be forgotten here.
fn fingerprint(e: &Entry) -> u64 {
    let Entry { meeting, organization, attendance, readiness, path, fingerprint: _ } = e;
    let Meeting {
        source,
        title,
        date,
        time,
        venue,
        organization: own_organization,
        fiscal_year,
        slug,
        summary,
        topics,
        attendees,
        attendees_total,
        attachments,
        draft,
        body: _,
        body_line: _,
    } = &**meeting;
    let mut h = std::collections::hash_map::DefaultHasher::new();
    (source, title, date, time.map(|t| (t.hour, t.minute)), venue, own_organization, fiscal_year, slug, summary, topics).hash(&mut h);
    for a in attendees {
        (&a.role, a.count, a.line).hash(&mut h);
    }
    attendees_total.hash(&mut h);
    for a in attachments {
        (&a.path, a.pos).hash(&mut h);
    }
    (draft, organization, path).hash(&mut h);
    match attendance {
        Attendance::Listed { rows, total } => {
            (0u8, total).hash(&mut h);
            for r in rows {
                (&r.role, r.count).hash(&mut h);
            }
        }
        Attendance::TotalOnly { total } => (1u8, total).hash(&mut h),
        Attendance::Unknown => 2u8.hash(&mut h),
    }
    let Readiness { topics, attendees, results, usage } = *readiness;
    (topics, attendees, results, usage).hash(&mut h);
    h.finish()
}
