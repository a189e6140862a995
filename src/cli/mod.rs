//! The command line: clap definitions and the headless commands. The TUI lives in `tui`.

mod articles;
mod context;
mod docs;
mod feeds;
mod manage;
mod peek;
mod read_page;
mod refresh;
mod sync;

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

pub use context::Context;

const GLOBAL: &str = "Global options";

#[derive(Debug, Parser)]
#[command(name = "byline", version, about = "A fast terminal news reader", long_about = None)]
pub struct Cli {
    #[command(flatten)]
    pub global: Global,
    /// Open the reader on bundled sample feeds served from 127.0.0.1 with a temporary database.
    #[arg(long)]
    pub demo: bool,
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// Options every command takes. Under their own heading, so that a command's own options list
/// first in its help.
#[derive(Debug, Clone, Args)]
pub struct Global {
    /// Configuration file [default: $XDG_CONFIG_HOME/byline/config.toml]
    #[arg(long, global = true, value_name = "FILE", help_heading = GLOBAL)]
    pub config: Option<PathBuf>,
    /// Subscription list [default: $XDG_CONFIG_HOME/byline/feeds.toml]
    #[arg(long, global = true, value_name = "FILE", help_heading = GLOBAL)]
    pub feeds: Option<PathBuf>,
    /// Database [default: $XDG_DATA_HOME/byline/byline.db]
    #[arg(long, global = true, value_name = "FILE", help_heading = GLOBAL)]
    pub db: Option<PathBuf>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Fetch all feeds (or the named ones) and store new articles. A feed whose server asked
    /// to wait (Retry-After) is skipped until then, and a gone one (410) unless named.
    Refresh {
        /// Only this feed (repeatable).
        #[arg(long = "feed", value_name = "URL")]
        urls: Vec<String>,
        /// Fetch rate-limited and gone feeds too.
        #[arg(long)]
        force: bool,
    },
    /// List subscribed feeds with unread and total counts.
    Feeds {
        /// Print the feeds as JSON: url, title, tags, unread, total, last_error.
        #[arg(long)]
        json: bool,
    },
    /// List stored articles, newest first.
    Articles(ArticleQuery),
    /// Print one article as readable text.
    Show {
        /// The article's id (see `byline articles`).
        id: i64,
        /// Wrap at this many columns.
        #[arg(long, default_value_t = 80)]
        width: u16,
    },
    /// Fetch a feed (or read a local file) and print it without subscribing.
    Peek {
        /// The feed's address, or a feed file.
        #[arg(value_name = "URL|PATH")]
        source: String,
        /// Print the feed as JSON: title, link, and its items with their text and enclosures.
        #[arg(long)]
        json: bool,
    },
    /// Fetch a web page (or read a local file) and print its article text, without the site's chrome.
    ReadPage {
        /// The page's address, or an HTML file.
        #[arg(value_name = "URL|PATH")]
        source: String,
        /// Wrap at this many columns (not used with --json).
        #[arg(long, default_value_t = 80)]
        width: u16,
        /// Print the article as JSON: url, title, author, published, site, lead_image, text, links.
        #[arg(long)]
        json: bool,
    },
    /// Mark articles read: by id, all, one feed's, one tag's, or a query's.
    MarkRead(MarkTarget),
    /// Mark articles unread by id.
    MarkUnread {
        /// Article ids to mark unread.
        #[arg(required = true)]
        ids: Vec<i64>,
    },
    /// Star articles by id.
    Star {
        /// Article ids to star.
        #[arg(required = true)]
        ids: Vec<i64>,
    },
    /// Remove the star from articles by id.
    Unstar {
        /// Article ids to unstar.
        #[arg(required = true)]
        ids: Vec<i64>,
    },
    /// Subscribe to a feed; a site's address works too (its feed is discovered).
    Add {
        /// The feed's address, or a site's.
        url: String,
        /// Tag the feed (repeatable).
        #[arg(long = "tag", value_name = "TAG")]
        tags: Vec<String>,
    },
    /// Unsubscribe from a feed.
    Remove {
        /// The feed's address, as in feeds.toml or `byline feeds`.
        url: String,
    },
    /// Subscribe to every feed in an OPML file or a newsboat `urls` file.
    Import {
        /// The OPML or `urls` file.
        file: PathBuf,
    },
    /// Print the subscriptions as OPML 2.0.
    Export,
    /// Sync with the feed server of config.toml's [sync]: send waiting marks, take its
    /// subscriptions, new articles and read/starred states. Fails when the server cannot be
    /// reached or logged in to.
    Sync {
        /// Print the service, the user, the last sync, the changes waiting and the last error.
        #[arg(long)]
        status: bool,
    },
    /// Print the completion script for SHELL (see the README for where it goes).
    Completions {
        /// The shell to complete in.
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff).
    Man {
        /// Instead write byline.1 and a page for each command (byline-articles.1, ...) here.
        #[arg(long, value_name = "DIR")]
        dir: Option<PathBuf>,
    },
}

#[derive(Debug, Clone, Args)]
pub struct ArticleQuery {
    /// Only unread articles.
    #[arg(long)]
    pub unread: bool,
    /// Only starred articles.
    #[arg(long)]
    pub starred: bool,
    /// Only articles with this tag; repeat to require several.
    #[arg(long = "tag", value_name = "TAG")]
    pub tags: Vec<String>,
    /// Only articles of this feed.
    #[arg(long, value_name = "URL")]
    pub feed: Option<String>,
    /// Only articles whose title or text matches.
    #[arg(long, value_name = "TEXT")]
    pub search: Option<String>,
    /// Only articles matching this query (`tag:rust unread -title:sponsored age:<7d`; see README).
    #[arg(long, short = 'q', value_name = "QUERY")]
    pub query: Option<String>,
    /// List order.
    #[arg(long, value_enum, default_value_t = SortArg::Newest)]
    pub sort: SortArg,
    /// At most this many.
    #[arg(long, value_name = "N")]
    pub limit: Option<u32>,
    /// Print the articles as JSON: id, feed_url, feed_title, title, link, author, published,
    /// tags, read, starred.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Clone, Args)]
#[group(required = true, multiple = false)]
pub struct MarkTarget {
    /// Article ids.
    pub ids: Vec<i64>,
    /// Every article.
    #[arg(long)]
    pub all: bool,
    /// Every article of this feed.
    #[arg(long, value_name = "URL")]
    pub feed: Option<String>,
    /// Every article with this tag.
    #[arg(long, value_name = "TAG")]
    pub tag: Option<String>,
    /// Every article matching this query (`feed:lwn age:>7d`; see README).
    #[arg(long, short = 'q', value_name = "QUERY")]
    pub query: Option<String>,
}

/// `--sort`'s values, as the list's orders.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum SortArg {
    Newest,
    Oldest,
    Feed,
    UnreadFirst,
}

impl From<SortArg> for crate::model::Sort {
    fn from(sort: SortArg) -> Self {
        use crate::model::Sort;
        match sort {
            SortArg::Newest => Sort::Newest,
            SortArg::Oldest => Sort::Oldest,
            SortArg::Feed => Sort::Feed,
            SortArg::UnreadFirst => Sort::UnreadFirst,
        }
    }
}

/// Opens the reader on the user's files.
pub fn reader(global: &Global) -> anyhow::Result<()> {
    let ctx = Context::new(global)?;
    open_reader(ctx)
}

/// Opens the reader on the bundled sample feeds, served from 127.0.0.1, in a temporary folder.
pub fn demo() -> anyhow::Result<()> {
    let demo = crate::demo::Demo::start().map_err(|e| anyhow::anyhow!("cannot start the demo: {e}"))?;
    let ctx = Context::with_paths(demo.paths.clone())?;
    // `demo` lives until the reader returns: it owns the server and the temporary files.
    open_reader(ctx)
}

fn open_reader(ctx: Context) -> anyhow::Result<()> {
    let fetcher = ctx.fetcher()?;
    let warnings = ctx.warnings();
    let db_path = ctx.db_path().to_path_buf();
    let cache_dir = ctx.paths.cache_dir.clone();
    crate::tui::run(crate::tui::Context {
        db_path,
        config: ctx.config,
        subscriptions: ctx.subscriptions,
        fetcher,
        syncer: ctx.syncer,
        warnings,
        cache_dir,
    })
}

/// Runs a headless command.
pub fn run(global: &Global, command: Command) -> anyhow::Result<()> {
    // Generated from the definitions alone: they work before any file is set up.
    match command {
        Command::Completions { shell } => return docs::completions(shell),
        Command::Man { dir } => return docs::man(dir.as_deref()),
        _ => {}
    }
    let ctx = Context::new(global)?;
    for warning in ctx.warnings() {
        eprintln!("{warning}");
    }
    // While a server owns the subscriptions, these go to it.
    if let Some(syncer) = ctx.syncer() {
        match &command {
            Command::Refresh { .. } => return sync::run(&ctx),
            Command::Add { url, tags } => return sync::add(syncer, url, tags),
            Command::Remove { url } => return sync::remove(syncer, url),
            Command::Import { file } => return sync::import(syncer, file),
            _ => {}
        }
    }
    match command {
        Command::Sync { status: true } => sync::status(&ctx),
        Command::Sync { status: false } => sync::run(&ctx),
        Command::Refresh { urls, force } => refresh::run(&ctx, &urls, force),
        Command::Feeds { json } => feeds::list(&ctx, json),
        Command::Articles(query) => articles::list(&ctx, &query),
        Command::Show { id, width } => articles::show(&ctx, id, width),
        Command::Peek { source, json } => peek::peek(&ctx, &source, json),
        Command::ReadPage { source, width, json } => read_page::read_page(&ctx, &source, width, json),
        Command::MarkRead(target) => manage::mark_read(&ctx, &target),
        Command::MarkUnread { ids } => manage::set_read(&ctx, &ids, false),
        Command::Star { ids } => manage::set_starred(&ctx, &ids, true),
        Command::Unstar { ids } => manage::set_starred(&ctx, &ids, false),
        Command::Add { url, tags } => feeds::add(&ctx, &url, tags),
        Command::Remove { url } => feeds::remove(&ctx, &url),
        Command::Import { file } => feeds::import(&ctx, &file),
        Command::Export => feeds::export(&ctx),
        Command::Completions { .. } | Command::Man { .. } => unreachable!("handled before the context"),
    }
}

#[cfg(test)]
mod tests;
