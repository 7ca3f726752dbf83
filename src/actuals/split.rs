//! Splitting CSV bytes into records, exactly as the `csv` crate reads
//! them (RFC 4180 quoting, `""` inside quotes, `\r`, `\n` and `\r\n` each
//! ending a record, empty lines skipped, a quote inside an unquoted field
//! taken literally), and cutting a buffer into chunks that start at record
//! boundaries so they can be parsed in parallel.
//!
//! Lines are counted as editors count them: `\n`, `\r\n` and a lone `\r`
//! (old Mac files, Excel's "CSV (Macintosh)") each end one. A `\r` that
//! ends a buffer the input goes on after is left unread, as a `\n` may
//! follow it.
//!
//! Invariant: parsing a buffer in one piece or as the chunks of
//! [`chunk_bounds`] yields the same records with the same line numbers.
//! Chunks are cut only just after a terminator (after both bytes of a
//! `\r\n`) in bytes that hold no `"` at all: there every terminator ends
//! a record. Bytes with a quote are never cut (they are read in one
//! piece), since a terminator may then sit inside a quoted field.

/// One record: its fields unescaped, and where each is in its bytes. A
/// record without quotes borrows its line from the buffer it was read
/// from (no copy); one with quotes holds its unescaped bytes.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Record<'a> {
    /// The unescaped bytes of a record with quotes.
    owned: Vec<u8>,
    /// The line of a record without quotes, when `borrowed` is set.
    line_bytes: &'a [u8],
    borrowed: bool,
    bounds: Vec<(u32, u32)>,
    /// Newlines before the record's first byte, counted from the start of
    /// the buffer (so its 1-based line is `base + line + 1`).
    pub line: u64,
    /// Offset of the record's first byte in the buffer: with the
    /// splitter's [`Splitter::consumed`] after it, its length as written.
    pub start: usize,
    /// The input ended inside a quoted field opened in this record: the
    /// rest of the file was swallowed by it.
    pub unterminated: bool,
}

impl<'a> Record<'a> {
    pub fn len(&self) -> usize {
        self.bounds.len()
    }

    fn bytes(&self) -> &[u8] {
        if self.borrowed {
            self.line_bytes
        } else {
            &self.owned
        }
    }

    pub fn get(&self, i: usize) -> Option<&[u8]> {
        let (start, end) = *self.bounds.get(i)?;
        self.bytes().get(start as usize..end as usize)
    }

    pub fn iter(&self) -> impl Iterator<Item = &[u8]> {
        (0..self.len()).filter_map(|i| self.get(i))
    }

    fn clear(&mut self) {
        self.owned.clear();
        self.bounds.clear();
        self.borrowed = false;
        self.unterminated = false;
    }

    /// The record is `line`, whose fields are already in `bounds`.
    fn borrow(&mut self, line: &'a [u8]) {
        self.line_bytes = line;
        self.borrowed = true;
    }

    /// End the field that started at `start`.
    fn end_field(&mut self, start: &mut usize) {
        self.bounds.push((*start as u32, self.owned.len() as u32));
        *start = self.owned.len();
    }
}

/// Reads records one by one out of a buffer.
pub struct Splitter<'a> {
    buf: &'a [u8],
    pos: usize,
    line: u64,
    /// The buffer ends the input: a last record without terminator counts.
    eof: bool,
    /// The buffer holds no quote: records are found eight bytes at a time.
    plain: bool,
}

impl<'a> Splitter<'a> {
    pub fn new(buf: &'a [u8], eof: bool) -> Splitter<'a> {
        Splitter {
            buf,
            pos: 0,
            line: 0,
            eof,
            plain: memchr::memchr(b'"', buf).is_none(),
        }
    }

    /// Bytes consumed so far: everything before the next record.
    pub fn consumed(&self) -> usize {
        self.pos
    }

    /// Line breaks consumed so far (see [`line_breaks`]).
    pub fn newlines(&self) -> u64 {
        self.line
    }

    /// The next record into `rec`; false at the end of the buffer, or (when
    /// not at the end of the input) before a record that is not complete.
    pub fn next_record(&mut self, rec: &mut Record<'a>) -> bool {
        if self.plain {
            return self.next_plain(rec);
        }
        let buf = self.buf;
        // Terminators where a record would start are empty lines.
        while self.pos < buf.len() && matches!(buf[self.pos], b'\n' | b'\r') {
            let Some(end) = self.terminator_end(self.pos) else {
                return false;
            };
            self.line += 1;
            self.pos = end;
        }
        if self.pos >= buf.len() {
            return false;
        }
        rec.clear();
        rec.line = self.line;
        rec.start = self.pos;
        let rest = &buf[self.pos..];
        // Common case, in one pass: a line without quotes. Fields are
        // bounds into the line, copied whole.
        let mut start = 0;
        let mut end = None;
        for (i, &b) in rest.iter().enumerate() {
            match b {
                b',' => {
                    rec.bounds.push((start as u32, i as u32));
                    start = i + 1;
                }
                b'\n' | b'\r' => {
                    end = Some(i);
                    break;
                }
                b'"' => {
                    rec.clear();
                    return self.quoted(rec);
                }
                _ => {}
            }
        }
        if end.is_none() && !self.eof {
            return false;
        }
        let len = end.unwrap_or(rest.len());
        let after = match end {
            Some(e) => match self.terminator_end(self.pos + e) {
                Some(after) => Some(after),
                None => return false,
            },
            None => None,
        };
        rec.bounds.push((start as u32, len as u32));
        rec.borrow(&rest[..len]);
        match after {
            Some(after) => {
                self.line += 1;
                self.pos = after;
            }
            None => self.pos += len,
        }
        true
    }

    /// Where the terminator at `i` (`\n`, `\r` or `\r\n`) ends; `None` for
    /// a `\r` that ends the buffer when the input goes on (a `\n` may follow).
    fn terminator_end(&self, i: usize) -> Option<usize> {
        match (self.buf[i], self.buf.get(i + 1)) {
            (b'\r', Some(b'\n')) => Some(i + 2),
            (b'\r', None) if !self.eof => None,
            _ => Some(i + 1),
        }
    }

    /// The next record of a buffer without quotes: the separators and
    /// terminators are found a word (eight bytes) at a time.
    fn next_plain(&mut self, rec: &mut Record<'a>) -> bool {
        let buf = self.buf;
        rec.clear();
        // The record and the field start here (absolute offsets).
        let (mut start, mut field) = (self.pos, self.pos);
        let mut i = self.pos;
        while i < buf.len() {
            let (mut marks, width) = match buf.get(i..i + 8) {
                Some(w) => (
                    special(u64::from_le_bytes(w.try_into().unwrap_or([0; 8]))),
                    8,
                ),
                None => {
                    // The tail, byte by byte, as the same bit mask.
                    let mut m = 0u64;
                    for (k, &b) in buf[i..].iter().enumerate() {
                        if matches!(b, b',' | b'\n' | b'\r') {
                            m |= 0x80 << (8 * k);
                        }
                    }
                    (m, buf.len() - i)
                }
            };
            while marks != 0 {
                let m = i + (marks.trailing_zeros() / 8) as usize;
                marks &= marks - 1;
                if m < start {
                    continue; // the `\n` of a `\r\n` already passed
                }
                if buf[m] == b',' {
                    rec.bounds
                        .push(((field - start) as u32, (m - start) as u32));
                    field = m + 1;
                    continue;
                }
                let Some(end) = self.terminator_end(m) else {
                    rec.clear();
                    return false;
                };
                if m == start {
                    // A terminator where a record would start: an empty line.
                    self.line += 1;
                    (start, field) = (end, end);
                    self.pos = end;
                    continue;
                }
                rec.bounds
                    .push(((field - start) as u32, (m - start) as u32));
                rec.borrow(&buf[start..m]);
                rec.line = self.line;
                rec.start = start;
                self.line += 1;
                self.pos = end;
                return true;
            }
            i += width;
        }
        if start >= buf.len() || !self.eof {
            rec.clear();
            return false; // nothing left, or a record the next buffer completes
        }
        rec.bounds
            .push(((field - start) as u32, (buf.len() - start) as u32));
        rec.borrow(&buf[start..]);
        rec.line = self.line;
        rec.start = start;
        self.pos = buf.len();
        true
    }

    /// The byte-by-byte state machine of csv-core, for records with quotes.
    fn quoted(&mut self, rec: &mut Record<'a>) -> bool {
        #[derive(Clone, Copy, PartialEq)]
        enum S {
            StartField,
            InField,
            InQuoted,
            /// A quote inside a quoted field: `""`, or the closing quote.
            AfterQuote,
        }
        let buf = self.buf;
        let (mut i, mut line, mut s) = (self.pos, self.line, S::StartField);
        let mut start = 0;
        while i < buf.len() {
            let b = buf[i];
            i += 1;
            s = match (s, b) {
                (S::InQuoted, b'"') => S::AfterQuote,
                (S::InQuoted, _) => {
                    // A line break inside a quoted field (`\r\n` once).
                    if b == b'\n' || (b == b'\r' && buf.get(i) != Some(&b'\n')) {
                        line += 1;
                    }
                    rec.owned.push(b);
                    S::InQuoted
                }
                (S::StartField, b'"') => S::InQuoted,
                (S::AfterQuote, b'"') => {
                    rec.owned.push(b);
                    S::InQuoted
                }
                (_, b',') => {
                    rec.end_field(&mut start);
                    S::StartField
                }
                (_, b'\n' | b'\r') => {
                    let Some(end) = self.terminator_end(i - 1) else {
                        return false;
                    };
                    rec.end_field(&mut start);
                    self.pos = end;
                    self.line = line + 1;
                    return true;
                }
                (_, _) => {
                    rec.owned.push(b);
                    S::InField
                }
            };
        }
        if !self.eof {
            return false; // the record goes on in the next buffer
        }
        rec.unterminated = s == S::InQuoted;
        rec.end_field(&mut start);
        self.pos = i;
        self.line = line;
        true
    }
}

/// The high bit of each byte of `w` that is `,`, `\n` or `\r` (exact: no
/// bit for any other byte).
#[inline]
fn special(w: u64) -> u64 {
    const LOW: u64 = 0x7f7f_7f7f_7f7f_7f7f;
    let zero = |v: u64| !(((v & LOW) + LOW) | v) & !LOW;
    let each = |b: u8| u64::from_ne_bytes([b; 8]);
    zero(w ^ each(b',')) | zero(w ^ each(b'\n')) | zero(w ^ each(b'\r'))
}

/// Where to cut `buf` (complete records only, no `"` in it) into about
/// `n` chunks: offsets just after a terminator, first 0 and last `buf.len()`.
pub fn chunk_bounds(buf: &[u8], n: usize) -> Vec<usize> {
    let mut bounds = vec![0];
    let step = buf.len() / n.max(1);
    for k in 1..n {
        let want = (k * step).max(*bounds.last().unwrap_or(&0));
        // Just after a terminator (both bytes of a `\r\n`).
        let cut = memchr::memchr2(b'\n', b'\r', &buf[want..]).map(|i| match buf[want + i..] {
            [b'\r', b'\n', ..] => want + i + 2,
            _ => want + i + 1,
        });
        match cut {
            Some(c) if c < buf.len() => bounds.push(c),
            _ => break,
        }
    }
    bounds.push(buf.len());
    bounds.dedup();
    bounds
}

/// The end of the last complete record in `buf` when it holds no quote:
/// just after its last terminator.
pub fn complete_prefix(buf: &[u8]) -> usize {
    // A `\r` that ends the buffer may be the first half of a `\r\n`.
    let end = buf.len() - usize::from(buf.last() == Some(&b'\r'));
    memchr::memrchr2(b'\n', b'\r', &buf[..end]).map_or(0, |i| i + 1)
}

/// Line breaks in `bytes`: each `\n`, and each `\r` not followed by one.
pub fn line_breaks(bytes: &[u8]) -> usize {
    memchr::memchr2_iter(b'\n', b'\r', bytes)
        .filter(|&i| bytes[i] == b'\n' || bytes.get(i + 1) != Some(&b'\n'))
        .count()
}

/// The lines of `text`, each without its terminator (`\n`, `\r\n` or `\r`).
pub fn lines(text: &str) -> impl Iterator<Item = &str> {
    let mut rest = Some(text);
    std::iter::from_fn(move || {
        let t = rest?;
        match t.find(['\n', '\r']) {
            Some(i) => {
                let skip = if t[i..].starts_with("\r\n") { 2 } else { 1 };
                rest = Some(&t[i + skip..]);
                Some(&t[..i])
            }
            None => {
                rest = None;
                (!t.is_empty()).then_some(t)
            }
        }
    })
}

#[cfg(test)]
mod tests;
