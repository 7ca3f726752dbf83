//! Numbers and phrases as written: the scanner's lowest level.
//!
//! Every function here takes byte offsets on `char` boundaries and returns
//! offsets on boundaries, so the parser above can slice without panicking.

use rust_decimal::Decimal;
use std::ops::Range;

/// The percent signs a number may carry as decoration.
pub(super) const PERCENT: [char; 3] = ['%', '％', '﹪'];

/// A number as scanned: where it is, whether it had an explicit sign, and its
/// value (None when the characters look like a number but are not one, e.g.
/// "9.5.3" or "1,23").
pub(super) struct NumTok {
    pub span: Range<usize>,
    pub signed: bool,
    pub value: Option<Decimal>,
}

/// Where `phrase` ends if it is written at byte `at` of `haystack`. Parts of
/// a phrase separated by one space match any non-empty whitespace; ASCII
/// letters match case-insensitively; a phrase ending in a letter must not be
/// followed by another letter.
pub(super) fn match_phrase(haystack: &str, at: usize, phrase: &str) -> Option<usize> {
    // Most phrases of a table fail on their first byte: say so before
    // splitting the phrase (every target of a plan goes through the tables).
    if let (Some(p), Some(h)) = (phrase.as_bytes().first(), haystack.as_bytes().get(at))
        && !p.eq_ignore_ascii_case(h)
    {
        return None;
    }
    let mut pos = at;
    for (i, part) in phrase.split(' ').enumerate() {
        if i > 0 {
            let rest = haystack.get(pos..)?;
            let skipped = rest.len() - rest.trim_start().len();
            if skipped == 0 {
                return None;
            }
            pos += skipped;
        }
        let candidate = haystack.get(pos..pos.checked_add(part.len())?)?;
        if !candidate.eq_ignore_ascii_case(part) {
            return None;
        }
        pos += part.len();
    }
    let ends_in_letter = phrase
        .chars()
        .last()
        .is_some_and(|c| c.is_ascii_alphabetic());
    let runs_on = haystack
        .get(pos..)?
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic());
    if ends_in_letter && runs_on {
        return None;
    }
    Some(pos)
}

/// Scan a number at byte `at`: an optional sign glued to digits, with `.`
/// and `,` taken only between digits (so "95." ends at "95", "90..95" at
/// "90"). None when there are no digits there. The token's value is None
/// when the characters do not form a valid number ("9.5.3", "1,23").
pub(super) fn scan_number(text: &str, at: usize) -> Option<NumTok> {
    let rest = text.get(at..)?;
    let mut chars = rest.char_indices().peekable();
    let mut ascii = String::new();
    let mut signed = false;
    if let Some(negative) = chars.peek().and_then(|&(_, c)| sign_of(c)) {
        signed = true;
        if negative {
            ascii.push('-');
        }
        chars.next();
    }
    let mut end = None;
    while let Some(&(i, c)) = chars.peek() {
        if let Some(d) = ascii_digit(c) {
            ascii.push(d);
            chars.next();
            end = Some(at + i + c.len_utf8());
            continue;
        }
        let mark = match c {
            ',' => ',',
            '.' | '．' => '.',
            _ => break,
        };
        if end.is_none() {
            break;
        }
        let mut ahead = chars.clone();
        ahead.next();
        if ahead.peek().is_none_or(|&(_, n)| ascii_digit(n).is_none()) {
            break;
        }
        ascii.push(mark);
        chars.next();
    }
    let end = end?;
    Some(NumTok {
        span: at..end,
        signed,
        value: decimal_from(&ascii),
    })
}

/// Validate the normalised number text ("-1,234.5") and make the exact Decimal.
fn decimal_from(ascii: &str) -> Option<Decimal> {
    let (negative, body) = match ascii.strip_prefix('-') {
        Some(body) => (true, body),
        None => (false, ascii),
    };
    let (int, frac) = match body.split_once('.') {
        Some((int, frac)) => (int, Some(frac)),
        None => (body, None),
    };
    if frac.is_some_and(|f| f.contains(['.', ','])) {
        return None;
    }
    if int.contains(',') {
        // Thousands separators only in groups of three: "1,234" yes, "1,23" and
        // "0,5" (a decimal comma elsewhere) no.
        let mut groups = int.split(',');
        let first = groups.next()?;
        if first.is_empty() || first.len() > 3 || first.starts_with('0') {
            return None;
        }
        if !groups.all(|g| g.len() == 3) {
            return None;
        }
    }
    let mut normal = String::with_capacity(ascii.len());
    if negative {
        normal.push('-');
    }
    normal.extend(int.chars().filter(|&c| c != ','));
    if let Some(frac) = frac {
        normal.push('.');
        normal.push_str(frac);
    }
    let mut value = Decimal::from_str_exact(&normal).ok()?;
    // "-0" is zero: keep it from printing as "-0".
    if value.is_zero() {
        value.set_sign_positive(true);
    }
    Some(value)
}

/// `Some(true)` for a minus sign, `Some(false)` for a plus sign.
pub(super) fn sign_of(c: char) -> Option<bool> {
    match c {
        '-' | '－' | '−' => Some(true),
        '+' | '＋' => Some(false),
        _ => None,
    }
}

/// ASCII and full-width digits, as the ASCII digit.
pub(super) fn ascii_digit(c: char) -> Option<char> {
    match c {
        '0'..='9' => Some(c),
        '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32),
        _ => None,
    }
}
