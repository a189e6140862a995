//! Full text: fetch an article's page and extract its main content ([`crate::extract`]), for feeds that
//! carry only a summary. Used by the refresh (per-feed `full_text = true`) and by the reader (`f`).

use crate::extract::extract;
use crate::fetch::{Fetched, Fetcher, Page};
use crate::model::FullText;

/// Fetches `url` and returns the extracted article with its author and date, or a one-line
/// reason.
pub async fn fetch_full_text(fetcher: &Fetcher, url: &str) -> Result<FullText, String> {
    let page = match fetcher.get_remote(url).await {
        Ok(Fetched::Page(page)) => page,
        Ok(Fetched::NotModified) => return Err("the server answered 304 to a plain request".into()),
        Err(e) => return Err(e.to_string()),
    };
    // Extraction parses a whole page: CPU work, kept off the async workers.
    tokio::task::spawn_blocking(move || {
        let html = decode_html(&page);
        extract(&html, Some(&page.final_url))
            .map(|a| FullText {
                html: a.content_html,
                author: a.author,
                published: a.published,
                image: a.lead_image,
            })
            .map_err(|e| e.to_string())
    })
    .await
    .unwrap_or_else(|e| Err(format!("internal error while extracting: {e}")))
}

/// A page's bytes as text: the charset of the Content-Type header, else of a `<meta>` tag in the
/// first kilobytes, else UTF-8 (invalid bytes replaced).
pub fn decode_html(page: &Page) -> String {
    let declared = page
        .content_type
        .as_deref()
        .and_then(charset_param)
        .or_else(|| meta_charset(&page.body[..page.body.len().min(4096)]));
    let encoding = declared.and_then(|label| encoding_rs::Encoding::for_label(label.as_bytes()));
    match encoding {
        Some(enc) => enc.decode(&page.body).0.into_owned(),
        None => String::from_utf8_lossy(&page.body).into_owned(),
    }
}

fn charset_param(content_type: &str) -> Option<String> {
    content_type.split(';').skip(1).find_map(|p| {
        let (k, v) = p.split_once('=')?;
        k.trim().eq_ignore_ascii_case("charset").then(|| v.trim().trim_matches('"').to_string())
    })
}

/// `<meta charset="x">` or `<meta http-equiv="Content-Type" content="text/html; charset=x">`.
fn meta_charset(head: &[u8]) -> Option<String> {
    let text = String::from_utf8_lossy(head).to_ascii_lowercase();
    let at = text.find("charset=")? + "charset=".len();
    let rest = text[at..].trim_start_matches(['"', '\'', ' ']);
    let end = rest.find(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == '_')).unwrap_or(rest.len());
    (end > 0).then(|| rest[..end].to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::Validators;

    fn page(body: &[u8], content_type: Option<&str>) -> Page {
        Page {
            final_url: "http://127.0.0.1/".into(),
            moved_permanently: None,
            content_type: content_type.map(str::to_string),
            validators: Validators::default(),
            body: body.to_vec(),
        }
    }

    #[test]
    fn decodes_by_header_then_meta_then_utf8() {
        let latin1 = b"<p>caf\xe9</p>";
        assert_eq!(decode_html(&page(latin1, Some("text/html; charset=ISO-8859-1"))), "<p>café</p>");
        let meta = b"<html><head><meta charset=\"windows-1252\"></head><p>\x93hi\x94</p>";
        assert!(decode_html(&page(meta, Some("text/html"))).contains("“hi”"));
        let http_equiv = b"<meta http-equiv=\"Content-Type\" content=\"text/html; charset=iso-8859-15\">\xa4";
        assert!(decode_html(&page(http_equiv, None)).ends_with('€'));
        assert_eq!(decode_html(&page("déjà".as_bytes(), None)), "déjà");
    }
}
