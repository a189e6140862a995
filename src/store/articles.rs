//! Listing articles and changing their read/starred state.

use chrono::{DateTime, Utc};
use rusqlite::{OptionalExtension, Row, params, params_from_iter};

use super::feeds::{FEED_TAG_LIST, FEED_TITLE};
use super::filter::{Condition, condition, order_by, page_condition};
use super::search::index_article;
use super::{Result, Store, from_ts, split_list, to_ts};
use crate::model::{Article, ArticleId, ArticleSummary, Change, FeedId, Filter, FullText, Media, Sort};
use crate::sanitize::{clean, clean_line};

/// The columns `summary_from_row` reads, in order. Categories the feed already carries as
/// tags are left out, so tags come out de-duplicated.
fn summary_columns() -> String {
    format!(
        "a.id, a.feed_id, f.url, {FEED_TITLE}, a.title, a.link, a.author, a.date,
         a.published IS NOT NULL, a.read, a.starred, {FEED_TAG_LIST},
         (SELECT group_concat(n.display, char(31) ORDER BY n.norm)
            FROM article_categories c JOIN tag_names n ON n.norm = c.norm
           WHERE c.article_id = a.id
             AND c.norm NOT IN (SELECT norm FROM feed_tags WHERE feed_id = a.feed_id))"
    )
}

const SUMMARY_COLUMN_COUNT: usize = 13;

fn summary_from_row(row: &Row) -> rusqlite::Result<ArticleSummary> {
    let mut tags = split_list(row.get(11)?);
    tags.extend(split_list(row.get(12)?));
    Ok(ArticleSummary {
        id: ArticleId(row.get(0)?),
        feed_id: FeedId(row.get(1)?),
        feed_url: row.get(2)?,
        feed_title: row.get(3)?,
        title: row.get(4)?,
        link: row.get(5)?,
        author: row.get(6)?,
        date: from_ts(row.get(7)?),
        has_published: row.get(8)?,
        tags,
        read: row.get(9)?,
        starred: row.get(10)?,
    })
}

/// Stored attachments; a row written by a newer byline that this one cannot read shows none.
fn media_from_json(json: Option<String>) -> Media {
    json.and_then(|j| serde_json::from_str(&j).ok()).unwrap_or_default()
}

/// The articles matching a condition with `n`, their position in the list order (from 0).
fn numbered(condition: &str, sort: Sort) -> String {
    format!(
        "SELECT a.id, a.read, row_number() OVER (ORDER BY {}) - 1 AS n
         FROM articles a JOIN feeds f ON f.id = a.feed_id WHERE {condition}",
        order_by(sort)
    )
}

/// The statement behind [`Store::articles`] and its parameters.
fn list_query(filter: &Filter, offset: u32, limit: u32) -> (String, Vec<rusqlite::types::Value>) {
    let Condition { sql, mut params } = page_condition(filter);
    let order = order_by(filter.sort);
    // The page's ids first, then the columns for those rows alone: SQLite computes a sorted
    // query's columns (here two subqueries a row) for every row it sorts, thousands for a tag.
    let query = format!(
        "SELECT {} FROM (SELECT a.id FROM articles a JOIN feeds f ON f.id = a.feed_id WHERE {sql}
                         ORDER BY {order} LIMIT ? OFFSET ?) page
         JOIN articles a ON a.id = page.id JOIN feeds f ON f.id = a.feed_id
         ORDER BY {order}",
        summary_columns(),
    );
    params.push(i64::from(limit).into());
    params.push(i64::from(offset).into());
    (query, params)
}

fn count_query(filter: &Filter) -> (String, Vec<rusqlite::types::Value>) {
    let Condition { sql, params } = condition(filter);
    (format!("SELECT count(*) FROM articles a JOIN feeds f ON f.id = a.feed_id WHERE {sql}"), params)
}

impl Store {
    /// Articles of subscribed feeds matching the filter, in its order (by default newest first,
    /// then highest id), `limit` rows from `offset`.
    pub fn articles(&self, filter: &Filter, offset: u32, limit: u32) -> Result<Vec<ArticleSummary>> {
        let (query, params) = list_query(filter, offset, limit);
        let mut stmt = self.conn.prepare_cached(&query)?;
        let rows =
            stmt.query_map(params_from_iter(params), summary_from_row)?.collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }

    /// Whether `count_articles(filter)` is answered by the per-feed counters, without reading
    /// the articles (the reader waits for such a count; it does not wait for the others).
    pub fn counts_from_counters(&self, filter: &Filter) -> bool {
        Condition::countable_from_feeds(filter)
    }

    /// How many articles `articles` would list without a limit.
    pub fn count_articles(&self, filter: &Filter) -> Result<u32> {
        if Condition::countable_from_feeds(filter) {
            // The per-feed counters kept by triggers: no scan of the articles.
            let column = if filter.unread_only { "unread" } else { "total" };
            let sql = format!(
                "SELECT coalesce(sum({column}), 0) FROM feeds
                 WHERE subscribed = 1 AND (?1 IS NULL OR id = ?1)"
            );
            let n: i64 =
                self.conn.prepare_cached(&sql)?.query_row([filter.feed.map(|f| f.0)], |r| r.get(0))?;
            return Ok(u32::try_from(n).unwrap_or(0));
        }
        let (query, params) = count_query(filter);
        let n: u32 = self.conn.prepare_cached(&query)?.query_row(params_from_iter(params), |r| r.get(0))?;
        Ok(n)
    }

    /// SQLite's plan for `articles(filter, 0, limit)`, a line a step: for the test that every
    /// query term uses its index.
    pub fn explain_articles(&self, filter: &Filter, limit: u32) -> Result<Vec<String>> {
        let (query, params) = list_query(filter, 0, limit);
        self.explain(&query, params)
    }

    /// SQLite's plan for `count_articles(filter)` when the counters cannot answer it.
    pub fn explain_count(&self, filter: &Filter) -> Result<Vec<String>> {
        let (query, params) = count_query(filter);
        self.explain(&query, params)
    }

    fn explain(&self, query: &str, params: Vec<rusqlite::types::Value>) -> Result<Vec<String>> {
        let mut stmt = self.conn.prepare(&format!("EXPLAIN QUERY PLAN {query}"))?;
        let rows = stmt.query_map(params_from_iter(params), |r| r.get::<_, String>(3))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The first unread article listed after position `after` under `filter` (positions as
    /// `articles` counts them): its position and id. For "next unread" past the loaded rows.
    pub fn next_unread_after(&self, filter: &Filter, after: u32) -> Result<Option<(u32, ArticleId)>> {
        let Condition { sql, mut params } = condition(filter);
        let query = format!(
            "SELECT n, id FROM ({}) WHERE n > ? AND read = 0 ORDER BY n LIMIT 1",
            numbered(&sql, filter.sort)
        );
        params.push(i64::from(after).into());
        let found = self
            .conn
            .prepare_cached(&query)?
            .query_row(params_from_iter(params), |r| Ok((r.get::<_, u32>(0)?, ArticleId(r.get(1)?))))
            .optional()?;
        Ok(found)
    }

    /// Where article `id` is listed under `filter` (positions as `articles` counts them), if it is.
    pub fn position_of(&self, filter: &Filter, id: ArticleId) -> Result<Option<u32>> {
        let Condition { sql, mut params } = condition(filter);
        let query = format!("SELECT n FROM ({}) WHERE id = ?", numbered(&sql, filter.sort));
        params.push(id.0.into());
        let found =
            self.conn.prepare_cached(&query)?.query_row(params_from_iter(params), |r| r.get(0)).optional()?;
        Ok(found)
    }

    /// Unread articles matching `query` first seen at or after `since` (what a refresh that
    /// started then brought): how many, and the newest one's title. For notifications.
    pub fn new_matching(
        &self,
        query: &crate::query::Query,
        since: DateTime<Utc>,
    ) -> Result<(u32, Option<String>)> {
        let filter = Filter { query: Some(query.clone()), unread_only: true, ..Filter::default() };
        let Condition { sql, mut params } = condition(&filter);
        params.push(to_ts(since).into());
        let from =
            format!("FROM articles a JOIN feeds f ON f.id = a.feed_id WHERE {sql} AND a.first_seen >= ?");
        let count: u32 = self
            .conn
            .prepare_cached(&format!("SELECT count(*) {from}"))?
            .query_row(params_from_iter(params.clone()), |r| r.get(0))?;
        let title = self
            .conn
            .prepare_cached(&format!("SELECT a.title {from} ORDER BY a.date DESC, a.id DESC LIMIT 1"))?
            .query_row(params_from_iter(params), |r| r.get(0))
            .optional()?;
        Ok((count, title))
    }

    /// How many articles of subscribed feeds are starred (the tags pane's Starred row).
    pub fn starred_count(&self) -> Result<u32> {
        let sql = "SELECT count(*) FROM articles a JOIN feeds f ON f.id = a.feed_id
                   WHERE a.starred = 1 AND a.hidden = 0 AND f.subscribed = 1";
        Ok(self.conn.prepare_cached(sql)?.query_row([], |r| r.get(0))?)
    }

    /// One whole article, whether or not its feed is still subscribed.
    pub fn article(&self, id: ArticleId) -> Result<Option<Article>> {
        let query = format!(
            "SELECT {}, b.content, b.full_text, a.first_seen, b.media, b.page_author, b.page_published
             FROM articles a JOIN feeds f ON f.id = a.feed_id
             JOIN article_bodies b ON b.article_id = a.id
             WHERE a.id = ?1",
            summary_columns()
        );
        let article = self
            .conn
            .prepare_cached(&query)?
            .query_row([id.0], |row| {
                let mut summary = summary_from_row(row)?;
                let page_published: Option<i64> = row.get(SUMMARY_COLUMN_COUNT + 5)?;
                summary.fill_from_page(row.get(SUMMARY_COLUMN_COUNT + 4)?, page_published.map(from_ts));
                Ok(Article {
                    summary,
                    content_html: row.get(SUMMARY_COLUMN_COUNT)?,
                    full_text_html: row.get(SUMMARY_COLUMN_COUNT + 1)?,
                    first_seen: from_ts(row.get(SUMMARY_COLUMN_COUNT + 2)?),
                    media: media_from_json(row.get(SUMMARY_COLUMN_COUNT + 3)?),
                })
            })
            .optional()?;
        Ok(article)
    }

    /// Sets read state; returns the ids whose state actually changed (for undo).
    pub fn set_read(&mut self, ids: &[ArticleId], read: bool) -> Result<Vec<ArticleId>> {
        self.set_flag("read", ids, read)
    }

    /// Sets starred state; returns the ids whose state actually changed (for undo).
    pub fn set_starred(&mut self, ids: &[ArticleId], starred: bool) -> Result<Vec<ArticleId>> {
        self.set_flag("starred", ids, starred)
    }

    /// In a synced store, each change also waits in the outbox, in the same transaction: a mark
    /// is never saved without being queued for the server.
    fn set_flag(&mut self, column: &str, ids: &[ArticleId], value: bool) -> Result<Vec<ArticleId>> {
        let tx = self.write()?;
        let mut changed = Vec::new();
        {
            let sql = format!("UPDATE articles SET {column} = ?2 WHERE id = ?1 AND {column} <> ?2");
            let mut stmt = tx.prepare_cached(&sql)?;
            for &id in ids {
                if stmt.execute(params![id.0, value])? > 0 {
                    changed.push(id);
                }
            }
        }
        super::remote::queue_changes(&tx, &changed, Change::of(column == "read", value))?;
        tx.commit()?;
        Ok(changed)
    }

    /// Marks every article matching the filter read; returns the ids that changed (for undo).
    pub fn mark_filter_read(&mut self, filter: &Filter) -> Result<Vec<ArticleId>> {
        let unread = Filter { unread_only: true, ..filter.clone() };
        let Condition { sql, params } = condition(&unread);
        let tx = self.write()?;
        let ids: Vec<i64> = tx
            .prepare_cached(&format!(
                "SELECT a.id FROM articles a JOIN feeds f ON f.id = a.feed_id WHERE {sql}"
            ))?
            .query_map(params_from_iter(params), |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        {
            let mut stmt = tx.prepare_cached("UPDATE articles SET read = 1 WHERE id = ?1")?;
            for &id in &ids {
                stmt.execute([id])?;
            }
        }
        let ids: Vec<ArticleId> = ids.into_iter().map(ArticleId).collect();
        super::remote::queue_changes(&tx, &ids, Change::Read)?;
        tx.commit()?;
        Ok(ids)
    }

    /// Caches an article's extracted full text (HTML) with its page's author and date, and makes
    /// its words searchable.
    pub fn set_full_text(&mut self, id: ArticleId, page: &FullText) -> Result<()> {
        let html = clean(&page.html);
        let author = page.author.as_deref().map(clean_line).filter(|a| !a.is_empty());
        let image = page.image.as_deref().map(clean_line).filter(|i| !i.is_empty());
        let tx = self.write()?;
        // The page's picture goes into the media only where the feed named none (json_set
        // appends it: the enclosures' index on the media's start is unchanged).
        let row: Option<(String, String)> = tx
            .prepare_cached(
                "UPDATE article_bodies SET full_text = ?2, page_author = ?3, page_published = ?4,
                   media = CASE WHEN ?5 IS NULL OR json_extract(media, '$.image') IS NOT NULL THEN media
                                ELSE json_set(coalesce(media, '{}'), '$.image', ?5) END
                 WHERE article_id = ?1
                 RETURNING (SELECT title FROM articles WHERE id = ?1), content",
            )?
            .query_row(params![id.0, html, author, page.published.map(to_ts), image], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })
            .optional()?;
        if let Some((title, content)) = row {
            index_article(&tx, id.0, &title, &content, Some(&html))?;
        }
        tx.commit()?;
        Ok(())
    }

    /// Articles of `feed` first seen at or after `since` that have a link but no full text yet:
    /// what a refresh of a `full_text = true` feed fetches.
    pub fn missing_full_text(&self, feed: FeedId, since: DateTime<Utc>) -> Result<Vec<(ArticleId, String)>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT a.id, a.link FROM articles a JOIN article_bodies b ON b.article_id = a.id
             WHERE a.feed_id = ?1 AND a.first_seen >= ?2 AND a.link IS NOT NULL AND b.full_text IS NULL
             ORDER BY a.id",
        )?;
        let rows =
            stmt.query_map(params![feed.0, to_ts(since)], |r| Ok((ArticleId(r.get(0)?), r.get(1)?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}
