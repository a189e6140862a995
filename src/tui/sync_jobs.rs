//! The reader's sync jobs: a whole sync (R, the timer, start-up), marks sent soon after they are
//! made, and feeds added or removed on the server. One job runs at a time (they share the
//! session and the outbox); each reports back as an action.

use std::sync::Arc;
use std::time::{Duration, Instant};

use tokio::sync::mpsc::UnboundedSender;

use crate::app::{Action, SyncFailure};
use crate::sync::{Report, SyncError, Syncer};

/// How long marks gather before they are sent: a burst of `m` presses is one request.
const PUSH_AFTER: Duration = Duration::from_secs(2);

#[derive(Clone)]
pub struct SyncJobs {
    syncer: Syncer,
    tx: UnboundedSender<Action>,
    /// One job at a time; holds when the last whole sync started.
    running: Arc<tokio::sync::Mutex<Option<Instant>>>,
    /// A push is already waiting to run.
    push_pending: Arc<std::sync::atomic::AtomicBool>,
    /// The periodic sync's interval (0: only R and start-up).
    every: Duration,
}

impl SyncJobs {
    pub fn new(syncer: Syncer, refresh_minutes: u32, tx: UnboundedSender<Action>) -> SyncJobs {
        SyncJobs {
            syncer,
            tx,
            running: Arc::new(tokio::sync::Mutex::new(None)),
            push_pending: Arc::new(std::sync::atomic::AtomicBool::new(false)),
            every: Duration::from_secs(u64::from(refresh_minutes) * 60),
        }
    }

    /// A whole sync; `due_only` (the timer) skips it while the last attempt is recent (a
    /// server that is down is asked again after the interval, not on every tick).
    pub fn sync(&self, due_only: bool) {
        let jobs = self.clone();
        tokio::spawn(async move {
            let mut last = jobs.running.lock().await;
            if due_only && last.is_some_and(|t| t.elapsed() < jobs.every) {
                let _ = jobs.tx.send(Action::SyncSkipped);
                return;
            }
            *last = Some(Instant::now());
            let result = jobs.syncer.sync().await;
            drop(last);
            let failure = jobs.failure(result).await;
            let _ = jobs.tx.send(Action::SyncFinished(failure));
        });
    }

    /// Sends the outbox soon: marks apply locally at once, the server hears of them after a
    /// short gathering (or with the next sync, when it is unreachable).
    pub fn push_soon(&self) {
        if self.push_pending.swap(true, std::sync::atomic::Ordering::SeqCst) {
            return;
        }
        let jobs = self.clone();
        tokio::spawn(async move {
            tokio::time::sleep(PUSH_AFTER).await;
            let _turn = jobs.running.lock().await;
            jobs.push_pending.store(false, std::sync::atomic::Ordering::SeqCst);
            let result = jobs.syncer.push().await;
            let result = jobs.failure(result).await;
            let _ = jobs.tx.send(Action::ChangesSent(result));
        });
    }

    /// Subscribes on the server (in `folder`), then syncs so its articles show.
    pub fn add(&self, url: String, folder: Option<String>) {
        let jobs = self.clone();
        tokio::spawn(async move {
            let _turn = jobs.running.lock().await;
            let result = jobs.syncer.subscribe(&url, folder.as_deref()).await;
            let action = match jobs.failure(result).await {
                Ok(_) => Action::FeedAdded(Ok(url)),
                Err(failure) => Action::FeedAdded(Err(failure.line())),
            };
            let _ = jobs.tx.send(action);
        });
    }

    pub fn remove(&self, url: String) {
        let jobs = self.clone();
        tokio::spawn(async move {
            let _turn = jobs.running.lock().await;
            let result = jobs.syncer.unsubscribe(&url).await;
            let action = match jobs.failure(result).await {
                Ok(_) => Action::FeedRemoved(Ok(url)),
                Err(failure) => Action::FeedRemoved(Err(failure.line())),
            };
            let _ = jobs.tx.send(action);
        });
    }

    /// A failed job with how many marks wait (read from the store).
    async fn failure(&self, result: Result<Report, SyncError>) -> Result<Report, SyncFailure> {
        let error = match result {
            Ok(report) => return Ok(report),
            Err(e) => e,
        };
        tracing::warn!("sync: {error}");
        let path = self.syncer.db_path().to_path_buf();
        let waiting = tokio::task::spawn_blocking(move || {
            crate::store::Store::open(&path).and_then(|s| s.outbox_len())
        })
        .await
        .ok()
        .and_then(Result::ok)
        .unwrap_or(0);
        Err(SyncFailure { reason: error.to_string(), waiting, offline: error.is_offline() })
    }
}
