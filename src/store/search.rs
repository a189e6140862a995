//! The FTS5 index over titles and the plain text of bodies (and cached full text), and the
//! translation of what a user types into a query FTS5 cannot choke on.

use rusqlite::{Connection, params};

use super::Result;
use super::plain_text::plain_text;

/// Turns free text into an FTS5 query: every word must appear, each as a prefix
/// ("rust asy" finds "Rust async"). Words are split exactly where the unicode61 tokenizer
/// splits them and each is quoted, so quotes, operators and punctuation (`c++ "quote`, `NEAR(`,
/// `-x`) are plain text. None when the text holds no word at all.
pub(super) fn fts_query(text: &str) -> Option<String> {
    let terms: Vec<String> = crate::query::words(text).map(|w| format!("\"{w}\"*")).collect();
    (!terms.is_empty()).then(|| terms.join(" "))
}

/// (Re)indexes one article now.
pub(super) fn index_article(
    conn: &Connection,
    id: i64,
    title: &str,
    content_html: &str,
    full_text_html: Option<&str>,
) -> Result<()> {
    queue_article(conn, id, title, content_html, full_text_html, true)?;
    flush_queue(conn)
}

/// Queues an article for [`flush_queue`]. `replace` removes its old entry first (contentless
/// tables cannot update in place).
///
/// Why a queue: FTS5 flushes its in-memory index at every statement that writes to it, so one
/// INSERT per article makes one tiny segment per article and endless merging. One INSERT of
/// the whole queue writes one segment per transaction: several times faster.
pub(super) fn queue_article(
    conn: &Connection,
    id: i64,
    title: &str,
    content_html: &str,
    full_text_html: Option<&str>,
    replace: bool,
) -> Result<()> {
    queue_text(conn, id, title, &search_body(&plain_text(content_html), full_text_html), replace)
}

/// Like [`queue_article`] with the body's plain text already made (off the writer's thread).
pub(super) fn queue_text(conn: &Connection, id: i64, title: &str, body: &str, replace: bool) -> Result<()> {
    conn.prepare_cached("INSERT INTO temp.fts_queue (id, title, body, replace) VALUES (?1, ?2, ?3, ?4)")?
        .execute(params![id, title, body, replace])?;
    Ok(())
}

/// What the index holds of an article's body: the feed's text, then its page's extracted text.
pub(super) fn search_body(plain: &str, full_text_html: Option<&str>) -> String {
    let mut body = plain.to_owned();
    if let Some(full) = full_text_html {
        body.push(' ');
        body.push_str(&plain_text(full));
    }
    body
}

/// Writes the queued articles to the index in two statements, and empties the queue.
pub(super) fn flush_queue(conn: &Connection) -> Result<()> {
    conn.prepare_cached(
        "DELETE FROM articles_fts WHERE rowid IN (SELECT id FROM temp.fts_queue WHERE replace)",
    )?
    .execute([])?;
    conn.prepare_cached(
        "INSERT INTO articles_fts (rowid, title, body) SELECT id, title, body FROM temp.fts_queue",
    )?
    .execute([])?;
    conn.prepare_cached("DELETE FROM temp.fts_queue")?.execute([])?;
    Ok(())
}

/// The per-connection queue behind [`queue_article`].
pub(super) fn create_queue(conn: &Connection) -> Result<()> {
    conn.execute_batch(
        "CREATE TEMP TABLE IF NOT EXISTS fts_queue (
             id INTEGER PRIMARY KEY, title TEXT NOT NULL, body TEXT NOT NULL, replace INTEGER NOT NULL
         )",
    )?;
    Ok(())
}

/// Indexes every stored article: run once by the migration that creates the index.
pub(super) fn index_all(conn: &rusqlite::Transaction) -> Result<()> {
    create_queue(conn)?;
    let mut rows = conn.prepare(
        "SELECT a.id, a.title, b.content, b.full_text
         FROM articles a JOIN article_bodies b ON b.article_id = a.id",
    )?;
    let mut rows = rows.query([])?;
    while let Some(row) = rows.next()? {
        let full: Option<String> = row.get(3)?;
        queue_article(
            conn,
            row.get(0)?,
            &row.get::<_, String>(1)?,
            &row.get::<_, String>(2)?,
            full.as_deref(),
            false,
        )?;
    }
    flush_queue(conn)
}

#[cfg(test)]
mod tests {
    use super::fts_query;

    #[test]
    fn quotes_words_and_drops_punctuation() {
        assert_eq!(fts_query("c++ \"quote").as_deref(), Some("\"c\"* \"quote\"*"));
        assert_eq!(fts_query("NEAR(a OR -b)").as_deref(), Some("\"NEAR\"* \"a\"* \"OR\"* \"b\"*"));
        assert_eq!(fts_query("Élysée café").as_deref(), Some("\"Élysée\"* \"café\"*"));
        assert_eq!(fts_query(" \"*( ) "), None);
    }
}
