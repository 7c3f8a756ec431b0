//! Model: from loaded meetings to the site as plain data — published meetings in order,
//! fiscal years with their statistics (and the figures of their charts, [`bars`]), ITA
//! readiness. No I/O and no HTML here.

pub mod bars;
pub mod ita;
pub mod stats;

pub use ita::Readiness;
pub use stats::{Attendance, YearStats, role_key};

use crate::calendar::Date;
use crate::diagnostics::{Code, Diagnostic, Diagnostics, Pos, Severity};
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
    /// Indices into [`SiteModel::entries`], in date order.
    pub entries: Vec<usize>,
    pub stats: YearStats,
    pub ita: Option<ItaItem>,
    /// Every meeting of the year has all four ITA elements.
    pub complete: bool,
}

#[derive(Clone, Debug)]
pub struct SiteModel {
    pub config: Config,
    /// Published meetings in date order (then time, then slug).
    pub entries: Vec<Arc<Entry>>,
    /// Newest fiscal year first.
    pub years: Vec<Year>,
    /// Disclosure pages and each assessment year's OIT dashboard.
    pub ita: ita::dashboard::Ita,
}

pub struct ModelOptions {
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
    inputs: Option<CacheInputs>,
    /// Keyed by the address of the meeting, which the entry holds, so it stays valid.
    entries: HashMap<usize, KeptEntry>,
    builds: u64,
    /// The entries in order, as last built.
    sorted: Vec<Arc<Entry>>,
    /// How many entries have each path, and how many paths more than one.
    paths: HashMap<String, u32>,
    shared_paths: usize,
    years: HashMap<i32, KeptYear>,
}

/// What the whole cache was made for: it is dropped when any of it changes.
#[derive(PartialEq)]
struct CacheInputs {
    config: Config,
    drafts: bool,
    today: Option<Date>,
}

/// A meeting's entry and the warnings about it alone.
struct KeptEntry {
    entry: Arc<Entry>,
    diags: Arc<[Diagnostic]>,
    /// The number of the last build that had it.
    build: u64,
}

/// A fiscal year's statistics, kept while the fingerprints of its meetings hash the same.
#[derive(Clone)]
struct KeptYear {
    key: u64,
    stats: YearStats,
    complete: bool,
}

/// Builds the site model; cross-file problems (duplicate URLs) and ITA readiness go to
/// `diags`.
pub fn build(loaded: &Loaded, opts: &ModelOptions, diags: &mut Diagnostics) -> SiteModel {
    build_cached(loaded, opts, diags, &mut Cache::default())
}

/// [`build`], reusing what `cache` holds from the previous build and keeping this one's.
/// The result is the same as [`build`]'s.
pub fn build_cached(
    loaded: &Loaded,
    opts: &ModelOptions,
    diags: &mut Diagnostics,
    cache: &mut Cache,
) -> SiteModel {
    let config = loaded.config.clone();
    let inputs = CacheInputs { config: config.clone(), drafts: opts.drafts, today: opts.today };
    if cache.inputs.as_ref() != Some(&inputs) {
        *cache = Cache { inputs: Some(inputs), ..Cache::default() };
    }
    let published = published_meetings(&loaded.meetings, opts, diags);
    let changes = update_entries(cache, &published, &config, opts);
    count_paths(cache, &changes);
    let entries = sort_entries(cache, changes);
    report_duplicate_urls(cache, &entries, diags);
    for e in &entries {
        if let Some(kept) = cache.entries.get(&address(&e.meeting)) {
            diags.extend_shared(&kept.diags);
        }
    }
    let years = build_years(cache, &entries, &config, &loaded.registries);
    let ita = ita::dashboard::build(
        &loaded.disclosures,
        &loaded.registries,
        &config,
        &years,
        &entries,
        opts,
        diags,
    );
    SiteModel { config, entries, years, ita }
}

/// The meetings to build: those not drafts, and with `opts.drafts` the drafts too, but for
/// a draft at the URL of a meeting that is not one: the published page keeps its URL, and
/// the draft is left out with the error.
fn published_meetings<'a>(
    meetings: &'a [Arc<Meeting>],
    opts: &ModelOptions,
    diags: &mut Diagnostics,
) -> Vec<&'a Arc<Meeting>> {
    if !opts.drafts || !meetings.iter().any(|m| m.draft) {
        return meetings.iter().filter(|m| !m.draft).collect();
    }
    let taken: HashMap<(i32, &str), &str> = meetings
        .iter()
        .filter(|m| !m.draft)
        .map(|m| ((m.fiscal_year, m.slug.as_str()), m.source.as_str()))
        .collect();
    meetings
        .iter()
        .filter(|m| {
            let Some(first) = m.draft.then(|| taken.get(&(m.fiscal_year, m.slug.as_str()))).flatten() else {
                return true;
            };
            diags.error(
                Code::DuplicateUrl,
                &m.source,
                Pos { line: 1, column: 1 },
                format!(
                    "ร่างนี้มี slug \"{}\" ซ้ำกับหน้าที่เผยแพร่แล้ว {first} (ปีงบประมาณ {}, URL ซ้ำกัน) จึงไม่ได้สร้าง ให้ใส่ slug: ที่ต่างกัน",
                    m.slug, m.fiscal_year
                ),
            );
            false
        })
        .collect()
}

/// The published entries of this build, in the order of `published`, and which of them are
/// new since the last build and which of the last build's are gone.
struct EntryChanges {
    entries: Vec<Arc<Entry>>,
    added: Vec<Arc<Entry>>,
    gone: Vec<Arc<Entry>>,
}

/// Makes the entries of meetings not seen before (in parallel), keeps the rest, and drops
/// those of meetings gone.
fn update_entries(
    cache: &mut Cache,
    published: &[&Arc<Meeting>],
    config: &Config,
    opts: &ModelOptions,
) -> EntryChanges {
    let fresh: Vec<(usize, Arc<Entry>, Arc<[Diagnostic]>)> = published
        .par_iter()
        .filter(|m| !cache.entries.contains_key(&address(m)))
        .map(|m| {
            let (entry, diags) = entry(m, config, opts);
            (address(m), entry, diags)
        })
        .collect();
    cache.builds += 1;
    let build = cache.builds;
    let added: Vec<Arc<Entry>> = fresh.iter().map(|(_, e, _)| e.clone()).collect();
    for (k, entry, diags) in fresh {
        cache.entries.insert(k, KeptEntry { entry, diags, build });
    }
    let mut entries: Vec<Arc<Entry>> = Vec::with_capacity(published.len());
    for m in published {
        let kept = cache.entries.get_mut(&address(m)).expect("entry made above");
        kept.build = build;
        entries.push(kept.entry.clone());
    }
    let mut gone: Vec<Arc<Entry>> = Vec::new();
    cache.entries.retain(|_, kept| {
        if kept.build != build {
            gone.push(kept.entry.clone());
        }
        kept.build == build
    });
    EntryChanges { entries, added, gone }
}

/// Counts how many entries have each path as entries come and go, so that duplicate URLs
/// are looked for only when some path is had by two.
fn count_paths(cache: &mut Cache, changes: &EntryChanges) {
    for e in &changes.gone {
        let n = cache.paths.get_mut(&e.path).expect("counted");
        *n -= 1;
        match *n {
            0 => drop(cache.paths.remove(&e.path)),
            1 => cache.shared_paths -= 1,
            _ => {}
        }
    }
    for e in &changes.added {
        let n = cache.paths.entry(e.path.clone()).or_insert(0);
        *n += 1;
        if *n == 2 {
            cache.shared_paths += 1;
        }
    }
}

/// Date order, then time, slug and file: a total order (no two meetings share a file),
/// so sorting without keeping ties in place, or putting a few entries into the last
/// order, gives the one result.
fn entry_order(a: &Arc<Entry>, b: &Arc<Entry>) -> std::cmp::Ordering {
    let (a, b) = (&a.meeting, &b.meeting);
    (a.date, a.time).cmp(&(b.date, b.time)).then_with(|| (&a.slug, &a.source).cmp(&(&b.slug, &b.source)))
}

/// The entries in [`entry_order`]: the last build's order with a few entries taken out
/// and put in, or sorted afresh when many changed.
fn sort_entries(cache: &mut Cache, changes: EntryChanges) -> Vec<Arc<Entry>> {
    let EntryChanges { entries, added, gone } = changes;
    let few = (added.len() + gone.len()) * 64 < entries.len()
        && cache.sorted.len() + added.len() == entries.len() + gone.len();
    let entries: Vec<Arc<Entry>> = if few {
        let gone: std::collections::HashSet<usize> = gone.iter().map(|e| address(&e.meeting)).collect();
        let mut v: Vec<Arc<Entry>> = std::mem::take(&mut cache.sorted);
        v.retain(|e| !gone.contains(&address(&e.meeting)));
        for e in added {
            let i = v.partition_point(|x| entry_order(x, &e) == std::cmp::Ordering::Less);
            v.insert(i, e);
        }
        v
    } else {
        let mut keys: Vec<(Date, Option<crate::calendar::Time>, u32)> =
            entries.iter().enumerate().map(|(i, e)| (e.meeting.date, e.meeting.time, i as u32)).collect();
        keys.sort_unstable_by(|a, b| {
            (a.0, a.1)
                .cmp(&(b.0, b.1))
                .then_with(|| entry_order(&entries[a.2 as usize], &entries[b.2 as usize]))
        });
        keys.iter().map(|k| entries[k.2 as usize].clone()).collect()
    };
    cache.sorted = entries.clone();
    entries
}

/// A URL is submitted to evaluators: two meetings must never share one.
fn report_duplicate_urls(cache: &Cache, entries: &[Arc<Entry>], diags: &mut Diagnostics) {
    if cache.shared_paths == 0 {
        return;
    }
    let mut seen: HashMap<&str, &str> = HashMap::new();
    for e in entries {
        if let Some(first) = seen.insert(&e.path, &e.meeting.source) {
            diags.error(
                Code::DuplicateUrl,
                &e.meeting.source,
                Pos { line: 1, column: 1 },
                format!(
                    "ปีงบประมาณ {} มีการประชุม slug \"{}\" ซ้ำกับ {} (URL ซ้ำกัน) ให้ใส่ slug: ที่ต่างกัน",
                    e.meeting.fiscal_year, e.meeting.slug, first
                ),
            );
        }
    }
}

/// The fiscal years, newest first, each with its statistics (kept from the last build
/// while the fingerprints of its meetings hash the same).
fn build_years(
    cache: &mut Cache,
    entries: &[Arc<Entry>],
    config: &Config,
    registries: &crate::load::Registries,
) -> Vec<Year> {
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
    let stats: Vec<KeptYear> = by_year
        .par_iter()
        .map(|(fy, idx, key)| match cache.years.get(fy) {
            Some(cached) if cached.key == *key => cached.clone(),
            _ => KeptYear {
                key: *key,
                stats: stats::year_stats(idx.iter().map(|&i| &entries[i].attendance), &config.role_groups),
                complete: idx.iter().all(|&i| entries[i].readiness.complete()),
            },
        })
        .collect();
    cache.years = by_year.iter().map(|y| y.0).zip(stats.iter().cloned()).collect();
    by_year
        .into_iter()
        .zip(stats)
        .map(|((fy, idx, _), KeptYear { stats, complete, .. })| Year {
            fy,
            stats,
            ita: participation_item(fy, config, registries),
            complete,
            entries: idx,
        })
        .collect()
}

/// The year's participation item: `site.yaml`'s `ita:` for the year, else the registry's.
fn participation_item(fy: i32, config: &Config, registries: &crate::load::Registries) -> Option<ItaItem> {
    config.ita.get(&fy).cloned().or_else(|| {
        let item =
            registries.get(&fy)?.items.iter().find(|i| i.key == crate::load::registry::PARTICIPATION)?;
        Some(ItaItem { code: item.code.clone(), name: item.name.clone() })
    })
}

fn address(m: &Arc<Meeting>) -> usize {
    Arc::as_ptr(m) as usize
}

/// What the model says of one meeting alone (ITA readiness and its messages, roles in no
/// group, a date in the future), as a build says it: for the editor's check of a form.
pub fn meeting_check(m: &Arc<Meeting>, config: &Config, today: Option<Date>) -> (Readiness, Vec<Diagnostic>) {
    let (e, diags) = entry(m, config, &ModelOptions { drafts: true, today });
    (e.readiness, diags.to_vec())
}

/// One published meeting's entry and the warnings about it alone.
fn entry(m: &Arc<Meeting>, config: &Config, opts: &ModelOptions) -> (Arc<Entry>, Arc<[Diagnostic]>) {
    let (readiness, missing) = ita::check(m, config);
    let mut e = Entry {
        meeting: m.clone(),
        organization: m.organization.clone().unwrap_or_else(|| config.organization.clone()),
        attendance: stats::attendance(m),
        readiness,
        path: format!("{}/{}/", m.fiscal_year, m.slug),
        fingerprint: 0,
    };
    e.fingerprint = fingerprint(&e);
    let diagnostic = |severity, line, (code, message): (Code, String)| Diagnostic {
        severity,
        code,
        file: m.source.clone(),
        line,
        column: 1,
        message,
        detail: None,
    };
    let warning = |w| diagnostic(crate::diagnostics::Severity::Warning, 1, w);
    let mut diags: Vec<Diagnostic> =
        missing.into_iter().map(|x| Diagnostic { line: x.line, ..warning((x.code, x.message)) }).collect();
    diags.extend(roles_outside_groups(m, &config.role_groups));
    if let Some(today) = opts.today {
        diags.extend(
            future(m, today, config.numerals).map(|(severity, d)| diagnostic(severity, m.date_line, d)),
        );
    }
    (Arc::new(e), diags.into())
}

/// With `role_groups` set, a warning for each role of the meeting that is in no group (at
/// its first line): a misspelt role silently moves people out of their group, and "did you
/// mean" names the group role it most likely is.
fn roles_outside_groups(m: &Meeting, groups: &[crate::load::RoleGroup]) -> Vec<Diagnostic> {
    if groups.is_empty() || m.attendees.is_empty() {
        return vec![];
    }
    let group_of = stats::group_index(groups);
    let mut seen = std::collections::HashSet::new();
    let mut out = Vec::new();
    for a in &m.attendees {
        let k = role_key(&a.role);
        if group_of.contains_key(&k) || !seen.insert(k.clone()) {
            continue;
        }
        let hint = match closest_group_role(&k, groups) {
            Some(r) => format!("(หมายถึง {r} หรือไม่) ถ้าเป็นตำแหน่งนี้จริง ให้เพิ่มในกลุ่มที่ถูกต้องใน site.yaml"),
            None => format!(
                "ให้เพิ่มตำแหน่งนี้ในกลุ่มที่ถูกต้องใน site.yaml หรือแก้ชื่อให้ตรงกับตำแหน่งในกลุ่ม (กลุ่มที่มี: {})",
                groups.iter().map(|g| g.name.as_str()).collect::<Vec<_>>().join(", ")
            ),
        };
        out.push(Diagnostic {
            severity: crate::diagnostics::Severity::Warning,
            code: Code::RoleNotInGroup,
            file: m.source.clone(),
            line: a.line.max(1),
            column: 1,
            detail: None,
            message: format!(
                "ตำแหน่ง \"{}\" ไม่อยู่ในกลุ่มใดของ role_groups จึงนับใน \"{}\" {hint}",
                a.role,
                stats::OTHER_ROLES
            ),
        });
    }
    out
}

/// The role of a group nearest to `key` (a [`role_key`]), if near enough to be a slip of
/// the keyboard rather than another role.
fn closest_group_role<'g>(key: &str, groups: &'g [crate::load::RoleGroup]) -> Option<&'g str> {
    let len = key.chars().count();
    groups
        .iter()
        .flat_map(|g| &g.roles)
        .map(|r| (strsim::levenshtein(key, &role_key(r)), r.as_str()))
        .min_by_key(|(d, _)| *d)
        // A slip of a few letters; roles of one office share long tails
        // (…องค์การบริหารส่วนตำบล), so a quarter of the length would call the council's
        // members the mayor misspelt.
        .filter(|(d, _)| *d <= 2.max(len / 8))
        .map(|(_, r)| r)
}

/// A meeting dated after `today`: a warning (ITA scores what was done), or an error when
/// a day of it is more than one fiscal year after the current one, which is a typed year
/// (2658 for 2568), not a plan.
fn future(m: &Meeting, today: Date, n: crate::calendar::Numerals) -> Option<(Severity, (Code, String))> {
    use crate::calendar::format_thai;
    let last = m.date_end.unwrap_or(m.date);
    let current = today.fiscal_year();
    if last.fiscal_year() > current + 1 {
        let guess = swapped_year(last.year_be(), today.year_be())
            .map(|y| format!(" (พิมพ์ {} แทน {y} หรือไม่?)", last.year_be()))
            .unwrap_or_default();
        return Some((
            Severity::Error,
            (
                Code::DateFarFuture,
                format!(
                    "วันที่ประชุม {} อยู่ในปีงบประมาณ {} เลยปีงบประมาณปัจจุบัน ({current}) ไปเกินหนึ่งปี น่าจะพิมพ์ปีผิด{guess}",
                    format_thai(last, n),
                    last.fiscal_year()
                ),
            ),
        ));
    }
    (m.date > today).then(|| {
        (
            Severity::Warning,
            (
                Code::FutureDate,
                format!("วันที่ประชุม {} ยังมาไม่ถึง (ITA ประเมินกิจกรรมที่ดำเนินการแล้ว)", format_thai(m.date, n)),
            ),
        )
    })
}

/// The year meant by `typed` if two of its digits were swapped: the one nearest `this_year`
/// among those not after it.
fn swapped_year(typed: i32, this_year: i32) -> Option<i32> {
    let digits: Vec<char> = typed.to_string().chars().collect();
    (0..digits.len().saturating_sub(1))
        .filter_map(|i| {
            let mut d = digits.clone();
            d.swap(i, i + 1);
            d.iter().collect::<String>().parse::<i32>().ok()
        })
        .filter(|&y| (2400..=this_year + 1).contains(&y))
        .max()
}

/// See [`Entry::fingerprint`]. Every field is named, so that a field added to [`Meeting`]
/// or [`Entry`] cannot be forgotten here.
fn fingerprint(e: &Entry) -> u64 {
    let Entry { meeting, organization, attendance, readiness, path, fingerprint: _ } = e;
    let Meeting {
        source,
        title,
        date,
        date_end,
        date_line,
        time,
        time_end,
        venue,
        organization: own_organization,
        number,
        chair,
        organizers,
        objectives,
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
        key_lines: _,
    } = &**meeting;
    let mut h = std::collections::hash_map::DefaultHasher::new();
    (
        source,
        title,
        (date, date_end, date_line),
        (time.map(|t| (t.hour, t.minute)), time_end.map(|t| (t.hour, t.minute))),
        venue,
        own_organization,
        fiscal_year,
        slug,
        summary,
        topics,
    )
        .hash(&mut h);
    (number, chair, organizers, objectives).hash(&mut h);
    for a in attendees {
        (&a.role, a.count, a.line).hash(&mut h);
    }
    attendees_total.hash(&mut h);
    for a in attachments {
        // The file's size is shown on the meeting's own page alone, which is kept by the
        // meeting's identity (a change of the file makes a new meeting, see `load`).
        let crate::load::Attachment { path, pos, file: _ } = a;
        (path, pos).hash(&mut h);
    }
    (draft, organization, path).hash(&mut h);
    match attendance {
        Attendance::Listed { rows, total, total_at_least, unassigned } => {
            (0u8, total, total_at_least, unassigned).hash(&mut h);
            for r in rows {
                (&r.role, r.count).hash(&mut h);
            }
        }
        Attendance::RolesOnly { rows } => {
            3u8.hash(&mut h);
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
