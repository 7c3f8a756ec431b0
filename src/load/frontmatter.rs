//! Splitting a meeting file into its YAML front matter and Markdown body, keeping the
//! byte offsets of both so that errors point at lines of the `.md` file itself.

/// A file's text cut in two. Offsets are into the text the splitter was given.
#[derive(Debug, PartialEq, Eq)]
pub struct Split<'a> {
    pub yaml: &'a str,
    pub yaml_offset: usize,
    pub body: &'a str,
    pub body_offset: usize,
}

#[derive(Debug, PartialEq, Eq)]
pub enum SplitError {
    /// The file does not begin with a `---` line.
    NoFrontMatter,
    /// A `---` opens the front matter but no `---` line closes it.
    Unclosed,
}

fn is_fence(line: &str) -> bool {
    line.trim_end_matches(['\r', '\n']).trim_end_matches([' ', '\t']) == "---"
}

/// `text` must already be without a BOM. A first line `---` opens the front matter; the
/// next line that is exactly `---` (trailing blanks and CR allowed) closes it.
pub fn split(text: &str) -> Result<Split<'_>, SplitError> {
    let mut lines = text.split_inclusive('\n');
    let first = lines.next().ok_or(SplitError::NoFrontMatter)?;
    if !is_fence(first) {
        return Err(SplitError::NoFrontMatter);
    }
    let yaml_offset = first.len();
    let mut pos = yaml_offset;
    for line in lines {
        if is_fence(line) {
            let body_offset = pos + line.len();
            return Ok(Split {
                yaml: &text[yaml_offset..pos],
                yaml_offset,
                body: &text[body_offset..],
                body_offset,
            });
        }
        pos += line.len();
    }
    Err(SplitError::Unclosed)
}

/// The line (1-based) of a top-level `draft: true` in the front matter, read as text so that
/// a draft is known as one even when the rest of its front matter does not parse. `true`,
/// `True` or `TRUE`, unquoted, as YAML reads a boolean; a comment may follow. `text` must
/// already be without a BOM; an unclosed front matter is read to the end.
pub fn draft_line(text: &str) -> Option<usize> {
    let mut lines = text.split_inclusive('\n');
    if !is_fence(lines.next()?) {
        return None;
    }
    for (i, line) in lines.enumerate() {
        if is_fence(line) {
            return None;
        }
        let Some(rest) = line.strip_prefix("draft") else { continue };
        let Some(value) = rest.trim_start_matches([' ', '\t']).strip_prefix(':') else { continue };
        let value = value.split(" #").next().unwrap_or("").trim_matches([' ', '\t', '\r', '\n']);
        if matches!(value, "true" | "True" | "TRUE") {
            return Some(i + 2);
        }
    }
    None
}

/// Where the front matter was closed early by a stray `---`: the closing line, when the
/// body starts with `name: value` and another `---` line follows (the real closing one).
/// A body's own `---` (a Markdown rule) follows text, not a field.
pub fn early_close(text: &str, split: &Split) -> Option<usize> {
    let mut body = split.body.split_inclusive('\n').skip_while(|l| l.trim().is_empty());
    let first = body.next()?;
    let name = first.bytes().take_while(|b| b.is_ascii_alphanumeric() || *b == b'_').count();
    let looks_like_field = name > 0
        && first.as_bytes()[0].is_ascii_alphabetic()
        && first[name..].starts_with(':')
        && first[name + 1..].starts_with([' ', '\t', '\r', '\n']);
    if looks_like_field && body.any(is_fence) {
        let fence = split.yaml_offset + split.yaml.len();
        return Some(fence.min(text.len()));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_and_keeps_offsets() {
        let t = "---\ntitle: x\n---\nbody\n";
        let s = split(t).unwrap();
        assert_eq!(s.yaml, "title: x\n");
        assert_eq!(&t[s.yaml_offset..s.yaml_offset + 8], "title: x");
        assert_eq!(s.body, "body\n");
        assert_eq!(s.body_offset, 17);
    }

    #[test]
    fn crlf_and_trailing_blanks() {
        let s = split("--- \r\na: 1\r\n---\r\nb").unwrap();
        assert_eq!(s.yaml, "a: 1\r\n");
        assert_eq!(s.body, "b");
    }

    #[test]
    fn front_matter_only_and_empty_front_matter() {
        assert_eq!(split("---\na: 1\n---").unwrap().body, "");
        assert_eq!(split("---\n---\n").unwrap().yaml, "");
    }

    #[test]
    fn a_draft_is_known_by_its_line_even_when_the_yaml_is_broken() {
        assert_eq!(draft_line("---\ntitle: a\ndraft: true\n---\n"), Some(3));
        assert_eq!(draft_line("---\ntitle: [a\n\tx: :\ndraft: True   # ยังไม่เสร็จ\r\n"), Some(4));
        assert_eq!(draft_line("---\ndraft : TRUE\n---\n"), Some(2));
        for not in [
            "---\ndraft: false\n---\n",
            "---\ndraft: \"true\"\n---\n",
            "---\n  draft: true\n---\n",
            "---\ntitle: a\n---\ndraft: true\n",
            "draft: true\n",
            "---\ndrafted: true\n---\n",
        ] {
            assert_eq!(draft_line(not), None, "{not}");
        }
    }

    #[test]
    fn a_stray_fence_closes_early() {
        let t = "---\ntitle: a\n---\ndate: 2567-01-01\nvenue: b\n---\nbody\n";
        assert_eq!(early_close(t, &split(t).unwrap()), Some(13));
        let t = "---\ntitle: a\n---\nข้อความ\n\n---\nต่อ\n";
        assert_eq!(early_close(t, &split(t).unwrap()), None);
        let t = "---\ntitle: a\n---\nnote: not front matter\n";
        assert_eq!(early_close(t, &split(t).unwrap()), None);
    }

    #[test]
    fn missing_or_unclosed() {
        assert_eq!(split(""), Err(SplitError::NoFrontMatter));
        assert_eq!(split("# title\n"), Err(SplitError::NoFrontMatter));
        assert_eq!(split("----\n"), Err(SplitError::NoFrontMatter));
        assert_eq!(split("---\na: 1\n"), Err(SplitError::Unclosed));
        // a `---` inside a value is not a fence
        assert_eq!(split("---\na: '---'\n"), Err(SplitError::Unclosed));
    }
}
