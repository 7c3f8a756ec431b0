//! prongsai (โปร่งใส): a static site generator for the transparency disclosures of Thai
//! local governments.
//!
//! The pipeline, one module a stage: [`load`] (files → typed meetings, with spans for
//! errors) → [`model`] (fiscal years, statistics) → [`render`] (minijinja templates) →
//! [`write`] (a fresh folder, swapped in whole). [`site`] runs the stages in order and
//! keeps what `serve` reuses between builds; [`serve`] only reruns it and tells the browser.
//! [`calendar`], [`diagnostics`], [`text`] (Thai text) and [`fs`] (files and the guards
//! that keep reads and writes inside the site) are small helpers every stage uses;
//! [`layout`] names the site's folders; [`import`] reads office reports (Word, ODT,
//! text) into meeting files; [`deploy`] publishes a built site to the office's host
//! (`prongsai publish`); [`scaffold`] holds the text of the files `init`
//! and `new` write.
//!
//! The library prints nothing: it returns reports and errors, and the binary (`src/main.rs`
//! and `src/cmd/`) prints them and chooses the exit status.

pub mod calendar;
pub mod deploy;
pub mod diagnostics;
pub mod fs;
pub mod guide;
pub mod import;
pub mod layout;
pub mod load;
pub mod model;
pub mod render;
pub mod scaffold;
pub mod serve;
pub mod site;
pub mod text;
pub mod write;
