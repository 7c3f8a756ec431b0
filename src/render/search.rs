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
use std::collections::{HashMap, HashSet};
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
/// A part holds the words from where the last one was cut: an edit changes the pages of
/// a word by a few bytes, which moves a cut only where a part was within those bytes of
/// this, so the parts after an edit are the parts before it but those of its words.
const PART_BYTES: usize = 20_000;
/// The characters of postings: values 0..32 end a number, 32..64 carry five bits on.
pub const ALPHABET: &[u8; 64] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_";

const TITLE: u8 = 1;
const SHOWN: u8 = 2;
const BODY: u8 = 4;
const INSIDE: u8 = 8;

/// A page's entry in a word's postings: its number, mask and positions.
type PageEntry<'a> = (u32, u8, &'a [u8]);

/// A word's number in the index's list of words ([`State::words`]), kept while `serve`
/// runs: a page's words are held as these numbers, not as strings.
type WordId = u32;

/// The words of one page as cut: each with where it is (mask) and its first positions;
/// and its excerpt.
struct CutWords {
    words: Vec<(String, u8, Vec<u32>)>,
    excerpt: String,
}

/// The words of one page as cut: word numbers in ascending order, each with its mask and
/// its positions written as a part's positions are (how many, then the gaps), so that
/// adding the page to a word's postings copies bytes. Kept between builds are the numbers
/// alone ([`Doc::words`]): the rest is in the postings.
#[derive(Default, PartialEq)]
struct DocWords {
    ids: Box<[WordId]>,
    masks: Box<[u8]>,
    /// Where each word's positions end in `positions`.
    ends: Box<[u32]>,
    positions: Box<[u8]>,
}

impl DocWords {
    fn len(&self) -> usize {
        self.ids.len()
    }

    /// The `i`th word: its number, mask and positions.
    fn get(&self, i: usize) -> (WordId, u8, &[u8]) {
        let start = if i == 0 { 0 } else { self.ends[i - 1] as usize };
        (self.ids[i], self.masks[i], &self.positions[start..self.ends[i] as usize])
    }
}

/// What the index keeps between builds for `serve` and `build --watch`
/// ([`super::PageCache`]): each page's words, each word's postings, the parts and chunks
/// made last time. Cutting every body into words is most of the index's cost, and one
/// edit changes one meeting: an edit re-cuts that meeting, changes the postings of the
/// words it gained, lost or moved, and writes again only the parts holding those words
/// and the chunk holding the page. What comes out is what a clean build makes
/// (`tests/parallel.rs`).
#[derive(Default)]
pub struct Memo(Mutex<State>);

impl Memo {
    pub(super) fn clear(&self) {
        *self.0.lock().unwrap_or_else(|e| e.into_inner()) = State::default();
    }
}

/// The index as last made.
#[derive(Default)]
struct State {
    numerals: Option<Numerals>,
    ids: HashMap<Box<str>, WordId>,
    /// Every word seen since the state was made, by number (a word no page has any more
    /// stays, with no postings).
    words: Vec<Word>,
    docs: Vec<Doc>,
    /// The words some page has, in the order the script compares them.
    sorted: Vec<WordId>,
    parts: Vec<Part>,
    chunks: Vec<Chunk>,
    entry: Option<Arc<Vec<u8>>>,
    /// Words whose part must be written again: their postings changed since the last write.
    dirty: HashSet<WordId>,
    /// Every word is dirty (the first build, or pages added, removed or moved).
    all_dirty: bool,
}

struct Word {
    text: Box<str>,
    /// Bytes of the word as a JSON string.
    json_len: u32,
    /// Thai, four characters or more: shorter words may be inside it ([`State::merge`]).
    long_thai: bool,
    /// Its own pages.
    own: Postings,
    /// Its own pages and those of the longer words it is inside, if there are any.
    merged: Option<Postings>,
    /// The words of the index it is inside.
    longer: Vec<WordId>,
}

impl Word {
    fn present(&self) -> bool {
        !self.own.docs.is_empty()
    }

    fn shown(&self) -> &Postings {
        self.merged.as_ref().unwrap_or(&self.own)
    }

    /// Bytes of `["word","pages"]` in a part.
    fn part_len(&self) -> usize {
        self.json_len as usize + self.shown().docs.len() + 5
    }
}

/// A page of the index: where it came from, its words and what a result shows of it.
struct Doc {
    path: String,
    key: DocKey,
    /// Its words' numbers, ascending.
    words: Arc<[WordId]>,
    info: Arc<DocInfo>,
}

/// A page of this build before it takes its place.
struct NewDoc {
    path: String,
    key: DocKey,
    words: Words,
    info: Arc<DocInfo>,
}

enum Words {
    /// The same words as page `n` of the last build.
    Kept(usize),
    Cut(DocWords),
}

/// What a page's words were cut from: the very same parsed meeting, or a disclosure page
/// with its CSV attachments as hashed.
enum DocKey {
    Meeting(Arc<Meeting>),
    Page(u64),
}

struct Part {
    first: WordId,
    last: WordId,
    count: usize,
    p: (String, Arc<Vec<u8>>),
    q: (String, Arc<Vec<u8>>),
}

struct Chunk {
    infos: Vec<Arc<DocInfo>>,
    name: String,
    bytes: Arc<Vec<u8>>,
}

#[derive(Serialize)]
struct EntryFile<'a> {
    version: u32,
    /// The site's digits (`numerals:`), for what the script writes itself.
    numerals: &'static str,
    docs: usize,
    chunk: usize,
    parts: Vec<(&'a str, &'a str, &'a str)>,
    chunks: Vec<&'a str>,
}

/// One page as a result shows it: `[url, title, meta, excerpt]`.
type DocInfo = (String, String, String, String);

/// A chunk of results as written: its content name and bytes.
fn chunk_file<'a>(infos: impl Iterator<Item = &'a DocInfo>) -> (String, Arc<Vec<u8>>) {
    let shown: Vec<&DocInfo> = infos.collect();
    let mut bytes = serde_json::to_vec(&shown).expect("plain data");
    bytes.push(b'\n');
    (content_name(&bytes), Arc::new(bytes))
}

/// A word's postings: its pages with where it is, and apart (fetched only for a phrase)
/// its positions in each.
#[derive(Default, Clone)]
struct Postings {
    docs: Vec<u8>,
    positions: Vec<u8>,
    /// The last page, plus one (0: none).
    next: u32,
    /// Entries to start from when looking for a page ([`Postings::set`]), about every
    /// [`SKIP_BYTES`] of `docs`: a common word is in every page, and an edit looks up the
    /// page in the postings of each of its words.
    skips: Vec<Skip>,
}

impl PartialEq for Postings {
    /// The same content (the skips are only where to look).
    fn eq(&self, o: &Postings) -> bool {
        (&self.docs, &self.positions, self.next) == (&o.docs, &o.positions, o.next)
    }
}

/// The start of an entry in a word's postings: in `docs`, in `positions`, and the number
/// its gap counts from (the page before it, plus one).
#[derive(Clone, Copy)]
struct Skip {
    at: u32,
    pos_at: u32,
    prev: u32,
}

/// Bytes of a word's `docs` between two [`Skip`]s (a dozen or more pages).
const SKIP_BYTES: usize = 48;

impl Postings {
    /// Page `doc`, after every page there, with `positions` as [`DocWords`] holds them.
    fn add(&mut self, doc: u32, mask: u8, positions: &[u8]) {
        if self.docs.len() >= self.skips.last().map_or(0, |s| s.at as usize) + SKIP_BYTES {
            let (at, pos_at) = (self.docs.len() as u32, self.positions.len() as u32);
            self.skips.push(Skip { at, pos_at, prev: self.next });
        }
        grow(&mut self.docs, 14);
        grow(&mut self.positions, positions.len());
        push_number(&mut self.docs, doc + 1 - self.next);
        self.next = doc + 1;
        push_number(&mut self.docs, mask as u32);
        self.positions.extend_from_slice(positions);
    }

    /// Page `doc` put in (or replaced, or with `None` taken out) where it belongs: the
    /// bytes `add` in page order would have made. Whether that changed anything.
    fn set(&mut self, doc: u32, new: Option<(u8, &[u8])>) -> bool {
        // From the last skip before `doc`: the skips after it are past `doc`'s place.
        let k = self.skips.partition_point(|s| s.prev <= doc);
        let (mut at, mut pos_at, mut prev) = match k.checked_sub(1) {
            Some(i) => (self.skips[i].at as usize, self.skips[i].pos_at as usize, self.skips[i].prev),
            None => (0, 0, 0u32),
        };
        let from = at;
        while at < self.docs.len() {
            let (gap, a) = read_number(&self.docs, at);
            if prev + gap > doc {
                break;
            }
            at = read_number(&self.docs, a).1;
            pos_at = skip_positions(&self.positions, pos_at);
            prev += gap;
        }
        // `at`: the first page at or after `doc`; `end`: after `doc`'s own, if it is there.
        let (mut end, mut pos_end, mut following) = (at, pos_at, None);
        if at < self.docs.len() {
            let (gap, a) = read_number(&self.docs, at);
            if prev + gap == doc + 1 {
                let (mask, b) = read_number(&self.docs, a);
                end = b;
                pos_end = skip_positions(&self.positions, pos_at);
                if new == Some((mask as u8, &self.positions[pos_at..pos_end])) {
                    return false;
                }
                if end < self.docs.len() {
                    let (g, b) = read_number(&self.docs, end);
                    following = Some((prev + gap + g, b));
                }
            } else {
                following = Some((prev + gap, a));
            }
        }
        if new.is_none() && end == at {
            return false;
        }
        let mut bytes = Vec::new();
        let mut last = prev;
        if let Some((mask, _)) = new {
            push_number(&mut bytes, doc + 1 - prev);
            push_number(&mut bytes, mask as u32);
            last = doc + 1;
        }
        let replaced = match following {
            Some((next, gap_end)) => {
                push_number(&mut bytes, next - last);
                gap_end
            }
            None => {
                self.next = last;
                end
            }
        };
        let new_positions = new.map_or(&[][..], |n| n.1);
        // The skips after `at` move with the bytes; one inside what is replaced (the start
        // of the page after `doc`, now written at `at`) goes.
        let docs_delta = bytes.len() as i64 - (replaced - at) as i64;
        let pos_delta = new_positions.len() as i64 - (pos_end - pos_at) as i64;
        self.skips.retain_mut(|s| {
            if s.at as usize <= at {
                return true;
            }
            if (s.at as usize) < replaced {
                return false;
            }
            s.at = (s.at as i64 + docs_delta) as u32;
            s.pos_at = (s.pos_at as i64 + pos_delta) as u32;
            true
        });
        self.docs.splice(at..replaced, bytes);
        self.positions.splice(pos_at..pos_end, new_positions.iter().copied());
        // Pages added between two skips: made again once the look-up runs long.
        if at - from > 4 * SKIP_BYTES {
            self.reskip();
        }
        true
    }

    /// The skips made again, as [`Postings::add`] makes them.
    fn reskip(&mut self) {
        self.skips.clear();
        let (mut at, mut pos_at, mut prev) = (0, 0, 0u32);
        while at < self.docs.len() {
            if at >= self.skips.last().map_or(0, |s| s.at as usize) + SKIP_BYTES {
                self.skips.push(Skip { at: at as u32, pos_at: pos_at as u32, prev });
            }
            let (gap, a) = read_number(&self.docs, at);
            at = read_number(&self.docs, a).1;
            pos_at = skip_positions(&self.positions, pos_at);
            prev += gap;
        }
    }

    /// Each page's number, mask and where its positions are.
    fn entries(&self) -> Vec<(u32, u8, std::ops::Range<usize>)> {
        let (mut at, mut pos_at, mut prev) = (0, 0, 0u32);
        let mut out = Vec::new();
        while at < self.docs.len() {
            let (gap, a) = read_number(&self.docs, at);
            let (mask, b) = read_number(&self.docs, a);
            let pos_end = skip_positions(&self.positions, pos_at);
            prev += gap;
            out.push((prev - 1, mask as u8, pos_at..pos_end));
            (at, pos_at) = (b, pos_end);
        }
        out
    }
}

/// Room for `more` bytes, growing by a quarter rather than doubling: every word's
/// postings of the whole site are held at once while the index is made, and doubling
/// leaves a third of them unused on average.
fn grow(v: &mut Vec<u8>, more: usize) {
    if v.capacity() - v.len() < more {
        v.reserve_exact(more.max(v.capacity() / 4).max(16));
    }
}

fn push_number(out: &mut Vec<u8>, mut n: u32) {
    while n >= 32 {
        out.push(ALPHABET[32 + (n & 31) as usize]);
        n >>= 5;
    }
    out.push(ALPHABET[n as usize]);
}

/// The value of each character of [`ALPHABET`].
const DIGITS: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut i = 0;
    while i < 64 {
        t[ALPHABET[i] as usize] = i as u8;
        i += 1;
    }
    t
};

/// The number at `at` and where it ends (bytes this module wrote, never a reader's).
fn read_number(bytes: &[u8], mut at: usize) -> (u32, usize) {
    let (mut v, mut shift) = (0u32, 0);
    while let Some(&c) = bytes.get(at) {
        at += 1;
        let d = DIGITS[c as usize] as u32;
        if d < 32 {
            return (v | d << shift, at);
        }
        v |= (d - 32) << shift;
        shift += 5;
    }
    (v, at)
}

/// Past one page's positions (how many, then each) from `at`: `n` numbers end at the
/// `n`th byte that ends a number (the loop an edit in `serve` spends most time in).
fn skip_positions(bytes: &[u8], at: usize) -> usize {
    let (n, at) = read_number(bytes, at);
    let mut left = n as usize;
    if left == 0 {
        return at;
    }
    for (i, &c) in bytes[at..].iter().enumerate() {
        if DIGITS[c as usize] < 32 {
            left -= 1;
            if left == 0 {
                return at + i + 1;
            }
        }
    }
    bytes.len()
}

/// The files of the index of `entries` and `pages`, each given to `put` as soon as it is
/// made (so that a one-shot build need not hold them all): chunks, parts and their
/// positions, then the entry file ([`ENTRY`]). A body left in its file is read again from
/// `root`; one that cannot be read is left out of the index (its own page reports why, and
/// the build fails). With `memo` (`serve`), the index is made again from the last one,
/// and a file the same as last time is given as the same bytes.
pub fn index(
    root: &Path,
    entries: &[Arc<Entry>],
    pages: &[Arc<DisclosureEntry>],
    numerals: Numerals,
    memo: Option<&Memo>,
    put: &mut dyn FnMut(String, Arc<Vec<u8>>),
) {
    match memo {
        Some(memo) => {
            let mut state = memo.0.lock().unwrap_or_else(|e| e.into_inner());
            if state.numerals != Some(numerals) {
                *state = State { numerals: Some(numerals), ..State::default() };
            }
            if state.docs.is_empty() {
                // The first build, cut as a one-shot build cuts (a few hundred at a time).
                *state = State { numerals: Some(numerals), ..State::default() };
                state.fill(root, entries, pages, numerals, None);
            } else {
                state.update(root, entries, pages, numerals);
            }
            state.write(numerals, true, put);
        }
        None => {
            let mut state = State { numerals: Some(numerals), ..State::default() };
            state.fill(root, entries, pages, numerals, Some(&mut *put));
            state.write(numerals, false, put);
        }
    }
}

impl State {
    /// Every page cut, a few dozen at a time (the words of every meeting at once would be
    /// most of the build's memory). Without `put` (`serve`'s first build) each page's word
    /// numbers and result are kept; with it (a one-shot build) neither is, and each chunk
    /// is written as soon as its pages are cut.
    fn fill(
        &mut self,
        root: &Path,
        entries: &[Arc<Entry>],
        pages: &[Arc<DisclosureEntry>],
        numerals: Numerals,
        mut put: Option<&mut dyn FnMut(String, Arc<Vec<u8>>)>,
    ) {
        let keep = put.is_none();
        let empty: Arc<[WordId]> = Arc::new([]);
        let ids = |w: Vec<WordId>| if keep { Arc::from(w) } else { empty.clone() };
        for slice in entries.chunks(64) {
            let cut: Vec<CutWords> = slice.par_iter().map(|e| doc_words(root, e)).collect();
            for (e, c) in slice.iter().zip(cut) {
                let words = self.add_cut(self.docs.len(), c.words, keep);
                let info = Arc::new(meeting_info(e, c.excerpt, numerals));
                let key = DocKey::Meeting(e.meeting.clone());
                self.docs.push(Doc { path: e.path.clone(), key, words: ids(words), info });
            }
            if let Some(put) = put.as_deref_mut() {
                self.put_chunks(false, put);
            }
        }
        let cut: Vec<CutWords> = pages.par_iter().map(|p| page_words(p)).collect();
        for (p, c) in pages.iter().zip(cut) {
            let words = self.add_cut(self.docs.len(), c.words, keep);
            let info = Arc::new(page_info(p, c.excerpt, numerals));
            let key = DocKey::Page(if keep { page_key(p) } else { 0 });
            self.docs.push(Doc { path: p.path.clone(), key, words: ids(words), info });
        }
        if let Some(put) = put {
            self.put_chunks(true, put);
        }
        self.settle_all();
    }

    /// A one-shot build: the chunks of the pages cut so far written and their results let
    /// go (the last chunk, short, only when `all` are cut).
    fn put_chunks(&mut self, all: bool, put: &mut dyn FnMut(String, Arc<Vec<u8>>)) {
        let end = if all { self.docs.len() } else { self.docs.len() / CHUNK * CHUNK };
        let gone: Arc<DocInfo> = Arc::default();
        for start in (self.chunks.len() * CHUNK..end).step_by(CHUNK) {
            let docs = &mut self.docs[start..(start + CHUNK).min(end)];
            let (name, bytes) = chunk_file(docs.iter().map(|d| &*d.info));
            put(format!("search/c/{name}.json"), bytes);
            self.chunks.push(Chunk { infos: Vec::new(), name, bytes: Arc::default() });
            for d in docs {
                d.info = gone.clone();
            }
        }
    }

    /// `serve`: the pages whose words changed cut again, and the postings of the words
    /// they changed made anew; everything made anew when pages came, went or moved.
    fn update(
        &mut self,
        root: &Path,
        entries: &[Arc<Entry>],
        pages: &[Arc<DisclosureEntry>],
        numerals: Numerals,
    ) {
        // Pages by path, made only if a page is not where it was.
        let mut before: Option<HashMap<&str, usize>> = None;
        let docs = &self.docs;
        let mut kept = |i: usize, path: &str, same: &dyn Fn(&DocKey) -> bool| {
            if docs.get(i).is_some_and(|d| d.path == path) {
                return Some(i).filter(|&i| same(&docs[i].key));
            }
            let before = before
                .get_or_insert_with(|| docs.iter().enumerate().map(|(i, d)| (d.path.as_str(), i)).collect());
            before.get(path).copied().filter(|&i| same(&docs[i].key))
        };
        // Each page: the one kept (its number last time), or cut now.
        let n = entries.len();
        let mut found: Vec<Option<usize>> = Vec::with_capacity(n + pages.len());
        for (i, e) in entries.iter().enumerate() {
            found.push(kept(i, &e.path, &|k| matches!(k, DocKey::Meeting(m) if Arc::ptr_eq(m, &e.meeting))));
        }
        let page_keys: Vec<u64> = pages.iter().map(|p| page_key(p)).collect();
        for (i, (p, key)) in pages.iter().zip(&page_keys).enumerate() {
            found.push(kept(n + i, &p.path, &|k| matches!(k, DocKey::Page(h) if h == key)));
        }
        let cut: Vec<Option<CutWords>> = found
            .par_iter()
            .enumerate()
            .map(|(i, f)| match (f, i.checked_sub(n)) {
                (Some(_), _) => None,
                (None, None) => Some(doc_words(root, &entries[i])),
                (None, Some(p)) => Some(page_words(&pages[p])),
            })
            .collect();
        let mut docs = Vec::with_capacity(found.len());
        for (i, (f, c)) in found.into_iter().zip(cut).enumerate() {
            let (path, key) = match i.checked_sub(n) {
                None => (entries[i].path.clone(), DocKey::Meeting(entries[i].meeting.clone())),
                Some(p) => (pages[p].path.clone(), DocKey::Page(page_keys[p])),
            };
            let (words, info) = match (f, c) {
                (Some(j), _) => (Words::Kept(j), self.docs[j].info.clone()),
                (None, c) => {
                    let c = c.unwrap_or(CutWords { words: Vec::new(), excerpt: String::new() });
                    let info = match i.checked_sub(n) {
                        None => meeting_info(&entries[i], c.excerpt, numerals),
                        Some(p) => page_info(&pages[p], c.excerpt, numerals),
                    };
                    (Words::Cut(self.intern(c.words)), Arc::new(info))
                }
            };
            docs.push(NewDoc { path, key, words, info });
        }
        self.apply(docs);
    }

    /// The pages of this build in place of the last one's, and the postings made to match.
    fn apply(&mut self, docs: Vec<NewDoc>) {
        let old = std::mem::take(&mut self.docs);
        let moved = old.len() != docs.len()
            || docs.iter().enumerate().any(|(i, d)| matches!(d.words, Words::Kept(j) if j != i));
        let mut cut: Vec<(usize, DocWords)> = Vec::new();
        let mut kept_from = Vec::with_capacity(docs.len());
        for (i, d) in docs.into_iter().enumerate() {
            kept_from.push(match d.words {
                Words::Kept(j) => Some(j),
                Words::Cut(_) => None,
            });
            let words = match d.words {
                Words::Kept(j) => old[j].words.clone(),
                Words::Cut(w) => {
                    let ids = Arc::from(&*w.ids);
                    cut.push((i, w));
                    ids
                }
            };
            self.docs.push(Doc { path: d.path, key: d.key, words, info: d.info });
        }
        if moved {
            self.renumber(&kept_from, old.len(), &cut);
            return;
        }
        let mut changed: Vec<WordId> = Vec::new();
        for (doc, new) in &cut {
            self.change_doc(*doc as u32, &old[*doc].words, new, &mut changed);
        }
        self.settle(changed);
    }

    /// Numbers for the words of a page as cut, in their order.
    fn intern(&mut self, words: Vec<(String, u8, Vec<u32>)>) -> DocWords {
        let mut list: Vec<(WordId, u8, Vec<u32>)> = words
            .into_iter()
            .map(|(w, mask, positions)| {
                let id = match self.ids.get(w.as_str()) {
                    Some(&id) => id,
                    None => {
                        let id = self.words.len() as WordId;
                        self.words.push(Word::new(&w));
                        self.ids.insert(w.into_boxed_str(), id);
                        id
                    }
                };
                (id, mask, positions)
            })
            .collect();
        list.sort_unstable_by_key(|w| w.0);
        let mut d = DocWords::default();
        let (mut ids, mut masks, mut ends, mut bytes) = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
        for (id, mask, positions) in list {
            ids.push(id);
            masks.push(mask);
            push_number(&mut bytes, positions.len() as u32);
            let mut last = 0;
            for p in positions {
                push_number(&mut bytes, p - last);
                last = p;
            }
            ends.push(bytes.len() as u32);
        }
        (d.ids, d.masks, d.ends, d.positions) = (ids.into(), masks.into(), ends.into(), bytes.into());
        d
    }

    /// Page `doc` as cut, after all the others, straight into the postings; its word
    /// numbers, ascending, if they are to be kept (else none).
    fn add_cut(&mut self, doc: usize, words: Vec<(String, u8, Vec<u32>)>, keep: bool) -> Vec<WordId> {
        let mut ids = Vec::with_capacity(if keep { words.len() } else { 0 });
        let mut bytes = Vec::new();
        for (w, mask, positions) in words {
            let id = match self.ids.get(w.as_str()) {
                Some(&id) => id,
                None => {
                    let id = self.words.len() as WordId;
                    self.words.push(Word::new(&w));
                    self.ids.insert(w.into_boxed_str(), id);
                    id
                }
            };
            bytes.clear();
            push_number(&mut bytes, positions.len() as u32);
            let mut last = 0;
            for p in positions {
                push_number(&mut bytes, p - last);
                last = p;
            }
            self.words[id as usize].own.add(doc as u32, mask, &bytes);
            if keep {
                ids.push(id);
            }
        }
        ids.sort_unstable();
        ids
    }

    /// Page `doc`'s words changed from `old` to `new`: the postings of each word whose
    /// entry differs set anew, its number added to `changed`.
    fn change_doc(&mut self, doc: u32, old: &[WordId], new: &DocWords, changed: &mut Vec<WordId>) {
        let (mut i, mut j) = (0, 0);
        while i < old.len() || j < new.len() {
            let b = (j < new.len()).then(|| new.get(j));
            let (w, entry) = match (old.get(i), b) {
                (Some(&a), Some(b)) if a == b.0 => {
                    (i, j) = (i + 1, j + 1);
                    (a, Some((b.1, b.2)))
                }
                (Some(&a), b) if b.is_none_or(|b| a < b.0) => {
                    i += 1;
                    (a, None)
                }
                (_, Some(b)) => {
                    j += 1;
                    (b.0, Some((b.1, b.2)))
                }
                _ => break,
            };
            if self.words[w as usize].own.set(doc, entry) {
                changed.push(w);
            }
        }
    }

    /// Pages came, went or moved: every word's postings made again from the last ones,
    /// each kept page under its new number, and the pages `cut` now added.
    fn renumber(&mut self, kept_from: &[Option<usize>], old_len: usize, cut: &[(usize, DocWords)]) {
        let mut number = vec![None; old_len];
        for (i, from) in kept_from.iter().enumerate() {
            if let Some(j) = *from {
                number[j] = Some(i as u32);
            }
        }
        // The entries of the pages cut now, by word.
        let mut added: HashMap<WordId, Vec<PageEntry<'_>>> = HashMap::new();
        for (i, d) in cut {
            for k in 0..d.len() {
                let (w, mask, positions) = d.get(k);
                added.entry(w).or_default().push((*i as u32, mask, positions));
            }
        }
        for w in 0..self.words.len() {
            let own = &self.words[w].own;
            let mut list: Vec<PageEntry> = own
                .entries()
                .into_iter()
                .filter_map(|(d, mask, at)| number[d as usize].map(|n| (n, mask, &own.positions[at])))
                .collect();
            if let Some(more) = added.remove(&(w as WordId)) {
                list.extend(more);
            }
            list.sort_unstable_by_key(|e| e.0);
            let mut p = Postings::default();
            for (d, mask, positions) in list {
                p.add(d, mask, positions);
            }
            let word = &mut self.words[w];
            (word.own, word.merged) = (p, None);
            word.longer.clear();
        }
        self.settle_all();
    }

    /// After a clean start: every word's longer words, merged postings and order.
    fn settle_all(&mut self) {
        self.all_dirty = true;
        self.dirty.clear();
        let long: Vec<WordId> = (0..self.words.len() as WordId)
            .filter(|&w| self.words[w as usize].long_thai && self.present(w))
            .collect();
        for w in long {
            for s in self.inner_words(w) {
                self.words[s as usize].longer.push(w);
            }
        }
        for w in 0..self.words.len() {
            self.words[w].merged = self.merge(w as WordId);
        }
        self.sorted = (0..self.words.len() as WordId).filter(|&w| self.present(w)).collect();
        let words = &self.words;
        self.sorted.sort_unstable_by(|&a, &b| utf16_cmp(&words[a as usize].text, &words[b as usize].text));
    }

    /// After an edit: `changed` words' own postings changed; the words they are inside of
    /// and inside them follow, and the order takes in the words that came or went.
    fn settle(&mut self, mut changed: Vec<WordId>) {
        changed.sort_unstable();
        changed.dedup();
        let (mut came, mut went) = (Vec::new(), Vec::new());
        for &w in &changed {
            let present = self.present(w);
            let listed = self.sorted_at(w).is_ok();
            match (present, listed) {
                (true, false) => came.push(w),
                (false, true) => went.push(w),
                _ => {}
            }
        }
        for &w in &went {
            let at = self.sorted_at(w).expect("listed");
            self.sorted.remove(at);
            for s in self.inner_words_any(w) {
                self.words[s as usize].longer.retain(|&l| l != w);
            }
            self.words[w as usize].longer.clear();
        }
        for &w in &came {
            let at = self.sorted_at(w).expect_err("not listed");
            self.sorted.insert(at, w);
        }
        for &w in &came {
            if self.words[w as usize].long_thai {
                for s in self.inner_words(w) {
                    self.words[s as usize].longer.push(w);
                }
            }
        }
        // The longer words each new word is inside: for a few, looked for among the words
        // of the index; for many, from the pieces of every long word.
        let inside: Vec<WordId> =
            came.iter().copied().filter(|&w| w_can_be_inside(&self.words[w as usize].text)).collect();
        if inside.len() > 8 {
            let wanted: HashSet<WordId> = inside.iter().copied().collect();
            for &w in &inside {
                self.words[w as usize].longer.clear();
            }
            for i in 0..self.sorted.len() {
                let l = self.sorted[i];
                if self.words[l as usize].long_thai {
                    for s in self.inner_words(l) {
                        if wanted.contains(&s) {
                            self.words[s as usize].longer.push(l);
                        }
                    }
                }
            }
        }
        for &w in inside.iter().filter(|_| inside.len() <= 8) {
            let text = self.words[w as usize].text.clone();
            let longer: Vec<WordId> = self
                .sorted
                .iter()
                .copied()
                .filter(|&l| {
                    let lw = &self.words[l as usize];
                    l != w && lw.long_thai && lw.text.contains(&*text) && self.inner_words(l).contains(&w)
                })
                .collect();
            self.words[w as usize].longer = longer;
        }
        // Dirty: each changed word and the words inside it (whose merged postings list it).
        let mut dirty: Vec<WordId> = changed.clone();
        for &w in &changed {
            if self.words[w as usize].long_thai {
                dirty.extend(self.inner_words_any(w));
            }
        }
        dirty.sort_unstable();
        dirty.dedup();
        for &w in &dirty {
            self.words[w as usize].merged = self.merge(w);
        }
        self.dirty.extend(dirty);
    }

    fn present(&self, w: WordId) -> bool {
        self.words[w as usize].present()
    }

    /// Where `w` is in (or would go into) `sorted`.
    fn sorted_at(&self, w: WordId) -> Result<usize, usize> {
        let text = &self.words[w as usize].text;
        self.sorted.binary_search_by(|&o| utf16_cmp(&self.words[o as usize].text, text))
    }

    /// The words of the index that stand inside `w` ([`inner_pieces`]).
    fn inner_words(&self, w: WordId) -> Vec<WordId> {
        self.inner_words_any(w).into_iter().filter(|&s| self.present(s)).collect()
    }

    /// The same, with or without pages now.
    fn inner_words_any(&self, w: WordId) -> Vec<WordId> {
        let mut out: Vec<WordId> =
            inner_pieces(&self.words[w as usize].text).filter_map(|s| self.ids.get(s).copied()).collect();
        out.sort_unstable();
        out.dedup();
        out
    }

    /// `w`'s own pages and, marked [`INSIDE`], those of the longer words it is inside
    /// where it has none of its own; `None` if it is inside none.
    fn merge(&self, w: WordId) -> Option<Postings> {
        let word = &self.words[w as usize];
        if word.longer.is_empty() || !word.present() {
            return None;
        }
        let own = word.own.entries();
        let has: HashSet<u32> = own.iter().map(|e| e.0).collect();
        let mut extra: Vec<u32> = word
            .longer
            .iter()
            .flat_map(|&l| self.words[l as usize].own.entries().into_iter().map(|e| e.0))
            .filter(|d| !has.contains(d))
            .collect();
        extra.sort_unstable();
        extra.dedup();
        let mut p = Postings::default();
        let mut extra = extra.into_iter().peekable();
        for (doc, mask, positions) in own {
            while let Some(e) = extra.next_if(|&e| e < doc) {
                p.add(e, INSIDE, b"0");
            }
            p.add(doc, mask, &word.own.positions[positions]);
        }
        for e in extra {
            p.add(e, INSIDE, b"0");
        }
        Some(p)
    }

    /// Every file of the index given to `put`: those whose content is the same as last
    /// time as the same bytes, made again only where their words or pages changed. Without
    /// `keep` (a one-shot build) the bytes are not held once given.
    fn write(&mut self, numerals: Numerals, keep: bool, put: &mut dyn FnMut(String, Arc<Vec<u8>>)) {
        if keep {
            self.write_chunks(put);
        }
        self.write_parts(keep, put);
        self.write_entry(numerals, put);
    }

    /// Chunks, kept between builds: made again where a page's result changed.
    fn write_chunks(&mut self, put: &mut dyn FnMut(String, Arc<Vec<u8>>)) {
        let mut chunks = Vec::with_capacity(self.docs.len().div_ceil(CHUNK));
        let mut old_chunks = std::mem::take(&mut self.chunks).into_iter();
        for docs in self.docs.chunks(CHUNK) {
            let infos: Vec<Arc<DocInfo>> = docs.iter().map(|d| d.info.clone()).collect();
            let same = |c: &Chunk| {
                c.infos.len() == infos.len()
                    && c.infos.iter().zip(&infos).all(|(a, b)| Arc::ptr_eq(a, b) || a == b)
            };
            let chunk = match old_chunks.next().filter(same) {
                Some(c) => Chunk { infos, ..c },
                None => {
                    let (name, bytes) = chunk_file(infos.iter().map(|i| &**i));
                    Chunk { infos, name, bytes }
                }
            };
            put(format!("search/c/{}.json", chunk.name), chunk.bytes.clone());
            chunks.push(chunk);
        }
        drop(old_chunks);
        self.chunks = chunks;
    }

    /// Parts ([`PART_BYTES`]), each with its positions; without `keep` (a one-shot build)
    /// the bytes are not held once given.
    fn write_parts(&mut self, keep: bool, put: &mut dyn FnMut(String, Arc<Vec<u8>>)) {
        // One whose words are the same and none of them changed is kept.
        let old: HashMap<(WordId, WordId, usize), Part> =
            std::mem::take(&mut self.parts).into_iter().map(|p| ((p.first, p.last, p.count), p)).collect();
        let mut parts = Vec::new();
        let (mut start, mut size, mut dirty) = (0, 0, false);
        for i in 0..=self.sorted.len() {
            let next = self.sorted.get(i).map(|&w| &self.words[w as usize]);
            let cut = match next {
                None => i > start || parts.is_empty(),
                Some(_) => size >= PART_BYTES,
            };
            if cut {
                let words = &self.sorted[start..i];
                let key =
                    (words.first().copied().unwrap_or(0), words.last().copied().unwrap_or(0), words.len());
                let part = match old.get(&key) {
                    Some(p) if !dirty && !self.all_dirty => {
                        Part { p: p.p.clone(), q: p.q.clone(), first: key.0, last: key.1, count: key.2 }
                    }
                    _ => self.make_part(words, key, old.values()),
                };
                put(format!("search/p/{}.json", part.p.0), part.p.1.clone());
                put(format!("search/q/{}.json", part.q.0), part.q.1.clone());
                parts.push(if keep {
                    part
                } else {
                    Part { p: (part.p.0, Arc::default()), q: (part.q.0, Arc::default()), ..part }
                });
                (start, size, dirty) = (i, 0, false);
            }
            if let Some(w) = next {
                size += w.part_len() + 1;
                dirty |= self.dirty.contains(&self.sorted[i]);
            }
        }
        drop(old);
        self.dirty.clear();
        self.all_dirty = false;
        self.parts = parts;
    }

    /// The entry file ([`ENTRY`]): the parts and chunks as now written.
    fn write_entry(&mut self, numerals: Numerals, put: &mut dyn FnMut(String, Arc<Vec<u8>>)) {
        let numerals = match numerals {
            Numerals::Arabic => "arabic",
            Numerals::Thai => "thai",
        };
        let entry = EntryFile {
            version: 2,
            numerals,
            docs: self.docs.len(),
            chunk: CHUNK,
            parts: self
                .parts
                .iter()
                .enumerate()
                .map(|(i, p)| {
                    // The first part starts at the empty word: every word is in some part.
                    let first = if i == 0 { "" } else { &*self.words[p.first as usize].text };
                    (first, p.p.0.as_str(), p.q.0.as_str())
                })
                .collect(),
            chunks: self.chunks.iter().map(|c| c.name.as_str()).collect(),
        };
        let mut bytes = serde_json::to_vec(&entry).expect("plain data");
        bytes.push(b'\n');
        let bytes = match self.entry.take() {
            Some(b) if *b == bytes => b,
            _ => Arc::new(bytes),
        };
        put(ENTRY.to_string(), bytes.clone());
        self.entry = Some(bytes);
    }

    /// The part of `words` and its positions, written; as the same bytes as a part of
    /// `old` with the same content.
    fn make_part<'a>(
        &self,
        words: &[WordId],
        key: (WordId, WordId, usize),
        old: impl Iterator<Item = &'a Part> + Clone,
    ) -> Part {
        let (mut p, mut q) = (Vec::new(), Vec::new());
        for &w in words {
            let w = &self.words[w as usize];
            let shown = w.shown();
            for (out, bytes) in [(&mut p, &shown.docs), (&mut q, &shown.positions)] {
                out.push(if out.is_empty() { b'[' } else { b',' });
                serde_json::to_writer(&mut *out, &(&*w.text, std::str::from_utf8(bytes).expect("ASCII")))
                    .expect("plain data");
            }
        }
        let close = |mut bytes: Vec<u8>, pick: fn(&Part) -> &(String, Arc<Vec<u8>>)| {
            if bytes.is_empty() {
                bytes.push(b'[');
            }
            bytes.extend_from_slice(b"]\n");
            let name = content_name(&bytes);
            match old.clone().map(pick).find(|o| o.0 == name && *o.1 == bytes) {
                Some(o) => o.clone(),
                None => (name, Arc::new(bytes)),
            }
        };
        Part { p: close(p, |p| &p.p), q: close(q, |p| &p.q), first: key.0, last: key.1, count: key.2 }
    }
}

impl Word {
    fn new(text: &str) -> Word {
        Word {
            text: text.into(),
            json_len: serde_json::to_string(text).map_or(0, |s| s.len()) as u32,
            long_thai: text.chars().all(text::is_thai) && text.chars().count() >= 4,
            own: Postings::default(),
            merged: None,
            longer: Vec::new(),
        }
    }
}

/// Pieces of `w` that may be words inside it: between two letters (not marks), four
/// letters or more, not the whole word.
fn inner_pieces(w: &str) -> impl Iterator<Item = &str> {
    let starts: Vec<usize> = w.char_indices().filter(|&(_, c)| !is_mark(c)).map(|(i, _)| i).collect();
    let ends: Vec<usize> = starts.iter().copied().skip(1).chain([w.len()]).collect();
    let long = w.chars().all(text::is_thai) && w.chars().count() >= 4;
    let mut out = Vec::new();
    if long {
        for (a, &i) in starts.iter().enumerate() {
            for &j in &ends[a..] {
                if (i, j) != (0, w.len()) && base_letters(&w[i..j]) >= 4 {
                    out.push(&w[i..j]);
                }
            }
        }
    }
    out.into_iter()
}

/// Whether `w` may stand inside a longer word ([`inner_pieces`] of some word).
fn w_can_be_inside(w: &str) -> bool {
    base_letters(w) >= 4 && w.chars().all(text::is_thai) && !w.starts_with(is_mark)
}

/// The order of JavaScript's `<` (UTF-16 code units).
fn utf16_cmp(a: &str, b: &str) -> std::cmp::Ordering {
    a.encode_utf16().cmp(b.encode_utf16())
}

/// What a result shows of a meeting.
fn meeting_info(e: &Entry, excerpt: String, numerals: Numerals) -> DocInfo {
    let m = &e.meeting;
    let span = calendar::DateSpan { start: m.date, end: m.date_end };
    let fy = text::with_numerals(m.fiscal_year.to_string(), numerals);
    let meta = format!("{} · ปีงบประมาณ พ.ศ. {fy}", calendar::format_thai_span(span, numerals));
    (e.path.clone(), m.title.clone(), meta, excerpt)
}

/// What a result shows of a disclosure page.
fn page_info(p: &DisclosureEntry, excerpt: String, numerals: Numerals) -> DocInfo {
    let fy = text::with_numerals(p.fy.to_string(), numerals);
    let meta = match p.page.updated {
        Some(d) => format!(
            "{} · ปรับปรุง {} · ข้อมูลสาธารณะ (OIT) ปี พ.ศ. {fy}",
            p.page.code,
            calendar::format_thai(d, numerals)
        ),
        None => format!("{} · ข้อมูลสาธารณะ (OIT) ปี พ.ศ. {fy}", p.page.code),
    };
    (p.path.clone(), p.page.title.clone(), meta, excerpt)
}

/// A disclosure page as its words are cut from it: the page, with the rows of its CSV
/// attachments as load read them.
fn page_key(p: &DisclosureEntry) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    p.hash(&mut h);
    h.finish()
}

/// A name from the content: FNV-1a, 64 bits, as hex (a hash whose value is fixed by its
/// definition, so the same content has the same name on every machine and Rust version).
fn content_name(bytes: &[u8]) -> String {
    // 48 bits: no two of a site's few thousand files share a name.
    format!("{:012x}", fnv(bytes) >> 16)
}

fn fnv(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf29ce484222325;
    for &b in bytes {
        h ^= b as u64;
        h = h.wrapping_mul(0x100000001b3);
    }
    h
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

/// What a meeting's page shows, cut into words: the title (with ครั้งที่), what is shown
/// about it (the day in Thai, the fiscal year, venue, topics, roles, chair, organizers),
/// the body.
fn doc_words(root: &Path, e: &Entry) -> CutWords {
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
    pieces.extend(e.attendance.rows().iter().map(|r| (SHOWN, r.role.to_string())));
    pieces.extend(m.chair.iter().map(|s| (SHOWN, s.clone())));
    pieces.extend(m.organizers.iter().map(|s| (SHOWN, s.clone())));
    let excerpt = excerpt_of(&body);
    pieces.push((BODY, body));
    CutWords { words: cut(&pieces), excerpt }
}

/// What a disclosure page shows, cut into words: its title; the year it names, its code,
/// item, description and links; its body and the tables of its CSV attachments (as many
/// rows as it shows).
fn page_words(p: &DisclosureEntry) -> CutWords {
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
        if let Some(t) = super::data::csv_table(a) {
            pieces.push((BODY, t.header.join(" ")));
            pieces.extend(t.rows.iter().map(|r| (BODY, r.join(" "))));
        }
    }
    CutWords { words: cut(&pieces), excerpt }
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
    use std::collections::BTreeMap;

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

    /// A page's words as cut: each with its mask and positions.
    type Page = Vec<(String, u8, Vec<u32>)>;

    /// Pages of made-up words, Thai pieces that stand inside each other as compounds do.
    fn made_up_pages(n: usize, seed: u64) -> Vec<Page> {
        const PIECES: [&str; 12] =
            ["ประปา", "หมู่บ้าน", "ถนน", "คณะ", "กรรมการ", "ประชุม", "สภา", "งบ", "ประมาณ", "ผู้ใหญ่", "บ้าน", "น้ำ"];
        let mut r = seed;
        let mut next = move |m: u64| {
            r = r.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            ((r >> 33) % m) as usize
        };
        (0..n)
            .map(|_| {
                let mut words: HashMap<String, (u8, Vec<u32>)> = HashMap::new();
                for pos in 0..(40 + next(200)) as u32 {
                    let w = match next(4) {
                        0 => format!("{}{}", PIECES[next(12)], PIECES[next(12)]),
                        1 => format!("w{}", next(3000)),
                        _ => PIECES[next(12)].to_string(),
                    };
                    let (mask, positions) = words.entry(w).or_default();
                    *mask |= [TITLE, SHOWN, BODY][next(3)];
                    if positions.len() < MAX_POSITIONS {
                        positions.push(pos);
                    }
                }
                let mut words: Vec<_> = words.into_iter().map(|(w, (m, p))| (w, m, p)).collect();
                words.sort();
                words
            })
            .collect()
    }

    /// The pages as `serve` gives them: each the same as one of `last` kept, the others cut.
    fn docs_of(state: &mut State, pages: &[Page], last: &[Page]) -> Vec<NewDoc> {
        pages
            .iter()
            .enumerate()
            .map(|(i, words)| {
                let info = Arc::new((
                    format!("d{i}/"),
                    format!("t{i}"),
                    String::new(),
                    format!("{:?}", words.first()),
                ));
                let words = match last.iter().position(|l| l == words) {
                    Some(j) => Words::Kept(j),
                    None => Words::Cut(state.intern(words.clone())),
                };
                NewDoc { path: format!("d{i}/"), key: DocKey::Page(0), words, info }
            })
            .collect()
    }

    fn written(state: &mut State) -> BTreeMap<String, Arc<Vec<u8>>> {
        let mut files = BTreeMap::new();
        state.write(Numerals::Arabic, true, &mut |path, bytes| {
            files.insert(path, bytes);
        });
        files
    }

    /// An index changed page by page, as `serve` changes it, is the index made afresh of
    /// the same pages, over many parts; an edit keeps most of them as they were.
    #[test]
    fn an_index_changed_in_place_is_the_index_made_afresh() {
        let mut pages = made_up_pages(1000, 7);
        let mut kept = State::default();
        let docs = docs_of(&mut kept, &pages, &[]);
        kept.apply(docs);
        let first = written(&mut kept);
        let parts = first.keys().filter(|p| p.starts_with("search/p/")).count();
        assert!(parts > 10, "many parts: {parts}");
        let extra = made_up_pages(40, 99);
        type Edit<'a> = (&'a str, Box<dyn Fn(&mut Vec<Page>) + 'a>);
        let edits: Vec<Edit> = vec![
            ("a page's words changed", Box::new(|p| p[5] = extra[0].clone())),
            ("a word no page had", Box::new(|p| p[9].insert(0, ("aaa-new".into(), BODY, vec![3])))),
            (
                "a compound no page had, and a piece inside others",
                Box::new(|p| {
                    p[10].insert(0, ("กรรมการประปาสภา".into(), TITLE, vec![0]));
                    p[11].insert(0, ("กรรมการประ".into(), SHOWN, vec![1, 2]));
                }),
            ),
            (
                "many words no page had",
                Box::new(|p| p[12].extend((0..20).map(|i| (format!("zz{i}"), BODY, vec![i])))),
            ),
            ("a word's last page gone", Box::new(|p| p[9].retain(|w| w.0 != "aaa-new"))),
            ("a page emptied", Box::new(|p| p[13].clear())),
            ("a page removed", Box::new(|p| drop(p.remove(20)))),
            ("a page added", Box::new(|p| p.push(extra[1].clone()))),
        ];
        let mut before = first;
        for (what, edit) in edits {
            let last = pages.clone();
            edit(&mut pages);
            for p in &mut pages {
                p.sort();
            }
            let docs = docs_of(&mut kept, &pages, &last);
            kept.apply(docs);
            let after = written(&mut kept);
            let mut fresh = State::default();
            let docs = docs_of(&mut fresh, &pages, &[]);
            fresh.apply(docs);
            let fresh = written(&mut fresh);
            assert_eq!(after.keys().collect::<Vec<_>>(), fresh.keys().collect::<Vec<_>>(), "{what}");
            for (k, v) in &fresh {
                assert!(after[k] == *v, "{what}: {k} differs from a fresh index");
            }
            if what == "a page's words changed" {
                let same =
                    after.iter().filter(|(p, b)| before.get(*p).is_some_and(|o| Arc::ptr_eq(o, b))).count();
                assert!(same * 2 > after.len(), "{what}: most files kept ({same} of {})", after.len());
            }
            before = after;
        }
    }

    #[test]
    fn postings_set_in_place_are_postings_added_in_order() {
        let entry = |d: u32| (d as u8 % 3 + 1, vec![b'1', ALPHABET[(d % 4) as usize]]);
        let mut p = Postings::default();
        for d in [3, 40, 41, 1000, 1001] {
            let (m, pos) = entry(d);
            p.set(d, Some((m, &pos)));
        }
        p.set(41, None);
        p.set(0, Some((2, b"0")));
        p.set(1001, None);
        p.set(40, Some((4, b"12")));
        let mut q = Postings::default();
        for (d, m, pos) in [
            (0, 2, &b"0"[..]),
            (3, entry(3).0, &entry(3).1),
            (40, 4, b"12"),
            (1000, entry(1000).0, &entry(1000).1),
        ] {
            q.add(d, m, pos);
        }
        assert!(p == q);
        assert_eq!(p.entries().iter().map(|e| e.0).collect::<Vec<_>>(), [0, 3, 40, 1000]);
    }

    /// Many pages set, replaced and taken out at random, through the skips and past
    /// them, are the postings the same pages added in order.
    #[test]
    fn postings_set_through_their_skips_are_postings_added_in_order() {
        let mut r = 11u64;
        let mut next = move |m: u64| {
            r = r.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            (r >> 33) % m
        };
        let positions = |d: u32, n: u64| {
            let mut b = Vec::new();
            push_number(&mut b, n as u32);
            (0..n).for_each(|i| push_number(&mut b, d + i as u32 * 37));
            b
        };
        let mut want: BTreeMap<u32, (u8, Vec<u8>)> = BTreeMap::new();
        let mut p = Postings::default();
        for d in (0..3000).filter(|d| d % 3 != 1) {
            let e = (1 + (d % 7) as u8, positions(d, (d % 5) as u64));
            p.add(d, e.0, &e.1);
            want.insert(d, e);
        }
        assert!(p.skips.len() > 50, "{} skips", p.skips.len());
        for round in 0..4000 {
            let d = next(3100) as u32;
            let e = (1 + next(15) as u8, positions(d, next(9)));
            match next(3) {
                0 => {
                    p.set(d, None);
                    want.remove(&d);
                }
                _ => {
                    p.set(d, Some((e.0, &e.1)));
                    want.insert(d, e);
                }
            }
            if round % 500 == 0 || round == 3999 {
                let mut q = Postings::default();
                for (d, (m, pos)) in &want {
                    q.add(*d, *m, pos);
                }
                assert!(p == q, "round {round}");
                let found: Vec<u32> = p.entries().iter().map(|e| e.0).collect();
                assert_eq!(found, want.keys().copied().collect::<Vec<_>>(), "round {round}");
            }
        }
    }

    #[test]
    fn bodies_are_read_as_text() {
        let t =
            plain_text("# หัวข้อ\n\nย่อหน้า *เน้น* [ลิงก์](x)\n\n| ก | ข |\n|---|---|\n| 1 | 2 |\n\n- หนึ่ง\n- สอง\n");
        assert_eq!(t, "หัวข้อ ย่อหน้า เน้น ลิงก์ ก ข 1 2 หนึ่ง สอง");
    }
}
