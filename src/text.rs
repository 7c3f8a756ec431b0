//! Thai text helpers, one home each: digits (๐-๙ and 0-9, and the site's choice of
//! them), white space as Thai documents carry it (zero-width spaces from Word pastes),
//! role keys, and slugs. A leaf: it uses nothing else of the crate, so every stage may
//! use it.

use unicode_normalization::UnicodeNormalization;

const THAI_ZERO: u32 = '๐' as u32;

/// The value of a Thai digit (๐-๙), None for anything else.
pub fn thai_digit_value(c: char) -> Option<u8> {
    let v = (c as u32).checked_sub(THAI_ZERO)?;
    if v <= 9 { Some(v as u8) } else { None }
}

/// 0-9 -> ๐-๙, everything else unchanged.
pub fn thai_digits(s: &str) -> String {
    s.chars()
        .map(|c| match c.to_digit(10) {
            Some(v) if c.is_ascii_digit() => char::from_u32(THAI_ZERO + v).unwrap_or(c),
            _ => c,
        })
        .collect()
}

/// The digits a site shows its numbers in (`numerals:` in `site.yaml`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Numerals {
    Arabic,
    Thai,
}

/// `s` with its digits in `n`: Thai digits if Thai, as it is otherwise.
pub fn with_numerals(s: String, n: Numerals) -> String {
    match n {
        Numerals::Arabic => s,
        Numerals::Thai => thai_digits(&s),
    }
}

/// ๐-๙ -> 0-9, everything else unchanged.
pub fn arabic_digits(s: &str) -> String {
    s.chars()
        .map(|c| match thai_digit_value(c) {
            Some(v) => char::from(b'0' + v),
            None => c,
        })
        .collect()
}

/// Pasted Thai text often carries zero-width spaces or a BOM where a word break was;
/// treat them like white space (char::is_whitespace already covers NBSP).
pub fn is_space(c: char) -> bool {
    c.is_whitespace() || matches!(c, '\u{200B}' | '\u{FEFF}' | '\u{2060}')
}

/// `s` without [`is_space`] characters at either end.
pub fn trim_space(s: &str) -> &str {
    s.trim_matches(is_space)
}

/// Runs of white space made one space, none at either end (how a role is shown).
pub fn collapse_whitespace(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Roles are compared with all white space left out: Thai writes no spaces between
/// words, so a space inside a role is layout (and Word pastes are full of them).
/// (U+2060 is kept, unlike [`is_space`]: role keys have always been compared so.)
pub fn role_key(role: &str) -> String {
    role.chars().filter(|c| !c.is_whitespace() && !matches!(c, '\u{200B}' | '\u{FEFF}')).collect()
}

/// A Thai letter, vowel, tone mark or Thai digit (U+0E01..=U+0E5B).
pub fn is_thai(c: char) -> bool {
    ('\u{0E01}'..='\u{0E5B}').contains(&c)
}

/// Unicode NFC: the same-looking Thai text is the same string (and the same URL).
pub fn nfc(s: &str) -> String {
    s.nfc().collect()
}

/// `[a-z0-9-]` and Thai letters, not empty, no leading or trailing `-`.
pub fn valid_slug(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 200
        && !s.starts_with('-')
        && !s.ends_with('-')
        && s.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || is_thai(c))
}

/// The file name without `.md` and without a leading `YYYY-MM-DD-`, made into a valid
/// slug: letters lowered, blanks and `_` turned into `-`, accents of Latin letters dropped
/// (`é` → `e`), anything else left out. The result is in Unicode NFC whatever form the
/// name was stored in (macOS stores NFD; a Thai tone mark typed before its vowel is put
/// after it), so two names that look the same give the same URL, and two such files in
/// one fiscal year are a duplicate-URL error naming both.
pub fn default_slug(file_name: &str) -> String {
    use unicode_normalization::char::is_combining_mark;
    let stem = file_name.strip_suffix(".md").unwrap_or(file_name);
    let stem = strip_date_prefix(stem);
    let stem: String = stem.nfd().filter(|&c| is_thai(c) || !is_combining_mark(c)).collect();
    let mut out = String::new();
    for c in stem.chars().flat_map(char::to_lowercase) {
        let c = match c {
            c if c.is_whitespace() || c == '_' || c == '.' => '-',
            c => c,
        };
        if c == '-' {
            if !out.is_empty() && !out.ends_with('-') {
                out.push('-');
            }
        } else if c.is_ascii_lowercase() || c.is_ascii_digit() || is_thai(c) {
            out.push(c);
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    nfc(&out)
}

/// A Thai vowel or tone mark written above, below or after its letter (and SARA AM): it
/// belongs to the letter before it, so text is never cut or matched just before one.
/// Text in reading order, numbers by value: "O4" before "O11" (plain string order puts
/// "O11" first), so that lists of codes read as the registry lists them.
pub fn natural_cmp(a: &str, b: &str) -> std::cmp::Ordering {
    fn runs(s: &str) -> impl Iterator<Item = (bool, &str)> {
        let mut rest = s;
        std::iter::from_fn(move || {
            let first = rest.chars().next()?;
            let digit = first.is_ascii_digit();
            let end = rest.find(|c: char| c.is_ascii_digit() != digit).unwrap_or(rest.len());
            let (run, tail) = rest.split_at(end);
            rest = tail;
            Some((digit, run))
        })
    }
    let (mut x, mut y) = (runs(a), runs(b));
    loop {
        let ord = match (x.next(), y.next()) {
            (None, None) => return a.cmp(b),
            (None, Some(_)) => return std::cmp::Ordering::Less,
            (Some(_), None) => return std::cmp::Ordering::Greater,
            (Some((true, p)), Some((true, q))) => {
                let (p, q) = (p.trim_start_matches('0'), q.trim_start_matches('0'));
                p.len().cmp(&q.len()).then_with(|| p.cmp(q))
            }
            (Some((_, p)), Some((_, q))) => p.cmp(q),
        };
        if ord.is_ne() {
            return ord;
        }
    }
}

pub fn is_thai_mark(c: char) -> bool {
    matches!(c, '\u{0E31}' | '\u{0E33}'..='\u{0E3A}' | '\u{0E47}'..='\u{0E4E}')
}

/// A Thai vowel written before its letter (เ แ โ ใ ไ): text is never cut just after one.
fn is_thai_leading_vowel(c: char) -> bool {
    ('\u{0E40}'..='\u{0E44}').contains(&c)
}

/// At most `max` characters of `s`, cut where no Thai letter is parted from its vowels
/// and tone marks (a grapheme boundary, for Thai).
/// The words of `s`, as a Thai reader splits text that has no spaces between words
/// (ICU4X's dictionary segmenter), with the white space and punctuation between them
/// left out: `"ประชาคมหมู่บ้าน 7"` → `["ประชาคม", "หมู่บ้าน", "7"]`.
pub fn words(s: &str) -> Vec<&str> {
    use icu_segmenter::{WordSegmenter, options::WordBreakInvariantOptions};
    let segmenter = WordSegmenter::new_dictionary(WordBreakInvariantOptions::default());
    let breaks: Vec<usize> = segmenter.segment_str(s).collect();
    breaks
        .windows(2)
        .map(|w| &s[w[0]..w[1]])
        // Thai first: `is_alphanumeric` looks a Thai letter up in a slow table, and the
        // build cuts every body (measured: 7% of a build at 10,000 meetings).
        .filter(|w| w.chars().any(|c| is_thai(c) || c.is_alphanumeric()))
        .collect()
}

pub fn cut_whole_characters(s: &str, max: usize) -> &str {
    let mut end = 0;
    let mut chars = s.char_indices().peekable();
    let mut n = 0;
    while let Some((i, c)) = chars.next() {
        if n == max {
            break;
        }
        n += 1;
        let next = chars.peek().map(|&(_, c)| c);
        let whole = !next.is_some_and(is_thai_mark) && !is_thai_leading_vowel(c);
        if whole {
            end = i + c.len_utf8();
        }
    }
    &s[..end]
}

/// A value left as a template leaves it, standing for "fill this in": nothing, dots or
/// dashes (`...`, `…`, `-`), or `ระบุ…` ("state …"). The ITA check takes it as missing.
pub fn is_placeholder(s: &str) -> bool {
    let t = trim_space(s);
    let filler = |c: char| matches!(c, '.' | '…' | '-' | '–' | '—' | '_' | '?' | '*') || is_space(c);
    t.chars().all(filler)
        || (t.starts_with("ระบุ") && (t.ends_with('…') || t.ends_with("...")))
        || (t.starts_with('<') && t.ends_with('>'))
}

/// Numbering before a heading's words (`3.`, `1.5`, `(3)`, `๓.`, `3)`, `ข้อ 3`), and the
/// words `สรุป` (summary of) and `รายงาน` (report of), set aside: what is left names the
/// section, as an evaluator reads it ("3. สรุปผลการประชุม" is a results section).
pub fn heading_words(heading: &str) -> &str {
    let mut h = trim_space(heading);
    loop {
        let before = h.len();
        h = strip_numbering(h);
        for word in ["สรุป", "รายงาน"] {
            if let Some(rest) = h.strip_prefix(word)
                && !rest.starts_with(is_thai_mark)
            {
                h = rest.trim_start_matches(|c: char| is_space(c) || c == ':');
            }
        }
        if h.len() == before {
            return h;
        }
    }
}

/// `h` without one leading number (`3.`, `1.5.`, `(3)`, `3)`, `๓`, `ข้อ 3`, `ข้อที่ 3`) or
/// bullet pasted from Word (`•`, `➢`), and the blanks and `.:-)` after it; `h` itself if
/// it does not start with one.
fn strip_numbering(h: &str) -> &str {
    const BULLETS: &[char] = &['•', '●', '○', '▪', '■', '◆', '❖', '➢', '►', '✓'];
    if let Some(rest) = h.strip_prefix(BULLETS) {
        return rest.trim_start_matches(is_space);
    }
    let digit = |c: char| c.is_ascii_digit() || thai_digit_value(c).is_some();
    let rest = h.strip_prefix("ข้อที่").or_else(|| h.strip_prefix("ข้อ"));
    let rest = rest.map(|r| r.trim_start_matches(is_space)).unwrap_or(h);
    let rest = rest.strip_prefix('(').unwrap_or(rest);
    if !rest.starts_with(digit) {
        return h;
    }
    let rest = rest.trim_start_matches(|c: char| digit(c) || c == '.');
    rest.trim_start_matches(|c: char| is_space(c) || matches!(c, ')' | '.' | ':' | '-' | '–'))
}

/// Does a heading name the section of `prefix` (`ผล`, `การนำผล`)? Its words after
/// [`heading_words`], or the heading as written, start with the prefix, as whole
/// characters ("ผลิต…" is not "ผล"). Config prefixes may themselves start with `สรุป`.
pub fn heading_starts_with(heading: &str, prefix: &str) -> bool {
    let whole = |h: &str| h.strip_prefix(prefix).is_some_and(|rest| !rest.starts_with(is_thai_mark));
    !prefix.is_empty() && (whole(heading_words(heading)) || whole(trim_space(heading)))
}

fn strip_date_prefix(stem: &str) -> &str {
    let b = stem.as_bytes();
    let shape = b.len() >= 11
        && b[..4].iter().all(u8::is_ascii_digit)
        && b[4] == b'-'
        && b[5..7].iter().all(u8::is_ascii_digit)
        && b[7] == b'-'
        && b[8..10].iter().all(u8::is_ascii_digit)
        && b[10] == b'-';
    if shape { &stem[11..] } else { stem }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digits() {
        assert_eq!(thai_digits("ปี 2567: 0-9"), "ปี ๒๕๖๗: ๐-๙");
        assert_eq!(arabic_digits("ปี ๒๕๖๗: ๐-๙"), "ปี 2567: 0-9");
        assert_eq!(thai_digit_value('๙'), Some(9));
        assert_eq!(thai_digit_value('9'), None);
    }

    #[test]
    fn role_keys_ignore_white_space() {
        assert_eq!(role_key("ผู้อำนวยการ  รพสต."), role_key("ผู้อำนวยการรพสต."));
        assert_eq!(role_key(" นายก\u{200B}อบต. "), "นายกอบต.");
        assert_eq!(collapse_whitespace(" นายก  อบต. "), "นายก อบต.");
        assert_eq!(trim_space("\u{200B} ก \u{2060}"), "ก");
    }

    #[test]
    fn slugs() {
        assert_eq!(default_slug("2566-10-20-draft-plan-2567.md"), "draft-plan-2567");
        assert_eq!(default_slug("ประชุม ประชาคม_หมู่ 1.md"), "ประชุม-ประชาคม-หมู่-1");
        assert_eq!(default_slug("Budget Hearing!!.md"), "budget-hearing");
        assert_eq!(default_slug("2566-10-20-.md"), "");
        // Unicode normal forms: NFC and NFD give one slug; Thai marks in canonical order
        assert_eq!(default_slug("Caf\u{e9}.md"), "cafe");
        assert_eq!(default_slug("Cafe\u{301}.md"), "cafe");
        assert_eq!(default_slug("\u{e01}\u{e48}\u{e38}.md"), "\u{e01}\u{e38}\u{e48}");
        assert_eq!(default_slug("\u{e01}\u{e38}\u{e48}.md"), "\u{e01}\u{e38}\u{e48}");
        assert!(valid_slug("แผน-2567"));
        assert!(!valid_slug("../x"));
        assert!(!valid_slug("a/b"));
        assert!(!valid_slug("A"));
    }

    #[test]
    fn headings_are_read_after_numbering_and_summary_words() {
        for h in [
            "ผลจากการมีส่วนร่วม",
            "3. ผลจากการมีส่วนร่วม",
            "1.5 ผลการประชุม",
            "1.5. ผลการประชุม",
            "(3) ผลการประชุม",
            "3) ผลการประชุม",
            "๓. ผลการประชุม",
            "ข้อ 3 ผลการประชุม",
            "ข้อ ๓. ผลการประชุม",
            "ข้อที่ 3 ผลการประชุม",
            "3.ผลการประชุม",
            "๓.๑ ผลการประชุม",
            "• ผลการประชุม",
            "➢ 3. สรุปผลการประชุม",
            "สรุปผลการประชุม",
            "4. สรุปผลการประชุม",
            "รายงานผลการมีส่วนร่วม",
            "รายงานสรุปผลการดำเนินงาน",
            "ผลการจากการมีส่วนร่วม",
            "  ผลการประชุม",
        ] {
            assert!(heading_starts_with(h, "ผล"), "{h}");
        }
        for h in ["ผลิตภัณฑ์ชุมชน", "3. ผู้เข้าร่วม", "สรุป", "รายงานการประชุม", "2567", "ข้อเสนอแนะ"]
        {
            assert!(!heading_starts_with(h, "ผล"), "{h}");
        }
        assert!(heading_starts_with("5. การนำผลไปใช้", "การนำผล"));
        assert!(heading_starts_with("สรุปผลการประชุม", "สรุปผล"), "a prefix that is itself สรุป…");
        assert_eq!(heading_words("ข้อ 2.1) สรุป: ผล"), "ผล");
    }

    #[test]
    fn placeholders() {
        for p in ["", " ", "...", "…", "-", "—", "ระบุ…", "ระบุชื่อ...", "<ประเด็น>", "_____"]
        {
            assert!(is_placeholder(p), "{p:?}");
        }
        for t in ["ก", "1", "ระบุความต้องการของชุมชน", "ประชาชน..."]
        {
            assert!(!is_placeholder(t), "{t:?}");
        }
    }

    #[test]
    fn cuts_keep_thai_letters_whole() {
        assert_eq!(cut_whole_characters("abc", 2), "ab");
        // น้ำ: น + ้ + ำ; never น alone
        assert_eq!(cut_whole_characters("น้ำ", 1), "");
        assert_eq!(cut_whole_characters("กน้ำ", 2), "ก");
        assert_eq!(cut_whole_characters("กน้ำ", 4), "กน้ำ");
        // never a leading vowel without its letter
        assert_eq!(cut_whole_characters("กเก", 2), "ก");
    }

    #[test]
    fn natural_order_reads_numbers_by_value() {
        let mut v = vec!["ITA: O11 x", "ITA: O4 x", "ITA: O26 x", "ITA: O1 x", "ITA: O10 x"];
        v.sort_by(|a, b| natural_cmp(a, b));
        assert_eq!(v, ["ITA: O1 x", "ITA: O4 x", "ITA: O10 x", "ITA: O11 x", "ITA: O26 x"]);
        assert_eq!(
            natural_cmp("a07", "a7"),
            std::cmp::Ordering::Less,
            "equal values fall back to text order"
        );
        assert_eq!(natural_cmp("ก", "ข"), std::cmp::Ordering::Less);
    }
}
