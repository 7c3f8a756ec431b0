//! Fingerprints of certificates and host keys, pinned in `site.yaml` (Windows has no
//! `known_hosts`): shown as OpenSSH shows them, `SHA256:` and unpadded base64; read back
//! in that form or as hex (with or without colons, as FileZilla shows a certificate's).

use super::Error;
use crate::diagnostics::Code;
use base64::Engine;
use base64::engine::general_purpose::{STANDARD, STANDARD_NO_PAD};
use sha2::{Digest, Sha256};

pub fn sha256(bytes: &[u8]) -> [u8; 32] {
    Sha256::digest(bytes).into()
}

/// `SHA256:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU`.
pub fn show_fingerprint(digest: &[u8]) -> String {
    format!("SHA256:{}", STANDARD_NO_PAD.encode(digest))
}

/// The digest a pinned fingerprint names, or `None` if it is not one.
pub fn decode_fingerprint(text: &str) -> Option<Vec<u8>> {
    let t = text.trim();
    let t = t.strip_prefix("SHA256:").or_else(|| t.strip_prefix("sha256:")).unwrap_or(t);
    let hex: String = t.chars().filter(|c| *c != ':').collect();
    if hex.len() == 64 && hex.chars().all(|c| c.is_ascii_hexdigit()) {
        return (0..32).map(|i| u8::from_str_radix(&hex[2 * i..2 * i + 2], 16).ok()).collect();
    }
    let d = STANDARD_NO_PAD.decode(t.trim_end_matches('=')).or_else(|_| STANDARD.decode(t)).ok()?;
    (d.len() == 32).then_some(d)
}

/// The host showed `seen`; `pinned` is what `site.yaml` says (if anything).
pub fn not_trusted(what: &str, host: &str, seen: &str, pinned: Option<&str>, key: &str) -> Error {
    let message = match pinned {
        None => format!(
            "ยังไม่รู้จัก{what}ของ {host} ลายนิ้วมือคือ {seen} ถ้าตรงกับที่ผู้ดูแลเซิร์ฟเวอร์แจ้ง ให้ใส่บรรทัด \"{key}: {seen}\" ใต้ publish: ใน site.yaml แล้วสั่งใหม่"
        ),
        Some(p) => format!(
            "{what}ของ {host} ไม่ตรงกับที่บันทึกไว้ใน site.yaml ({key}: {p}) เครื่องนี้แสดง {seen} อาจมีผู้ดักกลางทาง หรือเซิร์ฟเวอร์เปลี่ยน{what}ใหม่ ให้สอบถามผู้ดูแลเซิร์ฟเวอร์ก่อนแก้ {key} ไม่ได้ส่งอะไร"
        ),
    };
    Error { code: Code::PublishNotTrusted, message, seen: Some(seen.to_string()) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fingerprints_round_trip_in_both_forms() {
        let d = sha256(b"certificate");
        let shown = show_fingerprint(&d);
        assert!(shown.starts_with("SHA256:") && !shown.ends_with('='));
        assert_eq!(decode_fingerprint(&shown).as_deref(), Some(&d[..]));
        let hex: Vec<String> = d.iter().map(|b| format!("{b:02X}")).collect();
        assert_eq!(decode_fingerprint(&hex.join(":")).as_deref(), Some(&d[..]));
        assert_eq!(decode_fingerprint("SHA256:nonsense"), None);
    }
}
