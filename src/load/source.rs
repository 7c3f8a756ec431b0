//! What every file `load` reads has before it is parsed: the size past which it is
//! refused, the stamp it had when read, and where an undecodable byte in it stands.
//! A leaf of `load/`: it imports nothing of it.

use crate::diagnostics::Pos;
use std::path::Path;
use std::time::SystemTime;

/// Files larger than this are refused rather than read: no meeting report is this big,
/// and reading one would only exhaust memory.
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// A file's size and time when it was read: a file whose stamp differs is read again.
/// The one rule for when anything loaded from a file (a meeting, an attachment's size, a
/// CSV table) is stale.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Stamp {
    pub len: u64,
    pub modified: Option<SystemTime>,
}

impl Stamp {
    pub(super) fn of(m: &std::fs::Metadata) -> Stamp {
        Stamp { len: m.len(), modified: m.modified().ok() }
    }
}

/// The stamp of the file at `p`, None if it cannot be looked at.
pub(super) fn stamp(p: &Path) -> Option<Stamp> {
    std::fs::metadata(p).ok().map(|m| Stamp::of(&m))
}

impl Stamp {
    /// What was loaded with this stamp may be used again for a file stamped `now`:
    /// the same size and time, and a time to compare (without one a change cannot be told).
    pub(super) fn still(&self, now: &Stamp) -> bool {
        self.modified.is_some() && self == now
    }
}

/// Line and column of byte offset `at` in a file that could not be decoded (a BOM is not
/// a column).
pub(super) fn error_pos(bytes: &[u8], at: usize) -> Pos {
    let at = at.min(bytes.len());
    let start = if bytes.starts_with(&[0xEF, 0xBB, 0xBF]) && at >= 3 { 3 } else { 0 };
    crate::diagnostics::line_col(&String::from_utf8_lossy(&bytes[start..at]), usize::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn error_positions_skip_the_bom() {
        assert_eq!(error_pos(b"\xEF\xBB\xBFab\xBB", 5), Pos { line: 1, column: 3 });
    }
}
