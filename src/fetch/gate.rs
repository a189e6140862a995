//! Concurrency limits: so many requests in flight in all, and fewer to any one host; and
//! optionally a least time between the starts of two requests to one host (for sites that
//! throttle).

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::sync::{OwnedSemaphorePermit, Semaphore};
use tokio::time::Instant;
use url::Url;

/// Hosts remembered before idle ones are forgotten.
const HOSTS_KEPT: usize = 256;

#[derive(Clone)]
pub(super) struct Gate {
    all: Arc<Semaphore>,
    per_host: usize,
    spacing: Duration,
    hosts: Arc<Mutex<HashMap<String, Arc<Host>>>>,
}

struct Host {
    slots: Arc<Semaphore>,
    /// The earliest start of the next request to this host.
    next_start: Mutex<Instant>,
}

/// Held for the duration of one request.
pub(super) struct Permits {
    _host: Option<OwnedSemaphorePermit>,
    _all: Option<OwnedSemaphorePermit>,
}

impl Gate {
    pub(super) fn new(concurrency: usize, per_host: usize, spacing: Duration) -> Gate {
        Gate {
            all: Arc::new(Semaphore::new(concurrency.max(1))),
            per_host: per_host.max(1),
            spacing,
            hosts: Arc::default(),
        }
    }

    /// Waits for a turn at `url`'s host (and for its spacing), then for a share of `budget` if
    /// given, then for a turn overall. In that order, so a request queued behind its host holds
    /// neither a share of the budget nor one of the global slots that other hosts could use.
    pub(super) async fn enter(
        &self,
        url: &Url,
        budget: Option<&Arc<Semaphore>>,
    ) -> (Permits, Option<OwnedSemaphorePermit>) {
        let host = self.host(url);
        // The semaphores are never closed, so acquiring cannot fail.
        let slot = Arc::clone(&host.slots).acquire_owned().await.ok();
        if !self.spacing.is_zero() {
            // Each request books the next start, so requests in flight together are spaced too.
            let start = {
                let mut next = host.next_start.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
                let start = (*next).max(Instant::now());
                *next = start + self.spacing;
                start
            };
            tokio::time::sleep_until(start).await;
        }
        let share = match budget {
            Some(budget) => Arc::clone(budget).acquire_owned().await.ok(),
            None => None,
        };
        let all = Arc::clone(&self.all).acquire_owned().await.ok();
        (Permits { _host: slot, _all: all }, share)
    }

    fn host(&self, url: &Url) -> Arc<Host> {
        let key =
            format!("{}:{}", url.host_str().unwrap_or_default(), url.port_or_known_default().unwrap_or(0));
        let mut hosts = self.hosts.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        if hosts.len() >= HOSTS_KEPT {
            // Only this map holds an idle host; one still inside its spacing is kept.
            let now = Instant::now();
            hosts.retain(|_, host| {
                Arc::strong_count(host) > 1
                    || *host.next_start.lock().unwrap_or_else(|poisoned| poisoned.into_inner()) > now
            });
        }
        let per_host = self.per_host;
        let host = hosts.entry(key).or_insert_with(|| {
            Arc::new(Host {
                slots: Arc::new(Semaphore::new(per_host)),
                next_start: Mutex::new(Instant::now()),
            })
        });
        Arc::clone(host)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn requests_to_one_host_start_apart() {
        let gate = Gate::new(8, 4, Duration::from_millis(100));
        let a = Url::parse("http://a.example/feed").expect("url");
        let begin = Instant::now();
        let mut starts = Vec::new();
        for _ in 0..3 {
            drop(gate.enter(&a, None).await);
            starts.push(begin.elapsed());
        }
        assert!(starts[1] >= Duration::from_millis(100), "{starts:?}");
        assert!(starts[2] >= Duration::from_millis(200), "{starts:?}");
    }
}
