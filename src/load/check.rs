//! Checking a document held in memory (the editor's form) exactly as `load` checks the
//! file it would be: the same parsing, the same codes and messages, no disk.

use super::config::{self, CONFIG_FILE, Config};
use super::disclosure::{self, Disclosure};
use super::meeting::{self, Meeting};
use super::schema::{DISCLOSURE, DocKind, MEETING, SITE};
use crate::diagnostics::{Code, Diagnostics, Pos};

/// A document read by [`check_text`].
#[derive(Clone, Debug, PartialEq)]
pub enum Doc {
    // Boxed: a meeting is twice the size of the others.
    Meeting(Box<Meeting>),
    Disclosure(Disclosure),
    Config(Config),
}

/// The kind of the document `text` at `source` (a path from the site root, `/`-separated)
/// is, as `load` tells them apart: `site.yaml`, else a disclosure page when its front
/// matter has `ita_item:`, else a meeting.
pub fn kind_of(source: &str, text: &str) -> &'static DocKind {
    if source == CONFIG_FILE {
        &SITE
    } else if disclosure::is_disclosure(text.strip_prefix('\u{feff}').unwrap_or(text)) {
        &DISCLOSURE
    } else {
        &MEETING
    }
}

/// Reads `text` as a document of `kind` whose file would be `source` (a path from the
/// site root, `/`-separated; a meeting's default slug comes from its file name), with
/// every problem `load` would report for that file, sorted as `check` shows them. What
/// needs the disk is left out: whether the attachments exist ([`super::check_attachments`])
/// and the checks across files made after loading (the model's).
pub fn check_text(kind: &DocKind, source: &str, text: &str) -> (Option<Doc>, Diagnostics) {
    let mut diags = Diagnostics::new();
    if text.len() as u64 > super::MAX_FILE_BYTES {
        diags.error(
            Code::TooLarge,
            source,
            Pos::default(),
            format!("ไฟล์ใหญ่เกินไป ({} MB) รับได้ไม่เกิน {} MB", text.len() >> 20, super::MAX_FILE_BYTES >> 20),
        );
        return (None, diags);
    }
    // As `decode` does: a BOM is not text.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let doc = if kind.id == SITE.id {
        config::parse(text, None, &mut diags).map(Doc::Config)
    } else if kind.id == DISCLOSURE.id {
        disclosure::parse(source, text, &mut diags).map(Doc::Disclosure)
    } else {
        let name = source.rsplit('/').next().unwrap_or(source);
        meeting::parse(source, name, text, &mut diags).map(|m| Doc::Meeting(Box::new(m)))
    };
    let mut sorted = Diagnostics::new();
    sorted.extend_from_slice(&diags.sorted());
    (doc, sorted)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn codes(d: &Diagnostics) -> Vec<&'static str> {
        d.sorted().iter().map(|x| x.code.id()).collect()
    }

    #[test]
    fn each_kind_is_checked_as_load_checks_its_file() {
        let text = "\u{feff}---\ntitle: ประชุม\ndate: 2566-10-20\nvenu: ห้อง\n---\nbody\n";
        assert_eq!(kind_of("content/2567/a.md", text).id, "meeting");
        let (doc, d) = check_text(&MEETING, "content/2567/2566-10-20-a.md", text);
        let Some(Doc::Meeting(m)) = doc else { panic!("{doc:?}") };
        assert_eq!((m.slug.as_str(), m.fiscal_year), ("a", 2567));
        assert_eq!(codes(&d), ["PS0120", "PS0105"]);
        assert_eq!((d.sorted()[1].line, d.sorted()[1].column), (4, 1));

        let page = "---\ntitle: โครงสร้าง\nita_item: o1\n---\n";
        assert_eq!(kind_of("content/2569/ita/o1.md", page).id, "disclosure");
        let (doc, d) = check_text(&DISCLOSURE, "content/2569/ita/o1.md", page);
        assert!(matches!(doc, Some(Doc::Disclosure(p)) if p.code == "O1" && p.fiscal_year == Some(2569)));
        assert!(d.is_empty());

        assert_eq!(kind_of("site.yaml", "title: t\n").id, "site");
        let (doc, d) = check_text(&SITE, "site.yaml", "title: t\nnumerals: roman\n");
        assert!(matches!(doc, Some(Doc::Config(_))));
        let mut c = codes(&d);
        c.sort();
        assert_eq!(c, ["PS0107", "PS0602", "PS0603"]);
    }
}
