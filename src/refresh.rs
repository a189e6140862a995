//! A refresh: fetch feeds concurrently, parse them off the async workers, save them through one
//! writer (batching whatever has arrived into one transaction, each feed rolled back alone on
//! failure). One feed's failure never stops the others. Feeds with `full_text = true` then have
//! the pages of their new articles fetched and extracted.
//!
//! Memory is bounded by the writer's pace, not by the number of feeds: a feed takes a share of
//! the in-flight budget before its fetch and gives it back once it is saved, so only so many
//! fetched or parsed feeds exist at once however long the subscription list is.

use std::collections::{HashMap, VecDeque};
use std::sync::{Arc, mpsc};

use chrono::{DateTime, Utc};
use tokio::sync::Semaphore;

use crate::fetch::{Answer, FetchError, Fetched, Fetcher, Share};
use crate::fulltext::fetch_full_text;
use crate::model::{ArticleId, FeedId};
use crate::parse::parse_feed;
use crate::schedule::{Failure, fresh_until};
use crate::store::{FeedUpdate, FetchTarget, PreparedFeed, SaveStats, Store, StoreError};

/// How one feed's refresh ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FeedOutcome {
    Updated(SaveStats),
    Unchanged,
    /// Why, also recorded on the feed (with what it means for its schedule).
    Failed(Failure),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FeedReport {
    pub feed: FeedId,
    pub url: String,
    pub outcome: FeedOutcome,
    /// When it was saved: the day a "rate limited until HH:MM" is read against.
    pub at: DateTime<Utc>,
    /// The feed answered with a permanent redirect to this URL (remembered for next time).
    pub moved_to: Option<String>,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Summary {
    pub feeds: u32,
    pub new: u32,
    pub unchanged: u32,
    pub failed: u32,
    /// Articles whose full text was fetched and extracted.
    pub full_texts: u32,
}

#[derive(Debug, thiserror::Error)]
pub enum RefreshError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("the database writer stopped: {0}")]
    Writer(String),
}

/// Most article pages fetched for one feed in one refresh (the newest first).
const FULL_TEXT_PER_FEED: usize = 20;
/// How far back a refresh looks for articles still missing their full text.
const FULL_TEXT_DAYS: i64 = 2;

/// What a fetch task hands the writer.
enum Fetch {
    Unchanged { fresh_until: Option<DateTime<Utc>> },
    Parsed(Box<PreparedFeed>),
    Failed(Failure),
}

/// A fetch's result on its way to the writer, holding its share of the in-flight budget.
type Done = (FetchTarget, Fetch, Option<Share>);

/// Feeds fetched, parsed or waiting for the writer at once, beyond the requests in flight: enough
/// that fetches go on while the writer commits a batch.
const QUEUED: usize = 8;

/// How often the writer hands memory freed by saved feeds back to the system.
const TRIM_EVERY: std::time::Duration = std::time::Duration::from_secs(1);

/// Feed tasks alive at once, per request the fetcher may have in flight.
const WINDOW_PER_REQUEST: usize = 4;

/// The targets reordered so that hosts take turns (the first feed of each host, then the second
/// of each...), keeping each host's own order.
fn hosts_in_turn(targets: Vec<FetchTarget>) -> Vec<FetchTarget> {
    let mut queues: Vec<VecDeque<FetchTarget>> = Vec::new();
    let mut queue_of: HashMap<String, usize> = HashMap::new();
    for target in targets {
        let host = url::Url::parse(&target.fetch_url).ok().and_then(|u| u.host_str().map(str::to_owned));
        let at = *queue_of.entry(host.unwrap_or_default()).or_insert_with(|| {
            queues.push(VecDeque::new());
            queues.len() - 1
        });
        queues[at].push_back(target);
    }
    let mut turns = Vec::new();
    while !queues.is_empty() {
        queues.retain_mut(|queue| {
            turns.extend(queue.pop_front());
            !queue.is_empty()
        });
    }
    turns
}

/// Refreshes `targets`, calling `on_feed` as each one is saved (in completion order).
/// Errors only when the store itself fails.
pub async fn refresh(
    store: Store,
    fetcher: Fetcher,
    targets: Vec<FetchTarget>,
    on_feed: impl FnMut(&FeedReport) + Send + 'static,
) -> Result<Summary, RefreshError> {
    // Pages of recent articles that still lack their full text (new now, or left over or failed
    // in a recent run) are fetched; older ones are left to the reader's `f`.
    let recent = Utc::now() - chrono::Duration::days(FULL_TEXT_DAYS);
    let full_text: Vec<FeedId> = targets.iter().filter(|t| t.full_text).map(|t| t.id).collect();
    let (tx, rx) = mpsc::channel::<Done>();
    let writer = tokio::task::spawn_blocking(move || write_all(store, rx, on_feed));
    // Parsing is CPU work: one at a time per core beside the writer's, so parsing neither
    // starves the writer nor (in the reader) the screen.
    let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
    let parsers = Arc::new(Semaphore::new(cores.saturating_sub(1).max(1)));
    let budget = Arc::new(Semaphore::new(fetcher.limits().concurrency + QUEUED));
    // A feed's task exists only while it is in the window: each holds about 1.3 KB of future
    // besides its target, so spawning every feed at once would grow with the subscription list
    // (10 MB at 5,000 feeds, ten times that at 50,000). Hosts take turns, so a window of feeds
    // all waiting for one busy host is rare.
    let window = Arc::new(Semaphore::new(WINDOW_PER_REQUEST * fetcher.limits().concurrency));
    let mut tasks = tokio::task::JoinSet::new();
    for target in hosts_in_turn(targets) {
        let Ok(slot) = Arc::clone(&window).acquire_owned().await else { break };
        while tasks.try_join_next().is_some() {}
        let fetcher = fetcher.clone();
        let tx = tx.clone();
        let (parsers, budget) = (Arc::clone(&parsers), Arc::clone(&budget));
        tasks.spawn(async move {
            let _slot = slot;
            let (fetched, share) = fetcher.get_feed(&target.fetch_url, &target.validators, &budget).await;
            let result = parse_one(&target, fetched, &parsers).await;
            // The writer only goes away when the store failed; the run is over then anyway.
            let _ = tx.send((target, result, share));
        });
    }
    drop(tx);
    while tasks.join_next().await.is_some() {}
    let (store, mut summary) = writer.await.map_err(|e| RefreshError::Writer(e.to_string()))??;
    if !full_text.is_empty() {
        summary.full_texts = fetch_full_texts(store, &fetcher, &full_text, recent).await?;
    }
    Ok(summary)
}

async fn parse_one(target: &FetchTarget, fetched: Result<Answer, FetchError>, parsers: &Semaphore) -> Fetch {
    let (page, http_hint) = match fetched {
        // A 304 has no document: the last one's own hint still holds.
        Ok(Answer { fetched: Fetched::NotModified, fresh_for }) => {
            return Fetch::Unchanged { fresh_until: fresh_until(Utc::now(), fresh_for, target.feed_hint) };
        }
        Ok(Answer { fetched: Fetched::Page(page), fresh_for }) => (page, fresh_for),
        Err(e) => return Fetch::Failed(failure(e)),
    };
    // Off the async workers, so fetches keep flowing while this one parses.
    let Ok(_turn) = parsers.acquire().await else {
        return Fetch::Failed("internal error: the parser pool closed".into());
    };
    // Parsed and prepared here, beside the writer, so it only writes.
    let parsed = tokio::task::spawn_blocking(move || {
        let feed = parse_feed(&page.body, page.content_type.as_deref(), &page.final_url)?;
        Ok::<_, crate::parse::ParseError>(PreparedFeed::new(FeedUpdate {
            site_title: feed.title,
            site_link: feed.link,
            validators: page.validators,
            moved_to: page.moved_permanently,
            items: feed.items,
            fresh_until: fresh_until(Utc::now(), http_hint, feed.fresh_for),
            feed_hint: feed.fresh_for,
        }))
    })
    .await;
    match parsed {
        Ok(Ok(prepared)) => Fetch::Parsed(Box::new(prepared)),
        Ok(Err(e)) => Fetch::Failed(e.to_string().into()),
        Err(e) => Fetch::Failed(format!("internal error while parsing: {e}").into()),
    }
}

/// What a failed fetch means for the feed's schedule: a Retry-After, gone, or one more failure.
fn failure(error: FetchError) -> Failure {
    match error {
        FetchError::RateLimited { status, until } => Failure::RateLimited { status, until },
        FetchError::Status(410) => Failure::Gone,
        other => Failure::Error(other.to_string()),
    }
}

/// Saves results as they come: waits for one, then takes every other that has arrived, so a
/// burst of feeds shares one transaction.
fn write_all(
    mut store: Store,
    rx: mpsc::Receiver<Done>,
    mut on_feed: impl FnMut(&FeedReport),
) -> Result<(Store, Summary), StoreError> {
    store.defer_checkpoints()?;
    let mut summary = Summary::default();
    let mut last_trim = std::time::Instant::now();
    while let Ok(first) = rx.recv() {
        let (batch, shares): (Vec<_>, Vec<_>) =
            std::iter::once(first).chain(rx.try_iter()).map(|(t, f, share)| ((t, f), share)).unzip();
        let reports = save_batch(&mut store, batch)?;
        // Saved: their shares let the next feeds in.
        drop(shares);
        if last_trim.elapsed() >= TRIM_EVERY {
            crate::memory::release_freed();
            last_trim = std::time::Instant::now();
        }
        for report in reports {
            summary.feeds += 1;
            match &report.outcome {
                FeedOutcome::Updated(stats) => summary.new += stats.new,
                FeedOutcome::Unchanged => summary.unchanged += 1,
                FeedOutcome::Failed(_) => summary.failed += 1,
            }
            on_feed(&report);
        }
    }
    store.checkpoint()?;
    if summary.new > 0 {
        store.refresh_statistics()?;
    }
    Ok((store, summary))
}

fn save_batch(store: &mut Store, batch: Vec<(FetchTarget, Fetch)>) -> Result<Vec<FeedReport>, StoreError> {
    let mut reports = Vec::with_capacity(batch.len());
    let mut parsed: Vec<(FeedId, PreparedFeed)> = Vec::new();
    let mut parsed_targets: Vec<FetchTarget> = Vec::new();
    for (target, fetch) in batch {
        let outcome = match fetch {
            Fetch::Parsed(update) => {
                parsed.push((target.id, *update));
                parsed_targets.push(target);
                continue;
            }
            Fetch::Unchanged { fresh_until } => {
                store.mark_unchanged(target.id, fresh_until)?;
                FeedOutcome::Unchanged
            }
            Fetch::Failed(failure) => {
                store.record_error(target.id, &failure)?;
                FeedOutcome::Failed(failure)
            }
        };
        reports.push(FeedReport {
            feed: target.id,
            url: target.url,
            outcome,
            at: Utc::now(),
            moved_to: None,
        });
    }
    if parsed.is_empty() {
        return Ok(reports);
    }
    let results = store.save_prepared(&parsed)?;
    for ((target, (_, update)), result) in parsed_targets.into_iter().zip(parsed).zip(results) {
        let outcome = match result {
            Ok(stats) => FeedOutcome::Updated(stats),
            // A feed the database refuses fails alone, like any other broken feed.
            Err(e) => {
                let failure = Failure::Error(e.to_string());
                store.record_error(target.id, &failure)?;
                FeedOutcome::Failed(failure)
            }
        };
        let moved_to = update.moved_to().filter(|m| *m != target.fetch_url).map(str::to_owned);
        reports.push(FeedReport { feed: target.id, url: target.url, outcome, at: Utc::now(), moved_to });
    }
    Ok(reports)
}

/// Fetches and extracts the pages of articles these feeds gained since `since` that lack their
/// full text; returns how many were stored. A page that fails is skipped (the reader falls back
/// to the feed's content) and tried again by the next refresh while it is recent.
async fn fetch_full_texts(
    store: Store,
    fetcher: &Fetcher,
    feeds: &[FeedId],
    since: DateTime<Utc>,
) -> Result<u32, RefreshError> {
    let feeds = feeds.to_vec();
    let (store, wanted) = tokio::task::spawn_blocking(move || {
        let mut wanted: Vec<(ArticleId, String)> = Vec::new();
        for feed in feeds {
            // A feed's first refresh may bring a hundred items: the rest wait for later runs
            // rather than making this one crawl a whole site.
            let missing = store.missing_full_text(feed, since)?;
            wanted.extend(missing.into_iter().rev().take(FULL_TEXT_PER_FEED));
        }
        Ok::<_, StoreError>((store, wanted))
    })
    .await
    .map_err(|e| RefreshError::Writer(e.to_string()))??;
    let mut tasks = tokio::task::JoinSet::new();
    for (id, link) in wanted {
        let fetcher = fetcher.clone();
        tasks.spawn(async move {
            let result = fetch_full_text(&fetcher, &link).await;
            if let Err(reason) = &result {
                tracing::info!("full text of {link}: {reason}");
            }
            (id, result)
        });
    }
    let mut pages = Vec::new();
    while let Some(done) = tasks.join_next().await {
        if let Ok((id, Ok(page))) = done {
            pages.push((id, page));
        }
    }
    let stored = pages.len() as u32;
    tokio::task::spawn_blocking(move || {
        let mut store = store;
        pages.iter().try_for_each(|(id, page)| store.set_full_text(*id, page))
    })
    .await
    .map_err(|e| RefreshError::Writer(e.to_string()))??;
    Ok(stored)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn target(url: &str) -> FetchTarget {
        FetchTarget {
            id: FeedId(0),
            url: url.into(),
            fetch_url: url.into(),
            validators: Default::default(),
            full_text: false,
            schedule: Default::default(),
            feed_hint: None,
        }
    }

    #[test]
    fn hosts_take_turns_keeping_their_own_order() {
        let urls = ["http://a/1", "http://a/2", "http://a/3", "http://b/1", "http://c/1", "http://b/2"];
        let order: Vec<String> = hosts_in_turn(urls.map(target).into()).into_iter().map(|t| t.url).collect();
        assert_eq!(
            order,
            ["http://a/1", "http://b/1", "http://c/1", "http://a/2", "http://b/2", "http://a/3"]
        );
    }
}
