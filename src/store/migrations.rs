//! The schema as an ordered list of steps; `PRAGMA user_version` counts the steps applied.
//!
//! Never edit a shipped step: append a new one.

use rusqlite::{Connection, Transaction, TransactionBehavior};

use super::{Result, StoreError};

/// One schema version: its SQL, then optional Rust work (for data SQL cannot compute).
struct Step {
    sql: &'static str,
    after: Option<fn(&Transaction) -> Result<()>>,
}

/// Version 1: feeds, tags, articles, categories, and the counters the lists read instead of
/// counting 100,000 rows on every screen.
pub const V1: &str = "
CREATE TABLE feeds (
    id INTEGER PRIMARY KEY,
    url TEXT NOT NULL UNIQUE,
    position INTEGER NOT NULL DEFAULT 0,
    subscribed INTEGER NOT NULL DEFAULT 1,
    user_title TEXT,
    site_title TEXT,
    site_link TEXT,
    full_text INTEGER NOT NULL DEFAULT 0,
    max_articles INTEGER,
    refresh_minutes INTEGER,
    etag TEXT,
    last_modified TEXT,
    moved_to TEXT,
    last_error TEXT,
    last_fetched INTEGER,
    -- digest of the items last saved: the same document again is not re-examined
    items_hash BLOB,
    -- kept by the triggers below
    total INTEGER NOT NULL DEFAULT 0,
    unread INTEGER NOT NULL DEFAULT 0
);

-- One display spelling per case-folded tag (feed tags from the config win over categories).
CREATE TABLE tag_names (
    norm TEXT PRIMARY KEY,
    display TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE feed_tags (
    feed_id INTEGER NOT NULL REFERENCES feeds(id),
    norm TEXT NOT NULL,
    position INTEGER NOT NULL,
    PRIMARY KEY (feed_id, norm)
) WITHOUT ROWID;
CREATE INDEX feed_tags_by_tag ON feed_tags(norm, feed_id);

CREATE TABLE articles (
    id INTEGER PRIMARY KEY,
    feed_id INTEGER NOT NULL REFERENCES feeds(id),
    key TEXT NOT NULL,
    title TEXT NOT NULL,
    link TEXT,
    author TEXT,
    published INTEGER,
    first_seen INTEGER NOT NULL,
    -- published, else first_seen: the one column lists sort by
    date INTEGER NOT NULL,
    read INTEGER NOT NULL DEFAULT 0,
    starred INTEGER NOT NULL DEFAULT 0,
    UNIQUE (feed_id, key)
);

-- Bodies apart: article rows stay small (dozens to a page), so listing, counting and marking
-- read touch few pages; a body is read only when the article is opened.
CREATE TABLE article_bodies (
    article_id INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
    content TEXT NOT NULL
);
CREATE INDEX articles_by_date ON articles(date);
CREATE INDEX articles_unread_by_date ON articles(date) WHERE read = 0;
CREATE INDEX articles_starred_by_date ON articles(date) WHERE starred = 1;
CREATE INDEX articles_by_feed ON articles(feed_id, read, date);

-- No ON DELETE CASCADE: categories must go before their article so the counters stay right.
CREATE TABLE article_categories (
    article_id INTEGER NOT NULL REFERENCES articles(id),
    norm TEXT NOT NULL,
    PRIMARY KEY (article_id, norm)
) WITHOUT ROWID;
CREATE INDEX article_categories_by_tag ON article_categories(norm, article_id);

-- Articles per (category, feed), so tags() sums counters instead of counting articles.
-- Keyed by category first: tags() groups by it without sorting.
CREATE TABLE category_counts (
    norm TEXT NOT NULL,
    feed_id INTEGER NOT NULL,
    total INTEGER NOT NULL,
    unread INTEGER NOT NULL,
    PRIMARY KEY (norm, feed_id)
) WITHOUT ROWID;

CREATE TRIGGER articles_count_insert AFTER INSERT ON articles BEGIN
    UPDATE feeds SET total = total + 1, unread = unread + (new.read = 0) WHERE id = new.feed_id;
END;
CREATE TRIGGER articles_count_delete AFTER DELETE ON articles BEGIN
    UPDATE feeds SET total = total - 1, unread = unread - (old.read = 0) WHERE id = old.feed_id;
END;
CREATE TRIGGER articles_count_read AFTER UPDATE OF read ON articles
WHEN old.read IS NOT new.read BEGIN
    UPDATE feeds SET unread = unread + (new.read = 0) - (old.read = 0) WHERE id = new.feed_id;
    UPDATE category_counts SET unread = unread + (new.read = 0) - (old.read = 0)
    WHERE feed_id = new.feed_id
      AND norm IN (SELECT norm FROM article_categories WHERE article_id = new.id);
END;
CREATE TRIGGER categories_count_insert AFTER INSERT ON article_categories BEGIN
    INSERT INTO category_counts (norm, feed_id, total, unread)
    SELECT new.norm, feed_id, 1, read = 0 FROM articles WHERE id = new.article_id
    ON CONFLICT (norm, feed_id) DO UPDATE
    SET total = total + 1, unread = unread + excluded.unread;
END;
CREATE TRIGGER categories_count_delete AFTER DELETE ON article_categories BEGIN
    UPDATE category_counts
    SET total = total - 1,
        unread = unread - (SELECT read = 0 FROM articles WHERE id = old.article_id)
    WHERE feed_id = (SELECT feed_id FROM articles WHERE id = old.article_id)
      AND norm = old.norm;
END;
";

/// Version 2: a cache of extracted full text, and the full-text search index (contentless: the
/// text lives in `articles`, the index only maps words to rows; `detail = none`: searches are
/// word prefixes, never phrases, so positions would only make every refresh write more).
pub const V2: &str = "
ALTER TABLE article_bodies ADD COLUMN full_text TEXT;
CREATE VIRTUAL TABLE articles_fts USING fts5(
    title, body,
    content = '', contentless_delete = 1, detail = none,
    tokenize = 'unicode61 remove_diacritics 2'
);
CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
    DELETE FROM articles_fts WHERE rowid = old.id;
END;
";

/// Version 3: an item's attachments (enclosures, thumbnail) as JSON beside its body; NULL for
/// the many items without any, so they cost nothing.
pub const V3: &str = "
ALTER TABLE article_bodies ADD COLUMN media TEXT;
";

/// Version 4: what an article's page says of its author and date, beside its full text (the
/// reader shows them where the feed gave none; the feed's own columns stay the feed's).
pub const V4: &str = "
ALTER TABLE article_bodies ADD COLUMN page_author TEXT;
ALTER TABLE article_bodies ADD COLUMN page_published INTEGER;
";

/// Version 5: what servers said about coming back. `failures` counts failed refreshes in a row
/// (the backoff), `retry_at` is a 429/503's Retry-After, `gone` a 410, `fresh_until` the end of
/// the last answer's cache lifetime, `feed_hint` the document's own (ttl, sy:updatePeriod, in
/// seconds) so that a 304, which has no document, still honours it. Times are Unix seconds.
pub const V5: &str = "
ALTER TABLE feeds ADD COLUMN failures INTEGER NOT NULL DEFAULT 0;
ALTER TABLE feeds ADD COLUMN retry_at INTEGER;
ALTER TABLE feeds ADD COLUMN gone INTEGER NOT NULL DEFAULT 0;
ALTER TABLE feeds ADD COLUMN fresh_until INTEGER;
ALTER TABLE feeds ADD COLUMN feed_hint INTEGER;
";

/// Version 6: what the first frame reads at 500,000 articles, kept instead of computed.
/// - Article counts per category over every feed (`category_sums`, kept from `category_counts` by
///   triggers): the tags pane summed 200,000 (category, feed) rows on every load. Unsubscribed
///   feeds, few, are subtracted by the query.
/// - A digest of the subscription list last applied (`meta`): opening with an unchanged
///   feeds.toml writes nothing, where 5,000 feeds took 80 ms.
pub const V6: &str = "
CREATE TABLE category_sums (
    norm TEXT PRIMARY KEY,
    total INTEGER NOT NULL,
    unread INTEGER NOT NULL
) WITHOUT ROWID;
INSERT INTO category_sums (norm, total, unread)
SELECT norm, sum(total), sum(unread) FROM category_counts GROUP BY norm;
CREATE INDEX category_counts_by_feed ON category_counts(feed_id);
CREATE TRIGGER category_sums_insert AFTER INSERT ON category_counts BEGIN
    INSERT INTO category_sums (norm, total, unread) VALUES (new.norm, new.total, new.unread)
    ON CONFLICT (norm) DO UPDATE
    SET total = total + excluded.total, unread = unread + excluded.unread;
END;
CREATE TRIGGER category_sums_update AFTER UPDATE ON category_counts BEGIN
    UPDATE category_sums
    SET total = total + new.total - old.total, unread = unread + new.unread - old.unread
    WHERE norm = new.norm;
END;
CREATE TRIGGER category_sums_delete AFTER DELETE ON category_counts BEGIN
    UPDATE category_sums SET total = total - old.total, unread = unread - old.unread
    WHERE norm = old.norm;
END;
CREATE TABLE meta (
    key TEXT PRIMARY KEY,
    value BLOB
) WITHOUT ROWID;
";

/// Version 7: sync with a feed server. The server's ids of feeds and articles (NULL in a local
/// store, so the partial indexes cost it nothing), and the outbox: marks made here that the
/// server has not been told yet, in the order they were made. `meta` keeps the sync's state.
pub const V7: &str = "
ALTER TABLE feeds ADD COLUMN remote_id TEXT;
CREATE UNIQUE INDEX feeds_by_remote_id ON feeds(remote_id) WHERE remote_id IS NOT NULL;
ALTER TABLE articles ADD COLUMN remote_id TEXT;
CREATE UNIQUE INDEX articles_by_remote_id ON articles(remote_id) WHERE remote_id IS NOT NULL;
CREATE TABLE outbox (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    remote_id TEXT NOT NULL,
    change TEXT NOT NULL
);
CREATE INDEX outbox_by_item ON outbox(remote_id);
";

/// Version 8: queries and ignore rules. `hidden` marks articles an ignore rule hides: kept (so a
/// changed rule can show them again) but neither listed nor counted, so the counters' triggers
/// now leave them out, and a change of `hidden` moves an article in or out of its counts. Partial
/// indexes let `has:enclosure` and `has:fulltext` read the few bodies that qualify.
pub const V8: &str = "
ALTER TABLE articles ADD COLUMN hidden INTEGER NOT NULL DEFAULT 0;
CREATE INDEX bodies_with_enclosures ON article_bodies(article_id)
    WHERE substr(media, 1, 14) = '{\"enclosures\":';
CREATE INDEX bodies_with_full_text ON article_bodies(article_id) WHERE full_text IS NOT NULL;
-- With `hidden` in it, this index covers what a count reads of an article (feed, read, hidden,
-- date, id): counting a query's matches walks the index, never the table.
DROP INDEX articles_by_feed;
CREATE INDEX articles_by_feed ON articles(feed_id, read, hidden, date);

DROP TRIGGER articles_count_insert;
CREATE TRIGGER articles_count_insert AFTER INSERT ON articles BEGIN
    UPDATE feeds SET total = total + (new.hidden = 0), unread = unread + (new.read = 0 AND new.hidden = 0)
    WHERE id = new.feed_id;
END;
DROP TRIGGER articles_count_delete;
CREATE TRIGGER articles_count_delete AFTER DELETE ON articles BEGIN
    UPDATE feeds SET total = total - (old.hidden = 0), unread = unread - (old.read = 0 AND old.hidden = 0)
    WHERE id = old.feed_id;
END;
DROP TRIGGER articles_count_read;
CREATE TRIGGER articles_count_read AFTER UPDATE OF read ON articles
WHEN old.read IS NOT new.read AND old.hidden = 0 AND new.hidden = 0 BEGIN
    UPDATE feeds SET unread = unread + (new.read = 0) - (old.read = 0) WHERE id = new.feed_id;
    UPDATE category_counts SET unread = unread + (new.read = 0) - (old.read = 0)
    WHERE feed_id = new.feed_id
      AND norm IN (SELECT norm FROM article_categories WHERE article_id = new.id);
END;
-- Also covers an update of read and hidden together (the trigger above then stays out).
CREATE TRIGGER articles_count_hidden AFTER UPDATE OF hidden ON articles
WHEN old.hidden IS NOT new.hidden BEGIN
    UPDATE feeds SET total = total + (new.hidden = 0) - (old.hidden = 0),
                     unread = unread + (new.read = 0 AND new.hidden = 0) - (old.read = 0 AND old.hidden = 0)
    WHERE id = new.feed_id;
    UPDATE category_counts SET total = total + (new.hidden = 0) - (old.hidden = 0),
                     unread = unread + (new.read = 0 AND new.hidden = 0) - (old.read = 0 AND old.hidden = 0)
    WHERE feed_id = new.feed_id
      AND norm IN (SELECT norm FROM article_categories WHERE article_id = new.id);
END;
DROP TRIGGER categories_count_insert;
CREATE TRIGGER categories_count_insert AFTER INSERT ON article_categories BEGIN
    INSERT INTO category_counts (norm, feed_id, total, unread)
    SELECT new.norm, feed_id, hidden = 0, read = 0 AND hidden = 0 FROM articles WHERE id = new.article_id
    ON CONFLICT (norm, feed_id) DO UPDATE
    SET total = total + excluded.total, unread = unread + excluded.unread;
END;
DROP TRIGGER categories_count_delete;
CREATE TRIGGER categories_count_delete AFTER DELETE ON article_categories BEGIN
    UPDATE category_counts
    SET total = total - (SELECT hidden = 0 FROM articles WHERE id = old.article_id),
        unread = unread - (SELECT read = 0 AND hidden = 0 FROM articles WHERE id = old.article_id)
    WHERE feed_id = (SELECT feed_id FROM articles WHERE id = old.article_id)
      AND norm = old.norm;
END;
";

const STEPS: &[Step] = &[
    Step { sql: V1, after: None },
    Step { sql: V2, after: Some(super::search::index_all) },
    Step { sql: V3, after: None },
    Step { sql: V4, after: None },
    Step { sql: V5, after: None },
    Step { sql: V6, after: None },
    Step { sql: V7, after: None },
    Step { sql: V8, after: None },
];

/// The schema version this build writes.
pub const LATEST: i64 = STEPS.len() as i64;

fn version(conn: &Connection) -> Result<i64> {
    Ok(conn.query_row("PRAGMA user_version", [], |r| r.get(0))?)
}

/// Applies every step the database lacks, each in its own transaction.
pub(super) fn migrate(conn: &mut Connection) -> Result<()> {
    let found = version(conn)?;
    if found > LATEST {
        return Err(StoreError::TooNew { found, known: LATEST });
    }
    while version(conn)? < LATEST {
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        // Another handle may have migrated while we waited for the lock.
        let current = version(&tx)?;
        if current >= LATEST {
            break;
        }
        let step = &STEPS[current as usize];
        tx.execute_batch(step.sql)?;
        if let Some(after) = step.after {
            after(&tx)?;
        }
        tx.pragma_update(None, "user_version", current + 1)?;
        tx.commit()?;
    }
    Ok(())
}
