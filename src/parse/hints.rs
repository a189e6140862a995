//! How often a feed document says it changes: RSS `<ttl>` (minutes) and the RSS 1.0 syndication
//! module's `sy:updatePeriod` / `sy:updateFrequency` (a period divided by a count). feed-rs reads
//! `ttl`; the syndication elements are found by a scan of the raw document.

use chrono::Duration;
use memchr::memmem;

/// The longer of the document's hints (both mean "not sooner than this"); None without any.
pub(super) fn fresh_for(ttl_minutes: Option<u32>, utf8: &[u8]) -> Option<Duration> {
    let ttl = ttl_minutes.filter(|m| *m > 0).map(|m| Duration::minutes(i64::from(m)));
    ttl.into_iter().chain(syndication(utf8)).max()
}

/// `sy:updatePeriod` divided by `sy:updateFrequency` (which defaults to 1), whatever the prefix.
fn syndication(utf8: &[u8]) -> Option<Duration> {
    let period = match element_text(utf8, b"updatePeriod")?.to_ascii_lowercase().as_str() {
        "hourly" => Duration::hours(1),
        "daily" => Duration::days(1),
        "weekly" => Duration::weeks(1),
        "monthly" => Duration::days(30),
        "yearly" => Duration::days(365),
        _ => return None,
    };
    let frequency = match element_text(utf8, b"updateFrequency") {
        Some(text) => text.parse::<i32>().ok().filter(|f| *f > 0)?,
        None => 1,
    };
    Some(period / frequency)
}

/// The trimmed text of the first `<prefix:name ...>text<` in the document. Only prefixed
/// elements count: the syndication module lives in its own namespace.
fn element_text(utf8: &[u8], name: &[u8]) -> Option<String> {
    for at in memmem::find_iter(utf8, name) {
        let (before, after) = (&utf8[..at], &utf8[at + name.len()..]);
        if !before.ends_with(b":") || !matches!(after.first(), Some(b'>' | b' ' | b'\t' | b'\r' | b'\n')) {
            continue;
        }
        // The prefix runs back to '<' (and not "</": a closing tag).
        let Some(open) = before.iter().rposition(|b| *b == b'<') else { continue };
        let prefix = &before[open + 1..before.len() - 1];
        if prefix.is_empty()
            || !prefix.iter().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.'))
        {
            continue;
        }
        let Some(close) = after.iter().position(|b| *b == b'>') else { continue };
        let body = &after[close + 1..];
        let end = body.iter().position(|b| *b == b'<').unwrap_or(body.len()).min(64);
        return Some(String::from_utf8_lossy(&body[..end]).trim().to_string());
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    const SY: &str = r#"<rdf:RDF xmlns:sy="http://purl.org/rss/1.0/modules/syndication/">
        <channel><title>T</title><sy:updatePeriod> hourly </sy:updatePeriod>
        <sy:updateFrequency>2</sy:updateFrequency></channel></rdf:RDF>"#;

    #[test]
    fn ttl_is_minutes() {
        assert_eq!(fresh_for(Some(90), b"<rss/>"), Some(Duration::minutes(90)));
        assert_eq!(fresh_for(Some(0), b"<rss/>"), None);
        assert_eq!(fresh_for(None, b"<rss/>"), None);
    }

    #[test]
    fn update_period_is_divided_by_the_frequency() {
        assert_eq!(fresh_for(None, SY.as_bytes()), Some(Duration::minutes(30)));
        let daily = "<x:updatePeriod>daily</x:updatePeriod>";
        assert_eq!(fresh_for(None, daily.as_bytes()), Some(Duration::days(1)));
        let weekly = "<sy:updatePeriod>WEEKLY</sy:updatePeriod><sy:updateFrequency>7</sy:updateFrequency>";
        assert_eq!(fresh_for(None, weekly.as_bytes()), Some(Duration::days(1)));
    }

    #[test]
    fn the_longer_hint_wins() {
        assert_eq!(fresh_for(Some(10), SY.as_bytes()), Some(Duration::minutes(30)));
        assert_eq!(fresh_for(Some(120), SY.as_bytes()), Some(Duration::minutes(120)));
    }

    #[test]
    fn nonsense_gives_no_hint() {
        let cases = [
            "<sy:updatePeriod>fortnightly</sy:updatePeriod>",
            "<sy:updatePeriod>hourly</sy:updatePeriod><sy:updateFrequency>0</sy:updateFrequency>",
            "<sy:updatePeriod>hourly</sy:updatePeriod><sy:updateFrequency>-3</sy:updateFrequency>",
            "<updatePeriod>hourly</updatePeriod>",
            "<description>updatePeriod: hourly</description>",
            "<sy:updatePeriod",
        ];
        for case in cases {
            assert_eq!(fresh_for(None, case.as_bytes()), None, "{case}");
        }
    }
}
