//! The SQLite store: the single source of truth for feeds, articles and their read/starred state.
//!
//! Blocking API; async callers run it on a blocking thread. Several `Store`s may be open on the
//! same file (WAL): the UI reads through one while a refresh writes through another.

use std::path::Path;

use crate::model::{
    Article, ArticleId, ArticleSummary, Feed, FeedId, FeedSpec, Filter, NewArticle, TagCount,
};

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("database error: {0}")]
    Sqlite(#[from] rusqlite::Error),
    #[error("cannot create the database folder {path}: {source}")]
    Dir { path: String, source: std::io::Error },
    #[error("the database was written by a newer byline (schema version {found}, this one knows {known})")]
    TooNew { found: i64, known: i64 },
    #[error("no feed with URL {0}")]
    NoSuchFeed(String),
}

pub type Result<T, E = StoreError> = std::result::Result<T, E>;

/// Conditional-GET validators remembered per feed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Validators {
    pub etag: Option<String>,
    pub last_modified: Option<String>,
}

/// What the refresh needs to know about a feed before fetching it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FetchTarget {
    pub id: FeedId,
    /// The subscribed URL (the feed's identity, as in feeds.toml).
    pub url: String,
    /// Where to fetch: a remembered permanent redirect, else `url`.
    pub fetch_url: String,
    pub validators: Validators,
}

/// A successfully fetched and parsed feed, to be saved in one transaction.
#[derive(Debug, Clone, Default)]
pub struct FeedUpdate {
    pub site_title: Option<String>,
    pub site_link: Option<String>,
    pub validators: Validators,
    /// Set when the server answered with a permanent redirect: fetch there from now on.
    pub moved_to: Option<String>,
    pub items: Vec<NewArticle>,
}

/// What saving a feed changed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SaveStats {
    pub new: u32,
    pub updated: u32,
}

pub struct Store {
    #[allow(dead_code)]
    conn: rusqlite::Connection,
}

impl Store {
    /// Opens (creating if needed) the database at `path`, applies migrations, enables WAL.
    pub fn open(_path: &Path) -> Result<Store> {
        todo!()
    }

    /// Makes the store's feeds match the subscription list: adds new ones, updates titles, tags and
    /// settings, removes feeds (and their articles) that are no longer listed.
    pub fn sync_feeds(&mut self, _specs: &[FeedSpec]) -> Result<()> {
        todo!()
    }

    /// Every feed with unread/total counts, in subscription order.
    pub fn feeds(&self) -> Result<Vec<Feed>> {
        todo!()
    }

    pub fn feed_by_url(&self, _url: &str) -> Result<Option<Feed>> {
        todo!()
    }

    /// Fetch targets for the given feed URLs (all feeds when empty).
    pub fn fetch_targets(&self, _urls: &[String]) -> Result<Vec<FetchTarget>> {
        todo!()
    }

    /// Saves a fetched feed in one transaction: upserts its articles by key (never resetting
    /// read/starred), clears the feed's error, remembers validators and redirects.
    pub fn save_feed(&mut self, _feed: FeedId, _update: &FeedUpdate) -> Result<SaveStats> {
        todo!()
    }

    /// Records a 304: nothing changed, the last error is cleared.
    pub fn mark_unchanged(&mut self, _feed: FeedId) -> Result<()> {
        todo!()
    }

    /// Records a failed refresh with its one-line reason.
    pub fn record_error(&mut self, _feed: FeedId, _reason: &str) -> Result<()> {
        todo!()
    }

    /// Articles matching the filter, newest first, `limit` rows from `offset`.
    pub fn articles(&self, _filter: &Filter, _offset: u32, _limit: u32) -> Result<Vec<ArticleSummary>> {
        todo!()
    }

    pub fn count_articles(&self, _filter: &Filter) -> Result<u32> {
        todo!()
    }

    pub fn article(&self, _id: ArticleId) -> Result<Option<Article>> {
        todo!()
    }

    /// Every tag (feed tags and article categories, case-insensitive) with counts, by name.
    pub fn tags(&self) -> Result<Vec<TagCount>> {
        todo!()
    }

    /// Sets read state; returns the ids whose state actually changed (for undo).
    pub fn set_read(&mut self, _ids: &[ArticleId], _read: bool) -> Result<Vec<ArticleId>> {
        todo!()
    }

    /// Marks every article matching the filter read; returns the ids that changed (for undo).
    pub fn mark_filter_read(&mut self, _filter: &Filter) -> Result<Vec<ArticleId>> {
        todo!()
    }

    pub fn set_starred(&mut self, _ids: &[ArticleId], _starred: bool) -> Result<Vec<ArticleId>> {
        todo!()
    }

    /// Caches an article's extracted full text.
    pub fn set_full_text(&mut self, _id: ArticleId, _html: &str) -> Result<()> {
        todo!()
    }
}
