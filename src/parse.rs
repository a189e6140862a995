//! Feed bytes -> [`ParsedFeed`]: stable keys, dates, categories, best content, sanitised text.

use crate::model::ParsedFeed;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ParseError {
    /// The document is an HTML page; `feeds` are the feeds it links to (autodiscovery).
    #[error("not a feed but an HTML page{}", if .feeds.is_empty() { String::new() } else { format!(" (it links to {})", .feeds.join(", ")) })]
    HtmlPage { feeds: Vec<String> },
    #[error("empty document")]
    Empty,
    #[error("not a valid feed: {0}")]
    Invalid(String),
}

/// Parses a feed document of any format feed-rs reads. `url` resolves relative links.
pub fn parse_feed(_bytes: &[u8], _content_type: Option<&str>, _url: &str) -> Result<ParsedFeed, ParseError> {
    todo!()
}
