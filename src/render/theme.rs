//! The theme: minijinja templates and static files. The default theme is embedded in the
//! binary; a `themes/<name>/` folder on disk takes its place, and a site's own
//! `templates/` overrides any template by name.

use super::filters;
use crate::calendar::Numerals;
use crate::diagnostics::{Code, Diagnostics, Pos};
use crate::fs;
use crate::layout;
use crate::load::{self, Config};
use minijinja::Environment;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The built-in theme: the folder `themes/default/` itself, embedded whole, so that a
/// file added there cannot be left out of sites that have no `themes/` folder (a list
/// kept by hand could). `build.rs` rebuilds when the folder changes.
static DEFAULT_THEME_DIR: include_dir::Dir<'static> =
    include_dir::include_dir!("$CARGO_MANIFEST_DIR/themes/default");

/// The built-in theme, as `(path under the theme folder, bytes)`, sorted by path; files
/// that a theme folder on disk would not be read for (see [`crate::fs::is_ignored`]) are left out.
pub fn default_theme() -> Vec<(&'static str, &'static [u8])> {
    fn walk(dir: &'static include_dir::Dir<'static>, out: &mut Vec<(&'static str, &'static [u8])>) {
        for entry in dir.entries() {
            if entry.path().file_name().is_some_and(crate::fs::is_ignored) {
                continue;
            }
            match entry {
                include_dir::DirEntry::Dir(d) => walk(d, out),
                include_dir::DirEntry::File(f) => {
                    if let Some(path) = f.path().to_str() {
                        out.push((path, f.contents()));
                    }
                }
            }
        }
    }
    let mut out = Vec::new();
    walk(&DEFAULT_THEME_DIR, &mut out);
    out.sort_by_key(|f| f.0);
    out
}

/// Templates added to the default theme after themes of sites' own were made.
const NEWER_TEMPLATES: &[&str] = &["disclosure.html", "ita-year.html"];

/// A static file of the theme or the site, to be copied to the output.
#[derive(Clone, Debug)]
pub enum Asset {
    Embedded(&'static [u8]),
    File(PathBuf),
}

pub struct Theme {
    pub env: Environment<'static>,
    /// Output path → file. Site `static/` files win over the theme's.
    pub assets: BTreeMap<String, Asset>,
    /// Template name → where it came from, for error messages.
    pub sources: BTreeMap<String, String>,
}

/// Loads templates and lists static files. Problems go to `diags`; `None` if the theme
/// cannot be used at all.
pub fn load(root: &Path, config: &Config, diags: &mut Diagnostics) -> Option<Theme> {
    let mut templates: BTreeMap<String, (String, String)> = BTreeMap::new(); // name → (origin, source)

    let theme_dir = root.join(layout::THEMES).join(&config.theme);
    if theme_dir.is_dir() {
        if config.theme == "default" {
            // A site's own copy of the default theme may leave out files it does not change.
            add_embedded(&mut templates);
        }
        read_templates(root, &theme_dir.join(layout::TEMPLATES), &mut templates, diags);
    } else if config.theme == "default" {
        add_embedded(&mut templates);
    } else {
        diags.error(
            Code::NoTheme,
            load::CONFIG_FILE,
            config.theme_pos,
            format!("theme: ไม่พบธีม \"{}\" (ต้องมีโฟลเดอร์ themes/{}/)", config.theme, config.theme),
        );
        return None;
    }
    read_templates(root, &root.join(layout::TEMPLATES), &mut templates, diags);
    let assets = list_assets(root, config, diags);
    // A theme of a site's own made before the OIT pages builds them with the default's
    // templates (on its own `base.html`).
    for name in NEWER_TEMPLATES {
        if !templates.contains_key(*name)
            && let Some((_, bytes)) =
                default_theme().into_iter().find(|(p, _)| p.strip_prefix("templates/") == Some(name))
        {
            let source = String::from_utf8_lossy(bytes).into_owned();
            templates.insert(name.to_string(), (format!("(ธีม default ในตัวโปรแกรม) {name}"), source));
        }
    }

    let mut env = Environment::new();
    filters::register(&mut env, config.numerals == Numerals::Thai, config.base_path.clone());
    let mut sources = BTreeMap::new();
    let mut ok = true;
    for (name, (origin, source)) in templates {
        if let Err(e) = env.add_template_owned(name.clone(), source) {
            diags.error(
                Code::Template,
                &origin,
                Pos { line: e.line().unwrap_or(0), column: 1 },
                format!("แม่แบบผิด: {}", template_error(&e)),
            );
            ok = false;
        }
        sources.insert(name, origin);
    }
    ok.then_some(Theme { env, assets, sources })
}

/// The static files listed again after a change under the site's `static/`, the
/// templates kept: a file there is no template, and no page shows the list.
pub fn relist_assets(root: &Path, config: &Config, theme: &mut Theme, diags: &mut Diagnostics) {
    theme.assets = list_assets(root, config, diags);
}

/// The theme's static files, then the site's `static/` over them.
fn list_assets(root: &Path, config: &Config, diags: &mut Diagnostics) -> BTreeMap<String, Asset> {
    let mut assets = BTreeMap::new();
    let theme_dir = root.join(layout::THEMES).join(&config.theme);
    if config.theme == "default" {
        for (path, bytes) in default_theme() {
            if let Some(p) = path.strip_prefix("static/") {
                assets.insert(p.to_string(), Asset::Embedded(bytes));
            }
        }
    }
    if theme_dir.is_dir() {
        read_assets(root, &theme_dir.join(layout::STATIC), &mut assets, diags);
    }
    read_assets(root, &root.join(layout::STATIC), &mut assets, diags);
    assets
}

fn add_embedded(templates: &mut BTreeMap<String, (String, String)>) {
    for (path, bytes) in default_theme() {
        if let Some(name) = path.strip_prefix("templates/") {
            let source = String::from_utf8_lossy(bytes).into_owned();
            templates.insert(name.to_string(), (format!("(ธีม default ในตัวโปรแกรม) {name}"), source));
        }
    }
}

fn files_under(root: &Path, dir: &Path, diags: &mut Diagnostics) -> Vec<(String, PathBuf)> {
    if !dir.is_dir() {
        return vec![];
    }
    let canonical_root = fs::canonical_root(root);
    let mut out = Vec::new();
    let walker = walkdir::WalkDir::new(dir).follow_links(true).sort_by_file_name().into_iter();
    for entry in walker.filter_entry(|e| e.depth() == 0 || !fs::is_ignored(e.file_name())) {
        match entry {
            Ok(e) if e.file_type().is_file() => {
                // Never copy a file from outside the site into what gets published.
                if e.path_is_symlink() || e.depth() > 1 {
                    match fs::inside_site(&canonical_root, e.path()) {
                        Ok(true) => {}
                        _ => {
                            diags.error(
                                Code::LinkOutside,
                                &fs::rel(root, e.path()),
                                Pos::default(),
                                "เป็นลิงก์ไปยังนอกโฟลเดอร์เว็บไซต์ จึงไม่คัดลอก",
                            );
                            continue;
                        }
                    }
                }
                let rel = fs::rel(dir, e.path());
                out.push((rel, e.into_path()));
            }
            Ok(_) => {}
            Err(e) => {
                let file = e.path().map(|p| fs::rel(root, p)).unwrap_or_default();
                diags.error(Code::Unreadable, &file, Pos::default(), format!("อ่านไม่ได้: {e}"));
            }
        }
    }
    out
}

fn read_templates(
    root: &Path,
    dir: &Path,
    templates: &mut BTreeMap<String, (String, String)>,
    diags: &mut Diagnostics,
) {
    for (name, path) in files_under(root, dir, diags) {
        let origin = fs::rel(root, &path);
        match std::fs::read(&path).map(|b| fs::decode(&b)) {
            Ok(Ok(decoded)) => {
                templates.insert(name, (origin, decoded.text));
            }
            Ok(Err(e)) => diags.error(e.code(), &origin, Pos::default(), e.to_string()),
            Err(e) => diags.error(Code::Unreadable, &origin, Pos::default(), format!("อ่านไฟล์ไม่ได้: {e}")),
        }
    }
}

fn read_assets(root: &Path, dir: &Path, assets: &mut BTreeMap<String, Asset>, diags: &mut Diagnostics) {
    for (name, path) in files_under(root, dir, diags) {
        assets.insert(name, Asset::File(path));
    }
}

/// A minijinja error as one line, with the causes it chains.
pub fn template_error(e: &minijinja::Error) -> String {
    let mut s = e.to_string();
    let mut src = std::error::Error::source(e);
    while let Some(inner) = src {
        s.push_str(": ");
        s.push_str(&inner.to_string());
        src = inner.source();
    }
    s
}

#[cfg(test)]
mod tests {
    /// What is embedded is what the folder holds, file for file.
    #[test]
    fn the_embedded_default_theme_is_the_folder() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default");
        let mut on_disk: Vec<(String, Vec<u8>)> = walkdir::WalkDir::new(&dir)
            .into_iter()
            .filter_entry(|e| e.depth() == 0 || !crate::fs::is_ignored(e.file_name()))
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_file())
            .map(|e| (crate::fs::rel(&dir, e.path()), std::fs::read(e.path()).unwrap()))
            .collect();
        on_disk.sort();
        let embedded: Vec<(String, Vec<u8>)> =
            super::default_theme().into_iter().map(|(p, b)| (p.to_string(), b.to_vec())).collect();
        assert!(embedded.iter().any(|f| f.0 == "templates/base.html"));
        assert_eq!(embedded, on_disk);
    }
}
