//! The words of target expressions. Every table is matched longest-first
//! at the current position (so "提高到" wins over "提高", "不低于" over
//! nothing, ">=" over ">"), ASCII letters case-insensitively, and a phrase
//! ending in a letter must not run into another letter ("over" does not
//! match "overall"). Chinese comparators follow 民法典 第一千二百五十九条
//! (docs/plan-format.md#target-expressions): `以上`, `以下`, `以内`, `不低于`, `不超过`
//! include the number; `超过`, `高于`, `低于`, `不满` exclude it.

use super::{Direction, Monotone, Op};

/// Words that only add emphasis: "力争达到95%" is "达到95%".
pub(super) const EMPHASIS: &[(&str, ())] =
    &[("力争", ()), ("确保", ()), ("争取", ()), ("努力", ())];

/// What a word before the number does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum LeadWord {
    /// "达到", "控制在", "=": the number is the level (Reach unless a suffix comparator follows)
    Reach,
    Cmp(Op),
    /// "提高"/"降低" without 到: a change by the number; `true` when it lowers
    Change(bool),
}

pub(super) const LEAD_WORDS: &[(&str, LeadWord)] = {
    use LeadWord::{Change, Cmp, Reach};
    &[
        ("=", Reach),
        ("＝", Reach),
        ("==", Reach),
        ("达到", Reach),
        ("达", Reach),
        ("到", Reach),
        ("提高到", Reach),
        ("提高至", Reach),
        ("提升到", Reach),
        ("提升至", Reach),
        ("增加到", Reach),
        ("增加至", Reach),
        ("增长到", Reach),
        ("增长至", Reach),
        ("上升到", Reach),
        ("上升至", Reach),
        ("降低到", Reach),
        ("降低至", Reach),
        ("下降到", Reach),
        ("下降至", Reach),
        ("减少到", Reach),
        ("减少至", Reach),
        ("控制在", Reach),
        ("保持在", Reach),
        ("稳定在", Reach),
        ("维持在", Reach),
        // Alone these mean Maintain (see WHOLE_WORDS); before a number, reach it.
        ("保持", Reach),
        ("维持", Reach),
        ("reach", Reach),
        // Inclusive comparators.
        (">=", Cmp(Op::Ge)),
        ("=>", Cmp(Op::Ge)),
        ("≥", Cmp(Op::Ge)),
        ("≧", Cmp(Op::Ge)),
        ("⩾", Cmp(Op::Ge)),
        ("＞＝", Cmp(Op::Ge)),
        ("＞=", Cmp(Op::Ge)),
        (">＝", Cmp(Op::Ge)),
        ("不低于", Cmp(Op::Ge)),
        ("不少于", Cmp(Op::Ge)),
        ("不小于", Cmp(Op::Ge)),
        ("至少", Cmp(Op::Ge)),
        ("at least", Cmp(Op::Ge)),
        ("no less than", Cmp(Op::Ge)),
        ("not less than", Cmp(Op::Ge)),
        ("no fewer than", Cmp(Op::Ge)),
        ("<=", Cmp(Op::Le)),
        ("=<", Cmp(Op::Le)),
        ("≤", Cmp(Op::Le)),
        ("≦", Cmp(Op::Le)),
        ("⩽", Cmp(Op::Le)),
        ("＜＝", Cmp(Op::Le)),
        ("＜=", Cmp(Op::Le)),
        ("<＝", Cmp(Op::Le)),
        ("不超过", Cmp(Op::Le)),
        ("不高于", Cmp(Op::Le)),
        ("不多于", Cmp(Op::Le)),
        ("不大于", Cmp(Op::Le)),
        ("至多", Cmp(Op::Le)),
        ("at most", Cmp(Op::Le)),
        ("no more than", Cmp(Op::Le)),
        ("not more than", Cmp(Op::Le)),
        // Strict comparators.
        (">", Cmp(Op::Gt)),
        ("＞", Cmp(Op::Gt)),
        ("超过", Cmp(Op::Gt)),
        ("高于", Cmp(Op::Gt)),
        ("大于", Cmp(Op::Gt)),
        ("多于", Cmp(Op::Gt)),
        ("more than", Cmp(Op::Gt)),
        ("greater than", Cmp(Op::Gt)),
        ("higher than", Cmp(Op::Gt)),
        ("above", Cmp(Op::Gt)),
        ("over", Cmp(Op::Gt)),
        ("<", Cmp(Op::Lt)),
        ("＜", Cmp(Op::Lt)),
        ("低于", Cmp(Op::Lt)),
        ("小于", Cmp(Op::Lt)),
        ("少于", Cmp(Op::Lt)),
        ("不满", Cmp(Op::Lt)),
        ("不足", Cmp(Op::Lt)),
        ("less than", Cmp(Op::Lt)),
        ("fewer than", Cmp(Op::Lt)),
        ("lower than", Cmp(Op::Lt)),
        ("below", Cmp(Op::Lt)),
        ("under", Cmp(Op::Lt)),
        // Changes ("提高到" above is a level, "提高" here is a change).
        ("提高", Change(false)),
        ("提升", Change(false)),
        ("增加", Change(false)),
        ("增长", Change(false)),
        ("上升", Change(false)),
        ("降低", Change(true)),
        ("下降", Change(true)),
        ("减少", Change(true)),
    ]
};

/// Comparators written after the number: "92%以上", "5%以内", "92 or more".
pub(super) const SUFFIX_CMP: &[(&str, Op)] = &[
    ("以上", Op::Ge),
    ("及以上", Op::Ge),
    ("或以上", Op::Ge),
    ("or more", Op::Ge),
    ("or above", Op::Ge),
    ("or higher", Op::Ge),
    ("or greater", Op::Ge),
    ("and above", Op::Ge),
    ("以下", Op::Le),
    ("及以下", Op::Le),
    ("或以下", Op::Le),
    ("以内", Op::Le),
    ("or less", Op::Le),
    ("or below", Op::Le),
    ("or lower", Op::Le),
    ("or fewer", Op::Le),
    ("and below", Op::Le),
];

/// Units of a change in percentage points.
pub(super) const POINTS: &[(&str, ())] = &[
    ("个百分点", ()),
    ("百分点", ()),
    ("pp", ()),
    ("p.p.", ()),
    ("p.p", ()),
    ("pt", ()),
    ("pts", ()),
    ("percentage point", ()),
    ("percentage points", ()),
];

/// Between the bounds of a range. A dash is deliberately absent: "90-95"
/// and "-5--2" read too easily as negative numbers.
pub(super) const RANGE_SEPS: &[(&str, ())] = &[
    ("..", ()),
    ("~", ()),
    ("～", ()),
    ("〜", ()),
    ("至", ()),
    ("到", ()),
    // The en dash ranges are written with (`90–95%`, as displays write them);
    // hyphens and minus signs are not separators.
    ("–", ()),
];

/// Written after a number: "95%左右", "95%上下" — about that level.
pub(super) const ABOUT_SUFFIX: &[(&str, ())] = &[("左右", ()), ("上下", ())];

/// Written before a number: "约95%", "approximately 95%" — about that
/// level. ("around" and "about" are left out on purpose: they stay unknown
/// words, with the list of forms, as they always were.)
pub(super) const ABOUT_PREFIX: &[(&str, ())] = &[
    ("约", ()),
    ("约为", ()),
    ("大约", ()),
    ("approximately", ()),
    ("approx.", ()),
];

/// After a change word: "增长1倍" is baseline × 2.
pub(super) const TIMES: &[(&str, ())] = &[("倍", ())];

/// Chinese numerals a multiple may be written with ("增长一倍", "翻两番").
pub(super) const CHINESE_DIGITS: &[(&str, u32)] = &[
    ("一", 1),
    ("二", 2),
    ("两", 2),
    ("三", 3),
    ("四", 4),
    ("五", 5),
    ("六", 6),
    ("七", 7),
    ("八", 8),
    ("九", 9),
    ("十", 10),
];

/// What a target written as a whole word means.
#[derive(Debug, Clone, Copy)]
pub(super) enum TargetWord {
    Maintain,
    Every(Monotone),
    /// Strictly better than the baseline at the deadline.
    Improve(Direction),
    FullCoverage,
    Eliminate {
        nearly: bool,
    },
    /// The baseline × 2^n: "翻一番" (n = 1), "翻两番" (n = 2).
    Doublings(u32),
}

/// Expressions that are a whole word, matched against the entire (trimmed)
/// rest of the string. The adverb + verb forms ("持续提高", "逐年下降")
/// are built from [`IMPROVE_ADVERBS`] and the verbs below instead.
pub(super) const WHOLE_WORDS: &[(&str, TargetWord)] = {
    use Direction::{Down, Up};
    use Monotone::{Decreasing, Increasing, NonDecreasing, NonIncreasing};
    use TargetWord::{Doublings, Eliminate, Every, FullCoverage, Improve, Maintain};
    &[
        ("maintain", Maintain),
        ("keep", Maintain),
        ("保持", Maintain),
        ("维持", Maintain),
        ("持平", Maintain),
        ("保持稳定", Maintain),
        ("不降低", Maintain),
        ("不低于基期", Maintain),
        ("不低于基期水平", Maintain),
        ("逐年只增不减", Every(NonDecreasing)),
        ("只增不减", Every(NonDecreasing)),
        ("non-decreasing", Every(NonDecreasing)),
        ("never lower", Every(NonDecreasing)),
        ("逐年只减不增", Every(NonIncreasing)),
        ("只减不增", Every(NonIncreasing)),
        ("non-increasing", Every(NonIncreasing)),
        ("never higher", Every(NonIncreasing)),
        ("increasing", Every(Increasing)),
        ("higher every period", Every(Increasing)),
        ("decreasing", Every(Decreasing)),
        ("lower every period", Every(Decreasing)),
        ("higher than the baseline", Improve(Up)),
        ("keep rising", Improve(Up)),
        ("lower than the baseline", Improve(Down)),
        ("keep falling", Improve(Down)),
        ("全覆盖", FullCoverage),
        ("实现全覆盖", FullCoverage),
        ("全面覆盖", FullCoverage),
        ("full coverage", FullCoverage),
        ("消除", Eliminate { nearly: false }),
        ("全面消除", Eliminate { nearly: false }),
        ("清零", Eliminate { nearly: false }),
        ("动态清零", Eliminate { nearly: false }),
        ("eliminate", Eliminate { nearly: false }),
        ("基本消除", Eliminate { nearly: true }),
        ("nearly eliminate", Eliminate { nearly: true }),
        ("翻番", Doublings(1)),
        ("翻一番", Doublings(1)),
        ("翻两番", Doublings(2)),
        ("翻三番", Doublings(3)),
    ]
};

/// Adverbs that make a bare verb a target: "持续提高" is strictly above
/// the baseline at the deadline; "逐年提高" ([`EVERY_YEAR`]) is strictly
/// above the period before, every period.
pub(super) const IMPROVE_ADVERBS: &[&str] = &["持续", "稳步", "不断", "逐步", "进一步", "有所"];
pub(super) const EVERY_YEAR: &[&str] = &["逐年", "每年"];
pub(super) const UP_VERBS: &[&str] = &["提高", "提升", "增长", "增加", "上升"];
pub(super) const DOWN_VERBS: &[&str] = &["下降", "降低", "减少"];

/// A reference region's level, in words: "达到全国平均水平".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum RefWord {
    AtLeast,
    Above,
    BetterThan,
}

/// Words before a region's level. The Chinese ones, but `优于`, need the
/// phrase to end in one of [`LEVEL_ENDS`] ("达到全国平均水平"), so that
/// "达到abc" stays a missing number; the English ones take the rest.
pub(super) const REF_LEADS: &[(&str, RefWord)] = &[
    ("达到", RefWord::AtLeast),
    ("不低于", RefWord::AtLeast),
    ("高于", RefWord::Above),
    ("超过", RefWord::Above),
    ("优于", RefWord::BetterThan),
    ("好于", RefWord::BetterThan),
    ("at least the level of", RefWord::AtLeast),
    ("above the level of", RefWord::Above),
    ("better than", RefWord::BetterThan),
];

/// How a region's level ends in Chinese: "全国平均水平", "全区水平", "全国平均".
pub(super) const LEVEL_ENDS: &[&str] = &["水平", "平均", "平均值", "平均数"];
