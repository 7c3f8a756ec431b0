//! The folders and files of a site on disk, named once. Every stage finds its input here
//! (and `build` its output), so a name changes in one place.

/// Site settings, at the root.
pub const CONFIG_FILE: &str = "site.yaml";
/// Meeting files, `*.md`, in any sub-folders.
pub const CONTENT: &str = "content";
/// Copied as it is into the output (attachments, logo).
pub const STATIC: &str = "static";
/// The site's own templates, overriding the theme's by name.
pub const TEMPLATES: &str = "templates";
/// `themes/<name>/templates` and `themes/<name>/static`.
pub const THEMES: &str = "themes";
/// The site's OIT registry files, `ita/<year>.yaml`, over the lists shipped with the program.
pub const ITA: &str = "ita";
/// `content/2569/ita/o5.md`: where the disclosure page of OIT item `code` of assessment
/// year `fy` is expected, as `check` names it for a missing item and `new --ita` writes it.
pub fn disclosure_page(fy: i32, code: &str) -> String {
    format!("{CONTENT}/{fy}/ita/{}.md", code.to_lowercase())
}

/// The output, rebuilt whole.
pub const PUBLIC: &str = "public";

/// The folders a build reads besides `site.yaml`: watched by `serve`, and never to be
/// the output (which is deleted and replaced).
pub const SOURCES: [&str; 5] = [CONTENT, STATIC, TEMPLATES, THEMES, ITA];
