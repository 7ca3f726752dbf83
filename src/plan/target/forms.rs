//! The forms a target may take (docs/plan-format.md#target-expressions), for the help
//! of a target that does not parse: the list, and the form closest to what
//! was written, with the user's own number in it.

use std::sync::OnceLock;

use crate::plan::load::edit_distance;

/// One example of each form, in the order of the reference table.
pub(super) const EXAMPLES: &[&str] = &[
    "95%",
    "达到95%",
    "≥92%",
    "92%以上",
    "超过92%",
    "≤60",
    "低于60",
    "90..95",
    "+5pp",
    "提高5个百分点",
    "+10%",
    "增长10%",
    "翻一番",
    "增长1倍",
    "保持",
    "保持100%",
    "12.3年以上",
    "95%左右",
    "约95%",
    "达到全国平均水平",
    "高于全国平均水平",
    "优于全区水平",
    "持续提高",
    "持续下降",
    "逐年提高",
    "逐年只增不减",
    "全覆盖",
    "消除",
    "基本消除",
    "at least 92",
    "approximately 95%",
    "maintain",
];

/// Texts longer than this get the list without a suggestion: the distance
/// is quadratic, and such a text is no typo of a short form.
const MAX_SUGGEST_CHARS: usize = 40;

/// "did you mean …? understood forms: …", given the closest form.
pub(super) fn help(closest: Option<&str>) -> String {
    let list = EXAMPLES.join(", ");
    match closest {
        Some(form) => format!("did you mean \"{form}\"? understood forms: {list}"),
        None => format!("understood forms: {list}"),
    }
}

/// The example nearest to `text` once numbers are set aside (`95％以上吧`
/// is near `92%以上`), written with the text's first number.
pub(super) fn closest(text: &str) -> Option<String> {
    let text = text.trim();
    if text.chars().count() > MAX_SUGGEST_CHARS {
        return None;
    }
    let (shape, number) = shape(text);
    let len = shape.chars().count();
    let near = 2.max(len / 2);
    // The distance is at least the difference in length: most examples
    // need no table.
    let (distance, (form, example_number)) = shapes()
        .iter()
        .filter(|(example, _)| example.chars().count().abs_diff(len) <= near)
        .map(|(example, form)| (edit_distance(&shape, example), form))
        .min_by_key(|(d, _)| *d)?;
    if distance == 0 || distance > near {
        return None;
    }
    Some(match (number, example_number) {
        (Some(n), Some(example)) => form.replacen(example.as_str(), &n, 1),
        _ => form.to_string(),
    })
}

/// An example's shape, and the example with its number.
type Shaped = (String, (&'static str, Option<String>));

/// Each example's shape, with the example and its number: made once.
fn shapes() -> &'static [Shaped] {
    static SHAPES: OnceLock<Vec<Shaped>> = OnceLock::new();
    SHAPES.get_or_init(|| {
        EXAMPLES
            .iter()
            .map(|form| {
                let (shape, number) = shape(form);
                (shape, (*form, number))
            })
            .collect()
    })
}

/// The text with every number written as `9` (and `％` as `%`), and its
/// first number as written.
fn shape(text: &str) -> (String, Option<String>) {
    let mut out = String::with_capacity(text.len());
    let mut first: Option<String> = None;
    let mut current = String::new();
    let is_digit = |c: char| c.is_ascii_digit() || ('０'..='９').contains(&c);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        let inside = !current.is_empty()
            && matches!(c, '.' | '．' | ',')
            && chars.peek().is_some_and(|&n| is_digit(n));
        if is_digit(c) || inside {
            current.push(c);
            continue;
        }
        if !current.is_empty() {
            out.push('9');
            first.get_or_insert_with(|| current.clone());
            current.clear();
        }
        out.push(if c == '％' { '%' } else { c });
    }
    if !current.is_empty() {
        out.push('9');
        first.get_or_insert(current);
    }
    (out, first)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_the_nearest_form_with_the_users_number() {
        assert_eq!(closest("持续增高").as_deref(), Some("持续提高"));
        assert_eq!(closest("87%以上吧").as_deref(), Some("87%以上"));
        assert_eq!(closest("98%左右吧").as_deref(), Some("98%左右"));
        assert_eq!(closest("逐年增高").as_deref(), Some("逐年提高"));
        assert_eq!(closest("全覆盖率").as_deref(), Some("全覆盖"));
        assert_eq!(closest("基本清除").as_deref(), Some("基本消除"));
    }

    #[test]
    fn nothing_near_gives_no_suggestion() {
        assert_eq!(closest("明显改善学校办学条件"), None);
        assert_eq!(closest(&"很".repeat(100)), None);
    }

    #[test]
    fn help_lists_every_form() {
        let h = help(closest("持续增高").as_deref());
        assert!(h.starts_with("did you mean \"持续提高\"? understood forms: 95%, 达到95%"));
        for form in EXAMPLES {
            assert!(h.contains(form), "{form}");
        }
    }
}
