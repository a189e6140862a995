//! The tags pane: feed tags and article categories, merged case-insensitively, with counts.

use super::{Result, Store};
use crate::model::TagCount;

/// Every article of a feed carries the feed's tags, so a tag's count is, summed over subscribed
/// feeds: the feed's counters when the feed has the tag, else the feed's articles with that
/// category (`category_counts`). Both sides are kept by triggers; nothing scans articles.
const TAG_COUNTS: &str = "
WITH per_feed (norm, total, unread) AS (
    SELECT t.norm, f.total, f.unread
      FROM feed_tags t JOIN feeds f ON f.id = t.feed_id
     WHERE f.subscribed = 1
    UNION ALL
    SELECT c.norm, c.total, c.unread
      FROM category_counts c JOIN feeds f ON f.id = c.feed_id
     WHERE f.subscribed = 1 AND c.total > 0
       AND NOT EXISTS (SELECT 1 FROM feed_tags t WHERE t.feed_id = c.feed_id AND t.norm = c.norm)
)
SELECT coalesce(n.display, p.norm), sum(p.unread), sum(p.total)
  FROM per_feed p LEFT JOIN tag_names n ON n.norm = p.norm
 GROUP BY p.norm
 ORDER BY p.norm";

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
