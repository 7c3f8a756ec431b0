//! The Thai guide (`docs/guide-th.md`, embedded at compile time) as a web page: what
//! `serve` shows at `/__prongsai/guide/` and what the Windows zip carries as `คู่มือ.html`
//! (`prongsai guide-html`, a hidden command). Headings get the ids GitHub gives them, so the
//! guide's own table of contents works in both; each diagnostic code's row in the tables
//! of chapter 8 gets the code as its id (`#PS0302`), so that a message can link to the
//! explanation of its code ([`code_url`]).

use crate::render::filters::escape_html as escape;
use base64::Engine;
use include_dir::{Dir, include_dir};
use pulldown_cmark::{CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd, html};
use std::collections::{BTreeSet, HashMap};

/// The guide's Markdown.
pub const SOURCE: &str = include_str!("../docs/guide-th.md");

/// The guide's pictures (`docs/images/`), which its Markdown refers to as `images/…`.
pub static IMAGES: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/docs/images");

/// Where `serve` shows the guide.
pub const ROOT: &str = "/__prongsai/guide/";

/// The example site's disclosure pages of one year, which the guide links to as
/// `../content/2569/ita/` (the repository is the example site): embedded, so that `serve`
/// shows them under [`ROOT`] as the guide's link says; the release archives carry the
/// whole example site in [`EXAMPLE_DIR`] beside `คู่มือ.html`.
pub static EXAMPLES: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/content/2569/ita");

/// [`EXAMPLES`]' folder in the example site.
pub const EXAMPLES_DIR: &str = "content/2569/ita/";

/// The folder beside the program in the release archives that holds the example site.
pub const EXAMPLE_DIR: &str = "ตัวอย่าง";

/// The guide's section explaining `code` (`PS0302`), as `serve` shows it.
pub fn code_url(code: &str) -> String {
    format!("{ROOT}#{code}")
}

/// How the page refers to its pictures.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Images {
    /// Where `serve` has them, `/__prongsai/guide/images/…`.
    Served,
    /// Inside the page as `data:` URLs: one file that still shows them when copied alone.
    Inline,
}

const STYLE: &str = "\
body{font-family:\"Sarabun\",\"Noto Sans Thai\",\"Leelawadee UI\",\"Tahoma\",sans-serif;line-height:1.7;color:#1a1a1a;margin:0}
main{max-width:52rem;margin:0 auto;padding:1rem 1rem 4rem}
a{color:#0b4f9c}
.skip{position:absolute;left:-999px}.skip:focus{left:1rem;top:1rem;background:#fff;padding:.5rem}
.bar{background:#12355b;padding:.5rem 1rem}.bar a{color:#fff;margin-right:1rem}
pre{white-space:pre-wrap;word-break:break-word;background:#f4f4f4;padding:.6rem;overflow-x:auto}
code{background:#f4f4f4;padding:0 .2rem;word-break:break-word}
.table-wrap{overflow-x:auto}table{border-collapse:collapse;margin:.5rem 0 1.5rem}
th,td{border:1px solid #bbb;padding:.3rem .5rem;text-align:left;vertical-align:top}
img{max-width:100%;height:auto;border:1px solid #bbb}
tr:has(a.code:target){background:#fff3c4}
:target{scroll-margin-top:1rem}
:focus-visible{outline:3px solid #c25e00;outline-offset:2px}
";

/// The guide as a whole HTML page. `nav`: links shown above it (serve's link back to the
/// editor; none in the zip).
pub fn page(images: Images, nav: &[(&str, &str)]) -> String {
    let title = SOURCE.lines().next().and_then(|l| l.strip_prefix("# ")).unwrap_or("คู่มือ prongsai");
    let bar = nav_bar(nav);
    format!(
        "<!doctype html>\n<html lang=\"th\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{title}</title>\n<style>\n{STYLE}</style>\n</head>\n<body>\n\
         <a class=\"skip\" href=\"#main\">ข้ามไปยังเนื้อหา</a>\n{bar}<main id=\"main\">\n{body}</main>\n</body>\n</html>\n",
        title = escape(title),
        body = body(images, false),
    )
}

/// The guide's Markdown as HTML, with ids on headings and code rows. `lower`: every
/// heading one level down, for a page that has its own `<h1>` (the editor's).
pub fn body(images: Images, lower: bool) -> String {
    let opts = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH;
    let mut events: Vec<Event> = Parser::new_ext(SOURCE, opts).collect();
    heading_ids(&mut events);
    code_anchors(&mut events);
    match images {
        Images::Inline => inline_images(&mut events),
        Images::Served => served_images(&mut events),
    }
    example_links(&mut events, images);
    if lower {
        for ev in events.iter_mut() {
            match ev {
                Event::Start(Tag::Heading { level, .. }) | Event::End(TagEnd::Heading(level)) => {
                    *level = HeadingLevel::try_from(*level as usize + 1).unwrap_or(HeadingLevel::H6);
                }
                _ => {}
            }
        }
    }
    let mut out = String::with_capacity(SOURCE.len() * 2);
    let wrapped = events.into_iter().flat_map(|ev| match ev {
        // A table too wide for a phone scrolls inside its own box (reachable by keyboard),
        // not the page, as in the site's pages.
        Event::Start(Tag::Table(a)) => {
            vec![Event::Html(crate::render::markdown::TABLE_WRAP.into()), Event::Start(Tag::Table(a))]
        }
        Event::End(TagEnd::Table) => vec![Event::End(TagEnd::Table), Event::Html("</div>".into())],
        other => vec![other],
    });
    html::push_html(&mut out, wrapped);
    out
}

/// The codes the page has an anchor for.
pub fn anchored_codes() -> BTreeSet<String> {
    let mut events: Vec<Event> = Parser::new_ext(SOURCE, Options::ENABLE_TABLES).collect();
    code_anchors(&mut events)
}

/// GitHub's heading ids (github-slugger): lower case; letters, marks, digits, `-`, `_` and
/// spaces kept, everything else dropped; spaces become `-`; a repeated id gets `-1`, `-2`.
pub fn slug(text: &str) -> String {
    use icu_properties::props::{GeneralCategory, GeneralCategoryGroup};
    let gc = icu_properties::CodePointMapData::<GeneralCategory>::new();
    let keep = |c: char| {
        let g = gc.get(c);
        c == '-'
            || c == '_'
            || c == ' '
            || GeneralCategoryGroup::Letter.contains(g)
            || GeneralCategoryGroup::Mark.contains(g)
            || GeneralCategoryGroup::Number.contains(g)
    };
    text.to_lowercase().chars().filter(|&c| keep(c)).map(|c| if c == ' ' { '-' } else { c }).collect()
}

fn heading_ids(events: &mut [Event]) {
    let mut seen: HashMap<String, usize> = HashMap::new();
    let mut i = 0;
    while i < events.len() {
        if let Event::Start(Tag::Heading { id: None, .. }) = &events[i] {
            let mut text = String::new();
            for ev in &events[i + 1..] {
                match ev {
                    Event::End(TagEnd::Heading(_)) => break,
                    Event::Text(t) | Event::Code(t) => text.push_str(t),
                    _ => {}
                }
            }
            let base = slug(&text);
            let n = seen.entry(base.clone()).or_insert(0);
            let id = if *n == 0 { base.clone() } else { format!("{base}-{n}") };
            *n += 1;
            if let Event::Start(Tag::Heading { id: slot, .. }) = &mut events[i] {
                *slot = Some(CowStr::from(id));
            }
        }
        i += 1;
    }
}

/// The first cell of a table row that is a code alone (`PS0302`) becomes a link to itself
/// carrying the code as id, on the code's first row; the codes anchored.
fn code_anchors(events: &mut [Event]) -> BTreeSet<String> {
    let mut done = BTreeSet::new();
    let mut first_cell = false;
    for ev in events.iter_mut() {
        match ev {
            Event::Start(Tag::TableRow) => first_cell = true,
            Event::Start(Tag::TableCell) => {}
            Event::Text(t) if first_cell && is_code(t) && !done.contains(t.as_ref()) => {
                let code = t.to_string();
                *ev = Event::InlineHtml(
                    format!("<a class=\"code\" id=\"{code}\" href=\"#{code}\">{code}</a>").into(),
                );
                done.insert(code);
                first_cell = false;
            }
            Event::End(TagEnd::TableCell) => first_cell = false,
            _ => {}
        }
    }
    done
}

fn is_code(t: &str) -> bool {
    t.len() == 6 && t.starts_with("PS") && t[2..].bytes().all(|b| b.is_ascii_digit())
}

/// The path `serve` has the guide's pictures under.
pub const IMAGES_PATH: &str = "/__prongsai/guide/images/";

fn served_images(events: &mut [Event]) {
    for ev in events.iter_mut() {
        if let Event::Start(Tag::Image { dest_url, .. }) = ev
            && let Some(name) = dest_url.strip_prefix("images/")
        {
            *dest_url = CowStr::from(format!("{IMAGES_PATH}{name}"));
        }
    }
}

fn inline_images(events: &mut [Event]) {
    for ev in events.iter_mut() {
        if let Event::Start(Tag::Image { dest_url, .. }) = ev
            && let Some(file) = dest_url.strip_prefix("images/").and_then(|name| IMAGES.get_file(name))
        {
            let mime = mime_guess::from_path(file.path()).first_or_octet_stream();
            let data = base64::engine::general_purpose::STANDARD.encode(file.contents());
            *dest_url = CowStr::from(format!("data:{mime};base64,{data}"));
        }
    }
}

/// A link to the example site (`../content/…`: out of `docs/` to the repository's root,
/// which is the example site) made to land where the guide is read: in `คู่มือ.html`, in
/// the example's folder beside it; under `serve`, at the guide's own copy ([`EXAMPLES`]).
fn example_links(events: &mut [Event], images: Images) {
    for ev in events.iter_mut() {
        if let Event::Start(Tag::Link { dest_url, .. }) = ev
            && let Some(rest) = dest_url.strip_prefix("../")
        {
            *dest_url = CowStr::from(match images {
                Images::Inline => format!("{EXAMPLE_DIR}/{rest}"),
                Images::Served => format!("{ROOT}{rest}"),
            });
        }
    }
}

/// `serve`'s page of [`EXAMPLES`]: each file with its OIT code and title, linked to its
/// text.
pub fn examples_page(nav: &[(&str, &str)]) -> String {
    let field = |text: &str, key: &str| -> String {
        let v = text.lines().find_map(|l| l.strip_prefix(key)).unwrap_or("");
        let v = v.split(" #").next().unwrap_or("").trim();
        v.trim_matches(['"', '\'']).to_string()
    };
    let mut files: Vec<(u32, String, String, String)> = EXAMPLES
        .files()
        .filter_map(|f| {
            let name = f.path().file_name()?.to_str()?.to_string();
            let text = f.contents_utf8()?;
            let code = field(text, "ita_item:");
            let n = code.trim_start_matches(['O', 'o']).parse().unwrap_or(u32::MAX);
            Some((n, code, field(text, "title:"), name))
        })
        .collect();
    files.sort();
    let items: Vec<String> = files
        .iter()
        .map(|(_, code, title, name)| {
            format!(
                "<li><a href=\"{}\">{} {}</a> <span class=\"file\">({})</span></li>",
                escape(name),
                escape(code),
                escape(title),
                escape(name)
            )
        })
        .collect();
    let bar = nav_bar(nav);
    format!(
        "<!doctype html>\n<html lang=\"th\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>ตัวอย่างหน้าข้อมูล ITA ปี 2569</title>\n<style>\n{STYLE}</style>\n</head>\n<body>\n\
         <a class=\"skip\" href=\"#main\">ข้ามไปยังเนื้อหา</a>\n{bar}<main id=\"main\">\n\
         <h1>ตัวอย่างหน้าข้อมูล ITA ปี 2569</h1>\n\
         <p>ไฟล์ในโฟลเดอร์ <code>{EXAMPLES_DIR}</code> ของเว็บไซต์ตัวอย่าง (โฟลเดอร์ <code>{EXAMPLE_DIR}</code> \
         ที่มากับโปรแกรม) ครบทุกรายการ เปิดดูแล้วเขียนหน้าของหน่วยงานตามแบบได้ในตัวแก้ไข \
         <a href=\"{ROOT}\">กลับไปที่คู่มือ</a></p>\n<ul>\n{}\n</ul>\n</main>\n</body>\n</html>\n",
        items.join("\n"),
    )
}

fn nav_bar(nav: &[(&str, &str)]) -> String {
    if nav.is_empty() {
        return String::new();
    }
    let links: Vec<String> =
        nav.iter().map(|(href, text)| format!("<a href=\"{}\">{}</a>", escape(href), escape(text))).collect();
    format!("<header class=\"bar\"><nav aria-label=\"prongsai\">{}</nav></header>\n", links.join(""))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn heading_ids_are_githubs() {
        assert_eq!(slug("1. ติดตั้ง"), "1-ติดตั้ง");
        assert_eq!(slug("2. สร้างเว็บไซต์ใหม่และตั้งค่า site.yaml"), "2-สร้างเว็บไซต์ใหม่และตั้งค่า-siteyaml");
        assert_eq!(slug("หน้ารวมรายการ OIT ของปี (/ita/<ปี>/)"), "หน้ารวมรายการ-oit-ของปี-itaปี");
        // Thai tone marks (Mn, not alphabetic) stay.
        assert_eq!(slug("ข้อผิดพลาด"), "ข้อผิดพลาด");
    }

    #[test]
    fn codes_are_anchored_once() {
        let html = body(Images::Served, false);
        assert_eq!(html.matches("id=\"PS0302\"").count(), 1);
        assert!(anchored_codes().contains("PS0501"));
    }
}
