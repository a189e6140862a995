//! A refresh: fetch feeds concurrently, parse them off the async workers, save each feed in
//! its own transaction through one writer. One feed's failure never stops the others.

use crate::fetch::{Fetched, Fetcher};
use crate::model::FeedId;
use crate::parse::parse_feed;
use crate::store::{FeedUpdate, FetchTarget, SaveStats, Store, StoreError};

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

#[derive(Debug, thiserror::Error)]
pub enum RefreshError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("the database writer stopped: {0}")]
    Writer(String),
}

/// What a fetch task hands the writer.
enum Fetch {
    Unchanged,
    Parsed(FeedUpdate),
    Failed(String),
}

/// Refreshes `targets`, calling `on_feed` as each one is saved (in completion order).
/// Errors only when the store itself fails.
pub async fn refresh(
    store: Store,
    fetcher: Fetcher,
    targets: Vec<FetchTarget>,
    on_feed: impl FnMut(&FeedReport) + Send + 'static,
) -> Result<Summary, RefreshError> {
    let (tx, rx) = std::sync::mpsc::channel::<(FetchTarget, Fetch)>();
    let writer = tokio::task::spawn_blocking(move || write_all(store, rx, on_feed));
    let mut tasks = tokio::task::JoinSet::new();
    for target in targets {
        let fetcher = fetcher.clone();
        let tx = tx.clone();
        tasks.spawn(async move {
            let result = fetch_one(&fetcher, &target).await;
            // The writer only goes away when the store failed; the run is over then anyway.
            let _ = tx.send((target, result));
        });
    }
    drop(tx);
    while tasks.join_next().await.is_some() {}
    Ok(writer.await.map_err(|e| RefreshError::Writer(e.to_string()))??)
}

async fn fetch_one(fetcher: &Fetcher, target: &FetchTarget) -> Fetch {
    let page = match fetcher.get(&target.fetch_url, &target.validators).await {
        Ok(Fetched::NotModified) => return Fetch::Unchanged,
        Ok(Fetched::Page(page)) => page,
        Err(e) => return Fetch::Failed(e.to_string()),
    };
    // Parsing is CPU work: keep it off the async workers so fetches keep flowing.
    let parsed = tokio::task::spawn_blocking(move || {
        let feed = parse_feed(&page.body, page.content_type.as_deref(), &page.final_url);
        (feed, page)
    })
    .await;
    match parsed {
        Ok((Ok(feed), page)) => Fetch::Parsed(FeedUpdate {
            site_title: feed.title,
            site_link: feed.link,
            validators: page.validators,
            moved_to: page.moved_permanently,
            items: feed.items,
        }),
        Ok((Err(e), _)) => Fetch::Failed(e.to_string()),
        Err(e) => Fetch::Failed(format!("internal error while parsing: {e}")),
    }
}

fn write_all(
    mut store: Store,
    rx: std::sync::mpsc::Receiver<(FetchTarget, Fetch)>,
    mut on_feed: impl FnMut(&FeedReport),
) -> Result<Summary, StoreError> {
    let mut summary = Summary::default();
    for (target, fetch) in rx {
        let mut moved_to = None;
        let outcome = match fetch {
            Fetch::Unchanged => {
                store.mark_unchanged(target.id)?;
                FeedOutcome::Unchanged
            }
            Fetch::Parsed(update) => {
                moved_to = update.moved_to.clone().filter(|m| *m != target.fetch_url);
                match store.save_feed(target.id, &update) {
                    Ok(stats) => FeedOutcome::Updated(stats),
                    // A feed the database refuses fails alone, like any other broken feed.
                    Err(e) => {
                        let reason = e.to_string();
                        store.record_error(target.id, &reason)?;
                        FeedOutcome::Failed(reason)
                    }
                }
            }
            Fetch::Failed(reason) => {
                store.record_error(target.id, &reason)?;
                FeedOutcome::Failed(reason)
            }
        };
        summary.feeds += 1;
        match &outcome {
            FeedOutcome::Updated(stats) => summary.new += stats.new,
            FeedOutcome::Unchanged => summary.unchanged += 1,
            FeedOutcome::Failed(_) => summary.failed += 1,
        }
        on_feed(&FeedReport { feed: target.id, url: target.url, outcome, moved_to });
    }
    Ok(summary)
}
