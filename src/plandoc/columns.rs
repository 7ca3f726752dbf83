//! A table's header: which column holds the indicator's name, its unit,
//! baseline, target, 属性 and notes, and the baseline and target years
//! (`2020年`, `2025年`, `2020年基期值`, `目标值（2025年）`).
//!
//! Header cells are compared without spaces (`指  标` is `指标`). The
//! baseline column is the one named 基期/现状, else the earliest year; the
//! target column the one named 目标, else the latest year; a year column
//! between or after them is not read (and said so). Of the text columns
//! before the first value column, the last is the name and any earlier one
//! the group (类别, or the first half of a `指标` header spanning two
//! columns over a section column).

/// What a column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// 序号: a row number, not read.
    Number,
    /// A section column (类别, 领域), its cells often spanning several rows.
    Group,
    Name,
    Unit,
    Baseline,
    Target,
    /// 属性: 约束性 or 预期性.
    Kind,
    /// 备注, 说明.
    Note,
    /// Anything else (牵头单位, a year between baseline and target): not read.
    Ignored,
}

/// What a header cell says, before the header as a whole is resolved.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Class {
    Number,
    Group,
    Name,
    Unit,
    Kind,
    Note,
    /// A year or baseline/target column.
    Value {
        year: Option<i32>,
        side: Option<Side>,
    },
    /// Another column that a header names (牵头单位).
    Other,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    Baseline,
    Target,
}

/// A header, resolved: one role per column, and the years it names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Header {
    pub roles: Vec<Role>,
    pub baseline_year: Option<i32>,
    pub target_year: Option<i32>,
    /// The texts of the value columns that are not read (`2035年`).
    pub ignored: Vec<String>,
}

impl Header {
    pub fn column(&self, role: Role) -> Option<usize> {
        self.roles.iter().position(|r| *r == role)
    }
}

/// The header cell without spaces.
pub fn squeeze(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

/// The first year from 1900 to 2200 in the text, as four ASCII or
/// full-width digits not part of a longer number.
pub fn year_in(text: &str) -> Option<i32> {
    let digits: Vec<Option<u32>> = text.chars().map(digit).collect();
    let mut i = 0;
    while i < digits.len() {
        if digits[i].is_none() {
            i += 1;
            continue;
        }
        let start = i;
        while i < digits.len() && digits[i].is_some() {
            i += 1;
        }
        if i - start == 4 {
            let y = digits[start..i]
                .iter()
                .fold(0i32, |acc, d| acc * 10 + d.unwrap_or(0) as i32);
            if (1900..=2200).contains(&y) {
                return Some(y);
            }
        }
    }
    None
}

fn digit(c: char) -> Option<u32> {
    match c {
        '0'..='9' => c.to_digit(10),
        '０'..='９' => Some(c as u32 - '０' as u32),
        _ => None,
    }
}

/// What a header cell says, or `None` for a cell no header holds (a name,
/// a value). Blank cells are `None` too. Header words are matched whole
/// (`类别`, `指标名称`), so that a name with such a word in it
/// (`重点领域投资占比`, `目标人群覆盖率`) is no header; a year column may
/// carry words around its year (`2025年目标值`, `基期值（2020年）`).
pub fn classify(text: &str) -> Option<Class> {
    let t = squeeze(text);
    if t.is_empty() {
        return None;
    }
    let is = |words: &[&str]| words.contains(&t.as_str());
    let has = |words: &[&str]| words.iter().any(|w| t.contains(w));
    if is(&["序号", "编号", "序", "No.", "No"]) {
        return Some(Class::Number);
    }
    if is(&["属性", "指标属性", "性质", "指标性质", "属性类别"]) {
        return Some(Class::Kind);
    }
    if is(&[
        "责任单位",
        "牵头单位",
        "责任部门",
        "牵头部门",
        "主管部门",
        "实施单位",
        "配合单位",
        "数据来源",
        "资料来源",
    ]) {
        return Some(Class::Other);
    }
    if is(&["单位", "计量单位", "指标单位"]) {
        return Some(Class::Unit);
    }
    if is(&["备注", "说明", "注"]) {
        return Some(Class::Note);
    }
    if is(&[
        "类别",
        "指标类别",
        "一级指标",
        "领域",
        "类型",
        "分类",
        "指标分类",
        "方面",
        "维度",
        "板块",
        "类",
    ]) {
        return Some(Class::Group);
    }
    if is(&[
        "指标",
        "指标名称",
        "主要指标",
        "具体指标",
        "二级指标",
        "指标项",
        "项目",
        "项目名称",
        "名称",
        "指标内容",
    ]) {
        return Some(Class::Name);
    }
    const BASELINE: [&str; 5] = ["基期", "基准", "现状", "基础值", "基数"];
    const TARGET: [&str; 5] = ["目标", "期末", "规划值", "预期值", "预计"];
    let year = year_in(&t).filter(|_| t.chars().count() <= 16);
    let worded = year.is_some()
        || t.chars().count() <= 6
            && (t.ends_with('值') || t.ends_with("目标") || is(&["基期", "现状", "基数"]));
    if !worded {
        return None;
    }
    let side = if has(&BASELINE) {
        Some(Side::Baseline)
    } else if has(&TARGET) {
        Some(Side::Target)
    } else {
        None
    };
    (year.is_some() || side.is_some()).then_some(Class::Value { year, side })
}

/// Whether a cell is a header word: such a cell is never read as an
/// indicator's name.
pub fn is_header_word(text: &str) -> bool {
    classify(text).is_some()
}

/// Resolve a header: `classes` per column (`None` for a blank or unknown
/// cell), `texts` the cells, and `filled[col]` how many of the `rows`
/// under the header hold text in that column. `None` when the header has
/// no target column or no column for the name.
pub fn resolve(
    classes: &[Option<Class>],
    texts: &[String],
    filled: &[usize],
    rows: usize,
) -> Option<Header> {
    let n = classes.len();
    let mut roles = vec![Role::Ignored; n];
    let mut values: Vec<(usize, Option<i32>, Option<Side>)> = Vec::new();
    for (i, c) in classes.iter().enumerate() {
        roles[i] = match c {
            Some(Class::Number) => Role::Number,
            Some(Class::Group) => Role::Group,
            Some(Class::Unit) => Role::Unit,
            Some(Class::Kind) => Role::Kind,
            Some(Class::Note) => Role::Note,
            Some(Class::Value { year, side }) => {
                values.push((i, *year, *side));
                Role::Ignored
            }
            Some(Class::Name) | Some(Class::Other) | None => Role::Ignored,
        };
    }
    let (baseline, target) = value_columns(&values)?;
    if let Some(b) = baseline {
        roles[b] = Role::Baseline;
    }
    roles[target] = Role::Target;
    let first_value = [Some(target), baseline]
        .into_iter()
        .flatten()
        .chain(roles.iter().position(|r| *r == Role::Unit))
        .min()
        .unwrap_or(target);
    // The name: the last text column (named 指标, or unnamed but holding
    // text in most rows) before the values; earlier ones are sections.
    let candidates: Vec<usize> = (0..first_value)
        .filter(|&i| matches!(classes[i], Some(Class::Name | Class::Group) | None))
        .collect();
    let mostly = |i: usize| filled.get(i).is_some_and(|&c| c > 0 && c * 2 >= rows);
    let name = candidates
        .iter()
        .rev()
        .copied()
        .find(|&i| classes[i] != Some(Class::Group) && mostly(i))
        .or_else(|| {
            candidates
                .iter()
                .rev()
                .copied()
                .find(|&i| classes[i] == Some(Class::Name))
        })?;
    roles[name] = Role::Name;
    for &i in &candidates {
        let any = filled.get(i).is_some_and(|&c| c > 0);
        if i < name && (classes[i].is_some() || any) {
            roles[i] = Role::Group;
        }
    }
    let ignored = values
        .iter()
        .filter(|(i, _, _)| roles[*i] == Role::Ignored)
        .map(|(i, _, _)| texts.get(*i).cloned().unwrap_or_default())
        .collect();
    let year = |col: Option<usize>| {
        col.and_then(|c| values.iter().find(|(i, _, _)| *i == c))
            .and_then(|(_, y, _)| *y)
    };
    Some(Header {
        baseline_year: year(baseline),
        target_year: year(Some(target)),
        roles,
        ignored,
    })
}

/// The baseline column (if any) and the target column among the value
/// columns: by their words where one column alone has the word, else by
/// their years (`规划目标` over `2020年 | 2025年`).
fn value_columns(values: &[(usize, Option<i32>, Option<Side>)]) -> Option<(Option<usize>, usize)> {
    let by_side = |s: Side| {
        let mut sided = values.iter().filter(|v| v.2 == Some(s));
        match (sided.next(), sided.next()) {
            (Some(v), None) => Some(v.0),
            _ => None,
        }
    };
    let by_year = |latest: bool| {
        let dated = values.iter().filter(|v| v.1.is_some());
        let pick = match latest {
            true => dated.max_by_key(|v| v.1),
            false => dated.min_by_key(|v| v.1),
        };
        pick.map(|v| v.0)
    };
    let target = by_side(Side::Target).or_else(|| by_year(true))?;
    let baseline = by_side(Side::Baseline)
        .or_else(|| by_year(false))
        .filter(|&b| b != target);
    Some((baseline, target))
}

/// The years of a five-year plan named in its title (`“十四五”` is 2020 to
/// 2025), for a header that names none.
pub fn years_in_title(title: &str) -> Option<(i32, i32)> {
    const PLANS: [(&str, i32); 6] = [
        ("十一五", 2005),
        ("十二五", 2010),
        ("十三五", 2015),
        ("十四五", 2020),
        ("十五五", 2025),
        ("十六五", 2030),
    ];
    PLANS
        .iter()
        .find(|(w, _)| title.contains(w))
        .map(|(_, start)| (*start, start + 5))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A header over 4 rows; `filled` lists the columns with text in
    /// every row, `sparse` those with text in one.
    fn header(cells: &[&str], filled: &[usize]) -> Option<Header> {
        let classes: Vec<Option<Class>> = cells.iter().map(|c| classify(c)).collect();
        let texts: Vec<String> = cells.iter().map(|c| c.to_string()).collect();
        let counts: Vec<usize> = (0..cells.len())
            .map(|i| if filled.contains(&i) { 4 } else { 0 })
            .collect();
        resolve(&classes, &texts, &counts, 4)
    }

    #[test]
    fn years_and_words_name_baseline_and_target() {
        let h = header(&["指  标", "2020年", "2025年"], &[0]).unwrap();
        assert_eq!(h.roles, vec![Role::Name, Role::Baseline, Role::Target]);
        assert_eq!((h.baseline_year, h.target_year), (Some(2020), Some(2025)));

        let h = header(
            &[
                "序号",
                "指标名称",
                "单位",
                "基期值（2020年）",
                "2025年目标值",
                "指标属性",
            ],
            &[0, 1, 2],
        )
        .unwrap();
        assert_eq!(
            h.roles,
            vec![
                Role::Number,
                Role::Name,
                Role::Unit,
                Role::Baseline,
                Role::Target,
                Role::Kind
            ]
        );
        assert_eq!((h.baseline_year, h.target_year), (Some(2020), Some(2025)));
    }

    #[test]
    fn a_name_header_over_two_columns_has_the_section_first() {
        // HTML colspan repeated into both columns.
        let h = header(&["指标", "指标", "2020年", "2025年"], &[0, 1]).unwrap();
        assert_eq!(h.roles[..2], [Role::Group, Role::Name]);
        // A merged cell in a workbook: the second is blank.
        let h = header(&["指标", "", "2020年", "2025年"], &[0, 1]).unwrap();
        assert_eq!(h.roles[..2], [Role::Group, Role::Name]);
        // A header one cell short of the rows (tab-separated text).
        let h = header(&["", "指标", "2020年", "2025年"], &[0, 1]).unwrap();
        assert_eq!(h.roles[..2], [Role::Group, Role::Name]);
        let h = header(&["类别", "指标", "2020年", "2025年"], &[0, 1]).unwrap();
        assert_eq!(h.roles[..2], [Role::Group, Role::Name]);
    }

    #[test]
    fn a_year_between_is_not_read() {
        let h = header(&["指标", "2020年", "2022年", "2025年"], &[0]).unwrap();
        assert_eq!(
            h.roles,
            vec![Role::Name, Role::Baseline, Role::Ignored, Role::Target]
        );
        assert_eq!(h.ignored, vec!["2022年".to_string()]);
    }

    #[test]
    fn no_target_column_is_no_header() {
        assert_eq!(header(&["指标", "单位"], &[0]), None);
        assert_eq!(classify("学前三年毛入园率"), None);
        assert_eq!(classify("重点领域投资占比"), None);
        assert_eq!(classify("目标人群覆盖率"), None);
        assert_eq!(classify("甲指标"), None);
        assert_eq!(
            classify("2025年目标值"),
            Some(Class::Value {
                year: Some(2025),
                side: Some(Side::Target)
            })
        );
        assert!(is_header_word("指  标"));
        assert!(!is_header_word("县域义务教育优质均衡达标率"));
    }

    #[test]
    fn five_year_plans_name_their_years() {
        assert_eq!(
            years_in_title("锡林郭勒盟“十四五”教育事业发展目标"),
            Some((2020, 2025))
        );
        assert_eq!(years_in_title("主要指标"), None);
        assert_eq!(year_in("基期值（２０２０年）"), Some(2020));
        assert_eq!(year_in("12025"), None);
    }
}
