//! The SQLite store: the single source of truth for feeds, articles and their read/starred state.
//!
//! Blocking API; async callers run it on a blocking thread. Several `Store`s may be open on the
//! same file (WAL): the UI reads through one while a refresh writes through another.
//!
//! Each file adds one concern to `Store`: `feeds`, `save` (refresh results), `articles` (listing and
//! read/starred state), `tags`, `search` (the FTS5 index); `migrations` holds the schema.

mod articles;
mod feeds;
mod filter;
mod fingerprint;
pub mod migrations;
mod plain_text;
mod query;
mod remote;
mod rules;
pub use remote::{Outgoing, Saved, SyncState};
mod save;
pub use rules::RulesApplied;
pub use save::PreparedFeed;
mod search;
mod tags;

use std::path::Path;
use std::time::Duration;

use chrono::{DateTime, Utc};
use rusqlite::{Connection, Transaction, TransactionBehavior};

use crate::model::{FeedId, NewArticle};
use crate::schedule::{Ask, Hold, Schedule};

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("database error: {0}")]
    Sqlite(#[from] rusqlite::Error),
    #[error("cannot create the database folder {path}: {source}")]
    Dir { path: String, source: std::io::Error },
    #[error("the database was written by a newer byline (schema version {found}, this one knows {known})")]
    TooNew { found: i64, known: i64 },
    #[error("no feed with URL {0}")]
    NoSuchFeed(String),
    #[error("no feed with id {0}")]
    UnknownFeed(i64),
}

pub type Result<T, E = StoreError> = std::result::Result<T, E>;

/// Conditional-GET validators remembered per feed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Validators {
    pub etag: Option<String>,
    pub last_modified: Option<String>,
}

/// What the refresh needs to know about a feed before fetching it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FetchTarget {
    pub id: FeedId,
    /// The subscribed URL (the feed's identity, as in feeds.toml).
    pub url: String,
    /// Where to fetch: a remembered permanent redirect, else `url`.
    pub fetch_url: String,
    pub validators: Validators,
    /// Fetch the page of each new article and keep its extracted text.
    pub full_text: bool,
    /// Its interval and what its past fetches said: whether to fetch it now.
    pub schedule: Schedule,
    /// The last document's own refresh hint (ttl, sy:updatePeriod), for a 304 that has none.
    pub feed_hint: Option<chrono::Duration>,
}

impl FetchTarget {
    /// Whether a periodic refresh should fetch this feed now: its interval (its own, else
    /// `default_minutes`, stretched by the backoff while it fails) has passed since the last
    /// attempt, no Retry-After or cache lifetime lies ahead, and it is not gone.
    pub fn is_due(&self, now: DateTime<Utc>, default_minutes: u32) -> bool {
        self.schedule.hold(now, Ask::Periodic { default_minutes }).is_none()
    }
}

/// Takes out of `targets` the feeds that `ask` may not fetch now, and says why for each (URL,
/// reason), in order: the one rule the reader and `byline refresh` both apply.
pub fn hold_back(targets: &mut Vec<FetchTarget>, now: DateTime<Utc>, ask: Ask) -> Vec<(String, Hold)> {
    let mut held = Vec::new();
    targets.retain(|t| match t.schedule.hold(now, ask) {
        Some(hold) => {
            held.push((t.url.clone(), hold));
            false
        }
        None => true,
    });
    held
}

/// A successfully fetched and parsed feed, to be saved in one transaction.
#[derive(Debug, Clone, Default)]
pub struct FeedUpdate {
    pub site_title: Option<String>,
    pub site_link: Option<String>,
    pub validators: Validators,
    /// Set when the server answered with a permanent redirect: fetch there from now on.
    pub moved_to: Option<String>,
    pub items: Vec<NewArticle>,
    /// The periodic refresh leaves the feed alone until then (cache hints, capped).
    pub fresh_until: Option<DateTime<Utc>>,
    /// The document's own refresh hint, remembered for later 304s.
    pub feed_hint: Option<chrono::Duration>,
}

/// What saving a feed changed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SaveStats {
    pub new: u32,
    pub updated: u32,
}

/// One connection to the database. Reads take `&self`, writes `&mut self`; open one `Store`
/// per thread that needs one (they are `Send`, not `Sync`).
pub struct Store {
    conn: Connection,
    /// The ignore rules new articles meet, as the database records them (see `rules`).
    rules: Vec<crate::model::IgnoreRule>,
}

/// How long a statement waits for another handle's write lock before giving up.
const BUSY_TIMEOUT: Duration = Duration::from_secs(10);

impl Store {
    /// Opens (creating if needed) the database at `path` and its folder, enables WAL and foreign
    /// keys, and applies pending migrations.
    pub fn open(path: &Path) -> Result<Store> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir)
                .map_err(|source| StoreError::Dir { path: dir.display().to_string(), source })?;
        }
        configure_sqlite();
        let conn = Connection::open(path)?;
        conn.busy_timeout(BUSY_TIMEOUT)?;
        conn.set_prepared_statement_cache_capacity(64);
        // WAL lets the UI's reader and the refresh's writer work at the same time; NORMAL is
        // durable across application crashes, which is all a feed cache needs.
        let _mode: String = conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))?;
        conn.execute_batch(&format!(
            "PRAGMA synchronous = NORMAL;
             PRAGMA foreign_keys = ON;
             PRAGMA temp_store = MEMORY;
             -- 16 MB of page cache: the first screen's indexes stay in memory, and a
             -- refresh stays well under 100 MB (32 MB bought no measurable speed).
             PRAGMA cache_size = -16384;
             PRAGMA wal_autocheckpoint = {AUTOCHECKPOINT_PAGES};
             PRAGMA journal_size_limit = 67108864;"
        ))?;
        query::register_functions(&conn)?;
        let mut store = Store { conn, rules: Vec::new() };
        migrations::migrate(&mut store.conn)?;
        search::create_queue(&store.conn)?;
        store.rules = rules::recorded(&store.conn)?;
        Ok(store)
    }

    /// A write transaction that takes the write lock up front, so two handles never deadlock
    /// upgrading read locks (the busy timeout then does the waiting).
    /// For a refresh's writer: no checkpoint after each commit while it saves, one at the end
    /// ([`Store::checkpoint`]). Copying the log into the database once instead of every 16 MB
    /// takes about a fifth off a large refresh.
    pub fn defer_checkpoints(&mut self) -> Result<()> {
        self.conn.pragma_update(None, "wal_autocheckpoint", 0)?;
        Ok(())
    }

    /// Brings the query planner's statistics up to date when the tables have grown or shrunk
    /// much since they were gathered, so a query's terms meet the index that suits them (a count
    /// walks the covering index, not the table). On a sample (analysis_limit): about 0.1 s and
    /// the page cache when the statistics are stale, else nothing. Run by a writer after saving
    /// articles, never on the way to the reader's first frame.
    pub fn refresh_statistics(&mut self) -> Result<()> {
        self.conn.execute_batch("PRAGMA analysis_limit = 1000; PRAGMA optimize = 0x10002;")?;
        Ok(())
    }

    /// Copies the write-ahead log into the database as far as readers allow, and turns automatic
    /// checkpoints back on.
    pub fn checkpoint(&mut self) -> Result<()> {
        self.conn.query_row("PRAGMA wal_checkpoint(PASSIVE)", [], |_| Ok(()))?;
        self.conn.pragma_update(None, "wal_autocheckpoint", AUTOCHECKPOINT_PAGES)?;
        Ok(())
    }

    fn write(&mut self) -> Result<Transaction<'_>> {
        Ok(self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?)
    }
}

/// Process-wide SQLite settings, before its first use. Memory statistics off: with them on, every
/// allocation SQLite makes takes a global mutex, a tenth of a refresh's writing.
fn configure_sqlite() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        // SAFETY: MEMSTATUS takes one int. Called before SQLite initialises (else it answers
        // SQLITE_MISUSE and changes nothing, which is harmless).
        unsafe { rusqlite::ffi::sqlite3_config(rusqlite::ffi::SQLITE_CONFIG_MEMSTATUS, 0) };
    });
}

/// Checkpoint (and fsync) the write-ahead log every 16 MB rather than SQLite's 4.
const AUTOCHECKPOINT_PAGES: u32 = 4000;

/// Dates are stored as Unix seconds.
fn to_ts(t: DateTime<Utc>) -> i64 {
    t.timestamp()
}

fn from_ts(s: i64) -> DateTime<Utc> {
    DateTime::from_timestamp(s, 0).unwrap_or_default()
}

fn now_ts() -> i64 {
    to_ts(Utc::now())
}

/// The folded form of a tag or category, its identity for matching (Unicode-aware, unlike
/// SQLite's ASCII-only NOCASE).
fn norm_tag(tag: &str) -> String {
    crate::sanitize::clean_line(tag).to_lowercase()
}

/// Separator of lists aggregated in SQL: the unit separator never survives `clean_line`.
const LIST_SEP: char = '\u{1f}';

fn split_list(s: Option<String>) -> Vec<String> {
    s.map(|s| s.split(LIST_SEP).map(str::to_owned).collect()).unwrap_or_default()
}

#[cfg(test)]
mod due_tests {
    use super::*;

    fn with(schedule: Schedule) -> FetchTarget {
        FetchTarget {
            id: FeedId(1),
            url: "u".into(),
            fetch_url: "u".into(),
            validators: Validators::default(),
            full_text: false,
            schedule,
            feed_hint: None,
        }
    }

    #[test]
    fn a_feed_is_due_after_its_own_interval_or_the_default() {
        let now = Utc::now();
        let target = |own: Option<u32>, ago: Option<i64>| {
            with(Schedule {
                refresh_minutes: own,
                last_fetched: ago.map(|m| now - chrono::Duration::minutes(m)),
                ..Schedule::default()
            })
        };
        assert!(target(None, None).is_due(now, 30));
        assert!(!target(None, Some(10)).is_due(now, 30));
        assert!(target(None, Some(31)).is_due(now, 30));
        assert!(target(Some(5), Some(10)).is_due(now, 30));
        assert!(!target(Some(120), Some(60)).is_due(now, 30));
    }

    #[test]
    fn a_failing_feed_backs_off_doubling_up_to_a_day() {
        let now = Utc::now();
        let target = |failures: u32, ago_minutes: i64| {
            with(Schedule {
                last_fetched: Some(now - chrono::Duration::minutes(ago_minutes)),
                failures,
                ..Schedule::default()
            })
        };
        // A 30-minute interval: 30, 60, 120... minutes after the n-th failure.
        assert!(target(1, 30).is_due(now, 30));
        assert!(!target(2, 59).is_due(now, 30));
        assert!(target(2, 60).is_due(now, 30));
        assert!(!target(3, 119).is_due(now, 30));
        assert!(target(3, 120).is_due(now, 30));
        assert!(!target(12, 23 * 60).is_due(now, 30));
        assert!(target(12, 24 * 60).is_due(now, 30));
        // The success that reset the count: the plain interval again.
        assert!(target(0, 30).is_due(now, 30));
    }
}
