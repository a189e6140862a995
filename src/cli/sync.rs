//! `byline sync` and `byline sync --status`, and what `add`, `remove`, `import` and `refresh`
//! do while a sync server owns the subscriptions.

use std::path::Path;

use crate::import::parse_subscriptions;
use crate::sync::{Report, Syncer, status_line};

use super::context::{Context, runtime};

/// The server named in messages: service and user.
fn account(syncer: &Syncer) -> String {
    format!("{} (user {})", syncer.service_name(), syncer.user())
}

fn require(ctx: &Context) -> anyhow::Result<&Syncer> {
    ctx.syncer().ok_or_else(|| {
        anyhow::anyhow!(
            "sync is off: set service, url, user and a password in the [sync] table of {}",
            ctx.paths.config_file.display()
        )
    })
}

/// Pulls and pushes; fails (non-zero exit) when the server could not be reached or logged in to.
pub fn run(ctx: &Context) -> anyhow::Result<()> {
    let syncer = require(ctx)?;
    let report = runtime()?.block_on(syncer.sync())?;
    print_report(&report);
    Ok(())
}

fn print_report(report: &Report) {
    println!("{}, {} waiting", status_line(&Report { waiting: 0, ..report.clone() }), report.waiting);
    if report.changed > 0 {
        println!("{} stored articles changed state on the server", report.changed);
    }
}

/// Service, user, last sync, marks waiting, last error: from the store alone, no network.
pub fn status(ctx: &Context) -> anyhow::Result<()> {
    let syncer = require(ctx)?;
    let state = ctx.store()?.sync_state()?;
    let last = state.last_sync.map_or_else(
        || "never".to_string(),
        |t| crate::zone::Zone::Local.at(t).format("%Y-%m-%d %H:%M:%S").to_string(),
    );
    println!("service: {}", syncer.service_name());
    println!("user: {}", syncer.user());
    println!("last sync: {last}");
    println!("changes waiting: {}", state.waiting);
    println!("last error: {}", state.last_error.as_deref().unwrap_or("none"));
    Ok(())
}

/// Subscribes on the server (the first tag is the folder), then syncs.
pub fn add(syncer: &Syncer, url: &str, tags: &[String]) -> anyhow::Result<()> {
    let report = runtime()?.block_on(syncer.subscribe(url, tags.first().map(String::as_str)))?;
    println!("subscribed to {url} on {}; {}", account(syncer), status_line(&report));
    Ok(())
}

pub fn remove(syncer: &Syncer, url: &str) -> anyhow::Result<()> {
    runtime()?.block_on(syncer.unsubscribe(url))?;
    println!("unsubscribed from {url} on {}", account(syncer));
    Ok(())
}

/// Pushes an OPML file's feeds (their first folder each) to the server, then syncs.
pub fn import(syncer: &Syncer, file: &Path) -> anyhow::Result<()> {
    let text = std::fs::read_to_string(file).map_err(|e| anyhow::anyhow!("{}: {e}", file.display()))?;
    let imported = parse_subscriptions(&text).map_err(|e| anyhow::anyhow!("{}: {e}", file.display()))?;
    for line in &imported.skipped {
        eprintln!("note: skipped {line}");
    }
    let found = imported.feeds.len();
    let feeds = imported.feeds.into_iter().map(|f| (f.url, f.tags.into_iter().next())).collect();
    let report = runtime()?.block_on(syncer.import(feeds))?;
    for reason in &report.refused {
        eprintln!("note: {reason}");
    }
    println!(
        "imported {} feeds to {} ({} refused or already subscribed); {}",
        report.subscribed,
        account(syncer),
        found as u32 - report.subscribed,
        status_line(&report)
    );
    Ok(())
}
