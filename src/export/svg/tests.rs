use super::*;

#[test]
fn escapes_markup_and_both_quotes() {
    assert_eq!(
        escape("<script>alert(1)</script>"),
        "&lt;script&gt;alert(1)&lt;/script&gt;"
    );
    assert_eq!(escape("\" onmouseover=\""), "&quot; onmouseover=&quot;");
    assert_eq!(escape("' & '"), "&#39; &amp; &#39;");
    assert_eq!(escape("a\u{1}b\tc"), "a\u{fffd}b\tc");
    assert_eq!(escape("学前三年毛入园率"), "学前三年毛入园率");
}

#[test]
fn nice_steps_and_their_decimals() {
    assert_eq!(nice_step(2.0, 4.0), 0.5);
    assert_eq!(nice_step(10.0, 4.0), 2.5);
    assert_eq!(nice_step(7.0, 4.0), 2.0);
    assert_eq!(nice_step(300.0, 4.0), 100.0);
    assert_eq!(step_decimals(0.5), 1);
    assert_eq!(step_decimals(2.5), 1);
    assert_eq!(step_decimals(0.25), 2);
    assert_eq!(step_decimals(100.0), 0);
}
