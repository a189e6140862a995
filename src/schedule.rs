//! When a feed may be fetched again: its interval, what its server said (Retry-After, 410 Gone,
//! cache lifetimes) and how often it failed in a row. Pure rules on times; the store keeps the
//! facts, the refresh and the reader ask these rules.
//!
//! The backoff: after `n` consecutive failures the periodic refresh waits
//! `min(base * 2^(n-1), 1 day)` after the last attempt, where `base` is the feed's interval but
//! at least 15 minutes (so a feed refreshed only at start-up backs off too), and never less than
//! the interval itself. A success (200 or 304) resets `n`.

use chrono::{DateTime, Duration, Utc};

use crate::zone::Zone;

/// Longest a server's Retry-After is honoured: a week, so a mistaken header cannot silence a
/// feed for good.
pub const MAX_RETRY_AFTER: Duration = Duration::days(7);
/// Longest a cache hint (max-age, Expires, ttl, sy:updatePeriod) holds back the periodic refresh.
pub const MAX_FRESH: Duration = Duration::days(1);
/// Longest wait between attempts at a feed that keeps failing.
pub const MAX_BACKOFF: Duration = Duration::days(1);
/// Shortest base of the backoff.
pub const BACKOFF_FLOOR: Duration = Duration::minutes(15);

/// What the store remembers about a feed's past fetches.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Schedule {
    /// The feed's own refresh interval, if it has one.
    pub refresh_minutes: Option<u32>,
    /// The last attempt, successful or not.
    pub last_fetched: Option<DateTime<Utc>>,
    /// Failures in a row since the last success.
    pub failures: u32,
    /// The server asked (429/503 with Retry-After) not to be asked before this.
    pub retry_at: Option<DateTime<Utc>>,
    /// The last answer's cache lifetime ends here.
    pub fresh_until: Option<DateTime<Utc>>,
    /// The server answered 410 Gone.
    pub gone: bool,
}

/// Who is asking for a refresh: the stricter the rules, the more automatic the ask.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ask {
    /// The reader's timer (and its refresh at start-up): intervals, hints, backoff, all of it.
    Periodic { default_minutes: u32 },
    /// Every feed, by hand (R, `byline refresh`): only Retry-After and Gone hold a feed back.
    All,
    /// This feed by name (r, `byline refresh --feed URL`): only Retry-After holds it back.
    Named,
    /// `byline refresh --force`: nothing holds a feed back.
    Force,
}

/// Why a feed is not fetched now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hold {
    RateLimited {
        until: DateTime<Utc>,
    },
    Gone,
    /// Not due yet by its interval, cache hints or backoff (periodic refresh only).
    NotDue,
}

impl Schedule {
    /// Whether (and why not) to fetch the feed now for `ask`.
    pub fn hold(&self, now: DateTime<Utc>, ask: Ask) -> Option<Hold> {
        if ask == Ask::Force {
            return None;
        }
        if let Some(until) = self.rate_limited(now) {
            return Some(Hold::RateLimited { until });
        }
        match ask {
            Ask::Force | Ask::Named => None,
            Ask::All => self.gone.then_some(Hold::Gone),
            Ask::Periodic { default_minutes } => match self.next_periodic(default_minutes) {
                None => Some(Hold::Gone),
                Some(at) if at > now => Some(Hold::NotDue),
                Some(_) => None,
            },
        }
    }

    /// The Retry-After time while it lies ahead.
    pub fn rate_limited(&self, now: DateTime<Utc>) -> Option<DateTime<Utc>> {
        self.retry_at.filter(|until| *until > now)
    }

    /// The earliest time the periodic refresh fetches the feed (the distant past when it never
    /// was); None for a gone feed, which it never fetches.
    pub fn next_periodic(&self, default_minutes: u32) -> Option<DateTime<Utc>> {
        if self.gone {
            return None;
        }
        let interval = Duration::minutes(i64::from(self.refresh_minutes.unwrap_or(default_minutes)));
        let by_interval = self.last_fetched.map(|last| last + backoff(interval, self.failures));
        let at = [by_interval, self.retry_at, self.fresh_until].into_iter().flatten().max();
        Some(at.unwrap_or(DateTime::<Utc>::MIN_UTC))
    }

    /// When a failing feed is tried again by the periodic refresh: set only while it backs off
    /// beyond its plain interval (or waits for a Retry-After).
    pub fn retrying_after(&self, default_minutes: u32) -> Option<DateTime<Utc>> {
        if self.failures == 0 && self.retry_at.is_none() {
            return None;
        }
        self.next_periodic(default_minutes)
    }
}

/// The wait after the last attempt before the next periodic one (see the module's rule).
pub fn backoff(interval: Duration, failures: u32) -> Duration {
    if failures == 0 {
        return interval;
    }
    let base = interval.max(BACKOFF_FLOOR);
    // 2^16 times 15 minutes is far past a day already: no overflow, same answer.
    let doubled = base.checked_mul(1 << (failures - 1).min(16)).unwrap_or(MAX_BACKOFF);
    interval.max(doubled.min(MAX_BACKOFF))
}

/// The end of an answer's freshness: now plus the longer of the server's cache lifetime and the
/// document's own hint, capped at [`MAX_FRESH`]; None without either.
pub fn fresh_until(
    now: DateTime<Utc>,
    http: Option<Duration>,
    document: Option<Duration>,
) -> Option<DateTime<Utc>> {
    let hint = http.into_iter().chain(document).max()?;
    (hint > Duration::zero()).then(|| now + hint.min(MAX_FRESH))
}

/// Why a fetch failed, as far as the schedule cares.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Failure {
    /// Anything else (connect, timeout, HTTP error, parse error): one line; counts towards the
    /// backoff.
    Error(String),
    /// 429 or 503 with a Retry-After ahead: not asked again before `until`. Not counted towards
    /// the backoff: the server said when to come back.
    RateLimited { status: u16, until: DateTime<Utc> },
    /// 410 Gone: the periodic refresh stops asking.
    Gone,
}

impl Failure {
    /// The failure as a user reads it: Retry-After in local time ("rate limited until 14:30",
    /// dated when not on `reference`'s day), and for a gone feed how to `remove` it.
    pub fn describe(&self, reference: DateTime<Utc>, tz: Zone, remove: &str) -> String {
        match self {
            Failure::Error(reason) => reason.clone(),
            Failure::RateLimited { until, .. } => {
                format!("rate limited until {}", local_time(*until, reference, tz))
            }
            Failure::Gone => format!("gone (HTTP 410): the site removed this feed; remove it with {remove}"),
        }
    }
}

/// A feed's trouble in one line (the feeds pane, `byline feeds`), None when its last refresh
/// went well: why it failed, and when the periodic refresh tries it again.
pub fn feed_note(
    last_error: Option<&str>,
    schedule: &Schedule,
    default_minutes: u32,
    reference: DateTime<Utc>,
    tz: Zone,
    remove: &str,
) -> Option<String> {
    if schedule.gone {
        return Some(Failure::Gone.describe(reference, tz, remove));
    }
    let reason = last_error?;
    if let Some(until) = schedule.retry_at {
        return Some(Failure::RateLimited { status: 429, until }.describe(reference, tz, remove));
    }
    match schedule.retrying_after(default_minutes) {
        Some(at) if schedule.failures > 0 => {
            Some(format!("{reason} · retrying after {}", local_time(at, reference, tz)))
        }
        _ => Some(reason.to_string()),
    }
}

impl std::fmt::Display for Failure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Failure::Error(reason) => f.write_str(reason),
            Failure::RateLimited { status, .. } => write!(f, "rate limited (HTTP {status})"),
            Failure::Gone => f.write_str("gone (HTTP 410)"),
        }
    }
}

impl From<String> for Failure {
    fn from(reason: String) -> Self {
        Failure::Error(reason)
    }
}

impl From<&str> for Failure {
    fn from(reason: &str) -> Self {
        Failure::Error(reason.to_string())
    }
}

/// `at` as local time for a one-line message: "14:30" on the day of `reference` (the time of the
/// attempt or of the message), else "2026-11-21 14:30".
pub fn local_time(at: DateTime<Utc>, reference: DateTime<Utc>, tz: Zone) -> String {
    let local = tz.at(at);
    if local.date_naive() == tz.at(reference).date_naive() {
        local.format("%H:%M").to_string()
    } else {
        local.format("%Y-%m-%d %H:%M").to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn at(h: u32, m: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 20, h, m, 0).single().expect("valid time")
    }

    fn failing(failures: u32, minutes: u32) -> Schedule {
        Schedule {
            refresh_minutes: Some(minutes),
            last_fetched: Some(at(8, 0)),
            failures,
            ..Schedule::default()
        }
    }

    #[test]
    fn backoff_doubles_from_the_interval_up_to_a_day() {
        let hour = Duration::hours(1);
        assert_eq!(backoff(hour, 0), hour);
        assert_eq!(backoff(hour, 1), hour);
        assert_eq!(backoff(hour, 2), hour * 2);
        assert_eq!(backoff(hour, 3), hour * 4);
        assert_eq!(backoff(hour, 5), hour * 16);
        assert_eq!(backoff(hour, 6), MAX_BACKOFF);
        assert_eq!(backoff(hour, 60), MAX_BACKOFF);
        assert_eq!(backoff(hour, u32::MAX), MAX_BACKOFF);
    }

    #[test]
    fn backoff_has_a_floor_and_never_shortens_a_long_interval() {
        assert_eq!(backoff(Duration::zero(), 0), Duration::zero());
        assert_eq!(backoff(Duration::zero(), 1), BACKOFF_FLOOR);
        assert_eq!(backoff(Duration::minutes(5), 3), Duration::minutes(60));
        assert_eq!(backoff(Duration::days(2), 4), Duration::days(2));
    }

    #[test]
    fn a_failing_feed_is_due_later_and_later() {
        let periodic = Ask::Periodic { default_minutes: 30 };
        // 60-minute interval, last attempt 08:00.
        assert_eq!(failing(1, 60).hold(at(9, 0), periodic), None);
        assert_eq!(failing(2, 60).hold(at(9, 59), periodic), Some(Hold::NotDue));
        assert_eq!(failing(2, 60).hold(at(10, 0), periodic), None);
        assert_eq!(failing(3, 60).hold(at(11, 59), periodic), Some(Hold::NotDue));
        assert_eq!(failing(3, 60).hold(at(12, 0), periodic), None);
        assert_eq!(failing(4, 60).next_periodic(30), Some(at(16, 0)));
        assert_eq!(failing(9, 60).next_periodic(30), Some(at(8, 0) + Duration::days(1)));
        // A success resets the count: the plain interval again.
        assert_eq!(failing(0, 60).hold(at(9, 0), periodic), None);
        assert_eq!(failing(0, 60).retrying_after(30), None);
        assert_eq!(failing(2, 60).retrying_after(30), Some(at(10, 0)));
    }

    #[test]
    fn explicit_asks_ignore_the_backoff_and_hints() {
        let s = Schedule { fresh_until: Some(at(20, 0)), ..failing(9, 60) };
        assert_eq!(s.hold(at(8, 1), Ask::Periodic { default_minutes: 30 }), Some(Hold::NotDue));
        assert_eq!(s.hold(at(8, 1), Ask::All), None);
        assert_eq!(s.hold(at(8, 1), Ask::Named), None);
    }

    #[test]
    fn retry_after_holds_every_ask_but_force() {
        let s = Schedule { retry_at: Some(at(8, 2)), ..failing(0, 1) };
        let limited = Some(Hold::RateLimited { until: at(8, 2) });
        for ask in [Ask::Periodic { default_minutes: 1 }, Ask::All, Ask::Named] {
            assert_eq!(s.hold(at(8, 1), ask), limited, "{ask:?}");
            assert_eq!(s.hold(at(8, 2), ask), None, "{ask:?}");
        }
        assert_eq!(s.hold(at(8, 1), Ask::Force), None);
    }

    #[test]
    fn a_gone_feed_is_fetched_only_by_name() {
        let s = Schedule { gone: true, ..failing(0, 1) };
        let later = at(23, 0);
        assert_eq!(s.hold(later, Ask::Periodic { default_minutes: 1 }), Some(Hold::Gone));
        assert_eq!(s.hold(later, Ask::All), Some(Hold::Gone));
        assert_eq!(s.hold(later, Ask::Named), None);
        assert_eq!(s.next_periodic(1), None);
    }

    #[test]
    fn a_cache_hint_delays_only_the_periodic_refresh() {
        let s = Schedule { fresh_until: Some(at(9, 0)), ..failing(0, 5) };
        let periodic = Ask::Periodic { default_minutes: 30 };
        assert_eq!(s.hold(at(8, 30), periodic), Some(Hold::NotDue));
        assert_eq!(s.hold(at(9, 0), periodic), None);
        assert_eq!(s.hold(at(8, 30), Ask::All), None);
    }

    #[test]
    fn fresh_until_takes_the_longer_hint_capped_at_a_day() {
        let now = at(8, 0);
        assert_eq!(fresh_until(now, None, None), None);
        assert_eq!(fresh_until(now, Some(Duration::hours(1)), None), Some(at(9, 0)));
        assert_eq!(fresh_until(now, Some(Duration::hours(1)), Some(Duration::hours(2))), Some(at(10, 0)));
        assert_eq!(fresh_until(now, None, Some(Duration::days(365))), Some(now + MAX_FRESH));
    }

    #[test]
    fn feed_notes_say_why_and_until_when() {
        let tz = Zone::UTC;
        let note = |error: Option<&str>, s: &Schedule| feed_note(error, s, 30, at(8, 0), tz, "d");
        assert_eq!(note(None, &Schedule::default()), None);
        assert_eq!(
            note(Some("HTTP 500"), &failing(3, 60)).as_deref(),
            Some("HTTP 500 · retrying after 12:00")
        );
        let limited = Schedule { retry_at: Some(at(8, 2)), ..failing(0, 60) };
        assert_eq!(
            note(Some("rate limited (HTTP 429)"), &limited).as_deref(),
            Some("rate limited until 08:02")
        );
        let gone = Schedule { gone: true, ..failing(1, 60) };
        let text = note(Some("gone (HTTP 410)"), &gone).expect("a note");
        assert_eq!(text, "gone (HTTP 410): the site removed this feed; remove it with d");
    }

    #[test]
    fn local_time_adds_the_date_on_another_day() {
        let tz = Zone::Fixed(chrono::FixedOffset::east_opt(3600).expect("offset"));
        assert_eq!(local_time(at(13, 5), at(8, 0), tz), "14:05");
        assert_eq!(local_time(at(23, 30), at(8, 0), tz), "2026-11-21 00:30");
    }
}
