//! Speed must not change a single byte: a build on many threads (pages rendered, written
//! and data files put together in whatever order the threads finish) is the same as a
//! build on one thread, and a build that keeps pages between rebuilds (`serve`, `--watch`)
//! is the same as a fresh one after every kind of edit (an attachment's file under
//! `static/` among them).

mod support;
use prongsai::site::{BuildOptions, Site};
use prongsai::write::Content;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use support::*;

/// A site with something of everything: three fiscal years, listed, head-count-only and
/// unknown attendance, a draft, an attachment, a repeated role, incomplete ITA sections.
fn varied_site() -> TestSite {
    let s = TestSite::new().static_file("files/minutes.pdf", b"%PDF-1.4 minutes");
    for i in 0..90u32 {
        let fy_year = [2566, 2567, 2568][(i % 3) as usize];
        let date = format!("{fy_year}-{:02}-{:02}", 1 + i % 9, 1 + i % 27);
        let path = format!("content/{}/m{i:03}.md", fy_year + 1);
        let text = match i % 6 {
            0 => meeting(
                &format!("ประชุม {i}"),
                &date,
                &[("นายก", 1), ("ประชาชน", u64::from(i)), ("ผู้ทรงคุณวุฒิ", 2)],
            ),
            1 => meeting(&format!("ประชาคม {i}"), &date, &[("นาย  ก", 1), ("นายก", 1), ("อสม.", 7)]),
            2 => format!(
                "---\ntitle: นับรวม {i}\ndate: {date}\nvenue: ศาลา\nattendees_total: {}\n---\nเนื้อหา *{i}*\n",
                10 + i
            ),
            3 => format!(
                "---\ntitle: ไม่ทราบจำนวน {i}\ndate: {date}\nvenue: ศาลา\ntime: \"13:30\"\nsummary: สรุป {i}\n---\n| a | b |\n|---|---|\n| 1 | 2 |\n"
            ),
            4 => format!(
                "---\ntitle: มีไฟล์แนบ {i}\ndate: {date}\nvenue: ห้อง\nattachments: [files/minutes.pdf]\ntopics: [ก, ข]\nattendees:\n  - role: ประชาชน\n    count: {i}\n---\n## ผล\n\nx[^1]\n\n[^1]: หมายเหตุ\n"
            ),
            _ => format!("---\ntitle: ร่าง {i}\ndate: {date}\nvenue: ห้อง\ndraft: {}\n---\n", (i / 6) % 2 == 0),
        };
        s.write(&path, &text);
    }
    s
}

fn build_with_threads(s: &TestSite, threads: &str, out: &Path) -> (i32, String) {
    let o = Command::new(bin())
        .args(["build", "--root", s.root().to_str().unwrap(), "--output", out.to_str().unwrap()])
        .env("RAYON_NUM_THREADS", threads)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&o.stderr);
    // The last line has the timings, which differ from run to run.
    let diagnostics =
        stderr.lines().filter(|l| !l.contains(" ms") && !l.contains(" s (")).collect::<Vec<_>>().join("\n");
    (o.status.code().unwrap_or(-1), diagnostics)
}

#[test]
fn a_build_on_many_threads_is_byte_identical_to_one_on_a_single_thread() {
    let s = varied_site();
    let out = tempfile::tempdir().unwrap();
    let one = out.path().join("one");
    let (code, diags_one) = build_with_threads(&s, "1", &one);
    assert_eq!(code, 0, "{diags_one}");
    let single = snapshot(&one);
    assert!(single.len() > 60, "pages were built: {}", single.len());
    for threads in ["2", "8"] {
        let dir = out.path().join(threads);
        let (code, diags) = build_with_threads(&s, threads, &dir);
        assert_eq!(code, 0);
        assert_eq!(diags, diags_one, "{threads} threads: the same diagnostics");
        let many = snapshot(&dir);
        assert_eq!(many.len(), single.len());
        for (a, b) in single.iter().zip(&many) {
            assert!(a == b, "{threads} threads: {} differs from the single-threaded build", b.0);
        }
    }
}

type Files = BTreeMap<String, Vec<u8>>;

fn in_memory(site: &mut Site) -> (Files, Vec<String>) {
    let (r, sink) = site.build_in_memory();
    let files = sink
        .into_files()
        .into_iter()
        .map(|(k, v)| {
            let bytes = match v {
                Content::File(p) => p.to_string_lossy().into_owned().into_bytes(),
                c => c.read().unwrap_or_else(|e| panic!("{k}: {e}")),
            };
            (k, bytes)
        })
        .collect();
    (files, r.diagnostics.sorted().iter().map(|d| d.to_string()).collect())
}

fn options(root: &Path) -> BuildOptions {
    let mut o = BuildOptions::new(root);
    o.today = None;
    o
}

#[test]
fn a_site_kept_between_builds_builds_what_a_fresh_one_builds_after_each_edit() {
    let s = varied_site();
    let root = s.root().to_path_buf();
    let mut kept = Site::new(options(&root));
    // As `serve` builds: pages spooled to a temp folder, bodies read again from their files.
    let spool = std::sync::Arc::new(prongsai::write::Spool::new().unwrap());
    kept.spool_to(spool.clone());
    let (first, _) = in_memory(&mut kept);
    assert!(first.contains_key("data/meetings.json"));
    let packs = || {
        let names = std::fs::read_dir(spool.dir()).unwrap().map(|e| e.unwrap().file_name());
        names.filter(|n| n.to_string_lossy().starts_with("pack-")).count()
    };
    assert_eq!(packs(), 1, "the first build's pages are in one pack of the spool");

    let outside = tempfile::NamedTempFile::new().unwrap();
    let p = |rel: &str| -> PathBuf { root.join(rel) };
    let edit = |rel: &str, from: &str, to: &str| {
        let text = std::fs::read_to_string(root.join(rel)).unwrap();
        assert!(text.contains(from), "{rel}: {from}");
        std::fs::write(root.join(rel), text.replacen(from, to, 1)).unwrap();
    };
    // One edit: what it does, and the paths it changed.
    type Step<'a> = (&'a str, Box<dyn Fn() -> Vec<PathBuf> + 'a>);
    let steps: Vec<Step> = vec![
        (
            "body only",
            Box::new(|| {
                edit("content/2567/m000.md", "นำไปใช้", "นำไปใช้จริง");
                vec![p("content/2567/m000.md")]
            }),
        ),
        (
            "a body given words no page had, a compound among them",
            Box::new(|| {
                edit("content/2567/m000.md", "นำไปใช้จริง", "นำไปใช้จริง zqxnew ระบบประปาหมู่บ้าน");
                vec![p("content/2567/m000.md")]
            }),
        ),
        (
            "those words gone from every page again",
            Box::new(|| {
                edit("content/2567/m000.md", " zqxnew ระบบประปาหมู่บ้าน", "");
                vec![p("content/2567/m000.md")]
            }),
        ),
        (
            "title",
            Box::new(|| {
                edit("content/2568/m001.md", "title: ประชาคม 1", "title: ประชาคมใหม่ 1");
                vec![p("content/2568/m001.md")]
            }),
        ),
        (
            "attendance",
            Box::new(|| {
                edit("content/2567/m006.md", "count: 6", "count: 60");
                vec![p("content/2567/m006.md")]
            }),
        ),
        (
            "ITA section added",
            Box::new(|| {
                edit("content/2569/m002.md", "เนื้อหา", "## ผล\n\n## การนำผล\n\nเนื้อหา");
                vec![p("content/2569/m002.md")]
            }),
        ),
        (
            "date moved to another fiscal year",
            Box::new(|| {
                edit("content/2567/m003.md", "date: 2566-04-04", "date: 2567-11-04");
                vec![p("content/2567/m003.md")]
            }),
        ),
        (
            "a draft published, a meeting made a draft",
            Box::new(|| {
                edit("content/2569/m005.md", "draft: true", "draft: false");
                edit("content/2569/m011.md", "draft: false", "draft: true");
                vec![p("content/2569/m005.md"), p("content/2569/m011.md")]
            }),
        ),
        (
            "two meetings given one URL",
            Box::new(|| {
                edit("content/2567/m006.md", "title:", "slug: m000\ntitle:");
                vec![p("content/2567/m006.md")]
            }),
        ),
        (
            "the URL made unique again",
            Box::new(|| {
                edit("content/2567/m006.md", "slug: m000\n", "slug: m006b\n");
                vec![p("content/2567/m006.md")]
            }),
        ),
        (
            "meeting deleted",
            Box::new(|| {
                std::fs::remove_file(p("content/2568/m004.md")).unwrap();
                vec![p("content/2568/m004.md")]
            }),
        ),
        (
            "meeting added",
            Box::new(|| {
                std::fs::write(p("content/2568/new.md"), meeting("ใหม่", "2567-12-01", &[("ประชาชน", 3)]))
                    .unwrap();
                vec![p("content/2568/new.md")]
            }),
        ),
        (
            "meeting renamed",
            Box::new(|| {
                std::fs::rename(p("content/2567/m009.md"), p("content/2567/m009-renamed.md")).unwrap();
                vec![p("content/2567/m009.md"), p("content/2567/m009-renamed.md")]
            }),
        ),
        (
            "an editor's swap file and a non-meeting file",
            Box::new(|| {
                std::fs::write(p("content/2567/.m000.md.swp"), "x").unwrap();
                std::fs::write(p("content/2567/notes.txt"), "x").unwrap();
                vec![p("content/2567/.m000.md.swp"), p("content/2567/notes.txt")]
            }),
        ),
        (
            "a new folder with a meeting",
            Box::new(|| {
                std::fs::create_dir_all(p("content/2570/sub")).unwrap();
                std::fs::write(p("content/2570/sub/x.md"), meeting("ปีใหม่", "2569-10-02", &[("ประชาชน", 1)]))
                    .unwrap();
                vec![p("content/2570/sub/x.md")]
            }),
        ),
        (
            "a disclosure page added",
            Box::new(|| {
                std::fs::create_dir_all(p("content/2569/ita")).unwrap();
                std::fs::write(
                    p("content/2569/ita/o1.md"),
                    "---\ntitle: โครงสร้าง\nita_item: O1\n---\nแผนผัง\n",
                )
                .unwrap();
                vec![p("content/2569/ita/o1.md")]
            }),
        ),
        (
            "a disclosure page edited: its body, then its item",
            Box::new(|| {
                edit("content/2569/ita/o1.md", "แผนผัง", "แผนผังใหม่");
                edit("content/2569/ita/o1.md", "ita_item: O1", "ita_item: O3");
                vec![p("content/2569/ita/o1.md")]
            }),
        ),
        (
            "a CSV table and an attachment put on a disclosure page",
            Box::new(|| {
                std::fs::write(p("static/files/works.csv"), "งาน,บาท\nซ่อมถนน,150000\n").unwrap();
                edit(
                    "content/2569/ita/o1.md",
                    "ita_item: O3",
                    "ita_item: O3\nattachments: [files/works.csv, files/minutes.pdf]",
                );
                vec![p("static/files/works.csv"), p("content/2569/ita/o1.md")]
            }),
        ),
        (
            // Shown on the meeting pages that attach the file and on the disclosure page:
            // a kept page that read the old file would differ from a fresh build.
            "an attachment's size and a CSV's rows changed under static/",
            Box::new(|| {
                std::fs::write(p("static/files/minutes.pdf"), format!("%PDF-1.4 {}", "x".repeat(5000)))
                    .unwrap();
                std::fs::write(p("static/files/works.csv"), "งาน,บาท\nซ่อมถนน,150000\nขุดลอกคลอง,80000\n")
                    .unwrap();
                vec![p("static/files/minutes.pdf"), p("static/files/works.csv")]
            }),
        ),
        (
            "a static file no page shows added",
            Box::new(|| {
                std::fs::write(p("static/logo.png"), "png").unwrap();
                vec![p("static/logo.png")]
            }),
        ),
        (
            "a link out of the site put under static/",
            Box::new(|| {
                std::os::unix::fs::symlink(outside.path(), p("static/out.txt")).unwrap();
                vec![p("static/out.txt")]
            }),
        ),
        (
            // Its error is said again by a build that keeps what it can.
            "a body edited while that link is there",
            Box::new(|| {
                edit("content/2567/m000.md", "นำไปใช้จริง", "นำไปใช้แล้ว");
                vec![p("content/2567/m000.md")]
            }),
        ),
        (
            "the link removed",
            Box::new(|| {
                std::fs::remove_file(p("static/out.txt")).unwrap();
                vec![p("static/out.txt")]
            }),
        ),
        (
            "a site registry file",
            Box::new(|| {
                std::fs::create_dir_all(p("ita")).unwrap();
                std::fs::write(p("ita/2569.yaml"), "year: 2569\nitems:\n  - code: O2\n    name: ผู้บริหาร\n")
                    .unwrap();
                vec![p("ita/2569.yaml")]
            }),
        ),
        (
            "a disclosure page deleted",
            Box::new(|| {
                std::fs::remove_file(p("content/2569/ita/o1.md")).unwrap();
                vec![p("content/2569/ita/o1.md")]
            }),
        ),
        (
            // Every page made again, each body read from its file: the one saved since it
            // was loaded is loaded again, not shown as it was nor as an error.
            "a body saved unreported while the settings changed",
            Box::new(|| {
                edit("content/2567/m000.md", "นำไปใช้แล้ว", "นำไปใช้แล้วอีกครั้ง");
                let y = std::fs::read_to_string(p("site.yaml")).unwrap();
                std::fs::write(p("site.yaml"), format!("{y}# แก้ไข\n")).unwrap();
                vec![p("site.yaml")]
            }),
        ),
        (
            "settings",
            Box::new(|| {
                let y = std::fs::read_to_string(p("site.yaml")).unwrap();
                std::fs::write(p("site.yaml"), format!("{y}numerals: thai\n")).unwrap();
                vec![p("site.yaml")]
            }),
        ),
        (
            "a whole year deleted",
            Box::new(|| {
                std::fs::remove_dir_all(p("content/2569")).unwrap();
                vec![p("content/2569")]
            }),
        ),
    ];
    for (what, step) in steps {
        let changed = step();
        kept.changed(&changed);
        let (after, diags) = in_memory(&mut kept);
        let (fresh, fresh_diags) = in_memory(&mut Site::new(options(&root)));
        assert_eq!(
            after.keys().collect::<Vec<_>>(),
            fresh.keys().collect::<Vec<_>>(),
            "{what}: the same files"
        );
        for (k, v) in &fresh {
            assert!(after[k] == *v, "{what}: {k} differs from a fresh build");
        }
        assert_eq!(diags, fresh_diags, "{what}: the same diagnostics");
    }
    // Packs no kept page is in any more are gone: those of the last two builds are left
    // (the one before them made every page again); the rest go with the site.
    assert_eq!(packs(), 2);
    drop(kept);
    assert_eq!(packs(), 0);
    spool.remove();
    assert!(!spool.dir().exists());
}

#[test]
fn a_one_shot_build_reading_bodies_again_builds_what_serve_builds() {
    // A one-shot build leaves bodies in their files and reads them again for their pages:
    // with a BOM, CRLF line ends, a UTF-16 file (whose text is kept) and ITA headings, the
    // pages must be those of a build that kept every body.
    let s = varied_site();
    let bom = format!("\u{feff}{}", meeting("มี BOM", "2567-01-02", &[("ประชาชน", 2)]))
        .replace("---\n\n", "---\n## ผลการประชุม\n\nข้อความ\n");
    s.write("content/2567/bom.md", &bom);
    s.write("content/2567/crlf.md", &meeting("CRLF", "2567-01-03", &[("ประชาชน", 4)]).replace('\n', "\r\n"));
    let utf16: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain(
            meeting("UTF-16", "2567-01-04", &[("ประชาชน", 5)]).encode_utf16().flat_map(|u| u.to_le_bytes()),
        )
        .collect();
    s.write_bytes("content/2567/utf16.md", &utf16);
    let root = s.root().to_path_buf();
    let mut once = Site::new(options(&root));
    once.one_shot();
    let (lean, lean_diags) = in_memory(&mut once);
    let (full, full_diags) = in_memory(&mut Site::new(options(&root)));
    assert_eq!(lean.keys().collect::<Vec<_>>(), full.keys().collect::<Vec<_>>());
    for (k, v) in &full {
        assert!(lean[k] == *v, "{k} differs");
    }
    assert_eq!(lean_diags, full_diags);
    assert!(String::from_utf8_lossy(&lean["2567/bom/index.html"]).contains("ข้อความ"));
}
