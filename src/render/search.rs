//! `search/index.json`: what the `/search/` page searches, in the browser, with no server.
//!
//! Thai writes no spaces between words, so a search that splits on spaces finds nothing
//! inside "ผู้แทนคณะกรรมการประปาหมู่บ้าน". Each meeting's text is cut into words here, at
//! build time, by the dictionary segmenter the rest of the crate uses
//! ([`crate::text::words`]: ICU4X), and the index lists every word with the meetings that
//! have it. The script (`themes/default/static/js/search.js`) cuts the query with the
//! browser's `Intl.Segmenter` (ICU's Thai dictionary: the same word lists) and looks each
//! query word up: a whole word first, then every word of the index that contains it, then
//! the query word read as a run of the index's own words (where the two segmenters cut
//! differently). A query word inside a compound is found either way.
//!
//! An index of words, not of text: the text of a meeting is most of its page, and a copy
//! of it would add half again to the site (measured on 1,000 generated meetings). The
//! snippet under a result is taken from the meeting's own page, fetched when shown.
//!
//! ```json
//! {"version":1,"numerals":"arabic",
//!  "docs":[{"url":"2567/road/","title":"…","date":"15 มีนาคม 2567","fy":2567,"iso":"2024-03-15"}],
//!  "words":[["ประปา",[3],[1,2],[0,3,4]], …]}
//! ```
//!
//! Each item of `words` is a word and three lists of meetings (positions in `docs`), each
//! list the gaps between ascending positions (`[0,3,4]` is meetings 0, 3 and 7): the
//! meetings with the word in the title (`ครั้งที่` included), in what is shown about them
//! (the day in Thai, the fiscal year, venue, topics, roles), and in the body. Words are in
//! Unicode NFC, lower case, with Thai digits as Arabic digits (๒๕๖๗ and 2567 find each
//! other), sorted; `date` is shown as the site writes dates. The same site gives the same
//! bytes.

use crate::calendar::{self, Numerals};
use crate::load::{Body, Meeting};
use crate::model::Entry;
use crate::model::ita::dashboard::DisclosureEntry;
use crate::text;
use pulldown_cmark::{Event, Options, Parser, TagEnd};
use rayon::prelude::*;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::Path;
use std::sync::{Arc, Mutex};

#[derive(Serialize)]
struct Index<'a> {
    version: u32,
    /// The site's digits (`numerals:`), for what the script writes itself.
    numerals: &'static str,
    docs: Vec<DocInfo<'a>>,
    /// A word and the gaps between its meetings, for each of the title, what is shown,
    /// the body.
    words: Vec<WordItem>,
}

/// `[word, title, shown, body]`, each list the gaps between ascending meeting positions.
type WordItem = (String, Vec<u32>, Vec<u32>, Vec<u32>);

#[derive(Serialize)]
struct DocInfo<'a> {
    url: &'a str,
    title: &'a str,
    date: String,
    fy: i32,
    /// The first day (C.E.), for the newest-first order of equal matches.
    iso: String,
}

/// The words of one meeting, by where they are.
pub(super) struct DocWords {
    title: BTreeSet<String>,
    shown: BTreeSet<String>,
    body: BTreeSet<String>,
}

/// The words of each meeting, kept between builds by `serve` ([`super::PageCache`]): cutting
/// every body into words is most of the index's cost, and one edit changes one meeting.
/// A meeting's words are used again while it is the very same parsed value.
#[derive(Default)]
pub struct Memo(Mutex<HashMap<String, KeptWords>>);

/// A meeting as it was parsed, and its words.
type KeptWords = (Arc<Meeting>, Arc<DocWords>);

impl Memo {
    pub(super) fn clear(&self) {
        self.0.lock().unwrap_or_else(|e| e.into_inner()).clear();
    }
}

/// The index of `entries`, as bytes. A body left in its file is read again from `root`;
/// one that cannot be read is left out of the index (its own page reports why, and the
/// build fails). With `memo`, the words of meetings unchanged since the last build are
/// taken from it, and it keeps this build's.
pub fn index(
    root: &Path,
    entries: &[Arc<Entry>],
    pages: &[Arc<DisclosureEntry>],
    numerals: Numerals,
    memo: Option<&Memo>,
) -> Vec<u8> {
    let mut words = meeting_words(root, entries, memo);
    words.extend(pages.iter().map(|p| Arc::new(page_words(p))));
    let mut all: BTreeMap<String, [Vec<u32>; 3]> = BTreeMap::new();
    for (i, d) in words.iter().enumerate() {
        for (k, set) in [&d.title, &d.shown, &d.body].into_iter().enumerate() {
            for w in set {
                match all.get_mut(w) {
                    Some(lists) => lists[k].push(i as u32),
                    None => all.entry(w.clone()).or_default()[k].push(i as u32),
                }
            }
        }
    }
    let gaps = |ids: Vec<u32>| {
        let mut last = 0;
        ids.into_iter()
            .map(|i| {
                let gap = i - last;
                last = i;
                gap
            })
            .collect()
    };
    let docs = entries
        .iter()
        .map(|e| {
            let m = &e.meeting;
            let span = calendar::DateSpan { start: m.date, end: m.date_end };
            DocInfo {
                url: &e.path,
                title: &m.title,
                date: calendar::format_thai_span(span, numerals),
                fy: m.fiscal_year,
                iso: m.date.iso(),
            }
        })
        .chain(pages.iter().map(|p| DocInfo {
            url: &p.path,
            title: &p.page.title,
            // Where a meeting shows its day: what the page is.
            date: match p.page.updated {
                Some(d) => format!("{} · ปรับปรุง {}", p.page.code, calendar::format_thai(d, numerals)),
                None => format!("ข้อมูลเผยแพร่ ITA {}", p.page.code),
            },
            fy: p.fy,
            iso: p.page.updated.map(|d| d.iso()).unwrap_or_default(),
        }))
        .collect();
    let words = all.into_iter().map(|(w, [t, s, b])| (w, gaps(t), gaps(s), gaps(b))).collect();
    let numerals = match numerals {
        Numerals::Arabic => "arabic",
        Numerals::Thai => "thai",
    };
    let index = Index { version: 1, numerals, docs, words };
    let mut out = serde_json::to_vec(&index).expect("the index is plain data");
    out.push(b'\n');
    out
}

/// Each meeting's words, in order: from `memo` where the meeting is unchanged, else cut
/// now (in parallel); `memo` then holds exactly this build's meetings.
fn meeting_words(root: &Path, entries: &[Arc<Entry>], memo: Option<&Memo>) -> Vec<Arc<DocWords>> {
    let Some(memo) = memo else {
        return entries.par_iter().map(|e| Arc::new(doc_words(root, e))).collect();
    };
    let mut kept = memo.0.lock().unwrap_or_else(|e| e.into_inner());
    let found: Vec<Option<Arc<DocWords>>> = entries
        .iter()
        .map(|e| kept.get(&e.path).filter(|(m, _)| Arc::ptr_eq(m, &e.meeting)).map(|(_, w)| w.clone()))
        .collect();
    let words: Vec<Arc<DocWords>> = entries
        .par_iter()
        .zip(found)
        .map(|(e, f)| f.unwrap_or_else(|| Arc::new(doc_words(root, e))))
        .collect();
    kept.clear();
    for (e, w) in entries.iter().zip(&words) {
        kept.insert(e.path.clone(), (e.meeting.clone(), w.clone()));
    }
    words
}

fn doc_words(root: &Path, e: &Entry) -> DocWords {
    let m: &Meeting = &e.meeting;
    let body = match &m.body {
        Body::Text(t) => plain_text(t),
        Body::InFile(_) => crate::load::read_body(root, m).map(|t| plain_text(&t)).unwrap_or_default(),
    };
    let span = calendar::DateSpan { start: m.date, end: m.date_end };
    let mut title = m.title.clone();
    if let Some(n) = &m.number {
        title.push_str(" ครั้งที่ ");
        title.push_str(n);
    }
    let mut shown =
        vec![calendar::format_thai_span(span, Numerals::Arabic), format!("ปีงบประมาณ {}", m.fiscal_year)];
    shown.extend(m.venue.iter().cloned());
    shown.extend(m.topics.iter().cloned());
    shown.extend(e.attendance.rows().iter().map(|r| r.role.clone()));
    shown.extend(m.chair.iter().cloned());
    shown.extend(m.organizers.iter().cloned());
    let mut words = DocWords { title: BTreeSet::new(), shown: BTreeSet::new(), body: BTreeSet::new() };
    add_words(&title, &mut words.title);
    for s in &shown {
        add_words(s, &mut words.shown);
    }
    add_words(&body, &mut words.body);
    words
}

/// The words of a disclosure page: its title; its code, item and links; its body.
fn page_words(p: &DisclosureEntry) -> DocWords {
    let d = &p.page;
    let mut words = DocWords { title: BTreeSet::new(), shown: BTreeSet::new(), body: BTreeSet::new() };
    add_words(&d.title, &mut words.title);
    let mut shown = vec![d.code.clone(), format!("ปีงบประมาณ {}", p.fy)];
    shown.extend(p.item.iter().map(|i| i.name.clone()));
    shown.extend(d.description.iter().cloned());
    shown.extend(d.links.iter().map(|l| l.title.clone()));
    for s in &shown {
        add_words(s, &mut words.shown);
    }
    add_words(&plain_text(&d.body), &mut words.body);
    words
}

/// The words of `s` put in `set` (each word allocated once, however often it is used).
fn add_words(s: &str, set: &mut BTreeSet<String>) {
    let s = normalize(s);
    for w in text::words(&s) {
        if !set.contains(w) {
            set.insert(w.to_string());
        }
    }
}

/// `s` as words are compared: NFC, lower case, Thai digits as Arabic, a zero-width space
/// pasted from Word as a space.
pub fn normalize(s: &str) -> String {
    let s: String = s.chars().map(|c| if text::is_space(c) { ' ' } else { c }).collect();
    text::nfc(&text::arabic_digits(&s)).to_lowercase()
}

/// The words of `s` as the index holds them ([`normalize`]d, cut by [`text::words`]).
pub fn index_words(s: &str) -> impl Iterator<Item = String> {
    let s = normalize(s);
    text::words(&s).into_iter().map(str::to_string).collect::<Vec<_>>().into_iter()
}

/// The words a reader sees in a Markdown body, blocks parted by a space; raw HTML is
/// text on the page too ([`super::markdown`]), so it is searched as text.
pub fn plain_text(body: &str) -> String {
    let opts = Options::ENABLE_TABLES | Options::ENABLE_FOOTNOTES | Options::ENABLE_STRIKETHROUGH;
    let mut out = String::with_capacity(body.len());
    for ev in Parser::new_ext(body, opts) {
        match ev {
            Event::Text(t) | Event::Code(t) | Event::Html(t) | Event::InlineHtml(t) => out.push_str(&t),
            Event::SoftBreak | Event::HardBreak | Event::Rule => out.push(' '),
            Event::End(
                TagEnd::Paragraph
                | TagEnd::Heading(_)
                | TagEnd::Item
                | TagEnd::TableCell
                | TagEnd::TableRow
                | TagEnd::TableHead
                | TagEnd::BlockQuote(_)
                | TagEnd::CodeBlock
                | TagEnd::FootnoteDefinition,
            ) => out.push(' '),
            _ => {}
        }
    }
    text::collapse_whitespace(&out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(s: &str) -> Vec<String> {
        index_words(s).collect()
    }

    #[test]
    fn compounds_are_cut_into_their_words() {
        let w = words("ผู้แทนคณะกรรมการประปาหมู่บ้าน");
        assert!(w.contains(&"ประปา".to_string()), "{w:?}");
        assert!(w.contains(&"หมู่บ้าน".to_string()), "{w:?}");
        assert_eq!(w.concat(), "ผู้แทนคณะกรรมการประปาหมู่บ้าน");
        let w = words("อาสาสมัครสาธารณสุขประจำหมู่บ้าน (อสม.)");
        assert!(w.contains(&"สาธารณสุข".to_string()), "{w:?}");
    }

    #[test]
    fn names_and_mixed_thai_and_english_keep_their_letters() {
        let w = words("นายสมชาย ใจดี ประชุมผ่าน Zoom กับ อสม.");
        assert!(w.contains(&"zoom".to_string()), "lower case: {w:?}");
        assert!(w.contains(&"ประชุม".to_string()), "{w:?}");
        assert!(w.contains(&"ใจดี".to_string()) || w.contains(&"ใจ".to_string()), "{w:?}");
        assert_eq!(w.concat(), "นายสมชายใจดีประชุมผ่านzoomกับอสม");
        assert_eq!(words("Big Cleaning Day"), ["big", "cleaning", "day"]);
    }

    #[test]
    fn thai_digits_become_arabic() {
        assert_eq!(words("ปีงบประมาณ ๒๕๖๗"), words("ปีงบประมาณ 2567"));
        assert!(words("ปีงบประมาณ ๒๕๖๗").contains(&"2567".to_string()));
        // A zero-width space pasted from Word parts two words like a space.
        assert_eq!(words("ประปา\u{200B}หมู่บ้าน"), ["ประปา", "หมู่บ้าน"]);
    }

    #[test]
    fn bodies_are_read_as_text() {
        let t =
            plain_text("# หัวข้อ\n\nย่อหน้า *เน้น* [ลิงก์](x)\n\n| ก | ข |\n|---|---|\n| 1 | 2 |\n\n- หนึ่ง\n- สอง\n");
        assert_eq!(t, "หัวข้อ ย่อหน้า เน้น ลิงก์ ก ข 1 2 หนึ่ง สอง");
    }
}
