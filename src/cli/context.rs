//! What every command needs: the resolved paths, the configuration and the subscription list.
//! The store and the network are opened only by the commands that use them.

use anyhow::Context as _;

use crate::config::{Config, Paths};
use crate::fetch::{Fetcher, Limits};
use crate::model::{FeedId, FeedSpec};
use crate::store::Store;
use crate::subscriptions::Subscriptions;
use crate::sync::Syncer;

use super::Global;

pub struct Context {
    pub paths: Paths,
    pub config: Config,
    /// Empty while a sync server owns the subscriptions (feeds.toml is not read then).
    pub subscriptions: Subscriptions,
    /// Set when `[sync]` names a server: the store is then the synced one.
    pub syncer: Option<Syncer>,
}

impl Context {
    /// Resolves the paths (XDG, or the command line's), starts the log, and reads the files.
    pub fn new(global: &Global) -> anyhow::Result<Context> {
        let paths = Paths::resolve(global.config.as_deref(), global.feeds.as_deref(), global.db.as_deref());
        Context::with_paths(paths)
    }

    pub fn with_paths(paths: Paths) -> anyhow::Result<Context> {
        crate::logging::init(&paths.log_dir);
        let config = Config::load(&paths.config_file)?;
        let user_agent = config.fetch.user_agent.as_deref().unwrap_or(crate::fetch::USER_AGENT);
        let syncer = Syncer::new(&config.sync, &paths.db_file, &paths.log_dir, limits(&config), user_agent);
        let subscriptions = match syncer {
            Some(_) => Subscriptions::unused(&paths.feeds_file),
            None => Subscriptions::load(&paths.feeds_file)?,
        };
        Ok(Context { paths, config, subscriptions, syncer })
    }

    /// One line each about unsafe sync settings (see [`crate::sync::warnings`]).
    pub fn warnings(&self) -> Vec<String> {
        crate::sync::warnings(&self.config.sync, &self.paths.config_file)
    }

    /// The database the commands work on: the synced store while sync is on, else the local
    /// one with its feed list brought in line with the subscriptions.
    /// The database, with config.toml's ignore rules applied (a changed rule applies to what
    /// is stored before the command reads it).
    pub fn store(&self) -> anyhow::Result<Store> {
        let mut store = match &self.syncer {
            Some(_) => open(self.db_path())?,
            None => self.store_for(self.subscriptions.feeds())?,
        };
        store.set_ignore_rules(&self.config.ignore_rules()).context("cannot apply the ignore rules")?;
        Ok(store)
    }

    /// Opens the database with its feed list brought in line with `feeds` (a changed list).
    pub fn store_for(&self, feeds: &[FeedSpec]) -> anyhow::Result<Store> {
        let mut store = open(&self.paths.db_file)?;
        store.sync_feeds(feeds)?;
        Ok(store)
    }

    /// The database file the commands and the reader work on (see [`Context::store`]).
    pub fn db_path(&self) -> &std::path::Path {
        self.syncer.as_ref().map_or(&self.paths.db_file, |s| s.db_path())
    }

    /// The sync server, for the commands that change subscriptions there.
    pub fn syncer(&self) -> Option<&Syncer> {
        self.syncer.as_ref()
    }

    pub fn fetcher(&self) -> anyhow::Result<Fetcher> {
        let limits = limits(&self.config);
        Ok(match &self.config.fetch.user_agent {
            Some(agent) => Fetcher::with_user_agent(limits, agent)?,
            None => Fetcher::new(limits)?,
        })
    }

    /// The id of a subscribed feed, by URL (as feeds.toml matches it: a trailing slash aside).
    pub fn feed_id(&self, store: &Store, url: &str) -> anyhow::Result<FeedId> {
        let url = self.subscriptions.find(url).map_or(url, |spec| spec.url.as_str());
        match store.feed_by_url(url)? {
            Some(feed) => Ok(feed.id),
            None => anyhow::bail!("not subscribed to {url}"),
        }
    }
}

fn open(path: &std::path::Path) -> anyhow::Result<Store> {
    Store::open(path).with_context(|| format!("cannot open the database {}", path.display()))
}

/// The fetch limits a configuration asks for.
pub fn limits(config: &Config) -> Limits {
    let f = &config.fetch;
    Limits {
        timeout: std::time::Duration::from_secs(f.timeout_seconds.max(1)),
        max_body_bytes: f.max_body_kib.clamp(1, u64::MAX / 1024) * 1024,
        max_redirects: f.max_redirects,
        // Beyond a few hundred requests in flight nothing gets faster; the cap also keeps the
        // semaphores in range.
        concurrency: f.concurrency.clamp(1, 1024),
        per_host: f.per_host.clamp(1, 1024),
        // A minute at most: longer would make a refresh of a few feeds on one site take hours.
        host_spacing: std::time::Duration::from_millis(f.host_spacing_ms.min(60_000)),
    }
}

/// A runtime for the commands that touch the network.
pub fn runtime() -> anyhow::Result<tokio::runtime::Runtime> {
    Ok(tokio::runtime::Builder::new_multi_thread().enable_all().build()?)
}
