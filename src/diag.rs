//! Diagnostics about the user's input: what is wrong, where (file, line,
//! column and the source line), and how to fix it.
//!
//! Every loader collects all the problems it can find into a [`Diagnostics`]
//! list instead of stopping at the first, so a user fixes a file in one pass.
//! A [`Location`] carries its own copy of the lines it points into, so a
//! diagnostic can be rendered after the file is closed (CSV files are
//! streamed and never held whole). Rendering goes through annotate-snippets,
//! the way cargo shows TOML errors.

use std::fmt;
use std::ops::Range;

use annotate_snippets::{Level, Renderer, Snippet};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Warning,
    Error,
}

/// Where a problem is: a span inside a copy of the lines around it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    /// The file as the user named it (relative paths stay relative).
    pub path: String,
    /// 1-based number of the first line of `text`.
    pub line: usize,
    /// The source lines the span falls in, without the final newline.
    pub text: String,
    /// Byte range of the offending characters inside `text`.
    pub span: Range<usize>,
    /// Characters of a long line cut before `text` (less the `…` that
    /// stands for them): added to the column of a character of `text`.
    pub col_shift: usize,
}

/// A snippet's text is cut to a window around the problem when its line
/// is longer than this (bytes): a 1 MiB record must not print 1 MiB.
pub const MAX_SNIPPET: usize = 400;
/// Bytes shown on either side of the problem in a cut line.
const CONTEXT: usize = 120;
/// Bytes of the problem itself shown in a cut line.
const MAX_SPAN: usize = 160;

impl Location {
    /// Locate `span` (byte offsets into the whole `source`) and keep only
    /// the lines it touches.
    pub fn in_source(path: &str, source: &str, span: Range<usize>) -> Location {
        Location::located(path, source, span, |line_start| {
            memchr::memchr_iter(b'\n', &source.as_bytes()[..line_start]).count() + 1
        })
    }

    /// [`Location::in_source`] with the offsets at which the source's lines
    /// start (`0` first), for a caller that locates many problems in one
    /// large source: the line is then found by a binary search, not by
    /// counting the newlines before it each time.
    pub fn in_source_indexed(
        path: &str,
        source: &str,
        line_starts: &[usize],
        span: Range<usize>,
    ) -> Location {
        Location::located(path, source, span, |line_start| {
            line_starts.partition_point(|&s| s <= line_start).max(1)
        })
    }

    /// `span` in `source`, its line number told by `line_of(line start)`.
    fn located(
        path: &str,
        source: &str,
        span: Range<usize>,
        line_of: impl Fn(usize) -> usize,
    ) -> Location {
        let bytes = source.as_bytes();
        let start = floor_char_boundary(source, span.start.min(source.len()));
        let end = floor_char_boundary(source, span.end.clamp(start, source.len()));
        let line_start = memchr::memrchr(b'\n', &bytes[..start]).map_or(0, |i| i + 1);
        let line_end = memchr::memchr(b'\n', &bytes[end..]).map_or(source.len(), |i| end + i);
        let line = line_of(line_start);
        let text = source[line_start..line_end].trim_end_matches('\r');
        let span = (start - line_start).min(text.len())..(end - line_start).min(text.len());
        Location::window(path, line, text, span)
    }

    /// A location in one line whose text is known (a CSV record).
    pub fn in_line(path: &str, line: usize, text: String, span: Range<usize>) -> Location {
        if text.len() <= MAX_SNIPPET {
            return Location {
                path: path.to_string(),
                line,
                text,
                span,
                col_shift: 0,
            };
        }
        Location::window(path, line, &text, span)
    }

    /// Keep `text` whole when short; else only the line the span starts
    /// in, cut to the span (at most [`MAX_SPAN`] bytes of it) and
    /// [`CONTEXT`] bytes either side, with `…` where it was cut. Only that
    /// window is copied.
    pub fn window(path: &str, line: usize, text: &str, span: Range<usize>) -> Location {
        let start = floor_char_boundary(text, span.start.min(text.len()));
        let end = ceil_char_boundary(text, span.end.clamp(start, text.len()));
        if text.len() <= MAX_SNIPPET {
            return Location {
                path: path.to_string(),
                line,
                text: text.to_string(),
                span: start..end,
                col_shift: 0,
            };
        }
        let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
        let line_end = text[start..].find('\n').map_or(text.len(), |i| start + i);
        let line = line + text[..line_start].matches('\n').count();
        let end = ceil_char_boundary(text, end.min(line_end).min(start + MAX_SPAN));
        let from = floor_char_boundary(text, start.saturating_sub(CONTEXT).max(line_start));
        let to = ceil_char_boundary(text, (end + CONTEXT).min(line_end));
        let mut out = String::with_capacity(to - from + 6);
        let mut col_shift = 0;
        if from > line_start {
            out.push('…');
            col_shift = text[line_start..from].chars().count() - 1;
        }
        let offset = out.len();
        out.push_str(&text[from..to]);
        if to < line_end {
            out.push('…');
        }
        Location {
            path: path.to_string(),
            line,
            text: out,
            span: start - from + offset..end - from + offset,
            col_shift,
        }
    }

    /// A location that names only the file and line.
    pub fn file_line(path: &str, line: usize) -> Location {
        Location {
            path: path.to_string(),
            line,
            text: String::new(),
            span: 0..0,
            col_shift: 0,
        }
    }

    /// 1-based line and column (in characters) of the start of the span.
    pub fn line_col(&self) -> (usize, usize) {
        let before =
            &self.text[..floor_char_boundary(&self.text, self.span.start.min(self.text.len()))];
        let newlines = before.matches('\n').count();
        let line = self.line + newlines;
        let mut col = before.rsplit('\n').next().unwrap_or("").chars().count() + 1;
        if newlines == 0 {
            col += self.col_shift;
        }
        (line, col)
    }
}

/// `text` with every control, blank or invisible character other than
/// space and line end replaced by a visible one of the same length in
/// bytes (so spans still fit), and so is the blank space that starts the
/// line when the span starts inside it: the renderer measures a form feed
/// or a NUL as width 0 but counts it as blank, and subtracts the blank
/// start of a long line from the span's end, which then panics (found by
/// fuzzing).
fn printable(text: &str, span_start: usize) -> std::borrow::Cow<'_, str> {
    // A tab too: the renderer counts it as 4 columns of blank but measures
    // spans after it as if it were 1.
    let odd = |c: char| {
        !matches!(c, ' ' | '\n')
            && (c.is_control()
                || c.is_whitespace()
                || matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2069}' | '\u{FEFF}'))
    };
    let line_start = text[..span_start.min(text.len())]
        .rfind('\n')
        .map_or(0, |i| i + 1);
    let blank_end = text[line_start..]
        .find(|c: char| c == '\n' || !(c.is_whitespace() || odd(c)))
        .map_or(text.len(), |i| line_start + i);
    let in_blank = span_start < blank_end;
    if !in_blank && !text.chars().any(odd) {
        return std::borrow::Cow::Borrowed(text);
    }
    let out = (text.char_indices())
        .map(|(i, c)| {
            let lead = in_blank && (line_start..blank_end).contains(&i);
            match (odd(c) || lead, c.len_utf8()) {
                (false, _) => c,
                (true, 1) if lead => '.',
                (true, 1) => ' ',
                (true, 2) => '\u{B7}',
                (true, _) => '\u{FFFD}',
            }
        })
        .collect();
    std::borrow::Cow::Owned(out)
}

fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn ceil_char_boundary(s: &str, mut i: usize) -> usize {
    while i < s.len() && !s.is_char_boundary(i) {
        i += 1;
    }
    i
}

/// A CSV record as one line for a snippet (fields quoted as a CSV writer
/// would), and each field's byte span in it; an empty field still gets
/// one column to point at.
pub fn csv_snippet<S: AsRef<str>>(
    fields: impl IntoIterator<Item = S>,
    delimiter: char,
) -> (String, Vec<Range<usize>>) {
    let mut out = String::new();
    let mut spans = Vec::new();
    for (i, f) in fields.into_iter().enumerate() {
        let f = f.as_ref();
        if i > 0 {
            out.push(delimiter);
        }
        let start = out.len();
        if f.contains([delimiter, '"', '\n', '\r']) {
            out.push('"');
            out.push_str(&f.replace('"', "\"\""));
            out.push('"');
        } else {
            out.push_str(f);
        }
        spans.push(start..out.len().max(start + 1));
    }
    (out, spans)
}

/// One problem with the input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    pub message: String,
    pub location: Option<Box<Location>>,
    /// Short text under the caret.
    pub label: String,
    pub help: Option<String>,
}

impl Diagnostic {
    pub fn error(message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            severity: Severity::Error,
            message: message.into(),
            location: None,
            label: String::new(),
            help: None,
        }
    }

    pub fn warning(message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(message)
        }
    }

    pub fn at(mut self, location: Location) -> Diagnostic {
        self.location = Some(Box::new(location));
        self
    }

    pub fn label(mut self, label: impl Into<String>) -> Diagnostic {
        self.label = label.into();
        self
    }

    pub fn help(mut self, help: impl Into<String>) -> Diagnostic {
        self.help = Some(help.into());
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// `path:line:col`, for one-line forms (GitHub annotations, tests).
    pub fn position(&self) -> Option<String> {
        self.location.as_ref().map(|l| {
            let (line, col) = l.line_col();
            format!("{}:{line}:{col}", l.path)
        })
    }

    /// Render with annotate-snippets; `styled` adds ANSI colours.
    pub fn render(&self, styled: bool) -> String {
        let level = match self.severity {
            Severity::Error => Level::Error,
            Severity::Warning => Level::Warning,
        };
        let mut message = level.title(&self.message);
        let origin;
        let text;
        if let Some(loc) = &self.location {
            if loc.text.is_empty() {
                origin = format!("{}:{}", loc.path, loc.line);
                message = message.footer(Level::Note.title(&origin));
            } else {
                // Whole characters only: a span ending inside one would
                // make the renderer panic.
                let start = floor_char_boundary(&loc.text, loc.span.start.min(loc.text.len()));
                let mut end = loc.span.end.max(start).min(loc.text.len());
                while !loc.text.is_char_boundary(end) {
                    end += 1;
                }
                let span = start..end;
                text = printable(&loc.text, span.start);
                message = message.snippet(
                    Snippet::source(&text)
                        .line_start(loc.line)
                        .origin(&loc.path)
                        .fold(false)
                        .annotation(level.span(span).label(&self.label)),
                );
            }
        }
        if let Some(help) = &self.help {
            message = message.footer(Level::Help.title(help));
        }
        let renderer = if styled {
            Renderer::styled()
        } else {
            Renderer::plain()
        };
        let out = renderer.render(message).to_string();
        match &self.location {
            // The renderer counts the column in the cut text: name the real one.
            Some(loc) if loc.col_shift > 0 && !loc.text.is_empty() => {
                let (line, col) = loc.line_col();
                let cut = format!("{}:{line}:{}", loc.path, col - loc.col_shift);
                out.replacen(&cut, &format!("{}:{line}:{col}", loc.path), 1)
            }
            _ => out,
        }
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(false))
    }
}

/// A list of problems found while reading the input.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Diagnostics(pub Vec<Diagnostic>);

impl Diagnostics {
    pub fn push(&mut self, d: Diagnostic) {
        self.0.push(d);
    }

    pub fn extend(&mut self, other: Diagnostics) {
        self.0.extend(other.0);
    }

    pub fn has_errors(&self) -> bool {
        self.0.iter().any(Diagnostic::is_error)
    }

    pub fn error_count(&self) -> usize {
        self.0.iter().filter(|d| d.is_error()).count()
    }

    pub fn iter(&self) -> impl Iterator<Item = &Diagnostic> {
        self.0.iter()
    }

    /// In reading order: files in the order they were first named, then by
    /// line and column within a file (problems are found table by table,
    /// not top to bottom); problems without a place keep theirs, first.
    pub fn in_order(&self) -> Vec<&Diagnostic> {
        let mut files: Vec<&str> = Vec::new();
        for d in &self.0 {
            if let Some(l) = &d.location
                && !files.contains(&l.path.as_str())
            {
                files.push(&l.path);
            }
        }
        let mut out: Vec<&Diagnostic> = self.0.iter().collect();
        out.sort_by_key(|d| match &d.location {
            None => (0, 0, 0),
            Some(l) => {
                let file = files.iter().position(|f| *f == l.path).unwrap_or(0);
                let (line, col) = l.line_col();
                (file + 1, line, col)
            }
        });
        out
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Split off the warnings, leaving only the errors.
    pub fn take_warnings(&mut self) -> Vec<Diagnostic> {
        let (warnings, errors) = std::mem::take(&mut self.0)
            .into_iter()
            .partition(|d| !d.is_error());
        self.0 = errors;
        warnings
    }
}

/// The input is wrong: one or more errors, already located.
#[derive(Debug, Clone, thiserror::Error)]
#[error("{} problem(s) in the input", .0.error_count())]
pub struct InputError(pub Diagnostics);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_span_inside_a_character_is_widened_to_it() {
        let d = Diagnostic::error("bad byte").at(Location::in_line(
            "a.csv",
            2,
            "a,93,\u{fffd}x".into(),
            6..7,
        ));
        assert!(d.render(false).contains("2 | a,93,\u{fffd}x"));
    }

    #[test]
    fn a_long_line_is_cut_to_a_window_around_the_problem() {
        let line = format!("{},9x,{}", "a".repeat(1 << 20), "b".repeat(1 << 20));
        let at = (1 << 20) + 1;
        let d = Diagnostic::error("`9x` is not a number")
            .at(Location::in_line("a.csv", 7, line.clone(), at..at + 2))
            .label("expected a number");
        let loc = d.location.as_ref().unwrap();
        assert!(loc.text.len() < MAX_SNIPPET, "{}", loc.text.len());
        assert_eq!(&loc.text[loc.span.clone()], "9x");
        assert_eq!(loc.line_col(), (7, at + 1));
        let text = d.render(false);
        assert!(text.len() < 2 * MAX_SNIPPET, "{text}");
        assert!(text.contains(&format!("--> a.csv:7:{}", at + 1)), "{text}");
        assert!(loc.text.starts_with("…aaa") && loc.text.ends_with("bbb…"));
        assert_eq!(d.position().unwrap(), format!("a.csv:7:{}", at + 1));
    }

    #[test]
    fn a_long_span_shows_its_start() {
        // An 8 MB target string: the start of it, not all of it.
        let src = format!("[plan]\ntarget = \"{}\"\n", "é".repeat(4 << 20));
        let start = src.find('"').unwrap();
        let loc = Location::in_source("p.toml", &src, start..src.len() - 1);
        assert!(loc.text.len() < MAX_SNIPPET, "{}", loc.text.len());
        assert_eq!(loc.line_col(), (2, 10));
        let text = Diagnostic::error("bad target").at(loc).render(false);
        assert!(text.contains("--> p.toml:2:10"), "{text}");
        assert!(text.len() < 2 * MAX_SNIPPET, "{}", text.len());
    }

    #[test]
    fn problems_are_listed_in_reading_order() {
        let mut ds = Diagnostics::default();
        ds.push(Diagnostic::error("b:9").at(Location::file_line("b.csv", 9)));
        ds.push(Diagnostic::error("a:7").at(Location::file_line("a.toml", 7)));
        ds.push(Diagnostic::error("b:2").at(Location::file_line("b.csv", 2)));
        ds.push(Diagnostic::error("nowhere"));
        let order: Vec<&str> = ds.in_order().iter().map(|d| d.message.as_str()).collect();
        assert_eq!(order, ["nowhere", "b:2", "b:9", "a:7"]);
    }

    #[test]
    fn location_finds_line_and_char_column() {
        let src = "a = 1\n名称 = \"x\"\nc = 3\n";
        let start = src.find("\"x\"").unwrap();
        let loc = Location::in_source("p.toml", src, start..start + 3);
        assert_eq!(loc.line, 2);
        assert_eq!(loc.text, "名称 = \"x\"");
        assert_eq!(loc.line_col(), (2, 6));
    }

    #[test]
    fn control_and_invisible_characters_render_without_a_panic() {
        // A plan line the fuzzer made: form feeds, a word, NULs, past the
        // terminal's width.
        let line = format!("{}base{}line = 90.1", "\u{c}".repeat(70), "\0".repeat(120));
        let d = Diagnostic::error("unknown key").at(Location::in_line("p.toml", 2, line, 0..1));
        assert!(d.render(false).contains("p.toml:2:1"));
        for c in [
            '\u{85}', '\u{2028}', '\u{200D}', '\u{202E}', '\u{3000}', '\u{FEFF}',
        ] {
            let line = format!("{}x = 1{}", c.to_string().repeat(90), "y".repeat(200));
            let n = line.len();
            let d = Diagnostic::error("x").at(Location::in_line("p.toml", 1, line, n - 3..n));
            let _ = d.render(false);
        }
        // Found by fuzzing too: a long line that starts with tabs.
        let line = format!("{}U\0\0;{}", "\t".repeat(45), ";".repeat(200));
        let d = Diagnostic::error("x").at(Location::in_line("p.toml", 1, line, 45..46));
        let _ = d.render(false);
        assert_eq!(
            printable("a\u{c}b\u{85}c\u{2028}\t", 0),
            "a b\u{B7}c\u{FFFD} "
        );
        assert_eq!(printable("x\n \u{c} y", 2), "x\n...y");
        assert_eq!(printable("x\n   y", 5), "x\n   y");
    }

    #[test]
    fn indexed_sources_give_the_same_locations() {
        let src = "a = 1\r\n名称 = \"x\"\n\nc = 3";
        let starts: Vec<usize> = std::iter::once(0)
            .chain(src.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        for at in 0..=src.len() {
            let span = at..(at + 2).min(src.len());
            assert_eq!(
                Location::in_source_indexed("p.toml", src, &starts, span.clone()),
                Location::in_source("p.toml", src, span),
                "{at}"
            );
        }
    }

    #[test]
    fn rendering_names_file_line_and_column() {
        let src = "x = 1\ntarget = \"abc\"\n";
        let start = src.find("abc").unwrap();
        let d = Diagnostic::error("bad target")
            .at(Location::in_source("plan.toml", src, start..start + 3))
            .label("not a target");
        let text = d.render(false);
        assert!(text.contains("error: bad target"), "{text}");
        assert!(text.contains("--> plan.toml:2:11"), "{text}");
        assert!(text.contains("^^^ not a target"), "{text}");
        assert_eq!(d.position().unwrap(), "plan.toml:2:11");
    }
}
