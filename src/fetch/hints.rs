//! What an HTTP answer says about when to come back: `Retry-After` on a 429 or 503, and the cache
//! lifetime (`Cache-Control: max-age`, else `Expires`) of a 200 or 304. Times a server gives as
//! dates are read against its own `Date` header when it sent one, so a server whose clock is off
//! still means what it says.

use chrono::{DateTime, Duration, NaiveDateTime, Utc};
use reqwest::header::{self, HeaderMap};

use crate::schedule::MAX_RETRY_AFTER;

/// When a 429 or 503 asks to be asked again; None without a usable header or when that time is
/// not in the future. A week at most.
pub(super) fn retry_after(headers: &HeaderMap, now: DateTime<Utc>) -> Option<DateTime<Utc>> {
    let value = text(headers, header::RETRY_AFTER)?;
    let wait = if !value.is_empty() && value.bytes().all(|b| b.is_ascii_digit()) {
        // Any number of seconds past a week is a week.
        let seconds = value.parse::<i64>().unwrap_or(i64::MAX);
        Duration::seconds(seconds.min(MAX_RETRY_AFTER.num_seconds()))
    } else {
        until(http_date(value)?, headers, now)
    };
    (wait > Duration::zero()).then(|| now + wait.min(MAX_RETRY_AFTER))
}

/// How long the answer stays fresh; None when the server gave no lifetime, or said not to cache
/// (`no-cache`, `no-store`), or the lifetime is already over.
pub(super) fn fresh_for(headers: &HeaderMap, now: DateTime<Utc>) -> Option<Duration> {
    let mut max_age = None;
    for value in headers.get_all(header::CACHE_CONTROL) {
        let Ok(value) = value.to_str() else { continue };
        for directive in value.split(',') {
            let (name, arg) = directive.split_once('=').unwrap_or((directive, ""));
            match name.trim().to_ascii_lowercase().as_str() {
                "no-cache" | "no-store" => return None,
                "max-age" => max_age = arg.trim().trim_matches('"').parse::<i64>().ok(),
                _ => {}
            }
        }
    }
    let lifetime = match max_age {
        // max-age overrides Expires (RFC 9111 5.3).
        Some(seconds) => Duration::seconds(seconds.clamp(0, i64::from(u32::MAX))),
        // An invalid Expires ("0", "-1") means already expired.
        None => until(http_date(text(headers, header::EXPIRES)?)?, headers, now),
    };
    (lifetime > Duration::zero()).then_some(lifetime)
}

/// How far `at` lies ahead, by the server's clock when it sent its `Date`, else by ours.
fn until(at: DateTime<Utc>, headers: &HeaderMap, now: DateTime<Utc>) -> Duration {
    let base = text(headers, header::DATE).and_then(http_date).unwrap_or(now);
    at - base
}

fn text(headers: &HeaderMap, name: header::HeaderName) -> Option<&str> {
    headers.get(name).and_then(|v| v.to_str().ok()).map(str::trim)
}

/// An HTTP date: IMF-fixdate ("Sun, 06 Nov 1994 08:49:37 GMT"), or the obsolete RFC 850 and
/// asctime forms that RFC 9110 still asks recipients to read.
pub fn http_date(text: &str) -> Option<DateTime<Utc>> {
    let text = text.trim();
    if let Ok(date) = DateTime::parse_from_rfc2822(text) {
        return Some(date.to_utc());
    }
    ["%A, %d-%b-%y %H:%M:%S GMT", "%a %b %e %H:%M:%S %Y"]
        .iter()
        .find_map(|format| NaiveDateTime::parse_from_str(text, format).ok())
        .map(|naive| naive.and_utc())
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;
    use reqwest::header::HeaderValue;

    fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 20, 8, 0, 0).single().expect("valid time")
    }

    fn headers(pairs: &[(&'static str, &str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (name, value) in pairs {
            map.append(*name, HeaderValue::from_str(value).expect("header value"));
        }
        map
    }

    #[test]
    fn retry_after_in_seconds_or_as_a_date() {
        let at = |pairs| retry_after(&headers(pairs), now());
        assert_eq!(at(&[("retry-after", "120")]), Some(now() + Duration::seconds(120)));
        assert_eq!(
            at(&[("retry-after", "Fri, 20 Nov 2026 09:30:00 GMT")]),
            Some(now() + Duration::minutes(90))
        );
        // A server clock an hour fast: its own Date says how far ahead it means.
        let fast =
            [("retry-after", "Fri, 20 Nov 2026 09:30:00 GMT"), ("date", "Fri, 20 Nov 2026 09:00:00 GMT")];
        assert_eq!(at(&fast), Some(now() + Duration::minutes(30)));
        assert_eq!(at(&[("retry-after", "0")]), None);
        assert_eq!(at(&[("retry-after", "Fri, 20 Nov 2026 07:00:00 GMT")]), None);
        assert_eq!(at(&[("retry-after", "soon")]), None);
        assert_eq!(at(&[]), None);
    }

    #[test]
    fn an_absurd_retry_after_is_capped_at_a_week() {
        let week = Some(now() + MAX_RETRY_AFTER);
        assert_eq!(retry_after(&headers(&[("retry-after", "99999999999999999999")]), now()), week);
        assert_eq!(retry_after(&headers(&[("retry-after", "9999999999")]), now()), week);
        assert_eq!(retry_after(&headers(&[("retry-after", "Sat, 01 Jan 2050 00:00:00 GMT")]), now()), week);
    }

    #[test]
    fn max_age_wins_over_expires_and_no_cache_means_no_hint() {
        let fresh = |pairs| fresh_for(&headers(pairs), now());
        assert_eq!(fresh(&[("cache-control", "public, max-age=3600")]), Some(Duration::hours(1)));
        assert_eq!(fresh(&[("cache-control", "max-age=\"600\"")]), Some(Duration::minutes(10)));
        assert_eq!(
            fresh(&[("cache-control", "max-age=60"), ("expires", "Fri, 20 Nov 2026 10:00:00 GMT")]),
            Some(Duration::minutes(1))
        );
        assert_eq!(fresh(&[("cache-control", "no-cache, max-age=3600")]), None);
        assert_eq!(fresh(&[("cache-control", "private"), ("cache-control", "no-store")]), None);
        assert_eq!(fresh(&[("cache-control", "max-age=0")]), None);
        assert_eq!(fresh(&[]), None);
    }

    #[test]
    fn expires_is_read_against_the_servers_date() {
        let fresh = |pairs| fresh_for(&headers(pairs), now());
        assert_eq!(fresh(&[("expires", "Fri, 20 Nov 2026 10:00:00 GMT")]), Some(Duration::hours(2)));
        let dated = [("expires", "Fri, 20 Nov 2026 10:00:00 GMT"), ("date", "Fri, 20 Nov 2026 09:45:00 GMT")];
        assert_eq!(fresh(&dated), Some(Duration::minutes(15)));
        assert_eq!(fresh(&[("expires", "0")]), None);
        assert_eq!(fresh(&[("expires", "Thu, 01 Jan 1970 00:00:00 GMT")]), None);
    }

    #[test]
    fn http_dates_in_all_three_forms() {
        let expected = Utc.with_ymd_and_hms(1994, 11, 6, 8, 49, 37).single();
        assert_eq!(http_date("Sun, 06 Nov 1994 08:49:37 GMT"), expected);
        assert_eq!(http_date("Sunday, 06-Nov-94 08:49:37 GMT"), expected);
        assert_eq!(http_date("Sun Nov  6 08:49:37 1994"), expected);
        assert_eq!(http_date("yesterday"), None);
    }
}
