//! The hosts `prongsai publish` and the editor's publish page send a site to: an FTP or
//! FTPS server (pyftpdlib) on a local port, a self-signed certificate for it, and what a
//! folder holds after a publish.

use super::need_program;
use std::collections::BTreeMap;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

pub const MANIFEST: &str = ".prongsai-manifest.json";

/// Every file under `dir`, by its path with `/`.
pub fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    for e in walkdir::WalkDir::new(dir) {
        let e = e.unwrap();
        if e.file_type().is_file() {
            let rel = e.path().strip_prefix(dir).unwrap().to_string_lossy().replace('\\', "/");
            out.insert(rel, std::fs::read(e.path()).unwrap());
        }
    }
    out
}

/// pyftpdlib (Debian's python3-pyftpdlib) serving `home` on a free local port, as user
/// `web` with password `pw`; FTPS (explicit TLS required) when given a certificate.
const FTP_SERVER: &str = r#"
import sys
from pyftpdlib.authorizers import DummyAuthorizer
from pyftpdlib.servers import FTPServer
from pyftpdlib import handlers
home, cert = sys.argv[1], sys.argv[2]
a = DummyAuthorizer()
a.add_user("web", "pw", home, perm="elradfmwMT")
if cert:
    h = handlers.TLS_FTPHandler
    h.certfile = cert
    h.tls_control_required = True
    h.tls_data_required = True
else:
    h = handlers.FTPHandler
h.authorizer = a
s = FTPServer(("127.0.0.1", 0), h)
print(s.socket.getsockname()[1], flush=True)
s.serve_forever()
"#;

pub struct FtpServer {
    child: std::process::Child,
    pub port: u16,
    pub home: tempfile::TempDir,
}

impl FtpServer {
    pub fn start(cert: Option<&Path>) -> FtpServer {
        let python = need_program(&["/usr/bin/python3"], "apt-get install python3-pyftpdlib python3-openssl");
        let home = tempfile::tempdir().unwrap();
        let mut child = Command::new(python)
            .args(["-c", FTP_SERVER])
            .arg(home.path())
            .arg(cert.map(|c| c.to_str().unwrap()).unwrap_or(""))
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap()).read_line(&mut line).unwrap();
        let port = line.trim().parse().unwrap_or_else(|_| {
            panic!("pyftpdlib did not start (apt-get install python3-pyftpdlib python3-openssl): {line:?}")
        });
        FtpServer { child, port, home }
    }

    pub fn url(&self, scheme: &str, port: u16) -> String {
        format!("{scheme}://web@127.0.0.1:{port}/")
    }
}

impl Drop for FtpServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A self-signed certificate and its key in one PEM file under `dir` (for FTPS).
pub fn self_signed_cert(dir: &Path) -> PathBuf {
    let cert = dir.join("cert.pem");
    let openssl = need_program(&["openssl"], "apt-get install openssl");
    let ok = Command::new(openssl)
        .args([
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-days",
            "2",
            "-subj",
            "/CN=localhost",
            "-keyout",
        ])
        .arg(&cert)
        .arg("-out")
        .arg(&cert)
        .stderr(Stdio::null())
        .status()
        .unwrap();
    assert!(ok.success());
    cert
}

/// The folder holds `build` (every file of the built site), the final manifest listing
/// exactly those files, and `foreign` (files of others), nothing else.
pub fn assert_host_is(dest: &Path, build: &BTreeMap<String, Vec<u8>>, foreign: &[(&str, &[u8])]) {
    let mut want = build.clone();
    for (p, b) in foreign {
        want.insert(p.to_string(), b.to_vec());
    }
    let mut have = tree(dest);
    let manifest = have.remove(MANIFEST).expect("no manifest in the folder");
    let m: serde_json::Value = serde_json::from_slice(&manifest).unwrap();
    assert_eq!(m["pending"], false, "{m}");
    let listed: Vec<&String> = m["files"].as_object().unwrap().keys().collect();
    assert_eq!(listed, build.keys().collect::<Vec<_>>(), "the manifest lists the build's files");
    let diff: Vec<&String> =
        want.keys().chain(have.keys()).filter(|k| want.get(*k) != have.get(*k)).collect();
    assert!(diff.is_empty(), "folder differs from the build at {diff:?}");
}
