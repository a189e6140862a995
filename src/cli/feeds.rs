//! `byline feeds`, `add`, `remove`, `import` and `export`: the subscription list.

use std::path::Path;

use serde::Serialize;

use crate::import::{export_opml, parse_subscriptions};
use crate::model::{Feed, FeedSpec};
use crate::schedule::feed_note;
use crate::subscriptions::resolve;
use crate::zone::Zone;

use super::context::{Context, runtime};

/// One feed in `byline feeds --json`.
#[derive(Serialize)]
struct FeedJson<'a> {
    url: &'a str,
    title: &'a str,
    tags: &'a [String],
    unread: u32,
    total: u32,
    last_error: Option<&'a str>,
}

impl<'a> From<&'a Feed> for FeedJson<'a> {
    fn from(f: &'a Feed) -> Self {
        FeedJson {
            url: &f.url,
            title: &f.title,
            tags: &f.tags,
            unread: f.unread,
            total: f.total,
            last_error: f.last_error.as_deref(),
        }
    }
}

pub fn list(ctx: &Context, json: bool) -> anyhow::Result<()> {
    let feeds = ctx.store()?.feeds()?;
    if json {
        let rows: Vec<FeedJson> = feeds.iter().map(FeedJson::from).collect();
        println!("{}", serde_json::to_string_pretty(&rows)?);
        return Ok(());
    }
    let now = chrono::Utc::now();
    let minutes = ctx.config.general.refresh_minutes;
    for f in &feeds {
        let tags = if f.tags.is_empty() { String::new() } else { format!("  [{}]", f.tags.join(", ")) };
        println!("{:>5}/{:<5} {}  {}{tags}", f.unread, f.total, f.title, f.url);
        let remove = format!("`byline remove {}`", f.url);
        if let Some(note) =
            feed_note(f.last_error.as_deref(), &f.schedule, minutes, now, Zone::Local, &remove)
        {
            println!("            ! {note}");
        }
    }
    Ok(())
}

/// Subscribes (discovering the feed behind a site's address) and stores its articles from the
/// fetch that found it.
pub fn add(ctx: &Context, url: &str, tags: Vec<String>) -> anyhow::Result<()> {
    let resolved = runtime()?.block_on(resolve(&ctx.fetcher()?, url))?;
    let mut subscriptions = ctx.subscriptions.clone();
    subscriptions.add(FeedSpec { url: resolved.url.clone(), tags, ..FeedSpec::default() })?;
    let mut store = ctx.store_for(subscriptions.feeds())?;
    let id = ctx.feed_id(&store, &resolved.url)?;
    let stats = store.save_feed(id, &resolved.update)?;
    let name = resolved.title.unwrap_or_else(|| resolved.url.clone());
    println!("added {name} ({}): {} articles", resolved.url, stats.new);
    Ok(())
}

pub fn remove(ctx: &Context, url: &str) -> anyhow::Result<()> {
    let mut subscriptions = ctx.subscriptions.clone();
    let removed = subscriptions.remove(url)?;
    ctx.store_for(subscriptions.feeds())?;
    println!("removed {}", removed.url);
    Ok(())
}

pub fn import(ctx: &Context, file: &Path) -> anyhow::Result<()> {
    let text = std::fs::read_to_string(file).map_err(|e| anyhow::anyhow!("{}: {e}", file.display()))?;
    let imported = parse_subscriptions(&text).map_err(|e| anyhow::anyhow!("{}: {e}", file.display()))?;
    let mut subscriptions = ctx.subscriptions.clone();
    let found = imported.feeds.len();
    let added = subscriptions.add_all(imported.feeds)?;
    ctx.store_for(subscriptions.feeds())?;
    for line in &imported.skipped {
        eprintln!("note: skipped {line}");
    }
    println!("imported {added} feeds ({} already subscribed)", found - added);
    Ok(())
}

/// The subscriptions as OPML: feeds.toml's, or the sync server's (from the synced store).
pub fn export(ctx: &Context) -> anyhow::Result<()> {
    if ctx.syncer().is_some() {
        let specs: Vec<FeedSpec> = ctx
            .store()?
            .feeds()?
            .into_iter()
            .map(|f| FeedSpec { url: f.url, title: Some(f.title), tags: f.tags, ..FeedSpec::default() })
            .collect();
        print!("{}", export_opml(&specs));
        return Ok(());
    }
    print!("{}", export_opml(ctx.subscriptions.feeds()));
    Ok(())
}
