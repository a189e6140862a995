//! The data byline works with, free of any storage or terminal concern.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// Row id of a subscribed feed in the store.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub struct FeedId(pub i64);

/// Row id of an article in the store; stable for the life of the database.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub struct ArticleId(pub i64);

/// A subscription as written in feeds.toml.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct FeedSpec {
    pub url: String,
    /// Overrides the feed's own title when set.
    pub title: Option<String>,
    pub tags: Vec<String>,
    /// Fetch the full page of new articles during refresh.
    pub full_text: bool,
    /// Keep at most this many articles of the feed (oldest read, unstarred ones go first).
    pub max_articles: Option<u32>,
    /// Refresh this feed at most every N minutes (None: the global setting).
    pub refresh_minutes: Option<u32>,
}

/// A subscribed feed as the store knows it, with counts for display.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Feed {
    pub id: FeedId,
    pub url: String,
    /// The user's title if set, else the feed's own, else the URL.
    pub title: String,
    pub tags: Vec<String>,
    pub unread: u32,
    pub total: u32,
    /// One-line reason of the last failed refresh; None after a success.
    pub last_error: Option<String>,
    /// Its interval, last attempt, and what the server said (Retry-After, gone, backoff).
    pub schedule: crate::schedule::Schedule,
}

/// One item of a feed as parsed from the network, before it has an id.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct NewArticle {
    /// Stable identity within the feed: guid/id, else link, else a hash of title and content.
    pub key: String,
    pub title: String,
    pub link: Option<String>,
    pub author: Option<String>,
    /// None when the feed gave no date or an invalid one; the store then uses first-seen.
    pub published: Option<DateTime<Utc>>,
    /// Categories the site put on the item.
    pub categories: Vec<String>,
    /// Best HTML content: full content over summary. May be empty.
    pub content_html: String,
    pub media: Media,
}

/// What an item carries besides its text: attached files (a podcast's episode, a video) and a
/// picture. Stored as JSON with the article's body.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Media {
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub enclosures: Vec<Enclosure>,
    /// A thumbnail's URL.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub image: Option<String>,
}

impl Media {
    pub fn is_empty(&self) -> bool {
        self.enclosures.is_empty() && self.image.is_none()
    }
}

/// One attached file; an absolute http(s) URL.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Enclosure {
    pub url: String,
    /// The MIME type the feed gave.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mime: Option<String>,
    /// Size in bytes, when the feed gave one (a length of 0 is "unknown").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub length: Option<u64>,
    /// Playing time in seconds (itunes:duration, media:content duration).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub duration: Option<u64>,
}

/// A parsed feed document.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ParsedFeed {
    pub title: Option<String>,
    /// The site's home page.
    pub link: Option<String>,
    pub items: Vec<NewArticle>,
    /// How often the document says it changes (RSS ttl, sy:updatePeriod), uncapped.
    pub fresh_for: Option<chrono::Duration>,
}

/// An article row as the lists show it: no body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArticleSummary {
    pub id: ArticleId,
    pub feed_id: FeedId,
    pub feed_url: String,
    pub feed_title: String,
    pub title: String,
    pub link: Option<String>,
    pub author: Option<String>,
    /// Published date, or first-seen when the feed gave none.
    pub date: DateTime<Utc>,
    /// True when `date` is the feed's own published date.
    pub has_published: bool,
    /// Feed tags plus the article's categories, de-duplicated case-insensitively.
    pub tags: Vec<String>,
    pub read: bool,
    pub starred: bool,
}

impl ArticleSummary {
    /// The page's author and date where the feed gave none (the feed's own always win).
    pub fn fill_from_page(&mut self, author: Option<String>, published: Option<DateTime<Utc>>) {
        if self.author.is_none() {
            self.author = author;
        }
        if let Some(published) = published.filter(|_| !self.has_published) {
            self.date = published;
            self.has_published = true;
        }
    }
}

/// A whole article, for the reader. Where the feed gave no author or date and the full text
/// was fetched, `summary` carries the page's (the lists keep the feed's own).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Article {
    pub summary: ArticleSummary,
    pub content_html: String,
    /// Extracted full text (HTML), once fetched.
    pub full_text_html: Option<String>,
    pub first_seen: DateTime<Utc>,
    pub media: Media,
}

/// An article's page, fetched and extracted: its text, and what the page says of its author and
/// date (shown where the feed gave none).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct FullText {
    pub html: String,
    pub author: Option<String>,
    pub published: Option<DateTime<Utc>>,
    /// The page's lead picture (og:image and the like): the article's picture when the feed
    /// gave none.
    pub image: Option<String>,
}

/// A page known only by its text.
impl From<&str> for FullText {
    fn from(html: &str) -> Self {
        FullText { html: html.to_string(), ..FullText::default() }
    }
}

/// Which articles to list. All conditions combine (AND).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Filter {
    /// The article must carry every one of these tags (case-insensitive).
    pub tags: Vec<String>,
    pub feed: Option<FeedId>,
    pub unread_only: bool,
    pub starred_only: bool,
    /// Full-text search over titles and bodies (FTS5 query words).
    pub search: Option<String>,
    /// A view's or the query prompt's query, on top of the rest.
    pub query: Option<crate::query::Query>,
    pub sort: Sort,
}

/// The order of the article list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Sort {
    #[default]
    Newest,
    Oldest,
    /// By feed (in the feeds pane's order), newest first within each.
    Feed,
    /// Unread articles first, each part newest first.
    UnreadFirst,
}

impl Sort {
    pub const ALL: [Sort; 4] = [Sort::Newest, Sort::Oldest, Sort::Feed, Sort::UnreadFirst];

    pub fn next(self) -> Sort {
        let at = Sort::ALL.iter().position(|s| *s == self).unwrap_or(0);
        Sort::ALL[(at + 1) % Sort::ALL.len()]
    }

    pub fn label(self) -> &'static str {
        match self {
            Sort::Newest => "newest first",
            Sort::Oldest => "oldest first",
            Sort::Feed => "by feed",
            Sort::UnreadFirst => "unread first",
        }
    }
}

/// An ignore rule: articles matching `query` are hidden (kept, never listed or counted) or
/// dropped (deleted, and never stored again).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct IgnoreRule {
    pub query: crate::query::Query,
    pub drop: bool,
}

/// A tag with its article counts, for the tags pane.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TagCount {
    pub tag: String,
    pub unread: u32,
    pub total: u32,
}

/// A subscription as a sync server lists it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct RemoteFeed {
    /// The server's id of the feed (a Google Reader stream id, a TT-RSS number).
    pub id: String,
    pub url: String,
    /// The title the user gave it on the server, else the feed's own.
    pub title: Option<String>,
    /// Its folders (categories) on the server: the feed's tags here.
    pub categories: Vec<String>,
}

/// An article as a sync server hands it over, with its read and starred state there.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct RemoteItem {
    /// The server's id of the item; also its key in the store.
    pub id: String,
    /// The server's id of its feed ([`RemoteFeed::id`]).
    pub feed: String,
    pub article: NewArticle,
    pub read: bool,
    pub starred: bool,
}

/// A local mark waiting to be sent to the sync server.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Change {
    Read,
    Unread,
    Star,
    Unstar,
}

impl Change {
    pub fn as_str(self) -> &'static str {
        match self {
            Change::Read => "read",
            Change::Unread => "unread",
            Change::Star => "star",
            Change::Unstar => "unstar",
        }
    }

    pub fn parse(text: &str) -> Option<Change> {
        [Change::Read, Change::Unread, Change::Star, Change::Unstar].into_iter().find(|c| c.as_str() == text)
    }

    /// The change a read or starred mark makes.
    pub fn of(column_is_read: bool, value: bool) -> Change {
        match (column_is_read, value) {
            (true, true) => Change::Read,
            (true, false) => Change::Unread,
            (false, true) => Change::Star,
            (false, false) => Change::Unstar,
        }
    }
}

/// Ids a sync server listed (its unread or its starred articles); `complete` is false when the
/// listing stopped at a bound, so an id missing from it says nothing.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct RemoteIds {
    pub ids: std::collections::HashSet<String>,
    pub complete: bool,
    /// The listing covered only these feeds (server ids); None: every feed.
    pub feeds: Option<std::collections::HashSet<String>>,
}

/// What the store holds of a sync server's feeds, for a server that can tell which feeds'
/// states changed (TT-RSS's counters) and list only those.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct LocalCounts {
    /// Server feed id -> (unread, starred) articles stored.
    pub by_feed: std::collections::HashMap<String, (u32, u32)>,
    /// List every feed's states anyway (the last full listing is old).
    pub full: bool,
}
