//! A folder as the host: a mapped drive (`Z:\ita`), a share (`\\server\share\ita`) or a
//! local path. Renames within one folder are atomic on NTFS, SMB and POSIX file systems.

use super::{Error, Listed, Target};
use crate::diagnostics::Code;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

pub struct Folder {
    root: PathBuf,
}

impl Folder {
    /// The folder must exist: a typo in `Z:\ita` should not make a new folder somewhere.
    pub fn open(root: &Path) -> Result<Folder, Error> {
        match std::fs::metadata(root) {
            Ok(m) if m.is_dir() => Ok(Folder { root: root.to_path_buf() }),
            Ok(_) => Err(Error::new(Code::PublishNoFolder, format!("{} เป็นไฟล์ ไม่ใช่โฟลเดอร์", root.display()))),
            Err(e) => Err(Error::new(
                Code::PublishNoFolder,
                format!(
                    "ไม่พบโฟลเดอร์ปลายทาง {} ({e}) ให้สร้างโฟลเดอร์ก่อน หรือแก้ publish.to ใน site.yaml",
                    root.display()
                ),
            )),
        }
    }

    fn path(&self, rel: &str) -> PathBuf {
        rel.split('/').filter(|s| !s.is_empty()).fold(self.root.clone(), |p, s| p.join(s))
    }

    fn fail(&self, what: &str, rel: &str, e: io::Error) -> Error {
        let at = self.path(rel);
        match e.kind() {
            io::ErrorKind::StorageFull | io::ErrorKind::QuotaExceeded => Error::new(
                Code::PublishDiskFull,
                format!(
                    "{what} {} ไม่ได้: ดิสก์ปลายทางเต็ม ให้ลบไฟล์ที่ไม่ใช้บนปลายทาง แล้วสั่ง publish ใหม่ (ส่งต่อจากที่ค้างไว้)",
                    at.display()
                ),
            ),
            io::ErrorKind::PermissionDenied | io::ErrorKind::ReadOnlyFilesystem => Error::new(
                Code::PublishRefused,
                format!(
                    "{what} {} ไม่ได้: ไม่มีสิทธิ์เขียนในโฟลเดอร์ปลายทาง (โฟลเดอร์อ่านได้อย่างเดียว) ({e})",
                    at.display()
                ),
            ),
            _ => Error::new(Code::PublishRefused, format!("{what} {} ไม่ได้: {e}", at.display())),
        }
    }
}

impl Target for Folder {
    fn read(&mut self, rel: &str) -> Result<Option<Vec<u8>>, Error> {
        match std::fs::read(self.path(rel)) {
            Ok(b) => Ok(Some(b)),
            Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(self.fail("อ่าน", rel, e)),
        }
    }

    fn list(&mut self, dir: &str) -> Result<Vec<Listed>, Error> {
        let rd = std::fs::read_dir(self.path(dir)).map_err(|e| self.fail("อ่านรายชื่อไฟล์ใน", dir, e))?;
        let mut out = Vec::new();
        for e in rd {
            let e = e.map_err(|e| self.fail("อ่านรายชื่อไฟล์ใน", dir, e))?;
            let is_dir = e.file_type().map(|t| t.is_dir()).unwrap_or(false);
            out.push(Listed { name: e.file_name().to_string_lossy().into_owned(), is_dir });
        }
        out.sort_by(|a, b| a.name.cmp(&b.name));
        Ok(out)
    }

    fn mkdir(&mut self, dir: &str) -> Result<(), Error> {
        match std::fs::create_dir(self.path(dir)) {
            Ok(()) => Ok(()),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists && self.path(dir).is_dir() => Ok(()),
            Err(e) => Err(self.fail("สร้างโฟลเดอร์", dir, e)),
        }
    }

    fn put(&mut self, rel: &str, data: &[u8]) -> Result<(), Error> {
        let write = || -> io::Result<()> {
            let mut f = std::fs::File::create(self.path(rel))?;
            f.write_all(data)?;
            // On the disk before the rename makes it the file: a power cut leaves the
            // old file or the new one, never a short one.
            f.sync_all()
        };
        write().map_err(|e| self.fail("เขียน", rel, e))
    }

    fn rename(&mut self, from: &str, to: &str) -> Result<(), Error> {
        std::fs::rename(self.path(from), self.path(to)).map_err(|e| self.fail("เปลี่ยนชื่อเป็น", to, e))
    }

    fn remove(&mut self, rel: &str) -> Result<(), Error> {
        match std::fs::remove_file(self.path(rel)) {
            Ok(()) => Ok(()),
            Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
            Err(e) => Err(self.fail("ลบ", rel, e)),
        }
    }

    fn remove_dir_if_empty(&mut self, dir: &str) {
        let _ = std::fs::remove_dir(self.path(dir));
    }
}
