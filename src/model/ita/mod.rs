//! ITA: the participation item's readiness of each meeting ([`readiness`]), and the whole
//! OIT of each assessment year — every registry item with its page and status
//! ([`dashboard`]).

pub mod dashboard;
mod readiness;

pub use readiness::*;
