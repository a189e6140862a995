//! Concurrency limits: so many requests in flight in all, and fewer to any one host.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use tokio::sync::{OwnedSemaphorePermit, Semaphore};
use url::Url;

/// Hosts remembered before idle ones are forgotten.
const HOSTS_KEPT: usize = 256;

#[derive(Clone)]
pub(super) struct Gate {
    all: Arc<Semaphore>,
    per_host: usize,
    hosts: Arc<Mutex<HashMap<String, Arc<Semaphore>>>>,
}

/// Held for the duration of one request.
pub(super) struct Permits {
    _host: Option<OwnedSemaphorePermit>,
    _all: Option<OwnedSemaphorePermit>,
}

impl Gate {
    pub(super) fn new(concurrency: usize, per_host: usize) -> Gate {
        Gate {
            all: Arc::new(Semaphore::new(concurrency.max(1))),
            per_host: per_host.max(1),
            hosts: Arc::default(),
        }
    }

    /// Waits for a turn at `url`'s host, then for a share of `budget` if given, then for a turn
    /// overall. In that order, so a request queued behind its host holds neither a share of the
    /// budget nor one of the global slots that other hosts could use.
    pub(super) async fn enter(
        &self,
        url: &Url,
        budget: Option<&Arc<Semaphore>>,
    ) -> (Permits, Option<OwnedSemaphorePermit>) {
        let host = self.host(url);
        // The semaphores are never closed, so acquiring cannot fail.
        let host = host.acquire_owned().await.ok();
        let share = match budget {
            Some(budget) => Arc::clone(budget).acquire_owned().await.ok(),
            None => None,
        };
        let all = Arc::clone(&self.all).acquire_owned().await.ok();
        (Permits { _host: host, _all: all }, share)
    }

    fn host(&self, url: &Url) -> Arc<Semaphore> {
        let key =
            format!("{}:{}", url.host_str().unwrap_or_default(), url.port_or_known_default().unwrap_or(0));
        let mut hosts = self.hosts.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        if hosts.len() >= HOSTS_KEPT {
            // Only this map holds an idle host's semaphore.
            hosts.retain(|_, semaphore| Arc::strong_count(semaphore) > 1);
        }
        let per_host = self.per_host;
        Arc::clone(hosts.entry(key).or_insert_with(|| Arc::new(Semaphore::new(per_host))))
    }
}
