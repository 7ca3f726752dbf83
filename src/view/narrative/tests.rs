//! Unit tests of [`super`].

use super::*;
use crate::actuals::ActualsReader;
use crate::engine::{Context, assess_plan};
use crate::plan::parse_plan;

/// The sentences (zh, en) for the first series of indicator `x`.
fn say(indicator: &str, csv_rows: &str, as_of: &str) -> (String, String) {
    let toml = format!(
        "[plan]\nid = \"p\"\nname = \"P\"\nbaseline = 2020\ntarget = 2025\nregion = \"r\"\n\n\
         [[region]]\nid = \"r\"\nname = \"本地\"\nname_en = \"Here\"\n\n\
         [[region]]\nid = \"ref\"\nname = \"全区\"\nname_en = \"the region\"\n\n\
         [[indicator]]\nid = \"x\"\n{indicator}\n"
    );
    let (plan, _) = parse_plan(&toml, "plan.toml").expect("plan parses");
    let mut r = ActualsReader::new(&plan);
    let csv = format!("indicator,region,period,value\n{csv_rows}");
    r.read(csv.as_bytes(), "a.csv");
    let (actuals, _) = r.finish().expect("actuals read");
    let as_of = Period::parse(as_of).expect("period");
    let rows = assess_plan(&Context {
        plan: &plan,
        actuals: &actuals,
        as_of,
        method: None,
        keep_points: false,
    });
    let a = rows
        .iter()
        .find(|a| a.region == "r")
        .expect("a series of the plan's region");
    (
        sentence(&plan, a, Some(as_of), Lang::Zh),
        sentence(&plan, a, Some(as_of), Lang::En),
    )
}

const PRESCHOOL: &str = "name = \"学前三年毛入园率\"\nname_en = \"Three-year preschool gross enrolment rate\"\nunit = \"%\"\nbaseline = 93\ntarget = \"95%\"";

#[test]
fn on_track_percent_the_seed_sentence() {
    let (zh, en) = say(
        PRESCHOOL,
        "x,r,2021,93.5\nx,r,2022,94\nx,r,2023,94.4\n",
        "2023",
    );
    assert_eq!(
        zh,
        "学前三年毛入园率2023年达到94.4%，较2020年提高1.4个百分点，完成进度70.0%，快于序时进度（60.0%），按目前趋势预计2025年可实现目标。"
    );
    assert_eq!(
        en,
        "The three-year preschool gross enrolment rate reached 94.4% in 2023, up 1.4 percentage points from 2020; 70.0% of the planned change is done, ahead of the 60.0% of time elapsed; on this trend the target will be met in 2025."
    );
}

#[test]
fn at_risk_is_slower_than_time() {
    let (zh, en) = say(PRESCHOOL, "x,r,2023,94\n", "2023");
    assert_eq!(
        zh,
        "学前三年毛入园率2023年达到94%，较2020年提高1个百分点，完成进度50.0%，慢于序时进度（60.0%），如期实现目标需年均提高0.5个百分点，按目前趋势预计2026年实现目标，晚于规划期限（2025年）。"
    );
    assert_eq!(
        en,
        "The three-year preschool gross enrolment rate reached 94% in 2023, up 1 percentage point from 2020; 50.0% of the planned change is done, behind the 60.0% of time elapsed; meeting the target on time needs a rise of 0.5 percentage points a year; on this trend the target will be met only in 2026, after the 2025 deadline."
    );
}

#[test]
fn off_track_and_a_value_older_than_the_report() {
    let (zh, en) = say(PRESCHOOL, "x,r,2021,93.1\nx,r,2022,93.2\n", "2023");
    assert_eq!(
        zh,
        "学前三年毛入园率2022年达到93.2%，较2020年提高0.2个百分点，完成进度10.0%，明显慢于序时进度（40.0%），如期实现目标需年均提高0.6个百分点，按目前趋势预计2040年实现目标，晚于规划期限（2025年）。"
    );
    assert_eq!(
        en,
        "The three-year preschool gross enrolment rate reached 93.2% in 2022, up 0.2 percentage points from 2020; 10.0% of the planned change is done, well behind the 40.0% of time elapsed; meeting the target on time needs a rise of 0.6 percentage points a year; on this trend the target will be met only in 2040, after the 2025 deadline."
    );
}

#[test]
fn regressing_falls_back() {
    let (zh, en) = say(PRESCHOOL, "x,r,2023,92.5\n", "2023");
    assert_eq!(
        zh,
        "学前三年毛入园率2023年降至92.5%，较2020年下降0.5个百分点，不升反降，距目标（95%）还差2.5个百分点。"
    );
    assert_eq!(
        en,
        "The three-year preschool gross enrolment rate fell to 92.5% in 2023, down 0.5 percentage points from 2020; it is moving away from the target (95%)."
    );
}

#[test]
fn regressing_below_a_target_met_at_the_baseline() {
    let ind = "name = \"九年义务教育巩固率\"\nname_en = \"Consolidation rate\"\nunit = \"%\"\nbaseline = 98\ntarget = \"≥98%\"";
    let (zh, en) = say(ind, "x,r,2022,97.6\n", "2022");
    assert_eq!(
        zh,
        "九年义务教育巩固率2022年降至97.6%，较2020年下降0.4个百分点，低于目标要求（≥98%），不升反降。"
    );
    assert_eq!(
        en,
        "The consolidation rate fell to 97.6% in 2022, down 0.4 percentage points from 2020; it no longer meets the target (≥98%) it met at the baseline."
    );
}

#[test]
fn achieved_early_and_at_the_deadline() {
    let (zh, en) = say(PRESCHOOL, "x,r,2023,95.2\n", "2023");
    assert_eq!(
        zh,
        "学前三年毛入园率2023年达到95.2%，较2020年提高2.2个百分点，已达到目标（95%），提前实现。"
    );
    assert_eq!(
        en,
        "The three-year preschool gross enrolment rate reached 95.2% in 2023, up 2.2 percentage points from 2020; the target (95%) is met, ahead of the 2025 deadline."
    );
    let (zh, _) = say(PRESCHOOL, "x,r,2025,95\n", "2025");
    assert_eq!(
        zh,
        "学前三年毛入园率2025年达到95%，较2020年提高2个百分点，已达到目标（95%）。"
    );
}

#[test]
fn missed_at_the_deadline() {
    let (zh, en) = say(PRESCHOOL, "x,r,2025,94.1\n", "2025");
    assert_eq!(
        zh,
        "学前三年毛入园率2025年达到94.1%，较2020年提高1.1个百分点，未实现2025年目标（95%），差0.9个百分点。"
    );
    assert_eq!(
        en,
        "The three-year preschool gross enrolment rate reached 94.1% in 2025, up 1.1 percentage points from 2020; the 2025 target (95%) was missed, 0.9 percentage points short."
    );
}

#[test]
fn no_data_after_the_baseline_and_none_at_all() {
    let (zh, en) = say(PRESCHOOL, "x,r,2020,93\n", "2020");
    assert_eq!(zh, "学前三年毛入园率2020年（基期）为93%，暂无此后的数据。");
    assert_eq!(
        en,
        "The three-year preschool gross enrolment rate was 93% in 2020 (the baseline); no later data yet."
    );
    let ind = "name = \"县域优质均衡达标率\"\nname_en = \"Share of counties\"\nunit = \"%\"\ntarget = \"25%\"\ndirection = \"up\"";
    let (zh, en) = say(ind, "", "2021");
    assert_eq!(zh, "县域优质均衡达标率暂无数据。");
    assert_eq!(en, "The share of counties: no data yet.");
}

#[test]
fn other_units_change_in_relative_percent() {
    let ind = "name = \"教育经费\"\nname_en = \"Education spending\"\nunit = \"亿元\"\nunit_en = \"100 million yuan\"\nbaseline = 112.6\ntarget = \"+20%\"";
    let (zh, en) = say(ind, "x,r,2023,120.7\n", "2023");
    assert_eq!(
        zh,
        "教育经费2023年达到120.7亿元，较2020年增长7.2%，完成进度36.0%，明显慢于序时进度（60.0%），如期实现目标需年均增加7.2亿元，按目前趋势预计2029年实现目标，晚于规划期限（2025年）。"
    );
    assert_eq!(
        en,
        "Education spending reached 120.7 100 million yuan in 2023, up 7.2% from 2020; 36.0% of the planned change is done, well behind the 60.0% of time elapsed; meeting the target on time needs a rise of 7.2 100 million yuan a year; on this trend the target will be met only in 2029, after the 2025 deadline."
    );
}

#[test]
fn down_is_better_falls_toward_the_target() {
    let ind = "name = \"近视率\"\nname_en = \"Myopia rate\"\nunit = \"%\"\nbaseline = 52.7\ntarget = \"≤ 47.7%\"";
    let (zh, en) = say(ind, "x,r,2023,49.1\n", "2023");
    assert_eq!(
        zh,
        "近视率2023年降至49.1%，较2020年下降3.6个百分点，完成进度72.0%，快于序时进度（60.0%），按目前趋势预计2025年可实现目标。"
    );
    assert_eq!(
        en,
        "The myopia rate fell to 49.1% in 2023, down 3.6 percentage points from 2020; 72.0% of the planned change is done, ahead of the 60.0% of time elapsed; on this trend the target will be met in 2025."
    );
    // Rising is regressing for it; a relative unit says 上升 as 增长.
    let ind = "name = \"辍学人数\"\nname_en = \"Dropouts\"\nunit = \"人\"\nunit_en = \"people\"\nbaseline = 200\ntarget = \"-50%\"";
    let (zh, en) = say(ind, "x,r,2022,230\n", "2022");
    assert_eq!(
        zh,
        "辍学人数2022年升至230人，较2020年增长15.0%，不降反升，距目标（≤100人）还差130人。"
    );
    assert_eq!(
        en,
        "Dropouts rose to 230 people in 2022, up 15.0% from 2020; it is moving away from the target (≤100 people).",
    );
}

#[test]
fn better_than_a_region() {
    let ind = "name = \"平均受教育年限\"\nname_en = \"Average years of schooling\"\nunit = \"年\"\nunit_en = \"years\"\nbaseline = 11.8\ntarget = { better_than = \"ref\" }\ndirection = \"up\"";
    let (zh, en) = say(ind, "x,r,2022,11.9\nx,ref,2022,12.1\n", "2022");
    assert_eq!(
        zh,
        "平均受教育年限2022年达到11.9年，较2020年提高0.1年，尚未优于全区（12.1年）。"
    );
    assert_eq!(
        en,
        "The average years of schooling reached 11.9 years in 2022, up 0.1 years from 2020; not yet better than the region (12.1 years)."
    );
    let (zh, _) = say(ind, "x,r,2022,11.9\n", "2022");
    assert_eq!(
        zh,
        "平均受教育年限2022年为11.9年，暂无全区同期数据，无法比较。"
    );
    let (zh, en) = say(ind, "x,r,2022,12.2\nx,ref,2022,12.1\n", "2022");
    assert_eq!(
        zh,
        "平均受教育年限2022年达到12.2年，较2020年提高0.4年，优于全区（12.1年），提前实现。"
    );
    assert_eq!(
        en,
        "The average years of schooling reached 12.2 years in 2022, up 0.4 years from 2020; better than the region (12.1 years), ahead of the 2025 deadline."
    );
}

#[test]
fn method_cagr_speaks_of_growth_rates() {
    let ind = "name = \"教育经费\"\nname_en = \"Education spending\"\nunit = \"亿元\"\nunit_en = \"100 million yuan\"\nbaseline = 100\ntarget = \"150\"\nmethod = \"cagr\"";
    let (zh, en) = say(ind, "x,r,2023,110\n", "2023");
    assert_eq!(
        zh,
        "教育经费2023年达到110亿元，较2020年增长10.0%，年均增长3.23%，如期实现目标需年均增长16.77%，按目前趋势预计2035年实现目标，晚于规划期限（2025年）。"
    );
    assert_eq!(
        en,
        "Education spending reached 110 100 million yuan in 2023, up 10.0% from 2020; growing 3.23% a year; meeting the target on time needs 16.77% growth a year; on this trend the target will be met only in 2035, after the 2025 deadline."
    );
}

#[test]
fn unchanged_and_quarters() {
    let ind = "name = \"覆盖率\"\nname_en = \"GDP coverage\"\nunit = \"%\"\nbaseline = 50\ntarget = \"60\"";
    let (zh, en) = say(ind, "x,r,2022-Q2,50\n", "2022-Q2");
    assert_eq!(
        zh,
        "覆盖率2022年第2季度为50%，与2020年持平，完成进度0.0%，明显慢于序时进度（30.0%），如期实现目标需年均提高2.9个百分点，按目前趋势2025年预计为50%，难以如期实现目标。"
    );
    assert_eq!(
        en,
        "GDP coverage was 50% in 2022-Q2, unchanged from 2020; 0.0% of the planned change is done, well behind the 30.0% of time elapsed; meeting the target on time needs a rise of 2.9 percentage points a year; on this trend it will be 50% in 2025, short of the target."
    );
}

#[test]
fn a_share_held_but_for_rounding_is_basically_kept() {
    // 100 → 99.98 of a 100% target: officials write 基本保持.
    let ind = "name = \"义务教育入学率\"\nname_en = \"Enrolment rate\"\nunit = \"%\"\nbaseline = 100\ntarget = \"保持100%\"";
    let (zh, en) = say(ind, "x,r,2022,99.98\n", "2022");
    assert_eq!(
        zh,
        "义务教育入学率2022年降至99.98%，较2020年下降0.02个百分点，基本保持目标水平（100%）。"
    );
    assert_eq!(
        en,
        "The enrolment rate fell to 99.98% in 2022, down 0.02 percentage points from 2020; it is just short of the target (100%) it met at the baseline."
    );
}

#[test]
fn ahead_of_schedule_says_so() {
    // 93 → 95 by 2025; 95.0 would be achieved, 94.9 in 2022 is R = 2.375.
    let (zh, en) = say(PRESCHOOL, "x,r,2022,94.9\n", "2022");
    assert_eq!(
        zh,
        "学前三年毛入园率2022年达到94.9%，较2020年提高1.9个百分点，完成进度95.0%，快于序时进度（40.0%），按目前趋势预计2023年可实现目标。"
    );
    assert!(en.contains("ahead of the 40.0% of time elapsed"), "{en}");
}

#[test]
fn a_count_that_should_fall_rises_instead() {
    let ind = "name = \"辍学人数\"\nname_en = \"Dropouts\"\nunit = \"人\"\nbaseline = 200\ntarget = \"<= 100\"";
    let (zh, _) = say(ind, "x,r,2022,230\n", "2022");
    assert!(zh.contains("不降反升"), "{zh}");
}
