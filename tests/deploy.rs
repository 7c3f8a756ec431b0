//! `prongsai publish` to a folder: the first publish, an edit that sends few files,
//! files of others never touched, removals, a folder that was not prongsai's, a publish
//! killed midway and completed by the next, a read-only folder; the site refused while
//! it is still `init`'s example. After every run the folder holds the build plus the
//! manifest (or, cut off, every file whole old or whole new).

mod support;

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, Stdio};
use support::hosts::*;
use support::*;

const TODAY: &str = "2569-12-01";

fn bin() -> &'static str {
    env!("CARGO_BIN_EXE_prongsai")
}

fn cmd(s: &TestSite, args: &[&str]) -> Command {
    let mut c = Command::new(bin());
    c.args(args)
        .arg("--root")
        .arg(s.root())
        .env("PRONGSAI_TODAY", TODAY)
        .env_remove("PRONGSAI_PUBLISH_PASSWORD");
    c
}

fn run_cmd(mut c: Command) -> Run {
    let o = c.stdin(Stdio::null()).output().unwrap();
    Run {
        code: o.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&o.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&o.stderr).into_owned(),
    }
}

fn publish(s: &TestSite, to: &Path, extra: &[&str]) -> Run {
    let mut args = vec!["publish", "--to", to.to_str().unwrap()];
    args.extend(extra);
    run_cmd(cmd(s, &args))
}

/// What `build` makes of the site now.
fn built(s: &TestSite) -> BTreeMap<String, Vec<u8>> {
    let out = tempfile::tempdir().unwrap();
    let dir = out.path().join("site");
    let r = run_cmd(cmd(s, &["build", "--output", dir.to_str().unwrap()]));
    assert_eq!(r.code, 0, "{}", r.stderr);
    tree(&dir)
}

/// The folder is the build, the manifest and `foreign` (files of others), nothing else.
fn assert_is_site(dest: &Path, s: &TestSite, foreign: &[(&str, &[u8])]) {
    assert_host_is(dest, &built(s), foreign);
}

/// The paths a run says it sent (`ส่ง 3/40 ไฟล์ ... path`).
fn sent(r: &Run) -> Vec<String> {
    r.stderr
        .lines()
        .filter(|l| l.starts_with("ส่ง ") && l.contains(" ไฟล์ "))
        .map(|l| l.rsplit(' ').next().unwrap().to_string())
        .collect()
}

/// A site ready to publish: three meetings of 2567 and some of this year, a real
/// base_url and an attachment.
fn site() -> TestSite {
    let s = TestSite::new().base_url("https://www.nongkong.go.th/ita/").with_three_meetings();
    let s = (1..=6).fold(s, |s, i| {
        s.meeting(
            &format!("2570/2569-11-0{i}-m{i}.md"),
            &meeting(&format!("ประชุมประชาคม ครั้งที่ {i}"), &format!("2569-11-0{i}"), CITIZENS_12),
        )
    });
    s.static_file("files/2570/รายงาน.pdf", b"%PDF-1.4 report")
}

#[test]
fn first_publish_then_an_edit_sends_only_what_changed() {
    let s = site();
    let dest = tempfile::tempdir().unwrap();
    let r = publish(&s, dest.path(), &[]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_is_site(dest.path(), &s, &[]);
    assert_eq!(sent(&r).len(), built(&s).len(), "the first publish sends every file");
    assert!(dest.path().join("files/2570/รายงาน.pdf").is_file(), "a Thai file name");

    // The same site again: nothing to send.
    let again = publish(&s, dest.path(), &[]);
    assert_eq!(again.code, 0, "{}", again.stderr);
    assert!(sent(&again).is_empty(), "{}", again.stderr);

    // One meeting's body edited: its page and the pages that show its words.
    let m = "content/2570/2569-11-03-m3.md";
    s.write(m, &s.read(m).replace("นำไปใช้", "นำไปปรับปรุงถนนสายหลัก"));
    let edit = publish(&s, dest.path(), &[]);
    assert_eq!(edit.code, 0, "{}", edit.stderr);
    let paths = sent(&edit);
    assert!(paths.contains(&"2570/m3/index.html".to_string()), "{paths:?}");
    assert!(paths.len() <= 5, "an edit of one body sends few files: {paths:?}");
    assert!(!paths.iter().any(|p| p.starts_with("2567/")), "{paths:?}");
    assert_is_site(dest.path(), &s, &[]);

    // --dry-run lists and sends nothing.
    s.write(m, &s.read(m).replace("ถนนสายหลัก", "ถนนสายรอง"));
    let before = tree(dest.path());
    let dry = publish(&s, dest.path(), &["--dry-run"]);
    assert_eq!(dry.code, 0, "{}", dry.stderr);
    assert!(dry.stdout.lines().any(|l| l == "ส่ง 2570/m3/index.html"), "{}", dry.stdout);
    assert_eq!(tree(dest.path()), before, "--dry-run changed the folder");
}

#[test]
fn files_of_others_are_never_touched_and_removals_of_past_years_need_yes() {
    let s = site();
    let dest = tempfile::tempdir().unwrap();
    let contact: &[u8] = b"<p>contact</p>";
    std::fs::write(dest.path().join("contact.html"), contact).unwrap();
    std::fs::write(dest.path().join("index.html"), b"old home page by hand").unwrap();

    // Not prongsai's folder: says what it would overwrite, and needs --yes.
    let r = publish(&s, dest.path(), &[]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert_eq!(r.codes(), ["PS1105"], "{}", r.stderr);
    assert!(
        r.stderr.contains("จะเขียนทับไฟล์ที่มีอยู่แล้ว 1 ไฟล์") && r.stderr.contains("  index.html"),
        "{}",
        r.stderr
    );
    assert_eq!(std::fs::read(dest.path().join("index.html")).unwrap(), b"old home page by hand");
    assert_eq!(tree(dest.path()).len(), 2, "nothing sent without --yes");

    let r = publish(&s, dest.path(), &["--yes"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_is_site(dest.path(), &s, &[("contact.html", contact)]);

    // A meeting of this fiscal year removed: its page goes, no question asked.
    s.remove("content/2570/2569-11-06-m6.md");
    let r = publish(&s, dest.path(), &[]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stderr.lines().any(|l| l == "ลบ 2570/m6/index.html"), "{}", r.stderr);
    assert!(!dest.path().join("2570/m6").exists(), "the emptied folder goes too");
    assert_is_site(dest.path(), &s, &[("contact.html", contact)]);

    // A meeting of a past fiscal year (its URL may have gone to the ITA): listed, --yes.
    s.remove(ROAD);
    let r = publish(&s, dest.path(), &[]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert_eq!(r.codes(), ["PS1105"], "{}", r.stderr);
    assert!(r.stderr.contains("  2567/road/index.html"), "{}", r.stderr);
    assert!(dest.path().join("2567/road/index.html").is_file(), "removed without --yes");
    let r = publish(&s, dest.path(), &["--yes"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_is_site(dest.path(), &s, &[("contact.html", contact)]);
}

#[test]
fn a_publish_killed_midway_leaves_whole_files_and_the_next_completes_it() {
    let s = (7..=150).fold(site(), |s, i| {
        s.meeting(
            &format!("2570/2569-10-{:02}-k{i}.md", i % 28 + 1),
            &meeting(&format!("ประชุมหมู่บ้าน ครั้งที่ {i}"), &format!("2569-10-{:02}", i % 28 + 1), CITIZENS_12),
        )
    });
    let dest = tempfile::tempdir().unwrap();
    assert_eq!(publish(&s, dest.path(), &[]).code, 0);
    let old = tree(dest.path());
    // Every page changes with the site's title.
    s.write("site.yaml", &s.read("site.yaml").replace("ศูนย์ข้อมูลการมีส่วนร่วม", "ศูนย์ข้อมูลใหม่"));
    let new = built(&s);

    let mut child = cmd(&s, &["publish", "--to", dest.path().to_str().unwrap()])
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stderr.take().unwrap()).lines();
    let mut seen = 0;
    for l in lines.by_ref() {
        if l.unwrap().starts_with("ส่ง ") {
            seen += 1;
            if seen == 10 {
                break;
            }
        }
    }
    assert_eq!(seen, 10, "the publish ended before it was killed");
    child.kill().unwrap();
    child.wait().unwrap();

    let cut = tree(dest.path());
    let m: serde_json::Value = serde_json::from_slice(&cut[MANIFEST]).unwrap();
    assert_eq!(m["pending"], true, "killed midway, the manifest is the pending one");
    let (mut whole_new, mut whole_old) = (0, 0);
    for (p, bytes) in &cut {
        if p == MANIFEST || p.ends_with(".prongsai-tmp") {
            continue;
        }
        if new.get(p) == Some(bytes) {
            whole_new += 1;
        } else if old.get(p) == Some(bytes) {
            whole_old += 1;
        } else {
            panic!("{p} is neither the old nor the new file");
        }
    }
    assert!(whole_new >= 10 && whole_old > 0, "new {whole_new}, old {whole_old}: not cut midway");

    let r = publish(&s, dest.path(), &[]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stderr.contains("การส่งครั้งก่อนค้างอยู่"), "{}", r.stderr);
    assert_is_site(dest.path(), &s, &[]);
}

fn is_root() -> bool {
    Command::new("id").arg("-u").output().is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
}

#[test]
fn a_read_only_folder_fails_in_thai_and_is_left_as_it_was() {
    let s = site();
    let dest = tempfile::tempdir().unwrap();
    let folder = dest.path().join("ita");
    std::fs::create_dir(&folder).unwrap();
    // As root, permissions stop nothing: a tmpfs of its own, remounted read-only.
    let mounted = is_root();
    if mounted {
        let st = Command::new("mount").args(["-t", "tmpfs", "-o", "size=8m", "tmpfs"]).arg(&folder).status();
        assert!(st.is_ok_and(|s| s.success()), "as root, this test mounts a tmpfs to make read-only");
        let st = Command::new("mount").args(["-o", "remount,ro"]).arg(&folder).status().unwrap();
        assert!(st.success());
    } else {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&folder, std::fs::Permissions::from_mode(0o555)).unwrap();
    }
    let r = publish(&s, &folder, &[]);
    if mounted {
        let _ = Command::new("umount").arg("-l").arg(&folder).status();
    }
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert_eq!(r.codes(), ["PS1111"], "{}", r.stderr);
    assert!(r.stderr.contains("ไม่มีสิทธิ์เขียนในโฟลเดอร์ปลายทาง"), "{}", r.stderr);
}

#[test]
fn the_example_site_a_password_in_site_yaml_and_no_target_are_refused() {
    let dest = tempfile::tempdir().unwrap();
    // init's base_url still there.
    let s = TestSite::new().with_three_meetings();
    let r = publish(&s, dest.path(), &[]);
    assert_eq!((r.code, r.codes().last().copied()), (1, Some("PS1104")), "{}", r.stderr);
    assert!(r.stderr.contains("base_url ใน site.yaml ยังเป็นของตัวอย่าง"), "{}", r.stderr);
    assert!(tree(dest.path()).is_empty());

    // A password written in site.yaml: an error of the site, for check too.
    let s = site().yaml("publish:\n  to: ftps://web@host.example/ita\n  password: secret\n");
    let r = run_cmd(cmd(&s, &["check"]));
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(r.codes_at("site.yaml", Some(12)).contains(&"PS1103"), "{}", r.stderr);

    // Nowhere to go: usage.
    let s = site();
    let r = run_cmd(cmd(&s, &["publish"]));
    assert_eq!((r.code, r.codes()), (2, vec!["PS1101"]), "{}", r.stderr);
    let r = run_cmd(cmd(&s, &["publish", "--to", "http://www.example.go.th/"]));
    assert_eq!((r.code, r.codes()), (2, vec!["PS1102"]), "{}", r.stderr);

    // publish.to in site.yaml, relative to the site.
    let s = site().yaml("publish:\n  to: out\n");
    std::fs::create_dir(s.path("out")).unwrap();
    let r = run_cmd(cmd(&s, &["publish"]));
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(s.path("out").join(MANIFEST).is_file());
}

fn publish_with(s: &TestSite, to: &str, password: &str, extra: &[&str]) -> Run {
    let mut args = vec!["publish", "--to", to];
    args.extend(extra);
    let mut c = cmd(s, &args);
    c.env("PRONGSAI_PUBLISH_PASSWORD", password);
    run_cmd(c)
}

/// A proxy on a free local port to `to` that cuts the first connection once `limit` bytes
/// have passed (both ways), and every later one at once: a line that drops and stays down.
fn cutting_proxy(to: u16, limit: usize) -> u16 {
    use std::io::{Read, Write};
    use std::net::{Shutdown, TcpListener, TcpStream};
    use std::sync::Arc;
    use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    std::thread::spawn(move || {
        let cut = Arc::new(AtomicBool::new(false));
        // Bounded: the publish tries again a few times; a test that ends leaves it waiting.
        for client in listener.incoming().take(20) {
            let Ok(client) = client else { continue };
            if cut.load(Ordering::SeqCst) {
                let _ = client.shutdown(Shutdown::Both);
                continue;
            }
            let server = TcpStream::connect(("127.0.0.1", to)).unwrap();
            let passed = Arc::new(AtomicUsize::new(0));
            for (mut from, mut into) in
                [(client.try_clone().unwrap(), server.try_clone().unwrap()), (server, client)]
            {
                let (passed, cut) = (passed.clone(), cut.clone());
                std::thread::spawn(move || {
                    let mut buf = [0u8; 512];
                    while let Ok(n) = from.read(&mut buf) {
                        if n == 0 || passed.fetch_add(n, Ordering::SeqCst) + n > limit {
                            break;
                        }
                        if into.write_all(&buf[..n]).is_err() {
                            break;
                        }
                    }
                    if passed.load(Ordering::SeqCst) > limit {
                        cut.store(true, Ordering::SeqCst);
                    }
                    let _ = from.shutdown(Shutdown::Both);
                    let _ = into.shutdown(Shutdown::Both);
                });
            }
        }
    });
    port
}

/// Every file of `dir` (but the manifest and temporary files) is whole in `old` or `new`.
fn assert_whole(
    dir: &Path,
    old: &BTreeMap<String, Vec<u8>>,
    new: &BTreeMap<String, Vec<u8>>,
) -> (usize, usize) {
    let (mut n, mut o) = (0, 0);
    for (p, bytes) in tree(dir) {
        if p == MANIFEST || p.ends_with(".prongsai-tmp") {
            continue;
        }
        if new.get(&p) == Some(&bytes) {
            n += 1;
        } else if old.get(&p) == Some(&bytes) {
            o += 1;
        } else {
            panic!("{p} is neither the old nor the new file");
        }
    }
    (n, o)
}

#[test]
fn ftp_publishes_only_changes_refuses_a_wrong_password_and_survives_a_cut_line() {
    let s = site();
    let ftp = FtpServer::start(None);
    let url = ftp.url("ftp", ftp.port);

    let r = publish_with(&s, &url, "wrong", &[]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(r.codes().contains(&"PS1106"), "{}", r.stderr);
    assert!(r.stderr.contains("ชื่อผู้ใช้หรือรหัสผ่านไม่ถูกต้อง"), "{}", r.stderr);

    let r = publish_with(&s, &url, "pw", &[]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.codes().contains(&"PS1112"), "ftp:// warns that it is not encrypted: {}", r.stderr);
    assert_is_site(ftp.home.path(), &s, &[]);
    assert!(ftp.home.path().join("files/2570/รายงาน.pdf").is_file(), "a Thai name kept as it is");

    let m = "content/2570/2569-11-03-m3.md";
    s.write(m, &s.read(m).replace("นำไปใช้", "นำไปปรับปรุงถนนสายหลัก"));
    let r = publish_with(&s, &url, "pw", &[]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(sent(&r).len() <= 5, "{:?}", sent(&r));
    assert_is_site(ftp.home.path(), &s, &[]);

    // Every page changes; the line drops after some commands and stays down.
    let old = tree(ftp.home.path());
    s.write("site.yaml", &s.read("site.yaml").replace("ศูนย์ข้อมูลการมีส่วนร่วม", "ศูนย์ข้อมูลใหม่"));
    let new = built(&s);
    let proxy = cutting_proxy(ftp.port, 2500);
    let r = publish_with(&s, &ftp.url("ftp", proxy), "pw", &[]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(r.codes().contains(&"PS1110"), "{}", r.stderr);
    assert!(r.stderr.contains("การเชื่อมต่อขาด"), "{}", r.stderr);
    let (n, o) = assert_whole(ftp.home.path(), &old, &new);
    assert!(n > 0 && o > 0, "cut midway: {n} new, {o} old");

    let r = publish_with(&s, &url, "pw", &[]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stderr.contains("การส่งครั้งก่อนค้างอยู่"), "{}", r.stderr);
    assert_is_site(ftp.home.path(), &s, &[]);
}

#[test]
fn ftps_trusts_only_the_pinned_certificate() {
    let certs = tempfile::tempdir().unwrap();
    let cert = self_signed_cert(certs.path());
    let ftp = FtpServer::start(Some(&cert));
    let url = ftp.url("ftps", ftp.port);

    // Not pinned: refused, with the fingerprint to check and pin.
    let s = site();
    let r = publish_with(&s, &url, "pw", &[]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert_eq!(r.codes(), ["PS1108"], "{}", r.stderr);
    assert!(tree(ftp.home.path()).is_empty());
    let fp =
        r.stderr.split_whitespace().find(|w| w.starts_with("SHA256:")).unwrap().trim_matches('"').to_string();

    // Another certificate pinned: refused.
    let other = site().yaml("publish:\n  fingerprint: SHA256:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU\n");
    let r = publish_with(&other, &url, "pw", &[]);
    assert_eq!(r.codes(), ["PS1108"], "{}", r.stderr);
    assert!(r.stderr.contains("ไม่ตรงกับที่บันทึกไว้"), "{}", r.stderr);

    // Pinned: published, and no warning about clear text.
    let s = s.yaml(&format!("publish:\n  to: {url}\n  fingerprint: {fp}\n"));
    let mut c = cmd(&s, &["publish"]);
    c.env("PRONGSAI_PUBLISH_PASSWORD", "pw");
    let r = run_cmd(c);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(!r.codes().contains(&"PS1112"), "{}", r.stderr);
    assert_is_site(ftp.home.path(), &s, &[]);
}

#[test]
#[ignore = "needs root: starts sshd and logs in as root (scripts/test.sh runs it when root)"]
fn sftp_with_a_key_and_a_pinned_host_key() {
    let sshd = Sshd::start();
    let dest = tempfile::tempdir().unwrap();
    let url = format!("sftp://root@127.0.0.1:{}{}", sshd.port, dest.path().display());
    let key = sshd.dir.path().join("client");

    // Host key not pinned: refused, with its fingerprint as ssh-keygen -lf shows it.
    let s = site().yaml(&format!("publish:\n  to: {url}\n  key: {}\n", key.display()));
    let r = run_cmd(cmd(&s, &["publish"]));
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert_eq!(r.codes(), ["PS1108"], "{}", r.stderr);
    assert!(r.stderr.contains(&sshd.fingerprint()), "{}", r.stderr);

    // Pinned, with a key the server does not know: the login fails.
    let pin = format!("  host_key: {}\n", sshd.fingerprint());
    let wrong = site()
        .yaml(&format!("publish:\n  to: {url}\n  key: {}\n{pin}", sshd.dir.path().join("other").display()));
    let r = run_cmd(cmd(&wrong, &["publish"]));
    assert_eq!((r.code, r.codes()), (1, vec!["PS1106"]), "{}", r.stderr);
    assert!(tree(dest.path()).is_empty());

    // Pinned, the right key: published; an edit sends few files and replaces them whole.
    let s = s.yaml(&pin);
    let r = run_cmd(cmd(&s, &["publish"]));
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_is_site(dest.path(), &s, &[]);
    let m = "content/2570/2569-11-03-m3.md";
    s.write(m, &s.read(m).replace("นำไปใช้", "นำไปปรับปรุงถนนสายหลัก"));
    s.remove("content/2570/2569-11-06-m6.md");
    let r = run_cmd(cmd(&s, &["publish"]));
    assert_eq!(r.code, 0, "{}", r.stderr);
    // The meeting's page and the pages that list it (year, home, ITA, feed, sitemap, CSV,
    // the JSON and its year's file) and the index pieces that changed: issue 20's bound
    // for one meeting's edit is 20 files.
    let sent = sent(&r);
    assert!(sent.len() <= 20, "an edit and a removal send the pages that list them: {sent:?}");
    assert!(sent.contains(&"2570/m3/index.html".to_string()), "{sent:?}");
    assert!(!sent.iter().any(|f| f.starts_with("2570/m1/")), "an untouched meeting was sent: {sent:?}");
    assert_is_site(dest.path(), &s, &[]);
}
