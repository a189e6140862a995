//! Feed autodiscovery: the `<link rel="alternate" type="application/rss+xml" href=...>` tags an
//! HTML page uses to point at its feeds. A tolerant scan, not an HTML parser: pages are often
//! broken and only these tags matter.

use url::Url;

use crate::parse::html::{decode_entities, find};

const FEED_TYPES: [&str; 3] = ["application/rss+xml", "application/atom+xml", "application/feed+json"];

/// The feeds `html` links to, absolute (against `<base href>` if any, else `base`), in page
/// order, without duplicates.
pub fn discover_feeds(html: &[u8], base: &str) -> Vec<String> {
    let mut base = Url::parse(base).ok();
    let mut feeds: Vec<String> = Vec::new();
    let mut rest = html;
    while let Some(open) = rest.iter().position(|&b| b == b'<') {
        rest = &rest[open + 1..];
        if rest.starts_with(b"!--") {
            rest = find(rest, b"-->").map_or(&[][..], |end| &rest[end + 3..]);
            continue;
        }
        let name_end = rest.iter().position(|b| !b.is_ascii_alphanumeric()).unwrap_or(rest.len());
        let name = &rest[..name_end];
        if !name.eq_ignore_ascii_case(b"link") && !name.eq_ignore_ascii_case(b"base") {
            continue;
        }
        let (attributes, after) = attributes(&rest[name_end..]);
        rest = after;
        let value =
            |key: &str| attributes.iter().find(|(k, _)| k.eq_ignore_ascii_case(key)).map(|(_, v)| v.as_str());
        let href = value("href").map(str::trim).unwrap_or_default();
        if name.eq_ignore_ascii_case(b"base") {
            if let Ok(url) = base.as_ref().map_or_else(|| Url::parse(href), |b| b.join(href)) {
                base = Some(url);
            }
            continue;
        }
        let alternate = value("rel")
            .is_some_and(|rel| rel.split_ascii_whitespace().any(|r| r.eq_ignore_ascii_case("alternate")));
        let media = value("type").unwrap_or_default();
        let media = media.split(';').next().unwrap_or_default().trim();
        // An empty href would resolve to the page itself.
        if !alternate || href.is_empty() || !FEED_TYPES.iter().any(|t| t.eq_ignore_ascii_case(media)) {
            continue;
        }
        let url = match &base {
            Some(base) => base.join(href),
            None => Url::parse(href),
        };
        if let Some(url) = url.ok().filter(|u| matches!(u.scheme(), "http" | "https")) {
            let url = url.to_string();
            if !feeds.contains(&url) {
                feeds.push(url);
            }
        }
    }
    feeds
}

/// Attributes of a tag up to its `>`, and what follows the tag.
fn attributes(mut rest: &[u8]) -> (Vec<(String, String)>, &[u8]) {
    let mut found = Vec::new();
    loop {
        rest = rest.trim_ascii_start();
        match rest.first() {
            None => return (found, rest),
            Some(b'>') => return (found, &rest[1..]),
            Some(b'/') => {
                rest = &rest[1..];
                continue;
            }
            Some(_) => {}
        }
        let end = rest
            .iter()
            .position(|&b| b.is_ascii_whitespace() || matches!(b, b'=' | b'>' | b'/'))
            .unwrap_or(rest.len());
        let name = String::from_utf8_lossy(&rest[..end]).into_owned();
        rest = rest[end..].trim_ascii_start();
        let mut value = String::new();
        if let Some(after) = rest.strip_prefix(b"=") {
            let after = after.trim_ascii_start();
            let (raw, next) = match after.first() {
                Some(&quote @ (b'"' | b'\'')) => {
                    let body = &after[1..];
                    let end = body.iter().position(|&b| b == quote).unwrap_or(body.len());
                    (&body[..end], body.get(end + 1..).unwrap_or_default())
                }
                _ => {
                    let end = after
                        .iter()
                        .position(|&b| b.is_ascii_whitespace() || b == b'>')
                        .unwrap_or(after.len());
                    (&after[..end], &after[end..])
                }
            };
            value = decode_entities(&String::from_utf8_lossy(raw));
            rest = next;
        }
        if name.is_empty() {
            // Not an attribute at all (stray punctuation): skip a byte so the scan moves on.
            rest = rest.get(1..).unwrap_or_default();
        } else {
            found.push((name, value));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_alternate_feeds_and_resolves_them() {
        let page = br#"<html><head>
            <!-- <link rel="alternate" type="application/rss+xml" href="/commented-out.xml"> -->
            <link rel="stylesheet" href="/style.css">
            <LINK REL="alternate" TYPE="application/rss+xml" TITLE="News" HREF="/feed.xml?a=1&amp;b=2">
            <link rel=alternate type=application/atom+xml href=atom.xml />
            <link rel="alternate" type="application/json" href="/wp-json/">
            <link rel="alternate" type="application/feed+json" href="https://other.example/feed.json">
            <link rel="alternate" type="application/rss+xml" href="javascript:alert(1)">
            <link rel="alternate" type="application/rss+xml" href="/feed.xml?a=1&b=2">
            <link rel="alternate" type="application/rss+xml" href="">
            </head></html>"#;
        assert_eq!(
            discover_feeds(page, "https://news.example/blog/post.html"),
            vec![
                "https://news.example/feed.xml?a=1&b=2",
                "https://news.example/blog/atom.xml",
                "https://other.example/feed.json",
            ]
        );
    }

    #[test]
    fn honours_base_href() {
        let page = br#"<base href="https://cdn.example/site/"><link rel="alternate feed" type="application/atom+xml" href="atom">"#;
        assert_eq!(discover_feeds(page, "https://news.example/"), vec!["https://cdn.example/site/atom"]);
    }
}
