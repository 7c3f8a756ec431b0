//! The search index: what the `/search/` page searches, in the browser, with no server,
//! read in pieces so that a query downloads a small share of it.
//!
//! Thai writes no spaces between words, so a search that splits on spaces finds nothing
//! inside "ผู้แทนคณะกรรมการประปาหมู่บ้าน". Each page's text is cut into words here, at
//! build time, by the dictionary segmenter the rest of the crate uses
//! ([`crate::text::words`]: ICU4X); the script (`themes/default/static/js/search.js`)
//! cuts the query with the browser's `Intl.Segmenter` (ICU's Thai dictionary: the same
//! word lists). Where the two cut differently the script reads a query word as a run of
//! the index's own words standing together in a page.
//!
//! Files, all under `search/`:
//!
//! - `index.json`, the entry: `{"version":2,"numerals":"arabic","docs":N,"chunk":4,
//!   "parts":[["","<hash>","<hash>"],["ก","<hash>","<hash>"],…],"chunks":["<hash>",…]}`.
//!   Part `i` holds the words from its first word (inclusive) to the next part's
//!   (exclusive), in UTF-16 order (the order of JavaScript's `<`).
//! - `p/<hash>.json`, a part: `[["word","pages"],…]`; `q/<hash>.json` beside it (the
//!   entry's third name): `[["word","positions"],…]`, fetched only for a phrase.
//! - `c/<hash>.json`, a chunk: `[[url, title, meta, excerpt],…]` for `chunk` pages in a
//!   row (page `d` is in chunk `d / chunk`).
//!
//! Names are the hash of the content, so an entry file never reads the parts of another
//! build (publishing uploads file by file, and a browser may hold an old entry).
//!
//! Pages and positions are numbers written as a string, five bits a character
//! ([`ALPHABET`]: the first 32 characters end a number, the last 32 carry five bits and go
//! on). Pages: for each page with the word, in ascending order, the gap from the last
//! page and where the word is (a mask: 1 title, 2 what is shown of the page, 4 the body,
//! 8 only inside a longer word). Positions: for each of those pages, how many follow (at
//! most [`MAX_POSITIONS`]) and the gaps between them. A
//! position counts the words of a page: title, then what is shown, then the body, with one
//! left out between pieces so that a phrase never runs across two of them. A Thai word
//! found inside a longer word of the index (a compound the segmenter kept whole) also
//! lists that word's pages, mask 8. Words are in Unicode NFC, lower case, with Thai
//! digits as Arabic digits (๒๕๖๗ and 2567 find each other). The same site gives the same
//! bytes.

use crate::calendar::{self, Numerals};
use crate::load::{Body, Meeting};
use crate::model::Entry;
use crate::model::ita::dashboard::DisclosureEntry;
use crate::text;
use pulldown_cmark::{Event, Options, Parser, TagEnd};
use rayon::prelude::*;
use serde::Serialize;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::Path;
use std::sync::{Arc, Mutex};

/// The entry file, below the output folder.
pub const ENTRY: &str = "search/index.json";
/// Pages a chunk holds.
pub const CHUNK: usize = 4;
/// Positions kept of a word in one page (the first ones): a phrase is found where it
/// stands among them, and a common word ("ประชุม", in every page) stays small to fetch.
pub const MAX_POSITIONS: usize = 8;
/// Characters of a page's excerpt (the snippet under a result).
const EXCERPT: usize = 140;
/// A part is cut once it holds this many bytes (a word larger than this is a part alone).
const PART_BYTES: usize = 20_000;
/// The characters of postings: values 0..32 end a number, 32..64 carry five bits on.
pub const ALPHABET: &[u8; 64] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_";

const TITLE: u8 = 1;
const SHOWN: u8 = 2;
const BODY: u8 = 4;
const INSIDE: u8 = 8;

/// The words of one page, each with where it is (mask) and its first positions, sorted;
/// and its excerpt.
pub(super) struct DocWords {
    words: Vec<(String, u8, Vec<u32>)>,
    excerpt: String,
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

#[derive(Serialize)]
struct EntryFile<'a> {
    version: u32,
    /// The site's digits (`numerals:`), for what the script writes itself.
    numerals: &'static str,
    docs: usize,
    chunk: usize,
    parts: Vec<(&'a str, String, String)>,
    chunks: Vec<String>,
}

/// One page as a result shows it: `[url, title, meta, excerpt]`.
type DocInfo = (String, String, String, String);

/// A word's postings while the index is put together: its pages with where it is, and
/// apart (fetched only for a phrase) its positions in each.
#[derive(Default)]
struct Postings {
    docs: Vec<u8>,
    positions: Vec<u8>,
    /// The last page added, plus one (0: none yet).
    next: u32,
}

impl Postings {
    fn add(&mut self, doc: u32, mask: u8, positions: &[u32]) {
        push_number(&mut self.docs, doc + 1 - self.next);
        self.next = doc + 1;
        push_number(&mut self.docs, mask as u32);
        push_number(&mut self.positions, positions.len() as u32);
        let mut last = 0;
        for &p in positions {
            push_number(&mut self.positions, p - last);
            last = p;
        }
    }

    /// `(page, mask, positions)` of each page, in order.
    fn decode(&self) -> Vec<(u32, u8, Vec<u32>)> {
        let mut nums = Numbers(self.docs.iter());
        let mut pos = Numbers(self.positions.iter());
        let mut out = Vec::new();
        let mut doc = 0u32;
        while let (Some(gap), Some(mask)) = (nums.next(), nums.next()) {
            doc += gap;
            let n = pos.next().unwrap_or(0);
            let mut at = 0;
            let positions = (0..n).map_while(|_| pos.next()).map(|g| {
                at += g;
                at
            });
            out.push((doc - 1, mask as u8, positions.collect()));
        }
        out
    }
}

fn push_number(out: &mut Vec<u8>, mut n: u32) {
    while n >= 32 {
        out.push(ALPHABET[32 + (n & 31) as usize]);
        n >>= 5;
    }
    out.push(ALPHABET[n as usize]);
}

struct Numbers<'a>(std::slice::Iter<'a, u8>);

impl Iterator for Numbers<'_> {
    type Item = u32;
    fn next(&mut self) -> Option<u32> {
        let (mut v, mut shift) = (0u32, 0);
        loop {
            let c = *self.0.next()?;
            let d = ALPHABET.iter().position(|&a| a == c)? as u32;
            if d >= 32 {
                v |= (d - 32) << shift;
                shift += 5;
            } else {
                return Some(v | d << shift);
            }
        }
    }
}

/// The files of the index of `entries` and `pages`, each given to `put` as soon as it is
/// made (so that a one-shot build need not hold them all): chunks, parts and their
/// positions, then the entry file ([`ENTRY`]). A body left in its file is read again from `root`; one that
/// cannot be read is left out of the index (its own page reports why, and the build
/// fails). With `memo`, the words of meetings unchanged since the last build are taken
/// from it, and it keeps this build's.
pub fn index(
    root: &Path,
    entries: &[Arc<Entry>],
    pages: &[Arc<DisclosureEntry>],
    numerals: Numerals,
    memo: Option<&Memo>,
    put: &mut dyn FnMut(String, Vec<u8>),
) {
    // Hashed, not sorted, while pages are added (a look-up per word of every page; `serve`
    // does it for every page on each edit); sorted once below.
    let mut words: HashMap<String, Postings> = HashMap::new();
    let mut excerpts = Vec::with_capacity(entries.len() + pages.len());
    let mut add = |doc: u32, d: &DocWords| {
        for (w, mask, positions) in &d.words {
            match words.get_mut(w.as_str()) {
                Some(p) => p.add(doc, *mask, positions),
                None => words.entry(w.clone()).or_default().add(doc, *mask, positions),
            }
        }
        excerpts.push(d.excerpt.clone());
    };
    match memo {
        Some(memo) => {
            for (i, d) in meeting_words_kept(root, entries, memo).iter().enumerate() {
                add(i as u32, d);
            }
        }
        // A few hundred at a time: the words of every meeting at once would be most of
        // the build's memory.
        None => {
            for (n, slice) in entries.chunks(256).enumerate() {
                let cut: Vec<DocWords> = slice.par_iter().map(|e| doc_words(root, e)).collect();
                for (i, d) in cut.iter().enumerate() {
                    add((n * 256 + i) as u32, d);
                }
            }
        }
    }
    let cut: Vec<DocWords> = pages.par_iter().map(|p| page_words(root, p)).collect();
    for (i, d) in cut.iter().enumerate() {
        add((entries.len() + i) as u32, d);
    }
    add_compounds(&mut words);

    let infos: Vec<DocInfo> = entries
        .iter()
        .map(|e| {
            let m = &e.meeting;
            let span = calendar::DateSpan { start: m.date, end: m.date_end };
            let fy = text::with_numerals(m.fiscal_year.to_string(), numerals);
            let meta = format!("{} · ปีงบประมาณ พ.ศ. {fy}", calendar::format_thai_span(span, numerals));
            (e.path.clone(), m.title.clone(), meta)
        })
        .chain(pages.iter().map(|p| {
            let fy = text::with_numerals(p.fy.to_string(), numerals);
            let meta = match p.page.updated {
                Some(d) => format!(
                    "{} · ปรับปรุง {} · ข้อมูลสาธารณะ (OIT) ปี พ.ศ. {fy}",
                    p.page.code,
                    calendar::format_thai(d, numerals)
                ),
                None => format!("{} · ข้อมูลสาธารณะ (OIT) ปี พ.ศ. {fy}", p.page.code),
            };
            (p.path.clone(), p.page.title.clone(), meta)
        }))
        .zip(excerpts)
        .map(|((url, title, meta), excerpt)| (url, title, meta, excerpt))
        .collect();

    let mut chunks = Vec::new();
    for docs in infos.chunks(CHUNK) {
        let mut bytes = serde_json::to_vec(docs).expect("plain data");
        bytes.push(b'\n');
        let name = content_name(&bytes);
        put(format!("search/c/{name}.json"), bytes);
        chunks.push(name);
    }

    // In the order the script compares words (UTF-16 code units).
    let mut sorted: Vec<(String, Postings)> = words.into_iter().collect();
    sorted.sort_by(|a, b| a.0.encode_utf16().cmp(b.0.encode_utf16()));
    // Parts are cut by the size of their pages lists; each has its positions beside it.
    let mut parts = Vec::new();
    let mut firsts = Vec::new();
    let (mut part, mut at): (Vec<u8>, Vec<u8>) = Default::default();
    // The first part starts at the empty word: every word is in some part.
    let mut first = String::new();
    let docs = infos.len();
    drop(infos);
    for (w, p) in sorted {
        if part.len() >= PART_BYTES {
            parts.push((finish(&mut part, "p", put), finish(&mut at, "q", put)));
            firsts.push(first);
            first = w.clone();
        }
        for (out, bytes) in [(&mut part, &p.docs), (&mut at, &p.positions)] {
            out.push(if out.is_empty() { b'[' } else { b',' });
            serde_json::to_writer(&mut *out, &(&w, std::str::from_utf8(bytes).expect("ASCII")))
                .expect("plain data");
        }
    }
    if !part.is_empty() || parts.is_empty() {
        parts.push((finish(&mut part, "p", put), finish(&mut at, "q", put)));
        firsts.push(first);
    }
    let numerals = match numerals {
        Numerals::Arabic => "arabic",
        Numerals::Thai => "thai",
    };
    let entry = EntryFile {
        version: 2,
        numerals,
        docs,
        chunk: CHUNK,
        parts: firsts.iter().map(String::as_str).zip(parts).map(|(w, (p, q))| (w, p, q)).collect(),
        chunks,
    };
    let mut bytes = serde_json::to_vec(&entry).expect("plain data");
    bytes.push(b'\n');
    put(ENTRY.to_string(), bytes);
}

/// A part (`p`) or its positions (`q`) closed and added to `files`; its name.
fn finish(part: &mut Vec<u8>, dir: &str, put: &mut dyn FnMut(String, Vec<u8>)) -> String {
    if part.is_empty() {
        part.push(b'[');
    }
    part.extend_from_slice(b"]\n");
    let bytes = std::mem::take(part);
    let name = content_name(&bytes);
    put(format!("search/{dir}/{name}.json"), bytes);
    name
}

/// A name from the content: FNV-1a, 64 bits, as hex (a hash whose value is fixed by its
/// definition, so the same content has the same name on every machine and Rust version).
fn content_name(bytes: &[u8]) -> String {
    let mut h: u64 = 0xcbf29ce484222325;
    for &b in bytes {
        h ^= b as u64;
        h = h.wrapping_mul(0x100000001b3);
    }
    // 48 bits: no two of a site's few thousand files share a name.
    format!("{:012x}", h >> 16)
}

/// A Thai vowel or tone mark written over or under a letter (it is not a letter of its
/// own, and a word is never cut before it).
pub fn is_mark(c: char) -> bool {
    matches!(c, '\u{0E31}' | '\u{0E34}'..='\u{0E3A}' | '\u{0E47}'..='\u{0E4E}')
}

/// Letters of `w` that are not marks.
pub fn base_letters(w: &str) -> usize {
    w.chars().filter(|&c| !is_mark(c)).count()
}

/// Each Thai word of four letters or more that is inside a longer word of the index
/// (a compound the segmenter kept whole: "ประปา" in "ระบบประปาหมู่บ้าน") also lists the
/// pages of that longer word, marked [`INSIDE`], where it has none of its own.
fn add_compounds(words: &mut HashMap<String, Postings>) {
    let mut inside: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for w in words.keys() {
        if !w.chars().all(text::is_thai) || w.chars().count() < 4 {
            continue;
        }
        let starts: Vec<usize> = w.char_indices().filter(|&(_, c)| !is_mark(c)).map(|(i, _)| i).collect();
        for (a, &i) in starts.iter().enumerate() {
            for &j in starts[a + 1..].iter().chain([w.len()].iter()) {
                if (i, j) == (0, w.len()) {
                    continue;
                }
                let part = &w[i..j];
                if base_letters(part) >= 4
                    && let Some((k, _)) = words.get_key_value(part)
                {
                    inside.entry(k.as_str()).or_default().push(w.as_str());
                }
            }
        }
    }
    let merged: Vec<(String, Postings)> = inside
        .into_iter()
        .map(|(part, longer)| {
            let own = words[part].decode();
            let has: HashSet<u32> = own.iter().map(|d| d.0).collect();
            let mut extra: Vec<u32> = longer
                .iter()
                .flat_map(|w| words[*w].decode().into_iter().map(|d| d.0))
                .filter(|d| !has.contains(d))
                .collect();
            extra.sort_unstable();
            extra.dedup();
            let mut all: Vec<(u32, u8, Vec<u32>)> = own;
            all.extend(extra.into_iter().map(|d| (d, INSIDE, Vec::new())));
            all.sort_by_key(|d| d.0);
            let mut p = Postings::default();
            for (d, mask, positions) in &all {
                p.add(*d, *mask, positions);
            }
            (part.to_string(), p)
        })
        .collect();
    for (w, p) in merged {
        words.insert(w, p);
    }
}

/// Each meeting's words, in order: from `memo` where the meeting is unchanged, else cut
/// now (in parallel); `memo` then holds exactly this build's meetings.
fn meeting_words_kept(root: &Path, entries: &[Arc<Entry>], memo: &Memo) -> Vec<Arc<DocWords>> {
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

/// What a meeting's page shows, cut into words: the title (with ครั้งที่), what is shown
/// about it (the day in Thai, the fiscal year, venue, topics, roles, chair, organizers),
/// the body.
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
    let mut pieces = vec![
        (TITLE, title),
        (SHOWN, calendar::format_thai_span(span, Numerals::Arabic)),
        (SHOWN, format!("ปีงบประมาณ พ.ศ. {}", m.fiscal_year)),
    ];
    pieces.extend(m.venue.iter().map(|s| (SHOWN, s.clone())));
    pieces.extend(m.topics.iter().map(|s| (SHOWN, s.clone())));
    pieces.extend(e.attendance.rows().iter().map(|r| (SHOWN, r.role.clone())));
    pieces.extend(m.chair.iter().map(|s| (SHOWN, s.clone())));
    pieces.extend(m.organizers.iter().map(|s| (SHOWN, s.clone())));
    let excerpt = excerpt_of(&body);
    pieces.push((BODY, body));
    DocWords { words: cut(&pieces), excerpt }
}

/// What a disclosure page shows, cut into words: its title; the year it names, its code,
/// item, description and links; its body and the tables of its CSV attachments (as many
/// rows as it shows).
fn page_words(root: &Path, p: &DisclosureEntry) -> DocWords {
    let d = &p.page;
    let mut pieces = vec![
        (TITLE, d.title.clone()),
        (SHOWN, format!("ข้อมูลสาธารณะ (OIT) ปี พ.ศ. {}", p.fy)),
        (SHOWN, d.code.clone()),
    ];
    pieces.extend(p.item.iter().map(|i| (SHOWN, i.name.clone())));
    pieces.extend(d.description.iter().map(|s| (SHOWN, s.clone())));
    pieces.extend(d.links.iter().map(|l| (SHOWN, l.title.clone())));
    let body = plain_text(&d.body);
    let excerpt = excerpt_of(if body.is_empty() { d.description.as_deref().unwrap_or("") } else { &body });
    pieces.push((BODY, body));
    for a in d.attachments.iter().filter(|a| a.path.to_ascii_lowercase().ends_with(".csv")) {
        if let Some(t) = super::data::csv_table(root, &a.path) {
            pieces.push((BODY, t.header.join(" ")));
            pieces.extend(t.rows.iter().map(|r| (BODY, r.join(" "))));
        }
    }
    DocWords { words: cut(&pieces), excerpt }
}

/// The first characters of `text`, cut at a space where one is near the end.
fn excerpt_of(text: &str) -> String {
    let cut = text::cut_whole_characters(text, EXCERPT * 4);
    let chars: Vec<(usize, char)> = cut.char_indices().collect();
    if chars.len() <= EXCERPT {
        return if cut.len() < text.len() { format!("{cut} …") } else { text.to_string() };
    }
    let end = chars[EXCERPT].0;
    let at = cut[..end].rfind(' ').filter(|&s| s > end / 2).unwrap_or(end);
    format!("{} …", &cut[..at])
}

/// The words of `pieces`, each with where it is and its first positions.
fn cut(pieces: &[(u8, String)]) -> Vec<(String, u8, Vec<u32>)> {
    let texts: Vec<String> = pieces.iter().map(|(_, s)| normalize(s)).collect();
    let mut found: HashMap<&str, (u8, Vec<u32>)> = HashMap::new();
    let mut pos = 0u32;
    for ((field, _), s) in pieces.iter().zip(&texts) {
        let cuts = if *field == SHOWN { shown_cuts(s) } else { body_cuts(s) };
        for w in cuts.iter().map(|r| &s[r.clone()]) {
            let (mask, positions) = found.entry(w).or_insert((0, Vec::new()));
            *mask |= field;
            if positions.len() < MAX_POSITIONS {
                positions.push(pos);
            }
            pos += 1;
        }
        pos += 1;
    }
    let mut words: Vec<(String, u8, Vec<u32>)> =
        found.into_iter().map(|(w, (m, p))| (w.to_string(), m, p)).collect();
    words.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    words
}

/// Where the words of a body are.
fn body_cuts(s: &str) -> Arc<Vec<std::ops::Range<usize>>> {
    let base = s.as_ptr() as usize;
    Arc::new(
        text::words(s)
            .into_iter()
            .map(|w| w.as_ptr() as usize - base..w.as_ptr() as usize - base + w.len())
            .collect(),
    )
}

thread_local! {
    /// The cuts of a role, venue, topic or date already cut on this thread: those repeat
    /// from meeting to meeting (a third of a generated meeting's text), a title or a body
    /// does not.
    static SHOWN_CUTS: std::cell::RefCell<HashMap<String, Arc<Vec<std::ops::Range<usize>>>>> =
        Default::default();
}

/// Where the words of a short piece are, cut once per thread.
fn shown_cuts(s: &str) -> Arc<Vec<std::ops::Range<usize>>> {
    if s.len() > 400 {
        return body_cuts(s);
    }
    SHOWN_CUTS.with(|c| {
        let mut c = c.borrow_mut();
        if let Some(r) = c.get(s) {
            return r.clone();
        }
        // A site has few distinct ones; a bound all the same.
        if c.len() > 50_000 {
            c.clear();
        }
        let r = body_cuts(s);
        c.insert(s.to_string(), r.clone());
        r
    })
}

/// `s` as words are compared: NFC, lower case, Thai digits as Arabic, a zero-width space
/// pasted from Word as a space.
pub fn normalize(s: &str) -> String {
    use unicode_normalization::{IsNormalized, is_nfc_quick};
    let s: String = s
        .chars()
        .map(|c| match c {
            c if text::is_space(c) => ' ',
            '\u{0E50}'..='\u{0E59}' => char::from(b'0' + (c as u32 - 0x0E50) as u8),
            c => c,
        })
        .collect();
    // Most text is Thai and ASCII, already NFC, with nothing to lower but A-Z: done here
    // without the tables (the build normalizes every body).
    if s.chars().all(|c| c.is_ascii() || text::is_thai(c)) && is_nfc_quick(s.chars()) == IsNormalized::Yes {
        return s.to_ascii_lowercase();
    }
    text::nfc(&s).to_lowercase()
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
