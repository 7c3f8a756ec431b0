//! Filters and functions for the Thai conventions, available to every template:
//!
//! - `{{ meeting.date|thai_date }}` → `20 ตุลาคม 2566`; `|thai_date("short")` → `20 ต.ค. 2566`
//! - `{{ n|number }}` → `1,234` (or `๑,๒๓๔` with `numerals: thai`)
//! - `{{ year.fy|digits }}` → the value as text, in the site's numerals, without grouping
//! - `{{ "2567"|thai_digits }}` → `๒๕๖๗` whatever the site's setting
//! - `{{ url("2567/") }}` → the path under the site's `base_url`, e.g. `/ita/2567/`
//!
//! and [`escape_html`], the one HTML escape for Rust code that writes HTML itself.

use crate::calendar::{self, Numerals};
use crate::text::with_numerals;
use minijinja::{Environment, Error, ErrorKind, Value};

pub fn register(env: &mut Environment<'static>, thai: bool, base_path: String) {
    let numerals = if thai { Numerals::Thai } else { Numerals::Arabic };
    env.add_filter("thai_date", move |v: String, style: Option<String>| -> Result<String, Error> {
        let d = calendar::parse_date(&v)
            .map_err(|e| Error::new(ErrorKind::InvalidOperation, format!("thai_date: \"{v}\": {e}")))?;
        Ok(match style.as_deref() {
            Some("short") => calendar::format_thai_short(d, numerals),
            _ => calendar::format_thai(d, numerals),
        })
    });
    env.add_filter("number", move |v: Value| -> Result<String, Error> {
        match u64::try_from(v.clone()) {
            Ok(n) => Ok(calendar::format_number(n, numerals)),
            Err(_) => Ok(with_numerals(v.to_string(), numerals)),
        }
    });
    env.add_filter("digits", move |v: Value| with_numerals(v.to_string(), numerals));
    env.add_filter("thai_digits", |v: Value| calendar::thai_digits(&v.to_string()));
    // Escaped here and marked safe, so that `/` stays `/` in the page source.
    env.add_function("url", move |path: String| {
        Value::from_safe_string(escape_html(&url(&base_path, &path)))
    });
}

/// Text escaped for HTML and SVG, in element content and in quoted attribute values
/// alike: `& < > " '`. Unlike minijinja's own escaping it leaves `/` as it is, so URLs read
/// the same in the page source. The one escape function of the crate.
pub fn escape_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Everything but the characters a URL path may carry as they are (`A-Z a-z 0-9 - . _ ~`
/// and `/`): spaces, Thai letters (as their UTF-8 bytes, `%E0%B8%9B`), `%`, `#`, `?`.
const PATH: &percent_encoding::AsciiSet =
    &percent_encoding::NON_ALPHANUMERIC.remove(b'-').remove(b'.').remove(b'_').remove(b'~').remove(b'/');

/// A path under the site, percent-encoded (`2567/ประชุม/` → `2567/%E0%B8%9B…/`): a URL
/// that survives being copied into an e-mail, a form or a feed reader, and that XML and
/// JSON readers take as a URL. Decoding it gives the path back.
pub fn encode_path(path: &str) -> String {
    percent_encoding::utf8_percent_encode(path, PATH).to_string()
}

pub fn url(base_path: &str, path: &str) -> String {
    format!("{base_path}{}", path.trim_start_matches('/'))
}

#[cfg(test)]
mod tests {
    use super::*;
    use minijinja::context;

    fn render(thai: bool, src: &str, ctx: Value) -> String {
        let mut env = Environment::new();
        register(&mut env, thai, "/ita/".into());
        env.render_str(src, ctx).unwrap()
    }

    #[test]
    fn filters_follow_the_numerals_setting() {
        let t = "{{ d|thai_date }}|{{ d|thai_date('short') }}|{{ n|number }}|{{ y|digits }}|{{ y|thai_digits }}|{{ url('2567/') }}";
        let ctx = context! { d => "2023-10-20", n => 1234, y => 2567 };
        assert_eq!(render(false, t, ctx.clone()), "20 ตุลาคม 2566|20 ต.ค. 2566|1,234|2567|๒๕๖๗|/ita/2567/");
        assert_eq!(render(true, t, ctx), "๒๐ ตุลาคม ๒๕๖๖|๒๐ ต.ค. ๒๕๖๖|๑,๒๓๔|๒๕๖๗|๒๕๖๗|/ita/2567/");
        assert_eq!(render(false, "{{ url(p) }}", context! { p => "a\"<b>" }), "/ita/a&quot;&lt;b&gt;");
    }

    #[test]
    fn paths_are_percent_encoded_and_decode_back() {
        assert_eq!(encode_path("2567/budget-hearing_2.1~x/"), "2567/budget-hearing_2.1~x/");
        assert_eq!(encode_path("2567/ป/"), "2567/%E0%B8%9B/");
        assert_eq!(encode_path("files/a b#1?.pdf"), "files/a%20b%231%3F.pdf");
        for p in ["files/รายงาน ผล (ฉบับที่ 1).pdf", "2567/น้ำ-ประปา/", "100%.pdf"]
        {
            let encoded = encode_path(p);
            let back = percent_encoding::percent_decode_str(&encoded).decode_utf8().unwrap();
            assert_eq!(back, p);
        }
    }
}
