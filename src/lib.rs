//! prongsai (โปร่งใส): a static site generator for the transparency disclosures of Thai
//! local governments.
//!
//! The pipeline, one module a stage: [`load`] (files → typed meetings, with spans for
//! errors) → [`model`] (fiscal years, statistics) → [`render`] (minijinja templates) →
//! [`write`] (a fresh folder, swapped in whole). [`site`] runs the stages in order and
//! keeps what `serve` reuses between builds; [`serve`] only reruns it and tells the browser.
//! [`calendar`] and [`diagnostics`] are small helpers every stage uses; [`scaffold`] holds
//! the text of the files `init` and `new` write.
//!
//! The library prints nothing: it returns reports and errors, and the binary (`src/main.rs`
//! and `src/cmd/`) prints them and chooses the exit status.

pub mod calendar;
pub mod diagnostics;
pub mod layout;
pub mod load;
pub mod model;
pub mod render;
pub mod scaffold;
pub mod serve;
pub mod site;
pub mod write;
