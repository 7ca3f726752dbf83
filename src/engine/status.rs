//! Statuses (`docs/methods.md#status`) and their order of severity. The
//! words people read are [`crate::display`]'s.

use std::fmt;

/// How a series stands against its target.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Status {
    Achieved,
    /// Progress well ahead of the time elapsed (`R ≥ 1.10` by default).
    Ahead,
    OnTrack,
    AtRisk,
    OffTrack,
    Regressing,
    Missed,
    NoData,
}

impl Status {
    pub const ALL: [Status; 8] = [
        Status::Achieved,
        Status::Ahead,
        Status::OnTrack,
        Status::AtRisk,
        Status::OffTrack,
        Status::Regressing,
        Status::Missed,
        Status::NoData,
    ];

    /// The status's place in [`Status::ALL`] (for per-status counts).
    pub fn index(self) -> usize {
        self as usize
    }

    /// The stable English word of machine output.
    pub fn as_str(&self) -> &'static str {
        match self {
            Status::Achieved => "achieved",
            Status::Ahead => "ahead",
            Status::OnTrack => "on-track",
            Status::AtRisk => "at-risk",
            Status::OffTrack => "off-track",
            Status::Regressing => "regressing",
            Status::Missed => "missed",
            Status::NoData => "no-data",
        }
    }

    pub fn parse(s: &str) -> Option<Status> {
        Status::ALL.into_iter().find(|st| st.as_str() == s.trim())
    }

    /// How bad a status is, for gates (`--fail-on`): higher is worse;
    /// `no-data` is not graded.
    pub fn severity(&self) -> Option<u8> {
        match self {
            Status::Achieved => Some(0),
            Status::Ahead => Some(1),
            Status::OnTrack => Some(2),
            Status::AtRisk => Some(3),
            Status::OffTrack => Some(4),
            Status::Regressing => Some(5),
            Status::Missed => Some(6),
            Status::NoData => None,
        }
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn index_is_the_place_in_all() {
        for (i, s) in Status::ALL.iter().enumerate() {
            assert_eq!(s.index(), i);
        }
    }
}
