//! `byline refresh`: one line per failed feed on stderr, a summary on stdout.

use crate::refresh::{FeedOutcome, refresh};

use super::context::{Context, runtime};

/// The subscribed spelling of a feed URL given on the command line.
fn canonical(ctx: &Context, url: &str) -> anyhow::Result<String> {
    match ctx.subscriptions.find(url) {
        Some(spec) => Ok(spec.url.clone()),
        None => anyhow::bail!("not subscribed to {url}"),
    }
}

pub fn run(ctx: &Context, only: &[String]) -> anyhow::Result<()> {
    let store = ctx.store()?;
    let only: Vec<String> = only.iter().map(|url| canonical(ctx, url)).collect::<anyhow::Result<_>>()?;
    let targets = store.fetch_targets(&only)?;
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
