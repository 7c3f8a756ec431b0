//! Meeting bodies: CommonMark with tables, footnotes and strikethrough.
//!
//! Raw HTML in a body is shown as text, not passed through, and links with a script
//! scheme lose their target: a body may come from a Word paste or a stranger's file,
//! and the page must not run anything it carries.

use pulldown_cmark::{CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd, html};

pub(crate) const TABLE_WRAP: &str =
    r#"<div class="table-wrap" tabindex="0" role="region" aria-label="ตาราง">"#;

/// Body HTML. Tables are wrapped so they scroll on a phone instead of widening the page;
/// if the body uses `#` headings, every heading moves one level down, since the page's
/// one `<h1>` is the meeting title.
pub fn to_html(body: &str) -> String {
    let opts = Options::ENABLE_TABLES | Options::ENABLE_FOOTNOTES | Options::ENABLE_STRIKETHROUGH;
    let shift = Parser::new_ext(body, opts)
        .any(|ev| matches!(ev, Event::Start(Tag::Heading { level: HeadingLevel::H1, .. })));
    let events = Parser::new_ext(body, opts).flat_map(|ev| {
        let out: [Option<Event>; 2] = match ev {
            Event::Start(Tag::Table(a)) => {
                // The wrapper scrolls a table too wide for a phone, so it takes keyboard focus
                // (WCAG: a scrollable region must be reachable without a mouse).
                [Some(Event::Html(TABLE_WRAP.into())), Some(Event::Start(Tag::Table(a)))]
            }
            Event::End(TagEnd::Table) => {
                [Some(Event::End(TagEnd::Table)), Some(Event::Html("</div>".into()))]
            }
            Event::Start(Tag::Heading { level, id, classes, attrs }) if shift => {
                [Some(Event::Start(Tag::Heading { level: lower(level), id, classes, attrs })), None]
            }
            Event::End(TagEnd::Heading(level)) if shift => {
                [Some(Event::End(TagEnd::Heading(lower(level)))), None]
            }
            other => [Some(sanitize(other)), None],
        };
        out.into_iter().flatten()
    });
    let mut out = String::with_capacity(body.len() * 3 / 2);
    html::push_html(&mut out, events);
    out
}

fn lower(level: HeadingLevel) -> HeadingLevel {
    use HeadingLevel::*;
    match level {
        H1 => H2,
        H2 => H3,
        H3 => H4,
        H4 => H5,
        _ => H6,
    }
}

fn sanitize(ev: Event<'_>) -> Event<'_> {
    match ev {
        Event::Html(h) | Event::InlineHtml(h) => Event::Text(h),
        Event::Start(Tag::Link { link_type, dest_url, title, id }) => {
            Event::Start(Tag::Link { link_type, dest_url: safe_url(dest_url), title, id })
        }
        Event::Start(Tag::Image { link_type, dest_url, title, id }) => {
            Event::Start(Tag::Image { link_type, dest_url: safe_url(dest_url), title, id })
        }
        other => other,
    }
}

fn safe_url(url: CowStr<'_>) -> CowStr<'_> {
    let lowered: String = url
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .collect::<String>()
        .to_ascii_lowercase();
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
    fn tables_are_wrapped_and_h1_moves_down() {
        let h = to_html("# ก\n\n## ข\n\n| a |\n|---|\n| 1 |\n");
        assert!(h.contains("<h2>ก</h2>") && h.contains("<h3>ข</h3>"), "{h}");
        assert!(h.contains(&format!("{TABLE_WRAP}<table>")) && h.contains("</table>\n</div>"), "{h}");
        assert!(to_html("## ข\n").contains("<h2>ข</h2>"));
    }

    #[test]
    fn raw_html_and_script_links_are_neutralised() {
        let h =
            to_html("<script>alert(1)</script>\n\n[x](javascript:alert(1)) <img src=x onerror=alert(1)>\n");
        assert!(!h.contains("<script"), "{h}");
        assert!(!h.contains("<img"), "{h}");
        assert!(!h.contains("javascript:"), "{h}");
    }
}
