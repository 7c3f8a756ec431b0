//! What `serve` and `build --watch` keep between renders, and how a render's results go
//! into it. What is kept and when it is used again is decided by the outputs themselves
//! ([`super::outputs`]); this is the bookkeeping.

use super::{MeetingDone, Produced, Searched, views};
use crate::diagnostics::{Code, Diagnostics, Pos};
use crate::load::Meeting;
use crate::model::SiteModel;
use crate::write::Content;
use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::sync::Arc;

/// Pages kept between builds, for `serve` and `build --watch`. A meeting page is reused
/// while its meeting is the very same parsed value; any other output while its key (a
/// hash of what it reads, [`super::outputs::Output::key`]) is the same. All of it is
/// dropped when the theme, the settings or the list of years change, which every page
/// shows.
pub struct PageCache {
    key: u64,
    /// Meeting pages by path: their bytes, or where `serve` spooled them.
    pub(super) pages: HashMap<String, KeptPage<Content>>,
    pub(super) renders: u64,
    /// Items of `meetings.json` ([`super::data::meeting_json`]), like the meeting pages.
    pub(super) json: HashMap<String, KeptPage<Arc<Vec<u8>>>>,
    /// Other outputs by path.
    pub(super) lists: HashMap<String, KeptOutput>,
    /// The search index as last made: each page's words, each word's postings, its files.
    pub(super) search_words: super::search::Memo,
    /// The files of the search index.
    pub(super) search: Option<SearchFiles>,
    /// Keep pages for the next build. A one-shot build turns this off: each page is
    /// written and forgotten, and memory stays flat however large the site.
    pub keep: bool,
    /// Meeting pages rendered (not reused) by the last render.
    pub last_rendered: usize,
}

/// The files of the search index, by path.
pub(super) type SearchFiles = Vec<(String, Arc<Vec<u8>>)>;

/// What was rendered of one meeting, kept while the very same parsed meeting comes back.
pub(super) struct KeptPage<B> {
    pub(super) meeting: Arc<Meeting>,
    pub(super) bytes: B,
    /// The number of the last render that had it.
    render: u64,
}

/// An output other than a meeting page, kept while its key stays the same.
pub(super) struct KeptOutput {
    pub(super) key: u64,
    pub(super) bytes: Content,
}

impl Default for PageCache {
    fn default() -> Self {
        PageCache {
            key: 0,
            pages: HashMap::new(),
            renders: 0,
            json: HashMap::new(),
            lists: HashMap::new(),
            search_words: Default::default(),
            search: None,
            keep: true,
            last_rendered: 0,
        }
    }
}

impl PageCache {
    /// Drops everything kept if what every page shows changed (or nothing is to be kept).
    pub(super) fn start(&mut self, generation: u64, years: &[views::YearLink]) {
        let key = {
            let mut h = std::collections::hash_map::DefaultHasher::new();
            generation.hash(&mut h);
            years.hash(&mut h);
            h.finish()
        };
        if self.key != key || !self.keep {
            self.pages.clear();
            self.json.clear();
            self.lists.clear();
            self.search_words.clear();
            self.search = None;
            self.key = key;
        }
    }
}

/// Reports what came of the meeting pages and keeps them for the next build. Returns how
/// many were made.
pub(super) fn keep_meeting_pages(
    cache: &mut PageCache,
    site: &SiteModel,
    done: Vec<MeetingDone>,
    diags: &mut Diagnostics,
) -> usize {
    let mut pages = 0;
    cache.last_rendered = 0;
    let this = cache.renders;
    let mut failed = false;
    for (e, MeetingDone { res, written, rendered }) in site.entries.iter().zip(done) {
        match res {
            Ok(bytes) => {
                cache.last_rendered += rendered as usize;
                if let Err(err) = written {
                    diags.error(
                        Code::WriteFailed,
                        &format!("{}index.html", e.path),
                        Pos::default(),
                        format!("เขียนไฟล์ไม่ได้: {err}"),
                    );
                }
                match (bytes, rendered) {
                    (Some(bytes), true) => {
                        cache.pages.insert(
                            e.path.clone(),
                            KeptPage { meeting: e.meeting.clone(), bytes, render: this },
                        );
                    }
                    (Some(_), false) => {
                        if let Some(kept) = cache.pages.get_mut(&e.path) {
                            kept.render = this;
                        }
                    }
                    (None, _) => {}
                }
                pages += 1;
            }
            Err(err) => {
                failed = true;
                diags.error(err.code(), &e.meeting.source, Pos::default(), err.to_string());
            }
        }
    }
    // Pages of meetings gone are dropped (all of them kept when a page failed, as before).
    if !failed {
        cache.pages.retain(|_, kept| kept.render == this);
    }
    pages
}

/// Reports what came of the outputs of the table and keeps them for the next build.
/// Returns how many were made.
pub(super) fn keep_listed(
    cache: &mut PageCache,
    site: &SiteModel,
    listed: Vec<Produced>,
    diags: &mut Diagnostics,
) -> usize {
    let this = cache.renders;
    let mut pages = 0;
    let mut lists_kept = HashMap::new();
    for page in listed {
        match page.bytes {
            Ok(bytes) => {
                if let Some(Err(err)) = page.written {
                    diags.error(Code::WriteFailed, &page.path, Pos::default(), format!("เขียนไฟล์ไม่ได้: {err}"));
                }
                if let (true, Some(key), Some(bytes)) = (cache.keep, page.key, bytes) {
                    lists_kept.insert(page.path, KeptOutput { key, bytes });
                }
                pages += 1;
            }
            Err(err) => diags.error(err.code(), "", Pos::default(), err.to_string()),
        }
        if cache.keep
            && let Some(fresh) = page.json_items
        {
            // The file was put together again: keep its new items, drop those gone.
            for (i, item) in fresh {
                let e = &site.entries[i];
                cache.json.insert(
                    e.path.clone(),
                    KeptPage { meeting: e.meeting.clone(), bytes: item, render: this },
                );
            }
            for e in &site.entries {
                if let Some(kept) = cache.json.get_mut(&e.path) {
                    kept.render = this;
                }
            }
            cache.json.retain(|_, kept| kept.render == this);
        }
    }
    cache.lists = lists_kept;
    pages
}

/// Reports what came of writing the search index and keeps it for the next build.
pub(super) fn keep_search(cache: &mut PageCache, searched: Option<Searched>, diags: &mut Diagnostics) {
    let Some(Searched { files }) = searched else {
        cache.search = None;
        return;
    };
    let mut kept = Vec::with_capacity(files.len());
    for (path, bytes, written) in files {
        if let Err(err) = written {
            diags.error(Code::WriteFailed, &path, Pos::default(), format!("เขียนไฟล์ไม่ได้: {err}"));
        }
        kept.push((path, bytes));
    }
    cache.search = cache.keep.then_some(kept);
}
