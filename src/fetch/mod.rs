//! HTTP fetching with bounds on everything: time, bytes, redirects, concurrency.
//!
//! [`Fetcher::get`] takes an http(s) URL, a `file://` URL or a plain path; local files are read
//! from disk under the same size bound (for `byline peek PATH`).

mod body;
mod client;
mod discover;
mod gate;
mod hints;
mod local;

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use tokio::sync::{OwnedSemaphorePermit, Semaphore};
use url::Url;

pub use discover::discover_feeds;
// For sync's API client, which shares the bounds.
pub(crate) use body::read_capped;
pub(crate) use client::from_reqwest;
pub use hints::http_date;

use crate::store::Validators;

/// How byline introduces itself to servers unless told otherwise.
pub const USER_AGENT: &str = concat!("byline/", env!("CARGO_PKG_VERSION"), " (+terminal news reader)");

/// Bounds on one fetch and on the fetcher as a whole.
#[derive(Debug, Clone)]
pub struct Limits {
    /// Whole request, connect to last byte.
    pub timeout: Duration,
    /// Bytes of body after decompression (a gzip bomb stops here).
    pub max_body_bytes: u64,
    pub max_redirects: usize,
    /// Requests in flight at once, in all.
    pub concurrency: usize,
    /// Requests in flight at once to one host.
    pub per_host: usize,
    /// Least time between the starts of two requests to one host (zero: none).
    pub host_spacing: Duration,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            timeout: Duration::from_secs(20),
            max_body_bytes: 10 * 1024 * 1024,
            max_redirects: 5,
            concurrency: 16,
            per_host: 2,
            host_spacing: Duration::ZERO,
        }
    }
}

/// Why a fetch failed, as one line a user can act on.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FetchError {
    #[error("invalid URL: {0}")]
    BadUrl(String),
    #[error("could not connect: {0}")]
    Connect(String),
    #[error("timed out after {0} s")]
    Timeout(u64),
    #[error("HTTP {0}")]
    Status(u16),
    /// A 429 or 503 with a `Retry-After` ahead (at most a week).
    #[error("rate limited (HTTP {status})")]
    RateLimited { status: u16, until: chrono::DateTime<chrono::Utc> },
    #[error("response larger than {0} bytes")]
    TooLarge(u64),
    #[error("more than {0} redirects")]
    TooManyRedirects(usize),
    #[error("empty response")]
    Empty,
    #[error("{0}")]
    Other(String),
}

/// A successful response.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fetched {
    /// 304: the validators still hold.
    NotModified,
    Page(Page),
}

/// A feed's answer with how long it stays fresh (`Cache-Control: max-age`, `Expires`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Answer {
    pub fetched: Fetched,
    pub fresh_for: Option<chrono::Duration>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page {
    /// Where the body came from, after redirects.
    pub final_url: String,
    /// Set when the first hop was a permanent redirect (301/308): its target.
    pub moved_permanently: Option<String>,
    pub content_type: Option<String>,
    pub validators: Validators,
    pub body: Vec<u8>,
}

/// A shared HTTP client that honours [`Limits`]. Cheap to clone.
#[derive(Clone)]
pub struct Fetcher {
    client: reqwest::Client,
    limits: Arc<Limits>,
    gate: gate::Gate,
}

impl Fetcher {
    pub fn new(limits: Limits) -> Result<Fetcher, FetchError> {
        Fetcher::with_user_agent(limits, USER_AGENT)
    }

    /// Like [`Fetcher::new`] with another `User-Agent` (a user setting).
    pub fn with_user_agent(limits: Limits, user_agent: &str) -> Result<Fetcher, FetchError> {
        let client = client::build(user_agent)?;
        let gate = gate::Gate::new(limits.concurrency, limits.per_host, limits.host_spacing);
        Ok(Fetcher { client, limits: Arc::new(limits), gate })
    }

    pub fn limits(&self) -> &Limits {
        &self.limits
    }

    /// GETs `url`, conditionally when validators are given. Local paths (file:// or a plain path)
    /// are read from disk with the same size bound.
    pub async fn get(&self, url: &str, validators: &Validators) -> Result<Fetched, FetchError> {
        self.fetch(url, validators, None).await.0.map(|answer| answer.fetched)
    }

    /// Like [`Fetcher::get`], with the answer's cache lifetime (for a feed's refresh schedule),
    /// first taking a share of `budget` once it is this host's turn and handing it back with
    /// the answer: the caller holds it while it works on the answer, so the budget bounds how
    /// many answers exist at once without idling other hosts.
    pub async fn get_feed(
        &self,
        url: &str,
        validators: &Validators,
        budget: &Arc<Semaphore>,
    ) -> (Result<Answer, FetchError>, Option<Share>) {
        self.fetch(url, validators, Some(budget)).await
    }

    async fn fetch(
        &self,
        url: &str,
        validators: &Validators,
        budget: Option<&Arc<Semaphore>>,
    ) -> (Result<Answer, FetchError>, Option<Share>) {
        let limit = self.limits.timeout;
        match target(url) {
            Err(e) => (Err(e), None),
            Ok(Target::File(path)) => {
                let share = match budget {
                    Some(budget) => Arc::clone(budget).acquire_owned().await.ok(),
                    None => None,
                };
                let read = tokio::time::timeout(limit, local::read(&path, url, self.limits.max_body_bytes));
                let read = read.await.unwrap_or(Err(timeout_error(limit)));
                (read.map(|fetched| Answer { fetched, fresh_for: None }), share)
            }
            Ok(Target::Http(url)) => {
                // Waiting for a turn is not part of the request's time budget.
                let (_permits, share) = self.gate.enter(&url, budget).await;
                let get =
                    tokio::time::timeout(limit, client::get(&self.client, &self.limits, url, validators));
                (get.await.unwrap_or(Err(timeout_error(limit))), share)
            }
        }
    }
}

/// A share of a caller's budget (see [`Fetcher::get_feed`]); dropping it gives it back.
pub type Share = OwnedSemaphorePermit;

impl Fetcher {
    /// Like [`Fetcher::get`] for addresses that came from the network (article links, discovered
    /// feeds): only http(s), never a local file.
    pub async fn get_remote(&self, url: &str) -> Result<Fetched, FetchError> {
        match target(url)? {
            Target::Http(_) => self.get(url, &Validators::default()).await,
            Target::File(_) => Err(FetchError::BadUrl(crate::sanitize::clean_line(&format!(
                "{url}: only http(s) addresses are fetched from a page's links"
            )))),
        }
    }
}

pub(crate) fn timeout_error(budget: Duration) -> FetchError {
    FetchError::Timeout(budget.as_secs_f64().ceil() as u64)
}

enum Target {
    Http(Url),
    File(PathBuf),
}

fn target(text: &str) -> Result<Target, FetchError> {
    let text = text.trim();
    let bad = |reason: String| FetchError::BadUrl(crate::sanitize::clean_line(&reason));
    if text.is_empty() {
        return Err(bad("empty".into()));
    }
    match Url::parse(text) {
        Ok(url) if matches!(url.scheme(), "http" | "https") => Ok(Target::Http(url)),
        Ok(url) if url.scheme() == "file" => {
            url.to_file_path().map(Target::File).map_err(|()| bad(format!("{text}: not a local path")))
        }
        // A Windows drive letter parses as a one-letter scheme.
        Ok(url) if url.scheme().len() == 1 => Ok(Target::File(PathBuf::from(text))),
        Ok(url) => Err(bad(format!("{text}: unsupported scheme {}", url.scheme()))),
        Err(url::ParseError::RelativeUrlWithoutBase) => Ok(Target::File(PathBuf::from(text))),
        Err(e) => Err(bad(format!("{text}: {e}"))),
    }
}
