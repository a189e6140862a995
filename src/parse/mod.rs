//! Feed bytes -> [`ParsedFeed`]: stable keys, dates, categories, best content, sanitised text.
//!
//! feed-rs reads the formats (RSS 0.9x/1.0/2.0, Atom, JSON Feed); around it this module fixes
//! the encoding first (`encoding`), recognises HTML pages and the feeds they link to, and maps
//! entries to [`NewArticle`](crate::model::NewArticle)s (`items`, `keys`, `media`).
//!
//! A document feed-rs rejects, or reads as empty, gets one more try after `repair` rewrote it;
//! a well-formed feed never pays for that.

mod encoding;
mod hints;
pub(crate) mod html;
mod items;
mod keys;
mod media;
mod repair;

use chrono::Utc;
use feed_rs::model::Feed;
use feed_rs::parser::{ParseErrorKind, ParseFeedError, Parser};
use url::Url;

pub use crate::fetch::discover_feeds;
use crate::model::ParsedFeed;
use crate::sanitize::clean_line;
pub(crate) use items::absolute;

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
    // A page, unless an HTML doctype was put before a feed (it happens).
    if html::looks_like_html(bytes) && !html::has_feed_root(bytes) {
        return Err(ParseError::HtmlPage { feeds: discover_feeds(bytes, url) });
    }

    let base = Url::parse(url).ok().filter(|u| matches!(u.scheme(), "http" | "https"));
    let utf8 = encoding::to_utf8(bytes);
    let feed = match parser(base.as_ref()).parse(&*utf8) {
        // The fast path: what feed-rs reads with something in it.
        Ok(feed) if !looks_incomplete(&feed, &utf8) => feed,
        strict => match repaired(base.as_ref(), &utf8, strict.as_ref().map_or(0, |f| f.entries.len())) {
            Some(Ok(feed)) => feed,
            Some(Err(e)) => return Err(e),
            None => match strict {
                Ok(feed) => feed,
                Err(_) if content_type.is_some_and(|t| t.contains("html")) || html::mentions_html(bytes) => {
                    return Err(ParseError::HtmlPage { feeds: discover_feeds(bytes, url) });
                }
                Err(e) => return Err(ParseError::Invalid(reason(&e))),
            },
        },
    };
    if feed.title.is_none() && feed.entries.is_empty() {
        let items = count_items(&utf8);
        if items > 0 {
            return Err(ParseError::Invalid(format!("none of its {items} items could be read")));
        }
    }

    let fresh_for = hints::fresh_for(feed.ttl, &utf8);
    let site = items::best_link(&feed.links, base.as_ref());
    // A feed read from a file has no URL to resolve against; its site's address is the next best.
    let base = base.or_else(|| site.as_deref().and_then(|s| Url::parse(s).ok()));
    let now = Utc::now();
    let mut articles: Vec<_> =
        feed.entries.into_iter().map(|entry| items::article(entry, base.as_ref(), now)).collect();
    media::fill_from_document(&mut articles, &utf8, base.as_ref());
    keys::dedup(&mut articles);
    Ok(ParsedFeed {
        title: feed.title.as_ref().map(items::text_line).filter(|t| !t.is_empty()),
        link: site,
        items: articles,
        fresh_for,
    })
}

/// A new feed-rs parser for each try: one that failed inside an entry keeps state that makes
/// the next parse panic.
fn parser(base: Option<&Url>) -> Parser {
    feed_rs::parser::Builder::new()
        .base_uri(base)
        // An empty id marks an entry without guid/id; `keys` then uses the link or a content hash.
        .id_generator(|_, _, _| String::new())
        .sanitize_content(false)
        .build()
}

/// The second try: feed-rs on the repaired document. None when repair gave nothing better than
/// the strict parse (fewer than its `floor` entries, or nothing at all); an error when the
/// document was cut before any item.
fn repaired(base: Option<&Url>, utf8: &[u8], floor: usize) -> Option<Result<Feed, ParseError>> {
    let text = std::str::from_utf8(utf8).ok()?;
    if text.trim_start().starts_with('{') {
        return None;
    }
    let fixed = repair::repair(text)?;
    let feed = parser(base).parse(fixed.text.as_bytes()).ok()?;
    if fixed.cut && feed.entries.is_empty() && count_items(utf8) > 0 {
        return Some(Err(ParseError::Invalid("the document ends before its first complete item".into())));
    }
    let something = feed.title.is_some() || !feed.entries.is_empty() || !feed.links.is_empty();
    let better = something && feed.entries.len() >= floor;
    if better {
        tracing::debug!(items = feed.entries.len(), cut = fixed.cut, "feed read after repair");
    }
    better.then_some(Ok(feed))
}

/// Whether feed-rs "succeeded" on a document it cannot really read: nothing at all (Atom 0.3
/// reads as empty), or entries without any text while the document has (X)HTML bodies.
fn looks_incomplete(feed: &Feed, utf8: &[u8]) -> bool {
    if feed.title.is_none() && feed.entries.is_empty() {
        return true;
    }
    let textless = |e: &feed_rs::model::Entry| {
        e.content.as_ref().is_none_or(|c| c.body.is_none()) && e.summary.is_none() && e.media.is_empty()
    };
    feed.entries.iter().any(textless)
        && [&b"<body"[..], b":body", b"<fullitem"].iter().any(|tag| memchr::memmem::find(utf8, tag).is_some())
}

/// How many item or entry elements the document has: for the error when none could be read.
fn count_items(utf8: &[u8]) -> usize {
    let starts = |tag: &[u8]| {
        utf8.windows(tag.len() + 1)
            .filter(|w| {
                w.starts_with(tag) && matches!(w[tag.len()], b'>' | b' ' | b'\t' | b'\n' | b'\r' | b'/')
            })
            .count()
    };
    starts(b"<item") + starts(b"<entry")
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
