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
    let terms: Vec<String> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| format!("\"{w}\"*"))
        .collect();
    (!terms.is_empty()).then(|| terms.join(" "))
}

/// (Re)indexes one article. Contentless tables need the old row deleted explicitly.
pub(super) fn index_article(
    conn: &Connection,
    id: i64,
    title: &str,
    content_html: &str,
    full_text_html: Option<&str>,
) -> Result<()> {
    conn.prepare_cached("DELETE FROM articles_fts WHERE rowid = ?1")?.execute([id])?;
    let mut body = plain_text(content_html);
    if let Some(full) = full_text_html {
        body.push(' ');
        body.push_str(&plain_text(full));
    }
    conn.prepare_cached("INSERT INTO articles_fts (rowid, title, body) VALUES (?1, ?2, ?3)")?
        .execute(params![id, title, body])?;
    Ok(())
}

/// Adds a new article to the index (no old row to remove).
pub(super) fn index_new_article(conn: &Connection, id: i64, title: &str, html: &str) -> Result<()> {
    conn.prepare_cached("INSERT INTO articles_fts (rowid, title, body) VALUES (?1, ?2, ?3)")?
        .execute(params![id, title, plain_text(html)])?;
    Ok(())
}

/// Indexes every stored article: run once by the migration that creates the index.
pub(super) fn index_all(conn: &rusqlite::Transaction) -> Result<()> {
    let mut rows = conn.prepare("SELECT id, title, content, full_text FROM articles")?;
    let mut rows = rows.query([])?;
    while let Some(row) = rows.next()? {
        let full: Option<String> = row.get(3)?;
        index_article(
            conn,
            row.get(0)?,
            &row.get::<_, String>(1)?,
            &row.get::<_, String>(2)?,
            full.as_deref(),
        )?;
    }
    Ok(())
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
