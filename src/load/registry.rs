//! The OIT item registry: for each ITA assessment year (= fiscal year, B.E.), the items the
//! NACC asks for, in assessment order. Lists ship with the program
//! (`src/load/registry/<year>.yaml`); a site corrects or extends one, or gives a year not
//! shipped, with `ita/<year>.yaml` (same schema), merged item by item on `code`.

use super::convert::{Ctx, child, get, key};
use super::yaml::{self, Seg, Yaml};
use crate::diagnostics::{Code, Diagnostics, Pos};
use crate::fs::{Decoded, decode, read_regular};
use crate::layout;
use std::collections::BTreeMap;
use std::path::Path;
use std::sync::{Arc, OnceLock};

/// The key of the item computed from the year's meetings.
pub const PARTICIPATION: &str = "participation";

/// The lists shipped with the program, by year. A file added to `src/load/registry/` must
/// be named here too (a unit test checks the two agree).
const SHIPPED: &[(i32, &str)] =
    &[(2568, include_str!("registry/2568.yaml")), (2569, include_str!("registry/2569.yaml"))];

/// One OIT item of a year.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct RegistryItem {
    /// As the NACC writes it, `O1`.
    pub code: String,
    /// Stable across years: the same item in another year has the same key.
    pub key: String,
    /// Thai title as the NACC words it.
    pub name: String,
    /// What the page must show, one line.
    pub requires: String,
    /// Only content of the assessed year counts (no page of an earlier year is carried).
    pub yearly: bool,
    /// False while no source has shown this code with this name (`confirmed: false`); the
    /// item still counts like any other, so a year is never complete without its page.
    pub confirmed: bool,
}

/// One year's list.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Registry {
    pub year: i32,
    pub sources: Vec<String>,
    pub incomplete: Option<String>,
    /// In assessment order.
    pub items: Vec<RegistryItem>,
}

impl Registry {
    pub fn item(&self, code: &str) -> Option<&RegistryItem> {
        self.items.iter().find(|i| i.code == code)
    }
}

/// Every year's list, shipped and the site's merged.
pub type Registries = BTreeMap<i32, Arc<Registry>>;

/// An item as a file gives it: in a site's file, all but `code` may be left out to keep
/// the shipped value.
#[derive(Clone, Debug, Default)]
struct Partial {
    code: String,
    key: Option<String>,
    name: Option<String>,
    requires: Option<String>,
    yearly: Option<bool>,
    confirmed: Option<bool>,
    /// Where the item stands, for "missing name" of a new item.
    pos: Pos,
}

/// A registry file as read.
struct RegistryFile {
    year: Option<i32>,
    sources: Option<Vec<String>>,
    incomplete: Option<String>,
    items: Vec<Partial>,
}

const KNOWN: &[&str] = &["year", "sources", "incomplete", "items"];
const ITEM_KEYS: &[&str] = &["code", "key", "name", "requires", "yearly", "confirmed"];

/// The shipped lists, parsed once.
pub fn shipped() -> &'static Registries {
    static SHIPPED_LISTS: OnceLock<Registries> = OnceLock::new();
    SHIPPED_LISTS.get_or_init(|| {
        SHIPPED
            .iter()
            .map(|&(year, text)| {
                let mut d = Diagnostics::new();
                let source = format!("src/load/registry/{year}.yaml");
                let f = parse_file(&source, text, Some(year), &mut d);
                debug_assert!(d.is_empty(), "{:?}", d.sorted());
                let items =
                    f.as_ref().map(|f| f.items.iter().filter_map(complete).collect()).unwrap_or_default();
                let r = Registry {
                    year,
                    sources: f.as_ref().and_then(|f| f.sources.clone()).unwrap_or_default(),
                    incomplete: f.and_then(|f| f.incomplete),
                    items,
                };
                (year, Arc::new(r))
            })
            .collect()
    })
}

/// The shipped lists with the site's `ita/<year>.yaml` files merged in; problems of the
/// site's files go to `diags` at their lines.
pub fn load(root: &Path, diags: &mut Diagnostics) -> Registries {
    let mut out = shipped().clone();
    let dir = root.join(layout::ITA);
    let Ok(read) = std::fs::read_dir(&dir) else { return out };
    let mut files: Vec<_> = read.filter_map(|e| e.ok()).map(|e| e.path()).collect();
    files.sort();
    for path in files {
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        // Only YAML files are registry files: a README or notes beside them are left alone.
        let yaml = name.ends_with(".yaml") || name.ends_with(".yml");
        if crate::fs::is_ignored(std::ffi::OsStr::new(&name)) || !path.is_file() || !yaml {
            continue;
        }
        let source = format!("{}/{name}", layout::ITA);
        let Some(year) = name
            .strip_suffix(".yaml")
            .or_else(|| name.strip_suffix(".yml"))
            .and_then(|y| y.parse::<i32>().ok())
            .filter(|y| (2400..=2700).contains(y))
        else {
            diags.error(
                Code::BadRegistry,
                &source,
                Pos::default(),
                "ไฟล์ในโฟลเดอร์ ita/ ต้องชื่อตามปีประเมิน พ.ศ. เช่น ita/2569.yaml จึงไม่ได้อ่านไฟล์นี้",
            );
            continue;
        };
        let text = match read_regular(&path).map(|b| decode(&b).map_err(|e| (e, b))) {
            Ok(Ok(Decoded { text, .. })) => text,
            Ok(Err((e, bytes))) => {
                diags.error(e.code(), &source, super::source::error_pos(&bytes, e.at), e.to_string());
                continue;
            }
            Err(e) => {
                diags.error(Code::Unreadable, &source, Pos::default(), format!("อ่านไฟล์ไม่ได้: {e}"));
                continue;
            }
        };
        let mut d = Diagnostics::new();
        let Some(f) = parse_file(&source, &text, None, &mut d) else {
            diags.extend(d);
            continue;
        };
        let base = out.get(&year).cloned();
        if let Some(r) = merge(year, base.as_deref(), f, &source, &text, &mut d) {
            out.insert(year, Arc::new(r));
        }
        diags.extend(d);
    }
    out
}

/// A site's file put over the shipped list of its year (if any).
fn merge(
    year: i32,
    base: Option<&Registry>,
    f: RegistryFile,
    source: &str,
    text: &str,
    diags: &mut Diagnostics,
) -> Option<Registry> {
    let mut cx = Ctx::new(source, text, text, 0, diags);
    if let Some(y) = f.year
        && y != year
    {
        cx.error(
            Code::BadRegistry,
            &key("year"),
            format!("year: {y} ไม่ตรงกับชื่อไฟล์ ({year}.yaml) ให้แก้ให้ตรงกัน"),
        );
        cx.finish();
        return None;
    }
    let mut r = base.cloned().unwrap_or(Registry { year, sources: vec![], incomplete: None, items: vec![] });
    if let Some(s) = f.sources {
        r.sources.extend(s);
    }
    if f.incomplete.is_some() {
        r.incomplete = f.incomplete;
    }
    for p in f.items {
        if let Some(old) = r.items.iter_mut().find(|i| i.code == p.code) {
            if let Some(k) = p.key {
                old.key = k;
            }
            if let Some(n) = p.name {
                old.name = n;
            }
            if let Some(q) = p.requires {
                old.requires = q;
            }
            if let Some(y) = p.yearly {
                old.yearly = y;
            }
            if let Some(c) = p.confirmed {
                old.confirmed = c;
            }
            continue;
        }
        let pos = p.pos;
        let code = p.code.clone();
        match complete(&p) {
            Some(item) => {
                let n = code_number(&item.code);
                let at = r.items.iter().position(|i| code_number(&i.code) > n).unwrap_or(r.items.len());
                r.items.insert(at, item);
            }
            None => cx.error_at(
                Code::BadRegistry,
                pos,
                format!("items: รายการ {code} ไม่มีในรายการที่มากับโปรแกรม จึงต้องมี name: (ชื่อรายการ)"),
            ),
        }
    }
    cx.finish();
    Some(r)
}

/// An item with all it needs: a name at least (the key defaults to the code).
fn complete(p: &Partial) -> Option<RegistryItem> {
    Some(RegistryItem {
        code: p.code.clone(),
        key: p.key.clone().unwrap_or_else(|| p.code.to_lowercase()),
        name: p.name.clone()?,
        requires: p.requires.clone().unwrap_or_default(),
        yearly: p.yearly.unwrap_or(false),
        confirmed: p.confirmed.unwrap_or(true),
    })
}

/// The number of `O12`, for code order.
pub fn code_number(code: &str) -> u32 {
    code.trim_start_matches(['O', 'o']).parse().unwrap_or(u32::MAX)
}

/// `O5`, `o05 ` → `O5`; None if not `O` and a number.
pub fn normalize_code(s: &str) -> Option<String> {
    let s = s.trim();
    let digits = s.strip_prefix(['O', 'o'])?;
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) || digits.len() > 4 {
        return None;
    }
    Some(format!("O{}", digits.parse::<u32>().ok()?))
}

/// Reads one registry file; `shipped_year`: a shipped file, whose every field must be there.
fn parse_file(
    source: &str,
    text: &str,
    shipped_year: Option<i32>,
    diags: &mut Diagnostics,
) -> Option<RegistryFile> {
    let root = match yaml::parse(text) {
        Ok(v) => v,
        Err(e) => {
            let pos = crate::diagnostics::line_col(text, e.offset.unwrap_or(0));
            diags.error_with_detail(e.code, source, pos, e.message, e.detail);
            return None;
        }
    };
    let mut cx = Ctx::new(source, text, text, 0, diags);
    let Yaml::Map(map) = root else {
        cx.error_at(
            Code::BadRegistry,
            Pos { line: 1, column: 1 },
            "ไฟล์รายการ ITA ต้องเป็นแบบ \"ชื่อ: ค่า\" (year, sources, items)",
        );
        cx.finish();
        return None;
    };
    cx.check_key_names(&map, &[], KNOWN);
    let year = get(&map, "year").and_then(|v| cx.whole(v, &key("year"))).map(|y| y as i32);
    let sources = get(&map, "sources").map(|v| cx.string_list(v, &key("sources")));
    if shipped_year.is_some() && sources.as_ref().is_none_or(|s| s.is_empty()) {
        cx.error(Code::BadRegistry, &[], "ขาด sources: (ที่มาของรายการ) ซึ่งไฟล์ที่มากับโปรแกรมต้องมี");
    }
    let incomplete = cx.optional_string(&map, "incomplete", &[]);
    let mut items: Vec<Partial> = Vec::new();
    let p = key("items");
    match get(&map, "items") {
        None | Some(Yaml::Null) => {}
        Some(Yaml::Seq(list)) => {
            for (i, item) in list.iter().enumerate() {
                let ip = child(&p, Seg::Index(i));
                let Yaml::Map(m) = item else {
                    cx.error(
                        Code::BadRegistry,
                        &ip,
                        format!("ต้องเป็น {{code: ..., name: ...}} แต่พบ {}", item.describe()),
                    );
                    continue;
                };
                cx.check_key_names(m, &ip, ITEM_KEYS);
                let pos = cx.pos(&ip);
                let code = match get(m, "code") {
                    None | Some(Yaml::Null) => {
                        cx.error(Code::BadRegistry, &ip, "ขาด code: (รหัสรายการ เช่น O1)");
                        continue;
                    }
                    Some(v) => {
                        let cp = child(&ip, Seg::Key("code".into()));
                        let Some(s) = cx.string(v, &cp) else { continue };
                        match normalize_code(&s) {
                            Some(c) => c,
                            None => {
                                cx.error(
                                    Code::BadRegistry,
                                    &cp,
                                    format!("\"{s}\" ไม่ใช่รหัสรายการ ต้องเป็น O ตามด้วยตัวเลข เช่น O1"),
                                );
                                continue;
                            }
                        }
                    }
                };
                if items.iter().any(|x| x.code == code) {
                    cx.error(Code::BadRegistry, &ip, format!("รหัส {code} ซ้ำกับรายการก่อนหน้าในไฟล์นี้"));
                    continue;
                }
                let name = cx.optional_string(m, "name", &ip);
                let key_ = cx.optional_string(m, "key", &ip);
                let requires = cx.optional_string(m, "requires", &ip);
                let yearly = match get(m, "yearly") {
                    None | Some(Yaml::Null) => None,
                    Some(v) => cx.bool(v, &child(&ip, Seg::Key("yearly".into()))),
                };
                let confirmed = match get(m, "confirmed") {
                    None | Some(Yaml::Null) => None,
                    Some(v) => cx.bool(v, &child(&ip, Seg::Key("confirmed".into()))),
                };
                if shipped_year.is_some() && (name.is_none() || key_.is_none()) {
                    cx.error(Code::BadRegistry, &ip, format!("รายการ {code} ต้องมีทั้ง key: และ name:"));
                }
                items.push(Partial { code, key: key_, name, requires, yearly, confirmed, pos });
            }
        }
        Some(other) => {
            cx.error(Code::BadRegistry, &p, format!("ต้องเป็นรายการ - code: ... แต่พบ {}", other.describe()));
        }
    }
    if let (Some(s), Some(y)) = (shipped_year, year)
        && s != y
    {
        cx.error(Code::BadRegistry, &key("year"), format!("year: {y} ไม่ตรงกับชื่อไฟล์ ({s}.yaml)"));
    }
    cx.finish();
    Some(RegistryFile { year, sources, incomplete, items })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site_file(text: &str, year: i32) -> (Option<Registry>, Vec<String>) {
        let mut d = Diagnostics::new();
        let source = format!("ita/{year}.yaml");
        let r = parse_file(&source, text, None, &mut d)
            .and_then(|f| merge(year, shipped().get(&year).map(|r| &**r), f, &source, text, &mut d));
        (r, d.sorted().iter().map(|x| x.to_string()).collect())
    }

    #[test]
    fn shipped_lists_parse_cleanly_and_every_file_is_listed() {
        for &(year, text) in SHIPPED {
            let mut d = Diagnostics::new();
            let f = parse_file("x.yaml", text, Some(year), &mut d).expect("parses");
            assert!(d.is_empty(), "{year}: {:?}", d.sorted());
            assert!(!f.items.is_empty());
            let r = &shipped()[&year];
            assert!(r.items.iter().filter(|i| i.key == PARTICIPATION).count() == 1, "{year}");
            let mut keys: Vec<_> = r.items.iter().map(|i| &i.key).collect();
            keys.sort();
            keys.dedup();
            assert_eq!(keys.len(), r.items.len(), "{year}: keys are unique");
        }
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/load/registry");
        let mut on_disk: Vec<i32> = std::fs::read_dir(dir)
            .unwrap()
            .filter_map(|e| e.ok()?.file_name().to_str()?.strip_suffix(".yaml")?.parse().ok())
            .collect();
        on_disk.sort();
        assert_eq!(on_disk, SHIPPED.iter().map(|s| s.0).collect::<Vec<_>>());
    }

    #[test]
    fn a_site_file_replaces_fields_and_adds_items_in_code_order() {
        let (r, d) = site_file(
            "year: 2569\nitems:\n  - code: O27\n    key: extra\n    name: รายการเพิ่ม\n  - code: o1\n    name: โครงสร้างองค์กร\n  - code: O0\n    key: first\n    name: ก่อนทุกรายการ\n",
            2569,
        );
        assert!(d.is_empty(), "{d:?}");
        let r = r.unwrap();
        assert_eq!((r.items[0].code.as_str(), r.items[0].key.as_str()), ("O0", "first"));
        assert_eq!(r.items[1].code, "O1");
        assert_eq!(r.items[1].name, "โครงสร้างองค์กร");
        assert_eq!(r.items[1].key, "structure", "fields not given are kept");
        assert_eq!(r.items.last().unwrap().code, "O27");
        assert_eq!(r.items.len(), shipped()[&2569].items.len() + 2);
    }

    #[test]
    fn a_year_not_shipped_may_be_given_whole() {
        let (r, d) = site_file(
            "year: 2570\nitems:\n  - code: O2\n    name: ข\n  - code: O1\n    key: structure\n    name: ก\n",
            2570,
        );
        assert!(d.is_empty(), "{d:?}");
        let codes: Vec<_> = r.unwrap().items.iter().map(|i| i.code.clone()).collect();
        assert_eq!(codes, ["O1", "O2"]);
    }

    #[test]
    fn problems_are_reported_at_their_lines() {
        let (_, d) =
            site_file("year: 2570\nitems:\n  - code: O1\n  - name: x\n  - code: X9\n    name: y\n", 2570);
        assert_eq!(d.len(), 3, "{d:?}");
        assert!(d[0].starts_with("error: ita/2570.yaml:3:5:") && d[0].contains("name"), "{}", d[0]);
        assert!(d[1].starts_with("error: ita/2570.yaml:4:5:") && d[1].contains("code"), "{}", d[1]);
        assert!(d[2].starts_with("error: ita/2570.yaml:5:11:"), "{}", d[2]);
        let (r, d) = site_file("year: 2568\n", 2569);
        assert!(r.is_none());
        assert!(d[0].starts_with("error: ita/2569.yaml:1:7:"), "{d:?}");
        let (_, d) = site_file("items: [\n", 2569);
        assert!(d[0].starts_with("error: ita/2569.yaml:"), "{d:?}");
    }

    #[test]
    fn both_shipped_years_have_every_item_o1_to_o26_and_say_which_are_unconfirmed() {
        for year in [2568, 2569] {
            let r = &shipped()[&year];
            let codes: Vec<String> = r.items.iter().map(|i| i.code.clone()).collect();
            let want: Vec<String> = (1..=26).map(|n| format!("O{n}")).collect();
            assert_eq!(codes, want, "{year}");
        }
        let unconfirmed = |year: i32| -> Vec<&str> {
            shipped()[&year].items.iter().filter(|i| !i.confirmed).map(|i| i.code.as_str()).collect()
        };
        assert_eq!(unconfirmed(2568), ["O5", "O6", "O7"]);
        assert_eq!(unconfirmed(2569), ["O2", "O6", "O7"]);
        assert_eq!(shipped()[&2568].item("O2").unwrap().name, "ข้อมูลผู้บริหาร");
        // 2568 O19 asks for the previous fiscal year's complaints
        assert!(shipped()[&2568].item("O19").unwrap().requires.contains("พ.ศ. 2567"));
        // the same item has the same key in both years, and the same `yearly`
        for a in &shipped()[&2568].items {
            if let Some(b) = shipped()[&2569].items.iter().find(|b| b.key == a.key) {
                assert_eq!(a.yearly, b.yearly, "{}", a.key);
            }
        }
    }

    #[test]
    fn confirmed_is_parsed_defaults_to_true_and_a_site_may_set_it() {
        let (r, d) = site_file(
            "year: 2569\nitems:\n  - code: O2\n    confirmed: true\n  - code: O27\n    name: ใหม่\n    confirmed: false\n  - code: O28\n    name: อีก\n",
            2569,
        );
        assert!(d.is_empty(), "{d:?}");
        let r = r.unwrap();
        assert!(r.item("O2").unwrap().confirmed, "the site confirms a shipped item");
        assert!(!r.item("O27").unwrap().confirmed);
        assert!(r.item("O28").unwrap().confirmed, "default");
        let (_, d) = site_file("year: 2569\nitems:\n  - code: O2\n    confirmed: ไม่แน่ใจ\n", 2569);
        assert_eq!(d.len(), 1, "{d:?}");
        assert!(d[0].starts_with("error: ita/2569.yaml:4:16:"), "{}", d[0]);
    }

    #[test]
    fn codes_are_normalized() {
        assert_eq!(normalize_code(" o05"), Some("O5".into()));
        assert_eq!(normalize_code("O19"), Some("O19".into()));
        assert_eq!(normalize_code("19"), None);
        assert_eq!(normalize_code("O1a"), None);
        assert_eq!(normalize_code("O"), None);
    }
}
