//! Ignore rules in the store. The database records the rules it was last given (`meta`), so
//! every handle (the reader's, a refresh's writer, a sync's) applies the same rules to the
//! articles it saves, and a changed rule is applied to what is stored once, when it is given.

use rusqlite::{Connection, params_from_iter};

use super::remote::{meta, set_meta};
use super::save::delete_articles;
use super::{Result, Store};
use crate::model::IgnoreRule;
use crate::query::Query;

const RULES_KEY: &str = "ignore_rules";

/// What giving the store new rules changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct RulesApplied {
    pub hidden: u32,
    pub shown: u32,
    pub dropped: u32,
}

/// One rule a line: `hide QUERY` or `drop QUERY`, the query printed in its canonical form.
fn record(rules: &[IgnoreRule]) -> String {
    rules.iter().map(|r| format!("{} {}\n", if r.drop { "drop" } else { "hide" }, r.query)).collect()
}

/// The rules the database records; a line this build cannot read (written by a newer one) is
/// skipped rather than failing every open.
pub(super) fn recorded(conn: &Connection) -> Result<Vec<IgnoreRule>> {
    let text = meta(conn, RULES_KEY)?.unwrap_or_default();
    Ok(text
        .lines()
        .filter_map(|line| {
            let parsed = line.split_once(' ').and_then(|(mode, query)| {
                Some(IgnoreRule { query: Query::parse(query).ok()?, drop: mode == "drop" })
            });
            if parsed.is_none() {
                tracing::warn!("an ignore rule the database records cannot be read, skipped: {line}");
            }
            parsed
        })
        .collect())
}

/// `(q1) OR (q2) ...` over the rules of one mode, or None when there are none.
fn any_of(rules: &[IgnoreRule], drop: bool) -> Option<Query> {
    rules.iter().filter(|r| r.drop == drop).map(|r| r.query.clone()).reduce(|a, b| a.or(b))
}

/// Ids of articles (of any feed) matching `query`, among `among` when given.
fn matching(conn: &Connection, query: &Query, among: Option<&[i64]>) -> Result<Vec<i64>> {
    let mut sql = String::from("SELECT a.id FROM articles a JOIN feeds f ON f.id = a.feed_id WHERE ");
    let mut params = Vec::new();
    super::query::compile(query, chrono::Utc::now(), super::query::Use::All, &mut sql, &mut params);
    if let Some(ids) = among {
        sql.push_str(" AND a.id IN (SELECT value FROM json_each(?))");
        params.push(serde_json::to_string(ids).unwrap_or_else(|_| "[]".into()).into());
    }
    let ids = conn
        .prepare(&sql)?
        .query_map(params_from_iter(params), |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(ids)
}

/// `drop OR ...` of the rules, less the starred: a star is the user's word that an article stays.
fn dropping(rules: &[IgnoreRule]) -> Option<Query> {
    any_of(rules, true).map(|drop| drop.and(Query::parse("-starred").expect("a valid query")))
}

/// Whether a rule's verdict can change after an article is saved: its age grows, its state and
/// its full text change. Such rules are applied again whenever the store is given the rules.
fn volatile(rules: &[IgnoreRule]) -> bool {
    use crate::query::Term;
    rules
        .iter()
        .flat_map(|r| r.query.terms())
        .any(|t| matches!(t, Term::Age(_) | Term::Read | Term::Unread | Term::Starred | Term::HasFullText))
}

/// Applies the rules to articles just saved (inside the saving transaction, after their words
/// are in the index and their state is set): drops and hides. Returns how many were dropped
/// or hidden, to take off "new".
pub(super) fn apply_to_new(conn: &Connection, rules: &[IgnoreRule], new: &[i64]) -> Result<u32> {
    if rules.is_empty() || new.is_empty() {
        return Ok(0);
    }
    super::search::flush_queue(conn)?;
    let mut ignored = 0;
    if let Some(drop) = dropping(rules) {
        let ids = matching(conn, &drop, Some(new))?;
        delete_articles(conn, &ids)?;
        ignored += ids.len() as u32;
    }
    if let Some(hide) = any_of(rules, false) {
        let mut stmt = conn.prepare_cached("UPDATE articles SET hidden = 1 WHERE id = ?1 AND hidden = 0")?;
        for id in matching(conn, &hide, Some(new))? {
            ignored += stmt.execute([id])? as u32;
        }
    }
    Ok(ignored)
}

impl Store {
    /// Gives the store the config's ignore rules. When they differ from the recorded ones (or
    /// their verdicts change with time, see `volatile`), they apply to what is stored at once,
    /// in one transaction: matches of a hide rule are hidden, hidden articles no rule matches
    /// any more come back, matches of a drop rule are deleted (starred ones excepted).
    pub fn set_ignore_rules(&mut self, rules: &[IgnoreRule]) -> Result<RulesApplied> {
        let text = record(rules);
        if meta(&self.conn, RULES_KEY)?.unwrap_or_default() == text && !volatile(rules) {
            self.rules = rules.to_vec();
            return Ok(RulesApplied::default());
        }
        let tx = self.write()?;
        let mut applied = RulesApplied::default();
        if let Some(drop) = dropping(rules) {
            let ids = matching(&tx, &drop, None)?;
            delete_articles(&tx, &ids)?;
            applied.dropped = ids.len() as u32;
        }
        let hide: Vec<i64> = match any_of(rules, false) {
            Some(hide) => matching(&tx, &hide, None)?,
            None => Vec::new(),
        };
        let json = serde_json::to_string(&hide).unwrap_or_else(|_| "[]".into());
        applied.shown = tx.execute(
            "UPDATE articles SET hidden = 0
             WHERE hidden = 1 AND id NOT IN (SELECT value FROM json_each(?1))",
            [&json],
        )? as u32;
        applied.hidden = tx.execute(
            "UPDATE articles SET hidden = 1
             WHERE hidden = 0 AND id IN (SELECT value FROM json_each(?1))",
            [&json],
        )? as u32;
        set_meta(&tx, RULES_KEY, Some(&text))?;
        tx.commit()?;
        self.rules = rules.to_vec();
        Ok(applied)
    }
}
