//! Atomic file replacement: write a temporary file next to the target,
//! flush it to disk, then rename it over the target; and the same for a
//! directory of files (a Markdown report's charts), replaced as a whole.
//!
//! Invariants: the target is either its previous content or the complete
//! new content, never a half-written file (rename within one directory is
//! atomic on POSIX file systems); the temporary file lives in the target's
//! own directory (a rename across file systems would not be atomic) and is
//! removed when the [`AtomicFile`] is dropped without [`AtomicFile::commit`].
//! Creating the temporary file is also how a command learns, before doing
//! any work, that the output cannot be written.
//!
//! Temporary names are short (`.track-1a2b3c4d.tmp`, whatever the target's
//! name, so a target name of 255 bytes works) and each temporary file or
//! directory is locked by its writer while it lives: one left by a killed
//! run is unlocked, and the next run in that directory removes it
//! ([`clean_stale`]) without touching a live run's.

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
/// be written at once).
static COUNTER: AtomicU32 = AtomicU32::new(0);

const TMP_PREFIX: &str = ".track-";
const TMP_SUFFIX: &str = ".tmp";

/// A fresh temporary name: `.track-` and eight hex digits.
fn temp_name() -> String {
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.subsec_nanos());
    // splitmix64 of the process, the count and the time.
    let mut h = (u64::from(std::process::id()) << 32 | u64::from(n)) ^ u64::from(nanos) << 13;
    h = (h ^ (h >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    h = (h ^ (h >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    format!("{TMP_PREFIX}{:08x}{TMP_SUFFIX}", (h ^ (h >> 31)) as u32)
}

fn is_temp_name(name: &std::ffi::OsStr) -> bool {
    name.to_str().is_some_and(|n| {
        n.len() == TMP_PREFIX.len() + 8 + TMP_SUFFIX.len()
            && n.starts_with(TMP_PREFIX)
            && n.ends_with(TMP_SUFFIX)
    })
}

/// The directory a path is in (`.` for a bare name).
fn parent_of(path: &Path) -> PathBuf {
    match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// Remove the temporary files and directories of runs that are gone
/// (their lock is free) from `dir`. Best effort: what cannot be read or
/// removed stays.
pub fn clean_stale(dir: &Path) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        if !is_temp_name(&e.file_name()) {
            continue;
        }
        let path = e.path();
        // Never through a link: only what a run of track made.
        let Ok(meta) = fs::symlink_metadata(&path) else {
            continue;
        };
        if !meta.is_file() && !meta.is_dir() {
            continue;
        }
        let Ok(f) = File::open(&path) else { continue };
        if f.try_lock().is_err() {
            continue; // a live run's
        }
        let _ = if meta.is_dir() {
            fs::remove_dir_all(&path)
        } else {
            fs::remove_file(&path)
        };
    }
}

/// Make a temporary file or directory in `dir` with `make`, and lock it.
/// Returns its path and the locked handle (the lock lives as long as it).
fn create_temp(
    dir: &Path,
    make: impl Fn(&Path) -> io::Result<File>,
) -> io::Result<(PathBuf, File)> {
    let mut last = None;
    // A leftover may hold a name, or another run's cleaner may take a new
    // one between its creation and its lock: try again with another.
    for _ in 0..16 {
        let tmp = dir.join(temp_name());
        match make(&tmp) {
            Ok(f) => {
                f.lock()?;
                if same_file(&f, &tmp) {
                    return Ok((tmp, f));
                }
            }
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => last = Some(e),
            Err(e) => return Err(e),
        }
    }
    Err(last.unwrap_or_else(|| io::Error::other("no temporary file name left")))
}

#[cfg(unix)]
fn same_file(f: &File, path: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (f.metadata(), fs::symlink_metadata(path)) {
        (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
        _ => false,
    }
}

#[cfg(not(unix))]
fn same_file(_: &File, path: &Path) -> bool {
    path.exists()
}

/// A file being written; it replaces `target` on [`AtomicFile::commit`].
#[derive(Debug)]
pub struct AtomicFile {
    target: PathBuf,
    tmp: PathBuf,
    file: Option<File>,
}

impl AtomicFile {
    /// Create the temporary file next to `target` (removing the stale ones
    /// of killed runs there first). Fails when the target's directory is
    /// missing or not writable, or the target is a directory.
    pub fn create(target: &Path) -> io::Result<AtomicFile> {
        let target = &resolve_links(target)?;
        if target.file_name().is_none() {
            return Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                "the output is not a file name",
            ));
        }
        if target.is_dir() {
            return Err(io::Error::new(
                io::ErrorKind::IsADirectory,
                "the output is a directory",
            ));
        }
        let dir = parent_of(target);
        clean_stale(&dir);
        let (tmp, file) = create_temp(&dir, |p| {
            OpenOptions::new().write(true).create_new(true).open(p)
        })?;
        // Keep the permissions of the file being replaced.
        if let Ok(meta) = fs::metadata(target) {
            let _ = file.set_permissions(meta.permissions());
        }
        Ok(AtomicFile {
            target: target.to_path_buf(),
            tmp,
            file: Some(file),
        })
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
        if cfg!(windows) {
            self.file = None; // closed before the rename (needed there)
        }
        // Renamed while still locked: no cleaner can take it meanwhile.
        fs::rename(&self.tmp, &self.target)?;
        self.tmp = PathBuf::new(); // nothing left to remove
        self.file = None;
        sync_dir(&parent_of(&self.target));
        Ok(())
    }
}

/// Make renames in `dir` durable; not every platform can open a
/// directory, and the data is safe either way.
fn sync_dir(dir: &Path) {
    if let Ok(d) = File::open(dir) {
        let _ = d.sync_all();
    }
}

/// Replace the directory `target` as a whole by one holding `files`
/// (`(name, bytes)`; names are plain file names): they are written into a
/// temporary directory beside it, synced once (the directory, not each
/// file: a Markdown report has hundreds of charts), and the temporary
/// directory renamed to `target`, the old one removed after. A failure
/// leaves `target` as it was.
pub fn replace_dir<'a>(
    target: &Path,
    files: impl IntoIterator<Item = (&'a str, &'a [u8])>,
) -> io::Result<()> {
    let parent = parent_of(target);
    clean_stale(&parent);
    let (tmp, _lock) = create_temp(&parent, |p| {
        fs::create_dir(p)?;
        File::open(p)
    })?;
    let mut guard = TempDir(Some(tmp.clone()));
    for (name, bytes) in files {
        if Path::new(name).file_name() != Some(std::ffi::OsStr::new(name)) {
            return Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                format!("not a plain file name: {name}"),
            ));
        }
        fs::write(tmp.join(name), bytes)?;
    }
    sync_dir(&tmp);
    // The old directory moves aside under a temporary name of its own
    // (unlocked: if this run is killed now, the next one removes it), then
    // the new one takes its name.
    let old = match fs::symlink_metadata(target) {
        Ok(_) => {
            let old = parent.join(temp_name());
            fs::rename(target, &old)?;
            Some(old)
        }
        Err(_) => None,
    };
    if let Err(e) = fs::rename(&tmp, target) {
        if let Some(old) = &old {
            let _ = fs::rename(old, target);
        }
        return Err(e);
    }
    guard.0 = old;
    sync_dir(&parent);
    Ok(())
}

/// Removes a temporary directory (and what it holds) when dropped.
struct TempDir(Option<PathBuf>);

impl Drop for TempDir {
    fn drop(&mut self) {
        if let Some(p) = self.0.take() {
            match fs::symlink_metadata(&p) {
                Ok(m) if m.is_dir() => {
                    let _ = fs::remove_dir_all(&p);
                }
                Ok(_) => {
                    let _ = fs::remove_file(&p);
                }
                Err(_) => {}
            }
        }
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
    fn a_target_name_of_250_bytes_can_be_written() {
        let d = tempdir("long");
        let t = d.join(format!("{}.html", "报".repeat(82)));
        assert_eq!(t.file_name().unwrap().len(), 251);
        let mut f = AtomicFile::create(&t).expect("create");
        f.write_all(b"new").expect("write");
        f.commit().expect("commit");
        assert_eq!(fs::read_to_string(&t).expect("read"), "new");
        let _ = fs::remove_dir_all(&d);
    }

    #[test]
    fn stale_temporary_files_are_removed_and_live_ones_kept() {
        let d = tempdir("stale");
        // Left by killed runs: a file and a directory, nobody holds them.
        fs::write(d.join(".track-0badf00d.tmp"), "half a report").expect("write");
        fs::create_dir(d.join(".track-0badd1r0.tmp")).expect("dir");
        fs::write(d.join(".track-0badd1r0.tmp/c.svg"), "x").expect("write");
        // A live run's: locked.
        let live = d.join(".track-11111111.tmp");
        fs::write(&live, "being written").expect("write");
        let held = File::open(&live).expect("open");
        held.lock().expect("lock");
        // Not ours: kept whatever it is.
        fs::write(d.join(".track-notours.tmp"), "x").expect("write");
        fs::write(d.join("keep.tmp"), "x").expect("write");
        let mut f = AtomicFile::create(&d.join("out.txt")).expect("create");
        f.write_all(b"new").expect("write");
        f.commit().expect("commit");
        assert_eq!(
            entries(&d),
            [
                ".track-11111111.tmp",
                ".track-notours.tmp",
                "keep.tmp",
                "out.txt"
            ]
        );
        drop(held);
        clean_stale(&d);
        assert_eq!(entries(&d), [".track-notours.tmp", "keep.tmp", "out.txt"]);
        let _ = fs::remove_dir_all(&d);
    }

    #[test]
    fn a_directory_is_replaced_as_a_whole() {
        let d = tempdir("dir");
        let charts = d.join("r_charts");
        fs::create_dir(&charts).expect("dir");
        fs::write(charts.join("old.svg"), "old").expect("write");
        fs::write(charts.join("a.svg"), "old a").expect("write");
        replace_dir(&charts, [("a.svg", &b"new a"[..]), ("b.svg", b"b")]).expect("replace");
        assert_eq!(entries(&charts), ["a.svg", "b.svg"]);
        assert_eq!(
            fs::read_to_string(charts.join("a.svg")).expect("read"),
            "new a"
        );
        assert_eq!(entries(&d), ["r_charts"]);
        // A name that would leave the directory: refused, nothing changed.
        let bad = replace_dir(&charts, [("ok.svg", &b"x"[..]), ("../x.svg", b"x")]);
        assert!(bad.is_err());
        assert_eq!(entries(&charts), ["a.svg", "b.svg"]);
        assert_eq!(entries(&d), ["r_charts"]);
        // Made where there was none.
        let fresh = d.join("s_charts");
        replace_dir(&fresh, [("c.svg", &b"c"[..])]).expect("replace");
        assert_eq!(entries(&fresh), ["c.svg"]);
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
