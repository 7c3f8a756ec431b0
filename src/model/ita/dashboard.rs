//! The whole OIT of each assessment year: every item of the year's registry in order, the
//! page that answers it (the year's own, or for an item not `yearly` the newest earlier
//! page of the same `key`: carried forward), its status and what is missing. The
//! participation item is answered by the year's meetings.
//!
//! Only earlier years are looked at for a year's rows, so adding a newer year never
//! changes an older year's dashboard.

use super::super::{ModelOptions, Year};
use crate::diagnostics::{Code, Diagnostics, Pos};
use crate::layout;
use crate::load::registry::PARTICIPATION;
use crate::load::{Config, Disclosure, Registries, Registry, RegistryItem};
use serde::Serialize;
use std::collections::HashMap;
use std::sync::Arc;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// มีแล้ว
    Present,
    /// ไม่ครบ
    Incomplete,
    /// ยังไม่มี
    Missing,
}

impl Status {
    pub fn label(self) -> &'static str {
        match self {
            Status::Present => "มีแล้ว",
            Status::Incomplete => "ไม่ครบ",
            Status::Missing => "ยังไม่มี",
        }
    }
}

/// A published disclosure page with what the model derived from it.
#[derive(Clone, Debug, PartialEq, Hash)]
pub struct DisclosureEntry {
    pub page: Arc<Disclosure>,
    /// `fiscal_year:`, the year folder, or the current assessment year.
    pub fy: i32,
    /// Below the site's base: `ita/2569/o1/`.
    pub path: String,
    pub status: Status,
    pub missing: Vec<String>,
    /// The item of the page's year's registry, if its code is there.
    pub item: Option<RegistryItem>,
}

impl std::hash::Hash for Disclosure {
    fn hash<H: std::hash::Hasher>(&self, h: &mut H) {
        let Disclosure {
            source,
            title,
            code,
            code_line,
            fiscal_year,
            description,
            updated,
            links,
            attachments,
            draft,
            body,
            body_line,
        } = self;
        (source, title, code, code_line, fiscal_year, description, updated, links, draft, body, body_line)
            .hash(h);
        for a in attachments {
            // With its file as loaded (size, CSV rows), which the page shows.
            let crate::load::Attachment { path, pos, file } = a;
            (path, pos, file).hash(h);
        }
    }
}

/// One row of a year's dashboard.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize)]
pub struct Row {
    pub code: String,
    pub name: String,
    /// For `urls.csv`: the page's `description`, else the registry's `requires`.
    pub description: String,
    pub requires: String,
    /// Below the site's base; None while there is no page.
    pub path: Option<String>,
    pub page_title: Option<String>,
    /// The page is of this earlier year (carried forward).
    pub carried_from: Option<i32>,
    pub status: Status,
    pub missing: Vec<String>,
    pub participation: bool,
    /// Its page is a draft (shown only by `serve` or with `--drafts`).
    pub draft: bool,
}

/// One assessment year's dashboard.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Dashboard {
    pub fy: i32,
    /// Its page, below the site's base: `ita/2569/`.
    pub path: String,
    pub registry: Arc<Registry>,
    /// Every registry item, in order.
    pub rows: Vec<Row>,
    /// Pages of the year whose code is not in the registry.
    pub extra: Vec<Row>,
}

impl Dashboard {
    /// How many rows are มีแล้ว, ไม่ครบ, ยังไม่มี.
    pub fn counts(&self) -> [usize; 3] {
        let mut c = [0; 3];
        for r in &self.rows {
            c[r.status as usize] += 1;
        }
        c
    }
}

/// The OIT part of the site.
#[derive(Clone, Debug, Default)]
pub struct Ita {
    /// The newest registry year not after the current fiscal year.
    pub current: Option<i32>,
    /// Published disclosure pages, by source path.
    pub pages: Vec<Arc<DisclosureEntry>>,
    /// Newest first.
    pub dashboards: Vec<Dashboard>,
}

/// The current assessment year: the newest registry year not after today's fiscal year
/// (without a today, the newest).
pub fn current_year(registries: &Registries, today: Option<crate::calendar::Date>) -> Option<i32> {
    let limit = today.map(|t| t.fiscal_year()).unwrap_or(i32::MAX);
    registries.keys().rev().copied().find(|&y| y <= limit)
}

/// The OIT of the site; the problems of its pages and the items missing for the current
/// year go to `diags`.
pub fn build(
    disclosures: &[Arc<Disclosure>],
    registries: &Registries,
    config: &Config,
    years: &[Year],
    entries: &[Arc<super::super::Entry>],
    opts: &ModelOptions,
    diags: &mut Diagnostics,
) -> Ita {
    let current = current_year(registries, opts.today);
    let fallback_year = current.or(opts.today.map(|t| t.fiscal_year())).unwrap_or(0);
    // Published pages first, so that a draft at the URL of a published page is the one in
    // error (a stable sort: otherwise in path order).
    let mut published: Vec<&Arc<Disclosure>> =
        disclosures.iter().filter(|d| opts.drafts || !d.draft).collect();
    published.sort_by_key(|d| d.draft);
    let mut pages = entries_of(published.into_iter(), fallback_year, registries, diags);
    pages.sort_by(|a, b| a.page.source.cmp(&b.page.source));
    let mut dashboards = Vec::new();
    for (&fy, registry) in registries.iter().rev() {
        let has_pages = pages.iter().any(|p| p.fy == fy);
        let year = years.iter().find(|y| y.fy == fy);
        if !(has_pages || year.is_some() || Some(fy) == current) {
            continue;
        }
        dashboards.push(dashboard(fy, registry, &pages, registries, config, year, entries));
    }
    // A site that only reports participation is not nagged about the other items.
    if let Some(cur) = current
        && !pages.is_empty()
        && let Some(d) = dashboards.iter().find(|d| d.fy == cur)
    {
        warn_missing(d, diags);
    }
    Ita { current, pages, dashboards }
}

/// What `check --drafts` says of one disclosure page by itself (an item not in its year's
/// list, nothing in it for the evaluator), for the editor's live check of its form.
pub fn page_check(
    d: &Arc<Disclosure>,
    registries: &Registries,
    today: Option<crate::calendar::Date>,
) -> Vec<crate::diagnostics::Diagnostic> {
    let fallback_year = current_year(registries, today).or(today.map(|t| t.fiscal_year())).unwrap_or(0);
    let mut diags = Diagnostics::new();
    entries_of(std::iter::once(d), fallback_year, registries, &mut diags);
    diags.sorted()
}

/// The published pages with their year, URL and status; unknown codes, pages that share
/// a URL and pages with nothing in them go to `diags`.
fn entries_of<'a>(
    published: impl Iterator<Item = &'a Arc<Disclosure>>,
    fallback_year: i32,
    registries: &Registries,
    diags: &mut Diagnostics,
) -> Vec<Arc<DisclosureEntry>> {
    let mut pages: Vec<Arc<DisclosureEntry>> = Vec::new();
    let mut seen: HashMap<(i32, String), String> = HashMap::new();
    for d in published {
        let fy = d.fiscal_year.unwrap_or(fallback_year);
        let item = registries.get(&fy).and_then(|r| r.item(&d.code)).cloned();
        if item.is_none() {
            let why = match registries.get(&fy) {
                Some(_) => format!("ไม่มีรายการ {} ในรายการ ITA ปี {fy}", d.code),
                None => format!("ไม่มีรายการ ITA ของปี {fy} (เพิ่มได้ที่ ita/{fy}.yaml)"),
            };
            diags.warning(
                Code::UnknownItaItem,
                &d.source,
                Pos { line: d.code_line, column: 1 },
                format!("ita_item: {why} หน้านี้จะถูกสร้างแต่ไม่อยู่ในรายการของปี ให้ตรวจรหัสรายการ"),
            );
        }
        if let Some(first) = seen.insert((fy, d.code.clone()), d.source.clone()) {
            diags.error(
                Code::DuplicateItaPage,
                &d.source,
                Pos { line: d.code_line, column: 1 },
                format!(
                    "มีหน้าของรายการ {} ปี {fy} แล้วที่ {first} (URL เดียวกัน ita/{fy}/{}/) ให้รวมเป็นหน้าเดียว หรือแก้ ita_item/fiscal_year",
                    d.code,
                    d.code.to_lowercase()
                ),
            );
            continue;
        }
        let (status, missing) = page_status(d);
        if status != Status::Present {
            diags.warning(
                Code::ItaPageIncomplete,
                &d.source,
                Pos { line: d.body_line, column: 1 },
                format!(
                    "ITA {}: หน้านี้ยังไม่มีเนื้อหา ไฟล์แนบ หรือลิงก์ ผู้ประเมินจะให้ 0 คะแนน ให้เขียนเนื้อหาหรือแนบเอกสาร",
                    d.code
                ),
            );
        }
        let path = format!("ita/{fy}/{}/", d.code.to_lowercase());
        pages.push(Arc::new(DisclosureEntry { page: d.clone(), fy, path, status, missing, item }));
    }
    pages
}

/// One warning per item of `d` (the current year's dashboard) that has no page yet,
/// naming the file to write.
fn warn_missing(d: &Dashboard, diags: &mut Diagnostics) {
    let fy = d.fy;
    for r in d.rows.iter().filter(|r| r.status == Status::Missing) {
        let message = if r.participation {
            format!("ITA {fy}: ยังไม่มี {} {} ให้เพิ่มการประชุมของปีงบประมาณ {fy} ใน content/{fy}/", r.code, r.name)
        } else {
            format!(
                "ITA {fy}: ยังไม่มีหน้าของรายการ {} {} ให้สร้างไฟล์ {} ที่มี ita_item: {}",
                r.code,
                r.name,
                layout::disclosure_page(fy, &r.code),
                r.code
            )
        };
        // The editor, not the public page, hears that a name is still unconfirmed.
        let unconfirmed = d.registry.item(&r.code).is_some_and(|i| !i.confirmed);
        let message = if unconfirmed {
            format!(
                "{message} (ชื่อและรหัสรายการนี้ยังไม่ได้ยืนยันกับคู่มือ ITA ปี {fy} ถ้าคู่มือเขียนต่างไป ให้แก้ใน {}/{fy}.yaml)",
                layout::ITA
            )
        } else {
            message
        };
        diags.warning(Code::ItaItemMissing, layout::CONTENT, Pos::default(), message);
    }
}

/// A page with no text, no attachment and no link is ไม่ครบ.
fn page_status(d: &Disclosure) -> (Status, Vec<String>) {
    let text = crate::text::trim_space(&d.body);
    let has_text = !text.is_empty() && !crate::text::is_placeholder(text);
    if has_text || !d.attachments.is_empty() || !d.links.is_empty() {
        (Status::Present, vec![])
    } else {
        (Status::Incomplete, vec!["ยังไม่มีเนื้อหา ไฟล์แนบ หรือลิงก์".to_string()])
    }
}

fn dashboard(
    fy: i32,
    registry: &Arc<Registry>,
    pages: &[Arc<DisclosureEntry>],
    registries: &Registries,
    config: &Config,
    year: Option<&Year>,
    entries: &[Arc<super::super::Entry>],
) -> Dashboard {
    let page_row = |item: &RegistryItem, p: &DisclosureEntry, carried: bool| Row {
        code: item.code.clone(),
        name: item.name.clone(),
        description: p.page.description.clone().unwrap_or_else(|| item.requires.clone()),
        requires: item.requires.clone(),
        path: Some(p.path.clone()),
        page_title: Some(p.page.title.clone()),
        carried_from: carried.then_some(p.fy),
        status: p.status,
        missing: p.missing.clone(),
        participation: false,
        draft: p.page.draft,
    };
    let mut rows = Vec::new();
    for item in &registry.items {
        if item.key == PARTICIPATION {
            rows.push(participation_row(fy, item, config, year, entries));
            continue;
        }
        if let Some(p) = pages.iter().find(|p| p.fy == fy && p.page.code == item.code) {
            rows.push(page_row(item, p, false));
            continue;
        }
        // The newest earlier page of the same item (by key), as that year's registry names it.
        let carried = (!item.yearly)
            .then(|| {
                pages
                    .iter()
                    .filter(|p| p.fy < fy)
                    .filter(|p| {
                        registries
                            .get(&p.fy)
                            .and_then(|r| r.item(&p.page.code))
                            .is_some_and(|i| i.key == item.key)
                    })
                    .max_by_key(|p| p.fy)
            })
            .flatten();
        match carried {
            Some(p) => rows.push(page_row(item, p, true)),
            None => rows.push(Row {
                code: item.code.clone(),
                name: item.name.clone(),
                description: item.requires.clone(),
                requires: item.requires.clone(),
                path: None,
                page_title: None,
                carried_from: None,
                status: Status::Missing,
                missing: vec![format!(
                    "สร้างไฟล์ {} ที่มี ita_item: {}",
                    layout::disclosure_page(fy, &item.code),
                    item.code
                )],
                participation: false,
                draft: false,
            }),
        }
    }
    let extra = pages
        .iter()
        .filter(|p| p.fy == fy && registry.item(&p.page.code).is_none())
        .map(|p| Row {
            code: p.page.code.clone(),
            name: p.page.title.clone(),
            description: p.page.description.clone().unwrap_or_default(),
            requires: String::new(),
            path: Some(p.path.clone()),
            page_title: Some(p.page.title.clone()),
            carried_from: None,
            status: p.status,
            missing: p.missing.clone(),
            participation: false,
            draft: p.page.draft,
        })
        .collect();
    Dashboard { fy, path: format!("ita/{fy}/"), registry: registry.clone(), rows, extra }
}

/// The participation row: the year's meeting index, its status from the meetings'
/// readiness; `site.yaml`'s `ita:` for the year names it, else the registry.
fn participation_row(
    fy: i32,
    item: &RegistryItem,
    config: &Config,
    year: Option<&Year>,
    entries: &[Arc<super::super::Entry>],
) -> Row {
    let (code, name) = match config.ita.get(&fy) {
        Some(i) => (i.code.clone(), if i.name.is_empty() { item.name.clone() } else { i.name.clone() }),
        None => (item.code.clone(), item.name.clone()),
    };
    let (status, missing, path) = match year {
        None => (
            Status::Missing,
            vec![format!("ยังไม่มีการประชุมของปีงบประมาณ {fy} ให้เพิ่มการประชุมใน content/{fy}/")],
            None,
        ),
        Some(y) => {
            let n = y.entries.len();
            let incomplete = y.entries.iter().filter(|&&i| !entries[i].readiness.complete()).count();
            if incomplete == 0 {
                (Status::Present, vec![], Some(format!("{fy}/")))
            } else {
                (
                    Status::Incomplete,
                    vec![format!("การประชุม {incomplete} จาก {n} ครั้งยังมีข้อมูลไม่ครบ (ดูรายละเอียดที่หน้า ITA)")],
                    Some(format!("{fy}/")),
                )
            }
        }
    };
    Row {
        code,
        name,
        description: item.requires.clone(),
        requires: item.requires.clone(),
        path,
        page_title: None,
        carried_from: None,
        status,
        missing,
        participation: true,
        draft: false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calendar::Date;

    fn page(source: &str, code: &str, fy: i32, body: &str) -> Arc<Disclosure> {
        Arc::new(Disclosure {
            source: source.into(),
            title: format!("หน้า {code}"),
            code: code.into(),
            code_line: 3,
            fiscal_year: Some(fy),
            description: None,
            updated: None,
            links: vec![],
            attachments: vec![],
            draft: false,
            body: body.into(),
            body_line: 5,
        })
    }

    fn registries() -> Registries {
        let item = |code: &str, key: &str, yearly: bool| RegistryItem {
            code: code.into(),
            key: key.into(),
            name: format!("ชื่อ {key}"),
            requires: format!("ต้องมี {key}"),
            yearly,
            confirmed: true,
        };
        let r = |year, items| (year, Arc::new(Registry { year, sources: vec![], incomplete: None, items }));
        [
            r(
                2568,
                vec![
                    item("O1", "structure", false),
                    item("O12", "procurement", false),
                    item("O20", PARTICIPATION, true),
                ],
            ),
            r(
                2569,
                vec![
                    item("O1", "structure", false),
                    item("O4", "news", true),
                    item("O11", "procurement", false),
                    item("O19", PARTICIPATION, true),
                ],
            ),
        ]
        .into_iter()
        .collect()
    }

    fn run(pages: &[Arc<Disclosure>], today: &str) -> (Ita, Vec<(String, &'static str)>) {
        let mut d = Diagnostics::new();
        let opts = ModelOptions { drafts: false, today: Some(crate::calendar::parse_date(today).unwrap()) };
        let ita = build(pages, &registries(), &Config::fallback(), &[], &[], &opts, &mut d);
        let diags = d.sorted().iter().map(|x| (x.message.clone(), x.code.id())).collect();
        (ita, diags)
    }

    fn statuses(d: &Dashboard) -> Vec<(&str, Status, Option<&str>)> {
        d.rows.iter().map(|r| (r.code.as_str(), r.status, r.path.as_deref())).collect()
    }

    #[test]
    fn the_current_year_is_the_newest_registry_year_not_after_today() {
        let r = registries();
        assert_eq!(current_year(&r, Some(Date::from_ce(2026, 11, 1).unwrap())), Some(2569));
        assert_eq!(current_year(&r, Some(Date::from_ce(2025, 1, 1).unwrap())), Some(2568));
        assert_eq!(current_year(&r, Some(Date::from_ce(2020, 1, 1).unwrap())), None);
        assert_eq!(current_year(&r, None), Some(2569));
    }

    #[test]
    fn statuses_and_carry_forward_by_key() {
        let pages = [
            page("content/2568/ita/o12.md", "O12", 2568, "สรุปผล"),
            page("content/2568/ita/o1.md", "O1", 2568, "โครงสร้างเดิม"),
            page("content/2569/ita/o1.md", "O1", 2569, "..."),
        ];
        let (ita, diags) = run(&pages, "2026-11-01");
        assert_eq!(ita.current, Some(2569));
        let d2569 = &ita.dashboards[0];
        assert_eq!(d2569.fy, 2569);
        assert_eq!(
            statuses(d2569),
            [
                ("O1", Status::Incomplete, Some("ita/2569/o1/")),
                ("O4", Status::Missing, None),
                ("O11", Status::Present, Some("ita/2568/o12/")),
                ("O19", Status::Missing, None),
            ]
        );
        assert_eq!(d2569.rows[2].carried_from, Some(2568));
        assert_eq!(d2569.counts(), [1, 1, 2]);
        let d2568 = &ita.dashboards[1];
        assert_eq!(
            statuses(d2568),
            [
                ("O1", Status::Present, Some("ita/2568/o1/")),
                ("O12", Status::Present, Some("ita/2568/o12/")),
                ("O20", Status::Missing, None)
            ]
        );
        let codes: Vec<_> = diags.iter().map(|d| d.1).collect();
        assert_eq!(codes, ["PS0509", "PS0509", "PS0510"], "{diags:?}");
        assert!(diags[1].0.contains("content/2569/ita/o4.md") && diags[1].0.contains("ita_item: O4"));
    }

    #[test]
    fn no_page_no_nagging_and_duplicates_and_unknown_codes() {
        let (_, diags) = run(&[], "2026-11-01");
        assert!(diags.is_empty(), "{diags:?}");
        let pages = [
            page("content/2569/a.md", "O1", 2569, "ก"),
            page("content/2569/b.md", "O1", 2569, "ข"),
            page("content/2569/c.md", "O77", 2569, "ค"),
        ];
        let (ita, diags) = run(&pages, "2026-11-01");
        let codes: Vec<_> = diags.iter().map(|d| d.1).collect();
        assert!(codes.contains(&"PS0511") && codes.contains(&"PS0508"), "{diags:?}");
        assert_eq!(ita.dashboards[0].extra.len(), 1);
        assert_eq!(ita.pages.len(), 2);
    }
}
