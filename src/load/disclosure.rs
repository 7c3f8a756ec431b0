//! A disclosure page: a `.md` file under `content/` whose front matter has `ita_item:`,
//! the site's page for one OIT item of a year. Read with what it shares with a meeting
//! file ([`super::page`]: front matter, attachments, draft), with its own keys.

use super::convert::{Ctx, child, get, key};
use super::frontmatter;
use super::page::{
    Attachment, check_example, check_placeholder, front_matter, parse_attachments, parse_draft, top_map,
};
use super::registry::normalize_code;
use super::schema::{DISCLOSURE, LINK_FIELDS};
use super::yaml::{Seg, Yaml};
use crate::calendar::{self, Date};
use crate::diagnostics::{Code, Diagnostics};

/// A link to where an item is served elsewhere (an e-service, a complaint channel).
#[derive(Clone, Debug, PartialEq, Eq, Hash, serde::Serialize)]
pub struct Link {
    pub title: String,
    pub url: String,
    pub line: usize,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Disclosure {
    /// Path relative to the site root, `/`-separated.
    pub source: String,
    pub title: String,
    /// `O5`, as normalized from `ita_item:`.
    pub code: String,
    /// Line of `ita_item:`, for messages about the code.
    pub code_line: usize,
    /// `fiscal_year:`, else the year folder of the path; the model falls back to the
    /// current assessment year.
    pub fiscal_year: Option<i32>,
    pub description: Option<String>,
    pub updated: Option<Date>,
    pub links: Vec<Link>,
    pub attachments: Vec<Attachment>,
    pub draft: bool,
    pub body: String,
    pub body_line: usize,
}

/// Whether the file's front matter has `ita_item:` at its top level: a disclosure page,
/// not a meeting. Looked for in the text (a key at the start of a line), before parsing.
pub fn is_disclosure(text: &str) -> bool {
    let Ok(split) = frontmatter::split(text) else { return false };
    split.yaml.lines().any(|l| {
        l.strip_prefix("ita_item").is_some_and(|rest| rest.trim_start_matches([' ', '\t']).starts_with(':'))
    })
}

/// One disclosure page's text (decoded, BOM removed) → the page, every problem in `diags`.
pub fn parse(source: &str, text: &str, diags: &mut Diagnostics) -> Option<Disclosure> {
    let (split, root) = front_matter(source, text, diags)?;
    let mut cx = Ctx::new(source, text, split.yaml, split.yaml_offset, diags);
    let Some(map) = top_map(&mut cx, root, split.yaml, split.yaml_offset) else {
        cx.finish();
        return None;
    };
    cx.check_keys(&map, &[], DISCLOSURE.fields);
    let title = cx.required_string(&map, "title", &[], DISCLOSURE.fields);
    check_placeholder(&mut cx, "title", title.as_deref());
    let code_line = cx.pos(&key("ita_item")).line;
    let code = cx.required_string(&map, "ita_item", &[], DISCLOSURE.fields).and_then(|s| {
        let c = normalize_code(&s);
        if c.is_none() {
            cx.error(
                Code::BadItaItem,
                &key("ita_item"),
                format!("\"{s}\" ไม่ใช่รหัสรายการ ITA ต้องเป็น O ตามด้วยตัวเลข เช่น ita_item: O1"),
            );
        }
        c
    });
    let fiscal_year = match get(&map, "fiscal_year") {
        None | Some(Yaml::Null) => year_folder(source),
        Some(v) => {
            let p = key("fiscal_year");
            match cx.whole(v, &p) {
                Some(y) if (2400..=2700).contains(&y) => Some(y as i32),
                Some(y) => {
                    cx.error(Code::NotAWholeNumber, &p, format!("{y} ไม่ใช่ปีงบประมาณ พ.ศ. (เช่น 2569)"));
                    None
                }
                None => None,
            }
        }
    };
    let description = cx.optional_string(&map, "description", &[]);
    let updated = cx.optional_string(&map, "updated", &[]).and_then(|s| match calendar::parse_date(&s) {
        Ok(d) => Some(d),
        Err(e) => {
            cx.error(e.code(), &key("updated"), format!("\"{s}\": {e}"));
            None
        }
    });
    let links = parse_links(&mut cx, &map);
    let attachments = parse_attachments(&mut cx, &map);
    let draft = parse_draft(&mut cx, &map);
    check_example(
        &mut cx,
        &map,
        "นี่คือหน้าตัวอย่างที่ prongsai สร้างไว้ให้เมื่อสร้างเว็บไซต์ ให้แก้เป็นข้อมูลจริงของหน่วยงานแล้วลบบรรทัด example: true หรือลบไฟล์นี้",
    );
    let body_line = cx.pos_of_offset(split.body_offset).line;
    cx.finish();
    Some(Disclosure {
        source: source.to_string(),
        title: title?,
        code: code?,
        code_line,
        fiscal_year,
        description,
        updated,
        links,
        attachments,
        draft,
        body: split.body.to_string(),
        body_line,
    })
}

/// The year folder of `content/…/2569/…`: a path component of four digits in 2400–2700.
fn year_folder(source: &str) -> Option<i32> {
    let mut parts: Vec<&str> = source.split('/').collect();
    parts.pop();
    parts
        .iter()
        .rev()
        .filter(|p| p.len() == 4 && p.bytes().all(|b| b.is_ascii_digit()))
        .filter_map(|p| p.parse::<i32>().ok())
        .find(|y| (2400..=2700).contains(y))
}

/// `links:`, each `{title, url}` (or a URL alone); a URL that is not a valid `https://`
/// URL is a warning at its line (an evaluator's browser may refuse it, or it leads nowhere).
fn parse_links(cx: &mut Ctx, map: &[(String, Yaml)]) -> Vec<Link> {
    let p = key("links");
    let items = match get(map, "links") {
        None | Some(Yaml::Null) => return vec![],
        Some(Yaml::Seq(items)) => items,
        Some(other) => {
            cx.error(
                Code::WrongType,
                &p,
                format!("ต้องเป็นรายการ - title: ... url: ... แต่พบ {}", other.describe()),
            );
            return vec![];
        }
    };
    let mut out = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let ip = child(&p, Seg::Index(i));
        let (title, url, up) = match item {
            Yaml::Null => continue,
            Yaml::Map(m) => {
                cx.check_keys(m, &ip, LINK_FIELDS);
                let up = child(&ip, Seg::Key("url".into()));
                let Some(url) = cx.required_string(m, "url", &ip, LINK_FIELDS) else {
                    continue;
                };
                (cx.optional_string(m, "title", &ip), url, up)
            }
            other => match cx.string(other, &ip) {
                Some(url) => (None, url.trim().to_string(), ip.clone()),
                None => continue,
            },
        };
        let line = cx.pos(&up).line;
        if !valid_https(&url) {
            cx.warning(
                Code::BadLinkUrl,
                &up,
                format!(
                    "\"{url}\" ไม่ใช่ URL แบบ https:// ที่ใช้ได้ ให้ใส่ที่อยู่เต็ม เช่น https://www.example.go.th/e-service"
                ),
            );
        }
        out.push(Link { title: title.unwrap_or_else(|| url.clone()), url, line });
    }
    out
}

/// `https://host…` with a host name and no blanks.
pub fn valid_https(url: &str) -> bool {
    let Some(rest) = url.strip_prefix("https://") else { return false };
    let host = rest.split(['/', '?', '#']).next().unwrap_or("");
    let host = host.rsplit('@').next().unwrap_or(host);
    let name = host.split(':').next().unwrap_or("");
    !url.chars().any(char::is_whitespace)
        && !name.is_empty()
        && name.contains('.')
        && !name.starts_with('.')
        && !name.ends_with('.')
        && name.chars().all(|c| c.is_alphanumeric() || c == '-' || c == '.')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(text: &str) -> (Option<Disclosure>, Vec<String>) {
        let mut d = Diagnostics::new();
        let p = parse("content/2569/ita/o1.md", text, &mut d);
        (p, d.sorted().iter().map(|x| x.to_string()).collect())
    }

    #[test]
    fn a_page_is_read_with_its_year_folder_and_code() {
        let (p, d) = run("---\ntitle: โครงสร้าง\nita_item: o01\nupdated: 15 ม.ค. 2569\n---\nเนื้อหา\n");
        assert!(d.is_empty(), "{d:?}");
        let p = p.unwrap();
        assert_eq!((p.code.as_str(), p.code_line, p.fiscal_year), ("O1", 3, Some(2569)));
        assert_eq!(p.updated.map(|d| d.iso()), Some("2026-01-15".into()));
        assert_eq!((p.body.as_str(), p.body_line), ("เนื้อหา\n", 6));
    }

    #[test]
    fn problems_are_at_their_lines() {
        let (p, d) = run(
            "---\ntitle: t\nita_item: 5\nvenue: x\nlinks:\n  - title: a\n    url: http://a.go.th/\n  - https://ok.go.th/x\n  - url: https:/bad\n---\n",
        );
        assert!(p.is_none());
        let codes: Vec<_> = d
            .iter()
            .map(|s| (s.split(':').nth(2).unwrap_or("").to_string(), &s[s.len() - 7..s.len() - 1]))
            .collect();
        assert_eq!(
            codes,
            [("3".into(), "PS0507"), ("4".into(), "PS0105"), ("7".into(), "PS0512"), ("9".into(), "PS0512")],
            "{d:?}"
        );
    }

    #[test]
    fn https_urls() {
        assert!(valid_https("https://www.example.go.th/complaint?x=1"));
        for bad in
            ["http://a.go.th", "/local", "https://", "https://a b.go.th", "https://localhost/", "www.a.go.th"]
        {
            assert!(!valid_https(bad), "{bad}");
        }
    }

    #[test]
    fn only_a_top_level_ita_item_makes_a_disclosure() {
        assert!(is_disclosure("---\ntitle: t\nita_item: O1\n---\n"));
        assert!(is_disclosure("---\nita_item : O1\n---\n"));
        assert!(!is_disclosure("---\ntitle: t\n  ita_item: O1\n---\n"));
        assert!(!is_disclosure("---\ntitle: t\n---\nita_item: O1\n"));
    }
}
