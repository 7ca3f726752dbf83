//! A text the plan gives in Chinese and, optionally, in English: a name, a
//! group, a unit (`name`/`name_en` in the plan file,
//! `docs/plan-format.md#indicators`).
//!
//! Invariant: the Chinese text is the text; English output falls back to
//! it where the plan gives no English, so every language has something to
//! show.

use crate::display::Lang;

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Text {
    /// As the plan writes it (`name`, `group`, `unit`).
    pub zh: String,
    /// The English (`name_en`, …), when the plan gives one.
    pub en: Option<String>,
}

impl Text {
    pub fn new(zh: impl Into<String>, en: Option<String>) -> Text {
        Text { zh: zh.into(), en }
    }

    /// The text in `lang`: the English where there is one, else the Chinese.
    pub fn get(&self, lang: Lang) -> &str {
        match (lang, &self.en) {
            (Lang::En, Some(en)) => en,
            _ => &self.zh,
        }
    }

    /// Both texts, the Chinese first: what a word on the command line may
    /// name.
    pub fn both(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.zh.as_str()).chain(self.en.as_deref())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn english_falls_back_to_the_chinese() {
        let named = Text::new("学前教育", Some("Preschool".into()));
        assert_eq!(named.get(Lang::Zh), "学前教育");
        assert_eq!(named.get(Lang::En), "Preschool");
        let plain = Text::new("学前教育", None);
        assert_eq!(plain.get(Lang::En), "学前教育");
        assert_eq!(named.both().collect::<Vec<_>>(), ["学前教育", "Preschool"]);
    }
}
