//! Text encodings of the files people give `track` (docs/plan-format.md#encoding,
//! docs/outputs.md#encodings).
//!
//! Plans and the manifest are TOML, which is UTF-8: a UTF-8 byte order mark
//! is dropped, a file with a UTF-16 byte order mark (Notepad's "Unicode")
//! is decoded with a note, and any other bytes that are not UTF-8 are an
//! error naming the file, line and column of the first of them.
//!
//! Invariants: nothing here touches the file system; a decoded text is
//! exactly the file's characters (no replacement character is ever made
//! up for plan text).

use encoding_rs::{Encoding, UTF_16BE, UTF_16LE};

use crate::diag::{Diagnostic, Location};

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

    #[test]
    fn other_bytes_are_an_error_at_their_line_and_column() {
        let (gbk, _, _) = encoding_rs::GB18030.encode("[plan]\nname = \"规划\"\n");
        let d = toml_text(gbk.into_owned(), "p.toml").unwrap_err();
        assert_eq!(d.position().as_deref(), Some("p.toml:2:9"));
        assert!(d.render(false).contains("p.toml is not UTF-8 text"));
    }
}
