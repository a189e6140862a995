//! A refresh: fetch feeds concurrently, parse them off the async workers, save each feed in
//! its own transaction through one writer. One feed's failure never stops the others.

use crate::fetch::Fetcher;
use crate::model::FeedId;
use crate::store::{FetchTarget, SaveStats, Store, StoreError};

/// How one feed's refresh ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FeedOutcome {
    Updated(SaveStats),
    Unchanged,
    /// One-line reason, also recorded on the feed.
    Failed(String),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FeedReport {
    pub feed: FeedId,
    pub url: String,
    pub outcome: FeedOutcome,
    /// The feed answered with a permanent redirect to this URL (remembered for next time).
    pub moved_to: Option<String>,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Summary {
    pub feeds: u32,
    pub new: u32,
    pub unchanged: u32,
    pub failed: u32,
}

/// Refreshes `targets`, calling `on_feed` as each one finishes (in completion order).
/// Errors only when the store itself fails.
pub async fn refresh(
    _store: Store,
    _fetcher: Fetcher,
    _targets: Vec<FetchTarget>,
    _on_feed: impl FnMut(&FeedReport) + Send + 'static,
) -> Result<Summary, StoreError> {
    todo!()
}
