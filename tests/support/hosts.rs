//! The hosts `prongsai publish` and the editor's publish page send a site to: an FTP or
//! FTPS server (pyftpdlib) on a local port, a self-signed certificate for it, OpenSSH's
//! sshd for SFTP (as root), and what a folder holds after a publish.

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
/// `web` with password `pw`; FTPS (explicit TLS required) when given a certificate. Names
/// as a server that does not keep UTF-8 treats them: `cp874` reads every command as CP874
/// (IIS on Thai Windows), `ascii` refuses to store a file whose name is not ASCII.
///
/// A full disk is answered as RFC 959 has it, 452. pyftpdlib 1.5.7 alone never answers a
/// STOR that fills the disk (its buffered file raises again on close, before the reply),
/// so files are written unbuffered and whole, and the data channel's error says 452.
const FTP_SERVER: &str = r#"
import errno, os, sys
from pyftpdlib.authorizers import DummyAuthorizer
from pyftpdlib.servers import FTPServer
from pyftpdlib import handlers, filesystems
home, cert, names = sys.argv[1], sys.argv[2], sys.argv[3]
class Whole:
    def __init__(self, f):
        self.f = f
    def write(self, b):
        view = memoryview(b)
        while view:
            view = view[self.f.write(view):]
    def __getattr__(self, name):
        return getattr(self.f, name)
class FS(filesystems.AbstractedFS):
    def open(self, filename, mode):
        if mode[0] in "wa":
            return Whole(open(filename, mode, buffering=0))
        return super().open(filename, mode)
def dtp(base):
    class D(base):
        def handle_error(self):
            try:
                raise
            except handlers._FileReadWriteError as e:
                if getattr(e.args[0], "errno", None) == errno.ENOSPC:
                    self._resp = ("452 Insufficient storage space: No space left on device.", handlers.logger.warning)
                    self.close()
                    return
            except Exception:
                pass
            return base.handle_error(self)
    return D
a = DummyAuthorizer()
a.add_user("web", "pw", home, perm="elradfmwMT")
if cert:
    base = handlers.TLS_FTPHandler
    base.certfile = cert
    base.tls_control_required = True
    base.tls_data_required = True
else:
    base = handlers.FTPHandler
class h(base):
    if names == "cp874":
        def decode(self, line):
            return line.decode("cp874", "replace")
    if names == "ascii":
        def ftp_STOR(self, file, mode="w"):
            if not os.path.basename(file).isascii():
                self.respond("553 File name not allowed.")
                return
            return base.ftp_STOR(self, file, mode)
h.authorizer = a
h.abstracted_fs = FS
h.dtp_handler = dtp(h.dtp_handler)
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
        FtpServer::start_with(cert, tempfile::tempdir().unwrap(), "utf8")
    }

    /// Serving `home` (a folder the test made, say on a tmpfs), keeping names as `names`
    /// says (see [`FTP_SERVER`]).
    pub fn start_with(cert: Option<&Path>, home: tempfile::TempDir, names: &str) -> FtpServer {
        let python = need_program(&["/usr/bin/python3"], "apt-get install python3-pyftpdlib python3-openssl");
        let mut child = Command::new(python)
            .args(["-c", FTP_SERVER])
            .arg(home.path())
            .arg(cert.map(|c| c.to_str().unwrap()).unwrap_or(""))
            .arg(names)
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

/// OpenSSH's sshd on a free local port, for root (the only user a test can log in as
/// without making one), with a host key and a client key made by the test; SFTP served
/// by `internal-sftp`.
pub struct Sshd {
    child: std::process::Child,
    pub port: u16,
    pub dir: tempfile::TempDir,
}

impl Sshd {
    pub fn start() -> Sshd {
        let sshd = need_program(&["/usr/sbin/sshd"], "apt-get install openssh-server");
        let keygen = need_program(&["ssh-keygen"], "apt-get install openssh-client");
        let dir = tempfile::tempdir().unwrap();
        for (name, pass) in [("host", ""), ("client", ""), ("other", "")] {
            let st = Command::new(&keygen)
                .args(["-q", "-t", "ed25519", "-N", pass, "-C", name, "-f"])
                .arg(dir.path().join(name))
                .status()
                .unwrap();
            assert!(st.success());
        }
        std::fs::copy(dir.path().join("client.pub"), dir.path().join("authorized_keys")).unwrap();
        let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        let config = format!(
            "ListenAddress 127.0.0.1\nPort {port}\nHostKey {d}/host\nAuthorizedKeysFile {d}/authorized_keys\nPermitRootLogin prohibit-password\nPasswordAuthentication no\nKbdInteractiveAuthentication no\nStrictModes no\nUsePAM no\nPidFile {d}/sshd.pid\nSubsystem sftp internal-sftp\n",
            d = dir.path().display()
        );
        std::fs::write(dir.path().join("sshd_config"), config).unwrap();
        // Privilege separation wants this folder; a fresh container may not have it.
        std::fs::create_dir_all("/run/sshd").unwrap();
        let child = Command::new(sshd)
            .args(["-D", "-e", "-f"])
            .arg(dir.path().join("sshd_config"))
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let up = super::wait_until(std::time::Duration::from_secs(10), || {
            std::net::TcpStream::connect(("127.0.0.1", port)).ok()
        });
        assert!(up.is_some(), "sshd did not start on port {port}");
        Sshd { child, port, dir }
    }

    pub fn fingerprint(&self) -> String {
        let out =
            Command::new("ssh-keygen").arg("-lf").arg(self.dir.path().join("host.pub")).output().unwrap();
        String::from_utf8_lossy(&out.stdout).split_whitespace().nth(1).unwrap().to_string()
    }
}

impl Sshd {
    /// Another client key the server takes, locked with `passphrase`.
    pub fn add_client_key(&self, name: &str, passphrase: &str) -> PathBuf {
        let key = self.dir.path().join(name);
        let st = Command::new("ssh-keygen")
            .args(["-q", "-t", "ed25519", "-N", passphrase, "-C", name, "-f"])
            .arg(&key)
            .status()
            .unwrap();
        assert!(st.success());
        let public = std::fs::read_to_string(key.with_extension("pub")).unwrap();
        let list = self.dir.path().join("authorized_keys");
        let mut all = std::fs::read_to_string(&list).unwrap();
        all.push_str(&public);
        std::fs::write(&list, all).unwrap();
        key
    }
}

impl Drop for Sshd {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
