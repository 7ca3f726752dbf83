//! Escaping text from plans and data for the markup it lands in — one
//! escaper per language, used by every exporter that writes it.
//!
//! Invariants: after [`markdown`], text cannot open a link, emphasis, code,
//! raw HTML or a table cell, and stays on one line; after [`xml`], text is
//! character data or an attribute value (either quote) in XML, SVG and
//! HTML, and holds no character XML 1.0 forbids; after [`neutralise`], a
//! spreadsheet shows a cell as the text it is, never runs it as a formula.

use std::borrow::Cow;

/// Escape text for Markdown. (`(`, `!` and `#` need no escape: without an
/// unescaped `[` no link or image can form, and the text never starts a
/// line.)
pub fn markdown(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '\\' | '`' | '*' | '_' | '[' | ']' | '|' | '~' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' | '\t' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// Escape text for XML content and attribute values (both quote kinds).
pub fn xml(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            // Characters XML 1.0 forbids: a standalone file must still parse.
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => out.push('\u{fffd}'),
            c => out.push(c),
        }
    }
    out
}

/// Whether a spreadsheet would take text for a formula.
pub fn formula_like(s: &str) -> bool {
    s.starts_with(['=', '+', '-', '@', '\t', '\r'])
}

/// Text that a spreadsheet would run as a formula gets a leading `'`.
pub fn neutralise(s: &str) -> Cow<'_, str> {
    if formula_like(s) {
        Cow::Owned(format!("'{s}"))
    } else {
        Cow::Borrowed(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_cannot_open_markup() {
        assert_eq!(
            markdown("<script>alert(1)</script>"),
            "&lt;script&gt;alert(1)&lt;/script&gt;"
        );
        assert_eq!(
            markdown("[x](javascript:1) | *b*"),
            "\\[x\\](javascript:1) \\| \\*b\\*"
        );
        assert_eq!(markdown("a\nb"), "a b");
    }

    #[test]
    fn xml_text_and_attributes() {
        assert_eq!(
            xml(r#"<a href="x">&'</a>"#),
            "&lt;a href=&quot;x&quot;&gt;&amp;&#39;&lt;/a&gt;"
        );
        assert_eq!(xml("bell\u{7}"), "bell\u{FFFD}");
    }

    #[test]
    fn formulas_are_neutralised() {
        assert_eq!(neutralise("=1+1"), "'=1+1");
        assert_eq!(neutralise("-5"), "'-5");
        assert_eq!(neutralise("学前"), "学前");
    }
}
