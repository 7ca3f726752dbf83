//! Tests of the actuals reader: columns, regions, breakdowns, duplicates,
//! every problem with its line and column, and the same result whether a
//! file is read in one piece or in parallel chunks.

use std::io::Read;

use proptest::prelude::*;
use rust_decimal::Decimal;

use super::*;
use crate::diag::InputError;
use crate::plan::{Plan, parse_plan};

fn plan() -> Plan {
    let src = r#"
[plan]
id = "p"
name = "P"
baseline = 2020
target = 2025
region = "xl"
[[region]]
id = "xl"
name = "锡林郭勒盟"
[[region]]
id = "im"
name = "内蒙古"
[[indicator]]
id = "ger"
name = "毛入园率"
unit = "%"
target = ">= 95"
"#;
    parse_plan(src, "plan.toml").unwrap().0
}

fn read(csv: &str) -> Result<Actuals, InputError> {
    let plan = plan();
    let mut r = ActualsReader::new(&plan);
    r.read(csv.as_bytes(), "a.csv");
    r.finish().map(|(a, _)| a)
}

#[test]
fn reads_any_column_order_bom_percent_and_regions() {
    let a = read(
        "\u{feff}Value,Year,INDICATOR,region,source\n94.4%,2021,ger,,seed\n93,2020,ger,im,x\n\n",
    )
    .unwrap();
    assert_eq!(a.series_count(), 2);
    // Series are in region-name order: im, then xl.
    let xl = a.series_at(1);
    assert_eq!(a.region_name(&xl.key), "xl");
    let p = xl.points().next().unwrap();
    assert_eq!(p.value, Decimal::new(944, 1));
    assert_eq!(p.period, Period::Year(2021));
    assert_eq!(a.texts.name(p.source.unwrap()), "seed");
    assert_eq!(p.origin, Origin { file: 0, line: 2 });
    assert_eq!(a.region_name(&a.series_at(0).key), "im");
}

#[test]
fn breakdown_columns_make_series_and_duplicates_are_checked() {
    let a = read(
        "indicator,period,value,sex\nger,2020,90,f\nger,2020,91,m\nger,2020,90.0,f\nger,2021,,m\n",
    )
    .unwrap();
    assert_eq!(a.series_count(), 2);
    assert_eq!(a.dims, vec!["sex".to_string()]);
    assert_eq!(a.breakdown_value(&a.series_at(0).key, "sex"), Some("f"));
    assert_eq!(a.series_at(0).len(), 1);
    let err = read("indicator,period,value\nger,2020,90\nger,2020,91\n").unwrap_err();
    let text = err.0.0[0].render(false);
    assert!(
        text.contains(
            "two different values for `ger` in xl in 2020: 90 (a.csv:2) and 91 (a.csv:3)"
        ),
        "{text}"
    );
}

#[test]
fn every_bad_row_is_reported_with_line_and_column() {
    let err = read("indicator,period,value\ngr,2020,90\nger,20x0,90\nger,2021,abc\n").unwrap_err();
    let all: Vec<String> = err.0.iter().map(|d| d.position().unwrap()).collect();
    assert_eq!(all, ["a.csv:2:1", "a.csv:3:5", "a.csv:4:10"]);
    assert_eq!(err.0.0[0].help.as_deref(), Some("did you mean `ger`?"));
    let err = read("indicator,value\n").unwrap_err();
    assert!(err.0.0[0].message.contains("has no column period"));
}

/// Every problem of reading `csv` in blocks of `block` bytes, rendered.
fn problems_in_blocks(csv: &[u8], block: usize, parallel: bool) -> Vec<String> {
    let plan = plan();
    let r = if parallel {
        ActualsReader::new(&plan)
    } else {
        ActualsReader::sequential(&plan)
    };
    let mut r = r.with_block_size(block);
    r.read(csv, "a.csv");
    match r.finish() {
        Ok(_) => Vec::new(),
        Err(InputError(d)) => d.iter().map(|d| d.render(false)).collect(),
    }
}

#[test]
fn a_row_longer_than_the_limit_stops_the_read_with_its_line() {
    let long = "x".repeat(parse::MAX_RECORD);
    let csv = format!("indicator,period,value\ngr,2020,1\nger,2021,{long}\nger,20x2,1\n");
    for (block, parallel) in [(8 << 20, true), (64 << 10, true), (4096, false)] {
        let all = problems_in_blocks(csv.as_bytes(), block, parallel);
        assert_eq!(all.len(), 2, "{block}: {all:?}");
        assert!(all[0].contains("unknown indicator `gr`"), "{}", all[0]);
        assert!(
            all[1].contains("a.csv: a row longer than 1 MiB") && all[1].contains("a.csv:3"),
            "{block}: {}",
            all[1]
        );
        // Nothing of the row is printed.
        assert!(all[1].len() < 1000);
    }
    // A row just under the limit is read (and its value refused as a value).
    let csv = format!(
        "indicator,period,value\nger,2021,{}\n",
        "9".repeat(parse::MAX_RECORD - 10)
    );
    let all = problems_in_blocks(csv.as_bytes(), 64 << 10, true);
    assert_eq!(all.len(), 1, "{all:?}");
    assert!(
        all[0].contains("more digits than track keeps"),
        "{}",
        all[0]
    );
}

#[test]
fn endless_input_without_a_line_end_stops_at_the_limit() {
    // What /dev/zero gives: NUL bytes and no line end, ever.
    let zeros = std::io::repeat(0).take(64 << 20);
    let plan = plan();
    let mut r = ActualsReader::new(&plan);
    r.read(zeros, "/dev/zero");
    let err = r.finish().unwrap_err();
    assert_eq!(err.0.0.len(), 1);
    assert!(
        err.0.0[0]
            .message
            .contains("/dev/zero: a row longer than 1 MiB"),
        "{}",
        err.0.0[0].message
    );
    // And after a header.
    let body = std::io::Cursor::new(b"indicator,period,value\n".to_vec())
        .chain(std::io::repeat(b'7').take(64 << 20));
    let mut r = ActualsReader::new(&plan);
    r.read(body, "a.csv");
    let err = r.finish().unwrap_err();
    assert_eq!(err.0.0.len(), 1, "{:?}", err.0.0);
    assert_eq!(err.0.0[0].position().as_deref(), Some("a.csv:2:1"));
}

#[test]
fn gb18030_and_utf16_files_are_read_with_a_note() {
    let text = "indicator,region,period,value,note\nger,im,2020,90,全区\nger,,2021,——,暂缺\nger,,2022,94.4%,快报\n";
    let (gbk, _, _) = encoding_rs::GB18030.encode(text);
    let mut le = vec![0xFF, 0xFE];
    le.extend(crate::encoding::Text::Utf16Le.encode(text));
    for (bytes, name) in [(gbk.into_owned(), "GB18030"), (le, "UTF-16LE")] {
        let plan = plan();
        for block in [1 << 20, 7] {
            let mut r = ActualsReader::sequential(&plan).with_block_size(block);
            r.read(&bytes[..], "a.csv");
            let (a, warnings) = r.finish().unwrap();
            assert_eq!(a.point_count(), 2, "{name}: the —— row is missing");
            let notes: Vec<&str> = warnings.iter().map(|d| d.message.as_str()).collect();
            assert_eq!(
                notes,
                [format!("a.csv is {name} text, not UTF-8: read as {name}")],
                "{name}"
            );
            let p = a.series_at(1).points().next().unwrap();
            assert_eq!(a.texts.name(p.note.unwrap()), "快报");
        }
    }
}

#[test]
fn dashes_and_slashes_are_missing_values() {
    let a = read(
        "indicator,period,value\nger,2020,——\nger,2021,—\nger,2022,-\nger,2023,/\nger,2024,91\n",
    )
    .unwrap();
    assert_eq!(a.point_count(), 1);
    // A dash with a number is a negative number, not missing; two hyphens are nothing.
    let err = read("indicator,period,value\nger,2020,--\n").unwrap_err();
    assert!(err.0.0[0].message.contains("`--` is not a number"));
}

/// Rows of every kind a reader meets, good and bad (as bytes: some are not
/// UTF-8), and the line end after each.
fn any_row() -> impl Strategy<Value = Vec<u8>> {
    let fixed: Vec<&'static [u8]> = vec![
        b"ger,20x0,90",
        b"ger,2021,abc",
        b"ger,2021",
        b"ger,2021,1,2",
        b"ger,2021,\"9\n1\"",
        b"ger,2021,\"9\r\n1\"",
        b"ger,2021,\"\"\"x\"",
        b"ger,2021,\xff",
        b"ger,\xce\xb1\xff,1",
        b"",
        b" ",
        "ger,2021,——".as_bytes(),
        "ger,2021,全".as_bytes(),
        b"ger,2022,\"unclosed",
        b"ger,,2021,1",
        b"ger,2021,1e99999",
    ];
    prop_oneof![
        3 => (2000u32..2030, 0u32..1000).prop_map(|(y, v)| format!("ger,{y},{v}").into_bytes()),
        1 => (2000u32..2030).prop_map(|y| format!("gr,{y},1").into_bytes()),
        1 => (2000u32..2030, 0u32..5).prop_map(|(y, v)| format!("ger,{y},{v}.5").into_bytes()),
        2 => proptest::sample::select(fixed).prop_map(<[u8]>::to_vec),
    ]
}

fn any_csv() -> impl Strategy<Value = Vec<u8>> {
    let eol = proptest::sample::select(vec![&b"\n"[..], b"\r\n", b"\r"]);
    let header = proptest::sample::select(vec![
        &b"indicator,period,value\n"[..],
        b"indicator,period,value\r\n",
        // Headers that end the read (after which no later problem counts).
        b"indicator,period,v\xe3lue\n",
        b"indicator,period,value,value\n",
    ]);
    (header, proptest::collection::vec((any_row(), eol), 0..160)).prop_map(|(header, rows)| {
        let mut csv = header.to_vec();
        for (row, eol) in rows {
            csv.extend(row);
            csv.extend(eol);
        }
        csv
    })
}

/// Everything a read gives: the table, or every problem in the order given.
fn read_with(
    csv: &[u8],
    block: usize,
    parallel: bool,
    sniff: usize,
) -> Result<Actuals, Vec<String>> {
    let plan = plan();
    let r = if parallel {
        ActualsReader::new(&plan)
    } else {
        ActualsReader::sequential(&plan)
    };
    let mut r = r.with_block_size(block).with_sniff(sniff);
    r.read(csv, "a.csv");
    r.finish()
        .map(|(a, _)| a)
        .map_err(|InputError(d)| d.iter().map(|d| d.render(false)).collect())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    /// The problems (which, how many and in what order) and the values are
    /// those of a read in one piece, whatever the block size.
    #[test]
    fn problems_do_not_depend_on_the_block_size(
        csv in any_csv(),
        blocks in proptest::collection::vec(1usize..600, 3),
    ) {
        // Decided on the header alone (UTF-8, bad bytes later are errors),
        // or on the whole input (bad bytes make it GB18030).
        for sniff in [8, 1 << 20] {
            let reference = read_with(&csv, 1 << 20, false, sniff);
            for &block in &blocks {
                for parallel in [false, true] {
                    let got = read_with(&csv, block, parallel, sniff);
                    prop_assert_eq!(&got, &reference, "block {} parallel {} sniff {}", block, parallel, sniff);
                }
            }
        }
    }
}
