//! Unit tests of the plan loader: the keys of plans as written
//! (baselines `——` and `11.4年`, `tolerance`, `parent`, region `aliases`),
//! reference regions in targets, directions that bounds tell, region and
//! sub-indicator cycles, and targets that mean nothing — each error with
//! its line, column, label and help.

use super::*;
use crate::diag::Severity;
use crate::display::Lang;
use crate::plan::{Direction, TargetExpr};

const HEAD: &str =
    "[plan]\nid = \"p\"\nname = \"P\"\nbaseline = 2020\ntarget = 2025\nregion = \"xilingol\"\n\n";

const REGIONS: &str = "[[region]]\nid = \"xilingol\"\nname = \"锡林郭勒盟\"\nparent = \"inner-mongolia\"\n\n\
     [[region]]\nid = \"inner-mongolia\"\nname = \"内蒙古自治区\"\nname_en = \"Inner Mongolia\"\n\
     aliases = [\"全区\", \"自治区平均水平\"]\n\n\
     [[region]]\nid = \"china\"\nname = \"全国\"\n\n";

/// One problem as a user reads it.
#[derive(Debug, PartialEq)]
struct Problem {
    severity: Severity,
    message: String,
    /// `line:col`
    at: String,
    /// The characters under the carets.
    marked: String,
    label: String,
    help: Option<String>,
}

fn problems(diags: &Diagnostics) -> Vec<Problem> {
    diags
        .in_order()
        .into_iter()
        .map(|d| {
            let loc = d.location.as_ref().expect("a location");
            let (line, col) = loc.line_col();
            Problem {
                severity: d.severity,
                message: d.message.clone(),
                at: format!("{line}:{col}"),
                marked: loc.text.get(loc.span.clone()).unwrap_or("").to_string(),
                label: d.label.clone(),
                help: d.help.clone(),
            }
        })
        .collect()
}

fn load(toml: &str) -> Plan {
    match parse_plan(toml, "plan.toml") {
        Ok((plan, _)) => plan,
        Err(e) => panic!("does not load: {:#?}\n{toml}", problems(&e.0)),
    }
}

fn warnings(toml: &str) -> Vec<Problem> {
    match parse_plan(toml, "plan.toml") {
        Ok((_, w)) => problems(&w),
        Err(e) => panic!("does not load: {:#?}\n{toml}", problems(&e.0)),
    }
}

fn errors(toml: &str) -> Vec<Problem> {
    match parse_plan(toml, "plan.toml") {
        Ok(_) => panic!("loads:\n{toml}"),
        Err(e) => problems(&e.0),
    }
}

/// A plan with the regions above and one indicator `x` of these keys.
fn with(keys: &str) -> String {
    format!("{HEAD}{REGIONS}[[indicator]]\nid = \"x\"\n{keys}")
}

/// The first (only) indicator's line of `key`, 1-based.
fn line_of(toml: &str, needle: &str) -> usize {
    toml.lines().position(|l| l.contains(needle)).expect(needle) + 1
}

#[test]
fn positions_are_those_of_locations() {
    // Multi-byte characters, CRLF, an empty line, no final newline.
    let source = "[plan]\r\nid = \"p\"\n\n名称 = \"规划\"\r\n  target = \"≥92%\"\nlast";
    let r = Reader {
        source,
        path: "plan.toml",
        diags: Diagnostics::default(),
        line_starts: std::cell::OnceCell::new(),
        names: RegionNames::default(),
        forms_listed: None,
    };
    for start in 0..=source.len() + 2 {
        let (line, col) = r.at(start..start).line_col();
        assert_eq!(r.pos(&(start..start)), Pos { line, col }, "at {start}");
        for end in start..=source.len() + 2 {
            let slow = Location::in_source("plan.toml", source, start..end);
            assert_eq!(r.at(start..end), slow, "at {start}..{end}");
        }
    }
}

// --- Baselines and units ------------------------------------------------

#[test]
fn baselines_as_the_tables_write_them() {
    for dash in ["——", "—", "-", "/"] {
        let plan = load(&with(&format!(
            "unit = \"%\"\nbaseline = \"{dash}\"\ntarget = \"25%\"\n"
        )));
        assert_eq!(plan.indicators[0].baseline, None, "{dash}");
        // No baseline: the data's will tell the direction.
        assert!(plan.indicators[0].direction_from_data);
    }
    let plan = load(&with(
        "unit = \"年\"\nbaseline = \"11.4年\"\ntarget = \"12.3年以上\"\n",
    ));
    let x = &plan.indicators[0];
    assert_eq!(x.baseline, Some(Decimal::new(114, 1)));
    assert_eq!(
        x.target,
        TargetExpr::Compare(crate::plan::Op::Ge, Decimal::new(123, 1))
    );
    assert_eq!(x.target_text, "12.3年以上");
    let plan = load(&with(
        "unit = \"万人\"\nbaseline = 2.1\ntarget = \"2.5万人\"\n",
    ));
    assert_eq!(
        plan.indicators[0].target,
        TargetExpr::Reach(Decimal::new(25, 1))
    );
}

#[test]
fn a_baseline_in_another_unit_says_what_it_may_be() {
    let toml = with("unit = \"年\"\nbaseline = \"11.4岁\"\ntarget = \"12.3\"\n");
    let line = line_of(&toml, "11.4岁");
    assert_eq!(
        errors(&toml),
        vec![Problem {
            severity: Severity::Error,
            message: "`baseline` of indicator `x` must be a number".into(),
            at: format!("{line}:12"),
            marked: "\"11.4岁\"".into(),
            label: "not a number".into(),
            help: Some(
                "write a number (93, \"93%\", or with the indicator's unit, \"11.4年\"), \
                 or \"——\" for no baseline"
                    .into()
            ),
        }]
    );
}

#[test]
fn a_target_in_another_unit_names_both() {
    let toml = with("unit = \"年\"\nbaseline = 11.4\ntarget = \"12.3岁以上\"\n");
    let line = line_of(&toml, "12.3岁以上");
    assert_eq!(
        errors(&toml),
        vec![Problem {
            severity: Severity::Error,
            message: "cannot read the target of indicator `x`".into(),
            at: format!("{line}:15"),
            marked: "岁".into(),
            label: "\"岁\" is not the indicator's unit \"年\"".into(),
            help: Some(
                "write the number in 年 (the indicator's unit), or set unit = \"岁\"".into()
            ),
        }]
    );
}

#[test]
fn a_form_not_understood_lists_the_forms() {
    let toml = with("unit = \"%\"\nbaseline = 93\ntarget = \"持续增高\"\n");
    let e = errors(&toml);
    assert_eq!(e.len(), 1);
    assert_eq!(e[0].marked, "持续增高");
    assert_eq!(e[0].label, "unexpected \"持续增高\": not a form of target");
    let help = e[0].help.as_deref().unwrap();
    assert!(
        help.starts_with("did you mean \"持续提高\"? understood forms: 95%"),
        "{help}"
    );
}

#[test]
fn the_forms_are_listed_once_per_plan() {
    let toml = format!(
        "{HEAD}[[indicator]]\nid = \"a\"\ntarget = \"持续增高\"\n\n\
         [[indicator]]\nid = \"b\"\ntarget = \"明显改善办学条件\"\n\n\
         [[indicator]]\nid = \"c\"\ntarget = \"逐年增高\"\n"
    );
    let e = errors(&toml);
    let helps: Vec<&str> = e.iter().map(|p| p.help.as_deref().unwrap()).collect();
    assert!(helps[0].contains("understood forms: 95%"), "{}", helps[0]);
    let first = format!("plan.toml:{}:11", line_of(&toml, "持续增高"));
    assert_eq!(
        helps[1],
        format!("the forms understood are listed at {first}")
    );
    assert_eq!(
        helps[2],
        format!("did you mean \"逐年提高\"? (the forms understood are listed at {first})")
    );
}

#[test]
fn edit_distances() {
    for (a, b, n) in [
        ("", "", 0),
        ("abc", "", 3),
        ("", "abc", 3),
        ("kitten", "sitting", 3),
        ("持续增高", "持续提高", 1),
        ("colour", "color", 1),
        ("flaw", "lawn", 2),
    ] {
        assert_eq!(edit_distance(a, b), n, "{a} {b}");
        assert_eq!(edit_distance(b, a), n, "{b} {a}");
    }
}

#[test]
fn tolerance_is_a_number_not_below_zero() {
    let plan = load(&with(
        "unit = \"%\"\ntarget = \"95%左右\"\ntolerance = 0.5\n",
    ));
    assert_eq!(plan.indicators[0].tolerance, Some(Decimal::new(5, 1)));
    assert_eq!(
        plan.indicators[0].tolerance_for(Decimal::new(95, 0)),
        Decimal::new(5, 1)
    );
    let e = errors(&with(
        "unit = \"%\"\ntarget = \"95%左右\"\ntolerance = -1\n",
    ));
    assert_eq!(
        e[0].message,
        "`tolerance` of indicator `x` cannot be negative"
    );
    // Defaults: a percentage point; 2% of the level otherwise.
    let plan = load(&with("unit = \"%\"\ntarget = \"95%左右\"\n"));
    assert_eq!(
        plan.indicators[0].tolerance_for(Decimal::new(95, 0)),
        Decimal::ONE
    );
    let plan = load(&with("unit = \"万人\"\ntarget = \"2.5万人左右\"\n"));
    assert_eq!(
        plan.indicators[0].tolerance_for(Decimal::new(25, 1)),
        Decimal::new(5, 2)
    );
}

// --- Reference regions ----------------------------------------------------

#[test]
fn a_reference_region_is_found_by_id_name_or_alias() {
    for (target, region) in [
        ("\"达到全国平均水平\"", "china"),
        ("\"不低于全区水平\"", "inner-mongolia"),
        ("\"高于内蒙古自治区水平\"", "inner-mongolia"),
        ("\"达到自治区平均水平\"", "inner-mongolia"),
        ("\"at least the level of inner mongolia\"", "inner-mongolia"),
        ("{ at_least = \"全区\" }", "inner-mongolia"),
        ("{ above = \"china\" }", "china"),
    ] {
        let plan = load(&with(&format!("unit = \"%\"\ntarget = {target}\n")));
        let x = &plan.indicators[0];
        assert_eq!(x.target.region(), Some(region), "{target}");
        // The words say "not lower": up, unless the plan says otherwise.
        assert_eq!(x.direction, Direction::Up, "{target}");
        assert!(!x.direction_from_data);
    }
    let plan = load(&with(
        "unit = \"%\"\ntarget = \"优于全区水平\"\ndirection = \"down\"\n",
    ));
    assert_eq!(
        plan.indicators[0].target,
        TargetExpr::BetterThan("inner-mongolia".into())
    );
}

#[test]
fn an_unknown_reference_region_lists_the_plans_regions() {
    let toml = with("unit = \"%\"\ntarget = \"达到全省平均水平\"\n");
    let line = line_of(&toml, "全省");
    assert_eq!(
        errors(&toml),
        vec![Problem {
            severity: Severity::Error,
            message: "no region of the plan is called \"全省平均水平\"".into(),
            at: format!("{line}:13"),
            marked: "全省平均水平".into(),
            label: "not a region's id, name or alias".into(),
            help: Some(
                "the plan's regions: xilingol (锡林郭勒盟), inner-mongolia (内蒙古自治区, 全区, \
                 自治区平均水平), china (全国); add aliases = [\"全省\"] to the region meant"
                    .into()
            ),
        }]
    );
    let toml = format!("{HEAD}[[indicator]]\nid = \"x\"\ntarget = \"不低于全区水平\"\n");
    let e = errors(&toml.replace("region = \"xilingol\"\n", ""));
    assert_eq!(
        e[0].help.as_deref(),
        Some("the plan declares no [[region]]; declare the region meant with aliases = [\"全区\"]")
    );
    // A table's id keeps its old message, and its suggestion.
    let e = errors(&with(
        "unit = \"%\"\ntarget = { at_least = \"inner-mongolai\" }\n",
    ));
    assert_eq!(e[0].message, "unknown region `inner-mongolai`");
    assert_eq!(e[0].help.as_deref(), Some("did you mean `inner-mongolia`?"));
}

#[test]
fn the_plans_own_region_is_no_reference() {
    let toml = with("unit = \"%\"\ntarget = \"不低于锡林郭勒盟水平\"\n");
    let e = errors(&toml);
    assert_eq!(
        e[0].message,
        "indicator `x`: the target compares the plan's own region `xilingol` with itself"
    );
    assert_eq!(e[0].label, "the plan's own region");
    let e = errors(&with(
        "direction = \"up\"\ntarget = { better_than = \"xilingol\" }\n",
    ));
    assert_eq!(e[0].label, "the plan's own region");
}

#[test]
fn region_aliases_must_be_words() {
    let toml = format!(
        "{HEAD}[[region]]\nid = \"xilingol\"\naliases = \"锡盟\"\n\n[[indicator]]\nid = \"x\"\ntarget = 1\n"
    );
    let e = errors(&toml);
    assert_eq!(
        e[0].message,
        "`aliases` of [[region]] must be a list of words"
    );
}

#[test]
fn region_cycles_are_errors_at_the_parent_that_closes_them() {
    let toml = format!(
        "{HEAD}[[region]]\nid = \"xilingol\"\nparent = \"a\"\n\n\
         [[region]]\nid = \"a\"\nparent = \"b\"\n\n\
         [[region]]\nid = \"b\"\nparent = \"a\"\n\n\
         [[region]]\nid = \"c\"\nparent = \"c\"\n\n\
         [[indicator]]\nid = \"x\"\ntarget = \">= 1\"\n"
    );
    let e = errors(&toml);
    let lines: Vec<usize> = toml
        .lines()
        .enumerate()
        .filter(|(_, l)| *l == "parent = \"a\"" || *l == "parent = \"c\"")
        .map(|(i, _)| i + 1)
        .collect();
    assert_eq!(
        e.iter()
            .map(|p| (p.message.as_str(), p.at.as_str()))
            .collect::<Vec<_>>(),
        vec![
            (
                "region parents form a cycle: b → a → b",
                format!("{}:10", lines[1]).as_str()
            ),
            (
                "region `c` is its own parent",
                format!("{}:10", lines[2]).as_str()
            ),
        ]
    );
    assert_eq!(e[0].label, "closes the cycle");
}

// --- Directions that a share's bounds tell ----------------------------------

#[test]
fn in_percent_100_is_kept_from_below_and_0_from_above() {
    for (keys, direction) in [
        ("baseline = 100\ntarget = \"100%\"\n", Direction::Up),
        ("baseline = 100\ntarget = \"保持100%\"\n", Direction::Up),
        ("baseline = 100\ntarget = \"保持\"\n", Direction::Up),
        ("target = \"100%\"\n", Direction::Up),
        ("baseline = 0\ntarget = \"0\"\n", Direction::Down),
        ("baseline = 0\ntarget = \"保持\"\n", Direction::Down),
    ] {
        let plan = load(&with(&format!("unit = \"%\"\n{keys}")));
        assert_eq!(plan.indicators[0].direction, direction, "{keys}");
        assert!(!plan.indicators[0].direction_from_data, "{keys}");
    }
    // In other units 100 is no bound: the plan must say.
    let e = errors(&with("unit = \"所\"\nbaseline = 100\ntarget = \"100\"\n"));
    assert_eq!(
        e[0].message,
        "indicator `x`: cannot tell whether a higher or a lower value is better"
    );
}

// --- Sub-indicators ---------------------------------------------------------

const CLASS_SIZE: &str = "[[indicator]]\nid = \"class-size\"\nname = \"义务教育标准班额比例\"\nunit = \"%\"\n\n\
     [[indicator]]\nid = \"primary\"\nname = \"小学\"\nparent = \"class-size\"\nunit = \"%\"\ntarget = \"100%\"\n\n\
     [[indicator]]\nid = \"junior\"\nname = \"初中\"\nparent = \"class-size\"\nunit = \"%\"\ntarget = \"100%\"\n\n\
     [[indicator]]\nid = \"rural\"\nname = \"农村\"\nparent = \"junior\"\nunit = \"%\"\ntarget = \"95%\"\n";

#[test]
fn sub_indicators_point_at_their_parent() {
    let plan = load(&format!("{HEAD}{REGIONS}{CLASS_SIZE}"));
    let ids: Vec<&str> = plan.indicators.iter().map(|i| i.id.as_str()).collect();
    assert_eq!(ids, ["class-size", "primary", "junior", "rural"]);
    let parents: Vec<Option<usize>> = plan.indicators.iter().map(|i| i.parent).collect();
    assert_eq!(parents, [None, Some(0), Some(0), Some(2)]);
    assert_eq!(plan.children(0), [1, 2]);
    assert_eq!(plan.children(2), [3]);
    assert!(plan.children(3).is_empty());
    assert_eq!(plan.ancestors(3).collect::<Vec<_>>(), [2, 0]);
    // A parent without a target is a heading; one with a target is not.
    assert!(plan.indicators[0].is_heading());
    assert!(!plan.indicators[2].is_heading());
    assert_eq!(plan.indicator_index("rural"), Some(3));
}

#[test]
fn a_parent_must_be_an_indicator_of_the_plan() {
    let toml = format!("{HEAD}{CLASS_SIZE}").replace("parent = \"junior\"", "parent = \"junoir\"");
    let e = errors(&toml);
    assert_eq!(e.len(), 1, "{e:#?}");
    assert_eq!(e[0].message, "unknown indicator `junoir`");
    assert_eq!(e[0].label, "`parent` must name an indicator of this plan");
    assert_eq!(e[0].help.as_deref(), Some("did you mean `junior`?"));
    assert_eq!(e[0].at, format!("{}:10", line_of(&toml, "junoir")));
}

#[test]
fn sub_indicators_never_form_a_cycle() {
    let toml = format!(
        "{HEAD}{CLASS_SIZE}[[indicator]]\nid = \"a\"\nparent = \"b\"\ntarget = 1\n\n\
        [[indicator]]\nid = \"b\"\nparent = \"a\"\ntarget = 1\n\n\
        [[indicator]]\nid = \"c\"\nparent = \"c\"\ntarget = 1\n"
    );
    let e = errors(&toml);
    let messages: Vec<&str> = e.iter().map(|p| p.message.as_str()).collect();
    assert_eq!(
        messages,
        [
            "sub-indicators form a cycle: b → a → b",
            "indicator `c` is its own parent"
        ]
    );
    assert_eq!(e[0].at, format!("{}:10", line_of(&toml, "parent = \"a\"")));
}

#[test]
fn a_child_of_an_indicator_that_does_not_read_adds_no_error() {
    let toml = format!("{HEAD}{CLASS_SIZE}").replace(
        "target = \"100%\"\n\n[[indicator]]\nid = \"junior\"",
        "target = \"100%\"\n\n[[indicator]]\nid = \"junior\"\ncolour = 1",
    );
    let e = errors(&toml);
    assert_eq!(e.len(), 1, "{e:#?}");
    assert_eq!(e[0].message, "unknown key `colour` in indicator `junior`");
}

// --- Targets that mean nothing -----------------------------------------------

#[test]
fn meaningless_targets_are_errors_at_their_line() {
    let cases = [
        (
            "baseline = 0\ntarget = \"+5%\"\n",
            "indicator `x`: a change in percent of a baseline of 0 is still 0",
        ),
        (
            "baseline = 10\ntarget = \"-200%\"\n",
            "indicator `x`: a decrease of 200% goes below zero",
        ),
        (
            "unit = \"所\"\ntarget = \"全覆盖\"\n",
            "indicator `x`: 全覆盖 is 100%, but the indicator has unit \"所\"",
        ),
        (
            "baseline = 10\ntarget = \"-50%\"\nmilestones = { 2023 = \"-150%\" }\n",
            "indicator `x`, milestone 2023: a decrease of 150% goes below zero",
        ),
    ];
    for (keys, message) in cases {
        let toml = with(keys);
        let e = errors(&toml);
        assert_eq!(e.len(), 1, "{keys}: {e:#?}");
        assert_eq!(e[0].message, message);
        let needle = if keys.contains("milestones") {
            "milestones"
        } else {
            "target = \""
        };
        assert_eq!(
            e[0].at.split(':').next(),
            Some(line_of(&toml, needle).to_string().as_str())
        );
    }
    // −100% is 0: a meaning, if a strange one.
    load(&with("baseline = 10\ntarget = \"-100%\"\n"));
}

#[test]
fn a_share_target_outside_0_to_100_is_a_warning() {
    let w = warnings(&with("unit = \"%\"\nbaseline = 98\ntarget = \"+5pp\"\n"));
    assert_eq!(w.len(), 1);
    assert_eq!(w[0].severity, Severity::Warning);
    assert_eq!(
        w[0].message,
        "indicator `x`: the target comes to 103%, above 100%, where no share can be"
    );
    assert_eq!(w[0].label, "above 100% for a share");
    let w = warnings(&with("unit = \"%\"\ntarget = \"≥ -2\"\n"));
    assert_eq!(
        w[0].message,
        "indicator `x`: the target comes to -2%, below 0%, where no share can be"
    );
    assert!(warnings(&with("unit = \"%\"\nbaseline = 98\ntarget = \"100%\"\n")).is_empty());
    // Not a share: no word.
    assert!(warnings(&with("unit = \"万人\"\nbaseline = 98\ntarget = \"+5%\"\n")).is_empty());
}

#[test]
fn texts_are_read_in_both_languages() {
    let plan = load(&with(
        "name = \"毛入园率\"\nname_en = \"Enrolment\"\nunit = \"%\"\ngroup_en = \"Preschool\"\ntarget = \">= 90%\"\n",
    ));
    let ind = &plan.indicators[0];
    assert_eq!(ind.name.get(Lang::Zh), "毛入园率");
    assert_eq!(ind.name.get(Lang::En), "Enrolment");
    // No English unit: the unit as written.
    assert_eq!(ind.unit.get(Lang::En), "%");
    assert!(ind.is_percent());
    // A group given only in English is no group in Chinese.
    assert_eq!(ind.group_in(Lang::Zh), None);
    assert_eq!(ind.group_in(Lang::En), Some("Preschool"));
    assert_eq!(ind.group_names().collect::<Vec<_>>(), ["Preschool"]);
    assert_eq!(
        plan.region_name("inner-mongolia", Lang::En),
        "Inner Mongolia"
    );
    assert_eq!(plan.region_name("china", Lang::En), "全国");
    assert_eq!(plan.name.get(Lang::En), "P");
}
