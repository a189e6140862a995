//! The time zone dates are shown in. The system's zone gives each instant the offset in force at
//! that instant (in Berlin a January date is +01:00, a July one +02:00): one offset taken at
//! start-up would put the dates across a daylight-saving change an hour off.

use chrono::{DateTime, FixedOffset, Local, Utc};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Zone {
    /// The system's: TZ, else /etc/localtime. chrono keeps the rules cached (it re-checks those
    /// files at most once a second); the offset depends on the instant converted, not the clock.
    Local,
    /// One offset for every date, for tests and snapshots.
    Fixed(FixedOffset),
}

impl Zone {
    pub const UTC: Zone = Zone::Fixed(FixedOffset::east_opt(0).expect("zero offset is valid"));

    /// `at` as this zone's wall-clock time, with the offset in force at that instant.
    pub fn at(self, at: DateTime<Utc>) -> DateTime<FixedOffset> {
        match self {
            Zone::Local => at.with_timezone(&Local).fixed_offset(),
            Zone::Fixed(offset) => at.with_timezone(&offset),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn a_fixed_zone_shifts_every_instant_by_its_offset() {
        let zone = Zone::Fixed(FixedOffset::east_opt(-5 * 3600).expect("offset"));
        let at = Utc.with_ymd_and_hms(2026, 7, 1, 3, 30, 0).single().expect("time");
        let local = zone.at(at);
        assert_eq!(local.to_rfc3339(), "2026-06-30T22:30:00-05:00");
        assert_eq!(local, at, "the same instant");
    }
}
