//! CSV output: one row per series, the columns of [`super::record`].
//!
//! Rows are written straight into a byte buffer (no `String` per field),
//! so that batches of rows can be formatted in parallel and written in
//! order; quoting follows the `csv` crate's writer (a field is quoted when
//! it holds `,`, `"`, `\r` or `\n`), numbers print as their `Display` does.

use std::io::{self, Write as _};

use rust_decimal::Decimal;

use super::escape::{formula_like, neutralise};
use super::record::{COLUMNS, FieldRef, each_field};
use super::{Attachment, Document, Exported, Exporter, said};
use crate::engine::Assessment;
use crate::plan::Plan;

pub struct Csv;

impl Exporter for Csv {
    /// Rows are assessed and formatted a batch at a time, in parallel, and
    /// written in order.
    fn export(&self, mut doc: Document, out: &mut dyn io::Write) -> Exported {
        if doc.options.evaluation.is_some() {
            return evaluation(doc, out);
        }
        out.write_all(&header())?;
        let warnings = &mut doc.warnings;
        for s in &doc.plans {
            s.batches(
                |rows| {
                    let mut buf = Vec::with_capacity(rows.len() * 256);
                    write_rows(s.plan, &rows, &mut buf);
                    (buf, said(&rows))
                },
                |(buf, said)| {
                    said.iter().for_each(|w| warnings.say(w));
                    out.write_all(&buf)
                },
            )?;
        }
        out.flush()?;
        Ok(Vec::new())
    }
}

/// The evaluation table as CSV: one row per indicator of every plan, a
/// column per period of any plan.
fn evaluation(mut doc: Document, out: &mut dyn io::Write) -> anyhow::Result<Vec<Attachment>> {
    use super::record::evaluation::{columns, fields};
    use crate::view::evaluation;
    let view = doc.view();
    let periods = super::evaluation_periods(&view);
    let mut buf = Vec::new();
    for (i, c) in columns(&periods).iter().enumerate() {
        if i > 0 {
            buf.push(b',');
        }
        text(&mut buf, c);
    }
    buf.push(b'\n');
    for pv in &view.plans {
        let (order, numbers) = (
            evaluation::order(pv, view.lang),
            evaluation::numbers(pv, view.lang),
        );
        for (a, no) in order.into_iter().map(|i| &pv.rows[i]).zip(&numbers) {
            for (i, f) in fields(pv, a, no, &periods).into_iter().enumerate() {
                if i > 0 {
                    buf.push(b',');
                }
                field(&mut buf, &f);
            }
            buf.push(b'\n');
        }
    }
    out.write_all(&buf)?;
    out.flush()?;
    Ok(Vec::new())
}

/// One owned field, as [`write_rows`] writes it.
fn field(buf: &mut Vec<u8>, f: &super::record::Field) {
    use super::record::Field;
    match f {
        Field::Null => {}
        Field::Text(s) if formula_like(s) => text(buf, &neutralise(s)),
        Field::Text(s) => text(buf, s),
        Field::Decimal(d) => decimal(buf, *d),
        Field::Float(x) => float(buf, *x),
        Field::Int(i) => buf.extend_from_slice(itoa::Buffer::new().format(*i).as_bytes()),
    }
}

/// The header line.
pub fn header() -> Vec<u8> {
    let mut buf = Vec::new();
    for (i, c) in COLUMNS.iter().enumerate() {
        if i > 0 {
            buf.push(b',');
        }
        text(&mut buf, c);
    }
    buf.push(b'\n');
    buf
}

/// Append one line per row to `buf`.
pub fn write_rows(plan: &Plan, rows: &[Assessment], buf: &mut Vec<u8>) {
    for a in rows {
        let mut first = true;
        each_field(plan, a, |f| {
            if !first {
                buf.push(b',');
            }
            first = false;
            match f {
                FieldRef::Null => {}
                FieldRef::Text(s) if formula_like(s) => text(buf, &neutralise(s)),
                FieldRef::Text(s) => text(buf, s),
                FieldRef::Decimal(d) => decimal(buf, d),
                FieldRef::Float(x) => float(buf, x),
                FieldRef::Int(i) => buf.extend_from_slice(itoa::Buffer::new().format(i).as_bytes()),
            }
        });
        buf.push(b'\n');
    }
}

/// Text, quoted when needed.
fn text(buf: &mut Vec<u8>, s: &str) {
    let b = s.as_bytes();
    if !b.iter().any(|c| matches!(c, b',' | b'"' | b'\r' | b'\n')) {
        buf.extend_from_slice(b);
        return;
    }
    buf.push(b'"');
    for &c in b {
        if c == b'"' {
            buf.push(b'"');
        }
        buf.push(c);
    }
    buf.push(b'"');
}

/// A decimal as `Display` prints it: every digit of its scale, a leading
/// `0.` below one, `-` on any negative (zero too).
pub fn decimal(buf: &mut Vec<u8>, d: Decimal) {
    let mut itoa = itoa::Buffer::new();
    let m = d.mantissa().unsigned_abs();
    // Most mantissas fit 64 bits, whose formatting avoids 128-bit division.
    let digits = match u64::try_from(m) {
        Ok(m) => itoa.format(m).as_bytes(),
        Err(_) => itoa.format(m).as_bytes(),
    };
    if d.is_sign_negative() {
        buf.push(b'-');
    }
    let scale = d.scale() as usize;
    if scale == 0 {
        buf.extend_from_slice(digits);
    } else if digits.len() > scale {
        let (int, frac) = digits.split_at(digits.len() - scale);
        buf.extend_from_slice(int);
        buf.push(b'.');
        buf.extend_from_slice(frac);
    } else {
        buf.extend_from_slice(b"0.");
        buf.resize(buf.len() + scale - digits.len(), b'0');
        buf.extend_from_slice(digits);
    }
}

/// A float as `Display` prints it (the shortest digits that read back as
/// the same float, never an exponent), by `ryu` where its text is sure to
/// be the same, else by `Display`.
///
/// Both pick, among the shortest digits that read back, the ones closest
/// to the float; they differ only on a tie, which needs the float's exact
/// decimal value to have at most 18 significant digits. A float `m·2^e`
/// with `m` odd and `e ≤ −27` has at least as many as `5^27`, 19. Also
/// ryu writes `1.0` for `1`, and exponents for very large or small values.
pub fn float(buf: &mut Vec<u8>, x: f64) {
    if x.is_finite() && long_exact_decimal(x) {
        let mut r = ryu::Buffer::new();
        let s = r.format_finite(x).as_bytes();
        if !s.contains(&b'e') {
            buf.extend_from_slice(s.strip_suffix(b".0").unwrap_or(s));
            return;
        }
    }
    let _ = write!(buf, "{x}");
}

/// Whether a finite `x` is `m·2^e` with `m` odd and `e ≤ −27`.
fn long_exact_decimal(x: f64) -> bool {
    let bits = x.to_bits();
    let (biased, fraction) = ((bits >> 52) & 0x7ff, bits & ((1 << 52) - 1));
    let (m, e) = if biased == 0 {
        (fraction, -1074)
    } else {
        (fraction | 1 << 52, biased as i64 - 1075)
    };
    m != 0 && e + i64::from(m.trailing_zeros()) <= -27
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn decimals_print_as_display(lo in any::<u32>(), mid in any::<u32>(), hi in any::<u32>(),
                                     neg in any::<bool>(), scale in 0u32..=28) {
            let d = Decimal::from_parts(lo, mid, hi, neg, scale);
            let mut buf = Vec::new();
            decimal(&mut buf, d);
            prop_assert_eq!(String::from_utf8(buf).unwrap(), d.to_string());
        }
    }

    proptest! {
        #[test]
        fn floats_print_as_display(bits in any::<u64>()) {
            let x = f64::from_bits(bits);
            let mut buf = Vec::new();
            float(&mut buf, x);
            prop_assert_eq!(String::from_utf8(buf).unwrap(), x.to_string());
        }

        #[test]
        fn rates_print_as_display(x in -2.0f64..2.0) {
            let mut buf = Vec::new();
            float(&mut buf, x);
            prop_assert_eq!(String::from_utf8(buf).unwrap(), x.to_string());
        }

        #[test]
        fn ordinary_floats_print_as_display(x in -1e6f64..1e6) {
            let mut buf = Vec::new();
            float(&mut buf, x);
            prop_assert_eq!(String::from_utf8(buf).unwrap(), x.to_string());
        }
    }

    #[test]
    fn floats_at_the_edges_print_as_display() {
        for x in [
            0.0,
            -0.0,
            1.0,
            -1.0,
            0.1,
            1e15,
            1e16,
            1e17,
            1e21,
            1e-5,
            1e-6,
            1e-7,
            123456.789,
            f64::MAX,
            f64::MIN_POSITIVE,
            5e-324,
            f64::NAN,
            f64::INFINITY,
            f64::NEG_INFINITY,
            0.010624351786023167,
            -0.06470213835438399,
        ] {
            let mut buf = Vec::new();
            float(&mut buf, x);
            assert_eq!(String::from_utf8(buf).unwrap(), x.to_string(), "{x:?}");
        }
        // Growth rates take the fast path.
        assert!(long_exact_decimal(0.010624351786023167));
        assert!(!long_exact_decimal(0.5) && !long_exact_decimal(-1977300497826508.2));
    }

    #[test]
    fn quotes_as_the_csv_crate() {
        for s in [
            "plain",
            "a,b",
            "say \"hi\"",
            "two\nlines",
            "cr\r",
            "",
            "中文",
        ] {
            let mut ours = Vec::new();
            text(&mut ours, s);
            let mut w = ::csv::WriterBuilder::new().from_writer(Vec::new());
            w.write_record([s, "x"]).unwrap();
            let theirs = String::from_utf8(w.into_inner().unwrap()).unwrap();
            assert_eq!(format!("{},x\n", String::from_utf8(ours).unwrap()), theirs);
        }
    }
}
