//! `byline refresh`: one line per failed or skipped feed on stderr, a summary on stdout.

use chrono::Utc;

use crate::refresh::{FeedOutcome, refresh};
use crate::schedule::{Ask, Failure, Hold, local_time};
use crate::store::hold_back;
use crate::zone::Zone;

use super::context::{Context, runtime};

/// The subscribed spelling of a feed URL given on the command line.
fn canonical(ctx: &Context, url: &str) -> anyhow::Result<String> {
    match ctx.subscriptions.find(url) {
        Some(spec) => Ok(spec.url.clone()),
        None => anyhow::bail!("not subscribed to {url}"),
    }
}

/// Refreshes every feed (or those in `only`). A feed whose server asked not to be asked yet
/// (Retry-After) is skipped, as is a gone feed unless named; `force` fetches them anyway.
pub fn run(ctx: &Context, only: &[String], force: bool) -> anyhow::Result<()> {
    let store = ctx.store()?;
    let only: Vec<String> = only.iter().map(|url| canonical(ctx, url)).collect::<anyhow::Result<_>>()?;
    let mut targets = store.fetch_targets(&only)?;
    let ask = match (force, only.is_empty()) {
        (true, _) => Ask::Force,
        (false, true) => Ask::All,
        (false, false) => Ask::Named,
    };
    let now = Utc::now();
    for (url, hold) in hold_back(&mut targets, now, ask) {
        match hold {
            Hold::RateLimited { until } => {
                eprintln!("note: {url}: rate limited until {}", local_time(until, now, Zone::Local))
            }
            Hold::Gone => eprintln!(
                "note: {url}: gone (HTTP 410), not fetched; remove it with `byline remove {url}`, or name it with --feed"
            ),
            // Only the reader's periodic refresh holds a feed back for not being due.
            Hold::NotDue => {}
        }
    }
    let fetcher = ctx.fetcher()?;
    let summary = runtime()?.block_on(refresh(store, fetcher, targets, move |report| {
        if let FeedOutcome::Failed(failure) = &report.outcome {
            let remove = format!("`byline remove {}`", report.url);
            let text = failure.describe(report.at, Zone::Local, &remove);
            match failure {
                Failure::RateLimited { status, .. } => {
                    eprintln!("error: {}: {text} (HTTP {status})", report.url)
                }
                _ => eprintln!("error: {}: {text}", report.url),
            }
        }
        if let Some(to) = &report.moved_to {
            eprintln!("note: {} moved permanently to {to}; byline will fetch it there", report.url);
        }
    }))?;
    println!(
        "refreshed {} feeds: {} new, {} unchanged, {} failed",
        summary.feeds, summary.new, summary.unchanged, summary.failed
    );
    if summary.full_texts > 0 {
        println!("fetched the full text of {} articles", summary.full_texts);
    }
    Ok(())
}
