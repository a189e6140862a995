//! Saving a refresh: one transaction per feed, articles upserted by (feed, key), read and
//! starred state never touched, old read articles pruned past the feed's limit.

use std::borrow::Cow;
use std::collections::{BTreeSet, HashMap, HashSet};

use rusqlite::{Connection, OptionalExtension, params};

use super::fingerprint::fingerprint;
use super::plain_text::plain_text;
use super::search::{flush_queue, queue_text, search_body};
use super::{FeedUpdate, Result, SaveStats, Store, StoreError, norm_tag, now_ts, to_ts};
use crate::model::{FeedId, IgnoreRule, Media, NewArticle};
use crate::sanitize::clean_cow;
use crate::sanitize::clean_line;

/// An item as it will be stored: sanitised, categories folded and de-duplicated, its text
/// extracted for the search index.
struct Item {
    key: String,
    title: String,
    link: Option<String>,
    author: Option<String>,
    published: Option<i64>,
    content: String,
    /// The plain text of `content`, for the search index.
    plain: String,
    /// The attachments as JSON; None when there are none.
    media: Option<String>,
    /// norm -> display spelling
    categories: HashMap<String, String>,
}

/// A fetched feed made ready to save, on any thread: its items sanitised and de-duplicated,
/// their text extracted and the whole digested, so the one writer only writes. A refresh
/// prepares feeds beside its parsing.
pub struct PreparedFeed {
    /// The feed's own fields; its items are in `items`.
    update: FeedUpdate,
    /// The first item of each key, in the feed's order.
    items: Vec<Item>,
    hash: Vec<u8>,
}

impl PreparedFeed {
    pub fn new(mut update: FeedUpdate) -> PreparedFeed {
        let hash = fingerprint(&update.items);
        // The first of several items with one key wins, as in the parser (feeds that repeat an
        // item list it again further down).
        let mut seen = HashSet::with_capacity(update.items.len());
        let items = std::mem::take(&mut update.items)
            .into_iter()
            .filter(|item| seen.insert(item.key.clone()))
            .map(Item::new)
            .collect();
        PreparedFeed { update, items, hash }
    }

    /// Where the feed said it now lives (a permanent redirect).
    pub fn moved_to(&self) -> Option<&str> {
        self.update.moved_to.as_deref()
    }
}

/// URLs and types are cleaned like every other text from the network before they are kept.
fn media_json(media: &Media) -> Option<String> {
    if media.is_empty() {
        return None;
    }
    let mut clean = media.clone();
    for e in &mut clean.enclosures {
        e.url = clean_line(&e.url);
        e.mime = e.mime.as_deref().map(clean_line).and_then(non_empty);
    }
    clean.image = clean.image.as_deref().map(clean_line).and_then(non_empty);
    serde_json::to_string(&clean).ok()
}

fn non_empty(s: String) -> Option<String> {
    (!s.is_empty()).then_some(s)
}

impl Item {
    fn new(a: NewArticle) -> Self {
        let mut categories = HashMap::new();
        for c in &a.categories {
            let display = clean_line(c);
            let norm = norm_tag(&display);
            if !norm.is_empty() {
                categories.entry(norm).or_insert(display);
            }
        }
        let cleaned = match clean_cow(&a.content_html) {
            Cow::Owned(cleaned) => Some(cleaned),
            Cow::Borrowed(_) => None,
        };
        let content = cleaned.unwrap_or(a.content_html);
        Item {
            title: clean_line(&a.title),
            link: a.link.as_deref().map(clean_line).and_then(non_empty),
            author: a.author.as_deref().map(clean_line).and_then(non_empty),
            published: a.published.map(to_ts),
            plain: plain_text(&content),
            content,
            media: media_json(&a.media),
            categories,
            key: a.key,
        }
    }
}

/// The stored state of an existing article that an update may change.
struct Existing {
    id: i64,
    title: String,
    link: Option<String>,
    author: Option<String>,
    published: Option<i64>,
    first_seen: i64,
    content_changed: bool,
    media_changed: bool,
}

impl Store {
    /// Saves a fetched feed in one transaction: upserts its articles by key (never resetting
    /// read/starred; the first of several items with one key wins), clears the feed's error,
    /// remembers validators and redirects, then prunes past the feed's `max_articles`.
    pub fn save_feed(&mut self, feed: FeedId, update: &FeedUpdate) -> Result<SaveStats> {
        self.save_prepared_feed(feed, &PreparedFeed::new(update.clone()))
    }

    fn save_prepared_feed(&mut self, feed: FeedId, prepared: &PreparedFeed) -> Result<SaveStats> {
        let rules = self.rules.clone();
        let tx = self.write()?;
        let stats = save_in(&tx, feed, prepared, now_ts(), &rules)?;
        flush_queue(&tx)?;
        tx.commit()?;
        Ok(stats)
    }

    /// Saves several fetched feeds in one transaction, each exactly as [`Store::save_feed`]
    /// would, with one result per feed (a feed that fails fails alone). Cheaper per feed than
    /// `save_feed`: one commit and one search-index segment for the whole batch.
    pub fn save_feeds(&mut self, updates: &[(FeedId, FeedUpdate)]) -> Result<Vec<Result<SaveStats>>> {
        let prepared: Vec<_> = updates.iter().map(|(id, u)| (*id, PreparedFeed::new(u.clone()))).collect();
        self.save_prepared(&prepared)
    }

    /// [`Store::save_feeds`] for feeds prepared elsewhere: what a refresh's writer calls with
    /// the results that have arrived together.
    pub fn save_prepared(&mut self, feeds: &[(FeedId, PreparedFeed)]) -> Result<Vec<Result<SaveStats>>> {
        let now = now_ts();
        // No savepoint per feed on the common path: they cost a fifth of a refresh's writing.
        // When a feed fails, the batch rolls back and each feed is saved on its own instead.
        let rules = self.rules.clone();
        let tx = self.write()?;
        let mut results = Vec::with_capacity(feeds.len());
        for (feed, prepared) in feeds {
            match save_in(&tx, *feed, prepared, now, &rules) {
                Ok(stats) => results.push(Ok(stats)),
                Err(_) => break,
            }
        }
        if results.len() == feeds.len() {
            flush_queue(&tx)?;
            tx.commit()?;
            return Ok(results);
        }
        drop(tx);
        Ok(feeds.iter().map(|(feed, prepared)| self.save_prepared_feed(*feed, prepared)).collect())
    }
}

/// Saves one feed inside the caller's transaction. New and changed articles wait in the search
/// queue: the caller flushes it before committing. New articles then meet the ignore rules.
pub(super) fn save_in(
    tx: &Connection,
    feed: FeedId,
    prepared: &PreparedFeed,
    now: i64,
    rules: &[IgnoreRule],
) -> Result<SaveStats> {
    let update = &prepared.update;
    let (max_articles, old_hash): (Option<i64>, Option<Vec<u8>>) = tx
        .prepare_cached(
            "UPDATE feeds SET site_title = coalesce(?2, site_title),
                         site_link = coalesce(?3, site_link), etag = ?4, last_modified = ?5,
                         moved_to = coalesce(?6, moved_to), last_error = NULL, last_fetched = ?7,
                         failures = 0, retry_at = NULL, gone = 0, fresh_until = ?8, feed_hint = ?9
                     WHERE id = ?1 RETURNING max_articles, items_hash",
        )?
        .query_row(
            params![
                feed.0,
                update.site_title.as_deref().map(clean_line).and_then(non_empty),
                update.site_link.as_deref().map(clean_line).and_then(non_empty),
                update.validators.etag,
                update.validators.last_modified,
                update.moved_to.as_deref().map(clean_line).and_then(non_empty),
                now,
                update.fresh_until.map(to_ts),
                update.feed_hint.map(|hint| hint.num_seconds()),
            ],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?
        .ok_or(StoreError::UnknownFeed(feed.0))?;
    let hash = &prepared.hash;
    if old_hash.as_deref() == Some(hash.as_slice()) {
        return Ok(SaveStats::default());
    }

    let mut stats = SaveStats::default();
    // Each category is named once a feed, not once an article: the first spelling seen names
    // the tag (unless a feed tag names it).
    let mut named = HashSet::new();
    for item in prepared.items.iter().rev() {
        for (norm, display) in &item.categories {
            if named.insert(norm) {
                tx.prepare_cached("INSERT OR IGNORE INTO tag_names (norm, display) VALUES (?1, ?2)")?
                    .execute(params![norm, display])?;
            }
        }
    }
    let mut present = Vec::with_capacity(prepared.items.len());
    let mut new = Vec::new();
    // Feeds list newest first: inserting backwards gives the top item the highest id, which
    // breaks ties between equal dates the way the feed ordered them.
    for item in prepared.items.iter().rev() {
        let (id, outcome) = upsert(tx, feed.0, item, now)?;
        match outcome {
            Outcome::New => {
                stats.new += 1;
                new.push(id);
            }
            Outcome::Updated => stats.updated += 1,
            Outcome::Unchanged => {}
        }
        present.push(id);
    }
    // Articles a rule drops or hides are nothing new to the user.
    let ignored = super::rules::apply_to_new(tx, rules, &new)?;
    stats.new = stats.new.saturating_sub(ignored as _);
    if let Some(max) = max_articles {
        prune(tx, feed.0, max, &present)?;
    }
    tx.prepare_cached("UPDATE feeds SET items_hash = ?2 WHERE id = ?1")?.execute(params![feed.0, hash])?;
    Ok(stats)
}

enum Outcome {
    New,
    Updated,
    Unchanged,
}

fn upsert(conn: &Connection, feed: i64, item: &Item, now: i64) -> Result<(i64, Outcome)> {
    let existing = conn
        .prepare_cached(
            // Subqueries, not a join: with a join, SQLite's constant propagation makes the
            // statement depend on the feed id's value, and it was prepared again for most
            // articles (a sixth of a refresh's writing).
            "SELECT a.id, a.title, a.link, a.author, a.published, a.first_seen,
                 (SELECT b.content IS NOT ?3 FROM article_bodies b WHERE b.article_id = a.id),
                 (SELECT b.media IS NOT ?4 FROM article_bodies b WHERE b.article_id = a.id)
             FROM articles a WHERE a.feed_id = ?1 AND a.key = ?2",
        )?
        // SQLite compares the bodies in place: no copy of the old body for the common case of
        // an unchanged article.
        .query_row(params![feed, item.key, item.content, item.media], |r| {
            Ok(Existing {
                id: r.get(0)?,
                title: r.get(1)?,
                link: r.get(2)?,
                author: r.get(3)?,
                published: r.get(4)?,
                first_seen: r.get(5)?,
                content_changed: r.get(6)?,
                media_changed: r.get(7)?,
            })
        })
        .optional()?;
    let Some(old) = existing else {
        let id: i64 = conn
            .prepare_cached(
                "INSERT INTO articles (feed_id, key, title, link, author, published, first_seen,
                     date)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) RETURNING id",
            )?
            .query_row(
                params![
                    feed,
                    item.key,
                    item.title,
                    item.link,
                    item.author,
                    item.published,
                    now,
                    list_date(item.published, now),
                ],
                |r| r.get(0),
            )?;
        conn.prepare_cached("INSERT INTO article_bodies (article_id, content, media) VALUES (?1, ?2, ?3)")?
            .execute(params![id, item.content, item.media])?;
        insert_categories(conn, id, &item.categories)?;
        queue_text(conn, id, &item.title, &item.plain, false)?;
        return Ok((id, Outcome::New));
    };

    let old_categories: BTreeSet<String> = conn
        .prepare_cached("SELECT norm FROM article_categories WHERE article_id = ?1")?
        .query_map([old.id], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let categories_changed = old_categories.len() != item.categories.len()
        || !item.categories.keys().all(|k| old_categories.contains(k));
    let text_changed = old.title != item.title || old.content_changed;
    let changed = text_changed
        || old.media_changed
        || categories_changed
        || old.link != item.link
        || old.author != item.author
        || old.published != item.published;
    if !changed {
        return Ok((old.id, Outcome::Unchanged));
    }
    conn.prepare_cached(
        "UPDATE articles SET title = ?2, link = ?3, author = ?4, published = ?5, date = ?6
         WHERE id = ?1",
    )?
    .execute(params![
        old.id,
        item.title,
        item.link,
        item.author,
        item.published,
        list_date(item.published, old.first_seen),
    ])?;
    if old.content_changed || old.media_changed {
        conn.prepare_cached("UPDATE article_bodies SET content = ?2, media = ?3 WHERE article_id = ?1")?
            .execute(params![old.id, item.content, item.media])?;
    }
    if categories_changed {
        conn.prepare_cached("DELETE FROM article_categories WHERE article_id = ?1")?.execute([old.id])?;
        insert_categories(conn, old.id, &item.categories)?;
    }
    if text_changed {
        let full_text: Option<String> = conn
            .prepare_cached("SELECT full_text FROM article_bodies WHERE article_id = ?1")?
            .query_row([old.id], |r| r.get(0))?;
        queue_text(conn, old.id, &item.title, &search_body(&item.plain, full_text.as_deref()), true)?;
    }
    Ok((old.id, Outcome::Updated))
}

/// The date lists sort by: published, else first seen; never later than first seen, so an
/// item dated in the future cannot sit on top of every list for years.
fn list_date(published: Option<i64>, first_seen: i64) -> i64 {
    published.map_or(first_seen, |p| p.min(first_seen))
}

fn insert_categories(conn: &Connection, id: i64, categories: &HashMap<String, String>) -> Result<()> {
    // Their names are in tag_names already (see `save_in`).
    for norm in categories.keys() {
        conn.prepare_cached("INSERT INTO article_categories (article_id, norm) VALUES (?1, ?2)")?
            .execute(params![id, norm])?;
    }
    Ok(())
}

/// Deletes the oldest read (or hidden), unstarred articles while the feed holds more than `max`. Articles
/// the feed still lists (`present`) stay: deleted, they would come back unread next refresh.
fn prune(conn: &Connection, feed: i64, max: i64, present: &[i64]) -> Result<()> {
    let present = serde_json::to_string(present).unwrap_or_else(|_| "[]".into());
    let doomed: Vec<i64> = conn
        .prepare_cached(
            // Hidden articles count towards the limit and may go: never shown, never marked
            // read, they would otherwise pile up.
            "SELECT id FROM articles
             WHERE feed_id = ?1 AND (read = 1 OR hidden = 1) AND starred = 0
               AND id NOT IN (SELECT value FROM json_each(?3))
             ORDER BY date, id
             LIMIT max(0, (SELECT count(*) FROM articles WHERE feed_id = ?1) - ?2)",
        )?
        .query_map(params![feed, max, present], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    delete_articles(conn, &doomed)
}

/// Deletes articles, their categories first: the categories' delete trigger reads the article
/// to keep the counters right.
pub(super) fn delete_articles(conn: &Connection, ids: &[i64]) -> Result<()> {
    for &id in ids {
        conn.prepare_cached("DELETE FROM article_categories WHERE article_id = ?1")?.execute([id])?;
        conn.prepare_cached("DELETE FROM articles WHERE id = ?1")?.execute([id])?;
    }
    Ok(())
}
