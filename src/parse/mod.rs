//! Feed bytes -> [`ParsedFeed`]: stable keys, dates, categories, best content, sanitised text.
//!
//! feed-rs reads the formats (RSS 0.9x/1.0/2.0, Atom, JSON Feed); around it this module fixes
//! the encoding first (`encoding`), recognises HTML pages and the feeds they link to, and maps
//! entries to [`NewArticle`](crate::model::NewArticle)s (`items`, `keys`).

mod encoding;
pub(crate) mod html;
mod items;
mod keys;

use chrono::Utc;
use feed_rs::parser::{ParseErrorKind, ParseFeedError};
use url::Url;

pub use crate::fetch::discover_feeds;
use crate::model::ParsedFeed;
use crate::sanitize::clean_line;

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

/// Longest reason kept in [`ParseError::Invalid`].
const MAX_REASON_CHARS: usize = 160;

/// Parses a feed document of any format feed-rs reads. `url` resolves relative links.
pub fn parse_feed(bytes: &[u8], content_type: Option<&str>, url: &str) -> Result<ParsedFeed, ParseError> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(ParseError::Empty);
    }
    if html::looks_like_html(bytes) {
        return Err(ParseError::HtmlPage { feeds: discover_feeds(bytes, url) });
    }

    let base = Url::parse(url).ok().filter(|u| matches!(u.scheme(), "http" | "https"));
    let parser = feed_rs::parser::Builder::new()
        .base_uri(base.as_ref())
        // An empty id marks an entry without guid/id; `keys` then uses the link or a content hash.
        .id_generator(|_, _, _| String::new())
        .sanitize_content(false)
        .build();
    let feed = match parser.parse(&*encoding::to_utf8(bytes)) {
        Ok(feed) => feed,
        Err(_) if content_type.is_some_and(|t| t.contains("html")) || html::mentions_html(bytes) => {
            return Err(ParseError::HtmlPage { feeds: discover_feeds(bytes, url) });
        }
        Err(e) => return Err(ParseError::Invalid(reason(&e))),
    };

    let site = items::best_link(&feed.links, base.as_ref());
    // A feed read from a file has no URL to resolve against; its site's address is the next best.
    let base = base.or_else(|| site.as_deref().and_then(|s| Url::parse(s).ok()));
    let now = Utc::now();
    let mut articles: Vec<_> =
        feed.entries.into_iter().map(|entry| items::article(entry, base.as_ref(), now)).collect();
    keys::dedup(&mut articles);
    Ok(ParsedFeed {
        title: feed.title.as_ref().map(items::text_line).filter(|t| !t.is_empty()),
        link: site,
        items: articles,
    })
}

/// feed-rs's error, on one short line.
fn reason(error: &ParseFeedError) -> String {
    let text = match error {
        ParseFeedError::ParseError(ParseErrorKind::NoFeedRoot) => {
            "no RSS, Atom or JSON Feed root element".into()
        }
        other => other.to_string(),
    };
    let line = clean_line(&text);
    match line.char_indices().nth(MAX_REASON_CHARS) {
        Some((at, _)) => format!("{}…", &line[..at]),
        None => line,
    }
}
