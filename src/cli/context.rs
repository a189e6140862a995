//! What every command needs: the resolved paths, the configuration and the subscription list.
//! The store and the network are opened only by the commands that use them.

use anyhow::Context as _;

use crate::config::{Config, Paths};
use crate::fetch::{Fetcher, Limits};
use crate::model::FeedId;
use crate::store::Store;
use crate::subscriptions::Subscriptions;

use super::Global;

pub struct Context {
    pub paths: Paths,
    pub config: Config,
    pub subscriptions: Subscriptions,
}

impl Context {
    pub fn new(global: &Global) -> anyhow::Result<Context> {
        let paths = Paths::resolve(global.config.as_deref(), global.feeds.as_deref(), global.db.as_deref());
        let config = Config::load(&paths.config_file)?;
        let subscriptions = Subscriptions::load(&paths.feeds_file)?;
        Ok(Context { paths, config, subscriptions })
    }

    /// Opens the database and brings its feed list in line with the subscriptions.
    pub fn store(&self) -> anyhow::Result<Store> {
        let mut store = Store::open(&self.paths.db_file)
            .with_context(|| format!("cannot open the database {}", self.paths.db_file.display()))?;
        store.sync_feeds(self.subscriptions.feeds())?;
        Ok(store)
    }

    pub fn fetcher(&self) -> anyhow::Result<Fetcher> {
        let limits = limits(&self.config);
        Ok(match &self.config.fetch.user_agent {
            Some(agent) => Fetcher::with_user_agent(limits, agent)?,
            None => Fetcher::new(limits)?,
        })
    }

    /// The id of a subscribed feed, by URL.
    pub fn feed_id(&self, store: &Store, url: &str) -> anyhow::Result<FeedId> {
        match store.feed_by_url(url)? {
            Some(feed) => Ok(feed.id),
            None => anyhow::bail!("not subscribed to {url}"),
        }
    }
}

/// The fetch limits a configuration asks for.
pub fn limits(config: &Config) -> Limits {
    let f = &config.fetch;
    Limits {
        timeout: std::time::Duration::from_secs(f.timeout_seconds.max(1)),
        max_body_bytes: f.max_body_kib.max(1) * 1024,
        max_redirects: f.max_redirects,
        concurrency: f.concurrency.max(1),
        per_host: f.per_host.max(1),
    }
}

/// A runtime for the commands that touch the network.
pub fn runtime() -> anyhow::Result<tokio::runtime::Runtime> {
    Ok(tokio::runtime::Builder::new_multi_thread().enable_all().build()?)
}
