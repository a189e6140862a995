//! The page's title, author, date, site and lead image: readability's reading first (it knows
//! JSON-LD, Open Graph and the byline in the text), trafilatura's where readability has none.

use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};
use rs_trafilatura::ExtractResult;
use url::Url;

use super::Extracted;
use super::readable::Readable;
use crate::parse::absolute;
use crate::sanitize::clean_line;

/// An [`Extracted`] with every field but the content.
pub(super) fn gather(
    readable: Option<&Readable>,
    scored: Option<&ExtractResult>,
    url: Option<&str>,
) -> Extracted {
    let theirs = scored.map(|s| &s.metadata);
    let line = |text: Option<&str>| text.map(clean_line).filter(|t| !t.is_empty());
    let title = line(readable.map(|r| r.title.as_str()))
        .or_else(|| line(theirs.and_then(|m| m.title.as_deref())))
        .unwrap_or_default();
    let author = line(readable.and_then(|r| r.byline.as_deref()))
        .or_else(|| line(theirs.and_then(|m| m.author.as_deref())));
    let published = readable
        .and_then(|r| r.published_time.as_deref())
        .and_then(parse_date)
        .or_else(|| theirs.and_then(|m| m.date));
    let site = line(readable.and_then(|r| r.site_name.as_deref()))
        .or_else(|| line(theirs.and_then(|m| m.sitename.as_deref())));
    let title = match &site {
        Some(site) => without_site(&title, site).to_string(),
        None => title,
    };
    let base = url.and_then(|u| Url::parse(u).ok());
    let lead_image = readable
        .and_then(|r| r.image.as_deref())
        .or_else(|| theirs.and_then(|m| m.image.as_deref()))
        .and_then(|image| absolute(&clean_line(image), base.as_ref()));
    Extracted { title, author, published, site, lead_image, content_html: String::new() }
}

/// "Headline | Site" (or "Site - Headline"): pages name themselves in their `<title>`.
fn without_site<'a>(title: &'a str, site: &str) -> &'a str {
    for separator in [" | ", " - ", " – ", " — ", " :: ", " · "] {
        if let Some(rest) = title.strip_suffix(site).and_then(|t| t.strip_suffix(separator)) {
            return rest.trim();
        }
        if let Some(rest) = title.strip_prefix(site).and_then(|t| t.strip_prefix(separator)) {
            return rest.trim();
        }
    }
    title
}

/// Dates as pages write them: RFC 3339 (with or without a zone), RFC 2822, or a bare date. A
/// time without a zone is taken as UTC.
pub(super) fn parse_date(text: &str) -> Option<DateTime<Utc>> {
    let text = text.trim();
    if let Ok(date) = DateTime::parse_from_rfc3339(text) {
        return Some(date.with_timezone(&Utc));
    }
    if let Ok(date) = DateTime::parse_from_rfc2822(text) {
        return Some(date.with_timezone(&Utc));
    }
    for format in ["%Y-%m-%dT%H:%M:%S%.f%z", "%Y-%m-%d %H:%M:%S%.f%z"] {
        if let Ok(date) = DateTime::parse_from_str(text, format) {
            return Some(date.with_timezone(&Utc));
        }
    }
    for format in ["%Y-%m-%dT%H:%M:%S%.f", "%Y-%m-%d %H:%M:%S%.f", "%Y-%m-%dT%H:%M"] {
        if let Ok(date) = NaiveDateTime::parse_from_str(text, format) {
            return Some(date.and_utc());
        }
    }
    let date = NaiveDate::parse_from_str(text.get(..10)?, "%Y-%m-%d").ok()?;
    Some(date.and_hms_opt(0, 0, 0)?.and_utc())
}

#[cfg(test)]
mod tests {
    use super::parse_date;

    #[test]
    fn dates_in_the_forms_pages_use() {
        let want = "2026-11-19T13:03:00+00:00";
        for text in [
            "2026-11-19T13:03:00Z",
            "2026-11-19T14:03:00+01:00",
            "2026-11-19T13:03:00.000Z",
            "2026-11-19T13:03:00",
            "2026-11-19 13:03:00",
            "Thu, 19 Nov 2026 13:03:00 GMT",
            "2026-11-19T14:03:00+0100",
        ] {
            assert_eq!(parse_date(text).map(|d| d.to_rfc3339()).as_deref(), Some(want), "{text}");
        }
        assert_eq!(
            parse_date("2026-11-19").map(|d| d.to_rfc3339()).as_deref(),
            Some("2026-11-19T00:00:00+00:00")
        );
        assert_eq!(parse_date("last Tuesday"), None);
    }
}
