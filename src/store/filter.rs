//! [`Filter`] -> an SQL condition over `articles a` joined with `feeds f`.

use rusqlite::types::Value;

use super::norm_tag;
use super::query::{Use, term_condition};
use super::search::fts_query;
use crate::model::{Filter, Sort};
use crate::query::Term;

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
    // The picked tags and the search are the query language's terms, compiled as such.
    for tag in active_tags(filter) {
        sql.push_str(" AND ");
        term_condition(&Term::Tag(tag), to, &mut sql, &mut params);
    }
    // A search without a word is no condition (a query's bare word without one is refused).
    if let Some(search) = filter.search.as_deref().filter(|s| fts_query(s).is_some()) {
        sql.push_str(" AND ");
        term_condition(&Term::Words(search.to_string()), to, &mut sql, &mut params);
    }
    if let Some(query) = &filter.query {
        sql.push_str(" AND ");
        super::query::compile(query, chrono::Utc::now(), to, &mut sql, &mut params);
    }
    Condition { sql, params }
}
