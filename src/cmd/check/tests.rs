use super::formats::{escape_data, escape_property};

#[test]
fn escapes_workflow_commands_as_github_documents() {
    assert_eq!(escape_data("50% done\r\nnext"), "50%25 done%0D%0Anext");
    assert_eq!(escape_property("a,b:c%"), "a%2Cb%3Ac%25");
}
