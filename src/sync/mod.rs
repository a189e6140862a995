//! Sync with a feed server the user already runs: a second source beside `refresh`, feeding
//! the same store. The server owns the subscriptions, their folders and read/starred state;
//! byline keeps a local copy to read offline and an outbox of marks to send.
//!
//! Each protocol is one module behind [`Service`] (`greader`, `ttrss`); `engine` runs a sync
//! (send the outbox, take the subscription list, new articles, then the read and starred ids)
//! against any of them; `http` holds the bounds every request shares; `secret` the password
//! and the cached session token.

mod engine;
mod greader;
mod http;
mod secret;
mod ttrss;

use std::future::Future;

pub use engine::{Report, Syncer, status_line};
pub use secret::warnings;

use crate::model::{Change, LocalCounts, RemoteFeed, RemoteIds, RemoteItem};

/// Why a sync could not finish, as one line.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SyncError {
    /// The server refused the user name or password.
    #[error("{server} refused the login of {user}: wrong user name or password")]
    Login { server: String, user: String },
    /// The session token expired: log in again (handled inside a sync).
    #[error("the session expired")]
    Expired,
    /// Could not reach the server, or it answered with something other than its API.
    #[error("{0}")]
    Server(String),
    /// The server understood and said no (a feed it would not subscribe to).
    #[error("{0}")]
    Refused(String),
    /// The password could not be read (command failed, variable unset).
    #[error("{0}")]
    Password(String),
    #[error("{0}")]
    Store(String),
}

impl SyncError {
    /// True when the server could not be reached or did not answer as its API (down, a time-out,
    /// a 5xx, a login page): the reader then says "offline".
    pub fn is_offline(&self) -> bool {
        matches!(self, SyncError::Server(_))
    }
}

impl From<crate::store::StoreError> for SyncError {
    fn from(e: crate::store::StoreError) -> Self {
        SyncError::Store(e.to_string())
    }
}

pub type Result<T, E = SyncError> = std::result::Result<T, E>;

/// Where new items are sent while a sync pulls them: pages go to the writer as they arrive,
/// so a first sync of 10,000 articles never holds them all.
pub type ItemSink = tokio::sync::mpsc::Sender<Vec<RemoteItem>>;

/// One protocol's client. Every method makes a bounded number of requests, whatever the
/// number of feeds: lists are paged, and paging stops at a bound.
pub trait Service: Send {
    /// "greader", "ttrss": how the reader names it.
    fn name(&self) -> &'static str;

    /// Logs in with the password (an existing session token is tried first by the engine).
    fn login(&mut self, password: &str) -> impl Future<Output = Result<String>> + Send;

    /// Uses a session token from an earlier login.
    fn resume(&mut self, token: String);

    fn subscriptions(&mut self) -> impl Future<Output = Result<Vec<RemoteFeed>>> + Send;

    /// Sends the articles added since `cursor` (all, for a first sync) to `sink`, skipping the
    /// ids in `known`; returns the cursor for next time.
    fn new_items(
        &mut self,
        cursor: Option<String>,
        known: &std::collections::HashSet<String>,
        sink: &ItemSink,
    ) -> impl Future<Output = Result<Option<String>>> + Send;

    /// The ids of the unread and of the starred articles. A server that can tell which feeds
    /// changed may list only those (unless `local.full`); the lists then say so.
    fn states(&mut self, local: &LocalCounts) -> impl Future<Output = Result<(RemoteIds, RemoteIds)>> + Send;

    /// Applies one change to these articles on the server.
    fn send(&mut self, change: Change, ids: &[String]) -> impl Future<Output = Result<()>> + Send;

    /// Subscribes to `url` (in folder `category`, if given).
    fn subscribe(&mut self, url: &str, category: Option<&str>) -> impl Future<Output = Result<()>> + Send;

    /// Unsubscribes from the feed with this server id.
    fn unsubscribe(&mut self, feed_id: &str) -> impl Future<Output = Result<()>> + Send;
}

/// Most pages a listing follows before it stops (a continuation that never ends).
const MAX_PAGES: usize = 1000;
