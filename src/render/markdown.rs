//! Meeting bodies: CommonMark with tables, footnotes and strikethrough.
//!
//! Raw HTML in a body is shown as text, not passed through, and links with a script
//! scheme lose their target: a body may come from a Word paste or a stranger's file,
//! and the page must not run anything it carries.

use pulldown_cmark::{html, CowStr, Event, Options, Parser, Tag};

pub fn to_html(body: &str) -> String {
    let opts = Options::ENABLE_TABLES | Options::ENABLE_FOOTNOTES | Options::ENABLE_STRIKETHROUGH;
    let events = Parser::new_ext(body, opts).map(|ev| match ev {
        Event::Html(h) | Event::InlineHtml(h) => Event::Text(h),
        Event::Start(Tag::Link { link_type, dest_url, title, id }) => {
            Event::Start(Tag::Link { link_type, dest_url: safe_url(dest_url), title, id })
        }
        Event::Start(Tag::Image { link_type, dest_url, title, id }) => {
            Event::Start(Tag::Image { link_type, dest_url: safe_url(dest_url), title, id })
        }
        other => other,
    });
    let mut out = String::with_capacity(body.len() * 3 / 2);
    html::push_html(&mut out, events);
    out
}

fn safe_url(url: CowStr<'_>) -> CowStr<'_> {
    let lowered: String = url.chars().filter(|c| !c.is_whitespace() && !c.is_control()).collect::<String>().to_ascii_lowercase();
    if ["javascript:", "vbscript:", "data:text/html"].iter().any(|s| lowered.starts_with(s)) {
        CowStr::Borrowed("#")
    } else {
        url
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_footnotes_strikethrough() {
        let h = to_html("| a | b |\n|---|---|\n| 1 | 2 |\n\nx[^1] ~~y~~\n\n[^1]: note\n");
        assert!(h.contains("<table>") && h.contains("<del>y</del>") && h.contains("footnote"), "{h}");
    }

    #[test]
    fn raw_html_and_script_links_are_neutralised() {
        let h = to_html("<script>alert(1)</script>\n\n[x](javascript:alert(1)) <img src=x onerror=alert(1)>\n");
        assert!(!h.contains("<script"), "{h}");
        assert!(!h.contains("<img"), "{h}");
        assert!(!h.contains("javascript:"), "{h}");
    }
}
