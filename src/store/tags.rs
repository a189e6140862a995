//! The tags pane: feed tags and article categories, merged case-insensitively, with counts.

use super::{Result, Store};
use crate::model::TagCount;

/// Every article of a feed carries the feed's tags, so over subscribed feeds a tag counts:
/// the articles of feeds tagged with it, plus the articles with it as a category
/// (`category_sums` over every feed, less the unsubscribed feeds' `category_counts`, all kept by
/// triggers), minus those counted twice (with it as a category in a feed tagged with it). Small
/// aggregates and a few thousand index lookups; no article row is read.
const TAG_COUNTS: &str = "
WITH parts (norm, total, unread, is_feed_tag) AS (
    SELECT t.norm, f.total, f.unread, 1
      FROM feed_tags t JOIN feeds f ON f.id = t.feed_id
     WHERE f.subscribed = 1
    UNION ALL
    SELECT norm, total, unread, 0 FROM category_sums
    UNION ALL
    -- CROSS JOIN keeps feeds first: the planner would rather walk every category row.
    SELECT c.norm, -c.total, -c.unread, 0
      FROM feeds f CROSS JOIN category_counts c ON c.feed_id = f.id
     WHERE f.subscribed = 0
    UNION ALL
    SELECT c.norm, -c.total, -c.unread, 0
      FROM feed_tags t
      JOIN feeds f ON f.id = t.feed_id
      JOIN category_counts c ON c.norm = t.norm AND c.feed_id = t.feed_id
     WHERE f.subscribed = 1
),
sums (norm, total, unread) AS (
    SELECT norm, sum(total), sum(unread) FROM parts
     GROUP BY norm
    -- A category whose articles are all gone is no tag; a feed tag always is.
    HAVING sum(total) > 0 OR max(is_feed_tag) = 1
)
SELECT coalesce(n.display, s.norm), s.unread, s.total
  FROM sums s LEFT JOIN tag_names n ON n.norm = s.norm
 ORDER BY s.norm";

impl Store {
    /// Every tag (feed tags and article categories, case-insensitive) of subscribed feeds, with
    /// unread and total article counts, sorted by name.
    pub fn tags(&self) -> Result<Vec<TagCount>> {
        let mut stmt = self.conn.prepare_cached(TAG_COUNTS)?;
        let tags = stmt
            .query_map([], |r| Ok(TagCount { tag: r.get(0)?, unread: r.get(1)?, total: r.get(2)? }))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(tags)
    }
}
