//! The build: load → model → render → write, in order, for `build`, `check` and `serve`.
//!
//! A [`Site`] keeps what can be reused between builds of the same site (parsed files,
//! the theme, rendered meeting pages), so `serve` and `build --watch` redo only the work
//! an edit needs, while a one-shot `build` is the same code with empty caches. Either way
//! the output is the same bytes.

use crate::calendar::Date;
use crate::diagnostics::{Code, Diagnostics, Pos};
use crate::layout;
use crate::load::{self, LoadCache};
use crate::model;
use crate::render::{self, PageCache, Theme};
use crate::write::{MemorySink, Sink, Spool, Staging};
use std::io;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

#[derive(Clone, Debug)]
pub struct BuildOptions {
    pub root: PathBuf,
    pub output: PathBuf,
    /// Overrides `base_url` of `site.yaml`.
    pub base_url: Option<String>,
    /// Drafts are built, and their problems count like any other's (`--drafts`).
    pub drafts: bool,
    /// `serve`'s preview: drafts are built, but their problems go to
    /// [`Report::draft_diagnostics`] and never stop the rest of the site.
    pub preview: bool,
    /// Warnings fail the build like errors (nothing is written).
    pub strict: bool,
    /// "Today", for warnings about meetings in the future; `None` leaves them out.
    pub today: Option<Date>,
}

impl BuildOptions {
    pub fn new(root: impl Into<PathBuf>) -> BuildOptions {
        let root = root.into();
        BuildOptions {
            output: root.join(layout::PUBLIC),
            root,
            base_url: None,
            drafts: false,
            preview: false,
            strict: false,
            today: Some(crate::calendar::today()),
        }
    }
}

/// What one build or check did.
#[derive(Debug, Default)]
pub struct Report {
    pub diagnostics: Diagnostics,
    /// Files read (meeting files and `site.yaml`).
    pub files: usize,
    /// Pages and data files rendered (static files not counted).
    pub pages: usize,
    /// Meeting files parsed anew, and meeting pages rendered anew (the rest reused).
    pub reread: usize,
    pub rerendered: usize,
    pub timings: Vec<(&'static str, Duration)>,
    pub strict: bool,
    /// The path part of the site's `base_url` (`/` or `/sub/`), where `serve` mounts it.
    pub base_path: String,
    /// Meetings left out as drafts (`draft: true`, without `--drafts`): not published, so
    /// not checked for ITA either; worth saying, since `new` writes drafts.
    pub drafts_left_out: usize,
    /// In `serve`'s preview ([`BuildOptions::preview`]): the drafts' own problems, listed
    /// but not counted by [`Report::ok`].
    pub draft_diagnostics: Diagnostics,
}

impl Report {
    /// No errors (and, under `--strict`, no warnings either, but for drafts left out: a
    /// draft never stops the site).
    pub fn ok(&self) -> bool {
        let warnings = self.diagnostics.warnings() - self.diagnostics.with_code(Code::DraftNotBuilt);
        !(self.diagnostics.has_errors() || self.strict && warnings > 0)
    }

    /// `โหลด 12 ms · คำนวณ 1 ms · สร้างหน้า 40 ms · เขียน 8 ms`
    pub fn timing_line(&self) -> String {
        self.timings
            .iter()
            .map(|(name, d)| format!("{name} {}", fmt_duration(*d)))
            .collect::<Vec<_>>()
            .join(" · ")
    }

    pub fn total_time(&self) -> Duration {
        self.timings.iter().map(|t| t.1).sum()
    }
}

/// `ร่าง "…" ยังมีข้อผิดพลาด 3 รายการ ไม่ได้สร้าง …`
fn draft_not_built(d: &load::DraftFile) -> String {
    let name = d.title.as_deref().filter(|t| !t.trim().is_empty()).map(|t| format!(" \"{t}\""))
        // A draft whose front matter does not parse has no title: the line names its file.
        .unwrap_or_else(|| "นี้".to_string());
    format!(
        "ร่าง{name} ยังมีข้อผิดพลาด {} รายการ ไม่ได้สร้าง (ส่วนอื่นของเว็บไซต์สร้างตามปกติ): ดูรายการด้วย prongsai check --drafts",
        d.diags.errors()
    )
}

pub fn fmt_duration(d: Duration) -> String {
    if d.as_millis() >= 1000 { format!("{:.2} s", d.as_secs_f64()) } else { format!("{} ms", d.as_millis()) }
}

pub struct Site {
    opts: BuildOptions,
    loads: LoadCache,
    model: model::Cache,
    pages: PageCache,
    /// Keep what the next build can reuse (off for a one-shot build, see [`Site::one_shot`]).
    keep: bool,
    theme: Option<Theme>,
    /// Bumped whenever settings or the theme are read again, to drop cached pages.
    generation: u64,
    /// Something under `static/` changed: its files are listed again (the theme kept).
    static_changed: bool,
    /// Where [`Site::build_in_memory`] writes the pages it keeps, if not in memory.
    spool: Option<Arc<Spool>>,
}

impl Site {
    pub fn new(opts: BuildOptions) -> Site {
        Site {
            opts,
            loads: LoadCache::default(),
            model: model::Cache::default(),
            pages: PageCache::default(),
            keep: true,
            theme: None,
            generation: 0,
            static_changed: false,
            spool: None,
        }
    }

    /// For a site built once (`prongsai build`): pages are written and forgotten instead of
    /// kept for a next build, and meeting bodies are read again for their pages instead of
    /// held from loading to the end, so memory does not grow with the pages or the bodies.
    /// The output is the same.
    pub fn one_shot(&mut self) {
        self.keep = false;
        self.pages.keep = false;
        self.loads.lean = true;
    }

    /// For `serve`, which keeps every page for the next build: the pages kept are written
    /// to `spool`, a folder of the system's temp folder, and held as where they are there,
    /// not as bytes; each meeting's body stays in its file and is read again for its page,
    /// checked against the file's size and time when it was loaded. Memory then holds
    /// what the next build reuses to decide, not the built site. The output is the same.
    pub fn spool_to(&mut self, spool: Arc<Spool>) {
        self.spool = Some(spool);
        self.loads.lean = true;
    }

    pub fn options(&self) -> &BuildOptions {
        &self.opts
    }

    /// Tells the site which paths changed. A meeting file is re-read alone; a file under
    /// `static/` makes the next build look at the attachments again (only the pages of
    /// those whose stamp changed are made again) and list the static files again; anything
    /// else (settings, templates, theme) makes it redo everything.
    pub fn changed(&mut self, paths: &[PathBuf]) {
        let content = self.opts.root.join(layout::CONTENT);
        let static_dir = self.opts.root.join(layout::STATIC);
        for p in paths {
            if p.starts_with(&content) {
                self.loads.invalidate(p);
            } else if p.starts_with(&static_dir) {
                self.loads.changed_static(p);
                self.static_changed = true;
            } else {
                self.loads.changed_elsewhere();
                self.theme = None;
            }
        }
    }

    /// Load and model: every problem of every file, nothing written.
    pub fn check(&mut self) -> (Report, Option<model::SiteModel>) {
        let mut r = Report { strict: self.opts.strict, ..Report::default() };
        let t = Instant::now();
        let mut loaded = load::load_site(
            &self.opts.root,
            self.opts.base_url.as_deref(),
            &mut self.loads,
            &mut r.diagnostics,
        );
        let drafts = std::mem::take(&mut loaded.drafts);
        r.files = loaded.files;
        r.reread = self.loads.last_reread;
        let built = self.opts.drafts || self.opts.preview;
        if !built {
            r.drafts_left_out = drafts.len();
        }
        r.timings.push(("โหลด", t.elapsed()));
        let t = Instant::now();
        let opts = model::ModelOptions { drafts: built, today: self.opts.today };
        let site = if self.keep {
            model::build_cached(&loaded, &opts, &mut r.diagnostics, &mut self.model)
        } else {
            model::build(&loaded, &opts, &mut r.diagnostics)
        };
        self.sort_draft_problems(&mut r, drafts);
        r.base_path = site.config.base_path.clone();
        r.timings.push(("คำนวณ", t.elapsed()));
        (r, Some(site))
    }

    /// Where the drafts' problems go: with everything else under `--drafts`; aside, in
    /// [`Report::draft_diagnostics`], in `serve`'s preview; otherwise, drafts being left
    /// out, one warning for each draft that has errors, so that a half-finished file never
    /// stops the site.
    fn sort_draft_problems(&self, r: &mut Report, drafts: Vec<load::DraftFile>) {
        if self.opts.drafts {
            for d in drafts {
                r.diagnostics.extend(d.diags);
            }
        } else if self.opts.preview {
            let mut sources: Vec<&str> = drafts.iter().map(|d| d.source.as_str()).collect();
            sources.sort_unstable();
            let mut aside = r.diagnostics.take_files(&sources);
            for d in drafts {
                aside.extend(d.diags);
            }
            r.draft_diagnostics = aside;
        } else {
            for d in drafts.iter().filter(|d| d.diags.has_errors()) {
                r.diagnostics.warning(
                    Code::DraftNotBuilt,
                    &d.source,
                    Pos { line: d.line, column: 1 },
                    draft_not_built(d),
                );
            }
        }
    }

    /// Builds into `sink`; nothing is rendered if loading found errors.
    pub fn build_into(&mut self, sink: &dyn Sink) -> Report {
        let mut r = self.build_once(sink);
        // `serve` reads each body again from its file for its page and its words: a file
        // saved again since this build loaded it (found by those reads, or looked at once
        // they are done) is loaded again and the build redone (the pages done are reused),
        // rather than built mixed or shown as an error the next build would clear.
        for _ in 0..3 {
            if self.spool.is_none() {
                break;
            }
            let mut paths = self.loads.changed_since_read();
            let failed = r.diagnostics.files_with_code(Code::FileChanged);
            paths.extend(failed.iter().map(|f| self.opts.root.join(f)));
            paths.sort();
            paths.dedup();
            if paths.is_empty() {
                break;
            }
            self.changed(&paths);
            sink.restart();
            r = self.build_once(sink);
        }
        r
    }

    fn build_once(&mut self, sink: &dyn Sink) -> Report {
        let (mut r, site) = self.check();
        let Some(site) = site else { return r };
        let errors = r.diagnostics.errors();
        if self.theme.is_none() {
            self.theme = render::theme::load(&self.opts.root, &site.config, &mut r.diagnostics);
            self.generation += 1;
        } else if let Some(theme) = self.theme.as_mut().filter(|_| self.static_changed) {
            render::theme::relist_assets(&self.opts.root, &site.config, theme, &mut r.diagnostics);
        }
        self.static_changed = false;
        if r.diagnostics.errors() > errors {
            // Read again by the next build, which must say its problems again (a link out
            // of the site under `static/`) as a fresh build would.
            self.theme = None;
            return r;
        }
        let Some(theme) = &self.theme else { return r };
        if !r.ok() {
            return r;
        }
        let t = Instant::now();
        let out = render::render_site(
            &self.opts.root,
            &site,
            theme,
            self.generation,
            &mut self.pages,
            sink,
            &mut r.diagnostics,
        );
        r.pages = out.pages;
        r.rerendered = self.pages.last_rendered;
        r.timings.push(("สร้างหน้า", t.elapsed()));
        if r.diagnostics.has_errors() {
            // A template that failed may work after the next edit: read it again then.
            self.theme = None;
        }
        r
    }

    /// Everything a build does but write: loads, checks, and renders every page with the
    /// theme, so that `check` finds what `build` would (a missing theme, a broken template).
    pub fn check_rendered(&mut self) -> Report {
        self.build_into(&crate::write::DiscardSink)
    }

    /// Builds in memory, for the preview server.
    pub fn build_in_memory(&mut self) -> (Report, MemorySink) {
        let sink = match &self.spool {
            Some(spool) => MemorySink::spooled(spool.clone()),
            None => MemorySink::default(),
        };
        let r = self.build_into(&sink);
        (r, sink)
    }

    /// Builds into a fresh folder and puts it in place of the output only if the build
    /// had no errors. `Err` is an I/O failure (exit status 2); content errors are in the
    /// report.
    pub fn build(&mut self) -> io::Result<Report> {
        crate::fs::guard_output(&self.opts.root, &self.opts.output)?;
        let staging = Staging::begin(&self.opts.output)?;
        let sink = staging.sink();
        let mut r = self.build_into(&sink);
        // A write that failed (disk full, read-only) is an I/O failure (exit status 2), not
        // a content error; the staging folder goes, the output stays as it was.
        if let Some(e) = sink.take_error() {
            return Err(e);
        }
        if r.ok() {
            let t = Instant::now();
            staging.commit()?;
            r.timings.push(("สลับโฟลเดอร์", t.elapsed()));
        }
        Ok(r)
    }
}
