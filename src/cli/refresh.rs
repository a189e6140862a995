//! `byline refresh`: one line per failed feed on stderr, a summary on stdout.

use crate::refresh::{FeedOutcome, refresh};

use super::context::{Context, runtime};

pub fn run(ctx: &Context, only: &[String]) -> anyhow::Result<()> {
    let store = ctx.store()?;
    for url in only {
        ctx.feed_id(&store, url)?;
    }
    let targets = store.fetch_targets(only)?;
    let fetcher = ctx.fetcher()?;
    let summary = runtime()?.block_on(refresh(store, fetcher, targets, |report| {
        if let FeedOutcome::Failed(reason) = &report.outcome {
            eprintln!("error: {}: {reason}", report.url);
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
