//! A series' breakdown: the values of its breakdown columns (any column
//! that is not one of [`super::PLAIN_COLUMNS`]), as one key.
//!
//! The key is stored as `dim=value;dim=value` in the order the columns
//! first appear, empty for a total series; this type is the one place that
//! reads it, and its `Display` (`sex=女, age=6-11`) is how people see it.

use std::fmt;

/// A borrowed breakdown key (see the module doc).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, PartialOrd, Ord, Hash)]
pub struct Breakdown<'a>(&'a str);

impl<'a> Breakdown<'a> {
    /// The breakdown a stored key stands for.
    pub fn new(key: &'a str) -> Breakdown<'a> {
        Breakdown(key)
    }

    /// A total series has no breakdown.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The stored key (`dim=value;dim=value`).
    pub fn key(&self) -> &'a str {
        self.0
    }

    /// `(dim, value)` pairs, in column order.
    pub fn pairs(&self) -> impl Iterator<Item = (&'a str, &'a str)> {
        (self.0.split(';')).filter_map(|kv| kv.split_once('='))
    }

    /// The value of one column, if the breakdown has it.
    pub fn value(&self, dim: &str) -> Option<&'a str> {
        self.pairs().find(|(k, _)| *k == dim).map(|(_, v)| v)
    }

    /// Whether this is a breakdown by `dim` alone (`--by dim` rows).
    pub fn only(&self, dim: &str) -> bool {
        !self.is_empty()
            && self
                .0
                .split(';')
                .all(|kv| kv.split_once('=').is_some_and(|(k, _)| k == dim))
    }

    /// [`Breakdown::only`] of a stored key.
    pub fn only_of(key: &str, dim: &str) -> bool {
        Breakdown(key).only(dim)
    }

    /// Add `dim=value` to a key being built (nothing for an empty value).
    pub fn push(key: &mut String, dim: &str, value: &str) {
        if !value.is_empty() {
            if !key.is_empty() {
                key.push(';');
            }
            key.push_str(dim);
            key.push('=');
            key.push_str(value);
        }
    }
}

impl fmt::Display for Breakdown<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, part) in self.0.split(';').enumerate() {
            if i > 0 {
                f.write_str(", ")?;
            }
            f.write_str(part)?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_its_key_one_way() {
        let mut key = String::new();
        Breakdown::push(&mut key, "sex", "女");
        Breakdown::push(&mut key, "area", "");
        Breakdown::push(&mut key, "age", "6-11");
        let b = Breakdown::new(&key);
        assert_eq!(b.key(), "sex=女;age=6-11");
        assert_eq!(b.value("age"), Some("6-11"));
        assert_eq!(b.value("area"), None);
        assert_eq!(b.to_string(), "sex=女, age=6-11");
        assert!(!b.only("sex"));
        assert!(Breakdown::new("sex=男").only("sex"));
        assert!(!Breakdown::new("").only("sex"));
        assert_eq!(Breakdown::new("").to_string(), "");
    }
}
