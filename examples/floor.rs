//! The floor for `scripts/bench.sh`: the least work any generator must do for a site of
//! meeting files — walk `content/`, split the front matter, parse it with serde_yaml,
//! render the Markdown body with pulldown-cmark, write one page per meeting at
//! `<out>/<fy>/<slug>/index.html`. No templates, no statistics, no index pages, no
//! diagnostics. prongsai's figures are reported as ratios to this one, measured in the
//! same run.
//!
//! `cargo run --release --example floor -- SITE OUT [THREADS]`

use rayon::prelude::*;
use serde::Deserialize;
use std::io::Write;
use std::path::{Path, PathBuf};

#[derive(Deserialize)]
#[allow(dead_code)]
struct Front {
    title: String,
    date: String,
    venue: String,
    #[serde(default)]
    topics: Vec<String>,
    #[serde(default)]
    attendees: Vec<Attendee>,
    attendees_total: Option<u64>,
}

#[derive(Deserialize)]
#[allow(dead_code)]
struct Attendee {
    role: String,
    count: u64,
}

fn page(path: &Path, out: &Path) -> Result<(), String> {
    let text = std::fs::read_to_string(path).map_err(|e| e.to_string())?;
    let rest = text.strip_prefix("---\n").ok_or("no front matter")?;
    let end = rest.find("\n---\n").ok_or("unclosed front matter")?;
    let (yaml, body) = (&rest[..end + 1], &rest[end + 5..]);
    let front: Front = serde_yaml::from_str(yaml).map_err(|e| e.to_string())?;
    let opts = pulldown_cmark::Options::ENABLE_TABLES
        | pulldown_cmark::Options::ENABLE_FOOTNOTES
        | pulldown_cmark::Options::ENABLE_STRIKETHROUGH;
    let mut html = String::with_capacity(body.len() * 3 / 2 + 256);
    html.push_str("<!DOCTYPE html>\n<html lang=\"th\"><meta charset=\"utf-8\"><h1>");
    for c in front.title.chars() {
        match c {
            '<' => html.push_str("&lt;"),
            '>' => html.push_str("&gt;"),
            '&' => html.push_str("&amp;"),
            '"' => html.push_str("&quot;"),
            c => html.push(c),
        }
    }
    html.push_str("</h1>\n");
    pulldown_cmark::html::push_html(&mut html, pulldown_cmark::Parser::new_ext(body, opts));
    let fy = path.parent().and_then(|p| p.file_name()).ok_or("no folder")?;
    let slug = path.file_stem().ok_or("no name")?;
    let dir = out.join(fy).join(slug);
    std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
    let mut f = std::fs::File::create(dir.join("index.html")).map_err(|e| e.to_string())?;
    f.write_all(html.as_bytes()).map_err(|e| e.to_string())
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.len() < 3 {
        eprintln!("usage: floor SITE OUT [THREADS]");
        std::process::exit(2);
    }
    let (site, out) = (PathBuf::from(&args[1]), PathBuf::from(&args[2]));
    let threads = args.get(3).and_then(|t| t.parse().ok()).unwrap_or(0);
    let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build().expect("thread pool");
    let files: Vec<PathBuf> = walkdir::WalkDir::new(site.join("content"))
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .filter(|e| {
            let n = e.file_name().to_string_lossy();
            n.ends_with(".md") && !n.starts_with(['_', '.'])
        })
        .map(walkdir::DirEntry::into_path)
        .collect();
    let failed = pool.install(|| {
        files
            .par_iter()
            .filter_map(|p| page(p, &out).err().map(|e| format!("{}: {e}", p.display())))
            .collect::<Vec<_>>()
    });
    for f in &failed {
        eprintln!("{f}");
    }
    eprintln!(
        "floor: {} pages, {} failed, {} threads",
        files.len() - failed.len(),
        failed.len(),
        pool.current_num_threads()
    );
    std::process::exit(if failed.is_empty() { 0 } else { 1 });
}
