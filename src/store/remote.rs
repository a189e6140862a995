//! What sync needs of the store: the server's feeds and articles by their ids, their read and
//! starred state as the server has it, the outbox of local marks not yet sent, and the sync's
//! own state (in `meta`).
//!
//! A local mark always wins until it is sent: nothing from the server changes an article that
//! has a change waiting in the outbox.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, params};

use super::save::save_in;
use super::search::flush_queue;
use super::{FeedUpdate, PreparedFeed, Result, Store, from_ts, now_ts};
use crate::model::{ArticleId, Change, FeedId, FeedSpec, LocalCounts, RemoteFeed, RemoteIds, RemoteItem};
use crate::sanitize::clean_line;

/// A mark waiting in the outbox.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outgoing {
    pub seq: i64,
    pub remote_id: String,
    /// None for a change this build does not know (a newer byline's): dropped, not sent.
    pub change: Option<Change>,
}

/// What saving a page of server articles did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Saved {
    pub new: u32,
    /// Items left out: their feed is not (yet) in the store.
    pub unknown_feed: u32,
}

/// How the last sync went, for `byline sync --status` and the status line.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SyncState {
    /// The end of the last sync that reached the server.
    pub last_sync: Option<DateTime<Utc>>,
    /// Why the last attempt failed; None after a success.
    pub last_error: Option<String>,
    /// Where the next sync takes up new items (the protocol's own form).
    pub cursor: Option<String>,
    /// Marks waiting to be sent.
    pub waiting: u32,
}

/// Queues `change` for each of `ids` that the server knows, inside the caller's transaction.
/// A local store's articles have no remote id: nothing is queued there.
pub(super) fn queue_changes(tx: &Connection, ids: &[ArticleId], change: Change) -> Result<()> {
    let mut stmt = tx.prepare_cached(
        "INSERT INTO outbox (remote_id, change)
         SELECT remote_id, ?2 FROM articles WHERE id = ?1 AND remote_id IS NOT NULL",
    )?;
    for id in ids {
        stmt.execute(params![id.0, change.as_str()])?;
    }
    Ok(())
}

pub(super) fn meta(conn: &Connection, key: &str) -> Result<Option<String>> {
    Ok(conn
        .prepare_cached("SELECT value FROM meta WHERE key = ?1")?
        .query_row([key], |r| r.get::<_, Option<String>>(0))
        .optional()?
        .flatten())
}

pub(super) fn set_meta(conn: &Connection, key: &str, value: Option<&str>) -> Result<()> {
    conn.prepare_cached("INSERT OR REPLACE INTO meta (key, value) VALUES (?1, ?2)")?
        .execute(params![key, value])?;
    Ok(())
}

impl Store {
    /// Makes the feeds match the server's subscription list (its titles, its folders as tags),
    /// remembering each feed's id there. Feeds the server dropped are unsubscribed, not deleted.
    pub fn apply_remote_feeds(&mut self, feeds: &[RemoteFeed]) -> Result<()> {
        // Addresses are cleaned like any text from the network, and only http(s) ones kept.
        let feeds: Vec<RemoteFeed> = feeds
            .iter()
            .map(|f| RemoteFeed { url: clean_line(&f.url), ..f.clone() })
            .filter(|f| f.url.starts_with("http://") || f.url.starts_with("https://"))
            .collect();
        let specs: Vec<FeedSpec> = feeds
            .iter()
            .map(|f| FeedSpec {
                url: f.url.clone(),
                title: f.title.clone(),
                tags: f.categories.clone(),
                ..FeedSpec::default()
            })
            .collect();
        self.sync_feeds(&specs)?;
        let tx = self.write()?;
        for feed in &feeds {
            let url = feed.url.trim();
            // An id that moved to another URL leaves its old feed first (ids are unique).
            tx.prepare_cached("UPDATE feeds SET remote_id = NULL WHERE remote_id = ?1 AND url <> ?2")?
                .execute(params![feed.id, url])?;
            tx.prepare_cached("UPDATE feeds SET remote_id = ?1 WHERE url = ?2 AND remote_id IS NOT ?1")?
                .execute(params![feed.id, url])?;
        }
        tx.commit()?;
        Ok(())
    }

    /// The server's id of a subscribed feed, by its URL.
    pub fn remote_feed_id(&self, url: &str) -> Result<Option<String>> {
        Ok(self
            .conn
            .prepare_cached("SELECT remote_id FROM feeds WHERE url = ?1 AND subscribed = 1")?
            .query_row([url.trim()], |r| r.get::<_, Option<String>>(0))
            .optional()?
            .flatten())
    }

    /// Every article id the server gave: what a sync need not fetch again.
    pub fn remote_item_ids(&self) -> Result<HashSet<String>> {
        let mut stmt = self.conn.prepare("SELECT remote_id FROM articles WHERE remote_id IS NOT NULL")?;
        let ids = stmt.query_map([], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
        Ok(ids)
    }

    /// Saves articles from the server (through the same path as a refresh: sanitised, indexed,
    /// upserted by key) with their server id and their read and starred state there, unless a
    /// local mark of theirs waits to be sent; all in one transaction, so an article is never
    /// stored without its server id (a mark on it could not be queued). Items of feeds the store
    /// does not know (subscribed since the list was read) are left out and counted.
    pub fn save_remote_items(&mut self, items: Vec<RemoteItem>) -> Result<Saved> {
        let feeds: HashMap<String, FeedId> = {
            let mut stmt =
                self.conn.prepare_cached("SELECT remote_id, id FROM feeds WHERE remote_id IS NOT NULL")?;
            stmt.query_map([], |r| Ok((r.get(0)?, FeedId(r.get(1)?))))?.collect::<rusqlite::Result<_>>()?
        };
        let mut saved = Saved::default();
        let mut groups: HashMap<FeedId, FeedUpdate> = HashMap::new();
        let mut states = Vec::with_capacity(items.len());
        for mut item in items {
            let Some(&feed) = feeds.get(&item.feed) else {
                saved.unknown_feed += 1;
                continue;
            };
            item.article.key = item.id.clone();
            states.push((feed, item.id, item.read, item.starred));
            groups.entry(feed).or_default().items.push(item.article);
        }
        let prepared: Vec<(FeedId, PreparedFeed)> =
            groups.into_iter().map(|(feed, update)| (feed, PreparedFeed::new(update))).collect();
        let now = now_ts();
        let rules = self.rules.clone();
        let tx = self.write()?;
        for (feed, prepared) in &prepared {
            // The rules wait for the server's read and starred states (below): a drop rule
            // spares what is starred there.
            saved.new += save_in(&tx, *feed, prepared, now, &[])?.new;
        }
        flush_queue(&tx)?;
        {
            let mut link = tx.prepare_cached(
                "UPDATE OR IGNORE articles SET remote_id = ?2
                 WHERE feed_id = ?1 AND key = ?2 AND remote_id IS NOT ?2",
            )?;
            let mut state = tx.prepare_cached(
                "UPDATE articles SET read = ?2, starred = ?3
                 WHERE remote_id = ?1 AND (read IS NOT ?2 OR starred IS NOT ?3)
                   AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.remote_id = ?1)",
            )?;
            for (feed, id, read, starred) in &states {
                link.execute(params![feed.0, id])?;
                state.execute(params![id, read, starred])?;
            }
        }
        if !rules.is_empty() {
            let mut first_seen_now =
                tx.prepare_cached("SELECT id FROM articles WHERE remote_id = ?1 AND first_seen = ?2")?;
            let mut new = Vec::new();
            for (_, id, ..) in &states {
                new.extend(first_seen_now.query_row(params![id, now], |r| r.get::<_, i64>(0)).optional()?);
            }
            drop(first_seen_now);
            let ignored = super::rules::apply_to_new(&tx, &rules, &new)?;
            saved.new = saved.new.saturating_sub(ignored);
        }
        tx.commit()?;
        Ok(saved)
    }

    /// Brings read and starred state in line with the server's lists of unread and starred
    /// ids. A complete list also says that what it lacks is read (unstarred), for the feeds it
    /// covered; an incomplete one only what it holds. Articles with a mark waiting are left
    /// alone. Returns how many articles changed.
    pub fn reconcile(&mut self, unread: &RemoteIds, starred: &RemoteIds) -> Result<u32> {
        let tx = self.write()?;
        let rows: Vec<(i64, String, String, bool, bool)> = tx
            .prepare_cached(
                "SELECT a.id, a.remote_id, coalesce(f.remote_id, ''), a.read, a.starred
                 FROM articles a JOIN feeds f ON f.id = a.feed_id
                 WHERE a.remote_id IS NOT NULL
                   AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.remote_id = a.remote_id)",
            )?
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)))?
            .collect::<rusqlite::Result<_>>()?;
        let wanted = |list: &RemoteIds, id: &str, feed: &str, now: bool| {
            let covered = list.feeds.as_ref().is_none_or(|feeds| feeds.contains(feed));
            if list.ids.contains(id) {
                true
            } else if list.complete && covered {
                false
            } else {
                now
            }
        };
        let mut changed = 0;
        {
            let mut update =
                tx.prepare_cached("UPDATE articles SET read = ?2, starred = ?3 WHERE id = ?1")?;
            for (id, remote, feed, read, star) in rows {
                let read_now = !wanted(unread, &remote, &feed, !read);
                let star_now = wanted(starred, &remote, &feed, star);
                if (read_now, star_now) != (read, star) {
                    update.execute(params![id, read_now, star_now])?;
                    changed += 1;
                }
            }
        }
        tx.commit()?;
        Ok(changed)
    }

    /// Unread and starred articles stored per server feed, and whether a full listing of the
    /// states is due (none in the last `full_every`).
    pub fn local_counts(&self, full_every: chrono::Duration) -> Result<LocalCounts> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT f.remote_id, sum(a.read = 0), sum(a.starred) FROM articles a JOIN feeds f ON f.id = a.feed_id
             WHERE a.remote_id IS NOT NULL AND f.remote_id IS NOT NULL GROUP BY f.remote_id",
        )?;
        let by_feed = stmt
            .query_map([], |r| Ok((r.get::<_, String>(0)?, (r.get(1)?, r.get(2)?))))?
            .collect::<rusqlite::Result<_>>()?;
        let last_full = meta(&self.conn, "sync.full")?.and_then(|t| t.parse().ok()).map(from_ts);
        let full = last_full.is_none_or(|t| chrono::Utc::now() - t >= full_every);
        Ok(LocalCounts { by_feed, full })
    }

    /// A listing of every feed's states was applied now.
    pub fn record_full_listing(&mut self) -> Result<()> {
        set_meta(&self.conn, "sync.full", Some(&now_ts().to_string()))
    }

    /// The oldest `limit` marks waiting to be sent, in the order they were made.
    pub fn outbox(&self, limit: u32) -> Result<Vec<Outgoing>> {
        let mut stmt =
            self.conn.prepare_cached("SELECT seq, remote_id, change FROM outbox ORDER BY seq LIMIT ?1")?;
        let rows = stmt.query_map([limit], |r| Ok((r.get(0)?, r.get(1)?, r.get::<_, String>(2)?)))?;
        let mut out = Vec::new();
        for row in rows {
            let (seq, remote_id, change) = row?;
            out.push(Outgoing { seq, remote_id, change: Change::parse(&change) });
        }
        Ok(out)
    }

    /// The server has these marks: out of the outbox.
    pub fn outbox_sent(&mut self, seqs: &[i64]) -> Result<()> {
        let tx = self.write()?;
        {
            let mut stmt = tx.prepare_cached("DELETE FROM outbox WHERE seq = ?1")?;
            for seq in seqs {
                stmt.execute([seq])?;
            }
        }
        tx.commit()?;
        Ok(())
    }

    pub fn outbox_len(&self) -> Result<u32> {
        Ok(self.conn.prepare_cached("SELECT count(*) FROM outbox")?.query_row([], |r| r.get(0))?)
    }

    pub fn sync_state(&self) -> Result<SyncState> {
        Ok(SyncState {
            last_sync: meta(&self.conn, "sync.last")?.and_then(|t| t.parse().ok()).map(from_ts),
            last_error: meta(&self.conn, "sync.error")?,
            cursor: meta(&self.conn, "sync.cursor")?,
            waiting: self.outbox_len()?,
        })
    }

    /// Records a sync that reached the server: when, and where the next one takes up.
    pub fn record_sync(&mut self, cursor: Option<&str>) -> Result<()> {
        let tx = self.write()?;
        set_meta(&tx, "sync.last", Some(&now_ts().to_string()))?;
        set_meta(&tx, "sync.error", None)?;
        if cursor.is_some() {
            set_meta(&tx, "sync.cursor", cursor)?;
        }
        tx.commit()?;
        Ok(())
    }

    /// Records why a sync failed (one line); the last success and the cursor stay.
    pub fn record_sync_error(&mut self, error: &str) -> Result<()> {
        set_meta(&self.conn, "sync.error", Some(&clean_line(error)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Filter, NewArticle};

    fn item(id: &str, read: bool, starred: bool) -> RemoteItem {
        RemoteItem {
            id: id.into(),
            feed: "feed/1".into(),
            article: NewArticle {
                title: format!("T{id}"),
                content_html: "<p>x</p>".into(),
                ..NewArticle::default()
            },
            read,
            starred,
        }
    }

    fn synced(dir: &std::path::Path) -> Store {
        let mut store = Store::open(&dir.join("s.db")).expect("open");
        let feed = RemoteFeed {
            id: "feed/1".into(),
            url: "https://f.example/rss".into(),
            categories: vec!["Tech".into()],
            ..RemoteFeed::default()
        };
        store.apply_remote_feeds(&[feed]).expect("feeds");
        assert_eq!(
            store
                .save_remote_items(vec![
                    item("1", false, false),
                    item("2", true, false),
                    item("3", false, true)
                ])
                .expect("save"),
            Saved { new: 3, unknown_feed: 0 }
        );
        let stranger = RemoteItem { feed: "feed/2".into(), ..item("4", false, false) };
        assert_eq!(store.save_remote_items(vec![stranger]).expect("save"), Saved { new: 0, unknown_feed: 1 });
        store
    }

    fn state(store: &Store) -> Vec<(String, bool, bool)> {
        let mut rows: Vec<_> = store
            .articles(&Filter::default(), 0, 10)
            .expect("rows")
            .into_iter()
            .map(|a| (a.title, a.read, a.starred))
            .collect();
        rows.sort();
        rows
    }

    fn ids(list: &[&str], complete: bool) -> RemoteIds {
        RemoteIds { ids: list.iter().map(|s| s.to_string()).collect(), complete, feeds: None }
    }

    #[test]
    fn synced_articles_meet_the_rules_with_the_servers_state() {
        let dir = tempfile::tempdir().expect("tempdir");
        let mut store = synced(dir.path());
        let rule = |q: &str, drop| crate::model::IgnoreRule {
            query: crate::query::Query::parse(q).expect("q"),
            drop,
        };
        // Drop every "T5*" and "T6*", hide the read ones among the new.
        store
            .set_ignore_rules(&[rule("title:t5 OR title:t6", true), rule("title:t7 read", false)])
            .expect("rules");
        let saved = store
            .save_remote_items(vec![item("5", false, false), item("6", false, true), item("7", true, false)])
            .expect("save");
        assert_eq!(saved.new, 1, "dropped and hidden articles are nothing new: {saved:?}");
        let titles: Vec<String> = state(&store).into_iter().map(|(t, ..)| t).collect();
        assert_eq!(
            titles,
            ["T1", "T2", "T3", "T6"],
            "T6 is starred on the server: kept; T7 read there: hidden"
        );
    }

    #[test]
    fn marks_wait_in_order_and_win_over_the_server_until_sent() {
        let dir = tempfile::tempdir().expect("tempdir");
        let mut store = synced(dir.path());
        assert_eq!(store.remote_feed_id("https://f.example/rss").expect("id").as_deref(), Some("feed/1"));
        let by_title = |store: &Store, t: &str| {
            store
                .articles(&Filter::default(), 0, 10)
                .expect("rows")
                .into_iter()
                .find(|a| a.title == t)
                .expect("row")
                .id
        };
        let one = by_title(&store, "T1");
        store.set_read(&[one], true).expect("read");
        store.set_starred(&[one], true).expect("star");
        store.set_read(&[one], true).expect("no change, nothing queued");
        let queued: Vec<(String, Option<Change>)> =
            store.outbox(10).expect("outbox").into_iter().map(|o| (o.remote_id, o.change)).collect();
        assert_eq!(queued, [("1".to_string(), Some(Change::Read)), ("1".to_string(), Some(Change::Star))]);

        // The server still says 1 is unread and unstarred: the waiting marks win. Complete lists
        // say the rest: 2 (not listed unread) stays read, 3 stays unread and loses its star.
        let changed = store.reconcile(&ids(&["1", "3"], true), &ids(&[], true)).expect("reconcile");
        assert_eq!(changed, 1);
        assert_eq!(
            state(&store),
            [("T1".into(), true, true), ("T2".into(), true, false), ("T3".into(), false, false)]
        );
        // Sent: now the server's word counts for 1 too. An incomplete list only adds.
        let seqs: Vec<i64> = store.outbox(10).expect("outbox").iter().map(|o| o.seq).collect();
        store.outbox_sent(&seqs).expect("sent");
        assert_eq!(store.outbox_len().expect("len"), 0);
        store.reconcile(&ids(&["1"], false), &ids(&["3"], false)).expect("reconcile");
        assert_eq!(
            state(&store),
            [("T1".into(), false, true), ("T2".into(), true, false), ("T3".into(), false, true)]
        );
        assert_eq!(store.feeds().expect("feeds")[0].unread, 2, "the counters follow");
        // A listing of other feeds only says nothing of this one's articles.
        let elsewhere = RemoteIds { feeds: Some(["feed/9".to_string()].into()), ..ids(&[], true) };
        assert_eq!(store.reconcile(&elsewhere, &elsewhere).expect("reconcile"), 0);
        let counts = store.local_counts(chrono::Duration::hours(1)).expect("counts");
        assert_eq!(counts.by_feed["feed/1"], (2, 2));
        assert!(counts.full, "no full listing yet");
        store.record_full_listing().expect("record");
        assert!(!store.local_counts(chrono::Duration::hours(1)).expect("counts").full);
    }

    #[test]
    fn a_local_store_queues_nothing_and_sync_state_is_kept() {
        let dir = tempfile::tempdir().expect("tempdir");
        let mut store = Store::open(&dir.path().join("l.db")).expect("open");
        store
            .sync_feeds(&[FeedSpec { url: "https://f.example/rss".into(), ..FeedSpec::default() }])
            .expect("sync");
        let feed = store.feeds().expect("feeds")[0].id;
        let article = NewArticle { key: "k".into(), title: "t".into(), ..NewArticle::default() };
        store.save_feed(feed, &FeedUpdate { items: vec![article], ..FeedUpdate::default() }).expect("save");
        let id = store.articles(&Filter::default(), 0, 1).expect("rows")[0].id;
        store.set_read(&[id], true).expect("read");
        store.mark_filter_read(&Filter::default()).expect("all");
        assert_eq!(store.outbox_len().expect("len"), 0);

        assert_eq!(store.sync_state().expect("state"), SyncState::default());
        store.record_sync_error("server: \u{1b}[31mdown").expect("error");
        assert_eq!(
            store.sync_state().expect("state").last_error.as_deref(),
            Some("server: down"),
            "the escape sequence is gone whole"
        );
        store.record_sync(Some("42")).expect("ok");
        let state = store.sync_state().expect("state");
        assert_eq!((state.last_error, state.cursor.as_deref()), (None, Some("42")));
        assert!(state.last_sync.is_some());
    }
}
