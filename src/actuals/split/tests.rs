//! The splitter against the `csv` crate (fields), against a count of
//! line breaks (lines), and whole against chunked.

use proptest::prelude::*;

use super::*;

/// A record's fields and line.
type Rec = (Vec<Vec<u8>>, u64);

/// Every record of `buf` read in one piece, and the bytes consumed.
fn records(buf: &[u8], eof: bool) -> (Vec<Rec>, usize) {
    let mut sp = Splitter::new(buf, eof);
    let mut rec = Record::default();
    let mut out = Vec::new();
    while sp.next_record(&mut rec) {
        out.push((rec.iter().map(<[u8]>::to_vec).collect(), rec.line));
    }
    (out, sp.consumed())
}

/// What the `csv` crate reads (flexible, no header).
fn csv_crate(buf: &[u8]) -> Vec<Vec<Vec<u8>>> {
    let mut r = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(buf);
    r.byte_records()
        .map(|r| r.unwrap().iter().map(<[u8]>::to_vec).collect())
        .collect()
}

fn csv_text() -> impl Strategy<Value = Vec<u8>> {
    // Few symbols, many of them special, so that quotes, separators and
    // terminators meet in every order.
    proptest::collection::vec(
        prop_oneof![
            Just(b'a'),
            Just(b'1'),
            Just(b','),
            Just(b'"'),
            Just(b'\n'),
            Just(b'\r'),
            Just(b' '),
        ],
        0..60,
    )
}

/// Text without quotes, long enough for the word-at-a-time scan.
fn plain_text() -> impl Strategy<Value = Vec<u8>> {
    proptest::collection::vec(
        prop_oneof![
            Just(b'a'),
            Just(b'1'),
            Just(b','),
            Just(b'\n'),
            Just(b'\r'),
            Just(b' '),
            Just(0xe4u8),
        ],
        0..200,
    )
}

proptest! {
    #[test]
    fn plain_fields_are_those_of_the_csv_crate(buf in plain_text(), cut in 0usize..200) {
        let (ours, consumed) = records(&buf, true);
        let fields: Vec<Vec<Vec<u8>>> = ours.iter().map(|(f, _)| f.clone()).collect();
        prop_assert_eq!(fields, csv_crate(&buf));
        prop_assert_eq!(consumed, buf.len());
        // Lines: 1 + the line breaks before each record's first byte.
        for (_, line) in &ours {
            prop_assert!(*line <= line_breaks(&buf) as u64);
        }
        // Cut anywhere, then read on: the same records.
        let cut = cut.min(buf.len());
        let (first, used) = records(&buf[..cut], false);
        let (rest, _) = records(&buf[used..], true);
        let newlines = line_breaks(&buf[..used]) as u64;
        let mut joined = first;
        joined.extend(rest.into_iter().map(|(f, l)| (f, l + newlines)));
        prop_assert_eq!(joined, ours);
    }

    #[test]
    fn fields_are_those_of_the_csv_crate(buf in csv_text()) {
        let (ours, consumed) = records(&buf, true);
        let fields: Vec<Vec<Vec<u8>>> = ours.iter().map(|(f, _)| f.clone()).collect();
        prop_assert_eq!(fields, csv_crate(&buf));
        prop_assert_eq!(consumed, buf.len());
    }

    #[test]
    fn a_record_starts_on_its_line(buf in csv_text()) {
        // The line of a record is 1 + the newlines before its first byte.
        let (ours, _) = records(&buf, true);
        let mut sp = Splitter::new(&buf, true);
        let mut rec = Record::default();
        let mut i = 0;
        let mut starts = Vec::new();
        while sp.next_record(&mut rec) {
            starts.push(rec.line);
            i += 1;
        }
        prop_assert_eq!(i, ours.len());
        prop_assert!(starts.windows(2).all(|w| w[0] <= w[1]));
        let total = line_breaks(&buf) as u64;
        prop_assert!(starts.last().is_none_or(|&l| l <= total));
    }

    #[test]
    fn a_buffer_cut_short_leaves_the_incomplete_record(buf in csv_text(), cut in 0usize..60) {
        // Reading a prefix (not at the end of input) and then the rest from
        // where it stopped gives the records of a read in one piece.
        let cut = cut.min(buf.len());
        let (first, consumed) = records(&buf[..cut], false);
        let (rest, _) = records(&buf[consumed..], true);
        let newlines = line_breaks(&buf[..consumed]) as u64;
        let mut joined = first;
        joined.extend(rest.into_iter().map(|(f, l)| (f, l + newlines)));
        prop_assert_eq!(joined, records(&buf, true).0);
    }

    #[test]
    fn chunks_read_as_one_piece(lines in proptest::collection::vec("[a-z0-9,]{0,12}", 0..40),
                                sep in prop_oneof![Just("\n"), Just("\r\n"), Just("\r")],
                                n in 1usize..8) {
        let text: String = lines.iter().map(|l| format!("{l}{sep}")).collect();
        let buf = text.as_bytes();
        let bounds = chunk_bounds(buf, n);
        prop_assert_eq!(bounds.first(), Some(&0));
        prop_assert_eq!(bounds.last(), Some(&buf.len()));
        let mut joined = Vec::new();
        let mut base = 0;
        for w in bounds.windows(2) {
            prop_assert!(w[0] == 0 || matches!(buf[w[0] - 1], b'\n' | b'\r'));
            let part = &buf[w[0]..w[1]];
            let (recs, _) = records(part, true);
            joined.extend(recs.into_iter().map(|(f, l)| (f, l + base)));
            base += line_breaks(part) as u64;
        }
        prop_assert_eq!(joined, records(buf, true).0);
    }
}

#[test]
fn quoted_fields_keep_commas_newlines_and_quotes() {
    let buf = b"a,\"b,c\",\"d\ne\"\r\n\"f\"\"g\",h\n\nlast";
    let (recs, _) = records(buf, true);
    assert_eq!(recs.len(), 3);
    assert_eq!(
        recs[0].0,
        vec![b"a".to_vec(), b"b,c".to_vec(), b"d\ne".to_vec()]
    );
    assert_eq!(recs[0].1, 0);
    assert_eq!(recs[1].0, vec![b"f\"g".to_vec(), b"h".to_vec()]);
    assert_eq!(recs[1].1, 2);
    assert_eq!(recs[2], (vec![b"last".to_vec()], 4));
}

#[test]
fn a_lone_carriage_return_ends_a_line() {
    let lines_of = |buf: &[u8]| -> Vec<u64> { records(buf, true).0.iter().map(|r| r.1).collect() };
    assert_eq!(lines_of(b"a\rb\rc"), [0, 1, 2]);
    assert_eq!(lines_of(b"a\r\nb\n\rc\r\r"), [0, 1, 3]);
    assert_eq!(lines_of(b"\"x\ry\"\rb"), [0, 2]);
    assert_eq!(lines_of(b"\"x\r\ny\"\r\nb"), [0, 2]);
    // A `\r` at the end of a buffer the input goes on after waits for the next.
    let (recs, consumed) = records(b"a\rb\r", false);
    assert_eq!((recs.len(), consumed), (1, 2));
    assert_eq!(complete_prefix(b"a\rb\r"), 2);
    assert_eq!(complete_prefix(b"a\rb\r\n"), 5);
    assert_eq!(line_breaks(b"a\rb\r\nc\n\r"), 4);
    assert_eq!(
        lines("a\rb\r\nc\n\rd").collect::<Vec<_>>(),
        ["a", "b", "c", "", "d"]
    );
}
