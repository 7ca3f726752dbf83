use super::*;

fn label(v: f64) -> String {
    format!("{v:.0}")
}

/// 0, 1, 3 over 2020–2022, a path 0 → 4 by 2024, target 4, and a
/// trend 3 → 6 by 2024.
fn sample() -> Chart {
    Chart {
        points: vec![(2020.0, 0.0), (2021.0, 1.0), (2022.0, 3.0)],
        path: Some([(2020.0, 0.0), (2024.0, 4.0)]),
        targets: vec![4.0],
        projection: Some([(2022.0, 3.0), (2024.0, 6.0)]),
        ticks: vec![(2020.0, "2020".into()), (2024.0, "2024".into())],
    }
}

fn opts(ascii: bool) -> Options {
    Options {
        width: 9,
        height: 4,
        ascii,
        color: false,
    }
}

const NAMES: Legend = Legend {
    points: "actual",
    path: "path",
    target: "target",
    projection: "trend",
};

#[test]
fn ascii_chart_marks_each_layer_with_its_own_character() {
    let chart = sample();
    // y 0..6 on 4 rows: 6 → row 0, 4 → row 1, 3 → row 2 (1.5 rounds
    // up), 1 and 0 → row 3; x 2020..2024 on 9 columns, 2 per year.
    // The path (0,3)→(8,1) and the trend (4,2)→(8,0) share cells with
    // the values and the target; values win, then the trend.
    let lines = draw(&chart, &opts(true), &label);
    assert_eq!(
        lines,
        [
            "6 +        ~",
            "4 +------~~.",
            "  |   .*~.",
            "0 +*.*",
            "  ++-------+",
            "   2020 2024",
        ]
    );
    assert_eq!(
        legend(&chart, &opts(true), &NAMES),
        "* actual   .. path   -- target   ~~ trend"
    );
}

#[test]
fn unicode_chart_draws_lines_in_braille_and_values_as_dots() {
    let lines = draw(&sample(), &opts(false), &label);
    assert_eq!(
        lines,
        [
            "6 ┤       ⡠⠂",
            "4 ┤─────⡠⢀⡠⠔",
            "  │   ⣀●⠒⠁",
            "0 ┤●⠔●",
            "  └┬───────┬",
            "   2020 2024",
        ]
    );
    assert_eq!(
        legend(&sample(), &opts(false), &NAMES),
        "● actual   ⠤⠤ path   ── target   ⠤ ⠤ trend"
    );
}

#[test]
fn values_keep_their_cells_and_colour_is_reset_on_every_line() {
    let mut o = opts(true);
    o.color = true;
    let lines = draw(&sample(), &o, &label);
    let plain: Vec<String> = draw(&sample(), &opts(true), &label);
    for (coloured, plain) in lines.iter().zip(&plain) {
        let stripped: String = anstream::adapter::strip_str(coloured).to_string();
        assert_eq!(&stripped, plain);
        if coloured.contains('\x1b') {
            assert!(coloured.ends_with("\x1b[0m"), "{coloured:?}");
        }
    }
}

#[test]
fn nothing_to_draw_gives_no_lines() {
    assert!(draw(&Chart::default(), &opts(true), &label).is_empty());
    let chart = Chart {
        points: vec![(f64::NAN, 1.0), (2020.0, f64::INFINITY)],
        targets: vec![f64::NAN],
        ..Chart::default()
    };
    assert!(draw(&chart, &opts(false), &label).is_empty());
    let mut o = opts(false);
    o.width = 0;
    assert!(draw(&sample(), &o, &label).is_empty());
}

#[test]
fn a_flat_series_sits_inside_the_frame() {
    let chart = Chart {
        points: vec![(2020.0, 50.0), (2021.0, 50.0)],
        ticks: vec![(2020.0, "2020".into()), (2021.0, "2021".into())],
        ..Chart::default()
    };
    let lines = draw(&chart, &opts(true), &label);
    assert_eq!(lines[0], "52 +");
    assert_eq!(lines[3], "48 +");
    assert!(
        lines[1].contains('*') || lines[2].contains('*'),
        "{lines:?}"
    );
}

#[test]
fn hostile_numbers_are_clamped_not_panicking() {
    let chart = Chart {
        points: vec![(0.0, f64::MAX), (1.0, -f64::MAX), (1.0, 0.0)],
        path: Some([(f64::MIN, 0.0), (f64::MAX, 1.0)]),
        targets: vec![1e300, -1e300],
        projection: Some([(0.5, f64::NAN), (1.0, 1.0)]),
        ticks: vec![(0.0, "a-very-long-label-wider-than-the-plot".into())],
    };
    for ascii in [true, false] {
        for (w, h) in [(1, 1), (2, 1), (1, 5), (9, 4)] {
            let (width, height, color) = (w, h, true);
            let o = Options {
                width,
                height,
                ascii,
                color,
            };
            let lines = draw(&chart, &o, &|v| format!("{v:e}"));
            assert_eq!(lines.len(), h + 1, "{lines:?}");
        }
    }
}

#[test]
fn tick_labels_never_overlap_and_keep_the_last() {
    let cols = [(0, "2020"), (2, "2021"), (4, "2022"), (9, "2025")];
    assert_eq!(tick_labels(&cols, 10), ("2020  2025".into(), vec![0, 9]));
    assert_eq!(tick_labels(&[(5, "2023")], 10), ("   2023".into(), vec![5]));
    assert_eq!(tick_labels(&[], 10), (String::new(), vec![]));
}

#[test]
fn ascii_is_the_flag_or_a_terminal_that_cannot_show_unicode() {
    fn env(pairs: &'static [(&str, &str)]) -> impl Fn(&str) -> Option<String> {
        move |k| pairs.iter().find(|p| p.0 == k).map(|p| p.1.to_string())
    }
    assert!(use_ascii(true, false, env(&[])));
    // Not a terminal: the environment is not consulted.
    assert!(!use_ascii(
        false,
        false,
        env(&[("TERM", "dumb"), ("LANG", "C")])
    ));
    assert!(use_ascii(false, true, env(&[("TERM", "dumb")])));
    assert!(use_ascii(false, true, env(&[("LANG", "C")])));
    assert!(!use_ascii(false, true, env(&[("TERM", "xterm")])));
    assert!(utf8_locale(env(&[("LANG", "zh_CN.UTF-8")])));
    assert!(utf8_locale(env(&[("LANG", "en_US.utf8")])));
    assert!(!utf8_locale(env(&[
        ("LC_ALL", "C"),
        ("LANG", "en_US.UTF-8")
    ])));
    assert!(utf8_locale(env(&[("LC_ALL", ""), ("LC_CTYPE", "C.UTF-8")])));
}
