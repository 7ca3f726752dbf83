//! `track report` as Word and Excel on the bundled data, read back by
//! readers that are not the writers: pandoc for the DOCX (skipped where it
//! is not installed, required under CI=true, which `.ci/run` installs it
//! for), calamine for the XLSX. Nothing binary is snapshotted: the tests
//! compare what the readers see with what `track status` prints.

use std::fs;
#[cfg(feature = "docx")]
use std::path::Path;
#[cfg(feature = "docx")]
use std::process::Command;

#[cfg(any(feature = "docx", feature = "xlsx"))]
use crate::bundled;
use crate::{output as track, root, stderr_of as stderr};

/// Write a report of the bundled data into a fresh directory.
fn report(name: &str, args: &[&str]) -> (tempfile::TempDir, Vec<u8>) {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join(name);
    let mut all = vec!["report", "-o", out.to_str().unwrap()];
    all.extend_from_slice(args);
    let o = track(&root(), &all);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let bytes = fs::read(&out).unwrap();
    (tmp, bytes)
}

/// The summary paragraphs `status --layout evaluation` prints, one a plan.
#[cfg(any(feature = "docx", feature = "xlsx"))]
fn summaries(args: &[&str]) -> Vec<String> {
    let mut all = vec!["status", "--layout", "evaluation"];
    all.extend_from_slice(args);
    let out = bundled(&all).stdout;
    let s: Vec<String> = (out.lines())
        .filter(|l| l.starts_with("纳入监测的") || l.starts_with("Of the "))
        .map(str::to_string)
        .collect();
    assert_eq!(s.len(), 3, "one summary a plan:\n{out}");
    s
}

/// How many series the bundled report has (one chart each).
#[cfg(any(feature = "docx", feature = "xlsx"))]
fn series() -> usize {
    let json: serde_json::Value =
        serde_json::from_str(&bundled(&["status", "--format", "json"]).stdout).unwrap();
    json["series"].as_array().unwrap().len()
}

// --- Word -----------------------------------------------------------------

/// The DOCX as pandoc reads it, as HTML; `None` where pandoc is missing.
#[cfg(feature = "docx")]
fn pandoc(docx: &Path) -> Option<String> {
    let o = match Command::new("pandoc")
        .args(["-f", "docx", "-t", "html", "--wrap=none"])
        .arg(docx)
        .output()
    {
        Ok(o) => o,
        Err(_) if std::env::var("CI").as_deref() == Ok("true") => {
            panic!("pandoc is missing; CI must install the Debian package `pandoc`")
        }
        Err(_) => {
            eprintln!("note: pandoc is not installed; Word read-back skipped");
            return None;
        }
    };
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    Some(String::from_utf8(o.stdout).unwrap())
}

/// The cells of each table row in pandoc's HTML, tags stripped.
#[cfg(feature = "docx")]
fn rows(html: &str) -> Vec<Vec<String>> {
    let strip = |s: &str| {
        let mut out = String::new();
        let mut tag = false;
        for c in s.chars() {
            match c {
                '<' => tag = true,
                '>' => tag = false,
                c if !tag => out.push(c),
                _ => {}
            }
        }
        out.replace("&amp;", "&").trim().to_string()
    };
    (html.split("<tr").skip(1))
        .map(|tr| {
            let tr = tr.split("</tr>").next().unwrap();
            (tr.split("<t").skip(1))
                .filter(|c| c.starts_with('d') || c.starts_with('h'))
                .map(|c| strip(&format!("<t{c}")))
                .collect()
        })
        .collect()
}

#[cfg(feature = "docx")]
#[test]
fn word_report_reads_back_in_pandoc() {
    let (tmp, bytes) = report("中期评估.docx", &[]);
    assert!(bytes.starts_with(b"PK"), "a ZIP package");
    // docx-rs stores its parts uncompressed: the table's page setup and
    // repeated header row are visible in the bytes.
    let raw = String::from_utf8_lossy(&bytes);
    assert_eq!(raw.matches("<w:tblHeader />").count(), 3, "one a table");
    assert_eq!(raw.matches(r#"w:orient="landscape""#).count(), 3);
    let Some(html) = pandoc(&tmp.path().join("中期评估.docx")) else {
        return;
    };
    for s in summaries(&[]) {
        assert!(html.contains(&s), "summary {s:?} in:\n{html}");
    }
    let rows = rows(&html);
    let header = rows.iter().find(|r| r.first().is_some_and(|c| c == "序号"));
    let header = header.expect("a header row");
    for word in [
        "类别",
        "指标（单位）",
        "属性",
        "2020年基期值",
        "2021年",
        "2025年目标值",
    ] {
        assert!(header.contains(&word.to_string()), "{word} in {header:?}");
    }
    for word in ["年均提高", "需年均提高", "序时进度", "完成进度", "进展情况"]
    {
        assert!(header.contains(&word.to_string()), "{word} in {header:?}");
    }
    let row = (rows.iter())
        .find(|r| r.iter().any(|c| c == "学前教育毛入园率（%）"))
        .expect("the row of 学前教育毛入园率");
    for cell in [
        "85.2%",
        "88.1%",
        "92.0%",
        "提高到90%以上",
        "+1.7个百分点",
        "80.0%",
    ] {
        assert!(row.contains(&cell.to_string()), "{cell} in {row:?}");
    }
    assert_eq!(row.last().unwrap(), "提前实现", "{row:?}");
    let sub = (rows.iter())
        .find(|r| r.iter().any(|c| c == "九年义务教育巩固率（%）"))
        .expect("the row of 九年义务教育巩固率");
    assert_eq!(sub.last().unwrap(), "已实现", "{sub:?}");
    for status in ["未实现", "无数据"] {
        assert!(rows.iter().any(|r| r.last().is_some_and(|c| c == status)));
    }
    assert!(
        html.contains("【未实现】适龄残疾儿童义务教育入学率"),
        "attention"
    );
    assert_eq!(html.matches("<img ").count(), series(), "a chart a series");
}

#[cfg(feature = "docx")]
#[test]
fn word_report_in_english() {
    let (tmp, _) = report("evaluation.docx", &["--lang", "en"]);
    let Some(html) = pandoc(&tmp.path().join("evaluation.docx")) else {
        return;
    };
    for s in summaries(&["--lang", "en"]) {
        assert!(html.contains(&s), "summary {s:?} in:\n{html}");
    }
    let rows = rows(&html);
    let header = rows.iter().find(|r| r.first().is_some_and(|c| c == "No."));
    let header = header.expect("a header row");
    assert!(header.contains(&"2020 baseline".to_string()), "{header:?}");
    assert_eq!(header.last().unwrap(), "Assessment");
    assert!(!html.contains("提前实现"), "no Chinese status word");
}

#[cfg(not(feature = "docx"))]
#[test]
fn word_needs_the_feature() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("r.docx");
    let o = track(&root(), &["report", "-o", out.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("this track was built without Word support (cargo feature `docx`)")
    );
    assert!(!out.exists());
}

#[test]
fn office_formats_write_to_standard_output() {
    let formats = [
        ("docx", cfg!(feature = "docx")),
        ("xlsx", cfg!(feature = "xlsx")),
    ];
    for format in formats.iter().filter(|f| f.1).map(|f| f.0) {
        let o = track(&root(), &["report", "-o", "-", "--format", format]);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        assert!(o.stdout.starts_with(b"PK"), "{format}: a ZIP package");
        let (_tmp, file) = report(&format!("r.{format}"), &[]);
        assert!(o.stdout == file, "{format}: the same bytes as the file");
    }
}

// --- Excel ----------------------------------------------------------------

#[cfg(feature = "xlsx")]
mod xlsx {
    use calamine::{Data, Reader, Xlsx, open_workbook_from_rs};
    use std::io::Cursor;

    use super::{report, summaries};

    type Book = Xlsx<Cursor<Vec<u8>>>;

    fn book(args: &[&str]) -> Book {
        let (_tmp, bytes) = report("主要指标.xlsx", args);
        open_workbook_from_rs(Cursor::new(bytes)).unwrap()
    }

    fn text(d: &Data) -> String {
        d.to_string()
    }

    #[test]
    fn evaluation_sheets_in_chinese_and_the_machine_table() {
        let mut wb = book(&[]);
        assert_eq!(
            wb.sheet_names(),
            [
                "全国“十四五”教育主要目标",
                "内蒙古自治区“十四五”教育事业发展规划",
                "锡林郭勒盟“十四五”教育事业发展规划",
                "data"
            ]
        );
        let sheet = wb.worksheet_range("全国“十四五”教育主要目标").unwrap();
        let rows: Vec<&[Data]> = sheet.rows().collect();
        assert_eq!(
            text(&rows[0][0]),
            "全国“十四五”教育主要目标完成情况（截至2025年）"
        );
        let header: Vec<String> = rows[1].iter().map(text).collect();
        assert_eq!(
            header,
            [
                "序号",
                "类别",
                "指标（单位）",
                "属性",
                "2020年基期值",
                "2021年",
                "2022年",
                "2023年",
                "2024年",
                "2025年",
                "2025年目标值",
                "年均提高",
                "需年均提高",
                "序时进度",
                "完成进度",
                "进展情况"
            ]
        );
        let row = (rows.iter())
            .find(|r| text(&r[2]) == "学前教育毛入园率（%）")
            .expect("the row of 学前教育毛入园率");
        assert_eq!(row[0], Data::String("1".into()));
        assert_eq!(row[1], Data::String("学前教育".into()));
        assert_eq!(row[4], Data::Float(85.2), "the baseline, a number");
        assert_eq!(row[8], Data::Float(92.0));
        assert_eq!(row[11], Data::Float(1.7), "pp a year, a number");
        assert_eq!(row[14], Data::Float(100.0), "completion in %");
        assert_eq!(row[15], Data::String("提前实现".into()));
        let statuses: Vec<String> = rows[2..].iter().map(|r| text(&r[15])).collect();
        for word in ["已实现", "未实现", "无数据"] {
            assert!(statuses.iter().any(|s| s == word), "{word} in {statuses:?}");
        }
        let summary = &summaries(&[])[0];
        assert!(
            rows.iter().any(|r| text(&r[0]) == *summary),
            "the summary below the table"
        );
        // 学前教育's two rows share one merged group cell.
        let merged = wb
            .worksheet_merge_cells("全国“十四五”教育主要目标")
            .unwrap();
        let merged = merged.unwrap();
        assert!(
            merged.iter().any(|d| d.start == (2, 1) && d.end == (3, 1)),
            "{merged:?}"
        );

        let data = wb.worksheet_range("data").unwrap();
        let header: Vec<String> = data.rows().next().unwrap().iter().map(text).collect();
        assert_eq!(header[..4], ["plan", "indicator", "name", "region"]);
        let status = header.iter().position(|h| h == "status").unwrap();
        let words: Vec<String> = data.rows().skip(1).map(|r| text(&r[status])).collect();
        assert_eq!(words[0], "achieved", "提前实现 is achieved (early)");
        assert!(words.iter().any(|w| w == "missed"), "{words:?}");
        assert!(words.iter().all(|w| w.is_ascii()), "{words:?}");
        assert_eq!(words.len(), super::series());
    }

    #[test]
    fn chosen_columns_keep_the_group_merged_where_it_lands() {
        let tmp = tempfile::tempdir().unwrap();
        let plan = super::root().join("data/china/plan.toml");
        let manifest = format!(
            "plans = [{:?}]\n[defaults]\nlang = \"zh\"\n[report]\ncolumns = [\"indicator\", \"periods\", \"group\", \"status\"]\nlabels = {{ status = \"评估结论\" }}\n",
            plan.to_str().unwrap()
        );
        std::fs::write(tmp.path().join("track.toml"), manifest).unwrap();
        let o = super::track(tmp.path(), &["report", "-o", "r.xlsx"]);
        assert_eq!(o.status.code(), Some(0), "{}", super::stderr(&o));
        let bytes = std::fs::read(tmp.path().join("r.xlsx")).unwrap();
        let mut wb: Book = open_workbook_from_rs(Cursor::new(bytes)).unwrap();
        let name = wb.sheet_names()[0].clone();
        let sheet = wb.worksheet_range(&name).unwrap();
        let header: Vec<String> = sheet.rows().nth(1).unwrap().iter().map(text).collect();
        assert_eq!(
            header,
            [
                "指标（单位）",
                "2021年",
                "2022年",
                "2023年",
                "2024年",
                "2025年",
                "类别",
                "评估结论"
            ]
        );
        let merged = wb.worksheet_merge_cells(&name).unwrap().unwrap();
        let down: Vec<_> = merged.iter().filter(|d| d.start.0 != d.end.0).collect();
        assert_eq!(down.len(), 1, "{merged:?}");
        assert_eq!((down[0].start, down[0].end), ((2, 6), (3, 6)));
    }

    #[test]
    fn evaluation_sheets_in_english() {
        let mut wb = book(&["--lang", "en"]);
        let first = wb.sheet_names()[0].clone();
        let sheet = wb.worksheet_range(&first).unwrap();
        let rows: Vec<&[Data]> = sheet.rows().collect();
        let header: Vec<String> = rows[1].iter().map(text).collect();
        assert_eq!(
            header[..5],
            ["No.", "Group", "Indicator (unit)", "Type", "2020 baseline"]
        );
        assert_eq!(header.last().unwrap(), "Assessment");
        assert!(
            rows[2..]
                .iter()
                .all(|r| r.iter().all(|c| !text(c).contains("实现"))),
            "no Chinese status word"
        );
    }
}
