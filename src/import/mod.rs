//! Importing subscriptions from other readers (OPML, newsboat's `urls` file) and exporting them
//! as OPML. Parsing never touches the network; the caller decides what to subscribe to.

mod export;
mod newsboat;
mod opml;

use std::collections::HashMap;
use std::fmt;

pub use export::export_opml;

use crate::model::FeedSpec;
use crate::sanitize::clean_line;

/// What an import found: the feeds to subscribe to, in document order, and the entries it left
/// out with the reason (query/exec feeds, non-feed URLs, duplicates), for the user to see.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Import {
    pub feeds: Vec<FeedSpec>,
    pub skipped: Vec<Skipped>,
}

/// An entry of the imported file that did not become a feed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    /// 1-based line of the entry in the imported text.
    pub line: usize,
    /// The entry (URL or whole line), sanitised to one line.
    pub entry: String,
    pub reason: String,
}

impl fmt::Display for Skipped {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}: {}: {}", self.line, self.entry, self.reason)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ImportError {
    /// Malformed XML, with the 1-based line where the problem starts.
    #[error("OPML line {line}: {message}")]
    Xml { line: usize, message: String },
    /// Well-formed XML that is not OPML (an RSS feed given by mistake, say).
    #[error("not an OPML document: {0}")]
    NotOpml(String),
}

/// Reads a subscription list, detecting its format: text starting with `<` is OPML (1.0 or
/// 2.0), anything else a newsboat `urls` file. Titles and tags are sanitised; a feed URL that
/// appears twice is kept once, at its first place. Only OPML can fail (malformed XML); entries
/// that are not plain feeds are reported in [`Import::skipped`].
pub fn parse_subscriptions(text: &str) -> Result<Import, ImportError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim_start().starts_with('<') { opml::parse(text) } else { Ok(newsboat::parse(text)) }
}

/// Gathers feeds in order, dropping duplicates and URLs byline cannot fetch.
#[derive(Default)]
struct Collector {
    import: Import,
    /// URL -> line of its first occurrence.
    seen: HashMap<String, usize>,
}

impl Collector {
    fn add(&mut self, line: usize, url: &str, title: Option<String>, tags: Vec<String>) {
        let url = url.trim();
        if let Err(reason) = check_feed_url(url) {
            self.skip(line, url, reason);
            return;
        }
        if let Some(first) = self.seen.get(url) {
            let reason = format!("duplicate of line {first}");
            self.skip(line, url, &reason);
            return;
        }
        self.seen.insert(url.to_string(), line);
        // A title that only repeats the URL says nothing (exporters fill `text` with it).
        let title = title.filter(|t| !t.is_empty() && t != url);
        self.import.feeds.push(FeedSpec { url: url.to_string(), title, tags, ..FeedSpec::default() });
    }

    fn skip(&mut self, line: usize, entry: &str, reason: &str) {
        self.import.skipped.push(Skipped { line, entry: clean_line(entry), reason: reason.to_string() });
    }

    fn finish(self) -> Import {
        self.import
    }
}

/// Accepts absolute http and https URLs, written without spaces or control characters. Local
/// files are refused: a list downloaded from elsewhere must not make byline read this machine's
/// files (subscribe to one in feeds.toml or with `byline add` on purpose).
fn check_feed_url(url: &str) -> Result<(), &'static str> {
    if url.is_empty() {
        return Err("empty URL");
    }
    if url.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err("URL contains spaces or control characters");
    }
    match url::Url::parse(url) {
        Ok(parsed) if matches!(parsed.scheme(), "http" | "https") => Ok(()),
        Ok(parsed) if parsed.scheme() == "file" => Err("local files are not imported"),
        Ok(_) => Err("not an http or https URL"),
        Err(_) => Err("not a valid URL"),
    }
}

/// Adds a sanitised tag unless it is empty or already there in another case.
fn push_tag(tags: &mut Vec<String>, raw: &str) {
    let tag = clean_line(raw);
    if tag.is_empty() {
        return;
    }
    let lower = tag.to_lowercase();
    if !tags.iter().any(|t| t.to_lowercase() == lower) {
        tags.push(tag);
    }
}

/// Sanitised title, None when nothing is left.
fn clean_title(raw: &str) -> Option<String> {
    Some(clean_line(raw)).filter(|t| !t.is_empty())
}

/// A feed spec for the importers' tests.
#[cfg(test)]
fn test_spec(url: &str, title: Option<&str>, tags: &[&str]) -> FeedSpec {
    FeedSpec {
        url: url.to_string(),
        title: title.map(str::to_string),
        tags: tags.iter().map(|t| t.to_string()).collect(),
        ..FeedSpec::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_opml_after_bom_and_whitespace() {
        let text = "\u{feff}\n  <opml version=\"1.0\"><body><outline xmlUrl=\"https://a.example/feed\"/></body></opml>";
        let import = parse_subscriptions(text).expect("valid OPML");
        assert_eq!(import.feeds.len(), 1);
        assert_eq!(import.feeds[0].url, "https://a.example/feed");
    }

    #[test]
    fn plain_lines_are_newsboat() {
        let import = parse_subscriptions("https://a.example/feed tech\n").expect("newsboat never fails");
        assert_eq!(import.feeds[0].tags, vec!["tech"]);
    }

    #[test]
    fn empty_text_imports_nothing() {
        assert_eq!(parse_subscriptions("").expect("empty is fine"), Import::default());
    }

    #[test]
    fn tags_dedupe_case_insensitively_keeping_first_spelling() {
        let mut tags = Vec::new();
        for raw in ["Tech", "linux", "TECH", "  ", "Linux", "news\u{1b}[31m"] {
            push_tag(&mut tags, raw);
        }
        assert_eq!(tags, vec!["Tech", "linux", "news"]);
    }

    #[test]
    fn feed_urls_are_checked() {
        assert!(check_feed_url("https://x.example/feed").is_ok());
        assert_eq!(check_feed_url("file:///home/me/.ssh/id_rsa"), Err("local files are not imported"));
        assert!(check_feed_url("query:Unread:unread = \"yes\"").is_err());
        assert!(check_feed_url("exec:~/bin/feed.sh").is_err());
        assert!(check_feed_url("ftp://x.example/feed").is_err());
        assert!(check_feed_url("/relative/feed.xml").is_err());
        assert!(check_feed_url("https://x.example/a b").is_err());
    }

    #[test]
    fn duplicates_keep_first_and_are_reported() {
        let mut c = Collector::default();
        c.add(1, "https://a.example/", Some("A".into()), vec![]);
        c.add(2, "https://a.example/", Some("Again".into()), vec![]);
        let import = c.finish();
        assert_eq!(import.feeds.len(), 1);
        assert_eq!(import.feeds[0].title.as_deref(), Some("A"));
        assert_eq!(import.skipped[0].to_string(), "line 2: https://a.example/: duplicate of line 1");
    }
}
