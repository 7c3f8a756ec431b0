//! A small tmpfs (root only): a real file system that a test can remount read-only, shrink
//! or fill, for the faults of `build` and `publish`.

use std::path::{Path, PathBuf};
use std::process::Command;

pub fn is_root() -> bool {
    Command::new("id").arg("-u").output().is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
}

/// A tmpfs mounted on a folder, unmounted when dropped (then the folder, if it made it).
pub struct Tmpfs {
    dir: PathBuf,
    /// The fresh folder [`Tmpfs::mount`] made, removed once unmounted.
    _own: Option<tempfile::TempDir>,
}

impl Tmpfs {
    /// On a fresh folder of its own. Fails the test, saying `why` it mounts, where the
    /// mount is refused (not root, or a container without the right to mount).
    pub fn mount(size: &str, why: &str) -> Tmpfs {
        let own = tempfile::tempdir().unwrap();
        let mut t = Tmpfs::mount_on(own.path(), size, why);
        t._own = Some(own);
        t
    }

    /// On `dir` (a host's folder), as [`Tmpfs::mount`].
    pub fn mount_on(dir: &Path, size: &str, why: &str) -> Tmpfs {
        let out = Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={size}"), "tmpfs"])
            .arg(dir)
            .output();
        match out {
            Ok(o) if o.status.success() => Tmpfs { dir: dir.to_path_buf(), _own: None },
            Ok(o) => panic!(
                "{why}, but `mount -t tmpfs` failed here: {}",
                String::from_utf8_lossy(&o.stderr).trim()
            ),
            Err(e) => panic!("{why}, but `mount` cannot run here: {e}"),
        }
    }

    pub fn path(&self) -> &Path {
        &self.dir
    }

    pub fn remount(&self, opts: &str) {
        let st =
            Command::new("mount").args(["-o", &format!("remount,{opts}")]).arg(&self.dir).status().unwrap();
        assert!(st.success(), "remount {opts}");
    }

    /// Bytes free, as `df` counts them.
    pub fn free(&self) -> u64 {
        self.df("-B1", "avail")
    }

    /// KiB used, as `df` counts them.
    pub fn used_kb(&self) -> u64 {
        self.df("-k", "used")
    }

    fn df(&self, unit: &str, field: &str) -> u64 {
        let out =
            Command::new("df").args([unit, &format!("--output={field}")]).arg(&self.dir).output().unwrap();
        String::from_utf8_lossy(&out.stdout).lines().nth(1).and_then(|l| l.trim().parse().ok()).unwrap()
    }
}

impl Drop for Tmpfs {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg("-l").arg(&self.dir).status();
    }
}
