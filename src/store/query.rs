//! A [`Query`] -> an SQL condition over `articles a` joined with `feeds f`, each term on an index
//! where one exists: tags through `feed_tags` and `article_categories`, words and titles through
//! the FTS index, dates through `articles_by_date`, read and starred as the literal conditions of
//! the partial indexes, `has:` through partial indexes on the bodies. `author:` and the title's
//! word check read the rows the other terms leave (they call Rust for each, last in an AND).

use chrono::{DateTime, Local, TimeZone, Utc};
use rusqlite::types::Value;

use super::norm_tag;
use super::search::fts_query;
use crate::query::{Expr, Query, Term};

/// The SQL function that folds text for matching as tags are matched (case, Unicode-aware).
pub(super) const FOLD: &str = "byline_fold";

/// The SQL function `byline_has_words(text, words)`: every word begins a word of the text, as
/// the search index matches (see `query::has_words`).
const HAS_WORDS: &str = "byline_has_words";

/// Registers [`FOLD`] and [`HAS_WORDS`] on a connection.
pub(super) fn register_functions(conn: &rusqlite::Connection) -> rusqlite::Result<()> {
    use rusqlite::functions::FunctionFlags;
    let flags =
        FunctionFlags::SQLITE_UTF8 | FunctionFlags::SQLITE_DETERMINISTIC | FunctionFlags::SQLITE_INNOCUOUS;
    conn.create_scalar_function(FOLD, 1, flags, |ctx| {
        let text: Option<String> = ctx.get(0)?;
        Ok(text.map(|t| t.to_lowercase()))
    })?;
    conn.create_scalar_function(HAS_WORDS, 2, flags, |ctx| {
        // The words, folded once a statement (SQLite keeps them with the parameter).
        let wanted = ctx.get_or_create_aux(1, |v| -> rusqlite::Result<_> {
            Ok(crate::query::Wanted::new(v.as_str().map_err(rusqlite::Error::from)?))
        })?;
        let text = ctx.get_raw(0).as_str().map_err(rusqlite::Error::from)?;
        Ok(wanted.in_text(text))
    })
}

/// What a condition is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Use {
    /// One page of the list, in its order: the search index's matches are a set each row is
    /// checked against (`+a.id IN`, which SQLite may not walk from), so the rows are read in
    /// date order and the page is done after a page of matches. Walking from the index would
    /// read and sort every match first, which for a common word is every article.
    Page,
    /// Everything that matches (a count, a mark): walking from the index's matches is the
    /// shortest way, as for a rare word it is a few rows.
    All,
}

/// `EXISTS`-free conditions: SQLite runs each `IN (subquery)` once into a lookup table.
pub(super) fn compile(query: &Query, now: DateTime<Utc>, to: Use, sql: &mut String, params: &mut Vec<Value>) {
    expr(query.expr(), (now, to), sql, params);
}

type Ctx = (DateTime<Utc>, Use);

/// Terms that call Rust for every row they see (`title:`'s word check, `author:`): an AND lists
/// them last, so the others have narrowed the rows first.
fn calls_per_row(e: &Expr) -> bool {
    matches!(e, Expr::Term(Term::Title(_) | Term::Author(_)))
}

fn expr(e: &Expr, ctx: Ctx, sql: &mut String, params: &mut Vec<Value>) {
    match e {
        Expr::And(parts) | Expr::Or(parts) => {
            let joiner = if matches!(e, Expr::And(_)) { " AND " } else { " OR " };
            let mut parts: Vec<&Expr> = parts.iter().collect();
            if matches!(e, Expr::And(_)) {
                parts.sort_by_key(|p| calls_per_row(p));
            }
            sql.push('(');
            for (i, part) in parts.iter().enumerate() {
                if i > 0 {
                    sql.push_str(joiner);
                }
                expr(part, ctx, sql, params);
            }
            sql.push(')');
        }
        Expr::Not(inner) => {
            sql.push_str("NOT ");
            expr(inner, ctx, sql, params);
        }
        Expr::Term(t) => term(t, ctx, sql, params),
    }
}

/// One term's condition: also what the tags pane's picks and the `/` search are (see `filter`).
pub(super) fn term_condition(t: &Term, to: Use, sql: &mut String, params: &mut Vec<Value>) {
    term(t, (Utc::now(), to), sql, params);
}

fn term(t: &Term, (now, to): Ctx, sql: &mut String, params: &mut Vec<Value>) {
    let mut text = |sql: &mut String, fragment: &str, value: String| {
        sql.push_str(fragment);
        params.push(Value::Text(value));
    };
    match t {
        Term::Tag(tag) => {
            let tag = norm_tag(tag);
            sql.push_str(
                "(a.feed_id IN (SELECT feed_id FROM feed_tags WHERE norm = ?) \
                 OR a.id IN (SELECT article_id FROM article_categories WHERE norm = ?))",
            );
            params.push(Value::Text(tag.clone()));
            params.push(Value::Text(tag));
        }
        Term::Feed(part) => text(
            sql,
            &format!(
                "a.feed_id IN (SELECT id FROM feeds WHERE instr({FOLD}(coalesce(user_title, '') || char(31) \
                 || coalesce(site_title, '') || char(31) || url), ?) > 0)"
            ),
            norm_tag(part),
        ),
        Term::Author(part) => {
            text(sql, &format!("instr({FOLD}(coalesce(a.author, '')), ?) > 0"), norm_tag(part))
        }
        Term::Title(words) => {
            // The index finds the articles holding the words anywhere; the title check keeps
            // those whose title holds them (the index has no columns: `detail = none`).
            sql.push('(');
            words_in_index(words, to, sql, params);
            sql.push_str(&format!(" AND {HAS_WORDS}(a.title, ?))"));
            params.push(Value::Text(words.clone()));
        }
        Term::Words(words) => words_in_index(words, to, sql, params),
        Term::Unread => sql.push_str("a.read = 0"),
        Term::Read => sql.push_str("a.read = 1"),
        Term::Starred => sql.push_str("a.starred = 1"),
        Term::Age(age) => {
            let edge = now.timestamp().saturating_sub(age.seconds());
            sql.push_str(if age.newer { "a.date >= ?" } else { "a.date < ?" });
            params.push(Value::Integer(edge));
        }
        Term::Since(day) => {
            let midnight = day.and_hms_opt(0, 0, 0).expect("midnight exists");
            // The earliest instant of that day here: a day that starts in a daylight-saving
            // gap (Santiago's, at midnight) begins at the first quarter hour that exists.
            let start = (0..=16)
                .find_map(|q| {
                    Local.from_local_datetime(&(midnight + chrono::Duration::minutes(15 * q))).earliest()
                })
                .map_or_else(|| midnight.and_utc().timestamp(), |t| t.timestamp());
            sql.push_str("a.date >= ?");
            params.push(Value::Integer(start));
        }
        // Exactly the partial index's condition, or SQLite will not use it.
        Term::HasEnclosure => sql.push_str(
            "a.id IN (SELECT article_id FROM article_bodies WHERE substr(media, 1, 14) = '{\"enclosures\":')",
        ),
        Term::HasFullText => {
            sql.push_str("a.id IN (SELECT article_id FROM article_bodies WHERE full_text IS NOT NULL)")
        }
    }
}

fn words_in_index(words: &str, to: Use, sql: &mut String, params: &mut Vec<Value>) {
    match fts_query(words) {
        Some(fts) => {
            if to == Use::Page {
                sql.push('+');
            }
            sql.push_str("a.id IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?)");
            params.push(Value::Text(fts));
        }
        // The parser refuses words without a letter or digit; match nothing rather than all.
        None => sql.push('0'),
    }
}
