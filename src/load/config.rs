//! `site.yaml`: the site's settings.

use super::convert::{Ctx, child, get, key};
use super::schema::{ITA_HEADING_FIELDS, ITA_YEAR_FIELDS, PUBLISH_FIELDS, ROLE_GROUP_FIELDS, SITE};
use super::yaml::{self, Seg, Yaml};
use crate::calendar::Numerals;
use crate::diagnostics::{Code, Diagnostics, Pos};
use crate::fs::{Decoded, UTF16_NOTE, decode, read_regular};
use serde::Serialize;
use std::collections::BTreeMap;
use std::path::Path;

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct RoleGroup {
    pub name: String,
    /// People from outside the organisation (the point of the ITA item).
    pub external: bool,
    pub roles: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ItaItem {
    pub code: String,
    pub name: String,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Config {
    pub title: String,
    pub organization: String,
    /// Absolute URL ending in `/`, e.g. `https://www.example.go.th/ita/`; `/` if unset.
    pub base_url: String,
    /// The path part of `base_url`, always starting and ending with `/`.
    pub base_path: String,
    pub numerals: Numerals,
    pub theme: String,
    /// Where `theme:` is written, for the error when that theme is not there.
    pub theme_pos: Pos,
    pub role_groups: Vec<RoleGroup>,
    pub ita: BTreeMap<i32, ItaItem>,
    /// Body headings that count as the ITA "results" and "use of results" sections.
    pub results_headings: Vec<String>,
    pub usage_headings: Vec<String>,
    /// Where and how `prongsai publish` sends the site (`publish:`).
    pub publish: PublishConfig,
}

/// `publish:` of `site.yaml`. Never a password: that is asked for each time.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PublishConfig {
    /// `ftp://`, `ftps://`, `sftp://` URL or a folder.
    pub to: Option<String>,
    /// SFTP private key file (OpenSSH or PuTTY `.ppk`).
    pub key: Option<String>,
    /// SFTP host key, pinned: `SHA256:…`.
    pub host_key: Option<String>,
    /// FTPS certificate, pinned: `SHA256:…`.
    pub fingerprint: Option<String>,
}

pub use crate::layout::CONFIG_FILE;

impl Config {
    /// Settings for a site whose `site.yaml` could not be read, so that meeting files can
    /// still be checked and every problem reported in one run.
    pub fn fallback() -> Config {
        Config {
            title: String::new(),
            organization: String::new(),
            base_url: "/".into(),
            base_path: "/".into(),
            numerals: Numerals::Arabic,
            theme: "default".into(),
            theme_pos: Pos::default(),
            role_groups: vec![],
            ita: BTreeMap::new(),
            results_headings: vec!["ผล".into()],
            usage_headings: vec!["การนำผล".into()],
            publish: PublishConfig::default(),
        }
    }
}

/// Reads and parses the site's `site.yaml`; problems go to `diags`, and settings that
/// cannot be read are [`Config::fallback`], so that the meeting files are still checked.
pub(super) fn load(root: &Path, base_url: Option<&str>, diags: &mut Diagnostics) -> Config {
    let path = root.join(CONFIG_FILE);
    let text = match read_regular(&path) {
        Ok(bytes) => match decode(&bytes) {
            Ok(Decoded { text, from_utf16 }) => {
                if from_utf16 {
                    diags.warning(Code::Utf16, CONFIG_FILE, Pos::default(), UTF16_NOTE);
                }
                text
            }
            Err(e) => {
                diags.error(e.code(), CONFIG_FILE, super::source::error_pos(&bytes, e.at), e.to_string());
                return Config::fallback();
            }
        },
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            diags.error(
                Code::NoConfig,
                CONFIG_FILE,
                Pos::default(),
                format!("ไม่พบ site.yaml ใน {} (สร้างเว็บไซต์ใหม่ด้วย prongsai init <โฟลเดอร์>)", root.display()),
            );
            return Config::fallback();
        }
        Err(e) => {
            diags.error(Code::Unreadable, CONFIG_FILE, Pos::default(), format!("อ่านไฟล์ไม่ได้: {e}"));
            return Config::fallback();
        }
    };
    parse(&text, base_url, diags).unwrap_or_else(Config::fallback)
}

/// Parses `site.yaml`; problems go to `diags`. Returns `None` only if nothing usable was read.
pub fn parse(text: &str, base_url_override: Option<&str>, diags: &mut Diagnostics) -> Option<Config> {
    let root = match yaml::parse(text) {
        Ok(v) => v,
        Err(e) => {
            let pos = crate::diagnostics::line_col(text, e.offset.unwrap_or(0));
            diags.error_with_detail(e.code, CONFIG_FILE, pos, e.message, e.detail);
            return None;
        }
    };
    let mut cx = Ctx::new(CONFIG_FILE, text, text, 0, diags);
    let Yaml::Map(map) = root else {
        cx.error_at(
            Code::NotAMap,
            Pos { line: 1, column: 1 },
            "site.yaml ต้องเป็นชุดข้อมูลแบบ \"ชื่อ: ค่า\" (title, organization, base_url, ...)",
        );
        cx.finish();
        return None;
    };
    cx.check_keys(&map, &[], SITE.fields);
    let mut c = Config::fallback();
    let title = cx.required_string(&map, "title", &[], SITE.fields);
    let organization = cx.required_string(&map, "organization", &[], SITE.fields);
    c.title = title.unwrap_or_default();
    c.organization = organization.unwrap_or_default();

    let base = base_url_override.map(str::to_string).or_else(|| cx.optional_string(&map, "base_url", &[]));
    match base {
        Some(b) => match normalize_base_url(&b) {
            Some((url, path)) => {
                c.base_url = url;
                c.base_path = path;
            }
            None => cx.error(
                Code::BadBaseUrl,
                &key("base_url"),
                format!("\"{b}\" ไม่ใช่ URL เต็ม ต้องขึ้นต้นด้วย https:// หรือ http:// เช่น https://www.example.go.th/ita/"),
            ),
        },
        None => cx.warning_at(
            Code::NoBaseUrl,
            Pos { line: 1, column: 1 },
            "ไม่ได้กำหนด base_url: ลิงก์ใน feed.xml และ sitemap.xml จะไม่มีชื่อโดเมน ควรใส่ เช่น base_url: https://www.example.go.th/ita/",
        ),
    }

    if let Some(n) = cx.optional_string(&map, "numerals", &[]) {
        match n.as_str() {
            "arabic" => c.numerals = Numerals::Arabic,
            "thai" => c.numerals = Numerals::Thai,
            other => cx.error(
                Code::BadNumerals,
                &key("numerals"),
                format!("ต้องเป็น arabic หรือ thai แต่พบ \"{other}\""),
            ),
        }
    }
    if let Some(t) = cx.optional_string(&map, "theme", &[]) {
        if t.chars().all(|ch| ch.is_ascii_alphanumeric() || ch == '-' || ch == '_') {
            c.theme = t;
            c.theme_pos = cx.pos(&key("theme"));
        } else {
            cx.error(Code::BadThemeName, &key("theme"), format!("ชื่อธีม \"{t}\" ใช้ได้เฉพาะ a-z, 0-9, - และ _"));
        }
    }
    if let Some(v) = get(&map, "role_groups") {
        c.role_groups = role_groups(&mut cx, v);
    }
    if let Some(v) = get(&map, "ita") {
        c.ita = ita(&mut cx, v);
    }
    if let Some(v) = get(&map, "ita_headings") {
        let p = key("ita_headings");
        match v {
            Yaml::Map(m) => {
                cx.check_keys(m, &p, ITA_HEADING_FIELDS);
                if let Some(r) = get(m, "results") {
                    let l = cx.string_list(r, &child(&p, Seg::Key("results".into())));
                    if !l.is_empty() {
                        c.results_headings = l;
                    }
                }
                if let Some(u) = get(m, "usage") {
                    let l = cx.string_list(u, &child(&p, Seg::Key("usage".into())));
                    if !l.is_empty() {
                        c.usage_headings = l;
                    }
                }
            }
            other => cx.error(
                Code::BadItaHeadings,
                &p,
                format!("ต้องเป็น {{results: [...], usage: [...]}} แต่พบ {}", other.describe()),
            ),
        }
    }
    if let Some(v) = get(&map, "publish") {
        c.publish = publish(&mut cx, v);
    }
    cx.finish();
    Some(c)
}

fn publish(cx: &mut Ctx, v: &Yaml) -> PublishConfig {
    let p = key("publish");
    let Yaml::Map(m) = v else {
        if *v != Yaml::Null {
            cx.error(Code::WrongType, &p, format!("ต้องเป็น {{to: ..., ...}} แต่พบ {}", v.describe()));
        }
        return PublishConfig::default();
    };
    // A password written in a file is read by anyone who gets the file (a backup, a
    // shared drive, a git repository): refused, with its own code, and never used.
    let secrets: Vec<&str> = m
        .iter()
        .map(|(k, _)| k.as_str())
        .filter(|k| matches!(k.to_ascii_lowercase().as_str(), "password" | "pass" | "passwd" | "passphrase"))
        .collect();
    for k in &secrets {
        cx.error(
            Code::PublishPasswordInConfig,
            &child(&p, Seg::Key((*k).to_string())),
            "ห้ามเขียนรหัสผ่านไว้ใน site.yaml (ใครได้ไฟล์นี้ไปก็รู้รหัสผ่าน) ให้ลบบรรทัดนี้ แล้วใส่รหัสผ่านเมื่อ prongsai publish ถาม หรือตั้งตัวแปร PRONGSAI_PUBLISH_PASSWORD",
        );
    }
    let rest: Vec<(String, Yaml)> =
        m.iter().filter(|(k, _)| !secrets.contains(&k.as_str())).cloned().collect();
    cx.check_keys(&rest, &p, PUBLISH_FIELDS);
    PublishConfig {
        to: cx.optional_string(&rest, "to", &p),
        key: cx.optional_string(&rest, "key", &p),
        host_key: cx.optional_string(&rest, "host_key", &p),
        fingerprint: cx.optional_string(&rest, "fingerprint", &p),
    }
}

fn role_groups(cx: &mut Ctx, v: &Yaml) -> Vec<RoleGroup> {
    let p = key("role_groups");
    let Yaml::Seq(items) = v else {
        if *v != Yaml::Null {
            cx.error(Code::BadRoleGroups, &p, format!("ต้องเป็นรายการกลุ่ม (- name: ...) แต่พบ {}", v.describe()));
        }
        return vec![];
    };
    let mut groups: Vec<RoleGroup> = Vec::new();
    let mut seen_roles: BTreeMap<String, String> = BTreeMap::new();
    for (i, item) in items.iter().enumerate() {
        let ip = child(&p, Seg::Index(i));
        let Yaml::Map(m) = item else {
            cx.error(Code::BadRoleGroups, &ip, format!("ต้องมี name และ roles แต่พบ {}", item.describe()));
            continue;
        };
        cx.check_keys(m, &ip, ROLE_GROUP_FIELDS);
        let Some(name) = cx.required_string(m, "name", &ip, ROLE_GROUP_FIELDS) else { continue };
        let external = match get(m, "external") {
            Some(b) => cx.bool(b, &child(&ip, Seg::Key("external".into()))).unwrap_or(false),
            None => false,
        };
        let rp = child(&ip, Seg::Key("roles".into()));
        let roles = get(m, "roles").map(|r| cx.string_list(r, &rp)).unwrap_or_default();
        for (j, role) in roles.iter().enumerate() {
            let k = crate::text::role_key(role);
            if let Some(other) = seen_roles.insert(k, name.clone()) {
                cx.warning(
                    Code::RoleInTwoGroups,
                    &child(&rp, Seg::Index(j)),
                    format!("ตำแหน่ง \"{role}\" อยู่ในกลุ่ม \"{other}\" แล้ว จะนับในกลุ่มแรกเท่านั้น"),
                );
            }
        }
        groups.push(RoleGroup { name, external, roles });
    }
    groups
}

fn ita(cx: &mut Ctx, v: &Yaml) -> BTreeMap<i32, ItaItem> {
    let p = key("ita");
    let mut out = BTreeMap::new();
    let Yaml::Map(m) = v else {
        if *v != Yaml::Null {
            cx.error(
                Code::BadIta,
                &p,
                format!("ต้องเป็น ปีงบประมาณ: {{code: ..., name: ...}} แต่พบ {}", v.describe()),
            );
        }
        return out;
    };
    for (year, item) in m {
        let yp = child(&p, Seg::Key(year.clone()));
        let Some(fy) = crate::calendar::parse_whole_number(year)
            .and_then(|y| i32::try_from(y).ok())
            .filter(|y| (2400..=3000).contains(y))
        else {
            cx.error(Code::BadIta, &yp, format!("\"{year}\" ไม่ใช่ปีงบประมาณ พ.ศ. (เช่น 2568)"));
            continue;
        };
        let Yaml::Map(im) = item else {
            cx.error(Code::BadIta, &yp, format!("ต้องเป็น {{code: ..., name: ...}} แต่พบ {}", item.describe()));
            continue;
        };
        cx.check_keys(im, &yp, ITA_YEAR_FIELDS);
        let code = cx.required_string(im, "code", &yp, ITA_YEAR_FIELDS);
        let name = cx.optional_string(im, "name", &yp).unwrap_or_default();
        if let Some(code) = code {
            out.insert(fy, ItaItem { code, name });
        }
    }
    out
}

/// `https://host/sub` → (`https://host/sub/`, `/sub/`). Only http(s) URLs with a host.
pub fn normalize_base_url(raw: &str) -> Option<(String, String)> {
    let raw = raw.trim();
    let rest = raw.strip_prefix("https://").or_else(|| raw.strip_prefix("http://"))?;
    let (host, path) = match rest.find('/') {
        Some(i) => (&rest[..i], &rest[i..]),
        None => (rest, "/"),
    };
    if host.is_empty()
        || host.chars().any(|c| c.is_whitespace() || "\"'<>\\?#@".contains(c))
        || path.chars().any(|c| c.is_whitespace() || "\"'<>\\?#".contains(c))
        || path.split('/').any(|s| s == ".." || s == ".")
    {
        return None;
    }
    let mut path = path.to_string();
    if !path.ends_with('/') {
        path.push('/');
    }
    let scheme = &raw[..raw.len() - rest.len()];
    Some((format!("{scheme}{host}{path}"), path))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_url_forms() {
        assert_eq!(
            normalize_base_url("https://www.example.go.th/ita"),
            Some(("https://www.example.go.th/ita/".into(), "/ita/".into()))
        );
        assert_eq!(normalize_base_url("http://x.th"), Some(("http://x.th/".into(), "/".into())));
        assert_eq!(normalize_base_url("www.example.go.th"), None);
        assert_eq!(normalize_base_url("https://x/../etc"), None);
        assert_eq!(normalize_base_url("javascript:alert(1)"), None);
    }

    #[test]
    fn unknown_keys_suggest_and_required_keys_are_reported() {
        let mut d = Diagnostics::new();
        let c = parse("title: t\norganisation: x\nbase_url: https://a.th/\n", None, &mut d).unwrap();
        assert_eq!(c.title, "t");
        let msgs: Vec<String> = d.sorted().iter().map(|x| x.to_string()).collect();
        assert!(
            msgs.iter().any(|m| m.contains("site.yaml:2:1") && m.contains("หมายถึง \"organization\" หรือไม่")),
            "{msgs:?}"
        );
        assert!(msgs.iter().any(|m| m.starts_with("error:") && m.contains("organization")), "{msgs:?}");
    }

    #[test]
    fn role_groups_and_ita() {
        let mut d = Diagnostics::new();
        let c = parse(
            "title: t\norganization: o\nbase_url: https://a.th/\nrole_groups:\n  - name: g\n    external: true\n    roles: [a, b]\nita:\n  2568: {code: O20, name: n}\n",
            None,
            &mut d,
        )
        .unwrap();
        assert!(d.is_empty(), "{:?}", d.sorted());
        assert_eq!(c.role_groups[0].roles, vec!["a", "b"]);
        assert!(c.role_groups[0].external);
        assert_eq!(c.ita[&2568].code, "O20");
    }
}
