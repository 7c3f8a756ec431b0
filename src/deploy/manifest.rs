//! `.prongsai-manifest.json` on the host: what prongsai put there, with hashes, so that a
//! publish sends only what changed and never touches anyone else's files. While a publish
//! runs it is "pending": the new set, what it replaces, and what is done so far.

use super::Error;
use crate::diagnostics::Code;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

pub const MANIFEST: &str = ".prongsai-manifest.json";

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    pub sha256: String,
    pub size: u64,
}

#[derive(Debug, Serialize, Deserialize)]
pub struct Manifest {
    /// The format, for a later prongsai to read an older manifest.
    pub prongsai_manifest: u32,
    /// A publish began and has not finished.
    pub pending: bool,
    /// The site as this publish leaves it.
    pub files: BTreeMap<String, Entry>,
    /// Pending: prongsai's files on the host before it began, with the hash they held
    /// (`None`: in flight in an earlier cut-off publish, so unknown).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub replaces: BTreeMap<String, Option<String>>,
    /// Pending: files of `files` sent and in place so far.
    #[serde(default, skip_serializing_if = "BTreeSet::is_empty")]
    pub done: BTreeSet<String>,
    /// Complete, with removals still to do: prongsai's files the site no longer has.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub remove: Vec<String>,
}

impl Manifest {
    pub fn parse(bytes: &[u8]) -> Result<Manifest, Error> {
        serde_json::from_slice(bytes).map_err(|e| {
            Error::new(
                Code::PublishBadManifest,
                format!(
                    "อ่าน {MANIFEST} บนปลายทางไม่ได้ ({e}) prongsai จะไม่เดาว่าไฟล์ใดเป็นของตน ให้ลบไฟล์นี้ แล้วสั่ง publish ใหม่พร้อม --yes"
                ),
            )
        })
    }

    pub fn to_json(&self) -> Vec<u8> {
        let mut v = serde_json::to_vec_pretty(self).unwrap_or_default();
        v.push(b'\n');
        v
    }

    /// prongsai's files on the host, with the hash each is known to hold (`None`: it may
    /// hold the old or the new bytes of a publish that was cut off).
    pub fn known(&self) -> BTreeMap<String, Option<String>> {
        if !self.pending {
            let mut out: BTreeMap<String, Option<String>> =
                self.files.iter().map(|(p, e)| (p.clone(), Some(e.sha256.clone()))).collect();
            for p in &self.remove {
                out.entry(p.clone()).or_insert(None);
            }
            return out;
        }
        let mut out = self.replaces.clone();
        for (p, e) in &self.files {
            let old = self.replaces.get(p).cloned().flatten();
            let now = if self.done.contains(p) || old.as_deref() == Some(e.sha256.as_str()) {
                Some(e.sha256.clone())
            } else {
                None
            };
            out.insert(p.clone(), now);
        }
        out
    }

    /// The manifest written before anything is sent.
    pub fn pending(files: &BTreeMap<String, Entry>, owned: &BTreeMap<String, Option<String>>) -> Manifest {
        Manifest {
            prongsai_manifest: 1,
            pending: true,
            files: files.clone(),
            replaces: owned.clone(),
            // Files not sent are known by their hash in `replaces`; only sent ones are listed.
            done: BTreeSet::new(),
            remove: vec![],
        }
    }

    pub fn mark_done(&mut self, path: &str) {
        self.done.insert(path.to_string());
    }

    pub fn complete(files: &BTreeMap<String, Entry>, remove: &[String]) -> Manifest {
        Manifest {
            prongsai_manifest: 1,
            pending: false,
            files: files.clone(),
            replaces: BTreeMap::new(),
            done: BTreeSet::new(),
            remove: remove.to_vec(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn e(h: &str) -> Entry {
        Entry { sha256: h.into(), size: 1 }
    }

    #[test]
    fn a_cut_off_publish_knows_what_is_in_place_and_what_may_be_in_flight() {
        let files: BTreeMap<String, Entry> =
            [("a", e("new")), ("b", e("same")), ("c", e("c1"))].map(|(p, x)| (p.to_string(), x)).into();
        let owned: BTreeMap<String, Option<String>> =
            [("a", Some("old")), ("b", Some("same")), ("gone", Some("g"))]
                .map(|(p, h)| (p.to_string(), h.map(String::from)))
                .into();
        let mut m = Manifest::pending(&files, &owned);
        m.mark_done("c");
        let back = Manifest::parse(&m.to_json()).unwrap();
        let known = back.known();
        assert_eq!(known["a"], None, "sent or not: unknown, so sent again");
        assert_eq!(known["b"].as_deref(), Some("same"));
        assert_eq!(known["c"].as_deref(), Some("c1"));
        assert_eq!(known["gone"].as_deref(), Some("g"), "still prongsai's, to be removed");
        let done = Manifest::complete(&files, &["gone".to_string()]);
        assert_eq!(done.known()["gone"], None);
        assert_eq!(done.known()["a"].as_deref(), Some("new"));
    }
}
