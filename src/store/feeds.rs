//! Subscriptions: syncing with feeds.toml, listing, fetch targets, refresh outcomes.

use std::collections::HashSet;

use chrono::{DateTime, Utc};
use rusqlite::{OptionalExtension, Row, params};

use super::fingerprint::subscriptions_digest;
use super::{
    FetchTarget, Result, Store, StoreError, Validators, from_ts, norm_tag, now_ts, split_list, to_ts,
};
use crate::model::{Feed, FeedId, FeedSpec};
use crate::sanitize::clean_line;
use crate::schedule::{Failure, Schedule};

/// The columns of a feed's [`Schedule`], in the order [`schedule_from`] reads them.
const SCHEDULE_COLUMNS: &str =
    "f.refresh_minutes, f.last_fetched, f.failures, f.retry_at, f.fresh_until, f.gone";

/// A [`Schedule`] from the row's columns `at..at + 6` (see [`SCHEDULE_COLUMNS`]).
fn schedule_from(row: &Row, at: usize) -> rusqlite::Result<Schedule> {
    let time = |i: usize| Ok::<_, rusqlite::Error>(row.get::<_, Option<i64>>(at + i)?.map(from_ts));
    Ok(Schedule {
        refresh_minutes: row.get(at)?,
        last_fetched: time(1)?,
        failures: row.get(at + 2)?,
        retry_at: time(3)?,
        fresh_until: time(4)?,
        gone: row.get(at + 5)?,
    })
}

/// The title shown for a feed: the user's, else the site's, else the URL.
pub(super) const FEED_TITLE: &str = "coalesce(nullif(f.user_title, ''), nullif(f.site_title, ''), f.url)";

/// A feed's tags in the order the user wrote them, as one LIST_SEP-joined string.
pub(super) const FEED_TAG_LIST: &str = "(SELECT group_concat(n.display, char(31) ORDER BY t.position)
     FROM feed_tags t JOIN tag_names n ON n.norm = t.norm WHERE t.feed_id = f.id)";

fn feed_select() -> String {
    format!(
        "SELECT f.id, f.url, {FEED_TITLE}, {FEED_TAG_LIST}, f.unread, f.total, f.last_error, \
         {SCHEDULE_COLUMNS} FROM feeds f"
    )
}

fn feed_from_row(row: &Row) -> rusqlite::Result<Feed> {
    Ok(Feed {
        id: FeedId(row.get(0)?),
        url: row.get(1)?,
        title: row.get(2)?,
        tags: split_list(row.get(3)?),
        unread: row.get(4)?,
        total: row.get(5)?,
        last_error: row.get(6)?,
        schedule: schedule_from(row, 7)?,
    })
}

impl Store {
    /// Makes the store's feeds match the subscription list: adds new ones, updates titles, tags,
    /// settings and order. Feeds no longer listed are marked unsubscribed and hidden everywhere,
    /// not deleted: subscribing again brings back their articles with read/starred state.
    pub fn sync_feeds(&mut self, specs: &[FeedSpec]) -> Result<()> {
        // The reader applies the list at every start: an unchanged one costs one read.
        let digest = subscriptions_digest(specs);
        let applied: Option<Vec<u8>> = self
            .conn
            .prepare_cached("SELECT value FROM meta WHERE key = 'subscriptions'")?
            .query_row([], |r| r.get(0))
            .optional()?;
        if applied.as_deref() == Some(digest.as_slice()) {
            return Ok(());
        }
        let tx = self.write()?;
        tx.prepare_cached("INSERT OR REPLACE INTO meta (key, value) VALUES ('subscriptions', ?1)")?
            .execute([&digest])?;
        tx.execute("UPDATE feeds SET subscribed = 0", [])?;
        let mut seen = HashSet::new();
        let mut named = HashSet::new();
        for (position, spec) in specs.iter().enumerate() {
            let url = spec.url.trim();
            if url.is_empty() || !seen.insert(url) {
                continue;
            }
            let title = spec.title.as_deref().map(clean_line).filter(|t| !t.is_empty());
            let id: i64 = tx
                .prepare_cached(
                    "INSERT INTO feeds (url, position, subscribed, user_title, full_text,
                         max_articles, refresh_minutes)
                     VALUES (?1, ?2, 1, ?3, ?4, ?5, ?6)
                     ON CONFLICT (url) DO UPDATE SET position = excluded.position, subscribed = 1,
                         user_title = excluded.user_title, full_text = excluded.full_text,
                         max_articles = excluded.max_articles,
                         -- a new limit is applied by the next save, even of the same items
                         items_hash = iif(max_articles IS excluded.max_articles, items_hash, NULL),
                         refresh_minutes = excluded.refresh_minutes
                     RETURNING id",
                )?
                .query_row(
                    params![
                        url,
                        position as i64,
                        title,
                        spec.full_text,
                        spec.max_articles,
                        spec.refresh_minutes
                    ],
                    |r| r.get(0),
                )?;
            tx.prepare_cached("DELETE FROM feed_tags WHERE feed_id = ?1")?.execute([id])?;
            let mut tags = HashSet::new();
            for (tag_pos, tag) in spec.tags.iter().enumerate() {
                let display = clean_line(tag);
                let norm = norm_tag(&display);
                if norm.is_empty() || !tags.insert(norm.clone()) {
                    continue;
                }
                // The user's spelling of a tag (its first in the list) wins over a category's.
                if named.insert(norm.clone()) {
                    tx.prepare_cached(
                        "INSERT INTO tag_names (norm, display) VALUES (?1, ?2)
                         ON CONFLICT (norm) DO UPDATE SET display = excluded.display",
                    )?
                    .execute(params![norm, display])?;
                }
                tx.prepare_cached("INSERT INTO feed_tags (feed_id, norm, position) VALUES (?1, ?2, ?3)")?
                    .execute(params![id, norm, tag_pos as i64])?;
            }
        }
        tx.commit()?;
        Ok(())
    }

    /// Every subscribed feed with unread/total counts, in subscription order.
    pub fn feeds(&self) -> Result<Vec<Feed>> {
        let sql = format!("{} WHERE f.subscribed = 1 ORDER BY f.position, f.id", feed_select());
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let feeds = stmt.query_map([], feed_from_row)?.collect::<rusqlite::Result<_>>()?;
        Ok(feeds)
    }

    /// A subscribed feed by its subscribed URL.
    pub fn feed_by_url(&self, url: &str) -> Result<Option<Feed>> {
        let sql = format!("{} WHERE f.subscribed = 1 AND f.url = ?1", feed_select());
        let mut stmt = self.conn.prepare_cached(&sql)?;
        Ok(stmt.query_row([url.trim()], feed_from_row).optional()?)
    }

    /// A subscribed feed by id.
    pub fn feed(&self, id: FeedId) -> Result<Option<Feed>> {
        let sql = format!("{} WHERE f.subscribed = 1 AND f.id = ?1", feed_select());
        let mut stmt = self.conn.prepare_cached(&sql)?;
        Ok(stmt.query_row([id.0], feed_from_row).optional()?)
    }

    /// Fetch targets for the given subscribed feed URLs (every subscribed feed when empty), in
    /// subscription order. An URL that is not subscribed is [`StoreError::NoSuchFeed`].
    pub fn fetch_targets(&self, urls: &[String]) -> Result<Vec<FetchTarget>> {
        let sql = format!(
            "SELECT f.id, f.url, coalesce(f.moved_to, f.url), f.etag, f.last_modified, f.full_text,
                    f.feed_hint, {SCHEDULE_COLUMNS} FROM feeds f
             WHERE f.subscribed = 1 ORDER BY f.position, f.id"
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let all: Vec<FetchTarget> = stmt
            .query_map([], |r| {
                Ok(FetchTarget {
                    id: FeedId(r.get(0)?),
                    url: r.get(1)?,
                    fetch_url: r.get(2)?,
                    validators: Validators { etag: r.get(3)?, last_modified: r.get(4)? },
                    full_text: r.get(5)?,
                    feed_hint: r.get::<_, Option<i64>>(6)?.map(chrono::Duration::seconds),
                    schedule: schedule_from(r, 7)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        if urls.is_empty() {
            return Ok(all);
        }
        let wanted: HashSet<&str> = urls.iter().map(|u| u.trim()).collect();
        if let Some(missing) = wanted.iter().find(|u| !all.iter().any(|t| t.url == **u)) {
            return Err(StoreError::NoSuchFeed((*missing).to_owned()));
        }
        Ok(all.into_iter().filter(|t| wanted.contains(t.url.as_str())).collect())
    }

    /// Records a 304: nothing changed, a success all the same (the error, the failure count,
    /// Retry-After and "gone" are cleared); `fresh_until` as the answer's cache hints said.
    pub fn mark_unchanged(&mut self, feed: FeedId, fresh_until: Option<DateTime<Utc>>) -> Result<()> {
        let changed = self
            .conn
            .prepare_cached(
                "UPDATE feeds SET last_error = NULL, last_fetched = ?2, failures = 0, retry_at = NULL,
                     gone = 0, fresh_until = ?3
                 WHERE id = ?1",
            )?
            .execute(params![feed.0, now_ts(), fresh_until.map(to_ts)])?;
        if changed == 0 {
            return Err(StoreError::UnknownFeed(feed.0));
        }
        Ok(())
    }

    /// Records a failed refresh: its one-line reason, and what it means for the schedule (one
    /// more failure in a row, a Retry-After, or gone). The attempt counts as a fetch for the
    /// refresh interval, so a broken server is not asked again on every periodic tick.
    pub fn record_error(&mut self, feed: FeedId, failure: &Failure) -> Result<()> {
        let (counts, retry_at, gone) = match failure {
            Failure::Error(_) => (true, None, false),
            Failure::RateLimited { until, .. } => (false, Some(to_ts(*until)), false),
            Failure::Gone => (true, None, true),
        };
        let changed = self
            .conn
            .prepare_cached(
                "UPDATE feeds SET last_error = ?2, last_fetched = ?3, failures = failures + ?4,
                     retry_at = ?5, gone = gone OR ?6
                 WHERE id = ?1",
            )?
            .execute(params![feed.0, clean_line(&failure.to_string()), now_ts(), counts, retry_at, gone])?;
        if changed == 0 {
            return Err(StoreError::UnknownFeed(feed.0));
        }
        Ok(())
    }
}
