//! Appending one row to an actuals CSV as `track add` does
//! (docs/outputs.md#track-add), and the lock every writer of such a file takes.
//!
//! Invariants:
//! - Every writer holds the file's exclusive advisory lock from reading it
//!   to the end of its write, and [`lock`] makes sure the lock is on the
//!   file the path names *now*: a revision replaces the file by a rename,
//!   so a writer that waited on the lock of the replaced file starts again.
//! - An append is all or nothing: the row goes out in one `write`; a short
//!   write (disk full, file size limit) or any error, the sync's included,
//!   truncates the file back to its length before the append. One `write`
//!   and no retry also means a file size limit never raises `SIGXFSZ` in
//!   the middle of a row (the kernel writes up to the limit first and
//!   signals only a write that starts at it, which then writes nothing).

use std::fs::{File, OpenOptions};
use std::io::{self, Write};
use std::path::Path;

use crate::period::Period;

/// Open `path` for appending (creating it), take its exclusive lock, and
/// return it once the lock is on the file the path still names.
pub fn lock(path: &Path) -> io::Result<File> {
    // Each round means another writer replaced the file meanwhile: a
    // bound only against a path that is replaced forever.
    for _ in 0..10_000 {
        let f = OpenOptions::new()
            .read(true)
            .append(true)
            .create(true)
            .open(path)?;
        f.lock()?;
        if still_named(&f, path) {
            return Ok(f);
        }
    }
    Err(io::Error::other("the file keeps being replaced"))
}

/// [`lock`] for a file that must exist already: `None` when it does not.
pub fn lock_existing(path: &Path) -> io::Result<Option<File>> {
    for _ in 0..10_000 {
        let f = match OpenOptions::new().read(true).write(true).open(path) {
            Ok(f) => f,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(e),
        };
        f.lock()?;
        if still_named(&f, path) {
            return Ok(Some(f));
        }
    }
    Err(io::Error::other("the file keeps being replaced"))
}

#[cfg(unix)]
fn still_named(f: &File, path: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (f.metadata(), std::fs::metadata(path)) {
        (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
        _ => false,
    }
}

#[cfg(not(unix))]
fn still_named(_: &File, path: &Path) -> bool {
    // Elsewhere an open file cannot be renamed over.
    path.exists()
}

/// Append `bytes` to the locked file `f` and sync it; on any failure the
/// file is truncated back to its length before, then the error returned.
pub fn append(f: &mut File, bytes: &[u8]) -> io::Result<()> {
    let len = f.metadata()?.len();
    let written = f.write(bytes).and_then(|n| {
        if n == bytes.len() {
            f.sync_all()
        } else {
            Err(io::Error::new(
                io::ErrorKind::StorageFull,
                format!(
                    "only {n} of {} bytes could be written (the disk is full or the file \
                     is at its size limit)",
                    bytes.len()
                ),
            ))
        }
    });
    let Err(e) = written else { return Ok(()) };
    match f.set_len(len).and_then(|()| f.sync_all()) {
        Ok(()) => Err(e),
        Err(undo) => Err(io::Error::new(
            e.kind(),
            format!("{e}; and the partial row could not be removed: {undo}"),
        )),
    }
}

/// Today's date as `YYYY-MM-DD`: `TRACK_TODAY` when set (tests, reruns),
/// else the system clock (UTC).
pub fn today() -> Result<String, String> {
    if let Ok(t) = std::env::var("TRACK_TODAY") {
        return match Period::parse(&t) {
            Ok(p @ Period::Day(..)) => Ok(p.to_string()),
            _ => Err(format!("TRACK_TODAY={t}: expected a date, YYYY-MM-DD")),
        };
    }
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_err(|e| e.to_string())?
        .as_secs() as i64;
    let (y, m, d) = civil(secs.div_euclid(86_400));
    Ok(format!("{y:04}-{m:02}-{d:02}"))
}

/// The Gregorian date of a day counted from 1970-01-01 (Howard Hinnant's
/// `civil_from_days`).
pub fn civil(days: i64) -> (i32, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    ((yoe + era * 400 + i64::from(month <= 2)) as i32, month, day)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn civil_dates_from_days() {
        assert_eq!(civil(0), (1970, 1, 1));
        assert_eq!(civil(20_454), (2026, 1, 1));
        assert_eq!(civil(20_453), (2025, 12, 31));
        assert_eq!(civil(19_782), (2024, 2, 29));
    }
}
