//! YoY and change: in percentage points for % units, also relative for other
//! units.

use super::{d, run, year};
use crate::engine::{Change, Dated};

#[test]
fn yoy_and_change_in_percentage_points_for_percent_units() {
    let a = run(
        ">= 95",
        None,
        None,
        "%",
        &[("2020", "80"), ("2021", "90"), ("2022", "91.5")],
        "2022",
    );
    assert_eq!(a.previous, Some(Dated::new(year(2021), d("90"))));
    assert_eq!(
        a.yoy,
        Some(Change {
            amount: d("1.5"),
            percent: None
        })
    );
    assert_eq!(
        a.change,
        Some(Change {
            amount: d("11.5"),
            percent: None
        })
    );
}

#[test]
fn yoy_and_change_also_relative_for_other_units() {
    let a = run(
        ">= 200",
        None,
        None,
        "人",
        &[("2020", "80"), ("2022", "100"), ("2023", "107.2")],
        "2023",
    );
    assert_eq!(
        a.yoy,
        Some(Change {
            amount: d("7.2"),
            percent: Some(d("7.2"))
        })
    );
    assert_eq!(
        a.change,
        Some(Change {
            amount: d("27.2"),
            percent: Some(d("34"))
        })
    );
}
