//! Which extractor's article to show: readability's container pruned by agreement when the two
//! read the same article, readability's whole when they did not, trafilatura's when readability
//! found nothing.

use dom_query::Document;
use rs_trafilatura::ExtractResult;

use super::readable::Readable;
use super::{Content, agree, chrome};

pub(super) fn content(readable: Option<&Readable>, scored: Option<&ExtractResult>) -> Option<Content> {
    let readable = readable.map(|article| {
        let doc = Document::from(article.content.as_str());
        chrome::strip(&doc);
        doc
    });
    match (readable, scored) {
        (Some(doc), Some(scored)) => {
            // Where they disagree, readability's whole article: trafilatura more often keeps
            // too much of a page (a whole listing) than readability picks the wrong part.
            agree::prune(&doc, &scored.content_text).or_else(|| Some(Content::of_document(&doc)))
        }
        (Some(doc), None) => Some(Content::of_document(&doc)),
        (None, Some(scored)) => Some(from_scored(scored)),
        (None, None) => None,
    }
}

fn from_scored(scored: &ExtractResult) -> Content {
    let html = match &scored.content_html {
        Some(html) if !html.trim().is_empty() => html.clone(),
        _ => crate::parse::html::text_to_html(&scored.content_text),
    };
    Content { html, text: scored.content_text.clone() }
}
