//! Atomic file replacement: write a temporary file next to the target,
//! flush it to disk, then rename it over the target.
//!
//! Invariants: the target is either its previous content or the complete
//! new content, never a half-written file (rename within one directory is
//! atomic on POSIX file systems); the temporary file lives in the target's
//! own directory (a rename across file systems would not be atomic) and is
//! removed when the [`AtomicFile`] is dropped without [`AtomicFile::commit`].
//! Creating the temporary file is also how a command learns, before doing
//! any work, that the output cannot be written.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU32, Ordering};

/// The file a path finally names: through symbolic links, so that a link
/// stays a link and its target gets the new content. A device, pipe or
/// socket (`/dev/stdout`) cannot be replaced by a rename: refused.
fn resolve_links(path: &Path) -> io::Result<PathBuf> {
    let not_a_file = || {
        io::Error::new(
            io::ErrorKind::InvalidInput,
            "not a regular file (to write to standard output, use -o - with --format)",
        )
    };
    if fs::metadata(path).is_ok_and(|m| !m.is_file() && !m.is_dir()) {
        return Err(not_a_file());
    }
    let mut path = path.to_path_buf();
    // A bounded walk: a cycle of links ends in an error, not a hang.
    for _ in 0..40 {
        match fs::symlink_metadata(&path) {
            Ok(m) if m.file_type().is_symlink() => {
                let next = fs::read_link(&path)?;
                path = match path.parent() {
                    Some(dir) if next.is_relative() => dir.join(next),
                    _ => next,
                };
            }
            Ok(m) if !m.is_file() && !m.is_dir() => return Err(not_a_file()),
            _ => return Ok(path),
        }
    }
    Err(io::Error::new(
        io::ErrorKind::InvalidInput,
        "too many levels of symbolic links",
    ))
}

/// Distinguishes the temporary files of one process (several reports may
/// be written at once, e.g. the charts of a Markdown report).
static COUNTER: AtomicU32 = AtomicU32::new(0);

/// A file being written; it replaces `target` on [`AtomicFile::commit`].
#[derive(Debug)]
pub struct AtomicFile {
    target: PathBuf,
    tmp: PathBuf,
    file: Option<File>,
}

impl AtomicFile {
    /// Create the temporary file next to `target`. Fails when the target's
    /// directory is missing or not writable, or the target is a directory.
    pub fn create(target: &Path) -> io::Result<AtomicFile> {
        let target = &resolve_links(target)?;
        let name = target.file_name().ok_or_else(|| {
            io::Error::new(io::ErrorKind::InvalidInput, "the output is not a file name")
        })?;
        if target.is_dir() {
            return Err(io::Error::new(
                io::ErrorKind::IsADirectory,
                "the output is a directory",
            ));
        }
        let dir = match target.parent() {
            Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
            _ => PathBuf::from("."),
        };
        let mut last = None;
        // A leftover of a crashed run may hold a name: try a few.
        for _ in 0..16 {
            let n = COUNTER.fetch_add(1, Ordering::Relaxed);
            let mut tmp_name = std::ffi::OsString::from(".");
            tmp_name.push(name);
            tmp_name.push(format!(".{}.{n}.tmp", std::process::id()));
            let tmp = dir.join(tmp_name);
            match OpenOptions::new().write(true).create_new(true).open(&tmp) {
                Ok(file) => {
                    // Keep the permissions of the file being replaced.
                    if let Ok(meta) = fs::metadata(target) {
                        let _ = file.set_permissions(meta.permissions());
                    }
                    return Ok(AtomicFile {
                        target: target.to_path_buf(),
                        tmp,
                        file: Some(file),
                    });
                }
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists => last = Some(e),
                Err(e) => return Err(e),
            }
        }
        Err(last.unwrap_or_else(|| io::Error::other("no temporary file name left")))
    }

    /// The file this will replace.
    pub fn target(&self) -> &Path {
        &self.target
    }

    fn file(&mut self) -> io::Result<&mut File> {
        self.file
            .as_mut()
            .ok_or_else(|| io::Error::other("the file is already closed"))
    }

    /// Flush to disk and rename over the target; on error the target is
    /// left as it was and the temporary file is removed.
    pub fn commit(mut self) -> io::Result<()> {
        let file = self.file()?;
        file.flush()?;
        file.sync_all()?;
        self.file = None; // closed before the rename (needed on Windows)
        fs::rename(&self.tmp, &self.target)?;
        self.tmp = PathBuf::new(); // nothing left to remove
        // Make the rename itself durable; not every platform can open a
        // directory, and the data is safe either way.
        if let Some(dir) = self.target.parent() {
            let dir = if dir.as_os_str().is_empty() {
                Path::new(".")
            } else {
                dir
            };
            if let Ok(d) = File::open(dir) {
                let _ = d.sync_all();
            }
        }
        Ok(())
    }
}

impl Write for AtomicFile {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.file()?.write(buf)
    }

    fn write_all(&mut self, buf: &[u8]) -> io::Result<()> {
        self.file()?.write_all(buf)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.file()?.flush()
    }
}

impl Drop for AtomicFile {
    fn drop(&mut self) {
        self.file = None;
        if !self.tmp.as_os_str().is_empty() {
            let _ = fs::remove_file(&self.tmp);
        }
    }
}

/// Write `bytes` to `target` atomically.
pub fn write(target: &Path, bytes: &[u8]) -> io::Result<()> {
    let mut f = AtomicFile::create(target)?;
    f.write_all(bytes)?;
    f.commit()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tempdir(name: &str) -> PathBuf {
        let d = std::env::temp_dir().join(format!(
            "track-atomic-{name}-{}-{}",
            std::process::id(),
            COUNTER.fetch_add(1, Ordering::Relaxed)
        ));
        let _ = fs::remove_dir_all(&d);
        fs::create_dir_all(&d).expect("temp dir");
        d
    }

    fn entries(d: &Path) -> Vec<String> {
        let mut v: Vec<String> = fs::read_dir(d)
            .expect("read dir")
            .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
            .collect();
        v.sort();
        v
    }

    #[test]
    fn commit_replaces_and_leaves_no_temporary_file() {
        let d = tempdir("commit");
        let t = d.join("out.txt");
        fs::write(&t, "old").expect("write");
        let mut f = AtomicFile::create(&t).expect("create");
        f.write_all(b"new").expect("write");
        assert_eq!(fs::read_to_string(&t).expect("read"), "old");
        f.commit().expect("commit");
        assert_eq!(fs::read_to_string(&t).expect("read"), "new");
        assert_eq!(entries(&d), ["out.txt"]);
        let _ = fs::remove_dir_all(&d);
    }

    #[test]
    fn drop_without_commit_keeps_the_previous_file() {
        let d = tempdir("drop");
        let t = d.join("out.txt");
        fs::write(&t, "old").expect("write");
        {
            let mut f = AtomicFile::create(&t).expect("create");
            f.write_all(b"half").expect("write");
        }
        assert_eq!(fs::read_to_string(&t).expect("read"), "old");
        assert_eq!(entries(&d), ["out.txt"]);
        let _ = fs::remove_dir_all(&d);
    }

    #[test]
    fn a_failed_rename_keeps_the_previous_target_and_cleans_up() {
        let d = tempdir("rename");
        let t = d.join("out");
        let mut f = AtomicFile::create(&t).expect("create");
        f.write_all(b"new").expect("write");
        // The target became a non-empty directory meanwhile: rename fails.
        fs::create_dir(&t).expect("dir");
        fs::write(t.join("keep"), "x").expect("write");
        assert!(f.commit().is_err());
        assert_eq!(entries(&d), ["out"]);
        assert_eq!(entries(&t), ["keep"]);
        let _ = fs::remove_dir_all(&d);
    }

    #[test]
    fn create_fails_where_nothing_can_be_written() {
        let d = tempdir("fail");
        assert!(AtomicFile::create(&d.join("missing/out.txt")).is_err());
        assert!(AtomicFile::create(&d).is_err(), "a directory");
        fs::write(d.join("file"), "x").expect("write");
        assert!(AtomicFile::create(&d.join("file/out.txt")).is_err());
        assert_eq!(entries(&d), ["file"]);
        let _ = fs::remove_dir_all(&d);
    }
}
