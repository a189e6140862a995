//! [`Filter`] -> an SQL condition over `articles a` joined with `feeds f`.

use rusqlite::types::Value;

use super::norm_tag;
use super::query::Use;
use super::search::fts_query;
use crate::model::{Filter, Sort};

/// A WHERE clause and its positional parameters.
pub(super) struct Condition {
    pub sql: String,
    pub params: Vec<Value>,
}

impl Condition {
    /// True when the filter reduces to "every article of subscribed feeds", maybe per feed
    /// and/or unread only: the per-feed counters answer those counts.
    pub fn countable_from_feeds(filter: &Filter) -> bool {
        !filter.starred_only
            && active_tags(filter).is_empty()
            && search_query(filter).is_none()
            && filter.query.is_none()
    }
}

pub(super) fn active_tags(filter: &Filter) -> Vec<String> {
    let mut tags: Vec<String> = filter.tags.iter().map(|t| norm_tag(t)).filter(|t| !t.is_empty()).collect();
    tags.sort();
    tags.dedup();
    tags
}

pub(super) fn search_query(filter: &Filter) -> Option<String> {
    filter.search.as_deref().and_then(fts_query)
}

/// The list's ORDER BY: every order ends on the id, so positions are stable.
pub(super) fn order_by(sort: Sort) -> &'static str {
    match sort {
        Sort::Newest => "a.date DESC, a.id DESC",
        Sort::Oldest => "a.date, a.id",
        Sort::Feed => "f.position, f.id, a.date DESC, a.id DESC",
        Sort::UnreadFirst => "a.read, a.date DESC, a.id DESC",
    }
}

/// Literal `a.read = 0` / `a.starred = 1` (not parameters) so SQLite can pick the partial
/// indexes built on exactly those conditions. Articles an ignore rule hides are never listed.
pub(super) fn condition(filter: &Filter) -> Condition {
    condition_for(filter, Use::All)
}

/// [`condition`] for one page of the list (see [`Use::Page`]).
pub(super) fn page_condition(filter: &Filter) -> Condition {
    condition_for(filter, Use::Page)
}

fn condition_for(filter: &Filter, to: Use) -> Condition {
    let mut sql = String::from("f.subscribed = 1 AND a.hidden = 0");
    let mut params = Vec::new();
    if let Some(feed) = filter.feed {
        sql.push_str(" AND a.feed_id = ?");
        params.push(Value::Integer(feed.0));
    }
    if filter.unread_only {
        sql.push_str(" AND a.read = 0");
    }
    if filter.starred_only {
        sql.push_str(" AND a.starred = 1");
    }
    for tag in active_tags(filter) {
        // An article carries a tag through its feed or through its own categories.
        sql.push_str(
            " AND (a.feed_id IN (SELECT feed_id FROM feed_tags WHERE norm = ?) \
             OR a.id IN (SELECT article_id FROM article_categories WHERE norm = ?))",
        );
        params.push(Value::Text(tag.clone()));
        params.push(Value::Text(tag));
    }
    if let Some(query) = search_query(filter) {
        let check = if to == Use::Page { "+" } else { "" };
        sql.push_str(&format!(
            " AND {check}a.id IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?)"
        ));
        params.push(Value::Text(query));
    }
    if let Some(query) = &filter.query {
        sql.push_str(" AND ");
        super::query::compile(query, chrono::Utc::now(), to, &mut sql, &mut params);
    }
    Condition { sql, params }
}
