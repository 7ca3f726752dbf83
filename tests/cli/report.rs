//! `track report`: every format on the bundled data and on fixtures, the
//! escaping of hostile text, formula injection, atomic writes, and the
//! HTML report opened in a real browser (headless Chromium).

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::{Duration, Instant};

use crate::{output as track, root, stderr_of as stderr, stdout_of as stdout};

fn fixture(name: &str) -> PathBuf {
    root().join("tests/fixtures/report").join(name)
}

/// Write a report into a fresh temporary directory; the directory and the
/// report's path.
fn report(dir: &Path, name: &str, args: &[&str]) -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join(name);
    let mut all = vec!["report", "-o", out.to_str().unwrap()];
    all.extend_from_slice(args);
    let o = track(dir, &all);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stderr(&o).contains("wrote "), "{}", stderr(&o));
    (tmp, out)
}

/// Snapshots live in `tests/snapshots/` under stable names, whichever
/// test binary includes this module.
fn snapshot(name: &str, text: &str) {
    let mut s = insta::Settings::clone_current();
    s.set_snapshot_path("../snapshots");
    s.set_prepend_module_to_snapshot(false);
    s.bind(|| insta::assert_snapshot!(format!("cli__report__{name}"), text));
}

fn count(haystack: &str, needle: &str) -> usize {
    haystack.matches(needle).count()
}

/// The files in a directory, sorted.
fn entries(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

// --- formats on the bundled data -------------------------------------------

#[test]
fn json_and_csv_reports_are_the_status_output() {
    for format in ["json", "csv"] {
        let (_tmp, out) = report(&root(), &format!("report.{format}"), &[]);
        let written = fs::read_to_string(&out).unwrap();
        let status = track(&root(), &["status", "--format", format]);
        assert_eq!(
            written,
            stdout(&status),
            "report.{format} = status --format {format}"
        );
        snapshot(&format!("bundled_{format}"), &written);
    }
}

#[test]
fn markdown_report_links_its_charts() {
    let (tmp, out) = report(&root(), "report.md", &[]);
    let md = fs::read_to_string(&out).unwrap();
    snapshot("bundled_markdown", &md);
    let charts = tmp.path().join("report_charts");
    let files = entries(&charts);
    let rows = count(&md, "](report_charts/");
    assert_eq!(files.len(), rows, "one chart per series: {files:?}");
    for f in &files {
        assert!(
            md.contains(&format!("](report_charts/{f})")),
            "{f} is linked"
        );
        let svg = fs::read_to_string(charts.join(f)).unwrap();
        assert!(
            svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""),
            "{f}"
        );
        assert!(svg.ends_with("</svg>"), "{f}");
    }
    assert_eq!(
        entries(tmp.path()),
        ["report.md", "report_charts"],
        "no temporary files left"
    );
}

#[test]
fn markdown_in_english_names_percentage_points() {
    let (_tmp, out) = report(
        &root(),
        "r.md",
        &["--lang", "en", "--plan", "data/china/plan.toml"],
    );
    let md = fs::read_to_string(out).unwrap();
    assert!(
        md.contains("The preschool gross enrolment rate reached 92.0% in 2024, up 6.8 percentage points from 2020; the target (≥90%) is met, ahead of the 2025 deadline."),
        "{md}"
    );
}

// --- HTML --------------------------------------------------------------------

#[test]
fn html_report_of_the_fixture() {
    let small = fixture("small");
    let (_tmp, out) = report(&small, "report.html", &[]);
    let html = fs::read_to_string(&out).unwrap();
    snapshot("small_html", &html);
    let (_tmp, out) = report(&small, "report.html", &["--lang", "en"]);
    let en = fs::read_to_string(&out).unwrap();
    snapshot("small_html_en", &en);

    for page in [&html, &en] {
        // Self-contained: nothing is fetched from anywhere (the SVG
        // namespace is a name, not a fetch).
        let stripped = page.replace(r#"xmlns="http://www.w3.org/2000/svg""#, "");
        for external in [
            "<script", "<link", "<img", "<iframe", "src=", "url(", "@import", "http://", "https://",
        ] {
            assert!(!stripped.contains(external), "no {external} in the page");
        }
        assert!(
            page.contains(
                r#"<meta name="viewport" content="width=device-width, initial-scale=1">"#
            )
        );
        assert_eq!(count(page, "<svg"), 7, "one chart per indicator");
        assert_eq!(count(page, "<article class=\"card\""), 7);
        assert!(page.contains(r#"<table class="status">"#));
        assert!(
            page.contains(r#"<table class="matrix">"#),
            "three regions: a matrix"
        );
        assert!(page.contains("font-family=\"system-ui, -apple-system, 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'Noto Sans CJK SC', sans-serif\""));
    }
    assert!(html.contains("学前三年毛入园率2023年达到94.4%，较2020年提高1.4个百分点，完成进度70.0%，快于序时进度（60.0%），按目前趋势预计2025年可实现目标。"));
    assert!(en.contains("The three-year preschool gross enrolment rate reached 94.4% in 2023, up 1.4 percentage points from 2020; 70.0% of the planned change is done, ahead of the 60.0% of time elapsed; on this trend the target will be met in 2025."));
    // Flagged first, worst first.
    let flagged =
        &html[html.find("class=\"flagged\"").unwrap()..html.find("class=\"plan\"").unwrap()];
    let order: Vec<usize> = ["未实现", "不降反升", "明显滞后", "相对滞后"]
        .iter()
        .map(|w| flagged.find(w).unwrap())
        .collect();
    assert!(order.windows(2).all(|w| w[0] < w[1]), "{order:?}");
}

#[test]
fn hostile_text_stays_text_in_html_svg_and_markdown() {
    let plan = fixture("hostile").join("plan.toml");
    let plan = plan.to_str().unwrap();
    for lang in ["zh", "en"] {
        for name in ["r.html", "r.md"] {
            let (tmp, out) = report(&root(), name, &["--plan", plan, "--lang", lang]);
            let mut texts = vec![fs::read_to_string(&out).unwrap()];
            if name == "r.md" {
                let charts = tmp.path().join("r_charts");
                for f in entries(&charts) {
                    texts.push(fs::read_to_string(charts.join(f)).unwrap());
                }
            }
            // No tag can open; in HTML and SVG no quote can close an
            // attribute either (in Markdown text a quote is only a quote).
            for (i, t) in texts.iter().enumerate() {
                let markup = name == "r.html" || i > 0;
                for bad in [
                    "<script",
                    "<svg onload",
                    "<img",
                    "<i>",
                    "<u>",
                    "</table><",
                    "<a href=\"javascript",
                    "onmouseover=\"",
                    "onmouseover='",
                ] {
                    if markup || bad.starts_with('<') {
                        assert!(!t.contains(bad), "{name} ({lang}) contains {bad}");
                    }
                }
            }
            let page = &texts[0];
            if name == "r.html" {
                // The names are there, as text.
                assert!(page.contains("&#60;script&#62;alert(1)&#60;/script&#62;") || lang == "en");
                assert!(
                    page.contains("&lt;script&gt;alert(1)&lt;/script&gt;") || lang == "en",
                    "the chart's title"
                );
                assert!(page.contains("&#34; onmouseover=&#34;alert(1)") || lang == "zh");
                assert!(
                    page.contains("&quot; onmouseover=&quot;alert(1)") || lang == "zh",
                    "the chart's title"
                );
                assert!(
                    page.contains("=HYPERLINK(&#34;x&#34;)"),
                    "the source is shown"
                );
                assert_eq!(count(page, "<svg"), 3);
            } else {
                assert!(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;") || lang == "en");
            }
        }
    }
}

// --- formula injection -------------------------------------------------------

#[test]
fn csv_report_neutralises_formulas() {
    let plan = fixture("hostile").join("plan.toml");
    let (_tmp, out) = report(&root(), "r.csv", &["--plan", plan.to_str().unwrap()]);
    let text = fs::read_to_string(&out).unwrap();
    let mut r = csv::Reader::from_reader(text.as_bytes());
    let names: Vec<String> = r.records().map(|rec| rec.unwrap()[2].to_string()).collect();
    assert_eq!(
        names,
        [
            "<script>alert(1)</script>",
            "'=HYPERLINK(\"http://evil.example\",\"click\")",
            "'+1+1"
        ]
    );
    let mut r = csv::Reader::from_reader(text.as_bytes());
    for rec in r.records() {
        for cell in rec.unwrap().iter() {
            let number = cell.parse::<f64>().is_ok();
            assert!(
                number || !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
                "{cell}"
            );
        }
    }
}

#[cfg(feature = "xlsx")]
#[test]
fn xlsx_report_has_numbers_and_neutralised_text() {
    use calamine::{Data, Reader, Xlsx, open_workbook};
    let (_tmp, out) = report(&fixture("small"), "r.xlsx", &[]);
    let mut wb: Xlsx<_> = open_workbook(&out).unwrap();
    assert_eq!(wb.sheet_names(), ["某市教育发展规划", "data"]);
    let range = wb.worksheet_range("data").unwrap();
    let header: Vec<String> = range
        .rows()
        .next()
        .unwrap()
        .iter()
        .map(|c| c.to_string())
        .collect();
    assert_eq!(header[..4], ["plan", "indicator", "name", "region"]);
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    let first = range.rows().nth(1).unwrap();
    assert_eq!(first[col("value")], Data::Float(94.4));
    assert_eq!(first[col("period")], Data::Float(2023.0));
    assert_eq!(first[col("status")], Data::String("ahead".into()));
    assert_eq!(range.rows().count(), 8);

    let plan = fixture("hostile").join("plan.toml");
    let (_tmp, out) = report(&root(), "h.xlsx", &["--plan", plan.to_str().unwrap()]);
    let mut wb: Xlsx<_> = open_workbook(&out).unwrap();
    let sheets = wb.sheet_names();
    assert_eq!(
        sheets,
        ["<b>\"Plan\" & 'co'<_b>", "data"],
        "no / in a sheet name"
    );
    let range = wb.worksheet_range("data").unwrap();
    let names: Vec<String> = range.rows().skip(1).map(|r| r[2].to_string()).collect();
    assert_eq!(
        names,
        [
            "<script>alert(1)</script>",
            "'=HYPERLINK(\"http://evil.example\",\"click\")",
            "'+1+1"
        ]
    );
    // The evaluation table's names carry their units, neutralised too.
    let range = wb.worksheet_range(&sheets[0]).unwrap();
    let names: Vec<String> = range
        .rows()
        .skip(2)
        .take(3)
        .map(|r| r[2].to_string())
        .collect();
    assert_eq!(names[0], "<script>alert(1)</script>（%）");
    assert!(names[1].starts_with("'=HYPERLINK("), "{names:?}");
    assert!(names[2].starts_with("'+1+1"), "{names:?}");
}

#[cfg(not(feature = "xlsx"))]
#[test]
fn xlsx_needs_the_feature() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("r.xlsx");
    let o = track(&root(), &["report", "-o", out.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("this track was built without XLSX support (cargo feature `xlsx`)")
    );
    assert!(!out.exists());
}

// --- formats and paths ----------------------------------------------------------

#[test]
fn format_comes_from_the_extension_else_the_flag() {
    let tmp = tempfile::tempdir().unwrap();
    let p = |n: &str| tmp.path().join(n).to_str().unwrap().to_string();
    let o = track(&root(), &["report", "-o", &p("r.txt")]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("cannot tell the report format"),
        "{}",
        stderr(&o)
    );
    let o = track(&root(), &["report", "-o", &p("r.html"), "--format", "csv"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("does not match the extension"),
        "{}",
        stderr(&o)
    );
    let o = track(&root(), &["report", "-o", &p("r.txt"), "--format", "json"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let json: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(p("r.txt")).unwrap()).unwrap();
    assert!(json["series"].is_array());
    let o = track(&root(), &["report", "-o", &p("r.HTM")]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        fs::read_to_string(p("r.HTM"))
            .unwrap()
            .starts_with("<!DOCTYPE html>")
    );
    assert_eq!(entries(tmp.path()), ["r.HTM", "r.txt"]);
}

#[test]
fn output_is_relative_to_dash_c() {
    let tmp = tempfile::tempdir().unwrap();
    for f in ["track.toml", "plan.toml", "actuals.csv"] {
        fs::copy(fixture("small").join(f), tmp.path().join(f)).unwrap();
    }
    let o = track(
        &root(),
        &["-C", tmp.path().to_str().unwrap(), "report", "-o", "out.md"],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(tmp.path().join("out.md").is_file());
    assert_eq!(entries(&tmp.path().join("out_charts")).len(), 7);
}

// --- atomic writes -------------------------------------------------------------

#[test]
fn unwritable_output_fails_before_any_work() {
    let tmp = tempfile::tempdir().unwrap();
    fs::write(tmp.path().join("file"), "x").unwrap();
    fs::create_dir(tmp.path().join("dir.html")).unwrap();
    let targets = [
        tmp.path().join("missing/report.html"),
        tmp.path().join("file/report.html"),
        tmp.path().join("dir.html"),
    ];
    for out in &targets {
        // The plan does not exist either: only the output may be named.
        let o = track(
            &root(),
            &[
                "report",
                "--plan",
                "no-such-plan.toml",
                "-o",
                out.to_str().unwrap(),
            ],
        );
        assert_eq!(o.status.code(), Some(2), "{}", out.display());
        let err = stderr(&o);
        assert!(err.contains("cannot write the report to"), "{err}");
        assert!(
            !err.contains("no-such-plan"),
            "failed before loading: {err}"
        );
    }
    assert_eq!(entries(tmp.path()), ["dir.html", "file"]);
    assert!(entries(&tmp.path().join("dir.html")).is_empty());
}

#[test]
fn a_failed_run_leaves_the_previous_report() {
    let (tmp, out) = report(&root(), "report.html", &[]);
    let before = fs::read(&out).unwrap();
    // The output is writable but the input is not: the run fails after the
    // temporary file was created.
    let o = track(
        &root(),
        &[
            "report",
            "--plan",
            "no-such-plan.toml",
            "-o",
            out.to_str().unwrap(),
        ],
    );
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(fs::read(&out).unwrap(), before);
    assert_eq!(
        entries(tmp.path()),
        ["report.html"],
        "the temporary file is gone"
    );

    // A read-only directory: the report cannot be replaced (root can write
    // anywhere, so this part needs an ordinary user).
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let dir = tmp.path();
        fs::set_permissions(dir, fs::Permissions::from_mode(0o555)).unwrap();
        if fs::write(dir.join("probe"), "x").is_ok() {
            let _ = fs::remove_file(dir.join("probe"));
            eprintln!(
                "note: running with privileges that ignore permissions; read-only case skipped"
            );
        } else {
            let o = track(&root(), &["report", "-o", out.to_str().unwrap()]);
            assert_eq!(o.status.code(), Some(2));
            assert!(
                stderr(&o).contains("cannot write the report to"),
                "{}",
                stderr(&o)
            );
            assert_eq!(fs::read(&out).unwrap(), before);
        }
        fs::set_permissions(dir, fs::Permissions::from_mode(0o755)).unwrap();
    }
}

// --- in a real browser ---------------------------------------------------------

const CHROMIUM: &str = "/usr/bin/chromium";

/// Run Chromium headless on a page with extra arguments; its stdout.
fn chromium(page: &Path, profile: &Path, extra: &[&str]) -> Vec<u8> {
    let mut cmd = std::process::Command::new(CHROMIUM);
    cmd.args([
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--hide-scrollbars",
    ])
    .arg(format!("--user-data-dir={}", profile.display()))
    .args(extra)
    .arg(format!("file://{}", page.display()))
    .stdin(Stdio::null())
    .stdout(Stdio::piped())
    .stderr(Stdio::null());
    let mut child = cmd.spawn().unwrap();
    let mut out = child.stdout.take().unwrap();
    let reader = std::thread::spawn(move || {
        let mut buf = Vec::new();
        std::io::Read::read_to_end(&mut out, &mut buf).map(|_| buf)
    });
    let start = Instant::now();
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            assert!(status.success(), "chromium exited with {status}");
            break;
        }
        if start.elapsed() > Duration::from_secs(120) {
            let _ = child.kill();
            let _ = child.wait();
            panic!("chromium did not finish in 120 s");
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    reader.join().unwrap().unwrap()
}

#[test]
fn html_report_renders_in_chromium() {
    if !Path::new(CHROMIUM).exists() {
        if std::env::var("CI").as_deref() == Ok("true") {
            panic!("{CHROMIUM} is missing; CI must install the Debian package `chromium`");
        }
        eprintln!("note: {CHROMIUM} is not installed; browser check skipped");
        return;
    }
    let (tmp, page) = report(&root(), "report.html", &[]);
    let (_json_tmp, json) = report(&root(), "report.json", &[]);
    let json: serde_json::Value = serde_json::from_str(&fs::read_to_string(json).unwrap()).unwrap();
    let series = json["series"].as_array().unwrap().len();
    assert!(series > 0);

    let png = tmp.path().join("shot.png");
    chromium(
        &page,
        &tmp.path().join("profile-shot"),
        &[
            &format!("--screenshot={}", png.display()),
            "--window-size=1200,2000",
        ],
    );
    let bytes = fs::read(&png).unwrap();
    assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n", "a PNG");
    assert_eq!(&bytes[12..16], b"IHDR");
    let width = u32::from_be_bytes(bytes[16..20].try_into().unwrap());
    let height = u32::from_be_bytes(bytes[20..24].try_into().unwrap());
    assert_eq!((width, height), (1200, 2000));
    // A blank page of that size compresses to a few KB; the report is
    // text, tables and charts.
    assert!(
        bytes.len() > 40_000,
        "the screenshot is not blank ({} bytes)",
        bytes.len()
    );

    let dom = chromium(&page, &tmp.path().join("profile-dom"), &["--dump-dom"]);
    let dom = String::from_utf8_lossy(&dom);
    assert!(
        dom.contains(r#"<table class="status">"#),
        "the status table"
    );
    assert_eq!(count(&dom, "<svg"), series, "one chart per indicator");
    assert_eq!(count(&dom, "<script"), 0);
    // The evaluation table as the browser lays it out: a column per year,
    // the official words, the summary paragraph.
    for text in [
        "<th>2020年基期值</th>",
        "<th>2021年</th>",
        "<th>年均提高</th>",
        "<th>序时进度</th>",
        "<th>进展情况</th>",
        "提前实现",
        "纳入监测的7项主要指标中",
    ] {
        assert!(
            dom.contains(text),
            "{text} in the page the browser laid out"
        );
    }
}

#[test]
fn a_link_stays_a_link_and_dash_is_standard_output() {
    let tmp = tempfile::tempdir().unwrap();
    let real = tmp.path().join("real.csv");
    std::fs::write(&real, "old").unwrap();
    std::os::unix::fs::symlink("real.csv", tmp.path().join("link.csv")).unwrap();
    let link = tmp.path().join("link.csv");
    let o = track(&root(), &["report", "-o", link.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    let csv = track(&root(), &["status", "--format", "csv"]);
    assert_eq!(std::fs::read(&real).unwrap(), csv.stdout);

    let o = track(&root(), &["report", "-o", "-", "--format", "csv"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(o.stdout, csv.stdout);
    for (args, expect) in [
        (&["report", "-o", "-"][..], "name the format with --format"),
        (
            &["report", "-o", "-", "--format", "markdown"],
            "writes its charts as files beside it",
        ),
        (
            &["report", "-o", "/dev/null", "--format", "json"],
            "not a regular file",
        ),
    ] {
        let o = track(&root(), args);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        assert!(stderr(&o).contains(expect), "{args:?}: {}", stderr(&o));
    }
}
