//! Reading CSV files into [`Actuals`]: blocks of a file are read one after
//! the other (memory stays bounded whatever the file's size), each block
//! is cut into chunks parsed in parallel ([`super::parse`]), and the chunks
//! are merged in file order, so that the result, the line numbers and the
//! order of the problems are those of a read from start to end.
//!
//! Points are appended to one arena; as long as each series' rows come
//! together (data sorted by series, the usual case) its points stay
//! contiguous and nothing moves. Otherwise each point's series is noted and
//! the arena is regrouped once at the end. Duplicates are checked once all
//! files are read, so several files act as one table.

use std::collections::HashSet;
use std::io::Read;

use hashbrown::HashTable;
use rayon::prelude::*;

use super::parse::{self, Chunk, Columns, MAX_ERRORS_PER_FILE, MAX_RECORD, Problem, Shared};
use super::split::{Record, Splitter, chunk_bounds, complete_prefix, lines};
use super::{Actuals, Packed, SeriesKey, Slot, pack};
use crate::diag::{Diagnostic, Diagnostics, InputError, Location};
use crate::plan::Plan;
use problems::{Clash, MAX_SAME_END_WARNINGS, conflict, same_end_warning};

mod header;
mod problems;

/// Bytes read at a time.
const BLOCK: usize = 8 << 20;
/// The smallest block read from a file of known size.
const MIN_BLOCK: usize = 1 << 20;
/// The smallest chunk worth a task of its own.
const MIN_CHUNK: usize = 256 << 10;

/// Told how many bytes were read so far (for a progress bar).
pub type Progress<'p> = Box<dyn FnMut(u64) + Send + 'p>;

/// Reads one or more CSV files into [`Actuals`] for a plan.
pub struct ActualsReader<'p> {
    plan: &'p Plan,
    out: Actuals,
    diags: Diagnostics,
    /// Series by key: indices into `out.slots`.
    table: HashTable<u32>,
    /// The series of every point, once some series' points are apart.
    owner: Option<Vec<u32>>,
    /// Ordinal of line 0 of the next file.
    next_base: u64,
    progress: Option<Progress<'p>>,
    /// Bytes read at a time.
    block: usize,
    /// Cut blocks into chunks parsed in parallel.
    parallel: bool,
    /// The size of the next file, if known.
    size_hint: Option<u64>,
    /// Bytes at the start of a file that decide its encoding.
    sniff: usize,
}

/// Problems of one file so far.
#[derive(Default)]
struct Count {
    errors: usize,
    dropped: usize,
    /// A "not UTF-8" error was reported for this file.
    not_utf8: bool,
    /// A record too long was met: nothing after it is read.
    stopped: bool,
}

fn hash(k: &SeriesKey) -> u64 {
    // splitmix64's finaliser over the three ids.
    let mut h = (u64::from(k.indicator) << 32 | u64::from(k.region))
        ^ u64::from(k.breakdown).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    h = (h ^ (h >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    h = (h ^ (h >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    h ^ (h >> 31)
}

impl<'p> ActualsReader<'p> {
    pub fn new(plan: &'p Plan) -> ActualsReader<'p> {
        let mut out = Actuals::default();
        out.breakdowns.intern("");
        ActualsReader {
            plan,
            out,
            diags: Diagnostics::default(),
            table: HashTable::new(),
            owner: None,
            next_base: 0,
            progress: None,
            block: BLOCK,
            parallel: true,
            size_hint: None,
            sniff: crate::encoding::SNIFF,
        }
    }

    /// The next file's size in bytes: room for its series and points is
    /// then made once, from its first block, instead of growing by
    /// doubling (rehashing a million keys on the way).
    pub fn set_size_hint(&mut self, bytes: u64) {
        self.size_hint = Some(bytes);
    }

    /// Make room for a file of `size` bytes whose first block gave `chunks`.
    fn reserve(&mut self, chunks: &[Chunk], size: u64) {
        let bytes: usize = chunks.iter().map(|c| c.consumed).sum();
        if bytes == 0 {
            return;
        }
        let scale = |n: usize| (n as u64).saturating_mul(size) / bytes as u64;
        let series = scale(chunks.iter().map(|c| c.series.len()).sum());
        let points = scale(chunks.iter().map(|c| c.rows.len()).sum());
        // Series of a chunk may repeat in the next: never more than points.
        let series = usize::try_from(series.min(points).min(u64::from(u32::MAX))).unwrap_or(0);
        let points = usize::try_from(points.min(u64::from(u32::MAX))).unwrap_or(0);
        let slots = &self.out.slots;
        self.table
            .reserve(series, |&j| hash(&slots[j as usize].key));
        self.out.slots.reserve(series);
        self.out.points.reserve(points);
    }

    /// A reader that parses each block in one piece, on one thread: the
    /// reference the parallel read is tested against.
    pub fn sequential(plan: &'p Plan) -> ActualsReader<'p> {
        ActualsReader {
            parallel: false,
            ..ActualsReader::new(plan)
        }
    }

    /// Read `bytes` at a time (tests use small blocks to cut records and
    /// quoted fields at block ends).
    pub fn with_block_size(mut self, bytes: usize) -> Self {
        self.block = bytes.max(1);
        self
    }

    /// Decide a file's encoding by its first `bytes` (tests and fuzzing:
    /// a small window lets a short input reach the not-UTF-8 error).
    pub fn with_sniff(mut self, bytes: usize) -> Self {
        self.sniff = bytes;
        self
    }

    /// Be told of the bytes read as reading goes.
    pub fn set_progress(&mut self, progress: Progress<'p>) {
        self.progress = Some(progress);
    }

    /// Read one CSV file; `path` is how it is named in messages. Its
    /// encoding is told by its first bytes ([`crate::encoding::Text::detect`]):
    /// UTF-8 is read as it is, another encoding decoded to UTF-8 as it is
    /// read, with a note.
    pub fn read(&mut self, mut input: impl Read, path: &str) {
        use crate::encoding::{Decode, Text};
        let mut head = Vec::new();
        if let Err(e) = input
            .by_ref()
            .take(self.sniff as u64)
            .read_to_end(&mut head)
        {
            self.diags
                .push(Diagnostic::error(format!("cannot read {path}: {e}")));
            self.out.files.push(path.to_string());
            self.out.file_bases.push(self.next_base);
            return;
        }
        match Text::detect(&head) {
            Text::Utf8 => self.read_utf8(std::io::Cursor::new(head).chain(input), path),
            enc => {
                self.diags.push(enc.note(path));
                let decoded = Decode::new(std::io::Cursor::new(head).chain(input), enc);
                self.read_utf8(decoded, path);
            }
        }
    }

    /// Read one CSV file of UTF-8 text.
    fn read_utf8(&mut self, mut input: impl Read, path: &str) {
        let file_base = self.next_base;
        self.out.files.push(path.to_string());
        self.out.file_bases.push(file_base);
        let mut buf: Vec<u8> = Vec::new();
        let mut size_hint = self.size_hint.take();
        // A smaller file in smaller blocks, so that parsing one block and
        // merging the one before overlap over more of the file.
        let mut want = match size_hint {
            Some(size) if self.parallel => {
                let per = size / (rayon::current_num_threads() as u64 * 4).max(1);
                (per.min(self.block as u64) as usize).max(MIN_BLOCK.min(self.block))
            }
            _ => self.block,
        };
        let (mut eof, mut line, mut total) = (false, 0u64, 0u64);
        let mut count = Count::default();
        let mut pending: Vec<Chunk> = Vec::new();
        let mut shared: Option<Shared> = None;
        // A read that failed part-way: the complete records before it are
        // read, the error told after their problems, and only if nothing
        // ended the read before it (a bad header, a row too long), which a
        // read in larger blocks may have gone past: the same problems in
        // the same order whatever the block size.
        let mut failed: Option<Diagnostic> = None;
        loop {
            if !eof && failed.is_none() && buf.len() < want {
                // Into the spare capacity, without zeroing it first.
                let room = (want - buf.len()) as u64;
                buf.reserve(want - buf.len());
                match input.by_ref().take(room).read_to_end(&mut buf) {
                    Ok(n) => eof = (n as u64) < room,
                    Err(e) => {
                        failed = Some(Diagnostic::error(format!("cannot read {path}: {e}")));
                    }
                }
            }
            let sh = match &shared {
                Some(sh) => sh,
                None => {
                    let mut sp = Splitter::new(&buf, eof);
                    let mut header = Record::default();
                    let found = sp.next_record(&mut header);
                    let long = if found {
                        sp.consumed() - header.start > MAX_RECORD
                    } else {
                        !eof && buf.len() >= MAX_RECORD
                    };
                    if long {
                        let (Problem::Diag(d) | Problem::NotUtf8(d)) =
                            parse::too_long(path, sp.newlines() as usize + 1);
                        self.diags.push(d);
                        failed = None;
                        break;
                    }
                    if !found {
                        if failed.is_some() {
                            break; // unreadable, not "empty": said once, below
                        }
                        if eof {
                            self.diags.push(Diagnostic::error(format!(
                                "{path} is empty: expected a header such as indicator,period,value"
                            )));
                            break;
                        }
                        want *= 2;
                        continue;
                    }
                    let cols = match self.columns(&header, path) {
                        Ok(c) => c,
                        Err(d) => {
                            self.diags.push(d);
                            failed = None;
                            break;
                        }
                    };
                    let width = header.len();
                    line = sp.newlines();
                    total += sp.consumed() as u64;
                    buf.drain(..sp.consumed());
                    shared.insert(Shared::new(self.plan, path, cols, width))
                }
            };
            // Parse this block while the previous one is merged: the merge
            // is sequential, and so overlaps the parallel parse.
            let parallel = self.parallel;
            let (chunks, ()) = rayon::join(
                || parse_block(sh, &buf, eof, parallel),
                || {
                    for ch in pending.drain(..) {
                        let newlines = ch.newlines;
                        self.merge(ch, sh, file_base + line, &mut count);
                        line += newlines;
                    }
                },
            );
            if count.stopped {
                failed = None;
                break;
            }
            let consumed: usize = chunks.iter().map(|c| c.consumed).sum();
            if let Some(size) = size_hint.take() {
                self.reserve(&chunks, size);
            }
            pending = chunks;
            buf.drain(..consumed);
            total += consumed as u64;
            if let Some(p) = &mut self.progress {
                p(total);
            }
            if eof {
                break;
            }
            if consumed == 0 && buf.len() >= MAX_RECORD {
                // The record the buffer starts with goes on past the limit:
                // what the parse says of one that ends within a block.
                let ch = Chunk {
                    // Lines of a chunk count from 1; the merge adds `line`.
                    problems: vec![parse::too_long(path, 1)],
                    last: true,
                    ..Chunk::default()
                };
                self.merge(ch, sh, file_base + line, &mut count);
                pending.clear();
                failed = None;
                break;
            }
            if consumed == 0 {
                if failed.is_some() {
                    break; // what is left is a record the failure cut
                }
                want *= 2; // one record longer than the buffer
            }
        }
        if let Some(sh) = &shared {
            for ch in pending.drain(..) {
                let newlines = ch.newlines;
                self.merge(ch, sh, file_base + line, &mut count);
                line += newlines;
            }
        }
        self.diags.0.extend(failed);
        if count.dropped > 0 {
            self.diags.push(Diagnostic::error(format!(
                "{path}: {} more problem(s) not shown",
                count.dropped
            )));
        }
        self.next_base = file_base + line + 2;
    }

    /// Add a chunk whose line 0 is ordinal `base` (file base + line).
    fn merge(&mut self, ch: Chunk, sh: &Shared, base: u64, count: &mut Count) {
        if count.stopped {
            return; // after a record too long: not read
        }
        count.stopped = ch.last;
        let line0 = base - self.out.file_bases.last().copied().unwrap_or(0);
        for p in ch.problems {
            if matches!(p, Problem::NotUtf8(_)) {
                // Once a file: each chunk reports its first bad bytes, and
                // only the first counts (the count must not depend on how
                // many chunks the file was cut into).
                if count.not_utf8 {
                    continue;
                }
                count.not_utf8 = true;
            }
            count.errors += 1;
            if count.errors > MAX_ERRORS_PER_FILE {
                count.dropped += 1;
                continue;
            }
            let (Problem::NotUtf8(mut d) | Problem::Diag(mut d)) = p;
            if let Some(l) = &mut d.location {
                l.line += line0 as usize;
            }
            self.diags.push(d);
        }
        count.errors += ch.more_problems;
        count.dropped += ch.more_problems;
        if ch.rows.is_empty() {
            return;
        }
        // Ordinals are 32-bit: past 4 billion lines over all files, stop.
        if u32::try_from(base + 1 + ch.newlines).is_err() {
            self.diags.push(Diagnostic::error(format!(
                "{}: too many lines in the actuals files (more than {})",
                sh.path,
                u32::MAX
            )));
            return;
        }
        let regions: Vec<u32> = ch
            .regions
            .iter()
            .map(|r| self.out.regions.intern(r))
            .collect();
        let breakdowns: Vec<u32> = (ch.breakdowns.iter())
            .map(|b| self.out.breakdowns.intern(b))
            .collect();
        let ids: Vec<u32> = (ch.series.iter())
            .map(|&(i, r, b)| {
                self.slot(SeriesKey {
                    indicator: i,
                    region: regions[r as usize],
                    breakdown: breakdowns[b as usize],
                })
            })
            .collect();
        let offset = self.out.overflow.len();
        self.out.overflow.extend(ch.overflow);
        self.out.points.reserve(ch.rows.len());
        for r in &ch.rows {
            let p = Packed {
                period: r.period,
                value: pack::shift_overflow(r.value, offset),
                ordinal: (base + 1 + u64::from(r.line)) as u32,
            };
            self.append(ids[r.series as usize], p);
        }
        for (line, source, note) in ch.texts {
            let ordinal = (base + 1 + u64::from(line)) as u32;
            let source = source.map(|s| self.out.texts.intern(&s));
            let note = note.map(|s| self.out.texts.intern(&s));
            self.out.notes.insert(ordinal, (source, note));
        }
    }

    /// The series of a key, made if new.
    fn slot(&mut self, key: SeriesKey) -> u32 {
        let slots = &mut self.out.slots;
        let h = hash(&key);
        if let Some(&i) = self.table.find(h, |&i| slots[i as usize].key == key) {
            return i;
        }
        let i = slots.len() as u32;
        slots.push(Slot {
            key,
            start: 0,
            len: 0,
        });
        self.table
            .insert_unique(h, i, |&j| hash(&slots[j as usize].key));
        i
    }

    fn append(&mut self, series: u32, p: Packed) {
        let n = self.out.points.len() as u32;
        let s = self.out.slots[series as usize];
        if self.owner.is_none() {
            if s.len == 0 {
                self.out.slots[series as usize].start = n;
            } else if s.start + s.len != n {
                self.scatter();
            }
        }
        if let Some(o) = &mut self.owner {
            o.push(series);
        }
        self.out.slots[series as usize].len += 1;
        self.out.points.push(p);
    }

    /// Some series' rows are apart: from now on note each point's series.
    fn scatter(&mut self) {
        let mut owner = vec![0u32; self.out.points.len()];
        for (i, s) in self.out.slots.iter().enumerate() {
            owner[s.start as usize..(s.start + s.len) as usize].fill(i as u32);
        }
        self.owner = Some(owner);
    }

    /// Group every series' points together, keeping their order.
    fn regroup(&mut self, owner: Vec<u32>) {
        let slots = &mut self.out.slots;
        let mut next = 0u32;
        for s in slots.iter_mut() {
            s.start = next;
            next += s.len;
        }
        let mut at: Vec<u32> = slots.iter().map(|s| s.start).collect();
        let old = std::mem::take(&mut self.out.points);
        let mut points = vec![
            Packed {
                period: 0,
                value: 0,
                ordinal: 0
            };
            old.len()
        ];
        for (p, &o) in old.iter().zip(&owner) {
            points[at[o as usize] as usize] = *p;
            at[o as usize] += 1;
        }
        self.out.points = points;
    }

    /// Sort every series by period, drop repeated equal values and report
    /// conflicting ones.
    pub fn finish(mut self) -> Result<(Actuals, Diagnostics), InputError> {
        if let Some(owner) = self.owner.take() {
            self.regroup(owner);
        }
        self.table = HashTable::new();
        let out = &mut self.out;
        let mut conflicts = Vec::new();
        let mut same_end = Vec::new();
        for si in 0..out.slots.len() {
            let s = out.slots[si];
            let range = s.start as usize..(s.start + s.len) as usize;
            let pts = &mut out.points[range];
            if !pts.is_sorted_by_key(|p| p.period) {
                pts.sort_unstable_by_key(|p| (p.period, p.ordinal));
            }
            let mut kept = 0;
            for r in 1..pts.len() {
                let (prev, p) = (pts[kept], pts[r]);
                if prev.period != p.period {
                    // Codes hold the end date above the unit's two bits.
                    if prev.period >> 2 == p.period >> 2 {
                        same_end.push((s.key, prev, p));
                    }
                    kept += 1;
                    pts[kept] = p;
                    continue;
                }
                let (a, b) = (
                    pack::value_of(prev.value, &out.overflow),
                    pack::value_of(p.value, &out.overflow),
                );
                if a != b {
                    conflicts.push((s.key, prev, p));
                }
            }
            out.slots[si].len = if pts.is_empty() { 0 } else { kept as u32 + 1 };
        }
        let plan = self.plan;
        let clash = |(key, prev, p)| Clash {
            plan,
            out,
            key,
            prev,
            p,
        };
        let same_end = same_end.into_iter().take(MAX_SAME_END_WARNINGS);
        let found = (conflicts.into_iter().map(clash).map(conflict))
            .chain(same_end.map(clash).map(same_end_warning));
        for d in found {
            self.diags.push(d);
        }
        let regions = out.regions.sort();
        let breakdowns = out.breakdowns.sort();
        for s in &mut out.slots {
            s.key.region = regions[s.key.region as usize];
            s.key.breakdown = breakdowns[s.key.breakdown as usize];
        }
        out.slots.sort_unstable_by_key(|s| s.key);
        if self.diags.has_errors() {
            return Err(InputError(self.diags));
        }
        Ok((self.out, self.diags))
    }
}

/// Parse the complete records of a block, in parallel where it is safe.
fn parse_block(sh: &Shared, buf: &[u8], eof: bool, parallel: bool) -> Vec<Chunk> {
    if !parallel || memchr::memchr(b'"', buf).is_some() {
        // A newline may sit inside quotes: read in one piece.
        return vec![parse::parse(sh, buf, eof)];
    }
    let end = if eof { buf.len() } else { complete_prefix(buf) };
    let body = &buf[..end];
    let n = (rayon::current_num_threads() * 4).min(body.len() / MIN_CHUNK + 1);
    if n <= 1 {
        return vec![parse::parse(sh, body, true)];
    }
    let bounds = chunk_bounds(body, n);
    bounds
        .par_windows(2)
        .map(|w| parse::parse(sh, &body[w[0]..w[1]], true))
        .collect()
}
