//! HTTP fetching with bounds on everything: time, bytes, redirects, concurrency.

use std::time::Duration;

use crate::store::Validators;

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
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            timeout: Duration::from_secs(20),
            max_body_bytes: 10 * 1024 * 1024,
            max_redirects: 5,
            concurrency: 16,
            per_host: 2,
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
pub struct Fetcher {}

impl Fetcher {
    pub fn new(_limits: Limits) -> Result<Fetcher, FetchError> {
        todo!()
    }

    /// GETs `url`, conditionally when validators are given. Local paths (file:// or a plain path)
    /// are read from disk with the same size bound.
    pub async fn get(&self, _url: &str, _validators: &Validators) -> Result<Fetched, FetchError> {
        todo!()
    }
}
