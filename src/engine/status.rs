//! Statuses (`docs/methods.md#status`) and their order of severity.

use std::fmt;

/// How a series stands against its target.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Status {
    Achieved,
    OnTrack,
    AtRisk,
    OffTrack,
    Regressing,
    Missed,
    NoData,
}

impl Status {
    pub const ALL: [Status; 7] = [
        Status::Achieved,
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

    /// The word shown to people; `early` is an achievement before the deadline.
    pub fn label(&self, english: bool, early: bool) -> &'static str {
        match (self, english) {
            (Status::Achieved, true) if early => "achieved early",
            (Status::Achieved, true) => "achieved",
            (Status::Achieved, false) if early => "提前完成",
            (Status::Achieved, false) => "已完成",
            (Status::OnTrack, true) => "on track",
            (Status::OnTrack, false) => "符合进度",
            (Status::AtRisk, true) => "at risk",
            (Status::AtRisk, false) => "进度滞后",
            (Status::OffTrack, true) => "off track",
            (Status::OffTrack, false) => "严重滞后",
            (Status::Regressing, true) => "regressing",
            (Status::Regressing, false) => "倒退",
            (Status::Missed, true) => "missed",
            (Status::Missed, false) => "未完成",
            (Status::NoData, true) => "no data",
            (Status::NoData, false) => "无数据",
        }
    }

    /// How bad a status is, for gates (`--fail-on`): higher is worse;
    /// `no-data` is not graded.
    pub fn severity(&self) -> Option<u8> {
        match self {
            Status::Achieved => Some(0),
            Status::OnTrack => Some(1),
            Status::AtRisk => Some(2),
            Status::OffTrack => Some(3),
            Status::Regressing => Some(4),
            Status::Missed => Some(5),
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
