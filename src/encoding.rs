//! Text encodings of the files people give `track` (docs/plan-format.md#encodings,
//! docs/plan-format.md#encodings).
//!
//! Plans and the manifest are TOML, which is UTF-8: a UTF-8 byte order mark
//! is dropped, a file with a UTF-16 byte order mark (Notepad's "Unicode")
//! is decoded with a note, and any other bytes that are not UTF-8 are an
//! error naming the file, line and column of the first of them.
//!
//! CSV files (actuals, imports) are UTF-8 (a byte order mark is accepted);
//! a file whose first MiB is not UTF-8 is read as GB18030 (what Excel on
//! Chinese Windows saves as "CSV"), one with a UTF-16 byte order mark as
//! UTF-16, each with a note naming the encoding. Other encodings are
//! decoded to UTF-8 up front ([`Decode`]), so the UTF-8 reader stays the
//! only reader and keeps its speed.
//!
//! Invariants: nothing here touches the file system; a decoded text is
//! exactly the file's characters (no replacement character is ever made
//! up: bytes that are not text of the encoding are an error, with the
//! line); the encoding is decided by the first [`SNIFF`] bytes alone, so
//! it does not depend on how the file is read.

use std::borrow::Cow;
use std::io::{self, Read};

use encoding_rs::{DecoderResult, Encoding, GB18030, UTF_16BE, UTF_16LE};

use crate::diag::{Diagnostic, Location};

/// The encodings a CSV file is read in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Text {
    Utf8,
    Gb18030,
    Utf16Le,
    Utf16Be,
}

/// How many bytes at the start of a file decide its encoding.
pub const SNIFF: usize = 1 << 20;

impl Text {
    pub fn name(self) -> &'static str {
        match self {
            Text::Utf8 => "UTF-8",
            Text::Gb18030 => "GB18030",
            Text::Utf16Le => "UTF-16LE",
            Text::Utf16Be => "UTF-16BE",
        }
    }

    fn encoding(self) -> &'static Encoding {
        match self {
            Text::Utf8 => encoding_rs::UTF_8,
            Text::Gb18030 => GB18030,
            Text::Utf16Le => UTF_16LE,
            Text::Utf16Be => UTF_16BE,
        }
    }

    /// The encoding of a CSV file starting with `head` (its first
    /// [`SNIFF`] bytes, or all of a shorter file).
    pub fn detect(head: &[u8]) -> Text {
        match bom(head) {
            Some((e, _)) if e == UTF_16LE => Text::Utf16Le,
            Some((e, _)) if e == UTF_16BE => Text::Utf16Be,
            Some(_) => Text::Utf8,
            // A character cut by the end of `head` is no sign of another
            // encoding; bytes that cannot be UTF-8 are.
            None => match std::str::from_utf8(head) {
                Err(e) if e.error_len().is_some() => Text::Gb18030,
                _ => Text::Utf8,
            },
        }
    }

    /// The note that says a file was read in this encoding.
    pub fn note(self, shown: &str) -> Diagnostic {
        Diagnostic::warning(format!(
            "{shown} is {} text, not UTF-8: read as {}",
            self.name(),
            self.name()
        ))
        .at(Location::file_line(shown, 1))
    }

    /// `text` in this encoding, without a byte order mark.
    pub fn encode(self, text: &str) -> Vec<u8> {
        match self {
            Text::Utf8 => text.as_bytes().to_vec(),
            Text::Gb18030 => GB18030.encode(text).0.into_owned(),
            Text::Utf16Le => text.encode_utf16().flat_map(u16::to_le_bytes).collect(),
            Text::Utf16Be => text.encode_utf16().flat_map(u16::to_be_bytes).collect(),
        }
    }
}

/// A CSV file's bytes as UTF-8 text, and the encoding they were in (see
/// [`Text::detect`]). `Err`: bytes that are not text of that encoding.
pub fn csv_text<'b>(bytes: &'b [u8], shown: &str) -> Result<(Cow<'b, str>, Text), Diagnostic> {
    let enc = Text::detect(&bytes[..bytes.len().min(SNIFF)]);
    if enc == Text::Utf8 {
        let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
        return match std::str::from_utf8(body) {
            Ok(t) => Ok((Cow::Borrowed(t), enc)),
            Err(e) => Err(not_text(shown, body, e.valid_up_to(), enc)),
        };
    }
    let mut out = String::new();
    let mut decoder = enc.encoding().new_decoder_with_bom_removal();
    out.reserve(
        decoder
            .max_utf8_buffer_length(bytes.len())
            .unwrap_or(bytes.len()),
    );
    let (result, read) = decoder.decode_to_string_without_replacement(bytes, &mut out, true);
    match result {
        DecoderResult::InputEmpty => Ok((Cow::Owned(out), enc)),
        DecoderResult::Malformed(..) | DecoderResult::OutputFull => {
            let line = out.matches('\n').count() + 1;
            Err(Diagnostic::error(format!(
                "{shown} is neither UTF-8 nor {} text (line {line}, byte {read})",
                enc.name()
            ))
            .at(Location::file_line(shown, line))
            .help("save it as UTF-8 (Excel: CSV UTF-8)"))
        }
    }
}

/// Bytes of a file read as `enc` that are not: an error at their line.
fn not_text(shown: &str, bytes: &[u8], at: usize, enc: Text) -> Diagnostic {
    Diagnostic::error(format!("{shown} is not {} text", enc.name()))
        .at(bad_byte(shown, bytes, at))
        .label(format!("not {}", enc.name()))
        .help("save it as UTF-8 (Excel: CSV UTF-8)")
}

/// A reader of text in another encoding, as UTF-8 (the byte order mark
/// dropped). Bytes that are not text of the encoding end it with an
/// error naming their line.
pub struct Decode<R> {
    inner: R,
    enc: Text,
    decoder: encoding_rs::Decoder,
    input: Vec<u8>,
    /// `input[start..]` is not decoded yet.
    start: usize,
    eof: bool,
    output: Vec<u8>,
    /// `output[taken..]` is not handed out yet.
    taken: usize,
    /// Line ends handed out or decoded so far.
    lines: u64,
    /// Bytes that are not text of the encoding were met: told once the
    /// text before them is handed out, then the end.
    failed: Option<String>,
    done: bool,
}

impl<R: Read> Decode<R> {
    pub fn new(inner: R, enc: Text) -> Decode<R> {
        Decode {
            inner,
            enc,
            decoder: enc.encoding().new_decoder_with_bom_removal(),
            input: Vec::new(),
            start: 0,
            eof: false,
            output: Vec::new(),
            taken: 0,
            lines: 0,
            failed: None,
            done: false,
        }
    }

    /// Decode more of the input into `output` (which is all taken).
    fn fill(&mut self) -> io::Result<()> {
        const CHUNK: usize = 64 << 10;
        if self.start == self.input.len() && !self.eof {
            self.input.resize(CHUNK, 0);
            let n = self.inner.read(&mut self.input)?;
            self.input.truncate(n);
            self.start = 0;
            self.eof = n == 0;
        }
        self.output.clear();
        self.taken = 0;
        self.output
            .resize(3 * (self.input.len() - self.start) + 16, 0);
        let (result, read, written) = self.decoder.decode_to_utf8_without_replacement(
            &self.input[self.start..],
            &mut self.output,
            self.eof,
        );
        self.start += read;
        self.output.truncate(written);
        self.lines += memchr::memchr_iter(b'\n', &self.output).count() as u64;
        if let DecoderResult::Malformed(..) = result {
            self.failed = Some(format!(
                "line {}: bytes that are not {} text (save the file as UTF-8)",
                self.lines + 1,
                self.enc.name()
            ));
        }
        Ok(())
    }
}

impl<R: Read> Read for Decode<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        while self.taken == self.output.len() {
            if let Some(e) = self.failed.take() {
                self.done = true;
                return Err(io::Error::new(io::ErrorKind::InvalidData, e));
            }
            if self.done || (self.eof && self.start == self.input.len()) {
                return Ok(0);
            }
            self.fill()?;
        }
        let n = buf.len().min(self.output.len() - self.taken);
        buf[..n].copy_from_slice(&self.output[self.taken..self.taken + n]);
        self.taken += n;
        Ok(n)
    }
}

/// The encoding a byte order mark at the start of `bytes` names, and its length.
pub fn bom(bytes: &[u8]) -> Option<(&'static Encoding, usize)> {
    Encoding::for_bom(bytes)
}

/// The text of a TOML file (a plan, the manifest) as UTF-8, and a note
/// when it was decoded from UTF-16. `Err`: the bytes are not text of a
/// known encoding, located at the first bad byte.
pub fn toml_text(bytes: Vec<u8>, shown: &str) -> Result<(String, Option<Diagnostic>), Diagnostic> {
    match bom(&bytes) {
        Some((enc, len)) if enc == UTF_16LE || enc == UTF_16BE => {
            let (text, had_errors) = enc.decode_without_bom_handling(&bytes[len..]);
            if had_errors {
                return Err(Diagnostic::error(format!(
                    "{shown} starts as UTF-16 text but is not UTF-16 throughout"
                ))
                .help("save it as UTF-8"));
            }
            let note = Diagnostic::warning(format!(
                "{shown} is UTF-16 text; read as such (TOML files are UTF-8: save it as UTF-8)"
            ));
            return Ok((text.into_owned(), Some(note)));
        }
        Some((_, len)) => return utf8(bytes[len..].to_vec(), shown).map(|t| (t, None)),
        None => {}
    }
    utf8(bytes, shown).map(|t| (t, None))
}

fn utf8(bytes: Vec<u8>, shown: &str) -> Result<String, Diagnostic> {
    String::from_utf8(bytes).map_err(|e| {
        let bytes = e.as_bytes();
        let at = e.utf8_error().valid_up_to();
        Diagnostic::error(format!("{shown} is not UTF-8 text"))
            .at(bad_byte(shown, bytes, at))
            .label("not UTF-8")
            .help("save it as UTF-8 (in Notepad: Save as, Encoding UTF-8)")
    })
}

/// The line of `bytes` holding the bad byte at `at`, with that byte marked.
pub fn bad_byte(shown: &str, bytes: &[u8], at: usize) -> Location {
    let start = memchr::memrchr(b'\n', &bytes[..at]).map_or(0, |i| i + 1);
    let end = memchr::memchr2(b'\n', b'\r', &bytes[at..]).map_or(bytes.len(), |i| at + i);
    let line = bytes[..start].iter().filter(|&&b| b == b'\n').count() + 1;
    let before = String::from_utf8_lossy(&bytes[start..at]);
    let col = before.len();
    let text = format!("{before}{}", String::from_utf8_lossy(&bytes[at..end]));
    Location::window(shown, line, &text, col..col + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_with_or_without_a_bom() {
        let (t, note) = toml_text(b"\xEF\xBB\xBF[plan]\n".to_vec(), "p.toml").unwrap();
        assert_eq!((t.as_str(), note), ("[plan]\n", None));
    }

    #[test]
    fn utf16_is_decoded_with_a_note() {
        // (encoding_rs writes no UTF-16, as the Encoding Standard says: by hand.)
        let mut le = vec![0xFF, 0xFE];
        for u in "[plan]\nname = \"规划\"\n".encode_utf16() {
            le.extend(u.to_le_bytes());
        }
        let (t, note) = toml_text(le, "p.toml").unwrap();
        assert_eq!(t, "[plan]\nname = \"规划\"\n");
        assert!(note.unwrap().message.contains("p.toml is UTF-16 text"));
    }

    const TABLE: &str = "indicator,period,value,note\nger,2021,91,全区——初值\nger,2022,92.5,\n";

    #[test]
    fn csv_encodings_are_detected_and_decoded() {
        let (gbk, _, _) = GB18030.encode(TABLE);
        let (t, enc) = csv_text(&gbk, "a.csv").unwrap();
        assert_eq!((t.as_ref(), enc), (TABLE, Text::Gb18030));
        let mut le = vec![0xFF, 0xFE];
        le.extend(Text::Utf16Le.encode(TABLE));
        let (t, enc) = csv_text(&le, "a.csv").unwrap();
        assert_eq!((t.as_ref(), enc), (TABLE, Text::Utf16Le));
        let mut be = vec![0xFE, 0xFF];
        be.extend(Text::Utf16Be.encode(TABLE));
        assert_eq!(csv_text(&be, "a.csv").unwrap().1, Text::Utf16Be);
        let bom = [b"\xEF\xBB\xBF", TABLE.as_bytes()].concat();
        let (t, enc) = csv_text(&bom, "a.csv").unwrap();
        assert!(matches!(t, Cow::Borrowed(_)));
        assert_eq!((t.as_ref(), enc), (TABLE, Text::Utf8));
        // A character cut at the end of what decides is still UTF-8.
        assert_eq!(Text::detect(&"全".as_bytes()[..2]), Text::Utf8);
    }

    #[test]
    fn bytes_of_no_encoding_are_an_error_with_the_line() {
        let mut bad = b"indicator,period\n".to_vec();
        bad.extend_from_slice(b"\x81\x30x\n"); // not GB18030 either
        let d = csv_text(&bad, "a.csv").unwrap_err();
        assert!(
            d.message.contains("neither UTF-8 nor GB18030 text (line 2"),
            "{}",
            d.message
        );
    }

    #[test]
    fn decoding_in_any_pieces_gives_the_same_text() {
        let mut big = String::new();
        for i in 0..20_000 {
            big.push_str(&format!("ger,{i},全区——{i}\n"));
        }
        let (gbk, _, _) = GB18030.encode(&big);
        for piece in [1, 7, 4096, 1 << 20] {
            let mut out = String::new();
            let src = Pieces(&gbk, piece);
            Decode::new(src, Text::Gb18030)
                .read_to_string(&mut out)
                .unwrap();
            assert!(out == big, "piece {piece}");
        }
        let mut bad = gbk.to_vec();
        bad.extend_from_slice(b"ger,1,\x81\x30x\n");
        let mut out = String::new();
        let e = Decode::new(&bad[..], Text::Gb18030)
            .read_to_string(&mut out)
            .unwrap_err();
        assert!(e.to_string().starts_with("line 20001: "), "{e}");
    }

    /// A reader that hands out at most `n` bytes a call.
    struct Pieces<'a>(&'a [u8], usize);

    impl Read for Pieces<'_> {
        fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
            let n = self.1.min(buf.len()).min(self.0.len());
            buf[..n].copy_from_slice(&self.0[..n]);
            self.0 = &self.0[n..];
            Ok(n)
        }
    }

    #[test]
    fn other_bytes_are_an_error_at_their_line_and_column() {
        let (gbk, _, _) = encoding_rs::GB18030.encode("[plan]\nname = \"规划\"\n");
        let d = toml_text(gbk.into_owned(), "p.toml").unwrap_err();
        assert_eq!(d.position().as_deref(), Some("p.toml:2:9"));
        assert!(d.render(false).contains("p.toml is not UTF-8 text"));
    }
}
