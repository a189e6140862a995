//! The subscription list (feeds.toml): the embedded defaults until the user has a file of their
//! own, which the first change writes.

use std::path::{Path, PathBuf};

use crate::fetch::Fetcher;
use crate::model::FeedSpec;

#[derive(Debug, thiserror::Error)]
pub enum SubscriptionError {
    /// A bad line names the file, line and key.
    #[error("{file}:{line}: {key}: {message}")]
    Invalid { file: String, line: usize, key: String, message: String },
    #[error("{file}: {message}")]
    Io { file: String, message: String },
    #[error("already subscribed to {0}")]
    Duplicate(String),
    #[error("not subscribed to {0}")]
    NotSubscribed(String),
    #[error("{url}: {reason}")]
    NoFeed { url: String, reason: String },
}

#[derive(Debug, Clone)]
pub struct Subscriptions {
    path: PathBuf,
    feeds: Vec<FeedSpec>,
}

impl Subscriptions {
    /// Reads the user's feeds.toml at `path`, or the embedded default list when it does not exist.
    pub fn load(path: &Path) -> Result<Subscriptions, SubscriptionError> {
        let _ = path;
        todo!()
    }

    pub fn feeds(&self) -> &[FeedSpec] {
        &self.feeds
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Adds a feed and writes the user's file.
    pub fn add(&mut self, _spec: FeedSpec) -> Result<(), SubscriptionError> {
        todo!()
    }

    /// Removes a feed by URL and writes the user's file.
    pub fn remove(&mut self, _url: &str) -> Result<FeedSpec, SubscriptionError> {
        todo!()
    }
}

/// Turns what the user typed into a feed URL: a feed as is, or the feed a site's page links to
/// (autodiscovery). Returns the feed URL and its title.
pub async fn resolve(_fetcher: &Fetcher, _url: &str) -> Result<(String, Option<String>), SubscriptionError> {
    todo!()
}
